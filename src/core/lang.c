/* core/lang.c: the languages shipped, their gettext catalogues, and the one each thread speaks */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "core/lang.h"

/*
 * The languages shipped: English (the sources' own text) first, then one
 * line for each po/CODE.po. A language is added here and in po/.
 */
static const struct language {
	const char	*code;
	const char	*name;
} languages[] = {
	{ "en", "English" },
	{ "de", "Deutsch" },
};

#define NLANGUAGES	((int)(sizeof(languages) / sizeof(languages[0])))

struct entry {
	char	*key;		/* msgid, or msgctxt "\004" msgid as gettext has it */
	char	*forms[4];	/* msgstr, or msgstr[0..] */
	int	 nforms;
};

static struct catalogue {
	struct entry	*v;
	int		 n;
	int		 cap;
	char		*plural;	/* the C expression of Plural-Forms */
	int		 nplurals;
} catalogues[NLANGUAGES];

static int default_lang;
static _Thread_local int current = -1;

int
lang_count(void)
{
	return NLANGUAGES;
}

const char *
lang_code(int i)
{
	return i >= 0 && i < NLANGUAGES ? languages[i].code : languages[0].code;
}

const char *
lang_name(int i)
{
	return i >= 0 && i < NLANGUAGES ? languages[i].name : languages[0].name;
}

int
lang_find(const char *code)
{
	size_t n;
	int i;

	if (code == NULL)
		return -1;
	for (i = 0; i < NLANGUAGES; i++) {
		n = strlen(languages[i].code);
		if (strncasecmp(code, languages[i].code, n) == 0 &&
		    (code[n] == '\0' || code[n] == '-' || code[n] == '_'))
			return i;
	}
	return -1;
}

int
lang_default(void)
{
	return default_lang;
}

void
lang_use(int i)
{
	current = i >= 0 && i < NLANGUAGES ? i : default_lang;
}

int
lang_current(void)
{
	return current >= 0 ? current : default_lang;
}

/* Accept-Language: "de-DE,de;q=0.9,en;q=0.8"; the first of the highest q
 * wins. A malformed q counts as 1, as most servers read it. */
int
lang_accept(const char *h)
{
	int best = -1, bestq = 0;

	while (h != NULL && *h != '\0') {
		const char *end = strchr(h, ','), *semi, *q;
		size_t len = end ? (size_t)(end - h) : strlen(h);
		char tag[32];
		int i, qv = 1000;

		while (len > 0 && (*h == ' ' || *h == '\t')) {
			h++;
			len--;
		}
		semi = memchr(h, ';', len);
		if ((size_t)((semi ? semi : h + len) - h) < sizeof(tag)) {
			memcpy(tag, h, (size_t)((semi ? semi : h + len) - h));
			tag[(semi ? semi : h + len) - h] = '\0';
			tag[strcspn(tag, " \t")] = '\0';
			if (semi != NULL && (q = strstr(semi, "q=")) != NULL && q < h + len)
				qv = (int)(strtod(q + 2, NULL) * 1000 + 0.5);
			if (qv > 1000 || qv < 0)
				qv = 1000;
			if ((i = lang_find(tag)) >= 0 && qv > bestq) {
				best = i;
				bestq = qv;
			}
		}
		h = end ? end + 1 : NULL;
	}
	return best;
}

/* The plural rule's C subset, evaluated straight from its text: n,
 * numbers, ! * / % + - < > <= >= == != && || ?: and parentheses. */
struct pexpr {
	const char	*s;
	unsigned long	 n;
	int		 bad;
};

static unsigned long pternary(struct pexpr *);

static void
pspace(struct pexpr *p)
{
	while (*p->s == ' ' || *p->s == '\t')
		p->s++;
}

static int
peat(struct pexpr *p, const char *op)
{
	size_t len = strlen(op);

	pspace(p);
	if (strncmp(p->s, op, len) != 0)
		return 0;
	/* "<" is not the start of "<=", nor "!" of "!=" */
	if (len == 1 && strchr("<>!=", op[0]) != NULL && p->s[1] == '=')
		return 0;
	p->s += len;
	return 1;
}

