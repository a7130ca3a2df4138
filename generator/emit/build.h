/*
 * build.h - `crsv-gen build`: every output, built aside and swapped in.
 *
 * Everything is written under "<out>/.build-<pid>/" and each finished output
 * folder (site/, packages/) replaces its old copy only when the whole build
 * succeeded, so a failed build leaves the previous out/ as it was.
 *
 * Before anything is written, the project-level rules are checked: every
 * critical module (front matter `critical: true`) fully translated and
 * narrated in every language, unless allow_incomplete.
 */
#ifndef CRSV_BUILD_H
#define CRSV_BUILD_H

#include "project.h"

/* What `crsv-gen build` was asked for; every string is borrowed. */
struct build_options {
	int allow_incomplete;   /* build even when a critical module is not fully
	                           translated */
	int no_packages;        /* the site only, out/packages/ untouched */
	const char *sign_key;   /* --sign: the secret key file; NULL: unsigned */
	int valid_days;         /* --valid-days: how long signed content is valid */
	const char *next_key;   /* --next-key: the public key the bundle hands
	                           over to (key rotation, seal.h); NULL: none */
	const char *issuer_key; /* --issuer: the certificate issuer's public key
	                           file, for verify.html; NULL: none */
};

/* Build into p->paths.out.  Problems that are reported together (critical
 * modules not translated) go to `errs`; a single fatal one to `e`. */
int build_run(const struct project *p, const struct build_options *o,
              struct errlist *errs, struct err *e);

#endif
