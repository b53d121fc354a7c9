/* pages/admin_reports.c: /admin/reports, each report as a chart, a table and CSV from one query */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/catalog.h"
#include "domain/report.h"
#include "handlers.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/chart.h"
#include "pages/page.h"

#define REPORT_DEFAULT_DAYS	30
#define CHART_BARS_MAX		20	/* events charted; the table has them all */
#define REPORT_CHARTS		2	/* charts drawn from one table */

enum col_kind { COL_TEXT, COL_COUNT, COL_MONEY, COL_PERMILLE };

struct col {
	const char	*name;
	enum col_kind	 kind;
};

struct cell {
	const char	*text;
	long long	 n;
};

/* A report's numbers as one table: the page's table, its CSV and the
 * charts are all written from it. */
struct table {
	const char		*title;
	int			 ncols;
	const struct col	*cols;
	int			 nrows;
	struct cell		*cells;
	int			 ncharts;
	struct chart		 charts[REPORT_CHARTS];
};

static const char *const weekdays[] = {
	N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"),
};

static void
table_init(struct arena *a, struct table *t, const char *title, const struct col *cols,
    int ncols, int nrows)
{
	memset(t, 0, sizeof(*t));
	t->title = title;
	t->cols = cols;
	t->ncols = ncols;
	t->nrows = nrows;
	t->cells = arena_calloc(a, (size_t)(nrows > 0 ? nrows : 1) * (size_t)ncols,
	    sizeof(*t->cells));
}

static struct cell *
cell(struct table *t, int row, int col)
{
	return &t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
}

/* Booked seats of seats in tenths of a percent. */
static long long
permille(long long part, long long whole)
{
	return whole > 0 ? part * 1000 / whole : 0;
}

/* "01 Dec" for a date, as the charts label days. */
static const char *
day_label(struct arena *a, const char *date)
{
	struct tm tm;

	if (date == NULL || date_parse(date, &tm) != 0)
		return date;
	return fmt_date(a, date, "%d %b");
}

static struct chart *
chart_add(struct table *t, const char *id, const char *title, enum chart_kind kind,
    enum chart_unit unit, const char *x_label, const char *y_label)
{
	struct chart *c = &t->charts[t->ncharts++];

	memset(c, 0, sizeof(*c));
	c->id = id;
	c->title = title;
	c->kind = kind;
	c->unit = unit;
	c->x_label = x_label;
	c->y_label = y_label;
	return c;
}

static long long *
series_add(struct arena *a, struct chart *c, const char *name, int n)
{
	long long *v = arena_calloc(a, (size_t)(n > 0 ? n : 1), sizeof(*v));

	c->series[c->nseries] = name;
	c->values[c->nseries++] = v;
	return v;
}

/* The last four columns of a table of seats. */
static void
seats_cells(struct table *t, int row, int col, const struct report_seats *s)
{
	cell(t, row, col)->n = s->sessions;
	cell(t, row, col + 1)->n = s->seats;
	cell(t, row, col + 2)->n = s->booked;
	cell(t, row, col + 3)->n = permille(s->booked, s->seats);
}

