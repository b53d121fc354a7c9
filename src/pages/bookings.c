/* pages/bookings.c: the timeslot page and booking form, the dashboard, a
 * booking's page with cancel, reactivate and reschedule, notifications */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/auth.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/notify.h"
#include "domain/orders.h"
#include "domain/packages.h"
#include "domain/prices.h"
#include "domain/reviews.h"
#include "domain/series.h"
#include "handlers.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define DASHBOARD_PER_PAGE	25
#define NOTIFICATIONS_SHOWN	100

static const char *const waitlist_done[][2] = {
	{ "waiting", N_("You are on the waiting list. When a place comes free it is held"
	    " for you and you are told.") },
	{ "left", N_("You have left the waiting list.") },
	{ NULL, NULL },
};

/* A full timeslot's waiting list: the place in it with a Leave button,
 * or the button to join. */
static int
waitlist_form(struct req *r, struct tmpl *t, const struct slot *s)
{
	long long position;

	if (booking_waitlist_position(r->db, r->arena, s->id, r->user->id,
	    &position) != OK)
		return ERR;
	if (position > 0)
		tmpl_set_int(tmpl_section(t, "WAITING"), "POSITION", position);
	else
		tmpl_show(t, "JOIN_WAITLIST");
	return OK;
}

/* The timeslot page; refused and notes are set when a booking was refused:
 * its result gives the message and the status. */
static int
timeslot_page(struct req *r, long long id, int refused, const char *notes,
    const char *why)
{
	struct slot s;
	struct tmpl *t, *form;
	long long mine = 0;
	int rc;

	if ((rc = slot_get(r->db, r->arena, id, 0, &s)) == NOT_FOUND)
		return reply_not_found(r, "timeslot", id);
	if (rc != OK || (r->user != NULL &&
	    booking_active_id(r->db, r->arena, id, r->user->id, &mine) != OK))
		return ERR;
	t = page_begin(r, "timeslot.tpl", arena_printf(r->arena, "%s%s%s, %s %s",
	    s.event_title ? s.event_title : "", s.event_title ? " in " : "", s.room_name,
	    fmt_local(r->arena, s.start, FMT_DATE_SHORT), fmt_local(r->arena, s.start, FMT_TIME)));
	page_slot(r, t, &s);
	tmpl_set(t, "LONG_DATE", fmt_local(r->arena, s.start, FMT_DATE_LONG));
	if (refused != OK)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE",
		    why != NULL ? why : result_message(refused));
	if (r->user == NULL) {
		form = tmpl_section(t, "LOGIN");
		tmpl_set(form, "NEXT",
		    url_encode(r->arena, arena_printf(r->arena, "/timeslots/%lld", id)));
		if (cfg.guest_booking && s.allow_guests && s.state == OK)
			tmpl_set_int(tmpl_section(form, "GUEST"), "SLOT_ID", s.id);
		return page_end(r, reply_result_status(refused));
	}
	if (mine > 0)
		tmpl_set_int(tmpl_section(t, "MINE"), "BOOKING_ID", mine);
	else if (s.state == OK) {
		long long credit = 0;

		if (s.event_id != 0 && credit_for_event(r->db, r->arena, r->user->id,
		    s.event_id, &credit) != OK)
			return ERR;
		if (credit != 0)
			tmpl_set_int(tmpl_section(t, "CREDIT"), "CREDIT_ID", credit);
		form = tmpl_section(t, "FORM");
		tmpl_set_int(form, "SLOT_ID", s.id);
		/* One key per page view: submitting this form twice books once. */
		tmpl_set(form, "IDEMPOTENCY_KEY", auth_random_hex(r->arena, 16));
		tmpl_set(form, "NOTES", notes);
		page_discount_field(r, form, refused);
		tmpl_show(form, s.capacity == 1 && s.event_id == 0 ? "WHOLE_ROOM" : "PER_SEAT");
		if (s.price > 0)
			tmpl_set_int(tmpl_section(form, "HOLD"), "HOLD_MINUTES", cfg.hold_minutes);
	} else if (s.state == SLOT_FULL && waitlist_form(r, t, &s) != OK)
		return ERR;
	/* A room's own timeslot can be booked again every week or two. */
	if (s.event_id == 0 && (s.state == OK || s.state == SLOT_FULL))
		tmpl_set_int(tmpl_section(t, "REPEAT"), "COUNT_MAX", SERIES_COUNT_MAX);
	page_done(r, t, waitlist_done);
	return page_end(r, reply_result_status(refused));
}

