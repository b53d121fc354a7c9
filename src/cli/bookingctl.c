/* cli/bookingctl.c: the operator command: migrations, users, slot generation, jobs */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/mailer.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/fmt.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/booking.h"
#include "domain/catalog.h"
#include "domain/mail.h"
#include "domain/mfa.h"
#include "domain/report.h"
#include "domain/reviews.h"
#include "domain/slotgen.h"
#include "http/form.h"
#include "http/input.h"
#include "http/tmpl.h"
#include "site.h"

static const char usage_text[] =
"usage: bookingctl <command> [options]\n"
"\n"
"Commands:\n"
"  migrate                 apply the numbered schema files (NNN_name.sql) in\n"
"                          the migrations directory that are not yet recorded\n"
"                          in the database, in order; safe to run again;\n"
"                          connects as migrate_user when that is set\n"
"  user add --email E --name N [--admin]\n"
"                          create a user (a customer, or an admin with\n"
"                          --admin); the password is read from BOOKING_PASSWORD\n"
"                          or, when that is unset, from the first line of\n"
"                          standard input\n"
"  generate-slots --room ID --from YYYY-MM-DD --to YYYY-MM-DD\n"
"                 [--day-start HH:MM] [--day-end HH:MM] [--length MINUTES]\n"
"                 [--weekdays mon,tue,...] [--exclude YYYY-MM-DD,...]\n"
"                 [--price 12.50] [--capacity N] [--dry-run]\n"
"                          create a room's timeslots for a date range, as the\n"
"                          admin page does: working hours 09:00-17:00, 30\n"
"                          minutes, Monday to Friday unless told; never a\n"
"                          second slot for the same room and start, so it is\n"
"                          safe to run twice; --dry-run only counts\n"
"  expire-holds            cancel unpaid bookings whose hold has run out,\n"
"                          freeing their seats (run it every minute or so)\n"
"  run-jobs [--loop] [--interval SECONDS] [--now 'YYYY-MM-DD HH:MM:SS']\n"
"                          one pass of the background work: expire unpaid\n"
"                          holds, queue due reminders, forget sign-ups and\n"
"                          password resets whose link expired and failed\n"
"                          logins older than a day, deliver the mail outbox\n"
"                          through the sendmail setting (failures retried after\n"
"                          1 min, 5 min, 30 min and 2 h, then failed); --loop\n"
"                          repeats every --interval seconds (default 30) until\n"
"                          SIGTERM; --now acts as if it were that UTC time\n"
"                          (tests). Several runners may run at once.\n"
"  check [--fix]           recount every timeslot's seats, and each session's\n"
"                          report tally, from the bookings, and each room's\n"
"                          shown reviews, and list each whose counter\n"
"                          (timeslots.booked, rooms.review_count) or tally\n"
"                          drifted; exits\n"
"                          1 when one did, unless --fix set it right\n"
"  encrypt-totp-secrets    encrypt the two-factor secrets stored before they\n"
"                          were (with totp_key; the workers also do each one\n"
"                          the next time its code is accepted)\n"
"  report --from YYYY-MM-DD --to YYYY-MM-DD [--room ID]\n"
"                          run every admin report over those days (at most\n"
"                          366) and print each one's rows and milliseconds\n"
"                          (bench/reports)\n"
"  help, --help            show this text\n"
"\n"
"Settings come from the file named by BOOKING_CONFIG, then BOOKING_*\n"
"variables, exactly as for the workers.\n";

static int
usage(FILE *f, int status)
{
	fputs(usage_text, f);
	return status;
}

