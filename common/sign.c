/* sign.c - Ed25519 keys, signatures and their files; see sign.h. */
#include "sign.h"
#include "buf.h"
#include "fs.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/base64.h>
#include <nettle/eddsa.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* ---- encodings -------------------------------------------------------- */

char *sign_base64(const uint8_t *data, size_t n)
{
	char *s = xmalloc(BASE64_ENCODE_RAW_LENGTH(n) + 1);
	base64_encode_raw(s, n, data);
	s[BASE64_ENCODE_RAW_LENGTH(n)] = '\0';
	return s;
}

char *sign_base64url(const uint8_t *data, size_t n)
{
	char *s = sign_base64(data, n);
	size_t len = strlen(s);
	for (size_t i = 0; i < len; i++)
		s[i] = s[i] == '+' ? '-' : s[i] == '/' ? '_' : s[i];
	while (len && s[len - 1] == '=')
		s[--len] = '\0';
	return s;
}

int sign_unbase64(const char *s, uint8_t *out, size_t n)
{
	struct base64_decode_ctx ctx;
	size_t len = strlen(s), got = BASE64_DECODE_LENGTH(len);
	uint8_t *tmp = xmalloc(got + 1);
	base64_decode_init(&ctx);
	int ok = base64_decode_update(&ctx, &got, tmp, len, s) && base64_decode_final(&ctx) &&
	         got == n;
	if (ok)
		memcpy(out, tmp, n);
	free(tmp);
	return ok ? 0 : -1;
}

static const char base58_alphabet[] =
	"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

char *sign_base58(const uint8_t *in, size_t n)
{
	uint8_t *digits = xcalloc(n * 138 / 100 + 2, 1);   /* base 58, least significant first */
	size_t nd = 0, zeros = 0;
	while (zeros < n && !in[zeros])
		zeros++;
	for (size_t i = 0; i < n; i++) {
		unsigned carry = in[i];
		for (size_t k = 0; k < nd; k++) {
			carry += (unsigned)digits[k] << 8;
			digits[k] = (uint8_t)(carry % 58);
			carry /= 58;
		}
		while (carry) {
			digits[nd++] = (uint8_t)(carry % 58);
			carry /= 58;
		}
	}
	struct buf b = {0};
	for (size_t i = 0; i < zeros; i++)
		buf_putc(&b, '1');
	while (nd)
		buf_putc(&b, base58_alphabet[digits[--nd]]);
	buf_putc(&b, '\0');
	free(digits);
	return buf_take(&b);
}

int sign_unbase58(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0, ones = 0;   /* out[0..n) holds the value, most significant last */
	uint8_t *tmp = xcalloc(max + 1, 1);
	int ok = 1;
	while (s[ones] == '1')
		ones++;
	for (const char *c = s + ones; *c && ok; c++) {
		const char *at = *c ? strchr(base58_alphabet, *c) : NULL;
		if (!at) {
			ok = 0;
			break;
		}
		unsigned carry = (unsigned)(at - base58_alphabet);
		for (size_t k = 0; k < n; k++) {
			carry += (unsigned)tmp[k] * 58;
			tmp[k] = (uint8_t)(carry & 0xff);
			carry >>= 8;
		}
		while (carry && ok) {
			if (n == max) {
				ok = 0;
				break;
			}
			tmp[n++] = (uint8_t)(carry & 0xff);
			carry >>= 8;
		}
	}
	int len = -1;
	if (ok && ones + n <= max) {
		memset(out, 0, ones);
		for (size_t k = 0; k < n; k++)
			out[ones + k] = tmp[n - 1 - k];
		len = (int)(ones + n);
	}
	free(tmp);
	return len;
}

char *sign_did_key(const uint8_t pub[SIGN_KEY_SIZE])
{
	uint8_t in[2 + SIGN_KEY_SIZE] = { 0xed, 0x01 };   /* multicodec: ed25519-pub */
	memcpy(in + 2, pub, SIGN_KEY_SIZE);
	char *b58 = sign_base58(in, sizeof in);
	char *did = xconcat("did:key:z", b58, NULL);
	free(b58);
	return did;
}

int sign_did_key_public(const char *did, uint8_t pub[SIGN_KEY_SIZE])
{
	uint8_t in[2 + SIGN_KEY_SIZE + 1];
	if (strncmp(did, "did:key:z", 9))
		return -1;
	if (sign_unbase58(did + 9, in, sizeof in) != 2 + SIGN_KEY_SIZE || in[0] != 0xed ||
	    in[1] != 0x01)
		return -1;
	memcpy(pub, in + 2, SIGN_KEY_SIZE);
	return 0;
}

