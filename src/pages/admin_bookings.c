/* pages/admin_bookings.c: the bookings list, its CSV export, a booking and its actions */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define BOOKINGS_PER_PAGE	50

/* What input_admin_filter() reads but the page: the links keep these. */
static const char *const filter_keys[] = {
	"status", "paymentStatus", "roomId", "eventId", "from", "to", "email", "sort", "limit",
	NULL
};

static const char *const booking_done[][2] = {
	{ "confirmed", N_("The payment is recorded and the booking confirmed.") },
	{ "approved", N_("The booking is approved; the customer is told.") },
	{ "declined", N_("The booking is declined and its place given back; the customer is told.") },
	{ "cancelled", N_("The booking is cancelled with a full refund.") },
	{ "completed", N_("The booking is completed.") },
	{ "no-show", N_("The booking is marked as a no-show.") },
	{ "checked-in", N_("The check-in is recorded.") },
	{ "checked-out", N_("The check-out is recorded.") },
	{ NULL, NULL },
};

/* The filter's choices, the rooms and events among them from names. */
static void
filter_options(struct req *r, struct tmpl *t, const struct admin_filter *f,
    const struct admin_names *names)
{
	const char *room = kv_get(&r->params, "roomId"), *event = kv_get(&r->params, "eventId");
	int i;

	/* "Any" is the empty value, selected when nothing else is. */
	if (room == NULL)
		room = "";
	if (event == NULL)
		event = "";
	page_option(t, "STATUS_OPTION", "", _("Any"), f->status ? f->status : "");
	for (i = 0; booking_statuses[i] != NULL; i++)
		page_option(t, "STATUS_OPTION", booking_statuses[i],
		    booking_statuses[i], f->status);
	page_option(t, "STATUS_OPTION", "awaiting_approval", _("Awaiting approval"), f->status);
	page_option(t, "PAYMENT_OPTION", "", _("Any"), f->payment_status ? f->payment_status : "");
	for (i = 0; admin_payment_statuses[i] != NULL; i++)
		page_option(t, "PAYMENT_OPTION", admin_payment_statuses[i],
		    admin_payment_statuses[i], f->payment_status);
	page_option(t, "ROOM_OPTION", "", _("Any"), room);
	for (i = 0; i < names->nrooms; i++)
		page_room_option(r, t, "ROOM_OPTION", names->rooms[i].id, names->rooms[i].name,
		    names->rooms[i].active, room);
	page_option(t, "EVENT_OPTION", "", _("Any"), event);
	for (i = 0; i < names->nevents; i++)
		page_option(t, "EVENT_OPTION", arena_printf(r->arena, "%lld", names->events[i].id),
		    names->events[i].name, event);
	page_option(t, "SORT_OPTION", "start", _("Start time"), f->by_created ? "created" : "start");
	page_option(t, "SORT_OPTION", "created", _("Creation"), f->by_created ? "created" : "start");
	tmpl_set(t, "FROM", f->from_date);
	tmpl_set(t, "TO", f->to_date);
	tmpl_set(t, "EMAIL", f->email);
}

static int admin_actions(struct req *, struct tmpl *, const struct booking *, time_t, int);

