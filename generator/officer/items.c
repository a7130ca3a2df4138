/* items.c - item analysis of quiz questions; see items.h. */
#include "items.h"
#include "buf.h"
#include "strmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double items_pearson(const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
	if (n < 2)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	if (sxx <= 0 || syy <= 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

double items_two_proportion_z(double p1, long n1, double p2, long n2)
{
	double p = (p1 * (double)n1 + p2 * (double)n2) / (double)(n1 + n2);
	double se = sqrt(p * (1 - p) * (1.0 / (double)n1 + 1.0 / (double)n2));
	return se > 0 ? (p1 - p2) / se : NAN;
}

/* One answer on a first attempt. */
struct obs {
	char *lang;
	char *chosen;    /* "a" or "a,c" */
	double mark;     /* 0 or 1 */
	double rest;     /* the attempt's score without this question */
};

struct item {
	char *module, *title, *question;   /* title: shown, module: grouped by */
	char *prompt;                      /* the question as shown, or its id */
	struct obs *v;
	size_t n, cap;
};

static void item_free(struct item *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->v[i].lang);
		free(it->v[i].chosen);
	}
	free(it->v);
	free(it->module);
	free(it->title);
	free(it->question);
	free(it->prompt);
}

/* 1 when `choice` is one of the comma-separated ids in `chosen`. */
static int chose(const char *chosen, const char *choice)
{
	size_t n = strlen(choice);
	for (const char *c = chosen; c && *c;) {
		size_t len = strcspn(c, ",");
		if (len == n && !strncmp(c, choice, n))
			return 1;
		c += len + (c[len] == ',');
	}
	return 0;
}

/* The officer's-language words for a key (column headers, flags). */
struct words {
	const char *(*label)(void *ctx, const char *key);
	void *ctx;
};

static const char *word(const struct words *w, const char *key)
{
	return w->label(w->ctx, key);
}

static void set_real(struct rcell *c, double v)
{
	if (!isnan(v))
		rcell_real(c, v);
}

/* The distinct choice ids in the answers, in first-seen order. */
static size_t choices_of(const struct item *it, char ***out)
{
	char **v = NULL;
	size_t n = 0;
	for (size_t i = 0; i < it->n; i++)
		for (const char *c = it->v[i].chosen; c && *c;) {
			size_t len = strcspn(c, ",");
			int seen = 0;
			for (size_t k = 0; k < n && !seen; k++)
				seen = strlen(v[k]) == len && !strncmp(v[k], c, len);
			if (!seen && len) {
				v = xrealloc(v, (n + 1) * sizeof *v);
				v[n++] = xstrndup(c, len);
			}
			c += len + (c[len] == ',');
		}
	*out = v;
	return n;
}

/* A choice is in the key when some right answer chose it. */
static int in_key(const struct item *it, const char *choice)
{
	for (size_t i = 0; i < it->n; i++)
		if (it->v[i].mark > 0 && chose(it->v[i].chosen, choice))
			return 1;
	return 0;
}

static void analyse_choices(const struct item *it, struct rtable *t, double *xs, double *ys,
                            const struct words *w)
{
	char **ids;
	size_t nids = choices_of(it, &ids);
	for (size_t k = 0; k < nids; k++) {
		double share = 0;
		for (size_t i = 0; i < it->n; i++) {
			xs[i] = chose(it->v[i].chosen, ids[k]);
			ys[i] = it->v[i].rest;
			share += xs[i];
		}
		double r = items_pearson(xs, ys, it->n);
		int key = in_key(it, ids[k]);
		struct rcell *row = rtable_row(t);
		rcell_text(&row[0], it->title);
		rcell_text(&row[1], it->prompt);
		rcell_text(&row[2], ids[k]);
		rcell_int(&row[3], key);
		rcell_real(&row[4], share / (double)it->n);
		set_real(&row[5], r);
		if (!key && !isnan(r) && r > 0 && it->n >= ITEMS_MIN_N)
			rcell_text(&row[6], word(w, "flag_check_key"));
		free(ids[k]);
	}
	free(ids);
}

