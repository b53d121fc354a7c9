/* domain/series.c: recurring bookings: a room slot repeated every week or
 * every two weeks, each date matched to the room's timeslot at that time
 * and the free ones booked under one order */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/fields.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "db/db.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/series.h"

/*
 * Locking order, booking.c's: booking_create_some locks the dates'
 * timeslots in ascending id (however the dates fall), so a series, a
 * checkout and a single booking of the same timeslots wait for each other
 * instead of deadlocking; db_txn runs a transaction that lost a deadlock
 * again. A cancellation locks the series' bookings in id order, then each
 * one's timeslot.
 */

const char *const series_outcomes[SERIES_OUTCOMES + 1] = {
	[SERIES_AVAILABLE] = "available",
	[SERIES_BOOKED] = "booked",
	[SERIES_TAKEN] = "taken",
	[SERIES_MISSING] = "missing",
	[SERIES_OVERLAPS] = "overlaps",
	[SERIES_QUOTA] = "quota",
	[SERIES_CANCELLED] = "cancelled",
	[SERIES_OUTCOMES] = NULL,
};

const char *const series_everies[] = { "week", "2weeks", NULL };

static const char *const outcome_text[SERIES_OUTCOMES] = {
	[SERIES_AVAILABLE] = N_("Available."),
	[SERIES_BOOKED] = N_("Booked."),
	[SERIES_TAKEN] = N_("Taken: the room is booked at that time."),
	[SERIES_MISSING] = N_("The room has no timeslot at that time."),
	[SERIES_OVERLAPS] = N_("Another session of the room takes that time."),
	[SERIES_QUOTA] = N_("Over one of your booking limits."),
	[SERIES_CANCELLED] = N_("Booked, and cancelled since."),
};

static enum series_outcome
outcome_parse(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < SERIES_OUTCOMES; i++)
		if (strcmp(name, series_outcomes[i]) == 0)
			return (enum series_outcome)i;
	return SERIES_MISSING;
}

/* The input's problems, by field, for a series starting at timeslot s. */
static void
check_input(struct arena *a, const struct series_input *in, const struct slot *s,
    struct field_errors *fe)
{
	char today[11], last[11];
	const char *first;

	if (s->event_id != 0)
		field_error(fe, "timeslotId", "Only a room's own timeslots repeat;"
		    " an event's sessions are booked one by one.");
	if (in->every == NULL)
		field_error(fe, "every", "Repeat every: \"week\" or \"2weeks\".");
	if ((in->count > 0) == (in->until != NULL))
		field_error(fe, "count", "Give how many times (count) or the last date"
		    " (until), one of the two.");
	else if (in->count > SERIES_COUNT_MAX)
		field_error(fe, "count", "How many times: at most %d.", SERIES_COUNT_MAX);
	if (in->until == NULL)
		return;
	date_today(today);
	first = fmt_local(a, s->start, "%Y-%m-%d");
	if (date_add_days(today, SERIES_DAYS_AHEAD, last) != 0 || strcmp(in->until, last) > 0)
		field_error(fe, "until", "Until: at most a year ahead, %s at the latest.",
		    last);
	else if (strcmp(in->until, first) < 0)
		field_error(fe, "until", "Until: on or after the first date, %s.", first);
}

/* The dates of the series, from the first timeslot's: the same local time
 * of day, one or two weeks apart, as long as the first. */
static int
plan_dates(struct arena *a, const struct series_input *in, const struct slot *s,
    struct series *out)
{
	struct series_date *d;
	struct tm base, tm;
	time_t start, end, t;
	char day[11];
	int k, max = SERIES_COUNT_MAX + 2;
	int weeks = strcmp(in->every, "2weeks") == 0 ? 2 : 1;

