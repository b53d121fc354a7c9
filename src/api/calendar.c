/* api/calendar.c: GET /api/v1/calendar: the sessions of a range of days
 * with their attendee counts, and for admins the attendees */
#include "core/fmt.h"
#include "core/limits.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/json.h"
#include "http/request.h"

/* At most this many days per call, so one answer stays small. */
#define CALENDAR_DAYS_MAX 62

static struct json_object *
attendee_json(struct arena *a, const struct attendee *at)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "bookingId", at->booking_id);
	json_set_int(o, "userId", at->user_id);
	json_set_str(o, "name", at->name);
	json_set_str(o, "status", at->status);
	json_set_bool(o, "checkedIn", at->checked_in_at != NULL);
	json_set_time(o, a, "checkedInAt", at->checked_in_at);
	return o;
}

int
api_calendar(struct req *r)
{
	struct calendar_query q = { NULL, NULL, 0, 0 };
	struct json_object *o, *items, *item, *list;
	struct calendar cal;
	const char *from, *to;
	char today[11], last[11], after[11], start[20], end[20], unused[20];
	int admin = r->user != NULL && r->user->admin, i, k, span;

	date_today(today);
	if (req_date_opt(r, "from", today, &from) != OK)
		return ERR;
	date_add_days(from, 6, last);
	if (req_date_opt(r, "to", last, &to) != OK ||
	    req_int_opt(r, "roomId", 0, ID_MAX, 0, &q.room_id) != OK ||
	    req_int_opt(r, "eventId", 0, ID_MAX, 0, &q.event_id) != OK)
		return ERR;
	span = date_diff_days(from, to);
	if (span < 0)
		return reply_error(r, 400, "invalid_field",
		    "to: the last day (%s) comes before from (%s).", to, from);
	if (span >= CALENDAR_DAYS_MAX)
		return reply_error(r, 400, "invalid_field",
		    "to: at most %d days per call; %s to %s is %d.",
		    CALENDAR_DAYS_MAX, from, to, span + 1);
	date_add_days(to, 1, after);
	day_bounds_utc(from, start, unused);
	day_bounds_utc(after, end, unused);
	q.from = start;
	q.to = end;
	if (calendar_load(r->db, r->arena, &q, admin, &cal) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < cal.n; i++) {
		item = json_slot(r->arena, &cal.slots[i]);
		json_set_int(item, "attendeeCount", cal.count[i]);
		if (admin) {
			list = json_object_new_array();
			for (k = 0; k < cal.count[i]; k++)
				json_object_array_add(list, attendee_json(r->arena,
				    &cal.attendees[cal.first[i] + k]));
			json_object_object_add(item, "attendees", list);
		}
		json_object_array_add(items, item);
	}
	o = json_object_new_object();
	json_set_str(o, "from", from);
	json_set_str(o, "to", to);
	json_object_object_add(o, "items", items);
	return reply_json(r, 200, o);
}
