/* test_extract.c - extract_similarity and `crsv-gen extract` end to end:
 * the POT, a new PO file, and merging after the content changed. */
#include "testutil.h"

#include <sys/stat.h>

#include "extract.h"
#include "project.h"

/* ---- similarity ------------------------------------------------------- */

static void test_similarity(void **state)
{
	(void)state;
	const char *s = "The first paragraph explains the purpose of this module.";
	assert_true(extract_similarity(s, s) == 1.0);
	assert_true(extract_similarity("ab", "ab") == 1.0);
	assert_true(extract_similarity("abc", "xyz") == 0.0);
	assert_true(extract_similarity("aaaa", "bbbb") == 0.0);
	assert_true(extract_similarity("", "") == 1.0);
	assert_true(extract_similarity("a", "b") == 0.0);
	assert_true(extract_similarity("", "abc") == 0.0);
	/* one word changed */
	double one = extract_similarity(s, "The first paragraph explains the aim of this module.");
	assert_true(one > 0.6 && one < 1.0);
	/* unrelated sentences */
	double far = extract_similarity(s, "Report every case to the Women's Protection Adviser.");
	assert_true(far < 0.6);
	/* symmetric */
	assert_true(extract_similarity("night and day", "day and night") ==
	            extract_similarity("day and night", "night and day"));
	/* bigrams are a multiset: "aaaa" shares two of its three "aa" with "aaa" */
	double rep = extract_similarity("aaaa", "aaa");
	assert_true(rep > 0.79 && rep < 0.81);   /* 2*2/(3+2) */
	/* bytes, not characters: non-ASCII text works */
	assert_true(extract_similarity("caf\xC3\xA9 cr\xC3\xA8me", "caf\xC3\xA9 cr\xC3\xA8me") == 1.0);
}

/* ---- a project in a temp folder --------------------------------------- */

static char *tmpdir;
static char *oldcwd;

static int setup(void **state)
{
	(void)state;
	oldcwd = getcwd(NULL, 0);
	tmpdir = tu_mkdtemp();
	/* references in the catalogues are relative, as in a real checkout:
	 * work from inside the temp project */
	if (!oldcwd || chdir(tmpdir) < 0)
		return -1;
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	int rc = chdir(oldcwd);
	free(oldcwd);
	oldcwd = NULL;
	tu_rmtree(tmpdir);
	tmpdir = NULL;
	return rc;
}

static const struct paths paths = {
	.content = "content", .locales = "locales", .assets = "assets", .out = "out",
};

static const char site_yaml[] =
	"title: \"Site title\"\n"      /* 1 */
	"source_language: en\n"        /* 2 */
	"languages:\n"                 /* 3 */
	"  - code: en\n"               /* 4 */
	"    name: English\n"          /* 5 */
	"  - code: fr\n"               /* 6 */
	"    name: \"Fran\xC3\xA7" "ais\"\n" /* 7 */
	"tracks:\n"                    /* 8 */
	"  - id: basics\n"             /* 9 */
	"    order: 1\n"               /* 10 */
	"    audience: all\n"          /* 11 */
	"    title: \"Basics\"\n";     /* 12 */

static const char ui_yaml[] =
	"home: \"Home\"\n"             /* 1 */
	"next: \"Next\"\n";            /* 2 */

#define P1 "The first paragraph explains the purpose of this training module."
#define P1B "The first paragraph explains the aim of this training module."
#define P2 "A second paragraph that will be removed later on."
#define P4 "A fourth paragraph that stays exactly the same."
#define T1 "Le premier paragraphe explique le but de ce module."
#define T2 "Un deuxi\xC3\xA8me paragraphe qui sera supprim\xC3\xA9."
#define T4 "Un quatri\xC3\xA8me paragraphe qui reste identique."
#define REF "content/basics/01-intro/index.md:"

static const char module_v1[] =
	"---\n"                                 /* 1 */
	"title: \"Introduction\"\n"             /* 2 */
	"summary: \"What this is about.\"\n"    /* 3 */
	"---\n"                                 /* 4 */
	"# Welcome\n"                           /* 5 */
	"\n"                                    /* 6 */
	P1 "\n"                                 /* 7 */
	"\n"                                    /* 8 */
	P2 "\n"                                 /* 9 */
	"\n"                                    /* 10 */
	"- tight item\n"                        /* 11 */
	"\n"                                    /* 12 */
	P4 "\n"                                 /* 13 */
	"\n"                                    /* 14 */
	"Next\n"                                /* 15 */
	"\n"                                    /* 16 */
	"Next\n";                               /* 17 */

