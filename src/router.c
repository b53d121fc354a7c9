/* router.c: maps a URL to its handler and does the shared checks first */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/config.h"
#include "core/lang.h"
#include "core/result.h"
#include "db/db.h"
#include "domain/auth.h"
#include "handlers.h"
#include "http/request.h"
#include "router.h"

static const struct route routes[] = {
	{ "GET",  "/",				home_show,		PUBLIC_PAGE },
	{ "GET",  "/rooms",			rooms_list,		PUBLIC_PAGE },
	{ "GET",  "/rooms/{id}",		room_show,		PUBLIC_PAGE },
	{ "GET",  "/rooms/{id}/week",		room_week,		PUBLIC_PAGE },
	{ "GET",  "/rooms/{id}/month",		room_month,		PUBLIC_PAGE },
	{ "POST", "/rooms/{id}/day",		room_day_submit,	NEED_USER },
	{ "POST", "/rooms/{id}/month",		room_month_submit,	NEED_USER },
	{ "GET",  "/events",			events_list,		PUBLIC_PAGE },
	{ "GET",  "/events/{id}",		event_show,		PUBLIC_PAGE },
	{ "GET",  "/timeslots/{id}",		timeslot_show,		PUBLIC_PAGE },
	{ "POST", "/bookings",			booking_new,		NEED_USER },
	{ "GET",  "/timeslots/{id}/guest",	guest_form,		0 },
	{ "POST", "/timeslots/{id}/guest",	guest_submit,		0 },
	{ "GET",  "/guest/verify/{token}",	guest_verify_form,	0 },
	{ "POST", "/guest/verify/{token}",	guest_verify_submit,	OWN_SECRET },
	{ "GET",  "/b/{token}",			guest_manage_show,	0 },
	{ "GET",  "/b/{token}/cancel",		guest_cancel_form,	0 },
	{ "POST", "/b/{token}/cancel",		guest_cancel_submit,	OWN_SECRET },
	{ "GET",  "/b/{token}/reschedule",	guest_reschedule_form,	0 },
	{ "POST", "/b/{token}/reschedule",	guest_reschedule_submit, OWN_SECRET },
	{ "GET",  "/b/{token}/calendar.ics",	guest_ics,		0 },
	{ "GET",  "/b/{token}/receipt",		guest_receipt,		0 },
	{ "POST", "/b/{token}/revoke",		guest_revoke_submit,	OWN_SECRET },
	{ "POST", "/timeslots/{id}/waitlist",	waitlist_join_submit,	NEED_USER },
	{ "POST", "/timeslots/{id}/waitlist/leave", waitlist_leave_submit, NEED_USER },
	{ "GET",  "/timeslots/{id}/repeat",	series_repeat_show,	NEED_USER },
	{ "POST", "/bookings/recurring",	series_book_submit,	NEED_USER },
	{ "GET",  "/series/{id}",		series_show,		NEED_USER },
	{ "POST", "/series/{id}/cancel",	series_cancel_submit,	NEED_USER },
	{ "GET",  "/bookings/{id}",		booking_show,		NEED_USER },
	{ "GET",  "/bookings/{id}/calendar.ics", booking_ics,		NEED_USER },
	{ "GET",  "/bookings/{id}/cancel",	booking_cancel_form,	NEED_USER },
	{ "POST", "/bookings/{id}/cancel",	booking_cancel_submit,	NEED_USER },
	{ "POST", "/bookings/{id}/reactivate",	booking_reactivate_submit, NEED_USER },
	{ "GET",  "/bookings/{id}/reschedule",	booking_reschedule_form, NEED_USER },
	{ "POST", "/bookings/{id}/reschedule",	booking_reschedule_submit, NEED_USER },
	{ "GET",  "/cart",			cart_show,		NEED_USER },
	{ "POST", "/cart/items",		cart_item_add,		NEED_USER },
	{ "POST", "/cart/items/{id}/remove",	cart_item_remove,	NEED_USER },
	{ "POST", "/cart/clear",		cart_clear_submit,	NEED_USER },
	{ "POST", "/cart/checkout",		cart_checkout_submit,	NEED_USER },
	{ "GET",  "/orders/{id}",		order_show,		NEED_USER },
	{ "GET",  "/orders/{id}/receipt",	order_receipt,		NEED_USER },
	{ "POST", "/orders/{id}/cancel",	order_cancel_submit,	NEED_USER },
	{ "POST", "/events/{id}/enrol",		event_enrol_submit,	NEED_USER },
	{ "GET",  "/events/{id}/appointments",	appointments_show,	0 },
	{ "POST", "/events/{id}/appointments",	appointment_submit,	NEED_USER },
	{ "POST", "/bookings/{id}/check-in",	booking_check_in_submit, NEED_USER },
	{ "POST", "/bookings/{id}/check-out",	booking_check_out_submit, NEED_USER },
	{ "POST", "/bookings/{id}/review",	booking_review_submit,	NEED_USER },
	{ "GET",  "/packages",			packages_show,		0 },
	{ "POST", "/packages/{id}/buy",		package_buy_submit,	NEED_USER },
	{ "POST", "/credits/{id}/schedule",	credit_schedule_submit,	NEED_USER },
	{ "GET",  "/notifications",		notifications_show,	NEED_USER },
	{ "POST", "/notifications/read",	notifications_read,	NEED_USER },
	{ "GET",  "/register",			register_form,		0 },
	{ "POST", "/register",			register_submit,	0 },
	{ "GET",  "/register/confirm/{token}",	register_confirm_form,	0 },
	{ "POST", "/register/confirm/{token}",	register_confirm_submit, OWN_SECRET },
	{ "GET",  "/password/forgot",		password_forgot_form,	0 },
	{ "POST", "/password/forgot",		password_forgot_submit,	0 },
	{ "GET",  "/password/reset/{token}",	password_reset_form,	0 },
	{ "POST", "/password/reset/{token}",	password_reset_submit,	0 },
	{ "GET",  "/login",			login_form,		0 },
	{ "POST", "/login",			login_submit,		0 },
	{ "GET",  "/login/code",		login_code_form,	0 },
	{ "POST", "/login/code",		login_code_submit,	0 },
	{ "GET",  "/login/enrol",		login_enrol_form,	0 },
	{ "POST", "/login/enrol",		login_enrol_submit,	0 },
	{ "POST", "/logout",			logout,			0 },
	{ "GET",  "/language",			language_choose,	0 },
	{ "POST", "/language",			language_choose,	0 },
	{ "GET",  "/me",			me_show,		NEED_USER },
	{ "GET",  "/account",			account_show,		NEED_USER },
	{ "POST", "/account/name",		account_name,		NEED_USER },
	{ "POST", "/account/password",		account_password,	NEED_USER },
	{ "POST", "/account/tokens",		account_token_new,	NEED_USER },
	{ "POST", "/account/reminders",		account_reminders,	NEED_USER },
	{ "POST", "/account/sms",		account_sms,		NEED_USER },
	{ "POST", "/account/calendar",		account_feed_new,	NEED_USER },
	{ "POST", "/account/calendar/revoke",	account_feed_revoke,	NEED_USER },
	{ "GET",  "/calendar/{feed}",		calendar_feed,		0 },
	{ "GET",  "/unsubscribe/{token}",	unsubscribe_form,	0 },
	{ "POST", "/unsubscribe/{token}",	unsubscribe_submit,	OWN_SECRET },
	{ "POST", "/account/tokens/{id}/revoke", account_token_revoke,	NEED_USER },
	{ "GET",  "/account/two-factor",	mfa_show,		NEED_USER },
	{ "POST", "/account/two-factor/setup",	mfa_setup,		NEED_USER },
	{ "POST", "/account/two-factor/enable",	mfa_enable,		NEED_USER },
	{ "POST", "/account/two-factor/disable", mfa_disable_submit,	NEED_USER },
	{ "POST", "/account/two-factor/recovery", mfa_recovery_submit,	NEED_USER },
	{ "GET",  "/admin",			admin_overview,		NEED_ADMIN },
	{ "GET",  "/admin/checkin",		admin_checkin_form,	NEED_STAFF },
	{ "POST", "/admin/checkin",		admin_checkin_submit,	NEED_STAFF },
	{ "GET",  "/admin/audit",		admin_audit,		NEED_ADMIN },
	{ "GET",  "/admin/calendar",		admin_calendar,		NEED_ADMIN },
	{ "GET",  "/admin/reports",		admin_reports,		NEED_ADMIN },
	{ "GET",  "/admin/reports.csv",		admin_reports_csv,	NEED_ADMIN },
	{ "GET",  "/admin/rooms",		admin_rooms_list,	NEED_ADMIN },
	{ "GET",  "/admin/discounts",		admin_discounts_page,	NEED_ADMIN },
	{ "POST", "/admin/discounts",		admin_discount_create,	NEED_ADMIN },
	{ "POST", "/admin/rooms",		admin_room_create,	NEED_ADMIN },
	{ "GET",  "/admin/rooms/new",		admin_room_new_form,	NEED_ADMIN },
	{ "GET",  "/admin/rooms/{id}",		admin_room_edit,	NEED_ADMIN },
	{ "POST", "/admin/rooms/{id}",		admin_room_update,	NEED_ADMIN },
	{ "GET",  "/admin/rooms/{id}/hours",	admin_room_hours,	NEED_ADMIN },
	{ "POST", "/admin/rooms/{id}/hours",	admin_room_hours_save,	NEED_ADMIN },
	{ "POST", "/admin/rooms/{id}/active",	admin_room_active,	NEED_ADMIN },
	{ "GET",  "/admin/rooms/{id}/generate",	admin_room_generate_form, NEED_ADMIN },
	{ "POST", "/admin/rooms/{id}/generate",	admin_room_generate,	NEED_ADMIN },
	{ "POST", "/admin/rooms/{id}/calendar",	admin_room_feed_new,	NEED_ADMIN },
	{ "POST", "/admin/rooms/{id}/calendar/revoke", admin_room_feed_revoke, NEED_ADMIN },
	{ "POST", "/admin/timeslots",		admin_slot_create,	NEED_ADMIN },
	{ "GET",  "/admin/timeslots/new",	admin_slot_new_form,	NEED_ADMIN },
	{ "GET",  "/admin/timeslots/{id}",	admin_slot_edit,	NEED_ADMIN },
	{ "POST", "/admin/timeslots/{id}",	admin_slot_update,	NEED_ADMIN },
	{ "POST", "/admin/timeslots/{id}/cancel", admin_slot_cancel_submit, NEED_ADMIN },
	{ "GET",  "/admin/events",		admin_events_list,	NEED_ADMIN },
	{ "POST", "/admin/events",		admin_event_create,	NEED_ADMIN },
	{ "GET",  "/admin/events/new",		admin_event_new_form,	NEED_ADMIN },
	{ "GET",  "/admin/events/{id}",		admin_event_edit,	NEED_ADMIN },
	{ "POST", "/admin/events/{id}",		admin_event_update,	NEED_ADMIN },
	{ "POST", "/admin/events/{id}/sessions", admin_event_session_add, NEED_ADMIN },
	{ "POST", "/admin/events/{id}/publish",	admin_event_publish_submit, NEED_ADMIN },
	{ "GET",  "/admin/bookings",		admin_bookings_list,	NEED_ADMIN },
	{ "GET",  "/admin/bookings.csv",	admin_bookings_csv,	NEED_ADMIN },
	{ "GET",  "/admin/bookings/{id}",	admin_booking_show,	NEED_ADMIN },
	{ "POST", "/admin/bookings/{id}/confirm", admin_booking_confirm, NEED_ADMIN },
	{ "POST", "/admin/bookings/{id}/cancel", admin_booking_cancel,	NEED_ADMIN },
	{ "POST", "/admin/bookings/{id}/complete", admin_booking_complete, NEED_ADMIN },
	{ "POST", "/admin/bookings/{id}/no-show", admin_booking_no_show, NEED_ADMIN },
	{ "POST", "/admin/bookings/{id}/check-in", admin_booking_check_in, NEED_ADMIN },
	{ "POST", "/admin/bookings/{id}/check-out", admin_booking_check_out, NEED_ADMIN },
	{ "POST", "/admin/bookings/{id}/approve", admin_booking_approve, NEED_ADMIN },
	{ "POST", "/admin/bookings/{id}/decline", admin_booking_decline, NEED_ADMIN },
	{ "POST", "/admin/reviews/{id}/hide",	admin_review_hide,	NEED_ADMIN },
	{ "GET",  "/admin/users",		admin_users,		NEED_ADMIN },
	{ "GET",  "/admin/quotas",		admin_quotas,		NEED_ADMIN },
	{ "POST", "/admin/quotas",		admin_quotas_save,	NEED_ADMIN },
	{ "GET",  "/admin/packages",		admin_packages,		NEED_ADMIN },
	{ "POST", "/admin/packages",		admin_package_create,	NEED_ADMIN },
	{ "POST", "/admin/packages/{id}/items",	admin_package_item_save, NEED_ADMIN },
	{ "GET",  "/admin/mail",		admin_mail,		NEED_ADMIN },
	{ "POST", "/admin/mail/{id}/retry",	admin_mail_retry,	NEED_ADMIN },
	{ "POST", "/admin/users/{id}/role",	admin_user_role,	NEED_ADMIN },
	{ "GET",  "/healthz",			status_healthz,		0 },
	{ "GET",  "/ping",			status_ping,		0 },
	{ "POST", "/api/v1/auth/login",		api_login,		0 },
	{ "POST", "/api/v1/auth/register",	api_register,		0 },
	{ "DELETE", "/api/v1/auth/token",	api_token_revoke,	NEED_USER },
	{ "GET",  "/api/v1/me",			api_me,			NEED_USER },
	{ "PATCH", "/api/v1/account",		api_account_update,	NEED_USER },
	{ "POST", "/api/v1/bookings",		api_booking_create,	NEED_USER },
	{ "POST", "/api/v1/guest/bookings",	api_guest_book,		0 },
	{ "GET",  "/api/v1/guest/bookings/{token}", api_guest_show,	0 },
	{ "PUT",  "/api/v1/guest/bookings/{token}/cancel", api_guest_cancel, OWN_SECRET },
	{ "GET",  "/api/v1/bookings",		api_bookings_list,	NEED_USER },
	{ "POST", "/api/v1/timeslots/{id}/waitlist", api_waitlist_join,	NEED_USER },
	{ "DELETE", "/api/v1/timeslots/{id}/waitlist", api_waitlist_leave, NEED_USER },
	{ "GET",  "/api/v1/waitlist",		api_waitlist_list,	NEED_USER },
	{ "POST", "/api/v1/bookings/recurring",	api_series_create,	NEED_USER },
	{ "POST", "/api/v1/bookings/day",	api_booking_day,	NEED_USER },
	{ "POST", "/api/v1/bookings/month",	api_booking_month,	NEED_USER },
	{ "POST", "/api/v1/bookings/recurring/preview", api_series_preview, NEED_USER },
	{ "GET",  "/api/v1/bookings/recurring/{id}", api_series_show,	NEED_USER },
	{ "PUT",  "/api/v1/bookings/recurring/{id}/cancel", api_series_cancel, NEED_USER },
	{ "GET",  "/api/v1/bookings/{id}",	api_booking_show,	NEED_USER },
	{ "PUT",  "/api/v1/bookings/{id}/cancel", api_booking_cancel,	NEED_USER },
	{ "POST", "/api/v1/bookings/{id}/reactivate", api_booking_reactivate, NEED_USER },
	{ "POST", "/api/v1/bookings/{id}/reschedule", api_booking_reschedule, NEED_USER },
	{ "POST", "/api/v1/bookings/{id}/check-in", api_booking_check_in, NEED_USER },
	{ "POST", "/api/v1/bookings/{id}/check-out", api_booking_check_out, NEED_USER },
	{ "POST", "/api/v1/bookings/{id}/review", api_booking_review,	NEED_USER },
	{ "GET",  "/api/v1/reviews",		api_reviews_list,	0 },
	{ "POST", "/api/v1/admin/reviews/{id}/hide", api_admin_review_hide, NEED_ADMIN },
	{ "GET",  "/api/v1/packages",		api_packages_list,	0 },
	{ "POST", "/api/v1/packages/{id}/buy",	api_package_buy,	NEED_USER },
	{ "GET",  "/api/v1/credits",		api_credits_list,	NEED_USER },
	{ "POST", "/api/v1/credits/{id}/schedule", api_credit_schedule,	NEED_USER },
	{ "POST", "/api/v1/admin/packages",	api_admin_package_create, NEED_ADMIN },
	{ "PUT",  "/api/v1/admin/packages/{id}/items", api_admin_package_item, NEED_ADMIN },
	{ "GET",  "/api/v1/cart",		api_cart_show,		NEED_USER },
	{ "DELETE", "/api/v1/cart",		api_cart_clear,		NEED_USER },
	{ "POST", "/api/v1/cart/items",		api_cart_add,		NEED_USER },
	{ "DELETE", "/api/v1/cart/items/{id}",	api_cart_remove,	NEED_USER },
	{ "POST", "/api/v1/cart/checkout",	api_cart_checkout,	NEED_USER },
	{ "GET",  "/api/v1/orders",		api_orders_list,	NEED_USER },
	{ "GET",  "/api/v1/orders/{id}",	api_order_show,		NEED_USER },
	{ "POST", "/api/v1/orders/{id}/cancel",	api_order_cancel,	NEED_USER },
	{ "POST", "/api/v1/events/{id}/enrol",	api_event_enrol,	NEED_USER },
	{ "GET",  "/api/v1/events/{id}/appointments", api_appointments_list, 0 },
	{ "POST", "/api/v1/events/{id}/appointments", api_appointment_book, NEED_USER },
	{ "PUT",  "/api/v1/admin/rooms/{id}/hours", api_admin_room_hours, NEED_ADMIN },
	{ "POST", "/api/v1/admin/rooms",	api_admin_room_create,	NEED_ADMIN },
	{ "PATCH", "/api/v1/admin/rooms/{id}",	api_admin_room_update,	NEED_ADMIN },
	{ "POST", "/api/v1/admin/timeslots",	api_admin_slot_create,	NEED_ADMIN },
	{ "PATCH", "/api/v1/admin/timeslots/{id}", api_admin_slot_update, NEED_ADMIN },
	{ "POST", "/api/v1/admin/timeslots/generate", api_admin_generate, NEED_ADMIN },
	{ "POST", "/api/v1/admin/events",	api_admin_event_create,	NEED_ADMIN },
	{ "GET",  "/api/v1/admin/events",	api_admin_events_list,	NEED_ADMIN },
	{ "GET",  "/api/v1/admin/events/{id}",	api_admin_event_show,	NEED_ADMIN },
	{ "GET",  "/api/v1/admin/rooms",	api_admin_rooms_list,	NEED_ADMIN },
	{ "GET",  "/api/v1/admin/discounts",	api_admin_discounts_list, NEED_ADMIN },
	{ "POST", "/api/v1/admin/discounts",	api_admin_discount_create, NEED_ADMIN },
	{ "PATCH", "/api/v1/admin/discounts/{id}", api_admin_discount_update, NEED_ADMIN },
	{ "GET",  "/api/v1/admin/timeslots",	api_admin_slots_list,	NEED_ADMIN },
	{ "GET",  "/api/v1/admin/timeslots/{id}", api_timeslot_show,	NEED_ADMIN },
	{ "POST", "/api/v1/admin/timeslots/{id}/cancel", api_admin_slot_cancel, NEED_ADMIN },
	{ "GET",  "/api/v1/admin/users",	api_admin_users,	NEED_ADMIN },
	{ "POST", "/api/v1/admin/users/{id}/role", api_admin_user_role,	NEED_ADMIN },
	{ "GET",  "/api/v1/admin/bookings",	api_admin_bookings,	NEED_ADMIN },
	{ "GET",  "/api/v1/admin/quotas",	api_admin_quotas,	NEED_ADMIN },
	{ "PUT",  "/api/v1/admin/quotas",	api_admin_quota_save,	NEED_ADMIN },
	{ "POST", "/api/v1/admin/bookings/{id}/confirm", api_admin_booking_confirm, NEED_ADMIN },
	{ "POST", "/api/v1/admin/bookings/{id}/cancel", api_booking_cancel,	NEED_ADMIN },
	{ "POST", "/api/v1/admin/bookings/{id}/complete", api_admin_booking_complete, NEED_ADMIN },
	{ "POST", "/api/v1/admin/bookings/{id}/no-show", api_admin_booking_no_show, NEED_ADMIN },
	{ "POST", "/api/v1/admin/bookings/{id}/check-in", api_admin_booking_check_in, NEED_ADMIN },
	{ "POST", "/api/v1/admin/checkin",	api_admin_checkin,	NEED_STAFF },
	{ "POST", "/api/v1/admin/bookings/{id}/check-out", api_admin_booking_check_out, NEED_ADMIN },
	{ "PUT",  "/api/v1/admin/bookings/{id}/approve", api_admin_booking_approve, NEED_ADMIN },
	{ "PUT",  "/api/v1/admin/bookings/{id}/decline", api_admin_booking_decline, NEED_ADMIN },
	{ "POST", "/api/v1/payments/webhook",	api_payment_webhook,	OWN_SECRET },
	{ "GET",  "/api/v1/rooms",		api_rooms_list,		0 },
	{ "GET",  "/api/v1/rooms/{id}",		api_room_show,		0 },
	{ "GET",  "/api/v1/rooms/{id}/timeslots", api_room_timeslots,	0 },
	{ "GET",  "/api/v1/calendar",		api_calendar,		0 },
	{ "GET",  "/api/v1/events",		api_events_list,	0 },
	{ "GET",  "/api/v1/events/{id}",	api_event_show,		0 },
	{ "GET",  "/api/v1/timeslots/{id}",	api_timeslot_show,	0 },
	{ "GET",  "/api/v1/notifications",	api_notifications,	NEED_USER },
	{ "POST", "/api/v1/notifications/read",	api_notifications_read,	NEED_USER },
	{ "GET",  "/api/v1/openapi.json",	api_openapi,		0 },
	{ "GET",  "/api/docs",			api_docs,		0 },
};