int
timeslot_show(struct req *r)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return timeslot_page(r, id, OK, NULL, NULL);
}

int
waitlist_join_submit(struct req *r)
{
	long long slot, position;
	int rc;

	if (req_id(r, "id", &slot) != OK)
		return ERR;
	rc = booking_waitlist_join(r->db, r->arena, &r->actor, slot, &position);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", slot);
	if (rc != OK)
		return timeslot_page(r, slot, rc, NULL, NULL);
	return reply_redirect(r, arena_printf(r->arena, "/timeslots/%lld?done=waiting", slot));
}

int
waitlist_leave_submit(struct req *r)
{
	long long slot;
	int rc;

	if (req_id(r, "id", &slot) != OK)
		return ERR;
	if ((rc = booking_waitlist_leave(r->db, &r->actor, slot)) == ERR)
		return ERR;
	return reply_redirect(r, page_back(r, arena_printf(r->arena, "/timeslots/%lld",
	    slot), rc == OK ? "done=left" : NULL));
}

int
credit_schedule_submit(struct req *r)
{
	const char *why;
	long long id, slot, booking = 0;
	int rc;

	if (req_id(r, "id", &id) != OK || req_id(r, "timeslot_id", &slot) != OK)
		return ERR;
	rc = credit_schedule(r->db, r->arena, &r->actor, id, slot, &booking, &why);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found", "You have no credit %lld, or there is"
		    " no timeslot %lld.", id, slot);
	if (rc != OK)
		return timeslot_page(r, slot, rc, NULL, why);
	return reply_redirect(r, arena_printf(r->arena, "/bookings/%lld?done=booked", booking));
}

int
booking_new(struct req *r)
{
	const char *notes, *key, *why, *code;
	long long slot, id = 0;
	int rc, replayed;

	if (req_id(r, "timeslot_id", &slot) != OK ||
	    req_lines_opt(r, "notes", NOTES_MAX, "", &notes) != OK ||
	    req_str_opt(r, "discount_code", DISCOUNT_CODE_MAX, NULL, &code) != OK ||
	    req_str_opt(r, "idempotency_key", IDEMPOTENCY_KEY_MAX, NULL, &key) != OK)
		return ERR;
	if (key != NULL && *key == '\0')
		key = NULL;
	if (key != NULL && !booking_key_valid(key))
		return reply_error(r, 400, "invalid_field",
		    "idempotency_key: %s.", booking_key_rule());
	if (code != NULL && *code == '\0')
		code = NULL;
	rc = booking_create(r->db, r->arena, &r->actor, slot, notes, code, key, &id,
	    &replayed, &why, NULL);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", slot);
	if (rc != OK)
		return timeslot_page(r, slot, rc, notes, why);
	return reply_redirect(r, arena_printf(r->arena, "/bookings/%lld%s", id,
	    replayed ? "" : "?done=booked"));
}

/* Where the customer pays a held booking: one of an order of several (a
 * checkout, a course; shared) is paid with the others, on the order's
 * page; any other on the provider's page, or on the booking's own page
 * (which says payment is taken at the desk). */
static const char *
pay_href(struct req *r, const struct booking *b, int shared)
{
	if (shared)
		return arena_printf(r->arena, "/orders/%lld#pay", b->order_id);
	if (*cfg.payment_url == '\0')
		return arena_printf(r->arena, "/bookings/%lld#pay-at-desk", b->id);
	return page_pay_url(r, "booking", b->id, b->price);
}

