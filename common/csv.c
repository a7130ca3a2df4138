/* csv.c - spreadsheet-safe CSV; see csv.h. */
#include "csv.h"

#include <inttypes.h>
#include <stdio.h>
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
	for (const char *c = s; *c; c++) {
		if (*c == '"')
			buf_putc(b, '"');
		buf_putc(b, *c);
	}
	if (quote)
		buf_putc(b, '"');
}

void csv_int(struct buf *b, int first, int64_t v)
{
	sep(b, first);
	buf_printf(b, "%" PRId64, v);
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
