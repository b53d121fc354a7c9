/* domain/packages.c: packages and bundles sold as credits, each scheduled
 * later into a session of its event */
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/booking.h"
#include "domain/orders.h"
#include "domain/packages.h"
#include "domain/prices.h"

/*
 * Locking order: a credit's row, then (booking_create_in_order) its
 * session's timeslot row, under which the seat is counted like any other.
 */

const char *const package_kinds[] = { "package", "bundle", NULL };

int
package_create(struct db *db, const struct package_input *in, long long *id)
{
	int i;

	for (i = 0; package_kinds[i] != NULL && strcmp(package_kinds[i], in->kind) != 0; i++)
		;
	if (package_kinds[i] == NULL || in->price < 0 || in->expiry_days < 1)
		return INVALID;
	if (db_exec(db, "INSERT INTO packages (name, kind, price, expiry_days)"
	    " VALUES (?, ?, ? / 100, ?)", "ssll", in->name, in->kind, in->price,
	    in->expiry_days) < 0)
		return ERR;
	*id = db_insert_id(db);
	return OK;
}

int
package_item_set(struct db *db, struct arena *a, long long package_id,
    long long event_id, long long quantity)
{
	int rc;

	if ((rc = db_found(db_query(db, a, "SELECT 1 FROM packages WHERE id = ?", "l",
	    package_id))) != OK)
		return rc;
	if ((rc = db_found(db_query(db, a, "SELECT 1 FROM events WHERE id = ?", "l",
	    event_id))) != OK)
		return rc == NOT_FOUND ? INVALID : rc;
	if (quantity <= 0)
		return db_exec(db, "DELETE FROM package_items WHERE package_id = ?"
		    " AND event_id = ?", "ll", package_id, event_id) < 0 ? ERR : OK;
	return db_exec(db, "INSERT INTO package_items (package_id, event_id, quantity)"
	    " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE quantity = VALUES(quantity)", "lll",
	    package_id, event_id, quantity) < 0 ? ERR : OK;
}

static void
package_fill(const struct db_res *res, int i, void *out)
{
	struct package *p = out;

	p->id = db_int(res, i, 0);
	p->name = db_val(res, i, 1);
	p->kind = db_val(res, i, 2);
	p->price = money_cents(db_val(res, i, 3));
	p->expiry_days = db_int(res, i, 4);
	p->is_active = db_int(res, i, 5) != 0;
	p->contents = db_val(res, i, 6);
}

int
package_list(struct db *db, struct arena *a, int all, struct package **out, int *n)
{
	*out = db_rows(a, db_query(db, a, "SELECT p.id, p.name, p.kind, p.price,"
	    " p.expiry_days, p.is_active, GROUP_CONCAT(CONCAT(i.quantity, ' × ', e.title)"
	    "  ORDER BY e.title SEPARATOR ', ')"
	    " FROM packages p LEFT JOIN package_items i ON i.package_id = p.id"
	    " LEFT JOIN events e ON e.id = i.event_id WHERE ? OR p.is_active"
	    " GROUP BY p.id HAVING ? OR COUNT(e.id) > 0 ORDER BY p.name, p.id", "ii", all, all),
	    sizeof(**out), package_fill, n);
	return *out != NULL ? OK : ERR;
}

struct buy {
	const struct actor	*who;
	long long		 id;
	long long		 order_id;
	struct arena		*arena;
};

static int
buy_txn(struct db *db, void *ctx)
{
	struct buy *c = ctx;
	struct db_res *res;
	struct price_parts p;
	int rc;

	/* One line, tax-free when every event it holds is. */
	res = db_query(db, c->arena, "SELECT p.price, NOT EXISTS (SELECT 1"
	    "  FROM package_items i JOIN events e ON e.id = i.event_id"
	    "  WHERE i.package_id = p.id AND NOT e.tax_free)"
	    " FROM packages p WHERE p.id = ? AND p.is_active AND EXISTS (SELECT 1"
	    "  FROM package_items i WHERE i.package_id = p.id)", "l", c->id);
	if ((rc = db_found(res)) != OK)
		return rc;
	price_line(money_cents(db_val(res, 0, 0)), 0, db_int(res, 0, 1) != 0, &p);
	if (order_create(db, c->who->user_id, p.total, &c->order_id) != OK ||
	    order_set_parts(db, c->order_id, &p) != OK)
		return ERR;
	/* A free package is paid for at once. */
	if (p.total == 0 && db_exec(db, "UPDATE orders SET status = 'paid',"
	    " paid_at = UTC_TIMESTAMP() WHERE id = ?", "l", c->order_id) < 0)
		return ERR;
	/* One credit per session held: the items' quantities, counted out
	 * by a sequence of numbers. */
	return db_exec(db, "INSERT INTO credits (user_id, order_id, package_id, event_id,"
	    " expires_at) SELECT ?, ?, p.id, i.event_id,"
	    "  UTC_TIMESTAMP() + INTERVAL p.expiry_days DAY"
	    " FROM packages p JOIN package_items i ON i.package_id = p.id"
	    " JOIN seq_1_to_100 n ON n.seq <= i.quantity WHERE p.id = ?", "lll",
	    c->who->user_id, c->order_id, c->id) < 0 ? ERR : OK;
}

