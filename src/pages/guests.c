/* pages/guests.c: booking without an account: the guest form of a
 * timeslot, the mailed link that proves the address, and the private
 * manage page /b/{token} of one booking */
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/guest.h"
#include "domain/orders.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *const guest_fields[] = { "name", "email", "phone", NULL };

/* The guest form of timeslot id; f holds what was sent when it comes
 * back, refused the result of a booking the rules refused (why says it). */
static int
guest_page(struct req *r, long long id, struct form *f, int refused, const char *why)
{
	struct slot s;
	struct tmpl *t, *form;
	const char *done;
	int rc;

	if ((rc = slot_get(r->db, r->arena, id, 0, &s)) == NOT_FOUND)
		return reply_not_found(r, "timeslot", id);
	if (rc != OK)
		return ERR;
	t = page_begin(r, "guest_book.tpl", arena_printf(r->arena, _("Book without an"
	    " account: %s, %s"), s.room_name, fmt_local(r->arena, s.start, FMT_DATE_SHORT)));
	page_slot(r, t, &s);
	tmpl_set(t, "LONG_DATE", fmt_local(r->arena, s.start, FMT_DATE_LONG));
	if ((done = kv_get(&r->params, "done")) != NULL && strcmp(done, "sent") == 0) {
		tmpl_set_int(tmpl_section(t, "SENT"), "HOLD_MINUTES", cfg.hold_minutes);
		return page_end(r, 200);
	}
	if (refused != OK)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE", why != NULL ? why :
		    result_message(refused));
	if (!cfg.guest_booking) {
		tmpl_show(t, "CLOSED");
		return page_end(r, refused != OK ? reply_result_status(refused) : 200);
	}
	form = tmpl_section(t, "FORM");
	tmpl_set_int(form, "NAME_MAX", NAME_MAX_CHARS);
	tmpl_set_int(form, "PHONE_MAX", GUEST_PHONE_MAX);
	tmpl_set_int(form, "HOLD_MINUTES", cfg.hold_minutes);
	tmpl_set(form, "NEXT", url_encode(r->arena, arena_printf(r->arena,
	    "/timeslots/%lld", id)));
	if (f != NULL)
		form_fill(f, form, guest_fields);
	return page_end(r, f != NULL && !form_ok(f) ? 400 :
	    refused != OK ? reply_result_status(refused) : 200);
}

int
guest_form(struct req *r)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return guest_page(r, id, NULL, OK, NULL);
}

int
guest_submit(struct req *r)
{
	struct guest_input in;
	struct form f;
	const char *why;
	long long id;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	form_init(&f, r);
	input_guest(&f, &in);
	rc = guest_book(r->db, r->arena, &r->actor, id, &in, &f.errors, &why);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", id);
	if (rc == INVALID)
		return guest_page(r, id, &f, OK, NULL);
	if (rc != OK)
		return guest_page(r, id, &f, rc, why);
	return reply_redirect(r, arena_printf(r->arena, "/timeslots/%lld/guest?done=sent", id));
}

static int
verify_refused(struct req *r)
{
	return reply_error(r, 404, "not_found", "This link is not valid: it was used "
	    "already, or the booking's hold ran out. Book again for a new one.");
}

/* The link that proves a guest's address. A GET only asks (mail scanners
 * follow links); the button proves it. */
int
guest_verify_form(struct req *r)
{
	const char *token = kv_get(&r->params, "token");
	struct tmpl *t;
	int rc;

	if ((rc = guest_verify_find(r->db, r->arena, token)) == NOT_FOUND)
		return verify_refused(r);
	if (rc != OK)
		return ERR;
	t = page_begin(r, "guest_verify.tpl", _("Confirm your booking"));
	tmpl_set(tmpl_section(t, "CONFIRM"), "TOKEN", token);
	return page_end(r, 200);
}

int
guest_verify_submit(struct req *r)
{
	const char *manage = NULL;
	int rc = guest_verify(r->db, r->arena, kv_get(&r->params, "token"), &manage);

	if (rc == NOT_FOUND || rc == INVALID_STATE)
		return verify_refused(r);
	if (rc != OK)
		return ERR;
	return reply_redirect(r, arena_printf(r->arena, "/b/%s?done=verified", manage));
}

static const char *const manage_done[][2] = {
	{ "verified", N_("Thank you: your address is confirmed.") },
	{ "cancelled", N_("The booking is cancelled.") },
	{ "rescheduled", N_("The booking is moved.") },
	{ NULL, NULL },
};

/* Where a guest pays a held booking: the provider's page, else the desk. */
static void
manage_hold(struct req *r, struct tmpl *t, const struct booking *b, int verified)
{
	struct tmpl *ht;
	time_t hold;
	long long left;

	if (b->state != BOOKING_PENDING || b->awaiting || b->hold_expires_at == NULL ||
	    dbtime_parse(b->hold_expires_at, &hold) != 0)
		return;
	left = (long long)(hold - time(NULL));
	ht = tmpl_section(t, verified ? "HOLD" : "UNVERIFIED");
	tmpl_set(ht, "PAY_BY", fmt_local(r->arena, b->hold_expires_at, FMT_WHEN));
	if (!verified || b->price == 0 || left <= 0)
		return;
	if (*cfg.payment_url != '\0')
		tmpl_set(tmpl_section(ht, "PAY_ONLINE"), "PAY_URL",
		    page_pay_url(r, "booking", b->id, b->price));
	else
		tmpl_show(ht, "PAY_AT_DESK");
}

