/*
 * project.h - everything one run of crsv-gen reads: site.yaml, the content
 * tree, the chrome strings and, when asked, each language's catalogue.
 *
 * A `struct project` owns all of it; project_free accepts a partly loaded
 * project, so callers free it on every path.
 */
#ifndef CRSV_PROJECT_H
#define CRSV_PROJECT_H

#include "config.h"
#include "content.h"
#include "err.h"
#include "translate.h"
#include "ui.h"

struct paths {
	const char *content;   /* default "content" */
	const char *locales;   /* default "locales" */
	const char *assets;    /* templates/, css/, ui.yaml */
	const char *out;       /* default "out" */
	const char *cache;     /* compiled catalogues; NULL: "<out>/.cache"; "": none */
};

struct project {
	struct paths paths;
	struct site site;
	struct content content;
	struct ui ui;
	struct catalog **cats;   /* one per site language; NULL for the source */
	char **po_paths;         /* the PO file of each catalogue (NULL likewise),
	                            for errors found in translations */
	struct errlist problems; /* every problem found while loading, when
	                            there can be several (quizzes) */
};

/* Load site.yaml, content (with each module's quiz.xml) and ui.yaml; with
 * `catalogs`, also read locales/<lang>.po for every language but the source
 * (a missing file is an empty catalogue).  On failure `e` is the first
 * problem and p->problems holds all of them when there were several. */
int project_load(struct project *p, const struct paths *paths, int catalogs,
                 struct err *e);
void project_free(struct project *p);

/* The PO path of a language: "<locales>/<code>.po" (heap string). */
char *project_po_path(const struct project *p, const char *code);
/* The folder where builds keep what the next one can reuse (compiled
 * catalogues, rendered bodies): heap, or NULL when there is none. */
char *project_cache_dir(const struct paths *paths);

/* 1 when `code` is the source language. */
int project_is_source(const struct project *p, const char *code);

/*
 * The translation service: every output asks here for a text in a language,
 * so the fallback rule is written once.
 *
 * A text is its translation in language `lang` (an index into
 * p->site.langs) when that is current, else the source text.  *fell_back
 * (when not NULL) says the source text stands in for a translation: never
 * in the source language itself, always in a language whose catalogue was
 * not loaded.  A NULL `src` (an optional field left out) is "", not fallen
 * back.  The result is borrowed from the project or from `src`.
 */
const char *project_text(const struct project *p, size_t lang, const char *ctxt,
                         const char *src, int *fell_back);

/* The catalogue of language `lang`: NULL for the source language, and for
 * every language when the project was loaded without catalogues. */
const struct catalog *project_catalog(const struct project *p, size_t lang);

/* The chrome string `key` (assets/ui.yaml) in language `lang`, as
 * project_text gives it; `key` itself when ui.yaml has no such key (a
 * visible slip, not an empty label).  Borrowed from the project. */
const char *project_ui_text(const struct project *p, size_t lang, const char *key);

#endif
