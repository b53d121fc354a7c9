"""test_reports.py: /admin/reports and the overview's charts: numbers checked against a
fixture counted by hand (refunds and no-shows too), the CSV against the table, the SVG
charts as XML holding their bars' values, refused filters naming their field, and who may
see them."""
import csv
import datetime as dt
import html
import io
import os
import random
import subprocess
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import (browser_user, make_event, make_room, make_slot, make_user, recount_seats,
                      sql, unique, url)

SVG = "{http://www.w3.org/2000/svg}"
TABLES = {"occupancy": "occupancy", "events": "popularity", "hours": "popularity",
          "attendance": "attendance", "revenue-month": "revenue", "revenue-room": "revenue",
          "revenue-event": "revenue"}


def booking(user, slot, status, paid="0.00", refund="0.00", payment="pending",
            checked_in=False, hold_minutes=None):
    sql("INSERT INTO bookings (user_id, timeslot_id, room_id, start_time, end_time, status,"
        " payment_status, price, paid_amount, refund_amount, checked_in_at, hold_expires_at,"
        " cancelled_at)"
        " SELECT ?, id, room_id, start_time, end_time, ?, ?, price, ?, ?,"
        " IF(?, start_time, NULL), IF(? IS NULL, NULL, UTC_TIMESTAMP() + INTERVAL ? MINUTE),"
        " IF(? = 'cancelled', UTC_TIMESTAMP(), NULL) FROM timeslots WHERE id = ?",
        user, status, payment, paid, refund, 1 if checked_in else 0, hold_minutes,
        hold_minutes or 0, status, slot)
    recount_seats(slot)


@pytest.fixture(scope="module")
def venue():
    """Two rooms over two days of a month far ahead, nobody else's sessions in it.

    Room A, day 1, 10:00, event E, 4 seats at 20.00: confirmed paid, completed paid and
    checked in, no-show paid, cancelled after paying with 10.00 refunded (3 of 4 seats used).
    Room A, day 3, 14:00, no event, 2 seats at 30.00: confirmed paid, pending on hold
    (2 of 2). Room B, day 1, 10:00, event E, 5 seats at 15.00: confirmed paid, cancelled
    unpaid (1 of 5). Room A, day 1, 16:00, a cancelled timeslot: left out."""
    first = dt.date(2160 + random.randrange(30), random.randrange(1, 13), 1)
    d1 = first + dt.timedelta(days=(7 - first.weekday()) % 7)      # a Monday, the 1st to 7th
    d3 = d1 + dt.timedelta(days=2)                                  # the Wednesday after
    a, b = make_room(unique("Report Room A")), make_room(unique("Report Room B"))
    event = make_event(unique("Report Event"))
    user = make_user()
    s1 = make_slot(a, dt.datetime.combine(d1, dt.time(10)), price="20.00", capacity=4,
                   event_id=event)
    s2 = make_slot(a, dt.datetime.combine(d3, dt.time(14)), price="30.00", capacity=2)
    s3 = make_slot(b, dt.datetime.combine(d1, dt.time(10)), price="15.00", capacity=5,
                   event_id=event)
    s4 = make_slot(a, dt.datetime.combine(d1, dt.time(16)), capacity=3, status="canceled")
    booking(user, s1, "confirmed", paid="20.00", payment="paid")
    booking(make_user(), s1, "completed", paid="20.00", payment="paid", checked_in=True)
    booking(make_user(), s1, "no_show", paid="20.00", payment="paid")
    booking(make_user(), s1, "cancelled", paid="10.00", refund="10.00", payment="refunded")
    booking(user, s2, "confirmed", paid="30.00", payment="paid")
    booking(make_user(), s2, "pending", hold_minutes=60)
    booking(user, s3, "confirmed", paid="15.00", payment="paid")
    booking(make_user(), s3, "cancelled")
    booking(make_user(), s4, "cancelled")
    names = {r[0]: r[1] for r in sql("SELECT id, name FROM rooms WHERE id IN (?, ?)", a, b)}
    title = sql("SELECT title FROM events WHERE id = ?", event)[0][0]
    admin = browser_user(role="admin")[0]
    return dict(d1=d1, d3=d3, a=a, b=b, A=names[str(a)], B=names[str(b)], event=title,
                admin=admin, q=f"from={d1}&to={d3}")


def tables_of(page):
    """Every report table of a page: id -> rows of cell texts (header row first)."""
    out = {}
    for tid, body in re.findall(r'<table class="report" id="([a-z-]+)">(.*?)</table>', page,
                                re.S):
        rows = []
        for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
            rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
        out[tid] = rows
    return out


def report(venue, name, extra=""):
    r = venue["admin"].get(url(f"/admin/reports?report={name}&{venue['q']}{extra}"))
    assert r.status_code == 200, r.text[:500]
    return r.text, tables_of(r.text)