static int
occupancy_table(struct req *r, const struct report_range *rg, struct table *t)
{
	static const struct col cols[] = {
		{ N_("Day"), COL_TEXT }, { N_("Room"), COL_TEXT }, { N_("Sessions"), COL_COUNT },
		{ N_("Seats"), COL_COUNT }, { N_("Booked"), COL_COUNT }, { N_("Occupancy"), COL_PERMILLE },
	};
	struct report_seats *s;
	struct chart *c;
	long long *seats, *booked, *pct;
	char day[11];
	int i, d, n, days = date_diff_days(rg->first, rg->last) + 1;

	if (days <= 0 || report_occupancy(r->db, r->arena, rg, &s, &n) != OK)
		return ERR;
	table_init(r->arena, t, _("Occupancy per room per day"), cols, 6, n);
	c = chart_add(t, "occupancy-chart", _("Occupancy per day"),
	    CHART_LINE, CHART_PERMILLE, _("Day"), _("Booked seats of seats"));
	/* one point per day of the range, every room's seats summed; a day
	 * of no sessions is a point at nothing, so the days stay even */
	c->labels = arena_calloc(r->arena, (size_t)days, sizeof(*c->labels));
	pct = series_add(r->arena, c, _("Occupancy"), days);
	seats = arena_calloc(r->arena, (size_t)days, sizeof(*seats));
	booked = arena_calloc(r->arena, (size_t)days, sizeof(*booked));
	for (i = 0; i < n; i++) {
		cell(t, i, 0)->text = s[i].day;
		cell(t, i, 1)->text = s[i].name;
		seats_cells(t, i, 2, &s[i]);
		d = date_diff_days(rg->first, s[i].day);
		if (d >= 0 && d < days) {
			seats[d] += s[i].seats;
			booked[d] += s[i].booked;
		}
	}
	for (d = 0; d < days; d++) {
		date_add_days(rg->first, d, day);
		c->labels[d] = day_label(r->arena, arena_strdup(r->arena, day));
		pct[d] = permille(booked[d], seats[d]);
	}
	c->n = days;
	return OK;
}

static int
events_table(struct req *r, const struct report_range *rg, struct table *t)
{
	static const struct col cols[] = {
		{ N_("Event"), COL_TEXT }, { N_("Sessions"), COL_COUNT }, { N_("Seats"), COL_COUNT },
		{ N_("Booked"), COL_COUNT }, { N_("Fill rate"), COL_PERMILLE },
	};
	struct report_seats *s;
	struct chart *c;
	long long *fill;
	int i, n;

	if (report_events(r->db, r->arena, rg, &s, &n) != OK)
		return ERR;
	table_init(r->arena, t, _("Session popularity per event"), cols, 5, n);
	c = chart_add(t, "events-chart", _("Fill rate per event, the fullest first"),
	    CHART_BAR, CHART_PERMILLE, _("Event"), _("Booked seats of seats"));
	c->n = n < CHART_BARS_MAX ? n : CHART_BARS_MAX;
	c->labels = arena_calloc(r->arena, (size_t)(n > 0 ? n : 1), sizeof(*c->labels));
	fill = series_add(r->arena, c, _("Fill rate"), n);
	for (i = 0; i < n; i++) {
		cell(t, i, 0)->text = s[i].name;
		seats_cells(t, i, 1, &s[i]);
		c->labels[i] = s[i].name;
		fill[i] = cell(t, i, 4)->n;
	}
	return OK;
}

static int
hours_table(struct req *r, const struct report_range *rg, struct table *t)
{
	static const struct col cols[] = {
		{ N_("Weekday"), COL_TEXT }, { N_("Hour"), COL_TEXT }, { N_("Sessions"), COL_COUNT },
		{ N_("Seats"), COL_COUNT }, { N_("Booked"), COL_COUNT }, { N_("Fill rate"), COL_PERMILLE },
	};
	static const char *const short_days[] = {
		C_N("weekday", "Sun"), C_N("weekday", "Mon"), C_N("weekday", "Tue"),
		C_N("weekday", "Wed"), C_N("weekday", "Thu"), C_N("weekday", "Fri"),
		C_N("weekday", "Sat"),
	};
	const char **day_names = arena_calloc(r->arena, 7, sizeof(*day_names));
	long long day_seats[7] = { 0 }, day_booked[7] = { 0 };
	long long hour_seats[24] = { 0 }, hour_booked[24] = { 0 };
	struct report_seats *s;
	struct chart *byday, *byhour;
	long long *dfill, *hfill;
	int i, n, h, first = 24, last = -1;

	if (report_hours(r->db, r->arena, rg, &s, &n) != OK)
		return ERR;
	table_init(r->arena, t, _("Session popularity per weekday and hour"), cols, 6, n);
	for (i = 0; i < n; i++) {
		h = (int)s[i].id;
		cell(t, i, 0)->text = _(weekdays[s[i].weekday % 7]);
		cell(t, i, 1)->text = arena_printf(r->arena, "%02d:00", h);
		seats_cells(t, i, 2, &s[i]);
		day_seats[s[i].weekday % 7] += s[i].seats;
		day_booked[s[i].weekday % 7] += s[i].booked;
		hour_seats[h % 24] += s[i].seats;
		hour_booked[h % 24] += s[i].booked;
		if (h < first)
			first = h;
		if (h > last)
			last = h;
	}
	byday = chart_add(t, "weekday-chart", _("Fill rate per weekday"), CHART_BAR,
	    CHART_PERMILLE, _("Weekday"), _("Booked seats of seats"));
	byday->n = n > 0 ? 7 : 0;
	for (i = 0; i < 7; i++)
		day_names[i] = C_("weekday", short_days[i]);
	byday->labels = day_names;
	dfill = series_add(r->arena, byday, _("Fill rate"), 7);
	for (i = 0; i < 7; i++)
		dfill[i] = permille(day_booked[i], day_seats[i]);
	byhour = chart_add(t, "hour-chart", _("Fill rate per starting hour"), CHART_LINE,
	    CHART_PERMILLE, _("Starting hour"), _("Booked seats of seats"));
	byhour->n = last >= first ? last - first + 1 : 0;
	byhour->labels = arena_calloc(r->arena, 24, sizeof(*byhour->labels));
	hfill = series_add(r->arena, byhour, _("Fill rate"), 24);
	for (h = first; h <= last; h++) {
		byhour->labels[h - first] = arena_printf(r->arena, "%02d", h);
		hfill[h - first] = permille(hour_booked[h], hour_seats[h]);
	}
	return OK;
}

