/* http/lookup.h: the room, event, timeslot or booking a request names, or
 * the reply that says why there is none */
#ifndef LOOKUP_H
#define LOOKUP_H

struct booking;
struct event;
struct req;
struct room;
struct slot;

/*
 * Each reads the id parameter param (a path capture), loads the thing and
 * returns OK; or replies 400 (not an id) or 404 (no such thing) and returns
 * ERR, as it does when the database fails, so the handler just returns.
 */
int	room_get_or_reply(struct req *, const char *param, struct room *);
/* The room with its timeslots running within [from, to), and its reviews'
 * summary when reviews is not NULL (room_day). */
struct review_summary;
int	room_day_or_reply(struct req *, const char *param, const char *from,
	    const char *to, struct room *, struct review_summary *reviews,
	    struct slot **, int *n);
int	event_get_or_reply(struct req *, const char *param, struct event *);
/* drafts: whether a draft timeslot counts (the admin pages). */
int	slot_get_or_reply(struct req *, const char *param, int drafts, struct slot *);
/* A booking r->actor may see. */
int	booking_get_or_reply(struct req *, const char *param, struct booking *);

/* The booking the manage link of the param capture names (guest_manage),
 * with the actor acting on it as its owner and whether its address was
 * proved; or the 404 of a wrong, expired or revoked link, said the same
 * way for each. */
struct actor;
int	guest_manage_or_reply(struct req *, const char *param, struct booking *,
	    struct actor *as, int *verified);

/* The role change a request asks for (the id param and a role field),
 * made as r->actor; or the refusal replied (400, 404, 409) and ERR. */
int	user_role_or_reply(struct req *, const char *param, long long *id);
struct order;
/* An order r->actor may see. */
int	order_get_or_reply(struct req *, const char *param, struct order *);
struct series;
/* A recurring series r->actor may see. */
int	series_get_or_reply(struct req *, const char *param, struct series *);
/* Cancels that series' bookings still to come from the date of the
 * "from" field on (all of them without one): series_cancel()'s refusal in
 * *rc, or a 400 or 404 replied and ERR. */
int	series_cancel_or_reply(struct req *, const char *param, struct series *, int *rc,
	    int *cancelled, long long *refund);
/* Removes the item the id names from the user's cart, or replies 404. */
int	cart_remove_or_reply(struct req *, const char *param);
/* An admin hides the review the id names (domain/reviews.h), or 404. */
int	review_hide_or_reply(struct req *, const char *param);

/* The 404 for a thing that is not there (any more): "There is no room 4."
 * A customer's booking, order or cart item is "yours": one of someone
 * else's is not found either. Returns ERR like reply_error(). */
int	reply_not_found(struct req *, const char *what, long long id);

#endif
