/*
 * poscan.h - a fast reader for ordinary PO files, with libgettextpo as the
 * reference.
 *
 * libgettextpo reads a 10 MB catalogue in about 0.7 s (it converts, checks
 * and measures every string); the first build after a translator's edit
 * paid that for every language.  This reader handles the PO files gettext's
 * tools and crsv-gen write: comments, "#, fuzzy", msgctxt / msgid / msgstr
 * with continued strings and C escapes, obsolete "#~" entries (skipped).
 * It *declines* everything else rather than guess: plural forms, a charset
 * other than UTF-8, an escape or keyword it does not know, a line it cannot
 * place.  A declined file is then read by libgettextpo, which also gives
 * the error message of a broken one, so what a translator sees does not
 * depend on which reader ran.  test_poscan compares the two readers on
 * every PO file in the tree.
 */
#ifndef CRSV_POSCAN_H
#define CRSV_POSCAN_H

#include <stddef.h>

/* Called for each message, the header (msgid "") included, in file order.
 * `ctxt` is NULL when the message has none.  The strings live until the
 * next call. Return non-zero to stop the scan (poscan then returns it). */
typedef int (*poscan_fn)(void *ctx, const char *ctxt, const char *msgid,
                         const char *msgstr, int fuzzy);

/* Scan the `len` bytes of `text` (UTF-8, already checked).  0 when every
 * message was given to `fn`; POSCAN_DECLINED when the file holds anything
 * this reader does not handle (some messages may have been given already);
 * or what `fn` returned. */
#define POSCAN_DECLINED (-2)
int poscan(const char *text, size_t len, poscan_fn fn, void *ctx);

#endif
