/* core/ical.c: the one iCalendar (RFC 5545) writer: the .ics of the booking
 * mails and the calendar feeds */
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/ical.h"
#include "core/mime.h"

const char *
ical_site_host(struct arena *a)
{
	const char *s = cfg.site_url, *p;

	if ((p = strstr(s, "://")) != NULL)
		s = p + 3;
	return arena_strndup(a, s, strcspn(s, ":/"));
}

/* Local time as an iCalendar DATE-TIME (no zone letter). */
static const char *
ics_local(struct arena *a, time_t t)
{
	char out[32];
	struct tm tm;

	localtime_r(&t, &tm);
	if (strftime(out, sizeof(out), "%Y%m%dT%H%M%S", &tm) == 0)
		out[0] = '\0';
	return arena_strdup(a, out);
}

static const char *
ics_offset(struct arena *a, long seconds)
{
	long m = (seconds < 0 ? -seconds : seconds) / 60;

	return arena_printf(a, "%c%02ld%02ld", seconds < 0 ? '-' : '+', m / 60, m % 60);
}

static void
observance(struct buf *b, struct arena *a, time_t at, long from, const struct tm *to)
{
	time_t local = at + from;
	struct tm tm;
	char start[32];

	gmtime_r(&local, &tm);
	if (strftime(start, sizeof(start), "%Y%m%dT%H%M%S", &tm) == 0)
		start[0] = '\0';
	buf_puts(b, to->tm_isdst > 0 ? "BEGIN:DAYLIGHT\r\n" : "BEGIN:STANDARD\r\n");
	ics_line(b, "DTSTART", start);
	ics_line(b, "TZOFFSETFROM", ics_offset(a, from));
	ics_line(b, "TZOFFSETTO", ics_offset(a, to->tm_gmtoff));
	ics_line(b, "TZNAME", to->tm_zone);
	buf_puts(b, to->tm_isdst > 0 ? "END:DAYLIGHT\r\n" : "END:STANDARD\r\n");
}

/* Local midnight of 1 January of t's year, plus years. */
static time_t
year_start(time_t t, int years)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_year += years;
	tm.tm_mon = 0, tm.tm_mday = 1, tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The changes of offset are found day by day, then to the second. */
void
ical_vtimezone(struct buf *b, time_t first, time_t last)
{
	struct arena *a = b->arena;
	struct tm tm, next;
	time_t day, lo, hi, mid, end;
	long off;

	day = year_start(first, 0);
	end = year_start(last < first ? first : last, 1);
	buf_puts(b, "BEGIN:VTIMEZONE\r\n");
	ics_line(b, "TZID", cfg.timezone);
	localtime_r(&day, &tm);
	observance(b, a, day, tm.tm_gmtoff, &tm);
	for (off = tm.tm_gmtoff; day < end; day += 86400) {
		localtime_r(&day, &next);
		if (next.tm_gmtoff == off)
			continue;
		for (lo = day - 86400, hi = day; hi - lo > 1; ) {
			mid = lo + (hi - lo) / 2;
			localtime_r(&mid, &next);
			if (next.tm_gmtoff == off)
				lo = mid;
			else
				hi = mid;
		}
		localtime_r(&hi, &next);
		observance(b, a, hi, off, &next);
		off = next.tm_gmtoff;
	}
	buf_puts(b, "END:VTIMEZONE\r\n");
}

/* A parameter value in double quotes, which it may not contain. */
static const char *
param_quoted(struct arena *a, const char *s)
{
	char *q = arena_printf(a, "\"%s\"", s ? s : ""), *p;

	for (p = q + 1; p[1] != '\0'; p++)
		if (*p == '"' || (unsigned char)*p < 0x20)
			*p = ' ';
	return q;
}

static void
text_line(struct buf *b, const char *name, const char *value)
{
	struct buf text;

	buf_init(&text, b->arena);
	ics_text(&text, value ? value : "");
	ics_line(b, name, buf_cstr(&text));
}

void
ical_begin(struct buf *b, const char *product, const char *method,
    const char *name, time_t first, time_t last)
{
	buf_puts(b, "BEGIN:VCALENDAR\r\n");
	ics_line(b, "VERSION", "2.0");
	ics_line(b, "PRODID", arena_printf(b->arena, "-//booking//%s//EN", product));
	ics_line(b, "CALSCALE", "GREGORIAN");
	if (method != NULL)
		ics_line(b, "METHOD", method);
	if (name != NULL) {
		text_line(b, "X-WR-CALNAME", name);
		ics_line(b, "X-WR-TIMEZONE", cfg.timezone);
	}
	ical_vtimezone(b, first, last);
}

void
ical_event(struct buf *b, const struct ical_event *e)
{
	struct arena *a = b->arena;
	char stamp[32];
	struct tm tm;

	gmtime_r(&e->stamp, &tm);
	if (strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm) == 0)
		stamp[0] = '\0';
	buf_puts(b, "BEGIN:VEVENT\r\n");
	ics_line(b, "UID", arena_printf(a, "%s-%lld@%s", e->kind, e->id, ical_site_host(a)));
	ics_line(b, "SEQUENCE", arena_printf(a, "%lld", e->sequence));
	ics_line(b, "DTSTAMP", stamp);
	ics_line(b, arena_printf(a, "DTSTART;TZID=%s", cfg.timezone), ics_local(a, e->start));
	ics_line(b, arena_printf(a, "DTEND;TZID=%s", cfg.timezone), ics_local(a, e->end));
	text_line(b, "SUMMARY", e->summary);
	text_line(b, "LOCATION", e->location);
	ics_line(b, arena_printf(a, "ORGANIZER;CN=%s", param_quoted(a, cfg.site_name)),
	    arena_printf(a, "mailto:%s", cfg.mail_from));
	if (e->attendee_email != NULL)
		ics_line(b, arena_printf(a, "ATTENDEE;CN=%s;ROLE=REQ-PARTICIPANT;RSVP=FALSE",
		    param_quoted(a, e->attendee_name)),
		    arena_printf(a, "mailto:%s", e->attendee_email));
	if (e->url != NULL)
		ics_line(b, "URL", e->url);
	ics_line(b, "STATUS", e->status);
	buf_puts(b, "END:VEVENT\r\n");
}

void
ical_end(struct buf *b)
{
	buf_puts(b, "END:VCALENDAR\r\n");
}
