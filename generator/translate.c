/* translate.c - PO catalogues, compiled and cached; see translate.h. */
#include "translate.h"
#include "buf.h"
#include "fs.h"
#include "pofile.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * The compiled form, all integers little-endian u32:
 *   "CRSVCAT2" | stamp of the PO file (STAMP_WORDS words) | entry count |
 *   entries: fuzzy (u32) | key length | key | NUL | msgstr length | msgstr | NUL
 * where key is "ctxt\004msgid" or "msgid", as gettext spells it; the header
 * is the entry with the empty key.  The stamp
 * is the PO file's size, modification time (to the nanosecond) and inode,
 * as make and Sphinx judge a compiled file stale: cheap, no need to read
 * the PO file when nothing changed.
 */
#define MAGIC "CRSVCAT3"
#define STAMP_WORDS 6

struct entry {
	const char *key;
	const char *msgstr;
	uint32_t klen;
	uint32_t hash;
	int fuzzy;
};

struct catalog {
	char *buf;                /* the compiled form the entries point into */
	struct entry *v;
	size_t n, cap;
	uint32_t *index;          /* open addressing: entry position + 1 */
	size_t icap;              /* a power of two */
	char **extra;             /* strings added with catalog_add */
	size_t nextra;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

struct catalog *catalog_new(void)
{
	return xcalloc(1, sizeof(struct catalog));
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nextra; i++)
		free(c->extra[i]);
	free(c->extra);
	free(c->buf);
	free(c->v);
	free(c->index);
	free(c);
}

static void reindex(struct catalog *c)
{
	c->icap = 16;
	while (c->icap < c->n * 2)
		c->icap *= 2;
	free(c->index);
	c->index = xcalloc(c->icap, sizeof *c->index);
	for (size_t i = 0; i < c->n; i++) {
		size_t h = c->v[i].hash & (c->icap - 1);
		while (c->index[h]) {
			struct entry *o = &c->v[c->index[h] - 1];
			if (o->klen == c->v[i].klen && !memcmp(o->key, c->v[i].key, o->klen))
				break;   /* a later duplicate replaces the earlier one */
			h = (h + 1) & (c->icap - 1);
		}
		c->index[h] = (uint32_t)i + 1;
	}
}

static void push_entry(struct catalog *c, const char *key, uint32_t klen,
                       const char *msgstr, int fuzzy)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n++] = (struct entry){ key, msgstr, klen, hash_bytes(key, klen), fuzzy };
}

char *catalog_key(const char *ctxt, const char *msgid, size_t *len)
{
	char *k = ctxt ? xasprintf("%s\004%s", ctxt, msgid) : xstrdup(msgid);
	if (len)
		*len = strlen(k);
	return k;
}

void catalog_add(struct catalog *c, const char *ctxt, const char *msgid,
                 const char *msgstr, int fuzzy)
{
	size_t klen;
	char *k = catalog_key(ctxt, msgid, &klen);
	char *s = xstrdup(msgstr);
	c->extra = xrealloc(c->extra, (c->nextra + 2) * sizeof *c->extra);
	c->extra[c->nextra++] = k;
	c->extra[c->nextra++] = s;
	push_entry(c, k, (uint32_t)klen, s, fuzzy);
	reindex(c);
}

static const struct entry *find(const struct catalog *c, const char *ctxt,
                                const char *msgid)
{
	char small[1024];
	size_t lc = ctxt ? strlen(ctxt) + 1 : 0, lm = strlen(msgid);
	const struct entry *found = NULL;
	if (!c->n)
		return NULL;
	char *k = lc + lm < sizeof small ? small : xmalloc(lc + lm + 1);
	if (ctxt) {
		memcpy(k, ctxt, lc - 1);
		k[lc - 1] = '\004';
	}
	memcpy(k + lc, msgid, lm + 1);
	size_t klen = lc + lm;
	for (size_t h = hash_bytes(k, klen) & (c->icap - 1); c->index[h];
	     h = (h + 1) & (c->icap - 1)) {
		const struct entry *en = &c->v[c->index[h] - 1];
		if (en->klen == klen && !memcmp(en->key, k, klen)) {
			found = en;
			break;
		}
	}
	if (k != small)
		free(k);
	return found;
}

