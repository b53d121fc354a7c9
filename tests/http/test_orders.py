"""test_orders.py: orders, the cart and its checkout (issue 11): every booking
has an order, a checkout books all of a cart or nothing, the webhook pays and
refunds an order, and the pages show it."""
import datetime as dt
import pathlib
import re
import uuid

import pytest
import requests

from conftest import (CA, active_count, add_booking, api_user, at, browser_user, day,
                      form_post, make_event, make_room, make_slot, sql, url, utc_now)
from test_payments import event, send
from test_races import at_once, codes, post

ROUNDS = 3


def later(hours):
    return utc_now() + dt.timedelta(hours=hours)


def api(method, path, headers, body=None, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA, **kw)


def cart_of(uid):
    return [int(s) for (s,) in sql("SELECT timeslot_id FROM cart_items WHERE user_id = ?"
                                   " ORDER BY timeslot_id", uid)]


def orders_of(uid):
    return int(sql("SELECT COUNT(*) FROM orders WHERE user_id = ?", uid)[0][0])


def slots(n, price="20.00", capacity=4, hours=30):
    room = make_room(capacity=capacity)
    return [make_slot(room, later(hours + 2 * i), price=price, capacity=capacity)
            for i in range(n)]


def test_a_single_booking_gets_an_order_of_its_own():
    uid, _, h = api_user()
    paid, free = slots(1, price="12.50")[0], slots(1, price="0.00")[0]
    r = api("POST", "/bookings", h, {"timeslotId": paid})
    assert r.status_code == 201, r.text
    order_id = r.json()["orderId"]
    o = api("GET", f"/orders/{order_id}", h).json()
    assert (o["status"], o["total"], o["bookingCount"]) == ("pending", 12.5, 1)
    assert [b["id"] for b in o["bookings"]] == [r.json()["id"]]
    r = api("POST", "/bookings", h, {"timeslotId": free})
    o = api("GET", f"/orders/{r.json()['orderId']}", h).json()
    assert (o["status"], o["total"]) == ("paid", 0), "a free booking's order is paid"
    assert o["paidAt"] is not None
    listed = api("GET", "/orders", h).json()
    assert [x["id"] for x in listed["items"]] == [o["id"], order_id]
    assert listed["total"] == 2


def test_an_order_follows_its_booking_when_cancelled():
    _, _, h = api_user()
    slot = slots(1, price="9.00")[0]
    b = api("POST", "/bookings", h, {"timeslotId": slot}).json()
    assert api("PUT", f"/bookings/{b['id']}/cancel", h).status_code == 200
    o = api("GET", f"/orders/{b['orderId']}", h).json()
    assert o["status"] == "cancelled"


def test_someone_elses_order_is_not_found():
    _, _, mine = api_user()
    _, _, other = api_user()
    b = api("POST", "/bookings", mine, {"timeslotId": slots(1)[0]}).json()
    r = api("GET", f"/orders/{b['orderId']}", other)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_the_cart_lists_items_with_line_prices_and_the_total_in_cents():
    uid, _, h = api_user()
    a, b = slots(2, price="12.50")
    free = slots(1, price="0.00")[0]
    for s in (b, a, free, a):
        r = api("POST", "/cart/items", h, {"timeslotId": s})
        assert r.status_code == 201, r.text
    cart = api("GET", "/cart", h).json()
    assert [i["timeslotId"] for i in cart["items"]] == sorted([a, b, free]), \
        "one item per timeslot, in timeslot order"
    assert [i["price"] for i in cart["items"]] == [12.5, 12.5, 0]
    assert cart["total"] == 25.0
    assert active_count(a) == 0, "items hold no seat"
    item = cart["items"][0]["id"]
    r = api("DELETE", f"/cart/items/{item}", h)
    assert r.status_code == 200 and len(r.json()["items"]) == 2
    assert api("DELETE", f"/cart/items/{item}", h).status_code == 404
    r = api("DELETE", "/cart", h)
    assert r.status_code == 200 and r.json() == {"items": [], "total": 0, "currency": "EUR"}
    assert cart_of(uid) == []


