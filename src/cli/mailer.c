/* cli/mailer.c: turns an outbox row into a MIME message (templates, .ics)
 * and hands it to the sendmail command */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli/mailer.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/fmt.h"
#include "core/ical.h"
#include "core/lang.h"
#include "core/mime.h"
#include "domain/account.h"
#include "domain/auth.h"
#include "domain/mail.h"
#include "http/tmpl.h"

/* What each kind says: its subject, the template section, the calendar
 * method of its .ics (NULL: none attached), and whether it is about a
 * booking (its subject then goes on with what and when, else with the
 * site's name). */
static const struct {
	const char	*kind;
	const char	*subject;
	const char	*section;
	const char	*method;
	int		 booking;
} kinds[] = {
	/* TRANSLATORS: mail subjects; %s is the site's name, or what is
	 * booked and when */
	{ "welcome",	  N_("Welcome to %s"),		"WELCOME",	NULL, 0 },
	{ "signup_confirm", N_("Confirm your address for %s"), "SIGNUP_CONFIRM", NULL, 0 },
	{ "signup_taken", N_("Someone tried to sign up with your address at %s"),
							"SIGNUP_TAKEN",	NULL, 0 },
	{ "password_reset", N_("Choose a new password at %s"), "PASSWORD_RESET", NULL, 0 },
	{ "created",	  N_("Booked, payment due: %s"),	"CREATED",	NULL, 1 },
	{ "confirmed",	  N_("Confirmed: %s"),		"CONFIRMED",	"REQUEST", 1 },
	{ "cancelled",	  N_("Cancelled: %s"),		"CANCELLED",	"CANCEL", 1 },
	{ "rescheduled",  N_("Moved: %s"),		"RESCHEDULED",	"REQUEST", 1 },
	{ "hold_expired", N_("Released, not paid: %s"),	"HOLD_EXPIRED",	NULL, 1 },
	{ "reminder_24h", N_("Tomorrow: %s"),		"REMINDER",	NULL, 1 },
	{ "reminder_1h",  N_("In an hour: %s"),		"REMINDER",	NULL, 1 },
	{ "promoted",	  N_("A seat is free for you — book by %s"), "PROMOTED", NULL, 1 },
	{ "awaiting_approval", N_("Awaiting approval: %s"), "AWAITING",	NULL, 1 },
	{ "approved",	  N_("Approved, payment due: %s"), "APPROVED",	NULL, 1 },
	{ "declined",	  N_("Declined: %s"),		"DECLINED",	NULL, 1 },
};

/* The facts of a message, from its data. */
struct facts {
	long long	 booking_id;
	const char	*name;
	const char	*room;
	const char	*event;
	const char	*start;
	const char	*end;
	const char	*pay_by;
	const char	*ticket;	/* the ticket code, in a confirmation */
	long long	 price;
	long long	 refund;
	long long	 sequence;
	long long	 base;
	long long	 discount;
	long long	 tax;
	long long	 order_id;
	int		 guest;		/* a guest's booking: no account to log in to */
};

static const char *
get_str(struct arena *a, struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return arena_strdup(a, json_object_get_string(v));
}

static long long
get_int(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : 0;
}

static int
facts_parse(struct arena *a, const char *data, struct facts *f)
{
	struct json_object *o = json_tokener_parse(data ? data : ""), *v;

	if (o == NULL || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return ERR;
	}
	f->booking_id = get_int(o, "bookingId");
	f->name = get_str(a, o, "name");
	f->room = get_str(a, o, "room");
	f->event = get_str(a, o, "event");
	f->start = get_str(a, o, "start");
	f->end = get_str(a, o, "end");
	f->pay_by = get_str(a, o, "payBy");
	f->ticket = get_str(a, o, "ticket");
	f->price = get_int(o, "price");
	f->refund = get_int(o, "refund");
	f->sequence = get_int(o, "sequence");
	f->base = get_int(o, "base");
	f->discount = get_int(o, "discount");
	f->tax = get_int(o, "tax");
	f->order_id = get_int(o, "orderId");
	f->guest = json_object_object_get_ex(o, "guest", &v) && json_object_get_boolean(v);
	json_object_put(o);
	return OK;
}

/* "Yoga (Room A)" or "Room A". */
static const char *
what(struct arena *a, const struct facts *f)
{
	if (f->event != NULL && *f->event != '\0')
		return arena_printf(a, "%s (%s)", f->event, f->room ? f->room : "");
	return f->room ? f->room : "";
}