/* ---- keys --------------------------------------------------------------- */

static void set_id(struct sign_key *k)
{
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&h);
	sha256_update(&h, SIGN_KEY_SIZE, k->pub);
	sha256_digest(&h, sizeof d, d);
	memcpy(k->id, d, SIGN_ID_SIZE);
}

void sign_key_from_seed(struct sign_key *k, const uint8_t seed[SIGN_KEY_SIZE])
{
	memset(k, 0, sizeof *k);
	memcpy(k->secret, seed, SIGN_KEY_SIZE);
	ed25519_sha512_public_key(k->pub, k->secret);
	k->has_secret = 1;
	set_id(k);
}

void sign_key_from_public(struct sign_key *k, const uint8_t pub[SIGN_KEY_SIZE])
{
	memset(k, 0, sizeof *k);
	memcpy(k->pub, pub, SIGN_KEY_SIZE);
	set_id(k);
}

int sign_key_new(struct sign_key *k, struct err *e)
{
	uint8_t seed[SIGN_KEY_SIZE];
	if (getrandom(seed, SIGN_KEY_SIZE, 0) != SIGN_KEY_SIZE)
		return err_set(e, "", 0, "cannot get random bytes: %s", strerror(errno));
	sign_key_from_seed(k, seed);
	return 0;
}

void sign_key_id_hex(const struct sign_key *k, char *out)
{
	for (int i = 0; i < SIGN_ID_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", k->id[i]);
}

/* minisign's key and signature blobs: "Ed", the key id, then the key or
 * the signature. */
static char *minisign_blob(const struct sign_key *k, const uint8_t *tail, size_t n)
{
	uint8_t b[2 + SIGN_ID_SIZE + SIGN_SIG_SIZE] = { 'E', 'd' };
	memcpy(b + 2, k->id, SIGN_ID_SIZE);
	memcpy(b + 2 + SIGN_ID_SIZE, tail, n);
	return sign_base64(b, 2 + SIGN_ID_SIZE + n);
}

static int write_text(const char *dir, const char *name, const char *ext, const char *text,
                      int secret, struct err *e)
{
	char *file = xconcat(name, ext, NULL), *path = fs_join(dir, file);
	char *tmp = xconcat(path, ".tmp", NULL);
	int rc = -1, fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, secret ? 0600 : 0644);
	size_t len = strlen(text);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len || fsync(fd) < 0) {
		err_set(e, path, 0, "cannot write: %s", strerror(errno));
	} else if (rename(tmp, path) < 0) {
		err_set(e, path, 0, "cannot write: %s", strerror(errno));
	} else {
		rc = 0;
	}
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	free(path);
	free(file);
	return rc;
}

int sign_key_write(const struct sign_key *k, const char *dir, const char *name,
                   struct err *e)
{
	char id[2 * SIGN_ID_SIZE + 1], mid[2 * SIGN_ID_SIZE + 1];
	char *pub = sign_base64(k->pub, SIGN_KEY_SIZE), *sec = sign_base64(k->secret, SIGN_KEY_SIZE);
	char *blob = minisign_blob(k, k->pub, SIGN_KEY_SIZE), *did = sign_did_key(k->pub);
	sign_key_id_hex(k, id);
	for (int i = 0; i < SIGN_ID_SIZE; i++)   /* minisign prints its id as a little-endian number */
		snprintf(mid + 2 * i, 3, "%02X", k->id[SIGN_ID_SIZE - 1 - i]);
	char *t_key = xasprintf("crsv-kit secret key (Ed25519): keep it offline and never share "
	                        "it; anyone who has it can sign as you\nkey-id: %s\nsecret: %s\n"
	                        "public: %s\n", id, sec, pub);
	char *t_pub = xasprintf("crsv-kit public key (Ed25519)\nkey-id: %s\npublic: %s\n", id, pub);
	char *t_min = xasprintf("untrusted comment: minisign public key %s\n%s\n", mid, blob);
	char *t_did = xasprintf("%s\n", did);
	int rc = fs_mkdirs(dir, e);
	if (rc == 0)
		rc = write_text(dir, name, ".key", t_key, 1, e);
	if (rc == 0)
		rc = write_text(dir, name, ".pub", t_pub, 0, e);
	if (rc == 0)
		rc = write_text(dir, name, ".minisign.pub", t_min, 0, e);
	if (rc == 0)
		rc = write_text(dir, name, ".did", t_did, 0, e);
	/* the secret's copies in memory go as soon as they are written */
	memset(t_key, 0, strlen(t_key));
	memset(sec, 0, strlen(sec));
	free(t_key);
	free(t_pub);
	free(t_min);
	free(t_did);
	free(pub);
	free(sec);
	free(blob);
	free(did);
	return rc;
}

