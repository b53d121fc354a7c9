/* fuzz.h: what the fuzz targets share: set-up once, the input as text, checks that abort */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct req;

/* libFuzzer calls this once per input (replay.c does without libFuzzer). */
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Per-input memory: reset by fuzz_begin(). */
extern struct arena fuzz_arena;

/* Loads the default settings and the templates (error pages are real
 * pages) and sets a zone with daylight saving time, the first time; then
 * empties the arena. */
void	 fuzz_begin(void);
/* The input as a C string, cut at its first NUL as a FastCGI parameter
 * would be. */
char	*fuzz_cstr(const uint8_t *, size_t);
/* A request as main.c builds it from FastCGI parameters ("NAME=value",
 * NULL-terminated). */
void	 fuzz_req(struct req *, char **env);
/* A refused request got a whole answer: a 4xx with a type and a body. */
void	 fuzz_check_reply(struct req *);
/* Ends the request: drops a page begun and not ended. */
void	 fuzz_end(struct req *);

/* A request for path as a page and under /api/v1 (JSON errors): the data
 * is its body of content_type, or with content_type NULL its query string.
 * When the body and query parse, read() reads them as a handler would; a
 * refusal must be a whole reply either way. */
void	 fuzz_request(const char *method, const char *path, const char *content_type,
	    const uint8_t *, size_t, void (*read)(struct req *));
/* A request body of the given Content-Type read into every input struct. */
void	 fuzz_body(const uint8_t *, size_t, const char *content_type);

#define FUZZ_CHECK(cond)	fuzz_check((cond) != 0, __FILE__, __LINE__, #cond)
void	 fuzz_check(int ok, const char *file, int line, const char *what);

#endif
