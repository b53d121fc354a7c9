/* pages/page.c: pieces shared by the HTML pages */
#include <string.h>

#include <qrencode.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "http/form.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *
state_label(const struct slot *s)
{
	switch (s->state) {
	case OK:	return _("Available");
	case SLOT_FULL:	return s->capacity == 1 ? _("Booked") : _("Fully booked");
	case SLOT_PAST:	return _("Past");
	default:	return strcmp(s->status, "canceled") == 0 ? _("Cancelled") : _("Unavailable");
	}
}

/* Whether a session runs past the local day it starts on (a month
 * rented whole), ending at midnight aside: then its end says the date. */
static int
ends_later(struct req *r, const char *start, const char *end)
{
	char last[20];
	time_t t;

	if (dbtime_parse(end, &t) != 0 || dbtime_from(t - 1, last) != 0)
		return 0;
	return strcmp(fmt_local(r->arena, start, "%Y-%m-%d"),
	    fmt_local(r->arena, last, "%Y-%m-%d")) != 0;
}

/* When a timeslot or a booking is, in the site time zone: DATE (as
 * date_fmt has it, none when NULL), ISO_DATE, START and END. */
static void
when(struct req *r, struct tmpl *t, const char *start, const char *end,
    const char *date_fmt)
{
	if (date_fmt != NULL)
		tmpl_set(t, "DATE", fmt_local(r->arena, start, date_fmt));
	tmpl_set(t, "ISO_DATE", fmt_local(r->arena, start, "%Y-%m-%d"));
	tmpl_set(t, "START", fmt_local(r->arena, start, FMT_TIME));
	tmpl_set(t, "END", ends_later(r, start, end) ?
	    fmt_local(r->arena, end, FMT_WHEN) : fmt_local(r->arena, end, FMT_TIME));
}

void
page_slot(struct req *r, struct tmpl *t, const struct slot *s)
{
	tmpl_set_int(t, "SLOT_ID", s->id);
	when(r, t, s->start, s->end, FMT_DATE_SHORT);
	tmpl_set(t, "STATE", slot_state_name(s->state));
	tmpl_set(t, "STATE_LABEL", state_label(s));
	tmpl_set_int(t, "SEATS_LEFT", s->seats_left);
	tmpl_set_int(t, "CAPACITY", s->capacity);
	tmpl_set(t, "PRICE", s->price ? page_price_net(r, s->price, !s->tax_free) :
	    _("No charge"));
	tmpl_set_int(t, "ROOM_ID", s->room_id);
	tmpl_set(t, "ROOM_NAME", s->room_name);
	if (s->event_id) {
		struct tmpl *e = tmpl_section(t, "EVENT");

		tmpl_set_int(e, "EVENT_ID", s->event_id);
		tmpl_set(e, "EVENT_TITLE", s->event_title);
		if (s->sequence_no)
			tmpl_set_int(tmpl_section(e, "SEQUENCE"), "SEQUENCE_NO", s->sequence_no);
	}
	if (s->state == OK)
		tmpl_set(tmpl_section(t, "SEATS"), "SEATS_TEXT", page_seats(r, s));
	if (s->capacity == 1 && s->event_id == 0)
		tmpl_show(t, "WHOLE_ROOM");
}

const char *
page_seats(struct req *r, const struct slot *s)
{
	/* A room's own timeslot is the whole room: no seats to count. */
	if (s->capacity == 1)
		return s->event_id ? _("1 place") : _("the whole room");
	return arena_printf(r->arena, _("%lld of %lld left"), s->seats_left, s->capacity);
}

/* The word of labels (n pairs of a stored value and its words in context
 * ctx) for value, in the thread's language; value itself if it has none. */
static const char *
label_in(const char *const (*labels)[2], size_t n, const char *ctx, const char *value)
{
	size_t i;

	for (i = 0; value != NULL && i < n; i++)
		if (strcmp(value, labels[i][0]) == 0)
			return C_(ctx, labels[i][1]);
	return value;
}

