/*
 * screen_quiz.c - a module's quiz and its result.  A question at a time:
 * choose (one, or any), confirm, then right or wrong with the feedback of
 * the answers chosen and the explanation; every answer is committed to the
 * store before its feedback is shown, the result before the result screen.
 * The result is the score against the pass mark, or, for a module for
 * communities (not an exam), thanks and the way to help (the footer's, as
 * on every screen), with no score and no verdict.  One state for both screens: the completion begun, the
 * question, what is chosen and how many were right.
 */
#include "widgets.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CHOICES 32   /* the bits of `chosen` */

struct quiz_state {
	char completion[STORE_UUID_LEN + 1];
	size_t question;
	unsigned chosen;            /* bit i: choice i chosen */
	int confirmed;              /* the question answered: its verdict shown */
	int right;                  /* questions answered right so far */
	int last_right;             /* the question just confirmed was right */
	/* on a panel too small for the verdict and the explanation together
	 * (found when the screen is built): 2, and the one shown (0: the
	 * verdict, 1: the explanation); else 1 and 0 */
	int feedback_pages, feedback_page;
	/* on a panel too small for all the answers under their question: the
	 * first answer shown, and whether some are on another page (found when
	 * the screen is built) */
	size_t answers_from, answers_to;
	int answers_paged;
};

static struct quiz_state *quiz(struct app *a)
{
	return screen_state(a, S_QUIZ);
}

static const struct m_question *question(struct app *a)
{
	return &current_module(a)->quiz->questions[quiz(a)->question];
}

/* A module for communities is not an exam: no verdict, no score shown
 * (the answers are still recorded for the officers' reports). */
static int community_module(const struct app *a)
{
	return !strcmp(current_module(a)->audience, "community");
}

/* ---- a question ----------------------------------------------------------- */

/* The question's prompt at (x, y), listed as "prompt" (the text Listen
 * highlights first); returns the y below it. */
static int prompt_at(struct app *a, const struct m_question *q, int x, int y, int w,
                     enum role role)
{
	int below = text_at(a, x, y, w, &q->prompt[a->lang], NULL, role);
	snprintf(a->view.v[a->view.n - 1].id, sizeof a->view.v[0].id, "prompt");
	return below;
}

static void enter_quiz(struct app *a)
{
	struct quiz_state *z = quiz(a);
	z->question = 0;
	z->chosen = 0;
	z->confirmed = 0;
	z->right = 0;
	z->feedback_page = 0;
	z->answers_from = 0;
}

/* Whether the text of `n` bytes ends a sentence already (an answer
 * written with its full stop, "?" or "!"; the Arabic question mark). */
static int ends_sentence(const char *t, size_t n)
{
	static const char *const ends[] = { ".", "!", "?", "\xd8\x9f", "\xe2\x80\xa6" };
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		size_t e = strlen(ends[i]);
		if (n >= e && !memcmp(t + n - e, ends[i], e))
			return 1;
	}
	return 0;
}

/* The verdict: "Correct." or "Not quite.", with the right answers when they
 * are not on screen, and the feedback of the answers chosen (heap). */
static char *verdict_text(struct app *a, const struct m_question *q, int with_answers)
{
	const struct quiz_state *z = quiz(a);
	struct buf fb = {0};
	buf_puts(&fb, ui(a, z->last_right ? "answer_correct" :
	                    community_module(a) ? "answer_incorrect_community" : "answer_incorrect"));
	if (with_answers) {
		const char *sep = ": ";
		buf_putc(&fb, ' ');
		buf_puts(&fb, ui(a, "right_answer"));
		for (size_t i = 0; i < q->nchoices; i++)
			if (q->choices[i].correct) {
				buf_puts(&fb, sep);
				buf_puts(&fb, q->choices[i].text[a->lang].text);
				sep = "; ";
			}
		if (!ends_sentence(fb.data, fb.len))
			buf_putc(&fb, '.');
	}
	for (size_t i = 0; i < q->nchoices; i++)
		if (((z->chosen >> i) & 1) && q->choices[i].feedback[a->lang].text[0]) {
			buf_putc(&fb, ' ');
			buf_puts(&fb, q->choices[i].feedback[a->lang].text);
		}
	return buf_take(&fb);
}

