-- 021_reviews.sql: a customer's review of a completed booking, and the
-- booking events of reviewing and of an admin hiding a review
--
-- One review per booking (the unique key). room_id and event_id are the
-- booking's, kept here so that a room's or an event's reviews are one
-- index range. A hidden review is kept (hidden_at, hidden_by) and no
-- longer shown.
CREATE TABLE reviews (
	id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	booking_id INT UNSIGNED NOT NULL,
	user_id    INT UNSIGNED NOT NULL,
	room_id    INT UNSIGNED NOT NULL,
	event_id   INT UNSIGNED NULL,
	rating     TINYINT UNSIGNED NOT NULL,
	comment    VARCHAR(2000) NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	hidden_at  DATETIME NULL,
	hidden_by  INT UNSIGNED NULL,
	CONSTRAINT reviews_rating CHECK (rating BETWEEN 1 AND 5),
	CONSTRAINT reviews_booking FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
	CONSTRAINT reviews_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT reviews_room FOREIGN KEY (room_id) REFERENCES rooms (id),
	CONSTRAINT reviews_event FOREIGN KEY (event_id) REFERENCES events (id),
	CONSTRAINT reviews_hidden_by FOREIGN KEY (hidden_by) REFERENCES users (id) ON DELETE SET NULL,
	UNIQUE KEY reviews_booking (booking_id),
	KEY reviews_room (room_id, hidden_at, id),
	KEY reviews_event (event_id, hidden_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE booking_events MODIFY type
	ENUM('created','confirmed','cancelled','reactivated','rescheduled',
	     'checked_in','checked_out','completed','no_show','reviewed','review_hidden') NOT NULL;
