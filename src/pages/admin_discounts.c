/* pages/admin_discounts.c: /admin/discounts: the discount codes and a new one */
#include "core/fmt.h"
#include "core/lang.h"
#include "domain/prices.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *const discounts_done[][2] = {
	{ "created", N_("The discount code is made.") },
	{ NULL, NULL },
};

static int
discounts_page(struct req *r, struct form *f, int status)
{
	static const char *const fields[] = { "code", "percent", "amountOff", "validFrom",
	    "validUntil", "roomId", "eventId", "maxUses", NULL };
	struct discount *d;
	struct tmpl *t, *row;
	int i, n;

	if (discount_list(r->db, r->arena, &d, &n) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_discounts.tpl", _("Discount codes"));
	page_done(r, t, discounts_done);
	if (f != NULL)
		form_fill(f, t, fields);
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "DISCOUNT");
		tmpl_set(row, "CODE", d[i].code);
		tmpl_set(row, "OFF", d[i].percent >= 0 ?
		    arena_printf(r->arena, "%d %%", d[i].percent) :
		    money_show(r->arena, d[i].amount_off));
		tmpl_set(row, "FROM", d[i].valid_from ?
		    fmt_local(r->arena, d[i].valid_from, FMT_WHEN) : _("any time"));
		tmpl_set(row, "UNTIL", d[i].valid_until ?
		    fmt_local(r->arena, d[i].valid_until, FMT_WHEN) : _("no end"));
		tmpl_set(row, "USES", d[i].max_uses >= 0 ?
		    arena_printf(r->arena, _("%lld of %lld"), d[i].uses, d[i].max_uses) :
		    arena_printf(r->arena, "%lld", d[i].uses));
		tmpl_set(row, "FOR", d[i].room_id ? arena_printf(r->arena, _("room %lld"),
		    d[i].room_id) : d[i].event_id ? arena_printf(r->arena, _("event %lld"),
		    d[i].event_id) : _("everything"));
		if (d[i].once_per_customer)
			tmpl_show(row, "ONCE");
	}
	if (n == 0)
		tmpl_show(t, "NO_DISCOUNTS");
	return page_end(r, status);
}

int
admin_discounts_page(struct req *r)
{
	return discounts_page(r, NULL, 200);
}

int
admin_discount_create(struct req *r)
{
	struct discount_input in;
	struct form f;
	long long id = 0;
	int rc;

	form_init(&f, r);
	input_discount(&f, 1, &in);
	rc = discount_save(r->db, r->arena, &id, &in, &f.errors);
	if (rc == INVALID || rc == CONFLICT)
		return discounts_page(r, &f, rc == INVALID ? 400 : 409);
	if (rc != OK)
		return ERR;
	return reply_redirect(r, "/admin/discounts?done=created");
}
