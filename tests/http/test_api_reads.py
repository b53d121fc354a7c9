"""test_api_reads.py: the API reads what the pages show: events with their
sessions, a timeslot, notifications, and the admins' rooms, timeslots,
events and users; every list is {items, page, limit, total}; timeslot
generation takes the seed's field names too."""
import datetime as dt

import requests

from conftest import (CA, add_booking, api_user, at, day, make_event, make_room, make_slot,
                      make_user, sql, unique, url)


def api(method, path, headers=None, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers or {}, verify=CA,
                            allow_redirects=False, **kw)


def admin():
    return api_user(name="Admin", role="admin")[2]


def is_page(body, page=1, limit=None):
    assert set(body) == {"items", "page", "limit", "total"}, body.keys()
    assert body["page"] == page
    if limit is not None:
        assert body["limit"] == limit
    assert body["total"] >= len(body["items"])
    return body["items"]


def test_events_list_pages_and_an_event_shows_its_sessions_with_seats_left():
    ev = make_event(title=unique("Aaa Event"))
    room = make_room()
    s1 = make_slot(room, at(day(3), 9), event_id=ev, capacity=3)
    s2 = make_slot(room, at(day(4), 9), event_id=ev, status="draft")
    add_booking(make_user(), s1)
    body = api("GET", "/events?limit=100").json()
    items = is_page(body, limit=100)
    mine = [e for e in items if e["id"] == ev]
    assert mine and mine[0]["upcomingSessions"] == 1 and mine[0]["nextStart"].endswith("Z")
    total = body["total"]
    page2 = api("GET", "/events?limit=1&page=2").json()
    assert len(is_page(page2, page=2, limit=1)) == 1 and page2["total"] == total
    r = api("GET", f"/events/{ev}")
    assert r.status_code == 200
    e = r.json()
    assert e["id"] == ev and [s["id"] for s in e["sessions"]] == [s1]
    assert e["sessions"][0]["seatsLeft"] == 2
    assert api("GET", "/events/999999").status_code == 404
    # admins see the drafts
    h = admin()
    assert [s["id"] for s in api("GET", f"/admin/events/{ev}", h).json()["sessions"]] == [s1, s2]
    assert is_page(api("GET", "/admin/events", h).json(), limit=50)
    assert api("GET", "/events?limit=101").status_code == 400


def test_a_timeslot_reads_like_the_room_lists_and_drafts_are_admins_only():
    room = make_room()
    slot = make_slot(room, at(day(2), 10), capacity=2)
    draft = make_slot(room, at(day(2), 12), status="draft")
    r = api("GET", f"/timeslots/{slot}")
    assert r.status_code == 200
    listed = [s for s in api("GET", f"/rooms/{room}/timeslots?date={day(2)}").json()["timeslots"]
              if s["id"] == slot]
    assert r.json() == listed[0]
    assert api("GET", f"/timeslots/{draft}").status_code == 404
    assert api("GET", f"/admin/timeslots/{draft}", admin()).json()["status"] == "draft"


def test_notifications_list_newest_first_and_mark_read():
    uid, _, h = api_user()
    for i in range(3):
        sql("INSERT INTO notifications (user_id, message, link) VALUES (?, ?, ?)", uid,
            f"note {i}", "/me" if i else None)
    body = api("GET", "/notifications?limit=2", h).json()
    items = is_page(body, limit=2)
    assert body["total"] == 3 and [n["message"] for n in items] == ["note 2", "note 1"]
    assert items[0]["unread"] and items[0]["link"] == "/me"
    r = api("POST", "/notifications/read", h)
    assert r.status_code == 200 and r.json() == {"unread": 0}
    assert not any(n["unread"] for n in api("GET", "/notifications", h).json()["items"])
    assert api("GET", "/notifications").status_code == 401


