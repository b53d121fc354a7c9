/* pages/reviews.c: a booking's review form, the reviews of a room or an
 * event, and an admin hiding one */
#include <string.h>
#include <time.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/booking.h"
#include "domain/reviews.h"
#include "handlers.h"
#include "http/lookup.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define REVIEWS_PER_PAGE	5

int
page_booking_review(struct req *r, struct tmpl *t, const struct booking *b)
{
	struct review v;
	struct tmpl *s;
	int rc, i;

	if ((rc = review_of_booking(r->db, r->arena, b->id, &v)) == ERR)
		return ERR;
	if (rc == OK) {
		s = tmpl_section(t, "REVIEWED");
		tmpl_set_int(s, "RATING", v.rating);
		if (*v.comment != '\0')
			tmpl_set(tmpl_section(s, "COMMENT"), "COMMENT", v.comment);
		if (v.hidden_at != NULL)
			tmpl_show(s, "HIDDEN");
	} else if (booking_allows(b, BK_REVIEW, &r->actor, time(NULL))) {
		s = tmpl_section(t, "CAN_REVIEW");
		for (i = REVIEW_RATING_MAX; i >= REVIEW_RATING_MIN; i--)
			tmpl_set_int(tmpl_section(s, "RATING_OPTION"), "VALUE", i);
		tmpl_set_int(s, "COMMENT_MAX", REVIEW_COMMENT_MAX);
	}
	return OK;
}

int
page_review_action(struct req *r, struct tmpl *t, const struct booking *b)
{
	struct review v;
	int rc;

	if (!booking_allows(b, BK_REVIEW, &r->actor, time(NULL)))
		return OK;
	if ((rc = review_of_booking(r->db, r->arena, b->id, &v)) == ERR)
		return ERR;
	if (rc == NOT_FOUND)
		tmpl_show(t, "CAN_REVIEW");
	return OK;
}

/* "4.3": an average to a tenth, rounded. */
static const char *
average_text(struct arena *a, const struct review_summary *s)
{
	long long tenths = s->count ? (s->rating_sum * 10 + s->count / 2) / s->count : 0;

	return arena_printf(a, "%lld.%lld", tenths / 10, tenths % 10);
}

int
page_reviews(struct req *r, struct tmpl *t, long long room_id, long long event_id,
    const struct review_summary *known, const char *back)
{
	struct review_filter f = { room_id, event_id, REVIEWS_PER_PAGE, 0 };
	struct review_summary sum;
	struct review *list;
	struct tmpl *s, *row;
	long long page;
	int i, n;

	if (req_int_opt(r, "reviews_page", 1, PAGE_MAX, 1, &page) != OK)
		return ERR;
	f.offset = (page - 1) * REVIEWS_PER_PAGE;
	if (known != NULL)
		sum = *known;
	else if (review_summary(r->db, r->arena, &f, &sum) != OK)
		return ERR;
	s = tmpl_include(t, "REVIEWS", "reviews.tpl");
	tmpl_set(s, "CSRF", r->csrf);
	if (sum.count == 0) {
		tmpl_show(s, "NO_REVIEWS");
		return OK;
	}
	if (review_list(r->db, r->arena, &f, &list, &n) != OK)
		return ERR;
	tmpl_set(tmpl_section(s, "SUMMARY"), "AVERAGE", average_text(r->arena, &sum));
	tmpl_set_int(s, "REVIEW_COUNT", sum.count);
	tmpl_set(s, "REVIEWS_WORD", P_("review", "reviews", (unsigned long)sum.count));
	for (i = 0; i < n; i++) {
		row = tmpl_section(s, "REVIEW");
		tmpl_set_int(row, "REVIEW_ID", list[i].id);
		tmpl_set_int(row, "RATING", list[i].rating);
		tmpl_set(row, "REVIEWER", list[i].user_name);
		tmpl_set(row, "WHEN", fmt_local(r->arena, list[i].created_at, "%d %b %Y"));
		if (*list[i].comment != '\0')
			tmpl_set(tmpl_section(row, "COMMENT"), "COMMENT", list[i].comment);
		if (r->actor.admin)
			tmpl_set(tmpl_section(row, "CAN_HIDE"), "BACK", back);
	}
	if (page > 1)
		tmpl_set(tmpl_section(s, "PREV_REVIEWS"), "HREF",
		    arena_printf(r->arena, "%s%creviews_page=%lld#reviews", back,
		    strchr(back, '?') ? '&' : '?', page - 1));
	if (page * REVIEWS_PER_PAGE < sum.count)
		tmpl_set(tmpl_section(s, "NEXT_REVIEWS"), "HREF",
		    arena_printf(r->arena, "%s%creviews_page=%lld#reviews", back,
		    strchr(back, '?') ? '&' : '?', page + 1));
	return OK;
}

int
admin_review_hide(struct req *r)
{
	if (review_hide_or_reply(r, "id") != OK)
		return ERR;
	return reply_redirect(r, page_back(r, "/admin", "hidden=1"));
}
