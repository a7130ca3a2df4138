/* test_quiz.c - quiz.xml: schema validation, the checks a schema cannot
 * express (each rule both ways), refusal of DTDs and entities, and texts as
 * normalised msgids with their contexts. */
#include "testutil.h"
#include "quiz.h"

#define SCHEMA "assets/schema/quiz.rng"

static struct quiz_schema *schema;

static int setup(void **state)
{
	struct err e = {0};
	(void)state;
	return quiz_schema_load(&schema, SCHEMA, &e);
}

static int teardown(void **state)
{
	(void)state;
	quiz_schema_free(schema);
	return 0;
}

/* Load `xml` as module `id`'s quiz; the problems go to `errs`. */
static struct quiz *load(const char *xml, const char *id, struct errlist *errs)
{
	char *dir = tu_mkdtemp();
	char *path = tu_write(dir, "quiz.xml", xml);
	struct quiz *q = NULL;
	quiz_load(&q, path, id, schema, errs);
	free(path);
	tu_rmtree(dir);
	return q;
}

/* The quiz must be refused with a problem on `line` whose message has
 * `needle`; `count` problems in all (0: any number). */
static void refused(const char *xml, int line, const char *needle, size_t count)
{
	struct errlist errs = {0};
	struct quiz *q = load(xml, "m", &errs);
	assert_null(q);
	assert_true(errs.n > 0);
	if (count)
		assert_int_equal(errs.n, count);
	int found = 0;
	for (size_t i = 0; i < errs.n; i++)
		if ((line == 0 || errs.v[i].line == line) && strstr(errs.v[i].msg, needle))
			found = 1;
	if (!found)
		fail_msg("no problem on line %d with \"%s\"; first: %d: %s", line, needle,
		         errs.v[0].line, errs.v[0].msg);
	assert_true(strstr(errs.v[0].file, "quiz.xml") != NULL);
	errlist_free(&errs);
}

static void accepted(const char *xml)
{
	struct errlist errs = {0};
	struct quiz *q = load(xml, "m", &errs);
	if (!q)
		fail_msg("refused: %d: %s", errs.n ? errs.v[0].line : 0,
		         errs.n ? errs.v[0].msg : "?");
	assert_int_equal(errs.n, 0);
	quiz_free(q);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define TF(id) "<question id=\"" id "\" type=\"true-false\"><prompt>P</prompt>" \
	"<choice id=\"true\" correct=\"true\">True</choice><choice id=\"false\">False</choice>" \
	"<explanation>E</explanation></question>\n"

static void test_good_quiz(void **state)
{
	struct errlist errs = {0};
	(void)state;
	struct quiz *q = load(HEAD
		"<quiz id=\"m\" pass-percent=\"75\">\n"                       /* 2 */
		"  <question id=\"forms\" type=\"multiple\">\n"              /* 3 */
		"    <prompt>Which are *forms*\n      of CRSV?</prompt>\n"     /* 4 */
		"    <choice id=\"a\" correct=\"true\">Sexual slavery</choice>\n"
		"    <choice id=\"b\">Looting</choice>\n"
		"    <choice id=\"c\" correct=\"true\">Forced  marriage</choice>\n"
		"    <feedback choice=\"b\">Looting is not sexual violence.</feedback>\n"
		"    <explanation>See the list.</explanation>\n"
		"  </question>\n"
		"</quiz>\n", "m", &errs);
	assert_non_null(q);
	assert_string_equal(q->id, "m");
	assert_int_equal(q->pass_percent, 75);
	assert_int_equal(q->nquestions, 1);
	struct quiz_question *qu = &q->questions[0];
	assert_int_equal(qu->type, QUIZ_MULTIPLE);
	assert_string_equal(qu->ctxt, "quiz:m/forms");
	/* wrapped and indented in the XML: one normalised line */
	assert_string_equal(qu->prompt.src, "Which are *forms* of CRSV?");
	assert_int_equal(qu->prompt.line, 4);
	assert_int_equal(qu->nchoices, 3);
	assert_true(qu->choices[0].correct);
	assert_false(qu->choices[1].correct);
	assert_string_equal(qu->choices[1].ctxt, "quiz:m/forms/b");
	assert_string_equal(qu->choices[1].feedback.src, "Looting is not sexual violence.");
	assert_null(qu->choices[0].feedback.src);
	assert_string_equal(qu->choices[2].text.src, "Forced marriage");
	assert_string_equal(qu->explanation.src, "See the list.");
	quiz_free(q);
}

static void test_schema_errors(void **state)
{
	(void)state;
	/* an unknown element */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"single\">\n"
	        "<prompt>P</prompt><hint>no</hint>\n</question></quiz>\n", 4, "hint", 0);
	/* an unknown type */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"essay\">"
	        "<prompt>P</prompt><choice id=\"a\" correct=\"true\">A</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3, "", 0);
	/* pass-percent out of range */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"120\">\n" TF("q") "</quiz>\n", 2, "", 0);
	/* a missing explanation */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"true-false\">"
	        "<prompt>P</prompt><choice id=\"true\" correct=\"true\">T</choice>"
	        "<choice id=\"false\">F</choice></question>\n</quiz>\n", 3, "", 0);
	/* an id that is not an id */
	refused(HEAD "<quiz id=\"M Q\" pass-percent=\"80\">\n" TF("q") "</quiz>\n", 2, "", 0);
}

