/*
 * layout.c - word wrap and bidirectional ordering; see layout.h.
 *
 * The paragraph is decoded to UTF-32 once (with the byte offset of every
 * code point), FriBidi resolves the embedding level of each code point for
 * the whole paragraph (rules P2..I1 and L1 parts 1-3), and every code point
 * gets the style of the span it falls in.
 *
 * Some things are one token to a reader but not to UAX #9.  In a
 * right-to-left paragraph digits count as R for the neutrals around them
 * (rule N1), so the spaces of "+236 21 61 48 90" resolve right to left and
 * the groups are shown "90 48 61 21 236+": a wrong number.  After Arabic
 * letters digits are Arabic numbers (W2), which a "-" does not join (W4),
 * so 2026-01-31 comes out 31-01-2026; Arabic-Indic digit groups read right
 * to left even inside a left-to-right isolate (they go up two levels, I2);
 * a URL's final "/" goes to its other end.  So a number of several digit
 * groups (or one with a leading "+") and a URL are laid out as a
 * left-to-right override inside an isolate: FriBidi is given LRI LRO
 * before them and PDF PDI after (rules X5a, X4, X6a, X7; the marks are not
 * in the text, only in the classes it resolves), which is what the site's
 * dir="ltr" on a phone number does.  Inside they read left to right;
 * outside they are one neutral, so they sit where the sentence puts them.
 * A line never breaks inside one.  Latin words need nothing: a space
 * between two of them resolves left to right (N1).  A bracket, a comma or
 * two marks in a row do not join numbers: "1820 (2008)" and "1، 2" are two
 * things, read in the paragraph's direction.  From then on the text is a
 * sequence of "pieces": maximal logical substrings with one level and one
 * style.  A piece is what the renderer shapes in one call (one font style,
 * one direction), so widths are always measured piece by piece: the width
 * used to choose a break is exactly the width of the runs drawn.
 *
 * Lines are chosen greedily in logical order (UAX #9 says to break before
 * reordering): the line grows break opportunity by break opportunity while
 * its visible part fits.  Opportunities are after a run of spaces (the
 * spaces stay at the end of the line, not drawn nor counted) and after a
 * hyphen inside a word; a newline forces a break.  A word wider than the
 * line is cut between code points, never before a combining mark (Arabic
 * harakat stay on their letter).
 *
 * Each line's visible pieces are then put in visual order by rule L2 on
 * whole pieces: from the highest level down to the lowest odd level,
 * reverse every maximal sequence of pieces at that level or higher.  A
 * piece's own characters are reversed iff its level is odd, which is what
 * drawing it with direction RTL does, so the renderer only sets the
 * direction of each run and HarfBuzz shapes it.  Trailing whitespace is
 * dropped before reordering, which is what L1 part 4 would have done with
 * it (moved it to the paragraph level at the line's end) minus drawing it.
 *
 * The lines tile the text: line i's [start, start+length) includes its
 * trailing spaces and its newline, and the next line starts where it ends.
 * The runs cover only what is drawn.
 */
#include "layout.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "buf.h"
#include "utf8.h"

/* The paragraph, decoded and resolved. */
struct para {
	const char *text;
	const struct measure *m;
	size_t n;                 /* code points */
	FriBidiChar *cp;
	size_t *off;              /* n + 1 byte offsets; off[n] = len */
	FriBidiCharType *type;    /* bidi class of each code point (as is) */
	FriBidiLevel *level;      /* resolved embedding level */
	int *style;
	unsigned char *kept;      /* inside an isolated run, after its first
	                             code point: no break before it */
	int max_width;
};

/* Code points [start, end) isolated left to right. */
struct range {
	size_t start, end;
};

/* A space that offers a break after it and is not drawn at a line's end.
 * No-break spaces (U+00A0, U+2007, U+202F) are not in the list. */
static int is_space(FriBidiChar c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200B && c != 0x2007) ||
	       c == 0x205F || c == 0x3000;
}

