/* domain/account.c: users and their settings, shared by the pages and the API */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fields.h"
#include "core/lang.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/guest.h"
#include "domain/mail.h"
#include "domain/mfa.h"

/* Whether a new password is acceptable, checked once it was read. */
static void
check_password(const char *field, const char *pw, const char *email,
    const char *name, struct field_errors *fe)
{
	const char *problem;

	if (pw != NULL && (problem = auth_password_problem(pw, email, name)) != NULL)
		field_error(fe, field, "The password %s.", problem);
}

/* What account_add() writes, in one transaction. */
struct new_account {
	const struct actor	*who;
	enum audit_type		 why;
	const char		*email;
	const char		*name;
	const char		*hash;
	const char		*role;
	long long		 user_id;
};

static int
add_txn(struct db *db, void *ctx)
{
	struct new_account *n = ctx;

	/* The language the account was made in is its own until it picks one. */
	if (db_exec(db, "INSERT INTO users (email, name, password_hash, role, language)"
	    " VALUES (?, ?, ?, ?, ?)", "sssss", n->email, n->name, n->hash, n->role,
	    lang_code(lang_current())) < 0)
		return db_errno(db) == DB_DUP_KEY ? CONFLICT : ERR;
	n->user_id = db_insert_id(db);
	return audit_record(db, n->who, n->why, n->user_id, NULL,
	    strcmp(n->role, "admin") == 0 ? "as admin" : "as customer");
}

int
account_add(struct db *db, const struct actor *who, enum audit_type why,
    const char *email, const char *name, const char *password_hash,
    const char *role, long long *user_id)
{
	struct new_account n = { who, why, email, name, password_hash, role, 0 };
	int rc = db_txn(db, add_txn, &n);

	*user_id = n.user_id;
	return rc;
}

/*
 * What a sign-up writes, in one transaction: a pending sign-up, new
 * address or taken, and its mail: a link that makes the account for a new
 * address, a word to the owner of a taken one. Both cost one argon2 hash
 * and a few rows, and the answer is the same, so neither what is said nor
 * how long it takes tells whether the address has an account.
 */
struct signup {
	const struct actor		*who;
	const struct account_input	*in;
	const char			*hash;
};

static int
signup_txn(struct db *db, void *ctx)
{
	struct signup *s = ctx;
	struct db_res *res;
	struct arena a;
	long long id;
	int rc = ERR;

	arena_init(&a);
	/* A guest's address (no password) is new here: its sign-up makes the
	 * account, which takes the guest's bookings (guest_claim). */
	res = db_query(db, &a, "SELECT id, email, name FROM users WHERE email = ?"
	    " AND password_hash <> ''", "s", s->in->email);
	if (res == NULL ||
	    db_exec(db, "DELETE FROM pending_signups WHERE email = ?"
	    " AND expires_at < UTC_TIMESTAMP()", "s", s->in->email) < 0 ||
	    db_exec(db, "INSERT INTO pending_signups (email, name, password_hash,"
	    " created_at, expires_at) VALUES (?, ?, ?, UTC_TIMESTAMP(),"
	    " UTC_TIMESTAMP() + INTERVAL ? HOUR)", "sssi", s->in->email, s->in->name,
	    s->hash, SIGNUP_HOURS) < 0)
		goto out;
	id = db_insert_id(db);
	if (res->nrows == 0)
		rc = mail_signup_confirm(db, id, s->in->email, s->in->name);
	else if ((rc = mail_signup_taken(db, db_int(res, 0, 0), db_val(res, 0, 1),
	    db_val(res, 0, 2))) == OK)
		rc = audit_record(db, s->who, AUDIT_SIGNUP_TAKEN, db_int(res, 0, 0),
		    NULL, NULL);
out:
	arena_free(&a);
	return rc;
}

int
account_register(struct db *db, const struct actor *who,
    const struct account_input *in, struct field_errors *fe)
{
	struct signup s = { who, in, NULL };
	const char *problem;
	char *hash;
	int rc;

	if (in->email != NULL && (problem = auth_email_problem(in->email)) != NULL)
		field_error(fe, "email", "Email %s.", problem);
	check_password("password", in->password, in->email, in->name, fe);
	if (fe->n > 0)
		return INVALID;
	if ((hash = auth_hash_password(in->password)) == NULL)
		return ERR;
	s.hash = hash;
	rc = db_txn(db, signup_txn, &s);
	free(hash);
	return rc;
}

