/* http/tmpl.cc: extern "C" shim over ctemplate; no C++ type or exception leaves it */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <cstdio>
#include <string>

#include <ctemplate/template.h>

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

/* Loads every *.tpl of root/sub (sub "" or "name/"); returns how many, or
 * -1 with *errp set. */
static int
load_dir(ctemplate::TemplateCache *cache, const std::string &root,
    const std::string &sub, char **errp)
{
	std::string path = root + "/" + sub;
	DIR *d;
	struct dirent *e;
	int n = 0;

	if ((d = opendir(path.c_str())) == NULL) {
		if (!sub.empty())
			return 0;
		*errp = dup_error("cannot open template directory " + root);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		std::string name = sub + e->d_name;

		if (len < 5 || strcmp(e->d_name + len - 4, ".tpl") != 0)
			continue;
		if (!cache->LoadTemplate(name, strip_of(name.c_str()))) {
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

		sub->SetFilename(file);
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

		if (!ctemplate::ExpandTemplate(file, strip_of(file), D(t), &out)) {
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
