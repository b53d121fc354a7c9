/* domain/admin.c: what admins change (rooms, events, timeslots) and the bookings
 * list they filter, shared by the admin pages and the admin API */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/fields.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/admin.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/slotgen.h"

const char *const admin_event_kinds[] = { "individual", "workshop", "course", NULL };
const char *const admin_payment_statuses[] = { "pending", "paid", "refunded", NULL };
const char *const admin_status_filters[] = {
	"pending", "confirmed", "cancelled", "completed", "no_show", "awaiting_approval", NULL
};

/*
 * A room's metadata is a JSON object, like {"floor": 2}, that the column's
 * JSON_VALID check takes. json-c's strict mode refuses most of what it
 * would not (trailing commas, comments, single-quoted values, text after
 * the object); for what json-c still lets through (NaN, Infinity,
 * single-quoted names, raw control characters, lone surrogates) MariaDB,
 * whose check it is, has the last word before the row is written.
 */
static int
check_metadata(struct db *db, struct arena *a, const char *meta,
    struct field_errors *fe)
{
	struct json_tokener *tok;
	struct json_object *o;
	struct db_res *res;
	size_t len;
	int object;

	if (meta == NULL || *meta == '\0')
		return OK;
	len = strlen(meta);
	tok = json_tokener_new();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, meta, (int)len);
	object = o != NULL && json_tokener_get_error(tok) == json_tokener_success &&
	    json_tokener_get_parse_end(tok) == len &&
	    json_object_is_type(o, json_type_object);
	json_object_put(o);
	json_tokener_free(tok);
	if (!object) {
		field_error(fe, "metadata", "Metadata must be a JSON object, like {\"floor\": 2}.");
		return OK;
	}
	if ((res = db_query(db, a, "SELECT JSON_VALID(?)", "s", meta)) == NULL)
		return ERR;
	if (db_int(res, 0, 0) != 1)
		field_error(fe, "metadata", "Metadata must be plain JSON: names and strings in"
		    " double quotes, control characters escaped, no NaN or Infinity.");
	return OK;
}

int
admin_room_save(struct db *db, struct arena *a, long long *id,
    const struct room_input *in, struct field_errors *fe)
{
	long long rows;
	int rc;

	if (check_metadata(db, a, in->metadata, fe) != OK)
		return ERR;
	if (fe->n > 0)
		return INVALID;
	if (*id == 0) {
		rows = db_exec(db, "INSERT INTO rooms (name, description, capacity,"
		    " room_type, hourly_rate, metadata, is_active, requires_approval, tax_free,"
		    " allow_guests, daily_rate, monthly_rate) VALUES (?, ?, ?, ?, ? / 100,"
		    " NULLIF(?, ''), ?, ?, ? > 0, ?, IF(? < 0, NULL, ? / 100),"
		    " IF(? < 0, NULL, ? / 100))",
		    "ssl" "sls" "iiii" "llll",
		    in->name, in->description ? in->description : "", in->capacity,
		    in->room_type, in->hourly_rate, in->metadata,
		    in->is_active < 0 ? 1 : in->is_active,
		    in->requires_approval < 0 ? 0 : in->requires_approval, in->tax_free,
		    in->allow_guests < 0 ? 1 : in->allow_guests,
		    in->daily_rate, in->daily_rate, in->monthly_rate, in->monthly_rate);
		if (rows < 0)
			return ERR;
		*id = db_insert_id(db);
		return OK;
	}
	if ((rc = db_found(db_query(db, a, "SELECT 1 FROM rooms WHERE id = ?", "l",
	    *id))) != OK)
		return rc;
	/* Each column keeps its value unless a new one was sent. */
	rows = db_exec(db, "UPDATE rooms SET name = COALESCE(?, name),"
	    " description = COALESCE(?, description),"
	    " room_type = COALESCE(?, room_type),"
	    " capacity = IF(? < 0, capacity, ?),"
	    " hourly_rate = IF(? < 0, hourly_rate, ? / 100),"
	    " metadata = IF(? IS NULL, metadata, NULLIF(?, '')),"
	    " is_active = IF(? < 0, is_active, ?),"
	    " requires_approval = IF(? < 0, requires_approval, ?),"
	    " tax_free = IF(? < 0, tax_free, ? > 0),"
	    " allow_guests = IF(? < 0, allow_guests, ?),"
	    " daily_rate = IF(? = -1, daily_rate, IF(? < 0, NULL, ? / 100)),"
	    " monthly_rate = IF(? = -1, monthly_rate, IF(? < 0, NULL, ? / 100)) WHERE id = ?",
	    "sssllll" "ssiiiiii" "ii" "llllll" "l", in->name, in->description, in->room_type,
	    in->capacity, in->capacity, in->hourly_rate, in->hourly_rate,
	    in->metadata, in->metadata, in->is_active, in->is_active,
	    in->requires_approval, in->requires_approval, in->tax_free, in->tax_free,
	    in->allow_guests, in->allow_guests,
	    in->daily_rate, in->daily_rate, in->daily_rate, in->monthly_rate, in->monthly_rate,
	    in->monthly_rate, *id);
	return rows < 0 ? ERR : OK;
}