static int
attendance_table(struct req *r, const struct report_range *rg, struct table *t)
{
	static const struct col cols[] = {
		{ N_("Room"), COL_TEXT }, { N_("Bookings"), COL_COUNT }, { N_("Checked in"), COL_COUNT },
		{ N_("Completed"), COL_COUNT }, { N_("No-show"), COL_COUNT }, { N_("Cancelled"), COL_COUNT },
	};
	struct report_attendance *at;
	struct chart *c;
	long long *in, *done, *missed;
	int i, n;

	if (report_attendance(r->db, r->arena, rg, &at, &n) != OK)
		return ERR;
	table_init(r->arena, t, _("Attendance per room"), cols, 6, n);
	c = chart_add(t, "attendance-chart", _("Checked in, completed and no-show per room"),
	    CHART_BAR, CHART_COUNT, _("Room"), _("Bookings"));
	c->n = n;
	c->labels = arena_calloc(r->arena, (size_t)(n > 0 ? n : 1), sizeof(*c->labels));
	in = series_add(r->arena, c, _("Checked in"), n);
	done = series_add(r->arena, c, _("Completed"), n);
	missed = series_add(r->arena, c, _("No-show"), n);
	for (i = 0; i < n; i++) {
		cell(t, i, 0)->text = at[i].room;
		cell(t, i, 1)->n = at[i].bookings;
		cell(t, i, 2)->n = in[i] = at[i].checked_in;
		cell(t, i, 3)->n = done[i] = at[i].completed;
		cell(t, i, 4)->n = missed[i] = at[i].no_show;
		cell(t, i, 5)->n = at[i].cancelled;
		c->labels[i] = at[i].room;
	}
	return OK;
}

/* Revenue grouped one way: its table and a chart of received against
 * refunded. */