/* A character that ends its line (not drawn). */
static int is_newline(FriBidiChar c)
{
	return c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 ||
	       c == 0x2028 || c == 0x2029;
}

static int is_hyphen(FriBidiChar c)
{
	return c == '-' || c == 0x2010;
}

/* Whether a line may end before code point i (0 < i < n) without tearing
 * a character apart: not before a combining mark (bidi class NSM covers
 * the Mn marks, Arabic harakat included), not on either side of a zero
 * width joiner. */
static int cluster_boundary(const struct para *p, size_t i)
{
	return p->type[i] != FRIBIDI_TYPE_NSM && p->cp[i] != 0x200D &&
	       p->cp[i - 1] != 0x200D;
}

/* Whether a line may break before code point i (0 < i < n) in normal
 * wrapping: after the last of a run of spaces, or after a hyphen that
 * follows a word character (so a minus sign stays on its number). */
static int break_before(const struct para *p, size_t i)
{
	FriBidiChar prev = p->cp[i - 1], c = p->cp[i];
	if (!cluster_boundary(p, i) || is_newline(c) || is_space(c) || p->kept[i])
		return 0;
	if (is_space(prev))
		return 1;
	return is_hyphen(prev) && i >= 2 && !is_space(p->cp[i - 2]) &&
	       !is_newline(p->cp[i - 2]) && !is_hyphen(p->cp[i - 2]);
}

/* End of the piece that starts at a, within [a, b). */
static size_t piece_end(const struct para *p, size_t a, size_t b)
{
	size_t e = a + 1;
	while (e < b && p->level[e] == p->level[a] &&
	       p->style[e] == p->style[a])
		e++;
	return e;
}

static int piece_width(const struct para *p, size_t a, size_t e)
{
	int w = p->m->width(p->m->ctx, p->text + p->off[a],
	                    p->off[e] - p->off[a], p->style[a],
	                    p->level[a] & 1);
	return w > 0 ? w : 0;
}

/* Width of code points [a, b), measured piece by piece. */
static int span_width(const struct para *p, size_t a, size_t b)
{
	long long w = 0;
	while (a < b) {
		size_t e = piece_end(p, a, b);
		w += piece_width(p, a, e);
		a = e;
	}
	return w > INT_MAX ? INT_MAX : (int)w;
}

/* The end of what is drawn of [a, b): without trailing spaces and
 * newlines. */
static size_t visible_end(const struct para *p, size_t a, size_t b)
{
	while (b > a && (is_space(p->cp[b - 1]) || is_newline(p->cp[b - 1])))
		b--;
	return b;
}

/* The first place after i where a line may end, or n; *hard is set when
 * the line must end there (after a newline). */
static size_t next_break(const struct para *p, size_t i, int *hard)
{
	*hard = 0;
	for (size_t q = i + 1; q < p->n; q++) {
		if (is_newline(p->cp[q - 1])) {
			*hard = 1;
			return q;
		}
		if (break_before(p, q))
			return q;
	}
	return p->n;
}

/* A word [s, ve) too wide for a line: the end of the longest prefix that
 * fits, cut at a cluster boundary, at least one cluster; `b` (the word
 * with its trailing spaces) when the word is a single cluster. */
static size_t split_word(const struct para *p, size_t s, size_t ve, size_t b)
{
	size_t best = 0, first = 0;
	for (size_t k = s + 1; k < ve; k++) {
		if (!cluster_boundary(p, k))
			continue;
		if (!first)
			first = k;
		if (span_width(p, s, k) > p->max_width)
			break;
		best = k;
	}
	if (best)
		return best;
	return first ? first : b;
}

/* The end (exclusive, trailing spaces and newline included) of the line
 * that starts at s. */
static size_t line_end(const struct para *p, size_t s)
{
	size_t end = 0, at = s;
	for (;;) {
		int hard;
		size_t b = next_break(p, at, &hard);
		size_t ve = visible_end(p, s, b);
		if (span_width(p, s, ve) <= p->max_width) {
			if (hard || b == p->n)
				return b;
			/* Not after leading spaces alone: no blank line. */
			if (ve > s)
				end = b;
			at = b;
			continue;
		}
		return end ? end : split_word(p, s, ve, b);
	}
}

