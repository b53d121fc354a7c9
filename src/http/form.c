/* http/form.c: checking submitted fields, keeping input and errors for the page */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "http/form.h"
#include "http/tmpl.h"

void
form_init(struct form *f, struct req *r)
{
	f->r = r;
	f->errors.v = NULL;
	f->errors.n = f->errors.cap = 0;
}

void
form_error(struct form *f, const char *field, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (kv_get(&f->errors, field) != NULL)
		return;			/* the first problem is the one to fix */
	va_start(ap, fmt);
	msg = arena_vprintf(f->r->arena, fmt, ap);
	va_end(ap);
	kv_add(f->r->arena, &f->errors, field, msg);
}

int
form_ok(const struct form *f)
{
	return f->errors.n == 0;
}

void
form_default(struct form *f, const char *field, const char *value)
{
	if (value != NULL && kv_get(&f->r->params, field) == NULL)
		kv_add(f->r->arena, &f->r->params, field, value);
}

static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

const char *
form_raw(struct form *f, const char *field, const char *label, size_t maxlen)
{
	const char *v = kv_get(&f->r->params, field);

	if (v == NULL || *v == '\0') {
		form_error(f, field, "%s is required.", label);
		return NULL;
	}
	if (!utf8_valid(v)) {
		form_error(f, field, "%s must be valid text.", label);
		return NULL;
	}
	if (chars(v) > maxlen) {
		form_error(f, field, "%s must be at most %zu characters.", label, maxlen);
		return NULL;
	}
	return v;
}

const char *
form_text(struct form *f, const char *field, const char *label, size_t maxlen,
    int required)
{
	const char *v = kv_get(&f->r->params, field), *end;

	if (v != NULL) {
		while (isspace((unsigned char)*v))
			v++;
		end = v + strlen(v);
		while (end > v && isspace((unsigned char)end[-1]))
			end--;
		v = arena_strndup(f->r->arena, v, (size_t)(end - v));
	}
	if (v == NULL || *v == '\0') {
		if (required)
			form_error(f, field, "%s is required.", label);
		return NULL;
	}
	kv_set(f->r->arena, &f->r->params, field, v);	/* shown back trimmed */
	if (!utf8_valid(v)) {
		form_error(f, field, "%s must be valid text.", label);
		return NULL;
	}
	if (chars(v) > maxlen) {
		form_error(f, field, "%s must be at most %zu characters.", label, maxlen);
		return NULL;
	}
	return v;
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
		v = kv_get(&f->r->params, fields[i]);
		if (v != NULL && utf8_valid(v))
			tmpl_set(t, upper_key(key, sizeof(key), fields[i], ""), v);
	}
	/* Every field's error, kept or not (passwords are never sent back). */
	for (i = 0; i < f->errors.n; i++)
		tmpl_set(tmpl_section(t, upper_key(key, sizeof(key),
		    f->errors.v[i].key, "_ERROR")), "MESSAGE", f->errors.v[i].val);
}

int
form_reply_json(struct form *f, int status)
{
	struct json_object *o, *e, *fields;
	int i;

	o = json_object_new_object();
	e = json_object_new_object();
	fields = json_object_new_object();
	json_object_object_add(e, "code", json_object_new_string("invalid_field"));
	json_object_object_add(e, "message", json_object_new_string(
	    f->errors.n ? arena_printf(f->r->arena, "%s: %s", f->errors.v[0].key,
	    f->errors.v[0].val) : "invalid input"));
	for (i = 0; i < f->errors.n; i++)
		json_object_object_add(fields, f->errors.v[i].key,
		    json_object_new_string(f->errors.v[i].val));
	json_object_object_add(e, "fields", fields);
	json_object_object_add(o, "error", e);
	reply_json(f->r, status, o);
	return ERR;
}
