/* db/db.c: the only file that touches MYSQL*: connect, prepare, bind, txn, retry */
#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <errmsg.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"

#define STMT_CACHE	128	/* prepared statements kept per connection */
#define MAX_PARAMS	32
#define CELL_SIZE	256	/* first fetch buffer per column */
#define TXN_TRIES	8	/* a Galera node may lose a seat's race to each other one's winner */
#define TXN_WAIT_MS	2	/* the first wait before running a transaction again */
#define TXN_WAIT_MAX_MS	64
#define BACKOFF_MIN_MS	50	/* first wait after a failed connect */
#define BACKOFF_MAX_MS	500	/* the longest: how late a worker may notice the database is back */
#define LOG_EVERY_S	10	/* failed connects are logged once per this, with a count */

struct cached_stmt {
	char		*sql;
	uint32_t	 hash;
	MYSQL_STMT	*stmt;
};

struct db {
	MYSQL			*conn;
	const char		*user;		/* the account it logs in as */
	const char		*password;
	int			 in_txn;
	int			 node;		/* cfg.db_nodes' index it is connected to */
	unsigned int		 seed;		/* for the waits between tries */
	unsigned int		 err;
	char			 errmsg[256];
	int			 commit_unknown;	/* a COMMIT went unanswered */
	int			 galera;		/* connected to a Galera node */
	struct cached_stmt	 cache[STMT_CACHE];
	int			 fail_from;	/* db_fail_from() */
	int			 break_at;	/* db_break_session() */
	int			 break_count;
	int			 breaks_left;
	int			 statements;
	int			 lose_commit;	/* db_lose_commit() */
	int			 begins_in_vain;	/* db_begins_in_vain() */
};

/*
 * Reconnecting, for the whole process: after a failed connect no thread
 * tries before retry_at, a wait that doubles with each failure up to
 * BACKOFF_MAX_MS, drawn at random between half and all of it so processes
 * do not try together. Once one thread is through, every thread connects
 * at its next use. Failures are logged once per LOG_EVERY_S, with a count.
 */
static pthread_mutex_t	 outage_lock = PTHREAD_MUTEX_INITIALIZER;
static int		 backoff_ms;		/* 0: no outage */
static long long	 retry_at;		/* CLOCK_MONOTONIC ms */
static long long	 logged_at = -1;	/* ms; -1: nothing logged */
static int		 failures;		/* since the last line */
static unsigned int	 jitter_seed;
static int		 node_at;		/* the db_nodes entry tried first */

/* MariaDB error numbers only this file looks at. */
#define DB_NOT_READY	1047	/* a Galera node not in the cluster's primary part */
#define DB_UNKNOWN_VAR	1193
#define DB_PARSE_ERROR	1064	/* also a trigger's "has an error in its body" */
#define DB_NO_TABLE	1146
#define DB_NO_ROUTINE	1305

int
db_library_init(void)
{
	return mysql_library_init(0, NULL, NULL) == 0 ? OK : ERR;
}

static void
set_error(struct db *db, unsigned int err, const char *msg)
{
	db->err = err;
	snprintf(db->errmsg, sizeof(db->errmsg), "%s", msg);
}

static void
drop_cache(struct db *db)
{
	int i;

	for (i = 0; i < STMT_CACHE; i++) {
		if (db->cache[i].stmt != NULL)
			mysql_stmt_close(db->cache[i].stmt);
		free(db->cache[i].sql);
		db->cache[i].stmt = NULL;
		db->cache[i].sql = NULL;
	}
}

static void
disconnect(struct db *db)
{
	drop_cache(db);
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_txn = 0;
}

static long long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* May this thread try to connect now? Then the next try of the others
 * waits until this one has failed or got through. */
static int
may_connect(void)
{
	long long now = now_ms();
	int ok;

	pthread_mutex_lock(&outage_lock);
	ok = backoff_ms == 0 || now >= retry_at;
	if (ok && backoff_ms > 0)
		retry_at = now + BACKOFF_MAX_MS;
	pthread_mutex_unlock(&outage_lock);
	return ok;
}

/* A database that is down would otherwise cost a try and a log line for
 * every request of every thread (thousands a second). */
static void
connect_failed(const char *why)
{
	long long now = now_ms();
	int wait;

	pthread_mutex_lock(&outage_lock);
	if (jitter_seed == 0)
		jitter_seed = (unsigned int)now ^ (unsigned int)getpid();
	backoff_ms = backoff_ms == 0 ? BACKOFF_MIN_MS :
	    backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff_ms * 2;
	wait = backoff_ms / 2 + rand_r(&jitter_seed) % (backoff_ms / 2 + 1);
	retry_at = now + wait;
	failures++;
	if (logged_at < 0 || now - logged_at >= LOG_EVERY_S * 1000) {
		log_msg("db[%d]: connect failed %d time%s since the last message: %s",
		    (int)getpid(), failures, failures == 1 ? "" : "s", why);
		failures = 0;
		logged_at = now;
	}
	pthread_mutex_unlock(&outage_lock);
}

/* The first connect after failures says the database is back (whichever
 * thread makes it: one that never failed may be first). */
