/* pages/rooms.c: the rooms list and a room's day of availability */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/catalog.h"
#include "domain/rentals.h"
#include "domain/reviews.h"
#include "handlers.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define ROOMS_PER_PAGE	50

int
rooms_list(struct req *r)
{
	struct room_filter f = { NULL, 0, 0, ROOMS_PER_PAGE, 0 };
	struct room *rooms;
	struct tmpl *t;
	long long page, total;
	int i, n;

	if (input_room_filter(r, "min_capacity", 0, &f, &page) != OK ||
	    room_list(r->db, r->arena, &f, &rooms, &n, &total) != OK)
		return ERR;

	t = page_begin(r, "rooms.tpl", _("Rooms"));
	page_option(t, "TYPE_OPTION", "", _("Any type"), f.type ? f.type : "");
	for (i = 0; room_types[i] != NULL; i++)
		page_option(t, "TYPE_OPTION", room_types[i], room_type_label(room_types[i]),
		    f.type);
	if (f.min_capacity > 0)
		tmpl_set_int(t, "MIN_CAPACITY", f.min_capacity);
	tmpl_set(t, "TOTAL", page_plural(r, total, "%lld room", "%lld rooms"));
	page_rooms(r, t, rooms, n, 0);
	page_pager(t, page, page * ROOMS_PER_PAGE < total);
	if (f.type || f.min_capacity) {
		struct tmpl *q = tmpl_section(t, "FILTER");

		tmpl_set(q, "TYPE", f.type ? f.type : "");
		tmpl_set_int(q, "MIN_CAPACITY", f.min_capacity);
	}
	return page_end(r, 200);
}

/* The link to the day days away, unless that day is outside the dates
 * users may ask for (the first and the last have no link past them). */
static void
day_link(struct tmpl *t, const char *section, const char *date, int days)
{
	char day[11];
	struct tm tm;

	if (date_add_days(date, days, day) == 0 && date_parse(day, &tm) == 0)
		tmpl_set(tmpl_section(t, section), "DAY", day);
}

/* The whole day or month of a room, for a customer to book when the room
 * has that rate; refused, when not OK, is why a booking of one failed. */
static void
rent_forms(struct req *r, struct tmpl *t, const struct room *room, const char *date,
    int refused, const char *why)
{
	struct tmpl *rent, *f;
	const char *month = kv_get(&r->params, "month");

	if (!room->is_active || (room->daily_rate < 0 && room->monthly_rate < 0))
		return;
	rent = tmpl_section(t, "RENT");
	if (refused != OK)
		tmpl_set(tmpl_section(rent, "RENT_ERROR"), "MESSAGE", why);
	if (r->user == NULL)
		tmpl_set(tmpl_section(rent, "RENT_LOGIN"), "NEXT", url_encode(r->arena,
		    arena_printf(r->arena, "/rooms/%lld?date=%s", room->id, date)));
	if (room->daily_rate >= 0) {
		f = tmpl_section(rent, "RENT_DAY");
		tmpl_set(f, "DAILY_RATE", money_show(r->arena, room->daily_rate));
		if (r->user != NULL)
			tmpl_show(f, "CAN_BOOK");
	}
	if (room->monthly_rate >= 0) {
		f = tmpl_section(rent, "RENT_MONTH");
		tmpl_set(f, "MONTHLY_RATE", money_show(r->arena, room->monthly_rate));
		tmpl_set(f, "MONTH", month != NULL ? month : arena_strndup(r->arena, date, 7));
		if (r->user != NULL)
			tmpl_show(f, "CAN_BOOK");
	}
}

/* A room's day; refused and why as rent_forms() has them. */
static int
room_page(struct req *r, int refused, const char *why)
{
	struct room room;
	struct review_summary reviews;
	struct slot *slots;
	struct tmpl *t;
	const char *date;
	char today[11], from[20], to[20];
	int i, n;

	date_today(today);
	if (req_date_opt(r, "date", today, &date) != OK)
		return ERR;
	day_bounds_utc(date, from, to);
	if (room_day_or_reply(r, "id", from, to, &room, &reviews, &slots, &n) != OK)
		return ERR;

	t = page_begin(r, "room.tpl", room.name);
	page_room(r, t, &room);
	if (!room.is_active)
		tmpl_show(t, "INACTIVE");
	tmpl_set(t, "DATE", date);
	tmpl_set(t, "DATE_LABEL", fmt_local(r->arena, from, FMT_DATE_LONG));
	day_link(t, "PREV", date, -1);
	day_link(t, "NEXT", date, 1);
	tmpl_set(t, "TODAY", today);
	for (i = 0; i < n; i++)
		page_slot(r, tmpl_section(t, "SLOT"), &slots[i]);
	if (n == 0)
		tmpl_show(t, "NO_SLOTS");
	rent_forms(r, t, &room, date, refused, why);
	if (page_reviews(r, t, room.id, 0, &reviews, arena_printf(r->arena, "/rooms/%lld?date=%s",
	    room.id, date)) != OK)
		return ERR;
	return page_end(r, reply_result_status(refused));
}

int
room_show(struct req *r)
{
	return room_page(r, OK, NULL);
}

/* Books the whole day (the date field) or month (month) and shows the
 * booking, or the room's page again with why not. */
static int
rent_submit(struct req *r, enum rental_span span)
{
	struct rental rt = { 0, span, NULL, 0, NULL, NULL, 0 };
	int rc;

	if (input_rental(r, "id", &rt) != OK)
		return ERR;
	/* The page shown again is the month's first day. */
	if (span == RENTAL_MONTH)
		kv_set(r->arena, &r->params, "date", arena_printf(r->arena, "%s-01", rt.when));
	rc = rental_book(r->db, r->arena, &r->actor, &rt);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "room", rt.room_id);
	if (rc != OK)
		return room_page(r, rc, rt.why);
	return reply_redirect(r, arena_printf(r->arena, "/bookings/%lld?done=booked",
	    rt.booking_id));
}

int
room_day_submit(struct req *r)
{
	return rent_submit(r, RENTAL_DAY);
}

int
room_month_submit(struct req *r)
{
	return rent_submit(r, RENTAL_MONTH);
}
