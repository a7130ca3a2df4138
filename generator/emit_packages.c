/* emit_packages.c - every offline package, two at a time; see
 * emit_packages.h. */
#include "emit_packages.h"
#include "site_voice.h"
#include "buf.h"
#include "emit_bundle.h"
#include "emit_epub.h"
#include "emit_scorm.h"
#include "emit_zim.h"
#include "fs.h"
#include "zipout.h"

#include <nettle/sha2.h>
#include <pthread.h>
#include <string.h>
#include <stdlib.h>

/* Packages are independent of each other (they only read the project and
 * the site), so they are built by this many threads. */
#define WORKERS 2

enum kind { SITE_ZIP, EPUB, SCORM, BUNDLE, ZIM };

struct task {
	enum kind kind;
	const struct track *track;
	size_t lang;
	char *path;
	struct err e;
	int rc;
};

struct jobs {
	const struct project *p;
	const struct signing *sg;
	const char *site, *scorm_dir;
	time_t when;
	struct site_voices *voices;   /* narration, loaded once: libgettextpo
	                                 (which reads the PO files for it) is
	                                 not safe on several threads */
	struct task *v;
	size_t n;
	size_t next;   /* the next task to take (atomic) */
	int stop;      /* set when a task failed (atomic) */
};

/* The site as one archive, under a "crsv-site/" folder so unzipping it
 * does not scatter files; index.html inside opens over file://. */
static int emit_site_zip(const char *site, const char *path, time_t when,
                         struct err *e)
{
	struct zipout *z;
	if (zipout_open(&z, path, when, e) < 0)
		return -1;
	if (zipout_add_tree(z, site, "crsv-site/", NULL, NULL, e) < 0) {
		zipout_abort(z);
		return -1;
	}
	return zipout_close(z, e);
}

static int run_task(struct jobs *j, struct task *t)
{
	switch (t->kind) {
	case SITE_ZIP:
		return emit_site_zip(j->site, t->path, j->when, &t->e);
	case EPUB:
		return emit_epub(j->p, t->track, t->lang, t->path, j->when, j->voices, &t->e);
	case SCORM:
		return emit_scorm(j->p, t->track, t->lang, j->scorm_dir, j->site, t->path,
		                  j->when, &t->e);
	case BUNDLE:
		return emit_bundle(j->p, t->path, j->sg, &t->e);
	case ZIM:
		return emit_zim(j->p, j->site, t->lang, t->path, &t->e);
	}
	return -1;
}

static void *work(void *arg)
{
	struct jobs *j = arg;
	size_t i;
	while (!__atomic_load_n(&j->stop, __ATOMIC_RELAXED) &&
	       (i = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED)) < j->n)
		if ((j->v[i].rc = run_task(j, &j->v[i])) < 0)
			__atomic_store_n(&j->stop, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void add_task(struct jobs *j, enum kind kind, const struct track *t,
                     size_t lang, char *path)
{
	j->v = xrealloc(j->v, (j->n + 1) * sizeof *j->v);
	j->v[j->n++] = (struct task){ .kind = kind, .track = t, .lang = lang, .path = path };
}

/* kiosk.bundle, site.zip, then a book and a course per track and language:
 * <track>-<lang>.epub, <track>-<lang>-scorm12.zip; then, when zimwriterfs
 * is installed, crsv-mul.zim and crsv-<lang>.zim per language. */
static void plan(struct jobs *j, const char *dir)
{
	const struct site *s = &j->p->site;
	add_task(j, BUNDLE, NULL, 0, fs_join(dir, "kiosk.bundle"));
	add_task(j, SITE_ZIP, NULL, 0, fs_join(dir, "site.zip"));
	for (size_t t = 0; t < s->ntracks; t++) {
		if (!s->tracks[t].nmodules)
			continue;
		for (size_t l = 0; l < s->nlangs; l++) {
			const char *id = s->tracks[t].id, *code = s->langs[l].code;
			add_task(j, EPUB, &s->tracks[t], l,
			         xconcat(dir, "/", id, "-", code, ".epub", NULL));
			add_task(j, SCORM, &s->tracks[t], l,
			         xconcat(dir, "/", id, "-", code, "-scorm12.zip", NULL));
		}
	}
	/* the multilingual one, the longest to pack, first */
	for (size_t l = 0, zim = emit_zim_possible(); zim && l <= s->nlangs; l++)
		add_task(j, ZIM, NULL, l ? l - 1 : ZIM_ALL_LANGS, l
		         ? xconcat(dir, "/crsv-", s->langs[l - 1].code, ".zim", NULL)
		         : fs_join(dir, "crsv-mul.zim"));
}

/* SHA256SUMS: "<hex>  <name>" for every package, as sha256sum writes it
 * (sha256sum -c checks a copied folder), signed for minisign when the
 * build signs. */
static int write_sums(const struct jobs *j, const char *dir, struct err *e)
{
	struct buf b = {0};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < j->n; i++) {
		char *data = NULL;
		size_t len;
		uint8_t d[SHA256_DIGEST_SIZE];
		struct sha256_ctx h;
		if ((rc = fs_read(j->v[i].path, &data, &len, e)) < 0)
			break;
		sha256_init(&h);
		sha256_update(&h, len, (const uint8_t *)data);
		sha256_digest(&h, sizeof d, d);
		free(data);
		for (size_t k = 0; k < sizeof d; k++)
			buf_printf(&b, "%02x", d[k]);
		const char *name = strrchr(j->v[i].path, '/');
		buf_printf(&b, "  %s\n", name ? name + 1 : j->v[i].path);
	}
	char *sums = fs_join(dir, "SHA256SUMS");
	if (rc == 0)
		rc = fs_write_atomic(sums, b.data ? b.data : "", b.len, e);
	if (rc == 0 && j->sg && j->sg->key) {
		char *trusted = xasprintf("timestamp:%lld file:SHA256SUMS", (long long)j->when);
		rc = sign_file_minisig(j->sg->key, sums, trusted, e);
		free(trusted);
	}
	free(sums);
	buf_free(&b);
	return rc;
}

int emit_packages(const struct project *p, const char *site,
                  const char *scorm_dir, const char *dir, const struct signing *sg,
                  struct err *e)
{
	const char *inputs[] = { p->paths.content, p->paths.locales, NULL };
	struct jobs j = { .p = p, .sg = sg, .site = site, .scorm_dir = scorm_dir,
	                  .when = build_time(inputs) };
	pthread_t threads[WORKERS];
	int started = 0, rc = 0;
	if (fs_mkdirs(dir, e) < 0 || site_voices_load(&j.voices, p, NULL, e) < 0) {
		site_voices_free(j.voices);
		return -1;
	}
	plan(&j, dir);
	for (int i = 0; i < WORKERS; i++)
		if (pthread_create(&threads[i], NULL, work, &j) == 0)
			started++;
	if (!started)
		work(&j);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	/* report the first failed task in plan order, whatever the timing */
	for (size_t i = 0; i < j.n; i++) {
		if (rc == 0 && j.v[i].rc < 0) {
			if (e)
				*e = j.v[i].e;
			rc = -1;
		}
	}
	if (rc == 0)
		rc = write_sums(&j, dir, e);
	for (size_t i = 0; i < j.n; i++)
		free(j.v[i].path);
	free(j.v);
	site_voices_free(j.voices);
	return rc;
}
