/* rtable.c - a report table as HTML and CSV from the same rows; see rtable.h. */
#include "rtable.h"
#include "csv.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	free(c->text);
	c->kind = s ? RC_TEXT : RC_NONE;
	c->text = s ? xstrdup(s) : NULL;
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

int rtable_query(struct rtable *t, sqlite3 *db, const char *sql, const char *const *texts,
                 size_t ntexts, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return err_set(e, sqlite3_db_filename(db, "main"), 0, "cannot query: %s",
		               sqlite3_errmsg(db));
	for (size_t i = 0; i < ntexts; i++)
		sqlite3_bind_text(st, (int)i + 1, texts[i], -1, SQLITE_STATIC);   /* ?N: texts[N-1] */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rcell *row = rtable_row(t);
		for (size_t c = 0; c < t->ncols && (int)c < sqlite3_column_count(st); c++) {
			switch (sqlite3_column_type(st, (int)c)) {
			case SQLITE_NULL:
				break;
			case SQLITE_INTEGER:
				rcell_int(&row[c], sqlite3_column_int64(st, (int)c));
				break;
			case SQLITE_FLOAT:
				rcell_real(&row[c], sqlite3_column_double(st, (int)c));
				break;
			default:
				rcell_text(&row[c], (const char *)sqlite3_column_text(st, (int)c));
			}
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return err_set(e, sqlite3_db_filename(db, "main"), 0, "cannot query: %s",
		               sqlite3_errmsg(db));
	return 0;
}

void rtable_suppress_below(struct rtable *t, size_t count_col, int64_t min, size_t col)
{
	for (size_t r = 0; r < t->nrows; r++) {
		struct rcell *row = &t->cells[r * t->ncols];
		if (row[count_col].kind == RC_INT && row[count_col].i < min) {
			free(row[col].text);
			row[col].text = NULL;
			row[col].kind = RC_SUPPRESSED;
			row[col].i = min;
		}
	}
}

void rtable_time(int64_t ms, int for_csv, char *out, size_t n)
{
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	if (!gmtime_r(&s, &tm) ||
	    !strftime(out, n, for_csv ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M", &tm))
		snprintf(out, n, "?");
}

/* A cell's text on the page (numbers as the CSV has them, so the two agree
 * to the digit). */
static void cell_text(const struct rcol *col, const struct rcell *c, int for_csv, char *out,
                      size_t n)
{
	out[0] = '\0';
	switch (c->kind) {
	case RC_NONE:
		break;
	case RC_TEXT:
		snprintf(out, n, "%s", c->text);
		break;
	case RC_SUPPRESSED:
		snprintf(out, n, "< %" PRId64, c->i);
		break;
	case RC_INT:
		if (col->kind == RCOL_TIME)
			rtable_time(c->i, for_csv, out, n);
		else
			snprintf(out, n, "%" PRId64, c->i);
		break;
	case RC_REAL:
		if (col->kind == RCOL_PERCENT && !for_csv)
			snprintf(out, n, "%.0f%%", c->r * 100);
		else
			snprintf(out, n, "%.*f", col->decimals, c->r);
		break;
	}
}

void rtable_html(const struct rtable *t, struct buf *out)
{
	char text[512];
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
			num = num && t->cols[c].kind != RCOL_TIME;
			cell_text(&t->cols[c], &row[c], 0, text, sizeof text);
			const char *tag = c == 0 ? "th" : "td";
			buf_printf(out, "<%s%s%s>", tag, c == 0 ? " scope=\"row\"" : "",
			           num ? " class=\"num\" dir=\"ltr\"" : "");
			buf_put_html(out, text, strlen(text));
			buf_printf(out, "</%s>", tag);
		}
		buf_puts(out, "</tr>\n");
	}
	buf_puts(out, "</tbody>\n</table>\n</div>\n");
}

void rtable_csv(const struct rtable *t, struct buf *out)
{
	char text[512];
	csv_begin(out);
	for (size_t c = 0; c < t->ncols; c++)
		csv_text(out, c == 0, t->cols[c].key);
	csv_end_row(out);
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
				cell_text(&t->cols[c], cell, 1, text, sizeof text);
				csv_text(out, c == 0, text);
			}
		}
		csv_end_row(out);
	}
}
