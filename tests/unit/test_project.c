/* test_project.c - the services every output shares: translated text with
 * its fallback rule, chrome strings, unit keys, the image rule, statement
 * binding. */
#include "testutil.h"

#include "content.h"
#include "media.h"
#include "project.h"
#include "segment.h"
#include "sqlbind.h"

/* A project of three languages, English the source, without files: only
 * what project_text reads. */
struct tproject {
	struct project p;
	struct lang langs[3];
	struct catalog *cats[3];
};

static void tproject_init(struct tproject *t, int with_catalogs)
{
	memset(t, 0, sizeof *t);
	t->langs[0].code = "en";
	t->langs[1].code = "fr";
	t->langs[2].code = "ar";
	t->p.site.source_lang = "en";
	t->p.site.langs = t->langs;
	t->p.site.nlangs = 3;
	if (with_catalogs) {
		t->cats[1] = catalog_new();
		catalog_add(t->cats[1], NULL, "Hello", "Bonjour", 0);
		catalog_add(t->cats[1], NULL, "Maybe", "Peut-etre", 1);
		catalog_add(t->cats[1], UI_CTXT, "Next", "Suivant", 0);
		t->cats[2] = catalog_new();   /* ar.po missing: an empty catalogue */
		t->p.cats = t->cats;
	}
}

static void tproject_free(struct tproject *t)
{
	for (int i = 0; i < 3; i++)
		catalog_free(t->cats[i]);
}

static void test_text(void **state)
{
	(void)state;
	struct tproject t;
	int fb = -1;
	tproject_init(&t, 1);
	/* the source language is never "fallen back" */
	assert_string_equal(project_text(&t.p, 0, NULL, "Hello", &fb), "Hello");
	assert_int_equal(fb, 0);
	assert_string_equal(project_text(&t.p, 1, NULL, "Hello", &fb), "Bonjour");
	assert_int_equal(fb, 0);
	/* fuzzy, missing, another context: the source text, fallen back */
	assert_string_equal(project_text(&t.p, 1, NULL, "Maybe", &fb), "Maybe");
	assert_int_equal(fb, 1);
	fb = -1;
	assert_string_equal(project_text(&t.p, 1, NULL, "Next", &fb), "Next");
	assert_int_equal(fb, 1);
	assert_string_equal(project_text(&t.p, 1, UI_CTXT, "Next", &fb), "Suivant");
	assert_int_equal(fb, 0);
	assert_string_equal(project_text(&t.p, 2, NULL, "Hello", &fb), "Hello");
	assert_int_equal(fb, 1);
	/* an optional text left out is empty, in every language */
	for (size_t l = 0; l < 3; l++) {
		fb = -1;
		assert_string_equal(project_text(&t.p, l, NULL, NULL, &fb), "");
		assert_int_equal(fb, 0);
	}
	assert_null(project_catalog(&t.p, 0));
	assert_ptr_equal(project_catalog(&t.p, 1), t.cats[1]);
	tproject_free(&t);

	/* no catalogues loaded: every other language falls back */
	tproject_init(&t, 0);
	assert_string_equal(project_text(&t.p, 0, NULL, "Hello", &fb), "Hello");
	assert_int_equal(fb, 0);
	assert_string_equal(project_text(&t.p, 1, NULL, "Hello", &fb), "Hello");
	assert_int_equal(fb, 1);
	assert_null(project_catalog(&t.p, 1));
	tproject_free(&t);
}

static void test_ui(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *path = tu_write(dir, "ui.yaml", "next: \"Next\"\nquiz: \"Quiz\"\n");
	struct tproject t;
	struct err e = {0};
	tproject_init(&t, 1);
	assert_int_equal(ui_load(&t.p.ui, path, &e), 0);
	assert_string_equal(ui_find(&t.p.ui, "quiz")->text, "Quiz");
	assert_null(ui_find(&t.p.ui, "Quiz"));
	assert_string_equal(project_ui_text(&t.p, 0, "next"), "Next");
	assert_string_equal(project_ui_text(&t.p, 1, "next"), "Suivant");
	assert_string_equal(project_ui_text(&t.p, 1, "quiz"), "Quiz");
	assert_string_equal(project_ui_text(&t.p, 1, "nothing"), "nothing");
	ui_free(&t.p.ui);
	tproject_free(&t);
	free(path);

	/* a key given twice would win in one lookup and lose in another */
	path = tu_write(dir, "ui.yaml", "next: \"Next\"\nquiz: \"Quiz\"\nnext: \"Onward\"\n");
	struct ui u;
	assert_int_equal(ui_load(&u, path, &e), -1);
	assert_int_equal(e.line, 3);
	assert_non_null(strstr(e.msg, "key \"next\" given twice (first on line 1)"));
	ui_free(&u);
	free(path);
	tu_rmtree(dir);
}

