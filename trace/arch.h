/* arch.h - a system call in daemon-trace's own numbering, whatever the
 * architecture of the program that made it.
 *
 * The parts that record calls (calls-parts.h) know the calls by the numbers
 * of <sys/syscall.h>, the architecture daemon-trace was built for. A 32-bit
 * program on x86-64 (AUDIT_ARCH_I386) numbers them otherwise (its open() is
 * 5, x86-64's 2) and passes 32-bit arguments: arch.c rewrites such a call as
 * the x86-64 call it is, from one table (arch-i386.h), so that no part needs
 * to know which architecture made it.
 */
#ifndef DAEMON_TRACE_ARCH_H
#define DAEMON_TRACE_ARCH_H

#include <sys/syscall.h>
#include <sys/types.h>

#include "calls.h"

#ifndef SYS_openat2
#define SYS_openat2 437		/* Linux 5.6; the same number on x86-64 and AArch64 */
#endif

/* The number of a call that no part records. */
#define CALL_NOT_RECORDED ((uint64_t)-1)

/*
 * call is as thread tid's entry stop showed it (PTRACE_GET_SYSCALL_INFO).
 * Rewrites its number and arguments into the native ones (nr becomes
 * CALL_NOT_RECORDED for a call of another architecture that none of the
 * parts records) and sets call->decoded; 0 there when call's architecture is
 * one daemon-trace has no table for (its number is then CALL_NOT_RECORDED
 * too: taken as native, it would be some other call).
 */
void arch_to_native(pid_t tid, struct syscall_call *call);

#endif
