/* api/series.c: /api/v1/bookings/recurring: a room slot booked every week
 * or two (and its preview), the series and its cancellation */
#include <string.h>

#include "domain/series.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

/* A series booked, or refused with each date's outcome beside the error:
 * nothing was booked. */
static int
reply_series(struct req *r, int rc, const struct form *f, long long slot,
    const struct series *s, int status)
{
	struct json_object *obj, *err;

	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", slot);
	if (rc == INVALID)
		return form_reply_result(r, f, rc);
	if (rc == OK)
		return reply_json(r, status, json_series(r->arena, s));
	if (rc != SERIES_INCOMPLETE && rc != SERIES_EMPTY)
		return rc == ERR ? ERR : reply_result(r, rc);
	err = json_object_new_object();
	json_set_str(err, "code", result_code(rc));
	json_set_str(err, "message", result_message(rc));
	obj = json_object_new_object();
	json_object_object_add(obj, "error", err);
	json_object_object_add(obj, "series", json_series(r->arena, s));
	return reply_json(r, reply_result_status(rc), obj);
}

static int
series_request(struct req *r, int preview)
{
	struct series_input in;
	struct series s;
	struct form f;
	int rc;

	memset(&s, 0, sizeof(s));
	form_init(&f, r);
	input_series(&f, &in);
	if (!form_ok(&f))
		return form_reply_json(r, &f, 400);
	rc = (preview ? series_preview : series_book)(r->db, r->arena, &r->actor, &in,
	    &f.errors, &s);
	return reply_series(r, rc, &f, in.timeslot_id, &s, preview ? 200 : 201);
}

int
api_series_create(struct req *r)
{
	return series_request(r, 0);
}

int
api_series_preview(struct req *r)
{
	return series_request(r, 1);
}

int
api_series_show(struct req *r)
{
	struct series s;

	if (series_get_or_reply(r, "id", &s) != OK)
		return ERR;
	return reply_json(r, 200, json_series(r->arena, &s));
}

int
api_series_cancel(struct req *r)
{
	struct json_object *obj;
	struct series s;
	long long refund;
	int rc, cancelled;

	if (series_cancel_or_reply(r, "id", &s, &rc, &cancelled, &refund) != OK)
		return ERR;
	if (rc != OK)
		return reply_result(r, rc);
	if (series_get(r->db, r->arena, s.id, &r->actor, &s) != OK)
		return ERR;
	obj = json_object_new_object();
	json_object_object_add(obj, "series", json_series(r->arena, &s));
	json_set_int(obj, "cancelled", cancelled);
	json_set_money(obj, "refundAmount", refund);
	return reply_json(r, 200, obj);
}
