-- 004_booking_notes_varchar.sql: notes as VARCHAR, so sorted booking lists stay in memory
--
-- A TEXT column in a sorted join makes MariaDB build its temporary table on
-- disk, once per dashboard or admin list request. Notes are at most 2000
-- characters (the pages and the API refuse more), which VARCHAR holds.
ALTER TABLE bookings MODIFY notes VARCHAR(2000) NOT NULL DEFAULT '';
