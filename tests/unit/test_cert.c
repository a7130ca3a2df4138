/*
 * test_cert.c - canonical JSON (RFC 8785) and eddsa-jcs-2022 proofs,
 * against the W3C's own test vectors (tests/cert/w3c/, from w3c/vc-di-eddsa)
 * and RFC 8785's examples.
 */
#include "testutil.h"
#include "jcs.h"
#include "sign.h"
#include "vc.h"

#define W3C "tests/cert/w3c/"

static char *slurp(const char *path)
{
	struct err e = {0};
	char *text = NULL;
	size_t n;
	if (fs_read(path, &text, &n, &e) < 0)
		fail_msg("%s: %s", path, e.msg);
	while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
		text[--n] = '\0';
	return text;
}

static json_t *load(const char *path)
{
	struct err e = {0};
	char *text = slurp(path);
	json_t *v = jcs_parse(text, strlen(text), path, &e);
	if (!v)
		fail_msg("%s", e.msg);
	free(text);
	return v;
}

static char *canon(const json_t *v)
{
	struct buf b = {0};
	struct err e = {0};
	assert_int_equal(jcs_write(&b, v, "test", &e), 0);
	buf_putc(&b, '\0');
	return buf_take(&b);
}

static void assert_canon(const char *json, const char *want)
{
	struct err e = {0};
	json_t *v = jcs_parse(json, strlen(json), "test", &e);
	assert_non_null(v);
	char *got = canon(v);
	assert_string_equal(got, want);
	free(got);
	json_decref(v);
}

/* The document and the proof options canonicalize as the W3C's files say. */
static void test_w3c_canonical_forms(void **state)
{
	(void)state;
	json_t *doc = load(W3C "signedJCS.json");
	json_t *proof = json_deep_copy(json_object_get(doc, "proof"));
	json_object_del(doc, "proof");
	json_object_del(proof, "proofValue");
	char *got = canon(doc), *want = slurp(W3C "canonDocJCS.txt");
	assert_string_equal(got, want);
	free(got);
	free(want);
	got = canon(proof);
	want = slurp(W3C "proofCanonJCS.txt");
	assert_string_equal(got, want);
	free(got);
	free(want);
	json_decref(proof);
	json_decref(doc);
}

/* The W3C's key pair, from its multibase strings. */
static void w3c_key(struct sign_key *k)
{
	json_t *pair = load(W3C "keyPair.json");
	uint8_t priv[2 + SIGN_KEY_SIZE + 1], pub[SIGN_KEY_SIZE];
	const char *sk = json_string_value(json_object_get(pair, "privateKeyMultibase"));
	const char *pk = json_string_value(json_object_get(pair, "publicKeyMultibase"));
	assert_int_equal(sign_unbase58(sk + 1, priv, sizeof priv), 2 + SIGN_KEY_SIZE);
	assert_int_equal(priv[0], 0x80);   /* multicodec ed25519-priv */
	assert_int_equal(priv[1], 0x26);
	sign_key_from_seed(k, priv + 2);
	char *did = sign_did_key(k->pub);
	assert_string_equal(did + strlen("did:key:"), pk);
	assert_int_equal(sign_did_key_public(did, pub), 0);
	assert_memory_equal(pub, k->pub, SIGN_KEY_SIZE);
	free(did);
	json_decref(pair);
}

/* Signing the W3C's document with its key and time gives its proofValue,
 * byte for byte; and the proof checks. */
static void test_w3c_signature(void **state)
{
	(void)state;
	struct sign_key k, signer;
	struct err e = {0};
	const char *created;
	w3c_key(&k);
	json_t *signed_doc = load(W3C "signedJCS.json");
	json_t *doc = json_deep_copy(signed_doc);
	json_object_del(doc, "proof");
	assert_int_equal(vc_prove(doc, &k, "2023-02-24T23:36:38Z", &e), 0);
	char *want = slurp(W3C "sigBTC58JCS.txt");
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "proof"),
	                                                      "proofValue")), want);
	free(want);
	assert_int_equal(vc_check(signed_doc, "signedJCS.json", &signer, &created, &e), 0);
	assert_memory_equal(signer.pub, k.pub, SIGN_KEY_SIZE);
	assert_string_equal(created, "2023-02-24T23:36:38Z");
	assert_int_equal(vc_check(doc, "ours", &signer, &created, &e), 0);
	json_decref(doc);
	json_decref(signed_doc);
}

/* One changed character anywhere, a cut signature, another key's method,
 * a changed @context: none checks. */