static int
is_migration(const char *name)
{
	size_t len = strlen(name);

	return len > 8 && name[0] >= '0' && name[0] <= '9' &&
	    name[1] >= '0' && name[1] <= '9' && name[2] >= '0' && name[2] <= '9' &&
	    name[3] == '_' && strcmp(name + len - 4, ".sql") == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text;
	long len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = xmalloc((size_t)len + 1);
	if (fread(text, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		free(text);
		return NULL;
	}
	text[len] = '\0';
	fclose(f);
	return text;
}

static int
cmd_migrate(struct db *db, struct arena *a)
{
	struct db_res *done;
	struct dirent *e;
	char **names = NULL, *text, *path;
	int n = 0, cap = 0, i, applied = 0, rc = 0;
	DIR *d;

	if (db_exec(db,
	    "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
	    " name VARCHAR(200) NOT NULL,"
	    " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
	    ") ENGINE=InnoDB", "") < 0) {
		fprintf(stderr, "migrate: %s\n", db_error(db));
		return 1;
	}
	if ((d = opendir(cfg.migrations)) == NULL) {
		fprintf(stderr, "migrate: cannot open %s\n", cfg.migrations);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_migration(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, (size_t)cap * sizeof(*names));
		}
		names[n++] = arena_strdup(a, e->d_name);
	}
	closedir(d);
	if (n > 0)	/* names is still NULL when the folder holds none */
		qsort(names, (size_t)n, sizeof(*names), by_name);
	/* Before applying any: once one of two is applied, the other looks done. */
	for (i = 1; i < n && rc == 0; i++)
		if (atoi(names[i - 1]) == atoi(names[i])) {
			fprintf(stderr, "migrate: two files are numbered %03d\n", atoi(names[i]));
			rc = 1;
		}
	for (i = 0; i < n && rc == 0; i++) {
		int version = atoi(names[i]);

		done = db_query(db, a, "SELECT 1 FROM schema_migrations WHERE version = ?",
		    "i", version);
		if (done == NULL) {
			fprintf(stderr, "migrate: %s\n", db_error(db));
			rc = 1;
			break;
		}
		if (done->nrows > 0)
			continue;
		path = arena_printf(a, "%s/%s", cfg.migrations, names[i]);
		if ((text = read_file(path)) == NULL) {
			fprintf(stderr, "migrate: cannot read %s\n", path);
			rc = 1;
			break;
		}
		if (db_script(db, text) != OK ||
		    db_exec(db, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
		    "is", version, names[i]) < 0) {
			fprintf(stderr, "migrate: %s: %s\n", names[i], db_error(db));
			rc = 1;
		} else {
			printf("applied %s\n", names[i]);
			applied++;
		}
		free(text);
	}
	free(names);
	if (rc == 0)
		printf("schema up to date (%d applied now)\n", applied);
	return rc;
}

static char *
read_password(void)
{
	char line[1024];
	const char *env = getenv("BOOKING_PASSWORD");
	size_t len;

	if (env != NULL)
		return xstrdup(env);
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "password: ");
	if (fgets(line, sizeof(line), stdin) == NULL)
		return NULL;
	len = strcspn(line, "\r\n");
	line[len] = '\0';
	return xstrdup(line);
}

static int
cmd_user_add(struct db *db, int argc, char **argv)
{
	const char *email = NULL, *name = NULL, *problem;
	char *pw, *hash;
	int admin = 0, i, rc;
	long long id = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--email") == 0 && i + 1 < argc)
			email = argv[++i];
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (strcmp(argv[i], "--admin") == 0)
			admin = 1;
		else {
			fprintf(stderr, "user add: unexpected '%s'\n", argv[i]);
			return usage(stderr, 2);
		}
	}
	if (email == NULL || name == NULL || *name == '\0') {
		fprintf(stderr, "user add: --email and --name are required\n");
		return 2;
	}
	if ((problem = auth_email_problem(email)) != NULL) {
		fprintf(stderr, "user add: email %s\n", problem);
		return 2;
	}
	if ((pw = read_password()) == NULL) {
		fprintf(stderr, "user add: no password given\n");
		return 2;
	}
	if ((problem = auth_password_problem(pw, email, name)) != NULL) {
		fprintf(stderr, "user add: password %s\n", problem);
		free(pw);
		return 2;
	}
	hash = auth_hash_password(pw);
	free(pw);
	if (hash == NULL)
		return 1;
	rc = account_add(db, NULL, AUDIT_USER_ADDED, email, name, hash,
	    admin ? "admin" : "customer", &id);
	free(hash);
	if (rc == CONFLICT) {
		fprintf(stderr, "user add: a user with email %s already exists\n", email);
		return 1;
	}
	if (rc != OK) {
		fprintf(stderr, "user add: %s\n", db_error(db));
		return 1;
	}
	printf("created %s %s (id %lld)\n", admin ? "admin" : "customer", email, id);
	return 0;
}

