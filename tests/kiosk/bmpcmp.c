/*
 * bmpcmp.c - compare two screenshots (uncompressed 24- or 32-bit BMP, as
 * SDL_SaveBMP writes them) for tests/kiosk/run.sh.
 *
 *   kiosk-bmpcmp [-t TOL] [-n PIXELS | -p PERCENT] [-a X,Y,W,H] [-b X,Y,W,H]
 *                [-r DEG] EXPECTED.bmp ACTUAL.bmp [DIFF.bmp]
 *
 * A pixel matches when each of R, G, B differs by at most TOL (default 8);
 * the images match when they have the same size and at most PIXELS
 * pixels do not match (default 16), or, with -p, at least PERCENT of them
 * match.  The budget is absolute, not a share of the screen: a share of
 * 0.5% let 5,120 pixels of a 1280x800 screen differ, more than a missing
 * check mark (about 150) or "Page 1 / 10" (about 700) changes.  The goldens
 * are made by the same renderer and fonts as the run that checks them
 * (Debian 12's), so they match pixel for pixel; a font or rasteriser
 * update makes them differ everywhere, and they are then rewritten and
 * looked at (tests/kiosk/run.sh --update, make kiosk-sheet).
 * -a and -b compare only a region of EXPECTED and of ACTUAL (the same
 * size; the two files may be one).  DIFF.bmp, when given, is written on a
 * mismatch: the actual image dimmed, differing pixels in red.  -r DEG:
 * ACTUAL was drawn turned DEG degrees clockwise (crsv-kiosk --rotate): it
 * is turned back before it is compared (before -b).
 * Exit 0: match; 1: differ; 2: cannot compare.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct image {
	int w, h;
	unsigned char *rgb;   /* w * h * 3, top row first */
};

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int read_bmp(const char *path, struct image *im)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	long len;
	int rc = -1;
	if (!f) {
		fprintf(stderr, "%s: error: cannot open\n", path);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 54 || fseek(f, 0, SEEK_SET) < 0) {
		fprintf(stderr, "%s: error: not a BMP file (too short)\n", path);
		goto out;
	}
	data = malloc((size_t)len);
	if (!data || fread(data, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "%s: error: cannot read\n", path);
		goto out;
	}
	if (data[0] != 'B' || data[1] != 'M') {
		fprintf(stderr, "%s: error: not a BMP file\n", path);
		goto out;
	}
	uint32_t off = le32(data + 10), compression = le32(data + 30);
	int32_t w = (int32_t)le32(data + 18), h = (int32_t)le32(data + 22);
	int bpp = data[28] | data[29] << 8, top_down = h < 0;
	if (top_down)
		h = -h;
	/* 32-bit BMPs from SDL may say BI_BITFIELDS with the usual masks */
	if ((bpp != 24 && bpp != 32) || (compression != 0 && !(bpp == 32 && compression == 3)) ||
	    w <= 0 || h <= 0 || w > 20000 || h > 20000) {
		fprintf(stderr, "%s: error: only uncompressed 24- or 32-bit BMP (got %d bits, "
		        "compression %u, %dx%d)\n", path, bpp, (unsigned)compression, (int)w, (int)h);
		goto out;
	}
	size_t bytes = (size_t)bpp / 8, stride = ((size_t)w * bytes + 3) & ~(size_t)3;
	if (off > (size_t)len || (size_t)len - off < stride * (size_t)h) {
		fprintf(stderr, "%s: error: truncated BMP\n", path);
		goto out;
	}
	im->w = w;
	im->h = h;
	im->rgb = malloc((size_t)w * (size_t)h * 3);
	if (!im->rgb)
		goto out;
	for (int y = 0; y < h; y++) {
		const unsigned char *row = data + off + stride * (size_t)(top_down ? y : h - 1 - y);
		unsigned char *o = im->rgb + (size_t)y * (size_t)w * 3;
		for (int x = 0; x < w; x++) {
			const unsigned char *p = row + (size_t)x * bytes;   /* B G R (A) */
			o[3 * x] = p[2];
			o[3 * x + 1] = p[1];
			o[3 * x + 2] = p[0];
		}
	}
	rc = 0;
out:
	free(data);
	fclose(f);
	return rc;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* A 24-bit BMP of `im`. */
static int write_bmp(const char *path, const struct image *im)
{
	size_t stride = ((size_t)im->w * 3 + 3) & ~(size_t)3, size = 54 + stride * (size_t)im->h;
	unsigned char hdr[54] = { 'B', 'M' }, *row = calloc(1, stride);
	FILE *f = fopen(path, "wb");
	int rc = 0;
	if (!f || !row) {
		free(row);
		if (f)
			fclose(f);
		return -1;
	}
	put32(hdr + 2, (uint32_t)size);
	put32(hdr + 10, 54);
	put32(hdr + 14, 40);
	put32(hdr + 18, (uint32_t)im->w);
	put32(hdr + 22, (uint32_t)im->h);
	hdr[26] = 1;
	hdr[28] = 24;
	put32(hdr + 34, (uint32_t)(stride * (size_t)im->h));
	if (fwrite(hdr, 1, sizeof hdr, f) != sizeof hdr)
		rc = -1;
	for (int y = im->h - 1; y >= 0 && rc == 0; y--) {
		const unsigned char *s = im->rgb + (size_t)y * (size_t)im->w * 3;
		for (int x = 0; x < im->w; x++) {
			row[3 * x] = s[3 * x + 2];
			row[3 * x + 1] = s[3 * x + 1];
			row[3 * x + 2] = s[3 * x];
		}
		if (fwrite(row, 1, stride, f) != stride)
			rc = -1;
	}
	free(row);
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* `im` turned back by `deg` degrees (counter-clockwise): what a panel
 * turned clockwise by `deg` shows, as it was laid out. */
static int unturn(struct image *im, int deg)
{
	if (deg == 0)
		return 0;
	if (deg != 90 && deg != 180 && deg != 270)
		return -1;
	int w = deg == 180 ? im->w : im->h, h = deg == 180 ? im->h : im->w;
	unsigned char *rgb = malloc((size_t)w * (size_t)h * 3);
	if (!rgb)
		return -1;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			/* where (x, y) of the view went on the output (panel.c) */
			int ox = deg == 90 ? im->w - 1 - y : deg == 180 ? im->w - 1 - x : y;
			int oy = deg == 90 ? x : deg == 180 ? im->h - 1 - y : im->h - 1 - x;
			memcpy(rgb + ((size_t)y * (size_t)w + (size_t)x) * 3,
			       im->rgb + ((size_t)oy * (size_t)im->w + (size_t)ox) * 3, 3);
		}
	free(im->rgb);
	im->rgb = rgb;
	im->w = w;
	im->h = h;
	return 0;
}

