/* app.c - the kiosk's screens; see app.h. */
#include "app.h"
#include "buf.h"
#include "utf8.h"
#include "utc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LONG_PRESS_MS 3000
#define CORNER 120             /* the admin corner: top-left, this many px */
#define MARGIN 40
/* The bar on top and the row of buttons at the foot shrink on small panels
 * (1024x600 is common), so the content keeps its room. */
#define HEADER (a->view.height >= 760 ? 104 : 80)
#define FOOTER (a->view.height >= 760 ? 120 : 92)
#define GAP 16
#define PAD 20
#define BUTTON_H (FOOTER - 40)
#define MAX_CHOICES 32

enum screen { S_LANGUAGE, S_MODE, S_ID, S_PARTICIPANTS, S_MODULES, S_READER, S_QUIZ,
              S_RESULT, S_ADMIN_PIN, S_ADMIN, S_ADMIN_NAME, S_ERROR, S_HELP };

static const char *const screen_names[] = { "language", "mode", "id", "participants",
                                            "modules", "reader", "quiz", "result",
                                            "admin-pin", "admin", "admin-name", "error",
                                            "help" };

/* The kiosk's name, typed on the admin's keyboard: at most this many
 * characters (store_set_name's limit). */
#define NAME_CHARS 60

/* A piece of a reader page: lines of one block, or an image (h > 0). */
struct chunk {
	size_t block, first, n;
	int y;
	int w, h;           /* an image's size on the page */
};

struct page {
	size_t first_chunk, nchunks;
};

struct app {
	const struct material *m;
	struct store *st;
	struct app_config cfg;
	struct fonts fonts;
	enum screen screen;
	size_t lang;
	const char *mode;               /* "personnel" or "community" once chosen */
	char typed[16];                 /* the keypad's digits */
	char person[16];                /* personnel: the ID */
	char session[STORE_UUID_LEN + 1];   /* community: the session */
	size_t module;
	int list_page;
	int help_page, help_pages;      /* help: the page shown, of how many */
	/* reader: the module's blocks laid out once, cut into pages */
	struct text_layout *layouts;
	size_t nlayouts;
	struct chunk *chunks;
	size_t nchunks;
	struct page *pages;
	size_t npages, page;
	/* quiz */
	size_t question;
	unsigned chosen;                /* bit i: choice i chosen */
	int confirmed, right;           /* right: questions answered right so far */
	int last_right;                 /* the question just confirmed was right */
	char completion[STORE_UUID_LEN + 1];
	/* input */
	int64_t last_input, press_start;
	int pointer_down, press_x, press_y;
	char pressed[96];
	int focus;                      /* index among pressable widgets, -1: none */
	int keyboard;                   /* focus ring shown (keyboard in use) */
	/* admin */
	char message[600];
	char name[NAME_CHARS * 4 + 1];  /* the kiosk's name (read on entering admin), or
	                                   the one being typed */
	int name_lower;                 /* the name keyboard's letters in lower case */
	int quit;
	struct view view;
	int dirty;
};

/* ---- small helpers ---------------------------------------------------- */

static const char *ui(const struct app *a, const char *key)
{
	return material_ui(a->m, a->lang, key);
}

static int rtl(const struct app *a)
{
	return a->m->langs[a->lang].rtl;
}

/* The language a text is laid out in: the source language when it stands
 * in for a missing translation, so an English sentence in an Arabic screen
 * keeps its own direction (its full stop at its end). */
static size_t text_lang(const struct app *a, int fallback)
{
	return fallback ? a->m->source : a->lang;
}

static size_t ui_lang(const struct app *a, const char *key)
{
	return text_lang(a, material_ui_fallback(a->m, a->lang, key));
}

static const struct m_module *module(const struct app *a)
{
	return &a->m->modules[a->module];
}

/* A module for communities is not an exam: no verdict, no score shown
 * (the answers are still recorded for the officers' reports). */
static int community_module(const struct app *a)
{
	return !strcmp(module(a)->audience, "community");
}

static void changed(struct app *a)
{
	a->dirty = 1;
}

static void go(struct app *a, enum screen s)
{
	a->screen = s;
	a->focus = -1;
	a->typed[0] = '\0';
	changed(a);
}

/* ---- building the view ------------------------------------------------ */

static struct widget *add(struct app *a, const char *id, enum wkind kind, int x, int y,
                          int w, int h)
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
	wd->rtl = rtl(a);
	return wd;
}

/* Lay `text` out inside the widget (padded), centred vertically when
 * `center`; returns the text's height. */
static int put_text(struct app *a, struct widget *w, const char *text,
                    const struct style_span *spans, size_t nspans, enum role role,
                    int center)
{
	const struct measure *ms = a->fonts.measure(a->fonts.ctx, role, w->lang);
	int pad = w->kind == WK_TEXT ? 0 : PAD;
	free(w->text);
	w->text = xstrdup(text);
	if (!w->label)
		w->label = xstrdup(text);
	w->role = role;
	/* the mark's room is on the left here; mirror() moves it for RTL */
	w->text_w = w->w - 2 * pad - (w->mark ? 48 : 0);
	layout_free(&w->layout);
	layout_text(&w->layout, w->text, strlen(w->text), spans, nspans,
	            a->m->langs[w->lang].rtl, w->text_w > 0 ? w->text_w : 1, ms);
	w->first_line = 0;
	w->nlines = w->layout.nlines;
	w->text_x = w->x + pad + (w->mark ? 48 : 0);
	w->text_y = center ? w->y + (w->h - w->layout.height) / 2 : w->y + pad;
	w->centered = center && !w->mark && w->kind != WK_TEXT && w->kind != WK_CHOICE;
	return w->layout.height;
}

/* A line of text sized to its content; returns the y below it. */
static int text_at(struct app *a, int x, int y, int w, const struct m_text *t,
                   const char *plain, enum role role)
{
	struct widget *wd = add(a, NULL, WK_TEXT, x, y, w, 0);
	int h = t ? put_text(a, wd, t->text, t->spans, t->nspans, role, 0)
	          : put_text(a, wd, plain, NULL, 0, role, 0);
	wd->h = h;
	return y + h;
}

static struct widget *button(struct app *a, const char *id, enum wkind kind, int x, int y,
                             int w, int h, const char *label)
{
	struct widget *wd = add(a, id, kind, x, y, w, h);
	/* a label that needs two lines steps down a size */
	if (put_text(a, wd, label, NULL, 0, kind == WK_KEY ? ROLE_KEY : ROLE_BUTTON, 1) > h - 8 ||
	    wd->layout.nlines > 1)
		put_text(a, wd, label, NULL, 0, ROLE_SMALL, 1);
	return wd;
}

static int content_top(const struct app *a)
{
	return HEADER + GAP;
}

static int content_bottom(const struct app *a)
{
	return a->view.height - FOOTER;
}

static int content_width(const struct app *a)
{
	return a->view.width - 2 * MARGIN;
}

/* The bar on top: a title and the quick exit, on every screen but the
 * first. */
static void header(struct app *a, const char *title)
{
	int exit_w = 220;
	a->view.bar_h = HEADER;
	struct widget *t = add(a, NULL, WK_TEXT, MARGIN, 0,
	                       a->view.width - 2 * MARGIN - exit_w - GAP, HEADER);
	/* a long title steps down a size rather than overflow the bar */
	if (put_text(a, t, title, NULL, 0, ROLE_TITLE, 1) > HEADER - 8)
		put_text(a, t, title, NULL, 0, ROLE_HEADING, 1);
	if (t->layout.height > HEADER - 8)
		put_text(a, t, title, NULL, 0, ROLE_BODY, 1);
	if (t->layout.height > HEADER - 8) {
		/* still too long: show what fits */
		const struct measure *ms = a->fonts.measure(a->fonts.ctx, ROLE_BODY, a->lang);
		t->nlines = (size_t)((HEADER - 8) / ms->line_height);
		t->text_y = (HEADER - (int)t->nlines * ms->line_height) / 2;
	}
	button(a, "exit", WK_EXIT, a->view.width - MARGIN - exit_w, 12, exit_w, HEADER - 24,
	       ui(a, "kiosk_exit"));
}

/* Room in the middle of the footer for the page indicator or Get help. */
#define MIDDLE_W 180

