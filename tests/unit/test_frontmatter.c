/* test_frontmatter.c - module_parse: front matter, body and their errors. */
#include "testutil.h"

#include "content.h"

#define PATH "content/policy/01-x/index.md"

static void module_clear(struct module *m)
{
	free(m->title.src);
	free(m->summary.src);
	free(m->audience);
	free(m->body);
	memset(m, 0, sizeof *m);
}

/* Parse a heap copy of `len` bytes of `text` into a zeroed module (no
 * track); the error (if any) goes to `e`. */
static int parse_n(struct module *m, const char *text, size_t len,
                   struct err *e)
{
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	memset(m, 0, sizeof *m);
	memset(e, 0, sizeof *e);
	int rc = module_parse(m, PATH, copy, len, e);
	free(copy);
	return rc;
}

static int parse(struct module *m, const char *text, struct err *e)
{
	return parse_n(m, text, strlen(text), e);
}

/* Parse `text`, expect failure at `line` with `sub` in the message. */
static void expect_error(const char *text, int line, const char *sub)
{
	struct module m;
	struct err e;
	assert_int_equal(parse(&m, text, &e), -1);
	assert_err(e, PATH, line, sub);
	module_clear(&m);
}

static void test_good(void **state)
{
	(void)state;
	static const char text[] =
		"---\n"                              /* 1 */
		"title: \"What is CRSV?\"\n"         /* 2 */
		"summary: The basics, in short.\n"   /* 3 */
		"minutes: 12\n"                      /* 4 */
		"audience: community\n"              /* 5 */
		"critical: true\n"                   /* 6 */
		"---\n"                              /* 7 */
		"# Heading\n"                        /* 8 */
		"\n"
		"Body text.\n";
	struct module m;
	struct err e;
	assert_int_equal(parse(&m, text, &e), 0);
	assert_string_equal(m.title.src, "What is CRSV?");
	assert_int_equal(m.title.line, 2);
	assert_string_equal(m.summary.src, "The basics, in short.");
	assert_int_equal(m.summary.line, 3);
	assert_int_equal(m.minutes, 12);
	assert_string_equal(m.audience, "community");
	assert_int_equal(m.critical, 1);
	assert_string_equal(m.body, "# Heading\n\nBody text.\n");
	assert_int_equal(m.body_len, strlen("# Heading\n\nBody text.\n"));
	assert_int_equal(m.body_line, 8);
	module_clear(&m);
}

static void test_defaults(void **state)
{
	(void)state;
	struct module m;
	struct err e;
	assert_int_equal(parse(&m, "---\ntitle: T\n---\n\n\nLate body\n", &e), 0);
	assert_string_equal(m.title.src, "T");
	assert_null(m.summary.src);
	assert_int_equal(m.summary.line, 0);
	assert_int_equal(m.minutes, 0);
	assert_int_equal(m.critical, 0);
	/* no track: the audience defaults to "all" */
	assert_string_equal(m.audience, "all");
	assert_string_equal(m.body, "\n\nLate body\n");
	assert_int_equal(m.body_line, 4);
	module_clear(&m);

	/* yes/no spellings, false */
	assert_int_equal(parse(&m, "---\ntitle: T\ncritical: no\n---\n", &e), 0);
	assert_int_equal(m.critical, 0);
	module_clear(&m);
	assert_int_equal(parse(&m, "---\ntitle: T\ncritical: yes\n---\n", &e), 0);
	assert_int_equal(m.critical, 1);
	module_clear(&m);
}

static void test_audience_from_track(void **state)
{
	(void)state;
	struct track t = {0};
	t.audience = "personnel";
	struct module m = {0};
	struct err e = {0};
	char *copy = xstrdup("---\ntitle: T\n---\nb\n");
	m.track = &t;
	assert_int_equal(module_parse(&m, PATH, copy, strlen(copy), &e), 0);
	assert_string_equal(m.audience, "personnel");
	free(copy);
	module_clear(&m);
}

static void test_empty_body(void **state)
{
	(void)state;
	struct module m;
	struct err e;
	assert_int_equal(parse(&m, "---\ntitle: T\n---\n", &e), 0);
	assert_string_equal(m.body, "");
	assert_int_equal(m.body_len, 0);
	assert_int_equal(m.body_line, 4);
	module_clear(&m);
}

