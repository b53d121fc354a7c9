/* core/log.h: the worker's log: one line per event, nothing in it can forge another */
#ifndef LOG_H
#define LOG_H

#include <stddef.h>

/*
 * Writes one line to standard error (the worker's log) in a single write,
 * with every control character, DEL and backslash of the formatted text
 * escaped (\n becomes \x0a, \ becomes \\), so a value that came from outside
 * (a path, an email in a database error) can neither end the line nor
 * make up one of its own.
 */
void	log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The escaping log_msg does: src into dst (cap bytes, NUL-terminated,
 * cut short rather than overflowing). Returns the length written. */
size_t	log_escape(char *dst, size_t cap, const char *src);

/*
 * Makes path the log from now on: opens it for appending and puts it in
 * place of standard error, so a log rotated away is left behind (the
 * workers call it at start and on SIGHUP, SIGUSR1 or SIGUSR2). Returns -1,
 * keeping the old log, when path cannot be opened.
 */
int	log_reopen(const char *path);

#endif
