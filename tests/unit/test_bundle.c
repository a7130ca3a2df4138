/* test_bundle.c - kiosk.bundle: build one from a small project, then read
 * it back the way the kiosk will (read-only, through bundle_open) and check
 * every table; reproducibility; and the errors. */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "bundle.h"
#include "emit_bundle.h"
#include "project.h"

/* ---- a project in a temp folder --------------------------------------- */

static char *tmpdir;
static char *oldcwd;

static const struct paths paths = {
	.content = "content", .locales = "locales", .assets = "assets", .out = "out",
	.cache = "cache",
};

static const char site_yaml[] =
	"title: \"Kiosk test\"\n"                            /* 1 */
	"source_language: en\n"                              /* 2 */
	"languages:\n"                                       /* 3 */
	"  - code: en\n"                                     /* 4 */
	"    name: English\n"                                /* 5 */
	"    dir: ltr\n"                                     /* 6 */
	"  - code: fr\n"                                     /* 7 */
	"    name: \"Fran\xC3\xA7" "ais\"\n"                 /* 8 */
	"    dir: ltr\n"                                     /* 9 */
	"  - code: ar\n"                                     /* 10 */
	"    name: \"\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9\"\n" /* 11 */
	"    dir: rtl\n"                                     /* 12 */
	"tracks:\n"
	"  - id: help\n"
	"    order: 2\n"
	"    audience: community\n"
	"    title: \"Help\"\n"
	"  - id: basics\n"
	"    order: 1\n"
	"    audience: all\n"
	"    title: \"Basics\"\n"
	"    summary: \"The first things.\"\n"
	"help_module: help/01-get-help\n"
	"helplines:\n"
	"  - name: \"Example: a helpline\"\n"
	"    description: \"To be filled in.\"\n"
	"    phone: \"\"\n"
	"    hours: \"Always\"\n"
	"    example: true\n";

static const char ui_yaml[] =
	"home: \"Home\"\n"
	"next: \"Next\"\n";

/* Every kind of block.  Byte offsets in the comments are those of the
 * block's plain text. */
static const char intro_md[] =
	"---\n"                                              /* 1 */
	"title: \"Introduction\"\n"                          /* 2 */
	"summary: \"What this is about.\"\n"                 /* 3 */
	"minutes: 4\n"                                       /* 4 */
	"audience: all\n"                                    /* 5 */
	"critical: false\n"                                  /* 6 */
	"---\n"                                              /* 7 */
	"# Welcome\n"                                        /* 8 */
	"\n"                                                 /* 9 */
	"Some *emphasis* and **strong**\n"                   /* 10 */
	"text.\n"                                            /* 11 */
	"\n"                                                 /* 12 */
	"1. First step\n"                                    /* 13 */
	"2. Second **step**\n"                               /* 14 */
	"   - nested `bullet`\n"                             /* 15 */
	"\n"                                                 /* 16 */
	"> Quoted words.\n"                                  /* 17 */
	"\n"                                                 /* 18 */
	"    code  line\n"                                   /* 19 */
	"\n"                                                 /* 20 */
	"***\n"                                              /* 21 */
	"\n"                                                 /* 22 */
	"![A *photo*](photo.png)\n"                          /* 23 */
	"\n"                                                 /* 24 */
	"<div>raw html is dropped</div>\n"                   /* 25 */
	"\n"                                                 /* 26 */
	"Last [link text](https://example.org) here.\n";     /* 27 */

static const char help_md[] =
	"---\n"
	"title: \"Get help\"\n"
	"minutes: 1\n"
	"critical: false\n"
	"---\n"
	"You can ask for help.\n";