static void test_not_well_formed(void **state)
{
	(void)state;
	/* libxml2 names the unclosed element where the mismatch shows */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n" TF("q") "\n<oops>\n</quiz>\n",
	        6, "oops line 5", 0);
}

static void test_quiz_id_must_match_module(void **state)
{
	(void)state;
	refused(HEAD "<quiz id=\"other\" pass-percent=\"80\">\n" TF("q") "</quiz>\n", 2,
	        "does not match its module \"m\"", 1);
	accepted(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n" TF("q") "</quiz>\n");
}

static void test_question_ids_unique(void **state)
{
	(void)state;
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n" TF("q") TF("q") "</quiz>\n", 4,
	        "question id \"q\" used twice", 1);
	accepted(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n" TF("q") TF("r") "</quiz>\n");
}

static void test_choice_ids_unique(void **state)
{
	(void)state;
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"single\">\n"
	        "<prompt>P</prompt>\n<choice id=\"a\" correct=\"true\">A</choice>\n"
	        "<choice id=\"a\">B</choice>\n<explanation>E</explanation></question></quiz>\n",
	        6, "choice id \"a\" used twice", 1);
}

static void test_correct_counts(void **state)
{
	(void)state;
	/* none correct */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"multiple\">"
	        "<prompt>P</prompt><choice id=\"a\">A</choice><choice id=\"b\">B</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3, "no correct choice", 1);
	/* two correct in a single */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"single\">"
	        "<prompt>P</prompt><choice id=\"a\" correct=\"true\">A</choice>"
	        "<choice id=\"b\" correct=\"true\">B</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3, "exactly one allowed", 1);
	/* two correct in a true-false */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"true-false\">"
	        "<prompt>P</prompt><choice id=\"true\" correct=\"true\">T</choice>"
	        "<choice id=\"false\" correct=\"true\">F</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3, "exactly one allowed", 1);
	/* two correct in a multiple: fine */
	accepted(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"multiple\">"
	         "<prompt>P</prompt><choice id=\"a\" correct=\"true\">A</choice>"
	         "<choice id=\"b\" correct=\"true\">B</choice><choice id=\"c\">C</choice>"
	         "<explanation>E</explanation></question></quiz>\n");
	/* correct="false" is not correct */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"single\">"
	        "<prompt>P</prompt><choice id=\"a\" correct=\"false\">A</choice>"
	        "<choice id=\"b\">B</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3, "no correct choice", 1);
}

static void test_true_false_has_two_choices(void **state)
{
	(void)state;
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"true-false\">"
	        "<prompt>P</prompt><choice id=\"true\" correct=\"true\">T</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3, "exactly two", 1);
}

static void test_feedback_names_a_choice(void **state)
{
	(void)state;
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"single\">\n"
	        "<prompt>P</prompt><choice id=\"a\" correct=\"true\">A</choice>"
	        "<choice id=\"b\">B</choice>\n<feedback choice=\"z\">Z</feedback>\n"
	        "<explanation>E</explanation></question></quiz>\n", 5,
	        "feedback for choice \"z\"", 1);
	accepted(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"single\">\n"
	         "<prompt>P</prompt><choice id=\"a\" correct=\"true\">A</choice>"
	         "<choice id=\"b\">B</choice>\n<feedback choice=\"b\">Z</feedback>\n"
	         "<explanation>E</explanation></question></quiz>\n");
}

static void test_all_problems_in_one_run(void **state)
{
	struct errlist errs = {0};
	(void)state;
	struct quiz *q = load(HEAD "<quiz id=\"x\" pass-percent=\"80\">\n" TF("q") TF("q")
	                      "<question id=\"r\" type=\"single\"><prompt>P</prompt>"
	                      "<choice id=\"a\">A</choice><choice id=\"b\">B</choice>"
	                      "<explanation>E</explanation></question>\n</quiz>\n", "m", &errs);
	assert_null(q);
	assert_int_equal(errs.n, 3);   /* id mismatch, duplicate id, no correct choice */
	errlist_free(&errs);
}

static void test_doctype_refused(void **state)
{
	(void)state;
	/* billion laughs */
	refused(HEAD "<!DOCTYPE quiz [\n<!ENTITY a \"aaaaaaaaaa\">\n"
	        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n"
	        "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"true-false\">"
	        "<prompt>&b;</prompt><choice id=\"true\" correct=\"true\">T</choice>"
	        "<choice id=\"false\">F</choice><explanation>E</explanation></question></quiz>\n",
	        2, "DOCTYPE is not allowed", 1);
	/* an external entity (XXE) */
	refused(HEAD "<!DOCTYPE quiz [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
	        "<quiz id=\"m\" pass-percent=\"80\">&x;</quiz>\n", 2, "DOCTYPE is not allowed", 1);
}

