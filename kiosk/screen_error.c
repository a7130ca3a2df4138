/*
 * screen_error.c - the error screen: what went wrong (a record that could
 * not be saved, no admin PIN set), with only the quick exit (and "Get
 * help", which comes back here), so nothing unsaved is ever shown as
 * saved.  Its state is the text shown.
 */
#include "widgets.h"

#include <stdio.h>

struct error_state {
	char message[600];
};

void show_error(struct app *a, const char *text)
{
	struct error_state *s = screen_state(a, S_ERROR);
	go(a, S_ERROR);
	snprintf(s->message, sizeof s->message, "%s", text);
}

void show_save_failed(struct app *a)
{
	err_print(&a->last_error);
	show_error(a, ui(a, "kiosk_save_failed"));
}

static void build_error(struct app *a)
{
	const struct error_state *s = screen_state(a, S_ERROR);
	add_header(a, ui(a, "kiosk_exit"));
	struct widget *msg = add_widget(a, "message", WK_PANEL, MARGIN, content_top(a) + 40,
	                                content_width(a), 0);
	msg->flags |= WF_BAD;
	msg->h = put_text(a, msg, s->message, NULL, 0, ROLE_HEADING, 0) + 2 * PAD;
}

const struct screen_ops screen_error = {
	.name = "error",
	.state_size = sizeof (struct error_state),
	.build = build_error,   /* "exit", the only way on, is every screen's */
};
