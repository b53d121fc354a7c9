/* domain/mfa.c: the second factor: TOTP (RFC 6238), recovery codes, remembered devices */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <liboath/oath.h>
#include <openssl/evp.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/result.h"
#include "db/db.h"
#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/mfa.h"

#define SECRET_BYTES	20	/* 160 bits, as RFC 4226 recommends */
#define TOKEN_BYTES	32
#define STEP		OATH_TOTP_DEFAULT_TIME_STEP_SIZE
#define WINDOW		1	/* one step either side, for clocks a little off */
#define DIGITS		6
#define RECOVERY_CHARS	10	/* shown as two groups of five */
#define KEY_BYTES	32	/* AES-256 */
#define NONCE_BYTES	12
#define TAG_BYTES	16
#define SEALED		"v1:"	/* a stored secret that is encrypted */

static unsigned char	key[KEY_BYTES];
static int		key_set;

static int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
mfa_init(void)
{
	const char *k = cfg.totp_key ? cfg.totp_key : "";
	int i, hi, lo;

	key_set = 0;
	if (*k != '\0') {
		for (i = 0; i < KEY_BYTES; i++) {
			if (strlen(k) != 2 * KEY_BYTES || (hi = hex_digit(k[2 * i])) < 0 ||
			    (lo = hex_digit(k[2 * i + 1])) < 0) {
				fprintf(stderr, "config: totp_key: expected %d hex digits"
				    " (openssl rand -hex %d)\n", 2 * KEY_BYTES, KEY_BYTES);
				return ERR;
			}
			key[i] = (unsigned char)(hi << 4 | lo);
		}
		key_set = 1;
	}
	if (oath_init() != OATH_OK) {
		fprintf(stderr, "mfa: cannot initialise liboath\n");
		return ERR;
	}
	return OK;
}

int
mfa_key_set(void)
{
	return key_set;
}

/*
 * A secret as stored: SEALED and the base64 of nonce, ciphertext and tag
 * of AES-256-GCM under totp_key, with the user's id as associated data so
 * a row copied onto another user does not open. NULL when there is no key
 * or OpenSSL fails.
 */
char *
mfa_seal(struct arena *a, long long user_id, const unsigned char *raw, size_t len)
{
	unsigned char buf[NONCE_BYTES + 64 + TAG_BYTES];
	char aad[24], *out;
	EVP_CIPHER_CTX *c;
	int n, ok;

	if (!key_set || len > 64)
		return NULL;
	snprintf(aad, sizeof(aad), "%lld", user_id);
	auth_random(buf, NONCE_BYTES);
	if ((c = EVP_CIPHER_CTX_new()) == NULL)
		return NULL;
	ok = EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, buf) == 1 &&
	    EVP_EncryptUpdate(c, NULL, &n, (const unsigned char *)aad, (int)strlen(aad)) == 1 &&
	    EVP_EncryptUpdate(c, buf + NONCE_BYTES, &n, raw, (int)len) == 1 &&
	    EVP_EncryptFinal_ex(c, buf + NONCE_BYTES + len, &n) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG_BYTES,
	    buf + NONCE_BYTES + len) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok)
		return NULL;
	len += NONCE_BYTES + TAG_BYTES;
	out = arena_alloc(a, sizeof(SEALED) + 4 * ((len + 2) / 3) + 1);
	memcpy(out, SEALED, sizeof(SEALED) - 1);
	EVP_EncodeBlock((unsigned char *)out + sizeof(SEALED) - 1, buf, (int)len);
	return out;
}

/*
 * The raw secret of a stored one, into raw (at least 64 bytes); its length,
 * or -1 when it does not open. One stored before secrets were encrypted
 * is its base32 text: *legacy is then set, for the caller to seal it.
 */
