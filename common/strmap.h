/*
 * strmap.h - a string-keyed hash table (open addressing, FNV-1a).
 *
 * The map owns copies of its keys; values are borrowed pointers whose
 * lifetime the caller manages (strmap_free takes an optional destructor).
 */
#ifndef CRSV_STRMAP_H
#define CRSV_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void);
/* Free the map and its keys; call `free_value` on each value when given. */
void strmap_free(struct strmap *m, void (*free_value)(void *));

/* Insert or replace; returns the previous value or NULL. */
void *strmap_put(struct strmap *m, const char *key, void *value);
void *strmap_get(const struct strmap *m, const char *key);
size_t strmap_count(const struct strmap *m);

/* Iterate: start with *pos = 0; returns 0 when done. Order is unspecified;
 * sort the keys when output order matters. */
int strmap_next(const struct strmap *m, size_t *pos, const char **key,
                void **value);

#endif
