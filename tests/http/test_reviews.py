"""test_reviews.py: reviews of completed bookings (rule 12) and the owner's
check-in and check-out (issue 11), through the booking state machine."""
import datetime as dt
import os
import re
import subprocess
import uuid

import requests

from conftest import (CA, add_booking, api_user, browser_user, form_post, make_event,
                      make_room, make_slot, sql, url, utc_now)


def api(method, path, headers, body=None):
    return requests.request(method, url("/api/v1" + path), headers=headers, json=body,
                            verify=CA)


def done_booking(uid, room=None, event=None, status="completed", hours_ago=30):
    room = room or make_room()
    slot = make_slot(room, utc_now() - dt.timedelta(hours=hours_ago), event_id=event)
    return add_booking(uid, slot, status=status, payment_status="paid"), room


def test_the_owner_of_a_completed_booking_reviews_it_once():
    uid, _, h = api_user(name="Rita Reviewer")
    event = make_event()
    bid, room = done_booking(uid, event=event)
    r = api("POST", f"/bookings/{bid}/review", h, {"rating": 4, "comment": "Quiet and bright"})
    assert r.status_code == 201, r.text
    v = r.json()
    assert (v["bookingId"], v["rating"], v["comment"], v["roomId"], v["eventId"]) == \
        (bid, 4, "Quiet and bright", room, event)
    assert v["userName"] == "Rita Reviewer" and v["hidden"] is False
    r = api("POST", f"/bookings/{bid}/review", h, {"rating": 5})
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_reviewed"
    assert sql("SELECT COUNT(*) FROM reviews WHERE booking_id = ?", bid) == [["1"]]
    assert sql("SELECT type, actor_id FROM booking_events WHERE booking_id = ?", bid) == \
        [["reviewed", str(uid)]]


def test_review_rules_refuse_what_rule_12_does_not_allow():
    uid, _, h = api_user()
    _, _, other = api_user()
    confirmed, _ = done_booking(uid, status="confirmed")
    r = api("POST", f"/bookings/{confirmed}/review", h, {"rating": 3})
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_state", "not completed"
    bid, _ = done_booking(uid)
    r = api("POST", f"/bookings/{bid}/review", other, {"rating": 3})
    assert r.status_code == 404, "not the owner"
    for rating in (0, 6):
        r = api("POST", f"/bookings/{bid}/review", h, {"rating": rating})
        assert r.status_code == 400 and "rating" in r.json()["error"]["message"], rating
    r = api("POST", f"/bookings/{bid}/review", h, {})
    assert r.status_code == 400
    assert sql("SELECT COUNT(*) FROM reviews WHERE booking_id IN (?, ?)", bid, confirmed) == [["0"]]
    admin_uid, _, admin = api_user(role="admin")
    r = api("POST", f"/bookings/{bid}/review", admin, {"rating": 5})
    assert r.status_code == 409, "an admin does not review someone else's booking"


def test_rooms_and_events_show_the_average_the_count_and_the_latest_reviews():
    room, event = make_room(), make_event()
    ratings = [5, 4, 4, 3, 5, 2, 4]
    for i, rating in enumerate(ratings):
        uid, _, h = api_user(name=f"Guest {i}")
        bid, _ = done_booking(uid, room=room, event=event, hours_ago=30 + i)
        assert api("POST", f"/bookings/{bid}/review", h,
                   {"rating": rating, "comment": f"comment {i}"}).status_code == 201
    r = requests.get(url(f"/api/v1/reviews?roomId={room}&limit=3"), verify=CA).json()
    assert (r["total"], round(r["averageRating"], 2)) == (7, round(sum(ratings) / 7, 2))
    assert [v["comment"] for v in r["items"]] == ["comment 6", "comment 5", "comment 4"]
    r = requests.get(url(f"/api/v1/reviews?eventId={event}&page=3&limit=3"), verify=CA).json()
    assert [v["comment"] for v in r["items"]] == ["comment 0"]
    assert requests.get(url(f"/api/v1/reviews?roomId={room}&eventId={event}"),
                        verify=CA).status_code == 400
    for path in (f"/rooms/{room}", f"/events/{event}"):
        page = requests.get(url(path), verify=CA).text
        assert 'id="review-average">3.9<' in page and 'id="review-count">7<' in page, path
        assert len(re.findall(r'<li data-review="', page)) == 5
        assert "comment 6" in page and "comment 1" not in page
        assert "reviews_page=2#reviews" in page
        assert "/hide" not in page, "visitors get no Hide button"
        older = requests.get(url(path + ("&" if "?" in path else "?") + "reviews_page=2"),
                             verify=CA).text
        assert "comment 1" in older and "comment 0" in older and "Newer reviews" in older
    empty = requests.get(url(f"/rooms/{make_room()}"), verify=CA).text
    assert "No reviews yet." in empty


