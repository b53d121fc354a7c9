/* domain/report.c: the admin reports, each one indexed statement over a range of sessions */
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/booking.h"
#include "domain/report.h"

/* The site's offset from UTC, in minutes, at t. */
static long long
zone_offset(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_gmtoff / 60;
}

/* Every change of the zone's offset within [lo, hi), found a day at a time
 * and then to the second. */
static int
zone_changes(struct report_range *rg, time_t lo, time_t hi)
{
	time_t t, next, a, b, m;
	long long off = zone_offset(lo);
	int n = 0, i;

	rg->offset[0] = off;
	for (t = lo; t < hi; t = next) {
		next = hi - t > 86400 ? t + 86400 : hi;
		if (zone_offset(next) == off)
			continue;
		for (a = t, b = next; b - a > 1; ) {
			m = a + (b - a) / 2;
			if (zone_offset(m) == off)
				a = m;
			else
				b = m;
		}
		if (b >= hi)		/* at the end: the range is all before it */
			continue;
		if (n == REPORT_ZONES - 1)
			break;
		dbtime_from(b, rg->until[n]);
		off = zone_offset(b);
		rg->offset[++n] = off;
	}
	if (t < hi)
		return INVALID;
	for (i = n; i < REPORT_ZONES - 1; i++) {
		strcpy(rg->until[i], "9999-12-31 23:59:59");
		rg->offset[i + 1] = off;
	}
	return OK;
}

int
report_range_init(struct report_range *rg, const char *from_date, const char *to_date,
    long long room_id)
{
	char ignore[20];
	time_t lo, hi;

	memset(rg, 0, sizeof(*rg));
	rg->room_id = room_id;
	if (strlen(from_date) >= sizeof(rg->first) || strlen(to_date) >= sizeof(rg->last))
		return INVALID;
	strcpy(rg->first, from_date);
	strcpy(rg->last, to_date);
	if (day_bounds_utc(from_date, rg->from, ignore) != 0 ||
	    day_bounds_utc(to_date, ignore, rg->to) != 0 ||
	    dbtime_parse(rg->from, &lo) != 0 || dbtime_parse(rg->to, &hi) != 0 || hi <= lo)
		return INVALID;
	return zone_changes(rg, lo, hi);
}

/* A UTC column as the site's local time: the offset of the segment of the
 * range it falls in (report.h). ZONE_TYPES and ZONE_ARGS bind the values. */
#define LOCAL(col) \
	"(" col " + INTERVAL CASE WHEN " col " < ? THEN ? WHEN " col " < ? THEN ?" \
	" WHEN " col " < ? THEN ? ELSE ? END MINUTE)"
#define ZONE_TYPES	"slslsll"
#define ZONE_ARGS(rg) \
	(rg)->until[0], (rg)->offset[0], (rg)->until[1], (rg)->offset[1], \
	(rg)->until[2], (rg)->offset[2], (rg)->offset[3]
/* The range and the room, for the WHERE of a statement over col's table. */
#define RANGE_WHERE(start, room) \
	" WHERE " start " >= ? AND " start " < ? AND (? = 0 OR " room " = ?)"
#define RANGE_TYPES	"ssll"
#define RANGE_ARGS(rg)	(rg)->from, (rg)->to, (rg)->room_id, (rg)->room_id

/* The sessions that run in the range, grouped by what a report groups them
 * by (the columns cols name; group the GROUP BY): how many, their seats and
 * the seats their bookings hold or used, as sessions, seats and booked, all
 * from the sessions' tallies (027_report_tallies.sql); only a session with
 * holds pending counts those the clock still keeps. Grouped in a derived
 * table, so only the groups meet the names joined to them. */
#define SESSION_SEATS(cols, where, group) \
	"SELECT " cols ", SUM(s.runs) AS sessions, SUM(s.seats) AS seats," \
	"  SUM(s.used + IF(s.pending > 0, (SELECT COUNT(*) FROM bookings b" \
	"    WHERE b.timeslot_id = s.timeslot_id AND b.status = 'pending' AND " \
	BOOKING_HOLDS_SEAT "), 0)) AS booked" \
	" FROM report_tallies s" RANGE_WHERE("s.start_time", "s.room_id") \
	"  AND s.runs > 0" where " GROUP BY " group