/* 1 when `label` fits on one line of a button `w` wide in `role`. */
static int fits_one_line(const struct app *a, const char *label, enum role role, int w)
{
	const struct measure *ms = a->fonts.measure(a->fonts.ctx, role, a->lang);
	struct text_layout l;
	memset(&l, 0, sizeof l);
	layout_text(&l, label, strlen(label), NULL, 0, a->m->langs[a->lang].rtl,
	            w - 2 * PAD, ms);
	int one = l.nlines <= 1;
	layout_free(&l);
	return one;
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

/* The width of a footer button: 300 px, narrower on a narrow panel so the
 * middle of the footer stays free (800x480, portrait 720x1280). */
static int footer_w(const struct app *a)
{
	int w = (a->view.width - 2 * MARGIN - 2 * GAP - middle_w(a)) / 2;
	return w > 300 ? 300 : w;
}

static int footer_y(const struct app *a)
{
	return a->view.height - FOOTER + (FOOTER - BUTTON_H) / 2;
}

/* Footer buttons: `back` on the start side, `next` on the end side. */
static void footer(struct app *a, const char *back_id, const char *back_label,
                   const char *next_id, const char *next_label, int next_disabled)
{
	int y = footer_y(a), w = footer_w(a);
	if (back_id)
		button(a, back_id, WK_BUTTON, MARGIN, y, w, BUTTON_H, back_label);
	if (next_id) {
		struct widget *n = button(a, next_id, WK_PRIMARY, a->view.width - MARGIN - w, y,
		                          w, BUTTON_H, next_label);
		if (next_disabled)
			n->flags |= WF_DISABLED;
	}
}

/* "Get help", drawn like the quick exit so it is easy to find, in the
 * middle of the footer (or on its start side when `start`). */
static void help_button(struct app *a, int start)
{
	int w = start ? footer_w(a) : a->view.width - 2 * MARGIN - 2 * footer_w(a) - 2 * GAP;
	if (w > 300)
		w = 300;
	button(a, "help", WK_EXIT, start ? MARGIN : (a->view.width - w) / 2, footer_y(a), w,
	       BUTTON_H, ui(a, "get_help"));
}

/* "Page k / n" in the middle of the footer. */
static void page_indicator(struct app *a, size_t k, size_t n)
{
	char label[64];
	snprintf(label, sizeof label, "%s %zu / %zu", ui(a, "kiosk_page"), k, n);
	struct widget *p = add(a, NULL, WK_TEXT, (a->view.width - MIDDLE_W) / 2,
	                       a->view.height - FOOTER + 40, MIDDLE_W, 40);
	put_text(a, p, label, NULL, 0, ROLE_SMALL, 1);
	p->centered = 1;
}

/* The notice that this language's translation is an unreviewed draft
 * (never for the source language): small text ending at `bottom`, left
 * out when its top would come above `above`; returns its height with the
 * gap above it, 0 when not shown. */
static int draft_notice(struct app *a, int bottom, int above)
{
	const char *key = "draft_notice";
	if (a->lang == a->m->source || !a->m->langs[a->lang].draft)
		return 0;
	size_t mark = a->view.n;
	struct widget *t = add(a, "draft-notice", WK_TEXT, MARGIN, 0, content_width(a), 0);
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

/* "{name}" in a pattern replaced by a text. */
static void fill_text(char *out, size_t n, const char *pattern, const char *name,
                      const char *value)
{
	char key[32];
	snprintf(key, sizeof key, "{%s}", name);
	const char *at = strstr(pattern, key);
	if (!at)
		snprintf(out, n, "%s", pattern);
	else
		snprintf(out, n, "%.*s%s%s", (int)(at - pattern), pattern, value, at + strlen(key));
}

/* "{name}" in a pattern replaced by a number. */
static void fill(char *out, size_t n, const char *pattern, const char *name, long v)
{
	char num[24];
	snprintf(num, sizeof num, "%ld", v);
	fill_text(out, n, pattern, name, num);
}

/* ---- screens ---------------------------------------------------------- */

static void build_language(struct app *a)
{
	const struct material *m = a->m;
	int w = a->view.width - 2 * MARGIN, h = BUTTON_H + 24;
	int total = (int)m->nlangs * (h + GAP);
	int y = (a->view.height - total) / 2;
	struct widget *t = add(a, NULL, WK_TEXT, MARGIN, MARGIN, w, 0);
	t->lang = m->source;
	t->h = put_text(a, t, m->site_title[m->source], NULL, 0, ROLE_TITLE, 0);
	for (size_t i = 0; i < m->nlangs; i++) {
		char id[64];
		snprintf(id, sizeof id, "lang:%s", m->langs[i].code);
		struct widget *b = add(a, id, WK_PRIMARY, MARGIN + w / 6, y, w * 2 / 3, h);
		b->lang = i;   /* the name in its own script and font */
		b->rtl = m->langs[i].rtl;
		put_text(a, b, m->langs[i].name, NULL, 0, ROLE_KEY, 1);
		y += h + GAP;
	}
	if (m->expired) {
		/* signed content past its date: shown, and said so to whoever looks */
		char day[32], line[400];
		utc_format(m->seal.expires * 1000, 1, day);
		day[10] = '\0';
		fill_text(line, sizeof line, ui(a, "kiosk_content_expired"), "date", day);
		struct widget *n = add(a, "expired", WK_PANEL, MARGIN, a->view.height - MARGIN - 72, w, 72);
		n->flags |= WF_BAD;
		n->lang = m->source;
		n->rtl = m->langs[m->source].rtl;
		put_text(a, n, line, NULL, 0, ROLE_SMALL, 1);
	}
}

static void build_mode(struct app *a)
{
	int w = content_width(a), y = content_top(a) + 40, h = 150;
	header(a, ui(a, "kiosk_choose_mode"));
	/* the buttons give up room to the draft notice, not the other way */
	int bottom = a->view.height - MARGIN / 2;
	bottom -= draft_notice(a, bottom, content_top(a));
	if (y + 2 * h + 2 * GAP > bottom) {
		y = content_top(a) + GAP;
		h = (bottom - y - 2 * GAP) / 2;
	}
	static const char *const modes[][3] = {
		{ "mode:personnel", "kiosk_mode_personnel", "kiosk_mode_personnel_note" },
		{ "mode:community", "kiosk_mode_community", "kiosk_mode_community_note" },
	};
	for (size_t i = 0; i < 2; i++) {
		struct widget *b = add(a, modes[i][0], WK_BUTTON, MARGIN, y, w, h);
		char label[400];
		snprintf(label, sizeof label, "%s", ui(a, modes[i][1]));
		b->label = xstrdup(label);
		put_text(a, b, label, NULL, 0, ROLE_HEADING, 0);
		b->text_y = b->y + PAD;
		struct widget *note = add(a, NULL, WK_TEXT, MARGIN + PAD, y + h - 56, w - 2 * PAD, 40);
		put_text(a, note, ui(a, modes[i][2]), NULL, 0, ROLE_SMALL, 0);
		y += h + GAP * 2;
	}
}

/* A phone-style keypad; digits keep their order in every language. */
static void keypad(struct app *a, const char *prompt)
{
	static const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9",
	                                      "delete", "0", "ok" };
	/* keys as large as the screen allows: the field, four rows of keys and
	 * a line for a message must fit under the bar on small panels too */
	int gap = 12, field = 72, msg_h = 56;
	int room = a->view.height - content_top(a) - MARGIN / 2 - field - msg_h - 5 * gap;
	int kh = room / 4 > 96 ? 96 : room / 4 < 48 ? 48 : room / 4;
	int kw = kh * 3 / 2 > 150 ? 150 : kh * 3 / 2;
	int pad_w = 3 * kw + 2 * gap;
	int x0 = (a->view.width - pad_w) / 2, y = content_top(a);
	header(a, prompt);
	struct widget *f = add(a, NULL, WK_FIELD, x0, y, pad_w, field);
	f->lang = a->m->source;   /* digits: always left to right */
	f->rtl = 0;
	if (a->screen == S_ADMIN_PIN) {
		/* a PIN is never shown on a shared screen */
		char dots[64] = "";
		for (size_t i = 0; a->typed[i] && i < 12; i++)
			strcat(dots, "\xe2\x80\xa2");   /* • */
		put_text(a, f, dots, NULL, 0, ROLE_KEY, 1);
	} else {
		put_text(a, f, a->typed, NULL, 0, ROLE_KEY, 1);
	}
	y += field + gap;
	for (int i = 0; i < 12; i++) {
		char id[32];
		const char *k = keys[i];
		snprintf(id, sizeof id, "key:%s", k);
		const char *label = !strcmp(k, "delete") ? ui(a, "kiosk_delete") :
		                    !strcmp(k, "ok") ? ui(a, "kiosk_ok") : k;
		struct widget *b = add(a, id, !strcmp(k, "ok") ? WK_PRIMARY : WK_KEY,
		                       x0 + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh);
		if (!k[1]) {
			/* digits in the Latin face: they sit centred in every language */
			b->lang = a->m->source;
			b->rtl = 0;
		}
		if (put_text(a, b, label, NULL, 0, k[1] ? ROLE_BUTTON : ROLE_KEY, 1) > kh - 8 ||
		    b->layout.nlines > 1)
			put_text(a, b, label, NULL, 0, ROLE_SMALL, 1);
		if (!strcmp(k, "ok") && !a->typed[0])
			b->flags |= WF_DISABLED;
	}
	if (a->message[0]) {
		int my = y + 4 * (kh + gap);
		struct widget *msg = add(a, "message", WK_PANEL, MARGIN, my, content_width(a), msg_h);
		msg->flags |= WF_BAD;
		put_text(a, msg, a->message, NULL, 0, ROLE_SMALL, 1);
	}
}

/* Modules offered in this mode: community sessions see community tracks. */
static int offered(const struct app *a, const struct m_module *mo)
{
	const char *aud = a->m->tracks[mo->track].audience;
	if (!strcmp(a->mode, "community"))
		return !strcmp(aud, "community") || !strcmp(aud, "all");
	return 1;
}

static int passed_module(struct app *a, const struct m_module *mo)
{
	int passed = 0;
	if (!strcmp(a->mode, "personnel") && a->person[0])
		store_person_passed(a->st, a->person, mo->key, &passed, NULL);
	return passed;
}

static void build_modules(struct app *a)
{
	const struct material *m = a->m;
	int w = content_width(a), row = 88, y = content_top(a);
	int index = 0, shown = 0;
	size_t last_track = (size_t)-1;
	header(a, ui(a, "kiosk_choose_module"));
	/* the draft notice (already on the mode screen) only where it leaves
	 * room for two modules: a 7-inch panel keeps its list */
	int room = content_bottom(a) - content_top(a);
	int notice = room / (row + 8) - 1 > 2 ? draft_notice(a, content_bottom(a) - 8, content_top(a)) : 0;
	int per_page = (room - notice) / (row + 8) - 1;
	if (per_page < 2) {
		per_page = 2;
		if (notice) {   /* it would crowd the list out after all */
			view_truncate(&a->view, a->view.n - 1);
			notice = 0;
		}
	}
	for (size_t i = 0; i < m->nmodules; i++) {
		const struct m_module *mo = &m->modules[i];
		if (!offered(a, mo))
			continue;
		int page = index++ / per_page;
		if (page != a->list_page)
			continue;
		if (mo->track != last_track) {
			last_track = mo->track;
			y = text_at(a, MARGIN, y, w, &m->tracks[mo->track].title[a->lang], NULL,
			            ROLE_HEADING) + 8;
		}
		char id[160], label[400];
		snprintf(id, sizeof id, "module:%s", mo->key);
		struct widget *b = add(a, id, WK_BUTTON, MARGIN, y, w, row);
		int done = passed_module(a, mo);
		snprintf(label, sizeof label, "%s", mo->title[a->lang].text);
		b->label = done ? xasprintf("%s (%s)", label, ui(a, "kiosk_done")) : xstrdup(label);
		if (done) {
			b->flags |= WF_DONE;
			b->mark = 0x2713;
		}
		/* the reading time at the end of the row */
		char minutes[64];
		snprintf(minutes, sizeof minutes, "%d %s", mo->minutes, ui(a, "minutes"));
		int mw = 150;
		b->w -= mw;
		put_text(a, b, mo->title[a->lang].text, mo->title[a->lang].spans,
		         mo->title[a->lang].nspans, ROLE_BUTTON, 1);
		b->centered = 0;   /* a list reads from its start edge */
		b->w += mw;
		struct widget *mt = add(a, NULL, WK_TEXT, MARGIN + w - mw, y, mw - PAD, row);
		put_text(a, mt, minutes, NULL, 0, ROLE_SMALL, 1);
		mt->text_y = y + (row - mt->layout.height) / 2;
		y += row + 8;
		shown++;
	}
	int pages = (index + per_page - 1) / per_page;
	footer(a, a->list_page > 0 ? "page-prev" : NULL, ui(a, "previous"),
	       a->list_page + 1 < pages ? "page-next" : NULL, ui(a, "next"), 0);
	/* where to get help is one press away from the list, for everyone:
	 * even with no helpline, the screen says what to do in danger */
	help_button(a, 0);
	(void)shown;
}

/* ---- reader: lay the module out once, then cut it into pages ---------- */

static void reader_free(struct app *a)
{
	for (size_t i = 0; i < a->nlayouts; i++)
		layout_free(&a->layouts[i]);
	free(a->layouts);
	free(a->chunks);
	free(a->pages);
	a->layouts = NULL;
	a->chunks = NULL;
	a->pages = NULL;
	a->nlayouts = a->nchunks = a->npages = 0;
}

static enum role block_role(const struct m_block *b)
{
	return b->kind == B_HEADING ? ROLE_HEADING : ROLE_BODY;
}

static int block_indent(const struct m_block *b)
{
	return b->kind == B_LIST_ITEM ? 48 * (b->level > 0 ? b->level : 1) :
	       b->kind == B_QUOTE ? 32 : 0;
}

static void new_page(struct app *a)
{
	a->pages = xrealloc(a->pages, (a->npages + 1) * sizeof *a->pages);
	a->pages[a->npages++] = (struct page){ a->nchunks, 0 };
}

static void add_chunk(struct app *a, size_t block, size_t first, size_t n, int y)
{
	a->chunks = xrealloc(a->chunks, (a->nchunks + 1) * sizeof *a->chunks);
	a->chunks[a->nchunks++] = (struct chunk){ block, first, n, y, 0, 0 };
	a->pages[a->npages - 1].nchunks++;
}

/* An image scaled to fit the page width and height; -1 when it has no
 * size (its alt text is laid out instead). */
static int image_box(struct app *a, const struct m_block *b, int top, int bottom,
                     int *w, int *h)
{
	int iw, ih;
	if (!b->image || !a->fonts.image_size ||
	    a->fonts.image_size(a->fonts.ctx, b->image, &iw, &ih) < 0 || iw <= 0 || ih <= 0)
		return -1;
	double scale = 1.0;
	if (iw > content_width(a))
		scale = (double)content_width(a) / iw;
	if (ih * scale > bottom - top)
		scale = (double)(bottom - top) / ih;
	*w = (int)(iw * scale);
	*h = (int)(ih * scale);
	return 0;
}

/* Place an image block: on this page when it fits, else on a new one. */
static int place_image(struct app *a, size_t i, int w, int h, int y, int top, int bottom)
{
	if (y + h > bottom && y > top) {
		new_page(a);
		y = top;
	}
	add_chunk(a, i, 0, 0, y);
	a->chunks[a->nchunks - 1].w = w;
	a->chunks[a->nchunks - 1].h = h;
	return y + h;
}


static void reader_layout(struct app *a)
{
	const struct m_module *mo = module(a);
	size_t n = mo->nblocks[a->lang];
	int top = content_top(a) + 8, bottom = content_bottom(a) - 8, y = top;
	reader_free(a);
	a->layouts = xcalloc(n ? n : 1, sizeof *a->layouts);
	a->nlayouts = n;
	new_page(a);
	for (size_t i = 0; i < n; i++) {
		const struct m_block *b = &mo->blocks[a->lang][i];
		const struct measure *ms = a->fonts.measure(a->fonts.ctx, block_role(b), a->lang);
		int width = content_width(a) - block_indent(b);
		layout_text(&a->layouts[i], b->t.text, strlen(b->t.text), b->t.spans, b->t.nspans,
		            rtl(a), width, ms);
		int space = b->kind == B_HEADING ? 28 : 14;
		if (y > top)
			y += space;
		int iw, ih;
		if (b->kind == B_IMAGE && image_box(a, b, top, bottom, &iw, &ih) == 0) {
			y = place_image(a, i, iw, ih, y, top, bottom);
			continue;
		}
		size_t first = 0, total = a->layouts[i].nlines;
		while (first < total || (total == 0 && first == 0)) {
			int fit = (bottom - y) / ms->line_height;
			if (b->kind == B_HEADING && fit < 3 && y > top)
				fit = 0;   /* never a heading alone at the foot of a page */
			if (fit <= 0) {
				new_page(a);
				y = top;
				continue;
			}
			size_t take = total - first < (size_t)fit ? total - first : (size_t)fit;
			add_chunk(a, i, first, take, y);
			y += (int)take * ms->line_height;
			first += take;
			if (total == 0)
				break;
		}
	}
	a->page = 0;
}

static void build_reader(struct app *a)
{
	const struct m_module *mo = module(a);
	const struct page *pg = &a->pages[a->page];
	int page_bottom = content_top(a);
	header(a, mo->title[a->lang].text);
	for (size_t c = pg->first_chunk; c < pg->first_chunk + pg->nchunks; c++) {
		const struct chunk *ch = &a->chunks[c];
		const struct m_block *b = &mo->blocks[a->lang][ch->block];
		int indent = block_indent(b);
		if (ch->h) {
			/* centred in the text column */
			struct widget *im = add(a, NULL, WK_IMAGE, MARGIN + (content_width(a) - ch->w) / 2,
			                        ch->y, ch->w, ch->h);
			im->image = b->image;
			im->label = xstrdup(b->t.text);
			page_bottom = ch->y + ch->h;
			continue;
		}
		struct widget *w = add(a, NULL, b->kind == B_QUOTE ? WK_PANEL : WK_TEXT,
		                       MARGIN + indent, ch->y, content_width(a) - indent, 0);
		w->role = block_role(b);
		w->text = xstrdup(b->t.text);
		w->label = xstrdup(b->t.text);
		w->shared = &a->layouts[ch->block];   /* laid out once per module */
		w->first_line = ch->first;
		w->nlines = ch->n;
		w->text_x = w->x;
		w->text_y = ch->y;
		w->text_w = w->w;
		w->h = (int)ch->n * a->fonts.measure(a->fonts.ctx, w->role, a->lang)->line_height;
		page_bottom = w->y + w->h;
		if (b->kind == B_LIST_ITEM && ch->first == 0)
			w->mark = b->ordered ? -b->number : 0x2022;
	}
	/* only under the page's last line, never over the text */
	draft_notice(a, content_bottom(a) - 8, page_bottom + GAP);
	page_indicator(a, a->page + 1, a->npages);
	int last = a->page + 1 >= a->npages;
	footer(a, "back", ui(a, "kiosk_back"), "next",
	       last ? (mo->quiz ? ui(a, "kiosk_start_quiz") : ui(a, "back_to_track"))
	            : ui(a, "next"), 0);
}

/* ---- quiz -------------------------------------------------------------- */

static const struct m_question *question(const struct app *a)
{
	return &module(a)->quiz->questions[a->question];
}

static int chose_right(const struct app *a)
{
	const struct m_question *q = question(a);
	for (size_t i = 0; i < q->nchoices; i++)
		if (((a->chosen >> i) & 1) != (unsigned)q->choices[i].correct)
			return 0;
	return 1;
}

/* After confirming: the verdict with the feedback of the chosen answers,
 * then the explanation, laid out at the foot of the content area; returns
 * the y where they start, so the answers fit above. */
static int quiz_feedback(struct app *a, const struct m_question *q, int with_answers)
{
	enum role role = with_answers ? ROLE_SMALL : ROLE_BODY;   /* compact when short of room */
	struct buf fb = {0};
	int w = content_width(a), bottom = content_bottom(a) - GAP;
	buf_puts(&fb, ui(a, a->last_right ? "answer_correct" :
	                    community_module(a) ? "answer_incorrect_community" : "answer_incorrect"));
	if (with_answers) {
		/* the answers are not on screen: say which were right */
		const char *sep = ": ";
		buf_putc(&fb, ' ');
		buf_puts(&fb, ui(a, "right_answer"));
		for (size_t i = 0; i < q->nchoices; i++)
			if (q->choices[i].correct) {
				buf_puts(&fb, sep);
				buf_puts(&fb, q->choices[i].text[a->lang].text);
				sep = "; ";
			}
		buf_putc(&fb, '.');
	}
	for (size_t i = 0; i < q->nchoices; i++)
		if (((a->chosen >> i) & 1) && q->choices[i].feedback[a->lang].text[0]) {
			buf_putc(&fb, ' ');
			buf_puts(&fb, q->choices[i].feedback[a->lang].text);
		}
	const struct m_text *ex = &q->explanation[a->lang];
	struct widget *e = add(a, NULL, WK_TEXT, MARGIN, 0, w, 0);
	e->h = put_text(a, e, ex->text, ex->spans, ex->nspans, role, 0);
	if (e->h > 3 * a->fonts.measure(a->fonts.ctx, ROLE_BODY, a->lang)->line_height)
		e->h = put_text(a, e, ex->text, ex->spans, ex->nspans, ROLE_SMALL, 0);
	struct widget *v = add(a, "feedback", WK_PANEL, MARGIN, 0, w, 0);
	v->flags |= a->last_right ? WF_GOOD : WF_BAD;
	v->h = put_text(a, v, fb.data, NULL, 0, role, 0) + 2 * PAD;
	buf_free(&fb);
	/* place them: explanation last, the verdict above it */
	int ey = bottom - e->h, vy = ey - GAP - v->h;
	e->text_y += ey - e->y;
	e->y = ey;
	v->text_y += vy - v->y;
	v->y = vy;
	return vy - GAP;
}

static struct widget *quiz_choice(struct app *a, const struct m_question *q, size_t i,
                                  int x, int y, int w, enum role role)
{
	const struct m_choice *c = &q->choices[i];
	char id[96];
	int chosen = (a->chosen >> i) & 1, multiple = q->type == Q_MULTIPLE;
	snprintf(id, sizeof id, "choice:%s", c->key);
	struct widget *b = add(a, id, WK_CHOICE, x, y, w, 64);
	if (chosen)
		b->flags |= WF_SELECTED;
	if (a->confirmed) {
		b->flags |= WF_DISABLED;
		if (c->correct) {
			b->flags |= WF_RIGHT;   /* the right answers, chosen or not */
			b->mark = 0x2713;
		} else if (chosen) {
			b->flags |= WF_WRONG;
			b->mark = 0x2717;
		}
	} else {
		b->mark = multiple ? (chosen ? 0x2611 : 0x2610) : (chosen ? 0x25C9 : 0x25CB);
	}
	const struct m_text *t = &c->text[a->lang];
	int h = put_text(a, b, t->text, t->spans, t->nspans, role, 0) + 2 * PAD - 8;
	b->h = h < 64 ? 64 : h;   /* a finger's width at least */
	b->text_y = b->y + (b->h - b->layout.height) / 2;
	return b;
}

/* Whether answer i is shown: once confirmed and short of room, only the
 * right answers and the wrong ones chosen. */
static int choice_shown(const struct app *a, const struct m_question *q, size_t i,
                        int relevant_only)
{
	return !relevant_only || q->choices[i].correct || ((a->chosen >> i) & 1);
}

/* Lay the answers out from y down to `bottom` in `cols` columns with text
 * of `role`; 0 when they fit. */
static int quiz_choices(struct app *a, const struct m_question *q, int y, int bottom,
                        enum role role, int cols, int relevant_only)
{
	int cw = (content_width(a) - (cols - 1) * GAP) / cols, col = 0, row_h = 0;
	for (size_t i = 0; i < q->nchoices; i++) {
		if (!choice_shown(a, q, i, relevant_only))
			continue;
		struct widget *b = quiz_choice(a, q, i, MARGIN + col * (cw + GAP), y, cw, role);
		row_h = b->h > row_h ? b->h : row_h;
		if (++col == cols) {
			y += row_h + 10;
			col = 0;
			row_h = 0;
		}
	}
	y += row_h;
	return y <= bottom ? 0 : -1;
}

/* One arrangement of the question with the prompt in `prompt_role`: the
 * first arrangement of the answers that fits the room left (only after
 * confirming may the answers that do not matter step aside); 0 if it fits. */
static int quiz_attempt(struct app *a, const struct m_question *q, enum role prompt_role,
                        int answers_shown)
{
	static const struct { enum role role; int cols, relevant; } tries[] = {
		{ ROLE_BUTTON, 1, 0 }, { ROLE_SMALL, 1, 0 }, { ROLE_SMALL, 2, 0 },
		{ ROLE_SMALL, 1, 1 }, { ROLE_SMALL, 2, 1 },
	};
	int w = content_width(a), y = content_top(a);
	/* the most compact form leaves the question out: it has been answered,
	 * and the verdict names the right answer */
	if (answers_shown)
		y = text_at(a, MARGIN, y, w, &q->prompt[a->lang], NULL, prompt_role) + GAP;
	if (!a->confirmed)
		y = text_at(a, MARGIN, y, w, NULL, ui(a, q->type == Q_MULTIPLE ? "choose_all"
		                                                            : "choose_one"),
		            ROLE_SMALL) + GAP;
	int bottom = a->confirmed ? quiz_feedback(a, q, !answers_shown) : content_bottom(a) - GAP;
	if (!answers_shown)
		return y <= bottom ? 0 : -1;
	size_t mark = a->view.n, n = sizeof tries / sizeof *tries;
	for (size_t t = 0; t < n; t++) {
		if (tries[t].relevant && !a->confirmed)
			break;
		view_truncate(&a->view, mark);
		if (quiz_choices(a, q, y, bottom, tries[t].role, tries[t].cols, tries[t].relevant) == 0)
			return 0;
	}
	return -1;
}

static void build_quiz(struct app *a)
{
	static const enum role prompts[] = { ROLE_HEADING, ROLE_BODY, ROLE_SMALL };
	const struct m_question *q = question(a);
	char title[200];
	snprintf(title, sizeof title, "%s %zu %s %zu", ui(a, "question"), a->question + 1,
	         ui(a, "question_of"), module(a)->quiz->nquestions);
	header(a, title);
	size_t mark = a->view.n, np = sizeof prompts / sizeof *prompts, p;
	for (p = 0; p < np; p++) {
		view_truncate(&a->view, mark);
		if (quiz_attempt(a, q, prompts[p], 1) == 0)
			break;
	}
	if (p == np && a->confirmed) {
		/* a small screen: the verdict names the right answers instead */
		view_truncate(&a->view, mark);
		quiz_attempt(a, q, ROLE_SMALL, 0);
	}
	if (a->confirmed)
		footer(a, NULL, NULL, "next", ui(a, "next"), 0);
	else
		footer(a, NULL, NULL, "confirm", ui(a, "kiosk_confirm"), a->chosen == 0);
}

static int quiz_score(const struct app *a, int *total)
{
	*total = (int)module(a)->quiz->nquestions;
	return a->right;
}

/* The end of a community module's quiz: thanks and where to get help;
 * no score and no verdict (this is not an exam, and many readers are
 * survivors). */
static void build_closing(struct app *a)
{
	const char *key = "kiosk_closing_community";
	int w = content_width(a), y = content_top(a) + 40;
	header(a, module(a)->title[a->lang].text);
	struct widget *c = add(a, "closing", WK_PANEL, MARGIN, y, w, 0);
	c->lang = ui_lang(a, key);
	c->rtl = a->m->langs[c->lang].rtl;
	c->h = put_text(a, c, ui(a, key), NULL, 0, ROLE_BODY, 0) + 2 * PAD;
	help_button(a, 1);
	footer(a, NULL, NULL, "done", ui(a, "back_to_track"), 0);
}

static void build_result(struct app *a)
{
	if (community_module(a)) {
		build_closing(a);
		return;
	}
	const struct m_quiz *z = module(a)->quiz;
	int total, score = quiz_score(a, &total);
	int percent = total ? (score * 100 + total / 2) / total : 0;
	int passed = score * 100 >= z->pass_percent * total;
	char line[300], tmp[300];
	int w = content_width(a), y = content_top(a) + 40;
	header(a, module(a)->title[a->lang].text);
	fill(tmp, sizeof tmp, ui(a, "score_pattern"), "right", score);
	fill(line, sizeof line, tmp, "total", total);
	fill(tmp, sizeof tmp, line, "percent", percent);
	struct widget *s = add(a, "score", WK_PANEL, MARGIN, y, w, 0);
	s->flags |= passed ? WF_GOOD : WF_BAD;
	s->h = put_text(a, s, tmp, NULL, 0, ROLE_HEADING, 0) + 2 * PAD;
	y += s->h + GAP;
	text_at(a, MARGIN, y, w, NULL, ui(a, passed ? "passed" : "not_passed"), ROLE_BODY);
	footer(a, "retry", ui(a, "try_again"), "done", ui(a, "back_to_track"), 0);
}

/* ---- admin ------------------------------------------------------------- */

struct counts_text {
	struct buf b;
	const struct app *a;
};

static void count_line(void *ctx, const char *module_id, const char *mode, int n,
                       int passed)
{
	struct counts_text *c = ctx;
	const struct app *a = c->a;
	size_t i = material_module(a->m, module_id);
	const char *title = i == (size_t)-1 ? module_id : a->m->modules[i].title[a->lang].text;
	const char *who = ui(a, !strcmp(mode, "personnel") ? "kiosk_mode_personnel"
	                                                   : "kiosk_mode_community");
	buf_printf(&c->b, "%s: %s %d (%d)\n", title, who, n, passed);
}

/* The name line of the admin screen, and the button that changes it. */
static int admin_name(struct app *a, int y)
{
	int w = content_width(a), bw = w / 2 > 320 ? 320 : w / 2;
	char line[sizeof a->name + 200];
	if (a->name[0])
		fill_text(line, sizeof line, ui(a, "kiosk_admin_this_kiosk"), "name", a->name);
	else
		snprintf(line, sizeof line, "%s", ui(a, "kiosk_admin_unnamed"));
	struct widget *t = add(a, "kiosk-name", WK_TEXT, MARGIN, y, w - bw - GAP, BUTTON_H);
	/* the line as tall as it needs, in the body size while it fits the row */
	if (put_text(a, t, line, NULL, 0, ROLE_BODY, 1) > BUTTON_H)
		put_text(a, t, line, NULL, 0, ROLE_SMALL, 1);
	if (t->layout.height > BUTTON_H) {
		t->h = t->layout.height;
		t->text_y = y;
	}
	button(a, "name", WK_BUTTON, MARGIN + w - bw, y, bw, BUTTON_H, ui(a, "kiosk_admin_name"));
	return y + (t->h > BUTTON_H ? t->h : BUTTON_H) + GAP;
}

/* Which content this is: its date, whether and by which key it is signed,
 * until when it is valid. */
static int admin_content(struct app *a, int y)
{
	const struct seal *sl = &a->m->seal;
	char made[32], until[32], part[400], both[400];
	struct buf line = {0};
	utc_format(sl->created * 1000, 1, made);
	made[10] = '\0';
	/* signed and checked against a trusted key; signed but not checked (no
	 * --trust); not signed */
	const char *key = sl->is_signed ? "kiosk_admin_content_signed"
	                  : sl->key_id[0] ? "kiosk_admin_content_unchecked"
	                                  : "kiosk_admin_content_unsigned";
	fill_text(part, sizeof part, ui(a, key), "date", made);
	fill_text(both, sizeof both, part, "key", sl->key_id);
	buf_puts(&line, both);
	if (sl->expires >= 0) {
		utc_format(sl->expires * 1000, 1, until);
		until[10] = '\0';
		fill_text(part, sizeof part, ui(a, a->m->expired ? "kiosk_admin_expired"
		                                                 : "kiosk_admin_valid_until"),
		          "date", until);
		buf_printf(&line, " %s", part);
	}
	buf_putc(&line, '\0');
	struct widget *t = add(a, "content", WK_TEXT, MARGIN, y, content_width(a), 0);
	t->h = put_text(a, t, line.data, NULL, 0, ROLE_SMALL, 0);
	buf_free(&line);
	return y + t->h + GAP;
}

static void build_admin(struct app *a)
{
	struct counts_text c = { { 0 }, a };
	int w = content_width(a), y = content_top(a);
	/* "Close the kiosk" between Back and Export when there is room (never
	 * over them: 800x480), else on a line of its own above them */
	int mid = a->view.width - 2 * MARGIN - 2 * footer_w(a) - 2 * GAP;
	int qw = mid > 300 ? 300 : mid, quit_in_footer = qw >= 200;
	int bottom = quit_in_footer ? content_bottom(a) : content_bottom(a) - BUTTON_H - GAP;
	header(a, ui(a, "kiosk_admin_title"));
	y = admin_name(a, y);
	y = admin_content(a, y);
	y = text_at(a, MARGIN, y, w, NULL, ui(a, "kiosk_admin_counts"), ROLE_HEADING) + GAP;
	store_counts(a->st, count_line, &c, NULL);
	if (!c.b.len)
		buf_puts(&c.b, ui(a, "kiosk_admin_none"));
	/* one widget a line, so --list-widgets shows them */
	for (char *line = c.b.data, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (y > bottom - (a->message[0] ? 130 : 40))
			break;   /* the message panel keeps its room */
		y = text_at(a, MARGIN, y, w, NULL, line, ROLE_SMALL) + 4;
	}
	buf_free(&c.b);
	if (a->message[0]) {
		struct widget *msg = add(a, "message", WK_PANEL, MARGIN, bottom - 100, w, 90);
		put_text(a, msg, a->message, NULL, 0, ROLE_SMALL, 1);
	}
	footer(a, "back", ui(a, "kiosk_back"), "export", ui(a, "kiosk_admin_export"), 0);
	if (a->cfg.bundle)
		button(a, "install", WK_BUTTON, MARGIN + w - footer_w(a),
		       quit_in_footer ? content_bottom(a) - BUTTON_H - GAP : bottom, footer_w(a),
		       BUTTON_H, ui(a, "kiosk_admin_install"));
	if (quit_in_footer)
		button(a, "quit", WK_BUTTON, (a->view.width - qw) / 2, footer_y(a), qw, BUTTON_H,
		       ui(a, "kiosk_admin_quit"));
	else
		button(a, "quit", WK_BUTTON, MARGIN, bottom, footer_w(a), BUTTON_H,
		       ui(a, "kiosk_admin_quit"));
}

/* The admin's keyboard for the kiosk's name: Latin letters, digits and a
 * few marks, in the order of a typewriter (as keypads keep the phone's),
 * a case key, space, delete and OK.  A physical keyboard types any text. */
static void build_name(struct app *a)
{
	static const char *const rows[4] = { "1234567890", "QWERTYUIOP", "ASDFGHJKL-",
	                                     "ZXCVBNM,./" };
	int gap = 8, field = 64, w = content_width(a);
	int room = content_bottom(a) - content_top(a) - field - 6 * gap;
	int kh = room / 5 > 80 ? 80 : room / 5 < 40 ? 40 : room / 5;
	int kw = (w - 9 * gap) / 10 > 90 ? 90 : (w - 9 * gap) / 10;
	int pad_w = 10 * kw + 9 * gap, x0 = (a->view.width - pad_w) / 2, y = content_top(a);
	header(a, ui(a, "kiosk_admin_name_prompt"));
	struct widget *f = add(a, "name-field", WK_FIELD, x0, y, pad_w, field);
	put_text(a, f, a->name, NULL, 0, ROLE_BODY, 1);
	y += field + gap;
	for (int r = 0; r < 4; r++, y += kh + gap)
		for (int k = 0; rows[r][k]; k++) {
			char ch = rows[r][k], id[16], label[2] = { ch, '\0' };
			if (a->name_lower && ch >= 'A' && ch <= 'Z')
				label[0] = (char)(ch - 'A' + 'a');
			snprintf(id, sizeof id, "char:%s", label);
			struct widget *b = button(a, id, WK_KEY, x0 + k * (kw + gap), y, kw, kh, label);
			b->lang = a->m->source;   /* Latin keys: left to right in every language */
			b->rtl = 0;
		}
	/* the last row: case, space, delete, OK */
	struct { const char *id, *label; int keys; enum wkind kind; } last[] = {
		{ "name:case", a->name_lower ? "ABC" : "abc", 2, WK_KEY },
		{ "name:space", ui(a, "kiosk_space"), 4, WK_KEY },
		{ "name:delete", ui(a, "kiosk_delete"), 2, WK_KEY },
		{ "name:ok", ui(a, "kiosk_ok"), 2, WK_PRIMARY },
	};
	int x = x0;
	for (size_t i = 0; i < 4; i++) {
		int bw = last[i].keys * kw + (last[i].keys - 1) * gap;
		struct widget *b = button(a, last[i].id, last[i].kind, x, y, bw, kh, last[i].label);
		if (!strcmp(last[i].id, "name:ok") && !a->name[0])
			b->flags |= WF_DISABLED;
		x += bw + gap;
	}
	if (a->message[0]) {
		struct widget *msg = add(a, "message", WK_PANEL, MARGIN, y + kh + gap, w,
		                         content_bottom(a) - (y + kh + gap));
		msg->flags |= WF_BAD;
		put_text(a, msg, a->message, NULL, 0, ROLE_SMALL, 1);
	}
	footer(a, "back", ui(a, "kiosk_back"), NULL, NULL, 0);
}

/* ---- help: a flow of sections cut into pages --------------------------
 *
 * The screen is a list of texts in groups: what to do in danger first, then
 * the intro, the helplines, and how to report abuse by UN personnel.  A
 * card (a boxed group: a helpline) is kept on one page when it fits on one,
 * else it goes on the next page; text, and a card taller than a page, fill
 * the page and continue on the next one line by line, as the reader does.
 * Nothing is ever dropped or drawn outside the content area, on any panel
 * size.  A card cut by a page gets a panel background on each page.  The
 * flow is rebuilt with the screen; it is a few texts. */

struct help_item {
	char *text;
	enum role role;
	size_t lang;
	int ltr;                  /* a phone number: left to right in every language */
	int keep;                 /* a heading or label: kept with the next line */
	size_t group;
	struct text_layout lay;
	int lh;                   /* line height */
};

struct help_group {
	char id[40];
	int boxed;                /* on a panel */
	int flags;                /* the panel's WF_BAD etc. */
	int keep;                 /* a heading: kept with the next group's first line */
};

struct help_flow {
	struct help_item *items;
	size_t n;
	struct help_group *groups;
	size_t ng;
};

static void flow_group(struct help_flow *f, const char *id, int boxed, int flags, int keep)
{
	f->groups = xrealloc(f->groups, (f->ng + 1) * sizeof *f->groups);
	struct help_group *g = &f->groups[f->ng++];
	memset(g, 0, sizeof *g);
	snprintf(g->id, sizeof g->id, "%s", id);
	g->boxed = boxed;
	g->flags = flags;
	g->keep = keep;
}

/* A text in the current group, in language `lang` (empty texts are left
 * out). */
static void flow_text(struct help_flow *f, const char *text, enum role role, size_t lang,
                      int ltr)
{
	if (!text[0])
		return;
	f->items = xrealloc(f->items, (f->n + 1) * sizeof *f->items);
	/* a heading stays with what follows it */
	f->items[f->n++] = (struct help_item){ xstrdup(text), role, lang, ltr,
	                                       role == ROLE_HEADING && !ltr, f->ng - 1, { 0 }, 0 };
}

static void flow_ui(struct app *a, struct help_flow *f, const char *key, enum role role)
{
	flow_text(f, ui(a, key), role, ui_lang(a, key), 0);
}

static void flow_m_text(struct app *a, struct help_flow *f, const struct m_text *t,
                        enum role role)
{
	flow_text(f, t->text, role, text_lang(a, t->fallback), 0);
}

static void flow_free(struct help_flow *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->items[i].text);
		layout_free(&f->items[i].lay);
	}
	free(f->items);
	free(f->groups);
}