#define NROUTES ((int)(sizeof(routes) / sizeof(routes[0])))

const struct route *
router_routes(int *n)
{
	*n = NROUTES;
	return routes;
}

/* Compares one pattern with the path, segment by segment, collecting
 * {name} captures into caps. Returns 1 on a match. */
static int
match_path(struct req *r, const char *pat, const char *path, struct kvlist *caps)
{
	const char *pe, *se, *close;
	char *val;

	caps->n = 0;
	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return 0;
		pat++;
		path++;
		pe = strchr(pat, '/');
		se = strchr(path, '/');
		if (pe == NULL)
			pe = pat + strlen(pat);
		if (se == NULL)
			se = path + strlen(path);
		if (*pat == '{') {
			close = memchr(pat, '}', (size_t)(pe - pat));
			if (close == NULL || se == path)
				return 0;
			val = url_decode(r->arena, path, (size_t)(se - path), 0);
			if (val == NULL)
				return 0;
			kv_add(r->arena, caps,
			    arena_strndup(r->arena, pat + 1, (size_t)(close - pat - 1)), val);
		} else if (pe - pat != se - path || memcmp(pat, path, (size_t)(pe - pat)) != 0)
			return 0;
		pat = pe;
		path = se;
	}
	return *pat == '\0' && *path == '\0';
}

