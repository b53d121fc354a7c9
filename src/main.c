/* main.c: FastCGI accept loop, worker start-up and shutdown */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#ifdef BOOKING_COVERAGE
#include <gcov.h>
#endif

#include "core/arena.h"
#include "core/config.h"
#include "core/lang.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/mfa.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "router.h"
#include "site.h"

static pthread_mutex_t	 busy_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 idle_cond = PTHREAD_COND_INITIALIZER;
static int		 busy;		/* requests being served */
static volatile int	 stopping;

/*
 * A coverage build writes its counters each time the worker falls idle, not
 * only at exit: a worker that is killed (the supervision tests kill one)
 * would otherwise take everything it counted with it. Called with busy_lock
 * held, so no request is counted while the counters are reset.
 */
static void
coverage_flush(void)
{
#ifdef BOOKING_COVERAGE
	__gcov_dump();
	__gcov_reset();
#endif
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Reads the body unless it is over the limit; replies itself on bad input. */
static int
read_body(struct req *r, FCGX_Stream *in)
{
	const char *cl = req_env(r, "CONTENT_LENGTH");
	char *end, *body;
	long long len;
	int got;

	if (cl == NULL || *cl == '\0')
		return OK;
	len = strtoll(cl, &end, 10);
	if (*end != '\0' || len < 0)
		return reply_error(r, 400, "bad_request", "Content-Length is not a number.");
	if (len > cfg.max_body)
		return reply_error(r, 413, "too_large",
		    "The request body is larger than %d bytes.", cfg.max_body);
	if (len == 0)
		return OK;
	body = arena_alloc(r->arena, (size_t)len + 1);
	got = FCGX_GetStr(body, (int)len, in);
	if (got != len)
		return reply_error(r, 400, "bad_request", "The request body ended early.");
	body[len] = '\0';
	r->body = body;
	r->body_len = (size_t)len;
	return OK;
}

/*
 * The head is formatted here, not by FCGX_FPrintF: that knows no %zu and
 * silently stops at it, which once cost every reply the headers after
 * Content-Length.
 */
static void
send_reply(struct req *r, FCGX_Stream *out)
{
	struct buf head;

	buf_init(&head, r->arena);
	buf_printf(&head, "Status: %d %s\r\n", r->status, status_text(r->status));
	if (r->content_type != NULL)
		buf_printf(&head, "Content-Type: %s\r\n", r->content_type);
	buf_printf(&head, "Content-Length: %zu\r\n", r->out.len);
	/* Words, dates and prices are in the language the request chose. */
	buf_printf(&head, "Content-Language: %s\r\nVary: Accept-Language, Cookie\r\n",
	    lang_code(r->lang));
	if (strstr(buf_cstr(&r->headers), "Cache-Control:") == NULL)
		buf_puts(&head, "Cache-Control: private, no-cache\r\n");
	buf_add(&head, r->headers.data, r->headers.len);
	buf_puts(&head, "\r\n");
	FCGX_PutStr(head.data, (int)head.len, out);
	if (!r->head && r->out.len > 0)
		FCGX_PutStr(r->out.data, (int)r->out.len, out);
}

static void
emit_fcgx(void *ctx, const char *data, size_t len)
{
	FCGX_PutStr(data, (int)len, ctx);
}

/* A quote in a path would end the log's quoted request early: %22. */
static const char *
unquoted(struct arena *a, const char *s)
{
	struct buf b;

	if (strchr(s, '"') == NULL)
		return s;
	buf_init(&b, a);
	for (; *s; s++)
		if (*s == '"')
			buf_puts(&b, "%22");
		else
			buf_add(&b, s, 1);
	return buf_cstr(&b);
}

/*
 * Paths whose last part is a secret: a feed, an unsubscribe, a sign-up
 * confirmation or a password reset token. The log keeps the prefix only.
 * nginx's access log drops the same parts (nginx/booking.conf.in).
 */
static const char *const secret_paths[] = {
	"/calendar/", "/unsubscribe/", "/register/confirm/", "/password/reset/",
};

static const char *
loggable(struct arena *a, const char *path)
{
	size_t i, n;

	for (i = 0; i < sizeof(secret_paths) / sizeof(secret_paths[0]); i++) {
		n = strlen(secret_paths[i]);
		if (strncmp(path, secret_paths[i], n) == 0 && path[n] != '\0')
			return arena_printf(a, "%s[secret]", secret_paths[i]);
	}
	return unquoted(a, path);
}

/*
 * One line per request: time, address, the acting user's id (- for
 * nobody), method and decoded path, status, bytes, time taken. The path
 * only, and without its secret part: query strings and bodies may hold
 * secrets. log_msg escapes the
 * control characters a path may decode to (%0a), so no request can write
 * a line of its own.
 */
static void
log_request(struct req *r, double ms)
{
	const char *addr = req_env(r, "REMOTE_ADDR");
	char when[32], uid[24] = "-";
	struct tm tm;
	time_t now = time(NULL);

	gmtime_r(&now, &tm);
	if (strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		when[0] = '\0';
	if (r->user != NULL)
		snprintf(uid, sizeof(uid), "%lld", r->user->id);
	log_msg("%s %s %s \"%s %s\" %d %zu %.1fms", when, addr ? addr : "-", uid,
	    unquoted(r->arena, r->method), loggable(r->arena, r->path), r->status,
	    r->streamed ? r->streamed_bytes : r->out.len, ms);
}

static void
handle(FCGX_Request *fr, struct arena *a, struct db *db)
{
	struct timespec t0;
	struct req r;
	int failed;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	db_clear_error(db);
	req_init(&r, a, db, fr->envp);
	r.emit = emit_fcgx;
	r.emit_ctx = fr->out;
	if (read_body(&r, fr->in) == OK)
		router_dispatch(&r);
	if (r.streamed) {
		/* Headers and body are out; a failure midway can only be logged. */
		page_free(&r);
		log_request(&r, ms_since(&t0));
		return;
	}
	failed = !r.replied || r.status == 500;
	if (failed && db_unavailable(db)) {
		/* Not a fault of ours, nor for long: 503, try again soon. */
		reply_unavailable(&r, db_commit_unknown(db));
	} else if (failed && db_busy(db)) {
		/* Up, but a lock wait or deadlock outlasted every try. */
		reply_busy(&r);
	} else if (!r.replied) {
		/* The handler failed without replying: the log says why, but
		 * db.c keeps quiet about the errors a caller may expect (a
		 * duplicate key, a deadlock, a lock wait, a CHECK that refused
		 * a row), so the number of the
		 * last one is logged here, before the request's own line (never
		 * its text, which may quote a value, nor the path, which may
		 * hold a token). */
		log_msg("internal error: the last database error was %d", db_errno(db));
		reply_error(&r, 500, "internal_error",
		    "Something went wrong on our side. Please try again.");
	}
	page_free(&r);
	send_reply(&r, fr->out);
	log_request(&r, ms_since(&t0));
}

static void *
serve(void *arg)
{
	FCGX_Request fr;
	struct arena a;
	struct db *db;

	(void)arg;
	arena_init(&a);
	db = db_open();
	FCGX_InitRequest(&fr, 0, 0);
	while (!stopping) {
		if (FCGX_Accept_r(&fr) < 0)
			break;
		pthread_mutex_lock(&busy_lock);
		busy++;
		pthread_mutex_unlock(&busy_lock);

		handle(&fr, &a, db);
		FCGX_Finish_r(&fr);
		arena_reset(&a);

		pthread_mutex_lock(&busy_lock);
		if (--busy == 0) {
			coverage_flush();
			pthread_cond_signal(&idle_cond);
		}
		pthread_mutex_unlock(&busy_lock);
	}
	return NULL;
}

/* Opens the log_file setting in place of standard error (at start and
 * when the log has been rotated). */
static void
open_log(void)
{
	if (*cfg.log_file && log_reopen(cfg.log_file) != 0)
		log_msg("booking-fcgi[%d]: cannot open the log %s: %s", (int)getpid(),
		    cfg.log_file, strerror(errno));
}

/*
 * libfcgi's own SIGTERM handler only sets a flag that threads blocked in
 * accept() never see, so signals are taken here instead: stop accepting,
 * let the requests in flight finish (for a few seconds at most), and exit.
 * Threads still waiting in accept() hold nothing and end with the process.
 * SIGHUP, SIGUSR1 and SIGUSR2 (which multiwatch passes on) reopen the log
 * after it was rotated.
 */
static void
wait_for_signal(const sigset_t *set)
{
	struct timespec deadline;
	int sig = 0;

	for (;;) {
		while (sigwait(set, &sig) != 0)
			;
		if (sig != SIGHUP && sig != SIGUSR1 && sig != SIGUSR2)
			break;
		open_log();
		log_msg("booking-fcgi[%d]: signal %d, log reopened", (int)getpid(), sig);
	}
	stopping = 1;
	FCGX_ShutdownPending();
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	pthread_mutex_lock(&busy_lock);
	while (busy > 0)
		if (pthread_cond_timedwait(&idle_cond, &busy_lock, &deadline) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&busy_lock);
	log_msg("booking-fcgi[%d]: signal %d, stopped", (int)getpid(), sig);
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: booking-fcgi [--check]\n"
	    "Serves booking's pages and API over FastCGI on standard input, as\n"
	    "started by spawn-fcgi. Settings come from the file named by\n"
	    "BOOKING_CONFIG and BOOKING_* variables. --check loads the settings\n"
	    "and templates, then exits.\n");
}

int
main(int argc, char **argv)
{
	pthread_t *threads;
	sigset_t set;
	int i;

	if (argc > 1 && strcmp(argv[1], "--check") != 0) {
		usage();
		return 2;
	}
	if (site_init() != OK)
		return 1;
	if (!mfa_key_set()) {
		fprintf(stderr, "config: totp_key: not set; the workers store two-factor"
		    " secrets encrypted with it: add 64 hex digits (openssl rand -hex 32)"
		    " to the configuration, never to the repository\n");
		return 1;
	}
	if (argc > 1) {
		printf("configuration and templates are fine\n");
		return 0;
	}
	/*
	 * Each password check takes argon2_memory_kib (19 MiB) from malloc.
	 * glibc's threshold for serving a block with its own mmap rises to the
	 * largest block freed, so after the first check these came from the
	 * threads' heaps and stayed there: 89 MB a worker after 200 logins. A
	 * fixed threshold keeps every block this large in its own mapping,
	 * given back to the system when freed.
	 */
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	open_log();
	if (FCGX_Init() != 0 || FCGX_IsCGI()) {
		fprintf(stderr, "booking-fcgi: standard input is not a FastCGI socket\n");
		usage();
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	threads = xcalloc((size_t)cfg.threads, sizeof(*threads));
	for (i = 0; i < cfg.threads; i++)
		if (pthread_create(&threads[i], NULL, serve, NULL) != 0) {
			log_msg("booking-fcgi: cannot start thread %d", i);
			return 1;
		}
	log_msg("booking-fcgi[%d]: serving with %d threads", (int)getpid(), cfg.threads);
	wait_for_signal(&set);
	return 0;
}
