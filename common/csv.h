/*
 * csv.h - writing CSV the way spreadsheets read it well: RFC 4180 quoting,
 * CRLF line ends, UTF-8 with a byte-order mark (so Excel shows Arabic and
 * French as they are), numbers as numbers, and every text cell that a
 * spreadsheet would take for a formula (it begins with = + - @, a tab or a
 * carriage return) neutralised with a leading apostrophe.
 *
 * The writer appends to a `struct buf` the caller owns.
 */
#ifndef CRSV_CSV_H
#define CRSV_CSV_H

#include <stdint.h>
#include "buf.h"

/* The byte-order mark, once at the start of a file. */
void csv_begin(struct buf *b);

/* One cell; `first` is 1 for the first cell of a row. */
void csv_text(struct buf *b, int first, const char *s);
void csv_int(struct buf *b, int first, int64_t v);
/* A real number with up to `decimals` decimals, trailing zeros dropped. */
void csv_real(struct buf *b, int first, double v, int decimals);
/* An empty cell (a value that does not exist, not zero). */
void csv_empty(struct buf *b, int first);

/* End the row (CRLF). */
void csv_end_row(struct buf *b);

/* Read one record of RFC 4180 CSV at *p (a byte-order mark at the very
 * start is skipped by the caller): fields split on commas, "quoted" fields
 * may hold commas, CR/LF and "" for a quote.  *fields is a heap array of
 * heap strings (csv_fields_free); *p moves past the record's line end.
 * Returns 0 at the end of the text, 1 for a record, -1 for a quote never
 * closed. */
int csv_read(const char **p, char ***fields, size_t *n);
void csv_fields_free(char **fields, size_t n);

#endif
