/* domain/payments.h: the payment provider's signed webhook: confirm on
 * payment, record refunds, each event once */
#ifndef PAYMENTS_H
#define PAYMENTS_H

#include <stddef.h>
#include <time.h>

#include "core/result.h"

struct arena;
struct db;

/* How far the signature's time may be from ours. */
#define PAYMENT_SIGNATURE_SECONDS	300

/*
 * Whether header ("t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">", more
 * than one v1 allowed) signs body with secret at time now: compared in
 * constant time; a time more than PAYMENT_SIGNATURE_SECONDS away, an empty
 * secret or a malformed header never passes.
 */
int	payment_signature_ok(const char *header, const char *body, size_t len,
	    const char *secret, time_t now);

/* One webhook event, as the provider sends it. */
struct payment_event {
	const char	*id;		/* evt_...: applied once */
	const char	*type;		/* payment.succeeded or payment.refunded */
	long long	 booking_id;	/* 0 when it pays an order */
	long long	 order_id;	/* 0 when it pays one booking */
	const char	*payment_id;
	long long	 amount;	/* cents */
};

enum payment_outcome {
	PAY_CONFIRMED,		/* the pending booking is confirmed and paid */
	PAY_REFUNDED,		/* the refund is recorded */
	PAY_AMOUNT_MISMATCH,	/* the amount is not the booking's: nothing changed */
	PAY_REFUND_DUE,		/* paid for a seat that is gone: for the admin */
	PAY_IGNORED,		/* nothing to do (already paid, an unknown type) */
	PAY_REPLAYED,		/* this event was applied before: nothing changed */
	PAY_OUTCOMES
};

/* Their names in payment_events and the API, in enum order. */
extern const char *const payment_outcomes[];

/* Applies ev in one transaction and says what it did; NOT_FOUND when there
 * is no such booking or order (nothing is recorded then). An order's
 * payment must be its total and confirms each of its bookings that waits
 * for one (PAY_REFUND_DUE when a seat among them is gone); its refund, the
 * amount refunded in all, is shared out over its bookings in the order
 * they were made, none above what it holds. */
int	payment_apply(struct db *, struct arena *, const struct payment_event *,
	    enum payment_outcome *);

/* Events the admin must look at (refund_due, amount_mismatch), newest first. */
struct payment_row {
	const char	*event_id;
	const char	*type;
	long long	 booking_id;
	long long	 amount;
	const char	*outcome;
	const char	*received_at;
};
int	payment_attention(struct db *, struct arena *, int limit,
	    struct payment_row **, int *n);

#endif
