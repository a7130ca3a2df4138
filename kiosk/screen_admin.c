/*
 * screen_admin.c - the admin's two screens, behind the PIN: the admin
 * screen (the kiosk's name, the content's date and signer, completions per
 * module and mode, export of the records to --export-dir, installing a new
 * bundle from there, closing the kiosk) and the keyboard that names the
 * kiosk.  One state for both: the name and the counts, read from the store
 * on entering the admin screen, the name being typed, and the message of
 * the last action.
 */
#include "widgets.h"
#include "buf.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kiosk's name: at most this many characters (store_set_name's
 * limit). */
#define NAME_CHARS 60

struct admin_state {
	char name[NAME_CHARS * 4 + 1];  /* the kiosk's name, or the one being typed */
	int lower;                      /* the name keyboard's letters in lower case */
	struct buf counts;              /* the counts' lines, each ended by '\0' */
	char message[600];              /* what the last action did */
};

static struct admin_state *admin(struct app *a)
{
	return screen_state(a, S_ADMIN);
}

/* ---- the admin screen ----------------------------------------------------- */

static void count_line(void *ctx, const char *module_id, const char *mode, int n, int passed)
{
	struct app *a = ctx;
	struct buf *b = &admin(a)->counts;
	size_t i = material_module(a->m, module_id);
	const char *title = i == (size_t)-1 ? module_id : a->m->modules[i].title[a->lang].text;
	const char *who = ui(a, !strcmp(mode, "personnel") ? "kiosk_mode_personnel"
	                                                   : "kiosk_mode_community");
	buf_printf(b, "%s: %s %d (%d)", title, who, n, passed);
	buf_putc(b, '\0');
}

/* What the admin screen shows of the store, read now (never while
 * drawing): the kiosk's name and the counts. */
static void enter_admin(struct app *a)
{
	struct admin_state *s = admin(a);
	char *name = NULL;
	s->name[0] = '\0';
	if (store_name(a->st, &name, &a->last_error) < 0)
		report_store_error(a, &a->last_error);
	else if (name)
		snprintf(s->name, sizeof s->name, "%s", name);
	free(name);
	buf_reset(&s->counts);
	if (store_counts(a->st, count_line, a, &a->last_error) < 0)
		report_store_error(a, &a->last_error);
	if (!s->counts.len) {
		buf_puts(&s->counts, ui(a, "kiosk_admin_none"));
		buf_putc(&s->counts, '\0');
	}
}

void admin_open(struct app *a)
{
	admin(a)->message[0] = '\0';
	go(a, S_ADMIN);
}

static void forget_admin(struct app *a)
{
	buf_free(&admin(a)->counts);
}

/* The name line of the admin screen, and the button that changes it;
 * returns the y below. */
static int name_line(struct app *a, int y)
{
	const struct admin_state *s = admin(a);
	int w = content_width(a), bw = w / 2 > 320 ? 320 : w / 2, row = button_h(a);
	char line[sizeof s->name + 200];
	if (s->name[0])
		fill_text(line, sizeof line, ui(a, "kiosk_admin_this_kiosk"), "name", s->name);
	else
		snprintf(line, sizeof line, "%s", ui(a, "kiosk_admin_unnamed"));
	struct widget *t = add_widget(a, "kiosk-name", WK_TEXT, MARGIN, y, w - bw - GAP, row);
	/* the line as tall as it needs, in the body size while it fits the row */
	if (put_text(a, t, line, NULL, 0, ROLE_BODY, 1) > row)
		put_text(a, t, line, NULL, 0, ROLE_SMALL, 1);
	if (t->layout.height > row) {
		t->h = t->layout.height;
		t->text_y = y;
	}
	add_button(a, "name", WK_BUTTON, MARGIN + w - bw, y, bw, row, ui(a, "kiosk_admin_name"));
	return y + (t->h > row ? t->h : row) + GAP;
}

/* Which content this is: its date, whether and by which key it is signed,
 * until when it is valid; returns the y below. */
