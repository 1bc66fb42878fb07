/* credentials.c - what daemon-trace records of setuid() and its relatives
 * (see calls-parts.h): per thread in the kernel, and glibc makes every
 * thread call it when the program calls setuid() once.
 */
#define _GNU_SOURCE
#include "calls-parts.h"

#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

const char *
credential_call(long nr)
{
	switch (nr) {
	case SYS_setuid: return "setuid";
	case SYS_setgid: return "setgid";
	case SYS_setreuid: return "setreuid";
	case SYS_setregid: return "setregid";
	case SYS_setresuid: return "setresuid";
	case SYS_setresgid: return "setresgid";
	case SYS_setgroups: return "setgroups";
	case SYS_setfsuid: return "setfsuid";
	case SYS_setfsgid: return "setfsgid";
	default: return NULL;
	}
}

/* The thread's Uid or Gid line of its /proc status (real, effective,
 * saved, fs): "0 0 0 0", or "?" when /proc refused. */
static void
ids_of(const char *status, const char *which, char *out, size_t size)
{
	if (status == NULL || proc_status_field(status, which, out, size) == -1)
		snprintf(out, size, "?");
}

/* One record of a change of credentials, however many threads glibc made
 * repeat it: the same call with the same arguments is told once. */
void
credential_change(pid_t tid, struct traced_process *p, const char *name,
		  const struct syscall_call *call, int64_t rval, int is_error)
{
	const uint64_t signature[4] = { call->nr, call->args[0], call->args[1], call->args[2] };
	char ids[96], status[PROCSTATE_STATUS_MAX];
	int readable, status_read;

	if (memcmp(p->last_credentials, signature, sizeof signature) == 0)
		return;
	memcpy(p->last_credentials, signature, sizeof signature);
	readable = call_begin_result(p->pid, "trace", name, rval, is_error);
	if (call->nr == SYS_setgroups)
		record_fieldf(&call_writer, "args", "%d groups", (int)call->args[0]);
	else if (strncmp(name, "setres", 6) == 0)
		record_fieldf(&call_writer, "args", "%d, %d, %d", (int)call->args[0],
			      (int)call->args[1], (int)call->args[2]);
	else if (strncmp(name, "setre", 5) == 0)
		record_fieldf(&call_writer, "args", "%d, %d", (int)call->args[0], (int)call->args[1]);
	else
		record_fieldf(&call_writer, "args", "%d", (int)call->args[0]);
	/* the thread's own: credentials are per thread (the record's state is the process's) */
	status_read = proc_status_read(tid, status, sizeof status) >= 0;
	ids_of(status_read ? status : NULL, "Uid", ids, sizeof ids);
	record_field(&call_writer, "uids", ids);
	ids_of(status_read ? status : NULL, "Gid", ids, sizeof ids);
	record_field(&call_writer, "gids", ids);
	call_end(readable);
}
