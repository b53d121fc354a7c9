"""test_sms.py: SMS reminders: a phone number and the owner's yes, planned a
day before and sent by bookingctl run-jobs through the sms_command setting.

scripts/test sets sms_command to scripts/sms-capture, which files each text
as var/test/sms/NUMBER.N (and fails while var/test/sms/down exists). Time is
driven with run-jobs --now, never with sleeps."""
import datetime as dt
import os
import re

import pytest
import requests

from conftest import CA, at, browser_user, day, make_room, make_slot, sql, url
from test_mail import book, customer, run_jobs, stamp

SMS_DIR = os.path.join(os.environ.get("BOOKING_VAR", ""), "sms")

pytestmark = pytest.mark.skipif(not os.environ.get("BOOKING_SMS_COMMAND"),
                                reason="no sms_command (scripts/test sets one)")


def patch(headers, **fields):
    return requests.patch(url("/api/v1/account"), json=fields, headers=headers, verify=CA)


def texts_to(number):
    if not os.path.isdir(SMS_DIR):
        return []
    found = []
    for name in sorted(os.listdir(SMS_DIR)):
        if re.fullmatch(re.escape(number) + r"\.\d+\.\d+", name):
            with open(os.path.join(SMS_DIR, name), encoding="utf-8") as f:
                found.append(f.read())
    return found


def number():
    return "+49151" + os.urandom(4).hex()[:7].translate(str.maketrans("abcdef", "123456"))


def sms_rows(booking):
    return sql("SELECT status, last_error, scheduled_at FROM reminders"
               " WHERE booking_id = ? AND type = 'sms'", booking)


def test_the_phone_must_be_e164_and_sms_reminders_need_one():
    _, _, h = customer()
    for bad in ["0301234567", "+0301234567", "+49 30 1234567", "+4930"]:
        r = patch(h, phone=bad)
        assert r.status_code == 400, bad
        assert r.json()["error"]["fields"]["phone"].startswith("Phone must be an international number")
    r = patch(h, phone="+49301234567890123")
    assert r.json()["error"]["fields"]["phone"] == "Phone must be at most 16 characters."
    r = patch(h, smsReminders=True)
    assert r.status_code == 400
    assert r.json()["error"]["fields"]["smsReminders"] == "Add a phone number to get SMS reminders."
    n = number()
    r = patch(h, phone=n, smsReminders=True)
    assert r.status_code == 200, r.text
    assert (r.json()["phone"], r.json()["smsReminders"]) == (n, True)
    # what is not sent stays; clearing the number turns the reminders off
    assert patch(h, smsReminders=False).json()["phone"] == n
    assert patch(h, smsReminders=True).json()["smsReminders"] is True
    r = patch(h, phone="")
    assert (r.json()["phone"], r.json()["smsReminders"]) == (None, False)


def test_an_sms_goes_a_day_before_once_with_the_outbox_retries():
    uid, _, h = customer()
    n = number()
    assert patch(h, phone=n, smsReminders=True).status_code == 200
    room = make_room()
    start = at(day(4), 10)
    r = book(h, make_slot(room, start, price="0.00"))
    assert r.status_code == 201, r.text
    b = r.json()["id"]
    due = start - dt.timedelta(hours=24)
    assert sms_rows(b) == [["pending", "NULL", stamp(due)]]

    run_jobs(now=due - dt.timedelta(minutes=1))
    assert sms_rows(b)[0][0] == "pending" and texts_to(n) == []

    # the gateway fails: its exit status counts, the outbox tries again later
    os.makedirs(SMS_DIR, exist_ok=True)
    open(os.path.join(SMS_DIR, "down"), "w").close()
    try:
        run_jobs(now=due)
    finally:
        os.unlink(os.path.join(SMS_DIR, "down"))
    assert sms_rows(b)[0][0] == "sent"
    assert sql("SELECT kind, to_addr, status, attempts, last_error FROM mail_outbox"
               " WHERE booking_id = ? AND kind = 'sms_reminder'", b) == \
        [["sms_reminder", n, "pending", "1", "gateway down"]]
    assert texts_to(n) == []

    run_jobs(now=due + dt.timedelta(minutes=2))
    run_jobs(now=due + dt.timedelta(minutes=10))
    texts = texts_to(n)
    assert len(texts) == 1, texts
    assert f"/bookings/{b}" in texts[0] and "starts tomorrow" in texts[0]
    assert sql("SELECT status, attempts FROM mail_outbox WHERE booking_id = ?"
               " AND kind = 'sms_reminder'", b) == [["sent", "2"]]


