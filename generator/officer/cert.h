/*
 * cert.h - what a certificate of completion claims, and its two signed
 * forms: the Open Badges 3.0 credential (JSON, proved with vc.h) and the
 * short payload its printed copy carries as a QR code.
 *
 * The payload is one line of text, signed as it is with the issuer's key:
 *   CRSV1.<id>.<target>.<lang>.<version>.<passed>.<from>.<until>.<scores>.<holder>.<sig>
 *     id       the credential's UUID without its dashes (32 hex digits)
 *     target   the track id, or the module key ("policy/01-what-is-crsv")
 *     lang     the certificate's language
 *     version  the first 12 hex digits of the content version
 *     passed   the day the last module was passed, YYYYMMDD (UTC)
 *     from     the day it was issued; until: the last day it is valid
 *     scores   each module's best passing score in the track's order,
 *              "9/10,8/10"
 *     holder   the first 16 hex digits of the identity hash: SHA-256 of
 *              the person's reference followed by the credential's UUID
 *              (with dashes), which is the credential's salt too
 *     sig      Ed25519 over everything before ".<sig>", base64url
 * About 230 bytes for a track of 8 modules: a version 11 QR code at level
 * M, 61 modules wide, readable at 25-30 mm.  Nothing in it names a person.
 */
#ifndef CRSV_CERT_H
#define CRSV_CERT_H

#include <jansson.h>
#include <stdint.h>
#include "err.h"
#include "sign.h"

struct cert_module {
	char *key;           /* "policy/01-what-is-crsv" */
	char *title;         /* in the certificate's language */
	int score, max_score;
	int64_t passed_ms;   /* when its best passing attempt finished */
};

struct cert_claims {
	char id[37];                /* UUID, 36 characters */
	char *target;               /* track id or module key */
	char *target_title;         /* in the certificate's language */
	int is_track;
	char *lang;
	int rtl;
	char *content_version;
	char identity_hash[65];     /* hex SHA-256(person_ref || id) */
	int64_t passed_ms;          /* the last module's */
	int64_t valid_from, valid_until;   /* seconds since 1970, UTC */
	char *issuer_name;
	struct cert_module *modules;
	size_t nmodules;
};

void cert_claims_free(struct cert_claims *c);

/* The identity hash of `person_ref` for credential `id` (65 bytes). */
void cert_identity_hash(const char *person_ref, const char *id, char out[65]);

/* The payload of `c`, signed with `k` (heap). */
char *cert_payload(const struct cert_claims *c, const struct sign_key *k);

/* The claims of a payload (modules with their keys and titles unknown:
 * NULL) when it is well formed and signed by one of the `n` keys: -1 with
 * the reason otherwise.  `*signer` is the index of the key that signed. */
int cert_payload_check(const char *text, const struct sign_key *keys, size_t n,
                       struct cert_claims *c, size_t *signer, struct err *e);

/* The Open Badges 3.0 credential of `c` issued by `k`, not yet proved. */
json_t *cert_credential(const struct cert_claims *c, const struct sign_key *k,
                        const char *criteria, const char *description);

/* "YYYY-MM-DDTHH:MM:SSZ" of `s` seconds (32 bytes), and back: -1 when
 * `text` is not a UTC time of that form (fractions of a second allowed). */
void cert_iso_time(int64_t s, char out[32]);
int cert_parse_iso_time(const char *text, int64_t *s);

#endif
