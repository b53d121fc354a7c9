/* pages/admin_room_hours.c: /admin/rooms/{id}/hours: the hours of each
 * weekday in which a room's individual events take appointments */
#include "core/fmt.h"
#include "core/lang.h"
#include "domain/appointments.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/form.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *const hours_done[][2] = {
	{ "saved", N_("The bookable hours are saved.") },
	{ NULL, NULL },
};

/* Monday first, as the week is read; weekday numbers as room_hours has
 * them (0 Sunday). */
static const struct {
	int		 weekday;
	const char	*name;
} days[] = {
	{ 1, N_("Monday") }, { 2, N_("Tuesday") }, { 3, N_("Wednesday") },
	{ 4, N_("Thursday") }, { 5, N_("Friday") }, { 6, N_("Saturday") },
	{ 0, N_("Sunday") },
};

#define DAYS	(sizeof(days) / sizeof(days[0]))

static const char *
hhmm(struct arena *a, int minutes)
{
	return arena_printf(a, "%02d:%02d", minutes / 60, minutes % 60);
}

/* One row a weekday, its opening and closing times: what was typed and
 * its problems when f came back refused, else what is stored. */
static int
hours_page(struct req *r, const struct room *room, struct form *f, int status)
{
	struct room_hours *h;
	struct tmpl *t, *row, *cell;
	const char *field, *value, *error;
	size_t i;
	int j, k, n;

	if (room_hours_list(r->db, r->arena, room->id, &h, &n) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_room_hours.tpl",
	    arena_printf(r->arena, _("Bookable hours: %s"), room->name));
	tmpl_set_int(t, "ID", room->id);
	tmpl_set(t, "ROOM_NAME", room->name);
	page_done(r, t, hours_done);
	for (i = 0; i < DAYS; i++) {
		row = tmpl_section(t, "DAY");
		tmpl_set(row, "DAY_NAME", _(days[i].name));
		for (k = 0; k < n && h[k].weekday != days[i].weekday; k++)
			;
		for (j = 0; j < 2; j++) {
			cell = tmpl_section(row, "TIME");
			field = arena_printf(r->arena, "d%d.%s", days[i].weekday,
			    j == 0 ? "opens" : "closes");
			if ((value = kv_get(f->fields, field)) == NULL)
				value = k == n ? "" : hhmm(r->arena, j == 0 ? h[k].opens :
				    h[k].closes);
			tmpl_set(cell, "FIELD", field);
			tmpl_set(cell, "VALUE", value);
			tmpl_set(cell, "LABEL", arena_printf(r->arena, j == 0 ? _("%s: opens") :
			    _("%s: closes"), _(days[i].name)));
			if ((error = field_error_of(&f->errors, field)) != NULL)
				tmpl_set(tmpl_section(cell, "ERROR"), "MESSAGE", error);
		}
	}
	return page_end(r, status);
}

int
admin_room_hours(struct req *r)
{
	struct room room;
	struct form f;

	if (room_get_or_reply(r, "id", &room) != OK)
		return ERR;
	form_init(&f, r);
	return hours_page(r, &room, &f, 200);
}

/* Whether a field holds more than white space (a form sends its empty
 * fields too). */
static int
filled(const struct form *f, const char *field)
{
	const char *v = kv_get(f->fields, field);

	while (v != NULL && (*v == ' ' || *v == '\t'))
		v++;
	return v != NULL && *v != '\0';
}

/* Every weekday at once: both times empty close it; a closing time must
 * come after the opening one (24:00 ends the day). */
int
admin_room_hours_save(struct req *r)
{
	struct room_hours week[DAYS];
	struct room room;
	struct form f;
	const char *opens, *closes;
	size_t i;
	int rc;

	if (room_get_or_reply(r, "id", &room) != OK)
		return ERR;
	form_init(&f, r);
	for (i = 0; i < DAYS; i++) {
		opens = arena_printf(r->arena, "d%d.opens", days[i].weekday);
		closes = arena_printf(r->arena, "d%d.closes", days[i].weekday);
		week[i].weekday = days[i].weekday;
		week[i].opens = week[i].closes = 0;
		if (!filled(&f, opens) && !filled(&f, closes))
			continue;
		form_time(&f, opens, arena_printf(r->arena, _("%s opens"), _(days[i].name)), 1,
		    &week[i].opens);
		if (form_time(&f, closes, arena_printf(r->arena, _("%s closes"), _(days[i].name)), 1,
		    &week[i].closes) && week[i].closes <= week[i].opens)
			form_error(&f, closes, "%s closes: after it opens.", _(days[i].name));
	}
	if (f.errors.n > 0)
		return hours_page(r, &room, &f, 400);
	if ((rc = room_week_set(r->db, r->arena, room.id, week, (int)DAYS)) != OK)
		return rc == ERR ? ERR : hours_page(r, &room, &f, reply_result_status(rc));
	return reply_redirect(r, arena_printf(r->arena, "/admin/rooms/%lld/hours?done=saved",
	    room.id));
}
