/* domain/booking.c: the booking rules (capacity, holds, cancel and refunds,
 * reactivate, reschedule), one implementation for the pages and the API */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "db/db.h"
#include "domain/auth.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/mail.h"
#include "domain/notify.h"
#include "domain/orders.h"
#include "domain/packages.h"
#include "domain/prices.h"
#include "domain/quota.h"

/*
 * Locking order, so that concurrent actions wait for each other instead of
 * deadlocking: a booking row first, then timeslot rows in ascending id.
 * Seats are counted by the timeslot's own counter (timeslots.booked), read
 * and changed only while its row is locked, so two requests can never both
 * take the last seat; its CHECK (booked <= max_bookings) and the unique key
 * over active bookings (bookings_one_active) are the lines of defence
 * behind that for rules 1 and 2.
 */

const char *const booking_statuses[BOOKING_STATUSES + 1] = {
	[BOOKING_PENDING] = "pending",
	[BOOKING_CONFIRMED] = "confirmed",
	[BOOKING_CANCELLED] = "cancelled",
	[BOOKING_COMPLETED] = "completed",
	[BOOKING_NO_SHOW] = "no_show",
	[BOOKING_STATUSES] = NULL,
};

enum bk_status
booking_status_parse(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < BOOKING_STATUSES; i++)
		if (strcmp(name, booking_statuses[i]) == 0)
			return (enum bk_status)i;
	return BOOKING_STATUSES;
}

/* What an action needs besides its starting status. */
#define NEEDS_ADMIN		0x01	/* an admin acts */
#define NEEDS_FUTURE		0x02	/* the booking has not started */
#define NEEDS_CHECKED_IN	0x04
#define NEEDS_NOT_CHECKED_IN	0x08
#define NEEDS_NOT_CHECKED_OUT	0x10
#define NEEDS_STARTED		0x20	/* the booking's time has begun */
#define NEEDS_OWNER		0x40	/* the booking's owner acts */
#define NEEDS_CHECK_IN_WINDOW	0x80	/* an admin or the owner, each in their window */
#define NEEDS_AWAITING		0x100	/* waiting for an admin's approval */
#define NEEDS_NOT_AWAITING	0x200

#define FROM(status)	(1u << (status))

/* The booking state machine (rules 5, 6 and 9): the statuses each action
 * starts from and what else it needs. Where each one leads is in its
 * transaction below. */
static const struct {
	unsigned	 from;
	unsigned	 needs;
} machine[BK_ACTIONS] = {
	[BK_CANCEL]	= { FROM(BOOKING_PENDING) | FROM(BOOKING_CONFIRMED), 0 },
	[BK_REACTIVATE]	= { FROM(BOOKING_CANCELLED), 0 },
	[BK_RESCHEDULE]	= { FROM(BOOKING_CONFIRMED), NEEDS_FUTURE },
	[BK_CONFIRM]	= { FROM(BOOKING_PENDING), NEEDS_ADMIN | NEEDS_NOT_AWAITING },
	[BK_COMPLETE]	= { FROM(BOOKING_CONFIRMED), NEEDS_ADMIN | NEEDS_STARTED },
	[BK_NO_SHOW]	= { FROM(BOOKING_CONFIRMED), NEEDS_ADMIN | NEEDS_STARTED },
	[BK_CHECK_IN]	= { FROM(BOOKING_CONFIRMED),
			    NEEDS_CHECK_IN_WINDOW | NEEDS_NOT_CHECKED_IN },
	[BK_CHECK_OUT]	= { FROM(BOOKING_CONFIRMED), NEEDS_CHECKED_IN | NEEDS_NOT_CHECKED_OUT },
	[BK_REVIEW]	= { FROM(BOOKING_COMPLETED), NEEDS_OWNER },
	[BK_APPROVE]	= { FROM(BOOKING_PENDING), NEEDS_ADMIN | NEEDS_AWAITING },
	[BK_DECLINE]	= { FROM(BOOKING_PENDING), NEEDS_ADMIN | NEEDS_AWAITING },
};

/* An admin checks a guest in from BOOKING_CHECK_IN_MINUTES before the
 * start; the owner checks in from BOOKING_OWNER_CHECK_IN_MINUTES before
 * the start until the end. */
static int
in_check_in_window(const struct booking *b, const struct actor *who, time_t now)
{
	time_t start, end;

	if (dbtime_parse(b->start, &start) != 0)
		return 0;
	if (who->admin)
		return now >= start - BOOKING_CHECK_IN_MINUTES * 60;
	if (who->user_id != b->user_id || dbtime_parse(b->end, &end) != 0)
		return 0;
	return now >= start - BOOKING_OWNER_CHECK_IN_MINUTES * 60 && now < end;
}

int
booking_allows(const struct booking *b, enum bk_action action,
    const struct actor *who, time_t now)
{
	unsigned needs;
	time_t start = 0;

	if ((unsigned)action >= BK_ACTIONS || b->state >= BOOKING_STATUSES ||
	    !(machine[action].from & FROM(b->state)))
		return 0;
	needs = machine[action].needs;
	if ((needs & NEEDS_ADMIN) && !who->admin)
		return 0;
	if ((needs & NEEDS_OWNER) && who->user_id != b->user_id)
		return 0;
	if ((needs & NEEDS_CHECK_IN_WINDOW) && !in_check_in_window(b, who, now))
		return 0;
	if ((needs & NEEDS_AWAITING) && !b->awaiting)
		return 0;
	if ((needs & NEEDS_NOT_AWAITING) && b->awaiting)
		return 0;
	if ((needs & (NEEDS_FUTURE | NEEDS_STARTED)) && dbtime_parse(b->start, &start) != 0)
		return 0;
	if ((needs & NEEDS_FUTURE) && start <= now)
		return 0;
	if ((needs & NEEDS_STARTED) && start > now)
		return 0;
	if ((needs & NEEDS_CHECKED_IN) && b->checked_in_at == NULL)
		return 0;
	if ((needs & NEEDS_NOT_CHECKED_IN) && b->checked_in_at != NULL)
		return 0;
	if ((needs & NEEDS_NOT_CHECKED_OUT) && b->checked_out_at != NULL)
		return 0;
	return 1;
}

/* Fills a booking from the BOOKING_SELECT columns of one row. */
void
booking_from_values(char *const *v, struct booking *b)
{
	b->id = v[0] ? strtoll(v[0], NULL, 10) : 0;
	b->user_id = v[1] ? strtoll(v[1], NULL, 10) : 0;
	b->timeslot_id = v[2] ? strtoll(v[2], NULL, 10) : 0;
	b->room_id = v[3] ? strtoll(v[3], NULL, 10) : 0;
	b->event_id = v[4] ? strtoll(v[4], NULL, 10) : 0;
	b->status = v[5];
	b->state = booking_status_parse(v[5]);
	b->payment_status = v[6];
	b->payment_id = v[7];
	b->notes = v[8];
	b->booking_type = v[9];
	b->price = money_cents(v[10]);
	b->refund_amount = money_cents(v[11]);
	b->created_at = v[12];
	b->updated_at = v[13];
	b->cancelled_at = v[14];
	b->checked_in_at = v[15];
	b->checked_out_at = v[16];
	b->hold_expires_at = v[17];
	b->user_name = v[18];
	b->user_email = v[19];
	b->start = v[20];
	b->end = v[21];
	b->room_name = v[22];
	b->event_title = v[23];
	b->paid_amount = money_cents(v[24]);
	b->hold_lapsed = v[25] != NULL && strcmp(v[25], "1") == 0;
	b->order_id = v[26] ? strtoll(v[26], NULL, 10) : 0;
	b->awaiting = v[27] != NULL && strcmp(v[27], "1") == 0;
	b->base_price = money_cents(v[28]);
	b->discount_amount = money_cents(v[29]);
	b->tax_amount = money_cents(v[30]);
	b->ticket_code = v[31];
}

static void
booking_fill(const struct db_res *res, int i, void *out)
{
	booking_from_values(res->cells + (size_t)i * (size_t)res->ncols, out);
}

int
booking_rows(struct arena *a, const struct db_res *res, struct booking **out, int *n)
{
	*out = db_rows(a, res, sizeof(**out), booking_fill, n);
	return *out != NULL ? OK : ERR;
}

static void
booking_event_fill(const struct db_res *res, int i, void *out)
{
	struct booking_event *e = out;

	e->booking_id = db_int(res, i, 0);
	e->type = db_val(res, i, 1);
	e->old_status = db_val(res, i, 2);
	e->new_status = db_val(res, i, 3);
	e->data = db_val(res, i, 4);
	e->created_at = db_val(res, i, 5);
	e->actor_name = db_val(res, i, 6);
	e->actor_email = db_val(res, i, 7);
	e->user_name = db_val(res, i, 8);
	e->user_email = db_val(res, i, 9);
}

int
booking_events_from(struct arena *a, const struct db_res *res,
    struct booking_event **out, int *n)
{
	*out = db_rows(a, res, sizeof(**out), booking_event_fill, n);
	return *out != NULL ? OK : ERR;
}

int
booking_get(struct db *db, struct arena *a, long long id, const struct actor *who,
    struct booking *out)
{
	/* The owner filter is in the query, not only in the router. */
	return db_row(db_query(db, a, BOOKING_SELECT
	    " WHERE b.id = ? AND (b.user_id = ? OR ?)",
	    "lli", id, who->user_id, who->admin), booking_fill, out);
}

int
booking_cursor_parse(const char *text, struct list_cursor *c)
{
	const char *p, *num;
	char digits[12];
	long long id, page;
	size_t n;
	time_t t;
	int i;

	memset(c, 0, sizeof(*c));
	if (text == NULL || (text[0] != 'a' && text[0] != 'b') || strlen(text) > 40)
		return -1;
	for (i = 1; i <= 14; i++)
		if (text[i] < '0' || text[i] > '9')
			return -1;
	/* one way to write each position: no leading zero */
	if (text[15] != '-' || text[16] == '0' || (num = strchr(text + 16, 'p')) == NULL ||
	    num[1] == '0' || (n = (size_t)(num - (text + 16))) == 0 || n >= sizeof(digits))
		return -1;
	memcpy(digits, text + 16, n);
	digits[n] = '\0';
	if (int_parse(digits, 1, 9999999999LL, &id) != 0 ||
	    int_parse(num + 1, 1, PAGE_MAX, &page) != 0)
		return -1;
	p = text + 1;
	snprintf(c->key, sizeof(c->key), "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", p, p + 4, p + 6,
	    p + 8, p + 10, p + 12);
	if (dbtime_parse(c->key, &t) != 0)
		return -1;
	c->dir = text[0] == 'a' ? 1 : -1;
	c->id = id;
	c->page = page;
	return 0;
}

const char *
booking_cursor_text(struct arena *a, int dir, const char *key, long long id,
    long long page)
{
	char digits[15];
	int i, n = 0;

	for (i = 0; key != NULL && key[i] != '\0' && n < 14; i++)
		if (key[i] >= '0' && key[i] <= '9')
			digits[n++] = key[i];
	digits[n] = '\0';
	return arena_printf(a, "%c%s-%lldp%lld", dir > 0 ? 'a' : 'b', digits, id, page);
}

void
booking_keyset(struct buf *q, struct db_args *g, const char *key, int desc,
    const struct list_cursor *c, long long limit)
{
	/* Going back reads the rows on the other side, the other way. */
	int down = c->dir < 0 ? !desc : desc;
	const char *op = down ? "<" : ">", *order = down ? "DESC" : "ASC";

	if (c->dir != 0) {
		buf_printf(q, " AND (%s %s ? OR (%s = ? AND b.id %s ?))", key, op, key, op);
		db_args_str(g, c->key);
		db_args_str(g, c->key);
		db_args_int(g, c->id);
	}
	buf_printf(q, " ORDER BY %s %s, b.id %s LIMIT ?", key, order, order);
	db_args_int(g, limit + 1);
}

