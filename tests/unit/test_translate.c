/* test_translate.c - catalogues: lookups, states, and reading PO files. */
#include "testutil.h"

#include <sys/stat.h>

#include "pofile.h"
#include "translate.h"

static void test_states(void **state)
{
	(void)state;
	struct catalog *c = catalog_new();
	enum tstate st = T_TRANSLATED;
	catalog_add(c, NULL, "Hello", "Bonjour", 0);
	catalog_add(c, NULL, "Maybe", "Peut-\xC3\xAAtre", 1);
	catalog_add(c, NULL, "Empty", "", 0);
	catalog_add(c, NULL, "Empty fuzzy", "", 1);

	assert_string_equal(catalog_get(c, NULL, "Hello", &st), "Bonjour");
	assert_int_equal(st, T_TRANSLATED);
	assert_null(catalog_get(c, NULL, "Maybe", &st));
	assert_int_equal(st, T_FUZZY);
	st = T_TRANSLATED;
	assert_null(catalog_get(c, NULL, "Empty", &st));
	assert_int_equal(st, T_MISSING);
	st = T_TRANSLATED;
	assert_null(catalog_get(c, NULL, "Empty fuzzy", &st));
	assert_int_equal(st, T_MISSING);
	st = T_TRANSLATED;
	assert_null(catalog_get(c, NULL, "Absent", &st));
	assert_int_equal(st, T_MISSING);
	/* state may be NULL */
	assert_string_equal(catalog_get(c, NULL, "Hello", NULL), "Bonjour");
	assert_null(catalog_get(c, NULL, "Maybe", NULL));
	/* lookups are exact */
	assert_null(catalog_get(c, NULL, "hello", NULL));
	assert_null(catalog_get(c, NULL, "Hello ", NULL));

	/* a later add of the same key wins */
	catalog_add(c, NULL, "Hello", "Salut", 0);
	assert_string_equal(catalog_get(c, NULL, "Hello", &st), "Salut");
	catalog_add(c, NULL, "Hello", "Salut", 1);
	assert_null(catalog_get(c, NULL, "Hello", &st));
	assert_int_equal(st, T_FUZZY);
	catalog_free(c);
	catalog_free(NULL);
}

static void test_context(void **state)
{
	(void)state;
	struct catalog *c = catalog_new();
	enum tstate st;
	catalog_add(c, "ui", "Home", "Accueil", 0);
	catalog_add(c, NULL, "Home", "Maison", 0);
	catalog_add(c, "ui", "Only ui", "Seulement ui", 0);
	assert_string_equal(catalog_get(c, "ui", "Home", &st), "Accueil");
	assert_string_equal(catalog_get(c, NULL, "Home", &st), "Maison");
	assert_string_equal(catalog_get(c, "ui", "Only ui", &st), "Seulement ui");
	assert_null(catalog_get(c, NULL, "Only ui", &st));
	assert_int_equal(st, T_MISSING);
	assert_null(catalog_get(c, "other", "Home", &st));
	assert_int_equal(st, T_MISSING);
	/* an empty context is a context, not "none" */
	assert_null(catalog_get(c, "", "Home", &st));
	catalog_free(c);
}

static void test_long_keys(void **state)
{
	(void)state;
	/* keys longer than the lookup's stack buffer */
	struct catalog *c = catalog_new();
	char *id = xmalloc(2001);
	memset(id, 'a', 2000);
	id[2000] = '\0';
	catalog_add(c, "ui", id, "long", 0);
	assert_string_equal(catalog_get(c, "ui", id, NULL), "long");
	id[1999] = 'b';
	assert_null(catalog_get(c, "ui", id, NULL));
	free(id);
	/* many entries (the table grows) */
	for (int i = 0; i < 1000; i++) {
		char k[32], v[32];
		snprintf(k, sizeof k, "msg %d", i);
		snprintf(v, sizeof v, "tr %d", i);
		catalog_add(c, NULL, k, v, i % 2);
	}
	for (int i = 0; i < 1000; i++) {
		char k[32], v[32];
		enum tstate st;
		snprintf(k, sizeof k, "msg %d", i);
		snprintf(v, sizeof v, "tr %d", i);
		const char *t = catalog_get(c, NULL, k, &st);
		if (i % 2) {
			assert_null(t);
			assert_int_equal(st, T_FUZZY);
		} else {
			assert_non_null(t);
			assert_string_equal(t, v);
		}
	}
	catalog_free(c);
}

