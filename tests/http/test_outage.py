"""test_outage.py: the database down or restarting, a worker killed and nginx
reloaded, each under a steady load, all on the test stack's loopback ports.

While MariaDB is down every page and API call answers 503 with Retry-After
(a whole page, JSON under /api/), the workers back off instead of trying to
connect (and logging it) for every request, and a booking whose commit went
unanswered points its customer at "My bookings". When MariaDB is killed in
the middle of a booking load, every booking that was answered 201 is in the
database afterwards."""
import os
import signal
import subprocess
import threading
import time
import uuid

import pytest
import requests

from conftest import (CA, MYCNF, VAR, active_count, api_user, api_users, at, browser_user,
                      day, db_admin, db_start, make_room, make_slot, sql, url, wait_healthy,
                      worker_pids, WORKER_LOG as LOG)

pytestmark = pytest.mark.skipif(not os.path.exists(MYCNF), reason="no test stack's my.cnf")


def session():
    s = requests.Session()
    s.verify = CA
    s.trust_env = False
    return s


def unavailable(r, api):
    """A 503 that says when to try again, as a whole page or JSON error."""
    assert r.status_code == 503, (r.status_code, r.text[:200])
    assert r.headers["Retry-After"].isdigit()
    if api:
        assert r.headers["Content-Type"].startswith("application/json")
        return r.json()["error"]["code"]
    assert r.headers["Content-Type"].startswith("text/html")
    assert "</html>" in r.text and "503" in r.text
    return None


def log_size():
    return os.path.getsize(LOG)


def log_since(offset):
    with open(LOG, errors="replace") as f:
        f.seek(offset)
        return f.read()


def test_pages_and_api_answer_503_and_the_log_stays_quiet_while_mariadb_is_down():
    customer, _, _ = browser_user(name="Outage Customer")
    _, _, api = api_user()
    room = make_room()
    slot = make_slot(room, at(day(31), 10))
    start = log_size()
    done = db_admin("shutdown")
    assert done.returncode == 0, done.stderr
    try:
        for path in ["/", "/rooms", f"/rooms/{room}", f"/timeslots/{slot}"]:
            unavailable(session().get(url(path), allow_redirects=False), False)
        unavailable(customer.get(url("/me"), allow_redirects=False), False)
        assert unavailable(session().get(url("/api/v1/rooms")), True) == "unavailable"
        r = session().post(url("/api/v1/bookings"), json={"timeslotId": slot}, headers=api)
        assert unavailable(r, True) == "unavailable"
        # A flood while it is down: without a back-off every request of
        # every thread tried to connect and logged a line for it.
        s = session()
        for _ in range(300):
            assert s.get(url("/api/v1/rooms")).status_code == 503
        lines = [ln for ln in log_since(start).splitlines() if ln.startswith("db")]
        assert len(lines) <= 20, "\n".join(lines[:30])
        assert any("connect failed" in ln for ln in lines), lines
    finally:
        db_start()
    wait_healthy(start)
    assert "]: connected again" in log_since(start)
    assert customer.get(url("/me")).status_code == 200


def test_a_booking_whose_commit_went_unanswered_points_at_my_bookings():
    """The commit took effect and its answer was lost (the test stack's
    X-Test-Lose-Commit fault): the booking exists, and the page says so."""
    s, uid, csrf = browser_user(name="Lost Commit")
    room = make_room()
    slot = make_slot(room, at(day(32), 10), price="0.00")
    r = s.post(url("/bookings"), data={"csrf": csrf, "timeslot_id": slot},
               headers={"X-Test-Lose-Commit": "1"}, allow_redirects=False)
    unavailable(r, False)
    assert "may have been saved" in r.text
    assert '<a href="/me">My bookings</a>' in r.text
    assert active_count(slot) == 1
    assert s.get(url("/me")).status_code == 200

    _, _, api = api_user()
    slot = make_slot(room, at(day(32), 12), price="0.00")
    key = uuid.uuid4().hex
    headers = dict(api, **{"Idempotency-Key": key})
    r = session().post(url("/api/v1/bookings"), json={"timeslotId": slot},
                       headers=dict(headers, **{"X-Test-Lose-Commit": "1"}))
    assert unavailable(r, True) == "outcome_unknown"
    assert "Idempotency-Key" in r.json()["error"]["message"]
    # Sent again with its key, it is the booking that was made, not a second.
    r = session().post(url("/api/v1/bookings"), json={"timeslotId": slot}, headers=headers)
    assert r.status_code == 200, r.text
    assert active_count(slot) == 1


class Load:
    """n threads sending requests in a loop until stopped (or out of work);
    every answer kept as (time, status, response or exception)."""

    def __init__(self, n, send):
        self.send = send
        self.stopping = threading.Event()
        self.results = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(n)]

    def run(self, i):
        k = 0
        while not self.stopping.is_set():
            try:
                r = self.send(i, k)
                if r is None:
                    return
                got = (time.monotonic(), r.status_code, r)
            except requests.RequestException as e:
                got = (time.monotonic(), None, e)
            with self.lock:
                self.results.append(got)
            k += 1

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=60)

    def since(self, t0):
        with self.lock:
            return [x for x in self.results if x[0] >= t0]


