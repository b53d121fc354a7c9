"""test_signup.py: sign-up answers the same for a new and a taken address
(issue 9, defect 14) and tells the truth only by mail: a new address gets
the link that makes the account, a taken one's owner a word that someone
tried. Mail is delivered by bookingctl run-jobs to the tier's SMTP sink."""
import re
import time

import requests

import os
import subprocess

from conftest import (CA, CONFIRM_RE, CTL, PASSWORD, browser, confirm, confirm_link, login,
                      mail_text, mail_to, new_email, register, run_jobs, signup, sql, url)

HEX64 = re.compile(r"[0-9a-f]{64}")     # each browser's CSRF token


def api_signup(email, name="Api Person", password=PASSWORD):
    return requests.post(url("/api/v1/auth/register"), verify=CA,
                         json={"name": name, "email": email, "password": password})


def test_a_new_and_a_taken_address_get_the_same_answer_page_and_api():
    _, taken, _ = register()
    fresh = new_email()
    s = browser()
    _, _, new = signup(s, email=fresh)
    _, _, old = signup(s, email=taken)
    assert new.status_code == old.status_code == 200
    assert "Check your mail" in new.text and fresh in new.text
    # the same page but for the address typed, which it repeats
    assert new.text.replace(fresh, "E") == old.text.replace(taken, "E")
    assert {k: v for k, v in new.headers.items() if k not in ("Date", "Content-Length")} == \
        {k: v for k, v in old.headers.items() if k not in ("Date", "Content-Length")}
    a, b = api_signup(new_email()), api_signup(taken)
    assert a.status_code == b.status_code == 202
    assert a.json() == b.json() and a.json()["status"] == "mail_sent"
    assert a.headers["Content-Length"] == b.headers["Content-Length"]
    # and nobody got an account or a session from it
    assert sql("SELECT COUNT(*) FROM users WHERE email = ?", taken) == [["1"]]
    assert "__Host-session" not in new.headers.get("Set-Cookie", "")


def test_a_new_and_a_taken_address_take_as_long():
    """Both hash the password (argon2, tens of ms) and write a few rows: the
    medians of seven tries each, taken in turns, are within a factor of two."""
    _, taken, _ = register()

    def took(email):
        start = time.monotonic()
        assert api_signup(email).status_code == 202
        return time.monotonic() - start

    # in turns, so a load that comes and goes meanwhile slows both alike
    new, old = [], []
    for _ in range(7):
        new.append(took(new_email()))
        old.append(took(taken))
    new, old = sorted(new)[3], sorted(old)[3]
    assert new < 2 * old and old < 2 * new, (new, old)


