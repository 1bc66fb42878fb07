/* ticker - a tiny daemon for daemon-trace's tests: writes its PID and a
 * count to FILE every 100 ms, so a test sees that it still works after the
 * detach. With --daemon3 it becomes a daemon with glibc's daemon(3) first
 * (one fork, setsid, chdir "/", 0-2 on /dev/null; no second fork, no umask).
 * Or it does the ACTIONs given, in order, one system call or so each, so
 * that a test makes the daemon it needs:
 *
 *     fork               fork; the parent exits
 *     fork,umask=MODE    fork; the parent sets the umask MODE, then exits
 *     setsid             setsid()
 *     lead-group         setpgid(0, 0): it leads a process group of its own
 *     setsid-unchecked   setsid(), and on whatever it returns, as a program
 *                        that does not look
 *     chdir=DIR          chdir(DIR)
 *     umask=MODE         umask(MODE), MODE in octal
 *     umask-then-back=MODE umask(MODE), then umask() back to what it was
 *     close-all          close every descriptor above 2
 *     close-stdio        close 0, 1 and 2 only (what a careless step 6 does)
 *     null-stdio         0, 1 and 2 onto /dev/null
 *     open=PATH          opens PATH (made if need be) and keeps it open
 *     pipe               makes a pipe and keeps both ends open (a call that
 *                        daemon-trace does not record gives descriptors)
 *     cloexec-exec       marks every descriptor above 2 close-on-exec, then
 *                        executes itself again with the actions after this one
 *     pid-file=PATH      writes its PID into PATH
 *     user=ID            setgroups(0), setgid(ID), setuid(ID): a privilege drop
 *     process-title      writes a title over its arguments and environment, as
 *                        nginx and redis do: /proc then shows none of the
 *                        environment it was executed with
 *     ids-by-number=ID   setresgid(-1, ID, -1), setresuid(-1, ID, -1) by their
 *                        system call numbers: built 32-bit for x86, the 16-bit
 *                        calls of C libraries older than Linux 2.4's *32 ones
 *                        (which glibc calls), "leave it" passed as the 16-bit
 *                        -1 those libraries passed, 0xffff; elsewhere the only
 *                        ones
 *
 * It ends by itself after 60 s, so a failed test cannot leave it for long.
 *
 *     ticker [--daemon3] [ACTION...] FILE
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The value of "name=value" when action is one, else NULL. */
static const char *
value_of(const char *action, const char *name)
{
	size_t len = strlen(name);

	return strncmp(action, name, len) == 0 && action[len] == '=' ? action + len + 1 : NULL;
}

static mode_t
octal(const char *text)
{
	return (mode_t)strtoul(text, NULL, 8);
}