static void test_text_fallback(void **state)
{
	(void)state;
	struct catalog *c = catalog_new();
	int fb = -1;
	catalog_add(c, NULL, "Hello", "Bonjour", 0);
	catalog_add(c, NULL, "Maybe", "Peut-etre", 1);
	catalog_add(c, "ui", "Next", "Suivant", 0);
	assert_string_equal(catalog_text(c, NULL, "Hello", &fb), "Bonjour");
	assert_int_equal(fb, 0);
	assert_string_equal(catalog_text(c, NULL, "Maybe", &fb), "Maybe");
	assert_int_equal(fb, 1);
	fb = -1;
	assert_string_equal(catalog_text(c, NULL, "Absent", &fb), "Absent");
	assert_int_equal(fb, 1);
	assert_string_equal(catalog_text(c, "ui", "Next", &fb), "Suivant");
	assert_int_equal(fb, 0);
	assert_string_equal(catalog_text(c, NULL, "Next", &fb), "Next");
	assert_int_equal(fb, 1);
	assert_string_equal(catalog_text(c, NULL, "Hello", NULL), "Bonjour");
	/* no catalogue (the source language): the source text is its own,
	 * never a fallback */
	fb = -1;
	assert_string_equal(catalog_text(NULL, NULL, "Hello", &fb), "Hello");
	assert_int_equal(fb, 0);
	/* an empty catalogue (a language with no PO file yet) falls back */
	struct catalog *empty = catalog_new();
	assert_string_equal(catalog_text(empty, NULL, "Hello", &fb), "Hello");
	assert_int_equal(fb, 1);
	catalog_free(empty);
	catalog_free(c);
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

static const char good_po[] =
	"# French translation.\n"
	"msgid \"\"\n"
	"msgstr \"\"\n"
	"\"Project-Id-Version: test\\n\"\n"
	"\"Language: fr\\n\"\n"
	"\"MIME-Version: 1.0\\n\"\n"
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	"\"Content-Transfer-Encoding: 8bit\\n\"\n"
	"\n"
	"#: content/a/01-x/index.md:5\n"
	"msgid \"Hello\"\n"
	"msgstr \"Bonjour\"\n"
	"\n"
	"msgctxt \"ui\"\n"
	"msgid \"Home\"\n"
	"msgstr \"Accueil\"\n"
	"\n"
	"msgid \"Home\"\n"
	"msgstr \"Maison\"\n"
	"\n"
	"#, fuzzy\n"
	"#| msgid \"Good morning\"\n"
	"msgid \"Good evening\"\n"
	"msgstr \"Bonjour\"\n"
	"\n"
	"msgid \"Untranslated\"\n"
	"msgstr \"\"\n"
	"\n"
	"msgid \"\"\n"
	"\"Two \"\n"
	"\"lines \\\"quoted\\\"\"\n"
	"msgstr \"Deux lignes \\\"entre guillemets\\\"\\n\"\n"
	"\n"
	"#~ msgid \"Old\"\n"
	"#~ msgstr \"Vieux\"\n";

static void test_load_po(void **state)
{
	(void)state;
	const char *dir = tmpdir;
	char *path = tu_write(dir, "fr.po", good_po);
	struct catalog *c = NULL;
	struct err e = {0};
	enum tstate st;
	assert_int_equal(catalog_load(&c, path, 0, NULL, &e), 0);
	assert_non_null(c);
	assert_string_equal(catalog_get(c, NULL, "Hello", &st), "Bonjour");
	assert_int_equal(st, T_TRANSLATED);
	assert_string_equal(catalog_get(c, "ui", "Home", &st), "Accueil");
	assert_string_equal(catalog_get(c, NULL, "Home", &st), "Maison");
	assert_null(catalog_get(c, NULL, "Good evening", &st));
	assert_int_equal(st, T_FUZZY);
	/* the previous msgid is no entry */
	assert_null(catalog_get(c, NULL, "Good morning", &st));
	assert_int_equal(st, T_MISSING);
	assert_null(catalog_get(c, NULL, "Untranslated", &st));
	assert_int_equal(st, T_MISSING);
	assert_string_equal(catalog_get(c, NULL, "Two lines \"quoted\"", &st),
	                    "Deux lignes \"entre guillemets\"\n");
	/* obsolete entries are history, not translations */
	assert_null(catalog_get(c, NULL, "Old", &st));
	assert_int_equal(st, T_MISSING);
	/* the header is not an entry */
	assert_null(catalog_get(c, NULL, "", &st));
	assert_int_equal(st, T_MISSING);
	catalog_free(c);
	free(path);
}

static void test_load_missing(void **state)
{
	(void)state;
	const char *dir = tmpdir;
	char *path = fs_join(dir, "xx.po");
	struct catalog *c = (struct catalog *)1;
	struct err e = {0};
	enum tstate st;
	assert_int_equal(catalog_load(&c, path, 1, NULL, &e), 0);
	assert_non_null(c);
	assert_null(catalog_get(c, NULL, "Hello", &st));
	assert_int_equal(st, T_MISSING);
	assert_string_equal(catalog_text(c, NULL, "Hello", NULL), "Hello");
	catalog_free(c);

	c = (struct catalog *)1;
	assert_int_equal(catalog_load(&c, path, 0, NULL, &e), -1);
	assert_null(c);
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, 0);
	assert_contains(e.msg, "not found");
	free(path);
}

