/* domain/auth.h: passwords, sessions, CSRF, API tokens */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>

struct arena;
struct req;

#define PASSWORD_MIN	12
#define PASSWORD_MAX	128
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

/* Loads the list of common passwords refused for new accounts. */
int		 auth_init(const char *common_passwords_file);

/* Returns why a new password is not acceptable, or NULL. */
const char	*auth_password_problem(const char *password);
/* argon2id with a fresh salt and the configured cost; malloc'd string. */
char		*auth_hash_password(const char *password);
int		 auth_check_password(const char *hash, const char *password);
/* Returns why an email address is not acceptable, or NULL. */
const char	*auth_email_problem(const char *email);

/*
 * Works out who is asking: a bearer token, else the session cookie, else
 * nobody. A bearer token that is not valid is answered 401 here. Returns
 * OK, or ERR when it replied or the database failed.
 */
int		 auth_identify(struct req *);
/* The router's check for state-changing requests; replies 403. */
int		 auth_check_csrf(struct req *);
/* The CSRF token for forms on this page (set as a cookie for visitors). */
const char	*auth_csrf(struct req *);

enum login_result auth_login(struct req *, const char *email,
		    const char *password, long long *user_id, long long *retry_after);
/* A fresh session for user_id, replacing this request's one. */
int		 auth_session_start(struct req *, long long user_id);
int		 auth_session_end(struct req *);
/* Ends every session of a user but the one of this request. */
int		 auth_sessions_end_others(struct req *, long long user_id);

/* A new API token; the token itself is returned once and never stored. */
int		 auth_token_create(struct req *, long long user_id, const char *name,
		    int hours, char **token);

#endif
