/* domain/catalog.c: rooms, events and their timeslots as the public pages and API see them */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fields.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "db/db.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/reviews.h"

const char *const room_types[] = {
	"office", "consultation", "meeting", "treatment", NULL
};

/* Each type's name on its own and inside a sentence, marked for translation. */
static const char *const room_type_words[][3] = {
	{ "office", N_("Office"), N_("offices") },
	{ "consultation", N_("Consultation room"), N_("consultation rooms") },
	{ "meeting", N_("Meeting room"), N_("meeting rooms") },
	{ "treatment", N_("Treatment room"), N_("treatment rooms") },
};

static const char *
room_type_word(const char *type, int which)
{
	size_t i;

	for (i = 0; i < sizeof(room_type_words) / sizeof(room_type_words[0]); i++)
		if (strcmp(type, room_type_words[i][0]) == 0)
			return _(room_type_words[i][which]);
	return type;
}

const char *
room_type_label(const char *type)
{
	return room_type_word(type, 1);
}

const char *
room_type_plural(const char *type)
{
	return room_type_word(type, 2);
}

#define ROOM_COLUMNS_OF(r) \
	r ".id, " r ".name, " r ".description, " r ".room_type, " r ".metadata, " \
	r ".created_at, " r ".updated_at, " r ".capacity, " r ".hourly_rate, " r ".is_active," \
	" " r ".requires_approval, " r ".tax_free, " r ".allow_guests, " r ".daily_rate," \
	" " r ".monthly_rate"
#define ROOM_COLUMNS	ROOM_COLUMNS_OF("r")
#define ROOM_NCOLS	15

static void
room_fill(const struct db_res *res, int i, void *out)
{
	struct room *r = out;

	r->id = db_int(res, i, 0);
	r->name = db_val(res, i, 1);
	r->description = db_val(res, i, 2);
	r->room_type = db_val(res, i, 3);
	r->metadata = db_val(res, i, 4);
	r->created_at = db_val(res, i, 5);
	r->updated_at = db_val(res, i, 6);
	r->capacity = db_int(res, i, 7);
	r->hourly_rate = money_cents(db_val(res, i, 8));
	r->is_active = db_int(res, i, 9) != 0;
	r->requires_approval = db_int(res, i, 10) != 0;
	r->tax_free = db_int(res, i, 11) != 0;
	r->allow_guests = db_int(res, i, 12) != 0;
	r->daily_rate = db_val(res, i, 13) ? money_cents(db_val(res, i, 13)) : -1;
	r->monthly_rate = db_val(res, i, 14) ? money_cents(db_val(res, i, 14)) : -1;
}

/* The total is a query of its own: a window count over rows with TEXT
 * columns makes MariaDB build an on-disk temporary table every time. */
int
room_list(struct db *db, struct arena *a, const struct room_filter *f,
    struct room **out, int *n, long long *total)
{
	struct db_res *res;

	res = db_query(db, a,
	    "SELECT " ROOM_COLUMNS " FROM rooms r"
	    " WHERE (? IS NULL OR r.room_type = ?) AND r.capacity >= ?"
	    "   AND (r.is_active OR ?)"
	    " ORDER BY r.name, r.id LIMIT ? OFFSET ?",
	    "ssiill", f->type, f->type, (int)f->min_capacity, f->include_inactive,
	    f->limit, f->offset);
	if ((*out = db_rows(a, res, sizeof(**out), room_fill, n)) == NULL)
		return ERR;
	if (total == NULL)
		return OK;
	if (f->offset == 0 && res->nrows < f->limit) {
		*total = res->nrows;
		return OK;
	}
	res = db_query(db, a,
	    "SELECT COUNT(*) FROM rooms r WHERE (? IS NULL OR r.room_type = ?)"
	    " AND r.capacity >= ? AND (r.is_active OR ?)",
	    "ssii", f->type, f->type, (int)f->min_capacity, f->include_inactive);
	if (res == NULL)
		return ERR;
	*total = db_int(res, 0, 0);
	return OK;
}

int
room_get(struct db *db, struct arena *a, long long id, struct room *out)
{
	return db_row(db_query(db, a, "SELECT " ROOM_COLUMNS
	    " FROM rooms r WHERE r.id = ?", "l", id), room_fill, out);
}

/* A hold's answer from the rows its UPDATE changed. */
static int
held(long long n)
{
	if (n < 0)
		return ERR;
	return n > 0 ? OK : NOT_FOUND;
}

