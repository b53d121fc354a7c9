/* domain/appointments.c: appointments: sessions of an individual event made
 * when a customer picks a start within its room's bookable hours */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/appointments.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/slotgen.h"

/*
 * Locking order: the room's row, then (booking_create_many) the session's.
 * Only an appointment locks the room, so bookings of existing sessions
 * never wait for it; every appointment of a room does, which is what
 * keeps two of them from making overlapping sessions.
 */

#define MINUTES_OF_DAY	(24 * 60)

int
room_hours_set(struct db *db, struct arena *a, long long room_id,
    const struct room_hours *h)
{
	int rc;

	if (h->weekday < 0 || h->weekday > 6 || h->opens < 0 || h->closes > MINUTES_OF_DAY ||
	    (h->closes != 0 && h->closes <= h->opens))
		return INVALID;
	if ((rc = db_found(db_query(db, a, "SELECT 1 FROM rooms WHERE id = ?", "l",
	    room_id))) != OK)
		return rc;
	if (h->closes == 0)
		return db_exec(db, "DELETE FROM room_hours WHERE room_id = ? AND weekday = ?",
		    "li", room_id, h->weekday) < 0 ? ERR : OK;
	return db_exec(db, "INSERT INTO room_hours (room_id, weekday, opens, closes)"
	    " VALUES (?, ?, SEC_TO_TIME(? * 60), SEC_TO_TIME(? * 60))"
	    " ON DUPLICATE KEY UPDATE opens = VALUES(opens), closes = VALUES(closes)",
	    "liii", room_id, h->weekday, h->opens, h->closes) < 0 ? ERR : OK;
}

struct week {
	struct arena			*arena;
	long long			 room_id;
	const struct room_hours		*days;
	int				 n;
};

static int
week_txn(struct db *db, void *ctx)
{
	struct week *w = ctx;
	int i, rc;

	for (i = 0; i < w->n; i++)
		if ((rc = room_hours_set(db, w->arena, w->room_id, &w->days[i])) != OK)
			return rc;
	return OK;
}

int
room_week_set(struct db *db, struct arena *a, long long room_id,
    const struct room_hours *days, int n)
{
	struct week w = { a, room_id, days, n };

	return db_txn(db, week_txn, &w);
}

static void
hours_fill(const struct db_res *res, int i, void *out)
{
	struct room_hours *h = out;

	h->weekday = (int)db_int(res, i, 0);
	h->opens = (int)db_int(res, i, 1);
	h->closes = (int)db_int(res, i, 2);
}

int
room_hours_list(struct db *db, struct arena *a, long long room_id,
    struct room_hours **out, int *n)
{
	int i;

	*out = db_rows(a, db_query(db, a, "SELECT weekday, TIME_TO_SEC(opens) DIV 60,"
	    " TIME_TO_SEC(closes) DIV 60 FROM room_hours WHERE room_id = ? ORDER BY weekday",
	    "l", room_id), sizeof(**out), hours_fill, n);
	if (*out == NULL)
		return ERR;
	if (*n > 0)
		return OK;
	/* None of its own: the default week. */
	*out = arena_calloc(a, 5, sizeof(**out));
	for (i = 0; i < 5; i++) {
		(*out)[i].weekday = i + 1;
		(*out)[i].opens = ROOM_OPENS_DEFAULT;
		(*out)[i].closes = ROOM_CLOSES_DEFAULT;
	}
	*n = 5;
	return OK;
}

int
room_hours_week(struct db *db, struct arena *a, long long room_id,
    struct room_hours week[7])
{
	struct room_hours *h;
	int i, n;

	if (room_hours_list(db, a, room_id, &h, &n) != OK)
		return ERR;
	for (i = 0; i < 7; i++) {
		week[i].weekday = i;
		week[i].opens = week[i].closes = 0;
	}
	for (i = 0; i < n; i++)
		if (h[i].weekday >= 0 && h[i].weekday < 7 && h[i].opens >= 0 &&
		    h[i].closes <= MINUTES_OF_DAY)
			week[h[i].weekday] = h[i];
	return OK;
}

/* An individual event as appointments need it. */
struct appointable {
	long long	 room_id;
	int		 minutes;
	long long	 rate;		/* the room's, per hour */
};

static int
appointable(struct db *db, struct arena *a, long long event_id, int lock,
    struct appointable *ap)
{
	struct db_res *res;
	int rc;

	res = db_query(db, a, "SELECT e.room_id, e.session_minutes, r.hourly_rate"
	    " FROM events e JOIN rooms r ON r.id = e.room_id WHERE e.id = ?"
	    " AND e.kind = 'individual' AND e.session_minutes > 0 AND r.is_active", "l",
	    event_id);
	if ((rc = db_found(res)) != OK)
		return rc;
	ap->room_id = db_int(res, 0, 0);
	ap->minutes = (int)db_int(res, 0, 1);
	ap->rate = money_cents(db_val(res, 0, 2));
	/* The room's row: every appointment of the room waits here (the
	 * row was just read, so it is there). */
	if (lock && room_hold(db, ap->room_id) != OK)
		return ERR;
	return OK;
}

/* The starts of date's grid: every ap->minutes from the opening while a
 * session still ends by the closing, in UTC; none on a day without hours. */
