/*
 * app.c - the kiosk app (app.h): the table of screens and what every
 * screen shares.  The session (forgotten by go_home); going from screen to
 * screen; building the view through the screen's table row, mirrored for a
 * right-to-left language, with "Get help" in the footer of every screen
 * that has it and the keyboard focus and the pressed widget marked; what a
 * press does (the ids every screen has, then the screen's own handlers),
 * help and the way back from it; taps, keys and typed text; the idle
 * timeout and the admin's long press.  The screens are kiosk/screen_*.c
 * (screen.h).
 */
#include "app.h"
#include "screen.h"
#include "widgets.h"
#include "buf.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LONG_PRESS_MS 3000
#define CORNER 120             /* the admin corner: top-left, this many px */

/* Every screen, by its enum: the row is what the screen's file exports. */
static const struct screen_ops *const screens[S_COUNT] = {
	[S_LANGUAGE] = &screen_language,
	[S_MODE] = &screen_mode,
	[S_ID] = &screen_id,
	[S_ID_AGAIN] = &screen_id_again,
	[S_PARTICIPANTS] = &screen_participants,
	[S_ADMIN_PIN] = &screen_admin_pin,
	[S_MODULES] = &screen_modules,
	[S_READER] = &screen_reader,
	[S_QUIZ] = &screen_quiz,
	[S_RESULT] = &screen_result,
	[S_HELP] = &screen_help,
	[S_ADMIN] = &screen_admin,
	[S_ADMIN_NAME] = &screen_admin_name,
	[S_ERROR] = &screen_error,
};

static const struct screen_ops *shown(const struct app *a)
{
	return screens[a->screen];
}

const struct screen_ops *app_screen_ops(const struct app *a)
{
	return shown(a);
}

/* ---- navigation ----------------------------------------------------------- */

void changed(struct app *a)
{
	a->dirty = 1;
}

void restart_focus(struct app *a)
{
	a->focus = -1;
	changed(a);
}

void go(struct app *a, enum screen s)
{
	narrator_stop(a);   /* what was said belongs to the screen left */
	a->screen = s;
	if (screens[s]->enter)
		screens[s]->enter(a);
	restart_focus(a);
}

/* Every screen's state back to zero, what it points to freed. */
static void forget_screens(struct app *a)
{
	for (size_t s = 0; s < S_COUNT; s++) {
		if (screens[s]->forget)
			screens[s]->forget(a);
		if (screens[s]->state_size)
			memset(a->state[s], 0, screens[s]->state_size);
	}
}

void report_store_error(struct app *a, const struct err *e)
{
	err_print(e);
	a->records_trouble = 1;
	changed(a);
}

void go_home(struct app *a, int64_t now)
{
	if (a->session[0] && store_session_end(a->st, a->session, now, &a->last_error) < 0)
		err_print(&a->last_error);   /* (the next session is not told: this one is over) */
	a->records_trouble = 0;
	a->session[0] = '\0';
	a->person[0] = '\0';
	a->mode = NULL;
	a->read_noted = 0;
	a->help_from = S_LANGUAGE;
	forget_screens(a);
	a->lang = a->m->source;
	go(a, S_LANGUAGE);
}

/* F12 or the long press: the PIN keypad, or what to do when no PIN is
 * set. */
static void open_admin(struct app *a)
{
	if (!store_has_pin(a->st))
		show_error(a, ui(a, "kiosk_admin_no_pin"));
	else
		go(a, S_ADMIN_PIN);
}

/* ---- building the view ------------------------------------------------------ */

/* Mirror the screen for right-to-left languages: start becomes right.
 * Widgets marked to keep their place (keypad keys in phone order) stay. */
static void mirror(struct app *a)
{
	if (!is_rtl(a) || (shown(a)->flags & SCREEN_UNMIRRORED))
		return;
	for (size_t i = 0; i < a->view.n; i++) {
		struct widget *w = &a->view.v[i];
		if (w->flags & WF_KEEP_PLACE)
			continue;
		int nx = a->view.width - w->x - w->w;
		/* the text box flips inside the widget too, with the mark's room */
		w->text_x = nx + (w->x + w->w) - (w->text_x + w->text_w);
		w->x = nx;
	}
	a->view.rtl = 1;
}

/* The keyboard focus (the n-th pressable widget) and the widget the
 * pointer holds down. */
static void mark_input(struct app *a)
{
	int k = 0;
	for (size_t i = 0; i < a->view.n; i++) {
		struct widget *w = &a->view.v[i];
		if (!view_pressable(w))
			continue;
		if (a->keyboard && k++ == a->focus)
			w->flags |= WF_FOCUS;
		if (!strcmp(w->id, a->pressed))
			w->flags |= WF_PRESSED;
	}
}

/* "Get help" one press away on every screen after the first: added here,
 * so no screen can leave it out; the screens keep the footer's middle
 * free for it. */
static int has_help(const struct app *a)
{
	return !(shown(a)->flags & (SCREEN_NO_HELP | SCREEN_ADMIN));
}

/* The text being read aloud, highlighted (the widget of each of its parts,
 * when a page holds it in pieces). */
