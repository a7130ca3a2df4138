/* narration.c - recordings per language and unit; see narration.h. */
#include "narration.h"
#include "buf.h"
#include "csv.h"
#include "fs.h"
#include "pofile.h"
#include "strmap.h"
#include "translate.h"

#include <cmark.h>
#include <gettext-po.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#define MANIFEST "narration.csv"

/* ---- keys and texts ------------------------------------------------------- */

void narration_sha(const void *s, size_t len, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, len, s);
	sha256_digest(&c, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

/* The unit's catalogue key (catalog_key) is what is hashed, and keys the
 * maps here. */
void narration_key(const char *ctxt, const char *msgid, char key[NARRATION_KEY_LEN + 1])
{
	char *j = catalog_key(ctxt, msgid, NULL), hex[65];
	narration_sha(j, strlen(j), hex);
	free(j);
	memcpy(key, hex, NARRATION_KEY_LEN);
	key[NARRATION_KEY_LEN] = '\0';
}

static void plain_inlines(cmark_node *n, struct buf *b)
{
	for (; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		case CMARK_NODE_HTML_INLINE:
			break;   /* never shown: never said */
		default:
			/* emphasis, links, an image's alt text: their words */
			plain_inlines(cmark_node_first_child(n), b);
			break;
		}
	}
}

char *narration_plain(const char *markdown)
{
	struct buf b = {0};
	cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
	for (cmark_node *blk = cmark_node_first_child(doc); blk; blk = cmark_node_next(blk)) {
		if (b.len)
			buf_putc(&b, ' ');
		plain_inlines(cmark_node_first_child(blk), &b);
	}
	cmark_node_free(doc);
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/* ---- the manifest --------------------------------------------------------- */

static void entries_free(struct narration *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->v[i].file);
	free(n->v);
	n->v = NULL;
	n->n = 0;
}

const struct nentry *narration_find(const struct narration *n, const char *key)
{
	size_t pos = (size_t)strmap_get(n->by_key, key);
	return pos ? &n->v[pos - 1] : NULL;
}

void narration_put(struct narration *n, const struct nentry *e)
{
	size_t pos = (size_t)strmap_get(n->by_key, e->key);
	struct nentry *slot;
	if (pos) {
		slot = &n->v[pos - 1];
		free(slot->file);
	} else {
		n->v = xrealloc(n->v, (n->n + 1) * sizeof *n->v);
		slot = &n->v[n->n++];
		strmap_put(n->by_key, e->key, (void *)n->n);
	}
	*slot = *e;
	slot->file = xstrdup(e->file);
}

static int is_hex(const char *s, size_t len)
{
	if (strlen(s) != len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!strchr("0123456789abcdef", s[i]))
			return 0;
	return 1;
}

/* One manifest row (fields of line `line`); -1 with the reason. */
static int manifest_row(struct narration *n, char **f, size_t nf, const char *path, int line,
                        struct err *e)
{
	struct nentry en = {0};
	if (nf != 5 || !is_hex(f[0], NARRATION_KEY_LEN) ||
	    (strcmp(f[1], "recorded") && strcmp(f[1], "synthetic")) || !is_hex(f[2], 64) ||
	    !is_hex(f[3], 64) || !f[4][0] || strstr(f[4], "..") || f[4][0] == '/')
		return err_set(e, path, line, "not a narration row (key,kind,text_sha256,"
		               "file_sha256,file with kind recorded or synthetic)");
	memcpy(en.key, f[0], sizeof en.key);
	en.synthetic = !strcmp(f[1], "synthetic");
	memcpy(en.text_sha, f[2], sizeof en.text_sha);
	memcpy(en.file_sha, f[3], sizeof en.file_sha);
	en.file = f[4];
	narration_put(n, &en);
	return 0;
}

static int manifest_read(struct narration *n, struct err *e)
{
	char *path = fs_join(n->dir, MANIFEST), *data = NULL, **f = NULL;
	size_t len, nf = 0;
	int rc = 0, line = 0;
	if (!fs_is_file(path))
		goto out;
	if ((rc = fs_read(path, &data, &len, e)) < 0)
		goto out;
	const char *p = data;
	if (!strncmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	int got;
	while (rc == 0 && (got = csv_read(&p, &f, &nf)) != 0) {
		line++;
		if (got < 0)
			rc = err_set(e, path, line, "a quoted field is never closed");
		else if (line > 1 && !(nf == 1 && !f[0][0]))
			rc = manifest_row(n, f, nf, path, line, e);
		csv_fields_free(f, nf);
	}
out:
	free(data);
	free(path);
	return rc;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct nentry *)a)->key, ((const struct nentry *)b)->key);
}

