/* domain/mail.h: the mail outbox: what to tell whom, written with the change
 * that causes it, and delivered (with retries) by bookingctl run-jobs */
#ifndef MAIL_H
#define MAIL_H

#include <stddef.h>

#include "core/result.h"

struct arena;
struct booking;
struct db;

/* Failed deliveries wait this long before the next try; after the last
 * wait one more failure makes the message failed for good. */
#define MAIL_ATTEMPTS	5
/* How long a runner holds a message it claimed to send: a runner that
 * died sending it leaves it to be sent again after this. */
#define MAIL_LEASE_MINUTES	10

/* Queues the message a booking's change tells its owner (type and
 * new_status as in booking_events, data its JSON or NULL); changes that
 * tell nothing by mail (check-in, ...) queue none. Call inside the
 * change's transaction. */
int	mail_booking_event(struct db *, struct arena *, long long booking_id,
	    const char *type, const char *new_status, const char *data);
/* The same for a booking just made ("created", status as written), b as
 * BOOKING_SELECT read it in the transaction that made it: the message it
 * would read, told from b (nothing moved, cancelled or reactivated yet)
 * without reading it again. */
int	mail_booking_made(struct db *, const struct booking *b, const char *status,
	    const char *data);
/* Queues a sign-up's link for a new address (the token is made when it
 * is sent), or the word to a taken address's owner that someone tried. */
int	mail_signup_confirm(struct db *, long long signup_id, const char *email,
	    const char *name);
int	mail_signup_taken(struct db *, long long user_id, const char *email,
	    const char *name);
/* Queues a password reset's link (the token is made when it is sent). */
int	mail_password_reset(struct db *, long long reset_id, long long user_id,
	    const char *email, const char *name);

/* One message of the outbox, as the runner renders it. */
struct mail_msg {
	long long	 id;
	const char	*kind;		/* welcome, confirmed, reminder_24h, ... */
	long long	 user_id;	/* 0: the account is gone */
	long long	 booking_id;	/* 0: not about a booking */
	const char	*to;
	const char	*data;		/* JSON: the facts the message tells */
	const char	*token;		/* the owner's unsubscribe token, or NULL */
	const char	*link;		/* signup_confirm, password_reset: its link's token;
					 * a guest's created: the verification link's */
	const char	*manage;	/* a guest's booking: its manage link's token */
	int		 attempts;	/* failed tries so far */
	const char	*language;	/* the recipient's (core/lang.h), or NULL */
};

/* Delivers one message: 0 when it went, else -1 with a reason in err. */
typedef int	(*mail_send_fn)(void *ctx, struct arena *, const struct mail_msg *,
		    char *err, size_t errlen);

/*
 * Claims the first due message (next try at or before now, NULL: the
 * database's clock) that no other runner holds, for MAIL_LEASE_MINUTES, in
 * a transaction of its own that also makes the tokens of its links; then
 * hands it to send and records the outcome. Two runners never send one
 * message, on one node or on two of a Galera cluster; one that dies while
 * sending leaves it to be sent again once the lease runs out. Returns OK
 * with *sent 1 or 0 (failed, retried later or failed for good), NOT_FOUND
 * when none is due, or ERR.
 */
int	mail_deliver_next(struct db *, struct arena *, const char *now,
	    mail_send_fn, void *ctx, int *sent);

/* Turns each due reminder into a message (one transaction each, claimed
 * like messages); a reminder whose booking is no longer confirmed, has
 * moved, has started or whose owner turned reminders off is cancelled.
 * *queued counts the messages. */
int	mail_queue_reminders(struct db *, struct arena *, const char *now,
	    int *queued);

/* The outbox's and the reminders' rows per status, for the admin. */
struct mail_count {
	const char	*table;		/* "outbox" or "reminders" */
	const char	*status;
	long long	 n;
};
int	mail_counts(struct db *, struct arena *, struct mail_count **, int *n);

/* Messages of the outbox with a status, the newest first. */
struct mail_row {
	long long	 id;
	const char	*kind;
	const char	*to;
	const char	*status;
	int		 attempts;
	const char	*last_error;
	const char	*created_at;
	const char	*next_attempt_at;
	const char	*sent_at;
	long long	 booking_id;
};
int	mail_list(struct db *, struct arena *, const char *status, int limit,
	    struct mail_row **, int *n);
/* Sends a failed or sent message again from the first try: NOT_FOUND when
 * there is no such message or it is still waiting to go. */
int	mail_retry(struct db *, long long id);

/* Reminder mail on or off for a user, or off for the owner of an
 * unsubscribe token (NOT_FOUND when no user has it). */
int	mail_set_reminders(struct db *, long long user_id, int on);
int	mail_unsubscribe(struct db *, struct arena *, const char *token);
int	mail_reminders_on(struct db *, struct arena *, long long user_id, int *on);

#endif
