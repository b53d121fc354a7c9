/* core/lang.h: the languages shipped, their gettext catalogues, and the one each thread speaks */
#ifndef LANG_H
#define LANG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A language is a code in the list of lang.c (en, de, ...) with po/CODE.po
 * beside the sources; English is the text of the sources themselves. The
 * catalogues are read once at start-up and never change, so every thread
 * reads them without a lock. Which language a thread speaks now is its
 * own (thread-local): a request, or a mail being written, sets it with
 * lang_use(); the formatters of core/fmt.c and _() follow it.
 */
#define LANG_MAX	16

/* Reads po_dir/CODE.po of every language but English, and makes
 * default_code the language of a thread that chose none. Returns 0, or -1
 * with a message in err. */
int		 lang_init(const char *po_dir, const char *default_code, char *err,
		    size_t errlen);
int		 lang_count(void);
const char	*lang_code(int);
const char	*lang_name(int);	/* in itself: "Deutsch" */
/* The language of a code ("de", "de-AT", "DE"), or -1. */
int		 lang_find(const char *code);
int		 lang_default(void);
/* The best language an Accept-Language header asks for (q-values; q=0
 * refuses), or -1 when it names none of them. */
int		 lang_accept(const char *header);

void		 lang_use(int);
int		 lang_current(void);

/* The translation of msgid in the thread's language (msgid itself when
 * none); ctx as msgctxt tells apart one English word with two meanings. */
const char	*lang_gettext(const char *msgid) __attribute__((format_arg(1)));
const char	*lang_pgettext(const char *ctx, const char *msgid)
		    __attribute__((format_arg(2)));
/* The form of n as the language's Plural-Forms rule picks it. */
const char	*lang_ngettext(const char *one, const char *many, unsigned long n)
		    __attribute__((format_arg(1))) __attribute__((format_arg(2)));
/* The same in a given language (templates are translated at start-up). */
const char	*lang_lookup(int, const char *ctx, const char *msgid);

/* Marks for the extractor (scripts/po-update runs xgettext on them). */
#define _(s)		lang_gettext(s)
#define C_(ctx, s)	lang_pgettext(ctx, s)
#define P_(one, many, n) lang_ngettext(one, many, n)
#define N_(s)		(s)
#define C_N(ctx, s)	(s)

/* A plural rule, as "plural=" of a Plural-Forms header has it: the form
 * for n, or -1 when expr is not one. For the unit tests and lang.c. */
int		 lang_plural_eval(const char *expr, unsigned long n);

#ifdef __cplusplus
}
#endif

#endif
