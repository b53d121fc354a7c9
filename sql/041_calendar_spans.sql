-- 041_calendar_spans.sql: the sessions of every room running within a range
--
-- A room's week and month show a session on every day it runs, so the
-- admins' week of every room reads the sessions running within the week
-- (SLOT_RUNNING_WITHIN) with no room to start from: (long_span,
-- start_time) reads those of a day or less as one short range and the few
-- longer ones as another, as 038's key does for one room.
ALTER TABLE timeslots ADD KEY timeslots_span (long_span, start_time);
