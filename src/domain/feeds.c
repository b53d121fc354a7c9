/* domain/feeds.c: private iCalendar feed URLs: a user's bookings, or for an
 * admin a room's sessions */
#include <string.h>

#include "core/arena.h"
#include "db/db.h"
#include "domain/auth.h"
#include "domain/booking.h"
#include "domain/feeds.h"

struct feed_write {
	struct arena	*arena;
	long long	 user_id;
	long long	 room_id;
	char		**token;
};

static int
feed_create_txn(struct db *db, void *ctx)
{
	struct feed_write *w = ctx;
	char *token = auth_random_hex(w->arena, 32);

	/* Two made at once take turns, so that one stops the other's and
	 * one stays in force. */
	if (user_hold(db, w->user_id) != OK ||
	    feed_revoke(db, w->user_id, w->room_id) == ERR)
		return ERR;
	if (db_exec(db, "INSERT INTO calendar_feeds (user_id, room_id, token_hash)"
	    " VALUES (?, NULLIF(?, 0), UNHEX(?))", "lls", w->user_id, w->room_id,
	    auth_sha256_hex(w->arena, token)) < 0)
		return ERR;
	*w->token = token;
	return OK;
}

int
feed_create(struct db *db, struct arena *a, long long user_id, long long room_id,
    char **token)
{
	struct feed_write w = { a, user_id, room_id, token };

	return db_txn(db, feed_create_txn, &w);
}

int
feed_revoke(struct db *db, long long user_id, long long room_id)
{
	long long rows;

	rows = db_exec(db, "UPDATE calendar_feeds SET revoked_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND room_id <=> NULLIF(?, 0) AND revoked_at IS NULL",
	    "ll", user_id, room_id);
	if (rows < 0)
		return ERR;
	return rows == 0 ? NOT_FOUND : OK;
}

int
feed_made(struct db *db, struct arena *a, long long user_id, long long room_id,
    const char **created_at)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT created_at FROM calendar_feeds WHERE user_id = ?"
	    " AND room_id <=> NULLIF(?, 0) AND revoked_at IS NULL", "ll", user_id, room_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	*created_at = db_val(res, 0, 0);
	return OK;
}

int
feed_open(struct db *db, struct arena *a, const char *token, struct feed *out)
{
	struct db_res *res;

	if (!auth_token_shape(token))
		return NOT_FOUND;
	res = db_query(db, a, "SELECT f.id, f.user_id, f.room_id, COALESCE(r.name, u.name),"
	    " u.language FROM calendar_feeds f JOIN users u ON u.id = f.user_id"
	    " LEFT JOIN rooms r ON r.id = f.room_id"
	    " WHERE f.token_hash = UNHEX(?) AND f.revoked_at IS NULL"
	    "   AND (f.room_id IS NULL OR u.role = 'admin')", "s",
	    auth_sha256_hex(a, token));
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	out->id = db_int(res, 0, 0);
	out->user_id = db_int(res, 0, 1);
	out->room_id = db_int(res, 0, 2);
	out->name = db_val(res, 0, 3);
	out->language = db_val(res, 0, 4);
	return OK;
}

/* The moves a calendar follows, counted as the booking mails count them
 * (mail.c), so a feed and the last mail agree on SEQUENCE. */
#define BOOKING_SEQUENCE \
	"(SELECT COUNT(*) FROM booking_events be WHERE be.booking_id = b.id" \
	"   AND be.type IN ('rescheduled','cancelled','reactivated'))"

/* A user's bookings as feed entries: a hold that ran out reads as
 * cancelled. */
#define FEED_BOOKINGS \
	"SELECT b.id, " BOOKING_SEQUENCE ", IF(b.status =" \
	"   'pending' AND NOT " BOOKING_HOLDS_SEAT ", 'cancelled', b.status)," \
	"  b.start_time, b.end_time, b.updated_at, r.name, e.title, u.name," \
	"  u.email, 0, 0" \
	" FROM bookings b JOIN users u ON u.id = b.user_id" \
	" JOIN rooms r ON r.id = b.room_id JOIN timeslots t ON t.id = b.timeslot_id" \
	" LEFT JOIN events e ON e.id = t.event_id"

static void
item_fill(const struct db_res *res, int i, struct feed_item *it)
{
	it->id = db_int(res, i, 0);
	it->sequence = db_int(res, i, 1);
	it->status = db_val(res, i, 2);
	it->start = db_val(res, i, 3);
	it->end = db_val(res, i, 4);
	it->updated_at = db_val(res, i, 5);
	it->room = db_val(res, i, 6);
	it->event = db_val(res, i, 7);
	it->user_name = db_val(res, i, 8);
	it->user_email = db_val(res, i, 9);
	it->booked = db_int(res, i, 10);
	it->capacity = db_int(res, i, 11);
}

int
feed_items(struct db *db, struct arena *a, const struct feed *f,
    struct feed_item **out, int *n)
{
	struct db_res *res;
	int i;

	if (f->room_id == 0)
		res = db_query(db, a, FEED_BOOKINGS
		    " WHERE b.user_id = ? AND b.start_time >= UTC_TIMESTAMP() - INTERVAL ? DAY"
		    " ORDER BY b.start_time, b.id LIMIT ?", "lii", f->user_id,
		    FEED_PAST_DAYS, FEED_ITEMS_MAX);
	else
		res = db_query(db, a, "SELECT t.id, 0, t.status, t.start_time, t.end_time,"
		    "  t.updated_at, r.name, e.title, NULL, NULL,"
		    "  (SELECT COUNT(*) FROM bookings b WHERE b.timeslot_id = t.id AND "
		    BOOKING_HOLDS_SEAT "), t.max_bookings"
		    " FROM timeslots t JOIN rooms r ON r.id = t.room_id"
		    " LEFT JOIN events e ON e.id = t.event_id"
		    " WHERE t.room_id = ? AND t.status <> 'draft'"
		    "   AND t.start_time >= UTC_TIMESTAMP() - INTERVAL ? DAY"
		    " ORDER BY t.start_time, t.id LIMIT ?", "lii", f->room_id,
		    FEED_PAST_DAYS, FEED_ITEMS_MAX);
	if (res == NULL)
		return ERR;
	*out = arena_calloc(a, (size_t)res->nrows + 1, sizeof(**out));
	*n = res->nrows;
	for (i = 0; i < res->nrows; i++)
		item_fill(res, i, &(*out)[i]);
	return OK;
}

int
feed_booking(struct db *db, struct arena *a, long long booking_id, long long user_id,
    struct feed_item *out)
{
	struct db_res *res;

	res = db_query(db, a, FEED_BOOKINGS " WHERE b.id = ? AND b.user_id = ?", "ll",
	    booking_id, user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	item_fill(res, 0, out);
	return OK;
}
