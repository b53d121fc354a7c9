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

/* One row per session that runs in the range: its seats and the seats its
 * bookings hold or used, with the columns a report groups it by first. */
#define SESSION_SEATS(cols) \
	"SELECT " cols ", t.max_bookings AS seats," \
	"  (SELECT COUNT(*) FROM bookings b WHERE b.timeslot_id = t.id" \
	"    AND " BOOKING_USES_SEAT ") AS booked" \
	" FROM timeslots t" RANGE_WHERE("t.start_time", "t.room_id") \
	"  AND t.status IN ('scheduled','in_progress','completed')"

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
	    "SELECT x.day, x.room_id, r.name, 0, COUNT(*), SUM(x.seats), SUM(x.booked)"
	    " FROM (" SESSION_SEATS("DATE(" LOCAL("t.start_time") ") AS day, t.room_id") ") x"
	    " JOIN rooms r ON r.id = x.room_id"
	    " GROUP BY x.day, x.room_id ORDER BY x.day, r.name, x.room_id",
	    ZONE_TYPES RANGE_TYPES, ZONE_ARGS(rg), RANGE_ARGS(rg)), out, n);
}

int
report_events(struct db *db, struct arena *a, const struct report_range *rg,
    struct report_seats **out, int *n)
{
	return seats_rows(a, db_query(db, a,
	    "SELECT NULL, x.event_id, e.title, 0, COUNT(*), SUM(x.seats), SUM(x.booked)"
	    " FROM (" SESSION_SEATS("t.event_id") " AND t.event_id IS NOT NULL) x"
	    " JOIN events e ON e.id = x.event_id"
	    " GROUP BY x.event_id"
	    " ORDER BY SUM(x.booked) / SUM(x.seats) DESC, e.title, x.event_id",
	    RANGE_TYPES, RANGE_ARGS(rg)), out, n);
}

int
report_hours(struct db *db, struct arena *a, const struct report_range *rg,
    struct report_seats **out, int *n)
{
	return seats_rows(a, db_query(db, a,
	    "SELECT NULL, HOUR(x.local), NULL, DAYOFWEEK(x.local) - 1,"
	    "  COUNT(*), SUM(x.seats), SUM(x.booked)"
	    " FROM (" SESSION_SEATS(LOCAL("t.start_time") " AS local") ") x"
	    " GROUP BY DAYOFWEEK(x.local), HOUR(x.local)"
	    " ORDER BY DAYOFWEEK(x.local), HOUR(x.local)",
	    ZONE_TYPES RANGE_TYPES, ZONE_ARGS(rg), RANGE_ARGS(rg)), out, n);
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
	    " FROM (SELECT b.room_id,"
	    "   SUM(b.status <> 'cancelled') AS bookings,"
	    "   SUM(b.status <> 'cancelled' AND b.checked_in_at IS NOT NULL) AS checked_in,"
	    "   SUM(b.status = 'completed') AS completed,"
	    "   SUM(b.status = 'no_show') AS no_show,"
	    "   SUM(b.status = 'cancelled') AS cancelled"
	    "  FROM bookings b" RANGE_WHERE("b.start_time", "b.room_id")
	    "  GROUP BY b.room_id) x"
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
	" SUM(b.paid_amount + b.refund_amount > 0), SUM(b.paid_amount + b.refund_amount)," \
	" SUM(b.refund_amount), SUM(b.paid_amount)"

int
report_revenue(struct db *db, struct arena *a, const struct report_range *rg,
    enum report_by by, struct report_money **out, int *n)
{
	struct db_res *res;

	switch (by) {
	case REPORT_BY_ROOM:
		res = db_query(db, a,
		    "SELECT NULL, b.room_id, MIN(r.name)," MONEY_SUMS
		    " FROM bookings b JOIN rooms r ON r.id = b.room_id"
		    RANGE_WHERE("b.start_time", "b.room_id")
		    " GROUP BY b.room_id ORDER BY 5 DESC, 3, 2",
		    RANGE_TYPES, RANGE_ARGS(rg));
		break;
	case REPORT_BY_EVENT:
		res = db_query(db, a,
		/* from the sessions, each one's bookings read from one index:
		 * half the work of joining each booking to its session */
		    "SELECT NULL, COALESCE(t.event_id, 0), MIN(e.title)," MONEY_SUMS
		    " FROM timeslots t JOIN bookings b ON b.timeslot_id = t.id"
		    " LEFT JOIN events e ON e.id = t.event_id"
		    RANGE_WHERE("t.start_time", "t.room_id")
		    " GROUP BY t.event_id ORDER BY 5 DESC, 3, 2",
		    RANGE_TYPES, RANGE_ARGS(rg));
		break;
	case REPORT_BY_MONTH:
	case REPORT_BY_DAY:
		res = db_query(db, a, by == REPORT_BY_MONTH ?
		    "SELECT DATE_FORMAT(" LOCAL("b.start_time") ", '%Y-%m') AS k, 0, NULL,"
		    MONEY_SUMS " FROM bookings b" RANGE_WHERE("b.start_time", "b.room_id")
		    " GROUP BY k ORDER BY k" :
		    "SELECT DATE(" LOCAL("b.start_time") ") AS k, 0, NULL,"
		    MONEY_SUMS " FROM bookings b" RANGE_WHERE("b.start_time", "b.room_id")
		    " GROUP BY k ORDER BY k",
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
