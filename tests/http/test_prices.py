"""test_prices.py: every booking and order in parts (base, discount, tax,
total), discount codes and the printable receipt.

scripts/test runs the stack with tax_percent 19 and prices_include_tax on
(the default); the sums below are worked out by hand (tests/unit checks the
rounding with tax added on top as well)."""
import datetime as dt
import os
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import (CA, api_user, api_users, booking_row, browser_user, make_event, make_room,
                      make_slot, sql, url, utc_now)

pytestmark = pytest.mark.skipif(os.environ.get("BOOKING_TAX_PERCENT") != "19",
                                reason="the stack's tax_percent is not 19 (scripts/test sets it)")


def later(hours):
    return utc_now() + dt.timedelta(hours=hours)


def api(method, path, headers, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def admin():
    return api_user(name="Price Admin", role="admin")[2]


def discount(**fields):
    fields.setdefault("code", "C" + os.urandom(5).hex())
    r = api("POST", "/admin/discounts", admin(), json=fields)
    assert r.status_code == 201, r.text
    return r.json()


def parts(o):
    return [o["basePrice"], o["discountAmount"], o["taxAmount"], o["totalPrice"]]


def test_a_booking_carries_its_parts_with_the_tax_included_and_rounded_half_up():
    _, _, h = api_user()
    r = api("POST", "/bookings", h, json={"timeslotId": make_slot(make_room(), later(50),
                                                                     price="17.50")})
    assert r.status_code == 201, r.text
    b = r.json()
    # 17.50 * 19 / 119 = 2.794
    assert parts(b) == [17.5, 0, 2.79, 17.5] and b["price"] == 17.5
    assert booking_row(b["id"], "base_price", "discount_amount", "tax_amount", "total_price",
                       "price") == ["17.50", "0.00", "2.79", "17.50", "17.50"]
    o = api("GET", f"/orders/{b['orderId']}", h).json()
    assert parts(o) == [17.5, 0, 2.79, 17.5] and o["total"] == 17.5


def test_a_checkout_of_three_lines_sums_the_tax_of_each_line_and_a_tax_free_room_has_none():
    _, _, h = api_user()
    room, free = make_room(), make_room()
    sql("UPDATE rooms SET tax_free = 1 WHERE id = ?", free)
    slots = [make_slot(room, later(60), price="10.00"), make_slot(room, later(62), price="12.34"),
             make_slot(room, later(64), price="0.05"), make_slot(free, later(66), price="9.99")]
    for s in slots:
        assert api("POST", "/cart/items", h, json={"timeslotId": s}).status_code == 201
    r = api("POST", "/cart/checkout", h, json={})
    assert r.status_code == 201, r.text
    o = r.json()
    # 1.5966 + 1.9701 + 0.0080 per line: 1.60 + 1.97 + 0.01, where the sum
    # rounded once would be 3.57
    assert parts(o) == [32.38, 0, 3.58, 32.38]
    taxes = {b["timeslotId"]: b["taxAmount"] for b in o["bookings"]}
    assert taxes == {slots[0]: 1.6, slots[1]: 1.97, slots[2]: 0.01, slots[3]: 0}


def test_a_percent_code_takes_its_share_before_the_tax_and_the_refund_follows_what_was_paid():
    d = discount(percent=10)
    _, _, h = api_user()
    slot = make_slot(make_room(), later(10), price="12.34")
    r = api("POST", "/bookings", h, json={"timeslotId": slot, "discountCode": d["code"]})
    assert r.status_code == 201, r.text
    b = r.json()
    # 1.234 off -> 1.23; 11.11 * 19 / 119 = 1.7738
    assert parts(b) == [12.34, 1.23, 1.77, 11.11] and b["price"] == 11.11
    assert sql("SELECT uses FROM discounts WHERE id = ?", d["id"]) == [["1"]]
    sql("UPDATE bookings SET status = 'confirmed', payment_status = 'paid', paid_amount = price,"
        " hold_expires_at = NULL WHERE id = ?", b["id"])
    # 10 hours ahead is the partial tier: half of 11.11 paid, not of 12.34
    r = api("PUT", f"/bookings/{b['id']}/cancel", h)
    assert r.status_code == 200 and r.json()["refundAmount"] == 5.55
    # a cancellation outside the free tier keeps the use counted
    assert sql("SELECT uses FROM discounts WHERE id = ?", d["id"]) == [["1"]]


def test_a_cancellation_in_the_free_tier_gives_the_use_back():
    d = discount(amountOff=5, maxUses=1)
    _, _, h = api_user()
    b = api("POST", "/bookings", h, json={"timeslotId": make_slot(make_room(), later(80),
                                                                     price="3.00"),
                                          "discountCode": d["code"]}).json()
    # all of it taken off: free, so confirmed at once
    assert parts(b) == [3.0, 3.0, 0, 0] and b["status"] == "confirmed"
    assert sql("SELECT uses FROM discounts WHERE id = ?", d["id"]) == [["1"]]
    assert api("PUT", f"/bookings/{b['id']}/cancel", h).status_code == 200
    assert sql("SELECT uses FROM discounts WHERE id = ?", d["id"]) == [["0"]]


def test_codes_that_cannot_be_used_are_refused_naming_why_never_a_silent_full_price():
    _, _, h = api_user()
    room = make_room()
    hours = iter(range(90, 120))

    def refused(code, reason, slot=None):
        r = api("POST", "/bookings", h, json={"timeslotId": slot or make_slot(room, later(next(hours))),
                                              "discountCode": code})
        assert r.status_code == 409, r.text
        assert r.json()["error"]["code"] == reason
    refused("NO-SUCH-CODE", "discount_unknown")
    past = discount(percent=5, validUntil=(utc_now() - dt.timedelta(days=1))
                    .strftime("%Y-%m-%dT%H:%M:%SZ"))
    refused(past["code"], "discount_expired")
    soon = discount(percent=5, validFrom=(utc_now() + dt.timedelta(days=1))
                    .strftime("%Y-%m-%dT%H:%M:%SZ"))
    refused(soon["code"], "discount_expired")
    spent = discount(percent=5, maxUses=1)
    sql("UPDATE discounts SET uses = 1 WHERE id = ?", spent["id"])
    refused(spent["code"], "discount_used_up")
    other = discount(percent=5, roomId=make_room())
    refused(other["code"], "discount_not_applicable")
    once = discount(percent=5, oncePerCustomer=True)
    assert api("POST", "/bookings", h, json={"timeslotId": make_slot(room, later(next(hours))),
                                             "discountCode": once["code"]}).status_code == 201
    refused(once["code"], "discount_already_used")
    # nothing was booked by the refusals
    assert sql("SELECT COUNT(*) FROM bookings b JOIN timeslots t ON t.id = b.timeslot_id"
               " WHERE t.room_id = ?", room) == [["1"]]


def test_the_admin_api_checks_and_changes_codes():
    a = admin()
    r = api("POST", "/admin/discounts", a, json={"code": "bad code!", "percent": 500})
    assert r.status_code == 400
    assert set(r.json()["error"]["fields"]) >= {"code", "percent"}
    r = api("POST", "/admin/discounts", a, json={"code": "NOAMOUNT" + os.urandom(3).hex()})
    assert r.status_code == 400 and "percent" in r.json()["error"]["fields"]
    d = discount(percent=20)
    r = api("POST", "/admin/discounts", a, json={"code": d["code"], "percent": 5})
    assert r.status_code == 409 and "code" in r.json()["error"]["fields"]
    r = api("PATCH", f"/admin/discounts/{d['id']}", a, json={"amountOff": 2.5, "maxUses": 3})
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["percent"], got["amountOff"], got["maxUses"], got["code"]) == \
        (None, 2.5, 3, d["code"])
    assert api("PATCH", "/admin/discounts/999999999", a, json={"percent": 5}).status_code == 404
    _, _, h = api_user()
    assert api("GET", "/admin/discounts", h).status_code == 403