const struct route *
router_match(struct req *r, const struct route *table, int n, int *status,
    char *allow, int allowlen)
{
	const char *method = r->head ? "GET" : r->method;
	struct kvlist caps = { NULL, 0, 0 };
	int i, j, found = 0;
	size_t used = 0;

	*allow = '\0';
	for (i = 0; i < n; i++) {
		if (!match_path(r, table[i].pattern, r->path, &caps))
			continue;
		found = 1;
		if (strcmp(table[i].method, method) == 0) {
			for (j = 0; j < caps.n; j++)
				kv_add(r->arena, &r->params, caps.v[j].key, caps.v[j].val);
			return &table[i];
		}
		if (used < (size_t)allowlen)
			used += (size_t)snprintf(allow + used, (size_t)allowlen - used,
			    "%s%s%s", used ? ", " : "", table[i].method,
			    strcmp(table[i].method, "GET") == 0 ? ", HEAD" : "");
	}
	*status = found ? 405 : 404;
	return NULL;
}

static int
bearer_refused(struct req *r, const char *why)
{
	reply_header(r, "WWW-Authenticate: Bearer");
	return reply_error(r, 401, "invalid_token", "%s", why);
}

/* Who is asking: a bearer token, else the session cookie, else nobody.
 * A bearer token that is not valid is answered 401. */
