/*
 * extract.h - `crsv-gen extract`: the POT template and merged PO files.
 *
 * Writes <locales>/crsv.pot with every unit (units.h), one entry per
 * distinct (msgctxt, msgid) with all its "#:" references, then merges it
 * into <locales>/<lang>.po for every language but the source, as msgmerge
 * does: kept translations stay, entries whose source changed a little get the
 * old translation marked fuzzy (with the previous msgid), new entries are
 * empty, and entries no longer in the content become obsolete.  A file whose
 * entries did not change is left untouched, so re-running is quiet in git.
 */
#ifndef CRSV_EXTRACT_H
#define CRSV_EXTRACT_H

#include <stdio.h>
#include "project.h"

/* `log` gets one line per file written (may be NULL). */
int extract_run(const struct project *p, FILE *log, struct err *e);

/* Similarity of two strings in [0, 1] (Dice coefficient over byte bigrams),
 * the test for "changed a little". Exposed for tests. */
double extract_similarity(const char *a, const char *b);

#endif
