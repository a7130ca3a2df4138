/*
 * emit_sitezip.h - out/packages/site.zip: the site as one archive, for
 * copying to a USB stick or a laptop.
 *
 *   crsv-site/...   every file of the site, under one folder so unzipping
 *                   it does not scatter files; crsv-site/index.html opens
 *                   over file://
 */
#ifndef CRSV_EMIT_SITEZIP_H
#define CRSV_EMIT_SITEZIP_H

#include "emit.h"

/* Zip j->site_dir to j->path, every entry dated j->when. */
int emit_site_zip(const struct emit_job *j, struct err *e);

#endif