void
booking_page_of(struct arena *a, struct booking *rows, int *n, long long limit,
    const struct list_cursor *c, int by_created, struct list_page *page)
{
	struct booking tmp;
	int i, beyond = *n > limit;

	if (beyond)
		*n = (int)limit;
	if (c->dir < 0)
		for (i = 0; i < *n / 2; i++) {
			tmp = rows[i];
			rows[i] = rows[*n - 1 - i];
			rows[*n - 1 - i] = tmp;
		}
	page->number = c->dir != 0 ? c->page : 1;
	page->next = page->prev = NULL;
	if (*n == 0)
		return;
	/* Forward, the extra row says a next page exists; back, that an
	 * earlier one does; the side the cursor came from always has one. */
	if (c->dir < 0 ? 1 : beyond)
		page->next = booking_cursor_text(a, 1, by_created ? rows[*n - 1].created_at :
		    rows[*n - 1].start, rows[*n - 1].id, page->number + 1);
	if ((c->dir < 0 ? beyond : c->dir > 0) && page->number > 1)
		page->prev = booking_cursor_text(a, -1, by_created ? rows[0].created_at :
		    rows[0].start, rows[0].id, page->number - 1);
}

/*
 * A count that reaches COUNT_KEPT_FROM rows costs MariaDB more than the
 * page itself (up to LIST_COUNT_MAX index entries read for every page view:
 * 2.7 ms for 10,001, about 0.4 ms for 723): such a count is kept
 * COUNT_KEPT_SECONDS for the same statement and values, in a small table
 * of the process. A smaller count is made afresh each time, so it is
 * always exact.
 */
#define COUNTS_KEPT		32
#define COUNT_KEPT_FROM		200
#define COUNT_KEPT_SECONDS	10

static struct {
	char		*key;		/* the statement and its values */
	long long	 total;
	time_t		 until;
} counts_kept[COUNTS_KEPT];
static pthread_mutex_t counts_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *
count_key(struct arena *a, const char *sql, const struct db_args *g, size_t *slot)
{
	struct buf k;
	unsigned long long h = 1469598103934665603ULL;
	const char *p;
	int i;

	buf_init(&k, a);
	buf_puts(&k, sql);
	for (i = 0; i < g->n && i < DB_ARGS_MAX; i++) {
		if (g->types[i] == 's')
			buf_printf(&k, "\x1f%s", g->strs[i] ? g->strs[i] : "\x1e");
		else
			buf_printf(&k, "\x1f%lld", g->ints[i]);
	}
	for (p = buf_cstr(&k); *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	*slot = (size_t)(h % COUNTS_KEPT);
	return buf_cstr(&k);
}

int
booking_count(struct db *db, struct arena *a, const char *index, const char *where,
    const struct db_args *g, struct list_page *page)
{
	struct db_args cg = *g;
	struct db_res *res;
	const char *sql, *key;
	time_t now = time(NULL);
	size_t slot;
	int kept = 0;

	sql = arena_printf(a, "SELECT COUNT(*) FROM (SELECT 1 FROM bookings b%s%s%s%s"
	    " LIMIT ?) x", index ? " FORCE INDEX (" : "", index ? index : "",
	    index ? ")" : "", where);
	db_args_int(&cg, LIST_COUNT_MAX + 1);
	key = count_key(a, sql, &cg, &slot);
	pthread_mutex_lock(&counts_lock);
	if (counts_kept[slot].key != NULL && counts_kept[slot].until > now &&
	    strcmp(counts_kept[slot].key, key) == 0) {
		page->total = counts_kept[slot].total;
		kept = 1;
	}
	pthread_mutex_unlock(&counts_lock);
	if (!kept) {
		if ((res = db_query_args(db, a, sql, &cg)) == NULL)
			return ERR;
		page->total = db_int(res, 0, 0);
		if (page->total >= COUNT_KEPT_FROM) {
			pthread_mutex_lock(&counts_lock);
			free(counts_kept[slot].key);
			counts_kept[slot].key = xstrdup(key);
			counts_kept[slot].total = page->total;
			counts_kept[slot].until = now + COUNT_KEPT_SECONDS;
			pthread_mutex_unlock(&counts_lock);
		}
	}
	page->more = page->total > LIST_COUNT_MAX;
	if (page->more)
		page->total = LIST_COUNT_MAX;
	return OK;
}

/* Each list's own condition, so MariaDB plans each with its index
 * (bookings_user_start) instead of a condition it cannot see through. */
static const struct {
	const char	*tab;
	const char	*where;
	int		 desc;
} lists[] = {
	{ NULL,		" WHERE b.user_id = ?", 1 },
	{ "upcoming",	" WHERE b.user_id = ? AND " BOOKING_ACTIVE
			" AND NOT " BOOKING_LAPSED " AND b.end_time > UTC_TIMESTAMP()", 0 },
	{ "past",	" WHERE b.user_id = ? AND b.status <> 'cancelled' AND NOT " BOOKING_LAPSED
			" AND (b.end_time <= UTC_TIMESTAMP() OR b.status IN ('completed','no_show'))",
			1 },
	{ "cancelled",	" WHERE b.user_id = ? AND (b.status = 'cancelled' OR " BOOKING_LAPSED ")", 1 },
};

int
booking_list(struct db *db, struct arena *a, const struct booking_filter *f,
    struct booking **out, int *n, int count, struct list_page *page)
{
	struct db_args g = { 0 };
	struct buf where, q;
	size_t k = 0;

	while (f->tab != NULL && k + 1 < sizeof(lists) / sizeof(lists[0]) &&
	    (lists[k].tab == NULL || strcmp(lists[k].tab, f->tab) != 0))
		k++;
	buf_init(&where, a);
	buf_puts(&where, lists[k].where);
	db_args_int(&g, f->user_id);
	if (k == 0 && f->status != NULL) {
		buf_puts(&where, " AND b.status = ?");
		db_args_str(&g, f->status);
	}
	memset(page, 0, sizeof(*page));
	if (count && booking_count(db, a, "bookings_user_start", buf_cstr(&where), &g,
	    page) != OK)
		return ERR;
	buf_init(&q, a);
	buf_printf(&q, "%s%s", BOOKING_SELECT_BY("bookings_user_start"), buf_cstr(&where));
	booking_keyset(&q, &g, "b.start_time", lists[k].desc, &f->cursor, f->limit);
	if (booking_rows(a, db_query_args(db, a, buf_cstr(&q), &g), out, n) != OK)
		return ERR;
	booking_page_of(a, *out, n, f->limit, &f->cursor, 0, page);
	return OK;
}

int
booking_list_slot(struct db *db, struct arena *a, long long slot_id,
    struct booking **out, int *n)
{
	return booking_rows(a, db_query(db, a, BOOKING_SELECT " WHERE b.timeslot_id = ?"
	    " ORDER BY b.created_at, b.id", "l", slot_id), out, n);
}

int
booking_active_id(struct db *db, struct arena *a, long long slot_id,
    long long user_id, long long *id)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT b.id FROM bookings b WHERE b.timeslot_id = ?"
	    " AND b.user_id = ? AND " BOOKING_ACTIVE, "ll", slot_id, user_id);
	if (res == NULL)
		return ERR;
	*id = res->nrows > 0 ? db_int(res, 0, 0) : 0;
	return OK;
}

int
booking_history(struct db *db, struct arena *a, long long id,
    struct booking_event **out, int *n)
{
	return booking_events_from(a, db_query(db, a, BOOKING_EVENT_SELECT
	    " WHERE be.booking_id = ? ORDER BY be.id", "l", id), out, n);
}

int
booking_seats_add(struct db *db, long long slot_id, int delta)
{
	/* The row is locked by now (lock_slot, or this UPDATE takes it after
	 * the booking's: the locking order above). */
	if (db_exec(db, "UPDATE timeslots SET booked = booked + ? WHERE id = ?",
	    "il", delta, slot_id) == 1)
		return OK;
	return db_errno(db) == DB_CHECK_FAILED ? SLOT_FULL : ERR;
}

int
user_hold(struct db *db, long long user_id)
{
	return db_exec(db, "UPDATE users SET turns = turns + 1, updated_at = updated_at"
	    " WHERE id = ?", "l", user_id) < 0 ? ERR : OK;
}

/* The seats a timeslot's bookings hold, counted, for bookings named b. */
#define SEATS_COUNTED \
	"(SELECT COUNT(*) FROM bookings b WHERE b.timeslot_id = t.id AND " \
	BOOKING_ACTIVE ")"

struct recount {
	struct arena	*arena;
	long long	 id;
};

/* When the first pending hold of the timeslot named t runs out. */
#define HOLDS_LAPSE \
	"(SELECT MIN(b.hold_expires_at) FROM bookings b WHERE b.timeslot_id = t.id" \
	" AND b.status = 'pending')"

static int
recount_txn(struct db *db, void *ctx)
{
	struct recount *c = ctx;

	if (db_query(db, c->arena, "SELECT id FROM timeslots WHERE id = ? FOR UPDATE",
	    "l", c->id) == NULL)
		return ERR;
	return db_exec(db, "UPDATE timeslots t SET t.booked = " SEATS_COUNTED ","
	    " t.holds_lapse_at = " HOLDS_LAPSE " WHERE t.id = ?", "l", c->id) < 0 ? ERR : OK;
}

static int
hint_txn(struct db *db, void *ctx)
{
	struct recount *c = ctx;

	if (db_query(db, c->arena, "SELECT id FROM timeslots WHERE id = ? FOR UPDATE",
	    "l", c->id) == NULL)
		return ERR;
	return db_exec(db, "UPDATE timeslots t SET t.holds_lapse_at = " HOLDS_LAPSE
	    " WHERE t.id = ?", "l", c->id) < 0 ? ERR : OK;
}

/* Sets holds_lapse_at back to when the first pending hold of each timeslot
 * past it runs out (NULL: none left), each under its row lock so that a
 * hold made meanwhile is not missed. */
static int
hold_hints(struct db *db, struct arena *a, const char *now)
{
	struct recount c = { a, 0 };
	struct db_res *res;
	int i;

	res = db_query(db, a, "SELECT id FROM timeslots"
	    " WHERE holds_lapse_at <= COALESCE(?, UTC_TIMESTAMP()) ORDER BY id", "s", now);
	if (res == NULL)
		return ERR;
	for (i = 0; i < res->nrows; i++) {
		c.id = db_int(res, i, 0);
		if (db_txn(db, hint_txn, &c) != OK)
			return ERR;
	}
	return OK;
}

/* A hold was made or renewed on booking id: its timeslot's holds_lapse_at
 * comes no later than the hold's end. The row is written even when that
 * stays, so that the job runner's hint_txn on another Galera node
 * conflicts with it (sql/046_slot_turns.sql). */
static int
hold_noted(struct db *db, long long id)
{
	return db_exec(db, "UPDATE timeslots t JOIN bookings b ON b.timeslot_id = t.id"
	    " SET t.holds_lapse_at = LEAST(COALESCE(t.holds_lapse_at, b.hold_expires_at),"
	    " b.hold_expires_at), t.turns = t.turns + 1, t.updated_at = t.updated_at"
	    " WHERE b.id = ? AND b.hold_expires_at IS NOT NULL", "l", id) < 0 ? ERR : OK;
}

int
booking_seats_check(struct db *db, struct arena *a, int fix,
    struct seat_drift **out, int *n, long long *checked)
{
	struct recount c = { a, 0 };
	struct db_res *res;
	int i;

	res = db_query(db, a, "SELECT COUNT(*) FROM timeslots", "");
	if (res == NULL)
		return ERR;
	*checked = db_int(res, 0, 0);
	res = db_query(db, a, "SELECT id, booked, n FROM (SELECT t.id, t.booked, "
	    SEATS_COUNTED " AS n FROM timeslots t) x WHERE n <> booked ORDER BY id", "");
	if (res == NULL)
		return ERR;
	*out = arena_calloc(a, (size_t)res->nrows, sizeof(**out));
	*n = res->nrows;
	for (i = 0; i < res->nrows; i++) {
		(*out)[i].slot_id = c.id = db_int(res, i, 0);
		(*out)[i].booked = db_int(res, i, 1);
		(*out)[i].counted = db_int(res, i, 2);
		if (fix && db_txn(db, recount_txn, &c) != OK)
			return ERR;
	}
	return OK;
}

