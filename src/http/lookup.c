/* http/lookup.c: the room, event, timeslot or booking a request names, or
 * the reply that says why there is none */
#include <string.h>

#include "core/lang.h"
#include "domain/account.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/guest.h"
#include "domain/orders.h"
#include "domain/reviews.h"
#include "domain/series.h"
#include "http/form.h"
#include "http/lookup.h"
#include "http/request.h"

int
reply_not_found(struct req *r, const char *what, long long id)
{
	/* The things a path names, for the extractor: the message says them
	 * in the request's language. */
	static const char *const things[] = {
		C_N("missing", "booking"), C_N("missing", "event"), C_N("missing", "order"),
		C_N("missing", "package"), C_N("missing", "room"), C_N("missing", "timeslot"),
		C_N("missing", "user"), C_N("missing", "cart item"), C_N("missing", "series"),
	};
	const char *said = C_("missing", what);

	(void)things;
	/* What only its owner sees. */
	if ((strcmp(what, "booking") == 0 || strcmp(what, "order") == 0 ||
	    strcmp(what, "cart item") == 0 || strcmp(what, "series") == 0) &&
	    !r->actor.admin_route)
		return reply_error(r, 404, "not_found", "You have no %s %lld.", said, id);
	return reply_error(r, 404, "not_found", "There is no %s %lld.", said, id);
}

/* The end of every lookup: rc is what the domain's get returned. */
static int
found_or_reply(struct req *r, int rc, const char *what, long long id)
{
	if (rc == NOT_FOUND)
		return reply_not_found(r, what, id);
	return rc == OK ? OK : ERR;
}

int
room_get_or_reply(struct req *r, const char *param, struct room *out)
{
	long long id;

	return req_id(r, param, &id) != OK ? ERR : found_or_reply(r,
	    room_get(r->db, r->arena, id, out), "room", id);
}

int
room_day_or_reply(struct req *r, const char *param, const char *from, const char *to,
    struct room *room, struct review_summary *reviews, struct slot **slots, int *n)
{
	long long id;

	return req_id(r, param, &id) != OK ? ERR : found_or_reply(r,
	    room_day(r->db, r->arena, id, from, to, room, reviews, slots, n), "room", id);
}

int
event_get_or_reply(struct req *r, const char *param, struct event *out)
{
	long long id;

	return req_id(r, param, &id) != OK ? ERR : found_or_reply(r,
	    event_get(r->db, r->arena, id, out), "event", id);
}

int
slot_get_or_reply(struct req *r, const char *param, int drafts, struct slot *out)
{
	long long id;

	return req_id(r, param, &id) != OK ? ERR : found_or_reply(r,
	    slot_get(r->db, r->arena, id, drafts, out), "timeslot", id);
}

int
booking_get_or_reply(struct req *r, const char *param, struct booking *out)
{
	long long id;

	return req_id(r, param, &id) != OK ? ERR : found_or_reply(r,
	    booking_get(r->db, r->arena, id, &r->actor, out), "booking", id);
}

int
guest_manage_or_reply(struct req *r, const char *param, struct booking *b,
    struct actor *as, int *verified)
{
	int rc = guest_manage(r->db, r->arena, kv_get(&r->params, param), &r->actor, b,
	    as, verified);

	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found", "This link is not valid: it is wrong,"
		    " has run out or was stopped.");
	return rc;
}

int
user_role_or_reply(struct req *r, const char *param, long long *id)
{
	const char *role;
	int rc;

	if (req_id(r, param, id) != OK ||
	    req_enum_opt(r, "role", account_roles, &role) != OK)
		return ERR;
	if (role == NULL)
		return reply_error(r, 400, "missing_field", "role is required.");
	rc = account_set_role(r->db, &r->actor, *id, role);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "user", *id);
	if (rc != OK)
		return rc == ERR ? ERR : reply_result(r, rc);
	return OK;
}

int
order_get_or_reply(struct req *r, const char *param, struct order *o)
{
	long long id;

	if (req_id(r, param, &id) != OK)
		return ERR;
	return found_or_reply(r, order_get(r->db, r->arena, id, &r->actor, o), "order", id);
}

int
series_get_or_reply(struct req *r, const char *param, struct series *s)
{
	long long id;

	if (req_id(r, param, &id) != OK)
		return ERR;
	return found_or_reply(r, series_get(r->db, r->arena, id, &r->actor, s), "series", id);
}

int
series_cancel_or_reply(struct req *r, const char *param, struct series *s, int *rc,
    int *cancelled, long long *refund)
{
	struct form f;
	char from[11];
	int dated;

	if (series_get_or_reply(r, param, s) != OK)
		return ERR;
	form_init(&f, r);
	dated = form_date(&f, "from", "From", 0, from);
	if (!form_ok(&f))
		return reply_error(r, 400, "invalid_field", "from: %s",
		    field_error_of(&f.errors, "from"));
	*rc = series_cancel(r->db, r->arena, &r->actor, s->id, dated ? from : NULL, cancelled,
	    refund);
	return *rc == ERR ? ERR : OK;
}

int
cart_remove_or_reply(struct req *r, const char *param)
{
	long long id;

	if (req_id(r, param, &id) != OK)
		return ERR;
	return found_or_reply(r, cart_remove(r->db, r->user->id, id), "cart item", id);
}

int
review_hide_or_reply(struct req *r, const char *param)
{
	long long id;

	if (req_id(r, param, &id) != OK)
		return ERR;
	return found_or_reply(r, review_hide(r->db, r->arena, &r->actor, id), "review", id);
}
