/* domain/guest.h: booking without an account: the guest record, the link
 * that proves its address and the private link that manages one booking */
#ifndef GUEST_H
#define GUEST_H

#include "core/result.h"
#include "domain/actor.h"

struct arena;
struct booking;
struct db;
struct field_errors;

/* Bookings one email may make as a guest in an hour; more are refused
 * (TOO_MANY_ATTEMPTS), as nginx refuses too many forms from one address. */
#define GUEST_BOOKINGS_PER_HOUR	5
/* The manage link's token: 128 random bits, 32 hex digits. */
#define GUEST_MANAGE_BYTES	16
/* The verification link's: 256 bits, like a sign-up's. */
#define GUEST_VERIFY_BYTES	32
/* A manage link works until this long after its session ends. */
#define GUEST_MANAGE_DAYS	31
#define GUEST_PHONE_MAX		32

/* What a visitor sends to book without an account (fields "name",
 * "email", "phone"; the phone may be NULL). */
struct guest_input {
	const char	*name;
	const char	*email;
	const char	*phone;
};

/*
 * Books a seat of slot_id for the guest of in->email (made on its first
 * booking; the same email joins the same record, and an email with an
 * account books for that account), held like any unpaid booking until the
 * link mailed to the address is followed. from is the request's actor (its
 * address). OK, INVALID (the problems in fe), NOT_FOUND (no such timeslot),
 * GUEST_NOT_ALLOWED (the setting or the room), TOO_MANY_ATTEMPTS (this
 * email booked too often this hour), or a booking refusal; *why is the
 * sentence to show.
 */
int	guest_book(struct db *, struct arena *, const struct actor *from,
	    long long slot_id, const struct guest_input *, struct field_errors *,
	    const char **why);

/*
 * The links of a message about booking_id, made as it goes (only their
 * hashes are kept): the manage link of a guest's booking (NOT_FOUND for
 * another booking), and the verification link of one still held and not
 * verified (NOT_FOUND when that is over: the message is not sent).
 */
int	guest_manage_token(struct db *, struct arena *, long long booking_id,
	    const char **token);
int	guest_verify_token(struct db *, struct arena *, long long booking_id,
	    const char **token);

/* Whether token is a verification link in force: OK or NOT_FOUND. */
int	guest_verify_find(struct db *, struct arena *, const char *token);
/* Follows a verification link: the address is proved (the guest's and,
 * by booking_guest_verified, the booking's), the link used up, and a new
 * manage link's token is in *manage. NOT_FOUND: no such link in force;
 * INVALID_STATE: the booking is no longer held. */
int	guest_verify(struct db *, struct arena *, const char *token,
	    const char **manage);

/* The booking a manage link in force names (compared in constant time),
 * and the actor that acts on it as its owner (from's address): OK, or
 * NOT_FOUND for a wrong, expired or revoked link. *verified: whether the
 * owner's address has been proved. */
int	guest_manage(struct db *, struct arena *, const char *token,
	    const struct actor *from, struct booking *, struct actor *as, int *verified);
/* Revokes the manage link token: OK, or NOT_FOUND as above. */
int	guest_revoke(struct db *, struct arena *, const char *token);

/* A signed-up address proved by its link: the guest of that email, if
 * any, becomes the account (its password, name and language), with every
 * booking it made. *user_id is 0 when there was no guest. In the caller's
 * transaction. */
int	guest_claim(struct db *, const char *email, const char *name,
	    const char *password_hash, const char *language, long long *user_id);

#endif
