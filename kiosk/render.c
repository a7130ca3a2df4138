/* render.c - SDL2 drawing; see render.h. */
#include "render.h"
#include "buf.h"
#include "strmap.h"
#include "textcache.h"
#include "utf8.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FONTS 64
/* Pieces of text kept shaped: a screen draws a few hundred; laying a long
 * module out measures many more (every line tried). */
#define TEXTURES_KEPT 4096
#define WIDTHS_KEPT 16384
/* and at most this much of them (32-bit pixels): without it a day's
 * screens held 324 MiB of textures (bench/kiosk-field.sh), on a board of
 * 1 or 2 GB where they are the GPU's memory; a screen needs a few MiB */
#define TEXTURE_BYTES (32u << 20)

static const int role_size[ROLE_COUNT] = { 40, 34, 30, 30, 24, 40, 18 };

struct font {
	const struct m_font *src;
	int size;
	TTF_Font *ttf;
};

struct measure_ctx {
	struct render *rd;
	enum role role;
	size_t lang;
};

struct cached {
	SDL_Texture *tex;
	int w, h;
};

struct render {
	SDL_Renderer *r;
	const struct material *m;
	struct font fonts[MAX_FONTS];
	int nfonts;
	const char *rtl_family;          /* the family for right-to-left runs */
	struct measure *measures;        /* [lang * ROLE_COUNT + role] */
	struct measure_ctx *mctx;
	struct text_cache *widths;       /* a piece's width (value.w) */
	struct text_cache *textures;     /* a piece drawn (value.made: its SDL_Texture) */
	struct strmap *images;           /* bundle path -> struct cached */
	/* a turned panel (render_set_rotation): the view drawn here first */
	int rotate;
	SDL_Texture *canvas;
	int canvas_w, canvas_h;
};

static const char *latin_family = "Noto Sans";

/* ---- fonts -------------------------------------------------------------- */

/* Every face is chosen here, for measuring and for drawing alike, so a link
 * (drawn as emphasis) is measured in the face it is drawn in. */
static TTF_Font *font(struct render *rd, const char *family, int style, int size)
{
	style = layout_drawn_style(style);
	const struct m_font *src = material_font(rd->m, family, (style & STYLE_STRONG) != 0,
	                                         (style & STYLE_EM) != 0);
	if (!src)
		return NULL;
	for (int i = 0; i < rd->nfonts; i++)
		if (rd->fonts[i].src == src && rd->fonts[i].size == size)
			return rd->fonts[i].ttf;
	if (rd->nfonts == MAX_FONTS)
		return rd->fonts[0].ttf;
	SDL_RWops *rw = SDL_RWFromConstMem(src->data, (int)src->len);
	TTF_Font *f = rw ? TTF_OpenFontRW(rw, 1, size) : NULL;
	if (!f)
		return rd->nfonts ? rd->fonts[0].ttf : NULL;
	rd->fonts[rd->nfonts++] = (struct font){ src, size, f };
	return f;
}

/* The face for a run: right-to-left text in the Arabic family, the rest in
 * Noto Sans; shaping set for its direction and script. */
static TTF_Font *run_font(struct render *rd, int style, int rtl, int size)
{
	TTF_Font *f = font(rd, rtl && rd->rtl_family ? rd->rtl_family : latin_family, style, size);
	if (!f)
		return NULL;
	TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, rtl ? "Arab" : "Latn");
	return f;
}

/* The other face, for characters a run's own face has no glyph for:
 * Noto Naskh Arabic has no brackets, '%', '/', quotes or dashes, and a
 * right-to-left run full of them must not show empty boxes. */
static TTF_Font *other_font(struct render *rd, int style, int rtl, int size)
{
	TTF_Font *f = font(rd, rtl || !rd->rtl_family ? latin_family : rd->rtl_family, style, size);
	if (f) {
		TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
		TTF_SetFontScriptName(f, rtl ? "Arab" : "Latn");
	}
	return f;
}

/* A run cut where the face changes: pieces in logical order. */
struct piece {
	size_t start, len;
	TTF_Font *f;
};