int
package_buy(struct db *db, struct arena *a, const struct actor *who, long long id,
    long long *order_id)
{
	struct buy c = { who, id, 0, a };
	int rc = db_txn(db, buy_txn, &c);

	*order_id = c.order_id;
	return rc;
}

/* The credits a user can still schedule, for credits named c with their
 * orders o. */
#define CREDIT_FREE	"c.booking_id IS NULL AND c.expires_at > UTC_TIMESTAMP()"

static void
credit_fill(const struct db_res *res, int i, void *out)
{
	struct credit *c = out;

	c->id = db_int(res, i, 0);
	c->event_id = db_int(res, i, 1);
	c->event_title = db_val(res, i, 2);
	c->package_name = db_val(res, i, 3);
	c->expires_at = db_val(res, i, 4);
	c->order_id = db_int(res, i, 5);
	c->paid = db_int(res, i, 6) != 0;
}

int
credit_list(struct db *db, struct arena *a, long long user_id, struct credit **out,
    int *n)
{
	*out = db_rows(a, db_query(db, a, "SELECT c.id, c.event_id, e.title, p.name,"
	    " c.expires_at, c.order_id, o.status = 'paid' FROM credits c"
	    " JOIN events e ON e.id = c.event_id JOIN packages p ON p.id = c.package_id"
	    " JOIN orders o ON o.id = c.order_id WHERE c.user_id = ? AND " CREDIT_FREE
	    " ORDER BY c.expires_at, c.id", "l", user_id), sizeof(**out), credit_fill, n);
	return *out != NULL ? OK : ERR;
}

int
credit_for_event(struct db *db, struct arena *a, long long user_id, long long event_id,
    long long *id)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT c.id FROM credits c JOIN orders o ON o.id = c.order_id"
	    " WHERE c.user_id = ? AND c.event_id = ? AND " CREDIT_FREE
	    " AND o.status = 'paid' ORDER BY c.expires_at, c.id LIMIT 1", "ll", user_id,
	    event_id);
	if (res == NULL)
		return ERR;
	*id = res->nrows > 0 ? db_int(res, 0, 0) : 0;
	return OK;
}

struct schedule {
	struct arena		*arena;
	const struct actor	*who;
	long long		 credit_id;
	long long		 slot_id;
	long long		 booking_id;
	const char		*why;
};

static int
schedule_txn(struct db *db, void *ctx)
{
	struct schedule *c = ctx;
	struct db_res *res;
	int rc;

	res = db_query(db, c->arena, "SELECT c.event_id, c.order_id, c.booking_id IS NOT NULL,"
	    " c.expires_at <= UTC_TIMESTAMP(), (SELECT o.status = 'paid' FROM orders o"
	    "  WHERE o.id = c.order_id) FROM credits c WHERE c.id = ? AND c.user_id = ?"
	    " FOR UPDATE", "ll", c->credit_id, c->who->user_id);
	if ((rc = db_found(res)) != OK)
		return rc;
	if (db_int(res, 0, 2))
		return CREDIT_USED;
	if (db_int(res, 0, 3))
		return CREDIT_EXPIRED;
	if (!db_int(res, 0, 4))
		return CREDIT_UNPAID;
	if ((rc = booking_create_in_order(db, c->arena, c->who, c->slot_id,
	    db_int(res, 0, 0), db_int(res, 0, 1), "credit", &c->booking_id, &c->why)) != OK)
		return rc;
	return db_exec(db, "UPDATE credits SET booking_id = ? WHERE id = ?", "ll",
	    c->booking_id, c->credit_id) < 0 ? ERR : OK;
}

int
credit_schedule(struct db *db, struct arena *a, const struct actor *who,
    long long credit_id, long long slot_id, long long *booking_id, const char **why)
{
	struct schedule c = { a, who, credit_id, slot_id, 0, NULL };
	int rc = db_txn(db, schedule_txn, &c);

	*booking_id = c.booking_id;
	*why = c.why != NULL ? c.why : result_message(rc);
	return rc;
}

int
credit_release(struct db *db, long long booking_id)
{
	return db_exec(db, "UPDATE credits SET booking_id = NULL WHERE booking_id = ?", "l",
	    booking_id) < 0 ? ERR : OK;
}
