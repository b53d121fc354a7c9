/* pages/admin.c: the admin overview (/admin) and the audit trail (/admin/audit) */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/admin.h"
#include "domain/audit.h"
#include "domain/booking.h"
#include "handlers.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/chart.h"
#include "pages/page.h"

#define AUDIT_PER_PAGE		50
#define OVERVIEW_EVENTS		20
#define OVERVIEW_DAY_MAX	200	/* bookings listed for today and tomorrow */
#define OVERVIEW_HOLDS_MAX	50
#define OCCUPANCY_DAYS		7

static void
audit_rows(struct req *r, struct tmpl *t, const struct booking_event *ev, int n)
{
	struct tmpl *row;
	int i;

	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "EVENT");
		tmpl_set_int(row, "BOOKING_ID", ev[i].booking_id);
		tmpl_set(row, "TYPE", ev[i].type);
		tmpl_set(row, "WHAT", page_event_label(ev[i].type));
		tmpl_set(row, "FROM", ev[i].old_status);
		tmpl_set(row, "TO", ev[i].new_status);
		if (ev[i].data != NULL)
			tmpl_set(tmpl_section(row, "DETAILS"), "DATA", ev[i].data);
		tmpl_set(row, "WHEN", fmt_local(r->arena, ev[i].created_at, FMT_WHEN));
		tmpl_set(row, "ACTOR", ev[i].actor_name);
		if (ev[i].actor_email != NULL)
			tmpl_set(tmpl_section(row, "BY_EMAIL"), "EMAIL", ev[i].actor_email);
		tmpl_set(row, "USER_NAME", ev[i].user_name);
		tmpl_set(row, "USER_EMAIL", ev[i].user_email);
	}
}

/* Bookings that hold or held a seat on one local day, in time order. */
static int
day_bookings(struct req *r, struct tmpl *t, const char *date, const char *label)
{
	struct booking *list;
	struct tmpl *day;
	char from[20], to[20];
	int i, n;

	day_bounds_utc(date, from, to);
	if (admin_day_bookings(r->db, r->arena, from, to, OVERVIEW_DAY_MAX + 1,
	    &list, &n) != OK)
		return ERR;
	day = tmpl_section(t, "DAY");
	tmpl_set(day, "LABEL", label);
	tmpl_set(day, "DAY_DATE", date);
	tmpl_set(day, "LONG_DATE", fmt_local(r->arena, from, FMT_DATE_LONG));
	tmpl_set(day, "ALL_HREF", arena_printf(r->arena,
	    "/admin/bookings?from=%s&to=%s", date, date));
	for (i = 0; i < n && i < OVERVIEW_DAY_MAX; i++)
		page_booking(r, tmpl_section(day, "BOOKING"), &list[i]);
	if (n == 0)
		tmpl_show(day, "NONE");
	if (n > OVERVIEW_DAY_MAX)
		tmpl_show(day, "MORE");
	return OK;
}

/* Booked seats against the seats of the timeslots that run, per day: the
 * seats held as the timeslot pages count them, plus bookings already
 * completed or missed; as a table and as a chart of the same numbers. */
static int
occupancy(struct req *r, struct tmpl *t, const char *today)
{
	struct chart c = {
		"overview-occupancy", _("Occupancy, next seven days"), _("Day"),
		_("Booked seats of seats"), CHART_BAR, CHART_PERMILLE, OCCUPANCY_DAYS, NULL,
		1, { _("Occupancy") }, { NULL },
	};
	struct admin_occupancy o;
	struct tmpl *row;
	char day[11], from[20], to[20];
	long long *pct;
	int d;

	c.labels = arena_calloc(r->arena, OCCUPANCY_DAYS, sizeof(*c.labels));
	c.values[0] = pct = arena_calloc(r->arena, OCCUPANCY_DAYS, sizeof(*pct));
	for (d = 0; d < OCCUPANCY_DAYS; d++) {
		date_add_days(today, d, day);
		day_bounds_utc(day, from, to);
		if (admin_occupancy(r->db, r->arena, from, to, &o) != OK)
			return ERR;
		row = tmpl_section(t, "OCCUPANCY");
		tmpl_set(row, "DAY", fmt_local(r->arena, from, FMT_DATE_SHORT));
		tmpl_set(row, "DAY_DATE", arena_strdup(r->arena, day));
		tmpl_set_int(row, "SLOTS", o.slots);
		c.labels[d] = fmt_local(r->arena, from, "%a %d");
		if (o.seats == 0) {
			tmpl_show(row, "NO_SEATS");
			continue;
		}
		pct[d] = o.booked * 1000 / o.seats;
		row = tmpl_section(row, "SEATS");
		tmpl_set_int(row, "SEATS", o.seats);
		tmpl_set_int(row, "BOOKED", o.booked);
		tmpl_set_int(row, "PERCENT", o.booked * 100 / o.seats);
	}
	chart_fill(r->arena, tmpl_include(t, "OCCUPANCY_CHART", "chart.tpl"), &c);
	return OK;
}

