"""test_two_factor.py: TOTP enrolment, the login's code step, recovery codes,
remembered devices, admins made to enrol, and the JSON login's code field."""
import base64
import hashlib
import hmac
import os
import re
import struct
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import (PASSWORD, browser, csrf_of, login, new_email, register, sql,
                      url, user_id_of)

LOCK_AFTER = int(os.environ.get("BOOKING_LOGIN_FAILURES", "5"))
SECRET_RE = re.compile(r'<code id="secret">([A-Z2-7 ]+)</code>')
CODES_RE = re.compile(r"<li><code>([0-9a-z]{5}-[0-9a-z]{5})</code></li>")


def totp(secret, step=0):
    """RFC 6238 with SHA-1, 6 digits, 30 s, for the step now + step."""
    key = base64.b32decode(secret.replace(" ", ""))
    counter = int(time.time()) // 30 + step
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    off = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 1000000)


def wrong(code):
    return "%06d" % ((int(code) + 500000) % 1000000)


def enrol(s):
    """Turns on the second factor from the account pages; returns (secret, codes)."""
    r = s.post(url("/account/two-factor/setup"),
               data={"csrf": csrf_of(s, "/account/two-factor")}, allow_redirects=False)
    assert r.status_code == 200 and "<svg" in r.text
    secret = SECRET_RE.search(r.text).group(1)
    r = s.post(url("/account/two-factor/enable"),
               data={"csrf": csrf_of(s, "/account/two-factor"), "code": totp(secret)},
               allow_redirects=False)
    assert r.status_code == 201, r.text
    codes = CODES_RE.findall(r.text)
    assert len(codes) == 10
    return secret, codes


def code_step(s, code, remember=False, status=303):
    data = {"csrf": csrf_of(s, "/login/code"), "code": code, "next": "/account"}
    if remember:
        data["remember"] = "1"
    r = s.post(url("/login/code"), data=data, allow_redirects=False)
    assert r.status_code == status, r.text
    return r


def test_enrolment_shows_a_qr_code_as_svg_and_the_secret_as_text():
    s, _, _ = register()
    r = s.post(url("/account/two-factor/setup"),
               data={"csrf": csrf_of(s, "/account/two-factor")}, allow_redirects=False)
    assert r.status_code == 200
    assert r.headers["Cache-Control"].startswith("no-store") or "no-store" in r.headers["Cache-Control"]
    svg = re.search(r'<svg [^>]*role="img"[^>]*>.*?</svg>', r.text, re.S).group(0)
    assert '<title id="qr-title">' in svg
    assert re.search(r'<path fill="#000" d="(M\d+ \d+h\d+v1h-\d+z)+"/>', svg)
    secret = SECRET_RE.search(r.text).group(1)
    assert len(secret.replace(" ", "")) == 32
    # a wrong first code keeps the same secret and says why
    r = s.post(url("/account/two-factor/enable"),
               data={"csrf": csrf_of(s, "/account/two-factor"), "code": wrong(totp(secret))},
               allow_redirects=False)
    assert r.status_code == 400 and 'aria-invalid="true"' in r.text
    assert SECRET_RE.search(r.text).group(1) == secret
    assert "two-factor authentication is off" in s.get(url("/account")).text.lower()


def test_login_asks_for_the_code_and_refuses_wrong_and_replayed_ones():
    s, email, _ = register()
    secret, _ = enrol(s)
    other, r = login(email, next_path="/account")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login/code")
    assert "__Host-session" not in r.cookies
    assert other.get(url("/me"), allow_redirects=False).status_code == 303
    page = other.get(url(r.headers["Location"]))
    assert 'autocomplete="one-time-code"' in page.text and '<label for="code">' in page.text
    r = code_step(other, wrong(totp(secret)), status=401)
    assert 'aria-invalid="true"' in r.text
    # the code of the step the enrolment used is spent
    code_step(other, totp(secret), status=401)
    r = code_step(other, totp(secret, 1))
    assert r.headers["Location"] == "/account"
    assert other.get(url("/me"), allow_redirects=False).status_code == 200
    # and that one cannot be used again either
    third, _ = login(email)
    code_step(third, totp(secret, 1), status=401)


