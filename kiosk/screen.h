/*
 * screen.h - the kiosk's screens behind one table; internal to the app
 * (app.c, widgets.c and the screen_*.c files), never seen by main.c,
 * input.c or the renderer, which use app.h.
 *
 * Each screen, or family of screens, is a file of its own
 * (kiosk/screen_<family>.c) that exports a `struct screen_ops` per screen:
 * its name, what entering it does, how its view is built and what each of
 * its widgets does when pressed.  app.c holds the table of them, indexed by
 * `enum screen`, and what every screen shares: the session (who is here, in
 * which language), input, the keyboard focus, the timers, and the ids every
 * screen has ("exit", and "help", which app.c adds to the footer of every
 * screen after the first but help's own and the admin's, and which comes
 * back to the screen as it was left).  The pieces a view is made of are
 * widgets.h.
 *
 * The rules a screen keeps:
 *   - `enter` reads what the screen shows from the store (the done marks,
 *     the admin's counts) into the screen's state; `build` makes the
 *     widgets from that state alone: no SQL, and nothing but layout
 *     written back (how many pages there are).
 *   - A screen's state is a struct its file alone defines: app.c allocates
 *     `state_size` bytes of it once, zeroed, in app_new, zeroes it again
 *     when a session ends (after `forget` has freed what it points to) and
 *     frees it in app_free.  A family may keep one state for all its
 *     screens (the others give 0).  Reach it with screen_state().
 *   - A screen reached with something to show (an error's text, a quiz to
 *     begin) has a function here that sets it up and goes there.
 */
#ifndef CRSV_SCREEN_H
#define CRSV_SCREEN_H

#include <stdint.h>
#include "app.h"
#include "narrator.h"

enum screen {
	S_LANGUAGE,     /* screen_start.c */
	S_MODE,
	S_ID,           /* screen_keypad.c */
	S_ID_AGAIN,
	S_PARTICIPANTS,
	S_ADMIN_PIN,
	S_MODULES,      /* screen_modules.c */
	S_READER,       /* screen_reader.c */
	S_QUIZ,         /* screen_quiz.c */
	S_RESULT,
	S_HELP,         /* screen_help.c */
	S_ADMIN,        /* screen_admin.c */
	S_ADMIN_NAME,
	S_ERROR,        /* screen_error.c */
	S_COUNT
};

/* What pressing a widget does: `id` is the widget's id, or when it ends in
 * ':' ("key:") the start of every id it stands for, whose rest ("7") is
 * passed as `arg` ("" otherwise).  The first row that matches acts. */
struct handler {
	const char *id;
	void (*run)(struct app *a, const char *arg, int64_t now);
};

enum screen_flag {
	SCREEN_UNMIRRORED = 1,   /* laid out the same in every direction (the list of
	                            languages, each in its own script) */
	SCREEN_ADMIN = 2,        /* the admin's: the long press does not open the PIN
	                            keypad again; no "Get help" */
	SCREEN_NO_HELP = 4       /* no "Get help" in its footer (the first screen,
	                            help's own) */
};

struct screen_ops {
	const char *name;                   /* for tests and scripts: "language", "quiz" */
	size_t state_size;                  /* its state's size (0: none of its own) */
	void (*enter)(struct app *a);       /* on coming to it (NULL: nothing to do) */
	void (*build)(struct app *a);       /* its widgets, from its state */
	void (*forget)(struct app *a);      /* free what its state points to (NULL:
	                                       nothing); its state is zeroed after */
	const struct handler *handlers;     /* what its widgets do */
	size_t nhandlers;
	void (*text)(struct app *a, const char *utf8);   /* typed text (NULL: ignored) */
	const char *backspace;              /* the id Backspace presses (NULL: none) */
	const char *page_down;              /* the id Page Down presses (NULL: "next") */
	int flags;                          /* enum screen_flag */
	/* The texts it shows now, in the order they are read aloud, up to
	 * `max` into `out`; how many (NULL: it reads nothing aloud). */
	size_t (*narration)(struct app *a, struct narr_item *out, size_t max);
};

