/* daemon-viewer - replays, one transition at a time, how a program became a daemon.
 *
 * Reads the transition log that the step programs write (lib/logfmt.h) and
 * shows it full-screen (view.c), or, with --dump or when stdout is not a
 * terminal, prints the same frames as text (render.c), as ls and git adapt
 * to a pipe; with --html, writes them as one web page (html.c). It only
 * reads the log: it records nothing but the page it is asked for.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "html.h"
#include "model.h"
#include "render.h"
#include "program.h"
#include "terminal.h"
#include "view.h"

/* The viewer's exit codes; 1 and 2 mean what they mean for every program here. */
enum {
	EXIT_CANNOT_READ = EXIT_SYSCALL_FAILED,	/* the log is missing or unreadable */
	EXIT_NOTHING_TO_SHOW = 3		/* no record in the log, or no such run */
};

enum { DUMP_WIDTH_MIN = 80, DUMP_WIDTH_MAX = 400 };

static const char program[] = "daemon-viewer";

static void
print_help(void)
{
	printf("Usage: %s [OPTION]... [LOGFILE]\n\n"
	       "Replays, one transition at a time, how a program became a daemon: the\n"
	       "steps on a timeline, the process's IDs, terminal, directory, umask and\n"
	       "descriptors with every change marked, its sessions and process groups,\n"
	       "the daemon checklist, and why each step is needed.\n\n"
	       "LOGFILE defaults to the log daemon-demo writes: $" ENV_LOG ", else\n"
	       "$XDG_RUNTIME_DIR/daemon-steps/transitions.log, else\n"
	       "${TMPDIR:-/tmp}/daemon-steps-$UID/transitions.log.\n\n"
	       "Options:\n"
	       "  --dump          print every frame as text (the default when stdout\n"
	       "                  is not a terminal, or one that cannot move the cursor)\n"
	       "  --normalize     name processes P1, P2... and give times as seconds from\n"
	       "                  the run's start, so two runs of one story read the same\n"
	       "  --width N       columns of --dump's frames, 80 to 400 (default 80)\n"
	       "  --html FILE     write the run as one web page to FILE (- for stdout):\n"
	       "                  every frame, self-contained; keys as below, or buttons\n"
	       "  --code          each frame with the lines of code that made its change\n"
	       "                  (on the terminal: start with them shown; c toggles)\n"
	       "  --follow        keep reading records as they arrive (like tail -f); with\n"
	       "                  --run, from the run's first frame\n"
	       "  --run ID        replay run ID (default: the newest run)\n"
	       "  --predict       before each step's result, ask what it will change (y/n,\n"
	       "                  s skips), then mark the answers; q shows the score\n"
	       "  --list          list the runs in the log, newest first\n"
	       "  --help          show this help and exit\n"
	       "  --version       show the version and exit\n\n"
	       "Keys: Right/l/Space next, Left/h/Backspace previous, Home/g first,\n"
	       "End/G last, p play or pause, + and - speed, 1-7 jump to a step, c the\n"
	       "code beside the frame, ? help, q quit.\n\n"
	       "Lines of the log that are not records are skipped and counted.\n\n"
	       "Exit status:\n"
	       "  0  success\n"
	       "  1  the log cannot be read (missing, unreadable, not a file), or\n"
	       "     --html's page cannot be written\n"
	       "  2  bad usage: unknown option, bad value\n"
	       "  3  nothing to show: the log holds no record, or no run ID\n", program);
}

static _Noreturn void
usage(const char *fmt, const char *detail)
{
	fprintf(stderr, "%s: ", program);
	fprintf(stderr, fmt, detail);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", program);
	exit(EXIT_USAGE);
}

/* The log daemon-demo writes: $DAEMON_STEPS_LOG, else the default place. */
static const char *
log_of_the_demo(char *out, size_t size)
{
	const char *given = getenv(ENV_LOG);

	if (given && given[0])
		return given;
	if (default_log_path(out, size) == -1)
		usage("%s", "the default log's path is too long: name the log");
	return out;
}

struct options {
	int dump, normalize, follow, list, width, code, predict;
	const char *run_id;
	const char *html;	/* --html's file */
	const char *log;
};

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "dump", no_argument, NULL, 'd' },
		{ "normalize", no_argument, NULL, 'n' },
		{ "code", no_argument, NULL, 'c' },
		{ "width", required_argument, NULL, 'w' },
		{ "follow", no_argument, NULL, 'f' },
		{ "run", required_argument, NULL, 'r' },
		{ "list", no_argument, NULL, 'l' },
		{ "html", required_argument, NULL, 'H' },
		{ "predict", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	char *end;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->dump = 1; break;
		case 'n': o->normalize = 1; break;
		case 'c': o->code = 1; break;
		case 'f': o->follow = 1; break;
		case 'l': o->list = 1; break;
		case 'p': o->predict = 1; break;
		case 'r': o->run_id = optarg; break;
		case 'H': o->html = optarg; break;
		case 'w':
			errno = 0;
			long width = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || width < DUMP_WIDTH_MIN ||
			    width > DUMP_WIDTH_MAX)
				usage("--width wants a number from 80 to 400, not '%s'", optarg);
			o->width = (int)width;
			break;
		case 'h':
			print_help();
			exit(0);
		case 'V':
			printf("%s (daemon-steps) %s\n", program, PROJECT_VERSION);
			exit(0);
		default: {
			char problem[256];
			option_problem(c, longopts, argv, problem, sizeof problem);
			usage("%s", problem);
		}
		}
	}
	if (optind < argc)
		o->log = argv[optind++];
	if (optind < argc)
		usage("one log at a time, not also '%s'", argv[optind]);
	if (o->html && (o->dump || o->list || o->follow || o->predict || o->code))
		usage("--html %s", "writes every frame of one run: not with --dump, --list, --follow, "
		      "--predict or --code");
}

