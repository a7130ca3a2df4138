/* merge.c - kiosk records files into a master; see merge.h. */
#include "merge.h"
#include "ledger.h"
#include "sign.h"
#include "buf.h"
#include "fs.h"
#include "records.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Generated from generator/officer/master.sql by the Makefile. */
static const char master_sql[] =
#include "master_sql.h"
	;

/* A records table as merge sees it: all its columns in table order, the
 * ones a later export may fill in (NULL -> value: a session ended, a quiz
 * finished), and the rest. */
struct table {
	const char *name;
	const char *cols;
	const char *fixed;       /* every column but `done` */
	const char *done;        /* NULL: rows never change */
	const char *natural;     /* a second unique key (answers: one per question
	                            of a completion), or NULL */
};

static const struct table tables[MT_COUNT] = {
	[MT_SESSIONS] = { "sessions",
		"uuid, kiosk_id, lang, participants, started_at, ended_at",
		"uuid, kiosk_id, lang, participants, started_at", "ended_at", NULL },
	[MT_COMPLETIONS] = { "completions",
		"uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, "
		"content_version, score, max_score, passed, started_at, finished_at",
		"uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, "
		"content_version, max_score, started_at", "score, passed, finished_at", NULL },
	[MT_ANSWERS] = { "answers",
		"uuid, completion_uuid, question_id, chosen, correct, answered_at",
		"uuid, completion_uuid, question_id, chosen, correct, answered_at", NULL,
		"completion_uuid, question_id" },
	[MT_READS] = { "reads",
		"uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, content_version, "
		"opened_at, read_at",
		"uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, content_version, "
		"opened_at, read_at", NULL, NULL },
};

/* What a master merged into another brings beyond its records: its kiosks
 * and the versions of its rows that disagreed. */
enum { MX_KIOSKS, MX_CONFLICTS, MX_FINDINGS, MX_COUNT };
static const struct table master_tables[MX_COUNT] = {
	[MX_KIOSKS] = { "merge_kiosks", "kiosk_id, name, last_export_at, last_import_at, "
	                "public_key, instance_id, checkpoint_seq, checkpoint_head", NULL, NULL, NULL },
	[MX_CONFLICTS] = { "merge_conflicts", "uuid, tbl, version, source", NULL, NULL, NULL },
	[MX_FINDINGS] = { "merge_findings", "kiosk_id, file, note, withheld, found_at", NULL, NULL,
	                  NULL },
};

/* ---- SQL text from the column lists ----------------------------------- */

/* Call `each` for every name of a comma-separated column list. */
static void for_columns(const char *cols, void (*each)(struct buf *, const char *, size_t, void *),
                        struct buf *b, void *ctx)
{
	for (const char *c = cols; c && *c;) {
		while (*c == ' ' || *c == ',')
			c++;
		size_t n = strcspn(c, ", ");
		if (n)
			each(b, c, n, ctx);
		c += n;
	}
}

/* One column written with a prefix and a joiner: ctx is
 * {prefix, joiner, suffix, count}. */
struct colfmt {
	const char *prefix, *joiner, *suffix;
	int count;
};

static void put_column(struct buf *b, const char *name, size_t n, void *ctx)
{
	struct colfmt *f = ctx;
	if (f->count++)
		buf_puts(b, f->joiner);
	buf_printf(b, "%s%.*s%s", f->prefix, (int)n, name, f->suffix);
}

static void columns(struct buf *b, const char *cols, const char *prefix,
                    const char *joiner, const char *suffix)
{
	struct colfmt f = { prefix, joiner, suffix, 0 };
	for_columns(cols, put_column, b, &f);
}

/* "json_array(x.a, x.b)": a row as one comparable text. */
static void version(struct buf *b, const char *cols, const char *alias)
{
	char prefix[8];
	snprintf(prefix, sizeof prefix, "%s.", alias);
	buf_puts(b, "json_array(");
	columns(b, cols, prefix, ", ", "");
	buf_putc(b, ')');
}

/* "(x.a IS NULL AND x.b IS NULL)", or "0" for a table whose rows never
 * change. */
static void all_null(struct buf *b, const struct table *t, const char *alias, int null)
{
	char prefix[8];
	if (!t->done) {
		buf_puts(b, "0");
		return;
	}
	snprintf(prefix, sizeof prefix, "%s.", alias);
	buf_putc(b, '(');
	columns(b, t->done, prefix, " AND ", null ? " IS NULL" : " IS NOT NULL");
	buf_putc(b, ')');
}

/* x is m finished later, or m is x finished later. */
static void completes(struct buf *b, const struct table *t, const char *older,
                      const char *newer)
{
	buf_puts(b, "(");
	version(b, t->fixed, older);
	buf_puts(b, " = ");
	version(b, t->fixed, newer);
	buf_puts(b, " AND ");
	all_null(b, t, older, 1);
	buf_puts(b, " AND ");
	all_null(b, t, newer, 0);
	buf_puts(b, ")");
}

/* The same row: equal, or x an earlier export of m. */
static void same(struct buf *b, const struct table *t)
{
	buf_puts(b, "(");
	version(b, t->cols, "x");
	buf_puts(b, " = ");
	version(b, t->cols, "m");
	buf_puts(b, " OR ");
	completes(b, t, "x", "m");
	buf_puts(b, ")");
}

/* A conflict: not the same row and not m finished by x. */
static void conflict(struct buf *b, const struct table *t)
{
	buf_puts(b, "(NOT ");
	same(b, t);
	buf_puts(b, " AND NOT ");
	completes(b, t, "m", "x");
	buf_puts(b, ")");
}

static void join(struct buf *b, const struct table *t)
{
	buf_printf(b, " FROM temp.src_%s AS x JOIN main.%s AS m ON m.uuid = x.uuid WHERE ",
	           t->name, t->name);
}

/* ---- running SQL ------------------------------------------------------ */

struct merger {
	sqlite3 *db;             /* the master, with the input attached as src */
	const char *master;      /* its path, for messages */
	int64_t now;             /* ms */
	struct merge_summary *sum;
	struct errlist *warnings;   /* files merged with something to say */
};

static int db_error(struct merger *g, const char *what, struct err *e)
{
	return err_set(e, g->master, 0, "%s: %s", what, sqlite3_errmsg(g->db));
}

/* Run `sql` with ?1 = `source` (when >= 0); *changes / *count (when not
 * NULL) get the rows changed / the first column of the first row. */
static int run(struct merger *g, const char *sql, long long source, long *changes,
               long *count, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(g, "cannot prepare the merge", e);
	if (source >= 0)
		sqlite3_bind_int64(st, 1, source);   /* ?1: the merge_sources id */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (count)
			*count = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(g, "cannot merge", e);
	if (changes)
		*changes = (long)sqlite3_changes(g->db);
	return 0;
}