/* After confirming: the verdict, then the explanation, at the foot of the
 * content area; returns the y where they start, so the answers fit above. */
static int quiz_feedback(struct app *a, const struct m_question *q, int with_answers)
{
	enum role role = with_answers ? ROLE_SMALL : ROLE_BODY;   /* compact when short of room */
	int w = content_width(a), bottom = content_bottom(a) - GAP;
	char *verdict = verdict_text(a, q, with_answers);
	const struct m_text *ex = &q->explanation[a->lang];
	struct widget *e = add_widget(a, "explanation", WK_TEXT, MARGIN, 0, w, 0);
	mark_fallback(a, e, ex);
	e->h = put_text(a, e, ex->text, ex->spans, ex->nspans, role, 0);
	if (e->h > 3 * metrics(a, ROLE_BODY, a->lang)->line_height)
		e->h = put_text(a, e, ex->text, ex->spans, ex->nspans, ROLE_SMALL, 0);
	struct widget *v = add_widget(a, "feedback", WK_PANEL, MARGIN, 0, w, 0);
	v->flags |= quiz(a)->last_right ? WF_GOOD : WF_BAD;
	v->h = put_text(a, v, verdict, NULL, 0, role, 0) + 2 * PAD;
	free(verdict);
	/* place them: explanation last, the verdict above it */
	int ey = bottom - e->h, vy = ey - GAP - v->h;
	e->text_y += ey - e->y;
	e->y = ey;
	v->text_y += vy - v->y;
	v->y = vy;
	return vy - GAP;
}

/* The mark of answer i: a radio button or a box while choosing; after
 * confirming, right on the right answers and wrong on a wrong one chosen. */
static enum mark choice_mark(const struct quiz_state *z, const struct m_question *q, size_t i)
{
	int chosen = (z->chosen >> i) & 1;
	if (z->confirmed)
		return q->choices[i].correct ? MARK_CHECK : chosen ? MARK_CROSS : MARK_NONE;
	if (q->type == Q_MULTIPLE)
		return chosen ? MARK_BOX_ON : MARK_BOX;
	return chosen ? MARK_RADIO_ON : MARK_RADIO;
}

/* Answer i at (x, y), w wide; `compact`: less padding, 48 px high at
 * least (the last resort before answers run under the footer). */
static struct widget *quiz_choice(struct app *a, const struct m_question *q, size_t i, int x,
                                  int y, int w, enum role role, int compact)
{
	const struct quiz_state *z = quiz(a);
	const struct m_choice *c = &q->choices[i];
	char id[96];
	int chosen = (z->chosen >> i) & 1;
	snprintf(id, sizeof id, "choice:%s", c->key);
	struct widget *b = add_widget(a, id, WK_CHOICE, x, y, w, 64);
	if (chosen)
		b->flags |= WF_SELECTED;
	if (z->confirmed) {
		b->flags |= WF_DISABLED;
		b->flags |= c->correct ? WF_RIGHT : chosen ? WF_WRONG : 0;
	}
	b->mark = choice_mark(z, q, i);
	const struct m_text *t = &c->text[a->lang];
	mark_fallback(a, b, t);
	int least = compact ? 48 : 64;   /* a finger's width at least */
	int h = put_text(a, b, t->text, t->spans, t->nspans, role, 0) + (compact ? 16 : 2 * PAD - 8);
	b->h = h < least ? least : h;
	b->text_y = b->y + (b->h - b->layout.height) / 2;
	return b;
}

/* Whether answer i is shown: once confirmed and short of room, only the
 * right answers and the wrong ones chosen. */
static int choice_shown(struct app *a, const struct m_question *q, size_t i, int relevant_only)
{
	return !relevant_only || q->choices[i].correct || ((quiz(a)->chosen >> i) & 1);
}

/* Where the answers go: a column `w` wide from x. */
struct column {
	int x, w;
};

/* Lay the answers out in `col`, from y down to `bottom`, in `cols` columns
 * with text of `role`; 0 when they fit. */