static const char quiz_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<quiz id=\"intro\" pass-percent=\"75\">\n"
	"  <question id=\"which\" type=\"single\">\n"
	"    <prompt>Which word is *emphasised*?</prompt>\n"
	"    <choice id=\"a\" correct=\"true\">emphasis</choice>\n"
	"    <choice id=\"b\">strong</choice>\n"
	"    <feedback choice=\"b\">That one is **strong**.</feedback>\n"
	"    <explanation>See the first paragraph.</explanation>\n"
	"  </question>\n"
	"  <question id=\"tf\" type=\"true-false\">\n"
	"    <prompt>Raw HTML is shown.</prompt>\n"
	"    <choice id=\"true\">True</choice>\n"
	"    <choice id=\"false\" correct=\"true\">False</choice>\n"
	"    <explanation>It is dropped.</explanation>\n"
	"  </question>\n"
	"</quiz>\n";

#define PO_HEADER                                                           \
	"msgid \"\"\n"                                                      \
	"msgstr \"\"\n"                                                     \
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"

#define FR_STRONG "Du texte *mis en \xC3\xA9vidence* et **tr\xC3\xA8s fort**."
static const char fr_po[] =
	PO_HEADER
	"msgid \"Kiosk test\"\nmsgstr \"Test du kiosque\"\n\n"
	"msgid \"Basics\"\nmsgstr \"Les bases\"\n\n"
	"msgid \"Introduction\"\nmsgstr \"Pr\xC3\xA9sentation\"\n\n"
	"msgid \"Welcome\"\nmsgstr \"Bienvenue\"\n\n"
	"msgid \"Some *emphasis* and **strong** text.\"\nmsgstr \"" FR_STRONG "\"\n\n"
	"#, fuzzy\nmsgid \"First step\"\nmsgstr \"Premi\xC3\xA8re \xC3\xA9tape\"\n\n"
	"msgid \"![A *photo*](photo.png)\"\nmsgstr \"![Une *photo*](photo.png)\"\n\n"
	"msgid \"Example: a helpline\"\nmsgstr \"Exemple : une ligne\"\n\n"
	"msgctxt \"ui\"\nmsgid \"Home\"\nmsgstr \"Accueil\"\n\n"
	"msgctxt \"quiz:intro/which\"\nmsgid \"Which word is *emphasised*?\"\n"
	"msgstr \"Quel mot est *mis en valeur* ?\"\n\n"
	"msgctxt \"quiz:intro/which/b\"\nmsgid \"strong\"\nmsgstr \"fort\"\n";

#define AR_WELCOME "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7"   /* marhaban */
static const char ar_po[] =
	PO_HEADER
	"msgid \"Welcome\"\nmsgstr \"" AR_WELCOME "\"\n";

/* 8 bytes that start like a TrueType file, then the name: each fake font
 * is recognisable in the bundle. */
static void put_font(const char *name)
{
	char data[128];
	int n = snprintf(data, sizeof data, "%c%c%c%cfake %s", 0, 1, 0, 0, name);
	free(tu_write_n(".", name, data, (size_t)n));
}

static const char *const font_files[] = {
	"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
	"NotoSans-BoldItalic.ttf", "NotoNaskhArabic-Regular.ttf",
	"NotoNaskhArabic-Bold.ttf",
};

static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0, 'f', 'a', 'k', 'e'
};

static void write_project(void)
{
	char *rng = xconcat(oldcwd, "/assets/schema/quiz.rng", NULL);
	struct err e = {0};
	tu_put(".", "content/site.yaml", site_yaml);
	tu_put(".", "content/basics/01-intro/index.md", intro_md);
	tu_put(".", "content/basics/01-intro/quiz.xml", quiz_xml);
	free(tu_write_n(".", "content/basics/01-intro/photo.png", (const char *)png, sizeof png));
	tu_put(".", "content/help/01-get-help/index.md", help_md);
	tu_put(".", "assets/ui.yaml", ui_yaml);
	if (fs_mkdirs("assets/schema", &e) < 0 ||
	    fs_copy_file(rng, "assets/schema/quiz.rng", &e) < 0)
		fail_msg("copy the quiz schema: %s", e.msg);
	free(rng);
	tu_put(".", "locales/fr.po", fr_po);
	tu_put(".", "locales/ar.po", ar_po);
	if (fs_mkdirs("fonts", &e) < 0 || fs_mkdirs("out", &e) < 0)
		fail_msg("mkdir: %s", e.msg);
	for (size_t i = 0; i < sizeof font_files / sizeof *font_files; i++) {
		char *rel = xconcat("fonts/", font_files[i], NULL);
		put_font(rel);
		free(rel);
	}
}

