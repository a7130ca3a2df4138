/*
 * wavopus.h - a narrator's WAV recording as Ogg Opus, for the kiosk
 * bundle (the kiosk decodes Opus only): RIFF PCM, 16 bits, mono or
 * stereo, any rate libopusenc resamples from; encoded at 24 kb/s for
 * speech, as speech.c encodes the machine voice.
 */
#ifndef CRSV_WAVOPUS_H
#define CRSV_WAVOPUS_H

#include <stddef.h>
#include "buf.h"
#include "err.h"

/* The `len` bytes at `wav` (a file read whole; `path` for messages)
 * encoded as Ogg Opus into `out`; -1 with the reason. */
int wav_to_opus(const unsigned char *wav, size_t len, const char *path, struct buf *out,
                struct err *e);

#endif
