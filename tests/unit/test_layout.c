/* test_layout.c - word wrap, bidi ordering and styled runs (kiosk/layout.c)
 * with fake font metrics: every code point is 10 px wide except combining
 * marks (0 px, as a font draws harakat over their letter); lines are 20 px
 * high.  The "kerned" metrics add per-call costs so a test can tell that
 * widths are measured run by run, in the run's style and direction. */
#include "testutil.h"

#include "layout.h"
#include "utf8.h"

/* Arabic words used below (code points / bytes). */
#define A_BITHA   "\xd8\xa8\xd8\xb9\xd8\xab\xd8\xa9"                 /* بعثة 4/8 */
#define A_UMAM    "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x85\xd9\x85"         /* الأمم 5/10 */
#define A_FI      "\xd9\x81\xd9\x8a"                                 /* في 2/4 */
#define A_INTAHAT "\xd8\xa7\xd9\x86\xd8\xaa\xd9\x87\xd8\xaa"         /* انتهت 5/10 */
#define A_SALAM   "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"                 /* سلام 4/8 */
#define A_ALAYKUM "\xd8\xb9\xd9\x84\xd9\x8a\xd9\x83\xd9\x85"         /* عليكم 5/10 */
#define A_YA      "\xd9\x8a\xd8\xa7"                                 /* يا 2/4 */
#define A_SADIQI  "\xd8\xb5\xd8\xaf\xd9\x8a\xd9\x82\xd9\x8a"         /* صديقي 5/10 */
#define A_MARHABA "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7"         /* مرحبا 5/10 */
#define A_BIKUM   "\xd8\xa8\xd9\x83\xd9\x85"                         /* بكم 3/6 */
#define A_DAWRA   "\xd8\xa7\xd9\x84\xd8\xaf\xd9\x88\xd8\xb1\xd8\xa9" /* الدورة 6/12 */
#define A_TADRIB  "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xaf\xd8\xb1\xd9\x8a" \
                  "\xd8\xa8\xd9\x8a\xd8\xa9"                         /* التدريبية 9/18 */
/* مَرْحَبًا: 5 letters, 4 harakat (9 code points, 18 bytes) */
#define A_MARHABA_VOWELLED "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xd8\xad" \
                           "\xd9\x8e\xd8\xa8\xd9\x8b\xd8\xa7"

struct fake {
	int kerned;   /* STRONG code points +2 px, RTL runs +3 px per call */
	int calls;
};

static int is_mark(unsigned c)
{
	return (c >= 0x300 && c <= 0x36F) || (c >= 0x64B && c <= 0x65F) ||
	       c == 0x670;
}

static int fake_width(void *ctx, const char *s, size_t len, int style, int rtl)
{
	struct fake *f = ctx;
	int w = 0;
	f->calls++;
	/* Never asked to measure nothing or a piece of a UTF-8 sequence. */
	if (!len)
		fail_msg("measured an empty run");
	if (utf8_check(s, len) != (size_t)-1)
		fail_msg("measured a range that splits a UTF-8 sequence");
	for (size_t i = 0; i < len;) {
		size_t used;
		unsigned c = utf8_decode(s + i, len - i, &used);
		if (!is_mark(c))
			w += 10 + (f->kerned && (style & STYLE_STRONG) ? 2 : 0);
		i += used;
	}
	if (f->kerned && rtl)
		w += 3;
	return w;
}

static struct fake g_fake;   /* reset by lay() */
static const struct measure fake_measure = { fake_width, 20, &g_fake };

static struct text_layout lay_spans(const char *text, const struct style_span *spans,
                                    size_t nspans, int rtl, int max_width, int kerned)
{
	struct text_layout l;
	g_fake.kerned = kerned;
	g_fake.calls = 0;
	assert_int_equal(layout_text(&l, text, strlen(text), spans, nspans, rtl,
	                             max_width, &fake_measure), 0);
	return l;
}

static struct text_layout lay(const char *text, int rtl, int max_width)
{
	return lay_spans(text, NULL, 0, rtl, max_width, 0);
}

/* Run `i` of line `ln` is `expect` (bytes at the expected offset) drawn at
 * x with width w, direction rtl, style. */
static void check_run(const struct text_layout *l, const char *text, size_t ln,
                      size_t i, size_t start, const char *expect, int x, int w,
                      int rtl, int style)
{
	assert_true(ln < l->nlines);
	assert_true(i < l->lines[ln].nruns);
	const struct visual_run *r = &l->lines[ln].runs[i];
	if (r->start != start || r->length != strlen(expect) ||
	    memcmp(text + r->start, expect, r->length) != 0)
		fail_msg("line %zu run %zu: bytes [%zu,+%zu) \"%.*s\", expected "
		         "[%zu,+%zu) \"%s\"", ln, i, r->start, r->length,
		         (int)r->length, text + r->start, start, strlen(expect),
		         expect);
	assert_int_equal(r->x, x);
	assert_int_equal(r->w, w);
	assert_int_equal(r->rtl, rtl);
	assert_int_equal(r->style, style);
}

static void check_line(const struct text_layout *l, size_t ln, size_t start,
                       size_t length, size_t nruns, int width)
{
	assert_true(ln < l->nlines);
	const struct text_line *t = &l->lines[ln];
	assert_int_equal(t->start, start);
	assert_int_equal(t->length, length);
	assert_int_equal(t->nruns, nruns);
	assert_int_equal(t->width, width);
}

