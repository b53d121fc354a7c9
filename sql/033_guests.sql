-- 033_guests.sql: booking without an account (issue 18)
--
-- A guest is a users row with no password (password_hash ''): nobody logs
-- in as it, and its bookings are bookings like any other, so the seat
-- counter, the rules and the limits hold for them unchanged. One email is
-- one guest, however often it books; signing up with that email (once the
-- mail's link proves it) gives the row a password, and the bookings are
-- the account's. What a guest has beyond a user: a phone number, and when
-- its address was proved.
CREATE TABLE guests (
	user_id     INT UNSIGNED NOT NULL PRIMARY KEY,
	phone       VARCHAR(32) NULL,
	verified_at DATETIME NULL,
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT guests_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The links mailed to a guest, each made as its message goes and kept only
-- as a SHA-256: 'verify' proves the address once, while the hold runs;
-- 'manage' (/b/{token}) shows and changes its one booking until a month
-- after the session, unless revoked.
CREATE TABLE guest_links (
	id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	booking_id  INT UNSIGNED NOT NULL,
	purpose     ENUM('verify','manage') NOT NULL,
	token_hash  BINARY(32) NOT NULL,
	expires_at  DATETIME NOT NULL,
	used_at     DATETIME NULL,
	revoked_at  DATETIME NULL,
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY guest_links_hash (token_hash),
	KEY guest_links_booking (booking_id, purpose),
	CONSTRAINT guest_links_booking FOREIGN KEY (booking_id) REFERENCES bookings (id)
		ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Whether a room takes bookings from guests (the guest_booking setting
-- switches them off everywhere).
ALTER TABLE rooms ADD COLUMN allow_guests TINYINT NOT NULL DEFAULT 1;
