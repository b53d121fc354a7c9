/* api/rentals.c: /api/v1/bookings/day and /month: a room's whole day or
 * calendar month booked as one session */
#include <json-c/json.h>

#include "api/api.h"
#include "domain/catalog.h"
#include "domain/rentals.h"
#include "handlers.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

/* 201 with the booking, or the refusal in words; rule 15's names the
 * sessions in the way by id too. */
static int
rental_reply(struct req *r, struct rental *rt)
{
	struct json_object *obj, *err, *ids;
	int rc, i;

	if ((rc = rental_book(r->db, r->arena, &r->actor, rt)) == OK)
		return api_reply_booking(r, rc, rt->booking_id, 201, 0, 0);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "room", rt->room_id);
	err = json_object_new_object();
	json_set_str(err, "code", result_code(rc));
	json_set_str(err, "message", rt->why);
	if (rc == OVERLAPS) {
		ids = json_object_new_array();
		for (i = 0; i < rt->nclash; i++)
			json_object_array_add(ids, json_object_new_int64(rt->clash[i].id));
		json_object_object_add(err, "timeslotIds", ids);
	}
	obj = json_object_new_object();
	json_object_object_add(obj, "error", err);
	return reply_json(r, reply_result_status(rc), obj);
}

/* POST {roomId, date}: date "YYYY-MM-DD", the site's day. */
int
api_booking_day(struct req *r)
{
	struct rental rt = { 0, RENTAL_DAY, NULL, 0, NULL, NULL, 0 };

	if (input_rental(r, "roomId", &rt) != OK)
		return ERR;
	return rental_reply(r, &rt);
}

/* POST {roomId, month}: month "YYYY-MM". */
int
api_booking_month(struct req *r)
{
	struct rental rt = { 0, RENTAL_MONTH, NULL, 0, NULL, NULL, 0 };

	if (input_rental(r, "roomId", &rt) != OK)
		return ERR;
	return rental_reply(r, &rt);
}
