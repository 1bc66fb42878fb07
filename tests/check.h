/* check.h - the one assertion of the C unit tests, and their ending. */
#ifndef DAEMON_STEPS_CHECK_H
#define DAEMON_STEPS_CHECK_H

#include <stdio.h>

static int failures;

/* CHECK(condition, printf-style message): counts and tells a failure, goes on. */
#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (!(cond)) {                                             \
			failures++;                                        \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);        \
			printf(__VA_ARGS__);                               \
			printf("\n");                                      \
		}                                                          \
	} while (0)

/* The last words of a test's main: the count, and the exit status. */
static inline int
checks_done(void)
{
	printf("%s: %d failures\n", failures ? "FAIL" : "ok", failures);
	return failures ? 1 : 0;
}

#endif
