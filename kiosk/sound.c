/* sound.c - libopusfile into SDL audio; see sound.h. */
#include "sound.h"
#include "buf.h"

#include <SDL.h>
#include <opusfile.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 48000          /* libopusfile always decodes at 48 kHz */

struct voice {
	SDL_AudioDeviceID dev;
	int failed;             /* the device would not open: said once */
	int fake_clock;
	int64_t ends_at;        /* fake_clock: when the voice playing ends */
	int playing;
	opus_int16 *pcm;        /* the decoded voice */
	size_t cap;
};

struct voice *voice_new(int fake_clock)
{
	struct voice *v = xcalloc(1, sizeof *v);
	v->fake_clock = fake_clock;
	return v;
}

void voice_free(struct voice *v)
{
	if (!v)
		return;
	if (v->dev)
		SDL_CloseAudioDevice(v->dev);
	free(v->pcm);
	free(v);
}

/* The device, opened on first use. */
static int device(struct voice *v)
{
	if (v->dev || v->failed)
		return v->dev ? 0 : -1;
	if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
		fprintf(stderr, "crsv-kiosk: warning: no audio, narration is not played: %s\n",
		        SDL_GetError());
		v->failed = 1;
		return -1;
	}
	SDL_AudioSpec want = { .freq = RATE, .format = AUDIO_S16SYS, .channels = 1,
	                       .samples = 2048 };
	v->dev = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0);
	if (!v->dev) {
		fprintf(stderr, "crsv-kiosk: warning: no audio device, narration is not played: %s\n",
		        SDL_GetError());
		v->failed = 1;
		return -1;
	}
	return 0;
}

/* The whole of an Ogg Opus file as mono samples in v->pcm; how many, or
 * -1 when it does not decode. */
static long decode(struct voice *v, const unsigned char *data, size_t len)
{
	int error = 0;
	OggOpusFile *of = op_open_memory(data, len, &error);
	long n = 0;
	if (!of)
		return -1;
	for (;;) {
		if (v->cap - (size_t)n < 5760 * 2) {   /* a packet's most, in stereo */
			v->cap = v->cap ? 2 * v->cap : RATE * 2;
			v->pcm = xrealloc(v->pcm, v->cap * sizeof *v->pcm);
		}
		int got = op_read(of, v->pcm + n, (int)(v->cap - (size_t)n), NULL);
		if (got < 0) {
			n = -1;
			break;
		}
		if (got == 0)
			break;
		if (op_channel_count(of, -1) == 2)   /* a stereo take: the two sides' mean */
			for (int i = 0; i < got; i++)
				v->pcm[n + i] = (opus_int16)((v->pcm[n + 2 * i] + v->pcm[n + 2 * i + 1]) / 2);
		n += got;
	}
	op_free(of);
	return n;
}

static void stop(void *ctx)
{
	struct voice *v = ctx;
	v->playing = 0;
	if (v->dev) {
		SDL_PauseAudioDevice(v->dev, 1);
		SDL_ClearQueuedAudio(v->dev);
	}
}

static int play(void *ctx, const unsigned char *opus, size_t len, int64_t now)
{
	struct voice *v = ctx;
	stop(v);
	long n = device(v) == 0 ? decode(v, opus, len) : -1;
	if (n < 0 || SDL_QueueAudio(v->dev, v->pcm, (Uint32)n * sizeof *v->pcm) < 0)
		return -1;
	SDL_PauseAudioDevice(v->dev, 0);
	v->ends_at = now + n * 1000 / RATE;
	v->playing = 1;
	return 0;
}

static int playing(void *ctx, int64_t now)
{
	struct voice *v = ctx;
	if (!v->playing)
		return 0;
	if (v->fake_clock ? now >= v->ends_at : SDL_GetQueuedAudioSize(v->dev) == 0)
		v->playing = 0;
	return v->playing;
}

struct sound voice_sound(struct voice *v)
{
	return (struct sound){ play, stop, playing, v };
}
