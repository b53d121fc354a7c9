"""test_packages.py: packages and bundles (issue 11): buying one makes an order
and credits; each credit is scheduled later into a session of its event
under the timeslot's lock, never overbooking it; one cancelled 24 h or more
ahead comes back."""
import datetime as dt
import re
import uuid

import requests

from conftest import (CA, active_count, api_user, api_users, browser_user, form_post,
                      make_event, make_room, make_slot, sql, url, utc_now)
from test_payments import event, send
from test_races import at_once, codes, post


def api(method, path, headers, body=None):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA)


def define(items, price="100.00", kind="package", expiry_days=30):
    """A package of items ({event_id: quantity}) made through the admin API."""
    _, _, admin = api_user(role="admin")
    r = api("POST", "/admin/packages", admin, {"name": "Pack " + uuid.uuid4().hex[:6],
                                                "kind": kind, "price": price,
                                                "expiryDays": expiry_days})
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    for ev, qty in items.items():
        assert api("PUT", f"/admin/packages/{pid}/items", admin,
                   {"eventId": ev, "quantity": qty}).status_code == 200
    return pid


def pay(order_id, amount):
    ev = dict(event(0, amount), orderId=order_id)
    del ev["bookingId"]
    return send(ev)


def later(hours):
    return utc_now() + dt.timedelta(hours=hours)


def test_buying_a_package_makes_an_order_and_its_credits():
    uid, _, h = api_user()
    consult, treat = make_event(kind="individual"), make_event(kind="workshop")
    pid = define({consult: 1, treat: 3}, price="120.00", expiry_days=30)
    listed = {p["id"]: p for p in requests.get(url("/api/v1/packages"), verify=CA).json()["items"]}
    assert listed[pid]["price"] == 120.0 and listed[pid]["expiryDays"] == 30
    r = api("POST", f"/packages/{pid}/buy", h)
    assert r.status_code == 201, r.text
    o = r.json()
    assert (o["total"], o["status"], o["bookingCount"]) == (120.0, "pending", 0)
    credits = api("GET", "/credits", h).json()["items"]
    assert sorted(c["eventId"] for c in credits) == sorted([consult, treat, treat, treat])
    assert all(not c["usable"] for c in credits), "unpaid"
    expires = dt.datetime.strptime(credits[0]["expiresAt"], "%Y-%m-%dT%H:%M:%SZ")
    assert abs((expires - later(30 * 24)).total_seconds()) < 120
    slot = make_slot(make_room(), later(50), event_id=treat)
    credit = next(c["id"] for c in credits if c["eventId"] == treat)
    r = api("POST", f"/credits/{credit}/schedule", h, {"timeslotId": slot})
    assert r.status_code == 409 and r.json()["error"]["code"] == "credit_unpaid"
    assert pay(o["id"], 12000).json()["outcome"] == "confirmed"
    assert api("GET", f"/orders/{o['id']}", h).json()["status"] == "paid"
    r = api("POST", f"/credits/{credit}/schedule", h, {"timeslotId": slot})
    assert r.status_code == 201, r.text
    b = r.json()
    assert (b["status"], b["paymentStatus"], b["price"], b["orderId"]) == \
        ("confirmed", "paid", 0, o["id"])
    r = api("POST", f"/credits/{credit}/schedule", h, {"timeslotId": slot})
    assert r.status_code == 409 and r.json()["error"]["code"] == "credit_used"
    consult_credit = next(c["id"] for c in credits if c["eventId"] == consult)
    r = api("POST", f"/credits/{consult_credit}/schedule", h, {"timeslotId": slot})
    assert r.status_code == 409 and r.json()["error"]["code"] == "other_event"
    assert len(api("GET", "/credits", h).json()["items"]) == 3
    _, _, other = api_user()
    assert api("POST", f"/credits/{consult_credit}/schedule", other,
               {"timeslotId": slot}).status_code == 404
    assert api("POST", "/packages/4000000000/buy", h).status_code == 404