/* Lines tile the text; runs lie inside their line and are placed edge to
 * edge from x = 0 to the line's width. */
static void check_invariants(const struct text_layout *l, size_t len)
{
	size_t at = 0;
	int widest = 0;
	for (size_t i = 0; i < l->nlines; i++) {
		const struct text_line *t = &l->lines[i];
		int x = 0;
		assert_int_equal(t->start, at);
		for (size_t k = 0; k < t->nruns; k++) {
			const struct visual_run *r = &t->runs[k];
			assert_true(r->length > 0);
			assert_true(r->start >= t->start);
			assert_true(r->start + r->length <= t->start + t->length);
			assert_int_equal(r->x, x);
			x += r->w;
		}
		assert_int_equal(t->width, x);
		if (x > widest)
			widest = x;
		at += t->length;
	}
	assert_int_equal(at, len);
	assert_int_equal(l->width, widest);
	assert_int_equal(l->height, (int)l->nlines * 20);
}

static void test_wrap_english(void **state)
{
	(void)state;
	const char *t = "The quick brown fox jumps";
	struct text_layout l = lay(t, 0, 100);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 3);
	check_line(&l, 0, 0, 10, 1, 90);          /* "The quick " */
	check_run(&l, t, 0, 0, 0, "The quick", 0, 90, 0, STYLE_PLAIN);
	check_line(&l, 1, 10, 10, 1, 90);         /* "brown fox " */
	check_run(&l, t, 1, 0, 10, "brown fox", 0, 90, 0, STYLE_PLAIN);
	check_line(&l, 2, 20, 5, 1, 50);
	check_run(&l, t, 2, 0, 20, "jumps", 0, 50, 0, STYLE_PLAIN);
	assert_int_equal(l.width, 90);
	assert_int_equal(l.height, 60);
	assert_int_equal(layout_line_x(&l.lines[0], 100, 0), 0);
	assert_int_equal(layout_line_x(&l.lines[2], 100, 0), 0);
	layout_free(&l);

	/* Exactly full: "The quick" is 90 px, fits a 90 px line. */
	l = lay(t, 0, 90);
	assert_int_equal(l.nlines, 3);
	check_line(&l, 0, 0, 10, 1, 90);
	layout_free(&l);
	/* One pixel less and "quick" goes down. */
	l = lay(t, 0, 89);
	check_invariants(&l, strlen(t));
	check_line(&l, 0, 0, 4, 1, 30);
	check_line(&l, 1, 4, 6, 1, 50);           /* "quick " */
	layout_free(&l);

	/* Wide enough: one line. */
	l = lay(t, 0, 1000);
	assert_int_equal(l.nlines, 1);
	check_line(&l, 0, 0, 25, 1, 250);
	layout_free(&l);
}

static void test_long_word_split(void **state)
{
	(void)state;
	const char *t = "a supercalifragilistic b";
	struct text_layout l = lay(t, 0, 60);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 5);
	check_run(&l, t, 0, 0, 0, "a", 0, 10, 0, STYLE_PLAIN);
	check_run(&l, t, 1, 0, 2, "superc", 0, 60, 0, STYLE_PLAIN);
	check_run(&l, t, 2, 0, 8, "alifra", 0, 60, 0, STYLE_PLAIN);
	check_run(&l, t, 3, 0, 14, "gilist", 0, 60, 0, STYLE_PLAIN);
	check_run(&l, t, 4, 0, 20, "ic b", 0, 40, 0, STYLE_PLAIN);
	layout_free(&l);

	/* A line narrower than one character still takes one per line. */
	l = lay("abc", 0, 5);
	check_invariants(&l, 3);
	assert_int_equal(l.nlines, 3);
	check_line(&l, 1, 1, 1, 1, 10);
	layout_free(&l);
	l = lay("abc", 0, -1);
	assert_int_equal(l.nlines, 3);
	layout_free(&l);
}

static void test_hyphen_break(void **state)
{
	(void)state;
	const char *t = "well-known fact";
	struct text_layout l = lay(t, 0, 60);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 3);
	check_run(&l, t, 0, 0, 0, "well-", 0, 50, 0, STYLE_PLAIN);
	check_run(&l, t, 1, 0, 5, "known", 0, 50, 0, STYLE_PLAIN);
	check_run(&l, t, 2, 0, 11, "fact", 0, 40, 0, STYLE_PLAIN);
	layout_free(&l);

	/* A minus sign stays with its number. */
	t = "ab -12345";
	l = lay(t, 0, 60);
	assert_int_equal(l.nlines, 2);
	check_run(&l, t, 1, 0, 3, "-12345", 0, 60, 0, STYLE_PLAIN);
	layout_free(&l);
}