static const char *
when(struct arena *a, const struct facts *f)
{
	return arena_printf(a, "%s-%s", fmt_local(a, f->start, FMT_WHEN),
	    fmt_local(a, f->end, FMT_TIME));
}

/* The booking as an iCalendar object: one UID per booking, SEQUENCE
 * counting its moves, so a calendar updates the entry it has (the feeds
 * give the same UID). */
static void
ics(struct buf *b, struct arena *a, const struct mail_msg *m, const struct facts *f,
    const char *method, time_t now)
{
	struct ical_event e;

	memset(&e, 0, sizeof(e));
	if (dbtime_parse(f->start, &e.start) != 0 || dbtime_parse(f->end, &e.end) != 0)
		e.start = e.end = now;
	e.kind = "booking";
	e.id = f->booking_id;
	e.sequence = f->sequence;
	e.stamp = now;
	e.summary = what(a, f);
	e.location = f->room;
	e.url = m->manage != NULL ? arena_printf(a, "%s/b/%s", cfg.site_url, m->manage) :
	    arena_printf(a, "%s/bookings/%lld", cfg.site_url, f->booking_id);
	e.status = strcmp(method, "CANCEL") == 0 ? "CANCELLED" : "CONFIRMED";
	e.attendee_name = f->name;
	e.attendee_email = m->to;
	ical_begin(b, "mail", method, NULL, e.start, e.start);
	ical_event(b, &e);
	ical_end(b);
}

/* Expands mail/file with d into b as one base64 body part. */
static int
part(struct buf *b, const char *boundary, const char *type, const char *file,
    struct tmpl *d, char *err, size_t errlen)
{
	char *text, *terr = NULL;
	size_t len;

	if ((text = tmpl_expand(file, d, &len, &terr)) == NULL) {
		snprintf(err, errlen, "%s", terr ? terr : "template failed");
		free(terr);
		return ERR;
	}
	buf_printf(b, "--%s\r\nContent-Type: %s; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", boundary, type);
	mime_base64(b, text, len);
	free(text);
	return OK;
}

static void
fill(struct tmpl *d, struct arena *a, const struct mail_msg *m, const struct facts *f,
    const char *section, const char *subject)
{
	tmpl_set(d, "SUBJECT", subject);
	tmpl_set(d, "NAME", f->name);
	tmpl_set(d, "SITE_NAME", cfg.site_name);
	tmpl_set(d, "SITE_URL", cfg.site_url);
	tmpl_set(d, "WHAT", what(a, f));
	tmpl_set(d, "WHEN", when(a, f));
	tmpl_set(d, "PRICE", money_show(a, f->price));
	tmpl_set(d, "PAY_BY", fmt_local(a, f->pay_by, FMT_WHEN));
	tmpl_set(d, "SOON", strcmp(m->kind, "reminder_1h") == 0 ? _("in an hour") :
	    _("tomorrow"));
	tmpl_show(d, section);
	if (f->ticket != NULL && strcmp(m->kind, "confirmed") == 0)
		tmpl_set(tmpl_section(d, "TICKET"), "TICKET", f->ticket);
	if (f->refund > 0 && strcmp(m->kind, "cancelled") == 0)
		tmpl_set(tmpl_section(d, "REFUND"), "REFUND", money_show(a, f->refund));
	tmpl_set(d, "LOGIN_URL", arena_printf(a, "%s/login", cfg.site_url));
	tmpl_set(d, "FORGOT_URL", arena_printf(a, "%s/password/forgot", cfg.site_url));
	tmpl_set_int(d, "SIGNUP_HOURS", SIGNUP_HOURS);
	tmpl_set_int(d, "RESET_MINUTES", RESET_MINUTES);
	if (m->link != NULL)
		tmpl_set(d, "LINK_URL", arena_printf(a, "%s/%s/%s", cfg.site_url,
		    strcmp(m->kind, "password_reset") == 0 ? "password/reset" :
		    m->manage != NULL ? "guest/verify" : "register/confirm", m->link));
	/* What was paid for, in its parts, and the order's receipt. */
	if ((f->discount > 0 || f->tax > 0) && (strcmp(m->kind, "created") == 0 ||
	    strcmp(m->kind, "confirmed") == 0)) {
		struct tmpl *p = tmpl_section(d, "PARTS");

		tmpl_set(p, "BASE", money_show(a, f->base));
		tmpl_set(p, "DISCOUNT", money_show(a, f->discount));
		tmpl_set(p, "TAX", money_show(a, f->tax));
	}
	if (f->order_id != 0 && strcmp(m->kind, "confirmed") == 0)
		tmpl_set(tmpl_section(d, "RECEIPT"), "RECEIPT_URL",
		    m->manage != NULL ? arena_printf(a, "%s/b/%s/receipt", cfg.site_url, m->manage) :
		    arena_printf(a, "%s/orders/%lld/receipt", cfg.site_url, f->order_id));
	/* A guest has no account to see the booking in: its own link instead. */
	if (m->manage != NULL)
		tmpl_set(tmpl_section(d, "MANAGE"), "MANAGE_URL",
		    arena_printf(a, "%s/b/%s", cfg.site_url, m->manage));
	else if (m->booking_id != 0)
		tmpl_set(tmpl_section(d, "BOOKING"), "BOOKING_URL",
		    arena_printf(a, "%s/bookings/%lld", cfg.site_url, m->booking_id));
	if (m->token != NULL)
		tmpl_set(tmpl_section(d, "UNSUBSCRIBE"), "UNSUBSCRIBE_URL",
		    arena_printf(a, "%s/unsubscribe/%s", cfg.site_url, m->token));
}

