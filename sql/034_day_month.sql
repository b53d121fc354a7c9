-- 034_day_month.sql: rooms rented by the whole day or the calendar month
--
-- A room may have a daily and a monthly rate beside its hourly one (NULL:
-- not rented that way). A whole day or month is one session of the room
-- (capacity 1) over its opening hours in that span, made when a customer
-- books it, under the room's row lock like an appointment's; its booking's
-- booking_type is 'daily' or 'monthly'. Rule 15 keeps it apart from every
-- other session of the room.
ALTER TABLE rooms
	ADD COLUMN daily_rate DECIMAL(10,2) NULL AFTER hourly_rate,
	ADD COLUMN monthly_rate DECIMAL(10,2) NULL AFTER daily_rate,
	ADD CONSTRAINT rooms_rates CHECK ((daily_rate IS NULL OR daily_rate >= 0)
	    AND (monthly_rate IS NULL OR monthly_rate >= 0));
