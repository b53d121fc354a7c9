"""test_admin_booking_pages.py: the admin bookings list and CSV export with
their filters, and the booking page: what it shows, the actions it refuses,
and 404s."""
import csv
import datetime as dt
import html
import io
import re
from urllib.parse import quote

from conftest import (add_booking, at, browser_user, day, form_post, make_event, make_room,
                      make_slot, make_user, new_email, sql, unique, url, utc_now)

MISSING = 4294967295


def listed(page):
    """The booking ids a list page shows, in order."""
    return [int(i) for i in re.findall(r'href="/admin/bookings/(\d+)"', page)]


def exported(s, query):
    r = s.get(url("/admin/bookings.csv?" + query))
    assert r.status_code == 200, r.text
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][0] == "id"
    return [int(row[0]) for row in rows[1:]]


def test_the_filters_refuse_bad_values_naming_the_parameter():
    s, _, _ = browser_user(role="admin")
    for query, name in (("status=lost", "status"), ("paymentStatus=owed", "paymentStatus"),
                        ("roomId=0", "roomId"), ("eventId=x", "eventId"),
                        ("from=2026-13-01", "from"), ("to=tomorrow", "to"),
                        ("sort=price", "sort"), ("cursor=a2026", "cursor"), ("limit=100000", "limit"),
                        ("email=" + "a" * 255, "email")):
        for path in ("/admin/bookings", "/admin/bookings.csv"):
            r = s.get(url(f"{path}?{query}"))
            assert r.status_code == 400, (path, query)
            assert f"{name}:" in r.text, (path, query, r.text[:300])


def test_list_and_export_filter_by_email_event_payment_and_dates():
    s, _, _ = browser_user(role="admin")
    room = make_room()
    event = make_event()
    email = new_email("filtered")
    who = make_user(email=email)
    early = make_slot(room, at(day(50), 9), event_id=event)
    late = make_slot(room, at(day(52), 9))
    b_early = add_booking(who, early, status="confirmed", payment_status="paid")
    b_late = add_booking(who, late, status="pending")
    add_booking(make_user(), late, status="pending")            # someone else's

    page = s.get(url(f"/admin/bookings?email={email}")).text
    assert sorted(listed(page)) == sorted([b_early, b_late])
    assert "2 bookings match." in page
    assert exported(s, f"email={email}") == [b_late, b_early]    # latest start first
    assert exported(s, f"email={email}&eventId={event}") == [b_early]
    assert exported(s, f"email={email}&paymentStatus=pending") == [b_late]
    assert exported(s, f"email={email}&from={day(51)}") == [b_late]
    assert exported(s, f"email={email}&to={day(50)}") == [b_early]
    assert exported(s, f"email={email}&from={day(51)}&to={day(51)}") == []
    # The export link carries the list's filter.
    link = html.unescape(re.search(r'href="([^"]*)" id="csv"', page).group(1))
    assert link == f"/admin/bookings.csv?email={quote(email)}"


def test_an_export_that_matches_nothing_is_the_header_alone():
    s, _, _ = browser_user(role="admin")
    r = s.get(url(f"/admin/bookings.csv?email={new_email('nobody')}"))
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.text.splitlines() == ["id,user name,user email,room,event,start,end,status,"
                                   "payment status,payment id,base (EUR),discount (EUR),tax (EUR),"
                                   "price (EUR),refund (EUR),created"]


def link(page, rel):
    m = re.search(f'rel="{rel}" href="([^"]*)"', page)
    return html.unescape(m.group(1)) if m else None