static void test_catalog_key(void **state)
{
	(void)state;
	size_t len = 0;
	char *k = catalog_key("ui", "Next", &len);
	assert_string_equal(k, "ui\004Next");
	assert_int_equal(len, 7);
	free(k);
	k = catalog_key(NULL, "Next", NULL);
	assert_string_equal(k, "Next");
	free(k);
}

static void test_translation_inlines(void **state)
{
	(void)state;
	cmark_node *doc, *para;
	/* plain text: nothing parsed, shown as it is */
	assert_null(segment_translation("Bonjour", &doc));
	assert_null(doc);
	/* one paragraph: its inlines */
	para = segment_translation("Un *mot*", &doc);
	assert_non_null(para);
	assert_int_equal(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
	assert_int_equal(cmark_node_get_type(cmark_node_last_child(para)), CMARK_NODE_EMPH);
	cmark_node_free(doc);
	/* a list, or two paragraphs: the literal text */
	assert_null(segment_translation("- un\n- deux", &doc));
	assert_non_null(doc);
	cmark_node_free(doc);
	assert_null(segment_translation("un\n\ndeux", &doc));
	cmark_node_free(doc);
}

static void test_image_rule(void **state)
{
	(void)state;
	char *dir = tu_mkdtemp();
	char *folder = fs_join(dir, "content/basics/01-x");
	char *md = tu_write(dir, "content/basics/01-x/index.md", "x");
	tu_put(dir, "content/basics/01-x/a.PNG", "png");
	tu_put(dir, "content/basics/01-x/b.bmp", "bmp");
	tu_put(dir, "content/basics/02-y/c.png", "png");
	struct module m = {0};
	struct content_image img;
	struct err e = {0};
	m.folder = folder;
	m.path = md;
	assert_int_equal(content_image(&m, "./a.PNG", &img, &e), 0);
	assert_string_equal(img.name, "a.PNG");
	assert_string_equal(img.type, "image/png");   /* case folded */
	assert_non_null(strstr(img.file, "01-x/a.PNG"));
	content_image_free(&img);
	assert_int_equal(content_image(&m, "b.bmp", &img, &e), -1);
	assert_non_null(strstr(e.msg, "not a PNG, JPEG, GIF, SVG or WebP file"));
	assert_null(img.file);
	assert_int_equal(content_image(&m, "../02-y/c.png", &img, &e), -1);
	assert_non_null(strstr(e.msg, "must be a file in the module's folder"));
	assert_int_equal(content_image(&m, "https://example.org/c.png", &img, &e), -1);
	assert_non_null(strstr(e.msg, "is not a local file"));
	assert_int_equal(e.line, 0);   /* the caller knows the line */
	/* the one table of media types */
	assert_string_equal(media_image_type("x.jpeg"), "image/jpeg");
	assert_string_equal(media_image_type("x.JPG"), "image/jpeg");
	assert_string_equal(media_image_type("x.svg"), "image/svg+xml");
	assert_string_equal(media_image_type("x.webp"), "image/webp");
	assert_null(media_image_type("x.bmp"));
	assert_null(media_image_type("png"));
	free(md);
	free(folder);
	tu_rmtree(dir);
}

static void test_sqlbind(void **state)
{
	(void)state;
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT quote(?1), quote(?2), quote(?3), "
	                                    "quote(?4), quote(?5), quote(?6), quote(?7), "
	                                    "quote(?8), quote(?9)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlbind(st, "iIoOOttbb", 7, (int64_t)1 << 40, -1, (int64_t)-5,
	                         (int64_t)9, "a'b", (const char *)NULL, "xy", (size_t)2,
	                         "", (size_t)0), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *want[] = { "7", "1099511627776", "NULL", "NULL", "9", "'a''b'", "NULL",
	                       "X'7879'", "X''" };
	for (int i = 0; i < 9; i++)
		assert_string_equal((const char *)sqlite3_column_text(st, i), want[i]);
	sqlite3_reset(st);
	assert_int_equal(sqlbind(st, "x", 1), SQLITE_MISUSE);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_ui),
		cmocka_unit_test(test_catalog_key),
		cmocka_unit_test(test_translation_inlines),
		cmocka_unit_test(test_image_rule),
		cmocka_unit_test(test_sqlbind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
