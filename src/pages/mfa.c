/* pages/mfa.c: the second factor: its page on the account, and the login's code step */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/lang.h"
#include "core/limits.h"
#include "domain/auth.h"
#include "domain/mfa.h"
#include "handlers.h"
#include "http/form.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

/* The secret in groups of four, easier to type. */
static const char *
grouped(struct req *r, const char *secret)
{
	size_t n = strlen(secret), i;
	char *out = arena_alloc(r->arena, n + n / 4 + 1), *o = out;

	for (i = 0; i < n; i++) {
		if (i > 0 && i % 4 == 0)
			*o++ = ' ';
		*o++ = secret[i];
	}
	*o = '\0';
	return out;
}

/* The enrolment form: QR code, the secret as text, a field for the first code.
 * action is where the code goes; f carries an error back. */
static int
enrol_page(struct req *r, long long user_id, int fresh, const char *action,
    struct form *f, int status)
{
	static const char *const fields[] = { "next", NULL };
	struct mfa_enrolment e = { NULL, NULL };
	struct tmpl *t, *s;
	const char *path;
	int size, rc;

	if ((rc = mfa_enrol_begin(r->db, r->arena, user_id, fresh, &e)) == CONFLICT)
		return reply_redirect(r, "/account/two-factor");
	if (rc != OK || page_qr(r, e.uri, &path, &size) != OK)
		return ERR;
	t = page_begin(r, "two_factor.tpl", _("Set up two-factor authentication"));
	s = tmpl_section(t, "ENROL");
	tmpl_set(s, "ACTION", action);
	tmpl_set(s, "QR_PATH", path);
	tmpl_set_int(s, "QR_SIZE", size);
	tmpl_set(s, "SECRET", grouped(r, e.secret));
	tmpl_set(s, "URI", e.uri);
	if (f != NULL)
		form_fill(f, s, fields);
	if (strcmp(action, "/login/enrol") == 0)
		tmpl_show(s, "REQUIRED");
	reply_header(r, "Cache-Control: no-store");
	return page_end(r, status);
}

/* The recovery codes, shown on this answer only. */
static int
codes_page(struct req *r, char **codes, const char *next)
{
	struct tmpl *t = page_begin(r, "two_factor.tpl", _("Your recovery codes"));
	struct tmpl *s = tmpl_section(t, "CODES");
	int i;

	for (i = 0; codes[i] != NULL; i++)
		tmpl_set(tmpl_section(s, "CODE"), "VALUE", codes[i]);
	tmpl_set(s, "NEXT", next);
	reply_header(r, "Cache-Control: no-store");
	return page_end(r, 201);
}

/* The second factor's state, and the form that turns it off. */
static int
status_page(struct req *r, struct form *f, int status)
{
	static const char *const fields[] = { NULL };
	struct mfa_status st;
	struct tmpl *t, *s;
	const char *saved = kv_get(&r->params, "saved");

	if (mfa_status(r->db, r->arena, r->user->id, &st) != OK)
		return ERR;
	t = page_begin(r, "two_factor.tpl", _("Two-factor authentication"));
	if (st.enabled) {
		s = tmpl_section(t, "ON");
		tmpl_set_int(s, "LEFT", st.recovery_left);
		if (f != NULL)
			form_fill(f, s, fields);
	} else
		tmpl_show(t, "OFF");
	if (saved != NULL && strcmp(saved, "off") == 0)
		tmpl_set(tmpl_section(t, "SAVED"), "MESSAGE",
		    _("Two-factor authentication is off."));
	return page_end(r, status);
}

int
mfa_show(struct req *r)
{
	return status_page(r, NULL, 200);
}

int
mfa_setup(struct req *r)
{
	return enrol_page(r, r->user->id, 1, "/account/two-factor/enable", NULL, 200);
}

/* Checks the first code of an enrolment; its form again when wrong. */
static int
enrol_code(struct req *r, long long user_id, const char *action, char ***codes)
{
	struct form f;
	const char *code;
	int rc;

	form_init(&f, r);
	code = form_text(&f, "code", "Code", MFA_CODE_MAX, 1);
	if (form_ok(&f)) {
		rc = mfa_enrol_finish(r->db, r->arena, user_id, code, codes);
		if (rc == OK)
			return OK;
		if (rc == NOT_FOUND)
			return enrol_page(r, user_id, 1, action, NULL, 409) == OK ?
			    CONFLICT : ERR;
		if (rc != INVALID)
			return ERR;
		form_error(&f, "code", "That is not the code your app shows now; try the next one.");
	}
	return enrol_page(r, user_id, 0, action, &f, 400) == OK ? INVALID : ERR;
}