def test_a_code_with_one_use_left_given_to_twenty_bookings_at_once_discounts_exactly_one():
    d = discount(percent=50, maxUses=1)
    room = make_room()
    users = api_users(20, name="Discount Racer")
    slots = [make_slot(room, later(100 + i), price="20.00") for i in range(20)]
    sessions = []
    for _ in users:
        s = requests.Session()
        s.verify = CA
        s.trust_env = False
        assert s.get(url("/ping")).status_code == 200
        sessions.append(s)
    barrier = threading.Barrier(20)

    def run(i):
        barrier.wait(timeout=30)
        return sessions[i].post(url("/api/v1/bookings"), headers=users[i][2],
                                json={"timeslotId": slots[i], "discountCode": d["code"]})
    with ThreadPoolExecutor(max_workers=20) as pool:
        out = list(pool.map(run, range(20)))
    for s in sessions:
        s.close()
    ok = [r for r in out if r.status_code == 201]
    assert len(ok) == 1, [r.text for r in out]
    assert parts(ok[0].json()) == [20.0, 10.0, 1.6, 10.0]
    assert all(r.status_code == 409 and r.json()["error"]["code"] == "discount_used_up"
               for r in out if r.status_code != 201)
    assert sql("SELECT uses FROM discounts WHERE id = ?", d["id"]) == [["1"]]
    assert sql("SELECT COUNT(*) FROM discount_uses WHERE discount_id = ?", d["id"]) == [["1"]]


