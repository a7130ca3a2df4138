/* widgets.c - the pieces every screen's view is made of; see widgets.h. */
#include "widgets.h"
#include "buf.h"
#include "utc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- strings ------------------------------------------------------------ */

const char *ui(const struct app *a, const char *key)
{
	return material_ui(a->m, a->lang, key);
}

size_t text_lang(const struct app *a, int fallback)
{
	return fallback ? a->m->source : a->lang;
}

size_t ui_lang(const struct app *a, const char *key)
{
	return text_lang(a, material_ui_fallback(a->m, a->lang, key));
}

int is_rtl(const struct app *a)
{
	return a->m->langs[a->lang].rtl;
}

void fill_text(char *out, size_t n, const char *pattern, const char *name, const char *value)
{
	char key[32];
	snprintf(key, sizeof key, "{%s}", name);
	const char *at = strstr(pattern, key);
	if (!at)
		snprintf(out, n, "%s", pattern);
	else
		snprintf(out, n, "%.*s%s%s", (int)(at - pattern), pattern, value, at + strlen(key));
}

void fill_number(char *out, size_t n, const char *pattern, const char *name, long v)
{
	char num[24];
	snprintf(num, sizeof num, "%ld", v);
	fill_text(out, n, pattern, name, num);
}

void format_day(int64_t seconds, char day[32])
{
	utc_format(seconds * 1000, 1, day);
	day[10] = '\0';
}

/* ---- regions ------------------------------------------------------------ */

#define FOOTER_GAP 12   /* around a portrait footer's rows */
#define LABEL_PAD 12    /* beside a centred label in its button */

/* A portrait panel (Touch Display 2, 720x1280): its footer has two rows,
 * "Get help" over Back and Next, each wide enough for its label at a
 * readable size (three in one row of 720 px are not). */
static int portrait(const struct app *a)
{
	return a->view.height > a->view.width;
}

/* The bar and the footer take less of a short panel (800x480, 1024x600),
 * where every line of content counts; their buttons stay 48 px high at
 * least, a finger's width. */
int header_h(const struct app *a)
{
	return a->view.height >= 760 ? 104 : 72;
}

int button_h(const struct app *a)
{
	return a->view.height >= 760 ? 80 : 52;
}

int footer_h(const struct app *a)
{
	if (portrait(a))
		return 2 * button_h(a) + 3 * FOOTER_GAP;
	return a->view.height >= 760 ? 120 : 80;
}

int content_top(const struct app *a)
{
	return header_h(a) + GAP;
}

int content_bottom(const struct app *a)
{
	return a->view.height - footer_h(a);
}

int content_width(const struct app *a)
{
	return a->view.width - 2 * MARGIN;
}

const struct measure *metrics(const struct app *a, enum role role, size_t lang)
{
	return a->fonts.measure(a->fonts.ctx, role, lang);
}

enum role reading_role(const struct app *a, enum role role)
{
	if (content_bottom(a) - content_top(a) >= 450 || role == ROLE_SMALL)
		return role;
	return role == ROLE_HEADING ? ROLE_BODY : ROLE_SMALL;
}

/* `text` laid out `width` wide in `role`: its lines and height. */
static void measure_text(const struct app *a, const char *text, enum role role, int width,
                         size_t *lines, int *height)
{
	struct text_layout l;
	memset(&l, 0, sizeof l);
	layout_text(&l, text, strlen(text), NULL, 0, is_rtl(a), width > 0 ? width : 1,
	            metrics(a, role, a->lang));
	*lines = l.nlines;
	*height = l.height;
	layout_free(&l);
}

int text_height(const struct app *a, const char *text, enum role role, int width)
{
	size_t lines;
	int h;
	measure_text(a, text, role, width, &lines, &h);
	return h;
}

/* 1 when `label` fits on one line of a button `w` wide in `role`. */
static int fits_one_line(const struct app *a, const char *label, enum role role, int w)
{
	size_t lines;
	int h;
	measure_text(a, label, role, w - 2 * PAD, &lines, &h);
	return lines <= 1;
}