/* A link's token for the row id that update names, its hash stored:
 * NOT_FOUND when the row is gone or expired. */
static int
link_token(struct db *db, struct arena *a, const char *update, long long id,
    const char **token)
{
	return auth_link_token(db, a, update, id, SIGNUP_TOKEN_BYTES, token);
}

int
account_signup_token(struct db *db, struct arena *a, long long signup_id,
    const char **token)
{
	return link_token(db, a, "UPDATE pending_signups SET token_hash = UNHEX(?)"
	    " WHERE id = ? AND expires_at > UTC_TIMESTAMP()", signup_id, token);
}

/* A link's token: 64 lowercase hex digits, else no link of ours. */
static int
link_shape(const char *token)
{
	return token != NULL && strlen(token) == 2 * SIGNUP_TOKEN_BYTES &&
	    strspn(token, "0123456789abcdef") == 2 * SIGNUP_TOKEN_BYTES;
}

int
account_signup_find(struct db *db, struct arena *a, const char *token)
{
	struct db_res *res;

	if (!link_shape(token))
		return NOT_FOUND;
	res = db_query(db, a, "SELECT id FROM pending_signups"
	    " WHERE token_hash = UNHEX(?) AND expires_at > UTC_TIMESTAMP()",
	    "s", auth_sha256_hex(a, token));
	if (res == NULL)
		return ERR;
	return res->nrows > 0 ? OK : NOT_FOUND;
}

struct confirmation {
	const struct actor	*who;
	const char		*token;
};

static int
confirm_txn(struct db *db, void *ctx)
{
	struct confirmation *c = ctx;
	struct db_res *res;
	struct arena a;
	long long user_id;
	int rc = ERR;

	arena_init(&a);
	res = db_query(db, &a, "SELECT email, name, password_hash FROM pending_signups"
	    " WHERE token_hash = UNHEX(?) AND expires_at > UTC_TIMESTAMP() FOR UPDATE",
	    "s", auth_sha256_hex(&a, c->token));
	if (res == NULL)
		goto out;
	if (res->nrows == 0) {
		rc = NOT_FOUND;
		goto out;
	}
	/* The link is used up with every other sign-up of the address. */
	if (guest_claim(db, db_val(res, 0, 0), db_val(res, 0, 1), db_val(res, 0, 2),
	    lang_code(lang_current()), &user_id) != OK)
		goto out;
	if (user_id != 0)
		rc = audit_record(db, c->who, AUDIT_REGISTERED, user_id, NULL,
		    "as customer, with the bookings made as a guest");
	else
		rc = account_add(db, c->who, AUDIT_REGISTERED, db_val(res, 0, 0),
		    db_val(res, 0, 1), db_val(res, 0, 2), "customer", &user_id);
	if (rc == OK &&
	    db_exec(db, "DELETE FROM pending_signups WHERE email = ?", "s",
	    db_val(res, 0, 0)) < 0)
		rc = ERR;
out:
	arena_free(&a);
	return rc;
}

int
account_confirm(struct db *db, const struct actor *who, const char *token)
{
	struct confirmation c = { who, token };

	if (!link_shape(token))
		return NOT_FOUND;
	return db_txn(db, confirm_txn, &c);
}

int
account_links_purge(struct db *db, const char *now)
{
	return db_exec(db, "DELETE FROM pending_signups"
	    " WHERE expires_at < COALESCE(?, UTC_TIMESTAMP())", "s", now) < 0 ||
	    db_exec(db, "DELETE FROM password_resets"
	    " WHERE expires_at < COALESCE(?, UTC_TIMESTAMP())", "s", now) < 0 ? ERR : OK;
}

struct reset_ask {
	const struct actor	*who;
	const char		*email;
};

