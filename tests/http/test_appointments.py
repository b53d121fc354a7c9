"""test_appointments.py: an individual event's appointments (issue 11): a
customer picks a free start within its room's bookable hours and the session
(capacity 1) is made then, under the room's lock; a room's sessions never
overlap (rule 15)."""
import re
import uuid

import requests

from conftest import (CA, api_user, at, browser_user, day, form_post, make_room, make_slot,
                      sql, url)
from test_races import at_once, codes, post

DAY = day(6)


def api(method, path, headers, body=None):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA)


def iso(hour, minute=0, date=DAY):
    return f"{date.isoformat()}T{hour:02d}:{minute:02d}:00Z"


def appointments(minutes=30, opens="09:00", closes="12:00", date=DAY):
    """A room with hours on date's weekday and an individual event in it, made through
    the admin API."""
    _, _, admin = api_user(role="admin")
    room = make_room(rate="30.00", capacity=1)
    weekday = (date.isoweekday() % 7)
    r = api("PUT", f"/admin/rooms/{room}/hours", admin,
            {"weekday": weekday, "opens": opens, "closes": closes})
    assert r.status_code == 200, r.text
    r = api("POST", "/admin/events", admin, {"title": "Consultation " + uuid.uuid4().hex[:6],
                                              "kind": "individual", "appointmentRoomId": room,
                                              "sessionMinutes": minutes})
    assert r.status_code == 201, r.text
    return r.json()["id"], room, admin


def starts(ev, date=DAY):
    r = requests.get(url(f"/api/v1/events/{ev}/appointments?date={date}"), verify=CA)
    assert r.status_code == 200, r.text
    return [t[11:16] for t in r.json()["startTimes"]]


def test_free_starts_follow_the_hours_and_skip_the_rooms_other_sessions():
    ev, room, _ = appointments()
    assert starts(ev) == ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    make_slot(room, at(DAY, 10, 0), minutes=45)
    assert starts(ev) == ["09:00", "09:30", "11:00", "11:30"]
    assert starts(ev, date=day(7)) == [], "no hours on that weekday"


def test_booking_a_start_makes_its_session_and_books_it():
    uid, _, h = api_user()
    ev, room, _ = appointments()
    r = api("POST", f"/events/{ev}/appointments", h, {"startTime": iso(9)})
    assert r.status_code == 201, r.text
    o = r.json()
    assert (o["total"], o["bookingCount"]) == (15.0, 1), "30 minutes at 30.00 an hour"
    b = o["bookings"][0]
    assert (b["userId"], b["status"], b["startTime"], b["endTime"]) == \
        (uid, "pending", iso(9), iso(9, 30))
    assert sql("SELECT max_bookings, event_id, room_id FROM timeslots WHERE id = ?",
               b["timeslotId"]) == [["1", str(ev), str(room)]]
    assert "09:00" not in starts(ev)


def test_a_start_off_the_hours_their_grid_or_another_session_is_refused():
    _, _, h = api_user()
    ev, room, _ = appointments()
    make_slot(room, at(DAY, 10, 0), minutes=45)
    for start, code in ((iso(10, 30), "slot_unavailable"),     # overlaps the 10:00 session
                        (iso(11, 45), "slot_unavailable"),     # would end after closing
                        (iso(9, 10), "slot_unavailable"),      # off the grid
                        (iso(8, 30), "slot_unavailable"),      # before opening
                        (iso(9, 0, day(-7)), "slot_past")):
        r = api("POST", f"/events/{ev}/appointments", h, {"startTime": start})
        assert r.status_code == 409 and r.json()["error"]["code"] == code, (start, r.text)
    assert api("POST", f"/events/{ev}/appointments", h, {"startTime": "soon"}).status_code == 400
    assert int(sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ?", room)[0][0]) == 1


def test_customers_picking_the_same_start_at_once_get_one_session():
    ev, room, _ = appointments()
    users = [api_user() for _ in range(8)]
    answers = at_once([post(f"/events/{ev}/appointments", h, {"startTime": iso(11)})
                       for _, _, h in users])
    got = codes(answers)
    assert got.count((201, None)) == 1 and got.count((409, "slot_full")) == 7, got
    assert sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ? AND start_time = ?", room,
               f"{DAY} 11:00:00") == [["1"]]
    assert sql("SELECT COUNT(*) FROM bookings WHERE room_id = ?", room) == [["1"]]


