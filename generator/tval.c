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
	return tv_str_take(xasprintf("%ld", v));
}

struct tval *tv_bool(int b)
{
	struct tval *v = tv_new(TV_BOOL);
	v->b = b != 0;
	return v;
}

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
		if (v->keys)
			free(v->keys[i]);
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
	map->keys[i] = xstrdup(key);
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
	tv_set(map, key, tv_bool(b));
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

/* qsort has no user pointer: the map being indexed. tv_index is called
 * before pages are rendered in parallel, never concurrently. */
static const struct tval *sorting;

static int cmp_pos(const void *a, const void *b)
{
	return strcmp(sorting->keys[*(const size_t *)a], sorting->keys[*(const size_t *)b]);
}

void tv_index(struct tval *map)
{
	free(map->order);
	map->order = xmalloc((map->n ? map->n : 1) * sizeof *map->order);
	for (size_t i = 0; i < map->n; i++)
		map->order[i] = i;
	sorting = map;
	qsort(map->order, map->n, sizeof *map->order, cmp_pos);
	sorting = NULL;
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
