/*
 * translate.h - a language's translations, read from its PO file.
 *
 * A `struct catalog` maps (msgctxt, msgid) to a msgstr and its state.  PO
 * files are read with libgettextpo (never a hand-written parser); syntax
 * errors are reported as "file:line: error: ...".  Lookups say whether a unit
 * is translated, fuzzy or missing, so the build can fall back to the source
 * text and the status command can count.
 *
 * libgettextpo is thorough but slow on large catalogues (it converts and
 * measures every string), so, as Sphinx keeps compiled .mo files, a read
 * catalogue is kept compiled in a cache folder, stamped with the PO file's
 * size, modification time and inode, and reused while they are unchanged.  The compiled form
 * is one buffer: loading it is a read and an index, with no allocation per
 * entry.
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
 * when `missing_ok`, otherwise an error.  With a `cache_dir` (created when
 * needed), the compiled catalogue is reused or refreshed there; a cache that
 * cannot be written is silently skipped. */
int catalog_load(struct catalog **out, const char *path, int missing_ok,
                 const char *cache_dir, struct err *e);
/* An empty catalog. */
struct catalog *catalog_new(void);
void catalog_free(struct catalog *c);

/* Add an entry (used by tests; a later add of the same key wins). */
void catalog_add(struct catalog *c, const char *ctxt, const char *msgid,
                 const char *msgstr, int fuzzy);

/* The translation of `msgid` (in context `ctxt`, NULL for none) when it is
 * current, else NULL; `*state` (when not NULL) says which case it was. */
const char *catalog_get(const struct catalog *c, const char *ctxt,
                        const char *msgid, enum tstate *state);

/* 1 when the PO header says the translation awaits review
 * ("X-Review-Status: draft"): readers are then told so. */
int catalog_is_draft(const struct catalog *c);

/* Translation or the source text itself: never NULL.  `*fell_back` is set to
 * 1 when the source text stands in for a missing or fuzzy translation; a
 * NULL catalogue is the source language, whose text never "fell back".
 * Emitters use project_text (project.h), which knows the languages. */
const char *catalog_text(const struct catalog *c, const char *ctxt,
                         const char *msgid, int *fell_back);

/* The key of (ctxt, msgid) as gettext spells it in a compiled catalogue:
 * "ctxt\004msgid", or "msgid" without a context (heap string; *len, when
 * not NULL, its length).  The one spelling for every table keyed by unit. */
char *catalog_key(const char *ctxt, const char *msgid, size_t *len);

#endif
