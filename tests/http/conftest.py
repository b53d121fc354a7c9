"""conftest.py: the stack under test (URLs, a SQL shell) and fixture factories."""
import datetime as dt
import os
import subprocess
import uuid

import pytest
import requests

BASE = os.environ.get("BOOKING_URL", "https://127.0.0.1:18443").rstrip("/")
HTTP_BASE = os.environ.get("BOOKING_HTTP_URL", "http://127.0.0.1:18080").rstrip("/")
MYSQL = os.environ.get("BOOKING_MYSQL")
# The stack's own self-signed certificate: TLS is checked, not switched off.
CA = os.environ.get("BOOKING_CA", False)

# Tests look at what a change did at once, so every request asks for a fresh page past
# nginx's one-second micro-cache of public pages, as a browser's reload does, unless it
# sends a Cache-Control of its own (test_micro_cache.py, which asks for cached ones).
_request = requests.Session.request


def _fresh_request(self, method, url, **kw):
    headers = dict(kw.get("headers") or {})
    if not any(k.lower() == "cache-control" for k in headers):
        headers["Cache-Control"] = "no-cache"
    kw["headers"] = headers
    return _request(self, method, url, **kw)


requests.Session.request = _fresh_request


def sql(query, *args):
    """Runs SQL through the mariadb client; returns rows as lists of strings.

    Arguments are inlined as quoted literals: this is test set-up on our own
    data, never input from outside."""
    def lit(v):
        if v is None:
            return "NULL"
        if isinstance(v, (int, float)):
            return str(v)
        return "'" + str(v).replace("\\", "\\\\").replace("'", "''") + "'"
    parts = query.split("?")
    assert len(parts) == len(args) + 1, "placeholder count"
    text = parts[0] + "".join(lit(a) + p for a, p in zip(args, parts[1:]))
    # One statement that lost to another's write (a deadlock, or on the Galera tier a
    # conflict at certification, both error 1213) was undone whole: it runs again, as
    # db.c runs the workers' own. Several statements are never run twice.
    for _ in range(8):
        done = subprocess.run(MYSQL + " -N -B", shell=True, input=text + ";\n",
                              capture_output=True, text=True)
        if done.returncode == 0 or "ERROR 1213" not in done.stderr or ";" in text:
            break
    assert done.returncode == 0, f"{text}: {done.stderr}"
    return [line.split("\t") for line in done.stdout.splitlines()]


def url(path):
    return BASE + path


@pytest.fixture
def http():
    s = requests.Session()
    s.verify = CA
    s.trust_env = False     # else REQUESTS_CA_BUNDLE overrides verify
    return s


def get(path, **kw):
    kw.setdefault("allow_redirects", False)
    return requests.get(url(path), verify=CA, **kw)


def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def utc_now():
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def day(offset):
    """A date offset days from today (UTC, the test stack's site zone)."""
    return (utc_now() + dt.timedelta(days=offset)).date()


def make_room(name=None, room_type="meeting", capacity=6, rate="20.00",
              active=1, description="A room for tests", metadata=None):
    name = name or unique("Room")
    return int(sql("INSERT INTO rooms (name, description, capacity, room_type, hourly_rate,"
                   " is_active, metadata) VALUES (?, ?, ?, ?, ?, ?, ?); SELECT LAST_INSERT_ID()",
                   name, description, capacity, room_type, rate, active, metadata)[0][0])


def make_event(title=None, kind="workshop", description="An event for tests"):
    title = title or unique("Event")
    return int(sql("INSERT INTO events (title, description, kind) VALUES (?, ?, ?);"
                   " SELECT LAST_INSERT_ID()", title, description, kind)[0][0])


def make_slot(room_id, start, minutes=60, price="20.00", capacity=4,
              status="scheduled", event_id=None, sequence_no=None):
    end = start + dt.timedelta(minutes=minutes)
    return int(sql("INSERT INTO timeslots (room_id, event_id, start_time, end_time, price,"
                   " max_bookings, status, sequence_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?);"
                   " SELECT LAST_INSERT_ID()",
                   room_id, event_id, start.strftime("%Y-%m-%d %H:%M:%S"),
                   end.strftime("%Y-%m-%d %H:%M:%S"), price, capacity, status,
                   sequence_no)[0][0])