/* The timeslot as a booking transaction sees it, its row locked. */
struct slot_lock {
	long long	 id;
	long long	 room_id;
	long long	 capacity;
	long long	 booked;	/* seats its active bookings hold */
	long long	 price;		/* what a seat costs, in all */
	long long	 base;		/* its parts (prices.h) */
	long long	 discount;
	long long	 tax;
	long long	 discount_id;	/* 0: none */
	int		 tax_free;	/* the room or the event is */
	const char	*start;
	const char	*end;
	const char	*status;
	const char	*room_name;
	int		 room_active;
	int		 future;
	int		 approval;	/* its room's bookings wait for an admin's */
	long long	 event_id;	/* 0: none */
	int		 quotas;	/* some role has a limit for its room's type */
	int		 ahead_24h;	/* it starts over 24 hours from now */
	int		 ahead_1h;	/* over an hour from now */
	/* Read with the lock for user seen_for (0: none), until
	 * check_bookable uses them: */
	long long	 seen_for;
	long long	 mine;		/* that user's bookings holding a seat of it */
	int		 lapsed;	/* it has holds that ran out */
};

/* A seat's price from its base, less discount, with the tax. */
static void
slot_price(struct slot_lock *s, long long base, long long discount)
{
	struct price_parts p;

	price_line(base, discount, s->tax_free, &p);
	s->base = p.base;
	s->discount = p.discount;
	s->tax = p.tax;
	s->price = p.total;
}

/* The columns lock_slot reads of timeslot t. The room is read by
 * subqueries, which do not lock: locking the room's row would queue every
 * booking of the room behind one another. */
#define SLOT_LOCK_COLUMNS \
	"SELECT room_id, max_bookings, price, start_time, status," \
	"  start_time > UTC_TIMESTAMP(), end_time," \
	"  (SELECT name FROM rooms r WHERE r.id = t.room_id)," \
	"  (SELECT is_active FROM rooms r WHERE r.id = t.room_id), booked, event_id," \
	"  (SELECT requires_approval FROM rooms r WHERE r.id = t.room_id)," \
	"  (SELECT tax_free FROM rooms r WHERE r.id = t.room_id) OR" \
	"  COALESCE((SELECT tax_free FROM events e WHERE e.id = t.event_id), 0)," \
	"  EXISTS (SELECT 1 FROM quotas q JOIN rooms r ON r.room_type = q.room_type" \
	"    WHERE r.id = t.room_id AND (q.max_active IS NOT NULL OR" \
	"    q.max_holds IS NOT NULL OR q.max_hours_week IS NOT NULL))," \
	"  start_time - INTERVAL 24 HOUR > UTC_TIMESTAMP()," \
	"  start_time - INTERVAL 1 HOUR > UTC_TIMESTAMP()"

/* Locks timeslot id and reads it into s; for a user about to book it
 * (user_id, else 0) also what check_bookable asks first, by the same
 * indexes (bookings_one_active, bookings_timeslot_status): a statement
 * less for every booking. */
static int
lock_slot_for(struct db *db, struct arena *a, long long id, long long user_id,
    struct slot_lock *s)
{
	struct db_res *res;