def test_the_link_makes_the_account_once():
    s, email, r = signup(name="Link Person")
    assert sql("SELECT COUNT(*) FROM users WHERE email = ?", email) == [["0"]]
    path = confirm_link(email)
    # the outbox and the pending sign-up never hold the token, only its hash
    token = CONFIRM_RE.search(path).group(1)
    assert sql("SELECT COUNT(*) FROM mail_outbox WHERE data LIKE ?", f"%{token}%") == [["0"]]
    assert sql("SELECT COUNT(*) FROM pending_signups WHERE token_hash = UNHEX(SHA2(?, 256))",
               token) == [["1"]]
    # following it (a GET, as mail scanners do) only asks
    page = s.get(url(path), allow_redirects=False)
    assert page.status_code == 200 and "Confirm my address" in page.text
    assert sql("SELECT COUNT(*) FROM users WHERE email = ?", email) == [["0"]]
    r = s.post(url(path), allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/login?confirmed=1"
    assert "Your address is confirmed" in s.get(url(r.headers["Location"])).text
    assert sql("SELECT name, role FROM users WHERE email = ?", email) == [["Link Person", "customer"]]
    assert sql("SELECT COUNT(*) FROM pending_signups WHERE email = ?", email) == [["0"]]
    assert sql("SELECT type FROM security_events WHERE email = ? ORDER BY id", email) == \
        [["registered"]]
    # used up: the page and the button both refuse it
    assert s.get(url(path)).status_code == 404
    again = s.post(url(path), allow_redirects=False)
    assert again.status_code == 404 and "used already" in again.text
    assert login(email)[1].status_code == 303


def test_a_wrong_or_expired_link_is_refused():
    s = browser()
    for bad in ("0" * 64, "f" * 64, "nothex", "A" * 64):
        assert s.get(url(f"/register/confirm/{bad}")).status_code == 404, bad
        assert s.post(url(f"/register/confirm/{bad}"), allow_redirects=False).status_code == 404
    _, email, _ = signup()
    path = confirm_link(email)
    sql("UPDATE pending_signups SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
        " WHERE email = ?", email)
    assert s.get(url(path)).status_code == 404
    r = s.post(url(path), allow_redirects=False)
    assert r.status_code == 404 and "older than 48 hours" in r.text
    assert sql("SELECT COUNT(*) FROM users WHERE email = ?", email) == [["0"]]
    # run-jobs forgets it; a new sign-up gets a new link that works
    run_jobs()
    assert sql("SELECT COUNT(*) FROM pending_signups WHERE email = ?", email) == [["0"]]
    signup(email=email)
    assert confirm(browser(), email).status_code == 303


def test_no_login_before_the_address_is_confirmed_and_it_says_so():
    s, email, _ = signup()
    _, r = login(email)
    assert r.status_code == 403 and "Confirm your email address first" in r.text
    assert "__Host-session" not in r.headers.get("Set-Cookie", "")
    r = requests.post(url("/api/v1/auth/login"), json={"email": email, "password": PASSWORD},
                      verify=CA)
    assert r.status_code == 403 and r.json()["error"]["code"] == "unconfirmed"
    assert "token" not in r.json()
    assert sql("SELECT COUNT(*) FROM login_failures WHERE email = ?", email) == [["0"]]
    # another password is just wrong
    _, r = login(email, "not the one chosen at all")
    assert r.status_code == 401
    assert sql("SELECT COUNT(*) FROM login_failures WHERE email = ?", email) == [["1"]]
    confirm(s, email)
    assert login(email)[1].status_code == 303


def test_logging_in_after_signing_up_with_a_taken_address_says_the_same():
    """Else signing up and then logging in with the password just chosen
    would tell a taken address from a new one."""
    _, taken, _ = register()
    chosen = "a different passphrase for probing"
    answers = []
    for email in (taken, new_email()):
        signup(email=email, password=chosen)
        _, r = login(email, chosen)
        answers.append((r.status_code, HEX64.sub("T", r.text.replace(email, "E"))))
        r = requests.post(url("/api/v1/auth/login"), json={"email": email, "password": chosen},
                          verify=CA)
        answers.append((r.status_code, r.text))
    assert answers[0] == answers[2] and answers[1] == answers[3]
    assert answers[0][0] == 403
    # the owner still logs in with their own password, which did not change
    assert login(taken)[1].status_code == 303


def test_the_owner_of_a_taken_address_is_told_by_mail():
    _, taken, _ = register(name="Olive Owner")
    signup(email=taken.upper(), name="Someone Else", password="another long passphrase here")
    run_jobs()
    msg = mail_to(taken)[-1]
    assert msg["Subject"] == "Someone tried to sign up with your address at booking"
    text = mail_text(msg)
    assert "Hello Olive Owner" in text and "already has an account" in text
    assert "/login" in text and not CONFIRM_RE.search(text)
    assert "Someone Else" not in text
    [[kind]] = sql("SELECT type FROM security_events WHERE email = ? ORDER BY id DESC LIMIT 1",
                   taken)
    assert kind == "signup_taken"
    assert sql("SELECT name FROM users WHERE email = ?", taken) == [["Olive Owner"]]


def test_the_link_followed_makes_the_account_and_ends_the_others():
    email = new_email()
    signup(email=email, name="First")
    first = confirm_link(email)
    signup(email=email, name="Second")
    second = confirm_link(email)
    assert first != second
    s = browser()
    assert s.post(url(second), allow_redirects=False).headers["Location"] == "/login?confirmed=1"
    # every other sign-up of the address went with it
    assert s.post(url(first), allow_redirects=False).status_code == 404
    assert sql("SELECT name FROM users WHERE email = ?", email) == [["Second"]]


def test_a_link_followed_after_the_address_got_an_account_sends_to_the_login():
    email = new_email()
    signup(email=email, name="Late")
    path = confirm_link(email)
    added = subprocess.run([CTL, "user", "add", "--email", email, "--name", "Added"],
                           capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, BOOKING_PASSWORD=PASSWORD))
    assert added.returncode == 0, added.stderr
    r = browser().post(url(path), allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/login?registered=1"
    assert "This address has an account already" in browser().get(url(r.headers["Location"])).text
    assert sql("SELECT name FROM users WHERE email = ?", email) == [["Added"]]
