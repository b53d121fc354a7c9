/* domain/auth.h: passwords, sessions, CSRF, API tokens */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>

#include "core/limits.h"
#include "domain/audit.h"

struct actor;
struct arena;
struct db;

#define SESSION_COOKIE	"__Host-session"
#define CSRF_COOKIE	"__Host-csrf"
#define LOCK_MINUTES	15		/* the first lock-out, and the window counted */
#define LOCK_MAX_SECONDS (24 * 3600)	/* the longest; failures are kept this long */

/* What auth_login() found. */
enum login_result {
	LOGIN_OK,
	LOGIN_FAILED,		/* unknown email or wrong password: never said which */
	LOGIN_LOCKED,		/* too many failures; try again after *retry_after s */
	LOGIN_UNCONFIRMED,	/* the password of a sign-up whose link was not followed */
	LOGIN_ERROR,		/* the database failed */
};

/* Fills buf with n bytes from the kernel's random source; aborts if it
 * cannot (a worker must never run on predictable secrets). */
void		 auth_random(void *buf, size_t n);
char		*auth_random_hex(struct arena *, size_t bytes);
char		*auth_sha256_hex(struct arena *, const char *);
/* A new random token of bytes for a mailed link, its SHA-256 stored by
 * sql (its parameters: the hash as hex, then id); NOT_FOUND when sql
 * changed no row (the row is gone, expired or not one to link). */
int		 auth_link_token(struct db *, struct arena *, const char *sql, long long id,
		    size_t bytes, const char **token);
/* A token we issued: 64 lowercase hex digits, nothing else. */
int		 auth_token_shape(const char *);

/* Loads the list of breached passwords refused for new accounts (only
 * those the length rule lets through: a long list costs little), and
 * makes the hash auth_login() checks for an unknown email with the
 * configured argon2 cost (run it again after changing the cost). */
int		 auth_init(const char *common_passwords_file);
const char	*auth_dummy_hash(void);

/*
 * Returns why a new password is not acceptable, or NULL: its length, the
 * breached list, being the email itself, then zxcvbn's estimate of how
 * easily it is guessed (the password_min_score setting), which also
 * counts the user's own email and name (either may be NULL) as weak.
 * The text follows "The password " ("is too easy to guess: ...").
 */
const char	*auth_password_problem(const char *password, const char *email,
		    const char *name);
/* argon2id with a fresh salt and the configured cost; malloc'd string. */
char		*auth_hash_password(const char *password);
int		 auth_check_password(const char *hash, const char *password);
/* Returns why an email address is not acceptable, or NULL. */
const char	*auth_email_problem(const char *email);

/* The signed-in user, when there is one. */
struct user {
	long long	 id;
	const char	*name;
	const char	*email;
	const char	*role;
	int		 admin;
	int		 staff;		/* checks tickets at the door, an admin too */
	long long	 unread;	/* notifications not yet read */
	/* Whether it may wait for a place or hold a package's credit
	 * (sql/044_dashboard_hints.sql): 0 means none, else its list says. */
	int		 waiting;
	int		 credits;
	const char	*language;	/* the one chosen (core/lang.h code), or NULL */
};

/* Who is asking, as auth_identify() found it. */
struct identity {
	struct user	*user;		/* NULL: anonymous */
	const char	*session;	/* hex SHA-256 of the session cookie */
	const char	*csrf;		/* the session's CSRF token */
	int		 bearer;	/* authenticated by an API token */
	long long	 token_id;	/* that token's id */
};

/*
 * Works out who is asking from a bearer token (the text after "Bearer "),
 * else from the session cookie's value, else nobody; either may be NULL.
 * Returns OK (*who filled, user NULL for a visitor), INVALID (the bearer
 * token is not one we issue), NOT_FOUND (it is unknown, expired or
 * revoked) or ERR.
 */
int		 auth_identify(struct db *, struct arena *, const char *bearer,
		    const char *session_cookie, struct identity *who);
/* A visitor's CSRF token: the one of their cookie when it is well formed,
 * else a new one (*fresh set: the cookie is to be sent). */
const char	*auth_csrf_token(struct arena *, const char *cookie, int *fresh);
/* True when a form's token is the one wanted (compared in constant time). */
int		 auth_csrf_matches(const char *given, const char *want);

