-- 003_booking_engine.sql: the audit trail, notifications, reminders and idempotency keys

-- Every state change of a booking, with who made it. Feeds the booking's
-- history and the owner's notifications.
CREATE TABLE booking_events (
	id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	booking_id INT UNSIGNED NOT NULL,
	type       ENUM('created','confirmed','cancelled','reactivated','rescheduled',
	                'checked_in','checked_out','completed','no_show') NOT NULL,
	actor_id   INT UNSIGNED NULL,		-- NULL: the system (an expired hold)
	old_status VARCHAR(20) NULL,
	new_status VARCHAR(20) NOT NULL,
	data       JSON NULL CHECK (data IS NULL OR JSON_VALID(data)),
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT booking_events_booking FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
	CONSTRAINT booking_events_actor FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL,
	KEY booking_events_booking (booking_id, id),
	KEY booking_events_type (type, created_at),
	KEY booking_events_actor (actor_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notifications (
	id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id    INT UNSIGNED NOT NULL,
	message    VARCHAR(500) NOT NULL,
	link       VARCHAR(200) NULL,
	read_at    DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT notifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	KEY notifications_user_unread (user_id, read_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reminders (
	id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	booking_id   INT UNSIGNED NOT NULL,
	type         ENUM('email_24h','email_1h','sms') NOT NULL,
	scheduled_at DATETIME NOT NULL,
	sent_at      DATETIME NULL,
	status       ENUM('pending','sent','cancelled','failed') NOT NULL DEFAULT 'pending',
	attempts     INT UNSIGNED NOT NULL DEFAULT 0,
	last_error   VARCHAR(500) NULL,
	CONSTRAINT reminders_booking FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
	KEY reminders_due (status, scheduled_at),
	KEY reminders_booking (booking_id, status)
) ENGINE=InnoDB;

-- A client's key for one booking request: the same key and body again
-- returns the booking the first request made instead of a second one.
CREATE TABLE idempotency_keys (
	user_id      INT UNSIGNED NOT NULL,
	idem_key     VARCHAR(100) NOT NULL,
	request_hash CHAR(64) NOT NULL,
	booking_id   INT UNSIGNED NOT NULL,
	created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (user_id, idem_key),
	CONSTRAINT idempotency_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT idempotency_keys_booking FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- The dashboard lists a user's bookings by start time.
ALTER TABLE bookings ADD KEY bookings_user_status (user_id, status);
