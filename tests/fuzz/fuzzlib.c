/* fuzzlib.c - the bundle harnesses' shared parts; see fuzzlib.h. */
#include "fuzzlib.h"
#include "buf.h"
#include "emit_bundle.h"
#include "fs.h"
#include "layout.h"
#include "project.h"
#include "utf8.h"
#include "../unit/testtop.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Stop the run: libFuzzer (with its sanitizers) reports it as a crash and
 * keeps the input. */
#define MUST(cond)                                                                     \
	do {                                                                               \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "fuzzlib: %s:%d: not so: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                                   \
		}                                                                              \
	} while (0)

/* ---- a minimal font ----------------------------------------------------- */

static unsigned char min_font[12 + 7 * 16 + 54 + 6 * 4];

static void put32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* An sfnt with the seven tables a TrueType font needs, each but `head`
 * four zero bytes: enough for the header check, not for drawing. */
void fuzz_min_font(const unsigned char **data, size_t *len)
{
	static const char tags[7][5] = { "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp" };
	unsigned char *f = min_font;
	if (!f[1]) {
		unsigned off = 12 + 7 * 16;
		put32(f, 0x00010000);
		f[5] = 7;                                   /* numTables */
		for (int i = 0; i < 7; i++) {
			unsigned char *rec = f + 12 + 16 * i;
			unsigned n = !strcmp(tags[i], "head") ? 54 : 4;
			memcpy(rec, tags[i], 4);
			put32(rec + 8, off);
			put32(rec + 12, n);
			if (n == 54) {
				put32(f + off + 12, 0x5F0F3CF5);      /* magic */
				f[off + 18] = 0x03;                   /* 1000 units per em */
				f[off + 19] = 0xE8;
			}
			off += n;
		}
	}
	*data = min_font;
	*len = sizeof min_font;
}

/* ---- the base bundle ---------------------------------------------------- */

/* The checkout, or exit: the base bundle is built from its fixture. */
static char *find_top(void)
{
	char *top = tu_find_top();
	if (!top) {
		fprintf(stderr, "fuzzlib: run from the checkout, or set CRSV_TOP to it\n");
		exit(2);
	}
	return top;
}

static void fail(const char *what, const char *why)
{
	fprintf(stderr, "fuzzlib: %s: %s\n", what, why);
	exit(2);
}

static void build(const char *top, const char *out)
{
	struct err e = {0};
	struct project p;
	char *fixture = fs_join(top, "tests/golden/fixture");
	char *content = fs_join(fixture, "content"), *locales = fs_join(fixture, "locales");
	char *assets = fs_join(top, "assets");
	struct paths paths = { content, locales, assets, "out", "" };
	if (project_load(&p, &paths, 1, &e) < 0 || emit_bundle(&(struct emit_job){ .p = &p, .path = out }, &e) < 0)
		fail("the golden fixture's bundle", e.msg);
	project_free(&p);
	free(fixture);
	free(content);
	free(locales);
	free(assets);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail(sql, msg ? msg : sqlite3_errmsg(db));
}

/* Every table made again by CREATE TABLE AS: no constraint, key or index. */
static void loosen(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	char **names = NULL;
	size_t n = 0;
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
	                       "name NOT LIKE 'sqlite%' ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		fail("loosen", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		char *sql = sqlite3_mprintf("CREATE TABLE loose AS SELECT * FROM \"%w\"; DROP TABLE "
		                            "\"%w\"; ALTER TABLE loose RENAME TO \"%w\"", names[i],
		                            names[i], names[i]);
		exec(db, sql);
		sqlite3_free(sql);
		free(names[i]);
	}
	free(names);
}