int
mailer_sms_text(struct arena *a, const struct mail_msg *m, struct buf *out,
    char *err, size_t errlen)
{
	struct facts f;
	struct tmpl *d;
	char *text, *terr = NULL;
	size_t len;

	if (facts_parse(a, m->data, &f) != OK) {
		snprintf(err, errlen, "cannot render a %s message from its data", m->kind);
		return ERR;
	}
	lang_use(lang_find(m->language));
	d = tmpl_new();
	tmpl_set(d, "SITE_NAME", cfg.site_name);
	tmpl_set(d, "WHAT", what(a, &f));
	tmpl_set(d, "WHEN", when(a, &f));
	tmpl_set(d, "BOOKING_URL", arena_printf(a, "%s/bookings/%lld", cfg.site_url,
	    f.booking_id));
	text = tmpl_expand("mail/sms.txt.tpl", d, &len, &terr);
	tmpl_free(d);
	if (text == NULL) {
		snprintf(err, errlen, "%s", terr ? terr : "template failed");
		free(terr);
		return ERR;
	}
	buf_add(out, text, len);
	free(text);
	return OK;
}

int
mailer_render(struct arena *a, const struct mail_msg *m, time_t now, struct buf *out,
    char *err, size_t errlen)
{
	const char *subject, *mixed, *alt, *method, *section;
	struct facts f;
	struct buf ics_text_buf;
	struct tmpl *d;
	size_t k;
	int rc;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (strcmp(kinds[k].kind, m->kind) == 0)
			break;
	if (k == sizeof(kinds) / sizeof(kinds[0]) ||
	    facts_parse(a, m->data, &f) != OK) {
		snprintf(err, errlen, "cannot render a %s message from its data", m->kind);
		return ERR;
	}
	/* In the recipient's language, .ics summary and all. */
	lang_use(lang_find(m->language));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* The subjects are the literals of kinds[], each with one %s. */
	subject = arena_printf(a, _(kinds[k].subject), !kinds[k].booking ? cfg.site_name :
	    arena_printf(a, "%s%s, %s", strcmp(m->kind, "promoted") == 0 ?
	    arena_printf(a, "%s: ", fmt_local(a, f.pay_by, FMT_TIME)) : "",
	    what(a, &f), fmt_local(a, f.start, FMT_WHEN)));
#pragma GCC diagnostic pop
	method = kinds[k].method;
	section = kinds[k].section;
	/* A guest's new booking asks first for the address to be proved. */
	if (m->manage != NULL && m->link != NULL && strcmp(m->kind, "created") == 0) {
		subject = arena_printf(a, _("Confirm your booking: %s, %s"), what(a, &f),
		    fmt_local(a, f.start, FMT_WHEN));
		section = "GUEST_VERIFY";
	}
	mixed = arena_printf(a, "=_mixed_%lld_%s", m->id, auth_random_hex(a, 8));
	alt = arena_printf(a, "=_alt_%lld_%s", m->id, auth_random_hex(a, 8));

	buf_puts(out, "Date: ");
	mime_date(out, now);
	buf_printf(out, "\r\nFrom: %s\r\nTo: ", cfg.mail_from);
	mime_address(out, f.name, m->to);
	buf_puts(out, "\r\nSubject: ");
	mime_header_text(out, subject);
	buf_printf(out, "\r\nMessage-ID: <mail-%lld@%s>\r\nMIME-Version: 1.0\r\n"
	    "Auto-Submitted: auto-generated\r\n", m->id, ical_site_host(a));
	if (m->token != NULL)
		buf_printf(out, "List-Unsubscribe: <%s/unsubscribe/%s>\r\n"
		    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
		    cfg.site_url, m->token);
	if (method != NULL)
		buf_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
		    "--%s\r\n", mixed, mixed);
	buf_printf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", alt);

	d = tmpl_new();
	fill(d, a, m, &f, section, subject);
	if (strcmp(section, "GUEST_VERIFY") == 0 && f.price > 0)
		tmpl_show(d, "GUEST_PAY");
	rc = part(out, alt, "text/plain", "mail/message.txt.tpl", d, err, errlen);
	if (rc == OK)
		rc = part(out, alt, "text/html", "mail/message.html.tpl", d, err, errlen);
	tmpl_free(d);
	if (rc != OK)
		return ERR;
	buf_printf(out, "--%s--\r\n", alt);
	if (method != NULL) {
		buf_init(&ics_text_buf, a);
		ics(&ics_text_buf, a, m, &f, method, now);
		buf_printf(out, "--%s\r\nContent-Type: text/calendar; charset=utf-8;"
		    " method=%s; name=\"booking.ics\"\r\nContent-Disposition: attachment;"
		    " filename=\"booking-%lld.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		    mixed, method, f.booking_id);
		mime_base64(out, ics_text_buf.data, ics_text_buf.len);
		buf_printf(out, "--%s--\r\n", mixed);
	}
	return OK;
}

