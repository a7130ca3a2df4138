/*
 * speech.h - a machine voice for narration drafts: espeak-ng (in process,
 * libespeak-ng) speaking a text, encoded as Ogg Opus (libopusenc, 24 kb/s,
 * tuned for speech, mono at espeak-ng's 22,050 Hz).
 *
 * Used only by `crsv-gen narrate --synthesize` (narrate.c): what it makes
 * is stored apart and marked synthetic, and the kiosk and the site say
 * "machine voice" where it plays (research §7: espeak-ng's Arabic is poor
 * without diacritics; recorded narration is the source of truth).
 */
#ifndef CRSV_SPEECH_H
#define CRSV_SPEECH_H

#include "err.h"

struct speech;

/* A voice for language `code` ("en", "fr", "ar"); -1 with the reason when
 * espeak-ng has none (a language it does not speak is said so, never
 * faked with another language's voice). */
int speech_open(struct speech **out, const char *code, struct err *e);
void speech_close(struct speech *s);

/* `text` (UTF-8, plain) spoken into the Ogg Opus file `path` (written
 * aside, then renamed); its length in seconds in *seconds. */
int speech_to_opus(struct speech *s, const char *text, const char *path, const char *title,
                   double *seconds, struct err *e);

#endif
