-- 019_report_indexes.sql: the admin reports read a range of sessions from an index alone
--
-- Every report (domain/report.c) takes the sessions or bookings whose start
-- is in the range asked, of one room or all. These keys begin with the
-- start time and hold every column a report sums, so a year of bookings is
-- one range read of an index, never of the table. The seats a session's
-- bookings use, and their money per event, are read per timeslot from
-- bookings_timeslot_status, which now holds the amounts too (its first
-- columns are as 012 made them, for the lapsed holds of a timeslot).
ALTER TABLE bookings
	ADD KEY bookings_report (start_time, room_id, timeslot_id, status,
		paid_amount, refund_amount, checked_in_at),
	DROP KEY bookings_timeslot_status,
	ADD KEY bookings_timeslot_status (timeslot_id, status, hold_expires_at,
		paid_amount, refund_amount);
ALTER TABLE timeslots
	ADD KEY timeslots_report (start_time, room_id, event_id, status, max_bookings);
