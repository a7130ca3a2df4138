/* test_lint.c - the build's warnings: no real helpline number, no UN
 * channel, community quizzes with a pass mark or a wrong choice without
 * feedback; and which quizzes are scored. */
#include "testutil.h"

#include "lint.h"
#include "quiz.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static struct quiz_schema *schema;

static int setup(void **state)
{
	struct err e = {0};
	(void)state;
	return quiz_schema_load(&schema, "assets/schema/quiz.rng", &e);
}

static int teardown(void **state)
{
	(void)state;
	quiz_schema_free(schema);
	return 0;
}

static struct quiz *load(const char *xml)
{
	char *dir = tu_mkdtemp();
	char *path = tu_write(dir, "quiz.xml", xml);
	struct errlist errs = {0};
	struct quiz *q = NULL;
	assert_int_equal(quiz_load(&q, path, "m", schema, &errs), 0);
	free(path);
	tu_rmtree(dir);
	return q;
}

/* How many warnings have `needle` in their message, on `line` (0: any). */
static size_t count(const struct errlist *w, const char *needle, int line)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		if (strstr(w->v[i].msg, needle) && (!line || w->v[i].line == line))
			n++;
	return n;
}

static void test_helplines(void **state)
{
	(void)state;
	struct project p;
	struct helpline lines[2] = {
		{ .phone = "", .example = 1, .line = 10 },
		{ .phone = "+000 0000", .example = 1, .line = 15 },   /* a number, unconfirmed */
	};
	struct helpline un = { .phone = "", .example = 1, .line = 30 };
	struct errlist w = {0};
	memset(&p, 0, sizeof p);
	p.site.path = "content/site.yaml";
	p.site.helplines = lines;
	p.site.nhelplines = 2;
	p.site.helplines_line = 9;
	p.site.un_reporting = &un;
	p.site.nun_reporting = 1;
	p.site.un_reporting_line = 29;
	lint_project(&p, &w);
	assert_int_equal(count(&w, "the help page lists no real phone number yet", 9), 1);
	assert_int_equal(count(&w, "no confirmed way to report abuse by UN personnel", 29), 1);
	assert_string_equal(w.v[0].file, "content/site.yaml");
	errlist_free(&w);

	/* a confirmed service with a number, a confirmed UN channel: quiet */
	lines[1].example = 0;
	un.example = 0;
	lint_project(&p, &w);
	assert_int_equal(w.n, 0);
	assert_true(site_has_real_helpline(&p.site));
	/* confirmed but without a number is not a number to call */
	lines[1].phone = "";
	assert_false(site_has_real_helpline(&p.site));
	errlist_free(&w);
}

static void test_community_quiz(void **state)
{
	(void)state;
	struct project p;
	struct track t = { .id = "sensitization", .audience = "community" };
	struct module m = { .track = &t, .audience = "community", .id = "m" };
	struct helpline real = { .phone = "1", .example = 0 };
	struct errlist w = {0};
	memset(&p, 0, sizeof p);
	p.site.path = "site.yaml";
	p.site.helplines = &real;
	p.site.nhelplines = 1;
	p.site.un_reporting = &real;
	p.site.nun_reporting = 1;
	p.content.modules = &m;
	p.content.nmodules = 1;
	m.quiz = load(HEAD "<quiz id=\"m\" pass-percent=\"75\">\n"              /* 2 */
	              "<question id=\"blame\" type=\"true-false\"><prompt>P</prompt>\n" /* 3 */
	              "<choice id=\"true\" correct=\"true\">T</choice>\n"             /* 4 */
	              "<choice id=\"false\">F</choice>\n"                           /* 5 */
	              "<explanation>E</explanation></question>\n"
	              "<question id=\"where\" type=\"single\"><prompt>P</prompt>\n"  /* 7 */
	              "<choice id=\"alone\">A</choice>\n"                           /* 8 */
	              "<choice id=\"help\" correct=\"true\">H</choice>\n"
	              "<feedback choice=\"alone\">You are not alone.</feedback>\n"
	              "<explanation>E</explanation></question></quiz>\n");
	assert_false(module_quiz_scored(&m));
	lint_project(&p, &w);
	assert_int_equal(count(&w, "pass-percent is ignored", 2), 1);
	assert_int_equal(count(&w, "wrong choice \"false\" of question \"blame\" has no <feedback>", 5), 1);
	assert_int_equal(count(&w, "\"alone\"", 0), 0);   /* it has feedback */
	assert_int_equal(w.n, 2);
	errlist_free(&w);

	/* the same quiz in a personnel module: an exam, no warnings */
	m.audience = "personnel";
	assert_true(module_quiz_scored(&m));
	lint_project(&p, &w);
	assert_int_equal(w.n, 0);
	m.audience = "all";
	assert_true(module_quiz_scored(&m));
	quiz_free(m.quiz);
	errlist_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_helplines),
		cmocka_unit_test(test_community_quiz),
	};
	return cmocka_run_group_tests_name("lint", tests, setup, teardown);
}
