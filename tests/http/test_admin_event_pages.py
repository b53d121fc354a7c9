"""test_admin_event_pages.py: the admin event pages: creating and editing an
event, adding its draft sessions, publishing them, and what they refuse."""
import re

from conftest import (at, browser_user, day, field_errors, form_post, local_input, make_event,
                      make_room, sql, unique, url)


def test_new_event_form_refuses_a_missing_title_and_an_unknown_kind():
    s, _, csrf = browser_user(role="admin")
    before = sql("SELECT COUNT(*) FROM events")
    r = form_post(s, "/admin/events", csrf=csrf, title="   ", kind="party",
                  description="kept as typed")
    assert r.status_code == 400
    errors = field_errors(r.text)
    assert set(errors) == {"title", "kind"}
    assert "Title is required." in errors["title"]
    assert "individual, workshop, course" in errors["kind"]
    assert "kept as typed" in r.text            # what was typed comes back
    assert sql("SELECT COUNT(*) FROM events") == before


def test_new_event_form_creates_the_event_and_shows_it():
    s, _, csrf = browser_user(role="admin")
    title = unique("Pottery course")
    r = form_post(s, "/admin/events", csrf=csrf, title=f"  {title}  ", kind="course",
                  description="Six evenings")
    assert r.status_code == 303
    m = re.fullmatch(r"/admin/events/(\d+)\?done=created", r.headers["Location"])
    assert m, r.headers["Location"]
    event = int(m.group(1))
    assert sql("SELECT title, kind, description FROM events WHERE id = ?", event) == \
        [[title, "course", "Six evenings"]]
    page = s.get(url(r.headers["Location"]))
    assert page.status_code == 200
    assert "The event is created." in page.text
    assert "Sessions of a course are numbered" in page.text
    assert "This event has no sessions yet." in page.text
    assert "Publish draft sessions" not in page.text


def test_event_edit_saves_only_what_was_sent_and_refuses_bad_input():
    s, _, csrf = browser_user(role="admin")
    event = make_event(title=unique("Workshop"), kind="workshop", description="Before")
    title = unique("Renamed workshop")
    r = form_post(s, f"/admin/events/{event}", csrf=csrf, title=title)
    assert r.status_code == 303
    assert r.headers["Location"] == f"/admin/events/{event}?done=saved"
    assert sql("SELECT title, kind, description FROM events WHERE id = ?", event) == \
        [[title, "workshop", "Before"]]
    assert "The event is saved." in s.get(url(r.headers["Location"])).text

    r = form_post(s, f"/admin/events/{event}", csrf=csrf, kind="party", description="x" * 5001)
    assert r.status_code == 400
    errors = field_errors(r.text)
    assert set(errors) == {"kind", "description"}
    assert "at most 5000 characters" in errors["description"]
    assert sql("SELECT title, kind, description FROM events WHERE id = ?", event) == \
        [[title, "workshop", "Before"]]


def test_unknown_events_are_404_on_every_event_page_and_action():
    s, _, csrf = browser_user(role="admin")
    missing = 4294967295
    assert s.get(url(f"/admin/events/{missing}")).status_code == 404
    for path in (f"/admin/events/{missing}", f"/admin/events/{missing}/sessions",
                 f"/admin/events/{missing}/publish"):
        r = form_post(s, path, csrf=csrf, title="Ghost", roomId="1")
        assert r.status_code == 404, path
        assert f"There is no event {missing}." in r.text, path
    r = s.get(url("/admin/events/0"))
    assert r.status_code == 400 and "id: expected a whole number" in r.text


def test_sessions_are_drafts_numbered_in_order_then_published_together():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    event = make_event(title=unique("Evening course"), kind="course")
    slots = []
    for i in range(2):
        start = at(day(30 + i), 18)
        r = form_post(s, f"/admin/events/{event}/sessions", csrf=csrf, roomId=str(room),
                      startTime=local_input(start), endTime=local_input(at(day(30 + i), 20)),
                      price="15.00", maxBookings="10")
        assert r.status_code == 303, r.text
        assert r.headers["Location"] == f"/admin/events/{event}?done=session"
        slots.append(sql("SELECT status, sequence_no, price, max_bookings FROM timeslots"
                         " WHERE event_id = ? AND start_time = ?", event,
                         start.strftime("%Y-%m-%d %H:%M:%S"))[0])
    assert slots == [["draft", "1", "15.00", "10"], ["draft", "2", "15.00", "10"]]
    page = s.get(url(f"/admin/events/{event}?done=session")).text
    assert "The session is added as a draft" in page
    assert "2 draft sessions are not open for booking yet." in page

    r = form_post(s, f"/admin/events/{event}/publish", csrf=csrf)
    assert r.status_code == 303
    assert r.headers["Location"] == f"/admin/events/{event}?published=2"
    assert sql("SELECT status FROM timeslots WHERE event_id = ?", event) == \
        [["scheduled"], ["scheduled"]]
    page = s.get(url(r.headers["Location"])).text
    assert "2 sessions published: they are open for booking." in page
    assert "Publish draft sessions" not in page
    r = form_post(s, f"/admin/events/{event}/publish", csrf=csrf)
    assert r.headers["Location"] == f"/admin/events/{event}?published=0"


def test_a_bad_session_is_refused_naming_the_field_and_nothing_is_added():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    event = make_event()
    start = at(day(40), 10)
    cases = [
        (dict(roomId=str(room), startTime="tomorrow", endTime=local_input(start)), 400, "startTime"),
        (dict(roomId=str(room), startTime=local_input(start), endTime=local_input(at(day(40), 9))),
         400, "endTime"),
        (dict(roomId=str(room), startTime=local_input(start), endTime=local_input(at(day(40), 11)),
              price="12.345"), 400, "price"),
        (dict(roomId=str(room), startTime=local_input(start), endTime=local_input(at(day(40), 11)),
              maxBookings="0"), 400, "maxBookings"),
        (dict(roomId="4294967295", startTime=local_input(start), endTime=local_input(at(day(40), 11))),
         409, "roomId"),
    ]
    for data, status, field in cases:
        r = form_post(s, f"/admin/events/{event}/sessions", csrf=csrf, **data)
        assert r.status_code == status, (data, r.status_code)
        assert field in field_errors(r.text), (data, field_errors(r.text))
    assert sql("SELECT COUNT(*) FROM timeslots WHERE event_id = ?", event) == [["0"]]


def test_event_page_flash_counts_are_checked_and_shown():
    s, _, _ = browser_user(role="admin")
    event = make_event()
    page = s.get(url(f"/admin/events/{event}?cancelled=3")).text
    assert "The session is cancelled; 3 bookings were cancelled with a full refund" in page
    r = s.get(url(f"/admin/events/{event}?published=lots"))
    assert r.status_code == 400 and "published: expected a whole number" in r.text
