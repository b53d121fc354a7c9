-- 032_prices.sql: every booking and order in parts (base, discount, tax,
-- total), tax-free rooms and events, and discount codes

-- price stays what is to be paid (total_price): payments and refunds go on
-- reading it. The rows before this one were sold without tax or discount.
ALTER TABLE bookings
	ADD COLUMN base_price      DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	ADD COLUMN discount_amount DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	ADD COLUMN tax_amount      DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	ADD COLUMN total_price     DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	ADD COLUMN discount_id     INT UNSIGNED NULL;
UPDATE bookings SET base_price = price, total_price = price;

ALTER TABLE orders
	ADD COLUMN base_price      DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	ADD COLUMN discount_amount DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	ADD COLUMN tax_amount      DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	ADD COLUMN total_price     DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	ADD COLUMN discount_id     INT UNSIGNED NULL;
UPDATE orders SET base_price = total, total_price = total;

ALTER TABLE rooms ADD COLUMN tax_free BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE events ADD COLUMN tax_free BOOLEAN NOT NULL DEFAULT FALSE;

-- A code takes percent or amount_off off each line it applies to (those of
-- room_id or event_id when set), from valid_from until valid_until (NULL:
-- open). uses counts the orders it discounted; max_uses NULL: no limit.
CREATE TABLE discounts (
	id                INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code              VARCHAR(40) NOT NULL,
	percent           INT UNSIGNED NULL,
	amount_off        DECIMAL(10,2) NULL,
	valid_from        DATETIME NULL,
	valid_until       DATETIME NULL,
	room_id           INT UNSIGNED NULL,
	event_id          INT UNSIGNED NULL,
	max_uses          INT UNSIGNED NULL,
	uses              INT UNSIGNED NOT NULL DEFAULT 0,
	once_per_customer BOOLEAN NOT NULL DEFAULT FALSE,
	created_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY discounts_code (code),
	CONSTRAINT discounts_room FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
	CONSTRAINT discounts_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per order a code discounted; a use given back deletes it.
CREATE TABLE discount_uses (
	discount_id INT UNSIGNED NOT NULL,
	order_id    INT UNSIGNED NOT NULL,
	user_id     INT UNSIGNED NOT NULL,
	PRIMARY KEY (discount_id, order_id),
	KEY discount_uses_user (discount_id, user_id),
	CONSTRAINT discount_uses_discount FOREIGN KEY (discount_id) REFERENCES discounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;
