/* domain/booking.h: the booking rules (capacity, holds, cancel and refunds,
 * reactivate, reschedule), one implementation for the pages and the API */
#ifndef BOOKING_H
#define BOOKING_H

#include <time.h>

/* Actions return OK, ERR, NOT_FOUND (no such booking, or not the actor's;
 * for booking_create, no such timeslot) or one of the booking refusals of
 * core/result.h. */
#include "core/result.h"
#include "domain/actor.h"

struct arena;
struct db;

/* A booking's status, parsed once from the status column. */
enum bk_status {
	BOOKING_PENDING,	/* holding a seat until paid, or until the hold runs out */
	BOOKING_CONFIRMED,
	BOOKING_CANCELLED,
	BOOKING_COMPLETED,
	BOOKING_NO_SHOW,
	BOOKING_STATUSES	/* how many there are */
};

/* Their names in the database and the API, in enum order, NULL-ended. */
extern const char *const booking_statuses[];
/* BOOKING_STATUSES for a name that is none of them. */
enum bk_status booking_status_parse(const char *);

/* What can be done to a booking. Which status each starts from, and what
 * else it needs, is one table in booking.c (rules 5, 6 and 9). */
enum bk_action {
	BK_CANCEL,		/* pending or confirmed -> cancelled, refund by rule 6 */
	BK_REACTIVATE,		/* cancelled -> confirmed or pending, if a seat is free */
	BK_RESCHEDULE,		/* confirmed, not started: another time, same room */
	BK_CONFIRM,		/* admin: pending -> confirmed, paid */
	BK_COMPLETE,		/* admin: confirmed and started -> completed */
	BK_NO_SHOW,		/* admin: confirmed and started -> no_show */
	BK_CHECK_IN,		/* confirmed: records the arrival (an admin from
				 * BOOKING_CHECK_IN_MINUTES before the start, the
				 * owner from BOOKING_OWNER_CHECK_IN_MINUTES before
				 * it until the end) */
	BK_CHECK_OUT,		/* confirmed and checked in: the departure */
	BK_REVIEW,		/* the owner: completed (reviews.c: once) */
	BK_APPROVE,		/* admin: awaiting approval -> confirmed, or held
				 * for payment when there is something to pay */
	BK_DECLINE,		/* admin: awaiting approval -> cancelled */
	BK_ACTIONS
};

/* How long before its start a booking's guest can be checked in by an
 * admin, and how long before it the owner can check in. */
#define BOOKING_CHECK_IN_MINUTES	30
#define BOOKING_OWNER_CHECK_IN_MINUTES	15

/* A booking is active while pending or confirmed: one per user and
 * timeslot (the unique key bookings_one_active), for bookings named b. */
#define BOOKING_ACTIVE	"b.status IN ('pending','confirmed')"

/* A booking holds a seat while it is confirmed, or pending with its hold
 * still running (an expired hold is cancelled by the next booking of the
 * timeslot, or by bookingctl expire-holds) or awaiting an admin's
 * approval: the SQL test, for bookings named b. */
#define BOOKING_HOLDS_SEAT \
	"(b.status = 'confirmed' OR (b.status = 'pending'" \
	" AND (b.hold_expires_at > UTC_TIMESTAMP() OR b.approval <=> 'awaiting')))"
/* A booking used its seat or holds it: held, completed or missed (a
 * no-show's seat went unsold all the same), as occupancy counts seats. */
#define BOOKING_USES_SEAT \
	"(b.status IN ('completed','no_show') OR " BOOKING_HOLDS_SEAT ")"

struct booking {
	long long	 id;
	long long	 user_id;
	long long	 timeslot_id;
	long long	 room_id;
	long long	 event_id;
	long long	 order_id;	/* 0: made before orders were */
	const char	*status;
	enum bk_status	 state;		/* status, parsed */
	int		 hold_lapsed;	/* shown cancelled, still pending in its row */
	int		 awaiting;	/* pending an admin's approval (BOOKING_AWAITING) */
	const char	*payment_status;
	const char	*payment_id;
	const char	*notes;
	const char	*booking_type;
	long long	 price;		/* cents: what it costs in all (total_price) */
	long long	 base_price;	/* its parts (prices.h): the timeslot's price */
	long long	 discount_amount;
	long long	 tax_amount;
	long long	 paid_amount;	/* cents paid and not refunded (rule 16) */
	long long	 refund_amount;	/* cents refunded or due, in all */
	const char	*created_at;
	const char	*updated_at;
	const char	*cancelled_at;
	const char	*checked_in_at;
	const char	*checked_out_at;
	const char	*hold_expires_at;
	const char	*user_name;
	const char	*user_email;
	const char	*start;
	const char	*end;
	const char	*room_name;
	const char	*event_title;
	const char	*ticket_code;	/* its ticket, shown once confirmed */
};

