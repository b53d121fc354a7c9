"""test_admin_audit_and_users.py: the admin audit trail and users pages:
their filters refuse bad values naming the parameter, page through the
results, and the role form refuses what it cannot do."""
import datetime as dt
import html
import re
from urllib.parse import quote

from conftest import (add_booking, browser_user, form_post, make_room, make_slot,
                      make_user, new_email, sql, url, utc_now)


def test_audit_filters_refuse_bad_values_naming_the_parameter():
    s, _, _ = browser_user(role="admin")
    for query, name in (("bookingId=x", "bookingId"), ("type=exploded", "type"),
                        ("page=0", "page"), ("email=" + "e" * 255, "email"),
                        ("actorEmail=" + "a" * 255, "actorEmail")):
        r = s.get(url(f"/admin/audit?{query}"))
        assert r.status_code == 400, query
        assert f"{name}:" in r.text, query


def test_audit_trail_of_one_booking_and_its_pages():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    # it starts in 20 minutes: check-in is open
    bid = add_booking(make_user(), make_slot(room, utc_now() + dt.timedelta(minutes=20)),
                      status="pending")
    for action in ("confirm", "check-in"):
        r = form_post(s, f"/admin/bookings/{bid}/{action}", csrf=csrf, paymentId="pi_audit")
        assert r.status_code == 303, action
    page = s.get(url(f"/admin/audit?bookingId={bid}")).text
    assert f'value="{bid}"' in page                      # the filter is shown back
    assert "No booking event matches." not in page
    assert re.search(rf'href="/admin/bookings/{bid}"', page)
    later = s.get(url(f"/admin/audit?bookingId={bid}&page=2")).text
    assert "No booking event matches." in later
    prev = html.unescape(re.search(r'rel="prev" href="([^"]*)"', later).group(1))
    assert prev == f"/admin/audit?bookingId={bid}&page=1"


def test_users_page_search_paging_and_role_refusals():
    s, _, csrf = browser_user(role="admin")
    r = s.get(url("/admin/users?q=" + "q" * 255))
    assert r.status_code == 400 and "q:" in r.text
    nobody = new_email("nobody")
    page = s.get(url(f"/admin/users?q={quote(nobody)}&page=2")).text
    assert "No user matches." in page
    assert 'rel="prev" href="/admin/users?' in page
    uid = make_user()
    r = form_post(s, f"/admin/users/{uid}/role", csrf=csrf)
    assert r.status_code == 400 and "role is required." in r.text
    r = form_post(s, f"/admin/users/{uid}/role", csrf=csrf, role="emperor")
    assert r.status_code == 400 and "role: expected one of" in r.text
    r = form_post(s, "/admin/users/4294967295/role", csrf=csrf, role="admin")
    assert r.status_code == 404 and "There is no user 4294967295." in r.text
    assert sql("SELECT role FROM users WHERE id = ?", uid) == [["customer"]]
    r = form_post(s, f"/admin/users/{uid}/role", csrf=csrf, role="admin")
    assert r.status_code == 303 and r.headers["Location"] == "/admin/users?saved=1"
    assert "The role was changed." in s.get(url(r.headers["Location"])).text
    assert sql("SELECT role FROM users WHERE id = ?", uid) == [["admin"]]


def test_roles_are_shown_in_words_of_the_pages_language():
    s, admin_id, csrf = browser_user(role="admin")
    email = new_email("worded")
    uid = make_user(email=email)
    page = s.get(url(f"/admin/users?q={quote(email)}")).text
    row = re.search(r'<tr data-user="%d">(.*?)</tr>' % uid, page, re.S).group(1)
    assert '<option value="customer" selected>Customer</option>' in row
    assert '<option value="admin">Administrator</option>' in row
    assert '<option value="staff">Staff</option>' in row
    quotas = s.get(url("/admin/quotas")).text
    assert '<th scope="row">Administrator</th>' in quotas and ">admin<" not in quotas
    admin_email = sql("SELECT email FROM users WHERE id = ?", admin_id)[0][0]
    assert f"<p>{html.escape(admin_email)}, Administrator</p>" in s.get(url("/account")).text
    assert form_post(s, "/language", csrf=csrf, lang="de", next="/").status_code == 303
    page = s.get(url(f"/admin/users?q={quote(email)}")).text
    assert '<option value="customer" selected>Kunde</option>' in page