const char *catalog_get(const struct catalog *c, const char *ctxt,
                        const char *msgid, enum tstate *state)
{
	/* the empty msgid is the header, never a translation */
	const struct entry *en = *msgid || ctxt ? find(c, ctxt, msgid) : NULL;
	enum tstate st = T_MISSING;
	if (en && en->msgstr[0])
		st = en->fuzzy ? T_FUZZY : T_TRANSLATED;
	if (state)
		*state = st;
	return st == T_TRANSLATED ? en->msgstr : NULL;
}

int catalog_is_draft(const struct catalog *c)
{
	static const char field[] = "X-Review-Status:";
	const struct entry *h = c ? find(c, NULL, "") : NULL;
	/* the header is "Name: value\n" lines (gettext's own format) */
	for (const char *l = h ? h->msgstr : NULL; l && *l;
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, field, sizeof field - 1))
			continue;
		l += sizeof field - 1;
		while (*l == ' ')
			l++;
		return !strncmp(l, "draft", 5) && (l[5] == '\n' || l[5] == '\0' || l[5] == ' ');
	}
	return 0;
}

const char *catalog_text(const struct catalog *c, const char *ctxt,
                         const char *msgid, int *fell_back)
{
	const char *t = c ? catalog_get(c, ctxt, msgid, NULL) : NULL;
	/* no catalogue is the source language: its text is its own, not a
	 * fallback */
	if (fell_back)
		*fell_back = c && !t;
	return t ? t : msgid;
}

/* ---- the compiled form ------------------------------------------------ */

static void put_u32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = { v & 255, (v >> 8) & 255, (v >> 16) & 255, v >> 24 };
	buf_put(b, x, 4);
}

static int get_u32(const char *p, size_t len, size_t *pos, uint32_t *v)
{
	const unsigned char *x = (const unsigned char *)p + *pos;
	if (*pos + 4 > len)
		return -1;
	*v = x[0] | x[1] << 8 | x[2] << 16 | (uint32_t)x[3] << 24;
	*pos += 4;
	return 0;
}

static void put_str(struct buf *b, const char *s, size_t n)
{
	put_u32(b, (uint32_t)n);
	buf_put(b, s, n);
	buf_putc(b, '\0');
}

/* The stamp of a PO file: what must not change for its compiled form to
 * stay valid. */
static void po_stamp(const struct stat *st, uint32_t w[STAMP_WORDS])
{
	uint64_t v[3] = { (uint64_t)st->st_size, (uint64_t)st->st_mtim.tv_sec,
	                  (uint64_t)st->st_ino };
	w[0] = (uint32_t)v[0]; w[1] = (uint32_t)(v[0] >> 32);
	w[2] = (uint32_t)v[1]; w[3] = (uint32_t)(v[1] >> 32);
	w[4] = (uint32_t)st->st_mtim.tv_nsec;
	w[5] = (uint32_t)v[2] ^ (uint32_t)(v[2] >> 32);
}

/* Index a compiled buffer (taking ownership). -1 when it is not one, or was
 * compiled from another version of the PO file than `stamp`. */
static int adopt_compiled(struct catalog *c, char *data, size_t len,
                          const uint32_t stamp[STAMP_WORDS])
{
	size_t pos = 8;
	uint32_t w, n, fuzzy, klen, slen;
	if (len < 8 + 4 * (STAMP_WORDS + 1) || memcmp(data, MAGIC, 8))
		return -1;
	for (int i = 0; i < STAMP_WORDS; i++)
		if (get_u32(data, len, &pos, &w) || w != stamp[i])
			return -1;
	if (get_u32(data, len, &pos, &n))
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		if (get_u32(data, len, &pos, &fuzzy) || get_u32(data, len, &pos, &klen) ||
		    pos + klen + 1 > len)
			goto bad;
		const char *key = data + pos;
		pos += klen + 1;
		if (get_u32(data, len, &pos, &slen) || pos + slen + 1 > len)
			goto bad;
		push_entry(c, key, klen, data + pos, (int)fuzzy);
		pos += slen + 1;
	}
	c->buf = data;
	reindex(c);
	return 0;
