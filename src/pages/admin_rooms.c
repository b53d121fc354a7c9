/* pages/admin_rooms.c: rooms, their timeslot generation and custom timeslots */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/slotgen.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define ROOMS_PER_PAGE	50
#define ROOM_DAYS	7	/* the room page lists a week of timeslots */
#define GENERATE_DAYS	28	/* the generation form's default range */

static const char *const room_fields[] = {
	"name", "description", "capacity", "roomType", "hourlyRate", "dailyRate",
	"monthlyRate", "metadata", NULL
};
static const char *const generate_fields[] = {
	"from", "to", "dayStart", "dayEnd", "length", "excludedDates", "price",
	"capacity", NULL
};
static const char *const slot_fields[] = {
	"startTime", "endTime", "price", "maxBookings", NULL
};

static const char *const room_done[][2] = {
	{ "created", N_("The room is created.") },
	{ "saved", N_("The room is saved.") },
	{ "activated", N_("The room takes bookings again.") },
	{ "deactivated", N_("The room is deactivated: it takes no new bookings; existing ones stay.") },
	{ "feed_revoked", N_("Your calendar feed of this room is stopped.") },
	{ NULL, NULL },
};
static const char *const slot_done[][2] = {
	{ "created", N_("The timeslot is created.") },
	{ "timeslot", N_("The timeslot is saved.") },
	{ NULL, NULL },
};

