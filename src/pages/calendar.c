/* pages/calendar.c: a room's week and month of sessions, and the admins'
 * week grid of every room with the seats booked */
#include <stdlib.h>
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

/* Sessions of q running within the local days from first for ndays, each
 * with the indexes of the first and the last of those days it runs on
 * (day[i] and last[i] for slots[i]). */
struct days {
	char		 first[11];
	int		 ndays;
	struct slot	*slots;
	int		*day;
	int		*last;
	int		 n;
};

static int
days_load(struct req *r, struct calendar_query *q, const char *first, int ndays,
    struct days *d)
{
	char from[20], to[20], end[11], unused[20];
	int i;

	memcpy(d->first, first, sizeof(d->first));
	d->ndays = ndays;
	date_add_days(first, ndays, end);
	if (day_bounds_utc(first, from, unused) != 0 ||
	    day_bounds_utc(end, to, unused) != 0)
		return ERR;
	q->from = arena_strdup(r->arena, from);
	q->to = arena_strdup(r->arena, to);
	if (calendar_slots(r->db, r->arena, q, &d->slots, &d->n) != OK)
		return ERR;
	d->day = arena_calloc(r->arena, (size_t)d->n + 1, sizeof(*d->day));
	d->last = arena_calloc(r->arena, (size_t)d->n + 1, sizeof(*d->last));
	for (i = 0; i < d->n; i++) {
		const struct slot *s = &d->slots[i];
		int last = date_diff_days(first, fmt_local(r->arena, s->end, "%Y-%m-%d"));

		d->day[i] = date_diff_days(first, fmt_local(r->arena, s->start, "%Y-%m-%d"));
		/* One ending at midnight ends with the day before. */
		if (last > d->day[i] && strcmp(fmt_local(r->arena, s->end, "%H:%M:%S"),
		    "00:00:00") == 0)
			last--;
		d->day[i] = d->day[i] < 0 ? 0 : d->day[i];
		d->last[i] = last < ndays ? last : ndays - 1;
	}
	return OK;
}

/* A date ("YYYY-MM-DD", local) as words, through its local midnight. */
static const char *
date_words(struct req *r, const char *date, const char *fmt)
{
	char from[20], to[20];

	day_bounds_utc(date, from, to);
	return fmt_local(r->arena, from, fmt);
}

/* The Monday of date's week. */
static void
week_start(const char *date, char out[11])
{
	date_add_days(date, -((date_weekday(date) + 6) % 7), out);
}

/* DAY_HEAD sections: the weekday of each column, ids for headers=. */
static void
week_heads(struct req *r, struct tmpl *t, const char *monday, const char *today,
    int dated)
{
	struct tmpl *h;
	char date[11];
	int i;

	for (i = 0; i < 7; i++) {
		date_add_days(monday, i, date);
		h = tmpl_section(t, "DAY_HEAD");
		tmpl_set(h, "ISO", date);
		tmpl_set(h, "LABEL", date_words(r, date, dated ? "%a %d %b" : "%A"));
		if (dated && strcmp(date, today) == 0)
			tmpl_show(h, "IS_TODAY");
	}
}

/* A week page's date, title, links to the weeks around it and heads. */
static void
week_nav(struct req *r, struct tmpl *t, const char *date, const char *monday,
    const char *today)
{
	char other[11];

	tmpl_set(t, "DATE", date);
	tmpl_set(t, "WEEK_LABEL", date_words(r, monday, "%d %B %Y"));
	date_add_days(monday, -7, other);
	tmpl_set(t, "PREV_DATE", other);
	date_add_days(monday, 7, other);
	tmpl_set(t, "NEXT_DATE", other);
	tmpl_set(t, "TODAY", today);
	week_heads(r, t, monday, today, 1);
}

/* One day's cell: its date, and the sessions d has on it (of one room
 * when room_id is not 0) as SLOT sections. */
static void
day_cell(struct req *r, struct tmpl *cell, const struct days *d, int day,
    long long room_id, const char *today)
{
	char date[11];
	int i, n = 0;

	date_add_days(d->first, day, date);
	tmpl_set(cell, "ISO", date);
	tmpl_set(cell, "LABEL", date_words(r, date, "%a %d %b"));
	tmpl_set_int(cell, "DAY_NUM", atoi(date + 8));
	if (strcmp(date, today) == 0)
		tmpl_show(cell, "IS_TODAY");
	for (i = 0; i < d->n; i++) {
		struct tmpl *s;

		if (day < d->day[i] || day > d->last[i] ||
		    (room_id && d->slots[i].room_id != room_id))
			continue;
		s = tmpl_section(cell, "SLOT");
		page_slot(r, s, &d->slots[i]);
		tmpl_set_int(s, "BOOKED", d->slots[i].booked);
		n++;
	}
	if (n == 0)
		tmpl_show(cell, "EMPTY");
}

/* The room and the date a room's calendar page asks for. */
static int
room_calendar_begin(struct req *r, struct room *room, const char **date,
    char today[11])
{
	date_today(today);
	if (req_date_opt(r, "date", today, date) != OK ||
	    room_get_or_reply(r, "id", room) != OK)
		return ERR;
	return OK;
}

