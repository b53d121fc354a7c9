/* test_units.c: unit tests of request parsing, routing, parameters, arena and formats */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/fmt.h"
#include "core/ical.h"
#include "core/lang.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/mime.h"
#include "db/db.h"
#include "domain/admin.h"
#include "domain/auth.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/mfa.h"
#include "domain/prices.h"
#include "domain/report.h"
#include "domain/slotgen.h"
#include "cli/mailer.h"
#include "http/form.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/chart.h"
#include "router.h"
#include "check.h"

static struct arena a;

/* A request as main.c builds it, from FastCGI parameters. */
static void
make_req(struct req *r, char **env)
{
	arena_reset(&a);
	req_init(r, &a, NULL, env);
}

static void
test_arena(void)
{
	char *p, *big;
	int i;

	arena_init(&a);
	p = arena_strdup(&a, "hello");
	CHECK_STR(p, "hello");
	CHECK(((uintptr_t)arena_alloc(&a, 3) % 16) == 0);
	/* Many small allocations span chunks without overlapping. */
	for (i = 0; i < 10000; i++) {
		int *n = arena_alloc(&a, sizeof(int) * 4);
		n[0] = i;
		n[3] = i;
	}
	big = arena_alloc(&a, 1 << 20);	/* larger than a chunk */
	memset(big, 'x', 1 << 20);
	CHECK_STR(p, "hello");
	CHECK_STR(arena_printf(&a, "%d-%s", 42, "x"), "42-x");
	arena_reset(&a);
	CHECK(a.total == 0);
	p = arena_strdup(&a, "again");
	CHECK_STR(p, "again");
}

static void
test_buf(void)
{
	struct buf b;
	int i;

	arena_reset(&a);
	buf_init(&b, &a);
	CHECK_STR(buf_cstr(&b), "");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	CHECK(b.len == 2000);
	CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
	buf_puts(&b, "end");
	CHECK(strcmp(b.data + 2000, "end") == 0);
}

static void
test_url_decode(void)
{
	arena_reset(&a);
	CHECK_STR(url_decode(&a, "a%20b+c", 7, 1), "a b c");
	CHECK_STR(url_decode(&a, "a+b", 3, 0), "a+b");
	CHECK_STR(url_decode(&a, "%3Cscript%3e", 12, 1), "<script>");
	CHECK(url_decode(&a, "bad%2", 5, 1) == NULL);
	CHECK(url_decode(&a, "bad%zz", 6, 1) == NULL);
	CHECK(url_decode(&a, "nul%00byte", 10, 1) == NULL);
	CHECK(url_decode(&a, "%", 1, 1) == NULL);
}

