/*
 * screen_keypad.c - the four keypads: a person's index number, typed twice
 * (personnel), the number of participants (a community session) and the
 * admin PIN.  A phone's keypad, its digits in the same order in every
 * language; what was typed in a field above it (a PIN as dots, never in
 * clear on a shared screen); OK does what the keypad is for, or says why
 * it does nothing.  Each keypad's state is what was typed and the message
 * (the numbers typed twice were not the same, no participant, a wrong PIN,
 * the wait before the next try).
 *
 * The index number is typed twice before it is used: a typo would make a
 * new person of someone (and show that person's marks), so the second
 * keypad must give the same digits, else the first starts again, saying
 * why.  Nothing of the person is kept until the two agree.
 *
 * Where the keys go: on a landscape panel beside the field and the message
 * (the keys as large as the height above the footer allows: under the
 * field they would be small on a 7- or 10-inch panel); on a portrait one
 * under the field, with two lines kept for the message under them (a
 * message never moves a key under a finger).
 */
#include "widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MIN 48      /* a finger's width */
#define KEY_MAX 96
#define COLUMN_W 520    /* the field and the message beside the keys, at most */
#define KEY_GAP 12
#define FIELD_H 72

/* What sets a keypad apart. */
struct pad {
	const char *prompt;         /* ui.yaml key of its title */
	size_t max_digits;
	int secret;                 /* drawn as dots */
	/* ui.yaml key of what OK with nothing typed says (NULL: OK is off
	 * until something is typed) */
	const char *nothing;
	void (*ok)(struct app *a, const char *typed, int64_t now);
};

struct keypad_state {
	const struct pad *pad;
	char typed[16];
	char message[600];
	size_t message_lang;        /* its language (the source's when it stands in
	                               for a missing translation) */
};

/* Keypad s's state (each has a state of its own). */
static struct keypad_state *pad_of(struct app *a, enum screen s)
{
	return screen_state(a, s);
}

/* The keypad shown. */
static struct keypad_state *keypad(struct app *a)
{
	return pad_of(a, a->screen);
}

/* What was typed, forgotten (the index number is not kept longer than it
 * is needed). */
static void wipe(struct keypad_state *k)
{
	memset(k->typed, 0, sizeof k->typed);
}

/* The message under the keys: UI string `key`; what was typed goes, so
 * the next digit starts afresh (and takes the message away). */
static void say(struct app *a, struct keypad_state *k, const char *key)
{
	snprintf(k->message, sizeof k->message, "%s", ui(a, key));
	k->message_lang = ui_lang(a, key);
	wipe(k);
	changed(a);
}

/* ---- what OK does on each --------------------------------------------------- */

/* The first typing: kept in this keypad's state for the second to match. */
static void id_ok(struct app *a, const char *typed, int64_t now)
{
	(void)typed;
	(void)now;
	go(a, S_ID_AGAIN);
}

/* The second typing: the same digits, and the person is known; else the
 * first keypad again, calmly saying why. */
static void id_again_ok(struct app *a, const char *typed, int64_t now)
{
	struct keypad_state *first = pad_of(a, S_ID), *again = pad_of(a, S_ID_AGAIN);
	(void)now;
	int same = !strcmp(first->typed, typed);
	if (same)
		snprintf(a->person, sizeof a->person, "%s", typed);
	wipe(first);
	wipe(again);
	if (same) {
		go(a, S_MODULES);
		return;
	}
	go(a, S_ID);
	say(a, first, "kiosk_id_mismatch");
}

static void participants_ok(struct app *a, const char *typed, int64_t now)
{
	int n = atoi(typed);
	if (n < 1) {   /* nobody: not a session, and the facilitator is told so */
		say(a, keypad(a), "kiosk_participants_none");
		return;
	}
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
	if (store_check_pin(a->st, typed, now, &ok, &wait, &a->last_error) < 0) {
		report_store_error(a, &a->last_error);   /* the admin is told in the bar */
		ok = 0;
	}
	if (ok) {
		admin_open(a);
		return;
	}
	if (wait > 0) {
		fill_number(k->message, sizeof k->message, ui(a, "kiosk_admin_wait"), "seconds",
		            (long)((wait + 999) / 1000));
		k->message_lang = ui_lang(a, "kiosk_admin_wait");
	} else {
		say(a, k, "kiosk_admin_wrong_pin");
	}
	k->typed[0] = '\0';
	changed(a);
}

static const struct pad id_pad = { "kiosk_enter_id", 12, 0, NULL, id_ok };
static const struct pad id_again_pad = { "kiosk_enter_id_again", 12, 0, NULL, id_again_ok };
static const struct pad participants_pad = { "kiosk_participants", 3, 0,
                                             "kiosk_participants_none", participants_ok };
static const struct pad pin_pad = { "kiosk_admin_pin", 12, 1, NULL, pin_ok };

/* ---- entering --------------------------------------------------------------- */

static void enter_pad(struct app *a, const struct pad *pad)
{
	struct keypad_state *k = keypad(a);
	k->pad = pad;
	wipe(k);
	k->message[0] = '\0';
}

static void enter_id(struct app *a)
{
	enter_pad(a, &id_pad);
}

static void enter_id_again(struct app *a)
{
	enter_pad(a, &id_again_pad);
}

static void enter_participants(struct app *a)
{
	enter_pad(a, &participants_pad);
}

static void enter_pin(struct app *a)
{
	enter_pad(a, &pin_pad);
}

/* ---- the layout ------------------------------------------------------------- */

/* Where the field, the keys and the message go. */
struct geometry {
	int kw, kh;             /* a key */
	int keys_x, keys_y;     /* the top-left key */
	int field_x, field_y, field_w;
	int msg_x, msg_y, msg_w, msg_h;
};