/* Replace the first `from` in the file at `path` with `to`. */
static void edit(const char *path, const char *from, const char *to)
{
	char *s = tu_read(path);
	const char *at = strstr(s, from);
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

static int setup(void **state)
{
	(void)state;
	oldcwd = getcwd(NULL, 0);
	tmpdir = tu_mkdtemp();
	if (!oldcwd || chdir(tmpdir) < 0)
		return -1;
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	setenv("CRSV_FONTS", "fonts", 1);
	write_project();
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
	unsetenv("CRSV_FONTS");
	return rc;
}

/* Load the project and write its bundle to `path`; returns emit's result
 * and leaves the error in *e. */
static int build(const char *path, struct err *e)
{
	struct project p;
	int rc = project_load(&p, &paths, 1, e);
	if (rc < 0)
		fail_msg("project_load: %s:%d: %s", e->file, e->line, e->msg);
	struct emit_job job = { .p = &p, .path = path, .when = 0 };   /* as SOURCE_DATE_EPOCH=0 */
	rc = emit_bundle(&job, e);
	project_free(&p);
	return rc;
}

static void build_ok(const char *path)
{
	struct err e = {0};
	if (build(path, &e) < 0)
		fail_msg("emit_bundle: %s:%d: %s", e.file, e.line, e.msg);
}

/* ---- reading helpers -------------------------------------------------- */

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare \"%s\": %s", sql, sqlite3_errmsg(db));
	return st;
}

/* The first column of the only row of `sql`, as text (heap; "NULL" for a
 * NULL).  Fails the test when there is not exactly one row. */
static char *one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = prep(db, sql);
	char *v;
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("no row for \"%s\"", sql);
	v = xstrdup(sqlite3_column_type(st, 0) == SQLITE_NULL ? "NULL"
	            : (const char *)sqlite3_column_text(st, 0));
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("more than one row for \"%s\"", sql);
	sqlite3_finalize(st);
	return v;
}

#define assert_one(db, sql, expected)                                       \
	do {                                                                \
		char *v_ = one((db), (sql));                                \
		if (strcmp(v_, (expected)))                                 \
			fail_msg("%s\n  gave \"%s\", expected \"%s\"", (sql), \
			         v_, (expected));                           \
		free(v_);                                                   \
	} while (0)

/* Every row of `sql`, columns joined by '|', rows by '\n' (heap). */
static char *rows(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = prep(db, sql);
	struct buf b = {0};
	buf_puts(&b, "");
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			if (i)
				buf_putc(&b, '|');
			buf_puts(&b, sqlite3_column_type(st, i) == SQLITE_NULL ? "NULL"
			         : (const char *)sqlite3_column_text(st, i));
		}
		buf_putc(&b, '\n');
	}
	sqlite3_finalize(st);
	return buf_take(&b);
}

#define assert_rows(db, sql, expected)                                      \
	do {                                                                \
		char *v_ = rows((db), (sql));                               \
		if (strcmp(v_, (expected)))                                 \
			fail_msg("%s\n  gave:\n%s  expected:\n%s", (sql), v_, \
			         (expected));                               \
		free(v_);                                                   \
	} while (0)

static sqlite3 *open_bundle(const char *path)
{
	sqlite3 *db = NULL;
	struct err e = {0};
	if (bundle_open(&db, path, &e) < 0)
		fail_msg("bundle_open: %s: %s", e.file, e.msg);
	return db;
}

/* ---- the tests -------------------------------------------------------- */

static void test_schema_numbers(void **state)
{
	(void)state;
	const char *sql = bundle_schema_sql();
	assert_non_null(strstr(sql, "CREATE TABLE blocks"));
	assert_true(bundle_schema_version() >= 1);
	assert_int_equal(bundle_application_id(), 0x43525356);
	/* the embedded text is the file: same bytes as common/bundle.sql */
	char *file = tu_read("common/bundle.sql");
	assert_string_equal(sql, file);
	free(file);
}