def test_the_webhook_refunds_a_package_and_its_unused_credits_stop_with_it():
    uid, _, h = api_user()
    yoga = make_event()
    pid = define({yoga: 3}, price="30.00", kind="bundle")
    o = api("POST", f"/packages/{pid}/buy", h).json()
    assert pay(o["id"], 3000).json()["outcome"] == "confirmed"
    slot = make_slot(make_room(), later(70), event_id=yoga)
    a, b, c = [x["id"] for x in api("GET", "/credits", h).json()["items"]]
    assert api("POST", f"/credits/{a}/schedule", h, {"timeslotId": slot}).status_code == 201

    def refund(amount):
        ev = dict(event(0, amount, kind="payment.refunded"), orderId=o["id"])
        del ev["bookingId"]
        r = send(ev)
        return r.json()["outcome"] if r.status_code == 200 else r.json()["error"]["code"]

    assert refund(3001) == "amount_mismatch", "never more than was paid"
    assert refund(1000) == "refunded"
    got = api("GET", f"/orders/{o['id']}", h).json()
    assert (got["status"], got["refundedAmount"]) == ("paid", 10.0), "a part: still paid"
    other = make_slot(make_room(), later(74), event_id=yoga)
    assert api("POST", f"/credits/{b}/schedule", h, {"timeslotId": other}).status_code == 201
    assert refund(3000) == "refunded"
    got = api("GET", f"/orders/{o['id']}", h).json()
    assert (got["status"], got["refundedAmount"]) == ("refunded", 30.0)
    r = api("POST", f"/credits/{c}/schedule", h, {"timeslotId": make_slot(
        make_room(), later(78), event_id=yoga)})
    assert r.status_code == 409 and r.json()["error"]["code"] == "credit_unpaid"
    # a change of one of its bookings leaves the order's own refund as it is
    bookings = api("GET", f"/orders/{o['id']}", h).json()["bookings"]
    assert api("PUT", f"/bookings/{bookings[0]['id']}/cancel", h).status_code == 200
    got = api("GET", f"/orders/{o['id']}", h).json()
    assert (got["status"], got["refundedAmount"]) == ("refunded", 30.0)


def test_an_expired_credit_cannot_be_scheduled():
    uid, _, h = api_user()
    yoga = make_event()
    pid = define({yoga: 10}, price="0.00", kind="bundle")
    o = api("POST", f"/packages/{pid}/buy", h).json()
    assert o["status"] == "paid", "a free bundle is paid at once"
    credits = api("GET", "/credits", h).json()["items"]
    assert len(credits) == 10 and all(c["usable"] for c in credits)
    sql("UPDATE credits SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id = ?",
        credits[0]["id"])
    slot = make_slot(make_room(), later(30), event_id=yoga)
    r = api("POST", f"/credits/{credits[0]['id']}/schedule", h, {"timeslotId": slot})
    assert r.status_code == 409 and r.json()["error"]["code"] == "credit_expired"
    assert len(api("GET", "/credits", h).json()["items"]) == 9


def test_64_credits_scheduled_at_once_onto_5_seats_take_exactly_5():
    yoga = make_event()
    pid = define({yoga: 1}, price="0.00", kind="bundle")
    users = api_users(64, name="Yogi")
    for uid, _, _ in users:
        sql("INSERT INTO orders (user_id, status, total) VALUES (?, 'paid', 0);"
            " INSERT INTO credits (user_id, order_id, package_id, event_id, expires_at)"
            " VALUES (?, LAST_INSERT_ID(), ?, ?, UTC_TIMESTAMP() + INTERVAL 1 DAY)",
            uid, uid, pid, yoga)
    credit = dict(sql("SELECT user_id, id FROM credits WHERE package_id = ?", pid))
    slot = make_slot(make_room(), later(40), event_id=yoga, capacity=5)
    answers = at_once([post(f"/credits/{credit[str(uid)]}/schedule", h, {"timeslotId": slot})
                       for uid, _, h in users])
    got = codes(answers)
    assert got.count((201, None)) == 5 and got.count((409, "slot_full")) == 59, got
    assert active_count(slot) == 5
    assert sql("SELECT COUNT(*) FROM credits WHERE package_id = ? AND booking_id IS NOT NULL",
               pid) == [["5"]]


