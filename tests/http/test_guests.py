"""test_guests.py: booking without an account (issue 18), end to end through the
test mail sink: the guest books with a name and an email, the seat is held like any
unpaid booking, the mailed link proves the address (a free booking is then
confirmed), every mail carries the booking's private manage link /b/{token}, which
shows and cancels that booking only; an unverified hold runs out like any other; the
same email books again as the same guest; signing up or logging in with it brings
the bookings along. Time is driven with bookingctl's --now, never with sleeps."""
import datetime as dt
import re

import requests

from conftest import (CA, CSRF_RE, api_user, at, browser, csrf_of, day, login, mail_text,
                      mail_to, make_room, make_slot, new_email, register, run_jobs, sql,
                      url)

VERIFY_RE = re.compile(r"/guest/verify/([0-9a-f]{64})")
MANAGE_RE = re.compile(r"/b/([0-9a-f]{32})")


def call(method, path, **kw):
    kw.setdefault("allow_redirects", False)
    return requests.request(method, url(path), verify=CA, **kw)


def book(slot, email, name="Gina Guest", **extra):
    return call("POST", "/api/v1/guest/bookings",
                json={"timeslotId": slot, "name": name, "email": email, **extra})


def newest(email, regex, since=0):
    """The last match of regex in the mail delivered to email (run-jobs delivers it),
    among the messages after the first since ones."""
    run_jobs()
    found = [m.group(1) for msg in mail_to(email)[since:]
             for m in [regex.search(mail_text(msg))] if m]
    assert found, f"no link mailed to {email}"
    return found[-1]


def booking_of(email):
    """(id, status, payment_status, timeslot booked) of the email's newest booking."""
    rows = sql("SELECT b.id, b.status, b.payment_status, t.booked FROM bookings b"
               " JOIN users u ON u.id = b.user_id JOIN timeslots t ON t.id = b.timeslot_id"
               " WHERE u.email = ? ORDER BY b.id DESC LIMIT 1", email)
    return int(rows[0][0]), rows[0][1], rows[0][2], int(rows[0][3])


def verify(token, session=None):
    s = session or browser()
    page = s.get(url(f"/guest/verify/{token}"), allow_redirects=False)
    assert page.status_code == 200 and f'action="/guest/verify/{token}"' in page.text
    return s.post(url(f"/guest/verify/{token}"), allow_redirects=False)


def slot(price="0.00", days=5, hour=10, capacity=3, **room):
    return make_slot(make_room(**room), at(day(days), hour), price=price, capacity=capacity)


def test_a_guest_books_verifies_and_cancels_through_the_manage_link():
    s, email = slot(), new_email("guest")
    r = book(s, email, phone="+49 30 1234567")
    assert r.status_code == 202
    assert r.json()["status"] == "verification_sent"
    assert set(r.json()) == {"status", "message"}           # no id, no token
    bid, status, _, booked = booking_of(email)
    assert (status, booked) == ("pending", 1)               # free, but held until proved
    assert sql("SELECT hold_expires_at IS NOT NULL FROM bookings WHERE id = ?", bid) == [["1"]]
    assert sql("SELECT g.phone FROM guests g JOIN users u ON u.id = g.user_id"
               " WHERE u.email = ?", email) == [["+49 30 1234567"]]

    link = newest(email, VERIFY_RE)
    manage = newest(email, MANAGE_RE)
    msg = mail_to(email)[-1]
    assert msg["Subject"].startswith("Confirm your booking")
    assert "/bookings/" not in mail_text(msg)               # no account to look in
    shown = call("GET", f"/api/v1/guest/bookings/{manage}")
    assert shown.status_code == 200 and shown.json()["id"] == bid
    assert shown.json()["status"] == "pending"
    page = call("GET", f"/b/{manage}")
    assert page.status_code == 200 and 'id="unverified"' in page.text

    done = verify(link)
    assert done.status_code == 303
    assert MANAGE_RE.match(done.headers["Location"]) and "done=verified" in done.headers["Location"]
    assert booking_of(email)[1:3] == ("confirmed", "paid")
    assert verify_refused(link)                             # the link works once
    confirmed = newest(email, MANAGE_RE, since=1)
    assert mail_to(email)[-1]["Subject"].startswith("Confirmed")
    assert call("GET", "/api/v1/guest/bookings/" + confirmed).json()["status"] == "confirmed"
    code = sql("SELECT ticket_code FROM bookings WHERE id = ?", bid)[0][0]
    assert f'id="ticket-code">{code}<' in call("GET", f"/b/{manage}").text

    quote = call("GET", f"/b/{manage}/cancel")
    assert quote.status_code == 200 and 'id="refund"' in quote.text
    assert f'action="/b/{manage}/cancel"' in quote.text
    gone = call("POST", f"/b/{manage}/cancel")
    assert gone.status_code == 303 and gone.headers["Location"] == f"/b/{manage}?done=cancelled"
    _, status, _, booked = booking_of(email)
    assert (status, booked) == ("cancelled", 0)
    assert "Cancelled" in call("GET", f"/b/{manage}").text
    assert newest(email, MANAGE_RE, since=2)                # the cancellation's mail has one


