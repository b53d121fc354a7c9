/* pages/account.c: register, log in, log out, the dashboard and the account page */
#include <string.h>

#include "core/config.h"
#include "core/fmt.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/account.h"
#include "domain/auth.h"
#include "domain/mail.h"
#include "domain/mfa.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

static const char *const register_fields[] = { "name", "email", NULL };
static const char *const login_fields[] = { "email", "next", NULL };

/* Where to go after logging in: the local path asked for, else the dashboard. */
static const char *
next_path(struct req *r)
{
	const char *next = kv_get(&r->params, "next");

	return local_path(next) ? next : "/me";
}

static void
session_set(struct req *r, const struct auth_session *s)
{
	reply_cookie(r, SESSION_COOKIE, s->token, s->max_age);
	r->session = s->hash;
	r->csrf = s->csrf;
}

int
page_session_start(struct req *r, long long user_id)
{
	struct auth_session s;

	memset(&s, 0, sizeof(s));	/* an output, but cppcheck's ctu reads it as used */
	if (auth_login_session(r->db, r->arena, &r->actor, r->session, user_id,
	    &s) != OK)
		return ERR;
	session_set(r, &s);
	return OK;
}

static int
register_page(struct req *r, struct form *f, int status)
{
	struct tmpl *t = page_begin(r, "register.tpl", _("Create an account"));
	struct tmpl *form = tmpl_section(t, "FORM");

	if (f != NULL)
		form_fill(f, form, register_fields);
	return page_end(r, status);
}

int
register_form(struct req *r)
{
	if (r->user != NULL)
		return reply_redirect(r, "/me");
	return register_page(r, NULL, 200);
}

/* The answer to every sign-up that passed, whether or not the address has
 * an account: only the mail tells which. */
int
register_submit(struct req *r)
{
	struct account_input in;
	struct tmpl *t;
	struct form f;
	int rc;

	if ((rc = input_register(r, &f, &in)) == INVALID)
		return register_page(r, &f, 400);
	if (rc != OK)
		return ERR;
	t = page_begin(r, "register.tpl", _("Check your mail"));
	t = tmpl_section(t, "SENT");
	tmpl_set(t, "EMAIL", in.email);
	tmpl_set_int(t, "HOURS", SIGNUP_HOURS);
	return page_end(r, 200);
}

/* A sign-up's link. A GET only asks (mail scanners follow links); the
 * button makes the account. */
static int
confirm_page(struct req *r, int status)
{
	struct tmpl *t = page_begin(r, "register.tpl", _("Confirm your address"));

	tmpl_set(tmpl_section(t, "CONFIRM"), "TOKEN", kv_get(&r->params, "token"));
	return page_end(r, status);
}

static int
confirm_refused(struct req *r)
{
	return reply_error(r, 404, "not_found", "This link is not valid: it was used "
	    "already, or is older than %d hours. Sign up again for a new one.",
	    SIGNUP_HOURS);
}

int
register_confirm_form(struct req *r)
{
	int rc = account_signup_find(r->db, r->arena, kv_get(&r->params, "token"));

	if (rc == NOT_FOUND)
		return confirm_refused(r);
	if (rc != OK)
		return ERR;
	return confirm_page(r, 200);
}

int
register_confirm_submit(struct req *r)
{
	int rc = account_confirm(r->db, &r->actor, kv_get(&r->params, "token"));

	if (rc == NOT_FOUND)
		return confirm_refused(r);
	if (rc == CONFLICT)
		return reply_redirect(r, "/login?registered=1");
	if (rc != OK)
		return ERR;
	return reply_redirect(r, "/login?confirmed=1");
}

static int
login_page(struct req *r, struct form *f, const char *notice, int status)
{
	struct tmpl *t = page_begin(r, "login.tpl", _("Log in"));
	const char *next = kv_get(&r->params, "next");

	if (f != NULL)
		form_fill(f, t, login_fields);
	else if (local_path(next))
		tmpl_set(t, "NEXT", next);
	if (notice != NULL)
		tmpl_set(tmpl_section(t, "NOTICE"), "MESSAGE", notice);
	return page_end(r, status);
}

/* The forgotten password's pages: section FORGOT (the email form), SENT
 * or RESET (the new password form of a link). */
static int
password_page(struct req *r, const char *section, struct form *f, int status)
{
	static const char *const fields[] = { "email", NULL };
	struct tmpl *t = page_begin(r, "password.tpl", strcmp(section, "RESET") == 0 ?
	    _("Choose a new password") : _("Forgot your password?"));
	struct tmpl *s = tmpl_section(t, section);

	tmpl_set_int(s, "MINUTES", RESET_MINUTES);
	tmpl_set(s, "TOKEN", kv_get(&r->params, "token"));
	if (f != NULL)
		form_fill(f, s, fields);
	return page_end(r, status);
}

