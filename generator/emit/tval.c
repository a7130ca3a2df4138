/* tval.c - template values; see tval.h. */
#include "tval.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

static struct tval *tv_new(enum tv_kind k)
{
	struct tval *v = xcalloc(1, sizeof *v);
	v->kind = k;
	return v;
}

struct tval *tv_str_take(char *s)
{
	struct tval *v = tv_new(TV_STR);
	v->s = s;
	return v;
}

struct tval *tv_str(const char *s)
{
	return tv_str_take(xstrdup(s ? s : ""));
}

struct tval *tv_strn(const char *s, size_t n)
{
	return tv_str_take(xstrndup(s, n));
}

struct tval *tv_int(long v)
{
	char digits[24], *p = digits + sizeof digits;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	*--p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return tv_str(p);
}

struct tval *tv_bool(int b)
{
	struct tval *v = tv_new(TV_BOOL);
	v->b = b != 0;
	return v;
}

/* Shared, never freed: booleans are set on every item of every list. */
static struct tval tv_true = { .kind = TV_BOOL, .b = 1 };
static struct tval tv_false = { .kind = TV_BOOL, .b = 0 };

struct tval *tv_list(void)
{
	return tv_new(TV_LIST);
}

struct tval *tv_map(void)
{
	return tv_new(TV_MAP);
}

void tv_free(struct tval *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (!v->borrowed[i])
			tv_free(v->items[i]);
	}
	free(v->items);
	free(v->order);
	free(v->keys);
	free(v->borrowed);
	free(v->s);
	free(v);
}

static size_t append_slot(struct tval *v)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->items = xrealloc(v->items, v->cap * sizeof *v->items);
		v->borrowed = xrealloc(v->borrowed, v->cap);
		if (v->kind == TV_MAP)
			v->keys = xrealloc(v->keys, v->cap * sizeof *v->keys);
	}
	return v->n++;
}

static void map_put(struct tval *map, const char *key, struct tval *v,
                    int borrowed)
{
	free(map->order);
	map->order = NULL;
	for (size_t i = 0; i < map->n; i++) {
		if (strcmp(map->keys[i], key))
			continue;
		if (!map->borrowed[i])
			tv_free(map->items[i]);
		map->items[i] = v;
		map->borrowed[i] = (unsigned char)borrowed;
		return;
	}
	size_t i = append_slot(map);
	map->keys[i] = key;
	map->items[i] = v;
	map->borrowed[i] = (unsigned char)borrowed;
}

struct tval *tv_set(struct tval *map, const char *key, struct tval *v)
{
	map_put(map, key, v, 0);
	return v;
}

void tv_set_ref(struct tval *map, const char *key, struct tval *v)
{
	map_put(map, key, v, 1);
}

void tv_set_str(struct tval *map, const char *key, const char *s)
{
	tv_set(map, key, tv_str(s));
}

void tv_set_bool(struct tval *map, const char *key, int b)
{
	tv_set_ref(map, key, b ? &tv_true : &tv_false);
}

void tv_set_int(struct tval *map, const char *key, long v)
{
	tv_set(map, key, tv_int(v));
}

struct tval *tv_push(struct tval *list, struct tval *v)
{
	size_t i = append_slot(list);
	list->items[i] = v;
	list->borrowed[i] = 0;
	return v;
}

void tv_push_ref(struct tval *list, struct tval *v)
{
	size_t i = append_slot(list);
	list->items[i] = v;
	list->borrowed[i] = 1;
}

void tv_index(struct tval *map)
{
	/* insertion sort: maps are small, and qsort has no user pointer, which
	 * a static would make unsafe in the worker threads */
	free(map->order);
	map->order = xmalloc((map->n ? map->n : 1) * sizeof *map->order);
	for (size_t i = 0; i < map->n; i++) {
		size_t j = i;
		while (j > 0 && strcmp(map->keys[map->order[j - 1]], map->keys[i]) > 0) {
			map->order[j] = map->order[j - 1];
			j--;
		}
		map->order[j] = i;
	}
}

void tv_index_owned(struct tval *v)
{
	if (!v || (v->kind != TV_MAP && v->kind != TV_LIST))
		return;
	if (v->kind == TV_MAP && v->n > 8 && !v->order)
		tv_index(v);
	for (size_t i = 0; i < v->n; i++)
		if (!v->borrowed[i])
			tv_index_owned(v->items[i]);
}

struct tval *tv_get(const struct tval *map, const char *key)
{
	if (!map || map->kind != TV_MAP)
		return NULL;
	if (map->order) {
		size_t lo = 0, hi = map->n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			int c = strcmp(key, map->keys[map->order[mid]]);
			if (!c)
				return map->items[map->order[mid]];
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		return NULL;
	}
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->keys[i], key))
			return map->items[i];
	return NULL;
}

int tv_truthy(const struct tval *v)
{
	if (!v)
		return 0;
	switch (v->kind) {
	case TV_STR: return v->s[0] != '\0';
	case TV_BOOL: return v->b;
	case TV_LIST: return v->n > 0;
	case TV_MAP: return 1;
	}
	return 0;
}