static size_t split_by_font(struct render *rd, const char *s, size_t len, int style,
                            int rtl, int size, struct piece *out, size_t max)
{
	TTF_Font *own = run_font(rd, style, rtl, size), *alt = NULL;
	size_t n = 0;
	for (size_t i = 0; i < len && own;) {
		size_t used;
		Uint32 cp = utf8_decode(s + i, len - i, &used);
		TTF_Font *f = own;
		/* spaces and marks stay with their neighbours' face */
		if (cp > ' ' && !TTF_GlyphIsProvided32(own, cp)) {
			if (!alt)
				alt = other_font(rd, style, rtl, size);
			if (alt && TTF_GlyphIsProvided32(alt, cp))
				f = alt;
		}
		if (n && out[n - 1].f == f)
			out[n - 1].len += used;
		else if (n < max)
			out[n++] = (struct piece){ i, used, f };
		else
			out[n - 1].len += used;
		i += used;
	}
	/* the faces' shaping state was set for each; set the run's again */
	if (own)
		run_font(rd, style, rtl, size);
	return n;
}

static int piece_width(struct render *rd, TTF_Font *f, int rtl, const char *s, size_t len)
{
	struct text_key key = { f, rtl, 0 };
	struct text_value *v = text_cache_find(rd->widths, &key, s, len);
	if (!v) {
		v = text_cache_add(rd->widths, &key, s, len);
		TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
		TTF_SizeUTF8(f, v->text, &v->w, NULL);
	}
	return v->w;
}

#define MAX_PIECES 64

static int measure_width(void *ctx, const char *utf8, size_t len, int style, int rtl)
{
	struct measure_ctx *mc = ctx;
	struct render *rd = mc->rd;
	struct piece p[MAX_PIECES];
	size_t n = split_by_font(rd, utf8, len, style, rtl, role_size[mc->role], p, MAX_PIECES);
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += piece_width(rd, p[i].f, rtl, utf8 + p[i].start, p[i].len);
	return w;
}

const struct measure *render_measure(void *ctx, enum role role, size_t lang)
{
	struct render *rd = ctx;
	return &rd->measures[lang * ROLE_COUNT + role];
}

/* A drawn piece leaving its cache. */
static void destroy_texture(void *tex)
{
	if (tex)
		SDL_DestroyTexture(tex);
}

int render_new(struct render **out, SDL_Renderer *r, const struct material *m,
               struct err *e)
{
	struct render *rd = xcalloc(1, sizeof *rd);
	*out = NULL;
	if (!TTF_WasInit() && TTF_Init() < 0) {
		free(rd);
		return err_set(e, "", 0, "cannot start SDL_ttf: %s", TTF_GetError());
	}
	rd->r = r;
	rd->m = m;
	rd->widths = text_cache_new(WIDTHS_KEPT, NULL);
	rd->textures = text_cache_new(TEXTURES_KEPT, destroy_texture);
	text_cache_set_budget(rd->textures, TEXTURE_BYTES);
	rd->images = strmap_new();
	for (size_t i = 0; i < m->nlangs; i++)
		if (m->langs[i].rtl)
			rd->rtl_family = m->langs[i].font_family;
	rd->measures = xcalloc(m->nlangs * ROLE_COUNT, sizeof *rd->measures);
	rd->mctx = xcalloc(m->nlangs * ROLE_COUNT, sizeof *rd->mctx);
	for (size_t l = 0; l < m->nlangs; l++)
		for (int ro = 0; ro < ROLE_COUNT; ro++) {
			size_t i = l * ROLE_COUNT + (size_t)ro;
			rd->mctx[i] = (struct measure_ctx){ rd, (enum role)ro, l };
			TTF_Font *f = font(rd, m->langs[l].font_family, 0, role_size[ro]);
			if (!f) {
				render_free(rd);
				return err_set(e, "", 0, "cannot open the bundle's fonts: %s", TTF_GetError());
			}
			rd->measures[i] = (struct measure){ measure_width, TTF_FontLineSkip(f), &rd->mctx[i] };
		}
	*out = rd;
	return 0;
}

static void free_image(void *p)
{
	struct cached *c = p;
	if (c) {
		SDL_DestroyTexture(c->tex);
		free(c);
	}
}

void render_free(struct render *rd)
{
	if (!rd)
		return;
	text_cache_free(rd->textures);
	text_cache_free(rd->widths);
	strmap_free(rd->images, free_image);
	for (int i = 0; i < rd->nfonts; i++)
		TTF_CloseFont(rd->fonts[i].ttf);
	if (rd->canvas)
		SDL_DestroyTexture(rd->canvas);
	free(rd->measures);
	free(rd->mctx);
	free(rd);
}

/* ---- colours ------------------------------------------------------------ */

