-- 040_dashboard.sql: what every signed-in page and the dashboard read
--
-- Each user's count of unread notifications, kept.
--
-- Every signed-in request read the count for the page header with a
-- subquery in the session lookup, which MariaDB plans again on each
-- execution (some 50 us a request). users.unread holds the count instead;
-- the triggers keep it exact for whatever writes notifications (the
-- application, bookingctl, SQL typed by hand). Each trigger is one UPDATE:
-- a change of read_at or of the owner moves one from the old row's count
-- to the new one's. The triggers come before the backfill, so a
-- notification written meanwhile is counted by one or the other and the
-- backfill's exact count wins.
ALTER TABLE users ADD COLUMN unread INT NOT NULL DEFAULT 0;

CREATE OR REPLACE TRIGGER notifications_unread_insert AFTER INSERT ON notifications FOR EACH ROW
	UPDATE users SET unread = unread + 1
	WHERE id = NEW.user_id AND NEW.read_at IS NULL;

CREATE OR REPLACE TRIGGER notifications_unread_update AFTER UPDATE ON notifications FOR EACH ROW
	UPDATE users
	SET unread = unread - (id = OLD.user_id AND OLD.read_at IS NULL)
		+ (id = NEW.user_id AND NEW.read_at IS NULL)
	WHERE id IN (OLD.user_id, NEW.user_id)
		AND NOT (OLD.user_id <=> NEW.user_id AND (OLD.read_at IS NULL) = (NEW.read_at IS NULL));

CREATE OR REPLACE TRIGGER notifications_unread_delete AFTER DELETE ON notifications FOR EACH ROW
	UPDATE users SET unread = unread - 1
	WHERE id = OLD.user_id AND OLD.read_at IS NULL;

UPDATE users u SET unread = (SELECT COUNT(*) FROM notifications n
	WHERE n.user_id = u.id AND n.read_at IS NULL);

-- The dashboard's upcoming tab (end_time > now, in start_time order) read
-- every booking of the user from the first on bookings_user_start, each
-- through its row, to drop the past ones: 129 rows for 26 shown for a
-- user with 100 past bookings. With end_time in the index MariaDB drops
-- them in the index (index condition pushdown) and reads only the rows it
-- shows; id, named before it, keeps the (start_time, id) order the lists
-- page by, which the implicit primary key suffix gave before.
ALTER TABLE bookings
	DROP KEY bookings_user_start,
	ADD KEY bookings_user_start (user_id, start_time, id, end_time);
