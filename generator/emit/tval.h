/*
 * tval.h - the values templates are rendered with: strings, booleans, lists
 * and maps, as in Mustache's data model.
 *
 * A value owns its children, except children attached with tv_set_ref /
 * tv_push_ref, which are borrowed (for large lists shared by many pages).
 * Map keys are borrowed too: string literals, or strings that outlive the
 * map (the site builds hundreds of thousands of values: no copy per key).
 * Free the root with tv_free (NULL is fine).
 */
#ifndef CRSV_TVAL_H
#define CRSV_TVAL_H

#include <stddef.h>

enum tv_kind { TV_STR, TV_BOOL, TV_LIST, TV_MAP };

struct tval {
	enum tv_kind kind;
	char *s;                 /* TV_STR */
	int b;                   /* TV_BOOL */
	struct tval **items;     /* TV_LIST items, TV_MAP values */
	const char **keys;       /* TV_MAP keys (borrowed) */
	unsigned char *borrowed; /* per item: 1 when not owned */
	size_t n, cap;
	size_t *order;           /* TV_MAP: item positions sorted by key, or NULL */
};

struct tval *tv_str(const char *s);
struct tval *tv_strn(const char *s, size_t n);
/* Take ownership of a heap string. */
struct tval *tv_str_take(char *s);
struct tval *tv_int(long v);
struct tval *tv_bool(int b);
struct tval *tv_list(void);
struct tval *tv_map(void);
void tv_free(struct tval *v);

/* Map: set `key` to `v` (owned); replaces an existing key. Returns `v`. */
struct tval *tv_set(struct tval *map, const char *key, struct tval *v);
/* Map: set `key` to a borrowed `v`. */
void tv_set_ref(struct tval *map, const char *key, struct tval *v);
/* Shorthands for common leaf values. */
void tv_set_str(struct tval *map, const char *key, const char *s);
void tv_set_bool(struct tval *map, const char *key, int b);
void tv_set_int(struct tval *map, const char *key, long v);
/* List: append `v` (owned). Returns `v`. */
struct tval *tv_push(struct tval *list, struct tval *v);
void tv_push_ref(struct tval *list, struct tval *v);

/* Sort a large map's keys so lookups are a binary search instead of a scan
 * (for maps read on every page, such as the chrome strings). Setting a key
 * afterwards drops the index. */
void tv_index(struct tval *map);

/* tv_index every map with more than a few keys in the tree under `v`,
 * not entering borrowed values (they belong to, and are indexed by, their
 * owner, and may be shared between threads). */
void tv_index_owned(struct tval *v);

/* Map lookup; NULL when absent or `map` is not a map. */
struct tval *tv_get(const struct tval *map, const char *key);

/* Mustache truthiness: false, "", an empty list and absence are false. */
int tv_truthy(const struct tval *v);

#endif
