/* test_mdhtml.c - the translating, safe CommonMark to HTML renderer. */
#include "testutil.h"

#include "mdhtml.h"
#include "segment.h"

#define MDPATH "content/t/01-x/index.md"

/* Maps "x/index.md" (a link) to "x.html" and "pic.png" (an image) to
 * "../media/pic.png"; anything else is an error. */
static int fake_resolve(void *ctx, const char *url, int is_image,
                        struct buf *href, struct err *e)
{
	int *calls = ctx;
	(*calls)++;
	if (!is_image && !strcmp(url, "x/index.md")) {
		buf_puts(href, "x.html");
		return 0;
	}
	if (!is_image && !strcmp(url, "x/index.md#part")) {
		buf_puts(href, "x.html#part");
		return 0;
	}
	if (is_image && !strcmp(url, "pic.png")) {
		buf_puts(href, "../media/pic.png");
		return 0;
	}
	return err_set(e, "resolver", 7, "no such target \"%s\"", url);
}

struct ctx {
	struct md_env env;
	struct err e;
	int calls;
	int rc;
};

static void env_init(struct ctx *c, const struct catalog *cat)
{
	memset(c, 0, sizeof *c);
	c->env.cat = cat;
	c->env.source_lang = "en";
	c->env.path = MDPATH;
	c->env.first_line = 10;
	c->env.resolve = fake_resolve;
	c->env.resolve_ctx = &c->calls;
}

/* Render `md` with the context's env; heap HTML, rc in c->rc. */
static char *render_with(struct ctx *c, const char *md)
{
	struct buf out = {0};
	cmark_node *doc = segment_parse(md, strlen(md));
	c->rc = mdhtml_render(doc, &c->env, &out, &c->e);
	cmark_node_free(doc);
	return buf_take(&out);
}

/* Render `md` without a catalogue and compare. */
static void check(const char *md, const char *want)
{
	struct ctx c;
	env_init(&c, NULL);
	char *got = render_with(&c, md);
	if (c.rc != 0)
		fail_msg("render failed: %s:%d: %s", c.e.file, c.e.line, c.e.msg);
	assert_string_equal(got, want);
	free(got);
}

static void check_cat(const struct catalog *cat, const char *md, const char *want,
                      struct ctx *c)
{
	env_init(c, cat);
	char *got = render_with(c, md);
	if (c->rc != 0)
		fail_msg("render failed: %s:%d: %s", c->e.file, c->e.line, c->e.msg);
	assert_string_equal(got, want);
	free(got);
}

