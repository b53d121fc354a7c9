/* pages/page.h: pieces shared by the HTML pages */
#ifndef PAGE_H
#define PAGE_H

struct booking;
struct booking_event;
struct form;
struct req;
struct slot;
struct tmpl;

/* Fills one row of a timeslot list: times in the site time zone, state,
 * seats left, price, event and room. */
void	page_slot(struct req *, struct tmpl *, const struct slot *);
/* How many seats a bookable timeslot has left, in words ("3 of 12 left",
 * "the whole room"). */
const char *page_seats(struct req *, const struct slot *);
/* "workshop" for "workshop", in the language of the page. */
const char *page_event_kind_label(const char *kind);
/* A user's role in words ("Administrator"), in the thread's language. */
const char *page_role_label(const char *role);
/* "Meeting room" for "meeting". */
/* "1 minute", "5 minutes": one and many are "%lld minute", "%lld minutes",
 * of which the language's plural rule picks one (scripts/po-update
 * extracts them). */
const char *page_plural(struct req *, long long n, const char *one,
	    const char *many) __attribute__((format_arg(3))) __attribute__((format_arg(4)));
/* A status of a booking, payment, timeslot or message as people say it
 * ("Awaiting payment", "No-show"); the value itself when it has no words. */
const char *page_status_label(const char *status);
/* One room or event in a list: ID, NAME/TITLE, TYPE/KIND, CAPACITY, RATE,
 * DESCRIPTION; UPCOMING and a NEXT section with NEXT_START for events. */
struct room;
struct event;
void	page_room(struct req *, struct tmpl *, const struct room *);
void	page_event(struct req *, struct tmpl *, const struct event *);
/* A list of rooms as ROOM sections, NO_ROOMS when empty; with marked,
 * each ACTIVE or INACTIVE (the admin list). */
void	page_rooms(struct req *, struct tmpl *, const struct room *, int n,
	    int marked);
/* A list of events as EVENT sections, NO_EVENTS when empty. */
void	page_events(struct req *, struct tmpl *, const struct event *, int n);
/* The PREV_PAGE and NEXT_PAGE links (PAGE) around page of a paged list,
 * the next one when more rows follow. */
void	page_pager(struct tmpl *, long long page, int more);
/* A selectable option: VALUE, LABEL and SELECTED when value is current. */
void	page_option(struct tmpl *, const char *section, const char *value,
	    const char *label, const char *current);
/* The parts of a booking every page that shows one needs: when, where,
 * status, payment, price and event. */
void	page_booking(struct req *, struct tmpl *, const struct booking *);
/* Those a row of the admin's bookings list or of the dashboard shows (ID,
 * ISO_DATE, SHORT_DATE, START, END, ROOM_NAME, EVENT, USER_*, STATUS*,
 * PAYMENT_LABEL, PRICE): not the long DATE, SLOT_ID, ROOM_ID,
 * PAYMENT_STATUS nor the price's parts: about a third of page_booking's
 * time on a list of fifty. */
void	page_booking_row(struct req *, struct tmpl *, const struct booking *);
/* The page that shows what cancelling b now refunds, its form posting to
 * action and its "keep it" link to back: the owner's booking page and a
 * guest's manage page alike. */
struct actor;
int	page_cancel_quote(struct req *, const struct booking *, const struct actor *,
	    const char *action, const char *back);
/* The page that moves b to another free time of its room (the date
 * parameter's day); its links and form go to base + "/reschedule", its
 * way back to base. */
int	page_reschedule(struct req *, const struct booking *, int refused,
	    const char *base);
/* The payment provider's page (payment_url) for what ("booking", "order")
 * id, amount in cents. */
const char *page_pay_url(struct req *, const char *what, long long id, long long amount);
/* The printable receipt of order o, with a link back to back (its text
 * back_label) (pages/orders.c). */
struct order;
int	page_receipt(struct req *, const struct order *o, const char *back,
	    const char *back_label);
/* The booking id of owner as an iCalendar file (404 when not theirs). */
int	page_booking_ics(struct req *, long long id, long long owner);
/* A booking's history (booking_history()) as HISTORY sections. */
void	page_history(struct req *, struct tmpl *, const struct booking_event *, int n);

/* A booking's review (REVIEWED), or its form when the booking allows one
 * (CAN_REVIEW) (pages/reviews.c). */
int	page_booking_review(struct req *, struct tmpl *, const struct booking *);
/* CAN_REVIEW on a dashboard row: b is the actor's to review and has no
 * review yet. */
int	page_review_action(struct req *, struct tmpl *, const struct booking *);
/* The REVIEWS section of a room's or an event's page at back: the
 * average, the count and a page (reviews_page) of the latest, with the
 * admin's Hide buttons. known: their count and rating sum when already read
 * (room_day), else NULL. */
struct review_summary;
int	page_reviews(struct req *, struct tmpl *, long long room_id, long long event_id,
	    const struct review_summary *known, const char *back);

/* The types of booking events (NULL-terminated) and their names on pages. */
extern const char *const page_event_types[];
const char *page_event_label(const char *type);

/* The QR code of text as SVG path data, in a square of *size modules. */
int	page_qr(struct req *, const char *text, const char **path, int *size);
/* A confirmed booking's ticket in t's TICKET section: its code, and the
 * code as a QR code (QR_PATH, QR_SIZE); nothing for other bookings. */
int	page_ticket(struct req *, struct tmpl *, const struct booking *);

/* An admin page: page_begin() with the admin navigation, its current
 * section marked. */