static void test_w3c_tampered(void **state)
{
	(void)state;
	struct sign_key signer;
	struct err e = {0};
	const char *created;
	json_t *doc = load(W3C "signedJCS.json");
	json_t *bad = json_deep_copy(doc);
	json_object_set_new(bad, "name", json_string("Alumni Credentiak"));
	assert_int_equal(vc_check(bad, "x", &signer, &created, &e), -1);
	assert_non_null(strstr(e.msg, "does not match"));
	json_decref(bad);

	bad = json_deep_copy(doc);
	json_t *proof = json_object_get(bad, "proof");
	char *cut = xstrdup(json_string_value(json_object_get(proof, "proofValue")));
	cut[strlen(cut) - 4] = '\0';
	json_object_set_new(proof, "proofValue", json_string(cut));
	assert_int_equal(vc_check(bad, "x", &signer, &created, &e), -1);
	assert_non_null(strstr(e.msg, "cut short"));
	free(cut);
	json_decref(bad);

	bad = json_deep_copy(doc);
	proof = json_object_get(bad, "proof");
	json_object_set_new(proof, "created", json_string("2023-02-24T23:36:39Z"));
	assert_int_equal(vc_check(bad, "x", &signer, &created, &e), -1);
	json_decref(bad);

	bad = json_deep_copy(doc);
	json_object_set_new(bad, "@context", json_string("https://www.w3.org/ns/credentials/v2"));
	assert_int_equal(vc_check(bad, "x", &signer, &created, &e), -1);
	json_decref(bad);

	bad = json_deep_copy(doc);
	json_object_del(bad, "proof");
	assert_int_equal(vc_check(bad, "x", &signer, &created, &e), -1);
	assert_non_null(strstr(e.msg, "not signed"));
	json_decref(bad);
	json_decref(doc);
}

/* RFC 8785 §3.2.2.3 and Appendix B: numbers as ECMAScript writes them. */
static void test_jcs_numbers(void **state)
{
	(void)state;
	assert_canon("{\"n\":[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]}",
	             "{\"n\":[333333333.3333333,1e+30,4.5,0.002,1e-27]}");
	assert_canon("{\"n\":[-0.0, 0, -1, 100, 1e21, 1e20, 123456789012, 9007199254740993, "
	             "5e-324]}",
	             "{\"n\":[0,0,-1,100,1e+21,100000000000000000000,123456789012,"
	             "9007199254740992,5e-324]}");
	assert_canon("{\"n\":[1.7976931348623157e308, 0.000001, 0.0000001, -1.5e-7]}",
	             "{\"n\":[1.7976931348623157e+308,0.000001,1e-7,-1.5e-7]}");
}

/* RFC 8785 §3.2.3: member names sorted by UTF-16 code units (U+1F600
 * before U+FB33), strings escaped only where JSON must. */
static void test_jcs_sorting_and_strings(void **state)
{
	(void)state;
	assert_canon("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":"
	             "\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":"
	             "\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":"
	             "\"Latin Small Letter O With Diaeresis\"}",
	             "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\","
	             "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":"
	             "\"Euro Sign\",\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
	             "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
	assert_canon("{\"s\":\"\\u00e9\\\"\\\\\\/\\b\\f\\n\\r\\t\\u001f\\u007f\\u2028\","
	             "\"b\":[true,false,null],\"o\":{}}",
	             "{\"b\":[true,false,null],\"o\":{},\"s\":\"\xc3\xa9\\\"\\\\/\\b\\f\\n\\r\\t"
	             "\\u001f\x7f\xe2\x80\xa8\"}");
}

/* Strict reading: a member twice, or not an object, is refused with the
 * file and line. */
static void test_jcs_parse_refuses(void **state)
{
	(void)state;
	struct err e = {0};
	assert_null(jcs_parse("{\"a\":1,\n\"a\":2}", 14, "c.json", &e));
	assert_non_null(strstr(e.msg, "duplicate"));
	assert_int_equal(e.line, 2);
	assert_null(jcs_parse("[1]", 3, "c.json", &e));
	assert_null(jcs_parse("{\"a\":", 5, "c.json", &e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_w3c_canonical_forms),
		cmocka_unit_test(test_w3c_signature),
		cmocka_unit_test(test_w3c_tampered),
		cmocka_unit_test(test_jcs_numbers),
		cmocka_unit_test(test_jcs_sorting_and_strings),
		cmocka_unit_test(test_jcs_parse_refuses),
	};
	return cmocka_run_group_tests_name("cert", tests, NULL, NULL);
}
