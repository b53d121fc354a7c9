/* domain/auth.c: passwords, sessions, CSRF, API tokens */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <sys/random.h>

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <zxcvbn.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "core/result.h"
#include "db/db.h"
#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/auth.h"

#define SALT_LEN	16
#define HASH_LEN	32
#define PARALLELISM	1
#define TOKEN_BYTES	32	/* 256 bits */
#define TOUCH_SECONDS	60	/* how stale last_seen_at may get */

void
auth_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	ssize_t got;

	while (n > 0) {
		got = getrandom(p, n, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			perror("getrandom");
			abort();
		}
		p += got;
		n -= (size_t)got;
	}
}

static void
to_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

char *
auth_random_hex(struct arena *a, size_t bytes)
{
	unsigned char raw[64];
	char *out = arena_alloc(a, 2 * bytes + 1);

	if (bytes > sizeof(raw))
		abort();
	auth_random(raw, bytes);
	to_hex(raw, bytes, out);
	return out;
}

int
auth_link_token(struct db *db, struct arena *a, const char *sql, long long id,
    size_t bytes, const char **token)
{
	char *t = auth_random_hex(a, bytes);
	long long n = db_exec(db, sql, "sl", auth_sha256_hex(a, t), id);

	if (n < 0)
		return ERR;
	if (n == 0)
		return NOT_FOUND;
	*token = t;
	return OK;
}

char *
auth_sha256_hex(struct arena *a, const char *s)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	char *out = arena_alloc(a, 2 * 32 + 1);

	if (EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL) != 1 || len != 32)
		abort();
	to_hex(md, 32, out);
	return out;
}

int
auth_token_shape(const char *t)
{
	size_t i;

	if (t == NULL || strlen(t) != 2 * TOKEN_BYTES)
		return 0;
	for (i = 0; t[i]; i++)
		if (!isxdigit((unsigned char)t[i]) || isupper((unsigned char)t[i]))
			return 0;
	return 1;
}

static int
same(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && CRYPTO_memcmp(a, b, n) == 0;
}

/* Breached passwords the length rule lets through, lower-cased and sorted
 * for bsearch. */
static char	**common;
static size_t	  ncommon;
static char	 *dummy;	/* auth_dummy_hash() */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

int
auth_init(const char *path)
{
	char line[256];
	size_t cap = 0, len, chars;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "auth: %s: %s\n", path, strerror(errno));
		return ERR;
	}
	while (ncommon > 0)
		free(common[--ncommon]);
	while (fgets(line, sizeof(line), f) != NULL) {
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		/* A shorter or longer one is refused by its length anyway. */
		chars = utf8_chars(line);
		if (chars < PASSWORD_MIN || chars > PASSWORD_MAX)
			continue;
		if (ncommon == cap) {
			cap = cap ? cap * 2 : 1024;
			common = xrealloc(common, cap * sizeof(*common));
		}
		lower(line);
		common[ncommon++] = xstrdup(line);
	}
	fclose(f);
	qsort(common, ncommon, sizeof(*common), cmp_str);
	/* Made with today's cost, so that an unknown email takes as long to
	 * refuse as a wrong password, whatever the cost is set to. */
	free(dummy);
	/* not translated: hashed, never shown */
	if ((dummy = auth_hash_password("the password of nobody at all")) == NULL)
		return ERR;
	return OK;
}

const char *
auth_dummy_hash(void)
{
	return dummy;
}

/* zxcvbn's scores 1 to 4 start at 10^3, 10^6, 10^8 and 10^10 guesses. */
static const double score_bits[] = { 0.0, 9.966, 19.932, 26.575, 33.219 };

/* "must be at least 12 characters long", in the thread's language: the
 * problem outlives the call, so it is kept per thread. */
static const char *
length_problem(const char *fmt, int n)
{
	static _Thread_local char text[160];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* fmt is one of the literals above, with one %d */
	snprintf(text, sizeof(text), fmt, n);
#pragma GCC diagnostic pop
	return text;
}