int narration_save(const struct narration *n, struct err *e)
{
	struct nentry *sorted = xcalloc(n->n + 1, sizeof *sorted);
	struct buf b = {0};
	memcpy(sorted, n->v, n->n * sizeof *sorted);
	qsort(sorted, n->n, sizeof *sorted, by_key);
	buf_puts(&b, "key,kind,text_sha256,file_sha256,file\n");
	for (size_t i = 0; i < n->n; i++)
		buf_printf(&b, "%s,%s,%s,%s,%s\n", sorted[i].key,
		           sorted[i].synthetic ? "synthetic" : "recorded", sorted[i].text_sha,
		           sorted[i].file_sha, sorted[i].file);
	free(sorted);
	char *path = fs_join(n->dir, MANIFEST);
	int rc = fs_mkdirs(n->dir, e);
	if (rc == 0)
		rc = fs_write_atomic(path, b.data, b.len, e);
	free(path);
	buf_free(&b);
	return rc;
}

/* The previous msgid of each fuzzy entry of a PO file. */
static void read_previous_of(struct narration *n, const char *po)
{
	struct err e = {0};
	po_file_t f = po && fs_is_file(po) ? pofile_read(po, &e) : NULL;
	if (!f)
		return;
	po_message_iterator_t it = po_message_iterator(f, NULL);
	po_message_t m;
	while ((m = po_next_message(it)) != NULL) {
		const char *prev = po_message_prev_msgid(m);
		if (!prev || !po_message_is_fuzzy(m) || po_message_is_obsolete(m))
			continue;
		char *k = catalog_key(po_message_msgctxt(m), po_message_msgid(m), NULL);
		free(strmap_put(n->previous, k, xstrdup(prev)));
		free(k);
	}
	po_message_iterator_free(it);
	po_file_free(f);
}

/* Where a unit's msgid changed, what it was: a recording of that is the
 * unit's, stale.  Only the source language speaks msgids (a translation
 * whose msgid changed is fuzzy, and shown in the source language), and
 * extract keeps the previous msgid ("#| msgid") in every PO file: any of
 * them says it. */
static void read_previous(struct narration *n)
{
	const struct project *p = n->p;
	if (!project_is_source(p, p->site.langs[n->lang].code) || !p->po_paths)
		return;
	for (size_t l = 0; l < p->site.nlangs; l++)
		read_previous_of(n, p->po_paths[l]);
}

int narration_load(struct narration *n, const struct project *p, size_t lang, struct err *e)
{
	memset(n, 0, sizeof *n);
	n->p = p;
	n->lang = lang;
	char *audio = fs_join(p->paths.locales, "audio");
	n->dir = fs_join(audio, p->site.langs[lang].code);
	free(audio);
	n->present = fs_is_dir(n->dir);
	n->by_key = strmap_new();
	n->previous = strmap_new();
	if (!n->present)
		return 0;   /* not narrated: nothing to read (and no PO file parsed) */
	read_previous(n);
	return manifest_read(n, e);
}

void narration_free(struct narration *n)
{
	entries_free(n);
	strmap_free(n->by_key, NULL);
	strmap_free(n->previous, free);
	free(n->dir);
	memset(n, 0, sizeof *n);
}

/* ---- where a unit stands --------------------------------------------------- */

char *narration_text(const struct narration *n, const struct unit *u)
{
	const struct project *p = n->p;
	const char *text = u->msgid;
	if (!text || !*text)
		return NULL;
	if (!project_is_source(p, p->site.langs[n->lang].code)) {
		const struct catalog *cat = project_catalog(p, n->lang);
		text = cat ? catalog_get(cat, u->ctxt, u->msgid, NULL) : NULL;
		if (!text || !*text)
			return NULL;   /* shown in the source language: its voice */
	}
	return narration_plain(text);
}

/* The recording of the unit's previous msgid (its PO entry is fuzzy). */
static const struct nentry *previous_take(const struct narration *n, const struct unit *u)
{
	char *k = catalog_key(u->ctxt, u->msgid, NULL), key[NARRATION_KEY_LEN + 1];
	const char *prev = strmap_get(n->previous, k);
	free(k);
	if (!prev)
		return NULL;
	narration_key(u->ctxt, prev, key);
	return narration_find(n, key);
}

/* Whether the row's file is there (a row whose file went is no recording). */
static int file_there(const struct narration *n, const struct nentry *en)
{
	char *path = fs_join(n->dir, en->file);
	int there = fs_is_file(path);
	free(path);
	return there;
}

enum nstate narration_state(const struct narration *n, const struct unit *u, const char *text,
                            const struct nentry **entry)
{
	char key[NARRATION_KEY_LEN + 1], sha[65];
	narration_key(u->ctxt, u->msgid, key);
	const struct nentry *en = narration_find(n, key);
	if (entry)
		*entry = NULL;
	if (!en || !file_there(n, en)) {
		en = previous_take(n, u);
		if (en && file_there(n, en)) {
			if (entry)
				*entry = en;
			return N_STALE;   /* it speaks what the unit said before */
		}
		return N_MISSING;
	}
	if (entry)
		*entry = en;
	narration_sha(text, strlen(text), sha);
	if (strcmp(sha, en->text_sha))
		return N_STALE;
	return en->synthetic ? N_SYNTHETIC : N_RECORDED;
}