def make_user(email=None, name="Test User", role="customer"):
    email = email or f"{uuid.uuid4().hex[:12]}@example.com"
    # A hash nobody can log in with: these users only own fixture rows.
    sql("INSERT INTO users (email, name, password_hash, role) VALUES (?, ?, ?, ?)",
        email, name, "$argon2id$fixture", role)
    return int(sql("SELECT id FROM users WHERE email = ?", email)[0][0])


def make_booking(user_id, slot_id, status="confirmed"):
    sql("INSERT INTO bookings (user_id, timeslot_id, room_id, start_time, end_time, status)"
        " SELECT ?, id, room_id, start_time, end_time, ? FROM timeslots WHERE id = ?",
        user_id, status, slot_id)
    recount_seats(slot_id)


def recount_seats(slot_id=None, booking_id=None):
    """Sets a timeslot's seat counter (timeslots.booked) and the end of its first hold
    (holds_lapse_at) from its bookings, as the booking engine keeps them: for fixtures
    that write bookings in SQL. The timeslot is given, or that of booking_id."""
    if slot_id is None:
        slot_id = sql("SELECT timeslot_id FROM bookings WHERE id = ?", booking_id)[0][0]
    sql("UPDATE timeslots t SET t.booked = (SELECT COUNT(*) FROM bookings b"
        " WHERE b.timeslot_id = t.id AND b.status IN ('pending', 'confirmed')),"
        " t.holds_lapse_at = (SELECT MIN(b.hold_expires_at) FROM bookings b"
        " WHERE b.timeslot_id = t.id AND b.status = 'pending') WHERE t.id = ?", slot_id)


def at(date, hour, minute=0):
    return dt.datetime(date.year, date.month, date.day, hour, minute)


CSRF_RE = __import__("re").compile(r'name="csrf" value="([0-9a-f]{64})"')
PASSWORD = "correct horse battery staple"


def csrf_of(session, path):
    """The CSRF token a page's forms carry (fetching the page sets the cookie)."""
    r = session.get(url(path), allow_redirects=False)
    m = CSRF_RE.search(r.text)
    assert m, f"no csrf field on {path} ({r.status_code})"
    return m.group(1)


def new_email(tag="user"):
    return f"{tag}-{uuid.uuid4().hex[:12]}@example.com"


def browser():
    s = requests.Session()
    s.verify = CA
    s.trust_env = False     # else REQUESTS_CA_BUNDLE overrides verify
    return s


def signup(session=None, name="Ann Example", email=None, password=PASSWORD):
    """Posts the sign-up form; returns (session, email, response)."""
    session = session or browser()
    email = email or new_email()
    token = csrf_of(session, "/register")
    r = session.post(url("/register"), data={"csrf": token, "name": name,
                     "email": email, "password": password}, allow_redirects=False)
    return session, email, r


CTL = os.environ.get("BOOKING_CTL")
SINK = os.environ.get("BOOKING_MAIL_SINK")
CONFIRM_RE = __import__("re").compile(r"/register/confirm/([0-9a-f]{64})")