int
admin_bookings_list(struct req *r)
{
	struct admin_filter f;
	struct admin_names names;
	struct booking *list;
	struct list_page page;
	struct tmpl *t, *row;
	const char *q;
	time_t now = time(NULL);
	int i, n;

	if (input_admin_filter(r, &f, BOOKINGS_PER_PAGE, BOOKINGS_PER_PAGE) != OK)
		return ERR;
	/* The filter's rooms and events name the rows' too. */
	if (admin_filter_names(r->db, r->arena, &names) != OK ||
	    admin_bookings(r->db, r->arena, &f, &names, &list, &n, &page) != OK)
		return ERR;
	q = page_query(r, filter_keys);
	t = page_admin_begin(r, "admin_bookings.tpl", _("Bookings"));
	filter_options(r, t, &f, &names);
	/* Counting stops past LIST_COUNT_MAX: "More than 10,000". */
	tmpl_set(t, "TOTAL", page.more ? arena_printf(r->arena, _("%d,%03d bookings match"),
	    LIST_COUNT_MAX / 1000, LIST_COUNT_MAX % 1000) :
	    page_plural(r, page.total, "%lld booking matches",
	    "%lld bookings match"));
	if (page.more)
		tmpl_show(t, "TOTAL_CAPPED");
	tmpl_set(t, "CSV_HREF", arena_printf(r->arena, "/admin/bookings.csv%s%s",
	    *q ? "?" : "", q));
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "BOOKING");
		page_booking_row(r, row, &list[i]);
		tmpl_set(row, "CREATED", fmt_local(r->arena, list[i].created_at, FMT_WHEN));
		admin_actions(r, row, &list[i], now, 0);
	}
	if (n == 0)
		tmpl_show(t, "EMPTY");
	if (page.prev != NULL)
		tmpl_set(tmpl_section(t, "PREV_PAGE"), "HREF", arena_printf(r->arena,
		    "/admin/bookings?%s%scursor=%s", q, *q ? "&" : "", page.prev));
	if (page.next != NULL)
		tmpl_set(tmpl_section(t, "NEXT_PAGE"), "HREF", arena_printf(r->arena,
		    "/admin/bookings?%s%scursor=%s", q, *q ? "&" : "", page.next));
	return page_end(r, 200);
}

static void
csv_field(struct buf *b, const char *v, int last)
{
	page_csv_cell(b, v, 1, last);
}

/* Times in the export are ISO 8601 UTC, whatever the site's zone. */
static void
csv_time(struct buf *b, const char *dbtime, int last)
{
	char iso[ISO_TEXT];

	csv_field(b, iso_text(dbtime, iso) ? iso : "", last);
}

/* Numbers we make (ids, amounts, never negative) are left unquoted, so
 * spreadsheets read them as numbers. */
static void
csv_money(struct buf *b, long long cents)
{
	char text[MONEY_TEXT];

	page_csv_cell(b, money_text(cents, text), 0, 0);
}

/* One line is made in a buffer reused for every row, so the export's
 * memory does not grow with its length. */
struct csv {
	struct req	*r;
	struct buf	 line;
};

/* The headers go out with the first row (or at the end when none
 * matched), so a query that fails at once still gets an error page. */
static void
csv_begin(struct csv *c)
{
	/* not translated: the export's columns, read by programs */
	const char *header = arena_printf(c->r->arena, "id,user name,user email,room,"
	    "event,start,end,status,payment status,payment id,base (%s),discount (%s),"
	    "tax (%s),price (%s),refund (%s),created\r\n", money_currency(),
	    money_currency(), money_currency(), money_currency(), money_currency());
	char today[11];

	date_today(today);
	reply_header(c->r, "Content-Disposition: attachment; filename=\"bookings-%s.csv\"",
	    today);
	reply_stream_begin(c->r, "text/csv; charset=utf-8");
	reply_stream(c->r, header, strlen(header));
}

static int
csv_row(void *ctx, const struct booking *bk)
{
	struct csv *c = ctx;
	char id[24];

	if (!c->r->streamed)
		csv_begin(c);
	c->line.len = 0;
	snprintf(id, sizeof(id), "%lld", bk->id);
	page_csv_cell(&c->line, id, 0, 0);
	csv_field(&c->line, bk->user_name, 0);
	csv_field(&c->line, bk->user_email, 0);
	csv_field(&c->line, bk->room_name, 0);
	csv_field(&c->line, bk->event_title, 0);
	csv_time(&c->line, bk->start, 0);
	csv_time(&c->line, bk->end, 0);
	csv_field(&c->line, bk->status, 0);
	csv_field(&c->line, bk->payment_status, 0);
	csv_field(&c->line, bk->payment_id, 0);
	csv_money(&c->line, bk->base_price);
	csv_money(&c->line, bk->discount_amount);
	csv_money(&c->line, bk->tax_amount);
	csv_money(&c->line, bk->price);
	csv_money(&c->line, bk->refund_amount);
	csv_time(&c->line, bk->created_at, 1);
	reply_stream(c->r, c->line.data, c->line.len);
	return 0;
}

int
admin_bookings_csv(struct req *r)
{
	struct admin_filter f;
	struct csv c;
	int rc = OK;

	if (input_admin_filter(r, &f, BOOKINGS_PER_PAGE, BOOKINGS_PER_PAGE) != OK)
		return ERR;
	c.r = r;
	buf_init(&c.line, r->arena);
	if (!r->head)
		rc = admin_bookings_each(r->db, r->arena, &f, csv_row, &c);
	if (rc == OK && !r->streamed)
		csv_begin(&c);
	return rc;
}

