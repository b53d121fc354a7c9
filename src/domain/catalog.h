/* domain/catalog.h: rooms, events and their timeslots as the public pages and API see them */
#ifndef CATALOG_H
#define CATALOG_H

#include "core/result.h"

struct arena;
struct db;

struct room {
	long long	 id;
	const char	*name;
	const char	*description;
	const char	*room_type;
	const char	*metadata;	/* JSON text or NULL */
	const char	*created_at;
	const char	*updated_at;
	long long	 capacity;
	long long	 hourly_rate;	/* cents */
	int		 is_active;
	int		 requires_approval;	/* its bookings wait for an admin's */
	int		 tax_free;	/* its bookings carry no tax */
	int		 allow_guests;		/* visitors may book it without an account */
	long long	 daily_rate;	/* cents for a whole day; -1: not rented by the day */
	long long	 monthly_rate;	/* cents for a calendar month; -1: not by the month */
};

struct slot {
	long long	 id;
	long long	 room_id;
	long long	 event_id;	/* 0 when none */
	const char	*room_name;
	const char	*event_title;	/* NULL when none */
	const char	*start;		/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char	*end;
	const char	*status;
	long long	 price;		/* cents */
	long long	 capacity;
	long long	 booked;
	long long	 seats_left;
	long long	 sequence_no;
	int		 room_active;
	int		 tax_free;	/* its room or event is */
	int		 allow_guests;	/* its room takes bookings without an account */
	/* Whether it can be booked: OK, else why not, in the order checked
	 * (SLOT_UNAVAILABLE: not scheduled or the room inactive, SLOT_PAST,
	 * SLOT_FULL). */
	int		 state;
};

struct event {
	long long	 id;
	const char	*title;
	const char	*description;
	const char	*kind;
	const char	*next_start;	/* next scheduled session, or NULL */
	long long	 upcoming;	/* scheduled sessions still to come */
	long long	 course_price;	/* cents, for a whole course; -1: its sessions' */
	long long	 room_id;	/* an individual event's appointments: where */
	long long	 session_minutes;	/* and how long (0: none) */
	int		 tax_free;	/* its sessions carry no tax */
};

struct room_filter {
	const char	*type;		/* NULL: any */
	long long	 min_capacity;
	int		 include_inactive;
	long long	 limit;
	long long	 offset;
};

extern const char *const room_types[];
/* A room type in the thread's language: "Meeting room", and in a sentence "meeting rooms". */
const char *room_type_label(const char *type);
const char *room_type_plural(const char *type);

/* total may be NULL when the count is not wanted. */
int	room_list(struct db *, struct arena *, const struct room_filter *,
	    struct room **, int *n, long long *total);
int	room_get(struct db *, struct arena *, long long id, struct room *);
/* Holds room id's row for the transaction (NOT_FOUND: no such room) by
 * writing to it, so what changes the room's sessions takes turns, on one
 * node by the row's lock and across a Galera cluster by certification
 * (sql/042_room_turns.sql). */
int	room_hold(struct db *, long long id);
/* The same for event id's row, under which its sessions are numbered
 * (sql/045_event_turns.sql). */
int	event_hold(struct db *, long long id);

/* A room and its timeslots running at some time within [from, to) UTC,
 * drafts left out, in one statement (NOT_FOUND: no such room); with
 * reviews not NULL, also the count and rating sum of its shown reviews. */
struct review_summary;
int	room_day(struct db *, struct arena *, long long room_id, const char *from,
	    const char *to, struct room *, struct review_summary *reviews,
	    struct slot **, int *n);
/* Timeslots of a room starting within [from, to) UTC, drafts left out. */
int	room_slots(struct db *, struct arena *, long long room_id,
	    const char *from, const char *to, struct slot **, int *n);
/* Timeslots named t running at some time within [from, to): a condition
 * of three parameters (from, to, from) that the index on (room_id,
 * long_span, start_time) reads as two short ranges, the sessions of at
 * most a day starting after from less a day and the few longer ones
 * (sql/038_long_sessions.sql), where start_time < to alone would read
 * every earlier session of the room. */
