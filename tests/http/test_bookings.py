"""test_bookings.py: the booking engine through nginx: book, holds, cancel with
refunds, reactivate, reschedule, events and notifications; API and pages."""
import datetime as dt
import html
import json
import os
import re
import subprocess
import uuid

import requests

from conftest import (CA, active_count, add_booking, api_user, booking_row,
                      browser_user, get, make_event, make_room, make_slot, make_user,
                      sql, unique, url, utc_now)

CTL = os.environ.get("BOOKING_CTL")

BOOKING_FIELDS = {
    "id", "userId", "timeslotId", "roomId", "status", "paymentStatus", "paymentId",
    "price", "paidAmount", "refundAmount", "notes", "bookingType", "createdAt", "updatedAt",
    "cancelledAt", "checkedInAt", "checkedOutAt", "holdExpiresAt", "userName",
    "userEmail", "startTime", "endTime", "roomName", "eventTitle",
}


# ---------------------------------------------------------------- helpers

def later(hours=0, minutes=0):
    """A time this far from now (UTC, whole seconds)."""
    return utc_now() + dt.timedelta(hours=hours, minutes=minutes)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def db_time(t):
    return t.strftime("%Y-%m-%d %H:%M:%S")


def parse_iso(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


def slot_in(hours, price="12.50", capacity=4, room=None, **kw):
    """A timeslot starting hours from now; returns (room_id, slot_id, start)."""
    room = room or make_room()
    start = later(hours=hours)
    return room, make_slot(room, start, price=price, capacity=capacity, **kw), start


def api(method, path, headers, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def book(headers, slot_id, **extra):
    body = {"timeslotId": slot_id}
    body.update(extra)
    return api("POST", "/bookings", headers, json=body)


def conflict(r, status, code):
    """The JSON error of a refused request: its status, code and a message."""
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json")
    err = r.json()["error"]
    assert err["code"] == code, err
    assert err["message"]
    return err


def count(query, *args):
    return int(sql(query, *args)[0][0])


def bookings_of(user_id, slot_id=None):
    if slot_id is None:
        return count("SELECT COUNT(*) FROM bookings WHERE user_id = ?", user_id)
    return count("SELECT COUNT(*) FROM bookings WHERE user_id = ? AND timeslot_id = ?",
                 user_id, slot_id)


def events_of(booking_id):
    """The booking's events, oldest first: [type, actor_id, old_status, new_status, data]."""
    rows = sql("SELECT type, IFNULL(actor_id, 'NULL'), IFNULL(old_status, 'NULL'), new_status,"
               " IFNULL(data, 'NULL') FROM booking_events WHERE booking_id = ? ORDER BY id",
               booking_id)
    return [[None if v == "NULL" else v for v in row] for row in rows]


def notifications_of(user_id):
    return count("SELECT COUNT(*) FROM notifications WHERE user_id = ?", user_id)


def reminders_of(booking_id):
    """[type, scheduled_at, status] sorted by type."""
    return sql("SELECT type, scheduled_at, status FROM reminders WHERE booking_id = ?"
               " ORDER BY type", booking_id)


def mark_paid(booking_id):
    """Payment confirmation is not part of this engine yet: done in SQL."""
    sql("UPDATE bookings SET status = 'confirmed', payment_status = 'paid', paid_amount = price,"
        " hold_expires_at = NULL WHERE id = ?", booking_id)


def paid_booking(hours, price="12.50"):
    """A confirmed, paid booking on a slot starting hours from now: (user, headers, booking, slot)."""
    uid, _, h = api_user()
    _, slot, _ = slot_in(hours, price=price)
    r = book(h, slot)
    assert r.status_code == 201, r.text
    bid = r.json()["id"]
    mark_paid(bid)
    return uid, h, bid, slot


def cancel(headers, booking_id):
    return api("PUT", f"/bookings/{booking_id}/cancel", headers)


# ---------------------------------------------------------------- booking

def test_booking_a_free_slot_confirms_at_once_with_both_reminders():
    uid, _, h = api_user(name="Free Booker")
    event = make_event(title=unique("Free Event"))
    room = make_room(name=unique("Free Room"))
    start = later(hours=48)
    slot = make_slot(room, start, price="0.00", capacity=3, event_id=event)
    before = notifications_of(uid)
    r = book(h, slot, notes="window seat please")
    assert r.status_code == 201, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    b = r.json()
    assert BOOKING_FIELDS <= set(b), BOOKING_FIELDS - set(b)
    assert b["userId"] == uid and b["timeslotId"] == slot and b["roomId"] == room
    assert b["status"] == "confirmed" and b["paymentStatus"] == "paid"
    assert b["price"] == 0 and '"price":0.00' in r.text
    assert b["refundAmount"] == 0 and b["holdExpiresAt"] is None and b["cancelledAt"] is None
    assert b["notes"] == "window seat please"
    assert b["userName"] == "Free Booker" and "@" in b["userEmail"]
    assert b["startTime"] == iso(start)
    assert b["endTime"] == iso(start + dt.timedelta(minutes=60))
    assert b["roomName"].startswith("Free Room") and b["eventTitle"].startswith("Free Event")
    assert b["createdAt"].endswith("Z") and "T" in b["createdAt"]

    assert booking_row(b["id"], "status", "payment_status", "price", "user_id", "timeslot_id",
                       "room_id") == ["confirmed", "paid", "0.00", str(uid), str(slot), str(room)]
    assert reminders_of(b["id"]) == [
        ["email_24h", db_time(start - dt.timedelta(hours=24)), "pending"],
        ["email_1h", db_time(start - dt.timedelta(hours=1)), "pending"],
    ]
    ev = events_of(b["id"])
    assert ev[0][0] == "created" and ev[0][1] == str(uid)
    assert ev[-1][3] == "confirmed"
    assert notifications_of(uid) > before


def test_reminders_are_only_planned_while_still_in_the_future():
    _, _, h = api_user()
    _, in3h, start = slot_in(3, price="0.00")
    r = book(h, in3h)
    assert r.status_code == 201
    assert reminders_of(r.json()["id"]) == [
        ["email_1h", db_time(start - dt.timedelta(hours=1)), "pending"]]
    _, in30m, _ = slot_in(0.5, price="0.00")
    r = book(h, in30m)
    assert r.status_code == 201 and r.json()["status"] == "confirmed"
    assert reminders_of(r.json()["id"]) == []


def test_booking_a_paid_slot_is_pending_and_holds_the_seat_for_15_minutes():
    uid, _, h = api_user()
    _, slot, _ = slot_in(48, price="12.50", capacity=1)
    before = utc_now()
    r = book(h, slot)
    assert r.status_code == 201, r.text
    b = r.json()
    assert b["status"] == "pending" and b["paymentStatus"] == "pending"
    assert b["price"] == 12.5 and '"price":12.50' in r.text
    hold = parse_iso(b["holdExpiresAt"])
    assert before + dt.timedelta(minutes=14) <= hold <= utc_now() + dt.timedelta(minutes=16)
    assert booking_row(b["id"], "status", "payment_status", "price") == ["pending", "pending", "12.50"]
    # Not confirmed, so no reminders yet.
    assert reminders_of(b["id"]) == []
    # The hold takes the only seat.
    assert active_count(slot) == 1
    conflict(book(api_user()[2], slot), 409, "slot_full")


def test_a_full_slot_is_refused_and_nothing_is_written():
    _, slot, _ = slot_in(24 * 3, capacity=2)
    for _ in range(2):
        assert book(api_user()[2], slot).status_code == 201
    uid, _, h = api_user()
    err = conflict(book(h, slot), 409, "slot_full")
    assert "full" in err["message"].lower()
    assert bookings_of(uid) == 0
    assert active_count(slot) == 2


def test_a_second_booking_of_the_same_slot_by_the_same_user_is_refused():
    uid, _, h = api_user()
    _, slot, _ = slot_in(30, capacity=5)
    assert book(h, slot).status_code == 201
    err = conflict(book(h, slot), 409, "already_booked")
    assert "already" in err["message"].lower()
    assert bookings_of(uid, slot) == 1
    # A cancelled booking does not count: booking again works.
    first = sql("SELECT id FROM bookings WHERE user_id = ?", uid)[0][0]
    assert cancel(h, first).status_code == 200
    r = book(h, slot)
    assert r.status_code == 201 and r.json()["id"] != int(first)
    assert active_count(slot) == 1


def test_past_and_started_slots_are_refused_as_slot_past():
    uid, _, h = api_user()
    room = make_room()
    over = make_slot(room, later(hours=-3), price="0.00")
    started = make_slot(room, later(minutes=-10), minutes=60, price="0.00")
    for slot in (over, started):
        err = conflict(book(h, slot), 409, "slot_past")
        assert "past" in err["message"].lower() or "started" in err["message"].lower()
    assert bookings_of(uid) == 0


def test_unscheduled_slots_and_inactive_rooms_are_refused_as_slot_unavailable():
    uid, _, h = api_user()
    room = make_room()
    slots = [make_slot(room, later(hours=50 + i), status=s)
             for i, s in enumerate(("canceled", "draft", "completed", "in_progress"))]
    closed = make_room(active=0)
    slots.append(make_slot(closed, later(hours=50)))
    for slot in slots:
        conflict(book(h, slot), 409, "slot_unavailable")
    assert bookings_of(uid) == 0


def test_unknown_timeslot_is_404_and_bad_input_is_400_naming_the_field():
    uid, _, h = api_user()
    r = book(h, 999999999)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    for body in ({}, {"timeslotId": "abc"}, {"timeslotId": -1}, {"timeslotId": None},
                 {"notes": "no slot"}):
        r = api("POST", "/bookings", h, json=body)
        assert r.status_code == 400, (body, r.status_code, r.text)
        assert "timeslotId" in r.json()["error"]["message"], body
    r = api("POST", "/bookings", dict(h, **{"Content-Type": "application/json"}), data="{not json")
    assert r.status_code == 400
    assert bookings_of(uid) == 0


def test_booking_needs_authentication_and_session_calls_need_csrf():
    _, slot, _ = slot_in(40)
    r = requests.post(url("/api/v1/bookings"), json={"timeslotId": slot}, verify=CA)
    assert r.status_code == 401
    s, uid, csrf = browser_user()
    r = s.post(url("/api/v1/bookings"), json={"timeslotId": slot})
    assert r.status_code == 403
    assert bookings_of(uid) == 0
    r = s.post(url("/api/v1/bookings"), json={"timeslotId": slot}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201 and r.json()["userId"] == uid
    assert active_count(slot) == 1


def test_an_expired_hold_does_not_block_the_last_seat():
    a, _, ha = api_user()
    _, slot, _ = slot_in(48, price="9.99", capacity=1)
    r = book(ha, slot)
    assert r.status_code == 201 and r.json()["status"] == "pending"
    held = r.json()["id"]
    b, _, hb = api_user()
    conflict(book(hb, slot), 409, "slot_full")
    sql("UPDATE bookings SET hold_expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id = ?", held)
    r = book(hb, slot)
    assert r.status_code == 201, r.text
    assert r.json()["userId"] == b
    # The lapsed hold was cancelled on the way, so one seat is held, by b.
    assert booking_row(held, "status") == ["cancelled"]
    assert active_count(slot) == 1
    assert [e for e in events_of(held) if e[0] == "cancelled"]


def test_the_same_user_can_book_again_once_the_hold_lapsed():
    uid, _, h = api_user()
    _, slot, _ = slot_in(48, price="5.00", capacity=3)
    first = book(h, slot).json()["id"]
    conflict(book(h, slot), 409, "already_booked")
    sql("UPDATE bookings SET hold_expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?", first)
    r = book(h, slot)
    assert r.status_code == 201, r.text
    assert r.json()["id"] != first
    assert booking_row(first, "status") == ["cancelled"]
    assert active_count(slot) == 1


def test_a_timeslot_knows_when_its_first_hold_runs_out_and_the_job_moves_it_on():
    """timeslots.holds_lapse_at (sql/037_hold_hints.sql): a page subtracts lapsed holds
    only for a timeslot past it, so it is never later than a running hold's end."""
    def hint(slot):
        return sql("SELECT holds_lapse_at FROM timeslots WHERE id = ?", slot)[0][0]

    def seats_left(room, slot, start):
        r = requests.get(url(f"/api/v1/rooms/{room}/timeslots?date={start:%Y-%m-%d}"),
                         verify=CA)
        return next(s["seatsLeft"] for s in r.json()["timeslots"] if s["id"] == slot)

    _, _, ha = api_user()
    _, _, hb = api_user()
    room, slot, start = slot_in(50, price="7.00", capacity=2)
    assert hint(slot) == "NULL"
    first = book(ha, slot).json()
    second = book(hb, slot).json()
    assert first["status"] == second["status"] == "pending"
    ends = sql("SELECT hold_expires_at FROM bookings WHERE id IN (?, ?) ORDER BY 1",
               first["id"], second["id"])
    assert hint(slot) == ends[0][0]
    assert seats_left(room, slot, start) == 0
    # the first hold runs out: the seat reads as free before any job ran
    sql("UPDATE bookings SET hold_expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
        " WHERE id = ?", first["id"])
    sql("UPDATE timeslots SET holds_lapse_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
        " WHERE id = ?", slot)
    assert seats_left(room, slot, start) == 1
    # the job cancels it and moves the hint on to the hold left
    done = subprocess.run([CTL, "expire-holds"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert booking_row(first["id"], "status") == ["cancelled"]
    assert hint(slot) == ends[1][0]
    assert seats_left(room, slot, start) == 1
    # once the last hold is no longer pending, the job leaves no hint
    api("PUT", f"/bookings/{second['id']}/cancel", hb)
    sql("UPDATE timeslots SET holds_lapse_at = UTC_TIMESTAMP() WHERE id = ?", slot)
    assert subprocess.run([CTL, "expire-holds"], capture_output=True).returncode == 0
    assert hint(slot) == "NULL"
    assert seats_left(room, slot, start) == 2


def test_bookingctl_expire_holds_cancels_only_lapsed_holds():
    env = dict(os.environ)
    subprocess.run([CTL, "expire-holds"], env=env, check=True, capture_output=True)
    room = make_room()
    lapsed = []
    for i in range(2):
        slot = make_slot(room, later(hours=30 + i), price="8.00")
        lapsed.append(add_booking(make_user(), slot, status="pending", hold_minutes=-1))
    fresh = add_booking(make_user(), make_slot(room, later(hours=40), price="8.00"),
                        status="pending", hold_minutes=10)
    done = subprocess.run([CTL, "expire-holds"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert re.search(r"\b2\b", done.stdout), done.stdout
    for bid in lapsed:
        assert booking_row(bid, "status") == ["cancelled"]
        ev = events_of(bid)
        assert ev[-1][0] == "cancelled" and ev[-1][2] == "pending" and ev[-1][3] == "cancelled"
        assert ev[-1][1] is None            # the system, not a user
    assert booking_row(fresh, "status") == ["pending"]
    assert events_of(fresh) == []
    again = subprocess.run([CTL, "expire-holds"], env=env, capture_output=True, text=True)
    assert again.returncode == 0 and re.search(r"\b0\b", again.stdout), again.stdout


# ---------------------------------------------------------------- idempotency

def test_the_same_idempotency_key_and_body_return_the_same_booking():
    uid, _, h = api_user()
    _, slot, _ = slot_in(60, capacity=10)
    key = {"Idempotency-Key": "order-" + uuid.uuid4().hex}
    first = api("POST", "/bookings", dict(h, **key), json={"timeslotId": slot, "notes": "x"})
    assert first.status_code == 201
    again = api("POST", "/bookings", dict(h, **key), json={"timeslotId": slot, "notes": "x"})
    assert again.status_code in (200, 201), again.text
    assert again.json()["id"] == first.json()["id"]
    assert bookings_of(uid, slot) == 1
    # The key with another request is refused, and writes nothing.
    _, other, _ = slot_in(61, capacity=10)
    r = api("POST", "/bookings", dict(h, **key), json={"timeslotId": other, "notes": "x"})
    conflict(r, 422, "idempotency_key_reused")
    r = api("POST", "/bookings", dict(h, **key), json={"timeslotId": slot, "notes": "y"})
    conflict(r, 422, "idempotency_key_reused")
    assert bookings_of(uid) == 1


def test_idempotency_keys_belong_to_one_user_and_are_checked():
    _, slot, _ = slot_in(60, capacity=10)
    key = {"Idempotency-Key": "shared-" + uuid.uuid4().hex}
    a, _, ha = api_user()
    b, _, hb = api_user()
    ra = api("POST", "/bookings", dict(ha, **key), json={"timeslotId": slot})
    rb = api("POST", "/bookings", dict(hb, **key), json={"timeslotId": slot})
    assert ra.status_code == 201 and rb.status_code == 201
    assert ra.json()["id"] != rb.json()["id"] and rb.json()["userId"] == b
    c, _, hc = api_user()
    r = api("POST", "/bookings", dict(hc, **{"Idempotency-Key": "k" * 101}), json={"timeslotId": slot})
    assert r.status_code == 400, r.text
    assert bookings_of(c) == 0


def test_idempotency_keys_are_visible_ascii_without_spaces_and_compared_exactly():
    """MariaDB compares "k" and "k " as one key, and HTTP drops a header's
    trailing spaces: a key with spaces could never be kept exact, so it is
    refused (as are control and non-ASCII characters) on the API and the form."""
    _, slot, _ = slot_in(60, capacity=10)
    uid, _, h = api_user()
    base = "order-" + uuid.uuid4().hex
    for bad in (base + " x", "caf\u00e9-" + base, base + "\x7f"):
        r = api("POST", "/bookings", dict(h, **{"Idempotency-Key": bad.encode()}),
                json={"timeslotId": slot})
        assert r.status_code == 400, (bad, r.text)
        assert "Idempotency-Key" in r.json()["error"]["message"]
    assert bookings_of(uid) == 0
    # exact: another case or one more character is another key
    first = api("POST", "/bookings", dict(h, **{"Idempotency-Key": base}), json={"timeslotId": slot})
    assert first.status_code == 201
    r = api("POST", "/bookings", dict(h, **{"Idempotency-Key": base.upper()}),
            json={"timeslotId": slot})
    conflict(r, 409, "already_booked")
    # the form refuses a trailing space instead of booking with a key that ignores it
    s, form_uid, csrf = browser_user()
    for bad in (base + " ", " " + base, "a b"):
        r = s.post(url("/bookings"), data={"csrf": csrf, "timeslot_id": slot,
                   "idempotency_key": bad}, allow_redirects=False)
        assert r.status_code == 400 and "idempotency_key" in r.text, bad
    assert bookings_of(form_uid) == 0
    r = s.post(url("/bookings"), data={"csrf": csrf, "timeslot_id": slot,
               "idempotency_key": base + "-form"}, allow_redirects=False)
    assert r.status_code == 303


# ---------------------------------------------------------------- reading

def test_list_is_own_bookings_newest_start_first_with_filters_and_paging():
    uid, _, h = api_user()
    room = make_room()
    slots = [make_slot(room, later(hours=24 * d), price="0.00") for d in (3, 1, 2)]
    ids = [book(h, s).json()["id"] for s in slots]
    assert cancel(h, ids[2]).status_code == 200
    # Someone else's booking never shows.
    _, _, ho = api_user()
    theirs = book(ho, slots[0]).json()["id"]

    r = api("GET", "/bookings", h)
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"items", "page", "limit", "total", "totalCapped", "nextCursor",
                         "prevCursor"}
    assert body["page"] == 1 and body["limit"] == 25 and body["total"] == 3
    assert body["totalCapped"] is False
    assert body["nextCursor"] is None and body["prevCursor"] is None
    assert [b["id"] for b in body["items"]] == [ids[0], ids[2], ids[1]]
    assert theirs not in [b["id"] for b in body["items"]]
    assert all(BOOKING_FIELDS <= set(b) for b in body["items"])

    r = api("GET", "/bookings?status=cancelled", h).json()
    assert [b["id"] for b in r["items"]] == [ids[2]] and r["total"] == 1
    r = api("GET", "/bookings?status=confirmed", h).json()
    assert [b["id"] for b in r["items"]] == [ids[0], ids[1]] and r["total"] == 2
    r = api("GET", "/bookings?limit=2", h).json()
    assert [b["id"] for b in r["items"]] == [ids[0], ids[2]] and r["prevCursor"] is None
    r = api("GET", f"/bookings?limit=2&cursor={r['nextCursor']}", h).json()
    assert [b["id"] for b in r["items"]] == [ids[1]] and r["total"] == 3 and r["limit"] == 2
    assert r["page"] == 2 and r["nextCursor"] is None
    r = api("GET", f"/bookings?limit=2&cursor={r['prevCursor']}", h).json()
    assert [b["id"] for b in r["items"]] == [ids[0], ids[2]] and r["page"] == 1
    r = api("GET", "/bookings?limit=100&cursor=a20000101000000-1p9", h).json()
    assert r["items"] == [] and r["total"] == 3


def test_list_rejects_bad_parameters_naming_the_field():
    _, _, h = api_user()
    for query, field in (("limit=0", "limit"), ("limit=101", "limit"), ("limit=x", "limit"),
                         ("cursor=0", "cursor"), ("cursor=a20261301000000-1p2", "cursor"),
                         ("cursor=b20260101000000-0p1", "cursor"),
                         ("cursor=a20260101000000-1", "cursor"), ("status=lost", "status")):
        r = api("GET", "/bookings?" + query, h)
        assert r.status_code == 400, query
        assert field in r.json()["error"]["message"], query


def test_a_booking_is_visible_to_its_owner_and_admins_only():
    uid, _, h = api_user()
    _, slot, _ = slot_in(70)
    bid = book(h, slot).json()["id"]
    r = api("GET", f"/bookings/{bid}", h)
    assert r.status_code == 200 and r.json()["id"] == bid and r.json()["userId"] == uid
    _, _, other = api_user()
    conflict(api("GET", f"/bookings/{bid}", other), 404, "not_found")
    conflict(api("GET", "/bookings/999999999", h), 404, "not_found")
    assert api("GET", "/bookings/abc", h).status_code == 400
    _, _, admin = api_user(role="admin")
    r = api("GET", f"/bookings/{bid}", admin)
    assert r.status_code == 200 and r.json()["userId"] == uid
    # The admin's own list holds only the admin's bookings.
    assert bid not in [b["id"] for b in api("GET", "/bookings?limit=100", admin).json()["items"]]
    assert requests.get(url(f"/api/v1/bookings/{bid}"), verify=CA).status_code == 401


# ---------------------------------------------------------------- cancel and refunds

def refund_case(hours, price, expect_refund, expect_payment):
    uid, h, bid, slot = paid_booking(hours, price)
    before = notifications_of(uid)
    r = cancel(h, bid)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["refundAmount"] == float(expect_refund), (hours, body["refundAmount"])
    assert f'"refundAmount":{expect_refund}' in r.text
    assert body["booking"]["id"] == bid and body["booking"]["status"] == "cancelled"
    assert body["booking"]["refundAmount"] == float(expect_refund)
    assert body["booking"]["paymentStatus"] == expect_payment
    assert body["booking"]["cancelledAt"].endswith("Z")
    status, payment, refund, cancelled_at = booking_row(
        bid, "status", "payment_status", "refund_amount", "cancelled_at")
    assert (status, payment, refund) == ("cancelled", expect_payment, expect_refund)
    assert cancelled_at is not None
    assert active_count(slot) == 0
    ev = events_of(bid)[-1]
    assert ev[:4] == ["cancelled", str(uid), "confirmed", "cancelled"]
    assert notifications_of(uid) == before + 1


def test_cancel_24_hours_or_more_before_start_refunds_in_full():
    refund_case(48, "12.50", "12.50", "refunded")
    refund_case(24 + 10 / 60, "40.00", "40.00", "refunded")


def test_cancel_6_to_24_hours_before_start_refunds_half():
    refund_case(24 - 10 / 60, "40.00", "20.00", "refunded")
    refund_case(12, "25.00", "12.50", "refunded")
    refund_case(6 + 10 / 60, "10.00", "5.00", "refunded")


def test_half_refund_of_an_odd_cent_rounds_down():
    refund_case(12, "12.35", "6.17", "refunded")


def test_cancel_less_than_6_hours_before_start_refunds_nothing():
    refund_case(6 - 10 / 60, "10.00", "0.00", "paid")
    refund_case(1, "99.99", "0.00", "paid")


def test_cancel_of_an_unpaid_booking_refunds_nothing():
    uid, _, h = api_user()
    _, slot, _ = slot_in(48, price="30.00")
    bid = book(h, slot).json()["id"]
    r = cancel(h, bid)
    assert r.status_code == 200
    assert r.json()["refundAmount"] == 0
    assert booking_row(bid, "status", "payment_status", "refund_amount") == ["cancelled", "pending", "0.00"]
    ev = events_of(bid)[-1]
    assert ev[:4] == ["cancelled", str(uid), "pending", "cancelled"]
    assert active_count(slot) == 0


def test_cancel_of_a_free_booking_cancels_its_reminders_and_frees_the_seat():
    uid, _, h = api_user()
    _, slot, _ = slot_in(72, price="0.00", capacity=1)
    bid = book(h, slot).json()["id"]
    assert [r[2] for r in reminders_of(bid)] == ["pending", "pending"]
    r = cancel(h, bid)
    assert r.status_code == 200 and r.json()["refundAmount"] == 0
    assert booking_row(bid, "status", "payment_status", "refund_amount") == ["cancelled", "paid", "0.00"]
    assert [r[2] for r in reminders_of(bid)] == ["cancelled", "cancelled"]
    assert book(api_user()[2], slot).status_code == 201


def test_only_pending_or_confirmed_bookings_can_be_cancelled():
    own, _, h = api_user()
    _, slot, _ = slot_in(48)
    for status in ("cancelled", "completed", "no_show"):
        bid = add_booking(own, slot, status=status, payment_status="paid")
        conflict(cancel(h, bid), 409, "invalid_state")
        assert booking_row(bid, "status", "payment_status", "refund_amount") == [status, "paid", "0.00"]
        assert events_of(bid) == []
    # Someone else's booking, or none at all, is not found.
    theirs = add_booking(make_user(), slot, status="confirmed", payment_status="paid")
    conflict(cancel(h, theirs), 404, "not_found")
    assert booking_row(theirs, "status") == ["confirmed"]
    conflict(cancel(h, 999999999), 404, "not_found")


def test_an_admin_cancelling_a_customers_booking_refunds_in_full():
    uid, h, bid, slot = paid_booking(3, "30.00")         # the customer would get nothing
    admin, _, ha = api_user(role="admin")
    owner_before, admin_before = notifications_of(uid), notifications_of(admin)
    r = cancel(ha, bid)
    assert r.status_code == 200, r.text
    assert r.json()["refundAmount"] == 30
    assert booking_row(bid, "status", "payment_status", "refund_amount") == \
        ["cancelled", "refunded", "30.00"]
    assert events_of(bid)[-1][:4] == ["cancelled", str(admin), "confirmed", "cancelled"]
    assert notifications_of(uid) == owner_before + 1
    assert notifications_of(admin) == admin_before
    assert active_count(slot) == 0


# ---------------------------------------------------------------- reactivate

def reactivate(headers, bid):
    return api("POST", f"/bookings/{bid}/reactivate", headers)


def test_reactivating_a_paid_unrefunded_booking_confirms_it():
    uid, h, bid, slot = paid_booking(3, "15.00")          # < 6 h: no refund, stays paid
    assert cancel(h, bid).json()["refundAmount"] == 0
    before = notifications_of(uid)
    r = reactivate(h, bid)
    assert r.status_code == 200, r.text
    b = r.json()
    assert b["status"] == "confirmed" and b["paymentStatus"] == "paid"
    assert b["cancelledAt"] is None and b["refundAmount"] == 0
    assert booking_row(bid, "status", "payment_status", "cancelled_at", "refund_amount") == \
        ["confirmed", "paid", None, "0.00"]
    assert active_count(slot) == 1
    ev = events_of(bid)[-1]
    assert ev[:4] == ["reactivated", str(uid), "cancelled", "confirmed"]
    assert notifications_of(uid) == before + 1


def test_reactivating_a_refunded_booking_starts_a_new_hold():
    uid, h, bid, slot = paid_booking(48, "20.00")
    assert cancel(h, bid).json()["refundAmount"] == 20
    r = reactivate(h, bid)
    assert r.status_code == 200, r.text
    b = r.json()
    assert b["status"] == "pending" and b["paymentStatus"] == "pending"
    assert b["refundAmount"] == 0 and b["cancelledAt"] is None
    hold = parse_iso(b["holdExpiresAt"])
    assert utc_now() + dt.timedelta(minutes=13) <= hold <= utc_now() + dt.timedelta(minutes=16)
    assert booking_row(bid, "status", "payment_status", "refund_amount", "cancelled_at") == \
        ["pending", "pending", "0.00", None]
    assert active_count(slot) == 1


def test_reactivating_an_unpaid_or_a_free_booking():
    uid, _, h = api_user()
    _, paid_slot, _ = slot_in(48, price="7.00")
    bid = book(h, paid_slot).json()["id"]
    cancel(h, bid)
    r = reactivate(h, bid)
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["paymentStatus"]) == ("pending", "pending")
    assert r.json()["holdExpiresAt"] is not None
    _, free_slot, _ = slot_in(48, price="0.00")
    fid = book(h, free_slot).json()["id"]
    cancel(h, fid)
    r = reactivate(h, fid)
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["paymentStatus"]) == ("confirmed", "paid")


def test_only_cancelled_bookings_can_be_reactivated():
    uid, _, h = api_user()
    _, slot, _ = slot_in(48, price="0.00")
    bid = book(h, slot).json()["id"]
    conflict(reactivate(h, bid), 409, "invalid_state")
    for status in ("completed", "no_show"):
        other = add_booking(uid, make_slot(make_room(), later(hours=50)), status=status)
        conflict(reactivate(h, other), 409, "invalid_state")
        assert booking_row(other, "status") == [status]
    _, _, stranger = api_user()
    cancel(h, bid)
    conflict(reactivate(stranger, bid), 404, "not_found")
    assert booking_row(bid, "status") == ["cancelled"]


def test_reactivation_is_refused_when_the_slot_is_no_longer_bookable():
    uid, _, h = api_user()
    room = make_room()

    def cancelled_on(**kw):
        slot = make_slot(room, later(hours=kw.pop("hours", 50)), price="0.00", **kw)
        return slot, add_booking(uid, slot, status="cancelled")

    full, bid = cancelled_on(capacity=1, hours=51)
    add_booking(make_user(), full, status="confirmed")
    conflict(reactivate(h, bid), 409, "slot_full")
    _, bid_past = cancelled_on(hours=-2)
    conflict(reactivate(h, bid_past), 409, "slot_past")
    _, bid_off = cancelled_on(hours=52, status="canceled")
    conflict(reactivate(h, bid_off), 409, "slot_unavailable")
    closed = make_room(active=0)
    cslot = make_slot(closed, later(hours=50), price="0.00")
    bid_closed = add_booking(uid, cslot, status="cancelled")
    conflict(reactivate(h, bid_closed), 409, "slot_unavailable")
    # A second active booking of the same user on the slot is refused too.
    again, bid_again = cancelled_on(hours=53, capacity=5)
    assert book(h, again).status_code == 201
    conflict(reactivate(h, bid_again), 409, "already_booked")
    for b in (bid, bid_past, bid_off, bid_closed, bid_again):
        assert booking_row(b, "status") == ["cancelled"]
        assert events_of(b) == []
    assert active_count(full) == 1 and active_count(again) == 1


# ---------------------------------------------------------------- reschedule

def reschedule(headers, bid, slot):
    return api("POST", f"/bookings/{bid}/reschedule", headers, json={"timeslotId": slot})


def test_reschedule_moves_the_seat_price_and_reminders_atomically():
    uid, _, h = api_user()
    room = make_room()
    a_start, b_start = later(hours=48), later(hours=96)
    a = make_slot(room, a_start, price="12.00", capacity=2)
    b = make_slot(room, b_start, price="7.50", capacity=2)
    bid = book(h, a).json()["id"]
    mark_paid(bid)
    before = notifications_of(uid)
    r = reschedule(h, bid, b)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == bid and body["timeslotId"] == b and body["status"] == "confirmed"
    assert body["price"] == 7.5 and '"price":7.50' in r.text
    assert body["startTime"] == iso(b_start)
    assert booking_row(bid, "timeslot_id", "status", "price") == [str(b), "confirmed", "7.50"]
    assert active_count(a) == 0 and active_count(b) == 1
    rows = reminders_of(bid)
    assert sorted(x[1] for x in rows if x[2] == "pending") == sorted(
        [db_time(b_start - dt.timedelta(hours=24)), db_time(b_start - dt.timedelta(hours=1))])
    assert not [x for x in rows if x[2] == "pending" and x[1] in (
        db_time(a_start - dt.timedelta(hours=24)), db_time(a_start - dt.timedelta(hours=1)))]
    ev = events_of(bid)[-1]
    assert ev[:4] == ["rescheduled", str(uid), "confirmed", "confirmed"]
    data = json.loads(ev[4])
    assert (data["from"], data["to"]) == (a, b)
    assert notifications_of(uid) == before + 1
    # The freed seat is bookable again; the slot left behind is just another slot.
    assert book(api_user()[2], a).status_code == 201


def test_reschedule_to_a_dearer_slot_is_refused_and_changes_nothing():
    """Rule 16: a move never asks for money, so it never raises the price
    above what was paid: a free booking stays free, a paid one keeps its
    payment."""
    uid, _, h = api_user()
    room = make_room()
    free = make_slot(room, later(hours=48), price="0.00")
    dear = make_slot(room, later(hours=50), price="120.00")
    bid = book(h, free).json()["id"]
    assert booking_row(bid, "status", "payment_status") == ["confirmed", "paid"]
    err = conflict(reschedule(h, bid, dear), 409, "price_differs")
    assert "cancel" in err["message"].lower()
    assert booking_row(bid, "timeslot_id", "status", "price", "paid_amount",
                       "refund_amount") == [str(free), "confirmed", "0.00", "0.00", "0.00"]
    assert active_count(free) == 1 and active_count(dear) == 0
    assert [e for e in events_of(bid) if e[0] == "rescheduled"] == []
    # Cancelling refunds nothing: nothing was paid.
    r = cancel(h, bid)
    assert r.status_code == 200 and r.json()["refundAmount"] == 0
    assert booking_row(bid, "payment_status", "refund_amount") == ["paid", "0.00"]
    # A paid booking cannot move up by a cent either.
    uid, h, paid, slot = paid_booking(48, price="12.50")
    room = sql("SELECT room_id FROM timeslots WHERE id = ?", slot)[0][0]
    up = make_slot(int(room), later(hours=52), price="12.51")
    conflict(reschedule(h, paid, up), 409, "price_differs")
    assert booking_row(paid, "timeslot_id", "price", "paid_amount") == [str(slot), "12.50", "12.50"]


def test_reschedule_to_a_cheaper_slot_refunds_the_difference_and_never_moves_back_up():
    uid, _, h = api_user()
    room = make_room()
    dear = make_slot(room, later(hours=48), price="120.00")
    cheap = make_slot(room, later(hours=50), price="80.00")
    same = make_slot(room, later(hours=52), price="80.00")
    bid = book(h, dear).json()["id"]
    mark_paid(bid)
    r = reschedule(h, bid, cheap)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["price"], body["paidAmount"], body["refundAmount"]) == (80.0, 80.0, 40.0)
    assert booking_row(bid, "status", "payment_status", "price", "paid_amount",
                       "refund_amount") == ["confirmed", "paid", "80.00", "80.00", "40.00"]
    assert json.loads(events_of(bid)[-1][4])["refund"] == "40.00"
    assert sql("SELECT message FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 1",
               uid)[0][0].endswith("40.00 will be refunded.")
    # The way back costs more than the 80.00 now paid: refused, and the
    # 80.00 paid is not overwritten by the 120.00 price.
    conflict(reschedule(h, bid, dear), 409, "price_differs")
    assert booking_row(bid, "timeslot_id", "paid_amount") == [str(cheap), "80.00"]
    # An equal price moves without a refund.
    assert reschedule(h, bid, same).status_code == 200
    assert booking_row(bid, "price", "paid_amount", "refund_amount") == ["80.00", "80.00", "40.00"]
    # Cancelling refunds what is still paid, not the original 120.00.
    r = cancel(h, bid)
    assert r.status_code == 200 and r.json()["refundAmount"] == 80.0
    assert r.json()["booking"]["refundAmount"] == 120.0
    assert booking_row(bid, "payment_status", "paid_amount", "refund_amount") == \
        ["refunded", "0.00", "120.00"]


def moved_down(hours, paid, price):
    """A booking paid at paid, then moved to a cheaper slot at price an
    hour later, starting hours from now: (headers, booking)."""
    _, _, h = api_user()
    room = make_room()
    dear = make_slot(room, later(hours=hours), price=paid)
    cheap = make_slot(room, later(hours=hours + 1), price=price)
    bid = book(h, dear).json()["id"]
    mark_paid(bid)
    assert reschedule(h, bid, cheap).status_code == 200
    return h, bid


def test_a_partial_refund_after_a_cheaper_move_is_a_share_of_what_is_still_paid():
    h, bid = moved_down(11, "120.00", "80.00")
    r = cancel(h, bid)
    assert r.status_code == 200 and r.json()["refundAmount"] == 40.0
    assert booking_row(bid, "paid_amount", "refund_amount") == ["40.00", "80.00"]


def test_a_late_cancel_after_a_cheaper_move_keeps_the_refund_due_through_reactivation():
    h, bid = moved_down(3, "50.00", "30.00")
    assert cancel(h, bid).json()["refundAmount"] == 0
    assert booking_row(bid, "payment_status", "paid_amount", "refund_amount") == \
        ["paid", "30.00", "20.00"]
    r = api("POST", f"/bookings/{bid}/reactivate", h)
    assert r.status_code == 200, r.text
    assert booking_row(bid, "status", "price", "paid_amount", "refund_amount") == \
        ["confirmed", "30.00", "30.00", "20.00"]


def test_reschedule_needs_a_confirmed_booking_whose_slot_has_not_started():
    uid, _, h = api_user()
    room = make_room()
    target = make_slot(room, later(hours=80), price="0.00")
    pend = book(h, make_slot(room, later(hours=48), price="3.00")).json()["id"]
    assert booking_row(pend, "status") == ["pending"]
    conflict(reschedule(h, pend, target), 409, "invalid_state")
    gone = add_booking(uid, make_slot(room, later(hours=49)), status="cancelled")
    conflict(reschedule(h, gone, target), 409, "invalid_state")
    done = add_booking(uid, make_slot(room, later(hours=-5)), status="completed")
    conflict(reschedule(h, done, target), 409, "invalid_state")
    started = add_booking(uid, make_slot(room, later(minutes=-15)), status="confirmed",
                          payment_status="paid")
    conflict(reschedule(h, started, target), 409, "invalid_state")
    assert active_count(target) == 0
    for bid in (pend, gone, done, started):
        assert [e for e in events_of(bid) if e[0] == "rescheduled"] == []


def test_reschedule_refusals_leave_the_booking_where_it_was():
    uid, _, h = api_user()
    room = make_room()
    home = make_slot(room, later(hours=48), price="0.00")
    bid = book(h, home).json()["id"]
    full = make_slot(room, later(hours=60), capacity=1)
    add_booking(make_user(), full)
    past = make_slot(room, later(hours=-4))
    off = make_slot(room, later(hours=61), status="canceled")
    elsewhere = make_slot(make_room(), later(hours=62), price="0.00")
    mine = make_slot(room, later(hours=63), price="0.00")
    assert book(h, mine).status_code == 201
    conflict(reschedule(h, bid, full), 409, "slot_full")
    conflict(reschedule(h, bid, past), 409, "slot_past")
    conflict(reschedule(h, bid, off), 409, "slot_unavailable")
    err = conflict(reschedule(h, bid, elsewhere), 409, "slot_unavailable")
    assert "room" in err["message"].lower()
    conflict(reschedule(h, bid, mine), 409, "already_booked")
    assert reschedule(h, bid, 999999999).status_code == 404
    r = api("POST", f"/bookings/{bid}/reschedule", h, json={})
    assert r.status_code == 400 and "timeslotId" in r.json()["error"]["message"]
    _, _, stranger = api_user()
    conflict(reschedule(stranger, bid, mine), 404, "not_found")
    assert booking_row(bid, "timeslot_id", "status") == [str(home), "confirmed"]
    assert active_count(home) == 1 and active_count(full) == 1
    assert active_count(elsewhere) == 0 and active_count(mine) == 1
    assert [e for e in events_of(bid) if e[0] == "rescheduled"] == []


def test_each_404_names_what_is_missing():
    _, _, h = api_user()
    _, _, admin = api_user(role="admin")
    room = make_room()
    bid = book(h, make_slot(room, later(hours=50), price="0.00")).json()["id"]
    missing = 999999999
    err = conflict(book(h, missing), 404, "not_found")
    assert err["message"] == f"There is no timeslot {missing}."
    err = conflict(reschedule(h, bid, missing), 404, "not_found")
    assert err["message"] == f"There is no timeslot {missing}."
    for r in (api("GET", f"/bookings/{missing}", h), cancel(h, missing),
              api("POST", f"/bookings/{missing}/reactivate", h),
              reschedule(h, missing, bid)):
        assert conflict(r, 404, "not_found")["message"] == f"You have no booking {missing}."
    r = api("POST", f"/admin/bookings/{missing}/complete", admin)
    assert conflict(r, 404, "not_found")["message"] == f"There is no booking {missing}."
    s, uid, csrf = browser_user()
    mine = add_booking(uid, make_slot(room, later(hours=52), price="0.00"),
                       status="confirmed", payment_status="paid")
    r = s.post(url(f"/bookings/{mine}/reschedule"),
               data={"csrf": csrf, "timeslot_id": missing}, allow_redirects=False)
    assert r.status_code == 404 and f"There is no timeslot {missing}." in r.text
    assert booking_row(mine, "timeslot_id", "status")[1] == "confirmed"


# ---------------------------------------------------------------- pages

FORM_RE = re.compile(r'<form[^>]*method="post"[^>]*action="/bookings"[^>]*>(.*?)</form>', re.S)


def hidden(html, name):
    m = re.search(r'<input[^>]*name="%s"[^>]*>' % name, html)
    assert m, f"no {name} field"
    v = re.search(r'value="([^"]*)"', m.group(0))
    assert v, f"{name} has no value"
    return v.group(1)


def test_timeslot_page_offers_the_booking_form_or_a_login_link():
    room = make_room(name=unique("Form Room"))
    slot = make_slot(room, later(hours=48), price="12.50")
    anon = get(f"/timeslots/{slot}")
    assert anon.status_code == 200
    assert f'href="/login?next=/timeslots/{slot}"' in anon.text
    assert not FORM_RE.search(anon.text)
    s, _, csrf = browser_user()
    pages = [s.get(url(f"/timeslots/{slot}")) for _ in range(2)]
    keys = []
    for p in pages:
        assert p.status_code == 200
        form = FORM_RE.search(p.text)
        assert form, "no booking form"
        f = form.group(1)
        assert hidden(f, "timeslot_id") == str(slot)
        assert hidden(f, "csrf") == csrf
        keys.append(hidden(f, "idempotency_key"))
        assert re.search(r'<textarea[^>]*name="notes"', f)
        assert "12.50" in p.text
    assert keys[0] and keys[0] != keys[1]
    assert get("/timeslots/999999999").status_code == 404


def history_rows(html):
    """The text of each body row of the booking page's history table."""
    table = re.search(r'<table[^>]*class="history"[^>]*>(.*?)</table>', html, re.S)
    assert table, "no history table"
    body = re.search(r"<tbody>(.*?)</tbody>", table.group(1), re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1) if body else table.group(1), re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", x)).strip() for x in rows]


def redirected_to(r):
    """The path a 303 answer sends the browser to (a notice in the query aside)."""
    assert r.status_code == 303, (r.status_code, r.text[:300])
    return r.headers["Location"].split("?", 1)[0]


def page_book(s, slot, notes="", key=None):
    p = s.get(url(f"/timeslots/{slot}"))
    f = FORM_RE.search(p.text).group(1)
    data = {"timeslot_id": hidden(f, "timeslot_id"), "csrf": hidden(f, "csrf"),
            "idempotency_key": key or hidden(f, "idempotency_key"), "notes": notes}
    return s.post(url("/bookings"), data=data, allow_redirects=False), data


def test_booking_through_the_form_redirects_to_the_booking_page():
    s, uid, _ = browser_user(name="Form Booker")
    room = make_room(name=unique("Page Room"))
    slot = make_slot(room, later(hours=48), price="12.50")
    r, _ = page_book(s, slot, notes="<b>bring a projector</b>")
    m = re.fullmatch(r"/bookings/(\d+)", redirected_to(r))
    assert m
    bid = int(m.group(1))
    assert booking_row(bid, "user_id", "timeslot_id", "status", "notes") == \
        [str(uid), str(slot), "pending", "<b>bring a projector</b>"]
    page = s.get(url(f"/bookings/{bid}"))
    assert page.status_code == 200
    assert "Page Room" in page.text and "12.50" in page.text
    assert "Awaiting payment" in page.text          # the status in plain words
    # The hold's time left is shown while it is pending.
    assert re.search(r"\b1[45]\b[^<]{0,20}\bmin", page.text), "no hold time left"
    # Its history holds the booking's creation: one row, by its owner, to pending.
    rows = history_rows(page.text)
    assert len(rows) == 1, rows
    assert "Form Booker" in rows[0] and "Awaiting payment" in rows[0]
    # The notes are shown, as text.
    assert "&lt;b&gt;bring a projector&lt;/b&gt;" in page.text


def test_submitting_the_same_form_twice_makes_one_booking():
    s, uid, _ = browser_user()
    slot = make_slot(make_room(), later(hours=48), price="0.00", capacity=5)
    r1, data = page_book(s, slot)
    r2 = s.post(url("/bookings"), data=data, allow_redirects=False)
    assert redirected_to(r1) == redirected_to(r2)
    assert bookings_of(uid, slot) == 1


def test_form_refusals_are_409_pages_with_a_message_and_write_nothing():
    s, uid, _ = browser_user()
    room = make_room()
    full = make_slot(room, later(hours=40), capacity=1)
    add_booking(make_user(), full)
    past = make_slot(room, later(hours=-2))
    off = make_slot(room, later(hours=41), status="canceled")
    closed = make_slot(make_room(active=0), later(hours=42))
    mine = make_slot(room, later(hours=43), price="0.00")
    assert page_book(s, mine)[0].status_code == 303
    csrf = hidden(s.get(url(f"/timeslots/{mine}")).text, "csrf")
    for slot, word in ((full, "full"), (mine, "already"), (past, "past"),
                       (off, "not available"), (closed, "not available")):
        r = s.post(url("/bookings"), data={"timeslot_id": slot, "csrf": csrf, "notes": "",
                   "idempotency_key": uuid.uuid4().hex}, allow_redirects=False)
        assert r.status_code == 409, (word, r.status_code)
        assert r.headers["Content-Type"].startswith("text/html")
        assert word in r.text.lower(), word
    assert bookings_of(uid) == 1


def test_form_post_needs_the_csrf_token():
    s, uid, _ = browser_user()
    slot = make_slot(make_room(), later(hours=40))
    r = s.post(url("/bookings"), data={"timeslot_id": slot, "idempotency_key": "x"},
               allow_redirects=False)
    assert r.status_code == 403
    assert bookings_of(uid) == 0


BOOKING_LINK = re.compile(r'href="/bookings/(\d+)"')


def test_dashboard_tabs_split_upcoming_past_and_cancelled():
    s, uid, _ = browser_user()
    room = make_room()
    up = add_booking(uid, make_slot(room, later(hours=30)), status="confirmed")
    past = add_booking(uid, make_slot(room, later(hours=-30)), status="completed")
    gone = add_booking(uid, make_slot(room, later(hours=31)), status="cancelled")
    theirs = add_booking(make_user(), make_slot(room, later(hours=32)))
    tabs = {}
    for tab in ("", "?tab=upcoming", "?tab=past", "?tab=cancelled"):
        r = s.get(url("/me" + tab))
        assert r.status_code == 200, tab
        tabs[tab] = set(int(x) for x in BOOKING_LINK.findall(r.text))
        assert theirs not in tabs[tab]
    assert tabs[""] == tabs["?tab=upcoming"]
    assert up in tabs[""] and past not in tabs[""] and gone not in tabs[""]
    assert past in tabs["?tab=past"] and up not in tabs["?tab=past"]
    assert gone in tabs["?tab=cancelled"] and up not in tabs["?tab=cancelled"]
    assert s.get(url("/me?tab=elsewhere")).status_code == 400


def test_dashboard_pages_by_25():
    s, uid, _ = browser_user()
    room = make_room()
    ids = [add_booking(uid, make_slot(room, later(hours=24 + i))) for i in range(30)]
    def shown(page):
        return list(dict.fromkeys(int(x) for x in BOOKING_LINK.findall(page)))

    page = s.get(url("/me")).text
    first = shown(page)
    assert 'rel="prev"' not in page
    nxt = html.unescape(re.search(r'rel="next" href="([^"]*)"', page).group(1))
    assert nxt.startswith("/me?tab=upcoming&cursor=a")
    page = s.get(url(nxt)).text
    second = shown(page)
    assert len(first) == 25 and len(second) == 5
    assert first + second == ids      # soonest first, each once
    assert 'rel="next"' not in page
    prev = html.unescape(re.search(r'rel="prev" href="([^"]*)"', page).group(1))
    assert shown(s.get(url(prev)).text) == first


def test_booking_page_is_for_its_owner_and_admins_only():
    s, uid, _ = browser_user()
    bid = add_booking(uid, make_slot(make_room(), later(hours=30)))
    assert s.get(url(f"/bookings/{bid}"), allow_redirects=False).status_code == 200
    other, _, _ = browser_user()
    assert other.get(url(f"/bookings/{bid}"), allow_redirects=False).status_code == 404
    assert other.get(url(f"/bookings/{bid}/cancel"), allow_redirects=False).status_code == 404
    assert other.get(url(f"/bookings/{bid}/reschedule"), allow_redirects=False).status_code == 404
    csrf = hidden(other.get(url("/me")).text, "csrf")
    r = other.post(url(f"/bookings/{bid}/cancel"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 404
    assert booking_row(bid, "status") == ["confirmed"]
    admin, _, _ = browser_user(role="admin")
    assert admin.get(url(f"/bookings/{bid}"), allow_redirects=False).status_code == 200
    anon = get(f"/bookings/{bid}")
    assert anon.status_code == 303 and anon.headers["Location"].startswith("/login?next=")


def cancel_quote(hours, price, shown, absent=()):
    s, uid, _ = browser_user()
    slot = make_slot(make_room(), later(hours=hours), price=price)
    bid = add_booking(uid, slot, status="confirmed", payment_status="paid")
    r = s.get(url(f"/bookings/{bid}/cancel"))
    assert r.status_code == 200
    assert shown in r.text, (hours, shown)
    for x in absent:
        assert x not in r.text, (hours, x)
    assert re.search(r'<form[^>]*method="post"[^>]*action="/bookings/%d/cancel"' % bid, r.text)
    assert booking_row(bid, "status") == ["confirmed"]      # showing changes nothing
    return s, bid, hidden(r.text, "csrf")


def test_cancel_page_shows_the_refund_then_cancels_on_confirmation():
    cancel_quote(48, "25.00", "25.00", absent=("12.50",))
    cancel_quote(12, "25.00", "12.50")
    cancel_quote(2, "25.00", "0.00", absent=("12.50",))
    s, bid, csrf = cancel_quote(12, "25.00", "12.50")
    r = s.post(url(f"/bookings/{bid}/cancel"), data={"csrf": csrf}, allow_redirects=False)
    assert redirected_to(r) == f"/bookings/{bid}"
    assert booking_row(bid, "status", "payment_status", "refund_amount") == \
        ["cancelled", "refunded", "12.50"]
    page = s.get(url(f"/bookings/{bid}")).text
    rows = history_rows(page)
    assert len(rows) == 1 and "cancelled" in rows[0].lower(), rows
    # A second confirmation finds nothing to cancel and changes nothing.
    r = s.post(url(f"/bookings/{bid}/cancel"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 409
    assert booking_row(bid, "refund_amount") == ["12.50"]
    assert len([e for e in events_of(bid) if e[0] == "cancelled"]) == 1


def test_cancel_form_needs_the_csrf_token():
    s, bid, _ = cancel_quote(48, "10.00", "10.00")
    r = s.post(url(f"/bookings/{bid}/cancel"), data={}, allow_redirects=False)
    assert r.status_code == 403
    assert booking_row(bid, "status") == ["confirmed"]


def test_reactivate_through_the_page():
    s, uid, csrf = browser_user()
    slot = make_slot(make_room(), later(hours=48), price="0.00")
    bid = add_booking(uid, slot, status="cancelled", payment_status="paid")
    r = s.post(url(f"/bookings/{bid}/reactivate"), data={"csrf": csrf}, allow_redirects=False)
    assert redirected_to(r) == f"/bookings/{bid}"
    assert booking_row(bid, "status", "cancelled_at") == ["confirmed", None]
    assert events_of(bid)[-1][:4] == ["reactivated", str(uid), "cancelled", "confirmed"]
    r = s.post(url(f"/bookings/{bid}/reactivate"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 409


def test_reschedule_page_offers_free_slots_of_the_same_room_and_moves_the_booking():
    s, uid, csrf = browser_user()
    room = make_room()
    d = later(hours=72).date()
    home = make_slot(room, later(hours=30), price="0.00")
    bid = add_booking(uid, home, status="confirmed", payment_status="paid")
    free = make_slot(room, dt.datetime(d.year, d.month, d.day, 10), price="0.00")
    full = make_slot(room, dt.datetime(d.year, d.month, d.day, 11), capacity=1)
    add_booking(make_user(), full)
    off = make_slot(room, dt.datetime(d.year, d.month, d.day, 12), status="canceled")
    other_room = make_slot(make_room(), dt.datetime(d.year, d.month, d.day, 10), price="0.00")
    dearer = make_slot(room, dt.datetime(d.year, d.month, d.day, 13), price="0.01")
    r = s.get(url(f"/bookings/{bid}/reschedule?date={d}"))
    assert r.status_code == 200
    assert f'value="{free}"' in r.text and '<span id="paid">€0.00</span>' in r.text
    for absent in (full, off, other_room, dearer):
        assert f'value="{absent}"' not in r.text, absent
    assert re.search(r'<form[^>]*method="post"[^>]*action="/bookings/%d/reschedule"' % bid, r.text)
    assert s.get(url(f"/bookings/{bid}/reschedule?date=2026-02-30")).status_code == 400
    r = s.post(url(f"/bookings/{bid}/reschedule"), data={"csrf": csrf, "timeslot_id": free},
               allow_redirects=False)
    assert redirected_to(r) == f"/bookings/{bid}"
    assert booking_row(bid, "timeslot_id", "status") == [str(free), "confirmed"]
    assert active_count(home) == 0 and active_count(free) == 1
    r = s.post(url(f"/bookings/{bid}/reschedule"), data={"csrf": csrf, "timeslot_id": full},
               allow_redirects=False)
    assert r.status_code == 409 and "full" in r.text.lower()
    r = s.post(url(f"/bookings/{bid}/reschedule"), data={"csrf": csrf, "timeslot_id": dearer},
               allow_redirects=False)
    assert r.status_code == 409 and "costs more than was paid" in r.text
    assert booking_row(bid, "timeslot_id") == [str(free)]


def test_after_a_cheaper_move_the_pages_show_the_refund_due_and_what_is_still_paid():
    s, uid, csrf = browser_user()
    room = make_room()
    home = make_slot(room, later(hours=30), price="50.00")
    bid = add_booking(uid, home, status="confirmed", payment_status="paid")
    cheaper = make_slot(room, later(hours=32), price="30.00")
    r = s.post(url(f"/bookings/{bid}/reschedule"), data={"csrf": csrf, "timeslot_id": cheaper},
               allow_redirects=False)
    assert redirected_to(r) == f"/bookings/{bid}"
    page = s.get(url(f"/bookings/{bid}")).text
    assert re.search(r'<dd id="refund">€20\.00</dd>', page)
    page = s.get(url(f"/bookings/{bid}/cancel")).text
    assert "You paid €30.00." in page and '<strong id="refund">€30.00</strong>' in page


def test_notifications_are_listed_and_counted_in_the_header():
    s, uid, csrf = browser_user()
    slot = make_slot(make_room(name=unique("Notice Room")), later(hours=48), price="0.00")
    r, _ = page_book(s, slot)
    bid = int(redirected_to(r).rsplit("/", 1)[1])
    s.post(url(f"/bookings/{bid}/cancel"), data={"csrf": csrf}, allow_redirects=False)
    n = notifications_of(uid)
    assert n >= 2
    unread = count("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", uid)
    header = s.get(url("/rooms")).text
    link = re.search(r'<a[^>]*href="/notifications"[^>]*>(.*?)</a>', header, re.S)
    assert link, "no notifications link in the header"
    assert re.search(r"\b%d\b" % unread, re.sub(r"<[^>]+>", " ", link.group(1))), link.group(1)
    page = s.get(url("/notifications"))
    assert page.status_code == 200
    messages = [m for (m,) in sql("SELECT message FROM notifications WHERE user_id = ?", uid)]
    for m in messages:
        assert m.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
            .replace('"', "&quot;").replace("'", "&#39;") in page.text, m
    assert f'href="/bookings/{bid}"' in page.text
    # Someone else's notifications are not listed.
    other, _, _ = browser_user()
    theirs = other.get(url("/notifications"))
    assert theirs.status_code == 200 and f"/bookings/{bid}" not in theirs.text