/* The buttons of the owner's actions b allows now (booking_allows, the
 * rule the transactions keep): CAN_PAY while a hold runs, CAN_CANCEL,
 * CAN_REACTIVATE, CAN_RESCHEDULE, CAN_CHECK_IN, CAN_CHECK_OUT, and
 * CAN_CALENDAR while it holds the owner's seat; the booking page and every
 * dashboard row show the same. shared: b is one of an order of several. */
static void
owner_actions(struct req *r, struct tmpl *t, const struct booking *b,
    const struct actor *who, int shared)
{
	static const struct {
		enum bk_action	 action;
		const char	*section;
	} buttons[] = {
		{ BK_CANCEL, "CAN_CANCEL" },
		{ BK_REACTIVATE, "CAN_REACTIVATE" },
		{ BK_RESCHEDULE, "CAN_RESCHEDULE" },
		{ BK_CHECK_IN, "CAN_CHECK_IN" },
		{ BK_CHECK_OUT, "CAN_CHECK_OUT" },
	};
	time_t now = time(NULL);
	size_t i;

	for (i = 0; i < sizeof(buttons) / sizeof(buttons[0]); i++)
		if (booking_allows(b, buttons[i].action, who, now))
			tmpl_show(t, buttons[i].section);
	if (b->user_id != who->user_id || b->hold_lapsed)
		return;
	if (b->state == BOOKING_PENDING && !b->awaiting)
		tmpl_set(tmpl_section(t, "CAN_PAY"), "PAY_HREF", pay_href(r, b, shared));
	if (b->state == BOOKING_PENDING || b->state == BOOKING_CONFIRMED)
		tmpl_show(t, "CAN_CALENDAR");
}

static const char *const done_messages[][2] = {
	{ "booked", N_("Your booking is made.") },
	{ "cancelled", N_("The booking is cancelled.") },
	{ "reactivated", N_("The booking is active again.") },
	{ "rescheduled", N_("The booking is moved.") },
	{ "checked-in", N_("You are checked in.") },
	{ "checked-out", N_("You are checked out.") },
	{ "reviewed", N_("Thank you for your review.") },
	{ NULL, NULL },
};

/* Whether b is one of an order of several (only a checkout's or a
 * course's bookings share one), as 1 with that order in *o, 0, or ERR. */
static int
order_of_several(struct req *r, const struct booking *b, struct order *o)
{
	if (b->order_id == 0 || b->booking_type == NULL ||
	    strcmp(b->booking_type, "single") == 0)
		return 0;
	o->id = 0;
	if (order_get(r->db, r->arena, b->order_id, &r->actor, o) == ERR)
		return ERR;
	return o->id == b->order_id && o->bookings > 1;
}

/* The booking the path names; refused, when not OK, is the result of an
 * action the page offered, shown with its message and status. */
