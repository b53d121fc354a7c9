"""test_tickets.py: every confirmed booking has a ticket (a code, its QR code, the
confirmation mail), and the door checks tickets in: /admin/checkin and
POST /api/v1/admin/checkin, for staff and admins, once per ticket."""
import datetime as dt
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import (CA, api_user, browser_user, form_post, mail_text, mail_to, make_room,
                      make_slot, run_jobs, sql, url, utc_now)

CODE_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{10}$")


def call(method, path, headers, **kw):
    return requests.request(method, url(path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def book(headers, minutes_from_now=10, price="0.00"):
    slot = make_slot(make_room(), utc_now() + dt.timedelta(minutes=minutes_from_now),
                     price=price)
    r = call("POST", "/api/v1/bookings", headers, json={"timeslotId": slot})
    assert r.status_code == 201, r.text
    return r.json()


def scan(headers, code):
    return call("POST", "/api/v1/admin/checkin", headers, json={"code": code})


def test_a_confirmed_booking_has_a_ticket_in_its_json_page_and_mail():
    uid, _, h = api_user(name="Ticket Holder")
    b = book(h, minutes_from_now=60 * 48)
    code = b.get("ticketCode")
    assert b["status"] == "confirmed" and CODE_RE.match(code or ""), b
    assert call("GET", f"/api/v1/bookings/{b['id']}", h).json()["ticketCode"] == code
    admin = api_user(role="admin")[2]
    assert call("GET", f"/api/v1/bookings/{b['id']}", admin).json()["ticketCode"] == code
    # another customer sees nothing of it
    assert call("GET", f"/api/v1/bookings/{b['id']}", api_user()[2]).status_code == 404
    # codes differ from booking to booking
    assert book(h, minutes_from_now=60 * 49)["ticketCode"] != code
    # the page shows it with its QR code, drawn on the server
    s, owner, _ = browser_user(name="Page Holder")
    sql("UPDATE bookings SET user_id = ? WHERE id = ?", owner, b["id"])
    page = s.get(url(f"/bookings/{b['id']}")).text
    assert f'id="ticket-code">{code}<' in page
    assert re.search(r'<svg [^>]*viewBox="0 0 (\d+) \1"', page) and '<path fill="#000" d="M' in page
    # and the confirmation mail carries it
    email = sql("SELECT email FROM users WHERE id = ?", uid)[0][0]
    run_jobs()
    texts = [mail_text(m) for m in mail_to(email) if "Confirmed" in str(m["Subject"])]
    assert any(f"Your ticket: {code}" in t for t in texts), texts


def test_an_unpaid_hold_shows_no_ticket_until_it_is_paid():
    _, _, h = api_user()
    b = book(h, minutes_from_now=60 * 48, price="5.00")
    assert b["status"] == "pending" and "ticketCode" not in b
    admin = api_user(role="admin")[2]
    r = call("POST", f"/api/v1/admin/bookings/{b['id']}/confirm", admin,
             json={"paymentId": "desk-1"})
    assert r.status_code == 200 and CODE_RE.match(r.json()["ticketCode"]), r.text
    # the code an unpaid hold will get is no ticket at the door yet
    b2 = book(h, minutes_from_now=5, price="5.00")
    code = sql("SELECT ticket_code FROM bookings WHERE id = ?", b2["id"])[0][0]
    assert scan(admin, code).status_code == 404


def test_the_door_checks_a_ticket_in_once_and_says_why_not():
    _, _, h = api_user(name="Door Guest")
    staff = api_user(name="Door Staff", role="staff")[2]
    b = book(h, minutes_from_now=10)
    code = b["ticketCode"]
    # typed by hand: lower case, a dash, O for 0 and I or L for 1 all read
    typed = code.lower()[:5] + "-" + code.lower()[5:]
    typed = typed.replace("0", "o").replace("1", "l")
    r = scan(staff, typed)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == b["id"] and r.json()["checkedInAt"]
    r = scan(staff, code)
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_checked_in"
    assert r.json()["error"]["checkedInAt"] == r.json()["booking"]["checkedInAt"]
    assert r.json()["error"]["message"].startswith("Already checked in at ")
    # a ticket for another day
    later = book(h, minutes_from_now=60 * 26)
    r = scan(staff, later["ticketCode"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_now", r.text
    assert r.json()["error"]["message"].startswith("This ticket is for ")
    assert r.json()["booking"]["checkedInAt"] is None
    # a cancelled one
    gone = book(h, minutes_from_now=15)
    assert call("PUT", f"/api/v1/bookings/{gone['id']}/cancel", h).status_code == 200
    r = scan(staff, gone["ticketCode"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "cancelled"
    # codes that are no ticket
    for bad in ("0000000000", "ABC", "U" * 10, "X" * 41):
        r = scan(staff, bad)
        assert r.status_code in (400, 404), (bad, r.status_code)
        assert r.status_code == 404 or bad == "X" * 41
    assert sql("SELECT COUNT(*) FROM booking_events WHERE booking_id = ? AND type = 'checked_in'",
               b["id"])[0][0] == "1"


def test_staff_may_check_in_and_nothing_else_under_admin():
    staff = api_user(role="staff")[2]
    customer = api_user()[2]
    assert scan(customer, "0000000000").status_code == 403
    for path in ("/api/v1/admin/bookings", "/api/v1/admin/users", "/api/v1/admin/rooms"):
        assert call("GET", path, staff).status_code == 403, path
    s, _, csrf = browser_user(name="Page Staff", role="staff")
    page = s.get(url("/admin/checkin"), allow_redirects=False)
    assert page.status_code == 200 and 'name="code"' in page.text and "autofocus" in page.text
    assert 'href="/admin/checkin"' in page.text and 'href="/admin/bookings"' not in page.text
    for path in ("/admin", "/admin/bookings", "/admin/users"):
        assert s.get(url(path), allow_redirects=False).status_code == 403, path
    c, _, _ = browser_user()
    assert c.get(url("/admin/checkin"), allow_redirects=False).status_code == 403


def test_the_check_in_page_answers_big_without_javascript():
    _, _, h = api_user(name="Walk In")
    b = book(h, minutes_from_now=5)
    s, _, csrf = browser_user(name="Scanner", role="staff")
    r = form_post(s, "/admin/checkin", csrf=csrf, code=b["ticketCode"])
    assert r.status_code == 200 and 'data-result="ok"' in r.text
    assert re.search(r'class="checkin-big">Checked in \d\d:\d\d<', r.text)
    assert 'id="answer-name">Walk In<' in r.text
    # the field is empty and ready for the next ticket
    assert re.search(r'<input type="text" id="code" name="code" [^>]*autofocus', r.text)
    assert b["ticketCode"] not in r.text.split('id="code"')[1]
    r = form_post(s, "/admin/checkin", csrf=csrf, code=b["ticketCode"])
    assert r.status_code == 409 and "Already checked in at " in r.text
    r = form_post(s, "/admin/checkin", csrf=csrf, code="nonsense")
    assert r.status_code == 404 and "Unknown ticket" in r.text
    # the form needs its CSRF token like every other
    assert form_post(s, "/admin/checkin", code=b["ticketCode"]).status_code == 403


def test_two_scanners_reading_one_ticket_at_once_check_it_in_once():
    _, _, h = api_user()
    staff = [api_user(role="staff")[2], api_user(role="admin")[2]]
    for _ in range(3):
        code = book(h, minutes_from_now=10)["ticketCode"]
        barrier = threading.Barrier(2)

        def go(who):
            barrier.wait()
            return scan(who, code)

        with ThreadPoolExecutor(max_workers=2) as pool:
            answers = list(pool.map(go, staff))
        codes = sorted(r.status_code for r in answers)
        assert codes == [200, 409], [r.text for r in answers]
        refused = [r for r in answers if r.status_code == 409][0]
        assert refused.json()["error"]["code"] == "already_checked_in"


DE = {"Accept-Language": "de-DE,de;q=0.9"}
DE_SHORT_DAYS = ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")


def test_the_door_answers_a_german_visitor_in_german():
    _, _, h = api_user(name="Gast Deutsch")
    staff = dict(api_user(name="Einlass", role="staff")[2], **DE)
    code = book(h, minutes_from_now=10)["ticketCode"]
    r = scan(staff, code)
    assert r.status_code == 200, r.text
    r = scan(staff, code)
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_checked_in"
    assert re.fullmatch(r"Bereits eingecheckt um \d\d:\d\d", r.json()["error"]["message"])
    later = book(h, minutes_from_now=60 * 26)
    r = scan(staff, later["ticketCode"])
    message = r.json()["error"]["message"]
    assert r.json()["error"]["code"] == "not_now"
    assert message.startswith("Dieses Ticket gilt für ") and \
        message.split()[4].rstrip(",") in DE_SHORT_DAYS, message
    gone = book(h, minutes_from_now=15)
    assert call("PUT", f"/api/v1/bookings/{gone['id']}/cancel", h).status_code == 200
    r = scan(staff, gone["ticketCode"])
    assert r.json()["error"] == {"code": "cancelled", "message": "Storniert"}
    r = scan(staff, "0000000000")
    assert r.status_code == 404 and r.json()["error"]["message"] == "Unbekanntes Ticket."
    # the page, in German too, the times through the same formatter
    s, _, csrf = browser_user(name="Einlass Seite", role="staff")
    first = book(h, minutes_from_now=5)["ticketCode"]
    s.headers.update(DE)
    r = form_post(s, "/admin/checkin", csrf=csrf, code=first)
    assert r.status_code == 200 and '<html lang="de"' in r.text
    assert re.search(r'class="checkin-big">Eingecheckt um \d\d:\d\d<', r.text), r.text
    assert ">Ticketcode</label>" in r.text and ">Einchecken</button>" in r.text
    r = form_post(s, "/admin/checkin", csrf=csrf, code=first)
    assert r.status_code == 409 and re.search(r">Bereits eingecheckt um \d\d:\d\d<", r.text)
    r = form_post(s, "/admin/checkin", csrf=csrf, code=later["ticketCode"])
    assert r.status_code == 409 and ">Dieses Ticket gilt für " in r.text
    r = form_post(s, "/admin/checkin", csrf=csrf, code=gone["ticketCode"])
    assert r.status_code == 409 and 'class="checkin-big">Storniert<' in r.text
    r = form_post(s, "/admin/checkin", csrf=csrf, code="unsinn")
    assert r.status_code == 404 and 'class="checkin-big">Unbekanntes Ticket<' in r.text


def test_every_way_a_booking_is_confirmed_gives_it_a_ticket():
    uid, _, h = api_user(name="Many Ways")
    admin = api_user(role="admin")[2]
    start = utc_now() + dt.timedelta(days=30)

    def ticket_of(booking_id):
        r = call("GET", f"/api/v1/bookings/{booking_id}", h)
        assert r.status_code == 200 and r.json()["status"] == "confirmed", r.text
        assert CODE_RE.match(r.json().get("ticketCode") or ""), r.json()
        return r.json()["ticketCode"]

    codes = []
    # the cart's checkout, a free item
    slot = make_slot(make_room(), start, price="0.00")
    assert call("POST", "/api/v1/cart/items", h, json={"timeslotId": slot}).status_code == 201
    r = call("POST", "/api/v1/cart/checkout", h)
    assert r.status_code == 201, r.text
    codes += [ticket_of(b["id"]) for b in r.json()["bookings"]]
    # an admin's approval of a free booking
    room = make_room()
    sql("UPDATE rooms SET requires_approval = 1 WHERE id = ?", room)
    r = call("POST", "/api/v1/bookings", h,
             json={"timeslotId": make_slot(room, start + dt.timedelta(hours=2), price="0.00")})
    assert r.status_code == 201 and "ticketCode" not in r.json(), r.text
    assert call("PUT", f"/api/v1/admin/bookings/{r.json()['id']}/approve",
                admin).status_code == 200
    codes.append(ticket_of(r.json()["id"]))
    # a paid hold confirmed by its payment at the desk
    r = call("POST", "/api/v1/bookings", h,
             json={"timeslotId": make_slot(make_room(), start + dt.timedelta(hours=4))})
    assert r.status_code == 201 and "ticketCode" not in r.json(), r.text
    assert call("POST", f"/api/v1/admin/bookings/{r.json()['id']}/confirm", admin,
                json={"paymentId": "desk-2"}).status_code == 200
    codes.append(ticket_of(r.json()["id"]))
    # a free place from the waiting list
    slot = make_slot(make_room(capacity=1), start + dt.timedelta(hours=6), price="0.00",
                     capacity=1)
    other = api_user()[2]
    first = call("POST", "/api/v1/bookings", other, json={"timeslotId": slot}).json()
    assert call("POST", f"/api/v1/timeslots/{slot}/waitlist", h).status_code == 201
    assert call("PUT", f"/api/v1/bookings/{first['id']}/cancel", other).status_code == 200
    (promoted,), = sql("SELECT id FROM bookings WHERE user_id = ? AND timeslot_id = ?", uid, slot)
    codes.append(ticket_of(promoted))
    # a series of two free weekly dates
    room = make_room(capacity=1)
    weekly = [make_slot(room, start + dt.timedelta(days=7 * i, hours=8), price="0.00",
                        capacity=1) for i in range(2)]
    r = call("POST", "/api/v1/bookings/recurring", h,
             json={"timeslotId": weekly[0], "every": "week", "count": 2})
    assert r.status_code == 201, r.text
    codes += [ticket_of(d["bookingId"]) for d in r.json()["dates"]]
    assert len(codes) == 6 and len(set(codes)) == 6


def test_an_admin_makes_a_user_staff_who_then_checks_in_and_is_told_apart():
    admin = api_user(role="admin")[2]
    uid, _, h = api_user(name="Future Staff")
    guest_uid, _, guest = api_user(name="Gast Sprache")
    sql("UPDATE users SET language = 'de' WHERE id = ?", guest_uid)
    code = book(guest, minutes_from_now=10)["ticketCode"]
    assert scan(h, code).status_code == 403
    r = call("POST", f"/api/v1/admin/users/{uid}/role", admin, json={"role": "staff"})
    assert r.status_code == 200, r.text
    assert sql("SELECT role FROM users WHERE id = ?", uid) == [["staff"]]
    r = scan(h, code)
    assert r.status_code == 200, r.text
    # the owner's notification is in the owner's language, whoever scanned
    assert sql("SELECT message FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 1",
               guest_uid)[0][0].startswith("Eingecheckt: ")
    events = sql("SELECT actor_id FROM booking_events WHERE booking_id = ? AND type = 'checked_in'",
                 r.json()["id"])
    assert events == [[str(uid)]]
    # and the role goes again: the door is closed to the former staff
    r = call("POST", f"/api/v1/admin/users/{uid}/role", admin, json={"role": "customer"})
    assert r.status_code == 200 and scan(h, code).status_code == 403


def test_a_german_owner_gets_the_ticket_in_german_mail_and_sees_it_checked_in():
    s, uid, csrf = browser_user(name="Greta Ticket")
    sql("UPDATE users SET language = 'de' WHERE id = ?", uid)
    slot = make_slot(make_room(), utc_now() + dt.timedelta(minutes=10), price="0.00")
    r = form_post(s, "/bookings", csrf=csrf, timeslot_id=str(slot))
    assert r.status_code == 303, r.text
    bid = int(sql("SELECT id FROM bookings WHERE user_id = ?", uid)[0][0])
    code = sql("SELECT ticket_code FROM bookings WHERE id = ?", bid)[0][0]
    page = s.get(url(f"/bookings/{bid}")).text
    assert ">Ihr Ticket</h2>" in page and f'id="ticket-code">{code}<' in page
    assert f"QR-Code des Tickets {code}" in page
    email = sql("SELECT email FROM users WHERE id = ?", uid)[0][0]
    run_jobs()
    texts = [mail_text(m) for m in mail_to(email)]
    assert any(f"Ihr Ticket: {code}" in t for t in texts), texts
    assert scan(api_user(role="staff")[2], code).status_code == 200
    page = s.get(url(f"/bookings/{bid}")).text
    assert re.search(r'id="checked-in">[^<]*\d\d:\d\d<', page)


def test_an_admin_sees_the_door_inside_the_admin_pages():
    s, _, csrf = browser_user(name="Door Admin", role="admin")
    page = s.get(url("/admin/checkin")).text
    assert 'href="/admin/checkin" aria-current="page"' in page
    assert 'href="/admin/bookings"' in page
    r = form_post(s, "/admin/checkin", csrf=csrf, code="X" * 41)
    assert r.status_code == 404 and 'data-result="not_found"' in r.text
    assert 'id="answer-name"' not in r.text
