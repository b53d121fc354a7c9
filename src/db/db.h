/* db/db.h: the only interface to MariaDB: prepared statements, transactions, retry */
#ifndef DB_H
#define DB_H

#include <stddef.h>

#include "core/result.h"

struct arena;
struct db;

/* A fetched result: every value as a NUL-terminated string (NULL for SQL
 * NULL), allocated in the caller's arena. */
struct db_res {
	int		  nrows;
	int		  ncols;
	const char	**names;
	char		**cells;	/* nrows * ncols */
};

/* MariaDB error numbers callers look at. */
#define DB_DUP_KEY	1062
#define DB_DEADLOCK	1213
#define DB_LOCK_WAIT	1205
#define DB_CHECK_FAILED	4025	/* a CHECK constraint refused the row */

int		 db_library_init(void);
/*
 * A connection as the workers' account (db_user), or as another (bookingctl
 * migrate's), to db_host or the first of db_hosts' nodes that answers (a
 * lost connection's next connect starts from the node after it). On a
 * Galera node, reads wait for the writes the cluster committed before them
 * (wsrep_sync_wait). A failed connect is tried again on use, after a wait that
 * grows with each failure (up to a second), so a database that is down
 * costs neither it nor the log a try per request.
 */
struct db	*db_open(void);
struct db	*db_open_as(const char *user, const char *password);
void		 db_close(struct db *);
int		 db_ping(struct db *);
/*
 * For the fault tests only (router.c, when the test_faults setting is on):
 * from the nth statement on, every statement fails as if the server had
 * gone away; 0 turns it off. db_break_session makes the nth statement and
 * the count - 1 tries after it answer as a broken server session does
 * (db.c session_broken). db_lose_commit makes each COMMIT take effect
 * and then fail as if its answer had been lost.
 */
void		 db_fail_from(struct db *, int nth);
void		 db_break_session(struct db *, int nth, int count);
void		 db_begins_in_vain(struct db *, int n);
void		 db_lose_commit(struct db *, int on);

/* True when the last error means the database cannot be reached (down,
 * restarting, connection lost, too many connections): try again later. */
int		 db_unavailable(struct db *);
/* The last error was a lock wait given up or a deadlock that outlasted
 * every try: the database is up but too contended now, nothing was
 * written, and the same request may well pass in a moment. */
int		 db_busy(struct db *);
/* True when a COMMIT since db_clear_error() went unanswered: the change
 * may have been saved. */
int		 db_commit_unknown(struct db *);
/* Forgets the last error (main.c, before each request). */
void		 db_clear_error(struct db *);

/*
 * Parameters are described by a type string, one letter each:
 *   i  int           l  long long        s  const char * (NULL binds SQL NULL)
 * e.g. db_query(db, a, "SELECT name FROM rooms WHERE id = ?", "i", id).
 */
struct db_res	*db_query(struct db *, struct arena *, const char *sql,
		    const char *types, ...);
/* Returns the affected row count, or -1. */
long long	 db_exec(struct db *, const char *sql, const char *types, ...);
long long	 db_insert_id(struct db *);

/* Calls fn for each row without keeping the rows: for large exports. fn
 * returns 0 to go on. Values live until the next row. */
typedef int	(*db_row_fn)(void *ctx, int ncols, char **values);
int		 db_each(struct db *, struct arena *, db_row_fn, void *ctx,
		    const char *sql, const char *types, ...);

/*
 * Parameters gathered at run time, for a statement whose text is made of
 * fixed pieces chosen by what a request gave (a WHERE of the filters sent):
 * the values are still only ever bound. Start from { 0 }; past DB_ARGS_MAX
 * the statement fails.
 */
#define DB_ARGS_MAX	32
struct db_args {
	int		 n;
	char		 types[DB_ARGS_MAX];	/* 'l' or 's' */
	long long	 ints[DB_ARGS_MAX];
	const char	*strs[DB_ARGS_MAX];
};
void		 db_args_int(struct db_args *, long long);
void		 db_args_str(struct db_args *, const char *);
struct db_res	*db_query_args(struct db *, struct arena *, const char *sql,
		    const struct db_args *);
int		 db_each_args(struct db *, struct arena *, db_row_fn, void *ctx,
		    const char *sql, const struct db_args *);

/* Runs a trusted script (a migration file) one statement at a time, no
 * values. */
int		 db_script(struct db *, const char *text);
/* Calls fn with each statement of text in turn (without the comments
 * before it or its delimiter), split as the mariadb client splits a file:
 * at ';' outside quotes and comments, or at what a "DELIMITER xx" line
 * names, so that a compound body (IF ... END IF) goes whole. ERR: fn's, or
 * a DELIMITER line with no delimiter or one over DB_DELIMITER_MAX. */
#define DB_DELIMITER_MAX	8
typedef int	(*db_statement_fn)(void *ctx, const char *sql, size_t len);
int		 db_statements(const char *text, db_statement_fn, void *ctx);

int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);

/*
 * Runs fn inside one transaction and commits when it returns OK. A
 * deadlock or lock-wait timeout (on Galera also a certification conflict
 * with another node's write, 1213 at COMMIT) rolls back and runs fn again,
 * a few times after growing random waits, and so does a connection lost
 * before COMMIT; any other result rolls back and is returned as it is, so
 * fn can return its own positive codes for refusals. Called inside another
 * db_txn(), fn just runs as part of the outer transaction.
 */
typedef int	(*db_txn_fn)(struct db *, void *ctx);
int		 db_txn(struct db *, db_txn_fn, void *ctx);

int		 db_errno(struct db *);
const char	*db_error(struct db *);

static inline const char *
db_val(const struct db_res *r, int row, int col)
{
	return r->cells[(size_t)row * (size_t)r->ncols + (size_t)col];
}

long long	 db_int(const struct db_res *, int row, int col);

/*
 * What a query found: ERR when it failed (res NULL), NOT_FOUND when it
 * found no row, else OK.
 */
int		 db_found(const struct db_res *res);
/* Fills one struct (out) from row i of res: each type's column order. */
typedef void	(*db_fill_fn)(const struct db_res *, int row, void *out);
/* Every row of res as an arena array of size-byte structs, each filled
 * by fill, and its length in *n; NULL when the query failed (res NULL). */
void		*db_rows(struct arena *, const struct db_res *res, size_t size,
		    db_fill_fn fill, int *n);
/* The first row of res filled into out: db_found()'s results. */
int		 db_row(const struct db_res *res, db_fill_fn fill, void *out);

#endif
