-- 022_courses.sql: a course's price, for the whole series
--
-- A course (events.kind 'course') is sold as one item: enrolling books all
-- of its sessions still to come under one order at this price, shared out
-- over the bookings. NULL: the sessions' own prices, added up.
ALTER TABLE events ADD COLUMN course_price DECIMAL(10,2) NULL AFTER kind;
