/* http/input.h: the domain's input structs read from a request's fields,
 * the same names in HTML forms, JSON bodies and bookingctl's options */
#ifndef INPUT_H
#define INPUT_H

struct account_input;
struct admin_filter;
struct event_input;
struct form;
struct req;
struct room_input;
struct slot_input;
struct slotgen;

/* Each reads what was sent, putting format problems in the form; creating
 * also requires the fields a new one needs. What an edit did not send is
 * left NULL, "" or -1. */
void	input_room(struct form *, int creating, struct room_input *);
void	input_event(struct form *, int creating, struct event_input *);
void	input_slot(struct form *, int creating, struct slot_input *);
void	input_slotgen(struct form *, struct slotgen *);
void	input_account(struct form *, struct account_input *);

/* Reads status, paymentStatus, roomId, eventId, email, from, to, sort,
 * page and limit; replies 400 naming the field on bad input. */
int	input_admin_filter(struct req *, struct admin_filter *,
	    long long default_limit, long long max_limit);

#endif
