/* test-checklist - the checklist's judgment, as the viewer ticks it (the
 * demo's values) and as daemon-trace judges a real daemon (what each step
 * prevents): a umask chosen passes and one inherited fails, a directory of
 * its own passes and the caller's fails, 0-2 on a log file pass and on a
 * terminal or closed fail, an inherited descriptor fails. A fact not known
 * (NULL) never passes an item that needs it; an origin not known passes what
 * is met as the demo does it (cwd /, umask 0) and a known session (the
 * viewer's origin "?" is the same: no session is "?"), nothing else.
 * daemon(7)'s items: a signal ignored or blocked since the origin fails,
 * fewer variables than the caller gave pass, root's IDs left after starting
 * as root fail and a start as another user is not applicable, a readiness or
 * pid file the records do not show is not known, never failed. */
#include <string.h>

#include "check.h"
#include "checklist.h"

/* A daemon as the recipe leaves it, started from session 100 in /home/ann with umask 0002. */
static struct check_facts
textbook(void)
{
	return (struct check_facts){
		.pid = "300", .pgid = "200", .sid = "200", .tty = "?", .cwd = "/",
		.umask = "0000", .stdio = { "/dev/null", "/dev/null", "/dev/null" },
		.origin_sid = "100", .origin_cwd = "/home/ann", .origin_umask = "0002",
		.umask_chosen = -1, .inherited = 0,
		.signals_known = 1, .nenv = "3", .origin_nenv = "38",
		.uid = "65534,65534,65534,65534", .gid = "65534,65534,65534,65534",
		.groups = "none", .origin_uid = "0,0,0,0",
		.ready = READY_TOLD, .pid_file = PID_FILE_BY_ITSELF,
	};
}

static void
expect(enum check check, struct check_facts f, enum check_judgment expected, const char *what)
{
	enum check_judgment got = check_judge(check, &f);
	CHECK(got == expected, "%s (%s): judged %d, expected %d", what, check_label(check),
	      (int)got, (int)expected);
}

