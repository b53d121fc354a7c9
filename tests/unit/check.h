/* check.h: a minimal test harness: CHECK() records failures, main reports */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond) do {						\
	check_count++;							\
	if (!(cond)) {							\
		check_failures++;					\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *check_a = (a), *check_b = (b);			\
	check_count++;							\
	if (check_a == NULL || check_b == NULL ||			\
	    strcmp(check_a, check_b) != 0) {				\
		check_failures++;					\
		fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__,	\
		    __LINE__, check_a ? check_a : "(null)",		\
		    check_b ? check_b : "(null)");			\
	}								\
} while (0)

#define RUN(fn) do {							\
	int before = check_failures;					\
	fn();								\
	fprintf(stderr, "%s %s\n", check_failures == before ?		\
	    "ok  " : "FAIL", #fn);					\
} while (0)

#endif