static int
identify(struct req *r)
{
	const char *authz = req_env(r, "HTTP_AUTHORIZATION"), *bearer = NULL;
	struct identity who;
	int rc;

	if (authz != NULL && *authz != '\0') {
		if (strncasecmp(authz, "Bearer ", 7) != 0)
			return bearer_refused(r, _("Use \"Authorization: Bearer <token>\"."));
		bearer = authz + 7;
	}
	rc = auth_identify(r->db, r->arena, bearer, req_cookie(r, SESSION_COOKIE), &who);
	if (rc == INVALID)
		return bearer_refused(r, _("The API token is not valid."));
	if (rc == NOT_FOUND)
		return bearer_refused(r, _("The API token is not valid, has expired or was revoked."));
	if (rc != OK)
		return ERR;
	r->user = who.user;
	r->session = who.session;
	r->csrf = who.csrf;
	r->bearer = who.bearer;
	r->token_id = who.token_id;
	return OK;
}

/* The CSRF token this page's forms carry: the session's, else the one of
 * the visitor's cookie, set now when missing. The API has no forms. */
static void
csrf_token(struct req *r)
{
	int fresh;

	if (r->csrf != NULL || r->api || r->bearer)
		return;
	r->csrf = auth_csrf_token(r->arena, req_cookie(r, CSRF_COOKIE), &fresh);
	if (fresh)
		reply_cookie(r, CSRF_COOKIE, r->csrf, -1);
}