def wait_until(pred, seconds, what):
    deadline = time.monotonic() + seconds
    while not pred():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def mariadbd_pid():
    with open(os.path.join(VAR, "run", "mysqld.pid")) as f:
        return int(f.read().strip())


def dead(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1].startswith("Z")
    except FileNotFoundError:
        return True


def test_every_booking_answered_201_survives_mariadb_killed_under_load():
    threads, slots = 6, 400
    users = api_users(threads, name="Load User")
    room = make_room(capacity=threads)
    first = at(day(60), 0)
    sql("INSERT INTO timeslots (room_id, start_time, end_time, price, max_bookings, status)"
        " SELECT ?, ? + INTERVAL seq HOUR, ? + INTERVAL seq HOUR + INTERVAL 30 MINUTE,"
        " 0, ?, 'scheduled' FROM seq_0_to_" + str(slots - 1),
        room, first.strftime("%Y-%m-%d %H:%M:%S"), first.strftime("%Y-%m-%d %H:%M:%S"),
        threads)
    ids = [int(x) for (x,) in sql("SELECT id FROM timeslots WHERE room_id = ? ORDER BY id",
                                  room)]
    assert len(ids) == slots
    sessions = [session() for _ in range(threads)]

    def book(i, k):
        if k >= slots:
            return None
        return sessions[i].post(url("/api/v1/bookings"), json={"timeslotId": ids[k]},
                                headers=users[i][2], timeout=30)

    with Load(threads, book) as load:
        wait_until(lambda: sum(1 for x in load.since(0) if x[1] == 201) >= 30, 30,
                   "no bookings before the kill")
        log_from = os.path.getsize(LOG)
        pid = mariadbd_pid()
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
        wait_until(lambda: dead(pid), 30, "mariadbd did not die")
        db_start()
        wait_healthy(log_from)
        back = time.monotonic()
        wait_until(lambda: sum(1 for x in load.since(back) if x[1] == 201) >= 30, 60,
                   "no bookings after the restart")
    results = load.since(0)
    statuses = set(x[1] for x in results)
    assert statuses <= {201, 503}, statuses
    assert any(x[1] == 503 for x in results if x[0] >= killed), "the outage went unseen"
    for _, status, r in results:
        if status == 503:
            assert r.headers["Retry-After"].isdigit()
            assert r.json()["error"]["code"] in ("unavailable", "outcome_unknown")
    made = [int(r.json()["id"]) for _, status, r in results if status == 201]
    stored = dict((int(i), s) for i, s in sql(
        "SELECT id, status FROM bookings WHERE room_id = ?", room))
    lost = [i for i in made if i not in stored]
    assert not lost, f"{len(lost)} of {len(made)} acknowledged bookings are gone: {lost[:10]}"
    assert all(stored[i] == "confirmed" for i in made)
    assert len(set(made)) == len(made)


def test_a_worker_killed_under_load_is_replaced_and_requests_after_succeed():
    before = worker_pids()
    assert len(before) >= 2
    sessions = [session() for _ in range(4)]

    def read(i, k):
        return sessions[i].get(url("/api/v1/rooms"), timeout=30)

    with Load(4, read) as load:
        wait_until(lambda: len(load.since(0)) >= 50, 30, "no load")
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        wait_until(lambda: victim not in worker_pids() and len(worker_pids()) == len(before),
                   15, "the killed worker was not replaced")
        # answers that left before the replacement was seen may still arrive
        replaced = time.monotonic() + 0.2
        wait_until(lambda: len(load.since(replaced)) >= 200, 30, "no load after")
    failed = [x for x in load.results if x[1] != 200]
    # Only what the killed worker had in hand, answered as nginx's JSON 502.
    assert len(failed) <= 8, failed
    for _, status, r in failed:
        assert status == 502, r
        assert r.json()["error"]["code"] == "unavailable"
    after = load.since(replaced)
    assert len(after) >= 200 and all(x[1] == 200 for x in after)


def retrying_session():
    """A client as browsers are: an idempotent request whose connection
    closed before any answer is sent once more, on a new connection. An old
    nginx worker closes the connections it holds without a request in them
    as it stops, even one it has just accepted; that is not a failure."""
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry
    s = session()
    s.mount("https://", HTTPAdapter(max_retries=Retry(total=1, connect=1, read=1, status=0,
                                                      allowed_methods={"GET"})))
    return s


def test_an_nginx_reload_under_load_fails_no_request():
    with open(os.path.join(VAR, "run", "nginx.pid")) as f:
        master = int(f.read().strip())

    def nginx_workers():
        out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
        return set(int(p) for p in out.stdout.split())

    sessions = [retrying_session() for _ in range(4)]

    def read(i, k):
        path = "/rooms" if k % 2 else "/api/v1/rooms"
        return sessions[i].get(url(path), timeout=30)

    old = nginx_workers()
    with Load(4, read) as load:
        wait_until(lambda: len(load.since(0)) >= 40, 30, "no load")
        for _ in range(3):
            os.kill(master, signal.SIGHUP)
            time.sleep(0.3)
        wait_until(lambda: not (nginx_workers() & old), 30, "old nginx workers stayed")
        reloaded = time.monotonic()
        wait_until(lambda: len(load.since(reloaded)) >= 40, 30, "no load after")
    failed = [x for x in load.results if x[1] != 200]
    assert not failed, failed[:5]
