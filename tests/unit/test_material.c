/* test_material.c - a bundle refused for what is wrong in it, with the table
 * and the row (kiosk/material.c).
 *
 * The bundle is built once by the real generator from the golden fixture
 * (tests/golden/fixture, the system's Noto fonts, its one PNG).  Each case
 * edits a copy in SQL, then seals it again (an unsigned seal is only a
 * digest, which anyone can make: the reader must not rely on it), so the
 * edit reaches material_load's own checks; and it asserts the whole
 * message.  The file's constraints are part of the file too, so a case
 * that needs a value they forbid turns them off first: CHECKs with
 * ignore_check_constraints (always on here), NOT NULL by editing the
 * CREATE statement (LOOSE_NULL), UNIQUE and keys by rebuilding the table
 * without them (LOOSE).
 *
 * Rows of the fixture's bundle the cases use: languages en 1, fr 2, ar 3;
 * modules 1 basics/01-welcome (blocks 1-7 en, 8-14 fr, 15-21 ar; block 10
 * "Un élément serré"), 2 basics/02-safety (block 31: its image, fr), 3
 * help/01-get-help (blocks 37-39, the last); quizzes 1 (module 1) and 2
 * (module 3); questions 1 emphasis (single; choices 1, 2), 2 kinds, 3 raw,
 * 4, 5 (quiz 2); quiz text 81, the last: the Arabic explanation of
 * question 5.
 */
#include "testutil.h"
#include "testtop.h"

#include <sqlite3.h>

#include "bundle.h"
#include "emit_bundle.h"
#include "layout.h"
#include "material.h"
#include "project.h"
#include "seal.h"

static char *groupdir;
static char *base;       /* the bundle as built */
static char *path;       /* the copy a case edits */

/* ---- the bundle, built once ------------------------------------------- */

static int build_base(const char *top)
{
	struct err e = {0};
	struct project p;
	char *fixture = fs_join(top, "tests/golden/fixture");
	char *content = fs_join(fixture, "content"), *locales = fs_join(fixture, "locales");
	char *assets = fs_join(top, "assets"), *out = fs_join(groupdir, "out");
	char *cache = fs_join(groupdir, "cache");
	struct paths paths = { content, locales, assets, out, cache };
	int rc = project_load(&p, &paths, 1, &e);
	if (rc == 0) {
		struct emit_job job = { .p = &p, .path = base, .when = 0 };
		rc = emit_bundle(&job, &e);
		project_free(&p);
	}
	if (rc < 0)
		fprintf(stderr, "test_material: the fixture's bundle: %s:%d: %s\n", e.file, e.line,
		        e.msg);
	free(fixture);
	free(content);
	free(locales);
	free(assets);
	free(out);
	free(cache);
	return rc;
}

static int group_setup(void **state)
{
	(void)state;
	char *top = tu_find_top();
	if (!top) {
		fprintf(stderr, "test_material: run from the checkout (tests/golden/fixture not found)\n");
		return -1;
	}
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	unsetenv("CRSV_FONTS");   /* the system's fonts: real ones, as shipped */
	groupdir = tu_mkdtemp();
	base = fs_join(groupdir, "base.bundle");
	path = fs_join(groupdir, "case.bundle");
	int rc = build_base(top);
	free(top);
	return rc;
}

static int group_teardown(void **state)
{
	(void)state;
	tu_rmtree(groupdir);
	free(base);
	free(path);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	struct err e = {0};
	unlink(path);
	if (fs_copy_file(base, path, &e) < 0)
		fail_msg("copy the bundle: %s", e.msg);
	return 0;
}

/* ---- editing a copy --------------------------------------------------- */

static sqlite3 *open_rw(void)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail_msg("open %s: %s", path, sqlite3_errmsg(db));
	return db;
}

