/*
 * certify.h - `crsv-gen certify`: certificates of completion for the
 * people of a master records file who passed every module of a personnel
 * track (or one module), signed with the issuer's key.  For each one, in
 * OUT/:
 *   <id>.json   the Open Badges 3.0 credential, proved with eddsa-jcs-2022
 *   <id>.pdf    the printed certificate, in the person's language, with
 *               the QR code of <id>.txt
 *   <id>.txt    the short signed payload (cert.h) the QR code holds
 * and certificates.csv: who got which, for the officer (it names people:
 * it stays with the records).  Each file is written aside and renamed.
 *
 * The same records, key and day give the same certificates, byte for
 * byte: the id and salt come from the issuer's key (HMAC), and the time
 * is $SOURCE_DATE_EPOCH when set.
 */
#ifndef CRSV_CERTIFY_H
#define CRSV_CERTIFY_H

#include "err.h"

struct certify_options {
	const char *records;     /* the master records file */
	const char *key;         /* the issuer's secret key (issuer.key) */
	const char *out;         /* the certificates' folder */
	const char *content, *locales, *assets;
	const char *person;      /* only this person_ref; NULL: everyone */
	const char *track;       /* a track id or a module key; NULL: every
	                            personnel track */
	const char *lang;        /* every certificate in this language; NULL:
	                            the language the person took the quizzes in */
	const char *valid_days;  /* as typed; NULL: 730 */
	const char *paper;       /* "a4" (default) or "letter" */
	const char *issuer_name; /* NULL: the site's title */
};

/* The number of certificates written, or -1. */
int certify_run(const struct certify_options *o, struct err *e);

#endif
