/* records.c - the records file's schema, check and opener; see records.h. */
#include "records.h"
#include "buf.h"
#include "bundle.h"
#include "fs.h"
#include "ledger.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Generated from common/records.sql by the Makefile: one C string literal
 * per line of the file. */
static const char schema_sql[] =
#include "records_sql.h"
	;

const char *records_schema_sql(void)
{
	return schema_sql;
}

int records_schema_version(void)
{
	return schema_pragma(schema_sql, "user_version");
}

int records_application_id(void)
{
	return schema_pragma(schema_sql, "application_id");
}

/* The single integer `sql` returns. Only reads: this runs on files that may
 * turn out not to be ours. */
static int query_int(sqlite3 *db, const char *sql, const char *path,
                     const char *not_ours, int64_t *value, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*value = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return err_set(e, path, 0, "%s", not_ours);
	return err_set(e, path, 0, "cannot read: %s", sqlite3_errmsg(db));
}

int records_check(sqlite3 *db, const char *path, const char *hint, struct err *e)
{
	char not_ours[300];
	int64_t app, version;
	snprintf(not_ours, sizeof not_ours, "not a crsv-kiosk records file%s%s%s",
	         hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
	if (query_int(db, "PRAGMA application_id", path, not_ours, &app, e) < 0 ||
	    query_int(db, "PRAGMA user_version", path, not_ours, &version, e) < 0)
		return -1;
	if (app == bundle_application_id())
		return err_set(e, path, 0, "this is a kiosk bundle, not a records file%s%s%s",
		               hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
	if (app != records_application_id())
		return err_set(e, path, 0, "%s", not_ours);
	/* versions 1 (before the ledger) and 2 (before the reads) are still
	 * read; crsv-kiosk upgrades them */
	if (version < 1 || version > records_schema_version())
		return err_set(e, path, 0, "records schema version %lld, this program reads "
		               "versions 1 to %d (use a crsv-kiosk and crsv-gen of the same release)",
		               (long long)version, records_schema_version());
	return 0;
}

int records_open_readonly(sqlite3 **out, const char *path, struct err *e)
{
	sqlite3 *db = NULL;
	*out = NULL;
	if (!fs_is_file(path))
		return err_set(e, path, 0, "no such records file");
	/* one thread per connection: no locking inside SQLite */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		err_set(e, path, 0, "cannot open: %s", db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db, 1);
	/* no functions run from a schema we did not write */
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (records_check(db, path, NULL, e) < 0) {
		sqlite3_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

int records_meta(sqlite3 *db, const char *key, char **value, struct err *e)
{
	sqlite3_stmt *st = NULL;
	const char *file = sqlite3_db_filename(db, "main");
	int rc = -1;
	*value = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);   /* ?1: the key */
		int step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			const unsigned char *v = sqlite3_column_text(st, 0);
			*value = xstrdup(v ? (const char *)v : "");
			rc = 0;
		} else if (step == SQLITE_DONE) {
			rc = 0;
		}
	}
	if (rc < 0)
		err_set(e, file ? file : "", 0, "cannot read meta: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc;
}

int records_has_table(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st = NULL;
	int has = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);   /* ?1: the table */
		has = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return has;
}

/* ---- upgrading ------------------------------------------------------------ */

/* Whether the statement `stmt` (n bytes, comments before it included)
 * makes table `table` or an index on it: "CREATE TABLE t (" or
 * "CREATE INDEX ... ON t (". */
static int makes(const char *stmt, size_t n, const char *table)
{
	char *text = xstrndup(stmt, n), *want = xasprintf("CREATE TABLE %s (", table);
	char *on = xasprintf(" ON %s (", table);
	const char *index = strstr(text, "CREATE INDEX ");
	int yes = strstr(text, want) || (index && strstr(index, on));
	free(text);
	free(want);
	free(on);
	return yes;
}

/* Run the statements of records.sql that make `table` and its indexes:
 * the schema's own text, never a copy of it. */
static int create_from_schema(sqlite3 *db, const char *table, struct err *e)
{
	const char *start = schema_sql;
	for (const char *c = schema_sql; *c; c++) {
		if (*c != ';')
			continue;
		size_t n = (size_t)(c + 1 - start);
		char *stmt = xstrndup(start, n);
		int whole = sqlite3_complete(stmt);
		int rc = whole && makes(start, n, table) ? sqlite3_exec(db, stmt, NULL, NULL, NULL)
		                                         : SQLITE_OK;
		free(stmt);
		if (rc != SQLITE_OK)
			return err_set(e, sqlite3_db_filename(db, "main"), 0, "cannot upgrade the records "
			               "(%s): %s", table, sqlite3_errmsg(db));
		if (whole)
			start = c + 1;
	}
	return 0;
}

static int exec_or_fail(sqlite3 *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return err_set(e, sqlite3_db_filename(db, "main"), 0, "cannot upgrade the records: %s",
	               sqlite3_errmsg(db));
}

/* A version-2 ledger takes no reads (its CHECK names the tables): made
 * again as the schema makes it, every entry copied as it is (the same
 * seq, rows and hashes: the chain goes on unbroken). */
static int widen_ledger(sqlite3 *db, struct err *e)
{
	if (exec_or_fail(db, "ALTER TABLE ledger RENAME TO ledger_v2", e) < 0 ||
	    create_from_schema(db, "ledger", e) < 0 ||
	    exec_or_fail(db, "INSERT INTO ledger (seq, tbl, uuid, row, hash) "
	                 "SELECT seq, tbl, uuid, row, hash FROM ledger_v2 ORDER BY seq", e) < 0)
		return -1;
	return exec_or_fail(db, "DROP TABLE ledger_v2", e);
}

int records_upgrade(sqlite3 *db, int backfill, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version < 1)
		return err_set(e, sqlite3_db_filename(db, "main"), 0, "cannot read the records' "
		               "version: %s", sqlite3_errmsg(db));
	if (version >= records_schema_version())
		return 0;
	/* 1 -> 2: the ledger, already of the latest kind */
	if (version < 2 && !records_has_table(db, "ledger") &&
	    (create_from_schema(db, "ledger", e) < 0 || (backfill && ledger_backfill(db, e) < 0)))
		return -1;
	/* 2 -> 3: the reads, and a ledger that takes them */
	if (version == 2 && widen_ledger(db, e) < 0)
		return -1;
	if (!records_has_table(db, "reads") && create_from_schema(db, "reads", e) < 0)
		return -1;
	char *bump = sqlite3_mprintf("PRAGMA user_version = %d", records_schema_version());
	int rc = exec_or_fail(db, bump, e);
	sqlite3_free(bump);
	return rc;
}
