/*
 * pofile.h - reading and writing PO files with libgettextpo, with errors.
 *
 * libgettextpo reports problems through a handler with no user pointer; the
 * handler here records the first error and counts the rest, and never exits
 * the process (libgettextpo may still return a file after errors, so the
 * count decides).  Not reentrant: PO files are read one at a time.
 */
#ifndef CRSV_POFILE_H
#define CRSV_POFILE_H

#include <gettext-po.h>
#include "err.h"

/* Read `path`; NULL with `e` filled ("file:line: error: ...") on any error. */
po_file_t pofile_read(const char *path, struct err *e);

/* Write `file` to `path` through a temporary file and rename. */
int pofile_write(po_file_t file, const char *path, struct err *e);

/* Point `e`, an error found in a translation, at the PO file that holds
 * it: "<po>:<line>: error: in the <lang> translation: <msg> (source:
 * <file>:<line>)".  `ctxt` and `msgid` name the entry (ctxt NULL for none);
 * its line is looked for in the file (libgettextpo keeps no positions);
 * when the file has no such entry, `e` is left as it was. */
void pofile_blame(struct err *e, const char *po_path, const char *lang,
                  const char *ctxt, const char *msgid);

#endif
