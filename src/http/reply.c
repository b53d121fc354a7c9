/* http/reply.c: status, headers and bodies: HTML pages in the layout, JSON, errors */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "core/log.h"
#include "http/request.h"
#include "http/tmpl.h"

const char *
status_text(int status)
{
	switch (status) {
	case 200: return N_("OK");
	case 201: return N_("Created");
	case 204: return N_("No Content");
	case 301: return N_("Moved Permanently");
	case 302: return N_("Found");
	case 303: return N_("See Other");
	case 304: return N_("Not Modified");
	case 400: return N_("Bad Request");
	case 401: return N_("Unauthorized");
	case 403: return N_("Forbidden");
	case 404: return N_("Not Found");
	case 405: return N_("Method Not Allowed");
	case 409: return N_("Conflict");
	case 411: return N_("Length Required");
	case 413: return N_("Content Too Large");
	case 415: return N_("Unsupported Media Type");
	case 422: return N_("Unprocessable Content");
	case 429: return N_("Too Many Requests");
	case 500: return N_("Internal Server Error");
	case 503: return N_("Service Unavailable");
	default:  return N_("Unknown");
	}
}

void
reply_header(struct req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_puts(&r->headers, arena_vprintf(r->arena, fmt, ap));
	va_end(ap);
	buf_puts(&r->headers, "\r\n");
}

void
reply_cookie(struct req *r, const char *name, const char *value, long long max_age)
{
	if (max_age >= 0)
		reply_header(r, "Set-Cookie: %s=%s; Path=/; Max-Age=%lld; Secure; HttpOnly;"
		    " SameSite=Lax", name, value, max_age);
	else
		reply_header(r, "Set-Cookie: %s=%s; Path=/; Secure; HttpOnly; SameSite=Lax",
		    name, value);
}

void
reply_stream_begin(struct req *r, const char *content_type)
{
	char *head;

	r->status = 200;
	r->replied = 1;
	r->streamed = 1;
	head = arena_printf(r->arena, "Status: 200 OK\r\nContent-Type: %s\r\n"
	    "Cache-Control: private, no-store\r\n%s\r\n", content_type,
	    buf_cstr(&r->headers));
	r->emit(r->emit_ctx, head, strlen(head));
}

void
reply_stream(struct req *r, const char *data, size_t len)
{
	if (r->head || len == 0)
		return;
	r->emit(r->emit_ctx, data, len);
	r->streamed_bytes += len;
}