/* The width of `text` on one line in `role`, in the chosen language. */
static int text_width(const struct app *a, const char *text, enum role role)
{
	const struct measure *ms = metrics(a, role, a->lang);
	return ms->width(ms->ctx, text, strlen(text), 0, is_rtl(a));
}

/* The middle of the footer: wide enough for "Get help" on one line (at the
 * small size at worst), so the one button a person in distress looks for
 * is never cut or wrapped (Arabic "الحصول على المساعدة" at 800x480). */
static int middle_w(const struct app *a)
{
	const char *label = ui(a, "get_help");
	int most = (a->view.width - 2 * MARGIN) / 2;
	for (int w = MIDDLE_W; w < most; w += 20)
		if (fits_one_line(a, label, ROLE_BUTTON, w) || fits_one_line(a, label, ROLE_SMALL, w))
			return w;
	return most;
}

/* The footer's margin: the page's, but half of it on a narrow panel
 * (800x480, portrait 720x1280), where its three buttons need the width
 * for labels at a readable size ("Retour au parcours"). */
static int footer_margin(const struct app *a)
{
	return a->view.width <= 800 ? MARGIN / 2 : MARGIN;
}

/* 300 px, narrower on a narrow panel so the middle of the footer stays
 * free (800x480); in portrait half the row each. */
int footer_w(const struct app *a)
{
	int w = portrait(a) ? (a->view.width - 2 * footer_margin(a) - GAP) / 2
	                    : (a->view.width - 2 * footer_margin(a) - 2 * GAP - middle_w(a)) / 2;
	return w > 300 ? 300 : w;
}

int footer_y(const struct app *a)
{
	if (portrait(a))
		return a->view.height - FOOTER_GAP - button_h(a);
	return a->view.height - footer_h(a) + (footer_h(a) - button_h(a)) / 2;
}

/* The top of "Get help": the footer's middle, or in portrait its own row
 * over the others. */
static int help_y(const struct app *a)
{
	return portrait(a) ? footer_y(a) - FOOTER_GAP - button_h(a) : footer_y(a);
}

/* ---- widgets ------------------------------------------------------------ */

struct widget *add_widget(struct app *a, const char *id, enum wkind kind, int x, int y, int w,
                          int h)
{
	struct view *v = &a->view;
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->v = xrealloc(v->v, v->cap * sizeof *v->v);
	}
	struct widget *wd = &v->v[v->n++];
	memset(wd, 0, sizeof *wd);
	snprintf(wd->id, sizeof wd->id, "%s", id ? id : "");
	wd->kind = kind;
	wd->x = x;
	wd->y = y;
	wd->w = w;
	wd->h = h;
	wd->lang = a->lang;
	wd->rtl = is_rtl(a);
	return wd;
}

/* The room on each side of a text in its box: PAD, but less around a
 * centred label (a button's, a key's), which needs the width more than a
 * margin: 12 px, and less in a narrow key (72 px at 800x480). */
static int side_pad(const struct widget *w, int center)
{
	if (w->kind == WK_TEXT)
		return 0;
	if (!center)
		return PAD;
	return w->w / 12 < LABEL_PAD ? w->w / 12 : LABEL_PAD;
}

int put_text(struct app *a, struct widget *w, const char *text, const struct style_span *spans,
             size_t nspans, enum role role, int center)
{
	int pad = w->kind == WK_TEXT ? 0 : PAD, side = side_pad(w, center);
	int mark_w = w->mark != MARK_NONE ? MARK_W : 0;
	free(w->text);
	w->text = xstrdup(text);
	if (!w->label)
		w->label = xstrdup(text);
	w->role = role;
	if (a->m->langs[w->lang].rtl && layout_reads_ltr(text, strlen(text))) {
		/* English standing in for Arabic: its full stop stays at its end */
		w->lang = a->m->source;
		w->rtl = a->m->langs[w->lang].rtl;
	}
	/* the mark's room is on the left here; mirroring moves it for RTL */
	w->text_w = w->w - 2 * side - mark_w;
	layout_free(&w->layout);
	layout_text(&w->layout, w->text, strlen(w->text), spans, nspans, a->m->langs[w->lang].rtl,
	            w->text_w > 0 ? w->text_w : 1, metrics(a, role, w->lang));
	w->first_line = 0;
	w->nlines = w->layout.nlines;
	w->text_x = w->x + side + mark_w;
	w->text_y = center ? w->y + (w->h - w->layout.height) / 2 : w->y + pad;
	w->centered = center && !mark_w && w->kind != WK_TEXT && w->kind != WK_CHOICE;
	return w->layout.height;
}

