/* domain/report.h: the admin reports: occupancy, popularity, attendance and revenue over a range of days */
#ifndef REPORT_H
#define REPORT_H

#include "core/result.h"

struct arena;
struct db;

/* Days a report may span: a year, a leap day included. */
#define REPORT_DAYS_MAX	366
/* Offsets of the site's zone a range may cross (a year of summer time has three). */
#define REPORT_ZONES	4

/*
 * The sessions of local days [from_date, to_date], of one room or all. A
 * report groups them by local day, month, weekday or hour in SQL: the
 * site's zone is given to the statement as the UTC offset in force before
 * each change within the range (utc < until[i]: offset[i] minutes; after
 * the last, offset[REPORT_ZONES - 1]), so the grouping needs no zone
 * tables in the server.
 */
struct report_range {
	char		 first[11];	/* the local days asked, both included */
	char		 last[11];
	char		 from[20];	/* UTC, inclusive */
	char		 to[20];	/* UTC, exclusive */
	long long	 room_id;	/* 0: every room */
	char		 until[REPORT_ZONES - 1][20];
	long long	 offset[REPORT_ZONES];
};

/* INVALID when the dates are not ones, or the zone changes more often in
 * them than REPORT_ZONES allows; the caller checks the order and span. */
int	report_range_init(struct report_range *, const char *from_date,
	    const char *to_date, long long room_id);

/*
 * Seats of the sessions that run (scheduled, in progress, completed)
 * against the seats held or used (held by a confirmed booking or an
 * unexpired hold, or completed, or missed), as the overview counts them.
 */
struct report_seats {
	const char	*day;		/* occupancy: the local day */
	long long	 id;		/* the room, the event, or the hour (by time) */
	const char	*name;		/* the room's name, the event's title */
	int		 weekday;	/* by time: 0 = Sunday */
	long long	 sessions;
	long long	 seats;
	long long	 booked;
};
/* Per room per day, by day then room name. */
int	report_occupancy(struct db *, struct arena *, const struct report_range *,
	    struct report_seats **, int *n);
/* Per event (sessions of no event are left out), the fullest first. */
int	report_events(struct db *, struct arena *, const struct report_range *,
	    struct report_seats **, int *n);
/* Per local weekday and starting hour, Sunday first. */
int	report_hours(struct db *, struct arena *, const struct report_range *,
	    struct report_seats **, int *n);

/* Bookings of the sessions in the range per room, by what became of them:
 * cancelled ones apart, the rest checked in (at any state since), completed,
 * missed (no-show) or still open (pending, confirmed). */
struct report_attendance {
	long long	 room_id;
	const char	*room;
	long long	 bookings;	/* not cancelled */
	long long	 checked_in;
	long long	 completed;
	long long	 no_show;
	long long	 cancelled;
};
int	report_attendance(struct db *, struct arena *, const struct report_range *,
	    struct report_attendance **, int *n);

/*
 * Money of the bookings whose session is in the range: received is what
 * was paid (paid_amount + refund_amount), refunds what was given back or is
 * due, net what is kept (paid_amount). Cents.
 */
enum report_by { REPORT_BY_ROOM, REPORT_BY_EVENT, REPORT_BY_MONTH, REPORT_BY_DAY };
struct report_money {
	const char	*key;		/* month "YYYY-MM" or day "YYYY-MM-DD" */
	long long	 id;		/* room or event (0: sessions of no event) */
	const char	*name;		/* its name or title; NULL for no event */
	long long	 paid;		/* bookings with money paid */
	long long	 received;
	long long	 refunds;
	long long	 net;
};
/* By room or event: the most received first; by month: in order; by day:
 * every day of the range in order, those of no money too. */
int	report_revenue(struct db *, struct arena *, const struct report_range *,
	    enum report_by, struct report_money **, int *n);

/*
 * The reports read report_tallies, one row per session (start, room and
 * timeslot) with what the session is and what its bookings come to, kept
 * by the timeslots' and bookings' triggers (027_report_tallies.sql).
 * report_tallies_check recounts every one from its timeslot and bookings
 * (bookingctl check): the tallies that drifted, in order, and how many were
 * checked; with fix, each is set to its count, read under lock.
 */
struct tally_drift {
	const char	*start;
	long long	 room_id;
	long long	 slot_id;
	long long	 n;		/* bookings as the tally has them */
	long long	 counted;	/* as the bookings are */
	long long	 received;	/* cents, the tally's */
	long long	 received_counted;
	long long	 seats;		/* the tally's, of a session that runs */
	long long	 seats_counted;	/* its timeslot's */
};
int	report_tallies_check(struct db *, struct arena *, int fix,
	    struct tally_drift **, int *n, long long *checked);

#endif
