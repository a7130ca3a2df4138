/*
 * emit_scorm.h - one SCORM 1.2 package per track and language.
 *
 *   imsmanifest.xml            ADL SCORM 1.2 manifest: one organization, an
 *                              item and a SCO per module (mastery score =
 *                              the quiz's pass-percent), relative hrefs
 *   *.xsd                      the ADL schemas the manifest names
 *   <track>/<module-id>.html   the SCO: the module's text and its quiz
 *   help.html                  where to get help (an asset, shown first)
 *   assets/, media/<track>/    stylesheets, quiz.js, the track's images
 * The pages are the site's (templates scorm.html and scorm-help.html,
 * rendered by emit_site.h's site_page_render) and the files under assets/
 * and media/ are copied from the site just built; quiz.js finds the
 * platform's API and reports score and status.
 */
#ifndef CRSV_EMIT_SCORM_H
#define CRSV_EMIT_SCORM_H

#include "emit.h"

/* Package track j->track in language j->lang to j->path, its pages from
 * j->pages and its assets and images from j->site_dir. */
int emit_scorm(const struct emit_job *j, struct err *e);

#endif
