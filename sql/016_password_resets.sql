-- 016_password_resets.sql: a forgotten password is replaced through a link mailed to the account

-- A reset asked for. token_hash is the SHA-256 of the token its message
-- carries, set when the message is sent (the token itself is never
-- stored); the link works once, until expires_at.
CREATE TABLE password_resets (
	id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id     INT UNSIGNED NOT NULL,
	token_hash  BINARY(32) NULL,
	created_at  DATETIME NOT NULL,
	expires_at  DATETIME NOT NULL,
	CONSTRAINT password_resets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	UNIQUE KEY password_resets_token (token_hash),
	KEY password_resets_user (user_id, expires_at),
	KEY password_resets_expires (expires_at)
) ENGINE=InnoDB;

ALTER TABLE mail_outbox MODIFY kind ENUM('welcome','created','confirmed','cancelled',
	'rescheduled','hold_expired','reminder_24h','reminder_1h',
	'signup_confirm','signup_taken','password_reset') NOT NULL;
