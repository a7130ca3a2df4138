/* media.c - font and image header checks; see media.h. */
#include "media.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int fail(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[1] << 8 | p[0];
}

static uint32_t le24(const unsigned char *p)
{
	return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le32(const unsigned char *p)
{
	return le24(p) | (uint32_t)p[3] << 24;
}

/* ---- fonts -------------------------------------------------------------- */

/* More tables than any real font has (Noto Sans has 18). */
#define FONT_MAX_TABLES 256

enum { T_CMAP, T_HEAD, T_HHEA, T_HMTX, T_MAXP, T_GLYF, T_LOCA, T_CFF, T_CFF2, T_COUNT };
static const char font_tags[T_COUNT][5] = { "cmap", "head", "hhea", "hmtx", "maxp",
                                            "glyf", "loca", "CFF ", "CFF2" };

/* The `head` table: its magic number and a units-per-em that OpenType
 * allows (16 to 16384). */
static int font_head(const unsigned char *t, uint32_t len, char *why, size_t n)
{
	if (len < 54)
		return fail(why, n, "its 'head' table is cut short (%u bytes)", (unsigned)len);
	if (be32(t + 12) != 0x5F0F3CF5)
		return fail(why, n, "its 'head' table is damaged (no magic number)");
	unsigned upem = be16(t + 18);
	if (upem < 16 || upem > 16384)
		return fail(why, n, "its 'head' table is damaged (%u units per em)", upem);
	return 0;
}

int media_font_check(const unsigned char *data, size_t len, char *why, size_t n)
{
	unsigned have = 0;
	if (len < 12)
		return fail(why, n, "not a font: %zu bytes", len);
	if (be32(data) != 0x00010000 && memcmp(data, "true", 4) && memcmp(data, "OTTO", 4))
		return fail(why, n, "not a TrueType or OpenType font");
	unsigned ntables = be16(data + 4);
	if (!ntables || ntables > FONT_MAX_TABLES)
		return fail(why, n, "its table directory is damaged (%u tables)", ntables);
	if (12 + 16 * (size_t)ntables > len)
		return fail(why, n, "cut short: its table directory ends past its %zu bytes", len);
	for (unsigned i = 0; i < ntables; i++) {
		const unsigned char *rec = data + 12 + 16 * (size_t)i;
		uint32_t off = be32(rec + 8), tlen = be32(rec + 12);
		if ((uint64_t)off + tlen > len)
			return fail(why, n, "cut short: table %u ends past its %zu bytes", i + 1, len);
		for (int t = 0; t < T_COUNT; t++)
			if (!memcmp(rec, font_tags[t], 4))
				have |= 1u << t;
		if (!memcmp(rec, "head", 4) && font_head(data + off, tlen, why, n) < 0)
			return -1;
	}
	for (int t = T_CMAP; t <= T_MAXP; t++)
		if (!(have & 1u << t))
			return fail(why, n, "it has no '%s' table", font_tags[t]);
	int outlines = (have & 1u << T_GLYF && have & 1u << T_LOCA) || have & 1u << T_CFF ||
	               have & 1u << T_CFF2;
	if (!outlines)
		return fail(why, n, "it has no glyph outlines ('glyf' and 'loca', or 'CFF ')");
	return 0;
}

/* ---- images ------------------------------------------------------------- */

static int png_size(const unsigned char *d, size_t len, int *w, int *h, char *why, size_t n)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	if (len < 8 || memcmp(d, sig, 8))
		return fail(why, n, "not a PNG image");
	/* the first chunk is IHDR, 13 bytes, and a 4-byte CRC after it */
	if (len < 33 || be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4))
		return fail(why, n, "a PNG image without its header (IHDR)");
	*w = be32(d + 16) > INT32_MAX ? -1 : (int)be32(d + 16);
	*h = be32(d + 20) > INT32_MAX ? -1 : (int)be32(d + 20);
	return 0;
}

/* A JPEG's size is in its frame header (SOFn), after any other segments. */
static int jpeg_size(const unsigned char *d, size_t len, int *w, int *h, char *why, size_t n)
{
	if (len < 4 || d[0] != 0xFF || d[1] != 0xD8 || d[2] != 0xFF)
		return fail(why, n, "not a JPEG image");
	for (size_t i = 2; i + 4 <= len;) {
		unsigned m = d[i + 1];
		if (d[i] != 0xFF)
			return fail(why, n, "a JPEG image with damaged segments");
		if (m == 0xFF) {                 /* fill byte */
			i++;
			continue;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD8)) {   /* no length */
			i += 2;
			continue;
		}
		if (m == 0xD9 || m == 0xDA)      /* the end, or image data, before a frame */
			break;
		size_t seg = be16(d + i + 2);
		if (seg < 2 || i + 2 + seg > len)
			return fail(why, n, "a JPEG image cut short");
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (seg < 7)
				return fail(why, n, "a JPEG image with a damaged frame header");
			*h = (int)be16(d + i + 5);
			*w = (int)be16(d + i + 7);
			return 0;
		}
		i += 2 + seg;
	}
	return fail(why, n, "a JPEG image without a frame header (its width and height)");
}

static int gif_size(const unsigned char *d, size_t len, int *w, int *h, char *why, size_t n)
{
	if (len < 10 || (memcmp(d, "GIF87a", 6) && memcmp(d, "GIF89a", 6)))
		return fail(why, n, "not a GIF image");
	*w = (int)le16(d + 6);
	*h = (int)le16(d + 8);
	return 0;
}

/* WebP: a RIFF file whose first chunk is lossy (VP8), lossless (VP8L) or
 * extended (VP8X); each keeps the size in its own way. */
