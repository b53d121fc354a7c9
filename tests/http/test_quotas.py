"""test_quotas.py: limits per role and room type on active bookings, unpaid
holds and hours a week: refused at the limit with 409 quota_exceeded naming
it, set on /admin/quotas and with PUT /api/v1/admin/quotas."""
import concurrent.futures
import datetime as dt

import requests

from conftest import (CA, api_user, at, browser_user, day, make_event, make_room, make_slot,
                      sql, url)
from test_packages import define, pay


def api(method, path, headers, **kw):
    return requests.request(method, url("/api/v1" + path), headers=headers, verify=CA,
                            allow_redirects=False, **kw)


def book(h, slot, lang="en"):
    return api("POST", "/bookings", {**h, "Accept-Language": lang}, json={"timeslotId": slot})


def refused(r, words):
    assert r.status_code == 409, (r.status_code, r.text)
    err = r.json()["error"]
    assert err["code"] == "quota_exceeded" and words in err["message"], err
    return err


def set_quota(h, **limits):
    body = dict({"role": "customer", "roomType": "treatment", "maxActive": None,
                 "maxHolds": None, "maxHoursWeek": None}, **limits)
    r = api("PUT", "/admin/quotas", h, json=body)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def admin():
    return api_user(name="Admin", role="admin")[2]


def test_limits_on_active_bookings_holds_and_hours_refuse_at_the_limit():
    """Treatment rooms only (no other test books them), each limit in turn."""
    h = admin()
    room = make_room(room_type="treatment")
    d = day(40) - dt.timedelta(days=day(40).weekday())      # a Monday
    slots = [make_slot(room, at(d, 8 + 2 * i), price="0.00", capacity=5) for i in range(4)]
    paid = [make_slot(room, at(d + dt.timedelta(days=1), 8 + 2 * i), price="5.00", capacity=5)
            for i in range(3)]
    try:
        got = set_quota(h, maxActive=2)
        mine = [q for q in got if q["role"] == "customer" and q["roomType"] == "treatment"]
        assert mine == [{"role": "customer", "roomType": "treatment", "maxActive": 2,
                         "maxHolds": None, "maxHoursWeek": None}]
        _, _, c = api_user()
        assert book(c, slots[0]).status_code == 201 and book(c, slots[1]).status_code == 201
        refused(book(c, slots[2]), "at most 2 active bookings of treatment rooms")
        refused(book(c, slots[2], "de"), "höchstens 2 aktive Buchungen für Behandlungsräume")
        # an admin is another role: no limit set for admins
        assert book(h, slots[2]).status_code == 201

        set_quota(h, maxHolds=1)
        _, _, c = api_user()
        assert book(c, paid[0]).status_code == 201
        refused(book(c, paid[1]), "at most 1 unpaid booking at once for treatment rooms")
        refused(book(c, paid[1], "de"), "1 unbezahlte Buchung für Behandlungsräume")
        assert book(c, slots[3]).status_code == 201        # free: confirmed, no hold

        set_quota(h, maxHoursWeek=2)
        _, _, c = api_user()
        assert book(c, slots[0]).status_code == 201        # one hour
        assert book(c, slots[1]).status_code == 201        # two
        refused(book(c, slots[2]), "at most 2 hours of treatment rooms in one week")
        refused(book(c, slots[2], "de"), "Sie dürfen Behandlungsräume höchstens 2 Stunden pro"
                " Woche buchen.")
        # the next week is another week
        later = make_slot(room, at(d + dt.timedelta(days=7), 9), price="0.00", capacity=5)
        assert book(c, later).status_code == 201
    finally:
        set_quota(h)


def test_only_a_seat_waiting_for_its_payment_counts_as_unpaid():
    """A credit's session is paid with its package, and a booking awaiting an
    admin's approval is not paid for until approved: neither is a hold."""
    h = admin()
    room = make_room(room_type="treatment")
    approval = make_room(room_type="treatment")
    sql("UPDATE rooms SET requires_approval = 1 WHERE id = ?", approval)
    d = day(44)
    workshop = make_event(kind="workshop")
    priced = [make_slot(room, at(d, 8 + 2 * i), price="5.00", capacity=5) for i in range(2)]
    session = make_slot(room, at(d, 14), price="5.00", capacity=5, event_id=workshop)
    awaiting = make_slot(approval, at(d, 16), price="5.00", capacity=5)
    try:
        set_quota(h, maxHolds=1)
        _, _, c = api_user()
        r = book(c, awaiting)
        assert r.status_code == 201 and r.json()["status"] == "pending", r.text
        assert book(c, priced[0]).status_code == 201       # the first unpaid one
        refused(book(c, priced[1]), "at most 1 unpaid booking")
        order = api("POST", f"/packages/{define({workshop: 1})}/buy", c).json()
        assert pay(order["id"], 10000).json()["outcome"] == "confirmed"
        credit = api("GET", "/credits", c).json()["items"][0]["id"]
        r = api("POST", f"/credits/{credit}/schedule", c, json={"timeslotId": session})
        assert r.status_code == 201, r.text
        assert r.json()["status"] == "confirmed"
    finally:
        set_quota(h)


def test_two_bookings_of_one_user_at_once_count_each_other():
    h = admin()
    room = make_room(room_type="treatment")
    d = day(50)
    slots = [make_slot(room, at(d, 8 + i), price="0.00", capacity=3) for i in range(8)]
    try:
        set_quota(h, maxActive=3)
        _, _, c = api_user()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            codes = sorted(pool.map(lambda s: book(c, s).status_code, slots))
        assert codes == [201] * 3 + [409] * 5, codes
    finally:
        set_quota(h)


def test_the_admin_page_sets_the_limits_and_the_booking_page_says_which():
    s, _, csrf = browser_user(role="admin")
    page = s.get(url("/admin/quotas")).text
    assert 'name="customer.treatment.maxActive"' in page and "Booking limits" in page
    r = s.post(url("/admin/quotas"), data={"csrf": csrf, "customer.treatment.maxHolds": "x"},
               allow_redirects=False)
    assert r.status_code == 400 and 'id="customer.treatment.maxHolds-error"' in r.text
    try:
        r = s.post(url("/admin/quotas"), data={"csrf": csrf, "customer.treatment.maxActive": "0"},
                   allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"] == "/admin/quotas?done=saved"
        assert sql("SELECT max_active, max_holds FROM quotas WHERE role = 'customer'"
                   " AND room_type = 'treatment'") == [["0", "NULL"]]
        assert 'value="0"' in s.get(url("/admin/quotas?done=saved")).text
        c, _, ccsrf = browser_user()
        slot = make_slot(make_room(room_type="treatment"), at(day(45), 10), price="0.00")
        page = c.get(url(f"/timeslots/{slot}")).text
        key = page.split('name="idempotency_key" value="')[1].split('"')[0]
        r = c.post(url("/bookings"), data={"csrf": ccsrf, "timeslot_id": slot,
                                           "idempotency_key": key}, allow_redirects=False)
        assert r.status_code == 409 and "at most 0 active bookings of treatment rooms" in r.text
    finally:
        s.post(url("/admin/quotas"), data={"csrf": csrf}, allow_redirects=False)
    assert sql("SELECT COUNT(*) FROM quotas WHERE max_active IS NOT NULL OR max_holds IS NOT NULL"
               " OR max_hours_week IS NOT NULL") == [["0"]]
    h = api_user(role="admin")[2]
    assert api("PUT", "/admin/quotas", h, json={"role": "guest", "roomType": "treatment"}).status_code == 400
    assert api("GET", "/admin/quotas", h).status_code == 200
