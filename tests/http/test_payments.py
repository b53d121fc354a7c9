"""test_payments.py: POST /api/v1/payments/webhook, the payment provider's
signed events (rules 4 and 5), and the pending booking's Pay button.

The signature is HMAC-SHA256 of "<t>.<body>" with webhook_secret (the test
stack's booking.conf, written by scripts/test like scripts/up does)."""
import hashlib
import hmac
import json
import os
import time

import requests

from conftest import (CA, add_booking, api_user, at, browser_user, day, make_room, make_slot,
                      make_user, recount_seats, sql, url)


def secret():
    value = os.environ.get("BOOKING_WEBHOOK_SECRET")
    if value:
        return value
    with open(os.environ["BOOKING_CONFIG"]) as f:
        for line in f:
            key, _, v = line.partition("=")
            if key.strip() == "webhook_secret":
                value = v.strip()
    assert value, "no webhook_secret in the test stack's config"
    return value


def signature(body, t=None, key=None):
    t = int(time.time()) if t is None else t
    mac = hmac.new((key or secret()).encode(), f"{t}.".encode() + body, hashlib.sha256)
    return f"t={t},v1={mac.hexdigest()}"


def send(event, sig=None, raw=None):
    body = raw if raw is not None else json.dumps(event).encode()
    headers = {"Content-Type": "application/json"}
    if sig is not False:
        headers["Booking-Signature"] = sig if sig is not None else signature(body)
    return requests.post(url("/api/v1/payments/webhook"), data=body, headers=headers,
                         verify=CA)


def event(booking, amount, kind="payment.succeeded"):
    return {"id": "evt_" + os.urandom(8).hex(), "type": kind, "bookingId": booking,
            "paymentId": "pi_" + os.urandom(6).hex(), "amount": amount}


def pending_booking(price="17.50", hold_minutes=10, capacity=4):
    room = make_room(rate="20.00", capacity=capacity)
    slot = make_slot(room, at(day(12), 10), price=price, capacity=capacity)
    uid = make_user()
    booking = add_booking(uid, slot, status="pending", payment_status="pending",
                          hold_minutes=hold_minutes)
    return booking, slot, uid


def state(booking):
    return sql("SELECT status, payment_status, COALESCE(payment_id, '') FROM bookings"
               " WHERE id = ?", booking)[0]


def outcome(ev):
    return sql("SELECT outcome FROM payment_events WHERE event_id = ?", ev["id"])


def test_a_signed_payment_of_the_right_amount_confirms_the_pending_booking():
    booking, _, uid = pending_booking()
    ev = event(booking, 1750)
    r = send(ev)
    assert r.status_code == 200, r.text
    assert r.json() == {"received": True, "outcome": "confirmed"}
    assert state(booking) == ["confirmed", "paid", ev["paymentId"]]
    assert sql("SELECT type FROM reminders WHERE booking_id = ? ORDER BY id", booking) == \
        [["email_24h"], ["email_1h"]]
    assert sql("SELECT kind FROM mail_outbox WHERE booking_id = ?", booking) == [["confirmed"]]
    assert outcome(ev) == [["confirmed"]]


def test_a_missing_wrong_or_stale_signature_is_refused_and_changes_nothing():
    booking, _, _ = pending_booking()
    ev = event(booking, 1750)
    body = json.dumps(ev).encode()
    for sig in (False, "", "t=abc,v1=00", "v1=" + "0" * 64,
                signature(body, key="not the secret"),
                signature(body, t=int(time.time()) - 360),
                signature(body, t=int(time.time()) + 360),
                signature(body + b" ")):
        r = send(ev, sig=sig, raw=body)
        assert r.status_code == 400, (sig, r.text)
        assert r.json()["error"]["code"] == "bad_signature"
    assert state(booking) == ["pending", "pending", ""]
    assert outcome(ev) == []
    # a signature four minutes old still counts, and a second v1 may be the right one
    good = signature(body, t=int(time.time()) - 240)
    r = send(ev, sig="v1=" + "0" * 64 + "," + good, raw=body)
    assert r.status_code == 200, r.text


def test_the_same_event_twice_answers_200_and_changes_nothing_more():
    booking, _, _ = pending_booking()
    ev = event(booking, 1750)
    assert send(ev).json()["outcome"] == "confirmed"
    sql("UPDATE bookings SET payment_id = 'changed since' WHERE id = ?", booking)
    r = send(ev)
    assert r.status_code == 200 and r.json()["outcome"] == "replayed"
    assert state(booking) == ["confirmed", "paid", "changed since"]
    assert sql("SELECT COUNT(*) FROM mail_outbox WHERE booking_id = ?", booking) == [["1"]]
    # another event for a booking already paid does nothing either
    assert send(event(booking, 1750)).json()["outcome"] == "ignored"


