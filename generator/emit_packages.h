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
 * Written into a fresh folder that build.c swaps into place; each package
 * is itself written to a temporary name and renamed when complete.
 */
#ifndef CRSV_EMIT_PACKAGES_H
#define CRSV_EMIT_PACKAGES_H

#include "emit_bundle.h"
#include "err.h"
#include "project.h"

/* `site` is the site just built (for site.zip and the assets), `scorm_dir`
 * the SCORM pages emit_site wrote, `dir` the packages folder. */
int emit_packages(const struct project *p, const char *site,
                  const char *scorm_dir, const char *dir, const struct signing *sg,
                  struct err *e);

#endif
