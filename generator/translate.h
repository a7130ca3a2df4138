/*
 * translate.h - a language's translations, read from its PO file.
 *
 * A `struct catalog` maps (msgctxt, msgid) to a msgstr and its state.  It is
 * read with libgettextpo (never a hand-written parser); syntax errors are
 * reported as "file:line: error: ...".  Lookups say whether a unit is
 * translated, fuzzy or missing, so the build can fall back to the source
 * text and the status command can count.
 */
#ifndef CRSV_TRANSLATE_H
#define CRSV_TRANSLATE_H

#include "err.h"

enum tstate {
	T_TRANSLATED,   /* a current translation */
	T_FUZZY,        /* translated but marked fuzzy: needs review, not used */
	T_MISSING       /* no entry, or an empty msgstr */
};

struct catalog;

/* Read `path`.  A missing file gives an empty catalog (everything falls back)
 * when `missing_ok`, otherwise an error. */
int catalog_load(struct catalog **out, const char *path, int missing_ok,
                 struct err *e);
/* An empty catalog, for the source language. */
struct catalog *catalog_new(void);
void catalog_free(struct catalog *c);

/* Add or replace an entry (used by tests and by catalog_load). */
void catalog_add(struct catalog *c, const char *ctxt, const char *msgid,
                 const char *msgstr, int fuzzy);

/* The translation of `msgid` (in context `ctxt`, NULL for none) when it is
 * current, else NULL; `*state` (when not NULL) says which case it was. */
const char *catalog_get(const struct catalog *c, const char *ctxt,
                        const char *msgid, enum tstate *state);

/* Translation or the source text itself: never NULL.  `*fell_back` is set to
 * 1 when the source text was returned. */
const char *catalog_text(const struct catalog *c, const char *ctxt,
                         const char *msgid, int *fell_back);

#endif
