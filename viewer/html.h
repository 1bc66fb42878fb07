/* html.h - a run as one web page (daemon-viewer --html).
 *
 * The page holds the same frames as the terminal, told by the same story and
 * lesson and laid out from the same words (layout.h), as HTML: the timeline,
 * the headline, the state with each change as old and new value, the
 * checklist, the sessions, process groups and processes as nested boxes
 * (ghosts included), the explanation. It is one file with nothing outside
 * it: its style and its small script are inline (html_page.c), it loads
 * nothing. The script shows one frame at a time, moved by the terminal's
 * keys or by buttons, and names it in the address (#frame-9); without the
 * script, and in print, every frame is shown one after another. Every value
 * from the log is escaped: it is text, never markup.
 */
#ifndef DAEMON_STEPS_VIEWER_HTML_H
#define DAEMON_STEPS_VIEWER_HTML_H

#include <stdio.h>

#include "model.h"

/*
 * Writes the page of run to out; normalize names processes and times as
 * --normalize does. Returns 0, or -1 with errno when writing failed.
 */
int render_html(FILE *out, const struct model *model, const struct run *run,
		const char *log_name, int normalize);

/* The page's style sheet and script (html_page.c), as lines ended by NULL. */
extern const char *const html_style[];
extern const char *const html_script[];

#endif