/* Cut `im` down to the region "X,Y,W,H" (NULL: all of it). */
static int crop(struct image *im, const char *region, const char *path)
{
	int x, y, w, h;
	if (!region)
		return 0;
	if (sscanf(region, "%d,%d,%d,%d", &x, &y, &w, &h) != 4 || x < 0 || y < 0 || w <= 0 ||
	    h <= 0 || x + w > im->w || y + h > im->h) {
		fprintf(stderr, "%s: error: region \"%s\" is not inside the %dx%d image\n", path,
		        region, im->w, im->h);
		return -1;
	}
	unsigned char *rgb = malloc((size_t)w * (size_t)h * 3);
	if (!rgb)
		return -1;
	for (int r = 0; r < h; r++)
		memcpy(rgb + (size_t)r * (size_t)w * 3,
		       im->rgb + ((size_t)(y + r) * (size_t)im->w + (size_t)x) * 3, (size_t)w * 3);
	free(im->rgb);
	im->rgb = rgb;
	im->w = w;
	im->h = h;
	return 0;
}

int main(int argc, char **argv)
{
	int tol = 8, i = 1, turned = 0;
	long max_bad = 16;
	double min_percent = -1;   /* -p: a share instead of max_bad */
	const char *region_a = NULL, *region_b = NULL;
	struct image a = { 0 }, b = { 0 };
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "-t"))
			tol = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-p"))
			min_percent = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "-n"))
			max_bad = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "-a"))
			region_a = argv[i + 1];
		else if (!strcmp(argv[i], "-b"))
			region_b = argv[i + 1];
		else if (!strcmp(argv[i], "-r"))
			turned = atoi(argv[i + 1]);
		else
			break;
	}
	if (argc - i < 2 || argc - i > 3 || max_bad < 0) {
		fprintf(stderr, "usage: kiosk-bmpcmp [-t TOL] [-n PIXELS | -p PERCENT] [-a X,Y,W,H] [-b X,Y,W,H] "
		        "[-r DEG] EXPECTED.bmp ACTUAL.bmp [DIFF.bmp]\n");
		return 2;
	}
	if (read_bmp(argv[i], &a) < 0 || read_bmp(argv[i + 1], &b) < 0)
		return 2;
	if (unturn(&b, turned) < 0) {
		fprintf(stderr, "%s: error: -r wants 0, 90, 180 or 270\n", argv[i + 1]);
		return 2;
	}
	if (crop(&a, region_a, argv[i]) < 0 || crop(&b, region_b, argv[i + 1]) < 0)
		return 2;
	if (a.w != b.w || a.h != b.h) {
		printf("size differs: %dx%d expected, %dx%d actual\n", a.w, a.h, b.w, b.h);
		return 1;
	}
	size_t n = (size_t)a.w * (size_t)a.h, bad = 0;
	int worst = 0;
	for (size_t p = 0; p < n; p++) {
		int d = 0;
		for (int c = 0; c < 3; c++) {
			int dc = abs((int)a.rgb[3 * p + c] - (int)b.rgb[3 * p + c]);
			d = dc > d ? dc : d;
		}
		worst = d > worst ? d : worst;
		if (d > tol) {
			bad++;
			b.rgb[3 * p] = 255;   /* mark it for the diff image */
			b.rgb[3 * p + 1] = 0;
			b.rgb[3 * p + 2] = 0;
		} else {
			for (int c = 0; c < 3; c++)
				b.rgb[3 * p + c] = (unsigned char)(128 + b.rgb[3 * p + c] / 2);
		}
	}
	double same = 100.0 * (double)(n - bad) / (double)n;
	int ok = min_percent >= 0 ? same >= min_percent : bad <= (size_t)max_bad;
	if (min_percent >= 0)
		printf("%zu of %zu pixels differ by more than %d (%.3f%% match, need %.3f%%); "
		       "largest difference %d\n", bad, n, tol, same, min_percent, worst);
	else
		printf("%zu of %zu pixels differ by more than %d (at most %ld may); "
		       "largest difference %d\n", bad, n, tol, max_bad, worst);
	if (!ok && argc - i == 3 && write_bmp(argv[i + 2], &b) < 0)
		fprintf(stderr, "%s: error: cannot write the diff image\n", argv[i + 2]);
	free(a.rgb);
	free(b.rgb);
	return ok ? 0 : 1;
}