static void test_load_broken(void **state)
{
	(void)state;
	static const char broken[] =
		"msgid \"\"\n"                                               /* 1 */
		"msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"    /* 2 */
		"\n"                                                         /* 3 */
		"msgid \"Hello\"\n"                                          /* 4 */
		"msgstr \"Bonjour\"\n"                                       /* 5 */
		"\n"                                                         /* 6 */
		"msgid \"Unterminated\n"                                     /* 7 */
		"msgstr \"x\"\n";                                            /* 8 */
	const char *dir = tmpdir;
	char *path = tu_write(dir, "fr.po", broken);
	struct catalog *c = (struct catalog *)1;
	struct err e = {0};
	assert_int_equal(catalog_load(&c, path, 1, NULL, &e), -1);
	assert_null(c);
	assert_string_equal(e.file, path);
	/* libgettextpo counts the newline that ends the string before it
	 * reports it, so it names line 7 or the next one (8 with 0.21) */
	assert_true(e.line == 7 || e.line == 8);
	assert_contains(e.msg, "within string");
	/* the message has no trailing newline or full stop */
	size_t n = strlen(e.msg);
	assert_true(e.msg[n - 1] != '\n' && e.msg[n - 1] != '.');

	/* the process is still here, and the next file reads cleanly (the
	 * error state of the previous read does not leak into it) */
	char *good = tu_write(dir, "ok.po", good_po);
	memset(&e, 0, sizeof e);
	assert_int_equal(catalog_load(&c, good, 0, NULL, &e), 0);
	assert_string_equal(catalog_get(c, NULL, "Hello", NULL), "Bonjour");
	catalog_free(c);

	/* a keyword libgettextpo does not know, on line 3 */
	char *bad2 = tu_write(dir, "bad2.po",
	                      "msgid \"a\"\nmsgstr \"b\"\nmsgfoo \"c\"\n");
	assert_int_equal(catalog_load(&c, bad2, 0, NULL, &e), -1);
	assert_string_equal(e.file, bad2);
	assert_int_equal(e.line, 3);
	assert_true(e.msg[0] != '\0');

	/* a duplicate entry */
	char *dup = tu_write(dir, "dup.po",
	                     "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n");
	assert_int_equal(catalog_load(&c, dup, 0, NULL, &e), -1);
	assert_string_equal(e.file, dup);
	assert_int_equal(e.line, 4);
	assert_contains(e.msg, "duplicate");

	free(bad2);
	free(dup);
	free(good);
	free(path);
}

