/*
 * emit.h - what every package emitter is given, and how one is listed.
 *
 * A package (site.zip, an EPUB, a SCORM course, the kiosk bundle) is made
 * by one function, `int run(const struct emit_job *, struct err *)`, that
 * writes one file, job->path, from the loaded project and the site just
 * built.  emit_packages.c keeps the table of them (struct emitter): which
 * function, how often it runs (once, per language, per track and
 * language) and what its file is called.  It plans one job per row and
 * track/language, runs the jobs on the worker pool (pool.h) and lists
 * every file in SHA256SUMS.  A job borrows everything it points at for
 * the length of the call; emitters run two at a time, so what they share
 * (the project, the site's pages, the voices) is only read, or locked by
 * its owner.
 *
 * Adding a package is one file and one row:
 *   1. emit_zim.c (+ emit_zim.h saying what the file holds) with
 *        int emit_zim(const struct emit_job *j, struct err *e);
 *      which writes j->path atomically (a temporary name, then rename:
 *      zipout.c does it for zips) and stamps it with j->when;
 *   2. a row in `packages[]` in emit_packages.c:
 *        { "zim", EMIT_PER_LANG, "crsv-{lang}.zim", emit_zim, emit_zim_possible },
 *      (and, for a multilingual file, an EMIT_ONCE row: emit_zim.c has both).
 */
#ifndef CRSV_EMIT_H
#define CRSV_EMIT_H

#include <stddef.h>
#include <time.h>
#include "err.h"
#include "project.h"
#include "sign.h"

struct site_pages;
struct site_voices;

/* How a build signs what it makes (crsv-gen build --sign KEY): the key
 * (NULL: unsigned), how long the content is valid (days; 0: no end), and
 * the key it hands over to (--next-key; NULL: none, see seal.h). */
struct signing {
	const struct sign_key *key;
	int valid_days;
	const struct sign_key *next;
};

/* One package to make.  Every pointer is borrowed. */
struct emit_job {
	const struct project *p;      /* loaded with its catalogues */
	const struct track *track;    /* EMIT_PER_TRACK_LANG: the track; else NULL */
	size_t lang;                  /* EMIT_PER_LANG, EMIT_PER_TRACK_LANG: index
	                                 into p->site.langs; else 0 */
	const char *path;             /* the file to write */
	time_t when;                  /* the build's time (zipout.h build_time):
	                                 file times, dates inside packages */
	const char *site_dir;         /* the site emit_site wrote (assets, media) */
	struct site_pages *pages;     /* its pages, to render one for a package
	                                 (emit_site.h site_page_render); may be
	                                 NULL where no emitter needs them */
	const struct signing *sg;     /* NULL: unsigned */
	struct site_voices *voices;   /* narration (site_voice.h), loaded once
	                                 for all jobs; NULL: none */
};

/* How often a package is made, and which of track/lang its job names. */
enum emit_scope {
	EMIT_ONCE,             /* one file for the whole project */
	EMIT_PER_LANG,         /* one per site language */
	EMIT_PER_TRACK_LANG    /* one per track that has modules, per language */
};

/* A row of the package table.  `pattern` is the file name in
 * out/packages/, with "{track}" and "{lang}" replaced by the track's id and
 * the language's code. */
struct emitter {
	const char *name;          /* what the package is called ("epub") */
	enum emit_scope scope;
	const char *pattern;
	int (*run)(const struct emit_job *j, struct err *e);
	/* NULL, or 0 when the package cannot be made here (a program it
	 * runs is not installed): the build leaves it out, and says so */
	int (*possible)(void);
};

#endif
