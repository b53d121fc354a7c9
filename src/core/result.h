/* core/result.h: what every function that can fail returns, in every layer */
#ifndef RESULT_H
#define RESULT_H

/*
 * ERR is a failure the caller cannot fix (the database, a template): the
 * log says why and the reply is a 500. Every other value but OK is an
 * answer the caller can act on; result_code() and result_message() name it
 * and http/reply.c's reply_result() gives its HTTP status. NOT_FOUND has no
 * message of its own: only the caller knows what is missing, and answers it
 * with http/lookup.c's reply_not_found(r, "room", id).
 */
enum result {
	ERR = -1,
	OK = 0,
	NOT_FOUND,		/* no such thing, or not the caller's */
	CONFLICT,		/* refused; the field errors say why */
	INVALID,		/* input to fix; the field errors say which */
	/* The booking engine's refusals (rules 1-9). */
	SLOT_FULL,
	ALREADY_BOOKED,
	SLOT_PAST,
	SLOT_UNAVAILABLE,	/* not scheduled, room inactive */
	OTHER_ROOM,		/* a reschedule to another room's timeslot */
	INVALID_STATE,		/* the booking's status does not allow it */
	KEY_REUSED,		/* an idempotency key sent with another request */
	PRICE_DIFFERS,		/* a reschedule to a timeslot dearer than what was paid */
	SLOT_MISSING,		/* a reschedule to a timeslot that does not exist (404) */
	OVERLAPS,		/* a timeslot over another active one of its room */
	NOT_FULL,		/* a waiting list for a timeslot with a free seat */
	ALREADY_WAITING,	/* on that waiting list already */
	QUOTA_EXCEEDED,		/* over a limit of the user's role for the room type */
	/* Carts and orders. */
	CART_EMPTY,		/* a checkout of nothing */
	CART_FULL,		/* no room for another item */
	NOT_A_COURSE,		/* an enrolment in an event that is not a course */
	CREDIT_USED,		/* a credit already scheduled */
	CREDIT_EXPIRED,
	CREDIT_UNPAID,		/* its package's order waits for payment */
	OTHER_EVENT,		/* a credit for another event's sessions */
	ALREADY_REVIEWED,	/* a booking is reviewed once */
	/* Recurring bookings. */
	SERIES_INCOMPLETE,	/* all or nothing, and a date is not free */
	SERIES_EMPTY,		/* none of the dates is free */
	/* Discount codes. */
	DISCOUNT_UNKNOWN,
	DISCOUNT_EXPIRED,	/* not valid now */
	DISCOUNT_USED_UP,	/* its uses are all taken */
	DISCOUNT_ALREADY_USED,	/* once per customer, and this one had it */
	DISCOUNT_NOT_APPLICABLE,	/* for other rooms or events */
	/* Tickets. */
	ALREADY_CHECKED_IN,	/* a ticket scanned a second time */
	NOT_NOW,		/* a ticket outside its check-in window */
	TICKET_CANCELLED,	/* the ticket of a cancelled booking */
	/* Whole days and months. */
	NO_RATE,		/* the room is not rented by the day (or month) */
	ROOM_CLOSED,		/* no opening hours on that day (or in that month) */
	/* Accounts. */
	LAST_ADMIN,		/* the only admin cannot stop being one */
	TOO_MANY_ATTEMPTS,	/* wrong passwords from this address: wait (429) */
	/* Guests. */
	GUEST_NOT_ALLOWED,	/* the site or the room takes no bookings without an account */
	RESULT_MAX
};

/* The stable machine word ("slot_full") and a sentence for people. */
const char	*result_code(int rc);
const char	*result_message(int rc);

#endif
