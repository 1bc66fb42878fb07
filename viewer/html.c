/* html.c - every frame of a run as one web page (see html.h).
 *
 * Each frame is a <section id="frame-N">, in the order --dump prints them:
 * the headline, the timeline, the state beside the checklist, the diagram,
 * the explanation. Every mark that colour gives also has its sign in the
 * text, as on a monochrome terminal ('*' and old -> new, "[x]", "<- now",
 * '>' and 'x'); the style sheet only adds colour and boxes. Every text that
 * comes from the log goes through put_text(), which escapes it.
 */
#include "html.h"

#include <errno.h>
#include <string.h>

#include "layout.h"
#include "lesson.h"
#include "player.h"

/*** text, escaped ***/

/* text as HTML text: the characters that could open markup or end an
 * attribute are written as references, control characters as '?'. */
static void
put_text(FILE *out, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: putc(*p < 0x20 || *p == 0x7f ? '?' : *p, out);
		}
	}
}

/* open, text escaped, close: one element whose markup is ours. */
static void
put_element(FILE *out, const char *open, const char *text, const char *close)
{
	fputs(open, out);
	put_text(out, text);
	fputs(close, out);
}

static void
put_lines(FILE *out, const char *const *lines)
{
	for (; *lines; lines++)
		fputs(*lines, out);
}

/*** the parts of a frame ***/

static void
put_headline(FILE *out, const struct frame_view *view)
{
	const struct frame *frame = current_frame(view);
	const struct entry *record = frame->record;
	char phrase[TEXT_MAX], text[TEXT_MAX], time[64];
	int failed = strcmp(entry_text(record, "event"), "error") == 0;

	event_phrase(frame, phrase, sizeof phrase);
	fprintf(out, "<h2><span class=\"count\">Frame %zu/%zu</span> ", view->story->frame + 1,
		view->run->count);
	snprintf(text, sizeof text, "%s %s:", field_or_unknown(record, "prog"),
		 names_pid(view->names, field_or_unknown(record, "pid")));
	put_element(out, "<span class=\"who\">", text, "</span> ");
	put_element(out, failed ? "<span class=\"what error\">" : "<span class=\"what\">", phrase,
		    "</span></h2>\n");

	names_time(view->names, entry_text(record, "time"), time, sizeof time);
	fputs("<p class=\"where\">", out);
	if (!view->names->normalize)
		fprintf(out, "log line %zu, ", frame->line);
	put_text(out, time);
	for (size_t i = 0; i < record->count; i++) {
		const struct logfmt_field *field = &record->fields[i];
		if (!headline_shows(record, field))
			continue;
		extra_text(view->names, field, text, sizeof text);
		put_element(out, " <code class=\"extra\">", text, "</code>");
	}
	fputs("</p>\n", out);
}

/* The stops as the terminal's line shows them: "[2 setsid]" the current one,
 * "(3 fork)" one left out, "(2 setsid!)" one whose call failed, a traced
 * run's "^4 chdir" (out of order), "5 umask*" (differently), "7 stdio!" (its
 * item fails); the words say it as well as the signs. */
