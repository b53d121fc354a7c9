/* api/rooms.c: /api/v1/rooms: rooms and their timeslots as JSON */
#include "core/fmt.h"
#include "core/limits.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"


/* The rooms list; admins see inactive rooms too, in larger pages. */
static int
rooms_reply(struct req *r, int admin)
{
	struct room_filter f = { NULL, 0, admin, admin ? ADMIN_API_PAGE_SIZE : API_PAGE_SIZE, 0 };
	struct json_object *items;
	struct room *rooms;
	long long page, total;
	int i, n;

	if (input_room_filter(r, "minCapacity", admin ? ADMIN_API_PAGE_SIZE_MAX :
	    API_PAGE_SIZE_MAX, &f, &page) != OK ||
	    room_list(r->db, r->arena, &f, &rooms, &n, &total) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_room(r->arena, &rooms[i]));
	return reply_json(r, 200, json_page(items, page, f.limit, total));
}

int
api_rooms_list(struct req *r)
{
	return rooms_reply(r, 0);
}

int
api_admin_rooms_list(struct req *r)
{
	return rooms_reply(r, 1);
}

int
api_room_show(struct req *r)
{
	struct room room;

	if (room_get_or_reply(r, "id", &room) != OK)
		return ERR;
	return reply_json(r, 200, json_room(r->arena, &room));
}

int
api_room_timeslots(struct req *r)
{
	struct json_object *o, *items;
	struct room room;
	struct slot *slots;
	const char *date;
	char today[11], from[20], to[20];
	long long id;
	int i, n;

	date_today(today);
	if (req_id(r, "id", &id) != OK || req_date_opt(r, "date", today, &date) != OK)
		return ERR;
	day_bounds_utc(date, from, to);
	if (room_day_or_reply(r, "id", from, to, &room, NULL, &slots, &n) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_slot(r->arena, &slots[i]));
	o = json_object_new_object();
	json_set_int(o, "roomId", room.id);
	json_set_str(o, "date", date);
	json_object_object_add(o, "timeslots", items);
	return reply_json(r, 200, o);
}