static void test_utf8_never_split(void **state)
{
	(void)state;
	const char *t = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";   /* ééééé */
	struct text_layout l = lay(t, 0, 30);
	check_invariants(&l, 10);
	assert_int_equal(l.nlines, 2);
	check_run(&l, t, 0, 0, 0, "\xc3\xa9\xc3\xa9\xc3\xa9", 0, 30, 0, 0);
	check_run(&l, t, 1, 0, 6, "\xc3\xa9\xc3\xa9", 0, 20, 0, 0);
	layout_free(&l);

	/* An Arabic word cut in 4 + 4 + 1 letters (2 bytes each). */
	t = A_TADRIB;
	l = lay(t, 1, 40);
	check_invariants(&l, 18);
	assert_int_equal(l.nlines, 3);
	check_line(&l, 0, 0, 8, 1, 40);
	check_line(&l, 1, 8, 8, 1, 40);
	check_line(&l, 2, 16, 2, 1, 10);
	check_run(&l, t, 2, 0, 16, "\xd8\xa9", 0, 10, 1, 0);
	assert_int_equal(layout_line_x(&l.lines[2], 40, 1), 30);
	layout_free(&l);

	/* 4-byte sequences (emoji) and a 3-byte one (€). */
	t = "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xe2\x82\xac";
	l = lay(t, 0, 10);
	check_invariants(&l, 11);
	assert_int_equal(l.nlines, 3);
	check_line(&l, 1, 4, 4, 1, 10);
	check_line(&l, 2, 8, 3, 1, 10);
	layout_free(&l);
}

static void test_harakat_stay_with_letter(void **state)
{
	(void)state;
	/* مَ رْ حَ بً ا: each letter + mark is 4 bytes and 10 px. */
	const char *t = A_MARHABA_VOWELLED;
	struct text_layout l = lay(t, 1, 20);
	check_invariants(&l, 18);
	assert_int_equal(l.nlines, 3);
	check_line(&l, 0, 0, 8, 1, 20);
	check_line(&l, 1, 8, 8, 1, 20);
	check_line(&l, 2, 16, 2, 1, 10);
	check_run(&l, t, 0, 0, 0, "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92", 0, 20, 1, 0);
	layout_free(&l);

	/* Even when one letter is wider than the line. */
	l = lay(t, 1, 1);
	check_invariants(&l, 18);
	assert_int_equal(l.nlines, 5);
	check_line(&l, 0, 0, 4, 1, 10);
	check_line(&l, 3, 12, 4, 1, 10);
	check_line(&l, 4, 16, 2, 1, 10);
	layout_free(&l);
}

static void test_arabic_paragraph(void **state)
{
	(void)state;
	/* مرحبا بكم في الدورة التدريبية: 5 3 2 6 9 letters. */
	const char *t = A_MARHABA " " A_BIKUM " " A_FI " " A_DAWRA " " A_TADRIB;
	struct text_layout l = lay(t, 1, 120);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 3);
	check_line(&l, 0, 0, 23, 1, 120);
	check_run(&l, t, 0, 0, 0, A_MARHABA " " A_BIKUM " " A_FI, 0, 120, 1, 0);
	check_line(&l, 1, 23, 13, 1, 60);
	check_run(&l, t, 1, 0, 23, A_DAWRA, 0, 60, 1, 0);
	check_line(&l, 2, 36, 18, 1, 90);
	check_run(&l, t, 2, 0, 36, A_TADRIB, 0, 90, 1, 0);
	/* Right-aligned in a 150 px box. */
	assert_int_equal(layout_line_x(&l.lines[0], 150, 1), 30);
	assert_int_equal(layout_line_x(&l.lines[1], 150, 1), 90);
	assert_int_equal(layout_line_x(&l.lines[2], 150, 1), 60);
	layout_free(&l);
}

/* بعثة الأمم UNMISS في 2020 انتهت in an RTL paragraph: read from the
 * right, so on screen (left to right): انتهت 2020 في UNMISS الأمم بعثة,
 * with UNMISS and 2020 drawn LTR. */
#define MIXED A_BITHA " " A_UMAM " UNMISS " A_FI " 2020 " A_INTAHAT

static void test_mixed_rtl_paragraph(void **state)
{
	(void)state;
	const char *t = MIXED;
	assert_int_equal(strlen(t), 47);
	struct text_layout l = lay(t, 1, 400);
	check_invariants(&l, 47);
	assert_int_equal(l.nlines, 1);
	check_line(&l, 0, 0, 47, 5, 310);
	check_run(&l, t, 0, 0, 36, " " A_INTAHAT, 0, 60, 1, 0);
	check_run(&l, t, 0, 1, 32, "2020", 60, 40, 0, 0);
	check_run(&l, t, 0, 2, 26, " " A_FI " ", 100, 40, 1, 0);
	check_run(&l, t, 0, 3, 20, "UNMISS", 140, 60, 0, 0);
	check_run(&l, t, 0, 4, 0, A_BITHA " " A_UMAM " ", 200, 110, 1, 0);
	assert_int_equal(layout_line_x(&l.lines[0], 400, 1), 90);
	layout_free(&l);

	/* Wrapped at 150 px: each line is ordered on its own. */
	l = lay(t, 1, 150);
	check_invariants(&l, 47);
	assert_int_equal(l.nlines, 3);
	check_line(&l, 0, 0, 20, 1, 100);
	check_run(&l, t, 0, 0, 0, A_BITHA " " A_UMAM, 0, 100, 1, 0);
	check_line(&l, 1, 20, 17, 3, 140);   /* "UNMISS في 2020 " */
	check_run(&l, t, 1, 0, 32, "2020", 0, 40, 0, 0);
	check_run(&l, t, 1, 1, 26, " " A_FI " ", 40, 40, 1, 0);
	check_run(&l, t, 1, 2, 20, "UNMISS", 80, 60, 0, 0);
	check_line(&l, 2, 37, 10, 1, 50);
	check_run(&l, t, 2, 0, 37, A_INTAHAT, 0, 50, 1, 0);
	assert_int_equal(layout_line_x(&l.lines[0], 150, 1), 50);
	assert_int_equal(layout_line_x(&l.lines[1], 150, 1), 10);
	assert_int_equal(layout_line_x(&l.lines[2], 150, 1), 100);
	layout_free(&l);
}

