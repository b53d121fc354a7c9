/* http/tmpl.cc: extern "C" shim over ctemplate; no C++ type or exception leaves it */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

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
		D(t)->SetValue(key, value ? value : "");
	} catch (...) {
		abort();
	}
}

extern "C" void
tmpl_set_int(struct tmpl *t, const char *key, long long value)
{
	try {
		D(t)->SetFormattedValue(key, "%lld", value);
	} catch (...) {
		abort();
	}
}

extern "C" void
tmpl_show(struct tmpl *t, const char *section)
{
	try {
		D(t)->ShowSection(section);
	} catch (...) {
		abort();
	}
}

extern "C" struct tmpl *
tmpl_section(struct tmpl *t, const char *section)
{
	try {
		return T(D(t)->AddSectionDictionary(section));
	} catch (...) {
		abort();
	}
}

extern "C" struct tmpl *
tmpl_include(struct tmpl *t, const char *name, const char *file)
{
	try {
		TemplateDictionary *sub = D(t)->AddIncludeDictionary(name);

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