/* The tallies of the sessions whose bookings start in the range (a tally
 * left with no booking, after a move, is none). */
#define TALLIES_WHERE	RANGE_WHERE("s.start_time", "s.room_id") " AND s.n > 0"

static void
seats_fill(const struct db_res *res, int i, void *out)
{
	struct report_seats *s = out;

	s->day = db_val(res, i, 0);
	s->id = db_int(res, i, 1);
	s->name = db_val(res, i, 2);
	s->weekday = (int)db_int(res, i, 3);
	s->sessions = db_int(res, i, 4);
	s->seats = db_int(res, i, 5);
	s->booked = db_int(res, i, 6);
}

static int
seats_rows(struct arena *a, struct db_res *res, struct report_seats **out, int *n)
{
	*n = 0;
	*out = db_rows(a, res, sizeof(**out), seats_fill, n);
	return res != NULL ? OK : ERR;
}

int
report_occupancy(struct db *db, struct arena *a, const struct report_range *rg,
    struct report_seats **out, int *n)
{
	return seats_rows(a, db_query(db, a,
	    "SELECT x.day, x.room_id, r.name, 0, x.sessions, x.seats, x.booked"
	    " FROM (" SESSION_SEATS("DATE(" LOCAL("s.start_time") ") AS day, s.room_id", "",
	    "day, s.room_id") ") x"
	    " JOIN rooms r ON r.id = x.room_id ORDER BY x.day, r.name, x.room_id",
	    ZONE_TYPES RANGE_TYPES, ZONE_ARGS(rg), RANGE_ARGS(rg)), out, n);
}

int
report_events(struct db *db, struct arena *a, const struct report_range *rg,
    struct report_seats **out, int *n)
{
	return seats_rows(a, db_query(db, a,
	    "SELECT NULL, x.event_id, e.title, 0, x.sessions, x.seats, x.booked"
	    " FROM (" SESSION_SEATS("s.event_id", " AND s.event_id IS NOT NULL",
	    "s.event_id") ") x"
	    " JOIN events e ON e.id = x.event_id"
	    " ORDER BY x.booked / x.seats DESC, e.title, x.event_id",
	    RANGE_TYPES, RANGE_ARGS(rg)), out, n);
}

int
report_hours(struct db *db, struct arena *a, const struct report_range *rg,
    struct report_seats **out, int *n)
{
	return seats_rows(a, db_query(db, a,
	    "SELECT NULL, x.hour, NULL, x.weekday, x.sessions, x.seats, x.booked"
	    " FROM (" SESSION_SEATS("DAYOFWEEK(" LOCAL("s.start_time") ") - 1 AS weekday,"
	    "  HOUR(" LOCAL("s.start_time") ") AS hour", "", "weekday, hour") ") x"
	    " ORDER BY x.weekday, x.hour",
	    ZONE_TYPES ZONE_TYPES RANGE_TYPES, ZONE_ARGS(rg), ZONE_ARGS(rg), RANGE_ARGS(rg)),
	    out, n);
}

static void
attendance_fill(const struct db_res *res, int i, void *out)
{
	struct report_attendance *at = out;

	at->room_id = db_int(res, i, 0);
	at->room = db_val(res, i, 1);
	at->bookings = db_int(res, i, 2);
	at->checked_in = db_int(res, i, 3);
	at->completed = db_int(res, i, 4);
	at->no_show = db_int(res, i, 5);
	at->cancelled = db_int(res, i, 6);
}

int
report_attendance(struct db *db, struct arena *a, const struct report_range *rg,
    struct report_attendance **out, int *n)
{
	struct db_res *res;

