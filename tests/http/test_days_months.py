"""test_days_months.py: a room rented by the whole day or the calendar month (issue 18,
rule 20): one session of the room over its opening hours in that span (09:00-17:00 on
weekdays unless the room set its own), capacity 1, at the daily or monthly rate, booked
with bookingType daily or monthly; rule 15 keeps it apart from every other session of
the room, and two customers asking for one day at once get it once."""
import datetime as dt
import re

import pytest
import requests

from conftest import (CA, api_user, api_users, at, browser_user, day, form_post, make_room,
                      make_slot, make_user, make_booking, sql, url)
from test_races import at_once, codes, post

ROUNDS = 3


def api(method, path, headers, body=None):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA)


def weekday(offset):
    """The first Monday to Friday offset days or more from today."""
    d = day(offset)
    while d.isoweekday() > 5:
        d += dt.timedelta(days=1)
    return d


def saturday(offset):
    d = day(offset)
    while d.isoweekday() != 6:
        d += dt.timedelta(days=1)
    return d


def month_ahead(months=2):
    d = day(0).replace(day=1)
    for _ in range(months):
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return d


def rented_room(daily="90.00", monthly="1500.00", active=1):
    room = make_room(rate="20.00", capacity=1, active=active)
    sql("UPDATE rooms SET daily_rate = ?, monthly_rate = ? WHERE id = ?", daily, monthly, room)
    return room


def book_day(h, room, date):
    return api("POST", "/bookings/day", h, {"roomId": room, "date": str(date)})


def book_month(h, room, month):
    return api("POST", "/bookings/month", h, {"roomId": room, "month": month})


def iso(d, hour):
    return f"{d.isoformat()}T{hour:02d}:00:00Z"


def error(r):
    return r.status_code, r.json()["error"]["code"]


def test_admins_give_a_room_daily_and_monthly_rates_and_take_them_away():
    _, _, admin = api_user(role="admin")
    r = api("POST", "/admin/rooms", admin, {"name": "Desk " + str(day(0)), "roomType": "office",
                                            "capacity": 1, "hourlyRate": "12.00",
                                            "dailyRate": "80.00", "monthlyRate": 1200})
    assert r.status_code == 201, r.text
    room = r.json()
    assert (room["dailyRate"], room["monthlyRate"]) == (80.0, 1200.0)
    r = api("PATCH", f"/admin/rooms/{room['id']}", admin, {"capacity": 2})
    assert (r.json()["dailyRate"], r.json()["monthlyRate"]) == (80.0, 1200.0), "kept"
    r = api("PATCH", f"/admin/rooms/{room['id']}", admin, {"dailyRate": ""})
    assert (r.json()["dailyRate"], r.json()["monthlyRate"]) == (None, 1200.0), "emptied: none"
    r = api("PATCH", f"/admin/rooms/{room['id']}", admin, {"monthlyRate": "lots"})
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("monthlyRate:")
    plain = api("GET", f"/rooms/{make_room()}", {}).json()
    assert (plain["dailyRate"], plain["monthlyRate"]) == (None, None)
    assert sql("SELECT daily_rate, monthly_rate FROM rooms WHERE id = ?", room["id"]) == \
        [["NULL", "1200.00"]]


def test_the_admin_room_form_sets_and_clears_the_rates():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    page = s.get(url(f"/admin/rooms/{room}")).text
    assert 'name="dailyRate" value=""' in page and 'name="monthlyRate" value=""' in page
    fields = dict(name="Rented", roomType="office", capacity="1", hourlyRate="10.00",
                  description="", metadata="")
    r = form_post(s, f"/admin/rooms/{room}", csrf=csrf, dailyRate="75.50", monthlyRate="x",
                  **fields)
    assert r.status_code == 400 and 'id="monthlyRate-error"' in r.text
    r = form_post(s, f"/admin/rooms/{room}", csrf=csrf, dailyRate="75.50", monthlyRate="",
                  **fields)
    assert r.status_code == 303, r.text
    assert sql("SELECT daily_rate, monthly_rate FROM rooms WHERE id = ?", room) == \
        [["75.50", "NULL"]]
    assert 'name="dailyRate" value="75.50"' in s.get(url(f"/admin/rooms/{room}")).text