int
admin_overview(struct req *r)
{
	static const struct admin_audit_filter any = { 0, NULL, NULL, NULL };
	long long counts[BOOKING_STATUSES];
	struct booking *holds;
	struct booking_event *events;
	struct tmpl *t, *row;
	char today[11], tomorrow[11], last[11];
	int i, nholds, nevents;

	date_today(today);
	date_add_days(today, 1, tomorrow);
	date_add_days(today, OCCUPANCY_DAYS - 1, last);
	if (admin_booking_counts(r->db, r->arena, counts) != OK ||
	    admin_holds(r->db, r->arena, OVERVIEW_HOLDS_MAX, &holds, &nholds) != OK ||
	    admin_audit_list(r->db, r->arena, &any, OVERVIEW_EVENTS, 0, &events, &nevents) != OK)
		return ERR;

	t = page_admin_begin(r, "admin.tpl", _("Admin"));
	if (day_bookings(r, t, today, _("Today")) != OK ||
	    day_bookings(r, t, tomorrow, _("Tomorrow")) != OK ||
	    occupancy(r, t, today) != OK ||
	    page_report(r, t, "REVENUE", "revenue-day", today, last) != OK)
		return ERR;
	for (i = 0; i < BOOKING_STATUSES; i++) {
		row = tmpl_section(t, "COUNT");
		tmpl_set(row, "STATUS", booking_statuses[i]);
		tmpl_set(row, "STATUS_LABEL", page_status_label(booking_statuses[i]));
		tmpl_set_int(row, "N", counts[i]);
	}
	for (i = 0; i < nholds; i++) {
		row = tmpl_section(t, "HOLD");
		page_booking(r, row, &holds[i]);
		tmpl_set(row, "UNTIL", fmt_local(r->arena, holds[i].hold_expires_at, FMT_TIME));
	}
	if (nholds == 0)
		tmpl_show(t, "NO_HOLDS");
	audit_rows(r, t, events, nevents);
	if (nevents == 0)
		tmpl_show(t, "NO_EVENTS");
	return page_end(r, 200);
}

/* /admin/audit?log=security: sign-ins, lock-outs, password and role
 * changes, API tokens. */
