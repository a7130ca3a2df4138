/* translate.c - PO catalogues, compiled and cached; see translate.h. */
#include "translate.h"
#include "buf.h"
#include "fs.h"
#include "pofile.h"
#include "poscan.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

/*
 * The compiled form, integers little-endian:
 *   "CRSVCAT4" | stamp of the PO file (STAMP_WORDS u32) | entry count (u32) |
 *   checksum (u64: XXH3-64 of every byte after it) |
 *   entries: key hash (2 x u64) | fuzzy (u32) | msgstr length (u32) |
 *            msgstr | NUL
 * where the key is "ctxt\004msgid" or "msgid", as gettext spells it, and
 * its hash is XXH3-128: the msgids themselves are not kept (they are half
 * of a catalogue, and a build only ever asks for a msgid it has), and the
 * index needs no hashing when it is loaded.  The header is the entry of the
 * empty key.
 *
 * The stamp is the PO file's size, modification time (to the nanosecond)
 * and inode, as make and Sphinx judge a compiled file stale: cheap, no need
 * to read the PO file when nothing changed.  The checksum is for the cache
 * itself: a file damaged on disk, or cut short, whose stamp still matches
 * is compiled again instead of putting its bytes into pages.
 */
#define MAGIC "CRSVCAT4"
#define STAMP_WORDS 6
#define HEAD_LEN (8 + 4 * STAMP_WORDS + 4 + 8)

struct entry {
	XXH128_hash_t hash;
	const char *msgstr;
	int fuzzy;
};

struct catalog {
	char *buf;                /* the compiled form the entries point into */
	size_t buf_len;
	struct entry *v;
	size_t n, cap;
	uint32_t *index;          /* open addressing: entry position + 1 */
	size_t icap;              /* a power of two */
	char **extra;             /* strings added with catalog_add */
	size_t nextra;
};

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

/* Index the entries; the number of keys given more than once (a later
 * one replaces the earlier). */
static size_t reindex(struct catalog *c)
{
	size_t dups = 0;
	c->icap = 16;
	while (c->icap < c->n * 2)
		c->icap *= 2;
	free(c->index);
	c->index = xcalloc(c->icap, sizeof *c->index);
	for (size_t i = 0; i < c->n; i++) {
		size_t h = c->v[i].hash.low64 & (c->icap - 1);
		while (c->index[h]) {
			if (XXH128_isEqual(c->v[c->index[h] - 1].hash, c->v[i].hash)) {
				dups++;
				break;
			}
			h = (h + 1) & (c->icap - 1);
		}
		c->index[h] = (uint32_t)i + 1;
	}
	return dups;
}

static void push_entry(struct catalog *c, XXH128_hash_t hash, const char *msgstr,
                       int fuzzy)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n++] = (struct entry){ hash, msgstr, fuzzy };
}

/* The key "ctxt\004msgid" or "msgid", gettext's spelling, in `small` when
 * it fits (else on the heap); its length in *len. */
static char *spell_key(const char *ctxt, const char *msgid, char *small, size_t cap,
                       size_t *len)
{
	size_t lc = ctxt ? strlen(ctxt) + 1 : 0, lm = strlen(msgid);
	char *k = lc + lm < cap ? small : xmalloc(lc + lm + 1);
	if (ctxt) {
		memcpy(k, ctxt, lc - 1);
		k[lc - 1] = '\004';
	}
	memcpy(k + lc, msgid, lm + 1);
	*len = lc + lm;
	return k;
}

char *catalog_key(const char *ctxt, const char *msgid, size_t *len)
{
	size_t n;
	char *k = spell_key(ctxt, msgid, NULL, 0, &n);
	if (len)
		*len = n;
	return k;
}

/* The hash of a message's key. */
static XXH128_hash_t key_hash(const char *ctxt, const char *msgid)
{
	char small[1024];
	size_t n;
	char *k = spell_key(ctxt, msgid, small, sizeof small, &n);
	XXH128_hash_t h = XXH3_128bits(k, n);
	if (k != small)
		free(k);
	return h;
}

