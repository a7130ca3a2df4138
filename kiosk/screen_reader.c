/*
 * screen_reader.c - the reader: a module's text in large type, headings,
 * lists, quotes, emphasis and images, in pages.  The module is laid out on
 * entering (again only when the window changes size) and cut into pages
 * of chunks: a block, the part of a block on one page (laid out on its
 * own), or an image.
 *
 * Pages break between blocks or between sentences, never inside one.  A
 * block longer than the room left on a page is cut after the last
 * sentence that fits there and goes on at the top of the next page; when
 * not even its first sentence fits, the whole block goes to the next
 * page.  Only a sentence longer than a whole page is cut at a line (there
 * is no better place: the page is full of it).  A heading never stays
 * alone at the foot of a page.  On a short panel the text is a size
 * smaller (reading_role), so a page holds enough to read.
 *
 * A block shown in the source language because its translation is missing
 * is laid out left to right with a dotted line beside it, and a page that
 * has one says once, under its text, what the line means (room for that
 * line is kept on the page).  The last page leads to the quiz, or back to
 * the list when the module has none.  Showing the last page records that
 * the module was read (a "read" row, once per opening), so a group that
 * reads a module and leaves its quiz still counts.
 */
#include "widgets.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A piece of a page: bytes from `start` of a block's text, in a copy of
 * their own that `lay` indexes; or an image (h > 0). */
struct chunk {
	size_t block, start;
	char *text;
	struct text_layout lay;
	int y;
	int w, h;           /* an image's size on the page */
};

struct page {
	size_t first_chunk, nchunks;
	int fallback;       /* some of its text is untranslated: the note */
};

struct reader_state {
	struct chunk *chunks;
	size_t nchunks;
	struct page *pages;
	size_t npages, page;
	int width, height;              /* the window laid out for */
};

static struct reader_state *reader(struct app *a)
{
	return screen_state(a, S_READER);
}

static void reader_free(struct app *a)
{
	struct reader_state *r = reader(a);
	for (size_t i = 0; i < r->nchunks; i++) {
		free(r->chunks[i].text);
		layout_free(&r->chunks[i].lay);
	}
	free(r->chunks);
	free(r->pages);
	memset(r, 0, sizeof *r);
}

/* ---- laying the module out ------------------------------------------------ */

#define NOTE_KEY "kiosk_not_translated"

static enum role block_role(const struct app *a, const struct m_block *b)
{
	return reading_role(a, b->kind == B_HEADING ? ROLE_HEADING : ROLE_BODY);
}

/* The language a block is laid out in: the source's when it stands in for
 * a missing translation. */
static size_t block_lang(const struct app *a, const struct m_block *b)
{
	return text_lang(a, b->t.fallback);
}

static int block_indent(const struct m_block *b)
{
	return b->kind == B_LIST_ITEM ? MARK_W * (b->level > 0 ? b->level : 1) :
	       b->kind == B_QUOTE ? 32 : 0;
}

static int line_height(const struct app *a, const struct m_block *b)
{
	return metrics(a, block_role(a, b), block_lang(a, b))->line_height;
}

/* Where the module is being placed. */
struct place {
	int y, top, bottom;
	int note;           /* the room the untranslated note takes */
};

static void new_page(struct reader_state *r, struct place *pl)
{
	r->pages = xrealloc(r->pages, (r->npages + 1) * sizeof *r->pages);
	r->pages[r->npages++] = (struct page){ r->nchunks, 0, 0 };
	pl->y = pl->top;
}

static struct chunk *add_chunk(struct reader_state *r, struct chunk c)
{
	r->chunks = xrealloc(r->chunks, (r->nchunks + 1) * sizeof *r->chunks);
	r->chunks[r->nchunks] = c;
	r->pages[r->npages - 1].nchunks++;
	return &r->chunks[r->nchunks++];
}

/* The foot of the text on this page, above the untranslated note when the
 * page has (or is to have, `fallback`) untranslated text. */
static int text_bottom(const struct reader_state *r, const struct place *pl, int fallback)
{
	return pl->bottom - (fallback || r->pages[r->npages - 1].fallback ? pl->note : 0);
}

/* Bytes [start, end) of block b laid out in c, from the block's text and
 * spans. */