static int
day_grid(struct db *db, struct arena *a, const struct appointable *ap,
    const char *date, char (**starts)[20], int *n)
{
	struct room_hours week[7], h;
	char local[32];
	int m, k = 0, wd = date_weekday(date);

	*n = 0;
	if (room_hours_week(db, a, ap->room_id, week) != OK)
		return ERR;
	if (wd < 0 || (h = week[wd]).closes == 0)
		return OK;
	*starts = arena_calloc(a, (size_t)(MINUTES_OF_DAY / ap->minutes + 1), sizeof(**starts));
	for (m = h.opens; m + ap->minutes <= h.closes && m < MINUTES_OF_DAY; m += ap->minutes) {
		snprintf(local, sizeof(local), "%.10sT%02d:%02d", date, (m / 60) % 24, m % 60);
		if (datetime_input(local, (*starts)[k]) == 0)
			k++;
	}
	*n = k;
	return OK;
}

/* The room's active sessions overlapping [start, start + minutes): the
 * first one's id and whether it is this event's session at that start. */
static int
overlapping(struct db *db, struct arena *a, const struct appointable *ap,
    long long event_id, const char *start, long long *slot, int *same)
{
	struct db_res *res;

	/* SLOT_RUNNING_WITHIN, with the end worked out here */
	res = db_query(db, a, "SELECT t.id, t.event_id = ? AND t.start_time = ? FROM timeslots t"
	    " WHERE t.room_id = ? AND t.status <> 'canceled' AND ((t.long_span = 0 AND"
	    " t.start_time > ? - INTERVAL 1 DAY) OR t.long_span = 1)"
	    " AND t.start_time < ? + INTERVAL ? MINUTE AND t.end_time > ? ORDER BY t.id LIMIT 1",
	    "lslssis", event_id, start, ap->room_id, start, start, ap->minutes, start);
	if (res == NULL)
		return ERR;
	*slot = res->nrows > 0 ? db_int(res, 0, 0) : 0;
	*same = res->nrows > 0 && db_int(res, 0, 1) != 0;
	return OK;
}

int
appointment_starts(struct db *db, struct arena *a, long long event_id,
    const char *date, const char ***out, int *n)
{
	struct appointable ap;
	char (*grid)[20] = NULL, now[20];
	long long slot;
	int i, k = 0, g, rc, same;

	*n = 0;
	if ((rc = appointable(db, a, event_id, 0, &ap)) != OK ||
	    (rc = day_grid(db, a, &ap, date, &grid, &g)) != OK)
		return rc;
	*out = arena_calloc(a, (size_t)(g > 0 ? g : 1), sizeof(**out));
	dbtime_now(now);
	for (i = 0; i < g; i++) {
		if (strcmp(grid[i], now) <= 0)
			continue;
		if (overlapping(db, a, &ap, event_id, grid[i], &slot, &same) != OK)
			return ERR;
		if (slot == 0)
			(*out)[k++] = grid[i];
	}
	*n = k;
	return OK;
}

struct appoint {
	struct arena		*arena;
	const struct actor	*who;
	long long		 event_id;
	const char		*start;
	long long		 order_id;
	const char		*why;
};

static int
appoint_txn(struct db *db, void *ctx)
{
	struct appoint *c = ctx;
	struct arena *a = c->arena;
	struct appointable ap;
	char (*grid)[20] = NULL, now[20], end[20];
	long long slot;
	time_t t;
	int i, g, rc, same, failed;

	if ((rc = appointable(db, a, c->event_id, 1, &ap)) != OK)
		return rc;
	dbtime_now(now);
	if (dbtime_parse(c->start, &t) != 0)
		return SLOT_UNAVAILABLE;
	if (strcmp(c->start, now) <= 0)
		return SLOT_PAST;
	if ((rc = day_grid(db, a, &ap, fmt_local(a, c->start, "%Y-%m-%d"), &grid, &g)) != OK)
		return rc;
	for (i = 0; i < g && strcmp(grid[i], c->start) != 0; i++)
		;
	if (i == g)
		return SLOT_UNAVAILABLE;	/* outside the hours or off their grid */
	if (overlapping(db, a, &ap, c->event_id, c->start, &slot, &same) != OK)
		return ERR;
	if (slot != 0 && !same)
		return SLOT_UNAVAILABLE;	/* rule 15: another session is there */
	if (slot == 0) {
		dbtime_from(t + (time_t)ap.minutes * 60, end);
		if (db_exec(db, "INSERT INTO timeslots (room_id, event_id, start_time, end_time,"
		    " price, max_bookings, status) VALUES (?, ?, ?, ?, ? / 100, 1, 'scheduled')",
		    "llssl", ap.room_id, c->event_id, c->start, end,
		    slotgen_price(ap.rate, ap.minutes)) < 0)
			return ERR;
		slot = db_insert_id(db);
	}
	/* A session someone else's appointment made is booked like any
	 * other: full unless that booking was cancelled since. */
	return booking_create_many(db, a, c->who, &slot, 1, "appointment", NULL, &c->order_id,
	    &failed, &c->why);
}

int
appointment_book(struct db *db, struct arena *a, const struct actor *who,
    long long event_id, const char *start, long long *order_id, const char **why)
{
	struct appoint c = { a, who, event_id, start, 0, NULL };
	int rc = db_txn(db, appoint_txn, &c);

	*order_id = c.order_id;
	*why = c.why != NULL ? c.why : result_message(rc);
	return rc;
}
