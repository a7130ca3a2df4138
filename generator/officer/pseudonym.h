/*
 * pseudonym.h - people as stable pseudonyms, for records that leave the
 * officer's laptop (crsv-gen report --no-person-ids, crsv-gen xapi): "P-"
 * and the first 12 hex digits of HMAC-SHA256(key, person_ref), with the
 * key kept beside the master as MASTER.db.key (32 random bytes, mode 0600),
 * made the first time it is needed.  The same key gives the same pseudonym
 * in every report and every LRS, so headquarters can follow a person
 * without knowing who; whoever has the key and a list of index numbers can
 * undo them, so the key never goes with what is sent.
 */
#ifndef CRSV_PSEUDONYM_H
#define CRSV_PSEUDONYM_H

#include <nettle/hmac.h>
#include "err.h"

struct pseudonyms {
	struct hmac_sha256_ctx hmac;   /* keyed once, copied per person */
};

/* The key of the master at `records` (MASTER.db.key), made when missing. */
int pseudonyms_open(struct pseudonyms *p, const char *records, struct err *e);

/* The pseudonym of `ref` into `out` ("P-" and 12 hex digits). */
void pseudonym_of(const struct pseudonyms *p, const char *ref, char out[16]);

#endif