static int
security_audit(struct req *r)
{
	static const char *const keys[] = { "log", "type", "email", "from", "to", NULL };
	struct audit_filter f;
	struct audit_event *ev;
	struct tmpl *t, *row, *by;
	const char *q, *from, *to;
	char ignore[20];
	long long page;
	int i, n;

	memset(&f, 0, sizeof(f));
	if (req_enum_opt(r, "type", audit_types, &f.type) != OK ||
	    req_str_opt(r, "email", EMAIL_MAX, NULL, &f.email) != OK ||
	    req_date_opt(r, "from", NULL, &from) != OK ||
	    req_date_opt(r, "to", NULL, &to) != OK ||
	    req_int_opt(r, "page", 1, PAGE_MAX, 1, &page) != OK)
		return ERR;
	/* Local days, from the start of the first to the end of the last. */
	if (from != NULL)
		day_bounds_utc(from, f.from, ignore);
	if (to != NULL)
		day_bounds_utc(to, ignore, f.to);
	if (audit_list(r->db, r->arena, &f, AUDIT_PER_PAGE + 1,
	    (page - 1) * AUDIT_PER_PAGE, &ev, &n) != OK)
		return ERR;
	q = page_query(r, keys);
	t = page_admin_begin(r, "admin_security.tpl", _("Security events"));
	tmpl_set(t, "EMAIL", f.email);
	tmpl_set(t, "FROM", from);
	tmpl_set(t, "TO", to);
	page_option(t, "TYPE_OPTION", "", _("Any"), f.type ? f.type : "");
	for (i = 0; audit_types[i] != NULL; i++)
		page_option(t, "TYPE_OPTION", audit_types[i], audit_label(audit_types[i]),
		    f.type);
	for (i = 0; i < n && i < AUDIT_PER_PAGE; i++) {
		row = tmpl_section(t, "EVENT");
		tmpl_set(row, "TYPE", ev[i].type);
		tmpl_set(row, "WHAT", audit_label(ev[i].type));
		tmpl_set(row, "WHEN", fmt_local(r->arena, ev[i].created_at,
		    "%d %b %Y %H:%M:%S"));
		tmpl_set(row, "EMAIL", ev[i].email);
		if (ev[i].user_name != NULL)
			tmpl_set(tmpl_section(row, "ACCOUNT"), "NAME", ev[i].user_name);
		if (ev[i].actor_id > 0) {
			by = tmpl_section(row, "ACTOR");
			tmpl_set(by, "NAME", ev[i].actor_name);
			tmpl_set(by, "ACTOR_EMAIL", ev[i].actor_email);
		}
		tmpl_set(row, "ADDRESS", ev[i].address ? ev[i].address : "-");
		tmpl_set(row, "DETAIL", ev[i].detail);
	}
	if (n == 0)
		tmpl_show(t, "NO_EVENTS");
	if (page > 1)
		tmpl_set(tmpl_section(t, "PREV_PAGE"), "HREF", arena_printf(r->arena,
		    "/admin/audit?%s&page=%lld", q, page - 1));
	if (n > AUDIT_PER_PAGE)
		tmpl_set(tmpl_section(t, "NEXT_PAGE"), "HREF", arena_printf(r->arena,
		    "/admin/audit?%s&page=%lld", q, page + 1));
	return page_end(r, 200);
}

int
admin_audit(struct req *r)
{
	static const char *const logs[] = { "bookings", "security", NULL };
	static const char *const keys[] = { "bookingId", "email", "actorEmail", "type", NULL };
	struct admin_audit_filter f;
	struct booking_event *events;
	struct tmpl *t;
	const char *q;
	const char *log;
	long long page;
	int i, n;

	if (req_enum_opt(r, "log", logs, &log) != OK)
		return ERR;
	if (log != NULL && strcmp(log, "security") == 0)
		return security_audit(r);
	if (req_int_opt(r, "bookingId", 1, ID_MAX, 0, &f.booking_id) != OK ||
	    req_str_opt(r, "email", EMAIL_MAX, NULL, &f.email) != OK ||
	    req_str_opt(r, "actorEmail", EMAIL_MAX, NULL, &f.actor_email) != OK ||
	    req_enum_opt(r, "type", page_event_types, &f.type) != OK ||
	    req_int_opt(r, "page", 1, PAGE_MAX, 1, &page) != OK)
		return ERR;
	if (admin_audit_list(r->db, r->arena, &f, AUDIT_PER_PAGE + 1,
	    (page - 1) * AUDIT_PER_PAGE, &events, &n) != OK)
		return ERR;
	q = page_query(r, keys);
	t = page_admin_begin(r, "admin_audit.tpl", _("Audit trail"));
	if (f.booking_id > 0)
		tmpl_set_int(t, "BOOKING_ID", f.booking_id);
	tmpl_set(t, "EMAIL", f.email);
	tmpl_set(t, "ACTOR_EMAIL", f.actor_email);
	page_option(t, "TYPE_OPTION", "", _("Any"), f.type ? f.type : "");
	for (i = 0; page_event_types[i] != NULL; i++)
		page_option(t, "TYPE_OPTION", page_event_types[i],
		    page_event_label(page_event_types[i]), f.type);
	audit_rows(r, t, events, n < AUDIT_PER_PAGE ? n : AUDIT_PER_PAGE);
	if (n == 0)
		tmpl_show(t, "NO_EVENTS");
	if (page > 1)
		tmpl_set(tmpl_section(t, "PREV_PAGE"), "HREF", arena_printf(r->arena,
		    "/admin/audit?%s%spage=%lld", q, *q ? "&" : "", page - 1));
	if (n > AUDIT_PER_PAGE)
		tmpl_set(tmpl_section(t, "NEXT_PAGE"), "HREF", arena_printf(r->arena,
		    "/admin/audit?%s%spage=%lld", q, *q ? "&" : "", page + 1));
	return page_end(r, 200);
}
