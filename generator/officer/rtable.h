/*
 * rtable.h - one table of a report, written twice from the same rows: as
 * an HTML table on the page and as a CSV file beside it, so the two can
 * never disagree (kolibri#6642 is what happens otherwise).
 *
 * A table is filled row by row; it owns its texts.  A long table is
 * written a page at a time: its rows to the page, then to the CSV
 * (rtable_csv_rows), then freed, the CSV's head written once.  Cells keep their type: integers and reals go to the CSV
 * as numbers, times (ms since 1970) as UTC ISO 8601, texts as text with
 * formula injection neutralised (common/csv.h).  A cell may be suppressed
 * ("< 5": too few sessions to show without pointing at a group).
 */
#ifndef CRSV_RTABLE_H
#define CRSV_RTABLE_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "err.h"

enum rcol_kind { RCOL_TEXT, RCOL_INT, RCOL_REAL, RCOL_TIME, RCOL_PERCENT };

struct rcol {
	char *key;              /* the CSV header: stable, English, snake_case */
	char *label;            /* the page's header, in the officer's language */
	enum rcol_kind kind;
	int decimals;           /* RCOL_REAL */
};

enum rcell_kind { RC_NONE, RC_TEXT, RC_INT, RC_REAL, RC_SUPPRESSED };

struct rcell {
	enum rcell_kind kind;
	char *text;
	int borrowed;           /* text is not the cell's own (rcell_borrow) */
	int64_t i;
	double r;
};

struct rtable {
	char *name;             /* the CSV's base name: "completions" */
	char *caption;
	struct rcol *cols;
	size_t ncols;
	struct rcell *cells;    /* nrows * ncols */
	size_t nrows, cap;
};

struct rtable *rtable_new(const char *name, const char *caption);
void rtable_free(struct rtable *t);

/* Add a column (before any row). */
void rtable_col(struct rtable *t, const char *key, const char *label, enum rcol_kind kind,
                int decimals);

/* Append an empty row; returns its first cell. */
struct rcell *rtable_row(struct rtable *t);
void rcell_text(struct rcell *c, const char *s);
/* A text that outlives the table (a title, a chrome string): not copied. */
void rcell_borrow(struct rcell *c, const char *s);
void rcell_int(struct rcell *c, int64_t v);
void rcell_real(struct rcell *c, double v);

/* Mark as "< min" every cell of column `col` in rows whose column
 * `count_col` is below `min` (aggregates too small to show safely). */
void rtable_suppress_below(struct rtable *t, size_t count_col, int64_t min, size_t col);

/* The table as HTML (a <table> with its caption, header cells with
 * scope, numbers aligned as numbers). */
void rtable_html(const struct rtable *t, struct buf *out);

/* The table as a CSV file's bytes (BOM, header row, CRLF): its head and
 * its rows, or either alone. */
void rtable_csv(const struct rtable *t, struct buf *out);
void rtable_csv_head(const struct rtable *t, struct buf *out);
void rtable_csv_rows(const struct rtable *t, struct buf *out);


#endif
