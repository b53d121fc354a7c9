/* domain/slotgen.h: timeslot generation for a room over a date range (rule 10) */
#ifndef SLOTGEN_H
#define SLOTGEN_H

#include "core/limits.h"

struct arena;
struct db;
struct field_errors;

#define SLOTGEN_MAX_DAYS	366
#define SLOTGEN_MAX_EXCLUDED	400
#define SLOTGEN_WEEKDAYS	WEEKDAYS_MON_FRI	/* the default */

struct slotgen {
	long long	 room_id;
	char		 from[11];	/* first day, site time zone */
	char		 to[11];	/* last day, inclusive */
	int		 day_start;	/* minutes after midnight, local */
	int		 day_end;
	int		 length;	/* minutes */
	int		 weekdays;	/* bit n set: day n (0 = Sunday); 0: the default */
	char		 excluded[SLOTGEN_MAX_EXCLUDED][11];
	int		 nexcluded;
	long long	 price;		/* cents; -1: hourly rate x length */
	long long	 capacity;	/* -1: 1, the whole room */
};

struct slotgen_counts {
	long long	 created;	/* made (or, in a dry run, would be) */
	long long	 skipped;	/* already there for that room and start */
};

/* The defaults: 09:00 to 17:00 in 30 minutes, the room's rate for the
 * length, the whole room (one booking per slot), Monday to Friday. */
void	slotgen_init(struct slotgen *);

/*
 * Checks the rules between fields (the working day ends after it starts
 * and holds a slot; the days run from today for at most a year; problems
 * go to fe, after those already there), then creates the slots in one
 * transaction, never a second one for the same room and start, so running
 * it twice creates nothing the second time. A slot that would overlap
 * another live one of the room (not starting with it) refuses the run:
 * OVERLAPS, fe naming that session. A dry run counts without writing.
 * progress, when given, is called with the days done and the days in all.
 * Returns OK, INVALID (fe says why), OVERLAPS, NOT_FOUND (no room) or ERR.
 */
int	slotgen_run(struct db *, struct arena *, struct slotgen *, int dry_run,
	    struct field_errors *, struct slotgen_counts *,
	    void (*progress)(int done, int total));

/* Cents for length minutes at an hourly rate, rounded half up. */
long long slotgen_price(long long hourly_rate, int minutes);

#endif
