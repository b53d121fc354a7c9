/* pages/series.c: recurring bookings: the dates of a repeated room slot
 * before booking them, the series booked and its cancellation */
#include <string.h>
#include <time.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/series.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *const series_done[][2] = {
	{ "booked", N_("The free dates are booked.") },
	{ "cancelled", N_("The series' bookings still to come are cancelled.") },
	{ NULL, NULL },
};

static const char *const outcome_labels[SERIES_OUTCOMES] = {
	[SERIES_AVAILABLE] = N_("Available"),
	[SERIES_BOOKED] = N_("Booked"),
	[SERIES_TAKEN] = N_("Taken"),
	[SERIES_MISSING] = N_("No timeslot"),
	[SERIES_OVERLAPS] = N_("Overlaps another session"),
	[SERIES_QUOTA] = N_("Over a limit"),
	[SERIES_CANCELLED] = N_("Cancelled"),
};

/* The series' dates as DATE sections; how many are available or booked. */
static int
series_rows(struct req *r, struct tmpl *t, const struct series *s)
{
	const struct series_date *d;
	struct tmpl *row;
	int i, free = 0;

	for (i = 0; i < s->n; i++) {
		d = &s->dates[i];
		row = tmpl_section(t, "DAY_ROW");
		tmpl_set(row, "DAY", fmt_local(r->arena, d->start, FMT_DATE_SHORT));
		tmpl_set(row, "ISO_DAY", fmt_local(r->arena, d->start, "%Y-%m-%d"));
		tmpl_set(row, "START", fmt_local(r->arena, d->start, FMT_TIME));
		tmpl_set(row, "END", fmt_local(r->arena, d->end, FMT_TIME));
		tmpl_set(row, "OUTCOME", series_outcomes[d->outcome]);
		tmpl_set(row, "OUTCOME_LABEL", _(outcome_labels[d->outcome]));
		tmpl_set(row, "WHY", d->why);
		if (d->booking_id != 0)
			tmpl_set_int(tmpl_section(row, "BOOKING"), "BOOKING_ID", d->booking_id);
		else if (d->timeslot_id != 0)
			tmpl_set_int(tmpl_section(row, "SLOT"), "SLOT_ID", d->timeslot_id);
		free += d->outcome == SERIES_AVAILABLE || d->outcome == SERIES_BOOKED;
	}
	return free;
}

/* The repeat form for the first timeslot, with what was typed and its
 * problems; with a preview (s not NULL), its dates and the button that
 * books them. refused: why booking them was refused. */
static int
repeat_page(struct req *r, struct form *f, const struct series_input *in,
    const struct series *s, int refused, int status)
{
	static const char *const fields[] = { "count", "until", NULL };
	struct slot first;
	struct tmpl *t, *book;
	int rc, free;

	if ((rc = slot_get(r->db, r->arena, in->timeslot_id, 0, &first)) == NOT_FOUND)
		return reply_not_found(r, "timeslot", in->timeslot_id);
	if (rc != OK)
		return ERR;
	t = page_begin(r, "repeat.tpl", arena_printf(r->arena, _("Repeat %s, %s"),
	    first.room_name, fmt_local(r->arena, first.start, FMT_WHEN)));
	page_slot(r, t, &first);
	form_fill(f, t, fields);
	page_option(t, "EVERY", "week", _("Every week"), in->every ? in->every : "week");
	page_option(t, "EVERY", "2weeks", _("Every 2 weeks"), in->every);
	if (in->all_or_nothing)
		tmpl_show(t, "ALL_CHECKED");
	tmpl_set_int(t, "COUNT_MAX", SERIES_COUNT_MAX);
	if (refused != OK)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE", result_message(refused));
	if (s == NULL)
		return page_end(r, status);
	tmpl_show(t, "PREVIEW");
	free = series_rows(r, t, s);
	if (free == 0 || (in->all_or_nothing && free < s->n)) {
		tmpl_set(tmpl_section(t, "NOT_BOOKABLE"), "MESSAGE", free == 0 ?
		    result_message(SERIES_EMPTY) : _("Not every date is free, and you asked"
		    " for all or nothing: untick it to book the free ones."));
		return page_end(r, status);
	}
	book = tmpl_section(t, "BOOK");
	tmpl_set_int(book, "SLOT_ID", first.id);
	tmpl_set(book, "EVERY", s->every);
	if (in->count > 0)
		tmpl_set_int(tmpl_section(book, "BY_COUNT"), "COUNT", in->count);
	else
		tmpl_set(tmpl_section(book, "BY_UNTIL"), "UNTIL", in->until);
	if (in->all_or_nothing)
		tmpl_show(book, "ALL");
	tmpl_set(book, "BOOK_LABEL", arena_printf(r->arena, _("Book %s"),
	    page_plural(r, free, "%lld date", "%lld dates")));
	return page_end(r, status);
}

