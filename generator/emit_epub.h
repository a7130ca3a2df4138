/*
 * emit_epub.h - one EPUB 3 book per track and language.
 *
 *   mimetype                        first, stored
 *   META-INF/container.xml
 *   OEBPS/content.opf               package: dc:identifier, dc:title,
 *                                   dc:language, dcterms:modified; spine
 *                                   right to left for RTL languages
 *   OEBPS/nav.xhtml                 table of contents
 *   OEBPS/cover.xhtml               title page
 *   OEBPS/<module-id>.xhtml         a chapter per module
 *   OEBPS/quizzes.xhtml             appendix: every quiz with its answers
 *   OEBPS/style.css, OEBPS/images/  stylesheet, module images
 * Valid for epubcheck with no errors or warnings.
 */
#ifndef CRSV_EMIT_EPUB_H
#define CRSV_EMIT_EPUB_H

#include <time.h>
#include "err.h"
#include "project.h"

struct site_voices;

/* Write the book of track `t` in language `lang` (index into the site's
 * languages) to `path`; `when` is its dcterms:modified and file time.
 * With `voices` (site_voice.h; NULL: none), a chapter whose units have a
 * voice gets an EPUB 3 media overlay: a SMIL of its units and their MP3s. */
int emit_epub(const struct project *p, const struct track *t, size_t lang,
              const char *path, time_t when, struct site_voices *voices, struct err *e);

#endif