/* Only the actions the booking's state allows (rule 5 and rule 9), as
 * CAN_* sections, the same on its page and on its row in the list; the
 * refund is quoted (quote) only on the page, where the cancelling is.
 * Returns how many. */
static int
admin_actions(struct req *r, struct tmpl *t, const struct booking *b, time_t now, int quote)
{
	static const struct {
		enum bk_action	 action;
		const char	*section;
	} buttons[] = {			/* CAN_COMPLETE holds no-show too */
		{ BK_CONFIRM, "CAN_CONFIRM" }, { BK_CANCEL, "CAN_CANCEL" },
		{ BK_COMPLETE, "CAN_COMPLETE" }, { BK_CHECK_IN, "CAN_CHECK_IN" },
		{ BK_CHECK_OUT, "CAN_CHECK_OUT" }, { BK_APPROVE, "CAN_APPROVE" },
	};
	size_t i;
	int shown = 0;

	for (i = 0; i < sizeof(buttons) / sizeof(buttons[0]); i++) {
		if (!booking_allows(b, buttons[i].action, &r->actor, now))
			continue;
		if (buttons[i].action == BK_CANCEL && quote)
			tmpl_set(tmpl_section(t, "CAN_CANCEL"), "REFUND_QUOTE",
			    money_show(r->arena, booking_refund_quote(b, &r->actor)));
		else
			tmpl_show(t, buttons[i].section);
		shown++;
	}
	return shown;
}

static int
booking_page(struct req *r, const char *error, struct form *f, int status)
{
	static const char *const fields[] = { "paymentId", NULL };
	struct booking b;
	struct booking_event *h;
	struct tmpl *t;
	time_t hold, now = time(NULL);
	int nh;

	if (booking_get_or_reply(r, "id", &b) != OK ||
	    booking_history(r->db, r->arena, b.id, &h, &nh) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_booking.tpl", arena_printf(r->arena,
	    _("Booking by %s: %s, %s"), b.user_name, b.room_name,
	    fmt_local(r->arena, b.start, FMT_DATE_SHORT)));
	page_booking(r, t, &b);
	page_done(r, t, booking_done);
	if (error != NULL)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE", error);
	if (b.notes != NULL && *b.notes != '\0')
		tmpl_set(tmpl_section(t, "HAS_NOTES"), "NOTES", b.notes);
	if (b.payment_id != NULL)
		tmpl_set(tmpl_section(t, "PAID_WITH"), "PAYMENT_ID", b.payment_id);
	tmpl_set(t, "REFUND", money_show(r->arena, b.refund_amount));
	tmpl_set(t, "CREATED", fmt_local(r->arena, b.created_at, FMT_WHEN));
	if (b.cancelled_at != NULL)
		tmpl_set(tmpl_section(t, "CANCELLED_AT"), "WHEN",
		    fmt_local(r->arena, b.cancelled_at, FMT_WHEN));
	if (b.checked_in_at != NULL)
		tmpl_set(tmpl_section(t, "CHECKED_IN"), "WHEN",
		    fmt_local(r->arena, b.checked_in_at, FMT_WHEN));
	if (b.checked_out_at != NULL)
		tmpl_set(tmpl_section(t, "CHECKED_OUT"), "WHEN",
		    fmt_local(r->arena, b.checked_out_at, FMT_WHEN));
	if ((b.state == BOOKING_PENDING || b.hold_lapsed) && b.hold_expires_at != NULL &&
	    dbtime_parse(b.hold_expires_at, &hold) == 0)
		tmpl_set(tmpl_section(t, hold > now ? "HOLD" : "HOLD_EXPIRED"), "UNTIL",
		    fmt_local(r->arena, b.hold_expires_at, FMT_WHEN));
	if (admin_actions(r, t, &b, now, 1) == 0)
		tmpl_show(t, "NO_ACTIONS");
	form_fill(f, t, fields);
	page_history(r, t, h, nh);
	return page_end(r, status);
}

