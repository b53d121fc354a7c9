"""test_report_tallies.py: the reports sum each session's tally (sql/027_report_tallies.sql),
which the timeslots' and bookings' triggers keep in every change's own transaction: after
bookings made, paid, cancelled with refunds, moved, checked in, completed, missed and deleted,
and sessions resized and cancelled, each report's numbers are what the timeslots and bookings
themselves say, and bookingctl check finds (and with --fix mends) a tally that drifted."""
import os
import subprocess
from decimal import Decimal

import requests

from conftest import (CA, add_booking, api_user, at, browser_user, day, form_post, make_room,
                      make_slot, make_user, recount_seats, sql, url)
from test_payments import event, send
from test_reports import tables_of

CTL = os.environ.get("BOOKING_CTL")


def api(method, path, headers, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def check(*args):
    return subprocess.run([CTL, "check", *args], env=dict(os.environ), capture_output=True,
                          text=True, timeout=120)


def book(slot, pay_cents=None):
    """A booking made through the API by a new user, paid through the webhook when
    pay_cents is given; returns (booking id, headers)."""
    _, _, h = api_user()
    r = api("POST", "/bookings", h, json={"timeslotId": slot})
    assert r.status_code == 201, r.text
    b = r.json()["id"]
    if pay_cents is not None:
        r = send(event(b, pay_cents))
        assert r.status_code == 200 and r.json()["outcome"] == "confirmed", r.text
    return b, h


def money(v):
    return f"{Decimal(v):.2f}"


def pct(part, whole):
    return f"{part * 1000 // whole / 10:.1f}%" if whole else "0.0%"


def said_by_bookings(room, first, last):
    """The reports' numbers for the room and days, counted here from the bookings and
    timeslots themselves (the site's zone is UTC in the tests)."""
    rng = (f"{first} 00:00:00", f"{last} 23:59:59")
    rows = sql("SELECT DATE(start_time), status, checked_in_at IS NOT NULL, paid_amount,"
               " refund_amount FROM bookings WHERE room_id = ? AND start_time BETWEEN ? AND ?",
               room, *rng)
    att = dict(bookings=0, checked=0, completed=0, no_show=0, cancelled=0)
    rev = dict(paid=0, received=Decimal(0), refunds=Decimal(0), net=Decimal(0))
    days = {}
    for d, status, checked, paid, refund in rows:
        att["cancelled" if status == "cancelled" else "bookings"] += 1
        att["checked"] += status != "cancelled" and checked == "1"
        att["completed"] += status == "completed"
        att["no_show"] += status == "no_show"
        paid, refund = Decimal(paid), Decimal(refund)
        for into in (rev, days.setdefault(d, dict(paid=0, received=Decimal(0),
                                                  refunds=Decimal(0), net=Decimal(0)))):
            into["paid"] += paid + refund > 0
            into["received"] += paid + refund
            into["refunds"] += refund
            into["net"] += paid
    occ = {}
    for d, seats, used in sql(
            "SELECT DATE(t.start_time), t.max_bookings, (SELECT COUNT(*) FROM bookings b"
            "  WHERE b.timeslot_id = t.id AND (b.status IN ('confirmed','completed','no_show')"
            "  OR (b.status = 'pending' AND b.hold_expires_at > UTC_TIMESTAMP())))"
            " FROM timeslots t WHERE t.room_id = ? AND t.start_time BETWEEN ? AND ?"
            " AND t.status IN ('scheduled','in_progress','completed')", room, *rng):
        o = occ.setdefault(d, [0, 0, 0])
        o[0] += 1
        o[1] += int(seats)
        o[2] += int(used)
    return att, rev, days, occ


def shown(admin, report, q):
    r = admin.get(url(f"/admin/reports?report={report}&{q}"))
    assert r.status_code == 200, r.text[:400]
    return tables_of(r.text)


def assert_reports_match(admin, room, first, last):
    att, rev, days, occ = said_by_bookings(room, first, last)
    q = f"from={first}&to={last}&roomId={room}"
    t = shown(admin, "attendance", q)["attendance"]
    assert [row[1:] for row in t[1:]] == [[str(att[k]) for k in
                                           ("bookings", "checked", "completed", "no_show",
                                            "cancelled")]]
    t = shown(admin, "revenue", q)
    want = [str(rev["paid"]), money(rev["received"]), money(rev["refunds"]), money(rev["net"])]
    assert [row[1:] for row in t["revenue-room"][1:]] == [want]
    assert [row[1:] for row in t["revenue-month"][1:]] == [want]
    t = shown(admin, "occupancy", q)["occupancy"]
    assert [[row[0]] + row[2:] for row in t[1:]] == [
        [d, str(o[0]), str(o[1]), str(o[2]), pct(o[2], o[1])] for d, o in sorted(occ.items())]
    # the overview's table of days: every day of the range, those of no money as nothing
    r = admin.get(url(f"/admin/reports.csv?table=revenue-day&{q}"))
    assert r.status_code == 200
    lines = r.text.strip().splitlines()[1:]
    assert len(lines) == (last - first).days + 1
    for line in lines:
        d, paid, received, refunds, net = line.replace('"', "").split(",")
        m = days.get(d, dict(paid=0, received=0, refunds=0, net=0))
        assert [paid, received, refunds, net] == [str(m["paid"]), money(m["received"]),
                                                  money(m["refunds"]), money(m["net"])], d


def test_reports_are_what_the_bookings_say_after_every_kind_of_change():
    room = make_room(capacity=6)
    first, last = day(20), day(23)
    s1 = make_slot(room, at(first, 10), price="20.00", capacity=4)
    s2 = make_slot(room, at(day(21), 14), price="30.00", capacity=3)
    s3 = make_slot(room, at(day(21), 16), price="12.00", capacity=3)
    free = make_slot(room, at(day(22), 9), price="0.00", capacity=2)
    admin = api_user(role="admin")[2]
    page_admin, _, csrf = browser_user(role="admin")

    kept, _ = book(s1, 2000)                      # paid and kept
    gone, h = book(s1, 2000)                      # paid, then cancelled by its owner
    assert api("PUT", f"/bookings/{gone}/cancel", h).status_code == 200
    by_admin, _ = book(s1, 2000)                  # paid, cancelled by an admin
    r = api("POST", f"/admin/bookings/{by_admin}/cancel", admin)
    assert r.status_code == 200, r.text
    moved, h = book(s2, 3000)                     # paid 30.00, moved to 12.00: 18.00 back
    r = api("POST", f"/bookings/{moved}/reschedule", h, json={"timeslotId": s3})
    assert r.status_code == 200, r.text
    book(s2)                                      # a hold still running
    lapsed, _ = book(s2)                          # a hold whose time ran out
    sql("UPDATE bookings SET hold_expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
        " WHERE id = ?", lapsed)
    a, _ = book(free)
    b, _ = book(free)
    # attendance as the day brings it (the engine allows it only once the session starts)
    sql("UPDATE bookings SET status = 'completed', checked_in_at = UTC_TIMESTAMP()"
        " WHERE id = ?", a)
    sql("UPDATE bookings SET status = 'no_show' WHERE id = ?", b)
    sql("UPDATE bookings SET checked_in_at = UTC_TIMESTAMP() WHERE id = ?", kept)
    recount_seats(free)
    refunds = sql("SELECT SUM(refund_amount) FROM bookings WHERE room_id = ?", room)[0][0]
    assert Decimal(refunds) > 0, "the cancels and the move gave money back"
    assert_reports_match(page_admin, room, first, last)

    # a session resized, and one cancelled with its bookings, by an admin
    sql("UPDATE timeslots SET max_bookings = 6 WHERE id = ?", s1)
    r = form_post(page_admin, f"/admin/timeslots/{s3}/cancel", csrf=csrf)
    assert r.status_code == 303, r.text[:400]
    assert sql("SELECT status FROM timeslots WHERE id = ?", s3) == [["canceled"]]
    assert_reports_match(page_admin, room, first, last)

    # a booking written and deleted outright in SQL comes and goes from its tally too
    c = add_booking(make_user(), free, status="confirmed", payment_status="paid")
    assert_reports_match(page_admin, room, first, last)
    sql("DELETE FROM bookings WHERE id = ?", c)
    recount_seats(free)
    assert_reports_match(page_admin, room, first, last)
    done = check()
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 drifted from their bookings" in done.stdout


def test_bookingctl_check_reports_a_drifted_tally_and_fixes_it():
    room = make_room()
    slot = make_slot(room, at(day(25), 11), price="0.00", capacity=3)
    book(slot)
    start = sql("SELECT start_time FROM timeslots WHERE id = ?", slot)[0][0]
    sql("UPDATE report_tallies SET n = n + 2, received = received + 5 WHERE timeslot_id = ?",
        slot)
    # and one whose session lost its seats
    other = make_slot(room, at(day(25), 14), price="0.00", capacity=5)
    sql("UPDATE report_tallies SET seats = 0 WHERE timeslot_id = ?", other)
    # a tally of no bookings at all is drift too
    sql("INSERT INTO report_tallies (start_time, room_id, timeslot_id, n) VALUES (?, ?, ?, 1)",
        start, room, slot + 1000000)
    drifted = check()
    assert drifted.returncode == 1, drifted.stdout + drifted.stderr
    assert (f"report tally of timeslot {slot} (room {room}, {start}): 3 seats, 3 bookings"
            " receiving 5.00; counted: 3 seats, 1 receiving 0.00") in drifted.stdout
    assert f"report tally of timeslot {other} (room {room}, " in drifted.stdout
    assert f"report tally of timeslot {slot + 1000000} " in drifted.stdout
    assert "3 drifted from their bookings" in drifted.stdout
    fixed = check("--fix")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "3 drifted from their bookings, fixed" in fixed.stdout
    assert sql("SELECT timeslot_id, seats, n, received FROM report_tallies"
               " WHERE timeslot_id IN (?, ?, ?) ORDER BY timeslot_id",
               slot, other, slot + 1000000) == [[str(slot), "3", "1", "0.00"],
                                                [str(other), "5", "0", "0.00"]]
    again = check()
    assert again.returncode == 0 and " 0 drifted from their bookings" in again.stdout