static void reverse_runs(struct visual_run *r, FriBidiLevel *lev, size_t n)
{
	for (size_t i = 0, j = n - 1; i < j; i++, j--) {
		struct visual_run t = r[i];
		FriBidiLevel tl = lev[i];
		r[i] = r[j];
		r[j] = t;
		lev[i] = lev[j];
		lev[j] = tl;
	}
}

/* Fill `line` with the visible pieces of code points [s, e), in visual
 * order, with their x and widths. */
static void build_line(const struct para *p, size_t s, size_t e,
                       struct text_line *line)
{
	size_t ve = visible_end(p, s, e);
	size_t nr = 0;
	line->start = p->off[s];
	line->length = p->off[e] - p->off[s];
	line->runs = NULL;
	line->nruns = 0;
	line->width = 0;
	for (size_t a = s; a < ve; a = piece_end(p, a, ve))
		nr++;
	if (!nr)
		return;

	struct visual_run *r = xcalloc(nr, sizeof *r);
	FriBidiLevel *lev = xmalloc(nr * sizeof *lev);
	FriBidiLevel hi = p->level[s], lo = p->level[s];
	size_t k = 0;
	for (size_t a = s; a < ve; k++) {
		size_t b = piece_end(p, a, ve);
		r[k].start = p->off[a];
		r[k].length = p->off[b] - p->off[a];
		r[k].style = p->style[a];
		r[k].rtl = p->level[a] & 1;
		r[k].w = piece_width(p, a, b);
		lev[k] = p->level[a];
		if (lev[k] > hi)
			hi = lev[k];
		if (lev[k] < lo)
			lo = lev[k];
		a = b;
	}

	/* L2: from the highest level to the lowest odd one, reverse each
	 * maximal sequence at that level or above. */
	int lowest_odd = lo | 1;
	for (int l = hi; l >= lowest_odd; l--) {
		size_t i = 0;
		while (i < nr) {
			if (lev[i] < l) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < nr && lev[j] >= l)
				j++;
			reverse_runs(r + i, lev + i, j - i);
			i = j;
		}
	}

	long long x = 0;
	for (k = 0; k < nr; k++) {
		r[k].x = x > INT_MAX ? INT_MAX : (int)x;
		x += r[k].w;
	}
	free(lev);
	line->runs = r;
	line->nruns = nr;
	line->width = x > INT_MAX ? INT_MAX : (int)x;
}

/* ---- runs isolated left to right ---------------------------------------- */

static int is_digit(const struct para *p, size_t i)
{
	return p->type[i] == FRIBIDI_TYPE_EN || p->type[i] == FRIBIDI_TYPE_AN;
}

/* What joins two digit groups of one number: a space (a phone number,
 * "12 500") or a mark that dates and times use. */
static int joins_digits(FriBidiChar c)
{
	return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == '-' || c == 0x2011 ||
	       c == '.' || c == '/' || c == ':';
}

/* The end of the number that starts at i (a digit, or the "+" of one) when
 * it has several digit groups or a leading "+"; i when there is none (a
 * lone group is left to UAX #9, so "83%" keeps its sign where Arabic puts
 * it). */
static size_t number_end(const struct para *p, size_t i)
{
	size_t e = i + (p->cp[i] == '+');
	int groups = 0;
	if (e >= p->n || !is_digit(p, e) || (i > 0 && is_digit(p, i - 1)))
		return i;
	for (;;) {
		while (e < p->n && is_digit(p, e))
			e++;
		groups++;
		if (e + 1 >= p->n || !joins_digits(p->cp[e]) || !is_digit(p, e + 1))
			break;
		e++;
	}
	return groups > 1 || p->cp[i] == '+' ? e : i;
}