	if (user_id != 0)
		res = db_query(db, a, SLOT_LOCK_COLUMNS ","
		    "  (SELECT COUNT(*) FROM bookings b WHERE b.user_id = ?"
		    "    AND b.timeslot_id = t.id AND b.active_seat = 1),"
		    "  EXISTS (SELECT 1 FROM bookings b WHERE b.timeslot_id = t.id"
		    "    AND b.status = 'pending' AND b.hold_expires_at <= UTC_TIMESTAMP())"
		    " FROM timeslots t WHERE id = ? FOR UPDATE", "ll", user_id, id);
	else
		res = db_query(db, a, SLOT_LOCK_COLUMNS
		    " FROM timeslots t WHERE id = ? FOR UPDATE", "l", id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	s->id = id;
	s->room_id = db_int(res, 0, 0);
	s->capacity = db_int(res, 0, 1);
	s->price = money_cents(db_val(res, 0, 2));
	s->start = db_val(res, 0, 3);
	s->status = db_val(res, 0, 4);
	s->future = db_int(res, 0, 5) != 0;
	s->end = db_val(res, 0, 6);
	s->room_name = db_val(res, 0, 7);
	s->room_active = db_int(res, 0, 8) != 0;
	s->booked = db_int(res, 0, 9);
	s->event_id = db_int(res, 0, 10);
	s->approval = db_int(res, 0, 11) != 0;
	s->tax_free = db_int(res, 0, 12) != 0;
	s->quotas = db_int(res, 0, 13) != 0;
	s->ahead_24h = db_int(res, 0, 14) != 0;
	s->ahead_1h = db_int(res, 0, 15) != 0;
	s->seen_for = user_id;
	s->mine = user_id != 0 ? db_int(res, 0, 16) : 0;
	s->lapsed = user_id != 0 && db_int(res, 0, 17) != 0;
	s->discount_id = 0;
	slot_price(s, money_cents(db_val(res, 0, 2)), 0);
	return OK;
}

static int
lock_slot(struct db *db, struct arena *a, long long id, struct slot_lock *s)
{
	return lock_slot_for(db, a, id, 0, s);
}

/* quota_check for a seat of locked timeslot s at its price (s->price, as
 * slot_price set it): a room type no role has a limit for (as lock_slot
 * read; a row of NULLs limits nothing) needs no look. The seat is held for
 * a payment when it costs something, unless the room's admin is to
 * approve it first. */
static int
seat_quota(struct db *db, struct arena *a, long long user_id, const struct slot_lock *s,
    const char **why)
{
	*why = NULL;
	return s->quotas ? quota_check(db, a, user_id, s->id, s->price > 0 && !s->approval,
	    why) : OK;
}

/*
 * A notification is written once, in its owner's language: the request's
 * when the owner acts, else (an admin, the system, a place from the
 * waiting list) the one the owner chose. Switches the thread to it and
 * returns the language to go back to.
 */
int
booking_owner_language(struct db *db, struct arena *a, long long owner,
    const struct actor *by)
{
	int prev = lang_current();
	struct db_res *res;

	if (by != NULL && by->user_id == owner)
		return prev;
	res = db_query(db, a, "SELECT language FROM users WHERE id = ?", "l", owner);
	lang_use(res != NULL && res->nrows > 0 ? lang_find(db_val(res, 0, 0)) : -1);
	return prev;
}

/* One line for the owner's notifications: "Room A, Mon 23 Nov 10:00". */
static const char *
describe(struct arena *a, const char *room, const char *start)
{
	return arena_printf(a, "%s, %s", room, fmt_local(a, start, FMT_WHEN));
}

/* {"key": "value"} for an event's data, escaped by json-c. */
static const char *
json_text(struct arena *a, const char *key, const char *value)
{
	struct json_object *o = json_object_new_object();
	const char *text;

	json_object_object_add(o, key, value ? json_object_new_string(value) : NULL);
	text = arena_strdup(a, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return text;
}

static int
record_event(struct db *db, long long booking_id, const char *type,
    const struct actor *who, const char *old_status, const char *new_status,
    const char *data)
{
	return db_exec(db, "INSERT INTO booking_events (booking_id, type, actor_id,"
	    " old_status, new_status, data) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?)",
	    "lslsss", booking_id, type, who->user_id, old_status, new_status,
	    data) < 0 ? ERR : OK;
}

/* Writes the audit event, the owner's mail and notification for one change. */
static int
record(struct db *db, struct arena *a, long long booking_id, long long owner,
    const char *type, const struct actor *who, const char *old_status,
    const char *new_status, const char *data, const char *message)
{
	if (record_event(db, booking_id, type, who, old_status, new_status, data) != OK ||
	    mail_booking_event(db, a, booking_id, type, new_status, data) != OK ||
	    order_refresh(db, booking_id) != OK)
		return ERR;
	return notify_add(db, owner, message, arena_printf(a, "/bookings/%lld", booking_id));
}

/* The same for booking b just made (its status as written) and read: its
 * mail is told from b, and its order brought in line unless order_whole
 * says the caller wrote the order as its new bookings make it
 * (order_create_whole). */
static int
record_made(struct db *db, struct arena *a, const struct booking *b, const char *status,
    const struct actor *who, const char *data, const char *message, int order_whole)
{
	if (record_event(db, b->id, "created", who, NULL, status, data) != OK ||
	    mail_booking_made(db, b, status, data) != OK ||
	    (!order_whole && order_refresh(db, b->id) != OK))
		return ERR;
	return notify_add(db, b->user_id, message, arena_printf(a, "/bookings/%lld", b->id));
}

int
booking_record(struct db *db, struct arena *a, const struct booking *b,
    const char *type, const struct actor *who, const char *data, const char *message)
{
	return record(db, a, b->id, b->user_id, type, who, b->status, b->status, data,
	    message);
}

const char *
booking_describe(struct arena *a, const struct booking *b)
{
	return describe(a, b->room_name, b->start);
}

/* Reminders 24 h and 1 h before the start, those still in the future, and
 * an SMS with the first when the site sends SMS and the owner asked. */
static int
plan_reminders(struct db *db, long long booking_id, const char *start)
{
	return db_exec(db, "INSERT INTO reminders (booking_id, type, scheduled_at)"
	    " SELECT ?, 'email_24h', ? - INTERVAL 24 HOUR FROM DUAL"
	    "   WHERE ? - INTERVAL 24 HOUR > UTC_TIMESTAMP()"
	    " UNION ALL SELECT ?, 'email_1h', ? - INTERVAL 1 HOUR FROM DUAL"
	    "   WHERE ? - INTERVAL 1 HOUR > UTC_TIMESTAMP()"
	    " UNION ALL SELECT b.id, 'sms', ? - INTERVAL 24 HOUR FROM bookings b"
	    "   JOIN users u ON u.id = b.user_id WHERE b.id = ? AND ? <> ''"
	    "   AND u.sms_reminders AND ? - INTERVAL 24 HOUR > UTC_TIMESTAMP()",
	    "lsslssslss", booking_id, start, start, booking_id, start, start, start,
	    booking_id, cfg.sms_command, start) < 0 ? ERR : OK;
}

/* plan_reminders for a new booking of locked timeslot s, which read how
 * far off it starts: without SMS the e-mails still to come are one plain
 * INSERT, or none, instead of the three-way UNION that asks the database. */
static int
seat_reminders(struct db *db, long long booking_id, const struct slot_lock *s)
{
	if (cfg.sms_command != NULL && *cfg.sms_command != '\0' && s->ahead_24h)
		return plan_reminders(db, booking_id, s->start);
	if (s->ahead_24h)
		return db_exec(db, "INSERT INTO reminders (booking_id, type, scheduled_at)"
		    " VALUES (?, 'email_24h', ? - INTERVAL 24 HOUR),"
		    " (?, 'email_1h', ? - INTERVAL 1 HOUR)", "lsls", booking_id, s->start,
		    booking_id, s->start) < 0 ? ERR : OK;
	if (s->ahead_1h)
		return db_exec(db, "INSERT INTO reminders (booking_id, type, scheduled_at)"
		    " VALUES (?, 'email_1h', ? - INTERVAL 1 HOUR)", "ls", booking_id,
		    s->start) < 0 ? ERR : OK;
	return OK;
}

static int
cancel_reminders(struct db *db, long long booking_id)
{
	return db_exec(db, "UPDATE reminders SET status = 'cancelled'"
	    " WHERE booking_id = ? AND status = 'pending'", "l", booking_id) < 0 ? ERR : OK;
}

/* Cancels one expired hold of timeslot slot_id, giving its seat back; the
 * booking row must be locked by the caller or belong to a timeslot whose
 * row is. */
static int
expire_one(struct db *db, struct arena *a, long long id, long long slot_id,
    long long owner, const char *room, const char *start)
{
	static const struct actor system = { 0, 1, 0, NULL };
	const char *message;
	int prev;

	if (db_exec(db, "UPDATE bookings SET status = 'cancelled',"
	    " cancelled_at = UTC_TIMESTAMP() WHERE id = ?", "l", id) < 0 ||
	    booking_seats_add(db, slot_id, -1) != OK ||
	    cancel_reminders(db, id) != OK || discount_release(db, a, id) != OK)
		return ERR;
	prev = booking_owner_language(db, a, owner, &system);
	message = arena_printf(a, _("Your unpaid booking for %s was released: its hold"
	    " expired."), describe(a, room, start));
	lang_use(prev);
	return record(db, a, id, owner, "cancelled", &system, "pending", "cancelled",
	    "{\"reason\":\"hold_expired\"}", message);
}

int
booking_release_lapsed(struct db *db, struct arena *a, long long slot_id,
    int *released)
{
	struct db_res *res;
	int i;

	*released = 0;
	res = db_query(db, a, "SELECT b.id, b.user_id, r.name, t.start_time"
	    " FROM bookings b JOIN timeslots t ON t.id = b.timeslot_id"
	    " JOIN rooms r ON r.id = t.room_id WHERE b.timeslot_id = ?"
	    "   AND b.status = 'pending' AND b.hold_expires_at <= UTC_TIMESTAMP()",
	    "l", slot_id);
	if (res == NULL)
		return ERR;
	for (i = 0; i < res->nrows; i++) {
		if (expire_one(db, a, db_int(res, i, 0), slot_id, db_int(res, i, 1),
		    db_val(res, i, 2), db_val(res, i, 3)) != OK)
			return ERR;
		(*released)++;
	}
	return OK;
}

/* Crockford's base32: no I, L, O or U, which read as other characters. */
static const char ticket_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* How often a booking's insert draws a ticket code before it gives up. */
#define TICKET_TRIES	4

/* Draws a random ticket code into code (TICKET_CODE_LEN + 1 bytes). */
static void
ticket_draw(char *code)
{
	unsigned char raw[TICKET_CODE_LEN];
	int i;

	auth_random(raw, sizeof(raw));
	for (i = 0; i < TICKET_CODE_LEN; i++)
		code[i] = ticket_alphabet[raw[i] & 31];
	code[TICKET_CODE_LEN] = '\0';
}

/* Did the last statement clash on the unique ticket code (rather than on
 * another unique key)? */
static int
ticket_clash(struct db *db)
{
	return db_errno(db) == DB_DUP_KEY &&
	    strstr(db_error(db), "bookings_ticket_code") != NULL;
}

const char *
booking_ticket(const struct booking *b)
{
	if (b->state != BOOKING_CONFIRMED && b->state != BOOKING_COMPLETED &&
	    b->state != BOOKING_NO_SHOW)
		return NULL;
	return b->ticket_code;
}

const char *
booking_ticket_parse(struct arena *a, const char *code)
{
	char *out = arena_alloc(a, TICKET_CODE_LEN + 1);
	size_t n = 0;
	int c;

	for (; code != NULL && *code != '\0'; code++) {
		c = *code >= 'a' && *code <= 'z' ? *code - 'a' + 'A' : *code;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		c = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
		if (c == '\0' || strchr(ticket_alphabet, c) == NULL || n == TICKET_CODE_LEN)
			return NULL;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n == TICKET_CODE_LEN ? out : NULL;
}

/* Rule 4 on a locked timeslot the rules let user book, under order
 * order_id: a free timeslot (or one the order paid for, s->price 0)
 * confirms at once, a paid one holds the seat while the customer pays;
 * in a room that requires approval either waits, its seat held with no
 * expiry, for an admin's decision. With its reminders, event,
 * notification and mail. by is who acts: the user, or the system giving a
 * waiting user a place that came free. order_whole: the caller made the
 * order whole for its new bookings (order_create_whole), so its status
 * needs no refresh. *made is the booking as made, read once, for its mail
 * and the caller's reply. Every booking is made here. */
static int
take_seat(struct db *db, struct arena *a, const struct slot_lock *s,
    long long user_id, const struct actor *by, long long order_id, int order_whole,
    const char *type, const char *notes, struct booking *made)
{
	int free_slot = s->price == 0, mine = by->user_id == user_id, rc;
	/* A guest's booking is held, free or not, until the link mailed to
	 * the address is followed (booking_guest_verified). */
	int guest = strcmp(type, BOOKING_GUEST) == 0;
	int confirmed = free_slot && !s->approval && !guest, prev;
	int held = guest || !(free_slot || s->approval);
	const char *status = confirmed ? "confirmed" : "pending", *what, *message, *data;

	char ticket[TICKET_CODE_LEN + 1];
	long long id;
	int tries;

	/* The ticket code comes with the row: a second statement (and its
	 * tally trigger's run) for it cost as much as the insert. */
	for (tries = 0; tries < TICKET_TRIES; tries++) {
		ticket_draw(ticket);
		if (db_exec(db, "INSERT INTO bookings (user_id, timeslot_id, room_id,"
		    " order_id, start_time, end_time, status, payment_status, price, notes,"
		    " booking_type, approval, hold_expires_at, base_price, discount_amount,"
		    " tax_amount, total_price, discount_id, ticket_code) VALUES (?, ?, ?, ?,"
		    " ?, ?, ?, ?, ? / 100, ?, ?, IF(?, 'awaiting', NULL),"
		    " IF(?, UTC_TIMESTAMP() + INTERVAL ? MINUTE, NULL),"
		    " ? / 100, ? / 100, ? / 100, ? / 100, NULLIF(?, 0), ?)",
		    "llllssssls" "siii" "lllll" "s", user_id, s->id, s->room_id, order_id,
		    s->start, s->end, status, free_slot ? "paid" : "pending", s->price,
		    notes ? notes : "", type, s->approval, held, cfg.hold_minutes, s->base,
		    s->discount, s->tax, s->price, s->discount_id, ticket) >= 0)
			break;
		/* Another booking's code, one in 2^50: draw again. */
		if (!ticket_clash(db))
			return db_errno(db) == DB_DUP_KEY ? ALREADY_BOOKED : ERR;
	}
	if (tries == TICKET_TRIES)
		return ERR;
	id = db_insert_id(db);
	if (held && hold_noted(db, id) != OK)
		return ERR;
	if ((rc = booking_seats_add(db, s->id, 1)) != OK)
		return rc;
	if (confirmed && seat_reminders(db, id, s) != OK)
		return ERR;
	if (db_row(db_query(db, a, BOOKING_SELECT " WHERE b.id = ?", "l", id), booking_fill,
	    made) != OK)
		return ERR;
	prev = booking_owner_language(db, a, user_id, by);
	what = describe(a, s->room_name, s->start);
	if (guest)
		message = arena_printf(a, _("Booked: %s. Follow the link mailed to you within"
		    " %d minutes to keep the place."), what, cfg.hold_minutes);
	else if (s->approval)
		message = arena_printf(a, _("%s: %s. It needs an admin's approval; you will be"
		    " told when it is approved or declined."), mine ? _("Requested") :
		    _("A place came free for you"), what);
	else if (mine)
		message = free_slot ? arena_printf(a, _("Booked and confirmed: %s."), what) :
		    arena_printf(a, _("Booked: %s. Pay within %d minutes to keep the seat."),
		    what, cfg.hold_minutes);
	else
		message = free_slot ? arena_printf(a, _("A place came free and is yours: %s."),
		    what) : arena_printf(a, _("A place came free for you: %s. Pay within %d"
		    " minutes to keep it."), what, cfg.hold_minutes);
	lang_use(prev);
	data = guest ? "{\"guest\":\"verify\"}" :
	    s->approval ? (mine ? "{\"approval\":\"awaiting\"}" :
	    "{\"reason\":\"waitlist\",\"approval\":\"awaiting\"}") :
	    mine ? NULL : "{\"reason\":\"waitlist\"}";
	return record_made(db, a, made, status, by, data, message, order_whole);
}

/* The seats a locked timeslot's counter says are taken now. */
static int
seats_held(struct db *db, struct arena *a, long long slot_id, long long *held)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT booked FROM timeslots WHERE id = ?", "l", slot_id);
	if (res == NULL || res->nrows == 0)
		return ERR;
	*held = db_int(res, 0, 0);
	return OK;
}

/*
 * The waiting list of a locked timeslot: while it has a free seat and
 * someone waits, the first in line gets the seat (a hold for a paid
 * timeslot, as if they had booked) and is told. Whoever frees a seat calls
 * this under the timeslot's lock, so two freed seats never go to one
 * person and one seat never to two. One whom the seat would take over a
 * booking limit (quota_check) is passed over for the next in line but
 * keeps their place: a seat that frees once they are under it is theirs.
 */
static int
promote_waiting(struct db *db, struct arena *a, const struct slot_lock *s)
{
	static const struct actor system = { 0, 1, 0, NULL };
	struct price_parts parts = { s->base, s->discount, s->tax, s->price };
	struct booking made;
	struct db_res *res;
	const char *why;
	long long held, user, order, after = 0;
	int rc;

	if (strcmp(s->status, "scheduled") != 0 || !s->room_active || !s->future)
		return OK;
	for (;;) {
		if (seats_held(db, a, s->id, &held) != OK)
			return ERR;
		if (held >= s->capacity)
			return OK;
		res = db_query(db, a, "SELECT id, user_id FROM waitlist WHERE timeslot_id = ?"
		    " AND id > ? ORDER BY id LIMIT 1 FOR UPDATE", "ll", s->id, after);
		if (res == NULL)
			return ERR;
		if (res->nrows == 0)
			return OK;
		user = db_int(res, 0, 1);
		if ((rc = seat_quota(db, a, user, s, &why)) == QUOTA_EXCEEDED) {
			after = db_int(res, 0, 0);
			continue;
		}
		if (rc != OK || db_exec(db, "DELETE FROM waitlist WHERE id = ?", "l",
		    db_int(res, 0, 0)) < 0)
			return ERR;
		/* The seat comes with an order of its own, as a booking does;
		 * one who booked meanwhile just leaves the line. */
		if (order_create_whole(db, user, &parts, 0, s->price == 0, &order) != OK)
			return ERR;
		rc = take_seat(db, a, s, user, &system, order, 1, "single", NULL, &made);
		if (rc == ALREADY_BOOKED &&
		    db_exec(db, "DELETE FROM orders WHERE id = ?", "l", order) < 0)
			return ERR;
		if (rc != OK && rc != ALREADY_BOOKED)
			return rc;
	}
}

/* Rules 1 to 3 on a locked timeslot: may user take a seat of it now? The
 * holds of the timeslot that ran out give their seats back first, so they
 * never count against a new booking. One statement finds them and the
 * user's own active booking, both by index (bookings_timeslot_status,
 * bookings_one_active), whatever the number of bookings the timeslot has;
 * the seats are the counter's. */
static int
check_bookable(struct db *db, struct arena *a, struct slot_lock *s,
    long long user_id)
{
	struct db_res *res;
	long long mine = 0;
	int i, lapsed = 0, released;

	if (strcmp(s->status, "scheduled") != 0 || !s->room_active)
		return SLOT_UNAVAILABLE;
	if (!s->future)
		return SLOT_PAST;
	if (s->seen_for == user_id && user_id != 0) {
		/* Read with the lock (lock_slot_for), once. */
		mine = s->mine;
		lapsed = s->lapsed;
		s->seen_for = 0;
	} else {
		res = db_query(db, a, "SELECT 'mine', COUNT(*) FROM bookings b"
		    " WHERE b.user_id = ? AND b.timeslot_id = ? AND b.active_seat = 1"
		    " UNION ALL SELECT 'lapsed', b.id FROM bookings b WHERE b.timeslot_id = ?"
		    "   AND b.status = 'pending' AND b.hold_expires_at <= UTC_TIMESTAMP()",
		    "lll", user_id, s->id, s->id);
		if (res == NULL)
			return ERR;
		for (i = 0; i < res->nrows; i++) {
			if (strcmp(db_val(res, i, 0), "mine") == 0)
				mine = db_int(res, i, 1);
			else
				lapsed++;
		}
	}
	if (lapsed > 0) {
		/* The user's own lapsed hold may be among them: ask again. */
		/* Seats given back go to those waiting before anyone else. */
		if (booking_release_lapsed(db, a, s->id, &released) != OK ||
		    promote_waiting(db, a, s) != OK ||
		    seats_held(db, a, s->id, &s->booked) != OK)
			return ERR;
		s->booked -= released;
		return check_bookable(db, a, s, user_id);
	}
	if (mine > 0)
		return ALREADY_BOOKED;
	if (s->booked >= s->capacity)
		return SLOT_FULL;
	return OK;
}

struct create {
	struct arena		*arena;
	const struct actor	*who;
	long long		 slot_id;
	const char		*notes;
	const char		*code;
	const char		*key;
	const char		*hash;
	long long		 booking_id;
	int			 replayed;
	const char		*why;		/* the limit a QUOTA_EXCEEDED names */
	struct booking		 made;		/* the booking made, unless replayed */
};

/* The first booking made with this key, if any; KEY_REUSED when the
 * key came with another request. */
static int
find_key(struct db *db, struct create *c)
{
	struct db_res *res;

	res = db_query(db, c->arena, "SELECT booking_id, request_hash"
	    " FROM idempotency_keys WHERE user_id = ? AND idem_key = ?",
	    "ls", c->who->user_id, c->key);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if (strcmp(db_val(res, 0, 1), c->hash) != 0)
		return KEY_REUSED;
	c->booking_id = db_int(res, 0, 0);
	c->replayed = 1;
	return OK;
}

/* One order for a seat of each locked timeslot, all or none, each seat
 * within who's limits (quota_check, *why naming the limit refused). price
 * is the order's (a course's), shared out over the bookings, the first
 * ones taking the odd cents; -1: each booking costs its timeslot's price.
 * A discount code (NULL: none) takes its share off each line it is for,
 * counted as one use of it under its row's lock. */
static int
book_locked(struct db *db, struct arena *a, const struct actor *who,
    struct slot_lock *s, int n, long long price, const char *type, const char *notes,
    const char *code, long long *order_id, struct booking *last, int *failed,
    const char **why)
{
	struct discount d;
	struct price_parts sum = { 0, 0, 0, 0 };
	long long left = -1, base;
	int i, rc, applies = 0;

	for (i = 0; i < n; i++)
		if ((rc = check_bookable(db, a, &s[i], who->user_id)) != OK) {
			*failed = i;
			return rc;
		}
	if (code != NULL && (rc = discount_lock(db, a, code, who->user_id, &d)) != OK)
		return rc;
	for (i = 0; i < n; i++) {
		base = price >= 0 ? price / n + (i < price % n) : s[i].base;
		if (code != NULL && discount_applies(&d, s[i].room_id, s[i].event_id)) {
			applies = 1;
			s[i].discount_id = d.id;
			slot_price(&s[i], base, discount_off(&d, base, &left));
		} else
			slot_price(&s[i], base, 0);
		sum.base += s[i].base;
		sum.discount += s[i].discount;
		sum.tax += s[i].tax;
		sum.total += s[i].price;
	}
	if (code != NULL && !applies)
		return DISCOUNT_NOT_APPLICABLE;
	/* The order is written as its bookings will make it, all of which
	 * are made here or none. */
	if (order_create_whole(db, who->user_id, &sum, code != NULL ? d.id : 0,
	    n > 0 && sum.total == 0, order_id) != OK)
		return ERR;
	/* Each seat taken counts against the limits of the next. */
	for (i = 0; i < n; i++)
		if ((rc = seat_quota(db, a, who->user_id, &s[i], why)) != OK ||
		    (rc = take_seat(db, a, &s[i], who->user_id, who, *order_id, 1, type,
		    notes, last)) != OK) {
			*failed = i;
			return rc;
		}
	if (code != NULL && discount_use(db, &d, *order_id, who->user_id) != OK)
		return ERR;
	return OK;
}

int
booking_create_many(struct db *db, struct arena *a, const struct actor *who,
    const long long *slot_ids, int n, const char *type, const char *code,
    long long *order_id, int *failed, const char **why)
{
	struct slot_lock *s = arena_calloc(a, (size_t)(n > 0 ? n : 1), sizeof(*s));
	struct booking last;
	int i, rc;

	*why = NULL;
	for (i = 0; i < n; i++)
		if ((rc = lock_slot_for(db, a, slot_ids[i], who->user_id, &s[i])) != OK) {
			*failed = i;
			return rc;
		}
	return book_locked(db, a, who, s, n, -1, type, NULL, code, order_id, &last,
	    failed, why);
}

int
booking_create_some(struct db *db, struct arena *a, const struct actor *who,
    const long long *slot_ids, int n, int all, const char *type, long long *order_id,
    struct seat_try *tries)
{
	struct slot_lock *s = arena_calloc(a, (size_t)(n > 0 ? n : 1), sizeof(*s));
	struct seat_try *t;
	struct booking made;
	int i, rc, booked = 0;

	for (i = 0; i < n; i++) {
		t = &tries[i];
		t->booking_id = 0;
		t->why = NULL;
		if ((t->result = lock_slot_for(db, a, slot_ids[i], who->user_id,
		    &s[i])) == ERR)
			return ERR;
	}
	if (order_create(db, who->user_id, 0, order_id) != OK)
		return ERR;
	/* As in book_locked: each seat taken counts against the limits of
	 * the next; a refused one is left out, and said why. */
	for (i = 0; i < n; i++) {
		t = &tries[i];
		if (t->result == OK)
			t->result = check_bookable(db, a, &s[i], who->user_id);
		if (t->result == OK)
			t->result = seat_quota(db, a, who->user_id, &s[i], &t->why);
		if (t->result == ERR)
			return ERR;
		if (t->result != OK)
			continue;
		if ((rc = take_seat(db, a, &s[i], who->user_id, who, *order_id, 0, type,
		    NULL, &made)) != OK)
			return rc;
		t->booking_id = made.id;
		booked++;
	}
	if (booked == 0)
		return SERIES_EMPTY;
	if (all && booked < n)
		return SERIES_INCOMPLETE;
	return order_price(db, *order_id, 0);
}

int
booking_create_in_order(struct db *db, struct arena *a, const struct actor *who,
    long long slot_id, long long event_id, long long order_id, const char *type,
    long long *booking_id, const char **why)
{
	struct slot_lock s;
	struct booking made;
	int rc;

	*why = NULL;
	if ((rc = lock_slot_for(db, a, slot_id, who->user_id, &s)) != OK)
		return rc;
	if (s.event_id != event_id)
		return OTHER_EVENT;
	slot_price(&s, 0, 0);	/* paid for with the order */
	if ((rc = check_bookable(db, a, &s, who->user_id)) != OK ||
	    (rc = seat_quota(db, a, who->user_id, &s, why)) != OK)
		return rc;
	if ((rc = take_seat(db, a, &s, who->user_id, who, order_id, 0, type, NULL,
	    &made)) != OK)
		return rc;
	*booking_id = made.id;
	return OK;
}

int
booking_create_guest(struct db *db, struct arena *a, const struct actor *who,
    long long slot_id, long long *booking_id, const char **why)
{
	struct slot_lock s;
	struct booking made;
	long long order_id;
	int rc, failed;

	*why = NULL;
	if ((rc = lock_slot_for(db, a, slot_id, who->user_id, &s)) != OK)
		return rc;
	if ((rc = book_locked(db, a, who, &s, 1, -1, BOOKING_GUEST, NULL, NULL, &order_id,
	    &made, &failed, why)) != OK)
		return rc;
	*booking_id = made.id;
	return OK;
}

int
booking_guest_verified(struct db *db, struct arena *a, const struct actor *who,
    long long id)
{
	struct booking b;
	int rc;

	if ((rc = booking_lock(db, a, who, id, &b)) != OK)
		return rc;
	if (b.state != BOOKING_PENDING || b.hold_lapsed)
		return INVALID_STATE;
	/* Awaiting approval: the place is held, without a hold's end, for
	 * the admin's decision, as any such booking's is. */
	if (b.awaiting)
		return db_exec(db, "UPDATE bookings SET hold_expires_at = NULL WHERE id = ?",
		    "l", id) < 0 ? ERR : OK;
	/* Something to pay: the hold goes on, and the payment confirms it. */
	if (b.price > 0)
		return OK;
	if (db_exec(db, "UPDATE bookings SET status = 'confirmed', payment_status = 'paid',"
	    " hold_expires_at = NULL WHERE id = ?", "l", id) < 0 ||
	    plan_reminders(db, id, b.start) != OK)
		return ERR;
	return record(db, a, id, b.user_id, "confirmed", who, "pending", "confirmed", NULL,
	    arena_printf(a, _("Booked and confirmed: %s."), booking_describe(a, &b)));
}

static int
create_txn(struct db *db, void *ctx)
{
	struct create *c = ctx;
	struct arena *a = c->arena;
	struct slot_lock s;
	long long order_id;
	int rc, failed;

	c->replayed = 0;
	if ((rc = lock_slot_for(db, a, c->slot_id, c->who->user_id, &s)) != OK)
		return rc;
	if (c->key != NULL && (rc = find_key(db, c)) != NOT_FOUND)
		return rc;
	if ((rc = book_locked(db, a, c->who, &s, 1, -1, "single", c->notes, c->code,
	    &order_id, &c->made, &failed, &c->why)) != OK)
		return rc;
	c->booking_id = c->made.id;
	if (c->key != NULL && db_exec(db, "INSERT INTO idempotency_keys"
	    " (user_id, idem_key, request_hash, booking_id) VALUES (?, ?, ?, ?)",
	    "lssl", c->who->user_id, c->key, c->hash, c->booking_id) < 0)
		return ERR;
	return OK;
}

const char *
booking_key_rule(void)
{
	return _("1 to 100 visible ASCII characters (letters, digits, punctuation; no"
	    " spaces)");
}

int
booking_key_valid(const char *key)
{
	size_t n;

	for (n = 0; key[n] != '\0'; n++)
		if (key[n] <= ' ' || key[n] > '~')
			return 0;
	return n > 0 && n <= IDEMPOTENCY_KEY_MAX;
}

int
booking_create(struct db *db, struct arena *a, const struct actor *who,
    long long slot_id, const char *notes, const char *code, const char *key,
    long long *booking_id, int *replayed, const char **why, struct booking *made)
{
	struct create c = { .arena = a, .who = who, .slot_id = slot_id, .notes = notes,
	    .code = code, .key = key };
	int rc;

	if (key != NULL)
		c.hash = auth_sha256_hex(a, code == NULL ? arena_printf(a, "%lld\n%s",
		    slot_id, notes ? notes : "") : arena_printf(a, "%lld\n%s\n%s", slot_id,
		    notes ? notes : "", code));
	rc = db_txn(db, create_txn, &c);
	if (rc == ERR && key != NULL && db_errno(db) == DB_DUP_KEY) {
		/* The same key raced in on another timeslot's lock and won. */
		rc = find_key(db, &c);
		if (rc == NOT_FOUND)
			rc = ERR;
	}
	*booking_id = c.booking_id;
	*replayed = c.replayed;
	*why = c.why != NULL ? c.why : result_message(rc);
	if (made != NULL) {
		if (rc == OK && !c.replayed)
			*made = c.made;
		else
			made->id = 0;
	}
	return rc;
}

struct enrol {
	struct arena		*arena;
	const struct actor	*who;
	long long		 event_id;
	long long		 order_id;
	long long		 failed_slot;
	const char		*why;
};

/* Rule 11: every session of the course still to come, locked in id order
 * like a checkout's, under one order at the course's price. */
static int
enrol_txn(struct db *db, void *ctx)
{
	struct enrol *c = ctx;
	struct arena *a = c->arena;
	struct db_res *ev, *res;
	struct slot_lock *s;
	struct booking last;
	long long price;
	int i, rc, failed = -1;

	c->failed_slot = 0;
	ev = db_query(db, a, "SELECT kind, course_price FROM events WHERE id = ?", "l",
	    c->event_id);
	if ((rc = db_found(ev)) != OK)
		return rc;
	if (strcmp(db_val(ev, 0, 0), "course") != 0)
		return NOT_A_COURSE;
	price = db_val(ev, 0, 1) != NULL ? money_cents(db_val(ev, 0, 1)) : -1;
	res = db_query(db, a, "SELECT id FROM timeslots WHERE event_id = ?"
	    " AND status = 'scheduled' AND start_time > UTC_TIMESTAMP() ORDER BY id",
	    "l", c->event_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return SLOT_UNAVAILABLE;
	s = arena_calloc(a, (size_t)res->nrows, sizeof(*s));
	for (i = 0; i < res->nrows; i++)
		if ((rc = lock_slot(db, a, db_int(res, i, 0), &s[i])) != OK)
			return rc;
	rc = book_locked(db, a, c->who, s, res->nrows, price, "course", NULL, NULL,
	    &c->order_id, &last, &failed, &c->why);
	if (rc != OK && failed >= 0)
		c->failed_slot = s[failed].id;
	return rc;
}

int
booking_enrol(struct db *db, struct arena *a, const struct actor *who,
    long long event_id, long long *order_id, long long *failed_slot, const char **why)
{
	struct enrol c = { a, who, event_id, 0, 0, NULL };
	int rc = db_txn(db, enrol_txn, &c);

	*order_id = c.order_id;
	*failed_slot = c.failed_slot;
	*why = c.why != NULL ? c.why : result_message(rc);
	return rc;
}

/* Locks the booking row for an action, with the owner filter. */
int
booking_lock(struct db *db, struct arena *a, const struct actor *who,
    long long id, struct booking *b)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT id FROM bookings WHERE id = ?"
	    " AND (user_id = ? OR ?) FOR UPDATE", "lli", id, who->user_id, who->admin);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	return booking_get(db, a, id, who, b);
}

/* Rule 6: paid bookings get 100 % back cancelled refund_full_hours or more
 * before the start, refund_partial_percent when refund_partial_hours or
 * more, nothing after; an admin's cancellation refunds in full. Rule 16:
 * the share is of what was paid and not yet refunded, whatever the price
 * says now. */
long long
booking_refund_quote(const struct booking *b, const struct actor *who)
{
	time_t start;
	long long left, paid = b->paid_amount;

	if (strcmp(b->payment_status, "paid") != 0 || paid <= 0 ||
	    dbtime_parse(b->start, &start) != 0)
		return 0;
	if (who->admin && (who->admin_route || who->user_id != b->user_id))
		return paid;
	left = (long long)(start - time(NULL));
	if (left >= (long long)cfg.refund_full_hours * 3600)
		return paid;
	if (left >= (long long)cfg.refund_partial_hours * 3600)
		return paid * cfg.refund_partial_percent / 100;
	return 0;
}

struct action {
	struct arena		*arena;
	const struct actor	*who;
	long long		 id;
	long long		 slot_id;
	long long		 refund;
};

/* Cancels a booking whose row the caller has locked, refunding refund
 * (booking_refund_quote()'s, or a course's share); declined: an admin
 * declined it while it awaited approval. */
static int
cancel_locked(struct db *db, struct arena *a, const struct actor *who,
    const struct booking *b, long long refund, int declined)
{
	const char *what, *message;
	time_t start;
	int prev;

	if (db_exec(db, "UPDATE bookings SET status = 'cancelled',"
	    " cancelled_at = UTC_TIMESTAMP(), paid_amount = paid_amount - ? / 100,"
	    " refund_amount = refund_amount + ? / 100,"
	    " payment_status = IF(? > 0, 'refunded', payment_status),"
	    " approval = IF(?, 'declined', approval)"
	    " WHERE id = ?", "llli" "l", refund, refund, refund, declined, b->id) < 0 ||
	    booking_seats_add(db, b->timeslot_id, -1) != OK ||
	    cancel_reminders(db, b->id) != OK)
		return ERR;
	/* The code's use comes back only in the free-cancellation tier. */
	if (dbtime_parse(b->start, &start) == 0 &&
	    start - time(NULL) >= (time_t)cfg.refund_full_hours * 3600 &&
	    discount_release(db, a, b->id) != OK)
		return ERR;
	/* A credit's session given up early enough gives the credit back. */
	if (b->booking_type != NULL && strcmp(b->booking_type, "credit") == 0 &&
	    dbtime_parse(b->start, &start) == 0 &&
	    start - time(NULL) >= (time_t)CREDIT_RETURN_HOURS * 3600 &&
	    credit_release(db, b->id) != OK)
		return ERR;
	prev = booking_owner_language(db, a, b->user_id, who);
	what = describe(a, b->room_name, b->start);
	message = arena_printf(a, "%s: %s.%s", declined ? _("Declined by an admin") :
	    _("Cancelled"), what, refund > 0 ? arena_printf(a, _(" %s will be refunded."),
	    money_show(a, refund)) : "");
	lang_use(prev);
	return record(db, a, b->id, b->user_id, declined ? "declined" : "cancelled", who,
	    b->status, "cancelled", arena_printf(a, "{\"refund\":\"%s\"}",
	    money_fmt(a, refund)), message);
}

static int
cancel_txn(struct db *db, void *ctx)
{
	struct action *c = ctx;
	struct slot_lock s;
	struct booking b;
	int rc;

	if ((rc = booking_lock(db, c->arena, c->who, c->id, &b)) != OK)
		return rc;
	if (!booking_allows(&b, BK_CANCEL, c->who, time(NULL)))
		return INVALID_STATE;
	c->refund = booking_refund_quote(&b, c->who);
	if ((rc = cancel_locked(db, c->arena, c->who, &b, c->refund, 0)) != OK ||
	    (rc = lock_slot(db, c->arena, b.timeslot_id, &s)) != OK)
		return rc;
	return promote_waiting(db, c->arena, &s);
}

int
booking_cancel(struct db *db, struct arena *a, const struct actor *who,
    long long id, long long *refund)
{
	struct action c = { a, who, id, 0, 0 };
	int rc = db_txn(db, cancel_txn, &c);

	*refund = c.refund;
	return rc;
}

int
booking_to_come(const struct booking *b, const struct actor *who, time_t now)
{
	time_t start;

	return booking_allows(b, BK_CANCEL, who, now) && dbtime_parse(b->start, &start) == 0 &&
	    start > now;
}

struct order_cancel {
	struct arena		*arena;
	const struct actor	*who;
	long long		 order_id;
	long long		 refund;
};

/* Ends a course enrolment: its bookings still to come are cancelled and
 * the refund policy (rule 6) is applied to them as one, by the start of
 * the first of them. */
static int
order_cancel_txn(struct db *db, void *ctx)
{
	struct order_cancel *c = ctx;
	struct arena *a = c->arena;
	struct booking *list, b;
	struct slot_lock s;
	const char *first = NULL;
	time_t now = time(NULL);
	long long share;
	int i, n, rc, left = 0;

	c->refund = 0;
	if ((rc = db_found(db_query(db, a, "SELECT id FROM orders WHERE id = ?"
	    " AND (user_id = ? OR ?)", "lli", c->order_id, c->who->user_id,
	    c->who->admin))) != OK)
		return rc;
	if (db_query(db, a, "SELECT id FROM bookings WHERE order_id = ? ORDER BY id FOR UPDATE",
	    "l", c->order_id) == NULL || order_bookings(db, a, c->order_id, &list, &n) != OK)
		return ERR;
	for (i = 0; i < n; i++) {
		if (strcmp(list[i].booking_type, "course") != 0)
			return NOT_A_COURSE;
		if (booking_to_come(&list[i], c->who, now)) {
			if (first == NULL || strcmp(list[i].start, first) < 0)
				first = list[i].start;
			left++;
		}
	}
	if (left == 0)
		return INVALID_STATE;
	for (i = 0; i < n; i++) {
		if (!booking_to_come(&list[i], c->who, now))
			continue;
		b = list[i];
		b.start = first;	/* the policy's clock: the first session left */
		share = booking_refund_quote(&b, c->who);
		/* Each seat given back goes to that session's waiting list. */
		if ((rc = cancel_locked(db, a, c->who, &list[i], share, 0)) != OK ||
		    (rc = lock_slot(db, a, list[i].timeslot_id, &s)) != OK ||
		    (rc = promote_waiting(db, a, &s)) != OK)
			return rc;
		c->refund += share;
	}
	return OK;
}

int
booking_cancel_order(struct db *db, struct arena *a, const struct actor *who,
    long long order_id, long long *refund)
{
	struct order_cancel c = { a, who, order_id, 0 };
	int rc = db_txn(db, order_cancel_txn, &c);

	*refund = c.refund;
	return rc;
}

int
booking_cancel_some(struct db *db, struct arena *a, const struct actor *who,
    const long long *ids, int n, int *cancelled, long long *refund)
{
	struct booking *b = arena_calloc(a, (size_t)(n > 0 ? n : 1), sizeof(*b));
	struct slot_lock s;
	time_t now = time(NULL);
	long long share;
	int i, rc;

	*cancelled = 0;
	*refund = 0;
	/* Every booking's row first, then each one's timeslot, as
	 * order_cancel_txn does. */
	for (i = 0; i < n; i++)
		if ((rc = booking_lock(db, a, who, ids[i], &b[i])) != OK)
			return rc;
	for (i = 0; i < n; i++) {
		if (!booking_to_come(&b[i], who, now))
			continue;
		share = booking_refund_quote(&b[i], who);
		if ((rc = cancel_locked(db, a, who, &b[i], share, 0)) != OK ||
		    (rc = lock_slot(db, a, b[i].timeslot_id, &s)) != OK ||
		    (rc = promote_waiting(db, a, &s)) != OK)
			return rc;
		*refund += share;
		(*cancelled)++;
	}
	return *cancelled > 0 ? OK : INVALID_STATE;
}

static int
reactivate_txn(struct db *db, void *ctx)
{
	struct action *c = ctx;
	struct arena *a = c->arena;
	struct booking b;
	struct slot_lock s;
	const char *status, *payment, *message;
	long long price;
	const char *why;
	int rc, hold, kept, prev;

	if ((rc = booking_lock(db, a, c->who, c->id, &b)) != OK)
		return rc;
	if (!booking_allows(&b, BK_REACTIVATE, c->who, time(NULL)))
		return INVALID_STATE;
	/* Money already taken and never returned still pays for the seat,
	 * and what was refunded or is due stays so; otherwise it is a new
	 * sale at today's price, with nothing paid yet. In a room that
	 * requires approval it waits for an admin's again. Held to the
	 * user's limits as a new booking is, a paid one not as a hold. */
	if ((rc = lock_slot(db, a, b.timeslot_id, &s)) != OK)
		return rc;
	kept = strcmp(b.payment_status, "paid") == 0;
	if (kept)
		slot_price(&s, 0, 0);
	if ((rc = check_bookable(db, a, &s, b.user_id)) != OK ||
	    (rc = seat_quota(db, a, b.user_id, &s, &why)) != OK)
		return rc;
	if (kept) {
		status = "confirmed", payment = "paid", price = b.price, hold = 0;
	} else if (s.price == 0) {
		status = "confirmed", payment = "paid", price = 0, hold = 0;
	} else {
		status = "pending", payment = "pending", price = s.price, hold = 1;
	}
	if (s.approval)
		status = "pending", hold = 0;
	if (db_exec(db, "UPDATE bookings SET status = ?, payment_status = ?,"
	    " price = ? / 100, paid_amount = IF(?, paid_amount, 0),"
	    " refund_amount = IF(?, refund_amount, 0), cancelled_at = NULL,"
	    " approval = IF(?, 'awaiting', approval),"
	    " hold_expires_at = IF(?, UTC_TIMESTAMP() + INTERVAL ? MINUTE, NULL),"
	    " base_price = IF(?, base_price, ? / 100),"
	    " discount_amount = IF(?, discount_amount, 0), tax_amount = IF(?, tax_amount,"
	    " ? / 100), total_price = price, discount_id = IF(?, discount_id, NULL)"
	    " WHERE id = ?", "sslii" "iii" "il" "iil" "i" "l", status, payment, price, kept,
	    kept, s.approval, hold, cfg.hold_minutes, kept, price == 0 ? 0 : s.base, kept,
	    kept, price == 0 ? 0 : s.tax, kept, b.id) < 0)
		return db_errno(db) == DB_DUP_KEY ? ALREADY_BOOKED : ERR;
	if (hold && hold_noted(db, b.id) != OK)
		return ERR;
	if ((rc = booking_seats_add(db, s.id, 1)) != OK)
		return rc;
	if (strcmp(status, "confirmed") == 0 && plan_reminders(db, b.id, b.start) != OK)
		return ERR;
	prev = booking_owner_language(db, a, b.user_id, c->who);
	message = arena_printf(a, _("Reactivated: %s.%s"), describe(a, b.room_name, b.start),
	    s.approval ? _(" It needs an admin's approval again.") : "");
	lang_use(prev);
	return record(db, a, b.id, b.user_id, "reactivated", c->who, "cancelled",
	    status, s.approval ? "{\"approval\":\"awaiting\"}" : NULL, message);
}

int
booking_reactivate(struct db *db, struct arena *a, const struct actor *who,
    long long id)
{
	struct action c = { a, who, id, 0, 0 };

	return db_txn(db, reactivate_txn, &c);
}

static int
reschedule_txn(struct db *db, void *ctx)
{
	struct action *c = ctx;
	struct arena *a = c->arena;
	struct booking b;
	struct slot_lock from, to;
	const char *message;
	long long refund, off;
	int rc, prev;

	if ((rc = booking_lock(db, a, c->who, c->id, &b)) != OK)
		return rc;
	if (!booking_allows(&b, BK_RESCHEDULE, c->who, time(NULL)))
		return INVALID_STATE;
	if (c->slot_id == b.timeslot_id)
		return ALREADY_BOOKED;
	/* Both timeslots, in id order; the booking's own is always there. */
	if (b.timeslot_id < c->slot_id) {
		if ((rc = lock_slot(db, a, b.timeslot_id, &from)) != OK ||
		    (rc = lock_slot(db, a, c->slot_id, &to)) != OK)
			return rc == NOT_FOUND ? SLOT_MISSING : rc;
	} else if ((rc = lock_slot(db, a, c->slot_id, &to)) != OK ||
	    (rc = lock_slot(db, a, b.timeslot_id, &from)) != OK)
		return rc == NOT_FOUND ? SLOT_MISSING : rc;
	if (to.room_id != b.room_id)
		return OTHER_ROOM;
	if ((rc = check_bookable(db, a, &to, b.user_id)) != OK)
		return rc;
	/* The booking's discount code goes with it. */
	if (discount_moved(db, a, b.id, to.room_id, to.event_id, to.base, &off) != OK)
		return ERR;
	slot_price(&to, to.base, off);
	/* Rule 16: a move never asks for money; what was paid beyond the
	 * new price is due back. */
	if (to.price > b.paid_amount)
		return PRICE_DIFFERS;
	refund = b.paid_amount - to.price;
	if (db_exec(db, "UPDATE bookings SET timeslot_id = ?, price = ? / 100,"
	    " paid_amount = ? / 100, refund_amount = refund_amount + ? / 100,"
	    " start_time = ?, end_time = ?, base_price = ? / 100, discount_amount = ? / 100,"
	    " tax_amount = ? / 100, total_price = price,"
	    " discount_id = IF(? > 0, discount_id, NULL) WHERE id = ?", "llllss" "llll" "l",
	    to.id, to.price, to.price, refund, to.start, to.end, to.base, to.discount,
	    to.tax, to.discount, b.id) < 0)
		return db_errno(db) == DB_DUP_KEY ? ALREADY_BOOKED : ERR;
	if (booking_seats_add(db, from.id, -1) != OK ||
	    (rc = booking_seats_add(db, to.id, 1)) != OK)
		return rc == OK ? ERR : rc;
	if (cancel_reminders(db, b.id) != OK || plan_reminders(db, b.id, to.start) != OK ||
	    promote_waiting(db, a, &from) != OK)
		return ERR;
	prev = booking_owner_language(db, a, b.user_id, c->who);
	message = arena_printf(a, _("Rescheduled: %s, now %s.%s"),
	    describe(a, b.room_name, b.start), fmt_local(a, to.start, FMT_WHEN), refund > 0 ?
	    arena_printf(a, _(" %s will be refunded."), money_show(a, refund)) : "");
	lang_use(prev);
	return record(db, a, b.id, b.user_id, "rescheduled", c->who, b.status,
	    b.status, arena_printf(a, "{\"from\":%lld,\"to\":%lld,\"refund\":\"%s\"}",
	    from.id, to.id, money_fmt(a, refund)), message);
}

int
booking_reschedule(struct db *db, struct arena *a, const struct actor *who,
    long long id, long long slot_id)
{
	struct action c = { a, who, id, slot_id, 0 };

	return db_txn(db, reschedule_txn, &c);
}

/* Records b's arrival, by who; message tells the owner, in the owner's
 * language. */
static int
check_in(struct db *db, struct arena *a, const struct booking *b, const struct actor *who,
    const char *message)
{
	if (db_exec(db, "UPDATE bookings SET checked_in_at = UTC_TIMESTAMP()"
	    " WHERE id = ?", "l", b->id) < 0)
		return ERR;
	return record(db, a, b->id, b->user_id, "checked_in", who, b->status, b->status,
	    NULL, message);
}

struct transition {
	struct arena		*arena;
	const struct actor	*who;
	long long		 id;
	enum bk_action		 action;
	const char		*payment_id;
};

/* An admin approves a booking that awaited it: confirmed when nothing is
 * left to pay, else held for payment from now, as a new booking is. */
static int
approve_locked(struct db *db, struct arena *a, const struct actor *who,
    const struct booking *b)
{
	int paid = b->price == 0 || strcmp(b->payment_status, "paid") == 0;
	int prev = booking_owner_language(db, a, b->user_id, who);
	const char *what = describe(a, b->room_name, b->start);
	const char *message = paid ? arena_printf(a, _("Approved and confirmed: %s."), what) :
	    arena_printf(a, _("Approved: %s. Pay within %d minutes to keep it."), what,
	    cfg.hold_minutes);

	lang_use(prev);

	if (db_exec(db, "UPDATE bookings SET approval = 'approved',"
	    " status = IF(?, 'confirmed', 'pending'),"
	    " payment_status = IF(?, 'paid', payment_status),"
	    " hold_expires_at = IF(?, NULL, UTC_TIMESTAMP() + INTERVAL ? MINUTE)"
	    " WHERE id = ?", "iiiil", paid, paid, paid, cfg.hold_minutes, b->id) < 0 ||
	    (paid ? plan_reminders(db, b->id, b->start) : hold_noted(db, b->id)) != OK)
		return ERR;
	return record(db, a, b->id, b->user_id, "approved", who, b->status,
	    paid ? "confirmed" : "pending", NULL, message);
}

static int
transition_txn(struct db *db, void *ctx)
{
	struct transition *c = ctx;
	struct arena *a = c->arena;
	struct booking b;
	struct slot_lock s;
	const char *what, *message;
	int rc, prev;

	if ((rc = booking_lock(db, a, c->who, c->id, &b)) != OK)
		return rc;
	if (!booking_allows(&b, c->action, c->who, time(NULL)))
		return INVALID_STATE;
	prev = booking_owner_language(db, a, b.user_id, c->who);
	what = describe(a, b.room_name, b.start);
	switch (c->action) {
	case BK_CONFIRM:
		message = arena_printf(a, _("Payment received; confirmed: %s."), what);
		break;
	case BK_COMPLETE:
		message = arena_printf(a, _("Completed: %s. Thank you for coming."), what);
		break;
	case BK_NO_SHOW:
		message = arena_printf(a, _("Marked as not attended: %s."), what);
		break;
	case BK_CHECK_IN:
		message = arena_printf(a, _("Checked in: %s."), what);
		break;
	case BK_CHECK_OUT:
		message = arena_printf(a, _("Checked out: %s."), what);
		break;
	default:
		message = NULL;
		break;
	}
	lang_use(prev);
	switch (c->action) {
	case BK_CONFIRM:
		if (db_exec(db, "UPDATE bookings SET status = 'confirmed',"
		    " payment_status = 'paid', paid_amount = price, payment_id = ?,"
		    " hold_expires_at = NULL WHERE id = ?", "sl", c->payment_id, b.id) < 0 ||
		    plan_reminders(db, b.id, b.start) != OK)
			return ERR;
		return record(db, a, b.id, b.user_id, "confirmed", c->who, b.status,
		    "confirmed", json_text(a, "paymentId", c->payment_id), message);
	case BK_COMPLETE:
	case BK_NO_SHOW:
		if (db_exec(db, "UPDATE bookings SET status = ? WHERE id = ?", "sl",
		    c->action == BK_COMPLETE ? "completed" : "no_show", b.id) < 0 ||
		    booking_seats_add(db, b.timeslot_id, -1) != OK ||
		    cancel_reminders(db, b.id) != OK)
			return ERR;
		return record(db, a, b.id, b.user_id,
		    c->action == BK_COMPLETE ? "completed" : "no_show", c->who, b.status,
		    c->action == BK_COMPLETE ? "completed" : "no_show", NULL, message);
	case BK_APPROVE:
		return approve_locked(db, a, c->who, &b);
	case BK_DECLINE:
		if ((rc = cancel_locked(db, a, c->who, &b, booking_refund_quote(&b, c->who),
		    1)) != OK || (rc = lock_slot(db, a, b.timeslot_id, &s)) != OK)
			return rc;
		return promote_waiting(db, a, &s);
	case BK_CHECK_IN:
		return check_in(db, a, &b, c->who, message);
	case BK_CHECK_OUT:
		if (db_exec(db, "UPDATE bookings SET checked_out_at = UTC_TIMESTAMP()"
		    " WHERE id = ?", "l", b.id) < 0)
			return ERR;
		return record(db, a, b.id, b.user_id, "checked_out", c->who, b.status,
		    b.status, NULL, message);
	default:
		break;		/* the owner's actions have transactions of their own */
	}
	return INVALID_STATE;
}

int
booking_transition(struct db *db, struct arena *a, const struct actor *who,
    long long id, enum bk_action action, const char *payment_id)
{
	struct transition c = { a, who, id, action, payment_id };

	return db_txn(db, transition_txn, &c);
}

struct ticket_scan {
	struct arena		*arena;
	const struct actor	*who;
	const char		*code;
	struct booking		*booking;
};

static int
ticket_txn(struct db *db, void *ctx)
{
	struct ticket_scan *c = ctx;
	struct actor door = *c->who;
	struct db_res *res;
	const char *message;
	int rc, prev;

	/* The router checked the role; the query reads it again, so a role
	 * taken away in between, or a route that forgot, checks no one in. */
	res = db_query(db, c->arena, "SELECT b.id FROM bookings b WHERE b.ticket_code = ?"
	    " AND EXISTS (SELECT 1 FROM users s WHERE s.id = ?"
	    "   AND s.role IN ('admin','staff')) FOR UPDATE", "sl", c->code, c->who->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	door.admin = 1;		/* sees the booking, in an admin's window */
	if ((rc = booking_get(db, c->arena, db_int(res, 0, 0), &door, c->booking)) != OK)
		return rc;
	switch (c->booking->state) {
	case BOOKING_PENDING:
		return NOT_FOUND;	/* unpaid: no ticket yet */
	case BOOKING_CANCELLED:
		return TICKET_CANCELLED;
	default:
		break;
	}
	if (c->booking->checked_in_at != NULL)
		return ALREADY_CHECKED_IN;
	if (!booking_allows(c->booking, BK_CHECK_IN, &door, time(NULL)))
		return NOT_NOW;
	prev = booking_owner_language(db, c->arena, c->booking->user_id, c->who);
	message = arena_printf(c->arena, _("Checked in: %s."),
	    describe(c->arena, c->booking->room_name, c->booking->start));
	lang_use(prev);
	if (check_in(db, c->arena, c->booking, c->who, message) != OK)
		return ERR;
	return booking_get(db, c->arena, c->booking->id, &door, c->booking);
}

int
booking_check_in_ticket(struct db *db, struct arena *a, const struct actor *who,
    const char *code, struct booking *b)
{
	struct ticket_scan c = { a, who, code, b };

	memset(b, 0, sizeof(*b));
	return db_txn(db, ticket_txn, &c);
}

const char *
booking_ticket_answer(struct arena *a, int rc, const struct booking *b)
{
	switch (rc) {
	case OK:
		return arena_printf(a, _("Checked in %s"), fmt_local(a, b->checked_in_at,
		    FMT_TIME));
	case ALREADY_CHECKED_IN:
		return arena_printf(a, _("Already checked in at %s"),
		    fmt_local(a, b->checked_in_at, FMT_TIME));
	case NOT_NOW:
		return arena_printf(a, _("This ticket is for %s"), fmt_local(a, b->start,
		    FMT_WHEN));
	case TICKET_CANCELLED:
		return _("Cancelled");
	default:
		return _("Unknown ticket");
	}
}

/* A payment for a hold that ran out: the seat is taken again under the
 * timeslot's lock if rules 1 to 3 allow, and the booking confirmed. */
static int
retake_txn(struct db *db, void *ctx)
{
	struct transition *c = ctx;
	struct arena *a = c->arena;
	struct booking b;
	struct slot_lock s;
	const char *message;
	time_t hold;
	int rc, held, prev;

	if ((rc = booking_lock(db, a, c->who, c->id, &b)) != OK)
		return rc;
	held = b.state == BOOKING_PENDING && (b.hold_expires_at == NULL ||
	    dbtime_parse(b.hold_expires_at, &hold) != 0 || hold > time(NULL));
	if (held || strcmp(b.payment_status, "pending") != 0 ||
	    (b.state != BOOKING_PENDING && b.state != BOOKING_CANCELLED))
		return INVALID_STATE;
	if ((rc = lock_slot(db, a, b.timeslot_id, &s)) != OK)
		return rc;
	if (b.hold_lapsed) {
		if (expire_one(db, a, b.id, s.id, b.user_id, b.room_name, b.start) != OK)
			return ERR;
		s.booked--;
	}
	if ((rc = check_bookable(db, a, &s, b.user_id)) != OK)
		return rc;
	if (db_exec(db, "UPDATE bookings SET status = 'confirmed', payment_status = 'paid',"
	    " paid_amount = price, payment_id = ?, refund_amount = 0, cancelled_at = NULL,"
	    " hold_expires_at = NULL WHERE id = ?", "sl", c->payment_id, b.id) < 0)
		return db_errno(db) == DB_DUP_KEY ? ALREADY_BOOKED : ERR;
	if ((rc = booking_seats_add(db, s.id, 1)) != OK)
		return rc;
	if (plan_reminders(db, b.id, b.start) != OK)
		return ERR;
	prev = booking_owner_language(db, a, b.user_id, c->who);
	message = arena_printf(a, _("Payment received; confirmed: %s."),
	    describe(a, b.room_name, b.start));
	lang_use(prev);
	return record(db, a, b.id, b.user_id, "confirmed", c->who, "cancelled",
	    "confirmed", json_text(a, "paymentId", c->payment_id), message);
}

int
booking_retake(struct db *db, struct arena *a, const struct actor *who,
    long long id, const char *payment_id)
{
	struct transition c = { a, who, id, BK_CONFIRM, payment_id };

	return db_txn(db, retake_txn, &c);
}

struct slot_cancel {
	struct arena		*arena;
	const struct actor	*who;
	long long		 id;
	int			 cancelled;
};

/* A cancelled timeslot's waiting list goes, each who waited told so. */
static int
waitlist_end(struct db *db, struct arena *a, const struct actor *who,
    const struct slot_lock *s)
{
	struct db_res *res;
	const char *message;
	int i, prev;

	res = db_query(db, a, "SELECT user_id FROM waitlist WHERE timeslot_id = ?"
	    " ORDER BY id FOR UPDATE", "l", s->id);
	if (res == NULL)
		return ERR;
	for (i = 0; i < res->nrows; i++) {
		prev = booking_owner_language(db, a, db_int(res, i, 0), who);
		message = arena_printf(a, _("%s was cancelled; you are no longer on its"
		    " waiting list."), describe(a, s->room_name, s->start));
		lang_use(prev);
		if (notify_add(db, db_int(res, i, 0), message,
		    arena_printf(a, "/timeslots/%lld", s->id)) != OK)
			return ERR;
	}
	return db_exec(db, "DELETE FROM waitlist WHERE timeslot_id = ?", "l", s->id) < 0 ?
	    ERR : OK;
}

/* A cancelled timeslot cancels its bookings: in full refund, as an admin's
 * cancellation, each with its event and notification, and ends its
 * waiting list. */
static int
slot_cancel_txn(struct db *db, void *ctx)
{
	struct slot_cancel *c = ctx;
	struct db_res *res;
	struct slot_lock s;
	struct booking b;
	int i, rc;

	c->cancelled = 0;
	if ((rc = lock_slot(db, c->arena, c->id, &s)) != OK)
		return rc;
	if (!slot_move_allowed(s.status, "canceled"))
		return INVALID_STATE;
	if (db_exec(db, "UPDATE timeslots SET status = 'canceled' WHERE id = ?",
	    "l", s.id) < 0)
		return ERR;
	res = db_query(db, c->arena, "SELECT b.id FROM bookings b WHERE b.timeslot_id = ?"
	    " AND " BOOKING_ACTIVE " ORDER BY b.id FOR UPDATE", "l", s.id);
	if (res == NULL)
		return ERR;
	for (i = 0; i < res->nrows; i++) {
		if (booking_get(db, c->arena, db_int(res, i, 0), c->who, &b) != OK ||
		    cancel_locked(db, c->arena, c->who, &b,
		    booking_refund_quote(&b, c->who), 0) != OK)
			return ERR;
		c->cancelled++;
	}
	return waitlist_end(db, c->arena, c->who, &s);
}

int
booking_cancel_slot(struct db *db, struct arena *a, const struct actor *who,
    long long slot_id, int *cancelled)
{
	struct slot_cancel c = { a, who, slot_id, 0 };
	int rc = db_txn(db, slot_cancel_txn, &c);

	*cancelled = c.cancelled;
	return rc;
}

struct expiry {
	struct arena	*arena;
	const char	*now;
	long long	 id;
	int		 done;
};

static int
expire_txn(struct db *db, void *ctx)
{
	struct expiry *e = ctx;
	struct slot_lock s;
	struct db_res *res;
	long long owner, slot;
	int rc;

	e->done = 0;
	res = db_query(db, e->arena, "SELECT user_id FROM bookings WHERE id = ?"
	    " AND status = 'pending' AND hold_expires_at <= COALESCE(?, UTC_TIMESTAMP())"
	    " FOR UPDATE", "ls", e->id, e->now);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return OK;		/* paid or cancelled meanwhile */
	owner = db_int(res, 0, 0);
	res = db_query(db, e->arena, "SELECT r.name, t.start_time, t.id FROM bookings b"
	    " JOIN timeslots t ON t.id = b.timeslot_id JOIN rooms r ON r.id = b.room_id"
	    " WHERE b.id = ?", "l", e->id);
	if (res == NULL || res->nrows == 0)
		return ERR;
	slot = db_int(res, 0, 2);
	e->done = 1;
	if ((rc = expire_one(db, e->arena, e->id, slot, owner,
	    db_val(res, 0, 0), db_val(res, 0, 1))) != OK ||
	    (rc = lock_slot(db, e->arena, slot, &s)) != OK)
		return rc;
	return promote_waiting(db, e->arena, &s);
}

int
booking_expire_holds(struct db *db, struct arena *a, const char *now)
{
	struct expiry e = { a, now, 0, 0 };
	struct db_res *res;
	int i, n = 0;

	res = db_query(db, a, "SELECT id FROM bookings WHERE status = 'pending'"
	    " AND hold_expires_at <= COALESCE(?, UTC_TIMESTAMP()) ORDER BY id", "s", now);
	if (res == NULL)
		return -1;
	for (i = 0; i < res->nrows; i++) {
		e.id = db_int(res, i, 0);
		if (db_txn(db, expire_txn, &e) != OK)
			return -1;
		n += e.done;
	}
	return hold_hints(db, a, now) == OK ? n : -1;
}

/* The place in line of user's row for the timeslot: 1 for the first, 0
 * when not waiting. */
int
booking_waitlist_position(struct db *db, struct arena *a, long long slot_id,
    long long user_id, long long *position)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT COUNT(*) FROM waitlist w JOIN waitlist me"
	    " ON me.timeslot_id = w.timeslot_id AND me.user_id = ? AND w.id <= me.id"
	    " WHERE w.timeslot_id = ?", "ll", user_id, slot_id);
	if (res == NULL)
		return ERR;
	*position = db_int(res, 0, 0);
	return OK;
}

