/* http/tmpl.cc: extern "C" shim over ctemplate; no C++ type or exception leaves it */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <mutex>
#include <unordered_map>

#include <ctemplate/template.h>

#include "core/lang.h"
#include "http/tmpl.h"

using ctemplate::TemplateDictionary;

static char *
dup_error(const std::string &msg)
{
	char *p = static_cast<char *>(malloc(msg.size() + 1));

	if (p == NULL)
		abort();
	memcpy(p, msg.c_str(), msg.size() + 1);
	return p;
}

static TemplateDictionary *
D(struct tmpl *t)
{
	return reinterpret_cast<TemplateDictionary *>(t);
}

static struct tmpl *
T(TemplateDictionary *d)
{
	return reinterpret_cast<struct tmpl *>(d);
}

/* Pages lose their blank lines; mail (under mail/) keeps every line, the
 * paragraphs of a text message are made of them. */
static ctemplate::Strip
strip_of(const char *file)
{
	return strncmp(file, "mail/", 5) == 0 ? ctemplate::DO_NOT_STRIP :
	    ctemplate::STRIP_BLANK_LINES;
}

/*
 * A template's text for one language: each [[text]] becomes the
 * language's translation of text (the text itself when it has none), so
 * a page costs the same in every language. The [[ ]] marks are the
 * extractor's (scripts/po-update); what is between them may hold the
 * template's own {{MARKERS}}, which the translation keeps. Returns false
 * for a mark left open.
 */
static bool
translate(const std::string &in, int lang, std::string *out)
{
	size_t at = 0, open, close;

	out->clear();
	while ((open = in.find("[[", at)) != std::string::npos) {
		if ((close = in.find("]]", open + 2)) == std::string::npos)
			return false;
		out->append(in, at, open - at);
		out->append(lang_lookup(lang, NULL,
		    in.substr(open + 2, close - open - 2).c_str()));
		at = close + 2;
	}
	out->append(in, at, std::string::npos);
	return true;
}

/* The name a template has in the cache: one set per language, "de/room.tpl". */
static std::string
key_of(int lang, const char *file)
{
	return std::string(lang_code(lang)) + "/" + file;
}

/* Loads every *.tpl of root/sub (sub "" or "name/") in every language;
 * returns how many files, or -1 with *errp set. */
static int
load_dir(ctemplate::TemplateCache *cache, const std::string &root,
    const std::string &sub, char **errp)
{
	std::string path = root + "/" + sub;
	DIR *d;
	struct dirent *e;
	int n = 0, lang;

	if ((d = opendir(path.c_str())) == NULL) {
		if (!sub.empty())
			return 0;
		*errp = dup_error("cannot open template directory " + root);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		std::string name = sub + e->d_name, text;
		std::ifstream in(root + "/" + name);
		std::stringstream source;

		if (len < 5 || strcmp(e->d_name + len - 4, ".tpl") != 0)
			continue;
		source << in.rdbuf();
		for (lang = 0; lang < lang_count(); lang++)
			if (!in || !translate(source.str(), lang, &text) ||
			    !cache->StringToTemplateCache(key_of(lang, name.c_str()), text,
			    strip_of(name.c_str()))) {
				closedir(d);
				*errp = dup_error("template does not load: " + root + "/" + name);
				return -1;
			}
		n++;
	}
	closedir(d);
	return n;
}

extern "C" int
tmpl_init(const char *dir, char **errp)
{
	try {
		ctemplate::TemplateCache *cache = ctemplate::mutable_default_template_cache();
		std::string root(dir);
		int n;

		if (!cache->SetTemplateRootDirectory(root)) {
			*errp = dup_error("cannot use template directory " + root);
			return -1;
		}
		if ((n = load_dir(cache, root, "", errp)) < 0 ||
		    load_dir(cache, root, "mail/", errp) < 0)
			return -1;
		if (n == 0) {
			*errp = dup_error("no templates in " + root);
			return -1;
		}
		cache->Freeze();
		return 0;
	} catch (...) {
		*errp = dup_error("template set-up failed");
		return -1;
	}
}

/*
 * A name (of a variable, a section, an include) as ctemplate knows it.
 * Given as plain text, ctemplate hashes it and looks it up in its global
 * table of names, under a lock, at every set: a tenth of the time a page
 * of fifty bookings took to fill. Given as a StaticTemplateString it
 * carries its id instead. The process keeps each name it has seen over a
 * copy of its own, with its id, for good: they are the templates' names,
 * a few hundred. A name is nearly always a string literal, so each thread
 * finds it again by its address, without a lock; the text is compared
 * too, since a name may also be built in a buffer (form.c).
 */
