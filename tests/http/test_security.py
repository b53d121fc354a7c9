"""test_security.py: password strength, throttling per account and address,
the audit of security events, and API tokens after a password change.

Clients on other loopback addresses (127.0.0.2, ...) stand for other
machines: nginx hands the workers the address a connection came from."""
import html
import os
import re
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
import requests
from requests.adapters import HTTPAdapter

from conftest import (CA, PASSWORD, browser, browser_user, csrf_of, field_errors, form_post,
                      login, new_email, register, run_jobs, sql, url, user_id_of)
from test_races import at_once

LOCK = 15 * 60          # the first lock-out, in seconds (auth.h LOCK_MINUTES)


class FromAddress(HTTPAdapter):
    """Connects from a given local address."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kw):
        kw["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kw)


def browser_from(address):
    s = browser()
    s.mount("https://", FromAddress(address))
    return s


def login_from(address, email, password=PASSWORD):
    return login(email, password, session=browser_from(address))[1]


def api_login_from(address, email, password=PASSWORD):
    return browser_from(address).post(url("/api/v1/auth/login"),
                                      json={"email": email, "password": password})


def security_events(email, **filters):
    """The rows of /admin/audit?log=security for one email, as
    (type, address, details) tuples, newest first."""
    s, _, _ = browser_user(role="admin")
    r = s.get(url("/admin/audit"), params=dict(log="security", email=email, **filters))
    assert r.status_code == 200, r.status_code
    rows = re.findall(r'<tr data-type="([a-z_]+)">(.*?)</tr>', r.text, re.S)
    out = []
    for kind, cells in rows:
        tds = re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
        out.append((kind, tds[4], html.unescape(tds[5])))
    return out


# Defect 3: long but guessable passwords are refused everywhere, saying why.

def test_guessable_long_passwords_are_refused_with_the_reason():
    for password, why in (("password1234", "common words"), ("abcdefghijklmn", "sequence"),
                          ("qwertyuiop[]", "keyboard pattern")):
        _, email, r = register(password=password)
        assert r.status_code == 400, password
        message = field_errors(r.text)["password"]
        assert "too easy to guess" in message and why in message, (password, message)
        assert sql("SELECT COUNT(*) FROM users WHERE email = ?", email) == [["0"]]
    r = browser().post(url("/api/v1/auth/register"),
                       json={"name": "Api", "email": new_email(), "password": " " * 12})
    assert r.status_code == 400
    assert "too easy to guess" in r.json()["error"]["fields"]["password"]
    # The user's own name counts as weak.
    email = new_email("bartholomew")
    _, _, r = register(email=email, name="Bartholomew", password="bartholomew-" + email[:3])
    assert r.status_code == 400 and "name or email" in field_errors(r.text)["password"]


def test_a_guessable_new_password_is_refused_on_the_account_page():
    s, email, _ = register()
    r = form_post(s, "/account/password", csrf=csrf_of(s, "/account"),
                  current_password=PASSWORD, new_password="monkey123456")
    assert r.status_code == 400
    assert "too easy to guess" in field_errors(r.text)["new-password"]
    assert login(email)[1].status_code == 303


def test_bookingctl_user_add_refuses_a_guessable_password():
    def add(email, password, *extra):
        return subprocess.run([os.environ["BOOKING_CTL"], "user", "add", "--email", email,
                               "--name", "Ctl", *extra], capture_output=True, text=True,
                              env=dict(os.environ, BOOKING_PASSWORD=password))

    email = new_email("ctl")
    r = add(email, "iloveyou2024")
    assert r.returncode != 0 and "too easy to guess" in r.stderr
    assert sql("SELECT COUNT(*) FROM users WHERE email = ?", email) == [["0"]]
    assert add(email, "a long enough passphrase", "--admin").returncode == 0
    assert security_events(email) == [("user_added", "-", "as admin")]


# Defect 5: failures lock the account for the address they came from only,
# for longer each time.

def test_a_stranger_locks_only_their_own_address_out():
    _, email, _ = register()
    for _ in range(5):
        assert login_from("127.0.0.2", email, "not the password!").status_code == 401
    r = login_from("127.0.0.2", email)
    assert r.status_code == 429 and 0 < int(r.headers["Retry-After"]) <= LOCK
    assert api_login_from("127.0.0.2", email).status_code == 429
    # The owner, elsewhere, still gets in, and a slip there is just a slip.
    assert login_from("127.0.0.3", email, "a slip of the finger").status_code == 401
    assert login_from("127.0.0.3", email).status_code == 303
    assert api_login_from("127.0.0.3", email).status_code == 200
    # The owner's success leaves the stranger locked out.
    assert login_from("127.0.0.2", email).status_code == 429


def test_each_failure_after_a_lock_out_doubles_the_wait():
    _, email, _ = register()
    for _ in range(5):
        assert login_from("127.0.0.4", email, "not the password!").status_code == 401
    sql("UPDATE login_failures SET failed_at = failed_at - INTERVAL 16 MINUTE WHERE email = ?",
        email)
    assert login_from("127.0.0.4", email, "still not it!").status_code == 401
    r = login_from("127.0.0.4", email)
    assert r.status_code == 429 and LOCK < int(r.headers["Retry-After"]) <= 2 * LOCK
    # A day later the failures are forgotten.
    sql("UPDATE login_failures SET failed_at = failed_at - INTERVAL 1 DAY WHERE email = ?", email)
    assert login_from("127.0.0.4", email).status_code == 303
    assert sql("SELECT COUNT(*) FROM login_failures WHERE email = ? AND address = '127.0.0.4'",
               email) == [["0"]]


def test_an_account_attacked_from_many_addresses_stays_open_to_clean_ones():
    _, email, _ = register()
    sql("INSERT INTO login_failures (email, address) VALUES "
        + ", ".join(["(?, ?)"] * 50), *[v for i in range(50) for v in (email, f"192.0.2.{i}")])
    # One slip from an address during the attack holds that address back...
    assert login_from("127.0.0.5", email, "one slip only").status_code == 401
    assert login_from("127.0.0.5", email).status_code == 429
    # ...while an address that has not failed may still sign in.
    assert login_from("127.0.0.6", email).status_code == 303


def test_wrong_passwords_sent_at_once_are_checked_no_more_often_than_in_turn():
    """Each check is counted as a failure before argon2 runs, under the
    email's turn: twelve at once get five checks, as twelve in a row do."""
    email = new_email("ghost")          # unknown: it locks as a known one does

    def attempt(_):
        return api_login_from("127.0.0.9", email, "not the password!").status_code

    with ThreadPoolExecutor(12) as pool:
        codes = sorted(pool.map(attempt, range(12)))
    assert codes == [401] * 5 + [429] * 7
    assert sql("SELECT COUNT(*) FROM login_failures WHERE email = ?", email) == [["5"]]


