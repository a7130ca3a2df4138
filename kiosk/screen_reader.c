/*
 * screen_reader.c - the reader: a module's text in large type, headings,
 * lists, quotes, emphasis and images, in pages.  The module is laid out
 * once on entering (again only when the window changes size) and cut into
 * pages: a page is a list of chunks, each some lines of one block or an
 * image; a heading never stays alone at the foot of a page.  The widgets of
 * a page borrow the blocks' layouts.  The last page leads to the quiz, or
 * back to the list when the module has none.  Showing the last page
 * records that the module was read (a "read" row, once per opening), so a
 * group that reads a module and leaves its quiz still counts.
 */
#include "widgets.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

/* A piece of a page: lines of one block, or an image (h > 0). */
struct chunk {
	size_t block, first, n;
	int y;
	int w, h;           /* an image's size on the page */
};

struct page {
	size_t first_chunk, nchunks;
};

struct reader_state {
	struct text_layout *layouts;    /* [block] */
	size_t nlayouts;
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
	for (size_t i = 0; i < r->nlayouts; i++)
		layout_free(&r->layouts[i]);
	free(r->layouts);
	free(r->chunks);
	free(r->pages);
	memset(r, 0, sizeof *r);
}

/* ---- laying the module out ------------------------------------------------ */

static enum role block_role(const struct m_block *b)
{
	return b->kind == B_HEADING ? ROLE_HEADING : ROLE_BODY;
}

static int block_indent(const struct m_block *b)
{
	return b->kind == B_LIST_ITEM ? MARK_W * (b->level > 0 ? b->level : 1) :
	       b->kind == B_QUOTE ? 32 : 0;
}

static void new_page(struct reader_state *r)
{
	r->pages = xrealloc(r->pages, (r->npages + 1) * sizeof *r->pages);
	r->pages[r->npages++] = (struct page){ r->nchunks, 0 };
}

static struct chunk *add_chunk(struct reader_state *r, size_t block, size_t first, size_t n,
                               int y)
{
	r->chunks = xrealloc(r->chunks, (r->nchunks + 1) * sizeof *r->chunks);
	r->chunks[r->nchunks] = (struct chunk){ block, first, n, y, 0, 0 };
	r->pages[r->npages - 1].nchunks++;
	return &r->chunks[r->nchunks++];
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
static int place_image(struct reader_state *r, size_t i, int w, int h, int y, int top,
                       int bottom)
{
	if (y + h > bottom && y > top) {
		new_page(r);
		y = top;
	}
	struct chunk *c = add_chunk(r, i, 0, 0, y);
	c->w = w;
	c->h = h;
	return y + h;
}

/* Place the lines of block i page by page from y; returns the y below. */
static int place_lines(struct reader_state *r, const struct m_block *b, size_t i,
                       const struct measure *ms, int y, int top, int bottom)
{
	size_t first = 0, total = r->layouts[i].nlines;
	while (first < total || (total == 0 && first == 0)) {
		int fit = (bottom - y) / ms->line_height;
		if (b->kind == B_HEADING && fit < 3 && y > top)
			fit = 0;   /* never a heading alone at the foot of a page */
		if (fit <= 0) {
			new_page(r);
			y = top;
			continue;
		}
		size_t take = total - first < (size_t)fit ? total - first : (size_t)fit;
		add_chunk(r, i, first, take, y);
		y += (int)take * ms->line_height;
		first += take;
		if (total == 0)
			break;
	}
	return y;
}

/* The module laid out for the window as it is now, from its first page. */
static void reader_layout(struct app *a)
{
	const struct m_module *mo = current_module(a);
	struct reader_state *r = reader(a);
	size_t n = mo->nblocks[a->lang];
	int top = content_top(a) + 8, bottom = content_bottom(a) - 8, y = top;
	reader_free(a);
	r->layouts = xcalloc(n ? n : 1, sizeof *r->layouts);
	r->nlayouts = n;
	r->width = a->view.width;
	r->height = a->view.height;
	new_page(r);
	for (size_t i = 0; i < n; i++) {
		const struct m_block *b = &mo->blocks[a->lang][i];
		const struct measure *ms = metrics(a, block_role(b), a->lang);
		layout_text(&r->layouts[i], b->t.text, strlen(b->t.text), b->t.spans, b->t.nspans,
		            is_rtl(a), content_width(a) - block_indent(b), ms);
		int space = b->kind == B_HEADING ? 28 : 14;
		if (y > top)
			y += space;
		int iw, ih;
		if (b->kind == B_IMAGE && image_box(a, b, top, bottom, &iw, &ih) == 0)
			y = place_image(r, i, iw, ih, y, top, bottom);
		else
			y = place_lines(r, b, i, ms, y, top, bottom);
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

/* A chunk of text, drawn from the block's layout; returns its bottom. */
static int chunk_text(struct app *a, const struct m_block *b, const struct chunk *ch)
{
	int indent = block_indent(b);
	struct widget *w = add_widget(a, NULL, b->kind == B_QUOTE ? WK_PANEL : WK_TEXT,
	                              MARGIN + indent, ch->y, content_width(a) - indent, 0);
	w->role = block_role(b);
	w->text = xstrdup(b->t.text);
	w->label = xstrdup(b->t.text);
	w->shared = &reader(a)->layouts[ch->block];   /* laid out once per module */
	w->first_line = ch->first;
	w->nlines = ch->n;
	w->text_x = w->x;
	w->text_y = ch->y;
	w->text_w = w->w;
	w->h = (int)ch->n * metrics(a, w->role, a->lang)->line_height;
	if (b->kind == B_LIST_ITEM && ch->first == 0) {
		w->mark = b->ordered ? MARK_NUMBER : MARK_BULLET;
		w->number = b->number;
	}
	return w->y + w->h;
}

/* An image centred in the text column; returns its bottom. */
static int chunk_image(struct app *a, const struct m_block *b, const struct chunk *ch)
{
	struct widget *im = add_widget(a, NULL, WK_IMAGE,
	                               MARGIN + (content_width(a) - ch->w) / 2, ch->y, ch->w, ch->h);
	im->image = b->image;
	im->label = xstrdup(b->t.text);
	return ch->y + ch->h;
}

static void build_reader(struct app *a)
{
	const struct m_module *mo = current_module(a);
	struct reader_state *r = reader(a);
	if (r->width != a->view.width || r->height != a->view.height) {
		/* the window changed: laid out again, on a page that exists */
		size_t page = r->page;
		reader_layout(a);
		r->page = page < r->npages ? page : r->npages - 1;
	}
	const struct page *pg = &r->pages[r->page];
	int page_bottom = content_top(a);
	add_paged_header(a, mo->title[a->lang].text, r->page + 1, r->npages);
	for (size_t c = pg->first_chunk; c < pg->first_chunk + pg->nchunks; c++) {
		const struct chunk *ch = &r->chunks[c];
		const struct m_block *b = &mo->blocks[a->lang][ch->block];
		page_bottom = ch->h ? chunk_image(a, b, ch) : chunk_text(a, b, ch);
	}
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
};