static void lay_part(struct app *a, const struct m_block *b, size_t start, size_t end,
                     struct chunk *c)
{
	size_t lang = block_lang(a, b);
	struct style_span *sp = xmalloc((b->t.nspans ? b->t.nspans : 1) * sizeof *sp);
	size_t n = layout_spans_between(b->t.spans, b->t.nspans, start, end, sp);
	c->start = start;
	c->text = xstrndup(b->t.text + start, end - start);
	layout_text(&c->lay, c->text, end - start, sp, n, a->m->langs[lang].rtl,
	            content_width(a) - block_indent(b), metrics(a, block_role(a, b), lang));
	free(sp);
}

static void unlay(struct chunk *c)
{
	free(c->text);
	layout_free(&c->lay);
	c->text = NULL;
}

/* The most of `whole` (block b from byte `start`, more than `fit` lines)
 * that fits in `fit` lines and ends a sentence, laid out in `part`: its
 * length in bytes, 0 when its first sentence is already too long. */
static size_t sentence_cut(struct app *a, const struct m_block *b, const struct chunk *whole,
                           int fit, struct chunk *part)
{
	size_t limit = whole->lay.lines[fit].start, len = strlen(whole->text);
	for (;;) {
		size_t e = layout_sentence_before(whole->text, len, limit);
		if (!e)
			return 0;
		lay_part(a, b, whole->start, whole->start + e, part);
		/* a line's width can differ by a pixel laid out alone: checked */
		if (part->lay.nlines <= (size_t)fit)
			return e;
		unlay(part);
		limit = e - 1;
	}
}

/* Place text block i page by page from pl->y. */
static void place_text(struct app *a, struct reader_state *r, size_t i, struct place *pl)
{
	const struct m_block *b = &current_module(a)->blocks[a->lang][i];
	size_t start = 0, len = strlen(b->t.text);
	int lh = line_height(a, b);
	for (;;) {
		struct chunk whole = { .block = i }, part = { .block = i };
		lay_part(a, b, start, len, &whole);
		int fit = (text_bottom(r, pl, b->t.fallback) - pl->y) / lh;
		if (b->kind == B_HEADING && fit < 3 && pl->y > pl->top)
			fit = 0;   /* never a heading alone at the foot of a page */
		if (fit < 1 && pl->y == pl->top)
			fit = 1;   /* a line taller than a page: shown, not lost */
		if (whole.lay.nlines <= (size_t)(fit > 0 ? fit : 0) || !whole.lay.nlines) {
			whole.y = pl->y;
			add_chunk(r, whole);
			r->pages[r->npages - 1].fallback |= b->t.fallback;
			pl->y += (int)whole.lay.nlines * lh;
			return;
		}
		size_t e = fit > 0 ? sentence_cut(a, b, &whole, fit, &part) : 0;
		if (!e && pl->y == pl->top) {
			/* one sentence longer than the page: the only cut at a line */
			e = whole.lay.lines[fit].start;
			lay_part(a, b, start, start + e, &part);
		}
		unlay(&whole);
		if (e) {
			part.y = pl->y;
			add_chunk(r, part);
			r->pages[r->npages - 1].fallback |= b->t.fallback;
			start += e;
		}
		new_page(r, pl);
	}
}

/* An image scaled to fit the page width and height; -1 when it has no
 * size (its alt text is laid out instead). */
static int image_box(struct app *a, const struct m_block *b, int top, int bottom, int *w, int *h)
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
static void place_image(struct reader_state *r, size_t i, int w, int h, struct place *pl)
{
	if (pl->y + h > text_bottom(r, pl, 0) && pl->y > pl->top)
		new_page(r, pl);
	add_chunk(r, (struct chunk){ .block = i, .y = pl->y, .w = w, .h = h });
	pl->y += h;
}

/* The room the untranslated note takes under a page's text. */
static int note_room(struct app *a)
{
	const struct measure *ms = metrics(a, ROLE_SMALL, ui_lang(a, NOTE_KEY));
	const char *note = ui(a, NOTE_KEY);
	struct text_layout l;
	layout_text(&l, note, strlen(note), NULL, 0, a->m->langs[ui_lang(a, NOTE_KEY)].rtl,
	            content_width(a), ms);
	int h = l.height + GAP;
	layout_free(&l);
	return h;
}

