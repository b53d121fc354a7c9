"""test_approval.py: rooms whose bookings an admin approves (issue 12): such a
booking waits as pending with no hold expiry, its place held, until an admin
approves it (confirmed, or held for payment when priced) or declines it (its
place given back, to the waiting list first); the customer is told each time.
Also the waiting list's own mail, and booking limits on a place from the
waiting list and on a reactivation."""
import datetime as dt
import os
import subprocess

import requests

from conftest import (CA, active_count, api_user, at, browser_user, day, form_post,
                      mail_text, mail_to, make_room, make_slot, run_jobs, sql, url,
                      utc_now)


def api(method, path, headers, body=None, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA, allow_redirects=False, **kw)


def admin():
    return api_user(name="Approver", role="admin")[2]


def approval_room(**kw):
    room = make_room(**kw)
    sql("UPDATE rooms SET requires_approval = 1 WHERE id = ?", room)
    return room


def book(h, slot):
    r = api("POST", "/bookings", h, {"timeslotId": slot})
    assert r.status_code == 201, r.text
    return r.json()


def kinds(uid):
    return [k for (k,) in sql("SELECT kind FROM mail_outbox WHERE user_id = ? ORDER BY id", uid)]


def last_note(uid):
    return sql("SELECT message FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 1",
               uid)[0][0]


def test_the_room_flag_is_set_through_the_api_and_the_admin_form():
    h = admin()
    r = api("POST", "/admin/rooms", h, {"name": "Approved Hall", "roomType": "meeting",
                                        "capacity": 4, "hourlyRate": "10.00",
                                        "requiresApproval": True})
    assert r.status_code == 201, r.text
    room = r.json()["id"]
    assert r.json()["requiresApproval"] is True
    r = api("PATCH", f"/admin/rooms/{room}", h, {"capacity": 5})
    assert r.json()["requiresApproval"] is True, "an edit keeps what it did not send"
    r = api("PATCH", f"/admin/rooms/{room}", h, {"requiresApproval": False})
    assert r.json()["requiresApproval"] is False
    s, _, csrf = browser_user(role="admin")
    page = s.get(url(f"/admin/rooms/{room}"))
    assert page.status_code == 200
    assert '<option value="0" selected>No</option>' in page.text
    r = form_post(s, f"/admin/rooms/{room}", csrf=csrf, name="Approved Hall",
                  roomType="meeting", capacity="5", hourlyRate="10.00", requiresApproval="1")
    assert r.status_code == 303, r.text
    assert sql("SELECT requires_approval FROM rooms WHERE id = ?", room) == [["1"]]
    assert '<option value="1" selected>Yes</option>' in s.get(url(f"/admin/rooms/{room}")).text


def test_approval_holds_the_place_then_confirms_a_free_booking():
    h = admin()
    room = approval_room(capacity=1)
    slot = make_slot(room, at(day(21), 10), price="0.00", capacity=1)
    uid, _, mine = api_user()
    b = book(mine, slot)
    assert (b["status"], b["awaitingApproval"], b["holdExpiresAt"]) == ("pending", True, None)
    assert "needs an admin's approval" in last_note(uid)
    assert kinds(uid) == ["awaiting_approval"]
    assert active_count(slot) == 1
    r = api("POST", "/bookings", api_user()[2], {"timeslotId": slot})
    assert r.status_code == 409 and r.json()["error"]["code"] == "slot_full", \
        "a booking awaiting approval holds its place"
    listed = api("GET", f"/admin/bookings?status=awaiting_approval&roomId={room}", h).json()
    assert [x["id"] for x in listed["items"]] == [b["id"]]
    r = api("PUT", f"/admin/bookings/{b['id']}/approve", api_user()[2])
    assert r.status_code == 403
    r = api("PUT", f"/admin/bookings/{b['id']}/approve", h)
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["awaitingApproval"]) == ("confirmed", False)
    assert last_note(uid).startswith("Approved and confirmed")
    assert kinds(uid) == ["awaiting_approval", "confirmed"]
    r = api("PUT", f"/admin/bookings/{b['id']}/approve", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_state"
    assert api("GET", f"/admin/bookings?status=awaiting_approval&roomId={room}",
               h).json()["items"] == []


def test_an_approved_priced_booking_goes_on_to_payment():
    h = admin()
    slot = make_slot(approval_room(), at(day(21), 12), price="25.00")
    uid, _, mine = api_user()
    b = book(mine, slot)
    r = api("POST", f"/admin/bookings/{b['id']}/confirm", h, {"paymentId": "early"})
    assert r.status_code == 409, "no payment is taken before the approval"
    r = api("PUT", f"/admin/bookings/{b['id']}/approve", h)
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["status"], got["awaitingApproval"]) == ("pending", False)
    assert got["holdExpiresAt"] is not None
    assert kinds(uid) == ["awaiting_approval", "approved"]
    r = api("POST", f"/admin/bookings/{b['id']}/confirm", h, {"paymentId": "pay_1"})
    assert r.status_code == 200 and r.json()["status"] == "confirmed"


def test_a_declined_booking_gives_its_place_to_the_waiting_list():
    h = admin()
    slot = make_slot(approval_room(capacity=1), at(day(21), 14), price="0.00", capacity=1)
    uid, _, mine = api_user()
    b = book(mine, slot)
    wid, _, waiting = api_user()
    assert api("POST", f"/timeslots/{slot}/waitlist", waiting).status_code == 201
    r = api("PUT", f"/admin/bookings/{b['id']}/decline", h)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "cancelled"
    assert last_note(uid).startswith("Declined")
    assert kinds(uid) == ["awaiting_approval", "declined"]
    held = sql("SELECT user_id, status, approval FROM bookings WHERE timeslot_id = ?"
               " AND status = 'pending'", slot)
    assert held == [[str(wid), "pending", "awaiting"]], \
        "the place goes to the next in line, who waits for approval too"
    assert active_count(slot) == 1
    r = api("PUT", f"/admin/bookings/{b['id']}/decline", h)
    assert r.status_code == 409


