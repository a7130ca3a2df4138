/* test_tmpl.c - the Mustache subset (tmpl.h) with template values (tval.h). */
#include "testutil.h"

#include "tmpl.h"
#include "tval.h"

#define TPATH "templates/t.html"

/* Render `text` (one template, no partials) with `ctx`; heap result. */
static char *render(const char *text, const struct tval *ctx)
{
	struct tmpl_set *s = tmpl_set_new();
	struct err e = {0};
	struct buf out = {0};
	if (tmpl_set_add(s, "t", TPATH, text, &e) < 0 || tmpl_set_link(s, &e) < 0)
		fail_msg("template error: %s:%d: %s", e.file, e.line, e.msg);
	tmpl_render(tmpl_get(s, "t"), ctx, &out);
	tmpl_set_free(s);
	return buf_take(&out);
}

static void check(const char *text, const struct tval *ctx, const char *want)
{
	char *got = render(text, ctx);
	assert_string_equal(got, want);
	free(got);
}

/* Adding `text` (and linking) fails at `line` with `sub` in the message. */
static void check_error(const char *text, int line, const char *sub)
{
	struct tmpl_set *s = tmpl_set_new();
	struct err e = {0};
	int rc = tmpl_set_add(s, "t", TPATH, text, &e);
	if (rc == 0)
		rc = tmpl_set_link(s, &e);
	assert_int_equal(rc, -1);
	assert_err(e, TPATH, line, sub);
	tmpl_set_free(s);
}

static void test_escape(void **state)
{
	(void)state;
	struct tval *c = tv_map();
	tv_set_str(c, "x", "a & b < c > d \" e ' f");
	check("[{{x}}]", c, "[a &amp; b &lt; c &gt; d &quot; e &#39; f]");
	check("[{{ x }}]", c, "[a &amp; b &lt; c &gt; d &quot; e &#39; f]");
	check("[{{{x}}}]", c, "[a & b < c > d \" e ' f]");
	check("[{{& x}}]", c, "[a & b < c > d \" e ' f]");
	check("[{{&x}}]", c, "[a & b < c > d \" e ' f]");
	/* already-escaped text is escaped again */
	tv_set_str(c, "x", "&amp;");
	check("{{x}}", c, "&amp;amp;");
	tv_free(c);
}

static void test_attribute_injection(void **state)
{
	(void)state;
	struct tval *c = tv_map();
	tv_set_str(c, "href", "\"><script>alert(1)</script>");
	tv_set_str(c, "title", "' onmouseover='alert(1)");
	check("<a href=\"{{href}}\" title='{{title}}'>x</a>", c,
	      "<a href=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" "
	      "title='&#39; onmouseover=&#39;alert(1)'>x</a>");
	tv_free(c);
}

static void test_values(void **state)
{
	(void)state;
	struct tval *c = tv_map();
	tv_set_str(c, "s", "str");
	tv_set_int(c, "n", -42);
	tv_set_bool(c, "b", 1);
	tv_set(c, "l", tv_list());
	tv_set(c, "m", tv_map());
	/* numbers are strings; booleans, lists, maps and missing names print
	 * nothing */
	check("[{{s}}|{{n}}|{{b}}|{{l}}|{{m}}|{{missing}}]", c, "[str|-42||||]");
	/* replacing a key */
	tv_set_str(c, "s", "new");
	check("{{s}}", c, "new");
	/* no {{ at all, and text around tags kept byte for byte */
	check("plain\r\ntext }} {", c, "plain\r\ntext }} {");
	check("", c, "");
	tv_free(c);
}

static void test_sections(void **state)
{
	(void)state;
	struct tval *c = tv_map();
	struct tval *l = tv_set(c, "list", tv_list());
	for (int i = 1; i <= 3; i++) {
		struct tval *it = tv_push(l, tv_map());
		tv_set_int(it, "n", i);
	}
	struct tval *m = tv_set(c, "map", tv_map());
	tv_set_str(m, "name", "inner");
	tv_set_bool(c, "yes", 1);
	tv_set_bool(c, "no", 0);
	tv_set(c, "empty", tv_list());
	tv_set_str(c, "blank", "");
	tv_set_str(c, "word", "w");

	check("{{#list}}<{{n}}>{{/list}}", c, "<1><2><3>");
	check("{{#map}}[{{name}}]{{/map}}", c, "[inner]");
	check("{{#yes}}Y{{/yes}}", c, "Y");
	check("{{#no}}N{{/no}}", c, "");
	check("{{#empty}}E{{/empty}}", c, "");
	check("{{#blank}}B{{/blank}}", c, "");
	check("{{#missing}}M{{/missing}}", c, "");
	check("{{#word}}<{{.}}>{{/word}}", c, "<w>");

	check("{{^list}}L{{/list}}", c, "");
	check("{{^map}}M{{/map}}", c, "");
	check("{{^yes}}Y{{/yes}}", c, "");
	check("{{^no}}N{{/no}}", c, "N");
	check("{{^empty}}E{{/empty}}", c, "E");
	check("{{^blank}}B{{/blank}}", c, "B");
	check("{{^missing}}M{{/missing}}", c, "M");
	/* an inverted section does not push a context */
	check("{{^no}}{{word}}{{/no}}", c, "w");
	tv_free(c);
}

