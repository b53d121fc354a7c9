/* domain/mfa.c: the second factor: TOTP (RFC 6238), recovery codes, remembered devices */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <liboath/oath.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/result.h"
#include "db/db.h"
#include "domain/auth.h"
#include "domain/mfa.h"

#define SECRET_BYTES	20	/* 160 bits, as RFC 4226 recommends */
#define TOKEN_BYTES	32
#define STEP		OATH_TOTP_DEFAULT_TIME_STEP_SIZE
#define WINDOW		1	/* one step either side, for clocks a little off */
#define DIGITS		6
#define RECOVERY_CHARS	10	/* shown as two groups of five */

int
mfa_init(void)
{
	return oath_init() == OATH_OK ? OK : ERR;
}

int
mfa_status(struct db *db, struct arena *a, long long user_id, struct mfa_status *st)
{
	struct db_res *res;

	res = db_query(db, a,
	    "SELECT (SELECT COUNT(*) FROM user_totp WHERE user_id = ? AND enabled_at IS NOT NULL),"
	    " (SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL)",
	    "ll", user_id, user_id);
	if (res == NULL || res->nrows != 1)
		return ERR;
	st->enabled = db_int(res, 0, 0) > 0;
	st->recovery_left = db_int(res, 0, 1);
	return OK;
}

/* Percent-encodes all but RFC 3986's unreserved characters. */
static char *
uri_part(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, 3 * strlen(s) + 1), *o = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || strchr("-._~", c) != NULL)
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

static void
enrolment_of(struct arena *a, const char *email, const char *secret,
    struct mfa_enrolment *e)
{
	e->secret = secret;
	e->uri = arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s"
	    "&algorithm=SHA1&digits=%d&period=%d", uri_part(a, MFA_ISSUER),
	    uri_part(a, email), secret, uri_part(a, MFA_ISSUER), DIGITS, STEP);
}

struct enrol_begin {
	struct arena		*a;
	long long		 user_id;
	int			 fresh;
	struct mfa_enrolment	*e;
};

