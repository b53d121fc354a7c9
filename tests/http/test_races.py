"""test_races.py: capacity and one-booking-per-user under real concurrent
HTTP requests through nginx, each case run several rounds on fresh fixtures."""
import datetime as dt
import os
import subprocess
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import (CA, active_count, add_booking, api_user, api_users, booking_row,
                      make_room, make_slot, sql, url, utc_now)

ROUNDS = 4


def later(hours):
    return utc_now() + dt.timedelta(hours=hours)


def connected():
    """A session whose TLS connection is already open, so that the requests
    released by the barrier all reach nginx at once."""
    s = requests.Session()
    s.verify = CA
    s.trust_env = False
    assert s.get(url("/ping")).status_code == 200
    return s


def at_once(calls, sessions=None):
    """Runs each call(session) in its own thread, all released together by a
    barrier; returns the responses in order. The sessions (connected(), one
    per call) may be given, to be kept open for the next round."""
    own = sessions is None
    if own:
        sessions = [connected() for _ in calls]
    barrier = threading.Barrier(len(calls))

    def run(i):
        barrier.wait(timeout=30)
        return calls[i](sessions[i])

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        out = list(pool.map(run, range(len(calls))))
    if own:
        for s in sessions:
            s.close()
    return out


def post(path, headers, body=None):
    return lambda s: s.post(url("/api/v1" + path), headers=headers, json=body)


def put(path, headers):
    return lambda s: s.put(url("/api/v1" + path), headers=headers)