def test_the_room_page_count_and_average_follow_added_hidden_and_deleted_reviews():
    room = make_room()
    _, _, admin = api_user(role="admin")

    def shown():
        page = requests.get(url(f"/rooms/{room}"), headers={"Cache-Control": "no-cache"},
                            verify=CA).text
        if "No reviews yet." in page:
            return None
        return (re.search(r'id="review-average">([^<]*)<', page).group(1),
                re.search(r'id="review-count">([^<]*)<', page).group(1))

    reviews = []
    for i, rating in enumerate((5, 2, 4)):
        uid, _, h = api_user()
        bid, _ = done_booking(uid, room=room, hours_ago=30 + i)
        reviews.append(api("POST", f"/bookings/{bid}/review", h,
                           {"rating": rating}).json()["id"])
    assert shown() == ("3.7", "3")
    assert api("POST", f"/admin/reviews/{reviews[0]}/hide", admin).status_code == 200
    assert shown() == ("3.0", "2")
    sql("UPDATE reviews SET hidden_at = NULL, hidden_by = NULL WHERE id = ?", reviews[0])
    assert shown() == ("3.7", "3"), "shown again"
    sql("DELETE FROM reviews WHERE id = ?", reviews[1])
    assert shown() == ("4.5", "2")
    sql("DELETE FROM reviews WHERE id IN (?, ?)", reviews[0], reviews[2])
    assert shown() is None


