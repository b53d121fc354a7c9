/* core/arena.h: per-request memory, freed all at once after the response */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;	/* chunk being filled */
	struct arena_chunk *spare;	/* kept across resets */
	size_t		    total;	/* bytes handed out since reset */
};

void	 arena_init(struct arena *);
void	*arena_alloc(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*arena_vprintf(struct arena *, const char *, va_list);
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

/* A growable byte buffer living in an arena. */
struct buf {
	struct arena	*arena;
	char		*data;
	size_t		 len;
	size_t		 cap;
};

void	 buf_init(struct buf *, struct arena *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *);

/* Allocation failure is not handled at call sites: the worker aborts and
 * is replaced by its supervisor. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);

#endif
