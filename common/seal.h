/*
 * seal.h - the kiosk bundle's seal: a digest of its whole content and,
 * when crsv-gen builds with --sign, the Ed25519 signature of a statement
 * holding that digest, the release, the dates and the key.  crsv-gen
 * writes it (emit_bundle.c); crsv-kiosk checks it at every start
 * (material.c): a bundle whose content does not match its digest is
 * damaged or altered and is refused, signed or not.
 *
 * The digest is SHA-256 over, in this order: the schema version and
 * application id; every table but `seal`, by name, as its CREATE
 * statement and then each row in primary-key order (rowid order for a
 * table without one), each value as a type byte and its bytes (integers
 * and reals as 8 bytes big-endian, texts and blobs with their length as 8
 * bytes big-endian); every index's CREATE statement, by name.  Any byte of
 * any row, a row moved, added or dropped, or a changed schema changes it.
 *
 * The statement (seal.statement, signed as these exact bytes):
 *   crsv-bundle/1
 *   content-digest: 64 hex digits
 *   release: N            the build time in seconds: a later build is higher
 *   created: YYYY-MM-DDTHH:MM:SSZ
 *   expires: YYYY-MM-DDTHH:MM:SSZ     (only when signed with a validity)
 *   key-id: 16 hex digits             (only when signed)
 *   next-key: base64 public key       (0 to SEAL_MAX_NEXT lines: keys the
 *                                      signer hands over to; see below)
 *
 * Rotation: a bundle signed by a key the kiosk trusts may name the keys
 * that will sign after it (crsv-gen build --next-key).  A kiosk that
 * shows it remembers them (in its records file) and trusts them from then
 * on; once it shows a bundle signed by one of them, it stops trusting the
 * key that announced it, so a retired key cannot sign for the kiosk again.
 */
#ifndef CRSV_SEAL_H
#define CRSV_SEAL_H

#include <sqlite3.h>
#include <stdint.h>
#include "err.h"
#include "sign.h"

#define SEAL_MAX_NEXT 4

struct seal {
	char digest[65];
	int64_t release;
	int64_t created, expires;   /* seconds since 1970; expires -1: never */
	char key_id[2 * SIGN_ID_SIZE + 1];   /* "" when unsigned */
	int is_signed;
	uint8_t next[SEAL_MAX_NEXT][SIGN_KEY_SIZE];   /* the keys it hands over to */
	size_t nnext;
};

/* The content digest of an open bundle. */
int seal_digest(sqlite3 *db, uint8_t out[32], struct err *e);

/* The statement for a digest, release and dates (and `key`, or NULL, with
 * the `nnext` keys it hands over to): heap text.  `expires` -1: none. */
char *seal_statement(const uint8_t digest[32], int64_t release, int64_t created,
                     int64_t expires, const struct sign_key *key,
                     const struct sign_key *next, size_t nnext);

/* Check the seal of the bundle `db` (opened on `path`): its statement
 * parsed into `s`, the content's digest compared with it, and with
 * `ntrusted` keys given, its signature by one of them.  Errors say what is
 * wrong: "damaged or altered", "not signed", "signed by another key". */
int seal_check(sqlite3 *db, const char *path, const struct sign_key *trusted,
               size_t ntrusted, struct seal *s, struct err *e);

#endif
