/* auth.h: passwords, sessions, CSRF, API tokens */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>

#define PASSWORD_MIN	12
#define PASSWORD_MAX	128

/* Fills buf with n bytes from the kernel's random source; aborts if it
 * cannot (a worker must never run on predictable secrets). */
void		 auth_random(void *buf, size_t n);

/* Returns why a new password is not acceptable, or NULL. */
const char	*auth_password_problem(const char *password);
/* argon2id with a fresh salt and the configured cost; malloc'd string. */
char		*auth_hash_password(const char *password);
int		 auth_check_password(const char *hash, const char *password);

/* Returns why an email address is not acceptable, or NULL. */
const char	*auth_email_problem(const char *email);

#endif
