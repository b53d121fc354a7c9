"""test_admin_pages.py: the admin HTML pages: who may see them, the preview
before generating, the booking actions and the CSV export."""
import csv
import datetime as dt
import io
import re

from conftest import (at, browser_user, day, make_booking, make_room, make_slot,
                      make_user, sql, unique, url, utc_now)

ADMIN_GETS = ["/admin", "/admin/audit", "/admin/rooms", "/admin/rooms/new", "/admin/rooms/1",
              "/admin/rooms/1/generate", "/admin/timeslots/new", "/admin/timeslots/1",
              "/admin/events", "/admin/events/new", "/admin/events/1", "/admin/bookings",
              "/admin/bookings.csv", "/admin/bookings/1", "/admin/users"]
ADMIN_POSTS = ["/admin/rooms", "/admin/rooms/1", "/admin/rooms/1/active", "/admin/rooms/1/generate",
               "/admin/timeslots", "/admin/timeslots/1", "/admin/timeslots/1/cancel",
               "/admin/events", "/admin/events/1", "/admin/events/1/sessions",
               "/admin/events/1/publish"] + \
    [f"/admin/bookings/1/{a}" for a in ("confirm", "cancel", "complete", "no-show",
                                         "check-in", "check-out")] + ["/admin/users/1/role"]


def test_customers_get_403_and_visitors_the_login_on_every_admin_page():
    s, _, csrf = browser_user()
    for path in ADMIN_GETS:
        assert s.get(url(path), allow_redirects=False).status_code == 403, path
    for path in ADMIN_POSTS:
        r = s.post(url(path), data={"csrf": csrf, "isActive": "0", "status": "canceled"},
                   allow_redirects=False)
        assert r.status_code == 403, path
    anon = browser_user()[0]
    anon.cookies.clear()
    for path in ADMIN_GETS:
        r = anon.get(url(path), allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/login?next="), path


def test_admin_pages_answer_for_an_admin():
    s, _, _ = browser_user(role="admin")
    room = make_room()
    slot = make_slot(room, at(day(5), 9))
    for path in ["/admin", "/admin/audit", "/admin/rooms", "/admin/rooms/new",
                 f"/admin/rooms/{room}", f"/admin/rooms/{room}/generate",
                 f"/admin/timeslots/new?roomId={room}", f"/admin/timeslots/{slot}",
                 "/admin/events", "/admin/events/new", "/admin/bookings", "/admin/users"]:
        r = s.get(url(path), allow_redirects=False)
        assert r.status_code == 200, path
        assert 'name="csrf"' in r.text or path in ("/admin", "/admin/audit", "/admin/rooms",
                                                   "/admin/events", "/admin/bookings"), path


def test_generation_page_previews_then_creates_once():
    s, _, csrf = browser_user(role="admin")
    room = make_room(rate="20.00")
    d = day(21)
    form = {"csrf": csrf, "from": str(d), "to": str(d), "dayStart": "09:00", "dayEnd": "11:00",
            "length": "60", "weekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}
    r = s.post(url(f"/admin/rooms/{room}/generate"), data=dict(form, preview="1"),
               allow_redirects=False)
    assert r.status_code == 200
    assert re.search(r"<strong>2</strong> timeslots would be created; <strong>0</strong> already exist", r.text)
    assert sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ?", room) == [["0"]]
    r = s.post(url(f"/admin/rooms/{room}/generate"), data=dict(form, create="1"),
               allow_redirects=False)
    assert r.status_code == 303 and "generated=2" in r.headers["Location"]
    r = s.post(url(f"/admin/rooms/{room}/generate"), data=dict(form, create="1"),
               allow_redirects=False)
    assert "generated=0" in r.headers["Location"] and "skipped=2" in r.headers["Location"]
    bad = s.post(url(f"/admin/rooms/{room}/generate"), data=dict(form, to="2020-01-01", preview="1"))
    assert bad.status_code == 400 and 'value="09:00"' in bad.text


def test_booking_actions_from_the_admin_booking_page():
    s, admin_id, csrf = browser_user(role="admin")
    room = make_room()
    # started ten minutes ago: attendance can be recorded
    slot = make_slot(room, utc_now() - dt.timedelta(minutes=10), price="25.00")
    user = make_user()
    make_booking(user, slot, status="pending")
    bid = int(sql("SELECT id FROM bookings WHERE timeslot_id = ?", slot)[0][0])
    page = s.get(url(f"/admin/bookings/{bid}")).text
    assert f'action="/admin/bookings/{bid}/confirm"' in page
    assert f'action="/admin/bookings/{bid}/complete"' not in page   # only what the state allows
    r = s.post(url(f"/admin/bookings/{bid}/confirm"), data={"csrf": csrf, "paymentId": "pi_9"},
               allow_redirects=False)
    assert r.status_code == 303
    assert sql("SELECT status, payment_status, payment_id FROM bookings WHERE id = ?", bid) == \
        [["confirmed", "paid", "pi_9"]]
    r = s.post(url(f"/admin/bookings/{bid}/confirm"), data={"csrf": csrf, "paymentId": "again"},
               allow_redirects=False)
    assert r.status_code == 409
    for action in ("check-in", "check-out", "complete"):
        r = s.post(url(f"/admin/bookings/{bid}/{action}"), data={"csrf": csrf}, allow_redirects=False)
        assert r.status_code == 303, action
    assert sql("SELECT status, checked_in_at IS NOT NULL, checked_out_at IS NOT NULL"
               " FROM bookings WHERE id = ?", bid) == [["completed", "1", "1"]]
    actors = {a for (a,) in sql("SELECT actor_id FROM booking_events WHERE booking_id = ?"
                               " AND type <> 'created'", bid)}
    assert actors == {str(admin_id)}


def test_csv_export_parses_and_matches_the_filter():
    s, _, _ = browser_user(role="admin")
    room = make_room(name=unique("Export Room"))
    other = make_room()
    names = ['=HYPERLINK("http://evil.example")', 'Comma, "Quote" Person', "Plain"]
    for i, name in enumerate(names):
        slot = make_slot(room, at(day(30), 9 + i), price="0.00")
        make_booking(make_user(name=name), slot, status="confirmed" if i else "cancelled")
    make_booking(make_user(), make_slot(other, at(day(30), 9)))
    r = s.get(url(f"/admin/bookings.csv?roomId={room}"))
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    header, body = rows[0], rows[1:]
    assert len(body) == 3
    col = {h: i for i, h in enumerate(header)}
    name_col = next(i for h, i in col.items() if "name" in h.lower() and "room" not in h.lower())
    got = sorted(row[name_col] for row in body)
    assert got == sorted(["'" + names[0], names[1], names[2]])
    r = s.get(url(f"/admin/bookings.csv?roomId={room}&status=cancelled"))
    body = list(csv.reader(io.StringIO(r.text)))[1:]
    assert len(body) == 1 and body[0][name_col] == "'" + names[0]
    assert s.get(url("/admin/bookings.csv?status=lost")).status_code == 400