/* The migration path of two-factor secrets stored before they were
 * encrypted: all of them at once (the workers do each on its next use). */
static int
cmd_encrypt_totp(struct db *db, struct arena *a)
{
	int n = 0, rc = mfa_seal_all(db, a, &n);

	if (rc == INVALID) {
		fprintf(stderr, "encrypt-totp-secrets: totp_key is not set\n");
		return 1;
	}
	if (rc != OK) {
		fprintf(stderr, "encrypt-totp-secrets: %s\n", db_error(db));
		return 1;
	}
	printf("encrypt-totp-secrets: %d secrets encrypted\n", n);
	return 0;
}

/* A bar on a terminal; nothing when the output goes to a file. */
static void
progress(int done, int total)
{
	int width = 40, filled = total > 0 ? done * width / total : width;

	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r[%.*s%*s] %d/%d days", filled,
	    "########################################", width - filled, "", done, total);
	if (done == total)
		fputc('\n', stderr);
}

static int
cmd_generate(struct db *db, struct arena *a, int argc, char **argv)
{
	static const char *const opts[][2] = {
		{ "--room", "roomId" }, { "--from", "from" }, { "--to", "to" },
		{ "--day-start", "dayStart" }, { "--day-end", "dayEnd" },
		{ "--length", "length" }, { "--weekdays", "weekdays" },
		{ "--exclude", "excludedDates" }, { "--price", "price" },
		{ "--capacity", "capacity" },
	};
	struct slotgen *g = arena_alloc(a, sizeof(*g));
	struct slotgen_counts counts = { 0, 0 };
	struct kvlist fields = { NULL, 0, 0 };
	struct form f;
	size_t j;
	int i, dry = 0, rc;

	/* The same checks as the admin page and API: the options become
	 * the fields they send. */
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0) {
			dry = 1;
			continue;
		}
		for (j = 0; j < sizeof(opts) / sizeof(opts[0]); j++)
			if (strcmp(argv[i], opts[j][0]) == 0 && i + 1 < argc)
				break;
		if (j == sizeof(opts) / sizeof(opts[0])) {
			fprintf(stderr, "generate-slots: unexpected '%s'\n", argv[i]);
			return usage(stderr, 2);
		}
		kv_add(a, &fields, opts[j][1], argv[++i]);
	}
	form_init_fields(&f, a, &fields);
	input_slotgen(&f, g);
	rc = slotgen_run(db, a, g, dry, &f.errors, &counts, progress);
	if (rc == INVALID || rc == OVERLAPS) {
		for (i = 0; i < f.errors.n; i++)
			fprintf(stderr, "generate-slots: %s\n", f.errors.v[i].message);
		return rc == INVALID ? 2 : 1;
	}
	if (rc == NOT_FOUND) {
		fprintf(stderr, "generate-slots: there is no room %lld\n", g->room_id);
		return 1;
	}
	if (rc != OK) {
		fprintf(stderr, "generate-slots: %s\n", db_error(db));
		return 1;
	}
	printf("%s %lld timeslots, skipped %lld that already exist\n",
	    dry ? "would create" : "created", counts.created, counts.skipped);
	return 0;
}

static int
cmd_expire_holds(struct db *db, struct arena *a)
{
	int n = booking_expire_holds(db, a, NULL);

	if (n < 0) {
		fprintf(stderr, "expire-holds: %s\n", db_error(db));
		return 1;
	}
	printf("released %d expired holds\n", n);
	return 0;
}