static void test_mixed_ltr_paragraph(void **state)
{
	(void)state;
	/* "the text سلام 2020 عليكم ok": the Arabic phrase (with its number)
	 * is reversed as a block inside the English line. */
	const char *t = "the text " A_SALAM " 2020 " A_ALAYKUM " ok";
	struct text_layout l = lay(t, 0, 400);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 1);
	check_line(&l, 0, 0, 36, 5, 270);
	check_run(&l, t, 0, 0, 0, "the text ", 0, 90, 0, 0);
	check_run(&l, t, 0, 1, 22, " " A_ALAYKUM, 90, 60, 1, 0);
	check_run(&l, t, 0, 2, 18, "2020", 150, 40, 0, 0);
	check_run(&l, t, 0, 3, 9, A_SALAM " ", 190, 50, 1, 0);
	check_run(&l, t, 0, 4, 33, " ok", 240, 30, 0, 0);
	assert_int_equal(layout_line_x(&l.lines[0], 400, 0), 0);
	layout_free(&l);

	/* The same text as an RTL paragraph: the English is the embedded
	 * part now, so "the text" goes to the right end. */
	l = lay(t, 1, 400);
	check_invariants(&l, strlen(t));
	check_line(&l, 0, 0, 36, 5, 270);
	check_run(&l, t, 0, 0, 34, "ok", 0, 20, 0, 0);
	check_run(&l, t, 0, 1, 22, " " A_ALAYKUM " ", 20, 70, 1, 0);
	check_run(&l, t, 0, 2, 18, "2020", 90, 40, 0, 0);
	check_run(&l, t, 0, 3, 8, " " A_SALAM " ", 130, 60, 1, 0);
	check_run(&l, t, 0, 4, 0, "the text", 190, 80, 0, 0);
	assert_int_equal(layout_line_x(&l.lines[0], 400, 1), 130);
	layout_free(&l);
}

static void test_em_span(void **state)
{
	(void)state;
	const char *t = "see the important note";
	struct style_span em = { 8, 9, STYLE_EM };   /* "important" */
	struct text_layout l = lay_spans(t, &em, 1, 0, 1000, 0);
	check_invariants(&l, strlen(t));
	check_line(&l, 0, 0, 22, 3, 220);
	check_run(&l, t, 0, 0, 0, "see the ", 0, 80, 0, STYLE_PLAIN);
	check_run(&l, t, 0, 1, 8, "important", 80, 90, 0, STYLE_EM);
	check_run(&l, t, 0, 2, 17, " note", 170, 50, 0, STYLE_PLAIN);
	layout_free(&l);

	/* Styles combine as flags and adjacent spans stay apart. */
	struct style_span two[2] = { { 0, 3, STYLE_EM | STYLE_STRONG },
	                             { 3, 5, STYLE_LINK } };
	l = lay_spans(t, two, 2, 0, 1000, 0);
	check_line(&l, 0, 0, 22, 3, 220);
	check_run(&l, t, 0, 0, 0, "see", 0, 30, 0, STYLE_EM | STYLE_STRONG);
	check_run(&l, t, 0, 1, 3, " the ", 30, 50, 0, STYLE_LINK);
	check_run(&l, t, 0, 2, 8, "important note", 80, 140, 0, STYLE_PLAIN);
	layout_free(&l);
}

static void test_em_span_rtl(void **state)
{
	(void)state;
	/* سلام *عليكم* يا صديقي: the emphasised word sits in the middle. */
	const char *t = A_SALAM " " A_ALAYKUM " " A_YA " " A_SADIQI;
	struct style_span em = { 9, 10, STYLE_EM };
	struct text_layout l = lay_spans(t, &em, 1, 1, 1000, 0);
	check_invariants(&l, strlen(t));
	check_line(&l, 0, 0, 35, 3, 190);
	check_run(&l, t, 0, 0, 19, " " A_YA " " A_SADIQI, 0, 90, 1, STYLE_PLAIN);
	check_run(&l, t, 0, 1, 9, A_ALAYKUM, 90, 50, 1, STYLE_EM);
	check_run(&l, t, 0, 2, 0, A_SALAM " ", 140, 50, 1, STYLE_PLAIN);
	assert_int_equal(layout_line_x(&l.lines[0], 200, 1), 10);
	layout_free(&l);
}