#define NAMES_CACHED	1024	/* each thread's, by address */

/* Each name over its own text (a key of the map, which stays where it
 * is); never freed, so that what it holds stays reachable to the end. */
static std::unordered_map<std::string, ctemplate::StaticTemplateString> *known_names;
static std::mutex known_names_lock;
static thread_local const char *cached_at[NAMES_CACHED];
static thread_local const ctemplate::StaticTemplateString *cached[NAMES_CACHED];

static ctemplate::TemplateString
name_of(const char *text)
{
	size_t slot = ((reinterpret_cast<uintptr_t>(text) * 0x9e3779b97f4a7c15ULL) >> 32) %
	    NAMES_CACHED;
	const ctemplate::StaticTemplateString *k = cached[slot];

	if (k != NULL && cached_at[slot] == text && strcmp(k->do_not_use_directly_.ptr_, text) == 0)
		return ctemplate::TemplateString(*k);
	{
		std::lock_guard<std::mutex> hold(known_names_lock);

		if (known_names == NULL)
			known_names = new std::unordered_map<std::string,
			    ctemplate::StaticTemplateString>;
		auto found = known_names->emplace(text, ctemplate::StaticTemplateString());

		if (found.second) {
			found.first->second = { { found.first->first.c_str(),
			    found.first->first.size(), ctemplate::kIllegalTemplateId } };
			static_cast<void>(ctemplate::StaticTemplateStringInitializer(
			    &found.first->second));
		}
		k = &found.first->second;
	}
	cached_at[slot] = text;
	cached[slot] = k;
	return ctemplate::TemplateString(*k);
}

extern "C" struct tmpl *
tmpl_new(void)
{
	try {
		return T(new TemplateDictionary("page"));
	} catch (...) {
		abort();
	}
}

extern "C" void
tmpl_free(struct tmpl *t)
{
	delete D(t);
}

extern "C" void
tmpl_set(struct tmpl *t, const char *key, const char *value)
{
	try {
		D(t)->SetValue(name_of(key), value ? value : "");
	} catch (...) {
		abort();
	}
}

extern "C" void
tmpl_set_int(struct tmpl *t, const char *key, long long value)
{
	try {
		/* without printf's machinery: ids fill most of a list's rows */
		char text[24], *p = text + sizeof(text);
		unsigned long long u = value < 0 ? 0ULL - static_cast<unsigned long long>(value) :
		    static_cast<unsigned long long>(value);

		do
			*--p = static_cast<char>('0' + u % 10);
		while ((u /= 10) != 0);
		if (value < 0)
			*--p = '-';
		D(t)->SetValue(name_of(key), ctemplate::TemplateString(p,
		    static_cast<size_t>(text + sizeof(text) - p)));
	} catch (...) {
		abort();
	}
}

extern "C" void
tmpl_show(struct tmpl *t, const char *section)
{
	try {
		D(t)->ShowSection(name_of(section));
	} catch (...) {
		abort();
	}
}

extern "C" struct tmpl *
tmpl_section(struct tmpl *t, const char *section)
{
	try {
		return T(D(t)->AddSectionDictionary(name_of(section)));
	} catch (...) {
		abort();
	}
}

extern "C" struct tmpl *
tmpl_include(struct tmpl *t, const char *name, const char *file)
{
	try {
		TemplateDictionary *sub = D(t)->AddIncludeDictionary(name_of(name));

		sub->SetFilename(key_of(lang_current(), file));
		return T(sub);
	} catch (...) {
		abort();
	}
}

extern "C" char *
tmpl_expand(const char *file, struct tmpl *t, size_t *lenp, char **errp)
{
	try {
		std::string out;
		char *p;

		if (!ctemplate::ExpandTemplate(key_of(lang_current(), file), strip_of(file),
		    D(t), &out)) {
			*errp = dup_error(std::string("cannot expand template ") + file);
			return NULL;
		}
		p = static_cast<char *>(malloc(out.size() + 1));
		if (p == NULL)
			abort();
		memcpy(p, out.data(), out.size() + 1);
		if (lenp != NULL)
			*lenp = out.size();
		return p;
	} catch (...) {
		*errp = dup_error(std::string("template expansion failed: ") + file);
		return NULL;
	}
}
