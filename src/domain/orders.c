/* domain/orders.c: orders (one payment for one or more bookings), the cart
 * and its checkout, all or nothing */
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "core/limits.h"
#include "db/db.h"
#include "domain/booking.h"
#include "domain/orders.h"
#include "domain/prices.h"

/*
 * Locking order, after booking.c's: a checkout locks the cart's row, then
 * (in booking_create_many) its timeslots in ascending id; an order's row
 * is changed last, after the bookings of it that changed.
 */

const char *const order_statuses[] = {
	"pending", "paid", "cancelled", "refunded", NULL
};

int
order_create(struct db *db, long long user_id, long long total, long long *id)
{
	if (db_exec(db, "INSERT INTO orders (user_id, total, base_price, total_price)"
	    " VALUES (?, ? / 100, ? / 100, ? / 100)", "llll", user_id, total, total,
	    total) < 0)
		return ERR;
	*id = db_insert_id(db);
	return OK;
}

int
order_create_whole(struct db *db, long long user_id, const struct price_parts *sum,
    long long discount_id, int paid, long long *id)
{
	if (db_exec(db, "INSERT INTO orders (user_id, status, paid_at, total, base_price,"
	    " discount_amount, tax_amount, total_price, discount_id) VALUES (?,"
	    " IF(?, 'paid', 'pending'), IF(?, UTC_TIMESTAMP(), NULL), ? / 100, ? / 100,"
	    " ? / 100, ? / 100, ? / 100, NULLIF(?, 0))", "liilllll" "l", user_id, paid, paid,
	    sum->total, sum->base, sum->discount, sum->tax, sum->total, discount_id) < 0)
		return ERR;
	*id = db_insert_id(db);
	return OK;
}

int
order_set_parts(struct db *db, long long order_id, const struct price_parts *p)
{
	return db_exec(db, "UPDATE orders SET base_price = ? / 100, discount_amount = ? / 100,"
	    " tax_amount = ? / 100, total_price = ? / 100, total = ? / 100 WHERE id = ?",
	    "lllll" "l", p->base, p->discount, p->tax, p->total, p->total,
	    order_id) < 0 ? ERR : OK;
}

int
order_price(struct db *db, long long order_id, long long discount_id)
{
	return db_exec(db, "UPDATE orders o JOIN (SELECT order_id, SUM(base_price) base,"
	    "  SUM(discount_amount) discount, SUM(tax_amount) tax, SUM(total_price) total"
	    "  FROM bookings WHERE order_id = ? GROUP BY order_id) s ON s.order_id = o.id"
	    " SET o.base_price = s.base, o.discount_amount = s.discount,"
	    " o.tax_amount = s.tax, o.total_price = s.total, o.total = s.total,"
	    " o.discount_id = NULLIF(?, 0)", "ll", order_id, discount_id) < 0 ? ERR : OK;
}

/* The order's status from its bookings b (see orders.h). */
#define ORDER_STATUS \
	"CASE WHEN SUM(b.payment_status = 'pending' AND b.status IN ('pending','confirmed')) > 0" \
	"  THEN 'pending' WHEN SUM(b.payment_status = 'paid') > 0 THEN 'paid'" \
	"  WHEN SUM(b.refund_amount) > 0 THEN 'refunded' ELSE 'cancelled' END"

int
order_refresh(struct db *db, long long booking_id)
{
	return db_exec(db, "UPDATE orders o JOIN (SELECT b.order_id, " ORDER_STATUS " AS status,"
	    "  SUM(b.refund_amount) AS refunded FROM bookings b"
	    "  JOIN bookings me ON me.order_id = b.order_id WHERE me.id = ?"
	    "  GROUP BY b.order_id) s ON s.order_id = o.id"
	    /* A package's order follows its own payment: its credits'
	     * bookings cost nothing. */
	    " AND NOT EXISTS (SELECT 1 FROM credits c WHERE c.order_id = o.id)"
	    " SET o.paid_at = IF(s.status = 'paid', COALESCE(o.paid_at, UTC_TIMESTAMP()), o.paid_at),"
	    " o.status = s.status, o.refunded_amount = s.refunded",
	    "l", booking_id) < 0 ? ERR : OK;
}