/* Why zxcvbn finds a password easy: its longest predictable part. */
static const char *
weakness(const ZxcMatch_t *info)
{
	const ZxcMatch_t *m, *worst = NULL;

	for (m = info; m != NULL; m = m->Next)
		if ((m->Type & ~MULTIPLE_MATCH) != BRUTE_MATCH &&
		    (worst == NULL || m->Length > worst->Length))
			worst = m;
	switch (worst ? (int)(worst->Type & ~MULTIPLE_MATCH) : (int)BRUTE_MATCH) {
	case DICTIONARY_MATCH:
		return _("is too easy to guess: it is made of common words or passwords. A few unrelated,"
		    " uncommon words together make a strong one");
	case DICT_LEET_MATCH:
		return _("is too easy to guess: it is a common word with letters swapped for look-alikes. A few unrelated,"
		    " uncommon words together make a strong one");
	case USER_MATCH:
	case USER_LEET_MATCH:
		return _("is too easy to guess: it contains your name or email address. A few unrelated,"
		    " uncommon words together make a strong one");
	case REPEATS_MATCH:
		return _("is too easy to guess: it repeats characters or a pattern. A few unrelated,"
		    " uncommon words together make a strong one");
	case SEQUENCE_MATCH:
		return _("is too easy to guess: it is a sequence like abcd or 1234. A few unrelated,"
		    " uncommon words together make a strong one");
	case SPATIAL_MATCH:
		return _("is too easy to guess: it is a keyboard pattern like qwerty. A few unrelated,"
		    " uncommon words together make a strong one");
	case DATE_MATCH:
	case YEAR_MATCH:
		return _("is too easy to guess: it is mostly a date or a year. A few unrelated,"
		    " uncommon words together make a strong one");
	default:
		return _("is too easy to guess: it is too predictable. A few unrelated,"
		    " uncommon words together make a strong one");
	}
}

const char *
auth_password_problem(const char *pw, const char *email, const char *name)
{
	size_t chars = utf8_chars(pw);
	const char *words[4] = { NULL, NULL, NULL, NULL }, *problem = NULL;
	ZxcMatch_t *info = NULL;
	char *low, *local = NULL;
	double bits;
	int found, n = 0;

	if (chars < PASSWORD_MIN)
		return length_problem(_("must be at least %d characters long"), PASSWORD_MIN);
	if (chars > PASSWORD_MAX)
		return length_problem(_("must be at most %d characters long"), PASSWORD_MAX);
	low = xstrdup(pw);
	lower(low);
	found = ncommon > 0 &&
	    bsearch(&low, common, ncommon, sizeof(*common), cmp_str) != NULL;
	free(low);
	if (found)
		return _("is one of the most common passwords; choose another");
	if (email != NULL && strcasecmp(pw, email) == 0)
		return _("must not be your email address");
	if (email != NULL) {
		words[n++] = email;
		local = xstrdup(email);
		local[strcspn(local, "@")] = '\0';
		words[n++] = local;
	}
	if (name != NULL)
		words[n++] = name;
	bits = ZxcvbnMatch(pw, words, &info);
	if (bits < score_bits[cfg.password_min_score])
		problem = weakness(info);
	ZxcvbnFreeInfo(info);
	free(local);
	return problem;
}

char *
auth_hash_password(const char *pw)
{
	unsigned char salt[SALT_LEN];
	uint32_t t = (uint32_t)cfg.argon2_iterations;
	uint32_t m = (uint32_t)cfg.argon2_memory_kib;
	size_t len = argon2_encodedlen(t, m, PARALLELISM, SALT_LEN, HASH_LEN, Argon2_id);
	char *out = xmalloc(len);
	int rc;

	auth_random(salt, sizeof(salt));
	rc = argon2id_hash_encoded(t, m, PARALLELISM, pw, strlen(pw), salt,
	    sizeof(salt), HASH_LEN, out, len);
	if (rc != ARGON2_OK) {
		fprintf(stderr, "argon2: %s\n", argon2_error_message(rc));
		free(out);
		return NULL;
	}
	return out;
}

int
auth_check_password(const char *hash, const char *pw)
{
	return argon2id_verify(hash, pw, strlen(pw)) == ARGON2_OK;
}

/* True when hash was made with other parameters than today's. */
static int
needs_rehash(const char *hash)
{
	char want[64];

	snprintf(want, sizeof(want), "$argon2id$v=19$m=%d,t=%d,p=%d$",
	    cfg.argon2_memory_kib, cfg.argon2_iterations, PARALLELISM);
	return strncmp(hash, want, strlen(want)) != 0;
}

