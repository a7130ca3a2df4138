/*
 * emit_scorm.h - one SCORM 1.2 package per track and language.
 *
 *   imsmanifest.xml            ADL SCORM 1.2 manifest: one organization, an
 *                              item and a SCO per module (mastery score =
 *                              the quiz's pass-percent), relative hrefs
 *   *.xsd                      the ADL schemas the manifest names
 *   <track>/<module-id>.html   the SCO: the module's text and its quiz
 *   assets/, media/            stylesheets, quiz.js, images
 * The SCO pages are rendered by emit_site (site_options.scorm_dir); quiz.js
 * finds the platform's API and reports score and status.
 */
#ifndef CRSV_EMIT_SCORM_H
#define CRSV_EMIT_SCORM_H

#include <time.h>
#include "err.h"
#include "project.h"

/* Package track `t` in language `lang` from the SCO pages under
 * `scorm_dir` and the site's assets under `site_dir`, to `path`. */
int emit_scorm(const struct project *p, const struct track *t, size_t lang,
               const char *scorm_dir, const char *site_dir, const char *path,
               time_t when, struct err *e);

#endif