#define ORDER_SELECT \
	"SELECT o.id, o.user_id, o.status, o.total, o.refunded_amount, o.payment_id," \
	" o.created_at, o.paid_at," \
	" (SELECT COUNT(*) FROM bookings b WHERE b.order_id = o.id), o.base_price," \
	" o.discount_amount, o.tax_amount FROM orders o"

static void
order_fill(const struct db_res *res, int i, void *out)
{
	struct order *o = out;

	o->id = db_int(res, i, 0);
	o->user_id = db_int(res, i, 1);
	o->status = db_val(res, i, 2);
	o->total = money_cents(db_val(res, i, 3));
	o->refunded = money_cents(db_val(res, i, 4));
	o->payment_id = db_val(res, i, 5);
	o->created_at = db_val(res, i, 6);
	o->paid_at = db_val(res, i, 7);
	o->bookings = db_int(res, i, 8);
	o->base_price = money_cents(db_val(res, i, 9));
	o->discount_amount = money_cents(db_val(res, i, 10));
	o->tax_amount = money_cents(db_val(res, i, 11));
}

int
order_get(struct db *db, struct arena *a, long long id, const struct actor *who,
    struct order *out)
{
	return db_row(db_query(db, a, ORDER_SELECT " WHERE o.id = ? AND (o.user_id = ? OR ?)",
	    "lli", id, who->user_id, who->admin), order_fill, out);
}

int
order_list(struct db *db, struct arena *a, long long user_id, long long limit,
    long long offset, struct order **out, int *n, long long *total)
{
	struct db_res *res;

	if ((*out = db_rows(a, db_query(db, a, ORDER_SELECT " WHERE o.user_id = ?"
	    " ORDER BY o.id DESC LIMIT ? OFFSET ?", "lll", user_id, limit, offset),
	    sizeof(**out), order_fill, n)) == NULL)
		return ERR;
	if (total == NULL)
		return OK;
	res = db_query(db, a, "SELECT COUNT(*) FROM orders WHERE user_id = ?", "l", user_id);
	if (res == NULL)
		return ERR;
	*total = db_int(res, 0, 0);
	return OK;
}

int
order_bookings(struct db *db, struct arena *a, long long order_id,
    struct booking **out, int *n)
{
	return booking_rows(a, db_query(db, a, BOOKING_SELECT " WHERE b.order_id = ?"
	    " ORDER BY b.id", "l", order_id), out, n);
}

int
cart_get(struct db *db, struct arena *a, long long user_id, struct cart *c)
{
	struct db_res *res;
	int i;

	memset(c, 0, sizeof(*c));
	res = db_query(db, a, "SELECT id, timeslot_id FROM cart_items WHERE user_id = ?"
	    " ORDER BY timeslot_id", "l", user_id);
	if (res == NULL)
		return ERR;
	c->items = arena_calloc(a, (size_t)res->nrows, sizeof(*c->items));
	for (i = 0; i < res->nrows; i++) {
		struct cart_item *it = &c->items[c->n];

		it->id = db_int(res, i, 0);
		switch (slot_get(db, a, db_int(res, i, 1), 0, &it->slot)) {
		case OK:
			c->total += it->slot.price;
			c->n++;
			break;
		case NOT_FOUND:
			break;		/* made a draft again since: not for sale */
		default:
			return ERR;
		}
	}
	return OK;
}

struct cart_add {
	struct arena	*arena;
	long long	 user_id;
	long long	 slot_id;
	long long	 item_id;
};

/* Counted after the user's row is taken: items added at once take turns,
 * so the cart never holds more than CART_ITEMS_MAX. */
static int
cart_add_txn(struct db *db, void *ctx)
{
	struct cart_add *c = ctx;
	struct db_res *res;

	if (user_hold(db, c->user_id) != OK)
		return ERR;
	res = db_query(db, c->arena, "SELECT COUNT(*), COALESCE(SUM(timeslot_id = ?), 0)"
	    " FROM cart_items WHERE user_id = ?", "ll", c->slot_id, c->user_id);
	if (res == NULL)
		return ERR;
	if (db_int(res, 0, 1) == 0 && db_int(res, 0, 0) >= CART_ITEMS_MAX)
		return CART_FULL;
	if (db_exec(db, "INSERT IGNORE INTO carts (user_id) VALUES (?)", "l", c->user_id) < 0 ||
	    db_exec(db, "INSERT INTO cart_items (user_id, timeslot_id) VALUES (?, ?)"
	    " ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)", "ll", c->user_id,
	    c->slot_id) < 0)
		return ERR;
	c->item_id = db_insert_id(db);
	return OK;
}

