/* domain/prices.c: a line's price in parts (base, discount, tax, total),
 * and the discount codes that take something off it */
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/fields.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/prices.h"

/* num / den rounded half-up, for num >= 0 and den > 0. */
static long long
half_up(long long num, long long den)
{
	return (2 * num + den) / (2 * den);
}

void
price_line_at(long long base, long long discount, int tax_bp, int inclusive,
    struct price_parts *p)
{
	long long net = base - discount;

	p->base = base;
	p->discount = discount;
	if (inclusive) {
		p->tax = half_up(net * tax_bp, 10000 + tax_bp);
		p->total = net;
	} else {
		p->tax = half_up(net * tax_bp, 10000);
		p->total = net + p->tax;
	}
}

void
price_line(long long base, long long discount, int tax_free, struct price_parts *p)
{
	price_line_at(base, discount, tax_free ? 0 : cfg.tax_bp, cfg.prices_include_tax, p);
}

#define DISCOUNT_COLUMNS \
	"d.id, d.code, d.percent, d.amount_off, d.valid_from, d.valid_until," \
	" d.room_id, d.event_id, d.max_uses, d.uses, d.once_per_customer, d.created_at"

static void
discount_fill(const struct db_res *res, int i, void *out)
{
	struct discount *d = out;

	d->id = db_int(res, i, 0);
	d->code = db_val(res, i, 1);
	d->percent = db_val(res, i, 2) ? (int)db_int(res, i, 2) : -1;
	d->amount_off = db_val(res, i, 3) ? money_cents(db_val(res, i, 3)) : -1;
	d->valid_from = db_val(res, i, 4);
	d->valid_until = db_val(res, i, 5);
	d->room_id = db_int(res, i, 6);
	d->event_id = db_int(res, i, 7);
	d->max_uses = db_val(res, i, 8) ? db_int(res, i, 8) : -1;
	d->uses = db_int(res, i, 9);
	d->once_per_customer = db_int(res, i, 10) != 0;
	d->created_at = db_val(res, i, 11);
}

int
discount_get(struct db *db, struct arena *a, long long id, struct discount *d)
{
	return db_row(db_query(db, a, "SELECT " DISCOUNT_COLUMNS " FROM discounts d"
	    " WHERE d.id = ?", "l", id), discount_fill, d);
}

int
discount_list(struct db *db, struct arena *a, struct discount **out, int *n)
{
	*out = db_rows(a, db_query(db, a, "SELECT " DISCOUNT_COLUMNS " FROM discounts d"
	    " ORDER BY d.id DESC", ""), sizeof(**out), discount_fill, n);
	return *out != NULL ? OK : ERR;
}

/* Whether a room or event limit names one that exists. */
static int
check_ref(struct db *db, struct arena *a, const char *table, long long id,
    const char *field, struct field_errors *fe)
{
	struct db_res *res;

	if (id <= 0)
		return OK;
	res = db_query(db, a, arena_printf(a, "SELECT id FROM %s WHERE id = ?", table),
	    "l", id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0 && strcmp(table, "rooms") == 0)
		field_error(fe, field, "There is no such room.");
	else if (res->nrows == 0)
		field_error(fe, field, "There is no such event.");
	return OK;
}

int
discount_save(struct db *db, struct arena *a, long long *id,
    const struct discount_input *in, struct field_errors *fe)
{
	struct discount cur;
	int percent = in->percent, rc;
	long long amount = in->amount_off;
	const char *from, *until;

	memset(&cur, 0, sizeof(cur));
	cur.percent = -1;
	cur.amount_off = cur.max_uses = -1;
	if (*id != 0 && (rc = discount_get(db, a, *id, &cur)) != OK)
		return rc;
	if (check_ref(db, a, "rooms", in->room_id, "roomId", fe) != OK ||
	    check_ref(db, a, "events", in->event_id, "eventId", fe) != OK)
		return ERR;
	/* One of the two: sending one takes the other away. */
	if (percent >= 0)
		amount = -1;
	else if (amount >= 0)
		percent = -1;
	else {
		percent = cur.percent;
		amount = cur.amount_off;
	}
	if (percent < 0 && amount < 0)
		field_error(fe, "percent", "Give a percent or an amountOff.");
	from = in->valid_from ? in->valid_from : cur.valid_from;
	until = in->valid_until ? in->valid_until : cur.valid_until;
	if (from != NULL && until != NULL && *from != '\0' && *until != '\0' &&
	    strcmp(from, until) >= 0)
		field_error(fe, "validUntil", "Valid until must be after valid from.");
	if (fe->n > 0)
		return INVALID;
	if (*id == 0)
		rc = db_exec(db, "INSERT INTO discounts (code, percent, amount_off,"
		    " valid_from, valid_until, room_id, event_id, max_uses, once_per_customer)"
		    " VALUES (?, IF(? < 0, NULL, ?), IF(? < 0, NULL, ? / 100), NULLIF(?, ''),"
		    " NULLIF(?, ''), NULLIF(?, 0), NULLIF(?, 0), IF(? < 0, NULL, ?), ? > 0)",
		    "siills" "slllli", in->code, percent, percent, amount, amount, from, until,
		    in->room_id > 0 ? in->room_id : 0, in->event_id > 0 ? in->event_id : 0,
		    in->max_uses, in->max_uses, in->once_per_customer) < 0 ? ERR : OK;
	else
		rc = db_exec(db, "UPDATE discounts SET code = COALESCE(?, code),"
		    " percent = IF(? < 0, NULL, ?), amount_off = IF(? < 0, NULL, ? / 100),"
		    " valid_from = NULLIF(?, ''), valid_until = NULLIF(?, ''),"
		    " room_id = IF(? = -2, room_id, NULLIF(?, -1)),"
		    " event_id = IF(? = -2, event_id, NULLIF(?, -1)),"
		    " max_uses = IF(? = -2, max_uses, NULLIF(?, -1)),"
		    " once_per_customer = IF(? < 0, once_per_customer, ? > 0) WHERE id = ?",
		    "siillss" "llllll" "iil", in->code, percent, percent, amount, amount, from,
		    until, in->room_id, in->room_id, in->event_id, in->event_id, in->max_uses,
		    in->max_uses, in->once_per_customer, in->once_per_customer, *id) < 0 ?
		    ERR : OK;
	if (rc != OK && db_errno(db) == DB_DUP_KEY) {
		field_error(fe, "code", "This code exists already.");
		return CONFLICT;
	}
	if (rc == OK && *id == 0)
		*id = db_insert_id(db);
	return rc;
}

