"""test_admin.py: the admin API: rooms, timeslot generation, custom slots,
events and sessions, the bookings list and every admin state change."""
import concurrent.futures
import datetime as dt
import os
import subprocess
import threading

import requests

from conftest import (CA, api_user, at, day, make_room, make_slot, recount_seats, sql, unique,
                      url)
from test_races import at_once, codes, post


def api(method, path, headers, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def admin():
    return api_user(name="Admin", role="admin")[2]


def customer():
    return api_user(name="Customer")


def error_code(r, status):
    assert r.status_code == status, (r.status_code, r.text)
    return r.json()["error"]["code"]


def next_monday(weeks=2):
    d = day(7 * weeks)
    return d - dt.timedelta(days=d.weekday())


def generate(h, room, **body):
    body = dict({"roomId": room}, **body)
    return api("POST", "/admin/timeslots/generate", h, json=body)


def starts(room):
    return [r[0] for r in sql("SELECT start_time FROM timeslots WHERE room_id = ? ORDER BY start_time", room)]


# --- generation (rule 10) ---------------------------------------------------

def test_generation_skips_weekends_unless_asked_and_skips_excluded_dates():
    h = admin()
    room = make_room(rate="20.00")
    mon = next_monday()
    sun = mon + dt.timedelta(days=6)
    r = generate(h, room, **{"from": str(mon), "to": str(sun), "dayStart": "09:00",
                             "dayEnd": "11:00", "length": 60,
                             "excludedDates": [str(mon + dt.timedelta(days=2))]})
    assert r.status_code == 200, r.text
    assert r.json() == {"created": 8, "skipped": 0, "dryRun": False}
    days = sorted({s[:10] for s in starts(room)})
    assert days == [str(mon + dt.timedelta(days=i)) for i in (0, 1, 3, 4)]
    room2 = make_room()
    r = generate(h, room2, **{"from": str(mon), "to": str(sun), "dayStart": "09:00",
                              "dayEnd": "10:00", "length": 60, "weekdays": ["sat", "sun"]})
    assert r.json()["created"] == 2
    assert sorted({s[:10] for s in starts(room2)}) == [str(mon + dt.timedelta(days=5)), str(sun)]


def test_generation_boundaries_are_exact_at_the_end_of_the_day():
    h = admin()
    room = make_room(rate="20.00")
    mon = next_monday()
    r = generate(h, room, **{"from": str(mon), "to": str(mon), "length": 45})
    assert r.json()["created"] == 10          # 09:00 ... 15:45-16:30; 16:30+45 > 17:00
    rows = sql("SELECT TIME(start_time), TIME(end_time), price FROM timeslots WHERE room_id = ?"
               " ORDER BY start_time", room)
    assert rows[0] == ["09:00:00", "09:45:00", "15.00"]
    assert rows[-1] == ["15:45:00", "16:30:00", "15.00"]
    r = generate(h, make_room(), **{"from": str(mon), "to": str(mon)})
    assert r.json()["created"] == 16          # 30 minutes, 09:00-17:00


def test_generation_is_idempotent_and_dry_run_writes_nothing():
    h = admin()
    room = make_room()
    mon = next_monday()
    body = {"from": str(mon), "to": str(mon + dt.timedelta(days=4)), "dayEnd": "10:00"}
    r = generate(h, room, dryRun=True, **body)
    assert r.json() == {"created": 10, "skipped": 0, "dryRun": True}
    assert starts(room) == []
    assert generate(h, room, **body).json() == {"created": 10, "skipped": 0, "dryRun": False}
    assert generate(h, room, **body).json() == {"created": 0, "skipped": 10, "dryRun": False}
    assert generate(h, room, dryRun=True, **body).json()["skipped"] == 10
    assert len(starts(room)) == 10


def test_generated_price_is_rate_times_length_in_whole_cents_unless_overridden():
    h = admin()
    mon = next_monday()
    room = make_room(rate="10.00")
    generate(h, room, **{"from": str(mon), "to": str(mon), "dayEnd": "09:25", "length": 25})
    assert sql("SELECT price FROM timeslots WHERE room_id = ?", room) == [["4.17"]]
    room = make_room(rate="33.33")
    generate(h, room, **{"from": str(mon), "to": str(mon), "dayEnd": "10:00", "length": 60,
                         "capacity": 7})
    assert sql("SELECT price, max_bookings FROM timeslots WHERE room_id = ?", room) == [["33.33", "7"]]
    room = make_room(rate="33.33")
    generate(h, room, **{"from": str(mon), "to": str(mon), "dayEnd": "10:00", "price": "0"})
    assert {p for (p,) in sql("SELECT price FROM timeslots WHERE room_id = ?", room)} == {"0.00"}


def test_generation_refuses_bad_input_naming_the_field():
    h = admin()
    room = make_room()
    mon = next_monday()
    cases = [
        ({"from": str(mon), "to": str(mon + dt.timedelta(days=400))}, "to"),
        ({"from": str(day(-3)), "to": str(day(3))}, "from"),
        ({"from": str(mon), "to": str(mon - dt.timedelta(days=1))}, "to"),
        ({"from": "soon", "to": str(mon)}, "from"),
        ({"from": str(mon), "to": str(mon), "dayStart": "9am"}, "dayStart"),
        ({"from": str(mon), "to": str(mon), "dayStart": "17:00", "dayEnd": "09:00"}, "dayEnd"),
        ({"from": str(mon), "to": str(mon), "length": 0}, "length"),
        ({"from": str(mon), "to": str(mon), "weekdays": ["someday"]}, "weekdays"),
        ({"from": str(mon), "to": str(mon), "excludedDates": ["2026-02-30"]}, "excludedDates"),
        ({"from": str(mon), "to": str(mon), "price": "-1"}, "price"),
    ]
    for body, field in cases:
        r = generate(h, room, **body)
        assert r.status_code == 400, (body, r.text)
        assert field in r.json()["error"]["fields"], (body, r.text)
    assert starts(room) == []
    assert error_code(generate(h, 999999999, **{"from": str(mon), "to": str(mon)}), 404) == "not_found"


def test_bookingctl_generate_slots_does_the_same():
    room = make_room(rate="20.00")
    mon = next_monday(3)
    cmd = [os.environ["BOOKING_CTL"], "generate-slots", "--room", str(room), "--from", str(mon),
           "--to", str(mon + dt.timedelta(days=6)), "--day-end", "11:00", "--length", "60",
           "--exclude", str(mon)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "created 8 timeslots, skipped 0" in r.stdout
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert "created 0 timeslots, skipped 8" in r.stdout
    bad = [a if a != "60" else "0" for a in cmd]
    r = subprocess.run(bad, capture_output=True, text=True)
    assert r.returncode != 0 and "Slot length" in r.stderr


# --- rooms, timeslots, events --------------------------------------------------

def test_rooms_are_created_checked_and_deactivated():
    h = admin()
    r = api("POST", "/admin/rooms", h, json={"name": unique("New Room"), "roomType": "meeting",
            "capacity": 8, "hourlyRate": "35.50", "metadata": '{"floor": 3}'})
    assert r.status_code == 201, r.text
    room = r.json()
    assert room["hourlyRate"] == 35.5 and room["metadata"] == {"floor": 3} and room["isActive"]
    r = api("POST", "/admin/rooms", h, json={"name": "", "roomType": "castle", "capacity": 0,
            "hourlyRate": "1.234", "metadata": "{broken"})
    assert r.status_code == 400
    assert set(r.json()["error"]["fields"]) == {"name", "roomType", "capacity", "hourlyRate", "metadata"}
    # A deactivated room takes no new bookings; existing ones stay.
    slot = make_slot(room["id"], at(day(3), 10), price="0.00")
    cust = customer()[2]
    kept = api("POST", "/bookings", cust, json={"timeslotId": slot}).json()["id"]
    r = api("PATCH", f"/admin/rooms/{room['id']}", h, json={"isActive": False})
    assert r.status_code == 200 and r.json()["isActive"] is False
    assert r.json()["name"] == room["name"]            # untouched fields kept
    other = customer()[2]
    assert error_code(api("POST", "/bookings", other, json={"timeslotId": slot}), 409) == "slot_unavailable"
    assert sql("SELECT status FROM bookings WHERE id = ?", kept) == [["confirmed"]]
    assert api("PATCH", "/admin/rooms/999999999", h, json={"isActive": True}).status_code == 404


def test_custom_slot_defaults_capacity_changes_and_cancellation_with_full_refunds():
    h = admin()
    room = make_room(rate="20.00", capacity=3)
    start = at(day(4), 10)
    r = api("POST", "/admin/timeslots", h, json={"roomId": room,
            "startTime": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "endTime": (start + dt.timedelta(minutes=90)).strftime("%Y-%m-%dT%H:%M:%SZ")})
    assert r.status_code == 201, r.text
    slot = r.json()
    # a room's own timeslot books the whole room, at the hourly rate for its length
    assert slot["price"] == 30.0 and slot["maxBookings"] == 1 and slot["status"] == "scheduled"
    assert api("PATCH", f"/admin/timeslots/{slot['id']}", h, json={"maxBookings": 3}).status_code == 200
    dup = api("POST", "/admin/timeslots", h, json={"roomId": room,
              "startTime": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
              "endTime": (start + dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")})
    assert dup.status_code == 409 and "startTime" in dup.json()["error"]["fields"]
    uids, ids = [], []
    for _ in range(2):
        uid, _, ch = customer()
        bid = api("POST", "/bookings", ch, json={"timeslotId": slot["id"]}).json()["id"]
        sql("UPDATE bookings SET status = 'confirmed', payment_status = 'paid',"
            " paid_amount = price WHERE id = ?", bid)
        uids.append(uid)
        ids.append(bid)
    r = api("PATCH", f"/admin/timeslots/{slot['id']}", h, json={"maxBookings": 1})
    assert r.status_code == 409 and "maxBookings" in r.json()["error"]["fields"]
    r = api("PATCH", f"/admin/timeslots/{slot['id']}", h, json={"maxBookings": 5})
    assert r.status_code == 200 and r.json()["maxBookings"] == 5
    r = api("PATCH", f"/admin/timeslots/{slot['id']}", h, json={"status": "canceled"})
    assert r.status_code == 200 and r.json()["status"] == "canceled"
    for uid, bid in zip(uids, ids):
        assert sql("SELECT status, payment_status, refund_amount FROM bookings WHERE id = ?", bid) == \
            [["cancelled", "refunded", "30.00"]]
        assert sql("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND message LIKE 'Cancelled%'", uid) == [["1"]]
    r = api("PATCH", f"/admin/timeslots/{slot['id']}", h, json={"status": "canceled"})
    assert r.status_code == 409


def test_events_get_numbered_draft_sessions_that_publish():
    h = admin()
    room = make_room()
    r = api("POST", "/admin/events", h, json={"title": unique("Course"), "kind": "course"})
    assert r.status_code == 201
    event = r.json()["id"]
    seqs = []
    for i in range(3):
        start = at(day(10 + i), 18)
        r = api("POST", "/admin/timeslots", h, json={"roomId": room, "eventId": event,
                "startTime": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "endTime": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "price": "15.00", "maxBookings": 12})
        assert r.status_code == 201, r.text
        assert r.json()["status"] == "draft"
        seqs.append(r.json()["sequenceNo"])
    assert seqs == [1, 2, 3]
    assert api("POST", "/admin/events", h, json={"title": "", "kind": "party"}).status_code == 400


def course_sessions_at_once(h, n=8):
    """n sessions of a new course, each in a room of its own, added all at once;
    returns their numbers as answered."""
    r = api("POST", "/admin/events", h, json={"title": unique("Course"), "kind": "course"})
    assert r.status_code == 201, r.text
    event, start = r.json()["id"], at(day(20), 9)
    calls = [post("/admin/timeslots", h, {
        "roomId": make_room(), "eventId": event, "price": "15.00", "maxBookings": 6,
        "startTime": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "endTime": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")})
        for _ in range(n)]
    got = at_once(calls)
    assert codes(got) == [(201, None)] * n
    assert sorted(int(v) for (v,) in sql("SELECT sequence_no FROM timeslots WHERE event_id = ?",
                                          event)) == sorted(r.json()["sequenceNo"] for r in got)
    return sorted(r.json()["sequenceNo"] for r in got)


def test_sessions_of_one_course_added_at_once_are_numbered_once_each():
    h = admin()
    for _ in range(3):
        assert course_sessions_at_once(h) == list(range(1, 9))


# --- bookings: list and state machine (rules 5, 6, 9) ---------------------------

def starts_in(bid, minutes):
    """Moves a booking's timeslot (and the booking's copy of its times) to start
    minutes from now (negative: that long ago), for one hour."""
    for table, key in (("timeslots", "id = (SELECT timeslot_id FROM bookings WHERE id = ?)"),
                       ("bookings", "id = ?")):
        sql(f"UPDATE {table} SET start_time = UTC_TIMESTAMP() + INTERVAL ? MINUTE,"
            f" end_time = UTC_TIMESTAMP() + INTERVAL ? MINUTE WHERE {key}",
            minutes, minutes + 60, bid)


def booked(price="20.00", hours=48, status=None):
    """A fresh pending (or given status) booking; returns (admin headers, booking id, customer)."""
    h = admin()
    room = make_room()
    slot = make_slot(room, at(day(0), 0) + dt.timedelta(hours=hours + 24), price=price)
    uid, _, ch = customer()
    bid = api("POST", "/bookings", ch, json={"timeslotId": slot}).json()["id"]
    if status:
        sql("UPDATE bookings SET status = ?, payment_status = 'paid', paid_amount = price"
            " WHERE id = ?", status, bid)
        recount_seats(booking_id=bid)
    return h, bid, uid


def act(h, bid, action, **body):
    return api("POST", f"/admin/bookings/{bid}/{action}", h, json=body)


def test_confirm_marks_paid_plans_reminders_and_only_from_pending():
    h, bid, uid = booked(hours=72)
    assert act(h, bid, "confirm").status_code == 400              # paymentId required
    r = act(h, bid, "confirm", paymentId="pay_123")
    assert r.status_code == 200, r.text
    b = r.json()
    assert (b["status"], b["paymentStatus"], b["paymentId"]) == ("confirmed", "paid", "pay_123")
    assert b["holdExpiresAt"] is None
    assert sorted(t for (t,) in sql("SELECT type FROM reminders WHERE booking_id = ? AND status = 'pending'", bid)) \
        == ["email_1h", "email_24h"]
    assert error_code(act(h, bid, "confirm", paymentId="again"), 409) == "invalid_state"
    ev = sql("SELECT type, actor_id IS NOT NULL, data FROM booking_events WHERE booking_id = ? ORDER BY id", bid)
    assert ev[-1][0] == "confirmed" and ev[-1][1] == "1" and "pay_123" in ev[-1][2]


def test_complete_no_show_check_in_and_check_out_follow_the_state_rules():
    h, bid, _ = booked()
    for action in ("complete", "no-show", "check-in", "check-out"):
        assert error_code(act(h, bid, action), 409) == "invalid_state", action   # pending
    act(h, bid, "confirm", paymentId="p")
    assert error_code(act(h, bid, "check-out"), 409) == "invalid_state"          # not checked in
    # attendance follows the clock: check-in from 30 minutes before the start,
    # complete and no-show only once it started
    assert error_code(act(h, bid, "check-in"), 409) == "invalid_state"           # two days early
    starts_in(bid, 31)
    assert error_code(act(h, bid, "check-in"), 409) == "invalid_state"
    starts_in(bid, 29)
    for action in ("complete", "no-show"):
        assert error_code(act(h, bid, action), 409) == "invalid_state", action   # not started
    r = act(h, bid, "check-in")
    assert r.status_code == 200 and r.json()["checkedInAt"].endswith("Z")
    assert error_code(act(h, bid, "check-in"), 409) == "invalid_state"
    r = act(h, bid, "check-out")
    assert r.status_code == 200 and r.json()["checkedOutAt"].endswith("Z")
    assert error_code(act(h, bid, "check-out"), 409) == "invalid_state"
    assert error_code(act(h, bid, "complete"), 409) == "invalid_state"
    starts_in(bid, -1)
    r = act(h, bid, "complete")
    assert r.status_code == 200 and r.json()["status"] == "completed"
    for action in ("complete", "no-show", "check-in", "cancel"):
        assert error_code(act(h, bid, action), 409) == "invalid_state", action
    h, bid, _ = booked(status="confirmed")
    assert error_code(act(h, bid, "no-show"), 409) == "invalid_state"
    starts_in(bid, -60)
    assert act(h, bid, "no-show").json()["status"] == "no_show"
    assert error_code(act(h, bid, "confirm", paymentId="p"), 409) == "invalid_state"
    types = [t for (t,) in sql("SELECT type FROM booking_events WHERE booking_id = ? ORDER BY id", bid)]
    assert types[-1] == "no_show"
    assert error_code(act(h, 999999999, "complete"), 404) == "not_found"


def test_admin_cancel_refunds_in_full_even_late():
    h, bid, uid = booked(price="40.00", hours=2, status="confirmed")
    r = act(h, bid, "cancel")
    assert r.status_code == 200, r.text
    assert r.json()["refundAmount"] == 40.0
    assert r.json()["booking"]["paymentStatus"] == "refunded"
    assert sql("SELECT actor_id FROM booking_events WHERE booking_id = ? ORDER BY id DESC LIMIT 1", bid) != [[str(uid)]]


def test_two_admins_confirming_at_once_confirm_once():
    for _ in range(3):
        _, bid, _ = booked()
        admins = [admin(), admin()]
        barrier = threading.Barrier(2)

        def go(h):
            barrier.wait()
            return act(h, bid, "confirm", paymentId="race").status_code

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            codes = sorted(pool.map(go, admins))
        assert codes == [200, 409]
        assert sql("SELECT COUNT(*) FROM booking_events WHERE booking_id = ? AND type = 'confirmed'", bid) == [["1"]]


def test_admin_bookings_list_filters_and_limits():
    h = admin()
    room = make_room()
    slot = make_slot(room, at(day(20), 9), price="0.00", capacity=10)
    uid, _, ch = customer()
    email = sql("SELECT email FROM users WHERE id = ?", uid)[0][0]
    bid = api("POST", "/bookings", ch, json={"timeslotId": slot}).json()["id"]
    r = api("GET", f"/admin/bookings?roomId={room}", h)
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1 and body["items"][0]["id"] == bid
    assert body["items"][0]["userEmail"] == email and body["limit"] == 50
    assert api("GET", f"/admin/bookings?email={email}&status=confirmed", h).json()["total"] == 1
    assert api("GET", f"/admin/bookings?email={email}&status=pending", h).json()["total"] == 0
    assert api("GET", f"/admin/bookings?roomId={room}&from={day(20)}&to={day(20)}", h).json()["total"] == 1
    assert api("GET", f"/admin/bookings?roomId={room}&from={day(21)}", h).json()["total"] == 0
    assert api("GET", "/admin/bookings?limit=200", h).status_code == 200
    assert "limit" in api("GET", "/admin/bookings?limit=201", h).json()["error"]["message"]
    assert "status" in api("GET", "/admin/bookings?status=lost", h).json()["error"]["message"]


def test_customers_get_403_on_every_admin_endpoint():
    _, _, ch = customer()
    calls = [("POST", "/admin/rooms"), ("PATCH", "/admin/rooms/1"), ("POST", "/admin/timeslots"),
             ("PATCH", "/admin/timeslots/1"), ("POST", "/admin/timeslots/generate"),
             ("POST", "/admin/events"), ("GET", "/admin/bookings")] + \
        [("POST", f"/admin/bookings/1/{a}") for a in
         ("confirm", "cancel", "complete", "no-show", "check-in", "check-out")]
    for method, path in calls:
        r = api(method, path, ch, json={})
        assert r.status_code == 403, (method, path, r.status_code)
        r = api(method, path, {}, json={})
        assert r.status_code == 401, (method, path, r.status_code)


def test_room_metadata_the_database_would_refuse_is_a_400_naming_the_field():
    """json-c reads these, MariaDB's JSON check does not: a 400 on the
    field, never a 500 from the INSERT."""
    h = admin()
    room = make_room()
    for meta in ('{"a":NaN}', '{"a":Infinity}', '{"a":1,}', "{'a':1}", "{\"a\":'x'}",
                 '{"a":"x\ty"}', '{"a":1} /* c */', '{"a":"\\ud800"}'):
        name = unique("Meta Room")
        r = api("POST", "/admin/rooms", h, json={"name": name, "roomType": "meeting",
                "capacity": 2, "hourlyRate": "1.00", "metadata": meta})
        assert r.status_code == 400, (meta, r.text)
        assert set(r.json()["error"]["fields"]) == {"metadata"}, meta
        assert sql("SELECT COUNT(*) FROM rooms WHERE name = ?", name) == [["0"]]
        r = api("PATCH", f"/admin/rooms/{room}", h, json={"metadata": meta})
        assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"metadata"}, meta
    # The same as an object in the body, which the body's parser reads.
    r = api("PATCH", f"/admin/rooms/{room}", dict(h, **{"Content-Type": "application/json"}),
            data='{"metadata": {"a": NaN}}')
    assert r.status_code == 400 and set(r.json()["error"]["fields"]) == {"metadata"}, r.text
    assert sql("SELECT metadata FROM rooms WHERE id = ?", room) == [["NULL"]]
