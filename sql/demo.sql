-- demo.sql: demo rooms, events and 30 days of timeslots from today (UTC); loaded by scripts/up
-- into an empty database. Not a migration: bookingctl migrate never applies it.

SET NAMES utf8mb4;
SET time_zone = '+00:00';
START TRANSACTION;

INSERT INTO rooms (name, description, capacity, room_type, hourly_rate, is_active, metadata) VALUES
('Harbour View Office',
 'A bright private office on the third floor overlooking the harbour, with two desks, a 27-inch monitor and a lockable cabinet.',
 4, 'office', 25.00, TRUE, '{"floor":3,"amenities":["desks","monitor","window","lockable cabinet"]}'),
('Quiet Office 2B',
 'A small, sound-insulated office for focused work or a private phone call. Desk, ergonomic chair and a door that closes.',
 2, 'office', 18.00, TRUE, '{"floor":2,"amenities":["desk","ergonomic chair"]}'),
('Corner Office 4A',
 'Corner office with windows on two sides. Closed while the floor is being renovated.',
 3, 'office', 22.00, FALSE, '{"floor":4,"amenities":["desks","window"]}'),
('Consultation Room A',
 'A calm, private room for one-to-one consultations: two armchairs, a small table and soft lighting.',
 3, 'consultation', 35.00, TRUE, '{"floor":1,"amenities":["armchairs","soundproofing"]}'),
('Consultation Room B',
 'A compact consultation room next to the reception, step-free access.',
 2, 'consultation', 30.00, TRUE, '{"floor":0,"amenities":["step-free access","table"]}'),
('Boardroom',
 'Our largest meeting room: a long table for 14, a ceiling projector, a whiteboard wall and video conferencing.',
 14, 'meeting', 80.00, TRUE, '{"floor":3,"amenities":["projector","whiteboard","video conferencing"]}'),
('Studio Workshop Room',
 'An open, flexible room with movable tables and chairs for workshops, classes and training days.',
 20, 'meeting', 60.00, TRUE, '{"floor":1,"amenities":["movable furniture","whiteboard","sound system"]}'),
('Meet & Greet Room',
 'A cosy meeting room for small teams: round table, screen with HDMI and a coffee machine nearby.',
 6, 'meeting', 40.00, TRUE, '{"floor":2,"amenities":["screen","whiteboard"]}'),
('Treatment Room 1',
 'A quiet treatment room with a height-adjustable massage table, washbasin and dimmable lights.',
 1, 'treatment', 45.00, TRUE, '{"floor":1,"amenities":["massage table","washbasin"]}'),
('Treatment Room 2',
 'A spacious treatment room with a treatment couch, washbasin and a chair for a companion.',
 2, 'treatment', 50.00, TRUE, '{"floor":1,"amenities":["treatment couch","washbasin"]}');

-- Room slots: weekdays 09:00-17:00 UTC for the next 30 days, today included.
-- Consultation rooms in 30-minute slots, every other room by the hour.
-- A room's own slot books the whole room (one booking at the hourly rate for its
-- length); seats sold one by one belong to the events' sessions below.
INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings, status)
SELECT r.id,
       TIMESTAMP(UTC_DATE() + INTERVAL d.seq DAY) + INTERVAL h.seq HOUR,
       TIMESTAMP(UTC_DATE() + INTERVAL d.seq DAY) + INTERVAL h.seq + 1 HOUR,
       r.hourly_rate,
       1,
       'scheduled'
FROM rooms r
JOIN seq_0_to_29 d
JOIN seq_9_to_16 h
WHERE r.is_active AND r.room_type <> 'consultation'
  AND WEEKDAY(UTC_DATE() + INTERVAL d.seq DAY) < 5;

INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings, status)
SELECT r.id,
       TIMESTAMP(UTC_DATE() + INTERVAL d.seq DAY) + INTERVAL 540 + 30 * m.seq MINUTE,
       TIMESTAMP(UTC_DATE() + INTERVAL d.seq DAY) + INTERVAL 570 + 30 * m.seq MINUTE,
       ROUND(r.hourly_rate / 2, 2),
       1,
       'scheduled'
FROM rooms r
JOIN seq_0_to_29 d
JOIN seq_0_to_15 m
WHERE r.is_active AND r.room_type = 'consultation'
  AND WEEKDAY(UTC_DATE() + INTERVAL d.seq DAY) < 5;

