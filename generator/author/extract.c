/* extract.c - POT extraction and PO merging; see extract.h. */
#include "extract.h"
#include "buf.h"
#include "fs.h"
#include "pofile.h"
#include "strmap.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FUZZY_THRESHOLD 0.6

struct ref {
	const char *file;
	int line;
};

struct pot_entry {
	const char *ctxt;    /* borrowed from the project */
	char *msgid;
	struct ref *refs;
	size_t nrefs;
};

struct pot {
	struct pot_entry *v;
	size_t n, cap;
	struct strmap *index;   /* key -> position + 1 */
};

static int collect(void *ctx, const struct unit *u)
{
	struct pot *pot = ctx;
	char *k = catalog_key(u->ctxt, u->msgid, NULL);
	size_t pos = (size_t)strmap_get(pot->index, k);
	if (!pos) {
		if (pot->n == pot->cap) {
			pot->cap = pot->cap ? pot->cap * 2 : 256;
			pot->v = xrealloc(pot->v, pot->cap * sizeof *pot->v);
		}
		struct pot_entry *en = &pot->v[pot->n++];
		memset(en, 0, sizeof *en);
		en->ctxt = u->ctxt;
		en->msgid = xstrdup(u->msgid);
		pos = pot->n;
		strmap_put(pot->index, k, (void *)pos);
	}
	struct pot_entry *en = &pot->v[pos - 1];
	en->refs = xrealloc(en->refs, (en->nrefs + 1) * sizeof *en->refs);
	en->refs[en->nrefs++] = (struct ref){ u->file, u->line };
	free(k);
	return 0;
}

static void pot_free(struct pot *pot)
{
	for (size_t i = 0; i < pot->n; i++) {
		free(pot->v[i].msgid);
		free(pot->v[i].refs);
	}
	free(pot->v);
	strmap_free(pot->index, NULL);
}

/* ---- headers ---------------------------------------------------------- */

static char *creation_date(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;
	char s[64];
	gmtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y-%m-%d %H:%M+0000", &tm);
	return xstrdup(s);
}

static char *pot_header(const char *date)
{
	return xasprintf(
		"Project-Id-Version: crsv-kit content\n"
		"Report-Msgid-Bugs-To: \n"
		"POT-Creation-Date: %s\n"
		"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
		"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
		"Language-Team: LANGUAGE <LL@li.org>\n"
		"Language: \n"
		"MIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=UTF-8\n"
		"Content-Transfer-Encoding: 8bit\n", date);
}

static char *new_po_header(const char *code, const char *name, const char *date)
{
	return xasprintf(
		"Project-Id-Version: crsv-kit content\n"
		"Report-Msgid-Bugs-To: \n"
		"POT-Creation-Date: %s\n"
		"PO-Revision-Date: %s\n"
		"Last-Translator: none yet\n"
		"Language-Team: %s\n"
		"Language: %s\n"
		"MIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=UTF-8\n"
		"Content-Transfer-Encoding: 8bit\n"
		"Plural-Forms: nplurals=2; plural=(n != 1);\n"
		"X-Review-Status: draft\n", date, date, name, code);
}

static void add_header(po_message_iterator_t it, const char *header,
                       const char *comments)
{
	po_message_t m = po_message_create();
	po_message_set_msgid(m, "");
	po_message_set_msgstr(m, header);
	if (comments)
		po_message_set_comments(m, comments);
	po_message_insert(it, m);
}

static po_message_t new_message(const struct pot_entry *en)
{
	po_message_t m = po_message_create();
	if (en->ctxt)
		po_message_set_msgctxt(m, en->ctxt);
	po_message_set_msgid(m, en->msgid);
	po_message_set_msgstr(m, "");
	for (size_t r = 0; r < en->nrefs; r++)
		po_message_add_filepos(m, en->refs[r].file, (size_t)en->refs[r].line);
	return m;
}

/* ---- writing only when something changed ------------------------------ */

/* Drop the POT-Creation-Date line so two files can be compared for a real
 * change. */
static void strip_date(char *s)
{
	char *d = strstr(s, "\"POT-Creation-Date:");
	if (!d)
		return;
	char *nl = strchr(d, '\n');
	if (nl)
		memmove(d, nl + 1, strlen(nl + 1) + 1);
}