struct tmpl *page_admin_begin(struct req *, const char *file, const char *title);
/* Whether a checkbox's field says yes (a box sends its value first; an
 * unticked one leaves only the hidden "0" after it). */
int	page_flag_on(struct form *, const char *field);
/* A price before tax as people read it: "€10.00 + tax" when taxed and
 * prices do not include the tax, else the amount alone. */
const char *page_price_net(struct req *, long long cents, int taxed);
/* The discount code field of a booking or checkout form: what was sent,
 * and a refusal of the code (DISCOUNT_*) under it. */
void	page_discount_field(struct req *, struct tmpl *form, int refused);
/* The tax_percent setting as people read it: "19 %", "7,7 %" in German. */
const char *page_tax_rate(struct req *);
/* BASE_PRICE, TOTAL_PRICE, and DISCOUNTED (DISCOUNT_AMOUNT) and TAXED
 * (TAX_AMOUNT, TAX_RATE, INCLUDED when prices include it, else EXCLUDED)
 * when there are. */
void	page_price_parts(struct req *, struct tmpl *, long long base, long long discount,
	    long long tax, long long total);
/* Where to go after a form that may carry a "back" field: that path when
 * it stays on this site, else def; flash ("saved=1"), when given, is added
 * to its query. */
const char *page_back(struct req *, const char *def, const char *flash);

/* Shows the message the "done" parameter names (a redirect's flash) from
 * { value, message } pairs ending with { NULL, NULL }, as DONE. */
void	page_done(struct req *, struct tmpl *, const char *const (*messages)[2]);
/* After an admin save (admin.h) that did not fail outright: 0 when it was
 * saved, else the status to show the form again with: 400 (INVALID: fields
 * to fix) or 409 (CONFLICT or OVERLAPS: refused). */
int	page_admin_refused(int rc);

/* An admin family edited through one form (rooms, events, timeslots): its
 * page at path/{id}, created by a POST to path and changed by one to
 * path/{id}. */
struct page_admin_form {
	const char	*what;		/* "room", as in "There is no room 7." */
	const char	*path;		/* "/admin/rooms" */
	const char	*saved;		/* the flash after a change: "saved" */
	size_t		 size;		/* of the thing loaded */
	/* The thing the path's id names, or a 404 sent (NOT_FOUND), or ERR. */
	int		(*load)(struct req *, long long *id, void *thing);
	/* Reads the form and saves it (*id 0 creates); admin.h's results. */
	int		(*save)(struct req *, struct form *, long long *id);
	/* The form: a new one (thing NULL), or the thing's page. */
	int		(*page)(struct req *, const void *thing, struct form *,
			    int status);
};

/* GET path/new, GET path/{id}, POST path and POST path/{id}: the form, the
 * same form again with what was typed and the problems, or on to the saved
 * thing's page with done=created, or after a change (to the form's "back"
 * when it sent one) with done=saved. */
int	page_admin_new(struct req *, const struct page_admin_form *);
int	page_admin_edit(struct req *, const struct page_admin_form *);
int	page_admin_create(struct req *, const struct page_admin_form *);
int	page_admin_update(struct req *, const struct page_admin_form *);
/* Those four as the handlers prefix_new_form, prefix_create, prefix_edit
 * and prefix_update (handlers.h) of the family form describes. */
#define PAGE_ADMIN_HANDLERS(prefix, form) \
	int prefix##_new_form(struct req *r) { return page_admin_new(r, &(form)); } \
	int prefix##_create(struct req *r) { return page_admin_create(r, &(form)); } \
	int prefix##_edit(struct req *r) { return page_admin_edit(r, &(form)); } \
	int prefix##_update(struct req *r) { return page_admin_update(r, &(form)); }
/* Every room by name, inactive ones marked, as options of a select (the
 * names the worker keeps: admin_filter_names). */
int	page_room_options(struct req *, struct tmpl *, const char *section,
	    const char *current);
/* One room of those, its name marked when the room is inactive. */
void	page_room_option(struct req *, struct tmpl *, const char *section, long long id,
	    const char *name, int active, const char *current);
/* "a=1&b=x%20y" from the request's non-empty values of keys (NULL-ended),
 * for links that keep a filter. */
const char *page_query(struct req *, const char *const *keys);
/* What a lock-out tells the person locked out, wait seconds long (with
 * its Retry-After header). */
const char *page_locked(struct req *, long long wait);

/* The FEED section: whether the user has a live calendar feed (of room_id,
 * 0: of their bookings) and since when (pages/feeds.c). */
int	page_feed_status(struct req *, struct tmpl *, long long room_id);
/* One CSV cell (RFC 4180) and its "," or line end: text quoted and kept
 * from being run as a spreadsheet formula, numbers (text 0) as they are. */
struct buf;
void	page_csv_cell(struct buf *, const char *v, int text, int last);

/* A report's table (pages/admin_reports.c: "revenue-day", ...) over the
 * local days [from, to] of every room, with its charts and CSV link, as
 * one section of t (templates/report_table.tpl). */
int	page_report(struct req *, struct tmpl *, const char *section,
	    const char *table, const char *from, const char *to);

/* A fresh session for user_id replacing the request's one, its cookie set
 * (pages/account.c). */
int	page_session_start(struct req *, long long user_id);
/* The second step of a login whose password was right (pages/mfa.c): when
 * the account needs a code or an enrolment, *asked is set and the reply is
 * the redirect there. */
int	page_mfa_login(struct req *, long long user_id, int *asked);

#endif