def test_a_slot_that_cannot_be_booked_is_not_added():
    _, _, h = api_user()
    room = make_room()
    full = make_slot(room, later(40), capacity=1)
    add_booking(api_user()[0], full, status="confirmed")
    past = make_slot(room, later(-3))
    draft = make_slot(room, later(44), status="draft")
    assert api("POST", "/cart/items", h, {"timeslotId": full}).json()["error"]["code"] == "slot_full"
    assert api("POST", "/cart/items", h, {"timeslotId": past}).json()["error"]["code"] == "slot_past"
    assert api("POST", "/cart/items", h, {"timeslotId": draft}).status_code == 404
    assert api("POST", "/cart/items", h, {"timeslotId": 4000000000}).status_code == 404


def test_someone_elses_cart_item_cannot_be_removed():
    _, _, h = api_user()
    _, _, other = api_user()
    item = api("POST", "/cart/items", h, {"timeslotId": slots(1)[0]}).json()["items"][0]["id"]
    assert api("DELETE", f"/cart/items/{item}", other).status_code == 404
    assert len(api("GET", "/cart", h).json()["items"]) == 1


def test_a_checkout_books_every_item_under_one_order_and_empties_the_cart():
    uid, _, h = api_user()
    a, b = slots(2, price="15.00")
    free = slots(1, price="0.00")[0]
    for s in (a, b, free):
        api("POST", "/cart/items", h, {"timeslotId": s})
    key = {"Idempotency-Key": "co-" + uuid.uuid4().hex}
    r = api("POST", "/cart/checkout", dict(h, **key))
    assert r.status_code == 201, r.text
    o = r.json()
    assert (o["status"], o["total"], o["bookingCount"]) == ("pending", 30.0, 3)
    got = {x["timeslotId"]: (x["status"], x["paymentStatus"], x["orderId"]) for x in o["bookings"]}
    assert got == {a: ("pending", "pending", o["id"]), b: ("pending", "pending", o["id"]),
                   free: ("confirmed", "paid", o["id"])}
    assert cart_of(uid) == []
    assert sql("SELECT DISTINCT booking_type FROM bookings WHERE order_id = ?", o["id"]) == [["cart"]]
    again = api("POST", "/cart/checkout", dict(h, **key))
    assert again.status_code == 200 and again.json()["id"] == o["id"], "the same key: the same order"
    assert orders_of(uid) == 1
    r = api("POST", "/cart/checkout", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "cart_empty"


def test_a_failing_item_rolls_back_the_whole_checkout():
    uid, _, h = api_user()
    room = make_room()
    ok = make_slot(room, later(50), price="10.00", capacity=3)
    full = make_slot(room, later(52), price="10.00", capacity=1)
    for s in (ok, full):
        assert api("POST", "/cart/items", h, {"timeslotId": s}).status_code == 201
    add_booking(api_user()[0], full, status="confirmed")      # the last seat goes meanwhile
    item = int(sql("SELECT id FROM cart_items WHERE user_id = ? AND timeslot_id = ?", uid, full)[0][0])
    r = api("POST", "/cart/checkout", h)
    assert r.status_code == 409, r.text
    err = r.json()["error"]
    assert (err["code"], err["itemId"], err["timeslotId"]) == ("slot_full", item, full)
    assert active_count(ok) == 0, "the seat of the item that could be booked is not kept"
    assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["0"]]
    assert orders_of(uid) == 0
    assert cart_of(uid) == [ok, full], "the cart is as it was"


