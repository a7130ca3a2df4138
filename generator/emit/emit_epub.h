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

#include "emit.h"

/* Write the book of track j->track in language j->lang to j->path;
 * j->when is its dcterms:modified and file time.  With j->voices
 * (site_voice.h; NULL: none), a chapter whose units have a voice gets an
 * EPUB 3 media overlay: a SMIL of its units and their MP3s. */
int emit_epub(const struct emit_job *j, struct err *e);

#endif
