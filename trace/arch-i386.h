/* arch-i386.h - the calls of a 32-bit (i386) program that daemon-trace
 * records, and the x86-64 call each one is: one list, which arch-i386.c
 * turns into the i386 numbers (from the kernel's <asm/unistd_32.h>) and
 * arch.c into the x86-64 ones (<sys/syscall.h>). The two headers cannot
 * meet in one file: both define __NR_read, each with its own number.
 *
 * X(i386 name, x86-64 name, how its arguments are read):
 *   ARGS_32        six 32-bit words, zero-extended (pointers, descriptors, flags)
 *   ARGS_16BIT_IDS user and group IDs of 16 bits (the calls i386 had before
 *                  its *32 variants): (uid_t)-1, "leave it", is 0xffff there
 *   ARGS_SOCKETCALL socketcall(call, args): one number for every socket call,
 *                  the real call and its arguments in memory (glibc 2.36
 *                  calls listen() itself; older libraries and static
 *                  programs go through socketcall)
 * fork, vfork, clone, clone3 and exit are not here: daemon-trace follows
 * them by their ptrace events, which are the same on every architecture.
 */
#ifndef DAEMON_TRACE_ARCH_I386_H
#define DAEMON_TRACE_ARCH_I386_H

#define I386_CALLS(X)                                          \
	X(execve, execve, ARGS_32)                             \
	X(execveat, execveat, ARGS_32)                         \
	X(setsid, setsid, ARGS_32)                             \
	X(setpgid, setpgid, ARGS_32)                           \
	X(chdir, chdir, ARGS_32)                               \
	X(fchdir, fchdir, ARGS_32)                             \
	X(umask, umask, ARGS_32)                               \
	X(close, close, ARGS_32)                               \
	X(close_range, close_range, ARGS_32)                   \
	X(open, open, ARGS_32)                                 \
	X(openat, openat, ARGS_32)                             \
	X(openat2, openat2, ARGS_32)                           \
	X(dup, dup, ARGS_32)                                   \
	X(dup2, dup2, ARGS_32)                                 \
	X(dup3, dup3, ARGS_32)                                 \
	X(fcntl, fcntl, ARGS_32)                               \
	X(fcntl64, fcntl, ARGS_32)                             \
	X(ioctl, ioctl, ARGS_32)                               \
	X(read, read, ARGS_32)                                 \
	X(readv, readv, ARGS_32)                               \
	X(write, write, ARGS_32)                               \
	X(writev, writev, ARGS_32)                             \
	X(pwrite64, pwrite64, ARGS_32)                         \
	X(rename, rename, ARGS_32)                             \
	X(renameat, renameat, ARGS_32)                         \
	X(renameat2, renameat2, ARGS_32)                       \
	X(listen, listen, ARGS_32)                             \
	X(socketcall, listen, ARGS_SOCKETCALL)                 \
	X(rt_sigreturn, rt_sigreturn, ARGS_32)                 \
	X(sigreturn, rt_sigreturn, ARGS_32)                    \
	X(setuid32, setuid, ARGS_32)                           \
	X(setgid32, setgid, ARGS_32)                           \
	X(setreuid32, setreuid, ARGS_32)                       \
	X(setregid32, setregid, ARGS_32)                       \
	X(setresuid32, setresuid, ARGS_32)                     \
	X(setresgid32, setresgid, ARGS_32)                     \
	X(setgroups32, setgroups, ARGS_32)                     \
	X(setfsuid32, setfsuid, ARGS_32)                       \
	X(setfsgid32, setfsgid, ARGS_32)                       \
	X(setuid, setuid, ARGS_16BIT_IDS)                      \
	X(setgid, setgid, ARGS_16BIT_IDS)                      \
	X(setreuid, setreuid, ARGS_16BIT_IDS)                  \
	X(setregid, setregid, ARGS_16BIT_IDS)                  \
	X(setresuid, setresuid, ARGS_16BIT_IDS)                \
	X(setresgid, setresgid, ARGS_16BIT_IDS)                \
	X(setgroups, setgroups, ARGS_32)                       \
	X(setfsuid, setfsuid, ARGS_16BIT_IDS)                  \
	X(setfsgid, setfsgid, ARGS_16BIT_IDS)

/* The i386 numbers of I386_CALLS, in its order (arch-i386.c). */
extern const unsigned arch_i386_numbers[];

/* The calls of a 32-bit program that the detach's interrupt ends with EINTR,
 * for restart.c, which sets them back (restart.h), by their own numbers: two
 * of them are not x86-64's calls at all, and the time they take is laid out
 * otherwise. X(i386 name, the value its first argument must have or
 * ANY_CALL, the argument with the timeout, how the timeout is given):
 *   MILLISECONDS        an int
 *   TIMESPEC_POINTER    a struct __kernel_timespec, two 64-bit words (the
 *                       *_time64 calls, and epoll_pwait2)
 *   TIMESPEC32_POINTER  a struct old_timespec32, two 32-bit words (what
 *                       glibc 2.36 uses for a 32-bit time_t)
 * ipc() is glibc's semtimedop(): ipc(SEMTIMEDOP = 4, id, nsops, 0, sops,
 * timeout).
 */
#define I386_TIMEOUT_CALLS(X)                                  \
	X(epoll_wait, ANY_CALL, 3, MILLISECONDS)               \
	X(epoll_pwait, ANY_CALL, 3, MILLISECONDS)              \
	X(epoll_pwait2, ANY_CALL, 3, TIMESPEC_POINTER)         \
	X(rt_sigtimedwait, ANY_CALL, 2, TIMESPEC32_POINTER)    \
	X(rt_sigtimedwait_time64, ANY_CALL, 2, TIMESPEC_POINTER) \
	X(semtimedop_time64, ANY_CALL, 3, TIMESPEC_POINTER)    \
	X(ipc, 4, 5, TIMESPEC32_POINTER)

/* The i386 numbers of I386_TIMEOUT_CALLS, in its order (arch-i386.c). */
extern const unsigned arch_i386_timeout_numbers[];

#endif
