-- 009_two_factor.sql: TOTP second factor, recovery codes, remembered devices and
-- the half-finished logins waiting for a code

-- One authenticator per user. enabled_at NULL: enrolment begun, the first
-- code not yet given. last_step is the TOTP time step of the last code
-- accepted: a code of that step or an earlier one is refused (no replay).
CREATE TABLE user_totp (
	user_id      INT UNSIGNED NOT NULL PRIMARY KEY,
	secret       VARCHAR(64) NOT NULL,	-- base32, as the app is given it
	created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	enabled_at   DATETIME NULL,
	last_step    BIGINT NOT NULL DEFAULT 0,
	failures     INT NOT NULL DEFAULT 0,	-- wrong codes since the last right one
	failed_at    DATETIME NULL,
	CONSTRAINT user_totp_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- One-time recovery codes, shown once; only their SHA-256 is kept.
CREATE TABLE recovery_codes (
	id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id    INT UNSIGNED NOT NULL,
	code_hash  BINARY(32) NOT NULL,
	used_at    DATETIME NULL,
	CONSTRAINT recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	UNIQUE KEY recovery_codes_hash (user_id, code_hash)
) ENGINE=InnoDB;

-- "Remember this device": the cookie holds a random token, the table its
-- hash and when it stops being enough.
CREATE TABLE remembered_devices (
	token_hash  BINARY(32) NOT NULL PRIMARY KEY,
	user_id     INT UNSIGNED NOT NULL,
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at  DATETIME NOT NULL,
	CONSTRAINT remembered_devices_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	KEY remembered_devices_user (user_id)
) ENGINE=InnoDB;

-- A login whose password was right, waiting for its code (or, for an admin
-- who must have a second factor and has none, for enrolment). The browser
-- holds the token; nothing here is a session.
CREATE TABLE login_challenges (
	token_hash  BINARY(32) NOT NULL PRIMARY KEY,
	user_id     INT UNSIGNED NOT NULL,
	enrol       TINYINT(1) NOT NULL DEFAULT 0,
	expires_at  DATETIME NOT NULL,
	CONSTRAINT login_challenges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	KEY login_challenges_user (user_id)
) ENGINE=InnoDB;
