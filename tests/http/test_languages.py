"""test_languages.py: pages, refusals and mail in the visitor's language: the menu's
cookie, else the account's choice, else Accept-Language, else English; German dates,
prices and plural forms; the same error.code in every language; nginx never serves
one language's page to a visitor of another; the untranslated-text check."""
import datetime as dt
import os
import re
import subprocess

import requests

from conftest import (CA, add_booking, api_user, at, browser, browser_user, day, make_room, make_slot,
                      make_user, mail_text, mail_to, run_jobs, sql, url)

DE = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember"]


def get(path, headers=None, session=None):
    return (session or requests).get(url(path), headers=headers or {}, verify=CA,
                                     allow_redirects=False)


def lang_of(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def german_long(d):
    return f"{WEEKDAYS[d.weekday()]}, {d.day}. {MONTHS[d.month - 1]} {d.year}"


def test_accept_language_picks_german_by_its_q_values_and_else_english():
    r = get("/rooms", DE)
    assert r.status_code == 200 and lang_of(r.text) == "de"
    assert r.headers["Content-Language"] == "de"
    assert "Accept-Language" in r.headers["Vary"] and "Cookie" in r.headers["Vary"]
    assert ">Räume<" in r.text and ">Rooms<" not in r.text
    # the highest q wins, whatever the order; q=0 refuses
    assert get("/rooms", {"Accept-Language": "en;q=0.4, de;q=0.8"}).headers[
        "Content-Language"] == "de"
    assert get("/rooms", {"Accept-Language": "de;q=0, en"}).headers["Content-Language"] == "en"
    # a language we do not ship: English, the default
    r = get("/rooms", {"Accept-Language": "fr-FR, fr;q=0.9"})
    assert lang_of(r.text) == "en" and ">Rooms<" in r.text
    assert lang_of(get("/rooms").text) == "en"


def test_the_menu_sets_a_cookie_that_wins_over_the_header():
    s = browser()
    page = s.get(url("/rooms"), headers=DE).text
    # the footer's menu: a form that works without scripts
    assert 'action="/language"' in page and '<option value="en" lang="en">English</option>' \
        in page and 'value="de" lang="de" selected>Deutsch' in page
    r = s.get(url("/language?lang=en&next=/rooms"), headers=DE, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/rooms"
    assert "lang=en" in r.headers["Set-Cookie"]
    r = s.get(url("/rooms"), headers=DE)
    assert lang_of(r.text) == "en" and r.headers["Content-Language"] == "en"
    s.get(url("/language?lang=de&next=/rooms"), allow_redirects=False)
    assert lang_of(s.get(url("/rooms")).text) == "de"
    # a language we do not ship is refused, and a next off the site is not followed
    assert s.get(url("/language?lang=xx"), allow_redirects=False).status_code == 400
    r = s.get(url("/language?lang=de&next=//evil.example/"), allow_redirects=False)
    assert r.headers["Location"] == "/"


def test_a_signed_in_choice_is_kept_in_the_account_and_needs_the_csrf_token():
    s, uid, csrf = browser_user(name="Greta Sprache")
    assert s.post(url("/language"), data={"lang": "de", "next": "/me"},
                  allow_redirects=False).status_code == 403
    r = s.post(url("/language"), data={"lang": "de", "next": "/me", "csrf": csrf},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/me"
    assert sql("SELECT language FROM users WHERE id = ?", uid) == [["de"]]
    # another browser of the same account, without the cookie, reads German too
    other = browser()
    other.cookies.set("__Host-session", s.cookies.get("__Host-session"))
    page = other.get(url("/me")).text
    assert lang_of(page) == "de" and "Meine Buchungen" in page


def test_the_room_page_shows_german_dates_prices_and_words():
    room = make_room(name="Raum Lindenhof", rate="25.00", capacity=8)
    d = day(9)
    make_slot(room, at(d, 10), price="12.50", capacity=5)
    make_slot(room, at(d, 12), price="0.00", capacity=1)
    de = get(f"/rooms/{room}?date={d}", DE).text
    assert german_long(d) in de
    assert "25,00\u00a0€" in de and "12,50\u00a0€" in de and "Kostenlos" in de
    assert "Verfügbar" in de and "5 von 5 frei" in de
    en = get(f"/rooms/{room}?date={d}").text
    assert "€25.00" in en and "€12.50" in en and "No charge" in en
    assert d.strftime("%A") in en


def test_plural_forms_follow_each_language():
    admin, _, _ = browser_user(role="admin")
    room = make_room()
    forms = {0: ("0 bookings match", "0 Buchungen passen"),
             1: ("1 booking matches", "1 Buchung passt"),
             2: ("2 bookings match", "2 Buchungen passen"),
             5: ("5 bookings match", "5 Buchungen passen")}
    for n, (en_text, de_text) in forms.items():
        email = f"plural-{os.urandom(4).hex()}@example.com"
        uid = make_user(email=email)
        for i in range(n):
            add_booking(uid, make_slot(room, at(day(12 + n), 8 + i)))
        path = f"/admin/bookings?email={email}"
        assert en_text + "." in admin.get(url(path)).text, n
        assert de_text + "." in admin.get(url(path), headers=DE).text, n


def test_a_field_error_and_a_refusal_are_german_with_the_same_code():
    _, _, h = api_user()
    room = make_room()
    full = make_slot(room, at(day(4), 9), price="0.00", capacity=1)
    first = requests.post(url("/api/v1/bookings"), json={"timeslotId": full}, headers=h,
                          verify=CA)
    assert first.status_code == 201
    _, _, h2 = api_user()
    en = requests.post(url("/api/v1/bookings"), json={"timeslotId": full}, headers=h2,
                       verify=CA)
    de = requests.post(url("/api/v1/bookings"), json={"timeslotId": full},
                       headers={**h2, **DE}, verify=CA)
    assert en.status_code == de.status_code == 409
    assert en.json()["error"]["code"] == de.json()["error"]["code"] == "slot_full"
    assert en.json()["error"]["message"] == "This timeslot is full."
    assert de.json()["error"]["message"] == "Dieser Termin ist ausgebucht."
    assert de.headers["Content-Language"] == "de"
    # a field's problem, on the sign-up form
    s = browser()
    page = s.get(url("/register"), headers=DE).text
    token = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
    r = s.post(url("/register"), headers=DE, data={"csrf": token, "name": "Hans",
               "email": "not-an-address", "password": "x"}, allow_redirects=False)
    assert r.status_code == 400 and lang_of(r.text) == "de"
    assert "muss eine Adresse wie name@example.com sein" in r.text


def test_mail_goes_out_in_the_recipients_language():
    s, uid, csrf = browser_user(name="Klara Post")
    s.post(url("/language"), data={"lang": "de", "next": "/", "csrf": csrf})
    token = sql("SELECT email FROM users WHERE id = ?", uid)[0][0]
    room = make_room(name="Raum Post")
    slot = make_slot(room, at(day(6), 15), price="0.00", capacity=3)
    # booked by an English page: the mail is still in the owner's language
    page = s.get(url(f"/timeslots/{slot}"), headers={"Accept-Language": "en"}).text
    r = s.post(url("/bookings"), data={"csrf": csrf, "timeslot_id": slot, "seats": 1},
               allow_redirects=False)
    assert r.status_code == 303, (r.status_code, page[:200])
    run_jobs()
    msgs = mail_to(token)
    assert msgs, "no mail"
    msg = msgs[-1]
    assert str(msg["Subject"]).startswith("Bestätigt: Raum Post, "), msg["Subject"]
    body = mail_text(msg)
    assert body.startswith("Guten Tag Klara Post,") and "ist bestätigt" in body
    d = day(6)
    assert f"{d.day}. " in str(msg["Subject"])


def test_nginx_keeps_one_copy_per_language():
    room = make_room(name="Cache Sprache")
    cached = {"Cache-Control": "max-age=0"}
    for _ in range(3):
        de = get(f"/rooms/{room}", {**cached, **DE})
        en = get(f"/rooms/{room}", cached)
        assert lang_of(de.text) == "de" and lang_of(en.text) == "en"
    hits = [get(f"/rooms/{room}", cached).headers["X-Cache"] for _ in range(4)]
    assert "HIT" in hits
    assert all(lang_of(get(f"/rooms/{room}", cached).text) == "en" for _ in range(3))


def test_the_unmarked_text_check_fails_on_a_planted_string(tmp_path):
    good = tmp_path / "good.tpl"
    good.write_text('{{%AUTOESCAPE context="HTML"}}<p>[[Marked {{NAME}}]]</p>'
                    '<input type="text" placeholder="[[Search]]">\n')
    bad = tmp_path / "bad.tpl"
    bad.write_text('{{%AUTOESCAPE context="HTML"}}<p>{{NAME}}</p><p>Planted words</p>\n'
                   '<button title="Also planted">[[ok]]</button>\n')
    check = os.path.join(ROOT, "scripts", "po-marks")
    ok = subprocess.run([check, "--check", str(good)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    r = subprocess.run([check, "--check", str(bad)], capture_output=True, text=True)
    assert r.returncode == 1
    assert "Planted words" in r.stdout and 'title="Also planted"' in r.stdout


def test_every_translation_file_passes_msgfmt_check_and_german_is_complete():
    for name in os.listdir(os.path.join(ROOT, "po")):
        if not name.endswith(".po"):
            continue
        r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null",
                            os.path.join(ROOT, "po", name)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        if name == "de.po":
            assert "untranslated" not in r.stderr and "fuzzy" not in r.stderr, r.stderr
    assert dt


def test_the_unmarked_c_message_check_fails_on_a_planted_string(tmp_path):
    src = tmp_path / "planted.c"
    src.write_text('#include "core/lang.h"\n'
                   'static const char *ok(void) { return _("Marked words here."); }\n'
                   'static void quiet(void) { log_msg("a log line nobody reads"); }\n'
                   '/* not translated: a stored record */\n'
                   'static const char *kept = "Stored for operators";\n'
                   'static const char *planted(void) { return "Planted words here."; }\n')
    check = os.path.join(ROOT, "scripts", "po-cstrings")
    r = subprocess.run([check, str(src)], capture_output=True, text=True)
    assert r.returncode == 1, r.stdout
    assert "Planted words here." in r.stdout
    assert "Marked words" not in r.stdout and "log line" not in r.stdout
    assert "Stored for operators" not in r.stdout
    # and the tree as it is passes both checks, with every marked string translated
    for cmd in (["po-marks", "--check"], ["po-cstrings"], ["po-update", "--check"]):
        done = subprocess.run([os.path.join(ROOT, "scripts", cmd[0])] + cmd[1:],
                              capture_output=True, text=True)
        assert done.returncode == 0, (cmd, done.stdout, done.stderr)
