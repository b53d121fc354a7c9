/* page.c: pieces shared by the HTML pages */
#include <string.h>

#include "catalog.h"
#include "fmt.h"
#include "page.h"
#include "request.h"
#include "tmpl.h"

static const char *
state_label(const struct slot *s)
{
	switch (s->state) {
	case SLOT_FREE:	return "Free";
	case SLOT_FULL:	return "Full";
	case SLOT_PAST:	return "Past";
	default:	return strcmp(s->status, "canceled") == 0 ? "Cancelled" : "Unavailable";
	}
}

void
page_slot(struct req *r, struct tmpl *t, const struct slot *s)
{
	tmpl_set_int(t, "SLOT_ID", s->id);
	tmpl_set(t, "DATE", fmt_local(r->arena, s->start, "%a %d %b %Y"));
	tmpl_set(t, "ISO_DATE", fmt_local(r->arena, s->start, "%Y-%m-%d"));
	tmpl_set(t, "START", fmt_local(r->arena, s->start, "%H:%M"));
	tmpl_set(t, "END", fmt_local(r->arena, s->end, "%H:%M"));
	tmpl_set(t, "STATE", slot_state_name(s->state));
	tmpl_set(t, "STATE_LABEL", state_label(s));
	tmpl_set_int(t, "SEATS_LEFT", s->seats_left);
	tmpl_set_int(t, "CAPACITY", s->capacity);
	tmpl_set(t, "PRICE", s->price ? money_fmt(r->arena, s->price) : "Free");
	tmpl_set_int(t, "ROOM_ID", s->room_id);
	tmpl_set(t, "ROOM_NAME", s->room_name);
	if (s->event_id) {
		struct tmpl *e = tmpl_section(t, "EVENT");

		tmpl_set_int(e, "EVENT_ID", s->event_id);
		tmpl_set(e, "EVENT_TITLE", s->event_title);
		if (s->sequence_no)
			tmpl_set_int(tmpl_section(e, "SEQUENCE"), "SEQUENCE_NO", s->sequence_no);
	}
	if (s->state == SLOT_FREE)
		tmpl_show(t, "SEATS");
}

void
page_option(struct tmpl *t, const char *section, const char *value,
    const char *label, const char *current)
{
	struct tmpl *o = tmpl_section(t, section);

	tmpl_set(o, "VALUE", value);
	tmpl_set(o, "LABEL", label);
	if (current != NULL && strcmp(value, current) == 0)
		tmpl_show(o, "SELECTED");
}