/* Every lookup test_load_po makes, for a catalogue read any way. */
static void check_good_po(const struct catalog *c, const char *hello)
{
	enum tstate st;
	assert_string_equal(catalog_get(c, NULL, "Hello", &st), hello);
	assert_int_equal(st, T_TRANSLATED);
	assert_string_equal(catalog_get(c, "ui", "Home", &st), "Accueil");
	assert_string_equal(catalog_get(c, NULL, "Home", &st), "Maison");
	assert_null(catalog_get(c, NULL, "Good evening", &st));
	assert_int_equal(st, T_FUZZY);
	assert_null(catalog_get(c, NULL, "Untranslated", &st));
	assert_int_equal(st, T_MISSING);
	assert_string_equal(catalog_get(c, NULL, "Two lines \"quoted\"", &st),
	                    "Deux lignes \"entre guillemets\"\n");
	assert_null(catalog_get(c, NULL, "Old", &st));
	assert_int_equal(st, T_MISSING);
	assert_null(catalog_get(c, NULL, "", &st));
}

static void test_cache(void **state)
{
	(void)state;
	char *path = tu_write(tmpdir, "locales/fr.po", good_po);
	char *cache = fs_join(tmpdir, "out/.cache");   /* does not exist yet */
	char *cfile = fs_join(cache, "fr.po.catalog");
	struct catalog *c = NULL;
	struct err e = {0};
	struct stat st1, st2;

	/* first load: compiled and cached */
	assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
	check_good_po(c, "Bonjour");
	catalog_free(c);
	assert_true(fs_is_file(cfile));
	assert_int_equal(stat(cfile, &st1), 0);

	/* second load: the same answers, from the cache (not rewritten) */
	assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
	check_good_po(c, "Bonjour");
	/* entries can still be added to a catalogue read from the cache */
	catalog_add(c, NULL, "Added", "Ajout\xC3\xA9", 0);
	assert_string_equal(catalog_get(c, NULL, "Added", NULL), "Ajout\xC3\xA9");
	check_good_po(c, "Bonjour");
	catalog_free(c);
	assert_int_equal(stat(cfile, &st2), 0);
	assert_true(st1.st_ino == st2.st_ino);

	/* the PO file changed (same size): the cache is refreshed */
	char *po = xstrdup(good_po);
	char *at = strstr(po, "msgstr \"Bonjour\"");
	assert_non_null(at);
	memcpy(at, "msgstr \"Bonsoir\"", 16);
	tu_put(tmpdir, "locales/fr.po", po);
	free(po);
	assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
	check_good_po(c, "Bonsoir");
	catalog_free(c);
	assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
	check_good_po(c, "Bonsoir");
	catalog_free(c);

	/* a damaged cache is ignored */
	static const char *const junk[] = { "", "CRSVCAT1", "CRSVCAT1\xff\xff\xff\xff" };
	for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
		free(tu_write(cache, "fr.po.catalog", junk[i]));
		assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
		check_good_po(c, "Bonsoir");
		catalog_free(c);
	}
	/* a cache whose header matches but whose entries are cut short */
	char *full = tu_read(cfile);
	struct stat cs;
	assert_int_equal(stat(cfile, &cs), 0);
	assert_true(cs.st_size > 40);
	free(tu_write_n(cache, "fr.po.catalog", full, (size_t)cs.st_size - 10));
	assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
	check_good_po(c, "Bonsoir");
	catalog_free(c);

	/* a cache damaged after its header (the stamp still matches): every
	 * byte of it spoilt in turn, as invalid UTF-8 would be; the answers
	 * still come from the PO file, and the cache is written again */
	size_t hlen = 8 + 4 * 6 + 4 + 8;
	for (size_t k = hlen; k < (size_t)cs.st_size; k++) {
		char *bad = xmalloc((size_t)cs.st_size);
		memcpy(bad, full, (size_t)cs.st_size);
		bad[k] ^= (char)0xc0;
		free(tu_write_n(cache, "fr.po.catalog", bad, (size_t)cs.st_size));
		free(bad);
		assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
		check_good_po(c, "Bonsoir");
		catalog_free(c);
		char *again = tu_read(cfile);
		assert_memory_equal(again, full, (size_t)cs.st_size);
		free(again);
	}
	free(full);

	/* a cache folder that cannot be made is skipped without an error */
	char *notdir = tu_write(tmpdir, "plainfile", "x");
	assert_int_equal(catalog_load(&c, path, 0, notdir, &e), 0);
	check_good_po(c, "Bonsoir");
	catalog_free(c);
	free(notdir);

	/* a broken PO file is an error even with a cache, and is not cached */
	fs_remove_tree(cache, NULL);
	tu_put(tmpdir, "locales/fr.po", "msgid \"a\"\nmsgstr \"b\n");
	assert_int_equal(catalog_load(&c, path, 0, cache, &e), -1);
	assert_null(c);
	assert_string_equal(e.file, path);
	assert_false(fs_is_file(cfile));

	/* a missing file with a cache folder: empty */
	char *none = fs_join(tmpdir, "locales/xx.po");
	assert_int_equal(catalog_load(&c, none, 1, cache, &e), 0);
	assert_null(catalog_get(c, NULL, "Hello", NULL));
	catalog_free(c);
	free(none);
	free(cfile);
	free(cache);
	free(path);
}