static void test_undeclared_entity_refused(void **state)
{
	(void)state;
	/* without a DTD an entity reference cannot be declared: not well-formed */
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"true-false\">"
	        "<prompt>&xxe;</prompt><choice id=\"true\" correct=\"true\">T</choice>"
	        "<choice id=\"false\">F</choice><explanation>E</explanation></question></quiz>\n",
	        3, "", 0);
}

static int count_text(void *ctx, const char *ctxt, const char *msgid, int line)
{
	struct buf *b = ctx;
	buf_printf(b, "%s|%s|%d\n", ctxt, msgid, line);
	return 0;
}

static void test_walk_texts(void **state)
{
	struct errlist errs = {0};
	struct buf b = {0};
	(void)state;
	struct quiz *q = load(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n"
	                      "<question id=\"q\" type=\"single\">\n<prompt>P</prompt>\n"
	                      "<choice id=\"a\" correct=\"true\">A</choice>\n"
	                      "<choice id=\"b\">B</choice>\n<feedback choice=\"b\">FB</feedback>\n"
	                      "<explanation>E</explanation>\n</question></quiz>\n", "m", &errs);
	assert_non_null(q);
	quiz_walk_texts(q, count_text, &b);
	assert_string_equal(b.data,
	                    "quiz:m/q|P|4\n"
	                    "quiz:m/q/a|A|5\n"
	                    "quiz:m/q/b|B|6\n"
	                    "quiz:m/q/b|FB|7\n"
	                    "quiz:m/q|E|8\n");
	buf_free(&b);
	quiz_free(q);
}

/* Attribute problems name the attribute and its allowed values, once per
 * element; pass-percent is optional (default QUIZ_DEFAULT_PASS). */
static void test_attribute_messages(void **state)
{
	(void)state;
	refused(HEAD "<quiz id=\"m\" pass-percent=\"80\">\n<question id=\"q\" type=\"multi\">"
	        "<prompt>P</prompt><choice id=\"a\" correct=\"true\">A</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3,
	        "<question type=\"multi\">: type must be single, multiple or true-false", 1);
	refused(HEAD "<quiz id=\"m\">\n<question id=\"q\" type=\"true-false\">"
	        "<prompt>P</prompt><choice id=\"true\" correct=\"yes\">T</choice>"
	        "<choice id=\"false\">F</choice><explanation>E</explanation></question></quiz>\n",
	        3, "<choice correct=\"yes\">: correct must be true or false", 0);
	refused(HEAD "<quiz id=\"m\" pass-percent=\"175\">\n" TF("q") "</quiz>\n", 2,
	        "pass-percent must be a whole number from 1 to 100", 1);
	refused(HEAD "<quiz id=\"m\">\n<question id=\"q\">"
	        "<prompt>P</prompt><choice id=\"a\" correct=\"true\">A</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3,
	        "<question> needs the attribute type (single, multiple or true-false)", 1);
	refused(HEAD "<quiz id=\"m\">\n<question id=\"q\" type=\"single\">"
	        "<prompt>P</prompt><choice corect=\"true\" id=\"a\">A</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3,
	        "<choice> has no attribute \"corect\" (it takes: id, correct)", 0);
	refused(HEAD "<quiz id=\"m\">\n<question id=\"q\" type=\"single\">"
	        "<prompt>Salt & pepper</prompt><choice id=\"a\" correct=\"true\">A</choice>"
	        "<explanation>E</explanation></question></quiz>\n", 3, "write it as &amp;", 0);

	struct errlist errs = {0};
	struct quiz *q = load(HEAD "<quiz id=\"m\">\n" TF("q") "</quiz>\n", "m", &errs);
	assert_non_null(q);
	assert_int_equal(q->pass_percent, QUIZ_DEFAULT_PASS);
	assert_false(q->pass_percent_given);
	assert_int_equal(q->line, 2);
	assert_int_equal(q->questions[0].choices[1].line, 3);
	quiz_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_quiz),
		cmocka_unit_test(test_schema_errors),
		cmocka_unit_test(test_not_well_formed),
		cmocka_unit_test(test_quiz_id_must_match_module),
		cmocka_unit_test(test_question_ids_unique),
		cmocka_unit_test(test_choice_ids_unique),
		cmocka_unit_test(test_correct_counts),
		cmocka_unit_test(test_true_false_has_two_choices),
		cmocka_unit_test(test_feedback_names_a_choice),
		cmocka_unit_test(test_all_problems_in_one_run),
		cmocka_unit_test(test_doctype_refused),
		cmocka_unit_test(test_undeclared_entity_refused),
		cmocka_unit_test(test_walk_texts),
		cmocka_unit_test(test_attribute_messages),
	};
	return cmocka_run_group_tests_name("quiz", tests, setup, teardown);
}
