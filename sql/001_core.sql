-- 001_core.sql: users, rooms, events, timeslots and bookings (SPEC section 2)
-- Every DATETIME is UTC: the server and each connection run with time_zone = +00:00.

CREATE TABLE users (
	id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	email         VARCHAR(254) NOT NULL,
	name          VARCHAR(100) NOT NULL,
	password_hash VARCHAR(255) NOT NULL,
	role          ENUM('customer','admin') NOT NULL DEFAULT 'customer',
	created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE rooms (
	id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name        VARCHAR(100) NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	capacity    INT UNSIGNED NOT NULL DEFAULT 1,
	room_type   ENUM('office','consultation','meeting','treatment') NOT NULL,
	hourly_rate DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	is_active   BOOLEAN NOT NULL DEFAULT TRUE,
	metadata    JSON NULL CHECK (metadata IS NULL OR JSON_VALID(metadata)),
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	KEY rooms_type_capacity (room_type, capacity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE events (
	id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	title       VARCHAR(200) NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	kind        ENUM('individual','workshop','course') NOT NULL DEFAULT 'individual',
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A timeslot is one bookable session of a room, optionally of an event.
CREATE TABLE timeslots (
	id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	room_id      INT UNSIGNED NOT NULL,
	event_id     INT UNSIGNED NULL,
	start_time   DATETIME NOT NULL,
	end_time     DATETIME NOT NULL,
	price        DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	max_bookings INT UNSIGNED NOT NULL DEFAULT 1,
	status       ENUM('draft','scheduled','in_progress','completed','canceled') NOT NULL DEFAULT 'scheduled',
	sequence_no  INT UNSIGNED NULL,
	created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT timeslots_room FOREIGN KEY (room_id) REFERENCES rooms (id),
	CONSTRAINT timeslots_event FOREIGN KEY (event_id) REFERENCES events (id),
	CONSTRAINT timeslots_span CHECK (end_time > start_time),
	UNIQUE KEY timeslots_room_start (room_id, start_time),
	KEY timeslots_start (start_time),
	KEY timeslots_event_start (event_id, start_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One booking holds one seat. active_seat is 1 while the booking holds its
-- seat and NULL otherwise, so the unique key refuses a second active booking
-- of the same user for the same timeslot while allowing any number of
-- cancelled ones.
CREATE TABLE bookings (
	id              INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id         INT UNSIGNED NOT NULL,
	timeslot_id     INT UNSIGNED NOT NULL,
	room_id         INT UNSIGNED NOT NULL,
	order_id        INT UNSIGNED NULL,
	status          ENUM('pending','confirmed','cancelled','completed','no_show') NOT NULL DEFAULT 'pending',
	payment_status  ENUM('pending','paid','refunded') NOT NULL DEFAULT 'pending',
	payment_id      VARCHAR(100) NULL,
	price           DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	refund_amount   DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	notes           TEXT NOT NULL DEFAULT '',
	booking_type    VARCHAR(20) NOT NULL DEFAULT 'single',
	metadata        JSON NULL CHECK (metadata IS NULL OR JSON_VALID(metadata)),
	hold_expires_at DATETIME NULL,
	created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	cancelled_at    DATETIME NULL,
	checked_in_at   DATETIME NULL,
	checked_out_at  DATETIME NULL,
	active_seat     TINYINT AS (IF(status IN ('pending','confirmed'), 1, NULL)) PERSISTENT,
	CONSTRAINT bookings_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT bookings_timeslot FOREIGN KEY (timeslot_id) REFERENCES timeslots (id),
	CONSTRAINT bookings_room FOREIGN KEY (room_id) REFERENCES rooms (id),
	UNIQUE KEY bookings_one_active (user_id, timeslot_id, active_seat),
	KEY bookings_timeslot_status (timeslot_id, status),
	KEY bookings_user_created (user_id, created_at),
	KEY bookings_status_hold (status, hold_expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