/* Whether some helpline is a service the mission confirmed, with a number
 * to call. */
static int confirmed_helpline(const struct material *m)
{
	for (size_t i = 0; i < m->nhelplines; i++)
		if (m->helplines[i].kind == H_HELPLINE && !m->helplines[i].example &&
		    m->helplines[i].phone[0])
			return 1;
	return 0;
}

/* A helpline's group: name, what it offers, number, hours, and the mark
 * that it is an example until the mission confirms it. */
static void flow_helpline(struct app *a, struct help_flow *f, const struct m_helpline *h,
                          const char *id)
{
	char line[400];
	flow_group(f, id, 1, 0, 0);
	flow_m_text(a, f, &h->name[a->lang], ROLE_HEADING);
	flow_m_text(a, f, &h->description[a->lang], ROLE_SMALL);
	if (h->phone[0]) {
		/* the number on its own line, laid out left to right even in
		 * Arabic: a reversed number is a wrong number */
		snprintf(line, sizeof line, "%s:", ui(a, "phone"));
		flow_text(f, line, ROLE_BODY, ui_lang(a, "phone"), 0);
		f->items[f->n - 1].keep = 1;   /* the label stays with its number */
		flow_text(f, h->phone, ROLE_HEADING, a->m->source, 1);
	} else {
		snprintf(line, sizeof line, "%s: %s", ui(a, "phone"), ui(a, "phone_missing"));
		flow_text(f, line, ROLE_BODY, ui_lang(a, "phone_missing"), 0);
	}
	if (h->hours[a->lang].text[0]) {
		snprintf(line, sizeof line, "%s: %s", ui(a, "hours"), h->hours[a->lang].text);
		flow_text(f, line, ROLE_SMALL, text_lang(a, h->hours[a->lang].fallback), 0);
	}
	if (h->example)
		flow_ui(a, f, "helpline_example", ROLE_SMALL);
}

