/* domain/guest.c: booking without an account: the guest record, the link
 * that proves its address and the private link that manages one booking */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/fields.h"
#include "core/lang.h"
#include "core/limits.h"
#include "db/db.h"
#include "domain/auth.h"
#include "domain/booking.h"
#include "domain/guest.h"

/* A phone number as people write one: digits with spaces, dashes, dots,
 * slashes or brackets, an optional + first, at least six digits. */
static int
phone_ok(const char *p)
{
	size_t digits = 0, i;

	for (i = 0; p[i] != '\0'; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			digits++;
		else if (!(p[i] == '+' && i == 0) && strchr(" -./()", p[i]) == NULL)
			return 0;
	}
	return digits >= 6 && i <= GUEST_PHONE_MAX;
}

/* n lowercase hex digits, nothing else: the shape of our tokens. */
static int
hex_shape(const char *token, size_t n)
{
	return token != NULL && strlen(token) == n &&
	    strspn(token, "0123456789abcdef") == n;
}

struct guest_booking {
	struct arena			*arena;
	const struct actor		*from;
	long long			 slot_id;
	const struct guest_input	*in;
	const char			*why;
};

/*
 * One transaction: the guest's row (made on the first booking, locked, so
 * that one email's bookings at once take turns and count each other), then
 * the booking as any other is made, by the guest as its owner. An email
 * that has an account books for it: following the link proves the address,
 * and the booking is the account's from the start.
 */
static int
book_txn(struct db *db, void *ctx)
{
	struct guest_booking *g = ctx;
	struct arena *a = g->arena;
	struct actor as = { 0, 0, 0, g->from->address };
	struct db_res *res;
	long long booking_id;

	g->why = NULL;
	res = db_query(db, a, "SELECT r.allow_guests FROM timeslots t"
	    " JOIN rooms r ON r.id = t.room_id WHERE t.id = ?", "l", g->slot_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	if (!db_int(res, 0, 0))
		return GUEST_NOT_ALLOWED;
	/* Written, not only locked, so that one email's bookings through two
	 * Galera nodes conflict and the retried one counts the other's
	 * (users.turns, sql/043_user_turns.sql). */
	if (db_exec(db, "INSERT INTO users (email, name, password_hash, language)"
	    " VALUES (?, ?, '', ?) ON DUPLICATE KEY UPDATE turns = turns + 1,"
	    " updated_at = updated_at", "sss",
	    g->in->email, g->in->name, lang_code(lang_current())) < 0)
		return ERR;
	res = db_query(db, a, "SELECT id, password_hash = '',"
	    "  (SELECT COUNT(*) FROM bookings b WHERE b.user_id = u.id"
	    "    AND b.booking_type = ? AND b.created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR)"
	    " FROM users u WHERE email = ? FOR UPDATE", "ss", BOOKING_GUEST, g->in->email);
	if (res == NULL || res->nrows == 0)
		return ERR;
	as.user_id = db_int(res, 0, 0);
	if (db_int(res, 0, 2) >= GUEST_BOOKINGS_PER_HOUR) {
		g->why = _("This email has booked too often in the last hour; try again later.");
		return TOO_MANY_ATTEMPTS;
	}
	if (db_int(res, 0, 1) && db_exec(db, "INSERT INTO guests (user_id, phone)"
	    " VALUES (?, ?) ON DUPLICATE KEY UPDATE phone = COALESCE(VALUES(phone), phone)",
	    "ls", as.user_id, g->in->phone) < 0)
		return ERR;
	return booking_create_guest(db, a, &as, g->slot_id, &booking_id, &g->why);
}

int
guest_book(struct db *db, struct arena *a, const struct actor *from,
    long long slot_id, const struct guest_input *in, struct field_errors *fe,
    const char **why)
{
	struct guest_booking g = { a, from, slot_id, in, NULL };
	const char *problem;
	int rc;

	*why = NULL;
	if (!cfg.guest_booking) {
		*why = result_message(GUEST_NOT_ALLOWED);
		return GUEST_NOT_ALLOWED;
	}
	if (in->email != NULL && (problem = auth_email_problem(in->email)) != NULL)
		field_error(fe, "email", "Email %s.", problem);
	if (in->phone != NULL && !phone_ok(in->phone))
		field_error(fe, "phone", "Phone must be a number like +49 30 1234567.");
	if (fe->n > 0)
		return INVALID;
	rc = db_txn(db, book_txn, &g);
	*why = g.why != NULL ? g.why : result_message(rc);
	return rc;
}

/* A link for booking_id, stored as its hash, if select (the booking's row
 * and the link's end, by its id) finds one. */
static int
make_link(struct db *db, struct arena *a, const char *select, long long booking_id,
    size_t bytes, const char **token)
{
	return auth_link_token(db, a, arena_printf(a, "INSERT INTO guest_links (booking_id,"
	    " purpose, token_hash, expires_at) %s", select), booking_id, bytes, token);
}

int
guest_manage_token(struct db *db, struct arena *a, long long booking_id,
    const char **token)
{
	return make_link(db, a, "SELECT id, 'manage', UNHEX(?), end_time + INTERVAL "
	    LIMIT_TEXT(GUEST_MANAGE_DAYS) " DAY FROM bookings WHERE id = ?"
	    " AND booking_type = '" BOOKING_GUEST "'", booking_id, GUEST_MANAGE_BYTES, token);
}

int
guest_verify_token(struct db *db, struct arena *a, long long booking_id,
    const char **token)
{
	return make_link(db, a, "SELECT id, 'verify', UNHEX(?), hold_expires_at"
	    " FROM bookings WHERE id = ? AND booking_type = '" BOOKING_GUEST "'"
	    " AND status = 'pending' AND hold_expires_at > UTC_TIMESTAMP()", booking_id,
	    GUEST_VERIFY_BYTES, token);
}

/* The verification links in force, for links named l. */
#define VERIFY_IN_FORCE \
	" l.purpose = 'verify' AND l.used_at IS NULL AND l.revoked_at IS NULL" \
	" AND l.expires_at > UTC_TIMESTAMP()"

int
guest_verify_find(struct db *db, struct arena *a, const char *token)
{
	struct db_res *res;

	if (!hex_shape(token, 2 * GUEST_VERIFY_BYTES))
		return NOT_FOUND;
	res = db_query(db, a, "SELECT l.id FROM guest_links l"
	    " WHERE l.token_hash = UNHEX(?) AND" VERIFY_IN_FORCE, "s",
	    auth_sha256_hex(a, token));
	if (res == NULL)
		return ERR;
	return res->nrows > 0 ? OK : NOT_FOUND;
}

struct verification {
	struct arena	*arena;
	const char	*token;
	const char	*manage;
};

static int
verify_txn(struct db *db, void *ctx)
{
	struct verification *v = ctx;
	struct arena *a = v->arena;
	struct actor as = { 0, 0, 0, NULL };
	struct db_res *res;
	const char *hash = auth_sha256_hex(a, v->token);
	long long link, booking_id;
	int rc;

	res = db_query(db, a, "SELECT l.id, l.booking_id, b.user_id, LOWER(HEX(l.token_hash))"
	    " FROM guest_links l JOIN bookings b ON b.id = l.booking_id"
	    " WHERE l.token_hash = UNHEX(?) AND" VERIFY_IN_FORCE " FOR UPDATE", "s", hash);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0 || !auth_csrf_matches(hash, db_val(res, 0, 3)))
		return NOT_FOUND;
	link = db_int(res, 0, 0);
	booking_id = db_int(res, 0, 1);
	as.user_id = db_int(res, 0, 2);
	if (db_exec(db, "UPDATE guest_links SET used_at = UTC_TIMESTAMP() WHERE id = ?",
	    "l", link) < 0 ||
	    db_exec(db, "UPDATE guests SET verified_at = COALESCE(verified_at,"
	    " UTC_TIMESTAMP()) WHERE user_id = ?", "l", as.user_id) < 0)
		return ERR;
	if ((rc = booking_guest_verified(db, a, &as, booking_id)) != OK)
		return rc;
	return guest_manage_token(db, a, booking_id, &v->manage);
}

