/* audiofile.c - WAV, Ogg Opus and MP3 for narration; see audiofile.h. */
#include "audiofile.h"
#include "buf.h"
#include "fs.h"

#include <lame/lame.h>
#include <opusenc.h>
#include <opusfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPUS_BITRATE 24000   /* research §7: about 190 KB a minute of speech */
#define MP3_KBPS 32          /* about 235 KB a minute */

void pcm_free(struct pcm *p)
{
	free(p->v);
	memset(p, 0, sizeof *p);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* The "fmt " and "data" chunks of a RIFF WAVE file in `d`. */
static int read_wav(const unsigned char *d, size_t len, const char *path, struct pcm *out,
                    struct err *e)
{
	unsigned channels = 0, bits = 0, format = 0;
	uint32_t rate = 0;
	const unsigned char *data = NULL;
	size_t data_len = 0;
	for (size_t at = 12; at + 8 <= len;) {
		uint32_t size = le32(d + at + 4);
		if (size > len - at - 8)
			size = (uint32_t)(len - at - 8);   /* a recorder that never wrote the size */
		if (!memcmp(d + at, "fmt ", 4) && size >= 16) {
			format = le16(d + at + 8);
			channels = le16(d + at + 10);
			rate = le32(d + at + 12);
			bits = le16(d + at + 22);
		} else if (!memcmp(d + at, "data", 4)) {
			data = d + at + 8;
			data_len = size;
		}
		at += 8 + size + (size & 1);
	}
	if (format != 1 || bits != 16 || channels < 1 || channels > 2 || rate < 8000 ||
	    rate > 96000 || !data)
		return err_set(e, path, 0, "not a WAV file crsv-gen reads (16-bit PCM, mono or "
		               "stereo, 8 to 96 kHz)");
	size_t frames = data_len / (2 * channels);
	out->v = xmalloc((frames ? frames : 1) * sizeof *out->v);
	out->n = frames;
	out->rate = (int)rate;
	for (size_t i = 0; i < frames; i++) {
		int sum = 0;
		for (unsigned c = 0; c < channels; c++)
			sum += (int16_t)le16(data + 2 * (i * channels + c));
		out->v[i] = (int16_t)(sum / (int)channels);
	}
	return 0;
}

static int read_opus(const char *path, struct pcm *out, struct err *e)
{
	int error = 0;
	OggOpusFile *f = op_open_file(path, &error);
	if (!f)
		return err_set(e, path, 0, "not an Ogg Opus file libopusfile can read (%d)", error);
	struct buf b = {0};
	opus_int16 frame[5760 * 2];
	int n;
	while ((n = op_read_stereo(f, frame, (int)(sizeof frame / sizeof *frame))) > 0)
		for (int i = 0; i < n; i++) {
			int16_t mono = (int16_t)((frame[2 * i] + frame[2 * i + 1]) / 2);
			buf_put(&b, &mono, sizeof mono);
		}
	op_free(f);
	if (n < 0) {
		buf_free(&b);
		return err_set(e, path, 0, "the Ogg Opus file is damaged (%d)", n);
	}
	out->n = b.len / sizeof(int16_t);
	out->v = (int16_t *)buf_take(&b);
	out->rate = 48000;
	return 0;
}

int audio_is_opus(const char *path)
{
	unsigned char head[64];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	return n >= 36 && !memcmp(head, "OggS", 4) && !memcmp(head + 28, "OpusHead", 8);
}

int audio_read(const char *path, struct pcm *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (audio_is_opus(path))
		return read_opus(path, out, e);
	char *data = NULL;
	size_t len;
	int rc = fs_read(path, &data, &len, e);
	if (rc == 0) {
		const unsigned char *d = (const unsigned char *)data;
		rc = len >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WAVE", 4)
		     ? read_wav(d, len, path, out, e)
		     : err_set(e, path, 0, "neither Ogg Opus nor WAV");
	}
	free(data);
	return rc;
}

/* A name beside `path` of this thread's own: books are built on several
 * threads, and two may make the same cache file at once. */
static char *tmp_name(const char *path)
{
	int mine;
	return xasprintf("%s.%ld.%p.tmp", path, (long)getpid(), (void *)&mine);
}

/* Put `tmp` in place of `path` (or remove it on failure). */
static int settle(const char *tmp, const char *path, int rc, struct err *e)
{
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_set(e, path, 0, "cannot put the file in place");
	if (rc < 0)
		remove(tmp);
	return rc;
}

int audio_write_opus(const char *path, const struct pcm *p, const char *title,
                     const char *voice, struct err *e)
{
	char *tmp = tmp_name(path);
	int error = 0, rc = 0;
	OggOpusComments *c = ope_comments_create();
	ope_comments_add(c, "TITLE", title);
	if (voice)
		ope_comments_add(c, "CRSV_VOICE", voice);
	OggOpusEnc *enc = ope_encoder_create_file(tmp, c, p->rate, 1, 0, &error);
	ope_comments_destroy(c);
	if (!enc) {
		rc = err_set(e, path, 0, "cannot write Ogg Opus: %s", ope_strerror(error));
	} else {
		ope_encoder_ctl(enc, OPUS_SET_BITRATE(OPUS_BITRATE));
		ope_encoder_ctl(enc, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
		error = ope_encoder_write(enc, p->v, (int)p->n);
		if (error == OPE_OK)
			error = ope_encoder_drain(enc);
		ope_encoder_destroy(enc);
		if (error != OPE_OK)
			rc = err_set(e, path, 0, "cannot write Ogg Opus: %s", ope_strerror(error));
	}
	rc = settle(tmp, path, rc, e);
	free(tmp);
	return rc;
}

int audio_cached(const char *src, const char *sha, const char *ext, const char *cache_dir,
                 const char *title, const char *voice, char **path, struct err *e)
{
	char *name = xconcat(sha, ".", ext, (char *)NULL);
	struct pcm pcm = {0};
	int rc = 0, opus = !strcmp(ext, "opus");
	*path = fs_join(cache_dir, name);
	free(name);
	if (fs_is_file(*path))
		return 0;
	if ((rc = fs_mkdirs(cache_dir, e)) < 0)
		return rc;
	if (opus && audio_is_opus(src))
		return fs_copy_file(src, *path, e);
	rc = audio_read(src, &pcm, e);
	if (rc == 0)
		rc = opus ? audio_write_opus(*path, &pcm, title, voice, e)
		          : audio_write_mp3(*path, &pcm, e);
	pcm_free(&pcm);
	return rc;
}

double audio_seconds(const char *path)
{
	int error = 0;
	OggOpusFile *f = op_open_file(path, &error);
	if (!f)
		return -1;
	ogg_int64_t n = op_pcm_total(f, -1);
	op_free(f);
	return n < 0 ? -1 : (double)n / 48000.0;
}

int audio_write_mp3(const char *path, const struct pcm *p, struct err *e)
{
	char *tmp = tmp_name(path);
	int rc = 0;
	lame_global_flags *l = lame_init();
	lame_set_num_channels(l, 1);
	lame_set_in_samplerate(l, p->rate);
	lame_set_out_samplerate(l, 24000);
	lame_set_mode(l, MONO);
	lame_set_brate(l, MP3_KBPS);
	lame_set_bWriteVbrTag(l, 0);   /* the same bytes for the same samples */
	size_t cap = p->n + p->n / 4 + 7200;
	unsigned char *mp3 = xmalloc(cap);
	int n = 0, tail = 0;
	if (lame_init_params(l) < 0 ||
	    (n = lame_encode_buffer(l, p->v, p->v, (int)p->n, mp3, (int)cap)) < 0 ||
	    (tail = lame_encode_flush(l, mp3 + n, (int)(cap - (size_t)n))) < 0)
		rc = err_set(e, path, 0, "LAME cannot encode the narration");
	lame_close(l);
	if (rc == 0)
		rc = fs_write(tmp, mp3, (size_t)n + (size_t)tail, e);
	free(mp3);
	rc = settle(tmp, path, rc, e);
	free(tmp);
	return rc;
}