def rows_for(rows, *names):
    return [row for row in rows[1:] if row[0] in names or (len(row) > 1 and row[1] in names)]


def test_occupancy_counts_seats_used_per_room_per_day(venue):
    _, t = report(venue, "occupancy")
    assert t["occupancy"][0] == ["Day", "Room", "Sessions", "Seats", "Booked", "Occupancy"]
    got = rows_for(t["occupancy"], venue["A"], venue["B"])
    # the cancelled timeslot is no session; a no-show used its seat, a cancelled booking not
    assert got == sorted([
        [str(venue["d1"]), venue["A"], "1", "4", "3", "75.0%"],
        [str(venue["d1"]), venue["B"], "1", "5", "1", "20.0%"],
        [str(venue["d3"]), venue["A"], "1", "2", "2", "100.0%"],
    ], key=lambda r: (r[0], r[1]))


def test_popularity_per_event_and_per_weekday_hour(venue):
    _, t = report(venue, "popularity")
    assert rows_for(t["events"], venue["event"]) == [[venue["event"], "2", "9", "4", "44.4%"]]
    assert t["hours"][1:] == [["Monday", "10:00", "2", "9", "4", "44.4%"],
                              ["Wednesday", "14:00", "1", "2", "2", "100.0%"]]


def test_attendance_tells_checked_in_completed_and_no_show_apart(venue):
    _, t = report(venue, "attendance")
    assert t["attendance"][0] == ["Room", "Bookings", "Checked in", "Completed", "No-show",
                                  "Cancelled"]
    # the cancelled timeslot's booking was cancelled with it
    assert rows_for(t["attendance"], venue["A"]) == [[venue["A"], "5", "1", "1", "1", "2"]]
    assert rows_for(t["attendance"], venue["B"]) == [[venue["B"], "1", "0", "0", "0", "1"]]


def test_revenue_counts_refunds_per_room_event_and_month(venue):
    _, t = report(venue, "revenue")
    assert rows_for(t["revenue-room"], venue["A"]) == [[venue["A"], "5", "110.00", "10.00",
                                                        "100.00"]]
    assert rows_for(t["revenue-room"], venue["B"]) == [[venue["B"], "1", "15.00", "0.00",
                                                        "15.00"]]
    assert rows_for(t["revenue-event"], venue["event"]) == [[venue["event"], "5", "95.00",
                                                             "10.00", "85.00"]]
    assert rows_for(t["revenue-event"], "(no event)") == [["(no event)", "1", "30.00", "0.00",
                                                          "30.00"]]
    assert t["revenue-month"][1:] == [[venue["d1"].strftime("%Y-%m"), "6", "125.00", "10.00",
                                       "115.00"]]
    # one room's money only, when the filter names it
    _, t = report(venue, "revenue", f"&roomId={venue['b']}")
    assert [r[0] for r in t["revenue-room"][1:]] == [venue["B"]]
    assert t["revenue-month"][1:] == [[venue["d1"].strftime("%Y-%m"), "1", "15.00", "0.00",
                                       "15.00"]]


def plain(cell):
    """A table cell as the CSV writes it: no percent sign, no currency."""
    return re.sub(r"[^\d.\-]", "", cell) if re.fullmatch(r"[^\d\s]{0,3}-?[\d.,]+%?", cell) else cell