static int content_line(struct app *a, int y)
{
	const struct seal *sl = &a->m->seal;
	char made[32], until[32], part[400], both[400];
	struct buf line = {0};
	format_day(sl->created, made);
	/* signed and checked against a trusted key; signed but not checked (no
	 * --trust); not signed */
	const char *key = sl->is_signed ? "kiosk_admin_content_signed"
	                  : sl->key_id[0] ? "kiosk_admin_content_unchecked"
	                                  : "kiosk_admin_content_unsigned";
	fill_text(part, sizeof part, ui(a, key), "date", made);
	fill_text(both, sizeof both, part, "key", sl->key_id);
	buf_puts(&line, both);
	if (sl->expires >= 0) {
		format_day(sl->expires, until);
		fill_text(part, sizeof part,
		          ui(a, a->m->expired ? "kiosk_admin_expired" : "kiosk_admin_valid_until"),
		          "date", until);
		buf_printf(&line, " %s", part);
	}
	buf_putc(&line, '\0');
	struct widget *t = add_widget(a, "content", WK_TEXT, MARGIN, y, content_width(a), 0);
	t->h = put_text(a, t, line.data, NULL, 0, ROLE_SMALL, 0);
	buf_free(&line);
	return y + t->h + GAP;
}

static void build_admin(struct app *a)
{
	const struct admin_state *s = admin(a);
	int w = content_width(a), y = content_top(a), row = button_h(a);
	/* "Close the kiosk" between Back and Export when there is room (never
	 * over them: 800x480), else on a line of its own above them */
	int mid = a->view.width - 2 * MARGIN - 2 * footer_w(a) - 2 * GAP;
	int qw = mid > 300 ? 300 : mid, quit_in_footer = qw >= 200;
	int bottom = quit_in_footer ? content_bottom(a) : content_bottom(a) - row - GAP;
	add_header(a, ui(a, "kiosk_admin_title"));
	y = name_line(a, y);
	y = content_line(a, y);
	/* the message of the last action at the foot, as tall as its text; the
	 * counts above it, as many lines as fit (none, heading and all, on a
	 * 7-inch panel while a message shows) */
	/* above the buttons under them ("Install new content" beside the
	 * counts' foot when "Close the kiosk" is in the footer) */
	int install_y = quit_in_footer ? content_bottom(a) - row - GAP : bottom;
	int counts_bottom = (a->cfg.bundle ? install_y : bottom) - GAP;
	if (s->message[0]) {
		struct widget *msg = add_widget(a, "message", WK_PANEL, MARGIN, 0, w, 0);
		msg->h = put_text(a, msg, s->message, NULL, 0, ROLE_SMALL, 1) + 2 * PAD;
		msg->y = counts_bottom - msg->h;
		msg->text_y = msg->y + PAD;
		counts_bottom = msg->y - GAP;
	}
	size_t mark = a->view.n;
	int heading_y = y;
	y = text_at(a, MARGIN, y, w, NULL, ui(a, "kiosk_admin_counts"), ROLE_HEADING) + GAP;
	if (y > counts_bottom) {
		view_truncate(&a->view, mark);
		y = heading_y;
	}
	/* one widget a line, so --list-widgets shows them */
	const char *end = s->counts.data + s->counts.len;
	for (const char *line = s->counts.data; y > heading_y && line < end;
	     line += strlen(line) + 1) {
		size_t before = a->view.n;
		int next = text_at(a, MARGIN, y, w, NULL, line, ROLE_SMALL) + 4;
		if (next - 4 > counts_bottom) {
			view_truncate(&a->view, before);
			break;
		}
		y = next;
	}
	add_footer(a, "back", ui(a, "kiosk_back"), "export", ui(a, "kiosk_admin_export"), 0);
	if (a->cfg.bundle)
		add_button(a, "install", WK_BUTTON, MARGIN + w - footer_w(a), install_y, footer_w(a),
		           row, ui(a, "kiosk_admin_install"));
	if (quit_in_footer)
		add_button(a, "quit", WK_BUTTON, (a->view.width - qw) / 2, footer_y(a), qw, row,
		           ui(a, "kiosk_admin_quit"));
	else
		add_button(a, "quit", WK_BUTTON, MARGIN, bottom, footer_w(a), row,
		           ui(a, "kiosk_admin_quit"));
}

/* The folder of the USB stick. */
static const char *stick(const struct app *a)
{
	return a->cfg.export_dir ? a->cfg.export_dir : ".";
}

