/* vc.c - eddsa-jcs-2022 proofs; see vc.h. */
#include "vc.h"
#include "buf.h"
#include "jcs.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

/* SHA-256 of the canonical form of `v` into `out`. */
static int jcs_hash(const json_t *v, const char *where, uint8_t out[SHA256_DIGEST_SIZE],
                    struct err *e)
{
	struct buf b = {0};
	struct sha256_ctx h;
	if (jcs_write(&b, v, where, e) < 0) {
		buf_free(&b);
		return -1;
	}
	sha256_init(&h);
	sha256_update(&h, b.len, (const uint8_t *)b.data);
	sha256_digest(&h, SHA256_DIGEST_SIZE, out);
	buf_free(&b);
	return 0;
}

/* What is signed: the proof options' hash, then the document's. */
static int hash_data(const json_t *options, const json_t *unsecured, const char *where,
                     uint8_t out[2 * SHA256_DIGEST_SIZE], struct err *e)
{
	if (jcs_hash(options, where, out, e) < 0)
		return -1;
	return jcs_hash(unsecured, where, out + SHA256_DIGEST_SIZE, e);
}

int vc_prove(json_t *doc, const struct sign_key *k, const char *created, struct err *e)
{
	uint8_t data[2 * SHA256_DIGEST_SIZE], sig[SIGN_SIG_SIZE];
	char *did = sign_did_key(k->pub);
	char *method = xconcat(did, "#", did + strlen("did:key:"), NULL);
	json_t *options = json_object();
	json_object_set_new(options, "type", json_string("DataIntegrityProof"));
	json_object_set_new(options, "cryptosuite", json_string("eddsa-jcs-2022"));
	json_object_set_new(options, "created", json_string(created));
	json_object_set_new(options, "verificationMethod", json_string(method));
	json_object_set_new(options, "proofPurpose", json_string("assertionMethod"));
	if (json_object_get(doc, "@context"))
		json_object_set(options, "@context", json_object_get(doc, "@context"));
	free(did);
	free(method);
	if (hash_data(options, doc, "credential", data, e) < 0) {
		json_decref(options);
		return -1;
	}
	sign_bytes(k, data, sizeof data, sig);
	char *b58 = sign_base58(sig, sizeof sig), *value = xconcat("z", b58, NULL);
	json_object_set_new(options, "proofValue", json_string(value));
	json_object_set_new(doc, "proof", options);
	free(b58);
	free(value);
	return 0;
}

/* The proof's member `name` as a string, or NULL. */
static const char *proof_text(const json_t *proof, const char *name)
{
	return json_string_value(json_object_get(proof, name));
}

/* The key of "did:key:X#X" (the fragment must name the DID's own key). */
static int method_key(const char *method, struct sign_key *signer)
{
	const char *hash = method ? strchr(method, '#') : NULL;
	uint8_t pub[SIGN_KEY_SIZE];
	if (!hash || strncmp(method, "did:key:", 8) ||
	    strlen(hash + 1) != (size_t)(hash - method - 8) ||
	    strncmp(hash + 1, method + 8, (size_t)(hash - method - 8)))
		return -1;
	char *did = xmalloc((size_t)(hash - method) + 1);
	memcpy(did, method, (size_t)(hash - method));
	did[hash - method] = '\0';
	int got = sign_did_key_public(did, pub);
	free(did);
	if (got < 0)
		return -1;
	sign_key_from_public(signer, pub);
	return 0;
}

/* True when the array (or value) `doc_ctx` starts with `proof_ctx`'s
 * values in the same order, as the suite requires. */
static int context_starts_with(const json_t *doc_ctx, const json_t *proof_ctx)
{
	if (!json_is_array(proof_ctx))
		return json_equal(doc_ctx, proof_ctx) ||
		       (json_is_array(doc_ctx) && json_equal(json_array_get(doc_ctx, 0), proof_ctx));
	if (!json_is_array(doc_ctx) || json_array_size(doc_ctx) < json_array_size(proof_ctx))
		return 0;
	for (size_t i = 0; i < json_array_size(proof_ctx); i++)
		if (!json_equal(json_array_get(doc_ctx, i), json_array_get(proof_ctx, i)))
			return 0;
	return 1;
}

int vc_check(const json_t *doc, const char *path, struct sign_key *signer,
             const char **created, struct err *e)
{
	const json_t *proof = json_object_get(doc, "proof");
	const char *value, *type, *suite, *purpose;
	uint8_t data[2 * SHA256_DIGEST_SIZE], sig[SIGN_SIG_SIZE + 1];
	json_t *options = NULL, *unsecured = NULL;
	int rc = -1;
	if (json_is_array(proof))
		return err_set(e, path, 0, "more than one proof: only one eddsa-jcs-2022 proof "
		               "is checked here");
	if (!json_is_object(proof))
		return err_set(e, path, 0, "no proof: the credential is not signed");
	type = proof_text(proof, "type");
	suite = proof_text(proof, "cryptosuite");
	purpose = proof_text(proof, "proofPurpose");
	value = proof_text(proof, "proofValue");
	*created = proof_text(proof, "created");
	if (!type || strcmp(type, "DataIntegrityProof") || !suite || strcmp(suite, "eddsa-jcs-2022"))
		return err_set(e, path, 0, "the proof is not a DataIntegrityProof of the "
		               "eddsa-jcs-2022 cryptosuite");
	if (!purpose || strcmp(purpose, "assertionMethod"))
		return err_set(e, path, 0, "the proof's purpose is not assertionMethod");
	if (!*created)
		return err_set(e, path, 0, "the proof has no created time");
	if (method_key(proof_text(proof, "verificationMethod"), signer) < 0)
		return err_set(e, path, 0, "the proof's verificationMethod is not an Ed25519 "
		               "did:key (did:key:z6Mk...#z6Mk...)");
	if (!value || value[0] != 'z' || sign_unbase58(value + 1, sig, sizeof sig) != SIGN_SIG_SIZE)
		return err_set(e, path, 0, "the proof's proofValue is not a 64-byte signature in "
		               "base58 (cut short, or not one)");
	options = json_deep_copy(proof);
	json_object_del(options, "proofValue");
	unsecured = json_deep_copy(doc);
	json_object_del(unsecured, "proof");
	if (json_object_get(options, "@context")) {
		if (!context_starts_with(json_object_get(doc, "@context"),
		                         json_object_get(options, "@context"))) {
			err_set(e, path, 0, "the proof's @context is not the credential's");
			goto done;
		}
		json_object_set(unsecured, "@context", json_object_get(options, "@context"));
	}
	if (hash_data(options, unsecured, path, data, e) < 0)
		goto done;
	if (sign_check(signer, data, sizeof data, sig) < 0) {
		err_set(e, path, 0, "the signature does not match: the credential was changed "
		        "after it was signed, or signed by another key");
		goto done;
	}
	rc = 0;
done:
	json_decref(options);
	json_decref(unsecured);
	return rc;
}
