"""test_admin_room_pages.py: the admin room and timeslot pages: their forms,
what they refuse (naming the field), activation, cancelling, and 404s."""
import re

from conftest import (add_booking, at, browser_user, day, field_errors, form_post, local_input,
                      make_event, make_room, make_slot, make_user, sql, unique, url)

MISSING = 4294967295


def room_row(room):
    return sql("SELECT name, room_type, capacity, hourly_rate, is_active FROM rooms"
               " WHERE id = ?", room)[0]


def test_new_room_form_refuses_every_bad_field_and_keeps_the_input():
    s, _, csrf = browser_user(role="admin")
    name = unique("Refused room")
    r = form_post(s, "/admin/rooms", csrf=csrf, name="", roomType="castle", capacity="0",
                  hourlyRate="1.234", metadata="[1, 2]", description=name)
    assert r.status_code == 400
    errors = field_errors(r.text)
    assert set(errors) == {"name", "roomType", "capacity", "hourlyRate", "metadata"}
    assert "from 1 to 100000" in errors["capacity"]
    assert "must be a JSON object" in errors["metadata"]
    assert 'value="1.234"' in r.text and name in r.text
    assert sql("SELECT COUNT(*) FROM rooms WHERE description = ?", name) == [["0"]]


def test_new_room_form_creates_the_room():
    s, _, csrf = browser_user(role="admin")
    name = unique("Form room")
    r = form_post(s, "/admin/rooms", csrf=csrf, name=name, roomType="office", capacity="4",
                  hourlyRate="12.50", metadata='{"floor": 1}')
    assert r.status_code == 303
    m = re.fullmatch(r"/admin/rooms/(\d+)\?done=created", r.headers["Location"])
    assert m, r.headers["Location"]
    room = int(m.group(1))
    assert room_row(room) == [name, "office", "4", "12.50", "1"]
    page = s.get(url(r.headers["Location"])).text
    assert "The room is created." in page


def test_room_edit_saves_what_was_sent_and_refuses_bad_input():
    s, _, csrf = browser_user(role="admin")
    room = make_room(capacity=6, rate="20.00")
    name = unique("Renamed room")
    r = form_post(s, f"/admin/rooms/{room}", csrf=csrf, name=name, capacity="9")
    assert r.status_code == 303
    assert r.headers["Location"] == f"/admin/rooms/{room}?done=saved"
    assert room_row(room) == [name, "meeting", "9", "20.00", "1"]
    r = form_post(s, f"/admin/rooms/{room}", csrf=csrf, capacity="lots", hourlyRate="-3")
    assert r.status_code == 400
    assert set(field_errors(r.text)) == {"capacity", "hourlyRate"}
    assert room_row(room) == [name, "meeting", "9", "20.00", "1"]


def test_room_activation_switch_goes_back_and_refuses_other_values():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    r = form_post(s, f"/admin/rooms/{room}/active", csrf=csrf, isActive="0")
    assert r.status_code == 303
    assert r.headers["Location"] == f"/admin/rooms/{room}?done=deactivated"
    assert room_row(room)[4] == "0"
    page = s.get(url(r.headers["Location"])).text
    assert "The room is deactivated" in page
    r = form_post(s, f"/admin/rooms/{room}/active", csrf=csrf, isActive="1", back="/admin/rooms#list")
    assert r.headers["Location"] == "/admin/rooms?done=activated#list"
    assert room_row(room)[4] == "1"
    # Only a path on this site is a place to go back to.
    r = form_post(s, f"/admin/rooms/{room}/active", csrf=csrf, isActive="false",
                  back="https://elsewhere.example/")
    assert r.headers["Location"] == f"/admin/rooms/{room}?done=deactivated"
    r = form_post(s, f"/admin/rooms/{room}/active", csrf=csrf, isActive="maybe")
    assert r.status_code == 400 and "isActive must be 0 or 1." in r.text
    r = form_post(s, f"/admin/rooms/{room}/active", csrf=csrf)
    assert r.status_code == 400 and "isActive is required." in r.text
    assert room_row(room)[4] == "0"


def test_unknown_rooms_are_404_on_every_room_page_and_action():
    s, _, csrf = browser_user(role="admin")
    for path in (f"/admin/rooms/{MISSING}", f"/admin/rooms/{MISSING}/generate"):
        r = s.get(url(path))
        assert r.status_code == 404 and f"There is no room {MISSING}." in r.text, path
    for path, data in ((f"/admin/rooms/{MISSING}", {"name": "Ghost"}),
                       (f"/admin/rooms/{MISSING}/active", {"isActive": "1"}),
                       (f"/admin/rooms/{MISSING}/generate", {"preview": "1"})):
        r = form_post(s, path, csrf=csrf, **data)
        assert r.status_code == 404 and f"There is no room {MISSING}." in r.text, path