static int
booking_page(struct req *r, int refused)
{
	struct booking b;
	struct booking_event *h;
	struct order o;
	struct tmpl *t;
	time_t hold;
	int nh, shared = 0;

	if (booking_get_or_reply(r, "id", &b) != OK ||
	    booking_history(r->db, r->arena, b.id, &h, &nh) != OK)
		return ERR;
	/* Only a held booking is paid, alone or with its order. */
	if (b.state == BOOKING_PENDING && (shared = order_of_several(r, &b, &o)) == ERR)
		return ERR;
	t = page_begin(r, "booking.tpl", arena_printf(r->arena, _("Your booking: %s, %s"),
	    b.room_name, fmt_local(r->arena, b.start, FMT_DATE_SHORT)));
	page_booking(r, t, &b);
	if (b.notes != NULL && *b.notes != '\0')
		tmpl_set(tmpl_section(t, "HAS_NOTES"), "NOTES", b.notes);
	if (b.user_id != r->user->id)
		tmpl_set(tmpl_section(t, "OWNER"), "OWNER", arena_printf(r->arena,
		    "%s <%s>", b.user_name, b.user_email));
	if (refused != OK)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE", result_message(refused));
	page_done(r, t, done_messages);
	if (b.refund_amount > 0)
		tmpl_set(tmpl_section(t, "REFUND"), "REFUND", money_show(r->arena, b.refund_amount));
	if ((b.state == BOOKING_PENDING || b.hold_lapsed) && b.hold_expires_at != NULL &&
	    dbtime_parse(b.hold_expires_at, &hold) == 0) {
		long long left = (long long)(hold - time(NULL));
		struct tmpl *ht = tmpl_section(t, left > 0 ? "HOLD" : "HOLD_EXPIRED");

		tmpl_set_int(ht, "MINUTES", left > 0 ? (left + 59) / 60 : 0);
		tmpl_set(ht, "UNTIL", fmt_local(r->arena, b.hold_expires_at, FMT_TIME));
		tmpl_set(ht, "PAY_BY", fmt_local(r->arena, b.hold_expires_at, FMT_WHEN));
		tmpl_set(ht, "MINUTES_TEXT", page_plural(r, left > 0 ? (left + 59) / 60 : 0,
		    "%lld more minute", "%lld more minutes"));
		if (left > 0 && shared) {
			struct tmpl *ot = tmpl_section(ht, "PAY_ORDER");

			tmpl_set_int(ot, "ORDER_ID", o.id);
			tmpl_set_int(ot, "COUNT", o.bookings);
			tmpl_set(ot, "PAY_URL", pay_href(r, &b, shared));
		} else if (left > 0 && *cfg.payment_url != '\0')
			tmpl_set(tmpl_section(ht, "PAY_ONLINE"), "PAY_URL", pay_href(r, &b, 0));
		else if (left > 0)
			tmpl_show(ht, "PAY_AT_DESK");
	}
	if (b.awaiting)
		tmpl_show(t, "AWAITING");
	owner_actions(r, t, &b, &r->actor, shared);
	if (b.checked_in_at != NULL)
		tmpl_set(tmpl_section(t, "CHECKED_IN"), "WHEN",
		    fmt_local(r->arena, b.checked_in_at, FMT_TIME));
	if (b.checked_out_at != NULL)
		tmpl_set(tmpl_section(t, "CHECKED_OUT"), "WHEN",
		    fmt_local(r->arena, b.checked_out_at, FMT_TIME));
	if (page_ticket(r, t, &b) != OK || page_booking_review(r, t, &b) != OK)
		return ERR;
	page_history(r, t, h, nh);
	return page_end(r, reply_result_status(refused));
}

int
booking_show(struct req *r)
{
	return booking_page(r, OK);
}

int
booking_cancel_form(struct req *r)
{
	struct booking b;

	if (booking_get_or_reply(r, "id", &b) != OK)
		return ERR;
	if (!booking_allows(&b, BK_CANCEL, &r->actor, time(NULL)))
		return booking_page(r, INVALID_STATE);
	return page_cancel_quote(r, &b, &r->actor, arena_printf(r->arena,
	    "/bookings/%lld/cancel", b.id), arena_printf(r->arena, "/bookings/%lld", b.id));
}

int
page_cancel_quote(struct req *r, const struct booking *b, const struct actor *who,
    const char *action, const char *back)
{
	struct tmpl *t;
	long long refund;

	refund = booking_refund_quote(b, who);
	t = page_begin(r, "booking_cancel.tpl", _("Cancel booking"));
	page_booking(r, t, b);
	tmpl_set(t, "ACTION", action);
	tmpl_set(t, "BACK", back);
	tmpl_set(t, "REFUND", money_show(r->arena, refund));
	tmpl_set(t, "PAID", money_show(r->arena, b->paid_amount));
	tmpl_show(t, strcmp(b->payment_status, "paid") == 0 && b->paid_amount > 0 ?
	    "PAID" : "NOT_PAID");
	tmpl_set_int(t, "FULL_HOURS", cfg.refund_full_hours);
	tmpl_set_int(t, "PARTIAL_HOURS", cfg.refund_partial_hours);
	tmpl_set_int(t, "PARTIAL_PERCENT", cfg.refund_partial_percent);
	return page_end(r, 200);
}