static int
reset_ask_txn(struct db *db, void *ctx)
{
	struct reset_ask *c = ctx;
	struct db_res *res;
	struct arena a;
	long long user_id;
	int rc = ERR;

	arena_init(&a);
	/* Written before the links are counted, so that two requests through
	 * two Galera nodes conflict and the later counts the other's link
	 * (users.turns, sql/043_user_turns.sql). */
	if (db_exec(db, "UPDATE users SET turns = turns + 1, updated_at = updated_at"
	    " WHERE email = ?", "s", c->email) < 0)
		goto out;
	res = db_query(db, &a, "SELECT id, email, name, (SELECT COUNT(*) FROM"
	    " password_resets p WHERE p.user_id = u.id AND p.expires_at > UTC_TIMESTAMP())"
	    " FROM users u WHERE email = ? FOR UPDATE", "s", c->email);
	if (res == NULL)
		goto out;
	if (res->nrows == 0 || db_int(res, 0, 3) >= RESET_PENDING_MAX) {
		rc = OK;
		goto out;
	}
	user_id = db_int(res, 0, 0);
	if (db_exec(db, "INSERT INTO password_resets (user_id, created_at, expires_at)"
	    " VALUES (?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? MINUTE)", "li",
	    user_id, RESET_MINUTES) < 0 ||
	    mail_password_reset(db, db_insert_id(db), user_id, db_val(res, 0, 1),
	    db_val(res, 0, 2)) != OK)
		goto out;
	rc = audit_record(db, c->who, AUDIT_RESET_ASKED, user_id, NULL, NULL);
out:
	arena_free(&a);
	return rc;
}

int
account_reset_ask(struct db *db, const struct actor *who, const char *email)
{
	struct reset_ask c = { who, email };

	return db_txn(db, reset_ask_txn, &c);
}

int
account_reset_token(struct db *db, struct arena *a, long long reset_id,
    const char **token)
{
	return link_token(db, a, "UPDATE password_resets SET token_hash = UNHEX(?)"
	    " WHERE id = ? AND expires_at > UTC_TIMESTAMP()", reset_id, token);
}

#define ACCOUNT_COLUMNS "id, name, email, role, created_at, phone, sms_reminders"

static void
account_fill(const struct db_res *res, int i, void *out)
{
	struct account *u = out;

	u->id = db_int(res, i, 0);
	u->name = db_val(res, i, 1);
	u->email = db_val(res, i, 2);
	u->role = db_val(res, i, 3);
	u->created_at = db_val(res, i, 4);
	u->phone = db_val(res, i, 5);
	u->sms_reminders = db_int(res, i, 6) != 0;
}

int
account_reset_find(struct db *db, struct arena *a, const char *token,
    struct account *u)
{
	if (!link_shape(token))
		return NOT_FOUND;
	return db_row(db_query(db, a, "SELECT " ACCOUNT_COLUMNS " FROM users WHERE id ="
	    " (SELECT user_id FROM password_resets WHERE token_hash = UNHEX(?)"
	    "  AND expires_at > UTC_TIMESTAMP())", "s", auth_sha256_hex(a, token)),
	    account_fill, u);
}

/* What following a reset link writes, in one transaction. */
struct reset_write {
	struct arena		*arena;
	const struct actor	*who;
	const char		*token;
	const char		*hash;
};

static int
reset_txn(struct db *db, void *ctx)
{
	struct reset_write *w = ctx;
	struct db_res *res;
	long long user_id, revoked;

	res = db_query(db, w->arena, "SELECT p.user_id, u.email FROM password_resets p"
	    " JOIN users u ON u.id = p.user_id WHERE p.token_hash = UNHEX(?)"
	    " AND p.expires_at > UTC_TIMESTAMP() FOR UPDATE", "s",
	    auth_sha256_hex(w->arena, w->token));
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	user_id = db_int(res, 0, 0);
	if (db_exec(db, "UPDATE users SET password_hash = ? WHERE id = ?", "sl",
	    w->hash, user_id) < 0 ||
	    db_exec(db, "DELETE FROM password_resets WHERE user_id = ?", "l", user_id) < 0 ||
	    auth_sessions_end_others(db, user_id, NULL) != OK ||
	    (revoked = auth_tokens_revoke_all(db, user_id, 1)) < 0 ||
	    mfa_forget_devices(db, user_id) != OK ||
	    db_exec(db, "DELETE FROM login_failures WHERE email = ?", "s",
	    db_val(res, 0, 1)) < 0)
		return ERR;
	return audit_record(db, w->who, AUDIT_PASSWORD_RESET, user_id, NULL,
	    arena_printf(w->arena, "every session ended, remembered devices forgotten,"
	    " %lld API tokens revoked, lock-outs cleared", revoked));
}

