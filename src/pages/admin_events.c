/* pages/admin_events.c: events, their sessions and publishing */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

/* The event's form and the add-session form share the page. */
static const char *const fields[] = {
	"title", "kind", "coursePrice", "appointmentRoomId", "sessionMinutes", "description",
	"roomId", "startTime", "endTime", "price",
	"maxBookings", NULL
};

static const char *const event_done[][2] = {
	{ "created", N_("The event is created. Add its sessions below, then publish them.") },
	{ "saved", N_("The event is saved.") },
	{ "session", N_("The session is added as a draft: publish it to open it for booking.") },
	{ "timeslot", N_("The session is changed.") },
	{ NULL, NULL },
};

int
admin_events_list(struct req *r)
{
	struct event *events;
	int n;

	if (event_list(r->db, r->arena, &events, &n) != OK)
		return ERR;
	page_events(r, page_admin_begin(r, "admin_events.tpl", _("Events")), events, n);
	return page_end(r, 200);
}

/* The buttons a session shows: the moves slot_move_allowed() allows from
 * its status (draft sessions are published with the event). */
static void
session_actions(struct tmpl *row, const char *status)
{
	static const char *const buttons[][2] = {
		{ "in_progress", "CAN_START" }, { "completed", "CAN_COMPLETE" },
		{ "canceled", "CAN_CANCEL" },
	};
	size_t i;

	for (i = 0; i < sizeof(buttons) / sizeof(buttons[0]); i++)
		if (slot_move_allowed(status, buttons[i][0]))
			tmpl_show(row, buttons[i][1]);
}

/* The new-event form (ev NULL) or an event's page: its form, its sessions
 * with their status buttons, the add-session form and publishing. One form
 * coming back keeps what was typed in it; the other shows stored values. */
static int
event_page(struct req *r, const struct event *ev, struct form *f, int status)
{
	struct slot *slots = NULL;
	struct tmpl *t, *e, *row;
	long long cancelled, published;
	int i, n = 0, drafts = 0;

	if (req_int_opt(r, "cancelled", 0, COUNT_MAX, -1, &cancelled) != OK ||
	    req_int_opt(r, "published", 0, COUNT_MAX, -1, &published) != OK)
		return ERR;
	if (ev != NULL && event_sessions(r->db, r->arena, ev->id, 1, &slots, &n) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_event.tpl", ev ? ev->title : _("New event"));
	if (ev == NULL) {
		tmpl_show(t, "NEW");
		tmpl_set(t, "ACTION", "/admin/events");
	} else {
		form_default(f, "title", ev->title);
		form_default(f, "kind", ev->kind);
		if (ev->course_price >= 0)
			form_default(f, "coursePrice", money_fmt(r->arena, ev->course_price));
		if (ev->room_id > 0)
			form_default(f, "appointmentRoomId", arena_printf(r->arena, "%lld",
			    ev->room_id));
		if (ev->session_minutes > 0)
			form_default(f, "sessionMinutes", arena_printf(r->arena, "%lld",
			    ev->session_minutes));
		form_default(f, "description", ev->description);
		if (ev->tax_free)
			form_default(f, "taxFree", "1");
		tmpl_set(t, "ACTION", arena_printf(r->arena, "/admin/events/%lld", ev->id));
		page_done(r, t, event_done);
		if (cancelled >= 0)
			tmpl_set(tmpl_section(t, "DONE"), "MESSAGE", arena_printf(r->arena,
			    _("The session is cancelled; %lld bookings were cancelled with a"
			    " full refund and their owners notified."), cancelled));
		if (published >= 0)
			tmpl_set(tmpl_section(t, "DONE"), "MESSAGE", arena_printf(r->arena,
			    _("%lld sessions published: they are open for booking."), published));
		e = tmpl_section(t, "EDIT");
		tmpl_set_int(e, "ID", ev->id);
		tmpl_set(e, "TITLE", ev->title);
		tmpl_set(e, "KIND", page_event_kind_label(ev->kind));
		if (strcmp(ev->kind, "course") == 0)
			tmpl_show(e, "COURSE");
		for (i = 0; i < n; i++) {
			row = tmpl_section(e, "SESSION");
			page_slot(r, row, &slots[i]);
			tmpl_set(row, "STATUS", slots[i].status);
			tmpl_set(row, "STATUS_LABEL", page_status_label(slots[i].status));
			tmpl_set_int(row, "BOOKED", slots[i].booked);
			session_actions(row, slots[i].status);
			drafts += strcmp(slots[i].status, "draft") == 0;
		}
		if (n == 0)
			tmpl_show(e, "NO_SESSIONS");
		if (drafts > 0)
			tmpl_set_int(tmpl_section(e, "PUBLISH"), "DRAFTS", drafts);
		if (page_room_options(r, t, "ROOM_OPTION", kv_get(&r->params, "roomId")) != OK)
			return ERR;
	}
	form_fill(f, t, fields);
	/* The box, ticked, comes before the form's hidden "0". */
	if (page_flag_on(f, "taxFree"))
		tmpl_show(t, "TAX_FREE");
	for (i = 0; admin_event_kinds[i] != NULL; i++)
		page_option(t, "KIND_OPTION", admin_event_kinds[i],
		    page_event_kind_label(admin_event_kinds[i]),
		    kv_get(&r->params, "kind"));
	return page_end(r, status);
}

static int
event_load(struct req *r, long long *id, void *ev)
{
	int rc = event_get_or_reply(r, "id", ev);

	if (rc == OK)
		*id = ((struct event *)ev)->id;
	return rc;
}

static int
event_save(struct req *r, struct form *f, long long *id)
{
	struct event_input in;

	input_event(f, *id == 0, &in);
	return admin_event_save(r->db, r->arena, id, &in, &f->errors);
}

static int
event_form(struct req *r, const void *ev, struct form *f, int status)
{
	return event_page(r, ev, f, status);
}

static const struct page_admin_form events = {
	"event", "/admin/events", "saved", sizeof(struct event), event_load,
	event_save, event_form
};

PAGE_ADMIN_HANDLERS(admin_event, events)

/* A session starts as a draft, numbered when the event is a course. */
int
admin_event_session_add(struct req *r)
{
	struct slot_input in;
	struct event ev;
	struct form f;
	long long id, slot = 0;
	int rc, status;

	if (event_get_or_reply(r, "id", &ev) != OK)
		return ERR;
	id = ev.id;
	kv_set(r->arena, &r->params, "eventId", arena_printf(r->arena, "%lld", id));
	form_init(&f, r);
	input_slot(&f, 1, &in);
	if ((rc = admin_slot_save(r->db, r->arena, &r->actor, &slot, &in, &f.errors)) == ERR)
		return ERR;
	if ((status = page_admin_refused(rc)) != 0)
		return event_page(r, &ev, &f, status);
	return reply_redirect(r, arena_printf(r->arena, "/admin/events/%lld?done=session", id));
}

int
admin_event_publish_submit(struct req *r)
{
	struct event ev;
	long long id, n;

	if (event_get_or_reply(r, "id", &ev) != OK)
		return ERR;
	id = ev.id;
	if ((n = admin_event_publish(r->db, id)) < 0)
		return ERR;
	return reply_redirect(r, arena_printf(r->arena, "/admin/events/%lld?published=%lld",
	    id, n));
}
