/* restart.c - an EINTR that only the tracing caused, turned back into the
 * call (see restart.h).
 *
 * A call is set back by rewinding the task onto its system call instruction
 * with the call's number where the result is; the kernel then runs it again
 * when the task resumes. A relative timeout runs on from where it was: one
 * in a register is lowered in place; one passed by pointer cannot be
 * changed where the program keeps it (its struct may serve the next call
 * too), so a shortened copy is written below the stack's red zone, where no
 * program keeps data (a signal handler's frame would overwrite it at any
 * time), and the argument register points to it. The kernel reads the
 * timeout as the call begins, so the copy is not needed after that.
 */
#define _GNU_SOURCE
#include "restart.h"

#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

#include "procstate.h"

/*** the architecture: every register this file touches ***/

#if defined(__x86_64__)
#include <sys/user.h>

#include "arch-i386.h"

/* x86-64 (struct user_regs_struct, asm/ptrace.h): the arguments in rdi, rsi,
 * rdx, r10, r8, r9; rax holds the result at the call's exit and orig_rax its
 * number; the syscall instruction is 2 bytes long; the 128 bytes below rsp
 * are the red zone, which a leaf function may use without moving rsp.
 * A 32-bit (i386) task's registers are read the same way, its arguments in
 * rbx, rcx, rdx, rsi, rdi, rbp (its ebx ... ebp); int $0x80 is 2 bytes too,
 * and sysenter returns through the vDSO's int $0x80 (the kernel's own
 * restart steps back 2 bytes for all three); i386 has no red zone, so the
 * 128 bytes are only kept free. */
#define ARCH_TRACED AUDIT_ARCH_X86_64
#define ARCH_TRACED_32 AUDIT_ARCH_I386
typedef struct user_regs_struct arch_regs;
enum { RED_ZONE = 128 };

static int
arch_get(pid_t tid, arch_regs *regs)
{
	return (int)ptrace(PTRACE_GETREGS, tid, 0, regs);
}

static int
arch_set(pid_t tid, arch_regs *regs)
{
	return (int)ptrace(PTRACE_SETREGS, tid, 0, regs);
}

static void
arch_rewind(arch_regs *regs)
{
	regs->rax = regs->orig_rax;
	regs->rip -= 2;
}

static uint64_t
arch_number(const arch_regs *regs)
{
	return regs->orig_rax;
}

static unsigned long long *
arch_arg(arch_regs *regs, uint32_t arch, int n)
{
	unsigned long long *args[] = { &regs->rdi, &regs->rsi, &regs->rdx,
				       &regs->r10, &regs->r8, &regs->r9 };
	unsigned long long *args_32[] = { &regs->rbx, &regs->rcx, &regs->rdx,
					  &regs->rsi, &regs->rdi, &regs->rbp };
	return arch == ARCH_TRACED_32 ? args_32[n] : args[n];
}

static uint64_t
arch_stack(const arch_regs *regs)
{
	return regs->rsp;
}

#elif !defined(DAEMON_TRACE_NO_RESTART)
#error "daemon-trace restarts the calls its detach interrupts on x86-64 only (trace/restart.c). \
To port it, write the arch_* functions for this architecture (AArch64: struct user_pt_regs of \
asm/ptrace.h, read and written with PTRACE_GETREGSET/SETREGSET NT_PRSTATUS; the arguments in \
regs[0]..regs[5], regs[0] also the result, so set it back from call->args[0]; the number stays \
in regs[8]; pc back by 4 for svc #0; no red zone) and test it with trace.detach and \
trace.timeouts; or build with -DDAEMON_TRACE_NO_RESTART to accept that such calls fail with \
EINTR after the detach."
#endif

/*** which calls, and their timeouts ***/

#ifdef ARCH_TRACED

enum timeout_kind { MILLISECONDS, TIMESPEC_POINTER, TIMESPEC32_POINTER };
enum { ANY_CALL = -1 };

/* A call that fails with EINTR rather than restart: where its relative
 * timeout is, when its first argument is when (ANY_CALL: always). */
struct timeout_call {
	long when;
	int arg;
	enum timeout_kind kind;
};

static const struct {
	long nr;
	struct timeout_call call;
} timeouts[] = {
#ifdef SYS_epoll_wait
	{ SYS_epoll_wait, { ANY_CALL, 3, MILLISECONDS } },
#endif
	{ SYS_epoll_pwait, { ANY_CALL, 3, MILLISECONDS } },
#ifdef SYS_epoll_pwait2
	{ SYS_epoll_pwait2, { ANY_CALL, 3, TIMESPEC_POINTER } },
#endif
	{ SYS_rt_sigtimedwait, { ANY_CALL, 2, TIMESPEC_POINTER } },
	{ SYS_semtimedop, { ANY_CALL, 3, TIMESPEC_POINTER } },
};

#ifdef ARCH_TRACED_32
/* in the order of arch_i386_timeout_numbers */
#define I386_TIMEOUT(i386, when, arg, kind) { when, arg, kind },
static const struct timeout_call timeouts_32[] = { I386_TIMEOUT_CALLS(I386_TIMEOUT) };
#endif

/* Call nr of architecture arch as one of the calls above, or NULL. */
static const struct timeout_call *
timeout_call(uint32_t arch, uint64_t nr)
{
	if (arch == ARCH_TRACED)
		for (size_t i = 0; i < sizeof timeouts / sizeof timeouts[0]; i++)
			if ((uint64_t)timeouts[i].nr == nr)
				return &timeouts[i].call;
#ifdef ARCH_TRACED_32
	if (arch == ARCH_TRACED_32)
		for (size_t i = 0; i < sizeof timeouts_32 / sizeof timeouts_32[0]; i++)
			if (arch_i386_timeout_numbers[i] == nr)
				return &timeouts_32[i];
#endif
	return NULL;
}

static long long
ns_since(const struct timespec *then)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - then->tv_sec) * 1000000000LL + (now.tv_nsec - then->tv_nsec);
}

