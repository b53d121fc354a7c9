/* pages/language.c: the footer's language menu: a cookie, and the account's choice */
#include <string.h>

#include "core/lang.h"
#include "domain/account.h"
#include "handlers.h"
#include "http/request.h"

#define LANG_COOKIE_DAYS	365

/*
 * GET from a visitor's page (whose public pages carry no CSRF token, so
 * that nginx may keep them): the cookie alone, which another site could
 * set too, but which changes no more than the words shown. POST from a
 * signed-in page (CSRF checked by the router) also keeps the choice in
 * the account, for its mail and its next browser.
 */
int
language_choose(struct req *r)
{
	const char *code, *next;
	int lang;

	if (req_str(r, "lang", 16, &code) != OK ||
	    req_str_opt(r, "next", 2048, "/", &next) != OK)
		return ERR;
	if ((lang = lang_find(code)) < 0)
		return reply_error(r, 400, "invalid", "There is no such language: %s.", code);
	if (!local_path(next))
		next = "/";
	if (r->user != NULL && strcmp(r->method, "POST") == 0 &&
	    account_set_language(r->db, r->user->id, lang_code(lang)) != OK)
		return ERR;
	reply_cookie(r, LANG_COOKIE, lang_code(lang), LANG_COOKIE_DAYS * 86400LL);
	return reply_redirect(r, next);
}