int
admin_event_save(struct db *db, struct arena *a, long long *id,
    const struct event_input *in, struct field_errors *fe)
{
	int rc;

	if (in->room_id > 0 && (rc = db_found(db_query(db, a, "SELECT 1 FROM rooms"
	    " WHERE id = ?", "l", in->room_id))) != OK) {
		if (rc == ERR)
			return ERR;
		field_error(fe, "appointmentRoomId", "There is no room %lld.", in->room_id);
	}
	if (fe->n > 0)
		return INVALID;
	if (*id == 0) {
		if (db_exec(db, "INSERT INTO events (title, description, kind, course_price,"
		    " room_id, session_minutes, tax_free) VALUES (?, ?, ?,"
		    " IF(? < 0, NULL, ? / 100), NULLIF(GREATEST(?, 0), 0),"
		    " NULLIF(GREATEST(?, 0), 0), ? > 0)", "sssll" "lli",
		    in->title, in->description ? in->description : "", in->kind,
		    in->course_price, in->course_price, in->room_id, in->session_minutes,
		    in->tax_free) < 0)
			return ERR;
		*id = db_insert_id(db);
		return OK;
	}
	/* -1: not sent, kept; 0 clears. */
	if (db_exec(db, "UPDATE events SET title = COALESCE(?, title),"
	    " description = COALESCE(?, description),"
	    " kind = COALESCE(?, kind),"
	    " course_price = IF(? < 0, course_price, ? / 100),"
	    " room_id = IF(? < 0, room_id, NULLIF(?, 0)),"
	    " session_minutes = IF(? < 0, session_minutes, NULLIF(?, 0)),"
	    " tax_free = IF(? < 0, tax_free, ? > 0) WHERE id = ?",
	    "sssll" "llll" "ii" "l", in->title, in->description, in->kind, in->course_price,
	    in->course_price, in->room_id, in->room_id, in->session_minutes,
	    in->session_minutes, in->tax_free, in->tax_free, *id) < 0)
		return ERR;
	return db_found(db_query(db, a, "SELECT 1 FROM events WHERE id = ?", "l", *id));
}

long long
admin_event_publish(struct db *db, long long event_id)
{
	return db_exec(db, "UPDATE timeslots SET status = 'scheduled'"
	    " WHERE event_id = ? AND status = 'draft'", "l", event_id);
}

struct slot_save {
	struct arena		*arena;
	struct field_errors	*fe;
	long long		 id;
	long long		 room_id;
	long long		 event_id;
	char			 start[20];
	char			 end[20];
	long long		 price;
	long long		 capacity;
	long long		 seq;
	const char		*status;
	const struct slot_input	*in;
};

/* Each try starts from what was asked, not from what a failed try filled
 * in: a retried numbering must not keep the number a lost try read. */
static void
slot_try(struct slot_save *c)
{
	memcpy(c->start, c->in->start, sizeof(c->start));
	memcpy(c->end, c->in->end, sizeof(c->end));
	c->price = c->in->price;
	c->capacity = c->in->capacity;
	c->seq = c->in->sequence_no;
	c->status = c->in->status;
}

