/*
 * emit_packages.h - out/packages/: the offline forms of the material.
 *
 *   site.zip                      the whole site, for copying (file://)
 *   <track>-<lang>.epub           EPUB 3 per track and language
 *   <track>-<lang>-scorm12.zip    SCORM 1.2 per track and language
 *   kiosk.bundle                  one SQLite file for crsv-kiosk
 *   crsv-<lang>.zim, crsv-mul.zim  Kiwix's ZIM per language and of them all,
 *                                 when zimwriterfs is installed (emit_zim.h)
 *   SHA256SUMS                    every package's SHA-256 (sha256sum -c)
 * and, signed (build --sign): kiosk.bundle.minisig, SHA256SUMS.minisig
 * (minisign -V), the bundle's seal signed inside it.
 *
 * Each package is a row of the table in emit_packages.c (emit.h says how
 * to add one).  Written into a fresh folder that build.c swaps into place;
 * each package is itself written to a temporary name and renamed when
 * complete.
 */
#ifndef CRSV_EMIT_PACKAGES_H
#define CRSV_EMIT_PACKAGES_H

#include "emit.h"

/* Every package into `dir`.  `pages` and `site_dir` are the site just
 * built (emit_site.h): the site's pages for packages that show them, its
 * folder for site.zip, the assets and the images.  The build time is
 * computed once here and given to every package. */
int emit_packages(const struct project *p, struct site_pages *pages,
                  const char *site_dir, const char *dir, const struct signing *sg,
                  struct err *e);

#endif
