/* pages/admin.c: the admin overview (/admin) and the audit trail (/admin/audit) */
#include <string.h>

#include "core/fmt.h"
#include "db/db.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "handlers.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define AUDIT_PER_PAGE		50
#define OVERVIEW_EVENTS		20
#define OVERVIEW_DAY_MAX	200	/* bookings listed for today and tomorrow */
#define OVERVIEW_HOLDS_MAX	50
#define OCCUPANCY_DAYS		7

struct audit_filter {
	long long	 booking_id;	/* 0: any */
	const char	*email;		/* the booking's owner */
	const char	*actor_email;
	const char	*type;
};

/* Newest first; one row more than asked says whether a next page exists
 * without counting a table that only grows. */
static struct db_res *
audit_query(struct req *r, const struct audit_filter *f, long long limit,
    long long offset)
{
	return db_query(r->db, r->arena,
	    "SELECT be.booking_id, be.type, be.old_status, be.new_status, be.data,"
	    "  be.created_at, COALESCE(a.name, 'system'), a.email, u.name, u.email"
	    " FROM booking_events be JOIN bookings b ON b.id = be.booking_id"
	    " JOIN users u ON u.id = b.user_id LEFT JOIN users a ON a.id = be.actor_id"
	    " WHERE (? = 0 OR be.booking_id = ?) AND (? IS NULL OR u.email = ?)"
	    "   AND (? IS NULL OR a.email = ?) AND (? IS NULL OR be.type = ?)"
	    " ORDER BY be.id DESC LIMIT ? OFFSET ?",
	    "llssssssll", f->booking_id, f->booking_id, f->email, f->email,
	    f->actor_email, f->actor_email, f->type, f->type, limit, offset);
}

static void
audit_rows(struct req *r, struct tmpl *t, const struct db_res *res, int n)
{
	struct tmpl *row;
	int i;

	for (i = 0; i < n && i < res->nrows; i++) {
		row = tmpl_section(t, "EVENT");
		tmpl_set(row, "BOOKING_ID", db_val(res, i, 0));
		tmpl_set(row, "TYPE", db_val(res, i, 1));
		tmpl_set(row, "WHAT", page_event_label(db_val(res, i, 1)));
		tmpl_set(row, "FROM", db_val(res, i, 2));
		tmpl_set(row, "TO", db_val(res, i, 3));
		if (db_val(res, i, 4) != NULL)
			tmpl_set(tmpl_section(row, "DETAILS"), "DATA", db_val(res, i, 4));
		tmpl_set(row, "WHEN", fmt_local(r->arena, db_val(res, i, 5), "%d %b %Y %H:%M:%S"));
		tmpl_set(row, "ACTOR", db_val(res, i, 6));
		if (db_val(res, i, 7) != NULL)
			tmpl_set(tmpl_section(row, "BY_EMAIL"), "EMAIL", db_val(res, i, 7));
		tmpl_set(row, "USER_NAME", db_val(res, i, 8));
		tmpl_set(row, "USER_EMAIL", db_val(res, i, 9));
	}
}

/* Bookings that hold or held a seat on one local day, in time order. */
static int
day_bookings(struct req *r, struct tmpl *t, const char *date, const char *label)
{
	struct db_res *res;
	struct booking b;
	struct tmpl *day;
	char from[20], to[20];
	int i;

	day_bounds_utc(date, from, to);
	res = db_query(r->db, r->arena, BOOKING_SELECT
	    " WHERE t.start_time >= ? AND t.start_time < ? AND b.status <> 'cancelled'"
	    " ORDER BY t.start_time, r.name, b.id LIMIT ?", "ssi", from, to,
	    OVERVIEW_DAY_MAX + 1);
	if (res == NULL)
		return ERR;
	day = tmpl_section(t, "DAY");
	tmpl_set(day, "LABEL", label);
	tmpl_set(day, "DAY_DATE", date);
	tmpl_set(day, "LONG_DATE", fmt_local(r->arena, from, "%A %d %B %Y"));
	tmpl_set(day, "ALL_HREF", arena_printf(r->arena,
	    "/admin/bookings?from=%s&to=%s", date, date));
	for (i = 0; i < res->nrows && i < OVERVIEW_DAY_MAX; i++) {
		booking_from_values(res->cells + (size_t)i * (size_t)res->ncols, &b);
		page_booking(r, tmpl_section(day, "BOOKING"), &b);
	}
	if (res->nrows == 0)
		tmpl_show(day, "NONE");
	if (res->nrows > OVERVIEW_DAY_MAX)
		tmpl_show(day, "MORE");
	return OK;
}

/* Booked seats against the seats of the timeslots that run, per day: the
 * seats held as the timeslot pages count them, plus bookings already
 * completed or missed. */
