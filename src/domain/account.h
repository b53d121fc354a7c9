/* domain/account.h: users and their settings, shared by the pages and the API */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include "core/result.h"
#include "domain/audit.h"

struct account;
struct actor;
struct arena;
struct db;
struct auth_session;
struct field_errors;

#define SIGNUP_HOURS	48	/* how long a sign-up's link works */
#define SIGNUP_TOKEN_BYTES 32
#define RESET_MINUTES	60	/* how long a password reset link works */
#define RESET_PENDING_MAX 3	/* links in force per account: no more are mailed */
/* What a login with the password of a sign-up not yet confirmed is told. */
#define UNCONFIRMED_TEXT "Confirm your email address first: follow the link in" \
	" the mail we sent when you signed up. No mail, or the link ran out? Sign up" \
	" again with the same address for a new one."

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
/*
 * A sign-up, once the email and password pass: no account yet, but a
 * pending sign-up and a mail to the address, which for a new address
 * carries the link that makes the account (account_confirm) and for a
 * taken one tells its owner that someone tried. OK either way: the caller
 * answers the same, so nobody learns whether the address has an account.
 */
int	account_register(struct db *, const struct actor *who,
	    const struct account_input *, struct field_errors *);
/* The token of a sign-up's link, made as its mail goes out (only its hash
 * is kept): NOT_FOUND when the sign-up expired or was confirmed. */
int	account_signup_token(struct db *, struct arena *, long long signup_id,
	    const char **token);
/* Whether token is a sign-up link in force: OK or NOT_FOUND. */
int	account_signup_find(struct db *, struct arena *, const char *token);
/* Follows a sign-up's link: makes the account (in the audit as who's) and
 * ends every sign-up of its address. NOT_FOUND: no such link in force
 * (wrong, used or expired); CONFLICT: the address got an account since. */
int	account_confirm(struct db *, const struct actor *who, const char *token);
/*
 * A forgotten password. account_reset_ask() mails the account of email a
 * link (its token made as the message goes, like a sign-up's) unless
 * RESET_PENDING_MAX are in force; an email without an account gets
 * nothing, and the caller answers the same either way. account_reset()
 * sets the password that link's holder chose (INVALID: it is refused, in
 * fe) and, as for a password change, ends every session, revokes every
 * API token and forgets remembered devices; it also clears the address
 * lock-outs of the account, the mailbox having proved its owner. NOT_FOUND:
 * no such link in force (wrong, used or expired).
 */
int	account_reset_ask(struct db *, const struct actor *who, const char *email);
int	account_reset_token(struct db *, struct arena *, long long reset_id,
	    const char **token);
/* The account a reset link in force names (OK), or NOT_FOUND. */
int	account_reset_find(struct db *, struct arena *, const char *token,
	    struct account *);
int	account_reset(struct db *, struct arena *, const struct actor *who,
	    const char *token, const char *password, struct field_errors *);
/* Forgets sign-ups and password resets whose link expired before now
 * (NULL: the clock). */
int	account_links_purge(struct db *, const char *now);
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
	const char	*phone;		/* E.164, or NULL */
	int		 sms_reminders;
};

/* A phone number in E.164: "+", a country code not starting with 0,
 * 8 to 15 digits in all. */
#define PHONE_MAX	16
int	account_phone_valid(const char *phone);

/* An SMS settings change (fields "phone", "smsReminders"): phone "" clears
 * it, NULL keeps it; sms_reminders -1 keeps it. */
struct sms_input {
	const char	*phone;
	int		 sms_reminders;
};
/* INVALID (with the field) for a bad number or reminders without one;
 * clearing the number turns the reminders off. */
int	account_set_sms(struct db *, struct arena *, long long user_id,
	    const struct sms_input *, struct field_errors *);

int	account_get(struct db *, struct arena *, long long user_id, struct account *);
/* Users by email, those whose email or name contains q (NULL: all); total
 * counts them all. */
int	account_list(struct db *, struct arena *, const char *q, long long limit,
	    long long offset, struct account **, int *n, long long *total);
/* The language (a core/lang.h code) the account's pages and mail are in. */
int	account_set_language(struct db *, long long user_id, const char *code);

#endif
