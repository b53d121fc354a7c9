/* domain/audit.c: the record of security events that /admin/audit shows */
#include <string.h>

#include "core/arena.h"
#include "core/lang.h"
#include "db/db.h"
#include "domain/actor.h"
#include "domain/audit.h"

const char *const audit_types[] = {
	"login", "login_failed", "lockout", "password_changed",
	"password_change_failed", "role_changed", "token_created",
	"token_revoked", "registered", "user_added", "signup_taken",
	"mfa_failed", "recovery_codes_new", "password_reset_asked",
	"password_reset", NULL
};
static const char *const labels[] = {
	N_("Logged in"), N_("Failed login"), N_("Locked out"), N_("Password changed"),
	N_("Wrong current password"), N_("Role changed"), N_("API token created"),
	N_("API token revoked"), N_("Registered"), N_("Added by bookingctl"),
	N_("Sign-up with a registered address"), N_("Wrong two-factor code"),
	N_("New recovery codes"), N_("Password reset asked for"), N_("Password reset by mail"),
};

const char *
audit_label(const char *type)
{
	int i;

	for (i = 0; audit_types[i] != NULL; i++)
		if (strcmp(type, audit_types[i]) == 0)
			return _(labels[i]);
	return type;
}

int
audit_record(struct db *db, const struct actor *who, enum audit_type type,
    long long user_id, const char *email, const char *detail)
{
	long long actor = who != NULL ? who->user_id : 0;
	const char *address = who != NULL ? who->address : NULL;

	return db_exec(db, "INSERT INTO security_events"
	    " (type, user_id, actor_id, email, address, detail)"
	    " VALUES (?, NULLIF(?, 0), NULLIF(?, 0),"
	    "  COALESCE(?, (SELECT email FROM users WHERE id = ?)), ?, ?)",
	    "sllslss", audit_types[type], user_id, actor, email, user_id, address,
	    detail) < 0 ? ERR : OK;
}

static void
audit_fill(const struct db_res *res, int i, void *out)
{
	struct audit_event *e = out;

	e->id = db_int(res, i, 0);
	e->type = db_val(res, i, 1);
	e->created_at = db_val(res, i, 2);
	e->user_id = db_int(res, i, 3);
	e->email = db_val(res, i, 4);
	e->user_name = db_val(res, i, 5);
	e->actor_id = db_int(res, i, 6);
	e->actor_name = db_val(res, i, 7);
	e->actor_email = db_val(res, i, 8);
	e->address = db_val(res, i, 9);
	e->detail = db_val(res, i, 10);
}

int
audit_list(struct db *db, struct arena *a, const struct audit_filter *f,
    long long limit, long long offset, struct audit_event **out, int *n)
{
	const char *from = *f->from ? f->from : NULL, *to = *f->to ? f->to : NULL;

	*out = db_rows(a, db_query(db, a,
	    "SELECT e.id, e.type, e.created_at, e.user_id, e.email, u.name,"
	    "  e.actor_id, x.name, x.email, e.address, e.detail"
	    " FROM security_events e"
	    " LEFT JOIN users u ON u.id = e.user_id"
	    " LEFT JOIN users x ON x.id = e.actor_id"
	    " WHERE (? IS NULL OR e.type = ?)"
	    "   AND (? IS NULL OR e.email = ? OR x.email = ?)"
	    "   AND (? IS NULL OR e.created_at >= ?) AND (? IS NULL OR e.created_at < ?)"
	    " ORDER BY e.id DESC LIMIT ? OFFSET ?",
	    "sssssssssll", f->type, f->type, f->email, f->email, f->email,
	    from, from, to, to, limit, offset), sizeof(**out), audit_fill, n);
	return *out != NULL ? OK : ERR;
}
