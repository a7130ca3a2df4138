/*
 * screen_keypad.c - the three keypads: a person's index number
 * (personnel), the number of participants (a community session) and the
 * admin PIN.  A phone's keypad, its digits in the same order in every
 * language; what was typed in a field above it (a PIN as dots, never in
 * clear on a shared screen); OK records what the keypad is for.  Each
 * keypad's state is what was typed and the message under the keys (a
 * wrong PIN, the wait before the next try).
 */
#include "widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What sets a keypad apart. */
struct pad {
	const char *prompt;         /* ui.yaml key of its title */
	size_t max_digits;
	int secret;                 /* drawn as dots */
	void (*ok)(struct app *a, const char *typed, int64_t now);
};

struct keypad_state {
	const struct pad *pad;
	char typed[16];
	char message[600];
};

/* The keypad shown (each has a state of its own). */
static struct keypad_state *keypad(struct app *a)
{
	return screen_state(a, a->screen);
}

/* ---- what OK does on each --------------------------------------------------- */

static void id_ok(struct app *a, const char *typed, int64_t now)
{
	(void)now;
	snprintf(a->person, sizeof a->person, "%s", typed);
	go(a, S_MODULES);
}

static void participants_ok(struct app *a, const char *typed, int64_t now)
{
	int n = atoi(typed);
	if (n < 1)
		return;   /* nobody: not a session */
	if (store_session_begin(a->st, a->m->langs[a->lang].code, n, now, a->session,
	                        &a->last_error) < 0) {
		show_save_failed(a);
		return;
	}
	go(a, S_MODULES);
}

/* The PIN, checked by the store, which makes a wrong one wait longer each
 * time (even across restarts). */
static void pin_ok(struct app *a, const char *typed, int64_t now)
{
	struct keypad_state *k = keypad(a);
	int ok = 0;
	int64_t wait = 0;
	if (store_check_pin(a->st, typed, now, &ok, &wait, &a->last_error) < 0)
		ok = 0;
	if (ok) {
		admin_open(a);
		return;
	}
	if (wait > 0)
		fill_number(k->message, sizeof k->message, ui(a, "kiosk_admin_wait"), "seconds",
		            (long)((wait + 999) / 1000));
	else
		snprintf(k->message, sizeof k->message, "%s", ui(a, "kiosk_admin_wrong_pin"));
	k->typed[0] = '\0';
	changed(a);
}

static const struct pad id_pad = { "kiosk_enter_id", 12, 0, id_ok };
static const struct pad participants_pad = { "kiosk_participants", 3, 0, participants_ok };
static const struct pad pin_pad = { "kiosk_admin_pin", 12, 1, pin_ok };

/* ---- entering, building ----------------------------------------------------- */

static void enter_pad(struct app *a, const struct pad *pad)
{
	struct keypad_state *k = keypad(a);
	k->pad = pad;
	k->typed[0] = '\0';
	k->message[0] = '\0';
}

static void enter_id(struct app *a)
{
	enter_pad(a, &id_pad);
}

static void enter_participants(struct app *a)
{
	enter_pad(a, &participants_pad);
}

static void enter_pin(struct app *a)
{
	enter_pad(a, &pin_pad);
}

/* The field above the keys: digits left to right in every language. */
static void typed_field(struct app *a, const struct keypad_state *k, int x, int y, int w, int h)
{
	struct widget *f = add_widget(a, NULL, WK_FIELD, x, y, w, h);
	f->lang = a->m->source;
	f->rtl = 0;
	f->flags |= WF_KEEP_PLACE;
	if (k->pad->secret) {
		char dots[64] = "";
		for (size_t i = 0; k->typed[i] && i < 12; i++)
			strcat(dots, "\xe2\x80\xa2");   /* • */
		put_text(a, f, dots, NULL, 0, ROLE_KEY, 1);
	} else {
		put_text(a, f, k->typed, NULL, 0, ROLE_KEY, 1);
	}
}

