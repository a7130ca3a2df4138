/* report.c - the training officer's report; see report.h. */
#include "report.h"
#include "buf.h"
#include "csv.h"
#include "fs.h"
#include "items.h"
#include "project.h"
#include "pseudonym.h"
#include "quiz.h"
#include "records.h"
#include "rtable.h"
#include "strmap.h"
#include "tally.h"
#include "tmpl.h"
#include "translate.h"
#include "tval.h"
#include "ui.h"
#include "utc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Fewer sessions than this in a community cell: the cell says "< 5". */
#define MIN_SESSIONS 5
/* A kiosk not exported for this long is marked. */
#define STALE_MS (30LL * 24 * 3600 * 1000)

/* A kiosk as the report names it. */
struct kiosk_row {
	char *id, *name;
	int64_t last_export, last_import;   /* ms; -1: not known */
	long findings, withheld;            /* what merge found wrong (merge_findings) */
};

/* One thing merge found wrong with a kiosk's file (master.sql). */
struct finding {
	char *kiosk_id, *file, *note;
	long withheld;
	int64_t found_at;
};

struct rep {
	const struct report_options *o;
	sqlite3 *db;
	struct project p;         /* loaded when --content is given */
	int have_project;
	struct ui ui;             /* the chrome strings, without --content */
	struct catalog *cat;      /* the officer's language; NULL: the source */
	const char *lang;
	int rtl;
	int64_t from, to, now;    /* ms; from/to -1 when open */
	char range[64];           /* for file names: "2026-03-01_2026-03-31" */
	struct tmpl_set *tmpls;
	struct tval *pages;       /* the navigation */
	struct strmap *words;     /* key -> the chrome string (word()) */
	struct pseudonyms pseud;  /* --no-person-ids: keyed from MASTER.db.key */
	int pseudonyms;
	struct tally t;           /* the records, counted once */
	struct kiosk_row *kiosks; /* the kiosks the report covers, by name */
	size_t nkiosks;
	struct finding *findings; /* in a master: merge's warnings, by kiosk and file */
	size_t nfindings;
	char *folder;             /* being written */
};

/* ---- words ------------------------------------------------------------ */

static const struct ui *rep_ui(const struct rep *r)
{
	return r->have_project ? &r->p.ui : &r->ui;
}

/* The chrome string `key` in the officer's language; `key` when unknown.
 * The report's own key first ("report_passed" is not the quiz's
 * "passed").  Looked up once per key: a long table asks for "Yes" on
 * every row. */
static const char *word(void *ctx, const char *key)
{
	struct rep *r = ctx;
	const char *known;
	if (!r->words)
		r->words = strmap_new();
	if ((known = strmap_get(r->words, key)))
		return known;
	const struct ui *u = rep_ui(r);
	char full[96];
	snprintf(full, sizeof full, "report_%s", key);
	const struct ui_string *s = ui_find(u, full);
	if (!s)
		s = ui_find(u, key);
	const char *text = s ? catalog_text(r->cat, UI_CTXT, s->text, NULL) : key;
	strmap_put(r->words, key, (void *)text);
	return text;
}

/* The module's title in the officer's language when the content is
 * known, else its key (a module since removed from the content still
 * counts, under its key). */
static const char *title_of(void *ctx, const char *key)
{
	struct rep *r = ctx;
	const struct module *m = r->have_project ? content_find(&r->p.content, key) : NULL;
	if (!m)
		return key;
	return catalog_text(r->cat, NULL, m->title.src, NULL);
}

/* The question's prompt in the officer's language, as plain text (the
 * emphasis marks of the Markdown go), when the content has it; else the
 * question id.  The caller frees it. */
static char *prompt_of(void *ctx, const char *key, const char *qid)
{
	struct rep *r = ctx;
	const struct module *m = r->have_project ? content_find(&r->p.content, key) : NULL;
	for (size_t i = 0; m && m->quiz && i < m->quiz->nquestions; i++) {
		const struct quiz_question *q = &m->quiz->questions[i];
		if (strcmp(q->id, qid))
			continue;
		return quiz_plain(catalog_text(r->cat, q->ctxt, q->prompt.src, NULL));
	}
	return xstrdup(qid);
}

/* The person as the report shows them: the reference as typed, or with
 * --no-person-ids a stable pseudonym (pseudonym.h). */
static char *shown_person(const struct rep *r, const char *ref)
{
	char out[16];
	if (!r->pseudonyms)
		return xstrdup(ref);
	pseudonym_of(&r->pseud, ref, out);
	return xstrdup(out);
}

/* ---- loading ---------------------------------------------------------- */

static int parse_date(const char *s, int end_of_day, int64_t *ms, struct err *e)
{
	int y, m, d, used = 0;
	*ms = -1;
	if (!s)
		return 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || s[used] || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return err_set(e, s, 0, "a date is written YYYY-MM-DD");
	*ms = utc_days_from_civil(y, m, d) * UTC_DAY_MS + (end_of_day ? UTC_DAY_MS - 1 : 0);
	return 0;
}

static int load_words(struct rep *r, struct err *e)
{
	const struct report_options *o = r->o;
	if (o->content) {
		struct paths paths = { o->content, o->locales, o->assets, o->out, "" };
		r->have_project = 1;   /* freed on every path, loaded or not */
		if (project_load(&r->p, &paths, 1, e) < 0)
			return -1;
		r->lang = o->lang ? o->lang : r->p.site.source_lang;
		const struct lang *l = site_lang(&r->p.site, r->lang);
		if (!l)
			return err_set(e, o->content, 0, "--lang %s is not a language of the site", r->lang);
		r->rtl = l->rtl;
		r->cat = r->p.cats[l - r->p.site.langs];
		return 0;
	}
	char *ui = fs_join(o->assets, "ui.yaml");
	int rc = ui_load(&r->ui, ui, e);
	free(ui);
	if (rc < 0)
		return -1;
	r->lang = o->lang ? o->lang : "en";
	r->rtl = !strcmp(r->lang, "ar") || !strcmp(r->lang, "fa") || !strcmp(r->lang, "ur") ||
	         !strcmp(r->lang, "he");
	if (strcmp(r->lang, "en")) {
		char *name = xasprintf("%s.po", r->lang), *po = fs_join(o->locales, name);
		rc = catalog_load(&r->cat, po, 1, NULL, e);
		free(name);
		free(po);
	}
	return rc;
}

