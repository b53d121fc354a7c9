"""test_api.py: the rooms JSON API: shapes, camelCase names, errors."""
import requests

from conftest import (CA, at, day, get, make_booking, make_event, make_room,
                      make_slot, make_user, unique, url)


def error_of(r, status):
    assert r.status_code == status, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    return body["error"]


def test_rooms_list_shape_and_paging():
    name = unique("Api Room")
    room = make_room(name=name, room_type="consultation", capacity=3, rate="45.50",
                     metadata='{"floor": 2, "amenities": ["whiteboard"]}')
    r = get("/api/v1/rooms?type=consultation&limit=100")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"items", "page", "limit", "total"}
    assert body["page"] == 1 and body["limit"] == 100
    mine = [x for x in body["items"] if x["id"] == room]
    assert len(mine) == 1
    x = mine[0]
    assert x["name"] == name
    assert x["roomType"] == "consultation"
    assert x["capacity"] == 3
    assert x["hourlyRate"] == 45.5
    assert '"hourlyRate":45.50' in r.text      # exact cents, never a float
    assert x["isActive"] is True
    assert x["metadata"] == {"floor": 2, "amenities": ["whiteboard"]}
    assert x["createdAt"].endswith("Z") and "T" in x["createdAt"]
    assert all(y["roomType"] == "consultation" for y in body["items"])

    total = body["total"]
    assert total >= 1
    page1 = get("/api/v1/rooms?type=consultation&limit=1&page=1").json()
    assert len(page1["items"]) == 1 and page1["total"] == total
    beyond = get(f"/api/v1/rooms?type=consultation&limit=1&page={total + 1}").json()
    assert beyond["items"] == [] and beyond["total"] == total


def test_rooms_list_min_capacity_filter():
    big = make_room(capacity=77)
    small = make_room(capacity=2)
    ids = [x["id"] for x in get("/api/v1/rooms?minCapacity=70&limit=100").json()["items"]]
    assert big in ids and small not in ids


def test_rooms_list_bad_parameters_name_the_field():
    assert "limit" in error_of(get("/api/v1/rooms?limit=0"), 400)["message"]
    assert "limit" in error_of(get("/api/v1/rooms?limit=101"), 400)["message"]
    assert "page" in error_of(get("/api/v1/rooms?page=x"), 400)["message"]
    assert "type" in error_of(get("/api/v1/rooms?type=castle"), 400)["message"]


def test_room_by_id_and_missing_room():
    room = make_room(name=unique("One Room"))
    r = get(f"/api/v1/rooms/{room}")
    assert r.status_code == 200
    assert r.json()["id"] == room
    assert error_of(get("/api/v1/rooms/999999999"), 404)["code"] == "not_found"
    assert "id" in error_of(get("/api/v1/rooms/abc"), 400)["message"]


def test_room_timeslots_for_a_date():
    room = make_room(capacity=5)
    event = make_event(title=unique("Api Event"))
    s1 = make_slot(room, at(day(3), 9), price="12.50", capacity=2, event_id=event)
    s2 = make_slot(room, at(day(3), 10), price="0.00", capacity=1)
    make_slot(room, at(day(4), 9))
    make_booking(make_user(), s2)
    r = get(f"/api/v1/rooms/{room}/timeslots?date={day(3)}")
    assert r.status_code == 200
    body = r.json()
    assert body["roomId"] == room and body["date"] == str(day(3))
    slots = body["timeslots"]
    assert [s["id"] for s in slots] == [s1, s2]
    a, b = slots
    assert a["startTime"] == f"{day(3)}T09:00:00Z"
    assert a["endTime"] == f"{day(3)}T10:00:00Z"
    assert a["roomId"] == room
    assert a["eventId"] == event
    assert a["price"] == 12.5
    assert a["maxBookings"] == 2 and a["seatsLeft"] == 2 and a["bookedCount"] == 0
    assert a["status"] == "scheduled"
    assert a["availability"] == "free" and a["isBookable"] is True
    assert b["eventId"] is None
    assert b["availability"] == "full" and b["isBookable"] is False
    assert b["seatsLeft"] == 0


def test_room_timeslots_bad_date_and_missing_room():
    room = make_room()
    assert "date" in error_of(get(f"/api/v1/rooms/{room}/timeslots?date=2026-13-01"), 400)["message"]
    error_of(get(f"/api/v1/rooms/999999999/timeslots?date={day(1)}"), 404)


def test_unknown_api_path_and_wrong_method_are_json():
    error_of(get("/api/v1/nothing"), 404)
    r = requests.delete(url("/api/v1/rooms"), verify=CA)
    assert error_of(r, 405)["code"] == "method_not_allowed"
    assert "GET" in r.headers["Allow"]


def test_bodies_over_the_limit_are_413_and_malformed_json_is_400():
    r = requests.post(url("/api/v1/rooms"), data=b"x" * 300_000, verify=CA,
                      headers={"Content-Type": "application/json"})
    assert error_of(r, 413)["code"] == "too_large"
    # Over nginx's own limit the answer is JSON too.
    r = requests.post(url("/api/v1/rooms"), data=b"x" * 2_000_000, verify=CA,
                      headers={"Content-Type": "application/json"})
    assert error_of(r, 413)["code"] == "too_large"
    r = requests.post(url("/api/v1/rooms"), data=b"{not json", verify=CA,
                      headers={"Content-Type": "application/json"})
    # The route takes no POST, so the method is what is refused; a bad body
    # never turns into a 500 either way.
    assert r.status_code in (400, 405)
    assert r.headers["Content-Type"].startswith("application/json")
