/* verify.c - checking a certificate; see verify.h. */
#include "verify.h"
#include "cert.h"
#include "fs.h"
#include "jcs.h"
#include "sign.h"
#include "vc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct trusted {
	struct sign_key *keys;
	size_t n;
};

/* One key file, of which only the public half is kept. */
static int read_key(struct trusted *t, const char *path, struct err *e)
{
	struct sign_key k;
	if (sign_key_read(&k, path, e) < 0)
		return -1;
	memset(k.secret, 0, sizeof k.secret);
	k.has_secret = 0;
	t->keys = xrealloc(t->keys, (t->n + 1) * sizeof *t->keys);
	t->keys[t->n++] = k;
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && !strcmp(s + n - m, tail);
}

/* --issuer: a key, or every .pub and .did in a folder. */
static int load_trusted(struct trusted *t, const char *path, struct err *e)
{
	if (!path)
		return err_set(e, "", 0, "verify needs --issuer KEY: the issuer's public key you "
		               "trust (issuer.pub or issuer.did from crsv-gen keygen), or a folder "
		               "of them");
	if (!fs_is_dir(path))
		return read_key(t, path, e);
	char **names = NULL;
	size_t n = 0;
	int rc = fs_list(path, &names, &n, e);
	for (size_t i = 0; i < n && rc == 0; i++)
		if ((ends_with(names[i], ".pub") && !ends_with(names[i], ".minisign.pub")) ||
		    ends_with(names[i], ".did")) {
			char *full = fs_join(path, names[i]);
			rc = read_key(t, full, e);
			free(full);
		}
	fs_list_free(names, n);
	if (rc == 0 && !t->n)
		rc = err_set(e, path, 0, "no issuer key here (NAME.pub or NAME.did)");
	return rc;
}

static void say_day(struct buf *said, const char *label, int64_t s)
{
	char t[32];
	cert_iso_time(s, t);
	t[10] = '\0';
	buf_printf(said, "  %-16s %s\n", label, t);
}

/* The validity window against today. */
static int check_dates(const char *path, int64_t from, int64_t until, int has_until,
                       struct err *e)
{
	int64_t now = (int64_t)time(NULL);
	char t[32];
	if (now < from) {
		cert_iso_time(from, t);
		return err_set(e, path, 0, "not valid yet: valid from %s", t);
	}
	if (has_until && now > until) {
		cert_iso_time(until, t);
		return err_set(e, path, 0, "expired: it was valid until %s", t);
	}
	return 0;
}

