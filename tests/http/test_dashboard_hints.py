"""test_dashboard_hints.py: users.waitlist_count and users.credit_count (044's
triggers) follow the rows written, moved and deleted, in the application or in
SQL, and "My bookings" shows a waiting list or a credit exactly when there is
one: the counts are read with the session, and the page reads a list only
when its count is not zero."""
import re

from conftest import (add_booking, at, browser_user, day, form_post, make_event, make_room,
                      make_slot, make_user, sql, url)
from test_packages import define


def counts(uid):
    return [int(v) for v in sql("SELECT waitlist_count, credit_count FROM users"
                                " WHERE id = ?", uid)[0]]


def waiting_on_dashboard(s):
    return re.findall(r'<li data-waiting="(\d+)">', s.get(url("/me")).text)


def credits_on_dashboard(s):
    return len(re.findall(r'<li data-credit="', s.get(url("/me")).text))


def test_the_waiting_count_follows_the_list_and_the_dashboard_shows_it():
    room = make_room()
    slots = [make_slot(room, at(day(14), h), capacity=1) for h in (9, 11)]
    s, uid, csrf = browser_user()
    other, other_uid, _ = browser_user()
    assert counts(uid) == [0, 0] and waiting_on_dashboard(s) == []
    # joined through the page, the timeslot full
    add_booking(make_user(), slots[0])
    r = form_post(s, f"/timeslots/{slots[0]}/waitlist", csrf=csrf)
    assert r.status_code == 303, r.text
    assert counts(uid) == [1, 0] and waiting_on_dashboard(s) == [str(slots[0])]
    # and in SQL
    sql("INSERT INTO waitlist (timeslot_id, user_id) VALUES (?, ?)", slots[1], uid)
    assert counts(uid) == [2, 0]
    assert sorted(waiting_on_dashboard(s)) == sorted(map(str, slots))
    # a row moved to another user moves its count
    sql("UPDATE waitlist SET user_id = ? WHERE user_id = ? AND timeslot_id = ?",
        other_uid, uid, slots[1])
    assert (counts(uid)[0], counts(other_uid)[0]) == (1, 1)
    assert waiting_on_dashboard(other) == [str(slots[1])]
    # left through the page, and deleted in SQL
    r = form_post(s, f"/timeslots/{slots[0]}/waitlist/leave", csrf=csrf)
    assert r.status_code == 303, r.text
    sql("DELETE FROM waitlist WHERE user_id = ?", other_uid)
    assert (counts(uid)[0], counts(other_uid)[0]) == (0, 0)
    assert waiting_on_dashboard(s) == [] and waiting_on_dashboard(other) == []


def test_a_timeslot_deleted_by_hand_leaves_the_count_high_and_the_dashboard_right():
    # the foreign key's cascade fires no trigger: the count stays too high,
    # never too low, and the page reads the list to find it empty
    room = make_room()
    slot = make_slot(room, at(day(15), 9), capacity=1)
    s, uid, _ = browser_user()
    sql("INSERT INTO waitlist (timeslot_id, user_id) VALUES (?, ?)", slot, uid)
    assert waiting_on_dashboard(s) == [str(slot)]
    sql("DELETE FROM timeslots WHERE id = ?", slot)
    assert counts(uid)[0] == 1
    r = s.get(url("/me"))
    assert r.status_code == 200 and 'data-waiting="' not in r.text


def test_the_credit_count_follows_the_credits_and_the_dashboard_shows_them():
    s, uid, csrf = browser_user()
    other, other_uid, _ = browser_user()
    pid = define({make_event(): 2}, price="30.00")
    assert credits_on_dashboard(s) == 0
    r = form_post(s, f"/packages/{pid}/buy", csrf=csrf)
    assert r.status_code == 303, r.text
    assert counts(uid) == [0, 2] and credits_on_dashboard(s) == 2
    one = sql("SELECT MIN(id) FROM credits WHERE user_id = ?", uid)[0][0]
    sql("UPDATE credits SET user_id = ? WHERE id = ?", other_uid, one)
    assert (counts(uid)[1], counts(other_uid)[1]) == (1, 1)
    assert credits_on_dashboard(s) == 1 and credits_on_dashboard(other) == 1
    # an expired credit still counts, but the page shows only those left to use
    sql("UPDATE credits SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE user_id = ?",
        other_uid)
    assert counts(other_uid)[1] == 1 and credits_on_dashboard(other) == 0
    sql("DELETE FROM credits WHERE user_id IN (?, ?)", uid, other_uid)
    assert (counts(uid)[1], counts(other_uid)[1]) == (0, 0)
    assert credits_on_dashboard(s) == 0
