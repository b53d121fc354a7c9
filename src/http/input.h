/* http/input.h: the domain's input structs read from a request's fields,
 * the same names in HTML forms, JSON bodies and bookingctl's options */
#ifndef INPUT_H
#define INPUT_H

struct account_input;
struct admin_filter;
struct event_input;
struct form;
struct req;
struct room_filter;
struct room_input;
struct slot_input;
struct slotgen;
struct discount_input;
struct sms_input;

/* Each reads what was sent, putting format problems in the form; creating
 * also requires the fields a new one needs. What an edit did not send is
 * left NULL, "" or -1. */
void	input_room(struct form *, int creating, struct room_input *);
void	input_event(struct form *, int creating, struct event_input *);
void	input_slot(struct form *, int creating, struct slot_input *);
void	input_slotgen(struct form *, struct slotgen *);
void	input_account(struct form *, struct account_input *);
void	input_discount(struct form *, int creating, struct discount_input *);
/* phone and smsReminders; on the page (page 1) a box not ticked is off. */
void	input_sms(struct form *, int page, struct sms_input *);
/* name, email and an optional phone of a booking without an account. */
struct guest_input;
void	input_guest(struct form *, struct guest_input *);
/* maxActive, maxHolds and maxHoursWeek after prefix ("" for the API,
 * "customer.meeting." on the admin page's grid); empty or absent: no
 * limit (-1). */
/* timeslotId, every, count or until, allOrNothing (a checkbox or a
 * JSON boolean; absent: book the free dates). */
struct series_input;
void	input_series(struct form *, struct series_input *);
struct quota;
void	input_quota(struct form *, const char *prefix, struct quota *);
/* name, kind (package when absent), price and expiryDays (90 when absent)
 * of a new package. */
struct package_input;
void	input_package(struct form *, struct package_input *);

/* A sign-up read from the request into f and *in, and tried:
 * account_register's result (INVALID: the problems are in f). */
int	input_register(struct req *, struct form *f, struct account_input *in);

/* Reads status, paymentStatus, roomId, eventId, email, from, to, sort,
 * cursor and limit; replies 400 naming the field on bad input. */
int	input_admin_filter(struct req *, struct admin_filter *,
	    long long default_limit, long long max_limit);
/* The "cursor" parameter of a list (booking.h), none: its first page. */
struct list_cursor;
int	input_cursor(struct req *, struct list_cursor *);

/* Reads type, the minimum capacity (its field named min_capacity, as pages
 * and the API spell it differently), page and, when max_limit > 0, limit
 * (f->limit is the default); sets f->offset. Replies 400 naming the field
 * on bad input. */
int	input_room_filter(struct req *, const char *min_capacity,
	    long long max_limit, struct room_filter *f, long long *page);

/* The room (its parameter named room, "id" in a page's path, roomId in
 * the API) and the date, or the month ("YYYY-MM"), of a whole day or
 * month to book; replies 400 naming the field on bad input. */
struct rental;
int	input_rental(struct req *, const char *room, struct rental *);

#endif
