/* core/limits.h: the bounds input is checked against, the same in every layer */
#ifndef CORE_LIMITS_H
#define CORE_LIMITS_H

#define ID_MAX		4294967295LL	/* ids are INT UNSIGNED */
#define EMAIL_MAX	254		/* the longest address SMTP carries */
#define SEATS_MAX	100000		/* a room's or a timeslot's capacity */
#define NOTES_MAX	2000		/* a booking's notes, in characters */
/* Texts, in characters (NAME_MAX is <limits.h>'s, for file names). */
#define NAME_MAX_CHARS	100		/* a person's, a room's or an API token's name */
#define TITLE_MAX	200		/* an event's title */
#define DESCRIPTION_MAX	5000		/* a room's or an event's description */
#define PAYMENT_ID_MAX	100		/* the payment provider's id of a payment */
#define TICKET_INPUT_MAX	40		/* a ticket code as typed or scanned, spaces and dashes too */
#define CART_ITEMS_MAX	20		/* timeslots one cart holds */
/* A new password, in characters; a password field is read only up to
 * PASSWORD_FIELD_MAX bytes at all. */
#define PASSWORD_MIN	12
#define PASSWORD_MAX	128
#define PASSWORD_FIELD_MAX 100000

/* Lists: the highest page number asked for, the API's page sizes, and the
 * counts a redirect carries back to the page (generated=, cancelled= ...). */
#define PAGE_MAX	1000000
#define API_PAGE_SIZE	25
#define API_PAGE_SIZE_MAX 100
#define ADMIN_API_PAGE_SIZE 50
#define ADMIN_API_PAGE_SIZE_MAX 200
#define COUNT_MAX	1000000

/* A limit as the text of its digits, for messages built at compile time:
 * "at most " LIMIT_TEXT(EMAIL_MAX) " characters". */
#define LIMIT_TEXT(n)	LIMIT_TEXT_(n)
#define LIMIT_TEXT_(n)	#n

/* Weekdays as a bit mask, bit 0 Sunday (as date_weekday() counts). */
#define WEEKDAYS_MON_FRI 0x3e

#endif
