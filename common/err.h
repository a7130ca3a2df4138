/*
 * err.h - positioned error reports.
 *
 * Functions that can fail return 0 or -1 and, when the caller passes a
 * non-NULL `struct err *`, fill it with where and what went wrong.  Only the
 * program's main.c prints them, in compiler style:
 *
 *     content/policy/02-x/index.md:14: error: missing "title"
 *
 * A `struct err` owns nothing on the heap, so it can live on the stack and be
 * overwritten freely.
 */
#ifndef CRSV_ERR_H
#define CRSV_ERR_H

#include <stdarg.h>
#include <stddef.h>

struct err {
	char file[512];   /* path as the user would type it; "" when none */
	int line;         /* 1-based; 0 when the error is about the whole file */
	int column;       /* 1-based; 0 when unknown */
	char msg[1024];   /* what went wrong, without "error: " */
};

/* Fill `e` (when not NULL) and return -1, so callers can write
 * `return err_set(e, path, line, "bad %s", x);`. */
int err_set(struct err *e, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* As err_set, with a column. */
int err_setc(struct err *e, const char *file, int line, int column,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Format `e` as "file:line:col: error: msg" into `out` (size `n`). */
void err_format(const struct err *e, char *out, unsigned n);

/* Print `e` to stderr in the compiler style. */
void err_print(const struct err *e);

/* Print `e` as "file:line: warning: msg": something to fix that does not
 * stop the build. */
void err_print_warning(const struct err *e);
/* The line err_print_warning prints, without its newline. */
void err_format_warning(const struct err *e, char *out, unsigned n);

/* A list of errors, for checks that report every problem in one run. */
struct errlist {
	struct err *v;
	size_t n;
};

/* Append a copy of `e`. */
void errlist_add(struct errlist *l, const struct err *e);
void errlist_free(struct errlist *l);

#endif
