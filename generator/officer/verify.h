/*
 * verify.h - `crsv-gen verify FILE`: check a certificate offline, as a
 * credential (<id>.json) or as the code its QR holds (<id>.txt, or the
 * text pasted into FILE), against the issuer keys the checker trusts.
 * It says what the certificate proves, claim by claim, or why it proves
 * nothing: a changed character, another issuer, a cut signature, a date
 * outside its validity, another person's ID.
 */
#ifndef CRSV_VERIFY_H
#define CRSV_VERIFY_H

#include "buf.h"
#include "err.h"

struct verify_options {
	const char *file;     /* the credential or the code; "-": standard input */
	const char *issuer;   /* a trusted issuer key (.pub, .did, .key) or a
	                         folder of them */
	const char *person;   /* check the holder's ID too; NULL: don't */
};

/* 0 when the certificate holds, with what it proves in `said`; -1 with
 * the reason in `e` (and what could be read, if anything, in `said`). */
int verify_run(const struct verify_options *o, struct buf *said, struct err *e);

#endif
