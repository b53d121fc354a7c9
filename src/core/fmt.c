/* core/fmt.c: numbers, dates, times and money: parsing input and formatting output */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
int_parse(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long n;

	if (s == NULL || !(isdigit((unsigned char)*s) || (*s == '-' && min < 0)))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno || end == s || *end != '\0' || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* A calendar date "YYYY-MM-DD" with its year in [ymin, ymax], at noon. */
static int
ymd_parse(const char *s, int ymin, int ymax, struct tm *out)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < ymin || y > ymax || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	memset(out, 0, sizeof(*out));
	out->tm_year = y - 1900;
	out->tm_mon = m - 1;
	out->tm_mday = d;
	out->tm_hour = 12;	/* noon: safe from DST edges when adding days */
	out->tm_isdst = -1;
	return 0;
}

int
date_parse(const char *s, struct tm *out)
{
	return ymd_parse(s, DATE_YEAR_MIN, DATE_YEAR_MAX, out);
}

/* Writes tm as a date or time with a fixed-size format; "" (and -1) when it
 * does not fit, as a year past 9999 would not: strftime then leaves the
 * buffer undefined. */
static int
put_tm(char *out, size_t size, const char *f, const struct tm *tm)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* The formats are literals at every call site. */
	if (tm->tm_year + 1900 < 0 || tm->tm_year + 1900 > 9999 ||
	    strftime(out, size, f, tm) == 0) {
		out[0] = '\0';
		return -1;
	}
#pragma GCC diagnostic pop
	return 0;
}

void
date_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	put_tm(out, 11, "%Y-%m-%d", &tm);
}

int
date_add_days(const char *date, int days, char out[11])
{
	struct tm tm;

	if (date_parse(date, &tm) != 0) {
		out[0] = '\0';
		return -1;
	}
	tm.tm_mday += days;
	timegm(&tm);		/* normalises the fields; calendar only */
	return put_tm(out, 11, "%Y-%m-%d", &tm);
}

int
date_weekday(const char *date)
{
	struct tm tm;

	if (date_parse(date, &tm) != 0)
		return -1;
	timegm(&tm);
	return tm.tm_wday;
}

int
date_diff_days(const char *from, const char *to)
{
	struct tm a, b;

	if (date_parse(from, &a) != 0 || date_parse(to, &b) != 0)
		return INT_MIN;
	return (int)((timegm(&b) - timegm(&a)) / 86400);
}

/* The UTC time of local midnight starting date (parsed, in tm). */
static int
midnight_utc(struct tm *tm, char out[20])
{
	tm->tm_hour = 0;
	return dbtime_from(mktime(tm), out);
}

/* The UTC times of local midnight at the start and end of date. */
int
day_bounds_utc(const char *date, char from[20], char to[20])
{
	struct tm tm;

	from[0] = to[0] = '\0';
	if (date_parse(date, &tm) != 0 || midnight_utc(&tm, from) != 0)
		return -1;
	date_parse(date, &tm);
	tm.tm_mday++;
	return midnight_utc(&tm, to);
}

int
month_parse(const char *month, char first[11])
{
	struct tm tm;

	first[0] = '\0';
	if (month == NULL || strlen(month) != 7 || month[4] != '-')
		return -1;
	snprintf(first, 11, "%s-01", month);
	if (date_parse(first, &tm) != 0) {
		first[0] = '\0';
		return -1;
	}
	return 0;
}

int
dbtime_parse(const char *s, time_t *out)
{
	struct tm tm;
	int h, mi, se;

	if (s == NULL || strlen(s) < 19 || s[10] != ' ' || s[13] != ':' ||
	    s[16] != ':')
		return -1;
	{
		char date[11];

		memcpy(date, s, 10);
		date[10] = '\0';
		/* what a DATETIME column holds, not only what users may type */
		if (ymd_parse(date, 1970, 9999, &tm) != 0)
			return -1;
	}
	if (digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) ||
	    digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 59)
		return -1;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*out = timegm(&tm);
	return 0;
}

/* "09:30" -> 570; -1 when malformed. "24:00" is the end of the day. */
int
hhmm_parse(const char *s)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':' || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