/*
 * A session's requests must carry its token. Visitors' forms (log in,
 * register) carry the token of their CSRF cookie, so another site cannot
 * log a browser into its own account. API calls with a bearer token, or
 * with no credentials at all, have nothing a forger could borrow.
 */
static int
csrf_check(struct req *r)
{
	const char *given;

	if (r->bearer || (r->session == NULL && r->api))
		return OK;
	given = req_env(r, "HTTP_X_CSRF_TOKEN");
	if (given == NULL || *given == '\0')
		given = kv_get(&r->params, "csrf");
	if (auth_csrf_matches(given, r->session ? r->csrf : req_cookie(r, CSRF_COOKIE)))
		return OK;
	return reply_error(r, 403, "csrf_failed",
	    "This form has expired or did not come from this site. Reload the page and try again.");
}

/* Pages send visitors to log in and come back; the API says 401. */
static int
need_login(struct req *r)
{
	const char *back;

	if (r->api) {
		reply_header(r, "WWW-Authenticate: Bearer");
		return reply_error(r, 401, "unauthenticated",
		    "Log in first: send a session cookie or a bearer token.");
	}
	back = *r->query ? arena_printf(r->arena, "%s?%s", r->path, r->query) : r->path;
	if (strcmp(r->method, "GET") != 0 && !r->head)
		back = "/me";
	return reply_redirect(r, arena_printf(r->arena, "/login?next=%s",
	    url_encode(r->arena, back)));
}