void mark_fallback(struct app *a, struct widget *w, const struct m_text *t)
{
	if (!t || !t->fallback)
		return;
	w->lang = a->m->source;
	w->rtl = a->m->langs[w->lang].rtl;
	w->flags |= WF_FALLBACK;
}

int text_at(struct app *a, int x, int y, int w, const struct m_text *t, const char *plain,
            enum role role)
{
	struct widget *wd = add_widget(a, NULL, WK_TEXT, x, y, w, 0);
	mark_fallback(a, wd, t);
	int h = t ? put_text(a, wd, t->text, t->spans, t->nspans, role, 0)
	          : put_text(a, wd, plain, NULL, 0, role, 0);
	wd->h = h;
	return y + h;
}

/* ---- labels -------------------------------------------------------------- */

#define ELLIPSIS "\xe2\x80\xa6"

/* The next size down from `r` for a label, or -1. */
static int smaller(int r)
{
	switch (r) {
	case ROLE_TITLE: return ROLE_HEADING;
	case ROLE_KEY: return ROLE_BUTTON;
	case ROLE_HEADING: return ROLE_BODY;
	case ROLE_BODY: case ROLE_BUTTON: return ROLE_SMALL;
	case ROLE_SMALL: return ROLE_TINY;
	default: return -1;
	}
}

/* Whether the widget's text fits in `room` px of height with no line
 * ending inside a word. */
static int label_fits(const struct widget *w, int room)
{
	return !layout_cuts_word(&w->layout) && w->layout.height <= room;
}

/* The first `n` bytes of `text` (without the spaces before the cut) and
 * "…", put in the widget in `role`; whether it fits. */
static int put_cut(struct app *a, struct widget *w, const char *text, size_t n,
                   const struct style_span *spans, size_t nspans, enum role role, int room)
{
	struct style_span *cut = xmalloc((nspans ? nspans : 1) * sizeof *cut);
	while (n > 0 && text[n - 1] == ' ')
		n--;
	char *s = xasprintf("%.*s" ELLIPSIS, (int)n, text);
	put_text(a, w, s, cut, layout_spans_between(spans, nspans, 0, n, cut), role, 1);
	free(s);
	free(cut);
	return label_fits(w, room);
}

/* `text` cut at the last word boundary that leaves a label that fits, with
 * "…"; when not even the first word fits, its first letters that do (cut
 * between characters, never inside one: the layout's own first line, a
 * "…" narrower). */
static void abbreviate(struct app *a, struct widget *w, const char *text,
                       const struct style_span *spans, size_t nspans, enum role role, int room)
{
	for (size_t i = strlen(text); i > 0; i--)
		if (text[i - 1] == ' ' && put_cut(a, w, text, i - 1, spans, nspans, role, room))
			return;
	const struct measure *ms = metrics(a, role, w->lang);
	struct text_layout l;
	layout_text(&l, text, strlen(text), NULL, 0, a->m->langs[w->lang].rtl,
	            w->text_w - ms->width(ms->ctx, ELLIPSIS, strlen(ELLIPSIS), 0, 0), ms);
	size_t n = l.nlines ? l.lines[0].length : 0;
	layout_free(&l);
	put_cut(a, w, text, n, spans, nspans, role, room);
}