static int quiz_choices(struct app *a, const struct m_question *q, struct column col, int y,
                        int bottom, enum role role, int cols, int relevant_only, int compact)
{
	int cw = (col.w - (cols - 1) * GAP) / cols, c = 0, row_h = 0;
	for (size_t i = 0; i < q->nchoices; i++) {
		if (!choice_shown(a, q, i, relevant_only))
			continue;
		struct widget *b = quiz_choice(a, q, i, col.x + c * (cw + GAP), y, cw, role, compact);
		row_h = b->h > row_h ? b->h : row_h;
		if (++c == cols) {
			y += row_h + 10;
			c = 0;
			row_h = 0;
		}
	}
	y += row_h;
	return y <= bottom ? 0 : -1;
}

/* How a question is arranged: the prompt's size; whether the answers are
 * shown (the most compact form after confirming names the right answers
 * in the verdict instead); packed closer (`compact`, the last resort
 * before answers run under the footer); `beside`: the prompt in a column
 * on the start side and the answers in one on the other (a short
 * landscape panel: the 7-inch one). */
struct arrangement {
	enum role prompt_role;
	int answers_shown, compact, beside;
};

/* One arrangement of the question: the first layout of the answers that
 * fits the room left (only after confirming may the answers that do not
 * matter step aside); 0 if it fits. */
static int quiz_attempt(struct app *a, const struct m_question *q, struct arrangement r)
{
	static const struct { enum role role; int cols, relevant; } tries[] = {
		{ ROLE_BUTTON, 1, 0 }, { ROLE_SMALL, 1, 0 }, { ROLE_SMALL, 2, 0 },
		{ ROLE_SMALL, 1, 1 }, { ROLE_SMALL, 2, 1 },
	};
	int confirmed = quiz(a)->confirmed;
	struct column text = { MARGIN, content_width(a) }, answers = text;
	if (r.beside) {
		text.w = content_width(a) * 2 / 5;
		answers.w = content_width(a) - text.w - GAP;
		answers.x = MARGIN + text.w + GAP;   /* (mirrored with the screen in RTL) */
	}
	int y = content_top(a);
	if (r.answers_shown)
		y = prompt_at(a, q, text.x, y, text.w, r.prompt_role) + GAP;
	if (!confirmed)
		y = text_at(a, text.x, y, text.w, NULL,
		            ui(a, q->type == Q_MULTIPLE ? "choose_all" : "choose_one"), ROLE_SMALL) +
		    GAP;
	int bottom = confirmed ? quiz_feedback(a, q, !r.answers_shown) : content_bottom(a) - GAP;
	if (!r.answers_shown)
		return y <= bottom ? 0 : -1;
	int text_fits = y - GAP <= bottom;
	if (r.beside)
		y = content_top(a);
	/* (when none fits, the last stays: every answer on the screen) */
	size_t mark = a->view.n, n = sizeof tries / sizeof *tries;
	for (size_t t = 0; t < n; t++) {
		if ((tries[t].relevant && !confirmed) || (r.beside && tries[t].cols > 1))
			continue;
		view_truncate(&a->view, mark);
		if (quiz_choices(a, q, answers, y, bottom, tries[t].role, tries[t].cols,
		                 tries[t].relevant, r.compact) == 0 && text_fits)
			return 0;
	}
	return -1;
}

/* The verdict (naming the right answers) or the explanation alone, from
 * the top of the content area: the two pages of a confirmed question on a
 * panel too small for both. */
static void feedback_page(struct app *a, const struct m_question *q, int page)
{
	int w = content_width(a), y = content_top(a);
	if (page == 0) {
		char *verdict = verdict_text(a, q, 1);
		struct widget *v = add_widget(a, "feedback", WK_PANEL, MARGIN, y, w, 0);
		v->flags |= quiz(a)->last_right ? WF_GOOD : WF_BAD;
		v->h = put_text(a, v, verdict, NULL, 0, ROLE_SMALL, 0) + 2 * PAD;
		free(verdict);
	} else {
		const struct m_text *ex = &q->explanation[a->lang];
		struct widget *e = add_widget(a, "explanation", WK_TEXT, MARGIN, y, w, 0);
		mark_fallback(a, e, ex);
		e->h = put_text(a, e, ex->text, ex->spans, ex->nspans, ROLE_SMALL, 0);
	}
}

/* The answers from z->answers_from that fit under the prompt, from y:
 * the index after the last (at least one is placed). */
