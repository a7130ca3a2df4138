/*
 * records.h - a kiosk's records file (common/records.sql): its schema, the
 * check that a file is one, a read-only opener, and the upgrade of a file
 * of an older schema version in place.
 *
 * crsv-kiosk creates and writes records files (kiosk/store.c); crsv-gen's
 * officer tools read exported copies (generator/officer/).  Both take the
 * schema from here: common/records.sql compiled in as text, with its
 * version and application id read from that text, as common/bundle.h does
 * for the bundle.
 */
#ifndef CRSV_RECORDS_H
#define CRSV_RECORDS_H

#include <sqlite3.h>
#include "err.h"

/* The whole of common/records.sql (static storage, NUL-terminated). */
const char *records_schema_sql(void);

/* The numbers in its "PRAGMA user_version" and "PRAGMA application_id"
 * lines. */
int records_schema_version(void);
int records_application_id(void);

/* Check that `db` (opened on `path`) is a records file of this schema
 * version, reading only.  On failure `e` says why: a kiosk bundle, another
 * database or not a database at all, or another schema version; `hint`
 * (or NULL) is added in brackets to "not a records file", for the
 * caller's context. */
int records_check(sqlite3 *db, const char *path, const char *hint, struct err *e);

/* Open `path` read-only and check it (records_check).  On success *db is
 * the connection (sqlite3_close it); on failure *db is NULL. */
int records_open_readonly(sqlite3 **db, const char *path, struct err *e);

/* 1 when `db` has the table `name` (a file of an older schema version
 * lacks the newer ones: version 2 has no reads), 0 when not. */
int records_has_table(sqlite3 *db, const char *name);

/* Bring a records file (or a master, which is one) of an older schema
 * version to this one, in the caller's transaction: version 1 gains the
 * ledger (with `backfill`, its rows entered in it as they are: a kiosk's
 * own file; a master's ledger stays empty), version 2 the reads and a
 * ledger that takes them.  Every statement is the schema's own
 * (records.sql), so an upgraded file is the same as a new one.  Nothing to
 * do for a file of this version. */
int records_upgrade(sqlite3 *db, int backfill, struct err *e);

/* The value of `key` in the meta table (heap string, caller frees), or
 * NULL when there is none; -1 with `e` filled when it cannot be read. */
int records_meta(sqlite3 *db, const char *key, char **value, struct err *e);

#endif