/* The kiosks the report covers: in a master, every kiosk merged (by its
 * name when it has one); in a kiosk's own file, the kiosks its rows name. */
static int load_kiosks(struct rep *r, struct err *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(r->db, "SELECT kiosk_id, name, last_export_at, last_import_at "
	                       "FROM merge_kiosks ORDER BY kiosk_id", -1, &st, NULL) != SQLITE_OK) {
		/* not a master: the kiosks of the rows, without names */
		r->kiosks = xcalloc(r->t.kiosks.n + 1, sizeof *r->kiosks);
		for (size_t i = 0; i < r->t.kiosks.n; i++)
			r->kiosks[r->nkiosks++] = (struct kiosk_row){ xstrdup(r->t.kiosks.v[i]), NULL, -1, -1,
			                                              0, 0 };
	} else {
		int rc;
		size_t cap = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (r->nkiosks == cap) {
				cap = cap ? cap * 2 : 16;
				r->kiosks = xrealloc(r->kiosks, cap * sizeof *r->kiosks);
			}
			const char *name = (const char *)sqlite3_column_text(st, 1);
			struct kiosk_row *k = &r->kiosks[r->nkiosks++];
			k->id = xstrdup((const char *)sqlite3_column_text(st, 0));
			k->name = name ? xstrdup(name) : NULL;
			k->last_export = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 2);
			k->last_import = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 3);
			k->findings = k->withheld = 0;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return err_set(e, r->o->records, 0, "cannot read: %s", sqlite3_errmsg(r->db));
	}
	for (size_t i = 0; i < r->nkiosks; i++)
		if (!r->kiosks[i].name)   /* never a bare UUID: its first 8 digits */
			r->kiosks[i].name = xasprintf("Kiosk %.8s", r->kiosks[i].id);
	return 0;
}

/* merge's findings, counted per kiosk; none in a kiosk's own file or a
 * master made before they were kept. */
static int load_findings(struct rep *r, struct err *e)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;
	if (sqlite3_prepare_v2(r->db, "SELECT kiosk_id, file, note, withheld, found_at "
	                       "FROM merge_findings ORDER BY kiosk_id, file, note", -1, &st,
	                       NULL) != SQLITE_OK)
		return 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->nfindings == cap) {
			cap = cap ? cap * 2 : 16;
			r->findings = xrealloc(r->findings, cap * sizeof *r->findings);
		}
		struct finding *f = &r->findings[r->nfindings++];
		f->kiosk_id = xstrdup((const char *)sqlite3_column_text(st, 0));
		f->file = xstrdup((const char *)sqlite3_column_text(st, 1));
		f->note = xstrdup((const char *)sqlite3_column_text(st, 2));
		f->withheld = (long)sqlite3_column_int64(st, 3);
		f->found_at = sqlite3_column_int64(st, 4);
		for (size_t i = 0; i < r->nkiosks; i++)
			if (!strcmp(r->kiosks[i].id, f->kiosk_id)) {
				r->kiosks[i].findings++;
				r->kiosks[i].withheld += f->withheld;
			}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return err_set(e, r->o->records, 0, "cannot read: %s", sqlite3_errmsg(r->db));
	return 0;
}

static int cmp_kiosk(const void *a, const void *b)
{
	const struct kiosk_row *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->id, y->id);
}

/* The name of a kiosk of the tally. */
static const char *kiosk_name(const struct rep *r, uint32_t no)
{
	for (size_t i = 0; i < r->nkiosks; i++)
		if (!strcmp(r->kiosks[i].id, r->t.kiosks.v[no]))
			return r->kiosks[i].name;
	return r->t.kiosks.v[no];
}

/* A time (ms) as a day: "2026-03-01". */
static void day_of(int64_t ms, char *out, size_t n)
{
	char full[32];
	utc_format(ms, 1, full);
	snprintf(out, n, "%.10s", full);
}

/* ---- tables ------------------------------------------------------------ */

struct colspec {
	const char *key;
	enum rcol_kind kind;
};

static struct rtable *table(struct rep *r, const char *name, const char *caption_key,
                            const struct colspec *cols, size_t n)
{
	struct rtable *t = rtable_new(name, word(r, caption_key));
	for (size_t i = 0; i < n; i++)
		rtable_col(t, cols[i].key, word(r, cols[i].key), cols[i].kind, 2);
	return t;
}

#define NCOLS(a) (sizeof a / sizeof *a)

/* A row of the personnel table: the module read to its end, then its
 * quizzes (a module may be read and its quiz never taken). */
static void completions_row(struct rtable *t, const char *module, const char *lang,
                            const struct tally_ml *ml)
{
	struct rcell *row = rtable_row(t);
	rcell_text(&row[0], module);
	rcell_text(&row[1], lang);
	rcell_int(&row[2], ml->read);
	rcell_int(&row[3], ml->started);
	rcell_int(&row[4], ml->finished);
	rcell_int(&row[5], ml->passed);
	if (ml->finished > 0)
		rcell_real(&row[6], (double)ml->passed / (double)ml->finished);
}

/* Add one module and language's counts to a sum. */
static void ml_add(struct tally_ml *sum, const struct tally_ml *ml)
{
	sum->read += ml->read;
	sum->started += ml->started;
	sum->finished += ml->finished;
	sum->passed += ml->passed;
}

/* qsort has no context argument: what the comparisons below look at */
static const struct tally *sorting_tally;
static const struct rep *sorting_rep;

static int cmp_lang_no(const void *a, const void *b)
{
	return strcmp(sorting_tally->langs.v[*(const size_t *)a],
	              sorting_tally->langs.v[*(const size_t *)b]);
}

static int cmp_module_no(const void *a, const void *b)
{
	return strcmp(sorting_tally->modules.v[*(const size_t *)a],
	              sorting_tally->modules.v[*(const size_t *)b]);
}

/* Too few sessions to show without pointing at a group: in every row
 * whose sessions (column `sessions`) are fewer than MIN_SESSIONS, columns
 * `first` to `last` say "< 5", and the sessions themselves last of all. */
static void suppress_counts(struct rtable *t, size_t sessions, size_t first, size_t last)
{
	for (size_t c = first; c <= last; c++)
		rtable_suppress_below(t, sessions, MIN_SESSIONS, c);
	rtable_suppress_below(t, sessions, MIN_SESSIONS, sessions);
}

