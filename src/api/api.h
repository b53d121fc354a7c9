/* api/api.h: pieces shared by the JSON API families */
#ifndef API_H
#define API_H

struct req;

/* Answers a booking action (rc from booking.h) on booking id with the
 * booking as it is now, in status (with its refund when with_refund), or
 * the refusal; NOT_FOUND is the booking's. */
int	api_reply_booking(struct req *, int rc, long long id, int status,
	    long long refund, int with_refund);

#endif
