"""test_pages.py: the public HTML pages through nginx against the real database."""
import datetime as dt
import re
import uuid

import requests

from conftest import (CA, at, day, get, make_booking, make_event, make_room,
                      make_slot, make_user, unique, url, utc_now)


def far_day():
    """A date far ahead that no other test schedules anything on."""
    return day(400 + int(uuid.uuid4().int % 2000))


def test_home_lists_rooms_and_upcoming_sessions_with_a_date_picker():
    room = make_room(name=unique("A Home Room"))    # sorts before other tests' rooms
    event = make_event(title=unique("Home Workshop"))
    when = far_day()
    make_slot(room, at(when, 13), event_id=event)
    r = get("/")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert f'href="/rooms/{room}?date=' in r.text
    assert re.search(r'<input type="date"[^>]*name="date"', r.text)
    r = get(f"/?date={when}")
    assert f'href="/events/{event}"' in r.text


def test_home_date_picker_starts_the_session_list_at_that_date():
    room = make_room()
    early = make_event(title=unique("Early"))
    late = make_event(title=unique("Late"))
    when = far_day()
    make_slot(room, at(when - dt.timedelta(days=1), 9), event_id=early)
    make_slot(room, at(when, 9), event_id=late)
    r = get(f"/?date={when}")
    assert r.status_code == 200
    assert f'href="/events/{late}"' in r.text
    assert f'href="/events/{early}"' not in r.text


def test_rooms_list_filters_by_type_and_min_capacity():
    small = make_room(name=unique("Small Treatment"), room_type="treatment", capacity=1)
    big = make_room(name=unique("Big Treatment"), room_type="treatment", capacity=40)
    office = make_room(name=unique("Office"), room_type="office", capacity=40)
    r = get("/rooms?type=treatment&min_capacity=30")
    assert r.status_code == 200
    assert f'href="/rooms/{big}"' in r.text
    assert f'href="/rooms/{small}"' not in r.text
    assert f'href="/rooms/{office}"' not in r.text
    # The chosen filter is kept in the form.
    assert '<option value="treatment" selected>' in r.text
    assert 'value="30"' in r.text


def test_rooms_list_hides_inactive_rooms():
    gone = make_room(name=unique("Closed"), active=0)
    r = get("/rooms")
    assert f'href="/rooms/{gone}"' not in r.text


def test_rooms_list_rejects_a_bad_filter_naming_the_field():
    r = get("/rooms?type=castle")
    assert r.status_code == 400
    assert "type" in r.text and "meeting" in r.text
    r = get("/rooms?min_capacity=lots")
    assert r.status_code == 400
    assert "min_capacity" in r.text


def test_room_page_shows_free_full_and_past_slots_differently():
    room = make_room(capacity=2)
    free = make_slot(room, at(day(1), 9), capacity=2)
    full = make_slot(room, at(day(1), 10), capacity=1)
    make_booking(make_user(), full)
    r = get(f"/rooms/{room}?date={day(1)}")
    assert r.status_code == 200
    assert re.search(rf'<tr class="slot free" data-slot="{free}">', r.text)
    assert re.search(rf'<tr class="slot full" data-slot="{full}">', r.text)
    assert "09:00–10:00" in r.text
    assert "2 of 2 left" in r.text

    past_room = make_room()
    past = make_slot(past_room, utc_now().replace(minute=0, second=0) - dt.timedelta(hours=1))
    start_day = (utc_now() - dt.timedelta(hours=1)).date()
    r = get(f"/rooms/{past_room}?date={start_day}")
    assert re.search(rf'<tr class="slot past" data-slot="{past}">', r.text)


def test_room_page_marks_cancelled_and_inactive_slots_unavailable():
    room = make_room(active=0)
    slot = make_slot(room, at(day(1), 9))
    r = get(f"/rooms/{room}?date={day(1)}")
    assert r.status_code == 200
    assert "not taking bookings" in r.text
    assert re.search(rf'<tr class="slot unavailable" data-slot="{slot}">', r.text)
    room2 = make_room()
    cancelled = make_slot(room2, at(day(1), 9), status="canceled")
    r = get(f"/rooms/{room2}?date={day(1)}")
    assert re.search(rf'<tr class="slot unavailable" data-slot="{cancelled}">', r.text)