def verify_refused(token):
    return browser().post(url(f"/guest/verify/{token}"), allow_redirects=False).status_code == 404


def test_a_paid_booking_waits_for_its_payment_once_verified_and_cancels_by_the_api():
    s, email = slot(price="12.00"), new_email("payer")
    assert book(s, email).status_code == 202
    link, manage = newest(email, VERIFY_RE), newest(email, MANAGE_RE)
    assert "12.00" in mail_text(mail_to(email)[-1])
    assert 'id="hold"' not in call("GET", f"/b/{manage}").text   # pay once proved
    assert verify(link).status_code == 303
    assert booking_of(email)[1:3] == ("pending", "pending")
    page = call("GET", f"/b/{manage}").text
    assert 'id="hold"' in page and 'id="cancel"' in page
    r = call("PUT", f"/api/v1/guest/bookings/{manage}/cancel")
    assert r.status_code == 200
    assert r.json()["booking"]["status"] == "cancelled" and r.json()["refundAmount"] == 0
    assert booking_of(email)[3] == 0
    again = call("PUT", f"/api/v1/guest/bookings/{manage}/cancel")
    assert again.status_code == 409 and again.json()["error"]["code"] == "invalid_state"


def test_an_unverified_hold_runs_out_and_frees_the_seat():
    s, email = slot(capacity=1), new_email("late")
    assert book(s, email).status_code == 202
    link, manage = newest(email, VERIFY_RE), newest(email, MANAGE_RE)
    taken = book(s, new_email("other"))
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "slot_full"
    later = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)).strftime(
        "%Y-%m-%d %H:%M:%S")
    run_jobs("--now", later)
    _, status, _, booked = booking_of(email)
    assert (status, booked) == ("cancelled", 0)
    assert mail_to(email)[-1]["Subject"].startswith("Released")
    assert MANAGE_RE.search(mail_text(mail_to(email)[-1]))
    assert verify_refused(link)
    assert call("GET", f"/api/v1/guest/bookings/{manage}").json()["status"] == "cancelled"
    assert book(s, new_email("next")).status_code == 202     # the seat is free again


def test_the_same_email_books_again_as_the_same_guest_and_rule_2_holds():
    email = new_email("again")
    first, second = slot(hour=9), slot(hour=11)
    assert book(first, email, name="Gina").status_code == 202
    assert book(second, email.upper(), name="Gina G.").status_code == 202
    owners = sql("SELECT DISTINCT b.user_id FROM bookings b JOIN users u ON u.id = b.user_id"
                 " WHERE u.email = ?", email)
    assert len(owners) == 1
    assert sql("SELECT COUNT(*) FROM guests WHERE user_id = ?", owners[0][0]) == [["1"]]
    twice = book(first, email)
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "already_booked"


def test_signing_up_with_a_guests_email_brings_its_bookings_along():
    s, email = slot(), new_email("joiner")
    assert book(s, email).status_code == 202
    bid = booking_of(email)[0]
    assert verify(newest(email, VERIFY_RE)).status_code == 303
    guest = sql("SELECT id FROM users WHERE email = ?", email)[0][0]
    session, _, r = register(email=email, name="Gina Joined")
    assert r.status_code == 303
    assert sql("SELECT id, name FROM users WHERE email = ?", email) == [[guest, "Gina Joined"]]
    mine = session.get(url(f"/bookings/{bid}"), allow_redirects=False)
    assert mine.status_code == 200 and "Confirmed" in mine.text


def test_a_guest_booking_with_an_accounts_email_is_that_accounts_once_logged_in():
    session, email, r = register(name="Ann Account")
    assert r.status_code == 303
    fresh = browser()
    s = slot()
    assert book(s, email).status_code == 202
    bid = booking_of(email)[0]
    assert verify(newest(email, VERIFY_RE)).status_code == 303
    fresh, r = login(email, session=fresh)
    assert r.status_code == 303
    assert fresh.get(url(f"/bookings/{bid}"), allow_redirects=False).status_code == 200


def test_a_guest_cannot_log_in_or_be_told_apart_by_sign_up():
    email = new_email("nologin")
    assert book(slot(), email).status_code == 202
    _, r = login(email, password="")
    assert r.status_code != 303
    _, r = login(email, password="anything at all here")
    assert r.status_code != 303


