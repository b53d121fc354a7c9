/* pages/orders.c: the cart (add, remove, clear), its checkout and an
 * order's page, with a course enrolment's cancellation */
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "domain/auth.h"
#include "domain/booking.h"
#include "domain/orders.h"
#include "domain/prices.h"
#include "handlers.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *const cart_done[][2] = {
	{ "added", N_("The timeslot is in your cart.") },
	{ "removed", N_("The item is removed.") },
	{ "cleared", N_("Your cart is empty now.") },
	{ NULL, NULL },
};

/* The cart; refused, when not OK, is why the last action failed (why its
 * sentence, NULL: the result's), and failed_item the item a checkout
 * stopped at (0: none). */
static int
cart_page(struct req *r, int refused, long long failed_item, const char *why)
{
	struct cart c;
	struct tmpl *t, *row, *err = NULL;
	int i, taxed = 0;

	if (cart_get(r->db, r->arena, r->user->id, &c) != OK)
		return ERR;
	t = page_begin(r, "cart.tpl", _("Cart"));
	page_done(r, t, cart_done);
	if (refused != OK) {
		if (why == NULL)
			why = result_message(refused);
		err = tmpl_section(t, "ERROR");
		tmpl_set(err, "MESSAGE", why);
		tmpl_set(err, "CODE", result_code(refused));
	}
	for (i = 0; i < c.n; i++) {
		row = tmpl_section(t, "ITEM");
		page_slot(r, row, &c.items[i].slot);
		tmpl_set_int(row, "ITEM_ID", c.items[i].id);
		/* The price the checkout charges, free or not. */
		tmpl_set(row, "LINE_PRICE", page_price_net(r, c.items[i].slot.price,
		    !c.items[i].slot.tax_free));
		taxed |= !c.items[i].slot.tax_free;
		if (err != NULL && c.items[i].id == failed_item) {
			struct tmpl *f = tmpl_section(row, "FAILED");

			tmpl_set(f, "MESSAGE", why);
			tmpl_set(f, "CODE", result_code(refused));
			tmpl_set(tmpl_section(err, "ITEM"), "ITEM", arena_printf(r->arena,
			    "%s, %s", c.items[i].slot.room_name, fmt_local(r->arena,
			    c.items[i].slot.start, FMT_WHEN)));
		}
	}
	if (c.n == 0)
		tmpl_show(t, "EMPTY");
	else {
		struct tmpl *co = tmpl_section(t, "CHECKOUT");

		tmpl_set(co, "TOTAL", page_price_net(r, c.total, taxed));
		/* One key per page view: sending this form twice orders once. */
		tmpl_set(co, "IDEMPOTENCY_KEY", auth_random_hex(r->arena, 16));
		page_discount_field(r, co, refused);
		if (c.total > 0)
			tmpl_set_int(tmpl_section(co, "HOLD"), "HOLD_MINUTES", cfg.hold_minutes);
	}
	return page_end(r, reply_result_status(refused));
}

int
cart_show(struct req *r)
{
	return cart_page(r, OK, 0, NULL);
}

int
cart_item_add(struct req *r)
{
	long long slot, item;
	int rc;

	if (req_id(r, "timeslot_id", &slot) != OK)
		return ERR;
	rc = cart_add(r->db, r->arena, r->user->id, slot, &item);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "timeslot", slot);
	if (rc != OK)
		return cart_page(r, rc, 0, NULL);
	return reply_redirect(r, "/cart?done=added");
}

int
cart_item_remove(struct req *r)
{
	if (cart_remove_or_reply(r, "id") != OK)
		return ERR;
	return reply_redirect(r, "/cart?done=removed");
}

int
cart_clear_submit(struct req *r)
{
	if (cart_clear(r->db, r->user->id) != OK)
		return ERR;
	return reply_redirect(r, "/cart?done=cleared");
}

int
cart_checkout_submit(struct req *r)
{
	struct checkout co = { 0, 0, 0, 0, NULL };
	const char *key, *code;
	int rc;

	if (req_str_opt(r, "idempotency_key", 100, NULL, &key) != OK ||
	    req_str_opt(r, "discount_code", DISCOUNT_CODE_MAX, NULL, &code) != OK)
		return ERR;
	if (code != NULL && *code == '\0')
		code = NULL;
	rc = cart_checkout(r->db, r->arena, &r->actor, key, code, &co);
	if (rc == ERR)
		return ERR;
	if (rc != OK)
		return cart_page(r, rc, co.failed_item, co.why);
	return reply_redirect(r, arena_printf(r->arena, "/orders/%lld%s", co.order_id,
	    co.replayed ? "" : "?done=ordered"));
}

static const char *const order_done[][2] = {
	{ "ordered", N_("Your order is made.") },
	{ "enrolled", N_("You are enrolled in the course.") },
	{ "cancelled", N_("The enrolment is cancelled.") },
	{ NULL, NULL },
};

