"""test_dashboard_actions.py: each dashboard row offers the actions its booking
allows, from the rule the booking page uses (pay, move, cancel, book again,
review, add to calendar), and "Add to calendar" is the booking as an .ics."""
import datetime as dt
import re

from conftest import (add_booking, browser_user, make_room, make_slot, recount_seats, sql, url,
                      utc_now)
from test_reviews import done_booking


def row(page, booking):
    m = re.search(rf'<tr data-booking="{booking}">(.*?)</tr>', page, re.S)
    assert m, f"no row for booking {booking}"
    return m.group(1)


def test_each_row_offers_what_its_booking_allows():
    s, uid, csrf = browser_user()
    room = make_room(capacity=4)
    soon = utc_now() + dt.timedelta(hours=60)
    held = add_booking(uid, make_slot(room, soon, price="9.00"), "pending", hold_minutes=10)
    kept = add_booking(uid, make_slot(room, soon + dt.timedelta(hours=2), price="0.00"),
                       "confirmed", "paid")
    done, _ = done_booking(uid)
    upcoming = s.get(url("/me")).text
    h = row(upcoming, held)
    assert ">Pay<" in h and ">Cancel<" in h and "calendar.ics" in h and ">Move<" not in h
    k = row(upcoming, kept)
    assert ">Move<" in k and ">Cancel<" in k and f"/bookings/{kept}/calendar.ics" in k
    assert ">Pay<" not in k and ">Review<" not in k
    past = row(s.get(url("/me?tab=past")).text, done)
    assert f'href="/bookings/{done}#review"' in past and "calendar.ics" not in past
    assert ">Cancel<" not in past
    # the booking page offers the same
    assert 'id="add-to-calendar"' in s.get(url(f"/bookings/{kept}")).text
    r = s.post(url(f"/bookings/{done}/review"), data={"csrf": csrf, "rating": "5"},
               allow_redirects=False)
    assert r.status_code == 303, r.text
    assert ">Review<" not in row(s.get(url("/me?tab=past")).text, done), "reviewed once"


def test_add_to_calendar_is_the_owners_booking_as_an_ics():
    s, uid, _ = browser_user()
    slot = make_slot(make_room(), utc_now() + dt.timedelta(hours=80), price="0.00")
    booking = add_booking(uid, slot, "confirmed", "paid")
    r = s.get(url(f"/bookings/{booking}/calendar.ics"))
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/calendar")
    assert f'filename="booking-{booking}.ics"' in r.headers["Content-Disposition"]
    body = r.text
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body
    assert re.search(rf"UID:booking-{booking}@", body) and "STATUS:CONFIRMED" in body
    other, _, _ = browser_user()
    assert other.get(url(f"/bookings/{booking}/calendar.ics")).status_code == 404
    sql("UPDATE bookings SET status = 'cancelled' WHERE id = ?", booking)
    recount_seats(slot)
    assert "STATUS:CANCELLED" in s.get(url(f"/bookings/{booking}/calendar.ics")).text
