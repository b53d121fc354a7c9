-- 037_hold_hints.sql: which timeslots may have a lapsed hold
--
-- A seat count is the timeslot's counter (booked) less its holds that ran
-- out and that no job has cancelled yet (a lapsed hold reads as released
-- everywhere at once). Counting those for every timeslot a page shows made
-- a correlated subquery that MariaDB plans again on every execution, most
-- of the cost of a room's day. holds_lapse_at says when the first of a
-- timeslot's pending holds runs out (NULL: it has none), never later: the
-- engine lowers it when it makes a hold, and the job that cancels lapsed
-- holds sets it back to the first one left. Only a timeslot past it counts
-- its lapsed holds, through seats_lapsed.
ALTER TABLE timeslots
	ADD COLUMN holds_lapse_at DATETIME NULL,
	ADD KEY timeslots_holds_lapse (holds_lapse_at);

UPDATE timeslots t SET t.holds_lapse_at = (SELECT MIN(b.hold_expires_at) FROM bookings b
	WHERE b.timeslot_id = t.id AND b.status = 'pending');

-- The holds of timeslot slot that ran out and still hold a seat.
CREATE FUNCTION seats_lapsed(slot INT UNSIGNED) RETURNS INT UNSIGNED READS SQL DATA
	RETURN (SELECT COUNT(*) FROM bookings b WHERE b.timeslot_id = slot
	    AND b.status = 'pending' AND b.hold_expires_at <= UTC_TIMESTAMP());
