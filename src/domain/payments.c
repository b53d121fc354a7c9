/* domain/payments.c: the payment provider's signed webhook: confirm on
 * payment, record refunds, each event once */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/booking.h"
#include "domain/orders.h"
#include "domain/payments.h"

const char *const payment_outcomes[PAY_OUTCOMES + 1] = {
	[PAY_CONFIRMED] = "confirmed",
	[PAY_REFUNDED] = "refunded",
	[PAY_AMOUNT_MISMATCH] = "amount_mismatch",
	[PAY_REFUND_DUE] = "refund_due",
	[PAY_IGNORED] = "ignored",
	[PAY_REPLAYED] = "replayed",
	[PAY_OUTCOMES] = NULL,
};

int
payment_signature_ok(const char *header, const char *body, size_t len,
    const char *secret, time_t now)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char want[2 * EVP_MAX_MD_SIZE + 1], *msg, *end;
	const char *p, *t = NULL, *field;
	size_t tlen = 0, flen, i;
	long long when;
	int ok = 0;

	if (header == NULL || secret == NULL || *secret == '\0')
		return 0;
	for (p = header; *p; p += flen + (p[flen] == ',')) {
		flen = strcspn(p, ",");
		if (strncmp(p, "t=", 2) == 0) {
			t = p + 2;
			tlen = flen - 2;
		}
	}
	if (t == NULL || tlen == 0 || tlen > 19)
		return 0;
	when = strtoll(t, &end, 10);
	if (end != t + tlen || llabs(when - (long long)now) > PAYMENT_SIGNATURE_SECONDS)
		return 0;
	msg = malloc(tlen + 1 + len);
	if (msg == NULL)
		abort();
	memcpy(msg, t, tlen);
	msg[tlen] = '.';
	memcpy(msg + tlen + 1, body, len);
	if (HMAC(EVP_sha256(), secret, (int)strlen(secret), (unsigned char *)msg,
	    tlen + 1 + len, md, &mdlen) == NULL)
		mdlen = 0;
	free(msg);
	if (mdlen == 0)
		return 0;
	for (i = 0; i < mdlen; i++)
		snprintf(want + 2 * i, 3, "%02x", md[i]);
	/* Every v1 is compared in full, so the time taken tells nothing. */
	for (p = header; *p; p += flen + (p[flen] == ',')) {
		flen = strcspn(p, ",");
		field = p + 3;
		if (strncmp(p, "v1=", 3) == 0 && flen - 3 == 2 * (size_t)mdlen &&
		    CRYPTO_memcmp(field, want, 2 * (size_t)mdlen) == 0)
			ok = 1;
	}
	return ok;
}

struct apply {
	struct arena			*arena;
	const struct payment_event	*ev;
	enum payment_outcome		 outcome;
};

/* The system confirms: an admin's rights, no user. */
static const struct actor provider = { 0, 1, 1, NULL };

/* Whether the booking's last cancellation was its hold running out. */
static int
released_by_hold(struct db *db, struct arena *a, long long id, int *yes)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT data FROM booking_events WHERE booking_id = ?"
	    " AND type = 'cancelled' ORDER BY id DESC LIMIT 1", "l", id);
	if (res == NULL)
		return ERR;
	*yes = res->nrows > 0 && db_val(res, 0, 0) != NULL &&
	    strstr(db_val(res, 0, 0), "\"hold_expired\"") != NULL;
	return OK;
}

/* payment.succeeded (rules 4 and 5): amount must be the booking's price;
 * a running hold is confirmed, one that ran out takes its seat again if
 * it is still free. */
static int
succeeded(struct db *db, struct apply *c, const struct booking *b, long long amount,
    time_t now)
{
	time_t hold;
	int rc, expired;

	if (amount != b->price) {
		c->outcome = PAY_AMOUNT_MISMATCH;
		return OK;
	}
	if (strcmp(b->payment_status, "pending") != 0) {
		c->outcome = PAY_IGNORED;
		return OK;
	}
	expired = b->hold_expires_at != NULL &&
	    dbtime_parse(b->hold_expires_at, &hold) == 0 && hold <= now;
	if (b->state == BOOKING_PENDING && !expired) {
		rc = booking_transition(db, c->arena, &provider, b->id, BK_CONFIRM,
		    c->ev->payment_id);
		c->outcome = PAY_CONFIRMED;
		return rc;
	}
	if (b->state == BOOKING_CANCELLED && !b->hold_lapsed &&
	    ((rc = released_by_hold(db, c->arena, b->id, &expired)) != OK || !expired)) {
		c->outcome = PAY_REFUND_DUE;	/* cancelled on purpose, then paid */
		return rc;
	}
	if (b->state != BOOKING_PENDING && b->state != BOOKING_CANCELLED) {
		c->outcome = PAY_IGNORED;
		return OK;
	}
	rc = booking_retake(db, c->arena, &provider, b->id, c->ev->payment_id);
	if (rc == ERR)
		return ERR;
	c->outcome = rc == OK ? PAY_CONFIRMED : PAY_REFUND_DUE;
	return OK;
}