	res = db_query(db, a,
	    "SELECT x.room_id, r.name, x.bookings, x.checked_in, x.completed, x.no_show,"
	    "  x.cancelled"
	    " FROM (SELECT s.room_id, SUM(s.n - s.cancelled) AS bookings,"
	    "   SUM(s.checked_in) AS checked_in, SUM(s.completed) AS completed,"
	    "   SUM(s.no_show) AS no_show, SUM(s.cancelled) AS cancelled"
	    "  FROM report_tallies s" TALLIES_WHERE
	    "  GROUP BY s.room_id) x"
	    " JOIN rooms r ON r.id = x.room_id ORDER BY r.name, x.room_id",
	    RANGE_TYPES, RANGE_ARGS(rg));
	*n = 0;
	*out = db_rows(a, res, sizeof(**out), attendance_fill, n);
	return res != NULL ? OK : ERR;
}

static void
money_fill(const struct db_res *res, int i, void *out)
{
	struct report_money *m = out;

	m->key = db_val(res, i, 0);
	m->id = db_int(res, i, 1);
	m->name = db_val(res, i, 2);
	m->paid = db_int(res, i, 3);
	m->received = money_cents(db_val(res, i, 4));
	m->refunds = money_cents(db_val(res, i, 5));
	m->net = money_cents(db_val(res, i, 6));
}

/* The days of money (in order) spread over every day of the range, the
 * others with nothing, so a chart of them runs evenly through the range. */
static int
every_day(struct arena *a, const struct report_range *rg, struct report_money **rows,
    int *n)
{
	struct report_money *all;
	char day[11];
	int days = date_diff_days(rg->first, rg->last) + 1, i, j = 0;

	if (days <= 0 || days > REPORT_DAYS_MAX)
		return INVALID;
	all = arena_calloc(a, (size_t)days, sizeof(*all));
	for (i = 0; i < days; i++) {
		if (date_add_days(rg->first, i, day) != 0)
			return INVALID;
		while (j < *n && strcmp((*rows)[j].key, day) < 0)
			j++;	/* outside the range: not a day of it */
		if (j < *n && strcmp((*rows)[j].key, day) == 0)
			all[i] = (*rows)[j++];
		else
			all[i].key = arena_strdup(a, day);
	}
	*rows = all;
	*n = days;
	return OK;
}

/* The sums every revenue report takes over its group of bookings. */
#define MONEY_SUMS \
	" SUM(s.paid) AS paid, SUM(s.received) AS received, SUM(s.refunds) AS refunds," \
	" SUM(s.net) AS net"

int
report_revenue(struct db *db, struct arena *a, const struct report_range *rg,
    enum report_by by, struct report_money **out, int *n)
{
	struct db_res *res;

	switch (by) {
	case REPORT_BY_ROOM:
		res = db_query(db, a,
		    "SELECT NULL, x.room_id, r.name, x.paid, x.received, x.refunds, x.net"
		    " FROM (SELECT s.room_id," MONEY_SUMS " FROM report_tallies s"
		    TALLIES_WHERE " GROUP BY s.room_id) x JOIN rooms r ON r.id = x.room_id"
		    " ORDER BY 5 DESC, 3, 2",
		    RANGE_TYPES, RANGE_ARGS(rg));
		break;
	case REPORT_BY_EVENT:
		res = db_query(db, a,
		    "SELECT NULL, COALESCE(x.event_id, 0), e.title, x.paid, x.received,"
		    "  x.refunds, x.net"
		    " FROM (SELECT s.event_id," MONEY_SUMS " FROM report_tallies s"
		    TALLIES_WHERE " GROUP BY s.event_id) x"
		    " LEFT JOIN events e ON e.id = x.event_id ORDER BY 5 DESC, 3, 2",
		    RANGE_TYPES, RANGE_ARGS(rg));
		break;
	case REPORT_BY_MONTH:
	case REPORT_BY_DAY:
		res = db_query(db, a, by == REPORT_BY_MONTH ?
		    "SELECT DATE_FORMAT(" LOCAL("s.start_time") ", '%Y-%m') AS k, 0, NULL,"
		    MONEY_SUMS " FROM report_tallies s" TALLIES_WHERE " GROUP BY k ORDER BY k" :
		    "SELECT DATE(" LOCAL("s.start_time") ") AS k, 0, NULL,"
		    MONEY_SUMS " FROM report_tallies s" TALLIES_WHERE " GROUP BY k ORDER BY k",
		    ZONE_TYPES RANGE_TYPES, ZONE_ARGS(rg), RANGE_ARGS(rg));
		break;
	default:
		return ERR;
	}
	*n = 0;
	*out = db_rows(a, res, sizeof(**out), money_fill, n);
	if (res == NULL)
		return ERR;
	return by == REPORT_BY_DAY ? every_day(a, rg, out, n) : OK;
}

