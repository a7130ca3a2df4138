/*
 * textcache.h - a bounded cache of what the renderer makes of a piece of
 * text: its width, or its texture.  Plain C (a texture is the owner's
 * pointer, handed back through a callback when its entry goes), so it is
 * tested without SDL.
 *
 * A piece is found by what it is drawn with (the face and size, the
 * direction, the colour) and by its bytes: a 64-bit hash and the length
 * find the entry, and the entry's copy of the bytes is compared, so two
 * texts never share an entry.  Finding never allocates; adding copies the
 * bytes.  The cache holds at most a fixed number of entries, in sets of 8
 * by hash: a new entry takes the place of the least recently used of its
 * set.  So a redraw of an unchanged screen finds every piece it drew last
 * time: no allocation, no shaping.  It may also hold at most a number of
 * bytes of what the owner made (textures: a line of text 700 px wide is
 * about 90 KB), the least recently used pieces going first when a new one
 * would pass it.
 */
#ifndef CRSV_TEXTCACHE_H
#define CRSV_TEXTCACHE_H

#include <stddef.h>

/* What a piece is drawn with. */
struct text_key {
	const void *face;     /* the font (face and size) */
	int rtl;              /* shaped right to left */
	unsigned rgb;         /* 0xRRGGBB; 0 where colour plays no part (widths) */
};

struct text_value {
	void *made;           /* the owner's (a texture; NULL for none), handed to
	                         the cache's `drop` when the entry goes */
	int w, h;
	const char *text;     /* the piece, NUL-terminated (the cache's copy) */
	size_t bytes;         /* what `made` holds, as charged (text_cache_charge) */
};

struct text_cache;

/* A cache of at most `entries` pieces (rounded up to a power of two, 8 at
 * least); `drop` (may be NULL) is called with the `made` of every entry
 * that leaves it. */
struct text_cache *text_cache_new(size_t entries, void (*drop)(void *made));
/* Drops every entry; accepts NULL. */
void text_cache_free(struct text_cache *c);

/* The value of `len` bytes at `s` drawn with `k`, or NULL; borrowed until
 * the next text_cache_add. */
struct text_value *text_cache_find(struct text_cache *c, const struct text_key *k,
                                   const char *s, size_t len);
/* A new entry for a piece text_cache_find did not find, its value zeroed
 * but for `text`, for the caller to fill in; the least recently used entry
 * of its set is dropped when the set is full.  Borrowed as above. */
struct text_value *text_cache_add(struct text_cache *c, const struct text_key *k,
                                  const char *s, size_t len);

/* At most `bytes` of what the owner made held at once (0, the default:
 * no bound but the number of entries). */
void text_cache_set_budget(struct text_cache *c, size_t bytes);
/* `v` (just added) holds `bytes`: while the cache holds more than its
 * budget, the least recently used other pieces are dropped. */
void text_cache_charge(struct text_cache *c, struct text_value *v, size_t bytes);
/* The bytes charged for the pieces it holds. */
size_t text_cache_bytes(const struct text_cache *c);

/* How many entries it holds, and at most. */
size_t text_cache_count(const struct text_cache *c);
size_t text_cache_capacity(const struct text_cache *c);

#endif