static int
revenue_table(struct req *r, const struct report_range *rg, enum report_by by,
    struct table *t)
{
	static const char *const firsts[] = { N_("Room"), N_("Event"), N_("Month"), N_("Day") };
	static const char *const titles[] = {
		N_("Revenue and refunds per room"), N_("Revenue and refunds per event"),
		N_("Revenue and refunds per month"), N_("Revenue and refunds per day"),
	};
	static const char *const ids[] = {
		"revenue-room-chart", "revenue-event-chart", "revenue-month-chart",
		"revenue-day-chart",
	};
#define MONEY_COLS(first) { { first, COL_TEXT }, { N_("Paid bookings"), COL_COUNT }, \
	{ N_("Received"), COL_MONEY }, { N_("Refunds"), COL_MONEY }, { N_("Net"), COL_MONEY } }
	static const struct col cols[][5] = {
		MONEY_COLS(N_("Room")), MONEY_COLS(N_("Event")), MONEY_COLS(N_("Month")),
		MONEY_COLS(N_("Day")),
	};
	struct report_money *m;
	struct chart *c;
	long long *received, *refunds;
	int i, n;

	if (report_revenue(r->db, r->arena, rg, by, &m, &n) != OK)
		return ERR;
	table_init(r->arena, t, _(titles[by]), cols[by], 5, n);
	c = chart_add(t, ids[by], _(titles[by]), CHART_BAR, CHART_MONEY, _(firsts[by]),
	    _("Money"));
	c->n = n < CHART_BARS_MAX ? n : CHART_BARS_MAX;
	c->labels = arena_calloc(r->arena, (size_t)(n > 0 ? n : 1), sizeof(*c->labels));
	received = series_add(r->arena, c, _("Received"), n);
	refunds = series_add(r->arena, c, _("Refunds"), n);
	for (i = 0; i < n; i++) {
		switch (by) {
		case REPORT_BY_MONTH:
		case REPORT_BY_DAY:
			cell(t, i, 0)->text = m[i].key;
			break;
		default:
			cell(t, i, 0)->text = m[i].name != NULL ? m[i].name : _("(no event)");
		}
		cell(t, i, 1)->n = m[i].paid;
		cell(t, i, 2)->n = received[i] = m[i].received;
		cell(t, i, 3)->n = refunds[i] = m[i].refunds;
		cell(t, i, 4)->n = m[i].net;
		c->labels[i] = by == REPORT_BY_DAY ? day_label(r->arena, m[i].key) :
		    cell(t, i, 0)->text;
	}
	return OK;
}

static int
revenue_month(struct req *r, const struct report_range *rg, struct table *t)
{
	return revenue_table(r, rg, REPORT_BY_MONTH, t);
}

static int
revenue_room(struct req *r, const struct report_range *rg, struct table *t)
{
	return revenue_table(r, rg, REPORT_BY_ROOM, t);
}

static int
revenue_event(struct req *r, const struct report_range *rg, struct table *t)
{
	return revenue_table(r, rg, REPORT_BY_EVENT, t);
}

static int
revenue_day(struct req *r, const struct report_range *rg, struct table *t)
{
	return revenue_table(r, rg, REPORT_BY_DAY, t);
}

/* Each table of each report: its CSV name and how it is made. */
static const struct {
	const char	*report;
	const char	*table;
	int		(*build)(struct req *, const struct report_range *, struct table *);
} tables[] = {
	{ "occupancy",	"occupancy",		occupancy_table },
	{ "popularity",	"events",		events_table },
	{ "popularity",	"hours",		hours_table },
	{ "attendance",	"attendance",		attendance_table },
	{ "revenue",	"revenue-month",	revenue_month },
	{ "revenue",	"revenue-room",		revenue_room },
	{ "revenue",	"revenue-event",	revenue_event },
	{ NULL,		"revenue-day",		revenue_day },	/* the overview's */
};
#define NTABLES	(sizeof(tables) / sizeof(tables[0]))

static const char *const report_names[] = {
	"occupancy", "popularity", "attendance", "revenue", NULL,
};
static const char *const report_labels[] = {
	N_("Occupancy"), N_("Popularity"), N_("Attendance"), N_("Revenue"),
};
static const char *const table_names[] = {
	"occupancy", "events", "hours", "attendance", "revenue-month", "revenue-room",
	"revenue-event", "revenue-day", NULL,
};

/* The filter every report takes: local days from and to (both included,
 * at most REPORT_DAYS_MAX of them, the last 30 by default) and a room. */
struct filter {
	const char		*from;
	const char		*to;
	long long		 room_id;
	struct report_range	 range;
};