def test_each_csv_holds_its_table(venue):
    pages = {}
    for table, name in TABLES.items():
        if name not in pages:
            pages[name] = report(venue, name)[1]
        r = venue["admin"].get(url(f"/admin/reports.csv?table={table}&{venue['q']}"))
        assert r.status_code == 200
        assert r.headers["Content-Type"].startswith("text/csv")
        assert f'filename="{table}-{venue["d1"]}-{venue["d3"]}.csv"' in \
            r.headers["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(r.text)))
        shown = pages[name][table]
        assert rows[0] == shown[0], table
        assert rows[1:] == [[plain(c) for c in row] for row in shown[1:]], table
        assert len(rows) > 1, table


def svgs(page):
    return [ET.fromstring(s) for s in re.findall(r"<svg .*?</svg>", page, re.S)]


def test_charts_are_svg_with_a_title_axes_and_the_bars_values(venue):
    page, t = report(venue, "revenue")
    charts = {s.get("id"): s for s in svgs(page)}
    assert set(charts) == {"revenue-month-chart", "revenue-room-chart", "revenue-event-chart"}
    room = charts["revenue-room-chart"]
    assert room.find(f"{SVG}title").text == "Revenue and refunds per room"
    texts = [e.text for e in room.iter(f"{SVG}text")]
    assert "Room" in texts and "Money" in texts, texts
    bars = [(b.find(f"{SVG}title").text, b.get("data-value")) for b in room.iter(f"{SVG}rect")
            if (b.get("class") or "").startswith("bar")]
    assert (f"{venue['A']}, Received: 110.00", "110.00") in bars
    assert (f"{venue['A']}, Refunds: 10.00", "10.00") in bars
    assert (f"{venue['B']}, Received: 15.00", "15.00") in bars
    # every bar is a value of the table
    shown = {c for row in t["revenue-room"][1:] for c in row[2:4]}
    assert {v for _, v in bars} <= shown
    # a line chart: one point per day, the value in each
    page, _ = report(venue, "occupancy", f"&roomId={venue['a']}")
    (occ,) = svgs(page)
    assert occ.find(f"{SVG}polyline") is not None
    # every day of the range, the day between of no sessions too
    assert [c.get("data-value") for c in occ.iter(f"{SVG}circle")] == ["75.0%", "0.0%",
                                                                      "100.0%"]
    # series are told apart without colour: hatching and dashes
    page, _ = report(venue, "attendance")
    (att,) = svgs(page)
    fills = {b.get("fill") for b in att.iter(f"{SVG}rect") if (b.get("class") or "").startswith("bar")}
    assert "url(#attendance-chart-hatch)" in fills and len(fills) == 3


def test_overview_draws_this_weeks_occupancy_and_revenue():
    s = browser_user(role="admin")[0]
    room = make_room(unique("Overview Room"), capacity=4)
    today = dt.datetime.utcnow().date()
    slot = make_slot(room, dt.datetime.combine(today + dt.timedelta(days=1), dt.time(23)),
                     price="12.50", capacity=4)
    booking(make_user(), slot, "confirmed", paid="12.50", payment="paid")
    r = s.get(url("/admin"))
    assert r.status_code == 200
    charts = {c.get("id"): c for c in svgs(r.text)}
    assert {"overview-occupancy", "revenue-day-chart"} <= set(charts)
    assert len([b for b in charts["overview-occupancy"].iter(f"{SVG}rect")
                if (b.get("class") or "").startswith("bar")]) == 7
    assert "Today" in r.text
    days = tables_of(r.text)["revenue-day"]
    assert days[0] == ["Day", "Paid bookings", "Received", "Refunds", "Net"]
    # every day of the week, those of no money too, so the chart's bars are the week's days
    week = [str(today + dt.timedelta(days=d)) for d in range(7)]
    assert [row[0] for row in days[1:]] == week
    assert float(days[2][2]) >= 12.5
    bars = [b for b in charts["revenue-day-chart"].iter(f"{SVG}rect")
            if (b.get("class") or "").startswith("bar")]
    assert len(bars) == 2 * 7, "received and refunds for each day"


@pytest.mark.parametrize("query,field", [
    ("from=2026-13-01", "from"), ("to=yesterday", "to"),
    ("from=2026-03-02&to=2026-03-01", "to"), ("from=2026-01-01&to=2027-01-02", "to"),
    ("roomId=abc", "roomId"), ("roomId=4000000000", "roomId"), ("report=money", "report"),
])
def test_filters_are_refused_naming_the_field(venue, query, field):
    for path in ("/admin/reports", "/admin/reports.csv?table=occupancy"):
        sep = "&" if "?" in path else "?"
        r = venue["admin"].get(url(path + sep + query))
        if field == "report" and "csv" in path:
            continue
        assert r.status_code == 400, (path, query)
        assert f"{field}:" in html.unescape(r.text), r.text[:400]
    r = venue["admin"].get(url("/admin/reports.csv?table=money"))
    assert r.status_code == 400 and "table:" in html.unescape(r.text)
    # a year, leap day included, is allowed
    assert venue["admin"].get(url("/admin/reports?from=2028-01-01&to=2028-12-31")).status_code == 200


def test_reports_are_for_admins_only():
    s, _, _ = browser_user()
    for path in ("/admin/reports", "/admin/reports.csv?table=occupancy"):
        assert s.get(url(path), allow_redirects=False).status_code == 403, path
        anon = browser_user()[0]
        anon.cookies.clear()
        r = anon.get(url(path), allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].startswith("/login?next="), path


def test_bookingctl_report_runs_each_report_over_the_range(venue):
    ctl = [os.environ["BOOKING_CTL"], "report"]
    done = subprocess.run(ctl + ["--from", str(venue["d1"]), "--to", str(venue["d3"]),
                                 "--room", str(venue["a"])], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: int(line.split()[1]) for line in done.stdout.splitlines()[1:]}
    assert rows == {"occupancy": 2, "events": 1, "hours": 2, "attendance": 1,
                    "revenue-room": 1, "revenue-event": 2, "revenue-month": 1, "revenue-day": 3}
    for bad in (["--from", str(venue["d3"]), "--to", str(venue["d1"])], ["--from", "2026-01-01"],
                ["--room", "x"]):
        done = subprocess.run(ctl + bad, capture_output=True, text=True)
        assert done.returncode == 2 and "report" in done.stderr, bad