static int cmp_ml(const void *a, const void *b)
{
	const struct tally_ml *x = a, *y = b;
	int c = strcmp(sorting_tally->modules.v[x->module], sorting_tally->modules.v[y->module]);
	return c ? c : strcmp(sorting_tally->langs.v[x->lang], sorting_tally->langs.v[y->lang]);
}

/* Per module and language, then "All" languages of the module; last,
 * everything. */
static struct rtable *completions_table(struct rep *r)
{
	static const struct colspec cols[] = {
		{ "module", RCOL_TEXT }, { "lang", RCOL_TEXT }, { "read", RCOL_INT },
		{ "started", RCOL_INT }, { "finished", RCOL_INT }, { "passed", RCOL_INT },
		{ "pass_rate", RCOL_PERCENT },
	};
	struct rtable *t = table(r, "completions", "completions_caption", cols, NCOLS(cols));
	const char *all = word(r, "all");
	struct tally_ml sum = {0}, total = {0};
	sorting_tally = &r->t;
	qsort(r->t.ml, r->t.nml, sizeof *r->t.ml, cmp_ml);
	sorting_tally = NULL;
	for (size_t i = 0; i < r->t.nml; i++) {
		const struct tally_ml *ml = &r->t.ml[i];
		const char *module = title_of(r, r->t.modules.v[ml->module]);
		completions_row(t, module, r->t.langs.v[ml->lang], ml);
		ml_add(&sum, ml);
		if (i + 1 == r->t.nml || r->t.ml[i + 1].module != ml->module) {
			completions_row(t, module, all, &sum);
			ml_add(&total, &sum);
			sum = (struct tally_ml){0};
		}
	}
	if (total.started || total.read)
		completions_row(t, all, all, &total);
	return t;
}

/* Every week from the first to the last, a quiet one too (a week with
 * nothing is a gap the chart must show, not hide). */
static struct rtable *weeks_table(struct rep *r)
{
	static const struct colspec cols[] = {
		{ "week", RCOL_TEXT }, { "finished", RCOL_INT }, { "sessions", RCOL_INT },
	};
	struct rtable *t = table(r, "weeks", "weeks_caption", cols, NCOLS(cols));
	size_t k = 0;
	for (int64_t monday = r->t.nweeks ? r->t.weeks[0].monday : 0;
	     k < r->t.nweeks; monday += 7) {
		const struct tally_week *wk = r->t.weeks[k].monday == monday ? &r->t.weeks[k++] : NULL;
		char day[16];
		struct rcell *row = rtable_row(t);
		day_of(monday * UTC_DAY_MS, day, sizeof day);
		rcell_text(&row[0], day);
		rcell_int(&row[1], wk ? wk->finished : 0);
		rcell_int(&row[2], wk ? wk->sessions : 0);
	}
	return t;
}

static struct rtable *kiosks_table(struct rep *r)
{
	static const struct colspec cols[] = {
		{ "kiosk", RCOL_TEXT }, { "last_export", RCOL_TIME }, { "last_collected", RCOL_TIME },
		{ "sessions", RCOL_INT }, { "completions", RCOL_INT }, { "reads", RCOL_INT },
		{ "not_collected", RCOL_TEXT }, { "findings", RCOL_INT }, { "withheld", RCOL_INT },
	};
	struct rtable *t = table(r, "kiosks", "kiosks_caption", cols, NCOLS(cols));
	for (size_t i = 0; i < r->nkiosks; i++) {
		const struct kiosk_row *k = &r->kiosks[i];
		long no = tally_name_no(&r->t.kiosks, k->id);
		int64_t seen = k->last_export >= 0 ? k->last_export : k->last_import;
		struct rcell *row = rtable_row(t);
		rcell_text(&row[0], k->name);
		if (k->last_export >= 0)
			rcell_int(&row[1], k->last_export);
		if (k->last_import >= 0)
			rcell_int(&row[2], k->last_import);
		rcell_int(&row[3], no >= 0 ? r->t.kiosk[no].sessions : 0);
		rcell_int(&row[4], no >= 0 ? r->t.kiosk[no].completions : 0);
		rcell_int(&row[5], no >= 0 ? r->t.kiosk[no].reads : 0);
		if (seen >= 0 && seen < r->now - STALE_MS)
			rcell_text(&row[6], word(r, "stale"));
		rcell_int(&row[7], k->findings);
		rcell_int(&row[8], k->withheld);
	}
	return t;
}

/* What merge found wrong with each kiosk's files, as it said it (its
 * words are merge's, in English). */
static struct rtable *findings_table(struct rep *r)
{
	static const struct colspec cols[] = {
		{ "kiosk", RCOL_TEXT }, { "file", RCOL_TEXT }, { "finding", RCOL_TEXT },
		{ "withheld", RCOL_INT }, { "found", RCOL_TIME },
	};
	struct rtable *t = table(r, "findings", "findings_caption", cols, NCOLS(cols));
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		const char *name = f->kiosk_id;
		for (size_t k = 0; k < r->nkiosks; k++)
			if (!strcmp(r->kiosks[k].id, f->kiosk_id))
				name = r->kiosks[k].name;
		struct rcell *row = rtable_row(t);
		rcell_text(&row[0], name);
		rcell_text(&row[1], f->file);
		rcell_text(&row[2], f->note);
		rcell_int(&row[3], f->withheld);
		rcell_int(&row[4], f->found_at);
	}
	return t;
}

/* The person's record of a module in the person x module table. */
static void people_row(struct rep *r, struct rtable *t, const struct tally_pm *p)
{
	struct rcell *row = rtable_row(t);
	rcell_borrow(&row[0], p->shown);
	rcell_borrow(&row[1], title_of(r, r->t.modules.v[p->module_no]));
	rcell_int(&row[2], p->attempts);
	rcell_int(&row[3], p->finished);
	if (p->finished) {
		rcell_borrow(&row[4], word(r, p->passed ? "yes" : "no"));
		rcell_int(&row[5], p->best);
	}
	rcell_int(&row[6], p->max_score);
	rcell_int(&row[7], p->last);
}

/* A cell of the person x module grid, as Kolibri's coach report shows
 * it: "✓ 5/6" (passed, best score), "✗ 3/6" (finished, not passed), "…"
 * (started, not finished). */
