/* core/config.c: settings from one file plus BOOKING_* environment overrides */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"

#ifndef TEMPLATES_DIR
#define TEMPLATES_DIR	"templates"
#endif
#ifndef DATA_DIR
#define DATA_DIR	"data"
#endif
#ifndef PO_DIR
#define PO_DIR		"po"
#endif
#ifndef MIGRATIONS_DIR
#define MIGRATIONS_DIR	"sql"
#endif

struct config cfg;

enum { STR, INT, CURRENCY, NODES, PERCENT };

static const struct setting {
	const char	*key;
	int		 type;
	size_t		 off;
	const char	*def;
	int		 min, max;
} settings[] = {
	{ "db_host",		  STR, offsetof(struct config, db_host), "", 0, 0 },
	{ "db_port",		  INT, offsetof(struct config, db_port), "3306", 0, 65535 },
	{ "db_hosts",		  NODES, offsetof(struct config, db_hosts), "", 0, 0 },
	{ "db_socket",		  STR, offsetof(struct config, db_socket), "", 0, 0 },
	{ "db_name",		  STR, offsetof(struct config, db_name), "booking", 0, 0 },
	{ "db_user",		  STR, offsetof(struct config, db_user), "booking", 0, 0 },
	{ "db_password",	  STR, offsetof(struct config, db_password), "", 0, 0 },
	{ "migrate_user",	  STR, offsetof(struct config, migrate_user), "", 0, 0 },
	{ "migrate_password",	  STR, offsetof(struct config, migrate_password), "", 0, 0 },
	{ "log_file",		  STR, offsetof(struct config, log_file), "", 0, 0 },
	{ "templates",		  STR, offsetof(struct config, templates), TEMPLATES_DIR, 0, 0 },
	{ "po",			  STR, offsetof(struct config, po), PO_DIR, 0, 0 },
	{ "default_language",	  STR, offsetof(struct config, default_language), "en", 0, 0 },
	{ "common_passwords",	  STR, offsetof(struct config, common_passwords), DATA_DIR "/common-passwords.txt", 0, 0 },
	{ "openapi",		  STR, offsetof(struct config, openapi), DATA_DIR "/openapi.json", 0, 0 },
	{ "migrations",		  STR, offsetof(struct config, migrations), MIGRATIONS_DIR, 0, 0 },
	{ "timezone",		  STR, offsetof(struct config, timezone), "UTC", 0, 0 },
	{ "currency",		  CURRENCY, offsetof(struct config, currency), "EUR", 0, 0 },
	{ "site_name",		  STR, offsetof(struct config, site_name), "booking", 0, 0 },
	{ "site_address",	  STR, offsetof(struct config, site_address), "", 0, 0 },
	{ "tax_id",		  STR, offsetof(struct config, tax_id), "", 0, 0 },
	{ "tax_percent",	  PERCENT, offsetof(struct config, tax_bp), "0", 0, 10000 },
	{ "prices_include_tax",	  INT, offsetof(struct config, prices_include_tax), "1", 0, 1 },
	{ "threads",		  INT, offsetof(struct config, threads), "4", 1, 512 },
	{ "max_body",		  INT, offsetof(struct config, max_body), "262144", 1024, 16777216 },
	{ "hold_minutes",	  INT, offsetof(struct config, hold_minutes), "15", 1, 10080 },
	{ "guest_booking",	  INT, offsetof(struct config, guest_booking), "1", 0, 1 },
	{ "refund_full_hours",	  INT, offsetof(struct config, refund_full_hours), "24", 0, 100000 },
	{ "refund_partial_hours", INT, offsetof(struct config, refund_partial_hours), "6", 0, 100000 },
	{ "refund_partial_percent", INT, offsetof(struct config, refund_partial_percent), "50", 0, 100 },
	{ "session_idle_minutes", INT, offsetof(struct config, session_idle_minutes), "30", 1, 100000 },
	{ "session_max_hours",	  INT, offsetof(struct config, session_max_hours), "12", 1, 10000 },
	{ "login_failures",	  INT, offsetof(struct config, login_failures), "5", 1, 1000000 },
	{ "mfa_required_for_admins", INT, offsetof(struct config, mfa_required_for_admins), "1", 0, 1 },
	{ "mfa_remember_days",	  INT, offsetof(struct config, mfa_remember_days), "30", 1, 365 },
	{ "login_failures_account", INT, offsetof(struct config, login_failures_account), "50", 1, 1000000 },
	{ "password_min_score",	  INT, offsetof(struct config, password_min_score), "3", 0, 4 },
	{ "argon2_memory_kib",	  INT, offsetof(struct config, argon2_memory_kib), "19456", 8, 4194304 },
	{ "argon2_iterations",	  INT, offsetof(struct config, argon2_iterations), "3", 1, 100 },
	{ "site_url",		  STR, offsetof(struct config, site_url), "https://localhost", 0, 0 },
	{ "sendmail",		  STR, offsetof(struct config, sendmail), "/usr/sbin/sendmail -t -i", 0, 0 },
	{ "sms_command",	  STR, offsetof(struct config, sms_command), "", 0, 0 },
	{ "mail_from",		  STR, offsetof(struct config, mail_from), "booking@localhost", 0, 0 },
	{ "webhook_secret",	  STR, offsetof(struct config, webhook_secret), "", 0, 0 },
	{ "totp_key",		  STR, offsetof(struct config, totp_key), "", 0, 0 },
	{ "payment_url",	  STR, offsetof(struct config, payment_url), "", 0, 0 },
	{ "test_faults",	  INT, offsetof(struct config, test_faults), "0", 0, 1 },
};

