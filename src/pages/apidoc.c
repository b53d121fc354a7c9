/* pages/apidoc.c: the API's OpenAPI document (data/openapi.json) as it is,
 * at /api/v1/openapi.json, and as a page at /api/docs */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "core/config.h"
#include "core/lang.h"
#include "core/log.h"
#include "handlers.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

/* The document's text (read each time: it is small, and a new one needs
 * no restart), or NULL with the reason logged. */
static char *
document(struct req *r, size_t *len)
{
	FILE *f = fopen(cfg.openapi, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	if (f == NULL) {
		log_msg("openapi: cannot open %s", cfg.openapi);
		return NULL;
	}
	buf_init(&b, r->arena);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return (char *)buf_cstr(&b);
}

int
api_openapi(struct req *r)
{
	size_t len;
	char *text = document(r, &len);

	if (text == NULL)
		return ERR;
	return reply_body(r, 200, "application/json", text, len);
}

static const char *
str_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static struct json_object *
obj_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/* "Room" for {"$ref": "#/components/schemas/Room"}, "array of Room" for
 * an array of them, else the type. */
static const char *
schema_name(struct req *r, struct json_object *s)
{
	const char *ref = str_of(s, "$ref"), *type = str_of(s, "type");

	if (ref != NULL)
		return strrchr(ref, '/') ? strrchr(ref, '/') + 1 : ref;
	if (type != NULL && strcmp(type, "array") == 0)
		return arena_printf(r->arena, _("array of %s"), schema_name(r, obj_of(s, "items")));
	return type ? type : "object";
}

/* The schema of a request body or a response: its application/json one. */
static struct json_object *
json_schema(struct json_object *holder)
{
	return obj_of(obj_of(obj_of(holder, "content"), "application/json"), "schema");
}

/* "GET-api-v1-rooms-id-" for GET /api/v1/rooms/{id}: an id that needs no
 * escaping in a link. */
static const char *
anchor(struct req *r, const char *method, const char *path)
{
	char *a = arena_printf(r->arena, "%s%s", method, path), *p;

	for (p = a; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.')
			*p = '-';
	return a;
}

static void
operation(struct req *r, struct tmpl *t, const char *path, const char *method,
    struct json_object *op)
{
	struct tmpl *o = tmpl_section(t, "OP"), *s;
	struct json_object *params = obj_of(op, "parameters"), *body, *sec;
	size_t i;

	tmpl_set(o, "METHOD", method);
	tmpl_set(o, "PATH", path);
	tmpl_set(o, "ANCHOR", anchor(r, method, path));
	tmpl_set(o, "SUMMARY", str_of(op, "summary") ? str_of(op, "summary") : "");
	if (str_of(op, "description") != NULL)
		tmpl_set(tmpl_section(o, "DESCRIPTION"), "TEXT", str_of(op, "description"));
	sec = obj_of(op, "security");
	tmpl_set(o, "AUTH", sec != NULL && json_object_array_length(sec) == 0 ? "none" :
	    str_of(op, "x-access") ? str_of(op, "x-access") : "user");
	for (i = 0; params != NULL && i < json_object_array_length(params); i++) {
		struct json_object *p = json_object_array_get_idx(params, i);

		s = tmpl_section(o, "PARAM");
		tmpl_set(s, "NAME", str_of(p, "name"));
		tmpl_set(s, "IN", str_of(p, "in"));
		tmpl_set(s, "TYPE", schema_name(r, obj_of(p, "schema")));
		tmpl_set(s, "TEXT", str_of(p, "description") ? str_of(p, "description") : "");
		if (json_object_get_boolean(obj_of(p, "required")))
			tmpl_show(s, "REQUIRED");
	}
	if ((body = obj_of(op, "requestBody")) != NULL)
		tmpl_set(tmpl_section(o, "BODY"), "SCHEMA", schema_name(r, json_schema(body)));
	if (!json_object_is_type(obj_of(op, "responses"), json_type_object))
		return;
	json_object_object_foreach(obj_of(op, "responses"), code, resp) {
		s = tmpl_section(o, "RESPONSE");
		tmpl_set(s, "CODE", code);
		tmpl_set(s, "TEXT", str_of(resp, "description"));
		if (json_schema(resp) != NULL)
			tmpl_set(tmpl_section(s, "SCHEMA"), "NAME", schema_name(r, json_schema(resp)));
	}
}

static void
schema(struct req *r, struct tmpl *t, const char *name, struct json_object *s)
{
	struct tmpl *o = tmpl_section(t, "SCHEMA"), *p;
	struct json_object *req = obj_of(s, "required");
	size_t i;

	tmpl_set(o, "NAME", name);
	if (str_of(s, "description") != NULL)
		tmpl_set(tmpl_section(o, "DESCRIPTION"), "TEXT", str_of(s, "description"));
	if (!json_object_is_type(obj_of(s, "properties"), json_type_object))
		return;
	json_object_object_foreach(obj_of(s, "properties"), key, prop) {
		p = tmpl_section(o, "PROP");
		tmpl_set(p, "NAME", key);
		tmpl_set(p, "TYPE", schema_name(r, prop));
		tmpl_set(p, "TEXT", str_of(prop, "description") ? str_of(prop, "description") : "");
		for (i = 0; req != NULL && i < json_object_array_length(req); i++)
			if (strcmp(json_object_get_string(json_object_array_get_idx(req, i)),
			    key) == 0)
				tmpl_show(p, "REQUIRED");
	}
}

int
api_docs(struct req *r)
{
	static const char *const methods[][2] = {
		{ "get", "GET" }, { "post", "POST" }, { "put", "PUT" },
		{ "patch", "PATCH" }, { "delete", "DELETE" },
	};
	struct json_object *doc, *info, *op, *paths, *schemas;
	struct tmpl *t;
	size_t len;
	char *text = document(r, &len);
	size_t i;

	if (text == NULL || (doc = json_tokener_parse(text)) == NULL)
		return ERR;
	paths = obj_of(doc, "paths");
	schemas = obj_of(obj_of(doc, "components"), "schemas");
	if (!json_object_is_type(paths, json_type_object) ||
	    !json_object_is_type(schemas, json_type_object)) {
		json_object_put(doc);
		return ERR;
	}
	info = obj_of(doc, "info");
	t = page_begin(r, "apidoc.tpl", _("API"));
	tmpl_set(t, "API_TITLE", str_of(info, "title"));
	tmpl_set(t, "VERSION", str_of(info, "version"));
	tmpl_set(t, "INTRO", str_of(info, "description") ? str_of(info, "description") : "");
	json_object_object_foreach(paths, path, item) {
		for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
			if ((op = obj_of(item, methods[i][0])) != NULL)
				operation(r, t, path, methods[i][1], op);
	}
	json_object_object_foreach(schemas, name, s) {
		schema(r, t, name, s);
	}
	json_object_put(doc);
	return page_end(r, 200);
}