static void test_file_level(void **state)
{
	(void)state;
	build_ok("out/kiosk.bundle");
	sqlite3 *db = open_bundle("out/kiosk.bundle");
	char ver[16];
	snprintf(ver, sizeof ver, "%d", bundle_schema_version());
	assert_one(db, "PRAGMA integrity_check", "ok");
	assert_rows(db, "PRAGMA foreign_key_check", "");
	assert_one(db, "PRAGMA user_version", ver);
	assert_one(db, "PRAGMA application_id", "1129468758");
	assert_one(db, "PRAGMA freelist_count", "0");
	assert_one(db, "PRAGMA page_size", "4096");
	/* the file is opened read-only: writes fail */
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM meta", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	/* nothing left beside it */
	char **names;
	size_t n;
	struct err e = {0};
	assert_int_equal(fs_list("out", &names, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "kiosk.bundle");
	fs_list_free(names, n);
}

static void test_meta_languages_fonts(void **state)
{
	(void)state;
	build_ok("out/kiosk.bundle");
	sqlite3 *db = open_bundle("out/kiosk.bundle");
	char *v = one(db, "SELECT value FROM meta WHERE key = 'content_version'");
	assert_int_equal(strlen(v), 64);
	assert_int_equal(strspn(v, "0123456789abcdef"), 64);
	free(v);
	struct err e = {0};
	assert_int_equal(bundle_meta(db, "build_time", &v, &e), 0);
	assert_string_equal(v, "0");
	free(v);
	assert_int_equal(bundle_meta(db, "no such key", &v, &e), -1);
	assert_null(v);
	assert_contains(e.msg, "no such key");
	assert_rows(db, "SELECT key, value FROM meta WHERE key != 'content_version' ORDER BY key",
	            "build_time|0\n"
	            "build_time_utc|1970-01-01T00:00:00Z\n"
	            "generator|crsv-gen\n"
	            "help_module|help/01-get-help\n"
	            "source_lang|en\n");

	assert_rows(db, "SELECT code, position, name, direction, script, font_family, is_source "
	                "FROM languages ORDER BY position",
	            "en|0|English|ltr|Latn|Noto Sans|1\n"
	            "fr|1|Fran\xC3\xA7" "ais|ltr|Latn|Noto Sans|0\n"
	            "ar|2|\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9|rtl|Arab|Noto Naskh Arabic|0\n");

	assert_rows(db, "SELECT family, bold, italic, file, hex(substr(data, 1, 4)), "
	                "CAST(substr(data, 5) AS TEXT) FROM fonts ORDER BY family, bold, italic",
	            "Noto Naskh Arabic|0|0|NotoNaskhArabic-Regular.ttf|00010000|fake fonts/NotoNaskhArabic-Regular.ttf\n"
	            "Noto Naskh Arabic|1|0|NotoNaskhArabic-Bold.ttf|00010000|fake fonts/NotoNaskhArabic-Bold.ttf\n"
	            "Noto Sans|0|0|NotoSans-Regular.ttf|00010000|fake fonts/NotoSans-Regular.ttf\n"
	            "Noto Sans|0|1|NotoSans-Italic.ttf|00010000|fake fonts/NotoSans-Italic.ttf\n"
	            "Noto Sans|1|0|NotoSans-Bold.ttf|00010000|fake fonts/NotoSans-Bold.ttf\n"
	            "Noto Sans|1|1|NotoSans-BoldItalic.ttf|00010000|fake fonts/NotoSans-BoldItalic.ttf\n");
	/* every language's family has its regular face */
	assert_one(db, "SELECT count(*) FROM languages l WHERE NOT EXISTS (SELECT 1 FROM fonts f "
	               "WHERE f.family = l.font_family AND f.bold = 0 AND f.italic = 0)", "0");
	sqlite3_close(db);
}

static void test_texts(void **state)
{
	(void)state;
	build_ok("out/kiosk.bundle");
	sqlite3 *db = open_bundle("out/kiosk.bundle");
	assert_rows(db, "SELECT s.lang, s.key, s.text, s.fallback FROM site_text s "
	                "JOIN languages l ON l.code = s.lang ORDER BY l.position",
	            "en|title|Kiosk test|0\n"
	            "fr|title|Test du kiosque|0\n"
	            "ar|title|Kiosk test|1\n");
	assert_rows(db, "SELECT u.lang, u.key, u.text, u.fallback FROM ui_strings u "
	                "JOIN languages l ON l.code = u.lang ORDER BY l.position, u.key",
	            "en|home|Home|0\n"
	            "en|next|Next|0\n"
	            "fr|home|Accueil|0\n"
	            "fr|next|Next|1\n"
	            "ar|home|Home|1\n"
	            "ar|next|Next|1\n");
	assert_rows(db, "SELECT id, position, audience FROM tracks ORDER BY position",
	            "basics|0|all\n"
	            "help|1|community\n");
	assert_rows(db, "SELECT track, lang, title, summary, title_fallback, summary_fallback "
	                "FROM track_text WHERE lang IN ('en', 'fr') ORDER BY track, lang",
	            "basics|en|Basics|The first things.|0|0\n"
	            "basics|fr|Les bases|The first things.|0|1\n"
	            "help|en|Help||0|0\n"
	            "help|fr|Help||1|0\n");
	assert_rows(db, "SELECT id, key, slug, track, minutes, audience, critical FROM modules ORDER BY id",
	            "1|basics/01-intro|intro|basics|4|all|0\n"
	            "2|help/01-get-help|get-help|help|1|community|0\n");
	assert_rows(db, "SELECT module, lang, title, summary, title_fallback, summary_fallback "
	                "FROM module_text WHERE module = 1 ORDER BY lang",
	            "1|ar|Introduction|What this is about.|1|1\n"
	            "1|en|Introduction|What this is about.|0|0\n"
	            "1|fr|Pr\xC3\xA9sentation|What this is about.|0|1\n");
	assert_one(db, "SELECT count(*) FROM module_text", "6");
	assert_rows(db, "SELECT id, phone, example FROM helplines", "1||1\n");
	assert_rows(db, "SELECT lang, name, description, hours, name_fallback, description_fallback, "
	                "hours_fallback FROM helpline_text ORDER BY lang",
	            "ar|Example: a helpline|To be filled in.|Always|1|1|1\n"
	            "en|Example: a helpline|To be filled in.|Always|0|0|0\n"
	            "fr|Exemple : une ligne|To be filled in.|Always|0|1|1\n");
	sqlite3_close(db);
}

static void test_blocks(void **state)
{
	(void)state;
	build_ok("out/kiosk.bundle");
	sqlite3 *db = open_bundle("out/kiosk.bundle");
	/* the source language: every kind, in order; raw HTML dropped */
	assert_rows(db, "SELECT position, kind, level, quote_depth, ordered, list_number, "
	                "text, fallback, image FROM blocks WHERE module = 1 AND lang = 'en' "
	                "ORDER BY position",
	            "0|heading|1|0|NULL|NULL|Welcome|0|NULL\n"
	            "1|paragraph|0|0|NULL|NULL|Some emphasis and strong text.|0|NULL\n"
	            "2|list_item|1|0|1|1|First step|0|NULL\n"
	            "3|list_item|1|0|1|2|Second step|0|NULL\n"
	            "4|list_item|2|0|0|NULL|nested bullet|0|NULL\n"
	            "5|quote|0|1|NULL|NULL|Quoted words.|0|NULL\n"
	            "6|code|0|0|NULL|NULL|code  line|0|NULL\n"
	            "7|rule|0|0|NULL|NULL||0|NULL\n"
	            "8|image|0|0|NULL|NULL|A photo|0|basics/01-intro/photo.png\n"
	            "9|paragraph|0|0|NULL|NULL|Last link text here.|0|NULL\n");
	/* emphasis runs, as byte ranges of the text */
	assert_rows(db, "SELECT b.position, substr(b.text, r.start + 1, r.length), r.start, "
	                "r.length, r.style FROM block_runs r JOIN blocks b ON b.id = r.block "
	                "WHERE b.module = 1 AND b.lang = 'en' ORDER BY b.position, r.start",
	            "1|emphasis|5|8|em\n"
	            "1|strong|18|6|strong\n"
	            "3|step|7|4|strong\n"
	            "4|bullet|7|6|code\n"
	            "8|photo|2|5|em\n"
	            "9|link text|5|9|link\n");
	/* French: translated units with their own runs; the fuzzy one and the
	 * untranslated ones fall back; code is never translated */
	assert_rows(db, "SELECT position, kind, text, fallback FROM blocks "
	                "WHERE module = 1 AND lang = 'fr' ORDER BY position",
	            "0|heading|Bienvenue|0\n"
	            "1|paragraph|Du texte mis en \xC3\xA9vidence et tr\xC3\xA8s fort.|0\n"
	            "2|list_item|First step|1\n"
	            "3|list_item|Second step|1\n"
	            "4|list_item|nested bullet|1\n"
	            "5|quote|Quoted words.|1\n"
	            "6|code|code  line|0\n"
	            "7|rule||0\n"
	            "8|image|Une photo|0\n"
	            "9|paragraph|Last link text here.|1\n");
	/* byte offsets count UTF-8 bytes, not characters */
	assert_rows(db, "SELECT r.start, r.length, r.style FROM block_runs r JOIN blocks b "
	                "ON b.id = r.block WHERE b.module = 1 AND b.lang = 'fr' AND b.position = 1 "
	                "ORDER BY r.start",
	            "9|16|em\n"
	            "29|10|strong\n");
	assert_rows(db, "SELECT position, text, fallback FROM blocks WHERE module = 1 AND "
	                "lang = 'ar' AND position < 2 ORDER BY position",
	            "0|" AR_WELCOME "|0\n"
	            "1|Some emphasis and strong text.|1\n");
	/* the fallback keeps the source's runs */
	assert_one(db, "SELECT count(*) FROM block_runs r JOIN blocks b ON b.id = r.block "
	               "WHERE b.module = 1 AND b.lang = 'ar' AND b.position = 1", "2");
	/* the same structure in every language */
	assert_rows(db, "SELECT lang, count(*), group_concat(kind, ',') FROM "
	                "(SELECT * FROM blocks WHERE module = 1 ORDER BY lang, position) "
	                "GROUP BY lang ORDER BY lang",
	            "ar|10|heading,paragraph,list_item,list_item,list_item,quote,code,rule,image,paragraph\n"
	            "en|10|heading,paragraph,list_item,list_item,list_item,quote,code,rule,image,paragraph\n"
	            "fr|10|heading,paragraph,list_item,list_item,list_item,quote,code,rule,image,paragraph\n");
	assert_rows(db, "SELECT lang, text FROM blocks WHERE module = 2 ORDER BY id",
	            "en|You can ask for help.\n"
	            "fr|You can ask for help.\n"
	            "ar|You can ask for help.\n");
	/* the image, once, with its bytes */
	assert_rows(db, "SELECT path, media_type, hex(data) FROM images",
	            "basics/01-intro/photo.png|image/png|89504E470D0A1A0A0000000066616B65\n");
	sqlite3_close(db);
}

static void test_quizzes(void **state)
{
	(void)state;
	build_ok("out/kiosk.bundle");
	sqlite3 *db = open_bundle("out/kiosk.bundle");
	assert_rows(db, "SELECT id, module, key, pass_percent FROM quizzes", "1|1|intro|75\n");
	assert_rows(db, "SELECT id, quiz, position, key, type FROM questions ORDER BY id",
	            "1|1|0|which|single\n"
	            "2|1|1|tf|true-false\n");
	/* the answer key, once for every language */
	assert_rows(db, "SELECT q.key, c.position, c.key, c.correct FROM choices c "
	                "JOIN questions q ON q.id = c.question ORDER BY q.position, c.position",
	            "which|0|a|1\n"
	            "which|1|b|0\n"
	            "tf|0|true|0\n"
	            "tf|1|false|1\n");
	assert_rows(db, "SELECT t.msgctxt, t.role, c.key, t.text, t.fallback FROM quiz_texts t "
	                "LEFT JOIN choices c ON c.id = t.choice WHERE t.lang = 'fr' ORDER BY t.id",
	            "quiz:intro/which|prompt|NULL|Quel mot est mis en valeur ?|0\n"
	            "quiz:intro/which/a|choice|a|emphasis|1\n"
	            "quiz:intro/which/b|choice|b|fort|0\n"
	            "quiz:intro/which/b|feedback|b|That one is strong.|1\n"
	            "quiz:intro/which|explanation|NULL|See the first paragraph.|1\n"
	            "quiz:intro/tf|prompt|NULL|Raw HTML is shown.|1\n"
	            "quiz:intro/tf/true|choice|true|True|1\n"
	            "quiz:intro/tf/false|choice|false|False|1\n"
	            "quiz:intro/tf|explanation|NULL|It is dropped.|1\n");
	assert_rows(db, "SELECT lang, count(*) FROM quiz_texts GROUP BY lang ORDER BY lang",
	            "ar|9\nen|9\nfr|9\n");
	assert_rows(db, "SELECT t.lang, t.role, substr(t.text, r.start + 1, r.length), r.style "
	                "FROM quiz_text_runs r JOIN quiz_texts t ON t.id = r.quiz_text "
	                "ORDER BY t.id, r.start",
	            "en|prompt|emphasised|em\n"
	            "en|feedback|strong|strong\n"
	            "fr|prompt|mis en valeur|em\n"
	            "fr|feedback|strong|strong\n"
	            "ar|prompt|emphasised|em\n"
	            "ar|feedback|strong|strong\n");
	sqlite3_close(db);
}

/* Read a whole file; its length in *len. */
static char *slurp(const char *path, size_t *len)
{
	char *data = NULL;
	struct err e = {0};
	if (fs_read(path, &data, len, &e) < 0)
		fail_msg("read %s: %s", path, e.msg);
	return data;
}

static char *meta(const char *path, const char *key)
{
	sqlite3 *db = open_bundle(path);
	char *v = NULL;
	struct err e = {0};
	if (bundle_meta(db, key, &v, &e) < 0)
		fail_msg("%s", e.msg);
	sqlite3_close(db);
	return v;
}

static void test_reproducible(void **state)
{
	(void)state;
	size_t la, lb;
	build_ok("out/a.bundle");
	build_ok("out/b.bundle");
	char *a = slurp("out/a.bundle", &la);
	char *b = slurp("out/b.bundle", &lb);
	assert_int_equal(la, lb);
	assert_true(la % 4096 == 0);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);

	/* a changed translation is a new content version; the same content
	 * in another folder (and with other fonts) is not */
	char *v1 = meta("out/a.bundle", "content_version");
	tu_put(".", "fonts/NotoSans-Bold.ttf", "not a font");
	struct err e = {0};
	assert_int_equal(build("out/c.bundle", &e), -1);
	assert_contains(e.msg, "not a TrueType or OpenType font");
	put_font("fonts/NotoSans-Bold.ttf");
	tu_put(".", "locales/ar.po", PO_HEADER "msgid \"Welcome\"\nmsgstr \"Ahlan\"\n");
	build_ok("out/c.bundle");
	char *v2 = meta("out/c.bundle", "content_version");
	assert_string_not_equal(v1, v2);
	free(v2);
	free(v1);
}

