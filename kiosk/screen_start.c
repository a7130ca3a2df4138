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
	.flags = SCREEN_UNMIRRORED,
};

/* ---- mode ------------------------------------------------------------------ */

static void build_mode(struct app *a)
{
	int w = content_width(a), y = content_top(a) + 40, h = 150;
	add_header(a, ui(a, "kiosk_choose_mode"));
	/* the buttons give up room to the draft notice, not the other way */
	int bottom = a->view.height - MARGIN / 2;
	bottom -= add_draft_notice(a, bottom, content_top(a));
	if (y + 2 * h + 2 * GAP > bottom) {
		y = content_top(a) + GAP;
		h = (bottom - y - 2 * GAP) / 2;
	}
	static const char *const modes[][3] = {
		{ "mode:personnel", "kiosk_mode_personnel", "kiosk_mode_personnel_note" },
		{ "mode:community", "kiosk_mode_community", "kiosk_mode_community_note" },
	};
	for (size_t i = 0; i < 2; i++) {
		struct widget *b = add_widget(a, modes[i][0], WK_BUTTON, MARGIN, y, w, h);
		const char *label = ui(a, modes[i][1]);
		put_text(a, b, label, NULL, 0, ROLE_HEADING, 0);
		b->text_y = b->y + PAD;
		struct widget *note = add_widget(a, NULL, WK_TEXT, MARGIN + PAD, y + h - 56,
		                                 w - 2 * PAD, 40);
		put_text(a, note, ui(a, modes[i][2]), NULL, 0, ROLE_SMALL, 0);
		y += h + GAP * 2;
	}
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
