/* domain/quota.h: how much one user of a role may book of a kind of room */
#ifndef QUOTA_H
#define QUOTA_H

#include "core/result.h"

struct arena;
struct db;
struct field_errors;

/* The limits of one role for one room type; -1: no limit. */
struct quota {
	const char	*role;		/* "customer" or "admin" */
	const char	*room_type;	/* catalog.h's room_types */
	long long	 max_active;	/* bookings held or confirmed, not over yet */
	long long	 max_holds;	/* unpaid holds at once */
	long long	 max_hours_week; /* hours booked in one ISO week (Monday on) */
};

extern const char *const quota_roles[];

/* Every role and room type, in that order, -1 where no limit is set. */
int	quota_list(struct db *, struct arena *, struct quota **, int *n);
/* Sets one role's limits for one room type (all -1 removes them). */
int	quota_save(struct db *, const struct quota *);
/*
 * Whether user_id may take a seat of timeslot slot_id within the limits of
 * their role for its room type, in the transaction that takes it: OK, or
 * QUOTA_EXCEEDED with *why naming the limit; hold: the seat would be held
 * for a payment (its limit is on those). It writes the user's row
 * (sql/043_user_turns.sql), so two bookings of one user at once count
 * each other, through one database node or several.
 */
int	quota_check(struct db *, struct arena *, long long user_id, long long slot_id,
	    int hold, const char **why);

#endif
