/*
 * vc.h - Data Integrity proofs with the cryptosuite eddsa-jcs-2022 (W3C
 * VC Data Integrity EdDSA Cryptosuites v1.0, §3.3): an Ed25519 signature
 * over SHA-256(JCS(proof options)) || SHA-256(JCS(document without its
 * proof)), with the proof's @context copied from the document's, and the
 * key named as did:key:z6Mk...#z6Mk....
 *
 * Only the proof lives here; what a certificate claims (Open Badges 3.0)
 * is certify.c's, and whether a key is trusted is the caller's.
 */
#ifndef CRSV_VC_H
#define CRSV_VC_H

#include <jansson.h>
#include "err.h"
#include "sign.h"

/* Add a proof made with `k` at `created` (YYYY-MM-DDTHH:MM:SSZ) to `doc`,
 * a JSON object without one. */
int vc_prove(json_t *doc, const struct sign_key *k, const char *created, struct err *e);

/* Check `doc`'s proof: -1 with the reason (naming `path`) when it is not
 * one eddsa-jcs-2022 assertion proof by a did:key, or the signature does
 * not hold for the document as it is.  On success `signer` is the key the
 * proof names, and `*created` its time (borrowed from `doc`). */
int vc_check(const json_t *doc, const char *path, struct sign_key *signer,
             const char **created, struct err *e);

#endif
