/* rtable.c - a report table as HTML and CSV from the same rows; see rtable.h. */
#include "rtable.h"
#include "csv.h"
#include "utc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rtable *rtable_new(const char *name, const char *caption)
{
	struct rtable *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->caption = xstrdup(caption ? caption : "");
	return t;
}

void rtable_free(struct rtable *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		if (!t->cells[i].borrowed)
			free(t->cells[i].text);
	for (size_t i = 0; i < t->ncols; i++) {
		free(t->cols[i].key);
		free(t->cols[i].label);
	}
	free(t->cells);
	free(t->cols);
	free(t->name);
	free(t->caption);
	free(t);
}

void rtable_col(struct rtable *t, const char *key, const char *label, enum rcol_kind kind,
                int decimals)
{
	t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
	t->cols[t->ncols++] = (struct rcol){ xstrdup(key), xstrdup(label), kind, decimals };
}

struct rcell *rtable_row(struct rtable *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
	}
	struct rcell *row = &t->cells[t->nrows++ * t->ncols];
	memset(row, 0, t->ncols * sizeof *row);
	return row;
}

void rcell_text(struct rcell *c, const char *s)
{
	if (!c->borrowed)
		free(c->text);
	c->kind = s ? RC_TEXT : RC_NONE;
	c->text = s ? xstrdup(s) : NULL;
	c->borrowed = 0;
}

void rcell_borrow(struct rcell *c, const char *s)
{
	if (!c->borrowed)
		free(c->text);
	c->kind = s ? RC_TEXT : RC_NONE;
	c->text = (char *)s;
	c->borrowed = 1;
}

void rcell_int(struct rcell *c, int64_t v)
{
	c->kind = RC_INT;
	c->i = v;
}

void rcell_real(struct rcell *c, double v)
{
	c->kind = RC_REAL;
	c->r = v;
}

void rtable_suppress_below(struct rtable *t, size_t count_col, int64_t min, size_t col)
{
	for (size_t r = 0; r < t->nrows; r++) {
		struct rcell *row = &t->cells[r * t->ncols];
		if (row[count_col].kind == RC_INT && row[count_col].i < min) {
			if (!row[col].borrowed)
				free(row[col].text);
			row[col].text = NULL;
			row[col].borrowed = 0;
			row[col].kind = RC_SUPPRESSED;
			row[col].i = min;
		}
	}
}


/* A cell's text on the page (numbers as the CSV has them, so the two agree
 * to the digit): a text cell's text itself, else written into `out` (64
 * bytes at least). */
static const char *cell_text(const struct rcol *col, const struct rcell *c, int for_csv,
                             char *out, size_t n)
{
	out[0] = '\0';
	switch (c->kind) {
	case RC_NONE:
		break;
	case RC_TEXT:
		return c->text;
	case RC_SUPPRESSED:
		out[0] = '<';
		out[1] = ' ';
		buf_int_text(c->i, out + 2);
		break;
	case RC_INT:
		if (col->kind == RCOL_TIME)
			utc_format(c->i, for_csv, out);
		else
			buf_int_text(c->i, out);
		break;
	case RC_REAL:
		if (col->kind == RCOL_PERCENT && !for_csv)
			snprintf(out, n, "%.0f%%", c->r * 100);
		else
			snprintf(out, n, "%.*f", col->decimals, c->r);
		break;
	}
	return out;
}

void rtable_html(const struct rtable *t, struct buf *out)
{
	char text[64];
	buf_printf(out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
	           "aria-label=\"");
	buf_put_html(out, t->caption, strlen(t->caption));
	buf_puts(out, "\">\n<table class=\"report-table\">\n<caption>");
	buf_put_html(out, t->caption, strlen(t->caption));
	buf_puts(out, "</caption>\n<thead>\n<tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		int num = t->cols[c].kind != RCOL_TEXT && t->cols[c].kind != RCOL_TIME;
		buf_printf(out, "<th scope=\"col\"%s>", num ? " class=\"num\"" : "");
		buf_put_html(out, t->cols[c].label, strlen(t->cols[c].label));
		buf_puts(out, "</th>");
	}
	buf_puts(out, "</tr>\n</thead>\n<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		const struct rcell *row = &t->cells[r * t->ncols];
		buf_puts(out, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			int num = row[c].kind == RC_INT || row[c].kind == RC_REAL ||
			          row[c].kind == RC_SUPPRESSED;
			int time = t->cols[c].kind == RCOL_TIME;
			/* the row's first cell heads it; a number or a time reads left to
			 * right in every language, a text takes its own direction (an
			 * index number "=SUM(A1)" in an Arabic page keeps its "=" first) */
			buf_puts(out, c == 0 ? "<th scope=\"row\"" : "<td");
			buf_puts(out, time ? " dir=\"ltr\">" : num ? " class=\"num\" dir=\"ltr\">"
			                                         : " dir=\"auto\">");
			const char *shown = cell_text(&t->cols[c], &row[c], 0, text, sizeof text);
			buf_put_html(out, shown, strlen(shown));
			buf_puts(out, c == 0 ? "</th>" : "</td>");
		}
		buf_puts(out, "</tr>\n");
	}
	buf_puts(out, "</tbody>\n</table>\n</div>\n");
}

void rtable_csv_head(const struct rtable *t, struct buf *out)
{
	csv_begin(out);
	for (size_t c = 0; c < t->ncols; c++)
		csv_text(out, c == 0, t->cols[c].key);
	csv_end_row(out);
}

void rtable_csv(const struct rtable *t, struct buf *out)
{
	rtable_csv_head(t, out);
	rtable_csv_rows(t, out);
}

void rtable_csv_rows(const struct rtable *t, struct buf *out)
{
	char text[64];
	for (size_t r = 0; r < t->nrows; r++) {
		const struct rcell *row = &t->cells[r * t->ncols];
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rcell *cell = &row[c];
			if (cell->kind == RC_INT && t->cols[c].kind != RCOL_TIME) {
				csv_int(out, c == 0, cell->i);
			} else if (cell->kind == RC_REAL) {
				csv_real(out, c == 0, cell->r, t->cols[c].decimals);
			} else if (cell->kind == RC_NONE) {
				csv_empty(out, c == 0);
			} else {
				csv_text(out, c == 0, cell_text(&t->cols[c], cell, 1, text, sizeof text));
			}
		}
		csv_end_row(out);
	}
}