const char *
auth_email_problem(const char *email)
{
	const char *at = strchr(email, '@');
	size_t len = strlen(email);

	if (len > EMAIL_MAX)
		return length_problem(_("must be at most %d characters long"), EMAIL_MAX);
	if (at == NULL || at == email || strchr(at + 1, '@') != NULL ||
	    strchr(at, '.') == NULL || at[1] == '.' || email[len - 1] == '.' ||
	    strpbrk(email, " \t\r\n<>()[],;:\"\\") != NULL)
		return _("must be an address like name@example.com");
	return NULL;
}

static struct user *
user_from(struct arena *a, const struct db_res *res, int col)
{
	struct user *u = arena_calloc(a, 1, sizeof(*u));

	u->id = db_int(res, 0, col);
	u->name = db_val(res, 0, col + 1);
	u->email = db_val(res, 0, col + 2);
	u->role = db_val(res, 0, col + 3);
	u->admin = strcmp(u->role, "admin") == 0;
	u->staff = u->admin || strcmp(u->role, "staff") == 0;
	return u;
}

static int
identify_bearer(struct db *db, struct arena *a, const char *token,
    struct identity *who)
{
	struct db_res *res;
	const char *hash;

	if (!auth_token_shape(token))
		return INVALID;
	hash = auth_sha256_hex(a, token);
	res = db_query(db, a,
	    "SELECT t.id, u.id, u.name, u.email, u.role,"
	    "  t.last_used_at IS NULL OR t.last_used_at < UTC_TIMESTAMP() - INTERVAL ? SECOND,"
	    "  u.language, u.waitlist_count > 0, u.credit_count > 0"
	    " FROM api_tokens t JOIN users u ON u.id = t.user_id"
	    " WHERE t.token_hash = UNHEX(?) AND t.revoked_at IS NULL"
	    "   AND (t.expires_at IS NULL OR t.expires_at > UTC_TIMESTAMP())",
	    "is", TOUCH_SECONDS, hash);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	who->user = user_from(a, res, 1);
	who->user->language = db_val(res, 0, 6);
	who->user->waiting = db_int(res, 0, 7) != 0;
	who->user->credits = db_int(res, 0, 8) != 0;
	who->bearer = 1;
	who->token_id = db_int(res, 0, 0);
	if (db_int(res, 0, 5) &&
	    db_exec(db, "UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() WHERE id = ?",
	    "l", db_int(res, 0, 0)) < 0)
		return ERR;
	return OK;
}

static int
identify_session(struct db *db, struct arena *a, const char *token,
    struct identity *who)
{
	struct db_res *res;
	const char *hash = auth_sha256_hex(a, token);

	res = db_query(db, a,
	    "SELECT s.csrf, u.id, u.name, u.email, u.role,"
	    "  s.last_seen_at < UTC_TIMESTAMP() - INTERVAL ? SECOND,"
	    "  u.unread, u.language, u.waitlist_count > 0, u.credit_count > 0"
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " WHERE s.token_hash = UNHEX(?) AND s.expires_at > UTC_TIMESTAMP()"
	    "   AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE",
	    "isi", TOUCH_SECONDS, hash, cfg.session_idle_minutes);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return OK;		/* expired or unknown: a visitor */
	who->user = user_from(a, res, 1);
	who->user->unread = db_int(res, 0, 6);
	who->user->language = db_val(res, 0, 7);
	who->user->waiting = db_int(res, 0, 8) != 0;
	who->user->credits = db_int(res, 0, 9) != 0;
	who->session = hash;
	who->csrf = db_val(res, 0, 0);
	/* Idle time counts from the last touch; touching at most once a
	 * minute keeps reads from turning into writes. */
	if (db_int(res, 0, 5) &&
	    db_exec(db, "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP()"
	    " WHERE token_hash = UNHEX(?)", "s", hash) < 0)
		return ERR;
	return OK;
}

int
auth_identify(struct db *db, struct arena *a, const char *bearer,
    const char *session_cookie, struct identity *who)
{
	memset(who, 0, sizeof(*who));
	if (bearer != NULL)
		return identify_bearer(db, a, bearer, who);
	if (auth_token_shape(session_cookie))
		return identify_session(db, a, session_cookie, who);
	return OK;
}

const char *
auth_csrf_token(struct arena *a, const char *cookie, int *fresh)
{
	*fresh = !auth_token_shape(cookie);
	return *fresh ? auth_random_hex(a, TOKEN_BYTES) : cookie;
}

int
auth_csrf_matches(const char *given, const char *want)
{
	return given != NULL && want != NULL && auth_token_shape(want) && same(given, want);
}