def test_a_recovery_code_works_once():
    s, email, _ = register()
    _, codes = enrol(s)
    other, _ = login(email)
    code_step(other, codes[0].upper().replace("-", " "))
    assert other.get(url("/me"), allow_redirects=False).status_code == 200
    third, _ = login(email)
    code_step(third, codes[0], status=401)
    code_step(third, codes[1])
    assert sql("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
               user_id_of(email)) == [["8"]]
    assert "8 unused recovery codes" in third.get(url("/account/two-factor")).text
    # only hashes are stored
    assert sql("SELECT COUNT(*) FROM recovery_codes WHERE code_hash = ?", codes[2]) == [["0"]]


def test_a_remembered_device_skips_the_code_until_it_expires():
    s, email, _ = register()
    _, codes = enrol(s)
    dev, _ = login(email)
    r = code_step(dev, codes[0], remember=True)
    assert "__Host-mfa-device" in r.cookies
    dev.post(url("/logout"), data={"csrf": csrf_of(dev, "/me")})
    _, r = login(email, session=dev)
    assert r.status_code == 303 and r.headers["Location"] == "/me"
    # another browser is still asked
    _, r = login(email)
    assert r.headers["Location"].startswith("/login/code")
    sql("UPDATE remembered_devices SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND"
        " WHERE user_id = ?", user_id_of(email))
    dev.post(url("/logout"), data={"csrf": csrf_of(dev, "/me")})
    _, r = login(email, session=dev)
    assert r.headers["Location"].startswith("/login/code")


def test_turning_it_off_needs_the_password_and_forgets_everything():
    s, email, _ = register()
    enrol(s)
    r = s.post(url("/account/two-factor/disable"),
               data={"csrf": csrf_of(s, "/account/two-factor"), "password": "not the password"},
               allow_redirects=False)
    assert r.status_code == 400 and "The password is not right." in r.text
    r = s.post(url("/account/two-factor/disable"),
               data={"csrf": csrf_of(s, "/account/two-factor"), "password": PASSWORD},
               allow_redirects=False)
    assert r.status_code == 303
    uid = user_id_of(email)
    assert sql("SELECT (SELECT COUNT(*) FROM user_totp WHERE user_id = ?),"
               " (SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?)", uid, uid) == [["0", "0"]]
    _, r = login(email)
    assert r.headers["Location"] == "/me"


@pytest.mark.parametrize("form,field", [("disable", "password"),
                                        ("recovery", "renew_password")])
def test_the_password_on_the_two_factor_forms_is_throttled_like_a_login(form, field):
    """A borrowed session must not guess the password at argon2's pace on
    the forms that turn the second factor off or renew its codes: wrong
    passwords there count like failed logins, and lock both."""
    s, email, _ = register()
    enrol(s)

    def submit(password):
        return s.post(url(f"/account/two-factor/{form}"), allow_redirects=False,
                      data={"csrf": csrf_of(s, "/account/two-factor"), field: password})
    for _ in range(LOCK_AFTER):
        r = submit("not the password")
        assert r.status_code == 400 and "The password is not right." in r.text
    r = submit(PASSWORD)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert "Too many failed attempts" in r.text
    assert sql("SELECT COUNT(*) FROM user_totp WHERE user_id = ?", user_id_of(email)) == [["1"]]
    assert login(email)[1].status_code == 429
    assert sql("SELECT COUNT(*) FROM security_events e JOIN users u ON u.id = e.user_id"
               " WHERE u.email = ? AND e.type = 'password_change_failed'", email) == [
                   [str(LOCK_AFTER)]]