static int same_but_date(const char *a, const char *b)
{
	char *x, *y;
	if (fs_read(a, &x, NULL, NULL) < 0)
		return 0;
	if (fs_read(b, &y, NULL, NULL) < 0) {
		free(x);
		return 0;
	}
	strip_date(x);
	strip_date(y);
	int same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

/* Write `file` to `path` unless only its date would change. */
static int write_if_changed(po_file_t file, const char *path, FILE *log,
                            struct err *e)
{
	char *tmp = xasprintf("%s.new-%ld", path, (long)getpid());
	int rc = pofile_write(file, tmp, e);
	if (rc == 0) {
		if (fs_is_file(path) && same_but_date(tmp, path)) {
			unlink(tmp);
			if (log)
				fprintf(log, "unchanged %s\n", path);
		} else if (rename(tmp, path) < 0) {
			rc = err_set(e, path, 0, "cannot replace");
			unlink(tmp);
		} else if (log) {
			fprintf(log, "wrote %s\n", path);
		}
	}
	free(tmp);
	return rc;
}

static int write_pot(const struct pot *pot, const char *path, const char *date,
                     FILE *log, struct err *e)
{
	po_file_t file = po_file_create();
	po_message_iterator_t it = po_message_iterator(file, NULL);
	char *header = pot_header(date);
	add_header(it, header,
	           "Translation template of the crsv-kit training content.\n"
	           "Made by `crsv-gen extract`; do not edit: edit content/ and re-run.\n");
	for (size_t i = 0; i < pot->n; i++)
		po_message_insert(it, new_message(&pot->v[i]));
	po_message_iterator_free(it);
	int rc = write_if_changed(file, path, log, e);
	po_file_free(file);
	free(header);
	return rc;
}

/* ---- merging ---------------------------------------------------------- */

double extract_similarity(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la < 2 || lb < 2)
		return strcmp(a, b) ? 0.0 : 1.0;
	/* bigram multiset intersection with a small open-addressed count table */
	size_t cap = 1;
	while (cap < 2 * la)
		cap *= 2;
	unsigned *keys = xcalloc(cap, sizeof *keys), *counts = xcalloc(cap, sizeof *counts);
	for (size_t i = 0; i + 1 < la; i++) {
		unsigned k = ((unsigned char)a[i] << 8 | (unsigned char)a[i + 1]) + 1;
		size_t h = (k * 2654435761u) & (cap - 1);
		while (keys[h] && keys[h] != k)
			h = (h + 1) & (cap - 1);
		keys[h] = k;
		counts[h]++;
	}
	size_t common = 0;
	for (size_t i = 0; i + 1 < lb; i++) {
		unsigned k = ((unsigned char)b[i] << 8 | (unsigned char)b[i + 1]) + 1;
		size_t h = (k * 2654435761u) & (cap - 1);
		while (keys[h] && keys[h] != k)
			h = (h + 1) & (cap - 1);
		if (keys[h] && counts[h]) {
			counts[h]--;
			common++;
		}
	}
	free(keys);
	free(counts);
	return 2.0 * (double)common / (double)(la - 1 + lb - 1);
}

struct old_entry {
	po_message_t m;
	int used;
};

/* The unused old translation most like `en`, when like enough. */
static struct old_entry *closest(struct old_entry *old, size_t n,
                                 const struct pot_entry *en)
{
	struct old_entry *best = NULL;
	double best_score = FUZZY_THRESHOLD;
	size_t la = strlen(en->msgid);
	for (size_t i = 0; i < n; i++) {
		const char *ctxt = po_message_msgctxt(old[i].m);
		const char *id = po_message_msgid(old[i].m);
		size_t lb = strlen(id);
		if (old[i].used || !*po_message_msgstr(old[i].m) ||
		    (ctxt == NULL) != (en->ctxt == NULL) ||
		    (ctxt && strcmp(ctxt, en->ctxt)))
			continue;
		/* Dice cannot beat 2*min/(a+b): skip hopeless lengths cheaply */
		size_t lo = la < lb ? la : lb;
		if (2.0 * (double)lo / (double)(la + lb) < best_score)
			continue;
		double s = extract_similarity(en->msgid, id);
		if (s >= best_score) {
			best_score = s;
			best = &old[i];
		}
	}
	return best;
}

/* The old entry with exactly this msgctxt and msgid, or NULL. */
static struct old_entry *exact_match(const struct pot_entry *en,
                                     struct old_entry *old, struct strmap *exact)
{
	char *k = catalog_key(en->ctxt, en->msgid, NULL);
	size_t pos = (size_t)strmap_get(exact, k);
	free(k);
	return pos ? &old[pos - 1] : NULL;
}

/* The merged entry for `en`.  `mine` is its exact old match (claimed before
 * any fuzzy matching, as msgmerge does, so a new similar unit never takes
 * the translation of one that did not change). */
