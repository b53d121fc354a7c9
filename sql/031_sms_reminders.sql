-- 031_sms_reminders.sql: a phone number for SMS reminders, and the owner's yes

-- phone: E.164 ("+4930123456"), NULL: none given. sms_reminders: the owner
-- asked for an SMS before each booking; it needs a phone, so clearing the
-- number turns it off.
ALTER TABLE users
	ADD COLUMN phone VARCHAR(16) CHARACTER SET ascii NULL,
	ADD COLUMN sms_reminders BOOLEAN NOT NULL DEFAULT FALSE;

-- An SMS reminder goes through the outbox like mail, to the phone number.
ALTER TABLE mail_outbox MODIFY kind ENUM('welcome','created','confirmed','cancelled',
	'rescheduled','hold_expired','reminder_24h','reminder_1h',
	'signup_confirm','signup_taken','password_reset',
	'promoted','awaiting_approval','approved','declined','sms_reminder') NOT NULL;