int
password_forgot_form(struct req *r)
{
	if (r->user != NULL)
		return reply_redirect(r, "/account");
	return password_page(r, "FORGOT", NULL, 200);
}

/* The same answer whether or not the address has an account. */
int
password_forgot_submit(struct req *r)
{
	struct form f;
	const char *email, *problem;

	form_init(&f, r);
	email = form_text(&f, "email", "Email", EMAIL_MAX, 1);
	if (email != NULL && (problem = auth_email_problem(email)) != NULL)
		form_error(&f, "email", "Email %s.", problem);
	if (!form_ok(&f))
		return password_page(r, "FORGOT", &f, 400);
	if (account_reset_ask(r->db, &r->actor, email) != OK)
		return ERR;
	return password_page(r, "SENT", &f, 200);
}

static int
reset_refused(struct req *r)
{
	return reply_error(r, 404, "not_found", "This link is not valid: it was used "
	    "already, or is older than %d minutes. Ask for a new one.", RESET_MINUTES);
}

int
password_reset_form(struct req *r)
{
	struct account u;
	int rc = account_reset_find(r->db, r->arena, kv_get(&r->params, "token"), &u);

	if (rc == NOT_FOUND)
		return reset_refused(r);
	if (rc != OK)
		return ERR;
	return password_page(r, "RESET", NULL, 200);
}

int
password_reset_submit(struct req *r)
{
	struct form f;
	const char *pw;
	int rc;

	form_init(&f, r);
	pw = form_raw(&f, "password", "Password", PASSWORD_FIELD_MAX);
	if (!form_ok(&f))
		return password_page(r, "RESET", &f, 400);
	rc = account_reset(r->db, r->arena, &r->actor, kv_get(&r->params, "token"), pw,
	    &f.errors);
	if (rc == INVALID)
		return password_page(r, "RESET", &f, 400);
	if (rc == NOT_FOUND)
		return reset_refused(r);
	if (rc != OK)
		return ERR;
	return reply_redirect(r, "/login?reset=1");
}

/* What the login page says when a link sent the visitor there. */
static const char *const login_notices[][2] = {
	{ "expired", N_("The login took too long or was finished elsewhere. Log in again.") },
	{ "confirmed", N_("Your address is confirmed and your account is ready. Log in.") },
	{ "registered", N_("This address has an account already. Log in.") },
	{ "reset", N_("Your new password is set, and every session was logged out. Log in with it.") },
};

int
login_form(struct req *r)
{
	const char *notice = NULL;
	size_t i;

	if (r->user != NULL)
		return reply_redirect(r, next_path(r));
	for (i = 0; i < sizeof(login_notices) / sizeof(login_notices[0]); i++)
		if (kv_get(&r->params, login_notices[i][0]) != NULL)
			notice = _(login_notices[i][1]);
	return login_page(r, NULL, notice, 200);
}

int
login_submit(struct req *r)
{
	struct login_attempt in = { NULL, NULL, &r->actor, 0, 0 };
	struct form f;
	int asked;

	form_init(&f, r);
	in.email = form_text(&f, "email", "Email", EMAIL_MAX, 1);
	in.password = form_raw(&f, "password", "Password", PASSWORD_FIELD_MAX);
	if (!local_path(kv_get(&r->params, "next")))
		kv_set(r->arena, &r->params, "next", "");
	if (!form_ok(&f))
		return login_page(r, &f, NULL, 400);
	switch (auth_login(r->db, r->arena, &in)) {
	case LOGIN_OK:
		break;
	case LOGIN_LOCKED:
		return login_page(r, &f, page_locked(r, in.retry_after), 429);
	case LOGIN_FAILED:
		form_error(&f, "password", "The email or the password is not right.");
		return login_page(r, &f, NULL, 401);
	case LOGIN_UNCONFIRMED:
		return login_page(r, &f, UNCONFIRMED_TEXT, 403);
	default:
		return ERR;
	}
	if (page_mfa_login(r, in.user_id, &asked) != OK)
		return ERR;
	if (asked)
		return OK;
	if (page_session_start(r, in.user_id) != OK)
		return ERR;
	return reply_redirect(r, next_path(r));
}