static void test_nested_stack(void **state)
{
	(void)state;
	struct tval *c = tv_map();
	tv_set_str(c, "lang", "fr");
	tv_set_str(c, "name", "outer");
	struct tval *tracks = tv_set(c, "tracks", tv_list());
	for (int i = 0; i < 2; i++) {
		struct tval *t = tv_push(tracks, tv_map());
		tv_set_str(t, "id", i ? "b" : "a");
		struct tval *mods = tv_set(t, "modules", tv_list());
		for (int j = 0; j < 2; j++) {
			struct tval *md = tv_push(mods, tv_map());
			tv_set_int(md, "n", j);
			if (j)
				tv_set_str(md, "name", "own");
		}
	}
	/* inner names fall back to outer contexts; a name in an inner context
	 * hides the outer one */
	check("{{#tracks}}{{id}}:{{#modules}}{{lang}}/{{id}}/{{n}}/{{name}};{{/modules}}|{{/tracks}}",
	      c, "a:fr/a/0/outer;fr/a/1/own;|b:fr/b/0/outer;fr/b/1/own;|");
	tv_free(c);
}

static void test_dotted(void **state)
{
	(void)state;
	struct tval *c = tv_map();
	struct tval *a = tv_set(c, "a", tv_map());
	struct tval *b = tv_set(a, "b", tv_map());
	tv_set_str(b, "c", "deep");
	struct tval *ui = tv_set(c, "ui", tv_map());
	tv_set_str(ui, "next", "Suivant");
	tv_set_bool(ui, "flag", 1);
	struct tval *l = tv_set(c, "l", tv_list());
	tv_push(l, tv_map());
	check("{{a.b.c}}|{{ui.next}}|{{a.x.c}}|{{a.b.c.d}}|{{nope.c}}", c, "deep|Suivant|||");
	/* the first part goes through the stack, the rest inside it */
	check("{{#l}}{{ui.next}}{{/l}}", c, "Suivant");
	check("{{#ui.flag}}F{{/ui.flag}}{{^ui.nope}}N{{/ui.nope}}", c, "FN");
	check("{{#a.b}}{{c}}{{/a.b}}", c, "deep");
	tv_free(c);
}

static void test_dot_list(void **state)
{
	(void)state;
	struct tval *c = tv_map();
	struct tval *l = tv_set(c, "l", tv_list());
	tv_push(l, tv_str("a<b"));
	tv_push(l, tv_str("c"));
	check("{{#l}}[{{.}}]{{/l}}", c, "[a&lt;b][c]");
	check("{{#l}}[{{{.}}}]{{/l}}", c, "[a<b][c]");
	tv_free(c);
}

static void test_borrowed(void **state)
{
	(void)state;
	struct tval *shared = tv_list();
	tv_push(shared, tv_str("x"));
	struct tval *c1 = tv_map(), *c2 = tv_map();
	tv_set_ref(c1, "l", shared);
	tv_set_ref(c2, "l", shared);
	check("{{#l}}{{.}}{{/l}}", c1, "x");
	tv_free(c1);   /* must not free `shared` */
	check("{{#l}}{{.}}{{/l}}", c2, "x");
	tv_free(c2);
	tv_free(shared);
	tv_free(NULL);
}

static void test_index(void **state)
{
	(void)state;
	/* map keys are borrowed: they must outlive the map */
	static char keys[100][8];
	struct tval *m = tv_map();
	char k[16], v[16];
	for (int i = 99; i >= 0; i--) {
		int j = i * 7 % 100;
		snprintf(keys[j], sizeof keys[j], "key%d", j);
		snprintf(v, sizeof v, "v%d", j);
		tv_set_str(m, keys[j], v);
	}
	tv_index(m);
	for (int i = 0; i < 100; i++) {
		snprintf(k, sizeof k, "key%d", i);
		snprintf(v, sizeof v, "v%d", i);
		struct tval *x = tv_get(m, k);
		assert_non_null(x);
		assert_string_equal(x->s, v);
	}
	assert_null(tv_get(m, "key100"));
	assert_null(tv_get(m, ""));
	assert_null(tv_get(m, "zzz"));
	assert_null(tv_get(m, "a"));
	/* setting a key afterwards (new or replaced) is seen */
	tv_set_str(m, "new", "n");
	assert_string_equal(tv_get(m, "new")->s, "n");
	tv_index(m);
	tv_set_str(m, "key5", "five");
	assert_string_equal(tv_get(m, "key5")->s, "five");
	tv_index(m);
	assert_string_equal(tv_get(m, "key5")->s, "five");
	assert_string_equal(tv_get(m, "new")->s, "n");
	/* through a template */
	struct tval *c = tv_map();
	tv_set_ref(c, "ui", m);
	check("{{ui.key42}}/{{ui.new}}/{{ui.nope}}", c, "v42/n/");
	tv_free(c);
	tv_free(m);
	/* empty maps */
	struct tval *e = tv_map();
	tv_index(e);
	assert_null(tv_get(e, "x"));
	tv_free(e);
}