static void
test_utf8(void)
{
	CHECK(utf8_valid("plain"));
	CHECK(utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
	CHECK(!utf8_valid("\xc3"));		/* cut short */
	CHECK(!utf8_valid("\xc0\xaf"));		/* overlong */
	CHECK(!utf8_valid("\xed\xa0\x80"));	/* surrogate */
	CHECK(!utf8_valid("\xff"));
}

static void
test_form(void)
{
	char *env[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/rooms",
	    "QUERY_STRING=type=meeting&min_capacity=4&empty=&flag", NULL };
	struct req r;

	make_req(&r, env);
	CHECK(req_parse_form(&r, &r.params, r.query) == OK);
	CHECK_STR(kv_get(&r.params, "type"), "meeting");
	CHECK_STR(kv_get(&r.params, "min_capacity"), "4");
	CHECK_STR(kv_get(&r.params, "empty"), "");
	CHECK_STR(kv_get(&r.params, "flag"), "");
	CHECK(kv_get(&r.params, "missing") == NULL);
	CHECK(req_parse_form(&r, &r.params, "a=%zz") == ERR);
}

/* One whole-number parser for parameters and form fields alike. */
static void
test_int_parse(void)
{
	long long n = 7;

	CHECK(int_parse("42", 1, 100, &n) == 0 && n == 42);
	CHECK(int_parse("-3", -5, 5, &n) == 0 && n == -3);
	CHECK(int_parse("-3", 0, 5, &n) != 0);
	CHECK(int_parse("101", 1, 100, &n) != 0);
	CHECK(int_parse(" 4", 1, 100, &n) != 0);
	CHECK(int_parse("4x", 1, 100, &n) != 0);
	CHECK(int_parse("", 1, 100, &n) != 0);
	CHECK(int_parse("99999999999999999999", 0, 4294967295LL, &n) != 0);
	CHECK(n == -3);
}

/* Typed fields fill plain values and keep the first problem per field. */
static void
test_form_fields(void)
{
	struct kvlist l = { NULL, 0, 0 };
	struct room_input room;
	struct slotgen g;
	struct form f;
	long long n = -1;

	arena_reset(&a);
	kv_add(&a, &l, "capacity", " 12 ");
	kv_add(&a, &l, "roomType", "castle");
	kv_add(&a, &l, "isActive", "maybe");
	kv_add(&a, &l, "description", "");
	form_init_fields(&f, &a, &l);
	CHECK(form_int(&f, "capacity", "Capacity", 1, 100, 1, &n) == 1 && n == 12);
	CHECK(form_int(&f, "missing", "Missing", 1, 100, 0, &n) == 0 && n == 12);
	CHECK(form_ok(&f));
	input_room(&f, 0, &room);
	CHECK(room.name == NULL && room.capacity == 12 && room.hourly_rate == -1);
	CHECK_STR(room.description, "");
	CHECK(room.is_active == -1);
	CHECK_STR(field_error_of(&f.errors, "roomType"), "Type must be one of: "
	    "office, consultation, meeting, treatment.");
	CHECK_STR(field_error_of(&f.errors, "isActive"), "isActive must be true or false.");
	form_error(&f, "roomType", "a second problem");
	CHECK_STR(field_error_of(&f.errors, "roomType"), "Type must be one of: "
	    "office, consultation, meeting, treatment.");
	input_room(&f, 1, &room);
	CHECK_STR(field_error_of(&f.errors, "name"), "Name is required.");

	l.n = 0;
	kv_add(&a, &l, "roomId", "3");
	kv_add(&a, &l, "dayStart", "24:30");
	kv_add(&a, &l, "weekdays", "[\"mon\", \"7\"]");
	kv_add(&a, &l, "weekdays", "wed");
	kv_add(&a, &l, "excludedDates", "2030-01-01, 2030-01-02");
	form_init_fields(&f, &a, &l);
	input_slotgen(&f, &g);
	CHECK(g.room_id == 3 && g.length == 30 && g.day_end == 17 * 60);
	CHECK(g.weekdays == ((1 << 1) | (1 << 0) | (1 << 3)));
	CHECK(g.nexcluded == 2);
	CHECK_STR(g.excluded[1], "2030-01-02");
	CHECK_STR(field_error_of(&f.errors, "dayStart"),
	    "Start of the working day must be a time as HH:MM.");
	CHECK_STR(field_error_of(&f.errors, "from"), "First day is required.");
}

static void
test_req_init(void)
{
	char *env[] = { "REQUEST_METHOD=HEAD", "DOCUMENT_URI=/api/v1/rooms",
	    "QUERY_STRING=", NULL };
	char *none[] = { NULL };
	struct req r;

	make_req(&r, env);
	CHECK_STR(r.method, "HEAD");
	CHECK(r.head);
	CHECK(r.api);
	make_req(&r, none);
	CHECK_STR(r.method, "GET");
	CHECK_STR(r.path, "/");
	CHECK(!r.api);
}

static int h_a(struct req *r) { (void)r; return 1; }
static int h_b(struct req *r) { (void)r; return 2; }

static void
test_router(void)
{
	static const struct route table[] = {
		{ "GET",  "/",			 h_a, 0 },
		{ "GET",  "/rooms/{id}",	 h_a, 0 },
		{ "POST", "/rooms/{id}",	 h_b, 0 },
		{ "GET",  "/rooms/{id}/slots",	 h_b, 0 },
	};
	char *env1[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/rooms/42", NULL };
	char *env2[] = { "REQUEST_METHOD=DELETE", "DOCUMENT_URI=/rooms/42", NULL };
	char *env3[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/nothing", NULL };
	char *env4[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/rooms/7/slots", NULL };
	char *env5[] = { "REQUEST_METHOD=HEAD", "DOCUMENT_URI=/", NULL };
	char *env6[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/rooms/", NULL };
	char *env7[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/rooms/a%2Fb", NULL };
	const struct route *rt;
	char allow[64];
	struct req r;
	int status;

	make_req(&r, env1);
	rt = router_match(&r, table, 4, &status, allow, sizeof(allow));
	CHECK(rt == &table[1]);
	CHECK_STR(kv_get(&r.params, "id"), "42");

	make_req(&r, env2);
	CHECK(router_match(&r, table, 4, &status, allow, sizeof(allow)) == NULL);
	CHECK(status == 405);
	CHECK_STR(allow, "GET, HEAD, POST");

	make_req(&r, env3);
	CHECK(router_match(&r, table, 4, &status, allow, sizeof(allow)) == NULL);
	CHECK(status == 404);

	make_req(&r, env4);
	rt = router_match(&r, table, 4, &status, allow, sizeof(allow));
	CHECK(rt == &table[3]);
	CHECK_STR(kv_get(&r.params, "id"), "7");

	make_req(&r, env5);
	CHECK(router_match(&r, table, 4, &status, allow, sizeof(allow)) == &table[0]);

	make_req(&r, env6);		/* an empty capture is no match */
	CHECK(router_match(&r, table, 4, &status, allow, sizeof(allow)) == NULL);
	CHECK(status == 404);

	make_req(&r, env7);		/* a capture is decoded but stays one segment */
	rt = router_match(&r, table, 4, &status, allow, sizeof(allow));
	CHECK(rt == &table[1]);
	CHECK_STR(kv_get(&r.params, "id"), "a/b");
}

/* An API request, so a refusal is JSON naming the field. */
static void
api_req(struct req *r, const char *query)
{
	static char qs[256];
	static char *env[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/api/v1/x", qs, NULL };

	snprintf(qs, sizeof(qs), "QUERY_STRING=%s", query);
	make_req(r, env);
	req_parse_form(r, &r->params, r->query);
}

static int
refused(struct req *r, const char *field)
{
	return r->status == 400 && strstr(buf_cstr(&r->out), field) != NULL &&
	    strstr(buf_cstr(&r->out), "\"error\"") != NULL;
}

static void
test_params(void)
{
	static const char *const colours[] = { "red", "green", NULL };
	const char *s;
	long long n;
	struct req r;

	api_req(&r, "id=17&page=0&limit=abc&neg=-5&big=99999999999999999999");
	CHECK(req_id(&r, "id", &n) == OK && n == 17);
	CHECK(r.status == 0);
	CHECK(req_int_opt(&r, "page", 1, 10, 1, &n) == ERR);
	CHECK(refused(&r, "page"));

	api_req(&r, "limit=abc");
	CHECK(req_int_opt(&r, "limit", 1, 100, 25, &n) == ERR);
	CHECK(refused(&r, "limit"));

	api_req(&r, "limit=");
	CHECK(req_int_opt(&r, "limit", 1, 100, 25, &n) == OK && n == 25);

	api_req(&r, "n=-5");
	CHECK(req_int_opt(&r, "n", 0, 100, 0, &n) == ERR);
	api_req(&r, "n=-5");
	CHECK(req_int_opt(&r, "n", -10, 100, 0, &n) == OK && n == -5);
	api_req(&r, "n=99999999999999999999");
	CHECK(req_int_opt(&r, "n", 0, 100, 0, &n) == ERR);
	api_req(&r, "n=12x");
	CHECK(req_int_opt(&r, "n", 0, 100, 0, &n) == ERR);
	api_req(&r, "n=+3");
	CHECK(req_int_opt(&r, "n", 0, 100, 0, &n) == ERR);

	api_req(&r, "");
	CHECK(req_id(&r, "id", &n) == ERR);
	CHECK(refused(&r, "id is required"));

	api_req(&r, "date=2026-02-29");
	CHECK(req_date_opt(&r, "date", "x", &s) == ERR);
	CHECK(refused(&r, "date"));
	api_req(&r, "date=2028-02-29");
	CHECK(req_date_opt(&r, "date", "x", &s) == OK);
	CHECK_STR(s, "2028-02-29");
	api_req(&r, "");
	CHECK(req_date_opt(&r, "date", "dflt", &s) == OK);
	CHECK_STR(s, "dflt");

	api_req(&r, "c=blue");
	CHECK(req_enum_opt(&r, "c", colours, &s) == ERR);
	CHECK(refused(&r, "red, green"));
	api_req(&r, "c=green");
	CHECK(req_enum_opt(&r, "c", colours, &s) == OK);
	CHECK_STR(s, "green");

	api_req(&r, "name=%C3%A9t%C3%A9");	/* 3 characters, 5 bytes */
	CHECK(req_str(&r, "name", 3, &s) == OK);
	api_req(&r, "name=%C3%A9t%C3%A9");
	CHECK(req_str(&r, "name", 2, &s) == ERR);
	CHECK(refused(&r, "name"));
	api_req(&r, "name=%FF");
	CHECK(req_str(&r, "name", 10, &s) == ERR);
	CHECK(refused(&r, "UTF-8"));
}

/* Dates users send are bounded, so a day added is still a date every
 * formatter writes: 9999-12-31 + 1 day overflowed a buffer. */
static void
test_date_range(void)
{
	char out[11], from[20], to[20];
	const char *s;
	struct tm tm;
	struct req r;
	time_t t;

	CHECK(date_parse("2000-01-01", &tm) == 0);
	CHECK(date_parse("2199-12-31", &tm) == 0);
	CHECK(date_parse("1999-12-31", &tm) != 0);
	CHECK(date_parse("2200-01-01", &tm) != 0);
	CHECK(date_parse("9999-12-31", &tm) != 0);
	memset(out, 'x', sizeof(out));
	CHECK(date_add_days("9999-12-31", 1, out) != 0);
	CHECK_STR(out, "");
	CHECK(date_add_days("2199-12-31", 1, out) == 0);
	CHECK_STR(out, "2200-01-01");
	memset(out, 'x', sizeof(out));
	CHECK(date_add_days("2199-12-31", 3000000, out) != 0);	/* past the year 9999 */
	CHECK_STR(out, "");
	CHECK(day_bounds_utc("9999-12-31", from, to) != 0);
	CHECK_STR(from, "");
	CHECK_STR(to, "");
	CHECK(dbtime_parse("9999-12-31 23:59:59", &t) == 0);	/* DATETIME's last second */
	CHECK(dbtime_from(t + 1, from) != 0);
	CHECK_STR(from, "");
	CHECK(datetime_input("9999-12-31T23:59", from) != 0);
	CHECK(datetime_input("2199-12-31T23:59:59Z", from) == 0);
	CHECK_STR(from, "2199-12-31 23:59:59");

	api_req(&r, "date=9999-12-31");
	CHECK(req_date_opt(&r, "date", NULL, &s) == ERR);
	CHECK(refused(&r, "date: expected a date"));
	CHECK(refused(&r, "2000 to 2199"));
}

/* Names, emails and texts refuse control characters and direction
 * overrides, from forms and JSON alike; only texts of several lines keep
 * their line breaks and tabs. */
static void
test_text_rules(void)
{
	struct kvlist l = { NULL, 0, 0 };
	struct form f;
	const char *s;
	struct req r;

	CHECK(text_problem("Ann Example", 0) == NULL);
	CHECK(text_problem("caf\xc3\xa9 \xf0\x9f\x98\x80", 0) == NULL);
	CHECK_STR(text_problem("a\x01" "b", 0), "must not contain control characters");
	CHECK_STR(text_problem("a\nb", 0), "must not contain control characters");
	CHECK(text_problem("a\r\nb\tc", 1) == NULL);
	CHECK_STR(text_problem("a\x7f", 1), "must not contain control characters");
	CHECK_STR(text_problem("a\xc2\x85", 1), "must not contain control characters");
	CHECK_STR(text_problem("a\xe2\x80\xa8", 0), "must not contain control characters");
	CHECK(text_problem("a\xe2\x80\xa8", 1) == NULL);	/* U+2028 breaks a line */
	CHECK_STR(text_problem("\xe2\x80\xae" "evil", 1),
	    "must not contain direction override characters");
	CHECK_STR(text_problem("x\xe2\x81\xa6", 0),
	    "must not contain direction override characters");	/* U+2066 */
	CHECK(text_problem("\xe2\x80\x8f", 0) == NULL);	/* U+200F: a mark, no override */
	CHECK_STR(text_problem("\xff", 0), "must be valid UTF-8 text");

	arena_reset(&a);
	kv_add(&a, &l, "name", "Bob\x01");
	kv_add(&a, &l, "email", "bob@example.com\xe2\x80\xae");
	kv_add(&a, &l, "description", "two\r\nlines");
	kv_add(&a, &l, "title", "one\nline");
	form_init_fields(&f, &a, &l);
	CHECK(form_text(&f, "name", "Name", 100, 1) == NULL);
	CHECK_STR(field_error_of(&f.errors, "name"), "Name must not contain control characters.");
	CHECK(form_text(&f, "email", "Email", 254, 1) == NULL);
	CHECK_STR(field_error_of(&f.errors, "email"),
	    "Email must not contain direction override characters.");
	CHECK_STR(form_lines(&f, "description", "Description", 100, 1), "two\r\nlines");
	CHECK(form_text(&f, "title", "Title", 100, 1) == NULL);

	api_req(&r, "q=a%0Ab");
	CHECK(req_str_opt(&r, "q", 10, NULL, &s) == ERR);
	CHECK(refused(&r, "q: must not contain control characters"));
	api_req(&r, "notes=a%0D%0Ab");
	CHECK(req_lines_opt(&r, "notes", 10, NULL, &s) == OK);
	CHECK_STR(s, "a\r\nb");
	api_req(&r, "notes=a%E2%80%AEb");
	CHECK(req_lines_opt(&r, "notes", 10, NULL, &s) == ERR);
	CHECK(refused(&r, "notes"));
}

/* A NUL in a JSON string is refused naming the member, never cut: a login
 * as "bob@example.com\u0000<x>" got in as bob. */
static void
test_json_nul(void)
{
	char *env[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/auth/login",
	    "CONTENT_TYPE=application/json", NULL };
	struct req r;

	make_req(&r, env);
	r.body = "{\"email\": \"bob@example.com\\u0000<x>\", \"password\": \"x\"}";
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == ERR);
	CHECK(refused(&r, "email: must not contain a NUL character"));

	make_req(&r, env);
	r.body = "{\"weekdays\": [\"mon\", \"tue\\u0000\"]}";
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == ERR);
	CHECK(refused(&r, "weekdays"));

	make_req(&r, env);
	r.body = "{\"em\\u0000ail\": \"a\"}";
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == ERR);
	CHECK(refused(&r, "member name"));

	make_req(&r, env);
	r.body = "{\"notes\": \"a\\\\u0000\"}";	/* a backslash, then text */
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == OK);
	CHECK_STR(kv_get(&r.params, "notes"), "a\\u0000");
}

static void
test_body(void)
{
	char *env[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/x",
	    "CONTENT_TYPE=application/json", NULL };
	char *envf[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/x",
	    "CONTENT_TYPE=application/x-www-form-urlencoded", NULL };
	char *envx[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/api/v1/x",
	    "CONTENT_TYPE=text/xml", NULL };
	struct req r;

	make_req(&r, env);
	r.body = "{\"timeslotId\": 12, \"notes\": \"hi\", \"dryRun\": true, \"x\": null}";
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == OK);
	CHECK_STR(kv_get(&r.params, "timeslotId"), "12");
	CHECK_STR(kv_get(&r.params, "notes"), "hi");
	CHECK_STR(kv_get(&r.params, "dryRun"), "true");
	CHECK(kv_get(&r.params, "x") == NULL);

	make_req(&r, env);
	r.body = "{\"a\": 1} trailing";
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == ERR);
	CHECK(r.status == 400);

	make_req(&r, env);
	r.body = "[1,2]";
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == ERR);
	CHECK(r.status == 400);

	make_req(&r, envf);
	r.body = "notes=a+b&timeslot_id=3";
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == OK);
	CHECK_STR(kv_get(&r.params, "notes"), "a b");

	make_req(&r, envx);
	r.body = "<x/>";
	r.body_len = strlen(r.body);
	CHECK(req_parse_body(&r) == ERR);
	CHECK(r.status == 415);
}

