/*
 * fragcache.h - module bodies rendered by an earlier build, reused when
 * everything they were made from is the same.
 *
 * Most of a site build is turning each module's CommonMark into HTML in
 * every language: parsing it, cutting it into units, parsing and rendering
 * each translated unit.  Between two builds nearly every module is the
 * same, so, as Sphinx keeps its doctrees and ccache its objects, the
 * cache folder keeps for each module its units' msgids and, per language,
 * the body's HTML with what it was made from:
 *
 * - the body key: a hash of the module's path, its body and first line,
 *   and the crsv-gen binary (the caller's; a different body starts a new
 *   record);
 * - the translations key: a hash of what the language's catalogue says
 *   for each unit (state and text);
 * - every link and image of the body with the href it got.  On reuse the
 *   caller resolves each again (which also copies an image again) and the
 *   body is reused only when each gives the same href: a module renamed,
 *   a picture removed, and the body is made again, with its error.
 *
 * A body is kept only when its rendering had no side output (no narration
 * player after a unit) and no error.  One file per module
 * (<cache>/fragments/<hash of its path>), so the cache does not grow with
 * edits; each has a checksum, and a damaged one is a miss.  Not thread
 * safe per record; records of different modules are independent.
 */
#ifndef CRSV_FRAGCACHE_H
#define CRSV_FRAGCACHE_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "err.h"

/* What a rendering says besides its HTML (mdhtml's env outputs). */
struct frag_result {
	int units, fallbacks, first_fallback_line, first_fallback_state;
};

/* The links and images one rendering resolved, in order. */
struct frag_log {
	struct frag_link { char *url; int is_image; char *href; } *v;
	size_t n;
};
void frag_log_add(struct frag_log *log, const char *url, int is_image, const char *href);
void frag_log_free(struct frag_log *log);

struct fragcache;

/* The record of the module at `module_path` (a name, used only to find the
 * record), for a body whose key is `body_key`; with a NULL `dir`, a record
 * that misses everything and is never written.  Never fails: an absent or
 * damaged file is an empty record. */
struct fragcache *frag_open(const char *dir, const char *module_path,
                            const uint64_t body_key[2]);

/* The units' msgids the record keeps for this body, or NULL (*n = 0).
 * Owned by the record. */
char *const *frag_msgids(const struct fragcache *f, size_t *n);
/* Keep the msgids (copied). */
void frag_keep_msgids(struct fragcache *f, char *const *msgids, size_t n);

/* Resolve `url` again into `href`: 0, or -1 (the body is then not reused;
 * the caller renders it and meets the error there). */
typedef int (*frag_resolve_fn)(void *ctx, const char *url, int is_image,
                               struct buf *href);

/* The body kept for `lang` when its translations key is `translations` and
 * each of its links resolves as before; NULL otherwise.  Owned by the
 * record; `*r` and `*len` are set on a hit. */
const char *frag_body(struct fragcache *f, const char *lang, uint64_t translations,
                      frag_resolve_fn resolve, void *ctx, struct frag_result *r,
                      size_t *len);

/* Keep a body just rendered for `lang` (copied), with the links it
 * resolved. */
void frag_keep_body(struct fragcache *f, const char *lang, uint64_t translations,
                    const struct frag_log *log, const char *html, size_t len,
                    const struct frag_result *r);

/* Write the record when it changed (temporary file and rename; a cache
 * that cannot be written is skipped), and free it. */
void frag_close(struct fragcache *f);

#endif