int
discount_lock(struct db *db, struct arena *a, const char *code, long long user_id,
    struct discount *d)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT " DISCOUNT_COLUMNS ","
	    " (d.valid_from IS NULL OR d.valid_from <= UTC_TIMESTAMP())"
	    " AND (d.valid_until IS NULL OR d.valid_until > UTC_TIMESTAMP()),"
	    " EXISTS (SELECT 1 FROM discount_uses u WHERE u.discount_id = d.id"
	    "   AND u.user_id = ?)"
	    " FROM discounts d WHERE d.code = ? FOR UPDATE", "ls", user_id, code);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return DISCOUNT_UNKNOWN;
	discount_fill(res, 0, d);
	if (!db_int(res, 0, 12))
		return DISCOUNT_EXPIRED;
	if (d->max_uses >= 0 && d->uses >= d->max_uses)
		return DISCOUNT_USED_UP;
	if (d->once_per_customer && db_int(res, 0, 13))
		return DISCOUNT_ALREADY_USED;
	return OK;
}

int
discount_applies(const struct discount *d, long long room_id, long long event_id)
{
	return (d->room_id == 0 || d->room_id == room_id) &&
	    (d->event_id == 0 || d->event_id == event_id);
}

long long
discount_off(const struct discount *d, long long base, long long *left)
{
	long long off;

	if (d->percent >= 0)
		return half_up(base * d->percent, 100);
	if (*left < 0)
		*left = d->amount_off;
	off = *left < base ? *left : base;
	*left -= off;
	return off;
}

int
discount_moved(struct db *db, struct arena *a, long long booking_id, long long room_id,
    long long event_id, long long base, long long *off)
{
	struct db_res *res;
	struct discount d;
	long long left;
	int rc;

	*off = 0;
	res = db_query(db, a, "SELECT discount_id, discount_amount FROM bookings"
	    " WHERE id = ? AND discount_id IS NOT NULL", "l", booking_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return OK;
	if ((rc = discount_get(db, a, db_int(res, 0, 0), &d)) != OK)
		return rc == NOT_FOUND ? OK : rc;
	if (!discount_applies(&d, room_id, event_id))
		return OK;
	left = money_cents(db_val(res, 0, 1));
	*off = discount_off(&d, base, &left);
	return OK;
}

int
discount_use(struct db *db, const struct discount *d, long long order_id,
    long long user_id)
{
	if (db_exec(db, "UPDATE discounts SET uses = uses + 1 WHERE id = ?", "l", d->id) < 0 ||
	    db_exec(db, "INSERT INTO discount_uses (discount_id, order_id, user_id)"
	    " VALUES (?, ?, ?)", "lll", d->id, order_id, user_id) < 0)
		return ERR;
	return OK;
}

int
discount_release(struct db *db, struct arena *a, long long booking_id)
{
	struct db_res *res;
	long long rows, discount_id;

	res = db_query(db, a, "SELECT b.discount_id, b.order_id,"
	    " (SELECT COUNT(*) FROM bookings o WHERE o.order_id = b.order_id"
	    "   AND o.id <> b.id AND o.discount_id = b.discount_id"
	    "   AND o.status IN ('pending','confirmed'))"
	    " FROM bookings b WHERE b.id = ?", "l", booking_id);
	if (res == NULL || res->nrows == 0)
		return ERR;
	if (db_val(res, 0, 0) == NULL || db_int(res, 0, 2) > 0)
		return OK;
	discount_id = db_int(res, 0, 0);
	rows = db_exec(db, "DELETE FROM discount_uses WHERE discount_id = ? AND order_id = ?",
	    "ll", discount_id, db_int(res, 0, 1));
	if (rows < 0 || (rows > 0 && db_exec(db, "UPDATE discounts SET uses = uses - 1"
	    " WHERE id = ? AND uses > 0", "l", discount_id) < 0))
		return ERR;
	return OK;
}
