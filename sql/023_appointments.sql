-- 023_appointments.sql: appointments, the sessions of an individual event
--
-- An event of kind 'individual' takes place in one room (room_id) in
-- sessions of session_minutes, each for one customer, made when a customer
-- picks a start within the room's bookable hours for that weekday (in the
-- site's time zone). A room's sessions never overlap (rule 15); the room's
-- row is the lock under which an appointment's session is made.
ALTER TABLE events
	ADD COLUMN room_id INT UNSIGNED NULL AFTER course_price,
	ADD COLUMN session_minutes INT UNSIGNED NULL AFTER room_id,
	ADD CONSTRAINT events_room FOREIGN KEY (room_id) REFERENCES rooms (id);

CREATE TABLE room_hours (
	room_id INT UNSIGNED NOT NULL,
	weekday TINYINT UNSIGNED NOT NULL,	-- 0 Sunday to 6 Saturday
	opens   TIME NOT NULL,
	closes  TIME NOT NULL,
	PRIMARY KEY (room_id, weekday),
	CONSTRAINT room_hours_room FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
	CONSTRAINT room_hours_day CHECK (weekday <= 6),
	CONSTRAINT room_hours_span CHECK (closes > opens)
) ENGINE=InnoDB;
