/* pages/packages.c: the packages and bundles on sale, and buying one */
#include "core/fmt.h"
#include "core/lang.h"
#include "domain/packages.h"
#include "handlers.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

int
packages_show(struct req *r)
{
	struct package *list;
	struct tmpl *t, *row;
	int i, n;

	if (package_list(r->db, r->arena, 0, &list, &n) != OK)
		return ERR;
	t = page_begin(r, "packages.tpl", _("Packages"));
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "PACKAGE");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "NAME", list[i].name);
		tmpl_set(row, "KIND", list[i].kind);
		tmpl_set(row, "PRICE", money_show(r->arena, list[i].price));
		tmpl_set_int(row, "EXPIRY_DAYS", list[i].expiry_days);
		tmpl_set(row, "CONTENTS", list[i].contents);
		if (r->user != NULL)
			tmpl_show(row, "CAN_BUY");
	}
	if (n == 0)
		tmpl_show(t, "NONE");
	return page_end(r, 200);
}

int
package_buy_submit(struct req *r)
{
	long long id, order;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	if ((rc = package_buy(r->db, r->arena, &r->actor, id, &order)) == NOT_FOUND)
		return reply_not_found(r, "package", id);
	if (rc != OK)
		return ERR;
	return reply_redirect(r, arena_printf(r->arena, "/orders/%lld?done=ordered", order));
}