#define SLOT_RUNNING_WITHIN \
	" ((t.long_span = 0 AND t.start_time > ? - INTERVAL 1 DAY) OR t.long_span = 1)" \
	" AND t.start_time < ? AND t.end_time > ?"

/* Every timeslot of a room, of any status, running at some time within
 * [from, to) UTC, by start. */
int	room_slots_over(struct db *, struct arena *, long long room_id,
	    const char *from, const char *to, struct slot **, int *n);
/* Whether a timeslot still takes its room's time: any but a cancelled one
 * (drafts are sessions about to be published). */
int	slot_is_live(const struct slot *);
/* A room holds one live session at a time: OVERLAPS with the first live
 * timeslot of the room (other than except) running within [start, end),
 * OK when there is none, or ERR. The caller holds the room's row. */
int	slot_overlap(struct db *, struct arena *, long long room_id,
	    const char *start, const char *end, long long except, struct slot *other);
/* The field error that names the session overlapped. */
struct field_errors;
void	slot_overlap_error(struct arena *, struct field_errors *, const char *field,
	    const struct slot *other);
/* One timeslot with its seats; drafts only when asked for. */
int	slot_get(struct db *, struct arena *, long long id, int drafts,
	    struct slot *);
/* Scheduled event sessions starting at or after from, soonest first. */
int	upcoming_sessions(struct db *, struct arena *, const char *from,
	    int limit, struct slot **, int *n);
/* An event's sessions in time order; drafts only when asked for. */
int	event_sessions(struct db *, struct arena *, long long event_id,
	    int drafts, struct slot **, int *n);

/* A calendar's sessions: those starting within [from, to) UTC, of one room
 * and one event when given (0: any), drafts left out, in time order. */
struct calendar_query {
	const char	*from;
	const char	*to;
	long long	 room_id;
	long long	 event_id;
};
/* The sessions of q running at some time within [from, to) (one that
 * started earlier too), in time order. */
int	calendar_slots(struct db *, struct arena *, const struct calendar_query *,
	    struct slot **, int *n);

/* A session's attendees are its bookings that are not cancelled (nor a
 * hold that ran out): those holding a seat, completed ones and no-shows. */
struct attendee {
	long long	 booking_id;
	long long	 timeslot_id;
	long long	 user_id;
	const char	*name;
	const char	*status;
	const char	*checked_in_at;	/* NULL: not checked in */
};
/* A calendar: q's sessions, each with its attendee count and, when asked
 * for, its attendees (count[i] of them from attendees[first[i]] on). */
struct calendar {
	struct slot	*slots;
	int		 n;
	long long	*count;
	struct attendee	*attendees;	/* NULL when not asked for */
	int		*first;
};
int	calendar_load(struct db *, struct arena *, const struct calendar_query *,
	    int with_attendees, struct calendar *);

int	event_list(struct db *, struct arena *, struct event **, int *n);
/* One page of the events, by title, and how many there are. */
int	event_list_page(struct db *, struct arena *, long long limit, long long offset,
	    struct event **, int *n, long long *total);

/* Timeslots for the admins, drafts too: of a room and in a status when
 * given (0, NULL: any), starting within [from, to) UTC when given, in
 * time order. */
struct slot_filter {
	long long	 room_id;
	long long	 event_id;
	const char	*status;
	const char	*from;		/* NULL: no bound */
	const char	*to;
	long long	 limit;
	long long	 offset;
};
int	slot_list(struct db *, struct arena *, const struct slot_filter *,
	    struct slot **, int *n, long long *total);
int	event_get(struct db *, struct arena *, long long id, struct event *);

/* "free", "full", "past" or "unavailable". */
const char *slot_state_name(int state);

/* The timeslot statuses in the order of the ENUM, NULL-ended. */
extern const char *const slot_statuses[];
/* Whether a timeslot may go from one status to another (to == from is no
 * move). Cancelling ("canceled") also cancels the bookings:
 * booking_cancel_slot(). */
int	slot_move_allowed(const char *from, const char *to);

/* Whether the catalog can be read right now: the database answers (for
 * load balancers' health checks). */
int	catalog_ready(struct db *);

#endif