def test_an_item_already_booked_is_refused_by_name():
    uid, _, h = api_user()
    a, b = slots(2)
    api("POST", "/cart/items", h, {"timeslotId": a})
    api("POST", "/cart/items", h, {"timeslotId": b})
    api("POST", "/bookings", h, {"timeslotId": b})
    err = api("POST", "/cart/checkout", h).json()["error"]
    assert (err["code"], err["timeslotId"]) == ("already_booked", b)
    assert cart_of(uid) == [a, b]


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_two_users_checking_out_the_last_seat_at_once_make_exactly_one_order(round_no):
    room = make_room()
    last = make_slot(room, later(60 + round_no), price="25.00", capacity=1)
    other = make_slot(room, later(70 + round_no), price="5.00", capacity=5)
    users = [api_user(), api_user()]
    for uid, _, h in users:
        for s in (other, last):
            assert api("POST", "/cart/items", h, {"timeslotId": s}).status_code == 201
    answers = at_once([post("/cart/checkout", h) for _, _, h in users])
    got = codes(answers)
    assert sorted(got) == [(201, None), (409, "slot_full")], got
    winner = 0 if answers[0].status_code == 201 else 1
    loser = users[1 - winner][0]
    assert active_count(last) == 1 and active_count(other) == 1
    assert orders_of(users[winner][0]) == 1 and orders_of(loser) == 0
    assert cart_of(loser) == sorted([other, last]), "the other cart is untouched"
    assert cart_of(users[winner][0]) == []


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_checkouts_of_the_same_timeslots_never_deadlock(round_no):
    """Carts filled in opposite orders lock their timeslots in one order (ascending
    id), so every checkout gets its seats and none fails."""
    room = make_room()
    ids = [make_slot(room, later(80 + 3 * round_no + i), price="0.00", capacity=8)
           for i in range(3)]
    users = [api_user() for _ in range(6)]
    for n, (_, _, h) in enumerate(users):
        for s in (ids if n % 2 else reversed(ids)):
            api("POST", "/cart/items", h, {"timeslotId": s})
    got = codes(at_once([post("/cart/checkout", h) for _, _, h in users]))
    assert got == [(201, None)] * 6, got
    assert [active_count(s) for s in ids] == [6, 6, 6]


def test_the_webhook_confirms_an_order_with_three_bookings():
    uid, _, h = api_user()
    ids = slots(3, price="11.00")
    for s in ids:
        api("POST", "/cart/items", h, {"timeslotId": s})
    o = api("POST", "/cart/checkout", h).json()
    ev = event(0, 2200)
    del ev["bookingId"]
    ev["orderId"] = o["id"]
    r = send(ev)
    assert r.status_code == 409 and r.json()["error"]["code"] == "amount_mismatch"
    ev = dict(ev, id="evt_" + uuid.uuid4().hex, amount=3300)
    r = send(ev)
    assert r.status_code == 200 and r.json()["outcome"] == "confirmed", r.text
    assert sql("SELECT status, payment_status, payment_id FROM bookings WHERE order_id = ?"
               " ORDER BY id", o["id"]) == [["confirmed", "paid", ev["paymentId"]]] * 3
    got = api("GET", f"/orders/{o['id']}", h).json()
    assert (got["status"], got["paymentId"]) == ("paid", ev["paymentId"])
    assert got["paidAt"] is not None
    assert sql("SELECT order_id, booking_id IS NULL FROM payment_events WHERE event_id = ?",
               ev["id"]) == [[str(o["id"]), "1"]]
    assert send(ev).json()["outcome"] == "replayed"
    # A refund of 15.00 in all: the first booking's 11.00, then 4.00 of the second.
    refund = dict(ev, id="evt_" + uuid.uuid4().hex, type="payment.refunded", amount=1500)
    assert send(refund).json()["outcome"] == "refunded"
    assert sql("SELECT payment_status, paid_amount, refund_amount FROM bookings"
               " WHERE order_id = ? ORDER BY id", o["id"]) == [
        ["refunded", "0.00", "11.00"], ["refunded", "7.00", "4.00"], ["paid", "11.00", "0.00"]]
    got = api("GET", f"/orders/{o['id']}", h).json()
    assert (got["status"], got["refundedAmount"]) == ("paid", 15.0)
    too_much = dict(refund, id="evt_" + uuid.uuid4().hex, amount=3301)
    assert send(too_much).status_code == 409
    missing = dict(ev, id="evt_" + uuid.uuid4().hex, orderId=4000000000)
    assert send(missing).status_code == 404


# The pages: add from the timeslot page, the cart, its checkout, the order and the dashboard.

def cart_page(s):
    return s.get(url("/cart"), allow_redirects=False)