static void test_span_across_line_break(void **state)
{
	(void)state;
	const char *t = "aa bbb cc dd";
	struct style_span em = { 3, 6, STYLE_EM };   /* "bbb cc" */
	struct text_layout l = lay_spans(t, &em, 1, 0, 70, 0);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 2);
	check_line(&l, 0, 0, 7, 2, 60);
	check_run(&l, t, 0, 0, 0, "aa ", 0, 30, 0, STYLE_PLAIN);
	check_run(&l, t, 0, 1, 3, "bbb", 30, 30, 0, STYLE_EM);
	check_line(&l, 1, 7, 5, 2, 50);
	check_run(&l, t, 1, 0, 7, "cc", 0, 20, 0, STYLE_EM);
	check_run(&l, t, 1, 1, 9, " dd", 20, 30, 0, STYLE_PLAIN);
	layout_free(&l);

	/* In Arabic the second half of the span starts the next line on the
	 * right: line 2 is "عليكم يا" with عليكم (em) rightmost. */
	t = A_SALAM " " A_ALAYKUM " " A_YA;
	struct style_span em2 = { 0, 19, STYLE_EM };   /* "سلام عليكم" */
	l = lay_spans(t, &em2, 1, 1, 60, 0);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 3);
	check_line(&l, 0, 0, 9, 1, 40);
	check_run(&l, t, 0, 0, 0, A_SALAM, 0, 40, 1, STYLE_EM);
	check_line(&l, 1, 9, 11, 1, 50);
	check_run(&l, t, 1, 0, 9, A_ALAYKUM, 0, 50, 1, STYLE_EM);
	check_line(&l, 2, 20, 4, 1, 20);
	layout_free(&l);
	l = lay_spans(t, &em2, 1, 1, 80, 0);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 2);
	check_line(&l, 1, 9, 15, 2, 80);
	check_run(&l, t, 1, 0, 19, " " A_YA, 0, 30, 1, STYLE_PLAIN);
	check_run(&l, t, 1, 1, 9, A_ALAYKUM, 30, 50, 1, STYLE_EM);
	layout_free(&l);
}

static void test_trailing_spaces(void **state)
{
	(void)state;
	const char *t = "ab   ";
	struct text_layout l = lay(t, 0, 100);
	check_invariants(&l, 5);
	assert_int_equal(l.nlines, 1);
	check_line(&l, 0, 0, 5, 1, 20);
	check_run(&l, t, 0, 0, 0, "ab", 0, 20, 0, 0);
	layout_free(&l);

	/* Spaces at a break stay on the first line and do not count: "ab" and
	 * its three spaces fit 40 px. */
	t = "ab   cd";
	l = lay(t, 0, 40);
	check_invariants(&l, 7);
	assert_int_equal(l.nlines, 2);
	check_line(&l, 0, 0, 5, 1, 20);
	check_line(&l, 1, 5, 2, 1, 20);
	layout_free(&l);

	/* RTL: trailing spaces do not push the line off the right edge. */
	t = A_SALAM "   ";
	l = lay(t, 1, 100);
	check_line(&l, 0, 0, 11, 1, 40);
	assert_int_equal(layout_line_x(&l.lines[0], 100, 1), 60);
	layout_free(&l);

	/* Only spaces: a line with nothing to draw. */
	l = lay("   ", 0, 100);
	check_invariants(&l, 3);
	assert_int_equal(l.nlines, 1);
	check_line(&l, 0, 0, 3, 0, 0);
	assert_null(l.lines[0].runs);
	layout_free(&l);

	/* Leading spaces are drawn and do not make a blank line. */
	t = "  abcdef";
	l = lay(t, 0, 50);
	check_invariants(&l, 8);
	assert_int_equal(l.nlines, 2);
	check_run(&l, t, 0, 0, 0, "  abc", 0, 50, 0, 0);
	layout_free(&l);
}

static void test_newlines(void **state)
{
	(void)state;
	const char *t = "ab\n\ncd\n";
	struct text_layout l = lay(t, 0, 100);
	check_invariants(&l, 7);
	assert_int_equal(l.nlines, 3);
	check_line(&l, 0, 0, 3, 1, 20);
	check_line(&l, 1, 3, 1, 0, 0);
	check_line(&l, 2, 4, 3, 1, 20);
	check_run(&l, t, 2, 0, 4, "cd", 0, 20, 0, 0);
	layout_free(&l);
}

static void test_measured_per_run(void **state)
{
	(void)state;
	/* Kerned metrics: strong +2 px a code point, +3 px per RTL call.  A
	 * line's width is the sum of its runs as measured in their own style
	 * and direction, and wrapping uses the same widths. */
	const char *t = "ab " A_SALAM " cd";
	struct style_span strong = { 12, 2, STYLE_STRONG };
	struct text_layout l = lay_spans(t, &strong, 1, 0, 1000, 1);
	check_invariants(&l, strlen(t));
	check_line(&l, 0, 0, 14, 4, 107);
	check_run(&l, t, 0, 0, 0, "ab ", 0, 30, 0, STYLE_PLAIN);
	check_run(&l, t, 0, 1, 3, A_SALAM, 30, 43, 1, STYLE_PLAIN);
	check_run(&l, t, 0, 2, 11, " ", 73, 10, 0, STYLE_PLAIN);
	check_run(&l, t, 0, 3, 12, "cd", 83, 24, 0, STYLE_STRONG);
	assert_true(g_fake.calls > 0);
	layout_free(&l);

	l = lay_spans(t, &strong, 1, 0, 107, 1);
	assert_int_equal(l.nlines, 1);
	layout_free(&l);
	l = lay_spans(t, &strong, 1, 0, 106, 1);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 2);
	check_line(&l, 0, 0, 12, 2, 73);
	check_line(&l, 1, 12, 2, 1, 24);
	layout_free(&l);
}

