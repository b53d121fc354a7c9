/* pages/admin_users.c: /admin/users: find users and change their role */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/account.h"
#include "handlers.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define USERS_PER_PAGE	50

int
admin_users(struct req *r)
{
	struct tmpl *t, *row;
	struct account *users;
	const char *q;
	long long page, total;
	int i, j, n;

	if (req_str_opt(r, "q", EMAIL_MAX, NULL, &q) != OK ||
	    req_int_opt(r, "page", 1, PAGE_MAX, 1, &page) != OK)
		return ERR;
	if (account_list(r->db, r->arena, q, USERS_PER_PAGE, (page - 1) * USERS_PER_PAGE,
	    &users, &n, &total) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_users.tpl", _("Users"));
	if (q != NULL) {
		tmpl_set(t, "Q", q);
		tmpl_set(tmpl_section(t, "SEARCH"), "Q", q);
	}
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "USER");
		tmpl_set_int(row, "ID", users[i].id);
		tmpl_set(row, "NAME", users[i].name);
		tmpl_set(row, "EMAIL", users[i].email);
		tmpl_set(row, "CREATED", fmt_local(r->arena, users[i].created_at, FMT_DATE_SHORT));
		for (j = 0; account_roles[j] != NULL; j++) {
			struct tmpl *o = tmpl_section(row, "ROLE_OPTION");

			tmpl_set(o, "VALUE", account_roles[j]);
			tmpl_set(o, "LABEL", page_role_label(account_roles[j]));
			if (strcmp(account_roles[j], users[i].role) == 0)
				tmpl_show(o, "SELECTED");
		}
	}
	tmpl_set(t, "TOTAL", page_plural(r, total, "%lld user", "%lld users"));
	if (n == 0)
		tmpl_show(t, "NO_USERS");
	page_pager(t, page, page * USERS_PER_PAGE < total);
	if (kv_get(&r->params, "saved") != NULL)
		tmpl_set(tmpl_section(t, "SAVED"), "MESSAGE", _("The role was changed."));
	return page_end(r, 200);
}

int
admin_user_role(struct req *r)
{
	long long id;

	if (user_role_or_reply(r, "id", &id) != OK)
		return ERR;
	return reply_redirect(r, "/admin/users?saved=1");
}