int
mfa_enable(struct req *r)
{
	char **codes;
	int rc;

	if ((rc = enrol_code(r, r->user->id, "/account/two-factor/enable", &codes)) != OK)
		return rc == ERR ? ERR : OK;
	return codes_page(r, codes, "/account/two-factor");
}

int
mfa_disable_submit(struct req *r)
{
	struct form f;
	const char *pw;
	long long wait;

	form_init(&f, r);
	pw = form_raw(&f, "password", "Password", PASSWORD_FIELD_MAX);
	if (form_ok(&f)) {
		switch (mfa_disable(r->db, r->arena, &r->actor, pw, &wait)) {
		case OK:
			return reply_redirect(r, "/account/two-factor?saved=off");
		case INVALID:
			form_error(&f, "password", "The password is not right.");
			break;
		case TOO_MANY_ATTEMPTS:
			form_error(&f, "password", "%s", page_locked(r, wait));
			return status_page(r, &f, 429);
		default:
			return ERR;
		}
	}
	return status_page(r, &f, 400);
}

/* New recovery codes, for the password or a code (the old ones stop
 * working); the form again, with the reason, when neither is right. */
int
mfa_recovery_submit(struct req *r)
{
	struct form f;
	const char *pw = NULL, *code;
	char **codes;
	long long wait;

	form_init(&f, r);
	code = form_text(&f, "renew_code", "Code", MFA_CODE_MAX, 0);
	if (code == NULL && form_ok(&f))
		pw = form_raw(&f, "renew_password", "Your password or a code",
		    PASSWORD_FIELD_MAX);
	if (!form_ok(&f))
		return status_page(r, &f, 400);
	switch (mfa_recovery_renew(r->db, r->arena, &r->actor, pw, code, &codes, &wait)) {
	case OK:
		return codes_page(r, codes, "/account/two-factor");
	case INVALID:
		form_error(&f, code != NULL ? "renew_code" : "renew_password", code != NULL ?
		    "The code is not right, or was used already." :
		    "The password is not right.");
		return status_page(r, &f, 400);
	case TOO_MANY_ATTEMPTS:
		if (code == NULL) {
			form_error(&f, "renew_password", "%s", page_locked(r, wait));
			return status_page(r, &f, 429);
		}
		reply_header(r, "Retry-After: %lld", wait);
		form_error(&f, "renew_code", "Too many wrong codes. Try again in %d minutes,"
		    " or give your password.", MFA_LOCK_MINUTES);
		return status_page(r, &f, 429);
	case NOT_FOUND:
		return reply_redirect(r, "/account/two-factor");
	default:
		return ERR;
	}
}

/* Where the login goes after its last step. */
static const char *
next_of(struct req *r)
{
	const char *next = kv_get(&r->params, "next");

	return local_path(next) ? next : "/me";
}

int
page_mfa_login(struct req *r, long long user_id, int *asked)
{
	enum mfa_need need;
	char *token;

	*asked = 0;
	if (mfa_login_need(r->db, r->arena, user_id, req_cookie(r, MFA_DEVICE_COOKIE),
	    &need) != OK)
		return ERR;
	if (need == MFA_NONE)
		return OK;
	if (mfa_challenge_start(r->db, r->arena, user_id, need == MFA_ENROL, &token) != OK)
		return ERR;
	*asked = 1;
	reply_cookie(r, MFA_LOGIN_COOKIE, token, MFA_CHALLENGE_MINUTES * 60);
	return reply_redirect(r, arena_printf(r->arena, "%s?next=%s",
	    need == MFA_ENROL ? "/login/enrol" : "/login/code",
	    url_encode(r->arena, next_of(r))));
}

/* The login waiting for this browser's second step; NOT_FOUND sends it
 * back to the password form. */