static void mark_speaking(struct app *a)
{
	const char *id = narrator_speaking(a);
	for (size_t i = 0; id && i < a->view.n; i++)
		if (!strcmp(a->view.v[i].id, id))
			a->view.v[i].flags |= WF_SPEAKING;
}

static void build(struct app *a)
{
	view_clear(&a->view);
	a->view.rtl = 0;
	a->view.bar_h = 0;
	a->view.footer_top = content_bottom(a);
	narrator_collect(a);   /* before the bar is built: it shows "Listen" */
	shown(a)->build(a);
	mark_speaking(a);
	if (a->records_trouble && a->screen != S_ERROR)
		say_records_trouble(a);
	if (has_help(a))
		add_help_button(a);
	add_listen_below(a);
	mirror(a);
	mark_input(a);
	a->dirty = 0;
}

/* ---- what a press does ------------------------------------------------------- */

static void press_exit(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	go_home(a, now);
}

/* Help, remembering where from: Back on its first page comes back there
 * (help_return). */
static void press_help(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	if (!has_help(a))
		return;
	a->help_from = a->screen;
	a->help_focus = a->focus;
	go(a, S_HELP);
}

void help_return(struct app *a)
{
	narrator_stop(a);
	a->screen = a->help_from;
	a->focus = a->help_focus;
	changed(a);
}

/* Listen: the screen's texts read aloud; pressed again, silence. */
static void press_listen(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	if (narrator_active(a))
		narrator_stop(a);
	else
		narrator_listen(a, now);
}

/* The ids of more than one screen. */
static const struct handler everywhere[] = {
	{ "exit", press_exit },   /* the quick exit, on every screen but the first */
	{ "help", press_help },   /* every screen's footer (has_help) */
	{ "listen", press_listen },   /* the bar of a screen with narration */
};

/* Run the handler of `id` among `rows`; 0 when none has it. */
static int run_handler(struct app *a, const struct handler *rows, size_t n, const char *id,
                       int64_t now)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(rows[i].id);
		int prefix = len && rows[i].id[len - 1] == ':';
		if (prefix ? !strncmp(id, rows[i].id, len) : !strcmp(id, rows[i].id)) {
			rows[i].run(a, prefix ? id + len : "", now);
			return 1;
		}
	}
	return 0;
}

/* What pressing widget `id` does on the current screen (`id` is a copy:
 * the view may be rebuilt meanwhile). */
static void activate(struct app *a, const char *id, int64_t now)
{
	const struct screen_ops *s = shown(a);
	if (strcmp(id, "listen"))
		narrator_stop(a);   /* any other press: the person is doing something else */
	if (!run_handler(a, everywhere, sizeof everywhere / sizeof *everywhere, id, now))
		run_handler(a, s->handlers, s->nhandlers, id, now);
}

/* ---- input -------------------------------------------------------------------- */

static void touched(struct app *a, int64_t now)
{
	a->last_input = now;
}

int app_press(struct app *a, const char *id, int64_t now)
{
	const struct view *v = app_view(a);
	const struct widget *w = view_find(v, id);
	touched(a, now);
	if (!w || !view_pressable(w))
		return -1;
	char copy[96];
	snprintf(copy, sizeof copy, "%s", w->id);
	activate(a, copy, now);
	return 0;
}

/* The admin corner: top-left, or top-right where the screen is mirrored
 * (the quick exit is then top-left, and holding it must only leave). */
static int in_corner(const struct app *a, int x, int y)
{
	if (y >= CORNER)
		return 0;
	return a->view.rtl ? x >= a->view.width - CORNER : x < CORNER;
}

void app_pointer_down(struct app *a, int x, int y, int64_t now)
{
	const struct widget *w = view_hit(app_view(a), x, y);
	touched(a, now);
	a->keyboard = 0;
	a->pointer_down = 1;
	a->press_start = now;
	a->press_x = x;
	a->press_y = y;
	snprintf(a->pressed, sizeof a->pressed, "%s", w ? w->id : "");
	changed(a);
}

void app_pointer_up(struct app *a, int x, int y, int64_t now)
{
	const struct widget *w = view_hit(app_view(a), x, y);
	char id[96];
	touched(a, now);
	if (!a->pointer_down)
		return;
	a->pointer_down = 0;
	/* a tap: released on the widget it started on */
	snprintf(id, sizeof id, "%s", w && !strcmp(w->id, a->pressed) ? w->id : "");
	a->pressed[0] = '\0';
	changed(a);
	if (id[0])
		activate(a, id, now);
	else
		narrator_stop(a);   /* a tap elsewhere stops the voice */
}

/* The focused widget, or NULL; *count gets the number of pressable ones. */
static const struct widget *focused(struct app *a, int *count)
{
	const struct view *v = app_view(a);
	const struct widget *found = NULL;
	int k = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct widget *w = &v->v[i];
		if (view_pressable(w) && k++ == a->focus)
			found = w;
	}
	if (count)
		*count = k;
	return found;
}

static void move_focus(struct app *a, int step)
{
	int n;
	focused(a, &n);
	if (!n)
		return;
	a->keyboard = 1;
	a->focus = a->focus < 0 ? (step > 0 ? 0 : n - 1) : (a->focus + step + n) % n;
	changed(a);
}

