/* domain/series.h: recurring bookings: a room slot repeated every week or
 * every two weeks, for a number of times or until a date */
#ifndef SERIES_H
#define SERIES_H

#include "core/result.h"
#include "domain/actor.h"

struct arena;
struct db;
struct field_errors;

/*
 * The matching timeslot of each later date is the room's own timeslot (no
 * event) starting at the same time of day, in the site's zone, on the day
 * one or two weeks on, and as long as the first: a weekly 10:00-11:00
 * stays 10:00-11:00 across a change to summer time. A date without one is
 * missing, or overlaps when another session of the room takes part of
 * that time.
 */
#define SERIES_COUNT_MAX	52	/* times, the first one among them */
#define SERIES_DAYS_AHEAD	365	/* until: at most a year from today */

enum series_outcome {
	SERIES_AVAILABLE,	/* free: would be booked (a preview) */
	SERIES_BOOKED,
	SERIES_TAKEN,		/* full, or booked by the user already */
	SERIES_MISSING,		/* no timeslot of the room at that time (or not for sale) */
	SERIES_OVERLAPS,	/* another session of the room at that time */
	SERIES_QUOTA,		/* over a limit of the user's */
	SERIES_CANCELLED,	/* booked, and cancelled since */
	SERIES_OUTCOMES
};

/* Their names in the database and the API, in enum order. */
extern const char *const series_outcomes[];
/* "week" and "2weeks", NULL-ended. */
extern const char *const series_everies[];

struct series_input {
	long long	 timeslot_id;	/* the first date's */
	const char	*every;		/* "week" or "2weeks" */
	long long	 count;		/* 0: until says */
	const char	*until;		/* YYYY-MM-DD in the site's zone, or NULL */
	int		 all_or_nothing;
};

struct series_date {
	int		 position;	/* 0: the first */
	char		 start[20];	/* UTC */
	char		 end[20];
	long long	 timeslot_id;	/* 0: none matches */
	long long	 booking_id;	/* 0: not booked */
	enum series_outcome outcome;
	const char	*why;		/* the outcome for people */
};

struct series {
	long long	 id;		/* 0: a preview */
	long long	 user_id;
	long long	 room_id;
	long long	 order_id;
	const char	*room_name;
	const char	*every;
	int		 all_or_nothing;
	const char	*created_at;
	struct series_date *dates;
	int		 n;
};

/* What booking the series would do now, each date's outcome, nothing
 * kept: OK, INVALID (the problems in fe, by field), NOT_FOUND (no such
 * timeslot) or ERR. out->id is 0. */
int	series_preview(struct db *, struct arena *, const struct actor *,
	    const struct series_input *, struct field_errors *fe, struct series *out);
/* Books the free dates in one transaction under one order, their
 * timeslots locked in ascending id, or none of them when
 * all_or_nothing and one is not free (SERIES_INCOMPLETE), or when none
 * is (SERIES_EMPTY); the outcomes are in *out either way. */
int	series_book(struct db *, struct arena *, const struct actor *,
	    const struct series_input *, struct field_errors *fe, struct series *out);
/* A series the actor may see (the owner's, or any for an admin). */
int	series_get(struct db *, struct arena *, long long id, const struct actor *,
	    struct series *out);
/* The series of a booking, 0 when it is in none. */
int	series_of_booking(struct db *, struct arena *, long long booking_id,
	    long long *series_id);
/* Cancels the series' bookings still to come, from the date from on
 * (YYYY-MM-DD in the site's zone; NULL: all of them), each with the
 * refund a single cancellation gets (rule 6), added up in *refund;
 * INVALID_STATE when none is left to cancel. */
int	series_cancel(struct db *, struct arena *, const struct actor *, long long id,
	    const char *from, int *cancelled, long long *refund);

#endif
