-- 017_waitlist.sql: people waiting for a place in a full timeslot, first come first served

-- A row lives while its user waits: a freed seat turns the oldest row of the
-- timeslot into a booking (a hold for a paid one) under the timeslot's lock,
-- and leaving deletes it. The position is the rows before it.
CREATE TABLE waitlist (
	id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	timeslot_id INT UNSIGNED NOT NULL,
	user_id     INT UNSIGNED NOT NULL,
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT waitlist_timeslot FOREIGN KEY (timeslot_id) REFERENCES timeslots (id) ON DELETE CASCADE,
	CONSTRAINT waitlist_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	UNIQUE KEY waitlist_one (timeslot_id, user_id),
	KEY waitlist_user (user_id, id)
) ENGINE=InnoDB;
