/* units.c - enumerating translation units; see units.h. */
#include "units.h"
#include "quiz.h"
#include "segment.h"

#include <stdlib.h>

struct body_walk {
	const struct module *m;
	int (*fn)(void *ctx, const struct unit *u);
	void *ctx;
};

static int emit(int (*fn)(void *, const struct unit *), void *ctx,
                const char *ctxt, const struct text *t, const char *file,
                const struct module *m)
{
	if (!t->src || !*t->src)
		return 0;
	struct unit u = { ctxt, t->src, file, t->line, m };
	return fn(ctx, &u);
}

static int on_body_unit(void *ctx, cmark_node *node, const char *msgid,
                        int line)
{
	struct body_walk *w = ctx;
	struct unit u = { NULL, msgid, w->m->path, line, w->m };
	(void)node;
	return w->fn(w->ctx, &u);
}

static int on_quiz_text(void *ctx, const char *ctxt, const char *msgid,
                        int line)
{
	struct body_walk *w = ctx;
	struct unit u = { ctxt, msgid, w->m->quiz->path, line, w->m };
	return w->fn(w->ctx, &u);
}

int units_walk_module(const struct module *m,
                      int (*fn)(void *ctx, const struct unit *u), void *ctx)
{
	struct body_walk w = { m, fn, ctx };
	int rc;
	if ((rc = emit(fn, ctx, NULL, &m->title, m->path, m)) ||
	    (rc = emit(fn, ctx, NULL, &m->summary, m->path, m)))
		return rc;
	cmark_node *doc = segment_parse(m->body, m->body_len);
	rc = segment_walk(doc, m->body_line, on_body_unit, &w);
	cmark_node_free(doc);
	if (rc == 0 && m->quiz)
		rc = quiz_walk_texts(m->quiz, on_quiz_text, &w);
	return rc;
}

int units_walk(const struct project *p,
               int (*fn)(void *ctx, const struct unit *u), void *ctx)
{
	const struct site *s = &p->site;
	int rc;
	if ((rc = emit(fn, ctx, NULL, &s->title, s->path, NULL)))
		return rc;
	for (size_t i = 0; i < s->ntracks; i++)
		if ((rc = emit(fn, ctx, NULL, &s->tracks[i].title, s->path, NULL)) ||
		    (rc = emit(fn, ctx, NULL, &s->tracks[i].summary, s->path, NULL)))
			return rc;
	/* the Kiwix packages' own title and description, when site.yaml gives
	 * them (otherwise they are the title, already a unit) */
	if ((s->zim.title_set && (rc = emit(fn, ctx, NULL, &s->zim.title, s->path, NULL))) ||
	    (s->zim.description_set &&
	     (rc = emit(fn, ctx, NULL, &s->zim.description, s->path, NULL))))
		return rc;
	for (size_t i = 0; i < s->nhelplines + s->nun_reporting; i++) {
		const struct helpline *h = i < s->nhelplines ? &s->helplines[i]
		                         : &s->un_reporting[i - s->nhelplines];
		if ((rc = emit(fn, ctx, NULL, &h->name, s->path, NULL)) ||
		    (rc = emit(fn, ctx, NULL, &h->description, s->path, NULL)) ||
		    (rc = emit(fn, ctx, NULL, &h->hours, s->path, NULL)))
			return rc;
	}
	for (size_t i = 0; i < p->ui.n; i++) {
		struct text t = { p->ui.items[i].text, p->ui.items[i].line };
		if ((rc = emit(fn, ctx, UI_CTXT, &t, p->ui.path, NULL)))
			return rc;
	}
	for (size_t i = 0; i < p->content.nmodules; i++)
		if ((rc = units_walk_module(&p->content.modules[i], fn, ctx)))
			return rc;
	return 0;
}