static void
test_dates(void)
{
	struct tm tm;
	char out[20], to[20];
	time_t t;

	CHECK(date_parse("2026-11-22", &tm) == 0);
	CHECK(date_parse("2026-13-01", &tm) != 0);
	CHECK(date_parse("2026-1-01", &tm) != 0);
	CHECK(date_parse("2026-11-22x", &tm) != 0);
	CHECK(date_parse("", &tm) != 0);
	CHECK(date_parse("2100-02-29", &tm) != 0);
	CHECK(date_parse("2000-02-29", &tm) == 0);

	date_add_days("2026-12-31", 1, out);
	CHECK_STR(out, "2027-01-01");
	date_add_days("2026-03-01", -1, out);
	CHECK_STR(out, "2026-02-28");
	CHECK(date_weekday("2026-11-22") == 0);	/* a Sunday */
	CHECK(date_diff_days("2026-12-28", "2027-01-03") == 6);
	CHECK(date_diff_days("2027-03-01", "2027-02-01") == -28);
	CHECK(date_diff_days("2026-12-28", "2026-12-28") == 0);
	CHECK(date_diff_days("2026-12-28", "x") == INT_MIN);
	/* A whole month to book (rentals.c): its first day, or refused. */
	CHECK(month_parse("2026-02", out) == 0);
	CHECK_STR(out, "2026-02-01");
	CHECK(month_parse("2026-13", out) != 0 && out[0] == '\0');
	CHECK(month_parse("2026-1", out) != 0);
	CHECK(month_parse("1999-12", out) != 0);
	CHECK(month_parse("2026-02-01", out) != 0);
	CHECK(month_parse(NULL, out) != 0);

	CHECK(dbtime_parse("2026-11-22 09:30:00", &t) == 0);
	dbtime_from(t, out);
	CHECK_STR(out, "2026-11-22 09:30:00");
	CHECK(dbtime_parse("2026-11-22 25:00:00", &t) != 0);

	/* Day bounds follow the site's zone, including a DST change. */
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	day_bounds_utc("2026-07-01", out, to);
	CHECK_STR(out, "2026-06-30 22:00:00");
	CHECK_STR(to, "2026-07-01 22:00:00");
	day_bounds_utc("2026-03-29", out, to);	/* 23 hours long */
	CHECK_STR(out, "2026-03-28 23:00:00");
	CHECK_STR(to, "2026-03-29 22:00:00");
	arena_reset(&a);
	CHECK_STR(fmt_local(&a, "2026-07-01 07:00:00", "%H:%M"), "09:00");
	CHECK_STR(fmt_iso(&a, "2026-07-01 07:00:00"), "2026-07-01T07:00:00Z");
	setenv("TZ", "UTC", 1);
	tzset();
}

/* Languages: the plural rule's C subset, Accept-Language, the German
 * catalogue read from po/de.po, and the formatters that follow it. */
static void
test_languages(void)
{
	char err[256], dir[] = "/tmp/lang-test-XXXXXX", path[300];
	FILE *f;

	CHECK(lang_plural_eval("(n != 1)", 1) == 0 && lang_plural_eval("(n != 1)", 0) == 1);
	CHECK(lang_plural_eval("n == 1 ? 0 : n%10 >= 2 && n%10 <= 4 && (n%100 < 10 || "
	    "n%100 >= 20) ? 1 : 2", 22) == 1);
	CHECK(lang_plural_eval("n == 1 ? 0 : n%10 >= 2 && n%10 <= 4 && (n%100 < 10 || "
	    "n%100 >= 20) ? 1 : 2", 12) == 2);
	CHECK(lang_plural_eval("n>1", 2) == 1 && lang_plural_eval("!(n<=1)", 0) == 0);
	CHECK(lang_plural_eval("n % 0", 1) == -1 && lang_plural_eval("n +", 1) == -1);
	CHECK(lang_plural_eval("(n == 1", 1) == -1 && lang_plural_eval("x", 1) == -1);
	CHECK(lang_plural_eval("n*2-1/1 == 3 || 0", 2) == 1);
	CHECK(lang_find("de") == 1 && lang_find("DE-at") == 1 && lang_find("deu") == -1);
	CHECK(lang_find(NULL) == -1 && lang_find("en_GB") == 0);
	CHECK(lang_accept("fr, de;q=0.8, en;q=0.9") == 0);
	CHECK(lang_accept("en;q=0.2,de-CH") == 1);
	CHECK(lang_accept("de;q=0, en;q=0.1") == 0);
	CHECK(lang_accept("fr, it;q=0.5") == -1 && lang_accept(NULL) == -1);
	CHECK(lang_accept("  de ; q=1.5") == 1);

	/* A catalogue that is not one is refused at start-up, saying where. */
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/de.po", dir);
	CHECK((f = fopen(path, "w")) != NULL);
	fputs("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n"
	    "msgid \"a\"\nmsgstr \"b\" oops\n", f);
	fclose(f);
	CHECK(lang_init(dir, "en", err, sizeof(err)) == -1 && strstr(err, "de.po:") != NULL);
	CHECK((f = fopen(path, "w")) != NULL);
	fputs("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=1; plural=n;\\n\"\n", f);
	fclose(f);
	CHECK(lang_init(dir, "en", err, sizeof(err)) == -1 && strstr(err, "Plural-Forms") != NULL);
	remove(path);
	CHECK(lang_init(dir, "en", err, sizeof(err)) == -1 && strstr(err, "cannot read") != NULL);
	rmdir(dir);

	CHECK(lang_init(PO_DIR, "xx", err, sizeof(err)) == -1 && strstr(err, "xx") != NULL);
	CHECK(lang_init(PO_DIR, "en", err, sizeof(err)) == 0);
	CHECK(lang_count() == 2 && strcmp(lang_name(1), "Deutsch") == 0);
	CHECK(strcmp(lang_code(7), "en") == 0 && strcmp(lang_name(-1), "English") == 0);
	lang_use(1);
	CHECK(lang_current() == 1);
	CHECK_STR(_("This timeslot is full."), "Dieser Termin ist ausgebucht.");
	CHECK_STR(_("not in any catalogue"), "not in any catalogue");
	CHECK_STR(C_("weekday", "Tue"), "Di.");
	CHECK_STR(C_("no such context", "Tue"), "Tue");
	CHECK_STR(P_("%lld room", "%lld rooms", 1), "%lld Raum");
	CHECK_STR(P_("%lld room", "%lld rooms", 0), "%lld Räume");
	CHECK_STR(P_("%lld room", "%lld rooms", 5), "%lld Räume");
	CHECK_STR(P_("one apple", "%lld apples", 5), "%lld apples");
	arena_reset(&a);
	CHECK_STR(fmt_local(&a, "2026-12-01 10:00:00", FMT_DATE_LONG), "Dienstag, 1. Dezember 2026");
	CHECK_STR(fmt_local(&a, "2026-12-01 10:00:00", FMT_WHEN), "Di., 1. Dez. 2026, 10:00");
	CHECK_STR(fmt_local(&a, "2026-03-02 10:00:00", "%a %d %b"), "Mo. 02 März");
	CHECK_STR(fmt_date(&a, "2026-05-03", "%d %b"), "03 Mai");
	CHECK_STR(fmt_date(&a, "nope", "%d %b"), "");
	CHECK_STR(money_show(&a, 2500), "25,00\xc2\xa0€");
	CHECK_STR(money_show(&a, -1705), "-17,05\xc2\xa0€");
	free(cfg.currency);
	cfg.currency = strdup("CHF");
	CHECK_STR(money_show(&a, 2500), "25,00\xc2\xa0" "CHF");
	lang_use(0);
	CHECK_STR(money_show(&a, 2500), "25.00\xc2\xa0" "CHF");
	free(cfg.currency);
	cfg.currency = NULL;
	CHECK_STR(money_show(&a, 2500), "€25.00");
	CHECK_STR(fmt_local(&a, "2026-12-01 10:00:00", FMT_DATE_LONG), "Tuesday 01 December 2026");
	CHECK_STR(_("This timeslot is full."), "This timeslot is full.");
	CHECK_STR(P_("%lld room", "%lld rooms", 1), "%lld room");
	lang_use(-5);
	CHECK(lang_current() == lang_default());
}

static void
test_money(void)
{
	long long c;

	CHECK(money_parse("12.50", &c) == 0 && c == 1250);
	CHECK(money_parse("12.5", &c) == 0 && c == 1250);
	CHECK(money_parse("7", &c) == 0 && c == 700);
	CHECK(money_parse("0.07", &c) == 0 && c == 7);
	CHECK(money_parse("1.005", &c) != 0);
	CHECK(money_parse("-1", &c) != 0);
	CHECK(money_parse("1e3", &c) != 0);
	CHECK(money_parse("12.", &c) != 0);
	CHECK(money_parse("", &c) != 0);
	CHECK(money_parse("100000000", &c) != 0);	/* over DECIMAL(10,2) */
	arena_reset(&a);
	CHECK_STR(money_fmt(&a, 1250), "12.50");
	CHECK_STR(money_fmt(&a, 7), "0.07");
	CHECK_STR(money_fmt(&a, 0), "0.00");
}

/* Hand-computed: tax per line, half-up to the cent, the totals summed. */
static void
test_price_lines(void)
{
	static const struct {
		long long	 base, discount;
		int		 bp, inclusive;
		long long	 tax, total;
	} lines[] = {
		/* 19 % included: 17.50 * 19 / 119 = 2.794 */
		{ 1750, 0, 1900, 1, 279, 1750 },
		/* three lines: 1.5966, 1.9701 and 0.0080 */
		{ 1000, 0, 1900, 1, 160, 1000 },
		{ 1234, 0, 1900, 1, 197, 1234 },
		{ 5, 0, 1900, 1, 1, 5 },
		/* 10 % off 12.34 is 1.234 -> 1.23; 11.11 * 19 / 119 = 1.7738 */
		{ 1234, 123, 1900, 1, 177, 1111 },
		/* 19 % on top: 0.50 * 0.19 = 0.095, half-up to 0.10 */
		{ 50, 0, 1900, 0, 10, 60 },
		{ 1000, 0, 1900, 0, 190, 1190 },
		{ 1234, 0, 1900, 0, 234, 1468 },
		{ 5, 0, 1900, 0, 1, 6 },
		/* 7.7 % included: 100.00 * 7.7 / 107.7 = 7.1495 */
		{ 10000, 0, 770, 1, 715, 10000 },
		/* tax-free, and all of it taken off */
		{ 1234, 0, 0, 1, 0, 1234 },
		{ 1234, 1234, 1900, 0, 0, 0 },
	};
	struct price_parts p;
	struct discount d;
	long long left = -1, tax = 0, total = 0;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		price_line_at(lines[i].base, lines[i].discount, lines[i].bp,
		    lines[i].inclusive, &p);
		CHECK(p.tax == lines[i].tax && p.total == lines[i].total);
		CHECK(p.base == lines[i].base && p.discount == lines[i].discount);
	}
	/* An order's sums are its lines' (the three exclusive ones). */
	for (i = 6; i < 9; i++) {
		price_line_at(lines[i].base, 0, 1900, 0, &p);
		tax += p.tax;
		total += p.total;
	}
	CHECK(tax == 425 && total == 2664);
	/* 10 % rounds half-up per line; 5.00 off spreads over lines until spent. */
	memset(&d, 0, sizeof(d));
	d.percent = 10;
	d.amount_off = -1;
	CHECK(discount_off(&d, 1234, &left) == 123);
	CHECK(discount_off(&d, 1235, &left) == 124);
	d.percent = -1;
	d.amount_off = 500;
	CHECK(discount_off(&d, 300, &left) == 300 && left == 200);
	CHECK(discount_off(&d, 300, &left) == 200 && left == 0);
	CHECK(discount_off(&d, 300, &left) == 0);
	d.room_id = 4;
	CHECK(discount_applies(&d, 4, 9) && !discount_applies(&d, 5, 0));
	d.room_id = 0;
	d.event_id = 9;
	CHECK(discount_applies(&d, 5, 9) && !discount_applies(&d, 5, 0));
}