/* Every section of the help screen, in the order a person in distress
 * needs them. */
static void flow_help(struct app *a, struct help_flow *f)
{
	const struct material *m = a->m;
	char id[40];
	int k = 0, un = 0;
	flow_group(f, "help-danger", 1, WF_BAD, 0);
	flow_ui(a, f, "help_danger_title", ROLE_HEADING);
	flow_ui(a, f, "help_danger", ROLE_BODY);
	flow_group(f, "help-intro", 0, 0, 0);
	flow_ui(a, f, "help_intro", ROLE_BODY);
	if (!confirmed_helpline(m)) {
		flow_group(f, "help-no-number", 1, WF_BAD, 0);
		flow_ui(a, f, "help_no_number", ROLE_BODY);
	}
	for (size_t i = 0; i < m->nhelplines; i++)
		if (m->helplines[i].kind == H_HELPLINE) {
			snprintf(id, sizeof id, "helpline:%d", ++k);
			flow_helpline(a, f, &m->helplines[i], id);
		}
	for (size_t i = 0; i < m->nhelplines; i++)
		if (m->helplines[i].kind == H_UN_REPORTING) {
			if (!un++) {
				flow_group(f, "help-un", 0, 0, 1);
				flow_ui(a, f, "help_un_title", ROLE_HEADING);
				flow_ui(a, f, "help_un_intro", ROLE_BODY);
			}
			snprintf(id, sizeof id, "un-reporting:%d", un);
			flow_helpline(a, f, &m->helplines[i], id);
		}
}

