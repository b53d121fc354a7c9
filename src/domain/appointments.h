/* domain/appointments.h: appointments: sessions of an individual event made
 * when a customer picks a start within its room's bookable hours */
#ifndef APPOINTMENTS_H
#define APPOINTMENTS_H

#include "core/result.h"
#include "domain/actor.h"

struct arena;
struct db;

/* A room's bookable hours on one weekday, minutes after local midnight. */
struct room_hours {
	int	 weekday;	/* 0 Sunday to 6 Saturday */
	int	 opens;
	int	 closes;
};

/* Sets (closes > opens) or, with closes 0, clears a weekday's hours;
 * NOT_FOUND for no such room, INVALID for hours that end before they
 * start or a weekday past 6. */
int	room_hours_set(struct db *, struct arena *, long long room_id,
	    const struct room_hours *);
/* Sets n weekdays' hours as room_hours_set does, all or none, in one
 * transaction (the admin's page saves a whole week). */
int	room_week_set(struct db *, struct arena *, long long room_id,
	    const struct room_hours *, int n);
/* A room that has set no hours of its own opens Monday to Friday from
 * 09:00 to 17:00. */
#define ROOM_OPENS_DEFAULT	(9 * 60)
#define ROOM_CLOSES_DEFAULT	(17 * 60)
/* Every weekday with hours, Sunday first (the default week when the room
 * has set none). */
int	room_hours_list(struct db *, struct arena *, long long room_id,
	    struct room_hours **, int *n);
/* The week as room_hours_list has it, one entry a weekday (0 Sunday),
 * closes 0 on a day the room is closed. Appointments and whole days and
 * months alike go by these hours. */
int	room_hours_week(struct db *, struct arena *, long long room_id,
	    struct room_hours week[7]);

/* The free starts (UTC "YYYY-MM-DD HH:MM:SS") of individual event
 * event_id on date (local), each session_minutes long within its room's
 * hours, still to come, overlapping no active session of the room;
 * NOT_FOUND when the event is no individual one with a room and a length. */
int	appointment_starts(struct db *, struct arena *, long long event_id,
	    const char *date, const char ***starts, int *n);

/*
 * Books the appointment of event_id at start (UTC) for who: under the
 * room's lock, the start must be one appointment_starts() offers
 * (SLOT_UNAVAILABLE when it is outside the hours or off their grid or
 * overlaps another session of the room, SLOT_PAST), and its session is
 * made (capacity 1, at the room's rate) and booked under one order; a
 * start someone else took meanwhile is SLOT_FULL, one over the actor's
 * limits QUOTA_EXCEEDED; *why is a refusal's sentence.
 */
int	appointment_book(struct db *, struct arena *, const struct actor *,
	    long long event_id, const char *start, long long *order_id, const char **why);

#endif
