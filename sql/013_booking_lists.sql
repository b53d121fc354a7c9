-- 013_booking_lists.sql: indexes that serve the booking lists' filters in their order
--
-- The admin list, its count and its CSV export filter bookings by what
-- was asked (domain/admin.c: admin_where) and page by keyset on the start
-- (or the creation) time and the id, newest first. Each common filter is
-- one index range read in that order, so a page costs the same at a
-- million bookings as at a thousand, and an export streams from its first
-- row instead of after a sort of all of them. (The owner's lists use
-- bookings_user_start; an event's bookings come through its timeslots.)
ALTER TABLE bookings
	ADD KEY bookings_status_start (status, start_time),
	ADD KEY bookings_room_start (room_id, start_time),
	DROP KEY bookings_room,
	ADD KEY bookings_start (start_time),
	ADD KEY bookings_created (created_at);