int
room_hold(struct db *db, long long id)
{
	return held(db_exec(db, "UPDATE rooms SET session_turns = session_turns + 1,"
	    " updated_at = updated_at WHERE id = ?", "l", id));
}

int
event_hold(struct db *db, long long id)
{
	return held(db_exec(db, "UPDATE events SET session_turns = session_turns + 1,"
	    " updated_at = updated_at WHERE id = ?", "l", id));
}

const char *
slot_state_name(int s)
{
	switch (s) {
	case OK:		return "free";
	case SLOT_FULL:		return "full";
	case SLOT_PAST:		return "past";
	default:		return "unavailable";
	}
}

/* The seats taken are the timeslot's counter (booking_seats_add) less its
 * lapsed holds (booking.h). */
#define SLOT_FIELDS \
	"t.id, t.room_id, t.event_id, ro.name, e.title, t.start_time, t.end_time," \
	" t.status, t.price, t.max_bookings, t.sequence_no, ro.is_active," \
	" " BOOKING_SEATS_TAKEN ", ro.tax_free OR COALESCE(e.tax_free, 0), ro.allow_guests"
#define SLOT_COLUMNS \
	SLOT_FIELDS " FROM timeslots t JOIN rooms ro ON ro.id = t.room_id" \
	" LEFT JOIN events e ON e.id = t.event_id"

static void
slot_fill(const struct db_res *res, int i, void *out)
{
	struct slot *s = out;

	s->id = db_int(res, i, 0);
	s->room_id = db_int(res, i, 1);
	s->event_id = db_int(res, i, 2);
	s->room_name = db_val(res, i, 3);
	s->event_title = db_val(res, i, 4);
	s->start = db_val(res, i, 5);
	s->end = db_val(res, i, 6);
	s->status = db_val(res, i, 7);
	s->price = money_cents(db_val(res, i, 8));
	s->capacity = db_int(res, i, 9);
	s->sequence_no = db_int(res, i, 10);
	s->room_active = db_int(res, i, 11) != 0;
	s->booked = db_int(res, i, 12);
	s->seats_left = s->capacity > s->booked ? s->capacity - s->booked : 0;
	s->tax_free = db_int(res, i, 13) != 0;
	s->allow_guests = db_int(res, i, 14) != 0;
}

/* The rows' states are judged against one "now", so a list never shows a
 * later timeslot past and an earlier one not. */
static int
slots_from(struct arena *a, struct db_res *res, struct slot **out, int *n)
{
	struct slot *s;
	char now[20];
	int i;

	if ((*out = db_rows(a, res, sizeof(**out), slot_fill, n)) == NULL)
		return ERR;
	dbtime_now(now);
	for (i = 0; i < *n; i++) {
		s = &(*out)[i];
		if (strcmp(s->status, "scheduled") != 0 || !s->room_active)
			s->state = SLOT_UNAVAILABLE;
		else if (strcmp(s->start, now) <= 0)
			s->state = SLOT_PAST;
		else if (s->seats_left == 0)
			s->state = SLOT_FULL;
		else
			s->state = OK;
	}
	return OK;
}

static int
by_start(const void *x, const void *y)
{
	const struct slot *a = x, *b = y;
	int c = strcmp(a->start, b->start);

	return c != 0 ? c : (a->id > b->id) - (a->id < b->id);
}

/* One statement for a room's page: the room's columns, its shown reviews'
 * count and rating sum (kept on the room by 039's triggers), then the
 * SLOT_FIELDS of its timeslots running in the range (none: one row of the
 * room alone), read as a list of slots from the column after those. A whole
 * day or month booked shows on every day it covers. The few rows are put in
 * order here: sorted by MariaDB, through a temporary table, they cost a
 * sixth more of its time. */
#define ROOM_DAY \
	"SELECT " ROOM_COLUMNS_OF("ro") ", ro.review_count, ro.review_rating_sum, " \
	SLOT_FIELDS \
	" FROM rooms ro LEFT JOIN timeslots t USE INDEX (timeslots_room_span)" \
	"   ON t.room_id = ro.id AND" SLOT_RUNNING_WITHIN " AND t.status <> 'draft'" \
	" LEFT JOIN events e ON e.id = t.event_id" \
	" WHERE ro.id = ?"

int
room_day(struct db *db, struct arena *a, long long room_id, const char *from,
    const char *to, struct room *room, struct review_summary *reviews,
    struct slot **out, int *n)
{
	struct db_res *res, slots;
	int rc, skip = ROOM_NCOLS + 2;

