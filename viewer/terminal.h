/* terminal.h - whether the terminal can show the full-screen view. */
#ifndef DAEMON_STEPS_VIEWER_TERMINAL_H
#define DAEMON_STEPS_VIEWER_TERMINAL_H

#include <stddef.h>

/*
 * Whether the terminal on stdout can show the view: its type ($TERM) is
 * known and it can move the cursor anywhere. A dumb terminal (TERM=dumb, an
 * Emacs shell buffer, some IDE consoles) cannot: curses would draw it only
 * the bottom line. When it cannot, says why, into why.
 */
int terminal_can_draw(char *why, size_t size);

#endif
