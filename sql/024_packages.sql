-- 024_packages.sql: packages (1 consultation + 3 treatments) and bundles
-- (10 x yoga) sold as credits, each scheduled later into a session
--
-- Buying one makes an order and a credit per session it holds, of one
-- event each, valid expiry_days from the purchase. A credit scheduled into
-- a session points at its booking; one cancelled 24 h or more ahead is
-- free again (booking_id back to NULL).
CREATE TABLE packages (
	id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name        VARCHAR(100) NOT NULL,
	kind        ENUM('package','bundle') NOT NULL DEFAULT 'package',
	price       DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	expiry_days INT UNSIGNED NOT NULL DEFAULT 90,
	is_active   BOOLEAN NOT NULL DEFAULT TRUE,
	created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE package_items (
	package_id INT UNSIGNED NOT NULL,
	event_id   INT UNSIGNED NOT NULL,
	quantity   INT UNSIGNED NOT NULL,
	PRIMARY KEY (package_id, event_id),
	CONSTRAINT package_items_package FOREIGN KEY (package_id) REFERENCES packages (id) ON DELETE CASCADE,
	CONSTRAINT package_items_event FOREIGN KEY (event_id) REFERENCES events (id),
	CONSTRAINT package_items_quantity CHECK (quantity BETWEEN 1 AND 100)
) ENGINE=InnoDB;

CREATE TABLE credits (
	id         INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	user_id    INT UNSIGNED NOT NULL,
	order_id   INT UNSIGNED NOT NULL,
	package_id INT UNSIGNED NOT NULL,
	event_id   INT UNSIGNED NOT NULL,
	expires_at DATETIME NOT NULL,
	booking_id INT UNSIGNED NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT credits_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT credits_order FOREIGN KEY (order_id) REFERENCES orders (id),
	CONSTRAINT credits_package FOREIGN KEY (package_id) REFERENCES packages (id),
	CONSTRAINT credits_event FOREIGN KEY (event_id) REFERENCES events (id),
	CONSTRAINT credits_booking FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE SET NULL,
	UNIQUE KEY credits_booking (booking_id),
	KEY credits_user (user_id, event_id, booking_id, expires_at)
) ENGINE=InnoDB;
