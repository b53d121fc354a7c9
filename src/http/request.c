/* http/request.c: one request: params, form, cookies, JSON body, limits */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>
#include <json-c/json.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "http/request.h"

void
req_init(struct req *r, struct arena *a, struct db *db, char **env)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->db = db;
	r->env = env;
	r->method = req_env(r, "REQUEST_METHOD");
	r->path = req_env(r, "DOCUMENT_URI");
	r->query = req_env(r, "QUERY_STRING");
	if (r->method == NULL)
		r->method = "GET";
	if (r->path == NULL || *r->path == '\0')
		r->path = "/";
	if (r->query == NULL)
		r->query = "";
	r->api = strncmp(r->path, "/api/", 5) == 0;
	r->head = strcmp(r->method, "HEAD") == 0;
	buf_init(&r->headers, a);
	buf_init(&r->out, a);
	req_language(r);
}

/* The language of the reply: the one the menu chose (its cookie), else the
 * account's, else the best of Accept-Language, else the site's default. */
void
req_language(struct req *r)
{
	int lang = lang_find(req_cookie(r, LANG_COOKIE));

	r->lang_chosen = lang >= 0;
	if (lang < 0 && r->user != NULL)
		lang = lang_find(r->user->language);
	if (lang < 0)
		lang = lang_accept(req_env(r, "HTTP_ACCEPT_LANGUAGE"));
	r->lang = lang >= 0 ? lang : lang_default();
	lang_use(r->lang);
}

const char *
req_env(struct req *r, const char *name)
{
	return r->env ? FCGX_GetParam(name, r->env) : NULL;
}

/* The value of one cookie from the Cookie header, or NULL. */
const char *
req_cookie(struct req *r, const char *name)
{
	const char *h = req_env(r, "HTTP_COOKIE"), *p, *end;
	size_t n = strlen(name);

	for (p = h; p != NULL && *p; p = end) {
		while (*p == ' ' || *p == ';')
			p++;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) > n && strncmp(p, name, n) == 0 && p[n] == '=')
			return arena_strndup(r->arena, p + n + 1, (size_t)(end - p - n - 1));
	}
	return NULL;
}

void
kv_add(struct arena *a, struct kvlist *l, const char *key, const char *val)
{
	if (l->n == l->cap) {
		struct kv *v;

		l->cap = l->cap ? l->cap * 2 : 16;
		v = arena_alloc(a, (size_t)l->cap * sizeof(*v));
		if (l->n)
			memcpy(v, l->v, (size_t)l->n * sizeof(*v));
		l->v = v;
	}
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->n++;
}

/* Replaces the value kv_get() would find, or adds one. */
void
kv_set(struct arena *a, struct kvlist *l, const char *key, const char *val)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0) {
			l->v[i].val = val;
			return;
		}
	kv_add(a, l, key, val);
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *
url_decode(struct arena *a, const char *s, size_t len, int plus)
{
	char *out = arena_alloc(a, len + 1), *p = out;
	size_t i;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (i + 2 >= len)
				return NULL;
			if ((hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0)
				return NULL;
			*p = (char)(hi * 16 + lo);
			if (*p == '\0')
				return NULL;
			p++;
			i += 2;
		} else if (s[i] == '+' && plus)
			*p++ = ' ';
		else
			*p++ = s[i];
	}
	*p = '\0';
	return out;
}

char *
url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, 3 * strlen(s) + 1), *p = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
			*p++ = (char)c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

int
local_path(const char *s)
{
	const char *p;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return 1;
}

int
utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int cp;
	int n, i;

	while (*p) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			n = 1;
			cp = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			n = 2;
			cp = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			n = 3;
			cp = *p & 0x07;
		} else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += n + 1;
	}
	return 1;
}

const char *
text_problem(const char *s, int lines)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int cp;
	int n;

	if (!utf8_valid(s))
		return _("must be valid UTF-8 text");
	while (*p) {
		if (*p < 0x80) {
			if ((*p < 0x20 && !(lines && (*p == '\t' || *p == '\n' ||
			    *p == '\r'))) || *p == 0x7f)
				return _("must not contain control characters");
			p++;
			continue;
		}
		/* valid UTF-8: the lead byte says how many follow */
		n = *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 : 1;
		cp = *p & (0x3f >> n);
		while (n-- > 0)
			cp = (cp << 6) | (*++p & 0x3f);
		p++;
		if (cp <= 0x9f || (!lines && (cp == 0x2028 || cp == 0x2029)))
			return _("must not contain control characters");
		if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			return _("must not contain direction override characters");
	}
	return NULL;
}