static int webp_size(const unsigned char *d, size_t len, int *w, int *h, char *why, size_t n)
{
	if (len < 12 || memcmp(d, "RIFF", 4) || memcmp(d + 8, "WEBP", 4))
		return fail(why, n, "not a WebP image");
	if (len < 30)
		return fail(why, n, "a WebP image cut short");
	const unsigned char *c = d + 20;
	if (!memcmp(d + 12, "VP8 ", 4)) {
		if (c[3] != 0x9D || c[4] != 0x01 || c[5] != 0x2A)
			return fail(why, n, "a WebP image with a damaged frame");
		*w = (int)(le16(c + 6) & 0x3FFF);
		*h = (int)(le16(c + 8) & 0x3FFF);
	} else if (!memcmp(d + 12, "VP8L", 4)) {
		if (c[0] != 0x2F)
			return fail(why, n, "a WebP image with a damaged frame");
		uint32_t bits = le32(c + 1);
		*w = (int)(bits & 0x3FFF) + 1;
		*h = (int)(bits >> 14 & 0x3FFF) + 1;
	} else if (!memcmp(d + 12, "VP8X", 4)) {
		*w = (int)le24(c + 4) + 1;
		*h = (int)le24(c + 7) + 1;
	} else {
		return fail(why, n, "a WebP image of an unknown kind");
	}
	return 0;
}

static int bmp_size(const unsigned char *d, size_t len, int *w, int *h, char *why, size_t n)
{
	if (len < 26 || memcmp(d, "BM", 2))
		return fail(why, n, "not a BMP image");
	uint32_t dib = le32(d + 14);
	if (dib == 12) {                     /* the old OS/2 header: 16-bit sizes */
		*w = (int)le16(d + 18);
		*h = (int)le16(d + 20);
	} else if (dib >= 40 && 14 + (size_t)dib <= len) {
		int32_t sw = (int32_t)le32(d + 18), sh = (int32_t)le32(d + 22);
		*w = sw;
		/* negative: stored top-down */
		*h = sh == INT32_MIN ? -1 : sh < 0 ? -sh : sh;
	} else {
		return fail(why, n, "a BMP image with a damaged header");
	}
	return 0;
}

/* SVG is text: an element first (after a byte-order mark and white space)
 * and an <svg element somewhere. */
static int svg_check(const unsigned char *d, size_t len, int *w, int *h, char *why, size_t n)
{
	size_t i = len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
		i++;
	int found = 0;
	for (size_t j = i; !found && j + 4 <= len; j++)
		found = !memcmp(d + j, "<svg", 4);
	if (i == len || d[i] != '<' || !found)
		return fail(why, n, "not an SVG image");
	*w = *h = 0;
	return 0;
}

/* The one table of image types: what the bundle and the EPUB call a
 * file, and how the kiosk reads its header.  BMP has no file name: the
 * kiosk draws it, but EPUB readers need not (it is no core media type of
 * EPUB 3), so no content image may be one. */
static const struct {
	const char *type;
	const char *ext[2];   /* the file name endings, compared case folded */
	int (*size)(const unsigned char *, size_t, int *, int *, char *, size_t);
} kinds[] = {
	{ "image/png", { ".png" }, png_size },
	{ "image/jpeg", { ".jpg", ".jpeg" }, jpeg_size },
	{ "image/gif", { ".gif" }, gif_size },
	{ "image/webp", { ".webp" }, webp_size },
	{ "image/bmp", { NULL }, bmp_size },
	{ "image/svg+xml", { ".svg" }, svg_check },
};
#define NKINDS (sizeof kinds / sizeof *kinds)

const char *media_image_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t k = 0; dot && k < NKINDS; k++)
		for (size_t i = 0; i < 2 && kinds[k].ext[i]; i++)
			if (!strcasecmp(dot, kinds[k].ext[i]))
				return kinds[k].type;
	return NULL;
}

int media_image_check(const char *media_type, const unsigned char *data, size_t len,
                      int *w, int *h, char *why, size_t n)
{
	*w = *h = 0;
	for (size_t k = 0; k < NKINDS; k++) {
		if (strcmp(media_type, kinds[k].type))
			continue;
		if (kinds[k].size(data, len, w, h, why, n) < 0)
			return -1;
		if (kinds[k].size == svg_check)
			return 0;
		if (*w < 1 || *h < 1 || *w > MEDIA_MAX_SIDE || *h > MEDIA_MAX_SIDE)
			return fail(why, n, "an image of %d x %d pixels (1 to %d a side)", *w, *h,
			            MEDIA_MAX_SIDE);
		return 0;
	}
	return fail(why, n, "media type \"%.40s\" is not one the kiosk shows (PNG, JPEG, GIF, "
	            "WebP, BMP or SVG)", media_type);
}

/* The first Ogg page (27 bytes of header, its segment table, then the
 * packet) holds the Opus identification header, version 1. */
int media_opus_check(const unsigned char *d, size_t len, char *why, size_t n)
{
	if (len < 27 || memcmp(d, "OggS", 4))
		return fail(why, n, "not Ogg (no \"OggS\" at its start)");
	size_t body = 27 + (size_t)d[26];
	if (len < body + 19 || memcmp(d + body, "OpusHead", 8))
		return fail(why, n, "Ogg, but not Opus (no \"OpusHead\" in its first page)");
	if ((d[body + 8] & 0xF0) != 0 || d[body + 9] < 1 || d[body + 9] > 2)
		return fail(why, n, "an Opus header of version %u and %u channels, expected "
		            "version 1 of mono or stereo", d[body + 8], d[body + 9]);
	return 0;
}
