/*
 * report.h - `crsv-gen report`: a master records file (or a single kiosk's
 * records) as a small static site for a training officer, in the officer's
 * language, with a CSV beside every table:
 *   index.html      what the report covers; completions per module and
 *                   language (with "All" totals), per week (an inline SVG
 *                   chart with its table); the kiosks, those not collected
 *                   for 30 days marked            completions.csv kiosks.csv
 *   people.html     the person x module grid and each person's record of
 *                   each module (attempts, passed, best score, last
 *                   activity), 1000 people a page: people-2.html, ...;
 *                   the roster first, with --roster
 *                                      people_grid.csv people.csv roster.csv
 *   community.html  sessions and participants per kiosk and month, only
 *                   as aggregates (fewer than 5 sessions: "< 5"); never a
 *                   person                                      community.csv
 *   questions.html  item analysis (items.h), per choice and per language
 *                                      items.csv choices.csv items_langs.csv
 * Every table and its CSV come from the same rows (rtable.h); the records
 * are read once, each table in its own order (tally.h).  The folder is
 * written aside and swapped in: a failed report leaves the previous one.
 */
#ifndef CRSV_REPORT_H
#define CRSV_REPORT_H

#include "err.h"

struct report_options {
	const char *records;     /* the master (or a kiosk's records file) */
	const char *out;         /* the report folder */
	const char *content;     /* for module titles; NULL: module keys */
	const char *locales;
	const char *assets;      /* ui.yaml, templates, css */
	const char *lang;        /* the officer's language; NULL: the source's */
	const char *from, *to;   /* YYYY-MM-DD, inclusive; NULL: open */
	const char *roster;      /* CSV: person_ref and any other columns; NULL */
	int no_person_ids;       /* person refs as keyed pseudonyms (the key
	                            beside the records, MASTER.db.key) */
};

int report_run(const struct report_options *o, struct err *e);

#endif