/* The order's page; refused, when not OK, is why cancelling it failed. */
static int
order_page(struct req *r, int refused)
{
	struct order o;
	struct booking *list;
	struct tmpl *t, **rows;
	long long due = 0;
	time_t now = time(NULL);
	int i, n, course = 0;

	if (order_get_or_reply(r, "id", &o) != OK ||
	    order_bookings(r->db, r->arena, o.id, &list, &n) != OK)
		return ERR;
	t = page_begin(r, "order.tpl", arena_printf(r->arena, _("Order %lld"), o.id));
	page_done(r, t, order_done);
	if (refused != OK)
		tmpl_set(tmpl_section(t, "ERROR"), "MESSAGE", result_message(refused));
	tmpl_set_int(t, "ORDER_ID", o.id);
	tmpl_set(t, "ORDER_STATUS", o.status);
	tmpl_set(t, "ORDER_STATUS_LABEL", page_status_label(o.status));
	tmpl_set(t, "TOTAL", money_show(r->arena, o.total));
	page_price_parts(r, t, o.base_price, o.discount_amount, o.tax_amount, o.total);
	tmpl_set(t, "CREATED", fmt_local(r->arena, o.created_at, FMT_WHEN));
	if (o.refunded > 0)
		tmpl_set(tmpl_section(t, "REFUNDED"), "REFUNDED", money_show(r->arena, o.refunded));
	rows = arena_calloc(r->arena, (size_t)(n > 0 ? n : 1), sizeof(*rows));
	for (i = 0; i < n; i++) {
		rows[i] = tmpl_section(t, "BOOKING");
		page_booking(r, rows[i], &list[i]);
		if (list[i].state == BOOKING_PENDING &&
		    strcmp(list[i].payment_status, "pending") == 0)
			due += list[i].price;
		/* A course's sessions still to come can be given up together. */
		if (strcmp(list[i].booking_type, "course") == 0 &&
		    booking_to_come(&list[i], &r->actor, now))
			course = 1;
	}
	if (course)
		tmpl_show(t, "CAN_CANCEL");
	/* A package's order holds credits, not bookings, until it is paid. */
	if (n == 0 && strcmp(o.status, "pending") == 0)
		due = o.total;
	if (due > 0 && due == o.total && *cfg.payment_url != '\0')
		tmpl_set(tmpl_section(t, "PAY_ONLINE"), "PAY_URL",
		    page_pay_url(r, "order", o.id, due));
	/* Once part of it is cancelled, the order is no longer paid at once (its
	 * payment is its total): each booking still held is paid on its own. */
	else if (due > 0 && *cfg.payment_url != '\0')
		for (i = 0; i < n; i++)
			if (list[i].state == BOOKING_PENDING &&
			    strcmp(list[i].payment_status, "pending") == 0)
				tmpl_set(tmpl_section(rows[i], "PAY_ROW"), "PAY_URL",
				    page_pay_url(r, "booking", list[i].id, list[i].price));
	if (due > 0)
		tmpl_set(tmpl_section(t, "DUE"), "DUE", money_show(r->arena, due));
	return page_end(r, reply_result_status(refused));
}

int
order_show(struct req *r)
{
	return order_page(r, OK);
}

int
page_receipt(struct req *r, const struct order *o, const char *back, const char *back_label)
{
	struct booking *list;
	struct tmpl *t, *row;
	int i, n;

	if (order_bookings(r->db, r->arena, o->id, &list, &n) != OK)
		return ERR;
	t = page_begin(r, "receipt.tpl", arena_printf(r->arena, _("Receipt for order %lld"),
	    o->id));
	tmpl_set_int(t, "ORDER_ID", o->id);
	tmpl_set(t, "BACK_URL", back);
	tmpl_set(t, "BACK_LABEL", back_label);
	tmpl_set(t, "SITE_NAME", cfg.site_name);
	if (*cfg.site_address != '\0')
		tmpl_set(tmpl_section(t, "ADDRESS"), "SITE_ADDRESS", cfg.site_address);
	if (*cfg.tax_id != '\0')
		tmpl_set(tmpl_section(t, "TAX_ID"), "TAX_ID", cfg.tax_id);
	tmpl_set(t, "CREATED", fmt_local(r->arena, o->created_at, FMT_WHEN));
	tmpl_set(t, "ORDER_STATUS", o->status);
	tmpl_set(t, "ORDER_STATUS_LABEL", page_status_label(o->status));
	if (n > 0) {
		tmpl_set(t, "CUSTOMER", list[0].user_name);
		tmpl_set(t, "CUSTOMER_EMAIL", list[0].user_email);
	}
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "LINE");
		page_booking(r, row, &list[i]);
		tmpl_set(row, "LINE_TAX", money_show(r->arena, list[i].tax_amount));
		tmpl_set(row, "LINE_DISCOUNT", money_show(r->arena, list[i].discount_amount));
	}
	page_price_parts(r, t, o->base_price, o->discount_amount, o->tax_amount, o->total);
	tmpl_set(t, "TAX_SUM", money_show(r->arena, o->tax_amount));
	tmpl_set(t, "DISCOUNT_SUM", money_show(r->arena, o->discount_amount));
	if (o->refunded > 0)
		tmpl_set(tmpl_section(t, "REFUNDED"), "REFUNDED", money_show(r->arena, o->refunded));
	return page_end(r, 200);
}

/* A printable receipt: who sold what to whom, each line in its parts. */
int
order_receipt(struct req *r)
{
	struct order o;

	if (order_get_or_reply(r, "id", &o) != OK)
		return ERR;
	return page_receipt(r, &o, arena_printf(r->arena, "/orders/%lld", o.id),
	    _("Back to the order"));
}

int
order_cancel_submit(struct req *r)
{
	long long id, refund;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	rc = booking_cancel_order(r->db, r->arena, &r->actor, id, &refund);
	if (rc == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		return reply_not_found(r, "order", id);
	if (rc != OK)
		return order_page(r, rc);
	return reply_redirect(r, arena_printf(r->arena, "/orders/%lld?done=cancelled", id));
}