/* The kind of an event in words ("workshop"), in the thread's language. */
const char *
page_event_kind_label(const char *kind)
{
	static const char *const labels[][2] = {
		{ "individual", C_N("event kind", "individual") },
		{ "workshop", C_N("event kind", "workshop") },
		{ "course", C_N("event kind", "course") },
	};

	return label_in(labels, sizeof(labels) / sizeof(labels[0]),
	    "event kind", kind);	/* not translated: a context */
}

/* A user's role in words ("Administrator"), in the thread's language. */
const char *
page_role_label(const char *role)
{
	static const char *const labels[][2] = {
		{ "customer", C_N("role", "Customer") },
		{ "admin", C_N("role", "Administrator") },
		{ "staff", C_N("role", "Staff") },
	};

	return label_in(labels, sizeof(labels) / sizeof(labels[0]), "role", role);
}

const char *
page_plural(struct req *r, long long n, const char *one, const char *many)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* one and many are literals with one %lld (format_arg in page.h). */
	return arena_printf(r->arena, P_(one, many, (unsigned long)n), n);
#pragma GCC diagnostic pop
}

/* Words for people, in the order of the enums they name. */
static const char *const status_labels[][2] = {
	{ "pending", N_("Awaiting payment") }, { "confirmed", N_("Confirmed") },
	{ "cancelled", N_("Cancelled") }, { "completed", N_("Completed") },
	{ "no_show", N_("No-show") },
	{ "paid", N_("Paid") }, { "refunded", N_("Refunded") },
	{ "draft", N_("Draft") }, { "scheduled", N_("Scheduled") },
	{ "in_progress", N_("In progress") }, { "canceled", N_("Cancelled") },
	{ "failed", N_("Failed") }, { "sent", N_("Sent") },
};

const char *
page_status_label(const char *status)
{
	size_t i;

	for (i = 0; status != NULL && i < sizeof(status_labels) / sizeof(status_labels[0]); i++)
		if (strcmp(status, status_labels[i][0]) == 0)
			return _(status_labels[i][1]);
	return status;
}

/* What a booking's payment is, said plainly: nothing to pay, not paid
 * yet, paid, refunded. */
static const char *
payment_label(const struct booking *b)
{
	if (b->price == 0 && b->paid_amount == 0 && b->refund_amount == 0)
		return _("No charge");
	if (strcmp(b->payment_status, "pending") == 0)
		return b->state == BOOKING_PENDING ? _("Due") : _("Not paid");
	return page_status_label(b->payment_status);
}

void
page_room(struct req *r, struct tmpl *t, const struct room *room)
{
	tmpl_set_int(t, "ID", room->id);
	tmpl_set(t, "NAME", room->name);
	tmpl_set(t, "DESCRIPTION", room->description);
	tmpl_set(t, "TYPE", room->room_type);
	tmpl_set(t, "TYPE_LABEL", room_type_label(room->room_type));
	tmpl_set_int(t, "CAPACITY", room->capacity);
	tmpl_set(t, "RATE", money_show(r->arena, room->hourly_rate));
}

void
page_event(struct req *r, struct tmpl *t, const struct event *e)
{
	tmpl_set_int(t, "ID", e->id);
	tmpl_set(t, "TITLE", e->title);
	tmpl_set(t, "KIND", page_event_kind_label(e->kind));
	tmpl_set(t, "DESCRIPTION", e->description);
	tmpl_set_int(t, "UPCOMING", e->upcoming);
	if (e->next_start != NULL)
		tmpl_set(tmpl_section(t, "NEXT"), "NEXT_START",
		    fmt_local(r->arena, e->next_start, FMT_WHEN));
}

