/* api/appointments.c: an individual event's free starts, booking one, and
 * a room's bookable hours (admin) */
#include <json-c/json.h>

#include "core/fmt.h"
#include "domain/appointments.h"
#include "domain/orders.h"
#include "handlers.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

int
api_appointments_list(struct req *r)
{
	struct json_object *o, *items;
	const char **starts, *date;
	char today[11], iso[ISO_TEXT];
	long long id;
	int i, n, rc;

	date_today(today);
	if (req_id(r, "id", &id) != OK || req_date_opt(r, "date", today, &date) != OK)
		return ERR;
	if ((rc = appointment_starts(r->db, r->arena, id, date, &starts, &n)) == NOT_FOUND)
		return reply_error(r, 404, "not_found",
		    "There is no event %lld that takes appointments.", id);
	if (rc != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_object_new_string(iso_text(starts[i], iso)));
	o = json_object_new_object();
	json_set_str(o, "date", date);
	json_object_object_add(o, "startTimes", items);
	return reply_json(r, 200, o);
}

int
api_appointment_book(struct req *r)
{
	struct order o;
	struct booking *list;
	const char *start, *why;
	char utc[20];
	long long id, order;
	int rc, n;

	if (req_id(r, "id", &id) != OK || req_str(r, "startTime", 25, &start) != OK)
		return ERR;
	if (datetime_input(start, utc) != 0)
		return reply_error(r, 400, "invalid_field",
		    "startTime: a time as YYYY-MM-DDTHH:MM:SSZ.");
	rc = appointment_book(r->db, r->arena, &r->actor, id, utc, &order, &why);
	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found",
		    "There is no event %lld that takes appointments.", id);
	if (rc == QUOTA_EXCEEDED)
		return reply_error(r, 409, result_code(rc), "%s", why);
	if (rc != OK)
		return rc == ERR ? ERR : reply_result(r, rc);
	if (order_get(r->db, r->arena, order, &r->actor, &o) != OK ||
	    order_bookings(r->db, r->arena, order, &list, &n) != OK)
		return ERR;
	return reply_json(r, 201, json_order(r->arena, &o, list, n));
}

/* PUT {weekday, opens, closes}: closes "" (or absent) clears the day. */
int
api_admin_room_hours(struct req *r)
{
	struct room_hours h = { 0, 0, 0 };
	const char *opens, *closes;
	long long id, day;
	int rc;

	if (req_id(r, "id", &id) != OK || req_int(r, "weekday", 0, 6, &day) != OK ||
	    req_str_opt(r, "opens", 5, "00:00", &opens) != OK ||
	    req_str_opt(r, "closes", 5, "", &closes) != OK)
		return ERR;
	h.weekday = (int)day;
	h.opens = hhmm_parse(opens);
	h.closes = *closes ? hhmm_parse(closes) : 0;
	if (h.opens < 0 || h.closes < 0)
		return reply_error(r, 400, "invalid_field", "opens, closes: times as HH:MM.");
	if ((rc = room_hours_set(r->db, r->arena, id, &h)) == NOT_FOUND)
		return reply_not_found(r, "room", id);
	if (rc == INVALID)
		return reply_error(r, 400, "invalid_field", "closes: after opens.");
	if (rc != OK)
		return ERR;
	return reply_json(r, 200, json_object_new_object());
}
