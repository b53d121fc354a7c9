-- 020_orders.sql: orders (one payment for one or more bookings), the cart
-- and its checkout keys
--
-- Every booking belongs to an order: a single booking has one of its own,
-- a cart checkout puts all its bookings under one. total is what was sold,
-- in the prices of the moment; refunded_amount and status follow the
-- bookings (domain/orders.c, order_refresh).
CREATE TABLE orders (
	id              INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id         INT UNSIGNED NOT NULL,
	status          ENUM('pending','paid','cancelled','refunded') NOT NULL DEFAULT 'pending',
	total           DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	refunded_amount DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	payment_id      VARCHAR(100) NULL,
	created_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	paid_at         DATETIME NULL,
	CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id),
	KEY orders_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE bookings
	ADD CONSTRAINT bookings_order FOREIGN KEY (order_id) REFERENCES orders (id),
	ADD KEY bookings_order (order_id, id);

-- One open cart per user (the key is the user); its row is what a checkout
-- locks first, so two checkouts of one cart run one after the other.
CREATE TABLE carts (
	user_id    INT UNSIGNED NOT NULL PRIMARY KEY,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT carts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Items name timeslots; they hold no seat until the checkout.
CREATE TABLE cart_items (
	id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id     INT UNSIGNED NOT NULL,
	timeslot_id INT UNSIGNED NOT NULL,
	added_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT cart_items_cart FOREIGN KEY (user_id) REFERENCES carts (user_id) ON DELETE CASCADE,
	CONSTRAINT cart_items_timeslot FOREIGN KEY (timeslot_id) REFERENCES timeslots (id) ON DELETE CASCADE,
	UNIQUE KEY cart_items_slot (user_id, timeslot_id)
) ENGINE=InnoDB;

-- A checkout's Idempotency-Key: the same key again returns the order the
-- first checkout made.
CREATE TABLE checkout_keys (
	user_id    INT UNSIGNED NOT NULL,
	idem_key   VARCHAR(100) NOT NULL,
	order_id   INT UNSIGNED NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (user_id, idem_key),
	CONSTRAINT checkout_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT checkout_keys_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- The webhook pays or refunds an order as well as a booking.
ALTER TABLE payment_events
	ADD COLUMN order_id INT UNSIGNED NULL AFTER booking_id,
	ADD CONSTRAINT payment_events_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE SET NULL;
