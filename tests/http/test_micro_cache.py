"""test_micro_cache.py: nginx keeps visitors' public pages for a second, and never serves a
kept page to anyone signed in, nor keeps a reply that sets a cookie or is anyone's own."""
import requests

from conftest import CA, browser_user, make_room, url

CACHED = {"Cache-Control": "max-age=0"}     # a plain visit: no session, no "no-cache"


def visit(path, session=None, headers=CACHED):
    return (session or requests).get(url(path), headers=headers, verify=CA,
                                     allow_redirects=False)


def test_a_visitors_public_page_is_rendered_once_a_second():
    room = make_room()
    first = visit(f"/rooms/{room}")
    assert first.status_code == 200 and "Set-Cookie" not in first.headers
    again = visit(f"/rooms/{room}")
    # within the second (or right after it ran out: a fresh render, kept again)
    assert again.headers["X-Cache"] in ("HIT", "MISS", "EXPIRED", "UPDATING")
    hits = [visit(f"/rooms/{room}").headers["X-Cache"] for _ in range(5)]
    assert "HIT" in hits, hits
    # still with the security headers
    assert again.headers["Strict-Transport-Security"] and again.headers["X-Frame-Options"]
    # asking for a fresh page goes past the cache
    assert visit(f"/rooms/{room}", headers={"Cache-Control": "no-cache"}).headers["X-Cache"] \
        == "BYPASS"


def test_a_signed_in_user_never_gets_a_kept_page():
    room = make_room()
    for _ in range(3):          # a visitor's copy is kept
        visit(f"/rooms/{room}")
    s, _, _ = browser_user(name="Cached Carla")
    for _ in range(3):
        r = visit(f"/rooms/{room}", session=s)
        assert r.headers["X-Cache"] == "BYPASS"
        assert "Signed in as Cached Carla" in r.text
    # and what the user was shown is never kept for visitors
    for _ in range(3):
        r = visit(f"/rooms/{room}")
        assert "Cached Carla" not in r.text and "Log in" in r.text
    # a bearer token goes past it too
    r = visit("/rooms", headers={**CACHED, "Authorization": "Bearer " + "0" * 64})
    assert r.headers.get("X-Cache") == "BYPASS"


def test_a_reply_that_sets_a_cookie_is_never_kept():
    # the login page makes the visitor's CSRF cookie: it is not a public page, never cached
    r = visit("/login")
    assert "__Host-csrf" in r.headers.get("Set-Cookie", "") and "X-Cache" not in r.headers
    # a public page makes no cookie at all, so what is kept carries none
    for _ in range(3):
        r = visit("/rooms")
        assert "Set-Cookie" not in r.headers
