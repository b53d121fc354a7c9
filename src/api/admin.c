/* api/admin.c: /api/v1/admin: rooms, timeslots and their generation,
 * events, and the bookings list with its state actions */
#include <string.h>

#include "api/api.h"
#include "core/limits.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/slotgen.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"


/* The common ending of a save: 400 with the fields, 404, 409, or the
 * saved object. */
static int
saved_or_reply(struct req *r, struct form *f, int rc, const char *what, long long id)
{
	if (rc == NOT_FOUND)
		return reply_not_found(r, what, id);
	if (rc == CONFLICT || rc == INVALID)
		return form_reply_json(r, f, rc == CONFLICT ? 409 : 400);
	return rc;
}

static int
room_reply(struct req *r, long long id, int status)
{
	struct room room;

	if (room_get(r->db, r->arena, id, &room) != OK)
		return ERR;
	return reply_json(r, status, json_room(r->arena, &room));
}

/* A new room (no id in the path) or a change to the one it names. */
static int
room_save(struct req *r, long long id)
{
	struct room_input in;
	struct form f;
	int status = id == 0 ? 201 : 200;

	form_init(&f, r);
	input_room(&f, id == 0, &in);
	if (saved_or_reply(r, &f, admin_room_save(r->db, r->arena, &id, &in, &f.errors),
	    "room", id) != OK)
		return ERR;
	return room_reply(r, id, status);
}

int
api_admin_room_create(struct req *r)
{
	return room_save(r, 0);
}

int
api_admin_room_update(struct req *r)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return room_save(r, id);
}

static int
slot_reply(struct req *r, long long id, int status)
{
	struct slot s;

	/* Admins see drafts too. */
	if (slot_get(r->db, r->arena, id, 1, &s) != OK)
		return ERR;
	return reply_json(r, status, json_slot(r->arena, &s));
}

static int
slot_save(struct req *r, long long id)
{
	struct slot_input in;
	struct form f;
	int status = id == 0 ? 201 : 200;

	form_init(&f, r);
	input_slot(&f, id == 0, &in);
	if (saved_or_reply(r, &f, admin_slot_save(r->db, r->arena, &r->actor, &id, &in,
	    &f.errors), "timeslot", id) != OK)
		return ERR;
	return slot_reply(r, id, status);
}

int
api_admin_slot_create(struct req *r)
{
	return slot_save(r, 0);
}

int
api_admin_slot_update(struct req *r)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return slot_save(r, id);
}

int
api_admin_generate(struct req *r)
{
	struct slotgen *g = arena_alloc(r->arena, sizeof(*g));
	struct slotgen_counts counts = { 0, 0 };
	struct json_object *o;
	struct form f;
	const char *dry = kv_get(&r->params, "dryRun");
	int rc;

	form_init(&f, r);
	input_slotgen(&f, g);
	rc = slotgen_run(r->db, r->arena, g, dry != NULL && strcmp(dry, "true") == 0,
	    &f.errors, &counts, NULL);
	if (rc == INVALID)
		return form_reply_json(r, &f, 400);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "room", g->room_id);
	if (rc != OK)
		return ERR;
	o = json_object_new_object();
	json_set_int(o, "created", counts.created);
	json_set_int(o, "skipped", counts.skipped);
	json_set_bool(o, "dryRun", dry != NULL && strcmp(dry, "true") == 0);
	return reply_json(r, 200, o);
}

int
api_admin_event_create(struct req *r)
{
	struct json_object *o;
	struct event_input in;
	struct event ev;
	struct form f;
	long long id = 0;

	form_init(&f, r);
	input_event(&f, 1, &in);
	if (saved_or_reply(r, &f, admin_event_save(r->db, r->arena, &id, &in, &f.errors),
	    "event", 0) != OK)
		return ERR;
	if (event_get(r->db, r->arena, id, &ev) != OK)
		return ERR;
	o = json_object_new_object();
	json_set_int(o, "id", ev.id);
	json_set_str(o, "title", ev.title);
	json_set_str(o, "description", ev.description);
	json_set_str(o, "kind", ev.kind);
	return reply_json(r, 201, o);
}

int
api_admin_bookings(struct req *r)
{
	struct admin_filter f;
	struct booking *list;
	long long total;
	int n;

	if (input_admin_filter(r, &f, ADMIN_API_PAGE_SIZE,
	    ADMIN_API_PAGE_SIZE_MAX) != OK)
		return ERR;
	if (admin_bookings(r->db, r->arena, &f, &list, &n, &total) != OK)
		return ERR;
	return reply_json(r, 200, json_page("bookings", json_bookings(r->arena, list, n),
	    f.page, f.limit, total));
}

static int
transition(struct req *r, enum bk_action action)
{
	const char *payment = NULL;
	long long id;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	if (action == BK_CONFIRM && req_str(r, "paymentId", PAYMENT_ID_MAX, &payment) != OK)
		return ERR;
	rc = booking_transition(r->db, r->arena, &r->actor, id, action, payment);
	return api_reply_booking(r, rc, id, 200, 0, 0);
}

int
api_admin_booking_confirm(struct req *r)
{
	return transition(r, BK_CONFIRM);
}

int
api_admin_booking_complete(struct req *r)
{
	return transition(r, BK_COMPLETE);
}

int
api_admin_booking_no_show(struct req *r)
{
	return transition(r, BK_NO_SHOW);
}

int
api_admin_booking_check_in(struct req *r)
{
	return transition(r, BK_CHECK_IN);
}

int
api_admin_booking_check_out(struct req *r)
{
	return transition(r, BK_CHECK_OUT);
}