void
page_rooms(struct req *r, struct tmpl *t, const struct room *rooms, int n,
    int marked)
{
	struct tmpl *row;
	int i;

	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "ROOM");
		page_room(r, row, &rooms[i]);
		if (marked)
			tmpl_show(row, rooms[i].is_active ? "ACTIVE" : "INACTIVE");
	}
	if (n == 0)
		tmpl_show(t, "NO_ROOMS");
}

void
page_events(struct req *r, struct tmpl *t, const struct event *events, int n)
{
	int i;

	for (i = 0; i < n; i++)
		page_event(r, tmpl_section(t, "EVENT"), &events[i]);
	if (n == 0)
		tmpl_show(t, "NO_EVENTS");
}

void
page_pager(struct tmpl *t, long long page, int more)
{
	if (page > 1)
		tmpl_set_int(tmpl_section(t, "PREV_PAGE"), "PAGE", page - 1);
	if (more)
		tmpl_set_int(tmpl_section(t, "NEXT_PAGE"), "PAGE", page + 1);
}

void
page_option(struct tmpl *t, const char *section, const char *value,
    const char *label, const char *current)
{
	struct tmpl *o = tmpl_section(t, section);

	tmpl_set(o, "VALUE", value);
	tmpl_set(o, "LABEL", label);
	if (current != NULL && strcmp(value, current) == 0)
		tmpl_show(o, "SELECTED");
}

void
page_booking_row(struct req *r, struct tmpl *t, const struct booking *b)
{
	tmpl_set_int(t, "ID", b->id);
	tmpl_set(t, "ROOM_NAME", b->room_name);
	when(r, t, b->start, b->end, NULL);
	tmpl_set(t, "SHORT_DATE", fmt_local(r->arena, b->start, FMT_DATE_SHORT));
	tmpl_set(t, "STATUS", b->status);
	tmpl_set(t, "STATUS_LABEL", b->awaiting ? _("Awaiting approval") :
	    page_status_label(b->status));
	tmpl_set(t, "PAYMENT_LABEL", payment_label(b));
	tmpl_set(t, "PRICE", b->price ? money_show(r->arena, b->price) : _("No charge"));
	tmpl_set(t, "USER_NAME", b->user_name);
	tmpl_set(t, "USER_EMAIL", b->user_email);
	if (b->event_title != NULL) {
		struct tmpl *e = tmpl_section(t, "EVENT");

		tmpl_set_int(e, "EVENT_ID", b->event_id);
		tmpl_set(e, "EVENT_TITLE", b->event_title);
	}
}

void
page_booking(struct req *r, struct tmpl *t, const struct booking *b)
{
	page_booking_row(r, t, b);
	tmpl_set_int(t, "SLOT_ID", b->timeslot_id);
	tmpl_set_int(t, "ROOM_ID", b->room_id);
	tmpl_set(t, "DATE", fmt_local(r->arena, b->start, FMT_DATE_LONG));
	tmpl_set(t, "PAYMENT_STATUS", b->payment_status);
	page_price_parts(r, t, b->base_price, b->discount_amount, b->tax_amount, b->price);
}

#define QR_QUIET	4	/* modules of white around the code */

/*
 * The QR code of text as SVG path data, one "M x y h n v1 h -n z" per run
 * of dark modules: only digits and letters, so the template can place it
 * in an attribute and escape it like any value (two-factor enrolment's
 * key, a booking's ticket).
 */
int
page_qr(struct req *r, const char *text, const char **path, int *size)
{
	struct buf b;
	QRcode *qr;
	int x, y, run;

	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return ERR;
	buf_init(&b, r->arena);
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x += run ? run : 1) {
			for (run = 0; x + run < qr->width &&
			    (qr->data[y * qr->width + x + run] & 1); run++)
				;
			if (run > 0)
				buf_printf(&b, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET,
				    run, run);
		}
	*size = qr->width + 2 * QR_QUIET;
	QRcode_free(qr);
	*path = buf_cstr(&b);
	return OK;
}

