/* pages/events.c: the events list, an event's sessions with seats left and a
 * course's enrolment */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

int
events_list(struct req *r)
{
	struct event *events;
	int n;

	if (event_list(r->db, r->arena, &events, &n) != OK)
		return ERR;
	page_events(r, page_begin(r, "events.tpl", _("Events")), events, n);
	return page_end(r, 200);
}

/* The event's page; refused, when not OK, is why an enrolment failed (why
 * its sentence, NULL: the result's), at session failed_slot (0: none). */
static int
event_page(struct req *r, int refused, long long failed_slot, const char *why)
{
	struct event ev;
	struct slot *slots;
	struct tmpl *t, *err = NULL, *row;
	long long total = 0;
	int i, n;

	if (event_get_or_reply(r, "id", &ev) != OK ||
	    event_sessions(r->db, r->arena, ev.id, 0, &slots, &n) != OK)
		return ERR;
	t = page_begin(r, "event.tpl", ev.title);
	tmpl_set_int(t, "ID", ev.id);
	tmpl_set(t, "TITLE", ev.title);
	tmpl_set(t, "KIND", page_event_kind_label(ev.kind));
	tmpl_set(t, "DESCRIPTION", ev.description);
	if (refused != OK) {
		err = tmpl_section(t, "ERROR");
		tmpl_set(err, "MESSAGE", why != NULL ? why : result_message(refused));
		tmpl_set(err, "CODE", result_code(refused));
	}
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "SESSION");
		page_slot(r, row, &slots[i]);
		if (slots[i].state == OK)
			total += slots[i].price;
		if (err != NULL && slots[i].id == failed_slot) {
			tmpl_show(row, "FAILED");
			tmpl_set(tmpl_section(err, "SESSION"), "WHEN", arena_printf(r->arena,
			    "%s %s", fmt_local(r->arena, slots[i].start, FMT_DATE_SHORT),
			    fmt_local(r->arena, slots[i].start, "%H:%M")));
		}
	}
	if (ev.room_id != 0 && ev.session_minutes > 0 && strcmp(ev.kind, "individual") == 0)
		tmpl_show(t, "APPOINTMENTS");
	if (strcmp(ev.kind, "course") == 0) {	/* sold as one series */
		struct tmpl *c = tmpl_section(t, "COURSE");

		tmpl_set(c, "COURSE_PRICE", money_show(r->arena,
		    ev.course_price >= 0 ? ev.course_price : total));
		if (ev.upcoming > 0 && r->user != NULL)
			tmpl_show(c, "ENROL");
		else if (ev.upcoming > 0)
			tmpl_set(tmpl_section(c, "LOGIN"), "NEXT", url_encode(r->arena,
			    arena_printf(r->arena, "/events/%lld", ev.id)));
	}
	if (n == 0)
		tmpl_show(t, "NO_SESSIONS");
	if (page_reviews(r, t, 0, ev.id, NULL, arena_printf(r->arena, "/events/%lld", ev.id)) != OK)
		return ERR;
	return page_end(r, reply_result_status(refused));
}

int
event_show(struct req *r)
{
	return event_page(r, OK, 0, NULL);
}

int
event_enrol_submit(struct req *r)
{
	const char *why;
	long long id, order, slot;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	rc = booking_enrol(r->db, r->arena, &r->actor, id, &order, &slot, &why);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND && slot == 0)
		return reply_not_found(r, "event", id);
	if (rc != OK)
		return event_page(r, rc, slot, why);
	return reply_redirect(r, arena_printf(r->arena, "/orders/%lld?done=enrolled", order));
}
