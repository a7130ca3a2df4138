/*
 * fuzzlib.h - what the bundle harnesses share (tests/fuzz/fuzz_bundle_*.c):
 * a real bundle to start from, a scratch file to load it from, and the
 * checks of what material_load answers.  No libFuzzer entry point here.
 *
 * The bundle is built once per process by the real generator from the
 * golden fixture (tests/golden/fixture, found from the working folder or
 * $CRSV_TOP), the way test_material.c builds it.  Its six Noto fonts (2 MB
 * of its 2.2) are then replaced by one minimal face that passes the
 * header check: what the harnesses edit is rows and pages, and a copy of
 * 2 MB per run would make each run slower by as much as the rest of it.
 */
#ifndef CRSV_FUZZLIB_H
#define CRSV_FUZZLIB_H

#include <stddef.h>
#include "err.h"
#include "material.h"

/* The bundle's bytes (static storage).  With `loose`, every table is made
 * again without its constraints, keys or indexes (CREATE TABLE AS), so an
 * edit that the schema would refuse still reaches the reader, as it can
 * in a file written by other means; the rows keep their values and order. */
void fuzz_base(int loose, const unsigned char **data, size_t *len);

/* Write `len` bytes to this process's scratch bundle (in /dev/shm when
 * there is one); its path (static storage). */
const char *fuzz_scratch(const unsigned char *data, size_t len);

/* Load the scratch bundle (the seal skipped when `skip_seal`), check the
 * answer, free it.  Accepted, everything app.c relies on must hold (texts
 * set, indexes in range, spans that layout.h lays out); refused, the error
 * must name the file and say something.  Anything else aborts. */
void fuzz_load_and_check(const char *path, int skip_seal);

/* The smallest font material.c accepts (static storage). */
void fuzz_min_font(const unsigned char **data, size_t *len);

#endif