static unsigned long
pprimary(struct pexpr *p)
{
	unsigned long v;

	pspace(p);
	if (peat(p, "!"))
		return !pprimary(p);
	if (peat(p, "(")) {
		v = pternary(p);
		if (!peat(p, ")"))
			p->bad = 1;
		return v;
	}
	if (*p->s == 'n') {
		p->s++;
		return p->n;
	}
	if (isdigit((unsigned char)*p->s)) {
		v = 0;
		while (isdigit((unsigned char)*p->s))
			v = v * 10 + (unsigned long)(*p->s++ - '0');
		return v;
	}
	p->bad = 1;
	return 0;
}

static unsigned long
pmul(struct pexpr *p)
{
	unsigned long v = pprimary(p), w;

	for (;;) {
		if (peat(p, "*"))
			v *= pprimary(p);
		else if (peat(p, "/") || peat(p, "%")) {
			char op = p->s[-1];

			if ((w = pprimary(p)) == 0) {
				p->bad = 1;
				return 0;
			}
			v = op == '/' ? v / w : v % w;
		} else
			return v;
	}
}

static unsigned long
padd(struct pexpr *p)
{
	unsigned long v = pmul(p);

	for (;;) {
		if (peat(p, "+"))
			v += pmul(p);
		else if (peat(p, "-"))
			v -= pmul(p);
		else
			return v;
	}
}

static unsigned long
prel(struct pexpr *p)
{
	unsigned long v = padd(p);

	for (;;) {
		if (peat(p, "<="))
			v = v <= padd(p);
		else if (peat(p, ">="))
			v = v >= padd(p);
		else if (peat(p, "<"))
			v = v < padd(p);
		else if (peat(p, ">"))
			v = v > padd(p);
		else
			return v;
	}
}

static unsigned long
peq(struct pexpr *p)
{
	unsigned long v = prel(p);

	for (;;) {
		if (peat(p, "=="))
			v = v == prel(p);
		else if (peat(p, "!="))
			v = v != prel(p);
		else
			return v;
	}
}

static unsigned long
pand(struct pexpr *p)
{
	unsigned long v = peq(p);

	while (peat(p, "&&"))
		v = peq(p) && v;
	return v;
}

static unsigned long
por(struct pexpr *p)
{
	unsigned long v = pand(p);

	while (peat(p, "||"))
		v = pand(p) || v;
	return v;
}

static unsigned long
pternary(struct pexpr *p)
{
	unsigned long c = por(p), a, b;

	if (!peat(p, "?"))
		return c;
	a = pternary(p);
	if (!peat(p, ":"))
		p->bad = 1;
	b = pternary(p);
	return c ? a : b;
}

int
lang_plural_eval(const char *expr, unsigned long n)
{
	struct pexpr p = { expr, n, 0 };
	unsigned long v = pternary(&p);

	pspace(&p);
	if (p.bad || (*p.s != '\0' && *p.s != ';'))
		return -1;
	return v > 64 ? -1 : (int)v;
}

/* Reading a .po file: entries of msgctxt, msgid, msgid_plural and msgstr
 * or msgstr[N], each a "string" continued by "strings" on the lines after;
 * entries marked fuzzy, and empty translations, are left out. */
struct po {
	char	*ctx, *id, *plural, *str[4];
	int	 fuzzy;
	char	**to;		/* the part the last string went to */
};

static char *
unquote(const char *s, const char *name, int line, char *err, size_t errlen)
{
	char *out, *o;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '"')
		goto bad;
	out = o = malloc(strlen(s) + 1);
	if (out == NULL)
		abort();
	for (s++; *s != '"'; s++) {
		if (*s == '\0') {
			free(out);
			goto bad;
		}
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		switch (*++s) {
		case 'n':	*o++ = '\n'; break;
		case 't':	*o++ = '\t'; break;
		case '"':	*o++ = '"'; break;
		case '\\':	*o++ = '\\'; break;
		default:
			free(out);
			goto bad;
		}
	}
	*o = '\0';
	if (s[1 + strspn(s + 1, " \t")] != '\0') {
		free(out);
		goto bad;
	}
	return out;