int
datetime_input(const char *s, char out[20])
{
	char date[11];
	size_t len = s ? strlen(s) : 0;
	int utc = 0, h, mi, se = 0;
	struct tm tm;

	if (len > 0 && s[len - 1] == 'Z') {
		utc = 1;
		len--;
	}
	if ((len != 16 && len != 19) || (s[10] != 'T' && s[10] != ' ') ||
	    s[13] != ':' || (len == 19 && s[16] != ':'))
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &tm) != 0 || digits(s + 11, 2, &h) ||
	    digits(s + 14, 2, &mi) || (len == 19 && digits(s + 17, 2, &se)) ||
	    h > 23 || mi > 59 || se > 59)
		return -1;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	if (utc)
		return dbtime_from(timegm(&tm), out);
	tm.tm_isdst = -1;
	return dbtime_from(mktime(&tm), out);
}

int
dbtime_from(time_t t, char out[20])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		out[0] = '\0';
		return -1;
	}
	return put_tm(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

void
dbtime_now(char out[20])
{
	dbtime_from(time(NULL), out);
}

/* The names and date formats a language translates (po/); the C
 * library's own are the English ones, whatever its locale. */
static const char *const weekdays[] = {
	N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"),
};
static const char *const months[] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
	N_("December"),
};
/* TRANSLATORS: short weekday and month names (%a, %b in the date formats) */
static const char *const weekdays_short[] = {
	C_N("weekday", "Sun"), C_N("weekday", "Mon"), C_N("weekday", "Tue"),
	C_N("weekday", "Wed"), C_N("weekday", "Thu"), C_N("weekday", "Fri"),
	C_N("weekday", "Sat"),
};
static const char *const months_short[] = {
	C_N("month", "Jan"), C_N("month", "Feb"), C_N("month", "Mar"),
	C_N("month", "Apr"), C_N("month", "May"), C_N("month", "Jun"),
	C_N("month", "Jul"), C_N("month", "Aug"), C_N("month", "Sep"),
	C_N("month", "Oct"), C_N("month", "Nov"), C_N("month", "Dec"),
};
/* The formats of fmt.h, as literals the extractor sees. */
static const char *const date_formats[] = {
	/* TRANSLATORS: the short way of a date, a strftime(3) format; "%-d"
	 * is the day without a leading zero */
	/* xgettext:no-c-format */
	N_("%a %d %b %Y"),
	/* TRANSLATORS: the long way of a date */
	/* xgettext:no-c-format */
	N_("%A %d %B %Y"),
	/* TRANSLATORS: a date and time of day */
	/* xgettext:no-c-format */
	N_("%a %d %b %Y %H:%M"),
};

_Static_assert(sizeof(FMT_DATE_SHORT) == sizeof("%a %d %b %Y") &&
    sizeof(FMT_DATE_LONG) == sizeof("%A %d %B %Y") &&
    sizeof(FMT_WHEN) == sizeof("%a %d %b %Y %H:%M"), "date_formats[] follows fmt.h");

/* f in the thread's language: its translation, with the names of days
 * and months put in (strftime would give the C locale's). */
static const char *
local_format(const char *f, const struct tm *tm, char *out, size_t size)
{
	size_t o = 0, i;
	const char *name;

	for (i = 0; i < sizeof(date_formats) / sizeof(date_formats[0]); i++)
		if (strcmp(f, date_formats[i]) == 0)
			f = _(f);
	for (; *f != '\0' && o + 1 < size; f++) {
		name = NULL;
		if (f[0] == '%' && f[1] != '\0') {
			switch (f[1]) {
			case 'A': name = _(weekdays[tm->tm_wday % 7]); break;
			case 'a': name = C_("weekday", weekdays_short[tm->tm_wday % 7]); break;
			case 'B': name = _(months[tm->tm_mon % 12]); break;
			case 'b': name = C_("month", months_short[tm->tm_mon % 12]); break;
			}
		}
		if (name == NULL) {
			out[o++] = *f;
			if (f[0] == '%' && f[1] != '\0' && o + 1 < size)
				out[o++] = *++f;
			continue;
		}
		for (; *name != '\0' && o + 1 < size; name++)
			if (*name != '%')
				out[o++] = *name;
		f++;
	}
	out[o] = '\0';
	return out;
}

/* tm in f, in the thread's language, in the arena ("" when it fails). */
static char *
format_tm(struct arena *a, const struct tm *tm, const char *f)
{
	char buf[128], local[128];

	if (lang_current() != 0)
		f = local_format(f, tm, local, sizeof(local));
	if (put_tm(buf, sizeof(buf), f, tm) != 0)
		return arena_strdup(a, "");
	return arena_strdup(a, buf);
}