/* Whether code points from i spell `word` (ASCII, any case). */
static int spells(const struct para *p, size_t i, const char *word)
{
	for (; *word; word++, i++)
		if (i >= p->n || (p->cp[i] | 0x20) != (FriBidiChar)(*word | 0x20))
			return 0;
	return 1;
}

/* A character that ends a sentence or a clause, not a URL. */
static int url_trailer(FriBidiChar c)
{
	if (c > 0 && c < 128)
		return strchr(".,;:!?)]}'\"", (int)c) != NULL;
	return c == 0xBB || c == 0x2026 || c == 0x060C || c == 0x061B || c == 0x061F ||
	       c == 0x201D || c == 0x2019;
}

/* The end of the URL that starts at i (http://, https://, www.), without
 * the punctuation that closes the sentence around it; i when there is
 * none. */
static size_t url_end(const struct para *p, size_t i)
{
	size_t e = i;
	if ((i > 0 && !is_space(p->cp[i - 1]) && p->type[i - 1] != FRIBIDI_TYPE_ON) ||
	    !(spells(p, i, "http://") || spells(p, i, "https://") || spells(p, i, "www.")))
		return i;
	while (e < p->n && !is_space(p->cp[e]) && !is_newline(p->cp[e]) &&
	       !FRIBIDI_IS_RTL(p->type[e]))
		e++;
	while (e > i && url_trailer(p->cp[e - 1]))
		e--;
	return e;
}

/* The runs to isolate, in order (*n of them; heap).  None in a paragraph
 * with nothing right to left: there, they are in order already. */
static struct range *find_isolates(struct para *p, int base_rtl, size_t *n)
{
	struct range *r = NULL;
	size_t cap = 0;
	int rtl = base_rtl;
	*n = 0;
	for (size_t i = 0; i < p->n && !rtl; i++)
		rtl = FRIBIDI_IS_RTL(p->type[i]) || p->type[i] == FRIBIDI_TYPE_AN;
	for (size_t i = 0; rtl && i < p->n;) {
		size_t e = url_end(p, i);
		if (e == i)
			e = number_end(p, i);
		if (e == i) {
			i++;
			continue;
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 4;
			r = xrealloc(r, cap * sizeof *r);
		}
		r[(*n)++] = (struct range){ i, e };
		for (size_t k = i + 1; k < e; k++)
			p->kept[k] = 1;
		i = e;
	}
	return r;
}

/* Classes put around an isolated run: it opens with an isolate and an
 * override (so even Arabic-Indic digits read left to right) and closes
 * them in the other order. */
static const FriBidiCharType opening[] = { FRIBIDI_TYPE_LRI, FRIBIDI_TYPE_LRO };
static const FriBidiCharType closing[] = { FRIBIDI_TYPE_PDF, FRIBIDI_TYPE_PDI };
#define MARKS (sizeof opening / sizeof *opening)

/* Append the marks `c` (MARKS of them) to the classes. */
static size_t put_marks(FriBidiCharType *t, FriBidiBracketType *br, size_t j,
                        const FriBidiCharType *c)
{
	for (size_t i = 0; i < MARKS; i++) {
		br[j] = FRIBIDI_NO_BRACKET;
		t[j++] = c[i];
	}
	return j;
}

/* The embedding levels of the paragraph, with each of `iso` between the
 * opening and closing marks in the classes FriBidi resolves (the marks'
 * own levels are dropped).  0 on failure. */
