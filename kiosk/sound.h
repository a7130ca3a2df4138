/*
 * sound.h - the kiosk's voice: Ogg Opus decoded with libopusfile and
 * played through SDL audio (48 kHz, 16-bit, mono), behind app.h's
 * `struct sound`.  The device is opened the first time something plays,
 * so a kiosk whose bundle has no narration never touches the audio.
 *
 * A voice is decoded whole when it starts (a unit is a few seconds of
 * speech, 96 KB a second at 48 kHz) and queued (SDL_QueueAudio); it has
 * ended when the queue is empty.  A scripted run (`fake_clock`) ends it by
 * the script's clock instead, after its decoded length, so a script's
 * `wait` decides where the reading is, whatever the audio driver does.
 */
#ifndef CRSV_SOUND_H
#define CRSV_SOUND_H

#include "app.h"

struct voice;

struct voice *voice_new(int fake_clock);
void voice_free(struct voice *v);
/* The `struct sound` that plays through `v`. */
struct sound voice_sound(struct voice *v);

#endif
