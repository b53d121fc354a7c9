/* domain/account.h: users and their settings, shared by the pages and the API */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include "core/result.h"

struct arena;
struct db;
struct auth_session;
struct form;
struct req;

#define NAME_MAX_CHARS	100

/* Checks name, email and password from the form (fields "name", "email",
 * "password") and creates a customer. Problems go to the form. */
int	account_register(struct form *, long long *user_id);
/* Changes the user's password after checking the current one (fields
 * "current_password", "new_password"); ends the user's sessions but the
 * one whose hash is session (NULL: all), and replaces that one with
 * *rotated. */
int	account_change_password(struct form *, long long user_id,
	    const char *session, struct auth_session *rotated);
int	account_rename(struct form *, long long user_id);

/* Role change by an admin: NOT_FOUND, or LAST_ADMIN when it would demote
 * the last admin. */
int	account_set_role(struct req *, long long user_id, const char *role);

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
