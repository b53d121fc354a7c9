-- 014_signup_confirmation.sql: sign-up waits for the address to be confirmed by mail

-- A sign-up not yet confirmed. Every sign-up makes one, for a new address
-- and for a taken one alike, so that logging in with the password just
-- chosen answers the same either way ("confirm your address first"). Only
-- a new address is mailed a link: token_hash is the SHA-256 of the token
-- that mail carries, set when it is sent (the token itself is never
-- stored); a taken address's row never gets one, and its owner is mailed
-- that someone tried instead. The account is made when the link is
-- followed; the rows of that email then go.
CREATE TABLE pending_signups (
	id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	email         VARCHAR(254) NOT NULL,
	name          VARCHAR(100) NOT NULL,
	password_hash VARCHAR(255) NOT NULL,
	token_hash    BINARY(32) NULL,
	created_at    DATETIME NOT NULL,
	expires_at    DATETIME NOT NULL,
	UNIQUE KEY pending_signups_token (token_hash),
	KEY pending_signups_email (email, id),
	KEY pending_signups_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE mail_outbox MODIFY kind ENUM('welcome','created','confirmed','cancelled',
	'rescheduled','hold_expired','reminder_24h','reminder_1h',
	'signup_confirm','signup_taken') NOT NULL;