/* A booking's share of a refund: amount back in all, of what it holds and
 * gave back already (paid). */
static int
refund_share(struct db *db, const struct booking *b, long long paid, long long amount)
{
	return db_exec(db, "UPDATE bookings SET payment_status = 'refunded',"
	    " paid_amount = ? / 100, refund_amount = ? / 100 WHERE id = ?", "lll",
	    paid - amount, amount, b->id) < 0 ? ERR : order_refresh(db, b->id);
}

/* payment.refunded: the provider gave money back, amount in all; never
 * more than was paid (rule 16: what the booking holds and what it gave
 * back already). */
static int
refunded(struct db *db, struct apply *c, const struct booking *b)
{
	long long paid = b->paid_amount + b->refund_amount;

	if (c->ev->amount <= 0 || c->ev->amount > paid) {
		c->outcome = PAY_AMOUNT_MISMATCH;
		return OK;
	}
	c->outcome = PAY_REFUNDED;
	return refund_share(db, b, paid, c->ev->amount);
}

/* The booking the event names, its row locked. */
static int
apply_booking(struct db *db, struct apply *c)
{
	const struct payment_event *ev = c->ev;
	struct booking b;
	int rc;

	if ((rc = booking_lock(db, c->arena, &provider, ev->booking_id, &b)) != OK)
		return rc;
	if (strcmp(ev->type, "payment.succeeded") == 0)
		return succeeded(db, c, &b, ev->amount, time(NULL));
	if (strcmp(ev->type, "payment.refunded") == 0)
		return refunded(db, c, &b);
	c->outcome = PAY_IGNORED;
	return OK;
}

/* An order's payment confirms each of its bookings waiting for one. */
static int
order_succeeded(struct db *db, struct apply *c, const struct booking *list, int n)
{
	enum payment_outcome all = PAY_IGNORED;
	int i, rc;

	for (i = 0; i < n; i++) {
		if (strcmp(list[i].payment_status, "pending") != 0)
			continue;
		if ((rc = succeeded(db, c, &list[i], list[i].price, time(NULL))) != OK)
			return rc;
		if (c->outcome == PAY_REFUND_DUE || all == PAY_IGNORED)
			all = c->outcome;
	}
	c->outcome = all;
	return OK;
}

/* An order's refund, amount in all, shared out in booking order. */
static int
order_refunded(struct db *db, struct apply *c, const struct booking *list, int n)
{
	long long paid = 0, left = c->ev->amount, held, share;
	int i;

	for (i = 0; i < n; i++)
		paid += list[i].paid_amount + list[i].refund_amount;
	if (left <= 0 || left > paid) {
		c->outcome = PAY_AMOUNT_MISMATCH;
		return OK;
	}
	c->outcome = PAY_REFUNDED;
	for (i = 0; i < n && left > 0; i++) {
		held = list[i].paid_amount + list[i].refund_amount;
		share = left < held ? left : held;
		if (share > 0 && refund_share(db, &list[i], held, share) != OK)
			return ERR;
		left -= share;
	}
	return OK;
}

/* A package's refund, amount in all: its money is the order's own (the
 * bookings of its credits cost nothing), never more than was paid for it.
 * Refunded in full, the order is no longer paid, so the credits not yet
 * used can no longer be (credit_schedule: CREDIT_UNPAID). */
static int
package_refunded(struct db *db, struct apply *c, long long paid)
{
	if (c->ev->amount <= 0 || c->ev->amount > paid) {
		c->outcome = PAY_AMOUNT_MISMATCH;
		return OK;
	}
	c->outcome = PAY_REFUNDED;
	return db_exec(db, "UPDATE orders SET refunded_amount = ? / 100,"
	    " status = IF(? >= ?, 'refunded', 'paid') WHERE id = ?", "llll",
	    c->ev->amount, c->ev->amount, paid, c->ev->order_id) < 0 ? ERR : OK;
}

