/* fragcache.c - module bodies kept between builds; see fragcache.h. */
#include "fragcache.h"
#include "fs.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/*
 * A record file, integers little-endian:
 *   "CRSVFRG1" | body key (2 x u64) | checksum (u64: XXH3-64 of the rest) |
 *   msgid count (u32) | msgids | language count (u32) | languages:
 *     code | translations key (u64) | units, fallbacks, first fallback line,
 *     its state (4 x u32) | link count (u32) | links: is_image (u32) | url |
 *     href | html
 * where each string is its length (u32) and its bytes.
 */
#define MAGIC "CRSVFRG1"
#define HEAD_LEN (8 + 16 + 8)

struct flang {
	char *lang;
	uint64_t translations;
	struct frag_result r;
	struct frag_log log;
	char *html;
	size_t len;
};

struct fragcache {
	char *path;             /* NULL: no cache */
	uint64_t key[2];
	char **msgids;
	size_t nmsgids;
	int has_msgids;
	struct flang *v;
	size_t n;
	int dirty;
};

void frag_log_add(struct frag_log *log, const char *url, int is_image, const char *href)
{
	log->v = xrealloc(log->v, (log->n + 1) * sizeof *log->v);
	log->v[log->n++] = (struct frag_link){ xstrdup(url), is_image, xstrdup(href) };
}

void frag_log_free(struct frag_log *log)
{
	for (size_t i = 0; i < log->n; i++) {
		free(log->v[i].url);
		free(log->v[i].href);
	}
	free(log->v);
	log->v = NULL;
	log->n = 0;
}

static void free_msgids(struct fragcache *f)
{
	for (size_t i = 0; i < f->nmsgids; i++)
		free(f->msgids[i]);
	free(f->msgids);
	f->msgids = NULL;
	f->nmsgids = 0;
	f->has_msgids = 0;
}

static void free_langs(struct fragcache *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].lang);
		frag_log_free(&f->v[i].log);
		free(f->v[i].html);
	}
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* ---- reading ---------------------------------------------------------- */

struct cursor {
	const char *p;
	size_t len, pos;
	int bad;
};

static uint64_t get_u(struct cursor *c, int bytes)
{
	uint64_t v = 0;
	if (c->bad || c->len - c->pos < (size_t)bytes) {
		c->bad = 1;
		return 0;
	}
	for (int i = bytes - 1; i >= 0; i--)
		v = v << 8 | (unsigned char)c->p[c->pos + (size_t)i];
	c->pos += (size_t)bytes;
	return v;
}

/* A string (heap, NUL-terminated); NULL when the record is cut short. */
static char *get_str(struct cursor *c, size_t *len)
{
	size_t n = (size_t)get_u(c, 4);
	if (c->bad || c->len - c->pos < n) {
		c->bad = 1;
		return NULL;
	}
	char *s = xstrndup(c->p + c->pos, n);
	c->pos += n;
	if (len)
		*len = n;
	return s;
}

static void read_lang(struct cursor *c, struct flang *l)
{
	l->lang = get_str(c, NULL);
	l->translations = get_u(c, 8);
	l->r.units = (int)get_u(c, 4);
	l->r.fallbacks = (int)get_u(c, 4);
	l->r.first_fallback_line = (int)get_u(c, 4);
	l->r.first_fallback_state = (int)get_u(c, 4);
	size_t links = (size_t)get_u(c, 4);
	for (size_t k = 0; k < links && !c->bad; k++) {
		int is_image = (int)get_u(c, 4);
		char *url = get_str(c, NULL), *href = get_str(c, NULL);
		if (url && href)
			frag_log_add(&l->log, url, is_image, href);
		free(url);
		free(href);
	}
	l->html = get_str(c, &l->len);
}

/* Fill `f` from the file's bytes; a mismatch leaves it empty. */
static void read_record(struct fragcache *f, const char *data, size_t len)
{
	struct cursor c = { data, len, 8, 0 };
	if (len < HEAD_LEN || memcmp(data, MAGIC, 8) || get_u(&c, 8) != f->key[0] ||
	    get_u(&c, 8) != f->key[1] || get_u(&c, 8) != XXH3_64bits(data + HEAD_LEN, len - HEAD_LEN))
		return;
	size_t n = (size_t)get_u(&c, 4);
	if (n > len)
		return;
	f->msgids = xcalloc(n ? n : 1, sizeof *f->msgids);
	for (; f->nmsgids < n && !c.bad; f->nmsgids++)
		f->msgids[f->nmsgids] = get_str(&c, NULL);
	size_t langs = (size_t)get_u(&c, 4);
	for (size_t i = 0; i < langs && !c.bad && i < 256; i++) {
		f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
		memset(&f->v[f->n], 0, sizeof *f->v);
		read_lang(&c, &f->v[f->n++]);
	}
	if (c.bad || c.pos != len) {
		free_msgids(f);
		free_langs(f);
		return;
	}
	f->has_msgids = 1;
}