static void test_brackets_rtl(void **state)
{
	(void)state;
	/* بعثة (UNMISS) انتهت: the brackets take the Arabic direction and
	 * stay with their words; UNMISS alone is LTR. */
	const char *t = A_BITHA " (UNMISS) " A_INTAHAT;
	struct text_layout l = lay(t, 1, 1000);
	check_invariants(&l, strlen(t));
	check_line(&l, 0, 0, 28, 3, 190);
	check_run(&l, t, 0, 0, 16, ") " A_INTAHAT, 0, 70, 1, 0);
	check_run(&l, t, 0, 1, 10, "UNMISS", 70, 60, 0, 0);
	check_run(&l, t, 0, 2, 0, A_BITHA " (", 130, 60, 1, 0);
	layout_free(&l);

	/* بعثة UNMISS (South Sudan): the bracket pair (rule N0) keeps the
	 * closing bracket with the English it closes instead of sending it
	 * to the far left end of the line. */
	t = A_BITHA " UNMISS (South Sudan)";
	l = lay(t, 1, 1000);
	check_invariants(&l, strlen(t));
	check_line(&l, 0, 0, 29, 2, 250);
	check_run(&l, t, 0, 0, 9, "UNMISS (South Sudan)", 0, 200, 0, 0);
	check_run(&l, t, 0, 1, 0, A_BITHA " ", 200, 50, 1, 0);
	layout_free(&l);
}

/* The runs of line `ln` as they are on screen, left to right: their bytes
 * joined by "|" (static). */
static const char *visual(const struct text_layout *l, const char *text, size_t ln)
{
	static char out[512];
	size_t n = 0;
	assert_true(ln < l->nlines);
	out[0] = '\0';
	for (size_t i = 0; i < l->lines[ln].nruns; i++) {
		const struct visual_run *r = &l->lines[ln].runs[i];
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", i ? "|" : "",
		                      (int)r->length, text + r->start);
		assert_true(n < sizeof out);
	}
	return out;
}

/* The run of line `ln` whose bytes are `expect`, drawn left to right. */
static void check_ltr_run(const struct text_layout *l, const char *text, size_t ln,
                          const char *expect)
{
	for (size_t i = 0; i < l->lines[ln].nruns; i++) {
		const struct visual_run *r = &l->lines[ln].runs[i];
		if (r->length == strlen(expect) && !memcmp(text + r->start, expect, r->length)) {
			assert_int_equal(r->rtl, 0);
			return;
		}
	}
	fail_msg("no run \"%s\" on line %zu: %s", expect, ln, visual(l, text, ln));
}

/* A phone number in an Arabic sentence: UAX #9 alone makes its spaces
 * right to left (digits count as R for the neutrals between them, N1), so
 * the groups came out "90 48 61 21 236+".  Isolated left to right, the
 * number is one run in its own order, where the sentence puts it. */
static void test_phone_number_in_rtl(void **state)
{
	(void)state;
	/* سلام +236 21 61 48 90 عليكم */
	const char *t = A_SALAM " +236 21 61 48 90 " A_ALAYKUM;
	struct text_layout l = lay(t, 1, 1000);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 1);
	assert_string_equal(visual(&l, t, 0), " " A_ALAYKUM "|+236 21 61 48 90|" A_SALAM " ");
	check_line(&l, 0, 0, 36, 3, 270);
	check_run(&l, t, 0, 0, 25, " " A_ALAYKUM, 0, 60, 1, 0);
	check_run(&l, t, 0, 1, 9, "+236 21 61 48 90", 60, 160, 0, 0);
	check_run(&l, t, 0, 2, 0, A_SALAM " ", 220, 50, 1, 0);
	layout_free(&l);

	/* At the end of the sentence, before its full stop. */
	t = A_SALAM " +236 21 61 48 90.";
	l = lay(t, 1, 1000);
	assert_string_equal(visual(&l, t, 0), ".|+236 21 61 48 90|" A_SALAM " ");
	layout_free(&l);

	/* In Arabic-Indic digits (class AN) too: ٠٢١ ٦١ ٤٨ ٩٠ */
	t = A_FI " \xd9\xa0\xd9\xa2\xd9\xa1 \xd9\xa6\xd9\xa1 \xd9\xa4\xd9\xa8";
	l = lay(t, 1, 1000);
	assert_string_equal(visual(&l, t, 0),
	                    "\xd9\xa0\xd9\xa2\xd9\xa1 \xd9\xa6\xd9\xa1 \xd9\xa4\xd9\xa8|" A_FI " ");
	layout_free(&l);

	/* Never broken inside: at 170 px the number goes down whole (the
	 * spaces in it are not break opportunities). */
	t = A_SALAM " +236 21 61 48 90";
	l = lay(t, 1, 170);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 2);
	assert_string_equal(visual(&l, t, 0), A_SALAM);
	assert_string_equal(visual(&l, t, 1), "+236 21 61 48 90");
	assert_false(layout_cuts_word(&l));
	layout_free(&l);

	/* Left alone where nothing reads right to left: one run, as before. */
	t = "Call +236 21 61 48 90 now";
	l = lay(t, 0, 1000);
	check_line(&l, 0, 0, strlen(t), 1, 250);
	layout_free(&l);
}

/* Times, dates, percentages, Latin names and URLs in Arabic text keep their
 * own order too (most already do under UAX #9: one separator between
 * digits joins them). */