int
page_ticket(struct req *r, struct tmpl *t, const struct booking *b)
{
	const char *code = booking_ticket(b), *path;
	struct tmpl *s;
	int size;

	if (code == NULL)
		return OK;
	if (page_qr(r, code, &path, &size) != OK)
		return ERR;
	s = tmpl_include(t, "TICKET", "ticket.tpl");
	tmpl_set(s, "TICKET_CODE", code);
	tmpl_set(s, "QR_PATH", path);
	tmpl_set_int(s, "QR_SIZE", size);
	return OK;
}

/* In the order of the booking_events.type ENUM. */
const char *const page_event_types[] = {
	"created", "confirmed", "cancelled", "reactivated", "rescheduled",
	"checked_in", "checked_out", "completed", "no_show", "reviewed", "review_hidden",
	"approved", "declined", NULL
};
static const char *const event_labels[] = {
	N_("Booked"), N_("Confirmed"), N_("Cancelled"), N_("Reactivated"), N_("Rescheduled"),
	N_("Checked in"), N_("Checked out"), N_("Completed"), N_("No-show"), N_("Reviewed"),
	N_("Review hidden"), N_("Approved"), N_("Declined"),
};

const char *
page_event_label(const char *type)
{
	int i;

	for (i = 0; page_event_types[i] != NULL; i++)
		if (strcmp(type, page_event_types[i]) == 0)
			return _(event_labels[i]);
	return type;
}

void
page_history(struct req *r, struct tmpl *t, const struct booking_event *h, int n)
{
	struct tmpl *row;
	int i;

	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "HISTORY");
		tmpl_set(row, "WHAT", page_event_label(h[i].type));
		tmpl_set(row, "WHO", h[i].actor_name);
		tmpl_set(row, "TO", page_status_label(h[i].new_status));
		tmpl_set(row, "WHEN", fmt_local(r->arena, h[i].created_at, FMT_WHEN));
	}
}

int
page_flag_on(struct form *f, const char *field)
{
	int on = 0;

	return form_flag(f, field, &on) && on;
}

const char *
page_price_net(struct req *r, long long cents, int taxed)
{
	if (!taxed || cents == 0 || cfg.tax_bp == 0 || cfg.prices_include_tax)
		return money_show(r->arena, cents);
	/* TRANSLATORS: a price the tax is still to be added to */
	return arena_printf(r->arena, _("%s + tax"), money_show(r->arena, cents));
}

void
page_discount_field(struct req *r, struct tmpl *t, int refused)
{
	tmpl_set(t, "DISCOUNT_CODE", kv_get(&r->params, "discount_code"));
	if (refused >= DISCOUNT_UNKNOWN && refused <= DISCOUNT_NOT_APPLICABLE)
		tmpl_set(tmpl_section(t, "DISCOUNT_ERROR"), "MESSAGE", result_message(refused));
}

const char *
page_tax_rate(struct req *r)
{
	if (cfg.tax_bp % 100 == 0)
		return arena_printf(r->arena, "%d\xc2\xa0%%", cfg.tax_bp / 100);
	/* TRANSLATORS: the decimal mark of amounts */
	return arena_printf(r->arena, cfg.tax_bp % 10 == 0 ? "%d%s%d\xc2\xa0%%" :
	    "%d%s%02d\xc2\xa0%%", cfg.tax_bp / 100, C_("decimal mark", "."),
	    cfg.tax_bp % 10 == 0 ? cfg.tax_bp % 100 / 10 : cfg.tax_bp % 100);
}

void
page_price_parts(struct req *r, struct tmpl *t, long long base, long long discount,
    long long tax, long long total)
{
	tmpl_set(t, "BASE_PRICE", money_show(r->arena, base));
	tmpl_set(t, "TOTAL_PRICE", money_show(r->arena, total));
	if (discount > 0)
		tmpl_set(tmpl_section(t, "DISCOUNTED"), "DISCOUNT_AMOUNT",
		    money_show(r->arena, discount));
	if (tax > 0) {
		struct tmpl *x = tmpl_section(t, "TAXED");

		tmpl_set(x, "TAX_AMOUNT", money_show(r->arena, tax));
		tmpl_set(x, "TAX_RATE", page_tax_rate(r));
		tmpl_show(x, cfg.prices_include_tax ? "INCLUDED" : "EXCLUDED");
	}
}