def test_the_cart_pages_add_remove_check_out_and_show_the_order():
    s, uid, csrf = browser_user()
    room = make_room(name="Cart Room " + uuid.uuid4().hex[:6])
    a = make_slot(room, at(day(9), 10), price="12.00")
    b = make_slot(room, at(day(9), 12), price="8.50")
    page = s.get(url(f"/timeslots/{a}")).text
    assert 'action="/cart/items"' in page
    for slot in (a, b):
        r = form_post(s, "/cart/items", csrf=csrf, timeslot_id=slot)
        assert (r.status_code, r.headers["Location"]) == (303, "/cart?done=added")
    page = cart_page(s).text
    assert re.search(r'id="cart-total">€20\.50<', page), page
    items = [int(i) for i in re.findall(r'data-item="(\d+)"', page)]
    assert len(items) == 2
    r = form_post(s, f"/cart/items/{items[1]}/remove", csrf=csrf)
    assert r.headers["Location"] == "/cart?done=removed"
    assert re.search(r'id="cart-total">€12\.00<', cart_page(s).text)
    form_post(s, "/cart/items", csrf=csrf, timeslot_id=b)
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', cart_page(s).text).group(1)
    r = form_post(s, "/cart/checkout", csrf=csrf, idempotency_key=key)
    m = re.fullmatch(r"/orders/(\d+)\?done=ordered", r.headers["Location"])
    assert m, r.headers["Location"]
    order = int(m.group(1))
    again = form_post(s, "/cart/checkout", csrf=csrf, idempotency_key=key)
    assert again.headers["Location"] == f"/orders/{order}", "sent twice, ordered once"
    page = s.get(url(f"/orders/{order}")).text
    assert 'id="order-total">€20.50<' in page and 'id="order-status" data-status="pending">Awaiting payment<' in page
    assert 'id="order-due">€20.50<' in page
    assert f"order={order}&amp;amount=2050" in page, "the Pay button pays the order"
    assert len(re.findall(r'<tr data-booking="\d+"', page)) == 2
    me = s.get(url("/me")).text
    group = re.search(r'<tbody class="order" data-order="%d">(.*?)</tbody>' % order, me, re.S)
    assert group, me
    assert "2 bookings, total <span class=\"order-total\">€20.50</span>" in group.group(1)
    assert len(re.findall(r'<tr data-booking=', group.group(1))) == 2
    r = form_post(s, "/cart/clear", csrf=csrf)
    assert r.headers["Location"] == "/cart?done=cleared"
    assert 'id="cart-empty"' in cart_page(s).text
    other, _, _ = browser_user()
    assert other.get(url(f"/orders/{order}")).status_code == 404


def test_the_checkout_page_says_which_item_failed_and_why():
    s, uid, csrf = browser_user()
    room = make_room(name="Full Room " + uuid.uuid4().hex[:6])
    ok = make_slot(room, at(day(10), 9), price="5.00")
    full = make_slot(room, at(day(10), 11), price="5.00", capacity=1)
    for slot in (ok, full):
        form_post(s, "/cart/items", csrf=csrf, timeslot_id=slot)
    add_booking(api_user()[0], full)
    r = form_post(s, "/cart/checkout", csrf=csrf)
    assert r.status_code == 409
    assert re.search(r'id="cart-error" data-code="slot_full">Nothing was booked: [^<]*11:00'
                     r' could not be booked\. This timeslot is full\.<', r.text), r.text
    assert re.search(r'data-slot="%d" class="failed">' % full, r.text)
    assert cart_of(uid) == [ok, full]
    r = form_post(s, "/cart/items", csrf=csrf, timeslot_id=full)
    assert r.status_code == 409 and "This timeslot is full." in r.text
    assert form_post(s, "/cart/items/4000000000/remove", csrf=csrf).status_code == 404
    assert form_post(s, "/cart/items", csrf=csrf, timeslot_id=4000000000).status_code == 404
    form_post(s, "/cart/clear", csrf=csrf)
    r = form_post(s, "/cart/checkout", csrf=csrf)
    assert r.status_code == 409 and "Your cart is empty." in r.text


def test_a_full_cart_takes_no_more_items():
    _, _, h = api_user()
    room = make_room()
    ids = [make_slot(room, later(100 + i), price="1.00") for i in range(21)]
    for s in ids[:20]:
        assert api("POST", "/cart/items", h, {"timeslotId": s}).status_code == 201
    r = api("POST", "/cart/items", h, {"timeslotId": ids[20]})
    assert r.status_code == 409 and r.json()["error"]["code"] == "cart_full"
    assert api("POST", "/cart/items", h, {"timeslotId": ids[0]}).status_code == 201, \
        "one already there is no new item"


