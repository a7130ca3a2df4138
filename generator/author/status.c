/* status.c - translation counts; see status.h. */
#include "status.h"
#include "buf.h"
#include "mdhtml.h"
#include "quiz.h"
#include "segment.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

static void tcount_add(struct tcount *c, enum tstate s)
{
	if (s == T_TRANSLATED)
		c->translated++;
	else if (s == T_FUZZY)
		c->fuzzy++;
	else
		c->missing++;
}

static void count(const struct catalog *cat, const char *ctxt,
                  const char *msgid, struct tcount *c)
{
	enum tstate s = T_TRANSLATED;
	if (!msgid || !*msgid)
		return;
	if (cat)
		catalog_get(cat, ctxt, msgid, &s);
	tcount_add(c, s);
}

struct site_counter {
	const struct catalog *cat;
	struct tcount *c;
};

static int count_site_unit(void *ctx, const struct unit *u)
{
	struct site_counter *k = ctx;
	if (u->module)
		return 1;   /* the site's own texts come first: stop at modules */
	count(k->cat, u->ctxt, u->msgid, k->c);
	return 0;
}

void status_count_site(const struct project *p, const struct catalog *cat,
                       struct tcount *c)
{
	struct site_counter k = { cat, c };
	units_walk(p, count_site_unit, &k);
}

struct quiz_counter {
	const struct catalog *cat;
	struct tcount *c;
};

static int count_quiz_text(void *ctx, const char *ctxt, const char *msgid,
                           int line)
{
	struct quiz_counter *k = ctx;
	(void)line;
	count(k->cat, ctxt, msgid, k->c);
	return 0;
}

void status_count_module(const struct module *m, char *const *msgids,
                         size_t n, const struct catalog *cat,
                         struct tcount *c)
{
	struct quiz_counter k = { cat, c };
	count(cat, NULL, m->title.src, c);
	count(cat, NULL, m->summary.src, c);
	for (size_t i = 0; i < n; i++)
		count(cat, NULL, msgids[i], c);
	if (m->quiz)
		quiz_walk_texts(m->quiz, count_quiz_text, &k);
}

static void tcount_sum(struct tcount *into, const struct tcount *c)
{
	into->translated += c->translated;
	into->fuzzy += c->fuzzy;
	into->missing += c->missing;
}

void status_total(struct lang_status *st, size_t nmodules)
{
	st->total = st->site;
	for (size_t i = 0; i < nmodules; i++)
		tcount_sum(&st->total, &st->modules[i]);
}

void status_compute(const struct project *p, size_t lang,
                    struct lang_status *st)
{
	const struct catalog *cat = project_catalog(p, lang);
	memset(st, 0, sizeof *st);
	st->modules = xcalloc(p->content.nmodules, sizeof *st->modules);
	status_count_site(p, cat, &st->site);
	for (size_t i = 0; i < p->content.nmodules; i++) {
		const struct module *m = &p->content.modules[i];
		cmark_node *doc = segment_parse(m->body, m->body_len);
		char **msgids;
		size_t n;
		mdhtml_unit_msgids(doc, &msgids, &n);
		status_count_module(m, msgids, n, cat, &st->modules[i]);
		mdhtml_free_msgids(msgids, n);
		cmark_node_free(doc);
	}
	status_total(st, p->content.nmodules);
}

void status_free(struct lang_status *st)
{
	if (st) {
		free(st->modules);
		st->modules = NULL;
	}
}

int tcount_total(const struct tcount *c)
{
	return c->translated + c->fuzzy + c->missing;
}

double tcount_percent(const struct tcount *c)
{
	int t = tcount_total(c);
	return t ? 100.0 * c->translated / t : 100.0;
}

static void print_row(FILE *out, const char *name, const struct tcount *c)
{
	fprintf(out, "  %-56s %6d %6d %6d %6.1f%%\n", name, c->translated, c->fuzzy,
	        c->missing, tcount_percent(c));
}

void status_print(const struct project *p, FILE *out)
{
	for (size_t l = 0; l < p->site.nlangs; l++) {
		const struct lang *lang = &p->site.langs[l];
		struct lang_status st;
		if (project_is_source(p, lang->code))
			continue;
		status_compute(p, l, &st);
		fprintf(out, "%s (%s)\n", lang->code, lang->name);
		fprintf(out, "  %-56s %6s %6s %6s %7s\n", "", "done", "fuzzy", "todo", "");
		print_row(out, "(site and interface)", &st.site);
		for (size_t i = 0; i < p->content.nmodules; i++)
			print_row(out, p->content.modules[i].key, &st.modules[i]);
		print_row(out, "total", &st.total);
		status_free(&st);
	}
}