struct rgb {
	Uint8 r, g, b;
};

static const struct rgb PAGE = { 0xF6, 0xF7, 0xF9 }, INK = { 0x1B, 0x1B, 0x1F },
	BAR = { 0x10, 0x2A, 0x43 }, WHITE = { 0xFF, 0xFF, 0xFF }, BLUE = { 0x0B, 0x57, 0xA4 },
	YELLOW = { 0xFF, 0xD4, 0x3B }, SPEAK_BG = { 0xFF, 0xF1, 0xB8 }, GREY = { 0xDD, 0xDF, 0xE3 }, MUTED = { 0x5F, 0x63, 0x68 },
	LINE = { 0x8A, 0x93, 0x9E }, GREEN = { 0x1E, 0x7B, 0x34 }, GREEN_BG = { 0xE6, 0xF4, 0xEA },
	RED = { 0xB3, 0x26, 0x1E }, RED_BG = { 0xFC, 0xE8, 0xE6 }, AMBER_BG = { 0xFF, 0xF4, 0xE5 },
	SELECT_BG = { 0xE3, 0xEE, 0xFA }, PANEL = { 0xE8, 0xEE, 0xF5 }, FOCUS = { 0xFF, 0xBF, 0x47 };

static void fill(struct render *rd, int x, int y, int w, int h, struct rgb c)
{
	SDL_Rect rc = { x, y, w, h };
	SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, 255);
	SDL_RenderFillRect(rd->r, &rc);
}

static void frame(struct render *rd, int x, int y, int w, int h, int t, struct rgb c)
{
	fill(rd, x, y, w, t, c);
	fill(rd, x, y + h - t, w, t, c);
	fill(rd, x, y, t, h, c);
	fill(rd, x + w - t, y, t, h, c);
}

struct look {
	struct rgb bg, border, ink;
	int border_w, has_bg;
};

static struct look look_of(const struct widget *w, int in_bar)
{
	struct look l = { PAGE, PAGE, in_bar ? WHITE : INK, 0, 0 };
	switch (w->kind) {
	case WK_TEXT: break;
	case WK_RULE: l = (struct look){ LINE, LINE, INK, 0, 1 }; break;
	case WK_BUTTON: case WK_KEY: case WK_FIELD:
		l = (struct look){ WHITE, BLUE, INK, 3, 1 };
		break;
	case WK_PRIMARY: l = (struct look){ BLUE, BLUE, WHITE, 3, 1 }; break;
	case WK_EXIT: l = (struct look){ YELLOW, INK, INK, 3, 1 }; break;
	case WK_CHOICE: l = (struct look){ WHITE, LINE, INK, 3, 1 }; break;
	case WK_PANEL: l = (struct look){ PANEL, PANEL, INK, 0, 1 }; break;
	case WK_IMAGE: break;
	}
	if (w->flags & WF_SELECTED)
		l = (struct look){ SELECT_BG, BLUE, INK, 5, 1 };
	if (w->flags & WF_RIGHT)
		l = (w->flags & WF_SELECTED) ? (struct look){ GREEN_BG, GREEN, INK, 6, 1 }
		                             : (struct look){ WHITE, GREEN, INK, 3, 1 };
	if (w->flags & WF_WRONG)
		l = (struct look){ RED_BG, RED, INK, 5, 1 };
	if (w->flags & WF_GOOD)
		l = (struct look){ GREEN_BG, GREEN, INK, 4, 1 };
	if (w->flags & WF_BAD)
		l = (struct look){ AMBER_BG, (struct rgb){ 0x8A, 0x5A, 0x00 }, INK, 4, 1 };
	if ((w->flags & WF_DISABLED) && !(w->flags & (WF_RIGHT | WF_WRONG | WF_SELECTED)) &&
	    w->kind != WK_CHOICE)
		l = (struct look){ GREY, GREY, MUTED, 3, 1 };
	if (w->flags & WF_PRESSED)
		l.bg = (struct rgb){ (Uint8)(l.bg.r * 3 / 4), (Uint8)(l.bg.g * 3 / 4),
		                     (Uint8)(l.bg.b * 3 / 4) };
	return l;
}

/* ---- text --------------------------------------------------------------- */

/* A piece drawn in `f` and colour c: shaped and rendered once, then kept
 * (value.made is the texture, NULL when it cannot be drawn). */
