/* step5-umask - step 5 of 7: set the file mode creation mask, to 0 by default.
 *
 * Why a daemon needs it: the umask is inherited, and the user's may be 077 or
 * 002, or anything. A daemon that means its files to get the mode it asks
 * for in open() and mkdir() clears the mask, and then must ask for the right
 * mode every time: with a umask of 0, open(path, O_CREAT, 0666) makes a
 * world-writable file. (The log of this project is opened with mode 0600 for
 * that reason.)
 *
 * Usage: step5-umask [--mask MASK] [NEXT-PROGRAM [ARGS...]]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "steplib.h"

static const struct step_option options[] = {
	{ "mask", "MASK", "the new mask, in octal, 0 to 0777 (default: 0)" },
	{ NULL, NULL, NULL },
};

static const struct program program = {
	.name = "step5-umask",
	.step = "5",
	.synopsis = "[--mask MASK] [NEXT-PROGRAM [ARGS...]]",
	.purpose = "Step 5 of 7: umask(0), so files get exactly the modes the daemon asks\n"
		   "for; records the old mask and the new, then runs NEXT-PROGRAM.",
	.options = options,
};

/* An octal mask, 0 to 0777, and nothing else; -1 when text is not one. */
static long
parse_mask(const char *text)
{
	char *end;
	long mask;

	if (text[0] < '0' || text[0] > '7')
		return -1;
	errno = 0;
	mask = strtol(text, &end, 8);
	return (errno || *end || mask > 0777) ? -1 : mask;
}

int
main(int argc, char **argv)
{
	const char *values[1];
	int next = program_start(&program, argc, argv, values);
	long mask = values[0] ? parse_mask(values[0]) : 0;

	if (mask < 0)
		usage_error("--mask wants an octal number from 0 to 0777, not '%s'", values[0]);

	/*** the step ***/
	mode_t old = umask((mode_t)mask);		/* umask() cannot fail */

	char old_text[8], new_text[8];
	snprintf(old_text, sizeof old_text, "%04o", (unsigned)old);
	snprintf(new_text, sizeof new_text, "%04o", (unsigned)mask);
	if (record("after", "old_umask", old_text, (char *)NULL) == -1)
		fail("recording", errno, NULL, EXIT_SYSCALL_FAILED);

	/*** going on ***/
	continue_chain(argv + next, "umask changed from %s to %s", old_text, new_text);
}