	res = db_query(db, a, ROOM_DAY, "sssl", from, to, from, room_id);
	if ((rc = db_row(res, room_fill, room)) != OK)
		return rc;
	if (reviews != NULL) {
		reviews->count = db_int(res, 0, ROOM_NCOLS);
		reviews->rating_sum = db_int(res, 0, ROOM_NCOLS + 1);
	}
	slots = *res;
	slots.cells += skip;
	if (db_val(res, 0, skip) == NULL)
		slots.nrows = 0;
	if (slots_from(a, &slots, out, n) != OK)
		return ERR;
	qsort(*out, (size_t)*n, sizeof(**out), by_start);
	return OK;
}

int
room_slots(struct db *db, struct arena *a, long long room_id, const char *from,
    const char *to, struct slot **out, int *n)
{
	return slots_from(a, db_query(db, a,
	    "SELECT " SLOT_COLUMNS
	    " WHERE t.room_id = ? AND t.start_time >= ? AND t.start_time < ?"
	    "   AND t.status <> 'draft'"
	    " ORDER BY t.start_time",
	    "lss", room_id, from, to), out, n);
}

int
room_slots_over(struct db *db, struct arena *a, long long room_id, const char *from,
    const char *to, struct slot **out, int *n)
{
	return slots_from(a, db_query(db, a,
	    "SELECT " SLOT_COLUMNS
	    " WHERE t.room_id = ? AND" SLOT_RUNNING_WITHIN
	    " ORDER BY t.start_time, t.id",
	    "lsss", room_id, from, to, from), out, n);
}

int
slot_overlap(struct db *db, struct arena *a, long long room_id, const char *start,
    const char *end, long long except, struct slot *other)
{
	struct slot *slots;
	int i, n;

	if (room_slots_over(db, a, room_id, start, end, &slots, &n) != OK)
		return ERR;
	for (i = 0; i < n; i++)
		if (slots[i].id != except && slot_is_live(&slots[i])) {
			*other = slots[i];
			return OVERLAPS;
		}
	return OK;
}

int
slot_is_live(const struct slot *s)
{
	return strcmp(s->status, "canceled") != 0;
}

void
slot_overlap_error(struct arena *a, struct field_errors *fe, const char *field,
    const struct slot *other)
{
	field_error(fe, field, "This overlaps timeslot %lld, %s %s–%s%s%s:"
	    " a room holds one session at a time.", other->id,
	    fmt_local(a, other->start, "%a %d %b %Y"), fmt_local(a, other->start, "%H:%M"),
	    fmt_local(a, other->end, "%H:%M"), other->event_title ? ", " : "",
	    other->event_title ? other->event_title : "");
}

int
slot_get(struct db *db, struct arena *a, long long id, int drafts, struct slot *out)
{
	struct slot *slots;
	int n;

	if (slots_from(a, db_query(db, a, "SELECT " SLOT_COLUMNS
	    " WHERE t.id = ? AND (t.status <> 'draft' OR ?)", "li", id, drafts),
	    &slots, &n) != OK)
		return ERR;
	if (n == 0)
		return NOT_FOUND;
	*out = slots[0];
	return OK;
}

int
upcoming_sessions(struct db *db, struct arena *a, const char *from, int limit,
    struct slot **out, int *n)
{
	return slots_from(a, db_query(db, a,
	    "SELECT " SLOT_COLUMNS
	    " WHERE t.event_id IS NOT NULL AND t.start_time >= ?"
	    "   AND t.status = 'scheduled' AND ro.is_active"
	    " ORDER BY t.start_time, t.id LIMIT ?",
	    "si", from, limit), out, n);
}

int
event_sessions(struct db *db, struct arena *a, long long event_id, int drafts,
    struct slot **out, int *n)
{
	return slots_from(a, db_query(db, a,
	    "SELECT " SLOT_COLUMNS
	    " WHERE t.event_id = ? AND (t.status <> 'draft' OR ?)"
	    " ORDER BY t.start_time, t.id",
	    "li", event_id, drafts), out, n);
}

#define CALENDAR_WHERE \
	" t.start_time >= ? AND t.start_time < ? AND (? = 0 OR t.room_id = ?)" \
	" AND (? = 0 OR t.event_id = ?) AND t.status <> 'draft'"
#define CALENDAR_ARGS(q) \
	(q)->from, (q)->to, (q)->room_id, (q)->room_id, (q)->event_id, (q)->event_id
