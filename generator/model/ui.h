/*
 * ui.h - the chrome strings (assets/ui.yaml): key -> source-language text.
 *
 * Every word of the site's chrome comes from here, translated through the
 * PO files with msgctxt "ui"; templates reach them as {{ui.<key>}}.  A
 * `struct ui` owns its strings.
 */
#ifndef CRSV_UI_H
#define CRSV_UI_H

#include <stddef.h>
#include "err.h"

struct ui_string {
	char *key;
	char *text;   /* source language */
	int line;
};

struct strmap;

struct ui {
	char *path;
	struct ui_string *items;   /* file order */
	size_t n;
	struct strmap *index;      /* key -> position in items + 1 */
};

/* Read a flat YAML mapping of key: text.  Keys are [a-z0-9_], each once. */
int ui_load(struct ui *u, const char *path, struct err *e);
void ui_free(struct ui *u);

/* The entry of `key`, or NULL when ui.yaml has none (borrowed from `u`). */
const struct ui_string *ui_find(const struct ui *u, const char *key);

/* A translated pattern with each of its `n` {name}s replaced by its value
 * (heap): "Page {page} of {pages}". */
char *ui_fill(const char *pattern, const char *const *names, const char *const *values,
              size_t n);

#define UI_CTXT "ui"

#endif