struct tmpl *
page_admin_begin(struct req *r, const char *file, const char *title)
{
	/* Timeslots are reached from their room, so they count as Rooms. */
	static const char *const parts[][2] = {
		{ "/admin/rooms", "AT_ROOMS" }, { "/admin/timeslots", "AT_ROOMS" },
		{ "/admin/events", "AT_EVENTS" }, { "/admin/bookings", "AT_BOOKINGS" },
		{ "/admin/audit", "AT_AUDIT" }, { "/admin/users", "AT_USERS" },
		{ "/admin/quotas", "AT_QUOTAS" }, { "/admin/packages", "AT_PACKAGES" },
		{ "/admin/mail", "AT_MAIL" }, { "/admin/calendar", "AT_CALENDAR" },
		{ "/admin/reports", "AT_REPORTS" }, { "/admin/checkin", "AT_CHECKIN" },
	};
	struct tmpl *t = page_begin(r, file, title), *nav;
	const char *section = "AT_OVERVIEW", *current = "page";
	size_t i, len;

	nav = tmpl_include(t, "ADMIN_NAV", "admin_nav.tpl");
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		len = strlen(parts[i][0]);
		if (strncmp(r->path, parts[i][0], len) == 0 && (r->path[len] == '\0' ||
		    r->path[len] == '/' || r->path[len] == '.')) {
			section = parts[i][1];
			/* A page inside the section, not its list. */
			current = r->path[len] == '\0' ? "page" : "true";
			break;
		}
	}
	tmpl_set(tmpl_section(nav, section), "CURRENT", current);
	return t;
}

const char *
page_back(struct req *r, const char *def, const char *flash)
{
	const char *back = kv_get(&r->params, "back"), *hash;

	if (back == NULL || !local_path(back))
		back = def;
	if (flash == NULL)
		return back;
	/* The flash goes into the query, before any #fragment. */
	hash = strchr(back, '#');
	if (hash == NULL)
		hash = back + strlen(back);
	return arena_printf(r->arena, "%.*s%c%s%s", (int)(hash - back), back,
	    memchr(back, '?', (size_t)(hash - back)) ? '&' : '?', flash, hash);
}

void
page_done(struct req *r, struct tmpl *t, const char *const (*messages)[2])
{
	const char *done = kv_get(&r->params, "done");
	int i;

	for (i = 0; done != NULL && messages[i][0] != NULL; i++)
		if (strcmp(done, messages[i][0]) == 0)
			tmpl_set(tmpl_section(t, "DONE"), "MESSAGE", _(messages[i][1]));
}

int
page_admin_refused(int rc)
{
	if (rc == CONFLICT || rc == OVERLAPS)
		return 409;
	if (rc == INVALID)
		return 400;
	return 0;
}

int
page_admin_new(struct req *r, const struct page_admin_form *d)
{
	struct form f;

	form_init(&f, r);
	return d->page(r, NULL, &f, 200);
}

int
page_admin_edit(struct req *r, const struct page_admin_form *d)
{
	void *thing = arena_alloc(r->arena, d->size);
	struct form f;
	long long id;

	if (d->load(r, &id, thing) != OK)
		return ERR;
	form_init(&f, r);
	return d->page(r, thing, &f, 200);
}