def test_the_job_runner_forgets_failures_a_day_old_and_their_turns():
    """Emails tried once, as a spray of guesses leaves them, do not stay for
    ever: run-jobs forgets failures older than the longest lock-out, and
    an email's turns row once none is left."""
    old, recent = new_email("old-guess"), new_email("recent-guess")
    for email in (old, recent):
        assert api_login_from("127.0.0.11", email, "not the password!").status_code == 401
    sql("UPDATE login_failures SET failed_at = failed_at - INTERVAL 25 HOUR WHERE email = ?", old)
    turns = "SELECT email FROM login_turns WHERE email IN (?, ?) ORDER BY email = ?"
    assert sql(turns, old, recent, recent) == [[old], [recent]]
    run_jobs()
    assert sql("SELECT email FROM login_failures WHERE email IN (?, ?)", old, recent) == [[recent]]
    assert sql(turns, old, recent, recent) == [[recent]]


def test_a_right_current_password_leaves_no_failure_behind():
    s = browser_from("127.0.0.10")
    _, email, _ = register(session=s)
    r = form_post(s, "/account/password", csrf=csrf_of(s, "/account"),
                  current_password=PASSWORD, new_password="a brand new passphrase")
    assert r.status_code == 303
    assert sql("SELECT COUNT(*) FROM login_failures WHERE email = ?", email) == [["0"]]