int
logout(struct req *r)
{
	if (r->session != NULL && auth_session_end(r->db, r->session) != OK)
		return ERR;
	reply_cookie(r, SESSION_COOKIE, "", 0);
	return reply_redirect(r, "/");
}

static const char *const saved_messages[][2] = {
	{ "name", N_("Your name was changed.") },
	{ "password", N_("Your password was changed. Other sessions were logged out"
	    " and your API tokens revoked.") },
	{ "password_kept", N_("Your password was changed. Other sessions were logged"
	    " out; your personal API tokens still work.") },
	{ "revoked", N_("The token was revoked.") },
	{ "reminders_on", N_("Reminder mail is on.") },
	{ "reminders_off", N_("Reminder mail is off.") },
	{ "sms", N_("Your SMS reminder settings were saved.") },
	{ "feed_revoked", N_("Your calendar feed is stopped: its address no longer works.") },
};

static int
account_page(struct req *r, struct form *f, const char *new_token,
    const char *notice, int status)
{
	static const char *const fields[] = { "name", "token_name", "phone", NULL };
	struct tmpl *t, *row;
	struct api_token *tokens;
	struct account u;
	struct mfa_status mfa;
	const char *saved = kv_get(&r->params, "saved");
	size_t i;
	int n, ntokens, reminders;

	if (auth_token_list(r->db, r->arena, r->user->id, &tokens, &ntokens) != OK ||
	    mail_reminders_on(r->db, r->arena, r->user->id, &reminders) != OK ||
	    mfa_status(r->db, r->arena, r->user->id, &mfa) != OK ||
	    account_get(r->db, r->arena, r->user->id, &u) != OK)
		return ERR;
	t = page_begin(r, "account.tpl", _("Account"));
	tmpl_set(t, "NAME", r->user->name);
	tmpl_set(t, "EMAIL", r->user->email);
	tmpl_set(t, "ROLE", page_role_label(r->user->role));
	tmpl_set(t, "MFA_STATE", mfa.enabled ? C_("two-factor", "on") : C_("two-factor", "off"));
	if (reminders)
		tmpl_show(t, "REMINDERS_ON");
	if (cfg.sms_command[0] == '\0')
		tmpl_show(t, "SMS_UNSENT");
	if (f == NULL ? u.sms_reminders : form_sent(f, "smsReminders"))
		tmpl_show(t, "SMS_ON");
	if (f == NULL)
		tmpl_set(t, "PHONE", u.phone);
	else
		form_fill(f, t, fields);
	for (i = 0; saved != NULL && i < sizeof(saved_messages) / sizeof(saved_messages[0]); i++)
		if (strcmp(saved, saved_messages[i][0]) == 0)
			tmpl_set(tmpl_section(t, "SAVED"), "MESSAGE", _(saved_messages[i][1]));
	if (new_token != NULL)
		tmpl_set(tmpl_section(t, "NEW_TOKEN"), "TOKEN", new_token);
	if (notice != NULL)
		tmpl_set(tmpl_section(t, "NOTICE"), "MESSAGE", notice);
	/* Ticked unless the user unticked it on the form that came back. */
	if (f == NULL || !form_sent(f, "current_password") ||
	    form_sent(f, "revoke_tokens"))
		tmpl_show(t, "REVOKE_TOKENS");
	for (n = 0; n < ntokens; n++) {
		row = tmpl_section(t, "TOKEN_ROW");
		tmpl_set_int(row, "ID", tokens[n].id);
		tmpl_set(row, "TOKEN_NAME", tokens[n].name);
		tmpl_set(row, "CREATED", fmt_local(r->arena, tokens[n].created_at,
		    "%d %b %Y %H:%M"));
		tmpl_set(row, "LAST_USED", tokens[n].last_used_at ?
		    fmt_local(r->arena, tokens[n].last_used_at, FMT_WHEN) : _("never"));
		tmpl_set(row, "EXPIRES", tokens[n].expires_at ?
		    fmt_local(r->arena, tokens[n].expires_at, FMT_WHEN) : _("never"));
	}
	if (ntokens == 0)
		tmpl_show(t, "NO_TOKENS");
	if (page_feed_status(r, t, 0) != OK)
		return ERR;
	return page_end(r, status);
}

int
account_show(struct req *r)
{
	return account_page(r, NULL, NULL, NULL, 200);
}

int
account_name(struct req *r)
{
	struct form f;
	const char *name;
	int rc;

	form_init(&f, r);
	name = form_text(&f, "name", "Name", NAME_MAX_CHARS, 1);
	if ((rc = account_rename(r->db, r->user->id, name, &f.errors)) == INVALID)
		return account_page(r, &f, NULL, NULL, 400);
	if (rc != OK)
		return ERR;
	return reply_redirect(r, "/account?saved=name");
}

