/* http/json.h: json-c helpers for API responses */
#ifndef JSON_H
#define JSON_H

#include <json-c/json.h>

struct arena;
struct room;
struct slot;

/* Each key is a string literal: the object keeps the pointer, not a copy. */
void	json_set_str(struct json_object *, const char *key, const char *v);
void	json_set_int(struct json_object *, const char *key, long long v);
void	json_set_bool(struct json_object *, const char *key, int v);
void	json_set_money(struct json_object *, const char *key, long long cents);
void	json_set_time(struct json_object *, struct arena *, const char *key,
	    const char *dbtime);
void	json_set_raw(struct json_object *, const char *key, const char *text);

struct json_object *json_room(struct arena *, const struct room *);
struct json_object *json_slot(struct arena *, const struct slot *);
struct booking;
struct req;
struct json_object *json_booking(struct arena *, const struct booking *);
/* n bookings as an array of json_booking()s. */
struct json_object *json_bookings(struct arena *, const struct booking *, int n);
/* Answers a booking action: rc's refusal as a JSON error, or b (the
 * booking as the actor sees it now, loaded by the caller when rc is OK)
 * with refundAmount beside it when asked. */
int	json_reply_booking(struct req *, int rc, const struct booking *b,
	    int status, long long refund, int with_refund);
/* Every list: {items, page, limit, total}. */
struct json_object *json_page(struct json_object *items, long long page,
		    long long limit, long long total);
struct event;
struct notification;
struct account;
struct json_object *json_event(struct arena *, const struct event *);
struct json_object *json_notification(struct arena *, const struct notification *);
struct json_object *json_account(struct arena *, const struct account *);
struct discount;
struct json_object *json_discount(struct arena *, const struct discount *);
/* A keyset page (booking.h): {items, page, limit, total} as every list,
 * total counted up to LIST_COUNT_MAX (totalCapped when more match), and
 * the cursors of the next and previous pages (null at either end). */
struct list_page;
struct json_object *json_list_page(struct json_object *items, long long limit,
		    const struct list_page *);
struct order;
struct cart;
/* An order with its bookings (list may be NULL: without them). */
struct json_object *json_order(struct arena *, const struct order *,
		    const struct booking *list, int n);
struct json_object *json_cart(struct arena *, const struct cart *);
struct series;
/* A recurring series with each date's outcome (id null for a preview). */
struct json_object *json_series(struct arena *, const struct series *);

#endif