/* What each session's tally holds, counted from its timeslot and its
 * bookings as the triggers of 027_report_tallies.sql add them: one row per
 * timeslot or booking, to be summed per key. */
#define TALLY_COLS \
	"slots, runs, seats, event_id, n, cancelled, completed, no_show, pending, used," \
	" checked_in, paid, received, refunds, net"
#define TALLY_PARTS(t_where, b_where) \
	"SELECT t.start_time, t.room_id, t.id AS timeslot_id, 1 AS slots," \
	"  t.status IN ('scheduled','in_progress','completed') AS runs," \
	"  IF(t.status IN ('scheduled','in_progress','completed'), t.max_bookings, 0) AS seats," \
	"  t.event_id, 0 AS n, 0 AS cancelled, 0 AS completed, 0 AS no_show, 0 AS pending," \
	"  0 AS used, 0 AS checked_in, 0 AS paid, 0 AS received, 0 AS refunds, 0 AS net" \
	" FROM timeslots t WHERE " t_where \
	" UNION ALL SELECT b.start_time, b.room_id, b.timeslot_id, 0, 0, 0, NULL, 1," \
	"  b.status = 'cancelled', b.status = 'completed', b.status = 'no_show'," \
	"  b.status = 'pending', b.status IN ('confirmed','completed','no_show')," \
	"  b.status <> 'cancelled' AND b.checked_in_at IS NOT NULL," \
	"  b.paid_amount + b.refund_amount > 0, b.paid_amount + b.refund_amount," \
	"  b.refund_amount, b.paid_amount FROM bookings b WHERE " b_where
#define TALLY_COUNTED(parts) \
	"SELECT start_time, room_id, timeslot_id, SUM(slots) AS slots, SUM(runs) AS runs," \
	" SUM(seats) AS seats, MAX(event_id) AS event_id, SUM(n) AS n," \
	" SUM(cancelled) AS cancelled, SUM(completed) AS completed, SUM(no_show) AS no_show," \
	" SUM(pending) AS pending, SUM(used) AS used, SUM(checked_in) AS checked_in," \
	" SUM(paid) AS paid, SUM(received) AS received, SUM(refunds) AS refunds," \
	" SUM(net) AS net FROM (" parts ") p GROUP BY start_time, room_id, timeslot_id"
/* A tally and its count agree; the event only counts while a timeslot
 * has the key (one that left keeps the event it had). */
#define TALLY_SAME(s, c) \
	"(" s ".slots <=> " c ".slots AND " s ".runs <=> " c ".runs AND " \
	s ".seats <=> " c ".seats AND (" c ".slots = 0 OR " s ".event_id <=> " c ".event_id)" \
	" AND " s ".n <=> " c ".n AND " s ".cancelled <=> " c ".cancelled AND " \
	s ".completed <=> " c ".completed AND " s ".no_show <=> " c ".no_show AND " \
	s ".pending <=> " c ".pending AND " s ".used <=> " c ".used AND " \
	s ".checked_in <=> " c ".checked_in AND " s ".paid <=> " c ".paid AND " \
	s ".received <=> " c ".received AND " s ".refunds <=> " c ".refunds AND " \
	s ".net <=> " c ".net)"