static void test_crlf(void **state)
{
	(void)state;
	struct module m;
	struct err e;
	assert_int_equal(parse(&m, "---\r\ntitle: T\r\nminutes: 3\r\n---\r\nBody\r\n", &e), 0);
	assert_string_equal(m.title.src, "T");
	assert_int_equal(m.minutes, 3);
	assert_string_equal(m.body, "Body\r\n");
	assert_int_equal(m.body_line, 5);
	module_clear(&m);
}

static void test_missing_title(void **state)
{
	(void)state;
	expect_error("---\nsummary: S\nminutes: 3\n---\nbody\n", 2, "missing \"title\"");
	/* the mapping starts after a comment line */
	expect_error("---\n# a comment\nsummary: S\n---\nbody\n", 3, "missing \"title\"");
	expect_error("---\ntitle: \"\"\n---\nbody\n", 2, "\"title\" is empty");
	expect_error("---\ntitle: [a, b]\n---\n", 2, "\"title\" must be a text value");
}

static void test_unknown_key(void **state)
{
	(void)state;
	expect_error("---\ntitle: T\nminutes: 3\ncolour: red\n---\nbody\n", 4,
	             "unknown key \"colour\"");
}

static void test_bad_yaml(void **state)
{
	(void)state;
	struct module m;
	struct err e;
	/* line 3 of the file is line 2 of the YAML: a second value on a key */
	assert_int_equal(parse(&m, "---\ntitle: T\nsummary: a: b\n---\nbody\n", &e), -1);
	assert_err(e, PATH, 3, "mapping values are not allowed");
	assert_int_equal(e.column, 11);
	module_clear(&m);
	/* an unterminated quoted string: libyaml stops at the end of the front
	 * matter; the error names the line where the quote opens, in plain
	 * words, with libyaml's after them */
	assert_int_equal(parse(&m, "---\ntitle: T\n\nsummary: \"open\n---\nbody\n", &e), -1);
	assert_err(e, PATH, 4, "this quote is never closed");
	assert_err(e, PATH, 4, "unexpected end of stream");
	assert_int_equal(e.column, 10);
	module_clear(&m);
	/* a tab where indentation is expected */
	assert_int_equal(parse(&m, "---\ntitle: T\n\ttab: x\n---\n", &e), -1);
	assert_err(e, PATH, 3, "tab");
	assert_int_equal(e.column, 1);
	module_clear(&m);
	/* empty front matter */
	expect_error("---\n---\nbody\n", 2, "empty YAML document");
	/* not a mapping */
	expect_error("---\n- a\n- b\n---\n", 2, "front matter must be a mapping");
}

static void test_no_opening(void **state)
{
	(void)state;
	expect_error("title: T\n---\nbody\n", 1, "expected front matter starting with \"---\"");
	expect_error("", 1, "expected front matter");
	expect_error("--", 1, "expected front matter");
	expect_error("---title: T\n---\n", 1, "expected front matter");
	expect_error("\n---\ntitle: T\n---\n", 1, "expected front matter");
}

static void test_unclosed(void **state)
{
	(void)state;
	expect_error("---\ntitle: T\n\nBody\n", 1, "front matter is not closed");
	/* a fence with trailing text is not a fence */
	expect_error("---\ntitle: T\n---x\nBody\n", 1, "not closed");
}

static void test_critical_maybe(void **state)
{
	(void)state;
	expect_error("---\ntitle: T\nminutes: 3\ncritical: maybe\n---\n", 4,
	             "\"critical\" must be true or false");
}

static void test_minutes_not_number(void **state)
{
	(void)state;
	expect_error("---\ntitle: T\nminutes: ten\n---\n", 3, "\"minutes\" must be a whole number");
	expect_error("---\ntitle: T\nminutes: 5.5\n---\n", 3, "\"minutes\" must be a whole number");
	expect_error("---\ntitle: T\nminutes: -5\n---\n", 3, "\"minutes\" must be a whole number");
	expect_error("---\ntitle: T\nminutes: \"\"\n---\n", 3, "\"minutes\" must be a whole number");
}

