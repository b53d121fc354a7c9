-- 027_report_tallies.sql: the admin reports read one row per session, not every booking
--
-- A year of a million bookings was too much to sum in under a second even
-- from an index that held every column (019): the reports (domain/report.c)
-- now read a range of report_tallies, one row per session (its start, room
-- and timeslot) with what the session is and what its bookings come to: a
-- year is some 90,000 rows in key order, with no join. Triggers keep it in
-- the transaction of every change of a timeslot or a booking, whichever code
-- makes it, so no writer can forget; bookingctl check recounts it from the
-- timeslots and bookings and reports (with --fix mends) any drift.
--
-- Columns of the session (its timeslot):
--   slots       1 while a timeslot has this start, room and id
--   runs        1 while it runs (scheduled, in progress, completed)
--   seats       its seats (max_bookings) while it runs
--   event_id    its event (kept as it was when the timeslot leaves the key)
-- and over the bookings that carry this start, room and timeslot (n: how many):
--   cancelled, completed, no_show, pending  n of each status
--   used        confirmed, completed or no-show: seats used whatever the
--               clock says (a pending hold's seat depends on the clock, so
--               the reports count those from the bookings, as BOOKING_USES_SEAT)
--   checked_in  not cancelled and checked in
--   paid        with money paid (paid_amount + refund_amount > 0)
--   received, refunds, net  SUM(paid_amount + refund_amount),
--               SUM(refund_amount), SUM(paid_amount)
CREATE TABLE report_tallies (
	start_time  DATETIME NOT NULL,
	room_id     INT UNSIGNED NOT NULL,
	timeslot_id INT UNSIGNED NOT NULL,
	slots       INT NOT NULL DEFAULT 0,
	runs        INT NOT NULL DEFAULT 0,
	seats       INT NOT NULL DEFAULT 0,
	event_id    INT UNSIGNED NULL,
	n           INT NOT NULL DEFAULT 0,
	cancelled   INT NOT NULL DEFAULT 0,
	completed   INT NOT NULL DEFAULT 0,
	no_show     INT NOT NULL DEFAULT 0,
	pending     INT NOT NULL DEFAULT 0,
	used        INT NOT NULL DEFAULT 0,
	checked_in  INT NOT NULL DEFAULT 0,
	paid        INT NOT NULL DEFAULT 0,
	received    DECIMAL(14,2) NOT NULL DEFAULT 0.00,
	refunds     DECIMAL(14,2) NOT NULL DEFAULT 0.00,
	net         DECIMAL(14,2) NOT NULL DEFAULT 0.00,
	-- a range of days is a range of this key, the table read in order
	PRIMARY KEY (start_time, room_id, timeslot_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- report_tally_booking takes a booking's old row away from its session's
-- tally and adds its new one (either may be NULL: an insert has no old
-- row, a delete no new one); a change of nothing the tallies hold (notes,
-- a hold's expiry, a payment id) touches no tally and locks nothing more.
-- One statement each, procedure and triggers, so this file runs through
-- the mariadb client as well as through bookingctl migrate.
CREATE PROCEDURE report_tally_booking(
	o_start DATETIME, o_room INT UNSIGNED, o_slot INT UNSIGNED, o_status VARCHAR(20),
	o_checked DATETIME, o_paid DECIMAL(10,2), o_refund DECIMAL(10,2),
	n_start DATETIME, n_room INT UNSIGNED, n_slot INT UNSIGNED, n_status VARCHAR(20),
	n_checked DATETIME, n_paid DECIMAL(10,2), n_refund DECIMAL(10,2))
	INSERT INTO report_tallies (start_time, room_id, timeslot_id, n, cancelled, completed,
		no_show, pending, used, checked_in, paid, received, refunds, net)
	SELECT d.st, d.room, d.slot, d.s, d.s * (d.status = 'cancelled'),
		d.s * (d.status = 'completed'), d.s * (d.status = 'no_show'),
		d.s * (d.status = 'pending'),
		d.s * (d.status IN ('confirmed', 'completed', 'no_show')),
		d.s * (d.status <> 'cancelled' AND d.checked IS NOT NULL),
		d.s * (d.paid_amt + d.refund_amt > 0), d.s * (d.paid_amt + d.refund_amt),
		d.s * d.refund_amt, d.s * d.paid_amt
	FROM (SELECT -1 AS s, o_start AS st, o_room AS room, o_slot AS slot,
		o_status AS status, o_checked AS checked, o_paid AS paid_amt,
		o_refund AS refund_amt
	      UNION ALL
	      SELECT 1, n_start, n_room, n_slot, n_status, n_checked, n_paid, n_refund) d
	WHERE d.slot IS NOT NULL AND NOT (o_start <=> n_start AND o_room <=> n_room AND
		o_slot <=> n_slot AND o_status <=> n_status AND
		(o_checked IS NULL) <=> (n_checked IS NULL) AND
		o_paid <=> n_paid AND o_refund <=> n_refund)
	ON DUPLICATE KEY UPDATE n = n + VALUES(n), cancelled = cancelled + VALUES(cancelled),
		completed = completed + VALUES(completed), no_show = no_show + VALUES(no_show),
		pending = pending + VALUES(pending), used = used + VALUES(used),
		checked_in = checked_in + VALUES(checked_in), paid = paid + VALUES(paid),
		received = received + VALUES(received), refunds = refunds + VALUES(refunds),
		net = net + VALUES(net);

CREATE TRIGGER bookings_tally_insert AFTER INSERT ON bookings FOR EACH ROW
	CALL report_tally_booking(NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		NEW.start_time, NEW.room_id, NEW.timeslot_id, NEW.status, NEW.checked_in_at,
		NEW.paid_amount, NEW.refund_amount);
CREATE TRIGGER bookings_tally_update AFTER UPDATE ON bookings FOR EACH ROW
	CALL report_tally_booking(OLD.start_time, OLD.room_id, OLD.timeslot_id, OLD.status,
		OLD.checked_in_at, OLD.paid_amount, OLD.refund_amount,
		NEW.start_time, NEW.room_id, NEW.timeslot_id, NEW.status, NEW.checked_in_at,
		NEW.paid_amount, NEW.refund_amount);
CREATE TRIGGER bookings_tally_delete AFTER DELETE ON bookings FOR EACH ROW
	CALL report_tally_booking(OLD.start_time, OLD.room_id, OLD.timeslot_id, OLD.status,
		OLD.checked_in_at, OLD.paid_amount, OLD.refund_amount,
		NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- report_tally_session does the same for a timeslot's own part, so a
-- timeslot moved, cancelled or resized moves its session's row; a change of
-- its seat counter (booked) alone touches nothing.
CREATE PROCEDURE report_tally_session(
	o_start DATETIME, o_room INT UNSIGNED, o_id INT UNSIGNED, o_status VARCHAR(20),
	o_seats INT UNSIGNED, o_event INT UNSIGNED,
	n_start DATETIME, n_room INT UNSIGNED, n_id INT UNSIGNED, n_status VARCHAR(20),
	n_seats INT UNSIGNED, n_event INT UNSIGNED)
	INSERT INTO report_tallies (start_time, room_id, timeslot_id, slots, runs, seats,
		event_id)
	SELECT d.st, d.room, d.id, d.s, d.s * (d.status IN ('scheduled', 'in_progress',
		'completed')), d.s * IF(d.status IN ('scheduled', 'in_progress', 'completed'),
		d.cap, 0), d.ev
	FROM (SELECT -1 AS s, o_start AS st, o_room AS room, o_id AS id, o_status AS status,
		o_seats AS cap, o_event AS ev
	      UNION ALL
	      SELECT 1, n_start, n_room, n_id, n_status, n_seats, n_event) d
	WHERE d.id IS NOT NULL AND NOT (o_start <=> n_start AND o_room <=> n_room AND
		o_id <=> n_id AND o_status <=> n_status AND o_seats <=> n_seats AND
		o_event <=> n_event)
	ON DUPLICATE KEY UPDATE slots = slots + VALUES(slots), runs = runs + VALUES(runs),
		seats = seats + VALUES(seats),
		event_id = IF(VALUES(slots) > 0, VALUES(event_id), event_id);

CREATE TRIGGER timeslots_tally_insert AFTER INSERT ON timeslots FOR EACH ROW
	CALL report_tally_session(NULL, NULL, NULL, NULL, NULL, NULL,
		NEW.start_time, NEW.room_id, NEW.id, NEW.status, NEW.max_bookings, NEW.event_id);
CREATE TRIGGER timeslots_tally_update AFTER UPDATE ON timeslots FOR EACH ROW
	CALL report_tally_session(OLD.start_time, OLD.room_id, OLD.id, OLD.status,
		OLD.max_bookings, OLD.event_id,
		NEW.start_time, NEW.room_id, NEW.id, NEW.status, NEW.max_bookings, NEW.event_id);
CREATE TRIGGER timeslots_tally_delete AFTER DELETE ON timeslots FOR EACH ROW
	CALL report_tally_session(OLD.start_time, OLD.room_id, OLD.id, OLD.status,
		OLD.max_bookings, OLD.event_id, NULL, NULL, NULL, NULL, NULL, NULL);

-- The timeslots and bookings there are already, after the triggers so that
-- none written meanwhile is missed: each session's row is set (not added
-- to) from a locking read of its timeslot and bookings, as bookingctl check
-- counts them.
INSERT INTO report_tallies (start_time, room_id, timeslot_id, slots, runs, seats, event_id,
	n, cancelled, completed, no_show, pending, used, checked_in, paid, received, refunds, net)
SELECT start_time, room_id, timeslot_id, SUM(slots), SUM(runs), SUM(seats), MAX(event_id),
	SUM(n), SUM(cancelled), SUM(completed), SUM(no_show), SUM(pending), SUM(used),
	SUM(checked_in), SUM(paid), SUM(received), SUM(refunds), SUM(net)
FROM (SELECT t.start_time, t.room_id, t.id AS timeslot_id, 1 AS slots,
	t.status IN ('scheduled', 'in_progress', 'completed') AS runs,
	IF(t.status IN ('scheduled', 'in_progress', 'completed'), t.max_bookings, 0) AS seats,
	t.event_id, 0 AS n, 0 AS cancelled, 0 AS completed, 0 AS no_show, 0 AS pending,
	0 AS used, 0 AS checked_in, 0 AS paid, 0 AS received, 0 AS refunds, 0 AS net
	FROM timeslots t
      UNION ALL
      SELECT b.start_time, b.room_id, b.timeslot_id, 0, 0, 0, NULL, 1,
	b.status = 'cancelled', b.status = 'completed', b.status = 'no_show',
	b.status = 'pending', b.status IN ('confirmed', 'completed', 'no_show'),
	b.status <> 'cancelled' AND b.checked_in_at IS NOT NULL,
	b.paid_amount + b.refund_amount > 0, b.paid_amount + b.refund_amount,
	b.refund_amount, b.paid_amount
	FROM bookings b) x
GROUP BY start_time, room_id, timeslot_id
ON DUPLICATE KEY UPDATE slots = VALUES(slots), runs = VALUES(runs), seats = VALUES(seats),
	event_id = VALUES(event_id), n = VALUES(n), cancelled = VALUES(cancelled),
	completed = VALUES(completed), no_show = VALUES(no_show), pending = VALUES(pending),
	used = VALUES(used), checked_in = VALUES(checked_in), paid = VALUES(paid),
	received = VALUES(received), refunds = VALUES(refunds), net = VALUES(net);

-- 019's covering index of the bookings served the reports alone: no
-- booking's write pays for it any more. bookings_timeslot_status is back to
-- 012's columns (the money was for the revenue per event).
ALTER TABLE bookings
	DROP KEY bookings_report,
	DROP KEY bookings_timeslot_status,
	ADD KEY bookings_timeslot_status (timeslot_id, status, hold_expires_at);
