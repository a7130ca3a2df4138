/*
 * screen_help.c - "Get help": what to do if you are in danger now, the
 * intro, the helplines of site.yaml (marked as examples until the mission
 * confirms them, and said so while no helpline with a number is
 * confirmed), then how to report abuse by UN personnel.  Reached from the
 * footer of every screen after the first; a flow cut into pages, Back going
 * one page back, and from the first page back to the screen as it was left
 * (the same reader page, the same question with its answers chosen).  Its
 * state is the page shown, of how many.  A text shown in the source
 * language for want of a translation has a dotted line beside it, and the
 * screen says once, after the intro (where the site says it), what that
 * line means.
 */
#include "widgets.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct help_state {
	int page, pages;    /* pages: known once laid out, noted by the build */
};

static struct help_state *help(struct app *a)
{
	return screen_state(a, S_HELP);
}

/* ---- help: a flow of sections cut into pages --------------------------
 *
 * The screen is a list of texts in groups: what to do in danger first, then
 * the intro, the helplines, and how to report abuse by UN personnel.  A
 * card (a boxed group: a helpline) is kept on one page when it fits on one,
 * else it goes on the next page; text, and a card taller than a page, fill
 * the page and continue on the next one line by line, as the reader does.
 * Nothing is ever dropped or drawn outside the content area, on any panel
 * size.  A card cut by a page gets a panel background on each page.  The
 * flow is rebuilt with the screen; it is a few texts. */

struct help_item {
	char *text;
	enum role role;
	size_t lang;
	int ltr;                  /* a phone number: left to right in every language */
	int fallback;             /* in the source language, not translated yet */
	int keep;                 /* a heading or label: kept with the next line */
	size_t group;
	struct text_layout lay;
	int lh;                   /* line height */
	char key[17];             /* its narration key ("": none, a phone number) */
	int page;                 /* the page its first line is on (flow_place) */
};

struct help_group {
	char id[40];
	int boxed;                /* on a panel */
	int flags;                /* the panel's WF_BAD etc. */
	int keep;                 /* a heading: kept with the next group's first line */
};

struct help_flow {
	struct help_item *items;
	size_t n;
	struct help_group *groups;
	size_t ng;
};

static void flow_group(struct help_flow *f, const char *id, int boxed, int flags, int keep)
{
	f->groups = xrealloc(f->groups, (f->ng + 1) * sizeof *f->groups);
	struct help_group *g = &f->groups[f->ng++];
	memset(g, 0, sizeof *g);
	snprintf(g->id, sizeof g->id, "%s", id);
	g->boxed = boxed;
	g->flags = flags;
	g->keep = keep;
}

/* A text in the current group, in language `lang`, `fallback` when it
 * stands in for a missing translation (empty texts are left out). */
static void flow_text(struct help_flow *f, const char *text, enum role role, size_t lang,
                      int ltr, int fallback)
{
	if (!text[0])
		return;
	f->items = xrealloc(f->items, (f->n + 1) * sizeof *f->items);
	/* a heading stays with what follows it */
	f->items[f->n++] = (struct help_item){ xstrdup(text), role, lang, ltr, fallback,
	                                       role == ROLE_HEADING && !ltr, f->ng - 1, { 0 }, 0,
	                                       "", 0 };
}

/* The voice of the item just added: the unit of narration key `key`. */
static void flow_voice(struct help_flow *f, const char *key)
{
	if (f->n)
		snprintf(f->items[f->n - 1].key, sizeof f->items[0].key, "%s", key);
}

static void flow_ui(struct app *a, struct help_flow *f, const char *key, enum role role)
{
	size_t n = f->n;
	flow_text(f, ui(a, key), role, ui_lang(a, key), 0,
	          material_ui_fallback(a->m, a->lang, key));
	if (f->n > n)
		flow_voice(f, material_ui_key(a->m, key));
}

static void flow_m_text(struct app *a, struct help_flow *f, const struct m_text *t,
                        enum role role)
{
	size_t n = f->n;
	flow_text(f, t->text, role, text_lang(a, t->fallback), 0, t->fallback);
	if (f->n > n)
		flow_voice(f, t->key);
}

static void flow_free(struct help_flow *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->items[i].text);
		layout_free(&f->items[i].lay);
	}
	free(f->items);
	free(f->groups);
}

/* Whether some helpline is a service the mission confirmed, with a number
 * to call. */
static int confirmed_helpline(const struct material *m)
{
	for (size_t i = 0; i < m->nhelplines; i++)
		if (m->helplines[i].kind == H_HELPLINE && !m->helplines[i].example &&
		    m->helplines[i].phone[0])
			return 1;
	return 0;
}

/* A helpline's group: name, what it offers, number, hours, and the mark
 * that it is an example until the mission confirms it. */
