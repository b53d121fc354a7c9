/* domain/prices.h: a line's price in parts (base, discount, tax, total),
 * and the discount codes that take something off it */
#ifndef PRICES_H
#define PRICES_H

#include "core/result.h"

#define DISCOUNT_CODE_MAX	40

struct arena;
struct db;
struct field_errors;

/* Cents. total is what is paid: base - discount, plus tax when prices do
 * not include it. */
struct price_parts {
	long long	 base;
	long long	 discount;
	long long	 tax;
	long long	 total;
};

/* One line by the tax_percent and prices_include_tax settings, the tax
 * rounded half-up to the cent; a tax-free line has none. */
void	price_line(long long base, long long discount, int tax_free,
	    struct price_parts *);
/* The same with the rate (hundredths of a percent) and the rule given. */
void	price_line_at(long long base, long long discount, int tax_bp, int inclusive,
	    struct price_parts *);

struct discount {
	long long	 id;
	const char	*code;
	int		 percent;	/* -1: an amount instead */
	long long	 amount_off;	/* cents, -1: a percent instead */
	const char	*valid_from;	/* NULL: open */
	const char	*valid_until;
	long long	 room_id;	/* 0: any */
	long long	 event_id;
	long long	 max_uses;	/* -1: no limit */
	long long	 uses;
	int		 once_per_customer;
	const char	*created_at;
};

/* What an admin sends (fields code, percent, amountOff, validFrom,
 * validUntil, roomId, eventId, maxUses, oncePerCustomer); not sent: NULL
 * or -2, sent empty (a limit taken away): "" or -1. */
struct discount_input {
	const char	*code;
	int		 percent;
	long long	 amount_off;
	const char	*valid_from;
	const char	*valid_until;
	long long	 room_id;
	long long	 event_id;
	long long	 max_uses;
	int		 once_per_customer;
};

/* Creates one (*id 0) or changes *id: INVALID with the fields, CONFLICT
 * (field code) for a code taken, NOT_FOUND. */
int	discount_save(struct db *, struct arena *, long long *id,
	    const struct discount_input *, struct field_errors *);
int	discount_get(struct db *, struct arena *, long long id, struct discount *);
/* All of them, the newest first. */
int	discount_list(struct db *, struct arena *, struct discount **, int *n);

/*
 * In a booking's transaction: locks code's row, so uses are counted one
 * booking at a time, and refuses a code that is unknown, not valid now,
 * used up, or already used by user_id when once per customer.
 */
int	discount_lock(struct db *, struct arena *, const char *code,
	    long long user_id, struct discount *);
/* Whether the code is for a line of this room and event. */
int	discount_applies(const struct discount *, long long room_id, long long event_id);
/* The cents it takes off a line of base; *left is what an amount off has
 * still to give over the order's lines (start it at -1). */
long long discount_off(const struct discount *, long long base, long long *left);
/* What a booking's code takes off it once moved to a line of base in
 * room_id and event_id: its percent of the new price, or no more of an
 * amount than it took before; 0 when it has none or is not for that line.
 * The move keeps the sale, so the code's dates and uses are not asked. */
int	discount_moved(struct db *, struct arena *, long long booking_id,
	    long long room_id, long long event_id, long long base, long long *off);
/* Counts the order's use. */
int	discount_use(struct db *, const struct discount *, long long order_id,
	    long long user_id);
/* Gives back the use of a cancelled booking's order when no other active
 * booking of the order still has the discount. */
int	discount_release(struct db *, struct arena *, long long booking_id);

#endif