/* --html: the page of run, into path ("-": stdout). */
static int
write_html(const char *path, const struct model *model, const struct run *run,
	   const char *log_name, int normalize)
{
	int to_stdout = strcmp(path, "-") == 0;
	FILE *page = to_stdout ? stdout : fopen(path, "we");

	if (page == NULL) {
		fprintf(stderr, "%s: cannot write %s: %s\n", program, path, strerror(errno));
		return EXIT_SYSCALL_FAILED;
	}
	if (render_html(page, model, run, log_name, normalize) == -1 ||
	    (!to_stdout && fclose(page) == EOF)) {
		fprintf(stderr, "%s: writing %s: %s\n", program, path, strerror(errno));
		return EXIT_SYSCALL_FAILED;
	}
	return 0;
}

/* --follow before any demo ran: like tail -F, wait for the log to appear. */
static FILE *
wait_for_log(const char *path)
{
	const struct timespec tick = { 0, 250 * 1000 * 1000 };
	FILE *log;

	fprintf(stderr, "%s: waiting for %s to appear: run daemon-demo (Ctrl-C to give up)\n",
		program, path);
	while ((log = fopen(path, "re")) == NULL && errno == ENOENT)
		nanosleep(&tick, NULL);
	return log;
}

int
main(int argc, char **argv)
{
	struct options o = { .width = DUMP_WIDTH_MIN };
	char default_path[PATH_MAX + 64], summary[512], why[256];
	struct model model;
	FILE *log;
	int screen, status = 0;
	long run = 0;

	ensure_stdio_open();	/* CI and cron may start us with 0, 1 or 2 closed */
	parse_options(argc, argv, &o);
	if (o.log == NULL)
		o.log = log_of_the_demo(default_path, sizeof default_path);
	screen = !o.dump && !o.list && !o.html && isatty(STDOUT_FILENO);
	if (o.predict && o.follow)
		usage("--predict %s", "asks about a run that has ended: not with --follow");
	if (o.follow && !screen)
		usage("--follow %s", "needs a terminal: --dump prints the log as it stands");
	/* a dumb terminal still shows text: the frames as --dump prints them */
	if (screen && !terminal_can_draw(why, sizeof why)) {
		fprintf(stderr, "%s: no full-screen view: %s; printing the frames as --dump does%s\n",
			program, why, o.follow ? ", as they stand (no --follow)" : "");
		screen = o.follow = 0;
	}
	if (o.predict && !screen)
		usage("--predict %s", "needs a terminal that can move the cursor: it asks questions and waits for keys");

	log = fopen(o.log, "re");
	if (log == NULL && errno == ENOENT && o.follow)
		log = wait_for_log(o.log);
	if (log == NULL) {
		fprintf(stderr, "%s: cannot read the log %s: %s\n", program, o.log, strerror(errno));
		if (errno == ENOENT)
			fprintf(stderr, "%s: run daemon-demo first, or name a log: %s LOGFILE\n",
				program, program);
		return EXIT_CANNOT_READ;
	}
	model_init(&model);
	if (model_read(&model, log, o.follow ? LOG_READ_WHOLE_LINES : LOG_READ_ALL) == -1) {
		fprintf(stderr, "%s: cannot read the log %s: %s\n", program, o.log, strerror(errno));
		status = EXIT_CANNOT_READ;
		goto out;
	}
	render_log_summary(&model, summary, sizeof summary);
	if (model.stats.bad_lines && !screen && !o.list)
		fprintf(stderr, "%s: %s: %s\n", program, o.log, summary);
	if (model.count == 0 && !o.follow) {
		fprintf(stderr, "%s: %s holds no records%s\n", program, o.log,
			model.stats.lines ? ", only lines that are not records" : ": it is empty");
		status = EXIT_NOTHING_TO_SHOW;
		goto out;
	}
	if (o.run_id && (run = model_find_run(&model, o.run_id)) < 0 && !o.follow) {
		fprintf(stderr, "%s: no run '%s' in %s (see %s --list %s)\n", program, o.run_id,
			o.log, program, o.log);
		status = EXIT_NOTHING_TO_SHOW;
		goto out;
	}

	if (o.list) {
		if (render_list(stdout, &model) == -1)
			status = EXIT_CANNOT_READ;
	} else if (o.html) {
		status = write_html(o.html, &model, model_run(&model, (size_t)run), o.log, o.normalize);
	} else if (!screen) {
		if (render_dump(stdout, &model, model_run(&model, (size_t)run), o.log, o.normalize,
				o.width, o.code) == -1) {
			fprintf(stderr, "%s: writing the dump: %s\n", program, strerror(errno));
			status = EXIT_SYSCALL_FAILED;
		}
	} else {
		struct view_options view = { o.log, o.run_id, o.follow, o.normalize, o.code,
					      o.predict };
		status = view_run(&model, log, &view);
	}
out:
	model_free(&model);
	fclose(log);
	return status;
}
