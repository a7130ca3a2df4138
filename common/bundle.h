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

/* Every page of the bundle sound (PRAGMA integrity_check: tables, indexes,
 * and the file's own constraints); -1 with `e` saying what is damaged.
 * The seal covers the rows as the tables give them, not the indexes, nor
 * a page no query happened to read. */
int bundle_check_pages(sqlite3 *db, const char *path, struct err *e);

/* The words of the schema's CHECK lists, as initialisers, in the order of
 * the reader's enums (kiosk/material.h; for the styles, layout.h's flags:
 * the i-th style is 1 << i).  A reader that meets another word refuses
 * the bundle; test_material.c checks that each list is exactly its
 * CHECK's in bundle.sql. */
#define BUNDLE_DIRECTIONS     "ltr", "rtl"
#define BUNDLE_AUDIENCES      "personnel", "community", "all"
#define BUNDLE_BLOCK_KINDS    "heading", "paragraph", "list_item", "quote", "code", "rule", \
                              "image"
#define BUNDLE_RUN_STYLES     "em", "strong", "code", "link"
#define BUNDLE_QUESTION_TYPES "single", "multiple", "true-false"
#define BUNDLE_TEXT_ROLES     "prompt", "explanation", "choice", "feedback"
#define BUNDLE_HELP_KINDS     "helpline", "un_reporting"

#endif