#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))

/* One entry of a db_hosts list, e (n bytes, trimmed), into *node. */
static int
parse_node(const char *e, size_t n, struct config_node *node, char *err, int errlen)
{
	const char *host = e, *port = NULL, *close;
	size_t hlen = n;
	char *end;
	long v;

	if (n > 0 && *e == '[') {
		/* An IPv6 address: its colons are not the port's. */
		if ((close = memchr(e, ']', n)) == NULL)
			goto bad;
		host = e + 1;
		hlen = (size_t)(close - host);
		if (close + 1 < e + n) {
			if (close[1] != ':')
				goto bad;
			port = close + 2;
		}
	} else if ((close = memchr(e, ':', n)) != NULL) {
		if (memchr(close + 1, ':', (size_t)(e + n - close - 1)) != NULL) {
			snprintf(err, errlen, "db_hosts: '%.*s': write an IPv6 address"
			    " in brackets, as [::1]:3306", (int)n, e);
			return -1;
		}
		hlen = (size_t)(close - e);
		port = close + 1;
	}
	if (hlen == 0 || hlen >= sizeof(node->host) ||
	    strcspn(host, " \t[],") < hlen)
		goto bad;
	memcpy(node->host, host, hlen);
	node->host[hlen] = '\0';
	node->port = 0;
	if (port == NULL)
		return 0;
	errno = 0;
	v = strtol(port, &end, 10);
	if (port == e + n || !isdigit((unsigned char)*port) || end != e + n ||
	    errno || v < 1 || v > 65535)
		goto bad;
	node->port = (int)v;
	return 0;
bad:
	snprintf(err, errlen, "db_hosts: '%.*s' is not host, host:port or"
	    " [address]:port", (int)n, e);
	return -1;
}

int
config_nodes(const char *list, struct config_node *out, int max,
    char *err, int errlen)
{
	const char *p = list, *e, *comma;
	size_t n;
	int count = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0')
		return 0;
	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		for (e = p; n > 0 && isspace((unsigned char)*e); n--)
			e++;
		while (n > 0 && isspace((unsigned char)e[n - 1]))
			n--;
		if (n == 0) {
			snprintf(err, errlen, "db_hosts: an empty entry in '%s'", list);
			return -1;
		}
		if (count == max) {
			snprintf(err, errlen, "db_hosts: more than %d nodes", max);
			return -1;
		}
		if (parse_node(e, n, &out[count], err, errlen) != 0)
			return -1;
		count++;
		if (comma == NULL)
			return count;
		p = comma + 1;
	}
}

