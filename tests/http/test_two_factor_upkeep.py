"""test_two_factor_upkeep.py: what keeps the second factor safe over time
(issue 9): new recovery codes on demand, a password change forgetting
remembered devices, wrong codes in the security audit, and the secret
stored encrypted under totp_key (rows from before still work and get
encrypted)."""
import base64
import os
import subprocess

from conftest import (CTL, PASSWORD, VAR, browser, browser_user, csrf_of, field_errors, form_post, login,
                      register, sql, url, user_id_of)
from test_two_factor import CODES_RE, LOCK_AFTER, code_step, enrol, totp, wrong

NEW_PASSWORD = "another long passphrase for the test"


def renew(s, **data):
    return s.post(url("/account/two-factor/recovery"),
                  data=dict(data, csrf=csrf_of(s, "/account/two-factor")), allow_redirects=False)


def test_new_recovery_codes_need_the_password_or_a_code_and_replace_the_old():
    s, email, _ = register()
    secret, old = enrol(s)
    page = s.get(url("/account/two-factor")).text
    assert 'action="/account/two-factor/recovery"' in page
    r = renew(s, renew_password="not my password at all")
    assert r.status_code == 400
    assert "not right" in field_errors(r.text)["renew_password"]
    r = renew(s)
    assert r.status_code == 400 and "renew_password" in field_errors(r.text)
    r = renew(s, renew_code=wrong(totp(secret)))
    assert r.status_code == 400 and "not right" in field_errors(r.text)["renew_code"]
    r = renew(s, renew_password=PASSWORD)
    assert r.status_code == 201 and r.headers["Cache-Control"] == "no-store"
    new = CODES_RE.findall(r.text)
    assert len(new) == 10 and not set(new) & set(old)
    # the old ones no longer work; the new ones do
    other, _ = login(email)
    code_step(other, old[3], status=401)
    code_step(other, new[0])
    # a code from the app will do too
    r = renew(s, renew_code=totp(secret, 1))
    assert r.status_code == 201
    newer = CODES_RE.findall(r.text)
    third, _ = login(email)
    code_step(third, new[1], status=401)
    code_step(third, newer[0])
    assert sql("SELECT COUNT(*) FROM security_events WHERE user_id = ? AND type = ?",
               user_id_of(email), "recovery_codes_new") == [["2"]]


def test_new_recovery_codes_without_a_second_factor_go_back_to_its_page():
    s, _, _ = register()
    r = renew(s, renew_password=PASSWORD)
    assert r.status_code == 303 and r.headers["Location"] == "/account/two-factor"


def test_a_password_change_forgets_remembered_devices_and_other_sessions():
    s, email, _ = register()
    _, codes = enrol(s)
    dev, _ = login(email)
    r = code_step(dev, codes[0], remember=True)
    assert "__Host-mfa-device" in r.cookies
    assert sql("SELECT COUNT(*) FROM remembered_devices WHERE user_id = ?",
               user_id_of(email)) == [["1"]]
    r = form_post(s, "/account/password", csrf=csrf_of(s, "/account"),
                  current_password=PASSWORD, new_password=NEW_PASSWORD, revoke_tokens="1")
    assert r.status_code == 303
    assert sql("SELECT COUNT(*) FROM remembered_devices WHERE user_id = ?",
               user_id_of(email)) == [["0"]]
    # the other browser is logged out, and its device asks for a code again
    assert dev.get(url("/me"), allow_redirects=False).status_code == 303
    _, r = login(email, NEW_PASSWORD, session=dev)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login/code")
    # the browser that changed it stays in
    assert s.get(url("/me"), allow_redirects=False).status_code == 200


