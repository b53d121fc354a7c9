"""test_password_reset.py: a forgotten password is replaced through a link
mailed to the account, which works once and for an hour, answers the same
for an address without an account, and ends everything the old password
held. Mail is delivered by bookingctl run-jobs to the tier's SMTP sink."""
import re

from conftest import (PASSWORD, browser, csrf_of, field_errors, login, mail_text, mail_to,
                      new_email, register, run_jobs, signup, sql, url, user_id_of)

RESET_RE = re.compile(r"/password/reset/([0-9a-f]{64})")
NEW = "a brand new passphrase for this test"


def forgot(email, session=None):
    s = session or browser()
    return s.post(url("/password/forgot"), data={"csrf": csrf_of(s, "/password/forgot"),
                  "email": email}, allow_redirects=False)


def reset_link(email):
    run_jobs()
    links = [m.group(0) for msg in mail_to(email) for m in [RESET_RE.search(mail_text(msg))] if m]
    assert links, f"no reset link was mailed to {email}"
    return links[-1]


def set_password(path, password, session=None):
    s = session or browser()
    page = s.get(url(path), allow_redirects=False)
    assert page.status_code == 200 and f'action="{path}"' in page.text
    return s.post(url(path), data={"csrf": csrf_of(s, path), "password": password},
                  allow_redirects=False)


def test_asking_answers_the_same_and_mails_only_an_account():
    _, email, _ = register()
    nobody = new_email("nobody")
    s = browser()
    a, b = forgot(email, s), forgot(nobody, s)
    assert a.status_code == b.status_code == 200
    assert a.text.replace(email, "E") == b.text.replace(nobody, "E")
    assert "Check your mail" in a.text
    path = reset_link(email)
    assert mail_to(nobody) == []
    token = RESET_RE.search(path).group(1)
    assert sql("SELECT COUNT(*) FROM mail_outbox WHERE data LIKE ?", f"%{token}%") == [["0"]]
    assert sql("SELECT COUNT(*) FROM password_resets WHERE token_hash = UNHEX(SHA2(?, 256))",
               token) == [["1"]]
    assert "password_reset_asked" in [t for [t] in sql(
        "SELECT type FROM security_events WHERE email = ?", email)]
    assert 'href="/password/forgot"' in browser().get(url("/login")).text
    r = forgot("not an address")
    assert r.status_code == 400 and "email" in field_errors(r.text)


def test_the_link_sets_a_new_password_once_and_ends_everything_else():
    s, email, _ = register()
    uid = user_id_of(email)
    sql("INSERT INTO api_tokens (user_id, name, token_hash) VALUES (?, 'mine', UNHEX(SHA2(?, 256)))",
        uid, "x" * 64)
    forgot(email)
    path = reset_link(email)
    r = set_password(path, "password1234")
    assert r.status_code == 400 and "too easy to guess" in field_errors(r.text)["password"]
    r = set_password(path, NEW)
    assert r.status_code == 303 and r.headers["Location"] == "/login?reset=1"
    assert login(email)[1].status_code == 401
    assert login(email, NEW)[1].status_code == 303
    # the session the old password made is over, and the tokens
    assert s.get(url("/me"), allow_redirects=False).status_code == 303
    assert sql("SELECT COUNT(*) FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL",
               uid) == [["0"]]
    [[detail]] = sql("SELECT detail FROM security_events WHERE user_id = ?"
                     " AND type = 'password_reset'", uid)
    assert "every session ended" in detail
    # used up
    assert browser().get(url(path)).status_code == 404
    r = browser().post(url(path), data={}, allow_redirects=False)
    assert r.status_code in (403, 404)


def test_a_wrong_or_expired_link_is_refused():
    for bad in ("0" * 64, "nothex"):
        assert browser().get(url(f"/password/reset/{bad}")).status_code == 404
    _, email, _ = register()
    forgot(email)
    path = reset_link(email)
    sql("UPDATE password_resets SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
        " WHERE user_id = ?", user_id_of(email))
    r = browser().get(url(path))
    assert r.status_code == 404 and "older than 60 minutes" in r.text
    s = browser()
    csrf = csrf_of(s, "/password/forgot")
    r = s.post(url(path), data={"csrf": csrf, "password": NEW}, allow_redirects=False)
    assert r.status_code == 404
    assert login(email)[1].status_code == 303
    run_jobs()
    assert sql("SELECT COUNT(*) FROM password_resets WHERE user_id = ?",
               user_id_of(email)) == [["0"]]


def test_only_a_few_links_are_in_force_at_once():
    _, email, _ = register()
    for _ in range(4):
        assert forgot(email).status_code == 200
    assert sql("SELECT COUNT(*) FROM password_resets WHERE user_id = ?",
               user_id_of(email)) == [["3"]]


def test_the_link_lets_a_locked_out_owner_back_in():
    _, email, _ = register()
    for _ in range(6):
        login(email, "not the password at all")
    assert login(email)[1].status_code == 429
    forgot(email)
    assert set_password(reset_link(email), NEW).status_code == 303
    assert login(email, NEW)[1].status_code == 303


def test_the_mail_to_a_taken_address_offers_a_new_password():
    _, email, _ = register()
    signup(email=email)
    run_jobs()
    text = mail_text(mail_to(email)[-1])
    assert "already has an account" in text and "/password/forgot" in text
