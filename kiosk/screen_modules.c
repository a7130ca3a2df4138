/*
 * screen_modules.c - the module list: the modules of the tracks offered in
 * this mode, under their tracks' titles, with the reading time and a mark:
 * for a person (personnel), on the modules they passed; for a community
 * session, on those the group covered (read to the end, or its quiz
 * finished), so the facilitator sees what is left.  In pages when the
 * screen is small.  Its state is the page of the list and the marks, read
 * from the store on entering.
 */
#include "widgets.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct modules_state {
	int page;                   /* of the list, kept while a module is read */
	unsigned char *marked;      /* [module]: this person passed it, or this
	                               session covered it */
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

/* Whether module i gets a mark: passed by this person (whose ID was
 * confirmed: nobody else's marks are shown), or covered by this session. */
static int marked(struct app *a, size_t i)
{
	const char *key = a->m->modules[i].key;
	int yes = 0;
	if (!offered(a, &a->m->modules[i]))
		return 0;
	int rc = 0;
	if (!strcmp(a->mode, "personnel") && a->person[0])
		rc = store_person_passed(a->st, a->person, key, &yes, &a->last_error);
	else if (!strcmp(a->mode, "community") && a->session[0])
		rc = store_session_covered(a->st, a->session, key, &yes, &a->last_error);
	if (rc < 0)
		report_store_error(a, &a->last_error);   /* a mark may be missing: said so */
	return yes != 0;
}

/* The marks, read now (never while drawing): a quiz passed or a module
 * read since the last visit shows. */
static void enter_modules(struct app *a)
{
	struct modules_state *s = modules(a);
	const struct material *m = a->m;
	if (!s->marked)
		s->marked = xcalloc(m->nmodules ? m->nmodules : 1, 1);
	for (size_t i = 0; i < m->nmodules; i++)
		s->marked[i] = (unsigned char)marked(a, i);
}

static void forget_modules(struct app *a)
{
	free(modules(a)->marked);
}

/* A module's row: its title (marked when passed or covered, in the
 * label as "Done" or "Covered in this session"), its reading time at the
 * end. */
static void module_row(struct app *a, size_t i, int y, int w, int row)
{
	const struct m_module *mo = &a->m->modules[i];
	const struct m_text *title = &mo->title[a->lang];
	char id[160], minutes[64];
	int done = modules(a)->marked[i], mw = 150;
	const char *mark = ui(a, strcmp(a->mode, "community") ? "kiosk_done" : "kiosk_covered");
	snprintf(id, sizeof id, "module:%s", mo->key);
	struct widget *b = add_widget(a, id, WK_BUTTON, MARGIN, y, w, row);
	b->label = done ? xasprintf("%s (%s)", title->text, mark) : xstrdup(title->text);
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

/* The height a track's title takes over its modules. */
static int track_title_h(struct app *a, size_t track)
{
	return text_height(a, a->m->tracks[track].title[a->lang].text, ROLE_HEADING,
	                   content_width(a)) + 8;
}

static void build_modules(struct app *a)
{
	const struct material *m = a->m;
	int page = modules(a)->page, on = 0, top = content_top(a), y = top;
	int w = content_width(a), row = 88;
	size_t last_track = (size_t)-1;
	add_header(a, ui(a, "kiosk_choose_module"));
	/* the draft notice (already on the mode screen) only where it leaves
	 * room for two modules: a 7-inch panel keeps its list */
	int room = content_bottom(a) - top;
	int notice = room / (row + 8) - 1 > 2
	             ? add_draft_notice(a, content_bottom(a) - 8, top) : 0;
	int bottom = content_bottom(a) - notice;
	/* the modules in order, page after page, each under its track's title
	 * (again at the top of a page), as tall as their titles are in this
	 * language; only this page's are added */
	for (size_t i = 0; i < m->nmodules; i++) {
		const struct m_module *mo = &m->modules[i];
		if (!offered(a, mo))
			continue;
		int title = mo->track != last_track ? track_title_h(a, mo->track) : 0;
		if (y + title + row > bottom && y > top) {
			on++;
			y = top;
			title = track_title_h(a, mo->track);
		}
		last_track = mo->track;
		if (on == page && title)
			text_at(a, MARGIN, y, w, &m->tracks[mo->track].title[a->lang], NULL, ROLE_HEADING);
		if (on == page)
			module_row(a, i, y + title, w, row);
		y += title + row + 8;
	}
	/* (and "Get help" in the middle: even with no helpline, the help
	 * screen says what to do in danger) */
	add_footer(a, page > 0 ? "page-prev" : NULL, ui(a, "previous"),
	           page < on ? "page-next" : NULL, ui(a, "next"), 0);
}

static void open_module(struct app *a, const char *key, int64_t now)
{
	size_t i = material_module(a->m, key);
	if (i != (size_t)-1)
		reader_open(a, i, now);
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
