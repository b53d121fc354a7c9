/* domain/admin.c: what admins change (rooms, events, timeslots) and the bookings
 * list they filter, shared by the admin pages and the admin API */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/fmt.h"
#include "db/db.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/slotgen.h"
#include "http/form.h"
#include "http/request.h"

const char *const admin_event_kinds[] = { "individual", "workshop", "course", NULL };
const char *const admin_slot_statuses[] = {
	"draft", "scheduled", "in_progress", "completed", "canceled", NULL
};
const char *const *const admin_booking_statuses = booking_statuses;
const char *const admin_payment_statuses[] = { "pending", "paid", "refunded", NULL };

/* Only fields that were sent are checked when changing (sent != NULL). */
static int
sent(struct form *f, const char *field)
{
	return kv_get(&f->r->params, field) != NULL;
}

static const char *
one_of(struct form *f, const char *field, const char *label,
    const char *const *words, int required)
{
	const char *v = form_text(f, field, label, 40, required);
	int i;

	if (v == NULL)
		return NULL;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0)
			return words[i];
	{
		struct buf b;

		buf_init(&b, f->r->arena);
		for (i = 0; words[i] != NULL; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", words[i]);
		form_error(f, field, "%s must be one of: %s.", label, buf_cstr(&b));
	}
	return NULL;
}

static long long
number(struct form *f, const char *field, const char *label, long long min,
    long long max, int required)
{
	const char *v = form_text(f, field, label, 12, required);
	char *end;
	long long n;

	if (v == NULL)
		return -1;
	n = strtoll(v, &end, 10);
	if (*end != '\0' || !isdigit((unsigned char)*v) || n < min || n > max) {
		form_error(f, field, "%s must be a whole number from %lld to %lld.",
		    label, min, max);
		return -1;
	}
	return n;
}

static long long
amount(struct form *f, const char *field, const char *label, int required)
{
	const char *v = form_text(f, field, label, 12, required);
	long long c;

	if (v == NULL)
		return -1;
	if (money_parse(v, &c) != 0) {
		form_error(f, field, "%s must be an amount like 12.50 (at most 99999999.99).", label);
		return -1;
	}
	return c;
}

/* true/false from JSON, on/1 from a checkbox; absent is "not sent". */
static int
flag(struct form *f, const char *field)
{
	const char *v = kv_get(&f->r->params, field);

	if (v == NULL)
		return -1;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcmp(v, "on") == 0)
		return 1;
	if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0 || *v == '\0')
		return 0;
	form_error(f, field, "%s must be true or false.", field);
	return -1;
}

