/* terminal.c - whether the terminal can show the full-screen view (see
 * terminal.h). A file of its own: term.h defines a macro for every terminfo
 * capability (lines, columns, ...), names the view uses for itself. */
#include "terminal.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

int
terminal_can_draw(char *why, size_t size)
{
	const char *type = getenv("TERM");
	const char *move;
	int error, can;

	if (type == NULL || type[0] == '\0') {
		snprintf(why, size, "TERM is not set");
		return 0;
	}
	if (setupterm(NULL, STDOUT_FILENO, &error) != OK) {
		snprintf(why, size, "the terminal type TERM=%s is not known here", type);
		return 0;
	}
	move = tigetstr("cup");		/* cursor_address: move to any row and column */
	can = move != NULL && move != (char *)-1;
	if (!can)
		snprintf(why, size, "this terminal (TERM=%s) cannot move the cursor", type);
	del_curterm(cur_term);
	return can;
}
