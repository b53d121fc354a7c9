"""test_calendar.py: a room's week and month pages, the admins' week grid
and GET /api/v1/calendar: attendee counts that match the bookings, the
attendees only for admins, and the 62-day limit."""
import datetime as dt
import re

import requests

from conftest import (CA, add_booking, api_user, at, browser_user, day, make_event,
                      make_room, make_slot, make_user, sql, url)


def calendar(headers=None, **params):
    return requests.get(url("/api/v1/calendar"), params=params, headers=headers or {},
                        verify=CA, allow_redirects=False)


def monday_of(d):
    return d - dt.timedelta(days=d.weekday())


def fixture():
    """A room with three sessions next week: one with bookings in every
    state, one empty, one cancelled; returns (room, slots, user ids)."""
    room = make_room(capacity=8)
    mon = monday_of(day(7))
    busy = make_slot(room, at(mon, 9), capacity=5, price="0.00")
    empty = make_slot(room, at(mon + dt.timedelta(days=2), 14), capacity=3)
    gone = make_slot(room, at(mon + dt.timedelta(days=4), 10), status="canceled")
    users = [make_user(name=f"Guest {i}") for i in range(6)]
    add_booking(users[0], busy, "confirmed")
    add_booking(users[1], busy, "confirmed")
    add_booking(users[2], busy, "pending", hold_minutes=10)
    add_booking(users[3], busy, "pending", hold_minutes=-5)   # the hold ran out
    add_booking(users[4], busy, "cancelled")
    add_booking(users[5], busy, "no_show")
    sql("UPDATE bookings SET checked_in_at = UTC_TIMESTAMP() WHERE user_id = ?", users[0])
    return room, mon, (busy, empty, gone), users


