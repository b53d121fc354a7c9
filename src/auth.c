/* auth.c: passwords, sessions, CSRF, API tokens */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <argon2.h>

#include "arena.h"
#include "auth.h"
#include "config.h"

#define SALT_LEN	16
#define HASH_LEN	32
#define PARALLELISM	1

void
auth_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	ssize_t got;

	while (n > 0) {
		got = getrandom(p, n, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			perror("getrandom");
			abort();
		}
		p += got;
		n -= (size_t)got;
	}
}

const char *
auth_password_problem(const char *pw)
{
	size_t chars = 0;
	const char *p;

	for (p = pw; *p; p++)
		if ((*p & 0xc0) != 0x80)
			chars++;
	if (chars < PASSWORD_MIN)
		return "must be at least 12 characters long";
	if (chars > PASSWORD_MAX)
		return "must be at most 128 characters long";
	return NULL;
}

char *
auth_hash_password(const char *pw)
{
	unsigned char salt[SALT_LEN];
	uint32_t t = (uint32_t)cfg.argon2_iterations;
	uint32_t m = (uint32_t)cfg.argon2_memory_kib;
	size_t len = argon2_encodedlen(t, m, PARALLELISM, SALT_LEN, HASH_LEN, Argon2_id);
	char *out = xmalloc(len);
	int rc;

	auth_random(salt, sizeof(salt));
	rc = argon2id_hash_encoded(t, m, PARALLELISM, pw, strlen(pw), salt,
	    sizeof(salt), HASH_LEN, out, len);
	if (rc != ARGON2_OK) {
		fprintf(stderr, "argon2: %s\n", argon2_error_message(rc));
		free(out);
		return NULL;
	}
	return out;
}

int
auth_check_password(const char *hash, const char *pw)
{
	return argon2id_verify(hash, pw, strlen(pw)) == ARGON2_OK;
}

const char *
auth_email_problem(const char *email)
{
	const char *at = strchr(email, '@');
	size_t len = strlen(email);

	if (len > 254)
		return "must be at most 254 characters long";
	if (at == NULL || at == email || strchr(at + 1, '@') != NULL ||
	    strchr(at, '.') == NULL || at[1] == '.' || email[len - 1] == '.' ||
	    strpbrk(email, " \t\r\n<>()[],;:\"\\") != NULL)
		return "must be an address like name@example.com";
	return NULL;
}
