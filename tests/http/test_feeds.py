"""test_feeds.py: private iCalendar feeds: made and stopped on the account
page (the token stored hashed), valid RFC 5545 that icalendar parses, the
booking mails' UIDs, cancelled entries, 304 for an unchanged feed, and an
admin's feed of a room's sessions."""
import datetime as dt
import hashlib
import os
import re
import secrets

import icalendar
import pytest
import requests

from conftest import (CA, add_booking, at, browser_user, day, form_post, make_event,
                      make_room, make_slot, make_user, recount_seats, sql, url)

SITE = os.environ.get("BOOKING_URL", "https://127.0.0.1:18443").rstrip("/")
HOST = SITE.split("://")[1].split(":")[0]
FEED_RE = re.compile(r'<code id="feed-url">([^<]+)</code>')


def feed_path(page):
    m = FEED_RE.search(page)
    assert m, "no feed address on the page"
    address = m.group(1)
    assert address.startswith(SITE + "/calendar/") and address.endswith(".ics")
    return address[len(SITE):]


def fetch(path, **headers):
    return requests.get(url(path), headers=headers, verify=CA, allow_redirects=False)


def parse(r):
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(r.content)
    assert cal["VERSION"] == "2.0" and str(cal["PRODID"]).startswith("-//booking//")
    assert cal.walk("VTIMEZONE"), "no VTIMEZONE"
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def sql_feed(user_id, room_id=None):
    """A feed row made directly; returns its path."""
    token = secrets.token_hex(32)
    sql("INSERT INTO calendar_feeds (user_id, room_id, token_hash) VALUES (?, ?, UNHEX(SHA2(?, 256)))",
        user_id, room_id, token)
    return f"/calendar/{token}.ics"


def test_a_feed_made_on_the_account_page_lists_the_users_bookings_and_only_theirs():
    s, uid, csrf = browser_user(name="Feed Owner")
    room = make_room(name="Feed Room")
    ev = make_event(title="Yoga")
    kept = add_booking(uid, make_slot(room, at(day(3), 9), event_id=ev))
    gone = add_booking(uid, make_slot(room, at(day(4), 9)), status="cancelled")
    old = add_booking(uid, make_slot(room, at(day(-90), 9)))          # too far back
    stranger = add_booking(make_user(), make_slot(room, at(day(3), 11)))
    assert "Make a new feed address" in s.get(url("/account")).text
    r = form_post(s, "/account/calendar", csrf=csrf)
    assert r.status_code == 201 and r.headers["Cache-Control"] == "no-store"
    path = feed_path(r.text)
    token = path[len("/calendar/"):-len(".ics")]
    # only the hash is kept
    [[stored]] = sql("SELECT HEX(token_hash) FROM calendar_feeds WHERE user_id = ?", uid)
    assert stored.lower() == hashlib.sha256(token.encode()).hexdigest()
    assert sql("SELECT COUNT(*) FROM calendar_feeds WHERE HEX(token_hash) = ?",
               token.upper()) == [["0"]]
    assert "private calendar feed, made" in s.get(url("/account")).text

    cal, events = parse(fetch(path))
    assert "Feed Owner" in str(cal["X-WR-CALNAME"])
    assert set(events) == {f"booking-{kept}@{HOST}", f"booking-{gone}@{HOST}"}
    assert f"booking-{old}@{HOST}" not in events and f"booking-{stranger}@{HOST}" not in events
    e = events[f"booking-{kept}@{HOST}"]
    assert str(e["SUMMARY"]) == "Yoga (Feed Room)" and str(e["LOCATION"]) == "Feed Room"
    assert str(e["STATUS"]) == "CONFIRMED"
    assert e["DTSTART"].dt.replace(tzinfo=None) == at(day(3), 9)
    assert e["DTSTART"].params["TZID"] == "UTC"
    assert str(e["URL"]) == f"{SITE}/bookings/{kept}"
    assert str(events[f"booking-{gone}@{HOST}"]["STATUS"]) == "CANCELLED"


