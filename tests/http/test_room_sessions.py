"""test_room_sessions.py: a room holds one session at a time (409 overlaps, in
the page, the API and generation, also for two admins at once), a room's own
timeslots book the whole room, and a hold that ran out reads as released
before any job runs."""
import concurrent.futures
import datetime as dt
import os
import subprocess

import requests

from conftest import (CA, add_booking, api_user, at, browser_user, day, field_errors,
                      form_post, local_input, make_event, make_room, make_slot, sql, url)

CTL = os.environ.get("BOOKING_CTL", "")
ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def api(method, path, headers, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def admin():
    return api_user(name="Admin", role="admin")[2]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_slot(h, room, start, minutes=60, **extra):
    return api("POST", "/admin/timeslots", h, json=dict({
        "roomId": room, "startTime": iso(start),
        "endTime": iso(start + dt.timedelta(minutes=minutes))}, **extra))


def overlaps(r, other):
    """The refusal names the session overlapped."""
    assert r.status_code == 409, (r.status_code, r.text)
    err = r.json()["error"]
    assert err["code"] == "overlaps", err
    assert f"timeslot {other}," in err["message"], err
    return err


def live_slots(room):
    return int(sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ? AND status <> 'canceled'",
                   room)[0][0])


def test_a_custom_slot_over_existing_ones_is_refused_naming_the_first():
    h = admin()
    room = make_room()
    noon = at(day(6), 12)
    first = make_slot(room, noon, minutes=30)
    make_slot(room, noon + dt.timedelta(minutes=30), minutes=30)
    err = overlaps(new_slot(h, room, noon + dt.timedelta(minutes=15)), first)
    assert "startTime" in err["fields"]
    assert live_slots(room) == 2
    # touching is not overlapping
    r = new_slot(h, room, noon + dt.timedelta(minutes=60))
    assert r.status_code == 201, r.text
    r = new_slot(h, room, noon - dt.timedelta(minutes=60))
    assert r.status_code == 201, r.text


def test_a_cancelled_slot_gives_its_time_back_and_an_event_session_counts_too():
    h = admin()
    room = make_room()
    ten = at(day(7), 10)
    cancelled = make_slot(room, ten, status="canceled")
    r = new_slot(h, room, ten + dt.timedelta(minutes=10))
    assert r.status_code == 201, r.text
    session = make_slot(room, at(day(7), 14), status="draft", event_id=make_event())
    overlaps(new_slot(h, room, at(day(7), 14, 30)), session)
    assert cancelled != session


def test_moving_a_slot_onto_another_is_refused_and_changes_nothing():
    h = admin()
    room = make_room()
    a = make_slot(room, at(day(8), 9))
    b = make_slot(room, at(day(8), 11))
    r = api("PATCH", f"/admin/timeslots/{b}", h, json={"startTime": iso(at(day(8), 9, 30))})
    overlaps(r, a)
    assert sql("SELECT start_time FROM timeslots WHERE id = ?", b) == \
        [[at(day(8), 11).strftime("%Y-%m-%d %H:%M:%S")]]
    # its own time is no overlap: a longer end into free time is fine
    r = api("PATCH", f"/admin/timeslots/{b}", h, json={"endTime": iso(at(day(8), 12, 30))})
    assert r.status_code == 200, r.text


def test_the_timeslot_form_says_which_session_is_in_the_way():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    other = make_slot(room, at(day(9), 12))
    r = form_post(s, "/admin/timeslots", csrf=csrf, roomId=str(room),
                  startTime=local_input(at(day(9), 12, 15)), endTime=local_input(at(day(9), 13, 15)))
    assert r.status_code == 409
    msg = field_errors(r.text)["startTime"]
    assert f"This overlaps timeslot {other}," in msg and "12:00–13:00" in msg
    assert live_slots(room) == 1


