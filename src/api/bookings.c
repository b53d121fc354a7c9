/* api/bookings.c: /api/v1/bookings: book, list, cancel, reactivate, reschedule,
 * check in and out */
#include <string.h>

#include "api/api.h"
#include "core/limits.h"
#include "domain/booking.h"
#include "domain/prices.h"
#include "handlers.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

int
api_reply_booking(struct req *r, int rc, long long id, int status, long long refund,
    int with_refund)
{
	struct booking b;

	if (rc == NOT_FOUND)
		return reply_not_found(r, "booking", id);
	if (rc == OK && booking_get(r->db, r->arena, id, &r->actor, &b) != OK)
		return ERR;
	return json_reply_booking(r, rc, &b, status, refund, with_refund);
}

int
api_booking_create(struct req *r)
{
	const char *notes, *why, *code, *key = req_env(r, "HTTP_IDEMPOTENCY_KEY");
	struct booking made;
	long long slot, id = 0;
	int rc, replayed = 0;

	if (req_id(r, "timeslotId", &slot) != OK ||
	    req_lines_opt(r, "notes", NOTES_MAX, "", &notes) != OK ||
	    req_str_opt(r, "discountCode", DISCOUNT_CODE_MAX, NULL, &code) != OK)
		return ERR;
	if (code != NULL && *code == '\0')
		code = NULL;
	if (key != NULL && *key == '\0')
		key = NULL;
	if (key != NULL && !booking_key_valid(key))
		return reply_error(r, 400, "invalid_field",
		    "Idempotency-Key: %s.", booking_key_rule());
	rc = booking_create(r->db, r->arena, &r->actor, slot, notes, code, key, &id,
	    &replayed, &why, &made);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", slot);
	if (rc == QUOTA_EXCEEDED)
		return reply_error(r, 409, result_code(rc), "%s", why);
	/* A new booking as its transaction read it: no second read. */
	if (made.id != 0)
		return json_reply_booking(r, rc, &made, 201, 0, 0);
	return api_reply_booking(r, rc, id, replayed ? 200 : 201, 0, 0);
}

int
api_bookings_list(struct req *r)
{
	struct booking_filter f = { r->user->id, NULL, NULL, API_PAGE_SIZE, { 0, "", 0, 0 } };
	struct booking *list;
	struct list_page page;
	int n;

	if (req_enum_opt(r, "status", booking_statuses, &f.status) != OK ||
	    input_cursor(r, &f.cursor) != OK ||
	    req_int_opt(r, "limit", 1, API_PAGE_SIZE_MAX, API_PAGE_SIZE,
	    &f.limit) != OK)
		return ERR;
	if (booking_list(r->db, r->arena, &f, &list, &n, 1, &page) != OK)
		return ERR;
	return reply_json(r, 200, json_list_page(json_bookings(r->arena, list, n), f.limit,
	    &page));
}

int
api_booking_show(struct req *r)
{
	struct booking b;
	long long id;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	if ((rc = booking_get(r->db, r->arena, id, &r->actor, &b)) != OK)
		return api_reply_booking(r, rc, id, 200, 0, 0);
	return reply_json(r, 200, json_booking(r->arena, &b));
}

int
api_booking_cancel(struct req *r)
{
	long long id, refund = 0;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	rc = booking_cancel(r->db, r->arena, &r->actor, id, &refund);
	return api_reply_booking(r, rc, id, 200, refund, 1);
}

int
api_booking_reactivate(struct req *r)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return api_reply_booking(r, booking_reactivate(r->db, r->arena, &r->actor, id),
	    id, 200, 0, 0);
}

int
api_booking_reschedule(struct req *r)
{
	long long id, slot;
	int rc;

	if (req_id(r, "id", &id) != OK || req_id(r, "timeslotId", &slot) != OK)
		return ERR;
	if ((rc = booking_reschedule(r->db, r->arena, &r->actor, id, slot)) == SLOT_MISSING)
		return reply_not_found(r, "timeslot", slot);
	return api_reply_booking(r, rc, id, 200, 0, 0);
}

/* The waiting list of a full timeslot: POST joins (201 with the place in
 * line), DELETE leaves, GET /api/v1/waitlist lists one's places. */
static struct json_object *
json_waiting(struct arena *a, long long slot_id, long long position,
    const struct waitlist_entry *w)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "timeslotId", slot_id);
	json_set_int(o, "position", position);
	if (w != NULL) {
		json_set_time(o, a, "startTime", w->start);
		json_set_time(o, a, "endTime", w->end);
		json_set_str(o, "roomName", w->room_name);
		json_set_str(o, "eventTitle", w->event_title);
		json_set_time(o, a, "createdAt", w->created_at);
	}
	return o;
}

int
api_waitlist_join(struct req *r)
{
	long long slot, position;
	int rc;

	if (req_id(r, "id", &slot) != OK)
		return ERR;
	rc = booking_waitlist_join(r->db, r->arena, &r->actor, slot, &position);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", slot);
	if (rc != OK)
		return reply_result(r, rc);
	return reply_json(r, 201, json_waiting(r->arena, slot, position, NULL));
}

int
api_waitlist_leave(struct req *r)
{
	struct json_object *o;
	long long slot;
	int rc;

	if (req_id(r, "id", &slot) != OK)
		return ERR;
	if ((rc = booking_waitlist_leave(r->db, &r->actor, slot)) == NOT_FOUND)
		return reply_error(r, 404, "not_found",
		    "You are not on the waiting list of timeslot %lld.", slot);
	if (rc != OK)
		return ERR;
	o = json_object_new_object();
	json_set_int(o, "timeslotId", slot);
	json_object_object_add(o, "left", json_object_new_boolean(1));
	return reply_json(r, 200, o);
}

int
api_waitlist_list(struct req *r)
{
	struct waitlist_entry *w;
	struct json_object *items;
	int i, n;

	if (booking_waitlist_list(r->db, r->arena, r->user->id, &w, &n) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_waiting(r->arena, w[i].timeslot_id,
		    w[i].position, &w[i]));
	return reply_json(r, 200, json_page(items, 1, n > 0 ? n : 1, n));
}

/* The owner's check-in and check-out. */
static int
attend(struct req *r, enum bk_action action)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return api_reply_booking(r, booking_transition(r->db, r->arena, &r->actor, id,
	    action, NULL), id, 200, 0, 0);
}

int
api_booking_check_in(struct req *r)
{
	return attend(r, BK_CHECK_IN);
}

int
api_booking_check_out(struct req *r)
{
	return attend(r, BK_CHECK_OUT);
}
