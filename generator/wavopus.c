/* wavopus.c - WAV recordings into Ogg Opus; see wavopus.h. */
#include "wavopus.h"

#include <opusenc.h>
#include <stdint.h>
#include <string.h>

#define BITRATE 24000       /* as speech.c's: about 190 KB a minute of speech */

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

struct pcm {
	int rate, channels;
	const unsigned char *data;
	size_t len;
};

/* The PCM of a RIFF WAVE file: its "fmt " and "data" chunks; -1 when it is
 * not 16-bit PCM of one or two channels. */
static int wav_parse(const unsigned char *w, size_t len, struct pcm *p)
{
	int have_fmt = 0;
	memset(p, 0, sizeof *p);
	if (len < 12 || memcmp(w, "RIFF", 4) || memcmp(w + 8, "WAVE", 4))
		return -1;
	for (size_t at = 12; at + 8 <= len;) {
		uint32_t size = le32(w + at + 4);
		const unsigned char *body = w + at + 8;
		if (size > len - at - 8)
			size = (uint32_t)(len - at - 8);   /* a recorder that never wrote the size */
		if (!memcmp(w + at, "fmt ", 4) && size >= 16) {
			if (le16(body) != 1 || le16(body + 14) != 16)
				return -1;
			p->channels = (int)le16(body + 2);
			p->rate = (int)le32(body + 4);
			have_fmt = 1;
		} else if (!memcmp(w + at, "data", 4) && have_fmt) {
			p->data = body;
			p->len = size - size % (size_t)(2 * p->channels);
			break;
		}
		at += 8 + size + (size & 1);
	}
	if (!have_fmt || !p->data || p->channels < 1 || p->channels > 2 || p->rate < 8000 ||
	    p->rate > 192000)
		return -1;
	return 0;
}

static int on_write(void *ctx, const unsigned char *ptr, opus_int32 len)
{
	buf_put(ctx, ptr, (size_t)len);
	return 0;
}

static int on_close(void *ctx)
{
	(void)ctx;
	return 0;
}

int wav_to_opus(const unsigned char *wav, size_t len, const char *path, struct buf *out,
                struct err *e)
{
	static const OpusEncCallbacks cb = { on_write, on_close };
	struct pcm p;
	int error = 0;
	if (wav_parse(wav, len, &p) < 0)
		return err_set(e, path, 0, "not a WAV recording the bundle can take (16-bit PCM, "
		               "mono or stereo): record it again, or as Ogg Opus");
	OggOpusComments *c = ope_comments_create();
	OggOpusEnc *enc = ope_encoder_create_callbacks(&cb, out, c, p.rate, p.channels, 0, &error);
	ope_comments_destroy(c);
	if (!enc)
		return err_set(e, path, 0, "cannot encode as Ogg Opus: %s", ope_strerror(error));
	ope_encoder_ctl(enc, OPUS_SET_BITRATE(BITRATE));
	ope_encoder_ctl(enc, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
	/* the samples are little-endian in the file: copied out in order */
	size_t frames = p.len / (size_t)(2 * p.channels);
	opus_int16 chunk[4096];
	for (size_t done = 0; done < frames && error == OPE_OK;) {
		size_t n = frames - done;
		if (n > sizeof chunk / sizeof *chunk / (size_t)p.channels)
			n = sizeof chunk / sizeof *chunk / (size_t)p.channels;
		for (size_t i = 0; i < n * (size_t)p.channels; i++)
			chunk[i] = (opus_int16)le16(p.data + 2 * (done * (size_t)p.channels + i));
		error = ope_encoder_write(enc, chunk, (int)n);
		done += n;
	}
	if (error == OPE_OK)
		error = ope_encoder_drain(enc);
	ope_encoder_destroy(enc);
	if (error != OPE_OK)
		return err_set(e, path, 0, "cannot encode as Ogg Opus: %s", ope_strerror(error));
	return 0;
}