static int
slot_create_txn(struct db *db, void *ctx)
{
	struct slot_save *c = ctx;
	struct db_res *res;
	struct room room;
	struct slot other;
	time_t s, e;
	int rc;

	slot_try(c);
	/* The room's row first: two admins adding sessions to one room take
	 * turns, so each sees the other's before checking for an overlap. */
	if ((rc = room_hold(db, c->room_id)) == OK)
		rc = room_get(db, c->arena, c->room_id, &room);
	if (rc == NOT_FOUND) {
		field_error(c->fe, "roomId", "There is no room %lld.", c->room_id);
		return CONFLICT;
	}
	if (rc != OK)
		return ERR;
	if (c->event_id > 0) {
		/* The event's row is written, not only locked, so that two
		 * nodes numbering its sessions at once conflict
		 * (sql/045_event_turns.sql); the highest number, read after
		 * it, then counts every session committed before. */
		if ((rc = event_hold(db, c->event_id)) == NOT_FOUND) {
			field_error(c->fe, "eventId", "There is no event %lld.", c->event_id);
			return CONFLICT;
		}
		if (rc != OK)
			return ERR;
		res = db_query(db, c->arena, "SELECT kind, (SELECT COALESCE(MAX(sequence_no), 0)"
		    " + 1 FROM timeslots WHERE event_id = e.id) FROM events e WHERE id = ?", "l",
		    c->event_id);
		if (res == NULL || res->nrows == 0)
			return ERR;
		/* Course sessions are numbered in order of creation. */
		if (c->seq < 0 && strcmp(db_val(res, 0, 0), "course") == 0)
			c->seq = db_int(res, 0, 1);
	}
	if ((rc = slot_overlap(db, c->arena, c->room_id, c->start, c->end, 0,
	    &other)) != OK) {
		if (rc == OVERLAPS)
			slot_overlap_error(c->arena, c->fe, "startTime", &other);
		return rc;
	}
	dbtime_parse(c->start, &s);
	dbtime_parse(c->end, &e);
	if (c->price < 0)
		c->price = slotgen_price(room.hourly_rate, (int)((e - s) / 60));
	/* A room's own timeslot books the whole room; seats are for an
	 * event's sessions. */
	if (c->capacity < 0)
		c->capacity = c->event_id > 0 ? room.capacity : 1;
	if (c->status == NULL)
		c->status = c->event_id > 0 ? "draft" : "scheduled";
	if (db_exec(db, "INSERT INTO timeslots (room_id, event_id, start_time, end_time,"
	    " price, max_bookings, status, sequence_no) VALUES (?, NULLIF(?, 0), ?, ?,"
	    " ? / 100, ?, ?, IF(? < 0, NULL, ?))", "llsslls" "ll", c->room_id,
	    c->event_id, c->start, c->end, c->price, c->capacity, c->status,
	    c->seq, c->seq) < 0) {
		if (db_errno(db) != DB_DUP_KEY)
			return ERR;
		field_error(c->fe, "startTime", "This room already has a timeslot starting then.");
		return CONFLICT;
	}
	c->id = db_insert_id(db);
	return OK;
}

static int
slot_update_txn(struct db *db, void *ctx)
{
	struct slot_save *c = ctx;
	struct db_res *res;
	struct slot other;
	long long active;
	const char *status;
	int rc, released;

	slot_try(c);
	/* Its room's row with it, as a new timeslot takes it. */
	res = db_query(db, c->arena, "SELECT t.status, t.start_time, t.end_time, t.booked,"
	    " t.room_id FROM timeslots t WHERE t.id = ? FOR UPDATE", "l", c->id);
	if ((rc = db_found(res)) != OK || (rc = room_hold(db, db_int(res, 0, 4))) != OK)
		return rc;
	/* Holds that ran out give their seats back before capacity is
	 * weighed against the counter (and its CHECK). */
	if (booking_release_lapsed(db, c->arena, c->id, &released) != OK)
		return ERR;
	status = db_val(res, 0, 0);
	active = db_int(res, 0, 3) - released;
	if (*c->start == '\0')
		memcpy(c->start, db_val(res, 0, 1), 20);
	if (*c->end == '\0')
		memcpy(c->end, db_val(res, 0, 2), 20);
	if (strcmp(c->end, c->start) <= 0)
		field_error(c->fe, "endTime", "The end must be after the start.");
	if (active > 0 && (strcmp(c->start, db_val(res, 0, 1)) != 0 ||
	    strcmp(c->end, db_val(res, 0, 2)) != 0))
		field_error(c->fe, "startTime", "%lld bookings hold seats in this timeslot: "
		    "move or cancel them before changing its time.", active);
	if (c->capacity >= 0 && c->capacity < active)
		field_error(c->fe, "maxBookings", "%lld seats are booked; capacity cannot be lower.",
		    active);
	/* A cancellation never gets here: admin_slot_save() sends it to
	 * admin_slot_cancel(), which also cancels the bookings. */
	if (c->status != NULL && strcmp(status, c->status) != 0 &&
	    !slot_move_allowed(status, c->status))
		field_error(c->fe, "status", "A %s timeslot cannot become %s.", status, c->status);
	if (c->fe->n > 0)
		return CONFLICT;
	if (strcmp(status, "canceled") != 0 && (rc = slot_overlap(db, c->arena,
	    db_int(res, 0, 4), c->start, c->end, c->id, &other)) != OK) {
		if (rc == OVERLAPS)
			slot_overlap_error(c->arena, c->fe, "startTime", &other);
		return rc;
	}
	if (db_exec(db, "UPDATE timeslots SET start_time = ?, end_time = ?,"
	    " price = IF(? < 0, price, ? / 100), max_bookings = IF(? < 0, max_bookings, ?),"
	    " status = COALESCE(?, status), sequence_no = IF(? < 0, sequence_no, ?)"
	    " WHERE id = ?", "sslll" "lsll" "l", c->start, c->end, c->price, c->price,
	    c->capacity, c->capacity, c->status, c->seq, c->seq, c->id) < 0) {
		if (db_errno(db) != DB_DUP_KEY)
			return ERR;
		field_error(c->fe, "startTime", "This room already has a timeslot starting then.");
		return CONFLICT;
	}
	/* Bookings keep a copy of their timeslot's times (for their lists). */
	if (db_exec(db, "UPDATE bookings SET start_time = ?, end_time = ?"
	    " WHERE timeslot_id = ?", "ssl", c->start, c->end, c->id) < 0)
		return ERR;
	return OK;
}

