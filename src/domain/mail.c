/* domain/mail.c: the mail outbox: what to tell whom, written with the change
 * that causes it, and delivered (with retries) by bookingctl run-jobs */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/auth.h"
#include "domain/booking.h"
#include "domain/guest.h"
#include "domain/mail.h"

/* Minutes to wait after the 1st, 2nd, 3rd and 4th failed delivery. */
static const int backoff_minutes[MAIL_ATTEMPTS - 1] = { 1, 5, 30, 120 };

/* The kind of message a booking event sends, or NULL for none. */
static const char *
event_kind(const char *type, const char *new_status, const char *data)
{
	int waitlist = data != NULL && strstr(data, "\"waitlist\"") != NULL;

	/* A guest's new booking: the message carries the link that proves
	 * the address (guest_verify_token), whatever else it is. */
	if (strcmp(type, "created") == 0 && data != NULL && strstr(data, "\"guest\"") != NULL)
		return "created";
	if (data != NULL && strstr(data, "\"awaiting\"") != NULL)
		return "awaiting_approval";
	/* A place from the waiting list, held for payment: a message of its
	 * own, saying by when. */
	if (strcmp(type, "created") == 0 && waitlist && strcmp(new_status, "pending") == 0)
		return "promoted";
	if (strcmp(type, "created") == 0 || strcmp(type, "reactivated") == 0)
		return strcmp(new_status, "confirmed") == 0 ? "confirmed" : "created";
	if (strcmp(type, "confirmed") == 0)
		return "confirmed";
	if (strcmp(type, "approved") == 0)
		return strcmp(new_status, "confirmed") == 0 ? "confirmed" : "approved";
	if (strcmp(type, "declined") == 0)
		return "declined";
	if (strcmp(type, "rescheduled") == 0)
		return "rescheduled";
	if (strcmp(type, "cancelled") == 0)
		return data != NULL && strstr(data, "\"hold_expired\"") != NULL ?
		    "hold_expired" : "cancelled";
	return NULL;
}

static void
add_str(struct json_object *o, const char *key, const char *value)
{
	json_object_object_add(o, key, value ? json_object_new_string(value) : NULL);
}

static int
queue(struct db *db, const char *kind, long long user_id, long long booking_id,
    const char *to, struct json_object *data)
{
	long long rows;

	/* In the recipient's language: an account's choice, else the site's;
	 * an address with no account yet (a sign-up) gets the one it used. */
	rows = db_exec(db, "INSERT INTO mail_outbox (kind, user_id, booking_id,"
	    " to_addr, language, data) VALUES (?, NULLIF(?, 0), NULLIF(?, 0), ?,"
	    " COALESCE((SELECT language FROM users WHERE id = ?), ?), ?)", "sllslss", kind,
	    user_id, booking_id, to, user_id,
	    lang_code(user_id ? lang_default() : lang_current()),
	    json_object_to_json_string_ext(data, JSON_C_TO_STRING_PLAIN));
	json_object_put(data);
	return rows < 0 ? ERR : OK;
}

/* What a booking's message tells: the booking as it is at the change. */
struct booking_msg {
	long long	 user_id;
	long long	 booking_id;
	const char	*to;
	const char	*name;
	const char	*room;
	const char	*event;
	const char	*start;
	const char	*end;
	long long	 price;
	long long	 refund;
	const char	*pay_by;
	const char	*status;
	const char	*payment_status;
	long long	 base;
	long long	 discount;
	long long	 tax;
	long long	 order_id;
	const char	*ticket;
	long long	 sequence;
	int		 guest;
};

static int
queue_msg(struct db *db, const char *kind, const struct booking_msg *m)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "bookingId", json_object_new_int64(m->booking_id));
	add_str(o, "name", m->name);
	add_str(o, "room", m->room);
	add_str(o, "event", m->event);
	add_str(o, "start", m->start);
	add_str(o, "end", m->end);
	json_object_object_add(o, "price", json_object_new_int64(m->price));
	json_object_object_add(o, "refund", json_object_new_int64(m->refund));
	add_str(o, "payBy", m->pay_by);
	add_str(o, "status", m->status);
	add_str(o, "paymentStatus", m->payment_status);
	if (strcmp(kind, "confirmed") == 0)
		add_str(o, "ticket", m->ticket);
	json_object_object_add(o, "sequence", json_object_new_int64(m->sequence));
	json_object_object_add(o, "base", json_object_new_int64(m->base));
	json_object_object_add(o, "discount", json_object_new_int64(m->discount));
	json_object_object_add(o, "tax", json_object_new_int64(m->tax));
	json_object_object_add(o, "orderId", json_object_new_int64(m->order_id));
	json_object_object_add(o, "guest", json_object_new_boolean(m->guest));
	return queue(db, kind, m->user_id, m->booking_id, m->to, o);
}

