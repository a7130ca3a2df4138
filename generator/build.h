/*
 * build.h - `crsv-gen build`: every output, built aside and swapped in.
 *
 * Everything is written under "<out>/.build-<pid>/" and each finished output
 * folder (site/, packages/) replaces its old copy only when the whole build
 * succeeded, so a failed build leaves the previous out/ as it was.
 */
#ifndef CRSV_BUILD_H
#define CRSV_BUILD_H

#include "emit_site.h"
#include "project.h"

/* Build into p->paths.out.  Problems that are reported together (critical
 * modules not translated) go to `errs`; a single fatal one to `e`. */
int build_run(const struct project *p, const struct site_options *o,
              struct errlist *errs, struct err *e);

#endif