/* Whether b, as it is at time now, allows who to do action: the
 * transactions refuse what it refuses (INVALID_STATE), and the pages
 * show the buttons of what it allows. */
int	booking_allows(const struct booking *, enum bk_action,
	    const struct actor *who, time_t now);

/* A pending booking whose hold has run out, for bookings named b: the job
 * or the next booking of its timeslot cancels it, and until then every
 * read shows it as released. One with no hold (awaiting approval) has not:
 * false, never NULL, so "NOT BOOKING_LAPSED" keeps it. */
#define BOOKING_LAPSED \
	"(b.status = 'pending' AND b.hold_expires_at IS NOT NULL" \
	" AND b.hold_expires_at <= UTC_TIMESTAMP())"
/* A booking of a room that requires approval, waiting for an admin's
 * decision: pending with no hold expiry, its seat held. */
#define BOOKING_AWAITING \
	"(b.status = 'pending' AND b.approval <=> 'awaiting')"
/* The status every read shows: cancelled for a lapsed hold. */
#define BOOKING_STATUS_SHOWN \
	"IF(" BOOKING_LAPSED ", 'cancelled', b.status)"

/* The columns booking_from_values() reads, with the joins they need. */
#define BOOKING_COLUMNS \
	BOOKING_COLUMNS_BEFORE_NAMES " r.name, e.title," BOOKING_COLUMNS_AFTER_NAMES
/* Its columns around the room's name and the event's title (which a list
 * may take from the catalogue instead of two lookups a row). */
#define BOOKING_COLUMNS_BEFORE_NAMES \
	"b.id, b.user_id, b.timeslot_id, b.room_id, t.event_id," \
	" " BOOKING_STATUS_SHOWN "," \
	" b.payment_status, b.payment_id, b.notes, b.booking_type, b.price," \
	" b.refund_amount, b.created_at, b.updated_at," \
	" IF(" BOOKING_LAPSED ", b.hold_expires_at, b.cancelled_at)," \
	" b.checked_in_at, b.checked_out_at, b.hold_expires_at, u.name, u.email," \
	" t.start_time, t.end_time,"
#define BOOKING_COLUMNS_AFTER_NAMES \
	" b.paid_amount," \
	" " BOOKING_LAPSED ", b.order_id, " BOOKING_AWAITING "," \
	" b.base_price, b.discount_amount, b.tax_amount, b.ticket_code"
#define BOOKING_JOINS \
	" JOIN users u ON u.id = b.user_id" \
	" JOIN timeslots t ON t.id = b.timeslot_id JOIN rooms r ON r.id = b.room_id" \
	" LEFT JOIN events e ON e.id = t.event_id"
#define BOOKING_SELECT	"SELECT " BOOKING_COLUMNS " FROM bookings b" BOOKING_JOINS
/* The same read from bookings through the named index first, then the
 * joins in the order written: a list reads its rows in that index's order
 * and stops at its LIMIT (or streams, for an export), where the optimizer
 * left to itself may start from a small table and sort everything. */
#define BOOKING_SELECT_BY(index) \
	"SELECT STRAIGHT_JOIN " BOOKING_COLUMNS " FROM bookings b FORCE INDEX (" \
	index ")" BOOKING_JOINS

void	booking_from_values(char *const *values, struct booking *);
struct db_res;
/* Every row of a BOOKING_SELECT query (res NULL: it failed, ERR). */
int	booking_rows(struct arena *, const struct db_res *, struct booking **,
	    int *n);

/* One entry of a booking's history (booking_events). */
struct booking_event {
	long long	 booking_id;
	const char	*type;
	const char	*old_status;
	const char	*new_status;
	const char	*data;		/* JSON text or NULL */
	const char	*created_at;
	const char	*actor_name;	/* "system" when no user acted */
	const char	*actor_email;	/* NULL for the system */
	const char	*user_name;	/* the booking's owner */
	const char	*user_email;
};

