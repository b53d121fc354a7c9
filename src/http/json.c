/* http/json.c: json-c helpers for API responses */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/fmt.h"
#include "domain/account.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/notify.h"
#include "domain/orders.h"
#include "domain/prices.h"
#include "domain/rentals.h"
#include "domain/series.h"
#include "http/json.h"
#include "http/request.h"

/*
 * Adds v under key. Every key here, and every key the json_set_ helpers
 * are given, is a string literal: json-c keeps the pointer instead of a
 * copy of its own, an allocation less for each member of each reply.
 */
static void
json_add(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add_ex(o, key, v, JSON_C_OBJECT_ADD_CONSTANT_KEY);
}

void
json_set_str(struct json_object *o, const char *key, const char *v)
{
	json_add(o, key, v ? json_object_new_string(v) : NULL);
}

void
json_set_int(struct json_object *o, const char *key, long long v)
{
	json_add(o, key, json_object_new_int64(v));
}

void
json_set_bool(struct json_object *o, const char *key, int v)
{
	json_add(o, key, json_object_new_boolean(v != 0));
}

/* A number with exactly two decimals, never through a float. */
void
json_set_money(struct json_object *o, const char *key, long long cents)
{
	char text[MONEY_TEXT];

	json_add(o, key, json_object_new_double_s((double)cents / 100.0,
	    money_text(cents, text)));
}

/* A rate a room may go without: null for none (-1). */
static void
json_set_rate(struct json_object *o, const char *key, long long cents)
{
	if (cents < 0)
		json_add(o, key, NULL);
	else
		json_set_money(o, key, cents);
}

void
json_set_time(struct json_object *o, struct arena *a, const char *key,
    const char *dbtime)
{
	json_set_str(o, key, fmt_iso(a, dbtime));
}

/* Embeds stored JSON text as a value (null when absent or unreadable). */
void
json_set_raw(struct json_object *o, const char *key, const char *text)
{
	json_add(o, key, text ? json_tokener_parse(text) : NULL);
}

struct json_object *
json_room(struct arena *a, const struct room *r)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "id", r->id);
	json_set_str(o, "name", r->name);
	json_set_str(o, "description", r->description);
	json_set_int(o, "capacity", r->capacity);
	json_set_str(o, "roomType", r->room_type);
	json_set_money(o, "hourlyRate", r->hourly_rate);
	json_set_rate(o, "dailyRate", r->daily_rate);
	json_set_rate(o, "monthlyRate", r->monthly_rate);
	json_set_str(o, "currency", money_currency());
	json_set_bool(o, "isActive", r->is_active);
	json_set_bool(o, "requiresApproval", r->requires_approval);
	json_set_bool(o, "taxFree", r->tax_free);
	json_set_bool(o, "allowGuests", r->allow_guests);
	json_set_raw(o, "metadata", r->metadata);
	json_set_time(o, a, "createdAt", r->created_at);
	json_set_time(o, a, "updatedAt", r->updated_at);
	return o;
}

struct json_object *
json_slot(struct arena *a, const struct slot *s)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "id", s->id);
	json_set_int(o, "roomId", s->room_id);
	json_set_str(o, "roomName", s->room_name);
	if (s->event_id) {
		json_set_int(o, "eventId", s->event_id);
		json_set_str(o, "eventTitle", s->event_title);
	} else {
		json_add(o, "eventId", NULL);
		json_add(o, "eventTitle", NULL);
	}
	if (s->sequence_no)
		json_set_int(o, "sequenceNo", s->sequence_no);
	else
		json_add(o, "sequenceNo", NULL);
	json_set_time(o, a, "startTime", s->start);
	json_set_time(o, a, "endTime", s->end);
	json_set_money(o, "price", s->price);
	json_set_str(o, "currency", money_currency());
	json_set_int(o, "maxBookings", s->capacity);
	json_set_int(o, "bookedCount", s->booked);
	json_set_int(o, "seatsLeft", s->seats_left);
	json_set_str(o, "status", s->status);
	json_set_str(o, "availability", slot_state_name(s->state));
	json_set_bool(o, "isBookable", s->state == OK);
	return o;
}