int
account_reset(struct db *db, struct arena *a, const struct actor *who,
    const char *token, const char *password, struct field_errors *fe)
{
	struct reset_write w = { a, who, token, NULL };
	struct account u;
	char *hash;
	int rc;

	if ((rc = account_reset_find(db, a, token, &u)) != OK)
		return rc;
	check_password("password", password, u.email, u.name, fe);
	if (fe->n > 0)
		return INVALID;
	if ((hash = auth_hash_password(password)) == NULL)
		return ERR;
	w.hash = hash;
	rc = db_txn(db, reset_txn, &w);
	free(hash);
	return rc;
}

int
account_rename(struct db *db, long long user_id, const char *name,
    struct field_errors *fe)
{
	if (fe->n > 0)
		return INVALID;
	return db_exec(db, "UPDATE users SET name = ? WHERE id = ?", "sl",
	    name, user_id) < 0 ? ERR : OK;
}

/* What a password change writes, in one transaction. */
struct password_write {
	struct arena		*arena;
	const struct actor	*who;
	long long		 user_id;
	const char		*email;
	const char		*hash;
	const struct password_change *in;
	struct auth_session	*rotated;
};

/* The new hash, and whoever else held a session or a login token (or any
 * token, when asked) is out. */
static int
password_txn(struct db *db, void *ctx)
{
	struct password_write *w = ctx;
	long long revoked;

	if (db_exec(db, "UPDATE users SET password_hash = ? WHERE id = ?", "sl",
	    w->hash, w->user_id) < 0 ||
	    auth_sessions_end_others(db, w->user_id, w->in->session) != OK ||
	    mfa_forget_devices(db, w->user_id) != OK ||
	    (revoked = auth_tokens_revoke_all(db, w->user_id, w->in->revoke_tokens)) < 0 ||
	    db_exec(db, "DELETE FROM login_failures WHERE email = ? AND address = ?",
	    "ss", w->email, auth_throttle_key(w->arena, w->who->address)) < 0 ||
	    audit_record(db, w->who, AUDIT_PASSWORD_CHANGED, w->user_id, NULL,
	    arena_printf(w->arena, "other sessions ended, remembered devices"
	    " forgotten, %lld API tokens revoked%s", revoked,
	    w->in->revoke_tokens ? "" : "; personal tokens kept")) != OK)
		return ERR;
	return w->in->session ? auth_session_start(db, w->arena, w->in->session,
	    w->user_id, w->rotated) : OK;
}

int
account_change_password(struct db *db, struct arena *a, const struct actor *who,
    struct password_change *in, struct field_errors *fe,
    struct auth_session *rotated)
{
	struct password_write w;
	struct db_res *res;
	const char *email;
	char *hash;
	int rc;