static void
test_config(void)
{
	char err[256];

	setenv("BOOKING_THREADS", "3", 1);
	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	CHECK(cfg.threads == 3);
	CHECK(cfg.hold_minutes == 15);
	setenv("BOOKING_TAX_PERCENT", "7.7", 1);
	CHECK(config_load(NULL, err, sizeof(err)) == 0 && cfg.tax_bp == 770);
	setenv("BOOKING_TAX_PERCENT", "19", 1);
	CHECK(config_load(NULL, err, sizeof(err)) == 0 && cfg.tax_bp == 1900);
	setenv("BOOKING_TAX_PERCENT", "7.75", 1);
	CHECK(config_load(NULL, err, sizeof(err)) == 0 && cfg.tax_bp == 775);
	setenv("BOOKING_TAX_PERCENT", "7.755", 1);
	CHECK(config_load(NULL, err, sizeof(err)) != 0);
	setenv("BOOKING_TAX_PERCENT", "100.5", 1);
	CHECK(config_load(NULL, err, sizeof(err)) != 0);
	setenv("BOOKING_TAX_PERCENT", "7.", 1);
	CHECK(config_load(NULL, err, sizeof(err)) != 0);
	setenv("BOOKING_TAX_PERCENT", ".5", 1);
	CHECK(config_load(NULL, err, sizeof(err)) != 0);
	unsetenv("BOOKING_TAX_PERCENT");
	setenv("BOOKING_THREADS", "zero", 1);
	CHECK(config_load(NULL, err, sizeof(err)) != 0);
	CHECK(strstr(err, "threads") != NULL);
	unsetenv("BOOKING_THREADS");
	CHECK(config_load("/nonexistent/booking.conf", err, sizeof(err)) != 0);
	/* Money is shown in the currency setting: an ISO 4217 code. */
	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	CHECK_STR(money_currency(), "EUR");
	arena_reset(&a);
	CHECK_STR(money_show(&a, 1750), "€17.50");
	CHECK_STR(money_show(&a, -305), "-€3.05");
	setenv("BOOKING_CURRENCY", "CHF", 1);
	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	CHECK_STR(money_show(&a, 8000), "80.00\xc2\xa0" "CHF");
	setenv("BOOKING_CURRENCY", "GBP", 1);
	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	CHECK_STR(money_show(&a, 5), "£0.05");
	setenv("BOOKING_CURRENCY", "euro", 1);
	CHECK(config_load(NULL, err, sizeof(err)) != 0);
	CHECK(strstr(err, "currency: expected an ISO 4217 code") != NULL);
	setenv("BOOKING_CURRENCY", "EU", 1);
	CHECK(config_load(NULL, err, sizeof(err)) != 0);
	unsetenv("BOOKING_CURRENCY");
	CHECK(config_load(NULL, err, sizeof(err)) == 0);
}

/* A line too long to read whole is refused: its rest would be read as a
 * line of its own and could set another key. */
static void
test_config_read(void)
{
	char text[] = "# a comment\n\nthreads = 7\n", err[256], *longer;
	size_t n = 1100;
	FILE *f;

	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	f = fmemopen(text, strlen(text), "r");
	CHECK(config_read(f, "t.conf", err, sizeof(err)) == 0 && cfg.threads == 7);
	fclose(f);
	longer = malloc(n + 40);
	memcpy(longer, "db_name = ", 10);
	memset(longer + 10, 'x', n);
	strcpy(longer + 10 + n, "threads=9\n");
	f = fmemopen(longer, strlen(longer), "r");
	CHECK(config_read(f, "t.conf", err, sizeof(err)) != 0);
	CHECK(strstr(err, "t.conf:1: line longer than") != NULL);
	CHECK(cfg.threads == 7);
	fclose(f);
	free(longer);
	CHECK(config_load(NULL, err, sizeof(err)) == 0);
}

