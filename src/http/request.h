/* http/request.h: one request: its input (params, form, cookies, body) and its reply */
#ifndef REQUEST_H
#define REQUEST_H

#include <stddef.h>

#include "core/arena.h"
#include "core/result.h"
#include "domain/actor.h"
#include "domain/auth.h"

struct db;
struct tmpl;
struct json_object;

struct kv {
	const char	*key;
	const char	*val;
};

struct kvlist {
	struct kv	*v;
	int		 n;
	int		 cap;
};

struct req {
	struct arena	*arena;
	struct db	*db;
	char		**env;		/* FastCGI parameters, "NAME=value" */

	const char	*method;
	const char	*path;
	const char	*query;
	const char	*body;
	size_t		 body_len;
	int		 api;		/* under /api/: errors as JSON */
	int		 head;		/* HEAD: headers only */
	int		 lang;		/* core/lang.h: the language of the reply */
	int		 lang_chosen;	/* by the language cookie */

	struct kvlist	 params;	/* path captures, then query, then form */

	/* Who is asking (the router fills these before the handler runs). */
	struct user	*user;		/* NULL: anonymous */
	const char	*session;	/* hex SHA-256 of the session cookie */
	const char	*csrf;		/* the token forms must carry */
	int		 bearer;	/* authenticated by an API token */
	long long	 token_id;	/* that token's id */
	struct actor	 actor;		/* the user as the domain sees them */

	/*
	 * The reply. Only the reply_*() functions and page_end() fill these
	 * and set replied; main.c answers 500 for a request that ends without
	 * it, whatever else was set on the way.
	 */
	int		 replied;
	int		 status;
	const char	*content_type;
	struct buf	 headers;	/* extra "Name: value\r\n" lines */
	struct buf	 out;
	struct tmpl	*layout;	/* set by page_begin() */

	/* A streamed reply (a large export) goes out as it is made. */
	void		(*emit)(void *ctx, const char *, size_t);
	void		*emit_ctx;
	int		 streamed;
	size_t		 streamed_bytes;
};

/* Set-up (main.c and the unit tests). */
void		 req_init(struct req *, struct arena *, struct db *, char **env);
const char	*req_env(struct req *, const char *name);
const char	*req_cookie(struct req *, const char *name);
/* Chooses r->lang and makes it the thread's (again once the user is known). */
#define LANG_COOKIE	"lang"
void		 req_language(struct req *);
int		 req_parse_form(struct req *, struct kvlist *, const char *s);
int		 req_parse_body(struct req *);

void		 kv_add(struct arena *, struct kvlist *, const char *, const char *);
void		 kv_set(struct arena *, struct kvlist *, const char *, const char *);
const char	*kv_get(const struct kvlist *, const char *);

/* Percent-decoding; NULL if s is malformed or decodes to a NUL byte. */
char		*url_decode(struct arena *, const char *s, size_t len, int plus);
char		*url_encode(struct arena *, const char *s);
int		 utf8_valid(const char *);
/* Why a client's text is refused, or NULL: not UTF-8, a control character
 * (a line break or tab too, unless lines), or a bidi override (U+202A-E,
 * U+2066-9) that would make it display other than it reads. */
const char	*text_problem(const char *, int lines);
/* True for a path on this site ("/me?x=1"), false for anything that could
 * leave it ("//evil.example", "https://…", "/\\evil"). */
int		 local_path(const char *);

/*
 * Typed parameters. Each looks the name up in the path, query and form, and
 * on bad input replies 400 naming the field and returns ERR, so a handler
 * just returns. The _opt forms take a default when the field is absent or
 * empty.
 */
/* One line of text: no control characters, no direction overrides. */
int	req_str(struct req *, const char *name, size_t maxlen, const char **out);
int	req_str_opt(struct req *, const char *name, size_t maxlen,
	    const char *def, const char **out);
/* Text that may hold line breaks and tabs (notes). */
int	req_lines_opt(struct req *, const char *name, size_t maxlen,
	    const char *def, const char **out);
int	req_int(struct req *, const char *name, long long min, long long max,
	    long long *out);
int	req_int_opt(struct req *, const char *name, long long min, long long max,
	    long long def, long long *out);
int	req_id(struct req *, const char *name, long long *out);
/* A YYYY-MM-DD calendar date, written back normalised. */
int	req_date_opt(struct req *, const char *name, const char *def,
	    const char **out);
/* A list's page (from 1) and limit (1 to max, def when absent). */
int	req_paging(struct req *, long long def, long long max, long long *page,
	    long long *limit);
/* One of a fixed list of words (NULL-terminated). */
int	req_enum_opt(struct req *, const char *name, const char *const *words,
	    const char **out);

/* Replies. */
void	reply_header(struct req *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A cookie for this site only, out of scripts' reach; max_age < 0 makes it
 * last as long as the browser runs. */
void	reply_cookie(struct req *, const char *name, const char *value,
	    long long max_age);
int	reply_error(struct req *, int status, const char *code,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* 503 with Retry-After: the database cannot be reached. maybe_saved: a
 * commit went unanswered, so the reply says where to look before trying
 * again (My bookings; for the API its bookings or the Idempotency-Key).
 * Returns ERR like reply_error(). */
int	reply_unavailable(struct req *, int maybe_saved);
/* 503 with Retry-After: the database is up but too contended to finish
 * the request (db_busy); nothing was written. Returns ERR. */
int	reply_busy(struct req *);
int	reply_json(struct req *, int status, struct json_object *);
int	reply_text(struct req *, int status, const char *text);
/* Any other body; a 304 sends none (and no Content-Type). */
int	reply_body(struct req *, int status, const char *content_type,
	    const char *data, size_t len);
int	reply_redirect(struct req *, const char *location);
/* The HTTP status that answers a result (core/result.h): 404 NOT_FOUND,
 * 400 INVALID, 422 KEY_REUSED, 429 TOO_MANY_ATTEMPTS, 409 for the other
 * refusals, 500 ERR. */
int	reply_result_status(int rc);
/* Replies rc's status, code and message (a page, or JSON under /api/);
 * returns ERR like reply_error(). Not for NOT_FOUND: reply_not_found()
 * names what is missing. */
int	reply_result(struct req *, int rc);
const char *status_text(int);
/* Sends the status and headers now; the body follows in reply_stream()
 * calls instead of being kept in memory. */
void	reply_stream_begin(struct req *, const char *content_type);
void	reply_stream(struct req *, const char *, size_t);

/* An HTML page: the body template's dictionary, inside the layout;
 * page_end() replies it with status (200, or 400 for a form to fix ...).
 * A handler that fails between the two just returns ERR. */
struct tmpl	*page_begin(struct req *, const char *file, const char *title);
int		 page_end(struct req *, int status);
/* Drops a page begun and not ended (main.c, after the handler). */
void		 page_free(struct req *);

#endif
