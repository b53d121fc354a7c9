"""test_recurring.py: recurring bookings (issue 12): a room slot repeated every
week or two for N times or until a date; the preview gives each date's outcome
(available, taken, missing, overlaps, quota) and books nothing; booking takes the
free dates under one order (or none, all or nothing); two series racing for one
timeslot never overbook it; a series is cancelled whole or from a date on."""
import datetime as dt
import os
import re
import subprocess

import requests

from conftest import (CA, active_count, api_user, at, browser_user, day, form_post,
                      make_event, make_room, make_slot, sql, url)
from test_races import at_once, post

ROUNDS = 3


def api(method, path, headers, body=None, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA, allow_redirects=False, **kw)


def weekly(n, start=None, price="0.00", room=None, step=7):
    """A room with n whole-room timeslots a week (or step days) apart."""
    room = room or make_room(capacity=1)
    start = start or at(day(20), 9)
    return room, [make_slot(room, start + dt.timedelta(days=step * i), price=price,
                            capacity=1) for i in range(n)]


def outcomes(series):
    return [d["outcome"] for d in series["dates"]]


def users_bookings(uid):
    return int(sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid)[0][0])


def dated_room(slots_taken=(2,)):
    """Five weekly dates: the fourth has no timeslot, the fifth is overlapped by
    another session of the room, and the dates in slots_taken are someone else's."""
    room, slots = weekly(3)
    other = api_user()[2]
    for i in slots_taken:
        assert api("POST", "/bookings", other, {"timeslotId": slots[i]}).status_code == 201
    start = at(day(20), 9)
    make_slot(room, start + dt.timedelta(days=28, minutes=30), capacity=1, price="0.00")
    return room, slots


def test_the_preview_gives_each_dates_outcome_and_books_nothing():
    uid, _, h = api_user()
    room, slots = dated_room()
    before = int(sql("SELECT COUNT(*) FROM orders")[0][0])
    r = api("POST", "/bookings/recurring/preview", h,
            {"timeslotId": slots[0], "every": "week", "count": 5})
    assert r.status_code == 200, r.text
    s = r.json()
    assert s["id"] is None and s["orderId"] is None
    assert outcomes(s) == ["available", "available", "taken", "missing", "overlaps"]
    assert [d["timeslotId"] for d in s["dates"][:3]] == slots
    assert s["dates"][3]["timeslotId"] is None
    assert "takes that time" in s["dates"][4]["message"]
    assert [d["date"] for d in s["dates"]] == [
        (day(20) + dt.timedelta(days=7 * i)).isoformat() for i in range(5)]
    assert users_bookings(uid) == 0, "a preview books nothing"
    assert int(sql("SELECT COUNT(*) FROM orders")[0][0]) == before


def test_a_series_books_the_free_dates_under_one_order():
    uid, _, h = api_user()
    room, slots = dated_room()
    r = api("POST", "/bookings/recurring", h,
            {"timeslotId": slots[0], "every": "week", "count": 5})
    assert r.status_code == 201, r.text
    s = r.json()
    assert outcomes(s) == ["booked", "booked", "taken", "missing", "overlaps"]
    assert s["booked"] == 2 and s["allOrNothing"] is False
    ids = [d["bookingId"] for d in s["dates"][:2]]
    orders = sql("SELECT DISTINCT order_id FROM bookings WHERE user_id = ?", uid)
    assert [int(o) for (o,) in orders] == [s["orderId"]]
    assert api("GET", f"/orders/{s['orderId']}", h).json()["bookingCount"] == 2
    got = api("GET", f"/bookings/recurring/{s['id']}", h)
    assert got.status_code == 200 and outcomes(got.json()) == outcomes(s)
    assert [d["bookingId"] for d in got.json()["dates"][:2]] == ids
    assert api("GET", f"/bookings/recurring/{s['id']}", api_user()[2]).status_code == 404


def test_all_or_nothing_books_none_when_a_date_is_taken():
    uid, _, h = api_user()
    room, slots = dated_room()
    before = int(sql("SELECT COUNT(*) FROM orders")[0][0])
    r = api("POST", "/bookings/recurring", h, {"timeslotId": slots[0], "every": "week",
                                                "count": 3, "allOrNothing": True})
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] == "series_incomplete"
    assert outcomes(r.json()["series"]) == ["available", "available", "taken"]
    assert users_bookings(uid) == 0
    assert int(sql("SELECT COUNT(*) FROM orders")[0][0]) == before
    # every date free: all of them
    r = api("POST", "/bookings/recurring", h, {"timeslotId": slots[0], "every": "week",
                                                "count": 2, "allOrNothing": True})
    assert r.status_code == 201 and outcomes(r.json()) == ["booked", "booked"]


