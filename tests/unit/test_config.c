/* test_config.c - site_load: content/site.yaml and its errors. */
#include "testutil.h"

#include "config.h"

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

static const char valid[] =
	"# The site.\n"                                   /* 1 */
	"title: \"CRSV training\"\n"                      /* 2 */
	"source_language: en\n"                           /* 3 */
	"base_url: https://example.org/crsv/\n"           /* 4 */
	"languages:\n"                                    /* 5 */
	"  - code: en\n"                                  /* 6 */
	"    name: English\n"                             /* 7 */
	"  - code: ar\n"                                  /* 8 */
	"    name: \"\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9\"\n" /* 9 */
	"    dir: rtl\n"                                  /* 10 */
	"  - code: pt-BR\n"                               /* 11 */
	"    name: \"Portugu\xC3\xAAs\"\n"                /* 12 */
	"    dir: ltr\n"                                  /* 13 */
	"tracks:\n"                                       /* 14 */
	"  - id: community\n"                             /* 15 */
	"    order: 3\n"                                  /* 16 */
	"    audience: community\n"                       /* 17 */
	"    title: \"For communities\"\n"                /* 18 */
	"  - id: policy\n"                                /* 19 */
	"    order: 1\n"                                  /* 20 */
	"    audience: personnel\n"                       /* 21 */
	"    title: \"Policy\"\n"                         /* 22 */
	"    summary: \"The policy.\"\n"                  /* 23 */
	"  - id: b-track\n"                               /* 24 */
	"    order: 2\n"                                  /* 25 */
	"    audience: all\n"                             /* 26 */
	"    title: \"B\"\n"                              /* 27 */
	"  - id: a-track\n"                               /* 28 */
	"    order: 2\n"                                  /* 29 */
	"    audience: all\n"                             /* 30 */
	"    title: \"A\"\n"                              /* 31 */
	"help_module: community/04-help\n"                /* 32 */
	"helplines:\n"                                    /* 33 */
	"  - name: \"Green line\"\n"                      /* 34 */
	"    description: \"Free line.\"\n"               /* 35 */
	"    hours: \"24/7\"\n"                           /* 36 */
	"    phone: \"+000\"\n"                           /* 37 */
	"    example: true\n"                             /* 38 */
	"  - name: \"Other\"\n"                           /* 39 */
	"un_reporting:\n"                                 /* 40 */
	"  - name: \"Example: report UN staff\"\n"         /* 41 */
	"    example: true\n";                            /* 42 */

static void test_valid(void **state)
{
	(void)state;
	char *path = tu_write(tmpdir, "site.yaml", valid);
	struct site s;
	struct err e = {0};
	assert_int_equal(site_load(&s, path, &e), 0);
	assert_string_equal(s.path, path);
	assert_string_equal(s.title.src, "CRSV training");
	assert_int_equal(s.title.line, 2);
	assert_string_equal(s.source_lang, "en");
	assert_string_equal(s.base_url, "https://example.org/crsv/");
	assert_string_equal(s.help_module, "community/04-help");

	assert_int_equal(s.nlangs, 3);
	assert_string_equal(s.langs[0].code, "en");
	assert_string_equal(s.langs[0].name, "English");
	assert_int_equal(s.langs[0].rtl, 0);
	assert_string_equal(s.langs[1].code, "ar");
	assert_int_equal(s.langs[1].rtl, 1);
	assert_string_equal(s.langs[2].code, "pt-BR");
	assert_string_equal(s.langs[2].name, "Portugu\xC3\xAAs");
	assert_int_equal(s.langs[2].rtl, 0);
	assert_ptr_equal(site_lang(&s, "ar"), &s.langs[1]);
	assert_null(site_lang(&s, "de"));

	/* sorted by order, then id */
	assert_int_equal(s.ntracks, 4);
	assert_string_equal(s.tracks[0].id, "policy");
	assert_string_equal(s.tracks[1].id, "a-track");
	assert_string_equal(s.tracks[2].id, "b-track");
	assert_string_equal(s.tracks[3].id, "community");
	assert_int_equal(s.tracks[0].order, 1);
	assert_string_equal(s.tracks[0].audience, "personnel");
	assert_string_equal(s.tracks[0].title.src, "Policy");
	assert_int_equal(s.tracks[0].title.line, 22);
	assert_string_equal(s.tracks[0].summary.src, "The policy.");
	assert_int_equal(s.tracks[0].summary.line, 23);
	assert_null(s.tracks[3].summary.src);
	assert_int_equal(s.tracks[3].title.line, 18);
	assert_ptr_equal(site_track(&s, "community"), &s.tracks[3]);
	assert_null(site_track(&s, "nope"));

	assert_int_equal(s.nhelplines, 2);
	assert_string_equal(s.helplines[0].name.src, "Green line");
	assert_int_equal(s.helplines[0].name.line, 34);
	assert_string_equal(s.helplines[0].description.src, "Free line.");
	assert_string_equal(s.helplines[0].hours.src, "24/7");
	assert_int_equal(s.helplines[0].hours.line, 36);
	assert_string_equal(s.helplines[0].phone, "+000");
	assert_int_equal(s.helplines[0].example, 1);
	assert_string_equal(s.helplines[1].phone, "");
	assert_int_equal(s.helplines[1].example, 0);
	assert_null(s.helplines[1].description.src);
	assert_int_equal(s.helplines_line, 34);
	assert_int_equal(s.helplines[1].line, 39);
	assert_false(site_has_real_helpline(&s));   /* the one with a number is an example */
	assert_int_equal(s.nun_reporting, 1);
	assert_int_equal(s.un_reporting_line, 41);
	assert_string_equal(s.un_reporting[0].name.src, "Example: report UN staff");
	assert_int_equal(s.un_reporting[0].name.line, 41);
	assert_string_equal(s.un_reporting[0].phone, "");
	assert_int_equal(s.un_reporting[0].example, 1);
	site_free(&s);
	site_free(&s);   /* a freed site is empty */
	free(path);
}

