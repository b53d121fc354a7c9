/* api/orders.c: /api/v1/cart (items, checkout), /api/v1/orders, a course's
 * enrolment and its cancellation */
#include <string.h>

#include "core/limits.h"
#include "domain/booking.h"
#include "domain/orders.h"
#include "domain/prices.h"
#include "handlers.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

static int
reply_cart(struct req *r, int status)
{
	struct cart c;

	if (cart_get(r->db, r->arena, r->user->id, &c) != OK)
		return ERR;
	return reply_json(r, status, json_cart(r->arena, &c));
}

static int
reply_order(struct req *r, const struct order *o, int status)
{
	struct booking *list;
	int n;

	if (order_bookings(r->db, r->arena, o->id, &list, &n) != OK)
		return ERR;
	return reply_json(r, status, json_order(r->arena, o, list, n));
}

/* A checkout's or an enrolment's refusal, saying why (the limit, for
 * quota_exceeded) and naming the cart item (when item is not 0) and the
 * timeslot (when slot is not 0) refused: nothing was booked. */
static int
reply_refused(struct req *r, int rc, const char *why, long long item, long long slot)
{
	struct json_object *obj, *err;

	if (rc == ERR)
		return ERR;
	if (slot == 0 && rc != QUOTA_EXCEEDED)
		return reply_result(r, rc);
	err = json_object_new_object();
	json_set_str(err, "code", result_code(rc));
	json_set_str(err, "message", why);
	if (item != 0)
		json_set_int(err, "itemId", item);
	if (slot != 0)
		json_set_int(err, "timeslotId", slot);
	obj = json_object_new_object();
	json_object_object_add(obj, "error", err);
	return reply_json(r, reply_result_status(rc), obj);
}

int
api_cart_show(struct req *r)
{
	return reply_cart(r, 200);
}

int
api_cart_add(struct req *r)
{
	long long slot, item;
	int rc;

	if (req_id(r, "timeslotId", &slot) != OK)
		return ERR;
	rc = cart_add(r->db, r->arena, r->user->id, slot, &item);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", slot);
	if (rc != OK)
		return rc == ERR ? ERR : reply_result(r, rc);
	return reply_cart(r, 201);
}

int
api_cart_remove(struct req *r)
{
	if (cart_remove_or_reply(r, "id") != OK)
		return ERR;
	return reply_cart(r, 200);
}

int
api_cart_clear(struct req *r)
{
	if (cart_clear(r->db, r->user->id) != OK)
		return ERR;
	return reply_cart(r, 200);
}

int
api_cart_checkout(struct req *r)
{
	const char *code, *key = req_env(r, "HTTP_IDEMPOTENCY_KEY");
	struct checkout co = { 0, 0, 0, 0, NULL };
	struct order o;
	int rc;

	if (req_str_opt(r, "discountCode", DISCOUNT_CODE_MAX, NULL, &code) != OK)
		return ERR;
	if (code != NULL && *code == '\0')
		code = NULL;
	if (key != NULL && *key == '\0')
		key = NULL;
	if (key != NULL && (strlen(key) > 100 || !utf8_valid(key)))
		return reply_error(r, 400, "invalid_field",
		    "Idempotency-Key: at most 100 characters.");
	rc = cart_checkout(r->db, r->arena, &r->actor, key, code, &co);
	if (rc != OK)
		return reply_refused(r, rc, co.why, co.failed_item, co.failed_slot);
	if (order_get(r->db, r->arena, co.order_id, &r->actor, &o) != OK)
		return ERR;
	return reply_order(r, &o, co.replayed ? 200 : 201);
}

int
api_event_enrol(struct req *r)
{
	struct order o;
	const char *why;
	long long id, order_id, slot;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	rc = booking_enrol(r->db, r->arena, &r->actor, id, &order_id, &slot, &why);
	if (rc == NOT_FOUND && slot == 0)
		return reply_not_found(r, "event", id);
	if (rc != OK)
		return reply_refused(r, rc, why, 0, slot);
	if (order_get(r->db, r->arena, order_id, &r->actor, &o) != OK)
		return ERR;
	return reply_order(r, &o, 201);
}

int
api_order_cancel(struct req *r)
{
	struct json_object *obj;
	struct booking *list;
	struct order o;
	long long refund;
	int n, rc;

	if (order_get_or_reply(r, "id", &o) != OK)
		return ERR;
	if ((rc = booking_cancel_order(r->db, r->arena, &r->actor, o.id, &refund)) != OK)
		return rc == ERR ? ERR : reply_result(r, rc);
	if (order_get(r->db, r->arena, o.id, &r->actor, &o) != OK ||
	    order_bookings(r->db, r->arena, o.id, &list, &n) != OK)
		return ERR;
	obj = json_object_new_object();
	json_object_object_add(obj, "order", json_order(r->arena, &o, list, n));
	json_set_money(obj, "refundAmount", refund);
	return reply_json(r, 200, obj);
}

int
api_orders_list(struct req *r)
{
	struct json_object *items;
	struct order *list;
	long long page, limit, total;
	int i, n;

	if (req_int_opt(r, "page", 1, PAGE_MAX, 1, &page) != OK ||
	    req_int_opt(r, "limit", 1, API_PAGE_SIZE_MAX, API_PAGE_SIZE, &limit) != OK)
		return ERR;
	if (order_list(r->db, r->arena, r->user->id, limit, (page - 1) * limit, &list, &n,
	    &total) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_order(r->arena, &list[i], NULL, 0));
	return reply_json(r, 200, json_page(items, page, limit, total));
}

int
api_order_show(struct req *r)
{
	struct order o;

	if (order_get_or_reply(r, "id", &o) != OK)
		return ERR;
	return reply_order(r, &o, 200);
}