/* GET /timeslots/{id}/repeat: the form, and with every sent, the dates
 * as they are now. */
int
series_repeat_show(struct req *r)
{
	struct series_input in;
	struct series s;
	struct form f;
	long long id;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	memset(&s, 0, sizeof(s));
	form_init(&f, r);
	form_default(&f, "timeslotId", arena_printf(r->arena, "%lld", id));
	if (!form_sent(&f, "every")) {
		memset(&in, 0, sizeof(in));
		in.timeslot_id = id;
		return repeat_page(r, &f, &in, NULL, OK, 200);
	}
	input_series(&f, &in);
	in.timeslot_id = id;
	if (!form_ok(&f))
		return repeat_page(r, &f, &in, NULL, OK, 400);
	rc = series_preview(r->db, r->arena, &r->actor, &in, &f.errors, &s);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", id);
	if (rc != OK)
		return repeat_page(r, &f, &in, NULL, OK, reply_result_status(rc));
	return repeat_page(r, &f, &in, &s, OK, 200);
}

/* POST /bookings/recurring */
int
series_book_submit(struct req *r)
{
	struct series_input in;
	struct series s;
	struct form f;
	int rc;

	memset(&s, 0, sizeof(s));
	form_init(&f, r);
	input_series(&f, &in);
	if (in.timeslot_id == 0)
		return reply_error(r, 400, "invalid_field", "timeslotId: %s",
		    field_error_of(&f.errors, "timeslotId"));
	if (!form_ok(&f))
		return repeat_page(r, &f, &in, NULL, OK, 400);
	rc = series_book(r->db, r->arena, &r->actor, &in, &f.errors, &s);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", in.timeslot_id);
	if (rc == SERIES_EMPTY || rc == SERIES_INCOMPLETE)
		return repeat_page(r, &f, &in, &s, rc, 409);
	if (rc != OK)
		return repeat_page(r, &f, &in, NULL, rc, reply_result_status(rc));
	return reply_redirect(r, arena_printf(r->arena, "/series/%lld?done=booked", s.id));
}

static int
series_page(struct req *r, const struct series *s, int refused, int status)
{
	const struct series_date *d;
	struct tmpl *t, *cancel;
	struct booking b;
	time_t now = time(NULL);
	int i, rc, left = 0;

	t = page_begin(r, "series.tpl", arena_printf(r->arena, "%s, %s", s->room_name,
	    strcmp(s->every, "2weeks") == 0 ? _("every 2 weeks") : _("every week")));
	tmpl_set_int(t, "SERIES_ID", s->id);
	tmpl_set_int(t, "ORDER_ID", s->order_id);
	tmpl_set(t, "ROOM_NAME", s->room_name);
	tmpl_set(t, "EVERY_LABEL", strcmp(s->every, "2weeks") == 0 ? _("Every 2 weeks") :
	    _("Every week"));
	page_done(r, t, series_done);
	if (refused != OK)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE", result_message(refused));
	series_rows(r, t, s);
	cancel = NULL;
	for (i = 0; i < s->n; i++) {
		d = &s->dates[i];
		if (d->booking_id == 0 || d->outcome != SERIES_BOOKED)
			continue;
		if ((rc = booking_get(r->db, r->arena, d->booking_id, &r->actor, &b)) == ERR)
			return ERR;
		if (rc != OK || !booking_to_come(&b, &r->actor, now))
			continue;
		if (cancel == NULL)
			cancel = tmpl_section(t, "CANCEL");
		page_option(cancel, "FROM", fmt_local(r->arena, d->start, "%Y-%m-%d"),
		    fmt_local(r->arena, d->start, FMT_DATE_SHORT), NULL);
		left++;
	}
	if (cancel != NULL)
		tmpl_set(cancel, "LEFT", page_plural(r, left, "%lld booking", "%lld bookings"));
	return page_end(r, status);
}

int
series_show(struct req *r)
{
	struct series s;

	if (series_get_or_reply(r, "id", &s) != OK)
		return ERR;
	return series_page(r, &s, OK, 200);
}

/* POST /series/{id}/cancel, with from (a date) to keep the earlier ones. */
int
series_cancel_submit(struct req *r)
{
	struct series s;
	long long refund;
	int rc, cancelled;

	if (series_cancel_or_reply(r, "id", &s, &rc, &cancelled, &refund) != OK)
		return ERR;
	if (rc != OK)
		return series_page(r, &s, rc, reply_result_status(rc));
	return reply_redirect(r, arena_printf(r->arena, "/series/%lld?done=cancelled", s.id));
}
