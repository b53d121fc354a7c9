/* domain/mfa.h: the second factor: TOTP (RFC 6238), recovery codes, remembered devices */
#ifndef MFA_H
#define MFA_H

struct arena;
struct db;

#define MFA_LOGIN_COOKIE	"__Host-mfa-login"	/* a login waiting for its code */
#define MFA_DEVICE_COOKIE	"__Host-mfa-device"	/* "remember this device" */
#define MFA_CHALLENGE_MINUTES	10
#define MFA_RECOVERY_CODES	10
#define MFA_CODE_MAX		32	/* longest code field read */
#define MFA_ISSUER		"Booking"

/* Starts liboath; once, before the threads. */
int	mfa_init(void);

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
/* Turns the second factor off after checking the user's password: forgets
 * the secret, recovery codes and remembered devices. INVALID: wrong password. */
int	mfa_disable(struct db *, struct arena *, long long user_id, const char *password);

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
 * one counts; login_failures of them in a row refuse every code for
 * MFA_LOCK_MINUTES.
 */
#define MFA_LOCK_MINUTES	15
enum mfa_check mfa_check_code(struct db *, struct arena *, long long user_id,
	    const char *code);

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