static void
connect_succeeded(void)
{
	pthread_mutex_lock(&outage_lock);
	backoff_ms = 0;
	if (logged_at >= 0) {
		log_msg("db[%d]: connected again (%d more failed connect%s before that)",
		    (int)getpid(), failures, failures == 1 ? "" : "s");
		failures = 0;
		logged_at = -1;
	}
	pthread_mutex_unlock(&outage_lock);
}

/*
 * On a Galera node (wsrep_on), every read of this session first waits
 * until the node has applied what the cluster committed before it
 * (wsrep_sync_wait = 1): the page after a booking's redirect may come from
 * another node than the booking, and must show it. A node not ready (cut
 * off from the cluster's primary part, or still joining) would refuse the
 * statements to come (DB_NOT_READY), so it is refused here and the next
 * node tried: DB_NOT_READY is returned. A server without Galera knows no
 * wsrep_on, or has it off, and is left as it is.
 */
static int
galera_session(MYSQL *conn, int *on)
{
	static const char ask[] = "SELECT @@wsrep_on, (SELECT VARIABLE_VALUE"
	    " FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_READY')";
	static const char sync_wait[] = "SET SESSION wsrep_sync_wait = 1";
	MYSQL_RES *res;
	MYSQL_ROW row;
	int galera, ready;

	*on = 0;
	if (mysql_real_query(conn, ask, sizeof(ask) - 1) != 0)
		return mysql_errno(conn) == DB_UNKNOWN_VAR ? OK : ERR;
	if ((res = mysql_store_result(conn)) == NULL)
		return ERR;
	row = mysql_fetch_row(res);
	galera = row != NULL && row[0] != NULL && strcmp(row[0], "1") == 0;
	ready = row != NULL && row[1] != NULL && strcmp(row[1], "ON") == 0;
	mysql_free_result(res);
	*on = galera;
	if (!galera)
		return OK;
	if (!ready)
		return DB_NOT_READY;
	return mysql_real_query(conn, sync_wait, sizeof(sync_wait) - 1) == 0 ? OK : ERR;
}

static int
connect_to(struct db *db, const char *host, int port, const char *socket)
{
	unsigned int timeout = 5;
	my_bool off = 0;
	int rc = ERR;

	if ((db->conn = mysql_init(NULL)) == NULL) {
		set_error(db, CR_OUT_OF_MEMORY, "mysql_init failed");
		return ERR;
	}
	mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->conn, MYSQL_OPT_RECONNECT, &off);
	mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* READ COMMITTED: a read inside a transaction sees what committed
	 * before it, so seats counted under a timeslot's row lock are the
	 * real ones, whatever the transaction read before taking the lock. */
	mysql_options(db->conn, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', tx_isolation = 'READ-COMMITTED'");
	if (mysql_real_connect(db->conn, *host ? host : NULL, db->user,
	    db->password, cfg.db_name, (unsigned int)port,
	    *socket ? socket : NULL, 0) == NULL ||
	    (rc = galera_session(db->conn, &db->galera)) != OK) {
		if (rc == DB_NOT_READY)
			set_error(db, DB_NOT_READY, "the Galera node is not ready"
			    " (outside the cluster's primary component, or joining)");
		else
			set_error(db, mysql_errno(db->conn) ? mysql_errno(db->conn) :
			    CR_UNKNOWN_ERROR, mysql_error(db->conn));
		mysql_close(db->conn);
		db->conn = NULL;
		return ERR;
	}
	return OK;
}

/*
 * Connects to db_host (or db_socket), or to the first of db_hosts' nodes
 * that answers, starting from the one the process last reached; only when
 * none answers is it an outage.
 */
static int
connect_db(struct db *db)
{
	const struct config_node *n;
	char first[sizeof(db->errmsg)];
	int i, at, before = db->node, count = cfg.db_nnodes;

	if (db->conn != NULL)
		return OK;
	if (!may_connect()) {
		set_error(db, CR_CONNECTION_ERROR,
		    "the database is unavailable (waiting before trying again)");
		return ERR;
	}
	if (count == 0) {
		if (connect_to(db, cfg.db_host, cfg.db_port, cfg.db_socket) != OK) {
			connect_failed(db->errmsg);
			return ERR;
		}
		connect_succeeded();
		return OK;
	}
	pthread_mutex_lock(&outage_lock);
	at = node_at;
	pthread_mutex_unlock(&outage_lock);
	for (i = 0; i < count; i++) {
		db->node = (at + i) % count;
		n = &cfg.db_nodes[db->node];
		if (connect_to(db, n->host, n->port ? n->port : cfg.db_port, "") != OK) {
			if (i == 0)
				memcpy(first, db->errmsg, sizeof(first));
			continue;
		}
		pthread_mutex_lock(&outage_lock);
		/* A move is logged: this connection's node before, or the
		 * one the process last reached, was another. */
		if (node_at != db->node || db->node != before || i > 0)
			log_msg("db[%d]: now using node %s:%d%s%s", (int)getpid(), n->host,
			    n->port ? n->port : cfg.db_port, i > 0 ? "; the one before: " : "",
			    i > 0 ? first : "");
		node_at = db->node;
		pthread_mutex_unlock(&outage_lock);
		connect_succeeded();
		return OK;
	}
	connect_failed(db->errmsg);
	return ERR;
}

