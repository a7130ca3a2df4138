/*
 * config.h - content/site.yaml: the site's languages, tracks and help facts.
 *
 * A `struct site` owns every string and array in it; free with site_free.
 * Translatable values (title, track titles and summaries, helpline texts)
 * keep the line they were read from, for the `#:` references of extract.
 */
#ifndef CRSV_CONFIG_H
#define CRSV_CONFIG_H

#include <stddef.h>
#include "err.h"

struct module;

struct lang {
	char *code;        /* BCP 47, e.g. "fr" */
	char *name;        /* native name, e.g. "Français" */
	int rtl;           /* dir: rtl */
	int line;          /* of its code, for messages */
	char *iso639_3;    /* optional ISO 639-3 code ("fra") for the ZIM's
	                      metadata when the code is not one emit_zim knows;
	                      NULL if unset */
};

/* A translatable text with the line it came from. */
struct text {
	char *src;
	int line;
};

struct track {
	char *id;
	int line;          /* of its id, for messages */
	int order;
	char *audience;    /* personnel | community | all */
	struct text title;
	struct text summary;
	struct module **modules;   /* borrowed from the content, in order */
	size_t nmodules;
};

/* A place to turn to: a helpline, or a way to report abuse by UN
 * personnel (`un_reporting`). */
struct helpline {
	struct text name;
	struct text description;
	struct text hours;
	char *phone;       /* "" until a mission fills it in */
	int example;
	int line;          /* of the entry, for warnings */
};

/* The ZIM packages' metadata for Kiwix (the `zim` mapping; emit_zim.h).
 * Title and description are translatable and, when given, must fit (in
 * every translation); without a `zim` mapping, or without one of them, they
 * are the site's title (`*_set` 0: not units of their own), shortened by
 * emit_zim when it does not fit. */
#define ZIM_TITLE_MAX 30         /* characters: what Kiwix shows in a library */
#define ZIM_DESCRIPTION_MAX 80

struct zim_meta {
	struct text title;
	struct text description;
	int title_set, description_set;
	char *creator;     /* default "crsv-kit" */
	char *publisher;   /* default "crsv-kit" */
};

struct site {
	char *path;                /* the site.yaml path, for messages */
	struct text title;
	char *source_lang;
	int source_lang_line;
	char *base_url;            /* optional, for sitemap.xml; NULL if unset */
	char *help_module;         /* "<track>/<NN-id>" or NULL */
	int help_module_line;
	struct lang *langs;
	size_t nlangs;
	struct track *tracks;      /* sorted by order */
	size_t ntracks;
	struct helpline *helplines;
	size_t nhelplines;
	int helplines_line;        /* of the "helplines" key; 0 when absent */
	struct helpline *un_reporting;   /* how to report abuse by UN personnel */
	size_t nun_reporting;
	int un_reporting_line;
	struct zim_meta zim;
};

/* 1 when some helpline is a confirmed service with a phone number: only
 * then may a page send a person to "the numbers". */
int site_has_real_helpline(const struct site *s);

/* Read and check `path`. */
int site_load(struct site *s, const char *path, struct err *e);
void site_free(struct site *s);

/* Lookups by id; NULL when absent. */
struct track *site_track(const struct site *s, const char *id);
const struct lang *site_lang(const struct site *s, const char *code);

/* True when `audience` is one of the known audiences. */
int audience_valid(const char *audience);

#endif