/*
 * Queues kind about a booking with what it is now: the message tells the
 * booking as it was at this change, whatever happens to it before the
 * message goes; an sms_reminder goes to the owner's phone. sequence counts
 * the changes a calendar must follow (moves, cancellations, reactivations),
 * so each .ics replaces the one before.
 */
static int
queue_booking(struct db *db, struct arena *a, long long booking_id, const char *kind)
{
	struct booking_msg m;
	struct db_res *res;

	res = db_query(db, a, "SELECT u.id, u.email, u.name, r.name, e.title,"
	    "  b.start_time, b.end_time, b.price, b.refund_amount, b.hold_expires_at,"
	    "  b.status, b.payment_status, b.base_price, b.discount_amount, b.tax_amount,"
	    "  b.order_id, b.ticket_code,"
	    "  (SELECT COUNT(*) FROM booking_events be WHERE be.booking_id = b.id"
	    "    AND be.type IN ('rescheduled','cancelled','reactivated')), u.phone,"
	    "  b.booking_type = '" BOOKING_GUEST "'"
	    " FROM bookings b JOIN users u ON u.id = b.user_id"
	    " JOIN rooms r ON r.id = b.room_id JOIN timeslots t ON t.id = b.timeslot_id"
	    " LEFT JOIN events e ON e.id = t.event_id WHERE b.id = ?", "l", booking_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	m.user_id = db_int(res, 0, 0);
	m.booking_id = booking_id;
	m.to = db_val(res, 0, strcmp(kind, "sms_reminder") == 0 ? 18 : 1);
	m.name = db_val(res, 0, 2);
	m.room = db_val(res, 0, 3);
	m.event = db_val(res, 0, 4);
	m.start = db_val(res, 0, 5);
	m.end = db_val(res, 0, 6);
	m.price = money_cents(db_val(res, 0, 7));
	m.refund = money_cents(db_val(res, 0, 8));
	m.pay_by = db_val(res, 0, 9);
	m.status = db_val(res, 0, 10);
	m.payment_status = db_val(res, 0, 11);
	m.base = money_cents(db_val(res, 0, 12));
	m.discount = money_cents(db_val(res, 0, 13));
	m.tax = money_cents(db_val(res, 0, 14));
	m.order_id = db_int(res, 0, 15);
	m.ticket = db_val(res, 0, 16);
	m.sequence = db_int(res, 0, 17);
	m.guest = db_int(res, 0, 19) != 0;
	return queue_msg(db, kind, &m);
}

int
mail_booking_event(struct db *db, struct arena *a, long long booking_id,
    const char *type, const char *new_status, const char *data)
{
	const char *kind = event_kind(type, new_status, data);

	if (kind == NULL)
		return OK;
	return queue_booking(db, a, booking_id, kind);
}

int
mail_booking_made(struct db *db, const struct booking *b, const char *status,
    const char *data)
{
	const char *kind = event_kind("created", status, data);
	struct booking_msg m = {
		b->user_id, b->id, b->user_email, b->user_name, b->room_name,
		b->event_title, b->start, b->end, b->price, b->refund_amount,
		b->hold_expires_at, status, b->payment_status, b->base_price,
		b->discount_amount, b->tax_amount, b->order_id, b->ticket_code,
		0, b->booking_type != NULL && strcmp(b->booking_type, BOOKING_GUEST) == 0
	};

	return kind == NULL ? OK : queue_msg(db, kind, &m);
}

int
mail_signup_confirm(struct db *db, long long signup_id, const char *email,
    const char *name)
{
	struct json_object *o = json_object_new_object();

	add_str(o, "name", name);
	json_object_object_add(o, "signupId", json_object_new_int64(signup_id));
	return queue(db, "signup_confirm", 0, 0, email, o);
}

int
mail_signup_taken(struct db *db, long long user_id, const char *email,
    const char *name)
{
	struct json_object *o = json_object_new_object();

	add_str(o, "name", name);
	return queue(db, "signup_taken", user_id, 0, email, o);
}

int
mail_password_reset(struct db *db, long long reset_id, long long user_id,
    const char *email, const char *name)
{
	struct json_object *o = json_object_new_object();

	add_str(o, "name", name);
	json_object_object_add(o, "resetId", json_object_new_int64(reset_id));
	return queue(db, "password_reset", user_id, 0, email, o);
}

/* The row a message's link is for, from its data's key, or 0. */
static long long
link_of(const char *data, const char *key)
{
	struct json_object *o = json_tokener_parse(data), *v;
	long long id = 0;

	if (o != NULL && json_object_object_get_ex(o, key, &v))
		id = json_object_get_int64(v);
	json_object_put(o);
	return id;
}

/* The owner's unsubscribe token, made with their first message. */
static const char *
user_token(struct db *db, struct arena *a, long long user_id)
{
	struct db_res *res;

	if (user_id == 0 || db_exec(db, "UPDATE users SET mail_token = ?"
	    " WHERE id = ? AND mail_token IS NULL", "sl", auth_random_hex(a, 32),
	    user_id) < 0)
		return NULL;
	res = db_query(db, a, "SELECT mail_token FROM users WHERE id = ?", "l", user_id);
	return res != NULL && res->nrows > 0 ? db_val(res, 0, 0) : NULL;
}

/* Records a delivery's outcome on the claimed row. */
static int
record_outcome(struct db *db, const struct mail_msg *m, const char *now,
    const char *err)
{
	int tries = m->attempts + 1;

	if (err == NULL)
		return db_exec(db, "UPDATE mail_outbox SET status = 'sent',"
		    " attempts = ?, last_error = NULL, sent_at = COALESCE(?, UTC_TIMESTAMP())"
		    " WHERE id = ?", "isl", tries, now, m->id) < 0 ? ERR : OK;
	if (tries >= MAIL_ATTEMPTS)
		return db_exec(db, "UPDATE mail_outbox SET status = 'failed',"
		    " attempts = ?, last_error = ? WHERE id = ?", "isl", tries, err,
		    m->id) < 0 ? ERR : OK;
	return db_exec(db, "UPDATE mail_outbox SET attempts = ?, last_error = ?,"
	    " next_attempt_at = COALESCE(?, UTC_TIMESTAMP()) + INTERVAL ? MINUTE"
	    " WHERE id = ?", "issil", tries, err, now, backoff_minutes[tries - 1],
	    m->id) < 0 ? ERR : OK;
}

struct claim {
	struct arena	*arena;
	const char	*now;
	struct mail_msg	*m;
	int		 dropped;	/* marked failed: nothing to send */
};

/* The claimed message cannot go (why, the outbox's record for operators):
 * marked failed for good. */
static int
drop(struct db *db, struct claim *c, const char *why)
{
	c->dropped = 1;
	return db_exec(db, "UPDATE mail_outbox SET status = 'failed', last_error = ?"
	    " WHERE id = ?", "sl", why, c->m->id) < 0 ? ERR : OK;
}

/* The first due message no other runner holds, claimed for MAIL_LEASE_MINUTES
 * with the tokens of its links made. */
static int
claim_txn(struct db *db, void *ctx)
{
	struct claim *c = ctx;
	struct mail_msg *m = c->m;
	struct arena *a = c->arena;
	struct db_res *res;
	int rc;

	c->dropped = 0;
	/* SKIP LOCKED: a row another runner is claiming is its business. */
	res = db_query(db, a, "SELECT id, kind, user_id, booking_id, to_addr, data,"
	    " attempts, language FROM mail_outbox WHERE status = 'pending'"
	    " AND next_attempt_at <= COALESCE(?, UTC_TIMESTAMP())"
	    " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", "s", c->now);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	m->id = db_int(res, 0, 0);
	m->kind = db_val(res, 0, 1);
	m->user_id = db_int(res, 0, 2);
	m->booking_id = db_int(res, 0, 3);
	m->to = db_val(res, 0, 4);
	m->data = db_val(res, 0, 5);
	m->attempts = (int)db_int(res, 0, 6);
	m->language = db_val(res, 0, 7);
	/* The claim is a write: no runner takes the row again until the
	 * lease runs out (one that dies while sending leaves the message to
	 * be sent then), and two Galera nodes' claims of one row conflict
	 * at certification, where a lock would hold on its own node only. */
	if (db_exec(db, "UPDATE mail_outbox SET next_attempt_at = COALESCE(?,"
	    " UTC_TIMESTAMP()) + INTERVAL " LIMIT_TEXT(MAIL_LEASE_MINUTES) " MINUTE"
	    " WHERE id = ?", "sl", c->now, m->id) < 0)
		return ERR;
	m->token = user_token(db, a, m->user_id);
	m->link = NULL;
	/* A link's token is made now, so the outbox never holds it. */
	if (strcmp(m->kind, "signup_confirm") == 0 || strcmp(m->kind, "password_reset") == 0) {
		rc = strcmp(m->kind, "signup_confirm") == 0 ?
		    account_signup_token(db, a, link_of(m->data, "signupId"), &m->link) :
		    account_reset_token(db, a, link_of(m->data, "resetId"), &m->link);
		if (rc == NOT_FOUND)
			/* not translated: the outbox's record, for operators */
			return drop(db, c, "the link expired or was used");
		if (rc != OK)
			return rc;
	}
	/* Every message about a guest's booking carries its manage link, and
	 * the one saying it is booked the link that proves the address. */
	m->manage = NULL;
	if (m->booking_id != 0 &&
	    guest_manage_token(db, a, m->booking_id, &m->manage) == ERR)
		return ERR;
	if (m->manage != NULL && strcmp(m->kind, "created") == 0 &&
	    (rc = guest_verify_token(db, a, m->booking_id, &m->link)) != OK)
		/* not translated: the outbox's record, for operators */
		return rc == NOT_FOUND ? drop(db, c, "the hold ran out") : rc;
	return OK;
}

int
mail_deliver_next(struct db *db, struct arena *a, const char *now,
    mail_send_fn send, void *ctx, int *sent)
{
	struct mail_msg m;
	struct claim c = { a, now, &m, 0 };
	char err[500];
	int rc;

	*sent = 0;
	if ((rc = db_txn(db, claim_txn, &c)) != OK || c.dropped)
		return rc;
	/* Sent with no transaction open and no row held. */
	err[0] = '\0';
	if (send(ctx, a, &m, err, sizeof(err)) == 0) {
		*sent = 1;
		return record_outcome(db, &m, now, NULL);
	}
	/* not translated: the outbox's record, for operators */
	return record_outcome(db, &m, now, err[0] ? err : "delivery failed");
}

struct reminder_pass {
	struct arena	*arena;
	const char	*now;
	int		 queued;
	int		 sent;		/* by the last try, counted once it committed */
};

/* Why a due reminder must not go, or NULL when it may: the reminders'
 * record, for operators, so not translated. */
static const char *
reminder_stale(const struct db_res *res)
{
	if (strcmp(db_val(res, 0, 1), "confirmed") != 0)
		return "the booking is no longer confirmed"; /* not translated: stored */
	if (!db_int(res, 0, 2))
		return "the booking has moved"; /* not translated: stored */
	if (!db_int(res, 0, 3))
		return "the booking has started"; /* not translated: stored */
	if (db_int(res, 0, 4))
		return strcmp(db_val(res, 0, 5), "sms") == 0 ?
		    "the owner turned SMS reminders off" /* not translated: stored */
		    : "the owner turned reminders off"; /* not translated: stored */
	if (strcmp(db_val(res, 0, 5), "sms") == 0 && cfg.sms_command[0] == '\0')
		return "the sms_command setting is empty"; /* not translated: stored */
	return NULL;
}

static int
reminder_txn(struct db *db, void *ctx)
{
	struct reminder_pass *p = ctx;
	struct db_res *res;
	const char *why;
	long long id, booking_id;
	int rc;

	p->sent = 0;
	res = db_query(db, p->arena, "SELECT id, booking_id, type FROM reminders"
	    " WHERE status = 'pending' AND type IN ('email_24h','email_1h','sms')"
	    " AND scheduled_at <= COALESCE(?, UTC_TIMESTAMP())"
	    " ORDER BY scheduled_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", "s", p->now);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	id = db_int(res, 0, 0);
	booking_id = db_int(res, 0, 1);
	/* Moved: planned for another start than the booking's. */
	res = db_query(db, p->arena, "SELECT b.id, b.status,"
	    "  r.scheduled_at = b.start_time - INTERVAL IF(r.type = 'email_1h', 1, 24) HOUR,"
	    "  b.start_time > COALESCE(?, UTC_TIMESTAMP()),"
	    "  IF(r.type = 'sms', NOT u.sms_reminders OR u.phone IS NULL, u.reminders_off),"
	    "  r.type"
	    " FROM reminders r JOIN bookings b ON b.id = r.booking_id"
	    " JOIN users u ON u.id = b.user_id WHERE r.id = ?", "sl", p->now, id);
	if (res == NULL || res->nrows == 0)
		return ERR;
	if ((why = reminder_stale(res)) != NULL)
		return db_exec(db, "UPDATE reminders SET status = 'cancelled',"
		    " last_error = ? WHERE id = ?", "sl", why, id) < 0 ? ERR : OK;
	rc = queue_booking(db, p->arena, booking_id,
	    strcmp(db_val(res, 0, 5), "sms") == 0 ? "sms_reminder" :
	    strcmp(db_val(res, 0, 5), "email_24h") == 0 ? "reminder_24h" : "reminder_1h");
	if (rc != OK)
		return rc;
	if (db_exec(db, "UPDATE reminders SET status = 'sent', attempts = attempts + 1,"
	    " sent_at = COALESCE(?, UTC_TIMESTAMP()) WHERE id = ?", "sl", p->now, id) < 0)
		return ERR;
	p->sent = 1;
	return OK;
}

int
mail_queue_reminders(struct db *db, struct arena *a, const char *now, int *queued)
{
	struct reminder_pass p = { a, now, 0, 0 };
	int rc;

	/* A try whose commit failed runs again: only the committed count. */
	while ((rc = db_txn(db, reminder_txn, &p)) == OK)
		p.queued += p.sent;
	*queued = p.queued;
	return rc == NOT_FOUND ? OK : rc;
}

int
mail_set_reminders(struct db *db, long long user_id, int on)
{
	return db_exec(db, "UPDATE users SET reminders_off = ? WHERE id = ?", "il",
	    !on, user_id) < 0 ? ERR : OK;
}

int
mail_unsubscribe(struct db *db, struct arena *a, const char *token)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT id FROM users WHERE mail_token = ?", "s", token);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	return mail_set_reminders(db, db_int(res, 0, 0), 0);
}

