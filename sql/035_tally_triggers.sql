-- 035_tally_triggers.sql: the report tallies' triggers do less for each booking
--
-- A booking ran two of 027's procedure calls besides its own statements:
-- bookings_tally_insert's, whose INSERT ... SELECT over a derived UNION of
-- an old and a new row builds a temporary table each time, for a new row
-- alone; and timeslots_tally_update's for the seat counter's change, which
-- found nothing of the session's own part changed and wrote nothing. Each
-- cost some 4 % of a booking's CPU. Now a new booking's trigger adds its
-- row in one INSERT ... VALUES (what report_tally_booking adds for an
-- insert: its old row is NULL), and the timeslot's trigger calls
-- report_tally_session only when a column the tally holds changed. The
-- timeslot's IF ... END IF body goes whole between DELIMITER lines
-- (bookingctl migrate sends it as one statement, as the mariadb client
-- does), and CREATE OR REPLACE swaps each trigger in one step, so no change
-- goes untallied meanwhile.
CREATE OR REPLACE TRIGGER bookings_tally_insert AFTER INSERT ON bookings FOR EACH ROW
	INSERT INTO report_tallies (start_time, room_id, timeslot_id, n, cancelled, completed,
		no_show, pending, used, checked_in, paid, received, refunds, net)
	VALUES (NEW.start_time, NEW.room_id, NEW.timeslot_id, 1, NEW.status = 'cancelled',
		NEW.status = 'completed', NEW.status = 'no_show', NEW.status = 'pending',
		NEW.status IN ('confirmed', 'completed', 'no_show'),
		NEW.status <> 'cancelled' AND NEW.checked_in_at IS NOT NULL,
		NEW.paid_amount + NEW.refund_amount > 0, NEW.paid_amount + NEW.refund_amount,
		NEW.refund_amount, NEW.paid_amount)
	ON DUPLICATE KEY UPDATE n = n + VALUES(n), cancelled = cancelled + VALUES(cancelled),
		completed = completed + VALUES(completed), no_show = no_show + VALUES(no_show),
		pending = pending + VALUES(pending), used = used + VALUES(used),
		checked_in = checked_in + VALUES(checked_in), paid = paid + VALUES(paid),
		received = received + VALUES(received), refunds = refunds + VALUES(refunds),
		net = net + VALUES(net);

DELIMITER //
CREATE OR REPLACE TRIGGER timeslots_tally_update AFTER UPDATE ON timeslots FOR EACH ROW
IF NOT (OLD.start_time <=> NEW.start_time AND OLD.room_id <=> NEW.room_id AND
	OLD.id <=> NEW.id AND OLD.status <=> NEW.status AND
	OLD.max_bookings <=> NEW.max_bookings AND OLD.event_id <=> NEW.event_id) THEN
	CALL report_tally_session(OLD.start_time, OLD.room_id, OLD.id, OLD.status,
		OLD.max_bookings, OLD.event_id,
		NEW.start_time, NEW.room_id, NEW.id, NEW.status, NEW.max_bookings, NEW.event_id);
END IF//
DELIMITER ;
