/* api/guests.c: /api/v1/guest/bookings: booking without an account, and
 * the booking a manage link names */
#include "api/api.h"
#include "core/config.h"
#include "core/lang.h"
#include "domain/booking.h"
#include "domain/guest.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

/* 202 and nothing else: the booking's id and links go only to the mailbox,
 * which is what proves the address. */
int
api_guest_book(struct req *r)
{
	struct guest_input in;
	struct json_object *o;
	struct form f;
	const char *why;
	long long slot;
	int rc;

	if (req_id(r, "timeslotId", &slot) != OK)
		return ERR;
	form_init(&f, r);
	input_guest(&f, &in);
	rc = guest_book(r->db, r->arena, &r->actor, slot, &in, &f.errors, &why);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", slot);
	if (rc == INVALID)
		return form_reply_json(r, &f, 400);
	if (rc != OK)
		return reply_error(r, reply_result_status(rc), result_code(rc), "%s", why);
	o = json_object_new_object();
	json_set_str(o, "status", "verification_sent");
	json_set_str(o, "message", arena_printf(r->arena, _("We have sent a link to the"
	    " address: follow it within %d minutes to keep the place."), cfg.hold_minutes));
	return reply_json(r, 202, o);
}

int
api_guest_show(struct req *r)
{
	struct booking b;
	struct actor as;
	int verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK)
		return ERR;
	return reply_json(r, 200, json_booking(r->arena, &b));
}

int
api_guest_cancel(struct req *r)
{
	struct booking b;
	struct actor as;
	long long refund = 0;
	int rc, verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK)
		return ERR;
	rc = booking_cancel(r->db, r->arena, &as, b.id, &refund);
	if (rc == OK && booking_get(r->db, r->arena, b.id, &as, &b) != OK)
		return ERR;
	return json_reply_booking(r, rc, &b, 200, refund, 1);
}