static void
put_timeline(FILE *out, const struct frame_view *view)
{
	static const struct {
		char sign;
		const char *words;
	} marks[] = { { '^', " done out of order" }, { '*', " done differently" },
		      { '!', " done, yet its item fails" } };
	struct timeline_plan plan;

	timeline_plan(view, &plan);
	fputs("<ol class=\"timeline\" aria-label=\"the steps\">", out);
	for (int i = 0; i < TIMELINE_STOPS; i++) {
		int current = i == plan.current, left_out = plan.left_out[i];
		int tried = left_out && plan.closing[i] == '!';	/* "(2 setsid!)" */
		char opening = left_out ? ' ' : plan.opening[i];
		char closing = left_out && !tried ? ' ' : plan.closing[i];

		if (!plan.shown[i])
			continue;
		fprintf(out, "<li class=\"stop%s\"%s>%s", current ? " current" : left_out ? " left-out" :
			!plan.present[i] ? " absent" : "", current ? " aria-current=\"step\"" : "",
			current ? "[" : left_out ? "(" : "");
		if (opening != ' ')
			fputc(opening, out);
		put_text(out, timeline[i].label);
		if (closing != ' ')
			fputc(closing, out);
		fputs(current ? "]" : left_out ? ")" : "", out);
		if (current || left_out || !plan.present[i] || opening != ' ' || closing != ' ') {
			fputs("<span class=\"aside\">", out);
			fputs(current ? " this frame" : tried ? " tried, its call failed" :
			      left_out ? " left out" : !plan.present[i] ? " not in the log" : "", out);
			for (size_t m = 0; m < sizeof marks / sizeof marks[0] && !tried; m++)
				if (opening == marks[m].sign || closing == marks[m].sign)
					fputs(marks[m].words, out);
			fputs("</span>", out);
		}
		fputs("</li>", out);
	}
	fputs("</ol>\n", out);
}

static void
put_state(FILE *out, const struct frame_view *view)
{
	const struct entry *before = state_before(view);

	fputs("<table class=\"state\"><caption>The process</caption>\n", out);
	for (int row = 0; row < ROW_COUNT; row++) {
		char now[TEXT_MAX], old[TEXT_MAX];

		state_text(view->names, current_frame(view)->record, row, TEXT_MAX, now, sizeof now);
		if (!state_row_changed(view, row)) {
			put_element(out, "<tr><td class=\"mark\"></td><th scope=\"row\">",
				    state_row_label(row), "</th>");
			put_element(out, "<td>", now, "</td></tr>\n");
			continue;
		}
		state_text(view->names, before, row, TEXT_MAX, old, sizeof old);
		put_element(out, "<tr class=\"changed\"><td class=\"mark\">*</td><th scope=\"row\">",
			    state_row_label(row), "</th>");
		put_element(out, "<td><span class=\"word\">was</span> <del class=\"old\">", old,
			    "</del> <span class=\"arrow\">-&gt;</span> ");
		put_element(out, "<span class=\"word\">now</span> <ins class=\"new\">", now,
			    "</ins></td></tr>\n");
	}
	fputs("</table>\n", out);
}

static void
put_checklist(FILE *out, const struct frame_view *view)
{
	const struct story *story = view->story;
	int compared = current_frame(view)->previous != NO_FRAME;

	fputs("<div class=\"checklist\">", out);
	for (int check = 0; check < CHECK_ALL_COUNT; check++) {
		int met = story_check(story, check), was = story_check_before(story, check);
		enum check_judgment judgment = story_judgment(story, check);

		if (check == 0 || check == CHECK_COUNT)	/* a group begins */
			fprintf(out, "%s<h3>%s <span class=\"step\">(step)</span></h3><ul>\n",
				check ? "</ul>" : "", check ? "daemon(7) also asks..." : "A daemon is...");
		fprintf(out, "<li class=\"%s\"><span class=\"box\">[%c]</span> ",
			judgment == CHECK_FAILS ? "unmet" : judgment == CHECK_NOT_KNOWN ||
			judgment == CHECK_NOT_APPLICABLE ? "unjudged" : "met", judgment_mark(judgment));
		put_text(out, check_label(check));
		put_element(out, " <span class=\"step\">(", check_step(check), ")</span>");
		if (compared && met != was)
			fputs(met ? " <strong class=\"won\">&lt;- now</strong>"
				  : " <strong class=\"lost\">&lt;- lost</strong>", out);
		fputs("</li>\n", out);
	}
	fputs("</ul></div>\n", out);
}

/* The sessions, each box holding its groups' boxes, each holding its
 * processes: the nesting is the hierarchy itself. */