long
mfa_unseal(long long user_id, const char *stored, unsigned char *raw, int *legacy)
{
	unsigned char buf[4 * 64];
	size_t slen = strlen(stored);
	char aad[24], *plain = NULL;
	EVP_CIPHER_CTX *c;
	int n, len, pad, ok;
	size_t plen = 0;

	*legacy = strncmp(stored, SEALED, sizeof(SEALED) - 1) != 0;
	if (*legacy) {
		if (oath_base32_decode(stored, slen, &plain, &plen) != OATH_OK || plen > 64) {
			free(plain);
			return -1;
		}
		memcpy(raw, plain, plen);
		free(plain);
		return (long)plen;
	}
	stored += sizeof(SEALED) - 1;
	slen -= sizeof(SEALED) - 1;
	if (!key_set || slen == 0 || slen % 4 != 0 || slen / 4 * 3 > sizeof(buf))
		return -1;
	pad = (stored[slen - 1] == '=') + (slen > 1 && stored[slen - 2] == '=');
	if ((len = EVP_DecodeBlock(buf, (const unsigned char *)stored, (int)slen)) < 0)
		return -1;
	len -= pad;
	if (len <= NONCE_BYTES + TAG_BYTES || len - NONCE_BYTES - TAG_BYTES > 64)
		return -1;
	len -= NONCE_BYTES + TAG_BYTES;
	snprintf(aad, sizeof(aad), "%lld", user_id);
	if ((c = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	ok = EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, buf) == 1 &&
	    EVP_DecryptUpdate(c, NULL, &n, (const unsigned char *)aad, (int)strlen(aad)) == 1 &&
	    EVP_DecryptUpdate(c, raw, &n, buf + NONCE_BYTES, len) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG_BYTES,
	    buf + NONCE_BYTES + len) == 1 &&
	    EVP_DecryptFinal_ex(c, raw + n, &n) == 1;
	EVP_CIPHER_CTX_free(c);
	return ok ? len : -1;
}