int
admin_room_save(struct form *f, long long id, long long *saved)
{
	struct req *r = f->r;
	const char *name = NULL, *desc = NULL, *type = NULL, *meta = NULL;
	struct db_res *res;
	long long cap = -1, rate = -1, rows;
	int active, creating = id == 0;

	if (creating || sent(f, "name"))
		name = form_text(f, "name", "Name", 100, 1);
	if (sent(f, "description"))
		desc = form_text(f, "description", "Description", 5000, 0);
	if (creating || sent(f, "roomType"))
		type = one_of(f, "roomType", "Type", room_types, 1);
	if (creating || sent(f, "capacity"))
		cap = number(f, "capacity", "Capacity", 1, 100000, 1);
	if (creating || sent(f, "hourlyRate"))
		rate = amount(f, "hourlyRate", "Hourly rate", 1);
	if (sent(f, "metadata")) {
		struct json_object *o;

		meta = form_text(f, "metadata", "Metadata", 20000, 0);
		if (meta != NULL) {
			o = json_tokener_parse(meta);
			if (o == NULL || !json_object_is_type(o, json_type_object))
				form_error(f, "metadata", "Metadata must be a JSON object, like {\"floor\": 2}.");
			json_object_put(o);
		}
	}
	active = flag(f, "isActive");
	if (!form_ok(f))
		return OK;
	if (creating) {
		rows = db_exec(r->db, "INSERT INTO rooms (name, description, capacity,"
		    " room_type, hourly_rate, metadata, is_active)"
		    " VALUES (?, ?, ?, ?, ? / 100, ?, ?)", "ssl" "sls" "i", name,
		    desc ? desc : "", cap, type, rate, meta, active < 0 ? 1 : active);
		if (rows < 0)
			return ERR;
		*saved = db_insert_id(r->db);
		return OK;
	}
	if ((res = db_query(r->db, r->arena, "SELECT 1 FROM rooms WHERE id = ?",
	    "l", id)) == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	/* Each column keeps its value unless a new one was sent. */
	rows = db_exec(r->db, "UPDATE rooms SET name = COALESCE(?, name),"
	    " description = IF(?, COALESCE(?, ''), description),"
	    " room_type = COALESCE(?, room_type),"
	    " capacity = IF(? < 0, capacity, ?),"
	    " hourly_rate = IF(? < 0, hourly_rate, ? / 100),"
	    " metadata = IF(?, ?, metadata),"
	    " is_active = IF(? < 0, is_active, ?) WHERE id = ?",
	    "sisslllli" "sii" "l", name, sent(f, "description"), desc, type, cap, cap,
	    rate, rate, sent(f, "metadata"), meta, active, active, id);
	if (rows < 0)
		return ERR;
	*saved = id;
	return OK;
}

int
admin_event_save(struct form *f, long long id, long long *saved)
{
	struct req *r = f->r;
	const char *title = NULL, *desc = NULL, *kind = NULL;
	struct db_res *res;
	int creating = id == 0;

	if (creating || sent(f, "title"))
		title = form_text(f, "title", "Title", 200, 1);
	if (sent(f, "description"))
		desc = form_text(f, "description", "Description", 5000, 0);
	if (creating || sent(f, "kind"))
		kind = one_of(f, "kind", "Kind", admin_event_kinds, 1);
	if (!form_ok(f))
		return OK;
	if (creating) {
		if (db_exec(r->db, "INSERT INTO events (title, description, kind)"
		    " VALUES (?, ?, ?)", "sss", title, desc ? desc : "", kind) < 0)
			return ERR;
		*saved = db_insert_id(r->db);
		return OK;
	}
	if (db_exec(r->db, "UPDATE events SET title = COALESCE(?, title),"
	    " description = IF(?, COALESCE(?, ''), description),"
	    " kind = COALESCE(?, kind) WHERE id = ?", "sissl", title,
	    sent(f, "description"), desc, kind, id) < 0)
		return ERR;
	if ((res = db_query(r->db, r->arena, "SELECT 1 FROM events WHERE id = ?",
	    "l", id)) == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	*saved = id;
	return OK;
}

long long
admin_event_publish(struct db *db, long long event_id)
{
	return db_exec(db, "UPDATE timeslots SET status = 'scheduled'"
	    " WHERE event_id = ? AND status = 'draft'", "l", event_id);
}

static int
when(struct form *f, const char *field, const char *label, char out[20])
{
	const char *v = form_text(f, field, label, 25, 0);

	if (v == NULL)
		return 0;
	if (datetime_input(v, out) != 0) {
		form_error(f, field, "%s must be a time as YYYY-MM-DDTHH:MM "
		    "(site time) or YYYY-MM-DDTHH:MM:SSZ (UTC).", label);
		return 0;
	}
	return 1;
}

/* Which status changes an admin may make directly; cancelling goes
 * through booking_cancel_slot(), which also cancels the bookings. */
static int
slot_move_allowed(const char *from, const char *to)
{
	static const char *const moves[][2] = {
		{ "draft", "scheduled" }, { "scheduled", "draft" },
		{ "scheduled", "in_progress" }, { "in_progress", "completed" },
		{ "scheduled", "completed" },
	};
	size_t i;

	if (strcmp(from, to) == 0)
		return 1;
	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i][0], from) == 0 && strcmp(moves[i][1], to) == 0)
			return 1;
	return 0;
}

