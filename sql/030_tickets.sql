-- 030_tickets.sql: a ticket code on every booking, scanned at the door, and
-- the staff role that may check people in with it and do nothing else

-- Ten characters of Crockford base32 (50 random bits), made when the
-- booking is; shown as the ticket once the booking is confirmed.
ALTER TABLE bookings
	ADD COLUMN ticket_code CHAR(10) CHARACTER SET ascii COLLATE ascii_bin NULL,
	ADD UNIQUE KEY bookings_ticket_code (ticket_code);

-- The bookings made before tickets were get theirs now, from the server's
-- random source, one character of five bits at a time.
UPDATE bookings SET ticket_code = CONCAT(
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1),
	SUBSTRING('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (ASCII(RANDOM_BYTES(1)) & 31), 1))
	WHERE ticket_code IS NULL;

ALTER TABLE users MODIFY role ENUM('customer','admin','staff') NOT NULL DEFAULT 'customer';
ALTER TABLE quotas MODIFY role ENUM('customer','admin','staff') NOT NULL;
