"""test_admin_package_pages.py: the admin pages for packages and a room's
bookable hours (issue 11, so far API-only): HTML forms with CSRF and labels,
each problem next to its field with what was typed kept, no script needed."""
import re
import uuid

from conftest import (browser_user, form_post, make_event, make_room, sql, url)


def test_an_admin_makes_a_package_and_says_what_it_holds():
    s, _, csrf = browser_user(role="admin")
    page = s.get(url("/admin/packages")).text
    assert 'action="/admin/packages"' in page and 'name="csrf"' in page
    assert '<label for="name">Name</label>' in page and '<label for="price">Price</label>' in page
    r = form_post(s, "/admin/packages", csrf=csrf, name="", kind="bundle", price="x",
                  expiryDays="0")
    assert r.status_code == 400
    for field in ("name", "price", "expiryDays"):
        assert f'id="{field}-error"' in r.text, field
    assert 'value="x"' in r.text and '<option value="bundle" selected>' in r.text
    name = "Yoga ten " + uuid.uuid4().hex[:6]
    r = form_post(s, "/admin/packages", csrf=csrf, name=name, kind="bundle", price="80.00",
                  expiryDays="60")
    assert r.status_code == 303, r.text
    m = re.fullmatch(r"/admin/packages\?done=created#package-(\d+)", r.headers["Location"])
    assert m, r.headers
    pid = int(m.group(1))
    assert sql("SELECT name, kind, price, expiry_days FROM packages WHERE id = ?", pid) == \
        [[name, "bundle", "80.00", "60"]]
    ev = make_event(title="Yoga " + uuid.uuid4().hex[:6])
    r = form_post(s, f"/admin/packages/{pid}/items", csrf=csrf, eventId=ev, quantity="many")
    assert r.status_code == 400
    article = re.search(rf'<article class="package" id="package-{pid}".*?</article>', r.text,
                        re.S).group(0)
    assert f'id="package-{pid}-quantity-error"' in article and 'value="many"' in article
    assert f'<option value="{ev}" selected>' in article
    r = form_post(s, f"/admin/packages/{pid}/items", csrf=csrf, eventId=4000000000, quantity="2")
    assert r.status_code == 400 and f'id="package-{pid}-event-error"' in r.text
    r = form_post(s, f"/admin/packages/{pid}/items", csrf=csrf, eventId=ev, quantity="10")
    assert (r.status_code, r.headers["Location"]) == \
        (303, f"/admin/packages?done=saved#package-{pid}")
    page = s.get(url("/admin/packages?done=saved")).text
    assert "What the package holds is saved." in page and "10 × Yoga" in page
    assert f'action="/packages/{pid}/buy"' in s.get(url("/packages")).text, "now on sale"
    assert form_post(s, "/admin/packages/4000000000/items", csrf=csrf, eventId=ev,
                     quantity="1").status_code == 404
    assert form_post(s, "/admin/packages", name="No token", price="1.00").status_code == 403
    c, _, ccsrf = browser_user()
    assert c.get(url("/admin/packages")).status_code == 403
    assert form_post(c, "/admin/packages", csrf=ccsrf, name="X", price="1.00").status_code == 403


def test_an_admin_sets_a_rooms_bookable_hours_on_its_page():
    s, _, csrf = browser_user(role="admin")
    room = make_room()
    assert f'href="/admin/rooms/{room}/hours"' in s.get(url(f"/admin/rooms/{room}")).text
    page = s.get(url(f"/admin/rooms/{room}/hours")).text
    assert 'name="d1.opens"' in page and 'aria-label="Monday: opens"' in page
    days = {f"d{d}.{w}": "" for d in range(7) for w in ("opens", "closes")}
    bad = dict(days, **{"d1.opens": "09:00", "d1.closes": "08:00", "d2.opens": "25:00",
                        "d2.closes": "12:00", "d3.opens": "10:00"})
    r = form_post(s, f"/admin/rooms/{room}/hours", csrf=csrf, **bad)
    assert r.status_code == 400
    assert 'id="d1.closes-error">Monday closes: after it opens.<' in r.text
    assert 'id="d2.opens-error"' in r.text and 'value="25:00"' in r.text
    assert 'id="d3.closes-error"' in r.text, "a day that opens must close"
    assert sql("SELECT COUNT(*) FROM room_hours WHERE room_id = ?", room) == [["0"]]
    good = dict(days, **{"d1.opens": "09:00", "d1.closes": "17:00", "d6.opens": "10:00",
                         "d6.closes": "24:00"})
    r = form_post(s, f"/admin/rooms/{room}/hours", csrf=csrf, **good)
    assert (r.status_code, r.headers["Location"]) == (303, f"/admin/rooms/{room}/hours?done=saved")
    assert sql("SELECT weekday, opens, closes FROM room_hours WHERE room_id = ? ORDER BY weekday",
               room) == [["1", "09:00:00", "17:00:00"], ["6", "10:00:00", "24:00:00"]]
    page = s.get(url(f"/admin/rooms/{room}/hours?done=saved")).text
    assert "The bookable hours are saved." in page and 'value="17:00"' in page
    r = form_post(s, f"/admin/rooms/{room}/hours", csrf=csrf,
                  **dict(good, **{"d1.opens": "", "d1.closes": ""}))
    assert r.status_code == 303
    assert sql("SELECT weekday FROM room_hours WHERE room_id = ?", room) == [["6"]], \
        "emptied, Monday is closed"
    assert s.get(url("/admin/rooms/4000000000/hours")).status_code == 404
    assert form_post(s, f"/admin/rooms/{room}/hours", **good).status_code == 403