static const struct text_value *run_texture(struct render *rd, TTF_Font *f, int rtl,
                                            struct rgb c, const char *s, size_t len)
{
	struct text_key key = { f, rtl, (unsigned)c.r << 16 | (unsigned)c.g << 8 | c.b };
	struct text_value *t = text_cache_find(rd->textures, &key, s, len);
	if (!t) {
		t = text_cache_add(rd->textures, &key, s, len);
		SDL_Color col = { c.r, c.g, c.b, 255 };
		SDL_Surface *surf = TTF_RenderUTF8_Blended(f, t->text, col);
		if (surf) {
			t->made = SDL_CreateTextureFromSurface(rd->r, surf);
			t->w = surf->w;
			t->h = surf->h;
			SDL_FreeSurface(surf);
			text_cache_charge(rd->textures, t, (size_t)t->w * (size_t)t->h * 4);
		}
	}
	return t;
}

/* The lines of a widget's text, each run in the ink of the widget: a link
 * is only emphasis (its face, from font()), neither coloured nor
 * underlined, since nothing on a kiosk follows it. */
static void draw_lines(struct render *rd, const struct widget *w, struct rgb ink)
{
	const struct text_layout *lay = w->shared ? w->shared : &w->layout;
	const struct measure *ms = render_measure(rd, w->role, w->lang);
	int size = role_size[w->role];
	int y = w->text_y;
	for (size_t i = w->first_line; i < w->first_line + w->nlines && i < lay->nlines; i++) {
		const struct text_line *line = &lay->lines[i];
		int x0 = w->centered ? w->text_x + (w->text_w - line->width) / 2
		                     : w->text_x + layout_line_x(line, w->text_w, w->rtl);
		for (size_t r = 0; r < line->nruns; r++) {
			const struct visual_run *run = &line->runs[r];
			struct piece p[MAX_PIECES];
			size_t n = split_by_font(rd, w->text + run->start, run->length, run->style,
			                         run->rtl, size, p, MAX_PIECES);
			/* pieces in logical order: leftwards from the run's right edge
			 * when it reads right to left */
			int x = run->rtl ? x0 + run->x + run->w : x0 + run->x;
			for (size_t k = 0; k < n; k++) {
				const char *s = w->text + run->start + p[k].start;
				int pw = piece_width(rd, p[k].f, run->rtl, s, p[k].len);
				const struct text_value *t = run_texture(rd, p[k].f, run->rtl, ink, s,
				                                         p[k].len);
				int px = run->rtl ? x - pw : x;
				if (t->made) {
					SDL_Rect dst = { px, y, t->w, t->h };
					SDL_RenderCopy(rd->r, t->made, NULL, &dst);
				}
				x = run->rtl ? x - pw : x + pw;
			}
		}
		y += ms->line_height;
	}
}

/* ---- marks, drawn as shapes (no symbol font needed) --------------------- */

/* A line from (x1, y1) to (x2, y2), both ends drawn, point for point as
 * SDL_RenderDrawLine draws it (SDL 2's Bresenham), but from a list on the
 * stack: SDL's own puts the list of a line of more than 15 points on the
 * heap, on every frame. */
static void line(struct render *rd, int x1, int y1, int x2, int y2)
{
	SDL_FPoint p[64];
	int dx = abs(x2 - x1), dy = abs(y2 - y1), wide = dx >= dy;
	int n = (wide ? dx : dy) + 1, d = wide ? 2 * dy - dx : 2 * dx - dy;
	int straight = wide ? 2 * dy : 2 * dx, diagonal = wide ? 2 * (dy - dx) : 2 * (dx - dy);
	int sx = x1 > x2 ? -1 : 1, sy = y1 > y2 ? -1 : 1, x = x1, y = y1, k = 0;
	for (int i = 0; i < n; i++) {
		p[k++] = (SDL_FPoint){ (float)x, (float)y };
		if (k == (int)(sizeof p / sizeof *p) || i == n - 1) {
			SDL_RenderDrawPointsF(rd->r, p, k);
			k = 0;
		}
		if (d < 0) {
			d += straight;
			x += wide ? sx : 0;
			y += wide ? 0 : sy;
		} else {
			d += diagonal;
			x += sx;
			y += sy;
		}
	}
}

static void thick_line(struct render *rd, int x1, int y1, int x2, int y2, int t)
{
	for (int d = -t / 2; d <= t / 2; d++) {
		line(rd, x1, y1 + d, x2, y2 + d);
		line(rd, x1 + d, y1, x2 + d, y2);
	}
}

