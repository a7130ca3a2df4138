/*
 * emit_site.h - the static website: one folder per language.
 *
 * Writes into `dir` (a fresh folder the caller swaps into place):
 *   index.html                   language picker
 *   assets/                      stylesheets (and scripts) from assets/css
 *   media/<track>/<module>/...   images the modules use, once for all languages
 *   <lang>/index.html            home: tracks and their modules
 *   <lang>/<track>/index.html    a track
 *   <lang>/<track>/<id>.html     a module
 *   <lang>/help.html             get help: helplines and the help module
 *   <lang>/status.html           translation status
 *   sitemap.xml
 * Every link is relative, so the tree works from file://, a USB stick or any
 * web server.
 */
#ifndef CRSV_EMIT_SITE_H
#define CRSV_EMIT_SITE_H

#include "err.h"
#include "project.h"
#include "sign.h"
#include "tmpl.h"

struct site_options {
	int allow_incomplete;   /* build even when a critical module is not fully
	                           translated */
	int no_packages;        /* build: the site only, out/packages/ untouched */
	const char *sign_key;   /* build --sign: the secret key file; NULL: unsigned */
	int valid_days;         /* build --valid-days: how long signed content is valid */
	const char *next_key;   /* build --next-key: the public key the bundle hands
	                           over to (key rotation, seal.h); NULL: none */
	const char *issuer_key; /* build --issuer: the certificate issuer's public key
	                           file, for verify.html; NULL: none */
	const struct sign_key *issuer;   /* read from it by the build */
	const char *scorm_dir;  /* also write each module's SCORM page (text and
	                           quiz, scorm.html) to <scorm_dir>/<lang>/<track>/
	                           <id>.html; NULL: don't */
};

/* Check that every critical module is fully translated in every language;
 * each untranslated or fuzzy unit is added to `errs`. Returns -1 when any
 * was found. */
int site_check_critical(const struct project *p, struct errlist *errs);

int emit_site(const struct project *p, const struct tmpl_set *t,
              const struct site_options *o, const char *dir, struct err *e);

#endif