	if (dbtime_parse(s->start, &start) != 0 || dbtime_parse(s->end, &end) != 0 ||
	    localtime_r(&start, &base) == NULL)
		return ERR;
	out->dates = arena_calloc(a, (size_t)max, sizeof(*out->dates));
	out->n = 0;
	for (k = 0; k < max && (in->count == 0 || k < in->count); k++) {
		tm = base;
		tm.tm_mday += 7 * weeks * k;
		tm.tm_isdst = -1;
		if ((t = mktime(&tm)) == (time_t)-1)
			return ERR;
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		if (in->until != NULL && strcmp(day, in->until) > 0)
			break;
		d = &out->dates[out->n++];
		d->position = k;
		if (dbtime_from(t, d->start) != 0 || dbtime_from(t + (end - start), d->end) != 0)
			return ERR;
	}
	return OK;
}

/* Each later date's timeslot: the room's own at exactly that time (a
 * draft is not for sale), else what else takes the time. */
static int
match_dates(struct db *db, struct arena *a, const struct slot *first, struct series *out)
{
	struct series_date *d;
	struct slot *over, *o;
	int i, j, n;

	out->dates[0].timeslot_id = first->id;
	for (i = 1; i < out->n; i++) {
		d = &out->dates[i];
		d->outcome = SERIES_MISSING;
		if (room_slots_over(db, a, first->room_id, d->start, d->end, &over, &n) != OK)
			return ERR;
		for (j = 0; j < n && d->timeslot_id == 0; j++) {
			o = &over[j];
			if (o->event_id == 0 && strcmp(o->start, d->start) == 0 &&
			    strcmp(o->end, d->end) == 0) {
				if (strcmp(o->status, "draft") != 0)
					d->timeslot_id = o->id;
			} else if (slot_is_live(o) && d->outcome == SERIES_MISSING) {
				d->outcome = SERIES_OVERLAPS;
				d->why = arena_printf(a, _("Timeslot %lld, %s–%s%s%s, takes that time."),
				    o->id, fmt_local(a, o->start, FMT_WHEN),
				    fmt_local(a, o->end, FMT_TIME), o->event_title ? ", " : "",
				    o->event_title ? o->event_title : "");
			}
		}
	}
	return OK;
}

struct slot_date {
	long long	 id;
	int		 date;		/* index in the series' dates */
};