int
guest_verify(struct db *db, struct arena *a, const char *token, const char **manage)
{
	struct verification v = { a, token, NULL };
	int rc;

	if (!hex_shape(token, 2 * GUEST_VERIFY_BYTES))
		return NOT_FOUND;
	rc = db_txn(db, verify_txn, &v);
	*manage = v.manage;
	return rc;
}

/* The manage links in force, for links named l. */
#define MANAGE_IN_FORCE \
	" l.purpose = 'manage' AND l.revoked_at IS NULL AND l.expires_at > UTC_TIMESTAMP()"

int
guest_manage(struct db *db, struct arena *a, const char *token,
    const struct actor *from, struct booking *b, struct actor *as, int *verified)
{
	struct db_res *res;
	const char *hash;

	if (!hex_shape(token, 2 * GUEST_MANAGE_BYTES))
		return NOT_FOUND;
	hash = auth_sha256_hex(a, token);
	res = db_query(db, a, "SELECT l.booking_id, b.user_id, LOWER(HEX(l.token_hash)),"
	    "  EXISTS (SELECT 1 FROM guest_links v WHERE v.booking_id = l.booking_id"
	    "    AND v.purpose = 'verify' AND v.used_at IS NOT NULL)"
	    " FROM guest_links l JOIN bookings b ON b.id = l.booking_id"
	    " WHERE l.token_hash = UNHEX(?) AND" MANAGE_IN_FORCE, "s", hash);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0 || !auth_csrf_matches(hash, db_val(res, 0, 2)))
		return NOT_FOUND;
	as->user_id = db_int(res, 0, 1);
	as->admin = as->admin_route = 0;
	as->address = from->address;
	*verified = db_int(res, 0, 3) != 0;
	return booking_get(db, a, db_int(res, 0, 0), as, b);
}

int
guest_revoke(struct db *db, struct arena *a, const char *token)
{
	long long n;

	if (!hex_shape(token, 2 * GUEST_MANAGE_BYTES))
		return NOT_FOUND;
	n = db_exec(db, "UPDATE guest_links l SET l.revoked_at = UTC_TIMESTAMP()"
	    " WHERE l.token_hash = UNHEX(?) AND" MANAGE_IN_FORCE, "s",
	    auth_sha256_hex(a, token));
	if (n < 0)
		return ERR;
	return n > 0 ? OK : NOT_FOUND;
}

int
guest_claim(struct db *db, const char *email, const char *name,
    const char *password_hash, const char *language, long long *user_id)
{
	struct db_res *res;
	struct arena a;
	int rc = ERR;

	*user_id = 0;
	arena_init(&a);
	res = db_query(db, &a, "SELECT id FROM users WHERE email = ? AND password_hash = ''"
	    " FOR UPDATE", "s", email);
	if (res == NULL)
		goto out;
	rc = OK;
	if (res->nrows == 0)
		goto out;
	*user_id = db_int(res, 0, 0);
	if (db_exec(db, "UPDATE users SET name = ?, password_hash = ?, language = ?"
	    " WHERE id = ?", "sssl", name, password_hash, language, *user_id) < 0 ||
	    db_exec(db, "UPDATE guests SET verified_at = COALESCE(verified_at,"
	    " UTC_TIMESTAMP()) WHERE user_id = ?", "l", *user_id) < 0)
		rc = ERR;
out:
	arena_free(&a);
	return rc;
}
