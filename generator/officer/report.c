/* report.c - the training officer's report; see report.h. */
#include "report.h"
#include "buf.h"
#include "csv.h"
#include "fs.h"
#include "items.h"
#include "project.h"
#include "quiz.h"
#include "records.h"
#include "rtable.h"
#include "tmpl.h"
#include "translate.h"
#include "tval.h"
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/hmac.h>
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
	unsigned char key[32];    /* --no-person-ids: the pseudonym key */
	int pseudonyms;
	char *folder;             /* being written */
};

/* ---- words ------------------------------------------------------------ */

static const struct ui *rep_ui(const struct rep *r)
{
	return r->have_project ? &r->p.ui : &r->ui;
}

/* The chrome string `key` in the officer's language; `key` when unknown. */
static const char *word(void *ctx, const char *key)
{
	struct rep *r = ctx;
	const struct ui *u = rep_ui(r);
	char full[96];
	snprintf(full, sizeof full, "report_%s", key);
	/* the report's own key first ("report_passed" is not the quiz's "passed") */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < u->n; i++)
			if (!strcmp(u->items[i].key, pass ? key : full))
				return r->cat ? catalog_text(r->cat, UI_CTXT, u->items[i].text, NULL)
				              : u->items[i].text;
	return key;
}

/* title(module_key) in SQL: the module's title in the officer's language
 * when the content is known, else the key (a module since removed from
 * the content still counts, under its key). */
static void sql_title(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct rep *r = sqlite3_user_data(cx);
	const char *key = (const char *)sqlite3_value_text(argv[0]);
	const struct module *m = r->have_project && key ? content_find(&r->p.content, key) : NULL;
	(void)argc;
	if (!m) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	const char *t = r->cat ? catalog_text(r->cat, NULL, m->title.src, NULL) : m->title.src;
	sqlite3_result_text(cx, t, -1, SQLITE_TRANSIENT);
}

/* prompt(module_key, question_id) in SQL: the question's prompt in the
 * officer's language when the content has it, else the question id. */
static void sql_prompt(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct rep *r = sqlite3_user_data(cx);
	const char *key = (const char *)sqlite3_value_text(argv[0]);
	const char *qid = (const char *)sqlite3_value_text(argv[1]);
	const struct module *m = r->have_project && key ? content_find(&r->p.content, key) : NULL;
	(void)argc;
	for (size_t i = 0; m && m->quiz && qid && i < m->quiz->nquestions; i++) {
		const struct quiz_question *q = &m->quiz->questions[i];
		if (strcmp(q->id, qid))
			continue;
		const char *t = r->cat ? catalog_text(r->cat, q->ctxt, q->prompt.src, NULL)
		                       : q->prompt.src;
		/* plain text in a table cell: the emphasis marks of the Markdown go */
		char *plain = xstrdup(t), *o = plain;
		for (const char *c = t; *c; c++)
			if (*c != '*' && *c != '`' && !(*c == '\\' && c[1]))
				*o++ = *c;
		*o = '\0';
		sqlite3_result_text(cx, plain, -1, free);
		return;
	}
	sqlite3_result_value(cx, argv[1]);
}

/* person(ref) in SQL: the person's reference as typed, or with
 * --no-person-ids a stable pseudonym: "P-" and the first 12 hex digits of
 * HMAC-SHA256(key, ref).  The same key gives the same pseudonym in every
 * report, so headquarters can follow a person without knowing who. */
