/* domain/auth.h: passwords, sessions, CSRF, API tokens */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>

#include "core/limits.h"

struct arena;
struct db;

#define SESSION_COOKIE	"__Host-session"
#define CSRF_COOKIE	"__Host-csrf"

/* What auth_login() found. */
enum login_result {
	LOGIN_OK,
	LOGIN_FAILED,		/* unknown email or wrong password: never said which */
	LOGIN_LOCKED,		/* too many failures; try again after *retry_after s */
	LOGIN_ERROR,		/* the database failed */
};

/* Fills buf with n bytes from the kernel's random source; aborts if it
 * cannot (a worker must never run on predictable secrets). */
void		 auth_random(void *buf, size_t n);
char		*auth_random_hex(struct arena *, size_t bytes);
char		*auth_sha256_hex(struct arena *, const char *);

/* Loads the list of common passwords refused for new accounts, and makes
 * the hash auth_login() checks for an unknown email with the configured
 * argon2 cost (run it again after changing the cost). */
int		 auth_init(const char *common_passwords_file);
const char	*auth_dummy_hash(void);

/* Returns why a new password is not acceptable, or NULL. */
const char	*auth_password_problem(const char *password);
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
	long long	 unread;	/* notifications not yet read */
};

/* Who is asking, as auth_identify() found it. */
struct identity {
	struct user	*user;		/* NULL: anonymous */
	const char	*session;	/* hex SHA-256 of the session cookie */
	const char	*csrf;		/* the session's CSRF token */
	int		 bearer;	/* authenticated by an API token */
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

enum login_result auth_login(struct db *, struct arena *, const char *email,
		    const char *password, long long *user_id, long long *retry_after);

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
int		 auth_session_end(struct db *, const char *hash);
/* Ends every session of a user but the one whose hash is kept (or NULL). */
int		 auth_sessions_end_others(struct db *, long long user_id,
		    const char *kept);

/* A new API token; the token itself is returned once and never stored. */
int		 auth_token_create(struct db *, struct arena *, long long user_id,
		    const char *name, int hours, char **token);

/* A user's API token as the account page lists it (never the token). */
struct api_token {
	long long	 id;
	const char	*name;
	const char	*created_at;
	const char	*last_used_at;	/* NULL: never */
	const char	*expires_at;	/* NULL: never */
};

struct db;
/* The user's tokens still in force, newest first. */
int		 auth_token_list(struct db *, struct arena *, long long user_id,
		    struct api_token **, int *n);
/* Revokes one of the user's tokens; NOT_FOUND when the user has no such
 * token in force. */
int		 auth_token_revoke(struct db *, long long user_id, long long id);

#endif