/* P1 changed a little, P2 removed (two lines fewer below it). */
static const char module_v2[] =
	"---\n"                                 /* 1 */
	"title: \"Introduction\"\n"             /* 2 */
	"summary: \"What this is about.\"\n"    /* 3 */
	"---\n"                                 /* 4 */
	"# Welcome\n"                           /* 5 */
	"\n"                                    /* 6 */
	P1B "\n"                                /* 7 */
	"\n"                                    /* 8 */
	"- tight item\n"                        /* 9 */
	"\n"                                    /* 10 */
	P4 "\n"                                 /* 11 */
	"\n"                                    /* 12 */
	"Next\n"                                /* 13 */
	"\n"                                    /* 14 */
	"Next\n";                               /* 15 */

static void write_project(const char *module)
{
	tu_put(".", "content/site.yaml", site_yaml);
	tu_put(".", "content/basics/01-intro/index.md", module);
	tu_put(".", "assets/ui.yaml", ui_yaml);
}

/* project_load + extract_run; returns what extract logged (heap). */
static char *extract(void)
{
	struct project p;
	struct err e = {0};
	char *log = NULL;
	size_t loglen = 0;
	FILE *f = open_memstream(&log, &loglen);
	assert_non_null(f);
	if (project_load(&p, &paths, 0, &e) < 0)
		fail_msg("project_load: %s:%d: %s", e.file, e.line, e.msg);
	if (extract_run(&p, f, &e) < 0)
		fail_msg("extract_run: %s:%d: %s", e.file, e.line, e.msg);
	project_free(&p);
	fclose(f);
	return log;
}

/* Replace the first `from` in the file at `path` with `to`. */
static void edit(const char *path, const char *from, const char *to)
{
	char *s = tu_read(path);
	char *at = strstr(s, from);
	if (!at)
		fail_msg("\"%s\" not in %s:\n%s", from, path, s);
	struct buf b = {0};
	buf_put(&b, s, (size_t)(at - s));
	buf_puts(&b, to);
	buf_puts(&b, at + strlen(from));
	tu_put(".", path, b.data);
	buf_free(&b);
	free(s);
}

/* The PO entry (a blank-line separated block) with the line `msgid_line`
 * (not a "#|" previous msgid), as a heap string. */
static char *entry(const char *po, const char *msgid_line)
{
	char *nl = xasprintf("\n%s\n", msgid_line);
	const char *at = strstr(po, nl);
	free(nl);
	if (!at)
		fail_msg("no entry with %s in:\n%s", msgid_line, po);
	at++;
	const char *start = at;
	while (start > po && !(start[-1] == '\n' && start - 1 > po && start[-2] == '\n'))
		start--;
	const char *end = strstr(at, "\n\n");
	return xstrndup(start, end ? (size_t)(end - start) + 1 : strlen(start));
}

static void test_extract_new(void **state)
{
	(void)state;
	write_project(module_v1);
	char *log = extract();
	assert_contains(log, "wrote locales/crsv.pot\n");
	assert_contains(log, "wrote locales/fr.po\n");
	assert_not_contains(log, "en.po");
	free(log);
	assert_true(fs_is_file("locales/crsv.pot"));
	assert_true(fs_is_file("locales/fr.po"));
	assert_false(fs_is_file("locales/en.po"));

	char *pot = tu_read("locales/crsv.pot");
	assert_contains(pot, "\"POT-Creation-Date: 1970-01-01 00:00+0000\\n\"\n");
	assert_contains(pot, "#: content/site.yaml:1\nmsgid \"Site title\"\nmsgstr \"\"\n");
	assert_contains(pot, "#: content/site.yaml:12\nmsgid \"Basics\"\nmsgstr \"\"\n");
	assert_contains(pot, "#: assets/ui.yaml:1\nmsgctxt \"ui\"\nmsgid \"Home\"\nmsgstr \"\"\n");
	assert_contains(pot, "#: assets/ui.yaml:2\nmsgctxt \"ui\"\nmsgid \"Next\"\nmsgstr \"\"\n");
	assert_contains(pot, "#: " REF "2\nmsgid \"Introduction\"\n");
	assert_contains(pot, "#: " REF "3\nmsgid \"What this is about.\"\n");
	assert_contains(pot, "#: " REF "5\nmsgid \"Welcome\"\n");
	assert_contains(pot, "#: " REF "7\nmsgid \"" P1 "\"\n");
	assert_contains(pot, "#: " REF "9\nmsgid \"" P2 "\"\n");
	assert_contains(pot, "#: " REF "11\nmsgid \"tight item\"\n");
	assert_contains(pot, "#: " REF "13\nmsgid \"" P4 "\"\n");
	/* the same text twice is one entry with both references; "Next" in
	 * the body and in ui.yaml are two entries */
	assert_contains(pot, "#: " REF "15 " REF "17\nmsgid \"Next\"\nmsgstr \"\"\n");
	assert_int_equal(tu_count(pot, "msgid \"Next\""), 2);
	assert_int_equal(tu_count(pot, "\nmsgid \""), 13);   /* header + 12 */
	/* in walk order: site, ui, module */
	assert_true(strstr(pot, "Site title") < strstr(pot, "msgid \"Home\""));
	assert_true(strstr(pot, "msgid \"Home\"") < strstr(pot, "Introduction"));
	assert_true(strstr(pot, "Welcome") < strstr(pot, P1));

	char *po = tu_read("locales/fr.po");
	assert_contains(po, "\"Language: fr\\n\"\n");
	assert_contains(po, "\"POT-Creation-Date: 1970-01-01 00:00+0000\\n\"\n");
	assert_contains(po, "#: " REF "7\nmsgid \"" P1 "\"\nmsgstr \"\"\n");
	assert_contains(po, "#: assets/ui.yaml:1\nmsgctxt \"ui\"\nmsgid \"Home\"\nmsgstr \"\"\n");
	assert_not_contains(po, "fuzzy");
	assert_not_contains(po, "#~");
	free(po);
	free(pot);
}

