/* domain/account.c: users and their settings, shared by the pages and the API */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/fields.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/auth.h"
#include "domain/mail.h"

/* Whether a new password is acceptable, checked once it was read. */
static void
check_password(const char *field, const char *pw, const char *email,
    struct field_errors *fe)
{
	const char *problem;

	if (pw == NULL)
		return;
	if ((problem = auth_password_problem(pw)) != NULL)
		field_error(fe, field, "The password %s.", problem);
	else if (email != NULL && strcasecmp(pw, email) == 0)
		field_error(fe, field, "The password must not be your email address.");
}

int
account_add(struct db *db, const char *email, const char *name,
    const char *password_hash, const char *role, long long *user_id)
{
	if (db_exec(db, "INSERT INTO users (email, name, password_hash, role)"
	    " VALUES (?, ?, ?, ?)", "ssss", email, name, password_hash, role) < 0)
		return db_errno(db) == DB_DUP_KEY ? CONFLICT : ERR;
	*user_id = db_insert_id(db);
	return OK;
}

/* A new account and its welcome mail, in one transaction. */
struct registration {
	const struct account_input	*in;
	const char			*hash;
	long long			 user_id;
};

static int
register_txn(struct db *db, void *ctx)
{
	struct registration *r = ctx;
	int rc;

	if ((rc = account_add(db, r->in->email, r->in->name, r->hash, "customer",
	    &r->user_id)) != OK)
		return rc;
	return mail_welcome(db, r->user_id, r->in->email, r->in->name);
}

int
account_register(struct db *db, const struct account_input *in,
    struct field_errors *fe, long long *user_id)
{
	struct registration r = { in, NULL, 0 };
	const char *problem;
	char *hash;
	int rc;

	if (in->email != NULL && (problem = auth_email_problem(in->email)) != NULL)
		field_error(fe, "email", "Email %s.", problem);
	check_password("password", in->password, in->email, fe);
	if (fe->n > 0)
		return INVALID;
	if ((hash = auth_hash_password(in->password)) == NULL)
		return ERR;
	r.hash = hash;
	rc = db_txn(db, register_txn, &r);
	free(hash);
	if (rc == CONFLICT) {
		field_error(fe, "email", "This email address cannot be used for a new "
		    "account. If it is yours, log in instead.");
		return INVALID;
	}
	if (rc != OK)
		return ERR;
	*user_id = r.user_id;
	return OK;
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
	long long		 user_id;
	const char		*hash;
	const char		*session;
	struct auth_session	*rotated;
};

/* The new hash, and whoever else held a session or a login token is out. */
static int
password_txn(struct db *db, void *ctx)
{
	struct password_write *w = ctx;

	if (db_exec(db, "UPDATE users SET password_hash = ? WHERE id = ?", "sl",
	    w->hash, w->user_id) < 0 ||
	    auth_sessions_end_others(db, w->user_id, w->session) != OK ||
	    db_exec(db, "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND expires_at IS NOT NULL AND revoked_at IS NULL",
	    "l", w->user_id) < 0)
		return ERR;
	return w->session ? auth_session_start(db, w->arena, w->session, w->user_id,
	    w->rotated) : OK;
}

int
account_change_password(struct db *db, struct arena *a, long long user_id,
    const struct password_change *in, struct field_errors *fe,
    struct auth_session *rotated)
{
	struct password_write w;
	struct db_res *res;
	char *hash;
	int rc;

	res = db_query(db, a,
	    "SELECT password_hash, email FROM users WHERE id = ?", "l", user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	check_password("new_password", in->password, db_val(res, 0, 1), fe);
	if (in->current != NULL && !auth_check_password(db_val(res, 0, 0), in->current))
		field_error(fe, "current_password", "The current password is not right.");
	if (fe->n > 0)
		return INVALID;
	/* Hashed before the transaction: it takes a while and locks nothing. */
	if ((hash = auth_hash_password(in->password)) == NULL)
		return ERR;
	w.arena = a;
	w.user_id = user_id;
	w.hash = hash;
	w.session = in->session;
	w.rotated = rotated;
	rc = db_txn(db, password_txn, &w);
	free(hash);
	return rc;
}

struct role_change {
	long long	 user_id;
	const char	*role;
};

static int
set_role_txn(struct db *db, void *ctx)
{
	struct role_change *c = ctx;
	struct db_res *res;
	struct arena a;
	int rc = ERR;

	arena_init(&a);
	/* Locking every admin row makes two demotions at once take turns. */
	res = db_query(db, &a, "SELECT id FROM users WHERE id = ? FOR UPDATE",
	    "l", c->user_id);
	if (res == NULL)
		goto out;
	if (res->nrows == 0) {
		rc = NOT_FOUND;
		goto out;
	}
	res = db_query(db, &a, "SELECT id FROM users WHERE role = 'admin' FOR UPDATE", "");
	if (res == NULL)
		goto out;
	if (strcmp(c->role, "admin") != 0 && res->nrows == 1 &&
	    db_int(res, 0, 0) == c->user_id) {
		rc = LAST_ADMIN;
		goto out;
	}
	if (db_exec(db, "UPDATE users SET role = ? WHERE id = ?", "sl", c->role,
	    c->user_id) < 0)
		goto out;
	rc = OK;
out:
	arena_free(&a);
	return rc;
}

int
account_set_role(struct db *db, long long user_id, const char *role)
{
	struct role_change c = { user_id, role };

	return db_txn(db, set_role_txn, &c);
}

#define ACCOUNT_COLUMNS "id, name, email, role, created_at"

static void
account_from_row(const struct db_res *res, int i, struct account *u)
{
	u->id = db_int(res, i, 0);
	u->name = db_val(res, i, 1);
	u->email = db_val(res, i, 2);
	u->role = db_val(res, i, 3);
	u->created_at = db_val(res, i, 4);
}

int
account_get(struct db *db, struct arena *a, long long user_id, struct account *out)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT " ACCOUNT_COLUMNS " FROM users WHERE id = ?",
	    "l", user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	account_from_row(res, 0, out);
	return OK;
}

int
account_list(struct db *db, struct arena *a, const char *q, long long limit,
    long long offset, struct account **out, int *n, long long *total)
{
	struct db_res *res;
	const char *like = q ? arena_printf(a, "%%%s%%", q) : NULL;
	int i;

	res = db_query(db, a, "SELECT " ACCOUNT_COLUMNS ", COUNT(*) OVER ()"
	    " FROM users WHERE (? IS NULL OR email LIKE ? OR name LIKE ?)"
	    " ORDER BY email LIMIT ? OFFSET ?",
	    "sssll", like, like, like, limit, offset);
	if (res == NULL)
		return ERR;
	*out = arena_calloc(a, (size_t)res->nrows, sizeof(**out));
	*n = res->nrows;
	*total = 0;
	for (i = 0; i < res->nrows; i++) {
		account_from_row(res, i, &(*out)[i]);
		*total = db_int(res, i, 5);
	}
	return OK;
}