static int
challenge(struct req *r, long long *user_id, int *enrol)
{
	int rc = mfa_challenge_find(r->db, r->arena, req_cookie(r, MFA_LOGIN_COOKIE),
	    user_id, enrol);

	if (rc == NOT_FOUND)
		reply_redirect(r, "/login?expired=1");
	return rc;
}

/* The login is over: the challenge goes, a session comes. */
static int
challenge_done(struct req *r, long long user_id)
{
	if (mfa_challenge_end(r->db, r->arena, req_cookie(r, MFA_LOGIN_COOKIE)) != OK ||
	    page_session_start(r, user_id) != OK)
		return ERR;
	reply_cookie(r, MFA_LOGIN_COOKIE, "", 0);
	return OK;
}

static int
code_page(struct req *r, struct form *f, const char *notice, int status)
{
	static const char *const fields[] = { "next", NULL };
	struct tmpl *t = page_begin(r, "login_code.tpl", _("Two-factor code"));

	tmpl_set_int(t, "DAYS", cfg.mfa_remember_days);
	tmpl_set_int(t, "CODE_MAX", MFA_CODE_MAX);
	if (f != NULL)
		form_fill(f, t, fields);
	else
		tmpl_set(t, "NEXT", next_of(r));
	if (notice != NULL)
		tmpl_set(tmpl_section(t, "NOTICE"), "MESSAGE", notice);
	return page_end(r, status);
}

int
login_code_form(struct req *r)
{
	long long user_id;
	int enrol, rc;

	if ((rc = challenge(r, &user_id, &enrol)) != OK)
		return rc == NOT_FOUND ? OK : ERR;
	if (enrol)
		return reply_redirect(r, arena_printf(r->arena, "/login/enrol?next=%s",
		    url_encode(r->arena, next_of(r))));
	return code_page(r, NULL, NULL, 200);
}

int
login_code_submit(struct req *r)
{
	struct form f;
	const char *code;
	long long user_id, max_age;
	char *device;
	int enrol, remember = 0, rc;

	if ((rc = challenge(r, &user_id, &enrol)) != OK)
		return rc == NOT_FOUND ? OK : ERR;
	if (enrol)
		return reply_redirect(r, "/login/enrol");
	form_init(&f, r);
	code = form_text(&f, "code", "Code", MFA_CODE_MAX, 1);
	form_flag(&f, "remember", &remember);
	if (!form_ok(&f))
		return code_page(r, &f, NULL, 400);
	switch (mfa_check_code(r->db, r->arena, &r->actor, user_id, code)) {
	case MFA_CHECK_OK:
		break;
	case MFA_CHECK_LOCKED:
		reply_header(r, "Retry-After: %d", MFA_LOCK_MINUTES * 60);
		return code_page(r, &f, arena_printf(r->arena, _("Too many wrong codes. Try"
		    " again in %d minutes."), MFA_LOCK_MINUTES), 429);
	case MFA_CHECK_WRONG:
		form_error(&f, "code", "The code is not right, or was used already.");
		return code_page(r, &f, NULL, 401);
	default:
		return ERR;
	}
	if (remember) {
		if (mfa_remember_device(r->db, r->arena, user_id, &device, &max_age) != OK)
			return ERR;
		reply_cookie(r, MFA_DEVICE_COOKIE, device, max_age);
	}
	if (challenge_done(r, user_id) != OK)
		return ERR;
	return reply_redirect(r, next_of(r));
}

/* An admin's first login where admins must have a second factor. */
static int
login_enrol(struct req *r, int submit)
{
	long long user_id;
	char **codes;
	int enrol, rc;

	if ((rc = challenge(r, &user_id, &enrol)) != OK)
		return rc == NOT_FOUND ? OK : ERR;
	if (!enrol)
		return reply_redirect(r, "/login/code");
	if (!submit)
		return enrol_page(r, user_id, 0, "/login/enrol", NULL, 200);
	if ((rc = enrol_code(r, user_id, "/login/enrol", &codes)) != OK)
		return rc == ERR ? ERR : OK;
	if (challenge_done(r, user_id) != OK)
		return ERR;
	return codes_page(r, codes, next_of(r));
}

int
login_enrol_form(struct req *r)
{
	return login_enrol(r, 0);
}

int
login_enrol_submit(struct req *r)
{
	return login_enrol(r, 1);
}
