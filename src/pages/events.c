/* pages/events.c: the events list and an event's sessions with seats left */
#include "core/fmt.h"
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
	page_events(r, page_begin(r, "events.tpl", "Events"), events, n);
	return page_end(r, 200);
}

int
event_show(struct req *r)
{
	struct event ev;
	struct slot *slots;
	struct tmpl *t;
	int i, n;

	if (event_get_or_reply(r, "id", &ev) != OK ||
	    event_sessions(r->db, r->arena, ev.id, 0, &slots, &n) != OK)
		return ERR;
	t = page_begin(r, "event.tpl", ev.title);
	tmpl_set_int(t, "ID", ev.id);
	tmpl_set(t, "TITLE", ev.title);
	tmpl_set(t, "KIND", ev.kind);
	tmpl_set(t, "DESCRIPTION", ev.description);
	if (ev.kind[0] == 'c')		/* course: sold as one series */
		tmpl_show(t, "COURSE");
	for (i = 0; i < n; i++)
		page_slot(r, tmpl_section(t, "SESSION"), &slots[i]);
	if (n == 0)
		tmpl_show(t, "NO_SESSIONS");
	if (page_reviews(r, t, 0, ev.id, arena_printf(r->arena, "/events/%lld", ev.id)) != OK)
		return ERR;
	return page_end(r, 200);
}