static FriBidiLevel resolve_levels(struct para *p, int base_rtl, const struct range *iso,
                                   size_t niso)
{
	size_t n = p->n, m = n + 2 * MARKS * niso, j = 0, k = 0;
	FriBidiCharType *t = xmalloc(m * sizeof *t);
	FriBidiBracketType *br = xmalloc(m * sizeof *br), *own = xmalloc(n * sizeof *own);
	FriBidiLevel *lev = xmalloc(m * sizeof *lev);
	size_t *at = xmalloc(n * sizeof *at);
	FriBidiParType dir = base_rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	fribidi_get_bracket_types(p->cp, (FriBidiStrIndex)n, p->type, own);
	for (size_t i = 0; i <= n; i++) {
		if (k < niso && iso[k].end == i) {
			j = put_marks(t, br, j, closing);
			k++;
		}
		if (k < niso && iso[k].start == i)
			j = put_marks(t, br, j, opening);
		if (i < n) {
			at[i] = j;
			br[j] = own[i];
			t[j++] = p->type[i];
		}
	}
	FriBidiLevel ok = fribidi_get_par_embedding_levels_ex(t, br, (FriBidiStrIndex)m, &dir, lev);
	for (size_t i = 0; ok && i < n; i++)
		p->level[i] = lev[at[i]];
	free(t);
	free(br);
	free(own);
	free(lev);
	free(at);
	return ok;
}

/* Decode, check the spans, resolve levels and styles.  -1 on invalid
 * input. */
static int para_init(struct para *p, const char *text, size_t len,
                     const struct style_span *spans, size_t nspans,
                     int base_rtl)
{
	if (utf8_check(text, len) != (size_t)-1)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	if (n > (size_t)INT_MAX - 1)
		return -1;   /* FriBidiStrIndex is an int */

	p->n = n;
	p->cp = xmalloc(n * sizeof *p->cp);
	p->off = xmalloc((n + 1) * sizeof *p->off);
	p->type = xmalloc(n * sizeof *p->type);
	p->level = xmalloc(n * sizeof *p->level);
	p->style = xcalloc(n, sizeof *p->style);
	p->kept = xcalloc(n, 1);
	for (size_t i = 0, b = 0; i < n; i++) {
		size_t used;
		p->off[i] = b;
		p->cp[i] = utf8_decode(text + b, len - b, &used);
		b += used;
	}
	p->off[n] = len;

	/* Spans: inside the text, in order, on code point boundaries. */
	size_t i = 0, prev_end = 0;
	for (size_t k = 0; k < nspans; k++) {
		size_t a = spans[k].start, l = spans[k].length;
		if (a > len || l > len - a || a < prev_end)
			return -1;
		prev_end = a + l;
		if (!l)
			continue;
		while (i < n && p->off[i] < a)
			i++;
		if (p->off[i] != a)
			return -1;
		while (i < n && p->off[i] < a + l)
			p->style[i++] = spans[k].style;
		if (p->off[i] != a + l)
			return -1;
	}

	size_t niso;
	fribidi_get_bidi_types(p->cp, (FriBidiStrIndex)n, p->type);
	struct range *iso = find_isolates(p, base_rtl, &niso);
	FriBidiLevel ok = niso <= ((size_t)INT_MAX - n) / (2 * MARKS) &&
	                  resolve_levels(p, base_rtl, iso, niso);
	free(iso);
	return ok ? 0 : -1;
}

static void para_free(struct para *p)
{
	free(p->cp);
	free(p->off);
	free(p->type);
	free(p->level);
	free(p->style);
	free(p->kept);
}

int layout_text(struct text_layout *out, const char *text, size_t len,
                const struct style_span *spans, size_t nspans, int base_rtl,
                int max_width, const struct measure *m)
{
	struct para p = {0};
	size_t cap = 0;
	int rc = -1;

	if (!out)
		return -1;
	memset(out, 0, sizeof *out);
	if ((!text && len) || (!spans && nspans) || !m || !m->width)
		return -1;
	if (!len) {
		/* Nothing to draw, but the spans must still make sense. */
		for (size_t k = 0; k < nspans; k++)
			if (spans[k].start || spans[k].length)
				return -1;
		return 0;
	}

	p.text = text;
	p.m = m;
	p.max_width = max_width > 0 ? max_width : 0;
	if (para_init(&p, text, len, spans, nspans, base_rtl) < 0)
		goto out;

	for (size_t s = 0; s < p.n;) {
		size_t e = line_end(&p, s);
		if (out->nlines == cap) {
			cap = cap ? 2 * cap : 4;
			out->lines = xrealloc(out->lines, cap * sizeof *out->lines);
		}
		struct text_line *line = &out->lines[out->nlines++];
		build_line(&p, s, e, line);
		/* neither at a break opportunity nor after a newline */
		line->cut = e < p.n && !is_newline(p.cp[e - 1]) && !break_before(&p, e);
		if (line->width > out->width)
			out->width = line->width;
		s = e;
	}
	out->height = (int)out->nlines * m->line_height;
	rc = 0;
out:
	para_free(&p);
	return rc;
}

