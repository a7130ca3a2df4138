/* cert.c - a certificate's claims and their signed forms; see cert.h. */
#include "cert.h"
#include "buf.h"
#include "utc.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYLOAD_MAGIC "CRSV1"
#define HOLDER_DIGITS 16
#define VERSION_DIGITS 12

void cert_claims_free(struct cert_claims *c)
{
	for (size_t i = 0; i < c->nmodules; i++) {
		free(c->modules[i].key);
		free(c->modules[i].title);
	}
	free(c->modules);
	free(c->target);
	free(c->target_title);
	free(c->lang);
	free(c->content_version);
	free(c->issuer_name);
	memset(c, 0, sizeof *c);
}

static void hex(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

void cert_identity_hash(const char *person_ref, const char *id, char out[65])
{
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&h);
	sha256_update(&h, strlen(person_ref), (const uint8_t *)person_ref);
	sha256_update(&h, strlen(id), (const uint8_t *)id);
	sha256_digest(&h, sizeof d, d);
	hex(d, sizeof d, out);
}

void cert_iso_time(int64_t s, char out[32])
{
	utc_format(s * 1000, 1, out);
}

int cert_parse_iso_time(const char *text, int64_t *s)
{
	int y, mo, d, h, mi, se, used = 0;
	if (!text || sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &used) != 6 ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	const char *rest = text + used;
	if (*rest == '.')
		for (rest++; *rest >= '0' && *rest <= '9'; rest++)
			;
	if (strcmp(rest, "Z"))
		return -1;
	*s = utc_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

/* YYYYMMDD of a time in seconds. */
static void day_text(int64_t s, char out[16])
{
	int64_t y;
	int m, d;
	utc_civil_from_days(s >= 0 ? s / 86400 : (s - 86399) / 86400, &y, &m, &d);
	snprintf(out, 16, "%04d%02d%02d", (int)y, m, d);
}

/* Seconds at the start of day YYYYMMDD, or -1. */
static int64_t day_parse(const char *t, size_t n)
{
	int y, m, d;
	char tmp[9];
	if (n != 8)
		return -1;
	memcpy(tmp, t, 8);
	tmp[8] = '\0';
	for (int i = 0; i < 8; i++)
		if (tmp[i] < '0' || tmp[i] > '9')
			return -1;
	if (sscanf(tmp, "%4d%2d%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	return utc_days_from_civil(y, m, d) * 86400;
}

static int unbase64url(const char *s, size_t n, uint8_t *out, size_t want)
{
	char *t = xmalloc(n + 4);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+' || c == '/' || c == '=')
			break;   /* not base64url */
		t[len++] = c == '-' ? '+' : c == '_' ? '/' : c;
	}
	int ok = len == n;
	while (len % 4)
		t[len++] = '=';
	t[len] = '\0';
	ok = ok && sign_unbase64(t, out, want) == 0;
	free(t);
	return ok ? 0 : -1;
}

char *cert_payload(const struct cert_claims *c, const struct sign_key *k)
{
	struct buf b = {0};
	char passed[16], from[16], until[16];
	uint8_t sig[SIGN_SIG_SIZE];
	day_text(c->passed_ms / 1000, passed);
	day_text(c->valid_from, from);
	day_text(c->valid_until, until);
	buf_puts(&b, PAYLOAD_MAGIC ".");
	for (const char *p = c->id; *p; p++)
		if (*p != '-')
			buf_putc(&b, *p);
	buf_printf(&b, ".%s.%s.%.*s.%s.%s.%s.", c->target, c->lang, VERSION_DIGITS,
	           c->content_version, passed, from, until);
	for (size_t i = 0; i < c->nmodules; i++)
		buf_printf(&b, "%s%d/%d", i ? "," : "", c->modules[i].score, c->modules[i].max_score);
	buf_printf(&b, ".%.*s", HOLDER_DIGITS, c->identity_hash);
	sign_bytes(k, b.data, b.len, sig);
	char *s = sign_base64url(sig, sizeof sig);
	buf_printf(&b, ".%s", s);
	free(s);
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/* The `n` fields of a payload, split at its dots (pointers into `text`,
 * with their lengths). */
struct field {
	const char *s;
	size_t n;
};

static size_t split(const char *text, struct field *f, size_t max)
{
	size_t n = 0;
	const char *start = text;
	for (const char *p = text;; p++)
		if (*p == '.' || !*p) {
			if (n < max)
				f[n] = (struct field){ start, (size_t)(p - start) };
			n++;
			if (!*p)
				break;
			start = p + 1;
		}
	return n;
}

static char *field_dup(const struct field *f)
{
	char *s = xmalloc(f->n + 1);
	memcpy(s, f->s, f->n);
	s[f->n] = '\0';
	return s;
}

static int all_hex(const struct field *f, size_t n)
{
	if (f->n != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", f->s[i]))
			return 0;
	return 1;
}

/* The scores field "9/10,8/10" into c->modules. */
static int parse_scores(const struct field *f, struct cert_claims *c)
{
	char *text = field_dup(f), *save = NULL;
	int ok = 1;
	for (char *t = strtok_r(text, ",", &save); t && ok; t = strtok_r(NULL, ",", &save)) {
		int score, max, used = 0;
		if (sscanf(t, "%d/%d%n", &score, &max, &used) != 2 || t[used] || score < 0 ||
		    max < 0 || score > max) {
			ok = 0;
			break;
		}
		c->modules = xrealloc(c->modules, (c->nmodules + 1) * sizeof *c->modules);
		c->modules[c->nmodules++] = (struct cert_module){ NULL, NULL, score, max, 0 };
	}
	free(text);
	return ok && c->nmodules ? 0 : -1;
}

int cert_payload_check(const char *text, const struct sign_key *keys, size_t n,
                       struct cert_claims *c, size_t *signer, struct err *e)
{
	struct field f[11];
	uint8_t sig[SIGN_SIG_SIZE];
	size_t len = strlen(text);
	memset(c, 0, sizeof *c);
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' '))
		len--;
	char *line = xmalloc(len + 1);
	memcpy(line, text, len);
	line[len] = '\0';
	int rc = -1;
	size_t nf = split(line, f, 11);
	if (nf != 11 || f[0].n != strlen(PAYLOAD_MAGIC) || memcmp(f[0].s, PAYLOAD_MAGIC, f[0].n)) {
		err_set(e, "", 0, "not a certificate code: it starts CRSV1. and has 11 parts "
		        "separated by dots (this has %zu)", nf);
		goto done;
	}
	if (unbase64url(f[10].s, f[10].n, sig, sizeof sig) < 0) {
		err_set(e, "", 0, "the code's signature is cut short or damaged");
		goto done;
	}
	size_t signed_len = (size_t)(f[10].s - 1 - line);
	*signer = n;
	for (size_t i = 0; i < n; i++)
		if (sign_check(&keys[i], line, signed_len, sig) == 0)
			*signer = i;
	if (*signer == n) {
		err_set(e, "", 0, "the signature does not match: the code was changed, or it was "
		        "not issued with a key you trust");
		goto done;
	}
	/* Signed by a trusted key, so well formed unless the issuer erred. */
	int64_t passed = day_parse(f[5].s, f[5].n), from = day_parse(f[6].s, f[6].n),
	        until = day_parse(f[7].s, f[7].n);
	if (!all_hex(&f[1], 32) || !f[4].n || f[4].n > VERSION_DIGITS || !all_hex(&f[9], HOLDER_DIGITS) ||
	    passed < 0 || from < 0 || until < 0 || parse_scores(&f[8], c) < 0) {
		err_set(e, "", 0, "the code is signed but its fields are not as crsv-kit writes them");
		goto done;
	}
	snprintf(c->id, sizeof c->id, "%.8s-%.4s-%.4s-%.4s-%.12s", f[1].s, f[1].s + 8,
	         f[1].s + 12, f[1].s + 16, f[1].s + 20);
	c->target = field_dup(&f[2]);
	c->is_track = !strchr(c->target, '/');
	c->lang = field_dup(&f[3]);
	c->content_version = field_dup(&f[4]);
	memcpy(c->identity_hash, f[9].s, HOLDER_DIGITS);
	c->identity_hash[HOLDER_DIGITS] = '\0';
	c->passed_ms = passed * 1000;
	c->valid_from = from;
	c->valid_until = until + 86399;   /* to the end of its last day */
	rc = 0;
done:
	if (rc < 0)
		cert_claims_free(c);
	free(line);
	return rc;
}

static json_t *strings(const char *a, const char *b)
{
	json_t *v = json_array();
	json_array_append_new(v, json_string(a));
	if (b)
		json_array_append_new(v, json_string(b));
	return v;
}

/* An id for a module's result description, and the result itself. */
static char *module_urn(const char *key)
{
	return xconcat("urn:crsv-kit:module:", key, NULL);
}

static json_t *achievement(const struct cert_claims *c, const char *criteria,
                           const char *description)
{
	json_t *a = json_object(), *crit = json_object(), *rd = json_array();
	char *id = xconcat("urn:crsv-kit:", c->is_track ? "track:" : "module:", c->target, NULL);
	json_object_set_new(a, "id", json_string(id));
	json_object_set_new(a, "type", strings("Achievement", NULL));
	json_object_set_new(a, "achievementType", json_string("Course"));
	json_object_set_new(a, "name", json_string(c->target_title));
	json_object_set_new(a, "description", json_string(description));
	json_object_set_new(crit, "narrative", json_string(criteria));
	json_object_set_new(a, "criteria", crit);
	json_object_set_new(a, "inLanguage", json_string(c->lang));
	json_object_set_new(a, "version", json_string(c->content_version));
	for (size_t i = 0; i < c->nmodules; i++) {
		json_t *d = json_object();
		char *urn = module_urn(c->modules[i].key), max[16];
		snprintf(max, sizeof max, "%d", c->modules[i].max_score);
		json_object_set_new(d, "id", json_string(urn));
		json_object_set_new(d, "type", strings("ResultDescription", NULL));
		json_object_set_new(d, "name", json_string(c->modules[i].title));
		json_object_set_new(d, "resultType", json_string("RawScore"));
		json_object_set_new(d, "valueMin", json_string("0"));
		json_object_set_new(d, "valueMax", json_string(max));
		json_array_append_new(rd, d);
		free(urn);
	}
	json_object_set_new(a, "resultDescription", rd);
	free(id);
	return a;
}

static json_t *subject(const struct cert_claims *c, const char *criteria,
                       const char *description)
{
	json_t *s = json_object(), *idents = json_array(), *ident = json_object(),
	       *results = json_array();
	char hash[72], ended[32];
	snprintf(hash, sizeof hash, "sha256$%s", c->identity_hash);
	json_object_set_new(ident, "type", json_string("IdentityObject"));
	json_object_set_new(ident, "hashed", json_true());
	json_object_set_new(ident, "identityHash", json_string(hash));
	json_object_set_new(ident, "identityType", json_string("identifier"));
	json_object_set_new(ident, "salt", json_string(c->id));
	json_array_append_new(idents, ident);
	json_object_set_new(s, "type", strings("AchievementSubject", NULL));
	json_object_set_new(s, "identifier", idents);
	json_object_set_new(s, "achievement", achievement(c, criteria, description));
	cert_iso_time(c->passed_ms / 1000, ended);
	json_object_set_new(s, "activityEndDate", json_string(ended));
	for (size_t i = 0; i < c->nmodules; i++) {
		json_t *r = json_object();
		char *urn = module_urn(c->modules[i].key), value[16];
		snprintf(value, sizeof value, "%d", c->modules[i].score);
		json_object_set_new(r, "type", strings("Result", NULL));
		json_object_set_new(r, "resultDescription", json_string(urn));
		json_object_set_new(r, "value", json_string(value));
		json_array_append_new(results, r);
		free(urn);
	}
	json_object_set_new(s, "result", results);
	return s;
}

json_t *cert_credential(const struct cert_claims *c, const struct sign_key *k,
                        const char *criteria, const char *description)
{
	json_t *v = json_object(), *issuer = json_object();
	char *did = sign_did_key(k->pub), *id = xconcat("urn:uuid:", c->id, NULL);
	char from[32], until[32];
	cert_iso_time(c->valid_from, from);
	cert_iso_time(c->valid_until, until);
	json_object_set_new(v, "@context", strings("https://www.w3.org/ns/credentials/v2",
	                    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
	json_object_set_new(v, "id", json_string(id));
	json_object_set_new(v, "type", strings("VerifiableCredential", "OpenBadgeCredential"));
	json_object_set_new(v, "name", json_string(c->target_title));
	json_object_set_new(issuer, "id", json_string(did));
	json_object_set_new(issuer, "type", strings("Profile", NULL));
	json_object_set_new(issuer, "name", json_string(c->issuer_name));
	json_object_set_new(v, "issuer", issuer);
	json_object_set_new(v, "validFrom", json_string(from));
	json_object_set_new(v, "validUntil", json_string(until));
	json_object_set_new(v, "credentialSubject", subject(c, criteria, description));
	free(did);
	free(id);
	return v;
}
