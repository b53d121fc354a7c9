/* pages/home.c: the home page: upcoming sessions, rooms and a date picker */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "domain/catalog.h"
#include "handlers.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define HOME_SESSIONS	12

int
home_show(struct req *r)
{
	struct room_filter f = { NULL, 0, 0, 100, 0 };
	struct room *rooms;
	struct slot *slots;
	struct tmpl *t, *row;
	const char *date;
	char today[11], from[20], to[20], now[20];
	int i, nrooms, nslots;

	date_today(today);
	if (req_date_opt(r, "date", today, &date) != OK)
		return ERR;
	day_bounds_utc(date, from, to);
	dbtime_now(now);
	if (strcmp(from, now) < 0)
		memcpy(from, now, sizeof(from));
	if (upcoming_sessions(r->db, r->arena, from, HOME_SESSIONS, &slots, &nslots) != OK ||
	    room_list(r->db, r->arena, &f, &rooms, &nrooms, NULL) != OK)
		return ERR;

	t = page_begin(r, "home.tpl", _("Book a room or a session"));
	tmpl_set(t, "DATE", date);
	tmpl_set(t, "TODAY", today);
	if (strcmp(date, today) != 0)
		tmpl_set(tmpl_section(t, "FROM_DATE"), "DATE_LABEL",
		    fmt_local(r->arena, from, FMT_DATE_LONG));
	for (i = 0; i < nslots; i++)
		page_slot(r, tmpl_section(t, "SESSION"), &slots[i]);
	if (nslots == 0)
		tmpl_show(t, "NO_SESSIONS");
	for (i = 0; i < nrooms; i++) {
		row = tmpl_section(t, "ROOM");
		page_room(r, row, &rooms[i]);
		tmpl_set(row, "DATE", date);
	}
	if (nrooms == 0)
		tmpl_show(t, "NO_ROOMS");
	return page_end(r, 200);
}