void catalog_add(struct catalog *c, const char *ctxt, const char *msgid,
                 const char *msgstr, int fuzzy)
{
	char *s = xstrdup(msgstr);
	c->extra = xrealloc(c->extra, (c->nextra + 1) * sizeof *c->extra);
	c->extra[c->nextra++] = s;
	push_entry(c, key_hash(ctxt, msgid), s, fuzzy);
	reindex(c);
}

static const struct entry *find(const struct catalog *c, const char *ctxt,
                                const char *msgid)
{
	if (!c->n)
		return NULL;
	XXH128_hash_t k = key_hash(ctxt, msgid);
	for (size_t h = k.low64 & (c->icap - 1); c->index[h]; h = (h + 1) & (c->icap - 1)) {
		const struct entry *en = &c->v[c->index[h] - 1];
		if (XXH128_isEqual(en->hash, k))
			return en;
	}
	return NULL;
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

static void put_u64(struct buf *b, uint64_t v)
{
	put_u32(b, (uint32_t)v);
	put_u32(b, (uint32_t)(v >> 32));
}

static void set_u32(char *at, uint32_t v)
{
	unsigned char *x = (unsigned char *)at;
	x[0] = v & 255; x[1] = (v >> 8) & 255; x[2] = (v >> 16) & 255; x[3] = v >> 24;
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

static int get_u64(const char *p, size_t len, size_t *pos, uint64_t *v)
{
	uint32_t lo, hi;
	if (get_u32(p, len, pos, &lo) || get_u32(p, len, pos, &hi))
		return -1;
	*v = (uint64_t)hi << 32 | lo;
	return 0;
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

/* Index a compiled buffer (taking ownership).  -1 when it is not one, was
 * compiled from another version of the PO file than `stamp`, fails its
 * checksum, or gives a key twice (libgettextpo would refuse the file:
 * the caller reads it with libgettextpo for the message). */
static int adopt_compiled(struct catalog *c, char *data, size_t len,
                          const uint32_t stamp[STAMP_WORDS])
{
	size_t pos = 8;
	uint32_t w, n, fuzzy, slen;
	uint64_t sum, lo, hi;
	if (len < HEAD_LEN || memcmp(data, MAGIC, 8))
		return -1;
	for (int i = 0; i < STAMP_WORDS; i++)
		if (get_u32(data, len, &pos, &w) || w != stamp[i])
			return -1;
	if (get_u32(data, len, &pos, &n) || get_u64(data, len, &pos, &sum) ||
	    sum != XXH3_64bits(data + HEAD_LEN, len - HEAD_LEN))
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		if (get_u64(data, len, &pos, &lo) || get_u64(data, len, &pos, &hi) ||
		    get_u32(data, len, &pos, &fuzzy) || get_u32(data, len, &pos, &slen) ||
		    slen >= len - pos || data[pos + slen] != '\0')
			goto bad;
		push_entry(c, (XXH128_hash_t){ .low64 = lo, .high64 = hi }, data + pos, fuzzy != 0);
		pos += slen + 1;
	}
	if (pos != len || reindex(c))
		goto bad;
	c->buf = data;
	c->buf_len = len;
	return 0;
bad:
	c->n = 0;
	return -1;
}

/* The compiled form being written: the messages of a PO file, from
 * either reader. */
struct compiler {
	struct buf out;
	uint32_t n;
};

static void compiler_start(struct compiler *k, const uint32_t stamp[STAMP_WORDS])
{
	buf_reset(&k->out);
	k->n = 0;
	buf_puts(&k->out, MAGIC);
	for (int i = 0; i < STAMP_WORDS; i++)
		put_u32(&k->out, stamp[i]);
	put_u32(&k->out, 0);   /* the count and the checksum, when done */
	put_u64(&k->out, 0);
}

static int compiler_add(void *ctx, const char *ctxt, const char *msgid,
                        const char *msgstr, int fuzzy)
{
	struct compiler *k = ctx;
	XXH128_hash_t h = key_hash(ctxt, msgid);
	size_t slen = strlen(msgstr);
	put_u64(&k->out, h.low64);
	put_u64(&k->out, h.high64);
	put_u32(&k->out, (uint32_t)fuzzy);
	put_u32(&k->out, (uint32_t)slen);
	buf_put(&k->out, msgstr, slen + 1);
	k->n++;
	return 0;
}

static void compiler_finish(struct compiler *k)
{
	uint64_t sum = XXH3_64bits(k->out.data + HEAD_LEN, k->out.len - HEAD_LEN);
	set_u32(k->out.data + HEAD_LEN - 12, k->n);
	set_u32(k->out.data + HEAD_LEN - 8, (uint32_t)sum);
	set_u32(k->out.data + HEAD_LEN - 4, (uint32_t)(sum >> 32));
}

/* Compile a PO file read by libgettextpo. */
static void compile_po(po_file_t file, struct compiler *k)
{
	po_message_iterator_t it = po_message_iterator(file, NULL);
	po_message_t m;
	while ((m = po_next_message(it)))
		if (!po_message_is_obsolete(m))   /* those are kept only for history */
			compiler_add(k, po_message_msgctxt(m), po_message_msgid(m),
			             po_message_msgstr(m), po_message_is_fuzzy(m));
	po_message_iterator_free(it);
}

static char *cache_path(const char *cache_dir, const char *po_path)
{
	const char *base = strrchr(po_path, '/') ? strrchr(po_path, '/') + 1 : po_path;
	char *name = xasprintf("%s.catalog", base);
	char *p = fs_join(cache_dir, name);
	free(name);
	return p;
}

/* Read the PO file at `path` into `k`: with the fast reader when `fast`,
 * else with libgettextpo (which says what is wrong with a broken file).
 * POSCAN_DECLINED when the fast reader does not take the file.  Only UTF-8
 * is read: a check of our own, as libgettextpo rejects bad bytes only when
 * the header says UTF-8. */
static int compile_file(const char *path, const uint32_t stamp[STAMP_WORDS], int fast,
                        struct compiler *k, struct err *e)
{
	char *text;
	size_t len;
	po_file_t file;
	int rc;
	compiler_start(k, stamp);
	if (!fast) {
		if (!(file = pofile_read(path, e)))
			return -1;
		compile_po(file, k);
		po_file_free(file);
		compiler_finish(k);
		return 0;
	}
	if (fs_read(path, &text, &len, e) < 0)
		return -1;
	rc = utf8_require(text, len, path, "(translations must be UTF-8)", e);
	if (rc == 0 && (rc = poscan(text, len, compiler_add, k)) == 0)
		compiler_finish(k);
	free(text);
	return rc;
}

/* Compile and index the PO file at `path` into `c`: the fast reader
 * first; libgettextpo when it declines, or when a key is given twice (an
 * error libgettextpo reports). */
static int compile_and_adopt(struct catalog *c, const char *path,
                             const uint32_t stamp[STAMP_WORDS], struct err *e)
{
	struct compiler k = { .n = 0 };
	size_t len;
	char *data;
	int rc = compile_file(path, stamp, 1, &k, e);
	for (int fast = 1; rc != -1; fast = 0) {
		if (rc == 0) {
			len = k.out.len;
			data = buf_take(&k.out);
			if (adopt_compiled(c, data, len, stamp) == 0)
				return 0;
			free(data);
			if (!fast)
				return err_set(e, path, 0, "cannot index the translations");
		}
		rc = compile_file(path, stamp, 0, &k, e);
	}
	buf_free(&k.out);
	return -1;
}

int catalog_load(struct catalog **out, const char *path, int missing_ok,
                 const char *cache_dir, struct err *e)
{
	struct catalog *c = catalog_new();
	char *cached = NULL, *cpath = NULL;
	size_t cached_len;
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
		if (fs_read(cpath, &cached, &cached_len, NULL) == 0 &&
		    adopt_compiled(c, cached, cached_len, stamp) == 0) {
			cached = NULL;
			goto done;
		}
	}
	if (compile_and_adopt(c, path, stamp, e) < 0)
		goto out;
	if (cpath && fs_mkdirs(cache_dir, NULL) == 0)
		fs_write_atomic(cpath, c->buf, c->buf_len, NULL);
done:
	*out = c;
	c = NULL;
	rc = 0;
out:
	catalog_free(c);
	free(cached);
	free(cpath);
	return rc;
}