static po_message_t merged_message(const struct pot_entry *en,
                                   struct old_entry *mine,
                                   struct old_entry *old, size_t nold)
{
	po_message_t m = new_message(en);
	struct old_entry *o = mine;
	if (o) {
		po_message_set_msgstr(m, po_message_msgstr(o->m));
		po_message_set_fuzzy(m, po_message_is_fuzzy(o->m));
		if (po_message_comments(o->m))
			po_message_set_comments(m, po_message_comments(o->m));
		if (po_message_is_fuzzy(o->m) && po_message_prev_msgid(o->m))
			po_message_set_prev_msgid(m, po_message_prev_msgid(o->m));
		return m;
	}
	o = closest(old, nold, en);
	if (o) {
		o->used = 1;
		po_message_set_msgstr(m, po_message_msgstr(o->m));
		po_message_set_fuzzy(m, 1);
		po_message_set_prev_msgid(m, po_message_msgid(o->m));
	}
	return m;
}

static po_message_t obsolete_copy(po_message_t o)
{
	po_message_t m = po_message_create();
	if (po_message_msgctxt(o))
		po_message_set_msgctxt(m, po_message_msgctxt(o));
	po_message_set_msgid(m, po_message_msgid(o));
	po_message_set_msgstr(m, po_message_msgstr(o));
	po_message_set_fuzzy(m, po_message_is_fuzzy(o));
	po_message_set_obsolete(m, 1);
	return m;
}

static int merge_po(const struct project *p, const struct lang *lang,
                    const struct pot *pot, const char *date, FILE *log,
                    struct err *e)
{
	char *path = project_po_path(p, lang->code);
	po_file_t oldf = NULL, file = NULL;
	struct old_entry *old = NULL;
	size_t nold = 0;
	struct strmap *exact = strmap_new();
	char *header = NULL;
	int rc = -1;

	if (fs_is_file(path)) {
		if (!(oldf = pofile_read(path, e)))
			goto out;
		po_message_iterator_t it = po_message_iterator(oldf, NULL);
		po_message_t m;
		while ((m = po_next_message(it))) {
			if (!*po_message_msgid(m)) {
				header = po_header_set_field(po_message_msgstr(m),
				                             "POT-Creation-Date", date);
				continue;
			}
			old = xrealloc(old, (nold + 1) * sizeof *old);
			old[nold] = (struct old_entry){ m, 0 };
			char *k = catalog_key(po_message_msgctxt(m), po_message_msgid(m), NULL);
			if (!po_message_is_obsolete(m) || !strmap_get(exact, k))
				strmap_put(exact, k, (void *)(nold + 1));
			free(k);
			nold++;
		}
		po_message_iterator_free(it);
	}
	file = po_file_create();
	po_message_iterator_t out_it = po_message_iterator(file, NULL);
	if (header) {
		/* keep the translators' header and comments */
		po_message_iterator_t it = po_message_iterator(oldf, NULL);
		po_message_t h = po_next_message(it);
		add_header(out_it, header, h && !*po_message_msgid(h) ? po_message_comments(h) : NULL);
		po_message_iterator_free(it);
	} else {
		char *hdr = new_po_header(lang->code, lang->name, date);
		char *comment = xasprintf("%s translation of the crsv-kit training content.\n"
		                          "DRAFT: not yet reviewed by a qualified translator.\n",
		                          lang->name);
		add_header(out_it, hdr, comment);
		free(hdr);
		free(comment);
	}
	struct old_entry **mine = xcalloc(pot->n ? pot->n : 1, sizeof *mine);
	for (size_t i = 0; i < pot->n; i++) {
		mine[i] = exact_match(&pot->v[i], old, exact);
		if (mine[i])
			mine[i]->used = 1;
	}
	for (size_t i = 0; i < pot->n; i++)
		po_message_insert(out_it, merged_message(&pot->v[i], mine[i], old, nold));
	free(mine);
	for (size_t i = 0; i < nold; i++)
		if (!old[i].used && *po_message_msgstr(old[i].m))
			po_message_insert(out_it, obsolete_copy(old[i].m));
	po_message_iterator_free(out_it);
	rc = write_if_changed(file, path, log, e);
out:
	if (file)
		po_file_free(file);
	if (oldf)
		po_file_free(oldf);
	free(old);
	free(header);
	strmap_free(exact, NULL);
	free(path);
	return rc;
}

int extract_run(const struct project *p, FILE *log, struct err *e)
{
	struct pot pot = { 0 };
	char *date = creation_date();
	char *pot_path = fs_join(p->paths.locales, "crsv.pot");
	int rc = -1;
	pot.index = strmap_new();
	units_walk(p, collect, &pot);
	if (fs_mkdirs(p->paths.locales, e) < 0 ||
	    write_pot(&pot, pot_path, date, log, e) < 0)
		goto out;
	for (size_t i = 0; i < p->site.nlangs; i++)
		if (!project_is_source(p, p->site.langs[i].code) &&
		    merge_po(p, &p->site.langs[i], &pot, date, log, e) < 0)
			goto out;
	rc = 0;
out:
	pot_free(&pot);
	free(date);
	free(pot_path);
	return rc;
}
