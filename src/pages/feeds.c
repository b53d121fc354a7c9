/* pages/feeds.c: private iCalendar feeds (/calendar/{token}.ics): their
 * URLs on the account page and an admin's room page, and the feeds */
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "core/fmt.h"
#include "core/ical.h"
#include "core/lang.h"
#include "domain/auth.h"
#include "domain/catalog.h"
#include "domain/feeds.h"
#include "handlers.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

int
page_feed_status(struct req *r, struct tmpl *t, long long room_id)
{
	struct tmpl *s = tmpl_section(t, "FEED");
	const char *made;
	int rc;

	rc = feed_made(r->db, r->arena, r->user->id, room_id, &made);
	if (rc == ERR)
		return ERR;
	if (rc == OK)
		tmpl_set(tmpl_section(s, "FEED_ON"), "FEED_MADE",
		    fmt_local(r->arena, made, "%d %b %Y %H:%M"));
	else
		tmpl_show(s, "FEED_OFF");
	return OK;
}

/* The new URL, shown once: only its hash is kept. */
static int
feed_made_page(struct req *r, const char *token, const char *what, const char *back)
{
	struct tmpl *t = page_begin(r, "feed.tpl", _("Calendar feed"));

	tmpl_set(t, "URL", arena_printf(r->arena, "%s/calendar/%s.ics", cfg.site_url, token));
	tmpl_set(t, "WHAT", what);
	tmpl_set(t, "BACK", back);
	reply_header(r, "Cache-Control: no-store");
	return page_end(r, 201);
}

int
account_feed_new(struct req *r)
{
	char *token;

	if (feed_create(r->db, r->arena, r->user->id, 0, &token) != OK)
		return ERR;
	return feed_made_page(r, token, _("your bookings"), "/account");
}

int
account_feed_revoke(struct req *r)
{
	if (feed_revoke(r->db, r->user->id, 0) == ERR)
		return ERR;
	return reply_redirect(r, "/account?saved=feed_revoked");
}

int
admin_room_feed_new(struct req *r)
{
	struct room room;
	char *token;

	if (room_get_or_reply(r, "id", &room) != OK ||
	    feed_create(r->db, r->arena, r->user->id, room.id, &token) != OK)
		return ERR;
	return feed_made_page(r, token, arena_printf(r->arena, _("the sessions of %s"),
	    room.name), arena_printf(r->arena, "/admin/rooms/%lld", room.id));
}

int
admin_room_feed_revoke(struct req *r)
{
	struct room room;

	if (room_get_or_reply(r, "id", &room) != OK ||
	    feed_revoke(r->db, r->user->id, room.id) == ERR)
		return ERR;
	return reply_redirect(r, arena_printf(r->arena, "/admin/rooms/%lld?done=feed_revoked",
	    room.id));
}

static const char *
booking_status(const char *status)
{
	if (strcmp(status, "cancelled") == 0)
		return "CANCELLED";
	return strcmp(status, "pending") == 0 ? "TENTATIVE" : "CONFIRMED";
}

/* One entry as a VEVENT: a booking under the UID of its mails, or a
 * session with its seats booked. */
static void
feed_event(struct req *r, struct buf *b, const struct feed *f, const struct feed_item *it)
{
	struct ical_event e;
	const char *what = it->event != NULL ?
	    arena_printf(r->arena, "%s (%s)", it->event, it->room) : it->room;

	memset(&e, 0, sizeof(e));
	e.id = it->id;
	e.sequence = it->sequence;
	dbtime_parse(it->start, &e.start);
	dbtime_parse(it->end, &e.end);
	dbtime_parse(it->updated_at, &e.stamp);
	e.location = it->room;
	if (f->room_id == 0) {
		e.kind = "booking";
		e.summary = what;
		e.url = arena_printf(r->arena, "%s/bookings/%lld", cfg.site_url, it->id);
		e.status = booking_status(it->status);
		e.attendee_name = it->user_name;
		e.attendee_email = it->user_email;
	} else {
		e.kind = "timeslot";
		e.summary = arena_printf(r->arena, _("%s: %lld of %lld booked"), what,
		    it->booked, it->capacity);
		e.url = arena_printf(r->arena, "%s/admin/timeslots/%lld", cfg.site_url, it->id);
		e.status = strcmp(it->status, "canceled") == 0 ? "CANCELLED" : "CONFIRMED";
	}
	ical_event(b, &e);
}