/* The test stack's fault switches (config.h test_faults), armed just
 * before the handler so the failure lands after it has started:
 * X-Test-Fail-Statement: N, X-Test-Break-Session: N[,K] (the Nth statement
 * answers as a broken server session does, db.c session_broken, and the K - 1
 * tries after it too: 2 renews the session, then tries the next node),
 * X-Test-Begin-In-Vain: N (the first N starts of a transaction answer as
 * one that waited in vain for its Galera node, 1205) and
 * X-Test-Lose-Commit: 1 (commits go through and their answers are
 * "lost"). */
static void
test_fault(struct req *r, int arm)
{
	const char *n = req_env(r, "HTTP_X_TEST_FAIL_STATEMENT");
	const char *brk = req_env(r, "HTTP_X_TEST_BREAK_SESSION");
	const char *lose = req_env(r, "HTTP_X_TEST_LOSE_COMMIT");
	const char *vain = req_env(r, "HTTP_X_TEST_BEGIN_IN_VAIN");

	db_fail_from(r->db, arm && n != NULL ? atoi(n) : 0);
	db_break_session(r->db, arm && brk != NULL ? atoi(brk) : 0,
	    brk != NULL && strchr(brk, ',') != NULL ? atoi(strchr(brk, ',') + 1) : 1);
	db_lose_commit(r->db, arm && lose != NULL && strcmp(lose, "1") == 0);
	db_begins_in_vain(r->db, arm && vain != NULL ? atoi(vain) : 0);
}