int fit_label(struct app *a, struct widget *w, const char *text, const struct style_span *spans,
              size_t nspans, enum role role, enum role least)
{
	int room = w->h - 8;
	for (int r = (int)role;; r = smaller(r)) {
		put_text(a, w, text, spans, nspans, (enum role)r, 1);
		if (label_fits(w, room) || r == (int)least || smaller(r) < 0)
			break;
	}
	if (!label_fits(w, room))
		abbreviate(a, w, text, spans, nspans, w->role, room);
	return w->layout.height;
}

struct widget *add_button(struct app *a, const char *id, enum wkind kind, int x, int y, int w,
                          int h, const char *label)
{
	struct widget *wd = add_widget(a, id, kind, x, y, w, h);
	fit_label(a, wd, label, NULL, 0, kind == WK_KEY ? ROLE_KEY : ROLE_BUTTON, ROLE_TINY);
	return wd;
}

#define LISTEN_W 190

/* "Listen", on a screen with narration (narrator.h): in the bar before the
 * quick exit; in portrait, where the bar has no room for it beside the
 * title, in the footer's top row beside "Get help" (add_listen_below).
 * Its width in the bar, 0 when it is not there. */
static int listen_w(const struct app *a)
{
	return a->narr.npage && !portrait(a) ? LISTEN_W : 0;
}

static int listen_below(const struct app *a)
{
	return a->narr.npage && portrait(a);
}

void add_listen_below(struct app *a)
{
	if (listen_below(a))
		add_button(a, "listen", WK_BUTTON, a->view.width - footer_margin(a) - LISTEN_W,
		           help_y(a), LISTEN_W, button_h(a), ui(a, "kiosk_listen"));
}

/* The label beside the title: the page's number (or NULL), and "machine
 * voice" when the screen's narration is synthetic: under it where the bar
 * holds two lines, else after it (heap). */
static char *bar_label(const struct app *a, const char *page)
{
	const char *machine = a->narr.page_synthetic ? ui(a, "kiosk_machine_voice") : NULL;
	if (!machine)
		return page ? xstrdup(page) : NULL;
	int two = 2 * metrics(a, ROLE_SMALL, a->lang)->line_height <= header_h(a);
	return page ? xconcat(page, two ? "\n" : " · ", machine, (char *)NULL) : xstrdup(machine);
}

/* The widest line of a label of lines. */
static int lines_width(const struct app *a, const char *s, enum role role)
{
	int most = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		char *one = xstrndup(s, n);
		int w = text_width(a, one, role);
		free(one);
		most = w > most ? w : most;
		s += n + (s[n] == '\n');
	}
	return most;
}

#define TITLE_LEAST 160   /* the title's room in the bar, at least, beside Listen */

/* Where the title may reach, with a label `page_w` wide (0: none) and
 * Listen `lw` wide (0: none). */
static int title_end(const struct app *a, int exit_w, int lw)
{
	return a->view.width - MARGIN - exit_w - GAP - (lw ? lw + GAP : 0);
}

/* The bar: the title, then `page` (or NULL), Listen, the quick exit.  When
 * Listen and "Machine voice" would leave the title too little room (the
 * quiz's answers in pages, on the 7-inch panel), this view offers no
 * Listen: a voice must never play unmarked, nor crowd the title out. */