/* A refused action is shown on the booking's page, the page it came from. */
static int
after_action(struct req *r, int rc, long long id, const char *done)
{
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "booking", id);
	if (rc != OK)
		return booking_page(r, rc);
	return reply_redirect(r, arena_printf(r->arena, "/bookings/%lld?done=%s", id, done));
}

int
booking_cancel_submit(struct req *r)
{
	long long id, refund;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return after_action(r, booking_cancel(r->db, r->arena, &r->actor, id, &refund),
	    id, "cancelled");
}

int
booking_reactivate_submit(struct req *r)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return after_action(r, booking_reactivate(r->db, r->arena, &r->actor, id),
	    id, "reactivated");
}

/* The owner's check-in and check-out. */
static int
attend(struct req *r, enum bk_action action, const char *done)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return after_action(r, booking_transition(r->db, r->arena, &r->actor, id,
	    action, NULL), id, done);
}

int
booking_check_in_submit(struct req *r)
{
	return attend(r, BK_CHECK_IN, "checked-in");
}

int
booking_check_out_submit(struct req *r)
{
	return attend(r, BK_CHECK_OUT, "checked-out");
}

int
booking_review_submit(struct req *r)
{
	const char *comment;
	long long id, rating, review;

	if (req_id(r, "id", &id) != OK ||
	    req_int(r, "rating", REVIEW_RATING_MIN, REVIEW_RATING_MAX, &rating) != OK ||
	    req_lines_opt(r, "comment", REVIEW_COMMENT_MAX, "", &comment) != OK)
		return ERR;
	return after_action(r, review_create(r->db, r->arena, &r->actor, id, rating,
	    comment, &review), id, "reviewed");
}

static int
reschedule_page(struct req *r, int refused)
{
	struct booking b;

	if (booking_get_or_reply(r, "id", &b) != OK)
		return ERR;
	return page_reschedule(r, &b, refused, arena_printf(r->arena, "/bookings/%lld",
	    b.id));
}

int
page_reschedule(struct req *r, const struct booking *bp, int refused, const char *base)
{
	const struct booking b = *bp;
	struct slot *slots;
	struct tmpl *t, *row;
	const char *date;
	char prev[11], next[11], from[20], to[20];
	int i, n, shown = 0;

	if (req_date_opt(r, "date", fmt_local(r->arena, b.start, "%Y-%m-%d"), &date) != OK)
		return ERR;
	day_bounds_utc(date, from, to);
	if (room_slots(r->db, r->arena, b.room_id, from, to, &slots, &n) != OK)
		return ERR;
	date_add_days(date, -1, prev);
	date_add_days(date, 1, next);
	t = page_begin(r, "booking_reschedule.tpl", _("Reschedule booking"));
	page_booking(r, t, &b);
	tmpl_set(t, "BASE", base);
	tmpl_set(t, "PICK_DATE", date);
	tmpl_set(t, "PICK_LABEL", fmt_local(r->arena, from, FMT_DATE_LONG));
	tmpl_set(t, "PREV_DATE", prev);
	tmpl_set(t, "NEXT_DATE", next);
	tmpl_set(t, "PAID", money_show(r->arena, b.paid_amount));
	if (refused != OK)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE", result_message(refused));
	if (b.state != BOOKING_CONFIRMED)
		tmpl_show(t, "NOT_CONFIRMED");
	for (i = 0; i < n; i++) {
		/* Rule 16: a dearer time would be refused. */
		if (slots[i].state != OK || slots[i].id == b.timeslot_id ||
		    slots[i].price > b.paid_amount)
			continue;
		row = tmpl_section(t, "CHOICE");
		page_slot(r, row, &slots[i]);
		shown++;
	}
	if (shown == 0)
		tmpl_show(t, "NO_CHOICE");
	else
		tmpl_show(t, "SUBMIT");
	return page_end(r, reply_result_status(refused));
}