static void analyse_langs(const struct item *it, struct rtable *t, const struct words *w)
{
	char *seen[64];
	size_t nseen = 0;
	for (size_t i = 0; i < it->n && nseen < 64; i++) {
		int dup = 0;
		for (size_t k = 0; k < nseen && !dup; k++)
			dup = !strcmp(seen[k], it->v[i].lang);
		if (!dup)
			seen[nseen++] = it->v[i].lang;
	}
	for (size_t k = 0; k < nseen; k++) {
		long n1 = 0, n2 = 0;
		double r1 = 0, r2 = 0;
		for (size_t i = 0; i < it->n; i++) {
			if (!strcmp(it->v[i].lang, seen[k])) {
				n1++;
				r1 += it->v[i].mark;
			} else {
				n2++;
				r2 += it->v[i].mark;
			}
		}
		struct rcell *row = rtable_row(t);
		rcell_text(&row[0], it->title);
		rcell_text(&row[1], it->prompt);
		rcell_text(&row[2], seen[k]);
		rcell_int(&row[3], n1);
		rcell_real(&row[4], r1 / (double)n1);
		if (n1 >= ITEMS_MIN_LANG_N && n2 >= ITEMS_MIN_LANG_N) {
			double z = items_two_proportion_z(r1 / (double)n1, n1, r2 / (double)n2, n2);
			set_real(&row[5], z);
			if (!isnan(z) && fabs(z) > 1.96)
				rcell_text(&row[6], word(w, "flag_check_translation"));
		}
	}
}

static void analyse(const struct item *it, struct rtable *items, struct rtable *choices,
                    struct rtable *langs, const struct words *w)
{
	double *xs = xmalloc(it->n * sizeof *xs), *ys = xmalloc(it->n * sizeof *ys);
	double right = 0;
	for (size_t i = 0; i < it->n; i++) {
		xs[i] = it->v[i].mark;
		ys[i] = it->v[i].rest;
		right += xs[i];
	}
	double facility = right / (double)it->n, disc = items_pearson(xs, ys, it->n);
	struct rcell *row = rtable_row(items);
	rcell_text(&row[0], it->title);
	rcell_text(&row[1], it->prompt);
	rcell_int(&row[2], (int64_t)it->n);
	rcell_real(&row[3], facility);
	set_real(&row[4], disc);
	if (it->n < ITEMS_MIN_N)
		;   /* too few answers to say anything of the question */
	else if (!isnan(disc) && disc < 0)
		rcell_text(&row[5], word(w, "flag_check_key"));
	else if (facility < 0.2)
		rcell_text(&row[5], word(w, "flag_very_hard"));
	else if (facility > 0.9)
		rcell_text(&row[5], word(w, "flag_very_easy"));
	else if (!isnan(disc) && disc < 0.15)
		rcell_text(&row[5], word(w, "flag_no_discrimination"));
	analyse_choices(it, choices, xs, ys, w);
	analyse_langs(it, langs, w);
	free(xs);
	free(ys);
}

static void columns(struct rtable *t, const char *const *keys, const enum rcol_kind *kinds,
                    size_t n, const char *(*label)(void *, const char *), void *ctx)
{
	for (size_t i = 0; i < n; i++)
		rtable_col(t, keys[i], label(ctx, keys[i]), kinds[i], 2);
}

/* The item of (module, question), made on first sight. */
static struct item *item_of(struct strmap *items, const char *module, const char *question)
{
	char *key = xconcat(module, "\x1f", question, NULL);
	struct item *it = strmap_get(items, key);
	if (!it) {
		it = xcalloc(1, sizeof *it);
		it->module = xstrdup(module);
		it->question = xstrdup(question);
		strmap_put(items, key, it);
	}
	free(key);
	return it;
}

static void obs_push(struct item *it, const char *lang, const char *chosen, double mark,
                     double rest)
{
	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 32;
		it->v = xrealloc(it->v, it->cap * sizeof *it->v);
	}
	it->v[it->n++] = (struct obs){ xstrdup(lang), xstrdup(chosen), mark, rest };
}

/* One first attempt's answers, kept until its total is known. */
struct attempt {
	char *uuid, *module, *lang;
	struct { char *question, *chosen; int mark; } *a;
	size_t n, cap;
	int total;
};

