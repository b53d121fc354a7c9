/* http/input.c: the domain's input structs read from a request's fields,
 * the same names in HTML forms, JSON bodies and bookingctl's options */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/account.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/guest.h"
#include "domain/packages.h"
#include "domain/prices.h"
#include "domain/quota.h"
#include "domain/rentals.h"
#include "domain/series.h"
#include "domain/slotgen.h"
#include "http/form.h"
#include "http/input.h"


/* A text of several lines an edit may clear: "" when sent empty, NULL
 * when not sent. */
static const char *
clearable(struct form *f, const char *field, const char *label, size_t maxlen)
{
	const char *v;

	if (!form_sent(f, field))
		return NULL;
	v = form_lines(f, field, label, maxlen, 0);
	return v ? v : "";
}

/* A rate a room may go without: -1 when not sent, RATE_NONE when sent
 * empty (not rented that way), else the amount. */
static void
rate(struct form *f, const char *field, const char *label, long long *cents)
{
	*cents = -1;
	if (!form_sent(f, field))
		return;
	if (!form_money(f, field, label, 0, cents) && field_error_of(&f->errors,
	    field) == NULL)
		*cents = RATE_NONE;
}

void
input_room(struct form *f, int creating, struct room_input *in)
{
	memset(in, 0, sizeof(*in));
	in->capacity = in->hourly_rate = -1;
	in->is_active = in->requires_approval = in->allow_guests = -1;
	if (creating || form_sent(f, "name"))
		in->name = form_text(f, "name", "Name", NAME_MAX_CHARS, 1);
	in->description = clearable(f, "description", _("Description"), DESCRIPTION_MAX);
	if (creating || form_sent(f, "roomType"))
		form_enum(f, "roomType", "Type", room_types, 1, &in->room_type);
	if (creating || form_sent(f, "capacity"))
		form_int(f, "capacity", "Capacity", 1, SEATS_MAX, 1, &in->capacity);
	if (creating || form_sent(f, "hourlyRate"))
		form_money(f, "hourlyRate", "Hourly rate", 1, &in->hourly_rate);
	rate(f, "dailyRate", N_("Daily rate"), &in->daily_rate);
	rate(f, "monthlyRate", N_("Monthly rate"), &in->monthly_rate);
	in->metadata = clearable(f, "metadata", _("Metadata"), 20000);
	form_flag(f, "isActive", &in->is_active);
	form_flag(f, "requiresApproval", &in->requires_approval);
	in->tax_free = -1;
	form_flag(f, "taxFree", &in->tax_free);
	form_flag(f, "allowGuests", &in->allow_guests);
}

void
input_guest(struct form *f, struct guest_input *in)
{
	in->name = form_text(f, "name", "Name", NAME_MAX_CHARS, 1);
	in->email = form_text(f, "email", "Email", EMAIL_MAX, 1);
	in->phone = form_text(f, "phone", "Phone", GUEST_PHONE_MAX, 0);
	if (in->phone != NULL && *in->phone == '\0')
		in->phone = NULL;
}

void
input_sms(struct form *f, int page, struct sms_input *in)
{
	in->phone = NULL;
	in->sms_reminders = -1;
	if (form_sent(f, "phone")) {
		in->phone = form_text(f, "phone", "Phone", PHONE_MAX, 0);
		if (in->phone == NULL)
			in->phone = "";
	}
	/* An unticked box is not sent: on the page that means off. */
	if (!form_flag(f, "smsReminders", &in->sms_reminders) && page)
		in->sms_reminders = 0;
}

/* A moment an edit may clear: "" when sent empty, NULL when not sent. */
static const char *
clearable_time(struct form *f, const char *field, const char *label)
{
	char *out;

	if (!form_sent(f, field))
		return NULL;
	out = arena_calloc(f->arena, 20, 1);
	form_datetime(f, field, label, 0, out);
	return out;
}

/* A number an edit may clear: -1 when sent empty, -2 when not sent. */
static long long
clearable_int(struct form *f, const char *field, const char *label, long long min,
    long long max)
{
	long long v = -1;

	if (!form_sent(f, field))
		return -2;
	form_int(f, field, label, min, max, 0, &v);
	return v;
}

void
input_discount(struct form *f, int creating, struct discount_input *in)
{
	long long percent = -1;
	const char *c;

	memset(in, 0, sizeof(*in));
	in->amount_off = -1;
	in->once_per_customer = -1;
	if (creating || form_sent(f, "code")) {
		in->code = form_text(f, "code", "Code", DISCOUNT_CODE_MAX, 1);
		for (c = in->code; c != NULL && *c != '\0'; c++)
			if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789-_", *c) == NULL) {
				form_error(f, "code", "Code takes letters, digits, - and _ only.");
				break;
			}
	}
	form_int(f, "percent", "Percent", 1, 100, 0, &percent);
	in->percent = (int)percent;
	form_money(f, "amountOff", "Amount off", 0, &in->amount_off);
	in->valid_from = clearable_time(f, "validFrom", N_("Valid from"));
	in->valid_until = clearable_time(f, "validUntil", N_("Valid until"));
	in->room_id = clearable_int(f, "roomId", N_("Room"), 1, ID_MAX);
	in->event_id = clearable_int(f, "eventId", N_("Event"), 1, ID_MAX);
	in->max_uses = clearable_int(f, "maxUses", N_("Uses"), 1, 1000000000);
	form_flag(f, "oncePerCustomer", &in->once_per_customer);
	if (creating && in->once_per_customer < 0)
		in->once_per_customer = 0;
}