int
main(void)
{
	struct check_facts f;

	for (int c = 0; c < CHECK_COUNT; c++) {
		expect(c, textbook(), CHECK_MET, "the textbook daemon");
		CHECK(check_step(c)[0] >= '1' && check_step(c)[0] <= '7', "each item names its step");
		CHECK(check_goal(c)[0] && check_prevents(c)[0], "each item says what it prevents");
	}

	f = textbook(); f.pgid = "300";
	expect(CHECK_NOT_GROUP_LEADER, f, CHECK_FAILS, "leads its group");
	f = textbook(); f.sid = "100";
	expect(CHECK_OWN_SESSION, f, CHECK_FAILS, "the caller's session");
	f = textbook(); f.sid = "300";
	expect(CHECK_NOT_SESSION_LEADER, f, CHECK_FAILS, "leads its session");
	f = textbook(); f.tty = "pts/3";
	expect(CHECK_NO_TERMINAL, f, CHECK_FAILS, "has a terminal");
	/* 0: made outside the reader's PID namespace (a CI runner's children,
	 * a container's PID 1): never a group or session the process leads */
	f = textbook(); f.pgid = "0"; f.sid = "0"; f.origin_sid = "0";
	expect(CHECK_NOT_GROUP_LEADER, f, CHECK_MET, "PGID 0, led outside the namespace");
	expect(CHECK_NOT_SESSION_LEADER, f, CHECK_MET, "SID 0, led outside the namespace");
	expect(CHECK_OWN_SESSION, f, CHECK_FAILS, "SID 0, as its caller's");
	f = textbook(); f.origin_sid = "0";
	expect(CHECK_OWN_SESSION, f, CHECK_MET, "a session of its own, its caller's made outside");
	f = textbook(); f.sid = "0"; f.origin_sid = NULL;
	expect(CHECK_OWN_SESSION, f, CHECK_NOT_KNOWN, "SID 0, no caller to compare with");

	f = textbook(); f.cwd = "/var/lib/foo";
	expect(CHECK_CWD_ROOT, f, CHECK_MET_OTHERWISE, "changed to a directory of its own");
	f = textbook(); f.cwd = "/home/ann";
	expect(CHECK_CWD_ROOT, f, CHECK_FAILS, "kept the caller's directory");
	f = textbook(); f.cwd = "unreadable (EACCES)";
	expect(CHECK_CWD_ROOT, f, CHECK_FAILS, "a directory /proc refused");

	f = textbook(); f.umask = "0022"; f.umask_chosen = 1;
	expect(CHECK_UMASK_ZERO, f, CHECK_MET_OTHERWISE, "chose 022");
	f = textbook(); f.umask = "0002"; f.umask_chosen = 0;
	expect(CHECK_UMASK_ZERO, f, CHECK_FAILS, "inherited 0002");
	f = textbook(); f.umask_chosen = 0; f.origin_umask = "0000";
	expect(CHECK_UMASK_ZERO, f, CHECK_FAILS, "inherited 0000 is not chosen either");
	f = textbook(); f.umask = "0022";
	expect(CHECK_UMASK_ZERO, f, CHECK_MET_OTHERWISE, "not known, but unlike the origin's");
	f = textbook(); f.umask = "0002";
	expect(CHECK_UMASK_ZERO, f, CHECK_FAILS, "not known, and the origin's");

	for (int c = CHECK_COUNT; c < CHECK_ALL_COUNT; c++) {
		expect(c, textbook(), CHECK_MET, "daemon(7)'s textbook daemon");
		CHECK(check_goal(c)[0] && check_prevents(c)[0] && check_step(c)[0],
		      "each of daemon(7)'s items says what it prevents, and its step");
		CHECK(strcmp(check_group(c), check_group(CHECK_COUNT)) == 0 &&
		      strcmp(check_group(c), check_group(0)) != 0, "daemon(7)'s items are a group");
		expect(c, (struct check_facts){ 0 }, CHECK_NOT_KNOWN, "nothing known");
		CHECK(check_unjudged(c, CHECK_NOT_KNOWN)[0], "each says what is not known");
	}
	CHECK(check_unjudged(CHECK_CWD_ROOT, CHECK_MET)[0] == '\0', "a judged item says nothing");

	f = textbook(); f.kept_ignored = 1ULL << 0;		/* SIGHUP, as nohup leaves it */
	expect(CHECK_SIGNALS_RESET, f, CHECK_FAILS, "SIGHUP ignored since the origin");
	f = textbook(); f.kept_blocked = 1ULL << 14;		/* SIGTERM */
	expect(CHECK_SIGNALS_RESET, f, CHECK_FAILS, "SIGTERM blocked since the origin");
	f = textbook(); f.nenv = "40";
	expect(CHECK_OWN_ENVIRONMENT, f, CHECK_FAILS, "the caller's 38 and the chain's own");
	f = textbook(); f.nenv = "38";
	expect(CHECK_OWN_ENVIRONMENT, f, CHECK_FAILS, "as many as the caller gave");
	f = textbook(); f.nenv = "unreadable (EACCES)";
	expect(CHECK_OWN_ENVIRONMENT, f, CHECK_NOT_KNOWN, "environ refused");
	f = textbook(); f.nenv = "0"; f.origin_nenv = "0";
	expect(CHECK_OWN_ENVIRONMENT, f, CHECK_MET, "nothing given, nothing kept");
	f = textbook(); f.uid = "0,0,0,0"; f.gid = "0,0,0,0";
	expect(CHECK_PRIVILEGES_DROPPED, f, CHECK_FAILS, "still root");
	f = textbook(); f.uid = "65534,65534,0,65534";
	expect(CHECK_PRIVILEGES_DROPPED, f, CHECK_FAILS, "a saved 0 can be taken back");
	f = textbook(); f.gid = "0,0,0,0";
	expect(CHECK_PRIVILEGES_DROPPED, f, CHECK_FAILS, "root's group kept");
	f = textbook(); f.groups = "4,0";
	expect(CHECK_PRIVILEGES_DROPPED, f, CHECK_FAILS, "root's supplementary group kept");
	f = textbook(); f.origin_uid = "1000,1000,1000,1000"; f.uid = "1000,1000,1000,1000";
	expect(CHECK_PRIVILEGES_DROPPED, f, CHECK_NOT_APPLICABLE, "never root");
	CHECK(strstr(check_unjudged(CHECK_PRIVILEGES_DROPPED, CHECK_NOT_APPLICABLE), "never"),
	      "not applicable says it never ran as root");
	f = textbook(); f.origin_uid = "1000,0,0,0";
	expect(CHECK_PRIVILEGES_DROPPED, f, CHECK_MET, "set-user-ID root, dropped");
	f = textbook(); f.uid = "unreadable (EACCES)";
	expect(CHECK_PRIVILEGES_DROPPED, f, CHECK_NOT_KNOWN, "IDs refused");
	CHECK(check_holds_root("0,0,0,0") == 1 && check_holds_root("4,0") == 1 &&
	      check_holds_root("none") == 0 && check_holds_root("1000,10") == 0 &&
	      check_holds_root("unreadable (EACCES)") == -1, "root's 0 in an ID list");
	f = textbook(); f.ready = READY_NOT_TOLD;
	expect(CHECK_READY_TOLD, f, CHECK_FAILS, "nobody told");
	f = textbook(); f.pid_file = PID_FILE_BY_ANOTHER;
	expect(CHECK_PID_FILE_OWN, f, CHECK_FAILS, "its parent wrote it");
	f = textbook(); f.pid_file = PID_FILE_NONE;
	expect(CHECK_PID_FILE_OWN, f, CHECK_NOT_APPLICABLE, "no pid file");

	f = textbook(); f.stdio[1] = "/var/log/foo.log"; f.stdio[2] = "/var/log/foo.log";
	expect(CHECK_STDIO_NULL, f, CHECK_MET_OTHERWISE, "1 and 2 on a log file");
	f = textbook(); f.stdio[2] = "/dev/pts/3";
	expect(CHECK_STDIO_NULL, f, CHECK_FAILS, "2 on the terminal");
	f = textbook(); f.stdio[0] = "closed";
	expect(CHECK_STDIO_NULL, f, CHECK_FAILS, "0 left closed");
	f = textbook(); f.stdio[1] = "pipe:[1234]";
	expect(CHECK_STDIO_NULL, f, CHECK_FAILS, "1 on a pipe");

	f = textbook(); f.stdio[0] = "/var/log/foo.in"; f.stdio[1] = "/var/log/foo.log";
	f.stdio[2] = "/var/log/foo.err";
	expect(CHECK_STDIO_NULL, f, CHECK_MET_OTHERWISE, "0, 1 and 2 all on files");
	f = textbook(); f.stdio[1] = "/var/log/foo.log (deleted)";
	expect(CHECK_STDIO_NULL, f, CHECK_MET_OTHERWISE, "1 on a log file rotated away");
	f = textbook(); f.stdio[0] = "/dev/zero";
	expect(CHECK_STDIO_NULL, f, CHECK_FAILS, "0 on a device that is not /dev/null");
	f = textbook(); f.stdio[1] = "socket:[4321]";
	expect(CHECK_STDIO_NULL, f, CHECK_FAILS, "1 on a socket");
	f = textbook(); f.stdio[2] = "log/foo.log";
	expect(CHECK_STDIO_NULL, f, CHECK_FAILS, "2 on a path that is not a whole one");
	f = textbook(); f.stdio[2] = NULL;
	expect(CHECK_STDIO_NULL, f, CHECK_FAILS, "2 not known");

	f = textbook(); f.inherited = 1;
	expect(CHECK_NOTHING_INHERITED, f, CHECK_FAILS, "a descriptor of the caller");
	f = textbook(); f.inherited = 4;
	expect(CHECK_NOTHING_INHERITED, f, CHECK_FAILS, "four descriptors of the caller");
	f = textbook(); f.inherited = -1;
	expect(CHECK_NOTHING_INHERITED, f, CHECK_FAILS, "not known");

	/* facts not known */
	f = textbook(); f.pgid = NULL;
	expect(CHECK_NOT_GROUP_LEADER, f, CHECK_FAILS, "PGID not known");
	f = textbook(); f.pid = NULL;
	expect(CHECK_NOT_GROUP_LEADER, f, CHECK_FAILS, "PID not known");
	expect(CHECK_NOT_SESSION_LEADER, f, CHECK_FAILS, "PID not known");
	f = textbook(); f.sid = NULL;
	expect(CHECK_OWN_SESSION, f, CHECK_FAILS, "SID not known");
	expect(CHECK_NOT_SESSION_LEADER, f, CHECK_FAILS, "SID not known");
	f = textbook(); f.tty = NULL;
	expect(CHECK_NO_TERMINAL, f, CHECK_FAILS, "terminal not known");
	f = textbook(); f.cwd = NULL;
	expect(CHECK_CWD_ROOT, f, CHECK_FAILS, "cwd not known (/proc refused it)");
	f = textbook(); f.umask = NULL;
	expect(CHECK_UMASK_ZERO, f, CHECK_FAILS, "umask not known, nor whether chosen");
	f = textbook(); f.umask = NULL; f.umask_chosen = 1;
	expect(CHECK_UMASK_ZERO, f, CHECK_MET_OTHERWISE, "umask not known (Linux < 4.7), but chosen");
	f = textbook(); f.umask_chosen = 1;
	expect(CHECK_UMASK_ZERO, f, CHECK_MET, "chose 0");

	/* an origin not known (a log without the shell's frame) */
	f = textbook(); f.origin_cwd = NULL;
	expect(CHECK_CWD_ROOT, f, CHECK_MET, "cwd /, origin not known");
	f = textbook(); f.origin_cwd = NULL; f.cwd = "/var/lib/foo";
	expect(CHECK_CWD_ROOT, f, CHECK_FAILS, "another directory, origin not known: maybe the caller's");
	f = textbook(); f.origin_cwd = "/";
	expect(CHECK_CWD_ROOT, f, CHECK_MET, "cwd /, started from / too");
	f = textbook(); f.origin_umask = NULL;
	expect(CHECK_UMASK_ZERO, f, CHECK_MET, "umask 0, origin not known");
	f = textbook(); f.origin_umask = NULL; f.umask = "0022";
	expect(CHECK_UMASK_ZERO, f, CHECK_FAILS, "umask 022 not known chosen, origin not known");
	f = textbook(); f.origin_sid = NULL;
	expect(CHECK_OWN_SESSION, f, CHECK_MET, "a session, origin not known: no session is \"?\"");
	f = textbook(); f.origin_sid = NULL; f.sid = "?";
	expect(CHECK_OWN_SESSION, f, CHECK_FAILS, "SID \"?\", origin not known");
	return checks_done();
}
