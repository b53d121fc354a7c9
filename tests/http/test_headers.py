"""test_headers.py: every family of reply carries all its headers, both as
nginx passes it on and as the worker writes it on its FastCGI socket.

The worker once formatted its head with a directive libfcgi does not know
(%zu), which stopped the line there: "Content-Length: Cache-Control: ..."
reached nginx, and no reply had a length or its own Cache-Control (the
login token and the new API token page lost their no-store)."""
import os
import subprocess

import pytest
import requests

from conftest import (CA, PASSWORD, add_booking, at, browser_user, day, make_room,
                      make_slot, register, url)

VAR = os.environ.get("BOOKING_VAR", "")
SOCKET = os.path.join(VAR, "run", "booking.sock")
# gzip drops Content-Length; these tests look at the worker's own.
PLAIN = {"Accept-Encoding": "identity"}


def fetch(method, path, session=None, **kw):
    s = session or requests
    headers = dict(PLAIN, **kw.pop("headers", {}))
    return s.request(method, url(path), headers=headers, verify=CA,
                     allow_redirects=False, **kw)


def whole(r, cache=None):
    """The reply states its length and its Cache-Control."""
    assert r.headers.get("Content-Length") == str(len(r.content)), \
        (r.status_code, r.url, dict(r.headers))
    assert r.headers.get("Cache-Control"), (r.status_code, r.url, dict(r.headers))
    if cache is not None:
        assert r.headers["Cache-Control"] == cache, (r.url, r.headers["Cache-Control"])


@pytest.fixture(scope="module")
def customer():
    """A registered customer (with a password, for the login token)."""
    s, email, r = register()
    assert r.status_code == 303
    return s, email


def test_pages_errors_and_redirects_have_length_and_cache_control():
    whole(fetch("GET", "/"), "private, no-cache")
    whole(fetch("GET", "/rooms"), "private, no-cache")
    r = fetch("GET", "/no/such/page")
    assert r.status_code == 404
    whole(r)
    r = fetch("DELETE", "/rooms")
    assert r.status_code == 405 and "GET" in r.headers["Allow"]
    whole(r)
    r = fetch("GET", "/me")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")
    whole(r)
    r = fetch("HEAD", "/rooms")
    assert r.status_code == 200 and r.content == b""
    assert int(r.headers["Content-Length"]) > 0


def test_text_and_json_replies_have_length_and_cache_control():
    r = fetch("GET", "/healthz")
    assert r.status_code == 200
    whole(r, "no-store")
    whole(fetch("GET", "/ping"))
    r = fetch("GET", "/api/v1/rooms")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    whole(r)
    r = fetch("GET", "/api/v1/me")
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"
    whole(r)


def test_secrets_are_never_stored_by_caches(customer):
    s, email = customer
    r = fetch("POST", "/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert r.status_code == 200 and r.json()["token"]
    whole(r, "no-store")
    page = s.get(url("/account"))
    token = __import__("re").search(r'name="csrf" value="([0-9a-f]{64})"', page.text).group(1)
    r = fetch("POST", "/account/tokens", session=s,
              data={"csrf": token, "token_name": "headers test"})
    assert r.status_code == 201
    whole(r, "no-store")


def test_a_streamed_export_keeps_its_headers():
    admin, _, _ = browser_user(role="admin")
    room = make_room()
    uid = browser_user()[1]
    add_booking(uid, make_slot(room, at(day(20), 9)))
    r = fetch("GET", "/admin/bookings.csv", session=admin)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.headers["Cache-Control"] == "private, no-store"
    assert r.headers["Content-Disposition"].startswith("attachment")


def fastcgi(method, path, body=b"", content_type="", headers=(), socket=SOCKET):
    """One request straight to the workers' socket (or another; cgi-fcgi,
    Debian's libfcgi-bin); returns (status, headers as a list of pairs, body)."""
    env = {"REQUEST_METHOD": method, "DOCUMENT_URI": path, "REQUEST_URI": path,
           "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "HTTPS": "on",
           "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "localhost",
           "CONTENT_LENGTH": str(len(body)) if body else "", "CONTENT_TYPE": content_type}
    env.update(headers)
    done = subprocess.run(["cgi-fcgi", "-bind", "-connect", socket], input=body, env=env,
                          capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr
    head, _, rest = done.stdout.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    pairs = [tuple(part.strip() for part in line.split(":", 1)) for line in lines]
    for p in pairs:
        assert len(p) == 2 and p[0] and ":" not in p[0] and " " not in p[0], lines
    return int(dict(pairs)["Status"].split()[0]), pairs, rest


def raw_whole(status, pairs, body, want=None):
    names = [k for k, _ in pairs]
    assert names[0] == "Status"
    assert len(names) == len(set(names)), f"a header twice: {names}"
    h = dict(pairs)
    assert h["Content-Length"] == str(len(body)), pairs
    assert h["Cache-Control"], pairs
    if want is not None:
        assert h["Cache-Control"] == want, pairs


@pytest.mark.skipif(not os.path.exists(SOCKET), reason="no test stack's FastCGI socket")
def test_the_fastcgi_head_is_whole_for_every_family(customer):
    _, email = customer
    status, pairs, body = fastcgi("GET", "/rooms")
    assert status == 200 and dict(pairs)["Content-Type"].startswith("text/html")
    raw_whole(status, pairs, body, "private, no-cache")
    status, pairs, body = fastcgi("GET", "/nowhere")
    assert status == 404
    raw_whole(status, pairs, body)
    status, pairs, body = fastcgi("GET", "/me")
    assert status == 303 and dict(pairs)["Location"].startswith("/login")
    raw_whole(status, pairs, body)
    status, pairs, body = fastcgi("GET", "/healthz")
    assert status == 200
    raw_whole(status, pairs, body, "no-store")
    status, pairs, body = fastcgi("GET", "/api/v1/rooms")
    assert status == 200 and dict(pairs)["Content-Type"] == "application/json"
    raw_whole(status, pairs, body)
    login = ('{"email": "%s", "password": "%s"}' % (email, PASSWORD)).encode()
    status, pairs, body = fastcgi("POST", "/api/v1/auth/login", login, "application/json")
    assert status == 200 and b'"token"' in body
    raw_whole(status, pairs, body, "no-store")
    status, pairs, body = fastcgi("POST", "/api/v1/auth/login", b"{}", "application/json")
    assert status == 400
    raw_whole(status, pairs, body)
