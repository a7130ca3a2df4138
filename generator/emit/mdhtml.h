/*
 * mdhtml.h - CommonMark to HTML, one translation unit at a time.
 *
 * Our own renderer rather than cmark_render_html, for three reasons: each
 * unit (paragraph, heading) is looked up in the language's catalogue and
 * replaced by its translation, rendered from the translated CommonMark; a
 * unit that falls back to the source text gets lang="<source>" and the
 * "fallback" class; and the safety rules are ours: raw HTML is never output,
 * only http, https, mailto, tel and resolved relative links are emitted, and
 * every text and attribute is escaped.
 */
#ifndef CRSV_MDHTML_H
#define CRSV_MDHTML_H

#include <cmark.h>
#include "buf.h"
#include "err.h"
#include "translate.h"

struct md_env {
	const struct catalog *cat;  /* NULL renders the source text as is */
	const char *source_lang;    /* for lang= on fallbacks */
	const char *path;           /* the source file, for errors */
	int first_line;             /* file line of the body's first line */
	/* Turn a relative link target into an href from the current page; -1
	 * with `e` filled when the target does not exist. `is_image` tells an
	 * image source from a link. May be NULL: relative links are refused. */
	int (*resolve)(void *ctx, const char *url, int is_image, struct buf *href,
	               struct err *e);
	void *resolve_ctx;
	/* The msgids of the document's units in document order, when the caller
	 * has them already (one parse, several languages); NULL to compute. */
	char *const *msgids;
	size_t nmsgids;
	/* Write XHTML (self-closed <br />, <hr />, <img />) for EPUB. */
	int xhtml;
	/* The PO file `cat` was read from and its language code: an error in
	 * a translated unit (a broken link) is reported there, where the
	 * translator can fix it.  NULL: reported at the source. */
	const char *po_path;
	const char *lang;
	/* Called after each unit's element with the unit's msgid and whether
	 * it fell back to the source language: what it appends to `out` follows
	 * the unit (the site's <audio> of its narration); -1 with `e` filled
	 * stops the rendering.  NULL: nothing. */
	int (*unit_voice)(void *ctx, const char *msgid, int fell_back, int unit_no,
	                  struct buf *out, struct err *e);
	void *voice_ctx;
	/* With a prefix, every unit's element gets id="<prefix><n>" (n from 1,
	 * the unit_no given to unit_voice): an EPUB's media overlay points at
	 * them.  NULL: no ids. */
	const char *unit_id_prefix;

	/* Filled by mdhtml_render. */
	int units;                  /* translation units seen */
	int fallbacks;              /* units shown in the source language */
	int first_fallback_line;    /* file line of the first of them */
	enum tstate first_fallback_state;
};

/* The msgids of every unit of `doc` in document order (as mdhtml_render
 * meets them); *msgids is a heap array of heap strings. */
void mdhtml_unit_msgids(cmark_node *doc, char ***msgids, size_t *n);
void mdhtml_free_msgids(char **msgids, size_t n);

/* Append the HTML of `doc` to `out`. */
int mdhtml_render(cmark_node *doc, struct md_env *env, struct buf *out,
                  struct err *e);

/* Append the HTML of a one-line CommonMark text's inline content (a title,
 * a quiz prompt) to `out`. */
int mdhtml_inline(const char *markdown, struct md_env *env, struct buf *out,
                  struct err *e);

/* The URL safety rule used for links: 1 when `url` may be emitted as is
 * (http:, https:, mailto:, tel: or a #fragment), 0 otherwise.  Relative
 * URLs go through env->resolve. */
int mdhtml_url_is_safe_absolute(const char *url);
/* 1 when `url` has no scheme (a relative path or a fragment). */
int mdhtml_url_is_relative(const char *url);

#endif
