/* speech.c - espeak-ng into Ogg Opus; see speech.h. */
#include "speech.h"
#include "audiofile.h"
#include "buf.h"

#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE_WPM 150        /* a little slower than espeak-ng's 175: for listeners
                               new to the words */

struct speech {
	int rate;               /* espeak-ng's sample rate (22050) */
	struct buf pcm;         /* the samples of the text being spoken */
};

/* espeak-ng is one engine per process: its callback finds the speech here. */
static struct speech *speaking;

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
	(void)events;
	if (speaking && wav && n > 0)
		buf_put(&speaking->pcm, wav, (size_t)n * sizeof *wav);
	return 0;   /* go on */
}

int speech_open(struct speech **out, const char *code, struct err *e)
{
	*out = NULL;
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0);
	if (rate <= 0)
		return err_set(e, "", 0, "espeak-ng cannot start (is espeak-ng-data installed?)");
	espeak_VOICE want = { 0 };
	want.languages = code;
	if (espeak_SetVoiceByProperties(&want) != EE_OK) {
		espeak_Terminate();
		return err_set(e, "", 0, "espeak-ng has no voice for \"%s\": this language's "
		               "narration must be recorded", code);
	}
	/* a voice of another language must not stand in: "ar" is not "a" */
	espeak_VOICE *got = espeak_GetCurrentVoice();
	const char *langs = got && got->languages ? got->languages + 1 : "";
	size_t n = strlen(code);
	if (strncmp(langs, code, n) || (langs[n] && langs[n] != '-')) {
		espeak_Terminate();
		return err_set(e, "", 0, "espeak-ng has no voice for \"%s\" (its nearest is \"%s\"): "
		               "this language's narration must be recorded", code, langs);
	}
	espeak_SetParameter(espeakRATE, RATE_WPM, 0);
	espeak_SetSynthCallback(on_samples);
	struct speech *s = xcalloc(1, sizeof *s);
	s->rate = rate;
	*out = s;
	return 0;
}

void speech_close(struct speech *s)
{
	if (!s)
		return;
	espeak_Terminate();
	buf_free(&s->pcm);
	free(s);
}

int speech_to_opus(struct speech *s, const char *text, const char *path, const char *title,
                   double *seconds, struct err *e)
{
	buf_reset(&s->pcm);
	speaking = s;
	espeak_ERROR r = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	                              espeakCHARS_UTF8, NULL, NULL);
	espeak_Synchronize();
	speaking = NULL;
	if (r != EE_OK)
		return err_set(e, path, 0, "espeak-ng could not speak the text");
	if (!s->pcm.len)
		return err_set(e, path, 0, "espeak-ng said nothing for \"%.40s\"", text);
	struct pcm p = { (int16_t *)s->pcm.data, s->pcm.len / sizeof(int16_t), s->rate };
	*seconds = (double)p.n / s->rate;
	return audio_write_opus(path, &p, title, "synthetic: espeak-ng", e);
}
