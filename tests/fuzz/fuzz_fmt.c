/* fuzz_fmt.c: dates, times of day, moments, money and whole numbers as users and the database write them */
#include <stdlib.h>
#include <string.h>

#include "core/fmt.h"
#include "core/limits.h"
#include "http/form.h"
#include "fuzz.h"

static void
dates(const char *s)
{
	/* up to past the year 9999, which no date field holds */
	static const int steps[] = { 1, -1, 7, -7, 366, -366, 36524, 3000000, -3000000 };
	char out[11], back[11], from[20], to[20];
	struct tm tm;
	size_t i;

	if (date_parse(s, &tm) != 0) {
		FUZZ_CHECK(date_add_days(s, 1, out) != 0 && out[0] == '\0');
		FUZZ_CHECK(day_bounds_utc(s, from, to) != 0);
		return;
	}
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		/* whatever the step, the result is a terminated date or "" */
		if (date_add_days(s, steps[i], out) == 0) {
			FUZZ_CHECK(strlen(out) == 10);
			if (date_add_days(out, -steps[i], back) == 0)
				FUZZ_CHECK(strcmp(back, s) == 0);
		} else
			FUZZ_CHECK(out[0] == '\0');
	}
	FUZZ_CHECK(date_weekday(s) >= 0 && date_weekday(s) <= 6);
	FUZZ_CHECK(day_bounds_utc(s, from, to) == 0 && strcmp(from, to) < 0);
}

static void
times(const char *s)
{
	char out[20], iso[ISO_TEXT];
	time_t t;

	if (dbtime_parse(s, &t) == 0) {
		FUZZ_CHECK(dbtime_from(t, out) == 0 && strncmp(out, s, 19) == 0);
		FUZZ_CHECK(iso_text(s, iso) != NULL && strlen(iso) == 20);
		fmt_local(&fuzz_arena, s, "%a %d %b %Y %H:%M");
	}
	if (datetime_input(s, out) == 0)
		FUZZ_CHECK(dbtime_parse(out, &t) == 0);
}

static void
numbers(const char *s)
{
	char text[MONEY_TEXT];
	long long c, back, n;

	if (money_parse(s, &c) == 0) {
		FUZZ_CHECK(c >= 0 && c <= 9999999999LL);
		FUZZ_CHECK(money_parse(money_text(c, text), &back) == 0 && back == c);
	}
	if (int_parse(s, -1000, ID_MAX, &n) == 0)
		FUZZ_CHECK(n >= -1000 && n <= ID_MAX && strtoll(s, NULL, 10) == n);
}

/* A time of day through the form getter (its parser is private). */
static void
time_of_day(const char *s)
{
	struct kvlist l = { NULL, 0, 0 };
	struct form f;
	int minutes;

	kv_add(&fuzz_arena, &l, "t", s);
	form_init_fields(&f, &fuzz_arena, &l);
	if (form_time(&f, "t", "Time", 1, &minutes))
		FUZZ_CHECK(minutes >= 0 && minutes <= 24 * 60);
	else
		FUZZ_CHECK(!form_ok(&f));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char *s;

	fuzz_begin();
	s = fuzz_cstr(data, n);
	dates(s);
	times(s);
	numbers(s);
	time_of_day(s);
	return 0;
}