/* Parses "a=1&b=2" into l. A malformed pair makes the whole input bad. */
int
req_parse_form(struct req *r, struct kvlist *l, const char *s)
{
	const char *amp, *eq, *end;
	char *key, *val;

	while (*s) {
		amp = strchr(s, '&');
		end = amp ? amp : s + strlen(s);
		if (end > s) {
			eq = memchr(s, '=', (size_t)(end - s));
			key = url_decode(r->arena, s, (size_t)((eq ? eq : end) - s), 1);
			val = eq ? url_decode(r->arena, eq + 1, (size_t)(end - eq - 1), 1)
			    : arena_strdup(r->arena, "");
			if (key == NULL || val == NULL)
				return ERR;
			kv_add(r->arena, l, key, val);
		}
		s = amp ? amp + 1 : end;
	}
	return OK;
}

/* True when v holds a string with a NUL in it: json-c keeps its length,
 * but every C string made of it would end there. */
static int
json_has_nul(struct json_object *v)
{
	size_t i;

	switch (json_object_get_type(v)) {
	case json_type_string:
		return strlen(json_object_get_string(v)) !=
		    (size_t)json_object_get_string_len(v);
	case json_type_array:
		for (i = 0; i < json_object_array_length(v); i++)
			if (json_has_nul(json_object_array_get_idx(v, i)))
				return 1;
		return 0;
	case json_type_object: {
		json_object_object_foreach(v, key, val) {
			(void)key;
			if (json_has_nul(val))
				return 1;
		}
		return 0;
	}
	default:
		return 0;
	}
}

/* True when the text of a JSON document escapes a NUL (\u0000) anywhere,
 * member names included, which json-c cuts without a word. */
static int
json_escapes_nul(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++)
		if (s[i] == '\\') {
			if (s[i + 1] == 'u' && len - i >= 6 && memcmp(s + i + 2, "0000", 4) == 0)
				return 1;
			i++;		/* the escaped character */
		}
	return 0;
}

/* A JSON object body becomes parameters like a form: scalar members by
 * name, as text; null members are left out. Replies 400 itself. */
static int
parse_json_body(struct req *r)
{
	struct json_tokener *tok;
	struct json_object *obj;
	const char *v;

	tok = json_tokener_new();
	obj = json_tokener_parse_ex(tok, r->body, (int)r->body_len);
	if (obj == NULL || json_tokener_get_error(tok) != json_tokener_success ||
	    tok->char_offset != (int)r->body_len ||
	    !json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		json_tokener_free(tok);
		return reply_error(r, 400, "bad_json",
		    "The request body is not a valid JSON object.");
	}
	json_tokener_free(tok);
	json_object_object_foreach(obj, key, val) {
		if (json_has_nul(val)) {
			reply_error(r, 400, "invalid_field",
			    "%s: must not contain a NUL character.", key);
			json_object_put(obj);
			return ERR;
		}
		switch (json_object_get_type(val)) {
		case json_type_null:
			continue;
		case json_type_array:
		case json_type_object:
			v = json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN);
			break;
		default:
			v = json_object_get_string(val);
		}
		kv_add(r->arena, &r->params, arena_strdup(r->arena, key),
		    arena_strdup(r->arena, v));
	}
	json_object_put(obj);
	if (json_escapes_nul(r->body, r->body_len))
		return reply_error(r, 400, "bad_json",
		    "A member name in the request body contains a NUL character.");
	return OK;
}

/* Adds the query string and the body to the parameters; replies 400 on
 * malformed input. Path captures were added first by the router. */
