/*
 * screen_start.c - the first two screens: the language, each named in its
 * own script and font (and, for signed content past its date, a notice
 * saying so), and the mode, personnel or community, unless --mode fixes
 * it.  Neither has state: the choices are the session's (a->lang,
 * a->mode).
 */
#include "widgets.h"

#include <stdio.h>
#include <string.h>

/* The keypad the mode asks for: an ID, or a number of participants. */
static void after_mode(struct app *a)
{
	go(a, !strcmp(a->mode, "personnel") ? S_ID : S_PARTICIPANTS);
}

/* ---- language ------------------------------------------------------------ */

static void build_language(struct app *a)
{
	const struct material *m = a->m;
	int w = a->view.width - 2 * MARGIN, h = button_h(a) + 24;
	int total = (int)m->nlangs * (h + GAP);
	int y = (a->view.height - total) / 2;
	struct widget *t = add_widget(a, NULL, WK_TEXT, MARGIN, MARGIN, w, 0);
	t->lang = m->source;
	t->h = put_text(a, t, m->site_title[m->source], NULL, 0, ROLE_TITLE, 0);
	for (size_t i = 0; i < m->nlangs; i++) {
		char id[64];
		snprintf(id, sizeof id, "lang:%s", m->langs[i].code);
		struct widget *b = add_widget(a, id, WK_PRIMARY, MARGIN + w / 6, y, w * 2 / 3, h);
		b->lang = i;   /* the name in its own script and font */
		b->rtl = m->langs[i].rtl;
		put_text(a, b, m->langs[i].name, NULL, 0, ROLE_KEY, 1);
		y += h + GAP;
	}
	if (m->expired) {
		/* signed content past its date: shown, and said so to whoever looks */
		char day[32], line[400];
		format_day(m->seal.expires, day);
		fill_text(line, sizeof line, ui(a, "kiosk_content_expired"), "date", day);
		struct widget *n = add_widget(a, "expired", WK_PANEL, MARGIN,
		                              a->view.height - MARGIN - 72, w, 72);
		n->flags |= WF_BAD;
		n->lang = m->source;
		n->rtl = m->langs[m->source].rtl;
		put_text(a, n, line, NULL, 0, ROLE_SMALL, 1);
	}
}

static void choose_language(struct app *a, const char *code, int64_t now)
{
	(void)now;
	for (size_t i = 0; i < a->m->nlangs; i++)
		if (!strcmp(a->m->langs[i].code, code))
			a->lang = i;
	if (!strcmp(a->cfg.mode, "ask")) {
		go(a, S_MODE);
	} else {
		a->mode = a->cfg.mode;
		after_mode(a);
	}
}

static const struct handler language_handlers[] = {
	{ "lang:", choose_language },
};

const struct screen_ops screen_language = {
	.name = "language",
	.build = build_language,
	HANDLERS(language_handlers),
	.flags = SCREEN_UNMIRRORED | SCREEN_NO_HELP,
};

/* ---- mode ------------------------------------------------------------------ */

static const char *const modes[][3] = {
	{ "mode:personnel", "kiosk_mode_personnel", "kiosk_mode_personnel_note" },
	{ "mode:community", "kiosk_mode_community", "kiosk_mode_community_note" },
};

/* How the two mode buttons are laid out: one above the other or side by
 * side, their name in `role`, `h` high from `y`. */
struct mode_layout {
	int side;
	enum role role;
	int y, h;
};

/* The height a mode button `w` wide needs: its name, and under it its note
 * (what is recorded), which is never cut. */
static int mode_need(const struct app *a, int w, enum role role)
{
	int most = 0;
	for (size_t i = 0; i < 2; i++) {
		int h = PAD + text_height(a, ui(a, modes[i][1]), role, w - 2 * PAD) + 4 +
		        text_height(a, ui(a, modes[i][2]), ROLE_SMALL, w - 2 * PAD) + PAD;
		most = h > most ? h : most;
	}
	return most;
}

/* The first layout that fits between top and bottom: one above the other
 * (150 px each where there is room), else side by side, else side by side
 * with smaller names; -1 when none does (the last is given). */
static int mode_fit(const struct app *a, int top, int bottom, struct mode_layout *l)
{
	static const struct { int side; enum role role; } tries[] = {
		{ 0, ROLE_HEADING }, { 1, ROLE_HEADING }, { 1, ROLE_BODY },
	};
	int room = bottom - top, cw = content_width(a);
	for (size_t t = 0; t < sizeof tries / sizeof *tries; t++) {
		int side = tries[t].side, n = side ? 1 : 2;
		int need = mode_need(a, side ? (cw - GAP) / 2 : cw, tries[t].role);
		int share = (room - (n - 1) * 2 * GAP) / n;
		*l = (struct mode_layout){ side, tries[t].role, top, need > share ? share : need };
		if (need > share)
			continue;
		if (l->h < 150)
			l->h = share < 150 ? share : 150;
		if (n * l->h + (n - 1) * 2 * GAP + 24 <= room)
			l->y += 24;   /* a little air under the bar */
		return 0;
	}
	return -1;
}

/* Mode button i: its name at the top, its note right under it. */
static void mode_button(struct app *a, size_t i, const struct mode_layout *l)
{
	int cw = content_width(a), w = l->side ? (cw - GAP) / 2 : cw;
	int x = MARGIN + (l->side ? (int)i * (w + GAP) : 0);
	int y = l->y + (l->side ? 0 : (int)i * (l->h + 2 * GAP));
	struct widget *b = add_widget(a, modes[i][0], WK_BUTTON, x, y, w, l->h);
	int name_h = put_text(a, b, ui(a, modes[i][1]), NULL, 0, l->role, 0);
	b->text_y = y + PAD;
	struct widget *note = add_widget(a, NULL, WK_TEXT, x + PAD, y + PAD + name_h + 4,
	                                 w - 2 * PAD, 0);
	note->h = put_text(a, note, ui(a, modes[i][2]), NULL, 0, ROLE_SMALL, 0);
}

static void build_mode(struct app *a)
{
	int top = content_top(a) + GAP, bottom = content_bottom(a) - 8;
	struct mode_layout l;
	add_header(a, ui(a, "kiosk_choose_mode"));
	/* the draft notice where it leaves the buttons room for their notes;
	 * on a short panel it goes (the module list says it too) */
	size_t mark = a->view.n;
	int notice = add_draft_notice(a, bottom, top);
	if (mode_fit(a, top, bottom - notice, &l) < 0 && notice) {
		view_truncate(&a->view, mark);
		mode_fit(a, top, bottom, &l);
	}
	for (size_t i = 0; i < 2; i++)
		mode_button(a, i, &l);
}

static void choose_mode(struct app *a, const char *mode, int64_t now)
{
	(void)now;
	a->mode = !strcmp(mode, "personnel") ? "personnel" : "community";
	after_mode(a);
}

static const struct handler mode_handlers[] = {
	{ "mode:", choose_mode },
};

const struct screen_ops screen_mode = {
	.name = "mode",
	.build = build_mode,
	HANDLERS(mode_handlers),
};