struct json_object *
json_booking(struct arena *a, const struct booking *b)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "id", b->id);
	json_set_int(o, "userId", b->user_id);
	json_set_int(o, "timeslotId", b->timeslot_id);
	json_set_int(o, "roomId", b->room_id);
	json_set_str(o, "status", b->status);
	json_set_str(o, "paymentStatus", b->payment_status);
	json_set_str(o, "paymentId", b->payment_id);
	json_set_money(o, "price", b->price);
	json_set_money(o, "basePrice", b->base_price);
	json_set_money(o, "discountAmount", b->discount_amount);
	json_set_money(o, "taxAmount", b->tax_amount);
	json_set_money(o, "totalPrice", b->price);
	json_set_money(o, "paidAmount", b->paid_amount);
	json_set_money(o, "refundAmount", b->refund_amount);
	json_set_str(o, "currency", money_currency());
	json_set_str(o, "notes", b->notes);
	json_set_str(o, "bookingType", rental_kind(b->booking_type));
	json_set_time(o, a, "createdAt", b->created_at);
	json_set_time(o, a, "updatedAt", b->updated_at);
	json_set_time(o, a, "cancelledAt", b->cancelled_at);
	json_set_time(o, a, "checkedInAt", b->checked_in_at);
	json_set_time(o, a, "checkedOutAt", b->checked_out_at);
	json_set_time(o, a, "holdExpiresAt", b->state == BOOKING_PENDING ?
	    b->hold_expires_at : NULL);
	json_set_str(o, "userName", b->user_name);
	json_set_str(o, "userEmail", b->user_email);
	json_set_time(o, a, "startTime", b->start);
	json_set_time(o, a, "endTime", b->end);
	json_set_str(o, "roomName", b->room_name);
	json_set_str(o, "eventTitle", b->event_title);
	json_set_bool(o, "awaitingApproval", b->awaiting);
	if (b->order_id)
		json_set_int(o, "orderId", b->order_id);
	else
		json_add(o, "orderId", NULL);
	if (booking_ticket(b) != NULL)
		json_set_str(o, "ticketCode", booking_ticket(b));
	return o;
}

struct json_object *
json_bookings(struct arena *a, const struct booking *list, int n)
{
	struct json_object *items = json_object_new_array();
	int i;

	for (i = 0; i < n; i++)
		json_object_array_add(items, json_booking(a, &list[i]));
	return items;
}

struct json_object *
json_discount(struct arena *a, const struct discount *d)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "id", d->id);
	json_set_str(o, "code", d->code);
	json_add(o, "percent", d->percent >= 0 ?
	    json_object_new_int(d->percent) : NULL);
	if (d->amount_off >= 0)
		json_set_money(o, "amountOff", d->amount_off);
	else
		json_add(o, "amountOff", NULL);
	json_set_time(o, a, "validFrom", d->valid_from);
	json_set_time(o, a, "validUntil", d->valid_until);
	json_add(o, "roomId", d->room_id ?
	    json_object_new_int64(d->room_id) : NULL);
	json_add(o, "eventId", d->event_id ?
	    json_object_new_int64(d->event_id) : NULL);
	json_add(o, "maxUses", d->max_uses >= 0 ?
	    json_object_new_int64(d->max_uses) : NULL);
	json_set_int(o, "uses", d->uses);
	json_set_bool(o, "oncePerCustomer", d->once_per_customer);
	json_set_time(o, a, "createdAt", d->created_at);
	return o;
}

struct json_object *
json_order(struct arena *a, const struct order *o, const struct booking *list, int n)
{
	struct json_object *obj = json_object_new_object();

	json_set_int(obj, "id", o->id);
	json_set_int(obj, "userId", o->user_id);
	json_set_str(obj, "status", o->status);
	json_set_money(obj, "total", o->total);
	json_set_money(obj, "basePrice", o->base_price);
	json_set_money(obj, "discountAmount", o->discount_amount);
	json_set_money(obj, "taxAmount", o->tax_amount);
	json_set_money(obj, "totalPrice", o->total);
	json_set_money(obj, "refundedAmount", o->refunded);
	json_set_str(obj, "currency", money_currency());
	json_set_str(obj, "paymentId", o->payment_id);
	json_set_time(obj, a, "createdAt", o->created_at);
	json_set_time(obj, a, "paidAt", o->paid_at);
	json_set_int(obj, "bookingCount", o->bookings);
	if (list != NULL)
		json_add(obj, "bookings", json_bookings(a, list, n));
	return obj;
}