def test_holds_running_out_never_touch_a_booking_awaiting_approval():
    slot = make_slot(approval_room(), at(day(22), 9), price="30.00")
    plain = make_slot(make_room(), at(day(22), 9), price="30.00")
    _, _, mine = api_user()
    waiting = book(mine, slot)
    held = book(mine, plain)
    later = (utc_now() + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    run_jobs("--now", later)
    rows = dict(sql("SELECT id, status FROM bookings WHERE id IN (?, ?)", waiting["id"],
                    held["id"]))
    assert rows == {str(waiting["id"]): "pending", str(held["id"]): "cancelled"}
    assert api("GET", f"/bookings/{waiting['id']}", mine).json()["status"] == "pending"


def test_the_pages_show_awaiting_approval_and_the_admins_buttons():
    s, uid, csrf = browser_user()
    slot = make_slot(approval_room(), at(day(23), 9), price="12.00")
    r = form_post(s, "/bookings", csrf=csrf, timeslot_id=str(slot))
    assert r.status_code == 303, r.text
    bid = int(sql("SELECT id FROM bookings WHERE user_id = ?", uid)[0][0])
    page = s.get(url(f"/bookings/{bid}")).text
    assert "Awaiting approval" in page and 'id="awaiting"' in page
    assert 'id="pay"' not in page
    assert "Awaiting approval" in s.get(url("/me")).text
    a, _, acsrf = browser_user(role="admin")
    page = a.get(url(f"/admin/bookings/{bid}")).text
    assert f'action="/admin/bookings/{bid}/approve"' in page
    assert f'action="/admin/bookings/{bid}/confirm"' not in page
    listed = a.get(url("/admin/bookings?status=awaiting_approval")).text
    assert f'/admin/bookings/{bid}"' in listed
    r = form_post(a, f"/admin/bookings/{bid}/approve", csrf=acsrf)
    assert r.status_code == 303 and r.headers["Location"].endswith("done=approved")
    page = s.get(url(f"/bookings/{bid}")).text
    assert "Awaiting approval" not in page and 'id="hold"' in page
    r = form_post(a, f"/admin/bookings/{bid}/decline", csrf=acsrf)
    assert r.status_code == 409


def test_the_waiting_lists_place_sends_a_mail_of_its_own():
    slot = make_slot(make_room(capacity=1), at(day(24), 16), price="15.00", capacity=1)
    _, _, first = api_user()
    b = book(first, slot)
    wid, _, waiting = api_user()
    email = sql("SELECT email FROM users WHERE id = ?", wid)[0][0]
    assert api("POST", f"/timeslots/{slot}/waitlist", waiting).status_code == 201
    assert api("PUT", f"/bookings/{b['id']}/cancel", first).status_code == 200
    assert kinds(wid) == ["promoted"]
    hold = sql("SELECT hold_expires_at FROM bookings WHERE user_id = ?", wid)[0][0]
    run_jobs()
    msgs = mail_to(email)
    assert len(msgs) == 1
    assert str(msgs[0]["Subject"]).startswith(
        "A seat is free for you \u2014 book by %s:" % hold[11:16])
    assert "came free for you on the waiting list" in mail_text(msgs[0])


def office_quota(n):
    r = api("PUT", "/admin/quotas", admin(), {"role": "customer", "roomType": "office",
                                             "maxActive": n, "maxHolds": None,
                                             "maxHoursWeek": None})
    assert r.status_code == 200, r.text


def test_a_place_that_would_go_over_a_limit_passes_to_the_next_in_line():
    room = make_room(room_type="office", capacity=1)
    slot = make_slot(room, at(day(26), 10), price="0.00", capacity=1)
    other = make_slot(room, at(day(26), 12), price="0.00", capacity=1)
    _, _, owner = api_user()
    b = book(owner, slot)
    (aid, _, a), (bid, _, second) = api_user(), api_user()
    assert api("POST", f"/timeslots/{slot}/waitlist", a).status_code == 201
    assert api("POST", f"/timeslots/{slot}/waitlist", second).status_code == 201
    book(a, other)
    office_quota(1)
    try:
        assert api("PUT", f"/bookings/{b['id']}/cancel", owner).status_code == 200
        holders = sql("SELECT user_id FROM bookings WHERE timeslot_id = ? AND status IN"
                      " ('pending','confirmed')", slot)
        assert holders == [[str(bid)]], "the one over the limit is passed over"
        places = api("GET", "/waitlist", a).json()["items"]
        assert [p["position"] for p in places] == [1], "and keeps the place in line"
    finally:
        office_quota(None)


def test_a_reactivation_is_held_to_the_limits():
    room = make_room(room_type="office", capacity=2)
    one = make_slot(room, at(day(27), 10), price="0.00", capacity=2)
    two = make_slot(room, at(day(27), 12), price="0.00", capacity=2)
    _, _, h = api_user()
    first = book(h, one)
    assert api("PUT", f"/bookings/{first['id']}/cancel", h).status_code == 200
    book(h, two)
    office_quota(1)
    try:
        r = api("POST", f"/bookings/{first['id']}/reactivate", h)
        assert r.status_code == 409 and r.json()["error"]["code"] == "quota_exceeded"
    finally:
        office_quota(None)
    assert api("POST", f"/bookings/{first['id']}/reactivate", h).status_code == 200


def test_the_seat_counters_have_not_drifted():
    r = subprocess.run([os.environ["BOOKING_CTL"], "check"], env=dict(os.environ),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
