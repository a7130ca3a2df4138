/*
 * audiofile.h - narration's sound files read and written: WAV (a
 * narrator's recorder), Ogg Opus (what the kiosk, the site and the EPUB
 * play; libopusfile reads it, libopusenc writes it at 24 kb/s tuned for
 * speech) and MP3 (the site's fallback for browsers without Opus, Safari
 * before 18.4; LAME, 32 kb/s mono).
 */
#ifndef CRSV_AUDIOFILE_H
#define CRSV_AUDIOFILE_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

/* Mono 16-bit samples. */
struct pcm {
	int16_t *v;
	size_t n;
	int rate;
};

void pcm_free(struct pcm *p);

/* A WAV file (PCM, 16-bit, mono or stereo mixed down) or an Ogg Opus file
 * (decoded at 48 kHz, mono), told by its first bytes. */
int audio_read(const char *path, struct pcm *out, struct err *e);

/* Written aside, then renamed; `title` and `voice` go into the Opus
 * comments (TITLE, CRSV_VOICE). */
int audio_write_opus(const char *path, const struct pcm *p, const char *title,
                     const char *voice, struct err *e);
int audio_write_mp3(const char *path, const struct pcm *p, struct err *e);

/* 1 when the file begins as Ogg Opus does ("OggS", then "OpusHead"). */
int audio_is_opus(const char *path);

/* The recording `src` (whose bytes hash to `sha`) as `ext` ("opus" or
 * "mp3") in `cache_dir`, made from it the first time (a WAV becomes Opus,
 * MP3 is made from either; `title` and `voice` for Opus comments): its
 * path in *path (heap). */
int audio_cached(const char *src, const char *sha, const char *ext, const char *cache_dir,
                 const char *title, const char *voice, char **path, struct err *e);

/* The length of an Ogg Opus file in seconds; -1 when it cannot be read. */
double audio_seconds(const char *path);

#endif