const char *
auth_throttle_key(struct arena *a, const char *address)
{
	unsigned char in6[16];
	char text[INET6_ADDRSTRLEN];

	if (address == NULL)
		return "";
	/* One holder of an IPv6 network has all of its /64: count it as one. */
	if (inet_pton(AF_INET6, address, in6) != 1)
		return address;
	memset(in6 + 8, 0, 8);
	if (inet_ntop(AF_INET6, in6, text, sizeof(text)) == NULL)
		return address;
	return arena_printf(a, "%s/64", text);
}

long long
auth_lock_wait(long long n, long long since, long long recent)
{
	long long lock = LOCK_MINUTES * 60;

	if (n >= cfg.login_failures) {
		while (n-- > cfg.login_failures && lock < LOCK_MAX_SECONDS)
			lock *= 2;
		if (lock > LOCK_MAX_SECONDS)
			lock = LOCK_MAX_SECONDS;
		return lock > since ? lock - since : 0;
	}
	/* Many addresses at once: those that failed wait, the others may try. */
	if (recent >= cfg.login_failures_account && n > 0 && since < lock)
		return lock - since;
	return 0;
}

/* The pair's failures in the last day, the seconds since its latest, and
 * the account's failures from everywhere in the last LOCK_MINUTES. */
static int
failures(struct db *db, struct arena *a, const char *email, const char *key,
    long long *n, long long *since, long long *recent)
{
	struct db_res *res;

	res = db_query(db, a,
	    "SELECT COALESCE(SUM(address = ?), 0),"
	    "  COALESCE(TIMESTAMPDIFF(SECOND, MAX(IF(address = ?, failed_at, NULL)),"
	    "   UTC_TIMESTAMP()), 0),"
	    "  COALESCE(SUM(failed_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE), 0)"
	    " FROM login_failures"
	    " WHERE email = ? AND failed_at > UTC_TIMESTAMP() - INTERVAL ? SECOND",
	    "ssisi", key, key, LOCK_MINUTES, email, LOCK_MAX_SECONDS);
	if (res == NULL)
		return ERR;
	*n = db_int(res, 0, 0);
	*since = db_int(res, 0, 1);
	*recent = db_int(res, 0, 2);
	return OK;
}

/* What a password check waits for, and the failure it is counted as. */
struct turn {
	struct arena	*arena;
	const char	*email;
	const char	*key;
	long long	 wait;
	long long	 ahead;		/* the login_failures row counted ahead */
};

static int
turn_txn(struct db *db, void *ctx)
{
	struct turn *t = ctx;
	long long n, since, recent;

	/* The email's row first, a write: checks of one email take turns on
	 * every node (sql/048), and each reads the failures of those before. */
	t->ahead = 0;
	if (db_exec(db, "INSERT INTO login_turns (email, turns) VALUES (?, 1)"
	    " ON DUPLICATE KEY UPDATE turns = turns + 1", "s", t->email) < 0 ||
	    failures(db, t->arena, t->email, t->key, &n, &since, &recent) != OK)
		return ERR;
	if ((t->wait = auth_lock_wait(n, since, recent)) > 0)
		return OK;
	/* Failures older than a day count for nothing (failures()); run-jobs
	 * forgets them (auth_failures_purge). */
	if (db_exec(db, "INSERT INTO login_failures (email, address) VALUES (?, ?)",
	    "ss", t->email, t->key) < 0)
		return ERR;
	t->ahead = db_insert_id(db);
	return OK;
}

/* Seconds the pair must wait before its next password is checked (0: go
 * ahead), or -1 when the database failed; *ahead: the failure counted for
 * the check let through (0: none). */
static long long
auth_throttle(struct db *db, struct arena *a, const char *email, const char *address,
    long long *ahead)
{
	struct turn t = { a, email, auth_throttle_key(a, address), 0, 0 };

	*ahead = 0;
	if (db_txn(db, turn_txn, &t) != OK)
		return -1;
	*ahead = t.ahead;
	return t.wait;
}

