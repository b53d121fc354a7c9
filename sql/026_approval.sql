-- 026_approval.sql: rooms whose bookings an admin approves, and the mail
-- a place from the waiting list sends
--
-- A booking of such a room waits as pending with approval 'awaiting' and no
-- hold expiry, its seat held, until an admin approves it (then it is
-- confirmed, or held for payment when priced) or declines it (cancelled,
-- its seat given back).
ALTER TABLE rooms ADD COLUMN requires_approval TINYINT NOT NULL DEFAULT 0;

ALTER TABLE bookings
	ADD COLUMN approval ENUM('awaiting','approved','declined') NULL,
	ADD KEY bookings_approval (approval, start_time);

ALTER TABLE booking_events MODIFY type
	ENUM('created','confirmed','cancelled','reactivated','rescheduled',
	     'checked_in','checked_out','completed','no_show','reviewed','review_hidden',
	     'approved','declined') NOT NULL;

ALTER TABLE mail_outbox MODIFY kind ENUM('welcome','created','confirmed','cancelled',
	'rescheduled','hold_expired','reminder_24h','reminder_1h',
	'signup_confirm','signup_taken','password_reset',
	'promoted','awaiting_approval','approved','declined') NOT NULL;
