/* program.c - what every daemon-steps program shares: options, the log and
 * its place, errors (see program.h). */
#define _GNU_SOURCE
#include "program.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "logfmt.h"
#include "record.h"

enum { MAX_OPTIONS = 16 };

static const char *program_name_;
static const char *program_step;
static char log_path_[PATH_MAX];
static char pid_file_path_[PATH_MAX];
static char program_directory_[PATH_MAX];
static char start_directory[PATH_MAX];	/* the working directory at the start, "" if unknown */
static pid_t started_pid;	/* a forked child must leave by _exit */

const char *
program_name(void)
{
	return program_name_ ? program_name_ : "daemon-steps";
}

const char *
log_path(void)
{
	return log_path_;
}

const char *
pid_file_path(void)
{
	return pid_file_path_;
}

const char *
program_directory(void)
{
	return program_directory_;
}

const char *
program_start_directory(void)
{
	return start_directory;
}

/*** the log ***/

/* dir + "/" + name into out (name alone when dir is ""); -1 when too long. */
int
join_path(char *out, size_t size, const char *dir, const char *name)
{
	int n = dir[0] ? snprintf(out, size, "%s/%s", dir, name)
		       : snprintf(out, size, "%s", name);
	return (n < 0 || (size_t)n >= size) ? -1 : 0;
}

int
log_folder(char *folder, size_t size)
{
	int dir_len = (int)(strrchr(log_path_, '/') - log_path_);	/* the path is absolute */
	int n = snprintf(folder, size, "%.*s", dir_len, log_path_);

	return (n < 0 || (size_t)n >= size) ? -1 : 0;
}

int
path_beside_log(const char *name, char *out, size_t size)
{
	char folder[PATH_MAX];
	int n;

	if (log_folder(folder, sizeof folder) == -1)
		return -1;
	n = snprintf(out, size, "%s/%s", folder, name);
	return (n < 0 || (size_t)n >= size) ? -1 : 0;
}

/* Records an event; the extra key/value pairs are first_key, its value, then the rest of extras. */
static int
record_va_from(pid_t pid, const char *prog, const char *step, const char *event,
	       const char *first_key, va_list extras)
{
	struct logfmt_writer w;
	struct proc_state st;
	int readable;

	/* read the state first: opening the log takes a descriptor */
	readable = proc_state_read(pid, &st) == 0;
	record_begin(&w, getenv(ENV_RUN) ? getenv(ENV_RUN) : "?", prog, step, event);
	for (const char *key = first_key; key; key = va_arg(extras, const char *))
		record_field(&w, key, va_arg(extras, const char *));
	if (readable)
		record_state(&w, &st);
	else
		logfmt_addf(&w, "pid", "%d", (int)pid);
	return record_append(log_path_, &w);
}

static int
record_va(pid_t pid, const char *prog, const char *step, const char *event, va_list extras)
{
	const char *first_key = va_arg(extras, const char *);

	return record_va_from(pid, prog, step, event, first_key, extras);
}

int
record(const char *event, ...)
{
	va_list ap;
	int result;

	va_start(ap, event);
	result = record_va(getpid(), program_name(), program_step, event, ap);
	va_end(ap);
	return result;
}

int
record_process(pid_t pid, const char *prog, const char *step,
	       const char *event, ...)
{
	va_list ap;
	int result;

	va_start(ap, event);
	result = record_va(pid, prog, step, event, ap);
	va_end(ap);
	return result;
}

/*** errors ***/

void
report_failure(const char *call, int err, const char *hint)
{
	/* stderr may be gone (after step 6): then only the log tells */
	fprintf(stderr, "%s: %s failed: %s\n", program_name(), call, strerror(err));
	if (hint)
		fprintf(stderr, "%s: %s\n", program_name(), hint);
	fflush(stderr);
	if (hint)
		record("error", "call", call, "errno", errno_name(err),
		       "error", strerror(err), "hint", hint, (char *)NULL);
	else
		record("error", "call", call, "errno", errno_name(err),
		       "error", strerror(err), (char *)NULL);
}