def codes(responses):
    """Status of each answer, with the error code of the refused ones."""
    out = []
    for r in responses:
        if r.status_code >= 400:
            assert r.headers["Content-Type"].startswith("application/json"), r.text
            out.append((r.status_code, r.json()["error"]["code"]))
        else:
            out.append((r.status_code, None))
    return out


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_64_users_racing_for_5_seats_get_exactly_5(round_no):
    users = api_users(64, name="Racer")
    price = "0.00" if round_no % 2 == 0 else "15.00"     # confirmed at once, or held
    slot = make_slot(make_room(), later(48 + round_no), price=price, capacity=5)
    answers = at_once([post("/bookings", h, {"timeslotId": slot}) for _, _, h in users])
    got = codes(answers)
    assert got.count((201, None)) == 5, got
    assert got.count((409, "slot_full")) == 59, got
    assert active_count(slot) == 5
    assert int(sql("SELECT COUNT(*) FROM bookings WHERE timeslot_id = ?", slot)[0][0]) == 5
    assert sql("SELECT booked FROM timeslots WHERE id = ?", slot) == [["5"]]
    winners = sorted(r.json()["userId"] for r in answers if r.status_code == 201)
    rows = sorted(int(u) for (u,) in sql("SELECT user_id FROM bookings WHERE timeslot_id = ?", slot))
    assert winners == rows
    assert len(set(r.json()["id"] for r in answers if r.status_code == 201)) == 5


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_one_user_firing_20_identical_bookings_gets_one(round_no):
    uid, _, h = api_user()
    slot = make_slot(make_room(), later(48 + round_no), price="0.00", capacity=50)
    got = codes(at_once([post("/bookings", h, {"timeslotId": slot})] * 20))
    assert got.count((201, None)) == 1, got
    assert got.count((409, "already_booked")) == 19, got
    assert active_count(slot) == 1
    assert int(sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid)[0][0]) == 1


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_one_user_firing_20_bookings_with_one_idempotency_key_gets_one(round_no):
    uid, _, h = api_user()
    slot = make_slot(make_room(), later(48 + round_no), price="5.00", capacity=50)
    keyed = dict(h, **{"Idempotency-Key": "race-" + uuid.uuid4().hex})
    answers = at_once([post("/bookings", keyed, {"timeslotId": slot, "notes": "same"})] * 20)
    assert all(r.status_code in (200, 201) for r in answers), codes(answers)
    ids = set(r.json()["id"] for r in answers)
    assert len(ids) == 1, ids
    assert int(sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid)[0][0]) == 1
    assert active_count(slot) == 1
    assert sql("SELECT id FROM bookings WHERE user_id = ?", uid) == [[str(ids.pop())]]


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_reschedules_into_the_last_free_seat_let_exactly_one_in(round_no):
    racers = 8
    room = make_room()
    source = make_slot(room, later(48 + round_no), price="0.00", capacity=racers)
    target = make_slot(room, later(96 + round_no), price="0.00", capacity=3)
    for _ in range(2):
        add_booking(api_user()[0], target, status="confirmed", payment_status="paid")
    users = api_users(racers)
    bookings = [add_booking(uid, source, status="confirmed", payment_status="paid")
                for uid, _, _ in users]
    answers = at_once([post(f"/bookings/{b}/reschedule", h, {"timeslotId": target})
                       for b, (_, _, h) in zip(bookings, users)])
    got = codes(answers)
    assert got.count((200, None)) == 1, got
    assert got.count((409, "slot_full")) == racers - 1, got
    assert active_count(target) == 3
    assert active_count(source) == racers - 1
    winner = next(r.json()["id"] for r in answers if r.status_code == 200)
    for b in bookings:
        slot, status = booking_row(b, "timeslot_id", "status")
        assert status == "confirmed"
        assert int(slot) == (target if b == winner else source)


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_reactivations_into_one_seat_left_let_exactly_one_in(round_no):
    racers = 8
    slot = make_slot(make_room(), later(48 + round_no), price="0.00", capacity=3)
    for _ in range(2):
        add_booking(api_user()[0], slot, status="confirmed", payment_status="paid")
    users = api_users(racers)
    bookings = [add_booking(uid, slot, status="cancelled") for uid, _, _ in users]
    answers = at_once([post(f"/bookings/{b}/reactivate", h)
                       for b, (_, _, h) in zip(bookings, users)])
    got = codes(answers)
    assert got.count((200, None)) == 1, got
    assert got.count((409, "slot_full")) == racers - 1, got
    assert active_count(slot) == 3
    winner = next(r.json()["id"] for r in answers if r.status_code == 200)
    for b in bookings:
        assert booking_row(b, "status") == ["confirmed" if b == winner else "cancelled"]


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_cancel_racing_reschedule_never_leaves_two_seats(round_no):
    pairs = 4
    room = make_room()
    source = make_slot(room, later(48 + round_no), price="0.00", capacity=pairs)
    target = make_slot(room, later(96 + round_no), price="0.00", capacity=pairs)
    users = api_users(pairs)
    bookings = [add_booking(uid, source, status="confirmed", payment_status="paid")
                for uid, _, _ in users]
    calls = []
    for b, (_, _, h) in zip(bookings, users):
        calls.append(put(f"/bookings/{b}/cancel", h))
        calls.append(post(f"/bookings/{b}/reschedule", h, {"timeslotId": target}))
    answers = at_once(calls)
    still_on = {source: 0, target: 0}
    for i, b in enumerate(bookings):
        cancelled, moved = answers[2 * i], answers[2 * i + 1]
        c, m = codes([cancelled, moved])
        slot, status = booking_row(b, "timeslot_id", "status")
        slot = int(slot)
        assert status in ("cancelled", "confirmed"), status
        if status == "cancelled":
            # The cancel won; the reschedule either came first (and the booking
            # was cancelled on the new slot) or found it cancelled.
            assert c == (200, None), (c, m)
            if m == (200, None):
                assert slot == target
            else:
                assert m == (409, "invalid_state"), m
                assert slot == source
            assert cancelled.json()["booking"]["timeslotId"] == slot
        else:
            # The reschedule won and the cancel was refused.
            assert m == (200, None) and slot == target, (c, m)
            assert c[0] == 409, c
            still_on[target] += 1
    assert active_count(source) == still_on[source]
    assert active_count(target) == still_on[target]


def test_no_seat_counter_drifted_in_the_races():
    """bookingctl check recounts every timeslot's seats from its bookings: after the races
    above (and every test before them), each counter is what its bookings hold."""
    done = subprocess.run([os.environ["BOOKING_CTL"], "check"], env=dict(os.environ),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 with a drifted seat counter" in done.stdout