bad:
	c->n = 0;
	return -1;
}

/* Compile a PO file read by libgettextpo. */
static void compile_po(po_file_t file, const uint32_t stamp[STAMP_WORDS],
                       struct buf *out)
{
	po_message_iterator_t it = po_message_iterator(file, NULL);
	po_message_t m;
	size_t count_at;
	uint32_t n = 0;
	buf_puts(out, MAGIC);
	for (int i = 0; i < STAMP_WORDS; i++)
		put_u32(out, stamp[i]);
	count_at = out->len;
	put_u32(out, 0);
	while ((m = po_next_message(it))) {
		const char *id = po_message_msgid(m), *ctxt = po_message_msgctxt(m);
		const char *str = po_message_msgstr(m);
		if (po_message_is_obsolete(m))
			continue;   /* entries kept only for history */
		size_t klen;
		char *k = catalog_key(ctxt, id, &klen);
		put_u32(out, (uint32_t)po_message_is_fuzzy(m));
		put_str(out, k, klen);
		put_str(out, str, strlen(str));
		free(k);
		n++;
	}
	po_message_iterator_free(it);
	unsigned char *x = (unsigned char *)out->data + count_at;
	x[0] = n & 255; x[1] = (n >> 8) & 255; x[2] = (n >> 16) & 255; x[3] = n >> 24;
}

/* libgettextpo rejects bad bytes only when the header says UTF-8: check
 * ourselves, so nothing but UTF-8 ever reaches a page. */
static int check_utf8(const char *path, struct err *e)
{
	char *text;
	size_t len;
	if (fs_read(path, &text, &len, e) < 0)
		return -1;
	int rc = utf8_require(text, len, path, "(translations must be UTF-8)", e);
	free(text);
	return rc;
}

static char *cache_path(const char *cache_dir, const char *po_path)
{
	const char *base = strrchr(po_path, '/') ? strrchr(po_path, '/') + 1 : po_path;
	char *name = xasprintf("%s.catalog", base);
	char *p = fs_join(cache_dir, name);
	free(name);
	return p;
}

int catalog_load(struct catalog **out, const char *path, int missing_ok,
                 const char *cache_dir, struct err *e)
{
	struct catalog *c = catalog_new();
	char *cached = NULL, *cpath = NULL;
	size_t cached_len;
	po_file_t file = NULL;
	struct buf compiled = {0};
	struct stat st;
	uint32_t stamp[STAMP_WORDS];
	int rc = -1;
	*out = NULL;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (!missing_ok) {
			err_set(e, path, 0, "translation file not found");
			goto out;
		}
		goto done;
	}
	po_stamp(&st, stamp);
	if (cache_dir) {
		cpath = cache_path(cache_dir, path);
		if (fs_read(cpath, &cached, &cached_len, NULL) == 0) {
			if (adopt_compiled(c, cached, cached_len, stamp) == 0) {
				cached = NULL;
				goto done;
			}
		}
	}
	if (check_utf8(path, e) < 0 || !(file = pofile_read(path, e)))
		goto out;
	compile_po(file, stamp, &compiled);
	if (cpath && fs_mkdirs(cache_dir, NULL) == 0)
		fs_write_atomic(cpath, compiled.data, compiled.len, NULL);
	size_t clen = compiled.len;
	if (adopt_compiled(c, buf_take(&compiled), clen, stamp) < 0) {
		err_set(e, path, 0, "cannot index the translations");
		goto out;
	}
done:
	*out = c;
	c = NULL;
	rc = 0;
out:
	if (file)
		po_file_free(file);
	buf_free(&compiled);
	catalog_free(c);
	free(cached);
	free(cpath);
	return rc;
}
