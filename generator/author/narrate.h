/*
 * narrate.h - `crsv-gen narrate --lang L [--script FILE.csv] [--synthesize]`:
 * a language's narration brought up to date (narration.h).
 *
 * Every run takes in the recordings a narrator has put in
 * LOCALES/audio/<L>/ (a new <key>.opus or <key>.wav, or a new take of one:
 * its bytes differ from the manifest's) as recorded for the unit's text of
 * now, and writes the manifest.  --script writes what is left to record
 * (missing, stale and synthetic units, in the order of the material) as
 * CSV for the narrator's spreadsheet and as a printable page beside it
 * (FILE.html).  --synthesize fills the missing units (and synthetic ones
 * whose text changed) with espeak-ng, into LOCALES/audio/<L>/synthetic/.
 */
#ifndef CRSV_NARRATE_H
#define CRSV_NARRATE_H

#include <stdio.h>
#include "err.h"
#include "project.h"

struct narrate_options {
	const char *lang;
	const char *script;       /* FILE.csv, or NULL */
	int synthesize;
};

/* 0, or -1 with the reason in `e`; the summary line goes to `out`. */
int narrate_run(const struct project *p, const struct narrate_options *o, FILE *out,
                struct err *e);

#endif
