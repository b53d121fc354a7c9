-- 007_payments.sql: the payment provider's webhook events, each applied once
--
-- The event id is the key: the same event delivered again finds its row
-- and changes nothing. outcome is what it did, so a wrong amount or a
-- payment for a seat that is gone (refund_due) stays on record for the admin.
CREATE TABLE payment_events (
	event_id    VARCHAR(100) CHARACTER SET ascii NOT NULL PRIMARY KEY,
	type        VARCHAR(40) NOT NULL,
	booking_id  INT UNSIGNED NULL,
	payment_id  VARCHAR(100) NULL,
	amount      BIGINT NOT NULL,			-- cents
	outcome     ENUM('confirmed','refunded','amount_mismatch','refund_due','ignored') NOT NULL,
	received_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT payment_events_booking FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE SET NULL,
	KEY payment_events_booking (booking_id, received_at),
	KEY payment_events_outcome (outcome, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