struct slot_save {
	struct form		*f;
	long long		 id;
	long long		 room_id;
	long long		 event_id;
	char			 start[20];
	char			 end[20];
	int			 has_start;
	int			 has_end;
	long long		 price;
	long long		 capacity;
	long long		 seq;
	const char		*status;
	long long		 saved;
};

static int
slot_create_txn(struct db *db, void *ctx)
{
	struct slot_save *c = ctx;
	struct req *r = c->f->r;
	struct db_res *res;
	struct room room;
	time_t s, e;
	int rc;

	if ((rc = room_get(db, r->arena, c->room_id, &room)) == NOT_FOUND) {
		form_error(c->f, "roomId", "There is no room %lld.", c->room_id);
		return CONFLICT;
	}
	if (rc != OK)
		return ERR;
	if (c->event_id > 0) {
		res = db_query(db, r->arena, "SELECT kind, (SELECT COALESCE(MAX(sequence_no), 0) + 1"
		    " FROM timeslots WHERE event_id = e.id) FROM events e WHERE id = ? FOR UPDATE",
		    "l", c->event_id);
		if (res == NULL)
			return ERR;
		if (res->nrows == 0) {
			form_error(c->f, "eventId", "There is no event %lld.", c->event_id);
			return CONFLICT;
		}
		/* Course sessions are numbered in order of creation. */
		if (c->seq < 0 && strcmp(db_val(res, 0, 0), "course") == 0)
			c->seq = db_int(res, 0, 1);
	}
	dbtime_parse(c->start, &s);
	dbtime_parse(c->end, &e);
	if (c->price < 0)
		c->price = slotgen_price(room.hourly_rate, (int)((e - s) / 60));
	if (c->capacity < 0)
		c->capacity = room.capacity;
	if (c->status == NULL)
		c->status = c->event_id > 0 ? "draft" : "scheduled";
	if (db_exec(db, "INSERT INTO timeslots (room_id, event_id, start_time, end_time,"
	    " price, max_bookings, status, sequence_no) VALUES (?, NULLIF(?, 0), ?, ?,"
	    " ? / 100, ?, ?, IF(? < 0, NULL, ?))", "llsslls" "ll", c->room_id,
	    c->event_id, c->start, c->end, c->price, c->capacity, c->status,
	    c->seq, c->seq) < 0) {
		if (db_errno(db) != DB_DUP_KEY)
			return ERR;
		form_error(c->f, "startTime", "This room already has a timeslot starting then.");
		return CONFLICT;
	}
	c->saved = db_insert_id(db);
	return OK;
}