def test_room_list_and_room_page_check_their_query():
    s, _, _ = browser_user(role="admin")
    room = make_room()
    assert s.get(url("/admin/rooms?page=0")).status_code == 400
    far = s.get(url("/admin/rooms?page=100000"))
    assert far.status_code == 200
    assert 'rel="prev" href="/admin/rooms?page=99999"' in far.text
    r = s.get(url(f"/admin/rooms/{room}?date=2026-02-30"))
    assert r.status_code == 400 and "date: expected a date as YYYY-MM-DD." in r.text
    page = s.get(url(f"/admin/rooms/{room}?generated=3&skipped=1")).text
    assert "3 timeslots created; 1 already existed." in page
    assert s.get(url(f"/admin/rooms/{room}?generated=-1")).status_code == 400


def test_generation_form_refuses_bad_input_and_shows_it_again():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    r = form_post(s, f"/admin/rooms/{room}/generate", csrf=csrf, preview="1", **{
             "from": "soon", "to": str(day(3)), "dayStart": "9am", "length": "0"})
    assert r.status_code == 400
    assert {"from", "dayStart", "length"} <= set(field_errors(r.text))
    assert 'value="9am"' in r.text
    assert sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ?", room) == [["0"]]


def test_new_timeslot_form_refuses_bad_input_then_creates():
    s, _, csrf = browser_user(role="admin")
    room = make_room(rate="20.00", capacity=5)
    r = form_post(s, "/admin/timeslots", csrf=csrf)
    assert r.status_code == 400
    assert {"roomId", "startTime", "endTime"} <= set(field_errors(r.text))
    start = at(day(12), 9)
    r = form_post(s, "/admin/timeslots", csrf=csrf, roomId=str(room), startTime=local_input(start),
                  endTime=local_input(at(day(12), 8)))
    assert r.status_code == 400 and "endTime" in field_errors(r.text)
    r = form_post(s, "/admin/timeslots", csrf=csrf, roomId=str(MISSING), startTime=local_input(start),
                  endTime=local_input(at(day(12), 10)))
    assert r.status_code == 409 and f"There is no room {MISSING}." in field_errors(r.text)["roomId"]
    assert sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ?", room) == [["0"]]

    r = form_post(s, "/admin/timeslots", csrf=csrf, roomId=str(room), startTime=local_input(start),
                  endTime=local_input(at(day(12), 10, 30)))
    assert r.status_code == 303
    m = re.fullmatch(r"/admin/timeslots/(\d+)\?done=created", r.headers["Location"])
    assert m, r.headers["Location"]
    # 90 minutes at the room's 20.00 an hour, for the whole room
    assert sql("SELECT price, max_bookings, status FROM timeslots WHERE id = ?", m.group(1)) == \
        [["30.00", "1", "scheduled"]]
    assert "The timeslot is created." in s.get(url(r.headers["Location"])).text
    r = form_post(s, "/admin/timeslots", csrf=csrf, roomId=str(room), startTime=local_input(start),
                  endTime=local_input(at(day(12), 11)))
    assert r.status_code == 409
    assert f"This overlaps timeslot {m.group(1)}," in field_errors(r.text)["startTime"]


def test_timeslot_edit_follows_the_status_rules_and_protects_booked_seats():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    slot = make_slot(room, at(day(14), 9), capacity=3)
    uid = make_user()
    add_booking(uid, slot, status="confirmed")
    add_booking(make_user(), slot, status="confirmed")
    r = form_post(s, f"/admin/timeslots/{slot}", csrf=csrf, maxBookings="1")
    assert r.status_code == 409
    assert "2 seats are booked" in field_errors(r.text)["maxBookings"]
    r = form_post(s, f"/admin/timeslots/{slot}", csrf=csrf, startTime=local_input(at(day(14), 11)),
                  endTime=local_input(at(day(14), 12)))
    assert r.status_code == 409
    assert "2 bookings hold seats" in field_errors(r.text)["startTime"]
    r = form_post(s, f"/admin/timeslots/{slot}", csrf=csrf, status="bogus")
    assert r.status_code == 400 and "status" in field_errors(r.text)
    r = form_post(s, f"/admin/timeslots/{slot}", csrf=csrf, status="completed", maxBookings="4")
    assert r.status_code == 303
    assert r.headers["Location"] == f"/admin/timeslots/{slot}?done=timeslot"
    assert sql("SELECT status, max_bookings FROM timeslots WHERE id = ?", slot) == \
        [["completed", "4"]]
    r = form_post(s, f"/admin/timeslots/{slot}", csrf=csrf, status="scheduled")
    assert r.status_code == 409
    assert "A completed timeslot cannot become scheduled." in field_errors(r.text)["status"]
    page = s.get(url(f"/admin/timeslots/{slot}")).text
    assert f'action="/admin/timeslots/{slot}/cancel"' not in page    # completed: no cancel