def test_a_scheduled_credit_comes_back_when_cancelled_24_hours_ahead():
    uid, _, h = api_user()
    yoga = make_event()
    pid = define({yoga: 2}, price="0.00", kind="bundle")
    api("POST", f"/packages/{pid}/buy", h)
    a, b = [c["id"] for c in api("GET", "/credits", h).json()["items"]]
    early = make_slot(make_room(), later(48), event_id=yoga)
    late = make_slot(make_room(), later(5), event_id=yoga)
    ba = api("POST", f"/credits/{a}/schedule", h, {"timeslotId": early}).json()["id"]
    bb = api("POST", f"/credits/{b}/schedule", h, {"timeslotId": late}).json()["id"]
    assert api("GET", "/credits", h).json()["items"] == []
    assert api("PUT", f"/bookings/{ba}/cancel", h).status_code == 200
    assert api("PUT", f"/bookings/{bb}/cancel", h).status_code == 200
    assert [c["id"] for c in api("GET", "/credits", h).json()["items"]] == [a], \
        "only the one cancelled 24 h ahead is back"


def test_the_pages_sell_packages_and_schedule_credits():
    s, uid, csrf = browser_user()
    yoga = make_event(title="Yoga " + uuid.uuid4().hex[:6])
    pid = define({yoga: 2}, price="40.00", kind="bundle")
    page = s.get(url("/packages")).text
    assert f'action="/packages/{pid}/buy"' in page and "2 × Yoga" in page
    r = form_post(s, f"/packages/{pid}/buy", csrf=csrf)
    m = re.fullmatch(r"/orders/(\d+)\?done=ordered", r.headers["Location"])
    assert m, r.headers
    order = int(m.group(1))
    page = s.get(url(f"/orders/{order}")).text
    assert 'id="order-due">€40.00<' in page and f"order={order}&amp;amount=4000" in page
    me = s.get(url("/me")).text
    assert len(re.findall(r'<li data-credit="', me)) == 2 and "pay for it first" in me
    slot = make_slot(make_room(), later(60), event_id=yoga)
    assert "Book with a credit" not in s.get(url(f"/timeslots/{slot}")).text, "unpaid"
    pay(order, 4000)
    page = s.get(url(f"/timeslots/{slot}")).text
    credit = int(re.search(r'action="/credits/(\d+)/schedule"', page).group(1))
    r = form_post(s, f"/credits/{credit}/schedule", csrf=csrf, timeslot_id=slot)
    assert re.fullmatch(r"/bookings/\d+\?done=booked", r.headers["Location"]), r.headers
    r = form_post(s, f"/credits/{credit}/schedule", csrf=csrf, timeslot_id=slot)
    assert r.status_code == 409 and "This credit is already scheduled." in r.text
    assert form_post(s, "/credits/4000000000/schedule", csrf=csrf,
                     timeslot_id=slot).status_code == 404
    assert form_post(s, "/packages/4000000000/buy", csrf=csrf).status_code == 404
    me = s.get(url("/me")).text
    assert len(re.findall(r'<li data-credit="', me)) == 1


def test_admins_define_packages_with_checked_fields():
    _, _, admin = api_user(role="admin")
    _, _, customer = api_user()
    r = api("POST", "/admin/packages", admin, {"name": "", "price": "x"})
    assert r.status_code == 400 and {"name", "price"} <= set(r.json()["error"]["fields"])
    r = api("POST", "/admin/packages", admin, {"name": "Free", "price": "0.00",
                                                "kind": "crate"})
    assert r.status_code == 400
    assert api("POST", "/admin/packages", customer, {"name": "X", "price": "1.00"}).status_code == 403
    pid = define({make_event(): 1})
    assert api("PUT", f"/admin/packages/{pid}/items", admin,
               {"eventId": 4000000000, "quantity": 1}).status_code == 404
    ev = make_event()
    assert api("PUT", f"/admin/packages/{pid}/items", admin, {"eventId": ev, "quantity": 2}).status_code == 200
    assert api("PUT", f"/admin/packages/{pid}/items", admin, {"eventId": ev, "quantity": 0}).status_code == 200
    assert sql("SELECT COUNT(*) FROM package_items WHERE package_id = ?", pid) == [["1"]]
    empty = define({})
    assert api("POST", f"/packages/{empty}/buy", customer).status_code == 404, "holds nothing"
