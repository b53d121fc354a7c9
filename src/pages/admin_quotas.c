/* pages/admin_quotas.c: /admin/quotas: how much each role may book of each kind of room */
#include "core/lang.h"
#include "domain/catalog.h"
#include "domain/quota.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *const quotas_done[][2] = {
	{ "saved", N_("The limits are saved; new bookings are held to them.") },
	{ NULL, NULL },
};

/* One row per role and room type, three fields each, named
 * role.type.field; with what was typed and its problems when refused. */
static int
quotas_page(struct req *r, struct form *f, int status)
{
	static const char *const names[] = { "maxActive", "maxHolds", "maxHoursWeek" };
	struct quota *q;
	struct tmpl *t, *row, *cell;
	const char *field, *value, *error;
	long long limits[3];
	int i, j, n;

	if (quota_list(r->db, r->arena, &q, &n) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_quotas.tpl", _("Booking limits"));
	page_done(r, t, quotas_done);
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "QUOTA");
		tmpl_set(row, "ROLE", page_role_label(q[i].role));
		tmpl_set(row, "TYPE", room_type_label(q[i].room_type));
		limits[0] = q[i].max_active;
		limits[1] = q[i].max_holds;
		limits[2] = q[i].max_hours_week;
		for (j = 0; j < 3; j++) {
			cell = tmpl_section(row, "LIMIT");
			field = arena_printf(r->arena, "%s.%s.%s", q[i].role, q[i].room_type,
			    names[j]);
			value = kv_get(f->fields, field);
			if (value == NULL)
				value = limits[j] < 0 ? "" :
				    arena_printf(r->arena, "%lld", limits[j]);
			tmpl_set(cell, "FIELD", field);
			tmpl_set(cell, "VALUE", value);
			tmpl_set(cell, "LABEL", arena_printf(r->arena, "%s, %s: %s",
			    page_role_label(q[i].role), room_type_label(q[i].room_type),
			    j == 0 ? _("active bookings") : j == 1 ? _("unpaid holds") : _("hours a week")));
			if ((error = field_error_of(&f->errors, field)) != NULL)
				tmpl_set(tmpl_section(cell, "ERROR"), "MESSAGE", error);
		}
	}
	return page_end(r, status);
}

int
admin_quotas(struct req *r)
{
	struct form f;

	form_init(&f, r);
	return quotas_page(r, &f, 200);
}

int
admin_quotas_save(struct req *r)
{
	struct quota *q;
	struct form f;
	int i, n;

	form_init(&f, r);
	if (quota_list(r->db, r->arena, &q, &n) != OK)
		return ERR;
	for (i = 0; i < n; i++)
		input_quota(&f, arena_printf(r->arena, "%s.%s.", q[i].role, q[i].room_type),
		    &q[i]);
	if (f.errors.n > 0)
		return quotas_page(r, &f, 400);
	for (i = 0; i < n; i++)
		if (quota_save(r->db, &q[i]) != OK)
			return ERR;
	return reply_redirect(r, "/admin/quotas?done=saved");
}