char *
fmt_local(struct arena *a, const char *dbtime, const char *f)
{
	struct tm tm;
	time_t t;

	if (dbtime_parse(dbtime, &t) != 0 || localtime_r(&t, &tm) == NULL)
		return arena_strdup(a, "");
	return format_tm(a, &tm, f);
}

char *
fmt_date(struct arena *a, const char *date, const char *f)
{
	struct tm tm;

	if (date_parse(date, &tm) != 0)
		return arena_strdup(a, "");
	return format_tm(a, &tm, f);
}

char *
iso_text(const char *dbtime, char out[ISO_TEXT])
{
	time_t t;

	if (dbtime == NULL || dbtime_parse(dbtime, &t) != 0)
		return NULL;
	snprintf(out, ISO_TEXT, "%.10sT%.8sZ", dbtime, dbtime + 11);
	return out;
}

char *
fmt_iso(struct arena *a, const char *dbtime)
{
	char iso[ISO_TEXT];

	return iso_text(dbtime, iso) ? arena_strdup(a, iso) : NULL;
}

/* Accepts "12", "12.5", "12.50"; no sign, no exponent, at most 2 decimals. */
int
money_parse(const char *s, long long *cents)
{
	long long v = 0;
	int frac = 0, nfrac = -1;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s == '.' && nfrac < 0) {
			nfrac = 0;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return -1;
		if (nfrac >= 0) {
			if (++nfrac > 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		} else {
			v = v * 10 + (*s - '0');
			if (v > 99999999)	/* DECIMAL(10,2) */
				return -1;
		}
	}
	if (nfrac == 0)
		return -1;
	if (nfrac == 1)
		frac *= 10;
	*cents = v * 100 + frac;
	return 0;
}

long long
money_cents(const char *decimal)
{
	long long c = 0;

	if (decimal != NULL)
		money_parse(decimal, &c);
	return c;
}

char *
money_text(long long cents, char out[MONEY_TEXT])
{
	const char *sign = cents < 0 ? "-" : "";

	if (cents < 0)
		cents = -cents;
	snprintf(out, MONEY_TEXT, "%s%lld.%02lld", sign, cents / 100, cents % 100);
	return out;
}

char *
money_fmt(struct arena *a, long long cents)
{
	char text[MONEY_TEXT];

	return arena_strdup(a, money_text(cents, text));
}

/* The sign of the currencies people know by one; others by their code. */
static const char *
currency_symbol(const char *code)
{
	static const char *const symbols[][2] = {
		{ "EUR", "€" }, { "USD", "$" }, { "GBP", "£" },
	};
	size_t i;

	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
		if (strcmp(symbols[i][0], code) == 0)
			return symbols[i][1];
	return NULL;
}

/* Where the sign and the currency go and which mark separates the cents
 * follow the language: "€12.50", "12,50 €". */
char *
money_show(struct arena *a, long long cents)
{
	const char *code = money_currency();
	const char *symbol = currency_symbol(code);
	const char *sign = cents < 0 ? "-" : "";
	char text[MONEY_TEXT], *dot;

	money_text(cents < 0 ? -cents : cents, text);
	if (lang_current() == 0) {
		if (symbol != NULL)
			return arena_printf(a, "%s%s%s", sign, symbol, text);
		return arena_printf(a, "%s%s\xc2\xa0%s", sign, text, code);
	}
	if ((dot = strchr(text, '.')) != NULL)
		/* TRANSLATORS: the decimal mark of amounts */
		*dot = *C_("decimal mark", ".");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (symbol != NULL)
		/* TRANSLATORS: an amount with its currency's sign: %1$s the minus
		 * sign or nothing, %2$s the sign (€), %3$s the number */
		return arena_printf(a, C_("money", "%1$s%2$s%3$s"), sign, symbol, text);
	/* TRANSLATORS: an amount with its currency's code: %1$s the minus
	 * sign or nothing, %2$s the code (CHF), %3$s the number */
	return arena_printf(a, C_("money", "%1$s%3$s\xc2\xa0%2$s"), sign, code, text);
#pragma GCC diagnostic pop
}

const char *
money_currency(void)
{
	return cfg.currency != NULL ? cfg.currency : "EUR";
}