void app_key(struct app *a, enum app_key k, int64_t now)
{
	const struct screen_ops *s = shown(a);
	touched(a, now);
	switch (k) {
	case K_TAB: case K_DOWN: move_focus(a, 1); break;
	case K_BACKTAB: case K_UP: move_focus(a, -1); break;
	/* left and right follow the screen: in RTL, right goes back */
	case K_RIGHT: move_focus(a, is_rtl(a) ? -1 : 1); break;
	case K_LEFT: move_focus(a, is_rtl(a) ? 1 : -1); break;
	case K_ENTER: {
		const struct widget *w = focused(a, NULL);
		if (w) {
			char id[96];
			snprintf(id, sizeof id, "%s", w->id);
			activate(a, id, now);
		}
		break;
	}
	case K_ESCAPE: go_home(a, now); break;
	case K_BACKSPACE:
		if (s->backspace)
			app_press(a, s->backspace, now);
		break;
	case K_F12: open_admin(a); break;
	case K_PAGEDOWN: app_press(a, s->page_down ? s->page_down : "next", now); break;
	case K_PAGEUP: app_press(a, "back", now); break;
	case K_NONE: break;
	}
}

void app_text(struct app *a, const char *utf8, int64_t now)
{
	touched(a, now);
	if (shown(a)->text)
		shown(a)->text(a, utf8);
}

void app_tick(struct app *a, int64_t now)
{
	int listening = narrator_active(a);
	narrator_tick(a, now);
	narrator_read_aloud(a, now);
	if (listening)
		a->last_input = now;   /* a person listening is not away: the timeout
		                          counts from the voice's end */
	if (a->pointer_down && in_corner(a, a->press_x, a->press_y) &&
	    now - a->press_start >= LONG_PRESS_MS && !(shown(a)->flags & SCREEN_ADMIN)) {
		a->pointer_down = 0;
		a->pressed[0] = '\0';
		open_admin(a);
		return;
	}
	if (a->screen != S_LANGUAGE && a->cfg.idle_ms > 0 && now - a->last_input >= a->cfg.idle_ms)
		go_home(a, now);
}

int64_t app_next_timer(const struct app *a, int64_t now)
{
	int64_t next = -1;
	if (a->screen != S_LANGUAGE && a->cfg.idle_ms > 0) {
		next = a->last_input + a->cfg.idle_ms - now;
		if (next < 0)
			next = 0;
	}
	if (narrator_active(a) && (next < 0 || next > NARRATOR_POLL_MS))
		next = NARRATOR_POLL_MS;   /* the end of a voice, to go on to the next */
	if (a->pointer_down && in_corner(a, a->press_x, a->press_y)) {
		int64_t lp = a->press_start + LONG_PRESS_MS - now;
		if (lp < 0)
			lp = 0;
		if (next < 0 || lp < next)
			next = lp;
	}
	return next;
}

/* The screens lay themselves out again as they are built (the reader
 * notices the new size). */
void app_resize(struct app *a, int width, int height)
{
	a->view.width = width;
	a->view.height = height;
	changed(a);
}

/* ---- the app ----------------------------------------------------------------- */

const struct view *app_view(struct app *a)
{
	if (a->dirty)
		build(a);
	return &a->view;
}

int app_dirty(const struct app *a)
{
	return a->dirty;
}

int app_quit(const struct app *a)
{
	return a->quit;
}

const char *app_screen(const struct app *a)
{
	return shown(a)->name;
}

int app_new(struct app **out, const struct material *m, struct store *st,
            const struct app_config *cfg, const struct fonts *fonts, int64_t now,
            struct err *e)
{
	struct app *a;
	*out = NULL;
	if (strcmp(cfg->mode, "personnel") && strcmp(cfg->mode, "community") &&
	    strcmp(cfg->mode, "ask"))
		return err_set(e, "", 0, "--mode must be personnel, community or ask, not \"%s\"",
		               cfg->mode);
	a = xcalloc(1, sizeof *a);
	a->m = m;
	a->st = st;
	a->cfg = *cfg;
	a->fonts = *fonts;
	a->view.width = cfg->width;
	a->view.height = cfg->height;
	for (size_t s = 0; s < S_COUNT; s++) {
		assert(screens[s] && screens[s]->name && screens[s]->build);   /* a row per screen */
		if (screens[s]->state_size)
			a->state[s] = xcalloc(1, screens[s]->state_size);
	}
	a->lang = m->source;
	a->last_input = now;
	go(a, S_LANGUAGE);
	*out = a;
	return 0;
}

void app_set_sound(struct app *a, const struct sound *s)
{
	narrator_stop(a);
	a->sound = *s;
	changed(a);
}

void app_set_read_aloud(struct app *a, int on)
{
	a->narr.read_aloud = on;
}

void app_free(struct app *a)
{
	if (!a)
		return;
	narrator_stop(a);
	forget_screens(a);
	for (size_t s = 0; s < S_COUNT; s++)
		free(a->state[s]);
	view_free(&a->view);
	free(a);
}
