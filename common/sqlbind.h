/*
 * sqlbind.h - binding a prepared statement's parameters from a format
 * string, one letter a parameter, the same letters in every program that
 * writes SQLite (crsv-gen's bundle writer, the kiosk's records store):
 *
 *   'i'  int
 *   'I'  int64_t
 *   'o'  int, bound as NULL when negative (an optional position or number)
 *   'O'  int64_t, NULL when negative (an optional row id)
 *   't'  text, const char * (NULL binds NULL)
 *   'b'  blob, const void * then size_t (an empty one is a zero-length blob)
 *
 * Values are always bound, never spliced into SQL.  Text and blobs are
 * bound without a copy (SQLITE_STATIC): they must stay unchanged until the
 * statement is reset or finalized, which the callers do before they return.
 * Parameter i of the format is ?i (the first is ?1).
 */
#ifndef CRSV_SQLBIND_H
#define CRSV_SQLBIND_H

#include <sqlite3.h>
#include <stdarg.h>

/* Bind the parameters `fmt` describes from `ap`.  Returns SQLITE_OK, the
 * error of the first bind that failed, or SQLITE_MISUSE for a letter not
 * above. */
int sqlbind_v(sqlite3_stmt *st, const char *fmt, va_list ap);
int sqlbind(sqlite3_stmt *st, const char *fmt, ...);

#endif
