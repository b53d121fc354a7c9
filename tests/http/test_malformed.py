"""test_malformed.py: malformed requests through nginx never get a 5xx, and every refusal is whole.

Bad percent-encodings, overlong fields, NUL bytes, duplicate parameters, huge
numbers, wrong content types, odd methods and bad JSON, sent as raw bytes over
TLS (a client library would tidy them first). Every answer must be under 500,
and every 4xx must carry a Content-Type and a body."""
import http.client
import json
import re
import socket
import ssl
import urllib.parse

import pytest
import requests

from conftest import (BASE, CA, PASSWORD, api_user, at, csrf_of, day, make_room,
                      make_slot, register, url)

HOST = urllib.parse.urlsplit(BASE).hostname
PORT = urllib.parse.urlsplit(BASE).port


def send(method, target, headers=(), body=b""):
    """One request of exactly these bytes; returns (status, headers, body)."""
    method = method.encode() if isinstance(method, str) else method
    target = target.encode() if isinstance(target, str) else target
    body = body.encode() if isinstance(body, str) else body
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: " + HOST.encode(),
             b"Connection: close"]
    for h in headers:
        lines.append(h.encode() if isinstance(h, str) else h)
    if body and not any(h.lower().startswith(b"content-length:")
                        for h in lines[3:]):
        lines.append(b"Content-Length: " + str(len(body)).encode())
    raw = b"\r\n".join(lines) + b"\r\n\r\n" + body
    ctx = ssl.create_default_context(cafile=CA) if CA else ssl._create_unverified_context()
    with socket.create_connection((HOST, PORT), timeout=15) as s:
        with ctx.wrap_socket(s, server_hostname=HOST) as t:
            t.sendall(raw)
            resp = http.client.HTTPResponse(t, method=method.decode("latin-1"))
            resp.begin()
            return resp.status, resp.headers, resp.read()


def assert_whole(case, status, headers, body, method=b"GET"):
    assert status < 500, f"{case!r}: {status} {body[:300]!r}"
    if 400 <= status < 500 and method != b"HEAD":
        assert headers.get("Content-Type"), f"{case!r}: {status} without a Content-Type"
        assert body.strip(), f"{case!r}: {status} with an empty body"


def test_a_date_past_the_sane_range_is_refused_naming_the_field():
    room = make_room()
    r = requests.get(url(f"/rooms/{room}?date=9999-12-31"), verify=CA)
    assert r.status_code == 400
    assert r.headers["Content-Type"].startswith("text/html")
    assert "date" in r.text and "2199" in r.text
    r = requests.get(url(f"/api/v1/rooms/{room}/timeslots?date=9999-12-31"), verify=CA)
    assert r.status_code == 400
    assert "date" in r.json()["error"]["message"]
    for ok in ("2000-01-01", "2199-12-31"):
        assert requests.get(url(f"/rooms/{room}?date={ok}"), verify=CA).status_code == 200


def test_the_room_day_page_links_only_to_days_that_can_be_asked_for():
    room = make_room()
    first = requests.get(url(f"/rooms/{room}?date=2000-01-01"), verify=CA).text
    assert 'rel="prev"' not in first
    assert f'<a rel="next" href="/rooms/{room}?date=2000-01-02">' in first
    last = requests.get(url(f"/rooms/{room}?date=2199-12-31"), verify=CA).text
    assert 'rel="next"' not in last
    assert f'<a rel="prev" href="/rooms/{room}?date=2199-12-30">' in last
    for page in (first, last):
        for link in re.findall(r'href="(/rooms/\d+\?date=[0-9-]+)"', page):
            assert requests.get(url(link), verify=CA).status_code == 200, link