/* `.handlers` and `.nhandlers` of a screen_ops from an array of handlers. */
#define HANDLERS(rows) .handlers = (rows), .nhandlers = sizeof (rows) / sizeof *(rows)

extern const struct screen_ops screen_language, screen_mode, screen_id, screen_id_again,
	screen_participants, screen_admin_pin, screen_modules, screen_reader, screen_quiz,
	screen_result, screen_help, screen_admin, screen_admin_name, screen_error;

struct app {
	const struct material *m;
	struct store *st;
	struct app_config cfg;
	struct fonts fonts;
	struct sound sound;             /* zeroed: no voice */
	struct narrator narr;           /* what is read aloud (narrator.h) */
	enum screen screen;
	void *state[S_COUNT];           /* each screen's own (screen_state) */
	/* the session, forgotten by go_home */
	size_t lang;
	const char *mode;               /* "personnel" or "community" once chosen */
	char person[16];                /* personnel: the ID, once typed twice alike */
	char session[STORE_UUID_LEN + 1];   /* community: the session */
	size_t module;                  /* the module opened (reader, quiz, result) */
	int64_t opened_at;              /* when its reader was opened */
	int read_noted;                 /* its reading recorded (a "read" row) */
	enum screen help_from;          /* the screen "Get help" was pressed on */
	int help_focus;                 /* and its keyboard focus then */
	/* the store's last failure, kept for the screen that will say so */
	struct err last_error;
	/* a record could not be read or saved in this session (said in the
	 * bar of every screen until it ends) */
	int records_trouble;
	/* input */
	int64_t last_input, press_start;
	int pointer_down, press_x, press_y;
	char pressed[96];
	int focus;                      /* index among pressable widgets, -1: none */
	int keyboard;                   /* focus ring shown (keyboard in use) */
	int quit;
	struct view view;
	int dirty;
};

/* Screen s's state (its own struct; NULL when it has none). */
static inline void *screen_state(struct app *a, enum screen s)
{
	return a->state[s];
}

/* The module opened last. */
static inline const struct m_module *current_module(const struct app *a)
{
	return &a->m->modules[a->module];
}

/* ---- navigation (app.c) ---- */

/* The ops of the screen shown. */
const struct screen_ops *app_screen_ops(const struct app *a);

/* To screen s: its `enter` runs, the keyboard focus starts again. */
void go(struct app *a, enum screen s);
/* The view is to be rebuilt. */
void changed(struct app *a);
/* A new page of the same screen (the next question): rebuilt, the focus
 * starting again. */
void restart_focus(struct app *a);
/* Back to the first screen: the session is over and forgotten (every
 * screen's state too). */
void go_home(struct app *a, int64_t now);
/* From the help screen back to the screen "Get help" was pressed on, as it
 * was: its `enter` does not run, so the reader is on the same page and the
 * quiz on the same question, the same answers chosen. */
void help_return(struct app *a);

/* ---- screens reached with something to show ---- */

/* The error screen with `text` (screen_error.c). */
void show_error(struct app *a, const char *text);
/* The error screen: a record could not be saved (its reason in
 * a->last_error, printed on stderr). */
void show_save_failed(struct app *a);
/* A store failure that need not stop the person (a done mark not read, a
 * read not recorded, a session not closed): `e` on stderr, for the
 * journal and the officer, and from now until the session ends the bar
 * of every screen says calmly that records could not be saved and whom to
 * tell (app.c). */
void report_store_error(struct app *a, const struct err *e);
/* Begin the quiz of the module opened: a completion row, then its first
 * question, or the error screen (screen_quiz.c). */
void quiz_start(struct app *a, int64_t now);
/* Open module `module` in the reader (screen_reader.c). */
void reader_open(struct app *a, size_t module, int64_t now);
/* The right PIN: the admin screen, its message cleared (screen_admin.c). */
void admin_open(struct app *a);

#endif
