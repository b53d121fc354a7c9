/* fuzz.c: what the fuzz targets share: set-up once, the input as text, checks that abort */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "fuzz.h"

struct arena fuzz_arena;

void
fuzz_begin(void)
{
	static int ready;
	char err[256], *terr = NULL;

	if (!ready) {
		ready = 1;
		arena_init(&fuzz_arena);
		if (config_load(NULL, err, sizeof(err)) != 0) {
			fprintf(stderr, "fuzz: %s\n", err);
			abort();
		}
		if (tmpl_init(cfg.templates, &terr) != 0) {
			fprintf(stderr, "fuzz: %s\n", terr);
			abort();
		}
		setenv("TZ", "Europe/Berlin", 1);
		tzset();
	}
	arena_reset(&fuzz_arena);
}

char *
fuzz_cstr(const uint8_t *data, size_t n)
{
	char *s = arena_alloc(&fuzz_arena, n + 1);

	memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

void
fuzz_req(struct req *r, char **env)
{
	req_init(r, &fuzz_arena, NULL, env);
}

void
fuzz_check(int ok, const char *file, int line, const char *what)
{
	if (!ok) {
		fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
		abort();
	}
}

void
fuzz_check_reply(struct req *r)
{
	if (!r->replied)
		return;
	FUZZ_CHECK(r->status >= 400 && r->status < 500);
	FUZZ_CHECK(r->content_type != NULL);
	FUZZ_CHECK(r->out.len > 0);
}

void
fuzz_end(struct req *r)
{
	page_free(r);
}

void
fuzz_request(const char *method, const char *path, const char *content_type,
    const uint8_t *data, size_t n, void (*read)(struct req *))
{
	char *env[4];
	struct req r;
	int api;

	for (api = 0; api <= 1; api++) {
		fuzz_begin();
		env[0] = arena_printf(&fuzz_arena, "REQUEST_METHOD=%s", method);
		env[1] = arena_printf(&fuzz_arena, "DOCUMENT_URI=%s%s", api ? "/api/v1" : "", path);
		env[2] = content_type != NULL ?
		    arena_printf(&fuzz_arena, "CONTENT_TYPE=%s", content_type) :
		    arena_printf(&fuzz_arena, "QUERY_STRING=%s", fuzz_cstr(data, n));
		env[3] = NULL;
		fuzz_req(&r, env);
		if (content_type != NULL) {
			r.body = fuzz_cstr(data, n);	/* NUL-terminated like main.c's */
			r.body_len = n;
		}
		if (req_parse_body(&r) == OK)
			read(&r);
		fuzz_check_reply(&r);
		fuzz_end(&r);
	}
}
