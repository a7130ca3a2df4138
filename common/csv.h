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

#endif
