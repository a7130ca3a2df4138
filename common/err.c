/* err.c - positioned error reports; see err.h. */
#include "err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int err_vset(struct err *e, const char *file, int line, int column,
                    const char *fmt, va_list ap)
{
	if (!e)
		return -1;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->column = column;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	return -1;
}

int err_set(struct err *e, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, file, line, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int err_setc(struct err *e, const char *file, int line, int column,
             const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, file, line, column, fmt, ap);
	va_end(ap);
	return -1;
}

static void format_as(const struct err *e, const char *kind, char *out, unsigned n)
{
	char where[600] = "";
	if (e->file[0] && e->line > 0 && e->column > 0)
		snprintf(where, sizeof where, "%s:%d:%d: ", e->file, e->line, e->column);
	else if (e->file[0] && e->line > 0)
		snprintf(where, sizeof where, "%s:%d: ", e->file, e->line);
	else if (e->file[0])
		snprintf(where, sizeof where, "%s: ", e->file);
	snprintf(out, n, "%s%s: %s", where, kind, e->msg);
}

void err_format(const struct err *e, char *out, unsigned n)
{
	format_as(e, "error", out, n);
}

void err_print(const struct err *e)
{
	char line[1700];
	format_as(e, "error", line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

void err_format_warning(const struct err *e, char *out, unsigned n)
{
	format_as(e, "warning", out, n);
}

void err_print_warning(const struct err *e)
{
	char line[1700];
	err_format_warning(e, line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

void errlist_add(struct errlist *l, const struct err *e)
{
	struct err *v = realloc(l->v, (l->n + 1) * sizeof *v);
	if (!v)
		abort();
	l->v = v;
	l->v[l->n++] = *e;
}

void errlist_free(struct errlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