int
admin_slot_cancel(struct db *db, struct arena *a, const struct actor *who,
    long long id, struct field_errors *fe, int *cancelled)
{
	int rc = booking_cancel_slot(db, a, who, id, cancelled);

	if (rc == INVALID_STATE) {
		field_error(fe, "status", "This timeslot is already cancelled or completed.");
		return CONFLICT;
	}
	return rc == OK || rc == NOT_FOUND ? rc : ERR;
}

int
admin_slot_save(struct db *db, struct arena *a, const struct actor *who,
    long long *id, const struct slot_input *in, struct field_errors *fe)
{
	struct slot_save c = { a, fe, *id, in->room_id, in->event_id, "", "",
	    0, 0, 0, NULL, in };
	int rc, n;

	slot_try(&c);
	if (*id == 0 && *c.start != '\0' && *c.end != '\0' && strcmp(c.end, c.start) <= 0)
		field_error(fe, "endTime", "The end must be after the start.");
	if (fe->n > 0)
		return INVALID;
	if (*id != 0 && c.status != NULL && strcmp(c.status, "canceled") == 0)
		/* Cancelling also cancels and refunds the bookings: its own
		 * transaction, and nothing else may change with it. */
		return admin_slot_cancel(db, a, who, *id, fe, &n);
	rc = db_txn(db, *id == 0 ? slot_create_txn : slot_update_txn, &c);
	if (rc == OK)
		*id = c.id;
	return rc;
}

/*
 * The WHERE of the filters given and nothing else, on bookings b alone,
 * for the list, its count and the export: fixed column names, every value
 * bound. Each common filter is then one index range read in the list's
 * order (sql/013_booking_lists.sql): the status or the room with the start
 * (bookings_status_start, bookings_room_start), the owner
 * (bookings_user_start), dates alone (bookings_start), the creation sort
 * (bookings_created); an event's bookings are those of its few timeslots.
 */