static struct tmpl *
room_page(struct req *r, const char *file, const struct room *room, const char *title)
{
	struct tmpl *t = page_begin(r, file, arena_printf(r->arena, "%s: %s",
	    room->name, title));

	page_room(r, t, room);
	if (!room->is_active)
		tmpl_show(t, "INACTIVE");
	return t;
}

int
room_week(struct req *r)
{
	struct calendar_query q = { NULL, NULL, 0, 0 };
	struct room room;
	struct days d;
	struct tmpl *t;
	const char *date;
	char today[11], monday[11];
	int i;

	if (room_calendar_begin(r, &room, &date, today) != OK)
		return ERR;
	week_start(date, monday);
	q.room_id = room.id;
	if (days_load(r, &q, monday, 7, &d) != OK)
		return ERR;
	t = room_page(r, "room_week.tpl", &room, "week");
	week_nav(r, t, date, monday, today);
	for (i = 0; i < 7; i++)
		day_cell(r, tmpl_section(t, "DAY"), &d, i, 0, today);
	if (d.n == 0)
		tmpl_show(t, "NO_SLOTS");
	return page_end(r, 200);
}

int
room_month(struct req *r)
{
	struct calendar_query q = { NULL, NULL, 0, 0 };
	struct room room;
	struct days d;
	struct tmpl *t, *week = NULL, *cell;
	const char *date;
	char today[11], first[11], next[11], start[11], other[11];
	int i, lead, len, weeks;

	if (room_calendar_begin(r, &room, &date, today) != OK)
		return ERR;
	memcpy(first, date, 8);
	memcpy(first + 8, "01", 3);
	date_add_days(first, 31, next);
	memcpy(next + 8, "01", 3);
	len = date_diff_days(first, next);
	week_start(first, start);
	lead = date_diff_days(start, first);
	weeks = (lead + len + 6) / 7;
	q.room_id = room.id;
	if (days_load(r, &q, start, weeks * 7, &d) != OK)
		return ERR;
	t = room_page(r, "room_month.tpl", &room, "month");
	tmpl_set(t, "DATE", date);
	tmpl_set(t, "MONTH", arena_strndup(r->arena, date, 7));
	tmpl_set(t, "MONTH_LABEL", date_words(r, first, "%B %Y"));
	date_add_days(first, -1, other);
	memcpy(other + 8, "01", 3);
	tmpl_set(t, "PREV_DATE", other);
	tmpl_set(t, "NEXT_DATE", next);
	tmpl_set(t, "TODAY", today);
	week_heads(r, t, start, today, 0);
	for (i = 0; i < weeks * 7; i++) {
		if (i % 7 == 0)
			week = tmpl_section(t, "WEEK");
		cell = tmpl_section(week, "DAY");
		day_cell(r, cell, &d, i, 0, today);
		if (i < lead || i >= lead + len)
			tmpl_show(cell, "OTHER_MONTH");
	}
	if (d.n == 0)
		tmpl_show(t, "NO_SLOTS");
	return page_end(r, 200);
}

struct grid_room {
	long long	 id;
	const char	*name;
};

static int
by_name(const void *a, const void *b)
{
	const struct grid_room *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

/* The rooms with sessions in d, by name. */
static struct grid_room *
grid_rooms(struct req *r, const struct days *d, int *nrooms)
{
	struct grid_room *rooms = arena_calloc(r->arena, (size_t)d->n + 1, sizeof(*rooms));
	int i, j, n = 0;

	for (i = 0; i < d->n; i++) {
		for (j = 0; j < n && rooms[j].id != d->slots[i].room_id; j++)
			;
		if (j == n) {
			rooms[n].id = d->slots[i].room_id;
			rooms[n++].name = d->slots[i].room_name;
		}
	}
	qsort(rooms, (size_t)n, sizeof(*rooms), by_name);
	*nrooms = n;
	return rooms;
}

int
admin_calendar(struct req *r)
{
	struct calendar_query q = { NULL, NULL, 0, 0 };
	struct grid_room *rooms;
	struct days d;
	struct tmpl *t, *row;
	const char *date;
	char today[11], monday[11];
	int i, j, nrooms;

	date_today(today);
	if (req_date_opt(r, "date", today, &date) != OK)
		return ERR;
	week_start(date, monday);
	if (days_load(r, &q, monday, 7, &d) != OK)
		return ERR;
	rooms = grid_rooms(r, &d, &nrooms);
	t = page_admin_begin(r, "admin_calendar.tpl", _("Week of sessions"));
	week_nav(r, t, date, monday, today);
	for (i = 0; i < nrooms; i++) {
		row = tmpl_section(t, "ROOM");
		tmpl_set_int(row, "ROOM_ID", rooms[i].id);
		tmpl_set(row, "ROOM_NAME", rooms[i].name);
		for (j = 0; j < 7; j++)
			day_cell(r, tmpl_section(row, "DAY"), &d, j, rooms[i].id, today);
	}
	if (nrooms == 0)
		tmpl_show(t, "NO_SLOTS");
	return page_end(r, 200);
}
