/* arch-i386.c - the i386 numbers of the calls listed in arch-i386.h, from the
 * kernel's own list (<asm/unistd_32.h>, made from its syscall_32.tbl), for
 * arch.c and restart.c. Only this file may include it: <sys/syscall.h>
 * defines the same names with the x86-64 numbers.
 */
#include "arch-i386.h"

#include <asm/unistd_32.h>

#define I386_NUMBER(i386, native, how) __NR_##i386,
const unsigned arch_i386_numbers[] = { I386_CALLS(I386_NUMBER) };

#define I386_TIMEOUT_NUMBER(i386, when, arg, kind) __NR_##i386,
const unsigned arch_i386_timeout_numbers[] = { I386_TIMEOUT_CALLS(I386_TIMEOUT_NUMBER) };