static int
enrol_begin_txn(struct db *db, void *ctx)
{
	struct enrol_begin *c = ctx;
	unsigned char raw[SECRET_BYTES];
	struct db_res *res;
	const char *email;
	char *b32 = NULL, *secret;
	size_t len = 0;

	res = db_query(db, c->a, "SELECT u.email, t.secret, t.enabled_at IS NOT NULL"
	    " FROM users u LEFT JOIN user_totp t ON t.user_id = u.id"
	    " WHERE u.id = ? FOR UPDATE", "l", c->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	email = db_val(res, 0, 0);
	if (db_val(res, 0, 1) != NULL && db_int(res, 0, 2))
		return CONFLICT;
	if (db_val(res, 0, 1) != NULL && !c->fresh) {
		enrolment_of(c->a, email, db_val(res, 0, 1), c->e);
		return OK;
	}
	auth_random(raw, sizeof(raw));
	if (oath_base32_encode((const char *)raw, sizeof(raw), &b32, &len) != OATH_OK)
		return ERR;
	secret = arena_strndup(c->a, b32, len);
	free(b32);
	if (db_exec(db, "INSERT INTO user_totp (user_id, secret) VALUES (?, ?)"
	    " ON DUPLICATE KEY UPDATE secret = VALUES(secret), created_at = UTC_TIMESTAMP(),"
	    " last_step = 0, failures = 0, failed_at = NULL", "ls", c->user_id, secret) < 0)
		return ERR;
	enrolment_of(c->a, email, secret, c->e);
	return OK;
}

int
mfa_enrol_begin(struct db *db, struct arena *a, long long user_id, int fresh,
    struct mfa_enrolment *e)
{
	struct enrol_begin c = { a, user_id, fresh, e };

	return db_txn(db, enrol_begin_txn, &c);
}

/* The TOTP step code belongs to for secret (base32), or -1. */
static long long
code_step(const char *secret, const char *code)
{
	char *raw = NULL;
	size_t rawlen = 0, i;
	uint64_t step = 0;
	int pos = 0, rc;

	if (strlen(code) != DIGITS)
		return -1;
	for (i = 0; i < DIGITS; i++)
		if (!isdigit((unsigned char)code[i]))
			return -1;
	if (oath_base32_decode(secret, strlen(secret), &raw, &rawlen) != OATH_OK)
		return -1;
	rc = oath_totp_validate4(raw, rawlen, time(NULL), STEP, OATH_TOTP_DEFAULT_START_TIME,
	    WINDOW, &pos, &step, 0, code);
	free(raw);
	return rc >= 0 ? (long long)step : -1;
}

/* A recovery code as stored: its letters and digits lower-cased, then hashed. */
static const char *
recovery_hash(struct arena *a, const char *code)
{
	char *norm = arena_alloc(a, strlen(code) + 1), *o = norm;

	for (; *code; code++)
		if (isalnum((unsigned char)*code))
			*o++ = (char)tolower((unsigned char)*code);
	*o = '\0';
	if (o - norm != RECOVERY_CHARS)
		return NULL;
	return auth_sha256_hex(a, norm);
}

/* Ten characters no one misreads (no 0/o, 1/l/i), two groups of five
 * joined by a dash. */
static char *
recovery_new(struct arena *a)
{
	static const char alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
	unsigned char raw[RECOVERY_CHARS];
	char *out = arena_alloc(a, RECOVERY_CHARS + 2), *o = out;
	int i;

	auth_random(raw, sizeof(raw));
	for (i = 0; i < RECOVERY_CHARS; i++) {
		if (i == RECOVERY_CHARS / 2)
			*o++ = '-';
		/* 31 letters: the bias of % is below 1 in 8 per character,
		 * and each code still holds over 48 bits */
		*o++ = alphabet[raw[i] % (sizeof(alphabet) - 1)];
	}
	*o = '\0';
	return out;
}

struct enrol_finish {
	struct arena	*a;
	long long	 user_id;
	const char	*code;
	char		**codes;
};

static int
enrol_finish_txn(struct db *db, void *ctx)
{
	struct enrol_finish *c = ctx;
	struct db_res *res;
	long long step;
	int i;

	res = db_query(db, c->a, "SELECT secret FROM user_totp"
	    " WHERE user_id = ? AND enabled_at IS NULL FOR UPDATE", "l", c->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if ((step = code_step(db_val(res, 0, 0), c->code)) < 0)
		return INVALID;
	if (db_exec(db, "UPDATE user_totp SET enabled_at = UTC_TIMESTAMP(), last_step = ?,"
	    " failures = 0, failed_at = NULL WHERE user_id = ?", "ll", step, c->user_id) < 0 ||
	    db_exec(db, "DELETE FROM recovery_codes WHERE user_id = ?", "l", c->user_id) < 0)
		return ERR;
	for (i = 0; i < MFA_RECOVERY_CODES; i++) {
		c->codes[i] = recovery_new(c->a);
		if (db_exec(db, "INSERT INTO recovery_codes (user_id, code_hash)"
		    " VALUES (?, UNHEX(?))", "ls", c->user_id,
		    recovery_hash(c->a, c->codes[i])) < 0)
			return ERR;
	}
	c->codes[i] = NULL;
	return OK;
}

int
mfa_enrol_finish(struct db *db, struct arena *a, long long user_id, const char *code,
    char ***codes)
{
	struct enrol_finish c = { a, user_id, code, NULL };
	int rc;

	c.codes = arena_calloc(a, MFA_RECOVERY_CODES + 1, sizeof(*c.codes));
	if ((rc = db_txn(db, enrol_finish_txn, &c)) == OK)
		*codes = c.codes;
	return rc;
}

static int
disable_txn(struct db *db, void *ctx)
{
	const long long *user_id = ctx;

	if (db_exec(db, "DELETE FROM user_totp WHERE user_id = ?", "l", *user_id) < 0 ||
	    db_exec(db, "DELETE FROM recovery_codes WHERE user_id = ?", "l", *user_id) < 0 ||
	    db_exec(db, "DELETE FROM remembered_devices WHERE user_id = ?", "l", *user_id) < 0)
		return ERR;
	return OK;
}

int
mfa_disable(struct db *db, struct arena *a, long long user_id, const char *password)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT password_hash FROM users WHERE id = ?", "l", user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if (!auth_check_password(db_val(res, 0, 0), password))
		return INVALID;
	return db_txn(db, disable_txn, &user_id);
}

int
mfa_login_need(struct db *db, struct arena *a, long long user_id,
    const char *device_cookie, enum mfa_need *need)
{
	struct db_res *res;
	const char *device = device_cookie != NULL && strlen(device_cookie) == 2 * TOKEN_BYTES ?
	    auth_sha256_hex(a, device_cookie) : "";

	res = db_query(db, a,
	    "SELECT u.role = 'admin',"
	    " (SELECT COUNT(*) FROM user_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL),"
	    " (SELECT COUNT(*) FROM remembered_devices d WHERE d.user_id = u.id"
	    "   AND d.token_hash = UNHEX(?) AND d.expires_at > UTC_TIMESTAMP())"
	    " FROM users u WHERE u.id = ?", "sl", device, user_id);
	if (res == NULL || res->nrows != 1)
		return ERR;
	if (db_int(res, 0, 1) > 0)
		*need = db_int(res, 0, 2) > 0 ? MFA_NONE : MFA_CODE;
	else
		*need = db_int(res, 0, 0) && cfg.mfa_required_for_admins ? MFA_ENROL : MFA_NONE;
	return OK;
}

struct check {
	struct arena	*a;
	long long	 user_id;
	const char	*code;
	int		 locked;
};

static int
check_txn(struct db *db, void *ctx)
{
	struct check *c = ctx;
	struct db_res *res;
	const char *hash;
	long long step;

	res = db_query(db, c->a, "SELECT secret, last_step, failures >= ? AND"
	    " failed_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE FROM user_totp"
	    " WHERE user_id = ? AND enabled_at IS NOT NULL FOR UPDATE",
	    "iil", cfg.login_failures, MFA_LOCK_MINUTES, c->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if (db_int(res, 0, 2)) {
		c->locked = 1;
		return CONFLICT;
	}
	step = code_step(db_val(res, 0, 0), c->code);
	if (step >= 0) {
		/* A step at or before the last one accepted is a replay. */
		if (step <= db_int(res, 0, 1))
			return INVALID;
		if (db_exec(db, "UPDATE user_totp SET last_step = ?, failures = 0,"
		    " failed_at = NULL WHERE user_id = ?", "ll", step, c->user_id) < 0)
			return ERR;
		return OK;
	}
	if ((hash = recovery_hash(c->a, c->code)) == NULL)
		return INVALID;
	switch (db_exec(db, "UPDATE recovery_codes SET used_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND code_hash = UNHEX(?) AND used_at IS NULL",
	    "ls", c->user_id, hash)) {
	case 1:
		break;
	case 0:
		return INVALID;
	default:
		return ERR;
	}
	if (db_exec(db, "UPDATE user_totp SET failures = 0, failed_at = NULL"
	    " WHERE user_id = ?", "l", c->user_id) < 0)
		return ERR;
	return OK;
}

enum mfa_check
mfa_check_code(struct db *db, struct arena *a, long long user_id, const char *code)
{
	struct check c = { a, user_id, code, 0 };

	switch (db_txn(db, check_txn, &c)) {
	case OK:
		return MFA_CHECK_OK;
	case CONFLICT:
		return MFA_CHECK_LOCKED;
	case INVALID:
	case NOT_FOUND:
		/* Counted outside the transaction that was rolled back. */
		if (db_exec(db, "UPDATE user_totp SET failures = failures + 1,"
		    " failed_at = UTC_TIMESTAMP() WHERE user_id = ?", "l", user_id) < 0)
			return MFA_CHECK_ERROR;
		return MFA_CHECK_WRONG;
	default:
		return MFA_CHECK_ERROR;
	}
}

/* A new row of a token's hash for user_id, in one transaction with the
 * removal of the user's expired ones: a login challenge or a device. */
struct token_row {
	const char	*drop;		/* DELETE of the expired rows */
	const char	*add;		/* INSERT of (hash, user_id, a number) */
	const char	*hash;
	long long	 user_id;
	int		 n;
};

static int
token_row_txn(struct db *db, void *ctx)
{
	const struct token_row *c = ctx;

	if (db_exec(db, c->drop, "l", c->user_id) < 0 ||
	    db_exec(db, c->add, "sli", c->hash, c->user_id, c->n) < 0)
		return ERR;
	return OK;
}

static int
token_row(struct db *db, struct arena *a, struct token_row *c, char **token)
{
	char *t = auth_random_hex(a, TOKEN_BYTES);

	c->hash = auth_sha256_hex(a, t);
	if (db_txn(db, token_row_txn, c) != OK)
		return ERR;
	*token = t;
	return OK;
}

int
mfa_challenge_start(struct db *db, struct arena *a, long long user_id, int enrol,
    char **token)
{
	struct token_row c = {
		"DELETE FROM login_challenges WHERE user_id = ? AND expires_at < UTC_TIMESTAMP()",
		enrol ? "INSERT INTO login_challenges (token_hash, user_id, enrol, expires_at)"
		    " VALUES (UNHEX(?), ?, 1, UTC_TIMESTAMP() + INTERVAL ? MINUTE)" :
		    "INSERT INTO login_challenges (token_hash, user_id, enrol, expires_at)"
		    " VALUES (UNHEX(?), ?, 0, UTC_TIMESTAMP() + INTERVAL ? MINUTE)",
		NULL, user_id, MFA_CHALLENGE_MINUTES,
	};

	return token_row(db, a, &c, token);
}

int
mfa_challenge_find(struct db *db, struct arena *a, const char *token,
    long long *user_id, int *enrol)
{
	struct db_res *res;

	if (token == NULL || strlen(token) != 2 * TOKEN_BYTES)
		return NOT_FOUND;
	res = db_query(db, a, "SELECT user_id, enrol FROM login_challenges"
	    " WHERE token_hash = UNHEX(?) AND expires_at > UTC_TIMESTAMP()",
	    "s", auth_sha256_hex(a, token));
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	*user_id = db_int(res, 0, 0);
	*enrol = (int)db_int(res, 0, 1);
	return OK;
}

int
mfa_challenge_end(struct db *db, struct arena *a, const char *token)
{
	return db_exec(db, "DELETE FROM login_challenges WHERE token_hash = UNHEX(?)",
	    "s", auth_sha256_hex(a, token)) < 0 ? ERR : OK;
}

int
mfa_remember_device(struct db *db, struct arena *a, long long user_id,
    char **token, long long *max_age)
{
	struct token_row c = {
		"DELETE FROM remembered_devices WHERE user_id = ? AND expires_at < UTC_TIMESTAMP()",
		"INSERT INTO remembered_devices (token_hash, user_id, expires_at)"
		    " VALUES (UNHEX(?), ?, UTC_TIMESTAMP() + INTERVAL ? DAY)",
		NULL, user_id, cfg.mfa_remember_days,
	};

	*max_age = (long long)cfg.mfa_remember_days * 86400;
	return token_row(db, a, &c, token);
}