# Defect 4: wrong current passwords on the password form count like failed
# logins, and nginx limits the form's rate.

def test_guessing_the_current_password_locks_the_form_and_the_login():
    s = browser_from("127.0.0.7")
    _, email, _ = register(session=s)
    csrf = csrf_of(s, "/account")
    for _ in range(5):
        r = form_post(s, "/account/password", csrf=csrf, current_password="a wrong guess!",
                      new_password="a brand new passphrase")
        assert r.status_code == 400 and "current-password" in field_errors(r.text)
    r = form_post(s, "/account/password", csrf=csrf, current_password=PASSWORD,
                  new_password="a brand new passphrase")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert "Too many failed attempts" in r.text
    assert login_from("127.0.0.7", email).status_code == 429
    # Unchanged, and the owner elsewhere is not held back.
    assert login_from("127.0.0.8", email).status_code == 303
    kinds = [e[0] for e in security_events(email, type="password_change_failed")]
    assert kinds == ["password_change_failed"] * 5


@pytest.mark.parametrize("path", ["/account/password", "/account/two-factor/disable",
                                  "/account/two-factor/recovery"])
def test_nginx_rate_limits_the_forms_that_check_a_password(path):
    """48 connections, opened first, then released together, send 5 each:
    far past the test stack's burst of 10 at once, whatever its rate."""
    def hit(s):
        return [s.post(url(path), data={}, allow_redirects=False).status_code
                for _ in range(5)]

    codes = [c for got in at_once([hit] * 48) for c in got]
    assert 429 in codes
    assert set(codes) <= {403, 429}


# Defect 8: security events are recorded with the actor and the address,
# and /admin/audit?log=security filters them.

def test_security_events_are_recorded_with_actor_and_address():
    s = browser_from("127.0.0.9")
    _, email, _ = register(session=s)
    uid = user_id_of(email)
    for _ in range(5):
        login_from("127.0.0.10", email, "not the password!")
    assert login_from("127.0.0.9", email).status_code == 303
    r = form_post(s, "/account/tokens", csrf=csrf_of(s, "/account"), token_name="audited")
    assert r.status_code == 201
    tid = sql("SELECT id FROM api_tokens WHERE user_id = ?", uid)[0][0]
    r = form_post(s, f"/account/tokens/{tid}/revoke", csrf=csrf_of(s, "/account"))
    assert r.status_code == 303
    r = form_post(s, "/account/password", csrf=csrf_of(s, "/account"), current_password=PASSWORD,
                  new_password="a brand new passphrase", revoke_tokens="on")
    assert r.status_code == 303
    admin, admin_id, admin_csrf = browser_user(name="Auditing Admin", role="admin")
    r = form_post(admin, f"/admin/users/{uid}/role", csrf=admin_csrf, role="admin")
    assert r.status_code == 303

    events = security_events(email)
    kinds = [e[0] for e in events]
    assert kinds[:6] == ["role_changed", "password_changed", "token_revoked", "token_created",
                         "login", "lockout"]
    assert kinds.count("login_failed") == 5 and kinds[-2:] == ["login", "registered"]
    by_kind = {k: (addr, detail) for k, addr, detail in events}
    assert by_kind["login_failed"][0] == "127.0.0.10"
    assert by_kind["lockout"][0] == "127.0.0.10" and "locked for" in by_kind["lockout"][1]
    assert by_kind["token_created"] == ("127.0.0.9", f'token {tid} "audited"')
    assert by_kind["role_changed"][1] == "customer to admin"
    # The admin who changed the role is named as the one who did it.
    page = admin.get(url("/admin/audit"), params={"log": "security", "email": email,
                                                  "type": "role_changed"}).text
    assert page.count('<tr data-type="role_changed">') == 1 and "Auditing Admin" in page
    assert sql("SELECT actor_id FROM security_events WHERE user_id = ? AND type = 'role_changed'",
               uid) == [[str(admin_id)]]
    # An unknown email's failures are recorded under the email typed.
    ghost = new_email("ghost")
    login_from("127.0.0.10", ghost, "whatever it is")
    assert [e[0] for e in security_events(ghost)] == ["login_failed"]


