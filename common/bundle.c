/* bundle.c - the kiosk bundle's schema and opener; see bundle.h. */
#include "bundle.h"
#include "dbcheck.h"
#include "fs.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

/* Generated from common/bundle.sql by the Makefile: one C string literal
 * per line of the file. */
static const char schema_sql[] =
#include "bundle_sql.h"
	;

const char *bundle_schema_sql(void)
{
	return schema_sql;
}

int schema_pragma(const char *schema, const char *name)
{
	size_t nl = strlen(name);
	for (const char *line = schema; line;) {
		const char *next = strchr(line, '\n');
		if (!strncmp(line, "PRAGMA ", 7) && !strncmp(line + 7, name, nl)) {
			const char *q = line + 7 + nl;
			while (*q == ' ')
				q++;
			if (*q == '=') {
				char *end;
				long v = strtol(q + 1, &end, 10);
				if (end != q + 1 && v >= 0 && v <= 0x7FFFFFFF)
					return (int)v;
			}
		}
		line = next ? next + 1 : NULL;
	}
	return -1;
}

int bundle_schema_version(void)
{
	return schema_pragma(schema_sql, "user_version");
}

int bundle_application_id(void)
{
	return schema_pragma(schema_sql, "application_id");
}

/* The integer a pragma returns, or -1 with `e` filled. */
static int read_pragma(sqlite3 *db, const char *sql, const char *path,
                       int *value, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char why[300];
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*value = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		return 0;
	}
	if (rc == SQLITE_NOTADB)
		err_set(e, path, 0, "not a kiosk bundle");
	else
		err_set(e, path, 0, "cannot read: %s", db_errmsg(db, why, sizeof why));
	sqlite3_finalize(st);
	return -1;
}

int bundle_open(sqlite3 **out, const char *path, struct err *e)
{
	sqlite3 *db = NULL;
	int app = 0, version = 0;
	char why[300];
	*out = NULL;
	if (!fs_is_file(path))
		return err_set(e, path, 0, "bundle not found (make one with: crsv-gen build)");
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(e, path, 0, "cannot open: %s", db_errmsg(db, why, sizeof why));
		goto fail;
	}
	/* nothing the file's schema names (a view, a CHECK, a default) may call
	 * a function SQLite does not mark harmless */
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (read_pragma(db, "PRAGMA application_id", path, &app, e) < 0 ||
	    read_pragma(db, "PRAGMA user_version", path, &version, e) < 0)
		goto fail;
	if (app != bundle_application_id()) {
		err_set(e, path, 0, "not a kiosk bundle");
		goto fail;
	}
	if (version != bundle_schema_version()) {
		err_set(e, path, 0, "bundle schema version %d, this program reads version %d "
		        "(use a crsv-gen and crsv-kiosk of the same release)",
		        version, bundle_schema_version());
		goto fail;
	}
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return -1;
}

int bundle_meta(sqlite3 *db, const char *key, char **value, struct err *e)
{
	sqlite3_stmt *st = NULL;
	const char *file = sqlite3_db_filename(db, "main");
	int rc = -1;
	*value = NULL;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st,
	                       NULL) != SQLITE_OK) {
		err_set(e, file ? file : "", 0, "cannot read meta: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*value = xstrdup(sqlite3_column_text(st, 0)
		                 ? (const char *)sqlite3_column_text(st, 0) : "");
		rc = 0;
		break;
	case SQLITE_DONE:
		err_set(e, file ? file : "", 0, "no \"%s\" in meta", key);
		break;
	default:
		err_set(e, file ? file : "", 0, "cannot read meta: %s", sqlite3_errmsg(db));
	}
out:
	sqlite3_finalize(st);
	return rc;
}

int bundle_check_pages(sqlite3 *db, const char *path, struct err *e)
{
	char why[512];
	if (db_check_pages(db, 0, why, sizeof why) == 0)
		return 0;
	return err_set(e, path, 0, "the bundle is damaged (%s): copy it again from the training "
	               "officer's files", why);
}