static void test_missing_font(void **state)
{
	(void)state;
	struct err e = {0};
	assert_int_equal(remove("fonts/NotoNaskhArabic-Bold.ttf"), 0);
	assert_int_equal(build("out/kiosk.bundle", &e), -1);
	assert_err(e, "fonts/NotoNaskhArabic-Bold.ttf", 0,
	           "font not found (install fonts-noto-core)");
	/* no bundle and no temporary file */
	char **names;
	size_t n;
	assert_int_equal(fs_list("out", &names, &n, &e), 0);
	assert_int_equal(n, 0);
	fs_list_free(names, n);

	/* without an Arabic-script language, the Arabic font is not needed */
	edit("content/site.yaml", "  - code: ar\n    name: \"\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9\"\n"
	     "    dir: rtl\n", "");
	build_ok("out/kiosk.bundle");
	sqlite3 *db = open_bundle("out/kiosk.bundle");
	assert_one(db, "SELECT count(*) FROM fonts", "4");
	assert_one(db, "SELECT count(DISTINCT family) FROM fonts", "1");
	sqlite3_close(db);
}

static void test_bad_image(void **state)
{
	(void)state;
	struct err e = {0};
	edit("content/basics/01-intro/index.md", "photo.png)", "photo.gif)");
	assert_int_equal(build("out/kiosk.bundle", &e), -1);
	assert_err(e, "content/basics/01-intro/index.md", 23,
	           "image \"photo.gif\" must be a file in the module's folder");
}