def test_wrong_codes_are_in_the_security_audit_with_the_address():
    s, email, _ = register()
    secret, codes = enrol(s)
    uid = user_id_of(email)
    other, _ = login(email)
    code_step(other, wrong(totp(secret)), status=401)
    code_step(other, "zzzzz-zzzzz", status=401)
    rows = sql("SELECT type, address, detail FROM security_events WHERE user_id = ?"
               " AND type = 'mfa_failed' ORDER BY id", uid)
    assert [r[0] for r in rows] == ["mfa_failed", "mfa_failed"]
    assert rows[0][1] == "127.0.0.1" and rows[1][2] == "2 wrong codes in a row"
    # the JSON login's wrong code too
    r = browser().post(url("/api/v1/auth/login"),
                       json={"email": email, "password": PASSWORD, "code": wrong(totp(secret))})
    assert r.status_code == 401
    for _ in range(LOCK_AFTER - 3):
        code_step(other, wrong(totp(secret)), status=401)
    [[detail]] = sql("SELECT detail FROM security_events WHERE user_id = ? AND type = 'mfa_failed'"
                     " ORDER BY id DESC LIMIT 1", uid)
    assert detail == f"{LOCK_AFTER} wrong codes in a row; codes refused for 15 minutes"
    # the admin's audit page lists them
    admin, _, _ = browser_user(role="admin")
    page = admin.get(url("/admin/audit"), params={"log": "security", "type": "mfa_failed",
                                                  "email": email}).text
    assert page.count('<tr data-type="mfa_failed">') == LOCK_AFTER
    assert "Wrong two-factor code" in page


def test_the_secret_is_stored_encrypted_never_as_base32():
    s, email, _ = register()
    secret, _ = enrol(s)
    [[stored]] = sql("SELECT secret FROM user_totp WHERE user_id = ?", user_id_of(email))
    plain = secret.replace(" ", "")
    assert stored.startswith("v1:") and plain not in stored
    assert base64.b32decode(plain) not in base64.b64decode(stored[3:])
    # a row copied onto another user does not open there
    t, email2, _ = register()
    enrol(t)
    sql("UPDATE user_totp SET secret = ?, last_step = 0 WHERE user_id = ?", stored,
        user_id_of(email2))
    other, _ = login(email2)
    code_step(other, totp(secret), status=401)


def plain_row(email):
    """Puts a base32 secret straight into the user's row, as rows were stored
    before encryption; returns the secret."""
    secret = base64.b32encode(os.urandom(20)).decode()
    sql("UPDATE user_totp SET secret = ?, last_step = 0 WHERE user_id = ?", secret,
        user_id_of(email))
    return secret


def test_a_secret_stored_before_encryption_works_and_is_encrypted_on_use():
    s, email, _ = register()
    enrol(s)
    secret = plain_row(email)
    other, _ = login(email)
    code_step(other, totp(secret))
    [[stored]] = sql("SELECT secret FROM user_totp WHERE user_id = ?", user_id_of(email))
    assert stored.startswith("v1:") and secret not in stored
    third, _ = login(email)
    code_step(third, totp(secret, 1))


def test_bookingctl_encrypts_every_secret_stored_before():
    s, email, _ = register()
    enrol(s)
    secret = plain_row(email)
    r = subprocess.run([CTL, "encrypt-totp-secrets"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "secrets encrypted" in r.stdout
    [[stored]] = sql("SELECT secret FROM user_totp WHERE user_id = ?", user_id_of(email))
    assert stored.startswith("v1:")
    assert sql("SELECT COUNT(*) FROM user_totp WHERE secret NOT LIKE 'v1:%'") == [["0"]]
    other, _ = login(email)
    code_step(other, totp(secret))
    # without the key it refuses, and says so without any secret
    r = subprocess.run([CTL, "encrypt-totp-secrets"], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, BOOKING_TOTP_KEY=""))
    assert r.returncode == 1 and "totp_key is not set" in r.stderr


def test_the_key_is_required_checked_and_never_logged():
    worker = os.path.join(os.path.dirname(CTL), "booking-fcgi")
    r = subprocess.run([worker, "--check"], capture_output=True, text=True, timeout=30,
                       env=dict(os.environ, BOOKING_TOTP_KEY=""), stdin=subprocess.DEVNULL)
    assert r.returncode == 1 and "totp_key: not set" in r.stderr
    bad = "g" * 64
    r = subprocess.run([worker, "--check"], capture_output=True, text=True, timeout=30,
                       env=dict(os.environ, BOOKING_TOTP_KEY=bad), stdin=subprocess.DEVNULL)
    assert r.returncode == 1 and "totp_key: expected 64 hex digits" in r.stderr
    assert bad not in r.stderr
    with open(os.environ["BOOKING_CONFIG"]) as f:
        key = [line.split("=", 1)[1].strip() for line in f if line.startswith("totp_key")][0]
    for name in ("worker.log", "nginx-error.log", "jobs.log"):
        path = os.path.join(VAR, "log", name)
        if os.path.exists(path):
            with open(path, errors="replace") as f:
                assert key not in f.read(), name