def test_generation_refuses_a_run_over_a_custom_slot_and_creates_nothing():
    h = admin()
    room = make_room(rate="20.00")
    d = day(12)
    custom = make_slot(room, at(d, 10, 15), minutes=30)
    body = {"roomId": room, "from": str(d), "to": str(d), "dayStart": "09:00",
            "dayEnd": "12:00", "length": 60, "weekdays": ALL_DAYS}
    for dry in ("true", "false"):
        r = api("POST", f"/admin/timeslots/generate?dryRun={dry}", h, json=body)
        err = overlaps(r, custom)
        assert "from" in err["fields"]
    assert live_slots(room) == 1
    done = subprocess.run([CTL, "generate-slots", "--room", str(room), "--from", str(d),
                           "--to", str(d), "--length", "60", "--weekdays", ",".join(ALL_DAYS)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and f"timeslot {custom}," in done.stderr, done.stderr
    # the same starts again are the same slots, skipped, not overlaps
    sql("UPDATE timeslots SET status = 'canceled' WHERE id = ?", custom)
    r = api("POST", "/admin/timeslots/generate", h, json=body)
    assert r.json() == {"created": 3, "skipped": 0, "dryRun": False}, r.text
    r = api("POST", "/admin/timeslots/generate", h, json=body)
    assert r.json() == {"created": 0, "skipped": 3, "dryRun": False}, r.text
    r = api("POST", "/admin/timeslots/generate", h, json=dict(body, length=30))
    err = overlaps(r, sql("SELECT id FROM timeslots WHERE room_id = ? AND start_time = ?",
                          room, at(d, 9).strftime("%Y-%m-%d %H:%M:%S"))[0][0])


def test_generation_on_the_page_shows_the_overlap_next_to_the_dates():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    d = day(13)
    custom = make_slot(room, at(d, 9, 45), minutes=30)
    r = form_post(s, f"/admin/rooms/{room}/generate", csrf=csrf, **{
        "from": str(d), "to": str(d), "dayStart": "09:00", "dayEnd": "11:00", "length": "30",
        "weekdays": ALL_DAYS, "preview": "1"})
    assert r.status_code == 409
    assert f"This overlaps timeslot {custom}," in field_errors(r.text)["from"]


def test_two_admins_adding_overlapping_slots_at_once_get_exactly_one():
    """Each request is refused or creates, under the room's lock: of eight
    overlapping hours sent at once by two admins, one is created."""
    heads = [admin(), admin()]
    for round_ in range(3):
        room = make_room()
        base = at(day(20 + round_), 9)
        starts = [base + dt.timedelta(minutes=5 * i) for i in range(8)]
        with concurrent.futures.ThreadPoolExecutor(len(starts)) as pool:
            got = list(pool.map(lambda i: new_slot(heads[i % 2], room, starts[i]),
                                range(len(starts))))
        codes = sorted(r.status_code for r in got)
        assert codes == [201] + [409] * 7, [(r.status_code, r.text) for r in got]
        made = next(r.json()["id"] for r in got if r.status_code == 201)
        for r in got:
            if r.status_code == 409:
                overlaps(r, made)
        assert live_slots(room) == 1


def test_a_generation_and_a_custom_slot_at_once_never_overlap():
    h1, h2 = admin(), admin()
    room = make_room()
    d = day(25)
    body = {"roomId": room, "from": str(d), "to": str(d), "dayStart": "08:00",
            "dayEnd": "18:00", "length": 60, "weekdays": ALL_DAYS}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        gen = pool.submit(api, "POST", "/admin/timeslots/generate", h1, json=body)
        one = pool.submit(new_slot, h2, room, at(d, 12, 30))
        gen, one = gen.result(), one.result()
    assert sorted([gen.status_code, one.status_code]) in ([200, 409], [201, 409]), \
        (gen.text, one.text)
    rows = sql("SELECT start_time, end_time FROM timeslots WHERE room_id = ?"
               " AND status <> 'canceled' ORDER BY start_time", room)
    for (_, end), (start, _) in zip(rows, rows[1:]):
        assert end <= start, rows


def test_a_rooms_own_timeslots_book_the_whole_room_at_the_hourly_rate():
    h = admin()
    room = make_room(rate="80.00", capacity=12)
    d = day(15)
    r = api("POST", "/admin/timeslots/generate", h, json={
        "roomId": room, "from": str(d), "to": str(d), "dayStart": "09:00", "dayEnd": "11:00",
        "length": 90, "weekdays": ALL_DAYS})
    assert r.status_code == 200 and r.json()["created"] == 1, r.text
    assert sql("SELECT price, max_bookings FROM timeslots WHERE room_id = ?", room) == \
        [["120.00", "1"]]
    # an event's session is sold per seat, up to the room's capacity
    r = new_slot(h, room, at(d, 14), eventId=make_event(), price="15.00")
    assert r.status_code == 201 and r.json()["maxBookings"] == 12, r.text
    slot = sql("SELECT id FROM timeslots WHERE room_id = ? AND event_id IS NULL", room)[0][0]
    _, _, c1 = api_user()
    _, _, c2 = api_user()
    sql("UPDATE timeslots SET status = 'scheduled' WHERE room_id = ?", room)
    assert api("POST", "/bookings", c1, json={"timeslotId": int(slot)}).status_code == 201
    r = api("POST", "/bookings", c2, json={"timeslotId": int(slot)})
    assert r.status_code == 409 and r.json()["error"]["code"] == "slot_full"


def test_a_lapsed_hold_reads_as_released_everywhere_before_the_job_runs():
    s, uid, _ = browser_user()
    email = sql("SELECT email FROM users WHERE id = ?", uid)[0][0]
    h = admin()
    room = make_room()
    slot = make_slot(room, at(day(10), 15), price="12.00")
    lapsed = add_booking(uid, slot, status="pending", hold_minutes=-1)
    running = add_booking(uid, make_slot(room, at(day(10), 17), price="12.00"),
                          status="pending", hold_minutes=10)
    assert sql("SELECT status FROM bookings WHERE id = ?", lapsed) == [["pending"]]
    page = s.get(url(f"/bookings/{lapsed}")).text
    assert "Hold ran out" in page or "released" in page
    assert f'href="/bookings/{lapsed}"' not in s.get(url("/me")).text
    assert f'href="/bookings/{running}"' in s.get(url("/me")).text
    assert f'href="/bookings/{lapsed}"' in s.get(url("/me?tab=cancelled")).text
    def listed(status):
        r = api("GET", f"/admin/bookings?status={status}&email={email}", h)
        assert r.status_code == 200, r.text
        return dict((b["id"], b) for b in r.json()["items"])
    assert list(listed("pending")) == [running]
    assert list(listed("cancelled")) == [lapsed]
    assert listed("cancelled")[lapsed]["cancelledAt"] is not None
    # the row itself is still the job's (or the next booking's) to cancel, with its event
    assert sql("SELECT status FROM bookings WHERE id = ?", lapsed) == [["pending"]]
