"""test_unread_count.py: the header's unread count (users.unread, kept by
040's triggers) follows notifications written, read and deleted, in the
application or in SQL."""
import re

from conftest import browser_user, form_post, sql, url


def header_unread(s):
    m = re.search(r'<span class="badge">(\d+)<', s.get(url("/me")).text)
    return int(m.group(1)) if m else 0


def test_the_unread_count_follows_new_read_and_deleted_notifications():
    s, uid, csrf = browser_user()
    assert header_unread(s) == 0
    for text in ("First", "Second", "Third"):
        sql("INSERT INTO notifications (user_id, message) VALUES (?, ?)", uid, text)
    sql("INSERT INTO notifications (user_id, message, read_at)"
        " VALUES (?, 'Read already', UTC_TIMESTAMP())", uid)
    assert header_unread(s) == 3
    sql("UPDATE notifications SET read_at = UTC_TIMESTAMP()"
        " WHERE user_id = ? AND message = 'First'", uid)
    assert header_unread(s) == 2
    sql("UPDATE notifications SET message = 'Second, again' WHERE user_id = ?"
        " AND message = 'Second'", uid)
    assert header_unread(s) == 2
    sql("DELETE FROM notifications WHERE user_id = ? AND message = 'Third'", uid)
    sql("DELETE FROM notifications WHERE user_id = ? AND message = 'Read already'", uid)
    assert header_unread(s) == 1
    sql("UPDATE notifications SET read_at = NULL WHERE user_id = ? AND message = 'First'", uid)
    assert header_unread(s) == 2
    form_post(s, "/notifications/read", csrf=csrf)
    assert header_unread(s) == 0
    assert sql("SELECT unread FROM users WHERE id = ?", uid) == [["0"]]


def test_a_notification_moved_to_another_user_moves_its_count():
    s, uid, _ = browser_user()
    other, other_uid, _ = browser_user()
    sql("INSERT INTO notifications (user_id, message) VALUES (?, 'Misplaced')", uid)
    assert (header_unread(s), header_unread(other)) == (1, 0)
    sql("UPDATE notifications SET user_id = ? WHERE user_id = ?", other_uid, uid)
    assert (header_unread(s), header_unread(other)) == (0, 1)
