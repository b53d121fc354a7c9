/* domain/mfa.h: the second factor: TOTP (RFC 6238), recovery codes, remembered devices */
#ifndef MFA_H
#define MFA_H

#include <stddef.h>

struct actor;
struct arena;
struct db;

#define MFA_LOGIN_COOKIE	"__Host-mfa-login"	/* a login waiting for its code */
#define MFA_DEVICE_COOKIE	"__Host-mfa-device"	/* "remember this device" */
#define MFA_CHALLENGE_MINUTES	10
#define MFA_RECOVERY_CODES	10
#define MFA_CODE_MAX		32	/* longest code field read */
#define MFA_ISSUER		"Booking"

/* Reads the totp_key setting (64 hex digits, or empty) and starts
 * liboath; once, before the threads. ERR (said on stderr, never the key)
 * when the key is not 64 hex digits. */
int	mfa_init(void);
/* Whether totp_key is set: without it no secret can be stored. */
int	mfa_key_set(void);
/*
 * The authenticator secret is stored encrypted (AES-256-GCM under
 * totp_key, bound to the user's id). mfa_seal() gives the stored text of
 * a raw secret (NULL without a key); mfa_unseal() the raw secret (into
 * raw, 64 bytes) of a stored one, or -1; a row from before encryption,
 * the base32 text itself, opens too, with *legacy set, and is sealed the
 * next time its code is accepted or by mfa_seal_all().
 */
char	*mfa_seal(struct arena *, long long user_id, const unsigned char *raw,
	    size_t len);
long	 mfa_unseal(long long user_id, const char *stored, unsigned char *raw,
	    int *legacy);
/* Seals every secret still stored in plain (bookingctl
 * encrypt-totp-secrets): *n of them. INVALID: no key. */
int	mfa_seal_all(struct db *, struct arena *, int *n);

/* What a user's second factor is like. */
struct mfa_status {
	int		 enabled;
	long long	 recovery_left;	/* unused recovery codes */
};

int	mfa_status(struct db *, struct arena *, long long user_id, struct mfa_status *);

/* An enrolment begun: the secret in base32 (for typing in) and the
 * otpauth:// URI an app reads from the QR code. */
struct mfa_enrolment {
	const char	*secret;
	const char	*uri;
};

/*
 * Gives the user an authenticator secret not yet in force: a new one when
 * fresh, else the one begun before (a new one when there is none). The
 * URI names the account by email. CONFLICT: the second factor is already
 * on.
 */
int	mfa_enrol_begin(struct db *, struct arena *, long long user_id, int fresh,
	    struct mfa_enrolment *);
/*
 * Turns the begun secret on when code is its current code, and makes
 * MFA_RECOVERY_CODES new recovery codes (*codes, shown once, stored hashed).
 * INVALID: the code is wrong; NOT_FOUND: no enrolment was begun.
 */
int	mfa_enrol_finish(struct db *, struct arena *, long long user_id, const char *code,
	    char ***codes);
/*
 * New recovery codes for who (*codes, shown once), after checking their
 * password or, when code is given, a code from the app or a recovery code:
 * the old codes stop working. The password is throttled and counted like
 * a login's (auth_check_current). INVALID: wrong password or code;
 * TOO_MANY_ATTEMPTS: codes, or this address's passwords, are refused for
 * *retry_after seconds; NOT_FOUND: the second factor is off.
 */
int	mfa_recovery_renew(struct db *, struct arena *, const struct actor *who,
	    const char *password, const char *code, char ***codes, long long *retry_after);
/* Forgets every remembered device of the user (a password change). */
int	mfa_forget_devices(struct db *, long long user_id);
/* Turns the second factor off after checking who's password (throttled
 * like a login's): forgets the secret, recovery codes and remembered
 * devices. INVALID: wrong password; TOO_MANY_ATTEMPTS: this address's
 * passwords are refused for *retry_after seconds. */
int	mfa_disable(struct db *, struct arena *, const struct actor *who, const char *password,
	    long long *retry_after);

/* What a login whose password was right still needs. */
enum mfa_need {
	MFA_NONE,	/* nothing: no second factor, or a remembered device */
	MFA_CODE,	/* a code from the app or a recovery code */
	MFA_ENROL,	/* an admin without a second factor where admins must have one */
};

/* device_cookie is the "remember this device" cookie's value, or NULL. */
int	mfa_login_need(struct db *, struct arena *, long long user_id,
	    const char *device_cookie, enum mfa_need *);

enum mfa_check {
	MFA_CHECK_OK,
	MFA_CHECK_WRONG,	/* wrong, already used, or not a code */
	MFA_CHECK_LOCKED,	/* too many wrong codes lately */
	MFA_CHECK_ERROR,
};

/*
 * Checks a 6-digit code (the step before, now and after accepted, each
 * step only once) or an unused recovery code (then used up). Each wrong
 * one counts and is in the security audit (by who); login_failures of
 * them in a row refuse every code for MFA_LOCK_MINUTES.
 */
#define MFA_LOCK_MINUTES	15
enum mfa_check mfa_check_code(struct db *, struct arena *, const struct actor *who,
	    long long user_id, const char *code);

/* A login waiting for its second step: the token is the cookie's value,
 * only its hash is stored. */
int	mfa_challenge_start(struct db *, struct arena *, long long user_id, int enrol,
	    char **token);
/* NOT_FOUND: no such challenge, or it expired. */
int	mfa_challenge_find(struct db *, struct arena *, const char *token,
	    long long *user_id, int *enrol);
int	mfa_challenge_end(struct db *, struct arena *, const char *token);

/* Remembers this device for cfg.mfa_remember_days: the cookie's value. */
int	mfa_remember_device(struct db *, struct arena *, long long user_id,
	    char **token, long long *max_age);

#endif