struct waiting {
	struct arena		*arena;
	const struct actor	*who;
	long long		 slot_id;
	long long		 position;
};

static int
join_txn(struct db *db, void *ctx)
{
	struct waiting *c = ctx;
	struct slot_lock s;
	int rc;

	if ((rc = lock_slot(db, c->arena, c->slot_id, &s)) != OK)
		return rc;
	/* Written, not only locked: a seat freed through another Galera node
	 * at once conflicts with the join, and the later is retried
	 * (sql/046_slot_turns.sql). */
	if (db_exec(db, "UPDATE timeslots SET turns = turns + 1, updated_at = updated_at"
	    " WHERE id = ?", "l", s.id) < 0)
		return ERR;
	/* Only a full timeslot has a line; one with a free seat is booked. */
	rc = check_bookable(db, c->arena, &s, c->who->user_id);
	if (rc == OK)
		return NOT_FULL;
	if (rc != SLOT_FULL)
		return rc;
	if (db_exec(db, "INSERT INTO waitlist (timeslot_id, user_id) VALUES (?, ?)",
	    "ll", s.id, c->who->user_id) < 0)
		return db_errno(db) == DB_DUP_KEY ? ALREADY_WAITING : ERR;
	return booking_waitlist_position(db, c->arena, s.id, c->who->user_id,
	    &c->position);
}