/* utf8.h: "Content, PO files and YAML must be valid UTF-8".  libgettextpo
 * itself rejects a bad byte only when the header declares UTF-8; a PO file
 * without a charset, or declaring another one, passes its bytes through to
 * the pages unchecked. */
static void test_po_invalid_utf8(void **state)
{
	(void)state;
	struct catalog *c = NULL;
	struct err e = {0};
	/* declared UTF-8: libgettextpo reports it */
	char *p1 = tu_write(tmpdir, "utf8.po",
	                    "msgid \"\"\n"
	                    "msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	                    "\n"
	                    "msgid \"Hello\"\n"
	                    "msgstr \"Caf\xE9\"\n");            /* 5 */
	assert_int_equal(catalog_load(&c, p1, 0, NULL, &e), -1);
	assert_string_equal(e.file, p1);
	assert_int_equal(e.line, 5);
	/* no header */
	char *p2 = tu_write(tmpdir, "bare.po", "msgid \"Hello\"\nmsgstr \"Caf\xE9\"\n");
	c = NULL;
	int rc = catalog_load(&c, p2, 0, NULL, &e);
	if (rc == 0) {
		const char *t = catalog_get(c, NULL, "Hello", NULL);
		catalog_free(c);
		fail_msg("accepted, with the msgstr \"%s\" (not UTF-8)", t ? "Caf\\xE9" : "(none)");
	}
	assert_string_equal(e.file, p2);
	assert_int_equal(e.line, 2);
	/* declared Latin-1 */
	char *p3 = tu_write(tmpdir, "latin1.po",
	                    "msgid \"\"\n"
	                    "msgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n"
	                    "\n"
	                    "msgid \"Hello\"\n"
	                    "msgstr \"Caf\xE9\"\n");
	c = NULL;
	rc = catalog_load(&c, p3, 0, NULL, &e);
	if (rc == 0) {
		/* converting to UTF-8 would do as well */
		const char *t = catalog_get(c, NULL, "Hello", NULL);
		int ok = t && !strcmp(t, "Caf\xC3\xA9");
		catalog_free(c);
		if (!ok)
			fail_msg("a Latin-1 PO file was read without conversion");
	}
	free(p1);
	free(p2);
	free(p3);
}

