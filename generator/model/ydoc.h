/*
 * ydoc.h - a loaded YAML document with typed, positioned accessors.
 *
 * Wraps libyaml's document API so config.c and content.c can say "the string
 * under key `title`, or an error naming its line".  A `struct ydoc` owns the
 * libyaml document; node pointers returned by the accessors are borrowed
 * from it and die with ydoc_free.
 */
#ifndef CRSV_YDOC_H
#define CRSV_YDOC_H

#include <stddef.h>
#include <yaml.h>
#include "err.h"

struct ydoc {
	yaml_document_t doc;
	int loaded;
	const char *path;   /* borrowed, for error messages */
	int line_offset;    /* added to libyaml's 0-based line numbers */
};

/* Parse `len` bytes of YAML from `text`.  `path` names the file in errors;
 * `first_line` is the 1-based line in that file where `text` begins (front
 * matter starts on line 2).  An empty document is an error. */
int ydoc_load(struct ydoc *y, const char *path, int first_line,
              const char *text, size_t len, struct err *e);
/* Read `path` (which must be UTF-8) and parse it as ydoc_load does. */
int ydoc_load_file(struct ydoc *y, const char *path, struct err *e);
void ydoc_free(struct ydoc *y);

yaml_node_t *ydoc_root(struct ydoc *y);
/* 1-based line of a node in the file. */
int ydoc_line(const struct ydoc *y, const yaml_node_t *n);

/* The value node under `key` in mapping `map`, or NULL. */
yaml_node_t *ydoc_get(struct ydoc *y, yaml_node_t *map, const char *key);

/* A scalar under `key` as a new heap string.  Missing and `required` is an
 * error at the map's line; missing and optional gives *out = NULL, 0. */
int ydoc_string(struct ydoc *y, yaml_node_t *map, const char *key,
                int required, char **out, int *line, struct err *e);
/* An integer >= 0 under `key`. */
int ydoc_int(struct ydoc *y, yaml_node_t *map, const char *key, int required,
             int *out, struct err *e);
/* true/false (also yes/no) under `key`; missing gives `dflt`. */
int ydoc_bool(struct ydoc *y, yaml_node_t *map, const char *key, int dflt,
              int *out, struct err *e);
/* Require `n` to be a mapping / sequence; `what` names it in the error. */
int ydoc_expect(struct ydoc *y, yaml_node_t *n, yaml_node_type_t type,
                const char *what, struct err *e);

/* Report keys of `map` not in the NULL-terminated `known` list, and keys
 * given twice. */
int ydoc_only_keys(struct ydoc *y, yaml_node_t *map, const char *const *known,
                   struct err *e);

/* Iterate a sequence: number of items and the i-th node. */
size_t ydoc_seq_len(yaml_node_t *seq);
yaml_node_t *ydoc_seq_at(struct ydoc *y, yaml_node_t *seq, size_t i);

#endif
