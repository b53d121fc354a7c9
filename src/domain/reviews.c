/* domain/reviews.c: a customer's review of a completed booking (rule 12),
 * the averages rooms and events show, and an admin hiding one */
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/lang.h"
#include "db/db.h"
#include "domain/booking.h"
#include "domain/reviews.h"

struct review_ctx {
	struct arena		*arena;
	const struct actor	*who;
	long long		 id;		/* the booking's, or the review's */
	long long		 rating;
	const char		*comment;
	long long		 review_id;
};

static int
create_txn(struct db *db, void *ctx)
{
	struct review_ctx *c = ctx;
	struct booking b;
	int rc;

	if ((rc = booking_lock(db, c->arena, c->who, c->id, &b)) != OK)
		return rc;
	if (!booking_allows(&b, BK_REVIEW, c->who, time(NULL)))
		return INVALID_STATE;
	if (db_exec(db, "INSERT INTO reviews (booking_id, user_id, room_id, event_id, rating,"
	    " comment) VALUES (?, ?, ?, NULLIF(?, 0), ?, ?)", "llllls", b.id, b.user_id,
	    b.room_id, b.event_id, c->rating, c->comment) < 0)
		return db_errno(db) == DB_DUP_KEY ? ALREADY_REVIEWED : ERR;
	c->review_id = db_insert_id(db);
	return booking_record(db, c->arena, &b, "reviewed", c->who,
	    arena_printf(c->arena, "{\"reviewId\":%lld,\"rating\":%lld}", c->review_id,
	    c->rating), arena_printf(c->arena, _("Thank you for reviewing %s."),
	    booking_describe(c->arena, &b)));
}

int
review_create(struct db *db, struct arena *a, const struct actor *who,
    long long booking_id, long long rating, const char *comment, long long *id)
{
	struct review_ctx c = { a, who, booking_id, rating, comment ? comment : "", 0 };
	int rc;

	if (rating < REVIEW_RATING_MIN || rating > REVIEW_RATING_MAX)
		return INVALID;
	rc = db_txn(db, create_txn, &c);
	*id = c.review_id;
	return rc;
}

#define REVIEW_SELECT \
	"SELECT v.id, v.booking_id, v.user_id, v.room_id, v.event_id, v.rating, v.comment," \
	" v.created_at, v.hidden_at, u.name, r.name, e.title FROM reviews v" \
	" JOIN users u ON u.id = v.user_id JOIN rooms r ON r.id = v.room_id" \
	" LEFT JOIN events e ON e.id = v.event_id"

static void
review_fill(const struct db_res *res, int i, void *out)
{
	struct review *v = out;

	v->id = db_int(res, i, 0);
	v->booking_id = db_int(res, i, 1);
	v->user_id = db_int(res, i, 2);
	v->room_id = db_int(res, i, 3);
	v->event_id = db_int(res, i, 4);
	v->rating = db_int(res, i, 5);
	v->comment = db_val(res, i, 6);
	v->created_at = db_val(res, i, 7);
	v->hidden_at = db_val(res, i, 8);
	v->user_name = db_val(res, i, 9);
	v->room_name = db_val(res, i, 10);
	v->event_title = db_val(res, i, 11);
}

int
review_of_booking(struct db *db, struct arena *a, long long booking_id,
    struct review *out)
{
	return db_row(db_query(db, a, REVIEW_SELECT " WHERE v.booking_id = ?", "l",
	    booking_id), review_fill, out);
}