#define TALLY_ZERO \
	"(SELECT 0 AS slots, 0 AS runs, 0 AS seats, NULL AS event_id, 0 AS n, 0 AS cancelled, 0 AS completed," \
	" 0 AS no_show, 0 AS pending, 0 AS used, 0 AS checked_in, 0 AS paid, 0 AS received," \
	" 0 AS refunds, 0 AS net)"
/* The parts of one key, and of every one. */
#define KEY_T	"t.start_time = ? AND t.room_id = ? AND t.id = ?"
#define KEY_B	"b.start_time = ? AND b.room_id = ? AND b.timeslot_id = ?"

static int
retally_txn(struct db *db, void *ctx)
{
	const struct tally_drift *d = ctx;

	if (db_exec(db, "DELETE FROM report_tallies WHERE start_time = ? AND room_id = ?"
	    " AND timeslot_id = ?", "sll", d->start, d->room_id, d->slot_id) < 0)
		return ERR;
	/* INSERT ... SELECT locks what it reads, as the triggers' writers do */
	return db_exec(db, "INSERT INTO report_tallies (start_time, room_id, timeslot_id, "
	    TALLY_COLS ") " TALLY_COUNTED(TALLY_PARTS(KEY_T, KEY_B)), "sllsll",
	    d->start, d->room_id, d->slot_id, d->start, d->room_id, d->slot_id) < 0 ? ERR : OK;
}

static void
drift_fill(const struct db_res *res, int i, void *out)
{
	struct tally_drift *d = out;

	d->start = db_val(res, i, 0);
	d->room_id = db_int(res, i, 1);
	d->slot_id = db_int(res, i, 2);
	d->n = db_int(res, i, 3);
	d->counted = db_int(res, i, 4);
	d->received = money_cents(db_val(res, i, 5));
	d->received_counted = money_cents(db_val(res, i, 6));
	d->seats = db_int(res, i, 7);
	d->seats_counted = db_int(res, i, 8);
}

int
report_tallies_check(struct db *db, struct arena *a, int fix,
    struct tally_drift **out, int *n, long long *checked)
{
	struct db_res *res;
	int i;

	*n = 0;
	if ((res = db_query(db, a, "SELECT COUNT(*) FROM report_tallies", "")) == NULL)
		return ERR;
	*checked = db_int(res, 0, 0);
	/* Each session's count against its tally, and the tallies of no
	 * timeslot and no bookings against nothing: both ways, so a missing
	 * row is drift too. */
	res = db_query(db, a,
	    "SELECT c.start_time, c.room_id, c.timeslot_id, COALESCE(s.n, 0), c.n,"
	    "  COALESCE(s.received, 0), c.received, COALESCE(s.seats, 0), c.seats"
	    " FROM (" TALLY_COUNTED(TALLY_PARTS("1", "1")) ") c"
	    " LEFT JOIN report_tallies s ON s.start_time = c.start_time"
	    "  AND s.room_id = c.room_id AND s.timeslot_id = c.timeslot_id"
	    " WHERE NOT " TALLY_SAME("s", "c")
	    " UNION ALL"
	    " SELECT s.start_time, s.room_id, s.timeslot_id, s.n, 0, s.received, 0, s.seats, 0"
	    " FROM report_tallies s JOIN " TALLY_ZERO " z"
	    " WHERE NOT " TALLY_SAME("s", "z") " AND NOT EXISTS (SELECT 1 FROM bookings b"
	    "  WHERE b.start_time = s.start_time AND b.room_id = s.room_id"
	    "  AND b.timeslot_id = s.timeslot_id) AND NOT EXISTS (SELECT 1 FROM timeslots t"
	    "  WHERE t.start_time = s.start_time AND t.room_id = s.room_id"
	    "  AND t.id = s.timeslot_id)"
	    " ORDER BY 1, 2, 3", "");
	*out = db_rows(a, res, sizeof(**out), drift_fill, n);
	if (res == NULL)
		return ERR;
	for (i = 0; fix && i < *n; i++)
		if (db_txn(db, retally_txn, &(*out)[i]) != OK)
			return ERR;
	return OK;
}
