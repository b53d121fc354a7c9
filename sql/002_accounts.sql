-- 002_accounts.sql: browser sessions, API tokens and failed-login tracking

-- A browser session. The cookie holds a random token; only its SHA-256 is
-- stored, so a copy of this table lets nobody in.
CREATE TABLE sessions (
	token_hash   BINARY(32) NOT NULL PRIMARY KEY,
	user_id      INT UNSIGNED NOT NULL,
	csrf         CHAR(64) NOT NULL,
	created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_seen_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at   DATETIME NOT NULL,
	CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	KEY sessions_user (user_id),
	KEY sessions_expires (expires_at)
) ENGINE=InnoDB;

-- Personal API tokens (no expiry) and the tokens POST /api/v1/auth/login
-- hands out (expiring). Only hashes are stored.
CREATE TABLE api_tokens (
	id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id      INT UNSIGNED NOT NULL,
	name         VARCHAR(100) NOT NULL,
	token_hash   BINARY(32) NOT NULL,
	created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_used_at DATETIME NULL,
	expires_at   DATETIME NULL,
	revoked_at   DATETIME NULL,
	CONSTRAINT api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	UNIQUE KEY api_tokens_hash (token_hash),
	KEY api_tokens_user (user_id, revoked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins by the email typed, whether or not it is registered, so the
-- lock-out tells nothing about which addresses exist.
CREATE TABLE login_failures (
	id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	email     VARCHAR(254) NOT NULL,
	failed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY login_failures_email (email, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
