/* pages/admin_packages.c: /admin/packages: the packages and bundles on sale,
 * a new one, and what each holds */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/catalog.h"
#include "domain/packages.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *const packages_done[][2] = {
	{ "created", N_("The package is made: add the sessions it holds.") },
	{ "saved", N_("What the package holds is saved.") },
	{ NULL, NULL },
};

/* A field's error, next to it: a NAME_ERROR section with MESSAGE. */
static void
field_error_show(struct tmpl *t, const struct form *f, const char *field,
    const char *section)
{
	const char *error = field_error_of(&f->errors, field);

	if (error != NULL)
		tmpl_set(tmpl_section(t, section), "MESSAGE", error);
}

/*
 * Every package with what it holds and a form to change that, and the
 * new-package form. f is the form that came back refused: the new
 * package's (item_of 0) or package item_of's, which keeps what was typed
 * and shows its errors; the other forms are empty.
 */
static int
packages_page(struct req *r, struct form *f, long long item_of, int status)
{
	static const char *const fields[] = { "name", "kind", "price", "expiryDays", NULL };
	struct package *list;
	struct event *events;
	struct tmpl *t, *row;
	int i, j, n, ne;

	if (package_list(r->db, r->arena, 1, &list, &n) != OK ||
	    event_list(r->db, r->arena, &events, &ne) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_packages.tpl", _("Packages and bundles"));
	page_done(r, t, packages_done);
	if (n == 0)
		tmpl_show(t, "NO_PACKAGES");
	for (i = 0; i < n; i++) {
		const struct form *mine = item_of == list[i].id ? f : NULL;

		row = tmpl_section(t, "PACKAGE");
		tmpl_set_int(row, "ID", list[i].id);
		tmpl_set(row, "NAME", list[i].name);
		tmpl_set(row, "KIND_LABEL", strcmp(list[i].kind, "bundle") == 0 ? _("Bundle") :
		    _("Package"));
		tmpl_set(row, "PRICE", money_show(r->arena, list[i].price));
		tmpl_set_int(row, "EXPIRY_DAYS", list[i].expiry_days);
		tmpl_set(row, "CONTENTS", list[i].contents != NULL ? list[i].contents :
		    _("Nothing yet"));
		if (!list[i].is_active)
			tmpl_show(row, "INACTIVE");
		for (j = 0; j < ne; j++)
			page_option(row, "EVENT_OPTION", arena_printf(r->arena, "%lld",
			    events[j].id), events[j].title,
			    mine ? kv_get(mine->fields, "eventId") : NULL);
		if (mine == NULL)
			continue;
		if (kv_get(mine->fields, "quantity") != NULL)
			tmpl_set(row, "QUANTITY", kv_get(mine->fields, "quantity"));
		field_error_show(row, mine, "eventId", "EVENTID_ERROR");
		field_error_show(row, mine, "quantity", "QUANTITY_ERROR");
	}
	if (ne == 0)
		tmpl_show(t, "NO_EVENTS");
	if (item_of == 0)
		form_fill(f, t, fields);
	for (i = 0; package_kinds[i] != NULL; i++)
		page_option(t, "KIND_OPTION", package_kinds[i], strcmp(package_kinds[i],
		    "bundle") == 0 ? _("Bundle (one event, many sessions)") :
		    _("Package (several events)"), item_of == 0 ? kv_get(f->fields, "kind") : NULL);
	return page_end(r, status);
}

int
admin_packages(struct req *r)
{
	struct form f;

	form_init(&f, r);
	return packages_page(r, &f, 0, 200);
}

int
admin_package_create(struct req *r)
{
	struct package_input in;
	struct form f;
	long long id;
	int rc;

	form_init(&f, r);
	input_package(&f, &in);
	if (f.errors.n > 0)
		return packages_page(r, &f, 0, 400);
	if ((rc = package_create(r->db, &in, &id)) != OK)
		return rc == ERR ? ERR : packages_page(r, &f, 0, reply_result_status(rc));
	return reply_redirect(r, arena_printf(r->arena, "/admin/packages?done=created#package-%lld",
	    id));
}

/* What a package holds: quantity sessions of an event (0 takes them out). */
int
admin_package_item_save(struct req *r)
{
	struct form f;
	long long id, event = 0, quantity = 0;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	form_init(&f, r);
	form_int(&f, "eventId", "Event", 1, ID_MAX, 1, &event);
	form_int(&f, "quantity", "Sessions", 0, PACKAGE_QUANTITY_MAX, 1, &quantity);
	if (f.errors.n > 0)
		return packages_page(r, &f, id, 400);
	rc = package_item_set(r->db, r->arena, id, event, quantity);
	if (rc == NOT_FOUND)
		return reply_not_found(r, "package", id);
	if (rc == INVALID) {
		form_error(&f, "eventId", "Event: there is no event %lld.", event);
		return packages_page(r, &f, id, 400);
	}
	if (rc != OK)
		return ERR;
	return reply_redirect(r, arena_printf(r->arena, "/admin/packages?done=saved#package-%lld",
	    id));
}