/* The header field X-Review-Status: draft marks a draft translation, read
 * fresh and from the compiled cache alike; the header is never a unit. */
static void test_draft_header(void **state)
{
	(void)state;
	static const char draft[] =
		"msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n"
		"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\"X-Review-Status: draft\\n\"\n\nmsgid \"Hello\"\nmsgstr \"Bonjour\"\n";
	static const char reviewed[] =
		"msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n"
		"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\"X-Review-Status: reviewed\\n\"\n\nmsgid \"Hello\"\nmsgstr \"Bonjour\"\n";
	char *cache = fs_join(tmpdir, "cache");
	char *path = tu_write(tmpdir, "fr.po", draft);
	struct catalog *c = NULL;
	struct err e = {0};
	for (int pass = 0; pass < 2; pass++) {   /* read, then from the cache */
		assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
		assert_true(catalog_is_draft(c));
		assert_null(catalog_get(c, NULL, "", NULL));
		assert_string_equal(catalog_get(c, NULL, "Hello", NULL), "Bonjour");
		catalog_free(c);
	}
	free(path);
	path = tu_write(tmpdir, "ar.po", reviewed);
	assert_int_equal(catalog_load(&c, path, 0, cache, &e), 0);
	assert_false(catalog_is_draft(c));
	catalog_free(c);
	assert_false(catalog_is_draft(NULL));
	c = catalog_new();
	assert_false(catalog_is_draft(c));   /* no header at all */
	catalog_free(c);
	free(path);
	free(cache);
}

/* An error found in a translated text points at the PO entry, with the
 * language and the source position. */
static void test_blame(void **state)
{
	(void)state;
	static const char po[] =
		"msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
		"#: content/a/01-x/index.md:3\nmsgid \"See [x](../02-y/index.md).\"\n"
		"msgstr \"Voir [x](../02-z/index.md).\"\n\n"
		"#: content/a/01-x/quiz.xml:4\nmsgctxt \"quiz:x/q\"\n"
		"msgid \"\"\n\"Long \"\n\"prompt\"\nmsgstr \"Longue question\"\n";
	char *path = tu_write(tmpdir, "fr.po", po);
	struct err e;
	err_set(&e, "content/a/01-x/index.md", 3, "link \"../02-z/index.md\" does not point");
	pofile_blame(&e, path, "fr", NULL, "See [x](../02-y/index.md).");
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, 5);
	assert_string_equal(e.msg, "in the fr translation: link \"../02-z/index.md\" does not "
	                    "point (source: content/a/01-x/index.md:3)");
	err_set(&e, "content/a/01-x/quiz.xml", 4, "bad");
	pofile_blame(&e, path, "fr", "quiz:x/q", "Long prompt");
	assert_int_equal(e.line, 9);
	err_set(&e, "content/a/01-x/quiz.xml", 4, "bad");
	pofile_blame(&e, path, "fr", NULL, "Long prompt");   /* no such entry */
	assert_string_equal(e.file, "content/a/01-x/quiz.xml");
	assert_int_equal(e.line, 4);
	assert_string_equal(e.msg, "bad");
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_context),
		cmocka_unit_test(test_long_keys),
		cmocka_unit_test(test_text_fallback),
		cmocka_unit_test_setup_teardown(test_load_po, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_broken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_po_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blame, setup, teardown),
	};
	return cmocka_run_group_tests_name("translate", tests, NULL, NULL);
}