int
cart_add(struct db *db, struct arena *a, long long user_id, long long slot_id,
    long long *item_id)
{
	struct cart_add c = { a, user_id, slot_id, 0 };
	struct slot s;
	int rc;

	if ((rc = slot_get(db, a, slot_id, 0, &s)) != OK)
		return rc;
	if (s.state != OK)
		return s.state;
	if ((rc = db_txn(db, cart_add_txn, &c)) == OK)
		*item_id = c.item_id;
	return rc;
}

int
cart_remove(struct db *db, long long user_id, long long item_id)
{
	long long n = db_exec(db, "DELETE FROM cart_items WHERE id = ? AND user_id = ?",
	    "ll", item_id, user_id);

	return n < 0 ? ERR : n == 0 ? NOT_FOUND : OK;
}

int
cart_clear(struct db *db, long long user_id)
{
	return db_exec(db, "DELETE FROM cart_items WHERE user_id = ?", "l", user_id) < 0 ?
	    ERR : OK;
}

struct checkout_ctx {
	struct arena		*arena;
	const struct actor	*who;
	const char		*key;
	const char		*code;
	struct checkout		*out;
};

static int
checkout_txn(struct db *db, void *ctx)
{
	struct checkout_ctx *c = ctx;
	struct arena *a = c->arena;
	struct checkout *out = c->out;
	long long user = c->who->user_id, *slots;
	struct db_res *res, *items;
	int i, rc, failed = -1;

	memset(out, 0, sizeof(*out));
	/* The cart's row first: a second checkout of it (the same key sent
	 * twice, two tabs) waits here and then finds the first's work. */
	res = db_query(db, a, "SELECT user_id FROM carts WHERE user_id = ? FOR UPDATE",
	    "l", user);
	if (res == NULL)
		return ERR;
	if (c->key != NULL) {
		res = db_query(db, a, "SELECT order_id FROM checkout_keys"
		    " WHERE user_id = ? AND idem_key = ?", "ls", user, c->key);
		if (res == NULL)
			return ERR;
		if (res->nrows > 0) {
			out->order_id = db_int(res, 0, 0);
			out->replayed = 1;
			return OK;
		}
	}
	/* In ascending timeslot id: the order booking_create_many locks in. */
	items = db_query(db, a, "SELECT id, timeslot_id FROM cart_items WHERE user_id = ?"
	    " ORDER BY timeslot_id", "l", user);
	if (items == NULL)
		return ERR;
	if (items->nrows == 0)
		return CART_EMPTY;
	slots = arena_calloc(a, (size_t)items->nrows, sizeof(*slots));
	for (i = 0; i < items->nrows; i++)
		slots[i] = db_int(items, i, 1);
	rc = booking_create_many(db, a, c->who, slots, items->nrows, "cart", c->code,
	    &out->order_id, &failed, &out->why);
	if (rc != OK) {
		if (failed >= 0 && failed < items->nrows) {
			out->failed_item = db_int(items, failed, 0);
			out->failed_slot = slots[failed];
		}
		/* A timeslot deleted or made a draft since it was added. */
		return rc == NOT_FOUND ? SLOT_UNAVAILABLE : rc;
	}
	if (db_exec(db, "DELETE FROM cart_items WHERE user_id = ?", "l", user) < 0 ||
	    (c->key != NULL && db_exec(db, "INSERT INTO checkout_keys (user_id, idem_key,"
	    " order_id) VALUES (?, ?, ?)", "lsl", user, c->key, out->order_id) < 0))
		return ERR;
	return OK;
}

int
cart_checkout(struct db *db, struct arena *a, const struct actor *who,
    const char *key, const char *code, struct checkout *out)
{
	struct checkout_ctx c = { a, who, key, code, out };
	int rc = db_txn(db, checkout_txn, &c);

	if (out->why == NULL)
		out->why = result_message(rc);
	return rc;
}
