/*
 * fuzz_bundle_rows.c - libFuzzer: a real bundle with its rows edited as the
 * input says, read by material_load, which must refuse it with a message
 * or accept something app.c can show; never crash, never leak.
 *
 * The input is a program of edits on the golden fixture's bundle with its
 * constraints gone (fuzzlib.h), so any value can go anywhere.  Each edit
 * takes a few bytes: an operation, a table and a column of those the
 * bundle has (by index, modulo their count), a row (its place in rowid
 * order, modulo the rows there are), and for a new value its kind and
 * bytes:
 *   set      the cell to a value: NULL, a small or a boundary integer, any
 *            integer, a real, text of raw bytes (invalid UTF-8 included), a
 *            blob, a word of the schema, a font or image header
 *   add      a small number to the cell (ids and positions one off)
 *   copy     the cell from another row (duplicated keys, valid references)
 *   delete   the row;  duplicate  the row;  drop  the table
 * Values are always bound, never written into the SQL.  The edited bundle
 * is loaded with the seal skipped (any edit breaks it; a test-only option,
 * material.h).
 */
#include "fuzzlib.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EDITS 24
#define MAX_TABLES 32
#define MAX_COLS 16

struct table {
	char name[64];
	char cols[MAX_COLS][64];
	int ncols;
};

static struct table tables[MAX_TABLES];
static int ntables;

/* The input, read a byte at a time; 0 once it is used up. */
struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned byte(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static int64_t int64_of(struct input *in)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | byte(in);
	return (int64_t)v;
}

/* The tables and columns of the loose bundle, once. */
static void learn_schema(sqlite3 *db)
{
	sqlite3_stmt *st = NULL, *ci = NULL;
	sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> "
	                   "'seal' ORDER BY name", -1, &st, NULL);
	sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1, &ci, NULL);
	while (sqlite3_step(st) == SQLITE_ROW && ntables < MAX_TABLES) {
		struct table *t = &tables[ntables++];
		snprintf(t->name, sizeof t->name, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_bind_text(ci, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(ci) == SQLITE_ROW && t->ncols < MAX_COLS)
			snprintf(t->cols[t->ncols++], sizeof t->cols[0], "%s",
			         (const char *)sqlite3_column_text(ci, 0));
		sqlite3_reset(ci);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ci);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const unsigned char *data;
	size_t len;
	sqlite3 *db = NULL;
	(void)argc, (void)argv;
	fuzz_base(1, &data, &len);
	sqlite3_open(":memory:", &db);
	unsigned char *copy = sqlite3_malloc64(len);
	memcpy(copy, data, len);
	sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
	                    SQLITE_DESERIALIZE_FREEONCLOSE);
	learn_schema(db);
	sqlite3_close(db);
	return 0;
}

/* The statement `fmt` with its identifiers (%w) from the bundle's own
 * schema; values are bound to its parameters. */
static sqlite3_stmt *prep(sqlite3 *db, const char *fmt, ...)
{
	sqlite3_stmt *st = NULL;
	va_list ap;
	va_start(ap, fmt);
	char *sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	return st;
}

static void run(sqlite3_stmt *st)
{
	if (st)
		sqlite3_step(st);
	sqlite3_finalize(st);
}

/* The rowid of the row `pick` says (modulo the rows), or 0 when none. */
static int64_t row_of(sqlite3 *db, const struct table *t, unsigned pick)
{
	sqlite3_stmt *st = prep(db, "SELECT count(*) FROM \"%w\"", t->name);
	int64_t n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0, row = 0;
	sqlite3_finalize(st);
	if (n <= 0)
		return 0;
	st = prep(db, "SELECT rowid FROM \"%w\" ORDER BY rowid LIMIT 1 OFFSET ?1", t->name);
	if (st && sqlite3_bind_int64(st, 1, (int64_t)(pick % (uint64_t)n)) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		row = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return row;
}

/* Words the schema knows, and some it does not: a nudge towards values
 * that get past one check to the next. */
static const char *const words[] = {
	"", "en", "fr", "ar", "de", "ltr", "rtl", "Latn", "Arab", "Noto Sans", "Noto Naskh Arabic",
	"heading", "paragraph", "list_item", "quote", "code", "rule", "image", "em", "strong",
	"link", "single", "multiple", "true-false", "prompt", "explanation", "choice", "feedback",
	"helpline", "un_reporting", "personnel", "community", "all", "basics", "help",
	"basics/01-welcome", "basics/02-safety/box.png", "image/png", "image/jpeg", "image/gif",
	"image/webp", "image/bmp", "image/svg+xml", "image/tiff", "content_version", "title",
	"next", "a", "b", "true", "false",
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
};

static const int64_t boundaries[] = {
	INT64_MIN, INT32_MIN, -2, -1, 0, 1, 2, 3, 6, 7, 32, 33, 100, 101, 100000, 100001,
	INT32_MAX, (int64_t)INT32_MAX + 1, INT64_MAX,
};

/* A header to start a blob with; the input's bytes follow it. */
static void header_blob(struct input *in, unsigned char *buf, size_t *len)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0,
	                                     13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1 };
	static const unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 1 };
	static const unsigned char webp[] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P',
	                                      'V', 'P', '8', 'L' };
	const unsigned char *font;
	size_t flen, n = 0;
	fuzz_min_font(&font, &flen);
	switch (byte(in) % 6) {
	case 0: memcpy(buf, png, n = sizeof png); break;
	case 1: memcpy(buf, jpeg, n = sizeof jpeg); break;
	case 2: memcpy(buf, "GIF89a\1\0\1\0", n = 10); break;
	case 3: memcpy(buf, webp, n = sizeof webp); break;
	case 4: memcpy(buf, "BM\0\0\0\0\0\0\0\0\0\0\0\0\x28\0\0\0\1\0\0\0\1\0\0\0", n = 26); break;
	default: memcpy(buf, font, n = flen);
	}
	/* then some bytes of it changed by the input */
	for (unsigned k = byte(in) % 4; k; k--) {
		unsigned at = byte(in) % (unsigned)n;
		buf[at] = (unsigned char)byte(in);
	}
	for (unsigned k = byte(in) % 32; k; k--)
		buf[n++] = (unsigned char)byte(in);
	*len = n;
}

