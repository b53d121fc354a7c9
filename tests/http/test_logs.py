"""test_logs.py: the workers' log: one line per request that no request can
forge, naming the acting user, and a log that can be rotated away."""
import os
import signal
import time
import uuid

import pytest

from conftest import browser_user, get, url, worker_pids

VAR = os.environ.get("BOOKING_VAR", "")
LOG = os.path.join(VAR, "log", "worker.log")


def log_text():
    with open(LOG, errors="replace") as f:
        return f.read()


def wait_for_line(needle, seconds=10):
    """The log line that contains needle (workers write it after replying)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for line in log_text().splitlines():
            if needle in line:
                return line
        time.sleep(0.05)
    raise AssertionError(f"{needle!r} not in {LOG}")


pytestmark = pytest.mark.skipif(not os.path.exists(LOG), reason="no test stack's worker.log")


def test_a_decoded_line_break_cannot_forge_a_log_line():
    tag = uuid.uuid4().hex
    forged = f"2026-01-01T00:00:00Z 10.0.0.1 1 \"GET /admin {tag}\" 200 0 0.1ms"
    path = "/x%0a" + forged.replace(" ", "%20").replace('"', "%22") + "%0d%1b[31m%5c"
    assert get(path).status_code == 404
    line = wait_for_line(tag)
    assert not line.startswith("2026-01-01"), line
    assert "/x\\x0a2026-01-01" in line, line
    assert "\\x0d\\x1b[31m\\\\" in line, line
    # the quote in the path cannot close the quoted request early
    assert line.count('"') == 2 and "%22GET" in line, line
    for other in log_text().splitlines():
        assert not other.startswith(forged[:20]) or tag not in other


def test_the_log_names_the_acting_user():
    s, uid, _ = browser_user(name="Logged User")
    tag = uuid.uuid4().hex
    assert s.get(url(f"/rooms/{tag}")).status_code in (400, 404)
    line = wait_for_line(f"/rooms/{tag}")
    fields = line.split(" ")
    assert fields[2] == str(uid), line
    get(f"/rooms/{tag}x")
    line = wait_for_line(f"/rooms/{tag}x")
    assert line.split(" ")[2] == "-", line


def multiwatch_pid():
    with open(os.path.join(VAR, "run", "workers.pid")) as f:
        return int(f.read().strip())


@pytest.mark.parametrize("to,sig", [("workers", signal.SIGUSR1), ("workers", signal.SIGHUP),
                                    ("multiwatch", signal.SIGUSR2)])
def test_workers_reopen_their_log_after_rotation(to, sig):
    """As logrotate does it (contrib/logrotate-booking): move the log away,
    create a fresh one with the same owner, signal the workers (or
    multiwatch, which passes SIGUSR2 on); they write to the new one, and
    none of them stopped for it."""
    before = worker_pids()
    assert before
    st = os.stat(LOG)
    rotated = LOG + ".1"
    os.rename(LOG, rotated)
    try:
        fd = os.open(LOG, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        os.fchown(fd, st.st_uid, st.st_gid)
        os.close(fd)
        for pid in (before if to == "workers" else [multiwatch_pid()]):
            os.kill(pid, sig)
        for pid in before:
            wait_for_line(f"booking-fcgi[{pid}]: signal {int(sig)}, log reopened")
        assert worker_pids() == before, "a worker stopped instead of reopening its log"
        tag = uuid.uuid4().hex
        # enough requests for every thread of every worker
        for i in range(40):
            assert get(f"/nowhere/{tag}/{i}").status_code == 404
        new = log_text()
        assert all(f"/nowhere/{tag}/{i}" in new for i in range(40))
        with open(rotated, errors="replace") as f:
            assert tag not in f.read()
    finally:
        with open(rotated, errors="replace") as f:
            old = f.read()
        with open(LOG, errors="replace") as f:
            new = f.read()
        # one file again, oldest lines first, for the logs shown on failure
        with open(LOG, "w") as f:
            f.write(old + new)
        os.chown(LOG, st.st_uid, st.st_gid)
        os.unlink(rotated)



NGINX_LOG = os.path.join(VAR, "log", "nginx-access.log")


def nginx_text():
    with open(NGINX_LOG, errors="replace") as f:
        return f.read()


def wait_for_count(read, needle, count, seconds=10):
    deadline = time.monotonic() + seconds
    while read().count(needle) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return read().count(needle)


def test_neither_log_keeps_a_secret_path_token():
    """A feed, unsubscribe, confirmation or reset token in a path is a
    password for what it opens: the logs keep only the path's prefix."""
    prefixes = ("/calendar/", "/unsubscribe/", "/register/confirm/", "/password/reset/")
    before = {p: (log_text().count(f"GET {p}[secret]"), nginx_text().count(f"GET {p}[secret]"))
              for p in prefixes}
    tags = {}
    for p in prefixes:
        tags[p] = uuid.uuid4().hex
        r = get(f"{p}{tags[p]}.ics", headers={"Referer": url(f"{p}{tags[p]}")})
        assert r.status_code < 500, (p, r.status_code)
    for p in prefixes:
        worker, edge = before[p]
        assert wait_for_count(log_text, f"GET {p}[secret]", worker + 1) == worker + 1, p
        assert wait_for_count(nginx_text, f"GET {p}[secret]", edge + 1) == edge + 1, p
    worker, edge = log_text(), nginx_text()
    for p, tag in tags.items():
        assert tag not in worker, p
        assert tag not in edge, p