-- Events. Their sessions sit outside the rooms' weekday 09:00-17:00 slots (evenings and
-- Saturdays), so no room is booked twice at once.
SET @consult_a = (SELECT id FROM rooms WHERE name = 'Consultation Room A');
SET @boardroom = (SELECT id FROM rooms WHERE name = 'Boardroom');
SET @studio = (SELECT id FROM rooms WHERE name = 'Studio Workshop Room');
-- days from today to the next Tuesday, Thursday and Saturday (1..7; WEEKDAY: Monday = 0)
SET @to_tue = MOD(1 - WEEKDAY(UTC_DATE()) + 6, 7) + 1;
SET @to_thu = MOD(3 - WEEKDAY(UTC_DATE()) + 6, 7) + 1;
SET @to_sat = MOD(5 - WEEKDAY(UTC_DATE()) + 6, 7) + 1;

INSERT INTO events (title, description, kind) VALUES
('One-to-one Career Coaching',
 'A personal hour with an experienced career coach: your CV, your next move, or preparing for an interview. Bring your questions.',
 'individual');
SET @coaching = LAST_INSERT_ID();

INSERT INTO events (title, description, kind) VALUES
('Design Thinking Workshop',
 'A hands-on Saturday workshop: understand your users, frame the problem, sketch ideas and test a paper prototype the same day. Lunch included.',
 'workshop');
SET @workshop = LAST_INSERT_ID();

INSERT INTO events (title, description, kind) VALUES
('Python for Beginners',
 'Four Tuesday evenings from your first line of code to a small program of your own. Laptops available on request.',
 'course');
SET @python = LAST_INSERT_ID();

INSERT INTO events (title, description, kind) VALUES
('Mindfulness at Work',
 'A free four-week evening course on attention, stress and rest at work. No experience needed; wear something comfortable.',
 'course');
SET @mindful = LAST_INSERT_ID();

-- Coaching: 09:00, 10:00 and 11:00 on the next two Saturdays, one person each.
INSERT INTO timeslots (room_id, event_id, start_time, end_time, price, max_bookings, status)
SELECT @consult_a, @coaching,
       TIMESTAMP(UTC_DATE() + INTERVAL @to_sat + 7 * w.seq DAY) + INTERVAL h.seq HOUR,
       TIMESTAMP(UTC_DATE() + INTERVAL @to_sat + 7 * w.seq DAY) + INTERVAL h.seq + 1 HOUR,
       45.00, 1, 'scheduled'
FROM seq_0_to_1 w
JOIN seq_9_to_11 h;

-- The workshop runs twice: Saturdays 10:00-16:00, one and two weeks from now.
INSERT INTO timeslots (room_id, event_id, start_time, end_time, price, max_bookings, status)
SELECT @studio, @workshop,
       TIMESTAMP(UTC_DATE() + INTERVAL @to_sat + 7 * w.seq DAY) + INTERVAL 10 HOUR,
       TIMESTAMP(UTC_DATE() + INTERVAL @to_sat + 7 * w.seq DAY) + INTERVAL 16 HOUR,
       120.00, 16, 'scheduled'
FROM seq_0_to_1 w;

-- Courses: four weekly sessions, numbered 1..4.
INSERT INTO timeslots (room_id, event_id, start_time, end_time, price, max_bookings, status, sequence_no)
SELECT @boardroom, @python,
       TIMESTAMP(UTC_DATE() + INTERVAL @to_tue + 7 * (s.seq - 1) DAY) + INTERVAL 18 HOUR,
       TIMESTAMP(UTC_DATE() + INTERVAL @to_tue + 7 * (s.seq - 1) DAY) + INTERVAL 20 HOUR,
       25.00, 12, 'scheduled', s.seq
FROM seq_1_to_4 s;

INSERT INTO timeslots (room_id, event_id, start_time, end_time, price, max_bookings, status, sequence_no)
SELECT @studio, @mindful,
       TIMESTAMP(UTC_DATE() + INTERVAL @to_thu + 7 * (s.seq - 1) DAY) + INTERVAL 1110 MINUTE,
       TIMESTAMP(UTC_DATE() + INTERVAL @to_thu + 7 * (s.seq - 1) DAY) + INTERVAL 1200 MINUTE,
       0.00, 20, 'scheduled', s.seq
FROM seq_1_to_4 s;

COMMIT;
