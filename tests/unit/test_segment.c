/* test_segment.c - cutting a CommonMark body into translation units. */
#include "testutil.h"

#include "segment.h"

#define MAXU 32

struct seen {
	int n;
	char *msgid[MAXU];
	int line[MAXU];
	cmark_node_type type[MAXU];
	int stop_after;   /* return -1 after this many units (0: never) */
};

static int collect(void *ctx, cmark_node *unit, const char *msgid, int line)
{
	struct seen *s = ctx;
	assert_true(s->n < MAXU);
	assert_true(segment_is_unit(unit));
	s->msgid[s->n] = xstrdup(msgid);
	s->line[s->n] = line;
	s->type[s->n] = cmark_node_get_type(unit);
	s->n++;
	return s->stop_after && s->n >= s->stop_after ? -1 : 0;
}

static void seen_free(struct seen *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->msgid[i]);
	s->n = 0;
}

static int walk(const char *md, int first_line, struct seen *s)
{
	cmark_node *doc = segment_parse(md, strlen(md));
	int rc = segment_walk(doc, first_line, collect, s);
	cmark_node_free(doc);
	return rc;
}

/* The msgid of the only unit of `md`. */
static char *only_msgid(const char *md)
{
	struct seen s = {0};
	assert_int_equal(walk(md, 1, &s), 0);
	if (s.n != 1)
		fail_msg("%d units in \"%s\"", s.n, md);
	return s.msgid[0];
}

static void same_msgid(const char *a, const char *b)
{
	char *x = only_msgid(a), *y = only_msgid(b);
	assert_string_equal(x, y);
	free(x);
	free(y);
}

static void msgid_is(const char *md, const char *want)
{
	char *got = only_msgid(md);
	assert_string_equal(got, want);
	free(got);
}

static const char body[] =
	"# Title with *stress*\n"          /* 1 */
	"\n"                               /* 2 */
	"First paragraph that is\n"        /* 3 */
	"wrapped over two lines.\n"        /* 4 */
	"\n"                               /* 5 */
	"- tight one\n"                    /* 6 */
	"- tight two\n"                    /* 7 */
	"\n"                               /* 8 */
	"1. loose one\n"                   /* 9 */
	"\n"                               /* 10 */
	"2. loose two\n"                   /* 11 */
	"\n"                               /* 12 */
	"> Quoted words.\n"                /* 13 */
	"\n"                               /* 14 */
	"    indented code\n"              /* 15 */
	"\n"                               /* 16 */
	"```\n"                            /* 17 */
	"fenced code\n"                    /* 18 */
	"```\n"                            /* 19 */
	"\n"                               /* 20 */
	"<div>\n"                          /* 21 */
	"raw html block\n"                 /* 22 */
	"</div>\n"                         /* 23 */
	"\n"                               /* 24 */
	"## Second *heading*\n"            /* 25 */
	"\n"                               /* 26 */
	"Last with **bold** and [a link](https://example.org/ \"T\").\n"; /* 27 */

static void test_units(void **state)
{
	(void)state;
	static const struct { const char *msgid; int line; cmark_node_type type; } want[] = {
		{ "Title with *stress*", 1, CMARK_NODE_HEADING },
		{ "First paragraph that is wrapped over two lines.", 3, CMARK_NODE_PARAGRAPH },
		{ "tight one", 6, CMARK_NODE_PARAGRAPH },
		{ "tight two", 7, CMARK_NODE_PARAGRAPH },
		{ "loose one", 9, CMARK_NODE_PARAGRAPH },
		{ "loose two", 11, CMARK_NODE_PARAGRAPH },
		{ "Quoted words.", 13, CMARK_NODE_PARAGRAPH },
		{ "Second *heading*", 25, CMARK_NODE_HEADING },
		{ "Last with **bold** and [a link](https://example.org/ \"T\").", 27,
		  CMARK_NODE_PARAGRAPH },
	};
	const int n = (int)(sizeof want / sizeof *want);
	for (int first = 1; first <= 8; first += 7) {
		struct seen s = {0};
		assert_int_equal(walk(body, first, &s), 0);
		assert_int_equal(s.n, n);
		for (int i = 0; i < n; i++) {
			assert_string_equal(s.msgid[i], want[i].msgid);
			/* first_line - 1 + the block's line in the body */
			assert_int_equal(s.line[i], first - 1 + want[i].line);
			assert_int_equal(s.type[i], want[i].type);
			assert_null(strstr(s.msgid[i], "code"));
			assert_null(strstr(s.msgid[i], "html"));
		}
		seen_free(&s);
	}
}

static void test_stop(void **state)
{
	(void)state;
	struct seen s = {0};
	s.stop_after = 2;
	assert_int_equal(walk(body, 1, &s), -1);
	assert_int_equal(s.n, 2);
	seen_free(&s);
}

static void test_no_units(void **state)
{
	(void)state;
	struct seen s = {0};
	assert_int_equal(walk("", 1, &s), 0);
	assert_int_equal(walk("    code\n\n<p>html</p>\n\n---\n", 1, &s), 0);
	/* an empty heading has no text */
	assert_int_equal(walk("#\n", 1, &s), 0);
	assert_int_equal(s.n, 0);
}

static void test_is_unit(void **state)
{
	(void)state;
	cmark_node *doc = segment_parse("# h\n\np\n", 8);
	assert_false(segment_is_unit(doc));
	cmark_node *h = cmark_node_first_child(doc);
	assert_true(segment_is_unit(h));
	assert_true(segment_is_unit(cmark_node_next(h)));
	assert_false(segment_is_unit(cmark_node_first_child(h)));   /* text */
	cmark_node_free(doc);
}

