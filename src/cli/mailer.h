/* cli/mailer.h: turns an outbox row into a MIME message (templates, .ics)
 * and hands it to the sendmail command */
#ifndef MAILER_H
#define MAILER_H

#include <stddef.h>
#include <time.h>

struct arena;
struct buf;
struct mail_msg;

/* The whole message for m, as of now (its Date and the .ics DTSTAMP):
 * OK, or ERR with a reason in err. */
int	mailer_render(struct arena *, const struct mail_msg *, time_t now,
	    struct buf *out, char *err, size_t errlen);
/* The text of an sms_reminder. */
int	mailer_sms_text(struct arena *, const struct mail_msg *, struct buf *out,
	    char *err, size_t errlen);
/* A mail_send_fn: renders m and pipes it to the sendmail setting's command,
 * which must exit 0; an sms_reminder's text goes to the sms_command
 * setting's command with the number as its last argument. */
int	mailer_send(void *ctx, struct arena *, const struct mail_msg *,
	    char *err, size_t errlen);

#endif