static const char *
admin_where(struct arena *a, const struct admin_filter *f, struct db_args *g)
{
	struct buf w;

	buf_init(&w, a);
	buf_puts(&w, " WHERE TRUE");
	/* A hold that ran out reads as cancelled (booking.h). */
	if (f->status != NULL && strcmp(f->status, "pending") == 0)
		buf_puts(&w, " AND b.status = 'pending' AND NOT " BOOKING_LAPSED);
	else if (f->status != NULL && strcmp(f->status, "awaiting_approval") == 0)
		buf_puts(&w, " AND b.status = 'pending' AND b.approval = 'awaiting'");
	else if (f->status != NULL && strcmp(f->status, "cancelled") == 0)
		buf_puts(&w, " AND b.status IN ('cancelled', 'pending')"
		    " AND (b.status = 'cancelled' OR " BOOKING_LAPSED ")");
	else if (f->status != NULL) {
		buf_puts(&w, " AND b.status = ?");
		db_args_str(g, f->status);
	}
	if (f->payment_status != NULL) {
		buf_puts(&w, " AND b.payment_status = ?");
		db_args_str(g, f->payment_status);
	}
	if (f->room_id != 0) {
		buf_puts(&w, " AND b.room_id = ?");
		db_args_int(g, f->room_id);
	}
	if (f->event_id != 0) {
		buf_puts(&w, " AND b.timeslot_id IN (SELECT id FROM timeslots WHERE event_id = ?)");
		db_args_int(g, f->event_id);
	}
	if (f->email != NULL) {
		buf_puts(&w, " AND b.user_id = (SELECT id FROM users WHERE email = ?)");
		db_args_str(g, f->email);
	}
	if (*f->from != '\0') {
		buf_puts(&w, " AND b.start_time >= ?");
		db_args_str(g, f->from);
	}
	if (*f->to != '\0') {
		buf_puts(&w, " AND b.start_time < ?");
		db_args_str(g, f->to);
	}
	/* A range on the sort column, so that the forced index is read as a
	 * range in its order: without one MariaDB scans the table and sorts
	 * it, whatever the hint says (an event's few bookings are sorted). */
	if (f->event_id == 0 && (f->by_created || *f->from == '\0'))
		buf_puts(&w, f->by_created ? " AND b.created_at >= '1000-01-01'" :
		    " AND b.start_time >= '1000-01-01'");
	return buf_cstr(&w);
}

/* The index a filter and sort read through, the most selective filter
 * first: an owner's bookings, then (NULL) an event's, a room's, a
 * status's, else all by time. */
static const char *
admin_index(const struct admin_filter *f)
{
	if (f->email != NULL)
		return f->by_created ? "bookings_user_created" : "bookings_user_start";
	if (f->event_id != 0)
		return NULL;
	if (f->by_created)
		return "bookings_created";
	if (f->room_id != 0)
		return "bookings_room_start";
	if (f->status != NULL)
		return "bookings_status_start";
	return "bookings_start";
}

/* BOOKING_SELECT_BY the filter's index (an event's: as the optimizer
 * likes, from the event's timeslots), then its WHERE; named: without the
 * rooms' names and the events' titles (admin_named). */
static const char *
admin_select(struct arena *a, const struct admin_filter *f, const char *where, int named)
{
	if (admin_index(f) == NULL)
		return arena_printf(a, "%s%s", BOOKING_SELECT, where);
	if (named)
		return arena_printf(a, "SELECT STRAIGHT_JOIN " BOOKING_COLUMNS_BEFORE_NAMES
		    " NULL, NULL," BOOKING_COLUMNS_AFTER_NAMES " FROM bookings b FORCE INDEX (%s)"
		    " JOIN users u ON u.id = b.user_id JOIN timeslots t ON t.id = b.timeslot_id%s",
		    admin_index(f), where);
	return arena_printf(a, "SELECT STRAIGHT_JOIN " BOOKING_COLUMNS
	    " FROM bookings b FORCE INDEX (%s)" BOOKING_JOINS "%s", admin_index(f), where);
}

static const char *
name_by_id(const struct admin_name *names, int n, long long id)
{
	int i;

	for (i = 0; i < n; i++)
		if (names[i].id == id)
			return names[i].name;
	return NULL;
}

/* The rooms' names and the events' titles a page's rows were read
 * without: a scan of the catalogue per row, fifty rows a page. */
static void
admin_named(const struct admin_names *m, struct booking *rows, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (rows[i].room_name == NULL)
			rows[i].room_name = name_by_id(m->rooms, m->nrooms, rows[i].room_id);
		if (rows[i].event_title == NULL && rows[i].event_id != 0)
			rows[i].event_title = name_by_id(m->events, m->nevents, rows[i].event_id);
	}
}

/*
 * The names as last read, for the whole process: the list is read at every
 * look at the bookings list (0.5 ms of MariaDB's time and 0.1 ms of the
 * worker's for 400 rooms), and changes seldom. catalogue_changes counts
 * its changes (sql/047); a copy read after the count is never older than
 * it, so it serves while the count stays the same. Each request takes a
 * copy of its own, as another may replace the kept one meanwhile.
 */
