-- 005_booking_times.sql: each booking keeps its timeslot's start and end
--
-- The dashboard lists a user's bookings by time. With the times on the
-- booking, that is one index range read in order instead of a join of every
-- booking of the user to its timeslot followed by a sort. booking.c copies
-- them when a booking is made or moved, and admin.c when a timeslot's time
-- changes.
ALTER TABLE bookings
	ADD COLUMN start_time DATETIME NULL AFTER room_id,
	ADD COLUMN end_time DATETIME NULL AFTER start_time;
UPDATE bookings b JOIN timeslots t ON t.id = b.timeslot_id
	SET b.start_time = t.start_time, b.end_time = t.end_time;
ALTER TABLE bookings
	MODIFY start_time DATETIME NOT NULL,
	MODIFY end_time DATETIME NOT NULL,
	ADD KEY bookings_user_start (user_id, start_time);