def run_jobs(*args):
    """One pass of bookingctl run-jobs: delivers the outbox to the SMTP sink."""
    r = subprocess.run([CTL, "run-jobs", *args], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return r


def mail_to(address):
    """The messages the test stack's SMTP sink holds for address, oldest first."""
    import email
    import email.policy
    found = []
    needle = address.encode()
    for name in sorted(os.listdir(SINK)):
        if name.startswith("."):
            continue
        with open(os.path.join(SINK, name), "rb") as f:
            data = f.read()
        if needle not in data:
            continue
        msg = email.message_from_bytes(data, policy=email.policy.default)
        if address in str(msg["To"]):
            found.append(msg)
    return found


def mail_text(msg):
    return msg.get_body(preferencelist=("plain",)).get_content()


def confirm_link(address):
    """The path of the newest sign-up link mailed to address, once run-jobs delivered it."""
    run_jobs()
    links = [m.group(0) for msg in mail_to(address) for m in [CONFIRM_RE.search(mail_text(msg))]
             if m]
    assert links, f"no sign-up link was mailed to {address}"
    return links[-1]


def confirm(session, address):
    """Follows the sign-up link mailed to address as a person does: the page, then its button."""
    path = confirm_link(address)
    page = session.get(url(path), allow_redirects=False)
    assert page.status_code == 200 and f'action="{path}"' in page.text, page.status_code
    return session.post(url(path), allow_redirects=False)


def register(session=None, name="Ann Example", email=None, password=PASSWORD):
    """Signs up through the real form, follows the link mailed to the address
    (bookingctl run-jobs delivers it to the SMTP sink) and logs in. Returns
    (session, email, response): the login's response once the sign-up
    passed, else the refused sign-up's."""
    session, email, r = signup(session, name, email, password)
    if r.status_code != 200:
        return session, email, r
    assert "Check your mail" in r.text
    r = confirm(session, email)
    assert r.status_code == 303 and r.headers["Location"] == "/login?confirmed=1", r.status_code
    session, r = login(email, password, session=session)
    return session, email, r


def login(email, password=PASSWORD, session=None, next_path=None):
    session = session or browser()
    token = csrf_of(session, "/login")
    data = {"csrf": token, "email": email, "password": password}
    if next_path is not None:
        data["next"] = next_path
    r = session.post(url("/login"), data=data, allow_redirects=False)
    return session, r


def user_id_of(email):
    return int(sql("SELECT id FROM users WHERE email = ?", email)[0][0])


# Booking engine fixtures: users signed in by SQL (no password hashing, no
# rate limit), bookings in any state, and seat counts.

def _token():
    return __import__("secrets").token_hex(32)


def api_user(name="Api User", role="customer"):
    """A user with a personal API token; returns (user_id, token, headers)."""
    uid = make_user(name=name, role=role)
    token = _token()
    sql("INSERT INTO api_tokens (user_id, name, token_hash) VALUES (?, 'test', UNHEX(SHA2(?, 256)))",
        uid, token)
    return uid, token, {"Authorization": f"Bearer {token}"}


def api_users(n, name="Api User"):
    """n users with API tokens made in two SQL round trips; a list of api_user() tuples."""
    tag = uuid.uuid4().hex[:12]
    emails = [f"{tag}-{i}@example.com" for i in range(n)]
    tokens = [_token() for _ in range(n)]
    sql("INSERT INTO users (email, name, password_hash) VALUES "
        + ", ".join(["(?, ?, '$argon2id$fixture')"] * n),
        *[v for i, e in enumerate(emails) for v in (e, f"{name} {i}")])
    sql("INSERT INTO api_tokens (user_id, name, token_hash) VALUES "
        + ", ".join(["((SELECT id FROM users WHERE email = ?), 'test', UNHEX(SHA2(?, 256)))"] * n),
        *[v for e, t in zip(emails, tokens) for v in (e, t)])
    ids = dict((e, int(i)) for i, e in sql("SELECT id, email FROM users WHERE email LIKE ?", tag + "-%"))
    return [(ids[e], t, {"Authorization": f"Bearer {t}"}) for e, t in zip(emails, tokens)]


def browser_user(name="Page User", role="customer"):
    """A browser signed in as a new user; returns (session, user_id, csrf).

    The session row is written directly, as the login form would."""
    uid = make_user(name=name, role=role)
    token, csrf = _token(), _token()
    sql("INSERT INTO sessions (token_hash, user_id, csrf, expires_at)"
        " VALUES (UNHEX(SHA2(?, 256)), ?, ?, UTC_TIMESTAMP() + INTERVAL 12 HOUR)", token, uid, csrf)
    s = browser()
    s.cookies.set("__Host-session", token)
    return s, uid, csrf


def add_booking(user_id, slot_id, status="confirmed", payment_status="pending", price=None,
                hold_minutes=None):
    """A booking row written directly (no engine); returns its id. price defaults to the slot's;
    a paid booking has paid its price."""
    hold = None
    if hold_minutes is not None:
        hold = (utc_now() + dt.timedelta(minutes=hold_minutes)).strftime("%Y-%m-%d %H:%M:%S")
    booking = int(sql("INSERT INTO bookings (user_id, timeslot_id, room_id, start_time, end_time,"
                      " status, payment_status, price, paid_amount, hold_expires_at, cancelled_at)"
                      " SELECT ?, id, room_id, start_time, end_time, ?, ?, COALESCE(?, price),"
                      " IF(? = 'paid', COALESCE(?, price), 0), ?,"
                      " IF(? = 'cancelled', UTC_TIMESTAMP(), NULL) FROM timeslots WHERE id = ?;"
                      " SELECT LAST_INSERT_ID()",
                      user_id, status, payment_status, price, payment_status, price, hold,
                      status, slot_id)[0][0])
    recount_seats(slot_id)
    return booking


def active_count(slot_id):
    """Bookings holding a seat of the timeslot (pending or confirmed)."""
    return int(sql("SELECT COUNT(*) FROM bookings WHERE timeslot_id = ?"
                   " AND status IN ('pending', 'confirmed')", slot_id)[0][0])


def booking_row(booking_id, *columns):
    """Columns of one booking as strings (NULL as None)."""
    cols = ", ".join(columns)
    row = sql(f"SELECT {cols} FROM bookings WHERE id = ?", booking_id)[0]
    return [None if v == "NULL" else v for v in row]


# Form pages: a refused form comes back with one message per wrong field.

FIELD_ERROR_RE = __import__("re").compile(
    r'<span class="field-error" id="([A-Za-z_-]+)-error">([^<]*)</span>')


def field_errors(page):
    """The fields a page marks as wrong, with their messages."""
    return dict(FIELD_ERROR_RE.findall(page))


def form_post(session, path, **data):
    return session.post(url(path), data=data, allow_redirects=False)


def local_input(t):
    """A datetime as a datetime-local input sends it (site time is UTC on the test stack)."""
    return t.strftime("%Y-%m-%dT%H:%M")


# The test stack's MariaDB, stopped and started by the outage tests.

VAR = os.environ.get("BOOKING_VAR", "")
MYCNF = os.path.join(VAR, "my.cnf")


def db_admin(*args):
    return subprocess.run(["mariadb-admin", f"--defaults-file={MYCNF}", *args],
                          capture_output=True, text=True)


def db_start():
    """Starts the stack's mariadbd again and waits until it answers. Its
    port is in the kernel's ephemeral range: a closed client connection
    that was given it holds it for up to a minute (TIME-WAIT), so a start
    that fails to bind is tried again meanwhile (as scripts/lib.sh does)."""
    import time
    path = os.path.join(VAR, "log", "mysqld.log")
    deadline = time.monotonic() + 90

    def start():
        with open(path, "a") as log:
            return subprocess.Popen(["mariadbd", f"--defaults-file={MYCNF}"],
                                    stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                    start_new_session=True)

    server = start()
    while db_admin("ping").returncode != 0:
        assert time.monotonic() < deadline, "MariaDB did not come back"
        if server.poll() is not None:
            with open(path, errors="replace") as f:
                last = f.read()[-2000:]
            assert "Address already in use" in last, f"mariadbd exited: {last[-500:]}"
            time.sleep(1)
            server = start()
        time.sleep(0.2)


WORKER_LOG = os.path.join(VAR, "log", "worker.log")


def worker_log_size():
    return os.path.getsize(WORKER_LOG)


def wait_healthy(log_from=None, seconds=30):
    """Until /healthz answers 200 and, when log_from (an offset in the
    workers' log) is given, every worker process that logged a failed
    connect since has logged that it is connected again: a process waits
    a little before each new try, and answers 503 meanwhile."""
    import re
    import time
    deadline = time.monotonic() + seconds
    while requests.get(url("/healthz"), verify=CA).status_code != 200:
        assert time.monotonic() < deadline, "the workers did not reconnect"
        time.sleep(0.1)
    while log_from is not None:
        with open(WORKER_LOG, errors="replace") as f:
            f.seek(log_from)
            down = {}
            for line in f:
                m = re.match(r"db\[(\d+)\]: (connect failed|connected again)", line)
                if m:
                    down[m.group(1)] = m.group(2) == "connect failed"
        if not any(down.values()):
            return
        assert time.monotonic() < deadline, f"still reconnecting: {down}"
        requests.get(url("/healthz"), verify=CA)
        time.sleep(0.05)


def worker_pids():
    """The booking-fcgi processes of the stack under test: multiwatch's children."""
    with open(os.path.join(VAR, "run", "workers.pid")) as f:
        parent = f.read().strip()
    out = subprocess.run(["pgrep", "-P", parent, "-x", "booking-fcgi"],
                         capture_output=True, text=True)
    return set(int(p) for p in out.stdout.split())