/* Translate P1, P2, P4 and the ui "Home" in fr.po, by editing its text. */
static void translate_v1(void)
{
	edit("locales/fr.po", "msgid \"" P1 "\"\nmsgstr \"\"", "msgid \"" P1 "\"\nmsgstr \"" T1 "\"");
	edit("locales/fr.po", "msgid \"" P2 "\"\nmsgstr \"\"", "msgid \"" P2 "\"\nmsgstr \"" T2 "\"");
	edit("locales/fr.po", "#: " REF "13\nmsgid \"" P4 "\"\nmsgstr \"\"",
	     "# Translator's note: keep it short.\n#: " REF "13\nmsgid \"" P4 "\"\nmsgstr \"" T4 "\"");
	edit("locales/fr.po", "msgctxt \"ui\"\nmsgid \"Home\"\nmsgstr \"\"",
	     "msgctxt \"ui\"\nmsgid \"Home\"\nmsgstr \"Accueil\"");
}

static void test_extract_merge(void **state)
{
	(void)state;
	write_project(module_v1);
	free(extract());
	translate_v1();
	/* re-extracting the unchanged content keeps the translations */
	char *log = extract();
	assert_contains(log, "unchanged locales/crsv.pot\n");
	free(log);
	char *po = tu_read("locales/fr.po");
	assert_contains(po, "msgid \"" P1 "\"\nmsgstr \"" T1 "\"\n");
	free(po);

	tu_put(".", "content/basics/01-intro/index.md", module_v2);
	log = extract();
	assert_contains(log, "wrote locales/crsv.pot\n");
	assert_contains(log, "wrote locales/fr.po\n");
	free(log);
	po = tu_read("locales/fr.po");

	/* changed a little: fuzzy, old translation, previous msgid */
	char *en = entry(po, "msgid \"" P1B "\"");
	assert_string_equal(en, "#: " REF "7\n#, fuzzy\n#| msgid \"" P1 "\"\n"
	                        "msgid \"" P1B "\"\nmsgstr \"" T1 "\"\n");
	free(en);
	/* removed: obsolete, with its translation */
	assert_contains(po, "#~ msgid \"" P2 "\"\n#~ msgstr \"" T2 "\"\n");
	assert_int_equal(tu_count(po, P2), 1);
	/* untouched: kept, with the translator's comment and the new line */
	en = entry(po, "msgid \"" P4 "\"");
	assert_string_equal(en, "# Translator's note: keep it short.\n#: " REF "11\n"
	                        "msgid \"" P4 "\"\nmsgstr \"" T4 "\"\n");
	free(en);
	en = entry(po, "msgid \"Home\"");
	assert_string_equal(en, "#: assets/ui.yaml:1\nmsgctxt \"ui\"\nmsgid \"Home\"\nmsgstr \"Accueil\"\n");
	free(en);
	/* untranslated ones stay empty, and no other entry turned fuzzy */
	en = entry(po, "msgid \"tight item\"");
	assert_string_equal(en, "#: " REF "9\nmsgid \"tight item\"\nmsgstr \"\"\n");
	free(en);
	assert_int_equal(tu_count(po, "#, fuzzy"), 1);
	/* the POT follows the content */
	char *pot = tu_read("locales/crsv.pot");
	assert_contains(pot, "#: " REF "7\nmsgid \"" P1B "\"\n");
	assert_not_contains(pot, P2);
	free(pot);

	/* once more without changes: byte-identical and not rewritten */
	struct stat before, after;
	assert_int_equal(stat("locales/fr.po", &before), 0);
	log = extract();
	assert_contains(log, "unchanged locales/crsv.pot\n");
	assert_contains(log, "unchanged locales/fr.po\n");
	assert_not_contains(log, "wrote");
	free(log);
	char *again = tu_read("locales/fr.po");
	assert_string_equal(again, po);
	assert_int_equal(stat("locales/fr.po", &after), 0);
	assert_true(before.st_ino == after.st_ino);
	free(again);
	free(po);
	/* no temporary files left behind */
	char **names;
	size_t n;
	assert_int_equal(fs_list("locales", &names, &n, NULL), 0);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "crsv.pot");
	assert_string_equal(names[1], "fr.po");
	fs_list_free(names, n);
}