/* A connection of no more use: the next connect starts from the node
 * after its own, so the process's other threads do not each try a dead
 * node first. */
static void
connection_lost(struct db *db)
{
	pthread_mutex_lock(&outage_lock);
	if (cfg.db_nnodes > 1 && node_at == db->node)
		node_at = (db->node + 1) % cfg.db_nnodes;
	pthread_mutex_unlock(&outage_lock);
	disconnect(db);
}

struct db *
db_open_as(const char *user, const char *password)
{
	struct db *db = xcalloc(1, sizeof(*db));

	db->user = user;
	db->password = password;
	connect_db(db);		/* a failure here is retried on first use */
	return db;
}

struct db *
db_open(void)
{
	return db_open_as(cfg.db_user, cfg.db_password);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	free(db);
}

int
db_errno(struct db *db)
{
	return (int)db->err;
}

const char *
db_error(struct db *db)
{
	return db->errmsg;
}

static int
conn_lost(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == 4031 /* disconnected for inactivity */ ||
	    err == 1927 /* connection was killed */ ||
	    err == DB_NOT_READY /* of no use until the node rejoins */;
}

int
db_unavailable(struct db *db)
{
	unsigned int e = db->err;

	return conn_lost(e) || e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	    e == CR_SERVER_LOST_EXTENDED ||
	    e == 1040 /* too many connections */ || e == 1053 /* shutting down */;
}

int
db_busy(struct db *db)
{
	return db->err == DB_LOCK_WAIT || db->err == DB_DEADLOCK;
}

int
db_commit_unknown(struct db *db)
{
	return db->commit_unknown;
}

void
db_clear_error(struct db *db)
{
	db->err = 0;
	db->errmsg[0] = '\0';
	db->commit_unknown = 0;
}

