/* pages/appointments.c: an individual event's day of free starts, and
 * booking one */
#include "core/fmt.h"
#include "domain/appointments.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

/* The day's free starts; refused, when not OK, is why a booking failed
 * (why its sentence, NULL: the result's). */
static int
appointments_page(struct req *r, int refused, const char *why)
{
	struct event ev;
	struct tmpl *t, *row;
	const char **starts, *date;
	char today[11], prev[11], next[11], iso[ISO_TEXT];
	int i, n, rc;

	date_today(today);
	if (event_get_or_reply(r, "id", &ev) != OK ||
	    req_date_opt(r, "date", today, &date) != OK)
		return ERR;
	if ((rc = appointment_starts(r->db, r->arena, ev.id, date, &starts, &n)) == NOT_FOUND)
		return reply_error(r, 404, "not_found", "%s takes no appointments.", ev.title);
	if (rc != OK)
		return ERR;
	date_add_days(date, -1, prev);
	date_add_days(date, 1, next);
	t = page_begin(r, "appointments.tpl", ev.title);
	tmpl_set_int(t, "ID", ev.id);
	tmpl_set(t, "TITLE", ev.title);
	tmpl_set(t, "DATE", date);
	tmpl_set(t, "PREV_DATE", prev);
	tmpl_set(t, "NEXT_DATE", next);
	tmpl_set_int(t, "MINUTES", ev.session_minutes);
	if (refused != OK)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE",
		    why != NULL ? why : result_message(refused));
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "START");
		tmpl_set(row, "TIME", fmt_local(r->arena, starts[i], "%H:%M"));
		tmpl_set(row, "VALUE", iso_text(starts[i], iso));
		if (r->user != NULL)
			tmpl_show(row, "CAN_BOOK");
	}
	if (n == 0)
		tmpl_show(t, "NONE");
	if (r->user == NULL)
		tmpl_set(tmpl_section(t, "LOGIN"), "NEXT", url_encode(r->arena,
		    arena_printf(r->arena, "/events/%lld/appointments?date=%s", ev.id, date)));
	return page_end(r, reply_result_status(refused));
}

int
appointments_show(struct req *r)
{
	return appointments_page(r, OK, NULL);
}

int
appointment_submit(struct req *r)
{
	const char *start, *why;
	char utc[20];
	long long id, order;
	int rc;

	if (req_id(r, "id", &id) != OK || req_str(r, "start", 25, &start) != OK)
		return ERR;
	if (datetime_input(start, utc) != 0)
		return reply_error(r, 400, "invalid_field", "start: a time as YYYY-MM-DDTHH:MM.");
	rc = appointment_book(r->db, r->arena, &r->actor, id, utc, &order, &why);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "event", id);
	if (rc != OK)
		return appointments_page(r, rc, why);
	return reply_redirect(r, arena_printf(r->arena, "/orders/%lld?done=ordered", order));
}