struct json_object *
json_cart(struct arena *a, const struct cart *c)
{
	struct json_object *obj = json_object_new_object(), *items, *it;
	int i;

	items = json_object_new_array();
	for (i = 0; i < c->n; i++) {
		it = json_object_new_object();
		json_set_int(it, "id", c->items[i].id);
		json_set_int(it, "timeslotId", c->items[i].slot.id);
		json_set_money(it, "price", c->items[i].slot.price);
		json_set_str(it, "currency", money_currency());
		json_add(it, "timeslot", json_slot(a, &c->items[i].slot));
		json_object_array_add(items, it);
	}
	json_add(obj, "items", items);
	json_set_money(obj, "total", c->total);
	json_set_str(obj, "currency", money_currency());
	return obj;
}

struct json_object *
json_series(struct arena *a, const struct series *s)
{
	struct json_object *obj = json_object_new_object(), *dates, *d;
	const struct series_date *sd;
	int i, booked = 0;

	if (s->id != 0)
		json_set_int(obj, "id", s->id);
	else
		json_add(obj, "id", NULL);
	if (s->order_id != 0)
		json_set_int(obj, "orderId", s->order_id);
	else
		json_add(obj, "orderId", NULL);
	json_set_int(obj, "roomId", s->room_id);
	json_set_str(obj, "roomName", s->room_name);
	json_set_str(obj, "every", s->every);
	json_set_bool(obj, "allOrNothing", s->all_or_nothing);
	dates = json_object_new_array();
	for (i = 0; i < s->n; i++) {
		sd = &s->dates[i];
		d = json_object_new_object();
		json_set_time(d, a, "start", sd->start);
		json_set_time(d, a, "end", sd->end);
		json_set_str(d, "date", fmt_local(a, sd->start, "%Y-%m-%d"));
		if (sd->timeslot_id != 0)
			json_set_int(d, "timeslotId", sd->timeslot_id);
		else
			json_add(d, "timeslotId", NULL);
		if (sd->booking_id != 0)
			json_set_int(d, "bookingId", sd->booking_id);
		else
			json_add(d, "bookingId", NULL);
		json_set_str(d, "outcome", series_outcomes[sd->outcome]);
		json_set_str(d, "message", sd->why);
		booked += sd->outcome == SERIES_BOOKED;
		json_object_array_add(dates, d);
	}
	json_add(obj, "dates", dates);
	json_set_int(obj, "booked", booked);
	return obj;
}

int
json_reply_booking(struct req *r, int rc, const struct booking *b, int status,
    long long refund, int with_refund)
{
	struct json_object *o;

	if (rc == ERR)
		return ERR;
	if (rc != OK)
		return reply_result(r, rc);
	if (!with_refund)
		return reply_json(r, status, json_booking(r->arena, b));
	o = json_object_new_object();
	json_add(o, "booking", json_booking(r->arena, b));
	json_set_money(o, "refundAmount", refund);
	json_set_str(o, "currency", money_currency());
	return reply_json(r, status, o);
}

struct json_object *
json_page(struct json_object *items, long long page, long long limit,
    long long total)
{
	struct json_object *o = json_object_new_object();

	json_add(o, "items", items);
	json_set_int(o, "page", page);
	json_set_int(o, "limit", limit);
	json_set_int(o, "total", total);
	return o;
}

struct json_object *
json_event(struct arena *a, const struct event *e)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "id", e->id);
	json_set_str(o, "title", e->title);
	json_set_str(o, "description", e->description);
	json_set_str(o, "kind", e->kind);
	json_set_int(o, "upcomingSessions", e->upcoming);
	json_set_time(o, a, "nextStart", e->next_start);
	json_set_bool(o, "taxFree", e->tax_free);
	return o;
}

struct json_object *
json_notification(struct arena *a, const struct notification *n)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "id", n->id);
	json_set_str(o, "message", n->message);
	json_set_str(o, "link", n->link);
	json_set_bool(o, "unread", n->unread);
	json_set_time(o, a, "createdAt", n->created_at);
	return o;
}

struct json_object *
json_account(struct arena *a, const struct account *u)
{
	struct json_object *o = json_object_new_object();

	json_set_int(o, "id", u->id);
	json_set_str(o, "name", u->name);
	json_set_str(o, "email", u->email);
	json_set_str(o, "role", u->role);
	json_set_time(o, a, "createdAt", u->created_at);
	json_set_str(o, "phone", u->phone);
	json_set_bool(o, "smsReminders", u->sms_reminders);
	return o;
}

struct json_object *
json_list_page(struct json_object *items, long long limit, const struct list_page *page)
{
	struct json_object *o = json_page(items, page->number, limit, page->total);

	json_set_bool(o, "totalCapped", page->more);
	json_set_str(o, "nextCursor", page->next);
	json_set_str(o, "prevCursor", page->prev);
	return o;
}