static struct {
	int		 valid;
	long long	 changes;	/* catalogue_changes.n it was read at */
	struct arena	 arena;		/* holds names */
	struct admin_names names;
} names_kept;
static pthread_mutex_t names_lock = PTHREAD_MUTEX_INITIALIZER;

static void
names_copy(struct arena *a, struct admin_names *to, const struct admin_names *from)
{
	struct admin_name *x;
	int i, n = from->nrooms + from->nevents;

	x = arena_calloc(a, (size_t)n + 1, sizeof(*x));
	for (i = 0; i < n; i++) {
		x[i] = from->rooms[i];
		x[i].name = arena_strdup(a, from->rooms[i].name);
	}
	to->rooms = x;
	to->nrooms = from->nrooms;
	to->events = x + from->nrooms;
	to->nevents = from->nevents;
}

static int
names_read(struct db *db, struct arena *a, struct admin_names *m)
{
	struct db_res *res;
	struct admin_name *x;
	int i;

	/* Rooms first ('r' > 'e'), each kind by name as its own list has it;
	 * the events follow the rooms in one array (names_copy). */
	res = db_query(db, a, "SELECT 'r', id, name, is_active FROM rooms"
	    " UNION ALL SELECT 'e', id, title, 1 FROM events ORDER BY 1 DESC, 3, 2", "");
	if (res == NULL)
		return ERR;
	memset(m, 0, sizeof(*m));
	m->rooms = arena_calloc(a, (size_t)res->nrows + 1, sizeof(*m->rooms));
	for (i = 0; i < res->nrows; i++) {
		if (*db_val(res, i, 0) == 'r')
			x = &m->rooms[m->nrooms++];
		else
			x = &m->rooms[m->nrooms + m->nevents++];
		x->id = db_int(res, i, 1);
		x->name = db_val(res, i, 2);
		x->active = db_int(res, i, 3) != 0;
	}
	m->events = m->rooms + m->nrooms;
	return OK;
}

int
admin_filter_names(struct db *db, struct arena *a, struct admin_names *m)
{
	struct db_res *res;
	long long changes;
	int kept = 0;

	if ((res = db_query(db, a, "SELECT n FROM catalogue_changes WHERE id = 1", "")) == NULL)
		return ERR;
	if (res->nrows == 0)
		return names_read(db, a, m);
	changes = db_int(res, 0, 0);
	pthread_mutex_lock(&names_lock);
	if (names_kept.valid && names_kept.changes == changes) {
		names_copy(a, m, &names_kept.names);
		kept = 1;
	}
	pthread_mutex_unlock(&names_lock);
	if (kept)
		return OK;
	if (names_read(db, a, m) != OK)
		return ERR;
	pthread_mutex_lock(&names_lock);
	arena_reset(&names_kept.arena);
	names_copy(&names_kept.arena, &names_kept.names, m);
	names_kept.changes = changes;
	names_kept.valid = 1;
	pthread_mutex_unlock(&names_lock);
	return OK;
}

int
admin_bookings(struct db *db, struct arena *a, const struct admin_filter *f,
    const struct admin_names *names, struct booking **out, int *n, struct list_page *page)
{
	struct db_args g = { 0 };
	const char *where = admin_where(a, f, &g);
	struct db_args lg;
	struct buf q;

	memset(page, 0, sizeof(*page));
	buf_init(&q, a);
	buf_puts(&q, admin_select(a, f, where, names != NULL));
	lg = g;
	booking_keyset(&q, &lg, f->by_created ? "b.created_at" : "b.start_time", 1,
	    &f->cursor, f->limit);
	if (booking_rows(a, db_query_args(db, a, buf_cstr(&q), &lg), out, n) != OK)
		return ERR;
	if (names != NULL)
		admin_named(names, *out, *n);
	/* A first page with room to spare holds every match: that is the
	 * count, and no statement need read them again. */
	if (f->cursor.dir == 0 && *n <= f->limit)
		page->total = *n;
	else if (booking_count(db, a, admin_index(f), where, &g, page) != OK)
		return ERR;
	booking_page_of(a, *out, n, f->limit, &f->cursor, f->by_created, page);
	return OK;
}

/* Names by id, sorted, for the export: rooms, and the event of each event
 * session. Both are the catalogue's size, never the bookings'. */
struct names {
	int		 n;
	long long	*ids;
	long long	*event_ids;	/* sessions only */
	const char	**names;
};