static void test_minimal(void **state)
{
	(void)state;
	char *path = tu_write(tmpdir, "site.yaml",
	                      "title: T\nsource_language: fr\n"
	                      "languages:\n  - {code: fr, name: Fran\xC3\xA7" "ais}\n"
	                      "tracks:\n  - {id: t, order: 0, audience: all, title: X}\n");
	struct site s;
	struct err e = {0};
	assert_int_equal(site_load(&s, path, &e), 0);
	assert_null(s.base_url);
	assert_null(s.help_module);
	assert_int_equal(s.nhelplines, 0);
	assert_int_equal(s.nun_reporting, 0);
	assert_int_equal(s.un_reporting_line, 0);
	assert_int_equal(s.ntracks, 1);
	site_free(&s);
	free(path);
}

static void test_audience_valid(void **state)
{
	(void)state;
	assert_true(audience_valid("personnel"));
	assert_true(audience_valid("community"));
	assert_true(audience_valid("all"));
	assert_false(audience_valid("All"));
	assert_false(audience_valid(""));
}

/* Write `yaml` as site.yaml; expect an error at `line` with `sub`. */
static void expect_error(const char *yaml, int line, const char *sub)
{
	char *path = tu_write(tmpdir, "site.yaml", yaml);
	struct site s;
	struct err e = {0};
	assert_int_equal(site_load(&s, path, &e), -1);
	assert_err(e, path, line, sub);
	site_free(&s);
	free(path);
}

#define HEAD "title: T\nsource_language: en\n"   /* lines 1-2 */
#define LANGS "languages:\n  - code: en\n    name: English\n"   /* 3 lines */
#define TRACK(id) "  - id: " id "\n    order: 1\n    audience: all\n    title: X\n"

static void test_missing_languages(void **state)
{
	(void)state;
	expect_error(HEAD "tracks:\n" TRACK("a"), 1, "missing \"languages\"");
	expect_error(HEAD "languages: []\ntracks:\n" TRACK("a"), 3, "\"languages\" is empty");
	expect_error(HEAD "languages: en\ntracks:\n" TRACK("a"), 3, "languages must be a list");
	expect_error(HEAD LANGS, 1, "missing \"tracks\"");
	expect_error("source_language: en\n" LANGS "tracks:\n" TRACK("a"), 1, "missing \"title\"");
}

static void test_bad_dir(void **state)
{
	(void)state;
	expect_error(HEAD "languages:\n"
	             "  - code: en\n"      /* 4 */
	             "    name: English\n" /* 5 */
	             "    dir: up\n"       /* 6 */
	             "tracks:\n" TRACK("a"),
	             6, "\"dir\" must be ltr or rtl");
}

static void test_bad_lang(void **state)
{
	(void)state;
	expect_error(HEAD "languages:\n"
	             "  - code: en\n"
	             "    name: English\n"
	             "  - code: \"../x\"\n"   /* 6 */
	             "    name: X\n"
	             "tracks:\n" TRACK("a"),
	             6, "language code \"../x\" is not a language tag");
	expect_error(HEAD "languages:\n"
	             "  - code: en\n"
	             "    name: English\n"
	             "    flag: yes\n"        /* 6 */
	             "tracks:\n" TRACK("a"),
	             6, "unknown key \"flag\"");
	expect_error(HEAD "languages:\n"
	             "  - code: en\n"        /* 4 */
	             "tracks:\n" TRACK("a"),
	             4, "missing \"name\"");
	expect_error(HEAD "languages:\n"
	             "  - en\n"              /* 4 */
	             "tracks:\n" TRACK("a"),
	             4, "a language must be a mapping");
}