/* ---- counts -------------------------------------------------------------- */

static void ncount_add(struct ncount *c, enum nstate s)
{
	switch (s) {
	case N_RECORDED: c->recorded++; break;
	case N_SYNTHETIC: c->synthetic++; break;
	case N_STALE: c->stale++; break;
	case N_MISSING: c->missing++; break;
	}
}

int ncount_total(const struct ncount *c)
{
	return c->recorded + c->synthetic + c->stale + c->missing;
}

struct counter {
	const struct narration *n;
	struct nstatus *st;
};

static int count_unit(void *ctx, const struct unit *u)
{
	struct counter *k = ctx;
	char *text = narration_text(k->n, u);
	if (!text)
		return 0;
	enum nstate s = narration_state(k->n, u, text, NULL);
	free(text);
	ncount_add(&k->st->total, s);
	if (u->module)
		ncount_add(&k->st->modules[u->module - k->n->p->content.modules], s);
	else
		ncount_add(&k->st->site, s);
	return 0;
}

void narration_count(const struct narration *n, struct nstatus *st)
{
	struct counter k = { n, st };
	memset(st, 0, sizeof *st);
	st->modules = xcalloc(n->p->content.nmodules + 1, sizeof *st->modules);
	units_walk(n->p, count_unit, &k);
}

void nstatus_free(struct nstatus *st)
{
	free(st->modules);
	st->modules = NULL;
}

/* ---- the critical modules ------------------------------------------------------ */

struct critical {
	const struct narration *n;
	struct errlist *errs;
};

static int check_unit(void *ctx, const struct unit *u)
{
	struct critical *k = ctx;
	if (!u->module || !u->module->critical)
		return 0;
	char *text = narration_text(k->n, u);
	if (!text)
		return 0;
	enum nstate s = narration_state(k->n, u, text, NULL);
	if (s == N_STALE || s == N_MISSING) {
		struct err e = {0};
		char key[NARRATION_KEY_LEN + 1];
		narration_key(u->ctxt, u->msgid, key);
		err_set(&e, u->file, u->line, "critical module \"%s\" has %s narration in %s (%s): "
		        "\"%.60s%s\" (record %s.opus, or crsv-gen narrate --lang %s --synthesize)",
		        u->module->key, s == N_STALE ? "stale" : "no",
		        k->n->p->site.langs[k->n->lang].code, k->n->p->site.langs[k->n->lang].name,
		        text, strlen(text) > 60 ? "..." : "", key, k->n->p->site.langs[k->n->lang].code);
		errlist_add(k->errs, &e);
	}
	free(text);
	return 0;
}

int narration_check_critical(const struct project *p, struct errlist *errs)
{
	size_t before = errs->n;
	for (size_t l = 0; l < p->site.nlangs; l++) {
		struct narration n;
		struct err e = {0};
		if (narration_load(&n, p, l, &e) < 0) {
			errlist_add(errs, &e);
		} else if (n.present) {
			struct critical k = { &n, errs };
			units_walk(p, check_unit, &k);
		}
		narration_free(&n);
	}
	return errs->n > before ? -1 : 0;
}

char *narration_cache_dir(const struct project *p)
{
	char *out_cache = fs_join(p->paths.out ? p->paths.out : "out", ".cache");
	char *dir = fs_join(p->paths.cache && *p->paths.cache ? p->paths.cache : out_cache, "audio");
	free(out_cache);
	return dir;
}

/* ---- crsv-gen status ------------------------------------------------------------- */

static void print_row(FILE *out, const char *name, const struct ncount *c)
{
	fprintf(out, "  %-48s %8d %9d %6d %7d\n", name, c->recorded, c->synthetic, c->stale,
	        c->missing);
}

void narration_print_status(const struct project *p, FILE *out)
{
	for (size_t l = 0; l < p->site.nlangs; l++) {
		struct narration n;
		struct nstatus st;
		struct err e = {0};
		if (narration_load(&n, p, l, &e) < 0) {
			err_print(&e);
			narration_free(&n);
			continue;
		}
		narration_count(&n, &st);
		fprintf(out, "narration %s (%s)%s\n", p->site.langs[l].code, p->site.langs[l].name,
		        n.present ? "" : ": not narrated yet (no audio folder)");
		fprintf(out, "  %-48s %8s %9s %6s %7s\n", "", "recorded", "synthetic", "stale",
		        "missing");
		print_row(out, "(site and interface)", &st.site);
		for (size_t i = 0; i < p->content.nmodules; i++)
			print_row(out, p->content.modules[i].key, &st.modules[i]);
		print_row(out, "total", &st.total);
		nstatus_free(&st);
		narration_free(&n);
	}
}