static int
filter_read(struct req *r, struct filter *f)
{
	char today[11], first[11];
	struct room room;
	int days, rc;

	date_today(today);
	date_add_days(today, 1 - REPORT_DEFAULT_DAYS, first);
	if (req_date_opt(r, "from", NULL, &f->from) != OK ||
	    req_date_opt(r, "to", NULL, &f->to) != OK ||
	    req_int_opt(r, "roomId", 1, ID_MAX, 0, &f->room_id) != OK)
		return ERR;
	/* One end given: the range runs the default length from it. */
	if (f->from == NULL && f->to == NULL) {
		f->from = arena_strdup(r->arena, first);
		f->to = arena_strdup(r->arena, today);
	} else if (f->from == NULL) {
		date_add_days(f->to, 1 - REPORT_DEFAULT_DAYS, first);
		f->from = arena_strdup(r->arena, first);
	} else if (f->to == NULL) {
		date_add_days(f->from, REPORT_DEFAULT_DAYS - 1, first);
		f->to = arena_strdup(r->arena, first[0] ? first : f->from);
	}
	days = date_diff_days(f->from, f->to);
	if (days < 0)
		return reply_error(r, 400, "invalid_field",
		    "to: the last day (%s) comes before the first (%s).", f->to, f->from);
	if (days >= REPORT_DAYS_MAX)
		return reply_error(r, 400, "invalid_field",
		    "to: a report spans at most %d days; this one spans %d.",
		    REPORT_DAYS_MAX, days + 1);
	if (f->room_id > 0) {
		rc = room_get(r->db, r->arena, f->room_id, &room);
		if (rc == NOT_FOUND)
			return reply_error(r, 400, "invalid_field",
			    "roomId: there is no room %lld.", f->room_id);
		if (rc != OK)
			return ERR;
	}
	if (report_range_init(&f->range, f->from, f->to, f->room_id) != OK)
		return reply_error(r, 400, "invalid_field",
		    "from: the site's time zone changes too often between these days;"
		    " ask for a shorter range.");
	return OK;
}

static const char *
cell_text(struct arena *a, const struct col *col, const struct cell *c)
{
	switch (col->kind) {
	case COL_TEXT:
		return c->text != NULL ? c->text : "";
	case COL_MONEY:
		return chart_value(a, c->n, CHART_MONEY);
	case COL_PERMILLE:
		return chart_value(a, c->n, CHART_PERMILLE);
	default:
		return chart_value(a, c->n, CHART_COUNT);
	}
}

static void
table_fill(struct req *r, struct tmpl *section, struct table *t, const char *name,
    const char *query)
{
	struct tmpl *sec, *row, *c;
	int i, j;

	sec = tmpl_include(section, "REPORT_TABLE", "report_table.tpl");
	tmpl_set(sec, "TABLE_ID", name);
	tmpl_set(sec, "TITLE", t->title);
	tmpl_set(sec, "CSV_HREF", arena_printf(r->arena, "/admin/reports.csv?table=%s&%s",
	    name, query));
	for (i = 0; i < t->ncharts; i++)
		chart_fill(r->arena, tmpl_include(tmpl_section(sec, "FIGURE"), "CHART",
		    "chart.tpl"), &t->charts[i]);
	for (j = 0; j < t->ncols; j++) {
		c = tmpl_section(sec, "HEAD");
		tmpl_set(c, "NAME", _(t->cols[j].name));
		if (t->cols[j].kind != COL_TEXT)
			tmpl_show(c, "NUM");
	}
	for (i = 0; i < t->nrows; i++) {
		row = tmpl_section(sec, "ROW");
		for (j = 0; j < t->ncols; j++) {
			c = tmpl_section(row, j == 0 ? "FIRST" : "CELL");
			tmpl_set(c, "TEXT", cell_text(r->arena, &t->cols[j], cell(t, i, j)));
			if (t->cols[j].kind != COL_TEXT)
				tmpl_show(c, "NUM");
		}
	}
	if (t->nrows == 0)
		tmpl_show(sec, "NONE");
}