int
admin_booking_show(struct req *r)
{
	struct form f;

	form_init(&f, r);
	return booking_page(r, NULL, &f, 200);
}

/* A refused action is shown on the booking's page with the reason and
 * the status the API would answer (409 for a wrong state). */
static int
acted(struct req *r, struct form *f, int rc, long long id, const char *done)
{
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "booking", id);
	if (rc != OK)
		return booking_page(r, result_message(rc), f, reply_result_status(rc));
	return reply_redirect(r, arena_printf(r->arena, "/admin/bookings/%lld?done=%s", id, done));
}

static int
transition(struct req *r, enum bk_action action, const char *done)
{
	const char *payment = NULL;
	struct form f;
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	form_init(&f, r);
	if (action == BK_CONFIRM &&
	    (payment = form_text(&f, "paymentId", "Payment id", PAYMENT_ID_MAX, 1)) == NULL)
		return booking_page(r, NULL, &f, 400);
	return acted(r, &f, booking_transition(r->db, r->arena, &r->actor, id, action, payment),
	    id, done);
}

int
admin_booking_confirm(struct req *r)
{
	return transition(r, BK_CONFIRM, "confirmed");
}

int
admin_booking_complete(struct req *r)
{
	return transition(r, BK_COMPLETE, "completed");
}

int
admin_booking_no_show(struct req *r)
{
	return transition(r, BK_NO_SHOW, "no-show");
}

int
admin_booking_check_in(struct req *r)
{
	return transition(r, BK_CHECK_IN, "checked-in");
}

int
admin_booking_check_out(struct req *r)
{
	return transition(r, BK_CHECK_OUT, "checked-out");
}

int
admin_booking_approve(struct req *r)
{
	return transition(r, BK_APPROVE, "approved");
}

int
admin_booking_decline(struct req *r)
{
	return transition(r, BK_DECLINE, "declined");
}

/* Through the admin route a cancellation refunds in full. */
int
admin_booking_cancel(struct req *r)
{
	struct form f;
	long long id, refund;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	form_init(&f, r);
	return acted(r, &f, booking_cancel(r->db, r->arena, &r->actor, id, &refund), id,
	    "cancelled");
}

/*
 * /admin/checkin: the door. One field a barcode scanner types a ticket's
 * code into, ending with Enter, and a large answer above it; the field is
 * empty and focused again for the next ticket, so it works by keyboard
 * alone and without JavaScript. Staff see this page and no other admin one.
 */
static int
checkin_page(struct req *r, int rc, const struct booking *b)
{
	struct tmpl *t, *s;

	t = r->user->admin ? page_admin_begin(r, "admin_checkin.tpl", _("Check-in")) :
	    page_begin(r, "admin_checkin.tpl", _("Check-in"));
	if (b != NULL) {
		s = tmpl_section(t, "ANSWER");
		tmpl_set(s, "RESULT", rc == OK ? "ok" : rc == NOT_FOUND ? "not_found" :
		    result_code(rc));
		tmpl_set(s, "ANSWER", booking_ticket_answer(r->arena, rc, b));
		if (rc != NOT_FOUND) {
			s = tmpl_section(s, "WHO");
			tmpl_set(s, "NAME", b->user_name);
			tmpl_set(s, "SESSION", arena_printf(r->arena, "%s, %s",
			    b->event_title != NULL ? b->event_title : b->room_name,
			    fmt_local(r->arena, b->start, FMT_WHEN)));
		}
	}
	tmpl_set_int(t, "TICKET_INPUT_MAX", TICKET_INPUT_MAX);
	return page_end(r, b == NULL ? 200 : reply_result_status(rc));
}

int
admin_checkin_form(struct req *r)
{
	return checkin_page(r, OK, NULL);
}

int
admin_checkin_submit(struct req *r)
{
	const char *code = kv_get(&r->params, "code"), *ticket;
	struct booking b;
	int rc;

	memset(&b, 0, sizeof(b));
	ticket = code != NULL && strlen(code) <= TICKET_INPUT_MAX ?
	    booking_ticket_parse(r->arena, code) : NULL;
	rc = ticket == NULL ? NOT_FOUND :
	    booking_check_in_ticket(r->db, r->arena, &r->actor, ticket, &b);
	if (rc == ERR)
		return ERR;
	return checkin_page(r, rc, &b);
}