int
mail_reminders_on(struct db *db, struct arena *a, long long user_id, int *on)
{
	struct db_res *res;

	res = db_query(db, a, "SELECT reminders_off FROM users WHERE id = ?", "l", user_id);
	if (res == NULL)
		return ERR;
	if (res->nrows == 0)
		return NOT_FOUND;
	*on = !db_int(res, 0, 0);
	return OK;
}

static void
count_fill(const struct db_res *res, int i, void *out)
{
	struct mail_count *c = out;

	c->table = db_val(res, i, 0);
	c->status = db_val(res, i, 1);
	c->n = db_int(res, i, 2);
}

int
mail_counts(struct db *db, struct arena *a, struct mail_count **out, int *n)
{
	*out = db_rows(a, db_query(db, a, "SELECT 'outbox', status, COUNT(*)"
	    " FROM mail_outbox GROUP BY status UNION ALL SELECT 'reminders', status,"
	    " COUNT(*) FROM reminders GROUP BY status ORDER BY 1, 2", ""),
	    sizeof(**out), count_fill, n);
	return *out != NULL ? OK : ERR;
}

static void
mail_row_fill(const struct db_res *res, int i, void *out)
{
	struct mail_row *m = out;

	m->id = db_int(res, i, 0);
	m->kind = db_val(res, i, 1);
	m->to = db_val(res, i, 2);
	m->status = db_val(res, i, 3);
	m->attempts = (int)db_int(res, i, 4);
	m->last_error = db_val(res, i, 5);
	m->created_at = db_val(res, i, 6);
	m->next_attempt_at = db_val(res, i, 7);
	m->sent_at = db_val(res, i, 8);
	m->booking_id = db_int(res, i, 9);
}

int
mail_list(struct db *db, struct arena *a, const char *status, int limit,
    struct mail_row **out, int *n)
{
	*out = db_rows(a, db_query(db, a, "SELECT id, kind, to_addr, status, attempts,"
	    " last_error, created_at, next_attempt_at, sent_at, booking_id FROM mail_outbox"
	    " WHERE status = ? ORDER BY id DESC LIMIT ?", "si", status, limit),
	    sizeof(**out), mail_row_fill, n);
	return *out != NULL ? OK : ERR;
}

int
mail_retry(struct db *db, long long id)
{
	long long rows;

	rows = db_exec(db, "UPDATE mail_outbox SET status = 'pending', attempts = 0,"
	    " next_attempt_at = UTC_TIMESTAMP(), last_error = NULL WHERE id = ?"
	    " AND status IN ('sent','failed')", "l", id);
	if (rows < 0)
		return ERR;
	return rows == 0 ? NOT_FOUND : OK;
}