static uint32_t
hash_sql(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Returns a prepared statement for sql, from this connection's cache. */
static MYSQL_STMT *
prepare(struct db *db, const char *sql)
{
	uint32_t h = hash_sql(sql);
	struct cached_stmt *slot = NULL;
	MYSQL_STMT *stmt;
	my_bool on = 1;
	int i, n;

	for (n = 0; n < STMT_CACHE; n++) {
		i = (int)((h + (uint32_t)n) % STMT_CACHE);
		if (db->cache[i].sql == NULL) {
			slot = &db->cache[i];
			break;
		}
		if (db->cache[i].hash == h && strcmp(db->cache[i].sql, sql) == 0)
			return db->cache[i].stmt;
	}
	if (slot == NULL) {
		/* Full: start afresh rather than evict one by one. */
		drop_cache(db);
		slot = &db->cache[h % STMT_CACHE];
	}
	if ((stmt = mysql_stmt_init(db->conn)) == NULL) {
		set_error(db, CR_OUT_OF_MEMORY, "mysql_stmt_init failed");
		return NULL;
	}
	if (mysql_stmt_prepare(stmt, sql, strlen(sql)) != 0) {
		set_error(db, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
		mysql_stmt_close(stmt);
		return NULL;
	}
	mysql_stmt_attr_set(stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	slot->sql = xstrdup(sql);
	slot->hash = h;
	slot->stmt = stmt;
	return stmt;
}

struct params {
	int		 n;
	MYSQL_BIND	 bind[MAX_PARAMS];
	long long	 ints[MAX_PARAMS];
	unsigned long	 lens[MAX_PARAMS];
	my_bool		 nulls[MAX_PARAMS];
};

void
db_args_int(struct db_args *g, long long v)
{
	if (g->n < DB_ARGS_MAX) {
		g->types[g->n] = 'l';
		g->ints[g->n] = v;
	}
	g->n++;
}

void
db_args_str(struct db_args *g, const char *v)
{
	if (g->n < DB_ARGS_MAX) {
		g->types[g->n] = 's';
		g->strs[g->n] = v;
	}
	g->n++;
}

/* The va_list of db_query() and its siblings as the parameters of one
 * statement. */
static int
args_from(struct db *db, struct db_args *g, const char *types, va_list ap)
{
	int i;

	g->n = 0;
	for (i = 0; types[i] != '\0'; i++) {
		switch (types[i]) {
		case 'i':
			db_args_int(g, va_arg(ap, int));
			break;
		case 'l':
			db_args_int(g, va_arg(ap, long long));
			break;
		case 's':
			db_args_str(g, va_arg(ap, const char *));
			break;
		default:
			set_error(db, CR_UNKNOWN_ERROR, "bad parameter type");
			return ERR;
		}
	}
	return OK;
}

static int
bind_params(struct db *db, struct params *p, const struct db_args *g)
{
	const char *s;
	int i;

	p->n = g->n;
	if (p->n > MAX_PARAMS || p->n > DB_ARGS_MAX) {
		set_error(db, CR_UNKNOWN_ERROR, "too many parameters");
		return ERR;
	}
	memset(p->bind, 0, sizeof(p->bind[0]) * (size_t)p->n);
	for (i = 0; i < p->n; i++) {
		MYSQL_BIND *b = &p->bind[i];

		switch (g->types[i]) {
		case 'l':
			p->ints[i] = g->ints[i];
			break;
		case 's':
			s = g->strs[i];
			p->nulls[i] = s == NULL;
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = (void *)(s ? s : "");
			p->lens[i] = s ? strlen(s) : 0;
			b->buffer_length = p->lens[i];
			b->length = &p->lens[i];
			b->is_null = &p->nulls[i];
			continue;
		default:
			set_error(db, CR_UNKNOWN_ERROR, "bad parameter type");
			return ERR;
		}
		b->buffer_type = MYSQL_TYPE_LONGLONG;
		b->buffer = &p->ints[i];
	}
	return OK;
}

/*
 * Is the transaction this connection was in gone without an error? On
 * Galera another node's write can abort it (brute force) between two
 * statements; the error should come with the next one, but a statement
 * that answers as if nothing happened would leave the ones after it to
 * run on their own, each saved at once. The server says in every answer
 * whether a transaction is open: when it no longer is, nothing more is
 * sent and the transaction fails as a deadlock, to run again.
 */
static int
txn_gone(struct db *db)
{
	unsigned int status = SERVER_STATUS_IN_TRANS;

	if (!db->in_txn || db->conn == NULL)
		return 0;
	mariadb_get_infov(db->conn, MARIADB_CONNECTION_SERVER_STATUS, &status);
	if (status & SERVER_STATUS_IN_TRANS)
		return 0;
	log_msg("db: the transaction was rolled back under it; running it again");
	set_error(db, DB_DEADLOCK, "the transaction was rolled back under it");
	return 1;
}

/*
 * Errors that statements of ours, run a thousand times before, get only
 * from a server session gone wrong: on a Galera node under conflicting
 * writes, a session was seen to report a trigger with "an error in its
 * body", its procedure or its table missing, for every statement after
 * (the node's other sessions doing well). The connection is closed, so
 * that the statement, or its whole transaction, runs again on a new one;
 * when that fails so too (renewed), the node's copy of a table may be the
 * broken part, and the next node is tried, as after a lost connection. A
 * real mistake in a statement fails every time and is logged.
 */
static int
session_broken(struct db *db, int renewed)
{
	if (db->err != DB_PARSE_ERROR && db->err != DB_NO_TABLE &&
	    db->err != DB_NO_ROUTINE)
		return 0;
	log_msg("db: the session failed (error %u: %.120s); %s", db->err,
	    db->errmsg, renewed ? "trying the next node" : "reconnecting");
	if (renewed)
		connection_lost(db);
	else
		disconnect(db);
	return 1;
}

/* Waits a little longer after each failed try, a random part of the wait
 * so that the racers do not all come back at once; the winners finish
 * meanwhile. */
static void
txn_wait(struct db *db, int attempt)
{
	int ms = TXN_WAIT_MS << attempt;

	if (ms > TXN_WAIT_MAX_MS)
		ms = TXN_WAIT_MAX_MS;
	if (db->seed == 0)
		db->seed = (unsigned int)now_ms() ^ (unsigned int)(uintptr_t)db;
	usleep((useconds_t)(1000 * (ms / 2 + rand_r(&db->seed) % (ms / 2 + 1))));
}

/*
 * Prepares (or reuses) and executes sql. A lost connection outside a
 * transaction is reopened and the statement tried once more: the database
 * may have restarted since the last request (or, with db_hosts, the next
 * node answers); a deadlock outside one is tried again a few times.
 */
static MYSQL_STMT *
run(struct db *db, const char *sql, const struct db_args *g)
{
	struct params p;
	MYSQL_STMT *stmt;
	int attempt, renewed = 0;

	if (db->fail_from > 0 || db->break_at > 0) {
		db->statements++;
		if (db->fail_from > 0 && db->statements >= db->fail_from) {
			set_error(db, CR_SERVER_LOST, "test fault: the statement fails on purpose");
			log_msg("db: test fault in: %.200s", sql);
			return NULL;
		}
		if (db->statements == db->break_at)
			db->breaks_left = db->break_count;
	}
	if (txn_gone(db))
		return NULL;
	for (attempt = 0; attempt < TXN_TRIES; attempt++) {
		db->err = 0;
		if (connect_db(db) != OK)
			return NULL;
		if (bind_params(db, &p, g) != OK)
			return NULL;
		if (db->breaks_left > 0) {
			db->breaks_left--;
			stmt = NULL;
			set_error(db, DB_NO_ROUTINE, "test fault: the session reports"
			    " a procedure missing");
		} else if ((stmt = prepare(db, sql)) != NULL) {
			if (mysql_stmt_param_count(stmt) != (unsigned long)p.n) {
				set_error(db, CR_UNKNOWN_ERROR, "parameter count mismatch");
				log_msg("db: %s: %s", db->errmsg, sql);
				return NULL;
			}
			if ((p.n == 0 || mysql_stmt_bind_param(stmt, p.bind) == 0) &&
			    mysql_stmt_execute(stmt) == 0)
				return stmt;
			set_error(db, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
		}
		if (db->in_txn)
			break;
		if (conn_lost(db->err) && attempt == 0) {
			log_msg("db: connection lost (%s), reconnecting", db->errmsg);
			connection_lost(db);
			continue;
		}
		if (renewed < 2 && session_broken(db, renewed)) {
			renewed++;
			continue;
		}
		/* A read on its own on Galera (and its prepare) first waits for
		 * the node to apply what the cluster committed before it
		 * (wsrep_sync_wait); one that waited in vain (1205 once
		 * repl.causal_read_timeout has passed, as one asked while the
		 * cluster changed its members was seen to) did nothing and is
		 * asked once more. A plain SELECT waits for no row lock, so
		 * nothing else answers it so. */
		if (db->err == DB_LOCK_WAIT && db->galera && attempt == 0 &&
		    (stmt == NULL || mysql_stmt_field_count(stmt) > 0)) {
			log_msg("db: a read waited in vain for the node to catch up;"
			    " asking once more");
			continue;
		}
		/* A statement on its own that deadlocked (on Galera: lost to
		 * another node's write at certification, as two requests of one
		 * token touching it at once do) was undone whole: it runs again. */
		if (db->err != DB_DEADLOCK)
			break;
		txn_wait(db, attempt);
	}
	if (conn_lost(db->err))
		connection_lost(db);
	else if (db->err != DB_DUP_KEY && db->err != DB_DEADLOCK &&
	    db->err != DB_LOCK_WAIT && db->err != DB_CHECK_FAILED)
		log_msg("db: error %u: %s in: %.200s", db->err, db->errmsg, sql);
	return NULL;
}

/* run() for the va_list of db_query() and its siblings. */
static MYSQL_STMT *
run_va(struct db *db, const char *sql, const char *types, va_list ap)
{
	struct db_args g;

	if (args_from(db, &g, types, ap) != OK)
		return NULL;
	return run(db, sql, &g);
}

/* Runs sql with the values after types in the calling function's own
 * arguments: the start of every statement db_query, db_each and db_exec
 * take. */
#define RUN_ARGS(db, sql, types, stmt) do {				\
	va_list ap_;							\
									\
	va_start(ap_, types);						\
	(stmt) = run_va(db, sql, types, ap_);				\
	va_end(ap_);							\
} while (0)

/*
 * Fetches every row of stmt, handing each to fn as strings. Values longer
 * than the first buffer are fetched whole: into the arena when the rows are
 * kept, else into one reused buffer per column, so streaming many rows
 * does not grow memory.
 */
static int
fetch(struct db *db, MYSQL_STMT *stmt, struct arena *a, int keep,
    int (*fn)(void *, int, char **, const char **), void *ctx)
{
	MYSQL_RES *meta;
	MYSQL_FIELD *fields;
	MYSQL_BIND *bind;
	unsigned long *lens;
	my_bool *nulls, *errs;
	char **vals, **bufs, **heap;
	size_t *heapcap;
	const char **names;
	int ncols, i, rc, ret = OK;

	if ((meta = mysql_stmt_result_metadata(stmt)) == NULL)
		return OK;
	ncols = (int)mysql_num_fields(meta);
	fields = mysql_fetch_fields(meta);
	bind = arena_calloc(a, (size_t)ncols, sizeof(*bind));
	lens = arena_calloc(a, (size_t)ncols, sizeof(*lens));
	nulls = arena_calloc(a, (size_t)ncols, sizeof(*nulls));
	errs = arena_calloc(a, (size_t)ncols, sizeof(*errs));
	vals = arena_calloc(a, (size_t)ncols, sizeof(*vals));
	bufs = arena_calloc(a, (size_t)ncols, sizeof(*bufs));
	names = arena_calloc(a, (size_t)ncols, sizeof(*names));
	heap = arena_calloc(a, (size_t)ncols, sizeof(*heap));
	heapcap = arena_calloc(a, (size_t)ncols, sizeof(*heapcap));
	for (i = 0; i < ncols; i++) {
		names[i] = arena_strdup(a, fields[i].name);
		bufs[i] = arena_alloc(a, CELL_SIZE);
		bind[i].buffer_type = MYSQL_TYPE_STRING;
		bind[i].buffer = bufs[i];
		bind[i].buffer_length = CELL_SIZE - 1;
		bind[i].length = &lens[i];
		bind[i].is_null = &nulls[i];
		bind[i].error = &errs[i];
	}
	mysql_free_result(meta);
	if (mysql_stmt_bind_result(stmt, bind) != 0) {
		set_error(db, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
		mysql_stmt_free_result(stmt);
		return ERR;
	}
	for (;;) {
		rc = mysql_stmt_fetch(stmt);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			/* An error that came with the rows (on Galera: this
			 * transaction aborted by another node's write, 1213) is
			 * the connection's; the statement's is left at 0. */
			if (mysql_stmt_errno(stmt) != 0)
				set_error(db, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
			else
				set_error(db, mysql_errno(db->conn) ? mysql_errno(db->conn) :
				    CR_UNKNOWN_ERROR, mysql_error(db->conn));
			ret = ERR;
			break;
		}
		for (i = 0; i < ncols; i++) {
			if (nulls[i]) {
				vals[i] = NULL;
			} else if (lens[i] < CELL_SIZE) {
				bufs[i][lens[i]] = '\0';
				vals[i] = bufs[i];
			} else {
				/* Longer than the first buffer: fetch it whole. */
				MYSQL_BIND big;

				memset(&big, 0, sizeof(big));
				big.buffer_type = MYSQL_TYPE_STRING;
				if (keep)
					big.buffer = arena_alloc(a, lens[i] + 1);
				else {
					if (heapcap[i] < lens[i] + 1) {
						heapcap[i] = lens[i] + 1;
						heap[i] = xrealloc(heap[i], heapcap[i]);
					}
					big.buffer = heap[i];
				}
				big.buffer_length = lens[i] + 1;
				if (mysql_stmt_fetch_column(stmt, &big, (unsigned)i, 0) != 0) {
					set_error(db, mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
					ret = ERR;
					break;
				}
				((char *)big.buffer)[lens[i]] = '\0';
				vals[i] = big.buffer;
			}
		}
		if (ret != OK || fn(ctx, ncols, vals, names) != 0)
			break;
	}
	/* Rows cut short by the transaction's end on Galera (txn_gone) may
	 * have come as if they were all: the end of them says. */
	if (ret == OK && rc == MYSQL_NO_DATA && txn_gone(db))
		ret = ERR;
	mysql_stmt_free_result(stmt);
	for (i = 0; i < ncols; i++)
		free(heap[i]);
	return ret;
}

struct collect {
	struct arena	*arena;
	struct db_res	*res;
	size_t		 cap;	/* rows */
};

static int
collect_row(void *ctx, int ncols, char **vals, const char **names)
{
	struct collect *c = ctx;
	struct db_res *r = c->res;
	char **cells;
	int i;

	if (r->names == NULL) {
		r->names = names;
		r->ncols = ncols;
	}
	if ((size_t)r->nrows == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		cells = arena_alloc(c->arena, c->cap * (size_t)ncols * sizeof(char *));
		if (r->nrows)
			memcpy(cells, r->cells, (size_t)r->nrows * (size_t)ncols * sizeof(char *));
		r->cells = cells;
	}
	for (i = 0; i < ncols; i++)
		r->cells[(size_t)r->nrows * (size_t)ncols + (size_t)i] =
		    vals[i] ? arena_strdup(c->arena, vals[i]) : NULL;
	r->nrows++;
	return 0;
}

static struct db_res *
collect(struct db *db, struct arena *a, MYSQL_STMT *stmt)
{
	struct collect c;

	if (stmt == NULL)
		return NULL;
	c.arena = a;
	c.cap = 0;
	c.res = arena_calloc(a, 1, sizeof(*c.res));
	if (fetch(db, stmt, a, 1, collect_row, &c) != OK)
		return NULL;
	if (c.res->names == NULL)
		c.res->ncols = (int)mysql_stmt_field_count(stmt);
	return c.res;
}

struct db_res *
db_query(struct db *db, struct arena *a, const char *sql, const char *types, ...)
{
	MYSQL_STMT *stmt;

	RUN_ARGS(db, sql, types, stmt);
	return collect(db, a, stmt);
}

struct db_res *
db_query_args(struct db *db, struct arena *a, const char *sql, const struct db_args *g)
{
	return collect(db, a, run(db, sql, g));
}

struct each {
	db_row_fn	 fn;
	void		*ctx;
};

static int
each_row(void *ctx, int ncols, char **vals, const char **names)
{
	struct each *e = ctx;

	(void)names;
	return e->fn(e->ctx, ncols, vals);
}

static int
each(struct db *db, struct arena *a, db_row_fn fn, void *ctx, MYSQL_STMT *stmt)
{
	struct each e = { fn, ctx };

	if (stmt == NULL)
		return ERR;
	return fetch(db, stmt, a, 0, each_row, &e);
}

int
db_each(struct db *db, struct arena *a, db_row_fn fn, void *ctx,
    const char *sql, const char *types, ...)
{
	MYSQL_STMT *stmt;

	RUN_ARGS(db, sql, types, stmt);
	return each(db, a, fn, ctx, stmt);
}

int
db_each_args(struct db *db, struct arena *a, db_row_fn fn, void *ctx,
    const char *sql, const struct db_args *g)
{
	return each(db, a, fn, ctx, run(db, sql, g));
}

long long
db_exec(struct db *db, const char *sql, const char *types, ...)
{
	MYSQL_STMT *stmt;

	RUN_ARGS(db, sql, types, stmt);
	if (stmt == NULL)
		return -1;
	return (long long)mysql_stmt_affected_rows(stmt);
}

long long
db_insert_id(struct db *db)
{
	return db->conn ? (long long)mysql_insert_id(db->conn) : 0;
}

long long
db_int(const struct db_res *r, int row, int col)
{
	const char *v = db_val(r, row, col);

	return v ? strtoll(v, NULL, 10) : 0;
}

int
db_found(const struct db_res *res)
{
	if (res == NULL)
		return ERR;
	return res->nrows == 0 ? NOT_FOUND : OK;
}

void *
db_rows(struct arena *a, const struct db_res *res, size_t size, db_fill_fn fill,
    int *n)
{
	char *rows;
	int i;

	if (res == NULL)
		return NULL;
	rows = arena_calloc(a, (size_t)res->nrows, size);
	*n = res->nrows;
	for (i = 0; i < res->nrows; i++)
		fill(res, i, rows + (size_t)i * size);
	return rows;
}

int
db_row(const struct db_res *res, db_fill_fn fill, void *out)
{
	int rc = db_found(res);

	if (rc == OK)
		fill(res, 0, out);
	return rc;
}

void
db_fail_from(struct db *db, int nth)
{
	db->fail_from = nth;
	db->statements = 0;
}

void
db_break_session(struct db *db, int nth, int count)
{
	db->break_at = nth;
	db->break_count = count;
	db->breaks_left = 0;
	db->statements = 0;
}

void
db_begins_in_vain(struct db *db, int n)
{
	db->begins_in_vain = n;
}

void
db_lose_commit(struct db *db, int on)
{
	db->lose_commit = on;
}

int
db_ping(struct db *db)
{
	if (connect_db(db) != OK)
		return ERR;
	if (mysql_ping(db->conn) != 0) {
		set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
		connection_lost(db);
		return connect_db(db);
	}
	return OK;
}

static int
simple(struct db *db, const char *sql)
{
	if (connect_db(db) != OK)
		return ERR;
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0) {
		set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
		if (conn_lost(db->err))
			connection_lost(db);
		return ERR;
	}
	return OK;
}

/* Is p a mariadb client "DELIMITER xx" line? */
static int
delimiter_line(const char *p)
{
	return strncasecmp(p, "DELIMITER", 9) == 0 && (p[9] == ' ' || p[9] == '\t');
}

/*
 * The end of the statement that starts at p: its delimiter (delim, ";"
 * unless a DELIMITER line changed it) outside quotes and comments, or the
 * end of the text; *start is its first word, after the white space and
 * comments before it (NULL: it held nothing else). A DELIMITER line ends
 * at its end of line. A schema file is read as the mariadb client reads
 * it, and each statement sent without the comments before it.
 */
static const char *
statement_end(const char *p, const char *delim, const char **start)
{
	size_t dlen = strlen(delim);
	char quote = 0;

	*start = NULL;
	for (; *p != '\0'; p++) {
		if (quote) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == quote)
				quote = 0;
		} else if ((*p == '-' && p[1] == '-' && (p[2] == ' ' || p[2] == '\t' ||
		    p[2] == '\n')) || *p == '#') {
			while (p[1] != '\0' && p[1] != '\n')
				p++;
		} else if (*p == '/' && p[1] == '*') {
			for (p += 2; *p != '\0' && !(*p == '*' && p[1] == '/'); p++)
				;
			if (*p == '\0')
				break;
			p++;
		} else if (strncmp(p, delim, dlen) == 0)
			break;
		else if (!isspace((unsigned char)*p)) {
			if (*start == NULL) {
				*start = p;
				if (delimiter_line(p))
					return p + strcspn(p, "\n");
			}
			if (*p == '\'' || *p == '"' || *p == '`')
				quote = *p;
		}
	}
	return p;
}

int
db_statements(const char *text, db_statement_fn fn, void *ctx)
{
	char delim[DB_DELIMITER_MAX + 1] = ";";
	const char *start, *end, *d;
	size_t n;

	for (; *text != '\0'; text = end) {
		end = statement_end(text, delim, &start);
		if (start != NULL && delimiter_line(start)) {
			/* The rest of the line, to its first blank. */
			for (d = start + 9; *d == ' ' || *d == '\t'; d++)
				;
			n = strcspn(d, " \t\r\n");
			if (n == 0 || n > DB_DELIMITER_MAX)
				return ERR;
			memcpy(delim, d, n);
			delim[n] = '\0';
			continue;
		}
		if (start != NULL && fn(ctx, start, (size_t)(end - start)) != OK)
			return ERR;
		if (*end != '\0')
			end += strlen(delim);
	}
	return OK;
}

static int
send_statement(void *ctx, const char *sql, size_t len)
{
	struct db *db = ctx;
	MYSQL_RES *res;

	if (mysql_real_query(db->conn, sql, (unsigned long)len) != 0) {
		set_error(db, mysql_errno(db->conn), mysql_error(db->conn));
		return ERR;
	}
	if ((res = mysql_store_result(db->conn)) != NULL)
		mysql_free_result(res);
	return OK;
}

/*
 * Each statement of text on its own, never as one multi-statement query:
 * a Galera node replicates a schema change by the text of the statement
 * being run, and a trigger or procedure created inside a multi-statement
 * query reached the other nodes with a body of the wrong text. A compound
 * body goes whole between DELIMITER lines, as the mariadb client sends it.
 */
int
db_script(struct db *db, const char *text)
{
	if (connect_db(db) != OK)
		return ERR;
	db->err = 0;
	if (db_statements(text, send_statement, db) != OK) {
		if (db->err == 0)
			set_error(db, 0, "a DELIMITER line names no delimiter, or one too long");
		return ERR;
	}
	return OK;
}

/*
 * On Galera, START TRANSACTION is a read that waits for the node to catch
 * up (wsrep_sync_wait), and the transaction's statements then wait no
 * more: one that holds a row lock and waits for the node to apply another
 * node's write that needs that lock waits for itself, as the applier
 * cannot abort a session in that wait (both stood for the 30 s of
 * repl.causal_read_timeout, every start behind them too). What they read
 * is as fresh as the start, and a write that missed another node's is
 * refused at certification, so the seat count under a timeslot's lock
 * stays exact. After the transaction the session waits again.
 */
static int
causal_reads(struct db *db, int on)
{
	if (!db->galera || db->conn == NULL)
		return OK;
	if (simple(db, on ? "SET SESSION wsrep_sync_wait = 1" :
	    "SET SESSION wsrep_sync_wait = 0") == OK)
		return OK;
	/* A session left without its waits must not serve another read. */
	disconnect(db);
	return ERR;
}

int
db_begin(struct db *db)
{
	if (db->begins_in_vain > 0) {
		db->begins_in_vain--;
		set_error(db, DB_LOCK_WAIT, "test fault: the start waited in vain");
		return ERR;
	}
	/* A connection that died while idle is found here, before any work
	 * is done, so reopening it loses nothing. */
	if (simple(db, "START TRANSACTION") != OK &&
	    (db->conn != NULL || simple(db, "START TRANSACTION") != OK))
		return ERR;
	if (causal_reads(db, 0) != OK)
		return ERR;
	db->in_txn = 1;
	return OK;
}

/*
 * A COMMIT whose answer never came may or may not have been applied: the
 * caller cannot tell, so it is noted (db_commit_unknown) for the reply to
 * say where to look before trying again.
 */
int
db_commit(struct db *db)
{
	int rc = txn_gone(db) ? ERR : simple(db, "COMMIT");

	db->in_txn = 0;
	causal_reads(db, 1);
	if (rc == OK && db->lose_commit) {
		/* The test fault: committed, and the answer "lost" on the way. */
		set_error(db, CR_SERVER_LOST, "test fault: the commit's answer is lost on purpose");
		log_msg("db: test fault: commit answer lost");
		disconnect(db);
		rc = ERR;
	}
	if (rc != OK && conn_lost(db->err))
		db->commit_unknown = 1;
	return rc;
}

void
db_rollback(struct db *db)
{
	unsigned int err = db->err;
	char msg[sizeof(db->errmsg)];

	/* Keep the error that caused the rollback for the caller. */
	memcpy(msg, db->errmsg, sizeof(msg));
	if (db->conn != NULL && simple(db, "ROLLBACK") != OK)
		disconnect(db);
	causal_reads(db, 1);
	db->in_txn = 0;
	db->err = err;
	memcpy(db->errmsg, msg, sizeof(msg));
}

/*
 * What runs a transaction again: a deadlock or a lock wait given up, which
 * on a Galera cluster includes a write that lost to another node's at
 * certification (1213 at COMMIT); and a connection lost before any COMMIT
 * went out, which saved nothing (the next connect may reach another node).
 */
static int
retryable(struct db *db)
{
	return db->err == DB_DEADLOCK || db->err == DB_LOCK_WAIT ||
	    (conn_lost(db->err) && !db->commit_unknown);
}

int
db_txn(struct db *db, db_txn_fn fn, void *ctx)
{
	int attempt, rc = ERR, renewed = 0;

	/* Inside another transaction, fn is part of it: that one commits, or
	 * rolls back and runs again, everything. */
	if (db->in_txn)
		return fn(db, ctx);
	for (attempt = 0; attempt < TXN_TRIES; attempt++) {
		if (db_begin(db) != OK) {
			/* A start that waited in vain for the node to catch
			 * up (1205, as while the cluster changes its
			 * members) did nothing: it is tried again. */
			if (db->err != DB_LOCK_WAIT)
				return ERR;
			txn_wait(db, attempt);
			continue;
		}
		db->err = 0;
		rc = fn(db, ctx);
		if (rc == OK) {
			if (db_commit(db) == OK)
				return OK;
			rc = ERR;
		} else
			db_rollback(db);
		/* A broken session's transaction runs again on a new
		 * connection, and then on the next node. */
		if (renewed < 2 && session_broken(db, renewed)) {
			renewed++;
			continue;
		}
		if (!retryable(db))
			return rc;
		/* A new connection is wait enough. */
		if (!conn_lost(db->err))
			txn_wait(db, attempt);
	}
	log_msg("db: a transaction failed %d times, the last: error %u: %s",
	    TXN_TRIES, db->err, db->errmsg);
	return rc;
}