void layout_free(struct text_layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nlines; i++)
		free(l->lines[i].runs);
	free(l->lines);
	memset(l, 0, sizeof *l);
}

int layout_line_x(const struct text_line *line, int box_width, int base_rtl)
{
	if (!line || !base_rtl)
		return 0;
	return box_width - line->width;
}

int layout_reads_ltr(const char *text, size_t len)
{
	int ltr = 0;
	for (size_t i = 0, used; text && i < len; i += used ? used : 1) {
		FriBidiCharType t = fribidi_get_bidi_type(utf8_decode(text + i, len - i, &used));
		if (FRIBIDI_IS_RTL(t))
			return 0;
		ltr |= FRIBIDI_IS_LETTER(t);
	}
	return ltr;
}

int layout_cuts_word(const struct text_layout *l)
{
	for (size_t i = 0; l && i < l->nlines; i++)
		if (l->lines[i].cut)
			return 1;
	return 0;
}

/* ---- sentences ------------------------------------------------------------ */

/* The code point that ends before byte *at (moved to its start). */
static unsigned prev_cp(const char *text, size_t *at)
{
	size_t end = *at, b = end, used;
	do
		b--;
	while (b > 0 && ((unsigned char)text[b] & 0xC0) == 0x80);
	*at = b;
	return utf8_decode(text + b, end - b, &used);
}

static int ends_sentence(unsigned c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x061F || c == 0x06D4 ||
	       c == 0x203C || c == 0x3002;
}

/* A quote or bracket that closes a sentence, or the no-break space before
 * a French one ("fin. »"). */
static int closes_sentence(unsigned c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0xBB || c == 0x2019 ||
	       c == 0x201D || c == 0x203A || c == 0xA0 || c == 0x202F;
}

static int lower_latin(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}

/* Whether a sentence starts at byte b (0 < b < len): after a newline, or
 * after spaces that follow the end of a sentence and its closing marks,
 * with no word in lower case at b. */
static int sentence_starts(const char *text, size_t len, size_t b)
{
	size_t at = b, used;
	unsigned c = utf8_decode(text + b, len - b, &used), d = 0;
	int spaces = 0;
	if (c == ' ' || c == '\t' || c == '\n')
		return 0;
	while (at > 0 && ((d = prev_cp(text, &at)) == ' ' || d == '\t' || d == '\n')) {
		if (d == '\n')
			return 1;
		spaces++;
	}
	if (!spaces || lower_latin(c))
		return 0;
	while (closes_sentence(d) && at > 0)
		d = prev_cp(text, &at);
	return ends_sentence(d);
}

size_t layout_sentence_before(const char *text, size_t len, size_t limit)
{
	size_t best = 0;
	if (!text || limit >= len)
		limit = len ? len - 1 : 0;
	for (size_t b = 1; b <= limit; b++)
		if (((unsigned char)text[b] & 0xC0) != 0x80 && sentence_starts(text, len, b))
			best = b;
	return best;
}

size_t layout_spans_between(const struct style_span *in, size_t n, size_t start, size_t end,
                            struct style_span *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t a = in[i].start > start ? in[i].start : start;
		size_t b = in[i].start + in[i].length < end ? in[i].start + in[i].length : end;
		if (a < b)
			out[k++] = (struct style_span){ a - start, b - a, in[i].style };
	}
	return k;
}

int layout_drawn_style(int style)
{
	return style & STYLE_LINK ? (style & ~STYLE_LINK) | STYLE_EM : style;
}