def test_a_guest_moves_a_confirmed_booking_through_the_manage_link():
    room = make_room()
    first = make_slot(room, at(day(8), 9), price="0.00", capacity=1)
    later = make_slot(room, at(day(8), 11), price="0.00", capacity=1)
    email = new_email("mover")
    assert book(first, email).status_code == 202
    manage = newest(email, MANAGE_RE)
    assert 'id="move"' not in call("GET", f"/b/{manage}").text     # not confirmed yet
    assert verify(newest(email, VERIFY_RE)).status_code == 303
    assert 'id="move"' in call("GET", f"/b/{manage}").text
    page = call("GET", f"/b/{manage}/reschedule")
    assert page.status_code == 200 and f'value="{later}"' in page.text
    assert f'action="/b/{manage}/reschedule"' in page.text
    r = call("POST", f"/b/{manage}/reschedule", data={"timeslot_id": later})
    assert r.status_code == 303 and r.headers["Location"] == f"/b/{manage}?done=rescheduled"
    assert sql("SELECT timeslot_id FROM bookings b JOIN users u ON u.id = b.user_id"
               " WHERE u.email = ?", email) == [[str(later)]]
    run_jobs()
    assert mail_to(email)[-1]["Subject"].startswith("Moved")
    assert MANAGE_RE.search(mail_text(mail_to(email)[-1]))
    back = call("POST", f"/b/{manage}/reschedule", data={"timeslot_id": first})
    assert back.status_code == 303
    gone = call("POST", f"/b/{manage}/reschedule", data={"timeslot_id": 999999999})
    assert gone.status_code == 404
    assert call("GET", "/b/" + "0" * 32 + "/reschedule").status_code == 404


def test_wrong_expired_and_stopped_manage_links_are_404():
    s, email = slot(), new_email("links")
    assert book(s, email).status_code == 202
    link, manage = newest(email, VERIFY_RE), newest(email, MANAGE_RE)
    for bad in ("0" * 32, manage[:-1], manage + "0", manage.upper(), "x"):
        assert call("GET", f"/b/{bad}").status_code == 404, bad
        r = call("GET", f"/api/v1/guest/bookings/{bad}")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
        assert call("PUT", f"/api/v1/guest/bookings/{bad}/cancel").status_code == 404
        assert call("POST", f"/b/{bad}/cancel").status_code == 404
    assert call("GET", f"/b/{manage}/calendar.ics").headers["Content-Type"].startswith(
        "text/calendar")
    stopped = call("POST", f"/b/{manage}/revoke")
    assert stopped.status_code == 200
    assert call("GET", f"/b/{manage}").status_code == 404
    assert call("POST", f"/b/{manage}/cancel").status_code == 404
    assert booking_of(email)[1] == "pending"                # nothing changed
    other = MANAGE_RE.match(verify(link).headers["Location"]).group(1)
    assert other != manage and call("GET", f"/b/{other}").status_code == 200
    sql("UPDATE guest_links SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND"
        " WHERE token_hash = UNHEX(SHA2(?, 256))", other)
    assert call("GET", f"/api/v1/guest/bookings/{other}").status_code == 404
    assert call("GET", "/guest/verify/" + "0" * 64).status_code == 404


def test_a_manage_link_is_valid_until_a_month_after_the_session():
    s, email = slot(days=3), new_email("month")
    assert book(s, email).status_code == 202
    manage = newest(email, MANAGE_RE)
    rows = sql("SELECT TIMESTAMPDIFF(DAY, t.end_time, l.expires_at) FROM guest_links l"
               " JOIN bookings b ON b.id = l.booking_id JOIN timeslots t ON t.id = b.timeslot_id"
               " WHERE l.token_hash = UNHEX(SHA2(?, 256))", manage)
    assert rows == [["31"]]
    assert sql("SELECT LENGTH(token_hash) FROM guest_links WHERE token_hash ="
               " UNHEX(SHA2(?, 256))", manage) == [["32"]]     # stored hashed


def test_guests_follow_the_setting_of_the_room_and_the_form_rules():
    room = make_room()
    closed = make_slot(room, at(day(6), 10), price="0.00")
    _, _, admin = api_user(name="Guest Admin", role="admin")
    r = call("PATCH", f"/api/v1/admin/rooms/{room}", headers=admin, json={"allowGuests": False})
    assert r.status_code == 200 and r.json()["allowGuests"] is False
    refused = book(closed, new_email("closed"))
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "guests_not_allowed"
    assert "book-as-guest" not in call("GET", f"/timeslots/{closed}").text
    s = slot()
    assert "book-as-guest" in call("GET", f"/timeslots/{s}").text
    bad = book(s, "not-an-email")
    assert bad.status_code == 400 and "email" in bad.text
    bad = book(s, new_email("phone"), phone="call me")
    assert bad.status_code == 400 and "phone" in bad.text
    bad = call("POST", "/api/v1/guest/bookings", json={"timeslotId": s, "email": new_email()})
    assert bad.status_code == 400 and "name" in bad.text
    assert book(999999999, new_email("none")).status_code == 404


