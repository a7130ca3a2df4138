/*
 * emit_bundle.h - out/packages/kiosk.bundle: one SQLite file holding all
 * that crsv-kiosk shows (languages, tracks, modules as blocks with emphasis
 * runs, quizzes with their answer key, UI strings, helplines, images and
 * fonts) in every shipped language.  Its schema is common/bundle.sql (see
 * there for what each table and column means, and bundle.h for the reader).
 *
 * Module text is cut into blocks the way the site renders it (mdhtml.c):
 * each translation unit is looked up in the language's catalogue and, when
 * it has no current translation, its source text is used and the block is
 * marked as a fallback.
 *
 * Fonts come from /usr/share/fonts/truetype/noto (Debian's fonts-noto-core),
 * or from the folder named by $CRSV_FONTS when that is set (tests).  Noto
 * Sans is always shipped; Noto Naskh Arabic when a language is written in
 * Arabic script.
 *
 * The last row is the seal (common/seal.h): the digest of everything
 * else, and with a key its signature; a signed bundle also gets
 * kiosk.bundle.minisig beside it, so `minisign -V` can check the file.
 *
 * The database is built in memory in one transaction with bound parameters
 * only, then written with VACUUM INTO to "<path>.tmp-<pid>" (no free pages,
 * nothing left of the build's history) and renamed to `path`: the same
 * input gives the same bytes, and a failed build leaves no file.
 */
#ifndef CRSV_EMIT_BUNDLE_H
#define CRSV_EMIT_BUNDLE_H

#include "emit.h"

/* The font folder used when $CRSV_FONTS is not set. */
#define BUNDLE_FONT_DIR "/usr/share/fonts/truetype/noto"

/* Write the bundle of the loaded project j->p (with its catalogues) to
 * j->path, built at j->when (its meta build_time) and signed as j->sg says
 * (NULL: unsigned).  A missing font is "<font path>: error: font not found
 * (install fonts-noto-core)". */
int emit_bundle(const struct emit_job *j, struct err *e);

/* Sign the finished file at `path` for minisign: `path`.minisig, with the
 * trusted comment `trusted` (one line). */
int sign_file_minisig(const struct sign_key *key, const char *path, const char *trusted,
                      struct err *e);

#endif