def test_the_pages_show_the_parts_and_the_receipt_prints_the_seller():
    d = discount(percent=10)
    s, uid, csrf = browser_user()
    slot = make_slot(make_room(name="Receipt Room " + os.urandom(3).hex()), later(70), price="12.34")
    page = s.get(url(f"/timeslots/{slot}")).text
    assert 'name="discount_code"' in page
    r = s.post(url("/bookings"), data={"csrf": csrf, "timeslot_id": slot,
                                       "discount_code": d["code"]}, allow_redirects=False)
    assert r.status_code == 303, r.text
    bid = int(r.headers["Location"].split("/bookings/")[1].split("?")[0])
    page = s.get(url(f"/bookings/{bid}")).text
    assert '<dd id="discount">−€1.23</dd>' in page and '<dd id="tax">€1.77</dd>' in page
    order = sql("SELECT order_id FROM bookings WHERE id = ?", bid)[0][0]
    page = s.get(url(f"/orders/{order}")).text
    assert f'href="/orders/{order}/receipt"' in page and '<dd id="order-total">€11.11</dd>' in page
    r = s.get(url(f"/orders/{order}/receipt"))
    assert r.status_code == 200
    for part in ['<span id="site-address">1 Test Street, Testtown</span>',
                 '<span id="tax-id">DE123456789</span>', '<td id="receipt-base">€12.34</td>',
                 '<td id="receipt-discount">€1.23</td>', '<td id="receipt-tax">€1.77</td>',
                 '<td id="receipt-total">€11.11</td>', "Receipt Room"]:
        assert part in r.text, part
    other, _, _ = browser_user()
    assert other.get(url(f"/orders/{order}/receipt")).status_code == 404
    r = s.post(url("/bookings"), data={"csrf": csrf, "timeslot_id": make_slot(make_room(),
                                       later(71)), "discount_code": "NOPE"},
               allow_redirects=False)
    assert r.status_code == 409 and "There is no such discount code." in r.text
    csv = browser_user(role="admin")[0].get(url(
        f"/admin/bookings.csv?email={sql('SELECT email FROM users WHERE id = ?', uid)[0][0]}"))
    assert csv.text.splitlines()[1].split(",")[10:14] == ["12.34", "1.23", "1.77", "11.11"]


