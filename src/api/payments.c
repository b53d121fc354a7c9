/* api/payments.c: POST /api/v1/payments/webhook: the payment provider's signed events */
#include <time.h>

#include <json-c/json.h>

#include "core/config.h"
#include "core/limits.h"
#include "domain/payments.h"
#include "handlers.h"
#include "http/request.h"

int
api_payment_webhook(struct req *r)
{
	struct payment_event ev;
	enum payment_outcome outcome;
	struct json_object *o;
	int rc;

	/* Nothing in the body counts before the signature does. */
	if (!payment_signature_ok(req_env(r, "HTTP_BOOKING_SIGNATURE"), r->body,
	    r->body_len, cfg.webhook_secret, time(NULL)))
		return reply_error(r, 400, "bad_signature",
		    "The Booking-Signature header is missing, wrong or too old.");
	ev.booking_id = ev.order_id = 0;
	if (req_str(r, "id", 100, &ev.id) != OK || req_str(r, "type", 40, &ev.type) != OK ||
	    (kv_get(&r->params, "orderId") != NULL ?
	    req_id(r, "orderId", &ev.order_id) : req_id(r, "bookingId", &ev.booking_id)) != OK ||
	    req_str_opt(r, "paymentId", PAYMENT_ID_MAX, "", &ev.payment_id) != OK ||
	    req_int(r, "amount", 0, 100000000000LL, &ev.amount) != OK)
		return ERR;
	rc = payment_apply(r->db, r->arena, &ev, &outcome);
	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found", "There is no %s %lld.",
		    ev.order_id ? "order" : "booking", ev.order_id ? ev.order_id : ev.booking_id);
	if (rc != OK)
		return ERR;
	if (outcome == PAY_AMOUNT_MISMATCH)
		return reply_error(r, 409, "amount_mismatch",
		    "The amount %lld is not what %s %lld costs.", ev.amount,
		    ev.order_id ? "order" : "booking", ev.order_id ? ev.order_id : ev.booking_id);
	o = json_object_new_object();
	json_object_object_add(o, "received", json_object_new_boolean(1));
	json_object_object_add(o, "outcome", json_object_new_string(payment_outcomes[outcome]));
	return reply_json(r, 200, o);
}
