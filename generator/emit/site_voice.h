/*
 * site_voice.h - the site's narration: after each unit of a module page
 * that has a voice in the page's language (or, for a unit shown in the
 * source language, in the source's), an <audio controls preload="none">
 * with the Ogg Opus file and an MP3 fallback (Safari before 18.4), so
 * nothing loads until it is pressed; "Machine voice" beside a synthetic
 * one.  The files go to SITE/audio/<lang>/<key>.opus and .mp3, made once
 * per recording and kept in the build cache (CACHE/audio/<sha256>.*), so a
 * rebuild copies them.
 *
 * Module pages render on worker threads: everything here is safe to call
 * from several at once.
 */
#ifndef CRSV_SITE_VOICE_H
#define CRSV_SITE_VOICE_H

#include "buf.h"
#include "err.h"
#include "project.h"

struct site_voices;

/* The narration of every language of `p` (none narrated: nothing to do,
 * and every call below appends nothing). */
int site_voices_load(struct site_voices **out, const struct project *p, const char *site_dir,
                     struct err *e);
void site_voices_free(struct site_voices *v);
/* 1 when some language of the project is narrated. */
int site_voices_any(const struct site_voices *v);

/* The voice of unit `msgid` shown in language `lang` (or the source's when
 * `fell_back`) as a cached `ext` file: 1 with its path (heap) in *path,
 * its key in `key` and whether it is synthetic, 0 when it has none. */
int site_voice_file(struct site_voices *v, size_t lang, const char *msgid, int fell_back,
                    const char *ext, char **path, char key[17], int *synthetic,
                    struct err *e);

/* The page's words for the player and the machine voice note. */
struct voice_words {
	const char *listen, *machine;
};

/* Append the player of unit `msgid` (shown in language `lang`, or in the
 * source language when `fell_back`) for a page `up` ("../") below its
 * language folder, or nothing when it has no voice. */
int site_voice_unit(struct site_voices *v, size_t lang, const char *msgid, int fell_back,
                    const char *up, const struct voice_words *w, struct buf *out,
                    struct err *e);

#endif
