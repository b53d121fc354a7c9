/* api/auth.c: /api/v1/auth and /api/v1/me: tokens for programs */
#include <string.h>

#include "core/lang.h"
#include "core/limits.h"
#include "domain/account.h"
#include "domain/auth.h"
#include "domain/mfa.h"
#include "handlers.h"
#include "http/form.h"
#include "http/input.h"
#include "http/json.h"
#include "http/lookup.h"
#include "http/request.h"

#define LOGIN_TOKEN_HOURS	12

static struct json_object *
user_json(struct req *r, long long id)
{
	struct account u;

	if (account_get(r->db, r->arena, id, &u) != OK)
		return NULL;
	return json_account(r->arena, &u);
}

/*
 * The second step for an account with a second factor: the "code" field
 * (the app's 6 digits or a recovery code). *refused is set when the reply
 * is already the refusal.
 */
static int
second_factor(struct req *r, struct form *f, long long user_id, int *refused)
{
	enum mfa_need need;
	const char *code = kv_get(f->fields, "code");

	*refused = 1;
	if (mfa_login_need(r->db, r->arena, user_id, NULL, &need) != OK)
		return ERR;
	if (need == MFA_ENROL)
		return reply_error(r, 403, "mfa_enrolment_required", "Administrators must use "
		    "two-factor authentication: log in on the web site once to set it up.");
	if (need == MFA_CODE && (code == NULL || *code == '\0'))
		return reply_error(r, 401, "code_required", "This account uses two-factor "
		    "authentication: send the 6-digit \"code\" from the authenticator app, "
		    "or a recovery code, with the email and password.");
	if (need == MFA_CODE && strlen(code) > MFA_CODE_MAX)
		return reply_error(r, 400, "invalid_field", "code: at most %d characters.",
		    MFA_CODE_MAX);
	if (need == MFA_CODE) {
		switch (mfa_check_code(r->db, r->arena, &r->actor, user_id, code)) {
		case MFA_CHECK_OK:
			break;
		case MFA_CHECK_LOCKED:
			reply_header(r, "Retry-After: %d", MFA_LOCK_MINUTES * 60);
			return reply_error(r, 429, "too_many_attempts", "Too many wrong codes; "
			    "try again in %d seconds.", MFA_LOCK_MINUTES * 60);
		case MFA_CHECK_WRONG:
			return reply_error(r, 401, "invalid_code", "The \"code\" is not right "
			    "or was used already; send the one the app shows now.");
		default:
			return ERR;
		}
	}
	*refused = 0;
	return OK;
}

int
api_login(struct req *r)
{
	struct login_attempt in = { NULL, NULL, &r->actor, 0, 0 };
	struct json_object *o, *user;
	struct form f;
	char *token;
	int refused;

	form_init(&f, r);
	in.email = form_text(&f, "email", "email", EMAIL_MAX, 1);
	in.password = form_raw(&f, "password", "password", PASSWORD_FIELD_MAX);
	if (!form_ok(&f))
		return form_reply_json(r, &f, 400);
	switch (auth_login(r->db, r->arena, &in)) {
	case LOGIN_OK:
		break;
	case LOGIN_LOCKED:
		reply_header(r, "Retry-After: %lld", in.retry_after);
		return reply_error(r, 429, "too_many_attempts", "Too many failed attempts "
		    "from this address; try again in %lld seconds.", in.retry_after);
	case LOGIN_FAILED:
		return reply_error(r, 401, "invalid_credentials",
		    "The email or the password is not right.");
	case LOGIN_UNCONFIRMED:
		return reply_error(r, 403, "unconfirmed", "%s", UNCONFIRMED_TEXT);
	default:
		return ERR;
	}
	if (second_factor(r, &f, in.user_id, &refused) != OK || refused)
		return ERR;
	if (auth_login_token(r->db, r->arena, &r->actor, in.user_id, LOGIN_TOKEN_HOURS,
	    &token) != OK || (user = user_json(r, in.user_id)) == NULL)
		return ERR;
	o = json_object_new_object();
	json_set_str(o, "token", token);
	json_set_int(o, "expiresIn", LOGIN_TOKEN_HOURS * 3600);
	json_object_object_add(o, "user", user);
	reply_header(r, "Cache-Control: no-store");
	return reply_json(r, 200, o);
}

/* The same answer whether or not the address has an account: only the
 * mail sent to it tells which. */
int
api_register(struct req *r)
{
	struct account_input in;
	struct json_object *o;
	struct form f;
	int rc;

	if ((rc = input_register(r, &f, &in)) == INVALID)
		return form_reply_json(r, &f, 400);
	if (rc != OK)
		return ERR;
	o = json_object_new_object();
	json_set_str(o, "status", "mail_sent");
	json_set_str(o, "message", arena_printf(r->arena, _("We have sent a message to the"
	    " address. If it is new here, follow its link within %d hours to make the"
	    " account; if it has an account already, the message says so instead."),
	    SIGNUP_HOURS));
	return reply_json(r, 202, o);
}

int
api_me(struct req *r)
{
	struct json_object *user = user_json(r, r->user->id);

	if (user == NULL)
		return ERR;
	return reply_json(r, 200, user);
}

/* The caller's phone and SMS reminders; what is not sent stays. */
int
api_account_update(struct req *r)
{
	struct json_object *user;
	struct sms_input in;
	struct form f;
	int rc;

	form_init(&f, r);
	input_sms(&f, 0, &in);
	if ((rc = account_set_sms(r->db, r->arena, r->user->id, &in, &f.errors)) != OK)
		return rc == INVALID ? form_reply_json(r, &f, 400) : ERR;
	if ((user = user_json(r, r->user->id)) == NULL)
		return ERR;
	return reply_json(r, 200, user);
}

/* Revokes the bearer token this request came with: a program signing out,
 * or dropping a token it fears was seen. */
int
api_token_revoke(struct req *r)
{
	struct json_object *o;
	int rc;

	if (!r->bearer)
		return reply_error(r, 400, "no_token", "Send the token to revoke as "
		    "\"Authorization: Bearer <token>\".");
	if ((rc = auth_token_revoke(r->db, &r->actor, r->user->id, r->token_id)) != OK)
		return rc == NOT_FOUND ? reply_not_found(r, "API token", r->token_id) : ERR;
	o = json_object_new_object();
	json_set_int(o, "revoked", r->token_id);
	return reply_json(r, 200, o);
}
