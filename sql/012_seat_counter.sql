-- 012_seat_counter.sql: each timeslot counts the seats its bookings hold
--
-- booked is the number of the timeslot's bookings that are pending or
-- confirmed (active_seat = 1). booking_seats_add() in domain/booking.c is
-- the only code that changes it, in the transaction of each change that
-- makes a booking active or not, with the timeslot's row locked; pages and
-- the booking transaction read it instead of counting bookings. The check
-- is the last line of defence against an overbooking: a change that would
-- take a seat beyond max_bookings fails and rolls back. bookingctl check
-- recomputes it from the bookings and reports any drift.
ALTER TABLE timeslots
	ADD COLUMN booked INT UNSIGNED NOT NULL DEFAULT 0 AFTER max_bookings;
UPDATE timeslots t SET t.booked = (SELECT COUNT(*) FROM bookings b
	WHERE b.timeslot_id = t.id AND b.status IN ('pending', 'confirmed'));
ALTER TABLE timeslots
	ADD CONSTRAINT timeslots_booked CHECK (booked <= max_bookings);

-- A booking finds the lapsed holds of its timeslot (to release their seats
-- first) in the index, without reading every booking of the timeslot.
ALTER TABLE bookings
	DROP KEY bookings_timeslot_status,
	ADD KEY bookings_timeslot_status (timeslot_id, status, hold_expires_at);