static void test_blocks(void **state)
{
	(void)state;
	check("Hello *you* and **all** with `a<b`.\n",
	      "<p>Hello <em>you</em> and <strong>all</strong> with <code>a&lt;b</code>.</p>\n");
	check("a & b < c \"d\" 'e'\n", "<p>a &amp; b &lt; c &quot;d&quot; &#39;e&#39;</p>\n");
	check("soft\nbreak\n", "<p>soft\nbreak</p>\n");
	check("hard\\\nbreak\n", "<p>hard<br>\nbreak</p>\n");
	check("> quoted\n", "<blockquote>\n<p>quoted</p>\n</blockquote>\n");
	check("```\n<b>&</b>\n```\n", "<pre><code>&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n");
	check("    code\n", "<pre><code>code\n</code></pre>\n");
	check("a\n\n---\n\nb\n", "<p>a</p>\n<hr>\n<p>b</p>\n");
	check("- one\n- two\n", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
	check("- one\n\n- two\n", "<ul>\n<li><p>one</p>\n</li>\n<li><p>two</p>\n</li>\n</ul>\n");
	check("1. a\n2. b\n", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n");
	check("3. a\n4. b\n", "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n");
	check("", "");
}

static void test_headings(void **state)
{
	(void)state;
	/* the page title is the only h1 */
	check("# Top\n", "<h2>Top</h2>\n");
	check("Top\n===\n", "<h2>Top</h2>\n");
	check("## Sub\n\n### Deep *x*\n\n###### Six\n",
	      "<h2>Sub</h2>\n<h3>Deep <em>x</em></h3>\n<h6>Six</h6>\n");
}

static void test_raw_html_dropped(void **state)
{
	(void)state;
	check("<div>\n<script>alert(1)</script>\n</div>\n\nafter\n", "<p>after</p>\n");
	check("<script>alert(1)</script>\n", "");
	check("<!-- comment -->\n\nx\n", "<p>x</p>\n");
	check("Text <b>bold</b> <script>x</script> <img src=x onerror=alert(1)> end.\n",
	      "<p>Text bold x  end.</p>\n");
	check("- <span>item</span>\n", "<ul>\n<li>item</li>\n</ul>\n");
}

static void test_unsafe_links(void **state)
{
	(void)state;
	check("[click](javascript:alert(1))\n", "<p>click</p>\n");
	check("[click](JaVaScRiPt:alert(1))\n", "<p>click</p>\n");
	check("[click](data:text/html;base64,PHNjcmlwdD4=)\n", "<p>click</p>\n");
	check("[click](vbscript:msgbox)\n", "<p>click</p>\n");
	check("[click](&#106;avascript:alert(1))\n", "<p>click</p>\n");
	check("[click](<javascript:alert(1)>)\n", "<p>click</p>\n");
	check("[click](file:///etc/passwd)\n", "<p>click</p>\n");
	check("<javascript:alert(1)>\n", "<p>javascript:alert(1)</p>\n");
	check("[*em* text](javascript:x)\n", "<p><em>em</em> text</p>\n");
	/* reference-style links follow the same rule */
	check("[r][1]\n\n[1]: javascript:alert(1)\n", "<p>r</p>\n");
}

static void test_safe_links(void **state)
{
	(void)state;
	check("[a](http://example.org/p?x=1&y=2)\n",
	      "<p><a href=\"http://example.org/p?x=1&amp;y=2\">a</a></p>\n");
	check("[a](https://example.org/ \"Say \\\"hi\\\" <now>\")\n",
	      "<p><a href=\"https://example.org/\" title=\"Say &quot;hi&quot; &lt;now&gt;\">a</a></p>\n");
	check("[a](https://example.org/\"><script>x</script>)\n",
	      "<p><a href=\"https://example.org/%22%3E%3Cscript%3Ex%3C/script%3E\">a</a></p>\n");
	check("[a](<https://example.org/it's a b>)\n",
	      "<p><a href=\"https://example.org/it&#39;s%20a%20b\">a</a></p>\n");
	check("[a](https://example.org/caf\xC3\xA9)\n",
	      "<p><a href=\"https://example.org/caf%C3%A9\">a</a></p>\n");
	check("[mail](mailto:help@example.org)\n",
	      "<p><a href=\"mailto:help@example.org\">mail</a></p>\n");
	check("[call](tel:+41221234567)\n", "<p><a href=\"tel:+41221234567\">call</a></p>\n");
	check("[HTTP](HTTPS://EXAMPLE.ORG)\n", "<p><a href=\"HTTPS://EXAMPLE.ORG\">HTTP</a></p>\n");
	check("[top](#top)\n", "<p><a href=\"#top\">top</a></p>\n");
	check("<https://example.org>\n",
	      "<p><a href=\"https://example.org\">https://example.org</a></p>\n");
}

static void test_url_rules(void **state)
{
	(void)state;
	assert_true(mdhtml_url_is_safe_absolute("http://a"));
	assert_true(mdhtml_url_is_safe_absolute("HTTPS://a"));
	assert_true(mdhtml_url_is_safe_absolute("mailto:a@b"));
	assert_true(mdhtml_url_is_safe_absolute("tel:123"));
	assert_true(mdhtml_url_is_safe_absolute("#frag"));
	assert_false(mdhtml_url_is_safe_absolute("javascript:x"));
	assert_false(mdhtml_url_is_safe_absolute("data:x"));
	assert_false(mdhtml_url_is_safe_absolute("ftp://x"));
	assert_false(mdhtml_url_is_safe_absolute("httpx://x"));
	assert_true(mdhtml_url_is_relative("x/index.md"));
	assert_true(mdhtml_url_is_relative("../a:b"));
	assert_true(mdhtml_url_is_relative("#a:b"));
	assert_true(mdhtml_url_is_relative("?q=a:b"));
	assert_true(mdhtml_url_is_relative(""));
	assert_false(mdhtml_url_is_relative("javascript:x"));
	assert_false(mdhtml_url_is_relative("a:b/c"));
}

static void test_image_no_network(void **state)
{
	(void)state;
	struct ctx c;
	env_init(&c, NULL);
	char *got = render_with(&c, "Text.\n\nSee ![a chart](http://example.org/c.png).\n");
	assert_int_equal(c.rc, -1);
	assert_err(c.e, MDPATH, 12, "not a local file");
	assert_contains(c.e.msg, "http://example.org/c.png");
	free(got);

	env_init(&c, NULL);
	got = render_with(&c, "![x](data:image/png;base64,AAAA)\n");
	assert_int_equal(c.rc, -1);
	assert_err(c.e, MDPATH, 10, "not a local file");
	free(got);
	assert_int_equal(c.calls, 0);
}

static void test_relative(void **state)
{
	(void)state;
	struct ctx c;
	env_init(&c, NULL);
	char *got = render_with(&c, "[see](x/index.md) and [part](x/index.md#part)\n\n"
	                            "![A *chart*](pic.png)\n");
	assert_int_equal(c.rc, 0);
	assert_string_equal(got, "<p><a href=\"x.html\">see</a> and "
	                         "<a href=\"x.html#part\">part</a></p>\n"
	                         "<p><img src=\"../media/pic.png\" alt=\"A chart\" loading=\"lazy\"></p>\n");
	assert_int_equal(c.calls, 3);
	free(got);

	/* the resolver's error comes back as it is */
	env_init(&c, NULL);
	got = render_with(&c, "ok\n\n[bad](y/index.md)\n");
	assert_int_equal(c.rc, -1);
	assert_err(c.e, "resolver", 7, "no such target \"y/index.md\"");
	free(got);
	env_init(&c, NULL);
	got = render_with(&c, "![bad](x/index.md)\n");
	assert_int_equal(c.rc, -1);
	assert_err(c.e, "resolver", 7, "no such target");
	free(got);

	/* no resolver: relative links are refused */
	env_init(&c, NULL);
	c.env.resolve = NULL;
	got = render_with(&c, "a\n\n[see](x/index.md)\n");
	assert_int_equal(c.rc, -1);
	assert_err(c.e, MDPATH, 12, "cannot be resolved");
	free(got);
}

static void test_translated(void **state)
{
	(void)state;
	struct catalog *cat = catalog_new();
	struct ctx c;
	catalog_add(cat, NULL, "First *para*.", "Premier **gras**.", 0);
	catalog_add(cat, NULL, "Title", "Titre", 0);
	check_cat(cat, "# Title\n\nFirst *para*.\n\nSecond\npara.\n",
	          "<h2>Titre</h2>\n"
	          "<p>Premier <strong>gras</strong>.</p>\n"
	          "<p lang=\"en\" class=\"fallback\">Second\npara.</p>\n", &c);
	assert_int_equal(c.env.units, 3);
	assert_int_equal(c.env.fallbacks, 1);
	assert_int_equal(c.env.first_fallback_line, 14);
	assert_int_equal(c.env.first_fallback_state, T_MISSING);

	/* a heading that falls back; the first fallback is the heading */
	check_cat(cat, "## Other\n\nFirst *para*.\n",
	          "<h2 lang=\"en\" class=\"fallback\">Other</h2>\n"
	          "<p>Premier <strong>gras</strong>.</p>\n", &c);
	assert_int_equal(c.env.fallbacks, 1);
	assert_int_equal(c.env.first_fallback_line, 10);
	catalog_free(cat);
}

static void test_fuzzy(void **state)
{
	(void)state;
	struct catalog *cat = catalog_new();
	struct ctx c;
	catalog_add(cat, NULL, "One.", "Un.", 0);
	catalog_add(cat, NULL, "Two.", "Deux.", 1);
	check_cat(cat, "One.\n\nTwo.\n\nThree.\n",
	          "<p>Un.</p>\n"
	          "<p lang=\"en\" class=\"fallback\">Two.</p>\n"
	          "<p lang=\"en\" class=\"fallback\">Three.</p>\n", &c);
	assert_int_equal(c.env.units, 3);
	assert_int_equal(c.env.fallbacks, 2);
	assert_int_equal(c.env.first_fallback_line, 12);
	assert_int_equal(c.env.first_fallback_state, T_FUZZY);
	catalog_free(cat);
}

static void test_lists_fallback(void **state)
{
	(void)state;
	struct catalog *cat = catalog_new();
	struct ctx c;
	catalog_add(cat, NULL, "one", "un", 0);
	check_cat(cat, "- one\n- two\n",
	          "<ul>\n<li>un</li>\n"
	          "<li><span lang=\"en\" class=\"fallback\">two</span></li>\n</ul>\n", &c);
	assert_int_equal(c.env.fallbacks, 1);
	assert_int_equal(c.env.first_fallback_line, 11);
	check_cat(cat, "- one\n\n- two\n",
	          "<ul>\n<li><p>un</p>\n</li>\n"
	          "<li><p lang=\"en\" class=\"fallback\">two</p>\n</li>\n</ul>\n", &c);
	check_cat(cat, "> two\n",
	          "<blockquote>\n<p lang=\"en\" class=\"fallback\">two</p>\n</blockquote>\n", &c);
	/* code is not a unit: no fallback for it */
	check_cat(cat, "    two\n", "<pre><code>two\n</code></pre>\n", &c);
	assert_int_equal(c.env.units, 0);
	assert_int_equal(c.env.fallbacks, 0);
	catalog_free(cat);
}

static void test_translation_is_safe(void **state)
{
	(void)state;
	struct catalog *cat = catalog_new();
	struct ctx c;
	catalog_add(cat, NULL, "A.", "Cliquez [ici](javascript:alert(1)) <img src=x onerror=alert(1)>", 0);
	catalog_add(cat, NULL, "B.", "<script>alert(1)</script>", 0);
	catalog_add(cat, NULL, "C.", "Un\n\nDeux <b>", 0);
	catalog_add(cat, NULL, "D.", "Voir [x](x/index.md) & <i>", 0);
	check_cat(cat, "A.\n\nB.\n\nC.\n\nD.\n",
	          "<p>Cliquez ici </p>\n"
	          "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
	          "<p>Un\n\nDeux &lt;b&gt;</p>\n"
	          "<p>Voir <a href=\"x.html\">x</a> &amp; </p>\n", &c);
	assert_int_equal(c.env.fallbacks, 0);
	/* an image in a translation follows the same rule */
	catalog_add(cat, NULL, "E.", "![x](http://example.org/t.png)", 0);
	env_init(&c, cat);
	char *got = render_with(&c, "\nE.\n");
	assert_int_equal(c.rc, -1);
	assert_err(c.e, MDPATH, 11, "not a local file");
	free(got);
	catalog_free(cat);
}

static void test_inline(void **state)
{
	(void)state;
	struct ctx c;
	struct buf out = {0};
	env_init(&c, NULL);
	assert_int_equal(mdhtml_inline("A *title* <b>x</b> & [l](javascript:y)", &c.env, &out, &c.e), 0);
	assert_string_equal(out.data, "A <em>title</em> x &amp; l");
	buf_free(&out);
}

/* msgids computed once (mdhtml_unit_msgids) and handed to the renderer give
 * the same page and counts as computing them while rendering. */
static void test_precomputed_msgids(void **state)
{
	(void)state;
	static const char md[] =
		"# Title\n\nFirst *para*.\n\n- one\n- two\n\n> Quoted\nlines.\n\n"
		"    code\n\n<div>html</div>\n\n1. loose\n\n2. items\n\nLast.\n";
	static const char *const want[] = { "Title", "First *para*.", "one", "two",
	                                    "Quoted lines.", "loose", "items", "Last." };
	struct catalog *cat = catalog_new();
	catalog_add(cat, NULL, "First *para*.", "Premier **gras**.", 0);
	catalog_add(cat, NULL, "two", "deux", 0);
	catalog_add(cat, NULL, "items", "articles", 1);
	cmark_node *doc = segment_parse(md, strlen(md));
	char **ids;
	size_t n;
	mdhtml_unit_msgids(doc, &ids, &n);
	assert_int_equal(n, sizeof want / sizeof *want);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(ids[i], want[i]);

	struct ctx a, b;
	struct buf outa = {0}, outb = {0};
	env_init(&a, cat);
	env_init(&b, cat);
	b.env.msgids = ids;
	b.env.nmsgids = n;
	assert_int_equal(mdhtml_render(doc, &a.env, &outa, &a.e), 0);
	assert_int_equal(mdhtml_render(doc, &b.env, &outb, &b.e), 0);
	assert_string_equal(outa.data, outb.data);
	assert_contains(outb.data, "<p>Premier <strong>gras</strong>.</p>\n");
	assert_contains(outb.data, "<li>deux</li>\n");
	assert_contains(outb.data, "<li><p lang=\"en\" class=\"fallback\">items</p>\n</li>\n");
	assert_int_equal(b.env.units, a.env.units);
	assert_int_equal(b.env.units, 8);
	assert_int_equal(b.env.fallbacks, a.env.fallbacks);
	assert_int_equal(b.env.fallbacks, 6);
	assert_int_equal(b.env.first_fallback_line, 10);
	/* rendering again with the same env resets the counts */
	buf_reset(&outb);
	assert_int_equal(mdhtml_render(doc, &b.env, &outb, &b.e), 0);
	assert_string_equal(outa.data, outb.data);
	assert_int_equal(b.env.fallbacks, 6);
	/* fewer msgids than units: the rest are computed */
	struct ctx c;
	struct buf outc = {0};
	env_init(&c, cat);
	c.env.msgids = ids;
	c.env.nmsgids = 3;
	assert_int_equal(mdhtml_render(doc, &c.env, &outc, &c.e), 0);
	assert_string_equal(outa.data, outc.data);
	assert_int_equal(c.env.fallbacks, 6);
	buf_free(&outa);
	buf_free(&outb);
	buf_free(&outc);
	mdhtml_free_msgids(ids, n);
	cmark_node_free(doc);

	/* a document without units */
	doc = segment_parse("    code\n", 9);
	mdhtml_unit_msgids(doc, &ids, &n);
	assert_int_equal(n, 0);
	mdhtml_free_msgids(ids, n);
	cmark_node_free(doc);
	catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_raw_html_dropped),
		cmocka_unit_test(test_unsafe_links),
		cmocka_unit_test(test_safe_links),
		cmocka_unit_test(test_url_rules),
		cmocka_unit_test(test_image_no_network),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_translated),
		cmocka_unit_test(test_fuzzy),
		cmocka_unit_test(test_lists_fallback),
		cmocka_unit_test(test_translation_is_safe),
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_precomputed_msgids),
	};
	return cmocka_run_group_tests_name("mdhtml", tests, NULL, NULL);
}
