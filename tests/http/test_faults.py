"""test_faults.py: a database that fails in the middle of a request still gets
a complete answer: an error page (JSON under /api/), never a bare status. The
faults are lost connections, so the answer is a 503 with Retry-After.

The test stack turns on the test_faults setting (scripts/test), so a request
header X-Test-Fail-Statement: N makes the handler's Nth database statement
and every one after it fail. Each request below is sent with N = 1, 2, ...
until it goes through, so every point at which its handler can lose the
database is tried once. The last test stops MariaDB itself and starts it
again.
"""
import os

import pytest
import requests

from conftest import (CA, MYCNF, PASSWORD, add_booking, api_user, at, browser_user, csrf_of,
                      day, db_admin, db_start, login, make_event, make_room, make_slot,
                      make_user, register, sql, unique, url, wait_healthy, worker_log_size,
                      WORKER_LOG)

MOST = 40      # more statements than any one handler runs


def complete(r, api):
    """A whole answer: a redirect with its Location, or a typed, non-empty
    body; a failure as an error page or a JSON error."""
    if r.status_code in (301, 302, 303):
        assert r.headers.get("Location"), r.status_code
        return
    kind = r.headers.get("Content-Type", "")
    assert kind, f"{r.status_code} without a Content-Type"
    assert r.content, f"{r.status_code} with an empty body"
    if r.status_code >= 500:
        assert r.status_code in (500, 503), r.status_code
        if r.status_code == 503:
            assert r.headers.get("Retry-After", "").isdigit(), r.headers
        if api:
            assert kind.startswith("application/json")
            assert r.json()["error"]["code"]
        else:
            assert kind.startswith("text/html")
            assert "</html>" in r.text and str(r.status_code) in r.text


def sweep(send, api=False):
    """Sends the request failing from its Nth statement on, N = 1, 2, ...,
    until it goes through; returns the statuses seen."""
    seen = []
    for n in range(1, MOST + 1):
        r = send({"X-Test-Fail-Statement": str(n)})
        complete(r, api)
        seen.append(r.status_code)
        if r.status_code < 500:
            break
    assert any(s >= 500 for s in seen), f"no statement failed: {seen}"
    assert seen[-1] < 500, f"still failing after {MOST} statements: {seen}"
    return seen


@pytest.fixture(scope="module")
def world():
    """A room with a free and a full timeslot, an event, a customer with a
    booking and a cancelled one, and an admin."""
    w = {}
    w["room"] = make_room(name=unique("Fault Room"), capacity=4)
    when = day(30)
    w["slot"] = make_slot(w["room"], at(when, 10), capacity=4)
    w["full"] = make_slot(w["room"], at(when, 12), capacity=1)
    w["event"] = make_event(title=unique("Fault Event"))
    make_slot(w["room"], at(when, 14), event_id=w["event"])
    other = make_user()
    add_booking(other, w["full"])
    w["user"], uid, w["csrf"] = browser_user(name="Fault Customer")
    w["booking"] = add_booking(uid, w["slot"])
    w["cancelled"] = add_booking(uid, make_slot(w["room"], at(when, 16)), status="cancelled")
    w["admin"], _, w["admin_csrf"] = browser_user(name="Fault Admin", role="admin")
    _, _, w["api"] = api_user()
    _, _, w["api_admin"] = api_user(role="admin")
    return w


def anonymous():
    s = requests.Session()
    s.verify = CA
    s.trust_env = False
    return s


PUBLIC = ["/", "/rooms", "/rooms/{room}", "/events", "/events/{event}", "/timeslots/{slot}"]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_answer_a_whole_500_page(world, path):
    s = anonymous()
    sweep(lambda h: s.get(url(path.format(**world)), headers=h, allow_redirects=False))


USER_PAGES = ["/me", "/notifications", "/timeslots/{slot}", "/bookings/{booking}",
              "/bookings/{booking}/cancel", "/bookings/{booking}/reschedule", "/account"]


@pytest.mark.parametrize("path", USER_PAGES)
def test_booking_and_account_pages_answer_a_whole_500_page(world, path):
    s = world["user"]
    sweep(lambda h: s.get(url(path.format(**world)), headers=h, allow_redirects=False))


# Forms that come back with a status of their own (400, 409, 201) after the
# handler has used the database: the failure must still be a whole page.
USER_POSTS = [
    ("/bookings", {"timeslot_id": "{full}"}, 409),
    ("/bookings/{cancelled}/cancel", {}, 409),
    ("/account/tokens", {"token_name": "fault test"}, 201),
    ("/account/name", {"name": ""}, 400),
]