static void grid_cell(struct rcell *c, const struct tally_pm *p)
{
	char cell[64];
	if (p->passed)
		snprintf(cell, sizeof cell, "\u2713 %d/%d", p->best, p->max_score);
	else if (p->finished)
		snprintf(cell, sizeof cell, "\u2717 %d/%d", p->best, p->max_score);
	else
		snprintf(cell, sizeof cell, "\u2026");
	rcell_text(c, cell);
}

/* The roster's people x the personnel tracks: who has passed every
 * module of each track, and which modules are still to do.  The roster
 * (--roster, CSV with a person_ref column and any others: unit, due date)
 * names who is expected; its other columns are carried to the table. */
static struct rtable *roster_table(struct rep *r, struct err *e)
{
	char *text = NULL, **head = NULL, **f = NULL;
	size_t len, nhead = 0, nf = 0, ref = (size_t)-1;
	const char *p;
	struct rtable *t = NULL;
	int line = 1, got;
	if (!r->have_project) {
		err_set(e, r->o->roster, 0, "--roster needs --content (to know the tracks and "
		        "their modules)");
		return NULL;
	}
	if (fs_read(r->o->roster, &text, &len, e) < 0)
		return NULL;
	p = text;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	if (csv_read(&p, &head, &nhead) != 1) {
		err_set(e, r->o->roster, 1, "an empty roster: the first line names the columns");
		goto fail;
	}
	for (size_t i = 0; i < nhead; i++)
		if (!strcmp(head[i], "person_ref"))
			ref = i;
	if (ref == (size_t)-1) {
		err_set(e, r->o->roster, 1, "the roster has no \"person_ref\" column (the index "
		        "numbers people type at the kiosk)");
		goto fail;
	}
	t = rtable_new("roster", word(r, "roster_caption"));
	rtable_col(t, "person", word(r, "person"), RCOL_TEXT, 0);
	for (size_t i = 0; i < nhead; i++)
		if (i != ref)
			rtable_col(t, head[i], head[i], RCOL_TEXT, 0);
	rtable_col(t, "track", word(r, "track"), RCOL_TEXT, 0);
	rtable_col(t, "passed", word(r, "modules_passed"), RCOL_INT, 0);
	rtable_col(t, "of", word(r, "max_score"), RCOL_INT, 0);
	rtable_col(t, "to_do", word(r, "to_do"), RCOL_TEXT, 0);
	while ((got = csv_read(&p, &f, &nf)) == 1) {
		line++;
		if (nf == 1 && !f[0][0]) {   /* a blank line */
			csv_fields_free(f, nf);
			continue;
		}
		if (nf != nhead) {
			err_set(e, r->o->roster, line, "%zu fields where the first line names %zu", nf,
			        nhead);
			goto fail;
		}
		for (size_t k = 0; k < r->p.site.ntracks; k++) {
			const struct track *tr = &r->p.site.tracks[k];
			struct buf todo = {0};
			int passed = 0, of = 0;
			if (strcmp(tr->audience, "personnel"))
				continue;
			for (size_t m = 0; m < tr->nmodules; m++) {
				const struct module *mo = tr->modules[m];
				if (!mo->quiz)
					continue;
				of++;
				const struct tally_pm *pm = tally_find_pm(&r->t, f[ref], mo->key);
				if (pm && pm->attempts && pm->passed)
					passed++;
				else
					buf_printf(&todo, "%s%s", todo.len ? "; " : "", title_of(r, mo->key));
			}
			struct rcell *row = rtable_row(t);
			size_t c = 0;
			char *shown = shown_person(r, f[ref]);   /* as in the other tables */
			rcell_text(&row[c++], shown);
			free(shown);
			for (size_t i = 0; i < nhead; i++)
				if (i != ref)
					rcell_text(&row[c++], f[i]);
			rcell_text(&row[c++], catalog_text(r->cat, NULL, tr->title.src, NULL));
			rcell_int(&row[c++], passed);
			rcell_int(&row[c++], of);
			buf_putc(&todo, '\0');
			rcell_text(&row[c], todo.len > 1 ? todo.data : NULL);
			buf_free(&todo);
		}
		csv_fields_free(f, nf);
		f = NULL;
		nf = 0;
	}
	if (got < 0) {
		err_set(e, r->o->roster, line + 1, "a quoted field is never closed");
		goto fail;
	}
	csv_fields_free(head, nhead);
	free(text);
	return t;
fail:
	csv_fields_free(f, nf);
	csv_fields_free(head, nhead);
	free(text);
	rtable_free(t);
	return NULL;
}

static int cmp_month(const void *a, const void *b)
{
	const struct tally_month *x = a, *y = b;
	int c = strcmp(kiosk_name(sorting_rep, x->kiosk), kiosk_name(sorting_rep, y->kiosk));
	return c ? c : (x->month > y->month) - (x->month < y->month);
}

/* The numbers 0..n-1 (of languages, of modules) in the order `cmp` gives
 * them (it reads the tally through sorting_tally; heap). */