static void disc(struct render *rd, int cx, int cy, int r, int ring)
{
	for (int dy = -r; dy <= r; dy++)
		for (int dx = -r; dx <= r; dx++) {
			int d2 = dx * dx + dy * dy;
			if (d2 <= r * r && (!ring || d2 >= (r - 3) * (r - 3)))
				SDL_RenderDrawPoint(rd->r, cx + dx, cy + dy);
		}
}

static void draw_mark(struct render *rd, const struct widget *w, struct rgb ink)
{
	const struct measure *ms = render_measure(rd, w->role, w->lang);
	int cx = w->rtl ? w->text_x + w->text_w + 24 : w->text_x - 24;
	int cy = w->text_y + ms->line_height / 2;
	if (w->mark == MARK_NUMBER) {
		char num[16];
		snprintf(num, sizeof num, "%d.", w->number);
		TTF_Font *f = run_font(rd, 0, 0, role_size[w->role]);
		const struct text_value *t = f ? run_texture(rd, f, 0, ink, num, strlen(num)) : NULL;
		if (t && t->made) {
			SDL_Rect dst = { cx - t->w / 2, w->text_y, t->w, t->h };
			SDL_RenderCopy(rd->r, t->made, NULL, &dst);
		}
		return;
	}
	struct rgb c = (w->flags & WF_RIGHT) || (w->flags & WF_DONE) ? GREEN :
	               (w->flags & WF_WRONG) ? RED : ink;
	SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, 255);
	switch (w->mark) {
	case MARK_CHECK:
		thick_line(rd, cx - 12, cy, cx - 4, cy + 9, 4);
		thick_line(rd, cx - 4, cy + 9, cx + 13, cy - 11, 4);
		break;
	case MARK_CROSS:
		thick_line(rd, cx - 10, cy - 10, cx + 10, cy + 10, 4);
		thick_line(rd, cx - 10, cy + 10, cx + 10, cy - 10, 4);
		break;
	case MARK_BULLET:
		disc(rd, cx, cy, 6, 0);
		break;
	case MARK_RADIO:
		disc(rd, cx, cy, 14, 1);
		break;
	case MARK_RADIO_ON:
		disc(rd, cx, cy, 14, 1);
		disc(rd, cx, cy, 7, 0);
		break;
	case MARK_BOX:
		frame(rd, cx - 13, cy - 13, 26, 26, 3, c);
		break;
	case MARK_BOX_ON:
		frame(rd, cx - 13, cy - 13, 26, 26, 3, c);
		fill(rd, cx - 7, cy - 7, 14, 14, c);
		break;
	case MARK_NONE: case MARK_NUMBER:
		break;
	}
}

/* Text standing in for a missing translation: a dotted line beside it on
 * its start side, as the site's dotted border (assets/css/site.css,
 * .fallback). */
static void draw_fallback(struct render *rd, const struct widget *w)
{
	/* beside the text's own lines: a text widget is as tall as they are, a
	 * box (a quiz answer) is taller */
	const struct text_layout *l = w->shared ? w->shared : &w->layout;
	int x = w->rtl ? w->text_x + w->text_w + 10 : w->text_x - 14;
	int h = w->kind == WK_TEXT ? w->h : l->height;
	for (int y = w->text_y + 4; y + 4 <= w->text_y + h - 4; y += 9)
		fill(rd, x, y, 4, 5, MUTED);
}

/* ---- images ------------------------------------------------------------- */

/* Decoded once from the bundle's bytes; a picture that cannot be decoded
 * is remembered as such (no texture) and its alt text is shown. */
static struct cached *image(struct render *rd, const char *path)
{
	struct cached *c = strmap_get(rd->images, path);
	if (c)
		return c;
	c = xcalloc(1, sizeof *c);
	const struct m_image *im = material_image(rd->m, path);
	SDL_RWops *rw = im ? SDL_RWFromConstMem(im->data, (int)im->len) : NULL;
	SDL_Surface *s = rw ? IMG_Load_RW(rw, 1) : NULL;
	if (s) {
		c->tex = SDL_CreateTextureFromSurface(rd->r, s);
		c->w = s->w;
		c->h = s->h;
		SDL_FreeSurface(s);
	}
	strmap_put(rd->images, path, c);
	return c;
}

