/* core/result.c: the name and the message of every result */
#include "core/result.h"

static const struct {
	const char	*code;
	const char	*message;
} results[RESULT_MAX] = {
	[OK]			= { "ok", "Done." },
	[NOT_FOUND]		= { "not_found", "Not found." },	/* see reply_not_found() */
	[CONFLICT]		= { "conflict", "This conflicts with what is already there." },
	[INVALID]		= { "invalid", "Some fields need fixing." },
	[SLOT_FULL]		= { "slot_full", "This timeslot is full." },
	[ALREADY_BOOKED]	= { "already_booked", "You have already booked this timeslot." },
	[SLOT_PAST]		= { "slot_past", "This timeslot is in the past." },
	[SLOT_UNAVAILABLE]	= { "slot_unavailable", "This timeslot is not available for booking." },
	[OTHER_ROOM]		= { "slot_unavailable",
				    "A booking can only move to another time in the same room." },
	[INVALID_STATE]		= { "invalid_state", "The booking is not in a state that allows this." },
	[KEY_REUSED]		= { "idempotency_key_reused",
				    "This Idempotency-Key was already used for a different request." },
	[PRICE_DIFFERS]		= { "price_differs",
				    "That time costs more than was paid for this booking;"
				    " cancel it and book that time instead." },
	[SLOT_MISSING]		= { "not_found", "There is no such timeslot." },
	[OVERLAPS]		= { "overlaps",
				    "This time overlaps another session in the same room." },
	[NOT_FULL]		= { "not_full",
				    "This timeslot has a free place: book it instead of waiting." },
	[ALREADY_WAITING]	= { "already_waiting", "You are on the waiting list already." },
	[QUOTA_EXCEEDED]	= { "quota_exceeded",
				    "This booking would go over a limit for this kind of room." },
	[CART_EMPTY]		= { "cart_empty", "Your cart is empty." },
	[CART_FULL]		= { "cart_full",
				    "Your cart is full; check it out or remove an item first." },
	[NOT_A_COURSE]		= { "not_a_course",
				    "Only a course is sold as one series of sessions." },
	[CREDIT_USED]		= { "credit_used", "This credit is already scheduled." },
	[CREDIT_EXPIRED]	= { "credit_expired", "This credit has expired." },
	[CREDIT_UNPAID]		= { "credit_unpaid",
				    "The package is not paid yet; pay for it first." },
	[OTHER_EVENT]		= { "other_event", "This credit is for another event's sessions." },
	[ALREADY_REVIEWED]	= { "already_reviewed", "This booking has a review already." },
	[SERIES_INCOMPLETE]	= { "series_incomplete",
				    "Not every date of the series is free, so none was booked." },
	[SERIES_EMPTY]		= { "series_empty", "None of the dates of the series is free." },
	[LAST_ADMIN]		= { "last_admin",
				    "This is the last admin; make another user an admin first." },
	[TOO_MANY_ATTEMPTS]	= { "too_many_attempts",
				    "Too many failed attempts from this address; try again later." },
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
		return "Something went wrong on our side. Please try again.";
	return results[rc].message;
}