/* Run the text in `b` (then empty it). */
static int run_buf(struct merger *g, struct buf *b, long long source, long *changes,
                   long *count, struct err *e)
{
	buf_putc(b, '\0');
	int rc = run(g, b->data, source, changes, count, e);
	buf_reset(b);
	return rc;
}

/* "l.a = r.a AND l.b = r.b" over the table's natural key. */
static void natural_on(struct buf *b, const struct table *t, const char *l, const char *r)
{
	int first = 1;
	for (const char *c = t->natural; *c;) {
		while (*c == ' ' || *c == ',')
			c++;
		size_t len = strcspn(c, ", ");
		if (len)
			buf_printf(b, "%s%s.%.*s = %s.%.*s", first ? "" : " AND ", l, (int)len, c, r,
			           (int)len, c);
		first = 0;
		c += len;
	}
}

/* " AND NOT EXISTS (a row of main with x's natural key)", for inserts. */
static void natural_free(struct buf *b, const struct table *t)
{
	if (!t->natural)
		return;
	buf_printf(b, " AND NOT EXISTS (SELECT 1 FROM main.%s AS n WHERE ", t->name);
	natural_on(b, t, "n", "x");
	buf_puts(b, ")");
}

/* Two rows with other UUIDs but the same natural key (two answers to one
 * question of one quiz): a conflict like any other, every version kept;
 * the row with the smaller UUID stays, whatever the order of the files. */
static int natural_clashes(struct merger *g, const struct table *t, long long source,
                           long *conflicts, struct err *e)
{
	struct buf b = {0}, on = {0};
	int rc = -1;
	long n = 0;
	natural_on(&on, t, "m", "x");
	buf_putc(&on, '\0');
	for (int side = 0; side < 2; side++) {
		buf_printf(&b, "INSERT OR IGNORE INTO main.merge_conflicts (uuid, tbl, version, source) "
		           "SELECT %s.uuid, '%s', ", side ? "x" : "m", t->name);
		version(&b, t->cols, side ? "x" : "m");
		buf_puts(&b, side ? ", ?1" : ", coalesce((SELECT min(o.source) FROM main.merge_origins "
		                            "AS o WHERE o.uuid = m.uuid), ?1)");
		buf_printf(&b, " FROM temp.src_%s AS x JOIN main.%s AS m ON %s AND m.uuid <> x.uuid",
		           t->name, t->name, on.data);
		if (run_buf(g, &b, source, side ? &n : NULL, NULL, e) < 0)
			goto out;
	}
	buf_printf(&b, "DELETE FROM main.%s WHERE uuid IN (SELECT m.uuid FROM temp.src_%s AS x "
	           "JOIN main.%s AS m ON %s AND m.uuid > x.uuid)", t->name, t->name, t->name, on.data);
	if (run_buf(g, &b, -1, NULL, NULL, e) < 0)
		goto out;
	*conflicts += n;
	rc = 0;
out:
	buf_free(&b);
	buf_free(&on);
	return rc;
}

/* The whole input as new rows: a kiosk the master has never seen has no
 * row in it (UUIDs are random), so its rows are appended with no lookup of
 * their own; a UUID already there after all fails the insert, and the
 * caller merges the file the careful way instead. */
static int append_table(struct merger *g, const struct table *t, enum merge_table which,
                        long long source, struct err *e)
{
	struct buf b = {0};
	long n = 0;
	buf_printf(&b, "INSERT INTO main.%s (%s) SELECT %s FROM temp.src_%s", t->name, t->cols,
	           t->cols, t->name);
	int rc = run_buf(g, &b, -1, &n, NULL, e);
	if (rc == 0) {
		buf_printf(&b, "INSERT INTO main.merge_origins (source, uuid, tbl) "
		           "SELECT ?1, uuid, '%s' FROM temp.src_%s", t->name, t->name);
		rc = run_buf(g, &b, source, NULL, NULL, e);
	}
	if (rc == 0)
		g->sum->added[which] += n;
	buf_free(&b);
	return rc;
}

