"""test_account_refusals.py: the sign-in and account forms: who is sent
past them, what they refuse (naming the field), and what they confirm."""
from conftest import (PASSWORD, browser, browser_user, csrf_of, field_errors, form_post, login,
                      new_email, register, sql, url, user_id_of)


def test_a_signed_in_visitor_skips_the_register_and_login_forms():
    s, _, _ = browser_user()
    r = s.get(url("/register"), allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/me"
    r = s.get(url("/login?next=/rooms"), allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/rooms"


def test_login_form_refuses_empty_fields_naming_them():
    s = browser()
    csrf = csrf_of(s, "/login")
    r = form_post(s, "/login", csrf=csrf, email="", password="")
    assert r.status_code == 400
    assert {"email", "password"} <= set(field_errors(r.text))
    assert "__Host-session" not in r.headers.get("Set-Cookie", "")


def test_api_login_refuses_a_missing_password_naming_the_field():
    r = browser().post(url("/api/v1/auth/login"), json={"email": new_email()})
    assert r.status_code == 400
    assert "password" in r.json()["error"]["fields"]


def test_the_password_may_not_be_the_email_address():
    email = new_email("same")
    _, _, r = register(email=email, password=email.upper())
    assert r.status_code == 400
    assert "must not be your email address" in field_errors(r.text)["password"]
    assert sql("SELECT COUNT(*) FROM users WHERE email = ?", email) == [["0"]]


def test_account_forms_refuse_bad_input_and_confirm_changes():
    s, email, r = register(name="Ann Account")
    assert r.status_code == 303
    csrf = csrf_of(s, "/account")

    r = form_post(s, "/account/name", csrf=csrf, name="  ")
    assert r.status_code == 400 and "name" in field_errors(r.text)
    r = form_post(s, "/account/name", csrf=csrf, name="Ann Renamed")
    assert r.status_code == 303 and r.headers["Location"] == "/account?saved=name"
    assert "Your name was changed." in s.get(url(r.headers["Location"])).text
    assert sql("SELECT name FROM users WHERE email = ?", email) == [["Ann Renamed"]]

    r = form_post(s, "/account/password", csrf=csrf, current_password=PASSWORD,
                  new_password=email)
    assert r.status_code == 400
    assert "must not be your email address" in field_errors(r.text)["new-password"]
    r = form_post(s, "/account/password", csrf=csrf, current_password="", new_password="")
    assert r.status_code == 400
    assert {"current-password", "new-password"} <= set(field_errors(r.text))
    # Nothing changed: the old password still signs in.
    assert login(email)[1].status_code == 303

    r = form_post(s, "/account/tokens", csrf=csrf, token_name="")
    assert r.status_code == 400 and "token-name" in field_errors(r.text)
    assert sql("SELECT COUNT(*) FROM api_tokens WHERE user_id = ?", user_id_of(email)) == [["0"]]


def test_a_token_with_an_expiry_shows_it_on_the_account_page():
    s, uid, _ = browser_user()
    sql("INSERT INTO api_tokens (user_id, name, token_hash, expires_at)"
        " VALUES (?, 'expiring', UNHEX(SHA2(UUID(), 256)), '2031-05-04 10:30:00')", uid)
    page = s.get(url("/account")).text
    row = page.split("expiring")[1].split("</tr>")[0]
    assert "04 May 2031 10:30" in row


def test_marking_notifications_read_clears_the_unread_count():
    s, uid, csrf = browser_user()
    for text in ("First", "Second"):
        sql("INSERT INTO notifications (user_id, message) VALUES (?, ?)", uid, text)
    r = form_post(s, "/notifications/read", csrf=csrf)
    assert r.status_code == 303 and r.headers["Location"] == "/notifications"
    assert sql("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
               uid) == [["0"]]
    other, other_uid, _ = browser_user()
    sql("INSERT INTO notifications (user_id, message) VALUES (?, 'Not yours')", other_uid)
    form_post(s, "/notifications/read", csrf=csrf)
    assert sql("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
               other_uid) == [["1"]]