static const char *member_text(const json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* Whose key: the trusted key that is the proof's signer, or -1. */
static int trusted_index(const struct trusted *t, const struct sign_key *k)
{
	for (size_t i = 0; i < t->n; i++)
		if (!memcmp(t->keys[i].pub, k->pub, SIGN_KEY_SIZE))
			return (int)i;
	return -1;
}

static void say_results(const json_t *subject, const json_t *achievement, struct buf *said)
{
	const json_t *rd = json_object_get(achievement, "resultDescription");
	const json_t *results = json_object_get(subject, "result");
	for (size_t i = 0; i < json_array_size(results); i++) {
		const json_t *res = json_array_get(results, i);
		const char *ref = member_text(res, "resultDescription"), *name = ref, *max = NULL;
		for (size_t k = 0; k < json_array_size(rd); k++) {
			const json_t *d = json_array_get(rd, k);
			if (ref && member_text(d, "id") && !strcmp(member_text(d, "id"), ref)) {
				name = member_text(d, "name");
				max = member_text(d, "valueMax");
			}
		}
		buf_printf(said, "    %s: %s%s%s\n", name ? name : "?", member_text(res, "value"),
		           max ? "/" : "", max ? max : "");
	}
}

/* The holder: with --person, whether the hash is theirs. */
static int check_holder(const char *path, const char *person, const char *hash,
                        const char *salt, size_t digits, struct buf *said, struct err *e)
{
	char mine[65];
	if (!person) {
		buf_printf(said, "  %-16s the person whose ID hashes to %s (give --person ID to "
		           "check it is theirs)\n", "to:", hash);
		return 0;
	}
	cert_identity_hash(person, salt, mine);
	if (strlen(hash) < digits || strncmp(mine, hash, digits))
		return err_set(e, path, 0, "not issued to the person with the ID %s", person);
	buf_printf(said, "  %-16s the person with the ID %s (checked)\n", "to:", person);
	return 0;
}

static int verify_json(const struct verify_options *o, const char *text, size_t n,
                       const struct trusted *t, struct buf *said, struct err *e)
{
	struct sign_key signer;
	const char *created;
	int64_t from = 0, until = 0;
	int rc = -1;
	json_t *v = jcs_parse(text, n, o->file, e);
	if (!v)
		return -1;
	if (vc_check(v, o->file, &signer, &created, e) < 0)
		goto done;
	char *did = sign_did_key(signer.pub);
	const json_t *issuer = json_object_get(v, "issuer");
	const char *issuer_id = json_is_string(issuer) ? json_string_value(issuer)
	                                               : member_text(issuer, "id");
	if (!issuer_id || strcmp(issuer_id, did)) {
		err_set(e, o->file, 0, "the issuer (%s) is not the key that signed it (%s)",
		        issuer_id ? issuer_id : "none", did);
		free(did);
		goto done;
	}
	if (trusted_index(t, &signer) < 0) {
		err_set(e, o->file, 0, "signed by %s, which is not an issuer you trust (%s)", did,
		        o->issuer);
		free(did);
		goto done;
	}
	free(did);
	if (cert_parse_iso_time(member_text(v, "validFrom"), &from) < 0 ||
	    (json_object_get(v, "validUntil") &&
	     cert_parse_iso_time(member_text(v, "validUntil"), &until) < 0)) {
		err_set(e, o->file, 0, "validFrom or validUntil is not a UTC time "
		        "(YYYY-MM-DDTHH:MM:SSZ)");
		goto done;
	}
	const json_t *subject = json_object_get(v, "credentialSubject");
	const json_t *ach = json_object_get(subject, "achievement");
	const json_t *ident = json_array_get(json_object_get(subject, "identifier"), 0);
	const char *hash = member_text(ident, "identityHash"), *salt = member_text(ident, "salt");
	buf_printf(said, "%s: a certificate signed by the issuer you trust, unchanged since\n",
	           o->file);
	buf_printf(said, "  %-16s %s\n", "certificate:", member_text(v, "id"));
	buf_printf(said, "  %-16s %s (%s)\n", "issued by:", member_text(issuer, "name"),
	           issuer_id);
	buf_printf(said, "  %-16s %s\n", "for:", member_text(ach, "name"));
	say_results(subject, ach, said);
	buf_printf(said, "  %-16s %s\n", "content:", member_text(ach, "version"));
	buf_printf(said, "  %-16s %.10s\n", "passed on:", member_text(subject, "activityEndDate"));
	say_day(said, "valid from:", from);
	if (json_object_get(v, "validUntil"))
		say_day(said, "valid until:", until);
	if (check_holder(o->file, o->person, hash && !strncmp(hash, "sha256$", 7) ? hash + 7 : "",
	                 salt ? salt : "", 64, said, e) < 0)
		goto done;
	rc = check_dates(o->file, from, until, json_object_get(v, "validUntil") != NULL, e);
done:
	json_decref(v);
	return rc;
}

static int verify_code(const struct verify_options *o, const char *text,
                       const struct trusted *t, struct buf *said, struct err *e)
{
	struct cert_claims c;
	size_t signer;
	if (cert_payload_check(text, t->keys, t->n, &c, &signer, e) < 0) {
		snprintf(e->file, sizeof e->file, "%s", o->file);
		return -1;
	}
	char id[2 * SIGN_ID_SIZE + 1];
	sign_key_id_hex(&t->keys[signer], id);
	buf_printf(said, "%s: a certificate code signed by the issuer you trust (key %s), "
	           "unchanged since\n", o->file, id);
	buf_printf(said, "  %-16s urn:uuid:%s\n", "certificate:", c.id);
	buf_printf(said, "  %-16s %s %s, in %s\n", "for:", c.is_track ? "track" : "module",
	           c.target, c.lang);
	for (size_t i = 0; i < c.nmodules; i++)
		buf_printf(said, "    module %zu: %d/%d\n", i + 1, c.modules[i].score,
		           c.modules[i].max_score);
	buf_printf(said, "  %-16s %s...\n", "content:", c.content_version);
	say_day(said, "passed on:", c.passed_ms / 1000);
	say_day(said, "valid from:", c.valid_from);
	say_day(said, "valid until:", c.valid_until);
	int rc = check_holder(o->file, o->person, c.identity_hash, c.id, 16, said, e);
	if (rc == 0)
		rc = check_dates(o->file, c.valid_from, c.valid_until, 1, e);
	cert_claims_free(&c);
	return rc;
}

static int read_input(const char *file, char **text, size_t *n, struct err *e)
{
	if (strcmp(file, "-"))
		return fs_read(file, text, n, e);
	struct buf b = {0};
	char chunk[4096];
	ssize_t got;
	while ((got = read(0, chunk, sizeof chunk)) > 0)
		buf_put(&b, chunk, (size_t)got);
	buf_putc(&b, '\0');
	*n = b.len - 1;
	*text = buf_take(&b);
	return 0;
}

int verify_run(const struct verify_options *o, struct buf *said, struct err *e)
{
	struct trusted t = { NULL, 0 };
	char *text = NULL;
	size_t n = 0;
	int rc = -1;
	if (!o->file) {
		err_set(e, "", 0, "verify needs a FILE: the certificate's .json, or its code (.txt, "
		        "or - to read it from standard input)");
		goto done;
	}
	if (load_trusted(&t, o->issuer, e) < 0 || read_input(o->file, &text, &n, e) < 0)
		goto done;
	const char *p = text;
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	if (*p == '{')
		rc = verify_json(o, text, n, &t, said, e);
	else
		rc = verify_code(o, p, &t, said, e);
done:
	free(t.keys);
	free(text);
	return rc;
}