/* On a short panel (800x480, 1024x600) the help texts step down a size
 * (the number stays large): a person in distress should not have to turn
 * a dozen pages. */
static enum role help_role(const struct app *a, const struct help_item *it)
{
	if (it->ltr || content_bottom(a) - content_top(a) >= 450)
		return it->role;
	return it->role == ROLE_HEADING ? ROLE_BODY : ROLE_SMALL;
}

static void flow_measure(struct app *a, struct help_flow *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct help_item *it = &f->items[i];
		it->role = help_role(a, it);
		const struct measure *ms = a->fonts.measure(a->fonts.ctx, it->role, it->lang);
		int w = content_width(a) - (f->groups[it->group].boxed ? 2 * PAD : 0);
		layout_text(&it->lay, it->text, strlen(it->text), NULL, 0,
		            !it->ltr && a->m->langs[it->lang].rtl, w, ms);
		it->lh = ms->line_height;
	}
}

#define ITEM_GAP 4

/* The height of group g from its item `from` on (with its panel's padding;
 * for a heading, with the next group's first line). */
static int group_height(const struct help_flow *f, size_t from)
{
	size_t g = f->items[from].group, i;
	int h = 0;
	for (i = from; i < f->n && f->items[i].group == g; i++)
		h += (i > from ? ITEM_GAP : 0) + f->items[i].lay.height;
	if (f->groups[g].boxed)
		h += 2 * PAD;
	if (f->groups[g].keep && i < f->n)
		h += GAP + (f->groups[f->items[i].group].boxed ? PAD : 0) + f->items[i].lh;
	return h;
}

