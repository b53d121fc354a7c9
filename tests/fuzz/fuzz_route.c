/* fuzz_route.c: a method and a path matched against the application's route table */
#include <string.h>

#include "http/request.h"
#include "router.h"
#include "fuzz.h"

/* The input is "METHOD\nPATH", or a path for GET. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *env[] = { NULL, NULL, NULL }, *s, *nl;
	const struct route *table, *rt;
	char allow[256];
	struct req r;
	int count, status = 0, i;

	fuzz_begin();
	s = fuzz_cstr(data, n);
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		env[0] = arena_printf(&fuzz_arena, "REQUEST_METHOD=%s", s);
		s = nl + 1;
	} else
		env[0] = "REQUEST_METHOD=GET";
	env[1] = arena_printf(&fuzz_arena, "DOCUMENT_URI=%s", s);
	fuzz_req(&r, env);
	table = router_routes(&count);
	rt = router_match(&r, table, count, &status, allow, sizeof(allow));
	if (rt != NULL) {
		FUZZ_CHECK(strcmp(rt->method, r.head ? "GET" : r.method) == 0);
		/* every capture is a whole, non-empty segment, decoded */
		for (i = 0; i < r.params.n; i++)
			FUZZ_CHECK(r.params.v[i].val[0] != '\0' && strchr(r.params.v[i].key, '}') == NULL);
	} else {
		FUZZ_CHECK(status == 404 || status == 405);
		FUZZ_CHECK(status == 404 || allow[0] != '\0');
		FUZZ_CHECK(r.params.n == 0);
	}
	fuzz_end(&r);
	return 0;
}