_Static_assert(sizeof(long) == 8, "a tracee's word is 64 bits");

/* The timespec at address, in nanoseconds; -1 when it cannot be read or
 * is negative (not a time left). */
static long long
peek_timespec(pid_t tid, uint64_t address, enum timeout_kind kind)
{
	long words[2];
	long long sec, nsec;

	for (int i = 0; i < (kind == TIMESPEC32_POINTER ? 1 : 2); i++) {
		errno = 0;
		words[i] = ptrace(PTRACE_PEEKDATA, tid, address + i * sizeof(long), 0);
		if (errno)
			return -1;
	}
	if (kind == TIMESPEC32_POINTER) {
		int32_t halves[2];
		memcpy(halves, &words[0], sizeof halves);
		sec = halves[0];
		nsec = halves[1];
	} else {
		sec = words[0];
		nsec = words[1];
	}
	return sec < 0 ? -1 : sec * 1000000000LL + nsec;
}

static int
poke_timespec(pid_t tid, uint64_t address, enum timeout_kind kind, long long ns)
{
	long words[2] = { (long)(ns / 1000000000), (long)(ns % 1000000000) };

	if (kind == TIMESPEC32_POINTER) {
		int32_t halves[2] = { (int32_t)words[0], (int32_t)words[1] };
		memcpy(&words[0], halves, sizeof halves);
	}
	for (int i = 0; i < (kind == TIMESPEC32_POINTER ? 1 : 2); i++)
		if (ptrace(PTRACE_POKEDATA, tid, address + i * sizeof(long), words[i]) == -1)
			return -1;
	return 0;
}

/* The relative timeout of call, whose registers are regs, lowered by the
 * time spent since began; the argument register it changes is kept in note. */
static void
shorten_timeout(pid_t tid, const struct syscall_call *call, const struct timespec *began,
		arch_regs *regs, struct restart_note *note)
{
	uint32_t arch = call->arch;
	const struct timeout_call *timeout = timeout_call(arch, arch_number(regs));
	unsigned long long *arg;
	long long spent, left;

	if (timeout == NULL || (timeout->when != ANY_CALL && call->args[0] != (uint64_t)timeout->when))
		return;
	arg = arch_arg(regs, arch, timeout->arg);
	spent = ns_since(began);
	if (timeout->kind == MILLISECONDS) {
		int ms = (int)*arg;
		if (ms <= 0)
			return;		/* -1 waits for ever; 0 never sleeps */
		left = ms - spent / 1000000;
		if (!note->changed)
			*note = (struct restart_note){ 1, arch, timeout->arg, *arg };
		*arg = (unsigned long long)(left > 0 ? left : 0);
	} else {
		uint64_t copy = (arch_stack(regs) - RED_ZONE - 16) & ~(uint64_t)15;
		long long ns;
		if (*arg == 0 || (ns = peek_timespec(tid, *arg, timeout->kind)) == -1)
			return;		/* none (waits for ever), or not ours to read */
		left = ns - spent;
		if (poke_timespec(tid, copy, timeout->kind, left > 0 ? left : 0) == -1)
			return;		/* the stack ends there: the whole timeout again */
		if (!note->changed)
			*note = (struct restart_note){ 1, arch, timeout->arg, *arg };
		*arg = copy;
	}
}

/* A signal the process catches is pending: its EINTR is real. */
static int
caught_signal_pending(pid_t tid)
{
	char status[PROCSTATE_STATUS_MAX];
	unsigned long long pending, blocked, caught;

	if (proc_status_read(tid, status, sizeof status) < 0)
		return 1;	/* cannot tell: leave the result as it is */
	/* SigPnd: the thread's own; ShdPnd: the whole process's */
	pending = proc_status_signals(status, "SigPnd") | proc_status_signals(status, "ShdPnd");
	blocked = proc_status_signals(status, "SigBlk");
	caught = proc_status_signals(status, "SigCgt");
	return (pending & ~blocked & caught) != 0;
}

int
restart_interrupted(pid_t tid, const struct syscall_call *call, const struct timespec *began,
		    struct restart_note *note)
{
	arch_regs regs;

	/* rt_sigreturn "returns" the registers it restores: an EINTR there is the
	 * handled call's, already told to the program; doing it again would
	 * return through a signal frame that is gone (seen: SIGABRT in python's
	 * setuid(), which glibc makes every thread repeat from a handler); nor a
	 * call arch.c could not decode (an x32 program's), which may be one */
	if ((call->arch != ARCH_TRACED && call->arch != ARCH_TRACED_32) || !call->decoded ||
	    call->nr == SYS_rt_sigreturn || caught_signal_pending(tid) || arch_get(tid, &regs) == -1)
		return 0;
	arch_rewind(&regs);
	shorten_timeout(tid, call, began, &regs, note);
	return arch_set(tid, &regs) == 0;
}

void
restart_done(pid_t tid, struct restart_note *note)
{
	arch_regs regs;

	if (note->changed && arch_get(tid, &regs) == 0) {
		*arch_arg(&regs, note->arch, note->arg) = note->original;
		(void)arch_set(tid, &regs);
	}
	note->changed = 0;
}

#else	/* DAEMON_TRACE_NO_RESTART: the EINTR stays, a documented limit */

int
restart_interrupted(pid_t tid, const struct syscall_call *call, const struct timespec *began,
		    struct restart_note *note)
{
	(void)tid, (void)call, (void)began, (void)note;
	return 0;
}

void
restart_done(pid_t tid, struct restart_note *note)
{
	(void)tid;
	note->changed = 0;
}

#endif
