/*
 * jcs.h - the JSON Canonicalization Scheme (RFC 8785) of a parsed JSON
 * value (jansson), the form eddsa-jcs-2022 signs: object members sorted by
 * their names' UTF-16 code units, no white space, strings escaped only
 * where JSON must (", \, and control characters), numbers as ECMAScript's
 * Number.prototype.toString writes them.
 *
 * Who owns what: the caller owns the value and the buffer; jcs_write only
 * appends.  Reading JSON for verification goes through jcs_parse, so every
 * document we check is read with the same strict rules (no duplicate
 * member names, no NUL in strings, UTF-8 only).
 */
#ifndef CRSV_JCS_H
#define CRSV_JCS_H

#include <jansson.h>
#include "buf.h"
#include "err.h"

/* Append the canonical form of `v` to `out`.  -1 (with a message naming
 * `where`) for what JSON cannot hold: a number that is not finite. */
int jcs_write(struct buf *out, const json_t *v, const char *where, struct err *e);

/* Parse `n` bytes of JSON from `path` (for messages): NULL with
 * "path:line: error: ..." in `e` when it is not JSON, has a member twice,
 * or is not an object. */
json_t *jcs_parse(const char *text, size_t n, const char *path, struct err *e);

#endif
