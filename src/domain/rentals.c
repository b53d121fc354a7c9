/* domain/rentals.c: a room rented by the whole day or the calendar month:
 * one session over its opening hours in that span, made and booked at once */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "db/db.h"
#include "domain/appointments.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/rentals.h"

/*
 * Locking order: the room's row, then (booking_create_many) the new
 * session's, as an appointment's. Whoever adds a session to a room holds
 * the room's row first, so a day and an hour booked at once take turns
 * and the second sees the first's session (rule 15).
 */

#define MINUTES_OF_DAY	(24 * 60)
#define CLASHES_NAMED	5	/* the sessions a refusal names one by one */

const char *
rental_type(enum rental_span span)
{
	return span == RENTAL_MONTH ? "monthly" : "daily";
}

const char *
rental_kind(const char *booking_type)
{
	if (booking_type != NULL && (strcmp(booking_type, "daily") == 0 ||
	    strcmp(booking_type, "monthly") == 0))
		return booking_type;
	return "hourly";
}

/* The room as a rental needs it, its row locked. */
static int
lock_room(struct db *db, struct arena *a, struct rental *r, long long *rate)
{
	struct db_res *res;
	const char *v;
	int rc;

	if ((rc = room_hold(db, r->room_id)) != OK)
		return rc;
	res = db_query(db, a, "SELECT is_active, IF(?, monthly_rate, daily_rate)"
	    " FROM rooms WHERE id = ?", "il", r->span == RENTAL_MONTH, r->room_id);
	if (res == NULL)
		return ERR;
	if (db_int(res, 0, 0) == 0)
		return SLOT_UNAVAILABLE;
	if ((v = db_val(res, 0, 1)) == NULL) {
		r->why = r->span == RENTAL_MONTH ?
		    _("This room has no monthly rate: it is not rented by the month.") :
		    _("This room has no daily rate: it is not rented by the whole day.");
		return NO_RATE;
	}
	*rate = money_cents(v);
	return OK;
}

/* minutes after date's local midnight (24:00: the next midnight), UTC. */
static int
local_utc(const char *date, int minutes, char out[20])
{
	char day[11], local[20];

	if (date_add_days(date, minutes / MINUTES_OF_DAY, day) != 0)
		return -1;
	minutes %= MINUTES_OF_DAY;
	snprintf(local, sizeof(local), "%sT%02d:%02d", day, minutes / 60, minutes % 60);
	return datetime_input(local, out);
}

/* From the opening of the span's first open day to the closing of its
 * last; ROOM_CLOSED when it has none. */
static int
span_of(struct db *db, struct arena *a, struct rental *r, char start[20], char end[20])
{
	struct room_hours week[7], *h;
	char first[11], day[11];
	int i, days = r->span == RENTAL_MONTH ? 31 : 1, open = 0;

	if (r->span == RENTAL_MONTH ? month_parse(r->when, first) != 0 :
	    snprintf(first, sizeof(first), "%s", r->when) != 10)
		return INVALID;
	if (room_hours_week(db, a, r->room_id, week) != OK)
		return ERR;
	for (i = 0; i < days; i++) {
		if (date_add_days(first, i, day) != 0 || strncmp(day, first, 7) != 0)
			break;
		h = &week[date_weekday(day)];
		if (h->closes == 0)
			continue;
		if ((!open && local_utc(day, h->opens, start) != 0) ||
		    local_utc(day, h->closes, end) != 0)
			return INVALID;
		open = 1;
	}
	if (!open) {
		r->why = r->span == RENTAL_MONTH ? _("The room is not open on any day of that"
		    " month.") : _("The room is not open on that day.");
		return ROOM_CLOSED;
	}
	return OK;
}

/* Rule 15's refusal in words: the first sessions in the way, and how
 * many more there are. */
