/* certify.c - certificates for those who passed; see certify.h. */
#include "certify.h"
#include "buf.h"
#include "cert.h"
#include "certpdf.h"
#include "csv.h"
#include "fs.h"
#include "project.h"
#include "records.h"
#include "translate.h"
#include "ui.h"
#include "utc.h"
#include "vc.h"

#include <nettle/hmac.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_VALID_DAYS 730

/* A person's best passing attempt at a module. */
struct pass {
	char *person, *module, *lang, *version;
	int score, max_score;
	int64_t finished;
};

/* What a certificate is for: a track (its modules with a quiz), or one
 * module. */
struct target {
	const char *id;
	const struct text *title;
	const struct module **modules;
	size_t nmodules;
	int is_track;
};

struct run {
	const struct certify_options *o;
	struct project p;
	struct sign_key key;
	char key_id[2 * SIGN_ID_SIZE + 1];
	struct pass *passes;
	size_t npasses;
	struct target *targets;
	size_t ntargets;
	int64_t now;              /* seconds */
	int valid_days;
	enum certpdf_paper paper;
	struct buf index;         /* certificates.csv */
	int written;
};

/* ---- reading ------------------------------------------------------------ */

static char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}

/* Every person's best passing attempt at each module (the highest score,
 * then the latest), sorted by person. */
static int load_passes(struct run *r, struct err *e)
{
	static const char sql[] =
		"SELECT person_ref, module_id, score, max_score, finished_at, lang, content_version"
		" FROM completions WHERE mode = 'personnel' AND passed = 1"
		" AND (?1 IS NULL OR person_ref = ?1)"   /* ?1: --person, or NULL */
		" ORDER BY person_ref, module_id, score DESC, finished_at DESC";
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc = -1, step;
	if (records_open_readonly(&db, r->o->records, e) < 0)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		err_set(e, r->o->records, 0, "cannot read the completions: %s", sqlite3_errmsg(db));
		goto done;
	}
	if (r->o->person)
		sqlite3_bind_text(st, 1, r->o->person, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *person = (const char *)sqlite3_column_text(st, 0),
		           *module = (const char *)sqlite3_column_text(st, 1);
		struct pass *last = r->npasses ? &r->passes[r->npasses - 1] : NULL;
		if (!person || !module)
			continue;
		if (last && !strcmp(last->person, person) && !strcmp(last->module, module))
			continue;   /* a lower or earlier pass of the same module */
		if (r->npasses == cap) {
			cap = cap ? 2 * cap : 256;
			r->passes = xrealloc(r->passes, cap * sizeof *r->passes);
		}
		r->passes[r->npasses++] = (struct pass){
			xstrdup(person), xstrdup(module), column_text(st, 5), column_text(st, 6),
			sqlite3_column_int(st, 2), sqlite3_column_int(st, 3), sqlite3_column_int64(st, 4)
		};
	}
	if (step != SQLITE_DONE) {
		err_set(e, r->o->records, 0, "cannot read the completions: %s", sqlite3_errmsg(db));
		goto done;
	}
	rc = 0;
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

static void add_target(struct run *r, const char *id, const struct text *title,
                       const struct module *const *mods, size_t n, int is_track)
{
	struct target t = { id, title, xcalloc(n ? n : 1, sizeof *t.modules), 0, is_track };
	for (size_t i = 0; i < n; i++)
		if (mods[i]->quiz)   /* a module without a quiz cannot be passed */
			t.modules[t.nmodules++] = mods[i];
	if (!t.nmodules) {
		free(t.modules);
		return;
	}
	r->targets = xrealloc(r->targets, (r->ntargets + 1) * sizeof *r->targets);
	r->targets[r->ntargets++] = t;
}

/* --track as a track or a module; without it, every track for personnel. */
static int find_targets(struct run *r, struct err *e)
{
	const struct site *s = &r->p.site;
	const char *want = r->o->track;
	if (want && strchr(want, '/')) {
		const struct module *m = content_find(&r->p.content, want);
		if (!m)
			return err_set(e, r->o->content, 0, "--track %s: no such module in the content", want);
		if (!m->quiz)
			return err_set(e, r->o->content, 0, "--track %s: the module has no quiz to pass",
			               want);
		add_target(r, m->key, &m->title, &m, 1, 0);
		return 0;
	}
	for (size_t i = 0; i < s->ntracks; i++) {
		const struct track *t = &s->tracks[i];
		if (want ? strcmp(t->id, want) : !strcmp(t->audience, "community"))
			continue;
		add_target(r, t->id, &t->title, (const struct module *const *)t->modules,
		           t->nmodules, 1);
	}
	if (!r->ntargets)
		return err_set(e, r->o->content, 0, want ? "--track %s: no such track with a quiz "
		               "(tracks are in site.yaml; a module is written track/NN-id)"
		               : "no track for personnel has a quiz", want);
	return 0;
}

