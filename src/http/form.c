/* http/form.c: typed fields read from a request, with input and errors kept for the page */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "http/form.h"
#include "http/tmpl.h"

void
form_init_fields(struct form *f, struct arena *a, struct kvlist *fields)
{
	f->arena = a;
	f->fields = fields;
	field_errors_init(&f->errors, a);
}

void
form_init(struct form *f, struct req *r)
{
	form_init_fields(f, r->arena, &r->params);
}

void
form_error(struct form *f, const char *field, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (field_error_of(&f->errors, field) != NULL)
		return;			/* the first problem is the one to fix */
	va_start(ap, fmt);
	msg = arena_vprintf(f->arena, _(fmt), ap);
	va_end(ap);
	field_error(&f->errors, field, "%s", msg);
}

int
form_ok(const struct form *f)
{
	return f->errors.n == 0;
}

int
form_sent(const struct form *f, const char *field)
{
	return kv_get(f->fields, field) != NULL;
}

void
form_default(struct form *f, const char *field, const char *value)
{
	if (value != NULL && kv_get(f->fields, field) == NULL)
		kv_add(f->arena, f->fields, field, value);
}

const char *
form_raw(struct form *f, const char *field, const char *label, size_t maxlen)
{
	const char *v = kv_get(f->fields, field);

	if (v == NULL || *v == '\0') {
		form_error(f, field, "%s is required.", _(label));
		return NULL;
	}
	if (!utf8_valid(v)) {
		form_error(f, field, "%s must be valid text.", _(label));
		return NULL;
	}
	if (utf8_chars(v) > maxlen) {
		form_error(f, field, "%s must be at most %zu characters.", _(label), maxlen);
		return NULL;
	}
	return v;
}

/* The trimmed text of a field; lines: line breaks and tabs are allowed. */
static const char *
text_field(struct form *f, const char *field, const char *label, size_t maxlen,
    int required, int lines)
{
	const char *v = kv_get(f->fields, field), *end, *why;

	if (v != NULL) {
		while (isspace((unsigned char)*v))
			v++;
		end = v + strlen(v);
		while (end > v && isspace((unsigned char)end[-1]))
			end--;
		v = arena_strndup(f->arena, v, (size_t)(end - v));
	}
	if (v == NULL || *v == '\0') {
		if (required)
			form_error(f, field, "%s is required.", _(label));
		return NULL;
	}
	kv_set(f->arena, f->fields, field, v);	/* shown back trimmed */
	if (!utf8_valid(v)) {
		form_error(f, field, "%s must be valid text.", _(label));
		return NULL;
	}
	if ((why = text_problem(v, lines)) != NULL) {
		form_error(f, field, "%s %s.", _(label), why);
		return NULL;
	}
	if (utf8_chars(v) > maxlen) {
		form_error(f, field, "%s must be at most %zu characters.", _(label), maxlen);
		return NULL;
	}
	return v;
}

const char *
form_text(struct form *f, const char *field, const char *label, size_t maxlen,
    int required)
{
	return text_field(f, field, label, maxlen, required, 0);
}

const char *
form_lines(struct form *f, const char *field, const char *label, size_t maxlen,
    int required)
{
	return text_field(f, field, label, maxlen, required, 1);
}

/* The end of a typed field: ok, or the problem "Label must be ...". */
static int
parsed(struct form *f, const char *field, const char *label, int ok,
    const char *must)
{
	if (!ok)
		form_error(f, field, "%s must be %s.", _(label), _(must));
	return ok;
}

int
form_int(struct form *f, const char *field, const char *label, long long min,
    long long max, int required, long long *out)
{
	const char *v = form_text(f, field, label, 12, required);

	return v != NULL && parsed(f, field, label, int_parse(v, min, max, out) == 0,
	    arena_printf(f->arena, _("a whole number from %lld to %lld"), min, max));
}

int
form_enum(struct form *f, const char *field, const char *label,
    const char *const *words, int required, const char **out)
{
	const char *v = form_text(f, field, label, 40, required);
	struct buf b;
	int i;

	if (v == NULL)
		return 0;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0) {
			*out = words[i];
			return 1;
		}
	buf_init(&b, f->arena);
	for (i = 0; words[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : _("one of: "), words[i]);
	return parsed(f, field, label, 0, buf_cstr(&b));
}

int
form_money(struct form *f, const char *field, const char *label, int required,
    long long *cents)
{
	const char *v = form_text(f, field, label, 12, required);

	return v != NULL && parsed(f, field, label, money_parse(v, cents) == 0,
	    N_("an amount like 12.50 (at most 99999999.99)"));
}

