/* sqlbind.c - statement parameters from a format; see sqlbind.h. */
#include "sqlbind.h"

#include <stddef.h>
#include <stdint.h>

static int bind_one(sqlite3_stmt *st, int i, char letter, va_list *ap)
{
	switch (letter) {
	case 'i':
		return sqlite3_bind_int(st, i, va_arg(*ap, int));
	case 'I':
		return sqlite3_bind_int64(st, i, va_arg(*ap, int64_t));
	case 'o': {
		int v = va_arg(*ap, int);
		return v < 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int(st, i, v);
	}
	case 'O': {
		int64_t v = va_arg(*ap, int64_t);
		return v < 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, v);
	}
	case 't': {
		const char *s = va_arg(*ap, const char *);
		return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
	}
	case 'b': {
		const void *d = va_arg(*ap, const void *);
		size_t n = va_arg(*ap, size_t);
		/* a zero-length blob, not NULL: the column says "empty", not "none" */
		return n ? sqlite3_bind_blob64(st, i, d, n, SQLITE_STATIC)
		         : sqlite3_bind_zeroblob(st, i, 0);
	}
	default:
		return SQLITE_MISUSE;
	}
}

int sqlbind_v(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	va_list cp;
	int rc = SQLITE_OK;
	va_copy(cp, ap);   /* passed on by pointer: a va_list may be an array */
	for (int i = 0; fmt[i] && rc == SQLITE_OK; i++)
		rc = bind_one(st, i + 1, fmt[i], &cp);
	va_end(cp);
	return rc;
}

int sqlbind(sqlite3_stmt *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = sqlbind_v(st, fmt, ap);
	va_end(ap);
	return rc;
}