def test_calendar_counts_match_the_bookings_and_only_admins_see_attendees():
    room, mon, (busy, empty, gone), users = fixture()
    params = {"from": str(mon), "to": str(mon + dt.timedelta(days=6)), "roomId": room}
    r = calendar(**params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["from"] == params["from"] and body["to"] == params["to"]
    items = {i["id"]: i for i in body["items"]}
    assert list(items) == [busy, empty, gone]          # in time order
    expected = int(sql("SELECT COUNT(*) FROM bookings WHERE timeslot_id = ? AND (status IN"
                       " ('confirmed','completed','no_show') OR (status = 'pending' AND"
                       " hold_expires_at > UTC_TIMESTAMP()))", busy)[0][0])
    assert expected == 4
    assert items[busy]["attendeeCount"] == expected
    assert items[busy]["bookedCount"] == 3             # the no-show holds no seat
    assert items[empty]["attendeeCount"] == 0
    assert items[gone]["status"] == "canceled"
    assert all("attendees" not in i for i in body["items"])

    _, _, h = api_user(role="admin")
    admin = {i["id"]: i for i in calendar(h, **params).json()["items"]}
    people = admin[busy]["attendees"]
    assert len(people) == admin[busy]["attendeeCount"] == expected
    assert [p["userId"] for p in people] == [users[0], users[1], users[2], users[5]]
    assert people[0] == {"bookingId": people[0]["bookingId"], "userId": users[0],
                         "name": "Guest 0", "status": "confirmed", "checkedIn": True,
                         "checkedInAt": people[0]["checkedInAt"]}
    assert people[0]["checkedInAt"].endswith("Z")
    assert [p["status"] for p in people] == ["confirmed", "confirmed", "pending", "no_show"]
    assert not people[1]["checkedIn"] and people[1]["checkedInAt"] is None
    assert admin[empty]["attendees"] == []


def test_calendar_filters_by_room_event_and_days():
    room, mon, (busy, empty, gone), _ = fixture()
    other = make_room()
    ev = make_event()
    talk = make_slot(other, at(mon + dt.timedelta(days=2), 9), event_id=ev)
    make_slot(room, at(mon, 11), status="draft")            # drafts are not shown
    week = {"from": str(mon), "to": str(mon + dt.timedelta(days=6))}
    ids = [i["id"] for i in calendar(roomId=room, **week).json()["items"]]
    assert ids == [busy, empty, gone]
    assert [i["id"] for i in calendar(eventId=ev, **week).json()["items"]] == [talk]
    assert calendar(eventId=ev, roomId=room, **week).json()["items"] == []
    # to is the last day shown, whole
    one = calendar(roomId=room, **{"from": str(mon), "to": str(mon)}).json()["items"]
    assert [i["id"] for i in one] == [busy]
    # seven days from from when to is left out
    dflt = calendar(roomId=room, **{"from": str(mon + dt.timedelta(days=3))}).json()
    assert dflt["to"] == str(mon + dt.timedelta(days=9))
    assert [i["id"] for i in dflt["items"]] == [gone]


def test_calendar_refuses_more_than_62_days_naming_the_field():
    start = day(1)
    ok = calendar(**{"from": str(start), "to": str(start + dt.timedelta(days=61))})
    assert ok.status_code == 200, ok.text
    r = calendar(**{"from": str(start), "to": str(start + dt.timedelta(days=62))})
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "invalid_field" and err["message"].startswith("to:")
    assert "62 days" in err["message"]
    r = calendar(**{"from": str(start), "to": str(start - dt.timedelta(days=1))})
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("to:")
    r = calendar(**{"from": "2026-02-30"})
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("from:")
    r = calendar(roomId="x")
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("roomId")


def slot_ids(html):
    return [int(x) for x in re.findall(r'data-slot="(\d+)"', html)]


def test_room_week_page_shows_the_week_of_the_date_monday_first():
    room, mon, (busy, empty, gone), _ = fixture()
    make_slot(room, at(mon + dt.timedelta(days=7), 9))      # the week after
    r = requests.get(url(f"/rooms/{room}/week"), params={"date": str(mon + dt.timedelta(days=3))},
                     verify=CA)
    assert r.status_code == 200
    page = r.text
    assert slot_ids(page) == [busy, empty, gone]
    dates = re.findall(r'<td headers="h-([0-9-]+)"', page)
    assert dates == [str(mon + dt.timedelta(days=i)) for i in range(7)]
    assert f'href="/rooms/{room}/week?date={mon - dt.timedelta(days=7)}"' in page
    assert f'href="/rooms/{room}/week?date={mon + dt.timedelta(days=7)}"' in page
    assert f'href="/timeslots/{busy}"' in page
    assert 'class="slot unavailable"' in page                # the cancelled one
    assert "Cancelled" in page
    assert requests.get(url("/rooms/999999/week"), verify=CA).status_code == 404
    assert requests.get(url(f"/rooms/{room}/week?date=nope"), verify=CA).status_code == 400


def test_room_month_page_covers_whole_weeks_of_the_month():
    room = make_room()
    first = day(40).replace(day=1)
    inside = make_slot(room, at(first + dt.timedelta(days=10), 9))
    before = make_slot(room, at(first - dt.timedelta(days=1), 9))
    r = requests.get(url(f"/rooms/{room}/month"), params={"date": str(first + dt.timedelta(days=5))},
                     verify=CA)
    assert r.status_code == 200
    page = r.text
    dates = re.findall(r'<td data-date="([0-9-]+)"', page)
    assert len(dates) % 7 == 0 and dates[0] == str(monday_of(first))
    assert str(first) in dates
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    assert dt.date.fromisoformat(dates[-1]) >= nxt - dt.timedelta(days=1)
    assert dt.date.fromisoformat(dates[-1]).weekday() == 6
    assert f'href="/rooms/{room}/month?date={nxt}"' in page
    prev = (first - dt.timedelta(days=1)).replace(day=1)
    assert f'href="/rooms/{room}/month?date={prev}"' in page
    # the day before the first is in the grid (when the month does not start on
    # a Monday), marked as another month's
    assert inside in slot_ids(page)
    if first.weekday() != 0:
        assert before in slot_ids(page)
        cell = re.search(r'<td data-date="%s"[^>]*class="([^"]*)"' % (first - dt.timedelta(days=1)),
                         page)
        assert "other-month" in cell.group(1)


def test_admin_week_grid_shows_seats_booked_per_session_by_room():
    room, mon, (busy, empty, gone), _ = fixture()
    s, _, _ = browser_user(role="admin")
    r = s.get(url("/admin/calendar"), params={"date": str(mon)}, allow_redirects=False)
    assert r.status_code == 200
    page = r.text
    row = re.search(r'<tr data-room="%d">(.*?)</tr>' % room, page, re.S).group(1)
    assert slot_ids(row) == [busy, empty, gone]
    seats = re.findall(r'data-slot="(\d+)".*?data-booked="(\d+)">(\d+)/(\d+)', row, re.S)
    assert [(int(a), int(b), int(d)) for a, b, _, d in seats] == [(busy, 3, 5), (empty, 0, 3),
                                                                 (gone, 0, 4)]
    assert 'src="/static/calendar.js"' in page
    cust, _, _ = browser_user()
    assert cust.get(url("/admin/calendar"), allow_redirects=False).status_code == 403


def test_the_keyboard_script_is_served():
    r = requests.get(url("/static/calendar.js"), verify=CA)
    assert r.status_code == 200 and "ArrowRight" in r.text