int
booking_waitlist_join(struct db *db, struct arena *a, const struct actor *who,
    long long slot_id, long long *position)
{
	struct waiting c = { a, who, slot_id, 0 };
	int rc = db_txn(db, join_txn, &c);

	*position = c.position;
	return rc;
}

int
booking_waitlist_leave(struct db *db, const struct actor *who, long long slot_id)
{
	long long n = db_exec(db, "DELETE FROM waitlist WHERE timeslot_id = ? AND user_id = ?",
	    "ll", slot_id, who->user_id);

	if (n < 0)
		return ERR;
	return n == 0 ? NOT_FOUND : OK;
}

int
booking_waitlist_list(struct db *db, struct arena *a, long long user_id,
    struct waitlist_entry **out, int *n)
{
	struct db_res *res;
	int i;

	res = db_query(db, a, "SELECT w.timeslot_id, w.created_at, t.start_time, t.end_time,"
	    " r.name, e.title, (SELECT COUNT(*) FROM waitlist o"
	    "   WHERE o.timeslot_id = w.timeslot_id AND o.id <= w.id)"
	    " FROM waitlist w JOIN timeslots t ON t.id = w.timeslot_id"
	    " JOIN rooms r ON r.id = t.room_id LEFT JOIN events e ON e.id = t.event_id"
	    " WHERE w.user_id = ? ORDER BY t.start_time, w.id", "l", user_id);
	if (res == NULL)
		return ERR;
	*out = arena_calloc(a, (size_t)res->nrows, sizeof(**out));
	*n = res->nrows;
	for (i = 0; i < res->nrows; i++) {
		struct waitlist_entry *w = &(*out)[i];

		w->timeslot_id = db_int(res, i, 0);
		w->created_at = db_val(res, i, 1);
		w->start = db_val(res, i, 2);
		w->end = db_val(res, i, 3);
		w->room_name = db_val(res, i, 4);
		w->event_title = db_val(res, i, 5);
		w->position = db_int(res, i, 6);
	}
	return OK;
}
