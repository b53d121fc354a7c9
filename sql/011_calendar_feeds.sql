-- 011_calendar_feeds.sql: private iCalendar feed URLs
--
-- A user's feed lists their bookings; an admin's feed of a room (room_id
-- set) lists that room's sessions. The URL holds a random token; only its
-- SHA-256 is stored. A new URL revokes the one before, so each user has at
-- most one live feed of their own and one per room.
CREATE TABLE calendar_feeds (
	id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id      INT UNSIGNED NOT NULL,
	room_id      INT UNSIGNED NULL,
	token_hash   BINARY(32) NOT NULL,
	created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	revoked_at   DATETIME NULL,
	CONSTRAINT calendar_feeds_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT calendar_feeds_room FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
	UNIQUE KEY calendar_feeds_hash (token_hash),
	KEY calendar_feeds_owner (user_id, room_id, revoked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
