-- 025_booking_series.sql: recurring bookings: one room slot repeated every
-- week or every two weeks, its dates booked under one order
--
-- A series keeps every date it was asked for, booked or not, with the
-- outcome it had (domain/series.c): booked, taken, missing, overlaps or
-- quota. Its bookings are those of its dates that have one.
CREATE TABLE booking_series (
	id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id        INT UNSIGNED NOT NULL,
	room_id        INT UNSIGNED NOT NULL,
	order_id       INT UNSIGNED NOT NULL,
	every          ENUM('week','2weeks') NOT NULL,
	all_or_nothing TINYINT NOT NULL DEFAULT 0,
	created_at     DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT booking_series_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT booking_series_room FOREIGN KEY (room_id) REFERENCES rooms (id),
	CONSTRAINT booking_series_order FOREIGN KEY (order_id) REFERENCES orders (id),
	UNIQUE KEY booking_series_order (order_id),
	KEY booking_series_user (user_id, id)
) ENGINE=InnoDB;

CREATE TABLE booking_series_dates (
	series_id   INT UNSIGNED NOT NULL,
	position    SMALLINT UNSIGNED NOT NULL,	-- 0: the timeslot it started from
	start_time  DATETIME NOT NULL,
	end_time    DATETIME NOT NULL,
	timeslot_id INT UNSIGNED NULL,		-- NULL: no timeslot of the room matched
	booking_id  INT UNSIGNED NULL,		-- NULL: not booked
	outcome     ENUM('booked','taken','missing','overlaps','quota') NOT NULL,
	PRIMARY KEY (series_id, position),
	UNIQUE KEY booking_series_dates_booking (booking_id),
	CONSTRAINT booking_series_dates_series FOREIGN KEY (series_id)
		REFERENCES booking_series (id) ON DELETE CASCADE,
	CONSTRAINT booking_series_dates_timeslot FOREIGN KEY (timeslot_id)
		REFERENCES timeslots (id) ON DELETE SET NULL,
	CONSTRAINT booking_series_dates_booking FOREIGN KEY (booking_id)
		REFERENCES bookings (id) ON DELETE SET NULL
) ENGINE=InnoDB;
