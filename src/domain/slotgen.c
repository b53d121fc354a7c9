/* domain/slotgen.c: timeslot generation for a room over a date range (rule 10) */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/catalog.h"
#include "domain/slotgen.h"
#include "http/form.h"
#include "http/request.h"

static const char *const day_names[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

long long
slotgen_price(long long rate, int minutes)
{
	return (rate * minutes + 30) / 60;
}

/* "09:30" -> 570; -1 when malformed. "24:00" is the end of the day. */
static int
parse_hhmm(const char *s)
{
	int h, m;

	if (s == NULL || strlen(s) != 5 || s[2] != ':' || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/*
 * A list field arrives as repeated form fields (checkboxes), as one text
 * with commas or white space (a textarea), or as a JSON array. Calls fn
 * for each item; stops and returns -1 when fn does.
 */
static int
each_item(struct req *r, const char *field, int (*fn)(void *, const char *), void *ctx)
{
	struct json_object *arr;
	char *copy, *item, *save;
	int i, j, rc = 0;

	for (i = 0; i < r->params.n && rc == 0; i++) {
		const char *v = r->params.v[i].val;

		if (strcmp(r->params.v[i].key, field) != 0)
			continue;
		if (v[0] == '[') {
			if ((arr = json_tokener_parse(v)) == NULL ||
			    !json_object_is_type(arr, json_type_array)) {
				json_object_put(arr);
				return -1;
			}
			for (j = 0; rc == 0 && j < (int)json_object_array_length(arr); j++)
				rc = fn(ctx, json_object_get_string(json_object_array_get_idx(arr, (size_t)j)));
			json_object_put(arr);
			continue;
		}
		copy = arena_strdup(r->arena, v);
		for (item = strtok_r(copy, ", \t\r\n", &save); item != NULL && rc == 0;
		    item = strtok_r(NULL, ", \t\r\n", &save))
			rc = fn(ctx, item);
	}
	return rc;
}

static int
add_weekday(void *ctx, const char *item)
{
	int *mask = ctx, i;

	if (item == NULL)
		return -1;
	for (i = 0; i < 7; i++)
		if (strncasecmp(item, day_names[i], 3) == 0 && strlen(item) >= 3) {
			*mask |= 1 << i;
			return 0;
		}
	/* ISO numbers: 1 = Monday ... 7 = Sunday. */
	if (strlen(item) == 1 && item[0] >= '1' && item[0] <= '7') {
		*mask |= 1 << ((item[0] - '0') % 7);
		return 0;
	}
	return -1;
}

static int
add_excluded(void *ctx, const char *item)
{
	struct slotgen *g = ctx;
	struct tm tm;

	if (item == NULL || date_parse(item, &tm) != 0 || g->nexcluded == SLOTGEN_MAX_EXCLUDED)
		return -1;
	snprintf(g->excluded[g->nexcluded++], 11, "%s", item);
	return 0;
}

static int
text_date(struct form *f, const char *field, const char *label, char out[11])
{
	const char *v = form_text(f, field, label, 10, 1);
	struct tm tm;

	if (v == NULL)
		return -1;
	if (date_parse(v, &tm) != 0) {
		form_error(f, field, "%s must be a date as YYYY-MM-DD.", label);
		return -1;
	}
	snprintf(out, 11, "%s", v);
	return 0;
}

static long long
whole(struct form *f, const char *field, const char *label, long long min,
    long long max, long long def)
{
	const char *v = form_text(f, field, label, 12, 0);
	char *end;
	long long n;

	if (v == NULL)
		return def;
	n = strtoll(v, &end, 10);
	if (*end != '\0' || !isdigit((unsigned char)*v) || n < min || n > max) {
		form_error(f, field, "%s must be a whole number from %lld to %lld.",
		    label, min, max);
		return def;
	}
	return n;
}

void
slotgen_from_form(struct form *f, struct slotgen *g)
{
	const char *v;
	char today[11], last[11];
	struct tm a, b;
	long long days;

	memset(g, 0, sizeof(*g));
	g->room_id = whole(f, "roomId", "Room", 1, 4294967295LL, 0);
	if (g->room_id == 0 && kv_get(&f->errors, "roomId") == NULL)
		form_error(f, "roomId", "Room is required.");
	text_date(f, "from", "First day", g->from);
	text_date(f, "to", "Last day", g->to);
	v = form_text(f, "dayStart", "Start of the working day", 5, 0);
	g->day_start = v ? parse_hhmm(v) : 9 * 60;
	v = form_text(f, "dayEnd", "End of the working day", 5, 0);
	g->day_end = v ? parse_hhmm(v) : 17 * 60;
	if (g->day_start < 0)
		form_error(f, "dayStart", "Start of the working day must be a time as HH:MM.");
	if (g->day_end < 0)
		form_error(f, "dayEnd", "End of the working day must be a time as HH:MM.");
	else if (g->day_start >= 0 && g->day_end <= g->day_start)
		form_error(f, "dayEnd", "The working day must end after it starts.");
	g->length = (int)whole(f, "length", "Slot length", 5, 24 * 60, 30);
	if (g->day_start >= 0 && g->day_end > g->day_start &&
	    g->length > g->day_end - g->day_start)
		form_error(f, "length", "Slot length is longer than the working day.");
	if (each_item(f->r, "weekdays", add_weekday, &g->weekdays) != 0)
		form_error(f, "weekdays", "Weekdays must be names like mon, tue or numbers 1 (Monday) to 7.");
	if (g->weekdays == 0)
		g->weekdays = 0x3e;		/* Monday to Friday */
	if (each_item(f->r, "excludedDates", add_excluded, g) != 0)
		form_error(f, "excludedDates", "Excluded dates must be dates as YYYY-MM-DD (at most %d).",
		    SLOTGEN_MAX_EXCLUDED);
	v = form_text(f, "price", "Price", 12, 0);
	g->price = -1;
	if (v != NULL && money_parse(v, &g->price) != 0) {
		form_error(f, "price", "Price must be an amount like 12.50.");
		g->price = -1;
	}
	g->capacity = whole(f, "capacity", "Capacity per slot", 1, 100000, -1);
	if (*g->from == '\0' || *g->to == '\0')
		return;
	date_today(today);
	date_parse(g->from, &a);
	date_parse(g->to, &b);
	days = (long long)(timegm(&b) - timegm(&a)) / 86400 + 1;
	if (strcmp(g->from, today) < 0)
		form_error(f, "from", "The first day must be today or later.");
	else if (days < 1)
		form_error(f, "to", "The last day must not be before the first.");
	else if (days > SLOTGEN_MAX_DAYS) {
		date_add_days(g->from, SLOTGEN_MAX_DAYS - 1, last);
		form_error(f, "to", "At most a year per run: the last day can be %s.", last);
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

static int
exists(const struct db_res *sorted, const char *start)
{
	int lo = 0, hi = sorted->nrows - 1, mid, c;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(db_val(sorted, mid, 0), start);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

struct run {
	const struct slotgen	*g;
	struct arena		*arena;
	int			 dry_run;
	long long		 price;
	long long		 capacity;
	struct slotgen_counts	*counts;
	void			(*progress)(int, int);
};

static int
run_txn(struct db *db, void *ctx)
{
	struct run *c = ctx;
	const struct slotgen *g = c->g;
	char day[11], start[20], end[20], now[20];
	struct db_res *res, *existing = NULL;
	long long rows;
	int d, m, ndays;
	struct tm a, b;

	c->counts->created = c->counts->skipped = 0;
	/* Holding the room's row makes two runs for one room take turns. */
	res = db_query(db, c->arena, "SELECT id FROM rooms WHERE id = ? FOR UPDATE",
	    "l", g->room_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	dbtime_now(now);
	if (c->dry_run) {
		char first[20], after[20], next[11];

		/* Every start already there, sorted: looked up, not queried. */
		date_add_days(g->to, 1, next);
		local_to_utc(g->from, 0, first);
		local_to_utc(next, 0, after);
		existing = db_query(db, c->arena, "SELECT start_time FROM timeslots"
		    " WHERE room_id = ? AND start_time >= ? AND start_time < ?"
		    " ORDER BY start_time", "lss", g->room_id, first, after);
		if (existing == NULL)
			return ERR;
	}
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
			if (c->dry_run)
				rows = !exists(existing, start);
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
slotgen_run(struct db *db, struct arena *a, const struct slotgen *g, int dry_run,
    struct slotgen_counts *counts, void (*progress)(int, int))
{
	/*
	 * Only the pointer is stored here; run_txn() zeroes *counts before any use.
	 * cppcheck's whole-program check takes the caller's output struct for read.
	 */
	/* cppcheck-suppress ctuuninitvar */
	struct run c = { g, a, dry_run, g->price, g->capacity, counts, progress };
	struct room room;
	int rc;

	if ((rc = room_get(db, a, g->room_id, &room)) != OK)
		return rc;
	if (c.price < 0)
		c.price = slotgen_price(room.hourly_rate, g->length);
	if (c.capacity < 0)
		c.capacity = room.capacity;
	return db_txn(db, run_txn, &c);
}
