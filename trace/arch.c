/* arch.c - a system call in daemon-trace's own numbering (see arch.h).
 *
 * A 32-bit program's call is looked up in the list of arch-i386.h and
 * rewritten as the native call with its arguments as 32-bit words,
 * zero-extended as the kernel's compat entry takes them (so the parts'
 * casts to int give back -1 and AT_FDCWD). Every struct the parts read
 * from memory has one layout on both (struct open_how is three __u64; a
 * pid file's text, a path), so pointers are all that change.
 */
#define _GNU_SOURCE
#include "arch.h"

#include <linux/audit.h>
#include <stdint.h>
#include <sys/uio.h>

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#else
#error "daemon-trace knows the system call numbers of x86-64 and AArch64 only"
#endif

#if defined(__x86_64__)
#include "arch-i386.h"

enum arguments { ARGS_32, ARGS_16BIT_IDS, ARGS_SOCKETCALL };

#define NATIVE_CALL(i386, native, how) { SYS_##native, how },
static const struct {
	uint64_t nr;
	enum arguments how;
} i386_as_native[] = { I386_CALLS(NATIVE_CALL) };

enum { SOCKETCALL_LISTEN = 4 };		/* SYS_LISTEN of <linux/net.h> */

/* socketcall(call, args): listen() when call is SYS_LISTEN, its two
 * arguments the 32-bit words at args; no other socket call is recorded. */
static uint64_t
socketcall_as_native(pid_t tid, struct syscall_call *call)
{
	uint32_t words[2];
	struct iovec local = { words, sizeof words };
	struct iovec remote = { (void *)(uintptr_t)call->args[1], sizeof words };

	if (call->args[0] != SOCKETCALL_LISTEN ||
	    process_vm_readv(tid, &local, 1, &remote, 1, 0) != (ssize_t)sizeof words)
		return CALL_NOT_RECORDED;
	call->args[0] = words[0];
	call->args[1] = words[1];
	return SYS_listen;
}

static void
i386_to_native(pid_t tid, struct syscall_call *call)
{
	const size_t count = sizeof i386_as_native / sizeof i386_as_native[0];
	size_t i = 0;

	for (int arg = 0; arg < 6; arg++)
		call->args[arg] = (uint32_t)call->args[arg];
	while (i < count && arch_i386_numbers[i] != call->nr)
		i++;
	if (i == count) {
		call->nr = CALL_NOT_RECORDED;
		return;
	}
	switch (i386_as_native[i].how) {
	case ARGS_32:
		call->nr = i386_as_native[i].nr;
		break;
	case ARGS_16BIT_IDS:
		for (int arg = 0; arg < 6; arg++)
			if (call->args[arg] == UINT16_MAX)
				call->args[arg] = UINT32_MAX;	/* (uid_t)-1, as the kernel widens it */
		call->nr = i386_as_native[i].nr;
		break;
	case ARGS_SOCKETCALL:
		call->nr = socketcall_as_native(tid, call);
		break;
	}
}
#endif

/* An x32 program's calls are x86-64's with __X32_SYSCALL_BIT set, but not
 * all of them under the same numbers (its own from 512 on), and with 32-bit
 * pointers: not native, and not decoded. */
static int
is_native(const struct syscall_call *call)
{
#ifdef __X32_SYSCALL_BIT
	if (call->nr & __X32_SYSCALL_BIT)
		return 0;
#endif
	return call->arch == NATIVE_ARCH;
}

void
arch_to_native(pid_t tid, struct syscall_call *call)
{
	(void)tid;	/* read from only for a 32-bit program's socketcall() */
	call->decoded = 1;
	if (is_native(call))
		return;
#if defined(__x86_64__)
	if (call->arch == AUDIT_ARCH_I386) {
		i386_to_native(tid, call);
		return;
	}
#endif
	call->decoded = 0;
	call->nr = CALL_NOT_RECORDED;
}