def test_a_whole_day_is_one_session_over_the_opening_hours_at_the_daily_rate():
    uid, _, h = api_user()
    room, date = rented_room(), weekday(9)
    r = book_day(h, room, date)
    assert r.status_code == 201, r.text
    b = r.json()
    assert (b["userId"], b["roomId"], b["bookingType"], b["price"], b["status"]) == \
        (uid, room, "daily", 90.0, "pending")
    assert (b["startTime"], b["endTime"]) == (iso(date, 9), iso(date, 17)), "09:00-17:00"
    assert sql("SELECT max_bookings, booked, price, event_id FROM timeslots WHERE id = ?",
               b["timeslotId"]) == [["1", "1", "90.00", "NULL"]]
    assert sql("SELECT booking_type FROM bookings WHERE id = ?", b["id"]) == [["daily"]]
    assert api("GET", f"/bookings/{b['id']}", h).json()["bookingType"] == "daily"
    # the room's own hours, where it set them
    other = rented_room()
    assert api("PUT", f"/admin/rooms/{other}/hours", api_user(role="admin")[2],
               {"weekday": date.isoweekday() % 7, "opens": "07:30",
                "closes": "24:00"}).status_code == 200
    b = book_day(h, other, date).json()
    assert (b["startTime"], b["endTime"]) == (f"{date}T07:30:00Z", iso(date + dt.timedelta(days=1), 0))


def test_hourly_bookings_stay_hourly():
    _, _, h = api_user()
    slot = make_slot(make_room(capacity=1), at(day(3), 10), capacity=1)
    r = api("POST", "/bookings", h, {"timeslotId": slot})
    assert r.status_code == 201 and r.json()["bookingType"] == "hourly"


def test_a_day_over_an_hourly_booking_is_refused_naming_the_session():
    room, date = rented_room(), weekday(10)
    slot = make_slot(room, at(date, 11), capacity=1)
    make_booking(make_user(), slot)
    other = make_slot(room, at(date, 15), capacity=1)
    r = book_day(api_user()[2], room, date)
    assert error(r) == (409, "overlaps")
    assert r.json()["error"]["timeslotIds"] == [slot, other]
    assert f"timeslot {slot} (" in r.json()["error"]["message"]
    assert sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ?", room) == [["2"]], \
        "nothing made"
    # a cancelled session is out of the way; one just outside the hours is too
    sql("UPDATE timeslots SET status = 'canceled' WHERE id IN (?, ?)", slot, other)
    make_slot(room, at(date, 17), capacity=1)
    assert book_day(api_user()[2], room, date).status_code == 201


def test_hourly_sessions_inside_a_booked_day_are_refused_and_it_shows_taken():
    _, _, h = api_user()
    _, _, admin = api_user(role="admin")
    room, date = rented_room(), weekday(11)
    b = book_day(h, room, date).json()
    r = api("POST", "/admin/timeslots", admin, {"roomId": room, "startTime": iso(date, 10),
                                               "endTime": iso(date, 11)})
    assert error(r) == (409, "overlaps"), r.text
    # a second customer's day is refused the same way
    r = book_day(api_user()[2], room, date)
    assert error(r) == (409, "slot_full")
    slots = api("GET", f"/rooms/{room}/timeslots?date={date}", {}).json()["timeslots"]
    assert [(t["id"], t["availability"]) for t in slots] == [(b["timeslotId"], "full")]
    page = requests.get(url(f"/rooms/{room}?date={date}"), verify=CA).text
    assert f'data-slot="{b["timeslotId"]}"' in page and 'class="slot full"' in page


def test_a_cancelled_day_can_be_booked_again():
    _, _, h = api_user()
    room, date = rented_room(), weekday(12)
    b = book_day(h, room, date).json()
    assert api("PUT", f"/bookings/{b['id']}/cancel", h).status_code == 200
    again = book_day(api_user()[2], room, date)
    assert again.status_code == 201, again.text
    assert again.json()["timeslotId"] == b["timeslotId"], "the day's own session, booked again"