static void
put_diagram(FILE *out, const struct frame_view *view)
{
	struct stage stage;
	const char *current = entry_text(current_frame(view)->record, "pid");

	set_stage(&stage, view->story);
	if (stage.count == 0)
		return;
	fputs("<div class=\"diagram\">\n", out);
	for (int s = 0; s < stage.count; s++) {
		const struct session_box *session = &stage.sessions[s];
		char title[TEXT_MAX];

		session_title(view, session, s == 0, title, sizeof title);
		put_element(out, "<div class=\"session\"><p class=\"title\">", title,
			    "</p><div class=\"groups\">\n");
		for (int g = 0; g < session->count; g++) {
			const struct group_box *group = &session->groups[g];

			group_title(view, group, 0, title, sizeof title);
			put_element(out, "<div class=\"group\"><p class=\"title\">", title, "</p><ul>");
			for (int i = 0; i < group->count; i++) {
				const struct actor *actor = group->actors[i];
				int is_current = !actor->starter && strcmp(actor->pid, current) == 0;
				char label[TEXT_MAX];

				actor_label(view, actor, label, sizeof label);
				put_element(out, is_current ? "<li class=\"process current\">"
						 : actor->exited ? "<li class=\"process ghost\">"
						 : "<li class=\"process\">", label, "</li>");
			}
			fputs("</ul></div>\n", out);
		}
		fputs("</div></div>\n", out);
	}
	fputs("</div>\n", out);
}

static void
put_lesson(FILE *out, const struct frame_view *view)
{
	struct lesson lesson;

	lesson_tell(view->story, view->names, &lesson);
	fputs("<div class=\"lesson\">\n", out);
	if (lesson.text[PART_WHAT][0])
		put_element(out, "<p>", lesson.text[PART_WHAT], "</p>\n");
	if (lesson.text[PART_WHY][0])
		put_element(out, "<p><strong>Why:</strong> ", lesson.text[PART_WHY], "</p>\n");
	if (lesson.text[PART_WITHOUT][0]) {
		put_element(out, "<p><strong>", lesson.without_label, ":</strong> ");
		put_element(out, "", lesson.text[PART_WITHOUT], "</p>\n");
	}
	fputs("</div>\n", out);
}

static void
put_frame(FILE *out, const struct frame_view *view)
{
	size_t number = view->story->frame + 1;

	fprintf(out, "<section class=\"frame\" id=\"frame-%zu\">\n", number);
	put_headline(out, view);
	put_timeline(out, view);
	fputs("<div class=\"panels\">\n", out);
	put_state(out, view);
	put_checklist(out, view);
	fputs("</div>\n", out);
	put_diagram(out, view);
	put_lesson(out, view);
	fputs("</section>\n", out);
}

/*** the page ***/

/* The player's controls, shown only by the script: a button for each key,
 * and for each step its frame, or why the run has none. */
static void
put_controls(FILE *out, const struct run *run)
{
	fputs("<nav class=\"player\" hidden aria-label=\"the replay\">\n<div class=\"moves\">"
	      "<button type=\"button\" data-go=\"first\" title=\"Home, g\">|&lt; first</button>"
	      "<button type=\"button\" data-go=\"previous\" title=\"Left, h\">&lt; previous</button>"
	      "<output class=\"position\" aria-live=\"polite\"></output>"
	      "<button type=\"button\" data-go=\"next\" title=\"Right, l, Space\">next &gt;</button>"
	      "<button type=\"button\" data-go=\"last\" title=\"End, G\">last &gt;|</button>"
	      "<button type=\"button\" data-go=\"play\" title=\"p\">play</button></div>\n"
	      "<div class=\"steps\">", out);
	for (int step = 1; step <= 7; step++) {
		char name[2] = { (char)('0' + step), '\0' }, why[PLAYER_MESSAGE_SIZE];
		size_t frame = run_find_step(run, name);
		const char *label = timeline[timeline_stop_of(name)].label;

		if (frame != NO_FRAME) {
			fprintf(out, "<button type=\"button\" data-key=\"%d\" data-frame=\"%zu\" "
				"title=\"%d\">", step, frame + 1, step);
			put_element(out, "", label, "</button>");
			continue;
		}
		say_why_no_step(run, step, why, sizeof why);
		fprintf(out, "<button type=\"button\" data-key=\"%d\" class=\"absent\" data-why=\"",
			step);
		put_text(out, why);
		put_element(out, "\">", label, "</button>");
	}
	fputs("</div>\n<p class=\"message\" role=\"status\"></p>\n</nav>\n", out);
}