int render_image_size(void *ctx, const char *path, int *w, int *h)
{
	struct cached *c = image(ctx, path);
	if (!c->tex)
		return -1;
	*w = c->w;
	*h = c->h;
	return 0;
}

/* ---- the frame ---------------------------------------------------------- */

static int has_bar(const struct view *v)
{
	return v->bar_h;
}

/* The text being read aloud: a pale band behind it and a bar on its start
 * side, so the listener's eye can follow the voice. */
static void draw_speaking(struct render *rd, const struct widget *w)
{
	fill(rd, w->x - 8, w->y - 4, w->w + 16, w->h + 8, SPEAK_BG);
	fill(rd, w->rtl ? w->x + w->w + 4 : w->x - 12, w->y - 4, 6, w->h + 8, BLUE);
}

static void draw_widget(struct render *rd, const struct widget *w, int bar)
{
	if (w->kind == WK_IMAGE) {
		struct cached *c = w->image ? image(rd, w->image) : NULL;
		SDL_Rect dst = { w->x, w->y, w->w, w->h };
		if (c && c->tex)
			SDL_RenderCopy(rd->r, c->tex, NULL, &dst);
		return;
	}
	int in_bar = bar && w->y + w->h <= bar && w->kind == WK_TEXT;
	struct look l = look_of(w, in_bar);
	if (l.has_bg) {
		fill(rd, w->x, w->y, w->w, w->h, l.bg);
		if (l.border_w)
			frame(rd, w->x, w->y, w->w, w->h, l.border_w, l.border);
	}
	if (w->kind == WK_PANEL && (w->flags & (WF_GOOD | WF_BAD)))
		fill(rd, w->rtl ? w->x + w->w - 8 : w->x, w->y, 8, w->h, l.border);
	if (w->flags & WF_SPEAKING)
		draw_speaking(rd, w);
	if (w->mark != MARK_NONE)
		draw_mark(rd, w, l.ink);
	if (w->flags & WF_FALLBACK)
		draw_fallback(rd, w);
	draw_lines(rd, w, l.ink);
	if (w->flags & WF_FOCUS) {
		frame(rd, w->x - 6, w->y - 6, w->w + 12, w->h + 12, 4, FOCUS);
		frame(rd, w->x - 2, w->y - 2, w->w + 4, w->h + 4, 2, INK);
	}
}

static void draw_view(struct render *rd, const struct view *v)
{
	int bar = has_bar(v);
	fill(rd, 0, 0, v->width, v->height, PAGE);
	if (bar)
		fill(rd, 0, 0, v->width, bar, BAR);
	for (size_t i = 0; i < v->n; i++)
		draw_widget(rd, &v->v[i], bar);
}

int render_set_rotation(struct render *rd, int degrees, struct err *e)
{
	SDL_RendererInfo info;
	if (degrees && (SDL_GetRendererInfo(rd->r, &info) < 0 ||
	                !(info.flags & SDL_RENDERER_TARGETTEXTURE)))
		return err_set(e, "", 0, "--rotate: this renderer cannot draw into a texture (%s)",
		               SDL_GetError());
	rd->rotate = degrees;
	return 0;
}

/* The canvas the size of the view (made again when the view's size
 * changes); NULL when it cannot be made. */
static SDL_Texture *canvas(struct render *rd, const struct view *v)
{
	if (rd->canvas && rd->canvas_w == v->width && rd->canvas_h == v->height)
		return rd->canvas;
	if (rd->canvas)
		SDL_DestroyTexture(rd->canvas);
	rd->canvas = SDL_CreateTexture(rd->r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET,
	                               v->width, v->height);
	rd->canvas_w = v->width;
	rd->canvas_h = v->height;
	return rd->canvas;
}

void render_view(struct render *rd, const struct view *v)
{
	SDL_Texture *c = rd->rotate ? canvas(rd, v) : NULL;
	if (!c || SDL_SetRenderTarget(rd->r, c) < 0) {
		draw_view(rd, v);   /* unturned (or the canvas failed: drawn as it is) */
		return;
	}
	draw_view(rd, v);
	SDL_SetRenderTarget(rd->r, NULL);
	int w, h;
	SDL_GetRendererOutputSize(rd->r, &w, &h);
	SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 0xff);
	SDL_RenderClear(rd->r);
	/* turned about its centre, put at the output's centre */
	SDL_Rect at = { (w - v->width) / 2, (h - v->height) / 2, v->width, v->height };
	SDL_RenderCopyEx(rd->r, c, NULL, &at, rd->rotate, NULL, SDL_FLIP_NONE);
}

