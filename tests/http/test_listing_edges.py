"""test_listing_edges.py: the public lists and the notifications page at
their edges: nothing matching, a later page, a session-less event, links
that lead off the site, and an Idempotency-Key that is too long."""
import requests

from conftest import (CA, api_user, at, browser_user, day, get, make_event, make_room,
                      make_slot, sql, url)


def test_room_list_says_when_no_room_matches_and_links_back_from_a_later_page():
    r = get("/rooms?type=office&min_capacity=99999")
    assert r.status_code == 200
    assert "No room matches this filter." in r.text
    later = get("/rooms?page=50")
    assert later.status_code == 200
    assert 'rel="prev"' in later.text and "page=49" in later.text
    assert get("/rooms?min_capacity=-1").status_code == 400


def test_an_event_without_published_sessions_says_so():
    event = make_event()
    make_slot(make_room(), at(day(6), 10), status="draft", event_id=event)
    r = get(f"/events/{event}")
    assert r.status_code == 200
    assert "No sessions are scheduled." in r.text


def test_notifications_link_only_to_this_site_and_mark_the_unread():
    s, uid, _ = browser_user()
    sql("INSERT INTO notifications (user_id, message, link, read_at) VALUES"
        " (?, 'Seen already', '/me', UTC_TIMESTAMP()),"
        " (?, 'Look here', '/bookings/1', NULL),"
        " (?, 'Phish', 'https://evil.example/login', NULL)", uid, uid, uid)
    page = s.get(url("/notifications")).text
    assert '<a href="/bookings/1">Look here</a>' in page
    assert "evil.example" not in page and "Phish" in page
    assert page.count("<strong>New:</strong>") == 2
    seen = page.split("Seen already")[0].rsplit("<li", 1)[1]
    assert 'class="unread"' not in seen


def test_an_idempotency_key_over_100_characters_is_refused():
    uid, _, h = api_user()
    slot = make_slot(make_room(), at(day(8), 10), price="0.00")
    r = requests.post(url("/api/v1/bookings"), json={"timeslotId": slot}, verify=CA,
                      headers=dict(h, **{"Idempotency-Key": "k" * 101}))
    assert r.status_code == 400
    assert "Idempotency-Key" in r.json()["error"]["message"]
    assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["0"]]
    # An empty key is no key: the booking is made.
    r = requests.post(url("/api/v1/bookings"), json={"timeslotId": slot}, verify=CA,
                      headers=dict(h, **{"Idempotency-Key": ""}))
    assert r.status_code == 201, r.text