int
booking_reschedule_form(struct req *r)
{
	return reschedule_page(r, OK);
}

int
booking_reschedule_submit(struct req *r)
{
	long long id, slot;
	int rc;

	if (req_id(r, "id", &id) != OK || req_id(r, "timeslot_id", &slot) != OK)
		return ERR;
	rc = booking_reschedule(r->db, r->arena, &r->actor, id, slot);
	if (rc == SLOT_MISSING)
		return reply_not_found(r, "timeslot", slot);
	if (rc != ERR && rc != OK && rc != NOT_FOUND)
		return reschedule_page(r, rc);
	return after_action(r, rc, id, "rescheduled");
}

/* The dashboard's rows: a booking of an order of several (a checkout) goes
 * under that order's heading, with its total, where the first of them is
 * listed; any other is a group of its own. */
static int
dashboard_rows(struct req *r, struct tmpl *t, const struct booking *list, int n)
{
	struct tmpl **groups = arena_calloc(r->arena, (size_t)(n > 0 ? n : 1),
	    sizeof(*groups)), *group, *row, *head;
	char *shared = arena_calloc(r->arena, (size_t)(n > 0 ? n : 1), 1);
	struct order o;
	int i, j, rc;

	for (i = 0; i < n; i++) {
		group = NULL;
		for (j = 0; j < i && list[i].order_id != 0; j++)
			if (groups[j] != NULL && list[j].order_id == list[i].order_id) {
				group = groups[j];
				shared[i] = shared[j];
				break;
			}
		if (group == NULL) {
			group = tmpl_section(t, "GROUP");
			if ((rc = order_of_several(r, &list[i], &o)) == ERR)
				return ERR;
			if (rc) {
				shared[i] = 1;
				head = tmpl_section(group, "ORDER");
				tmpl_set_int(head, "ORDER_ID", o.id);
				tmpl_set_int(head, "COUNT", o.bookings);
				tmpl_set(head, "TOTAL", money_show(r->arena, o.total));
				tmpl_set(head, "ORDER_STATUS_LABEL", page_status_label(o.status));
			}
			groups[i] = group;
		}
		row = tmpl_section(group, "BOOKING");
		page_booking_row(r, row, &list[i]);
		owner_actions(r, row, &list[i], &r->actor, shared[i]);
		if (page_review_action(r, row, &list[i]) != OK)
			return ERR;
	}
	return OK;
}

/* The credits of packages bought and not yet scheduled, with their expiry. */
static int
dashboard_credits(struct req *r, struct tmpl *t)
{
	struct credit *list;
	struct tmpl *s, *row;
	int i, n;

	if (credit_list(r->db, r->arena, r->user->id, &list, &n) != OK)
		return ERR;
	if (n == 0)
		return OK;
	s = tmpl_section(t, "CREDITS");
	for (i = 0; i < n; i++) {
		row = tmpl_section(s, "CREDIT");
		tmpl_set_int(row, "CREDIT_ID", list[i].id);
		tmpl_set_int(row, "EVENT_ID", list[i].event_id);
		tmpl_set(row, "EVENT_TITLE", list[i].event_title);
		tmpl_set(row, "PACKAGE_NAME", list[i].package_name);
		tmpl_set(row, "EXPIRES", fmt_local(r->arena, list[i].expires_at, FMT_DATE_SHORT));
		if (!list[i].paid)
			tmpl_set_int(tmpl_section(row, "UNPAID"), "ORDER_ID", list[i].order_id);
	}
	return OK;
}

static const char *const tabs[] = { "upcoming", "past", "cancelled", NULL };

