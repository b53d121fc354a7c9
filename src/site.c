/* site.c: start-up shared by the worker and bookingctl */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/lang.h"
#include "db/db.h"
#include "domain/auth.h"
#include "domain/mfa.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "site.h"

int
site_config(void)
{
	char err[256], zone[512];

	if (config_load(getenv("BOOKING_CONFIG"), err, sizeof(err)) != 0) {
		fprintf(stderr, "config: %s\n", err);
		return ERR;
	}
	/* glibc quietly falls back to UTC for a zone it does not know. */
	snprintf(zone, sizeof(zone), "/usr/share/zoneinfo/%s", cfg.timezone);
	if (strcmp(cfg.timezone, "UTC") != 0 &&
	    (strstr(cfg.timezone, "..") != NULL || access(zone, R_OK) != 0)) {
		fprintf(stderr, "config: timezone: unknown zone '%s'\n", cfg.timezone);
		return ERR;
	}
	if (lang_init(cfg.po, cfg.default_language, err, sizeof(err)) != 0) {
		fprintf(stderr, "languages: %s\n", err);
		return ERR;
	}
	setenv("TZ", cfg.timezone, 1);
	tzset();
	if (auth_init(cfg.common_passwords) != OK)
		return ERR;
	if (mfa_init() != OK)
		return ERR;
	if (db_library_init() != OK) {
		fprintf(stderr, "db: cannot initialise the client library\n");
		return ERR;
	}
	return OK;
}

int
site_init(void)
{
	char *err = NULL;

	if (site_config() != OK)
		return ERR;
	if (tmpl_init(cfg.templates, &err) != 0) {
		fprintf(stderr, "templates: %s\n", err);
		free(err);
		return ERR;
	}
	return OK;
}