static size_t *sorted_numbers(struct rep *r, size_t n, int (*cmp)(const void *, const void *))
{
	size_t *order = xcalloc(n + 1, sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sorting_tally = &r->t;
	qsort(order, n, sizeof *order, cmp);
	sorting_tally = NULL;
	return order;
}

static struct rtable *community_table(struct rep *r)
{
	static const struct colspec cols[] = {
		{ "kiosk", RCOL_TEXT }, { "month", RCOL_TEXT }, { "sessions", RCOL_INT },
		{ "participants", RCOL_INT }, { "quizzes", RCOL_INT }, { "reads", RCOL_INT },
		{ "languages", RCOL_TEXT },
	};
	struct rtable *t = table(r, "community", "community_caption", cols, NCOLS(cols));
	sorting_rep = r;
	qsort(r->t.months, r->t.nmonths, sizeof *r->t.months, cmp_month);
	sorting_rep = NULL;
	/* the languages in the order of their codes */
	size_t *order = sorted_numbers(r, r->t.langs.n, cmp_lang_no);
	for (size_t i = 0; i < r->t.nmonths; i++) {
		const struct tally_month *m = &r->t.months[i];
		char month[16];
		struct buf langs = {0};
		snprintf(month, sizeof month, "%04d-%02d", m->month / 12, m->month % 12 + 1);
		for (size_t k = 0; k < r->t.langs.n; k++)
			if (order[k] < 64 && (m->langs >> order[k] & 1))
				buf_printf(&langs, "%s%s", langs.len ? "," : "", r->t.langs.v[order[k]]);
		buf_putc(&langs, '\0');
		struct rcell *row = rtable_row(t);
		rcell_text(&row[0], kiosk_name(r, m->kiosk));
		rcell_text(&row[1], month);
		rcell_int(&row[2], m->sessions);
		rcell_int(&row[3], m->participants);
		rcell_int(&row[4], m->quizzes);
		rcell_int(&row[5], m->reads);
		rcell_text(&row[6], langs.data);
		buf_free(&langs);
	}
	free(order);
	/* too few sessions to show without pointing at a group */
	suppress_counts(t, 2, 3, 5);
	return t;
}

/* Community reach per module, in module order: the sessions that covered
 * it (read it to its end or finished its quiz), their participants, and
 * how many of them read it, finished its quiz, or read it and left the
 * quiz (reach a count of quizzes alone would miss). */
static struct rtable *reach_table(struct rep *r)
{
	static const struct colspec cols[] = {
		{ "module", RCOL_TEXT }, { "sessions", RCOL_INT }, { "participants", RCOL_INT },
		{ "read", RCOL_INT }, { "quiz_finished", RCOL_INT }, { "read_only", RCOL_INT },
	};
	struct rtable *t = table(r, "community_reach", "community_reach_caption", cols, NCOLS(cols));
	size_t *order = sorted_numbers(r, r->t.modules.n, cmp_module_no);
	for (size_t k = 0; k < r->t.modules.n; k++) {
		const struct tally_reach *c = &r->t.reach[order[k]];
		if (!c->sessions)
			continue;   /* a module of personnel only */
		struct rcell *row = rtable_row(t);
		rcell_text(&row[0], title_of(r, r->t.modules.v[order[k]]));
		rcell_int(&row[1], c->sessions);
		rcell_int(&row[2], c->participants);
		rcell_int(&row[3], c->read);
		rcell_int(&row[4], c->quizzed);
		rcell_int(&row[5], c->read_only);
	}
	free(order);
	suppress_counts(t, 1, 2, 5);
	return t;
}

static struct rtable *community_answers_table(struct rep *r)
{
	static const struct colspec cols[] = {
		{ "module", RCOL_TEXT }, { "question", RCOL_TEXT }, { "chosen", RCOL_TEXT },
		{ "share", RCOL_PERCENT }, { "sessions", RCOL_INT },
	};
	struct rtable *t = table(r, "community_answers", "community_answers_caption", cols,
	                         NCOLS(cols));
	for (size_t i = 0; i < r->t.ncans;) {
		/* one question: its answers' shares of all its answers */
		size_t end = i;
		int64_t all = 0;
		while (end < r->t.ncans && r->t.cans[end].module == r->t.cans[i].module &&
		       !strcmp(r->t.cans[end].question, r->t.cans[i].question))
			all += r->t.cans[end++].n;
		const char *module = r->t.modules.v[r->t.cans[i].module];
		char *prompt = prompt_of(r, module, r->t.cans[i].question);
		for (; i < end; i++) {
			struct rcell *row = rtable_row(t);
			rcell_text(&row[0], title_of(r, module));
			rcell_text(&row[1], prompt);
			rcell_text(&row[2], r->t.cans[i].chosen);
			rcell_real(&row[3], (double)r->t.cans[i].n / (double)all);
			rcell_int(&row[4], r->t.cans[i].sessions);
		}
		free(prompt);
	}
	rtable_suppress_below(t, 4, MIN_SESSIONS, 3);
	rtable_suppress_below(t, 4, MIN_SESSIONS, 4);
	return t;
}

/* ---- the weekly chart ------------------------------------------------- */

/* Bars of finished personnel quizzes per week, drawn as inline SVG (no
 * script, no file): the table after it says the same for screen readers. */
static void weeks_chart(struct rep *r, const struct rtable *weeks, struct buf *out)
{
	const int w = 640, h = 180, pad = 24;
	int64_t most = 1;
	for (size_t i = 0; i < weeks->nrows; i++)
		if (weeks->cells[i * weeks->ncols + 1].i > most)
			most = weeks->cells[i * weeks->ncols + 1].i;
	const char *title = word(r, "weeks_chart");
	buf_printf(out, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
	           "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"weeks-chart-title\">"
	           "<title id=\"weeks-chart-title\">", w, h);
	buf_put_html(out, title, strlen(title));
	buf_puts(out, "</title>");
	size_t n = weeks->nrows ? weeks->nrows : 1;
	double bw = (double)(w - 2 * pad) / (double)n;
	if (bw > 48)
		bw = 48;   /* a few weeks: bars, not blocks */
	for (size_t i = 0; i < weeks->nrows; i++) {
		int64_t v = weeks->cells[i * weeks->ncols + 1].i;
		double bh = (double)(h - 2 * pad) * (double)v / (double)most;
		/* bars run in reading order: from the right in right-to-left */
		double x = r->rtl ? w - pad - (double)(i + 1) * bw : pad + (double)i * bw;
		buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		           "class=\"bar\"/>", x + 1, h - pad - bh, bw > 3 ? bw - 2 : bw, bh);
	}
	buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>"
	           "<text x=\"%d\" y=\"%d\" class=\"label\">%lld</text></svg>"
	           "<figcaption>", pad, h - pad, w - pad, h - pad, r->rtl ? w - pad : pad, pad - 6,
	           (long long)most);
	buf_put_html(out, title, strlen(title));
	buf_puts(out, "</figcaption></figure>\n");
}

/* ---- pages ------------------------------------------------------------ */

static int write_file(struct rep *r, const char *name, const struct buf *b, struct err *e)
{
	char *path = fs_join(r->folder, name);
	int rc = fs_write(path, b->data, b->len, e);
	free(path);
	return rc;
}

/* The name of a table's CSV: its name and the date range. */
static char *csv_name(const struct rep *r, const char *table)
{
	return xasprintf("%s_%s.csv", table, r->range);
}