/* A percentage with up to two decimals ("19", "7.7"), kept in hundredths. */
static int
set_percent(const struct setting *s, const char *value, char *err, int errlen)
{
	const char *p = value;
	long v = 0;
	int decimals = -1;

	for (; *p != '\0' && v <= s->max; p++) {
		if (*p == '.' && decimals < 0 && p != value) {
			decimals = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || decimals == 2)
			break;
		v = v * 10 + (*p - '0');
		if (decimals >= 0)
			decimals++;
	}
	for (; decimals < 2; decimals = decimals < 0 ? 1 : decimals + 1)
		v *= 10;
	if (*p != '\0' || p == value || p[-1] == '.' || v > s->max) {
		snprintf(err, errlen, "%s: expected a percentage from 0 to 100 like 19"
		    " or 7.7, got '%s'", s->key, value);
		return -1;
	}
	*(int *)((char *)&cfg + s->off) = (int)v;
	return 0;
}

static int
set(const struct setting *s, const char *value, char *err, int errlen)
{
	char *end;
	long v;

	/* An ISO 4217 code: three capital letters. */
	if (s->type == CURRENCY && (strlen(value) != 3 ||
	    strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)) {
		snprintf(err, errlen, "%s: expected an ISO 4217 code like EUR, got '%s'",
		    s->key, value);
		return -1;
	}
	if (s->type == NODES && (cfg.db_nnodes = config_nodes(value, cfg.db_nodes,
	    CONFIG_NODES_MAX, err, errlen)) < 0) {
		cfg.db_nnodes = 0;
		return -1;
	}
	if (s->type == PERCENT)
		return set_percent(s, value, err, errlen);
	if (s->type != INT) {
		char **slot = (char **)((char *)&cfg + s->off);

		free(*slot);
		*slot = xstrdup(value);
		return 0;
	}
	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end != '\0' || v < s->min || v > s->max) {
		snprintf(err, errlen, "%s: expected a whole number from %d to %d, got '%s'",
		    s->key, s->min, s->max, value);
		return -1;
	}
	*(int *)((char *)&cfg + s->off) = (int)v;
	return 0;
}

static const struct setting *
find(const char *key)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	return NULL;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
config_read(FILE *f, const char *name, char *err, int errlen)
{
	char line[1024], *key, *value, *eq;
	const struct setting *s;
	int lineno = 0;
	size_t len;

	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		len = strlen(line);
		/* A longer line would be read as two: the rest of a value could
		 * set another key. */
		if (len == sizeof(line) - 1 && line[len - 1] != '\n' && !feof(f)) {
			snprintf(err, errlen, "%s:%d: line longer than %zu characters",
			    name, lineno, sizeof(line) - 2);
			return -1;
		}
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value", name, lineno);
			return -1;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		if ((s = find(key)) == NULL) {
			snprintf(err, errlen, "%s:%d: unknown setting '%s'", name, lineno, key);
			return -1;
		}
		if (set(s, value, err, errlen) != 0)
			return -1;
	}
	return 0;
}

static int
load_file(const char *path, char *err, int errlen)
{
	FILE *f;
	int rc;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = config_read(f, path, err, errlen);
	fclose(f);
	return rc;
}

int
config_load(const char *path, char *err, int errlen)
{
	char name[64], *value;
	size_t i, j;

	for (i = 0; i < NSETTINGS; i++)
		if (set(&settings[i], settings[i].def, err, errlen) != 0)
			return -1;
	if (path != NULL && *path != '\0' && load_file(path, err, errlen) != 0)
		return -1;
	for (i = 0; i < NSETTINGS; i++) {
		snprintf(name, sizeof(name), "BOOKING_%s", settings[i].key);
		for (j = 8; name[j]; j++)
			name[j] = (char)toupper((unsigned char)name[j]);
		if ((value = getenv(name)) != NULL &&
		    set(&settings[i], value, err, errlen) != 0)
			return -1;
	}
	return 0;
}