bad:
	snprintf(err, errlen, "%s:%d: a string in double quotes was expected", name, line);
	return NULL;
}

static void
append(char **to, const char *more)
{
	size_t a = *to ? strlen(*to) : 0, b = strlen(more);

	*to = realloc(*to, a + b + 1);
	if (*to == NULL)
		abort();
	memcpy(*to + a, more, b + 1);
}

static void
po_clear(struct po *e)
{
	int i;

	free(e->ctx);
	free(e->id);
	free(e->plural);
	for (i = 0; i < 4; i++)
		free(e->str[i]);
	memset(e, 0, sizeof(*e));
}

static const char *
header_field(const char *header, const char *name)
{
	const char *p = header;
	size_t len = strlen(name);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, len) == 0)
			return p + len;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}

static int
take_header(struct catalogue *c, const char *h, const char *name, char *err,
    size_t errlen)
{
	const char *pf = header_field(h, "Plural-Forms:"), *np, *pl;
	unsigned long n;

	if (pf == NULL)
		return 0;
	if ((np = strstr(pf, "nplurals=")) == NULL || (pl = strstr(np + 9, "plural=")) == NULL)
		goto bad;
	c->nplurals = atoi(np + 9);
	c->plural = strndup(pl + 7, strcspn(pl + 7, ";\n"));
	if (c->plural == NULL)
		abort();
	if (c->nplurals < 1 || c->nplurals > 4)
		goto bad;
	for (n = 0; n < 1000; n++) {
		int f = lang_plural_eval(c->plural, n);

		if (f < 0 || f >= c->nplurals)
			goto bad;
	}
	return 0;
bad:
	snprintf(err, errlen, "%s: Plural-Forms is not a rule of up to 4 forms", name);
	return -1;
}

static int
po_end(struct catalogue *c, struct po *e, const char *name, char *err, size_t errlen)
{
	struct entry *en;
	int i, n = 0;

	if (e->id == NULL)
		goto done;
	if (*e->id == '\0' && e->ctx == NULL) {
		if (e->str[0] != NULL && take_header(c, e->str[0], name, err, errlen) != 0) {
			po_clear(e);
			return -1;
		}
		goto done;
	}
	for (i = 0; i < 4 && e->str[i] != NULL && *e->str[i] != '\0'; i++)
		n++;
	if (e->fuzzy || n == 0 || (e->plural != NULL && n < c->nplurals))
		goto done;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = realloc(c->v, (size_t)c->cap * sizeof(*c->v));
		if (c->v == NULL)
			abort();
	}
	en = &c->v[c->n++];
	memset(en, 0, sizeof(*en));
	if (e->ctx != NULL) {
		en->key = e->ctx;
		append(&en->key, "\004");
		append(&en->key, e->id);
		e->ctx = NULL;
	} else {
		en->key = e->id;
		e->id = NULL;
	}
	for (i = 0; i < n; i++) {
		en->forms[i] = e->str[i];
		e->str[i] = NULL;
	}
	en->nforms = n;
done:
	po_clear(e);
	return 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

