/* api/catalog.c: /api/v1/events, /api/v1/timeslots/{id} and
 * /api/v1/notifications: what the public and account pages show */
#include "core/limits.h"
#include "domain/catalog.h"
#include "domain/notify.h"
#include "handlers.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

static int
events_reply(struct req *r, long long def, long long max)
{
	struct json_object *items;
	struct event *events;
	long long page, limit, total;
	int i, n;

	if (req_paging(r, def, max, &page, &limit) != OK ||
	    event_list_page(r->db, r->arena, limit, (page - 1) * limit, &events, &n,
	    &total) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_event(r->arena, &events[i]));
	return reply_json(r, 200, json_page(items, page, limit, total));
}

int
api_events_list(struct req *r)
{
	return events_reply(r, API_PAGE_SIZE, API_PAGE_SIZE_MAX);
}

int
api_admin_events_list(struct req *r)
{
	return events_reply(r, ADMIN_API_PAGE_SIZE, ADMIN_API_PAGE_SIZE_MAX);
}

/* An event with its sessions (seats left in each); drafts for admins. */
static int
event_reply(struct req *r, int drafts)
{
	struct json_object *o, *list;
	struct event ev;
	struct slot *slots;
	int i, n;

	if (event_get_or_reply(r, "id", &ev) != OK ||
	    event_sessions(r->db, r->arena, ev.id, drafts, &slots, &n) != OK)
		return ERR;
	o = json_event(r->arena, &ev);
	list = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(list, json_slot(r->arena, &slots[i]));
	json_object_object_add(o, "sessions", list);
	return reply_json(r, 200, o);
}

int
api_event_show(struct req *r)
{
	return event_reply(r, 0);
}

int
api_admin_event_show(struct req *r)
{
	return event_reply(r, 1);
}

int
api_timeslot_show(struct req *r)
{
	struct slot s;

	if (slot_get_or_reply(r, "id", r->actor.admin_route, &s) != OK)
		return ERR;
	return reply_json(r, 200, json_slot(r->arena, &s));
}

int
api_notifications(struct req *r)
{
	struct json_object *items;
	struct notification *list;
	long long page, limit, total;
	int i, n;

	if (req_paging(r, API_PAGE_SIZE, API_PAGE_SIZE_MAX, &page, &limit) != OK ||
	    notify_page(r->db, r->arena, r->user->id, limit, (page - 1) * limit,
	    &list, &n, &total) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_notification(r->arena, &list[i]));
	return reply_json(r, 200, json_page(items, page, limit, total));
}

int
api_notifications_read(struct req *r)
{
	struct json_object *o;

	if (notify_read_all(r->db, r->user->id) != OK)
		return ERR;
	o = json_object_new_object();
	json_set_int(o, "unread", 0);
	return reply_json(r, 200, o);
}