def test_items_added_at_once_to_a_nearly_full_cart_fill_it_and_no_more():
    """A cart one short of its 20 items gets eight new ones at once: the adds take turns
    under the user's row, so one goes in and seven are refused cart_full."""
    room = make_room()
    for i in range(3):
        _, _, h = api_user()
        ids = [make_slot(room, later(300 + 30 * i + k), price="1.00") for k in range(27)]
        for s in ids[:19]:
            assert api("POST", "/cart/items", h, {"timeslotId": s}).status_code == 201
        got = codes(at_once([post("/cart/items", h, {"timeslotId": s}) for s in ids[19:]]))
        assert sorted(got) == [(201, None)] + [(409, "cart_full")] * 7, (i, got)


def test_the_backfill_gives_each_booking_made_before_orders_an_order_of_its_own():
    """sql/029_order_backfill.sql, run again over bookings written without an order."""
    migration = (pathlib.Path(__file__).parents[2] / "sql" / "029_order_backfill.sql").read_text()
    uid, _, h = api_user()
    paid_slot, held_slot, gone_slot = slots(3, price="8.00")
    paid = add_booking(uid, paid_slot, "confirmed", "paid")
    held = add_booking(uid, held_slot, "pending", "pending", hold_minutes=10)
    gone = add_booking(uid, gone_slot, "cancelled", "pending")
    touched = sql("SELECT updated_at FROM bookings WHERE id = ?", paid)
    sql(migration)
    rows = sql("SELECT b.id, o.user_id, o.status, o.total FROM bookings b"
               " JOIN orders o ON o.id = b.order_id WHERE b.user_id = ? ORDER BY b.id", uid)
    assert rows == [[str(paid), str(uid), "paid", "8.00"], [str(held), str(uid), "pending", "8.00"],
                    [str(gone), str(uid), "cancelled", "8.00"]]
    assert len({r[0] for r in sql("SELECT order_id FROM bookings WHERE user_id = ?", uid)}) == 3
    assert sql("SELECT updated_at FROM bookings WHERE id = ?", paid) == touched
    assert sql("SELECT COUNT(*) FROM bookings WHERE order_id IS NULL") == [["0"]]
    o = api("GET", f"/orders/{api('GET', f'/bookings/{paid}', h).json()['orderId']}", h).json()
    assert (o["status"], o["total"], [b["id"] for b in o["bookings"]]) == ("paid", 8.0, [paid])
    before = orders_of(uid)
    sql(migration)
    assert orders_of(uid) == before, "twice changes nothing"


def test_a_checkouts_booking_is_paid_with_its_order_until_part_of_it_is_cancelled():
    s, uid, csrf = browser_user()
    room = make_room(name="Pay Together " + uuid.uuid4().hex[:6])
    a = make_slot(room, at(day(11), 10), price="12.00")
    b = make_slot(room, at(day(11), 12), price="8.00")
    for slot in (a, b):
        form_post(s, "/cart/items", csrf=csrf, timeslot_id=slot)
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', cart_page(s).text).group(1)
    r = form_post(s, "/cart/checkout", csrf=csrf, idempotency_key=key)
    order = int(re.fullmatch(r"/orders/(\d+)\?done=ordered", r.headers["Location"]).group(1))
    first, second = [int(x) for (x,) in sql("SELECT id FROM bookings WHERE order_id = ?"
                                            " ORDER BY start_time", order)]
    page = s.get(url(f"/bookings/{first}")).text
    assert 'id="pay-with-order"' in page and f'href="/orders/{order}#pay"' in page
    assert f"booking={first}&amp;amount" not in page, "one payment for the order, not two"
    me = s.get(url("/me")).text
    assert me.count(f'href="/orders/{order}#pay"') == 2
    assert f"booking={first}&amp;amount" not in me and f"booking={second}&amp;amount" not in me
    whole = s.get(url(f"/orders/{order}")).text
    assert f"order={order}&amp;amount=2000" in whole and 'id="pay"' in whole

    r = form_post(s, f"/bookings/{second}/cancel", csrf=csrf)
    assert r.status_code == 303, r.text
    page = s.get(url(f"/orders/{order}")).text
    assert 'id="order-due">€12.00<' in page
    assert f"order={order}&amp;amount" not in page          # its total is no longer due
    assert f"booking={first}&amp;amount=1200" in page
    assert f"booking={second}&amp;amount" not in page
    assert send(event(first, 1200)).json()["outcome"] == "confirmed"
    assert sql("SELECT status FROM orders WHERE id = ?", order) == [["paid"]]
    assert 'id="order-due"' not in s.get(url(f"/orders/{order}")).text
