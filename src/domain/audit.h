/* domain/audit.h: the record of security events (sign-ins, lock-outs,
 * password and role changes, API tokens) that /admin/audit shows */
#ifndef AUDIT_H
#define AUDIT_H

#include "core/result.h"

struct actor;
struct arena;
struct db;

/* What happened; audit_types[] holds their stored names, in this order. */
enum audit_type {
	AUDIT_LOGIN,			/* a password was accepted */
	AUDIT_LOGIN_FAILED,		/* a wrong password or an unknown email */
	AUDIT_LOCKOUT,			/* a failure that locked the account for its address */
	AUDIT_PASSWORD_CHANGED,
	AUDIT_PASSWORD_CHANGE_FAILED,	/* a wrong current password */
	AUDIT_ROLE_CHANGED,
	AUDIT_TOKEN_CREATED,
	AUDIT_TOKEN_REVOKED,
	AUDIT_REGISTERED,
	AUDIT_USER_ADDED,		/* by bookingctl */
	AUDIT_SIGNUP_TAKEN,		/* a sign-up with the address of this account */
	AUDIT_MFA_FAILED,		/* a wrong two-factor or recovery code */
	AUDIT_RECOVERY_CODES_NEW,	/* the recovery codes replaced */
	AUDIT_RESET_ASKED,		/* a password reset link asked for */
	AUDIT_PASSWORD_RESET,		/* the password set through that link */
	AUDIT_TYPES
};
extern const char *const audit_types[];	/* NULL-terminated */
const char	*audit_label(const char *type);

/*
 * Records one event, by who (its user and address; either may be unset)
 * about the account user_id (0: none, e.g. an unknown email). email is the
 * one given or, when NULL, the account's; detail says more, or is NULL.
 * Call it inside the transaction that makes the change, so the record and
 * the change stand or fall together.
 */
int	audit_record(struct db *, const struct actor *who, enum audit_type,
	    long long user_id, const char *email, const char *detail);

struct audit_filter {
	const char	*type;		/* one of audit_types, or NULL */
	const char	*email;		/* the account's or the actor's, exact */
	char		 from[20];	/* UTC bounds, or "" */
	char		 to[20];
};

struct audit_event {
	long long	 id;
	const char	*type;
	const char	*created_at;
	long long	 user_id;	/* 0: no account */
	const char	*email;
	const char	*user_name;	/* NULL: no account */
	long long	 actor_id;	/* 0: a visitor, the system or bookingctl */
	const char	*actor_name;
	const char	*actor_email;
	const char	*address;	/* NULL: not from a request */
	const char	*detail;
};

/* Newest first; ask for one more than a page to learn whether another follows. */
int	audit_list(struct db *, struct arena *, const struct audit_filter *,
	    long long limit, long long offset, struct audit_event **, int *n);

#endif
