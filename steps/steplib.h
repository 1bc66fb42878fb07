/* steplib.h - what the step programs share beyond lib/program.h: terminals,
 * the readiness descriptor, and going on to the next program of a chain.
 *
 * The steps themselves are not in here: each step program shows its own, in
 * its main() between the comments "the step" and "going on" (daemon-viewer's
 * code pane shows those lines beside the step's frames).
 */
#ifndef DAEMON_STEPS_STEPLIB_H
#define DAEMON_STEPS_STEPLIB_H

#include <stdnoreturn.h>
#include <sys/types.h>

#include "program.h"	/* options, the log, errors, exit codes */
#include "procstate.h"

/*
 * After a fork, in the child: polls, up to a deadline, until the parent is
 * gone. Returns 0, or -1 with errno ETIMEDOUT. (Linux's prctl(PR_SET_PDEATHSIG)
 * could send a signal instead, but the parent may be gone before it is set, so
 * a check like this one would still be needed.)
 */
int wait_until_orphaned(pid_t parent);

/*
 * After a fork, in the child: waits, up to a deadline, until the parent is
 * gone and the child has been adopted, then reads its state into *now and
 * records the event "after" with the adopter's name. Returns 0, or -1 with
 * errno (ETIMEDOUT when the parent never left).
 */
int await_adoption(pid_t parent, struct proc_state *now);

/*
 * Ends a step. With no next program, prints what the step did and exits 0.
 * Otherwise waits $DAEMON_STEPS_PAUSE seconds, if set, and executes next[0]
 * with next as its arguments: from the running program's own directory when it
 * is there, else searched in PATH. On failure records it and exits 126 or 127.
 */
noreturn void continue_chain(char **next, const char *done_fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Opens a fresh pseudo-terminal, one that no session owns yet, and puts its
 * slave's path in slave. The master is O_NOCTTY (the caller must not take it)
 * and O_CLOEXEC (nothing the caller runs keeps it). Exits on failure.
 */
int open_fresh_pty(char *slave, size_t size);

/* Waits for child to end; returns its wait status. Exits on failure. */
int wait_for_child(pid_t child);

/* Executes next[0] as continue_chain() does, without the pause. */
noreturn void exec_next(char **next);

/* Sleeps $DAEMON_STEPS_PAUSE seconds, if set, so a class can watch a state. */
void pause_if_asked(void);

/* The descriptor DAEMON_STEPS_READY_FD names, the readiness pipe of
 * step1-fork --wait-ready: its number, -1 when it names none, -2 when it
 * names no number above 2 (0, 1 and 2 are stdio's, never a pipe passed on). */
int ready_fd_named(void);

/*
 * As root: 0 when user uid, group gid (and no other group, as after
 * setgroups(1, &gid)) may access path with mode (R_OK, W_OK, X_OK), else the
 * errno of the refusal. Asked with those effective IDs and that group list
 * only, which root then takes back: root's own supplementary groups would
 * grant what the user will lack. Exits if the IDs cannot be changed.
 */
int user_may_access(uid_t uid, gid_t gid, const char *path, int mode);

#endif
