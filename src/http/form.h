/* http/form.h: typed fields read from a request, with input and errors kept for the page */
#ifndef FORM_H
#define FORM_H

#include <stddef.h>

#include "core/fields.h"
#include "http/request.h"

struct tmpl;

/* Unlike the req_* getters, which refuse the whole request, a form
 * collects one message per field so the page can show them all next to
 * the fields, with what the user typed kept. */
struct form {
	struct arena		*arena;
	struct kvlist		*fields;	/* name -> value as sent */
	struct field_errors	 errors;
};

/* The request's parameters (form, JSON body, query, path). */
void		 form_init(struct form *, struct req *);
/* Fields of another origin (bookingctl's options). */
void		 form_init_fields(struct form *, struct arena *, struct kvlist *);
/* Whether the field was sent at all (an edit changes only those). */
int		 form_sent(const struct form *, const char *field);
/* The trimmed text of a field, or NULL (with an error when required):
 * one line, without control characters or direction overrides. */
const char	*form_text(struct form *, const char *field, const char *label,
		    size_t maxlen, int required);
/* The same for text that may hold line breaks and tabs (descriptions). */
const char	*form_lines(struct form *, const char *field, const char *label,
		    size_t maxlen, int required);
/* A field taken as it is (passwords: spaces count). */
const char	*form_raw(struct form *, const char *field, const char *label,
		    size_t maxlen);

/*
 * Typed fields. Each returns 1 with *out set when the field holds a valid
 * value, else 0: not sent or empty (an error when required), or not valid
 * (an error saying what it must be, with the label).
 */
int	form_int(struct form *, const char *field, const char *label,
	    long long min, long long max, int required, long long *out);
/* One of a NULL-terminated list of words; *out points into the list. */
int	form_enum(struct form *, const char *field, const char *label,
	    const char *const *words, int required, const char **out);
/* An amount like 12.50, in cents. */
int	form_money(struct form *, const char *field, const char *label,
	    int required, long long *cents);
/* A YYYY-MM-DD calendar date. */
int	form_date(struct form *, const char *field, const char *label,
	    int required, char out[11]);
/* A time of day as HH:MM ("24:00" ends the day), in minutes. */
int	form_time(struct form *, const char *field, const char *label,
	    int required, int *minutes);
/* A moment as YYYY-MM-DDTHH:MM (site time) or ...:SSZ (UTC), written in
 * the database's UTC form. */
int	form_datetime(struct form *, const char *field, const char *label,
	    int required, char out[20]);
/* true/false from JSON, on/1 and off/0/"" from a checkbox. */
int	form_flag(struct form *, const char *field, int *out);
/* A list: repeated fields (checkboxes), one text with commas or white
 * space (a textarea), or a JSON array. Calls fn for each item; returns 0
 * when fn refused one (an error with message), else 1. */
int	form_list(struct form *, const char *field, int (*fn)(void *, const char *),
	    void *ctx, const char *message);

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
 * and every field's in "fields". Returns ERR like reply_error(). */
int		 form_reply_json(struct req *, const struct form *, int status);
/* The same for a domain result: INVALID is 400 and CONFLICT 409 as above;
 * a refusal of its own (OVERLAPS) carries its status and code. */
int		 form_reply_result(struct req *, const struct form *, int rc);

#endif
