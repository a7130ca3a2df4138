/*
 * zipout.h - writing zip archives with libzip, reproducibly.
 *
 * Every package (site.zip, EPUB, SCORM) is a zip: entries go in the order
 * they are added (EPUB's "mimetype" must come first, stored), each with the
 * same fixed time (build_time), so the same input gives the same bytes.
 * The archive is written to "<path>.tmp-<pid>" and renamed on close, so a
 * failed build never leaves half a package.  A `struct zipout` owns the
 * libzip archive; zipout_abort discards it.
 */
#ifndef CRSV_ZIPOUT_H
#define CRSV_ZIPOUT_H

#include <stddef.h>
#include <time.h>
#include "err.h"

struct zipout;

/* Start an archive that will become `path`; entries get time `mtime`. */
int zipout_open(struct zipout **out, const char *path, time_t mtime,
                struct err *e);

/* Add `len` bytes (copied) as `name`; `store` keeps them uncompressed. */
int zipout_add(struct zipout *z, const char *name, const void *data,
               size_t len, int store, struct err *e);

/* Add every file under the folder `dir` (sorted walk) with `prefix`
 * ("" or "a/b/") before its relative name; `added` (may be NULL) hears
 * each name, e.g. to list it in a manifest. */
int zipout_add_tree(struct zipout *z, const char *dir, const char *prefix,
                    void (*added)(void *ctx, const char *name), void *ctx,
                    struct err *e);

/* Write the archive and rename it into place; frees `z` either way. */
int zipout_close(struct zipout *z, struct err *e);

/* Discard an unfinished archive (NULL is fine). */
void zipout_abort(struct zipout *z);

/* The time every packaged file carries: $SOURCE_DATE_EPOCH when set, else
 * the newest modification time of the files under `dirs` (NULL-terminated),
 * so rebuilding unchanged input gives the same packages. */
time_t build_time(const char *const *dirs);

#endif