def test_the_admin_page_lists_and_makes_codes():
    s, _, csrf = browser_user(role="admin")
    code = "PAGE" + os.urandom(3).hex()
    r = s.post(url("/admin/discounts"), data={"csrf": csrf, "code": code, "percent": "15",
                                              "maxUses": "4"}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("done=created")
    page = s.get(url("/admin/discounts?done=created")).text
    assert "The discount code is made." in page and code in page and "0 of 4" in page
    r = s.post(url("/admin/discounts"), data={"csrf": csrf, "code": code, "percent": "15"})
    assert r.status_code == 409 and "This code exists already." in r.text
    r = s.post(url("/admin/discounts"), data={"csrf": csrf, "code": "X" + code})
    assert r.status_code == 400 and "Give a percent or an amountOff." in r.text


def test_rooms_and_events_are_marked_tax_free_through_the_api():
    a = admin()
    r = api("POST", "/admin/rooms", a, json={"name": "Tax-free " + os.urandom(3).hex(),
                                             "capacity": 3, "roomType": "meeting",
                                             "hourlyRate": 10, "taxFree": True})
    assert r.status_code == 201 and r.json()["taxFree"] is True, r.text
    room = r.json()["id"]
    r = api("PATCH", f"/admin/rooms/{room}", a, json={"taxFree": False})
    assert r.json()["taxFree"] is False
    ev = api("POST", "/admin/events", a, json={"title": "Tax-free talk", "kind": "workshop",
                                                "taxFree": True})
    assert ev.status_code == 201, ev.text
    slot = make_slot(room, later(120), price="11.90", event_id=ev.json()["id"])
    _, _, h = api_user()
    b = api("POST", "/bookings", h, json={"timeslotId": slot}).json()
    assert parts(b) == [11.9, 0, 0, 11.9]
    b = api("POST", "/bookings", h, json={"timeslotId": make_slot(room, later(122),
                                                                     price="11.90")}).json()
    assert parts(b) == [11.9, 0, 1.9, 11.9]


def test_a_move_keeps_the_discount_and_asks_for_no_more_money():
    d = discount(percent=10)
    _, _, h = api_user()
    room = make_room()
    a = make_slot(room, later(130), price="20.00")
    b = make_slot(room, later(132), price="20.00")
    r = api("POST", "/bookings", h, json={"timeslotId": a, "discountCode": d["code"]})
    assert r.status_code == 201, r.text
    bid = r.json()["id"]
    sql("UPDATE bookings SET status = 'confirmed', payment_status = 'paid', paid_amount = price,"
        " hold_expires_at = NULL WHERE id = ?", bid)
    r = api("POST", f"/bookings/{bid}/reschedule", h, json={"timeslotId": b})
    assert r.status_code == 200, r.text
    # 2.00 off the new 20.00 as before; 18.00 * 19 / 119 = 2.874
    assert parts(r.json()) == [20.0, 2.0, 2.87, 18.0] and r.json()["refundAmount"] == 0
    assert booking_row(bid, "discount_id") == [str(d["id"])]
    # an amount off moves with no more than it took before
    e = discount(amountOff=5)
    c = make_slot(room, later(134), price="4.00")
    f = make_slot(room, later(136), price="3.00")
    bid = api("POST", "/bookings", h, json={"timeslotId": c, "discountCode": e["code"]}).json()["id"]
    assert booking_row(bid, "discount_amount", "price") == ["4.00", "0.00"]
    r = api("POST", f"/bookings/{bid}/reschedule", h, json={"timeslotId": f})
    assert r.status_code == 200, r.text
    assert parts(r.json()) == [3.0, 3.0, 0, 0]


def test_a_package_order_carries_its_tax_and_one_of_tax_free_events_none():
    _, _, a = api_user(role="admin")
    taxed, free = make_event(), make_event()
    sql("UPDATE events SET tax_free = 1 WHERE id = ?", free)
    orders = []
    for ev in (taxed, free):
        r = api("POST", "/admin/packages", a, json={"name": "Pack " + os.urandom(3).hex(),
                                                   "price": "11.90", "expiryDays": 30})
        assert r.status_code == 201, r.text
        pid = r.json()["id"]
        assert api("PUT", f"/admin/packages/{pid}/items", a,
                   json={"eventId": ev, "quantity": 2}).status_code == 200
        _, _, h = api_user()
        r = api("POST", f"/packages/{pid}/buy", h)
        assert r.status_code == 201, r.text
        orders.append(r.json())
    # 11.90 * 19 / 119 = 1.90
    assert parts(orders[0]) == [11.9, 0, 1.9, 11.9] and orders[0]["total"] == 11.9
    assert parts(orders[1]) == [11.9, 0, 0, 11.9]


def test_the_admin_forms_mark_rooms_and_events_tax_free_with_a_checkbox():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    page = s.get(url(f"/admin/rooms/{room}")).text
    assert 'name="taxFree" value="1">' in page
    r = s.post(url(f"/admin/rooms/{room}"), data=[("csrf", csrf), ("taxFree", "1"),
                                                  ("taxFree", "0")], allow_redirects=False)
    assert r.status_code == 303, r.text
    assert sql("SELECT tax_free FROM rooms WHERE id = ?", room) == [["1"]]
    assert 'name="taxFree" value="1" checked>' in s.get(url(f"/admin/rooms/{room}")).text
    # a form sent without the box leaves it as it was; unticked, it sends the hidden 0
    s.post(url(f"/admin/rooms/{room}"), data={"csrf": csrf, "name": "Renamed " + os.urandom(3).hex()},
           allow_redirects=False)
    assert sql("SELECT tax_free FROM rooms WHERE id = ?", room) == [["1"]]
    s.post(url(f"/admin/rooms/{room}"), data={"csrf": csrf, "taxFree": "0"}, allow_redirects=False)
    assert sql("SELECT tax_free FROM rooms WHERE id = ?", room) == [["0"]]
    ev = make_event()
    r = s.post(url(f"/admin/events/{ev}"), data=[("csrf", csrf), ("taxFree", "1"),
                                                ("taxFree", "0")], allow_redirects=False)
    assert r.status_code == 303, r.text
    assert sql("SELECT tax_free FROM events WHERE id = ?", ev) == [["1"]]
    assert 'name="taxFree" value="1" checked>' in s.get(url(f"/admin/events/{ev}")).text
    assert api("GET", f"/events/{ev}", admin()).json()["taxFree"] is True


def test_a_refused_code_stays_in_the_form_with_its_reason():
    s, _, csrf = browser_user()
    slot = make_slot(make_room(), later(140))
    r = s.post(url("/bookings"), data={"csrf": csrf, "timeslot_id": slot,
                                       "discount_code": "NOPE-1"}, allow_redirects=False)
    assert r.status_code == 409
    assert 'name="discount_code" value="NOPE-1"' in r.text and 'aria-invalid="true"' in r.text
    assert '<span class="field-error" id="discount_code-error">There is no such discount code.' \
        in r.text
    spent = discount(percent=5, maxUses=1)
    sql("UPDATE discounts SET uses = 1 WHERE id = ?", spent["id"])
    assert s.post(url("/cart/items"), data={"csrf": csrf, "timeslot_id": slot},
                  allow_redirects=False).status_code == 303
    r = s.post(url("/cart/checkout"), data={"csrf": csrf, "discount_code": spent["code"]},
               allow_redirects=False)
    assert r.status_code == 409
    assert f'name="discount_code" value="{spent["code"]}"' in r.text
    assert "This discount code has been used up." in r.text
    # in German, the reason too
    r = s.post(url("/cart/checkout"), data={"csrf": csrf, "discount_code": "NOPE-2"},
               headers={"Accept-Language": "de"}, allow_redirects=False)
    assert "Diesen Rabattcode gibt es nicht." in r.text


def test_the_report_tallies_count_what_was_paid_after_the_discount():
    from test_payments import event, send
    d = discount(percent=10)
    _, _, h = api_user()
    slot = make_slot(make_room(), later(10), price="12.34")
    b = api("POST", "/bookings", h, json={"timeslotId": slot, "discountCode": d["code"]}).json()
    # the payment is the total after the discount, not the base price
    assert send(event(b["id"], 1111)).json()["outcome"] == "confirmed"
    tally = "SELECT received, refunds, net FROM report_tallies WHERE timeslot_id = ?"
    assert sql(tally, slot) == [["11.11", "0.00", "11.11"]]
    # half of what was paid comes back in the partial tier, and the tally follows
    assert api("PUT", f"/bookings/{b['id']}/cancel", h).json()["refundAmount"] == 5.55
    assert sql(tally, slot) == [["11.11", "5.55", "5.56"]]


def test_where_prices_leave_the_tax_out_the_pages_say_plus_tax(tmp_path):
    """A worker of its own, on a socket of its own, with prices_include_tax
    off in a copy of the stack's settings."""
    from test_headers import fastcgi
    text = open(os.environ["BOOKING_CONFIG"]).read().splitlines()
    conf = tmp_path / "booking.conf"
    conf.write_text("\n".join([line for line in text if not line.startswith("prices_include_tax")]
                              + ["prices_include_tax = 0"]) + "\n")
    sock = str(tmp_path / "net.sock")
    worker = os.path.join(os.path.dirname(os.environ["BOOKING_CTL"]), "booking-fcgi")
    proc = subprocess.Popen(["spawn-fcgi", "-n", "-s", sock, "--", worker],
                            env=dict(os.environ, BOOKING_CONFIG=str(conf)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the worker did not open its socket")
        taxed = make_slot(make_room(), later(80), price="10.00")
        free_room = make_room()
        sql("UPDATE rooms SET tax_free = 1 WHERE id = ?", free_room)
        untaxed = make_slot(free_room, later(82), price="10.00")
        status, _, body = fastcgi("GET", f"/timeslots/{taxed}", socket=sock)
        assert status == 200 and "<dd>€10.00 + tax</dd>" in body.decode()
        status, _, body = fastcgi("GET", f"/timeslots/{untaxed}", socket=sock)
        assert status == 200 and "<dd>€10.00</dd>" in body.decode()
        assert "+ tax" not in body.decode()
        # the stack's own workers include the tax: no "+ tax"
        assert "<dd>€10.00</dd>" in requests.get(url(f"/timeslots/{taxed}"), verify=CA).text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
