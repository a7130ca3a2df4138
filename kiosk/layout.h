/*
 * layout.h - text laid out for the screen: words wrapped to a pixel width,
 * bidirectional text ordered for display, styled runs kept.
 *
 * Plain C, no SDL: the width of a piece of text comes from a callback (the
 * renderer's font metrics at run time, a fixed-width fake in tests).
 *
 * A paragraph is UTF-8 text with style spans (byte ranges: emphasis,
 * strong, code, link) and a base direction.  Lines break at spaces (and
 * after hyphens) so a line is no wider than `max_width`; a word wider than
 * a line is broken between characters, never inside a UTF-8 sequence.
 * FriBidi resolves the embedding levels of the paragraph (Unicode
 * bidirectional algorithm), with a number of digit groups (a phone number,
 * "+236 21 61 48 90") and a URL isolated left to right, as the site's
 * dir="ltr" does: UAX #9 alone would put the groups of a number in a
 * right-to-left paragraph in reverse order.  Then each line is reordered
 * for display: the
 * result is a list of visual runs, left to right on screen, each with one
 * style and one direction, so the renderer draws each run with its
 * direction set (SDL2_ttf + HarfBuzz shape Arabic within a run; FriBidi
 * orders the runs).  Mixed Arabic and Latin lines come out right.
 * A `struct text_layout` owns its arrays; layout_free accepts NULL.
 */
#ifndef CRSV_LAYOUT_H
#define CRSV_LAYOUT_H

#include <stddef.h>

enum text_style {
	STYLE_PLAIN = 0,
	STYLE_EM = 1,        /* flags: they combine */
	STYLE_STRONG = 2,
	STYLE_CODE = 4,
	STYLE_LINK = 8
};

struct style_span {
	size_t start, length;   /* bytes in the paragraph's text */
	int style;              /* enum text_style flags */
};

/* Font metrics: the width in pixels of `len` bytes of UTF-8 drawn in
 * `style` and direction (rtl 0/1), and the height of a line. */
struct measure {
	int (*width)(void *ctx, const char *utf8, size_t len, int style, int rtl);
	int line_height;
	void *ctx;
};

/* One visual run: bytes [start, start+length) of the paragraph's text,
 * drawn from x (pixels from the line's left edge) with width w. */
struct visual_run {
	size_t start, length;
	int style;
	int rtl;                /* draw right to left (odd embedding level) */
	int x, w;
};

struct text_line {
	struct visual_run *runs;   /* left to right on screen */
	size_t nruns;
	int width;                 /* of the whole line */
	size_t start, length;      /* the line's bytes in logical order */
	int cut;                   /* it ends inside a word (one wider than
	                              the line, broken between characters) */
};

struct text_layout {
	struct text_line *lines;
	size_t nlines;
	int height;                /* nlines * line_height */
	int width;                 /* of the widest line */
};

/* Lay out `text` (len bytes, valid UTF-8) with `spans` (sorted, not
 * overlapping; NULL/0 for plain text) in a box `max_width` wide.
 * `base_rtl` is the paragraph direction (1 for Arabic).  Returns 0, or -1
 * on invalid input (the layout is then empty). */
int layout_text(struct text_layout *out, const char *text, size_t len,
                const struct style_span *spans, size_t nspans, int base_rtl,
                int max_width, const struct measure *m);
void layout_free(struct text_layout *l);

/* The x of a line inside a box `box_width` wide: lines start at the left
 * for LTR and at the right for RTL (text-align: start). */
int layout_line_x(const struct text_line *line, int box_width, int base_rtl);

/* Whether `text` (len bytes of UTF-8) has letters that read left to right
 * and none that read right to left: English in an Arabic screen. */
int layout_reads_ltr(const char *text, size_t len);

/* Whether some line of `l` ends inside a word. */
int layout_cuts_word(const struct text_layout *l);

/* Where a text may be cut between sentences: the start of the last
 * sentence that begins after byte 0 and at or before byte `limit` of
 * `text` (len bytes), or 0 when none does.  A sentence ends at a full
 * stop, question or exclamation mark (Latin or Arabic) or an ellipsis,
 * with the quotes or brackets that close it, followed by a space and a
 * word that is not in lower case ("e.g. the" goes on); a newline ends one
 * too.  The new sentence starts after the spaces. */
size_t layout_sentence_before(const char *text, size_t len, size_t limit);

/* The spans of `in` (n, sorted) that fall in bytes [start, end) of their
 * text, cut to that range and moved to count from `start`, written to
 * `out` (room for n); returns how many. */
size_t layout_spans_between(const struct style_span *in, size_t n, size_t start, size_t end,
                            struct style_span *out);

/* The style a run is drawn in: a link as emphasis (the kiosk follows no
 * link, so nothing may look like something to tap), the rest as it is. */
int layout_drawn_style(int style);

#endif
