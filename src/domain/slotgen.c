/* domain/slotgen.c: timeslot generation for a room over a date range (rule 10) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/fields.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/catalog.h"
#include "domain/slotgen.h"

long long
slotgen_price(long long rate, int minutes)
{
	return (rate * minutes + 30) / 60;
}

void
slotgen_init(struct slotgen *g)
{
	memset(g, 0, sizeof(*g));
	g->day_start = 9 * 60;
	g->day_end = 17 * 60;
	g->length = 30;
	g->price = -1;
	g->capacity = -1;
}

/* A rule between fields is checked only when each of them is valid. */
static int
valid(const struct field_errors *fe, const char *a, const char *b, const char *c)
{
	return field_error_of(fe, a) == NULL && field_error_of(fe, b) == NULL &&
	    (c == NULL || field_error_of(fe, c) == NULL);
}

static void
check(struct slotgen *g, struct field_errors *fe)
{
	char today[11], last[11];
	struct tm a, b;
	long long days;

	if (valid(fe, "dayStart", "dayEnd", NULL) && g->day_end <= g->day_start)
		field_error(fe, "dayEnd", "The working day must end after it starts.");
	if (valid(fe, "dayStart", "dayEnd", "length") &&
	    g->length > g->day_end - g->day_start)
		field_error(fe, "length", "Slot length is longer than the working day.");
	if (g->weekdays == 0)
		g->weekdays = SLOTGEN_WEEKDAYS;
	if (*g->from == '\0' || *g->to == '\0')
		return;
	date_today(today);
	date_parse(g->from, &a);
	date_parse(g->to, &b);
	days = (long long)(timegm(&b) - timegm(&a)) / 86400 + 1;
	if (strcmp(g->from, today) < 0)
		field_error(fe, "from", "The first day must be today or later.");
	else if (days < 1)
		field_error(fe, "to", "The last day must not be before the first.");
	else if (days > SLOTGEN_MAX_DAYS) {
		date_add_days(g->from, SLOTGEN_MAX_DAYS - 1, last);
		field_error(fe, "to", "At most a year per run: the last day can be %s.", last);
	}
}

static int
excluded(const struct slotgen *g, const char *date)
{
	int i;

	for (i = 0; i < g->nexcluded; i++)
		if (strcmp(g->excluded[i], date) == 0)
			return 1;
	return 0;
}

/* The UTC start of a local day plus minutes: day_bounds_utc gives local
 * midnight, but a DST change inside the day moves later hours, so the
 * local time is converted on its own. */
static void
local_to_utc(const char *date, int minutes, char out[20])
{
	struct tm tm;

	date_parse(date, &tm);
	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	dbtime_from(mktime(&tm), out);
}

/* The timeslots already there, by start (slots_over), as a run walks
 * its candidates in time order. */
struct existing {
	const struct slot	*v;
	int			 n;
	int			 seen;		/* those starting before the candidate ends */
	int			 latest;	/* of the live ones seen, the one ending last; -1 */
};

static int
exists(const struct existing *x, const char *start)
{
	int lo = 0, hi = x->n - 1, mid, c;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(x->v[mid].start, start);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/* The live timeslot a new one over [start, end) would overlap, or NULL:
 * of those starting before its end, the one ending last, if after its
 * start. */
static const struct slot *
overlapped(struct existing *x, const char *start, const char *end)
{
	while (x->seen < x->n && strcmp(x->v[x->seen].start, end) < 0) {
		if (slot_is_live(&x->v[x->seen]) && (x->latest < 0 ||
		    strcmp(x->v[x->seen].end, x->v[x->latest].end) > 0))
			x->latest = x->seen;
		x->seen++;
	}
	if (x->latest >= 0 && strcmp(x->v[x->latest].end, start) > 0)
		return &x->v[x->latest];
	return NULL;
}

struct run {
	const struct slotgen	*g;
	struct arena		*arena;
	int			 dry_run;
	long long		 price;
	long long		 capacity;
	struct slotgen_counts	*counts;
	struct field_errors	*fe;
	void			(*progress)(int, int);
};

static int
run_txn(struct db *db, void *ctx)
{
	struct run *c = ctx;
	const struct slotgen *g = c->g;
	char day[11], start[20], end[20], now[20], first[20], after[20], next[11];
	struct existing x = { NULL, 0, 0, -1 };
	struct slot *slots;
	const struct slot *other;
	long long rows;
	int d, m, ndays, rc;
	struct tm a, b;

	c->counts->created = c->counts->skipped = 0;
	/* Holding the room's row makes two runs for one room take turns,
	 * and a timeslot added by hand wait for a run (domain/admin.c). */
	if ((rc = room_hold(db, g->room_id)) != OK)
		return rc;
	dbtime_now(now);
	/* Every timeslot already there, sorted: looked up, not queried. */
	date_add_days(g->to, 1, next);
	local_to_utc(g->from, 0, first);
	local_to_utc(next, 0, after);
	if (room_slots_over(db, c->arena, g->room_id, first, after, &slots, &x.n) != OK)
		return ERR;
	x.v = slots;
	date_parse(g->from, &a);
	date_parse(g->to, &b);
	ndays = (int)((timegm(&b) - timegm(&a)) / 86400) + 1;
	snprintf(day, sizeof(day), "%s", g->from);
	for (d = 0; d < ndays; d++, date_add_days(day, 1, day)) {
		if (c->progress != NULL)
			c->progress(d, ndays);
		if (!(g->weekdays & (1 << date_weekday(day))) || excluded(g, day))
			continue;
		for (m = g->day_start; m + g->length <= g->day_end; m += g->length) {
			local_to_utc(day, m, start);
			local_to_utc(day, m + g->length, end);
			if (strcmp(start, now) <= 0)
				continue;
			/* One starting then is the same slot made before; one
			 * overlapping it otherwise refuses the run. */
			if (exists(&x, start)) {
				c->counts->skipped++;
				continue;
			}
			if ((other = overlapped(&x, start, end)) != NULL) {
				slot_overlap_error(c->arena, c->fe, "from", other);
				return OVERLAPS;
			}
			if (c->dry_run)
				rows = 1;
			else
				rows = db_exec(db, "INSERT INTO timeslots (room_id, start_time,"
				    " end_time, price, max_bookings, status) VALUES (?, ?, ?,"
				    " ? / 100, ?, 'scheduled') ON DUPLICATE KEY UPDATE id = id",
				    "lssll", g->room_id, start, end, c->price, c->capacity);
			if (rows < 0)
				return ERR;
			if (rows > 0)
				c->counts->created++;
			else
				c->counts->skipped++;
		}
	}
	if (c->progress != NULL)
		c->progress(ndays, ndays);
	return OK;
}

int
slotgen_run(struct db *db, struct arena *a, struct slotgen *g, int dry_run,
    struct field_errors *fe, struct slotgen_counts *counts,
    void (*progress)(int, int))
{
	struct run c = { g, a, dry_run, g->price, g->capacity, counts, fe, progress };
	struct room room;
	int rc;

	check(g, fe);
	if (fe->n > 0)
		return INVALID;
	if ((rc = room_get(db, a, g->room_id, &room)) != OK)
		return rc;
	if (c.price < 0)
		c.price = slotgen_price(room.hourly_rate, g->length);
	/* A room's own timeslots book the whole room. */
	if (c.capacity < 0)
		c.capacity = 1;
	return db_txn(db, run_txn, &c);
}