static void test_partials(void **state)
{
	(void)state;
	struct tmpl_set *s = tmpl_set_new();
	struct err e = {0};
	struct buf out = {0};
	assert_int_equal(tmpl_set_add(s, "page", "templates/page.html",
	                              "<h1>{{title}}</h1>\n{{> item}}\n"
	                              "{{#items}}{{>item}}{{/items}}!", &e), 0);
	assert_int_equal(tmpl_set_add(s, "item", "templates/item.html",
	                              "<i>{{name}}</i>", &e), 0);
	assert_int_equal(tmpl_set_link(s, &e), 0);
	struct tval *c = tv_map();
	tv_set_str(c, "title", "T&");
	tv_set_str(c, "name", "top");
	struct tval *l = tv_set(c, "items", tv_list());
	tv_set_str(tv_push(l, tv_map()), "name", "a");
	tv_set_str(tv_push(l, tv_map()), "name", "b");
	assert_null(tmpl_get(s, "nope"));
	tmpl_render(tmpl_get(s, "page"), c, &out);
	/* the standalone partial line is replaced by the partial's text */
	assert_string_equal(out.data, "<h1>T&amp;</h1>\n<i>top</i><i>a</i><i>b</i>!");
	buf_free(&out);
	tv_free(c);
	tmpl_set_free(s);
}

/* A partial that includes itself, directly or through another, is refused
 * when the templates are linked, at the line that closes the cycle, with
 * the chain: rendering it would never end. */
static void test_partial_cycle_refused(void **state)
{
	(void)state;
	struct tmpl_set *s = tmpl_set_new();
	struct err e = {0};
	assert_int_equal(tmpl_set_add(s, "r", "templates/r.html", "x\n{{>r}}", &e), 0);
	assert_int_equal(tmpl_set_link(s, &e), -1);
	assert_err(e, "templates/r.html", 2, "partial \"r\" includes itself (r -> r)");
	tmpl_set_free(s);
	s = tmpl_set_new();
	assert_int_equal(tmpl_set_add(s, "page", "templates/page.html", "{{>a}}", &e), 0);
	assert_int_equal(tmpl_set_add(s, "a", "templates/a.html", "a\n{{#x}}{{>b}}{{/x}}", &e), 0);
	assert_int_equal(tmpl_set_add(s, "b", "templates/b.html", "b\n\n{{>a}}", &e), 0);
	assert_int_equal(tmpl_set_link(s, &e), -1);
	assert_err(e, "templates/b.html", 3, "partial \"a\" includes itself (a -> b -> a)");
	tmpl_set_free(s);
}

/* Sections nested 100,000 deep overflowed the stack while parsing: past 64
 * they are refused at the line of the one too many. */
static void test_deep_nesting_refused(void **state)
{
	(void)state;
	struct buf b = {0};
	for (int i = 0; i < 100000; i++)
		buf_puts(&b, "{{#a}}\n");
	buf_putc(&b, '\0');
	check_error(b.data, 65, "sections nested more than 64 deep");
	buf_reset(&b);
	for (int i = 0; i < 64; i++)
		buf_puts(&b, "{{#a}}");
	for (int i = 0; i < 64; i++)
		buf_puts(&b, "{{/a}}");
	buf_putc(&b, '\0');
	struct tmpl_set *s = tmpl_set_new();
	struct err e = {0};
	assert_int_equal(tmpl_set_add(s, "deep", "templates/deep.html", b.data, &e), 0);
	tmpl_set_free(s);
	buf_free(&b);
}