static void build_keypad(struct app *a)
{
	static const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9",
	                                      "delete", "0", "ok" };
	struct keypad_state *k = keypad(a);
	/* keys as large as the screen allows: the field, four rows of keys and
	 * a line for a message must fit under the bar on small panels too */
	int gap = 12, field = 72, msg_h = 56;
	int room = a->view.height - content_top(a) - MARGIN / 2 - field - msg_h - 5 * gap;
	int kh = room / 4 > 96 ? 96 : room / 4 < 48 ? 48 : room / 4;
	int kw = kh * 3 / 2 > 150 ? 150 : kh * 3 / 2;
	int pad_w = 3 * kw + 2 * gap;
	int x0 = (a->view.width - pad_w) / 2, y = content_top(a);
	add_header(a, ui(a, k->pad->prompt));
	typed_field(a, k, x0, y, pad_w, field);
	y += field + gap;
	for (int i = 0; i < 12; i++) {
		char id[32];
		const char *key = keys[i];
		int digit = !key[1];
		snprintf(id, sizeof id, "key:%s", key);
		const char *label = !strcmp(key, "delete") ? ui(a, "kiosk_delete") :
		                    !strcmp(key, "ok") ? ui(a, "kiosk_ok") : key;
		struct widget *b = add_widget(a, id, !strcmp(key, "ok") ? WK_PRIMARY : WK_KEY,
		                              x0 + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw,
		                              kh);
		b->flags |= WF_KEEP_PLACE;
		if (digit) {
			/* digits in the Latin face: they sit centred in every language */
			b->lang = a->m->source;
			b->rtl = 0;
		}
		fit_label(a, b, label, NULL, 0, digit ? ROLE_KEY : ROLE_BUTTON, ROLE_TINY);
		if (!strcmp(key, "ok") && !k->typed[0])
			b->flags |= WF_DISABLED;
	}
	if (k->message[0]) {
		int my = y + 4 * (kh + gap);
		struct widget *msg = add_widget(a, "message", WK_PANEL, MARGIN, my, content_width(a),
		                                msg_h);
		msg->flags |= WF_BAD;
		put_text(a, msg, k->message, NULL, 0, ROLE_SMALL, 1);
	}
}

/* ---- keys ------------------------------------------------------------------ */

/* A digit, or "delete" the last one. */
static void key_input(struct app *a, const char *key)
{
	struct keypad_state *k = keypad(a);
	size_t n = strlen(k->typed);
	if (!strcmp(key, "delete")) {
		if (n)
			k->typed[n - 1] = '\0';
	} else if (key[0] >= '0' && key[0] <= '9' && !key[1] && n + 1 < sizeof k->typed &&
	           n < k->pad->max_digits) {
		k->typed[n] = key[0];
		k->typed[n + 1] = '\0';
	}
	k->message[0] = '\0';
	changed(a);
}

static void press_key(struct app *a, const char *key, int64_t now)
{
	(void)now;
	key_input(a, key);
}

static void press_ok(struct app *a, const char *arg, int64_t now)
{
	struct keypad_state *k = keypad(a);
	char typed[sizeof k->typed];
	(void)arg;
	if (!k->typed[0])
		return;
	snprintf(typed, sizeof typed, "%s", k->typed);   /* OK may leave the screen */
	k->pad->ok(a, typed, now);
}

/* Digits typed on a real keyboard; anything else is ignored. */
static void type_digits(struct app *a, const char *utf8)
{
	for (const char *p = utf8; *p; p++) {
		char d[2] = { *p, '\0' };
		if (*p >= '0' && *p <= '9')
			key_input(a, d);
	}
}

static const struct handler keypad_handlers[] = {
	{ "key:ok", press_ok },
	{ "key:", press_key },
};

#define KEYPAD(screen_name, enter_fn, extra_flags)                                          \
	{                                                                                   \
		.name = screen_name, .state_size = sizeof (struct keypad_state),            \
		.enter = enter_fn, .build = build_keypad, HANDLERS(keypad_handlers),        \
		.text = type_digits, .backspace = "key:delete", .flags = extra_flags,       \
	}

const struct screen_ops screen_id = KEYPAD("id", enter_id, 0);
const struct screen_ops screen_participants = KEYPAD("participants", enter_participants, 0);
const struct screen_ops screen_admin_pin = KEYPAD("admin-pin", enter_pin, SCREEN_ADMIN);