int
auth_failures_purge(struct db *db, const char *now)
{
	/* A turns row is wanted only while a check of its email runs, and a
	 * running check has its failure counted: one without any goes. */
	return db_exec(db, "DELETE FROM login_failures"
	    " WHERE failed_at < COALESCE(?, UTC_TIMESTAMP()) - INTERVAL ? SECOND",
	    "si", now, LOCK_MAX_SECONDS) < 0 ||
	    db_exec(db, "DELETE FROM login_turns WHERE NOT EXISTS (SELECT 1 FROM"
	    " login_failures f WHERE f.email = login_turns.email)", "") < 0 ? ERR : OK;
}

/* The check counted ahead was no failure. */
static int
auth_not_failed(struct db *db, long long ahead)
{
	if (ahead == 0)
		return OK;
	return db_exec(db, "DELETE FROM login_failures WHERE id = ?", "l", ahead) < 0 ? ERR : OK;
}

struct failure {
	struct arena		*arena;
	const struct actor	*who;
	enum audit_type		 type;
	long long		 user_id;
	const char		*email;
	const char		*key;
	long long		 wait;
};

static int
failure_txn(struct db *db, void *ctx)
{
	struct failure *f = ctx;
	long long n, since, recent;

	/* The failure itself was counted before the check (auth_throttle). */
	if (audit_record(db, f->who, f->type, f->user_id, f->email, NULL) != OK ||
	    failures(db, f->arena, f->email, f->key, &n, &since, &recent) != OK)
		return ERR;
	f->wait = auth_lock_wait(n, 0, recent);
	if (f->wait > 0 && audit_record(db, f->who, AUDIT_LOCKOUT, f->user_id,
	    f->email, arena_printf(f->arena, "%lld failures from this address in a"
	    " day, %lld from any in %d minutes; locked for %lld s", n, recent,
	    LOCK_MINUTES, f->wait)) != OK)
		return ERR;
	return OK;
}

/* Audits a wrong password counted ahead against the pair (who's address),
 * as type about user_id (0: no account) and as a lock-out when it locks;
 * *retry_after is then the wait, else 0. */
static int
auth_failure(struct db *db, struct arena *a, const struct actor *who,
    enum audit_type type, long long user_id, const char *email,
    long long *retry_after)
{
	struct failure f = { a, who, type, user_id, email,
	    auth_throttle_key(a, who ? who->address : NULL), 0 };
	int rc = db_txn(db, failure_txn, &f);

	*retry_after = f.wait;
	return rc;
}

int
auth_check_current(struct db *db, struct arena *a, const struct actor *who,
    const char *email, const char *hash, const char *password, long long *retry_after)
{
	long long ahead;

	if ((*retry_after = auth_throttle(db, a, email, who->address, &ahead)) < 0)
		return ERR;
	if (*retry_after > 0)
		return TOO_MANY_ATTEMPTS;
	if (auth_check_password(hash, password))
		return auth_not_failed(db, ahead);
	return auth_failure(db, a, who, AUDIT_PASSWORD_CHANGE_FAILED, who->user_id, email,
	    retry_after) == OK ? INVALID : ERR;
}

enum login_result
auth_login(struct db *db, struct arena *a, struct login_attempt *in)
{
	const char *address = in->from ? in->from->address : NULL;
	struct db_res *res, *pending;
	const char *hash;
	long long wait, ahead;
	int ok, sane;

	if ((wait = auth_throttle(db, a, in->email, address, &ahead)) < 0)
		return LOGIN_ERROR;
	if (wait > 0) {
		in->retry_after = wait;
		return LOGIN_LOCKED;
	}
	res = db_query(db, a,
	    "SELECT id, password_hash FROM users WHERE email = ? AND password_hash <> ''",
	    "s", in->email);
	if (res == NULL)
		return LOGIN_ERROR;
	/* Checked when the email is unknown, so both cases take as long. */
	hash = res->nrows ? db_val(res, 0, 1) : dummy;
	if (hash == NULL)
		return LOGIN_ERROR;	/* auth_init() was not run */
	sane = strlen(in->password) <= 4 * PASSWORD_MAX;
	ok = sane && auth_check_password(hash, in->password) && res->nrows > 0;
	if (!ok) {
		/*
		 * The password of a sign-up still waiting for its link, the
		 * latest of that email. Every sign-up leaves one, for a taken
		 * address as for a new one, and the dummy is checked when
		 * there is none, so a failure costs two checks whatever
		 * exists: nobody learns from "confirm first" or from the time
		 * taken whether the address has an account.
		 */
		pending = db_query(db, a, "SELECT password_hash FROM pending_signups"
		    " WHERE email = ? AND expires_at > UTC_TIMESTAMP()"
		    " ORDER BY id DESC LIMIT 1", "s", in->email);
		if (pending == NULL)
			return LOGIN_ERROR;
		if (sane && auth_check_password(pending->nrows ? db_val(pending, 0, 0) :
		    dummy, in->password) && pending->nrows > 0)
			return auth_not_failed(db, ahead) == OK ? LOGIN_UNCONFIRMED : LOGIN_ERROR;
		return auth_failure(db, a, in->from, AUDIT_LOGIN_FAILED,
		    res->nrows ? db_int(res, 0, 0) : 0, in->email, &wait) == OK ?
		    LOGIN_FAILED : LOGIN_ERROR;
	}
	in->user_id = db_int(res, 0, 0);
	/* Only this pair's failures (this check's among them): a stranger's
	 * stay counted against them. */
	if (db_exec(db, "DELETE FROM login_failures WHERE email = ? AND address = ?",
	    "ss", in->email, auth_throttle_key(a, address)) < 0)
		return LOGIN_ERROR;
	if (needs_rehash(hash)) {
		char *fresh = auth_hash_password(in->password);

		if (fresh != NULL) {
			db_exec(db, "UPDATE users SET password_hash = ? WHERE id = ?",
			    "sl", fresh, in->user_id);
			free(fresh);
		}
	}
	return LOGIN_OK;
}