def test_the_booking_limits_hold_for_a_guest_by_email():
    """Treatment rooms, as test_quotas.py keeps them to itself, the limit reset after."""
    _, _, admin = api_user(name="Quota Admin", role="admin")
    room = make_room(room_type="treatment")
    slots = [make_slot(room, at(day(41), 8 + 2 * i), price="0.00") for i in range(2)]
    body = {"role": "customer", "roomType": "treatment", "maxActive": 1, "maxHolds": None,
            "maxHoursWeek": None}
    assert call("PUT", "/api/v1/admin/quotas", headers=admin, json=body).status_code == 200
    try:
        email = new_email("quota")
        assert book(slots[0], email).status_code == 202
        r = book(slots[1], email)
        assert r.status_code == 409 and r.json()["error"]["code"] == "quota_exceeded"
        assert book(slots[1], new_email("quota")).status_code == 202   # another email
    finally:
        body["maxActive"] = None
        assert call("PUT", "/api/v1/admin/quotas", headers=admin, json=body).status_code == 200


def test_the_guest_form_is_limited_per_email():
    email = new_email("flood")
    for i in range(5):
        assert book(slot(hour=6 + i), email).status_code == 202
    r = book(slot(hour=12), email)
    assert r.status_code == 429 and r.json()["error"]["code"] == "too_many_attempts"


def test_the_guest_form_page_books_with_its_csrf_token_and_keeps_what_was_typed():
    s = slot(price="5.00")
    b = browser()
    form = b.get(url(f"/timeslots/{s}/guest"))
    assert form.status_code == 200
    token = CSRF_RE.search(form.text).group(1)
    forged = b.post(url(f"/timeslots/{s}/guest"), data={"name": "X", "email": new_email()},
                    allow_redirects=False)
    assert forged.status_code == 403
    wrong = b.post(url(f"/timeslots/{s}/guest"), data={"csrf": token, "name": "Gina",
                   "email": "nope"}, allow_redirects=False)
    assert wrong.status_code == 400 and 'value="Gina"' in wrong.text
    email = new_email("page")
    done = b.post(url(f"/timeslots/{s}/guest"), data={"csrf": csrf_of(b, f"/timeslots/{s}/guest"),
                  "name": "Gina", "email": email}, allow_redirects=False)
    assert done.status_code == 303 and done.headers["Location"] == f"/timeslots/{s}/guest?done=sent"
    assert 'id="sent"' in b.get(url(done.headers["Location"])).text
    assert booking_of(email)[1] == "pending"


def test_a_guest_reads_the_receipt_through_the_manage_link():
    from test_payments import event, send
    s, email = slot(price="12.00"), new_email("receipt")
    assert book(s, email).status_code == 202
    link, manage = newest(email, VERIFY_RE), newest(email, MANAGE_RE)
    assert verify(link).status_code == 303
    bid = booking_of(email)[0]
    assert send(event(bid, 1200)).status_code == 200
    assert booking_of(email)[1:3] == ("confirmed", "paid")
    run_jobs()
    msg = mail_to(email)[-1]
    assert msg["Subject"].startswith("Confirmed")
    receipt = re.search(r"/b/([0-9a-f]{32})/receipt", mail_text(msg))
    assert receipt and "/orders/" not in mail_text(msg)     # no account to log in to
    token = receipt.group(1)
    page = call("GET", f"/b/{token}")
    assert page.status_code == 200 and f'href="/b/{token}/receipt"' in page.text
    r = call("GET", f"/b/{token}/receipt")                  # no session: the link is the key
    assert r.status_code == 200
    order = sql("SELECT order_id FROM bookings WHERE id = ?", bid)[0][0]
    assert f"Receipt for order {order}" in r.text and f'data-booking="{bid}"' in r.text
    assert '<td id="receipt-total">€12.00</td>' in r.text and email in r.text
    assert f'href="/b/{token}"' in r.text and f'href="/orders/{order}"' not in r.text
    assert call("GET", "/b/" + "0" * 32 + "/receipt").status_code == 404
    assert call("POST", f"/b/{token}/revoke").status_code == 200
    assert call("GET", f"/b/{token}/receipt").status_code == 404
