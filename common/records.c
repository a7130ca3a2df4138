/* records.c - the records file's schema, check and opener; see records.h. */
#include "records.h"
#include "buf.h"
#include "bundle.h"
#include "fs.h"

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
	/* version 1 (before the ledger) is still read; crsv-kiosk upgrades it */
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
