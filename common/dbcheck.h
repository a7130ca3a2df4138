/*
 * dbcheck.h - is an SQLite file sound, page by page?  SQLite reads a
 * damaged page as fewer rows, or as an error only when a query happens to
 * touch it; PRAGMA integrity_check reads every page of every table and
 * index.  The kiosk runs it on its bundle and its records file at start.
 */
#ifndef CRSV_DBCHECK_H
#define CRSV_DBCHECK_H

#include <stddef.h>
#include <sqlite3.h>

/* PRAGMA integrity_check on `db` (with `quick`, PRAGMA quick_check: it
 * leaves out whether each index holds the rows of its table, and is
 * quicker on a big file): 0 when SQLite says "ok"; else -1 with the
 * first problem it names, or the error that stopped it, in `why`. */
int db_check_pages(sqlite3 *db, int quick, char *why, size_t n);

/* sqlite3_errmsg(db) fit for a message on the screen (utf8_escape), in
 * `buf`: SQLite quotes names from the file in some ("malformed database
 * schema (...)"), and a damaged file's bytes are anything (the fuzzer
 * found a refusal that was not UTF-8).  Returns buf. */
const char *db_errmsg(sqlite3 *db, char *buf, size_t n);

#endif
