-- 029_order_backfill.sql: an order of its own for every booking made before
-- orders were (020_orders.sql), so that every booking has one
--
-- Each such booking gets the order a single booking gets today: its user,
-- its price as the total, and the status and refunded amount order_refresh
-- (domain/orders.c) would give it from that one booking. A column names
-- the booking while the orders are made, and goes again after; a booking's
-- updated_at stays what it was. Bookings that have an order are left
-- alone, so running it twice changes nothing.
ALTER TABLE orders ADD COLUMN backfill_booking INT UNSIGNED NULL, ADD KEY (backfill_booking);

INSERT INTO orders (user_id, status, total, refunded_amount, payment_id, created_at, paid_at,
	backfill_booking)
SELECT b.user_id,
	CASE WHEN b.payment_status = 'pending' AND b.status IN ('pending','confirmed') THEN 'pending'
	     WHEN b.payment_status = 'paid' THEN 'paid'
	     WHEN b.refund_amount > 0 THEN 'refunded'
	     ELSE 'cancelled' END,
	b.price, b.refund_amount, b.payment_id, b.created_at,
	IF(b.payment_status IN ('paid','refunded'), b.updated_at, NULL), b.id
FROM bookings b WHERE b.order_id IS NULL ORDER BY b.id;

UPDATE bookings b JOIN orders o ON o.backfill_booking = b.id
	SET b.order_id = o.id, b.updated_at = b.updated_at
WHERE b.order_id IS NULL;

ALTER TABLE orders DROP COLUMN backfill_booking;