static int
occupancy(struct req *r, struct tmpl *t, const char *today)
{
	struct db_res *res;
	struct tmpl *row;
	char day[11], from[20], to[20];
	long long seats, booked;
	int d;

	for (d = 0; d < OCCUPANCY_DAYS; d++) {
		date_add_days(today, d, day);
		day_bounds_utc(day, from, to);
		res = db_query(r->db, r->arena,
		    "SELECT COUNT(*), COALESCE(SUM(x.seats), 0), COALESCE(SUM(x.booked), 0)"
		    " FROM (SELECT t.max_bookings AS seats,"
		    "   (SELECT COUNT(*) FROM bookings b WHERE b.timeslot_id = t.id"
		    "     AND (b.status IN ('confirmed','completed','no_show')"
		    "     OR (b.status = 'pending' AND b.hold_expires_at > UTC_TIMESTAMP())))"
		    "   AS booked"
		    "  FROM timeslots t WHERE t.start_time >= ? AND t.start_time < ?"
		    "   AND t.status IN ('scheduled','in_progress','completed')) x",
		    "ss", from, to);
		if (res == NULL)
			return ERR;
		seats = db_int(res, 0, 1);
		booked = db_int(res, 0, 2);
		row = tmpl_section(t, "OCCUPANCY");
		tmpl_set(row, "DAY", fmt_local(r->arena, from, "%a %d %b"));
		tmpl_set(row, "DAY_DATE", arena_strdup(r->arena, day));
		tmpl_set_int(row, "SLOTS", db_int(res, 0, 0));
		if (seats == 0) {
			tmpl_show(row, "NO_SEATS");
			continue;
		}
		row = tmpl_section(row, "SEATS");
		tmpl_set_int(row, "SEATS", seats);
		tmpl_set_int(row, "BOOKED", booked);
		tmpl_set_int(row, "PERCENT", booked * 100 / seats);
	}
	return OK;
}

int
admin_overview(struct req *r)
{
	static const struct audit_filter any = { 0, NULL, NULL, NULL };
	struct db_res *counts, *holds, *events;
	struct booking b;
	struct tmpl *t, *row;
	char today[11], tomorrow[11];
	long long n;
	int i, j;

	date_today(today);
	date_add_days(today, 1, tomorrow);
	counts = db_query(r->db, r->arena, "SELECT status, COUNT(*) FROM bookings"
	    " GROUP BY status", "");
	holds = db_query(r->db, r->arena, BOOKING_SELECT " WHERE b.status = 'pending'"
	    " AND b.hold_expires_at > UTC_TIMESTAMP() ORDER BY b.hold_expires_at, b.id"
	    " LIMIT ?", "i", OVERVIEW_HOLDS_MAX);
	events = audit_query(r, &any, OVERVIEW_EVENTS, 0);
	if (counts == NULL || holds == NULL || events == NULL)
		return ERR;

	t = page_admin_begin(r, "admin.tpl", "Admin");
	if (day_bookings(r, t, today, "Today") != OK ||
	    day_bookings(r, t, tomorrow, "Tomorrow") != OK ||
	    occupancy(r, t, today) != OK) {
		page_free(r);
		return ERR;
	}
	for (i = 0; admin_booking_statuses[i] != NULL; i++) {
		for (n = 0, j = 0; j < counts->nrows; j++)
			if (strcmp(db_val(counts, j, 0), admin_booking_statuses[i]) == 0)
				n = db_int(counts, j, 1);
		row = tmpl_section(t, "COUNT");
		tmpl_set(row, "STATUS", admin_booking_statuses[i]);
		tmpl_set_int(row, "N", n);
	}
	for (i = 0; i < holds->nrows; i++) {
		booking_from_values(holds->cells + (size_t)i * (size_t)holds->ncols, &b);
		row = tmpl_section(t, "HOLD");
		page_booking(r, row, &b);
		tmpl_set(row, "UNTIL", fmt_local(r->arena, b.hold_expires_at, "%H:%M"));
	}
	if (holds->nrows == 0)
		tmpl_show(t, "NO_HOLDS");
	audit_rows(r, t, events, OVERVIEW_EVENTS);
	if (events->nrows == 0)
		tmpl_show(t, "NO_EVENTS");
	return page_end(r);
}

int
admin_audit(struct req *r)
{
	static const char *const keys[] = { "bookingId", "email", "actorEmail", "type", NULL };
	struct audit_filter f;
	struct db_res *res;
	struct tmpl *t;
	const char *q;
	long long page;
	int i;

	if (req_int_opt(r, "bookingId", 1, 4294967295LL, 0, &f.booking_id) != OK ||
	    req_str_opt(r, "email", 254, NULL, &f.email) != OK ||
	    req_str_opt(r, "actorEmail", 254, NULL, &f.actor_email) != OK ||
	    req_enum_opt(r, "type", page_event_types, &f.type) != OK ||
	    req_int_opt(r, "page", 1, 1000000, 1, &page) != OK)
		return ERR;
	if ((res = audit_query(r, &f, AUDIT_PER_PAGE + 1, (page - 1) * AUDIT_PER_PAGE)) == NULL)
		return ERR;
	q = page_query(r, keys);
	t = page_admin_begin(r, "admin_audit.tpl", "Audit trail");
	if (f.booking_id > 0)
		tmpl_set_int(t, "BOOKING_ID", f.booking_id);
	tmpl_set(t, "EMAIL", f.email);
	tmpl_set(t, "ACTOR_EMAIL", f.actor_email);
	page_option(t, "TYPE_OPTION", "", "Any", f.type ? f.type : "");
	for (i = 0; page_event_types[i] != NULL; i++)
		page_option(t, "TYPE_OPTION", page_event_types[i],
		    page_event_label(page_event_types[i]), f.type);
	audit_rows(r, t, res, AUDIT_PER_PAGE);
	if (res->nrows == 0)
		tmpl_show(t, "NO_EVENTS");
	if (page > 1)
		tmpl_set(tmpl_section(t, "PREV_PAGE"), "HREF", arena_printf(r->arena,
		    "/admin/audit?%s%spage=%lld", q, *q ? "&" : "", page - 1));
	if (res->nrows > AUDIT_PER_PAGE)
		tmpl_set(tmpl_section(t, "NEXT_PAGE"), "HREF", arena_printf(r->arena,
		    "/admin/audit?%s%spage=%lld", q, *q ? "&" : "", page + 1));
	return page_end(r);
}