static void
put_legend(FILE *out)
{
	fputs("<details class=\"legend\"><summary>Keys and marks</summary><dl>"
	      "<dt>Right, l, Space / Left, h, Backspace</dt><dd>next / previous frame</dd>"
	      "<dt>Home, g / End, G</dt><dd>first / last frame</dd>"
	      "<dt>1 ... 7</dt><dd>the frame of that step</dd><dt>p</dt><dd>play or pause</dd>"
	      "<dt>?</dt><dd>this list</dd>"
	      "<dt>[2 setsid]</dt><dd>the step of this frame; (3 fork): left out; (2 setsid!): "
	      "tried, its call failed</dd>"
	      "<dt>^4  4*  4!</dt><dd>a traced program's step done out of order, done "
	      "differently, done yet its item fails</dd>"
	      "<dt>* old -&gt; new</dt><dd>a field this transition changed</dd>"
	      "<dt>[x]</dt><dd>a checklist item met; &lt;- now, &lt;- lost: this transition "
	      "met the item, or undid it</dd>"
	      "<dt>[*]  [ ]  [-]  [?]</dt><dd>met otherwise (a traced program's own way), "
	      "not met, not applicable, not known from the records</dd>"
	      "<dt>&gt;  x</dt><dd>the frame's process; one that exited (a ghost)</dd>"
	      "<dt>SL  GL</dt><dd>a session leader, a group leader</dd>"
	      "<dt>group 5075, group ?</dt><dd>a process group's box, by its PGID; ?: the "
	      "log does not hold it (a starter's that recorded nothing of its own)</dd>"
	      "</dl></details>\n", out);
}

int
render_html(FILE *out, const struct model *model, const struct run *run,
	    const char *log_name, int normalize)
{
	struct story story;
	struct names names;
	struct frame_view view = { model, run, &story, &names, EXPLAIN_BELOW };
	const char *run_name = normalize ? "<run>" : run->id;
	char summary[TEXT_MAX], subject[TEXT_MAX];

	names_build(&names, run, normalize);
	run_subject(run, subject, sizeof subject);	/* tabs of handouts told apart */
	render_log_summary(model, summary, sizeof summary);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      /* nothing from elsewhere, whatever the page holds */
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n", out);
	put_element(out, "<title>", subject, ": ");
	put_element(out, "", run_name, " (daemon-viewer)</title>\n");
	fputs("<style>\n", out);
	put_lines(out, html_style);
	fputs("</style>\n</head>\n<body>\n<header class=\"page\">\n", out);
	put_element(out, "<h1>", subject, ": ");
	put_element(out, "the replay of run ", run_name, "</h1>\n");
	fprintf(out, "<p>%zu records in %zu frames, from ", run->records, run->count);
	put_text(out, normalize ? "the log" : log_name);
	put_element(out, " (", summary, ").</p>\n");
	put_legend(out);
	fputs("</header>\n", out);
	put_controls(out, run);	/* out of the header, so that it sticks to the window's top */
	fputs("<main>\n", out);

	story_start(&story, run);
	for (size_t f = 0; f < run->count; f++) {
		story_advance(&story, f);
		put_frame(out, &view);
	}
	fputs("</main>\n<script>\n", out);
	put_lines(out, html_script);
	fputs("</script>\n</body>\n</html>\n", out);
	if (fflush(out) == EOF || ferror(out)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}
