/* domain/feeds.h: private iCalendar feed URLs: a user's bookings, or for an
 * admin a room's sessions */
#ifndef FEEDS_H
#define FEEDS_H

#include "core/result.h"

struct arena;
struct db;

/* A feed reaches back this far, and forward without end (at most
 * FEED_ITEMS_MAX entries, the soonest first). */
#define FEED_PAST_DAYS	60
#define FEED_ITEMS_MAX	1000

/* A new URL token for user_id's own feed (room_id 0) or for a room's,
 * revoking the one before: *token is shown once and stored hashed. */
int	feed_create(struct db *, struct arena *, long long user_id,
	    long long room_id, char **token);
/* Revokes user_id's live feed (of room_id): NOT_FOUND when there is none. */
int	feed_revoke(struct db *, long long user_id, long long room_id);
/* When user_id's live feed (of room_id) was made, or NOT_FOUND. */
int	feed_made(struct db *, struct arena *, long long user_id,
	    long long room_id, const char **created_at);

/* The feed a token opens: NOT_FOUND when none (or revoked, or its owner is
 * no longer an admin for a room's). */
struct feed {
	long long	 id;
	long long	 user_id;
	long long	 room_id;	/* 0: the user's bookings */
	const char	*name;		/* the user's or the room's */
	const char	*language;	/* the owner's choice (core/lang.h), or NULL */
};
int	feed_open(struct db *, struct arena *, const char *token, struct feed *);

/* One entry: a booking of the user's feed or a session of a room's. */
struct feed_item {
	long long	 id;		/* booking or timeslot id */
	long long	 sequence;	/* as in the booking mails */
	const char	*status;	/* the booking's or the timeslot's */
	const char	*start;		/* UTC */
	const char	*end;
	const char	*updated_at;
	const char	*room;
	const char	*event;		/* NULL when none */
	const char	*user_name;	/* bookings: the attendee */
	const char	*user_email;
	long long	 booked;	/* sessions: seats held */
	long long	 capacity;
};
int	feed_items(struct db *, struct arena *, const struct feed *,
	    struct feed_item **, int *n);
/* One of user_id's bookings as its feed entry (the owner's "Add to
 * calendar"); NOT_FOUND when it is not theirs. */
int	feed_booking(struct db *, struct arena *, long long booking_id, long long user_id,
	    struct feed_item *);

#endif