static void export_records(struct app *a, const char *arg, int64_t now)
{
	struct admin_state *s = admin(a);
	char *path = NULL;
	struct err e = {0};
	(void)arg;
	if (store_export(a->st, stick(a), now, &path, &e) == 0)
		snprintf(s->message, sizeof s->message, "%s %.400s", ui(a, "kiosk_admin_exported"),
		         path);
	else
		snprintf(s->message, sizeof s->message, "%s %.400s",
		         ui(a, "kiosk_admin_export_failed"), e.msg);
	free(path);
	changed(a);
}

/* A new bundle from the stick: checked, copied, swapped in; shown from
 * the next start. */
static void install_bundle(struct app *a, const char *arg, int64_t now)
{
	struct admin_state *s = admin(a);
	struct err e = {0};
	struct seal sl;
	(void)arg;
	(void)now;
	if (update_install(stick(a), a->cfg.bundle, &a->cfg.trust, &sl, &e) == 0) {
		char day[32];
		format_day(sl.created, day);
		fill_text(s->message, sizeof s->message, ui(a, "kiosk_admin_installed"), "date", day);
	} else {
		snprintf(s->message, sizeof s->message, "%s %.400s",
		         ui(a, "kiosk_admin_install_failed"), e.msg);
	}
	changed(a);
}

/* Back: whoever was using the kiosk before the admin came is gone too. */
static void leave(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	go_home(a, now);
}

static void close_kiosk(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	a->quit = 1;
}

static void to_name(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	go(a, S_ADMIN_NAME);   /* the name typed starts from the one it has */
}

static const struct handler admin_handlers[] = {
	{ "back", leave },
	{ "export", export_records },
	{ "install", install_bundle },
	{ "quit", close_kiosk },
	{ "name", to_name },
};

const struct screen_ops screen_admin = {
	.name = "admin",
	.state_size = sizeof (struct admin_state),
	.enter = enter_admin,
	.build = build_admin,
	.forget = forget_admin,
	HANDLERS(admin_handlers),
	.flags = SCREEN_ADMIN,
};

/* ---- naming the kiosk ----------------------------------------------------- */

static void enter_name(struct app *a)
{
	struct admin_state *s = admin(a);
	s->message[0] = '\0';
	s->lower = 0;
}

/* The admin's keyboard for the kiosk's name: Latin letters, digits and a
 * few marks, in the order of a typewriter (as keypads keep the phone's),
 * a case key, space, delete and OK.  A physical keyboard types any text. */
static void build_name(struct app *a)
{
	static const char *const rows[4] = { "1234567890", "QWERTYUIOP", "ASDFGHJKL-",
	                                     "ZXCVBNM,./" };
	const struct admin_state *s = admin(a);
	/* the keys reach down into the footer's place (Back is one of them),
	 * so that at 800x480 they are still a finger high */
	int gap = 8, field = 64, w = content_width(a);
	int room = a->view.height - 12 - content_top(a) - field - 5 * gap;
	int kh = room / 5 > 80 ? 80 : room / 5 < 48 ? 48 : room / 5;
	int kw = (w - 9 * gap) / 10 > 90 ? 90 : (w - 9 * gap) / 10;
	int pad_w = 10 * kw + 9 * gap, x0 = (a->view.width - pad_w) / 2, y = content_top(a);
	add_header(a, ui(a, "kiosk_admin_name_prompt"));
	struct widget *f = add_widget(a, "name-field", WK_FIELD, x0, y, pad_w, field);
	f->flags |= WF_KEEP_PLACE;
	/* a long name (60 characters) a size smaller, on one line */
	fit_label(a, f, s->name, NULL, 0, ROLE_BODY, ROLE_SMALL);
	y += field + gap;
	for (int r = 0; r < 4; r++, y += kh + gap)
		for (int k = 0; rows[r][k]; k++) {
			char ch = rows[r][k], id[16], label[2] = { ch, '\0' };
			if (s->lower && ch >= 'A' && ch <= 'Z')
				label[0] = (char)(ch - 'A' + 'a');
			snprintf(id, sizeof id, "char:%s", label);
			struct widget *b = add_button(a, id, WK_KEY, x0 + k * (kw + gap), y, kw, kh,
			                              label);
			b->lang = a->m->source;   /* Latin keys: left to right in every language */
			b->rtl = 0;
			b->flags |= WF_KEEP_PLACE;
		}
	/* the last row: back, case, space, delete, OK */
	struct { const char *id, *label; int keys; enum wkind kind; } last[] = {
		{ "back", ui(a, "kiosk_back"), 2, WK_BUTTON },
		{ "name:case", s->lower ? "ABC" : "abc", 2, WK_KEY },
		{ "name:space", ui(a, "kiosk_space"), 2, WK_KEY },
		{ "name:delete", ui(a, "kiosk_delete"), 2, WK_KEY },
		{ "name:ok", ui(a, "kiosk_ok"), 2, WK_PRIMARY },
	};
	int x = x0;
	for (size_t i = 0; i < sizeof last / sizeof *last; i++) {
		int bw = last[i].keys * kw + (last[i].keys - 1) * gap;
		struct widget *b = add_button(a, last[i].id, last[i].kind, x, y, bw, kh, last[i].label);
		b->flags |= WF_KEEP_PLACE;
		if (!strcmp(last[i].id, "name:ok") && !s->name[0])
			b->flags |= WF_DISABLED;
		x += bw + gap;
	}
}

