"""test_waitlist.py: the waiting list of a full timeslot: join (201 with the
place), leave, list; a freed seat goes to the first in line as a hold, and to
the next when that hold runs out; 64 waiting and one freed seat give exactly
one hold, whoever races for it."""
import concurrent.futures
import os
import re
import subprocess

import requests

from conftest import (CA, add_booking, api_user, api_users, at, browser_user, day,
                      make_room, make_slot, sql, url)

CTL = os.environ.get("BOOKING_CTL", "")


def api(method, path, headers, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def join(h, slot):
    return api("POST", f"/timeslots/{slot}/waitlist", h)


def code(r, status):
    assert r.status_code == status, (r.status_code, r.text)
    return r.json()["error"]["code"]


def full_slot(price="15.00", day_offset=9):
    """A whole-room timeslot its one seat booked (confirmed); returns (slot, booking, owner headers)."""
    room = make_room()
    slot = make_slot(room, at(day(day_offset), 10), price=price, capacity=1)
    uid, _, h = api_user(name="Seat Holder")
    bid = add_booking(uid, slot, status="confirmed", payment_status="paid")
    return slot, bid, h


def holds(slot):
    return sql("SELECT user_id, status FROM bookings WHERE timeslot_id = ?"
               " AND status IN ('pending', 'confirmed') ORDER BY id", slot)


def test_join_leave_and_list_with_positions():
    slot, _, _ = full_slot()
    people = [api_user(name=f"Waiter {i}") for i in range(3)]
    for i, (_, _, h) in enumerate(people):
        r = join(h, slot)
        assert r.status_code == 201, r.text
        assert r.json() == {"timeslotId": slot, "position": i + 1}
    assert code(join(people[1][2], slot), 409) == "already_waiting"
    r = api("GET", "/waitlist", people[2][2])
    assert r.status_code == 200
    [entry] = r.json()["items"]
    assert entry["timeslotId"] == slot and entry["position"] == 3 and entry["startTime"].endswith("Z")
    assert api("DELETE", f"/timeslots/{slot}/waitlist", people[0][2]).status_code == 200
    assert api("GET", "/waitlist", people[2][2]).json()["items"][0]["position"] == 2
    assert code(api("DELETE", f"/timeslots/{slot}/waitlist", people[0][2]), 404) == "not_found"
    # a timeslot with a free place is booked, not waited for
    free = make_slot(make_room(), at(day(9), 12), capacity=2)
    assert code(join(people[0][2], free), 409) == "not_full"
    assert code(join(people[0][2], 999999999), 404) == "not_found"
    past = make_slot(make_room(), at(day(-2), 10), capacity=1)
    assert code(join(people[0][2], past), 409) == "slot_past"


def test_a_freed_seat_goes_to_the_first_in_line_and_then_the_next():
    slot, bid, owner = full_slot(price="15.00")
    (a, _, ha), (b, _, hb) = api_user(name="First"), api_user(name="Second")
    join(ha, slot)
    join(hb, slot)
    assert code(join(owner, slot), 409) == "already_booked"
    r = api("PUT", f"/bookings/{bid}/cancel", owner)
    assert r.status_code == 200, r.text
    assert holds(slot) == [[str(a), "pending"]]
    note = sql("SELECT message, link FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 1", a)
    assert note[0][0].startswith("A place came free for you:") and note[0][1].startswith("/bookings/")
    assert sql("SELECT kind FROM mail_outbox WHERE user_id = ? ORDER BY id", a) == [["promoted"]]
    assert api("GET", "/waitlist", hb).json()["items"][0]["position"] == 1
    assert api("GET", "/waitlist", ha).json()["items"] == []
    # the first lets the hold lapse: the job gives the seat to the next one
    sql("UPDATE bookings SET hold_expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
        " WHERE timeslot_id = ? AND user_id = ?", slot, a)
    done = subprocess.run([CTL, "expire-holds"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert holds(slot) == [[str(b), "pending"]]
    assert api("GET", "/waitlist", hb).json()["items"] == []


def test_a_free_session_confirms_the_waiting_person_at_once():
    slot, bid, owner = full_slot(price="0.00")
    a, _, ha = api_user(name="Free Waiter")
    join(ha, slot)
    api("PUT", f"/bookings/{bid}/cancel", owner)
    assert holds(slot) == [[str(a), "confirmed"]]


def test_64_waiting_and_one_freed_seat_give_exactly_one_hold():
    """The one seat is a hold that ran out; 64 people wait. Sixteen new
    bookings, the hold's own cancellation and the job all race to free and
    give the seat: each does it under the timeslot's lock, so the first in
    line gets the one hold and nobody else gets anything."""
    room = make_room()
    slot = make_slot(room, at(day(11), 10), price="9.00", capacity=1)
    holder, _, hh = api_user(name="Lapsing")
    lapsing = api("POST", "/bookings", hh, json={"timeslotId": slot}).json()["id"]
    waiting = api_users(64, name="Queue")
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        got = list(pool.map(lambda u: join(u[2], slot), waiting))
    assert sorted(r.json()["position"] for r in got) == list(range(1, 65)), \
        [r.text for r in got if r.status_code != 201]
    first = next(w for r, w in zip(got, waiting) if r.json()["position"] == 1)
    last = next(w for r, w in zip(got, waiting) if r.json()["position"] == 64)
    sql("UPDATE bookings SET hold_expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?",
        lapsing)
    others = api_users(16, name="Walk-in")

    def race(i):
        if i < 16:
            return api("POST", "/bookings", others[i][2], json={"timeslotId": slot}).status_code
        if i == 16:
            return api("PUT", f"/bookings/{lapsing}/cancel", hh).status_code
        return subprocess.run([CTL, "expire-holds"], capture_output=True).returncode
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        outcomes = list(pool.map(race, range(20)))
    assert outcomes[:16] == [409] * 16, outcomes
    assert holds(slot) == [[str(first[0]), "pending"]]
    left = api("GET", "/waitlist", last[2]).json()["items"]
    assert left and left[0]["position"] == 63
    assert int(sql("SELECT COUNT(*) FROM waitlist WHERE timeslot_id = ?", slot)[0][0]) == 63
    assert holder


def test_the_pages_offer_the_list_and_show_the_place():
    slot, _, _ = full_slot()
    s, uid, csrf = browser_user()
    page = s.get(url(f"/timeslots/{slot}")).text
    assert f'action="/timeslots/{slot}/waitlist"' in page and "Join the waiting list" in page
    r = s.post(url(f"/timeslots/{slot}/waitlist"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/timeslots/{slot}?done=waiting"
    page = s.get(url(r.headers["Location"])).text
    assert "You are number 1 on the waiting list." in page and "You are on the waiting list." in page
    me = s.get(url("/me")).text
    assert re.search(rf'<li data-waiting="{slot}">.*number 1 in line', me, re.S)
    r = s.post(url(f"/timeslots/{slot}/waitlist"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 409 and "on the waiting list already" in r.text
    r = s.post(url(f"/timeslots/{slot}/waitlist/leave"), data={"csrf": csrf, "back": "/me"},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/me?done=left"
    assert sql("SELECT COUNT(*) FROM waitlist WHERE user_id = ?", uid) == [["0"]]
    r = s.post(url(f"/timeslots/{slot}/waitlist/leave"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == f"/timeslots/{slot}"
    r = s.post(url("/timeslots/999999999/waitlist"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 404


def test_a_cancelled_timeslot_ends_its_waiting_list_and_tells_each_in_their_language():
    slot, bid, _ = full_slot(day_offset=11)
    en_uid, _, en_h = api_user(name="Waiter En")
    de_uid, _, de_h = api_user(name="Waiter De")
    sql("UPDATE users SET language = 'de' WHERE id = ?", de_uid)
    assert join(en_h, slot).status_code == 201 and join(de_h, slot).status_code == 201
    _, _, admin_h = api_user(role="admin")
    r = api("POST", f"/admin/timeslots/{slot}/cancel", admin_h)
    assert r.status_code == 200, r.text
    assert sql("SELECT COUNT(*) FROM waitlist WHERE timeslot_id = ?", slot) == [["0"]]
    assert holds(slot) == [], "no one on the list got a seat of the cancelled timeslot"
    assert sql("SELECT status FROM bookings WHERE id = ?", bid) == [["cancelled"]]
    assert api("GET", "/waitlist", en_h).json()["items"] == []

    def last_note(uid):
        return sql("SELECT message, link FROM notifications WHERE user_id = ? ORDER BY id DESC"
                   " LIMIT 1", uid)[0]
    en, de = last_note(en_uid), last_note(de_uid)
    assert en[0].endswith(" was cancelled; you are no longer on its waiting list."), en
    assert de[0].endswith(" wurde abgesagt; Sie stehen nicht mehr auf der Warteliste."), de
    assert en[1] == de[1] == f"/timeslots/{slot}"