def test_no_free_date_is_refused_and_every_two_weeks_skips_a_week():
    _, _, h = api_user()
    room, slots = weekly(5)
    other = api_user()[2]
    for i in (0, 2, 4):
        api("POST", "/bookings", other, {"timeslotId": slots[i]})
    r = api("POST", "/bookings/recurring", h, {"timeslotId": slots[0], "every": "2weeks",
                                                "count": 3})
    assert r.status_code == 409 and r.json()["error"]["code"] == "series_empty"
    assert [d["timeslotId"] for d in r.json()["series"]["dates"]] == [slots[0], slots[2],
                                                                       slots[4]]
    last = (day(20) + dt.timedelta(days=21)).isoformat()
    r = api("POST", "/bookings/recurring", h, {"timeslotId": slots[1], "every": "2weeks",
                                                "until": last})
    assert r.status_code == 201, r.text
    assert [d["timeslotId"] for d in r.json()["dates"]] == [slots[1], slots[3]]


def test_bounds_and_bad_fields_are_refused_with_the_field_named():
    _, _, h = api_user()
    room, slots = weekly(1)
    session = make_slot(make_room(), at(day(20), 9), event_id=make_event())
    far = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    cases = [
        ({"every": "week", "count": 53}, "count"),
        ({"every": "week"}, "count"),
        ({"every": "week", "count": 2, "until": day(30).isoformat()}, "count"),
        ({"every": "week", "until": far}, "until"),
        ({"every": "week", "until": day(10).isoformat()}, "until"),
        ({"every": "month", "count": 2}, "every"),
        ({"every": "week", "count": 0}, "count"),
    ]
    for body, field in cases:
        r = api("POST", "/bookings/recurring", h, dict(body, timeslotId=slots[0]))
        assert r.status_code == 400, (body, r.text)
        assert field in r.json()["error"]["fields"], (body, r.json())
    r = api("POST", "/bookings/recurring", h, {"timeslotId": session, "every": "week",
                                                "count": 2})
    assert r.status_code == 400 and "timeslotId" in r.json()["error"]["fields"]
    r = api("POST", "/bookings/recurring/preview", h, {"timeslotId": 999999999,
                                                        "every": "week", "count": 2})
    assert r.status_code == 404