def test_a_calendar_month_runs_from_its_first_opening_to_its_last_closing():
    uid, _, h = api_user()
    room, first = rented_room(), month_ahead()
    days = [first + dt.timedelta(days=i) for i in range(31)
            if (first + dt.timedelta(days=i)).month == first.month]
    open_days = [d for d in days if d.isoweekday() <= 5]
    r = book_month(h, room, first.strftime("%Y-%m"))
    assert r.status_code == 201, r.text
    b = r.json()
    assert (b["userId"], b["bookingType"], b["price"]) == (uid, "monthly", 1500.0)
    assert (b["startTime"], b["endTime"]) == (iso(open_days[0], 9), iso(open_days[-1], 17))
    # every day of it shows the month as taken, and no hour or day fits in
    middle = open_days[len(open_days) // 2]
    slots = api("GET", f"/rooms/{room}/timeslots?date={middle}", {}).json()["timeslots"]
    assert [(t["id"], t["availability"]) for t in slots] == [(b["timeslotId"], "full")]
    r = book_day(api_user()[2], room, middle)
    assert error(r) == (409, "overlaps") and r.json()["error"]["timeslotIds"] == \
        [b["timeslotId"]]
    r = api("POST", "/admin/timeslots", api_user(role="admin")[2],
            {"roomId": room, "startTime": f"{days[-1]}T20:00:00Z",
             "endTime": f"{days[-1]}T21:00:00Z"})
    assert r.status_code == 201, "after the last closing is free"


def test_a_month_over_sessions_names_them_and_says_how_many_more():
    room, first = rented_room(), month_ahead(3)
    slots = [make_slot(room, at(first + dt.timedelta(days=i), 12), capacity=1)
             for i in range(8)]
    r = book_month(api_user()[2], room, first.strftime("%Y-%m"))
    assert error(r) == (409, "overlaps")
    assert r.json()["error"]["timeslotIds"] == slots
    assert "and 3 more" in r.json()["error"]["message"]


@pytest.mark.parametrize("body,field", [
    ({"date": "2026-02-30"}, "date"), ({"date": "tomorrow"}, "date"), ({}, "date"),
    ({"date": "1999-12-31"}, "date")])
def test_a_bad_date_is_a_400_naming_it(body, field):
    r = api("POST", "/bookings/day", api_user()[2], dict(body, roomId=rented_room()))
    assert r.status_code == 400 and r.json()["error"]["message"].startswith(field + ":"), r.text


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "2026-01-01", "x", "", "1999-12"])
def test_a_bad_month_is_a_400_naming_it(month):
    r = api("POST", "/bookings/month", api_user()[2], {"roomId": rented_room(), "month": month})
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("month:"), r.text


def test_other_refusals():
    _, _, h = api_user()
    room = rented_room()
    r = api("POST", "/bookings/day", h, {"date": str(weekday(5))})
    assert r.status_code == 400 and "roomId" in r.json()["error"]["message"]
    assert book_day(h, 4000000000, weekday(5)).status_code == 404
    assert book_month(h, 4000000000, month_ahead().strftime("%Y-%m")).status_code == 404
    assert error(book_day(h, room, day(-1))) == (409, "slot_past")
    assert error(book_month(h, room, day(-40).strftime("%Y-%m"))) == (409, "slot_past")
    r = book_day(h, room, saturday(5))
    assert error(r) == (409, "room_closed") and "not open" in r.json()["error"]["message"]
    assert error(book_day(h, rented_room(active=0), weekday(5))) == (409, "slot_unavailable")
    assert requests.post(url("/api/v1/bookings/day"), json={"roomId": room},
                         verify=CA).status_code == 401
    assert sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ?", room) == [["0"]]


def test_a_room_without_a_daily_or_monthly_rate_says_so():
    _, _, h = api_user()
    room = make_room(capacity=1)
    r = book_day(h, room, weekday(5))
    assert error(r) == (409, "no_rate")
    assert r.json()["error"]["message"] == \
        "This room has no daily rate: it is not rented by the whole day."
    r = book_month(h, room, month_ahead().strftime("%Y-%m"))
    assert error(r) == (409, "no_rate")
    assert r.json()["error"]["message"] == \
        "This room has no monthly rate: it is not rented by the month."
    only_days = rented_room(monthly=None)
    assert error(book_month(h, only_days, month_ahead().strftime("%Y-%m"))) == (409, "no_rate")
    page = requests.get(url(f"/rooms/{room}"), verify=CA).text
    assert 'id="rent"' not in page
    page = requests.get(url(f"/rooms/{only_days}"), verify=CA).text
    assert 'action="/rooms/%d/day"' % only_days in page
    assert 'action="/rooms/%d/month"' % only_days not in page