static void sql_person(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct rep *r = sqlite3_user_data(cx);
	const unsigned char *ref = sqlite3_value_text(argv[0]);
	(void)argc;
	if (!r->pseudonyms || !ref) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	struct hmac_sha256_ctx h;
	uint8_t mac[SHA256_DIGEST_SIZE];
	char out[3 + 12 + 1] = "P-";
	hmac_sha256_set_key(&h, sizeof r->key, r->key);
	hmac_sha256_update(&h, strlen((const char *)ref), ref);
	hmac_sha256_digest(&h, sizeof mac, mac);
	for (int i = 0; i < 6; i++)
		snprintf(out + 2 + 2 * i, 3, "%02x", mac[i]);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

/* The pseudonym key, kept beside the master as MASTER.db.key (32 random
 * bytes, readable by its owner only), made the first time it is needed.
 * Whoever has the key and a list of index numbers can undo the
 * pseudonyms: it never goes with the report. */
static int load_key(struct rep *r, struct err *e)
{
	char *path = xconcat(r->o->records, ".key", NULL);
	int rc = -1, fd = open(path, O_RDONLY);
	if (fd < 0 && errno == ENOENT) {
		unsigned char k[32];
		if (getrandom(k, sizeof k, 0) != (ssize_t)sizeof k) {
			err_set(e, path, 0, "cannot get random bytes: %s", strerror(errno));
			goto out;
		}
		int w = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (w < 0 || write(w, k, sizeof k) != (ssize_t)sizeof k || fsync(w) < 0) {
			err_set(e, path, 0, "cannot write the pseudonym key: %s", strerror(errno));
			if (w >= 0)
				close(w);
			goto out;
		}
		close(w);
		fd = open(path, O_RDONLY);
	}
	if (fd < 0 || read(fd, r->key, sizeof r->key) != (ssize_t)sizeof r->key) {
		err_set(e, path, 0, "cannot read the pseudonym key (32 bytes)");
		goto out;
	}
	r->pseudonyms = 1;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

/* ---- loading ---------------------------------------------------------- */

/* Days from 1970-01-01 to the date (the proleptic Gregorian calendar). */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int parse_date(const char *s, int end_of_day, int64_t *ms, struct err *e)
{
	int y, m, d, used = 0;
	*ms = -1;
	if (!s)
		return 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || s[used] || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return err_set(e, s, 0, "a date is written YYYY-MM-DD");
	*ms = days_from_civil(y, m, d) * 86400000LL + (end_of_day ? 86400000LL - 1 : 0);
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

/* The views every query reads: the records of the report's dates, and the
 * kiosks (named, from the master; by id, from a kiosk's own file). */
static int prepare_views(struct rep *r, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int master = sqlite3_prepare_v2(r->db, "SELECT 1 FROM merge_kiosks", -1, &st, NULL) ==
	             SQLITE_OK;
	sqlite3_finalize(st);
	char *sql = sqlite3_mprintf(
		"CREATE TEMP TABLE win (f INTEGER, t INTEGER);"
		"INSERT INTO win VALUES (%lld, %lld);"
		"CREATE TEMP VIEW c AS SELECT * FROM main.completions, win "
		"WHERE (win.f < 0 OR started_at >= win.f) AND (win.t < 0 OR started_at <= win.t);"
		"CREATE TEMP VIEW s AS SELECT * FROM main.sessions, win "
		"WHERE (win.f < 0 OR started_at >= win.f) AND (win.t < 0 OR started_at <= win.t);"
		"%s",
		(long long)r->from, (long long)r->to,
		master ? "CREATE TEMP VIEW k AS SELECT kiosk_id, coalesce(name, 'Kiosk ' || "
		         "substr(kiosk_id, 1, 8)) AS name, last_export_at, last_import_at "
		         "FROM main.merge_kiosks;"
		       : "CREATE TEMP VIEW k AS SELECT kiosk_id, 'Kiosk ' || substr(kiosk_id, 1, 8) "
		         "AS name, NULL AS last_export_at, NULL AS last_import_at FROM "
		         "(SELECT kiosk_id FROM main.completions UNION SELECT kiosk_id FROM main.sessions);");
	int rc = sqlite3_exec(r->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return err_set(e, r->o->records, 0, "cannot read: %s", sqlite3_errmsg(r->db));
	return 0;
}

/* The first and last day the records (in the window) cover, for file
 * names and the page's "covers" line. */
static void date_range(struct rep *r, char *first, char *last, size_t n)
{
	sqlite3_stmt *st = NULL;
	snprintf(first, n, "-");
	snprintf(last, n, "-");
	if (sqlite3_prepare_v2(r->db, "SELECT min(t), max(t) FROM (SELECT started_at AS t FROM c "
	                       "UNION ALL SELECT started_at FROM s)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		char a[32], b[32];
		rtable_time(sqlite3_column_int64(st, 0), 1, a, sizeof a);
		rtable_time(sqlite3_column_int64(st, 1), 1, b, sizeof b);
		snprintf(first, n, "%.10s", a);
		snprintf(last, n, "%.10s", b);
	}
	sqlite3_finalize(st);
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

static struct rtable *completions_table(struct rep *r, struct err *e)
{
	static const struct colspec cols[] = {
		{ "module", RCOL_TEXT }, { "lang", RCOL_TEXT }, { "started", RCOL_INT },
		{ "finished", RCOL_INT }, { "passed", RCOL_INT }, { "pass_rate", RCOL_PERCENT },
	};
	/* per module and language, then "All" languages, then everything */
	static const char sql[] =
		"WITH p AS (SELECT * FROM c WHERE mode = 'personnel'), "
		"g AS (SELECT module_id, lang, count(*) AS st, count(finished_at) AS fi, "
		"coalesce(sum(passed), 0) AS pa, 0 AS o FROM p GROUP BY module_id, lang "
		"UNION ALL SELECT module_id, ?1, count(*), count(finished_at), coalesce(sum(passed), 0), "
		"1 FROM p GROUP BY module_id "
		"UNION ALL SELECT NULL, ?1, count(*), count(finished_at), coalesce(sum(passed), 0), 2 "
		"FROM p HAVING count(*) > 0) "
		"SELECT CASE WHEN module_id IS NULL THEN ?1 ELSE title(module_id) END, lang, st, fi, pa, "
		"CASE WHEN fi > 0 THEN 1.0 * pa / fi END FROM g "
		"ORDER BY o = 2, module_id, o, lang";
	const char *all = word(r, "all");
	struct rtable *t = table(r, "completions", "completions_caption", cols, NCOLS(cols));
	if (rtable_query(t, r->db, sql, &all, 1, e) < 0) {
		rtable_free(t);
		return NULL;
	}
	return t;
}

static struct rtable *weeks_table(struct rep *r, struct err *e)
{
	static const struct colspec cols[] = {
		{ "week", RCOL_TEXT }, { "finished", RCOL_INT }, { "sessions", RCOL_INT },
	};
	static const char sql[] =
		"SELECT date(started_at / 1000, 'unixepoch', '-6 days', 'weekday 1') AS w, "
		"sum(mode = 'personnel' AND finished_at IS NOT NULL), "
		"count(DISTINCT CASE WHEN mode = 'community' THEN session_uuid END) "
		"FROM c GROUP BY w ORDER BY w";
	struct rtable *t = table(r, "weeks", "weeks_caption", cols, NCOLS(cols));
	if (rtable_query(t, r->db, sql, NULL, 0, e) < 0) {
		rtable_free(t);
		return NULL;
	}
	return t;
}

static struct rtable *kiosks_table(struct rep *r, struct err *e)
{
	static const struct colspec cols[] = {
		{ "kiosk", RCOL_TEXT }, { "last_export", RCOL_TIME }, { "last_collected", RCOL_TIME },
		{ "sessions", RCOL_INT }, { "completions", RCOL_INT }, { "not_collected", RCOL_TEXT },
	};
	/* counted once per table and joined, not once per kiosk */
	static const char sql[] =
		"SELECT k.name, k.last_export_at, k.last_import_at, coalesce(ns.n, 0), "
		"coalesce(nc.n, 0), "
		"CASE WHEN coalesce(k.last_export_at, k.last_import_at) < CAST(?1 AS INTEGER) "
		"THEN ?2 END FROM k "
		"LEFT JOIN (SELECT kiosk_id, count(*) AS n FROM s GROUP BY kiosk_id) AS ns "
		"ON ns.kiosk_id = k.kiosk_id "
		"LEFT JOIN (SELECT kiosk_id, count(*) AS n FROM c GROUP BY kiosk_id) AS nc "
		"ON nc.kiosk_id = k.kiosk_id ORDER BY k.name, k.kiosk_id";
	char stale[32];
	snprintf(stale, sizeof stale, "%lld", (long long)(r->now - STALE_MS));
	const char *binds[] = { stale, word(r, "stale") };
	struct rtable *t = table(r, "kiosks", "kiosks_caption", cols, NCOLS(cols));
	if (rtable_query(t, r->db, sql, binds, 2, e) < 0) {
		rtable_free(t);
		return NULL;
	}
	return t;
}

static struct rtable *people_table(struct rep *r, struct err *e)
{
	static const struct colspec cols[] = {
		{ "person", RCOL_TEXT }, { "module", RCOL_TEXT }, { "attempts", RCOL_INT },
		{ "finished", RCOL_INT }, { "passed", RCOL_TEXT }, { "best_score", RCOL_INT },
		{ "max_score", RCOL_INT }, { "last_activity", RCOL_TIME },
	};
	static const char sql[] =
		"SELECT person(person_ref), title(module_id), count(*), count(finished_at), "
		"CASE WHEN max(passed) = 1 THEN ?1 WHEN count(finished_at) > 0 THEN ?2 END, "
		"max(score), max(max_score), max(coalesce(finished_at, started_at)) "
		"FROM c WHERE mode = 'personnel' GROUP BY person_ref, module_id "
		"ORDER BY 1, module_id";
	const char *binds[] = { word(r, "yes"), word(r, "no") };
	struct rtable *t = table(r, "people", "people_caption", cols, NCOLS(cols));
	if (rtable_query(t, r->db, sql, binds, 2, e) < 0) {
		rtable_free(t);
		return NULL;
	}
	return t;
}

/* The person x module grid, as Kolibri's coach report shows it: a row per
 * person, a column per module, each cell "✓ 5/6" (passed, best score),
 * "✗ 3/6" (finished, not passed), "…" (started, not finished) or empty. */
static struct rtable *grid_table(struct rep *r, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct rtable *t = rtable_new("people_grid", word(r, "grid_caption"));
	char **mods = NULL;
	size_t nmods = 0;
	int rc;
	rtable_col(t, "person", word(r, "person"), RCOL_TEXT, 0);
	if (sqlite3_prepare_v2(r->db, "SELECT module_id, title(module_id) FROM c WHERE mode = "
	                       "'personnel' GROUP BY module_id ORDER BY module_id", -1, &st,
	                       NULL) != SQLITE_OK)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		mods = xrealloc(mods, (nmods + 1) * sizeof *mods);
		mods[nmods++] = xstrdup((const char *)sqlite3_column_text(st, 0));
		rtable_col(t, (const char *)sqlite3_column_text(st, 0),
		           (const char *)sqlite3_column_text(st, 1), RCOL_TEXT, 0);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(r->db, "SELECT person(person_ref) AS p, module_id, max(passed), "
	                       "count(finished_at), max(score), max(max_score) FROM c "
	                       "WHERE mode = 'personnel' GROUP BY p, module_id ORDER BY p, module_id",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	struct rcell *row = NULL;
	char *person = NULL;
	size_t m = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		const char *mod = (const char *)sqlite3_column_text(st, 1);
		if (!person || strcmp(person, p)) {
			free(person);
			person = xstrdup(p);
			row = rtable_row(t);
			rcell_text(&row[0], p);
			m = 0;
		}
		while (m < nmods && strcmp(mods[m], mod))
			m++;
		if (m == nmods)
			continue;
		char cell[64];
		if (sqlite3_column_int(st, 2) == 1)
			snprintf(cell, sizeof cell, "\u2713 %d/%d", sqlite3_column_int(st, 4),
			         sqlite3_column_int(st, 5));
		else if (sqlite3_column_int(st, 3) > 0)
			snprintf(cell, sizeof cell, "\u2717 %d/%d", sqlite3_column_int(st, 4),
			         sqlite3_column_int(st, 5));
		else
			snprintf(cell, sizeof cell, "\u2026");
		rcell_text(&row[m + 1], cell);
	}
	free(person);
	sqlite3_finalize(st);
	for (size_t i = 0; i < nmods; i++)
		free(mods[i]);
	free(mods);
	if (rc != SQLITE_DONE)
		goto fail_after;
	return t;
fail:
	sqlite3_finalize(st);
	for (size_t i = 0; i < nmods; i++)
		free(mods[i]);
	free(mods);
fail_after:
	err_set(e, r->o->records, 0, "cannot query: %s", sqlite3_errmsg(r->db));
	rtable_free(t);
	return NULL;
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
	sqlite3_stmt *st = NULL;
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
	if (sqlite3_prepare_v2(r->db, "SELECT 1 FROM c WHERE mode = 'personnel' AND "
	                       "person_ref = ?1 AND module_id = ?2 AND passed = 1 LIMIT 1", -1,
	                       &st, NULL) != SQLITE_OK) {
		err_set(e, r->o->records, 0, "cannot query: %s", sqlite3_errmsg(r->db));
		goto fail;
	}
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
				sqlite3_bind_text(st, 1, f[ref], -1, SQLITE_STATIC);   /* ?1: person */
				sqlite3_bind_text(st, 2, mo->key, -1, SQLITE_STATIC);  /* ?2: module */
				if (sqlite3_step(st) == SQLITE_ROW) {
					passed++;
				} else {
					const char *title = r->cat ? catalog_text(r->cat, NULL, mo->title.src, NULL)
					                           : mo->title.src;
					buf_printf(&todo, "%s%s", todo.len ? "; " : "", title);
				}
				sqlite3_reset(st);
			}
			struct rcell *row = rtable_row(t);
			size_t c = 0;
			sqlite3_stmt *ps = NULL;
			/* the same pseudonym as in the other tables */
			if (sqlite3_prepare_v2(r->db, "SELECT person(?1)", -1, &ps, NULL) == SQLITE_OK) {
				sqlite3_bind_text(ps, 1, f[ref], -1, SQLITE_STATIC);   /* ?1: person */
				if (sqlite3_step(ps) == SQLITE_ROW)
					rcell_text(&row[c], (const char *)sqlite3_column_text(ps, 0));
			}
			sqlite3_finalize(ps);
			c++;
			for (size_t i = 0; i < nhead; i++)
				if (i != ref)
					rcell_text(&row[c++], f[i]);
			rcell_text(&row[c++], r->cat ? catalog_text(r->cat, NULL, tr->title.src, NULL)
			                             : tr->title.src);
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
	sqlite3_finalize(st);
	csv_fields_free(head, nhead);
	free(text);
	return t;
fail:
	sqlite3_finalize(st);
	csv_fields_free(f, nf);
	csv_fields_free(head, nhead);
	free(text);
	rtable_free(t);
	return NULL;
}

static struct rtable *community_table(struct rep *r, struct err *e)
{
	static const struct colspec cols[] = {
		{ "kiosk", RCOL_TEXT }, { "month", RCOL_TEXT }, { "sessions", RCOL_INT },
		{ "participants", RCOL_INT }, { "quizzes", RCOL_INT }, { "languages", RCOL_TEXT },
	};
	static const char sql[] =
		"SELECT coalesce(k.name, 'Kiosk ' || substr(x.kiosk_id, 1, 8)) AS kn, "
		"strftime('%Y-%m', x.started_at / 1000, 'unixepoch') AS mo, count(*), "
		"sum(x.participants), sum(x.quizzes), group_concat(DISTINCT x.lang) "
		"FROM (SELECT s.*, (SELECT count(*) FROM c WHERE c.session_uuid = s.uuid) AS quizzes "
		"FROM s ORDER BY s.lang) AS x LEFT JOIN k ON k.kiosk_id = x.kiosk_id "
		"GROUP BY kn, mo ORDER BY kn, mo";
	struct rtable *t = table(r, "community", "community_caption", cols, NCOLS(cols));
	if (rtable_query(t, r->db, sql, NULL, 0, e) < 0) {
		rtable_free(t);
		return NULL;
	}
	/* too few sessions to show without pointing at a group */
	rtable_suppress_below(t, 2, MIN_SESSIONS, 3);
	rtable_suppress_below(t, 2, MIN_SESSIONS, 4);
	rtable_suppress_below(t, 2, MIN_SESSIONS, 2);
	return t;
}

static struct rtable *community_answers_table(struct rep *r, struct err *e)
{
	static const struct colspec cols[] = {
		{ "module", RCOL_TEXT }, { "question", RCOL_TEXT }, { "chosen", RCOL_TEXT },
		{ "share", RCOL_PERCENT }, { "sessions", RCOL_INT },
	};
	static const char sql[] =
		"SELECT title(c.module_id), prompt(c.module_id, a.question_id), a.chosen, "
		"1.0 * count(*) / sum(count(*)) OVER (PARTITION BY c.module_id, a.question_id), "
		"count(DISTINCT c.session_uuid) "
		"FROM c JOIN main.answers AS a ON a.completion_uuid = c.uuid WHERE c.mode = 'community' "
		"GROUP BY c.module_id, a.question_id, a.chosen ORDER BY c.module_id, a.question_id, a.chosen";
	struct rtable *t = table(r, "community_answers", "community_answers_caption", cols,
	                         NCOLS(cols));
	if (rtable_query(t, r->db, sql, NULL, 0, e) < 0) {
		rtable_free(t);
		return NULL;
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

/* A section: a heading, the table, and the CSV beside it (same rows). */
static int section(struct rep *r, struct buf *body, const struct rtable *t, struct err *e)
{
	struct buf csv = {0};
	char *name = xasprintf("%s_%s.csv", t->name, r->range);
	buf_puts(body, "<section class=\"report-section\">\n");
	rtable_html(t, body);
	buf_printf(body, "<p class=\"csv-link\"><a href=\"%s\" download>", name);
	const char *dl = word(r, "download_csv");
	buf_put_html(body, dl, strlen(dl));
	buf_printf(body, " (%s)</a></p>\n</section>\n", name);
	rtable_csv(t, &csv);
	int rc = write_file(r, name, &csv, e);
	buf_free(&csv);
	free(name);
	return rc;
}

static int page(struct rep *r, const char *file, const char *title_key, const char *covers,
                struct buf *body, struct err *e)
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
		tv_set_bool(p, "current", !strcmp(tv_get(pg, "href")->s, file));
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
static char *covers_line(struct rep *r)
{
	sqlite3_stmt *st = NULL;
	long kiosks = 0, versions = 0;
	char first[16], last[16];
	if (sqlite3_prepare_v2(r->db, "SELECT (SELECT count(*) FROM k), "
	                       "(SELECT count(DISTINCT content_version) FROM c)", -1, &st,
	                       NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		kiosks = (long)sqlite3_column_int64(st, 0);
		versions = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	date_range(r, first, last, sizeof first);
	struct buf b = {0};
	const char *pattern = word(r, "covers");
	/* the translated pattern places the numbers: {kiosks} {from} {to} {versions} */
	for (const char *p = pattern; *p;) {
		if (!strncmp(p, "{kiosks}", 8)) {
			buf_printf(&b, "%ld", kiosks);
			p += 8;
		} else if (!strncmp(p, "{from}", 6)) {
			buf_puts(&b, first);
			p += 6;
		} else if (!strncmp(p, "{to}", 4)) {
			buf_puts(&b, last);
			p += 4;
		} else if (!strncmp(p, "{versions}", 10)) {
			buf_printf(&b, "%ld", versions);
			p += 10;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_take(&b);
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
		rc = page(r, file, title_key, covers, &body, e);
	buf_free(&body);
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

static int write_report(struct rep *r, struct err *e)
{
	struct rtable *t[10] = {0};
	struct buf chart = {0}, legend = {0};
	char *covers = covers_line(r);
	const char *key = word(r, "grid_legend");
	buf_puts(&legend, "<p class=\"grid-legend\" dir=\"auto\">");
	buf_put_html(&legend, key, strlen(key));
	buf_puts(&legend, "</p>\n");
	int rc = -1;
	add_page(r, "index.html", "overview");
	add_page(r, "people.html", "people");
	add_page(r, "community.html", "community");
	add_page(r, "questions.html", "questions");
	if (!(t[0] = completions_table(r, e)) || !(t[1] = weeks_table(r, e)) ||
	    !(t[2] = kiosks_table(r, e)) || !(t[3] = people_table(r, e)) ||
	    !(t[4] = community_table(r, e)) || !(t[5] = community_answers_table(r, e)) ||
	    !(t[8] = grid_table(r, e)) || (r->o->roster && !(t[9] = roster_table(r, e))))
		goto out;
	t[6] = rtable_new("items", word(r, "items_caption"));
	t[7] = rtable_new("choices", word(r, "choices_caption"));
	struct rtable *langs = rtable_new("items_langs", word(r, "items_langs_caption"));
	rc = items_tables(r->db, r->from, r->to, word, r, t[6], t[7], langs, e);
	if (rc == 0) {
		weeks_chart(r, t[1], &chart);
		struct rtable *overview[] = { t[0], t[1], t[2] };
		struct rtable *people[] = { t[9] ? t[9] : t[8], t[8], t[3] };
		size_t npeople = t[9] ? 3 : 2;
		struct rtable *community[] = { t[4], t[5] };
		struct rtable *questions[] = { t[6], t[7], langs };
		rc = copy_css(r, e);
		if (rc == 0)
			rc = page_of(r, "index.html", "overview", covers, overview, 3, &chart, e);
		if (rc == 0)
			rc = page_of(r, "people.html", "people", covers, people + (t[9] ? 0 : 1),
			             npeople, &legend, e);
		if (rc == 0)
			rc = page_of(r, "community.html", "community", covers, community, 2, NULL, e);
		if (rc == 0)
			rc = page_of(r, "questions.html", "questions", covers, questions, 3, NULL, e);
	}
	rtable_free(langs);
out:
	for (size_t i = 0; i < 10; i++)
		rtable_free(t[i]);
	buf_free(&legend);
	buf_free(&chart);
	free(covers);
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
	char *tdir = fs_join(o->assets, "templates");
	int rc = -1;
	if (parse_date(o->from, 0, &r.from, e) < 0 || parse_date(o->to, 1, &r.to, e) < 0 ||
	    load_words(&r, e) < 0 || tmpl_set_load(&r.tmpls, tdir, e) < 0 ||
	    records_open_readonly(&r.db, o->records, e) < 0)
		goto out;
	if (o->no_person_ids && load_key(&r, e) < 0)
		goto out;
	sqlite3_create_function(r.db, "title", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, &r,
	                        sql_title, NULL, NULL);
	sqlite3_create_function(r.db, "person", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, &r,
	                        sql_person, NULL, NULL);
	sqlite3_create_function(r.db, "prompt", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, &r,
	                        sql_prompt, NULL, NULL);
	/* the records are read by several queries: map the file rather than
	 * read() each page again for each */
	sqlite3_exec(r.db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
	if (prepare_views(&r, e) < 0)
		goto out;
	char first[16], last[16];
	date_range(&r, first, last, sizeof first);
	snprintf(r.range, sizeof r.range, "%s_%s", o->from ? o->from : first, o->to ? o->to : last);
	r.pages = tv_list();
	/* written aside, swapped in whole: a failed report leaves the last one */
	r.folder = xasprintf("%s.tmp-%ld", o->out, (long)getpid());
	if (fs_remove_tree(r.folder, e) < 0 || fs_mkdirs(r.folder, e) < 0 ||
	    write_report(&r, e) < 0 || fs_swap_dir(r.folder, o->out, e) < 0)
		goto out;
	rc = 0;
out:
	if (r.folder)
		fs_remove_tree(r.folder, NULL);
	free(r.folder);
	tv_free(r.pages);
	tmpl_set_free(r.tmpls);
	sqlite3_close(r.db);
	catalog_free(r.have_project ? NULL : r.cat);
	if (r.have_project)
		project_free(&r.p);
	else
		ui_free(&r.ui);
	free(tdir);
	return rc;
}
