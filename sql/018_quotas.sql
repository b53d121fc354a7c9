-- 018_quotas.sql: how much one user of a role may book of a kind of room

-- NULL in a limit: no limit. No row for a role and room type: no limits.
CREATE TABLE quotas (
	role           ENUM('customer','admin') NOT NULL,
	room_type      ENUM('office','consultation','meeting','treatment') NOT NULL,
	max_active     INT UNSIGNED NULL,	-- bookings held or confirmed, not yet over
	max_holds      INT UNSIGNED NULL,	-- unpaid holds at once
	max_hours_week INT UNSIGNED NULL,	-- hours booked in one ISO week
	PRIMARY KEY (role, room_type)
) ENGINE=InnoDB;
