"""test_edge.py: what nginx does on its own (redirects, limits, timeouts, its
own errors) and what the workers' database account may do."""
import os
import re
import resource
import socket
import subprocess
import time

import pytest
import requests

from conftest import BASE, CA, HTTP_BASE, url

VAR = os.environ.get("BOOKING_VAR", "")
CONF = os.environ.get("BOOKING_CONFIG", "")
SOCKET = os.path.join(VAR, "run", "booking.sock")
ERROR_LOG = os.path.join(VAR, "log", "nginx-error.log")
stack = pytest.mark.skipif(not os.path.exists(SOCKET), reason="no test stack")


def test_plain_http_redirects_to_the_configured_name_not_the_host_sent():
    for host in ("evil.example", "evil.example:1", "127.0.0.1:9"):
        r = requests.get(HTTP_BASE + "/rooms?type=office", headers={"Host": host},
                         allow_redirects=False)
        assert r.status_code == 301
        assert r.headers["Location"] == BASE + "/rooms?type=office", host


def json_error(r, status):
    assert r.status_code == status, (r.status_code, r.text[:200])
    assert r.headers["Content-Type"].startswith("application/json"), r.headers
    return r.json()["error"]["code"]


@stack
def test_nginx_answers_json_under_api_when_the_workers_are_gone():
    """The socket moved away: nginx cannot reach a worker (502), and says so
    in JSON under /api/ (its HTML page elsewhere)."""
    moved = SOCKET + ".away"
    os.rename(SOCKET, moved)
    try:
        r = requests.get(url("/api/v1/rooms"), verify=CA)
        assert json_error(r, 502) == "unavailable"
        assert r.headers["Retry-After"].isdigit()
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        r = requests.post(url("/api/v1/auth/login"), json={}, verify=CA)
        assert json_error(r, 502) == "unavailable"
        r = requests.get(url("/rooms"), verify=CA)
        assert r.status_code == 502 and r.headers["Content-Type"].startswith("text/html")
    finally:
        os.rename(moved, SOCKET)
    assert requests.get(url("/api/v1/rooms"), verify=CA).status_code == 200


def test_nginx_rate_limit_answers_json_under_api():
    import concurrent.futures

    def hit(_):
        return requests.get(url("/api/v1/auth/login"), verify=CA)

    with concurrent.futures.ThreadPoolExecutor(48) as pool:
        replies = list(pool.map(hit, range(400)))
    limited = [r for r in replies if r.status_code == 429]
    assert limited, set(r.status_code for r in replies)
    for r in limited:
        assert json_error(r, 429) == "rate_limited"
    assert set(r.status_code for r in replies) <= {405, 429}


def nginx_conf():
    with open(os.path.join(VAR, "nginx.conf")) as f:
        return f.read()


def seconds(value):
    n, unit = re.fullmatch(r"(\d+)(ms|s|m|h)?", value).groups()
    return int(n) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600, None: 1}[unit]


@stack
def test_a_long_export_has_time_beyond_fastcgi_read_timeout():
    """Sorting a million bookings takes seconds before the first row: the
    export's location may wait far longer than the 60 s default."""
    m = re.search(r"location = /admin/bookings\.csv \{(.*?)\}", nginx_conf(), re.S)
    assert m, "no location of its own for the export"
    t = re.search(r"fastcgi_read_timeout\s+(\S+);", m.group(1))
    assert t and seconds(t.group(1)) >= 600