static void test_unknown_script(void **state)
{
	(void)state;
	struct err e = {0};
	edit("content/site.yaml", "code: ar\n", "code: ti\n");   /* not in the table: Latin */
	build_ok("out/kiosk.bundle");
	sqlite3 *db = open_bundle("out/kiosk.bundle");
	assert_one(db, "SELECT script FROM languages WHERE code = 'ti'", "Latn");
	sqlite3_close(db);
	/* an explicit script subtag wins; one without fonts is an error */
	edit("content/site.yaml", "code: ti\n", "code: ti-Ethi\n");
	assert_int_equal(build("out/x.bundle", &e), -1);
	assert_err(e, "content/site.yaml", 10, "no font for the Ethi script");
	edit("content/site.yaml", "code: ti-Ethi\n", "code: ps-arab\n");
	build_ok("out/y.bundle");
	db = open_bundle("out/y.bundle");
	assert_one(db, "SELECT script || ' ' || font_family FROM languages WHERE code = 'ps-arab'",
	           "Arab Noto Naskh Arabic");
	sqlite3_close(db);
}

static void test_open_checks(void **state)
{
	(void)state;
	sqlite3 *db = NULL;
	struct err e = {0};
	/* not a database at all */
	tu_put(".", "out/text.bundle", "this is not SQLite, just some text that is long enough "
	       "to fill the header of a database file, which is one hundred bytes long.....");
	assert_int_equal(bundle_open(&db, "out/text.bundle", &e), -1);
	assert_null(db);
	assert_err(e, "out/text.bundle", 0, "not a kiosk bundle");
	/* a database, but not a bundle */
	assert_int_equal(sqlite3_open("out/other.db", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (a)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	db = NULL;
	assert_int_equal(bundle_open(&db, "out/other.db", &e), -1);
	assert_null(db);
	assert_err(e, "out/other.db", 0, "not a kiosk bundle");
	/* a bundle of another schema version */
	build_ok("out/kiosk.bundle");
	assert_int_equal(sqlite3_open("out/kiosk.bundle", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	db = NULL;
	assert_int_equal(bundle_open(&db, "out/kiosk.bundle", &e), -1);
	assert_null(db);
	assert_contains(e.msg, "bundle schema version 999, this program reads version");
	/* missing */
	assert_int_equal(bundle_open(&db, "out/none.bundle", &e), -1);
	assert_null(db);
	assert_contains(e.msg, "bundle not found");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_numbers),
		cmocka_unit_test_setup_teardown(test_file_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta_languages_fonts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_texts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quizzes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reproducible, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_font, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_image, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_script, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_checks, setup, teardown),
	};
	return cmocka_run_group_tests_name("bundle", tests, NULL, NULL);
}