/* The waiting lists the user is in, with the place in each. */
static int
me_waiting(struct req *r, struct tmpl *t)
{
	struct waitlist_entry *w;
	struct tmpl *row;
	int i, n;

	if (booking_waitlist_list(r->db, r->arena, r->user->id, &w, &n) != OK)
		return ERR;
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "WAITLIST");
		tmpl_set_int(row, "SLOT_ID", w[i].timeslot_id);
		tmpl_set_int(row, "POSITION", w[i].position);
		tmpl_set(row, "ROOM_NAME", w[i].room_name);
		tmpl_set(row, "WHEN", fmt_local(r->arena, w[i].start, FMT_WHEN));
		if (w[i].event_title != NULL)
			tmpl_set(tmpl_section(row, "EVENT"), "EVENT_TITLE", w[i].event_title);
	}
	if (n > 0)
		tmpl_show(t, "ANY_WAITING");
	return OK;
}

int
me_show(struct req *r)
{
	struct booking_filter f = { r->user->id, NULL, NULL, DASHBOARD_PER_PAGE, { 0, "", 0, 0 } };
	struct booking *list;
	struct list_page page;
	struct tmpl *t, *row;
	int i, n;

	if (req_enum_opt(r, "tab", tabs, &f.tab) != OK || input_cursor(r, &f.cursor) != OK)
		return ERR;
	if (f.tab == NULL)
		f.tab = "upcoming";
	/* No count: the tab needs only whether another page follows. The
	 * credits and waiting lists are read only for a user the session's
	 * read says has some. */
	if (booking_list(r->db, r->arena, &f, &list, &n, 0, &page) != OK)
		return ERR;
	t = page_begin(r, "me.tpl", _("My bookings"));
	tmpl_set(t, "NAME", r->user->name);
	if (kv_get(&r->params, "welcome") != NULL)
		tmpl_show(t, "WELCOME");
	for (i = 0; tabs[i] != NULL; i++) {
		row = tmpl_section(t, "TAB");
		tmpl_set(row, "TAB", tabs[i]);
		tmpl_set(row, "LABEL", i == 0 ? _("Upcoming") : i == 1 ? _("Past") : _("Cancelled"));
		if (strcmp(tabs[i], f.tab) == 0)
			tmpl_show(row, "CURRENT");
	}
	tmpl_set(t, "TAB_TITLE", strcmp(f.tab, "upcoming") == 0 ? _("Upcoming bookings") :
	    strcmp(f.tab, "past") == 0 ? _("Past bookings") : _("Cancelled bookings"));
	if (dashboard_rows(r, t, list, n) != OK ||
	    (r->user->credits && dashboard_credits(r, t) != OK))
		return ERR;
	tmpl_show(t, n == 0 ? "EMPTY" : "ANY");
	if (r->user->waiting && strcmp(f.tab, "upcoming") == 0 && me_waiting(r, t) != OK)
		return ERR;
	if (page.prev != NULL)
		tmpl_set(tmpl_section(t, "PREV_PAGE"), "CURSOR", page.prev);
	if (page.next != NULL)
		tmpl_set(tmpl_section(t, "NEXT_PAGE"), "CURSOR", page.next);
	tmpl_set(t, "TAB", f.tab);
	return page_end(r, 200);
}

int
notifications_show(struct req *r)
{
	struct notification *list;
	struct tmpl *t, *row;
	int i, n;

	if (notify_list(r->db, r->arena, r->user->id, NOTIFICATIONS_SHOWN, &list, &n) != OK)
		return ERR;
	t = page_begin(r, "notifications.tpl", _("Notifications"));
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "NOTE");
		tmpl_set(row, "MESSAGE", list[i].message);
		if (list[i].link != NULL && local_path(list[i].link))
			tmpl_set(tmpl_section(row, "LINK"), "HREF", list[i].link);
		if (list[i].unread)
			tmpl_show(row, "UNREAD");
		tmpl_set(row, "WHEN", fmt_local(r->arena, list[i].created_at, FMT_WHEN));
	}
	if (n == 0)
		tmpl_show(t, "EMPTY");
	if (r->user->unread > 0)
		tmpl_show(t, "ANY_UNREAD");
	return page_end(r, 200);
}

int
notifications_read(struct req *r)
{
	if (notify_read_all(r->db, r->user->id) != OK)
		return ERR;
	return reply_redirect(r, "/notifications");
}