@stack
def test_slow_header_connections_are_cut_and_others_keep_being_served():
    """500 connections from one address that send half a request and then
    nothing: requests keep being served meanwhile, nginx closes the slow
    ones after client_header_timeout (10 s, not the 60 s default), and its
    error log does not fill up."""
    want = 500
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < want + 200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    port = int(HTTP_BASE.rsplit(":", 1)[1])
    log_before = os.path.getsize(ERROR_LOG)
    slow = []
    try:
        opened = time.monotonic()
        for _ in range(want):
            c = socket.create_connection(("127.0.0.1", port), timeout=5)
            c.sendall(b"GET /rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            slow.append(c)
        for _ in range(30):
            r = requests.get(url("/rooms"), verify=CA, timeout=5)
            assert r.status_code == 200
            r = requests.get(HTTP_BASE + "/rooms", allow_redirects=False, timeout=5)
            assert r.status_code == 301
        # every slow one is closed by nginx, within the header timeout and a margin
        open_ = list(slow)
        deadline = opened + 20
        while open_:
            assert time.monotonic() < deadline, f"{len(open_)} slow connections still open"
            c = open_[0]
            c.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                data = c.recv(1024)
            except (ConnectionResetError, BrokenPipeError):
                data = b""
            except socket.timeout:
                continue
            assert data == b"" or data.startswith(b"HTTP/1.1 408"), data[:100]
            open_.pop(0)
        assert time.monotonic() - opened >= 9, "closed before they timed out"
    finally:
        for c in slow:
            c.close()
    with open(ERROR_LOG, errors="replace") as f:
        f.seek(log_before)
        grown = f.read().splitlines()
    assert len(grown) < 20, grown[:20]
    assert requests.get(url("/rooms"), verify=CA).status_code == 200


def conf_value(key):
    with open(CONF) as f:
        found = [line.split("=", 1)[1].strip() for line in f
                 if line.split("=", 1)[0].strip() == key]
    return found[-1]


def as_user(user, password, statement):
    return subprocess.run(["mariadb", f"--defaults-file={os.path.join(VAR, 'my.cnf')}",
                           f"--user={user}", f"--password={password}", "-N", "-B",
                           "booking", "-e", statement], capture_output=True, text=True)


@pytest.mark.skipif(not os.path.exists(CONF), reason="no test stack's booking.conf")
def test_the_workers_account_reads_and_writes_rows_and_nothing_more():
    user, pw = conf_value("db_user"), conf_value("db_password")
    done = as_user(user, pw, "SELECT COUNT(*) FROM rooms")
    assert done.returncode == 0, done.stderr
    for ddl in ("CREATE TABLE intruder (i INT)", "DROP TABLE rooms",
                "ALTER TABLE rooms ADD COLUMN intruder INT", "CREATE INDEX x ON rooms (name)",
                "CREATE FUNCTION intruder() RETURNS INT RETURN 1",
                "GRANT SELECT ON booking.* TO CURRENT_USER"):
        done = as_user(user, pw, ddl)
        assert done.returncode != 0 and "denied" in done.stderr, (ddl, done.stderr)
    grants = as_user(user, pw, "SHOW GRANTS").stdout
    assert "ALL PRIVILEGES ON `booking`" not in grants
    assert "GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON `booking`.*" in grants, grants
    # DDL is the migrations' own account's, and bookingctl migrate uses it.
    muser, mpw = conf_value("migrate_user"), conf_value("migrate_password")
    assert muser and muser != user
    done = as_user(muser, mpw, "SHOW GRANTS")
    assert "ALL PRIVILEGES ON `booking`.*" in done.stdout, done.stdout
    done = subprocess.run([os.environ["BOOKING_CTL"], "migrate"], capture_output=True,
                          text=True)
    assert done.returncode == 0 and "up to date" in done.stdout, done.stderr


@stack
def test_one_address_gets_only_so_many_connections_served_at_once():
    """Requests whose bodies never come hold their connections (for
    client_body_timeout); past BOOKING_CONN_LIMIT of them from one address
    the next request is refused with 429 (JSON under /api/) instead of
    taking another; once they are gone, requests are served again."""
    import ssl
    limit = int(re.search(r"limit_conn perip (\d+);", nginx_conf()).group(1))
    assert re.search(r"client_body_timeout 10s;", nginx_conf())
    assert re.search(r"send_timeout 10s;", nginx_conf())
    host, port = BASE.split("//", 1)[1].rsplit(":", 1)
    context = ssl.create_default_context(cafile=CA)
    held = []
    try:
        for _ in range(limit):
            c = context.wrap_socket(socket.create_connection((host, int(port)), timeout=5),
                                    server_hostname=host)
            c.sendall(b"POST /api/v1/bookings HTTP/1.1\r\nHost: " + host.encode() +
                      b"\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
            held.append(c)
        # each is counted once nginx has its headers; wait for the refusal
        deadline = time.monotonic() + 10
        while True:
            r = requests.get(url("/api/v1/rooms"), verify=CA)
            if r.status_code == 429 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert json_error(r, 429) == "rate_limited"
        assert requests.get(url("/rooms"), verify=CA).status_code == 429
    finally:
        for c in held:
            c.close()
    deadline = time.monotonic() + 10
    while requests.get(url("/api/v1/rooms"), verify=CA).status_code != 200:
        assert time.monotonic() < deadline, "still refused after the connections closed"
        time.sleep(0.05)