/* check_site reports a listed-twice language at the root mapping's line
 * (struct lang keeps no line); the second "code:" is the line to fix. */
static void test_duplicate_language(void **state)
{
	(void)state;
	expect_error(HEAD LANGS
	             "  - code: en\n"       /* 6 */
	             "    name: Again\n"
	             "tracks:\n" TRACK("a"),
	             6, "language \"en\" listed twice");
}

/* check_site reports a listed-twice track at its *title* line (the only
 * line struct track keeps), not at the duplicate "id:". */
static void test_duplicate_track(void **state)
{
	(void)state;
	expect_error(HEAD LANGS "tracks:\n"   /* 6 */
	             "  - id: a\n"            /* 7 */
	             "    order: 1\n"
	             "    audience: all\n"
	             "    title: X\n"         /* 10 */
	             "  - id: b\n"            /* 11 */
	             "    order: 2\n"
	             "    audience: all\n"
	             "    title: Y\n"
	             "  - id: a\n"            /* 15 */
	             "    order: 3\n"
	             "    audience: all\n"
	             "    title: Z\n",        /* 18 */
	             15, "track \"a\" listed twice");
}

static void test_bad_track(void **state)
{
	(void)state;
	expect_error(HEAD LANGS "tracks:\n"
	             "  - id: Policy\n"      /* 7 */
	             "    order: 1\n    audience: all\n    title: X\n",
	             7, "track id \"Policy\" may use only a-z, 0-9 and '-'");
	expect_error(HEAD LANGS "tracks:\n"
	             "  - id: a\n"
	             "    order: first\n"    /* 8 */
	             "    audience: all\n    title: X\n",
	             8, "\"order\" must be a whole number");
	expect_error(HEAD LANGS "tracks:\n"
	             "  - id: a\n"
	             "    order: 1\n"
	             "    audience: staff\n" /* 9 */
	             "    title: X\n",
	             9, "audience must be personnel, community or all, not \"staff\"");
	expect_error(HEAD LANGS "tracks:\n"
	             "  - id: a\n"           /* 7 */
	             "    order: 1\n"
	             "    audience: all\n",
	             7, "missing \"title\"");
}

/* check_site reports an unlisted source_language at the root mapping's
 * line (1 here by chance of layout), not at "source_language:". */
static void test_source_not_listed(void **state)
{
	(void)state;
	expect_error("title: T\n"
	             "source_language: de\n"   /* 2 */
	             LANGS "tracks:\n" TRACK("a"),
	             2, "source_language \"de\" is not in \"languages\"");
}

static void test_unknown_key(void **state)
{
	(void)state;
	expect_error(HEAD LANGS "tracks:\n" TRACK("a")
	             "colour: red\n",          /* 11 */
	             11, "unknown key \"colour\"");
	expect_error(HEAD LANGS "tracks:\n" TRACK("a")
	             "helplines:\n"
	             "  - name: N\n"
	             "    fax: 1\n",           /* 13 */
	             13, "unknown key \"fax\"");
}

static void test_bad_file(void **state)
{
	(void)state;
	/* YAML syntax: a second value on line 2 */
	expect_error("title: T\nsource_language: en: fr\n", 2, "mapping values are not allowed");
	/* invalid UTF-8: line 2, column 10 */
	char *path = tu_write(tmpdir, "site.yaml", "title: T\ntitle2: a\xFF\n");
	struct site s;
	struct err e = {0};
	assert_int_equal(site_load(&s, path, &e), -1);
	assert_err(e, path, 2, "invalid UTF-8");
	assert_int_equal(e.column, 10);
	site_free(&s);
	free(path);
	/* not a mapping */
	expect_error("- a\n- b\n", 1, "site.yaml must be a mapping");
	expect_error("# only a comment\n", 1, "empty YAML document");
	/* a missing file */
	char *none = fs_join(tmpdir, "none.yaml");
	assert_int_equal(site_load(&s, none, &e), -1);
	assert_string_equal(e.file, none);
	site_free(&s);
	free(none);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_minimal, setup, teardown),
		cmocka_unit_test(test_audience_valid),
		cmocka_unit_test_setup_teardown(test_missing_languages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_lang, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_language, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_track, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_track, setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_not_listed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_file, setup, teardown),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