int
admin_rooms_list(struct req *r)
{
	struct room_filter rf = { NULL, 0, 1, ROOMS_PER_PAGE, 0 };
	struct room *rooms;
	struct tmpl *t;
	long long page, total;
	int n;

	if (req_int_opt(r, "page", 1, PAGE_MAX, 1, &page) != OK)
		return ERR;
	rf.offset = (page - 1) * ROOMS_PER_PAGE;
	if (room_list(r->db, r->arena, &rf, &rooms, &n, &total) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_rooms.tpl", _("Rooms"));
	page_done(r, t, room_done);
	tmpl_set(t, "TOTAL", page_plural(r, total, "%lld room", "%lld rooms"));
	page_rooms(r, t, rooms, n, 1);
	page_pager(t, page, page * ROOMS_PER_PAGE < total);
	return page_end(r, 200);
}

/* The new-room form (room NULL) or a room's page: its form, with what was
 * typed and the errors when a save came back, and a week of its timeslots
 * (drafts left out as on the public page: they are listed with their
 * event). */
static int
room_page(struct req *r, const struct room *room, struct form *f, int status)
{
	struct slot *slots = NULL;
	struct tmpl *t, *e, *row;
	const char *date, *approval, *guests;
	char today[11], last[11], prev[11], next[11];
	char from[20], first_end[20], last_from[20], to[20];
	long long generated, skipped;
	int i, n = 0;

	date_today(today);
	if (req_int_opt(r, "generated", 0, COUNT_MAX, -1, &generated) != OK ||
	    req_int_opt(r, "skipped", 0, COUNT_MAX, 0, &skipped) != OK ||
	    req_date_opt(r, "date", today, &date) != OK)
		return ERR;
	date_add_days(date, ROOM_DAYS - 1, last);
	day_bounds_utc(date, from, first_end);
	day_bounds_utc(last, last_from, to);
	if (room != NULL &&
	    room_slots(r->db, r->arena, room->id, from, to, &slots, &n) != OK)
		return ERR;

	t = page_admin_begin(r, "admin_room.tpl", room ? room->name : _("New room"));
	if (room == NULL) {
		tmpl_set(t, "ACTION", "/admin/rooms");
		tmpl_show(t, "NEW");
	} else {
		form_default(f, "name", room->name);
		form_default(f, "description", room->description);
		form_default(f, "capacity", arena_printf(r->arena, "%lld", room->capacity));
		form_default(f, "roomType", room->room_type);
		form_default(f, "hourlyRate", money_fmt(r->arena, room->hourly_rate));
		form_default(f, "dailyRate", room->daily_rate < 0 ? "" :
		    money_fmt(r->arena, room->daily_rate));
		form_default(f, "monthlyRate", room->monthly_rate < 0 ? "" :
		    money_fmt(r->arena, room->monthly_rate));
		form_default(f, "metadata", room->metadata);
		form_default(f, "requiresApproval", room->requires_approval ? "1" : "0");
		if (room->tax_free)
			form_default(f, "taxFree", "1");
		form_default(f, "allowGuests", room->allow_guests ? "1" : "0");
		tmpl_set(t, "ACTION", arena_printf(r->arena, "/admin/rooms/%lld", room->id));
		page_done(r, t, room_done);
		if (generated >= 0)
			tmpl_set(tmpl_section(t, "DONE"), "MESSAGE", arena_printf(r->arena,
			    _("%lld timeslots created; %lld already existed."), generated, skipped));
		e = tmpl_section(t, "EDIT");
		tmpl_set_int(e, "ID", room->id);
		tmpl_set(e, "NAME", room->name);
		tmpl_show(e, room->is_active ? "ACTIVE" : "INACTIVE");
		tmpl_set(e, "WEEK_FROM", fmt_local(r->arena, from, FMT_DATE_SHORT));
		tmpl_set(e, "WEEK_TO", fmt_local(r->arena, last_from, FMT_DATE_SHORT));
		date_add_days(date, -ROOM_DAYS, prev);
		date_add_days(date, ROOM_DAYS, next);
		tmpl_set(e, "PREV_DATE", prev);
		tmpl_set(e, "NEXT_DATE", next);
		for (i = 0; i < n; i++) {
			row = tmpl_section(e, "SLOT");
			page_slot(r, row, &slots[i]);
			tmpl_set(row, "STATUS", slots[i].status);
			tmpl_set(row, "STATUS_LABEL", page_status_label(slots[i].status));
			tmpl_set_int(row, "BOOKED", slots[i].booked);
		}
		if (n == 0)
			tmpl_show(e, "NO_SLOTS");
		if (page_feed_status(r, e, room->id) != OK)
			return ERR;
	}
	form_fill(f, t, room_fields);
	for (i = 0; room_types[i] != NULL; i++)
		page_option(t, "TYPE_OPTION", room_types[i], room_type_label(room_types[i]),
		    kv_get(&r->params, "roomType"));
	approval = kv_get(f->fields, "requiresApproval");
	page_option(t, "APPROVAL_OPTION", "0", _("No"), approval ? approval : "0");
	page_option(t, "APPROVAL_OPTION", "1", _("Yes"), approval);
	/* The box, ticked, comes before the form's hidden "0". */
	if (page_flag_on(f, "taxFree"))
		tmpl_show(t, "TAX_FREE");
	guests = kv_get(f->fields, "allowGuests");
	page_option(t, "GUESTS_OPTION", "1", _("Yes"), guests ? guests : "1");
	page_option(t, "GUESTS_OPTION", "0", _("No"), guests);
	return page_end(r, status);
}

static int
room_load(struct req *r, long long *id, void *room)
{
	int rc = room_get_or_reply(r, "id", room);

	if (rc == OK)
		*id = ((struct room *)room)->id;
	return rc;
}

static int
room_save(struct req *r, struct form *f, long long *id)
{
	struct room_input in;

	input_room(f, *id == 0, &in);
	return admin_room_save(r->db, r->arena, id, &in, &f->errors);
}

static int
room_form(struct req *r, const void *room, struct form *f, int status)
{
	return room_page(r, room, f, status);
}

static const struct page_admin_form rooms = {
	"room", "/admin/rooms", "saved", sizeof(struct room), room_load, room_save,
	room_form
};

PAGE_ADMIN_HANDLERS(admin_room, rooms)

/* Deactivating keeps the room's bookings; it only stops new ones. */
int
admin_room_active(struct req *r)
{
	struct form f;
	long long id;
	const char *active;
	int rc;

	if (req_id(r, "id", &id) != OK || req_str(r, "isActive", 5, &active) != OK)
		return ERR;
	form_init(&f, r);
	if ((rc = room_save(r, &f, &id)) == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "room", id);
	if (rc != OK)
		return reply_error(r, 400, "invalid_field", "isActive must be 0 or 1.");
	return reply_redirect(r, page_back(r, arena_printf(r->arena, "/admin/rooms/%lld", id),
	    strcmp(active, "0") == 0 || strcmp(active, "false") == 0 ?
	    "done=deactivated" : "done=activated"));
}

/* The generation form; counts, after a preview, say what creating would do. */
static int
generate_page(struct req *r, const struct room *room, struct form *f, int weekdays,
    const struct slotgen_counts *counts, int status)
{
	static const char *const days[][2] = {
		{ "mon", N_("Monday") }, { "tue", N_("Tuesday") }, { "wed", N_("Wednesday") },
		{ "thu", N_("Thursday") }, { "fri", N_("Friday") }, { "sat", N_("Saturday") },
		{ "sun", N_("Sunday") },
	};
	struct tmpl *t, *row;
	char today[11], last[11];
	int i;

	date_today(today);
	date_add_days(today, GENERATE_DAYS - 1, last);
	form_default(f, "from", arena_strdup(r->arena, today));
	form_default(f, "to", arena_strdup(r->arena, last));
	form_default(f, "dayStart", "09:00");
	form_default(f, "dayEnd", "17:00");
	form_default(f, "length", "30");
	t = page_admin_begin(r, "admin_generate.tpl",
	    arena_printf(r->arena, _("Generate timeslots: %s"), room->name));
	tmpl_set_int(t, "ID", room->id);
	tmpl_set(t, "NAME", room->name);
	tmpl_set(t, "RATE", money_show(r->arena, room->hourly_rate));
	tmpl_set_int(t, "ROOM_CAPACITY", room->capacity);
	form_fill(f, t, generate_fields);
	for (i = 0; i < 7; i++) {
		row = tmpl_section(t, "WEEKDAY");
		tmpl_set(row, "VALUE", days[i][0]);
		tmpl_set(row, "LABEL", _(days[i][1]));
		/* days[] starts on Monday, the mask on Sunday (bit 0). */
		if (weekdays & (1 << ((i + 1) % 7)))
			tmpl_show(row, "CHECKED");
	}
	if (counts != NULL) {
		row = tmpl_section(t, "PREVIEW");
		tmpl_set_int(row, "CREATED", counts->created);
		tmpl_set_int(row, "SKIPPED", counts->skipped);
	}
	return page_end(r, status);
}

int
admin_room_generate_form(struct req *r)
{
	struct room room;
	struct form f;

	if (room_get_or_reply(r, "id", &room) != OK)
		return ERR;
	form_init(&f, r);
	return generate_page(r, &room, &f, SLOTGEN_WEEKDAYS, NULL, 200);
}

/* One form, two buttons: "preview" counts (a dry run) and shows the form
 * again; "create" makes the timeslots and goes to the room. */
int
admin_room_generate(struct req *r)
{
	struct slotgen *g = arena_alloc(r->arena, sizeof(*g));
	struct slotgen_counts counts = { 0, 0 };
	struct room room;
	struct form f;
	long long id;
	int rc, create = kv_get(&r->params, "create") != NULL;

	if (room_get_or_reply(r, "id", &room) != OK)
		return ERR;
	id = room.id;
	/* The room is the one in the path, whatever the body says. */
	kv_set(r->arena, &r->params, "roomId", arena_printf(r->arena, "%lld", id));
	form_init(&f, r);
	input_slotgen(&f, g);
	rc = slotgen_run(r->db, r->arena, g, !create, &f.errors, &counts, NULL);
	if (rc == INVALID || rc == OVERLAPS)
		return generate_page(r, &room, &f, g->weekdays, NULL,
		    rc == INVALID ? 400 : 409);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "room", id);
	if (rc != OK)
		return ERR;
	if (!create)
		return generate_page(r, &room, &f, g->weekdays, &counts, 200);
	return reply_redirect(r, arena_printf(r->arena,
	    "/admin/rooms/%lld?generated=%lld&skipped=%lld", id, counts.created,
	    counts.skipped));
}