/* A character typed into the name (any text but control characters, up to
 * NAME_CHARS), or with "" the last one deleted. */
static void name_input(struct app *a, const char *utf8)
{
	struct admin_state *s = admin(a);
	size_t n = strlen(s->name), add_len = strlen(utf8), chars = 0;
	s->message[0] = '\0';
	if (!utf8[0]) {   /* delete: back over one whole character */
		while (n && (s->name[n - 1] & 0xC0) == 0x80)
			n--;
		if (n)
			n--;
		s->name[n] = '\0';
		changed(a);
		return;
	}
	for (size_t i = 0; i < n; i++)
		chars += (s->name[i] & 0xC0) != 0x80;
	if ((unsigned char)utf8[0] < 0x20 || utf8[0] == 0x7f || chars >= NAME_CHARS ||
	    n + add_len >= sizeof s->name || utf8_check(utf8, add_len) != (size_t)-1 ||
	    (!n && utf8[0] == ' '))
		return;
	memcpy(s->name + n, utf8, add_len + 1);
	changed(a);
}

/* Text from a real keyboard, one character at a time as the keys type. */
static void type_name(struct app *a, const char *utf8)
{
	for (const char *p = utf8; *p;) {
		size_t len = 1;
		while (p[len] && ((unsigned char)p[len] & 0xC0) == 0x80)
			len++;
		char ch[8] = "";
		if (len < sizeof ch) {
			memcpy(ch, p, len);
			name_input(a, ch);
		}
		p += len;
	}
}

static void press_char(struct app *a, const char *ch, int64_t now)
{
	(void)now;
	name_input(a, ch);
}

static void press_space(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	name_input(a, " ");
}

static void press_delete(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	name_input(a, "");
}

static void press_case(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	admin(a)->lower = !admin(a)->lower;
	changed(a);
}

/* OK: the name saved, then the admin screen with it read back. */
static void save_name(struct app *a, const char *arg, int64_t now)
{
	struct admin_state *s = admin(a);
	struct err e = {0};
	size_t n = strlen(s->name);
	(void)arg;
	(void)now;
	while (n && s->name[n - 1] == ' ')
		s->name[--n] = '\0';   /* a space typed last is not part of the name */
	if (!n)
		return;
	int failed = store_set_name(a->st, s->name, &e) < 0;
	/* the admin screen says how it went (its message panel has the room) */
	go(a, S_ADMIN);
	if (failed) {
		report_store_error(a, &e);
		snprintf(s->message, sizeof s->message, "%s %.400s", ui(a, "kiosk_save_failed"), e.msg);
	} else {
		snprintf(s->message, sizeof s->message, "%s", ui(a, "kiosk_admin_name_saved"));
	}
}

/* Back: the admin screen, with the name as it was. */
static void name_back(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	go(a, S_ADMIN);
}

static const struct handler name_handlers[] = {
	{ "char:", press_char },
	{ "name:space", press_space },
	{ "name:delete", press_delete },
	{ "name:case", press_case },
	{ "name:ok", save_name },
	{ "back", name_back },
};

const struct screen_ops screen_admin_name = {
	.name = "admin-name",
	.enter = enter_name,
	.build = build_name,
	HANDLERS(name_handlers),
	.text = type_name,
	.backspace = "name:delete",
	.flags = SCREEN_ADMIN,
};
