"""test_booking_lists.py: the admin and customer booking lists page by keyset cursor,
count up to 10,000 and no further, and the CSV export streams in index order."""
import csv
import io
import re
import time
from urllib.parse import quote

import pytest
import requests

from conftest import (CA, add_booking, api_user, at, browser_user, day, make_event, make_room,
                      make_slot, make_user, new_email, recount_seats, sql, unique, url)

BIG = 10_001        # one past the count's cap


def api(path, headers):
    return requests.get(url("/api/v1" + path), headers=headers, verify=CA, allow_redirects=False)


def ids_of(body):
    return [b["id"] for b in body["items"]]


def test_the_admin_api_pages_by_cursor_both_ways():
    _, _, ah = api_user(name="Admin", role="admin")
    email = new_email("cursor")
    who = make_user(email=email)
    room = make_room()
    ids = [add_booking(who, make_slot(room, at(day(60), 8 + h))) for h in range(5)]
    newest = ids[::-1]
    first = api(f"/admin/bookings?email={quote(email)}&limit=2", ah).json()
    assert ids_of(first) == newest[:2] and first["total"] == 5 and not first["totalCapped"]
    assert first["prevCursor"] is None
    second = api(f"/admin/bookings?email={quote(email)}&limit=2&cursor={first['nextCursor']}",
                 ah).json()
    assert ids_of(second) == newest[2:4]
    third = api(f"/admin/bookings?email={quote(email)}&limit=2&cursor={second['nextCursor']}",
                ah).json()
    assert ids_of(third) == newest[4:] and third["nextCursor"] is None
    back = api(f"/admin/bookings?email={quote(email)}&limit=2&cursor={third['prevCursor']}",
               ah).json()
    assert ids_of(back) == newest[2:4]
    assert back["prevCursor"] and back["nextCursor"]
    # filters combine: status, room and dates, each only when given
    sql("UPDATE bookings SET status = 'cancelled' WHERE id = ?", ids[0])
    recount_seats(booking_id=ids[0])
    r = api(f"/admin/bookings?roomId={room}&status=confirmed&from={day(60)}&to={day(60)}",
            ah).json()
    assert ids_of(r) == newest[:4]
    r = api(f"/admin/bookings?roomId={room}&status=cancelled", ah).json()
    assert ids_of(r) == [ids[0]]
    r = api(f"/admin/bookings?roomId={room}&from={day(61)}", ah).json()
    assert ids_of(r) == [] and r["total"] == 0
    bad = api("/admin/bookings?cursor=x", ah)
    assert bad.status_code == 400 and "cursor" in bad.json()["error"]["message"]


@pytest.fixture(scope="module")
def many():
    """10,001 cancelled bookings of one user (cancelled: they hold no seat), removed after."""
    email = new_email("many")
    who = make_user(email=email)
    room = make_room()
    slot = make_slot(room, at(day(70), 9))
    sql("INSERT INTO bookings (user_id, timeslot_id, room_id, start_time, end_time, status,"
        " cancelled_at, created_at)"
        " SELECT ?, t.id, t.room_id, t.start_time - INTERVAL s.seq MINUTE, t.end_time, 'cancelled',"
        " UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM timeslots t, seq_1_to_10001 s WHERE t.id = ?",
        who, slot)
    yield email, who
    sql("DELETE FROM bookings WHERE user_id = ?", who)


def test_counts_stop_past_ten_thousand(many):
    email, who = many
    s, _, _ = browser_user(role="admin")
    page = s.get(url(f"/admin/bookings?email={quote(email)}")).text
    assert "More than 10,000 bookings match." in page
    assert len(set(re.findall(r'href="/admin/bookings/(\d+)"', page))) == 50
    _, _, ah = api_user(name="Admin", role="admin")
    body = api(f"/admin/bookings?email={quote(email)}", ah).json()
    assert body["total"] == 10_000 and body["totalCapped"] is True
    # exactly at the cap it is still a count
    one = sql("SELECT MIN(id) FROM bookings WHERE user_id = ?", who)[0][0]
    sql("UPDATE bookings SET status = 'completed' WHERE id = ?", one)
    try:
        body = api(f"/admin/bookings?email={quote(email)}&status=cancelled", ah).json()
        assert body["total"] == 10_000 and body["totalCapped"] is False
        page = s.get(url(f"/admin/bookings?email={quote(email)}&status=cancelled")).text
        assert "10000 bookings match." in page and "More than" not in page
    finally:
        sql("UPDATE bookings SET status = 'cancelled' WHERE id = ?", one)


def sort_rows():
    return int(sql("SHOW GLOBAL STATUS LIKE 'Sort_rows'")[0][1])


def test_the_export_streams_every_row_in_index_order_without_sorting(many):
    """Defect 19: the export's first byte waited for a sort of every row. Now the rows
    come in the order an index holds them: MariaDB sorts none of them (Sort_rows), and
    the first bytes leave at once."""
    email, who = many
    s, _, _ = browser_user(role="admin")
    before = sort_rows()
    started = time.monotonic()
    r = s.get(url(f"/admin/bookings.csv?email={quote(email)}"), stream=True)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    chunks = r.iter_content(chunk_size=65536)
    first = next(chunks)
    waited = time.monotonic() - started
    body = first + b"".join(chunks)
    assert waited < 2.0, waited
    assert sort_rows() - before < 1000
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0][0] == "id" and len(rows) == 1 + BIG
    starts = [row[5] for row in rows[1:]]
    assert starts == sorted(starts, reverse=True)


def test_the_export_names_each_rooms_and_events_from_the_catalogue():
    """The export reads bookings and users only and takes the room's name and the event's
    title from the catalogue it read first: each row still carries both, and its times."""
    s, _, _ = browser_user(role="admin")
    email = new_email("names")
    who = make_user(email=email)
    room, other = make_room(name=unique("Export Hall")), make_room(name=unique("Side Room"))
    event = make_event(title=unique("Export Workshop"))
    session = make_slot(room, at(day(75), 10), event_id=event)
    plain = make_slot(other, at(day(75), 12))
    add_booking(who, session)
    add_booking(who, plain)
    r = s.get(url(f"/admin/bookings.csv?email={quote(email)}"))
    rows = list(csv.reader(io.StringIO(r.text)))
    col = {h: i for i, h in enumerate(rows[0])}
    got = [(row[col["room"]], row[col["event"]], row[col["start"]]) for row in rows[1:]]
    room_name, other_name = (sql("SELECT name FROM rooms WHERE id = ?", i)[0][0]
                             for i in (room, other))
    title = sql("SELECT title FROM events WHERE id = ?", event)[0][0]
    day75 = day(75).strftime("%Y-%m-%d")
    assert got == [(other_name, "", f"{day75}T12:00:00Z"), (room_name, title, f"{day75}T10:00:00Z")]
    # and through the event filter, which reads from the event's timeslots
    r = s.get(url(f"/admin/bookings.csv?eventId={event}"))
    rows = list(csv.reader(io.StringIO(r.text)))[1:]
    assert [(row[col["room"]], row[col["event"]]) for row in rows] == [(room_name, title)]