def test_a_nul_in_a_json_email_is_refused_not_cut():
    _, email, r = register()
    assert r.status_code == 303
    r = requests.post(url("/api/v1/auth/login"), verify=CA,
                      data='{"email": "%s\\u0000<x>", "password": "%s"}' % (email, PASSWORD),
                      headers={"Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    assert "token" not in r.json()
    assert r.json()["error"]["message"].startswith("email")
    # the same address without it still logs in
    r = requests.post(url("/api/v1/auth/login"), verify=CA, json={"email": email, "password": PASSWORD})
    assert r.status_code == 200


def test_control_and_direction_override_characters_are_refused_in_names():
    r = requests.post(url("/api/v1/auth/register"), verify=CA,
                      json={"name": "\u202eevil", "email": "a@example.com", "password": PASSWORD})
    assert r.status_code == 400
    assert "name" in r.json()["error"]["fields"]
    assert "direction override" in r.json()["error"]["fields"]["name"]
    _, _, r = register(name="Bob\x01Smith")
    assert r.status_code == 400
    assert "Name must not contain control characters." in r.text
    _, _, r = register(name="Bob\nSmith")
    assert r.status_code == 400
    # a booking's notes may have several lines, but no control characters
    s, email, _ = register()
    slot = make_slot(make_room(), at(day(3), 10), price="0.00")
    token = csrf_of(s, f"/timeslots/{slot}")
    r = s.post(url("/bookings"), data={"csrf": token, "timeslot_id": slot, "notes": "a\x1bb"},
               allow_redirects=False)
    assert r.status_code == 400 and "notes" in r.text
    r = s.post(url("/bookings"), data={"csrf": token, "timeslot_id": slot, "notes": "one\r\ntwo"},
               allow_redirects=False)
    assert r.status_code == 303, r.text


JSON = "Content-Type: application/json"
FORM = "Content-Type: application/x-www-form-urlencoded"

# (method, target, headers, body): sent by a visitor. Bodies mostly go to the booking API,
# whose body is read before who is asking is checked, and which nginx does not rate-limit
# (a 429 from /api/v1/auth/ would be a whole answer too, but would test nothing).
CASES = [
    # percent-encodings
    ("GET", "/rooms?type=%zz", (), ""),
    ("GET", "/rooms?type=%", (), ""),
    ("GET", "/rooms?type=%C3", (), ""),
    ("GET", "/rooms?type=%C0%AF", (), ""),
    ("GET", "/rooms/%zz", (), ""),
    ("GET", "/rooms/%00", (), ""),
    ("GET", "/rooms/1%2F2", (), ""),
    ("GET", "/rooms/1?date=%00", (), ""),
    ("GET", "/rooms/1?date=%FF%FE", (), ""),
    ("GET", "/%2e%2e/%2e%2e/etc/passwd", (), ""),
    ("GET", "/api/v1/rooms?limit=%", (), ""),
    ("GET", "/api/v1/rooms/%E2%80%AE1", (), ""),
    ("POST", "/api/v1/auth/login", (FORM,), "email=%zz&password=%"),
    # overlong fields
    ("GET", "/rooms?type=" + "a" * 6000, (), ""),
    ("GET", "/rooms?type=" + "a" * 20000, (), ""),
    ("GET", "/" + "x" * 7000, (), ""),
    ("GET", "/rooms", ("Cookie: __Host-csrf=" + "f" * 7000,), ""),
    ("GET", "/rooms", ("X-Long: " + "y" * 20000,), ""),
    ("POST", "/api/v1/auth/register", (JSON,),
     json.dumps({"name": "n" * 10000, "email": "e" * 1000 + "@example.com", "password": "p" * 200000})),
    ("POST", "/api/v1/bookings", (JSON,), json.dumps({"email": "a" * 300000, "password": "x"})),
    # NUL bytes
    ("GET", b"/rooms\x00x", (), ""),
    ("GET", "/rooms?type=a\x00b", (), ""),
    ("GET", "/rooms", (b"Cookie: a=\x00b",), ""),
    ("GET", "/rooms", (b"X-Nul: \x00",), ""),
    ("POST", "/api/v1/bookings", (FORM,), b"email=a\x00b&password=x"),
    ("POST", "/api/v1/bookings", (JSON,), b'{"email": "a\x00b", "password": "x"}'),
    ("POST", "/api/v1/auth/login", (JSON,), '{"email": "a\\u0000b", "password": "x"}'),
    ("POST", "/api/v1/bookings", (JSON,), '{"em\\u0000ail": "a", "password": "x"}'),
    # duplicate parameters
    ("GET", "/rooms?type=meeting&type=office&type=", (), ""),
    ("GET", "/api/v1/rooms?limit=1&limit=999999&page=1&page=-1", (), ""),
    ("GET", "/rooms/1?date=2030-01-01&date=9999-12-31", (), ""),
    ("POST", "/api/v1/bookings", (JSON,), '{"email": "a@example.com", "email": "b", "password": "x"}'),
    ("GET", "/rooms", ("Cookie: __Host-csrf=a; __Host-csrf=b; __Host-session=c; __Host-session=d",), ""),
    ("GET", "/rooms", ("Content-Length: 0", "Content-Length: 5"), ""),
    # huge numbers
    ("GET", "/rooms/99999999999999999999999", (), ""),
    ("GET", "/rooms/-1", (), ""),
    ("GET", "/rooms/0", (), ""),
    ("GET", "/rooms/1e3", (), ""),
    ("GET", "/timeslots/4294967296", (), ""),
    ("GET", "/api/v1/rooms?limit=18446744073709551616&page=99999999999", (), ""),
    ("GET", "/api/v1/rooms/1/timeslots?date=99999-01-01", (), ""),
    ("GET", "/events?page=1e999", (), ""),
    ("POST", "/api/v1/bookings", (JSON, "Content-Length: 99999999999999999999"), "{}"),
    ("POST", "/api/v1/auth/login", (JSON, "Content-Length: -1"), "{}"),
    ("POST", "/api/v1/bookings", (JSON,), '{"email": 1e999, "password": -1e999}'),
    # content types
    ("POST", "/api/v1/bookings", ("Content-Type: text/xml",), "<login/>"),
    ("POST", "/api/v1/bookings", (JSON,), "email=a&password=b"),
    ("POST", "/api/v1/auth/login", ("Content-Type: application/jsonx",), "{}"),
    ("POST", "/api/v1/bookings", ("Content-Type: application/json; charset=utf-16",),
     '{"email": "a", "password": "b"}'.encode("utf-16")),
    ("POST", "/api/v1/bookings", ("Content-Type: multipart/form-data; boundary=x",),
     "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na\r\n--x--\r\n"),
    ("POST", "/login", ("Content-Type: multipart/form-data; boundary=x",), "--x--\r\n"),
    ("POST", "/login", ("Content-Type: ",), "email=a"),
    ("POST", "/api/v1/bookings", (), '{"email": "a", "password": "b"}'),
    # methods
    ("PROPFIND", "/", (), ""),
    ("TRACE", "/", (), ""),
    ("OPTIONS", "*", (), ""),
    ("OPTIONS", "/rooms", (), ""),
    ("DELETE", "/rooms", (), ""),
    ("PATCH", "/rooms/1", (), ""),
    ("PUT", "/api/v1/rooms", (JSON,), "{}"),
    ("FOO", "/rooms", (), ""),
    ("get", "/rooms", (), ""),
    ("G" * 5000, "/rooms", (), ""),
    ("HEAD", "/rooms/%zz", (), ""),
    ("CONNECT", "127.0.0.1:443", (), ""),
    # bad JSON
    ("POST", "/api/v1/auth/login", (JSON,), "{not json"),
    ("POST", "/api/v1/bookings", (JSON,), "[1, 2]"),
    ("POST", "/api/v1/bookings", (JSON,), '"just a string"'),
    ("POST", "/api/v1/bookings", (JSON,), '{"email": NaN}'),
    ("POST", "/api/v1/auth/login", (JSON,), '{"email": "a", }'),
    ("POST", "/api/v1/bookings", (JSON,), "{'email': 'a'}"),
    ("POST", "/api/v1/bookings", (JSON,), '{"email": "\\ud800", "password": "\\uDFFF"}'),
    ("POST", "/api/v1/bookings", (JSON,), b'{"email": "\xff\xfe", "password": "x"}'),
    ("POST", "/api/v1/auth/login", (JSON,), '{"email": {"$gt": ""}, "password": ["x"]}'),
    ("POST", "/api/v1/bookings", (JSON,), "[" * 5000 + "]" * 5000),
    ("POST", "/api/v1/bookings", (JSON,), '{"a": ' * 5000 + "1" + "}" * 5000),
    ("POST", "/api/v1/bookings", (JSON,), '{"email": "a", "password": "b"} {"x": 1}'),
    ("POST", "/api/v1/auth/register", (JSON,), '{"name": true, "email": 12, "password": null}'),
    ("POST", "/api/v1/auth/login", (JSON,), ""),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0][:10]} {str(c[1])[:40]}")
def test_malformed_requests_get_a_whole_answer_under_500(case):
    method, target, headers, body = case
    status, h, data = send(method, target, headers, body)
    assert_whole(case, status, h, data, method.encode() if isinstance(method, str) else method)


def test_malformed_admin_api_requests_get_a_whole_answer_under_500():
    """The same for an admin's requests, which reach the handlers that write."""
    _, _, auth = api_user(role="admin")
    room = make_room()
    bearer = "Authorization: " + auth["Authorization"]
    far = {"roomId": room, "from": "9999-12-31", "to": "9999-12-31", "dryRun": True}
    cases = [
        ("GET", "/api/v1/admin/bookings?from=9999-12-31&to=0000-00-00", (bearer,), ""),
        ("GET", "/api/v1/admin/bookings?page=99999999999999999999&limit=-1", (bearer,), ""),
        ("GET", "/api/v1/admin/bookings?status=confirmed&status=%zz", (bearer,), ""),
        ("POST", "/api/v1/admin/timeslots/generate", (bearer, JSON), json.dumps(far)),
        ("POST", "/api/v1/admin/timeslots/generate", (bearer, JSON),
         json.dumps({"roomId": room, "from": "2199-12-25", "to": "2199-12-31", "dryRun": True,
                     "weekdays": ["mon", "\u0000"], "excludedDates": ["9999-12-31"] * 500})),
        ("POST", "/api/v1/admin/timeslots", (bearer, JSON),
         json.dumps({"roomId": room, "startTime": "9999-12-31T23:59", "endTime": "10000-01-01T00:00"})),
        ("POST", "/api/v1/admin/timeslots", (bearer, JSON),
         json.dumps({"roomId": 18446744073709551617, "startTime": "2199-12-31T23:00Z",
                     "endTime": "2199-12-31T23:59:59Z", "price": "1e3", "maxBookings": 1e999})),
        ("PATCH", f"/api/v1/admin/rooms/{room}", (bearer, JSON),
         json.dumps({"name": "a\u202eb", "capacity": -1, "hourlyRate": "99999999999"})),
        ("PATCH", f"/api/v1/admin/rooms/{room}", (bearer, JSON), '{"name": "x\\u0000"}'),
        ("POST", "/api/v1/admin/rooms", (bearer, JSON),
         json.dumps({"name": "\t", "roomType": ["meeting"], "capacity": {"a": 1}})),
        ("POST", "/api/v1/admin/events", (bearer, JSON), json.dumps({"title": "t\x07", "kind": "course"})),
        ("POST", "/api/v1/admin/bookings/1/confirm", (bearer, JSON), json.dumps({"paymentId": "p\nq"})),
        ("PATCH", "/api/v1/admin/timeslots/99999999999999", (bearer, JSON), "{}"),
        ("DELETE", "/api/v1/admin/rooms", (bearer,), ""),
    ]
    for method, target, headers, body in cases:
        status, h, data = send(method, target, headers, body)
        assert_whole((method, target, body), status, h, data)
        if "9999-12-31" in target + body or "\\u0000" in body:
            assert status == 400, (target, body, status, data)
