/* domain/slotgen.h: timeslot generation for a room over a date range (rule 10) */
#ifndef SLOTGEN_H
#define SLOTGEN_H

struct arena;
struct db;
struct form;

#define SLOTGEN_MAX_DAYS	366
#define SLOTGEN_MAX_EXCLUDED	400

struct slotgen {
	long long	 room_id;
	char		 from[11];	/* first day, site time zone */
	char		 to[11];	/* last day, inclusive */
	int		 day_start;	/* minutes after midnight, local */
	int		 day_end;
	int		 length;	/* minutes */
	int		 weekdays;	/* bit n set: day n (0 = Sunday) */
	char		 excluded[SLOTGEN_MAX_EXCLUDED][11];
	int		 nexcluded;
	long long	 price;		/* cents; -1: hourly rate x length */
	long long	 capacity;	/* -1: the room's capacity */
};

struct slotgen_counts {
	long long	 created;	/* made (or, in a dry run, would be) */
	long long	 skipped;	/* already there for that room and start */
};

/* Reads the fields roomId, from, to, dayStart, dayEnd, length, weekdays,
 * excludedDates, price, capacity (the same names in forms and JSON);
 * problems go to the form. */
void	slotgen_from_form(struct form *, struct slotgen *);

/* Creates the slots in one transaction, never a second one for the same
 * room and start, so running it twice creates nothing the second time.
 * A dry run counts without writing. progress, when given, is called with
 * the days done and the days in all. Returns OK, NOT_FOUND (no room) or
 * ERR. */
int	slotgen_run(struct db *, struct arena *, const struct slotgen *, int dry_run,
	    struct slotgen_counts *, void (*progress)(int done, int total));

/* Cents for length minutes at an hourly rate, rounded half up. */
long long slotgen_price(long long hourly_rate, int minutes);

#endif