/* Whether item i is kept with the next line of its group. */
static int kept(const struct help_flow *f, size_t i)
{
	return f->items[i].keep && i + 1 < f->n && f->items[i + 1].group == f->items[i].group;
}

/* The least of group g that may start at a page's foot: a line, or a
 * heading and the line after it (with the panel's padding). */
static int group_lead(const struct help_flow *f, size_t from)
{
	const struct help_item *it = &f->items[from];
	int pad = f->groups[it->group].boxed ? PAD : 0;
	if (!kept(f, from))
		return 2 * pad + it->lh;
	return 2 * pad + it->lay.height + ITEM_GAP + f->items[from + 1].lh;
}

/* Where the flow is being placed. */
struct flow_pos {
	int page, y, top, bottom;
	int show;                 /* the page whose widgets are added */
	size_t panel;             /* the open panel widget, or (size_t)-1 */
};

/* The panel behind group g's part on this page, from y down (grown as
 * lines are added). */
static void open_panel(struct app *a, const struct help_flow *f, size_t g,
                       struct flow_pos *p)
{
	const struct help_group *gr = &f->groups[g];
	p->panel = (size_t)-1;
	if (!gr->boxed || p->page != p->show)
		return;
	struct widget *w = add(a, gr->id, WK_PANEL, MARGIN, p->y, content_width(a), 2 * PAD);
	w->flags |= gr->flags;
	/* listed by its first text (a helpline's name) */
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].group == g) {
			w->label = xstrdup(f->items[i].text);
			break;
		}
	p->panel = a->view.n - 1;
}

/* Lines [first, first + n) of item `it` at y, on the page shown; the item's
 * layout moves to the widget (an item is on a page once at most). */
static void flow_emit(struct app *a, struct help_item *it, size_t first, size_t n, int boxed,
                      const struct flow_pos *p)
{
	int inset = boxed ? PAD : 0;
	struct widget *w = add(a, NULL, WK_TEXT, MARGIN + inset, p->y, content_width(a) - 2 * inset,
	                       (int)n * it->lh);
	w->lang = it->lang;
	/* a phone number keeps its direction but sits on the start side */
	w->rtl = it->ltr ? rtl(a) : a->m->langs[it->lang].rtl;
	w->role = it->role;
	w->text = xstrdup(it->text);
	w->label = xstrdup(it->text);
	w->layout = it->lay;
	memset(&it->lay, 0, sizeof it->lay);
	w->first_line = first;
	w->nlines = n;
	w->text_x = w->x;
	w->text_y = p->y;
	w->text_w = w->w;
	if (p->panel != (size_t)-1) {
		struct widget *pw = &a->view.v[p->panel];
		pw->h = p->y + (int)n * it->lh + PAD - pw->y;
	}
}

static void flow_new_page(struct app *a, const struct help_flow *f, size_t g,
                          struct flow_pos *p, int continuing)
{
	p->page++;
	p->y = p->top;
	if (continuing)
		open_panel(a, f, g, p);
}

/* Place item i (its lines page by page). */
static void flow_item(struct app *a, struct help_flow *f, size_t i, struct flow_pos *p)
{
	struct help_item *it = &f->items[i];
	int boxed = f->groups[it->group].boxed, pad = boxed ? PAD : 0;
	size_t first = 0, total = it->lay.nlines;
	/* a heading or label is not left alone at the foot of a page */
	if (kept(f, i) && i > 0 && f->items[i - 1].group == it->group &&
	    p->y + it->lay.height + ITEM_GAP + f->items[i + 1].lh > p->bottom - pad) {
		flow_new_page(a, f, it->group, p, 1);
		p->y += pad;
	}
	while (first < total) {
		int fit = (p->bottom - pad - p->y) / it->lh;
		if (fit <= 0 && p->y <= p->top + pad)
			fit = 1;   /* a line taller than a page: shown, not lost */
		if (fit <= 0) {
			flow_new_page(a, f, it->group, p, 1);
			p->y += pad;
			continue;
		}
		size_t take = total - first < (size_t)fit ? total - first : (size_t)fit;
		if (total - first - take == 1 && take > 1)
			take--;   /* no last line alone at the top of the next page */
		if (p->page == p->show)
			flow_emit(a, it, first, take, boxed, p);
		p->y += (int)take * it->lh;
		first += take;
		/* the rest goes on the next page (an item is on a page once) */
		if (first < total) {
			flow_new_page(a, f, it->group, p, 1);
			p->y += pad;
		}
	}
}

/* Place the whole flow, adding the widgets of page `show`; returns the
 * number of pages. */
static int flow_place(struct app *a, struct help_flow *f, int show)
{
	struct flow_pos p = { 0, content_top(a), content_top(a), content_bottom(a) - GAP, show,
	                      (size_t)-1 };
	for (size_t i = 0; i < f->n; i++) {
		size_t g = f->items[i].group;
		if (i == 0 || f->items[i - 1].group != g) {
			int h = group_height(f, i), room = p.bottom - p.y - GAP;
			/* a card that fits on a page is not cut; text, and a card
			 * longer than a page, fill the page from here on, if
			 * a heading and a line fit */
			int whole = f->groups[g].boxed && h <= p.bottom - p.top;
			if (p.y > p.top && ((whole && h > room) || group_lead(f, i) > room))
				flow_new_page(a, f, g, &p, 0);
			else if (p.y > p.top)
				p.y += GAP;
			open_panel(a, f, g, &p);
			p.y += f->groups[g].boxed ? PAD : 0;
		} else {
			p.y += ITEM_GAP;
		}
		flow_item(a, f, i, &p);
		if ((i + 1 == f->n || f->items[i + 1].group != g) && f->groups[g].boxed)
			p.y += PAD;
	}
	return p.page + 1;
}

static void build_help(struct app *a)
{
	struct help_flow f = { 0 };
	header(a, ui(a, "get_help"));
	size_t mark = a->view.n;
	flow_help(a, &f);
	flow_measure(a, &f);
	a->help_pages = flow_place(a, &f, a->help_page);
	if (a->help_page >= a->help_pages) {
		/* the panel became larger (a resize): the last page */
		view_truncate(&a->view, mark);
		a->help_page = a->help_pages - 1;
		flow_place(a, &f, a->help_page);
	}
	flow_free(&f);
	if (a->help_pages > 1)
		page_indicator(a, (size_t)a->help_page + 1, (size_t)a->help_pages);
	footer(a, "back", ui(a, "kiosk_back"),
	       a->help_page + 1 < a->help_pages ? "help-next" : NULL, ui(a, "next"), 0);
}

static void build_error(struct app *a)
{
	header(a, ui(a, "kiosk_exit"));
	struct widget *msg = add(a, "message", WK_PANEL, MARGIN, content_top(a) + 40,
	                         content_width(a), 0);
	msg->flags |= WF_BAD;
	msg->h = put_text(a, msg, a->message, NULL, 0, ROLE_HEADING, 0) + 2 * PAD;
}

/* Mirror the screen for right-to-left languages: start becomes right. The
 * keypad keeps its phone order, as keypads do everywhere. */
static void mirror(struct app *a)
{
	if (!rtl(a) || a->screen == S_LANGUAGE)
		return;
	for (size_t i = 0; i < a->view.n; i++) {
		struct widget *w = &a->view.v[i];
		if (!strncmp(w->id, "key:", 4) || !strncmp(w->id, "char:", 5) ||
		    !strncmp(w->id, "name:", 5) || w->kind == WK_FIELD)
			continue;
		int nx = a->view.width - w->x - w->w;
		/* the text box flips inside the widget too, with the mark's room */
		w->text_x = nx + (w->x + w->w) - (w->text_x + w->text_w);
		w->x = nx;
	}
	a->view.rtl = 1;
}

