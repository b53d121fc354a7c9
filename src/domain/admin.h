/* domain/admin.h: what admins change (rooms, events, timeslots) and the bookings
 * list they filter, shared by the admin pages and the admin API */
#ifndef ADMIN_H
#define ADMIN_H

#include "core/result.h"
#include "domain/booking.h"

struct actor;
struct arena;
struct booking;
struct booking_event;
struct db;
struct field_errors;

/* The values the admin fields accept, for validation and for the pages'
 * select lists alike (the statuses are booking.h's booking_statuses and
 * catalog.h's slot_statuses). */
extern const char *const admin_event_kinds[];
extern const char *const admin_payment_statuses[];
/* The status filter of the admin lists: a booking status, or
 * "awaiting_approval" (pending until an admin approves or declines it). */
extern const char *const admin_status_filters[];

/*
 * What an admin sends for a room, an event or a timeslot, read from the
 * same field names in HTML forms and JSON bodies (http/input.c):
 *   room:     name, description, capacity, roomType, hourlyRate, metadata, isActive
 *   event:    title, description, kind
 *   timeslot: roomId, eventId, startTime, endTime, price, maxBookings,
 *             status, sequenceNo
 * Creating needs the required ones; an edit changes only those sent, the
 * others are NULL, "" for times, or -1.
 */
/* A daily or monthly rate sent empty: the room is not rented that way. */
#define RATE_NONE	(-2)

struct room_input {
	const char	*name;
	const char	*description;	/* "" clears it */
	const char	*room_type;
	long long	 capacity;
	long long	 hourly_rate;	/* cents */
	long long	 daily_rate;	/* cents; -1: not given, RATE_NONE: none */
	long long	 monthly_rate;	/* the same */
	const char	*metadata;	/* a JSON object; "" clears it */
	int		 is_active;	/* new rooms take bookings */
	int		 requires_approval;	/* -1: not given (kept, or no) */
	int		 tax_free;	/* -1: unchanged (new rooms: taxed) */
	int		 allow_guests;	/* -1: not given (kept, or yes) */
};

struct event_input {
	const char	*title;
	const char	*description;	/* "" clears it */
	const char	*kind;		/* one of admin_event_kinds */
	long long	 course_price;	/* cents; -1: not given (kept, or none) */
	long long	 room_id;	/* appointments' room; -1: not given */
	long long	 session_minutes;	/* their length; -1: not given */
	int		 tax_free;	/* its sessions carry no tax; -1: not given */
};

struct slot_input {
	long long	 room_id;
	long long	 event_id;	/* 0: none */
	char		 start[20];	/* UTC */
	char		 end[20];
	long long	 price;		/* cents; new: the room's rate for the length */
	long long	 capacity;	/* new: the room's */
	long long	 sequence_no;	/* new: the next one for a course */
	const char	*status;	/* new: draft for an event's session, else scheduled */
};

/*
 * *id 0 creates (and is set to the new id); otherwise the row *id is
 * changed. Problems are added to fe, after the ones already there (the
 * reader's). Returns OK, INVALID (fields to fix), CONFLICT (refused: fe
 * says why), NOT_FOUND or ERR.
 */
int	admin_room_save(struct db *, struct arena *, long long *id,
	    const struct room_input *, struct field_errors *);
int	admin_event_save(struct db *, struct arena *, long long *id,
	    const struct event_input *, struct field_errors *);
int	admin_slot_save(struct db *, struct arena *, const struct actor *,
	    long long *id, const struct slot_input *, struct field_errors *);
/* Cancels a timeslot and its bookings (full refunds, owners notified);
 * *cancelled says how many bookings, for the admin's confirmation. */
int	admin_slot_cancel(struct db *, struct arena *, const struct actor *,
	    long long id, struct field_errors *, int *cancelled);
/* Publishes an event's draft sessions; returns how many, or -1. */
long long admin_event_publish(struct db *, long long event_id);

struct admin_filter {
	const char	*status;
	const char	*payment_status;
	long long	 room_id;
	long long	 event_id;
	const char	*email;		/* the user's, exact */
	char		 from[20];	/* UTC bounds of the days asked, or "" */
	char		 to[20];
	const char	*from_date;	/* as asked, for links */
	const char	*to_date;
	int		 by_created;	/* sort by creation, else by start */
	long long	 limit;
	struct list_cursor cursor;
};

/* The rooms and events a bookings filter offers, each by name (rooms
 * with whether they are active), sorted as room_list and event_list sort
 * them: a copy the process keeps while catalogue_changes says nothing
 * changed, else one statement of the catalogue's size. */
struct admin_name {
	long long	 id;
	const char	*name;
	int		 active;
};
struct admin_names {
	struct admin_name *rooms;
	int		 nrooms;
	struct admin_name *events;
	int		 nevents;
};
int	admin_filter_names(struct db *, struct arena *, struct admin_names *);

/* A page of the bookings the filter matches, newest first, with the
 * bounded count (booking.h: list_page). Given names (admin_filter_names,
 * or NULL), the rows take their rooms' names and events' titles from
 * them instead of reading both for each row. */
int	admin_bookings(struct db *, struct arena *, const struct admin_filter *,
	    const struct admin_names *, struct booking **, int *n, struct list_page *);
/* Calls fn for every booking the filter matches (no paging), one row at a
 * time, without holding them all. */
int	admin_bookings_each(struct db *, struct arena *, const struct admin_filter *,
	    int (*fn)(void *, const struct booking *), void *ctx);

/* What the overview shows. */
/* counts[s]: the bookings in status s (enum bk_status), BOOKING_STATUSES
 * of them. */
int	admin_booking_counts(struct db *, struct arena *, long long *counts);
/* Unpaid bookings still holding a seat, the hold that runs out first first. */
int	admin_holds(struct db *, struct arena *, int limit, struct booking **,
	    int *n);
/* Bookings not cancelled whose timeslot starts within [from, to) UTC, in
 * time order. */
int	admin_day_bookings(struct db *, struct arena *, const char *from,
	    const char *to, int limit, struct booking **, int *n);

/* Seats of the timeslots that run within [from, to) UTC against the seats
 * held or used (completed, no-show). */
struct admin_occupancy {
	long long	 slots;
	long long	 seats;
	long long	 booked;
};
int	admin_occupancy(struct db *, struct arena *, const char *from,
	    const char *to, struct admin_occupancy *);

struct admin_audit_filter {
	long long	 booking_id;	/* 0: any */
	const char	*email;		/* the booking's owner */
	const char	*actor_email;
	const char	*type;
};
/* The audit trail, newest first. */
int	admin_audit_list(struct db *, struct arena *, const struct admin_audit_filter *,
	    long long limit, long long offset, struct booking_event **, int *n);

#endif