int
guest_manage_show(struct req *r)
{
	struct booking b;
	struct actor as;
	struct tmpl *t;
	int verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK)
		return ERR;
	t = page_begin(r, "guest_booking.tpl", arena_printf(r->arena, _("Your booking: %s, %s"),
	    b.room_name, fmt_local(r->arena, b.start, FMT_DATE_SHORT)));
	page_booking(r, t, &b);
	tmpl_set(t, "TOKEN", kv_get(&r->params, "token"));
	page_done(r, t, manage_done);
	if (b.refund_amount > 0)
		tmpl_set(tmpl_section(t, "REFUND"), "REFUND", money_show(r->arena, b.refund_amount));
	manage_hold(r, t, &b, verified);
	if (b.awaiting)
		tmpl_show(t, "AWAITING");
	if (booking_allows(&b, BK_CANCEL, &as, time(NULL)))
		tmpl_show(t, "CAN_CANCEL");
	if (booking_allows(&b, BK_RESCHEDULE, &as, time(NULL)))
		tmpl_show(t, "CAN_RESCHEDULE");
	if (!b.hold_lapsed && (b.state == BOOKING_PENDING || b.state == BOOKING_CONFIRMED))
		tmpl_show(t, "CAN_CALENDAR");
	if (b.order_id != 0)
		tmpl_show(t, "RECEIPT");
	if (page_ticket(r, t, &b) != OK)
		return ERR;
	return page_end(r, 200);
}

int
guest_cancel_form(struct req *r)
{
	struct booking b;
	struct actor as;
	const char *token = kv_get(&r->params, "token");
	int verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK)
		return ERR;
	if (!booking_allows(&b, BK_CANCEL, &as, time(NULL)))
		return reply_result(r, INVALID_STATE);
	return page_cancel_quote(r, &b, &as, arena_printf(r->arena, "/b/%s/cancel", token),
	    arena_printf(r->arena, "/b/%s", token));
}

int
guest_cancel_submit(struct req *r)
{
	struct booking b;
	struct actor as;
	long long refund;
	int rc, verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK)
		return ERR;
	if ((rc = booking_cancel(r->db, r->arena, &as, b.id, &refund)) != OK)
		return rc == ERR ? ERR : reply_result(r, rc);
	return reply_redirect(r, arena_printf(r->arena, "/b/%s?done=cancelled",
	    kv_get(&r->params, "token")));
}

int
guest_reschedule_form(struct req *r)
{
	struct booking b;
	struct actor as;
	int verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK)
		return ERR;
	return page_reschedule(r, &b, OK, arena_printf(r->arena, "/b/%s",
	    kv_get(&r->params, "token")));
}

int
guest_reschedule_submit(struct req *r)
{
	struct booking b;
	struct actor as;
	const char *token = kv_get(&r->params, "token");
	long long slot;
	int rc, verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK ||
	    req_id(r, "timeslot_id", &slot) != OK)
		return ERR;
	rc = booking_reschedule(r->db, r->arena, &as, b.id, slot);
	if (rc == SLOT_MISSING)
		return reply_not_found(r, "timeslot", slot);
	if (rc == ERR)
		return ERR;
	if (rc != OK)
		return page_reschedule(r, &b, rc, arena_printf(r->arena, "/b/%s", token));
	return reply_redirect(r, arena_printf(r->arena, "/b/%s?done=rescheduled", token));
}

int
guest_ics(struct req *r)
{
	struct booking b;
	struct actor as;
	int verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK)
		return ERR;
	return page_booking_ics(r, b.id, as.user_id);
}

/* The receipt of the guest's order, as the manage link's holder sees it:
 * the order is looked up as the guest's own. */
int
guest_receipt(struct req *r)
{
	struct booking b;
	struct order o;
	struct actor as;
	int verified, rc;
	const char *token = kv_get(&r->params, "token");

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK)
		return ERR;
	if (b.order_id == 0)
		return reply_error(r, 404, "not_found", "This booking has no receipt.");
	if ((rc = order_get(r->db, r->arena, b.order_id, &as, &o)) != OK)
		return rc == ERR ? ERR : reply_not_found(r, "order", b.order_id);
	return page_receipt(r, &o, arena_printf(r->arena, "/b/%s", token),
	    _("Back to your booking"));
}

int
guest_revoke_submit(struct req *r)
{
	struct booking b;
	struct actor as;
	int verified;

	if (guest_manage_or_reply(r, "token", &b, &as, &verified) != OK ||
	    guest_revoke(r->db, r->arena, kv_get(&r->params, "token")) == ERR)
		return ERR;
	tmpl_show(page_begin(r, "guest_verify.tpl", _("The link is stopped")), "STOPPED");
	return page_end(r, 200);
}