static void flow_helpline(struct app *a, struct help_flow *f, const struct m_helpline *h,
                          const char *id)
{
	char line[400];
	flow_group(f, id, 1, 0, 0);
	flow_m_text(a, f, &h->name[a->lang], ROLE_HEADING);
	flow_m_text(a, f, &h->description[a->lang], ROLE_SMALL);
	if (h->phone[0]) {
		/* the number on its own line, laid out left to right even in
		 * Arabic: a reversed number is a wrong number */
		snprintf(line, sizeof line, "%s:", ui(a, "phone"));
		flow_text(f, line, ROLE_BODY, ui_lang(a, "phone"), 0, 0);
		f->items[f->n - 1].keep = 1;   /* the label stays with its number */
		flow_text(f, h->phone, ROLE_HEADING, a->m->source, 1, 0);
	} else {
		snprintf(line, sizeof line, "%s: %s", ui(a, "phone"), ui(a, "phone_missing"));
		flow_text(f, line, ROLE_BODY, ui_lang(a, "phone_missing"), 0,
		          material_ui_fallback(a->m, a->lang, "phone_missing"));
	}
	if (h->hours[a->lang].text[0]) {
		const struct m_text *t = &h->hours[a->lang];
		snprintf(line, sizeof line, "%s: %s", ui(a, "hours"), t->text);
		flow_text(f, line, ROLE_SMALL, text_lang(a, t->fallback), 0, t->fallback);
		flow_voice(f, t->key);   /* the hours themselves */
	}
	if (h->example)
		flow_ui(a, f, "helpline_example", ROLE_SMALL);
}

/* What the dotted line beside a text means, as item `at` (in `group`: the
 * intro's end), when some text of the flow is not translated. */
static void flow_note(struct app *a, struct help_flow *f, size_t at, size_t group)
{
	size_t n = f->n;
	for (size_t i = 0; i < n && f->n == n; i++)
		if (f->items[i].fallback)
			flow_ui(a, f, "kiosk_not_translated", ROLE_SMALL);
	if (f->n == n)
		return;
	struct help_item note = f->items[n];
	memmove(&f->items[at + 1], &f->items[at], (n - at) * sizeof *f->items);
	note.group = group;
	note.fallback = 1;   /* drawn with the line it speaks of */
	f->items[at] = note;
}

/* Every section of the help screen, in the order a person in distress
 * needs them. */
static void flow_help(struct app *a, struct help_flow *f)
{
	const struct material *m = a->m;
	char id[40];
	int k = 0, un = 0;
	flow_group(f, "help-danger", 1, WF_BAD, 0);
	flow_ui(a, f, "help_danger_title", ROLE_HEADING);
	flow_ui(a, f, "help_danger", ROLE_BODY);
	flow_group(f, "help-intro", 0, 0, 0);
	flow_ui(a, f, "help_intro", ROLE_BODY);
	size_t note_at = f->n, note_group = f->ng - 1;
	if (!confirmed_helpline(m)) {
		flow_group(f, "help-no-number", 1, WF_BAD, 0);
		flow_ui(a, f, "help_no_number", ROLE_BODY);
	}
	for (size_t i = 0; i < m->nhelplines; i++)
		if (m->helplines[i].kind == H_HELPLINE) {
			snprintf(id, sizeof id, "helpline:%d", ++k);
			flow_helpline(a, f, &m->helplines[i], id);
		}
	for (size_t i = 0; i < m->nhelplines; i++)
		if (m->helplines[i].kind == H_UN_REPORTING) {
			if (!un++) {
				flow_group(f, "help-un", 0, 0, 1);
				flow_ui(a, f, "help_un_title", ROLE_HEADING);
				flow_ui(a, f, "help_un_intro", ROLE_BODY);
			}
			snprintf(id, sizeof id, "un-reporting:%d", un);
			flow_helpline(a, f, &m->helplines[i], id);
		}
	flow_note(a, f, note_at, note_group);
}

/* On a short panel (800x480, 1024x600) the help texts step down a size
 * (the number stays large): a person in distress should not have to turn
 * a dozen pages. */
static enum role help_role(const struct app *a, const struct help_item *it)
{
	return it->ltr ? it->role : reading_role(a, it->role);
}

static void flow_measure(struct app *a, struct help_flow *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct help_item *it = &f->items[i];
		it->role = help_role(a, it);
		const struct measure *ms = metrics(a, it->role, it->lang);
		int w = content_width(a) - (f->groups[it->group].boxed ? 2 * PAD : 0);
		layout_text(&it->lay, it->text, strlen(it->text), NULL, 0,
		            !it->ltr && a->m->langs[it->lang].rtl, w, ms);
		it->lh = ms->line_height;
	}
}