/* db_hosts: a cluster's nodes in the order the workers try them. */
static void
test_config_nodes(void)
{
	struct config_node n[CONFIG_NODES_MAX];
	char err[256], many[1024];
	int i;

	CHECK(config_nodes("", n, CONFIG_NODES_MAX, err, sizeof(err)) == 0);
	CHECK(config_nodes("  ", n, CONFIG_NODES_MAX, err, sizeof(err)) == 0);
	CHECK(config_nodes("db1:3306, db2.example.com:3307 ,10.0.0.3", n,
	    CONFIG_NODES_MAX, err, sizeof(err)) == 3);
	CHECK_STR(n[0].host, "db1");
	CHECK(n[0].port == 3306);
	CHECK_STR(n[1].host, "db2.example.com");
	CHECK(n[1].port == 3307);
	CHECK_STR(n[2].host, "10.0.0.3");
	CHECK(n[2].port == 0);		/* db_port's */
	CHECK(config_nodes("[::1]:23421,[fe80::1]", n, CONFIG_NODES_MAX, err,
	    sizeof(err)) == 2);
	CHECK_STR(n[0].host, "::1");
	CHECK(n[0].port == 23421);
	CHECK_STR(n[1].host, "fe80::1");
	CHECK(n[1].port == 0);
	/* Each wrong entry is named. */
	CHECK(config_nodes("db1:3306,,db2", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(strstr(err, "an empty entry") != NULL);
	CHECK(config_nodes("db1,", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("db1:", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(strstr(err, "'db1:'") != NULL);
	CHECK(config_nodes("db1:0", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("db1:65536", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("db1:33x", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("db1: 33", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("db1:-3", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes(":3306", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("db 1:3306", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("::1", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(strstr(err, "in brackets") != NULL);
	CHECK(config_nodes("[::1", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("[::1]3306", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("[::1]:", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("[]:3306", n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	CHECK(config_nodes("a,b,c", n, 2, err, sizeof(err)) < 0);
	CHECK(strstr(err, "more than 2") != NULL);
	memset(many, 'h', 300);
	many[300] = '\0';
	CHECK(config_nodes(many, n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	/* As a setting: the list is parsed when read, a wrong one refused. */
	setenv("BOOKING_DB_HOSTS", "127.0.0.1:23421,127.0.0.1:23422", 1);
	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	CHECK(cfg.db_nnodes == 2 && cfg.db_nodes[1].port == 23422);
	setenv("BOOKING_DB_HOSTS", "127.0.0.1:23421,", 1);
	CHECK(config_load(NULL, err, sizeof(err)) != 0);
	CHECK(cfg.db_nnodes == 0);
	unsetenv("BOOKING_DB_HOSTS");
	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	CHECK(cfg.db_nnodes == 0);
	for (i = 0; i < CONFIG_NODES_MAX; i++)
		memcpy(many + 2 * i, "h,", 2);
	memcpy(many + 2 * i, "h", 2);
	CHECK(config_nodes(many, n, CONFIG_NODES_MAX, err, sizeof(err)) < 0);
	many[2 * i - 1] = '\0';
	CHECK(config_nodes(many, n, CONFIG_NODES_MAX, err, sizeof(err)) == CONFIG_NODES_MAX);
}

/* Every result has a name, a message and the status its reply carries. */
static void
test_results(void)
{
	int rc;

	for (rc = OK; rc < RESULT_MAX; rc++) {
		CHECK(result_code(rc) != NULL && *result_code(rc) != '\0');
		CHECK(result_message(rc) != NULL && *result_message(rc) != '\0');
		CHECK(reply_result_status(rc) != 500);
	}
	CHECK_STR(result_code(SLOT_FULL), "slot_full");
	CHECK_STR(result_code(ERR), "internal_error");
	CHECK_STR(result_code(RESULT_MAX), "internal_error");
	CHECK(reply_result_status(ERR) == 500);
	CHECK(reply_result_status(NOT_FOUND) == 404);
	CHECK(reply_result_status(SLOT_MISSING) == 404);
	CHECK(reply_result_status(INVALID) == 400);
	CHECK(reply_result_status(CONFLICT) == 409);
	CHECK(reply_result_status(SLOT_FULL) == 409);
	CHECK(reply_result_status(LAST_ADMIN) == 409);
	CHECK(reply_result_status(KEY_REUSED) == 422);
	CHECK(reply_result_status(TOO_MANY_ATTEMPTS) == 429);
	CHECK_STR(result_code(OVERLAPS), "overlaps");
	CHECK(reply_result_status(OVERLAPS) == 409);
}

/* One formatter per kind: money, ISO times and stored amounts. */
static void
test_formatters(void)
{
	char money[MONEY_TEXT], iso[ISO_TEXT];

	CHECK_STR(money_text(1250, money), "12.50");
	CHECK_STR(money_text(-305, money), "-3.05");
	CHECK_STR(money_text(0, money), "0.00");
	CHECK(money_cents("19.99") == 1999);
	CHECK(money_cents(NULL) == 0);
	CHECK_STR(iso_text("2026-03-29 01:30:00", iso), "2026-03-29T01:30:00Z");
	CHECK(iso_text(NULL, iso) == NULL);
	CHECK(iso_text("not a time", iso) == NULL);
	arena_reset(&a);
	CHECK_STR(fmt_iso(&a, "2026-12-31 23:59:59"), "2026-12-31T23:59:59Z");
}

/* Messages name the limits the code checks. */
static void
test_limit_messages(void)
{
	char email[EMAIL_MAX + 2];

	CHECK_STR(auth_password_problem("short", NULL, NULL), "must be at least "
	    LIMIT_TEXT(PASSWORD_MIN) " characters long");
	CHECK(strstr(auth_password_problem("short", NULL, NULL), "12") != NULL);
	memset(email, 'a', sizeof(email) - 1);
	email[sizeof(email) - 1] = '\0';
	email[10] = '@';
	CHECK_STR(auth_email_problem(email), "must be at most 254 characters long");
}

/* The lookups behind every page that names a room, event, timeslot or
 * booking in its path: a bad id is refused before the database is asked,
 * and what is missing is a 404 that names it. */
static void
test_path_checks(void)
{
	struct room room;
	struct event ev;
	struct slot s;
	struct booking b;
	struct req r;

	api_req(&r, "id=abc");
	CHECK(room_get_or_reply(&r, "id", &room) == ERR);
	CHECK(refused(&r, "id"));
	api_req(&r, "");
	CHECK(event_get_or_reply(&r, "id", &ev) == ERR);
	CHECK(refused(&r, "id is required"));
	api_req(&r, "id=0");
	CHECK(slot_get_or_reply(&r, "id", 1, &s) == ERR);
	CHECK(refused(&r, "id"));
	api_req(&r, "id=-4");
	CHECK(booking_get_or_reply(&r, "id", &b) == ERR);
	CHECK(refused(&r, "id"));
	api_req(&r, "id=99999999999");
	CHECK(room_get_or_reply(&r, "id", &room) == ERR);
	CHECK(refused(&r, "id"));

	api_req(&r, "");
	CHECK(reply_not_found(&r, "room", 4) == ERR);
	CHECK(r.status == 404);
	CHECK(strstr(buf_cstr(&r.out), "There is no room 4.") != NULL);
	/* Someone else's booking is not found either: a customer is told
	 * about their own bookings only. */
	api_req(&r, "");
	CHECK(reply_not_found(&r, "booking", 7) == ERR);
	CHECK(r.status == 404);
	CHECK(strstr(buf_cstr(&r.out), "You have no booking 7.") != NULL);
	api_req(&r, "");
	r.actor.admin_route = 1;
	CHECK(reply_not_found(&r, "booking", 7) == ERR);
	CHECK(strstr(buf_cstr(&r.out), "There is no booking 7.") != NULL);
}

/* A paid confirmed booking of user 5 starting hours from now. */
static void
booking_in(struct booking *b, char start[20], double hours)
{
	memset(b, 0, sizeof(*b));
	dbtime_from(time(NULL) + (time_t)(hours * 3600), start);
	b->id = 1;
	b->user_id = 5;
	b->status = "confirmed";
	b->state = booking_status_parse("confirmed");
	b->payment_status = "paid";
	b->price = 4000;
	b->paid_amount = 4000;
	b->start = start;
}

/* Rule 6: the owner gets everything back 24 h or more before, half 6 h
 * or more before, nothing later; an admin refunds in full; only money
 * paid comes back. */
static void
test_refund_quote(void)
{
	static const struct actor owner = { 5, 0, 0, NULL };
	static const struct actor admin_route = { 9, 1, 1, NULL };
	static const struct actor admin_own = { 5, 1, 0, NULL };
	static const struct actor admin_other = { 9, 1, 0, NULL };
	struct booking b;
	char start[20];

	cfg.refund_full_hours = 24;
	cfg.refund_partial_hours = 6;
	cfg.refund_partial_percent = 50;
	booking_in(&b, start, 30);
	CHECK(booking_refund_quote(&b, &owner) == 4000);
	booking_in(&b, start, 24.1);
	CHECK(booking_refund_quote(&b, &owner) == 4000);
	booking_in(&b, start, 23.9);
	CHECK(booking_refund_quote(&b, &owner) == 2000);
	booking_in(&b, start, 6.1);
	CHECK(booking_refund_quote(&b, &owner) == 2000);
	booking_in(&b, start, 5.9);
	CHECK(booking_refund_quote(&b, &owner) == 0);
	booking_in(&b, start, -1);
	CHECK(booking_refund_quote(&b, &owner) == 0);
	/* An admin refunds in full, except when cancelling their own booking
	 * as a customer. */
	booking_in(&b, start, 1);
	CHECK(booking_refund_quote(&b, &admin_route) == 4000);
	CHECK(booking_refund_quote(&b, &admin_other) == 4000);
	CHECK(booking_refund_quote(&b, &admin_own) == 0);
	booking_in(&b, start, 30);
	b.payment_status = "pending";
	CHECK(booking_refund_quote(&b, &owner) == 0);
	CHECK(booking_refund_quote(&b, &admin_route) == 0);
	booking_in(&b, start, 30);
	b.price = 0;
	b.paid_amount = 0;
	CHECK(booking_refund_quote(&b, &admin_route) == 0);
	/* Rule 16: refunds come from what was paid, not from the price a
	 * reschedule gave the booking. */
	booking_in(&b, start, 30);
	b.price = 12000;
	CHECK(booking_refund_quote(&b, &owner) == 4000);
	CHECK(booking_refund_quote(&b, &admin_route) == 4000);
	booking_in(&b, start, 12);
	b.price = 12000;
	CHECK(booking_refund_quote(&b, &owner) == 2000);
	booking_in(&b, start, 30);
	b.price = 12000;
	b.paid_amount = 0;
	CHECK(booking_refund_quote(&b, &owner) == 0);
	CHECK(booking_refund_quote(&b, &admin_route) == 0);
	booking_in(&b, start, 30);
	b.price = 0;
	CHECK(booking_refund_quote(&b, &owner) == 4000);
	cfg.refund_partial_percent = 25;
	booking_in(&b, start, 10);
	CHECK(booking_refund_quote(&b, &owner) == 1000);
	cfg.refund_partial_percent = 50;
}

/* A ticket code as scanned or typed, and which bookings show theirs. */
static void
test_ticket_codes(void)
{
	struct booking b;

	CHECK_STR(booking_ticket_parse(&a, "7K2QD9XM4T"), "7K2QD9XM4T");
	CHECK_STR(booking_ticket_parse(&a, " 7k2qd-9xm4t "), "7K2QD9XM4T");
	CHECK_STR(booking_ticket_parse(&a, "oIlO000000"), "0110000000");
	CHECK(booking_ticket_parse(&a, "7K2QD9XM4") == NULL);		/* short */
	CHECK(booking_ticket_parse(&a, "7K2QD9XM4TT") == NULL);		/* long */
	CHECK(booking_ticket_parse(&a, "7K2QD9XM4U") == NULL);		/* no U */
	CHECK(booking_ticket_parse(&a, "7K2QD9XM4*") == NULL);
	CHECK(booking_ticket_parse(&a, "") == NULL);
	CHECK(booking_ticket_parse(&a, NULL) == NULL);
	memset(&b, 0, sizeof(b));
	b.ticket_code = "7K2QD9XM4T";
	b.state = BOOKING_CONFIRMED;
	CHECK_STR(booking_ticket(&b), "7K2QD9XM4T");
	b.state = BOOKING_PENDING;
	CHECK(booking_ticket(&b) == NULL);
	b.state = BOOKING_CANCELLED;
	CHECK(booking_ticket(&b) == NULL);
	CHECK_STR(booking_ticket_answer(&a, TICKET_CANCELLED, &b), "Cancelled");
	CHECK_STR(booking_ticket_answer(&a, NOT_FOUND, &b), "Unknown ticket");
}

/* The state machine behind the transactions and the pages' buttons. */
static void
test_booking_allows(void)
{
	static const struct actor owner = { 5, 0, 0, NULL };
	static const struct actor admin = { 9, 1, 1, NULL };
	struct booking b;
	char start[20];
	time_t now = time(NULL), begun;
	int act, st;

	CHECK(booking_status_parse("no_show") == BOOKING_NO_SHOW);
	CHECK(booking_status_parse("canceled") == BOOKING_STATUSES);
	CHECK(booking_status_parse(NULL) == BOOKING_STATUSES);

	booking_in(&b, start, 30);
	b.state = BOOKING_PENDING;
	CHECK(booking_allows(&b, BK_CANCEL, &owner, now));
	CHECK(!booking_allows(&b, BK_REACTIVATE, &owner, now));
	CHECK(!booking_allows(&b, BK_RESCHEDULE, &owner, now));
	CHECK(!booking_allows(&b, BK_CONFIRM, &owner, now));
	CHECK(booking_allows(&b, BK_CONFIRM, &admin, now));
	CHECK(!booking_allows(&b, BK_COMPLETE, &admin, now));
	CHECK(!booking_allows(&b, BK_CHECK_IN, &admin, now));
	CHECK(!booking_allows(&b, BK_APPROVE, &admin, now));
	/* Awaiting approval: an admin approves or declines, nobody takes a
	 * payment for it yet; the owner may still withdraw it. */
	b.awaiting = 1;
	CHECK(booking_allows(&b, BK_APPROVE, &admin, now));
	CHECK(booking_allows(&b, BK_DECLINE, &admin, now));
	CHECK(!booking_allows(&b, BK_APPROVE, &owner, now));
	CHECK(!booking_allows(&b, BK_CONFIRM, &admin, now));
	CHECK(booking_allows(&b, BK_CANCEL, &owner, now));
	b.awaiting = 0;

	b.state = BOOKING_CONFIRMED;
	CHECK(booking_allows(&b, BK_CANCEL, &owner, now));
	CHECK(booking_allows(&b, BK_RESCHEDULE, &owner, now));
	CHECK(!booking_allows(&b, BK_CONFIRM, &admin, now));
	/* Attendance follows the clock: it starts at now + 30 h. Complete
	 * and no-show once it started, check-in from 30 minutes before. */
	begun = now + 30 * 3600 + 60;
	CHECK(!booking_allows(&b, BK_COMPLETE, &admin, now));
	CHECK(!booking_allows(&b, BK_NO_SHOW, &admin, now));
	CHECK(booking_allows(&b, BK_COMPLETE, &admin, begun));
	CHECK(booking_allows(&b, BK_NO_SHOW, &admin, begun));
	CHECK(!booking_allows(&b, BK_NO_SHOW, &owner, begun));
	CHECK(!booking_allows(&b, BK_CHECK_IN, &admin, now));
	CHECK(!booking_allows(&b, BK_CHECK_IN, &admin, begun - 60 - 31 * 60));
	CHECK(booking_allows(&b, BK_CHECK_IN, &admin, begun - 60 - 29 * 60));
	/* Check-in before check-out, each once. */
	CHECK(booking_allows(&b, BK_CHECK_IN, &admin, begun));
	CHECK(!booking_allows(&b, BK_CHECK_OUT, &admin, begun));
	b.checked_in_at = "2026-01-01 10:00:00";
	CHECK(!booking_allows(&b, BK_CHECK_IN, &admin, begun));
	CHECK(booking_allows(&b, BK_CHECK_OUT, &admin, begun));
	b.checked_out_at = "2026-01-01 11:00:00";
	CHECK(!booking_allows(&b, BK_CHECK_OUT, &admin, begun));
	CHECK(booking_allows(&b, BK_COMPLETE, &admin, begun));
	/* A booking that has started can no longer move. */
	CHECK(!booking_allows(&b, BK_RESCHEDULE, &owner, now + 31 * 3600));
	booking_in(&b, start, -1);
	CHECK(!booking_allows(&b, BK_RESCHEDULE, &owner, now));
	CHECK(booking_allows(&b, BK_CANCEL, &owner, now));
	b.start = "not a time";
	CHECK(!booking_allows(&b, BK_RESCHEDULE, &owner, now));

	b.state = BOOKING_CANCELLED;
	CHECK(booking_allows(&b, BK_REACTIVATE, &owner, now));
	CHECK(!booking_allows(&b, BK_CANCEL, &owner, now));
	/* Completed, no-show and an unknown status allow nothing. */
	for (st = BOOKING_COMPLETED; st <= BOOKING_STATUSES; st++) {
		b.state = (enum bk_status)st;
		for (act = 0; act < BK_ACTIONS; act++)
			CHECK(!booking_allows(&b, (enum bk_action)act, &admin, now));
	}
	CHECK(!booking_allows(&b, BK_ACTIONS, &admin, now));
}

/* The owner checks in from BOOKING_OWNER_CHECK_IN_MINUTES before the start
 * until the end, and reviews a completed booking; nobody else does either. */
static void
test_booking_allows_owner(void)
{
	static const struct actor owner = { 5, 0, 0, NULL };
	static const struct actor stranger = { 6, 0, 0, NULL };
	static const struct actor admin = { 9, 1, 1, NULL };
	struct booking b;
	char start[20], end[20];
	time_t now = time(NULL);

	booking_in(&b, start, 10.0 / 60);
	dbtime_from(now + 70 * 60, end);
	b.end = end;
	CHECK(booking_allows(&b, BK_CHECK_IN, &owner, now));
	CHECK(!booking_allows(&b, BK_CHECK_IN, &stranger, now));
	CHECK(!booking_allows(&b, BK_CHECK_IN, &owner, now - 6 * 60));
	/* An admin checks a guest in from 30 minutes before the start, the
	 * owner from 15: it starts at now + 10 min. */
	CHECK(booking_allows(&b, BK_CHECK_IN, &admin, now - 19 * 60));
	CHECK(!booking_allows(&b, BK_CHECK_IN, &admin, now - 21 * 60));
	CHECK(booking_allows(&b, BK_CHECK_IN, &admin, now + 3 * 3600));
	CHECK(booking_allows(&b, BK_CHECK_IN, &owner, now + 69 * 60));
	CHECK(!booking_allows(&b, BK_CHECK_IN, &owner, now + 70 * 60));
	b.end = "not a time";
	CHECK(!booking_allows(&b, BK_CHECK_IN, &owner, now));
	b.end = end;
	b.checked_in_at = start;
	CHECK(booking_allows(&b, BK_CHECK_OUT, &owner, now));
	CHECK(!booking_allows(&b, BK_REVIEW, &owner, now));
	b.state = BOOKING_COMPLETED;
	CHECK(booking_allows(&b, BK_REVIEW, &owner, now));
	CHECK(!booking_allows(&b, BK_REVIEW, &admin, now));
	CHECK(!booking_allows(&b, BK_REVIEW, &stranger, now));
}

/* Which timeslot moves an admin may make, written once for the save,
 * the cancellation and the pages' buttons. */
static void
test_slot_moves(void)
{
	CHECK(slot_move_allowed("draft", "scheduled"));
	CHECK(slot_move_allowed("scheduled", "in_progress"));
	CHECK(slot_move_allowed("scheduled", "canceled"));
	CHECK(slot_move_allowed("in_progress", "canceled"));
	CHECK(!slot_move_allowed("completed", "canceled"));
	CHECK(!slot_move_allowed("canceled", "canceled"));
	CHECK(!slot_move_allowed("canceled", "scheduled"));
	CHECK(!slot_move_allowed("completed", "scheduled"));
	CHECK(!slot_move_allowed("scheduled", "scheduled"));
}

/* The hash auth_login() checks for an unknown email is made with the
 * configured cost, so refusing one takes as long as a wrong password. */
static void
test_dummy_hash_cost(void)
{
	char err[256], want[64];

	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	cfg.argon2_memory_kib = 64;
	cfg.argon2_iterations = 2;
	CHECK(auth_init(cfg.common_passwords) == OK);
	CHECK(auth_dummy_hash() != NULL &&
	    strncmp(auth_dummy_hash(), "$argon2id$v=19$m=64,t=2,p=1$", 28) == 0);
	cfg.argon2_memory_kib = 128;
	cfg.argon2_iterations = 1;
	CHECK(auth_init(cfg.common_passwords) == OK);
	snprintf(want, sizeof(want), "$argon2id$v=19$m=%d,t=%d,p=1$",
	    cfg.argon2_memory_kib, cfg.argon2_iterations);
	CHECK(auth_dummy_hash() != NULL &&
	    strncmp(auth_dummy_hash(), want, strlen(want)) == 0);
	/* Still a real argon2id hash: checking it costs the full price. */
	CHECK(!auth_check_password(auth_dummy_hash(), "any password at all"));
}

/* A two-factor secret is stored encrypted under totp_key and bound to its
 * user; a row from before encryption (base32) still opens, marked legacy. */
static void
test_totp_sealing(void)
{
	static const unsigned char raw[20] = "0123456789abcdefghij";
	unsigned char out[64];
	char err[256], *sealed;
	int legacy;

	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	free(cfg.totp_key);
	cfg.totp_key = xstrdup("short");
	CHECK(mfa_init() == ERR);
	free(cfg.totp_key);
	cfg.totp_key = xstrdup("zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	CHECK(mfa_init() == ERR && !mfa_key_set());
	CHECK(mfa_seal(&a, 7, raw, sizeof(raw)) == NULL);	/* no key, no secret */
	free(cfg.totp_key);
	cfg.totp_key = xstrdup("0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef");
	CHECK(mfa_init() == OK && mfa_key_set());
	sealed = mfa_seal(&a, 7, raw, sizeof(raw));
	CHECK(sealed != NULL && strncmp(sealed, "v1:", 3) == 0 && strlen(sealed) <= 128);
	/* No part of the secret shows, in base32 or as it is. */
	CHECK(sealed != NULL && strstr(sealed, "GAYTEMZUGU3DOOBZMFRGGZDFMZTWQ2LK") == NULL);
	CHECK(mfa_unseal(7, sealed, out, &legacy) == 20 && !legacy &&
	    memcmp(out, raw, 20) == 0);
	/* Another user's row, or one changed, does not open. */
	CHECK(mfa_unseal(8, sealed, out, &legacy) == -1);
	sealed[10] = sealed[10] == 'A' ? 'B' : 'A';
	CHECK(mfa_unseal(7, sealed, out, &legacy) == -1);
	CHECK(mfa_unseal(7, "v1:", out, &legacy) == -1);
	CHECK(mfa_unseal(7, "v1:abc", out, &legacy) == -1);
	/* A legacy row: the base32 text itself. */
	CHECK(mfa_unseal(7, "GAYTEMZUGU3DOOBZMFRGGZDFMZTWQ2LK", out, &legacy) == 20 &&
	    legacy && memcmp(out, raw, 20) == 0);
	CHECK(mfa_unseal(7, "not base32 at all!", out, &legacy) == -1);
	free(cfg.totp_key);
	cfg.totp_key = xstrdup("");
	CHECK(mfa_init() == OK && !mfa_key_set());
	arena_reset(&a);
}

/* Nothing a request sends can end a log line or make one up. */
static void
test_log_escape(void)
{
	char out[64], tiny[6];

	CHECK(log_escape(out, sizeof(out), "GET /x\nforged\r\x1b[1m") == 27);
	CHECK_STR(out, "GET /x\\x0aforged\\x0d\\x1b[1m");
	log_escape(out, sizeof(out), "a\\x0a\x7f\tb");
	CHECK_STR(out, "a\\\\x0a\\x7f\\x09b");
	log_escape(out, sizeof(out), "caf\xc3\xa9 \"ok\"");
	CHECK_STR(out, "caf\xc3\xa9 \"ok\"");
	/* Cut short, never split inside an escape or past the end. */
	log_escape(tiny, sizeof(tiny), "ab\ncd");
	CHECK_STR(tiny, "ab");
	log_escape(tiny, sizeof(tiny), "abcdefgh");
	CHECK_STR(tiny, "abcde");
	CHECK(log_escape(tiny, 0, "x") == 0);
}

/* Base64 bodies in 76-column lines, RFC 2047 words that never split a
 * character, quoted display names and RFC 5322 dates. */
static void
test_mime(void)
{
	struct buf b;
	char long_name[200];
	const char *p, *line;
	size_t i;

	arena_reset(&a);
	buf_init(&b, &a);
	mime_base64(&b, "Man", 3);
	mime_base64(&b, "Ma", 2);
	mime_base64(&b, "M", 1);
	CHECK_STR(buf_cstr(&b), "TWFu\r\nTWE=\r\nTQ==\r\n");
	buf_init(&b, &a);
	memset(long_name, 'x', 100);
	mime_base64(&b, long_name, 100);
	CHECK(strlen(buf_cstr(&b)) == 76 + 2 + 60 + 2 && b.data[76] == '\r');

	buf_init(&b, &a);
	mime_header_text(&b, "Confirmed: Room A");
	CHECK_STR(buf_cstr(&b), "Confirmed: Room A");
	buf_init(&b, &a);
	mime_header_text(&b, "Zo\xc3\xab");
	CHECK_STR(buf_cstr(&b), "=?UTF-8?B?Wm/Dqw==?=");
	/* 30 two-byte characters: 45 bytes do not fit a character's halves,
	 * so the first word takes 44 and every line stays short. */
	for (i = 0; i < 60; i += 2)
		memcpy(long_name + i, "\xc3\xa9", 2);
	long_name[60] = '\0';
	buf_init(&b, &a);
	mime_header_text(&b, long_name);
	CHECK(strstr(buf_cstr(&b), "\r\n =?UTF-8?B?") != NULL);
	for (line = buf_cstr(&b); line != NULL; line = p ? p + 2 : NULL) {
		p = strstr(line, "\r\n");
		CHECK((p ? (size_t)(p - line) : strlen(line)) <= 76);
	}
	buf_init(&b, &a);
	mime_header_text(&b, "tab\there");
	CHECK_STR(buf_cstr(&b), "=?UTF-8?B?dGFiCWhlcmU=?=");

	buf_init(&b, &a);
	mime_address(&b, "Ann \"Q\" Example", "ann@example.com");
	CHECK_STR(buf_cstr(&b), "\"Ann \\\"Q\\\" Example\" <ann@example.com>");
	buf_init(&b, &a);
	mime_address(&b, "", "ann@example.com");
	CHECK_STR(buf_cstr(&b), "ann@example.com");
	buf_init(&b, &a);
	mime_address(&b, "Zo\xc3\xab", "z@example.com");
	CHECK_STR(buf_cstr(&b), "=?UTF-8?B?Wm/Dqw==?= <z@example.com>");

	buf_init(&b, &a);
	mime_date(&b, 1796113157);
	CHECK_STR(buf_cstr(&b), "Tue, 01 Dec 2026 08:19:17 +0000");
}

/* iCalendar TEXT escaping and content lines folded at 75 octets, never
 * inside a character. */
static void
test_ics(void)
{
	struct buf b;
	char value[120];
	const char *s;
	size_t i;

	arena_reset(&a);
	buf_init(&b, &a);
	ics_text(&b, "a,b;c\\d\r\ne");
	CHECK_STR(buf_cstr(&b), "a\\,b\\;c\\\\d\\ne");
	buf_init(&b, &a);
	ics_line(&b, "UID", "x");
	CHECK_STR(buf_cstr(&b), "UID:x\r\n");
	for (i = 0; i + 2 < 110; i += 2)
		memcpy(value + i, "\xc3\xa9", 2);
	value[i] = '\0';
	buf_init(&b, &a);
	ics_line(&b, "SUMMARY", value);
	s = buf_cstr(&b);
	/* "SUMMARY:" is 8 octets: 33 characters (66 octets) make 74, the
	 * 34th would end at 76. */
	CHECK(strncmp(s + 8 + 66, "\r\n ", 3) == 0);
	CHECK(strlen(s) == 8 + 108 + 3 + 2);
	buf_init(&b, &a);
	ics_line(&b, "X", "\xc3");		/* a sequence cut short */
	CHECK_STR(buf_cstr(&b), "X:\xc3\r\n");
}

/* A zone with summer time has an observance from the year's start and one
 * per change; UTC has only the first. */
static void
test_vtimezone(void)
{
	char err[256];
	struct buf b;
	const char *s;

	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	arena_reset(&a);
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	free(cfg.timezone);
	cfg.timezone = strdup("Europe/Berlin");
	buf_init(&b, &a);
	ical_vtimezone(&b, 1795940357, 1795940357);		/* Dec 2026 */
	s = buf_cstr(&b);
	CHECK(strstr(s, "TZID:Europe/Berlin\r\n") != NULL);
	CHECK(strstr(s, "BEGIN:STANDARD\r\nDTSTART:20260101T000000\r\n"
	    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n") != NULL);
	CHECK(strstr(s, "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\n"
	    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n") != NULL);
	CHECK(strstr(s, "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\n"
	    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n") != NULL);
	setenv("TZ", "UTC", 1);
	tzset();
	free(cfg.timezone);
	cfg.timezone = strdup("UTC");
	buf_init(&b, &a);
	ical_vtimezone(&b, 1795940357, 1795940357);
	s = buf_cstr(&b);
	CHECK(strstr(s, "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\n") != NULL);
	CHECK(strstr(s, "DAYLIGHT") == NULL && strstr(strstr(s, "END:STANDARD") + 1,
	    "BEGIN:STANDARD") == NULL);
}

/* A long password is refused when it is easy to guess, saying why;
 * passphrases of unrelated words pass. */
static void
test_password_strength(void)
{
	char err[256];
	const char *p;

	CHECK(config_load(NULL, err, sizeof(err)) == 0);
	CHECK(auth_init(cfg.common_passwords) == OK);
	CHECK(cfg.password_min_score == 3);
	CHECK(auth_password_problem("correct horse battery staple", NULL, NULL) == NULL);
	CHECK(auth_password_problem("a brand new passphrase", "ann@example.com", "Ann") == NULL);
	/* On the breached list, whatever its case. */
	CHECK_STR(auth_password_problem("1QAZ2WSX3EDC", NULL, NULL),
	    "is one of the most common passwords; choose another");
	CHECK((p = auth_password_problem("password1234", NULL, NULL)) != NULL &&
	    strstr(p, "too easy to guess: it is made of common words") != NULL);
	CHECK((p = auth_password_problem("aaaaaaaaaaaa", NULL, NULL)) != NULL &&
	    strstr(p, "too easy to guess") != NULL);
	CHECK((p = auth_password_problem("            ", NULL, NULL)) != NULL &&
	    strstr(p, "repeats") != NULL);
	CHECK((p = auth_password_problem("abcdefghijklmnop", NULL, NULL)) != NULL &&
	    strstr(p, "sequence") != NULL);
	CHECK((p = auth_password_problem("qwertyuiop[]", NULL, NULL)) != NULL &&
	    strstr(p, "keyboard") != NULL);
	/* The user's own words are weak. */
	CHECK_STR(auth_password_problem("Zed@Example.com", "zed@example.com", NULL),
	    "must not be your email address");
	CHECK((p = auth_password_problem("bartholomew-quux", "bartholomew-quux@example.com",
	    "Bart")) != NULL && strstr(p, "your name or email") != NULL);
	CHECK(auth_password_problem("bartholomew-quux", NULL, NULL) == NULL);
	/* The setting moves the bar. */
	cfg.password_min_score = 0;
	CHECK(auth_password_problem("password1234", NULL, NULL) == NULL);
	cfg.password_min_score = 4;
	CHECK(auth_password_problem("wrong password here", NULL, NULL) != NULL);
	cfg.password_min_score = 3;
}

/* Lock-outs grow with each failure of a pair; a busy account only holds
 * back the addresses that failed. */
static void
test_lock_waits(void)
{
	long long lock = LOCK_MINUTES * 60;

	CHECK(cfg.login_failures == 5 && cfg.login_failures_account == 50);
	CHECK(auth_lock_wait(0, 0, 0) == 0);
	CHECK(auth_lock_wait(4, 0, 4) == 0);
	CHECK(auth_lock_wait(5, 0, 5) == lock);
	CHECK(auth_lock_wait(5, 60, 5) == lock - 60);
	CHECK(auth_lock_wait(5, lock + 1, 0) == 0);
	CHECK(auth_lock_wait(6, 0, 0) == 2 * lock);
	CHECK(auth_lock_wait(7, 10, 0) == 4 * lock - 10);
	CHECK(auth_lock_wait(40, 0, 0) == LOCK_MAX_SECONDS);
	/* Under a spread attack: a failed address waits, a clean one does not. */
	CHECK(auth_lock_wait(1, 30, 50) == lock - 30);
	CHECK(auth_lock_wait(0, 0, 500) == 0);
	CHECK(auth_lock_wait(1, lock, 50) == 0);
	CHECK(auth_lock_wait(1, 30, 49) == 0);
	arena_reset(&a);
	CHECK_STR(auth_throttle_key(&a, "192.0.2.7"), "192.0.2.7");
	CHECK_STR(auth_throttle_key(&a, "2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
	CHECK_STR(auth_throttle_key(&a, "2001:db8:1:2::ffff"), "2001:db8:1:2::/64");
	CHECK_STR(auth_throttle_key(&a, NULL), "");
}

struct pair {
	long long	 n;
	const char	*name;
};

static void
pair_fill(const struct db_res *res, int i, void *out)
{
	struct pair *p = out;

	p->n = db_int(res, i, 0);
	p->name = db_val(res, i, 1);
}

/* db_rows and db_row: a failed query is ERR, no row NOT_FOUND (and an
 * empty list, not a failure), each row filled in order. */
static void
test_db_rows(void)
{
	char *cells[] = { "7", "seven", NULL, NULL, "9", "nine" };
	struct db_res res = { 3, 2, NULL, cells }, none = { 0, 2, NULL, NULL };
	struct pair *list, one = { -1, NULL };
	int n = -1;

	arena_reset(&a);
	CHECK(db_rows(&a, NULL, sizeof(*list), pair_fill, &n) == NULL);
	CHECK(db_found(NULL) == ERR && db_row(NULL, pair_fill, &one) == ERR);
	CHECK((list = db_rows(&a, &none, sizeof(*list), pair_fill, &n)) != NULL && n == 0);
	CHECK(db_row(&none, pair_fill, &one) == NOT_FOUND && one.n == -1);
	list = db_rows(&a, &res, sizeof(*list), pair_fill, &n);
	CHECK(list != NULL && n == 3);
	CHECK(list[0].n == 7 && strcmp(list[0].name, "seven") == 0);
	CHECK(list[1].n == 0 && list[1].name == NULL);
	CHECK(list[2].n == 9 && strcmp(list[2].name, "nine") == 0);
	CHECK(db_found(&res) == OK && db_row(&res, pair_fill, &one) == OK &&
	    one.n == 7 && strcmp(one.name, "seven") == 0);
}

/* What db_statements hands on, one "[statement]" after another. */
static int
statement_collect(void *ctx, const char *sql, size_t len)
{
	struct buf *out = ctx;

	buf_printf(out, "[%.*s]", (int)len, sql);
	return strncmp(sql, "FAIL", 4) == 0 ? ERR : OK;
}

static const char *
statements_of(const char *text, int *rc)
{
	struct buf out;

	buf_init(&out, &a);
	*rc = db_statements(text, statement_collect, &out);
	return buf_cstr(&out);
}

/* A schema file splits as the mariadb client splits it: at ';' outside
 * quotes and comments, each statement from its first word; a DELIMITER
 * line changes what ends one, so an IF ... END IF body goes whole, and is
 * not sent itself. */
static void
test_db_statements(void)
{
	int rc;

	arena_reset(&a);
	CHECK_STR(statements_of("-- a file\nSELECT 1;\n/* x; */ SELECT 'a;b' ;  # c;\n", &rc),
	    "[SELECT 1][SELECT 'a;b' ]");
	CHECK(rc == OK);
	CHECK_STR(statements_of("CREATE TABLE t (a INT);\nDELIMITER //\n"
	    "CREATE TRIGGER x AFTER UPDATE ON t FOR EACH ROW\nIF NEW.a <> 1 THEN\n"
	    "\tCALL p(';');\nEND IF//\ndelimiter ;\nDROP TABLE u;", &rc),
	    "[CREATE TABLE t (a INT)][CREATE TRIGGER x AFTER UPDATE ON t FOR EACH ROW\n"
	    "IF NEW.a <> 1 THEN\n\tCALL p(';');\nEND IF][DROP TABLE u]");
	CHECK(rc == OK);
	CHECK_STR(statements_of("DELIMITER $$\nSELECT 1$$ SELECT 2", &rc), "[SELECT 1][SELECT 2]");
	CHECK(rc == OK);
	statements_of("SELECT 1;\nDELIMITER \nSELECT 2;", &rc);
	CHECK(rc == ERR);
	statements_of("DELIMITER 123456789\nSELECT 2;", &rc);
	CHECK(rc == ERR);
	CHECK_STR(statements_of("SELECT 1; FAIL; SELECT 3;", &rc), "[SELECT 1][FAIL]");
	CHECK(rc == ERR);
	CHECK_STR(statements_of("  \n-- nothing\n", &rc), "");
	CHECK(rc == OK);
}

/* Keyset cursors: what booking_cursor_text() makes parses back, nothing
 * else does; a page drops its extra row, puts a previous page in order
 * and links the sides that have rows. */
static void
test_list_cursors(void)
{
	struct booking rows[3];
	struct list_cursor c;
	struct list_page page;
	const char *text;
	int n;

	arena_reset(&a);
	text = booking_cursor_text(&a, 1, "2026-12-01 10:30:00", 42, 3);
	CHECK_STR(text, "a20261201103000-42p3");
	CHECK(booking_cursor_parse(text, &c) == 0);
	CHECK(c.dir == 1 && c.id == 42 && c.page == 3);
	CHECK_STR(c.key, "2026-12-01 10:30:00");
	CHECK(booking_cursor_parse("b20261201103000-7p1", &c) == 0 && c.dir == -1 && c.id == 7);
	CHECK(booking_cursor_parse(NULL, &c) == -1);
	CHECK(booking_cursor_parse("", &c) == -1);
	CHECK(booking_cursor_parse("c20261201103000-42p2", &c) == -1);
	CHECK(booking_cursor_parse("a20261201103000-42", &c) == -1);	/* no page */
	CHECK(booking_cursor_parse("a20261201103000-42p0", &c) == -1);
	CHECK(booking_cursor_parse("a20261201103000-42p02", &c) == -1);
	CHECK(booking_cursor_parse("a20261201103000-p2", &c) == -1);
	CHECK(booking_cursor_parse("a2026120110300-42p2", &c) == -1);
	CHECK(booking_cursor_parse("a20261301103000-42p2", &c) == -1);	/* month 13 */
	CHECK(booking_cursor_parse("a20261201103000-0p2", &c) == -1);
	CHECK(booking_cursor_parse("a20261201103000-4xp2", &c) == -1);
	CHECK(booking_cursor_parse("a20261201103000-042p2", &c) == -1);
	CHECK(booking_cursor_parse("a20261201103000-+42p2", &c) == -1);
	CHECK(booking_cursor_parse("a20261201103000- 42p2", &c) == -1);
	CHECK(booking_cursor_parse("a20261201103000_42p2", &c) == -1);
	CHECK(c.dir == 0);

	memset(rows, 0, sizeof(rows));
	rows[0].id = 3, rows[0].start = "2026-12-03 09:00:00";
	rows[1].id = 2, rows[1].start = "2026-12-02 09:00:00";
	rows[2].id = 1, rows[2].start = "2026-12-01 09:00:00";
	memset(&c, 0, sizeof(c));
	n = 3;		/* the first page of 2, with the row that says more follow */
	booking_page_of(&a, rows, &n, 2, &c, 0, &page);
	CHECK(n == 2 && page.prev == NULL && page.number == 1);
	CHECK_STR(page.next, "a20261202090000-2p2");
	c.dir = 1;
	c.page = 2;
	n = 1;		/* the last page */
	booking_page_of(&a, rows + 2, &n, 2, &c, 0, &page);
	CHECK(page.next == NULL);
	CHECK_STR(page.prev, "b20261201090000-1p1");
	CHECK(page.number == 2);
	c.dir = -1;
	c.page = 1;
	n = 2;		/* going back, read the other way round: the first page again */
	rows[0].id = 2, rows[0].start = "2026-12-02 09:00:00";
	rows[1].id = 3, rows[1].start = "2026-12-03 09:00:00";
	booking_page_of(&a, rows, &n, 2, &c, 0, &page);
	CHECK(n == 2 && rows[0].id == 3 && rows[1].id == 2);
	CHECK(page.prev == NULL && page.number == 1);
	CHECK_STR(page.next, "a20261202090000-2p2");
	n = 0;
	booking_page_of(&a, rows, &n, 2, &c, 0, &page);
	CHECK(page.next == NULL && page.prev == NULL);
}

/* Reports group by the site's local day: the zone's offsets over a range,
 * each change to the second, with the last carried to the unused slots. */
static void
test_report_range(void)
{
	struct report_range rg;

	CHECK(report_range_init(&rg, "2026-01-01", "2026-12-31", 7) == OK);
	CHECK_STR(rg.from, "2026-01-01 00:00:00");
	CHECK_STR(rg.to, "2027-01-01 00:00:00");
	CHECK(rg.room_id == 7);
	CHECK(rg.offset[0] == 0 && rg.offset[3] == 0);
	CHECK_STR(rg.until[0], "9999-12-31 23:59:59");
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	CHECK(report_range_init(&rg, "2026-01-01", "2026-12-31", 0) == OK);
	CHECK_STR(rg.from, "2025-12-31 23:00:00");
	CHECK_STR(rg.until[0], "2026-03-29 01:00:00");
	CHECK_STR(rg.until[1], "2026-10-25 01:00:00");
	CHECK_STR(rg.until[2], "9999-12-31 23:59:59");
	CHECK(rg.offset[0] == 60 && rg.offset[1] == 120 && rg.offset[2] == 60 &&
	    rg.offset[3] == 60);
	/* a change at the very end of the range (Chile moves at local
	 * midnight) is not in it */
	setenv("TZ", "America/Santiago", 1);
	tzset();
	CHECK(report_range_init(&rg, "2026-09-01", "2026-09-05", 0) == OK);
	CHECK_STR(rg.to, "2026-09-06 04:00:00");
	CHECK_STR(rg.until[0], "9999-12-31 23:59:59");
	CHECK(rg.offset[0] == -240 && rg.offset[3] == -240);
	CHECK(report_range_init(&rg, "2026-09-01", "2026-09-06", 0) == OK);
	CHECK_STR(rg.until[0], "2026-09-06 04:00:00");
	CHECK(rg.offset[1] == -180);
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	/* two years cross four changes: more than a report takes */
	CHECK(report_range_init(&rg, "2026-01-01", "2027-12-31", 0) == INVALID);
	CHECK(report_range_init(&rg, "2026-02-30", "2026-03-01", 0) == INVALID);
	CHECK(report_range_init(&rg, "2026-03-02", "2026-03-01", 0) == INVALID);
	setenv("TZ", "UTC", 1);
	tzset();
}

/* The chart writer: the value axis ends on a round step, values read as
 * the tables write them, and the SVG holds the title, the axis titles,
 * one bar per value with that value, and the series' fills. */
static void
test_chart(void)
{
	static const char *labels[] = { "Room <1>", "Room 2", "Room 3" };
	static const long long in[] = { 3, 0, 12 }, out[] = { 1, 7, 2 };
	struct chart c = {
		"t-chart", "Checked in & out", "Room", "Bookings", CHART_BAR, CHART_COUNT,
		3, labels, 2, { "In", "Out" }, { in, out },
	};
	struct tmpl *t;
	char *svg, *err = NULL;
	size_t len;

	CHECK(chart_axis_top(0, CHART_COUNT) == 4);
	CHECK(chart_axis_top(12, CHART_COUNT) == 20);
	CHECK(chart_axis_top(21, CHART_COUNT) == 40);
	CHECK(chart_axis_top(12345, CHART_MONEY) == 20000);
	CHECK(chart_axis_top(750, CHART_PERMILLE) == 1000);
	CHECK(chart_axis_top(1500, CHART_PERMILLE) == 2000);
	CHECK_STR(chart_value(&a, 1250, CHART_MONEY), "12.50");
	CHECK_STR(chart_value(&a, 444, CHART_PERMILLE), "44.4%");
	CHECK_STR(chart_value(&a, 7, CHART_COUNT), "7");

	CHECK(tmpl_init(TEMPLATES_DIR, &err) == 0);
	free(err);
	t = tmpl_new();
	chart_fill(&a, t, &c);
	svg = tmpl_expand("chart.tpl", t, &len, &err);
	CHECK(svg != NULL);
	if (svg != NULL) {
		CHECK(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"") != NULL);
		CHECK(strstr(svg, "<title id=\"t-chart-title\">Checked in &amp; out</title>") != NULL);
		CHECK(strstr(svg, ">Bookings</text>") != NULL);
		CHECK(strstr(svg, "<title>Room &lt;1&gt;, In: 3</title>") != NULL);
		CHECK(strstr(svg, "<title>Room 3, Out: 2</title>") != NULL);
		CHECK(strstr(svg, "data-value=\"12\"") != NULL);
		CHECK(strstr(svg, "fill=\"url(#t-chart-hatch)\"") != NULL);
		/* axis 0 to 20 in four steps */
		CHECK(strstr(svg, ">20</text>") != NULL && strstr(svg, ">15</text>") != NULL);
		CHECK(strstr(svg, "polyline") == NULL);
	}
	free(svg);
	tmpl_free(t);

	c.kind = CHART_LINE;
	c.nseries = 1;
	t = tmpl_new();
	chart_fill(&a, t, &c);
	svg = tmpl_expand("chart.tpl", t, &len, &err);
	CHECK(svg != NULL && strstr(svg, "<polyline class=\"line s0\" points=\"") != NULL);
	CHECK(svg != NULL && strstr(svg, "<rect class=\"bar") == NULL);
	free(svg);
	tmpl_free(t);

	c.n = 0;
	t = tmpl_new();
	chart_fill(&a, t, &c);
	svg = tmpl_expand("chart.tpl", t, &len, &err);
	CHECK(svg != NULL && strstr(svg, "Nothing in this range") != NULL);
	free(svg);
	tmpl_free(t);
}

int
main(void)
{
	arena_init(&a);
	RUN(test_arena);
	RUN(test_buf);
	RUN(test_url_decode);
	RUN(test_utf8);
	RUN(test_form);
	RUN(test_int_parse);
	RUN(test_form_fields);
	RUN(test_req_init);
	RUN(test_router);
	RUN(test_params);
	RUN(test_date_range);
	RUN(test_text_rules);
	RUN(test_json_nul);
	RUN(test_body);
	RUN(test_dates);
	RUN(test_money);
	RUN(test_languages);
	RUN(test_price_lines);
	RUN(test_config);
	RUN(test_config_read);
	RUN(test_config_nodes);
	RUN(test_results);
	RUN(test_formatters);
	RUN(test_limit_messages);
	RUN(test_path_checks);
	RUN(test_refund_quote);
	RUN(test_booking_allows);
	RUN(test_ticket_codes);
	RUN(test_list_cursors);
	RUN(test_booking_allows_owner);
	RUN(test_slot_moves);
	RUN(test_dummy_hash_cost);
	RUN(test_totp_sealing);
	RUN(test_log_escape);
	RUN(test_mime);
	RUN(test_ics);
	RUN(test_vtimezone);
	RUN(test_password_strength);
	RUN(test_lock_waits);
	RUN(test_db_rows);
	RUN(test_db_statements);
	RUN(test_report_range);
	RUN(test_chart);
	arena_free(&a);
	fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
	return check_failures ? 1 : 0;
}