static void test_standalone(void **state)
{
	(void)state;
	struct tval *c = tv_map();
	tv_set_bool(c, "s", 1);
	tv_set_bool(c, "f", 0);
	struct tval *l = tv_set(c, "l", tv_list());
	tv_push(l, tv_str("1"));
	tv_push(l, tv_str("2"));

	check("a\n{{#s}}\nb\n{{/s}}\nc\n", c, "a\nb\nc\n");
	check("a\n{{#f}}\nb\n{{/f}}\nc\n", c, "a\nc\n");
	check("a\n{{^f}}\nb\n{{/f}}\nc\n", c, "a\nb\nc\n");
	check("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n</ul>\n", c,
	      "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n");
	/* comments: standalone ones take their line, inline ones nothing */
	check("a\n{{! note }}\nb{{! inline }}c\n", c, "a\nbc\n");
	check("a\n  {{! multi\nline }}  \nb\n", c, "a\nb\n");
	/* CRLF line ends */
	check("a\r\n{{#s}}\r\nb\r\n{{/s}}\r\nc\r\n", c, "a\r\nb\r\nc\r\n");
	/* a tag at the very end, without a newline */
	check("a\n{{#s}}b{{/s}}", c, "a\nb");
	check("a\n{{! end }}", c, "a\n");
	/* not standalone: other text on the line, or a variable tag */
	check("a {{#s}}b{{/s}} c\n", c, "a b c\n");
	check("x{{#s}}\ny\n{{/s}}z\n", c, "x\ny\nz\n");
	check("a\n{{s}}\nb\n", c, "a\n\nb\n");
	tv_free(c);
}

static void test_errors(void **state)
{
	(void)state;
	check_error("a\nb\n{{#sec}}\nc\n", 3, "section \"sec\" is not closed");
	check_error("{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}\n", 3,
	            "\"{{/a}}\" closes \"b\" (opened on line 2)");
	check_error("x\n\n{{/a}}\n", 3, "\"{{/a}}\" closes nothing");
	check_error("ok\n{{bad name}}\n", 2, "bad tag name \"bad name\"");
	check_error("{{}}", 1, "bad tag name \"\"");
	check_error("{{#}}{{/}}", 1, "bad tag name");
	check_error("x\n{{a<b>}}", 2, "bad tag name \"a<b>\"");
	check_error("{{oops\n", 1, "unclosed tag \"{{\"");
	check_error("{{{raw}}\n", 1, "unclosed tag");
}

static void test_unclosed_tag_line(void **state)
{
	(void)state;
	/* the error names the line of the "{{", even after text and other tags
	 * spanning several lines */
	check_error("line 1\n{{a}}\nline 3\n{{b\n", 4, "unclosed tag");
}

static void test_missing_partial(void **state)
{
	(void)state;
	struct tmpl_set *s = tmpl_set_new();
	struct err e = {0};
	assert_int_equal(tmpl_set_add(s, "page", "templates/page.html",
	                              "a\n{{#x}}\n  {{> footer}}\n{{/x}}\n", &e), 0);
	assert_int_equal(tmpl_set_link(s, &e), -1);
	assert_err(e, "templates/page.html", 3, "no partial \"footer\"");
	tmpl_set_free(s);
}

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	tmpdir = tu_mkdtemp();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(tmpdir);
	tmpdir = NULL;
	return 0;
}

static void test_load_dir(void **state)
{
	(void)state;
	const char *dir = tmpdir;
	tu_put(dir, "page.html", "[{{>part}}]");
	tu_put(dir, "part.html", "{{x}}");
	tu_put(dir, "notes.txt", "{{#unclosed}}");
	struct tmpl_set *s = NULL;
	struct err e = {0};
	struct buf out = {0};
	assert_int_equal(tmpl_set_load(&s, dir, &e), 0);
	struct tval *c = tv_map();
	tv_set_str(c, "x", "<x>");
	tmpl_render(tmpl_get(s, "page"), c, &out);
	assert_string_equal(out.data, "[&lt;x&gt;]");
	assert_null(tmpl_get(s, "notes"));
	buf_free(&out);
	tv_free(c);
	tmpl_set_free(s);

	/* an error in one file names that file */
	char *bad = tu_write(dir, "bad.html", "ok\n{{#s}}\n");
	assert_int_equal(tmpl_set_load(&s, dir, &e), -1);
	assert_null(s);
	assert_err(e, bad, 2, "not closed");
	free(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_attribute_injection),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_nested_stack),
		cmocka_unit_test(test_dotted),
		cmocka_unit_test(test_dot_list),
		cmocka_unit_test(test_borrowed),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_partials),
		cmocka_unit_test(test_partial_cycle_refused),
		cmocka_unit_test(test_deep_nesting_refused),
		cmocka_unit_test(test_standalone),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_unclosed_tag_line),
		cmocka_unit_test(test_missing_partial),
		cmocka_unit_test_setup_teardown(test_load_dir, setup, teardown),
	};
	return cmocka_run_group_tests_name("tmpl", tests, NULL, NULL);
}
