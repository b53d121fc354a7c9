-- 045_event_turns.sql: numbering a course's sessions takes turns on every node
--
-- A new session of a course is numbered one past the course's highest
-- (admin.c), read under the event's row. SELECT ... FOR UPDATE holds that
-- row on its own node only: on a Galera cluster, two sessions of one
-- course added at once through two nodes both read the same highest and
-- got the same number. A write conflicts at certification instead, as
-- with rooms.session_turns (042): each takes this counter up first, and
-- the later of two is retried, to number after the other's.
ALTER TABLE events ADD COLUMN session_turns BIGINT UNSIGNED NOT NULL DEFAULT 0;