int
req_parse_body(struct req *r)
{
	const char *ct = req_env(r, "CONTENT_TYPE");

	if (req_parse_form(r, &r->params, r->query) != OK)
		return reply_error(r, 400, "bad_request", "The query string is malformed.");
	if (r->body_len == 0)
		return OK;
	if (memchr(r->body, '\0', r->body_len) != NULL)
		return reply_error(r, 400, "bad_request", "The request body contains a NUL byte.");
	if (ct != NULL && strncmp(ct, "application/json", 16) == 0)
		return parse_json_body(r);
	if (ct == NULL || strncmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
		if (req_parse_form(r, &r->params, r->body) != OK)
			return reply_error(r, 400, "bad_request", "The form data is malformed.");
		return OK;
	}
	return reply_error(r, 415, "unsupported_media_type",
	    "Send application/x-www-form-urlencoded or application/json.");
}

static const char *
param(struct req *r, const char *name)
{
	const char *v = kv_get(&r->params, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* A text parameter; lines: line breaks and tabs are allowed. */
static int
text_param(struct req *r, const char *name, size_t maxlen, int lines,
    const char *def, const char **out)
{
	const char *v = param(r, name), *why;
	size_t len, chars = 0;
	const char *p;

	if (v == NULL) {
		*out = def;
		return OK;
	}
	if ((why = text_problem(v, lines)) != NULL)
		return reply_error(r, 400, "invalid_field", "%s: %s.", name, why);
	len = strlen(v);
	for (p = v; p < v + len; p++)
		if ((*p & 0xc0) != 0x80)
			chars++;
	if (chars > maxlen)
		return reply_error(r, 400, "invalid_field",
		    "%s: at most %zu characters.", name, maxlen);
	*out = v;
	return OK;
}

int
req_str_opt(struct req *r, const char *name, size_t maxlen, const char *def,
    const char **out)
{
	return text_param(r, name, maxlen, 0, def, out);
}

int
req_lines_opt(struct req *r, const char *name, size_t maxlen, const char *def,
    const char **out)
{
	return text_param(r, name, maxlen, 1, def, out);
}

int
req_str(struct req *r, const char *name, size_t maxlen, const char **out)
{
	if (req_str_opt(r, name, maxlen, NULL, out) != OK)
		return ERR;
	if (*out == NULL)
		return reply_error(r, 400, "missing_field", "%s is required.", name);
	return OK;
}

int
req_int_opt(struct req *r, const char *name, long long min, long long max,
    long long def, long long *out)
{
	const char *v = param(r, name);

	if (v == NULL) {
		*out = def;
		return OK;
	}
	if (int_parse(v, min, max, out) != 0)
		return reply_error(r, 400, "invalid_field",
		    "%s: expected a whole number from %lld to %lld.", name, min, max);
	return OK;
}

int
req_int(struct req *r, const char *name, long long min, long long max,
    long long *out)
{
	if (param(r, name) == NULL)
		return reply_error(r, 400, "missing_field", "%s is required.", name);
	return req_int_opt(r, name, min, max, 0, out);
}

int
req_id(struct req *r, const char *name, long long *out)
{
	return req_int(r, name, 1, ID_MAX, out);
}

int
req_date_opt(struct req *r, const char *name, const char *def, const char **out)
{
	const char *v = param(r, name);
	struct tm tm;

	if (v == NULL) {
		*out = def;
		return OK;
	}
	if (date_parse(v, &tm) != 0)
		return reply_error(r, 400, "invalid_field",
		    "%s: expected a date as YYYY-MM-DD. Dates run from %d to %d.", name,
		    DATE_YEAR_MIN, DATE_YEAR_MAX);
	*out = v;
	return OK;
}

int
req_paging(struct req *r, long long def, long long max, long long *page,
    long long *limit)
{
	if (req_int_opt(r, "page", 1, PAGE_MAX, 1, page) != OK ||
	    req_int_opt(r, "limit", 1, max, def, limit) != OK)
		return ERR;
	return OK;
}

int
req_enum_opt(struct req *r, const char *name, const char *const *words,
    const char **out)
{
	const char *v = param(r, name);
	struct buf b;
	int i;

	*out = NULL;
	if (v == NULL)
		return OK;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0) {
			*out = words[i];
			return OK;
		}
	buf_init(&b, r->arena);
	for (i = 0; words[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", words[i]);
	return reply_error(r, 400, "invalid_field", "%s: expected one of %s.",
	    name, buf_cstr(&b));
}
