-- 008_paid_amount.sql: each booking keeps the money it actually holds
--
-- A booking's price follows its timeslot; what the customer paid is a fact
-- of its own (rule 16). paid_amount is what was paid and not refunded: a
-- refund is computed from it and never exceeds it, and a reschedule never
-- raises it (a dearer timeslot is refused, a cheaper one refunds the
-- difference).
ALTER TABLE bookings
	ADD COLUMN paid_amount DECIMAL(10,2) NOT NULL DEFAULT 0.00 AFTER price;
UPDATE bookings SET paid_amount = GREATEST(price - refund_amount, 0)
	WHERE payment_status IN ('paid', 'refunded');