static void attempt_flush(struct attempt *at, struct strmap *items)
{
	for (size_t i = 0; i < at->n; i++) {
		obs_push(item_of(items, at->module, at->a[i].question), at->lang, at->a[i].chosen,
		         at->a[i].mark, at->total - at->a[i].mark);
		free(at->a[i].question);
		free(at->a[i].chosen);
	}
	at->n = 0;
	at->total = 0;
	free(at->uuid);
	free(at->module);
	free(at->lang);
	at->uuid = at->module = at->lang = NULL;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The shown names of an item: title(module) and prompt(module, question),
 * the master connection's SQL functions. */
static void item_names(sqlite3 *db, struct item *it)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT title(?1), prompt(?1, ?2)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, it->module, -1, SQLITE_STATIC);     /* ?1: module key */
		sqlite3_bind_text(st, 2, it->question, -1, SQLITE_STATIC);   /* ?2: question id */
		if (sqlite3_step(st) == SQLITE_ROW) {
			it->title = xstrdup((const char *)sqlite3_column_text(st, 0));
			it->prompt = xstrdup((const char *)sqlite3_column_text(st, 1));
		}
	}
	sqlite3_finalize(st);
	if (!it->title)
		it->title = xstrdup(it->module);
	if (!it->prompt)
		it->prompt = xstrdup(it->question);
}

static void free_item(void *p)
{
	item_free(p);
	free(p);
}

int items_tables(sqlite3 *db, int64_t from, int64_t to,
                 const char *(*label)(void *ctx, const char *key), void *ctx,
                 struct rtable *items, struct rtable *choices, struct rtable *langs,
                 struct err *e)
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
	/* Each person's first finished attempt of each module, its answers
	 * together (the answers' index leads with the completion): no sort of
	 * the answers, the grouping by question is a hash in C. */
	static const char sql[] =
		"SELECT c.uuid, c.module_id, c.lang, a.question_id, a.chosen, a.correct "
		"FROM completions AS c JOIN answers AS a ON a.completion_uuid = c.uuid "
		"WHERE c.mode = 'personnel' AND c.finished_at IS NOT NULL "
		"AND (?1 < 0 OR c.started_at >= ?1) AND (?2 < 0 OR c.started_at <= ?2) "
		"AND NOT EXISTS (SELECT 1 FROM completions AS d WHERE d.mode = 'personnel' "
		"AND d.finished_at IS NOT NULL AND d.person_ref = c.person_ref "
		"AND d.module_id = c.module_id AND (d.started_at < c.started_at OR "
		"(d.started_at = c.started_at AND d.uuid < c.uuid)))";
	sqlite3_stmt *st = NULL;
	struct strmap *map = strmap_new();
	struct attempt at = {0};
	struct words w = { label, ctx };
	int rc;
	columns(items, ik, ikk, 6, label, ctx);
	columns(choices, ck, ckk, 7, label, ctx);
	columns(langs, lk, lkk, 7, label, ctx);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		strmap_free(map, free_item);
		return err_set(e, sqlite3_db_filename(db, "main"), 0, "cannot query: %s",
		               sqlite3_errmsg(db));
	}
	sqlite3_bind_int64(st, 1, from);   /* ?1: the first start time, or -1 */
	sqlite3_bind_int64(st, 2, to);     /* ?2: the last start time, or -1 */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *uuid = (const char *)sqlite3_column_text(st, 0);
		if (!at.uuid || strcmp(at.uuid, uuid)) {
			attempt_flush(&at, map);
			at.uuid = xstrdup(uuid);
			at.module = xstrdup((const char *)sqlite3_column_text(st, 1));
			at.lang = xstrdup((const char *)sqlite3_column_text(st, 2));
		}
		if (at.n == at.cap) {
			at.cap = at.cap ? at.cap * 2 : 8;
			at.a = xrealloc(at.a, at.cap * sizeof *at.a);
		}
		at.a[at.n].question = xstrdup((const char *)sqlite3_column_text(st, 3));
		at.a[at.n].chosen = xstrdup((const char *)sqlite3_column_text(st, 4));
		at.a[at.n].mark = sqlite3_column_int(st, 5);
		at.total += at.a[at.n++].mark;
	}
	attempt_flush(&at, map);
	free(at.a);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		/* in key order: module, then question */
		size_t n = strmap_count(map), pos = 0, k = 0;
		const char **keys = xcalloc(n ? n : 1, sizeof *keys);
		const char *key;
		void *v;
		while (strmap_next(map, &pos, &key, &v))
			keys[k++] = key;
		qsort(keys, n, sizeof *keys, cmp_key);
		for (size_t i = 0; i < n; i++) {
			struct item *it = strmap_get(map, keys[i]);
			item_names(db, it);
			analyse(it, items, choices, langs, &w);
		}
		free(keys);
	}
	strmap_free(map, free_item);
	if (rc != SQLITE_DONE)
		return err_set(e, sqlite3_db_filename(db, "main"), 0, "cannot query: %s",
		               sqlite3_errmsg(db));
	return 0;
}