/*
 * The new-timeslot form (s NULL) or a timeslot's page: its form, its
 * bookings and the cancel button. error is a refusal that belongs to no
 * field (cancelling a cancelled timeslot).
 */
static int
slot_page(struct req *r, const struct slot *s, struct form *f, const char *error,
    int status)
{
	struct tmpl *t, *e, *row;
	struct booking *list;
	long long cancelled;
	int i, n;

	if (s == NULL) {
		t = page_admin_begin(r, "admin_timeslot.tpl", _("New timeslot"));
		tmpl_show(t, "NEW");
		tmpl_show(t, "FORM");
		tmpl_set(t, "ACTION", "/admin/timeslots");
		form_fill(f, t, slot_fields);
		if (page_room_options(r, t, "ROOM_OPTION", kv_get(&r->params, "roomId")) != OK)
			return ERR;
		return page_end(r, status);
	}
	if (req_int_opt(r, "cancelled", 0, COUNT_MAX, -1, &cancelled) != OK)
		return ERR;
	if (booking_list_slot(r->db, r->arena, s->id, &list, &n) != OK)
		return ERR;
	form_default(f, "startTime", fmt_local(r->arena, s->start, "%Y-%m-%dT%H:%M"));
	form_default(f, "endTime", fmt_local(r->arena, s->end, "%Y-%m-%dT%H:%M"));
	form_default(f, "price", money_fmt(r->arena, s->price));
	form_default(f, "maxBookings", arena_printf(r->arena, "%lld", s->capacity));
	form_default(f, "status", s->status);

	t = page_admin_begin(r, "admin_timeslot.tpl", arena_printf(r->arena,
	    _("Timeslot %lld"), s->id));
	tmpl_set(t, "ACTION", arena_printf(r->arena, "/admin/timeslots/%lld", s->id));
	page_done(r, t, slot_done);
	if (cancelled >= 0)
		tmpl_set(tmpl_section(t, "DONE"), "MESSAGE", arena_printf(r->arena,
		    _("The timeslot is cancelled; %lld bookings were cancelled with a full"
		    " refund and their owners notified."), cancelled));
	if (error != NULL)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE", error);
	e = tmpl_section(t, "EDIT");
	page_slot(r, e, s);
	tmpl_set(e, "STATUS", s->status);
	tmpl_set(e, "STATUS_LABEL", page_status_label(s->status));
	tmpl_set_int(e, "BOOKED", s->booked);
	if (strcmp(s->status, "canceled") != 0) {
		tmpl_show(t, "FORM");
		row = tmpl_section(t, "CHANGE");
		/* Cancelling has a button of its own: it also cancels bookings. */
		for (i = 0; slot_statuses[i] != NULL; i++)
			if (strcmp(slot_statuses[i], "canceled") != 0)
				page_option(row, "STATUS_OPTION", slot_statuses[i],
				    slot_statuses[i], kv_get(&r->params, "status"));
		if (slot_move_allowed(s->status, "canceled"))
			tmpl_show(e, "CAN_CANCEL");
	}
	for (i = 0; i < n; i++)
		page_booking(r, tmpl_section(e, "BOOKING"), &list[i]);
	if (n == 0)
		tmpl_show(e, "NO_BOOKINGS");
	form_fill(f, t, slot_fields);
	return page_end(r, status);
}