static void build(struct app *a)
{
	view_clear(&a->view);
	a->view.rtl = 0;
	a->view.bar_h = 0;
	switch (a->screen) {
	case S_LANGUAGE: build_language(a); break;
	case S_MODE: build_mode(a); break;
	case S_ID: keypad(a, ui(a, "kiosk_enter_id")); break;
	case S_PARTICIPANTS: keypad(a, ui(a, "kiosk_participants")); break;
	case S_MODULES: build_modules(a); break;
	case S_READER: build_reader(a); break;
	case S_QUIZ: build_quiz(a); break;
	case S_RESULT: build_result(a); break;
	case S_ADMIN_PIN: keypad(a, ui(a, "kiosk_admin_pin")); break;
	case S_ADMIN: build_admin(a); break;
	case S_ADMIN_NAME: build_name(a); break;
	case S_ERROR: build_error(a); break;
	case S_HELP: build_help(a); break;
	}
	mirror(a);
	/* keyboard focus: the n-th pressable widget */
	int k = 0;
	for (size_t i = 0; i < a->view.n; i++) {
		struct widget *w = &a->view.v[i];
		if (!view_pressable(w))
			continue;
		if (a->keyboard && k++ == a->focus)
			w->flags |= WF_FOCUS;
		if (!strcmp(w->id, a->pressed))
			w->flags |= WF_PRESSED;
	}
	a->dirty = 0;
}

/* ---- actions ----------------------------------------------------------- */

/* Back to the first screen; the session is over and forgotten. */
static void go_home(struct app *a, int64_t now)
{
	if (a->session[0])
		store_session_end(a->st, a->session, now, NULL);
	a->session[0] = '\0';
	a->person[0] = '\0';
	a->completion[0] = '\0';
	a->message[0] = '\0';
	a->mode = NULL;
	a->list_page = 0;
	reader_free(a);
	a->lang = a->m->source;
	go(a, S_LANGUAGE);
}

static void failed_to_save(struct app *a)
{
	snprintf(a->message, sizeof a->message, "%s", ui(a, "kiosk_save_failed"));
	go(a, S_ERROR);
}

static void after_mode(struct app *a, int64_t now)
{
	(void)now;
	go(a, !strcmp(a->mode, "personnel") ? S_ID : S_PARTICIPANTS);
}

static void start_quiz(struct app *a, int64_t now)
{
	const struct m_module *mo = module(a);
	struct completion_start c = {
		a->mode, !strcmp(a->mode, "personnel") ? a->person : NULL,
		a->session[0] ? a->session : NULL, mo->key, a->m->langs[a->lang].code,
		a->m->content_version, (int)mo->quiz->nquestions, now };
	if (store_completion_begin(a->st, &c, a->completion, NULL) < 0) {
		failed_to_save(a);
		return;
	}
	a->question = 0;
	a->chosen = 0;
	a->confirmed = 0;
	a->right = 0;
	go(a, S_QUIZ);
}

static void confirm_answer(struct app *a, int64_t now)
{
	const struct m_question *q = question(a);
	struct buf chosen = {0};
	int right = chose_right(a);
	for (size_t i = 0; i < q->nchoices; i++)
		if ((a->chosen >> i) & 1) {
			if (chosen.len)
				buf_putc(&chosen, ',');
			buf_puts(&chosen, q->choices[i].key);
		}
	/* on disk before it is shown */
	int rc = store_answer(a->st, a->completion, q->key, chosen.data ? chosen.data : "",
	                      right, now, NULL);
	buf_free(&chosen);
	if (rc < 0) {
		failed_to_save(a);
		return;
	}
	a->right += right;
	a->last_right = right;
	a->confirmed = 1;
	changed(a);
}

static void next_question(struct app *a, int64_t now)
{
	const struct m_quiz *z = module(a)->quiz;
	if (a->question + 1 < z->nquestions) {
		a->question++;
		a->chosen = 0;
		a->confirmed = 0;
		go(a, S_QUIZ);
		return;
	}
	int total = (int)z->nquestions;
	int passed = a->right * 100 >= z->pass_percent * total;
	if (store_completion_finish(a->st, a->completion, a->right, passed, now, NULL) < 0) {
		failed_to_save(a);
		return;
	}
	go(a, S_RESULT);
}

static void choose(struct app *a, const char *key)
{
	const struct m_question *q = question(a);
	for (size_t i = 0; i < q->nchoices && i < MAX_CHOICES; i++) {
		if (strcmp(q->choices[i].key, key))
			continue;
		if (q->type == Q_MULTIPLE)
			a->chosen ^= 1u << i;
		else
			a->chosen = 1u << i;
	}
	changed(a);
}

static void open_module(struct app *a, const char *key)
{
	size_t i = material_module(a->m, key);
	if (i == (size_t)-1)
		return;
	a->module = i;
	reader_layout(a);
	go(a, S_READER);
}

/* A digit or delete on a keypad. */
static void keypad_input(struct app *a, const char *k)
{
	size_t n = strlen(a->typed);
	if (!strcmp(k, "delete")) {
		if (n)
			a->typed[n - 1] = '\0';
	} else if (k[0] >= '0' && k[0] <= '9' && !k[1] && n + 1 < sizeof a->typed &&
	           n < (a->screen == S_PARTICIPANTS ? 3 : 12)) {
		a->typed[n] = k[0];
		a->typed[n + 1] = '\0';
	}
	a->message[0] = '\0';
	changed(a);
}

static void open_admin(struct app *a)
{
	a->message[0] = '\0';
	if (!store_has_pin(a->st)) {
		snprintf(a->message, sizeof a->message, "%s", ui(a, "kiosk_admin_no_pin"));
		go(a, S_ERROR);
		return;
	}
	go(a, S_ADMIN_PIN);
}

/* The admin screen, with the kiosk's name read now (never while drawing). */
static void enter_admin(struct app *a)
{
	char *name = NULL;
	a->name[0] = '\0';
	if (store_name(a->st, &name, NULL) == 0 && name)
		snprintf(a->name, sizeof a->name, "%s", name);
	free(name);
	go(a, S_ADMIN);
}

/* A character typed into the kiosk's name (any text but control
 * characters, up to NAME_CHARS), or the last one deleted. */
static void name_input(struct app *a, const char *utf8)
{
	size_t n = strlen(a->name), add_len = strlen(utf8), chars = 0;
	a->message[0] = '\0';
	if (!utf8[0]) {   /* delete: back over one whole character */
		while (n && (a->name[n - 1] & 0xC0) == 0x80)
			n--;
		if (n)
			n--;
		a->name[n] = '\0';
		changed(a);
		return;
	}
	for (size_t i = 0; i < n; i++)
		chars += (a->name[i] & 0xC0) != 0x80;
	if ((unsigned char)utf8[0] < 0x20 || utf8[0] == 0x7f || chars >= NAME_CHARS ||
	    n + add_len >= sizeof a->name || utf8_check(utf8, add_len) != (size_t)-1 ||
	    (!n && utf8[0] == ' '))
		return;
	memcpy(a->name + n, utf8, add_len + 1);
	changed(a);
}

static void save_name(struct app *a)
{
	struct err e = {0};
	size_t n = strlen(a->name);
	while (n && a->name[n - 1] == ' ')
		a->name[--n] = '\0';   /* a space typed last is not part of the name */
	if (!n)
		return;
	if (store_set_name(a->st, a->name, &e) < 0) {
		snprintf(a->message, sizeof a->message, "%s %.400s", ui(a, "kiosk_save_failed"), e.msg);
		changed(a);
		return;
	}
	enter_admin(a);
	snprintf(a->message, sizeof a->message, "%s", ui(a, "kiosk_admin_name_saved"));
}

static void check_pin(struct app *a, int64_t now)
{
	int ok = 0;
	int64_t wait = 0;
	if (store_check_pin(a->st, a->typed, now, &ok, &wait, NULL) < 0)
		ok = 0;
	if (ok) {
		enter_admin(a);
		return;
	}
	if (wait > 0) {
		char pattern[300];
		fill(pattern, sizeof pattern, ui(a, "kiosk_admin_wait"), "seconds",
		     (long)((wait + 999) / 1000));
		snprintf(a->message, sizeof a->message, "%s", pattern);
	} else {
		snprintf(a->message, sizeof a->message, "%s", ui(a, "kiosk_admin_wrong_pin"));
	}
	a->typed[0] = '\0';
	changed(a);
}

static void keypad_ok(struct app *a, int64_t now)
{
	if (!a->typed[0])
		return;
	if (a->screen == S_ID) {
		snprintf(a->person, sizeof a->person, "%s", a->typed);
		a->list_page = 0;
		go(a, S_MODULES);
	} else if (a->screen == S_PARTICIPANTS) {
		int n = atoi(a->typed);
		if (n < 1)
			return;
		if (store_session_begin(a->st, a->m->langs[a->lang].code, n, now, a->session,
		                        NULL) < 0) {
			failed_to_save(a);
			return;
		}
		a->list_page = 0;
		go(a, S_MODULES);
	} else {
		check_pin(a, now);
	}
}

/* A new bundle from the stick: checked, copied, swapped in; shown from
 * the next start. */
static void install_bundle(struct app *a)
{
	struct err e = {0};
	struct seal s;
	if (update_install(a->cfg.export_dir ? a->cfg.export_dir : ".", a->cfg.bundle,
	                   &a->cfg.trust, &s, &e) == 0) {
		char day[32];
		utc_format(s.created * 1000, 1, day);
		day[10] = '\0';
		fill_text(a->message, sizeof a->message, ui(a, "kiosk_admin_installed"), "date", day);
	} else {
		snprintf(a->message, sizeof a->message, "%s %.400s",
		         ui(a, "kiosk_admin_install_failed"), e.msg);
	}
	changed(a);
}

static void export_records(struct app *a, int64_t now)
{
	char *path = NULL;
	struct err e = {0};
	if (store_export(a->st, a->cfg.export_dir ? a->cfg.export_dir : ".", now, &path, &e) == 0)
		snprintf(a->message, sizeof a->message, "%s %.400s", ui(a, "kiosk_admin_exported"), path);
	else
		snprintf(a->message, sizeof a->message, "%s %.400s", ui(a, "kiosk_admin_export_failed"),
		         e.msg);
	free(path);
	changed(a);
}

static void reader_next(struct app *a, int64_t now)
{
	if (a->page + 1 < a->npages) {
		a->page++;
		changed(a);
	} else if (module(a)->quiz) {
		start_quiz(a, now);
	} else {
		go(a, S_MODULES);
	}
}

static void reader_back(struct app *a)
{
	if (a->page > 0) {
		a->page--;
		changed(a);
	} else {
		go(a, S_MODULES);
	}
}