def test_customers_picking_overlapping_starts_at_once_never_overlap():
    ev, room, _ = appointments(minutes=60, opens="09:00", closes="12:00")
    other = api("POST", "/admin/events", appointments()[2], {
        "title": "Other " + uuid.uuid4().hex[:6], "kind": "individual",
        "appointmentRoomId": room, "sessionMinutes": 30}).json()["id"]
    users = [api_user() for _ in range(6)]
    calls = [post(f"/events/{ev if i % 2 else other}/appointments", h,
                  {"startTime": iso(10, 0 if i % 2 else 30)}) for i, (_, _, h) in enumerate(users)]
    codes(at_once(calls))
    rows = sql("SELECT start_time, end_time FROM timeslots WHERE room_id = ? ORDER BY start_time",
               room)
    assert len(rows) == 1, rows
    assert sql("SELECT COUNT(*) FROM bookings WHERE room_id = ?", room) == [["1"]]


def test_the_pages_offer_the_starts_and_book_one():
    s, uid, csrf = browser_user()
    ev, room, _ = appointments()
    assert 'id="pick-time"' in s.get(url(f"/events/{ev}")).text
    page = s.get(url(f"/events/{ev}/appointments?date={DAY}")).text
    assert len(re.findall(r'<li data-start="', page)) == 6
    visitor = requests.get(url(f"/events/{ev}/appointments?date={DAY}"), verify=CA).text
    assert "Log in to book a time" in visitor and 'name="start"' not in visitor
    r = form_post(s, f"/events/{ev}/appointments", csrf=csrf, start=iso(9, 30))
    assert re.fullmatch(r"/orders/\d+\?done=ordered", r.headers["Location"]), r.headers
    r = form_post(s, f"/events/{ev}/appointments", csrf=csrf, start=iso(9, 30))
    assert r.status_code == 409 and 'id="appointment-error"' in r.text
    assert form_post(s, f"/events/{ev}/appointments", csrf=csrf, start="x").status_code == 400
    assert form_post(s, "/events/4000000000/appointments", csrf=csrf,
                     start=iso(9)).status_code == 404
    workshop = int(sql("INSERT INTO events (title, kind) VALUES ('W', 'workshop');"
                       " SELECT LAST_INSERT_ID()")[0][0])
    assert s.get(url(f"/events/{workshop}/appointments")).status_code == 404
    assert requests.get(url(f"/api/v1/events/{workshop}/appointments"),
                        verify=CA).status_code == 404


def test_admins_set_and_clear_bookable_hours():
    _, _, admin = api_user(role="admin")
    _, _, customer = api_user()
    room = make_room()
    path = f"/admin/rooms/{room}/hours"
    assert api("PUT", path, admin, {"weekday": 2, "opens": "13:00", "closes": "10:00"}).status_code == 400
    assert api("PUT", path, admin, {"weekday": 7, "opens": "09:00", "closes": "10:00"}).status_code == 400
    assert api("PUT", path, admin, {"weekday": 2, "opens": "9am", "closes": "10:00"}).status_code == 400
    assert api("PUT", path, admin, {"weekday": 2, "opens": "08:00", "closes": "18:00"}).status_code == 200
    assert api("PUT", path, admin, {"weekday": 2, "opens": "09:00", "closes": "17:00"}).status_code == 200
    assert sql("SELECT weekday, opens, closes FROM room_hours WHERE room_id = ?", room) == \
        [["2", "09:00:00", "17:00:00"]]
    assert api("PUT", path, admin, {"weekday": 2}).status_code == 200
    assert sql("SELECT COUNT(*) FROM room_hours WHERE room_id = ?", room) == [["0"]]
    assert api("PUT", "/admin/rooms/4000000000/hours", admin,
               {"weekday": 1, "opens": "09:00", "closes": "10:00"}).status_code == 404
    assert api("PUT", path, customer, {"weekday": 1}).status_code == 403
    r = api("POST", "/admin/events", admin, {"title": "Bad room", "kind": "individual",
                                              "appointmentRoomId": 4000000000})
    assert r.status_code == 400 and "appointmentRoomId" in r.json()["error"]["fields"]
