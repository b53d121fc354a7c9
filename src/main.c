/* main.c: FastCGI accept loop, worker start-up and shutdown */
#include <errno.h>
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
#include "db/db.h"
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

static void
send_reply(struct req *r, FCGX_Stream *out)
{
	FCGX_FPrintF(out, "Status: %d %s\r\n", r->status, status_text(r->status));
	if (r->content_type != NULL)
		FCGX_FPrintF(out, "Content-Type: %s\r\n", r->content_type);
	FCGX_FPrintF(out, "Content-Length: %zu\r\n", r->out.len);
	if (strstr(buf_cstr(&r->headers), "Cache-Control:") == NULL)
		FCGX_PutS("Cache-Control: private, no-cache\r\n", out);
	FCGX_PutStr(buf_cstr(&r->headers), (int)r->headers.len, out);
	FCGX_PutS("\r\n", out);
	if (!r->head && r->out.len > 0)
		FCGX_PutStr(r->out.data, (int)r->out.len, out);
}

static void
emit_fcgx(void *ctx, const char *data, size_t len)
{
	FCGX_PutStr(data, (int)len, ctx);
}

static void
log_request(struct req *r, double ms)
{
	const char *addr = req_env(r, "REMOTE_ADDR");
	char when[32];
	struct tm tm;
	time_t now = time(NULL);

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* The path only: query strings and bodies may hold secrets. */
	fprintf(stderr, "%s %s \"%s %s\" %d %zu %.1fms\n", when,
	    addr ? addr : "-", r->method, r->path, r->status,
	    r->streamed ? r->streamed_bytes : r->out.len, ms);
}

static void
handle(FCGX_Request *fr, struct arena *a, struct db *db)
{
	struct timespec t0;
	struct req r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
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
	if (!r.replied) {
		/* The handler failed without replying: the log says why. */
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

/*
 * libfcgi's own SIGTERM handler only sets a flag that threads blocked in
 * accept() never see, so signals are taken here instead: stop accepting,
 * let the requests in flight finish (for a few seconds at most), and exit.
 * Threads still waiting in accept() hold nothing and end with the process.
 */
static void
wait_for_signal(const sigset_t *set)
{
	struct timespec deadline;
	int sig = 0;

	while (sigwait(set, &sig) != 0)
		;
	stopping = 1;
	FCGX_ShutdownPending();
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 10;
	pthread_mutex_lock(&busy_lock);
	while (busy > 0)
		if (pthread_cond_timedwait(&idle_cond, &busy_lock, &deadline) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&busy_lock);
	fprintf(stderr, "booking-fcgi[%d]: signal %d, stopped\n", (int)getpid(), sig);
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
	if (argc > 1) {
		printf("configuration and templates are fine\n");
		return 0;
	}
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
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	threads = xcalloc((size_t)cfg.threads, sizeof(*threads));
	for (i = 0; i < cfg.threads; i++)
		if (pthread_create(&threads[i], NULL, serve, NULL) != 0) {
			fprintf(stderr, "booking-fcgi: cannot start thread %d\n", i);
			return 1;
		}
	fprintf(stderr, "booking-fcgi[%d]: serving with %d threads\n",
	    (int)getpid(), cfg.threads);
	wait_for_signal(&set);
	return 0;
}