#define ITEM_GAP 4

/* The height of group g from its item `from` on (with its panel's padding;
 * for a heading, with the next group's first line). */
static int group_height(const struct help_flow *f, size_t from)
{
	size_t g = f->items[from].group, i;
	int h = 0;
	for (i = from; i < f->n && f->items[i].group == g; i++)
		h += (i > from ? ITEM_GAP : 0) + f->items[i].lay.height;
	if (f->groups[g].boxed)
		h += 2 * PAD;
	if (f->groups[g].keep && i < f->n)
		h += GAP + (f->groups[f->items[i].group].boxed ? PAD : 0) + f->items[i].lh;
	return h;
}

/* Whether item i is kept with the next line of its group. */
static int kept(const struct help_flow *f, size_t i)
{
	return f->items[i].keep && i + 1 < f->n && f->items[i + 1].group == f->items[i].group;
}

/* The least of group g that may start at a page's foot: a line, or a
 * heading and the line after it (with the panel's padding). */
static int group_lead(const struct help_flow *f, size_t from)
{
	const struct help_item *it = &f->items[from];
	int pad = f->groups[it->group].boxed ? PAD : 0;
	if (!kept(f, from))
		return 2 * pad + it->lh;
	return 2 * pad + it->lay.height + ITEM_GAP + f->items[from + 1].lh;
}

/* Where the flow is being placed. */
struct flow_pos {
	int page, y, top, bottom;
	int show;                 /* the page whose widgets are added */
	size_t panel;             /* the open panel widget, or (size_t)-1 */
	const char *group_id;     /* the group being placed */
};

/* The panel behind group g's part on this page, from y down (grown as
 * lines are added). */
static void open_panel(struct app *a, const struct help_flow *f, size_t g,
                       struct flow_pos *p)
{
	const struct help_group *gr = &f->groups[g];
	p->panel = (size_t)-1;
	if (!gr->boxed || p->page != p->show)
		return;
	struct widget *w = add_widget(a, gr->id, WK_PANEL, MARGIN, p->y, content_width(a), 2 * PAD);
	w->flags |= gr->flags;
	/* listed by its first text (a helpline's name) */
	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].group == g) {
			w->label = xstrdup(f->items[i].text);
			break;
		}
	p->panel = a->view.n - 1;
}

/* Lines [first, first + n) of item `it` at y, on the page shown; the item's
 * layout moves to the widget (an item is on a page once at most). */
static void flow_emit(struct app *a, struct help_item *it, size_t first, size_t n, int boxed,
                      const struct flow_pos *p)
{
	int inset = boxed ? PAD : 0;
	/* outside a card, a text is listed by its group, which Listen highlights */
	struct widget *w = add_widget(a, boxed ? NULL : p->group_id, WK_TEXT, MARGIN + inset, p->y,
	                              content_width(a) - 2 * inset, (int)n * it->lh);
	w->lang = it->lang;
	/* a phone number keeps its direction but sits on the start side */
	w->rtl = it->ltr ? is_rtl(a) : a->m->langs[it->lang].rtl;
	w->role = it->role;
	w->text = xstrdup(it->text);
	w->label = xstrdup(it->text);
	w->layout = it->lay;
	memset(&it->lay, 0, sizeof it->lay);
	w->first_line = first;
	w->nlines = n;
	w->text_x = w->x;
	w->text_y = p->y;
	w->text_w = w->w;
	if (it->fallback)
		w->flags |= WF_FALLBACK;
	if (p->panel != (size_t)-1) {
		struct widget *pw = &a->view.v[p->panel];
		pw->h = p->y + (int)n * it->lh + PAD - pw->y;
	}
}

static void flow_new_page(struct app *a, const struct help_flow *f, size_t g,
                          struct flow_pos *p, int continuing)
{
	p->page++;
	p->y = p->top;
	if (continuing)
		open_panel(a, f, g, p);
}

/* Place item i (its lines page by page). */
static void flow_item(struct app *a, struct help_flow *f, size_t i, struct flow_pos *p)
{
	struct help_item *it = &f->items[i];
	int boxed = f->groups[it->group].boxed, pad = boxed ? PAD : 0;
	size_t first = 0, total = it->lay.nlines;
	it->page = -1;
	/* a heading or label is not left alone at the foot of a page */
	if (kept(f, i) && i > 0 && f->items[i - 1].group == it->group &&
	    p->y + it->lay.height + ITEM_GAP + f->items[i + 1].lh > p->bottom - pad) {
		flow_new_page(a, f, it->group, p, 1);
		p->y += pad;
	}
	while (first < total) {
		int fit = (p->bottom - pad - p->y) / it->lh;
		if (fit <= 0 && p->y <= p->top + pad)
			fit = 1;   /* a line taller than a page: shown, not lost */
		if (fit <= 0) {
			flow_new_page(a, f, it->group, p, 1);
			p->y += pad;
			continue;
		}
		size_t take = total - first < (size_t)fit ? total - first : (size_t)fit;
		if (it->page < 0)
			it->page = p->page;
		if (total - first - take == 1 && take > 1)
			take--;   /* no last line alone at the top of the next page */
		if (p->page == p->show)
			flow_emit(a, it, first, take, boxed, p);
		p->y += (int)take * it->lh;
		first += take;
		/* the rest goes on the next page (an item is on a page once) */
		if (first < total) {
			flow_new_page(a, f, it->group, p, 1);
			p->y += pad;
		}
	}
}