/* 1 when the master has merged a file of this kiosk before. */
static int kiosk_known(struct merger *g, const char *kiosk_id)
{
	sqlite3_stmt *st = NULL;
	int known = 0;
	if (sqlite3_prepare_v2(g->db, "SELECT 1 FROM main.merge_kiosks WHERE kiosk_id = ?1", -1,
	                       &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, kiosk_id, -1, SQLITE_STATIC);   /* ?1: the kiosk id */
		known = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return known;
}

/* Merge one table of the attached input. */
static int merge_table(struct merger *g, const struct table *t, enum merge_table which,
                       long long source, struct err *e)
{
	struct buf b = {0};
	long n = 0, dup = 0, done = 0, conflicts = 0;
	int rc = -1;

	/* rows already here, unchanged (or here in a later state) */
	buf_puts(&b, "SELECT count(*)");
	join(&b, t);
	same(&b, t);
	if (run_buf(g, &b, -1, NULL, &dup, e) < 0)
		goto out;

	if (t->natural && natural_clashes(g, t, source, &conflicts, e) < 0)
		goto out;
	/* new rows, and where they came from */
	buf_printf(&b, "INSERT OR IGNORE INTO main.merge_origins (source, uuid, tbl) "
	           "SELECT ?1, x.uuid, '%s' FROM temp.src_%s AS x WHERE NOT EXISTS "
	           "(SELECT 1 FROM main.%s AS m WHERE m.uuid = x.uuid)", t->name, t->name, t->name);
	natural_free(&b, t);
	if (run_buf(g, &b, source, NULL, NULL, e) < 0)
		goto out;
	buf_printf(&b, "INSERT INTO main.%s (%s) SELECT ", t->name, t->cols);
	columns(&b, t->cols, "x.", ", ", "");
	buf_printf(&b, " FROM temp.src_%s AS x WHERE NOT EXISTS "
	           "(SELECT 1 FROM main.%s AS m WHERE m.uuid = x.uuid)", t->name, t->name);
	natural_free(&b, t);
	if (run_buf(g, &b, -1, &n, NULL, e) < 0)
		goto out;

	/* versions that disagree: keep every one (before anything changes) */
	for (int side = 0; side < 2; side++) {
		const char *alias = side ? "x" : "m";
		buf_printf(&b, "INSERT OR IGNORE INTO main.merge_conflicts (uuid, tbl, version, source) "
		           "SELECT x.uuid, '%s', ", t->name);
		version(&b, t->cols, alias);
		if (side)
			buf_puts(&b, ", ?1");
		else
			buf_puts(&b, ", coalesce((SELECT min(o.source) FROM main.merge_origins AS o "
			             "WHERE o.uuid = m.uuid), ?1)");
		join(&b, t);
		conflict(&b, t);
		long added = 0;
		if (run_buf(g, &b, source, side ? &added : NULL, NULL, e) < 0)
			goto out;
		conflicts += added;
	}
	/* the table keeps the version whose text sorts first, whatever the
	 * order of the files */
	if (conflicts) {
		buf_printf(&b, "UPDATE main.%s AS m SET (", t->name);
		columns(&b, t->cols + strlen("uuid, "), "", ", ", "");
		buf_puts(&b, ") = (");
		columns(&b, t->cols + strlen("uuid, "), "x.", ", ", "");
		buf_printf(&b, ") FROM temp.src_%s AS x WHERE m.uuid = x.uuid AND ", t->name);
		conflict(&b, t);
		buf_puts(&b, " AND ");
		version(&b, t->cols, "x");
		buf_puts(&b, " < ");
		version(&b, t->cols, "m");
		if (run_buf(g, &b, -1, NULL, NULL, e) < 0)
			goto out;
	}

	/* finished since the earlier export: the only change a row may see */
	if (t->done) {
		buf_printf(&b, "UPDATE main.%s AS m SET (%s) = (", t->name, t->done);
		columns(&b, t->done, "x.", ", ", "");
		buf_printf(&b, ") FROM temp.src_%s AS x WHERE m.uuid = x.uuid AND ", t->name);
		completes(&b, t, "m", "x");
		if (run_buf(g, &b, -1, &done, NULL, e) < 0)
			goto out;
	}
	g->sum->added[which] += n;
	g->sum->duplicates += dup;
	g->sum->completed += done;
	g->sum->conflicts += conflicts;
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* ---- one input file --------------------------------------------------- */

struct input_meta {
	sqlite3 *db;             /* the private copy, open */
	char *kiosk_id, *kiosk_name, *exported_at;   /* kiosk_id "" for a master */
	long rows;
	int master;              /* another officer's master, merged whole */
	int version;             /* its schema version: 2 and up have a ledger */
	/* an export's checkpoint, checked against its ledger (cp_seq 0: none) */
	long cp_seq;
	char cp_head[65], cp_instance[64];
	char *public_key;
};

static void input_meta_free(struct input_meta *m)
{
	sqlite3_close(m->db);
	free(m->kiosk_id);
	free(m->kiosk_name);
	free(m->exported_at);
	free(m->public_key);
}

/* Open and check the private copy at `copy` (of `path`, with its -wal:
 * rows still in the log are read too) and read what the merge needs from
 * it; im->db stays open for the rows. */
static int read_input(const char *copy, const char *path, struct input_meta *im,
                      struct err *e)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct err ce;
	int rc = -1;
	memset(im, 0, sizeof *im);
	if (sqlite3_open_v2(copy, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(e, path, 0, "cannot open: %s", db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (records_check(db, copy, NULL, &ce) < 0) {
		err_set(e, path, 0, "%s", ce.msg);   /* name the file as given */
		goto out;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		err_set(e, path, 0, "damaged records file: %s",
		        st && sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0)
		                                         : sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		im->version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (records_meta(db, "kiosk_id", &im->kiosk_id, &ce) < 0 ||
	    records_meta(db, "kiosk_name", &im->kiosk_name, &ce) < 0 ||
	    records_meta(db, "exported_at", &im->exported_at, &ce) < 0) {
		err_set(e, path, 0, "%s", ce.msg);
		goto out;
	}
	if (!im->kiosk_id || !*im->kiosk_id) {
		/* no kiosk of its own: another master (its tables say so), merged
		 * as one source, its kiosks and conflicts with it */
		im->master = sqlite3_prepare_v2(db, "SELECT kiosk_id, name, last_export_at, "
		                                "last_import_at FROM merge_kiosks", -1, &st,
		                                NULL) == SQLITE_OK;
		sqlite3_finalize(st);
		st = NULL;
		if (!im->master) {
			err_set(e, path, 0, "damaged records file: no kiosk id in meta");
			goto out;
		}
		free(im->kiosk_id);
		im->kiosk_id = xstrdup("");
	}
	/* every table's rows (a version-2 file has no reads) */
	char *count = xasprintf("SELECT (SELECT count(*) FROM sessions) + (SELECT count(*) FROM "
	                        "completions) + (SELECT count(*) FROM answers)%s",
	                        records_has_table(db, "reads") ? " + (SELECT count(*) FROM reads)" : "");
	int counted = sqlite3_prepare_v2(db, count, -1, &st, NULL) == SQLITE_OK &&
	              sqlite3_step(st) == SQLITE_ROW;
	free(count);
	if (!counted) {
		err_set(e, path, 0, "cannot read: %s", sqlite3_errmsg(db));
		goto out;
	}
	im->rows = (long)sqlite3_column_int64(st, 0);
	rc = 0;
out:
	sqlite3_finalize(st);
	im->db = db;
	if (rc < 0)
		input_meta_free(im);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The merge_sources row of this file (the same one for the same file
 * merged again); *id its id. */
static int add_source(struct merger *g, const char *path, const struct input_meta *im,
                      long long *id, struct err *e)
{
	static const char *const sql[] = {
		"INSERT OR IGNORE INTO main.merge_sources "
		"(file, kiosk_id, kiosk_name, exported_at, rows, imported_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"SELECT id FROM main.merge_sources WHERE file = ?1 AND kiosk_id = ?2 AND rows = ?5",
		"INSERT INTO main.merge_kiosks (kiosk_id, name, last_export_at, last_import_at) "
		"VALUES (?2, ?3, ?4, ?6) ON CONFLICT (kiosk_id) DO UPDATE SET "
		"name = CASE WHEN excluded.name IS NOT NULL AND coalesce(excluded.last_export_at, 0) "
		">= coalesce(last_export_at, 0) THEN excluded.name ELSE name END, "
		"last_export_at = CASE WHEN excluded.last_export_at IS NULL THEN last_export_at "
		"WHEN last_export_at IS NULL THEN excluded.last_export_at "
		"ELSE max(excluded.last_export_at, last_export_at) END, "
		"last_import_at = excluded.last_import_at",
	};
	/* a master's kiosks come from its own table (master_extras) */
	for (size_t i = 0; i < (im->master ? 2 : sizeof sql / sizeof *sql); i++) {
		sqlite3_stmt *st = NULL;
		int rc;
		if (sqlite3_prepare_v2(g->db, sql[i], -1, &st, NULL) != SQLITE_OK)
			return db_error(g, "cannot record the source", e);
		/* ?1 file name, ?2 kiosk id, ?3 kiosk name, ?4 export time,
		 * ?5 row count, ?6 import time (some statements use some) */
		sqlite3_bind_text(st, 1, base_name(path), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, im->kiosk_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, im->kiosk_name, -1, SQLITE_STATIC);
		if (im->exported_at)
			sqlite3_bind_int64(st, 4, strtoll(im->exported_at, NULL, 10));
		sqlite3_bind_int64(st, 5, im->rows);
		sqlite3_bind_int64(st, 6, g->now);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_error(g, "cannot record the source", e);
	}
	return 0;
}

/* Copy `path` (and its -wal, if any) to `copy`: the input is only read. */
static int copy_input(const char *path, const char *copy, struct err *e)
{
	char *wal = xconcat(path, "-wal", NULL), *cwal = xconcat(copy, "-wal", NULL);
	int rc = fs_copy_file(path, copy, e);
	if (rc == 0 && fs_is_file(wal))
		rc = fs_copy_file(wal, cwal, e);
	free(wal);
	free(cwal);
	return rc;
}

/* Copy the input's rows into the master connection's temp.src_<table>
 * tables, where the merge's SQL meets them with the master's (an ATTACH
 * would do, but cannot happen inside the one transaction of the merge). */
static int load_rows(struct merger *g, sqlite3 *in, const struct table *t, struct err *e)
{
	sqlite3_stmt *rd = NULL, *wr = NULL;
	struct buf b = {0};
	int rc = -1, n = 0, step;
	buf_printf(&b, "DELETE FROM temp.src_%s", t->name);
	if (run_buf(g, &b, -1, NULL, NULL, e) < 0)
		goto out;
	if (!records_has_table(in, t->name)) {   /* an older version: none of these */
		rc = 0;
		goto out;
	}
	buf_printf(&b, "SELECT %s FROM %s", t->cols, t->name);
	buf_putc(&b, '\0');
	if (sqlite3_prepare_v2(in, b.data, -1, &rd, NULL) != SQLITE_OK) {
		err_set(e, g->master, 0, "cannot read the input: %s", sqlite3_errmsg(in));
		goto out;
	}
	n = sqlite3_column_count(rd);
	buf_reset(&b);
	buf_printf(&b, "INSERT INTO temp.src_%s (%s) VALUES (", t->name, t->cols);
	for (int i = 0; i < n; i++)
		buf_puts(&b, i ? ", ?" : "?");
	buf_puts(&b, ")");
	buf_putc(&b, '\0');
	if (sqlite3_prepare_v2(g->db, b.data, -1, &wr, NULL) != SQLITE_OK) {
		db_error(g, "cannot prepare the merge", e);
		goto out;
	}
	while ((step = sqlite3_step(rd)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)   /* ?i+1: the input row's column i */
			sqlite3_bind_value(wr, i + 1, sqlite3_column_value(rd, i));
		if (sqlite3_step(wr) != SQLITE_DONE) {
			db_error(g, "cannot merge", e);
			goto out;
		}
		sqlite3_reset(wr);
	}
	if (step != SQLITE_DONE) {
		err_set(e, g->master, 0, "cannot read the input: %s", sqlite3_errmsg(in));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(rd);
	sqlite3_finalize(wr);
	buf_free(&b);
	return rc;
}

/* A master's kiosks and conflicts, after its rows: each kiosk's newest
 * name and export, its latest collection; every version of a row that
 * disagreed there, as coming in with this master (`source`). */
static void warn(struct merger *g, const char *path, const char *kiosk_id, long withheld,
                 const char *msg);

/* The kiosks of another master whose key or newest checkpoint is at odds
 * with what this master knows of them: the same kiosk signing with two
 * keys, or two ledgers of the same length (a fork).  Warned, then merged:
 * the key first seen stays, the longer checkpoint wins. */
static int master_kiosks_at_odds(struct merger *g, const char *path, struct err *e)
{
	static const char sql[] =
		"SELECT s.kiosk_id, s.public_key <> m.public_key FROM temp.src_merge_kiosks s"
		" JOIN main.merge_kiosks m USING (kiosk_id)"
		" WHERE (s.public_key <> m.public_key)"
		" OR (s.checkpoint_seq = m.checkpoint_seq AND s.checkpoint_head <> m.checkpoint_head)";
	sqlite3_stmt *st = NULL;
	int step;
	if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(g, "cannot compare the kiosks", e);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char msg[200];
		snprintf(msg, sizeof msg, sqlite3_column_int(st, 1)
		         ? "kiosk %s signs with another key in this master than in yours: a "
		           "replaced or forged kiosk"
		         : "kiosk %s has another ledger of the same length in this master: its "
		           "records were rewritten, or the kiosk was copied",
		         (const char *)sqlite3_column_text(st, 0));
		warn(g, path, (const char *)sqlite3_column_text(st, 0), 0, msg);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : db_error(g, "cannot compare the kiosks", e);
}

static int master_extras(struct merger *g, const char *path, sqlite3 *in, long long source,
                         struct err *e)
{
	static const char kiosks[] =
		"INSERT INTO main.merge_kiosks (kiosk_id, name, last_export_at, last_import_at, "
		"public_key, instance_id, checkpoint_seq, checkpoint_head) "
		"SELECT kiosk_id, name, last_export_at, last_import_at, public_key, instance_id, "
		"checkpoint_seq, checkpoint_head FROM temp.src_merge_kiosks "
		"WHERE true ON CONFLICT (kiosk_id) DO UPDATE SET "
		"name = CASE WHEN excluded.name IS NOT NULL AND coalesce(excluded.last_export_at, 0) "
		">= coalesce(last_export_at, 0) THEN excluded.name ELSE name END, "
		"last_export_at = CASE WHEN excluded.last_export_at IS NULL THEN last_export_at "
		"WHEN last_export_at IS NULL THEN excluded.last_export_at "
		"ELSE max(excluded.last_export_at, last_export_at) END, "
		"last_import_at = max(excluded.last_import_at, last_import_at), "
		"public_key = coalesce(public_key, excluded.public_key), "
		/* the newest checkpoint, with its instance, whichever master had it */
		"instance_id = CASE WHEN coalesce(excluded.checkpoint_seq, 0) > coalesce(checkpoint_seq, 0) "
		"THEN excluded.instance_id ELSE instance_id END, "
		"checkpoint_head = CASE WHEN coalesce(excluded.checkpoint_seq, 0) > "
		"coalesce(checkpoint_seq, 0) THEN excluded.checkpoint_head ELSE checkpoint_head END, "
		"checkpoint_seq = CASE WHEN coalesce(excluded.checkpoint_seq, 0) > "
		"coalesce(checkpoint_seq, 0) THEN excluded.checkpoint_seq ELSE checkpoint_seq END";
	static const char conflicts[] =
		"INSERT OR IGNORE INTO main.merge_conflicts (uuid, tbl, version, source) "
		"SELECT uuid, tbl, version, ?1 FROM temp.src_merge_conflicts";
	static const char findings[] =
		"INSERT OR IGNORE INTO main.merge_findings (kiosk_id, file, note, withheld, found_at) "
		"SELECT kiosk_id, file, note, withheld, found_at FROM temp.src_merge_findings";
	/* a master from before the checkpoints (its private copy): the columns
	 * it lacks are empty */
	static const char *const added_cols[] = {
		"public_key TEXT", "instance_id TEXT", "checkpoint_seq INTEGER", "checkpoint_head TEXT"
	};
	for (size_t i = 0; i < sizeof added_cols / sizeof *added_cols; i++) {
		char *alter = sqlite3_mprintf("ALTER TABLE merge_kiosks ADD COLUMN %s", added_cols[i]);
		sqlite3_exec(in, alter, NULL, NULL, NULL);   /* fails when it has it: fine */
		sqlite3_free(alter);
	}
	if (sqlite3_exec(in, master_sql, NULL, NULL, NULL) != SQLITE_OK)   /* merge_findings */
		return err_set(e, path, 0, "cannot read this master: %s", sqlite3_errmsg(in));
	long added = 0;
	for (int t = 0; t < MX_COUNT; t++)
		if (load_rows(g, in, &master_tables[t], e) < 0)
			return -1;
	if (master_kiosks_at_odds(g, path, e) < 0 || run(g, kiosks, -1, NULL, NULL, e) < 0 ||
	    run(g, conflicts, source, &added, NULL, e) < 0 || run(g, findings, -1, NULL, NULL, e) < 0)
		return -1;
	g->sum->conflicts += added;
	return 0;
}

/* A warning on stderr, and a finding in the master for the report. */
static void note_finding(struct merger *g, const char *path, const char *kiosk_id,
                         long withheld, const char *msg)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(g->db, "INSERT OR REPLACE INTO main.merge_findings "
	                       "(kiosk_id, file, note, withheld, found_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	                       -1, &st, NULL) == SQLITE_OK) {
		/* ?1 kiosk, ?2 file name, ?3 the warning, ?4 records withheld, ?5 now */
		sqlite3_bind_text(st, 1, kiosk_id ? kiosk_id : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, base_name(path), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, msg, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, withheld);
		sqlite3_bind_int64(st, 5, g->now);
		sqlite3_step(st);   /* the warning is printed anyway */
	}
	sqlite3_finalize(st);
}

static void warn(struct merger *g, const char *path, const char *kiosk_id, long withheld,
                 const char *msg)
{
	struct err w;
	err_set(&w, path, 0, "%s", msg);
	errlist_add(g->warnings, &w);
	g->sum->tampered++;
	note_finding(g, path, kiosk_id, withheld, msg);
}

/* An export's signed checkpoint (ledger.h): made by the kiosk's key, for
 * this kiosk, and the last entry of the ledger it came with.  What it
 * vouches for is kept in `im` for remember_checkpoint. */
static void check_checkpoint(struct merger *g, const char *path, struct input_meta *im)
{
	char *text = NULL, *sig64 = NULL, kiosk[64], head[65], at[65];
	long seq, last;
	struct sign_key k = {0};
	uint8_t sig[SIGN_SIG_SIZE];
	if (records_meta(im->db, "checkpoint", &text, NULL) < 0 || !text)
		goto out;   /* a records file copied as it is, not an export: nothing signed */
	if (records_meta(im->db, "checkpoint_sig", &sig64, NULL) < 0 || !sig64 ||
	    records_meta(im->db, "kiosk_public", &im->public_key, NULL) < 0 || !im->public_key ||
	    sign_unbase64(im->public_key, k.pub, SIGN_KEY_SIZE) < 0 ||
	    sign_unbase64(sig64, sig, sizeof sig) < 0 ||
	    sign_check(&k, text, strlen(text), sig) < 0 ||
	    ledger_checkpoint_parse(text, kiosk, im->cp_instance, &seq, head) < 0 ||
	    strcmp(kiosk, im->kiosk_id)) {
		warn(g, path, im->kiosk_id, 0,
		     "its signed checkpoint does not verify with the kiosk's key: the export "
		     "was altered");
		goto out;
	}
	if (ledger_hash_at(im->db, seq, at, NULL) < 0 || strcmp(at, head) ||
	    ledger_head(im->db, &last, at, NULL) < 0 || last != seq) {
		warn(g, path, im->kiosk_id, 0,
		     "its ledger does not end where the kiosk's signed checkpoint says: "
		     "entries were cut or changed at its end");
		goto out;
	}
	im->cp_seq = seq;
	snprintf(im->cp_head, sizeof im->cp_head, "%s", head);
out:
	free(text);
	free(sig64);
}

/* The kiosk's key, instance and checkpoint against what earlier exports
 * of it said (the master's merge_kiosks), then kept: the same key always,
 * and a ledger that extends the one merged before. */
static int remember_checkpoint(struct merger *g, const char *path, const struct input_meta *im,
                               struct err *e)
{
	sqlite3_stmt *st = NULL;
	char *key = NULL, *inst = NULL, *head = NULL, at[65];
	long seq = 0;
	int rc = -1;
	if (!im->cp_seq)
		return 0;
	if (sqlite3_prepare_v2(g->db, "SELECT public_key, instance_id, checkpoint_seq, "
	                       "checkpoint_head FROM main.merge_kiosks WHERE kiosk_id = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_error(g, "cannot read the kiosks", e);
	sqlite3_bind_text(st, 1, im->kiosk_id, -1, SQLITE_STATIC);   /* ?1: the kiosk */
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_text(st, 0))
			key = xstrdup((const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_text(st, 1))
			inst = xstrdup((const char *)sqlite3_column_text(st, 1));
		seq = (long)sqlite3_column_int64(st, 2);
		if (sqlite3_column_text(st, 3))
			head = xstrdup((const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	st = NULL;
	int later = 1;
	if (key && strcmp(key, im->public_key))
		warn(g, path, im->kiosk_id, 0,
		     "signed by another key than this kiosk's earlier exports: a replaced or "
		     "impersonated kiosk");
	else if (inst && strcmp(inst, im->cp_instance))
		warn(g, path, im->kiosk_id, 0,
		     "another instance of this kiosk's records (the file was copied or "
		     "restored: a cloned kiosk?)");
	else if (head && seq > im->cp_seq)
		later = 0;   /* an older export, merged after a newer one */
	else if (head && (ledger_hash_at(im->db, seq, at, NULL) < 0 || strcmp(at, head)))
		warn(g, path, im->kiosk_id, 0,
		     "its ledger does not extend the one merged before from this kiosk: "
		     "earlier records were removed or rewritten");
	if (later) {
		if (sqlite3_prepare_v2(g->db, "UPDATE main.merge_kiosks SET public_key = "
		                       "coalesce(public_key, ?2), instance_id = ?3, checkpoint_seq = ?4, "
		                       "checkpoint_head = ?5 WHERE kiosk_id = ?1", -1, &st,
		                       NULL) != SQLITE_OK)
			goto fail;
		/* ?1 kiosk, ?2 its key, ?3 instance, ?4 last entry, ?5 its hash */
		sqlite3_bind_text(st, 1, im->kiosk_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, im->public_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, im->cp_instance, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, im->cp_seq);
		sqlite3_bind_text(st, 5, im->cp_head, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
	}
	rc = 0;
	goto out;
fail:
	db_error(g, "cannot record the kiosk's checkpoint", e);
out:
	sqlite3_finalize(st);
	free(key);
	free(inst);
	free(head);
	return rc;
}

/* The rows of an input its ledger does not vouch for, gathered in a
 * table of the input's private copy, then taken out of it. */
struct withheld {
	sqlite3_stmt *add;
	int failed;
};

static void withhold(void *ctx, const char *table, const char *uuid)
{
	struct withheld *w = ctx;
	sqlite3_bind_text(w->add, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(w->add, 2, uuid, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(w->add) != SQLITE_DONE)
		w->failed = 1;
	sqlite3_reset(w->add);
}

/* Take the untrusted rows, and the rows that hang on them (the answers of
 * a completion, the completions of a session), out of the input's copy:
 * the master gets only what the ledger vouches for.  Their number, or -1. */
static long drop_withheld(sqlite3 *db)
{
	static const char sql[] =
		"DELETE FROM answers WHERE uuid IN (SELECT uuid FROM temp.withheld WHERE tbl = 'answers')"
		" OR completion_uuid IN (SELECT uuid FROM temp.withheld WHERE tbl = 'completions')"
		" OR completion_uuid IN (SELECT uuid FROM completions WHERE session_uuid IN"
		"  (SELECT uuid FROM temp.withheld WHERE tbl = 'sessions'));"
		"DELETE FROM completions WHERE uuid IN (SELECT uuid FROM temp.withheld"
		" WHERE tbl = 'completions') OR session_uuid IN (SELECT uuid FROM temp.withheld"
		" WHERE tbl = 'sessions');";
	/* a read hangs on its session as a completion does */
	static const char reads[] =
		"DELETE FROM reads WHERE uuid IN (SELECT uuid FROM temp.withheld WHERE tbl = 'reads')"
		" OR session_uuid IN (SELECT uuid FROM temp.withheld WHERE tbl = 'sessions');";
	static const char sessions[] =
		"DELETE FROM sessions WHERE uuid IN (SELECT uuid FROM temp.withheld"
		" WHERE tbl = 'sessions');";
	int before = sqlite3_total_changes(db);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    (records_has_table(db, "reads") && sqlite3_exec(db, reads, NULL, NULL, NULL) != SQLITE_OK) ||
	    sqlite3_exec(db, sessions, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	return sqlite3_total_changes(db) - before;
}

/* What a kiosk file's ledger says of its rows (ledger.h): a warning when
 * they were changed, deleted or reordered after the kiosk wrote them, and
 * those rows (and what hangs on them) are withheld from the master: the
 * intact ones are merged. */
static int check_ledger(struct merger *g, const char *path, const struct input_meta *im)
{
	struct ledger_report r;
	struct withheld wh = { NULL, 0 };
	struct err w;
	long dropped = 0;
	if (im->master || !g->warnings)
		return 0;
	if (im->version < 2) {
		err_set(&w, path, 0, "made by an older kiosk: no ledger, so a change to its records "
		        "would not show");
		errlist_add(g->warnings, &w);
		note_finding(g, path, im->kiosk_id, 0, w.msg);
		return 0;
	}
	if (sqlite3_exec(im->db, "CREATE TEMP TABLE withheld (tbl TEXT, uuid TEXT)", NULL, NULL,
	                 NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(im->db, "INSERT INTO temp.withheld VALUES (?1, ?2)", -1, &wh.add,
	                       NULL) != SQLITE_OK)
		return err_set(&w, path, 0, "cannot check its ledger: %s", sqlite3_errmsg(im->db));
	int rc = ledger_check(im->db, &r, withhold, &wh, &w);
	sqlite3_finalize(wh.add);
	if (rc < 0 || wh.failed || (dropped = drop_withheld(im->db)) < 0) {
		if (rc == 0)
			err_set(&w, path, 0, "cannot set its altered records aside: %s",
			        sqlite3_errmsg(im->db));
		errlist_add(g->warnings, &w);
		return -1;
	}
	check_checkpoint(g, path, (struct input_meta *)im);
	if (!r.gaps && !r.broken && !r.edited && !r.deleted && !r.unrecorded)
		return 0;
	char msg[640], missing[200] = "";
	if (r.missing[0])
		snprintf(missing, sizeof missing, " (%s)", r.missing);
	snprintf(msg, sizeof msg, "its ledger shows records altered after the kiosk wrote them "
	         "(%ld changed, %ld deleted, %ld never recorded, %ld entries missing%s, %ld links "
	         "broken, from entry %ld): %ld records withheld from the master, the intact ones "
	         "merged; ask who had the file",
	         r.edited, r.deleted, r.unrecorded, r.gaps, missing, r.broken, r.first_bad, dropped);
	warn(g, path, im->kiosk_id, dropped, msg);
	return 0;
}

/* Merge one input inside a savepoint: a file that fails is rolled back
 * alone and reported in `bad`; -1 only when the master itself fails. */
static int merge_file(struct merger *g, const char *path, const char *copy,
                      struct err *bad, int *skipped, struct err *e)
{
	struct input_meta im;
	long long source = 0;
	*skipped = 1;
	if (copy_input(path, copy, bad) < 0 || read_input(copy, path, &im, bad) < 0)
		return 0;
	if (check_ledger(g, path, &im) < 0) {   /* cannot tell what is intact: not merged */
		err_set(bad, path, 0, "not merged: its ledger could not be checked");
		input_meta_free(&im);
		unlink(copy);
		return 0;
	}
	struct merge_summary before = *g->sum;
	int fast = !kiosk_known(g, im.kiosk_id);
	int rc = run(g, "SAVEPOINT one_file", -1, NULL, NULL, e);
	for (int t = 0; rc == 0 && t < MT_COUNT; t++)
		rc = load_rows(g, im.db, &tables[t], e);
	if (rc == 0)
		rc = add_source(g, path, &im, &source, e);
	for (int t = 0; rc == 0 && fast && t < MT_COUNT; t++)
		rc = append_table(g, &tables[t], (enum merge_table)t, source, e);
	if (rc < 0 && fast && sqlite3_errcode(g->db) == SQLITE_CONSTRAINT) {
		/* a UUID was there after all: merge this file again, carefully */
		*g->sum = before;
		fast = 0;
		rc = run(g, "ROLLBACK TO one_file", -1, NULL, NULL, e);
		for (int t = 0; rc == 0 && t < MT_COUNT; t++)
			rc = load_rows(g, im.db, &tables[t], e);
		if (rc == 0)
			rc = add_source(g, path, &im, &source, e);
	}
	for (int t = 0; rc == 0 && !fast && t < MT_COUNT; t++)
		rc = merge_table(g, &tables[t], (enum merge_table)t, source, e);
	if (rc == 0 && im.master)
		rc = master_extras(g, path, im.db, source, e);
	if (rc == 0 && !im.master)
		rc = remember_checkpoint(g, path, &im, e);
	if (rc == 0) {
		*skipped = 0;
		rc = run(g, "RELEASE one_file", -1, NULL, NULL, e);
	} else {
		/* this file's rows could not be merged: leave the others */
		*g->sum = before;
		err_set(bad, path, 0, "not merged: %s", e->msg);
		rc = run(g, "ROLLBACK TO one_file", -1, NULL, NULL, e);
		if (rc == 0)
			rc = run(g, "RELEASE one_file", -1, NULL, NULL, e);
	}
	input_meta_free(&im);
	unlink(copy);
	return rc;
}

/* ---- the inputs ------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcasecmp(s + a - b, suffix);
}

/* A file a folder walk takes: a database by its name, not its journal. */
static int looks_like_records(const char *name)
{
	return name[0] != '.' && !strstr(name, ".tmp-") &&
	       (ends_with(name, ".db") || ends_with(name, ".sqlite") || ends_with(name, ".sqlite3"));
}

struct inputs {
	char **v;
	size_t n;
};

static void inputs_add(struct inputs *in, const char *path)
{
	in->v = xrealloc(in->v, (in->n + 1) * sizeof *in->v);
	in->v[in->n++] = xstrdup(path);
}

/* Every records file in `dir` and its subfolders, in name order. */
static void walk(struct inputs *in, const char *dir, int depth)
{
	char **names = NULL;
	size_t n = 0;
	if (depth > 8 || fs_list(dir, &names, &n, NULL) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *p = fs_join(dir, names[i]);
		if (fs_is_dir(p) && names[i][0] != '.')
			walk(in, p, depth + 1);
		else if (fs_is_file(p) && looks_like_records(names[i]))
			inputs_add(in, p);
		free(p);
	}
	fs_list_free(names, n);
}

/* ---- the master ------------------------------------------------------- */

static int64_t now_ms(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		return (int64_t)strtoll(sde, NULL, 10) * 1000;
	return (int64_t)time(NULL) * 1000;
}

/* Check that `path` is a master before opening it for writing: read as
 * an immutable file (no journal, -wal or -shm made, nothing changed), so a
 * kiosk's own records file given as --into by mistake is left as it was. */
static int check_master(const char *path, struct err *e)
{
	struct buf uri = {0};
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1;
	buf_puts(&uri, "file:");
	for (const char *c = path; *c; c++) {   /* a path in a URI: %, ? and # escaped */
		if (*c == '%' || *c == '?' || *c == '#')
			buf_printf(&uri, "%%%02X", (unsigned char)*c);
		else
			buf_putc(&uri, *c);
	}
	buf_puts(&uri, "?immutable=1");
	buf_putc(&uri, '\0');
	if (sqlite3_open_v2(uri.data, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) !=
	    SQLITE_OK) {
		err_set(e, path, 0, "cannot open: %s", db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (records_check(db, path, NULL, e) < 0)
		goto out;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM merge_sources", -1, &st, NULL) != SQLITE_OK) {
		err_set(e, path, 0, "this is a kiosk's own records file, not a master: merge "
		        "into a new file (--into master.db)");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	buf_free(&uri);
	return rc;
}

/* A master made before the reads keeps its rows' origins in a table whose
 * CHECK names three tables (master.sql): it is made again as master.sql
 * makes it now, every origin copied, so the reads' origins are kept too. */
static int widen_origins(struct merger *g, struct err *e)
{
	long old = 0;
	if (run(g, "SELECT count(*) FROM sqlite_schema WHERE name = 'merge_origins' AND "
	        "instr(sql, 'reads') = 0", -1, NULL, &old, e) < 0)
		return -1;
	if (!old)
		return 0;
	if (run(g, "ALTER TABLE main.merge_origins RENAME TO merge_origins_v2", -1, NULL, NULL,
	        e) < 0 ||
	    sqlite3_exec(g->db, master_sql, NULL, NULL, NULL) != SQLITE_OK)   /* makes it anew */
		return db_error(g, "cannot upgrade the master", e);
	return run(g, "INSERT INTO main.merge_origins (source, uuid, tbl) SELECT source, uuid, tbl "
	           "FROM main.merge_origins_v2", -1, NULL, NULL, e) < 0 ||
	       run(g, "DROP TABLE main.merge_origins_v2", -1, NULL, NULL, e) < 0 ? -1 : 0;
}

/* Open the master for the merge's one transaction: an existing one in
 * place (its rollback journal, synced, makes a crash leave it as it was),
 * a new one built at `tmp` and renamed into place at the end.  The
 * temp.src_<table> tables receive each input's rows. */
static int open_master(struct merger *g, const char *path, const char *tmp, int fresh,
                       struct err *e)
{
	const char *file = fresh ? tmp : path;
	if (!fresh && check_master(path, e) < 0)
		return -1;
	if (sqlite3_open_v2(file, &g->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                    NULL) != SQLITE_OK)
		return err_set(e, path, 0, "cannot open: %s",
		               g->db ? sqlite3_errmsg(g->db) : "out of memory");
	sqlite3_db_config(g->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(g->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	/* Rows come keyed by random UUIDs, so inserts land all over the
	 * B-trees: a page cache that holds the master's working set (up to
	 * 256 MiB) turns most of them into memory work.  A new master needs no
	 * journal on disk: until its rename it is nobody's file. */
	if (run(g, fresh ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = DELETE", -1,
	        NULL, NULL, e) < 0 ||
	    run(g, fresh ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = FULL", -1, NULL,
	        NULL, e) < 0 ||
	    run(g, "PRAGMA cache_size = -262144", -1, NULL, NULL, e) < 0 ||
	    run(g, "PRAGMA temp_store = MEMORY", -1, NULL, NULL, e) < 0)
		return -1;
	/* the merge's one transaction from here: an older master's upgrade
	 * too, so a merge that fails leaves it of its own version */
	if (run(g, "BEGIN IMMEDIATE", -1, NULL, NULL, e) < 0)
		return -1;
	/* master.sql runs on an existing master too: it gains the tables of a
	 * later release and loses the kiosk's indexes */
	if (fresh && sqlite3_exec(g->db, records_schema_sql(), NULL, NULL, NULL) != SQLITE_OK)
		return db_error(g, "cannot create the master", e);
	if (!fresh && (records_upgrade(g->db, 0, e) < 0 || widen_origins(g, e) < 0))
		return -1;
	if (sqlite3_exec(g->db, master_sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(g, "cannot create the master", e);
	for (int t = 0; t < MT_COUNT + MX_COUNT; t++) {
		const char *name = t < MT_COUNT ? tables[t].name : master_tables[t - MT_COUNT].name;
		char *sql = sqlite3_mprintf("CREATE TEMP TABLE src_%s AS SELECT * FROM main.%s "
		                            "WHERE 0", name, name);
		int rc = run(g, sql, -1, NULL, NULL, e);
		sqlite3_free(sql);
		if (rc < 0)
			return -1;
	}
	/* a master made before the kiosks' checkpoints were kept (master.sql) */
	static const char *const new_columns[] = { "public_key TEXT", "instance_id TEXT",
	                                           "checkpoint_seq INTEGER", "checkpoint_head TEXT" };
	for (size_t i = 0; !fresh && i < 4; i++) {
		sqlite3_stmt *st = NULL;
		char name[32];
		sscanf(new_columns[i], "%31s", name);
		int have = sqlite3_prepare_v2(g->db, "SELECT 1 FROM pragma_table_info('merge_kiosks') "
		                              "WHERE name = ?1", -1, &st, NULL) == SQLITE_OK &&
		           sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) == SQLITE_OK &&
		           sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		char *sql = sqlite3_mprintf("ALTER TABLE main.merge_kiosks ADD COLUMN %s", new_columns[i]);
		int rc = have ? 0 : run(g, sql, -1, NULL, NULL, e);
		sqlite3_free(sql);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Flush `path` to the disk before it is renamed into place. */
static int sync_file(const char *path, struct err *e)
{
	FILE *f = fopen(path, "rb+");
	int rc = f && fflush(f) == 0 && fsync(fileno(f)) == 0 ? 0 : -1;
	if (f)
		fclose(f);
	if (rc < 0)
		err_set(e, path, 0, "cannot write: %s", strerror(errno));
	return rc;
}

/* For the tests: CRSV_TEST_CRASH_AFTER_FILES=N kills the process (as a
 * power cut would) once N files are merged, before the commit, so a test
 * can see the master come out as it was. */
static void crash_point(size_t done)
{
	const char *n = getenv("CRSV_TEST_CRASH_AFTER_FILES");
	if (n && *n && (size_t)atol(n) == done)
		raise(SIGKILL);
}

int merge_run(const char *master, const char *const *paths, size_t npaths,
              merge_progress_fn progress, void *progress_ctx,
              struct merge_summary *sum, struct errlist *skipped, struct errlist *warnings,
              struct err *e)
{
	struct merger g = { NULL, master, now_ms(), sum, warnings };
	struct inputs in = {0};
	int fresh = !fs_is_file(master), rc = -1;
	char *tmp = xasprintf("%s.tmp-%ld", master, (long)getpid());
	char *work = NULL;
	memset(sum, 0, sizeof *sum);

	for (size_t i = 0; i < npaths; i++) {
		if (fs_is_dir(paths[i])) {
			walk(&in, paths[i], 0);
		} else if (fs_is_file(paths[i])) {
			inputs_add(&in, paths[i]);
		} else {
			struct err bad;
			err_set(&bad, paths[i], 0, "no such file or folder");
			errlist_add(skipped, &bad);
			sum->skipped++;
		}
	}
	const char *base = getenv("TMPDIR");
	work = xasprintf("%s/crsv-merge-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(work)) {
		err_set(e, work, 0, "cannot make a folder for the copies: %s", strerror(errno));
		goto out;
	}
	unlink(tmp);
	if (open_master(&g, master, tmp, fresh, e) < 0)
		goto out;
	struct stat ms;
	int have_master = stat(master, &ms) == 0;
	for (size_t i = 0; i < in.n; i++) {
		char name[32];
		struct stat is;
		/* the master in a folder being merged is not one of its inputs */
		if (have_master && stat(in.v[i], &is) == 0 && is.st_dev == ms.st_dev &&
		    is.st_ino == ms.st_ino) {
			if (progress)
				progress(progress_ctx, i + 1, in.n);
			continue;
		}
		snprintf(name, sizeof name, "in-%zu.db", i);
		char *copy = fs_join(work, name);
		struct err bad;
		int skip;
		int r = merge_file(&g, in.v[i], copy, &bad, &skip, e);
		free(copy);
		if (r < 0)
			goto out;
		if (skip) {
			errlist_add(skipped, &bad);
			sum->skipped++;
		} else {
			sum->files++;
		}
		if (progress)
			progress(progress_ctx, i + 1, in.n);
		crash_point(i + 1);
	}
	if (run(&g, "COMMIT", -1, NULL, NULL, e) < 0)
		goto out;
	if (sqlite3_close(g.db) != SQLITE_OK) {
		db_error(&g, "cannot close", e);
		goto out;
	}
	g.db = NULL;
	if (fresh && (sync_file(tmp, e) < 0 || rename(tmp, master) < 0)) {
		if (!e->msg[0])
			err_set(e, master, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (g.db) {
		sqlite3_exec(g.db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(g.db);
	}
	if (rc < 0 && fresh)
		unlink(tmp);
	if (work)
		fs_remove_tree(work, NULL);
	free(work);
	free(tmp);
	for (size_t i = 0; i < in.n; i++)
		free(in.v[i]);
	free(in.v);
	return rc;
}

void merge_summary_line(const struct merge_summary *s, char *out, size_t n)
{
	snprintf(out, n, "merge: %zu file%s, added %ld sessions, %ld completions, %ld answers, "
	         "%ld reads; %ld duplicates, %ld completed, %ld conflicts; %zu file%s skipped",
	         s->files, s->files == 1 ? "" : "s", s->added[MT_SESSIONS],
	         s->added[MT_COMPLETIONS], s->added[MT_ANSWERS], s->added[MT_READS], s->duplicates,
	         s->completed, s->conflicts, s->skipped, s->skipped == 1 ? "" : "s");
	if (s->tampered) {
		size_t len = strlen(out);
		snprintf(out + len, n - len, "; %zu file%s with records altered after the kiosk wrote "
		         "them", s->tampered, s->tampered == 1 ? "" : "s");
	}
}

const char *merge_master_sql(void)
{
	return master_sql;
}
