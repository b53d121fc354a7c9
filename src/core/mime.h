/* core/mime.h: the pieces of an Internet message: base64 bodies, RFC 2047
 * headers, RFC 5322 dates, iCalendar text */
#ifndef MIME_H
#define MIME_H

#include <stddef.h>
#include <time.h>

struct buf;

/* Appends data as base64 in lines of 76 characters, each ending CRLF. */
void	mime_base64(struct buf *, const void *data, size_t len);
/* Appends text for a header: as it is when it is printable ASCII, else as
 * RFC 2047 encoded words (UTF-8, base64), none longer than 75 characters
 * and none splitting a character, folded onto lines of their own. */
void	mime_header_text(struct buf *, const char *text);
/* Appends "name <address>", the name quoted or encoded as it needs. */
void	mime_address(struct buf *, const char *name, const char *address);
/* Appends t as an RFC 5322 date in UTC: "Tue, 01 Dec 2026 08:19:17 +0000". */
void	mime_date(struct buf *, time_t t);
/* Appends text as an iCalendar TEXT value: backslash, comma, semicolon
 * and newline escaped. */
void	ics_text(struct buf *, const char *text);
/* Appends one content line "NAME:value" (value already escaped) folded at
 * 75 octets, never inside a character, each line ending CRLF. */
void	ics_line(struct buf *, const char *name, const char *value);

#endif
