"""test_booking_page_refusals.py: the customer booking pages refuse what
they cannot do: bad or unknown timeslots, moving or cancelling a booking
whose state forbids it, and request bodies that are not well-formed."""
import requests

from conftest import (CA, add_booking, at, browser_user, day, form_post, make_room, make_slot,
                      sql, url)


def test_booking_form_refuses_a_bad_or_unknown_timeslot():
    s, uid, csrf = browser_user()
    r = form_post(s, "/bookings", csrf=csrf, timeslot_id="ten")
    assert r.status_code == 400 and "timeslot_id: expected a whole number" in r.text
    r = form_post(s, "/bookings", csrf=csrf)
    assert r.status_code == 400 and "timeslot_id is required." in r.text
    r = form_post(s, "/bookings", csrf=csrf, timeslot_id="4294967295")
    assert r.status_code == 404 and "There is no timeslot 4294967295." in r.text
    assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["0"]]


def test_a_cancelled_booking_offers_neither_cancelling_nor_moving():
    s, uid, csrf = browser_user()
    room = make_room()
    slot = make_slot(room, at(day(9), 10))
    bid = add_booking(uid, slot, status="cancelled")
    r = s.get(url(f"/bookings/{bid}/cancel"), allow_redirects=False)
    assert r.status_code == 409
    assert f'action="/bookings/{bid}/cancel"' not in r.text
    page = s.get(url(f"/bookings/{bid}/reschedule")).text
    assert "Only a confirmed booking can be moved." in page


def test_moving_a_booking_needs_a_timeslot_and_goes_to_an_older_one_too():
    s, uid, csrf = browser_user()
    room = make_room()
    target = make_slot(room, at(day(11), 9), price="20.00")      # made first: the lower id
    current = make_slot(room, at(day(11), 14), price="20.00")
    bid = add_booking(uid, current, status="confirmed", payment_status="paid")
    r = form_post(s, f"/bookings/{bid}/reschedule", csrf=csrf)
    assert r.status_code == 400 and "timeslot_id is required." in r.text
    r = form_post(s, f"/bookings/{bid}/reschedule", csrf=csrf, timeslot_id=str(target))
    assert r.status_code == 303, r.text
    assert sql("SELECT timeslot_id, status FROM bookings WHERE id = ?", bid) == \
        [[str(target), "confirmed"]]


def test_the_dashboard_welcomes_a_new_account():
    s, _, _ = browser_user(name="Newcomer")
    assert "Welcome, Newcomer: your account is ready." in s.get(url("/me?welcome=1")).text
    assert "your account is ready" not in s.get(url("/me")).text


def test_bodies_with_a_nul_byte_or_broken_form_encoding_are_400():
    s, uid, csrf = browser_user()
    room = make_room()
    slot = make_slot(room, at(day(13), 10))
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    r = s.post(url("/bookings"), data=f"csrf={csrf}&timeslot_id={slot}&notes=a\0b".encode(),
               headers=form, allow_redirects=False)
    assert r.status_code == 400 and "NUL byte" in r.text
    r = s.post(url("/bookings"), data=f"csrf={csrf}&timeslot_id={slot}&notes=%zz".encode(),
               headers=form, allow_redirects=False)
    assert r.status_code == 400 and "The form data is malformed." in r.text
    assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["0"]]


def test_head_of_a_page_has_its_headers_and_no_body():
    room = make_room()
    r = requests.head(url(f"/rooms/{room}?date={day(2)}"), verify=CA, allow_redirects=False)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert r.content == b""