static int
slot_update_txn(struct db *db, void *ctx)
{
	struct slot_save *c = ctx;
	struct req *r = c->f->r;
	struct db_res *res;
	long long active;
	const char *status;

	res = db_query(db, r->arena, "SELECT status, start_time, end_time,"
	    " (SELECT COUNT(*) FROM bookings b WHERE b.timeslot_id = t.id"
	    "   AND b.status IN ('pending','confirmed'))"
	    " FROM timeslots t WHERE id = ? FOR UPDATE", "l", c->id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	status = db_val(res, 0, 0);
	active = db_int(res, 0, 3);
	if (!c->has_start)
		memcpy(c->start, db_val(res, 0, 1), 20);
	if (!c->has_end)
		memcpy(c->end, db_val(res, 0, 2), 20);
	if (strcmp(c->end, c->start) <= 0)
		form_error(c->f, "endTime", "The end must be after the start.");
	if (active > 0 && (strcmp(c->start, db_val(res, 0, 1)) != 0 ||
	    strcmp(c->end, db_val(res, 0, 2)) != 0))
		form_error(c->f, "startTime", "%lld bookings hold seats in this timeslot: "
		    "move or cancel them before changing its time.", active);
	if (c->capacity >= 0 && c->capacity < active)
		form_error(c->f, "maxBookings", "%lld seats are booked; capacity cannot be lower.",
		    active);
	if (c->status != NULL && !slot_move_allowed(status, c->status))
		form_error(c->f, "status", "A %s timeslot cannot become %s.", status, c->status);
	if (!form_ok(c->f))
		return CONFLICT;
	if (db_exec(db, "UPDATE timeslots SET start_time = ?, end_time = ?,"
	    " price = IF(? < 0, price, ? / 100), max_bookings = IF(? < 0, max_bookings, ?),"
	    " status = COALESCE(?, status), sequence_no = IF(? < 0, sequence_no, ?)"
	    " WHERE id = ?", "sslll" "lsll" "l", c->start, c->end, c->price, c->price,
	    c->capacity, c->capacity, c->status, c->seq, c->seq, c->id) < 0) {
		if (db_errno(db) != DB_DUP_KEY)
			return ERR;
		form_error(c->f, "startTime", "This room already has a timeslot starting then.");
		return CONFLICT;
	}
	/* Bookings keep a copy of their timeslot's times (for their lists). */
	if (db_exec(db, "UPDATE bookings SET start_time = ?, end_time = ?"
	    " WHERE timeslot_id = ?", "ssl", c->start, c->end, c->id) < 0)
		return ERR;
	c->saved = c->id;
	return OK;
}

int
admin_slot_cancel(struct form *f, const struct actor *who, long long id,
    int *cancelled)
{
	int rc = booking_cancel_slot(f->r->db, f->r->arena, who, id, cancelled);

	if (rc == NOT_FOUND)
		return NOT_FOUND;
	if (rc == INVALID_STATE) {
		form_error(f, "status", "This timeslot is already cancelled or completed.");
		return CONFLICT;
	}
	return rc == OK ? OK : ERR;
}

int
admin_slot_save(struct form *f, const struct actor *who, long long id,
    long long *saved)
{
	struct slot_save c;
	int rc, n;

	memset(&c, 0, sizeof(c));
	c.f = f;
	c.id = id;
	if (id == 0) {
		c.room_id = number(f, "roomId", "Room", 1, 4294967295LL, 1);
		c.has_start = when(f, "startTime", "Start", c.start);
		c.has_end = when(f, "endTime", "End", c.end);
		if (!c.has_start && kv_get(&f->errors, "startTime") == NULL)
			form_error(f, "startTime", "Start is required.");
		if (!c.has_end && kv_get(&f->errors, "endTime") == NULL)
			form_error(f, "endTime", "End is required.");
		if (c.has_start && c.has_end && strcmp(c.end, c.start) <= 0)
			form_error(f, "endTime", "The end must be after the start.");
	} else {
		c.has_start = when(f, "startTime", "Start", c.start);
		c.has_end = when(f, "endTime", "End", c.end);
	}
	c.event_id = sent(f, "eventId") ? number(f, "eventId", "Event", 0, 4294967295LL, 0) : 0;
	if (c.event_id < 0)
		c.event_id = 0;
	c.price = sent(f, "price") ? amount(f, "price", "Price", 0) : -1;
	c.capacity = sent(f, "maxBookings") ? number(f, "maxBookings", "Capacity", 1, 100000, 0) : -1;
	c.seq = sent(f, "sequenceNo") ? number(f, "sequenceNo", "Session number", 1, 10000, 0) : -1;
	c.status = sent(f, "status") ? one_of(f, "status", "Status", admin_slot_statuses, 0) : NULL;
	if (!form_ok(f))
		return OK;
	if (id != 0 && c.status != NULL && strcmp(c.status, "canceled") == 0) {
		/* Cancelling also cancels and refunds the bookings: its own
		 * transaction, and nothing else may change with it. */
		if ((rc = admin_slot_cancel(f, who, id, &n)) == OK)
			*saved = id;
		return rc;
	}
	rc = db_txn(f->r->db, id == 0 ? slot_create_txn : slot_update_txn, &c);
	*saved = c.saved;
	return rc;
}

int
admin_filter_from_req(struct req *r, struct admin_filter *f, long long def_limit,
    long long max_limit)
{
	static const char *const sorts[] = { "start", "created", NULL };
	const char *sort;
	char ignore[20];

	memset(f, 0, sizeof(*f));
	if (req_enum_opt(r, "status", admin_booking_statuses, &f->status) != OK ||
	    req_enum_opt(r, "paymentStatus", admin_payment_statuses, &f->payment_status) != OK ||
	    req_int_opt(r, "roomId", 1, 4294967295LL, 0, &f->room_id) != OK ||
	    req_int_opt(r, "eventId", 1, 4294967295LL, 0, &f->event_id) != OK ||
	    req_str_opt(r, "email", 254, NULL, &f->email) != OK ||
	    req_date_opt(r, "from", NULL, &f->from_date) != OK ||
	    req_date_opt(r, "to", NULL, &f->to_date) != OK ||
	    req_enum_opt(r, "sort", sorts, &sort) != OK ||
	    req_int_opt(r, "page", 1, 1000000, 1, &f->page) != OK ||
	    req_int_opt(r, "limit", 1, max_limit, def_limit, &f->limit) != OK)
		return ERR;
	if (f->from_date != NULL)
		day_bounds_utc(f->from_date, f->from, ignore);
	if (f->to_date != NULL)
		day_bounds_utc(f->to_date, ignore, f->to);
	f->by_created = sort != NULL && strcmp(sort, "created") == 0;
	f->offset = (f->page - 1) * f->limit;
	return OK;
}

/* One WHERE for the list, the count and the export. */
#define ADMIN_WHERE \
	" WHERE (? IS NULL OR b.status = ?) AND (? IS NULL OR b.payment_status = ?)" \
	" AND (? = 0 OR b.room_id = ?) AND (? = 0 OR t.event_id = ?)" \
	" AND (? IS NULL OR u.email = ?)" \
	" AND (? = '' OR t.start_time >= ?) AND (? = '' OR t.start_time < ?)"
#define ADMIN_ARGS(f) \
	(f)->status, (f)->status, (f)->payment_status, (f)->payment_status, \
	(f)->room_id, (f)->room_id, (f)->event_id, (f)->event_id, \
	(f)->email, (f)->email, (f)->from, (f)->from, (f)->to, (f)->to
#define ADMIN_TYPES "ssssllllssssss"

int
admin_bookings(struct db *db, struct arena *a, const struct admin_filter *f,
    struct booking **out, int *n, long long *total)
{
	struct db_res *res;

	res = db_query(db, a, BOOKING_SELECT ADMIN_WHERE
	    " ORDER BY IF(?, b.created_at, t.start_time) DESC, b.id DESC LIMIT ? OFFSET ?",
	    ADMIN_TYPES "ill", ADMIN_ARGS(f), f->by_created, f->limit, f->offset);
	if (booking_rows(a, res, out, n) != OK)
		return ERR;
	res = db_query(db, a, "SELECT COUNT(*) FROM bookings b JOIN users u ON u.id = b.user_id"
	    " JOIN timeslots t ON t.id = b.timeslot_id" ADMIN_WHERE, ADMIN_TYPES, ADMIN_ARGS(f));
	if (res == NULL)
		return ERR;
	*total = db_int(res, 0, 0);
	return OK;
}

struct each_booking {
	int	(*fn)(void *, const struct booking *);
	void	*ctx;
};

static int
each_booking_row(void *ctx, int ncols, char **values)
{
	struct each_booking *e = ctx;
	struct booking b;

	(void)ncols;
	booking_from_values(values, &b);
	return e->fn(e->ctx, &b);
}

int
admin_bookings_each(struct db *db, struct arena *a, const struct admin_filter *f,
    int (*fn)(void *, const struct booking *), void *ctx)
{
	struct each_booking e = { fn, ctx };

	return db_each(db, a, each_booking_row, &e, BOOKING_SELECT ADMIN_WHERE
	    " ORDER BY IF(?, b.created_at, t.start_time) DESC, b.id DESC",
	    ADMIN_TYPES "i", ADMIN_ARGS(f), f->by_created);
}

int
admin_booking_counts(struct db *db, struct arena *a, long long *counts)
{
	struct db_res *res;
	enum bk_status s;
	int i;

	res = db_query(db, a, "SELECT status, COUNT(*) FROM bookings GROUP BY status", "");
	if (res == NULL)
		return ERR;
	for (i = 0; i < BOOKING_STATUSES; i++)
		counts[i] = 0;
	for (i = 0; i < res->nrows; i++)
		if ((s = booking_status_parse(db_val(res, i, 0))) < BOOKING_STATUSES)
			counts[s] = db_int(res, i, 1);
	return OK;
}

int
admin_holds(struct db *db, struct arena *a, int limit, struct booking **out, int *n)
{
	return booking_rows(a, db_query(db, a, BOOKING_SELECT " WHERE b.status = 'pending'"
	    " AND b.hold_expires_at > UTC_TIMESTAMP() ORDER BY b.hold_expires_at, b.id"
	    " LIMIT ?", "i", limit), out, n);
}

int
admin_day_bookings(struct db *db, struct arena *a, const char *from, const char *to,
    int limit, struct booking **out, int *n)
{
	return booking_rows(a, db_query(db, a, BOOKING_SELECT
	    " WHERE t.start_time >= ? AND t.start_time < ? AND b.status <> 'cancelled'"
	    " ORDER BY t.start_time, r.name, b.id LIMIT ?", "ssi", from, to, limit),
	    out, n);
}

int
admin_occupancy(struct db *db, struct arena *a, const char *from, const char *to,
    struct admin_occupancy *o)
{
	struct db_res *res;

	res = db_query(db, a,
	    "SELECT COUNT(*), COALESCE(SUM(x.seats), 0), COALESCE(SUM(x.booked), 0)"
	    " FROM (SELECT t.max_bookings AS seats,"
	    "   (SELECT COUNT(*) FROM bookings b WHERE b.timeslot_id = t.id"
	    "     AND (b.status IN ('confirmed','completed','no_show')"
	    "     OR (b.status = 'pending' AND b.hold_expires_at > UTC_TIMESTAMP())))"
	    "   AS booked"
	    "  FROM timeslots t WHERE t.start_time >= ? AND t.start_time < ?"
	    "   AND t.status IN ('scheduled','in_progress','completed')) x",
	    "ss", from, to);
	if (res == NULL)
		return ERR;
	o->slots = db_int(res, 0, 0);
	o->seats = db_int(res, 0, 1);
	o->booked = db_int(res, 0, 2);
	return OK;
}

/* Newest first; the caller asks for one row more than a page to learn
 * whether another follows, without counting a table that only grows. */
int
admin_audit_list(struct db *db, struct arena *a, const struct admin_audit_filter *f,
    long long limit, long long offset, struct booking_event **out, int *n)
{
	return booking_events_from(a, db_query(db, a, BOOKING_EVENT_SELECT
	    " WHERE (? = 0 OR be.booking_id = ?) AND (? IS NULL OR u.email = ?)"
	    "   AND (? IS NULL OR a.email = ?) AND (? IS NULL OR be.type = ?)"
	    " ORDER BY be.id DESC LIMIT ? OFFSET ?",
	    "llssssssll", f->booking_id, f->booking_id, f->email, f->email,
	    f->actor_email, f->actor_email, f->type, f->type, limit, offset), out, n);
}
