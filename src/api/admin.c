/* api/admin.c: /api/v1/admin: rooms, timeslots and their generation,
 * events, and the bookings list with its state actions */
#include <string.h>

#include <json-c/json.h>

#include "api/api.h"
#include "core/fmt.h"
#include "core/limits.h"
#include "domain/account.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/quota.h"
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
	if (rc == CONFLICT || rc == INVALID || rc == OVERLAPS)
		return form_reply_result(r, f, rc);
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

/* The seed's names for the generation's fields, beside ours: startDate,
 * endDate, slotDurationMinutes and workingHours {start, end}. Ours win
 * when both are sent. */
static int
generate_aliases(struct req *r)
{
	static const char *const names[][2] = {
		{ "startDate", "from" }, { "endDate", "to" },
		{ "slotDurationMinutes", "length" },
	};
	struct json_object *hours, *v;
	const char *wh = kv_get(&r->params, "workingHours");
	size_t i;
	int ok;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (kv_get(&r->params, names[i][0]) != NULL &&
		    kv_get(&r->params, names[i][1]) == NULL)
			kv_set(r->arena, &r->params, names[i][1],
			    kv_get(&r->params, names[i][0]));
	if (wh == NULL)
		return OK;
	hours = json_tokener_parse(wh);
	ok = hours != NULL && json_object_is_type(hours, json_type_object);
	for (i = 0; ok && i < 2; i++) {
		const char *key = i == 0 ? "start" : "end";

		if (!json_object_object_get_ex(hours, key, &v) ||
		    !json_object_is_type(v, json_type_string))
			ok = 0;
		else if (kv_get(&r->params, i == 0 ? "dayStart" : "dayEnd") == NULL)
			kv_set(r->arena, &r->params, i == 0 ? "dayStart" : "dayEnd",
			    arena_strdup(r->arena, json_object_get_string(v)));
	}
	json_object_put(hours);
	if (!ok)
		return reply_error(r, 400, "invalid_field",
		    "workingHours: expected {\"start\": \"HH:MM\", \"end\": \"HH:MM\"}.");
	return OK;
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

	if (generate_aliases(r) != OK)
		return ERR;
	form_init(&f, r);
	input_slotgen(&f, g);
	rc = slotgen_run(r->db, r->arena, g, dry != NULL && strcmp(dry, "true") == 0,
	    &f.errors, &counts, NULL);
	if (rc == INVALID || rc == OVERLAPS)
		return form_reply_result(r, &f, rc);
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
	struct list_page page;
	int n;

	if (input_admin_filter(r, &f, ADMIN_API_PAGE_SIZE,
	    ADMIN_API_PAGE_SIZE_MAX) != OK)
		return ERR;
	if (admin_bookings(r->db, r->arena, &f, NULL, &list, &n, &page) != OK)
		return ERR;
	return reply_json(r, 200, json_list_page(json_bookings(r->arena, list, n), f.limit,
	    &page));
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

/* POST /api/v1/admin/checkin {code}: the door's scanner in JSON. 200 with
 * the booking checked in; 409 already_checked_in (checkedInAt), not_now or
 * cancelled, with the booking; 404 for a code that is no ticket. */
int
api_admin_checkin(struct req *r)
{
	struct json_object *obj, *err;
	const char *code, *ticket;
	struct booking b;
	int rc;

	if (req_str(r, "code", TICKET_INPUT_MAX, &code) != OK)
		return ERR;
	memset(&b, 0, sizeof(b));
	rc = (ticket = booking_ticket_parse(r->arena, code)) == NULL ? NOT_FOUND :
	    booking_check_in_ticket(r->db, r->arena, &r->actor, ticket, &b);
	if (rc == ERR)
		return ERR;
	if (rc == OK)
		return reply_json(r, 200, json_booking(r->arena, &b));
	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found", "Unknown ticket.");
	err = json_object_new_object();
	json_set_str(err, "code", result_code(rc));
	json_set_str(err, "message", booking_ticket_answer(r->arena, rc, &b));
	if (rc == ALREADY_CHECKED_IN)
		json_set_time(err, r->arena, "checkedInAt", b.checked_in_at);
	obj = json_object_new_object();
	json_object_object_add(obj, "error", err);
	json_object_object_add(obj, "booking", json_booking(r->arena, &b));
	return reply_json(r, 409, obj);
}

int
api_admin_booking_check_out(struct req *r)
{
	return transition(r, BK_CHECK_OUT);
}

int
api_admin_booking_approve(struct req *r)
{
	return transition(r, BK_APPROVE);
}

int
api_admin_booking_decline(struct req *r)
{
	return transition(r, BK_DECLINE);
}

int
api_admin_slots_list(struct req *r)
{
	struct slot_filter f;
	struct json_object *items;
	struct slot *slots;
	const char *from, *to;
	char start[20], end[20], unused[20];
	long long page, total;
	int i, n;

	memset(&f, 0, sizeof(f));
	if (req_int_opt(r, "roomId", 1, ID_MAX, 0, &f.room_id) != OK ||
	    req_int_opt(r, "eventId", 1, ID_MAX, 0, &f.event_id) != OK ||
	    req_enum_opt(r, "status", slot_statuses, &f.status) != OK ||
	    req_date_opt(r, "from", NULL, &from) != OK ||
	    req_date_opt(r, "to", NULL, &to) != OK ||
	    req_paging(r, ADMIN_API_PAGE_SIZE, ADMIN_API_PAGE_SIZE_MAX, &page,
	    &f.limit) != OK)
		return ERR;
	/* Days in the site's zone, both included. */
	if (from != NULL && day_bounds_utc(from, start, unused) == 0)
		f.from = start;
	if (to != NULL && day_bounds_utc(to, unused, end) == 0)
		f.to = end;
	f.offset = (page - 1) * f.limit;
	if (slot_list(r->db, r->arena, &f, &slots, &n, &total) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_slot(r->arena, &slots[i]));
	return reply_json(r, 200, json_page(items, page, f.limit, total));
}

int
api_admin_slot_cancel(struct req *r)
{
	struct json_object *o;
	struct slot s;
	struct form f;
	int rc, n = 0;

	if (slot_get_or_reply(r, "id", 1, &s) != OK)
		return ERR;
	form_init(&f, r);
	rc = admin_slot_cancel(r->db, r->arena, &r->actor, s.id, &f.errors, &n);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", s.id);
	if (rc == CONFLICT || rc == INVALID)
		return form_reply_json(r, &f, 409);
	if (rc != OK || slot_get(r->db, r->arena, s.id, 1, &s) != OK)
		return ERR;
	o = json_object_new_object();
	json_object_object_add(o, "timeslot", json_slot(r->arena, &s));
	json_set_int(o, "cancelledBookings", n);
	return reply_json(r, 200, o);
}

int
api_admin_users(struct req *r)
{
	struct json_object *items;
	struct account *users;
	const char *q;
	long long page, limit, total;
	int i, n;

	if (req_str_opt(r, "q", EMAIL_MAX, NULL, &q) != OK ||
	    req_paging(r, ADMIN_API_PAGE_SIZE, ADMIN_API_PAGE_SIZE_MAX, &page,
	    &limit) != OK ||
	    account_list(r->db, r->arena, q, limit, (page - 1) * limit, &users, &n,
	    &total) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_account(r->arena, &users[i]));
	return reply_json(r, 200, json_page(items, page, limit, total));
}

int
api_admin_user_role(struct req *r)
{
	struct account u;
	long long id;

	if (user_role_or_reply(r, "id", &id) != OK ||
	    account_get(r->db, r->arena, id, &u) != OK)
		return ERR;
	return reply_json(r, 200, json_account(r->arena, &u));
}

/* GET and PUT /api/v1/admin/quotas: every role's limits per room type;
 * a PUT sets one {role, roomType, maxActive, maxHolds, maxHoursWeek}
 * (null or absent: no limit) and answers them all. */
static int
quotas_reply(struct req *r)
{
	struct json_object *items, *q1;
	struct quota *q;
	int i, n;

	if (quota_list(r->db, r->arena, &q, &n) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++) {
		q1 = json_object_new_object();
		json_set_str(q1, "role", q[i].role);
		json_set_str(q1, "roomType", q[i].room_type);
		json_object_object_add(q1, "maxActive", q[i].max_active < 0 ? NULL :
		    json_object_new_int64(q[i].max_active));
		json_object_object_add(q1, "maxHolds", q[i].max_holds < 0 ? NULL :
		    json_object_new_int64(q[i].max_holds));
		json_object_object_add(q1, "maxHoursWeek", q[i].max_hours_week < 0 ? NULL :
		    json_object_new_int64(q[i].max_hours_week));
		json_object_array_add(items, q1);
	}
	return reply_json(r, 200, json_page(items, 1, n, n));
}

int
api_admin_quotas(struct req *r)
{
	return quotas_reply(r);
}

int
api_admin_quota_save(struct req *r)
{
	struct quota q;
	struct form f;

	form_init(&f, r);
	form_enum(&f, "role", "Role", quota_roles, 1, &q.role);
	form_enum(&f, "roomType", "Room type", room_types, 1, &q.room_type);
	input_quota(&f, "", &q);
	if (f.errors.n > 0)
		return form_reply_json(r, &f, 400);
	if (quota_save(r->db, &q) != OK)
		return ERR;
	return quotas_reply(r);
}
