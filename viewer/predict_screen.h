/* predict_screen.h - what daemon-viewer --predict shows, laid out on a canvas.
 *
 * While a frame's questions are asked: the frame it is compared with (the
 * state before), and the questions under it, one line across the screen. Once
 * they are answered: the frame, and under it each answer marked "right",
 * "WRONG" or "skipped", words that need no colour. The score screen: how many
 * were right, and which were wrong. Any other frame is drawn as without
 * --predict. Plain C, like render.h: the curses view paints the canvas, and
 * the tests read it.
 */
#ifndef DAEMON_STEPS_VIEWER_PREDICT_SCREEN_H
#define DAEMON_STEPS_VIEWER_PREDICT_SCREEN_H

#include <stddef.h>

#include "canvas.h"
#include "model.h"
#include "names.h"
#include "predict.h"

/* Lays out what the replay shows at frame, status on the last row (see
 * render_frame). */
void predict_render(struct canvas *canvas, const struct model *model, const struct names *names,
		    const struct predict *game, size_t frame, const char *status);

/* The keys for what predict_render shows at frame, for the status line. */
const char *predict_hint(const struct predict *game, size_t frame);

/* "7 of 10 right, 2 skipped", into out. */
void predict_score_text(const struct predict *game, char *out, size_t size);

/* The help screen's lines about --predict's keys, ended by NULL. */
extern const char *const predict_help[];

#endif