/* Bind parameter 1 to a value of the kind the input says. */
static void bind_value(sqlite3_stmt *st, struct input *in)
{
	unsigned char buf[512];
	size_t n;
	switch (byte(in) % 9) {
	case 0: sqlite3_bind_null(st, 1); break;
	case 1: sqlite3_bind_int64(st, 1, (int8_t)byte(in)); break;
	case 2: sqlite3_bind_int64(st, 1, boundaries[byte(in) % (sizeof boundaries / sizeof *boundaries)]); break;
	case 3: sqlite3_bind_int64(st, 1, int64_of(in)); break;
	case 4: sqlite3_bind_double(st, 1, (double)(int8_t)byte(in) / 4); break;
	case 5:
	case 6:
		n = byte(in) % 64;
		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)byte(in);
		if (byte(in) & 1)
			sqlite3_bind_text(st, 1, (const char *)buf, (int)n, SQLITE_TRANSIENT);
		else
			sqlite3_bind_blob(st, 1, buf, (int)n, SQLITE_TRANSIENT);
		break;
	case 7: sqlite3_bind_text(st, 1, words[byte(in) % (sizeof words / sizeof *words)], -1,
	                          SQLITE_STATIC); break;
	default:
		header_blob(in, buf, &n);
		sqlite3_bind_blob(st, 1, buf, (int)n, SQLITE_TRANSIENT);
	}
}

static void edit(sqlite3 *db, struct input *in)
{
	unsigned op = byte(in) % 8;
	const struct table *t = &tables[byte(in) % (unsigned)ntables];
	const char *col = t->cols[byte(in) % (unsigned)(t->ncols ? t->ncols : 1)];
	unsigned pick = byte(in) | byte(in) << 8;
	int64_t row = row_of(db, t, pick);
	sqlite3_stmt *st = NULL;
	if (op == 7) {   /* rare: a table gone */
		if (byte(in) % 8 == 0)
			run(prep(db, "DROP TABLE \"%w\"", t->name));
		return;
	}
	if (!row)
		return;
	switch (op) {
	case 0:
	case 1:
	case 2:
		st = prep(db, "UPDATE \"%w\" SET \"%w\" = ?1 WHERE rowid = ?2", t->name, col);
		if (st)
			bind_value(st, in);
		break;
	case 3:
		st = prep(db, "UPDATE \"%w\" SET \"%w\" = \"%w\" + ?1 WHERE rowid = ?2", t->name, col,
		          col);
		if (st)
			sqlite3_bind_int64(st, 1, (int8_t)byte(in) % 4);
		break;
	case 4: {
		int64_t from = row_of(db, t, byte(in) | byte(in) << 8);
		st = prep(db, "UPDATE \"%w\" SET \"%w\" = (SELECT \"%w\" FROM \"%w\" WHERE rowid = ?1) "
		              "WHERE rowid = ?2", t->name, col, col, t->name);
		if (st)
			sqlite3_bind_int64(st, 1, from);
		break;
	}
	case 5:
		st = prep(db, "DELETE FROM \"%w\" WHERE rowid = ?2", t->name);
		break;
	default:
		st = prep(db, "INSERT INTO \"%w\" SELECT * FROM \"%w\" WHERE rowid = ?2", t->name,
		          t->name);
	}
	if (st)
		sqlite3_bind_int64(st, 2, row);
	run(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *base;
	size_t len;
	sqlite3 *db = NULL;
	struct input in = { data, size };
	fuzz_base(1, &base, &len);
	sqlite3_open(":memory:", &db);
	unsigned char *copy = sqlite3_malloc64(len);
	memcpy(copy, base, len);
	sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
	                    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
	for (int i = 0; i < MAX_EDITS && in.n; i++)
		edit(db, &in);
	sqlite3_int64 n = 0;
	unsigned char *out = sqlite3_serialize(db, "main", &n, 0);
	sqlite3_close(db);
	if (!out)
		return 0;
	const char *path = fuzz_scratch(out, (size_t)n);
	sqlite3_free(out);
	fuzz_load_and_check(path, 1);
	return 0;
}
