/*
 * media.h - what a font, an image or a recording is.  For an image, the
 * media type its file name gives (one table for every output).  For each,
 * what its bytes say, read from the headers without decoding them: the
 * checks a plain-C reader (the kiosk's material.c) can make of the blobs of
 * a bundle before the decoders (SDL_ttf, SDL_image) ever see them.
 *
 * A header check cannot prove that the rest of a file decodes; it does
 * catch a blob that is not what its row says (another format, cut short,
 * empty, random bytes) and sizes no kiosk can draw.  Each check returns 0,
 * or -1 with a reason (a short English phrase, for a message that names
 * the row) in `why`.
 */
#ifndef CRSV_MEDIA_H
#define CRSV_MEDIA_H

#include <stddef.h>

/* Images wider or taller than this are refused: a decoded picture is four
 * bytes a pixel, and no kiosk panel needs more. */
#define MEDIA_MAX_SIDE 16384

/* A TrueType or OpenType font (sfnt: 0x00010000, "true" or "OTTO"; not a
 * collection): its table directory inside the data, every table inside
 * the data, the tables a font needs to draw text (cmap, head, hhea, hmtx,
 * maxp, and glyf with loca or CFF), and a sound `head` table. */
int media_font_check(const unsigned char *data, size_t len, char *why, size_t n);

/* The media types the kiosk draws (SDL_image), and for each the magic
 * number and, but for SVG, the width and height in the header (*w, *h;
 * 0 for SVG): image/png, image/jpeg, image/gif, image/webp, image/bmp,
 * image/svg+xml.  Another media type, or bytes of another format, are
 * refused. */
int media_image_check(const char *media_type, const unsigned char *data, size_t len,
                      int *w, int *h, char *why, size_t n);

/* The media type of a content image by its file name's ending, case
 * folded: image/png (.png), image/jpeg (.jpg, .jpeg), image/gif,
 * image/webp or image/svg+xml, the images every output shows (EPUB 3's
 * core image types, which browsers and the kiosk draw too); NULL for any
 * other name.  The result is a static string. */
const char *media_image_type(const char *name);

/* Ogg Opus (narration, decoded by libopusfile): an Ogg page ("OggS")
 * whose packet is the Opus identification header ("OpusHead", version 1,
 * mono or stereo). */
int media_opus_check(const unsigned char *data, size_t len, char *why, size_t n);

#endif