static int
cmd_check(struct db *db, struct arena *a, int argc, char **argv)
{
	struct seat_drift *d;
	struct tally_drift *td;
	struct review_drift *rd;
	long long checked, tallies, rooms;
	int i, n, nt, nr, fix = argc == 1 && strcmp(argv[0], "--fix") == 0;

	if (argc > 0 && !fix) {
		fprintf(stderr, "check: unexpected '%s'\n", argv[0]);
		return usage(stderr, 2);
	}
	if (booking_seats_check(db, a, fix, &d, &n, &checked) != OK ||
	    report_tallies_check(db, a, fix, &td, &nt, &tallies) != OK ||
	    review_counts_check(db, a, fix, &rd, &nr, &rooms) != OK) {
		fprintf(stderr, "check: %s\n", db_error(db));
		return 1;
	}
	for (i = 0; i < n; i++)
		printf("timeslot %lld: counter %lld, bookings holding seats %lld%s\n",
		    d[i].slot_id, d[i].booked, d[i].counted, fix ? " (fixed)" : "");
	printf("checked %lld timeslots: %d with a drifted seat counter%s\n", checked, n,
	    fix && n > 0 ? ", fixed" : "");
	for (i = 0; i < nt; i++)
		printf("report tally of timeslot %lld (room %lld, %s): %lld seats, %lld"
		    " bookings receiving %s; counted: %lld seats, %lld receiving %s%s\n",
		    td[i].slot_id, td[i].room_id, td[i].start, td[i].seats, td[i].n,
		    money_fmt(a, td[i].received), td[i].seats_counted, td[i].counted,
		    money_fmt(a, td[i].received_counted), fix ? " (fixed)" : "");
	printf("checked %lld report tallies: %d drifted from their bookings%s\n", tallies, nt,
	    fix && nt > 0 ? ", fixed" : "");
	for (i = 0; i < nr; i++)
		printf("room %lld: %lld reviews rated %lld in all; counted: %lld rated %lld%s\n",
		    rd[i].room_id, rd[i].kept.count, rd[i].kept.rating_sum,
		    rd[i].counted.count, rd[i].counted.rating_sum, fix ? " (fixed)" : "");
	printf("checked %lld rooms: %d with drifted review counts%s\n", rooms, nr,
	    fix && nr > 0 ? ", fixed" : "");
	return (n > 0 || nt > 0 || nr > 0) && !fix ? 1 : 0;
}

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* One pass: holds, reminders, then the outbox until nothing is due (or
 * SIGTERM, once the message in hand is done). */
static int
run_pass(struct db *db, struct arena *a, const char *now, int quiet)
{
	int expired, queued = 0, sent = 0, failed = 0, one, rc;

	if ((expired = booking_expire_holds(db, a, now)) < 0 ||
	    mail_queue_reminders(db, a, now, &queued) != OK ||
	    account_links_purge(db, now) != OK || auth_failures_purge(db, now) != OK) {
		fprintf(stderr, "run-jobs: %s\n", db_error(db));
		return 1;
	}
	while (!stopping && (rc = mail_deliver_next(db, a, now, mailer_send, NULL,
	    &one)) == OK) {
		sent += one;
		failed += !one;
		arena_reset(a);
	}
	if (!stopping && rc != NOT_FOUND) {
		fprintf(stderr, "run-jobs: %s\n", db_error(db));
		return 1;
	}
	/* A looping runner's log says only what it did. */
	if (quiet && expired + queued + sent + failed == 0)
		return 0;
	printf("run-jobs: released %d expired holds, queued %d reminders,"
	    " sent %d messages, %d failed\n", expired, queued, sent, failed);
	fflush(stdout);
	return 0;
}

