-- 039_room_review_counts.sql: each room keeps its shown reviews' count and
-- rating sum
--
-- A room's page counted its reviews in two dependent subqueries on every
-- request; optimising them was some 10 % of the page's database CPU. The
-- two columns are now kept by the reviews' triggers, in the transaction
-- that adds, hides, shows or deletes a review (hidden_at IS NULL is the
-- shown one), and room_day reads them with the room's row. updated_at
-- keeps its value: a review is no change to the room itself. A review
-- deleted by its booking's ON DELETE CASCADE fires no trigger.
ALTER TABLE rooms
	ADD COLUMN review_count INT NOT NULL DEFAULT 0,
	ADD COLUMN review_rating_sum INT NOT NULL DEFAULT 0;

UPDATE rooms ro SET
	review_count = (SELECT COUNT(*) FROM reviews v
		WHERE v.room_id = ro.id AND v.hidden_at IS NULL),
	review_rating_sum = (SELECT COALESCE(SUM(v.rating), 0) FROM reviews v
		WHERE v.room_id = ro.id AND v.hidden_at IS NULL),
	updated_at = updated_at;

CREATE OR REPLACE TRIGGER reviews_room_insert AFTER INSERT ON reviews FOR EACH ROW
	UPDATE rooms SET review_count = review_count + (NEW.hidden_at IS NULL),
		review_rating_sum = review_rating_sum + IF(NEW.hidden_at IS NULL, NEW.rating, 0),
		updated_at = updated_at
	WHERE id = NEW.room_id;

CREATE OR REPLACE TRIGGER reviews_room_update AFTER UPDATE ON reviews FOR EACH ROW
	UPDATE rooms SET
		review_count = review_count + IF(id = NEW.room_id, NEW.hidden_at IS NULL, 0)
			- IF(id = OLD.room_id, OLD.hidden_at IS NULL, 0),
		review_rating_sum = review_rating_sum
			+ IF(id = NEW.room_id AND NEW.hidden_at IS NULL, NEW.rating, 0)
			- IF(id = OLD.room_id AND OLD.hidden_at IS NULL, OLD.rating, 0),
		updated_at = updated_at
	WHERE id IN (OLD.room_id, NEW.room_id);

CREATE OR REPLACE TRIGGER reviews_room_delete AFTER DELETE ON reviews FOR EACH ROW
	UPDATE rooms SET review_count = review_count - (OLD.hidden_at IS NULL),
		review_rating_sum = review_rating_sum - IF(OLD.hidden_at IS NULL, OLD.rating, 0),
		updated_at = updated_at
	WHERE id = OLD.room_id;