noreturn void
fail(const char *call, int err, const char *hint, int code)
{
	report_failure(call, err, hint);
	if (getpid() != started_pid)
		_exit(code);	/* a forked child: the parent's stdio buffers are not ours to flush */
	exit(code);
}

noreturn void
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_name());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", program_name());
	exit(EXIT_USAGE);
}

/*** options ***/

/* A step's exit status: it runs the next program. */
static const char step_exits[] =
	"  0    success\n"
	"  1    a system call failed (setsid's EPERM included)\n"
	"  126  the next program was found but cannot be executed\n"
	"  127  the next program was not found\n";

/* A program's exit table, one line per code in increasing order (a line
 * without a code goes on the one before), with the usage code every program
 * shares put in its place. */
static void
print_exits(const char *exits)
{
	static const char usage[] =
		"  2    bad usage: unknown option, bad value, missing argument\n";
	int usage_told = 0;

	while (*exits) {
		size_t len = strcspn(exits, "\n");
		char *after_code;
		long code = strtol(exits, &after_code, 10);

		if (!usage_told && after_code != exits && code > 2) {
			fputs(usage, stdout);
			usage_told = 1;
		}
		printf("%.*s\n", (int)len, exits);
		exits += len + (exits[len] == '\n');
	}
	if (!usage_told)
		fputs(usage, stdout);
}

static void
print_help(const struct program *p)
{
	printf("Usage: %s%s%s\n\n%s\n\nOptions:\n", p->name, p->synopsis[0] ? " " : "",
	       p->synopsis, p->purpose);
	for (const struct step_option *o = p->options; o && o->name; o++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
		printf("  %-22s %s\n", left, o->help);
	}
	printf("  %-22s %s\n  %-22s %s\n", "--help", "show this help and exit",
	       "--version", "show the version and exit");
	printf("\nEnvironment:\n"
	       "  " ENV_LOG "   the transition log (default: $XDG_RUNTIME_DIR/daemon-steps/\n"
	       "                     transitions.log, else ${TMPDIR:-/tmp}/daemon-steps-$UID/...)\n"
	       "  " ENV_RUN "   the run id every record carries (made anew when unset)\n");
	if (p->step[0] >= '0' && p->step[0] <= '9')	/* a step (0a ... 8): it pauses */
		printf("  " ENV_PAUSE " seconds to wait after this step's record\n");
	printf("\nExit status:\n");
	print_exits(p->exits ? p->exits : step_exits);
}

static void
parse_options(const struct program *p, int argc, char **argv, const char **values)
{
	struct option longopts[MAX_OPTIONS + 3];
	size_t n = 0;
	int c;

	for (const struct step_option *o = p->options; o && o->name && n < MAX_OPTIONS; o++, n++) {
		longopts[n] = (struct option){ o->name, o->arg ? required_argument : no_argument,
					       NULL, (int)(n + 1) };
		values[n] = NULL;
	}
	longopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[n + 1] = (struct option){ "version", no_argument, NULL, 'V' };
	longopts[n + 2] = (struct option){ NULL, 0, NULL, 0 };

	opterr = 0;
	/* '+': stop at the first non-option, which is the next program;
	 * ':': tell a missing argument from an unknown option */
	while ((c = getopt_long(argc, argv, "+:", longopts, NULL)) != -1) {
		if (c == 'h') {
			print_help(p);
			exit(0);
		} else if (c == 'V') {
			printf("%s (daemon-steps) %s\n", p->name, PROJECT_VERSION);
			exit(0);
		} else if (c >= 1 && (size_t)c <= n) {
			values[c - 1] = optarg ? optarg : "";
		} else {
			char problem[256];
			option_problem(c, longopts, argv, problem, sizeof problem);
			usage_error("%s", problem);
		}
	}
}

void
option_problem(int returned, const struct option *longopts, char **argv, char *message,
	       size_t size)
{
	const char *given = argv[optind - 1];

	if (returned == ':') {
		snprintf(message, size, "option '%s' needs an argument", given);
		return;
	}
	for (const struct option *o = longopts; optopt && o->name; o++)
		if (o->val == optopt && o->has_arg == no_argument) {
			snprintf(message, size, "option '--%s' takes no argument", o->name);
			return;
		}
	snprintf(message, size, "unknown option '%s'", given);
}

