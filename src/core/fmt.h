/* core/fmt.h: numbers, dates, times and money: parsing input and formatting output */
#ifndef FMT_H
#define FMT_H

#include <stddef.h>
#include <time.h>

struct arena;

/* Characters (not bytes) of UTF-8 text, as the length limits count them. */
size_t	 utf8_chars(const char *s);

/* A whole number in [min, max] written in decimal, nothing else (a sign
 * only when min is negative). */
int	 int_parse(const char *s, long long min, long long max, long long *out);

/* Times in the database are UTC "YYYY-MM-DD HH:MM:SS"; dates from users
 * are "YYYY-MM-DD" in the site time zone (the TZ set at start-up), with a
 * year from DATE_YEAR_MIN to DATE_YEAR_MAX, so that a day or a year added
 * stays a date every formatter writes. */
#define DATE_YEAR_MIN	2000
#define DATE_YEAR_MAX	2199
int	 date_parse(const char *s, struct tm *out);
void	 date_today(char out[11]);
/* These write "" and return -1 when the date given is not one. */
int	 date_add_days(const char *date, int days, char out[11]);
int	 date_weekday(const char *date);	/* 0 = Sunday */
/* Days from one date to another (negative when to comes first); INT_MIN
 * when either is not a date. */
int	 date_diff_days(const char *from, const char *to);
int	 day_bounds_utc(const char *date, char from[20], char to[20]);
/* A calendar month "YYYY-MM" (years as dates have them): writes its
 * first day; -1 when it is not one. */
int	 month_parse(const char *month, char first[11]);

/* Any DATETIME value (years 1970 to 9999). */
int	 dbtime_parse(const char *s, time_t *out);
/* A time typed or sent by a client: "YYYY-MM-DDTHH:MM[:SS]" in the site's
 * zone (an HTML datetime-local field), or the same ending in "Z" for UTC
 * (ISO 8601 from the API). Writes the UTC database form. */
int	 datetime_input(const char *s, char out[20]);
/* A time of day "HH:MM" in minutes ("24:00" ends the day); -1 when it is
 * not one. */
int	 hhmm_parse(const char *s);
/* "" and -1 for a time no DATETIME holds. */
int	 dbtime_from(time_t, char out[20]);
void	 dbtime_now(char out[20]);
char	*fmt_local(struct arena *, const char *dbtime, const char *strftime_fmt);
/* The one short and one long way every page and mail writes a date, the
 * time of day, and a moment (the site's zone is named in the footer). */
#define FMT_DATE_SHORT	"%a %d %b %Y"		/* Tue 24 Nov 2026 */
#define FMT_DATE_LONG	"%A %d %B %Y"		/* Tuesday 24 November 2026 */
#define FMT_TIME	"%H:%M"
#define FMT_WHEN	FMT_DATE_SHORT " " FMT_TIME
/* A YYYY-MM-DD date (no zone to convert) in a strftime format, with the
 * names of days and months in the thread's language; "" for no date. */
char	*fmt_date(struct arena *, const char *date, const char *strftime_fmt);
/* ISO 8601 UTC, "YYYY-MM-DDTHH:MM:SSZ", for the API and exports: into
 * out, or in the arena; NULL when dbtime is NULL or not a time. */
#define ISO_TEXT	21
char	*iso_text(const char *dbtime, char out[ISO_TEXT]);
char	*fmt_iso(struct arena *, const char *dbtime);

/* Money is integer cents in C and DECIMAL(10,2) in SQL. */
int	 money_parse(const char *s, long long *cents);
/* A DECIMAL value from the database in cents; 0 for NULL. */
long long money_cents(const char *decimal);
/* "12.50", "-3.05": into out (returned), or in the arena. */
#define MONEY_TEXT	24
char	*money_text(long long cents, char out[MONEY_TEXT]);
char	*money_fmt(struct arena *, long long cents);
/* An amount as people read it, in the site's currency (the currency
 * setting): "€12.50", "12.50 CHF". Every page, mail and notification
 * shows money through this one. */
char	*money_show(struct arena *, long long cents);
/* The ISO 4217 code of every amount (the API's currency field). */
const char *money_currency(void);

#endif
