/* core/mime.c: the pieces of an Internet message: base64 bodies, RFC 2047
 * headers, RFC 5322 dates, iCalendar text */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/mime.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Appends the base64 of up to 3 bytes. */
static void
quantum(struct buf *b, const unsigned char *p, size_t n)
{
	char out[4];
	unsigned v = (unsigned)p[0] << 16;

	if (n > 1)
		v |= (unsigned)p[1] << 8;
	if (n > 2)
		v |= p[2];
	out[0] = b64[(v >> 18) & 63];
	out[1] = b64[(v >> 12) & 63];
	out[2] = n > 1 ? b64[(v >> 6) & 63] : '=';
	out[3] = n > 2 ? b64[v & 63] : '=';
	buf_add(b, out, 4);
}

void
mime_base64(struct buf *b, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i, col = 0;

	for (i = 0; i < len; i += 3) {
		quantum(b, p + i, len - i < 3 ? len - i : 3);
		if ((col += 4) == 76) {
			buf_add(b, "\r\n", 2);
			col = 0;
		}
	}
	if (col > 0)
		buf_add(b, "\r\n", 2);
}

static int
plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* The length of the UTF-8 sequence that starts with c (1 for a stray byte). */
static size_t
utf8_len(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

/* Encoded words hold 45 bytes at most: "=?UTF-8?B?" + 60 + "?=" is 72. */
#define WORD_BYTES	45

void
mime_header_text(struct buf *b, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n, len, take;
	int first = 1;

	if (plain_ascii(text)) {
		buf_puts(b, text);
		return;
	}
	len = strlen(text);
	while (len > 0) {
		/* Whole characters only, so every word decodes on its own. */
		for (take = 0; take < len; take += n) {
			n = utf8_len(p[take]);
			if (take + n > WORD_BYTES || take + n > len)
				break;
		}
		if (take == 0)
			take = len < WORD_BYTES ? len : WORD_BYTES;
		if (!first)
			buf_add(b, "\r\n ", 3);
		buf_puts(b, "=?UTF-8?B?");
		for (n = 0; n < take; n += 3)
			quantum(b, p + n, take - n < 3 ? take - n : 3);
		buf_puts(b, "?=");
		p += take;
		len -= take;
		first = 0;
	}
}

void
mime_address(struct buf *b, const char *name, const char *address)
{
	const char *s;

	if (name == NULL || *name == '\0') {
		buf_puts(b, address);
		return;
	}
	if (plain_ascii(name)) {
		buf_add(b, "\"", 1);
		for (s = name; *s; s++) {
			if (*s == '"' || *s == '\\')
				buf_add(b, "\\", 1);
			buf_add(b, s, 1);
		}
		buf_add(b, "\"", 1);
	} else
		mime_header_text(b, name);
	buf_printf(b, " <%s>", address);
}

void
mime_date(struct buf *b, time_t t)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	buf_printf(b, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
	    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
}

void
ics_text(struct buf *b, const char *text)
{
	for (; *text; text++) {
		if (*text == '\\' || *text == ',' || *text == ';')
			buf_add(b, "\\", 1);
		if (*text == '\n')
			buf_add(b, "\\n", 2);
		else if (*text != '\r')
			buf_add(b, text, 1);
	}
}

void
ics_line(struct buf *b, const char *name, const char *value)
{
	size_t col = strlen(name) + 1, n;
	const unsigned char *p = (const unsigned char *)value;

	buf_puts(b, name);
	buf_add(b, ":", 1);
	while (*p) {
		/* A sequence cut short by the end of the text ends there. */
		n = strnlen((const char *)p, utf8_len(*p));
		if (col + n > 75) {
			buf_add(b, "\r\n ", 3);
			col = 1;
		}
		buf_add(b, p, n);
		col += n;
		p += n;
	}
	buf_add(b, "\r\n", 2);
}