def test_bookingctl_check_recounts_a_room_whose_reviews_went_with_their_booking():
    uid, _, h = api_user()
    bid, room = done_booking(uid)
    assert api("POST", f"/bookings/{bid}/review", h, {"rating": 4}).status_code == 201
    sql("DELETE FROM bookings WHERE id = ?", bid)   # the cascade fires no trigger
    ctl = [os.environ["BOOKING_CTL"], "check"]
    r = subprocess.run(ctl, env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"room {room}: 1 reviews rated 4 in all; counted: 0 rated 0\n" in r.stdout
    r = subprocess.run(ctl + ["--fix"], env=dict(os.environ), capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0 and f"room {room}: " in r.stdout and ", fixed" in r.stdout
    assert sql("SELECT review_count, review_rating_sum FROM rooms WHERE id = ?", room) == \
        [["0", "0"]]


def test_an_admin_hides_a_review_which_is_kept_and_audited():
    uid, _, h = api_user()
    bid, room = done_booking(uid)
    review = api("POST", f"/bookings/{bid}/review", h, {"rating": 1, "comment": "spam"}).json()["id"]
    s, admin, csrf = browser_user(role="admin")
    page = s.get(url(f"/rooms/{room}")).text
    assert f'action="/admin/reviews/{review}/hide"' in page
    r = form_post(s, f"/admin/reviews/{review}/hide", csrf=csrf, back=f"/rooms/{room}")
    assert (r.status_code, r.headers["Location"]) == (303, f"/rooms/{room}?hidden=1")
    page = requests.get(url(f"/rooms/{room}"), verify=CA).text
    assert "spam" not in page and "No reviews yet." in page
    assert requests.get(url(f"/api/v1/reviews?roomId={room}"), verify=CA).json()["total"] == 0
    assert sql("SELECT hidden_by FROM reviews WHERE id = ?", review) == [[str(admin)]]
    assert sql("SELECT type, actor_id FROM booking_events WHERE booking_id = ? ORDER BY id",
               bid) == [["reviewed", str(uid)], ["review_hidden", str(admin)]]
    assert form_post(s, f"/admin/reviews/{review}/hide", csrf=csrf).status_code == 303, \
        "hiding it again changes nothing"
    assert len(sql("SELECT id FROM booking_events WHERE booking_id = ?", bid)) == 2
    assert form_post(s, "/admin/reviews/4000000000/hide", csrf=csrf).status_code == 404
    _, _, admin_h = api_user(role="admin")
    assert api("POST", "/admin/reviews/4000000000/hide", admin_h).status_code == 404
    assert api("POST", f"/admin/reviews/{review}/hide", admin_h).status_code == 200
    assert api("POST", f"/admin/reviews/{review}/hide", h).status_code == 403
    audit = s.get(url("/admin/audit?type=review_hidden")).text
    assert "Review hidden" in audit


def test_the_booking_page_offers_the_review_form_and_then_shows_the_review():
    s, uid, csrf = browser_user()
    bid, _ = done_booking(uid)
    page = s.get(url(f"/bookings/{bid}")).text
    assert f'action="/bookings/{bid}/review"' in page
    r = form_post(s, f"/bookings/{bid}/review", csrf=csrf, rating="6")
    assert r.status_code == 400
    r = form_post(s, f"/bookings/{bid}/review", csrf=csrf, rating="5", comment="Lovely <b>room</b>")
    assert r.headers["Location"] == f"/bookings/{bid}?done=reviewed"
    page = s.get(url(r.headers["Location"])).text
    assert 'id="review-rating">5<' in page and "Lovely &lt;b&gt;room&lt;/b&gt;" in page
    assert f'action="/bookings/{bid}/review"' not in page
    r = form_post(s, f"/bookings/{bid}/review", csrf=csrf, rating="4")
    assert r.status_code == 409 and "This booking has a review already." in r.text
    pending, _ = done_booking(uid, status="confirmed")
    assert f'action="/bookings/{pending}/review"' not in s.get(url(f"/bookings/{pending}")).text


# Check-in and check-out by the owner: from 15 minutes before the start until the end.

def booking_starting_in(uid, minutes, length=60):
    slot = make_slot(make_room(), utc_now() + dt.timedelta(minutes=minutes), minutes=length)
    return add_booking(uid, slot, status="confirmed", payment_status="paid")


def test_the_owner_checks_in_from_15_minutes_before_the_start_and_then_out():
    uid, _, h = api_user()
    _, _, other = api_user()
    bid = booking_starting_in(uid, 10)
    assert api("POST", f"/bookings/{bid}/check-out", h).status_code == 409, "not checked in yet"
    assert api("POST", f"/bookings/{bid}/check-in", other).status_code == 404
    r = api("POST", f"/bookings/{bid}/check-in", h)
    assert r.status_code == 200 and r.json()["checkedInAt"] is not None, r.text
    r = api("POST", f"/bookings/{bid}/check-in", h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_state"
    r = api("POST", f"/bookings/{bid}/check-out", h)
    assert r.status_code == 200 and r.json()["checkedOutAt"] is not None
    assert api("POST", f"/bookings/{bid}/check-out", h).status_code == 409
    assert sql("SELECT type, actor_id FROM booking_events WHERE booking_id = ? ORDER BY id",
               bid) == [["checked_in", str(uid)], ["checked_out", str(uid)]]


def test_check_in_is_closed_too_early_and_after_the_end():
    uid, _, h = api_user()
    early = booking_starting_in(uid, 20)
    over = booking_starting_in(uid, -90, length=60)
    running = booking_starting_in(uid, -30, length=60)
    for bid in (early, over):
        r = api("POST", f"/bookings/{bid}/check-in", h)
        assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_state", bid
    assert api("POST", f"/bookings/{running}/check-in", h).status_code == 200, "during it"
    pending = add_booking(uid, make_slot(make_room(), utc_now() + dt.timedelta(minutes=5)),
                          status="pending")
    assert api("POST", f"/bookings/{pending}/check-in", h).status_code == 409, "not confirmed"


def test_the_booking_page_checks_in_and_out():
    s, uid, csrf = browser_user()
    bid = booking_starting_in(uid, 5)
    page = s.get(url(f"/bookings/{bid}")).text
    assert f'action="/bookings/{bid}/check-in"' in page
    assert f'action="/bookings/{bid}/check-out"' not in page
    r = form_post(s, f"/bookings/{bid}/check-in", csrf=csrf)
    assert r.headers["Location"] == f"/bookings/{bid}?done=checked-in"
    page = s.get(url(r.headers["Location"])).text
    assert "You are checked in." in page and 'id="checked-in"' in page
    assert f'action="/bookings/{bid}/check-out"' in page
    r = form_post(s, f"/bookings/{bid}/check-in", csrf=csrf)
    assert r.status_code == 409
    r = form_post(s, f"/bookings/{bid}/check-out", csrf=csrf)
    assert r.headers["Location"] == f"/bookings/{bid}?done=checked-out"
    assert 'id="checked-out"' in s.get(url(f"/bookings/{bid}")).text
    later = booking_starting_in(uid, 60 * 24)
    assert f'action="/bookings/{later}/check-in"' not in s.get(url(f"/bookings/{later}")).text


def test_hiding_a_review_tells_its_owner_in_the_owners_language():
    uid, _, h = api_user()
    sql("UPDATE users SET language = 'de' WHERE id = ?", uid)
    bid, room = done_booking(uid, room=make_room(name="Raum Stille"))
    review = api("POST", f"/bookings/{bid}/review", h, {"rating": 2}).json()["id"]
    _, _, admin_h = api_user(role="admin")
    r = requests.post(url(f"/api/v1/admin/reviews/{review}/hide"), verify=CA,
                      headers={**admin_h, "Accept-Language": "en"})
    assert r.status_code == 200, r.text
    notes = [m for (m,) in sql("SELECT message FROM notifications WHERE user_id = ?"
                               " ORDER BY id", uid)]
    assert notes[-1].startswith("Ihre Bewertung von Raum Stille, "), notes
    assert notes[-1].endswith(" wird nicht mehr angezeigt."), notes