/* A section: the table and the link to its CSV. */
static void section_html(struct rep *r, struct buf *body, const struct rtable *t)
{
	char *name = csv_name(r, t->name);
	const char *dl = word(r, "download_csv");
	buf_puts(body, "<section class=\"report-section\">\n");
	rtable_html(t, body);
	buf_printf(body, "<p class=\"csv-link\"><a href=\"%s\" download>", name);
	buf_put_html(body, dl, strlen(dl));
	buf_printf(body, " (%s)</a></p>\n</section>\n", name);
	free(name);
}

/* A section with its CSV beside it: the same rows. */
static int section(struct rep *r, struct buf *body, const struct rtable *t, struct err *e)
{
	struct buf csv = {0};
	char *name = csv_name(r, t->name);
	section_html(r, body, t);
	rtable_csv(t, &csv);
	int rc = write_file(r, name, &csv, e);
	buf_free(&csv);
	free(name);
	return rc;
}

/* A page: `file` in the folder, under the navigation's `nav` entry. */
static int page(struct rep *r, const char *file, const char *nav, const char *title_key,
                const char *covers, struct buf *body, struct err *e)
{
	const struct tmpl *t = tmpl_get(r->tmpls, "report");
	struct tval *v = tv_map();
	struct buf out = {0};
	if (!t) {
		tv_free(v);
		return err_set(e, "report", 0, "no template \"report.html\"");
	}
	tv_set_str(v, "lang", r->lang);
	tv_set_str(v, "dir", r->rtl ? "rtl" : "ltr");
	tv_set_str(v, "report_title", word(r, "title"));
	tv_set_str(v, "page_title", word(r, title_key));
	tv_set_str(v, "covers", covers);
	tv_set_str(v, "nav_label", word(r, "pages"));
	tv_set(v, "body", tv_str_take(buf_take(body)));
	struct tval *pages = tv_set(v, "pages", tv_list());
	for (size_t i = 0; i < r->pages->n; i++) {
		const struct tval *pg = r->pages->items[i];
		struct tval *p = tv_push(pages, tv_map());
		tv_set_str(p, "href", tv_get(pg, "href")->s);
		tv_set_str(p, "label", tv_get(pg, "label")->s);
		tv_set_bool(p, "current", !strcmp(tv_get(pg, "href")->s, nav));
	}
	tv_index_owned(v);
	tmpl_render(t, v, &out);
	int rc = write_file(r, file, &out, e);
	buf_free(&out);
	tv_free(v);
	return rc;
}

static void add_page(struct rep *r, const char *file, const char *label_key)
{
	struct tval *p = tv_push(r->pages, tv_map());
	tv_set_str(p, "href", file);
	tv_set_str(p, "label", word(r, label_key));
}

/* "Covers 3 kiosks, 2026-03-01 to 2026-03-31, 2 content versions." */
static char *covers_line(struct rep *r, const char *first, const char *last)
{
	static const char *const names[] = { "{kiosks}", "{from}", "{to}", "{versions}" };
	/* each value isolated left to right (U+2066 ... U+2069): a date in an
	 * Arabic sentence keeps its order */
	char kiosks[32], versions[32], from[32], to[32];
	snprintf(kiosks, sizeof kiosks, "\u2066%zu\u2069", r->nkiosks);
	snprintf(versions, sizeof versions, "\u2066%zu\u2069", r->t.versions.n);
	snprintf(from, sizeof from, "\u2066%s\u2069", first);
	snprintf(to, sizeof to, "\u2066%s\u2069", last);
	const char *values[] = { kiosks, from, to, versions };
	return ui_fill(word(r, "covers"), names, values, 4);
}

static int page_of(struct rep *r, const char *file, const char *title_key, const char *covers,
                   struct rtable **tables, size_t n, struct buf *before, struct err *e)
{
	struct buf body = {0};
	int rc = 0;
	if (before)
		buf_put(&body, before->data, before->len);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = section(r, &body, tables[i], e);
	if (rc == 0)
		rc = page(r, file, file, title_key, covers, &body, e);
	buf_free(&body);
	return rc;
}

/* ---- the people's pages ------------------------------------------------- */

/* People per page of the person x module grid: a page a browser opens
 * at once even on an old laptop; the CSVs hold everyone. */
#define PAGE_PEOPLE 1000

static char *people_file(size_t page)
{
	return page == 1 ? xstrdup("people.html") : xasprintf("people-%zu.html", page);
}

/* First, previous, "Page 2 of 7", next, last: a link where there is a
 * page to go to. */
static void pager(struct rep *r, struct buf *b, size_t page, size_t pages)
{
	if (pages < 2)
		return;
	const char *label = word(r, "people_pages");
	buf_puts(b, "<nav class=\"people-pager\" aria-label=\"");
	buf_put_html(b, label, strlen(label));
	buf_puts(b, "\"><ul>");
	struct { const char *key; size_t to; int show; } links[] = {
		{ "first_page", 1, page > 1 }, { "previous_page", page - 1, page > 1 },
		{ NULL, page, 1 }, { "next_page", page + 1, page < pages },
		{ "last_page", pages, page < pages },
	};
	for (size_t i = 0; i < 5; i++) {
		if (!links[i].show)
			continue;
		if (!links[i].key) {
			static const char *const names[] = { "{page}", "{pages}" };
			char a[24], z[24];
			snprintf(a, sizeof a, "%zu", page);
			snprintf(z, sizeof z, "%zu", pages);
			const char *values[] = { a, z };
			char *text = ui_fill(word(r, "page_of"), names, values, 2);
			buf_puts(b, "<li aria-current=\"page\">");
			buf_put_html(b, text, strlen(text));
			buf_puts(b, "</li>");
			free(text);
			continue;
		}
		char *file = people_file(links[i].to);
		const char *text = word(r, links[i].key);
		buf_printf(b, "<li><a href=\"%s\">", file);
		buf_put_html(b, text, strlen(text));
		buf_puts(b, "</a></li>");
		free(file);
	}
	buf_puts(b, "</ul></nav>\n");
}