struct session_start {
	const char		*replaced;
	long long		 user_id;
	struct auth_session	*s;
};

static int
session_start_txn(struct db *db, void *ctx)
{
	struct session_start *c = ctx;

	/* A new token at every login: a token planted before it is worthless. */
	if (c->replaced != NULL && auth_session_end(db, c->replaced) != OK)
		return ERR;
	if (db_exec(db, "DELETE FROM sessions WHERE user_id = ? AND"
	    " (expires_at < UTC_TIMESTAMP() OR last_seen_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE)",
	    "li", c->user_id, cfg.session_idle_minutes) < 0 ||
	    db_exec(db, "INSERT INTO sessions (token_hash, user_id, csrf, expires_at)"
	    " VALUES (UNHEX(?), ?, ?, UTC_TIMESTAMP() + INTERVAL ? HOUR)",
	    "slsi", c->s->hash, c->user_id, c->s->csrf, cfg.session_max_hours) < 0)
		return ERR;
	return OK;
}

int
auth_session_start(struct db *db, struct arena *a, const char *replaced,
    long long user_id, struct auth_session *s)
{
	struct session_start c;

	s->token = auth_random_hex(a, TOKEN_BYTES);
	s->hash = auth_sha256_hex(a, s->token);
	s->csrf = auth_random_hex(a, TOKEN_BYTES);
	s->max_age = (long long)cfg.session_max_hours * 3600;
	c.replaced = replaced;
	c.user_id = user_id;
	c.s = s;
	return db_txn(db, session_start_txn, &c);
}

int
auth_session_end(struct db *db, const char *hash)
{
	return db_exec(db, "DELETE FROM sessions WHERE token_hash = UNHEX(?)",
	    "s", hash) < 0 ? ERR : OK;
}

int
auth_sessions_end_others(struct db *db, long long user_id, const char *kept)
{
	return db_exec(db, "DELETE FROM sessions WHERE user_id = ?"
	    " AND token_hash <> UNHEX(?)", "ls", user_id, kept ? kept : "") < 0 ?
	    ERR : OK;
}

/* Stores a new token for user_id; *token is the only copy of it. */
static int
token_insert(struct db *db, struct arena *a, long long user_id, const char *name,
    int hours, char **token)
{
	char *t = auth_random_hex(a, TOKEN_BYTES);

	if (db_exec(db, "INSERT INTO api_tokens (user_id, name, token_hash, expires_at)"
	    " VALUES (?, ?, UNHEX(?), IF(? > 0, UTC_TIMESTAMP() + INTERVAL ? HOUR, NULL))",
	    "lssii", user_id, name, auth_sha256_hex(a, t), hours, hours) < 0)
		return ERR;
	*token = t;
	return OK;
}

/* What a sign-in's last step or a new token writes, in one transaction. */
struct token_write {
	struct arena		*arena;
	const struct actor	*who;
	long long		 user_id;
	const char		*name;
	int			 hours;
	char			**token;
	const char		*replaced;
	struct auth_session	*session;
};