def test_a_code_step_without_a_waiting_login_goes_back_to_the_password():
    s = browser()
    r = s.get(url("/login/code"), allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/login?expired=1"
    assert "took too long" in s.get(url("/login?expired=1")).text


def test_an_admin_without_a_second_factor_must_enrol_at_login():
    s, email, _ = register()
    sql("UPDATE users SET role = 'admin' WHERE email = ?", email)
    adm, r = login(email, next_path="/admin")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login/enrol")
    assert adm.get(url("/admin"), allow_redirects=False).status_code == 303
    # the code step sends an enrolling login to enrolment
    assert adm.get(url("/login/code"), allow_redirects=False).headers["Location"].startswith("/login/enrol")
    page = adm.get(url(r.headers["Location"]))
    assert page.status_code == 200 and "Administrators must use two-factor" in page.text
    secret = SECRET_RE.search(page.text).group(1)
    r = adm.post(url("/login/enrol"), data={"csrf": csrf_of(adm, "/login/enrol"),
                 "code": wrong(totp(secret)), "next": "/admin"}, allow_redirects=False)
    assert r.status_code == 400
    r = adm.post(url("/login/enrol"), data={"csrf": csrf_of(adm, "/login/enrol"),
                 "code": totp(secret), "next": "/admin"}, allow_redirects=False)
    assert r.status_code == 201 and len(CODES_RE.findall(r.text)) == 10
    assert 'href="/admin"' in r.text
    assert adm.get(url("/admin"), allow_redirects=False).status_code == 200
    # from now on the admin is asked for a code like anyone with one
    _, r = login(email)
    assert r.headers["Location"].startswith("/login/code")


def test_the_json_login_needs_the_code_and_says_so():
    s, email, _ = register()
    secret, codes = enrol(s)
    body = {"email": email, "password": PASSWORD}
    r = browser().post(url("/api/v1/auth/login"), json=body)
    assert r.status_code == 401 and r.json()["error"]["code"] == "code_required"
    assert '"code"' in r.json()["error"]["message"]
    r = browser().post(url("/api/v1/auth/login"), json=dict(body, code=wrong(totp(secret))))
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_code"
    r = browser().post(url("/api/v1/auth/login"), json=dict(body, code=totp(secret, 1)))
    assert r.status_code == 200 and r.json()["token"]
    r = browser().post(url("/api/v1/auth/login"), json=dict(body, code=codes[0]))
    assert r.status_code == 200
    # a bearer token needs no code
    token = r.json()["token"]
    assert browser().get(url("/api/v1/me"), headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_the_json_login_of_an_admin_without_a_second_factor_is_refused():
    s, email, _ = register()
    sql("UPDATE users SET role = 'admin' WHERE email = ?", email)
    r = browser().post(url("/api/v1/auth/login"), json={"email": email, "password": PASSWORD})
    assert r.status_code == 403 and r.json()["error"]["code"] == "mfa_enrolment_required"


def test_too_many_wrong_codes_lock_the_code_step():
    s, email, _ = register()
    secret, _ = enrol(s)
    other, _ = login(email)

    def attempt(code):
        return other.post(url("/login/code"), data={"csrf": csrf_of(other, "/login/code"),
                          "code": code}, allow_redirects=False)
    statuses = [attempt(wrong(totp(secret))).status_code for _ in range(LOCK_AFTER + 1)]
    assert statuses == [401] * LOCK_AFTER + [429]
    r = attempt(totp(secret, 1))
    assert r.status_code == 429 and "Retry-After" in r.headers


def test_wrong_codes_sent_at_once_are_checked_no_more_often_than_in_turn():
    """A wrong code is counted in the transaction that checked it, after
    the account's row is written: twelve at once from one half-signed-in
    session get five checks, as twelve in a row do."""
    s, email, _ = register()
    secret, _ = enrol(s)
    other, _ = login(email)
    csrf = csrf_of(other, "/login/code")
    code = wrong(totp(secret))
    sessions = []
    for _ in range(12):
        b = browser()
        b.cookies.update(other.cookies)
        assert b.get(url("/ping")).status_code == 200
        sessions.append(b)

    def attempt(b):
        return b.post(url("/login/code"), data={"csrf": csrf, "code": code},
                      allow_redirects=False).status_code

    with ThreadPoolExecutor(len(sessions)) as pool:
        statuses = sorted(pool.map(attempt, sessions))
    assert statuses == [401] * LOCK_AFTER + [429] * (len(sessions) - LOCK_AFTER)
    assert sql("SELECT failures FROM user_totp t JOIN users u ON u.id = t.user_id"
               " WHERE u.email = ?", email) == [[str(LOCK_AFTER)]]