/* The people pages' two tables, for the people of one page at a time. */
struct people_out {
	struct rtable *grid, *detail;
	FILE *grid_csv, *detail_csv;
	const char **modules;     /* the grid's columns: module keys, sorted */
	size_t nmodules;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int people_tables(struct rep *r, struct people_out *po)
{
	static const struct colspec cols[] = {
		{ "person", RCOL_TEXT }, { "module", RCOL_TEXT }, { "attempts", RCOL_INT },
		{ "finished", RCOL_INT }, { "passed", RCOL_TEXT }, { "best_score", RCOL_INT },
		{ "max_score", RCOL_INT }, { "last_activity", RCOL_TIME },
	};
	po->detail = table(r, "people", "people_caption", cols, NCOLS(cols));
	po->grid = rtable_new("people_grid", word(r, "grid_caption"));
	rtable_col(po->grid, "person", word(r, "person"), RCOL_TEXT, 0);
	for (size_t m = 0; m < po->nmodules; m++)
		rtable_col(po->grid, po->modules[m], title_of(r, po->modules[m]), RCOL_TEXT, 0);
	return 0;
}

/* Append the page's rows to the CSVs, and start the next page's tables. */
static int people_flush(struct rep *r, struct people_out *po, int first)
{
	struct buf csv = {0};
	int ok = 1;
	if (first)
		rtable_csv_head(po->grid, &csv);
	rtable_csv_rows(po->grid, &csv);
	ok &= fwrite(csv.data, 1, csv.len, po->grid_csv) == csv.len;
	csv.len = 0;
	if (first)
		rtable_csv_head(po->detail, &csv);
	rtable_csv_rows(po->detail, &csv);
	ok &= fwrite(csv.data, 1, csv.len, po->detail_csv) == csv.len;
	buf_free(&csv);
	rtable_free(po->grid);
	rtable_free(po->detail);
	people_tables(r, po);
	return ok ? 0 : -1;
}

static FILE *open_csv(struct rep *r, const char *table, struct err *e)
{
	char *name = csv_name(r, table), *path = fs_join(r->folder, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		err_set(e, path, 0, "cannot write: %s", strerror(errno));
	free(name);
	free(path);
	return f;
}

static int close_csv(FILE *f, const char *table, struct rep *r, struct err *e)
{
	if (f && fclose(f) == 0)
		return 0;
	char *name = csv_name(r, table);
	err_set(e, name, 0, "cannot write: %s", strerror(errno));
	free(name);
	return -1;
}

/* The people of the window's personnel records, in pages of PAGE_PEOPLE:
 * the person x module grid and each person's record of each module; the
 * roster (when given) on the first page.  The CSVs take every page. */
static int people_pages(struct rep *r, const char *covers, struct rtable *roster,
                        struct err *e)
{
	struct people_out po = {0};
	struct buf legend = {0};
	size_t npeople = 0, pageno = 1, on_page = 0, pages;
	int rc = -1;
	const char *key = word(r, "grid_legend");
	/* the grid's columns: each module with a personnel record */
	for (size_t i = 0; i < r->t.npm; i++) {
		struct tally_pm *p = &r->t.pm[i];
		p->shown = r->pseudonyms ? shown_person(r, p->person) : p->person;
		if (!p->attempts)
			continue;
		size_t m = 0;
		const char *module = r->t.modules.v[p->module_no];
		while (m < po.nmodules && strcmp(po.modules[m], module))
			m++;
		if (m == po.nmodules) {
			po.modules = xrealloc(po.modules, (po.nmodules + 1) * sizeof *po.modules);
			po.modules[po.nmodules++] = module;
		}
	}
	qsort(po.modules, po.nmodules, sizeof *po.modules, cmp_str);
	tally_sort_people(&r->t);
	const char *prev = NULL;
	for (size_t i = 0; i < r->t.npm; i++) {
		if (!r->t.pm[i].attempts)
			continue;
		npeople += !prev || strcmp(prev, r->t.pm[i].shown);
		prev = r->t.pm[i].shown;
	}
	pages = npeople ? (npeople + PAGE_PEOPLE - 1) / PAGE_PEOPLE : 1;
	buf_puts(&legend, "<p class=\"grid-legend\" dir=\"auto\">");
	buf_put_html(&legend, key, strlen(key));
	buf_puts(&legend, "</p>\n");
	people_tables(r, &po);
	po.grid_csv = open_csv(r, "people_grid", e);
	po.detail_csv = po.grid_csv ? open_csv(r, "people", e) : NULL;
	if (!po.detail_csv)
		goto out;
	const char *person = NULL;
	struct rcell *row = NULL;
	for (size_t i = 0; i <= r->t.npm; i++) {
		const struct tally_pm *p = i < r->t.npm ? &r->t.pm[i] : NULL;
		if (p && !p->attempts)
			continue;
		int new_person = p && (!person || strcmp(person, p->shown));
		if (!p || (new_person && on_page == PAGE_PEOPLE)) {
			/* the page is full (or the people are done): write it */
			struct buf body = {0};
			char *file = people_file(pageno);
			buf_put(&body, legend.data, legend.len);
			if (pageno == 1 && roster)
				rc = section(r, &body, roster, e);
			else
				rc = 0;
			pager(r, &body, pageno, pages);
			section_html(r, &body, po.grid);
			section_html(r, &body, po.detail);
			pager(r, &body, pageno, pages);
			if (rc == 0)
				rc = page(r, file, "people.html", "people", covers, &body, e);
			if (rc == 0)
				rc = people_flush(r, &po, pageno == 1);
			buf_free(&body);
			free(file);
			if (rc < 0 || !p)
				break;
			rc = -1;
			pageno++;
			on_page = 0;
		}
		if (new_person) {
			person = p->shown;
			row = rtable_row(po.grid);
			rcell_borrow(&row[0], p->shown);
			on_page++;
		}
		people_row(r, po.detail, p);
		for (size_t m = 0; m < po.nmodules; m++)
			if (po.modules[m] == r->t.modules.v[p->module_no])
				grid_cell(&row[m + 1], p);
	}
out:
	if (close_csv(po.grid_csv, "people_grid", r, rc < 0 ? NULL : e) < 0 ||
	    close_csv(po.detail_csv, "people", r, rc < 0 ? NULL : e) < 0)
		rc = -1;
	rtable_free(po.grid);
	rtable_free(po.detail);
	free(po.modules);
	buf_free(&legend);
	return rc;
}

static int copy_css(struct rep *r, struct err *e)
{
	static const char *const files[] = { "site.css", "print.css" };
	char *dir = fs_join(r->folder, "assets");
	int rc = fs_mkdirs(dir, e);
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		char *sub = xconcat("css/", files[i], NULL);
		char *from = fs_join(r->o->assets, sub), *to = fs_join(dir, files[i]);
		rc = fs_copy_file(from, to, e);
		free(sub);
		free(from);
		free(to);
	}
	free(dir);
	return rc;
}

/* The answers counted on a thread of their own while the people's pages
 * are written (tally.h says why the two never meet). */
struct answers_job {
	struct tally *t;
	sqlite3 *db;
	struct err e;
	int rc;
};

static void *count_answers(void *p)
{
	struct answers_job *job = p;
	job->rc = tally_answers(job->t, job->db, &job->e);
	return NULL;
}

/* The pages that need only the completions and sessions: the overview and
 * the people's. */
static int first_pages(struct rep *r, const char *covers, struct rtable **t,
                       struct rtable **roster, struct err *e)
{
	struct buf chart = {0};
	int rc = -1;
	if (r->o->roster && !(*roster = roster_table(r, e)))
		return -1;
	t[0] = completions_table(r);
	t[1] = weeks_table(r);
	t[2] = kiosks_table(r);
	t[3] = community_table(r);
	t[5] = findings_table(r);
	t[6] = reach_table(r);
	weeks_chart(r, t[1], &chart);
	struct rtable *overview[] = { t[0], t[1], t[2], t[5] };
	if (copy_css(r, e) == 0 &&
	    page_of(r, "index.html", "overview", covers, overview, 4, &chart, e) == 0 &&
	    people_pages(r, covers, *roster, e) == 0)
		rc = 0;
	buf_free(&chart);
	return rc;
}

static int write_report(struct rep *r, const char *covers, struct err *e)
{
	struct rtable *t[7] = {0}, *roster = NULL;
	struct rtable *items = NULL, *choices = NULL, *langs = NULL;
	struct answers_job job = { &r->t, r->db, { "", 0, 0, "" }, 0 };
	pthread_t thread;
	int rc = -1;
	add_page(r, "index.html", "overview");
	add_page(r, "people.html", "people");
	add_page(r, "community.html", "community");
	add_page(r, "questions.html", "questions");
	int threaded = pthread_create(&thread, NULL, count_answers, &job) == 0;
	if (!threaded)
		count_answers(&job);
	int first = first_pages(r, covers, t, &roster, e);
	if (threaded)
		pthread_join(thread, NULL);
	if (first < 0)
		goto out;
	if (job.rc < 0) {
		*e = job.e;
		goto out;
	}
	t[4] = community_answers_table(r);
	items = rtable_new("items", word(r, "items_caption"));
	choices = rtable_new("choices", word(r, "choices_caption"));
	langs = rtable_new("items_langs", word(r, "items_langs_caption"));
	struct items_words w = { word, title_of, prompt_of, r };
	items_tables(&r->t, &w, items, choices, langs);
	struct rtable *community[] = { t[3], t[6], t[4] };
	struct rtable *questions[] = { items, choices, langs };
	if (page_of(r, "community.html", "community", covers, community, 3, NULL, e) < 0 ||
	    page_of(r, "questions.html", "questions", covers, questions, 3, NULL, e) < 0)
		goto out;
	rc = 0;
out:
	for (size_t i = 0; i < 7; i++)
		rtable_free(t[i]);
	rtable_free(roster);
	rtable_free(items);
	rtable_free(choices);
	rtable_free(langs);
	return rc;
}

static int64_t now_ms(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		return (int64_t)strtoll(sde, NULL, 10) * 1000;
	return (int64_t)time(NULL) * 1000;
}

int report_run(const struct report_options *o, struct err *e)
{
	struct rep r = { .o = o, .now = now_ms() };
	char *tdir = fs_join(o->assets, "templates"), *covers = NULL;
	int rc = -1;
	if (parse_date(o->from, 0, &r.from, e) < 0 || parse_date(o->to, 1, &r.to, e) < 0 ||
	    load_words(&r, e) < 0 || tmpl_set_load(&r.tmpls, tdir, e) < 0 ||
	    records_open_readonly(&r.db, o->records, e) < 0)
		goto out;
	if (o->no_person_ids && pseudonyms_open(&r.pseud, o->records, e) < 0)
		goto out;
	r.pseudonyms = o->no_person_ids;
	/* one pass over each table: the queries read the file from start to
	 * end, so a small page cache does */
	sqlite3_exec(r.db, "PRAGMA cache_size = -8192", NULL, NULL, NULL);
	if (tally_begin(&r.t, r.db, r.from, r.to, e) < 0)
		goto out;
	if (load_kiosks(&r, e) < 0 || load_findings(&r, e) < 0)
		goto out;
	qsort(r.kiosks, r.nkiosks, sizeof *r.kiosks, cmp_kiosk);
	char first[16] = "-", last[16] = "-";
	if (r.t.first >= 0) {
		day_of(r.t.first, first, sizeof first);
		day_of(r.t.last, last, sizeof last);
	}
	snprintf(r.range, sizeof r.range, "%s_%s", o->from ? o->from : first, o->to ? o->to : last);
	covers = covers_line(&r, first, last);
	r.pages = tv_list();
	/* written aside, swapped in whole: a failed report leaves the last one */
	r.folder = xasprintf("%s.tmp-%ld", o->out, (long)getpid());
	if (fs_remove_tree(r.folder, e) < 0 || fs_mkdirs(r.folder, e) < 0 ||
	    write_report(&r, covers, e) < 0 || fs_swap_dir(r.folder, o->out, e) < 0)
		goto out;
	rc = 0;
out:
	if (r.folder)
		fs_remove_tree(r.folder, NULL);
	free(r.folder);
	free(covers);
	tv_free(r.pages);
	strmap_free(r.words, NULL);
	tmpl_set_free(r.tmpls);
	tally_free(&r.t);   /* safe on a tally never run: it is zeroed */
	for (size_t i = 0; i < r.nkiosks; i++) {
		free(r.kiosks[i].id);
		free(r.kiosks[i].name);
	}
	for (size_t i = 0; i < r.nfindings; i++) {
		free(r.findings[i].kiosk_id);
		free(r.findings[i].file);
		free(r.findings[i].note);
	}
	free(r.kiosks);
	free(r.findings);
	sqlite3_close(r.db);
	catalog_free(r.have_project ? NULL : r.cat);
	if (r.have_project)
		project_free(&r.p);
	else
		ui_free(&r.ui);
	free(tdir);
	return rc;
}