def test_list_pages_by_cursor_keeping_the_filter_and_says_when_nothing_matches():
    s, _, _ = browser_user(role="admin")
    room = make_room()
    email = new_email("paged")
    who = make_user(email=email)
    ids = [add_booking(who, make_slot(room, at(day(54), 9 + h))) for h in range(3)]
    first = s.get(url(f"/admin/bookings?email={email}&sort=created&limit=2")).text
    assert listed(first) == [ids[2], ids[1]]
    assert "3 bookings match." in first
    assert link(first, "prev") is None
    nxt = link(first, "next")
    assert nxt.startswith(f"/admin/bookings?email={quote(email)}&sort=created&limit=2&cursor=a")
    second = s.get(url(nxt)).text
    assert listed(second) == [ids[0]] and link(second, "next") is None
    back = s.get(url(link(second, "prev"))).text
    assert listed(back) == [ids[2], ids[1]]
    # a position past the last row is an empty page that says so
    beyond = s.get(url(nxt.replace(nxt.split("cursor=")[1], f"a20000101000000-{ids[0]}p3"))).text
    assert listed(beyond) == []
    assert "No booking matches this filter." in beyond
    assert link(beyond, "next") is None and link(beyond, "prev") is None


def test_booking_page_shows_notes_hold_and_check_in_times():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    slot = make_slot(room, utc_now() + dt.timedelta(minutes=20))    # check-in is open
    held = add_booking(make_user(), slot, status="pending", hold_minutes=10)
    sql("UPDATE bookings SET notes = ? WHERE id = ?", "Needs a projector", held)
    page = s.get(url(f"/admin/bookings/{held}")).text
    assert "Needs a projector" in page
    assert "Seat held until" in page
    expired = add_booking(make_user(), slot, status="pending", hold_minutes=-10)
    assert "Hold ran out" in s.get(url(f"/admin/bookings/{expired}")).text

    bid = add_booking(make_user(), slot, status="confirmed", payment_status="paid")
    r = form_post(s, f"/admin/bookings/{bid}/check-in", csrf=csrf)
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/bookings/{bid}?done=checked-in"
    page = s.get(url(r.headers["Location"])).text
    assert "The check-in is recorded." in page and 'id="checked-in"' in page
    assert f'action="/admin/bookings/{bid}/check-out"' in page
    assert f'action="/admin/bookings/{bid}/check-in"' not in page
    r = form_post(s, f"/admin/bookings/{bid}/check-out", csrf=csrf)
    page = s.get(url(r.headers["Location"])).text
    assert 'id="checked-out"' in page
    assert f'action="/admin/bookings/{bid}/check-out"' not in page


def test_booking_actions_refuse_what_the_state_does_not_allow():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    slot = make_slot(room, at(day(20), 9))
    bid = add_booking(make_user(), slot, status="pending")
    r = form_post(s, f"/admin/bookings/{bid}/confirm", csrf=csrf, paymentId="  ")
    assert r.status_code == 400
    assert 'id="paymentId-error"' in r.text and "Payment id is required." in r.text
    r = form_post(s, f"/admin/bookings/{bid}/no-show", csrf=csrf)
    assert r.status_code == 409 and 'id="booking-error"' in r.text
    assert sql("SELECT status FROM bookings WHERE id = ?", bid) == [["pending"]]
    r = form_post(s, f"/admin/bookings/{bid}/cancel", csrf=csrf)
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/bookings/{bid}?done=cancelled"
    assert sql("SELECT status FROM bookings WHERE id = ?", bid) == [["cancelled"]]
    page = s.get(url(r.headers["Location"])).text
    assert "The booking is cancelled with a full refund." in page
    assert "Nothing more can be done with a cancelled booking." in page
    r = form_post(s, f"/admin/bookings/{bid}/cancel", csrf=csrf)
    assert r.status_code == 409 and 'id="booking-error"' in r.text


def test_no_show_is_recorded_for_a_confirmed_booking_that_started():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    slot = make_slot(room, utc_now() - dt.timedelta(hours=3))
    bid = add_booking(make_user(), slot, status="confirmed", payment_status="paid")
    r = form_post(s, f"/admin/bookings/{bid}/no-show", csrf=csrf)
    assert r.status_code == 303, r.text
    assert r.headers["Location"] == f"/admin/bookings/{bid}?done=no-show"
    assert sql("SELECT status FROM bookings WHERE id = ?", bid) == [["no_show"]]
    assert "The booking is marked as a no-show." in s.get(url(r.headers["Location"])).text