def test_an_unchanged_feed_answers_304_and_a_change_gives_a_new_etag():
    uid = make_user()
    booking = add_booking(uid, make_slot(make_room(), at(day(2), 10)))
    path = sql_feed(uid)
    first = fetch(path)
    etag = first.headers["ETag"]
    assert etag.strip('W/"')
    again = fetch(path, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert fetch(path, **{"If-None-Match": '"something-else"'}).status_code == 200
    assert fetch(path).content == first.content          # the same bytes each time
    sql("UPDATE bookings SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP(),"
        " updated_at = UTC_TIMESTAMP() + INTERVAL 1 SECOND WHERE id = ?", booking)
    recount_seats(booking_id=booking)
    changed = fetch(path, **{"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    _, events = parse(changed)
    assert str(events[f"booking-{booking}@{HOST}"]["STATUS"]) == "CANCELLED"


def test_a_revoked_or_replaced_feed_is_404():
    s, uid, csrf = browser_user()
    add_booking(uid, make_slot(make_room(), at(day(2), 10)))
    first = feed_path(form_post(s, "/account/calendar", csrf=csrf).text)
    assert fetch(first).status_code == 200
    second = feed_path(form_post(s, "/account/calendar", csrf=csrf).text)
    assert fetch(first).status_code == 404              # a new address stops the old one
    assert fetch(second).status_code == 200
    r = form_post(s, "/account/calendar/revoke", csrf=csrf)
    assert r.status_code == 303 and r.headers["Location"] == "/account?saved=feed_revoked"
    assert fetch(second).status_code == 404
    assert "Subscribe your calendar program" in s.get(url("/account")).text
    for bad in ("/calendar/nope.ics", "/calendar/" + "a" * 64, "/calendar/" + "A" * 64 + ".ics",
                "/calendar/.ics"):
        assert fetch(bad).status_code == 404, bad
    # the forms need the session's CSRF token
    assert form_post(s, "/account/calendar", csrf="0" * 64).status_code == 403


def test_an_admins_room_feed_lists_its_sessions_with_seats_booked():
    s, admin, csrf = browser_user(role="admin")
    room = make_room(name="Grid Room")
    busy = make_slot(room, at(day(2), 9), capacity=3)
    add_booking(make_user(), busy)
    gone = make_slot(room, at(day(3), 9), status="canceled")
    make_slot(room, at(day(4), 9), status="draft")
    other = make_slot(make_room(), at(day(2), 9))
    assert "Make a new feed address" in s.get(url(f"/admin/rooms/{room}")).text
    r = form_post(s, f"/admin/rooms/{room}/calendar", csrf=csrf)
    assert r.status_code == 201
    path = feed_path(r.text)
    assert "private calendar feed of this room" in s.get(url(f"/admin/rooms/{room}")).text
    cal, events = parse(fetch(path))
    assert "Grid Room" in str(cal["X-WR-CALNAME"])
    assert set(events) == {f"timeslot-{busy}@{HOST}", f"timeslot-{gone}@{HOST}"}
    assert f"timeslot-{other}@{HOST}" not in events
    assert str(events[f"timeslot-{busy}@{HOST}"]["SUMMARY"]) == "Grid Room: 1 of 3 booked"
    assert str(events[f"timeslot-{gone}@{HOST}"]["STATUS"]) == "CANCELLED"
    # an admin's feed of one room leaves their own feed and other rooms alone
    r = form_post(s, f"/admin/rooms/{room}/calendar/revoke", csrf=csrf)
    assert r.status_code == 303 and r.headers["Location"].endswith("done=feed_revoked")
    assert fetch(path).status_code == 404
    assert form_post(s, "/admin/rooms/999999/calendar", csrf=csrf).status_code == 404
    # a room feed dies with its owner's admin role
    path = sql_feed(admin, room)
    assert fetch(path).status_code == 200
    sql("UPDATE users SET role = 'customer' WHERE id = ?", admin)
    assert fetch(path).status_code == 404
    cust, _, ccsrf = browser_user()
    assert form_post(cust, f"/admin/rooms/{room}/calendar", csrf=ccsrf).status_code == 403


SINK = os.environ.get("BOOKING_MAIL_SINK")


@pytest.mark.skipif(not SINK, reason="no SMTP sink (scripts/test starts one)")
def test_the_feed_and_the_booking_mails_share_uid_and_sequence():
    from test_mail import book, calendar_of, customer, messages_to, run_jobs
    room = make_room(rate="0.00")
    s1 = make_slot(room, at(day(3), 13), price="0.00")
    s2 = make_slot(room, at(day(4), 15), price="0.00")
    uid, addr, h = customer()
    booking = book(h, s1).json()["id"]
    r = requests.post(url(f"/api/v1/bookings/{booking}/reschedule"), json={"timeslotId": s2},
                      headers=h, verify=CA)
    assert r.status_code == 200, r.text
    run_jobs()
    _, moved = calendar_of(messages_to(addr)[-1])
    _, events = parse(fetch(sql_feed(uid)))
    entry = events[str(moved["UID"])]
    assert int(entry["SEQUENCE"]) == int(moved["SEQUENCE"]) == 1
    assert entry["DTSTART"].dt == moved["DTSTART"].dt