def test_the_timeslot_editor_counts_held_seats_as_the_timeslot_page_does():
    """A hold that ran out holds no seat: the editor lets capacity go down to
    the seats the confirmed booking and the running hold take, as the public
    page counts them."""
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    slot = make_slot(room, at(day(15), 9), capacity=3)
    add_booking(make_user(), slot, status="confirmed")
    add_booking(make_user(), slot, status="pending", hold_minutes=10)
    add_booking(make_user(), slot, status="pending", hold_minutes=-10)
    assert "1 of 3" in s.get(url(f"/timeslots/{slot}")).text
    r = form_post(s, f"/admin/timeslots/{slot}", csrf=csrf, maxBookings="1")
    assert r.status_code == 409
    assert "2 seats are booked" in field_errors(r.text)["maxBookings"]
    r = form_post(s, f"/admin/timeslots/{slot}", csrf=csrf, maxBookings="2")
    assert r.status_code == 303
    assert sql("SELECT max_bookings FROM timeslots WHERE id = ?", slot) == [["2"]]


def test_a_status_button_on_the_event_page_returns_there():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    event = make_event()
    slot = make_slot(room, at(day(16), 9), status="draft", event_id=event)
    r = form_post(s, f"/admin/timeslots/{slot}", csrf=csrf, status="scheduled",
                  back=f"/admin/events/{event}")
    assert r.status_code == 303
    assert r.headers["Location"] == f"/admin/events/{event}?done=timeslot"
    assert sql("SELECT status FROM timeslots WHERE id = ?", slot) == [["scheduled"]]
    assert "The session is changed." in s.get(url(r.headers["Location"])).text


def test_cancelling_a_timeslot_cancels_its_bookings_once():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    slot = make_slot(room, at(day(18), 9), capacity=3)
    ids = [add_booking(make_user(), slot, status="confirmed") for _ in range(2)]
    r = form_post(s, f"/admin/timeslots/{slot}/cancel", csrf=csrf)
    assert r.status_code == 303
    assert r.headers["Location"] == f"/admin/timeslots/{slot}?cancelled=2"
    assert sql("SELECT status FROM timeslots WHERE id = ?", slot) == [["canceled"]]
    for bid in ids:
        assert sql("SELECT status FROM bookings WHERE id = ?", bid) == [["cancelled"]]
    page = s.get(url(r.headers["Location"])).text
    assert "The timeslot is cancelled; 2 bookings were cancelled with a full refund" in page
    r = form_post(s, f"/admin/timeslots/{slot}/cancel", csrf=csrf)
    assert r.status_code == 409
    assert "This timeslot is already cancelled or completed." in r.text
    assert s.get(url(f"/admin/timeslots/{slot}?cancelled=x")).status_code == 400


def test_unknown_timeslots_are_404_on_every_timeslot_page_and_action():
    s, _, csrf = browser_user(role="admin")
    r = s.get(url(f"/admin/timeslots/{MISSING}"))
    assert r.status_code == 404 and f"There is no timeslot {MISSING}." in r.text
    for path in (f"/admin/timeslots/{MISSING}", f"/admin/timeslots/{MISSING}/cancel"):
        r = form_post(s, path, csrf=csrf, status="scheduled")
        assert r.status_code == 404 and f"There is no timeslot {MISSING}." in r.text, path


def test_room_metadata_the_database_would_refuse_is_refused_naming_the_field():
    s, _, csrf = browser_user(role="admin")
    room = make_room(metadata='{"floor": 1}')
    for meta in ('{"a":NaN}', '{"a":1,}', "{'a':1}"):
        name = unique("Meta room")
        r = form_post(s, "/admin/rooms", csrf=csrf, name=name, roomType="office", capacity="4",
                      hourlyRate="12.50", metadata=meta)
        assert r.status_code == 400, (meta, r.text[:300])
        assert set(field_errors(r.text)) == {"metadata"}, meta
        assert sql("SELECT COUNT(*) FROM rooms WHERE name = ?", name) == [["0"]]
        r = form_post(s, f"/admin/rooms/{room}", csrf=csrf, metadata=meta)
        assert r.status_code == 400 and set(field_errors(r.text)) == {"metadata"}, meta
    assert sql("SELECT metadata FROM rooms WHERE id = ?", room) == [['{"floor": 1}']]