static int
cmd_run_jobs(struct db *db, struct arena *a, int argc, char **argv)
{
	struct sigaction sa;
	const char *now = NULL;
	char *err = NULL, stamp[20];
	long long interval = 30;
	int i, loop = 0, rc;
	time_t t;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--loop") == 0)
			loop = 1;
		else if (strcmp(argv[i], "--interval") == 0 && i + 1 < argc &&
		    int_parse(argv[i + 1], 1, 86400, &interval) == 0)
			i++;
		else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc &&
		    dbtime_parse(argv[i + 1], &t) == 0) {
			dbtime_from(t, stamp);
			now = stamp;
			i++;
		} else {
			fprintf(stderr, "run-jobs: unexpected '%s'\n", argv[i]);
			return usage(stderr, 2);
		}
	}
	if (tmpl_init(cfg.templates, &err) != 0) {
		fprintf(stderr, "run-jobs: templates: %s\n", err);
		free(err);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);	/* a sendmail that exits early is a failure */
	do {
		rc = run_pass(db, a, now, loop);
		arena_reset(a);
		for (i = 0; loop && !stopping && i < interval; i++)
			sleep(1);
	} while (loop && !stopping);
	return rc;
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Each report the admin pages run, timed as they run it: one statement. */
static int
cmd_report(struct db *db, struct arena *a, int argc, char **argv)
{
	static const char *const names[] = { "occupancy", "events", "hours", "attendance",
	    "revenue-room", "revenue-event", "revenue-month", "revenue-day" };
	const char *from = NULL, *to = NULL;
	struct report_range rg;
	struct report_seats *seats;
	struct report_attendance *at;
	struct report_money *m;
	struct timespec t0;
	long long room = 0;
	int i, n, rc, days;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else if (strcmp(argv[i], "--room") == 0 && i + 1 < argc &&
		    int_parse(argv[i + 1], 1, ID_MAX, &room) == 0)
			i++;
		else {
			fprintf(stderr, "report: unexpected '%s'\n", argv[i]);
			return usage(stderr, 2);
		}
	}
	days = from && to ? date_diff_days(from, to) : -1;
	if (days < 0 || days >= REPORT_DAYS_MAX ||
	    report_range_init(&rg, from, to, room) != OK) {
		fprintf(stderr, "report: --from and --to must be dates, at most %d days apart,"
		    " the first first\n", REPORT_DAYS_MAX);
		return 2;
	}
	printf("%-16s %8s %10s\n", "report", "rows", "ms");
	for (i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		switch (i) {
		case 0:
			rc = report_occupancy(db, a, &rg, &seats, &n);
			break;
		case 1:
			rc = report_events(db, a, &rg, &seats, &n);
			break;
		case 2:
			rc = report_hours(db, a, &rg, &seats, &n);
			break;
		case 3:
			rc = report_attendance(db, a, &rg, &at, &n);
			break;
		default:
			rc = report_revenue(db, a, &rg, (enum report_by)(i - 4), &m, &n);
		}
		if (rc != OK) {
			fprintf(stderr, "report: %s\n", db_error(db));
			return 1;
		}
		printf("%-16s %8d %10.1f\n", names[i], n, ms_since(&t0));
		arena_reset(a);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct arena a;
	struct db *db;
	int rc;

	if (argc < 2)
		return usage(stderr, 2);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0 ||
	    strcmp(argv[1], "-h") == 0)
		return usage(stdout, 0);
	if (strcmp(argv[1], "migrate") != 0 && strcmp(argv[1], "expire-holds") != 0 &&
	    strcmp(argv[1], "check") != 0 &&
	    strcmp(argv[1], "generate-slots") != 0 && strcmp(argv[1], "run-jobs") != 0 &&
	    strcmp(argv[1], "encrypt-totp-secrets") != 0 &&
	    strcmp(argv[1], "report") != 0 &&
	    !(strcmp(argv[1], "user") == 0 && argc > 2 && strcmp(argv[2], "add") == 0)) {
		fprintf(stderr, "bookingctl: unknown command '%s'\n", argv[1]);
		return usage(stderr, 2);
	}
	if (site_config() != OK)
		return 1;
	arena_init(&a);
	/* Only migrations change the schema, under an account of their own:
	 * the workers' may read and write rows, nothing more. */
	if (strcmp(argv[1], "migrate") == 0 && *cfg.migrate_user)
		db = db_open_as(cfg.migrate_user, cfg.migrate_password);
	else
		db = db_open();
	if (strcmp(argv[1], "migrate") == 0)
		rc = cmd_migrate(db, &a);
	else if (strcmp(argv[1], "expire-holds") == 0)
		rc = cmd_expire_holds(db, &a);
	else if (strcmp(argv[1], "check") == 0)
		rc = cmd_check(db, &a, argc - 2, argv + 2);
	else if (strcmp(argv[1], "run-jobs") == 0)
		rc = cmd_run_jobs(db, &a, argc - 2, argv + 2);
	else if (strcmp(argv[1], "generate-slots") == 0)
		rc = cmd_generate(db, &a, argc - 2, argv + 2);
	else if (strcmp(argv[1], "encrypt-totp-secrets") == 0)
		rc = cmd_encrypt_totp(db, &a);
	else if (strcmp(argv[1], "report") == 0)
		rc = cmd_report(db, &a, argc - 2, argv + 2);
	else
		rc = cmd_user_add(db, argc - 3, argv + 3);
	db_close(db);
	arena_free(&a);
	return rc;
}
