/* items.c - item analysis of quiz questions; see items.h. */
#include "items.h"
#include "buf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double items_pearson_sums(double n, double sx, double sy, double sxx, double syy, double sxy)
{
	/* n * the co-moments: exact while the sums are integers below 2^53 */
	double cxx = n * sxx - sx * sx, cyy = n * syy - sy * sy, cxy = n * sxy - sx * sy;
	if (n < 2 || cxx <= 0 || cyy <= 0)
		return NAN;
	return cxy / sqrt(cxx * cyy);
}

double items_pearson(const double *x, const double *y, size_t n)
{
	double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
	for (size_t i = 0; i < n; i++) {
		sx += x[i];
		sy += y[i];
		sxx += x[i] * x[i];
		syy += y[i] * y[i];
		sxy += x[i] * y[i];
	}
	return items_pearson_sums((double)n, sx, sy, sxx, syy, sxy);
}

double items_two_proportion_z(double p1, long n1, double p2, long n2)
{
	double p = (p1 * (double)n1 + p2 * (double)n2) / (double)(n1 + n2);
	double se = sqrt(p * (1 - p) * (1.0 / (double)n1 + 1.0 / (double)n2));
	return se > 0 ? (p1 - p2) / se : NAN;
}

static void set_real(struct rcell *c, double v)
{
	if (!isnan(v))
		rcell_real(c, v);
}

/* The names a table shows for an item: the module's title, the prompt. */
static void item_cells(const struct items_words *w, const struct tally *t,
                       const struct tally_item *it, struct rcell *row)
{
	const char *module = t->modules.v[it->module];
	char *prompt = w->prompt(w->ctx, module, it->question);
	rcell_text(&row[0], w->title(w->ctx, module));
	rcell_text(&row[1], prompt);
	free(prompt);
}

/* Each choice: its share, and its point-biserial against the rest score
 * (x: 1 when the answer chose it). */
static void analyse_choices(const struct tally *t, const struct tally_item *it,
                            struct rtable *choices, const struct items_words *w)
{
	double n = (double)it->n;
	for (size_t k = 0; k < it->nchoices; k++) {
		const struct tally_choice *c = &it->choices[k];
		double r = items_pearson_sums(n, (double)c->n, (double)it->rest, (double)c->n,
		                              (double)it->rest2, (double)c->rest);
		struct rcell *row = rtable_row(choices);
		item_cells(w, t, it, row);
		rcell_text(&row[2], c->id);
		rcell_int(&row[3], c->in_key);
		rcell_real(&row[4], (double)c->n / n);
		set_real(&row[5], r);
		if (!c->in_key && !isnan(r) && r > 0 && it->n >= ITEMS_MIN_N)
			rcell_text(&row[6], w->label(w->ctx, "flag_check_key"));
	}
}

/* Each language against all the others. */
static void analyse_langs(const struct tally *t, const struct tally_item *it,
                          struct rtable *langs, const struct items_words *w)
{
	for (size_t k = 0; k < it->nlangs; k++) {
		const struct tally_item_lang *l = &it->langs[k];
		long n1 = (long)l->n, n2 = (long)(it->n - l->n);
		double p1 = (double)l->right / (double)n1;
		struct rcell *row = rtable_row(langs);
		item_cells(w, t, it, row);
		rcell_text(&row[2], t->langs.v[l->lang]);
		rcell_int(&row[3], n1);
		rcell_real(&row[4], p1);
		if (n1 >= ITEMS_MIN_LANG_N && n2 >= ITEMS_MIN_LANG_N) {
			double p2 = (double)(it->right - l->right) / (double)n2;
			double z = items_two_proportion_z(p1, n1, p2, n2);
			set_real(&row[5], z);
			if (!isnan(z) && fabs(z) > 1.96)
				rcell_text(&row[6], w->label(w->ctx, "flag_check_translation"));
		}
	}
}

static void analyse(const struct tally *t, const struct tally_item *it, struct rtable *items,
                    struct rtable *choices, struct rtable *langs, const struct items_words *w)
{
	double n = (double)it->n, facility = (double)it->right / n;
	/* x: the 0/1 mark (its square is itself), y: the rest score */
	double disc = items_pearson_sums(n, (double)it->right, (double)it->rest, (double)it->right,
	                                 (double)it->rest2, (double)it->mark_rest);
	struct rcell *row = rtable_row(items);
	item_cells(w, t, it, row);
	rcell_int(&row[2], it->n);
	rcell_real(&row[3], facility);
	set_real(&row[4], disc);
	const char *flag = NULL;
	if (it->n < ITEMS_MIN_N)
		;   /* too few answers to say anything of the question */
	else if (!isnan(disc) && disc < 0)
		flag = "flag_check_key";
	else if (facility < 0.2)
		flag = "flag_very_hard";
	else if (facility > 0.9)
		flag = "flag_very_easy";
	else if (!isnan(disc) && disc < 0.15)
		flag = "flag_no_discrimination";
	if (flag)
		rcell_text(&row[5], w->label(w->ctx, flag));
	analyse_choices(t, it, choices, w);
	analyse_langs(t, it, langs, w);
}

static void columns(struct rtable *t, const char *const *keys, const enum rcol_kind *kinds,
                    size_t n, const struct items_words *w)
{
	for (size_t i = 0; i < n; i++)
		rtable_col(t, keys[i], w->label(w->ctx, keys[i]), kinds[i], 2);
}

void items_tables(const struct tally *t, const struct items_words *w, struct rtable *items,
                  struct rtable *choices, struct rtable *langs)
{
	static const char *const ik[] = { "module", "question", "n", "facility",
	                                  "discrimination", "flag" };
	static const enum rcol_kind ikk[] = { RCOL_TEXT, RCOL_TEXT, RCOL_INT, RCOL_PERCENT,
	                                      RCOL_REAL, RCOL_TEXT };
	static const char *const ck[] = { "module", "question", "choice", "in_key", "share",
	                                  "point_biserial", "flag" };
	static const enum rcol_kind ckk[] = { RCOL_TEXT, RCOL_TEXT, RCOL_TEXT, RCOL_INT,
	                                      RCOL_PERCENT, RCOL_REAL, RCOL_TEXT };
	static const char *const lk[] = { "module", "question", "lang", "n", "facility", "z",
	                                  "flag" };
	static const enum rcol_kind lkk[] = { RCOL_TEXT, RCOL_TEXT, RCOL_TEXT, RCOL_INT,
	                                      RCOL_PERCENT, RCOL_REAL, RCOL_TEXT };
	columns(items, ik, ikk, 6, w);
	columns(choices, ck, ckk, 7, w);
	columns(langs, lk, lkk, 7, w);
	for (size_t i = 0; i < t->nitems; i++)
		analyse(t, &t->items[i], items, choices, langs, w);
}