def test_a_browser_session_cookie_does_not_stop_a_signed_event():
    s, _, _ = browser_user()
    booking, _, _ = pending_booking()
    body = json.dumps(event(booking, 1750)).encode()
    r = s.post(url("/api/v1/payments/webhook"), data=body,
               headers={"Content-Type": "application/json", "Booking-Signature": signature(body)})
    assert r.status_code == 200 and r.json()["outcome"] == "confirmed", r.text


def test_a_wrong_amount_is_409_on_record_and_leaves_the_booking_pending():
    booking, _, _ = pending_booking()
    ev = event(booking, 1700)
    r = send(ev)
    assert r.status_code == 409 and r.json()["error"]["code"] == "amount_mismatch"
    assert state(booking) == ["pending", "pending", ""]
    assert outcome(ev) == [["amount_mismatch"]]


def test_a_payment_for_an_expired_hold_retakes_a_free_seat():
    booking, slot, _ = pending_booking(hold_minutes=-5)
    r = send(event(booking, 1750))
    assert r.status_code == 200 and r.json()["outcome"] == "confirmed", r.text
    assert state(booking)[:2] == ["confirmed", "paid"]
    assert sql("SELECT paid_amount FROM bookings WHERE id = ?", booking) == [["17.50"]]
    assert sql("SELECT kind FROM mail_outbox WHERE booking_id = ? ORDER BY id", booking) == \
        [["hold_expired"], ["confirmed"]]
    # also once the runner has already released it
    booking, slot, _ = pending_booking(hold_minutes=-5)
    sql("UPDATE bookings SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP() WHERE id = ?",
        booking)
    recount_seats(slot)
    sql("INSERT INTO booking_events (booking_id, type, old_status, new_status, data)"
        " VALUES (?, 'cancelled', 'pending', 'cancelled', '{\"reason\":\"hold_expired\"}')", booking)
    assert send(event(booking, 1750)).json()["outcome"] == "confirmed"
    assert state(booking)[:2] == ["confirmed", "paid"]


def test_a_payment_for_an_expired_hold_whose_seat_is_gone_is_a_refund_due():
    booking, slot, _ = pending_booking(hold_minutes=-5, capacity=1)
    # another customer books the seat, which releases the lapsed hold first
    r = requests.post(url("/api/v1/bookings"), headers=api_user()[2], json={"timeslotId": slot},
                      verify=CA)
    assert r.status_code == 201, r.text
    ev = event(booking, 1750)
    r = send(ev)
    assert r.status_code == 200 and r.json()["outcome"] == "refund_due", r.text
    assert state(booking)[:2] == ["cancelled", "pending"]
    assert outcome(ev) == [["refund_due"]]
    admin, _, _ = browser_user(role="admin")
    page = admin.get(url("/admin/mail")).text
    assert ev["id"] in page and "refund_due" in page
    # so is one for a booking its owner cancelled before paying
    booking, _, _ = pending_booking()
    sql("UPDATE bookings SET status = 'cancelled' WHERE id = ?", booking)
    recount_seats(booking_id=booking)
    assert send(event(booking, 1750)).json()["outcome"] == "refund_due"


def test_a_refund_is_recorded_and_never_more_than_was_paid():
    booking, _, _ = pending_booking()
    send(event(booking, 1750))
    r = send(event(booking, 2000, "payment.refunded"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "amount_mismatch"
    r = send(event(booking, 500, "payment.refunded"))
    assert r.status_code == 200 and r.json()["outcome"] == "refunded"
    assert sql("SELECT payment_status, paid_amount, refund_amount FROM bookings WHERE id = ?",
               booking) == [["refunded", "12.50", "5.00"]]
    # Nothing paid, nothing to give back, whatever the price.
    unpaid, _, _ = pending_booking()
    r = send(event(unpaid, 500, "payment.refunded"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "amount_mismatch"


def test_unknown_bookings_types_and_fields():
    r = send(event(4294967295, 100))
    assert r.status_code == 404
    booking, _, _ = pending_booking()
    assert send(event(booking, 1750, "payment.disputed")).json()["outcome"] == "ignored"
    ev = event(booking, 1750)
    del ev["amount"]
    r = send(ev)
    assert r.status_code == 400 and r.json()["error"]["code"] != "bad_signature"
    assert state(booking) == ["pending", "pending", ""]


def test_a_pending_booking_page_shows_the_amount_the_pay_by_time_and_a_pay_button():
    s, uid, _ = browser_user()
    room = make_room(rate="20.00")
    slot = make_slot(room, at(day(13), 10), price="12.00")
    booking = add_booking(uid, slot, status="pending", payment_status="pending",
                          hold_minutes=10)
    page = s.get(url(f"/bookings/{booking}")).text
    assert "Amount due: <strong>€12.00</strong>" in page and 'id="pay-by"' in page
    assert (f'href="https://pay.example.com/checkout?shop=booking&amp;booking={booking}'
            f'&amp;amount=1200"') in page
    send(event(booking, 1200))
    page = s.get(url(f"/bookings/{booking}")).text
    assert 'id="pay"' not in page and "Amount due" not in page