def test_an_sms_is_dropped_when_the_owner_opts_out_or_the_site_stops_sending():
    _, _, h = customer()
    n = number()
    patch(h, phone=n, smsReminders=True)
    room = make_room()
    start = at(day(5), 9)
    b1 = book(h, make_slot(room, start, price="0.00")).json()["id"]
    b2 = book(h, make_slot(room, start + dt.timedelta(hours=2), price="0.00")).json()["id"]
    patch(h, smsReminders=False)
    run_jobs(now=start - dt.timedelta(hours=24))
    assert sms_rows(b1)[0][:2] == ["cancelled", "the owner turned SMS reminders off"]
    patch(h, smsReminders=True)
    run_jobs(now=start - dt.timedelta(hours=22), env=dict(os.environ, BOOKING_SMS_COMMAND=""))
    assert sms_rows(b2)[0][:2] == ["cancelled", "the sms_command setting is empty"]
    assert texts_to(n) == []


def test_no_sms_is_planned_for_an_owner_who_did_not_opt_in():
    _, _, h = customer()
    patch(h, phone=number())
    b = book(h, make_slot(make_room(), at(day(4), 11), price="0.00")).json()["id"]
    assert sms_rows(b) == []


def test_the_account_page_sets_the_phone_and_the_sms_reminders():
    s, uid, csrf = browser_user()
    page = s.get(url("/account")).text
    assert 'id="phone" name="phone" value=""' in page
    assert 'name="smsReminders" value="1">' in page
    r = s.post(url("/account/sms"), data={"csrf": csrf, "phone": "12345", "smsReminders": "1"},
               allow_redirects=False)
    assert r.status_code == 400
    assert 'aria-invalid="true"' in r.text and "Phone must be an international number" in r.text
    assert 'value="12345"' in r.text
    n = number()
    r = s.post(url("/account/sms"), data={"csrf": csrf, "phone": n, "smsReminders": "1"},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("saved=sms")
    page = s.get(url("/account?saved=sms")).text
    assert "Your SMS reminder settings were saved." in page
    assert f'value="{n}"' in page and 'name="smsReminders" value="1" checked' in page
    assert sql("SELECT phone, sms_reminders FROM users WHERE id = ?", uid) == [[n, "1"]]
    # an unticked box is not sent: off
    s.post(url("/account/sms"), data={"csrf": csrf, "phone": n}, allow_redirects=False)
    assert sql("SELECT sms_reminders FROM users WHERE id = ?", uid) == [["0"]]
    r = s.post(url("/account/sms"), data={"phone": n}, allow_redirects=False)
    assert r.status_code == 403


def test_an_sms_speaks_its_owners_language():
    uid, _, h = customer()
    sql("UPDATE users SET language = 'de' WHERE id = ?", uid)
    n = number()
    assert patch(h, phone=n, smsReminders=True).status_code == 200
    start = at(day(6), 10)
    b = book(h, make_slot(make_room(), start, price="0.00")).json()["id"]
    run_jobs(now=start - dt.timedelta(hours=24))
    run_jobs(now=start - dt.timedelta(hours=23, minutes=58))
    texts = texts_to(n)
    assert len(texts) == 1, texts
    assert "beginnt morgen" in texts[0] and f"/bookings/{b}" in texts[0]