static int
hide_txn(struct db *db, void *ctx)
{
	struct review_ctx *c = ctx;
	struct db_res *res;
	struct booking b;
	const char *message;
	int rc, prev;

	if (!c->who->admin)
		return NOT_FOUND;
	res = db_query(db, c->arena, "SELECT booking_id, hidden_at IS NOT NULL FROM reviews"
	    " WHERE id = ? FOR UPDATE", "l", c->id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if (db_int(res, 0, 1))
		return OK;
	if ((rc = booking_get(db, c->arena, db_int(res, 0, 0), c->who, &b)) != OK)
		return rc == NOT_FOUND ? ERR : rc;
	if (db_exec(db, "UPDATE reviews SET hidden_at = UTC_TIMESTAMP(), hidden_by = ?"
	    " WHERE id = ?", "ll", c->who->user_id, c->id) < 0)
		return ERR;
	prev = booking_owner_language(db, c->arena, b.user_id, c->who);
	message = arena_printf(c->arena, _("Your review of %s is no longer shown."),
	    booking_describe(c->arena, &b));
	lang_use(prev);
	return booking_record(db, c->arena, &b, "review_hidden", c->who,
	    arena_printf(c->arena, "{\"reviewId\":%lld}", c->id), message);
}

int
review_hide(struct db *db, struct arena *a, const struct actor *who, long long id)
{
	struct review_ctx c = { a, who, id, 0, NULL, 0 };

	return db_txn(db, hide_txn, &c);
}

/* One static query per filter, each read through its own index. */
static const char *
filter_where(const struct review_filter *f)
{
	if (f->room_id)
		return " WHERE v.room_id = ? AND v.hidden_at IS NULL";
	if (f->event_id)
		return " WHERE v.event_id = ? AND v.hidden_at IS NULL";
	return " WHERE ? = 0 AND v.hidden_at IS NULL";
}

int
review_summary(struct db *db, struct arena *a, const struct review_filter *f,
    struct review_summary *out)
{
	struct db_res *res;

	res = db_query(db, a, arena_printf(a, "SELECT COUNT(*), COALESCE(SUM(v.rating), 0)"
	    " FROM reviews v%s", filter_where(f)), "l", f->room_id ? f->room_id : f->event_id);
	if (res == NULL)
		return ERR;
	out->count = db_int(res, 0, 0);
	out->rating_sum = db_int(res, 0, 1);
	return OK;
}

int
review_list(struct db *db, struct arena *a, const struct review_filter *f,
    struct review **out, int *n)
{
	*out = db_rows(a, db_query(db, a, arena_printf(a, REVIEW_SELECT
	    "%s ORDER BY v.id DESC LIMIT ? OFFSET ?", filter_where(f)), "lll",
	    f->room_id ? f->room_id : f->event_id, f->limit, f->offset), sizeof(**out),
	    review_fill, n);
	return *out != NULL ? OK : ERR;
}

#define ROOM_SHOWN(what) \
	"(SELECT " what " FROM reviews v WHERE v.room_id = ro.id AND v.hidden_at IS NULL)"

struct recount {
	struct arena	*arena;
	long long	 room_id;
};

static int
recount_txn(struct db *db, void *ctx)
{
	struct recount *c = ctx;

	if (db_query(db, c->arena, "SELECT id FROM rooms WHERE id = ? FOR UPDATE", "l",
	    c->room_id) == NULL)
		return ERR;
	return db_exec(db, "UPDATE rooms ro SET ro.review_count = " ROOM_SHOWN("COUNT(*)")
	    ", ro.review_rating_sum = " ROOM_SHOWN("COALESCE(SUM(v.rating), 0)")
	    ", ro.updated_at = ro.updated_at WHERE ro.id = ?", "l", c->room_id) < 0 ? ERR : OK;
}

int
review_counts_check(struct db *db, struct arena *a, int fix,
    struct review_drift **out, int *n, long long *checked)
{
	struct recount c = { a, 0 };
	struct db_res *res;
	int i;

	res = db_query(db, a, "SELECT COUNT(*) FROM rooms", "");
	if (res == NULL)
		return ERR;
	*checked = db_int(res, 0, 0);
	res = db_query(db, a, "SELECT id, review_count, review_rating_sum, n, s FROM"
	    " (SELECT ro.id, ro.review_count, ro.review_rating_sum, "
	    ROOM_SHOWN("COUNT(*)") " AS n, " ROOM_SHOWN("COALESCE(SUM(v.rating), 0)")
	    " AS s FROM rooms ro) x WHERE n <> review_count OR s <> review_rating_sum"
	    " ORDER BY id", "");
	if (res == NULL)
		return ERR;
	*out = arena_calloc(a, (size_t)res->nrows, sizeof(**out));
	*n = res->nrows;
	for (i = 0; i < res->nrows; i++) {
		(*out)[i].room_id = c.room_id = db_int(res, i, 0);
		(*out)[i].kept.count = db_int(res, i, 1);
		(*out)[i].kept.rating_sum = db_int(res, i, 2);
		(*out)[i].counted.count = db_int(res, i, 3);
		(*out)[i].counted.rating_sum = db_int(res, i, 4);
		if (fix && db_txn(db, recount_txn, &c) != OK)
			return ERR;
	}
	return OK;
}