static int
po_read(struct catalogue *c, const char *name, char *err, size_t errlen)
{
	char line[8192];
	struct po e;
	FILE *f;
	int n = 0, rc = -1;

	if ((f = fopen(name, "r")) == NULL) {
		snprintf(err, errlen, "%s: cannot read it", name);
		return -1;
	}
	memset(&e, 0, sizeof(e));
	c->nplurals = 2;
	while (fgets(line, sizeof(line), f) != NULL) {
		char **to = NULL, *text;
		const char *rest = NULL;

		n++;
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "#,", 2) == 0 && strstr(line, "fuzzy") != NULL) {
			if (po_end(c, &e, name, err, errlen) != 0)
				goto out;
			e.fuzzy = 1;
			continue;
		}
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0') {
			if (e.to != NULL && po_end(c, &e, name, err, errlen) != 0)
				goto out;
			continue;
		}
		if (line[0] == '"') {
			to = e.to;
			rest = line;
		} else if (strncmp(line, "msgctxt ", 8) == 0) {
			if (e.to != NULL && e.to != &e.ctx && po_end(c, &e, name, err, errlen) != 0)
				goto out;
			to = &e.ctx;
			rest = line + 8;
		} else if (strncmp(line, "msgid ", 6) == 0) {
			if (e.to != NULL && e.to != &e.ctx && po_end(c, &e, name, err, errlen) != 0)
				goto out;
			to = &e.id;
			rest = line + 6;
		} else if (strncmp(line, "msgid_plural ", 13) == 0) {
			to = &e.plural;
			rest = line + 13;
		} else if (strncmp(line, "msgstr ", 7) == 0) {
			to = &e.str[0];
			rest = line + 7;
		} else if (strncmp(line, "msgstr[", 7) == 0 && line[7] >= '0' &&
		    line[7] <= '3' && line[8] == ']') {
			to = &e.str[line[7] - '0'];
			rest = line + 9;
		}
		if (to == NULL) {
			snprintf(err, errlen, "%s:%d: not a line of a .po file", name, n);
			goto out;
		}
		if ((text = unquote(rest, name, n, err, errlen)) == NULL)
			goto out;
		append(to, text);
		free(text);
		e.to = to;
	}
	if (po_end(c, &e, name, err, errlen) != 0)
		goto out;
	if (c->plural == NULL) {
		snprintf(err, errlen, "%s: the header has no Plural-Forms", name);
		goto out;
	}
	qsort(c->v, (size_t)c->n, sizeof(*c->v), entry_cmp);
	rc = 0;
out:
	po_clear(&e);
	fclose(f);
	return rc;
}

static void
catalogue_free(struct catalogue *c)
{
	int i, j;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].key);
		for (j = 0; j < c->v[i].nforms; j++)
			free(c->v[i].forms[j]);
	}
	free(c->v);
	free(c->plural);
	memset(c, 0, sizeof(*c));
}

int
lang_init(const char *po_dir, const char *default_code, char *err, size_t errlen)
{
	char name[4096];
	int i;

	/* Read before any thread starts; never changed after. */
	for (i = 1; i < NLANGUAGES; i++) {
		struct catalogue c;

		memset(&c, 0, sizeof(c));
		snprintf(name, sizeof(name), "%s/%s.po", po_dir, languages[i].code);
		if (po_read(&c, name, err, errlen) != 0) {
			catalogue_free(&c);
			return -1;
		}
		catalogue_free(&catalogues[i]);
		catalogues[i] = c;
	}
	if ((default_lang = lang_find(default_code)) < 0) {
		snprintf(err, errlen, "default_language: '%s' is none of the languages",
		    default_code ? default_code : "");
		default_lang = 0;
		return -1;
	}
	return 0;
}

static const struct entry *
find(int lang, const char *key)
{
	const struct catalogue *c;
	struct entry k;

	if (lang <= 0 || lang >= NLANGUAGES)
		return NULL;
	c = &catalogues[lang];
	if (c->n == 0)
		return NULL;
	k.key = (char *)(uintptr_t)key;
	return bsearch(&k, c->v, (size_t)c->n, sizeof(*c->v), entry_cmp);
}

const char *
lang_lookup(int lang, const char *ctx, const char *msgid)
{
	const struct entry *e;
	char key[1024];

	if (ctx == NULL)
		e = find(lang, msgid);
	else if ((size_t)snprintf(key, sizeof(key), "%s\004%s", ctx, msgid) >= sizeof(key))
		e = NULL;
	else
		e = find(lang, key);
	return e != NULL ? e->forms[0] : msgid;
}

const char *
lang_gettext(const char *msgid)
{
	return lang_lookup(lang_current(), NULL, msgid);
}

const char *
lang_pgettext(const char *ctx, const char *msgid)
{
	return lang_lookup(lang_current(), ctx, msgid);
}

const char *
lang_ngettext(const char *one, const char *many, unsigned long n)
{
	int lang = lang_current(), form;
	const struct entry *e = find(lang, one);

	if (e == NULL || e->nforms < 2)
		return n == 1 ? one : many;
	form = lang_plural_eval(catalogues[lang].plural, n);
	return form >= 0 && form < e->nforms ? e->forms[form] : e->forms[0];
}