void
input_event(struct form *f, int creating, struct event_input *in)
{
	memset(in, 0, sizeof(*in));
	if (creating || form_sent(f, "title"))
		in->title = form_text(f, "title", "Title", TITLE_MAX, 1);
	in->description = clearable(f, "description", _("Description"), DESCRIPTION_MAX);
	if (creating || form_sent(f, "kind"))
		form_enum(f, "kind", "Kind", admin_event_kinds, 1, &in->kind);
	in->course_price = in->room_id = in->session_minutes = -1;
	form_money(f, "coursePrice", "Course price", 0, &in->course_price);
	form_int(f, "appointmentRoomId", "Appointments' room", 0, ID_MAX, 0, &in->room_id);
	form_int(f, "sessionMinutes", "Appointment length", 0, 24 * 60, 0,
	    &in->session_minutes);
	in->tax_free = -1;
	form_flag(f, "taxFree", &in->tax_free);
}

void
input_slot(struct form *f, int creating, struct slot_input *in)
{
	memset(in, 0, sizeof(*in));
	in->price = in->capacity = in->sequence_no = -1;
	if (creating)
		form_int(f, "roomId", "Room", 1, ID_MAX, 1, &in->room_id);
	form_datetime(f, "startTime", "Start", creating, in->start);
	form_datetime(f, "endTime", "End", creating, in->end);
	form_int(f, "eventId", "Event", 0, ID_MAX, 0, &in->event_id);
	form_money(f, "price", "Price", 0, &in->price);
	form_int(f, "maxBookings", "Capacity", 1, SEATS_MAX, 0, &in->capacity);
	form_int(f, "sequenceNo", "Session number", 1, 10000, 0, &in->sequence_no);
	form_enum(f, "status", "Status", slot_statuses, 0, &in->status);
}

