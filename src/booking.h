/* booking.h: the booking rules (capacity, holds, cancel and refunds,
 * reactivate, reschedule), one implementation for the pages and the API */
#ifndef BOOKING_H
#define BOOKING_H

struct arena;
struct db;

/* Outcomes of an action besides DB_ERR (-1). */
enum bk_result {
	BK_OK = 0,
	BK_NOT_FOUND,		/* no such booking or timeslot (or not yours) */
	BK_SLOT_FULL,
	BK_ALREADY_BOOKED,
	BK_SLOT_PAST,
	BK_SLOT_UNAVAILABLE,	/* not scheduled, room inactive, other room */
	BK_INVALID_STATE,
	BK_KEY_REUSED,		/* idempotency key sent with another request */
	BK_OTHER_ROOM,		/* a reschedule to another room's timeslot */
};

/* Who acts: the owner, an admin, or the system (user_id 0). */
struct actor {
	long long	 user_id;
	int		 admin;
};

struct booking {
	long long	 id;
	long long	 user_id;
	long long	 timeslot_id;
	long long	 room_id;
	long long	 event_id;
	const char	*status;
	const char	*payment_status;
	const char	*payment_id;
	const char	*notes;
	const char	*booking_type;
	long long	 price;		/* cents */
	long long	 refund_amount;	/* cents */
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
};

struct booking_filter {
	long long	 user_id;	/* whose bookings */
	const char	*status;	/* NULL: any */
	const char	*tab;		/* "upcoming", "past", "cancelled" or NULL */
	long long	 limit;
	long long	 offset;
};

const char	*booking_result_code(enum bk_result);
const char	*booking_result_message(enum bk_result);
int		 booking_result_status(enum bk_result);	/* HTTP status */

/* A booking the actor may see (the owner's, or any for an admin). */
int	booking_get(struct db *, struct arena *, long long id,
	    const struct actor *, struct booking *);
int	booking_list(struct db *, struct arena *, const struct booking_filter *,
	    struct booking **, int *n, long long *total);
/* The booking's history, oldest first: rows of type, actor name, old and
 * new status, data, time. */
struct db_res *booking_history(struct db *, struct arena *, long long id);

/* Books one seat. key may be NULL; with a key, a repeat of the same request
 * returns the first booking and sets *replayed. */
int	booking_create(struct db *, struct arena *, const struct actor *,
	    long long timeslot_id, const char *notes, const char *key,
	    long long *booking_id, int *replayed);
/* What cancelling now would refund, in cents. */
long long booking_refund_quote(const struct booking *, const struct actor *);
int	booking_cancel(struct db *, struct arena *, const struct actor *,
	    long long id, long long *refund);
int	booking_reactivate(struct db *, struct arena *, const struct actor *,
	    long long id);
int	booking_reschedule(struct db *, struct arena *, const struct actor *,
	    long long id, long long timeslot_id);
/* Cancels every pending booking whose hold has passed; returns how many,
 * or -1. */
int	booking_expire_holds(struct db *, struct arena *);

#endif