static void header(struct app *a, const char *title, const char *page_text)
{
	int exit_w = 220, bar = header_h(a), lw = listen_w(a);
	char *page = bar_label(a, page_text);
	int page_w = page ? lines_width(a, page, ROLE_SMALL) + 8 : 0;
	if (lw && title_end(a, exit_w, lw) - MARGIN - (page ? page_w + GAP : 0) < TITLE_LEAST) {
		a->narr.npage = 0;   /* (read by app.c after the screen is built) */
		a->narr.page_synthetic = 0;
		lw = 0;
		free(page);
		page = bar_label(a, page_text);
		page_w = page ? lines_width(a, page, ROLE_SMALL) + 8 : 0;
	}
	int end = title_end(a, exit_w, lw);
	a->view.bar_h = bar;
	struct widget *t = add_widget(a, NULL, WK_TEXT, MARGIN, 0,
	                              end - MARGIN - (page ? page_w + GAP : 0), bar);
	/* a long title steps down to the small size, then ends in "…", rather
	 * than overflow the bar */
	fit_label(a, t, title, NULL, 0, ROLE_TITLE, ROLE_SMALL);
	if (page) {
		struct widget *p = add_widget(a, a->narr.page_synthetic ? "machine-voice" : NULL,
		                              WK_TEXT, end - page_w, 0, page_w, bar);
		put_text(a, p, page, NULL, 0, ROLE_SMALL, 1);
		p->centered = 1;
		free(page);
	}
	if (lw)
		add_button(a, "listen", WK_BUTTON, end + GAP, 8, lw, bar - 16, ui(a, "kiosk_listen"));
	add_button(a, "exit", WK_EXIT, a->view.width - MARGIN - exit_w, 8, exit_w, bar - 16,
	           ui(a, "kiosk_exit"));
}

void add_header(struct app *a, const char *title)
{
	header(a, title, NULL);
}

void add_paged_header(struct app *a, const char *title, size_t k, size_t n)
{
	char page[64];
	snprintf(page, sizeof page, "%s %zu / %zu", ui(a, "kiosk_page"), k, n);
	header(a, title, page);
}

void add_labelled_header(struct app *a, const char *title, const char *label)
{
	header(a, title, label);
}

void say_records_trouble(struct app *a)
{
	const char *key = "kiosk_records_trouble";
	for (size_t i = 0; i < a->view.n; i++) {
		struct widget *t = &a->view.v[i];
		if (t->kind != WK_TEXT || t->y != 0 || t->h != a->view.bar_h || t->id[0])
			continue;
		snprintf(t->id, sizeof t->id, "records-trouble");
		t->lang = ui_lang(a, key);
		t->rtl = a->m->langs[t->lang].rtl;
		free(t->label);   /* (the label is the first text put: the title's) */
		t->label = NULL;
		fit_label(a, t, ui(a, key), NULL, 0, ROLE_SMALL, ROLE_SMALL);
		return;
	}
}

void add_footer(struct app *a, const char *back_id, const char *back_label, const char *next_id,
                const char *next_label, int next_disabled)
{
	int y = footer_y(a), w = footer_w(a);
	int m = footer_margin(a);
	if (back_id)
		add_button(a, back_id, WK_BUTTON, m, y, w, button_h(a), back_label);
	if (next_id) {
		struct widget *n = add_button(a, next_id, WK_PRIMARY, a->view.width - m - w, y, w,
		                              button_h(a), next_label);
		if (next_disabled)
			n->flags |= WF_DISABLED;
	}
}

void add_help_button(struct app *a)
{
	int w = portrait(a) ? a->view.width - 2 * footer_margin(a)
	                    : a->view.width - 2 * footer_margin(a) - 2 * footer_w(a) - 2 * GAP;
	if (listen_below(a))
		w -= LISTEN_W + GAP;   /* Listen at the row's end */
	if (w > (portrait(a) ? 420 : 300))
		w = portrait(a) ? 420 : 300;
	int x = listen_below(a) ? footer_margin(a) : (a->view.width - w) / 2;
	add_button(a, "help", WK_EXIT, x, help_y(a), w, button_h(a), ui(a, "get_help"));
}

int add_draft_notice(struct app *a, int bottom, int above)
{
	const char *key = "draft_notice";
	if (a->lang == a->m->source || !a->m->langs[a->lang].draft)
		return 0;
	size_t mark = a->view.n;
	struct widget *t = add_widget(a, "draft-notice", WK_TEXT, MARGIN, 0, content_width(a), 0);
	t->lang = ui_lang(a, key);
	t->rtl = a->m->langs[t->lang].rtl;
	t->h = put_text(a, t, ui(a, key), NULL, 0, ROLE_SMALL, 0);
	if (bottom - t->h < above) {
		view_truncate(&a->view, mark);
		return 0;
	}
	t->y = t->text_y = bottom - t->h;
	return t->h + GAP;
}
