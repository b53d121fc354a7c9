/* fuzz_query.c: a query string: parsed, percent-decoded and read by the typed getters of pages and API */
#include <string.h>

#include "core/fmt.h"
#include "core/limits.h"
#include "domain/admin.h"
#include "domain/catalog.h"
#include "http/input.h"
#include "http/request.h"
#include "fuzz.h"

/* The getters a handler calls, stopping at the first refusal as it does. */
static void
read_params(struct req *r)
{
	struct admin_filter af;
	const char *s;
	long long n;

	if (input_admin_filter(r, &af, API_PAGE_SIZE, API_PAGE_SIZE_MAX) != OK)
		return;
	/* a date let in is one every formatter can write, a day later too */
	if (af.from_date != NULL)
		FUZZ_CHECK(strlen(af.from) == 19);
	if (af.to_date != NULL)
		FUZZ_CHECK(strlen(af.to) == 19);
	FUZZ_CHECK(af.limit >= 1 && af.limit <= API_PAGE_SIZE_MAX);
	/* a cursor let in names a real time and row, and writes back the same */
	if (af.cursor.dir != 0) {
		FUZZ_CHECK(af.cursor.id >= 1 && strlen(af.cursor.key) == 19);
		FUZZ_CHECK(strcmp(booking_cursor_text(r->arena, af.cursor.dir, af.cursor.key,
		    af.cursor.id, af.cursor.page), kv_get(&r->params, "cursor")) == 0);
	}
	if (req_str_opt(r, "q", EMAIL_MAX, NULL, &s) != OK)
		return;
	FUZZ_CHECK(s == NULL || text_problem(s, 0) == NULL);
	if (req_date_opt(r, "date", NULL, &s) != OK ||
	    req_enum_opt(r, "type", room_types, &s) != OK ||
	    req_lines_opt(r, "notes", NOTES_MAX, "", &s) != OK ||
	    req_int_opt(r, "min_capacity", 0, SEATS_MAX, 0, &n) != OK ||
	    req_id(r, "id", &n) != OK)
		return;
	FUZZ_CHECK(n >= 1 && n <= ID_MAX);
}

/* Percent-encoding gives back what it was given. */
static void
round_trip(const char *s)
{
	char *enc = url_encode(&fuzz_arena, s), *dec;

	dec = url_decode(&fuzz_arena, enc, strlen(enc), 0);
	FUZZ_CHECK(dec != NULL && strcmp(dec, s) == 0);
	dec = url_decode(&fuzz_arena, s, strlen(s), 1);
	FUZZ_CHECK(dec == NULL || strlen(dec) <= strlen(s));
	if (local_path(s))
		FUZZ_CHECK(s[0] == '/' && s[1] != '/' && strchr(s, '\\') == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	fuzz_request("GET", "/admin/bookings", NULL, data, n, read_params);
	fuzz_begin();
	round_trip(fuzz_cstr(data, n));
	return 0;
}
