"""test_booking_rows.py: what one booking transaction writes (issue 14). The
booking POST writes its ticket code with the row, and its order whole (parts,
status, paid time) before its bookings, instead of setting them afterwards
from the bookings; these tests hold each written row to what the bookings
make it, so that a path which forgets to is caught: a single booking, a paid
one with a discount code, a cart's checkout, and a seat given to the first
in a waiting list."""
import datetime as dt
import os
import re

import requests

from conftest import (CA, api_user, make_room, make_slot, sql, url, utc_now)

TICKET = re.compile(r"^[0-9A-HJKMNP-TV-Z]{10}$")


def later(hours):
    return utc_now() + dt.timedelta(hours=hours)


def api(method, path, headers, body=None):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA, allow_redirects=False)


def order_as_written(order_id):
    return sql("SELECT status, paid_at IS NOT NULL, total, base_price, discount_amount,"
               " tax_amount, total_price, refunded_amount, COALESCE(discount_id, 0)"
               " FROM orders WHERE id = ?", order_id)[0]


def order_from_bookings(order_id):
    """The order as order_refresh and order_price would set it from its bookings."""
    return sql("SELECT CASE WHEN SUM(b.payment_status = 'pending'"
               "   AND b.status IN ('pending','confirmed')) > 0 THEN 'pending'"
               "  WHEN SUM(b.payment_status = 'paid') > 0 THEN 'paid'"
               "  WHEN SUM(b.refund_amount) > 0 THEN 'refunded' ELSE 'cancelled' END,"
               " SUM(b.payment_status = 'paid') > 0 AND SUM(b.payment_status = 'pending'"
               "   AND b.status IN ('pending','confirmed')) = 0,"
               " SUM(b.total_price), SUM(b.base_price), SUM(b.discount_amount),"
               " SUM(b.tax_amount), SUM(b.total_price), SUM(b.refund_amount),"
               " COALESCE(MAX(b.discount_id), 0)"
               " FROM bookings b WHERE b.order_id = ?", order_id)[0]


def assert_order_whole(order_id):
    written, counted = order_as_written(order_id), order_from_bookings(order_id)
    assert written == counted, f"order {order_id}: written {written}, its bookings {counted}"


def ticket_of(booking_id):
    (code,), = sql("SELECT ticket_code FROM bookings WHERE id = ?", booking_id)
    return code


def test_a_free_booking_writes_its_ticket_order_reminders_mail_and_notice():
    uid, _, h = api_user(name="Row Writer")
    start = later(50)
    slot = make_slot(make_room(), start, price="0.00", capacity=3)
    r = api("POST", "/bookings", h, {"timeslotId": slot})
    assert r.status_code == 201, r.text
    b = r.json()
    assert b["status"] == "confirmed"
    code = ticket_of(b["id"])
    assert TICKET.match(code) and b["ticketCode"] == code
    assert order_as_written(b["orderId"])[:2] == ["paid", "1"]
    assert_order_whole(b["orderId"])
    assert sql("SELECT type FROM reminders WHERE booking_id = ? ORDER BY scheduled_at",
               b["id"]) == [["email_24h"], ["email_1h"]]
    assert sql("SELECT type, new_status FROM booking_events WHERE booking_id = ?",
               b["id"]) == [["created", "confirmed"]]
    mail = sql("SELECT kind, JSON_VALUE(data, '$.ticket'), JSON_VALUE(data, '$.orderId')"
               " FROM mail_outbox WHERE booking_id = ?", b["id"])
    assert mail == [["confirmed", code, str(b["orderId"])]]
    assert sql("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND link = ?",
               uid, f"/bookings/{b['id']}") == [["1"]]
    assert sql("SELECT booked FROM timeslots WHERE id = ?", slot) == [["1"]]
    assert sql("SELECT n, used FROM report_tallies WHERE timeslot_id = ?", slot) == [["1", "1"]]
    again = api("POST", "/bookings", h, {"timeslotId": slot})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_booked"
    assert sql("SELECT COUNT(*) FROM orders WHERE user_id = ?", uid) == [["1"]]


def test_every_booking_gets_a_ticket_code_of_its_own():
    people = [api_user() for _ in range(4)]
    slot = make_slot(make_room(), later(60), price="0.00", capacity=4)
    ids = [api("POST", "/bookings", h, {"timeslotId": slot}).json()["id"] for _, _, h in people]
    codes = [ticket_of(i) for i in ids]
    assert all(TICKET.match(c) for c in codes) and len(set(codes)) == 4


def test_a_paid_booking_with_a_code_writes_its_order_pending_with_the_code():
    _, _, admin = api_user(name="Row Admin", role="admin")
    d = api("POST", "/admin/discounts", admin, {"code": "R" + os.urandom(5).hex(),
                                                 "percent": 10})
    assert d.status_code == 201, d.text
    _, _, h = api_user()
    slot = make_slot(make_room(), later(70), price="23.45")
    r = api("POST", "/bookings", h, {"timeslotId": slot, "discountCode": d.json()["code"]})
    assert r.status_code == 201, r.text
    b = r.json()
    assert b["status"] == "pending" and b["discountAmount"] > 0
    written = order_as_written(b["orderId"])
    assert written[:2] == ["pending", "0"] and written[8] == str(d.json()["id"])
    assert_order_whole(b["orderId"])
    assert sql("SELECT COUNT(*) FROM reminders WHERE booking_id = ?", b["id"]) == [["0"]]
    assert sql("SELECT kind FROM mail_outbox WHERE booking_id = ?", b["id"]) == [["created"]]


def test_a_checkout_writes_one_order_whole_for_all_its_lines():
    _, _, h = api_user()
    room = make_room()
    slots = [make_slot(room, later(80 + 2 * i), price=p)
             for i, p in enumerate(("10.00", "0.00", "7.35"))]
    for s in slots:
        assert api("POST", "/cart/items", h, {"timeslotId": s}).status_code in (200, 201)
    r = api("POST", "/cart/checkout", h)
    assert r.status_code == 201, r.text
    order_id = r.json()["id"]
    assert sql("SELECT COUNT(*) FROM bookings WHERE order_id = ?", order_id) == [["3"]]
    assert order_as_written(order_id)[0] == "pending"
    assert_order_whole(order_id)


def test_a_seat_given_from_the_waiting_list_comes_with_its_order_whole():
    (_, _, first), (waiter, _, second) = api_user(), api_user()
    slot = make_slot(make_room(), later(90), price="0.00", capacity=1)
    b = api("POST", "/bookings", first, {"timeslotId": slot}).json()
    assert api("POST", f"/timeslots/{slot}/waitlist", second).status_code == 201
    assert api("PUT", f"/bookings/{b['id']}/cancel", first).status_code == 200
    (given, order_id), = sql("SELECT id, order_id FROM bookings WHERE user_id = ?"
                             " AND timeslot_id = ?", waiter, slot)
    assert TICKET.match(ticket_of(given))
    assert order_as_written(order_id)[:2] == ["paid", "1"]
    assert_order_whole(order_id)
