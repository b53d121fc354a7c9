/* core/fields.h: what is wrong with the fields of an input, one message each */
#ifndef FIELDS_H
#define FIELDS_H

struct arena;

/*
 * Unlike a refusal of the whole request, an input's problems are kept per
 * field, so a form can show them all next to the fields and the API can
 * name them. The field names are those of the forms and JSON bodies.
 */
struct field_error {
	const char	*field;
	const char	*message;
};

struct field_errors {
	struct arena		*arena;
	struct field_error	*v;
	int			 n;
	int			 cap;
};

void		 field_errors_init(struct field_errors *, struct arena *);
/* Keeps the first problem of a field: it is the one to fix. */
void		 field_error(struct field_errors *, const char *field,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The field's problem, or NULL. */
const char	*field_error_of(const struct field_errors *, const char *field);

#endif
