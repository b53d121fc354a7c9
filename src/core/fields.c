/* core/fields.c: what is wrong with the fields of an input, one message each */
#include <stdarg.h>
#include <string.h>

#include "core/arena.h"
#include "core/fields.h"
#include "core/lang.h"

void
field_errors_init(struct field_errors *fe, struct arena *a)
{
	memset(fe, 0, sizeof(*fe));
	fe->arena = a;
}

const char *
field_error_of(const struct field_errors *fe, const char *field)
{
	int i;

	for (i = 0; i < fe->n; i++)
		if (strcmp(fe->v[i].field, field) == 0)
			return fe->v[i].message;
	return NULL;
}

void
field_error(struct field_errors *fe, const char *field, const char *fmt, ...)
{
	struct field_error *grown;
	va_list ap;

	if (field_error_of(fe, field) != NULL)
		return;
	if (fe->n == fe->cap) {
		fe->cap = fe->cap ? fe->cap * 2 : 8;
		grown = arena_alloc(fe->arena, (size_t)fe->cap * sizeof(*grown));
		if (fe->n > 0)
			memcpy(grown, fe->v, (size_t)fe->n * sizeof(*grown));
		fe->v = grown;
	}
	fe->v[fe->n].field = field;
	va_start(ap, fmt);
	/* In the language of whoever reads it (scripts/po-update extracts fmt). */
	fe->v[fe->n].message = arena_vprintf(fe->arena, _(fmt), ap);
	va_end(ap);
	fe->n++;
}