static size_t place_answers_from(struct app *a, const struct m_question *q, int y)
{
	const struct quiz_state *z = quiz(a);
	int bottom = content_bottom(a) - GAP;
	size_t end = z->answers_from;
	for (size_t i = z->answers_from; i < q->nchoices; i++) {
		size_t mark = a->view.n;
		struct widget *b = quiz_choice(a, q, i, MARGIN, y, content_width(a), ROLE_SMALL, 1);
		if (b->y + b->h > bottom && i > z->answers_from) {
			view_truncate(&a->view, mark);   /* on the next page */
			break;
		}
		y = b->y + b->h + 10;
		end = i + 1;
	}
	return end;
}

/* The last resort before a question's answers run under the footer: the
 * prompt, then as many answers as fit from z->answers_from, the bar saying
 * which ones these are, and "More answers" (in the footer) for the rest.
 * `title`: the bar's; the view from `mark` on is rebuilt. */
static void answers_paged(struct app *a, const struct m_question *q, const char *title,
                          size_t mark)
{
	struct quiz_state *z = quiz(a);
	char range[300], tmp[300];
	if (z->answers_from >= q->nchoices)
		z->answers_from = 0;
	/* laid out once to know how many fit, then again after the bar that
	 * says so (the bar comes first in the view, as on every screen) */
	for (int pass = 0; pass < 2; pass++) {
		view_truncate(&a->view, mark);
		if (pass == 0)
			add_header(a, title);
		else
			add_labelled_header(a, title, range);
		int y = prompt_at(a, q, MARGIN, content_top(a), content_width(a), ROLE_SMALL) + GAP;
		z->answers_to = place_answers_from(a, q, y);
		fill_number(tmp, sizeof tmp, ui(a, "kiosk_answers_range"), "first",
		            (long)z->answers_from + 1);
		fill_number(range, sizeof range, tmp, "last", (long)z->answers_to);
		fill_number(tmp, sizeof tmp, range, "total", (long)q->nchoices);
		snprintf(range, sizeof range, "%s", tmp);
	}
	/* all of them fit without the line that says to choose: no pages */
	z->answers_paged = z->answers_from > 0 || z->answers_to < q->nchoices;
	if (!z->answers_paged) {
		view_truncate(&a->view, mark);
		add_header(a, title);
		int y = prompt_at(a, q, MARGIN, content_top(a), content_width(a), ROLE_SMALL);
		place_answers_from(a, q, y + GAP);
	}
}

/* The first arrangement that fits, in order: the prompt a size smaller
 * each time, answers packed closer, the prompt beside the answers (a
 * landscape panel), and after confirming the verdict naming the right
 * answers instead of them; 0 when one fits. */
static int arrange_question(struct app *a, const struct m_question *q)
{
	static const struct arrangement order[] = {
		{ ROLE_HEADING, 1, 0, 0 }, { ROLE_BODY, 1, 0, 0 }, { ROLE_SMALL, 1, 0, 0 },
		{ ROLE_SMALL, 1, 1, 0 }, { ROLE_SMALL, 1, 0, 1 }, { ROLE_SMALL, 1, 1, 1 },
		{ ROLE_SMALL, 0, 0, 0 },
	};
	int confirmed = quiz(a)->confirmed, landscape = a->view.width > a->view.height;
	size_t mark = a->view.n;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		if ((order[i].beside && (!landscape || confirmed)) || (!order[i].answers_shown && !confirmed))
			continue;
		view_truncate(&a->view, mark);
		if (quiz_attempt(a, q, order[i]) == 0)
			return 0;
	}
	return -1;
}

static void build_quiz(struct app *a)
{
	struct quiz_state *z = quiz(a);
	const struct m_question *q = question(a);
	char title[200];
	snprintf(title, sizeof title, "%s %zu %s %zu", ui(a, "question"), z->question + 1,
	         ui(a, "question_of"), current_module(a)->quiz->nquestions);
	size_t top = a->view.n;
	add_header(a, title);
	size_t mark = a->view.n;
	z->feedback_pages = 1;
	z->answers_paged = 0;
	if (arrange_question(a, q) < 0) {
		view_truncate(&a->view, mark);
		if (z->confirmed) {
			/* not even the verdict and the explanation together: one a page */
			z->feedback_pages = 2;
			feedback_page(a, q, z->feedback_page);
		} else {
			answers_paged(a, q, title, top);
		}
	}
	if (z->confirmed)
		add_footer(a, NULL, NULL, "next", ui(a, "next"), 0);
	else
		add_footer(a, z->answers_paged ? "answers-more" : NULL, ui(a, "kiosk_more_answers"),
		           "confirm", ui(a, "kiosk_confirm"), z->chosen == 0);
}

