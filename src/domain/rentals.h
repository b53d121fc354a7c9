/* domain/rentals.h: a room rented by the whole day or the calendar month:
 * one session over its opening hours in that span, made and booked at once */
#ifndef RENTALS_H
#define RENTALS_H

#include "core/result.h"
#include "domain/actor.h"

struct arena;
struct db;
struct slot;

enum rental_span {
	RENTAL_DAY,		/* a date "YYYY-MM-DD", at the daily rate */
	RENTAL_MONTH		/* a month "YYYY-MM", at the monthly rate */
};

/* The booking_type of its bookings ("daily", "monthly"). */
const char *rental_type(enum rental_span);
/* What the API calls a booking's type: "daily" or "monthly" for a whole
 * day or month, "hourly" for every other (booking_type as stored). */
const char *rental_kind(const char *booking_type);

struct rental {
	long long		 room_id;
	enum rental_span	 span;
	const char		*when;		/* the date, or the month */
	/* Set by rental_book. */
	long long		 booking_id;
	const char		*why;		/* a refusal's sentence */
	struct slot		*clash;		/* OVERLAPS: the sessions in the way */
	int			 nclash;
};

/*
 * Books room_id's whole day or month for who, in one transaction under
 * the room's row lock (as every change of a room's sessions): the span
 * runs from the opening on its first open day to the closing on its last
 * (room_hours_on), and becomes one session of the room (capacity 1, priced
 * at the rate) booked through booking_create_many under one order. The
 * same span's own session, when an earlier booking of it was cancelled, is
 * booked again. Refusals: NOT_FOUND (no such room), SLOT_UNAVAILABLE (the
 * room takes no bookings), NO_RATE, ROOM_CLOSED, SLOT_PAST (the span has
 * begun), OVERLAPS (rule 15: clash lists the room's live sessions in the
 * span), and those of booking a timeslot (SLOT_FULL when another customer
 * took the same span first, QUOTA_EXCEEDED); r->why says each in words.
 * The date or month must be well formed (the caller checks).
 */
int	rental_book(struct db *, struct arena *, const struct actor *, struct rental *);

#endif