def test_the_room_page_books_a_day_and_a_month_without_javascript():
    s, uid, csrf = browser_user()
    room, date = rented_room(), month_ahead(1) + dt.timedelta(days=9)
    while date.isoweekday() > 5:
        date += dt.timedelta(days=1)
    page = requests.get(url(f"/rooms/{room}?date={date}"), verify=CA).text
    assert "Log in to book a whole day or month" in page and "Book the whole day" not in page
    page = s.get(url(f"/rooms/{room}?date={date}")).text
    assert 'action="/rooms/%d/day"' % room in page and "Book the whole day" in page
    assert 'name="month" value="%s"' % str(date)[:7] in page
    r = form_post(s, f"/rooms/{room}/day", csrf=csrf, date=str(date))
    assert r.status_code == 303 and re.fullmatch(r"/bookings/\d+\?done=booked",
                                                 r.headers["Location"]), r.text
    bid = int(r.headers["Location"].split("/")[2].split("?")[0])
    assert sql("SELECT user_id, booking_type FROM bookings WHERE id = ?", bid) == \
        [[str(uid), "daily"]]
    r = form_post(s, f"/rooms/{room}/day", csrf=csrf, date=str(date))
    assert r.status_code == 409 and 'id="rent-error"' in r.text
    r = form_post(s, f"/rooms/{room}/month", csrf=csrf, month=str(date)[:7])
    assert r.status_code == 409 and "overlaps another session" in r.text
    assert form_post(s, f"/rooms/{room}/day", csrf=csrf, date="x").status_code == 400
    assert form_post(s, f"/rooms/{room}/month", csrf=csrf, month="x").status_code == 400
    r = form_post(s, f"/rooms/{room}/month", csrf=csrf, month=month_ahead(4).strftime("%Y-%m"))
    assert r.status_code == 303, r.text
    end = sql("SELECT end_time FROM bookings WHERE id = ?",
              int(r.headers["Location"].split("/")[2].split("?")[0]))[0][0]
    last = dt.datetime.strptime(end, "%Y-%m-%d %H:%M:%S").strftime("%a %d %b %Y 17:00")
    assert f"09:00–{last}" in s.get(url(r.headers["Location"])).text, "the month's last day"
    assert form_post(s, "/rooms/4000000000/day", csrf=csrf, date=str(date)).status_code == 404
    german = s.get(url(f"/rooms/{room}?date={date}"), headers={"Accept-Language": "de"}).text
    assert "Den ganzen Tag buchen" in german


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_customers_asking_for_one_day_at_once_get_it_once(round_no):
    room, date = rented_room(), weekday(20 + round_no)
    users = api_users(8)
    calls = [post("/bookings/day", hd, {"roomId": room, "date": str(date)})
             for _, _, hd in users]
    got = codes(at_once(calls))
    assert got.count((201, None)) == 1, got
    assert all(c in ((201, None), (409, "slot_full"), (409, "overlaps")) for c in got), got
    assert sql("SELECT COUNT(*), SUM(booked) FROM timeslots WHERE room_id = ?", room) == \
        [["1", "1"]]
    assert sql("SELECT COUNT(*) FROM bookings WHERE room_id = ? AND status <> 'cancelled'",
               room) == [["1"]]


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_a_day_and_hours_inside_it_made_at_once_never_overlap(round_no):
    room, date = rented_room(), weekday(25 + round_no)
    _, _, admin = api_user(role="admin")
    users = api_users(4)
    calls = [post("/bookings/day", hd, {"roomId": room, "date": str(date)})
             for _, _, hd in users]
    calls += [post("/admin/timeslots", admin, {"roomId": room, "startTime": iso(date, 9 + i),
                                               "endTime": iso(date, 10 + i)})
              for i in range(4)]
    codes(at_once(calls))
    rows = sql("SELECT start_time, end_time FROM timeslots WHERE room_id = ?"
               " AND status <> 'canceled' ORDER BY start_time", room)
    for (_, end), (start, _) in zip(rows, rows[1:]):
        assert end <= start, rows
    assert len(rows) in (1, 4), rows


def cells(page):
    """{date: the cell's HTML} of a week or month page."""
    return dict(re.findall(r'<td[^>]*data-date="(\d{4}-\d\d-\d\d)"[^>]*>(.*?)</td>', page, re.S))


def test_the_week_and_month_pages_show_a_rented_month_on_every_day_it_runs():
    room, first = rented_room(), month_ahead(4)
    r = book_month(api_user()[2], room, first.strftime("%Y-%m"))
    assert r.status_code == 201, r.text
    slot = r.json()["timeslotId"]
    start = dt.date.fromisoformat(r.json()["startTime"][:10])
    end = dt.date.fromisoformat(r.json()["endTime"][:10])
    mark = f'data-slot="{slot}"'
    month = cells(requests.get(url(f"/rooms/{room}/month?date={first}"), verify=CA).text)
    shown = sorted(d for d, html in month.items() if mark in html)
    every = [str(start + dt.timedelta(days=i)) for i in range((end - start).days + 1)]
    assert shown == every, (shown, every)
    middle = start + dt.timedelta(days=10)
    week = cells(requests.get(url(f"/rooms/{room}/week?date={middle}"), verify=CA).text)
    assert len(week) == 7 and all(mark in html for d, html in week.items()
                                  if str(start) <= d <= str(end))
    assert sum(mark in html for html in week.values()) == 7   # a week inside the month
    before = cells(requests.get(url(f"/rooms/{room}/week?date={start - dt.timedelta(days=7)}"),
                                verify=CA).text)
    assert [d for d, html in before.items() if mark in html] == \
        [d for d in sorted(before) if d >= str(start)]