static void test_bad_audience(void **state)
{
	(void)state;
	struct module m = {0};
	struct err e = {0};
	char *copy = xstrdup("---\ntitle: T\n\naudience: everyone\n---\n");
	/* content_load sets m->path before module_parse; do the same here (see
	 * test_bad_audience_names_path for the bare call) */
	m.path = PATH;
	assert_int_equal(module_parse(&m, PATH, copy, strlen(copy), &e), -1);
	assert_err(e, PATH, 4, "audience must be personnel, community or all, not \"everyone\"");
	free(copy);
	module_clear(&m);
}

/* module_parse(m, path, ...) reports every other error against `path`, but
 * the audience error uses m->path, which module_parse never sets: called as
 * the header documents it (zeroed module), the error names no file. */
static void test_bad_audience_names_path(void **state)
{
	(void)state;
	expect_error("---\ntitle: T\n\naudience: everyone\n---\n", 4,
	             "audience must be personnel, community or all");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	struct module m;
	struct err e;
	/* line 3, "summary: ab" is 11 bytes so the bad byte is column 12 */
	static const char t1[] = "---\ntitle: Caf\xC3\xA9\nsummary: ab\xFF" "cd\n---\nbody\n";
	assert_int_equal(parse(&m, t1, &e), -1);
	assert_err(e, PATH, 3, "invalid UTF-8");
	assert_int_equal(e.column, 12);
	module_clear(&m);

	/* in the body, after the front matter: line 6, column 3 (an overlong
	 * encoding of '/') */
	static const char t2[] = "---\ntitle: T\n---\nok\n\nab\xC0\xAF\n";
	assert_int_equal(parse(&m, t2, &e), -1);
	assert_err(e, PATH, 6, "invalid UTF-8");
	assert_int_equal(e.column, 3);
	module_clear(&m);

	/* a UTF-16 surrogate encoded in UTF-8: line 4, column 1 */
	static const char t3[] = "---\ntitle: T\n---\n\xED\xA0\x80x\n";
	assert_int_equal(parse(&m, t3, &e), -1);
	assert_err(e, PATH, 4, "invalid UTF-8");
	assert_int_equal(e.column, 1);
	module_clear(&m);

	/* a sequence cut short by the end of the file */
	static const char t4[] = "---\ntitle: T\n---\nend \xE2\x82";
	assert_int_equal(parse(&m, t4, &e), -1);
	assert_err(e, PATH, 4, "invalid UTF-8");
	assert_int_equal(e.column, 5);
	module_clear(&m);

	/* a NUL byte is not UTF-8 trouble but must not cut the body short */
	static const char t5[] = "---\ntitle: T\n---\na\0b\n";
	assert_int_equal(parse_n(&m, t5, sizeof t5 - 1, &e), 0);
	assert_int_equal(m.body_len, 4);
	assert_memory_equal(m.body, "a\0b\n", 4);
	module_clear(&m);
}

static void test_bom(void **state)
{
	(void)state;
	struct module m;
	struct err e;
	static const char text[] = "\xEF\xBB\xBF---\ntitle: \"Caf\xC3\xA9\"\n---\nBody\n";
	assert_int_equal(parse(&m, text, &e), 0);
	assert_string_equal(m.title.src, "Caf\xC3\xA9");
	assert_int_equal(m.title.line, 2);
	assert_string_equal(m.body, "Body\n");
	assert_int_equal(m.body_line, 4);
	module_clear(&m);
	/* a BOM and nothing else */
	expect_error("\xEF\xBB\xBF", 1, "expected front matter");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_audience_from_track),
		cmocka_unit_test(test_empty_body),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_missing_title),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_bad_yaml),
		cmocka_unit_test(test_no_opening),
		cmocka_unit_test(test_unclosed),
		cmocka_unit_test(test_critical_maybe),
		cmocka_unit_test(test_minutes_not_number),
		cmocka_unit_test(test_bad_audience),
		cmocka_unit_test(test_bad_audience_names_path),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_bom),
	};
	return cmocka_run_group_tests_name("frontmatter", tests, NULL, NULL);
}
