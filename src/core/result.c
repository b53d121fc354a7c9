/* core/result.c: the name and the message of every result */
#include "core/lang.h"
#include "core/result.h"

static const struct {
	const char	*code;
	const char	*message;
} results[RESULT_MAX] = {
	[OK]			= { "ok", N_("Done.") },
	[NOT_FOUND]		= { "not_found", N_("Not found.") },	/* see reply_not_found() */
	[CONFLICT]		= { "conflict", N_("This conflicts with what is already there.") },
	[INVALID]		= { "invalid", N_("Some fields need fixing.") },
	[SLOT_FULL]		= { "slot_full", N_("This timeslot is full.") },
	[ALREADY_BOOKED]	= { "already_booked", N_("You have already booked this timeslot.") },
	[SLOT_PAST]		= { "slot_past", N_("This timeslot is in the past.") },
	[SLOT_UNAVAILABLE]	= { "slot_unavailable", N_("This timeslot is not available for booking.") },
	[OTHER_ROOM]		= { "slot_unavailable",
				    N_("A booking can only move to another time in the same room.") },
	[INVALID_STATE]		= { "invalid_state", N_("The booking is not in a state that allows this.") },
	[KEY_REUSED]		= { "idempotency_key_reused",
				    N_("This Idempotency-Key was already used for a different request.") },
	[PRICE_DIFFERS]		= { "price_differs",
				    N_("That time costs more than was paid for this booking;"
				    " cancel it and book that time instead.") },
	[SLOT_MISSING]		= { "not_found", N_("There is no such timeslot.") },
	[OVERLAPS]		= { "overlaps",
				    N_("This time overlaps another session in the same room.") },
	[NOT_FULL]		= { "not_full",
				    N_("This timeslot has a free place: book it instead of waiting.") },
	[ALREADY_WAITING]	= { "already_waiting", N_("You are on the waiting list already.") },
	[QUOTA_EXCEEDED]	= { "quota_exceeded",
				    N_("This booking would go over a limit for this kind of room.") },
	[CART_EMPTY]		= { "cart_empty", N_("Your cart is empty.") },
	[CART_FULL]		= { "cart_full",
				    N_("Your cart is full; check it out or remove an item first.") },
	[NOT_A_COURSE]		= { "not_a_course",
				    N_("Only a course is sold as one series of sessions.") },
	[CREDIT_USED]		= { "credit_used", N_("This credit is already scheduled.") },
	[CREDIT_EXPIRED]	= { "credit_expired", N_("This credit has expired.") },
	[CREDIT_UNPAID]		= { "credit_unpaid",
				    N_("The package is not paid yet; pay for it first.") },
	[OTHER_EVENT]		= { "other_event", N_("This credit is for another event's sessions.") },
	[ALREADY_REVIEWED]	= { "already_reviewed", N_("This booking has a review already.") },
	[SERIES_INCOMPLETE]	= { "series_incomplete",
				    N_("Not every date of the series is free, so none was booked.") },
	[SERIES_EMPTY]		= { "series_empty", N_("None of the dates of the series is free.") },
	[DISCOUNT_UNKNOWN]	= { "discount_unknown", N_("There is no such discount code.") },
	[DISCOUNT_EXPIRED]	= { "discount_expired", N_("This discount code is not valid now.") },
	[DISCOUNT_USED_UP]	= { "discount_used_up", N_("This discount code has been used up.") },
	[DISCOUNT_ALREADY_USED]	= { "discount_already_used",
				    N_("You have used this discount code already.") },
	[DISCOUNT_NOT_APPLICABLE] = { "discount_not_applicable",
				    N_("This discount code is not for this room or event.") },
	[ALREADY_CHECKED_IN]	= { "already_checked_in", N_("This ticket is checked in already.") },
	[NOT_NOW]		= { "not_now", N_("This ticket is for another time.") },
	[TICKET_CANCELLED]	= { "cancelled", N_("This booking is cancelled.") },
	[NO_RATE]		= { "no_rate",
				    N_("This room is not rented by the whole day or month: it has no"
				    " such rate.") },
	[ROOM_CLOSED]		= { "room_closed", N_("The room is not open on that day.") },
	[LAST_ADMIN]		= { "last_admin",
				    N_("This is the last admin; make another user an admin first.") },
	[TOO_MANY_ATTEMPTS]	= { "too_many_attempts",
				    N_("Too many failed attempts from this address; try again later.") },
	[GUEST_NOT_ALLOWED]	= { "guests_not_allowed",
				    N_("This timeslot can only be booked with an account; log in or sign up.") },
};

const char *
result_code(int rc)
{
	if (rc < 0 || rc >= RESULT_MAX)
		return "internal_error";
	return results[rc].code;
}

const char *
result_message(int rc)
{
	if (rc < 0 || rc >= RESULT_MAX)
		return _("Something went wrong on our side. Please try again.");
	return _(results[rc].message);
}