/* A date change alone does not rewrite the files. */
static void test_extract_date_only(void **state)
{
	(void)state;
	write_project(module_v1);
	free(extract());
	char *pot = tu_read("locales/crsv.pot");
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	char *log = extract();
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	assert_contains(log, "unchanged locales/crsv.pot\n");
	assert_contains(log, "unchanged locales/fr.po\n");
	free(log);
	char *pot2 = tu_read("locales/crsv.pot");
	assert_string_equal(pot, pot2);
	free(pot);
	free(pot2);
}

/* The translators' header comment stays; a broken PO file stops extract
 * with its position and is left as it was. */
static void test_extract_header_and_broken_po(void **state)
{
	(void)state;
	write_project(module_v1);
	free(extract());
	edit("locales/fr.po", "# DRAFT: not yet reviewed by a qualified translator.\n",
	     "# Reviewed by the French team.\n");
	edit("locales/fr.po", "\"Last-Translator: none yet\\n\"", "\"Last-Translator: A B\\n\"");
	edit("content/basics/01-intro/index.md", "# Welcome", "# Welcome all");
	free(extract());
	char *po = tu_read("locales/fr.po");
	static const char head[] = "# Fran\xC3\xA7" "ais translation of the crsv-kit training content.\n"
	                           "# Reviewed by the French team.\nmsgid \"\"\n";
	assert_memory_equal(po, head, sizeof head - 1);
	assert_contains(po, "# Reviewed by the French team.\n");
	assert_not_contains(po, "DRAFT");
	assert_contains(po, "\"Last-Translator: A B\\n\"\n");
	assert_contains(po, "msgid \"Welcome all\"\n");
	free(po);

	tu_put(".", "locales/fr.po", "msgid \"a\"\nmsgstr \"b\n");
	char *before = tu_read("locales/fr.po");
	struct project p;
	struct err e = {0};
	assert_int_equal(project_load(&p, &paths, 0, &e), 0);
	assert_int_equal(extract_run(&p, NULL, &e), -1);
	assert_string_equal(e.file, "locales/fr.po");
	assert_true(e.line > 0);
	assert_true(e.msg[0] != '\0');
	project_free(&p);
	char *after = tu_read("locales/fr.po");
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* A new paragraph much like a translated one, inserted before it: the
 * unchanged paragraph must keep its translation (msgmerge matches exact
 * msgids first); the new one may borrow it as a fuzzy suggestion. */
static void test_extract_new_similar_before_kept(void **state)
{
	(void)state;
	write_project(module_v1);
	free(extract());
	translate_v1();
	edit("content/basics/01-intro/index.md", P4 "\n",
	     "A fourth paragraph that stays almost the same.\n\n" P4 "\n");
	free(extract());
	char *po = tu_read("locales/fr.po");
	char *en = entry(po, "msgid \"" P4 "\"");
	assert_contains(en, "msgstr \"" T4 "\"\n");
	assert_not_contains(en, "fuzzy");
	free(en);
	free(po);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_similarity),
		cmocka_unit_test_setup_teardown(test_extract_new, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extract_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extract_date_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extract_header_and_broken_po, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extract_new_similar_before_kept, setup, teardown),
	};
	return cmocka_run_group_tests_name("extract", tests, NULL, NULL);
}