static int
names_load(struct db *db, struct arena *a, const char *sql, struct names *m)
{
	struct db_res *res = db_query(db, a, sql, "");
	int i;

	if (res == NULL)
		return ERR;
	m->n = res->nrows;
	m->ids = arena_calloc(a, (size_t)m->n + 1, sizeof(*m->ids));
	m->event_ids = arena_calloc(a, (size_t)m->n + 1, sizeof(*m->event_ids));
	m->names = arena_calloc(a, (size_t)m->n + 1, sizeof(*m->names));
	for (i = 0; i < m->n; i++) {
		m->ids[i] = db_int(res, i, 0);
		m->event_ids[i] = db_int(res, i, 1);
		m->names[i] = db_val(res, i, 2);
	}
	return OK;
}

/* The index of id in m, or -1. */
static int
names_find(const struct names *m, long long id)
{
	int lo = 0, hi = m->n - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (m->ids[mid] == id)
			return mid;
		if (m->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

struct each_booking {
	int		(*fn)(void *, const struct booking *);
	void		*ctx;
	struct names	 rooms;
	struct names	 sessions;
};

static int
each_booking_row(void *ctx, int ncols, char **values)
{
	struct each_booking *e = ctx;
	struct booking b;
	int k;

	(void)ncols;
	booking_from_values(values, &b);
	if ((k = names_find(&e->rooms, b.room_id)) >= 0)
		b.room_name = e->rooms.names[k];
	if ((k = names_find(&e->sessions, b.timeslot_id)) >= 0) {
		b.event_id = e->sessions.event_ids[k];
		b.event_title = e->sessions.names[k];
	}
	return e->fn(e->ctx, &b);
}

/* What the export writes, in BOOKING_COLUMNS' order, from bookings and
 * users alone: the room's name and the event's title come from the
 * catalogue read first, since a primary-key lookup per row and table was
 * most of MariaDB's time for a large export. */
#define EXPORT_COLUMNS \
	"b.id, b.user_id, b.timeslot_id, b.room_id, NULL, " BOOKING_STATUS_SHOWN "," \
	" b.payment_status, b.payment_id, NULL, b.booking_type, b.price," \
	" b.refund_amount, b.created_at, b.updated_at," \
	" IF(" BOOKING_LAPSED ", b.hold_expires_at, b.cancelled_at)," \
	" b.checked_in_at, b.checked_out_at, b.hold_expires_at, u.name, u.email," \
	" b.start_time, b.end_time, NULL, NULL, b.paid_amount, " BOOKING_LAPSED ", b.order_id," \
	" " BOOKING_AWAITING "," \
	" b.base_price, b.discount_amount, b.tax_amount, NULL"

/* In the index's order, so the first row leaves MariaDB at once instead of
 * after a sort of them all. */
int
admin_bookings_each(struct db *db, struct arena *a, const struct admin_filter *f,
    int (*fn)(void *, const struct booking *), void *ctx)
{
	struct each_booking e = { fn, ctx, { 0, NULL, NULL, NULL }, { 0, NULL, NULL, NULL } };
	struct db_args g = { 0 };
	const char *where = admin_where(a, f, &g), *index = admin_index(f);

	if (names_load(db, a, "SELECT id, 0, name FROM rooms ORDER BY id", &e.rooms) != OK ||
	    names_load(db, a, "SELECT t.id, e.id, e.title FROM timeslots t"
	    " JOIN events e ON e.id = t.event_id ORDER BY t.id", &e.sessions) != OK)
		return ERR;
	/* (an event's few bookings: as the optimizer likes, see admin_index) */
	return db_each_args(db, a, each_booking_row, &e, arena_printf(a,
	    "SELECT %s" EXPORT_COLUMNS " FROM bookings b%s%s%s"
	    " JOIN users u ON u.id = b.user_id%s ORDER BY %s DESC, b.id DESC",
	    index ? "STRAIGHT_JOIN " : "", index ? " FORCE INDEX (" : "",
	    index ? index : "", index ? ")" : "", where,
	    f->by_created ? "b.created_at" : "b.start_time"), &g);
}

int
admin_booking_counts(struct db *db, struct arena *a, long long *counts)
{
	struct db_res *res;
	enum bk_status s;
	int i;

	res = db_query(db, a, "SELECT " BOOKING_STATUS_SHOWN ", COUNT(*) FROM bookings b"
	    " GROUP BY 1", "");
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
	    "   AND NOT " BOOKING_LAPSED
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
	    "     AND " BOOKING_USES_SEAT ")"
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
