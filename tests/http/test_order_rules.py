"""test_order_rules.py: what a single booking obeys, a purchase of several
obeys too: a checkout and a course enrolment are held to the booking limits
(409 quota_exceeded, the checkout naming the item refused), and a seat a
cancelled enrolment gives back goes to the waiting list, with an order of its
own as every booking has."""
import datetime as dt

from conftest import api_user, make_event, make_room, make_slot, sql, utc_now
from test_orders import api
from test_quotas import admin, set_quota


def later(hours):
    return utc_now() + dt.timedelta(hours=hours)


def test_a_checkout_over_a_limit_is_refused_naming_the_item_and_books_nothing():
    """Treatment rooms: the limits of test_quotas.py, set here and removed after."""
    h = admin()
    room = make_room(room_type="treatment", capacity=3)
    slots = [make_slot(room, later(300 + 2 * i), price="0.00", capacity=3) for i in range(2)]
    uid, _, c = api_user()
    try:
        set_quota(h, maxActive=1)
        items = [api("POST", "/cart/items", c, {"timeslotId": s}).json() for s in slots]
        item = [i["id"] for i in items[-1]["items"] if i["timeslotId"] == slots[1]][0]
        r = api("POST", "/cart/checkout", c)
        assert r.status_code == 409, r.text
        err = r.json()["error"]
        assert err["code"] == "quota_exceeded" and "at most 1 active booking" in err["message"]
        assert (err["itemId"], err["timeslotId"]) == (item, slots[1])
        assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["0"]]
        assert sql("SELECT COUNT(*) FROM orders WHERE user_id = ?", uid) == [["0"]]
        assert len(api("GET", "/cart", c).json()["items"]) == 2, "the cart is kept"
    finally:
        set_quota(h)


def test_a_course_enrolment_over_a_limit_is_refused_whole():
    h = admin()
    ev = make_event(kind="course")
    room = make_room(room_type="treatment", capacity=3)
    slots = [make_slot(room, later(320 + 24 * i), price="5.00", capacity=3, event_id=ev,
                       sequence_no=i + 1) for i in range(3)]
    uid, _, c = api_user()
    try:
        set_quota(h, maxActive=2)
        r = api("POST", f"/events/{ev}/enrol", c)
        assert r.status_code == 409, r.text
        err = r.json()["error"]
        assert err["code"] == "quota_exceeded" and "at most 2 active bookings" in err["message"]
        assert err["timeslotId"] == slots[2], "the third session is one too many"
        assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["0"]]
    finally:
        set_quota(h)


def test_a_cancelled_enrolment_gives_its_seats_to_the_waiting_list_each_with_an_order():
    ev = make_event(kind="course")
    room = make_room(capacity=1)
    slots = [make_slot(room, later(200 + 24 * i), price="9.00", capacity=1, event_id=ev,
                       sequence_no=i + 1) for i in range(2)]
    _, _, owner = api_user()
    o = api("POST", f"/events/{ev}/enrol", owner).json()
    waiter, _, w = api_user(name="Waiting")
    assert api("POST", f"/timeslots/{slots[0]}/waitlist", w).status_code == 201
    r = api("POST", f"/orders/{o['id']}/cancel", owner)
    assert r.status_code == 200, r.text
    rows = sql("SELECT b.timeslot_id, b.status, o.user_id, o.total FROM bookings b"
               " JOIN orders o ON o.id = b.order_id WHERE b.user_id = ?", waiter)
    assert rows == [[str(slots[0]), "pending", str(waiter), "9.00"]]
    assert sql("SELECT COUNT(*) FROM waitlist WHERE user_id = ?", waiter) == [["0"]]