/* The order the event names: its bookings' rows locked in id order, then
 * the order's. */
static int
apply_order(struct db *db, struct apply *c)
{
	const struct payment_event *ev = c->ev;
	struct db_res *res;
	struct booking *list;
	long long total, paid;
	int n, rc, package;

	res = db_query(db, c->arena, "SELECT id FROM bookings WHERE order_id = ?"
	    " ORDER BY id FOR UPDATE", "l", ev->order_id);
	if (res == NULL)
		return ERR;
	res = db_query(db, c->arena, "SELECT total, status IN ('paid','refunded'),"
	    " EXISTS (SELECT 1 FROM credits c WHERE c.order_id = o.id)"
	    " FROM orders o WHERE id = ? FOR UPDATE", "l", ev->order_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	total = money_cents(db_val(res, 0, 0));
	paid = db_int(res, 0, 1) ? total : 0;
	package = db_int(res, 0, 2) != 0;
	if (order_bookings(db, c->arena, ev->order_id, &list, &n) != OK)
		return ERR;
	if (strcmp(ev->type, "payment.succeeded") == 0) {
		if (ev->amount != total) {
			c->outcome = PAY_AMOUNT_MISMATCH;
			return OK;
		}
		if (n == 0) {
			/* A package's order: its credits wait for it. */
			long long changed = db_exec(db, "UPDATE orders SET status = 'paid',"
			    " paid_at = UTC_TIMESTAMP() WHERE id = ? AND status = 'pending'", "l",
			    ev->order_id);

			if (changed < 0)
				return ERR;
			c->outcome = changed > 0 ? PAY_CONFIRMED : PAY_IGNORED;
		} else if ((rc = order_succeeded(db, c, list, n)) != OK)
			return rc;
		return db_exec(db, "UPDATE orders SET payment_id = ? WHERE id = ?", "sl",
		    ev->payment_id, ev->order_id) < 0 ? ERR : OK;
	}
	if (strcmp(ev->type, "payment.refunded") == 0)
		return package ? package_refunded(db, c, paid) : order_refunded(db, c, list, n);
	c->outcome = PAY_IGNORED;
	return OK;
}

static int
apply_txn(struct db *db, void *ctx)
{
	struct apply *c = ctx;
	const struct payment_event *ev = c->ev;
	int rc;

	/* The event's row first: a second delivery of it, even at the same
	 * moment, waits here and then finds it. */
	if (db_exec(db, "INSERT INTO payment_events (event_id, type, booking_id,"
	    " payment_id, amount, outcome) VALUES (?, ?, NULL, ?, ?, 'ignored')",
	    "sssl", ev->id, ev->type, ev->payment_id, ev->amount) < 0) {
		if (db_errno(db) != DB_DUP_KEY)
			return ERR;
		c->outcome = PAY_REPLAYED;
		return OK;
	}
	rc = ev->order_id ? apply_order(db, c) : apply_booking(db, c);
	if (rc != OK)
		return rc;
	return db_exec(db, "UPDATE payment_events SET booking_id = NULLIF(?, 0),"
	    " order_id = NULLIF(?, 0), outcome = ? WHERE event_id = ?", "llss",
	    ev->booking_id, ev->order_id, payment_outcomes[c->outcome], ev->id) < 0 ?
	    ERR : OK;
}

int
payment_apply(struct db *db, struct arena *a, const struct payment_event *ev,
    enum payment_outcome *outcome)
{
	struct apply c = { a, ev, PAY_IGNORED };
	int rc = db_txn(db, apply_txn, &c);

	*outcome = c.outcome;
	return rc;
}

static void
payment_fill(const struct db_res *res, int i, void *out)
{
	struct payment_row *p = out;

	p->event_id = db_val(res, i, 0);
	p->type = db_val(res, i, 1);
	p->booking_id = db_int(res, i, 2);
	p->amount = db_int(res, i, 3);
	p->outcome = db_val(res, i, 4);
	p->received_at = db_val(res, i, 5);
}

int
payment_attention(struct db *db, struct arena *a, int limit, struct payment_row **out,
    int *n)
{
	*out = db_rows(a, db_query(db, a, "SELECT event_id, type, booking_id, amount,"
	    " outcome, received_at FROM payment_events"
	    " WHERE outcome IN ('refund_due','amount_mismatch')"
	    " ORDER BY received_at DESC, event_id LIMIT ?", "i", limit),
	    sizeof(**out), payment_fill, n);
	return *out != NULL ? OK : ERR;
}