/* GET /bookings/{id}/calendar.ics: one of the owner's bookings to add to a
 * calendar, under the UID its mails and the feed give it, so adding it
 * twice or subscribing later updates the one entry. */
int
booking_ics(struct req *r)
{
	long long id;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	return page_booking_ics(r, id, r->user->id);
}

int
page_booking_ics(struct req *r, long long id, long long owner)
{
	static const struct feed mine = { 0, 0, 0, NULL, NULL };
	struct feed_item it;
	struct buf b;
	time_t start = time(NULL);
	int rc;

	if ((rc = feed_booking(r->db, r->arena, id, owner, &it)) == NOT_FOUND)
		return reply_not_found(r, "booking", id);
	if (rc != OK)
		return ERR;
	dbtime_parse(it.start, &start);
	buf_init(&b, r->arena);
	ical_begin(&b, "booking", NULL, NULL, start, start);
	feed_event(r, &b, &mine, &it);
	ical_end(&b);
	reply_header(r, "Content-Disposition: attachment; filename=\"booking-%lld.ics\"", id);
	return reply_body(r, 200, "text/calendar; charset=utf-8", b.data, b.len);
}

/*
 * GET /calendar/{token}.ics. The body depends only on what it lists
 * (DTSTAMP is each entry's last change), so its hash is a strong ETag: a
 * subscriber polling with If-None-Match gets a bodiless 304 until
 * something changes.
 */
int
calendar_feed(struct req *r)
{
	const char *seg = kv_get(&r->params, "feed"), *inm, *etag;
	struct feed_item *items;
	struct feed f;
	struct buf b;
	size_t len = seg != NULL ? strlen(seg) : 0;
	time_t first = time(NULL), last = first;
	int i, n, rc;

	if (len <= 4 || strcmp(seg + len - 4, ".ics") != 0)
		return reply_error(r, 404, "not_found", "There is no page at this address.");
	rc = feed_open(r->db, r->arena, arena_strndup(r->arena, seg, len - 4), &f);
	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found",
		    "There is no calendar feed at this address (any more).");
	if (rc != OK || feed_items(r->db, r->arena, &f, &items, &n) != OK)
		return ERR;
	/* A calendar program asks with no cookie: its summaries are in the
	 * language of the feed's owner. */
	if (lang_find(f.language) >= 0) {
		r->lang = lang_find(f.language);
		lang_use(r->lang);
	}
	if (n > 0) {
		dbtime_parse(items[0].start, &first);
		dbtime_parse(items[n - 1].start, &last);
	}
	buf_init(&b, r->arena);
	ical_begin(&b, "feed", NULL, arena_printf(r->arena, "%s: %s", cfg.site_name,
	    f.name), first, last);
	for (i = 0; i < n; i++)
		feed_event(r, &b, &f, &items[i]);
	ical_end(&b);
	etag = arena_printf(r->arena, "\"%.32s\"", auth_sha256_hex(r->arena, buf_cstr(&b)));
	reply_header(r, "ETag: %s", etag);
	inm = req_env(r, "HTTP_IF_NONE_MATCH");
	/* nginx's gzip weakens the tag it passes on (W/"..."): the same tag. */
	if (inm != NULL && (strstr(inm, etag) != NULL || strcmp(inm, "*") == 0))
		return reply_body(r, 304, NULL, NULL, 0);
	return reply_body(r, 200, "text/calendar; charset=utf-8", b.data, b.len);
}