static void test_ltr_runs_in_rtl(void **state)
{
	(void)state;
	/* في 10:30 سلام 2026-01-31 عليكم 31/01/2026 يا 12 500: after Arabic
	 * letters the digits are Arabic numbers (W2), which a "-" does not
	 * join (W4): the date came out 31-01-2026. */
	const char *t = A_FI " 10:30 " A_SALAM " 2026-01-31 " A_ALAYKUM " 31/01/2026 " A_YA
	                " 12 500";
	struct text_layout l = lay(t, 1, 1000);
	check_invariants(&l, strlen(t));
	assert_int_equal(l.nlines, 1);
	assert_string_equal(visual(&l, t, 0), "12 500| " A_YA " |31/01/2026| " A_ALAYKUM
	                    " |2026-01-31| " A_SALAM " |10:30|" A_FI " ");
	check_ltr_run(&l, t, 0, "10:30");
	check_ltr_run(&l, t, 0, "2026-01-31");
	check_ltr_run(&l, t, 0, "31/01/2026");
	check_ltr_run(&l, t, 0, "12 500");
	layout_free(&l);

	/* A lone number keeps its sign where Arabic puts it (UAX #9): the
	 * "%" of 83% on its left, read after the number. */
	t = A_FI " 83%";
	l = lay(t, 1, 1000);
	assert_string_equal(visual(&l, t, 0), "%|83|" A_FI " ");
	layout_free(&l);

	/* A name and a URL (its final "/" stays at its end, the full stop
	 * after it is the sentence's). */
	t = A_SALAM " Amina Diallo " A_FI " https://example.org/help/.";
	l = lay(t, 1, 1000);
	check_invariants(&l, strlen(t));
	assert_string_equal(visual(&l, t, 0), ".|https://example.org/help/| " A_FI " |Amina Diallo|"
	                    A_SALAM " ");
	check_ltr_run(&l, t, 0, "https://example.org/help/");
	layout_free(&l);
	t = A_FI " www.example.org/" A_SALAM;
	l = lay(t, 1, 1000);
	assert_string_equal(visual(&l, t, 0), A_SALAM "|www.example.org/|" A_FI " ");
	layout_free(&l);

	/* Numbers that are two things stay two: "1820 (2008)" (a bracket
	 * does not join) and "1، 2" (a list) read right to left. */
	t = A_FI " 1820 (2008)";
	l = lay(t, 1, 1000);
	assert_string_equal(visual(&l, t, 0), ")|2008| (|1820|" A_FI " ");
	layout_free(&l);
	t = A_FI " 1\xd8\x8c 2";
	l = lay(t, 1, 1000);
	assert_string_equal(visual(&l, t, 0), "2|\xd8\x8c |1|" A_FI " ");
	layout_free(&l);
}

/* A line that ends inside a word says so; one that ends at a space, a
 * hyphen or a newline does not. */
static void test_cut_words(void **state)
{
	(void)state;
	struct text_layout l = lay("a supercalifragilistic b", 0, 60);
	assert_int_equal(l.nlines, 5);
	assert_false(l.lines[0].cut);           /* "a " */
	assert_true(l.lines[1].cut);            /* "superc" */
	assert_true(l.lines[3].cut);            /* "gilist" */
	assert_false(l.lines[4].cut);           /* the last */
	assert_true(layout_cuts_word(&l));
	layout_free(&l);
	l = lay("well-known fact\nend", 0, 60);
	for (size_t i = 0; i < l.nlines; i++)
		assert_false(l.lines[i].cut);
	assert_false(layout_cuts_word(&l));
	layout_free(&l);
	assert_false(layout_cuts_word(NULL));
}

/* Where a text may be cut between sentences. */
static void test_sentence_before(void **state)
{
	(void)state;
	const char *t = "One. Two! Three? Four";
	size_t n = strlen(t);
	assert_int_equal(layout_sentence_before(t, n, n), 17);     /* "Four" */
	assert_int_equal(layout_sentence_before(t, n, 16), 10);    /* "Three? " */
	assert_int_equal(layout_sentence_before(t, n, 10), 10);
	assert_int_equal(layout_sentence_before(t, n, 9), 5);
	assert_int_equal(layout_sentence_before(t, n, 4), 0);      /* inside the first */
	assert_int_equal(layout_sentence_before(t, n, 0), 0);

	/* Not after an abbreviation followed by a word in lower case, nor
	 * inside a number or after a colon. */
	t = "See e.g. the note: it is 3.5 km. \xc3\x89t\xc3\xa9 ends";
	n = strlen(t);
	assert_int_equal(layout_sentence_before(t, n, n), 33);     /* "Été" */
	assert_int_equal(layout_sentence_before(t, n, 32), 0);

	/* Closing quotes and brackets stay with their sentence; French
	 * guillemets with their no-break space. */
	t = "He said \"go.\" Then (she left.) And \xc2\xab fin.\xc2\xa0\xc2\xbb Next";
	n = strlen(t);
	assert_int_equal(layout_sentence_before(t, n, 14), 14);    /* "Then" */
	assert_int_equal(layout_sentence_before(t, n, 31), 31);    /* "And" */
	assert_int_equal(layout_sentence_before(t, n, n), strlen(t) - 4);

	/* Arabic: ؟ and . end sentences; a newline ends a line of verse. */
	t = A_SALAM "\xd8\x9f " A_ALAYKUM ". " A_YA "\n" A_FI;
	n = strlen(t);
	assert_int_equal(layout_sentence_before(t, n, 11), 11);
	assert_int_equal(layout_sentence_before(t, n, 24), 23);
	assert_int_equal(layout_sentence_before(t, n, n), 28);
}

