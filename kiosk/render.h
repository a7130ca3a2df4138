/*
 * render.h - drawing a view with SDL2 and SDL2_ttf: the only file of the
 * kiosk that calls SDL_Render* or TTF_*.
 *
 * Fonts come from the bundle (TTF_OpenFontRW on the blobs), one per family,
 * weight, slant and size.  Each visual run of a laid-out line (layout.h) is
 * shaped by HarfBuzz in its direction (TTF_SetFontDirection) and script;
 * right-to-left runs use the Arabic family, the others Noto Sans, so Latin
 * words in an Arabic line have glyphs.  Measured widths and rendered run
 * textures are kept in bounded caches (textcache.h: the least recently used
 * piece goes), so an unchanged screen costs no allocation and no shaping to
 * redraw, and text is shaped once.  A `struct render` owns its fonts and
 * textures (not the SDL_Renderer).
 */
#ifndef CRSV_RENDER_H
#define CRSV_RENDER_H

#include <SDL.h>
#include "err.h"
#include "material.h"
#include "view.h"

struct render;

int render_new(struct render **out, SDL_Renderer *r, const struct material *m,
               struct err *e);
void render_free(struct render *rd);

/* Metrics for app.h's `struct fonts` (ctx is the struct render). */
const struct measure *render_measure(void *ctx, enum role role, size_t lang);
/* The size of a bundle image (decoded with SDL2_image, kept as a texture). */
int render_image_size(void *ctx, const char *path, int *w, int *h);

/* Draw `v` (the whole frame); the caller presents it (after taking a
 * screenshot, if any: the back buffer is read before it is shown). */
void render_view(struct render *rd, const struct view *v);

/* Draw every frame turned `degrees` clockwise (0, 90, 180, 270) onto the
 * output (panel.h): the view is drawn into a texture of its own size
 * first.  0 when it can, -1 when the renderer cannot draw into a texture
 * (said in `e`). */
int render_set_rotation(struct render *rd, int degrees, struct err *e);

/* Save what was last drawn as a BMP (RGB): of the view, or of any renderer. */
int render_screenshot(struct render *rd, const char *path, struct err *e);
int render_screenshot_of(SDL_Renderer *r, const char *path, struct err *e);

/* One language's words on the screen of a kiosk that cannot start. */
struct refusal_text {
	const char *title, *text;
	int rtl;   /* right to left (shaped as Arabic, aligned right) */
};

/* The screen of a kiosk that cannot start (its bundle refused): the same
 * words in each of `n` languages, then the technical reason, in the
 * system's Noto Sans and Noto Sans Arabic (fonts-noto-core; $CRSV_FONTS
 * names another folder), since the bundle's fonts cannot be trusted. */
int render_refusal(SDL_Renderer *r, const struct refusal_text *t, size_t n, const char *reason,
                   struct err *e);

#endif