def test_security_event_filters():
    _, email, _ = register()
    login_from("127.0.0.11", email, "not the password!")
    assert [e[0] for e in security_events(email, type="login_failed")] == ["login_failed"]
    assert security_events(email, type="lockout") == []
    today = sql("SELECT CURDATE()")[0][0]
    assert len(security_events(email, **{"from": today, "to": today})) == 3
    assert security_events(email, to="2001-01-01") == []
    s, _, _ = browser_user(role="admin")
    for query, name in (("type=exploded", "type"), ("from=2026-13-01", "from"),
                        ("to=yesterday", "to"), ("email=" + "e" * 255, "email")):
        r = s.get(url(f"/admin/audit?log=security&{query}"))
        assert r.status_code == 400 and f"{name}:" in r.text, query
    r = s.get(url("/admin/audit?log=everything"))
    assert r.status_code == 400 and "log:" in r.text
    page = s.get(url(f"/admin/audit?log=security&email={email}&page=2")).text
    assert "No security event matches." in page
    prev = html.unescape(re.search(r'rel="prev" href="([^"]*)"', page).group(1))
    assert prev == f"/admin/audit?log=security&email={quote(email)}&page=1"


def test_security_events_need_an_admin():
    s, _, _ = browser_user()
    assert s.get(url("/admin/audit?log=security"), allow_redirects=False).status_code == 403


# Defect 9: a password change revokes the API tokens unless asked not to,
# and a program can revoke the token it holds.

def personal_token(s):
    r = form_post(s, "/account/tokens", csrf=csrf_of(s, "/account"),
                  token_name=f"t-{uuid.uuid4().hex[:6]}")
    assert r.status_code == 201
    return re.search(r'<code id="new-token">([0-9a-f]{64})</code>', r.text).group(1)


def works(token):
    return requests.get(url("/api/v1/me"), headers={"Authorization": f"Bearer {token}"},
                        verify=CA).status_code == 200


def test_a_password_change_revokes_api_tokens_unless_kept():
    s, email, _ = register()
    assert 'name="revoke_tokens" value="on" checked' in s.get(url("/account")).text
    token = personal_token(s)
    login_token = requests.post(url("/api/v1/auth/login"), verify=CA,
                                json={"email": email, "password": PASSWORD}).json()["token"]
    r = form_post(s, "/account/password", csrf=csrf_of(s, "/account"), current_password=PASSWORD,
                  new_password="a brand new passphrase", revoke_tokens="on")
    assert r.status_code == 303 and r.headers["Location"] == "/account?saved=password"
    assert not works(token) and not works(login_token)

    kept = personal_token(s)
    r = form_post(s, "/account/password", csrf=csrf_of(s, "/account"),
                  current_password="a brand new passphrase",
                  new_password="another long passphrase")
    assert r.status_code == 303 and r.headers["Location"] == "/account?saved=password_kept"
    assert works(kept)
    assert "personal API tokens still work" in s.get(url(r.headers["Location"])).text
    # Unticked on a form that comes back, it stays unticked.
    r = form_post(s, "/account/password", csrf=csrf_of(s, "/account"),
                  current_password="another long passphrase", new_password="short")
    assert r.status_code == 400
    assert 'name="revoke_tokens" value="on">' in r.text


def test_delete_auth_token_revokes_the_token_in_use():
    s, email, _ = register()
    token = personal_token(s)
    headers = {"Authorization": f"Bearer {token}"}
    r = requests.delete(url("/api/v1/auth/token"), headers=headers, verify=CA)
    assert r.status_code == 200 and r.json()["revoked"] > 0
    assert not works(token)
    r = requests.delete(url("/api/v1/auth/token"), headers=headers, verify=CA)
    assert r.status_code == 401
    # A session has no token to revoke.
    r = s.delete(url("/api/v1/auth/token"), headers={"X-CSRF-Token": csrf_of(s, "/account")})
    assert r.status_code == 400 and r.json()["error"]["code"] == "no_token"
    assert [e[0] for e in security_events(email, type="token_revoked")] == ["token_revoked"]
