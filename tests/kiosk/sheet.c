/*
 * sheet.c - a contact sheet of kiosk screenshots, for a person to look at
 * (make kiosk-sheet; tests/kiosk/run.sh --update for what changed).
 *
 *   kiosk-sheet [-c COLUMNS] [-s CELL] [-f FONT.ttf] OUT.png SHOT.bmp[=CAPTION] ...
 *
 * Each screenshot is scaled down, whole and in its own proportions (a
 * portrait 720x1280 beside a landscape 800x480), into a CELL x CELL box
 * (default 360), COLUMNS to a row (default 4), standing on its caption
 * (the file's name without .bmp, or CAPTION).  A caption that ends in "(new)" or
 * "(old)" is drawn in a colour of its own, so the pairs that --update
 * shows read at a glance.  A test tool, not part of the kiosk: it uses
 * SDL only to read BMPs, scale, draw captions and write the PNG.
 * Exit 0, or 1 with the reason on stderr.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GAP 16
#define CAPTION_H 28

struct sheet_options {
	int columns, cell;
	const char *font, *out;
	char **shots;
	int nshots;
};

static int usage(void)
{
	fprintf(stderr, "usage: kiosk-sheet [-c COLUMNS] [-s CELL] [-f FONT.ttf] OUT.png "
	        "SHOT.bmp[=CAPTION] ...\n");
	return 1;
}

static int parse(int argc, char **argv, struct sheet_options *o)
{
	int i = 1;
	*o = (struct sheet_options){ 4, 360, "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	                             NULL, NULL, 0 };
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "-c"))
			o->columns = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-s"))
			o->cell = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-f"))
			o->font = argv[i + 1];
		else
			return -1;
	}
	if (argc - i < 2 || o->columns < 1 || o->cell < 32)
		return -1;
	o->out = argv[i];
	o->shots = argv + i + 1;
	o->nshots = argc - i - 1;
	return 0;
}

/* "dir/en-pin-01.bmp=caption" -> the file and the caption; without
 * "=caption", the file's name without its folder and ".bmp". */
static void split_shot(const char *arg, char *file, size_t n, char *caption, size_t cn)
{
	snprintf(file, n, "%s", arg);
	char *eq = strchr(file, '=');
	if (eq) {
		*eq = '\0';
		snprintf(caption, cn, "%s", eq + 1);
		return;
	}
	const char *slash = strrchr(file, '/'), *name = slash ? slash + 1 : file;
	size_t len = strlen(name);
	if (len > 4 && !strcmp(name + len - 4, ".bmp"))
		len -= 4;
	snprintf(caption, cn, "%.*s", (int)len, name);
}

static void draw_caption(SDL_Surface *sheet, TTF_Font *font, const char *caption, int x, int y,
                         int w)
{
	size_t n = strlen(caption);
	SDL_Color ink = { 40, 40, 40, 255 };
	if (n > 5 && !strcmp(caption + n - 5, "(new)"))
		ink = (SDL_Color){ 0, 110, 40, 255 };
	else if (n > 5 && !strcmp(caption + n - 5, "(old)"))
		ink = (SDL_Color){ 150, 30, 30, 255 };
	SDL_Surface *t = TTF_RenderUTF8_Blended(font, caption, ink);
	if (!t)
		return;
	SDL_Rect src = { 0, 0, t->w < w ? t->w : w, t->h };
	SDL_Rect dst = { x, y, src.w, src.h };
	SDL_BlitSurface(t, &src, sheet, &dst);
	SDL_FreeSurface(t);
}

/* The shot scaled into its cell at (x, y), centred, its caption under it. */
static int place(SDL_Surface *sheet, TTF_Font *font, const char *arg, int x, int y, int cell)
{
	char file[4096], caption[256];
	split_shot(arg, file, sizeof file, caption, sizeof caption);
	SDL_Surface *shot = SDL_LoadBMP(file);
	if (!shot) {
		fprintf(stderr, "%s: error: cannot read: %s\n", file, SDL_GetError());
		return -1;
	}
	double k = (double)cell / (shot->w > shot->h ? shot->w : shot->h);
	SDL_Rect dst = { 0, 0, (int)(shot->w * k), (int)(shot->h * k) };
	dst.x = x + (cell - dst.w) / 2;
	dst.y = y + cell - dst.h;          /* on the caption, whatever its shape */
	SDL_Surface *rgb = SDL_ConvertSurface(shot, sheet->format, 0);
	SDL_FreeSurface(shot);
	if (!rgb || SDL_BlitScaled(rgb, NULL, sheet, &dst) != 0) {
		fprintf(stderr, "%s: error: cannot scale: %s\n", file, SDL_GetError());
		SDL_FreeSurface(rgb);
		return -1;
	}
	SDL_FreeSurface(rgb);
	SDL_Rect frame[4] = { { dst.x - 1, dst.y - 1, dst.w + 2, 1 }, { dst.x - 1, dst.y + dst.h, dst.w + 2, 1 },
	                      { dst.x - 1, dst.y, 1, dst.h }, { dst.x + dst.w, dst.y, 1, dst.h } };
	SDL_FillRects(sheet, frame, 4, SDL_MapRGB(sheet->format, 160, 160, 160));
	draw_caption(sheet, font, caption, x, y + cell + 4, cell);
	return 0;
}

int main(int argc, char **argv)
{
	struct sheet_options o;
	SDL_Surface *sheet = NULL;
	TTF_Font *font = NULL;
	int rc = 1;
	if (parse(argc, argv, &o) < 0)
		return usage();
	if (SDL_Init(0) != 0 || TTF_Init() != 0) {
		fprintf(stderr, "kiosk-sheet: error: cannot start SDL: %s\n", SDL_GetError());
		return 1;
	}
	if (!(font = TTF_OpenFont(o.font, 15))) {
		fprintf(stderr, "%s: error: cannot open the font: %s\n", o.font, TTF_GetError());
		goto out;
	}
	int cols = o.nshots < o.columns ? o.nshots : o.columns;
	int rows = (o.nshots + o.columns - 1) / o.columns;
	int w = GAP + cols * (o.cell + GAP), h = GAP + rows * (o.cell + CAPTION_H + GAP);
	sheet = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
	if (!sheet) {
		fprintf(stderr, "kiosk-sheet: error: a %dx%d sheet: %s\n", w, h, SDL_GetError());
		goto out;
	}
	SDL_FillRect(sheet, NULL, SDL_MapRGB(sheet->format, 255, 255, 255));
	for (int i = 0; i < o.nshots; i++)
		if (place(sheet, font, o.shots[i], GAP + (i % o.columns) * (o.cell + GAP),
		          GAP + (i / o.columns) * (o.cell + CAPTION_H + GAP), o.cell) < 0)
			goto out;
	if (IMG_SavePNG(sheet, o.out) != 0) {
		fprintf(stderr, "%s: error: cannot write: %s\n", o.out, IMG_GetError());
		goto out;
	}
	rc = 0;
out:
	SDL_FreeSurface(sheet);
	if (font)
		TTF_CloseFont(font);
	TTF_Quit();
	SDL_Quit();
	return rc;
}
