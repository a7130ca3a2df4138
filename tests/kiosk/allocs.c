/*
 * allocs.c - a heap allocation counter for crsv-kiosk, LD_PRELOAD'ed by
 * tests/kiosk/run.sh (built as build/tests/kiosk-allocs.so; never part of
 * the kiosk).
 *
 * It counts malloc, calloc and realloc, everyone's (SDL's, SDL_ttf's,
 * SQLite's too), and for each screenshot of a scripted run writes a line
 * "<allocations> <file>" to $KIOSK_ALLOCS: the allocations made since the
 * previous screenshot was saved up to this one's start, which is what the
 * script did in between and what drawing the frame cost, the screenshot's
 * own (the surface, the BMP file) left out.  So a "shot" right after
 * another, with no action between them, counts one redraw of an unchanged
 * screen.
 *
 * The kiosk takes a screenshot as SDL_GetRendererOutputSize (the size of
 * the surface), SDL_RWFromFile (the file) ... SDL_RenderPresent, all called
 * from the kiosk itself, so they can be interposed here; counting pauses
 * from the first to the last.
 */
#define _GNU_SOURCE
#include <SDL.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glibc's own allocator, under the names it exports for this. */
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

static unsigned long count;     /* since the last screenshot */
static int paused;              /* within a screenshot */
static char shot[256];          /* its file */

void *malloc(size_t n)
{
	count += !paused;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	count += !paused;
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	count += !paused;
	return __libc_realloc(p, n);
}

static void *real(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f) {
		fprintf(stderr, "kiosk-allocs: no %s\n", name);
		abort();
	}
	return f;
}

int SDL_GetRendererOutputSize(SDL_Renderer *r, int *w, int *h)
{
	static int (*next)(SDL_Renderer *, int *, int *);
	if (!next)
		next = (int (*)(SDL_Renderer *, int *, int *))real("SDL_GetRendererOutputSize");
	paused = 1;
	return next(r, w, h);
}

SDL_RWops *SDL_RWFromFile(const char *file, const char *mode)
{
	static SDL_RWops *(*next)(const char *, const char *);
	if (!next)
		next = (SDL_RWops *(*)(const char *, const char *))real("SDL_RWFromFile");
	if (paused && strchr(mode, 'w'))
		snprintf(shot, sizeof shot, "%s", file);
	return next(file, mode);
}

void SDL_RenderPresent(SDL_Renderer *r)
{
	static void (*next)(SDL_Renderer *);
	const char *out = getenv("KIOSK_ALLOCS");
	if (!next)
		next = (void (*)(SDL_Renderer *))real("SDL_RenderPresent");
	if (paused && shot[0] && out) {
		FILE *f = fopen(out, "a");
		if (f) {
			fprintf(f, "%lu %s\n", count, shot);
			fclose(f);
		}
	}
	next(r);
	count = 0;
	paused = 0;
	shot[0] = '\0';
}
