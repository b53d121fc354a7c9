"""test_auth.py: accounts, sessions, CSRF, roles and API tokens."""
import os
import re
import subprocess

import requests

from conftest import (CA, PASSWORD, add_booking, at, browser, browser_user, confirm, csrf_of,
                      day, get, login, make_event, make_room, make_slot, make_user,
                      new_email, register, signup, sql, url, user_id_of)

ADMIN_EMAIL = os.environ.get("BOOKING_ADMIN_EMAIL", "admin@example.com")
ADMIN_PASSWORD = os.environ.get("BOOKING_ADMIN_PASSWORD")


def session_cookie_header(r):
    cookies = [c for c in r.raw.headers.getlist("Set-Cookie") if c.startswith("__Host-session=")]
    assert len(cookies) == 1, r.headers
    return cookies[0]


def test_a_confirmed_sign_up_logs_in_with_a_safe_cookie_and_an_argon2id_hash():
    s, email, r = register()
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/me")
    cookie = session_cookie_header(r)
    attrs = [a.strip().lower() for a in cookie.split(";")]
    assert "secure" in attrs and "httponly" in attrs
    assert "samesite=lax" in attrs and "path=/" in attrs
    assert not any(a.startswith("domain") for a in attrs)
    token = cookie.split(";")[0].split("=", 1)[1]
    assert len(token) == 64          # 256 bits, hex
    # Only the hash of the token is stored.
    assert sql("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(?)", token) == [["0"]]
    assert sql("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2(?, 256))", token) == [["1"]]
    me = s.get(url("/me"), allow_redirects=False)
    assert me.status_code == 200 and "Signed in as Ann Example" in me.text
    (hashed,) = sql("SELECT password_hash FROM users WHERE email = ?", email)[0]
    assert hashed.startswith("$argon2id$")
    assert PASSWORD not in hashed


def test_register_refuses_bad_input_naming_fields_and_keeping_input():
    cases = [
        ({"name": "", "email": new_email(), "password": PASSWORD}, "name", "Name is required"),
        ({"name": "Bo", "email": "not-an-email", "password": PASSWORD}, "email", "name@example.com"),
        ({"name": "Bo", "email": new_email(), "password": "short"}, "password", "at least 12"),
        ({"name": "Bo", "email": new_email(), "password": "x" * 129}, "password", "at most 128"),
        ({"name": "Bo", "email": new_email(), "password": "1qaz2wsx3edc"}, "password", "most common"),
        ({"name": "Bo", "email": new_email(), "password": "1QAZ2WSX3EDC"}, "password", "most common"),
    ]
    for data, field, message in cases:
        s = browser()
        data = dict(data, csrf=csrf_of(s, "/register"))
        r = s.post(url("/register"), data=data, allow_redirects=False)
        assert r.status_code == 400, (field, r.status_code)
        assert f'id="{field}-error"' in r.text, field
        assert message in r.text, (field, message)
        assert f'value="{data["email"]}"' in r.text        # input kept
        assert data["password"] not in r.text or not data["password"]
        assert sql("SELECT COUNT(*) FROM users WHERE email = ?", data["email"]) == [["0"]]


def test_signing_up_with_a_taken_email_does_not_create_a_second_account():
    _, email, _ = register()
    _, _, r = signup(email=email.upper(), name="Someone Else")
    assert r.status_code == 200 and "Check your mail" in r.text
    assert sql("SELECT name FROM users WHERE email = ?", email) == [["Ann Example"]]


def test_login_failures_are_clean_and_do_not_say_which_part_was_wrong():
    _, email, _ = register()
    answers = []
    # Each case on its own address, so the lock-out never kicks in here.
    for e, p in [(email, "wrong password here"), (new_email(), PASSWORD),
                 (f"' OR 1=1 -- {new_email()}", "' OR '1'='1"),
                 (register()[1], "p" * 10_000)]:
        s, r = login(e, p)
        assert r.status_code == 401, (e, r.status_code)
        assert "__Host-session" not in r.headers.get("Set-Cookie", "")
        answers.append(r.text.count("The email or the password is not right."))
    assert answers == [1, 1, 1, 1]