static int clamp_key(int h)
{
	return h > KEY_MAX ? KEY_MAX : h < KEY_MIN ? KEY_MIN : h;
}

static int key_width(int kh)
{
	return kh * 3 / 2 > 150 ? 150 : kh * 3 / 2;
}

/* The keys under the field, the message's line under them. */
static void stacked(const struct app *a, int room, int msg_h, struct geometry *g)
{
	g->kh = clamp_key((room - FIELD_H - msg_h - 5 * KEY_GAP) / 4);
	g->kw = key_width(g->kh);
	int pad_w = 3 * g->kw + 2 * KEY_GAP;
	g->field_x = g->keys_x = (a->view.width - pad_w) / 2;
	g->field_y = content_top(a);
	g->field_w = pad_w;
	g->keys_y = g->field_y + FIELD_H + KEY_GAP;
	g->msg_x = MARGIN;
	g->msg_y = g->keys_y + 4 * (g->kh + KEY_GAP);
	g->msg_w = content_width(a);
	g->msg_h = msg_h;
}

/* The keys on the end side, the field and the message on the start side,
 * together in the middle (placed here for the direction: the keypad is not
 * mirrored). */
static void side_by_side(const struct app *a, int room, struct geometry *g)
{
	g->kh = clamp_key((room - 3 * KEY_GAP) / 4);
	g->kw = key_width(g->kh);
	int pad_w = 3 * g->kw + 2 * KEY_GAP, col_w = content_width(a) - pad_w - 2 * GAP;
	if (col_w > COLUMN_W)
		col_w = COLUMN_W;
	int left = (a->view.width - (col_w + 2 * GAP + pad_w)) / 2, rtl = is_rtl(a);
	g->keys_x = rtl ? left : left + col_w + 2 * GAP;
	g->keys_y = content_top(a);
	g->field_x = g->msg_x = rtl ? left + pad_w + 2 * GAP : left;
	g->field_y = content_top(a);
	g->field_w = g->msg_w = col_w;
	g->msg_y = g->field_y + FIELD_H + GAP;
	g->msg_h = 0;   /* as tall as its text: nothing under it to keep still */
}

static void geometry_of(const struct app *a, struct geometry *g)
{
	/* two lines of small text kept for the message */
	int msg_h = 2 * metrics(a, ROLE_SMALL, a->lang)->line_height + 16;
	int room = content_bottom(a) - 8 - content_top(a);
	if (a->view.width > a->view.height)
		side_by_side(a, room, g);
	else
		stacked(a, room, msg_h, g);
}

/* ---- building --------------------------------------------------------------- */

/* The field: digits left to right in every language. */
static void typed_field(struct app *a, const struct keypad_state *k, const struct geometry *g)
{
	struct widget *f = add_widget(a, NULL, WK_FIELD, g->field_x, g->field_y, g->field_w,
	                              FIELD_H);
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

/* Key i (0..11, phone order) at its place. */
static void key_button(struct app *a, const struct keypad_state *k, const struct geometry *g,
                       int i)
{
	static const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9",
	                                      "delete", "0", "ok" };
	char id[32];
	const char *key = keys[i];
	int digit = !key[1], ok = !strcmp(key, "ok");
	snprintf(id, sizeof id, "key:%s", key);
	const char *label = !strcmp(key, "delete") ? ui(a, "kiosk_delete") :
	                    ok ? ui(a, "kiosk_ok") : key;
	struct widget *b = add_widget(a, id, ok ? WK_PRIMARY : WK_KEY,
	                              g->keys_x + (i % 3) * (g->kw + KEY_GAP),
	                              g->keys_y + (i / 3) * (g->kh + KEY_GAP), g->kw, g->kh);
	b->flags |= WF_KEEP_PLACE;
	if (digit) {
		/* digits in the Latin face: they sit centred in every language */
		b->lang = a->m->source;
		b->rtl = 0;
	}
	fit_label(a, b, label, NULL, 0, digit ? ROLE_KEY : ROLE_BUTTON, ROLE_TINY);
	if (ok && !k->typed[0] && !k->pad->nothing)
		b->flags |= WF_DISABLED;
}

static void message(struct app *a, const struct keypad_state *k, const struct geometry *g)
{
	struct widget *msg = add_widget(a, "message", WK_PANEL, g->msg_x, g->msg_y, g->msg_w, 0);
	msg->flags |= WF_BAD | WF_KEEP_PLACE;
	msg->lang = k->message_lang;
	msg->rtl = a->m->langs[msg->lang].rtl;
	msg->h = g->msg_h;
	int h = put_text(a, msg, k->message, NULL, 0, ROLE_SMALL, 1);
	if (h + 16 > msg->h) {   /* taller than the room kept for it */
		msg->h = h + 16;
		msg->text_y = msg->y + 8;
	}
}

static void build_keypad(struct app *a)
{
	struct keypad_state *k = keypad(a);
	struct geometry g;
	geometry_of(a, &g);
	add_header(a, ui(a, k->pad->prompt));
	typed_field(a, k, &g);
	for (int i = 0; i < 12; i++)
		key_button(a, k, &g, i);
	if (k->message[0])
		message(a, k, &g);
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
	if (!k->typed[0]) {
		if (k->pad->nothing)   /* say why nothing happens */
			say(a, k, k->pad->nothing);
		return;
	}
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
const struct screen_ops screen_id_again = KEYPAD("id-again", enter_id_again, 0);
const struct screen_ops screen_participants = KEYPAD("participants", enter_participants, 0);
const struct screen_ops screen_admin_pin = KEYPAD("admin-pin", enter_pin, SCREEN_ADMIN);
