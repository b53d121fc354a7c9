-- 038_long_sessions.sql: sessions of a day or less, and the longer ones
--
-- "Running at some time within [from, to)" is start_time < to AND
-- end_time > from: on (room_id, start_time) the first half alone bounds
-- the range, so a room's day read every earlier session of the room, a
-- year of them on a room with a year's history (6 ms a page at 1M
-- bookings). A session of at most a day that runs within the range starts
-- after from less a day; long_span marks the few that are longer (whole
-- months rented, long courses), and (room_id, long_span, start_time) reads
-- the two kinds as two short ranges (SLOT_RUNNING_WITHIN in catalog.h).
ALTER TABLE timeslots
	ADD COLUMN long_span TINYINT(1) AS (end_time > start_time + INTERVAL 1 DAY) PERSISTENT,
	ADD KEY timeslots_room_span (room_id, long_span, start_time);