/* Does one action; -1 when its call failed (perror said which). */
static int
act(const char *action)
{
	const char *value = NULL;
	int fd;

	if (strcmp(action, "fork") == 0 || (value = value_of(action, "fork,umask"))) {
		pid_t child = fork();
		if (child == -1)
			return perror("ticker: fork"), -1;
		if (child > 0) {
			if (strcmp(action, "fork") != 0)
				umask(octal(value));	/* after the fork: the child never gets it */
			_exit(0);
		}
	} else if (strcmp(action, "setsid") == 0) {
		if (setsid() == -1)
			return perror("ticker: setsid"), -1;
	} else if (strcmp(action, "lead-group") == 0) {
		if (setpgid(0, 0) == -1)
			return perror("ticker: setpgid"), -1;
	} else if (strcmp(action, "setsid-unchecked") == 0) {
		(void)setsid();
	} else if ((value = value_of(action, "chdir"))) {
		if (chdir(value) == -1)
			return perror("ticker: chdir"), -1;
	} else if ((value = value_of(action, "umask"))) {
		umask(octal(value));
	} else if ((value = value_of(action, "umask-then-back"))) {
		umask(umask(octal(value)));
	} else if (strcmp(action, "close-all") == 0) {
		for (fd = 3; fd < 1024; fd++)
			close(fd);
	} else if (strcmp(action, "close-stdio") == 0) {
		for (fd = 0; fd < 3; fd++)
			close(fd);
	} else if (strcmp(action, "null-stdio") == 0) {
		if ((fd = open("/dev/null", O_RDWR)) == -1)
			return perror("ticker: /dev/null"), -1;
		for (int std = 0; std < 3; std++)
			if (fd != std && dup2(fd, std) == -1)
				return perror("ticker: dup2"), -1;
		if (fd > 2)
			close(fd);
	} else if ((value = value_of(action, "open"))) {
		if (open(value, O_RDONLY | O_CREAT, 0644) == -1)
			return perror(value), -1;
	} else if (strcmp(action, "pipe") == 0) {
		int ends[2];
		if (pipe(ends) == -1)
			return perror("ticker: pipe"), -1;
	} else if ((value = value_of(action, "pid-file"))) {
		char line[24];
		int len = snprintf(line, sizeof line, "%d\n", (int)getpid());
		if ((fd = open(value, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) == -1 ||
		    write(fd, line, (size_t)len) != len || close(fd) == -1)
			return perror(value), -1;
	} else if ((value = value_of(action, "user"))) {
		unsigned id = (unsigned)strtoul(value, NULL, 10);
		if (setgroups(0, NULL) == -1 || setgid(id) == -1 || setuid(id) == -1)
			return perror("ticker: user"), -1;
	} else if ((value = value_of(action, "ids-by-number"))) {
		long id = strtol(value, NULL, 10);
#ifdef __i386__
		const long leave = 0xffff;	/* (old_uid_t)-1 */
#else
		const long leave = -1;
#endif
		if (syscall(SYS_setresgid, leave, id, leave) == -1 ||
		    syscall(SYS_setresuid, leave, id, leave) == -1)
			return perror("ticker: ids-by-number"), -1;
	} else {
		fprintf(stderr, "ticker: no such action: %s\n", action);
		return -1;
	}
	return 0;
}

/* The memory of argv and the environment, one block from argv[0] on,
 * zeroed, then a title: what ps and /proc/PID/cmdline show from now on. */
static void
write_process_title(int argc, char **argv)
{
	extern char **environ;
	char *end = argv[argc - 1] + strlen(argv[argc - 1]) + 1;

	for (char **e = environ; *e; e++)
		if (*e + strlen(*e) + 1 > end)
			end = *e + strlen(*e) + 1;
	memset(argv[0], 0, (size_t)(end - argv[0]));
	snprintf(argv[0], (size_t)(end - argv[0]), "trace-ticker: a title");
}

int
main(int argc, char **argv)
{
	const struct timespec tick = { 0, 100 * 1000 * 1000 };
	int daemon3 = argc > 2 && strcmp(argv[1], "--daemon3") == 0;
	/* the arguments copied, so that a process title may be written over argv */
	char **args = calloc((size_t)argc + 1, sizeof *args);

	if (args == NULL)
		return perror("ticker: calloc"), 1;
	for (int i = 0; i < argc; i++)
		if ((args[i] = strdup(argv[i])) == NULL)
			return perror("ticker: strdup"), 1;
	const char *file = argc > 1 + daemon3 ? args[argc - 1] : NULL;

	if (file == NULL) {
		fprintf(stderr, "usage: ticker [--daemon3] [ACTION...] FILE\n");
		return 2;
	}
	if (daemon3 && daemon(0, 0) == -1) {
		perror("ticker: daemon");
		return 1;
	}
	for (int i = 1 + daemon3; i < argc - 1; i++) {
		if (strcmp(args[i], "cloexec-exec") == 0) {
			for (int fd = 3; fd < 1024; fd++)
				(void)fcntl(fd, F_SETFD, FD_CLOEXEC);	/* EBADF: not open */
			args[i] = args[0];
			execv("/proc/self/exe", args + i);
			perror("ticker: exec");
			return 1;
		}
		if (strcmp(args[i], "process-title") == 0)
			write_process_title(argc, argv);
		else if (act(args[i]) == -1)
			return 1;
	}
	char next[4096];

	/* written beside and renamed: a reader never sees the file half-written */
	if (snprintf(next, sizeof next, "%s.next", file) >= (int)sizeof next)
		return 2;
	for (int count = 1; count <= 600; count++) {
		char line[64];
		int fd = open(next, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		int len = snprintf(line, sizeof line, "%d %d\n", (int)getpid(), count);

		if (fd == -1 || write(fd, line, (size_t)len) != len || close(fd) == -1 ||
		    rename(next, file) == -1)
			return 1;
		nanosleep(&tick, NULL);
	}
	return 0;
}