static int
admin_save(struct req *r, const struct page_admin_form *d, void *thing, long long id)
{
	struct form f;
	int rc, status;

	form_init(&f, r);
	if ((rc = d->save(r, &f, &id)) == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, d->what, id);
	if ((status = page_admin_refused(rc)) != 0)
		return d->page(r, thing, &f, status);
	if (thing == NULL)
		return reply_redirect(r, arena_printf(r->arena, "%s/%lld?done=created",
		    d->path, id));
	return reply_redirect(r, page_back(r, arena_printf(r->arena, "%s/%lld", d->path, id),
	    arena_printf(r->arena, "done=%s", d->saved)));
}

int
page_admin_create(struct req *r, const struct page_admin_form *d)
{
	return admin_save(r, d, NULL, 0);
}

int
page_admin_update(struct req *r, const struct page_admin_form *d)
{
	void *thing = arena_alloc(r->arena, d->size);
	long long id;

	if (d->load(r, &id, thing) != OK)
		return ERR;
	return admin_save(r, d, thing, id);
}

int
page_room_options(struct req *r, struct tmpl *t, const char *section,
    const char *current)
{
	struct admin_names names;
	int i;

	if (admin_filter_names(r->db, r->arena, &names) != OK)
		return ERR;
	for (i = 0; i < names.nrooms; i++)
		page_room_option(r, t, section, names.rooms[i].id, names.rooms[i].name,
		    names.rooms[i].active, current);
	return OK;
}

void
page_room_option(struct req *r, struct tmpl *t, const char *section, long long id,
    const char *name, int active, const char *current)
{
	page_option(t, section, arena_printf(r->arena, "%lld", id), active ? name :
	    arena_printf(r->arena, "%s (inactive)", name), current);
}

const char *
page_locked(struct req *r, long long wait)
{
	reply_header(r, "Retry-After: %lld", wait);
	return arena_printf(r->arena, _("Too many failed attempts from this address. "
	    "Try again in %lld minutes."), (wait + 59) / 60);
}

const char *
page_query(struct req *r, const char *const *keys)
{
	struct buf b;
	const char *v;
	int i;

	buf_init(&b, r->arena);
	for (i = 0; keys[i] != NULL; i++)
		if ((v = kv_get(&r->params, keys[i])) != NULL && *v != '\0')
			buf_printf(&b, "%s%s=%s", b.len ? "&" : "", keys[i],
			    url_encode(r->arena, v));
	return buf_cstr(&b);
}

/* A spreadsheet runs a cell starting with one of these as a formula. */
static int
formula_char(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

/*
 * One CSV cell (RFC 4180). Text is always quoted, so no separator in it
 * splits it for a reader that honours quotes. A reader that splits on ";"
 * or a tab, or ignores quotes, starts a cell after each of ",;\t\r\n"
 * as well: wherever a cell can start, a formula character or a quote
 * gets an apostrophe before it, so that no reader runs it.
 */
void
page_csv_cell(struct buf *b, const char *v, int text, int last)
{
	static const char cell_starts[] = ",;\t\r\n";
	const char *p;
	size_t n;
	int start = 1;

	if (v == NULL)
		v = "";
	if (text)
		buf_add(b, "\"", 1);
	for (p = v; *p; p += n) {
		if (start && (formula_char(*p) || (*p == '"' && p != v)))
			buf_add(b, "'", 1);
		if (*p == '"')
			buf_add(b, "\"", 1);
		/* After a character that starts a cell, the next one is looked
		 * at alone; otherwise it goes out with those after it that are
		 * neither a quote nor start a cell (a million rows' worth). */
		start = strchr(cell_starts, *p) != NULL;
		n = start ? 1 : 1 + strcspn(p + 1, "\"" ",;\t\r\n");
		buf_add(b, p, n);
	}
	if (text)
		buf_add(b, "\"", 1);
	buf_puts(b, last ? "\r\n" : ",");
}

const char *
page_pay_url(struct req *r, const char *what, long long id, long long amount)
{
	return arena_printf(r->arena, "%s%c%s=%lld&amount=%lld", cfg.payment_url,
	    strchr(cfg.payment_url, '?') ? '&' : '?', what, id, amount);
}
