/* textcache.c - a bounded cache of text pieces; see textcache.h. */
#include "textcache.h"
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WAYS 8   /* entries a set: a piece can be in any of its set's */

struct entry {
	struct text_key key;
	uint64_t hash;
	size_t len;
	uint64_t used;              /* the cache's clock when last found or added */
	int taken;
	struct text_value value;    /* value.text: the cache's copy (heap) */
};

struct text_cache {
	struct entry *entries;      /* nsets * WAYS */
	size_t nsets;               /* a power of two */
	size_t count;
	size_t budget, held;        /* bytes: at most, and charged now */
	uint64_t clock;
	void (*drop)(void *made);
};

/* FNV-1a over the bytes, then what they are drawn with. */
static uint64_t hash_of(const struct text_key *k, const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	h = (h ^ (uint64_t)(uintptr_t)k->face) * 1099511628211u;
	h = (h ^ (uint64_t)k->rgb) * 1099511628211u;
	return (h ^ (uint64_t)(k->rtl != 0)) * 1099511628211u;
}

static struct entry *set_of(const struct text_cache *c, uint64_t hash)
{
	/* the high bits too: FNV's low bits alone spread short texts less well */
	return &c->entries[((hash ^ (hash >> 29)) & (c->nsets - 1)) * WAYS];
}

static int same(const struct entry *e, const struct text_key *k, uint64_t hash, const char *s,
                size_t len)
{
	return e->taken && e->hash == hash && e->len == len && e->key.face == k->face &&
	       e->key.rtl == k->rtl && e->key.rgb == k->rgb && !memcmp(e->value.text, s, len);
}

static void drop_entry(struct text_cache *c, struct entry *e)
{
	if (!e->taken)
		return;
	if (c->drop)
		c->drop(e->value.made);
	free((char *)e->value.text);
	c->held -= e->value.bytes;
	memset(e, 0, sizeof *e);
	c->count--;
}

struct text_cache *text_cache_new(size_t entries, void (*drop)(void *made))
{
	struct text_cache *c = xcalloc(1, sizeof *c);
	c->nsets = 1;
	while (c->nsets * WAYS < entries)
		c->nsets *= 2;
	c->entries = xcalloc(c->nsets * WAYS, sizeof *c->entries);
	c->drop = drop;
	return c;
}

void text_cache_free(struct text_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nsets * WAYS; i++)
		drop_entry(c, &c->entries[i]);
	free(c->entries);
	free(c);
}

struct text_value *text_cache_find(struct text_cache *c, const struct text_key *k,
                                   const char *s, size_t len)
{
	uint64_t hash = hash_of(k, s, len);
	struct entry *set = set_of(c, hash);
	for (int i = 0; i < WAYS; i++)
		if (same(&set[i], k, hash, s, len)) {
			set[i].used = ++c->clock;
			return &set[i].value;
		}
	return NULL;
}

struct text_value *text_cache_add(struct text_cache *c, const struct text_key *k,
                                  const char *s, size_t len)
{
	uint64_t hash = hash_of(k, s, len);
	struct entry *set = set_of(c, hash), *e = &set[0];
	/* a free way, else the least recently used */
	for (int i = 0; i < WAYS && e->taken; i++)
		if (!set[i].taken || set[i].used < e->used)
			e = &set[i];
	drop_entry(c, e);
	e->key = *k;
	e->hash = hash;
	e->len = len;
	e->used = ++c->clock;
	e->taken = 1;
	e->value.text = xstrndup(s, len);
	c->count++;
	return &e->value;
}

void text_cache_set_budget(struct text_cache *c, size_t bytes)
{
	c->budget = bytes;
}

/* The least recently used piece held but `keep`, or NULL. */
static struct entry *oldest_but(struct text_cache *c, const struct text_value *keep)
{
	struct entry *old = NULL;
	for (size_t i = 0; i < c->nsets * WAYS; i++) {
		struct entry *e = &c->entries[i];
		if (e->taken && &e->value != keep && (!old || e->used < old->used))
			old = e;
	}
	return old;
}

void text_cache_charge(struct text_cache *c, struct text_value *v, size_t bytes)
{
	v->bytes += bytes;
	c->held += bytes;
	struct entry *old;
	/* (a scan of every entry a piece dropped: rare, once a screen's pieces
	 * are held) */
	while (c->budget && c->held > c->budget && (old = oldest_but(c, v)))
		drop_entry(c, old);
}

size_t text_cache_bytes(const struct text_cache *c)
{
	return c->held;
}

size_t text_cache_count(const struct text_cache *c)
{
	return c->count;
}

size_t text_cache_capacity(const struct text_cache *c)
{
	return c->nsets * WAYS;
}