/*
 * Throttling is per pair of the email typed and the client's address (an
 * IPv6 address by its /64): login_failures failures lock the pair for
 * LOCK_MINUTES, and each failure after that doubles the wait, up to a
 * day; a success clears the pair. So a stranger's failures lock the
 * account only for the stranger. When an account fails
 * login_failures_account times in LOCK_MINUTES from all addresses, every
 * address that failed in that time waits too; one that has not may still
 * try. Wrong current passwords on a password change count the same way.
 * Each check is counted as the pair's failure before it is made, under
 * the email's turn (login_turns), and taken back when it was right: checks
 * sent at once pass no more often than sent one after another. A check
 * that ends in neither (the database failed meanwhile) stays a failure.
 */
/* Forgets failures older than any lock-out they count for, at now (NULL:
 * the clock), and the turns of emails left without failures: the job
 * runner's, so that emails tried once do not stay for ever. */
int		 auth_failures_purge(struct db *, const char *now);
/*
 * A signed-in user's own password, asked again before a change that
 * matters (the password itself, turning the second factor off, new
 * recovery codes), hash being the account's and email its address:
 * throttled and counted like a login's, so a borrowed session cannot
 * guess it at argon2's pace. OK; INVALID, wrong (counted, and audited as a
 * wrong current password; *retry_after is the wait when that locked the
 * pair, else 0); TOO_MANY_ATTEMPTS, locked (*retry_after); or ERR.
 */
int		 auth_check_current(struct db *, struct arena *, const struct actor *who,
		    const char *email, const char *hash, const char *password,
		    long long *retry_after);
/* The wait that n failures of a pair in the last day cause, the latest
 * since seconds ago, when the account had recent failures from every
 * address in LOCK_MINUTES. */
long long	 auth_lock_wait(long long n, long long since, long long recent);
/* The text failures are counted under for an address. */
const char	*auth_throttle_key(struct arena *, const char *address);

/* One sign-in attempt. */
struct login_attempt {
	const char		*email;
	const char		*password;
	const struct actor	*from;		/* its address, for the throttle and the audit */
	long long		 user_id;	/* LOGIN_OK: the account */
	long long		 retry_after;	/* LOGIN_LOCKED: seconds */
};

/*
 * The password step of a sign-in: a throttled pair is refused before the
 * password is checked; a wrong one is counted and audited, a right one
 * clears the pair. After LOGIN_OK the caller takes any further factor,
 * then finishes with auth_login_session() or auth_login_token(), which
 * record the login.
 */
enum login_result auth_login(struct db *, struct arena *, struct login_attempt *);

/* A session just made: the cookie's value, what is stored of it, and the
 * CSRF token its forms carry. */
struct auth_session {
	const char	*token;
	const char	*hash;
	const char	*csrf;
	long long	 max_age;	/* seconds the cookie lives */
};

/* A fresh session for user_id, replacing the one whose hash is replaced
 * (or NULL). */
int		 auth_session_start(struct db *, struct arena *, const char *replaced,
		    long long user_id, struct auth_session *);
/* The end of a sign-in: a fresh session for a browser, or an API token
 * lasting hours for a program, with the login in the audit. */
int		 auth_login_session(struct db *, struct arena *, const struct actor *who,
		    const char *replaced, long long user_id, struct auth_session *);
int		 auth_login_token(struct db *, struct arena *, const struct actor *who,
		    long long user_id, int hours, char **token);
int		 auth_session_end(struct db *, const char *hash);
/* Ends every session of a user but the one whose hash is kept (or NULL). */
int		 auth_sessions_end_others(struct db *, long long user_id,
		    const char *kept);

/* A new personal API token (it does not expire), in the audit; the token
 * itself is returned once and never stored. */
int		 auth_token_create(struct db *, struct arena *, const struct actor *who,
		    long long user_id, const char *name, char **token);

/* A user's API token as the account page lists it (never the token). */
struct api_token {
	long long	 id;
	const char	*name;
	const char	*created_at;
	const char	*last_used_at;	/* NULL: never */
	const char	*expires_at;	/* NULL: never */
};

/* The user's tokens still in force, newest first. */
int		 auth_token_list(struct db *, struct arena *, long long user_id,
		    struct api_token **, int *n);
/* Revokes one of the user's tokens, in the audit; NOT_FOUND when the user
 * has no such token in force. */
int		 auth_token_revoke(struct db *, const struct actor *who, long long user_id,
		    long long id);
/* Revokes the user's tokens (personal ones too when all), in the
 * transaction of a password change; returns how many, or -1. */
long long	 auth_tokens_revoke_all(struct db *, long long user_id, int all);

#endif