#define ATTENDING \
	"(" BOOKING_HOLDS_SEAT " OR b.status IN ('completed','no_show'))"

int
calendar_slots(struct db *db, struct arena *a, const struct calendar_query *q,
    struct slot **out, int *n)
{
	return slots_from(a, db_query(db, a,
	    "SELECT " SLOT_COLUMNS " WHERE" SLOT_RUNNING_WITHIN
	    " AND (? = 0 OR t.room_id = ?) AND (? = 0 OR t.event_id = ?)"
	    " AND t.status <> 'draft'"
	    " ORDER BY t.start_time, t.room_id, t.id", "sssllll", q->from, q->to, q->from,
	    q->room_id, q->room_id, q->event_id, q->event_id), out, n);
}

/* Where a row of (start_time, room_id, timeslot id, ...) stands against a
 * session in the order of calendar_slots(): below 0 before it. */
static int
calendar_cmp(const struct db_res *res, int i, const struct slot *s)
{
	long long room = db_int(res, i, 1), id = db_int(res, i, 2);
	int c = strcmp(db_val(res, i, 0), s->start);

	if (c != 0)
		return c;
	if (room != s->room_id)
		return room < s->room_id ? -1 : 1;
	return (id > s->id) - (id < s->id);
}

/*
 * Hands each row (in the sessions' order) to the session it belongs to:
 * of[i] is its index in cal, or -1 for a session that was made or moved
 * between the queries (each statement reads what has committed by then).
 */
static int *
calendar_match(struct arena *a, const struct db_res *res, const struct calendar *cal)
{
	int *of = arena_calloc(a, (size_t)res->nrows + 1, sizeof(*of));
	int i, j = 0, c = 1;

	for (i = 0; i < res->nrows; i++) {
		while (j < cal->n && (c = calendar_cmp(res, i, &cal->slots[j])) > 0)
			j++;
		of[i] = j < cal->n && c == 0 ? j : -1;
	}
	return of;
}

int
calendar_load(struct db *db, struct arena *a, const struct calendar_query *q,
    int with_attendees, struct calendar *cal)
{
	struct db_res *res;
	int i, k = 0, *of;

	if (calendar_slots(db, a, q, &cal->slots, &cal->n) != OK)
		return ERR;
	cal->count = arena_calloc(a, (size_t)cal->n + 1, sizeof(*cal->count));
	cal->first = arena_calloc(a, (size_t)cal->n + 1, sizeof(*cal->first));
	cal->attendees = NULL;
	if (!with_attendees) {
		res = db_query(db, a, "SELECT t.start_time, t.room_id, t.id, COUNT(*)"
		    " FROM timeslots t JOIN bookings b ON b.timeslot_id = t.id"
		    " WHERE" CALENDAR_WHERE " AND " ATTENDING
		    " GROUP BY t.start_time, t.room_id, t.id"
		    " ORDER BY t.start_time, t.room_id, t.id", "ssllll", CALENDAR_ARGS(q));
		if (res == NULL)
			return ERR;
		of = calendar_match(a, res, cal);
		for (i = 0; i < res->nrows; i++)
			if (of[i] >= 0)
				cal->count[of[i]] = db_int(res, i, 3);
		return OK;
	}
	res = db_query(db, a, "SELECT t.start_time, t.room_id, t.id, b.id, b.user_id,"
	    " u.name, b.status, b.checked_in_at"
	    " FROM timeslots t JOIN bookings b ON b.timeslot_id = t.id"
	    " JOIN users u ON u.id = b.user_id WHERE" CALENDAR_WHERE
	    " AND " ATTENDING " ORDER BY t.start_time, t.room_id, t.id, b.id",
	    "ssllll", CALENDAR_ARGS(q));
	if (res == NULL)
		return ERR;
	of = calendar_match(a, res, cal);
	cal->attendees = arena_calloc(a, (size_t)res->nrows + 1, sizeof(*cal->attendees));
	/* Kept in order, so each session's attendees follow one another. */
	for (i = 0; i < res->nrows; i++) {
		struct attendee *at;

		if (of[i] < 0)
			continue;
		if (cal->count[of[i]]++ == 0)
			cal->first[of[i]] = k;
		at = &cal->attendees[k++];
		at->timeslot_id = db_int(res, i, 2);
		at->booking_id = db_int(res, i, 3);
		at->user_id = db_int(res, i, 4);
		at->name = db_val(res, i, 5);
		at->status = db_val(res, i, 6);
		at->checked_in_at = db_val(res, i, 7);
	}
	return OK;
}

