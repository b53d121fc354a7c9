"""test_courses.py: a course is sold as one series (rule 11): enrolling books
every session still to come under one order at the course's price, all or
nothing; cancelling the enrolment cancels what is left, refunded by the
first remaining session's start."""
import datetime as dt
import re
import uuid

import requests

from conftest import (CA, active_count, add_booking, api_user, browser_user, form_post,
                      make_event, make_room, make_slot, recount_seats, sql, url, utc_now)
from test_payments import event, send


def api(method, path, headers, body=None):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA)


def course(hours=(50, 74, 98), price="10.00", capacity=4, course_price=None):
    ev = make_event(kind="course")
    if course_price is not None:
        sql("UPDATE events SET course_price = ? WHERE id = ?", course_price, ev)
    room = make_room(capacity=capacity)
    slots = [make_slot(room, utc_now() + dt.timedelta(hours=h), price=price, capacity=capacity,
                       event_id=ev, sequence_no=i + 1) for i, h in enumerate(hours)]
    return ev, slots


def test_enrolling_books_every_session_still_to_come_under_one_order_at_the_course_price():
    uid, _, h = api_user()
    ev, slots = course(course_price="25.00")
    past = make_slot(make_room(), utc_now() - dt.timedelta(hours=5), event_id=ev)
    r = api("POST", f"/events/{ev}/enrol", h)
    assert r.status_code == 201, r.text
    o = r.json()
    assert (o["total"], o["bookingCount"], o["status"]) == (25.0, 3, "pending")
    assert sorted(b["timeslotId"] for b in o["bookings"]) == slots
    assert [b["price"] for b in o["bookings"]] == [8.34, 8.33, 8.33], "shared out to the cent"
    assert active_count(past) == 0
    assert sql("SELECT DISTINCT booking_type FROM bookings WHERE order_id = ?", o["id"]) == \
        [["course"]]
    pay = dict(event(0, 2500), orderId=o["id"])
    del pay["bookingId"]
    assert send(pay).json()["outcome"] == "confirmed"
    assert sql("SELECT SUM(paid_amount) FROM bookings WHERE order_id = ?", o["id"]) == [["25.00"]]
    r = api("POST", f"/events/{ev}/enrol", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_booked"


def test_a_course_without_its_own_price_costs_its_sessions_added_up():
    _, _, h = api_user()
    ev, _ = course(price="7.50")
    o = api("POST", f"/events/{ev}/enrol", h).json()
    assert o["total"] == 22.5 and [b["price"] for b in o["bookings"]] == [7.5] * 3


def test_enrolment_is_all_or_nothing_when_one_session_is_full():
    uid, _, h = api_user()
    ev, slots = course(capacity=1)
    add_booking(api_user()[0], slots[1])
    r = api("POST", f"/events/{ev}/enrol", h)
    assert r.status_code == 409, r.text
    err = r.json()["error"]
    assert (err["code"], err["timeslotId"]) == ("slot_full", slots[1])
    assert [active_count(s) for s in slots] == [0, 1, 0]
    assert sql("SELECT COUNT(*) FROM orders WHERE user_id = ?", uid) == [["0"]]


def test_only_a_course_is_enrolled_in():
    _, _, h = api_user()
    workshop = make_event(kind="workshop")
    r = api("POST", f"/events/{workshop}/enrol", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_a_course"
    assert api("POST", "/events/4000000000/enrol", h).status_code == 404
    empty, _ = course(hours=())
    r = api("POST", f"/events/{empty}/enrol", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "slot_unavailable"


def test_cancelling_the_enrolment_refunds_by_the_first_remaining_session():
    uid, _, h = api_user()
    _, _, other = api_user()
    # The first session has been attended; the next starts in 10 h (half back), then 40 h.
    ev, slots = course(hours=(30, 34, 58), price="20.00", course_price="60.00")
    o = api("POST", f"/events/{ev}/enrol", h).json()
    pay = dict(event(0, 6000), orderId=o["id"])
    del pay["bookingId"]
    assert send(pay).json()["outcome"] == "confirmed"
    first = min(b["id"] for b in o["bookings"])
    sql("UPDATE timeslots SET start_time = start_time - INTERVAL 40 HOUR,"
        " end_time = end_time - INTERVAL 40 HOUR WHERE id = ?", slots[0])
    sql("UPDATE bookings SET status = 'completed', start_time = start_time - INTERVAL 40 HOUR,"
        " end_time = end_time - INTERVAL 40 HOUR WHERE id = ?", first)
    recount_seats(slots[0])     # as completing does
    sql("UPDATE timeslots SET start_time = start_time - INTERVAL 24 HOUR,"
        " end_time = end_time - INTERVAL 24 HOUR WHERE id = ?", slots[1])
    assert api("POST", f"/orders/{o['id']}/cancel", other).status_code == 404
    r = api("POST", f"/orders/{o['id']}/cancel", h)
    assert r.status_code == 200, r.text
    assert r.json()["refundAmount"] == 20.0, "50 % of the 40.00 left, by the 10 h session"
    got = {b["id"]: (b["status"], b["refundAmount"]) for b in r.json()["order"]["bookings"]}
    assert got[first] == ("completed", 0)
    assert sorted(v for k, v in got.items() if k != first) == [("cancelled", 10.0)] * 2
    assert r.json()["order"]["refundedAmount"] == 20.0
    r = api("POST", f"/orders/{o['id']}/cancel", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_state"
    single = api("POST", "/bookings", h, {"timeslotId": make_slot(make_room(),
                 utc_now() + dt.timedelta(hours=90))}).json()
    r = api("POST", f"/orders/{single['orderId']}/cancel", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_a_course"


def test_the_event_page_enrols_and_the_order_page_cancels():
    s, uid, csrf = browser_user()
    ev, slots = course(price="5.00")
    page = s.get(url(f"/events/{ev}")).text
    assert 'id="course-price">€15.00<' in page and f'action="/events/{ev}/enrol"' in page
    visitor = requests.get(url(f"/events/{ev}"), verify=CA).text
    assert "Log in to enrol" in visitor
    r = form_post(s, f"/events/{ev}/enrol", csrf=csrf)
    m = re.fullmatch(r"/orders/(\d+)\?done=enrolled", r.headers["Location"])
    assert m, r.headers
    order = int(m.group(1))
    page = s.get(url(r.headers["Location"])).text
    assert "You are enrolled in the course." in page and 'id="order-total">€15.00<' in page
    me = s.get(url("/me")).text
    assert f'data-order="{order}"' in me, "the dashboard shows the course as one order"
    r = form_post(s, f"/orders/{order}/cancel", csrf=csrf)
    assert r.headers["Location"] == f"/orders/{order}?done=cancelled"
    page = s.get(url(r.headers["Location"])).text
    assert 'id="order-status" data-status="cancelled">Cancelled<' in page
    assert f'action="/orders/{order}/cancel"' not in page
    r = form_post(s, f"/orders/{order}/cancel", csrf=csrf)
    assert r.status_code == 409 and 'id="order-error"' in r.text
    assert form_post(s, "/orders/4000000000/cancel", csrf=csrf).status_code == 404
    full, fslots = course(capacity=1)
    add_booking(api_user()[0], fslots[2])
    r = form_post(s, f"/events/{full}/enrol", csrf=csrf)
    assert r.status_code == 409
    assert re.search(r'id="enrol-error" data-code="slot_full">Nothing was booked: the session'
                     r' of [^<]+ could not be booked\. This timeslot is full\.<', r.text), r.text
    assert re.search(r'class="slot [a-z_]+ failed" data-slot="%d"' % fslots[2], r.text)
    assert form_post(s, "/events/4000000000/enrol", csrf=csrf).status_code == 404


def test_admins_set_a_course_price():
    _, _, admin = api_user(role="admin")
    r = api("POST", "/admin/events", admin, {"title": unique_title(), "kind": "course",
                                              "coursePrice": "99.00"})
    assert r.status_code == 201, r.text
    ev = r.json()["id"]
    assert sql("SELECT course_price FROM events WHERE id = ?", ev) == [["99.00"]]
    r = api("POST", "/admin/events", admin, {"title": unique_title(), "kind": "course",
                                              "coursePrice": "ten"})
    assert r.status_code == 400 and "coursePrice" in r.json()["error"]["fields"]
    s, _, csrf = browser_user(role="admin")
    assert 'name="coursePrice" value="99.00"' in s.get(url(f"/admin/events/{ev}")).text
    r = form_post(s, f"/admin/events/{ev}", csrf=csrf, title="Renamed course", kind="course",
                  coursePrice="80.00", description="")
    assert r.status_code == 303, r.text
    assert sql("SELECT course_price FROM events WHERE id = ?", ev) == [["80.00"]]


def unique_title():
    return "Course " + uuid.uuid4().hex[:8]