struct fragcache *frag_open(const char *dir, const char *module_path,
                            const uint64_t body_key[2])
{
	struct fragcache *f = xcalloc(1, sizeof *f);
	char *data;
	size_t len;
	f->key[0] = body_key[0];
	f->key[1] = body_key[1];
	if (!dir)
		return f;
	char *name = xasprintf("fragments/%016llx",
	                       (unsigned long long)XXH3_64bits(module_path, strlen(module_path)));
	f->path = fs_join(dir, name);
	free(name);
	if (fs_read(f->path, &data, &len, NULL) == 0) {
		read_record(f, data, len);
		free(data);
	}
	return f;
}

/* ---- using and keeping ------------------------------------------------- */

char *const *frag_msgids(const struct fragcache *f, size_t *n)
{
	*n = f->has_msgids ? f->nmsgids : 0;
	return f->has_msgids ? f->msgids : NULL;
}

void frag_keep_msgids(struct fragcache *f, char *const *msgids, size_t n)
{
	free_msgids(f);
	free_langs(f);   /* bodies of another list of units are not this body's */
	f->msgids = xcalloc(n ? n : 1, sizeof *f->msgids);
	for (size_t i = 0; i < n; i++)
		f->msgids[i] = xstrdup(msgids[i]);
	f->nmsgids = n;
	f->has_msgids = 1;
	f->dirty = 1;
}

static struct flang *find_lang(struct fragcache *f, const char *lang)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].lang, lang))
			return &f->v[i];
	return NULL;
}

const char *frag_body(struct fragcache *f, const char *lang, uint64_t translations,
                      frag_resolve_fn resolve, void *ctx, struct frag_result *r,
                      size_t *len)
{
	struct flang *l = find_lang(f, lang);
	struct buf href = {0};
	int same = l && l->translations == translations;
	for (size_t k = 0; same && k < l->log.n; k++) {
		buf_reset(&href);
		same = resolve(ctx, l->log.v[k].url, l->log.v[k].is_image, &href) == 0 &&
		       strlen(l->log.v[k].href) == href.len &&
		       !memcmp(l->log.v[k].href, href.data ? href.data : "", href.len);
	}
	buf_free(&href);
	if (!same)
		return NULL;
	*r = l->r;
	*len = l->len;
	return l->html;
}

void frag_keep_body(struct fragcache *f, const char *lang, uint64_t translations,
                    const struct frag_log *log, const char *html, size_t len,
                    const struct frag_result *r)
{
	struct flang *l = find_lang(f, lang);
	if (!l) {
		f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
		l = &f->v[f->n++];
		memset(l, 0, sizeof *l);
		l->lang = xstrdup(lang);
	}
	frag_log_free(&l->log);
	free(l->html);
	for (size_t k = 0; k < log->n; k++)
		frag_log_add(&l->log, log->v[k].url, log->v[k].is_image, log->v[k].href);
	l->translations = translations;
	l->r = *r;
	l->html = xstrndup(html, len);
	l->len = len;
	f->dirty = 1;
}

/* ---- writing ---------------------------------------------------------- */

static void put_u(struct buf *b, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++, v >>= 8)
		buf_putc(b, (char)(v & 255));
}

static void put_str(struct buf *b, const char *s, size_t n)
{
	put_u(b, n, 4);
	buf_put(b, s, n);
}

static void write_record(const struct fragcache *f)
{
	struct buf b = {0};
	buf_puts(&b, MAGIC);
	put_u(&b, f->key[0], 8);
	put_u(&b, f->key[1], 8);
	put_u(&b, 0, 8);   /* the checksum, when the rest is there */
	put_u(&b, f->nmsgids, 4);
	for (size_t i = 0; i < f->nmsgids; i++)
		put_str(&b, f->msgids[i], strlen(f->msgids[i]));
	put_u(&b, f->n, 4);
	for (size_t i = 0; i < f->n; i++) {
		const struct flang *l = &f->v[i];
		put_str(&b, l->lang, strlen(l->lang));
		put_u(&b, l->translations, 8);
		put_u(&b, (uint32_t)l->r.units, 4);
		put_u(&b, (uint32_t)l->r.fallbacks, 4);
		put_u(&b, (uint32_t)l->r.first_fallback_line, 4);
		put_u(&b, (uint32_t)l->r.first_fallback_state, 4);
		put_u(&b, l->log.n, 4);
		for (size_t k = 0; k < l->log.n; k++) {
			put_u(&b, (uint32_t)l->log.v[k].is_image, 4);
			put_str(&b, l->log.v[k].url, strlen(l->log.v[k].url));
			put_str(&b, l->log.v[k].href, strlen(l->log.v[k].href));
		}
		put_str(&b, l->html, l->len);
	}
	uint64_t sum = XXH3_64bits(b.data + HEAD_LEN, b.len - HEAD_LEN);
	for (int i = 0; i < 8; i++)
		b.data[8 + 16 + i] = (char)((sum >> (8 * i)) & 255);
	char *dir = xstrdup(f->path);
	*strrchr(dir, '/') = '\0';
	if (fs_mkdirs(dir, NULL) == 0)
		fs_write_atomic(f->path, b.data, b.len, NULL);
	free(dir);
	buf_free(&b);
}

void frag_close(struct fragcache *f)
{
	if (!f)
		return;
	if (f->path && f->dirty)
		write_record(f);
	free_msgids(f);
	free_langs(f);
	free(f->path);
	free(f);
}