/* ---- one certificate ------------------------------------------------------ */

static const char *tr(const struct run *r, size_t li, const char *ctxt, const char *src)
{
	return project_text(&r->p, li, ctxt, src, NULL);
}

static const char *word(const struct run *r, size_t li, const char *key)
{
	return project_ui_text(&r->p, li, key);
}

/* A value set apart left to right, so an ID or date inside Arabic keeps
 * its order (U+2066 ... U+2069). */
static char *isolate(const char *s)
{
	return xconcat("\u2066", s, "\u2069", NULL);
}

static char *fill1(const char *pattern, const char *name, const char *value)
{
	char *v = isolate(value);
	const char *names[] = { name }, *values[] = { v };
	char *s = ui_fill(pattern, names, values, 1);
	free(v);
	return s;
}

/* The credential's id: a UUID (version 8, RFC 9562) from HMAC-SHA256 of
 * the person, the target and the day under the issuer's secret, so a rerun
 * the same day issues the same certificate, and nobody without the key
 * can tell whose it is. */
static void credential_id(const struct run *r, const char *person, const char *target,
                          char out[37])
{
	struct hmac_sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	char day[32];
	snprintf(day, sizeof day, "%lld", (long long)(r->now / 86400));
	hmac_sha256_set_key(&h, SIGN_KEY_SIZE, r->key.secret);
	hmac_sha256_update(&h, 10, (const uint8_t *)"crsv-cert");   /* with its NUL */
	hmac_sha256_update(&h, strlen(person) + 1, (const uint8_t *)person);
	hmac_sha256_update(&h, strlen(target) + 1, (const uint8_t *)target);
	hmac_sha256_update(&h, strlen(day), (const uint8_t *)day);
	hmac_sha256_digest(&h, sizeof d, d);
	d[6] = (uint8_t)(0x80 | (d[6] & 0x0f));
	d[8] = (uint8_t)(0x80 | (d[8] & 0x3f));
	static const char digits[] = "0123456789abcdef";
	char *o = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = digits[d[i] >> 4];
		*o++ = digits[d[i] & 15];
	}
	*o = '\0';
}

/* The site language of the certificate: --lang, else that of the
 * person's latest pass among the target's modules, else the source. */
static size_t pick_lang(const struct run *r, const struct pass *latest)
{
	const char *code = r->o->lang ? r->o->lang : latest->lang;
	const struct lang *l = site_lang(&r->p.site, code);
	if (!l)
		l = site_lang(&r->p.site, r->p.site.source_lang);
	return (size_t)(l - r->p.site.langs);
}

static void day_of(int64_t s, char out[32])
{
	cert_iso_time(s, out);
	out[10] = '\0';
}

/* The claims of a person's certificate for `t`, whose modules' passes are
 * `got` (in the target's order). */
static void make_claims(struct run *r, const char *person, const struct target *t,
                        const struct pass *const *got, struct cert_claims *c)
{
	const struct pass *latest = got[0];
	for (size_t i = 1; i < t->nmodules; i++)
		if (got[i]->finished > latest->finished)
			latest = got[i];
	size_t li = pick_lang(r, latest);
	memset(c, 0, sizeof *c);
	credential_id(r, person, t->id, c->id);
	c->target = xstrdup(t->id);
	c->target_title = xstrdup(tr(r, li, NULL, t->title->src));
	c->is_track = t->is_track;
	c->lang = xstrdup(r->p.site.langs[li].code);
	c->rtl = r->p.site.langs[li].rtl;
	c->content_version = xstrdup(latest->version);
	cert_identity_hash(person, c->id, c->identity_hash);
	c->passed_ms = latest->finished;
	c->valid_from = r->now;
	c->valid_until = r->now + (int64_t)r->valid_days * 86400;
	c->issuer_name = xstrdup(r->o->issuer_name ? r->o->issuer_name
	                                           : tr(r, li, NULL, r->p.site.title.src));
	c->modules = xcalloc(t->nmodules, sizeof *c->modules);
	c->nmodules = t->nmodules;
	for (size_t i = 0; i < t->nmodules; i++)
		c->modules[i] = (struct cert_module){
			xstrdup(t->modules[i]->key), xstrdup(tr(r, li, NULL, t->modules[i]->title.src)),
			got[i]->score, got[i]->max_score, got[i]->finished
		};
}