/*** the log's place ***/

/* The folder of the log when DAEMON_STEPS_LOG is not set; -1 when too long. */
static int
default_log_directory(char *dir, size_t size)
{
	const char *runtime = getenv("XDG_RUNTIME_DIR");
	const char *tmp = getenv("TMPDIR");
	char per_user[64];

	if (runtime && runtime[0] == '/')
		return join_path(dir, size, runtime, "daemon-steps");
	snprintf(per_user, sizeof per_user, "daemon-steps-%u", (unsigned)getuid());
	return join_path(dir, size, tmp && tmp[0] == '/' ? tmp : "/tmp", per_user);
}

int
default_log_path(char *path, size_t size)
{
	char dir[PATH_MAX];

	if (default_log_directory(dir, sizeof dir) == -1)
		return -1;
	return join_path(path, size, dir, "transitions.log");
}

/*
 * The default log directory is private to the user: created 0700, and
 * refused when someone else could have made or changed it.
 */
static int
settle_default_directory(char *dir, size_t size)
{
	struct stat st;

	if (default_log_directory(dir, size) == -1) {
		fprintf(stderr, "%s: the log directory's path is too long\n", program_name());
		return -1;
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		fprintf(stderr, "%s: cannot create the log directory %s: %s\n",
			program_name(), dir, strerror(errno));
		return -1;
	}
	if (lstat(dir, &st) == -1) {
		fprintf(stderr, "%s: cannot check the log directory %s: %s\n",
			program_name(), dir, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: refusing the log directory %s: it is %s, not a directory\n",
			program_name(), dir, S_ISLNK(st.st_mode) ? "a symbolic link" : "a file");
		return -1;
	}
	if (st.st_uid != getuid()) {
		fprintf(stderr, "%s: refusing the log directory %s: it belongs to uid %u, not to you (%u)\n",
			program_name(), dir, (unsigned)st.st_uid, (unsigned)getuid());
		return -1;
	}
	if ((st.st_mode & 07777) != 0700) {
		fprintf(stderr, "%s: refusing the log directory %s: its mode is %04o, not 0700\n",
			program_name(), dir, (unsigned)(st.st_mode & 07777));
		return -1;
	}
	return 0;
}

/*
 * The log's path is made absolute before any step changes directory, without
 * resolving a symbolic link in its last component: the open must refuse that.
 */
int
settle_log_path(void)
{
	const char *given = getenv(ENV_LOG);
	char dir[PATH_MAX];
	int fits;

	if (given && given[0] == '/') {
		fits = join_path(log_path_, sizeof log_path_, "", given);
	} else if (given && given[0]) {
		char cwd[PATH_MAX];
		if (getcwd(cwd, sizeof cwd) == NULL) {
			fprintf(stderr, "%s: cannot make %s absolute: getcwd: %s\n",
				program_name(), ENV_LOG, strerror(errno));
			return -1;
		}
		fits = join_path(log_path_, sizeof log_path_, cwd, given);
	} else {
		if (settle_default_directory(dir, sizeof dir) == -1)
			return -1;
		fits = join_path(log_path_, sizeof log_path_, dir, "transitions.log");
	}
	if (fits == -1 ||
	    path_beside_log("heartbeatd.pid", pid_file_path_, sizeof pid_file_path_) == -1) {
		fprintf(stderr, "%s: the log's path is too long: %s\n", program_name(),
			log_path_);
		return -1;
	}
	/* inherited across exec: every program of the chain writes the same file */
	if (setenv(ENV_LOG, log_path_, 1) == -1) {
		fprintf(stderr, "%s: setenv: %s\n", program_name(), strerror(errno));
		return -1;
	}
	return 0;
}

static int
settle_run_id(void)
{
	char id[64];
	time_t now = time(NULL);
	struct tm utc;

	if (getenv(ENV_RUN) && getenv(ENV_RUN)[0])
		return 0;
	gmtime_r(&now, &utc);
	strftime(id, sizeof id, "%Y%m%d-%H%M%S", &utc);
	snprintf(id + strlen(id), sizeof id - strlen(id), "-%d", (int)getpid());
	return setenv(ENV_RUN, id, 1);
}

