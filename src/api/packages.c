/* api/packages.c: packages and bundles: the list, buying one, the buyer's
 * credits and scheduling one; an admin's definitions */
#include <json-c/json.h>

#include "api/api.h"
#include "core/fmt.h"
#include "core/limits.h"
#include "domain/booking.h"
#include "domain/orders.h"
#include "domain/packages.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

int
api_packages_list(struct req *r)
{
	struct json_object *items, *p;
	struct package *list;
	int i, n;

	if (package_list(r->db, r->arena, 0, &list, &n) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++) {
		p = json_object_new_object();
		json_set_int(p, "id", list[i].id);
		json_set_str(p, "name", list[i].name);
		json_set_str(p, "kind", list[i].kind);
		json_set_money(p, "price", list[i].price);
		json_set_str(p, "currency", money_currency());
		json_set_int(p, "expiryDays", list[i].expiry_days);
		json_set_str(p, "contents", list[i].contents);
		json_object_array_add(items, p);
	}
	/* Every list is a page: this one holds them all. */
	return reply_json(r, 200, json_page(items, 1, n > 0 ? n : 1, n));
}

int
api_package_buy(struct req *r)
{
	struct order o;
	long long id, order;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	if ((rc = package_buy(r->db, r->arena, &r->actor, id, &order)) == NOT_FOUND)
		return reply_not_found(r, "package", id);
	if (rc != OK || order_get(r->db, r->arena, order, &r->actor, &o) != OK)
		return ERR;
	return reply_json(r, 201, json_order(r->arena, &o, NULL, 0));
}

int
api_credits_list(struct req *r)
{
	struct json_object *items, *c;
	struct credit *list;
	int i, n;

	if (credit_list(r->db, r->arena, r->user->id, &list, &n) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++) {
		c = json_object_new_object();
		json_set_int(c, "id", list[i].id);
		json_set_int(c, "eventId", list[i].event_id);
		json_set_str(c, "eventTitle", list[i].event_title);
		json_set_str(c, "packageName", list[i].package_name);
		json_set_time(c, r->arena, "expiresAt", list[i].expires_at);
		json_set_int(c, "orderId", list[i].order_id);
		json_set_bool(c, "usable", list[i].paid);
		json_object_array_add(items, c);
	}
	/* Every list is a page: this one holds them all. */
	return reply_json(r, 200, json_page(items, 1, n > 0 ? n : 1, n));
}

int
api_credit_schedule(struct req *r)
{
	const char *why;
	long long id, slot, booking = 0;
	int rc;

	if (req_id(r, "id", &id) != OK || req_id(r, "timeslotId", &slot) != OK)
		return ERR;
	rc = credit_schedule(r->db, r->arena, &r->actor, id, slot, &booking, &why);
	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found", "You have no credit %lld, or there is"
		    " no timeslot %lld.", id, slot);
	if (rc == QUOTA_EXCEEDED)
		return reply_error(r, 409, result_code(rc), "%s", why);
	return api_reply_booking(r, rc, booking, 201, 0, 0);
}

int
api_admin_package_create(struct req *r)
{
	struct package_input in;
	struct json_object *o;
	struct form f;
	long long id;
	int rc;

	form_init(&f, r);
	input_package(&f, &in);
	if (f.errors.n > 0)
		return form_reply_json(r, &f, 400);
	if ((rc = package_create(r->db, &in, &id)) != OK)
		return rc == ERR ? ERR : reply_result(r, rc);
	o = json_object_new_object();
	json_set_int(o, "id", id);
	return reply_json(r, 201, o);
}

int
api_admin_package_item(struct req *r)
{
	long long id, event, quantity;
	int rc;

	if (req_id(r, "id", &id) != OK || req_id(r, "eventId", &event) != OK ||
	    req_int(r, "quantity", 0, PACKAGE_QUANTITY_MAX, &quantity) != OK)
		return ERR;
	if ((rc = package_item_set(r->db, r->arena, id, event, quantity)) == NOT_FOUND ||
	    rc == INVALID)
		return reply_error(r, 404, "not_found", "There is no package %lld or no event %lld.",
		    id, event);
	if (rc != OK)
		return ERR;
	return reply_json(r, 200, json_object_new_object());
}