int
reply_json(struct req *r, int status, struct json_object *obj)
{
	const char *s = json_object_to_json_string_ext(obj,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

	r->status = status;
	r->replied = 1;
	r->content_type = "application/json";
	buf_init(&r->out, r->arena);
	buf_puts(&r->out, s);
	buf_puts(&r->out, "\n");
	json_object_put(obj);
	return OK;
}

int
reply_text(struct req *r, int status, const char *text)
{
	r->status = status;
	r->replied = 1;
	r->content_type = "text/plain; charset=utf-8";
	buf_init(&r->out, r->arena);
	buf_puts(&r->out, text);
	return OK;
}

int
reply_body(struct req *r, int status, const char *content_type, const char *data,
    size_t len)
{
	r->status = status;
	r->replied = 1;
	r->content_type = status == 304 ? NULL : content_type;
	buf_init(&r->out, r->arena);
	if (status != 304 && data != NULL)
		buf_add(&r->out, data, len);
	return OK;
}

int
reply_redirect(struct req *r, const char *location)
{
	r->status = 303;
	r->replied = 1;
	reply_header(r, "Location: %s", location);
	buf_init(&r->out, r->arena);
	return OK;
}

/* The footer's language menu: a form that works without scripts, posted
 * (with the CSRF token) when the choice goes into an account. */
static void
page_languages(struct req *r)
{
	struct tmpl *o;
	int i;

	tmpl_set(r->layout, "LANG", lang_code(r->lang));
	tmpl_set(r->layout, "HERE", *r->query ? arena_printf(r->arena, "%s?%s", r->path,
	    r->query) : r->path);
	if (r->user != NULL)
		tmpl_show(r->layout, "LANG_POST");
	else
		tmpl_show(r->layout, "LANG_GET");
	for (i = 0; i < lang_count(); i++) {
		o = tmpl_section(r->layout, "LANGUAGE");
		tmpl_set(o, "CODE", lang_code(i));
		tmpl_set(o, "NAME", lang_name(i));
		if (i == r->lang)
			tmpl_show(o, "SELECTED");
	}
}

struct tmpl *
page_begin(struct req *r, const char *file, const char *title)
{
	struct tmpl *body, *u;
	const char *csrf = r->csrf ? r->csrf : "";

	page_free(r);
	r->layout = tmpl_new();
	tmpl_set(r->layout, "TITLE", title);
	tmpl_set(r->layout, "SITE_NAME", cfg.site_name);
	tmpl_set(r->layout, "TIMEZONE", cfg.timezone);
	tmpl_set(r->layout, "CURRENCY", money_currency());
	tmpl_set(r->layout, "CSRF", csrf);
	page_languages(r);
	if (r->user != NULL) {
		u = tmpl_section(r->layout, "USER");
		tmpl_set(u, "USER_NAME", r->user->name);
		tmpl_set_int(u, "UNREAD", r->user->unread);
		if (r->user->unread > 0)
			tmpl_show(u, "HAS_UNREAD");
		if (r->user->admin)
			tmpl_show(u, "ADMIN");
		else if (r->user->staff)
			tmpl_show(u, "STAFF");
	} else
		tmpl_show(r->layout, "VISITOR");
	body = tmpl_include(r->layout, "BODY", file);
	tmpl_set(body, "CSRF", csrf);
	/* The bounds fields show (maxlength, hints) are the ones checked. */
	tmpl_set_int(body, "EMAIL_MAX", EMAIL_MAX);
	tmpl_set_int(body, "NOTES_MAX", NOTES_MAX);
	tmpl_set_int(body, "NAME_MAX", NAME_MAX_CHARS);
	tmpl_set_int(body, "TITLE_MAX", TITLE_MAX);
	tmpl_set_int(body, "DESCRIPTION_MAX", DESCRIPTION_MAX);
	tmpl_set_int(body, "PAYMENT_ID_MAX", PAYMENT_ID_MAX);
	tmpl_set_int(body, "SEATS_MAX", SEATS_MAX);
	tmpl_set_int(body, "PASSWORD_MIN", PASSWORD_MIN);
	tmpl_set_int(body, "PASSWORD_MAX", PASSWORD_MAX);
	return body;
}

void
page_free(struct req *r)
{
	if (r->layout != NULL)
		tmpl_free(r->layout);
	r->layout = NULL;
}

int
page_end(struct req *r, int status)
{
	char *html, *err = NULL;
	size_t len;

	html = tmpl_expand("layout.tpl", r->layout, &len, &err);
	page_free(r);
	if (html == NULL) {
		log_msg("template: %s", err);
		free(err);
		return ERR;		/* main answers 500 */
	}
	r->status = status;
	r->replied = 1;
	r->content_type = "text/html; charset=utf-8";
	buf_init(&r->out, r->arena);
	buf_add(&r->out, html, len);
	free(html);
	return OK;
}

int
reply_result_status(int rc)
{
	switch (rc) {
	case OK:		return 200;
	case NOT_FOUND:
	case SLOT_MISSING:	return 404;
	case INVALID:		return 400;
	case KEY_REUSED:	return 422;
	case TOO_MANY_ATTEMPTS:	return 429;
	case ERR:		return 500;
	default:		return rc > OK && rc < RESULT_MAX ? 409 : 500;
	}
}

int
reply_result(struct req *r, int rc)
{
	return reply_error(r, reply_result_status(rc), result_code(rc), "%s",
	    result_message(rc));
}

/* An error page, or JSON under /api/; next (may be NULL) is a link the
 * page offers besides the home page. */
static int
error_reply(struct req *r, int status, const char *code, const char *msg,
    const char *next_href, const char *next_text)
{
	struct json_object *obj, *err;
	struct tmpl *t;

	page_free(r);
	if (r->api) {
		obj = json_object_new_object();
		err = json_object_new_object();
		json_object_object_add(err, "code", json_object_new_string(code));
		json_object_object_add(err, "message", json_object_new_string(msg));
		json_object_object_add(obj, "error", err);
		reply_json(r, status, obj);
		return ERR;
	}
	t = page_begin(r, "error.tpl", _(status_text(status)));
	tmpl_set_int(t, "STATUS", status);
	tmpl_set(t, "STATUS_TEXT", _(status_text(status)));
	tmpl_set(t, "MESSAGE", msg);
	if (next_href != NULL) {
		struct tmpl *next = tmpl_section(t, "NEXT");

		tmpl_set(next, "HREF", next_href);
		tmpl_set(next, "TEXT", next_text);
	}
	if (page_end(r, status) != OK)
		reply_text(r, status, msg);
	return ERR;
}

/* Always returns ERR, so handlers can "return reply_error(...)". */
int
reply_error(struct req *r, int status, const char *code, const char *fmt, ...)
{
	const char *msg;
	va_list ap;

	/* In the request's language (scripts/po-update extracts fmt). */
	va_start(ap, fmt);
	msg = arena_vprintf(r->arena, _(fmt), ap);
	va_end(ap);
	return error_reply(r, status, code, msg, NULL, NULL);
}

int
reply_busy(struct req *r)
{
	/* Each transaction already waited its turn TXN_TRIES times; a
	 * second is plenty for the rush that outlasted them to pass. */
	reply_header(r, "Retry-After: 1");
	return error_reply(r, 503, "busy", _("The service is too busy to finish this right"
	    " now, and nothing was changed. Please try again in a moment."), NULL, NULL);
}

int
reply_unavailable(struct req *r, int maybe_saved)
{
	/* About how long a restarting database takes; the workers try
	 * again within a second of it answering. */
	reply_header(r, "Retry-After: 5");
	if (!maybe_saved)
		return error_reply(r, 503, "unavailable", _("The service is briefly unavailable"
		    " (its database does not answer). Please try again in a few seconds."),
		    NULL, NULL);
	if (r->api)
		return error_reply(r, 503, "outcome_unknown", _("The database stopped answering"
		    " while the change was being saved, so it may have been saved. Look it up"
		    " (GET /api/v1/bookings) or send it again with the same Idempotency-Key."),
		    NULL, NULL);
	return error_reply(r, 503, "outcome_unknown", _("The database stopped answering while"
	    " your change was being saved, so it may have been saved. Check My bookings"
	    " before trying again."), "/me", _("My bookings"));
}