static void shrink_fonts(sqlite3 *db)
{
	const unsigned char *font;
	size_t len;
	sqlite3_stmt *st = NULL;
	fuzz_min_font(&font, &len);
	if (sqlite3_prepare_v2(db, "UPDATE fonts SET data = ?1", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 1, font, (int)len, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		fail("shrink the fonts", sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

void fuzz_base(int loose, const unsigned char **data, size_t *len)
{
	static char *bytes[2];
	static size_t size[2];
	if (!bytes[loose]) {
		char *top = find_top(), *dir = fs_join(getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		                                       "crsv-fuzz-XXXXXX");
		struct err e = {0};
		sqlite3 *db = NULL;
		if (!mkdtemp(dir))
			fail(dir, "cannot make the folder");
		char *path = fs_join(dir, "base.bundle");
		build(top, path);
		if (sqlite3_open(path, &db) != SQLITE_OK)
			fail(path, sqlite3_errmsg(db));
		shrink_fonts(db);
		if (loose)
			loosen(db);
		exec(db, "VACUUM");
		sqlite3_close(db);
		if (fs_read(path, &bytes[loose], &size[loose], &e) < 0)
			fail(path, e.msg);
		fs_remove_tree(dir, NULL);
		free(path);
		free(dir);
		free(top);
	}
	*data = (const unsigned char *)bytes[loose];
	*len = size[loose];
}

static char scratch[256];

static void scratch_remove(void)
{
	unlink(scratch);
}

const char *fuzz_scratch(const unsigned char *data, size_t len)
{
	struct err e = {0};
	if (!scratch[0]) {
		snprintf(scratch, sizeof scratch, "%s/crsv-fuzz-%ld.bundle",
		         access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
		         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
		atexit(scratch_remove);
	}
	const char *path = scratch;
	if (fs_write(path, (const char *)data, len, &e) < 0)
		fail(path, e.msg);
	return path;
}

/* ---- what an accepted bundle must be ------------------------------------ */

static int fake_width(void *ctx, const char *s, size_t len, int style, int rtl)
{
	(void)ctx, (void)s, (void)style, (void)rtl;
	return (int)len * 10;
}

/* A text app.c can show: set, UTF-8 without NUL, spans side by side on
 * character boundaries, which layout.h lays out (it refuses anything
 * else, and app.c then shows nothing of that text). */
static void check_text(const struct m_text *t, int rtl)
{
	static const struct measure ms = { fake_width, 20, NULL };
	MUST(t->text);
	size_t len = strlen(t->text), end = 0;
	MUST(utf8_check(t->text, len) == (size_t)-1);
	MUST(!t->nspans || t->spans);
	for (size_t i = 0; i < t->nspans; i++) {
		const struct style_span *s = &t->spans[i];
		MUST(s->start >= end && s->length && s->length <= len - s->start);
		MUST(s->style > 0 && s->style < 16);
		end = s->start + s->length;
	}
	struct text_layout l;
	MUST(layout_text(&l, t->text, len, t->spans, t->nspans, rtl, 200, &ms) == 0);
	layout_free(&l);
}

static void check_texts(const struct material *m, const struct m_text *t)
{
	MUST(t);
	for (size_t l = 0; l < m->nlangs; l++)
		check_text(&t[l], m->langs[l].rtl);
}

static void check_module(const struct material *m, const struct m_module *mo)
{
	MUST(mo->key && mo->audience && mo->track < m->ntracks);
	check_texts(m, mo->title);
	check_texts(m, mo->summary);
	for (size_t l = 0; l < m->nlangs; l++)
		for (size_t b = 0; b < mo->nblocks[l]; b++) {
			const struct m_block *bl = &mo->blocks[l][b];
			MUST(bl->kind >= B_HEADING && bl->kind <= B_IMAGE);
			MUST(bl->kind != B_HEADING || (bl->level >= 1 && bl->level <= 6));
			MUST(bl->level >= 0 && bl->number >= 0);
			MUST(bl->kind != B_IMAGE || bl->image);
			MUST(!bl->image || material_image(m, bl->image));
			check_text(&bl->t, m->langs[l].rtl);
		}
	if (!mo->quiz)
		return;
	MUST(mo->quiz->nquestions && mo->quiz->pass_percent >= 1 && mo->quiz->pass_percent <= 100);
	for (size_t q = 0; q < mo->quiz->nquestions; q++) {
		const struct m_question *qu = &mo->quiz->questions[q];
		MUST(qu->key && qu->nchoices >= 2 && qu->nchoices <= MATERIAL_MAX_CHOICES);
		check_texts(m, qu->prompt);
		check_texts(m, qu->explanation);
		for (size_t c = 0; c < qu->nchoices; c++) {
			MUST(qu->choices[c].key);
			check_texts(m, qu->choices[c].text);
			check_texts(m, qu->choices[c].feedback);
		}
	}
}

static void check_material(const struct material *m)
{
	MUST(m->nlangs && m->source < m->nlangs && m->content_version && m->nfonts);
	for (size_t l = 0; l < m->nlangs; l++) {
		const struct m_lang *g = &m->langs[l];
		MUST(g->code && g->name && g->script && g->font_family);
		MUST(material_font(m, g->font_family, 0, 0));
		MUST(m->ui[l] && m->ui_fallback[l] && m->site_title[l]);
		(void)material_ui(m, l, "next");
	}
	for (size_t i = 0; i < m->nfonts; i++)
		MUST(m->fonts[i].family && m->fonts[i].data && m->fonts[i].len);
	for (size_t i = 0; i < m->nimages; i++)
		MUST(m->images[i].path && m->images[i].media_type && m->images[i].data);
	for (size_t t = 0; t < m->ntracks; t++) {
		MUST(m->tracks[t].id && m->tracks[t].audience);
		check_texts(m, m->tracks[t].title);
		check_texts(m, m->tracks[t].summary);
	}
	for (size_t i = 0; i < m->nmodules; i++) {
		check_module(m, &m->modules[i]);
		MUST(material_module(m, m->modules[i].key) == i);
	}
	for (size_t h = 0; h < m->nhelplines; h++) {
		MUST(m->helplines[h].phone);
		check_texts(m, m->helplines[h].name);
		check_texts(m, m->helplines[h].description);
		check_texts(m, m->helplines[h].hours);
	}
}

void fuzz_load_and_check(const char *path, int skip_seal)
{
	struct material *m = NULL;
	struct err e = {0};
	struct material_options o = { NULL, 0, skip_seal };
	if (material_load_with(&m, path, &o, &e) == 0) {
		MUST(m);
		check_material(m);
		material_free(m);
		return;
	}
	MUST(!m && !strcmp(e.file, path) && e.msg[0]);
	MUST(utf8_check(e.msg, strlen(e.msg)) == (size_t)-1);   /* it is drawn on the screen */
}