/* The seal made again for the content as it is now (unsigned). */
static void reseal(void)
{
	sqlite3 *db = open_rw();
	sqlite3_stmt *st = NULL;
	uint8_t digest[32];
	struct err e = {0};
	if (seal_digest(db, digest, &e) < 0)
		fail_msg("seal_digest: %s", e.msg);
	char *statement = seal_statement(digest, 0, 0, -1, NULL, NULL, 0);
	if (sqlite3_prepare_v2(db, "UPDATE seal SET statement = ?1, signature = NULL", -1, &st,
	                       NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, statement, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		fail_msg("reseal: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	free(statement);
	sqlite3_close(db);
}

/* Run `sql` on the copy (CHECK constraints off), then seal it again. */
static void edit(const char *sql)
{
	sqlite3 *db = open_rw();
	char *msg = NULL;
	if (sqlite3_exec(db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("edit \"%s\": %s", sql, msg ? msg : sqlite3_errmsg(db));
	sqlite3_close(db);
	reseal();
}

/* The table's NOT NULLs dropped from its CREATE statement. */
#define LOOSE_NULL(t)                                                                  \
	"PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, ' NOT NULL', '') " \
	"WHERE name = '" t "'; PRAGMA writable_schema = RESET; "
/* The table made again without any constraint or key, rows in `order`. */
#define LOOSE(t, order)                                                                \
	"CREATE TABLE loose AS SELECT * FROM " t " ORDER BY " order "; DROP TABLE " t "; " \
	"ALTER TABLE loose RENAME TO " t "; "

static struct material *load(struct err *e, int skip_seal)
{
	struct material *m = NULL;
	struct material_options o = { NULL, 0, skip_seal };
	if (material_load_with(&m, path, &o, e) < 0)
		return NULL;
	return m;
}

/* material_load refuses the copy with exactly `msg` (after "FILE: error: "). */
static void refused_with(const char *msg, int skip_seal)
{
	struct err e = {0};
	struct material *m = load(&e, skip_seal);
	if (m) {
		material_free(m);
		fail_msg("accepted; expected: %s", msg);
	}
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, 0);
	assert_string_equal(e.msg, msg);
}

static void refused(const char *msg)
{
	refused_with(msg, 0);
}

static struct material *accepted(void)
{
	struct err e = {0};
	struct material *m = load(&e, 0);
	if (!m)
		fail_msg("refused: %s", e.msg);
	return m;
}

/* ---- one case per check ----------------------------------------------- */

/* The smallest Ogg Opus header: one page, its one segment "OpusHead",
 * version 1, mono, 48 kHz. */
#define OPUS_HEX "X'4f676753000200000000000000000000000000000000000000000113" \
                 "4f707573486561640101380180bb0000000000'"
/* The narration key of the chrome string "next" (msgctxt "ui", "Next"). */
#define UI_NEXT_KEY "c3d63edd619237d5"

struct edit_case {
	const char *name, *sql, *msg;
};

static const struct edit_case cases[] = {
	/* tables */
	{ "a dropped table", "DROP TABLE quiz_text_runs",
	  "bundle table quiz_text_runs is missing" },
	{ "a view for a table",
	  "DROP TABLE helplines; CREATE VIEW helplines AS SELECT 1 AS id, 'helpline' AS kind, "
	  "'' AS phone, 1 AS example",
	  "bundle table helplines is missing" },
	{ "a dropped column", "ALTER TABLE modules DROP COLUMN critical",
	  "bundle table modules cannot be read: no such column: critical" },
	/* types */
	{ "NULL where text is expected", LOOSE_NULL("blocks") "UPDATE blocks SET text = NULL WHERE id = 5",
	  "bundle table blocks, row 5: text is NULL, text expected" },
	{ "a blob for text",
	  "UPDATE ui_strings SET text = CAST('Suivant' AS BLOB) WHERE lang = 'fr' AND key = 'next'",
	  "bundle table ui_strings, row (lang \"fr\", key \"next\"): text is a blob, text expected" },
	{ "invalid UTF-8",
	  "UPDATE module_text SET title = CAST(X'C328' AS TEXT) WHERE module = 2 AND lang = 'fr'",
	  "bundle table module_text, row (module 2, lang \"fr\"): title is not valid UTF-8 "
	  "(byte 0: \"\\xC3(\")" },
	{ "a NUL byte in text", "UPDATE blocks SET text = 'ab' || char(0) || 'c' WHERE id = 1",
	  "bundle table blocks, row 1: text has a NUL byte (byte 2 of 4)" },
	{ "text for a number", "UPDATE modules SET minutes = 'soon' WHERE id = 1",
	  "bundle table modules, row 1: minutes is text, a whole number from 0 to 100000 expected" },
	{ "text for data",
	  "UPDATE images SET data = X'89504E47' || 'text'",
	  "bundle table images, row (path \"basics/02-safety/box.png\"): data is text, data (a blob) "
	  "expected" },
	{ "a blob for data that must be text",
	  "UPDATE images SET media_type = CAST('image/png' AS BLOB)",
	  "bundle table images, row (path \"basics/02-safety/box.png\"): media_type is a blob, "
	  "text expected" },
	{ "NULL for a blob", LOOSE_NULL("fonts")
	  "UPDATE fonts SET data = NULL WHERE family = 'Noto Sans' AND bold = 1 AND italic = 1",
	  "bundle table fonts, row (family \"Noto Sans\", bold 1, italic 1): data is NULL, data "
	  "(a blob) expected" },
	/* numbers */
	{ "a negative number", "UPDATE modules SET minutes = -1 WHERE id = 2",
	  "bundle table modules, row 2: minutes is -1, expected 0 to 100000" },
	{ "an absurd number", "UPDATE quizzes SET pass_percent = 1000 WHERE id = 1",
	  "bundle table quizzes, row 1: pass_percent is 1000, expected 1 to 100" },
	{ "heading level 7", "UPDATE blocks SET level = 7 WHERE id = 2",
	  "bundle table blocks, row 2: level is 7, expected 1 to 6" },
	{ "heading level 0", "UPDATE blocks SET level = 0 WHERE id = 9",
	  "bundle table blocks, row 9: level is 0, expected 1 to 6" },
	{ "a negative list depth", "UPDATE blocks SET level = -1 WHERE id = 3",
	  "bundle table blocks, row 3: level is -1, expected 1 to 32" },
	{ "a list too deep", "UPDATE blocks SET level = 33 WHERE id = 1",
	  "bundle table blocks, row 1: level is 33, expected 0 to 32" },
	{ "a negative list number", "UPDATE blocks SET list_number = -5 WHERE id = 28",
	  "bundle table blocks, row 28: list_number is -5, expected 0 to 2147483647" },
	{ "a huge list number", "UPDATE blocks SET list_number = 9223372036854775807 WHERE id = 28",
	  "bundle table blocks, row 28: list_number is 9223372036854775807, expected 0 to "
	  "2147483647" },
	{ "a flag of 2", "UPDATE choices SET correct = 2 WHERE id = 1",
	  "bundle table choices, row 1: correct is 2, expected 0 to 1" },
	{ "a real for a flag", "UPDATE languages SET draft = 0.5 WHERE code = 'fr'",
	  "bundle table languages, row 2: draft is a number, a whole number from 0 to 1 expected" },
	/* the schema's words */
	{ "an unknown block kind", "UPDATE blocks SET kind = 'table' WHERE id = 1",
	  "bundle table blocks, row 1: kind \"table\" is not one of heading, paragraph, list_item, "
	  "quote, code, rule, image" },
	{ "an unknown run style", "UPDATE block_runs SET style = 'underline' WHERE block = 1 AND start = 19",
	  "bundle table block_runs, row (block 1, start 19, length 8, style \"underline\"): style "
	  "\"underline\" is not one of em, strong, code, link" },
	{ "an unknown question type", "UPDATE questions SET type = 'essay' WHERE id = 2",
	  "bundle table questions, row 2: type \"essay\" is not one of single, multiple, true-false" },
	{ "an unknown quiz text role", "UPDATE quiz_texts SET role = 'hint' WHERE id = 9",
	  "bundle table quiz_texts, row 9: role \"hint\" is not one of prompt, explanation, choice, "
	  "feedback" },
	{ "an unknown help kind", "UPDATE helplines SET kind = 'hotline' WHERE id = 1",
	  "bundle table helplines, row 1: kind \"hotline\" is not one of helpline, un_reporting" },
	{ "an unknown direction", "UPDATE languages SET direction = 'ttb' WHERE code = 'ar'",
	  "bundle table languages, row 3: direction \"ttb\" is not one of ltr, rtl" },
	{ "an unknown audience", "UPDATE modules SET audience = 'staff' WHERE id = 3",
	  "bundle table modules, row 3: audience \"staff\" is not one of personnel, community, all" },
	/* keys and names */
	{ "a control character in a key",
	  "UPDATE modules SET key = 'basics/01' || char(10) || 'x' WHERE id = 1",
	  "bundle table modules, row 1: key has a control character: \"basics/01\\x0Ax\"" },
	{ "a choice id the writer would refuse", "UPDATE choices SET key = 'a,b' WHERE id = 1",
	  "bundle table choices, row 1: key \"a,b\" may have only a-z, digits and '-'" },
	{ "an empty name", "UPDATE languages SET name = '' WHERE code = 'ar'",
	  "bundle table languages, row 3: name is empty" },
	/* languages */
	{ "a duplicated language code",
	  LOOSE("languages", "rowid") "UPDATE languages SET code = 'en' WHERE code = 'fr'",
	  "bundle table languages, row 2: code \"en\" is the code of another row" },
	{ "two source languages", "UPDATE languages SET is_source = 1 WHERE code = 'ar'",
	  "bundle table languages, row 3: a second source language (is_source), after \"en\"" },
	{ "no source language", "UPDATE languages SET is_source = 0",
	  "bundle table languages: no source language (is_source)" },
	{ "a gap in the language positions", "UPDATE languages SET position = 5 WHERE code = 'ar'",
	  "bundle table languages, row 3: position 5, expected 2 (languages are numbered from 0)" },
	{ "a language's font gone",
	  "DELETE FROM fonts WHERE family = 'Noto Naskh Arabic' AND bold = 0",
	  "bundle table languages, row 3: font_family \"Noto Naskh Arabic\" has no regular face in "
	  "table fonts" },
	{ "no languages", "DELETE FROM languages",
	  "bundle table languages: no languages" },
	/* references */
	{ "a block of a module that is not there", "UPDATE blocks SET module = 99 WHERE id = 1",
	  "bundle table blocks, row 1: module 99 is not a row of table modules" },
	{ "a block in a language that is not there", "UPDATE blocks SET lang = 'de' WHERE id = 1",
	  "bundle table blocks, row 1: lang \"de\" is not a language of the bundle (table "
	  "languages)" },
	{ "an image that is not there", "UPDATE blocks SET image = 'nope.png' WHERE id = 31",
	  "bundle table blocks, row 31: image \"nope.png\" is not a row of table images" },
	{ "an image block without its image", "UPDATE blocks SET image = NULL WHERE id = 31",
	  "bundle table blocks, row 31: image is NULL, and the block is one" },
	{ "a run of a block that is not there", "UPDATE block_runs SET block = 9999 WHERE block = 6",
	  "bundle table block_runs, row (block 9999, start 0, length 8, style \"link\"): block 9999 "
	  "is not a row of table blocks" },
	{ "a module in a track that is not there", "UPDATE modules SET track = 'extra' WHERE id = 1",
	  "bundle table modules, row 1: track \"extra\" is not a row of table tracks" },
	{ "a choice of a question that is not there", "UPDATE choices SET question = 99 WHERE id = 3",
	  "bundle table choices, row 3: question 99 is not a row of table questions" },
	{ "feedback on another question's choice", "UPDATE quiz_texts SET choice = 3 WHERE id = 9",
	  "bundle table quiz_texts, row 9: choice 3 is not a choice of question 1" },
	{ "a prompt with a choice", "UPDATE quiz_texts SET choice = 1 WHERE id = 6",
	  "bundle table quiz_texts, row 6: choice is set, and a prompt has none" },
	{ "a second quiz for a module",
	  LOOSE("quizzes", "id") "UPDATE quizzes SET module = 1 WHERE id = 2",
	  "bundle table quizzes, row 2: module 1 has a quiz already" },
	/* emphasis runs */
	{ "a run outside its text", "UPDATE block_runs SET length = 800 WHERE block = 1 AND start = 19",
	  "bundle table block_runs, row (block 1, start 19, length 800, style \"em\"): bytes 19 to "
	  "819 are outside its text (62 bytes)" },
	{ "a run that cuts a character",
	  "INSERT INTO block_runs (block, start, length, style) VALUES (10, 4, 2, 'em')",
	  "bundle table block_runs, row (block 10, start 4, length 2, style \"em\"): bytes 4 to 6 "
	  "cut a character of its text in two" },
	{ "crossing runs",
	  "INSERT INTO block_runs (block, start, length, style) VALUES (1, 25, 8, 'code')",
	  "bundle table block_runs, row (block 1, start 25, length 8, style \"code\"): crosses a run "
	  "around it that ends at byte 27 (runs nest, never cross)" },
	{ "a negative run start", "UPDATE block_runs SET start = -3 WHERE block = 4",
	  "bundle table block_runs, row (block 4, start -3, length 4, style \"code\"): start is -3, "
	  "expected 0 to 9223372036854775807" },
	{ "an empty run", "UPDATE block_runs SET length = 0 WHERE block = 4",
	  "bundle table block_runs, row (block 4, start 18, length 0, style \"code\"): length is 0, "
	  "expected 1 to 9223372036854775807" },
	{ "a quiz text run outside its text", "UPDATE quiz_text_runs SET start = 500 WHERE quiz_text = 1",
	  "bundle table quiz_text_runs, row (quiz_text 1, start 500, length 10, style \"em\"): bytes "
	  "500 to 510 are outside its text (48 bytes)" },
	{ "a run at the end of the numbers (found by the fuzzer)",
	  "UPDATE quiz_text_runs SET start = 9223372036854775807 WHERE quiz_text = 1",
	  "bundle table quiz_text_runs, row (quiz_text 1, start 9223372036854775807, length 10, "
	  "style \"em\"): bytes 9223372036854775807 to 9223372036854775817 are outside its text "
	  "(48 bytes)" },
	{ "a quiz text run of a text that is not there",
	  "UPDATE quiz_text_runs SET quiz_text = 500 WHERE quiz_text = 1",
	  "bundle table quiz_text_runs, row (quiz_text 500, start 37, length 10, style \"em\"): "
	  "quiz_text 500 is not a row of table quiz_texts" },
	/* rows gone, added, moved */
	{ "a text missing in one language", "DELETE FROM module_text WHERE module = 2 AND lang = 'fr'",
	  "bundle table module_text: no row (module 2, lang \"fr\")" },
	{ "a text twice",
	  LOOSE("module_text", "module, lang") "INSERT INTO module_text SELECT * FROM module_text "
	  "WHERE module = 1 AND lang = 'en'",
	  "bundle table module_text, row (module 1, lang \"en\"): a second row for this title" },
	{ "a block deleted", "DELETE FROM blocks WHERE id = 10",
	  "bundle table blocks, row 11: id 11 where 10 was expected: the rows are numbered from 1, "
	  "and one is missing or added" },
	{ "a block moved", "UPDATE blocks SET position = 7 WHERE id = 14",
	  "bundle table blocks, row 14: position 7, expected 6: a block of module 1 in \"fr\" is "
	  "missing or added" },
	{ "a body missing in one language", "DELETE FROM blocks WHERE id = 39",
	  "bundle table blocks: no row for module 3 in \"ar\", which has some in \"en\"" },
	{ "a module renumbered", "UPDATE modules SET id = 5 WHERE id = 3",
	  "bundle table modules, row 5: id 5 where 3 was expected: the rows are numbered from 1, and "
	  "one is missing or added" },
	{ "a quiz without questions",
	  "DELETE FROM quiz_text_runs WHERE quiz_text IN (SELECT id FROM quiz_texts WHERE question >= 4); "
	  "DELETE FROM quiz_texts WHERE question >= 4; DELETE FROM choices WHERE question >= 4; "
	  "DELETE FROM questions WHERE quiz = 2",
	  "bundle table questions: no row for quiz 2" },
	{ "a quiz text missing in one language",
	  "DELETE FROM quiz_text_runs WHERE quiz_text = 81; DELETE FROM quiz_texts WHERE id = 81",
	  "bundle table quiz_texts: no explanation of question 5 in \"ar\"" },
	{ "a chrome string missing in one language",
	  "DELETE FROM ui_strings WHERE lang = 'ar' AND key = 'next'",
	  "bundle table ui_strings: no row (lang \"ar\", key \"next\"), which the source language has" },
	{ "the site title missing in one language",
	  "DELETE FROM site_text WHERE lang = 'fr' AND key = 'title'",
	  "bundle table site_text: no row (lang \"fr\", key \"title\")" },
	{ "a track text missing", "DELETE FROM track_text WHERE track = 'help' AND lang = 'ar'",
	  "bundle table track_text: no row (track \"help\", lang \"ar\")" },
	{ "a helpline text missing", "DELETE FROM helpline_text WHERE helpline = 1 AND lang = 'ar'",
	  "bundle table helpline_text: no row (helpline 1, lang \"ar\")" },
	{ "a helpline after the UN entries",
	  "INSERT INTO helplines VALUES (2, 'un_reporting', '', 1), (3, 'helpline', '', 1)",
	  "bundle table helplines, row 3: a helpline after the UN reporting entries, which come last" },
	/* counts and quiz rules */
	{ "more choices than the quiz screen holds",
	  "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 32) "
	  "INSERT INTO choices (id, question, position, key, correct) "
	  "SELECT i + 11, 1, i, 'c' || i, 0 FROM n",
	  "bundle table choices, row 43: question 1 has more than 32 choices" },
	{ "two right answers to a single choice", "UPDATE choices SET correct = 1 WHERE id = 2",
	  "bundle table questions, row 1: more than one correct choice, and only one may be chosen" },
	{ "no right answer", "UPDATE choices SET correct = 0 WHERE question = 2",
	  "bundle table questions, row 2: no correct choice" },
	/* meta */
	{ "a content version that is not one",
	  "UPDATE meta SET value = 'abc' WHERE key = 'content_version'",
	  "bundle table meta, row (key \"content_version\"): value \"abc\" is not 64 hexadecimal "
	  "digits" },
	{ "no content version", "DELETE FROM meta WHERE key = 'content_version'",
	  "bundle table meta: no row (key \"content_version\")" },
	/* fonts and images */
	{ "a font that is not one",
	  "UPDATE fonts SET data = X'00010000' WHERE family = 'Noto Sans' AND bold = 0 AND italic = 0",
	  "bundle table fonts, row (family \"Noto Sans\", bold 0, italic 0): data: not a font: "
	  "4 bytes" },
	{ "a font cut short",
	  "UPDATE fonts SET data = substr(data, 1, 1000) WHERE family = 'Noto Sans' AND bold = 1 "
	  "AND italic = 0",
	  "bundle table fonts, row (family \"Noto Sans\", bold 1, italic 0): data: cut short: table 1 "
	  "ends past its 1000 bytes" },
	{ "a font without its magic number",
	  "UPDATE fonts SET data = CAST(X'DEADBEEF' || substr(data, 5) AS BLOB) WHERE family = "
	  "'Noto Sans' AND "
	  "italic = 1 AND bold = 0",
	  "bundle table fonts, row (family \"Noto Sans\", bold 0, italic 1): data: not a TrueType or "
	  "OpenType font" },
	{ "no Noto Sans", "UPDATE fonts SET family = 'Other' WHERE family = 'Noto Sans'",
	  "bundle table fonts: no regular face of \"Noto Sans\" (it draws the text that stands in "
	  "for a translation, digits and Latin names)" },
	{ "an image that is not one",
	  "UPDATE images SET data = X'89504E470D0A1A0A0000000D49484452'",
	  "bundle table images, row (path \"basics/02-safety/box.png\"): data: a PNG image without "
	  "its header (IHDR)" },
	{ "an image of another type", "UPDATE images SET media_type = 'image/jpeg'",
	  "bundle table images, row (path \"basics/02-safety/box.png\"): data: not a JPEG image" },
	{ "an image type the kiosk cannot show", "UPDATE images SET media_type = 'image/tiff'",
	  "bundle table images, row (path \"basics/02-safety/box.png\"): data: media type "
	  "\"image/tiff\" is not one the kiosk shows (PNG, JPEG, GIF, WebP, BMP or SVG)" },
	{ "an image too big to draw",
	  "UPDATE images SET data = CAST(substr(data, 1, 16) || X'000186A0' || substr(data, 21) AS BLOB)",
	  "bundle table images, row (path \"basics/02-safety/box.png\"): data: an image of 100000 x 60 "
	  "pixels (1 to 16384 a side)" },
	/* narration */
	{ "a narration key that is not one", "UPDATE blocks SET narration_key = 'not-a-key' WHERE id = 8",
	  "bundle table blocks, row 8: narration_key \"not-a-key\" is not a narration key (16 hex "
	  "digits, a-f)" },
	{ "no narration key for a quiz text", "UPDATE quiz_texts SET narration_key = '' WHERE id = 3",
	  "bundle table quiz_texts, row 3: narration_key is empty" },
	{ "a chrome string's key unlike another language's",
	  "UPDATE ui_strings SET narration_key = '0123456789abcdef' WHERE lang = 'fr' AND key = 'next'",
	  "bundle table ui_strings, row (lang \"fr\", key \"next\"): narration_key "
	  "\"0123456789abcdef\", and another language's row has \"" UI_NEXT_KEY "\": the key is "
	  "the source text's" },
	{ "a voice that is not Ogg",
	  "INSERT INTO audio VALUES ('fr', '0123456789abcdef', 1, X'52494646000000005741564500')",
	  "bundle table audio, row (lang \"fr\", key \"0123456789abcdef\"): data: not Ogg (no "
	  "\"OggS\" at its start)" },
	{ "a voice that is Ogg but not Opus",
	  "INSERT INTO audio VALUES ('fr', '0123456789abcdef', 1, "
	  "CAST(replace(" OPUS_HEX ", 'OpusHead', 'OpusTail') AS BLOB))",
	  "bundle table audio, row (lang \"fr\", key \"0123456789abcdef\"): data: Ogg, but not "
	  "Opus (no \"OpusHead\" in its first page)" },
	{ "a voice of a language not shipped",
	  "INSERT INTO audio VALUES ('de', '0123456789abcdef', 0, " OPUS_HEX ")",
	  "bundle table audio, row (lang \"de\", key \"0123456789abcdef\"): lang \"de\" is not "
	  "a language of the bundle (table languages)" },
	{ "a voice under a bad key",
	  "INSERT INTO audio VALUES ('fr', '0123456789ABCDEF', 0, " OPUS_HEX ")",
	  "bundle table audio, row (lang \"fr\", key \"0123456789ABCDEF\"): key "
	  "\"0123456789ABCDEF\" is not a narration key (16 hex digits, a-f)" },
	{ "a voice neither synthetic nor recorded",
	  "INSERT INTO audio VALUES ('fr', '0123456789abcdef', 2, " OPUS_HEX ")",
	  "bundle table audio, row (lang \"fr\", key \"0123456789abcdef\"): synthetic is 2, "
	  "expected 0 to 1" },
	{ "an empty voice", "INSERT INTO audio VALUES ('fr', '0123456789abcdef', 0, X'')",
	  "bundle table audio, row (lang \"fr\", key \"0123456789abcdef\"): data is empty" },
	{ "two voices for one unit",
	  LOOSE("audio", "lang") "INSERT INTO audio VALUES ('fr', '0123456789abcdef', 0, " OPUS_HEX
	  "); INSERT INTO audio VALUES ('fr', '0123456789abcdef', 1, " OPUS_HEX ")",
	  "bundle table audio, row (lang \"fr\", key \"0123456789abcdef\"): a second row for "
	  "this voice" },
};

static void run_case(void **state)
{
	const struct edit_case *c = *state;
	edit(c->sql);
	refused(c->msg);
}

/* ---- what is not a row edit ------------------------------------------- */

static void test_as_built(void **state)
{
	(void)state;
	/* as built, and sealed again unchanged */
	struct material *m = accepted();
	assert_int_equal(m->nlangs, 3);
	assert_int_equal(m->nmodules, 3);
	assert_int_equal(m->modules[0].nblocks[1], 7);
	assert_int_equal(m->nimages, 1);
	assert_int_equal(m->nfonts, 6);
	material_free(m);
	reseal();
	m = accepted();
	material_free(m);
}

/* A voice is found by its text's narration key, in the text's language,
 * or the source language's for a text standing in for a translation. */
static void test_audio_found(void **state)
{
	(void)state;
	edit("INSERT INTO audio SELECT 'fr', narration_key, 1, " OPUS_HEX " FROM blocks WHERE id = 8; "
	     "INSERT INTO audio SELECT 'en', narration_key, 0, " OPUS_HEX " FROM blocks WHERE id = 1");
	struct material *m = accepted();
	assert_int_equal(m->naudio, 2);
	struct m_text *fr = &m->modules[0].blocks[1][0].t, *en = &m->modules[0].blocks[0][0].t;
	assert_int_equal(strlen(fr->key), 16);
	assert_string_equal(fr->key, en->key);   /* one unit, one key in every language */
	const struct m_audio *a = material_audio(m, 1, fr);
	assert_non_null(a);
	assert_int_equal(a->lang, 1);
	assert_true(a->synthetic);
	assert_null(material_audio(m, 1, &m->modules[0].blocks[1][1].t));   /* another unit: none */
	fr->fallback = 1;   /* as if untranslated: the source's voice */
	a = material_audio(m, 1, fr);
	assert_non_null(a);
	assert_int_equal(a->lang, 0);
	assert_false(a->synthetic);
	assert_string_equal(material_ui_key(m, "next"), UI_NEXT_KEY);
	material_free(m);
}

/* Any edit breaks the seal; the tests' way round it (never the kiosk's)
 * reaches the other checks. */
static void test_seal_first(void **state)
{
	(void)state;
	sqlite3 *db = open_rw();
	assert_int_equal(sqlite3_exec(db, "UPDATE blocks SET level = 3 WHERE id = 2", NULL, NULL,
	                              NULL), SQLITE_OK);
	sqlite3_close(db);
	refused("the bundle is damaged or altered: its content does not match its seal (copy it "
	        "again from the training officer's files)");
	struct err e = {0};
	struct material *m = load(&e, 1);
	if (!m)
		fail_msg("refused with the seal skipped: %s", e.msg);
	assert_int_equal(m->modules[0].blocks[0][1].level, 3);
	material_free(m);
}

/* The page of `name`'s leaves at `nth` (dbstat). */
static int64_t page_of(const char *name, int nth)
{
	sqlite3 *db = open_rw();
	sqlite3_stmt *st = NULL;
	int64_t page = -1;
	if (sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = 'leaf' "
	                       "ORDER BY pageno LIMIT 1 OFFSET ?2", -1, &st, NULL) != SQLITE_OK)
		fail_msg("dbstat: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, nth);
	if (sqlite3_step(st) == SQLITE_ROW)
		page = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (page < 1)
		fail_msg("no leaf %d of %s", nth, name);
	return page;
}

/* Garbage over one page of the file: a write at page_size * (page - 1). */
static void damage(int64_t page)
{
	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7 + 3);
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, (long)((page - 1) * 4096), SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	fclose(f);
}

/* The design review's case: a page of blocks overwritten started the kiosk
 * with pages missing.  Refused by the seal; and with the seal skipped, by
 * the reader's own step check. */
static void test_blocks_page(void **state)
{
	(void)state;
	damage(page_of("blocks", 0));
	refused("the bundle is damaged and cannot be read whole: database disk image is malformed");
	struct err e = {0};
	assert_null(load(&e, 1));
	assert_string_equal(e.msg, "bundle table blocks cannot be read: database disk image is "
	                    "malformed");
}

/* A page of an index: the seal reads the tables, not the indexes. */
static void test_index_page(void **state)
{
	(void)state;
	char want[200];
	int64_t page = page_of("sqlite_autoindex_blocks_1", 0);
	damage(page);
	snprintf(want, sizeof want, "the bundle is damaged (Page %lld: btreeInitPage() returns "
	         "error code 11): copy it again from the training officer's files", (long long)page);
	refused(want);
}

static void spans_are(const struct m_text *t, const struct style_span *want, size_t n)
{
	assert_int_equal(t->nspans, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(t->spans[i].start, want[i].start);
		assert_int_equal(t->spans[i].length, want[i].length);
		assert_int_equal(t->spans[i].style, want[i].style);
	}
}

/* SQLite's own messages quote names from the file (a damaged schema's
 * bytes here): they reach the screen escaped (found by fuzz_bundle_bytes). */
static void test_sqlite_message(void **state)
{
	(void)state;
	sqlite3 *db = open_rw();
	assert_int_equal(sqlite3_exec(db, "PRAGMA writable_schema = ON; INSERT INTO sqlite_schema "
	                              "VALUES ('table', 'x' || char(7) || CAST(X'A7' AS TEXT), 'x', 0, "
	                              "'not sql')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	refused_with("bundle table meta cannot be read: malformed database schema (x\\x07\\xA7)", 1);
}

/* Runs that nest become layout.h's spans, side by side: a paragraph with
 * nested emphasis was laid out as nothing. */
static void test_nested_runs(void **state)
{
	(void)state;
	/* block 1: em 19+8, strong 29+6, link 47+14; a strong run over the em
	 * one (same bytes) and a code run inside the link */
	edit("INSERT INTO block_runs (block, start, length, style) VALUES (1, 19, 8, 'strong'), "
	     "(1, 50, 4, 'code'), (1, 10, 30, 'link'), (8, 38, 6, 'strong')");
	struct material *m = accepted();
	static const struct style_span want[] = {
		{ 10, 9, STYLE_LINK }, { 19, 8, STYLE_LINK | STYLE_EM | STYLE_STRONG },
		{ 27, 2, STYLE_LINK }, { 29, 6, STYLE_LINK | STYLE_STRONG }, { 35, 5, STYLE_LINK },
		{ 47, 3, STYLE_LINK }, { 50, 4, STYLE_LINK | STYLE_CODE }, { 54, 7, STYLE_LINK },
	};
	/* block 8 (French): strong 38+6 around strong 39+4, one span */
	static const struct style_span want8[] = {
		{ 21, 7, STYLE_EM }, { 38, 6, STYLE_STRONG }, { 50, 23, STYLE_LINK },
	};
	spans_are(&m->modules[0].blocks[0][0].t, want, sizeof want / sizeof *want);
	spans_are(&m->modules[0].blocks[1][0].t, want8, sizeof want8 / sizeof *want8);
	material_free(m);
}

/* The words material.c knows are exactly those of the schema's CHECK
 * lists: the quoted words of "CHECK (" + column ... ")" in its CREATE. */
static void check_words(const char *table, const char *column, const char *const *words,
                        size_t n)
{
	const char *sql = bundle_schema_sql();
	char *create = xasprintf("CREATE TABLE %s (", table), *check = xasprintf("CHECK (%s ", column);
	const char *at = strstr(sql, create);
	assert_non_null(at);
	at = strstr(at, check);
	assert_non_null(at);
	size_t k = 0;
	for (int depth = 0; *at; at++) {
		if (*at == '(')
			depth++;
		else if (*at == ')' && --depth == 0)
			break;
		else if (*at == '\'') {
			size_t len = strcspn(at + 1, "'");
			if (k >= n || strlen(words[k]) != len || strncmp(at + 1, words[k], len))
				fail_msg("%s.%s: the schema's word %zu is \"%.*s\", material.c's %s", table,
				         column, k, (int)len, at + 1, k < n ? words[k] : "(none)");
			k++;
			at += len + 1;
		}
	}
	assert_int_equal(k, n);
	free(create);
	free(check);
}

static void test_schema_words(void **state)
{
	(void)state;
	static const char *const directions[] = { BUNDLE_DIRECTIONS };
	static const char *const audiences[] = { BUNDLE_AUDIENCES };
	static const char *const kinds[] = { BUNDLE_BLOCK_KINDS };
	static const char *const styles[] = { BUNDLE_RUN_STYLES };
	static const char *const qtypes[] = { BUNDLE_QUESTION_TYPES };
	static const char *const roles[] = { BUNDLE_TEXT_ROLES };
	static const char *const help[] = { BUNDLE_HELP_KINDS };
#define WORDS(t, c, w) check_words(t, c, w, sizeof w / sizeof *w)
	WORDS("languages", "direction", directions);
	WORDS("tracks", "audience", audiences);
	WORDS("modules", "audience", audiences);
	WORDS("blocks", "kind", kinds);
	WORDS("block_runs", "style", styles);
	WORDS("quiz_text_runs", "style", styles);
	WORDS("questions", "type", qtypes);
	WORDS("quiz_texts", "role", roles);
	WORDS("helplines", "kind", help);
}

int main(void)
{
	enum { NCASES = sizeof cases / sizeof *cases };
	struct CMUnitTest tests[NCASES + 7] = {
		cmocka_unit_test(test_schema_words),
		cmocka_unit_test_setup(test_as_built, setup),
		cmocka_unit_test_setup(test_seal_first, setup),
		cmocka_unit_test_setup(test_audio_found, setup),
		cmocka_unit_test_setup(test_blocks_page, setup),
		cmocka_unit_test_setup(test_index_page, setup),
		cmocka_unit_test_setup(test_nested_runs, setup),
		cmocka_unit_test_setup(test_sqlite_message, setup),
	};
	for (size_t i = 0; i < NCASES; i++)
		tests[7 + i] = (struct CMUnitTest){ cases[i].name, run_case, setup, NULL,
		                                    (void *)&cases[i] };
	return _cmocka_run_group_tests("material", tests, NCASES + 7, group_setup, group_teardown);
}