/* "Module A (9/10, 2026-11-02); Module B (8/10, 2026-11-03)". */
static char *modules_line(const struct cert_claims *c)
{
	struct buf b = {0};
	char day[32];
	for (size_t i = 0; i < c->nmodules; i++) {
		day_of(c->modules[i].passed_ms / 1000, day);
		buf_printf(&b, "%s%s (\u2066%d/%d\u2069, \u2066%s\u2069)", i ? "; " : "",
		           c->modules[i].title, c->modules[i].score, c->modules[i].max_score, day);
	}
	buf_putc(&b, '\0');
	return buf_take(&b);
}

static int write_credential(struct run *r, const struct cert_claims *c, size_t li,
                            const char *path, struct err *e)
{
	char created[32], *mods = modules_line(c);
	char *description = ui_fill(word(r, li, "cert_description"),
	                            (const char *[]){ "{modules}" }, (const char *[]){ mods }, 1);
	json_t *v = cert_credential(c, &r->key, word(r, li, "cert_criteria"), description);
	cert_iso_time(r->now, created);
	int rc = vc_prove(v, &r->key, created, e);
	if (rc == 0) {
		char *text = json_dumps(v, JSON_INDENT(2));
		struct buf b = {0};
		buf_puts(&b, text);
		buf_putc(&b, '\n');
		rc = fs_write_atomic(path, b.data, b.len, e);
		buf_free(&b);
		free(text);
	}
	json_decref(v);
	free(description);
	free(mods);
	return rc;
}

static int write_pdf(struct run *r, const struct cert_claims *c, size_t li, const char *person,
                     const char *payload, const char *path, struct err *e)
{
	struct certpdf_row *rows = xcalloc(c->nmodules, sizeof *rows);
	char **cells = xcalloc(2 * c->nmodules, sizeof *cells);
	char from[32], until[32], version[16], created[32];
	day_of(c->valid_from, from);
	day_of(c->valid_until, until);
	cert_iso_time(c->valid_from, created);
	snprintf(version, sizeof version, "%.12s", c->content_version);
	for (size_t i = 0; i < c->nmodules; i++) {
		char day[32];
		day_of(c->modules[i].passed_ms / 1000, day);
		cells[2 * i] = xasprintf("\u2066%d/%d\u2069", c->modules[i].score, c->modules[i].max_score);
		cells[2 * i + 1] = isolate(day);
		rows[i] = (struct certpdf_row){ { c->modules[i].title, cells[2 * i], cells[2 * i + 1] } };
	}
	char *fv = isolate(from), *uv = isolate(until);
	char *details[4] = {
		fill1(word(r, li, "cert_content_version"), "{version}", version),
		ui_fill(word(r, li, "cert_valid"), (const char *[]){ "{from}", "{until}" },
		        (const char *[]){ fv, uv }, 2),
		NULL,
		fill1(word(r, li, "cert_id"), "{id}", c->id),
	};
	char *key = isolate(r->key_id);
	details[2] = ui_fill(word(r, li, "cert_issuer"), (const char *[]){ "{issuer}", "{key}" },
	                     (const char *[]){ c->issuer_name, key }, 2);
	char *holder = fill1(word(r, li, "cert_holder"), "{person}", person);
	char *keywords = xconcat("urn:uuid:", c->id, NULL);
	struct certpdf_page pg = {
		r->paper, c->lang, c->rtl, c->issuer_name, word(r, li, "cert_title"), holder,
		word(r, li, c->is_track ? "cert_track_done" : "cert_module_done"), c->target_title,
		{ word(r, li, "cert_module"), word(r, li, "cert_score"), word(r, li, "cert_passed_on") },
		rows, c->nmodules, (const char *const *)details, 4, word(r, li, "cert_verify_help"),
		payload, keywords, created
	};
	int rc = certpdf_write(path, &pg, e);
	for (size_t i = 0; i < 2 * c->nmodules; i++)
		free(cells[i]);
	for (size_t i = 0; i < 4; i++)
		free(details[i]);
	free(cells);
	free(rows);
	free(fv);
	free(uv);
	free(key);
	free(holder);
	free(keywords);
	return rc;
}

static int issue(struct run *r, const char *person, const struct target *t,
                 const struct pass *const *got, struct err *e)
{
	struct cert_claims c;
	char until[32];
	make_claims(r, person, t, got, &c);
	size_t li = (size_t)(site_lang(&r->p.site, c.lang) - r->p.site.langs);
	char *payload = cert_payload(&c, &r->key);
	char *json = xasprintf("%s/%s.json", r->o->out, c.id),
	     *pdf = xasprintf("%s/%s.pdf", r->o->out, c.id),
	     *txt = xasprintf("%s/%s.txt", r->o->out, c.id), *line = xconcat(payload, "\n", NULL);
	int rc = write_credential(r, &c, li, json, e);
	if (rc == 0)
		rc = fs_write_atomic(txt, line, strlen(line), e);
	if (rc == 0)
		rc = write_pdf(r, &c, li, person, payload, pdf, e);
	if (rc == 0) {
		day_of(c.valid_until, until);
		csv_text(&r->index, 1, person);
		csv_text(&r->index, 0, t->id);
		csv_text(&r->index, 0, c.id);
		csv_text(&r->index, 0, c.lang);
		csv_text(&r->index, 0, until);
		csv_end_row(&r->index);
		r->written++;
	}
	free(json);
	free(pdf);
	free(txt);
	free(line);
	free(payload);
	cert_claims_free(&c);
	return rc;
}