/* The columns booking_events_from() reads. */
#define BOOKING_EVENT_SELECT \
	"SELECT be.booking_id, be.type, be.old_status, be.new_status, be.data," \
	"  be.created_at, COALESCE(a.name, 'system'), a.email, u.name, u.email" \
	" FROM booking_events be JOIN bookings b ON b.id = be.booking_id" \
	" JOIN users u ON u.id = b.user_id LEFT JOIN users a ON a.id = be.actor_id"

int	booking_events_from(struct arena *, const struct db_res *,
	    struct booking_event **, int *n);

/*
 * Lists of bookings page by keyset, never by OFFSET: a page starts after
 * (or, going back, before) the sort key and id of the row the previous one
 * ended on, which an index reads from there whatever the page's depth.
 * The cursor is that position as URL-safe text: "a" (after) or "b"
 * (before), the key's 14 digits, "-", the id, "p" and the number of the
 * page it leads to (which the API says as every list's "page").
 */
struct list_cursor {
	int		 dir;		/* 1: after, -1: before, 0: the first page */
	char		 key[20];	/* "YYYY-MM-DD HH:MM:SS" */
	long long	 id;
	long long	 page;		/* from 1 */
};

/* 0 for a cursor booking_cursor_text() could have made, else -1. */
int	booking_cursor_parse(const char *text, struct list_cursor *);
const char *booking_cursor_text(struct arena *, int dir, const char *key,
	    long long id, long long page);

/* Counts stop here: a list shows "more than 10,000" past it. */
#define LIST_COUNT_MAX	10000

/* What a page of a list says besides its rows. */
struct list_page {
	long long	 number;	/* this page's, from 1 */
	const char	*next;		/* the next page's cursor, or NULL */
	const char	*prev;		/* the previous page's, or NULL */
	long long	 total;		/* the rows the filter matches, up to LIST_COUNT_MAX */
	int		 more;		/* more than LIST_COUNT_MAX match */
};

struct db_args;
struct buf;
/*
 * The end of a keyset query over bookings b sorted by key (a column of b,
 * then b.id), newest first when desc: the cursor's condition (" AND ..."),
 * the ORDER BY (turned round for a previous page) and a LIMIT of one row
 * more than the page, which says whether another page follows.
 */
void	booking_keyset(struct buf *sql, struct db_args *, const char *key, int desc,
	    const struct list_cursor *, long long limit);
/* The rows of such a query made a page: the extra row dropped, a
 * previous page put back in order, and the next and previous cursors
 * (by_created: the key is created_at, else the start). */
void	booking_page_of(struct arena *, struct booking *, int *n, long long limit,
	    const struct list_cursor *, int by_created, struct list_page *);
/* The bounded count of the bookings b that where (" WHERE ...") matches,
 * read through index (NULL: the optimizer's choice), into page. */
int	booking_count(struct db *, struct arena *, const char *index,
	    const char *where, const struct db_args *, struct list_page *);

struct booking_filter {
	long long	 user_id;	/* whose bookings */
	const char	*status;	/* NULL: any */
	const char	*tab;		/* "upcoming", "past", "cancelled" or NULL */
	long long	 limit;
	struct list_cursor cursor;
};

/* A booking the actor may see (the owner's, or any for an admin). */
int	booking_get(struct db *, struct arena *, long long id,
	    const struct actor *, struct booking *);
/* A page of the user's bookings; with count, page->total is counted. */
int	booking_list(struct db *, struct arena *, const struct booking_filter *,
	    struct booking **, int *n, int count, struct list_page *);
/* Every booking of a timeslot, in the order they were made. */
int	booking_list_slot(struct db *, struct arena *, long long slot_id,
	    struct booking **, int *n);
/* The user's booking holding a seat of the timeslot (pending or
 * confirmed), or 0 in *id when there is none. */
int	booking_active_id(struct db *, struct arena *, long long slot_id,
	    long long user_id, long long *id);
/* The booking's history, oldest first. */
int	booking_history(struct db *, struct arena *, long long id,
	    struct booking_event **, int *n);

