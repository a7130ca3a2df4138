/*
 * widgets.h - the pieces every screen's view is made of; internal to the
 * app (screen.h).
 *
 * Widgets added to the view with their text laid out (measured through the
 * app's `struct fonts`, so no SDL here), buttons, the bar on top with the
 * quick exit (and on a screen of pages, the page indicator), the footer's
 * buttons, "Get help" and the draft notice; the regions of the screen (the bar and the footer shrink
 * on small panels, 1024x600 is common, so the content keeps its room); and
 * the UI strings of the chosen language.  Everything here adds to the view
 * or measures; nothing changes the session or a screen's state.
 *
 * Labels (buttons, keys, the title in the bar) never break inside a word:
 * a label too long for its box steps down a size, then is cut at a word
 * with "…" (fit_label).  A text with Latin letters and no Arabic ones, in
 * an Arabic screen (a chrome string not translated yet, a name typed in
 * Latin letters), is laid out left to right in the source language's face.
 */
#ifndef CRSV_WIDGETS_H
#define CRSV_WIDGETS_H

#include <stdint.h>
#include "screen.h"

#define MARGIN 40
#define GAP 16
#define PAD 20          /* inside a boxed widget, around its text */
#define MIDDLE_W 180    /* room in the middle of the footer (Get help), at least */
#define MARK_W 48       /* the room of a widget's mark, before its text */

/* ---- strings ---- */

/* The UI string `key` in the chosen language (ui.yaml, the PO files). */
const char *ui(const struct app *a, const char *key);
/* The language a text is laid out in: the source language when it stands
 * in for a missing translation, so an English sentence in an Arabic screen
 * keeps its own direction (its full stop at its end). */
size_t text_lang(const struct app *a, int fallback);
/* The language UI string `key` is laid out in. */
size_t ui_lang(const struct app *a, const char *key);
/* Whether the chosen language reads right to left. */
int is_rtl(const struct app *a);
/* "{name}" in a pattern replaced by a text, or by a number. */
void fill_text(char *out, size_t n, const char *pattern, const char *name, const char *value);
void fill_number(char *out, size_t n, const char *pattern, const char *name, long v);
/* The UTC day ("2026-01-31") of `seconds` since the epoch. */
void format_day(int64_t seconds, char day[32]);

/* ---- regions ---- */

int header_h(const struct app *a);      /* the bar on top */
int footer_h(const struct app *a);      /* the row of buttons at the foot */
int button_h(const struct app *a);      /* a footer button */
int content_top(const struct app *a);
int content_bottom(const struct app *a);
int content_width(const struct app *a);
/* A footer button's width and top. */
int footer_w(const struct app *a);
int footer_y(const struct app *a);
/* Font metrics of `role` in language `lang`. */
const struct measure *metrics(const struct app *a, enum role role, size_t lang);
/* The size of running text (the reader's, help's) with `role` on this
 * panel: a size smaller on a short one (800x480, 1024x600), so a page
 * holds enough to read; never below ROLE_SMALL. */
enum role reading_role(const struct app *a, enum role role);
/* The height of `text` laid out `width` pixels wide in `role`, in the
 * chosen language. */
int text_height(const struct app *a, const char *text, enum role role, int width);

/* ---- widgets ---- */

/* A widget at the end of the view (in the chosen language and its
 * direction); borrowed until the view grows again. */
struct widget *add_widget(struct app *a, const char *id, enum wkind kind, int x, int y, int w,
                          int h);
/* Lay `text` out inside the widget (padded unless it is a text: less at
 * the sides of a narrow box when `center`), centred vertically when
 * `center`; returns the text's height.  The widget's label is the first
 * text given. */
int put_text(struct app *a, struct widget *w, const char *text, const struct style_span *spans,
             size_t nspans, enum role role, int center);
/* A label centred in its box, no line of it ending inside a word, in
 * `role` or the first smaller size down to `least` whose lines fit the
 * box's height; when none does, cut after the last word that leaves room
 * for "…" in `least` (a single word too long: its first letters and "…").
 * Returns the text's height. */
int fit_label(struct app *a, struct widget *w, const char *text, const struct style_span *spans,
              size_t nspans, enum role role, enum role least);
/* `w` (before its text is put) in the source language, left to right and
 * marked with the dotted line, when `t` stands in for a missing
 * translation; else nothing. */
void mark_fallback(struct app *a, struct widget *w, const struct m_text *t);
/* A text sized to its content (`t`, or `plain` when t is NULL; `t` marked
 * when it is a fallback); returns the y below it. */
int text_at(struct app *a, int x, int y, int w, const struct m_text *t, const char *plain,
            enum role role);
/* A button with its label centred, fitted down to ROLE_TINY (fit_label). */
struct widget *add_button(struct app *a, const char *id, enum wkind kind, int x, int y, int w,
                          int h, const char *label);
/* The bar on top: a title (fitted down to ROLE_SMALL) and the quick exit
 * (every screen but the first). */
void add_header(struct app *a, const char *title);
/* The same for a screen of pages: "Page k / n" between the title and the
 * quick exit (the footer's middle is "Get help"'s). */
void add_paged_header(struct app *a, const char *title, size_t k, size_t n);
/* The bar with `label` (which part of the screen's content this is, small)
 * before the quick exit. */
void add_labelled_header(struct app *a, const char *title, const char *label);
/* The bar's title replaced by what to do about records that could not be
 * read or saved (a->records_trouble): the screen's own layout untouched. */
void say_records_trouble(struct app *a);
/* Footer buttons: `back` on the start side, `next` on the end side (either
 * id may be NULL); the middle is left to "Get help". */
void add_footer(struct app *a, const char *back_id, const char *back_label, const char *next_id,
                const char *next_label, int next_disabled);
/* "Get help", drawn like the quick exit, in the middle of the footer
 * (app.c adds it to every screen that has it). */
void add_help_button(struct app *a);
/* "Listen" in the footer's top row, on a portrait panel with narration
 * (app.c adds it; in landscape the bar has it). */
void add_listen_below(struct app *a);
/* The notice that this language's translation is an unreviewed draft
 * (never for the source language): small text ending at `bottom`, left out
 * when its top would come above `above`; returns its height with the gap
 * above it, 0 when not shown. */
int add_draft_notice(struct app *a, int bottom, int above);

#endif
