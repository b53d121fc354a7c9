/* http/tmpl.h: C interface to ctemplate (the only C++ in the program) */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A template dictionary. Section and include dictionaries belong to their
 * parent and are freed with the root. */
struct tmpl;

/* Loads and checks every *.tpl in dir, then freezes the cache: call once
 * before starting threads. Returns 0, or -1 with *errp malloc'd. */
int		 tmpl_init(const char *dir, char **errp);

struct tmpl	*tmpl_new(void);
void		 tmpl_free(struct tmpl *);
void		 tmpl_set(struct tmpl *, const char *key, const char *value);
void		 tmpl_set_int(struct tmpl *, const char *key, long long value);
void		 tmpl_show(struct tmpl *, const char *section);
struct tmpl	*tmpl_section(struct tmpl *, const char *section);
struct tmpl	*tmpl_include(struct tmpl *, const char *name, const char *file);

/* Expands file with the dictionary into a malloc'd, NUL-terminated buffer.
 * Returns NULL with *errp malloc'd on failure. */
char		*tmpl_expand(const char *file, struct tmpl *, size_t *lenp,
		    char **errp);

#ifdef __cplusplus
}
#endif

#endif