/* The module laid out for the window as it is now, from its first page. */
static void reader_layout(struct app *a)
{
	const struct m_module *mo = current_module(a);
	struct reader_state *r = reader(a);
	size_t n = mo->nblocks[a->lang];
	struct place pl = { 0, content_top(a) + 8, content_bottom(a) - 8, note_room(a) };
	reader_free(a);
	r->width = a->view.width;
	r->height = a->view.height;
	new_page(r, &pl);
	for (size_t i = 0; i < n; i++) {
		const struct m_block *b = &mo->blocks[a->lang][i];
		int space = b->kind == B_HEADING ? 28 : 14;
		if (pl.y > pl.top)
			pl.y += space;
		int iw, ih;
		if (b->kind == B_IMAGE && image_box(a, b, pl.top, pl.bottom, &iw, &ih) == 0)
			place_image(r, i, iw, ih, &pl);
		else
			place_text(a, r, i, &pl);
	}
}

static void enter_reader(struct app *a)
{
	reader_layout(a);
}

/* The module read to its end: its last page is shown.  Recorded once per
 * opening of the reader; nothing of it is shown to the reader, so a row
 * that cannot be saved is kept in last_error and the reading goes on (the
 * module list shows only what the records hold). */
static void note_read(struct app *a, int64_t now)
{
	const int personnel = !strcmp(a->mode, "personnel");
	if (a->read_noted)
		return;
	struct read_done r = { a->mode, personnel ? a->person : NULL,
	                       personnel ? NULL : a->session, current_module(a)->key,
	                       a->m->langs[a->lang].code, a->m->content_version, a->opened_at, now };
	a->read_noted = store_read(a->st, &r, &a->last_error) == 0;
	if (!a->read_noted)
		report_store_error(a, &a->last_error);
}

static int on_last_page(struct app *a)
{
	return reader(a)->page + 1 >= reader(a)->npages;
}

void reader_open(struct app *a, size_t module, int64_t now)
{
	a->module = module;
	a->opened_at = now;
	a->read_noted = 0;
	go(a, S_READER);
	if (on_last_page(a))   /* a module of one page is read once shown */
		note_read(a, now);
}

/* ---- a page ---------------------------------------------------------------- */

/* A chunk of text, drawn from its own layout (listed as "block:<n>", n from
 * 1, on every page the block is on); returns its bottom. */
static int chunk_text(struct app *a, const struct m_block *b, const struct chunk *ch)
{
	char id[32];
	int indent = block_indent(b);
	snprintf(id, sizeof id, "block:%zu", ch->block + 1);
	struct widget *w = add_widget(a, id, b->kind == B_QUOTE ? WK_PANEL : WK_TEXT,
	                              MARGIN + indent, ch->y, content_width(a) - indent, 0);
	w->role = block_role(a, b);
	w->lang = block_lang(a, b);
	w->rtl = a->m->langs[w->lang].rtl;
	w->text = xstrdup(ch->text);
	w->label = xstrdup(ch->text);
	w->shared = &ch->lay;   /* laid out once per module */
	w->first_line = 0;
	w->nlines = ch->lay.nlines;
	w->text_x = w->x;
	w->text_y = ch->y;
	w->text_w = w->w;
	w->h = (int)ch->lay.nlines * line_height(a, b);
	if (b->t.fallback)
		w->flags |= WF_FALLBACK;
	if (b->kind == B_LIST_ITEM && ch->start == 0) {
		w->mark = b->ordered ? MARK_NUMBER : MARK_BULLET;
		w->number = b->number;
	}
	return w->y + w->h;
}

/* Under a page's text: what the dotted line beside a text means (it is
 * not yet translated); returns its bottom. */
static int add_note(struct app *a, int y)
{
	struct widget *t = add_widget(a, "not-translated", WK_TEXT, MARGIN, y, content_width(a), 0);
	t->lang = ui_lang(a, NOTE_KEY);
	t->rtl = a->m->langs[t->lang].rtl;
	t->flags |= WF_FALLBACK;
	t->h = put_text(a, t, ui(a, NOTE_KEY), NULL, 0, ROLE_SMALL, 0);
	return y + t->h;
}