def test_room_page_hides_draft_slots():
    room = make_room()
    draft = make_slot(room, at(day(1), 9), status="draft")
    r = get(f"/rooms/{room}?date={day(1)}")
    assert f'data-slot="{draft}"' not in r.text


def test_room_page_links_to_the_previous_and_next_day():
    room = make_room()
    r = get(f"/rooms/{room}?date=2031-03-01")
    assert r.status_code == 200
    assert f'href="/rooms/{room}?date=2031-02-28"' in r.text
    assert f'href="/rooms/{room}?date=2031-03-02"' in r.text


def test_room_page_defaults_to_today():
    room = make_room()
    r = get(f"/rooms/{room}")
    assert r.status_code == 200
    assert f'value="{utc_now().date()}"' in r.text


def test_room_page_bad_date_is_400_naming_the_field():
    room = make_room()
    for bad in ("2026-02-30", "tomorrow", "2026-1-1"):
        r = get(f"/rooms/{room}?date={bad}")
        assert r.status_code == 400, bad
        assert r.headers["Content-Type"].startswith("text/html")
        assert "date" in r.text
    assert get(f"/rooms/{room}?date=%00").status_code == 400


def test_room_page_unknown_or_malformed_id():
    assert get("/rooms/999999999").status_code == 404
    assert get("/rooms/abc").status_code == 400
    assert get("/rooms/-1").status_code == 400
    assert get("/rooms/99999999999999999999").status_code == 400


def test_events_list_and_event_page_show_sessions_and_seats_left():
    room = make_room(capacity=10)
    event = make_event(title=unique("Course"), kind="course")
    s1 = make_slot(room, at(day(4), 15), capacity=3, event_id=event, sequence_no=1)
    s2 = make_slot(room, at(day(5), 15), capacity=3, event_id=event, sequence_no=2)
    make_booking(make_user(), s1)
    r = get("/events")
    assert r.status_code == 200
    assert f'href="/events/{event}"' in r.text
    r = get(f"/events/{event}")
    assert r.status_code == 200
    assert "2 of 3 left" in r.text
    assert "3 of 3 left" in r.text
    assert "(session 1)" in r.text and "(session 2)" in r.text
    assert f'data-slot="{s2}"' in r.text
    assert get("/events/999999999").status_code == 404
    assert get("/events/x").status_code == 400


def test_cancelled_bookings_do_not_hold_seats():
    room = make_room()
    slot = make_slot(room, at(day(6), 9), capacity=1)
    make_booking(make_user(), slot, status="cancelled")
    r = get(f"/rooms/{room}?date={day(6)}")
    assert re.search(rf'<tr class="slot free" data-slot="{slot}">', r.text)


def test_room_name_with_markup_is_escaped_everywhere():
    evil = '<script>alert("x")</script> & Co'
    room = make_room(name=evil, description='<img src=x onerror=alert(1)>')
    event = make_event(title='<b>bold</b> event')
    make_slot(room, at(day(2), 11), event_id=event)
    for path in ("/", "/rooms", f"/rooms/{room}?date={day(2)}", "/events", f"/events/{event}"):
        r = get(path)
        assert r.status_code == 200, path
        assert "<script>alert" not in r.text, path
        assert "<img src=x" not in r.text, path
        assert "<b>bold</b>" not in r.text, path
    r = get(f"/rooms/{room}")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in r.text


def test_unknown_page_is_a_404_page_in_the_layout():
    r = get("/no/such/page")
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith("text/html")
    assert "<nav" in r.text


def test_wrong_method_is_405_with_allow():
    r = requests.post(url("/rooms"), data={"x": "1"}, verify=CA,
                      allow_redirects=False)
    assert r.status_code == 405
    assert "GET" in r.headers["Allow"]


def test_head_answers_without_a_body():
    r = requests.head(url("/rooms"), verify=CA)
    assert r.status_code == 200
    assert r.text == ""
