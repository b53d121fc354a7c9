-- 044_dashboard_hints.sql: whether a user waits for a place or holds credits, read with the session
--
-- "My bookings" shows the user's places in waiting lists and unused
-- package credits, and asked on every view, with a statement of its own,
-- whether there were any: a tenth of the page's cost for two answers that
-- are nearly always no. users.waitlist_count (the user's waitlist rows)
-- and users.credit_count (credits bought, used or not) are read with the
-- session instead, and the page reads a list only when its count is not
-- zero. The triggers keep both for whatever writes the rows, like
-- users.unread (040). A foreign key's cascade fires no trigger: a
-- timeslot deleted by hand takes its waiting list with it and leaves the
-- count too high, which costs that user's dashboard a read that finds
-- nothing; the count is never too low. The triggers come before the
-- backfill, whose exact counts win.
ALTER TABLE users
	ADD COLUMN waitlist_count INT NOT NULL DEFAULT 0,
	ADD COLUMN credit_count INT NOT NULL DEFAULT 0;

CREATE OR REPLACE TRIGGER waitlist_count_insert AFTER INSERT ON waitlist FOR EACH ROW
	UPDATE users SET waitlist_count = waitlist_count + 1 WHERE id = NEW.user_id;

CREATE OR REPLACE TRIGGER waitlist_count_update AFTER UPDATE ON waitlist FOR EACH ROW
	UPDATE users
	SET waitlist_count = waitlist_count - (id = OLD.user_id) + (id = NEW.user_id)
	WHERE id IN (OLD.user_id, NEW.user_id) AND OLD.user_id <> NEW.user_id;

CREATE OR REPLACE TRIGGER waitlist_count_delete AFTER DELETE ON waitlist FOR EACH ROW
	UPDATE users SET waitlist_count = waitlist_count - 1 WHERE id = OLD.user_id;

CREATE OR REPLACE TRIGGER credits_count_insert AFTER INSERT ON credits FOR EACH ROW
	UPDATE users SET credit_count = credit_count + 1 WHERE id = NEW.user_id;

CREATE OR REPLACE TRIGGER credits_count_update AFTER UPDATE ON credits FOR EACH ROW
	UPDATE users
	SET credit_count = credit_count - (id = OLD.user_id) + (id = NEW.user_id)
	WHERE id IN (OLD.user_id, NEW.user_id) AND OLD.user_id <> NEW.user_id;

CREATE OR REPLACE TRIGGER credits_count_delete AFTER DELETE ON credits FOR EACH ROW
	UPDATE users SET credit_count = credit_count - 1 WHERE id = OLD.user_id;

UPDATE users u SET
	waitlist_count = (SELECT COUNT(*) FROM waitlist w WHERE w.user_id = u.id),
	credit_count = (SELECT COUNT(*) FROM credits c WHERE c.user_id = u.id);
