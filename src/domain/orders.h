/* domain/orders.h: orders (one payment for one or more bookings), the cart
 * and its checkout, all or nothing */
#ifndef ORDERS_H
#define ORDERS_H

#include "core/result.h"
#include "domain/actor.h"
#include "domain/catalog.h"

struct arena;
struct booking;
struct db;
struct price_parts;

struct order {
	long long	 id;
	long long	 user_id;
	const char	*status;	/* pending, paid, cancelled, refunded */
	long long	 total;		/* cents, as sold (total_price) */
	long long	 base_price;	/* its parts, the sums of its lines' */
	long long	 discount_amount;
	long long	 tax_amount;
	long long	 refunded;	/* cents refunded or due, over its bookings */
	const char	*payment_id;
	const char	*created_at;
	const char	*paid_at;
	long long	 bookings;	/* how many it holds */
};

/* Their names in the database and the API, NULL-ended. */
extern const char *const order_statuses[];

/* A new pending order of user_id for total cents, in the caller's
 * transaction (booking.c makes one with every booking). */
int	order_create(struct db *, long long user_id, long long total, long long *id);
/* A new order of user_id for bookings about to be made in the caller's
 * transaction, written as they will make it, so that neither order_price
 * nor order_refresh need run after them: sum holds their parts added up,
 * discount_id the code they use (0: none), paid says none of them costs
 * anything (each is then paid, and the order with it), else the order is
 * pending until they are paid. */
int	order_create_whole(struct db *, long long user_id, const struct price_parts *sum,
	    long long discount_id, int paid, long long *id);
/* Sets the order's parts (and total) to one line's, as a package's. */
int	order_set_parts(struct db *, long long order_id, const struct price_parts *);
/* Sets the order's parts (and total) to the sums of its bookings' and
 * names the discount code it used (0: none). */
int	order_price(struct db *, long long order_id, long long discount_id);
/* Brings the status and refunded amount of the order booking_id belongs
 * to in line with its bookings, in the caller's transaction: pending while
 * a booking still waits for its payment, else paid while one is paid,
 * refunded when money went back, cancelled when nothing was paid. Every
 * change of a booking (booking.c's events, the webhook's refunds) calls it.
 * A package's order is left as it is: it follows its own payment, since
 * its credits' bookings cost nothing. */
int	order_refresh(struct db *, long long booking_id);

/* An order the actor may see (the owner's, or any for an admin). */
int	order_get(struct db *, struct arena *, long long id, const struct actor *,
	    struct order *);
/* The user's orders, newest first; total may be NULL. */
int	order_list(struct db *, struct arena *, long long user_id, long long limit,
	    long long offset, struct order **, int *n, long long *total);
/* Its bookings, in the order they were made. */
int	order_bookings(struct db *, struct arena *, long long order_id,
	    struct booking **, int *n);

/* One timeslot in a cart: it holds no seat until the checkout. */
struct cart_item {
	long long	 id;
	struct slot	 slot;		/* as it is now, with its state */
};

struct cart {
	struct cart_item *items;	/* by timeslot id */
	int		  n;
	long long	  total;	/* cents: the items' prices now */
};

int	cart_get(struct db *, struct arena *, long long user_id, struct cart *);
/* NOT_FOUND (no such timeslot), its state when it cannot be booked now
 * (SLOT_FULL, SLOT_PAST, SLOT_UNAVAILABLE), CART_FULL; adding one already
 * there changes nothing. */
int	cart_add(struct db *, struct arena *, long long user_id, long long slot_id,
	    long long *item_id);
/* NOT_FOUND when the item is not in the user's cart. */
int	cart_remove(struct db *, long long user_id, long long item_id);
int	cart_clear(struct db *, long long user_id);

/* What a checkout did: the order, or the item that was refused. */
struct checkout {
	long long	 order_id;
	int		 replayed;	/* the key's first checkout, returned again */
	long long	 failed_item;	/* 0 unless an item was refused */
	long long	 failed_slot;
	const char	*why;		/* a refusal's sentence (the limit, for
					 * QUOTA_EXCEEDED) */
};

/*
 * Books every item of who's cart under one order, each under its
 * timeslot's lock, all or none (booking_create_many), and empties the
 * cart. A refusal (SLOT_FULL, ALREADY_BOOKED, QUOTA_EXCEEDED, ...) names the item in
 * out->failed_item and leaves the cart as it was; CART_EMPTY for a cart
 * without items. key may be NULL; with one, the same key again returns
 * the first checkout's order and sets replayed. code is a discount code
 * for the order (NULL: none).
 */
int	cart_checkout(struct db *, struct arena *, const struct actor *,
	    const char *key, const char *code, struct checkout *out);

#endif
