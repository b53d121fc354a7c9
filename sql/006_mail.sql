-- 006_mail.sql: the mail outbox, reminder opt-out and unsubscribe tokens
--
-- A message is written here in the same transaction as the change that
-- causes it, with the facts it tells (data), so a rolled-back change sends
-- nothing and a committed one is sent by the next bookingctl run-jobs even
-- if the booking changes again before then.
CREATE TABLE mail_outbox (
	id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind            ENUM('welcome','created','confirmed','cancelled','rescheduled',
	                     'hold_expired','reminder_24h','reminder_1h') NOT NULL,
	user_id         INT UNSIGNED NULL,
	booking_id      INT UNSIGNED NULL,
	to_addr         VARCHAR(254) NOT NULL,
	data            JSON NOT NULL CHECK (JSON_VALID(data)),
	status          ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
	attempts        INT UNSIGNED NOT NULL DEFAULT 0,
	next_attempt_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_error      VARCHAR(500) NULL,
	created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	sent_at         DATETIME NULL,
	CONSTRAINT mail_outbox_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL,
	CONSTRAINT mail_outbox_booking FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
	KEY mail_outbox_due (status, next_attempt_at, id),
	KEY mail_outbox_booking (booking_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- reminders_off: the user turned reminder mail off (account page or the
-- unsubscribe link). mail_token: the secret in that link, made with the
-- first message.
ALTER TABLE users
	ADD COLUMN reminders_off BOOLEAN NOT NULL DEFAULT FALSE,
	ADD COLUMN mail_token CHAR(64) CHARACTER SET ascii NULL,
	ADD UNIQUE KEY users_mail_token (mail_token);