/* The base32 text of a raw secret, as the app is given it. */
static char *
base32_of(struct arena *a, const unsigned char *raw, size_t len)
{
	char *b32 = NULL, *out;
	size_t n = 0;

	if (oath_base32_encode((const char *)raw, len, &b32, &n) != OATH_OK)
		return NULL;
	out = arena_strndup(a, b32, n);
	free(b32);
	return out;
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
	unsigned char raw[64];
	struct db_res *res;
	const char *email, *secret, *sealed;
	long len;
	int legacy;

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
	if (db_val(res, 0, 1) != NULL && !c->fresh &&
	    (len = mfa_unseal(c->user_id, db_val(res, 0, 1), raw, &legacy)) > 0 &&
	    (secret = base32_of(c->a, raw, (size_t)len)) != NULL) {
		enrolment_of(c->a, email, secret, c->e);
		return OK;
	}
	auth_random(raw, SECRET_BYTES);
	if ((secret = base32_of(c->a, raw, SECRET_BYTES)) == NULL ||
	    (sealed = mfa_seal(c->a, c->user_id, raw, SECRET_BYTES)) == NULL)
		return ERR;
	if (db_exec(db, "INSERT INTO user_totp (user_id, secret) VALUES (?, ?)"
	    " ON DUPLICATE KEY UPDATE secret = VALUES(secret), created_at = UTC_TIMESTAMP(),"
	    " last_step = 0, failures = 0, failed_at = NULL", "ls", c->user_id, sealed) < 0)
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

/* The TOTP step code belongs to for user_id's stored secret, or -1;
 * *legacy as mfa_unseal() sets it. */
static long long
code_step(long long user_id, const char *stored, const char *code, int *legacy)
{
	unsigned char raw[64];
	uint64_t step = 0;
	size_t i;
	long len;
	int pos = 0, rc;

	*legacy = 0;
	if (strlen(code) != DIGITS)
		return -1;
	for (i = 0; i < DIGITS; i++)
		if (!isdigit((unsigned char)code[i]))
			return -1;
	if ((len = mfa_unseal(user_id, stored, raw, legacy)) <= 0)
		return -1;
	rc = oath_totp_validate4((const char *)raw, (size_t)len, time(NULL), STEP,
	    OATH_TOTP_DEFAULT_START_TIME, WINDOW, &pos, &step, 0, code);
	return rc >= 0 ? (long long)step : -1;
}

/* Stores a secret read in plain sealed, the migration path of rows from
 * before secrets were encrypted (no key: left for later). */
static int
reseal(struct db *db, struct arena *a, long long user_id, const char *stored)
{
	unsigned char raw[64];
	const char *sealed;
	long len;
	int legacy;

	if (!key_set || (len = mfa_unseal(user_id, stored, raw, &legacy)) <= 0 || !legacy)
		return OK;
	if ((sealed = mfa_seal(a, user_id, raw, (size_t)len)) == NULL)
		return ERR;
	return db_exec(db, "UPDATE user_totp SET secret = ? WHERE user_id = ?", "sl",
	    sealed, user_id) < 0 ? ERR : OK;
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

/* Replaces the user's recovery codes with MFA_RECOVERY_CODES new ones,
 * into codes (NULL-terminated; only their hashes are stored). */
static int
recovery_replace(struct db *db, struct arena *a, long long user_id, char **codes)
{
	int i;

	if (db_exec(db, "DELETE FROM recovery_codes WHERE user_id = ?", "l", user_id) < 0)
		return ERR;
	for (i = 0; i < MFA_RECOVERY_CODES; i++) {
		codes[i] = recovery_new(a);
		if (db_exec(db, "INSERT INTO recovery_codes (user_id, code_hash)"
		    " VALUES (?, UNHEX(?))", "ls", user_id, recovery_hash(a, codes[i])) < 0)
			return ERR;
	}
	codes[i] = NULL;
	return OK;
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
	int legacy;

	res = db_query(db, c->a, "SELECT secret FROM user_totp"
	    " WHERE user_id = ? AND enabled_at IS NULL FOR UPDATE", "l", c->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if ((step = code_step(c->user_id, db_val(res, 0, 0), c->code, &legacy)) < 0)
		return INVALID;
	if (db_exec(db, "UPDATE user_totp SET enabled_at = UTC_TIMESTAMP(), last_step = ?,"
	    " failures = 0, failed_at = NULL WHERE user_id = ?", "ll", step, c->user_id) < 0 ||
	    (legacy && reseal(db, c->a, c->user_id, db_val(res, 0, 0)) != OK))
		return ERR;
	return recovery_replace(db, c->a, c->user_id, c->codes);
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

/* The user's password, throttled and counted like a login's. */
static int
own_password(struct db *db, struct arena *a, const struct actor *who, const char *password,
    long long *retry_after)
{
	struct db_res *res;

	*retry_after = 0;
	res = db_query(db, a, "SELECT password_hash, email FROM users WHERE id = ?", "l",
	    who->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if (password == NULL)
		return INVALID;
	return auth_check_current(db, a, who, db_val(res, 0, 1), db_val(res, 0, 0), password,
	    retry_after);
}

int
mfa_disable(struct db *db, struct arena *a, const struct actor *who, const char *password,
    long long *retry_after)
{
	long long user_id = who->user_id;
	int rc;

	if ((rc = own_password(db, a, who, password, retry_after)) != OK)
		return rc;
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
	struct arena		*a;
	const struct actor	*who;
	long long		 user_id;
	const char		*code;
	int			 locked;
	int			 wrong;
};

/* A wrong code: counted in the transaction that checked it, under the row
 * it holds, so codes sent at once are checked no more often than in turn
 * (and on a Galera cluster two nodes' counts conflict: the count is a
 * write), and in the security audit, saying when the codes are now
 * refused for a while. */
static int
count_wrong(struct db *db, struct check *c)
{
	struct db_res *res;
	long long n;

	c->wrong = 1;
	if (db_exec(db, "UPDATE user_totp SET failures = failures + 1,"
	    " failed_at = UTC_TIMESTAMP() WHERE user_id = ?", "l", c->user_id) < 0 ||
	    (res = db_query(db, c->a, "SELECT failures FROM user_totp WHERE user_id = ?",
	    "l", c->user_id)) == NULL)
		return ERR;
	n = res->nrows > 0 ? db_int(res, 0, 0) : 0;
	return audit_record(db, c->who, AUDIT_MFA_FAILED, c->user_id, NULL,
	    n >= cfg.login_failures ? arena_printf(c->a, "%lld wrong codes in a row;"
	    " codes refused for %d minutes", n, MFA_LOCK_MINUTES) :
	    arena_printf(c->a, "%lld wrong codes in a row", n));
}

static int
check_txn(struct db *db, void *ctx)
{
	struct check *c = ctx;
	struct db_res *res;
	const char *hash;
	long long step;
	int legacy;

	c->locked = c->wrong = 0;
	res = db_query(db, c->a, "SELECT secret, last_step, failures >= ? AND"
	    " failed_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE FROM user_totp"
	    " WHERE user_id = ? AND enabled_at IS NOT NULL FOR UPDATE",
	    "iil", cfg.login_failures, MFA_LOCK_MINUTES, c->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return count_wrong(db, c);
	if (db_int(res, 0, 2)) {
		c->locked = 1;
		return CONFLICT;
	}
	step = code_step(c->user_id, db_val(res, 0, 0), c->code, &legacy);
	if (step >= 0) {
		/* A step at or before the last one accepted is a replay. */
		if (step <= db_int(res, 0, 1))
			return count_wrong(db, c);
		if (db_exec(db, "UPDATE user_totp SET last_step = ?, failures = 0,"
		    " failed_at = NULL WHERE user_id = ?", "ll", step, c->user_id) < 0 ||
		    (legacy && reseal(db, c->a, c->user_id, db_val(res, 0, 0)) != OK))
			return ERR;
		return OK;
	}
	if ((hash = recovery_hash(c->a, c->code)) == NULL)
		return count_wrong(db, c);
	switch (db_exec(db, "UPDATE recovery_codes SET used_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND code_hash = UNHEX(?) AND used_at IS NULL",
	    "ls", c->user_id, hash)) {
	case 1:
		break;
	case 0:
		return count_wrong(db, c);
	default:
		return ERR;
	}
	if (db_exec(db, "UPDATE user_totp SET failures = 0, failed_at = NULL"
	    " WHERE user_id = ?", "l", c->user_id) < 0)
		return ERR;
	return OK;
}

enum mfa_check
mfa_check_code(struct db *db, struct arena *a, const struct actor *who,
    long long user_id, const char *code)
{
	struct check c = { a, who, user_id, code, 0, 0 };

	switch (db_txn(db, check_txn, &c)) {
	case OK:
		return c.wrong ? MFA_CHECK_WRONG : MFA_CHECK_OK;
	case CONFLICT:
		return MFA_CHECK_LOCKED;
	default:
		return MFA_CHECK_ERROR;
	}
}

/* What a renewal of the recovery codes writes, in one transaction. */
struct renewal {
	struct arena		*a;
	const struct actor	*who;
	char			**codes;
};

static int
renew_txn(struct db *db, void *ctx)
{
	struct renewal *c = ctx;
	struct db_res *res;

	res = db_query(db, c->a, "SELECT user_id FROM user_totp WHERE user_id = ?"
	    " AND enabled_at IS NOT NULL FOR UPDATE", "l", c->who->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if (recovery_replace(db, c->a, c->who->user_id, c->codes) != OK)
		return ERR;
	return audit_record(db, c->who, AUDIT_RECOVERY_CODES_NEW, c->who->user_id, NULL,
	    arena_printf(c->a, "%d new codes; the old ones no longer work",
	    MFA_RECOVERY_CODES));
}

int
mfa_recovery_renew(struct db *db, struct arena *a, const struct actor *who,
    const char *password, const char *code, char ***codes, long long *retry_after)
{
	struct renewal c = { a, who, NULL };
	int rc;

	*retry_after = 0;
	if (code != NULL && *code != '\0') {
		switch (mfa_check_code(db, a, who, who->user_id, code)) {
		case MFA_CHECK_OK:
			break;
		case MFA_CHECK_WRONG:
			return INVALID;
		case MFA_CHECK_LOCKED:
			*retry_after = MFA_LOCK_MINUTES * 60;
			return TOO_MANY_ATTEMPTS;
		default:
			return ERR;
		}
	} else if ((rc = own_password(db, a, who, password, retry_after)) != OK)
		return rc;
	c.codes = arena_calloc(a, MFA_RECOVERY_CODES + 1, sizeof(*c.codes));
	if ((rc = db_txn(db, renew_txn, &c)) == OK)
		*codes = c.codes;
	return rc;
}

int
mfa_forget_devices(struct db *db, long long user_id)
{
	return db_exec(db, "DELETE FROM remembered_devices WHERE user_id = ?", "l",
	    user_id) < 0 ? ERR : OK;
}

/* Encrypts, one transaction for all, the secrets stored before secrets
 * were: *n says how many. */
struct seal_all {
	struct arena	*a;
	int		 n;
};

static int
seal_all_txn(struct db *db, void *ctx)
{
	struct seal_all *c = ctx;
	struct db_res *res;
	int i;

	c->n = 0;
	res = db_query(db, c->a, "SELECT user_id, secret FROM user_totp"
	    " WHERE secret NOT LIKE 'v1:%' FOR UPDATE", "");
	if (res == NULL)
		return ERR;
	for (i = 0; i < res->nrows; i++) {
		if (reseal(db, c->a, db_int(res, i, 0), db_val(res, i, 1)) != OK)
			return ERR;
		c->n++;
	}
	return OK;
}

int
mfa_seal_all(struct db *db, struct arena *a, int *n)
{
	struct seal_all c = { a, 0 };
	int rc;

	if (!key_set)
		return INVALID;
	rc = db_txn(db, seal_all_txn, &c);
	*n = c.n;
	return rc;
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