int
admin_reports(struct req *r)
{
	struct filter f;
	struct table t;
	struct tmpl *p, *tab;
	const char *report, *query;
	size_t i;
	int k;

	if (req_enum_opt(r, "report", report_names, &report) != OK ||
	    filter_read(r, &f) != OK)
		return ERR;
	if (report == NULL)
		report = report_names[0];
	query = arena_printf(r->arena, "from=%s&to=%s%s", f.from, f.to, f.room_id > 0 ?
	    arena_printf(r->arena, "&roomId=%lld", f.room_id) : "");
	p = page_admin_begin(r, "admin_reports.tpl", _("Reports"));
	tmpl_set(p, "REPORT", report);
	tmpl_set(p, "FROM", f.from);
	tmpl_set(p, "TO", f.to);
	page_option(p, "ROOM_OPTION", "", _("Every room"), f.room_id > 0 ? "x" : "");
	if (page_room_options(r, p, "ROOM_OPTION", f.room_id > 0 ?
	    arena_printf(r->arena, "%lld", f.room_id) : NULL) != OK)
		return ERR;
	for (k = 0; report_names[k] != NULL; k++) {
		tab = tmpl_section(p, "TAB");
		tmpl_set(tab, "LABEL", _(report_labels[k]));
		tmpl_set(tab, "HREF", arena_printf(r->arena, "/admin/reports?report=%s&%s",
		    report_names[k], query));
		if (strcmp(report_names[k], report) == 0) {
			tmpl_show(tab, "CURRENT");
			tmpl_set(p, "REPORT_LABEL", _(report_labels[k]));
		}
	}
	for (i = 0; i < NTABLES; i++) {
		if (tables[i].report == NULL || strcmp(tables[i].report, report) != 0)
			continue;
		if (tables[i].build(r, &f.range, &t) != OK)
			return ERR;
		table_fill(r, tmpl_section(p, "TABLE"), &t, tables[i].table, query);
	}
	return page_end(r, 200);
}

int
page_report(struct req *r, struct tmpl *t, const char *section, const char *name,
    const char *from, const char *to)
{
	struct report_range rg;
	struct table tb;
	size_t i;

	for (i = 0; i < NTABLES && strcmp(tables[i].table, name) != 0; i++)
		;
	if (i == NTABLES || report_range_init(&rg, from, to, 0) != OK ||
	    tables[i].build(r, &rg, &tb) != OK)
		return ERR;
	table_fill(r, tmpl_section(t, section), &tb, name,
	    arena_printf(r->arena, "from=%s&to=%s", from, to));
	return OK;
}

/* The CSV holds the table's cells: text quoted, numbers plain (money as
 * "12.50", rates as "83.3"), so a spreadsheet reads them as numbers. */
int
admin_reports_csv(struct req *r)
{
	struct filter f;
	struct table t;
	struct buf line;
	const char *name;
	char money[MONEY_TEXT];
	size_t i;
	int row, j;

	if (req_enum_opt(r, "table", table_names, &name) != OK || filter_read(r, &f) != OK)
		return ERR;
	if (name == NULL)
		return reply_error(r, 400, "invalid_field",
		    "table: expected one of occupancy, events, hours, attendance,"
		    " revenue-month, revenue-room, revenue-event, revenue-day.");
	for (i = 0; strcmp(tables[i].table, name) != 0; i++)
		;
	if (tables[i].build(r, &f.range, &t) != OK)
		return ERR;
	reply_header(r, "Content-Disposition: attachment; filename=\"%s-%s-%s.csv\"",
	    name, f.from, f.to);
	reply_stream_begin(r, "text/csv; charset=utf-8");
	buf_init(&line, r->arena);
	for (j = 0; j < t.ncols; j++)
		page_csv_cell(&line, _(t.cols[j].name), 1, j == t.ncols - 1);
	for (row = 0; row < t.nrows; row++)
		for (j = 0; j < t.ncols; j++) {
			const struct cell *c = cell(&t, row, j);
			int last = j == t.ncols - 1;

			switch (t.cols[j].kind) {
			case COL_TEXT:
				page_csv_cell(&line, c->text, 1, last);
				break;
			case COL_MONEY:
				page_csv_cell(&line, money_text(c->n, money), 0, last);
				break;
			case COL_PERMILLE:
				page_csv_cell(&line, arena_printf(r->arena, "%lld.%lld",
				    c->n / 10, c->n % 10), 0, last);
				break;
			default:
				page_csv_cell(&line, arena_printf(r->arena, "%lld", c->n), 0,
				    last);
			}
		}
	if (!r->head)
		reply_stream(r, line.data, line.len);
	return OK;
}
