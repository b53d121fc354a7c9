"""test_ops.py: nginx, TLS, headers, health, worker supervision and bookingctl."""
import os
import signal
import subprocess
import time

import requests

from conftest import CA, HTTP_BASE, get, sql, url

CTL = os.environ.get("BOOKING_CTL")


def test_healthz_checks_the_database():
    r = get("/healthz")
    assert r.status_code == 200
    assert r.text.strip() == "ok"


def test_plain_http_redirects_to_https():
    r = requests.get(HTTP_BASE + "/rooms?type=office", allow_redirects=False)
    assert r.status_code == 301
    assert r.headers["Location"].startswith("https://")
    assert r.headers["Location"].endswith("/rooms?type=office")


def test_security_headers_on_pages_static_and_errors():
    for path in ("/", "/static/style.css", "/no/such/page", "/api/v1/rooms"):
        h = get(path).headers
        assert "max-age=" in h["Strict-Transport-Security"], path
        assert h["X-Content-Type-Options"] == "nosniff", path
        assert h["Referrer-Policy"], path
        csp = h["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp, path
        assert "Server" not in h or "nginx/" not in h["Server"], path


def test_static_files_come_from_nginx_with_long_cache():
    r = get("/static/style.css")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/css")
    assert "max-age=31536000" in r.headers["Cache-Control"]


def test_text_is_gzipped():
    r = requests.get(url("/rooms"), verify=CA, headers={"Accept-Encoding": "gzip"},
                     stream=True)
    assert r.headers.get("Content-Encoding") == "gzip"


def worker_pids():
    """The workers of the stack under test: children of its multiwatch."""
    var = os.path.dirname(os.environ["BOOKING_CONFIG"])
    with open(os.path.join(var, "run", "workers.pid")) as f:
        parent = f.read().strip()
    out = subprocess.run(["pgrep", "-P", parent, "-x", "booking-fcgi"],
                         capture_output=True, text=True)
    return set(int(p) for p in out.stdout.split())


def wait_for(pred, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.1)
    return False


def test_a_killed_worker_is_replaced():
    before = worker_pids()
    assert before, "no booking-fcgi processes found"
    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    assert wait_for(lambda: victim not in worker_pids() and len(worker_pids()) == len(before))
    for _ in range(20):
        assert get("/healthz").status_code == 200


def test_sigterm_stops_a_worker_cleanly_and_it_is_replaced():
    before = worker_pids()
    victim = max(before)
    log = os.path.join(os.path.dirname(os.environ["BOOKING_CONFIG"]), "log", "worker.log")
    os.kill(victim, signal.SIGTERM)
    assert wait_for(lambda: victim not in worker_pids() and len(worker_pids()) == len(before))
    with open(log) as f:
        assert f"booking-fcgi[{victim}]: signal 15, stopped" in f.read()
    assert get("/healthz").status_code == 200


def test_workers_reconnect_after_the_database_drops_them():
    assert get("/rooms").status_code == 200
    ids = sql("SELECT id FROM information_schema.processlist"
              " WHERE user = 'booking' AND id <> CONNECTION_ID()")
    assert ids, "the workers hold database connections"
    for (cid,) in ids:
        sql(f"KILL CONNECTION {int(cid)}")
    # Enough requests to reach every thread of every worker.
    for _ in range(80):
        r = get("/rooms")
        assert r.status_code == 200


def test_bookingctl_help_and_migrate_twice():
    r = subprocess.run([CTL, "--help"], capture_output=True, text=True)
    assert r.returncode == 0
    for word in ("migrate", "user add", "--admin", "BOOKING_CONFIG"):
        assert word in r.stdout
    r = subprocess.run([CTL, "migrate"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "0 applied now" in r.stdout
    versions = sql("SELECT COUNT(*) FROM schema_migrations")[0][0]
    assert int(versions) >= 1


def test_bookingctl_user_add_refuses_bad_input_and_duplicates():
    env = dict(os.environ, BOOKING_PASSWORD="a long enough passphrase")
    email = f"ctl{time.time_ns()}@example.com"
    r = subprocess.run([CTL, "user", "add", "--email", email, "--name", "Ctl"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    hashed, role = sql("SELECT password_hash, role FROM users WHERE email = ?", email)[0]
    assert hashed.startswith("$argon2id$") and role == "customer"
    r = subprocess.run([CTL, "user", "add", "--email", email, "--name", "Ctl"],
                       capture_output=True, text=True, env=env)
    assert r.returncode != 0 and "already exists" in r.stderr
    short = dict(os.environ, BOOKING_PASSWORD="short")
    r = subprocess.run([CTL, "user", "add", "--email", "x" + email, "--name", "Ctl"],
                       capture_output=True, text=True, env=short)
    assert r.returncode != 0 and "12 characters" in r.stderr
    r = subprocess.run([CTL, "user", "add", "--email", "not-an-email", "--name", "Ctl"],
                       capture_output=True, text=True, env=env)
    assert r.returncode != 0 and "email" in r.stderr


def test_admin_account_exists():
    email = os.environ.get("BOOKING_ADMIN_EMAIL", "admin@example.com")
    assert sql("SELECT role FROM users WHERE email = ?", email) == [["admin"]]


def test_nginx_rate_limits_login_per_address_but_not_other_pages():
    """The test stack allows BOOKING_LOGIN_RATE (6000/min, burst 10): a flood
    faster than that gets 429 from nginx on /login, never on /rooms."""
    import concurrent.futures

    def hit(path):
        return requests.get(url(path), verify=CA, allow_redirects=False).status_code

    with concurrent.futures.ThreadPoolExecutor(48) as pool:
        login_codes = list(pool.map(hit, ["/login"] * 400))
        room_codes = list(pool.map(hit, ["/rooms"] * 200))
    assert 429 in login_codes
    assert set(login_codes) <= {200, 429}
    assert set(room_codes) == {200}
