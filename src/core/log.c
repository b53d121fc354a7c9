/* core/log.c: the worker's log: one line per event, nothing in it can forge another */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"

#define LOG_LINE	4096	/* longer lines are cut */

size_t
log_escape(char *dst, size_t cap, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s;
	size_t n = 0;

	if (cap == 0)
		return 0;
	for (s = (const unsigned char *)src; *s; s++) {
		if (*s < 0x20 || *s == 0x7f) {
			if (n + 4 >= cap)
				break;
			dst[n++] = '\\';
			dst[n++] = 'x';
			dst[n++] = hex[*s >> 4];
			dst[n++] = hex[*s & 15];
		} else if (*s == '\\') {
			if (n + 2 >= cap)
				break;
			dst[n++] = '\\';
			dst[n++] = '\\';
		} else {
			if (n + 1 >= cap)
				break;
			dst[n++] = (char)*s;
		}
	}
	dst[n] = '\0';
	return n;
}

void
log_msg(const char *fmt, ...)
{
	char raw[LOG_LINE], line[LOG_LINE + 1];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	n = log_escape(line, sizeof(line) - 1, raw);
	line[n++] = '\n';
	/* One write: lines of threads and processes sharing the file never
	 * interleave (the file is opened for appending). */
	if (write(STDERR_FILENO, line, n) < 0)
		return;		/* nowhere left to say so */
}

int
log_reopen(const char *path)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0)
		return -1;
	/* dup2 swaps the descriptor at once: a thread writing meanwhile
	 * writes whole lines to the old log or the new one. */
	if (fd != STDERR_FILENO) {
		if (dup2(fd, STDERR_FILENO) < 0) {
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}