int
form_date(struct form *f, const char *field, const char *label, int required,
    char out[11])
{
	const char *v = form_text(f, field, label, 10, required);
	struct tm tm;

	if (v == NULL || !parsed(f, field, label, date_parse(v, &tm) == 0,
	    N_("a date as YYYY-MM-DD")))
		return 0;
	snprintf(out, 11, "%s", v);
	return 1;
}

int
form_time(struct form *f, const char *field, const char *label, int required,
    int *minutes)
{
	const char *v = form_text(f, field, label, 5, required);
	int m = v ? hhmm_parse(v) : -1;

	if (v == NULL || !parsed(f, field, label, m >= 0, N_("a time as HH:MM")))
		return 0;
	*minutes = m;
	return 1;
}

int
form_datetime(struct form *f, const char *field, const char *label, int required,
    char out[20])
{
	const char *v = form_text(f, field, label, 25, required);

	return v != NULL && parsed(f, field, label, datetime_input(v, out) == 0,
	    N_("a time as YYYY-MM-DDTHH:MM (site time) or YYYY-MM-DDTHH:MM:SSZ (UTC)"));
}

int
form_flag(struct form *f, const char *field, int *out)
{
	const char *v = kv_get(f->fields, field);

	if (v == NULL)
		return 0;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcmp(v, "on") == 0)
		*out = 1;
	else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0 || *v == '\0')
		*out = 0;
	else
		return parsed(f, field, field, 0, N_("true or false"));
	return 1;
}

static int
each_item(struct form *f, const char *field, int (*fn)(void *, const char *),
    void *ctx)
{
	struct json_object *arr;
	char *copy, *item, *save;
	int i, j, rc = 0;

	for (i = 0; i < f->fields->n && rc == 0; i++) {
		const char *v = f->fields->v[i].val;

		if (strcmp(f->fields->v[i].key, field) != 0)
			continue;
		if (v[0] == '[') {
			if ((arr = json_tokener_parse(v)) == NULL ||
			    !json_object_is_type(arr, json_type_array)) {
				json_object_put(arr);
				return -1;
			}
			for (j = 0; rc == 0 && j < (int)json_object_array_length(arr); j++)
				rc = fn(ctx, json_object_get_string(json_object_array_get_idx(arr, (size_t)j)));
			json_object_put(arr);
			continue;
		}
		copy = arena_strdup(f->arena, v);
		for (item = strtok_r(copy, ", \t\r\n", &save); item != NULL && rc == 0;
		    item = strtok_r(NULL, ", \t\r\n", &save))
			rc = fn(ctx, item);
	}
	return rc;
}

int
form_list(struct form *f, const char *field, int (*fn)(void *, const char *),
    void *ctx, const char *message)
{
	if (each_item(f, field, fn, ctx) == 0)
		return 1;
	form_error(f, field, "%s", message);
	return 0;
}

static const char *
upper_key(char *key, size_t size, const char *field, const char *suffix)
{
	char *p;

	snprintf(key, size, "%s%s", field, suffix);
	for (p = key; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return key;
}

void
form_fill(struct form *f, struct tmpl *t, const char *const *fields)
{
	char key[64];
	const char *v;
	int i;

	for (i = 0; fields[i] != NULL; i++) {
		v = kv_get(f->fields, fields[i]);
		if (v != NULL && utf8_valid(v))
			tmpl_set(t, upper_key(key, sizeof(key), fields[i], ""), v);
	}
	/* Every field's error, kept or not (passwords are never sent back). */
	for (i = 0; i < f->errors.n; i++)
		tmpl_set(tmpl_section(t, upper_key(key, sizeof(key),
		    f->errors.v[i].field, "_ERROR")), "MESSAGE", f->errors.v[i].message);
}

int
form_reply_json(struct req *r, const struct form *f, int status)
{
	return form_reply_result(r, f, status == 400 ? INVALID : CONFLICT);
}

int
form_reply_result(struct req *r, const struct form *f, int rc)
{
	struct json_object *o, *e, *fields;
	int i;

	o = json_object_new_object();
	e = json_object_new_object();
	fields = json_object_new_object();
	json_object_object_add(e, "code", json_object_new_string(
	    rc == INVALID || rc == CONFLICT ? "invalid_field" : result_code(rc)));
	json_object_object_add(e, "message", json_object_new_string(
	    f->errors.n ? arena_printf(r->arena, "%s: %s", f->errors.v[0].field,
	    f->errors.v[0].message) : "invalid input"));
	for (i = 0; i < f->errors.n; i++)
		json_object_object_add(fields, f->errors.v[i].field,
		    json_object_new_string(f->errors.v[i].message));
	json_object_object_add(e, "fields", fields);
	json_object_object_add(o, "error", e);
	reply_json(r, rc == INVALID ? 400 : reply_result_status(rc), o);
	return ERR;
}
