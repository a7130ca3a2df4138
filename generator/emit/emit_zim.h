/*
 * emit_zim.h - ZIM files for Kiwix, the offline reader: one per language
 * (crsv-<lang>.zim) and one of the whole site (crsv-mul.zim).
 *
 * Made by Debian's zimwriterfs (package zim-tools) when it is on PATH: libzim
 * has a C++ API only, so it is run as a program, not linked.  Each ZIM is
 * packed from a staging copy of the built site beside the package:
 *   crsv-<lang>.zim   <lang>/ (main page <lang>/index.html), assets/, media/,
 *                     audio/<lang>/, blank.html; in its pages, the alternates
 *                     and language-switch entries of the other languages are
 *                     left out (a ZIM holds no page it does not contain, and
 *                     zimcheck refuses a link to one)
 *   crsv-mul.zim      the whole site (main page: the language picker)
 * both without sitemap.xml, a file for web crawlers.  Every link of the site
 * is relative and every script, style and file it loads is inside the ZIM,
 * so its Content-Security-Policy ('self') holds in Kiwix as on the web.
 *
 * Metadata (site.yaml's `zim` mapping, config.h): Title (<= 30 characters)
 * and Description (<= 80), translated for a language's ZIM (the site's
 * title, shortened with an ellipsis, where `zim` gives none); Language as
 * ISO 639-3 (the multilingual one: every language, comma separated);
 * Creator, Publisher; Name "crsv-kit_<lang>_all" (or "crsv-kit_mul_all"),
 * the same from version to version so Kiwix offers updates; Tags; the 48x48
 * PNG illustration assets/zim/illustration-48x48.png.  zimwriterfs sets Date (the day it runs) and
 * a random UUID itself: a ZIM's bytes differ from build to build though its
 * entries do not.
 */
#ifndef CRSV_EMIT_ZIM_H
#define CRSV_EMIT_ZIM_H

#include <stddef.h>
#include "err.h"
#include "emit.h"

/* 1 when zimwriterfs is on PATH, so the ZIM packages can be made; 0 when
 * zim-tools is not installed (the build then says so in a note). */
int emit_zim_possible(void);

/* Write the ZIM of language j->lang (crsv-<lang>.zim), or of every
 * language (emit_zim_mul: crsv-mul.zim), of the site built in
 * j->site_dir to j->path, through a temporary file renamed when
 * zimwriterfs succeeded.  A translation of site.yaml's zim title or
 * description longer than Kiwix takes is an error at the PO file; a
 * failing zimwriterfs one with what it wrote to stderr. */
int emit_zim(const struct emit_job *j, struct err *e);
int emit_zim_mul(const struct emit_job *j, struct err *e);

#endif