static int
slot_load(struct req *r, long long *id, void *s)
{
	int rc = slot_get_or_reply(r, "id", 1, s);

	if (rc == OK)
		*id = ((struct slot *)s)->id;
	return rc;
}

static int
slot_save(struct req *r, struct form *f, long long *id)
{
	struct slot_input in;

	input_slot(f, *id == 0, &in);
	return admin_slot_save(r->db, r->arena, &r->actor, id, &in, &f->errors);
}

static int
slot_form(struct req *r, const void *s, struct form *f, int status)
{
	return slot_page(r, s, f, NULL, status);
}

/* A change comes from the edit form, or from one status button on an
 * event's page (which sends "back" to return there). */
static const struct page_admin_form slots = {
	"timeslot", "/admin/timeslots", "timeslot", sizeof(struct slot), slot_load,
	slot_save, slot_form
};

PAGE_ADMIN_HANDLERS(admin_slot, slots)

int
admin_slot_cancel_submit(struct req *r)
{
	struct slot s;
	struct form f;
	long long id;
	int rc, n = 0;

	if (slot_get_or_reply(r, "id", 1, &s) != OK)
		return ERR;
	id = s.id;
	form_init(&f, r);
	if ((rc = admin_slot_cancel(r->db, r->arena, &r->actor, id, &f.errors, &n)) == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", id);
	if (rc != OK) {
		/* The refusal is the page's, not the status field's. */
		const char *why = field_error_of(&f.errors, "status");

		form_init(&f, r);
		return slot_page(r, &s, &f, why ? why : _("This timeslot cannot be cancelled."),
		    409);
	}
	return reply_redirect(r, page_back(r, arena_printf(r->arena,
	    "/admin/timeslots/%lld", id), arena_printf(r->arena, "cancelled=%d", n)));
}
