/* api/reviews.c: a booking's review, the reviews of a room or an event,
 * and an admin hiding one */
#include "core/limits.h"
#include "domain/reviews.h"
#include "handlers.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

static struct json_object *
json_review(struct arena *a, const struct review *v)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "id", v->id);
	json_set_int(o, "bookingId", v->booking_id);
	json_set_int(o, "roomId", v->room_id);
	json_set_str(o, "roomName", v->room_name);
	if (v->event_id)
		json_set_int(o, "eventId", v->event_id);
	else
		json_object_object_add(o, "eventId", NULL);
	json_set_str(o, "eventTitle", v->event_title);
	json_set_int(o, "rating", v->rating);
	json_set_str(o, "comment", v->comment);
	json_set_str(o, "userName", v->user_name);
	json_set_time(o, a, "createdAt", v->created_at);
	json_set_bool(o, "hidden", v->hidden_at != NULL);
	return o;
}

int
api_booking_review(struct req *r)
{
	struct review v;
	const char *comment;
	long long id, rating, review;
	int rc;

	if (req_id(r, "id", &id) != OK ||
	    req_int(r, "rating", REVIEW_RATING_MIN, REVIEW_RATING_MAX, &rating) != OK ||
	    req_lines_opt(r, "comment", REVIEW_COMMENT_MAX, "", &comment) != OK)
		return ERR;
	rc = review_create(r->db, r->arena, &r->actor, id, rating, comment, &review);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "booking", id);
	if (rc != OK)
		return rc == ERR ? ERR : reply_result(r, rc);
	if (review_of_booking(r->db, r->arena, id, &v) != OK)
		return ERR;
	return reply_json(r, 201, json_review(r->arena, &v));
}

int
api_reviews_list(struct req *r)
{
	struct review_filter f = { 0, 0, API_PAGE_SIZE, 0 };
	struct review_summary sum;
	struct json_object *items, *o;
	struct review *list;
	long long page;
	int i, n;

	if (req_int_opt(r, "roomId", 0, ID_MAX, 0, &f.room_id) != OK ||
	    req_int_opt(r, "eventId", 0, ID_MAX, 0, &f.event_id) != OK ||
	    req_int_opt(r, "page", 1, PAGE_MAX, 1, &page) != OK ||
	    req_int_opt(r, "limit", 1, API_PAGE_SIZE_MAX, API_PAGE_SIZE, &f.limit) != OK)
		return ERR;
	if (f.room_id && f.event_id)
		return reply_error(r, 400, "invalid_field", "roomId or eventId, not both.");
	f.offset = (page - 1) * f.limit;
	if (review_summary(r->db, r->arena, &f, &sum) != OK ||
	    review_list(r->db, r->arena, &f, &list, &n) != OK)
		return ERR;
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, json_review(r->arena, &list[i]));
	o = json_page(items, page, f.limit, sum.count);
	if (sum.count > 0)
		json_object_object_add(o, "averageRating",
		    json_object_new_double((double)sum.rating_sum / (double)sum.count));
	else
		json_object_object_add(o, "averageRating", NULL);
	return reply_json(r, 200, o);
}

int
api_admin_review_hide(struct req *r)
{
	if (review_hide_or_reply(r, "id") != OK)
		return ERR;
	return reply_json(r, 200, json_object_new_object());
}