@pytest.mark.parametrize("path,form,status", USER_POSTS)
def test_booking_and_account_forms_answer_a_whole_500_page(world, path, form, status):
    s = world["user"]
    data = dict((k, v.format(**world)) for k, v in form.items())
    data["csrf"] = world["csrf"]
    seen = sweep(lambda h: s.post(url(path.format(**world)), data=data, headers=h,
                                  allow_redirects=False))
    assert seen[-1] == status


ADMIN_PAGES = ["/admin", "/admin/audit", "/admin/rooms", "/admin/rooms/{room}",
               "/admin/rooms/{room}/generate", "/admin/timeslots/new",
               "/admin/timeslots/{slot}", "/admin/events", "/admin/events/{event}",
               "/admin/bookings", "/admin/bookings/{booking}", "/admin/bookings.csv",
               "/admin/users"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_answer_a_whole_500_page(world, path):
    s = world["admin"]
    sweep(lambda h: s.get(url(path.format(**world)), headers=h, allow_redirects=False))


ADMIN_POSTS = [
    ("/admin/timeslots", {}, 400),
    ("/admin/bookings/{cancelled}/complete", {}, 409),
]


@pytest.mark.parametrize("path,form,status", ADMIN_POSTS)
def test_admin_forms_answer_a_whole_500_page(world, path, form, status):
    s = world["admin"]
    data = dict(form, csrf=world["admin_csrf"])
    seen = sweep(lambda h: s.post(url(path.format(**world)), data=data, headers=h,
                                  allow_redirects=False))
    assert seen[-1] == status


API = [
    ("GET", "/api/v1/rooms", "api", None, 200),
    ("GET", "/api/v1/rooms/{room}/timeslots?date=" + str(day(30)), "api", None, 200),
    ("GET", "/api/v1/me", "api", None, 200),
    ("GET", "/api/v1/bookings", "api", None, 200),
    ("POST", "/api/v1/bookings", "api", {"timeslotId": "{full}"}, 409),
    ("GET", "/api/v1/admin/bookings", "api_admin", None, 200),
    ("POST", "/api/v1/admin/rooms", "api_admin",
     {"name": "Fault API Room", "roomType": "meeting", "capacity": 3, "hourlyRate": "1.00"}, 201),
]


@pytest.mark.parametrize("method,path,who,body,status", API)
def test_api_answers_a_whole_json_500(world, method, path, who, body, status):
    if body is not None:
        body = dict((k, v.format(**world) if isinstance(v, str) else v) for k, v in body.items())
        if "timeslotId" in body:
            body["timeslotId"] = int(body["timeslotId"])
    s = anonymous()
    seen = sweep(lambda h: s.request(method, url(path.format(**world)), json=body,
                                     headers=dict(h, **world[who])), api=True)
    assert seen[-1] == status


# State changes that are one transaction: a failure at any of their
# statements leaves everything as it was.

def fail_each(send, unchanged):
    """Sends the request failing from statement n on, n = 1, 2, ..., until
    it goes through; after each failure unchanged(n) checks nothing moved.
    Returns the answer that went through and its n."""
    for n in range(1, MOST + 1):
        r = send({"X-Test-Fail-Statement": str(n)})
        if r.status_code < 500:
            return r, n
        complete(r, False)
        unchanged(n)
    raise AssertionError(f"still failing after {MOST} statements")


def sessions_of(email):
    return sql("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id"
               " WHERE u.email = ?", email)[0][0]


def test_a_password_change_fails_whole_or_not_at_all():
    s, email, _ = register()
    other, _ = login(email)
    (before,) = sql("SELECT password_hash FROM users WHERE email = ?", email)[0]
    data = {"csrf": csrf_of(s, "/account"), "current_password": PASSWORD,
            "new_password": "another long passphrase"}
    def unchanged(n):
        # The password, the other session and this one are as they were.
        assert sql("SELECT password_hash FROM users WHERE email = ?", email)[0][0] == before
        assert sessions_of(email) == "2", f"statement {n}"
        assert other.get(url("/me"), allow_redirects=False).status_code == 200
        assert s.get(url("/me"), allow_redirects=False).status_code == 200
    r, n = fail_each(lambda h: s.post(url("/account/password"), data=data, headers=h,
                                      allow_redirects=False), unchanged)
    # The update, the sessions, the tokens and the new session each failed once.
    assert r.status_code == 303 and n > 5
    assert sql("SELECT password_hash FROM users WHERE email = ?", email)[0][0] != before
    assert sessions_of(email) == "1"
    assert other.get(url("/me"), allow_redirects=False).status_code == 303
    assert s.get(url("/me"), allow_redirects=False).status_code == 200


def test_a_failed_login_keeps_the_session_it_would_replace():
    s, email, _ = register()
    data = {"csrf": csrf_of(s, "/account"), "email": email, "password": PASSWORD}
    def unchanged(n):
        assert sessions_of(email) == "1", f"statement {n}"
        assert s.get(url("/me"), allow_redirects=False).status_code == 200
    r, n = fail_each(lambda h: s.post(url("/login"), data=data, headers=h,
                                      allow_redirects=False), unchanged)
    assert r.status_code == 303 and n > 3
    assert s.get(url("/me"), allow_redirects=False).status_code == 200


# A server session that fails every statement from one on, with an error
# our statements cannot earn (a trigger "with an error in its body", a
# procedure or table "missing"), as one was seen to on a Galera node under
# conflicting writes: the worker closes it and runs the statement, or its
# whole transaction, again on a new connection (db.c session_broken).
# X-Test-Break-Session: N makes the handler's Nth statement answer so.

def test_a_session_broken_at_any_statement_of_a_booking_is_replaced_and_books_once():
    room = make_room(name=unique("Broken Session Room"), capacity=50)
    slot = make_slot(room, at(day(32), 9), price="0.00", capacity=50)
    for n in range(1, MOST + 1):
        uid, _, h = api_user(name="Broken Session")
        log_from = worker_log_size()
        r = anonymous().post(url("/api/v1/bookings"), json={"timeslotId": slot},
                             headers=dict(h, **{"X-Test-Break-Session": str(n)}))
        assert r.status_code == 201, (n, r.status_code, r.text)
        assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["1"]], n
        with open(WORKER_LOG, encoding="utf-8", errors="replace") as f:
            f.seek(log_from)
            logged = f.read()
        if "the session failed" not in logged:
            break           # n is past the handler's last statement
        assert "error 1305" in logged and "reconnecting" in logged, logged
    else:
        raise AssertionError(f"the booking ran more than {MOST} statements")
    assert n > 3, f"only {n - 1} statements broken"
    assert sql("SELECT booked FROM timeslots WHERE id = ?", slot) == [[str(n)]]