/*
 * The seat counter: timeslots.booked is the number of the timeslot's
 * bookings that are pending or confirmed, and this is the only code that
 * changes it. Every change that makes a booking active or not calls it in
 * that change's transaction, with the timeslot's row locked (lock_slot, or
 * after the booking's row, in the locking order of booking.c): +1 when a
 * booking takes a seat (book, reactivate, a paid lapsed hold taken again,
 * a checkout's or enrolment's booking), -1 when it gives one back (cancel,
 * an expired hold, complete, no-show, a cancelled timeslot), and on a move
 * -1 on the old timeslot and +1 on the new. SLOT_FULL when the counter's
 * CHECK (booked <= max_bookings) refuses, so the caller's transaction
 * rolls back instead of overbooking; ERR on any other failure.
 */
int	booking_seats_add(struct db *, long long slot_id, int delta);

/* Takes user id's row by a write (users.turns, sql/043_user_turns.sql), so
 * that what decides from the user's rows (the booking limits, a cart's
 * size, the one feed in force) takes turns, on one node and across a
 * Galera cluster. */
int	user_hold(struct db *, long long user_id);

/* The seats a timeslot named t has taken, as the pages show them: its
 * counter less the holds that ran out and are not released yet, counted
 * only for a timeslot past its holds_lapse_at (sql/037_hold_hints.sql): a
 * function call, not a subquery, which MariaDB would plan on every
 * execution of every statement that lists timeslots. */
#define BOOKING_SEATS_TAKEN \
	"(CAST(t.booked AS SIGNED) - IF(t.holds_lapse_at <= UTC_TIMESTAMP()," \
	" CAST(seats_lapsed(t.id) AS SIGNED), 0))"

/* Cancels the holds of a timeslot that ran out, giving their seats back
 * (booking_seats_add); the caller holds the timeslot's row lock. Sets how
 * many were released. */
int	booking_release_lapsed(struct db *, struct arena *, long long slot_id,
	    int *released);

/* A timeslot whose counter is not what its bookings hold. */
struct seat_drift {
	long long	 slot_id;
	long long	 booked;	/* the counter */
	long long	 counted;	/* its pending and confirmed bookings */
};

/* Recounts every timeslot's seats from its bookings (bookingctl check):
 * the timeslots whose counter drifted, in id order, and how many were
 * checked. With fix, each is set to its count under its row's lock (a
 * timeslot holding more bookings than seats stays as it is: ERR). */
int	booking_seats_check(struct db *, struct arena *, int fix,
	    struct seat_drift **, int *n, long long *checked);

/*
 * An idempotency key is 1 to IDEMPOTENCY_KEY_MAX visible ASCII characters
 * (letters, digits, punctuation): no spaces, which HTTP drops at a
 * header's ends and MariaDB's comparison ignores at a key's end, so "k"
 * and "k " could never be told apart; nothing else either. Keys are then
 * compared exactly.
 */
#define IDEMPOTENCY_KEY_MAX	100
int	booking_key_valid(const char *key);
/* What a key must be, in words, in the thread's language. */
const char *booking_key_rule(void);
/* Books one seat, with a discount code (NULL: none; a code that cannot
 * be used is refused, DISCOUNT_*). key may be NULL; with a key, a repeat of
 * the same request returns the first booking and sets *replayed. A
 * refusal's sentence is in *why (for QUOTA_EXCEEDED it names the limit:
 * domain/quota.h). *made (NULL: not wanted) is the new booking as its
 * transaction read it, for a reply that need not read it again; its id is
 * 0 when none was made (a refusal, or a replay). */
int	booking_create(struct db *, struct arena *, const struct actor *,
	    long long timeslot_id, const char *notes, const char *code, const char *key,
	    long long *booking_id, int *replayed, const char **why, struct booking *made);
/* Books one seat of each of n timeslots (ids ascending, no repeats) for
 * who, all under one new order, all or none, as part of the caller's
 * transaction: the timeslots are locked in ascending id order, so two of
 * these never deadlock each other, and rules 1 to 4 and who's limits
 * (quota_check) are checked on each. On a refusal *failed is the index of
 * the timeslot refused and the result says why (for QUOTA_EXCEEDED *why
 * names the limit); the caller rolls back. type is the bookings'
 * booking_type ("cart"); code a discount code as for booking_create. */
int	booking_create_many(struct db *, struct arena *, const struct actor *,
	    const long long *slot_ids, int n, const char *type, const char *code,
	    long long *order_id, int *failed, const char **why);
/* One timeslot's part of booking_create_some(): its result (OK: booked,
 * else the refusal; *why names the limit of a QUOTA_EXCEEDED) and the
 * booking made. */
