/* core/ical.h: the one iCalendar (RFC 5545) writer: the .ics of the booking
 * mails and the calendar feeds */
#ifndef ICAL_H
#define ICAL_H

#include <time.h>

struct arena;
struct buf;

/* One VEVENT. Its UID is "<kind>-<id>@<site host>": a booking's is the
 * same in every mail and feed, so calendars update the entry they have. */
struct ical_event {
	const char	*kind;		/* "booking", "timeslot" */
	long long	 id;
	long long	 sequence;	/* raised by each change calendars follow */
	time_t		 start;
	time_t		 end;
	time_t		 stamp;		/* DTSTAMP */
	const char	*summary;
	const char	*location;
	const char	*url;
	const char	*status;	/* CONFIRMED, TENTATIVE, CANCELLED */
	const char	*attendee_name;	/* NULL: no ATTENDEE */
	const char	*attendee_email;
};

/* BEGIN:VCALENDAR with PRODID "-//booking//<product>//EN", METHOD when not
 * NULL, X-WR-CALNAME when name is not NULL, and the site's zone
 * (ical_vtimezone) through the years from first to last. */
void	ical_begin(struct buf *, const char *product, const char *method,
	    const char *name, time_t first, time_t last);
void	ical_event(struct buf *, const struct ical_event *);
void	ical_end(struct buf *);

/* The site's zone (cfg.timezone) as a VTIMEZONE through the years of first
 * to last: an observance from the first year's start, then one for each
 * change of offset, so every time of those years has its offset. */
void	ical_vtimezone(struct buf *, time_t first, time_t last);

/* The host part of site_url, for UIDs and Message-IDs. */
const char *ical_site_host(struct arena *);

#endif
