/*
 * app.h - the kiosk's screens and what they do: plain C, no SDL.
 *
 * Screens: language -> mode -> (personnel: ID on a keypad | community:
 * participant count) -> module list -> reader (pages) -> quiz (a question
 * at a time: choose, confirm, right/wrong with the explanation) -> result
 * (the score; for a community module thanks and help, no verdict) -> module
 * list; "Get help" from the list and a community result.  A quick exit on
 * every screen and an idle timeout both return to the language screen and
 * forget the session.  F12 or a long press in the top corner opens the
 * admin PIN screen.  (Each screen is a file, kiosk/screen_*.c, behind the
 * table of kiosk/screen.h; this header is what main.c, input.c and the
 * tests see.)
 *
 * Input arrives as pointer, key and text events with the time they
 * happened (ms; the caller's clock, fake in scripted tests); app_view gives
 * the screen to draw, rebuilt only when something changed.  Records go to
 * the store as they happen: an answer is committed before its feedback is
 * shown, a result before the result screen.  Text is measured through
 * `struct fonts`, so layout happens here without knowing about SDL.
 */
#ifndef CRSV_APP_H
#define CRSV_APP_H

#include <stdint.h>
#include "layout.h"
#include "material.h"
#include "update.h"
#include "store.h"
#include "view.h"

/* Font metrics for a text role in a language (the renderer's fonts). */
struct fonts {
	const struct measure *(*measure)(void *ctx, enum role role, size_t lang);
	/* The pixel size of the bundle's image at `path`; -1 when it cannot be
	 * read (its alt text is shown instead). May be NULL. */
	int (*image_size)(void *ctx, const char *path, int *w, int *h);
	void *ctx;
};

/* The voice (kiosk/sound.c: libopusfile and SDL audio; a fake in the unit
 * tests), given the caller's clock like input is. */
struct sound {
	/* Begin playing `len` bytes of Ogg Opus (the bundle's: they outlive
	 * the playing), instead of what played; -1 when it cannot. */
	int (*play)(void *ctx, const unsigned char *opus, size_t len, int64_t now);
	void (*stop)(void *ctx);
	/* Whether it is still playing at `now`. */
	int (*playing)(void *ctx, int64_t now);
	void *ctx;
};

struct app_config {
	const char *mode;        /* "personnel", "community" or "ask" */
	int idle_ms;             /* back to the start after this long untouched */
	int width, height;
	const char *export_dir;  /* where the admin's export goes (a USB stick), and
	                            where it finds a new kiosk.bundle to install */
	const char *bundle;      /* the bundle shown (replaced by an install) */
	struct update_trust trust;   /* what an installed bundle must pass */
};

enum app_key { K_NONE, K_TAB, K_BACKTAB, K_LEFT, K_RIGHT, K_UP, K_DOWN, K_ENTER,
               K_ESCAPE, K_BACKSPACE, K_F12, K_PAGEUP, K_PAGEDOWN };

struct app;

int app_new(struct app **out, const struct material *m, struct store *st,
            const struct app_config *cfg, const struct fonts *fonts, int64_t now,
            struct err *e);
void app_free(struct app *a);
/* The voice narration plays through (without one, no screen offers
 * "Listen"). */
void app_set_sound(struct app *a, const struct sound *s);
/* In a community session, read every page aloud by itself (once a page:
 * a voice stopped stays stopped until the next page). */
void app_set_read_aloud(struct app *a, int on);

void app_pointer_down(struct app *a, int x, int y, int64_t now);
void app_pointer_up(struct app *a, int x, int y, int64_t now);
void app_key(struct app *a, enum app_key k, int64_t now);
/* Typed text (digits on the keypads). */
void app_text(struct app *a, const char *utf8, int64_t now);
/* Activate the visible widget `id` as a tap would; -1 when there is none. */
int app_press(struct app *a, const char *id, int64_t now);
/* Let time pass: the idle timeout and the long press act here. */
void app_tick(struct app *a, int64_t now);
/* Milliseconds until app_tick has something to do (-1: nothing pending). */
int64_t app_next_timer(const struct app *a, int64_t now);
/* The window changed size. */
void app_resize(struct app *a, int width, int height);

/* The screen as it is now (rebuilt if something changed). */
const struct view *app_view(struct app *a);
/* Whether the screen changed since the last app_view. */
int app_dirty(const struct app *a);
/* The admin chose to close the kiosk. */
int app_quit(const struct app *a);

/* The current screen's name, for tests ("language", "quiz", ...). */
const char *app_screen(const struct app *a);

#endif