def test_login_goes_to_the_dashboard_or_a_local_next_only():
    _, email, _ = register()
    for nxt, where in [(None, "/me"), ("/rooms?type=office", "/rooms?type=office"),
                       ("https://evil.example/", "/me"), ("//evil.example/x", "/me"),
                       ("/\\evil.example", "/me"), ("javascript:alert(1)", "/me")]:
        s, r = login(email, next_path=nxt)
        assert r.status_code == 303, nxt
        assert r.headers["Location"] == where, nxt


def test_anonymous_page_goes_to_login_and_back():
    r = get("/account")
    assert r.status_code == 303
    assert r.headers["Location"] == "/login?next=/account"
    _, email, _ = register()
    s = browser()
    page = s.get(url("/login?next=/account"))
    assert 'name="next" value="/account"' in page.text
    token = csrf_of(s, "/login")
    r = s.post(url("/login"), data={"csrf": token, "email": email, "password": PASSWORD,
                                    "next": "/account"}, allow_redirects=False)
    assert r.headers["Location"] == "/account"


def test_anonymous_api_is_401_json():
    r = get("/api/v1/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthenticated"


def test_csrf_missing_or_wrong_is_403_and_changes_nothing():
    s, email, _ = register(name="Before")
    good = csrf_of(s, "/account")
    for data in ({"name": "After"}, {"name": "After", "csrf": "0" * 64},
                 {"name": "After", "csrf": good[:-1] + ("0" if good[-1] != "0" else "1")}):
        r = s.post(url("/account/name"), data=data, allow_redirects=False)
        assert r.status_code == 403
    assert sql("SELECT name FROM users WHERE email = ?", email) == [["Before"]]
    # The token of another session does not work either.
    other, _, _ = register()
    r = s.post(url("/account/name"), data={"name": "After", "csrf": csrf_of(other, "/account")},
               allow_redirects=False)
    assert r.status_code == 403
    r = s.post(url("/account/name"), data={"name": "After", "csrf": good}, allow_redirects=False)
    assert r.status_code == 303
    assert sql("SELECT name FROM users WHERE email = ?", email) == [["After"]]


def test_login_form_needs_its_csrf_cookie():
    _, email, _ = register()
    s = browser()
    r = s.post(url("/login"), data={"email": email, "password": PASSWORD}, allow_redirects=False)
    assert r.status_code == 403


def test_session_cookie_api_calls_need_the_csrf_header():
    s, email, _ = register()
    token = csrf_of(s, "/account")
    r = s.post(url("/api/v1/auth/login"), json={"email": email, "password": PASSWORD})
    assert r.status_code == 403
    r = s.post(url("/api/v1/auth/login"), json={"email": email, "password": PASSWORD},
               headers={"X-CSRF-Token": token})
    assert r.status_code == 200


def test_logout_ends_the_session():
    s, _, _ = register()
    token = csrf_of(s, "/me")
    old = s.cookies.get("__Host-session")
    r = s.post(url("/logout"), data={"csrf": token}, allow_redirects=False)
    assert r.status_code == 303
    stale = browser()
    stale.cookies.set("__Host-session", old)
    assert stale.get(url("/me"), allow_redirects=False).status_code == 303
    assert sql("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2(?, 256))", old) == [["0"]]


def test_idle_and_absolute_expiry():
    s, email, _ = register()
    assert s.get(url("/me"), allow_redirects=False).status_code == 200
    uid = user_id_of(email)
    sql("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE WHERE user_id = ?", uid)
    assert s.get(url("/me"), allow_redirects=False).status_code == 303
    s, _ = login(email)
    sql("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 29 MINUTE WHERE user_id = ?", uid)
    assert s.get(url("/me"), allow_redirects=False).status_code == 200
    sql("UPDATE sessions SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = ?", uid)
    assert s.get(url("/me"), allow_redirects=False).status_code == 303


def test_a_new_session_token_at_every_login():
    _, email, _ = register()
    s, _ = login(email)
    first = s.cookies.get("__Host-session")
    # Logging in again from the same browser replaces the token.
    r = s.post(url("/login"), data={"csrf": csrf_of(s, "/me"), "email": email,
               "password": PASSWORD}, allow_redirects=False)
    assert r.status_code == 303
    second = s.cookies.get("__Host-session")
    assert second != first
    assert sql("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2(?, 256))", first) == [["0"]]
    assert s.get(url("/me"), allow_redirects=False).status_code == 200


def test_customer_gets_403_on_admin_pages():
    s, _, _ = register()
    r = s.get(url("/admin/users"), allow_redirects=False)
    assert r.status_code == 403
    target = user_id_of(register()[1])
    r = s.post(url(f"/admin/users/{target}/role"),
               data={"csrf": csrf_of(s, "/me"), "role": "admin"}, allow_redirects=False)
    assert r.status_code == 403
    assert sql("SELECT role FROM users WHERE id = ?", target) == [["customer"]]
    assert get("/admin/users").status_code == 303


def test_users_see_only_their_own_account_and_tokens():
    a, a_email, _ = register(name="Alice")
    b, b_email, _ = register(name="Bob")
    page = a.get(url("/account")).text
    assert a_email in page and b_email not in page
    r = b.post(url("/account/tokens"), data={"csrf": csrf_of(b, "/account"), "token_name": "bob's"})
    assert r.status_code == 201
    b_token_id = sql("SELECT id FROM api_tokens WHERE user_id = ?", user_id_of(b_email))[0][0]
    assert "bob&#39;s" not in a.get(url("/account")).text
    r = a.post(url(f"/account/tokens/{b_token_id}/revoke"),
               data={"csrf": csrf_of(a, "/account")}, allow_redirects=False)
    assert r.status_code == 404
    assert sql("SELECT revoked_at IS NULL FROM api_tokens WHERE id = ?", b_token_id) == [["1"]]


def test_lock_out_after_repeated_failures_even_with_the_right_password():
    _, email, _ = register()
    for _ in range(5):
        assert login(email, "not the password!")[1].status_code == 401
    s, r = login(email)
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert "__Host-session" not in r.headers.get("Set-Cookie", "")
    r = requests.post(url("/api/v1/auth/login"), json={"email": email, "password": PASSWORD},
                      verify=CA)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    # An unknown address locks the same way, so lock-out reveals nothing.
    ghost = new_email("ghost")
    for _ in range(5):
        login(ghost, "whatever it is")
    assert login(ghost, "whatever it is")[1].status_code == 429
    # The window passing lifts it.
    sql("UPDATE login_failures SET failed_at = failed_at - INTERVAL 16 MINUTE WHERE email = ?", email)
    assert login(email)[1].status_code == 303


def test_api_login_token_works_as_bearer_without_csrf():
    _, email, _ = register(name="Api User")
    r = requests.post(url("/api/v1/auth/login"), json={"email": email, "password": PASSWORD},
                      verify=CA)
    assert r.status_code == 200
    body = r.json()
    assert body["user"]["email"] == email and body["user"]["role"] == "customer"
    token = body["token"]
    assert sql("SELECT COUNT(*) FROM api_tokens WHERE token_hash = UNHEX(SHA2(?, 256))", token) == [["1"]]
    me = requests.get(url("/api/v1/me"), headers={"Authorization": f"Bearer {token}"}, verify=CA)
    assert me.status_code == 200
    assert me.json()["name"] == "Api User"
    bad = requests.get(url("/api/v1/me"), headers={"Authorization": "Bearer " + "0" * 64},
                       verify=CA)
    assert bad.status_code == 401
    r = requests.post(url("/api/v1/auth/login"), json={"email": email, "password": "nope nope nope"},
                      verify=CA)
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_credentials"


def test_api_register_follows_the_form_rules():
    email = new_email("api")
    r = requests.post(url("/api/v1/auth/register"),
                      json={"name": "Api", "email": email, "password": PASSWORD}, verify=CA)
    assert r.status_code == 202 and r.json()["status"] == "mail_sent"
    # the account is made by the link mailed to the address, not before
    assert sql("SELECT COUNT(*) FROM users WHERE email = ?", email) == [["0"]]
    first = r.json()
    r = requests.post(url("/api/v1/auth/register"),
                      json={"name": "Api", "email": new_email(), "password": "password"}, verify=CA)
    assert r.status_code == 400
    assert "password" in r.json()["error"]["fields"]
    confirm(browser(), email)
    r = requests.post(url("/api/v1/auth/register"),
                      json={"name": "Api", "email": email, "password": PASSWORD}, verify=CA)
    assert r.status_code == 202 and r.json() == first      # taken now: the same answer
    r = requests.post(url("/api/v1/auth/register"), data="{", verify=CA,
                      headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_personal_tokens_can_be_created_used_and_revoked():
    s, email, _ = register()
    r = s.post(url("/account/tokens"), data={"csrf": csrf_of(s, "/account"), "token_name": "script"})
    assert r.status_code == 201
    token = __import__("re").search(r'<code id="new-token">([0-9a-f]{64})</code>', r.text).group(1)
    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(url("/api/v1/me"), headers=headers, verify=CA).status_code == 200
    assert token not in s.get(url("/account")).text          # shown once
    tid = sql("SELECT id FROM api_tokens WHERE user_id = ? AND name = 'script'", user_id_of(email))[0][0]
    r = s.post(url(f"/account/tokens/{tid}/revoke"), data={"csrf": csrf_of(s, "/account")},
               allow_redirects=False)
    assert r.status_code == 303
    assert requests.get(url("/api/v1/me"), headers=headers, verify=CA).status_code == 401


def test_password_change_needs_the_current_one_and_ends_other_sessions():
    s, email, _ = register()
    other, _ = login(email)
    r = s.post(url("/account/password"), data={"csrf": csrf_of(s, "/account"),
               "current_password": "not it at all", "new_password": "a brand new passphrase"})
    assert r.status_code == 400 and 'id="current-password-error"' in r.text
    r = s.post(url("/account/password"), data={"csrf": csrf_of(s, "/account"),
               "current_password": PASSWORD, "new_password": "a brand new passphrase"},
               allow_redirects=False)
    assert r.status_code == 303
    assert s.get(url("/me"), allow_redirects=False).status_code == 200
    assert other.get(url("/me"), allow_redirects=False).status_code == 303
    assert login(email)[1].status_code == 401
    assert login(email, "a brand new passphrase")[1].status_code == 303


def test_login_rehashes_when_the_cost_changes():
    email = new_email("rehash")
    env = dict(os.environ, BOOKING_PASSWORD=PASSWORD, BOOKING_ARGON2_ITERATIONS="1")
    subprocess.run([os.environ["BOOKING_CTL"], "user", "add", "--email", email, "--name", "Old"],
                   env=env, check=True, capture_output=True)
    (before,) = sql("SELECT password_hash FROM users WHERE email = ?", email)[0]
    assert ",t=1," in before
    assert login(email)[1].status_code == 303
    (after,) = sql("SELECT password_hash FROM users WHERE email = ?", email)[0]
    assert after != before and ",t=1," not in after and after.startswith("$argon2id$")


def admin_session():
    """The stack's admin, from the device scripts/test remembered for it."""
    s = browser()
    s.cookies.set("__Host-mfa-device", os.environ.get("BOOKING_ADMIN_DEVICE", ""))
    s, r = login(ADMIN_EMAIL, ADMIN_PASSWORD, session=s)
    assert r.status_code == 303, "admin login"
    return s


def test_admin_lists_searches_and_changes_roles():
    s = admin_session()
    _, email, _ = register(name="Promote Me")
    page = s.get(url(f"/admin/users?q={email}"))
    assert page.status_code == 200 and email in page.text
    uid = user_id_of(email)
    r = s.post(url(f"/admin/users/{uid}/role"), data={"csrf": csrf_of(s, "/admin/users"),
               "role": "admin"}, allow_redirects=False)
    assert r.status_code == 303
    assert sql("SELECT role FROM users WHERE id = ?", uid) == [["admin"]]
    r = s.post(url(f"/admin/users/{uid}/role"), data={"csrf": csrf_of(s, "/admin/users"),
               "role": "emperor"}, allow_redirects=False)
    assert r.status_code == 400
    r = s.post(url("/admin/users/999999999/role"), data={"csrf": csrf_of(s, "/admin/users"),
               "role": "admin"}, allow_redirects=False)
    assert r.status_code == 404


def test_the_last_admin_cannot_be_demoted():
    s = admin_session()
    sql("UPDATE users SET role = 'customer' WHERE role = 'admin' AND email <> ?", ADMIN_EMAIL)
    me = user_id_of(ADMIN_EMAIL)
    r = s.post(url(f"/admin/users/{me}/role"), data={"csrf": csrf_of(s, "/admin/users"),
               "role": "customer"}, allow_redirects=False)
    assert r.status_code == 409
    assert sql("SELECT role FROM users WHERE id = ?", me) == [["admin"]]


def test_forms_show_the_limits_the_server_checks():
    """maxlength, minlength and hints come from core/limits.h, as the checks do."""
    r = get("/register")
    assert 'minlength="12" maxlength="128"' in r.text
    assert "12 to 128 characters" in r.text
    s, _, _ = register()
    assert 'minlength="12" maxlength="128"' in s.get(url("/account")).text
    admin = admin_session()
    assert 'maxlength="254"' in admin.get(url("/admin/audit")).text
    assert 'maxlength="254"' in admin.get(url("/admin/bookings")).text
    slot = make_slot(make_room(), at(day(40), 11))
    user, _, _ = browser_user()
    assert 'maxlength="2000"' in user.get(url(f"/timeslots/{slot}")).text


def bound(html, field, attr):
    """The value of attr (maxlength, max) on the form field with id field."""
    m = re.search(r'<(?:input|textarea)[^>]*id="%s"[^>]*>' % field, html)
    assert m, f"no field {field}"
    v = re.search(r'\s%s="([^"]*)"' % attr, m.group(0))
    assert v, f"{field} has no {attr}"
    return v.group(1)


def test_text_fields_and_seats_show_the_bounds_the_server_checks():
    """Names, titles, descriptions, payment ids and seats: maxlength and max
    come from core/limits.h, as the checks do."""
    assert bound(get("/register").text, "name", "maxlength") == "100"
    assert bound(get("/rooms").text, "min_capacity", "max") == "100000"
    s, _, _ = register()
    page = s.get(url("/account")).text
    assert bound(page, "name", "maxlength") == bound(page, "token_name", "maxlength") == "100"
    admin = admin_session()
    page = admin.get(url("/admin/rooms/new")).text
    assert bound(page, "name", "maxlength") == "100"
    assert bound(page, "description", "maxlength") == "5000"
    assert bound(page, "capacity", "max") == "100000"
    page = admin.get(url("/admin/events/new")).text
    assert bound(page, "title", "maxlength") == "200"
    assert bound(page, "description", "maxlength") == "5000"
    assert bound(admin.get(url(f"/admin/events/{make_event()}")).text, "maxBookings",
                 "max") == "100000"
    room = make_room()
    assert bound(admin.get(url(f"/admin/rooms/{room}/generate")).text, "capacity",
                 "max") == "100000"
    slot = make_slot(room, at(day(41), 11))
    assert bound(admin.get(url(f"/admin/timeslots/{slot}")).text, "maxBookings",
                 "max") == "100000"
    bid = add_booking(make_user(), slot, status="pending")
    assert bound(admin.get(url(f"/admin/bookings/{bid}")).text, "paymentId",
                 "maxlength") == "100"
    assert bound(admin.get(url("/admin/audit?log=security")).text, "email",
                 "maxlength") == "254"
    # The same numbers refuse what is longer or larger.
    r = admin.post(url("/admin/rooms"), data={
        "csrf": csrf_of(admin, "/admin/rooms/new"), "name": "n" * 101, "roomType": "meeting",
        "capacity": "100001", "hourlyRate": "1.00", "description": "d" * 5001},
        allow_redirects=False)
    assert r.status_code == 400
    assert "Name must be at most 100 characters." in r.text
    assert "Description must be at most 5000 characters." in r.text
    assert "from 1 to 100000" in r.text
