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

int header_h(const struct app *a)
{
	return a->view.height >= 760 ? 104 : 80;
}

int footer_h(const struct app *a)
{
	return a->view.height >= 760 ? 120 : 92;
}

int button_h(const struct app *a)
{
	return footer_h(a) - 40;
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

/* 300 px, narrower on a narrow panel so the middle of the footer stays
 * free (800x480, portrait 720x1280). */
int footer_w(const struct app *a)
{
	int w = (a->view.width - 2 * MARGIN - 2 * GAP - middle_w(a)) / 2;
	return w > 300 ? 300 : w;
}

int footer_y(const struct app *a)
{
	return a->view.height - footer_h(a) + (footer_h(a) - button_h(a)) / 2;
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

int put_text(struct app *a, struct widget *w, const char *text, const struct style_span *spans,
             size_t nspans, enum role role, int center)
{
	int pad = w->kind == WK_TEXT ? 0 : PAD;
	int mark_w = w->mark != MARK_NONE ? MARK_W : 0;
	free(w->text);
	w->text = xstrdup(text);
	if (!w->label)
		w->label = xstrdup(text);
	w->role = role;
	/* the mark's room is on the left here; mirroring moves it for RTL */
	w->text_w = w->w - 2 * pad - mark_w;
	layout_free(&w->layout);
	layout_text(&w->layout, w->text, strlen(w->text), spans, nspans, a->m->langs[w->lang].rtl,
	            w->text_w > 0 ? w->text_w : 1, metrics(a, role, w->lang));
	w->first_line = 0;
	w->nlines = w->layout.nlines;
	w->text_x = w->x + pad + mark_w;
	w->text_y = center ? w->y + (w->h - w->layout.height) / 2 : w->y + pad;
	w->centered = center && !mark_w && w->kind != WK_TEXT && w->kind != WK_CHOICE;
	return w->layout.height;
}

int text_at(struct app *a, int x, int y, int w, const struct m_text *t, const char *plain,
            enum role role)
{
	struct widget *wd = add_widget(a, NULL, WK_TEXT, x, y, w, 0);
	int h = t ? put_text(a, wd, t->text, t->spans, t->nspans, role, 0)
	          : put_text(a, wd, plain, NULL, 0, role, 0);
	wd->h = h;
	return y + h;
}

struct widget *add_button(struct app *a, const char *id, enum wkind kind, int x, int y, int w,
                          int h, const char *label)
{
	struct widget *wd = add_widget(a, id, kind, x, y, w, h);
	if (put_text(a, wd, label, NULL, 0, kind == WK_KEY ? ROLE_KEY : ROLE_BUTTON, 1) > h - 8 ||
	    wd->layout.nlines > 1)
		put_text(a, wd, label, NULL, 0, ROLE_SMALL, 1);
	return wd;
}

/* The bar: the title, then `page` (or NULL) before the quick exit. */
static void header(struct app *a, const char *title, const char *page)
{
	int exit_w = 220, bar = header_h(a);
	int page_w = page ? text_width(a, page, ROLE_SMALL) + 8 : 0;
	int end = a->view.width - MARGIN - exit_w - GAP;   /* where the title may reach */
	a->view.bar_h = bar;
	struct widget *t = add_widget(a, NULL, WK_TEXT, MARGIN, 0,
	                              end - MARGIN - (page ? page_w + GAP : 0), bar);
	/* a long title steps down a size rather than overflow the bar */
	if (put_text(a, t, title, NULL, 0, ROLE_TITLE, 1) > bar - 8)
		put_text(a, t, title, NULL, 0, ROLE_HEADING, 1);
	if (t->layout.height > bar - 8)
		put_text(a, t, title, NULL, 0, ROLE_BODY, 1);
	if (t->layout.height > bar - 8) {
		/* still too long: show what fits */
		const struct measure *ms = metrics(a, ROLE_BODY, a->lang);
		t->nlines = (size_t)((bar - 8) / ms->line_height);
		t->text_y = (bar - (int)t->nlines * ms->line_height) / 2;
	}
	if (page) {
		struct widget *p = add_widget(a, NULL, WK_TEXT, end - page_w, 0, page_w, bar);
		put_text(a, p, page, NULL, 0, ROLE_SMALL, 1);
		p->centered = 1;
	}
	add_button(a, "exit", WK_EXIT, a->view.width - MARGIN - exit_w, 12, exit_w, bar - 24,
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

void add_footer(struct app *a, const char *back_id, const char *back_label, const char *next_id,
                const char *next_label, int next_disabled)
{
	int y = footer_y(a), w = footer_w(a);
	if (back_id)
		add_button(a, back_id, WK_BUTTON, MARGIN, y, w, button_h(a), back_label);
	if (next_id) {
		struct widget *n = add_button(a, next_id, WK_PRIMARY, a->view.width - MARGIN - w, y, w,
		                              button_h(a), next_label);
		if (next_disabled)
			n->flags |= WF_DISABLED;
	}
}

void add_help_button(struct app *a)
{
	int w = a->view.width - 2 * MARGIN - 2 * footer_w(a) - 2 * GAP;
	if (w > 300)
		w = 300;
	add_button(a, "help", WK_EXIT, (a->view.width - w) / 2, footer_y(a), w, button_h(a),
	           ui(a, "get_help"));
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
