/*
 * sign.h - Ed25519 keys and signatures (nettle), in the files both programs
 * read and in the formats other tools check: minisign's public keys and
 * detached signatures, and did:key for the issuer of certificates.
 *
 * Key files (crsv-gen keygen):
 *   NAME.key           the secret key, mode 0600:
 *                        crsv-kit secret key (Ed25519) ...   (a comment line)
 *                        key-id: 16 hex digits
 *                        secret: base64 of the 32-byte seed
 *                        public: base64 of the 32-byte public key
 *   NAME.pub           the public key:  key-id: ... / public: ...
 *   NAME.minisign.pub  the same key for `minisign -V -p`
 *   NAME.did           did:key:z6Mk... (multicodec ed25519-pub, base58btc)
 * The key id is the first 8 bytes of SHA-256 of the public key, so the id
 * cannot be made to name another key.
 *
 * A minisign signature here is the "Ed" (legacy) kind: Ed25519 over the
 * file's bytes (minisign's default "ED" hashes with BLAKE2b, which nettle
 * lacks), with a trusted comment bound by a second signature; minisign
 * 0.11 verifies both.
 */
#ifndef CRSV_SIGN_H
#define CRSV_SIGN_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

#define SIGN_KEY_SIZE 32
#define SIGN_SIG_SIZE 64
#define SIGN_ID_SIZE 8

struct sign_key {
	uint8_t id[SIGN_ID_SIZE];
	uint8_t pub[SIGN_KEY_SIZE];
	uint8_t secret[SIGN_KEY_SIZE];   /* all zero in a public key */
	int has_secret;
};

/* A new key from the system's random source. */
int sign_key_new(struct sign_key *k, struct err *e);

/* A key from its 32-byte secret seed, or a public key only. */
void sign_key_from_seed(struct sign_key *k, const uint8_t seed[SIGN_KEY_SIZE]);
void sign_key_from_public(struct sign_key *k, const uint8_t pub[SIGN_KEY_SIZE]);

/* The key id of a public key, as 16 hex digits (17 bytes with the NUL). */
void sign_key_id_hex(const struct sign_key *k, char *out);

/* Write the four files of `k` as DIR/NAME.key, .pub, .minisign.pub, .did
 * (the secret one with mode 0600, written aside and renamed). */
int sign_key_write(const struct sign_key *k, const char *dir, const char *name,
                   struct err *e);

/* Read a secret key file (NAME.key) or a public one (NAME.pub, a
 * minisign public key, or NAME.did); errors name the file and line. */
int sign_key_read(struct sign_key *k, const char *path, struct err *e);

/* Sign / check `n` bytes. */
void sign_bytes(const struct sign_key *k, const void *msg, size_t n,
                uint8_t sig[SIGN_SIG_SIZE]);
int sign_check(const struct sign_key *k, const void *msg, size_t n,
               const uint8_t sig[SIGN_SIG_SIZE]);

/* A minisign detached signature of `data` (its text, heap, caller frees),
 * with `trusted` as its trusted comment (one line). */
char *sign_minisig(const struct sign_key *k, const void *data, size_t n,
                   const char *trusted);

/* Base64 (standard, padded) of `n` bytes, heap; and back: -1 when `s` is
 * not base64 of exactly `n` bytes. */
char *sign_base64(const uint8_t *data, size_t n);
/* Base64url without padding (RFC 4648 §5, as JWS writes it), heap. */
char *sign_base64url(const uint8_t *data, size_t n);
int sign_unbase64(const char *s, uint8_t *out, size_t n);

/* Base58 (Bitcoin's alphabet, as multibase "z" uses) of `n` bytes, heap;
 * and back into at most `max` bytes: their number, or -1 when `s` is not
 * base58 or is longer. */
char *sign_base58(const uint8_t *data, size_t n);
int sign_unbase58(const char *s, uint8_t *out, size_t max);

/* did:key of an Ed25519 public key (heap); and the public key of a
 * did:key (without a fragment): -1 when it is not an Ed25519 did:key. */
char *sign_did_key(const uint8_t pub[SIGN_KEY_SIZE]);
int sign_did_key_public(const char *did, uint8_t pub[SIGN_KEY_SIZE]);

#endif
