/* csv.c - spreadsheet-safe CSV; see csv.h. */
#include "csv.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_begin(struct buf *b)
{
	buf_puts(b, "\xEF\xBB\xBF");
}

static void sep(struct buf *b, int first)
{
	if (!first)
		buf_putc(b, ',');
}

void csv_text(struct buf *b, int first, const char *s)
{
	sep(b, first);
	if (!s)
		return;
	/* a cell a spreadsheet would run as a formula becomes text */
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	              s[0] == '\t' || s[0] == '\r';
	int quote = formula || strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
	            (*s && s[strlen(s) - 1] == ' ');
	if (quote)
		buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (const char *c = s; *c;) {   /* a quote is doubled */
		size_t span = strcspn(c, "\"");
		buf_put(b, c, span + (c[span] == '"'));
		if (c[span] == '"')
			buf_putc(b, '"');
		c += span + (c[span] == '"');
	}
	if (quote)
		buf_putc(b, '"');
}

void csv_int(struct buf *b, int first, int64_t v)
{
	sep(b, first);
	buf_put_int(b, v);
}

void csv_real(struct buf *b, int first, double v, int decimals)
{
	char num[64];
	sep(b, first);
	snprintf(num, sizeof num, "%.*f", decimals, v);
	if (strchr(num, '.')) {
		size_t n = strlen(num);
		while (n && num[n - 1] == '0')
			num[--n] = '\0';
		if (n && num[n - 1] == '.')
			num[--n] = '\0';
	}
	if (!strcmp(num, "-0"))
		strcpy(num, "0");
	buf_puts(b, num);
}

void csv_empty(struct buf *b, int first)
{
	sep(b, first);
}

void csv_end_row(struct buf *b)
{
	buf_puts(b, "\r\n");
}

int csv_read(const char **p, char ***fields, size_t *n)
{
	const char *c = *p;
	struct buf f = {0};
	*fields = NULL;
	*n = 0;
	if (!*c)
		return 0;
	for (;;) {
		int quoted = *c == '"';
		buf_reset(&f);
		if (quoted) {
			for (c++;; c++) {
				if (!*c) {
					buf_free(&f);
					csv_fields_free(*fields, *n);
					*fields = NULL;
					*n = 0;
					return -1;
				}
				if (*c == '"' && c[1] == '"')
					buf_putc(&f, *c++);
				else if (*c == '"')
					break;
				else
					buf_putc(&f, *c);
			}
			c++;
		}
		while (*c && *c != ',' && *c != '\r' && *c != '\n')
			buf_putc(&f, *c++);
		*fields = xrealloc(*fields, (*n + 1) * sizeof **fields);
		buf_putc(&f, '\0');
		(*fields)[(*n)++] = xstrdup(f.data);
		if (*c != ',')
			break;
		c++;
	}
	if (*c == '\r')
		c++;
	if (*c == '\n')
		c++;
	buf_free(&f);
	*p = c;
	return 1;
}

void csv_fields_free(char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
}