static int
by_slot_id(const void *x, const void *y)
{
	const struct slot_date *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/* Each date's outcome from its timeslot's seat_try. */
static void
set_outcome(struct series_date *d, const struct seat_try *t, int booked)
{
	switch (t->result) {
	case OK:
		d->outcome = booked ? SERIES_BOOKED : SERIES_AVAILABLE;
		d->booking_id = booked ? t->booking_id : 0;
		return;
	case SLOT_FULL:
	case ALREADY_BOOKED:
		d->outcome = SERIES_TAKEN;
		break;
	case QUOTA_EXCEEDED:
		d->outcome = SERIES_QUOTA;
		d->why = t->why;
		return;
	default:		/* not scheduled, the room closed, past */
		d->outcome = SERIES_MISSING;
		break;
	}
	d->why = result_message(t->result);
}

static int
save_series(struct db *db, const struct actor *who, const struct series_input *in,
    struct series *out)
{
	struct series_date *d;
	int i;

	if (db_exec(db, "INSERT INTO booking_series (user_id, room_id, order_id, every,"
	    " all_or_nothing) VALUES (?, ?, ?, ?, ?)", "lllsi", who->user_id, out->room_id,
	    out->order_id, in->every, in->all_or_nothing) < 0)
		return ERR;
	out->id = db_insert_id(db);
	for (i = 0; i < out->n; i++) {
		d = &out->dates[i];
		if (db_exec(db, "INSERT INTO booking_series_dates (series_id, position,"
		    " start_time, end_time, timeslot_id, booking_id, outcome)"
		    " VALUES (?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?)", "lissll" "s",
		    out->id, d->position, d->start, d->end, d->timeslot_id, d->booking_id,
		    series_outcomes[d->outcome]) < 0)
			return ERR;
	}
	return OK;
}

struct booking_series_ctx {
	struct arena			*arena;
	const struct actor		*who;
	const struct series_input	*in;
	struct field_errors		*fe;
	struct series			*out;
	int				 preview;
	int				 result;	/* a preview's */
};

static int
series_txn(struct db *db, void *ctx)
{
	struct booking_series_ctx *c = ctx;
	struct arena *a = c->arena;
	struct series *out = c->out;
	struct slot_date *sd;
	struct seat_try *tries;
	long long *ids;
	struct slot first;
	int i, m = 0, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = slot_get(db, a, c->in->timeslot_id, 0, &first)) != OK)
		return rc;
	check_input(a, c->in, &first, c->fe);
	if (c->fe->n > 0)
		return INVALID;
	out->user_id = c->who->user_id;
	out->room_id = first.room_id;
	out->room_name = first.room_name;
	out->every = c->in->every;
	out->all_or_nothing = c->in->all_or_nothing;
	if (plan_dates(a, c->in, &first, out) != OK || match_dates(db, a, &first, out) != OK)
		return ERR;
	sd = arena_calloc(a, (size_t)out->n, sizeof(*sd));
	for (i = 0; i < out->n; i++)
		if (out->dates[i].timeslot_id != 0) {
			sd[m].id = out->dates[i].timeslot_id;
			sd[m++].date = i;
		}
	qsort(sd, (size_t)m, sizeof(*sd), by_slot_id);
	ids = arena_calloc(a, (size_t)m, sizeof(*ids));
	tries = arena_calloc(a, (size_t)m, sizeof(*tries));
	for (i = 0; i < m; i++)
		ids[i] = sd[i].id;
	rc = booking_create_some(db, a, c->who, ids, m, c->in->all_or_nothing, "series",
	    &out->order_id, tries);
	if (rc != OK && rc != SERIES_EMPTY && rc != SERIES_INCOMPLETE)
		return rc;
	for (i = 0; i < m; i++)
		set_outcome(&out->dates[sd[i].date], &tries[i], rc == OK && !c->preview);
	for (i = 0; i < out->n; i++)
		if (out->dates[i].why == NULL)
			out->dates[i].why = _(outcome_text[out->dates[i].outcome]);
	if (c->preview) {
		/* Nothing of it is kept: the transaction rolls back. */
		out->order_id = 0;
		c->result = rc;
		return CONFLICT;
	}
	if (rc != OK)
		return rc;
	return save_series(db, c->who, c->in, out);
}

static int
run_series(struct db *db, struct arena *a, const struct actor *who,
    const struct series_input *in, struct field_errors *fe, struct series *out,
    int preview)
{
	struct booking_series_ctx c = { a, who, in, fe, out, preview, OK };
	int rc = db_txn(db, series_txn, &c);

	return preview && rc == CONFLICT ? OK : rc;
}

int
series_preview(struct db *db, struct arena *a, const struct actor *who,
    const struct series_input *in, struct field_errors *fe, struct series *out)
{
	return run_series(db, a, who, in, fe, out, 1);
}

int
series_book(struct db *db, struct arena *a, const struct actor *who,
    const struct series_input *in, struct field_errors *fe, struct series *out)
{
	return run_series(db, a, who, in, fe, out, 0);
}

int
series_get(struct db *db, struct arena *a, long long id, const struct actor *who,
    struct series *out)
{
	struct series_date *d;
	struct db_res *res;
	int i, rc;

