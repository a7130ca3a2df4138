/*
 * screen_modules.c - the module list: the modules of the tracks offered in
 * this mode, under their tracks' titles, with the reading time and, for a
 * person (personnel), a mark on those already passed; in pages when the
 * screen is small; "Get help" always one press away.  Its state is the page
 * of the list and the passed marks, read from the store on entering.
 */
#include "widgets.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct modules_state {
	int page;                   /* of the list, kept while a module is read */
	unsigned char *passed;      /* [module]: this person passed it */
};

static struct modules_state *modules(struct app *a)
{
	return screen_state(a, S_MODULES);
}

/* Modules offered in this mode: community sessions see community tracks. */
static int offered(const struct app *a, const struct m_module *mo)
{
	const char *aud = a->m->tracks[mo->track].audience;
	if (!strcmp(a->mode, "community"))
		return !strcmp(aud, "community") || !strcmp(aud, "all");
	return 1;
}

/* The done marks, read now (never while drawing): a quiz passed since the
 * last visit shows. */
static void enter_modules(struct app *a)
{
	struct modules_state *s = modules(a);
	const struct material *m = a->m;
	if (!s->passed)
		s->passed = xcalloc(m->nmodules ? m->nmodules : 1, 1);
	for (size_t i = 0; i < m->nmodules; i++) {
		int passed = 0;
		if (!strcmp(a->mode, "personnel") && a->person[0] && offered(a, &m->modules[i]))
			store_person_passed(a->st, a->person, m->modules[i].key, &passed,
			                    &a->last_error);
		s->passed[i] = passed != 0;
	}
}

static void forget_modules(struct app *a)
{
	free(modules(a)->passed);
}

/* A module's row: its title (marked when passed), its reading time at the
 * end. */
static void module_row(struct app *a, size_t i, int y, int w, int row)
{
	const struct m_module *mo = &a->m->modules[i];
	const struct m_text *title = &mo->title[a->lang];
	char id[160], minutes[64];
	int done = modules(a)->passed[i], mw = 150;
	snprintf(id, sizeof id, "module:%s", mo->key);
	struct widget *b = add_widget(a, id, WK_BUTTON, MARGIN, y, w, row);
	b->label = done ? xasprintf("%s (%s)", title->text, ui(a, "kiosk_done"))
	                : xstrdup(title->text);
	if (done) {
		b->flags |= WF_DONE;
		b->mark = MARK_CHECK;
	}
	b->w -= mw;
	fit_label(a, b, title->text, title->spans, title->nspans, ROLE_BUTTON, ROLE_SMALL);
	b->centered = 0;   /* a list reads from its start edge */
	b->w += mw;
	snprintf(minutes, sizeof minutes, "%d %s", mo->minutes, ui(a, "minutes"));
	struct widget *mt = add_widget(a, NULL, WK_TEXT, MARGIN + w - mw, y, mw - PAD, row);
	put_text(a, mt, minutes, NULL, 0, ROLE_SMALL, 1);
	mt->text_y = y + (row - mt->layout.height) / 2;
}

static void build_modules(struct app *a)
{
	const struct material *m = a->m;
	int page = modules(a)->page;
	int w = content_width(a), row = 88, y = content_top(a), index = 0;
	size_t last_track = (size_t)-1;
	add_header(a, ui(a, "kiosk_choose_module"));
	/* the draft notice (already on the mode screen) only where it leaves
	 * room for two modules: a 7-inch panel keeps its list */
	int room = content_bottom(a) - content_top(a);
	int notice = room / (row + 8) - 1 > 2
	             ? add_draft_notice(a, content_bottom(a) - 8, content_top(a)) : 0;
	int per_page = (room - notice) / (row + 8) - 1;
	if (per_page < 2) {
		per_page = 2;
		if (notice) {   /* it would crowd the list out after all */
			view_truncate(&a->view, a->view.n - 1);
			notice = 0;
		}
	}
	for (size_t i = 0; i < m->nmodules; i++) {
		const struct m_module *mo = &m->modules[i];
		if (!offered(a, mo) || index++ / per_page != page)
			continue;
		if (mo->track != last_track) {
			last_track = mo->track;
			y = text_at(a, MARGIN, y, w, &m->tracks[mo->track].title[a->lang], NULL,
			            ROLE_HEADING) + 8;
		}
		module_row(a, i, y, w, row);
		y += row + 8;
	}
	int pages = (index + per_page - 1) / per_page;
	add_footer(a, page > 0 ? "page-prev" : NULL, ui(a, "previous"),
	           page + 1 < pages ? "page-next" : NULL, ui(a, "next"), 0);
	/* where to get help is one press away from the list, for everyone:
	 * even with no helpline, the screen says what to do in danger */
	add_help_button(a, 0);
}

static void open_module(struct app *a, const char *key, int64_t now)
{
	size_t i = material_module(a->m, key);
	(void)now;
	if (i == (size_t)-1)
		return;
	a->module = i;
	go(a, S_READER);
}

static void next_page(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	modules(a)->page++;
	changed(a);
}

static void previous_page(struct app *a, const char *arg, int64_t now)
{
	(void)arg;
	(void)now;
	modules(a)->page--;
	changed(a);
}

static const struct handler modules_handlers[] = {
	{ "module:", open_module },
	{ "page-next", next_page },
	{ "page-prev", previous_page },
};

const struct screen_ops screen_modules = {
	.name = "modules",
	.state_size = sizeof (struct modules_state),
	.enter = enter_modules,
	.build = build_modules,
	.forget = forget_modules,
	HANDLERS(modules_handlers),
};
