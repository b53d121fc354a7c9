/* pages/admin_mail.c: /admin/mail: the outbox and reminders by status, failed
 * messages with their error and "send again", payments that need a look */
#include <string.h>

#include "core/fmt.h"
#include "core/lang.h"
#include "domain/mail.h"
#include "domain/payments.h"
#include "handlers.h"
#include "http/request.h"
#include "http/tmpl.h"
#include "pages/page.h"

#define MAIL_ROWS	100

static const char *const statuses[] = { "failed", "pending", "sent", NULL };

int
admin_mail(struct req *r)
{
	struct mail_count *counts;
	struct mail_row *rows;
	struct payment_row *pays;
	struct tmpl *t, *row;
	const char *status;
	int i, n, nrows, npays;

	if (req_enum_opt(r, "status", statuses, &status) != OK)
		return ERR;
	if (status == NULL)
		status = "failed";
	if (mail_counts(r->db, r->arena, &counts, &n) != OK ||
	    mail_list(r->db, r->arena, status, MAIL_ROWS, &rows, &nrows) != OK ||
	    payment_attention(r->db, r->arena, MAIL_ROWS, &pays, &npays) != OK)
		return ERR;
	t = page_admin_begin(r, "admin_mail.tpl", _("Mail and payments"));
	tmpl_set(t, "STATUS", status);
	for (i = 0; i < n; i++) {
		row = tmpl_section(t, "COUNT");
		tmpl_set(row, "TABLE", counts[i].table);
		tmpl_set(row, "STATUS", counts[i].status);
		tmpl_set_int(row, "N", counts[i].n);
	}
	for (i = 0; statuses[i] != NULL; i++) {
		row = tmpl_section(t, "TAB");
		tmpl_set(row, "TAB", statuses[i]);
		if (strcmp(statuses[i], status) == 0)
			tmpl_show(row, "CURRENT");
	}
	for (i = 0; i < nrows; i++) {
		row = tmpl_section(t, "MESSAGE");
		tmpl_set_int(row, "ID", rows[i].id);
		tmpl_set(row, "KIND", rows[i].kind);
		tmpl_set(row, "TO", rows[i].to);
		tmpl_set_int(row, "ATTEMPTS", rows[i].attempts);
		tmpl_set(row, "ERROR", rows[i].last_error ? rows[i].last_error : "");
		tmpl_set(row, "CREATED", fmt_local(r->arena, rows[i].created_at, FMT_WHEN));
		tmpl_set(row, "WHEN", fmt_local(r->arena, rows[i].sent_at ? rows[i].sent_at :
		    rows[i].next_attempt_at, FMT_WHEN));
		if (rows[i].booking_id != 0)
			tmpl_set_int(tmpl_section(row, "BOOKING"), "BOOKING_ID", rows[i].booking_id);
		if (strcmp(status, "pending") != 0)
			tmpl_set_int(tmpl_section(row, "RETRY"), "ID", rows[i].id);
	}
	if (nrows == 0)
		tmpl_show(t, "NO_MESSAGES");
	for (i = 0; i < npays; i++) {
		row = tmpl_section(t, "PAYMENT");
		tmpl_set(row, "EVENT", pays[i].event_id);
		tmpl_set(row, "TYPE", pays[i].type);
		tmpl_set_int(row, "BOOKING_ID", pays[i].booking_id);
		tmpl_set(row, "AMOUNT", money_show(r->arena, pays[i].amount));
		tmpl_set(row, "OUTCOME", pays[i].outcome);
		tmpl_set(row, "RECEIVED", fmt_local(r->arena, pays[i].received_at, FMT_WHEN));
	}
	if (npays == 0)
		tmpl_show(t, "NO_PAYMENTS");
	if (kv_get(&r->params, "queued") != NULL)
		tmpl_show(t, "QUEUED");
	return page_end(r, 200);
}

int
admin_mail_retry(struct req *r)
{
	long long id;
	int rc;

	if (req_id(r, "id", &id) != OK)
		return ERR;
	if ((rc = mail_retry(r->db, id)) == NOT_FOUND)
		return reply_error(r, 404, "not_found",
		    "There is no message %lld that has been sent or has failed.", id);
	if (rc != OK)
		return ERR;
	return reply_redirect(r, "/admin/mail?status=pending&queued=1");
}
