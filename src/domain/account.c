/* domain/account.c: users and their settings, shared by the pages and the API */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "domain/account.h"
#include "domain/auth.h"
#include "http/form.h"
#include "http/request.h"

static const char *
new_password(struct form *f, const char *field, const char *email)
{
	const char *pw = form_raw(f, field, "Password", 1024), *problem;

	if (pw == NULL)
		return NULL;
	if ((problem = auth_password_problem(pw)) != NULL) {
		form_error(f, field, "The password %s.", problem);
		return NULL;
	}
	if (email != NULL && strcasecmp(pw, email) == 0) {
		form_error(f, field, "The password must not be your email address.");
		return NULL;
	}
	return pw;
}

int
account_register(struct form *f, long long *user_id)
{
	struct req *r = f->r;
	const char *name, *email, *pw, *problem;
	char *hash;
	long long rows;

	name = form_text(f, "name", "Name", NAME_MAX_CHARS, 1);
	email = form_text(f, "email", "Email", 254, 1);
	if (email != NULL && (problem = auth_email_problem(email)) != NULL)
		form_error(f, "email", "Email %s.", problem);
	pw = new_password(f, "password", email);
	if (!form_ok(f))
		return OK;
	if ((hash = auth_hash_password(pw)) == NULL)
		return ERR;
	rows = db_exec(r->db, "INSERT INTO users (email, name, password_hash, role)"
	    " VALUES (?, ?, ?, 'customer')", "sss", email, name, hash);
	free(hash);
	if (rows < 0 && db_errno(r->db) == DB_DUP_KEY) {
		form_error(f, "email", "This email address cannot be used for a new "
		    "account. If it is yours, log in instead.");
		return OK;
	}
	if (rows < 0)
		return ERR;
	*user_id = db_insert_id(r->db);
	return OK;
}

int
account_rename(struct form *f, long long user_id)
{
	const char *name = form_text(f, "name", "Name", NAME_MAX_CHARS, 1);

	if (!form_ok(f))
		return OK;
	return db_exec(f->r->db, "UPDATE users SET name = ? WHERE id = ?", "sl",
	    name, user_id) < 0 ? ERR : OK;
}

int
account_change_password(struct form *f, long long user_id, const char *session,
    struct auth_session *rotated)
{
	struct req *r = f->r;
	struct db_res *res;
	const char *current, *pw;
	char *hash;

	current = form_raw(f, "current_password", "Current password", 1024);
	res = db_query(r->db, r->arena,
	    "SELECT password_hash, email FROM users WHERE id = ?", "l", user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return reply_error(r, 404, "not_found", "There is no such user.");
	pw = new_password(f, "new_password", db_val(res, 0, 1));
	if (current != NULL && !auth_check_password(db_val(res, 0, 0), current))
		form_error(f, "current_password", "The current password is not right.");
	if (!form_ok(f))
		return OK;
	if ((hash = auth_hash_password(pw)) == NULL)
		return ERR;
	if (db_exec(r->db, "UPDATE users SET password_hash = ? WHERE id = ?", "sl",
	    hash, user_id) < 0) {
		free(hash);
		return ERR;
	}
	free(hash);
	/* Whoever else held a session or a login token is out now. */
	if (auth_sessions_end_others(r->db, user_id, session) != OK ||
	    db_exec(r->db, "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP()"
	    " WHERE user_id = ? AND expires_at IS NOT NULL AND revoked_at IS NULL",
	    "l", user_id) < 0)
		return ERR;
	return session ? auth_session_start(r->db, r->arena, session, user_id,
	    rotated) : OK;
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
account_set_role(struct req *r, long long user_id, const char *role)
{
	struct role_change c = { user_id, role };

	return db_txn(r->db, set_role_txn, &c);
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