int
account_password(struct req *r)
{
	struct password_change in = { NULL, NULL, r->session, 0, 0 };
	struct auth_session s;
	struct form f;
	int rc;

	form_init(&f, r);
	in.current = form_raw(&f, "current_password", "Current password",
	    PASSWORD_FIELD_MAX);
	in.password = form_raw(&f, "new_password", "Password",
	    PASSWORD_FIELD_MAX);
	form_flag(&f, "revoke_tokens", &in.revoke_tokens);
	rc = account_change_password(r->db, r->arena, &r->actor, &in, &f.errors, &s);
	if (rc == INVALID)
		return account_page(r, &f, NULL, NULL, 400);
	if (rc == TOO_MANY_ATTEMPTS)
		return account_page(r, &f, NULL, page_locked(r, in.retry_after), 429);
	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found", "There is no such user.");
	if (rc != OK)
		return ERR;
	if (r->session != NULL)
		session_set(r, &s);
	return reply_redirect(r, in.revoke_tokens ? "/account?saved=password" :
	    "/account?saved=password_kept");
}

/* The new token is shown on this answer only, so it is not redirected:
 * storing it anywhere to show it after a redirect would defeat hashing. */
int
account_token_new(struct req *r)
{
	struct form f;
	const char *name;
	char *token;

	form_init(&f, r);
	name = form_text(&f, "token_name", "Token name", NAME_MAX_CHARS, 1);
	if (!form_ok(&f))
		return account_page(r, &f, NULL, NULL, 400);
	if (auth_token_create(r->db, r->arena, &r->actor, r->user->id, name, &token) != OK)
		return ERR;
	reply_header(r, "Cache-Control: no-store");
	return account_page(r, NULL, token, NULL, 201);
}

int
account_token_revoke(struct req *r)
{
	long long id;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	if ((rc = auth_token_revoke(r->db, &r->actor, r->user->id, id)) == NOT_FOUND)
		return reply_error(r, 404, "not_found", "You have no such token.");
	if (rc != OK)
		return ERR;
	return reply_redirect(r, "/account?saved=revoked");
}

/* The reminders checkbox: sent checked ("1") or not at all. */
int
account_reminders(struct req *r)
{
	const char *on = kv_get(&r->params, "reminders");
	int want = on != NULL && strcmp(on, "1") == 0;

	if (mail_set_reminders(r->db, r->user->id, want) != OK)
		return ERR;
	return reply_redirect(r, want ? "/account?saved=reminders_on" :
	    "/account?saved=reminders_off");
}

int
account_sms(struct req *r)
{
	struct sms_input in;
	struct form f;
	int rc;

	form_init(&f, r);
	input_sms(&f, 1, &in);
	if ((rc = account_set_sms(r->db, r->arena, r->user->id, &in, &f.errors)) == INVALID)
		return account_page(r, &f, NULL, NULL, 400);
	if (rc != OK)
		return ERR;
	return reply_redirect(r, "/account?saved=sms");
}

/* The link in every message. A GET only asks (mail scanners follow
 * links); the button, or a mail client's one-click POST (RFC 8058),
 * turns reminders off. */
static int
unsubscribe_page(struct req *r, int done, int status)
{
	const char *token = kv_get(&r->params, "token");
	struct tmpl *t = page_begin(r, "unsubscribe.tpl", _("Reminder mail"));

	tmpl_set(t, "TOKEN", token);
	tmpl_show(t, done ? "DONE" : "ASK");
	return page_end(r, status);
}

/* The token is 64 hex digits; anything else is no link of ours. */
static int
token_shape(const char *token)
{
	return token != NULL && strlen(token) == 64 &&
	    strspn(token, "0123456789abcdef") == 64;
}

int
unsubscribe_form(struct req *r)
{
	if (!token_shape(kv_get(&r->params, "token")))
		return reply_error(r, 404, "not_found", "This unsubscribe link is not valid.");
	return unsubscribe_page(r, 0, 200);
}

int
unsubscribe_submit(struct req *r)
{
	const char *token = kv_get(&r->params, "token");
	int rc = token_shape(token) ? mail_unsubscribe(r->db, r->arena, token) : NOT_FOUND;

	if (rc == NOT_FOUND)
		return reply_error(r, 404, "not_found", "This unsubscribe link is not valid.");
	if (rc != OK)
		return ERR;
	return unsubscribe_page(r, 1, 200);
}