static void
settle_program_directory(void)
{
	ssize_t n = readlink("/proc/self/exe", program_directory_,
			     sizeof program_directory_ - 1);

	if (n <= 0) {
		program_directory_[0] = '\0';
		return;
	}
	program_directory_[n] = '\0';
	*strrchr(program_directory_, '/') = '\0';
}

int
program_setup(const struct program *p, int argc, char **argv, const char **values)
{
	program_name_ = p->name;
	program_step = p->step;
	started_pid = getpid();
	parse_options(p, argc, argv, values);
	settle_program_directory();
	if (getcwd(start_directory, sizeof start_directory) == NULL)
		start_directory[0] = '\0';	/* only a failure's message would name it */
	if (settle_log_path() == -1)
		exit(EXIT_SYSCALL_FAILED);
	if (settle_run_id() == -1) {
		fprintf(stderr, "%s: setenv: %s\n", p->name, strerror(errno));
		exit(EXIT_SYSCALL_FAILED);
	}
	return optind;
}

void
record_start(const char *key, ...)
{
	va_list ap;
	int result;

	va_start(ap, key);
	result = record_va_from(getpid(), program_name(), program_step, "start", key, ap);
	va_end(ap);
	if (result == -1) {
		fprintf(stderr, "%s: cannot write the log %s: %s\n", program_name(),
			log_path_, strerror(errno));
		if (errno == ELOOP)
			fprintf(stderr, "%s: the log is a symbolic link; refusing to follow it\n",
				program_name());
		exit(EXIT_SYSCALL_FAILED);
	}
}

int
program_start(const struct program *p, int argc, char **argv, const char **values)
{
	int next = program_setup(p, argc, argv, values);

	record_start(NULL);
	return next;
}

void
ensure_stdio_open(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (!fd_is_open(fd) && open("/dev/null", O_RDWR) == -1)
			exit(EXIT_SYSCALL_FAILED);	/* open() took fd, the lowest free number */
}

/*** where to replay a run ***/

/* The viewer beside this program, as the user can type it: "./build/bin/
 * daemon-viewer" below the working directory, else its whole path (or its
 * name alone, when this program's directory is not known). */
const char *
viewer_path(char *out, size_t size)
{
	char cwd[PATH_MAX];
	const char *dir = program_directory();
	size_t cwd_len;

	if (getcwd(cwd, sizeof cwd) && strcmp(cwd, "/") != 0 && (cwd_len = strlen(cwd)) &&
	    strncmp(dir, cwd, cwd_len) == 0 && dir[cwd_len] == '/')
		snprintf(out, size, ".%s/daemon-viewer", dir + cwd_len);
	else
		snprintf(out, size, "%s%sdaemon-viewer", dir, dir[0] ? "/" : "");
	return out;
}

/* A word as a shell reads it back: bare when it is made of characters no
 * shell treats specially, else in single quotes (a path may hold a space). */
static void
print_shell_word(const char *word)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				    "0123456789_./:=,+-@%";

	if (word[0] && word[strspn(word, plain)] == '\0') {
		fputs(word, stdout);
		return;
	}
	putchar('\'');
	for (const char *p = word; *p; p++)
		if (*p == '\'')
			fputs("'\\''", stdout);	/* end the quotes, a quoted ', quote again */
		else
			putchar(*p);
	putchar('\'');
}

/* The log, and the command that replays this run (naming the log when it is
 * not the one the viewer reads by default), ready to paste. */
void
print_where_to_replay(const char *run)
{
	char viewer[PATH_MAX], usual_log[PATH_MAX];
	int usual = default_log_path(usual_log, sizeof usual_log) == 0 &&
		    strcmp(usual_log, log_path()) == 0;

	printf("The log: %s\nReplay it: ", log_path());
	print_shell_word(viewer_path(viewer, sizeof viewer));
	printf(" --run %s", run);
	if (!usual) {
		putchar(' ');
		print_shell_word(log_path());
	}
	putchar('\n');
}