/* A command setting as an argument vector: split on spaces, no shell,
 * then last (NULL: nothing) as one more argument. */
static char **
command(struct arena *a, const char *setting, const char *last)
{
	char **argv = arena_calloc(a, 34, sizeof(*argv)), *s, *tok, *save = NULL;
	int n = 0;

	s = arena_strdup(a, setting);
	for (tok = strtok_r(s, " \t", &save); tok != NULL && n < 32;
	    tok = strtok_r(NULL, " \t", &save))
		argv[n++] = tok;
	if (n == 0)
		return NULL;
	argv[n] = (char *)last;
	return argv;
}

/* Writes all of data to fd; -1 when the reader went away. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t w;

	while (len > 0) {
		if ((w = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Runs the command with the message on stdin; what it says on stderr
 * becomes the reason when it fails. */
static int
pipe_to(char **argv, const char *setting, const struct buf *msg, char *err,
    size_t errlen)
{
	FILE *errs;
	int in[2], status, wrote;
	size_t n;
	pid_t pid;

	if (argv == NULL) {
		snprintf(err, errlen, "the %s setting is empty", setting);
		return -1;
	}
	if ((errs = tmpfile()) == NULL || pipe(in) != 0) {
		snprintf(err, errlen, "cannot start %s: %s", argv[0], strerror(errno));
		if (errs != NULL)
			fclose(errs);
		return -1;
	}
	if ((pid = fork()) < 0) {
		snprintf(err, errlen, "cannot start %s: %s", argv[0], strerror(errno));
		close(in[0]);
		close(in[1]);
		fclose(errs);
		return -1;
	}
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(fileno(errs), STDOUT_FILENO);
		dup2(fileno(errs), STDERR_FILENO);
		close(in[0]);
		close(in[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	close(in[0]);
	wrote = write_all(in[1], msg->data, msg->len);
	close(in[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (wrote == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		fclose(errs);
		return 0;
	}
	rewind(errs);
	n = fread(err, 1, errlen - 1, errs);
	fclose(errs);
	while (n > 0 && (err[n - 1] == '\n' || err[n - 1] == '\r'))
		n--;
	err[n] = '\0';
	if (n == 0 && WIFEXITED(status))
		snprintf(err, errlen, "%s exited with status %d", argv[0], WEXITSTATUS(status));
	else if (n == 0)
		snprintf(err, errlen, "%s was killed by signal %d", argv[0],
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}

int
mailer_send(void *ctx, struct arena *a, const struct mail_msg *m, char *err,
    size_t errlen)
{
	struct buf msg;

	(void)ctx;
	buf_init(&msg, a);
	if (strcmp(m->kind, "sms_reminder") == 0) {
		if (mailer_sms_text(a, m, &msg, err, errlen) != OK)
			return -1;
		return pipe_to(command(a, cfg.sms_command, m->to), "sms_command", &msg,
		    err, errlen);
	}
	if (mailer_render(a, m, time(NULL), &msg, err, errlen) != OK)
		return -1;
	return pipe_to(command(a, cfg.sendmail, NULL), "sendmail", &msg, err, errlen);
}