/* What pressing widget `id` does on the current screen. */
static void activate(struct app *a, const char *id, int64_t now)
{
	if (!strcmp(id, "exit")) {
		go_home(a, now);
	} else if (!strncmp(id, "lang:", 5)) {
		for (size_t i = 0; i < a->m->nlangs; i++)
			if (!strcmp(a->m->langs[i].code, id + 5))
				a->lang = i;
		if (!strcmp(a->cfg.mode, "ask")) {
			go(a, S_MODE);
		} else {
			a->mode = a->cfg.mode;
			after_mode(a, now);
		}
	} else if (!strncmp(id, "mode:", 5)) {
		a->mode = !strcmp(id + 5, "personnel") ? "personnel" : "community";
		after_mode(a, now);
	} else if (!strncmp(id, "key:", 4)) {
		if (!strcmp(id + 4, "ok"))
			keypad_ok(a, now);
		else
			keypad_input(a, id + 4);
	} else if (!strncmp(id, "module:", 7)) {
		open_module(a, id + 7);
	} else if (!strcmp(id, "page-next") || !strcmp(id, "page-prev")) {
		a->list_page += id[5] == 'n' ? 1 : -1;
		changed(a);
	} else if (!strncmp(id, "choice:", 7)) {
		if (!a->confirmed)
			choose(a, id + 7);
	} else if (!strcmp(id, "confirm")) {
		if (a->chosen && !a->confirmed)
			confirm_answer(a, now);
	} else if (!strcmp(id, "next")) {
		if (a->screen == S_READER)
			reader_next(a, now);
		else if (a->screen == S_QUIZ && a->confirmed)
			next_question(a, now);
	} else if (!strcmp(id, "back")) {
		if (a->screen == S_READER)
			reader_back(a);
		else if (a->screen == S_ADMIN)
			go_home(a, now);   /* whoever was using it is gone too */
		else if (a->screen == S_ADMIN_NAME)
			enter_admin(a);    /* the name as it was */
		else if (a->screen == S_HELP && a->help_page > 0) {
			a->help_page--;
			changed(a);
		} else
			go(a, S_MODULES);
	} else if (!strcmp(id, "retry")) {
		start_quiz(a, now);
	} else if (!strcmp(id, "done")) {
		go(a, S_MODULES);
	} else if (!strcmp(id, "help")) {
		a->help_page = 0;
		go(a, S_HELP);
	} else if (!strcmp(id, "help-next")) {
		if (a->help_page + 1 < a->help_pages)
			a->help_page++;
		changed(a);
	} else if (!strcmp(id, "name")) {
		a->message[0] = '\0';
		a->name_lower = 0;
		go(a, S_ADMIN_NAME);   /* the name typed starts from the one it has */
	} else if (!strncmp(id, "char:", 5)) {
		name_input(a, id + 5);
	} else if (!strcmp(id, "name:space")) {
		name_input(a, " ");
	} else if (!strcmp(id, "name:delete")) {
		name_input(a, "");
	} else if (!strcmp(id, "name:case")) {
		a->name_lower = !a->name_lower;
		changed(a);
	} else if (!strcmp(id, "name:ok")) {
		save_name(a);
	} else if (!strcmp(id, "export")) {
		export_records(a, now);
	} else if (!strcmp(id, "install")) {
		install_bundle(a);
	} else if (!strcmp(id, "quit")) {
		a->quit = 1;
	}
}

/* ---- input ------------------------------------------------------------- */

static void touched(struct app *a, int64_t now)
{
	a->last_input = now;
}

int app_press(struct app *a, const char *id, int64_t now)
{
	const struct view *v = app_view(a);
	const struct widget *w = view_find(v, id);
	touched(a, now);
	if (!w || !view_pressable(w))
		return -1;
	char copy[96];
	snprintf(copy, sizeof copy, "%s", w->id);
	activate(a, copy, now);
	return 0;
}

/* The admin corner: top-left, or top-right where the screen is mirrored
 * (the quick exit is then top-left, and holding it must only leave). */
static int in_corner(const struct app *a, int x, int y)
{
	if (y >= CORNER)
		return 0;
	return a->view.rtl ? x >= a->view.width - CORNER : x < CORNER;
}

void app_pointer_down(struct app *a, int x, int y, int64_t now)
{
	const struct widget *w = view_hit(app_view(a), x, y);
	touched(a, now);
	a->keyboard = 0;
	a->pointer_down = 1;
	a->press_start = now;
	a->press_x = x;
	a->press_y = y;
	snprintf(a->pressed, sizeof a->pressed, "%s", w ? w->id : "");
	changed(a);
}

void app_pointer_up(struct app *a, int x, int y, int64_t now)
{
	const struct widget *w = view_hit(app_view(a), x, y);
	char id[96];
	touched(a, now);
	if (!a->pointer_down)
		return;
	a->pointer_down = 0;
	/* a tap: released on the widget it started on */
	snprintf(id, sizeof id, "%s", w && !strcmp(w->id, a->pressed) ? w->id : "");
	a->pressed[0] = '\0';
	changed(a);
	if (id[0])
		activate(a, id, now);
}

static int focusable_count(struct app *a)
{
	const struct view *v = app_view(a);
	int k = 0;
	for (size_t i = 0; i < v->n; i++)
		if (view_pressable(&v->v[i]))
			k++;
	return k;
}

static const struct widget *focused(struct app *a)
{
	const struct view *v = app_view(a);
	int k = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct widget *w = &v->v[i];
		if (view_pressable(w) && k++ == a->focus)
			return w;
	}
	return NULL;
}

static void move_focus(struct app *a, int step)
{
	int n = focusable_count(a);
	if (!n)
		return;
	a->keyboard = 1;
	a->focus = a->focus < 0 ? (step > 0 ? 0 : n - 1) : (a->focus + step + n) % n;
	changed(a);
}

void app_key(struct app *a, enum app_key k, int64_t now)
{
	touched(a, now);
	switch (k) {
	case K_TAB: case K_DOWN: move_focus(a, 1); break;
	case K_BACKTAB: case K_UP: move_focus(a, -1); break;
	/* left and right follow the screen: in RTL, right goes back */
	case K_RIGHT: move_focus(a, rtl(a) ? -1 : 1); break;
	case K_LEFT: move_focus(a, rtl(a) ? 1 : -1); break;
	case K_ENTER: {
		const struct widget *w = focused(a);
		if (w) {
			char id[96];
			snprintf(id, sizeof id, "%s", w->id);
			activate(a, id, now);
		}
		break;
	}
	case K_ESCAPE: go_home(a, now); break;
	case K_BACKSPACE:
		if (a->screen == S_ID || a->screen == S_PARTICIPANTS || a->screen == S_ADMIN_PIN)
			keypad_input(a, "delete");
		else if (a->screen == S_ADMIN_NAME)
			name_input(a, "");
		break;
	case K_F12: open_admin(a); break;
	case K_PAGEDOWN: app_press(a, a->screen == S_HELP ? "help-next" : "next", now); break;
	case K_PAGEUP: app_press(a, "back", now); break;
	case K_NONE: break;
	}
}

void app_text(struct app *a, const char *utf8, int64_t now)
{
	touched(a, now);
	if (a->screen == S_ADMIN_NAME) {
		/* one character at a time, as the on-screen keys type them */
		for (const char *p = utf8; *p;) {
			size_t len = 1;
			while (p[len] && ((unsigned char)p[len] & 0xC0) == 0x80)
				len++;
			char ch[8] = "";
			if (len < sizeof ch) {
				memcpy(ch, p, len);
				name_input(a, ch);
			}
			p += len;
		}
		return;
	}
	if (a->screen != S_ID && a->screen != S_PARTICIPANTS && a->screen != S_ADMIN_PIN)
		return;
	for (const char *p = utf8; *p; p++) {
		char d[2] = { *p, '\0' };
		if (*p >= '0' && *p <= '9')
			keypad_input(a, d);
	}
}

void app_tick(struct app *a, int64_t now)
{
	if (a->pointer_down && in_corner(a, a->press_x, a->press_y) &&
	    now - a->press_start >= LONG_PRESS_MS && a->screen != S_ADMIN_PIN &&
	    a->screen != S_ADMIN && a->screen != S_ADMIN_NAME) {
		a->pointer_down = 0;
		a->pressed[0] = '\0';
		open_admin(a);
		return;
	}
	if (a->screen != S_LANGUAGE && a->cfg.idle_ms > 0 &&
	    now - a->last_input >= a->cfg.idle_ms)
		go_home(a, now);
}

int64_t app_next_timer(const struct app *a, int64_t now)
{
	int64_t next = -1;
	if (a->screen != S_LANGUAGE && a->cfg.idle_ms > 0) {
		next = a->last_input + a->cfg.idle_ms - now;
		if (next < 0)
			next = 0;
	}
	if (a->pointer_down && in_corner(a, a->press_x, a->press_y)) {
		int64_t lp = a->press_start + LONG_PRESS_MS - now;
		if (lp < 0)
			lp = 0;
		if (next < 0 || lp < next)
			next = lp;
	}
	return next;
}

void app_resize(struct app *a, int width, int height)
{
	a->view.width = width;
	a->view.height = height;
	if (a->screen == S_READER) {
		size_t page = a->page;
		reader_layout(a);
		a->page = page < a->npages ? page : a->npages - 1;
	}
	changed(a);
}

const struct view *app_view(struct app *a)
{
	if (a->dirty)
		build(a);
	return &a->view;
}

int app_dirty(const struct app *a)
{
	return a->dirty;
}

int app_quit(const struct app *a)
{
	return a->quit;
}

const char *app_screen(const struct app *a)
{
	return screen_names[a->screen];
}

int app_new(struct app **out, const struct material *m, struct store *st,
            const struct app_config *cfg, const struct fonts *fonts, int64_t now,
            struct err *e)
{
	struct app *a;
	*out = NULL;
	if (strcmp(cfg->mode, "personnel") && strcmp(cfg->mode, "community") &&
	    strcmp(cfg->mode, "ask"))
		return err_set(e, "", 0, "--mode must be personnel, community or ask, not \"%s\"",
		               cfg->mode);
	a = xcalloc(1, sizeof *a);
	a->m = m;
	a->st = st;
	a->cfg = *cfg;
	a->fonts = *fonts;
	a->view.width = cfg->width;
	a->view.height = cfg->height;
	a->lang = m->source;
	a->last_input = now;
	a->focus = -1;
	a->screen = S_LANGUAGE;
	a->dirty = 1;
	*out = a;
	return 0;
}

void app_free(struct app *a)
{
	if (!a)
		return;
	reader_free(a);
	view_free(&a->view);
	free(a);
}