static int
personal_token_txn(struct db *db, void *ctx)
{
	struct token_write *w = ctx;

	if (token_insert(db, w->arena, w->user_id, w->name, 0, w->token) != OK)
		return ERR;
	return audit_record(db, w->who, AUDIT_TOKEN_CREATED, w->user_id, NULL,
	    arena_printf(w->arena, "token %lld \"%s\"", db_insert_id(db), w->name));
}

int
auth_token_create(struct db *db, struct arena *a, const struct actor *who,
    long long user_id, const char *name, char **token)
{
	struct token_write w = { a, who, user_id, name, 0, token, NULL, NULL };

	return db_txn(db, personal_token_txn, &w);
}

static int
login_token_txn(struct db *db, void *ctx)
{
	struct token_write *w = ctx;

	if (token_insert(db, w->arena, w->user_id, w->name, w->hours, w->token) != OK)
		return ERR;
	return audit_record(db, w->who, AUDIT_LOGIN, w->user_id, NULL,
	    arena_printf(w->arena, "API token %lld for %d hours", db_insert_id(db),
	    w->hours));
}

int
auth_login_token(struct db *db, struct arena *a, const struct actor *who,
    long long user_id, int hours, char **token)
{
	/* not translated: the token's stored name */
	struct token_write w = { a, who, user_id, "API login", hours, token, NULL, NULL };

	return db_txn(db, login_token_txn, &w);
}

static int
login_session_txn(struct db *db, void *ctx)
{
	struct token_write *w = ctx;

	if (auth_session_start(db, w->arena, w->replaced, w->user_id, w->session) != OK)
		return ERR;
	return audit_record(db, w->who, AUDIT_LOGIN, w->user_id, NULL, "browser session");
}

int
auth_login_session(struct db *db, struct arena *a, const struct actor *who,
    const char *replaced, long long user_id, struct auth_session *s)
{
	struct token_write w = { a, who, user_id, NULL, 0, NULL, replaced, s };

	return db_txn(db, login_session_txn, &w);
}

static void
token_fill(const struct db_res *res, int i, void *out)
{
	struct api_token *t = out;

	t->id = db_int(res, i, 0);
	t->name = db_val(res, i, 1);
	t->created_at = db_val(res, i, 2);
	t->last_used_at = db_val(res, i, 3);
	t->expires_at = db_val(res, i, 4);
}

int
auth_token_list(struct db *db, struct arena *a, long long user_id,
    struct api_token **out, int *n)
{
	*out = db_rows(a, db_query(db, a,
	    "SELECT id, name, created_at, last_used_at, expires_at FROM api_tokens"
	    " WHERE user_id = ? AND revoked_at IS NULL"
	    "   AND (expires_at IS NULL OR expires_at > UTC_TIMESTAMP())"
	    " ORDER BY created_at DESC, id DESC", "l", user_id),
	    sizeof(**out), token_fill, n);
	return *out != NULL ? OK : ERR;
}

struct token_revoke {
	const struct actor	*who;
	long long		 user_id;
	long long		 id;
};

static int
token_revoke_txn(struct db *db, void *ctx)
{
	struct token_revoke *c = ctx;
	struct db_res *res;
	struct arena a;
	int rc = ERR;

	arena_init(&a);
	res = db_query(db, &a, "SELECT name FROM api_tokens WHERE id = ? AND user_id = ?"
	    " AND revoked_at IS NULL FOR UPDATE", "ll", c->id, c->user_id);
	if (res == NULL)
		goto out;
	if (res->nrows == 0) {
		rc = NOT_FOUND;
		goto out;
	}
	if (db_exec(db, "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP() WHERE id = ?",
	    "l", c->id) < 0)
		goto out;
	rc = audit_record(db, c->who, AUDIT_TOKEN_REVOKED, c->user_id, NULL,
	    arena_printf(&a, "token %lld \"%s\"", c->id, db_val(res, 0, 0)));
out:
	arena_free(&a);
	return rc;
}

int
auth_token_revoke(struct db *db, const struct actor *who, long long user_id,
    long long id)
{
	struct token_revoke c = { who, user_id, id };

	return db_txn(db, token_revoke_txn, &c);
}

long long
auth_tokens_revoke_all(struct db *db, long long user_id, int all)
{
	return db_exec(db, "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND revoked_at IS NULL"
	    "   AND (? OR expires_at IS NOT NULL)", "li", user_id, all);
}
