/* domain/packages.h: packages and bundles sold as credits, each scheduled
 * later into a session of its event */
#ifndef PACKAGES_H
#define PACKAGES_H

#include "core/result.h"
#include "domain/actor.h"

struct arena;
struct db;

/* A credit cancelled this long or more before its session's start goes
 * back to the owner's credits. */
#define CREDIT_RETURN_HOURS	24

struct package {
	long long	 id;
	const char	*name;
	const char	*kind;		/* package or bundle */
	long long	 price;		/* cents */
	long long	 expiry_days;
	int		 is_active;
	const char	*contents;	/* "3 × Yoga, 1 × Consultation" */
};

extern const char *const package_kinds[];	/* NULL-ended */

struct package_input {
	const char	*name;
	const char	*kind;
	long long	 price;
	long long	 expiry_days;
};

/* The most sessions of one event a package holds. */
#define PACKAGE_QUANTITY_MAX	100

/* An admin's: a new package (INVALID for a kind not in package_kinds, a
 * negative price or an expiry under a day), then what it holds: quantity
 * sessions of event_id (0 removes them; NOT_FOUND for no such package,
 * INVALID for no such event). */
int	package_create(struct db *, const struct package_input *, long long *id);
int	package_item_set(struct db *, struct arena *, long long package_id,
	    long long event_id, long long quantity);
/* The active packages that hold something, by name; all: every package
 * (the admin's page), contents NULL for one holding nothing. */
int	package_list(struct db *, struct arena *, int all, struct package **, int *n);

/* Buys a package: one order at its price (paid at once when free) and a
 * credit per session it holds, valid expiry_days; NOT_FOUND for no such
 * active package with contents. */
int	package_buy(struct db *, struct arena *, const struct actor *, long long id,
	    long long *order_id);

struct credit {
	long long	 id;
	long long	 event_id;
	const char	*event_title;
	const char	*package_name;
	const char	*expires_at;
	long long	 order_id;
	int		 paid;		/* its order is paid: it can be used */
};

/* The user's credits not yet scheduled nor expired, soonest expiry first. */
int	credit_list(struct db *, struct arena *, long long user_id, struct credit **,
	    int *n);
/* One of them for event_id that can be used now, or 0 in *id. */
int	credit_for_event(struct db *, struct arena *, long long user_id,
	    long long event_id, long long *id);
/* Schedules the actor's credit into timeslot slot_id of its event under
 * the timeslot's lock (the capacity rules of any booking): the booking,
 * or CREDIT_USED, CREDIT_EXPIRED, CREDIT_UNPAID, OTHER_EVENT, a booking
 * refusal (QUOTA_EXCEEDED among them), NOT_FOUND (not the actor's credit,
 * or no such timeslot); *why is a refusal's sentence. */
int	credit_schedule(struct db *, struct arena *, const struct actor *,
	    long long credit_id, long long slot_id, long long *booking_id,
	    const char **why);
/* booking.c, cancelling booking_id CREDIT_RETURN_HOURS or more ahead:
 * its credit, if it was one, is free again. */
int	credit_release(struct db *, long long booking_id);

#endif
