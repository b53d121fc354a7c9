/* fuzz_cookie.c: the Cookie header: one cookie's value found, and the CSRF token taken from it */
#include <string.h>

#include "domain/auth.h"
#include "http/request.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const names[] = { SESSION_COOKIE, CSRF_COOKIE, "a", "" };
	char *env[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/", NULL, NULL };
	const char *header, *v, *token;
	struct req r;
	size_t i;
	int fresh;

	fuzz_begin();
	header = fuzz_cstr(data, n);
	env[2] = arena_printf(&fuzz_arena, "HTTP_COOKIE=%s", header);
	fuzz_req(&r, env);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		v = req_cookie(&r, names[i]);
		/* a value is a piece of the header, never past a ';' */
		if (v != NULL)
			FUZZ_CHECK(strchr(v, ';') == NULL && strstr(header, v) != NULL);
	}
	v = req_cookie(&r, CSRF_COOKIE);
	token = auth_csrf_token(&fuzz_arena, v, &fresh);
	FUZZ_CHECK(token != NULL && auth_csrf_matches(token, token));
	FUZZ_CHECK(fresh || strcmp(token, v) == 0);
	FUZZ_CHECK(!auth_csrf_matches(v, NULL));
	fuzz_end(&r);
	return 0;
}