/* The value of "field: value" lines; minisign's second line too. */
static int parse_key(struct sign_key *k, const char *path, char *text, struct err *e)
{
	int line = 0, have_pub = 0;
	memset(k, 0, sizeof *k);
	for (char *l = text, *nl; l && *l; l = nl ? nl + 1 : NULL) {
		nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		line++;
		if (line == 2 && !strncmp(text, "untrusted comment:", 18)) {
			uint8_t b[2 + SIGN_ID_SIZE + SIGN_KEY_SIZE];
			if (sign_unbase64(l, b, sizeof b) < 0 || b[0] != 'E' || b[1] != 'd')
				return err_set(e, path, line, "not a minisign Ed25519 public key");
			memcpy(k->pub, b + 2 + SIGN_ID_SIZE, SIGN_KEY_SIZE);
			have_pub = 1;
		} else if (!strncmp(l, "public: ", 8)) {
			if (sign_unbase64(l + 8, k->pub, SIGN_KEY_SIZE) < 0)
				return err_set(e, path, line, "the public key is not 32 bytes of base64");
			have_pub = 1;
		} else if (!strncmp(l, "secret: ", 8)) {
			if (sign_unbase64(l + 8, k->secret, SIGN_KEY_SIZE) < 0)
				return err_set(e, path, line, "the secret key is not 32 bytes of base64");
			k->has_secret = 1;
		}
	}
	if (k->has_secret) {
		uint8_t pub[SIGN_KEY_SIZE];
		ed25519_sha512_public_key(pub, k->secret);
		if (have_pub && memcmp(pub, k->pub, SIGN_KEY_SIZE))
			return err_set(e, path, 0, "the secret and public keys do not belong together");
		memcpy(k->pub, pub, SIGN_KEY_SIZE);
		have_pub = 1;
	}
	if (!have_pub)
		return err_set(e, path, 0, "not a key file (crsv-gen keygen writes them)");
	set_id(k);
	return 0;
}

int sign_key_read(struct sign_key *k, const char *path, struct err *e)
{
	char *text = NULL;
	size_t len;
	if (fs_read(path, &text, &len, e) < 0)
		return -1;
	int rc;
	if (!strncmp(text, "did:key:", 8)) {   /* NAME.did: a public key */
		uint8_t pub[SIGN_KEY_SIZE];
		text[strcspn(text, "\r\n")] = '\0';
		rc = sign_did_key_public(text, pub) < 0 ? err_set(e, path, 1, "not an Ed25519 did:key")
		                                        : 0;
		if (rc == 0)
			sign_key_from_public(k, pub);
	} else {
		rc = parse_key(k, path, text, e);
	}
	memset(text, 0, len);
	free(text);
	if (rc < 0)
		memset(k, 0, sizeof *k);
	return rc;
}

/* ---- signatures -------------------------------------------------------- */

void sign_bytes(const struct sign_key *k, const void *msg, size_t n, uint8_t sig[SIGN_SIG_SIZE])
{
	ed25519_sha512_sign(k->pub, k->secret, n, msg, sig);
}

int sign_check(const struct sign_key *k, const void *msg, size_t n,
               const uint8_t sig[SIGN_SIG_SIZE])
{
	return ed25519_sha512_verify(k->pub, n, msg, sig) ? 0 : -1;
}

char *sign_minisig(const struct sign_key *k, const void *data, size_t n, const char *trusted)
{
	uint8_t sig[SIGN_SIG_SIZE], global[SIGN_SIG_SIZE];
	size_t tn = strlen(trusted);
	uint8_t *both = xmalloc(SIGN_SIG_SIZE + tn);
	char id[2 * SIGN_ID_SIZE + 1];
	sign_bytes(k, data, n, sig);
	/* the trusted comment is bound to the signature by a second one */
	memcpy(both, sig, SIGN_SIG_SIZE);
	memcpy(both + SIGN_SIG_SIZE, trusted, tn);
	sign_bytes(k, both, SIGN_SIG_SIZE + tn, global);
	free(both);
	sign_key_id_hex(k, id);
	char *blob = minisign_blob(k, sig, SIGN_SIG_SIZE), *g = sign_base64(global, SIGN_SIG_SIZE);
	char *out = xasprintf("untrusted comment: signature from crsv-gen, key %s\n%s\n"
	                      "trusted comment: %s\n%s\n", id, blob, trusted, g);
	free(blob);
	free(g);
	return out;
}