def test_a_series_is_cancelled_from_a_date_on_then_whole():
    uid, _, h = api_user()
    room, slots = weekly(4, start=at(day(30), 11))
    s = api("POST", "/bookings/recurring", h, {"timeslotId": slots[0], "every": "week",
                                                "count": 4}).json()
    assert s["booked"] == 4
    waiting = api_user()[2]
    assert api("POST", f"/timeslots/{slots[3]}/waitlist", waiting).status_code == 201
    third = s["dates"][2]["date"]
    r = api("PUT", f"/bookings/recurring/{s['id']}/cancel", h, {"from": third})
    assert r.status_code == 200, r.text
    assert r.json()["cancelled"] == 2 and r.json()["refundAmount"] == 0
    assert outcomes(r.json()["series"]) == ["booked", "booked", "cancelled", "cancelled"]
    assert [active_count(x) for x in slots] == [1, 1, 0, 1], \
        "the freed seat of the last date went to the one waiting"
    r = api("PUT", f"/bookings/recurring/{s['id']}/cancel", h)
    assert r.status_code == 200 and r.json()["cancelled"] == 2
    assert outcomes(r.json()["series"]) == ["cancelled"] * 4
    r = api("PUT", f"/bookings/recurring/{s['id']}/cancel", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_state"
    r = api("PUT", f"/bookings/recurring/{s['id']}/cancel", h, {"from": "someday"})
    assert r.status_code == 400
    assert api("PUT", f"/bookings/recurring/{s['id']}/cancel",
               api_user()[2]).status_code == 404


def test_each_booking_of_a_series_is_refunded_as_a_single_cancel():
    _, _, h = api_user()
    room, slots = weekly(2, start=at(day(30), 13), price="30.00")
    s = api("POST", "/bookings/recurring", h, {"timeslotId": slots[0], "every": "week",
                                                "count": 2}).json()
    for d in s["dates"]:        # paid at the desk
        sql("UPDATE bookings SET status = 'confirmed', payment_status = 'paid',"
            " paid_amount = price, hold_expires_at = NULL WHERE id = ?", d["bookingId"])
    r = api("PUT", f"/bookings/recurring/{s['id']}/cancel", h)
    assert r.status_code == 200 and r.json()["refundAmount"] == 60.0


def test_a_quota_refuses_the_dates_over_it():
    admin = api_user(role="admin")[2]

    def limit(n):
        r = api("PUT", "/admin/quotas", admin, {"role": "customer", "roomType": "office",
                                               "maxActive": n, "maxHolds": None,
                                               "maxHoursWeek": None})
        assert r.status_code == 200, r.text

    _, _, h = api_user()
    room, slots = weekly(3, room=make_room(room_type="office", capacity=1))
    limit(2)
    try:
        r = api("POST", "/bookings/recurring", h, {"timeslotId": slots[0], "every": "week",
                                                    "count": 3})
        assert r.status_code == 201, r.text
        assert outcomes(r.json()) == ["booked", "booked", "quota"]
        assert "at most 2 active bookings" in r.json()["dates"][2]["message"]
    finally:
        limit(None)


def test_two_series_racing_for_the_same_dates_never_overbook():
    for _ in range(ROUNDS):
        room, slots = weekly(3, start=at(day(25), 15))
        users = [api_user()[2] for _ in range(4)]
        body = {"timeslotId": slots[0], "every": "week", "count": 3}
        # the last one books the middle date alone, in the same instant
        calls = [post("/bookings/recurring", h, body) for h in users[:3]]
        calls.append(post("/bookings", users[3], {"timeslotId": slots[1]}))
        answers = at_once(calls)
        assert all(a.status_code in (201, 409) for a in answers), [a.text for a in answers]
        assert [active_count(x) for x in slots] == [1, 1, 1]
        booked = sum(a.json().get("booked", 0) for a in answers[:3] if a.status_code == 201)
        single = answers[3].status_code == 201
        assert booked + single == 3


def test_the_pages_preview_book_and_cancel_a_series():
    s, uid, csrf = browser_user()
    room, slots = dated_room()
    page = s.get(url(f"/timeslots/{slots[0]}"))
    assert 'action="/timeslots/%d/repeat"' % slots[0] in page.text
    page = s.get(url(f"/timeslots/{slots[0]}/repeat"))
    assert page.status_code == 200 and "series-dates" not in page.text
    page = s.get(url(f"/timeslots/{slots[0]}/repeat?every=week&count=5"))
    assert page.status_code == 200
    assert re.findall(r'data-outcome="(\w+)"', page.text) == [
        "available", "available", "taken", "missing", "overlaps"]
    assert "Book 2 dates" in page.text
    page = s.get(url(f"/timeslots/{slots[0]}/repeat?every=week&count=60"))
    assert page.status_code == 400 and 'id="count-error"' in page.text
    page = s.get(url(f"/timeslots/{slots[0]}/repeat?every=week&count=3&allOrNothing=on"))
    assert 'id="not-bookable"' in page.text and 'id="series-book"' not in page.text
    r = form_post(s, "/bookings/recurring", csrf=csrf, timeslotId=str(slots[0]),
                  every="week", count="3", allOrNothing="on")
    assert r.status_code == 409 and "none was booked" in r.text
    r = form_post(s, "/bookings/recurring", csrf=csrf, timeslotId=str(slots[0]),
                  every="week", count="5")
    assert r.status_code == 303, r.text
    where = r.headers["Location"]
    assert re.match(r"^/series/\d+\?done=booked$", where)
    page = s.get(url(where))
    assert re.findall(r'data-outcome="(\w+)"', page.text) == [
        "booked", "booked", "taken", "missing", "overlaps"]
    series = where.split("/")[2].split("?")[0]
    second = (day(20) + dt.timedelta(days=7)).isoformat()
    assert f'<option value="{second}">' in page.text
    r = form_post(s, f"/series/{series}/cancel", csrf=csrf, **{"from": second})
    assert r.status_code == 303
    assert [active_count(x) for x in slots[:2]] == [1, 0]
    r = form_post(s, f"/series/{series}/cancel", csrf=csrf, **{"from": ""})
    assert r.status_code == 303 and active_count(slots[0]) == 0
    r = form_post(s, f"/series/{series}/cancel", csrf=csrf)
    assert r.status_code == 409 and 'id="series-error"' in r.text
    assert s.get(url(f"/series/{series}")).status_code == 200
    other = browser_user()[0]
    assert other.get(url(f"/series/{series}")).status_code == 404


def test_the_seat_counters_have_not_drifted():
    r = subprocess.run([os.environ["BOOKING_CTL"], "check"], env=dict(os.environ),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
