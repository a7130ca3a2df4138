/*
 * bundle.h - kiosk.bundle, the one SQLite file crsv-gen writes and
 * crsv-kiosk reads: its schema and a checked, read-only opener.
 *
 * The schema is common/bundle.sql, compiled into both programs as text (the
 * Makefile turns it into build/gen/bundle_sql.h), so writer and reader can
 * never disagree about it and neither needs a path to find it.  The file
 * carries its schema version in `PRAGMA user_version` and the mark
 * 0x43525356 ("CRSV") in `PRAGMA application_id`; both numbers are read
 * from the schema text itself, so bumping the version there is the only
 * edit a schema change needs here.
 */
#ifndef CRSV_BUNDLE_H
#define CRSV_BUNDLE_H

#include <sqlite3.h>
#include "err.h"

/* The whole of common/bundle.sql (static storage, NUL-terminated). */
const char *bundle_schema_sql(void);

/* The numbers in the schema's "PRAGMA user_version = N;" and
 * "PRAGMA application_id = N;" lines. */
int bundle_schema_version(void);
int bundle_application_id(void);

/* The number after "PRAGMA <name> =" at the start of a line of a schema
 * text (bundle.sql, records.sql), or -1: the schema files carry their own
 * version and application id, so bumping them there is the only edit. */
int schema_pragma(const char *schema, const char *name);

/* Open the bundle at `path` read-only (the kiosk never writes to it; it
 * may sit on read-only media) and check that it is a kiosk bundle of this
 * schema version.  On success *db is the connection (sqlite3_close it);
 * on failure *db is NULL and `e` says why, e.g.
 *   "kiosk.bundle: error: not a kiosk bundle"
 *   "kiosk.bundle: error: bundle schema version 2, this program reads
 *    version 1 (use a crsv-gen and crsv-kiosk of the same release)" */
int bundle_open(sqlite3 **db, const char *path, struct err *e);

/* The value of `key` in the meta table (heap string, caller frees); -1
 * with `e` filled when there is no such key. */
int bundle_meta(sqlite3 *db, const char *key, char **value, struct err *e);

#endif