/* ---- answering ------------------------------------------------------------ */

void quiz_start(struct app *a, int64_t now)
{
	const struct m_module *mo = current_module(a);
	struct completion_start c = {
		a->mode, !strcmp(a->mode, "personnel") ? a->person : NULL,
		a->session[0] ? a->session : NULL, mo->key, a->m->langs[a->lang].code,
		a->m->content_version, (int)mo->quiz->nquestions, now };
	if (store_completion_begin(a->st, &c, quiz(a)->completion, &a->last_error) < 0) {
		show_save_failed(a);
		return;
	}
	go(a, S_QUIZ);
}

static int chose_right(struct app *a)
{
	const struct m_question *q = question(a);
	for (size_t i = 0; i < q->nchoices; i++)
		if (((quiz(a)->chosen >> i) & 1) != (unsigned)q->choices[i].correct)
			return 0;
	return 1;
}

static void choose(struct app *a, const char *key, int64_t now)
{
	struct quiz_state *z = quiz(a);
	const struct m_question *q = question(a);
	(void)now;
	if (z->confirmed)
		return;
	for (size_t i = 0; i < q->nchoices && i < MAX_CHOICES; i++) {
		if (strcmp(q->choices[i].key, key))
			continue;
		if (q->type == Q_MULTIPLE)
			z->chosen ^= 1u << i;
		else
			z->chosen = 1u << i;
	}
	changed(a);
}

/* The answer, on disk before its verdict is shown. */
static void confirm(struct app *a, const char *arg, int64_t now)
{
	struct quiz_state *z = quiz(a);
	const struct m_question *q = question(a);
	struct buf chosen = {0};
	(void)arg;
	if (!z->chosen || z->confirmed)
		return;
	int right = chose_right(a);
	for (size_t i = 0; i < q->nchoices; i++)
		if ((z->chosen >> i) & 1) {
			if (chosen.len)
				buf_putc(&chosen, ',');
			buf_puts(&chosen, q->choices[i].key);
		}
	int rc = store_answer(a->st, z->completion, q->key, chosen.data ? chosen.data : "", right,
	                      now, &a->last_error);
	buf_free(&chosen);
	if (rc < 0) {
		show_save_failed(a);
		return;
	}
	z->right += right;
	z->last_right = right;
	z->confirmed = 1;
	changed(a);
}

/* The next question, or the result, on disk before it is shown. */
static void next_question(struct app *a, const char *arg, int64_t now)
{
	struct quiz_state *z = quiz(a);
	const struct m_quiz *mq = current_module(a)->quiz;
	(void)arg;
	if (!z->confirmed)
		return;
	if (z->feedback_page + 1 < z->feedback_pages) {
		z->feedback_page++;   /* the explanation, after the verdict */
		changed(a);
		return;
	}
	z->feedback_page = 0;
	z->answers_from = 0;
	if (z->question + 1 < mq->nquestions) {
		z->question++;
		z->chosen = 0;
		z->confirmed = 0;
		restart_focus(a);
		return;
	}
	int total = (int)mq->nquestions;
	int passed = z->right * 100 >= mq->pass_percent * total;
	if (store_completion_finish(a->st, z->completion, z->right, passed, now,
	                            &a->last_error) < 0) {
		show_save_failed(a);
		return;
	}
	go(a, S_RESULT);
}

/* The next page of answers, after the last the first again. */
static void more_answers(struct app *a, const char *arg, int64_t now)
{
	struct quiz_state *z = quiz(a);
	(void)arg;
	(void)now;
	if (!z->answers_paged || z->confirmed)
		return;
	z->answers_from = z->answers_to < question(a)->nchoices ? z->answers_to : 0;
	changed(a);
}

/* ---- read aloud ------------------------------------------------------------ */