struct seat_try {
	int		 result;
	const char	*why;
	long long	 booking_id;
};
/* Like booking_create_many, but the timeslots the rules refuse are left
 * out (tries[i] says why) and the others booked under one new order:
 * SERIES_EMPTY when none could be, and with all, SERIES_INCOMPLETE when
 * one could not (the caller rolls back). Recurring bookings. */
int	booking_create_some(struct db *, struct arena *, const struct actor *,
	    const long long *slot_ids, int n, int all, const char *type,
	    long long *order_id, struct seat_try *tries);
/* Books a seat of slot_id, which must be a session of event_id (else
 * OTHER_EVENT), under order_id, which paid for it (the booking is free and
 * confirmed), in the caller's transaction, within who's limits (*why):
 * a package's credit. */
int	booking_create_in_order(struct db *, struct arena *, const struct actor *,
	    long long slot_id, long long event_id, long long order_id, const char *type,
	    long long *booking_id, const char **why);
/* The booking_type of a guest's booking: held, even when free, until the
 * address is proved (domain/guest.c). */
#define BOOKING_GUEST	"guest"
/* Books one seat of slot_id for who, a guest, under an order of its own,
 * in the caller's transaction: rules 1 to 4 and who's limits as for any
 * booking, but held for hold_minutes whatever the price. */
int	booking_create_guest(struct db *, struct arena *, const struct actor *,
	    long long slot_id, long long *booking_id, const char **why);
/* The guest's address was proved: a free booking is confirmed, a paid one
 * stays held for its payment, one awaiting approval loses its hold's end;
 * INVALID_STATE when it is no longer held. In the caller's transaction. */
int	booking_guest_verified(struct db *, struct arena *, const struct actor *,
	    long long id);
/* Rule 11: books every scheduled session of course event_id still to
 * come under one order at the course's price (or its sessions' prices
 * added up), all or none; NOT_A_COURSE for another kind of event, and on
 * a refusal *failed_slot names the session refused and *why says why
 * (the limit, for QUOTA_EXCEEDED). */
int	booking_enrol(struct db *, struct arena *, const struct actor *,
	    long long event_id, long long *order_id, long long *failed_slot,
	    const char **why);
/* Whether b is still to come and who may cancel it: what cancelling a
 * course enrolment cancels. */
int	booking_to_come(const struct booking *, const struct actor *, time_t now);
/* Cancels a course enrolment (order_id): its bookings still to come,
 * with the refund rule 6 gives by the first of them's start, in *refund;
 * INVALID_STATE when none is left, NOT_A_COURSE for another order. */
int	booking_cancel_order(struct db *, struct arena *, const struct actor *,
	    long long order_id, long long *refund);
/* Cancels those of n bookings (ids ascending) that are still to come and
 * who may cancel, each with its own refund by rule 6 (added up in
 * *refund), in the caller's transaction; INVALID_STATE when none is left. */
int	booking_cancel_some(struct db *, struct arena *, const struct actor *,
	    const long long *ids, int n, int *cancelled, long long *refund);
/* What cancelling now would refund, in cents: a share of what was paid
 * (rule 6), never of the price. */
long long booking_refund_quote(const struct booking *, const struct actor *);
int	booking_cancel(struct db *, struct arena *, const struct actor *,
	    long long id, long long *refund);
int	booking_reactivate(struct db *, struct arena *, const struct actor *,
	    long long id);
/* Rules 8 and 16: moves a confirmed booking to another bookable timeslot
 * of its room. The money paid stays with the booking: a timeslot dearer
 * than what was paid is refused (PRICE_DIFFERS; the customer cancels, with
 * the refund rule 6 gives, and books that time), a cheaper one refunds the
 * difference (added to refund_amount, said in the event and notification),
 * and the price follows the new timeslot. SLOT_MISSING: there is no
 * timeslot timeslot_id. */
int	booking_reschedule(struct db *, struct arena *, const struct actor *,
	    long long id, long long timeslot_id);
/* An action of BK_CONFIRM to BK_CHECK_OUT (the owner's check-in and
 * check-out among them); payment_id for BK_CONFIRM. */
int	booking_transition(struct db *, struct arena *, const struct actor *,
	    long long id, enum bk_action, const char *payment_id);
/* A payment came for a booking whose hold ran out (pending past its hold,
 * or cancelled for it, unpaid): takes the seat again if rules 1 to 3 allow
 * and confirms it as paid; otherwise a booking refusal and the booking
 * stays released. */
