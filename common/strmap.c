/* strmap.c - string-keyed hash table; see strmap.h. */
#include "strmap.h"
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	char *key;
	uint64_t hash;
	void *value;
};

struct strmap {
	struct slot *slots;
	size_t cap;   /* a power of two */
	size_t count;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct strmap *strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof *m);
	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	return m;
}

void strmap_free(struct strmap *m, void (*free_value)(void *))
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		free(m->slots[i].key);
		if (free_value)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	free(m);
}

static struct slot *find_slot(struct slot *slots, size_t cap, const char *key,
                              uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);
	while (slots[i].key && (slots[i].hash != h || strcmp(slots[i].key, key)))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap * 2;
	struct slot *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < m->cap; i++) {
		struct slot *s = &m->slots[i];
		if (s->key)
			*find_slot(slots, cap, s->key, s->hash) = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	uint64_t h = hash_str(key);
	struct slot *s = find_slot(m->slots, m->cap, key, h);
	if (s->key) {
		void *old = s->value;
		s->value = value;
		return old;
	}
	s->key = xstrdup(key);
	s->hash = h;
	s->value = value;
	m->count++;
	return NULL;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct slot *s = find_slot(m->slots, m->cap, key, hash_str(key));
	return s->key ? s->value : NULL;
}

size_t strmap_count(const struct strmap *m)
{
	return m->count;
}

int strmap_next(const struct strmap *m, size_t *pos, const char **key,
                void **value)
{
	while (*pos < m->cap) {
		struct slot *s = &m->slots[(*pos)++];
		if (s->key) {
			*key = s->key;
			*value = s->value;
			return 1;
		}
	}
	return 0;
}
