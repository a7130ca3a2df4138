/*
 * status.h - how much of the material each language has translated.
 *
 * Counts every unit (units.h) as translated, fuzzy or untranslated, for the
 * whole language, for the site and interface texts, and per module.  Used by
 * `crsv-gen status` and by the status page of the site.
 */
#ifndef CRSV_STATUS_H
#define CRSV_STATUS_H

#include <stdio.h>
#include "project.h"

struct tcount {
	int translated, fuzzy, missing;
};

struct lang_status {
	struct tcount total;
	struct tcount site;       /* site.yaml and ui.yaml texts */
	struct tcount *modules;   /* one per content module, content order */
};

/* Count the units of language `lang` (an index into p->site.langs); the
 * project must have been loaded with catalogues.  The source language
 * counts as fully translated. */
void status_compute(const struct project *p, size_t lang,
                    struct lang_status *st);
void status_free(struct lang_status *st);

/* Count the site.yaml and ui.yaml texts of one language into `c`. */
void status_count_site(const struct project *p, const struct catalog *cat,
                       struct tcount *c);
/* Count one module's title, summary, body units (`msgids`, as
 * mdhtml_unit_msgids gives them) and quiz texts into `c`. A NULL `cat` counts all as
 * translated (the source language). */
void status_count_module(const struct module *m, char *const *msgids,
                         size_t n, const struct catalog *cat,
                         struct tcount *c);
/* Set st->total to the site count plus the first `nmodules` module counts:
 * the one sum behind `crsv-gen status` and the site's status page. */
void status_total(struct lang_status *st, size_t nmodules);

int tcount_total(const struct tcount *c);
/* Translated share in percent, 100 for an empty count. */
double tcount_percent(const struct tcount *c);

/* The report of `crsv-gen status`: per language and module. */
void status_print(const struct project *p, FILE *out);

#endif