def test_unknown_bookings_are_404_on_the_page_and_every_action():
    s, _, csrf = browser_user(role="admin")
    r = s.get(url(f"/admin/bookings/{MISSING}"))
    assert r.status_code == 404 and f"There is no booking {MISSING}." in r.text
    for action in ("confirm", "cancel", "complete", "no-show", "check-in", "check-out"):
        r = form_post(s, f"/admin/bookings/{MISSING}/{action}", csrf=csrf, paymentId="pi_1")
        assert r.status_code == 404, action
        assert f"There is no booking {MISSING}." in r.text, action


FORMULA = set("=+-@\t\r")


def test_no_csv_cell_starts_a_formula_whatever_the_reader_splits_on():
    """Text cells are quoted, and a formula character gets an apostrophe
    wherever a cell can start: at the field's start and after each comma,
    semicolon, tab or line break in it, for readers that split on ";" or
    ignore quotes."""
    s, _, _ = browser_user(role="admin")
    room = make_room()
    names = ["x;=1+1;", "a,b;@SUM(1)", "tab\t-2", 'q;"=1', "+start", "Jean-Paul; Ann"]
    for i, name in enumerate(names):
        add_booking(make_user(name=name), make_slot(room, at(day(31), 8 + i), price="0.00"))
    r = s.get(url(f"/admin/bookings.csv?roomId={room}"))
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.text)))
    col = rows[0].index("user name")
    assert sorted(row[col] for row in rows[1:]) == sorted(
        ["x;'=1+1;", "a,b;'@SUM(1)", "tab\t'-2", "q;'\"=1", "'+start", "Jean-Paul; Ann"])
    assert ',"x;\'=1+1;",' in r.text
    lines = r.text.split("\r\n")[1:-1]
    assert len(lines) == len(names)
    for sep in (",", ";", "\t"):
        for line in lines:
            for cell in line.split(sep):
                assert cell.lstrip('"')[:1] not in FORMULA, (sep, line, cell)
        for row in csv.reader(io.StringIO(r.text), delimiter=sep):
            for cell in row:
                assert cell.lstrip('"')[:1] not in FORMULA, (sep, row, cell)


def test_the_filter_and_the_rows_name_rooms_and_events_as_they_are_now():
    """Each worker keeps the rooms' and events' names between looks at the
    list; a rename, a new room and a deactivation show at the very next
    look, whichever worker answers it."""
    s, _, csrf = browser_user(role="admin")
    room = make_room(name=unique("Filter room"))
    event = make_event(title=unique("Filter event"))
    email = new_email("named")
    booking = add_booking(make_user(email=email), make_slot(room, at(day(40), 9), event_id=event))
    for _ in range(8):                  # every worker has read the names
        page = s.get(url(f"/admin/bookings?email={email}")).text
        assert listed(page) == [booking]
    room_name, event_title = unique("Renamed room"), unique("Renamed event")
    assert form_post(s, f"/admin/rooms/{room}", csrf=csrf, name=room_name).status_code == 303
    assert form_post(s, f"/admin/events/{event}", csrf=csrf,
                     title=event_title).status_code == 303
    assert form_post(s, f"/admin/rooms/{room}/active", csrf=csrf,
                     isActive="0").status_code == 303
    added = unique("Added room")
    added_id = make_room(name=added)
    for _ in range(8):
        page = s.get(url(f"/admin/bookings?email={email}")).text
        assert f'<option value="{room}">{room_name} (inactive)</option>' in page
        assert f'<option value="{event}">{event_title}</option>' in page
        assert f'<option value="{added_id}">{added}</option>' in page
        row = page[page.index(f'href="/admin/bookings/{booking}"'):]
        row = row[:row.index("</tr>")]
        assert room_name in row and event_title in row, row
