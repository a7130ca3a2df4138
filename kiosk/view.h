/*
 * view.h - what the kiosk screen shows, as data: the display list.
 *
 * The screens (kiosk/screen_*.c) build a view (widgets with their laid-out
 * text) from their state; render.c, the only SDL caller, draws it; input.c
 * hit-tests it; the scripted test lists it (--list-widgets).  Widget kinds,
 * flags and marks are the enums below, shared by both sides.  Coordinates
 * are pixels of the window.  A `struct view` owns its widgets and their
 * texts (a widget's `shared` layout and `image` are borrowed from the app
 * and the bundle); pointers into it die at the next rebuild.
 */
#ifndef CRSV_VIEW_H
#define CRSV_VIEW_H

#include <stddef.h>
#include "layout.h"

/* Text sizes; the renderer maps each to a font size.  ROLE_TINY is the
 * last step of a label too long for its key or button (widgets.h,
 * fit_label), never running text. */
enum role { ROLE_TITLE, ROLE_HEADING, ROLE_BODY, ROLE_BUTTON, ROLE_SMALL, ROLE_KEY, ROLE_TINY,
            ROLE_COUNT };

enum wkind {
	WK_TEXT,        /* text on the page background */
	WK_BUTTON,      /* an action */
	WK_PRIMARY,     /* the main action of the screen */
	WK_EXIT,        /* quick exit: back to the start, session forgotten */
	WK_KEY,         /* a keypad key */
	WK_CHOICE,      /* a quiz answer */
	WK_FIELD,       /* what was typed */
	WK_PANEL,       /* a box behind text (feedback, notice) */
	WK_IMAGE,       /* a picture from the bundle, scaled into the box */
	WK_RULE         /* a line */
};

enum wflag {
	WF_FOCUS = 1,       /* keyboard focus: drawn with a visible ring */
	WF_SELECTED = 2,    /* a chosen answer */
	WF_RIGHT = 4,       /* marked right (after confirming) */
	WF_WRONG = 8,       /* marked wrong */
	WF_DISABLED = 16,
	WF_DONE = 32,       /* a module this person has passed */
	WF_PRESSED = 64,    /* pointer held down on it */
	WF_GOOD = 128,      /* a panel with good news (passed, correct) */
	WF_BAD = 256,       /* a panel with bad news */
	WF_KEEP_PLACE = 512, /* not moved when the screen is mirrored for a
	                       right-to-left language: keys keep the order of
	                       a phone's keypad or a typewriter's */
	WF_SPEAKING = 2048, /* the text being read aloud: highlighted */
	WF_FALLBACK = 1024  /* text shown in the source language, its
	                       translation missing: a dotted line on its
	                       start side, as the site marks it (the screen
	                       says once what the line means) */
};

/* A sign drawn just before a widget's text starts (on its left in LTR, on
 * its right in RTL), as a shape: no symbol font is needed. */
enum mark {
	MARK_NONE,
	MARK_CHECK,         /* ✓ a right answer; a module this person passed */
	MARK_CROSS,         /* ✗ a wrong answer chosen */
	MARK_BULLET,        /* • an item of a list */
	MARK_NUMBER,        /* "n." an item of a numbered list (`number`) */
	MARK_RADIO,         /* ○ one answer of several to choose one from */
	MARK_RADIO_ON,      /* ◉ that answer, chosen */
	MARK_BOX,           /* ☐ one answer of several to choose any of */
	MARK_BOX_ON         /* ☑ that answer, chosen */
};

struct widget {
	char id[96];            /* stable, e.g. "lang:fr", "key:7", "next"; "" for
	                           decoration, which is not listed or pressable */
	int x, y, w, h;
	enum wkind kind;
	int flags;
	char *label;            /* plain text, for --list-widgets */
	/* text drawn inside: `text` laid out in `layout` at (text_x, text_y),
	 * lines [first_line, first_line + nlines) only */
	char *text;
	struct text_layout layout;
	const struct text_layout *shared;   /* when set, drawn instead of `layout`:
	                                       laid out once by the app (reader) */
	int text_x, text_y, text_w;
	size_t first_line, nlines;
	enum role role;
	size_t lang;            /* font and direction come from this language */
	int rtl;
	int centered;           /* lines centred in the box (buttons) */
	const char *image;      /* WK_IMAGE: the bundle image's path (borrowed) */
	enum mark mark;         /* drawn just before the text's start */
	int number;             /* MARK_NUMBER: the item's number */
};

struct view {
	struct widget *v;
	size_t n, cap;
	int width, height;
	int rtl;                /* the whole screen is mirrored */
	int bar_h;              /* height of the bar on top (0: none) */
	int footer_top;         /* where the footer's region begins */
};

void view_clear(struct view *v);
/* Drop the widgets after the first `n` (to try another arrangement). */
void view_truncate(struct view *v, size_t n);
void view_free(struct view *v);

/* Whether a tap or Enter acts on it: it has an id, is not disabled, and is
 * not a text or panel (those have ids only to be listed and tested). */
int view_pressable(const struct widget *w);
/* The topmost pressable widget at (x, y), or NULL. */
const struct widget *view_hit(const struct view *v, int x, int y);
/* The widget with `id`, or NULL. */
const struct widget *view_find(const struct view *v, const char *id);

#endif
