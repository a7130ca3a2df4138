/*
 * utf8.h - UTF-8 validation and stepping.
 *
 * Content, PO files and YAML must be valid UTF-8; utf8_check finds the first
 * bad byte so the error can name its line and column.
 */
#ifndef CRSV_UTF8_H
#define CRSV_UTF8_H

#include <stddef.h>
#include "err.h"

/* Return the offset of the first byte that does not start a valid, shortest
 * form UTF-8 sequence (no surrogates, no code points past U+10FFFF), or
 * (size_t)-1 when all `len` bytes are valid. */
size_t utf8_check(const char *s, size_t len);

/* Decode one code point at s (len bytes left); store its byte length in
 * *used.  Invalid input yields U+FFFD and *used = 1. */
unsigned utf8_decode(const char *s, size_t len, size_t *used);

/* The number of code points in the NUL-terminated `s` (each invalid byte
 * counts as one): a length as people count characters, for limits such as
 * a ZIM title's 30. */
size_t utf8_length(const char *s);

/* utf8_check as an error: -1 with "path:line:col: error: invalid UTF-8"
 * (plus `what`, when not NULL) in `e` when `s` is not valid UTF-8. */
int utf8_require(const char *s, size_t len, const char *path, const char *what,
                 struct err *e);

/* `len` bytes of `s` fit to print or draw in a message: UTF-8 sequences
 * kept, every other byte that is not printable ASCII (control characters,
 * invalid UTF-8, and '"' and '\\', so the result can sit in quotes) as
 * \xNN; after `limit` input bytes, "...".  Into `out` (`n` bytes, always
 * NUL-terminated); returns its length. */
size_t utf8_escape(const char *s, size_t len, size_t limit, char *out, size_t n);

/* 1-based line and column (in bytes) of `offset` in `s`. */
void utf8_position(const char *s, size_t offset, int *line, int *column);

#endif
