/* domain/account.h: users and their settings, shared by the pages and the API */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include "core/result.h"
#include "domain/audit.h"

struct actor;
struct arena;
struct db;
struct auth_session;
struct field_errors;

/* What a new customer sends (fields "name", "email", "password"). */
struct account_input {
	const char	*name;
	const char	*email;
	const char	*password;
};

/* A password change (fields "current_password", "new_password",
 * "revoke_tokens") from the session whose hash is session (NULL: not from
 * a session). */
struct password_change {
	const char	*current;
	const char	*password;
	const char	*session;
	int		 revoke_tokens;	/* personal API tokens too, not only login ones */
	long long	 retry_after;	/* TOO_MANY_ATTEMPTS: seconds */
};

/* Each adds its problems to fe, after the reader's, and returns OK,
 * INVALID (fields to fix), NOT_FOUND or ERR. */
/* Stores a user whose password is already hashed (bookingctl's user add,
 * and registration), in the audit as why; CONFLICT when the email is
 * taken. */
int	account_add(struct db *, const struct actor *who, enum audit_type why,
	    const char *email, const char *name, const char *password_hash,
	    const char *role, long long *user_id);
/* Creates a customer once the email and password pass. */
int	account_register(struct db *, const struct actor *who,
	    const struct account_input *, struct field_errors *, long long *user_id);
/* Changes the user's password after checking the current one (a wrong
 * one counts like a failed login: TOO_MANY_ATTEMPTS once the address is
 * locked out); ends the user's other sessions and login tokens (personal
 * ones too when asked), and replaces the session it came from with
 * *rotated. */
int	account_change_password(struct db *, struct arena *, const struct actor *who,
	    struct password_change *, struct field_errors *,
	    struct auth_session *rotated);
int	account_rename(struct db *, long long user_id, const char *name,
	    struct field_errors *);

/* The roles, NULL-ended. */
extern const char *const account_roles[];
/* Role change by an admin (who), in the audit: NOT_FOUND, or LAST_ADMIN
 * when it would demote the last admin. */
int	account_set_role(struct db *, const struct actor *who, long long user_id,
	    const char *role);

/* A user as the admin list and the API show one. */
struct account {
	long long	 id;
	const char	*name;
	const char	*email;
	const char	*role;
	const char	*created_at;
};

int	account_get(struct db *, struct arena *, long long user_id, struct account *);
/* Users by email, those whose email or name contains q (NULL: all); total
 * counts them all. */
int	account_list(struct db *, struct arena *, const char *q, long long limit,
	    long long offset, struct account **, int *n, long long *total);

#endif
