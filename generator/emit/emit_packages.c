/* emit_packages.c - the package table, and every package made from it;
 * see emit_packages.h and emit.h. */
#include "emit_packages.h"
#include "site_voice.h"
#include "buf.h"
#include "emit_bundle.h"
#include "emit_epub.h"
#include "emit_scorm.h"
#include "emit_sitezip.h"
#include "emit_zim.h"
#include "fs.h"
#include "pool.h"
#include "zipout.h"

#include <nettle/sha2.h>
#include <string.h>
#include <stdlib.h>

/* Packages are independent of each other (they only read the project and
 * the site), so they are built by this many threads. */
#define WORKERS 2

/* Every package.  The plan (and SHA256SUMS) lists the EMIT_ONCE rows
 * first, then per language the EMIT_PER_LANG rows, then per track and
 * language the EMIT_PER_TRACK_LANG rows, each time in this order. */
static const struct emitter packages[] = {
	/* the multilingual ZIM first: the longest job starts first */
	{ "zim",      EMIT_ONCE,           "crsv-mul.zim",               emit_zim_mul,
	  emit_zim_possible },
	{ "bundle",   EMIT_ONCE,           "kiosk.bundle",               emit_bundle, NULL },
	{ "site.zip", EMIT_ONCE,           "site.zip",                   emit_site_zip, NULL },
	{ "zim",      EMIT_PER_LANG,       "crsv-{lang}.zim",            emit_zim,
	  emit_zim_possible },
	{ "epub",     EMIT_PER_TRACK_LANG, "{track}-{lang}.epub",        emit_epub, NULL },
	{ "scorm",    EMIT_PER_TRACK_LANG, "{track}-{lang}-scorm12.zip", emit_scorm, NULL },
};
#define NPACKAGES (sizeof packages / sizeof *packages)

struct task {
	const struct emitter *em;
	struct emit_job job;   /* job.path is `path` */
	char *path;
};

struct plan {
	struct emit_job base;  /* what every job shares */
	struct task *v;
	size_t n;
};

/* <dir>/<pattern> with {track} and {lang} filled in. */
static char *package_path(const char *dir, const char *pattern,
                          const struct track *t, const char *lang)
{
	struct buf b = {0};
	buf_puts(&b, dir);
	buf_putc(&b, '/');
	for (const char *s = pattern; *s; s++) {
		if (t && !strncmp(s, "{track}", 7)) {
			buf_puts(&b, t->id);
			s += 6;
		} else if (lang && !strncmp(s, "{lang}", 6)) {
			buf_puts(&b, lang);
			s += 5;
		} else {
			buf_putc(&b, *s);
		}
	}
	return buf_take(&b);
}

/* The jobs of every row of `scope` for track `t` (or none) and language
 * `lang` (or none). */
static void plan_rows(struct plan *pl, const char *dir, enum emit_scope scope,
                      const struct track *t, size_t lang)
{
	const char *code = scope == EMIT_ONCE ? NULL : pl->base.p->site.langs[lang].code;
	for (size_t r = 0; r < NPACKAGES; r++) {
		if (packages[r].scope != scope ||
		    (packages[r].possible && !packages[r].possible()))
			continue;
		pl->v = xrealloc(pl->v, (pl->n + 1) * sizeof *pl->v);
		struct task *k = &pl->v[pl->n++];
		k->em = &packages[r];
		k->path = package_path(dir, packages[r].pattern, t, code);
		k->job = pl->base;
		k->job.track = t;
		k->job.lang = scope == EMIT_ONCE ? 0 : lang;
		k->job.path = k->path;
	}
}

static void plan(struct plan *pl, const char *dir)
{
	const struct site *s = &pl->base.p->site;
	plan_rows(pl, dir, EMIT_ONCE, NULL, 0);
	for (size_t l = 0; l < s->nlangs; l++)
		plan_rows(pl, dir, EMIT_PER_LANG, NULL, l);
	for (size_t t = 0; t < s->ntracks; t++)
		for (size_t l = 0; s->tracks[t].nmodules && l < s->nlangs; l++)
			plan_rows(pl, dir, EMIT_PER_TRACK_LANG, &s->tracks[t], l);
}

static int run_task(void *ctx, size_t i, struct err *e)
{
	struct plan *pl = ctx;
	return pl->v[i].em->run(&pl->v[i].job, e);
}

/* SHA256SUMS: "<hex>  <name>" for every package, as sha256sum writes it
 * (sha256sum -c checks a copied folder), signed for minisign when the
 * build signs. */
static int write_sums(const struct plan *pl, const char *dir, struct err *e)
{
	const struct signing *sg = pl->base.sg;
	struct buf b = {0};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < pl->n; i++) {
		char *data = NULL;
		size_t len;
		uint8_t d[SHA256_DIGEST_SIZE];
		struct sha256_ctx h;
		if ((rc = fs_read(pl->v[i].path, &data, &len, e)) < 0)
			break;
		sha256_init(&h);
		sha256_update(&h, len, (const uint8_t *)data);
		sha256_digest(&h, sizeof d, d);
		free(data);
		for (size_t k = 0; k < sizeof d; k++)
			buf_printf(&b, "%02x", d[k]);
		const char *name = strrchr(pl->v[i].path, '/');
		buf_printf(&b, "  %s\n", name ? name + 1 : pl->v[i].path);
	}
	char *sums = fs_join(dir, "SHA256SUMS");
	if (rc == 0)
		rc = fs_write_atomic(sums, b.data ? b.data : "", b.len, e);
	if (rc == 0 && sg && sg->key) {
		char *trusted = xasprintf("timestamp:%lld file:SHA256SUMS",
		                          (long long)pl->base.when);
		rc = sign_file_minisig(sg->key, sums, trusted, e);
		free(trusted);
	}
	free(sums);
	buf_free(&b);
	return rc;
}

int emit_packages(const struct project *p, struct site_pages *pages,
                  const char *site_dir, const char *dir, const struct signing *sg,
                  struct err *e)
{
	const char *inputs[] = { p->paths.content, p->paths.locales, NULL };
	struct plan pl = { .base = { .p = p, .when = build_time(inputs), .site_dir = site_dir,
	                             .pages = pages, .sg = sg } };
	int rc = -1;
	if (fs_mkdirs(dir, e) < 0 || site_voices_load(&pl.base.voices, p, NULL, e) < 0)
		goto out;
	plan(&pl, dir);
	if (pool_run(pl.n, WORKERS, run_task, &pl, e) == 0)
		rc = write_sums(&pl, dir, e);
out:
	for (size_t i = 0; i < pl.n; i++)
		free(pl.v[i].path);
	free(pl.v);
	site_voices_free(pl.base.voices);
	return rc;
}