static const char *
clash_words(struct arena *a, const struct slot *s, int n)
{
	struct buf b;
	int i;

	buf_init(&b, a);
	for (i = 0; i < n && i < CLASHES_NAMED; i++) {
		if (i > 0)
			buf_puts(&b, "; ");
		buf_printf(&b, _("timeslot %lld (%s %s–%s)"), s[i].id,
		    fmt_local(a, s[i].start, FMT_DATE_SHORT), fmt_local(a, s[i].start, FMT_TIME),
		    fmt_local(a, s[i].end, FMT_TIME));
	}
	if (n > CLASHES_NAMED)
		buf_printf(&b, P_(" and %d more", " and %d more",
		    (unsigned long)(n - CLASHES_NAMED)), n - CLASHES_NAMED);
	return arena_printf(a, _("This overlaps another session of the room: %s. A room"
	    " holds one session at a time."), buf_cstr(&b));
}

/*
 * The live sessions of the room in [start, end): none (*slot 0), or only
 * the span's own session from an earlier rental (*slot its id), else
 * OVERLAPS with r->clash. Its own session is the room's (no event), of
 * one place, over exactly the span, at the rate.
 */
static int
overlapping(struct db *db, struct arena *a, struct rental *r, const char *start,
    const char *end, long long price, long long *slot)
{
	struct slot *s;
	int i, n, k = 0;

	*slot = 0;
	if (room_slots_over(db, a, r->room_id, start, end, &s, &n) != OK)
		return ERR;
	r->clash = arena_calloc(a, (size_t)(n > 0 ? n : 1), sizeof(*r->clash));
	for (i = 0; i < n; i++)
		if (slot_is_live(&s[i]))
			r->clash[k++] = s[i];
	if (k == 0)
		return OK;
	if (k == 1 && r->clash[0].event_id == 0 && r->clash[0].capacity == 1 &&
	    r->clash[0].price == price && strcmp(r->clash[0].start, start) == 0 &&
	    strcmp(r->clash[0].end, end) == 0) {
		*slot = r->clash[0].id;
		return OK;
	}
	r->nclash = k;
	r->why = clash_words(a, r->clash, k);
	return OVERLAPS;
}

struct rent {
	struct arena		*arena;
	const struct actor	*who;
	struct rental		*r;
};

static int
rent_txn(struct db *db, void *ctx)
{
	struct rent *c = ctx;
	struct arena *a = c->arena;
	struct rental *r = c->r;
	struct db_res *res;
	char start[20], end[20], now[20];
	long long rate, slot, order;
	int rc, failed;

	r->why = NULL;
	r->nclash = 0;
	if ((rc = lock_room(db, a, r, &rate)) != OK ||
	    (rc = span_of(db, a, r, start, end)) != OK)
		return rc;
	dbtime_now(now);
	if (strcmp(start, now) <= 0) {
		r->why = r->span == RENTAL_MONTH ? _("That month has already begun.") :
		    _("That day has already begun.");
		return SLOT_PAST;
	}
	if ((rc = overlapping(db, a, r, start, end, rate, &slot)) != OK)
		return rc;
	if (slot == 0) {
		if (db_exec(db, "INSERT INTO timeslots (room_id, start_time, end_time, price,"
		    " max_bookings, status) VALUES (?, ?, ?, ? / 100, 1, 'scheduled')", "lssl",
		    r->room_id, start, end, rate) < 0)
			return ERR;
		slot = db_insert_id(db);
	}
	if ((rc = booking_create_many(db, a, c->who, &slot, 1, rental_type(r->span), NULL,
	    &order, &failed, &r->why)) != OK)
		return rc;
	res = db_query(db, a, "SELECT id FROM bookings WHERE order_id = ?", "l", order);
	if (res == NULL || res->nrows != 1)
		return ERR;
	r->booking_id = db_int(res, 0, 0);
	return OK;
}

int
rental_book(struct db *db, struct arena *a, const struct actor *who, struct rental *r)
{
	struct rent c = { a, who, r };
	int rc = db_txn(db, rent_txn, &c);

	if (r->why == NULL)
		r->why = result_message(rc);
	return rc;
}