static int
add_weekday(void *ctx, const char *item)
{
	static const char *const names[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
	int *mask = ctx, i;

	if (item == NULL)
		return -1;
	for (i = 0; i < 7; i++)
		if (strncasecmp(item, names[i], 3) == 0 && strlen(item) >= 3) {
			*mask |= 1 << i;
			return 0;
		}
	/* ISO numbers: 1 = Monday ... 7 = Sunday. */
	if (strlen(item) == 1 && item[0] >= '1' && item[0] <= '7') {
		*mask |= 1 << ((item[0] - '0') % 7);
		return 0;
	}
	return -1;
}

static int
add_excluded(void *ctx, const char *item)
{
	struct slotgen *g = ctx;
	struct tm tm;

	if (item == NULL || date_parse(item, &tm) != 0 || g->nexcluded == SLOTGEN_MAX_EXCLUDED)
		return -1;
	snprintf(g->excluded[g->nexcluded++], 11, "%s", item);
	return 0;
}

void
input_slotgen(struct form *f, struct slotgen *g)
{
	char msg[80];
	long long length;

	slotgen_init(g);
	form_int(f, "roomId", "Room", 1, ID_MAX, 1, &g->room_id);
	form_date(f, "from", "First day", 1, g->from);
	form_date(f, "to", "Last day", 1, g->to);
	form_time(f, "dayStart", "Start of the working day", 0, &g->day_start);
	form_time(f, "dayEnd", "End of the working day", 0, &g->day_end);
	length = g->length;
	form_int(f, "length", "Slot length", 5, 24 * 60, 0, &length);
	g->length = (int)length;
	form_list(f, "weekdays", add_weekday, &g->weekdays,
	    "Weekdays must be names like mon, tue or numbers 1 (Monday) to 7.");
	snprintf(msg, sizeof(msg), "Excluded dates must be dates as YYYY-MM-DD (at most %d).",
	    SLOTGEN_MAX_EXCLUDED);
	form_list(f, "excludedDates", add_excluded, g, msg);
	form_money(f, "price", "Price", 0, &g->price);
	form_int(f, "capacity", "Capacity per slot", 1, SEATS_MAX, 0, &g->capacity);
}

void
input_account(struct form *f, struct account_input *in)
{
	in->name = form_text(f, "name", "Name", NAME_MAX_CHARS, 1);
	in->email = form_text(f, "email", "Email", EMAIL_MAX, 1);
	in->password = form_raw(f, "password", "Password", PASSWORD_FIELD_MAX);
}

int
input_register(struct req *r, struct form *f, struct account_input *in)
{
	form_init(f, r);
	input_account(f, in);
	return account_register(r->db, &r->actor, in, &f->errors);
}

int
input_admin_filter(struct req *r, struct admin_filter *f, long long def_limit,
    long long max_limit)
{
	static const char *const sorts[] = { "start", "created", NULL };
	const char *sort;
	char ignore[20];

	memset(f, 0, sizeof(*f));
	if (req_enum_opt(r, "status", admin_status_filters, &f->status) != OK ||
	    req_enum_opt(r, "paymentStatus", admin_payment_statuses, &f->payment_status) != OK ||
	    req_int_opt(r, "roomId", 1, ID_MAX, 0, &f->room_id) != OK ||
	    req_int_opt(r, "eventId", 1, ID_MAX, 0, &f->event_id) != OK ||
	    req_str_opt(r, "email", EMAIL_MAX, NULL, &f->email) != OK ||
	    req_date_opt(r, "from", NULL, &f->from_date) != OK ||
	    req_date_opt(r, "to", NULL, &f->to_date) != OK ||
	    req_enum_opt(r, "sort", sorts, &sort) != OK ||
	    input_cursor(r, &f->cursor) != OK ||
	    req_int_opt(r, "limit", 1, max_limit, def_limit, &f->limit) != OK)
		return ERR;
	if (f->from_date != NULL)
		day_bounds_utc(f->from_date, f->from, ignore);
	if (f->to_date != NULL)
		day_bounds_utc(f->to_date, ignore, f->to);
	f->by_created = sort != NULL && strcmp(sort, "created") == 0;
	return OK;
}

int
input_cursor(struct req *r, struct list_cursor *c)
{
	const char *v;

	if (req_str_opt(r, "cursor", 40, NULL, &v) != OK)
		return ERR;
	if (v != NULL && booking_cursor_parse(v, c) != 0)
		return reply_error(r, 400, "invalid_field",
		    "cursor: not a position this list gave; start from its first page.");
	if (v == NULL)
		memset(c, 0, sizeof(*c));
	return OK;
}

int
input_room_filter(struct req *r, const char *min_capacity, long long max_limit,
    struct room_filter *f, long long *page)
{
	if (req_enum_opt(r, "type", room_types, &f->type) != OK ||
	    req_int_opt(r, min_capacity, 0, SEATS_MAX, 0, &f->min_capacity) != OK ||
	    req_int_opt(r, "page", 1, PAGE_MAX, 1, page) != OK ||
	    (max_limit > 0 &&
	    req_int_opt(r, "limit", 1, max_limit, f->limit, &f->limit) != OK))
		return ERR;
	f->offset = (*page - 1) * f->limit;
	return OK;
}

void
input_quota(struct form *f, const char *prefix, struct quota *q)
{
	static const struct {
		const char	*field;
		const char	*label;
		size_t		 off;
	} limits[] = {
		{ "maxActive", N_("Active bookings"), offsetof(struct quota, max_active) },
		{ "maxHolds", N_("Unpaid holds"), offsetof(struct quota, max_holds) },
		{ "maxHoursWeek", N_("Hours a week"), offsetof(struct quota, max_hours_week) },
	};
	size_t i;

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		long long *v = (long long *)((char *)q + limits[i].off);

		*v = -1;
		form_int(f, arena_printf(f->arena, "%s%s", prefix, limits[i].field),
		    limits[i].label, 0, COUNT_MAX, 0, v);
	}
}

void
input_series(struct form *f, struct series_input *in)
{
	char until[11];
	long long id;

	memset(in, 0, sizeof(*in));
	if (form_int(f, "timeslotId", "Timeslot", 1, 4294967295LL, 1, &id))
		in->timeslot_id = id;
	form_enum(f, "every", "Repeat every", series_everies, 1, &in->every);
	form_int(f, "count", "How many times", 1, 1000000, 0, &in->count);
	if (form_date(f, "until", "Until", 0, until))
		in->until = arena_strdup(f->arena, until);
	form_flag(f, "allOrNothing", &in->all_or_nothing);
}

void
input_package(struct form *f, struct package_input *in)
{
	in->name = form_text(f, "name", "Name", NAME_MAX_CHARS, 1);
	in->kind = "package";
	in->price = -1;
	in->expiry_days = 90;
	form_enum(f, "kind", "Kind", package_kinds, 0, &in->kind);
	form_money(f, "price", "Price", 1, &in->price);
	form_int(f, "expiryDays", "Expiry in days", 1, 3650, 0, &in->expiry_days);
}

int
input_rental(struct req *r, const char *room, struct rental *rt)
{
	char first[11];

	if (req_id(r, room, &rt->room_id) != OK)
		return ERR;
	if (rt->span == RENTAL_DAY) {
		if (req_date_opt(r, "date", NULL, &rt->when) != OK)
			return ERR;
		if (rt->when == NULL)
			return reply_error(r, 400, "invalid_field",
			    "date: expected a date as YYYY-MM-DD.");
		return OK;
	}
	if (req_str_opt(r, "month", 20, "", &rt->when) != OK)
		return ERR;
	if (month_parse(rt->when, first) != 0)
		return reply_error(r, 400, "invalid_field", "month: expected a month as YYYY-MM."
		    " Dates run from %d to %d.", DATE_YEAR_MIN, DATE_YEAR_MAX);
	return OK;
}
