/* domain/notify.c: a user's notifications: what happened to their bookings */
#include "core/arena.h"
#include "core/result.h"
#include "db/db.h"
#include "domain/notify.h"

int
notify_add(struct db *db, long long user_id, const char *message, const char *link)
{
	if (db_exec(db, "INSERT INTO notifications (user_id, message, link)"
	    " VALUES (?, ?, ?)", "lss", user_id, message, link) < 0)
		return ERR;
	return OK;
}

static void
notification_fill(const struct db_res *res, int i, void *out)
{
	struct notification *m = out;

	m->message = db_val(res, i, 0);
	m->link = db_val(res, i, 1);
	m->unread = db_int(res, i, 2) != 0;
	m->created_at = db_val(res, i, 3);
	m->id = db_int(res, i, 4);
}

int
notify_page(struct db *db, struct arena *a, long long user_id, long long limit,
    long long offset, struct notification **out, int *n, long long *total)
{
	struct db_res *res;

	*out = db_rows(a, db_query(db, a, "SELECT message, link, read_at IS NULL,"
	    " created_at, id FROM notifications WHERE user_id = ? ORDER BY id DESC"
	    " LIMIT ? OFFSET ?", "lll", user_id, limit, offset), sizeof(**out),
	    notification_fill, n);
	if (*out == NULL)
		return ERR;
	if (total == NULL)
		return OK;
	res = db_query(db, a, "SELECT COUNT(*) FROM notifications WHERE user_id = ?",
	    "l", user_id);
	if (res == NULL)
		return ERR;
	*total = db_int(res, 0, 0);
	return OK;
}

int
notify_list(struct db *db, struct arena *a, long long user_id, int limit,
    struct notification **out, int *n)
{
	return notify_page(db, a, user_id, limit, 0, out, n, NULL);
}

int
notify_read_all(struct db *db, long long user_id)
{
	if (db_exec(db, "UPDATE notifications SET read_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND read_at IS NULL", "l", user_id) < 0)
		return ERR;
	return OK;
}