static void test_soft_break(void **state)
{
	(void)state;
	msgid_is("one\ntwo\nthree\n", "one two three");
	msgid_is("  indented\n  lines  \n", "indented lines");
	msgid_is("trailing spaces   \n", "trailing spaces");
}

/* segment.c's normalise() keeps "a newline after a backslash" as the hard
 * break, but cmark (0.30) renders a hard break back to CommonMark as two
 * spaces and a newline, which normalise turns into three spaces: the break
 * is lost from the msgid, so no translation can have it. */
static void test_hard_break(void **state)
{
	(void)state;
	msgid_is("one\\\ntwo\n", "one\\\ntwo");
	msgid_is("one  \ntwo\n", "one\\\ntwo");
}

/* An HTML comment or a tag written over two lines: its line break is no
 * break of the text (a space), and the msgid is the paragraph, not a run
 * of backslashes (normalise wrote its added backslash over what it had
 * still to read); several hard breaks in one unit keep each. */
static void test_inline_html_over_lines(void **state)
{
	(void)state;
	msgid_is("Before <!-- a comment\nover two lines --> after.\n",
	         "Before <!-- a comment over two lines --> after.");
	msgid_is("Text <span\nclass=\"x\">inside</span> end.\n",
	         "Text <span class=\"x\">inside</span> end.");
	msgid_is("a\\\nb\\\nc\\\nd\n", "a\\\nb\\\nc\\\nd");
}

static void test_same_text(void **state)
{
	(void)state;
	same_msgid("An *important* word.\n", "An _important_ word.\n");
	same_msgid("A __strong__ word.\n", "A **strong** word.\n");
	same_msgid("   Leading spaces.\n", "Leading spaces.\n");
	same_msgid("Trailing spaces.   \n", "Trailing spaces.\n");
	same_msgid("Spaces  \t\nat the wrap.\n", "Spaces at the wrap.\n");
	same_msgid("Wrapped\ntext here.\n", "Wrapped text here.\n");
	same_msgid("Title\n=====\n", "# Title\n");
	same_msgid("## Title ##\n", "#   Title\n");
	same_msgid("[a link]( http://x.org/a )\n", "[a link](http://x.org/a)\n");
	same_msgid("* item\n", "- item\n");
}

/* Runs of spaces inside a line are kept as they are, so "End.  Next."
 * (two spaces after a full stop, a common habit) and "End. Next." give two
 * msgids although they are the same text on the page. */
static void test_same_text_inner_spaces(void **state)
{
	(void)state;
	same_msgid("Some   extra    spaces.\n", "Some extra spaces.\n");
	same_msgid("End.  Next.\n", "End. Next.\n");
}

/* The header promises the same msgid "however the author spaced or wrapped
 * it".  cmark's CommonMark renderer escapes a character that would start a
 * block at the beginning of a line ('-', '+', '=', a digit run followed by
 * '.' or ')'), and a soft break puts the next word at the beginning of a
 * line: so the wrapped spelling gets a backslash the one-line spelling does
 * not have. */
static void test_same_text_wrapped_before_marker(void **state)
{
	(void)state;
	same_msgid("It fell to\n-5 degrees.\n", "It fell to -5 degrees.\n");
	same_msgid("Cases rose in\n2020. Then they fell.\n",
	           "Cases rose in 2020. Then they fell.\n");
	same_msgid("Give it a\n+1 today.\n", "Give it a +1 today.\n");
}

/* A soft break after a literal backslash is still a soft break. */
static void test_soft_break_after_backslash(void **state)
{
	(void)state;
	msgid_is("The folder C:\\\\\nholds it.\n", "The folder C:\\\\ holds it.");
}

static void test_inline_form(void **state)
{
	(void)state;
	msgid_is("Read *this* and **that** and `code` and [the policy](https://un.org/p \"t\").\n",
	         "Read *this* and **that** and `code` and [the policy](https://un.org/p \"t\").");
	msgid_is("See [the help](../help/index.md).\n", "See [the help](../help/index.md).");
	msgid_is("An ![image](img.png) here.\n", "An ![image](img.png) here.");
	/* characters with a CommonMark meaning are escaped */
	msgid_is("5 \\* 3 \\_x\\_\n", "5 \\* 3 \\_x\\_");
	/* a heading loses its marks, nothing else */
	msgid_is("### Three *levels*\n", "Three *levels*");
	/* entities are decoded; UTF-8 is kept */
	msgid_is("caf&eacute; caf\xC3\xA9\n", "caf\xC3\xA9 caf\xC3\xA9");
}

static void test_nested_containers(void **state)
{
	(void)state;
	struct seen s = {0};
	static const char md[] =
		"- item\n"               /* 1 */
		"\n"                     /* 2 */
		"  > quote in item\n"    /* 3 */
		"\n"                     /* 4 */
		"  - nested\n"           /* 5 */
		"    continued\n";       /* 6 */
	assert_int_equal(walk(md, 10, &s), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.msgid[0], "item");
	assert_int_equal(s.line[0], 10);
	assert_string_equal(s.msgid[1], "quote in item");
	assert_int_equal(s.line[1], 12);
	assert_string_equal(s.msgid[2], "nested continued");
	assert_int_equal(s.line[2], 14);
	seen_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_no_units),
		cmocka_unit_test(test_is_unit),
		cmocka_unit_test(test_soft_break),
		cmocka_unit_test(test_hard_break),
		cmocka_unit_test(test_inline_html_over_lines),
		cmocka_unit_test(test_same_text),
		cmocka_unit_test(test_same_text_inner_spaces),
		cmocka_unit_test(test_same_text_wrapped_before_marker),
		cmocka_unit_test(test_soft_break_after_backslash),
		cmocka_unit_test(test_inline_form),
		cmocka_unit_test(test_nested_containers),
	};
	return cmocka_run_group_tests_name("segment", tests, NULL, NULL);
}