	res = db_query(db, a,
	    "SELECT password_hash, email, name FROM users WHERE id = ?", "l",
	    who->user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	email = db_val(res, 0, 1);
	check_password("new_password", in->password, email, db_val(res, 0, 2), fe);
	if (in->current != NULL) {
		switch (auth_check_current(db, a, who, email, db_val(res, 0, 0), in->current,
		    &in->retry_after)) {
		case OK:
			break;
		case INVALID:
			field_error(fe, "current_password", "The current password is not right.");
			break;
		case TOO_MANY_ATTEMPTS:
			return TOO_MANY_ATTEMPTS;
		default:
			return ERR;
		}
	}
	if (fe->n > 0)
		return INVALID;
	/* Hashed before the transaction: it takes a while and locks nothing. */
	if ((hash = auth_hash_password(in->password)) == NULL)
		return ERR;
	w.arena = a;
	w.who = who;
	w.user_id = who->user_id;
	w.email = email;
	w.hash = hash;
	w.in = in;
	w.rotated = rotated;
	rc = db_txn(db, password_txn, &w);
	free(hash);
	return rc;
}

struct role_change {
	const struct actor	*who;
	long long		 user_id;
	const char		*role;
};

static int
set_role_txn(struct db *db, void *ctx)
{
	struct role_change *c = ctx;
	struct db_res *res;
	const char *old;
	struct arena a;
	int rc = ERR;

	arena_init(&a);
	res = db_query(db, &a, "SELECT role FROM users WHERE id = ? FOR UPDATE",
	    "l", c->user_id);
	if (res == NULL)
		goto out;
	if (res->nrows == 0) {
		rc = NOT_FOUND;
		goto out;
	}
	old = db_val(res, 0, 0);
	/* Writing every admin's row (sql/043_user_turns.sql) makes two
	 * demotions at once take turns, on one node and across a Galera
	 * cluster, so they never leave no admin. */
	if (db_exec(db, "UPDATE users SET turns = turns + 1, updated_at = updated_at"
	    " WHERE role = 'admin'", "") < 0)
		goto out;
	res = db_query(db, &a, "SELECT id FROM users WHERE role = 'admin'", "");
	if (res == NULL)
		goto out;
	if (strcmp(c->role, "admin") != 0 && res->nrows == 1 &&
	    db_int(res, 0, 0) == c->user_id) {
		rc = LAST_ADMIN;
		goto out;
	}
	if (strcmp(old, c->role) == 0) {
		rc = OK;
		goto out;
	}
	if (db_exec(db, "UPDATE users SET role = ? WHERE id = ?", "sl", c->role,
	    c->user_id) < 0)
		goto out;
	rc = audit_record(db, c->who, AUDIT_ROLE_CHANGED, c->user_id, NULL,
	    arena_printf(&a, "%s to %s", old, c->role));
out:
	arena_free(&a);
	return rc;
}

const char *const account_roles[] = { "customer", "admin", "staff", NULL };

int
account_set_role(struct db *db, const struct actor *who, long long user_id,
    const char *role)
{
	struct role_change c = { who, user_id, role };

	return db_txn(db, set_role_txn, &c);
}

int
account_get(struct db *db, struct arena *a, long long user_id, struct account *out)
{
	return db_row(db_query(db, a, "SELECT " ACCOUNT_COLUMNS
	    " FROM users WHERE id = ?", "l", user_id), account_fill, out);
}

int
account_list(struct db *db, struct arena *a, const char *q, long long limit,
    long long offset, struct account **out, int *n, long long *total)
{
	struct db_res *res;
	const char *like = q ? arena_printf(a, "%%%s%%", q) : NULL;

	res = db_query(db, a, "SELECT " ACCOUNT_COLUMNS ", COUNT(*) OVER ()"
	    " FROM users WHERE (? IS NULL OR email LIKE ? OR name LIKE ?)"
	    " ORDER BY email LIMIT ? OFFSET ?",
	    "sssll", like, like, like, limit, offset);
	if ((*out = db_rows(a, res, sizeof(**out), account_fill, n)) == NULL)
		return ERR;
	*total = *n > 0 ? db_int(res, 0, 7) : 0;
	return OK;
}

int
account_set_language(struct db *db, long long user_id, const char *code)
{
	return db_exec(db, "UPDATE users SET language = ? WHERE id = ?", "sl", code,
	    user_id) < 0 ? ERR : OK;
}

int
account_phone_valid(const char *phone)
{
	size_t n = strlen(phone);

	return n >= 9 && n <= 16 && phone[0] == '+' && phone[1] >= '1' &&
	    phone[1] <= '9' && strspn(phone + 1, "0123456789") == n - 1;
}

int
account_set_sms(struct db *db, struct arena *a, long long user_id,
    const struct sms_input *in, struct field_errors *fe)
{
	struct account u;
	const char *phone;

	if (in->phone != NULL && *in->phone != '\0' && !account_phone_valid(in->phone))
		field_error(fe, "phone", "Phone must be an international number like"
		    " +4930123456: a plus, the country code, then the number, digits only.");
	if (fe->n > 0)
		return INVALID;
	if (account_get(db, a, user_id, &u) != OK)
		return ERR;
	phone = in->phone == NULL ? u.phone : *in->phone == '\0' ? NULL : in->phone;
	if (in->sms_reminders == 1 && phone == NULL) {
		field_error(fe, "smsReminders", "Add a phone number to get SMS reminders.");
		return INVALID;
	}
	/* Assignments run left to right: the second sees the new number. */
	return db_exec(db, "UPDATE users SET phone = IF(?, phone, NULLIF(?, '')),"
	    " sms_reminders = IF(?, sms_reminders, ?) AND phone IS NOT NULL WHERE id = ?",
	    "isiil", in->phone == NULL, in->phone, in->sms_reminders < 0,
	    in->sms_reminders == 1, user_id) < 0 ? ERR : OK;
}