def test_admin_lists_rooms_with_inactive_ones_and_timeslots_with_filters():
    h = admin()
    off = make_room(name=unique("Zz Off"), active=0)
    body = api("GET", "/admin/rooms?limit=200", h).json()
    assert off in [x["id"] for x in is_page(body, limit=200)]
    assert off not in [x["id"] for x in api("GET", "/rooms?limit=100").json()["items"]]
    room = make_room()
    a = make_slot(room, at(day(5), 9), status="draft")
    b = make_slot(room, at(day(6), 9))
    c = make_slot(room, at(day(7), 9), status="canceled")
    got = is_page(api("GET", f"/admin/timeslots?roomId={room}", h).json(), limit=50)
    assert [s["id"] for s in got] == [a, b, c]
    got = api("GET", f"/admin/timeslots?roomId={room}&status=draft", h).json()["items"]
    assert [s["id"] for s in got] == [a]
    got = api("GET", f"/admin/timeslots?roomId={room}&from={day(6)}&to={day(6)}", h).json()
    assert [s["id"] for s in got["items"]] == [b] and got["total"] == 1
    got = api("GET", f"/admin/timeslots?roomId={room}&limit=1&page=3", h).json()
    assert [s["id"] for s in got["items"]] == [c] and got["total"] == 3
    assert api("GET", "/admin/timeslots?status=nope", h).status_code == 400
    _, _, cust = api_user()
    for path in ("/admin/rooms", "/admin/timeslots", "/admin/events", "/admin/users"):
        assert api("GET", path, cust).status_code == 403, path


def test_admin_cancels_a_timeslot_through_the_api():
    h = admin()
    slot = make_slot(make_room(), at(day(3), 9), capacity=3)
    bid = add_booking(make_user(), slot)
    r = api("POST", f"/admin/timeslots/{slot}/cancel", h)
    assert r.status_code == 200, r.text
    assert r.json()["timeslot"]["status"] == "canceled" and r.json()["cancelledBookings"] == 1
    assert sql("SELECT status FROM bookings WHERE id = ?", bid) == [["cancelled"]]
    again = api("POST", f"/admin/timeslots/{slot}/cancel", h)
    assert again.status_code == 409 and again.json()["error"]["code"] == "invalid_field"
    assert api("POST", "/admin/timeslots/999999/cancel", h).status_code == 404


def test_admin_lists_users_and_changes_a_role():
    h = admin()
    tag = unique("who").split()[1]
    uid = make_user(email=f"{tag}@example.com", name="Role Person")
    body = api("GET", f"/admin/users?q={tag}", h).json()
    assert [u["id"] for u in is_page(body, limit=50)] == [uid]
    assert body["items"][0]["role"] == "customer" and body["items"][0]["email"] == f"{tag}@example.com"
    r = api("POST", f"/admin/users/{uid}/role", h, json={"role": "admin"})
    assert r.status_code == 200 and r.json()["role"] == "admin"
    assert sql("SELECT role FROM users WHERE id = ?", uid) == [["admin"]]
    r = api("POST", f"/admin/users/{uid}/role", h, json={"role": "king"})
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("role")
    assert api("POST", f"/admin/users/{uid}/role", h, json={}).status_code == 400
    assert api("POST", "/admin/users/999999/role", h, json={"role": "admin"}).status_code == 404


def test_generation_takes_the_seed_names_as_aliases():
    h = admin()
    room = make_room()
    mon = day(21) - dt.timedelta(days=day(21).weekday())
    body = {"roomId": room, "startDate": str(mon), "endDate": str(mon + dt.timedelta(days=1)),
            "slotDurationMinutes": 30, "workingHours": {"start": "09:00", "end": "10:00"}}
    r = api("POST", "/admin/timeslots/generate", h, json=dict(body, dryRun="true"))
    assert r.status_code == 200, r.text
    assert r.json() == {"created": 4, "skipped": 0, "dryRun": True}
    r = api("POST", "/admin/timeslots/generate", h, json=body)
    assert r.json()["created"] == 4
    starts = [x[0] for x in sql("SELECT TIME(start_time) FROM timeslots WHERE room_id = ?"
                                " ORDER BY start_time", room)]
    assert starts == ["09:00:00", "09:30:00", "09:00:00", "09:30:00"]
    # ours win when both are sent
    r = api("POST", "/admin/timeslots/generate", h,
            json=dict(body, length=60, dryRun="true", startDate=str(mon + dt.timedelta(days=7)),
                      endDate=str(mon + dt.timedelta(days=7))))
    assert r.json()["created"] == 1
    r = api("POST", "/admin/timeslots/generate", h, json=dict(body, workingHours={"start": 9}))
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("workingHours")
    r = api("POST", "/admin/timeslots/generate", h, json=dict(body, workingHours="9-5"))
    assert r.status_code == 400