/* An image centred in the text column; returns its bottom. */
static int chunk_image(struct app *a, const struct m_block *b, const struct chunk *ch)
{
	char id[32];
	snprintf(id, sizeof id, "block:%zu", ch->block + 1);   /* listed like a text block */
	struct widget *im = add_widget(a, id, WK_IMAGE,
	                               MARGIN + (content_width(a) - ch->w) / 2, ch->y, ch->w, ch->h);
	im->image = b->image;
	im->label = xstrdup(b->t.text);
	return ch->y + ch->h;
}

/* The module laid out for the window as it is (again when it changed), on
 * a page that exists. */
static void reader_fresh(struct app *a)
{
	struct reader_state *r = reader(a);
	if (r->width != a->view.width || r->height != a->view.height) {
		size_t page = r->page;
		reader_layout(a);
		r->page = page < r->npages ? page : r->npages - 1;
	}
}

static void build_reader(struct app *a)
{
	const struct m_module *mo = current_module(a);
	struct reader_state *r = reader(a);
	reader_fresh(a);
	const struct page *pg = &r->pages[r->page];
	int page_bottom = content_top(a);
	add_paged_header(a, mo->title[a->lang].text, r->page + 1, r->npages);
	for (size_t c = pg->first_chunk; c < pg->first_chunk + pg->nchunks; c++) {
		const struct chunk *ch = &r->chunks[c];
		const struct m_block *b = &mo->blocks[a->lang][ch->block];
		page_bottom = ch->h ? chunk_image(a, b, ch) : chunk_text(a, b, ch);
	}
	if (pg->fallback)
		page_bottom = add_note(a, page_bottom + GAP);
	/* only under the page's last line, never over the text */
	add_draft_notice(a, content_bottom(a) - 8, page_bottom + GAP);
	int last = r->page + 1 >= r->npages;
	add_footer(a, "back", ui(a, "kiosk_back"), "next",
	           last ? (mo->quiz ? ui(a, "kiosk_start_quiz") : ui(a, "back_to_track"))
	                : ui(a, "next"), 0);
}

/* ---- turning pages -------------------------------------------------------- */

static void next(struct app *a, const char *arg, int64_t now)
{
	struct reader_state *r = reader(a);
	(void)arg;
	if (r->page + 1 < r->npages) {
		r->page++;
		changed(a);
		if (on_last_page(a))
			note_read(a, now);
		return;
	}
	note_read(a, now);   /* (the window may have grown onto the last page) */
	if (current_module(a)->quiz) {
		quiz_start(a, now);
	} else {
		go(a, S_MODULES);
	}
}

static void back(struct app *a, const char *arg, int64_t now)
{
	struct reader_state *r = reader(a);
	(void)arg;
	(void)now;
	if (r->page > 0) {
		r->page--;
		changed(a);
	} else {
		go(a, S_MODULES);
	}
}

/* ---- read aloud ------------------------------------------------------------ */

/* The blocks of the page in reading order, each once (a block cut by the
 * page before is said whole again: its voice is one). */
static size_t reader_narration(struct app *a, struct narr_item *out, size_t max)
{
	const struct m_module *mo = current_module(a);
	struct reader_state *r = reader(a);
	size_t n = 0;
	reader_fresh(a);
	const struct page *pg = &r->pages[r->page];
	for (size_t c = pg->first_chunk; c < pg->first_chunk + pg->nchunks && n < max; c++) {
		size_t b = r->chunks[c].block;
		const struct m_text *t = &mo->blocks[a->lang][b].t;
		char id[32];
		snprintf(id, sizeof id, "block:%zu", b + 1);
		if (n && !strcmp(out[n - 1].id, id))
			continue;   /* (an image beside its text is one block) */
		n = narr_put(out, n, max, id, t->key, t->fallback, a->lang);
	}
	return n;
}

static const struct handler reader_handlers[] = {
	{ "next", next },
	{ "back", back },
};

const struct screen_ops screen_reader = {
	.name = "reader",
	.state_size = sizeof (struct reader_state),
	.enter = enter_reader,
	.build = build_reader,
	.forget = reader_free,
	HANDLERS(reader_handlers),
	.narration = reader_narration,
};