	memset(out, 0, sizeof(*out));
	res = db_query(db, a, "SELECT s.id, s.user_id, s.room_id, s.order_id, r.name, s.every,"
	    " s.all_or_nothing, s.created_at FROM booking_series s"
	    " JOIN rooms r ON r.id = s.room_id WHERE s.id = ? AND (s.user_id = ? OR ?)",
	    "lli", id, who->user_id, who->admin);
	if ((rc = db_found(res)) != OK)
		return rc;
	out->id = db_int(res, 0, 0);
	out->user_id = db_int(res, 0, 1);
	out->room_id = db_int(res, 0, 2);
	out->order_id = db_int(res, 0, 3);
	out->room_name = db_val(res, 0, 4);
	out->every = db_val(res, 0, 5);
	out->all_or_nothing = db_int(res, 0, 6) != 0;
	out->created_at = db_val(res, 0, 7);
	res = db_query(db, a, "SELECT d.position, d.start_time, d.end_time,"
	    " COALESCE(d.timeslot_id, 0), COALESCE(d.booking_id, 0), d.outcome,"
	    " b.id IS NOT NULL AND " BOOKING_STATUS_SHOWN " = 'cancelled'"
	    " FROM booking_series_dates d LEFT JOIN bookings b ON b.id = d.booking_id"
	    " WHERE d.series_id = ? ORDER BY d.position", "l", out->id);
	if (res == NULL)
		return ERR;
	out->n = res->nrows;
	out->dates = arena_calloc(a, (size_t)res->nrows, sizeof(*out->dates));
	for (i = 0; i < res->nrows; i++) {
		d = &out->dates[i];
		d->position = (int)db_int(res, i, 0);
		snprintf(d->start, sizeof(d->start), "%s", db_val(res, i, 1));
		snprintf(d->end, sizeof(d->end), "%s", db_val(res, i, 2));
		d->timeslot_id = db_int(res, i, 3);
		d->booking_id = db_int(res, i, 4);
		d->outcome = db_int(res, i, 6) ? SERIES_CANCELLED :
		    outcome_parse(db_val(res, i, 5));
		d->why = _(outcome_text[d->outcome]);
	}
	return OK;
}

int
series_of_booking(struct db *db, struct arena *a, long long booking_id,
    long long *series_id)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT series_id FROM booking_series_dates"
	    " WHERE booking_id = ?", "l", booking_id);
	if (res == NULL)
		return ERR;
	*series_id = res->nrows > 0 ? db_int(res, 0, 0) : 0;
	return OK;
}

struct series_cancel_ctx {
	struct arena		*arena;
	const struct actor	*who;
	long long		 id;
	const char		*from;
	int			 cancelled;
	long long		 refund;
};

static int
series_cancel_txn(struct db *db, void *ctx)
{
	struct series_cancel_ctx *c = ctx;
	struct arena *a = c->arena;
	struct db_res *res;
	char lo[20], hi[20];
	long long *ids;
	int i, rc;

	c->cancelled = 0;
	c->refund = 0;
	if ((rc = db_found(db_query(db, a, "SELECT id FROM booking_series WHERE id = ?"
	    " AND (user_id = ? OR ?)", "lli", c->id, c->who->user_id, c->who->admin))) != OK)
		return rc;
	if (c->from != NULL && day_bounds_utc(c->from, lo, hi) != 0)
		return INVALID;
	res = db_query(db, a, "SELECT booking_id FROM booking_series_dates"
	    " WHERE series_id = ? AND booking_id IS NOT NULL AND (? OR start_time >= ?)"
	    " ORDER BY booking_id", "lis", c->id, c->from == NULL, c->from ? lo : "");
	if (res == NULL)
		return ERR;
	ids = arena_calloc(a, (size_t)res->nrows, sizeof(*ids));
	for (i = 0; i < res->nrows; i++)
		ids[i] = db_int(res, i, 0);
	return booking_cancel_some(db, a, c->who, ids, res->nrows, &c->cancelled,
	    &c->refund);
}

int
series_cancel(struct db *db, struct arena *a, const struct actor *who, long long id,
    const char *from, int *cancelled, long long *refund)
{
	struct series_cancel_ctx c = { a, who, id, from, 0, 0 };
	int rc = db_txn(db, series_cancel_txn, &c);

	*cancelled = c.cancelled;
	*refund = c.refund;
	return rc;
}
