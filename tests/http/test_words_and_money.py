"""test_words_and_money.py: what a customer reads: amounts in the site's currency
everywhere (pages, the API's currency field, the CSV header), statuses and
seats in plain words, plurals, titles that say what a page is, the zone named,
and each dashboard row offering what its booking allows."""
import datetime as dt
import re

import requests

from conftest import (CA, add_booking, api_user, at, browser_user, day, make_event,
                      make_room, make_slot, make_user, new_email, recount_seats, sql, url,
                      utc_now)

PAY_URL = "https://pay.example.com/checkout?shop=booking"


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def row(html, bid):
    m = re.search(r'<tr data-booking="%d">(.*?)</tr>' % bid, html, re.S)
    assert m, f"no row for booking {bid}"
    return m.group(1)


def test_amounts_carry_the_currency_on_pages_in_the_api_and_the_csv():
    uid, _, h = api_user()
    room = make_room(rate="80.00")
    slot = make_slot(room, at(day(5), 10), price="17.50")
    free = make_slot(room, at(day(5), 12), price="0.00")
    page = requests.get(url(f"/rooms/{room}?date={day(5)}"), verify=CA).text
    assert "€80.00 an hour" in page and "€17.50" in page and "No charge" in page
    assert "Free" not in page                       # one word meant seats and price
    assert "Prices in EUR." in page and "Times in UTC." in page
    r = requests.post(url("/api/v1/bookings"), json={"timeslotId": slot}, headers=h, verify=CA)
    assert r.status_code == 201 and r.json()["currency"] == "EUR" and r.json()["price"] == 17.5
    got = requests.get(url(f"/api/v1/rooms/{room}"), verify=CA).json()
    assert got["currency"] == "EUR" and got["hourlyRate"] == 80.0
    slots = requests.get(url(f"/api/v1/rooms/{room}/timeslots?date={day(5)}"), verify=CA).json()
    assert {s["currency"] for s in slots["timeslots"]} == {"EUR"}, slots
    admin, _, _ = browser_user(role="admin")
    email = sql("SELECT email FROM users WHERE id = ?", uid)[0][0]
    csv = admin.get(url(f"/admin/bookings.csv?email={email}")).text.splitlines()
    assert csv[0].endswith("price (EUR),refund (EUR),created") and len(csv) == 2
    assert free


def test_statuses_seats_and_titles_read_as_words():
    s, uid, _ = browser_user()
    room = make_room(name="Boardroom Words", capacity=12, rate="80.00")
    whole = make_slot(room, at(day(6), 9), price="80.00", capacity=1)
    event = make_event(title="Words Workshop")
    seats = make_slot(room, at(day(6), 14), price="0.00", capacity=12, event_id=event)
    page = s.get(url(f"/rooms/{room}?date={day(6)}")).text
    assert "Available (the whole room)" in page and "Available (12 of 12 left)" in page
    assert "12 of 12 left" in page and "Meeting room for up to 12 people" in page
    t = s.get(url(f"/timeslots/{whole}")).text
    assert ">Book the room</button>" in t and "Boardroom Words, " in title(t)
    t = s.get(url(f"/timeslots/{seats}")).text
    assert ">Book a place</button>" in t and title(t).startswith("Words Workshop in Boardroom Words, ")
    held = add_booking(uid, whole, status="pending", hold_minutes=1)
    page = s.get(url(f"/bookings/{held}")).text
    assert "Your booking: Boardroom Words, " in title(page)
    assert 'data-status="pending">Awaiting payment<' in page
    assert "held for 1 more minute (" in page            # not "1 more minutes"
    sql("UPDATE bookings SET status = 'no_show', hold_expires_at = NULL WHERE id = ?", held)
    recount_seats(booking_id=held)
    assert 'data-status="no_show">No-show<' in s.get(url(f"/bookings/{held}")).text
    one = make_room(name="Only Words Room " + new_email("r"))
    rooms = s.get(url(f"/rooms?type=meeting&min_capacity=1")).text
    assert re.search(r'<p class="count">\d+ rooms?</p>', rooms) and one


def test_each_dashboard_row_offers_what_its_booking_allows():
    s, uid, _ = browser_user()
    room = make_room()
    held = add_booking(uid, make_slot(room, at(day(8), 9), price="20.00"), status="pending",
                       hold_minutes=10)
    confirmed = add_booking(uid, make_slot(room, at(day(8), 11), price="20.00"),
                            status="confirmed", payment_status="paid")
    cancelled = add_booking(uid, make_slot(room, at(day(8), 13), price="20.00"),
                            status="cancelled")
    me = s.get(url("/me")).text
    r = row(me, held)
    assert f'href="{PAY_URL}&amp;booking={held}&amp;amount=2000"' in r
    assert f'/bookings/{held}/cancel"' in r and f"/bookings/{held}/reschedule" not in r
    r = row(me, confirmed)
    assert f"/bookings/{confirmed}/reschedule" in r and f"/bookings/{confirmed}/cancel" in r
    assert ">Pay<" not in r and "Confirmed" in r and "Paid" in r
    r = row(s.get(url("/me?tab=cancelled")).text, cancelled)
    assert f'action="/bookings/{cancelled}/reactivate"' in r and "/cancel" not in r
    # nothing booked: a sentence, no table header under it
    empty, _, _ = browser_user()
    page = empty.get(url("/me")).text
    assert "Nothing here." in page and '<table class="bookings' not in page


def test_admin_rows_carry_their_actions_and_the_safe_button_leads():
    s, _, _ = browser_user(role="admin")
    room = make_room()
    soon = make_slot(room, utc_now() + dt.timedelta(minutes=20), price="20.00")
    user = make_user()
    email = sql("SELECT email FROM users WHERE id = ?", user)[0][0]
    bid = add_booking(user, soon, status="confirmed", payment_status="paid")
    page = s.get(url(f"/admin/bookings?email={email}")).text
    r = row(page, bid)
    assert f'action="/admin/bookings/{bid}/check-in"' in r
    assert f'action="/admin/bookings/{bid}/complete"' not in r     # not started yet
    assert "1 booking matches." in page and "Confirmed" in r
    page = s.get(url(f"/admin/bookings/{bid}")).text
    assert title(page).startswith("Booking by Test User: ")
    gen = s.get(url(f"/admin/rooms/{room}/generate")).text
    assert re.search(r'name="preview" value="1">Preview<', gen)
    assert re.search(r'name="create" value="1" class="secondary">Create timeslots<', gen)
