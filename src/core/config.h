/* core/config.h: settings from one file plus BOOKING_* environment overrides */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdio.h>

/* One database node of db_hosts: a name or address, and its port (0:
 * db_port's). */
#define CONFIG_NODES_MAX	16
struct config_node {
	char	 host[256];
	int	 port;
};

struct config {
	char	*db_host;
	int	 db_port;
	/* "host:port,host:port,...": the nodes of a cluster (Galera), tried
	 * in turn; empty: db_host (or db_socket) alone */
	char	*db_hosts;
	struct config_node db_nodes[CONFIG_NODES_MAX];
	int	 db_nnodes;
	char	*db_socket;
	char	*db_name;
	char	*db_user;
	char	*db_password;
	/* bookingctl migrate's account, the only one allowed to change the
	 * schema; empty: db_user's */
	char	*migrate_user;
	char	*migrate_password;
	char	*log_file;		/* reopened on SIGHUP/USR1/USR2; empty: stderr as given */
	char	*templates;		/* directory of *.tpl */
	char	*po;		/* directory of the translations, CODE.po */
	char	*default_language;	/* for visitors who ask for none we have */
	char	*migrations;		/* directory of NNN_name.sql */
	char	*common_passwords;	/* file of passwords refused for new accounts */
	char	*openapi;		/* the API's OpenAPI document */
	char	*timezone;		/* site time zone, e.g. Europe/Berlin */
	char	*currency;		/* ISO 4217 code of every amount, e.g. EUR */
	char	*site_name;
	char	*site_address;		/* on receipts, one line */
	char	*tax_id;		/* on receipts: the VAT number */
	int	 tax_bp;		/* tax_percent in hundredths: 1900 is 19 % */
	int	 prices_include_tax;	/* 1: prices are gross, tax is part of them */
	int	 threads;		/* request threads per worker process */
	int	 max_body;		/* bytes; larger bodies get 413 */
	int	 hold_minutes;		/* how long a pending booking holds its seat */
	int	 guest_booking;		/* 1: visitors may book without an account */
	int	 refund_full_hours;	/* cancelled this long before: 100 % back */
	int	 refund_partial_hours;	/* this long before: refund_partial_percent */
	int	 refund_partial_percent;
	int	 session_idle_minutes;
	int	 session_max_hours;
	int	 login_failures;	/* failed logins from one address before lock-out */
	int	 login_failures_account; /* from all addresses: only clean ones may try */
	int	 password_min_score;	/* zxcvbn score (0-4) a new password needs */
	int	 mfa_required_for_admins;	/* 1: an admin logs in only with a second factor */
	int	 mfa_remember_days;	/* how long "remember this device" lasts */
	int	 argon2_memory_kib;
	int	 argon2_iterations;
	char	*site_url;		/* https://host[:port], for links in mail */
	char	*sendmail;		/* command delivering a message on stdin,
					 * split on spaces (no shell) */
	char	*mail_from;		/* From: of every message */
	char	*webhook_secret;	/* payment provider's HMAC key; "" refuses all */
	char	*sms_command;		/* command sending one SMS: the number its
					 * last argument, the text on stdin;
					 * "": no SMS reminders */
	char	*payment_url;		/* provider's pay page; "" pays at the desk */
	char	*totp_key;		/* 64 hex digits: the key two-factor secrets
					 * are stored under; never logged */
	/* Test stacks only: an X-Test-Fail-Statement: N request header makes
	 * the handler's Nth database statement and all after it fail;
	 * X-Test-Break-Session: N makes the Nth fail as a broken session's;
	 * X-Test-Begin-In-Vain: N fails the first N transaction starts with
	 * 1205; X-Test-Lose-Commit: 1 "loses" the commits' answers. */
	int	 test_faults;
};

extern struct config cfg;

/* Loads defaults, then the file (path may be NULL: defaults and environment
 * only), then BOOKING_<KEY> variables. Returns 0, or -1 with a message. */
int	config_load(const char *path, char *err, int errlen);
/* Applies the "key = value" lines of f (named name in messages) over the
 * settings in force. Returns 0, or -1 with a message. */
int	config_read(FILE *f, const char *name, char *err, int errlen);
/*
 * Parses a db_hosts list: entries "host", "host:port" or "[v6 address]:port"
 * separated by commas (spaces around them are ignored), at most max. Returns
 * the number of entries, or -1 with a message naming the wrong entry.
 */
int	config_nodes(const char *list, struct config_node *out, int max,
	    char *err, int errlen);

#endif