int render_screenshot(struct render *rd, const char *path, struct err *e)
{
	return render_screenshot_of(rd->r, path, e);
}

/* A paragraph wrapped to `w` pixels at (x, y), from the right edge when
 * `rtl`; its height. */
static int refusal_paragraph(SDL_Renderer *r, TTF_Font *f, const char *text, int rtl,
                             SDL_Color c, int x, int y, int w)
{
	TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, rtl ? "Arab" : "Latn");
	TTF_SetFontWrappedAlign(f, rtl ? TTF_WRAPPED_ALIGN_RIGHT : TTF_WRAPPED_ALIGN_LEFT);
	SDL_Surface *sf = TTF_RenderUTF8_Blended_Wrapped(f, text, c, (Uint32)w);
	if (!sf)
		return 0;
	SDL_Texture *tx = SDL_CreateTextureFromSurface(r, sf);
	SDL_Rect at = { rtl ? x + w - sf->w : x, y, sf->w, sf->h };
	if (tx)
		SDL_RenderCopy(r, tx, NULL, &at);
	SDL_DestroyTexture(tx);
	int h = sf->h;
	SDL_FreeSurface(sf);
	return h;
}

int render_refusal(SDL_Renderer *r, const struct refusal_text *t, size_t n, const char *reason,
                   struct err *e)
{
	const char *dir = getenv("CRSV_FONTS");
	static const char *const files[4] = { "NotoSans-Bold.ttf", "NotoSans-Regular.ttf",
	                                      "NotoSansArabic-Bold.ttf", "NotoSansArabic-Regular.ttf" };
	TTF_Font *fonts[4] = { NULL, NULL, NULL, NULL };   /* title, text; Latin, Arabic */
	char path[1024];
	int w, h, rc = -1;
	if (SDL_GetRendererOutputSize(r, &w, &h) < 0)
		return err_set(e, "screen", 0, "cannot draw: %s", SDL_GetError());
	/* sized for the shorter side, so a portrait panel reads as well */
	int side = w < h ? w : h, title = side / 20 > 20 ? side / 20 : 20,
	    body = side / 30 > 16 ? side / 30 : 16, margin = side / 20;
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/fonts/truetype/noto",
		         files[i]);
		if (!(fonts[i] = TTF_OpenFont(path, i % 2 ? body : title))) {
			err_set(e, path, 0, "cannot open the system font: %s (install fonts-noto-core)",
			        TTF_GetError());
			goto out;
		}
	}
	SDL_SetRenderDrawColor(r, 0xf5, 0xf6, 0xf8, 0xff);
	SDL_RenderClear(r);
	SDL_SetRenderDrawColor(r, 0x0f, 0x29, 0x45, 0xff);
	SDL_Rect bar = { 0, 0, w, margin / 2 };
	SDL_RenderFillRect(r, &bar);
	const SDL_Color ink = { 0x1a, 0x1a, 0x1a, 0xff }, grey = { 0x55, 0x5b, 0x66, 0xff },
	                navy = { 0x0f, 0x29, 0x45, 0xff };
	int y = margin, width = w - 2 * margin;
	for (size_t i = 0; i < n; i++) {
		TTF_Font **f = &fonts[t[i].rtl ? 2 : 0];
		y += refusal_paragraph(r, f[0], t[i].title, t[i].rtl, navy, margin, y, width);
		y += refusal_paragraph(r, f[1], t[i].text, t[i].rtl, ink, margin, y, width) + margin / 2;
	}
	refusal_paragraph(r, fonts[1], reason, 0, grey, margin, y, width);
	rc = 0;
out:
	for (int i = 0; i < 4; i++)
		if (fonts[i])
			TTF_CloseFont(fonts[i]);
	return rc;
}

int render_screenshot_of(SDL_Renderer *r, const char *path, struct err *e)
{
	int w, h, rc = 0;
	if (SDL_GetRendererOutputSize(r, &w, &h) < 0)
		return err_set(e, path, 0, "cannot read the screen: %s", SDL_GetError());
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
	if (!s)
		return err_set(e, path, 0, "out of memory for a screenshot");
	if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) < 0 ||
	    SDL_SaveBMP(s, path) < 0)
		rc = err_set(e, path, 0, "cannot save the screenshot: %s", SDL_GetError());
	SDL_FreeSurface(s);
	return rc;
}