/* Place the whole flow, adding the widgets of page `show`; returns the
 * number of pages. */
static int flow_place(struct app *a, struct help_flow *f, int show)
{
	struct flow_pos p = { 0, content_top(a), content_top(a), content_bottom(a) - GAP, show,
	                      (size_t)-1, NULL };
	for (size_t i = 0; i < f->n; i++) {
		size_t g = f->items[i].group;
		p.group_id = f->groups[g].id;
		if (i == 0 || f->items[i - 1].group != g) {
			int h = group_height(f, i), room = p.bottom - p.y - GAP;
			/* a card that fits on a page is not cut; text, and a card
			 * longer than a page, fill the page from here on, if
			 * a heading and a line fit */
			int whole = f->groups[g].boxed && h <= p.bottom - p.top;
			if (p.y > p.top && ((whole && h > room) || group_lead(f, i) > room))
				flow_new_page(a, f, g, &p, 0);
			else if (p.y > p.top)
				p.y += GAP;
			open_panel(a, f, g, &p);
			p.y += f->groups[g].boxed ? PAD : 0;
		} else {
			p.y += ITEM_GAP;
		}
		flow_item(a, f, i, &p);
		if ((i + 1 == f->n || f->items[i + 1].group != g) && f->groups[g].boxed)
			p.y += PAD;
	}
	return p.page + 1;
}


/* ---- read aloud ------------------------------------------------------------ */

/* The texts whose first line is on the page shown, in the flow's order,
 * highlighted by their card (a helpline's panel) or, outside cards, by
 * their own lines (listed as the group: "help-intro"). */
static size_t help_narration(struct app *a, struct narr_item *out, size_t max)
{
	struct help_flow f = { 0 };
	size_t n = 0;
	flow_help(a, &f);
	flow_measure(a, &f);
	flow_place(a, &f, -1);
	for (size_t i = 0; i < f.n; i++)
		if (f.items[i].page == help(a)->page)
			n = narr_put(out, n, max, f.groups[f.items[i].group].id, f.items[i].key,
			             f.items[i].fallback, a->lang);
	flow_free(&f);
	return n;
}

static void enter_help(struct app *a)
{
	struct help_state *h = help(a);
	h->page = 0;
	h->pages = 0;
}

static void build_help(struct app *a)
{
	struct help_state *h = help(a);
	struct help_flow f = { 0 };
	flow_help(a, &f);
	flow_measure(a, &f);
	/* the pages counted first (no page shown: nothing added), for the bar */
	h->pages = flow_place(a, &f, -1);
	if (h->page >= h->pages)
		h->page = h->pages - 1;   /* the panel became larger (a resize): the last page */
	if (h->pages > 1)
		add_paged_header(a, ui(a, "get_help"), (size_t)h->page + 1, (size_t)h->pages);
	else
		add_header(a, ui(a, "get_help"));
	flow_place(a, &f, h->page);
	flow_free(&f);
	add_footer(a, "back", ui(a, "kiosk_back"), h->page + 1 < h->pages ? "help-next" : NULL,
	           ui(a, "next"), 0);
}

static void back(struct app *a, const char *arg, int64_t now)
{
	struct help_state *h = help(a);
	(void)arg;
	(void)now;
	if (h->page > 0) {
		h->page--;
		changed(a);
	} else {
		help_return(a);
	}
}

static void next_page(struct app *a, const char *arg, int64_t now)
{
	struct help_state *h = help(a);
	(void)arg;
	(void)now;
	if (h->page + 1 < h->pages)
		h->page++;
	changed(a);
}

static const struct handler help_handlers[] = {
	{ "back", back },
	{ "help-next", next_page },
};

const struct screen_ops screen_help = {
	.name = "help",
	.state_size = sizeof (struct help_state),
	.enter = enter_help,
	.build = build_help,
	HANDLERS(help_handlers),
	.page_down = "help-next",
	.flags = SCREEN_NO_HELP,
	.narration = help_narration,
};
