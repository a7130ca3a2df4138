/* status.c - translation counts; see status.h. */
#include "status.h"
#include "buf.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>

struct counter {
	const struct project *p;
	const struct catalog *cat;   /* NULL: source language */
	struct lang_status *st;
};

static void tcount_add(struct tcount *c, enum tstate s)
{
	if (s == T_TRANSLATED)
		c->translated++;
	else if (s == T_FUZZY)
		c->fuzzy++;
	else
		c->missing++;
}

static int count_unit(void *ctx, const struct unit *u)
{
	struct counter *c = ctx;
	enum tstate s = T_TRANSLATED;
	if (c->cat)
		catalog_get(c->cat, u->ctxt, u->msgid, &s);
	tcount_add(&c->st->total, s);
	tcount_add(u->module ? &c->st->modules[u->module->index] : &c->st->site, s);
	return 0;
}

void status_compute(const struct project *p, size_t lang,
                    struct lang_status *st)
{
	memset(st, 0, sizeof *st);
	st->modules = xcalloc(p->content.nmodules, sizeof *st->modules);
	struct counter c = { p, p->cats ? p->cats[lang] : NULL, st };
	units_walk(p, count_unit, &c);
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