#define EVENT_COLUMNS \
	"e.id, e.title, e.description, e.kind," \
	" (SELECT MIN(t.start_time) FROM timeslots t WHERE t.event_id = e.id" \
	"   AND t.status = 'scheduled' AND t.start_time > UTC_TIMESTAMP())," \
	" (SELECT COUNT(*) FROM timeslots t WHERE t.event_id = e.id" \
	"   AND t.status = 'scheduled' AND t.start_time > UTC_TIMESTAMP())," \
	" e.course_price, e.room_id, e.session_minutes, e.tax_free FROM events e"

static void
event_fill(const struct db_res *res, int i, void *out)
{
	struct event *e = out;

	e->id = db_int(res, i, 0);
	e->title = db_val(res, i, 1);
	e->description = db_val(res, i, 2);
	e->kind = db_val(res, i, 3);
	e->next_start = db_val(res, i, 4);
	e->upcoming = db_int(res, i, 5);
	e->course_price = db_val(res, i, 6) ? money_cents(db_val(res, i, 6)) : -1;
	e->room_id = db_int(res, i, 7);
	e->session_minutes = db_int(res, i, 8);
	e->tax_free = db_int(res, i, 9) != 0;
}

int
event_list(struct db *db, struct arena *a, struct event **out, int *n)
{
	*out = db_rows(a, db_query(db, a, "SELECT " EVENT_COLUMNS
	    " ORDER BY e.title, e.id", ""), sizeof(**out), event_fill, n);
	return *out != NULL ? OK : ERR;
}

int
event_list_page(struct db *db, struct arena *a, long long limit, long long offset,
    struct event **out, int *n, long long *total)
{
	struct db_res *res;

	*out = db_rows(a, db_query(db, a, "SELECT " EVENT_COLUMNS " ORDER BY e.title, e.id"
	    " LIMIT ? OFFSET ?", "ll", limit, offset), sizeof(**out), event_fill, n);
	if (*out == NULL || (res = db_query(db, a, "SELECT COUNT(*) FROM events", "")) == NULL)
		return ERR;
	*total = db_int(res, 0, 0);
	return OK;
}

#define SLOT_FILTER \
	" WHERE (? = 0 OR t.room_id = ?) AND (? = 0 OR t.event_id = ?)" \
	"   AND (? IS NULL OR t.status = ?)" \
	"   AND (? IS NULL OR t.start_time >= ?) AND (? IS NULL OR t.start_time < ?)"
#define SLOT_FILTER_ARGS(f) \
	(f)->room_id, (f)->room_id, (f)->event_id, (f)->event_id, (f)->status, \
	(f)->status, (f)->from, (f)->from, (f)->to, (f)->to

int
slot_list(struct db *db, struct arena *a, const struct slot_filter *f,
    struct slot **out, int *n, long long *total)
{
	struct db_res *res;

	if (slots_from(a, db_query(db, a, "SELECT " SLOT_COLUMNS SLOT_FILTER
	    " ORDER BY t.start_time, t.room_id, t.id LIMIT ? OFFSET ?",
	    "llllssssssll", SLOT_FILTER_ARGS(f), f->limit, f->offset), out, n) != OK)
		return ERR;
	res = db_query(db, a, "SELECT COUNT(*) FROM timeslots t" SLOT_FILTER,
	    "llllssssss", SLOT_FILTER_ARGS(f));
	if (res == NULL)
		return ERR;
	*total = db_int(res, 0, 0);
	return OK;
}

int
event_get(struct db *db, struct arena *a, long long id, struct event *out)
{
	return db_row(db_query(db, a, "SELECT " EVENT_COLUMNS " WHERE e.id = ?",
	    "l", id), event_fill, out);
}

const char *const slot_statuses[] = {
	"draft", "scheduled", "in_progress", "completed", "canceled", NULL
};

int
slot_move_allowed(const char *from, const char *to)
{
	static const char *const moves[][2] = {
		{ "draft", "scheduled" }, { "scheduled", "draft" },
		{ "scheduled", "in_progress" }, { "in_progress", "completed" },
		{ "scheduled", "completed" },
		{ "draft", "canceled" }, { "scheduled", "canceled" },
		{ "in_progress", "canceled" },
	};
	size_t i;

	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i][0], from) == 0 && strcmp(moves[i][1], to) == 0)
			return 1;
	return 0;
}

int
catalog_ready(struct db *db)
{
	return db_ping(db);
}
