/* domain/admin.h: what admins change (rooms, events, timeslots) and the bookings
 * list they filter, shared by the admin pages and the admin API */
#ifndef ADMIN_H
#define ADMIN_H

#include "core/result.h"

struct actor;
struct arena;
struct booking;
struct booking_event;
struct db;
struct form;
struct req;

/* The values the admin fields accept, for validation and for the pages'
 * select lists alike. */
extern const char *const admin_event_kinds[];
extern const char *const admin_slot_statuses[];
extern const char *const *const admin_booking_statuses;	/* booking_statuses */
extern const char *const admin_payment_statuses[];

/*
 * Each reads its fields from the request (the same names in HTML forms and
 * JSON bodies) and puts problems in the form. id 0 creates; otherwise only
 * the fields sent are changed.
 *   room:     name, description, capacity, roomType, hourlyRate, metadata, isActive
 *   event:    title, description, kind
 *   timeslot: roomId, eventId, startTime, endTime, price, maxBookings,
 *             status, sequenceNo
 */
int	admin_room_save(struct form *, long long id, long long *saved);
int	admin_event_save(struct form *, long long id, long long *saved);
int	admin_slot_save(struct form *, const struct actor *, long long id,
	    long long *saved);
/* Cancels a timeslot and its bookings (full refunds, owners notified);
 * *cancelled says how many bookings, for the admin's confirmation. */
int	admin_slot_cancel(struct form *, const struct actor *, long long id,
	    int *cancelled);
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
	long long	 offset;
	long long	 page;
};

/* Reads status, paymentStatus, roomId, eventId, email, from, to, sort,
 * page and limit; replies 400 naming the field on bad input. */
int	admin_filter_from_req(struct req *, struct admin_filter *,
	    long long default_limit, long long max_limit);
int	admin_bookings(struct db *, struct arena *, const struct admin_filter *,
	    struct booking **, int *n, long long *total);
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
