"""test_seat_counter.py: timeslots.booked follows every seat change in the change's own
transaction, pages and the booking transaction read it, its CHECK refuses an overbooking,
and bookingctl check finds (and with --fix mends) a counter that drifted."""
import datetime as dt
import os
import subprocess

import requests

from conftest import (CA, active_count, add_booking, api_user, make_room, make_slot, sql, url,
                      utc_now)

CTL = os.environ.get("BOOKING_CTL")


def api(method, path, headers, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def later(hours):
    return utc_now() + dt.timedelta(hours=hours)


def booked(slot):
    return int(sql("SELECT booked FROM timeslots WHERE id = ?", slot)[0][0])


def seats_match(*slots):
    for s in slots:
        assert booked(s) == active_count(s), s


def check(*args):
    return subprocess.run([CTL, "check", *args], env=dict(os.environ), capture_output=True,
                          text=True, timeout=60)


def test_the_counter_follows_book_cancel_reactivate_and_reschedule():
    room = make_room()
    source = make_slot(room, later(50), price="0.00", capacity=3)
    target = make_slot(room, later(74), price="0.00", capacity=3)
    _, _, h = api_user()
    r = api("POST", "/bookings", h, json={"timeslotId": source})
    assert r.status_code == 201, r.text
    b = r.json()["id"]
    assert booked(source) == 1
    assert api("PUT", f"/bookings/{b}/cancel", h).status_code == 200
    assert booked(source) == 0
    assert api("POST", f"/bookings/{b}/reactivate", h).status_code == 200
    assert booked(source) == 1
    r = api("POST", f"/bookings/{b}/reschedule", h, json={"timeslotId": target})
    assert r.status_code == 200, r.text
    assert (booked(source), booked(target)) == (0, 1)
    seats_match(source, target)


def test_a_refused_booking_changes_no_counter():
    _, _, h = api_user()
    slot = make_slot(make_room(), later(52), price="0.00", capacity=2)
    assert api("POST", "/bookings", h, json={"timeslotId": slot}).status_code == 201
    r = api("POST", "/bookings", h, json={"timeslotId": slot})
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_booked"
    assert booked(slot) == 1


def test_an_expired_hold_gives_its_seat_back():
    room = make_room()
    slot = make_slot(room, later(54), price="9.00", capacity=1)
    held = add_booking(api_user()[0], slot, status="pending", hold_minutes=-1)
    assert booked(slot) == 1
    # the next booking of the timeslot releases it under the timeslot's lock
    _, _, h = api_user()
    r = api("POST", "/bookings", h, json={"timeslotId": slot})
    assert r.status_code == 201, r.text
    assert sql("SELECT status FROM bookings WHERE id = ?", held) == [["cancelled"]]
    assert booked(slot) == 1
    # and bookingctl expire-holds does for the rest
    other = make_slot(room, later(55), price="9.00", capacity=2)
    add_booking(api_user()[0], other, status="pending", hold_minutes=-1)
    assert booked(other) == 1
    done = subprocess.run([CTL, "expire-holds"], env=dict(os.environ), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert booked(other) == 0


def test_admin_actions_and_a_cancelled_timeslot_give_seats_back():
    _, _, ah = api_user(name="Admin", role="admin")
    slot = make_slot(make_room(), later(56), price="0.00", capacity=4)
    users = [api_user() for _ in range(3)]
    ids = [api("POST", "/bookings", h, json={"timeslotId": slot}).json()["id"] for _, _, h in users]
    assert booked(slot) == 3
    # attendance is recorded once the session has started
    for table, key in (("timeslots", "id"), ("bookings", "timeslot_id")):
        sql(f"UPDATE {table} SET start_time = UTC_TIMESTAMP() - INTERVAL 1 HOUR,"
            f" end_time = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE {key} = ?", slot)
    assert api("POST", f"/admin/bookings/{ids[0]}/no-show", ah).status_code == 200
    assert api("POST", f"/admin/bookings/{ids[1]}/complete", ah).status_code == 200
    assert booked(slot) == 1
    r = api("PATCH", f"/admin/timeslots/{slot}", ah, json={"status": "canceled"})
    assert r.status_code == 200, r.text
    assert booked(slot) == 0
    seats_match(slot)


def test_pages_and_bookings_read_the_counter():
    """A counter at capacity makes the timeslot full everywhere, though no booking holds a
    seat: what the pages show and what the booking decides come from the counter."""
    room = make_room()
    start = later(58)
    slot = make_slot(room, start, price="0.00", capacity=2)
    sql("UPDATE timeslots SET booked = 2 WHERE id = ?", slot)
    try:
        day = start.strftime("%Y-%m-%d")
        r = requests.get(url(f"/api/v1/rooms/{room}/timeslots?date={day}"), verify=CA)
        got = [s for s in r.json()["timeslots"] if s["id"] == slot][0]
        assert got["bookedCount"] == 2 and got["seatsLeft"] == 0
        page = requests.get(url(f"/timeslots/{slot}"), verify=CA).text
        assert "full" in page.lower()
        r = api("POST", "/bookings", api_user()[2], json={"timeslotId": slot})
        assert r.status_code == 409 and r.json()["error"]["code"] == "slot_full", r.text
    finally:
        sql("UPDATE timeslots SET booked = 0 WHERE id = ?", slot)
    assert api("POST", "/bookings", api_user()[2], json={"timeslotId": slot}).status_code == 201


def test_the_check_constraint_refuses_more_seats_than_the_timeslot_has():
    slot = make_slot(make_room(), later(60), price="0.00", capacity=1)
    assert api("POST", "/bookings", api_user()[2], json={"timeslotId": slot}).status_code == 201
    r = subprocess.run(os.environ["BOOKING_MYSQL"].split() + ["-e",
                       f"UPDATE timeslots SET booked = booked + 1 WHERE id = {slot}"],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "timeslots_booked" in r.stderr, r.stderr
    assert booked(slot) == 1


def test_bookingctl_check_reports_a_drifted_counter_and_fixes_it():
    first = check()
    assert first.returncode == 0, first.stdout + first.stderr
    slot = make_slot(make_room(), later(62), price="0.00", capacity=3)
    add_booking(api_user()[0], slot)
    sql("UPDATE timeslots SET booked = 3 WHERE id = ?", slot)
    drifted = check()
    assert drifted.returncode == 1, drifted.stdout + drifted.stderr
    assert f"timeslot {slot}: counter 3, bookings holding seats 1" in drifted.stdout
    assert "1 with a drifted seat counter" in drifted.stdout
    fixed = check("--fix")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert booked(slot) == 1
    assert check().returncode == 0
    bad = check("--fiks")
    assert bad.returncode == 2 and "unexpected" in bad.stderr