int	booking_retake(struct db *, struct arena *, const struct actor *,
	    long long id, const char *payment_id);
/* For the other domain files that change a booking (reviews.c), inside
 * their transaction: locks the booking's row, with the owner filter
 * (NOT_FOUND), and loads it; and records a change as every change here is
 * (its booking event, mail when it is one, the owner's notification). */
int	booking_lock(struct db *, struct arena *, const struct actor *, long long id,
	    struct booking *);
/* Switches the thread to the language a notification of owner's is written
 * in (the request's when the owner acts, else the one the owner chose) and
 * returns the language to go back to with lang_use. */
int	booking_owner_language(struct db *, struct arena *, long long owner,
	    const struct actor *by);
int	booking_record(struct db *, struct arena *, const struct booking *,
	    const char *type, const struct actor *, const char *data,
	    const char *message);
/* "Room A, Mon 23 Nov 10:00": a booking in one line of a message. */
const char *booking_describe(struct arena *, const struct booking *);
/*
 * A ticket code is TICKET_CODE_LEN characters of Crockford base32 (50
 * random bits), unique among bookings: every booking gets one when it is
 * made, and it is its ticket while it is confirmed.
 */
#define TICKET_CODE_LEN	10
/* The ticket b shows (its code), or NULL while it has none to show. */
const char *booking_ticket(const struct booking *);
/* code as a scanner or a person typed it made canonical (upper case,
 * spaces and dashes dropped, O read as 0 and I, L as 1), or NULL when it
 * cannot be a ticket code. */
const char *booking_ticket_parse(struct arena *, const char *code);
/*
 * Checks in the booking whose ticket code is code, at the door: who must
 * be an admin or staff (checked again here, against the users table). OK
 * and the booking as checked in; NOT_FOUND for no ticket of that code (or
 * who may not check in); ALREADY_CHECKED_IN, NOT_NOW (outside the admin
 * check-in window, or over) and TICKET_CANCELLED with the booking as it
 * is. One ticket scanned twice at once checks in once: the booking's row
 * is locked before it is looked at.
 */
int	booking_check_in_ticket(struct db *, struct arena *, const struct actor *,
	    const char *code, struct booking *);
/* What the door says to a scan's result rc on b: "Checked in 09:58",
 * "Already checked in at 09:41", "This ticket is for Thu 26 Nov 10:00",
 * "Cancelled", "Unknown ticket". */
const char *booking_ticket_answer(struct arena *, int rc, const struct booking *);
/* Cancels a timeslot and, with full refunds, its active bookings. */
int	booking_cancel_slot(struct db *, struct arena *, const struct actor *,
	    long long slot_id, int *cancelled);
/* Cancels every pending booking whose hold has passed at now (UTC
 * "YYYY-MM-DD HH:MM:SS"; NULL: the database's clock), then sets each
 * timeslot whose holds_lapse_at has passed to its first hold left; returns
 * how many holds it cancelled, or -1. */
int	booking_expire_holds(struct db *, struct arena *, const char *now);

/* The waiting list of a full timeslot (first come, first served): when
 * a seat frees (a cancellation, a move away, a hold running out), the first
 * in line gets it as if they had booked, a hold for a paid timeslot, and is
 * told; if that hold runs out too, the next one. */
struct waitlist_entry {
	long long	 timeslot_id;
	long long	 position;	/* 1: the next to get a place */
	const char	*created_at;
	const char	*start;
	const char	*end;
	const char	*room_name;
	const char	*event_title;	/* NULL when none */
};

/* Joins the line of a full timeslot; *position is the place in it.
 * NOT_FULL when a seat is free (book it instead), ALREADY_WAITING,
 * ALREADY_BOOKED, or the booking refusals of a timeslot. */
int	booking_waitlist_join(struct db *, struct arena *, const struct actor *,
	    long long timeslot_id, long long *position);
/* Leaves it: OK, or NOT_FOUND when not waiting. */
int	booking_waitlist_leave(struct db *, const struct actor *, long long timeslot_id);
/* The place of user_id in the line, 0 when not in it. */
int	booking_waitlist_position(struct db *, struct arena *, long long timeslot_id,
	    long long user_id, long long *position);
/* Every line user_id waits in, soonest timeslot first. */
int	booking_waitlist_list(struct db *, struct arena *, long long user_id,
	    struct waitlist_entry **, int *n);

#endif