# On a Galera node START TRANSACTION waits for the node to catch up
# (wsrep_sync_wait), and the wait can end in vain (1205 after
# repl.causal_read_timeout), as when the cluster changes its members. Such a
# start did nothing: the transaction is started again (db.c db_txn).
# X-Test-Begin-In-Vain: N makes the first N starts answer so.

def test_a_transaction_whose_start_waited_in_vain_is_started_again_and_books_once():
    room = make_room(name=unique("In Vain Room"), capacity=5)
    slot = make_slot(room, at(day(33), 9), price="0.00", capacity=5)
    for n in (1, 3):
        uid, _, h = api_user(name="In Vain")
        r = anonymous().post(url("/api/v1/bookings"), json={"timeslotId": slot},
                             headers=dict(h, **{"X-Test-Begin-In-Vain": str(n)}))
        assert r.status_code == 201, (n, r.status_code, r.text)
        assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["1"]], n
    # every try waited in vain: a 503 that says to try again soon, and
    # nothing was written
    uid, _, h = api_user(name="In Vain")
    r = anonymous().post(url("/api/v1/bookings"), json={"timeslotId": slot},
                         headers=dict(h, **{"X-Test-Begin-In-Vain": "100"}))
    assert r.status_code == 503 and r.json()["error"]["code"] == "busy", r.text
    assert r.headers["Retry-After"] == "1"
    assert sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid) == [["0"]]
    assert sql("SELECT booked FROM timeslots WHERE id = ?", slot) == [["2"]]


# MariaDB itself stopped: the first statement of a request (the session
# lookup, before any handler) fails, and the answer must be whole too: a 503
# that says when to try again (tests/http/test_outage.py has more).

@pytest.mark.skipif(not os.path.exists(MYCNF), reason="no test stack's my.cnf")
def test_every_family_answers_whole_while_mariadb_is_stopped(world):
    log_from = worker_log_size()
    done = db_admin("shutdown")
    assert done.returncode == 0, done.stderr
    try:
        for path in ["/", "/rooms/{room}", "/timeslots/{slot}"]:
            complete(anonymous().get(url(path.format(**world)), allow_redirects=False), False)
        for path in ["/me", "/bookings/{booking}", "/account"]:
            r = world["user"].get(url(path.format(**world)), allow_redirects=False)
            assert r.status_code == 503 and r.headers["Retry-After"]
            complete(r, False)
        r = world["admin"].post(url("/admin/timeslots"), data={"csrf": world["admin_csrf"]},
                                allow_redirects=False)
        assert r.status_code == 503
        complete(r, False)
        r = anonymous().get(url("/api/v1/bookings"), headers=world["api"])
        assert r.status_code == 503 and r.headers["Retry-After"]
        complete(r, True)
        r = anonymous().get(url("/healthz"))
        assert r.status_code == 503
        complete(r, False)
    finally:
        db_start()
    # Back: the workers reconnect on their own.
    wait_healthy(log_from)
    assert world["user"].get(url("/me")).status_code == 200