static size_t narr_add(struct app *a, struct narr_item *out, size_t n, size_t max, const char *id,
                       const struct m_text *t)
{
	return t->text[0] ? narr_put(out, n, max, id, t->key, t->fallback, a->lang) : n;
}

/* Before confirming: the prompt, then each answer; after: the feedback of
 * the answers chosen (in the verdict's panel), then the explanation. */
static size_t quiz_narration(struct app *a, struct narr_item *out, size_t max)
{
	const struct quiz_state *z = quiz(a);
	const struct m_question *q = question(a);
	size_t n = 0;
	char id[sizeof out->id];
	if (!z->confirmed) {
		n = narr_add(a, out, n, max, "prompt", &q->prompt[a->lang]);
		for (size_t i = 0; i < q->nchoices; i++) {
			snprintf(id, sizeof id, "choice:%s", q->choices[i].key);
			n = narr_add(a, out, n, max, id, &q->choices[i].text[a->lang]);
		}
		return n;
	}
	for (size_t i = 0; i < q->nchoices; i++)
		if ((z->chosen >> i) & 1)
			n = narr_add(a, out, n, max, "feedback", &q->choices[i].feedback[a->lang]);
	return narr_add(a, out, n, max, "explanation", &q->explanation[a->lang]);
}

static const struct handler quiz_handlers[] = {
	{ "choice:", choose },
	{ "answers-more", more_answers },
	{ "confirm", confirm },
	{ "next", next_question },
};

const struct screen_ops screen_quiz = {
	.name = "quiz",
	.state_size = sizeof (struct quiz_state),
	.enter = enter_quiz,
	.build = build_quiz,
	HANDLERS(quiz_handlers),
	.narration = quiz_narration,
};

/* ---- the result ------------------------------------------------------------ */

/* The end of a community module's quiz: thanks and where to get help; no
 * score and no verdict (this is not an exam, and many readers are
 * survivors). */
static void build_closing(struct app *a)
{
	const char *key = "kiosk_closing_community";
	int w = content_width(a), y = content_top(a) + 40;
	add_header(a, current_module(a)->title[a->lang].text);
	struct widget *c = add_widget(a, "closing", WK_PANEL, MARGIN, y, w, 0);
	c->lang = ui_lang(a, key);
	c->rtl = a->m->langs[c->lang].rtl;
	c->h = put_text(a, c, ui(a, key), NULL, 0, ROLE_BODY, 0) + 2 * PAD;
	add_footer(a, NULL, NULL, "done", ui(a, "back_to_track"), 0);
}

/* The score, against the pass mark. */
static void build_score(struct app *a)
{
	const struct m_quiz *mq = current_module(a)->quiz;
	int score = quiz(a)->right, total = (int)mq->nquestions;
	int percent = total ? (score * 100 + total / 2) / total : 0;
	int passed = score * 100 >= mq->pass_percent * total;
	char line[300], tmp[300];
	int w = content_width(a), y = content_top(a) + 40;
	add_header(a, current_module(a)->title[a->lang].text);
	fill_number(tmp, sizeof tmp, ui(a, "score_pattern"), "right", score);
	fill_number(line, sizeof line, tmp, "total", total);
	fill_number(tmp, sizeof tmp, line, "percent", percent);
	struct widget *s = add_widget(a, "score", WK_PANEL, MARGIN, y, w, 0);
	s->flags |= passed ? WF_GOOD : WF_BAD;
	s->h = put_text(a, s, tmp, NULL, 0, ROLE_HEADING, 0) + 2 * PAD;
	y += s->h + GAP;
	text_at(a, MARGIN, y, w, NULL, ui(a, passed ? "passed" : "not_passed"), ROLE_BODY);
	add_footer(a, "retry", ui(a, "try_again"), "done", ui(a, "back_to_track"), 0);
}

static void build_result(struct app *a)
{
	if (community_module(a))
		build_closing(a);
	else
		build_score(a);
}

static void retry(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	quiz_start(a, now);
}

static void done(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	go(a, S_MODULES);
}

static const struct handler result_handlers[] = {
	{ "retry", retry },
	{ "done", done },
};

const struct screen_ops screen_result = {
	.name = "result",
	.build = build_result,   /* the quiz's state */
	HANDLERS(result_handlers),
};
