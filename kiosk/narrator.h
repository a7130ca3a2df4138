/*
 * narrator.h - what the kiosk says aloud and when; internal to the app
 * (screen.h), plain C: it decides, `struct sound` (app.h) plays.
 *
 * A screen that has texts to read lists them in order (its ops'
 * `narration`: the widget each is drawn in, the text, the language it is
 * shown in); the app keeps those with a voice in the bundle
 * (material_audio), shows "Listen" in the bar when there are some, and
 * "machine voice" beside the page's number when one of them is synthetic.
 * Listen plays them one after another, the one playing highlighted
 * (WF_SPEAKING); Listen again, any other press, a tap elsewhere, another
 * screen or page, and Leave stop it.  While it plays the idle timeout
 * waits (a person listening is not away).  For a group gathered round a
 * community kiosk, `--read-aloud` reads each page by itself.
 */
#ifndef CRSV_NARRATOR_H
#define CRSV_NARRATOR_H

#include <stddef.h>
#include <stdint.h>
#include "material.h"

#define NARRATOR_MAX 64     /* texts of one page (a reader page holds a dozen) */
#define NARRATOR_POLL_MS 100   /* how often the end of a voice is looked for */

/* A text a screen shows, in the order it is read. */
struct narr_item {
	char id[96];                /* the widget it is drawn in ("block:3"), as widget ids */
	char key[17];               /* its narration key */
	int fallback;               /* shown in the source language */
	size_t lang;                /* the language the screen shows */
};

/* Item n of `out` (of `max`): the text of narration key `key` drawn in
 * widget `id`; n + 1, or n when `out` is full or the text has no key. */
size_t narr_put(struct narr_item *out, size_t n, size_t max, const char *id, const char *key,
                int fallback, size_t lang);

/* A voice to play, and where it is drawn. */
struct narr_voice {
	char id[96];
	const struct m_audio *audio;
};

struct narrator {
	struct narr_voice page[NARRATOR_MAX];   /* the screen's, as last built */
	size_t npage;
	int page_synthetic;         /* one of them is a machine voice */
	struct narr_voice queue[NARRATOR_MAX];  /* what Listen plays */
	size_t nqueue, at;          /* at: the one playing */
	int active;
	int read_aloud;             /* community sessions: every page read by itself */
	uint64_t read_page;         /* the page last read by itself (its texts' digest) */
};

struct app;

/* The screen's texts with a voice, from its `narration` (none when it has
 * no such op): what "Listen" would play. */
void narrator_collect(struct app *a);
/* Play what narrator_collect found, from its first text. */
void narrator_listen(struct app *a, int64_t now);
/* Stop; nothing is highlighted. */
void narrator_stop(struct app *a);
/* Go on to the next text when one has ended (app_tick). */
void narrator_tick(struct app *a, int64_t now);
/* With read_aloud, in a community session: a page not read yet (a new
 * screen, page or verdict) is read without Listen being pressed, once: a
 * voice stopped on it stays stopped (app_tick). */
void narrator_read_aloud(struct app *a, int64_t now);
/* Whether a voice is playing. */
int narrator_active(const struct app *a);
/* The widget of the text being said, or NULL. */
const char *narrator_speaking(const struct app *a);

#endif
