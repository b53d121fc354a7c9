"""test_mail.py: the mail outbox and bookingctl run-jobs.

Every message is written with the change that causes it and delivered by
run-jobs through msmtp (the sendmail setting) to the SMTP sink that
scripts/test starts; the messages are read back from the sink's folder with
Python's email package and their .ics with icalendar. Time is driven with
run-jobs --now, never with sleeps."""
import datetime as dt
import email
import email.policy
import os
import subprocess

import icalendar
import pytest
import requests

from conftest import (CA, at, browser_user, day, make_room, make_slot, make_user, sql, unique,
                      url, utc_now)

CTL = os.environ.get("BOOKING_CTL")
SITE = os.environ.get("BOOKING_URL", "https://127.0.0.1:18443").rstrip("/")  # site_url
HOST = SITE.split("://")[1].split(":")[0]
SINK = os.environ.get("BOOKING_MAIL_SINK")

pytestmark = pytest.mark.skipif(not SINK, reason="no SMTP sink (scripts/test starts one)")


def stamp(t):
    return t.strftime("%Y-%m-%d %H:%M:%S")


def run_jobs(*args, now=None, env=None):
    cmd = [CTL, "run-jobs", *args]
    if now is not None:
        cmd += ["--now", stamp(now)]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    return r


def messages_to(address):
    """The messages the sink holds for address, oldest first."""
    found = []
    for name in sorted(os.listdir(SINK)):
        if name.startswith("."):
            continue
        with open(os.path.join(SINK, name), "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        if address in str(msg["To"]):
            found.append(msg)
    return found


def customer(email_addr=None, name="Mail Customer"):
    """A user with an API token; returns (user_id, email, headers)."""
    email_addr = email_addr or f"mail-{unique('x').split()[1]}@example.com"
    uid = make_user(email=email_addr, name=name)
    token = os.urandom(32).hex()
    sql("INSERT INTO api_tokens (user_id, name, token_hash) VALUES (?, 'test', UNHEX(SHA2(?, 256)))",
        uid, token)
    return uid, email_addr, {"Authorization": f"Bearer {token}"}


def book(headers, slot):
    return requests.post(url("/api/v1/bookings"), json={"timeslotId": slot}, headers=headers,
                         verify=CA)


def outbox(user_id):
    return sql("SELECT kind, status, attempts FROM mail_outbox WHERE user_id = ? ORDER BY id",
               user_id)


def parts(msg):
    """The text, the HTML and the calendar of a message (None when absent)."""
    found = {"text/plain": None, "text/html": None, "text/calendar": None}
    for p in msg.walk():
        if p.get_content_type() in found and found[p.get_content_type()] is None:
            found[p.get_content_type()] = p.get_content()
    return found["text/plain"], found["text/html"], found["text/calendar"]


def calendar_of(msg):
    _, _, ics = parts(msg)
    assert ics, "no .ics attached"
    cal = icalendar.Calendar.from_ical(ics)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 1
    return cal, events[0]


def test_a_confirmed_booking_sends_one_complete_message_with_its_calendar_entry():
    room = make_room(name=unique("Salle Éloïse <b>&"), rate="0.00")
    start = at(day(5), 10)
    slot = make_slot(room, start, price="0.00")
    uid, addr, h = customer(name="Zoë O'Brien")
    r = book(h, slot)
    assert r.status_code == 201, r.text
    booking = r.json()["id"]
    assert outbox(uid) == [["confirmed", "pending", "0"]]
    run_jobs()
    assert outbox(uid) == [["confirmed", "sent", "1"]]
    [msg] = messages_to(addr)
    assert msg["From"] == "booking@localhost"
    assert msg["To"].addresses[0].display_name == "Zoë O'Brien"
    assert msg["To"].addresses[0].addr_spec == addr
    assert msg["Subject"].startswith("Confirmed: Salle Éloïse <b>&")
    assert "=?UTF-8?B?" in msg.as_string().split("\n\n")[0]    # RFC 2047 on the wire
    assert email.utils.parsedate_to_datetime(msg["Date"]).tzinfo is not None
    assert msg["Message-ID"].startswith("<mail-") and msg["Message-ID"].endswith(f"@{HOST}>")
    assert msg["List-Unsubscribe"].startswith(f"<{SITE}/unsubscribe/")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html, _ = parts(msg)
    assert "Salle Éloïse <b>&" in text and f"/bookings/{booking}" in text
    assert "Salle Éloïse &lt;b&gt;&amp;" in html and "<b>&" not in html
    cal, ev = calendar_of(msg)
    assert cal["METHOD"] == "REQUEST"
    assert str(ev["UID"]) == f"booking-{booking}@{HOST}"
    assert int(ev["SEQUENCE"]) == 0
    assert cal.walk("VTIMEZONE"), "no VTIMEZONE"
    assert ev["DTSTART"].dt.replace(tzinfo=None) == start      # the site zone is UTC here
    assert ev["DTSTART"].params["TZID"] == "UTC"


def test_a_paid_booking_tells_the_pay_by_time_then_that_its_hold_expired():
    room = make_room(rate="20.00")
    slot = make_slot(room, at(day(6), 11), price="17.50")
    uid, addr, h = customer()
    r = book(h, slot)
    assert r.status_code == 201, r.text
    booking = r.json()["id"]
    hold = sql("SELECT hold_expires_at FROM bookings WHERE id = ?", booking)[0][0]
    run_jobs()
    [created] = messages_to(addr)
    assert created["Subject"].startswith("Booked, payment due:")
    text, _, ics = parts(created)
    assert "€17.50" in text and hold[11:16] in text and ics is None
    later = dt.datetime.strptime(hold, "%Y-%m-%d %H:%M:%S") + dt.timedelta(seconds=1)
    out = run_jobs(now=later)
    assert "released" in out.stdout
    assert sql("SELECT status FROM bookings WHERE id = ?", booking) == [["cancelled"]]
    assert [m["Subject"].split(":")[0] for m in messages_to(addr)] == \
        ["Booked, payment due", "Released, not paid"]


def test_a_cancellation_sends_a_calendar_cancel_with_the_same_uid():
    room = make_room(rate="0.00")
    slot = make_slot(room, at(day(7), 9), price="0.00")
    uid, addr, h = customer()
    booking = book(h, slot).json()["id"]
    r = requests.put(url(f"/api/v1/bookings/{booking}/cancel"), headers=h, verify=CA)
    assert r.status_code == 200, r.text
    run_jobs()
    confirmed, cancelled = messages_to(addr)
    _, first = calendar_of(confirmed)
    cal, ev = calendar_of(cancelled)
    assert cal["METHOD"] == "CANCEL" and ev["STATUS"] == "CANCELLED"
    assert ev["UID"] == first["UID"]
    assert int(ev["SEQUENCE"]) > int(first["SEQUENCE"])


def test_two_runners_at_once_deliver_each_message_exactly_once():
    room = make_room(rate="0.00", capacity=20)
    slot = make_slot(room, at(day(8), 14), price="0.00", capacity=20)
    people = [customer() for _ in range(8)]
    for _, _, h in people:
        assert book(h, slot).status_code == 201
    runners = [subprocess.Popen([CTL, "run-jobs"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in runners:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    for uid, addr, _ in people:
        assert len(messages_to(addr)) == 1, addr
        assert outbox(uid) == [["confirmed", "sent", "1"]]


def test_a_refusing_server_is_retried_with_backoff_and_then_the_message_fails():
    room = make_room(rate="0.00")
    slot = make_slot(room, at(day(9), 15), price="0.00")
    uid, addr, h = customer(email_addr=f"refuse-{os.urandom(6).hex()}@example.com")
    assert book(h, slot).status_code == 201
    t = utc_now() + dt.timedelta(seconds=5)
    waits = [1, 5, 30, 120]
    for attempt in range(1, 6):
        run_jobs(now=t)
        [[status, attempts, error, due]] = sql(
            "SELECT status, attempts, last_error, next_attempt_at FROM mail_outbox"
            " WHERE user_id = ?", uid)
        assert int(attempts) == attempt
        assert "not accepted" in error or "550" in error, error
        if attempt < 5:
            assert status == "pending"
            assert due == stamp(t + dt.timedelta(minutes=waits[attempt - 1]))
            # not yet due a second before its time
            run_jobs(now=t + dt.timedelta(minutes=waits[attempt - 1], seconds=-1))
            assert sql("SELECT attempts FROM mail_outbox WHERE user_id = ?", uid) == [[str(attempt)]]
            t += dt.timedelta(minutes=waits[attempt - 1])
        else:
            assert status == "failed"
    run_jobs(now=t + dt.timedelta(days=1))
    assert sql("SELECT status, attempts FROM mail_outbox WHERE user_id = ?", uid) == [["failed", "5"]]
    assert messages_to(addr) == []


def test_a_booking_that_rolls_back_queues_nothing():
    """The booking fails from its Nth statement on, N = 1, 2, ...: while it
    rolls back no message is queued; once it is committed (even if the reply
    then fails) exactly one is."""
    room = make_room(rate="0.00")
    slot = make_slot(room, at(day(10), 9), price="0.00")
    uid, addr, h = customer()
    rolled_back = 0
    for n in range(1, 41):
        r = book({**h, "X-Test-Fail-Statement": str(n)}, slot)
        made = int(sql("SELECT COUNT(*) FROM bookings WHERE user_id = ?", uid)[0][0])
        if made:
            break
        assert r.status_code >= 500
        assert outbox(uid) == [], f"statement {n} failed yet a message is queued"
        rolled_back += 1
    assert rolled_back > 3
    assert outbox(uid) == [["confirmed", "pending", "0"]]


def test_run_jobs_refuses_bad_options():
    r = subprocess.run([CTL, "run-jobs", "--now", "tomorrow"], capture_output=True, text=True)
    assert r.returncode == 2 and "unexpected '--now'" in r.stderr
    r = subprocess.run([CTL, "run-jobs", "--interval", "0"], capture_output=True, text=True)
    assert r.returncode == 2 and "unexpected '--interval'" in r.stderr


def test_a_sendmail_command_that_fails_keeps_its_error(tmp_path):
    room = make_room(rate="0.00")
    slot = make_slot(room, at(day(11), 9), price="0.00")
    uid, addr, h = customer()
    assert book(h, slot).status_code == 201
    env = dict(os.environ, BOOKING_SENDMAIL="/nonexistent/sendmail -t")
    run_jobs(env=env)
    [[status, error]] = sql("SELECT status, last_error FROM mail_outbox WHERE user_id = ?", uid)
    assert status == "pending" and "cannot run /nonexistent/sendmail" in error
    env["BOOKING_SENDMAIL"] = "/bin/false"
    run_jobs(now=utc_now() + dt.timedelta(minutes=2), env=env)
    [[status, error]] = sql("SELECT status, last_error FROM mail_outbox WHERE user_id = ?", uid)
    assert status == "pending" and "exited with status 1" in error


def subjects(addr):
    return [m["Subject"].split(":")[0] for m in messages_to(addr)]


def reminders(booking):
    return sql("SELECT type, status FROM reminders WHERE booking_id = ? ORDER BY id", booking)


def test_a_booking_gets_both_reminders_on_time_and_none_once_cancelled():
    room = make_room(rate="0.00", capacity=4)
    start = at(day(3), 10)
    slot = make_slot(room, start, price="0.00")
    _, kept, h1 = customer()
    _, dropped, h2 = customer()
    b1 = book(h1, slot).json()["id"]
    b2 = book(h2, slot).json()["id"]
    r = requests.put(url(f"/api/v1/bookings/{b2}/cancel"), headers=h2, verify=CA)
    assert r.status_code == 200
    run_jobs(now=start - dt.timedelta(hours=24, minutes=1))
    assert subjects(kept) == ["Confirmed"]
    run_jobs(now=start - dt.timedelta(hours=24) + dt.timedelta(minutes=1))
    assert subjects(kept) == ["Confirmed", "Tomorrow"]
    reminder = messages_to(kept)[1]
    text, html, ics = parts(reminder)
    assert "starts tomorrow" in text and ics is None
    run_jobs(now=start - dt.timedelta(hours=1) + dt.timedelta(minutes=1))
    assert subjects(kept) == ["Confirmed", "Tomorrow", "In an hour"]
    assert "starts in an hour" in parts(messages_to(kept)[2])[0]
    assert reminders(b1) == [["email_24h", "sent"], ["email_1h", "sent"]]
    assert subjects(dropped) == ["Confirmed", "Cancelled"]
    assert reminders(b2) == [["email_24h", "cancelled"], ["email_1h", "cancelled"]]


def test_a_reschedule_replans_the_reminders_and_the_ics_keeps_its_uid():
    room = make_room(rate="0.00")
    first = at(day(3), 13)
    later = at(day(4), 15)
    s1 = make_slot(room, first, price="0.00")
    s2 = make_slot(room, later, price="0.00")
    _, addr, h = customer()
    booking = book(h, s1).json()["id"]
    r = requests.post(url(f"/api/v1/bookings/{booking}/reschedule"), json={"timeslotId": s2},
                      headers=h, verify=CA)
    assert r.status_code == 200, r.text
    run_jobs()
    confirmed, moved = messages_to(addr)
    assert moved["Subject"].startswith("Moved:")
    _, before = calendar_of(confirmed)
    cal, after = calendar_of(moved)
    assert cal["METHOD"] == "REQUEST"
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after["DTSTART"].dt.replace(tzinfo=None) == later
    run_jobs(now=first - dt.timedelta(hours=24) + dt.timedelta(minutes=1))
    assert subjects(addr) == ["Confirmed", "Moved"]
    run_jobs(now=later - dt.timedelta(hours=24) + dt.timedelta(minutes=1))
    assert subjects(addr) == ["Confirmed", "Moved", "Tomorrow"]
    assert "has moved" in parts(moved)[0]


def test_a_reminder_is_dropped_when_its_booking_moved_started_or_the_owner_opted_out():
    room = make_room(rate="0.00", capacity=4)
    start = at(day(3), 16)
    slot = make_slot(room, start, price="0.00")
    moved_uid, moved, h1 = customer()
    quiet_uid, quiet, h2 = customer()
    late_uid, late, h3 = customer()
    b1 = book(h1, slot).json()["id"]
    book(h2, slot)
    b3 = book(h3, slot).json()["id"]
    # the time of the booking changed without its reminders being planned again
    sql("UPDATE bookings SET start_time = start_time + INTERVAL 1 DAY WHERE id = ?", b1)
    sql("UPDATE users SET reminders_off = 1 WHERE id = ?", quiet_uid)
    run_jobs(now=start - dt.timedelta(hours=23))
    assert sql("SELECT status, last_error FROM reminders WHERE booking_id = ?"
               " AND type = 'email_24h'", b1) == [["cancelled", "the booking has moved"]]
    assert subjects(moved) == ["Confirmed"]
    assert subjects(quiet) == ["Confirmed"]
    assert sql("SELECT DISTINCT last_error FROM reminders r JOIN bookings b ON b.id = r.booking_id"
               " WHERE b.user_id = ? AND r.status = 'cancelled'", quiet_uid) == \
        [["the owner turned reminders off"]]
    assert subjects(late) == ["Confirmed", "Tomorrow"]
    sql("UPDATE reminders SET status = 'pending' WHERE booking_id = ?", b3)
    run_jobs(now=start + dt.timedelta(minutes=5))
    assert sql("SELECT DISTINCT status, last_error FROM reminders WHERE booking_id = ?", b3) == \
        [["cancelled", "the booking has started"]]
    assert len(messages_to(late)) == 2


def test_reminders_can_be_turned_off_on_the_account_page_and_on_again():
    s, uid, csrf = browser_user()
    page = s.get(url("/account")).text
    assert 'id="reminders" name="reminders" value="1" checked' in page
    r = s.post(url("/account/reminders"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("saved=reminders_off")
    assert sql("SELECT reminders_off FROM users WHERE id = ?", uid) == [["1"]]
    page = s.get(url("/account?saved=reminders_off")).text
    assert "Reminder mail is off." in page
    assert 'id="reminders" name="reminders" value="1">' in page
    r = s.post(url("/account/reminders"), data={"csrf": csrf, "reminders": "1"},
               allow_redirects=False)
    assert r.status_code == 303
    assert sql("SELECT reminders_off FROM users WHERE id = ?", uid) == [["0"]]
    r = s.post(url("/account/reminders"), data={"reminders": "1"}, allow_redirects=False)
    assert r.status_code == 403        # a form from elsewhere


def test_the_one_click_unsubscribe_link_turns_reminders_off():
    room = make_room(rate="0.00")
    slot = make_slot(room, at(day(14), 9), price="0.00")
    uid, addr, h = customer()
    assert book(h, slot).status_code == 201
    run_jobs()
    [msg] = messages_to(addr)
    link = msg["List-Unsubscribe"].strip("<>")
    assert link in parts(msg)[0]
    path = link[len(SITE):]
    r = requests.get(url(path), verify=CA)
    assert r.status_code == 200 and "Stop reminder mail" in r.text
    assert sql("SELECT reminders_off FROM users WHERE id = ?", uid) == [["0"]]
    # RFC 8058: a POST with no cookie and no CSRF token, as a mail client sends it
    r = requests.post(url(path), data={"List-Unsubscribe": "One-Click"}, verify=CA)
    assert r.status_code == 200 and 'id="unsubscribed"' in r.text
    assert sql("SELECT reminders_off FROM users WHERE id = ?", uid) == [["1"]]
    assert requests.post(url("/unsubscribe/" + "0" * 64), verify=CA).status_code == 404
    assert requests.get(url("/unsubscribe/short"), verify=CA).status_code == 404
    assert requests.post(url("/unsubscribe/short"), verify=CA).status_code == 404


def test_the_admin_mail_page_lists_failed_messages_and_sends_one_again():
    room = make_room(rate="0.00")
    slot = make_slot(room, at(day(15), 9), price="0.00")
    uid, addr, h = customer(email_addr=f"refuse-{os.urandom(6).hex()}@example.com")
    assert book(h, slot).status_code == 201
    [[mid]] = sql("SELECT id FROM mail_outbox WHERE user_id = ?", uid)
    sql("UPDATE mail_outbox SET status = 'failed', attempts = 5, last_error = ? WHERE id = ?",
        "550 5.7.1 <refused & gone>", mid)
    s, _, csrf = browser_user(role="admin")
    page = s.get(url("/admin/mail")).text
    assert f'data-mail="{mid}"' in page and "550 5.7.1 &lt;refused &amp; gone&gt;" in page
    assert 'id="mail-counts"' in page and "Send again" in page
    assert s.get(url("/admin/mail?status=bogus")).status_code == 400
    r = s.post(url(f"/admin/mail/{mid}/retry"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 303
    assert sql("SELECT status, attempts, last_error FROM mail_outbox WHERE id = ?", mid) == \
        [["pending", "0", "NULL"]]
    assert f'data-mail="{mid}"' in s.get(url("/admin/mail?status=pending&queued=1")).text
    # a pending message is not sent "again"; nor is one that does not exist
    r = s.post(url(f"/admin/mail/{mid}/retry"), data={"csrf": csrf}, allow_redirects=False)
    assert r.status_code == 404
    customer_session, _, ccsrf = browser_user()
    assert customer_session.get(url("/admin/mail")).status_code == 403


def test_signing_up_mails_the_link_that_makes_the_account():
    from conftest import signup
    _, addr, r = signup(name="Wendy Welcome")
    assert r.status_code == 200
    run_jobs()
    [msg] = messages_to(addr)
    assert msg["Subject"] == "Confirm your address for booking"
    text, html, ics = parts(msg)
    assert "Hello Wendy Welcome" in text and ics is None
    assert f"{SITE}/register/confirm/" in text and f'href="{SITE}/register/confirm/' in html


def test_run_jobs_loop_keeps_delivering_until_sigterm():
    import signal
    import time
    room = make_room(rate="0.00")
    slot = make_slot(room, at(day(16), 9), price="0.00")
    uid, addr, h = customer()
    runner = subprocess.Popen([CTL, "run-jobs", "--loop", "--interval", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert book(h, slot).status_code == 201
        deadline = time.monotonic() + 60
        while outbox(uid) != [["confirmed", "sent", "1"]]:
            assert time.monotonic() < deadline, "the looping runner never sent it"
            assert runner.poll() is None, runner.stderr.read()
            time.sleep(0.2)
    finally:
        runner.send_signal(signal.SIGTERM)
        out, err = runner.communicate(timeout=60)
    assert runner.returncode == 0, err
    assert "run-jobs: released" in out
    assert len(messages_to(addr)) == 1