static void test_spans_between(void **state)
{
	(void)state;
	const struct style_span in[3] = { { 0, 4, STYLE_EM }, { 6, 6, STYLE_LINK },
	                                  { 14, 2, STYLE_STRONG } };
	struct style_span out[3];
	/* [5, 14): the link whole, nothing of the others */
	assert_int_equal(layout_spans_between(in, 3, 5, 14, out), 1);
	assert_int_equal(out[0].start, 1);
	assert_int_equal(out[0].length, 6);
	assert_int_equal(out[0].style, STYLE_LINK);
	/* [2, 9): the ends of the first two, cut */
	assert_int_equal(layout_spans_between(in, 3, 2, 9, out), 2);
	assert_int_equal(out[0].start, 0);
	assert_int_equal(out[0].length, 2);
	assert_int_equal(out[1].start, 4);
	assert_int_equal(out[1].length, 3);
	assert_int_equal(layout_spans_between(in, 3, 12, 14, out), 0);
}

/* A link is drawn as emphasis: the kiosk follows no link, so nothing may
 * look like something to tap. */
static void test_links_drawn_as_emphasis(void **state)
{
	(void)state;
	assert_int_equal(layout_drawn_style(STYLE_LINK), STYLE_EM);
	assert_int_equal(layout_drawn_style(STYLE_LINK | STYLE_STRONG), STYLE_EM | STYLE_STRONG);
	assert_int_equal(layout_drawn_style(STYLE_LINK | STYLE_EM), STYLE_EM);
	assert_int_equal(layout_drawn_style(STYLE_STRONG), STYLE_STRONG);
	assert_int_equal(layout_drawn_style(STYLE_PLAIN), STYLE_PLAIN);
}

static void test_empty_and_invalid(void **state)
{
	(void)state;
	struct text_layout l;
	assert_int_equal(layout_text(&l, "", 0, NULL, 0, 0, 100, &fake_measure), 0);
	assert_int_equal(l.nlines, 0);
	assert_null(l.lines);
	assert_int_equal(l.height, 0);
	assert_int_equal(l.width, 0);
	layout_free(&l);
	assert_int_equal(layout_text(&l, NULL, 0, NULL, 0, 1, 100, &fake_measure), 0);
	assert_int_equal(l.nlines, 0);
	layout_free(&l);

	/* Invalid UTF-8: truncated, overlong, surrogate, stray continuation. */
	const char *bad[] = { "ab\xc3", "\xc0\xaf", "\xed\xa0\x80", "a\x80" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(layout_text(&l, bad[i], strlen(bad[i]), NULL, 0,
		                             0, 100, &fake_measure), -1);
		assert_int_equal(l.nlines, 0);
		assert_null(l.lines);
		layout_free(&l);
	}

	/* Spans out of the text, overlapping, or cutting a sequence. */
	const char *t = "\xc3\xa9t\xc3\xa9";   /* été */
	struct style_span out = { 3, 3, STYLE_EM };
	struct style_span overlap[2] = { { 0, 3, STYLE_EM }, { 2, 1, STYLE_CODE } };
	struct style_span mid = { 1, 2, STYLE_EM };
	struct style_span mid_end = { 0, 4, STYLE_EM };
	assert_int_equal(layout_text(&l, t, 5, &out, 1, 0, 100, &fake_measure), -1);
	assert_int_equal(layout_text(&l, t, 5, overlap, 2, 0, 100, &fake_measure), -1);
	assert_int_equal(layout_text(&l, t, 5, &mid, 1, 0, 100, &fake_measure), -1);
	assert_int_equal(layout_text(&l, t, 5, &mid_end, 1, 0, 100, &fake_measure), -1);
	assert_int_equal(l.nlines, 0);
	struct style_span ok = { 2, 3, STYLE_EM };
	assert_int_equal(layout_text(&l, t, 5, &ok, 1, 0, 100, &fake_measure), 0);
	check_line(&l, 0, 0, 5, 2, 30);
	check_run(&l, t, 0, 1, 2, "t\xc3\xa9", 10, 20, 0, STYLE_EM);
	layout_free(&l);

	/* No metrics. */
	struct measure none = { NULL, 20, NULL };
	assert_int_equal(layout_text(&l, "a", 1, NULL, 0, 0, 100, &none), -1);
	assert_int_equal(layout_text(&l, "a", 1, NULL, 0, 0, 100, NULL), -1);
	assert_int_equal(l.nlines, 0);

	layout_free(NULL);
	assert_int_equal(layout_line_x(NULL, 100, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_english),
		cmocka_unit_test(test_long_word_split),
		cmocka_unit_test(test_hyphen_break),
		cmocka_unit_test(test_utf8_never_split),
		cmocka_unit_test(test_harakat_stay_with_letter),
		cmocka_unit_test(test_arabic_paragraph),
		cmocka_unit_test(test_mixed_rtl_paragraph),
		cmocka_unit_test(test_mixed_ltr_paragraph),
		cmocka_unit_test(test_em_span),
		cmocka_unit_test(test_em_span_rtl),
		cmocka_unit_test(test_span_across_line_break),
		cmocka_unit_test(test_trailing_spaces),
		cmocka_unit_test(test_newlines),
		cmocka_unit_test(test_measured_per_run),
		cmocka_unit_test(test_brackets_rtl),
		cmocka_unit_test(test_phone_number_in_rtl),
		cmocka_unit_test(test_ltr_runs_in_rtl),
		cmocka_unit_test(test_cut_words),
		cmocka_unit_test(test_sentence_before),
		cmocka_unit_test(test_spans_between),
		cmocka_unit_test(test_links_drawn_as_emphasis),
		cmocka_unit_test(test_empty_and_invalid),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