int
router_dispatch(struct req *r)
{
	const struct route *rt;
	char allow[128];
	int status;

	if (cfg.test_faults)
		test_fault(r, 0);
	/* Who is asking matters to every page, error pages too. */
	if (identify(r) != OK)
		return ERR;
	req_language(r);
	rt = router_match(r, routes, NROUTES, &status, allow, sizeof(allow));
	/* A visitor's public page has no form, so it makes no CSRF cookie:
	 * a reply that sets none is one nginx may cache for everyone. */
	if (rt == NULL || !(rt->flags & PUBLIC_PAGE) || r->user != NULL)
		csrf_token(r);
	if (rt == NULL) {
		if (status == 405) {
			reply_header(r, "Allow: %s", allow);
			return reply_error(r, 405, "method_not_allowed",
			    "%s is not allowed here; use %s.", r->method, allow);
		}
		return reply_error(r, 404, "not_found", "There is no page at this address.");
	}
	if (req_parse_body(r) != OK)
		return ERR;
	if (!r->head && strcmp(r->method, "GET") != 0 && !(rt->flags & OWN_SECRET) &&
	    csrf_check(r) != OK)
		return ERR;
	if ((rt->flags & NEED_USER) && r->user == NULL)
		return need_login(r);
	if ((rt->flags & NEED_ADMIN) == NEED_ADMIN && !r->user->admin)
		return reply_error(r, 403, "forbidden", "This needs an admin account.");
	if ((rt->flags & NEED_STAFF) == NEED_STAFF && !r->user->staff)
		return reply_error(r, 403, "forbidden", "This needs a staff or admin account.");
	/* Through an admin route even an admin's own booking is handled as
	 * an admin's (a cancellation refunds in full). */
	r->actor.user_id = r->user ? r->user->id : 0;
	r->actor.admin = r->user ? r->user->admin : 0;
	r->actor.admin_route = (rt->flags & NEED_ADMIN) == NEED_ADMIN;
	r->actor.address = req_env(r, "REMOTE_ADDR");
	if (cfg.test_faults)
		test_fault(r, 1);
	return rt->handler(r);
}
