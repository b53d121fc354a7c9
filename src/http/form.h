/* http/form.h: checking submitted fields, keeping input and errors for the page */
#ifndef FORM_H
#define FORM_H

#include <stddef.h>

#include "http/request.h"

struct tmpl;

/* Unlike the req_* getters, which refuse the whole request, a form
 * collects one message per field so the page can show them all next to
 * the fields, with what the user typed kept. */
struct form {
	struct req	*r;
	struct kvlist	 errors;	/* field name -> message */
};

void		 form_init(struct form *, struct req *);
/* The trimmed text of a field, or NULL (with an error when required). */
const char	*form_text(struct form *, const char *field, const char *label,
		    size_t maxlen, int required);
/* A field taken as it is (passwords: spaces count). */
const char	*form_raw(struct form *, const char *field, const char *label,
		    size_t maxlen);
void		 form_error(struct form *, const char *field, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
int		 form_ok(const struct form *);
/* Shows value in a field the user did not send (an edit form's current
 * values), keeping what the user typed when the form comes back. */
void		 form_default(struct form *, const char *field, const char *value);
/* Puts the listed fields' values (FIELD, the name in capitals) and every
 * error (a FIELD_ERROR section with MESSAGE) in the dictionary. */
void		 form_fill(struct form *, struct tmpl *, const char *const *fields);
/* For the API: status (400, or 409 for a refusal) with the first problem,
 * and every field's in "fields". */
int		 form_reply_json(struct form *, int status);

#endif