/* For each person, each target of which they passed every module. */
static int issue_all(struct run *r, struct err *e)
{
	size_t most = 0;
	for (size_t k = 0; k < r->ntargets; k++)
		if (r->targets[k].nmodules > most)
			most = r->targets[k].nmodules;
	const struct pass **got = xcalloc(most, sizeof *got);
	int rc = 0;
	for (size_t i = 0, j; i < r->npasses && rc == 0; i = j) {
		for (j = i; j < r->npasses && !strcmp(r->passes[j].person, r->passes[i].person); j++)
			;
		for (size_t k = 0; k < r->ntargets && rc == 0; k++) {
			const struct target *t = &r->targets[k];
			size_t have = 0;
			for (size_t m = 0; m < t->nmodules; m++) {
				got[m] = NULL;
				for (size_t q = i; q < j && !got[m]; q++)
					if (!strcmp(r->passes[q].module, t->modules[m]->key))
						got[m] = &r->passes[q];
				have += got[m] != NULL;
			}
			if (have == t->nmodules)
				rc = issue(r, r->passes[i].person, t, got, e);
		}
	}
	free(got);
	return rc;
}

/* ---- the command ---------------------------------------------------------- */

static int check_options(struct run *r, struct err *e)
{
	const struct certify_options *o = r->o;
	if (!o->records || !o->key || !o->out)
		return err_set(e, "", 0, "certify needs --records MASTER.db, --key ISSUER.key and "
		               "--out DIR (see crsv-gen help certify)");
	r->valid_days = DEFAULT_VALID_DAYS;
	if (o->valid_days) {
		char *end;
		long d = strtol(o->valid_days, &end, 10);
		if (*end || end == o->valid_days || d < 1 || d > 36500)
			return err_set(e, "", 0, "--valid-days %s: a number of days, 1 to 36500",
			               o->valid_days);
		r->valid_days = (int)d;
	}
	r->paper = PAPER_A4;
	if (o->paper && !strcmp(o->paper, "letter"))
		r->paper = PAPER_LETTER;
	else if (o->paper && strcmp(o->paper, "a4"))
		return err_set(e, "", 0, "--paper %s: a4 or letter", o->paper);
	if (sign_key_read(&r->key, o->key, e) < 0)
		return -1;
	if (!r->key.has_secret)
		return err_set(e, o->key, 0, "this is a public key: certify signs with the issuer's "
		               "secret key (issuer.key from crsv-gen keygen)");
	sign_key_id_hex(&r->key, r->key_id);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	r->now = sde && *sde ? strtoll(sde, NULL, 10) : (int64_t)time(NULL);
	return 0;
}

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->npasses; i++) {
		free(r->passes[i].person);
		free(r->passes[i].module);
		free(r->passes[i].lang);
		free(r->passes[i].version);
	}
	free(r->passes);
	for (size_t i = 0; i < r->ntargets; i++)
		free(r->targets[i].modules);
	free(r->targets);
	buf_free(&r->index);
	project_free(&r->p);
	memset(&r->key, 0, sizeof r->key);
}

int certify_run(const struct certify_options *o, struct err *e)
{
	struct run r;
	memset(&r, 0, sizeof r);
	r.o = o;
	struct paths paths = { o->content, o->locales, o->assets, o->out, "" };
	int rc = -1;
	if (check_options(&r, e) < 0 || project_load(&r.p, &paths, 1, e) < 0 ||
	    find_targets(&r, e) < 0 || load_passes(&r, e) < 0 || fs_mkdirs(o->out, e) < 0)
		goto done;
	csv_begin(&r.index);
	csv_text(&r.index, 1, "person_ref");
	csv_text(&r.index, 0, "track");
	csv_text(&r.index, 0, "certificate");
	csv_text(&r.index, 0, "lang");
	csv_text(&r.index, 0, "valid_until");
	csv_end_row(&r.index);
	if (issue_all(&r, e) < 0)
		goto done;
	char *index = fs_join(o->out, "certificates.csv");
	rc = fs_write_atomic(index, r.index.data, r.index.len, e);
	free(index);
	if (rc == 0)
		rc = r.written;
done:
	run_free(&r);
	return rc;
}
