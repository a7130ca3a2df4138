/*
 * uptodate.h - knowing that a build would change nothing.
 *
 * A build of an unchanged tree rewrites every page to the same bytes; on a
 * 1000-module site that is half a second spent to learn nothing.  As make
 * and ninja do, the stamp of what a build read is compared with the one
 * the last successful build left: the command line, the working folder,
 * the crsv-gen binary, the font folder, SOURCE_DATE_EPOCH and CRSV_FONTS,
 * and the name, size, modification time (to the nanosecond) and inode of
 * every file under the content, locales and assets folders and of every
 * file named on the command line.  The stamp of what it wrote (the same
 * facts for everything under out/, dot-files aside) must match too, so an
 * output edited or deleted by hand is made again.  The stamp lives in
 * out/.crsv-build with the warnings that build printed, which are printed
 * again: a warning stays until its cause is fixed.
 *
 * What is not seen: a file changed with its size and times put back (as
 * for make), and an upgrade of a shared library (cmark, libxml2) under an
 * unchanged crsv-gen; `--force` (or deleting out/) builds anyway.
 */
#ifndef CRSV_UPTODATE_H
#define CRSV_UPTODATE_H

#include <stdint.h>
#include "project.h"

/* The stamp of the inputs of `crsv-gen build` run with `argv` (argc
 * entries) on `paths`. */
uint64_t uptodate_inputs(const struct paths *paths, int argc, char **argv);

/* The running crsv-gen: a hash of its file's size, times and inode, for
 * what one build keeps for the next (uptodate, fragcache.h). */
uint64_t uptodate_binary_id(void);

/* 1 when `out` is as the last successful build from the same inputs left
 * it; then `*warnings` is what that build warned (heap, maybe "").  The
 * stamp of the inputs (uptodate_inputs of `paths`, `argc`, `argv`) is set
 * in *inputs either way, for uptodate_record; the inputs and the outputs
 * are walked side by side, on two threads. */
int uptodate_check(const char *out, const struct paths *paths, int argc, char **argv,
                   uint64_t *inputs, char **warnings);

/* After a successful build into `out`: record its stamp and `warnings`.
 * A stamp that cannot be written only costs the next build its shortcut. */
void uptodate_record(const char *out, uint64_t inputs, const char *warnings);

#endif
