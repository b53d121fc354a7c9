/* api/discounts.c: /api/v1/admin/discounts: discount codes */
#include <json-c/json.h>

#include "domain/prices.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

int
api_admin_discounts_list(struct req *r)
{
	struct json_object *items;
	struct discount *list;
	int i, n;

	if (discount_list(r->db, r->arena, &list, &n) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_discount(r->arena, &list[i]));
	return reply_json(r, 200, json_page(items, 1, n > 0 ? n : 1, n));
}

/* A new code (id 0) or a change to one. */
static int
discount_reply(struct req *r, long long id)
{
	struct discount_input in;
	struct discount d;
	struct form f;
	int rc, status = id == 0 ? 201 : 200;

	form_init(&f, r);
	input_discount(&f, id == 0, &in);
	rc = discount_save(r->db, r->arena, &id, &in, &f.errors);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "discount", id);
	if (rc == INVALID || rc == CONFLICT)
		return form_reply_result(r, &f, rc);
	if (rc != OK || discount_get(r->db, r->arena, id, &d) != OK)
		return ERR;
	return reply_json(r, status, json_discount(r->arena, &d));
}

int
api_admin_discount_create(struct req *r)
{
	return discount_reply(r, 0);
}

int
api_admin_discount_update(struct req *r)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return discount_reply(r, id);
}
