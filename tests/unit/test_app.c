/* test_app.c - the kiosk's screens (kiosk/app.c and kiosk/screen_*.c),
 * driven without SDL through app.h.
 *
 * The bundle is built once from the golden fixture (tests/golden/fixture,
 * with the project's assets/), read with material_load, and every test gets
 * a fresh records file in a temp folder, an app with fake font metrics
 * (every byte 10 px wide, lines 20 px high) and a fake clock that moves
 * only when a test says so.  Widgets are found by id with view_find; texts
 * without an id (titles, messages) by their label.  Records are checked in
 * SQL from a second, read-only connection, the way a report would read
 * them.
 *
 * Two walkers go through every screen, and a new screen is added to both:
 * test_redraw_costs_nothing (a redraw of an unchanged screen allocates
 * nothing, building it runs no SQL; malloc is wrapped, to count)
 * and, at the end, the layout tests ("everything fits", walk_all) on the
 * kiosk fixture (tests/kiosk/fixture: two real modules with their long
 * French and Arabic texts) with metrics close to the real fonts'; the
 * walker also checks that no label breaks inside a word.  The text tests
 * at the end (numbers in Arabic text, untranslated text, labels, the
 * reader's page cuts) use the kiosk fixture's text cases.
 *
 * The fixture's quiz (basics/01-welcome, pass-percent 60):
 *   emphasis  single      right: emphasis          wrong: strong
 *   kinds     multiple    right: heading + list    wrong: table
 *   raw       true-false  right: false             wrong: true
 */
#include "testutil.h"
#include "testtop.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "app.h"
#include "narrator.h"
#include "emit_bundle.h"
#include "material.h"
#include "project.h"
#include "script.h"
#include "store.h"
#include "strmap.h"
#include "utf8.h"

/* Internal knobs of store.c (not in store.h), as test_store.c uses them. */
extern unsigned long store_pin_iterations;
sqlite3 *store_test_db(struct store *s);

#define T0 INT64_C(1767225600000)   /* 2026-01-01T00:00:00Z */
#define W 1280
#define H 800
#define IDLE_MS 120000
#define PIN "2468"
#define WELCOME "basics/01-welcome"

/* ---- the bundle, built once for the whole group ------------------------ */

static char *groupdir;
static struct material *mat;    /* tests/golden/fixture */
static struct material *kmat;   /* tests/kiosk/fixture */

/* What tests may change in kmat (helplines made real, drafts reviewed),
 * put back after each test, passed or failed. */
#define MAX_SAVED 16
#define MAX_LANGS 4
static struct {
	int example;
	char *phone;
	struct m_text name[MAX_LANGS];
} saved_help[MAX_SAVED];
static int saved_draft[MAX_SAVED];
/* a UI string a test replaced (ui_swap): put back, the test's copy freed */
static struct { size_t lang; const char *key; char *was, *mine; } saved_ui;

static void kmat_save(void)
{
	for (size_t i = 0; i < kmat->nhelplines && i < MAX_SAVED; i++) {
		saved_help[i].example = kmat->helplines[i].example;
		saved_help[i].phone = kmat->helplines[i].phone;
		for (size_t l = 0; l < kmat->nlangs && l < MAX_LANGS; l++)
			saved_help[i].name[l] = kmat->helplines[i].name[l];
	}
	for (size_t i = 0; i < kmat->nlangs && i < MAX_SAVED; i++)
		saved_draft[i] = kmat->langs[i].draft;
}

static void kmat_restore(void)
{
	if (!kmat)
		return;
	for (size_t i = 0; i < kmat->nhelplines && i < MAX_SAVED; i++) {
		kmat->helplines[i].example = saved_help[i].example;
		kmat->helplines[i].phone = saved_help[i].phone;
		for (size_t l = 0; l < kmat->nlangs && l < MAX_LANGS; l++)
			kmat->helplines[i].name[l] = saved_help[i].name[l];
	}
	for (size_t i = 0; i < kmat->nlangs && i < MAX_SAVED; i++)
		kmat->langs[i].draft = saved_draft[i];
	if (saved_ui.key) {
		strmap_put(kmat->ui[saved_ui.lang], saved_ui.key, saved_ui.was);
		free(saved_ui.mine);
		memset(&saved_ui, 0, sizeof saved_ui);
	}
}

/* Build the bundle of the project at top/DIR (content/ and locales/, with
 * the checkout's assets/) into groupdir/NAME and load it. */
static int load_project(const char *top, const char *dir, const char *name,
                        struct material **out)
{
	struct err e = {0};
	struct project p;
	char *base = fs_join(top, dir);
	char *content = fs_join(base, "content");
	char *locales = fs_join(base, "locales");
	char *assets = fs_join(top, "assets");
	char *outdir = fs_join(groupdir, "out");
	char *cache = fs_join(groupdir, name);
	char *path = xasprintf("%s/%s.bundle", groupdir, name);
	struct paths paths = { content, locales, assets, outdir, cache };
	int rc = project_load(&p, &paths, 1, &e);
	if (rc < 0)
		fprintf(stderr, "test_app: %s: project_load: %s:%d: %s\n", dir, e.file, e.line, e.msg);
	else if ((rc = emit_bundle(&(struct emit_job){ .p = &p, .path = path }, &e)) < 0)
		fprintf(stderr, "test_app: %s: emit_bundle: %s:%d: %s\n", dir, e.file, e.line, e.msg);
	project_free(&p);
	if (rc == 0 && (rc = material_load(out, path, NULL, 0, &e)) < 0)
		fprintf(stderr, "test_app: %s: material_load: %s\n", dir, e.msg);
	free(base);
	free(content);
	free(locales);
	free(assets);
	free(outdir);
	free(cache);
	free(path);
	return rc;
}

static int group_setup(void **state)
{
	(void)state;
	char *top = tu_find_top();
	if (!top) {
		fprintf(stderr, "test_app: run from the checkout (tests/golden/fixture not found)\n");
		return -1;
	}
	groupdir = tu_mkdtemp();
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	/* the golden fixture: short texts, every kind of question */
	int rc = load_project(top, "tests/golden/fixture", "golden", &mat);
	/* the kiosk fixture: two real modules with their real, long texts */
	if (rc == 0)
		rc = load_project(top, "tests/kiosk/fixture", "real", &kmat);
	if (rc == 0)
		kmat_save();
	free(top);
	/* PBKDF2 at full strength costs ~0.1 s a try; these tests try many */
	store_pin_iterations = 1000;
	return rc;
}

static int group_teardown(void **state)
{
	(void)state;
	material_free(mat);
	material_free(kmat);
	mat = kmat = NULL;
	tu_rmtree(groupdir);
	groupdir = NULL;
	store_pin_iterations = 100000;
	return 0;
}

/* ---- one kiosk per test -------------------------------------------------- */

static int fake_width(void *ctx, const char *s, size_t len, int style, int rtl)
{
	(void)ctx;
	(void)s;
	(void)style;
	(void)rtl;
	return 10 * (int)len;
}

static struct measure fake_measure = { fake_width, 20, NULL };

static const struct measure *fake_fonts(void *ctx, enum role role, size_t lang)
{
	(void)ctx;
	(void)role;
	(void)lang;
	return &fake_measure;
}

static const struct fonts fonts = { .measure = fake_fonts, .ctx = NULL };

struct t {
	char *dir;
	char *records;
	struct store *st;
	struct app *a;
	int64_t now;
	struct app_config cfg;
	const struct material *m;
	const struct fonts *fonts;
};

static struct t *T;   /* the current test's kiosk */

static void start_app(struct t *t)
{
	struct err e = {0};
	app_free(t->a);
	t->a = NULL;
	if (app_new(&t->a, t->m, t->st, &t->cfg, t->fonts, t->now, &e) < 0)
		fail_msg("app_new: %s", e.msg);
}

/* A new kiosk (mode, size), replacing the test's app; the records file
 * stays. */
static void restart(const char *mode, int width, int height)
{
	T->cfg = (struct app_config){ mode, IDLE_MS, width, height, T->dir, NULL, { NULL, 0, 0 } };
	start_app(T);
}

static int setup(void **state)
{
	struct err e = {0};
	struct t *t = xcalloc(1, sizeof *t);
	(void)state;
	t->dir = tu_mkdtemp();
	t->records = fs_join(t->dir, "records.db");
	t->now = T0;
	if (store_open(&t->st, t->records, &e) < 0)
		fail_msg("store_open: %s", e.msg);
	t->cfg = (struct app_config){ "ask", IDLE_MS, W, H, t->dir, NULL, { NULL, 0, 0 } };
	t->m = mat;
	t->fonts = &fonts;
	T = t;
	start_app(t);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kmat_restore();
	app_free(T->a);
	store_close(T->st);
	free(T->records);
	tu_rmtree(T->dir);
	free(T);
	T = NULL;
	return 0;
}

/* ---- driving it ----------------------------------------------------------- */

#define assert_screen(name) assert_string_equal(app_screen(T->a), (name))

static void later(int64_t ms)
{
	T->now += ms;
}

static const struct widget *find(const char *id)
{
	return view_find(app_view(T->a), id);
}

static const struct widget *must(const char *id)
{
	const struct widget *w = find(id);
	if (!w)
		fail_msg("no widget \"%s\" on the %s screen", id, app_screen(T->a));
	return w;
}

static int flags(const char *id)
{
	return must(id)->flags;
}

/* Press widget `id` (as --script's "press" does) a moment after the last
 * input. */
static void press(const char *id)
{
	later(100);
	if (app_press(T->a, id, T->now) < 0)
		fail_msg("cannot press \"%s\" on the %s screen", id, app_screen(T->a));
}

static void key(enum app_key k)
{
	later(100);
	app_key(T->a, k, T->now);
}

static void type(const char *text)
{
	later(100);
	app_text(T->a, text, T->now);
}

static void tap_at(int x, int y)
{
	later(100);
	app_pointer_down(T->a, x, y, T->now);
	later(50);
	app_pointer_up(T->a, x, y, T->now);
}

static void tap(const char *id)
{
	const struct widget *w = must(id);
	tap_at(w->x + w->w / 2, w->y + w->h / 2);
}

/* The widget (listed or not) whose label contains `sub`, or NULL. */
static const struct widget *with_text(const char *sub)
{
	const struct view *v = app_view(T->a);
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].label && strstr(v->v[i].label, sub))
			return &v->v[i];
	return NULL;
}

/* The "Page k / n" line of a screen of pages (the reader, help). */
static void page_of(int *k, int *n)
{
	const struct widget *w = with_text("Page ");
	if (!w || sscanf(w->label, "Page %d / %d", k, n) != 2)
		fail_msg("no page number on the %s screen", app_screen(T->a));
}

/* Every label on the screen, one a line (heap), for failure messages. */
static char *screen_text(void)
{
	const struct view *v = app_view(T->a);
	struct buf b = {0};
	buf_printf(&b, "[%s]\n", app_screen(T->a));
	for (size_t i = 0; i < v->n; i++)
		buf_printf(&b, "  %s: %s\n", v->v[i].id[0] ? v->v[i].id : "-",
		           v->v[i].label ? v->v[i].label : "");
	return b.data;
}

#define assert_shows(sub)                                                   \
	do {                                                                \
		if (!with_text(sub)) {                                      \
			char *s_ = screen_text();                           \
			print_error("ERROR: expected \"%s\" on the screen:\n%s\n", \
			            (sub), s_);                             \
			free(s_);                                           \
			fail();                                             \
		}                                                           \
	} while (0)

#define assert_not_shows(sub)                                               \
	do {                                                                \
		if (with_text(sub)) {                                       \
			char *s_ = screen_text();                           \
			print_error("ERROR: did not expect \"%s\" on the screen:\n%s\n", \
			            (sub), s_);                             \
			free(s_);                                           \
			fail();                                             \
		}                                                           \
	} while (0)

/* The keypad's field (what was typed). */
static const char *field(void)
{
	const struct view *v = app_view(T->a);
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].kind == WK_FIELD)
			return v->v[i].label ? v->v[i].label : "";
	fail_msg("no field on the %s screen", app_screen(T->a));
	return NULL;
}

/* The widget with the keyboard focus ring, or NULL. */
static const struct widget *focus(void)
{
	const struct view *v = app_view(T->a);
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].flags & WF_FOCUS)
			return &v->v[i];
	return NULL;
}

/* Tab until `id` has the focus (fails after a full round). */
static void tab_to(const char *id)
{
	for (int i = 0; i < 40; i++) {
		key(K_TAB);
		const struct widget *f = focus();
		if (f && !strcmp(f->id, id))
			return;
	}
	fail_msg("Tab never reached \"%s\" on the %s screen", id, app_screen(T->a));
}

static int disabled(const char *id)
{
	return (flags(id) & WF_DISABLED) != 0;
}

/* The index number on the ID keypad, then again on the second: the
 * module list. */
static void type_id(const char *id)
{
	assert_screen("id");
	type(id);
	press("key:ok");
	assert_screen("id-again");
	type(id);
	press("key:ok");
	assert_screen("modules");
}

/* language -> mode -> ID keypad, twice -> module list */
static void to_modules_personnel(const char *lang, const char *id)
{
	char l[32];
	snprintf(l, sizeof l, "lang:%s", lang);
	press(l);
	assert_screen("mode");
	press("mode:personnel");
	type_id(id);
}

/* language -> mode -> participants keypad -> module list */
static void to_modules_community(const char *lang, const char *count)
{
	char l[32];
	snprintf(l, sizeof l, "lang:%s", lang);
	press(l);
	press("mode:community");
	assert_screen("participants");
	type(count);
	press("key:ok");
	assert_screen("modules");
}

/* Open a module and page through the reader to its quiz; returns the
 * number of reader pages. */
static int to_quiz(const char *module)
{
	char id[160];
	int pages = 0;
	snprintf(id, sizeof id, "module:%s", module);
	press(id);
	assert_screen("reader");
	while (!strcmp(app_screen(T->a), "reader") && pages < 100) {
		pages++;
		press("next");
	}
	assert_screen("quiz");
	return pages;
}

/* Answer the current question with the comma-separated choice ids, confirm
 * and check the verdict shown; stays on the feedback. */
/* Press answer `id`, through the pages of answers on a small panel. */
static void press_choice(const char *id)
{
	for (int turn = 0; turn < 8 && !find(id) && find("answers-more"); turn++)
		press("answers-more");
	press(id);
}

/* "Next" after a question's verdict, and again after its explanation when
 * a small panel gives that a page of its own. */
static void press_next_question(void)
{
	press("next");
	if (find("explanation"))
		press("next");
}

static void answer(const char *choices, int expect_right)
{
	char buf[200], id[220];
	snprintf(buf, sizeof buf, "%s", choices);
	assert_screen("quiz");
	assert_null(find("feedback"));
	assert_true(disabled("confirm"));
	for (char *c = strtok(buf, ","); c; c = strtok(NULL, ",")) {
		snprintf(id, sizeof id, "choice:%s", c);
		press_choice(id);
		assert_true(flags(id) & WF_SELECTED);
	}
	assert_false(disabled("confirm"));
	press("confirm");
	const struct widget *fb = must("feedback");
	assert_true(fb->flags & (expect_right ? WF_GOOD : WF_BAD));
	assert_false(fb->flags & (expect_right ? WF_BAD : WF_GOOD));
	assert_non_null(strstr(fb->label, expect_right ? "Correct." : "Not quite."));
	assert_null(find("confirm"));
	assert_non_null(find("next"));
}

/* The whole welcome quiz: three answers, then the result screen. */
static void take_quiz(const char *q1, int r1, const char *q2, int r2, const char *q3,
                      int r3)
{
	assert_shows("Question 1 of 3");
	answer(q1, r1);
	press("next");
	assert_shows("Question 2 of 3");
	answer(q2, r2);
	press("next");
	assert_shows("Question 3 of 3");
	answer(q3, r3);
	press("next");
	assert_screen("result");
}

/* ---- the records, read from a second connection ---------------------------- */

static sqlite3 *db_open(void)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(T->records, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("open %s: %s", T->records, sqlite3_errmsg(db));
	return db;
}

/* Every row of `sql`, columns joined by '|', rows by '\n', NULL as "NULL"
 * (heap). */
static char *rows(const char *sql)
{
	sqlite3 *db = db_open();
	sqlite3_stmt *st = NULL;
	struct buf b = {0};
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare \"%s\": %s", sql, sqlite3_errmsg(db));
	buf_puts(&b, "");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (b.len)
			buf_putc(&b, '\n');
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			if (i)
				buf_putc(&b, '|');
			buf_puts(&b, sqlite3_column_type(st, i) == SQLITE_NULL
			                 ? "NULL" : (const char *)sqlite3_column_text(st, i));
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return b.data;
}

#define assert_sql(sql, expected)                                           \
	do {                                                                \
		char *r_ = rows(sql);                                       \
		int bad_ = strcmp(r_, (expected)) != 0;                     \
		if (bad_)                                                   \
			print_error("ERROR: %s\n  gave:\n%s\n  expected:\n%s\n", \
			            (sql), r_, (expected));                 \
		free(r_);                                                   \
		if (bad_)                                                   \
			fail();                                             \
	} while (0)

/* ---- tests ------------------------------------------------------------------ */

static void test_bundle_is_the_fixture(void **state)
{
	(void)state;
	size_t i = material_module(mat, WELCOME);
	assert_int_not_equal(i, (size_t)-1);
	assert_non_null(mat->modules[i].quiz);
	assert_int_equal(mat->modules[i].quiz->pass_percent, 60);
	assert_int_equal(mat->modules[i].quiz->nquestions, 3);
	assert_int_equal(mat->nlangs, 3);
}

/* The whole personnel path, every answer right: screens, the quiz's marks,
 * the result, and the rows written. */
static void test_personnel_all_right(void **state)
{
	(void)state;
	assert_screen("language");
	assert_non_null(find("lang:en"));
	assert_non_null(find("lang:fr"));
	assert_non_null(find("lang:ar"));
	assert_null(find("exit"));   /* the first screen has nothing to leave */
	press("lang:en");
	assert_screen("mode");
	assert_non_null(find("exit"));
	press("mode:personnel");
	assert_screen("id");
	assert_true(disabled("key:ok"));    /* nothing typed yet */
	assert_int_equal(app_press(T->a, "key:ok", T->now), -1);
	type("12a-34");                     /* only digits count */
	assert_string_equal(field(), "1234");
	assert_false(disabled("key:ok"));
	press("key:ok");
	/* typed twice: the second keypad starts empty */
	assert_screen("id-again");
	assert_shows("Type your index number again");
	assert_string_equal(field(), "");
	assert_true(disabled("key:ok"));
	type("1234");
	press("key:ok");
	assert_screen("modules");
	/* personnel see every track */
	assert_non_null(find("module:basics/01-welcome"));
	assert_non_null(find("module:basics/02-safety"));
	assert_non_null(find("module:help/01-get-help"));
	assert_false(flags("module:" WELCOME) & WF_DONE);

	int pages = to_quiz(WELCOME);
	assert_true(pages >= 1);
	assert_shows("Question 1 of 3");
	assert_shows("Which word in the first paragraph is");
	assert_shows("Choose one answer.");
	answer("emphasis", 1);
	assert_true(flags("choice:emphasis") & WF_RIGHT);
	assert_false(flags("choice:strong") & (WF_RIGHT | WF_WRONG));
	/* confirmed: the answer cannot be changed any more */
	assert_int_equal(app_press(T->a, "choice:strong", T->now), -1);
	assert_true(flags("choice:emphasis") & WF_SELECTED);
	/* on disk before the feedback was shown */
	assert_sql("SELECT question_id, chosen, correct FROM answers", "emphasis|emphasis|1");
	press("next");
	assert_shows("Question 2 of 3");
	assert_shows("Choose all the answers that are right.");
	answer("heading,list", 1);
	press("next");
	answer("false", 1);
	press("next");
	assert_screen("result");
	const struct widget *score = must("score");
	assert_string_equal(score->label, "Your score: 3 of 3 questions right (100%)");
	assert_true(score->flags & WF_GOOD);
	assert_shows("You passed.");

	char *want = xasprintf("personnel|1234|NULL|" WELCOME "|en|%s|%s|3|3|1|1", mat->content_version,
	                       store_kiosk_id(T->st));
	assert_sql("SELECT mode, person_ref, session_uuid, module_id, lang, content_version, "
	           "kiosk_id, score, max_score, passed, finished_at IS NOT NULL FROM completions",
	           want);
	free(want);
	assert_sql("SELECT question_id, chosen, correct FROM answers ORDER BY answered_at",
	           "emphasis|emphasis|1\nkinds|heading,list|1\nraw|false|1");
	assert_sql("SELECT count(*) FROM answers a JOIN completions c ON c.uuid = a.completion_uuid",
	           "3");
	assert_sql("SELECT count(*) FROM sessions", "0");

	/* back to the list: the module is marked done for this ID */
	press("done");
	assert_screen("modules");
	assert_true(flags("module:" WELCOME) & WF_DONE);
	assert_non_null(strstr(must("module:" WELCOME)->label, "(Done)"));
	assert_false(flags("module:basics/02-safety") & WF_DONE);
}

static void test_all_wrong(void **state)
{
	(void)state;
	to_modules_personnel("en", "777");
	to_quiz(WELCOME);
	answer("strong", 0);
	assert_true(flags("choice:strong") & WF_WRONG);
	assert_true(flags("choice:emphasis") & WF_RIGHT);   /* the right one shown */
	assert_non_null(strstr(must("feedback")->label, "That one is strong"));
	press("next");
	answer("table", 0);
	assert_non_null(strstr(must("feedback")->label, "There is no table"));
	press("next");
	answer("true", 0);
	press("next");
	assert_screen("result");
	assert_string_equal(must("score")->label, "Your score: 0 of 3 questions right (0%)");
	assert_true(must("score")->flags & WF_BAD);
	assert_shows("Not passed yet.");
	assert_sql("SELECT person_ref, score, max_score, passed FROM completions", "777|0|3|0");
	assert_sql("SELECT question_id, chosen, correct FROM answers ORDER BY answered_at",
	           "emphasis|strong|0\nkinds|table|0\nraw|true|0");
	press("done");
	assert_false(flags("module:" WELCOME) & WF_DONE);
}

/* Half of a multiple-choice answer is a wrong answer: 2 of 3 right, which
 * still reaches the 60 % pass mark. */
static void test_half_right_multiple_counts_wrong(void **state)
{
	(void)state;
	to_modules_personnel("en", "5");
	to_quiz(WELCOME);
	take_quiz("emphasis", 1, "heading", 0, "false", 1);
	assert_string_equal(must("score")->label, "Your score: 2 of 3 questions right (67%)");
	assert_true(must("score")->flags & WF_GOOD);
	assert_sql("SELECT score, passed FROM completions", "2|1");
	assert_sql("SELECT chosen, correct FROM answers WHERE question_id = 'kinds'", "heading|0");
	/* trying again begins a new completion; the first one stays */
	press("retry");
	assert_screen("quiz");
	assert_shows("Question 1 of 3");
	assert_sql("SELECT count(*), count(finished_at) FROM completions", "2|1");
}

/* 1 of 3 (33 %) is below the pass mark of 60 %. */
static void test_one_right_fails(void **state)
{
	(void)state;
	to_modules_personnel("en", "5");
	to_quiz(WELCOME);
	take_quiz("strong", 0, "heading,list,table", 0, "false", 1);
	assert_string_equal(must("score")->label, "Your score: 1 of 3 questions right (33%)");
	assert_true(must("score")->flags & WF_BAD);
	assert_sql("SELECT score, max_score, passed FROM completions", "1|3|0");
	assert_sql("SELECT chosen, correct FROM answers WHERE question_id = 'kinds'",
	           "heading,list,table|0");
}

/* Multiple choice: a second press takes a choice back; the record lists the
 * chosen ids in the quiz's order, not the order pressed.  A single choice
 * replaces the previous one. */
static void test_choices_toggle_and_order(void **state)
{
	(void)state;
	to_modules_personnel("en", "5");
	to_quiz(WELCOME);
	press("choice:strong");
	press("choice:emphasis");
	assert_true(flags("choice:emphasis") & WF_SELECTED);
	assert_false(flags("choice:strong") & WF_SELECTED);
	press("confirm");
	/* pressing confirm again (it is gone) records nothing more */
	assert_int_equal(app_press(T->a, "confirm", T->now), -1);
	press("next");
	press("choice:list");
	press("choice:table");
	press("choice:heading");
	press("choice:table");
	assert_false(flags("choice:table") & WF_SELECTED);
	press("confirm");
	assert_true(must("feedback")->flags & WF_GOOD);
	assert_sql("SELECT question_id, chosen, correct FROM answers ORDER BY answered_at",
	           "emphasis|emphasis|1\nkinds|heading,list|1");
}

/* Every screen's name, as the scripted tests print them. */
static void test_screen_names(void **state)
{
	(void)state;
	assert_screen("language");
	key(K_F12);                 /* no PIN set: a message, not the keypad */
	assert_screen("error");
	assert_shows("No PIN is set");
	press("exit");
	assert_screen("language");
	press("lang:en");
	assert_screen("mode");
	press("mode:community");
	assert_screen("participants");
	press("exit");
	to_modules_personnel("en", "1");
	press("module:" WELCOME);
	assert_screen("reader");
	press("exit");
	to_modules_personnel("en", "1");
	to_quiz(WELCOME);
	assert_screen("quiz");
	take_quiz("emphasis", 1, "heading,list", 1, "false", 1);
	assert_screen("result");
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	key(K_F12);
	assert_screen("admin-pin");
	type(PIN);
	press("key:ok");
	assert_screen("admin");
}

/* Community: the facilitator's count, a session row, completions with no
 * person; leaving ends the session. */
static void test_community_session(void **state)
{
	(void)state;
	press("lang:fr");
	press("mode:community");
	assert_screen("participants");
	type("12345");
	assert_string_equal(field(), "123");   /* at most three digits */
	key(K_BACKSPACE);
	assert_string_equal(field(), "12");
	press("key:delete");
	press("key:delete");
	assert_string_equal(field(), "");
	press("key:0");
	press("key:ok");                        /* nobody: not a session, and it says why */
	assert_screen("participants");
	assert_sql("SELECT count(*) FROM sessions", "0");
	assert_string_equal(must("message")->label,
	                    "Type how many people are taking part: at least 1.");
	assert_string_equal(field(), "");
	press("key:delete");
	press("key:1");
	press("key:2");
	int64_t begun = T->now + 100;
	press("key:ok");
	assert_screen("modules");
	char *want = xasprintf("fr|12|%lld|NULL|%s", (long long)begun, store_kiosk_id(T->st));
	assert_sql("SELECT lang, participants, started_at, ended_at, kiosk_id FROM sessions", want);
	free(want);
	/* community tracks and those for all */
	assert_non_null(find("module:" WELCOME));
	assert_non_null(find("module:help/01-get-help"));

	to_quiz(WELCOME);
	take_quiz("emphasis", 1, "heading,list", 1, "true", 0);
	assert_sql("SELECT mode, person_ref, lang, score, passed FROM completions",
	           "community|NULL|fr|2|1");
	assert_sql("SELECT count(*) FROM completions c JOIN sessions s ON s.uuid = c.session_uuid",
	           "1");
	/* a second person of the group takes it again: same session */
	press("retry");
	take_quiz("strong", 0, "table", 0, "true", 0);
	assert_sql("SELECT count(*), count(DISTINCT session_uuid), count(person_ref) FROM completions",
	           "2|1|0");
	/* what the group covered is marked, for the session (nobody named) */
	press("done");
	assert_true(flags("module:" WELCOME) & WF_DONE);
	char *covered = xasprintf("Bienvenue (%s)", material_ui(mat, 1, "kiosk_covered"));
	assert_string_equal(mat->langs[1].code, "fr");
	assert_string_equal(must("module:" WELCOME)->label, covered);
	free(covered);
	assert_false(flags("module:basics/02-safety") & WF_DONE);
	/* nothing identifying anywhere */
	assert_sql("SELECT count(*) FROM completions WHERE person_ref IS NOT NULL", "0");
	int64_t left = T->now + 100;
	press("exit");
	assert_screen("language");
	want = xasprintf("%lld", (long long)left);
	assert_sql("SELECT ended_at FROM sessions", want);
	free(want);
}

/* The index number is typed twice: two different numbers say so calmly,
 * record nothing and start again, and nobody's marks are shown until the
 * two agree (someone who passed a module is not shown as such to a typo
 * of their number, nor to their number typed once). */
static void test_id_typed_twice(void **state)
{
	(void)state;
	to_modules_personnel("en", "4711");
	to_quiz(WELCOME);
	take_quiz("emphasis", 1, "heading,list", 1, "false", 1);
	press("exit");
	press("lang:en");
	press("mode:personnel");
	type("4711");
	press("key:ok");
	assert_screen("id-again");
	assert_null(find("module:" WELCOME));
	type("4712");
	press("key:ok");
	/* back to the first keypad, empty, saying why */
	assert_screen("id");
	assert_string_equal(field(), "");
	assert_string_equal(must("message")->label, "The two numbers were not the same, so "
	                    "nothing was recorded. Please type your index number again.");
	assert_true(must("message")->flags & WF_BAD);
	/* a digit takes the message away */
	type("4");
	assert_null(find("message"));
	press("key:delete");
	/* the second keypad starts empty each time */
	type("4711");
	press("key:ok");
	assert_string_equal(field(), "");
	type("4711");
	press("key:ok");
	assert_screen("modules");
	assert_true(flags("module:" WELCOME) & WF_DONE);
	/* the first typing is not kept once the second agreed */
	press("exit");
	press("lang:en");
	press("mode:personnel");
	assert_string_equal(field(), "");
	assert_sql("SELECT count(DISTINCT person_ref) FROM completions", "1");
}

/* OK with nobody (nothing typed, or 0) says why nothing happens; no
 * session is begun. */
static void test_participants_nobody(void **state)
{
	(void)state;
	const char *why = "Type how many people are taking part: at least 1.";
	press("lang:en");
	press("mode:community");
	assert_false(disabled("key:ok"));   /* pressable: it answers */
	press("key:ok");
	assert_screen("participants");
	assert_string_equal(must("message")->label, why);
	type("00");
	assert_null(find("message"));
	press("key:ok");
	assert_string_equal(must("message")->label, why);
	assert_string_equal(field(), "");
	assert_sql("SELECT count(*) FROM sessions", "0");
	type("7");
	press("key:ok");
	assert_screen("modules");
	assert_sql("SELECT participants FROM sessions", "7");
}

/* Page through the reader to the page before its last (or stay on the
 * first of one). */
static void to_last_but_one(void)
{
	int k, n;
	page_of(&k, &n);
	while (k + 1 < n) {
		press("next");
		page_of(&k, &n);
	}
}

/* Reading a module to its last page is a "read" row: once per opening, in
 * either mode, a community one naming only its session; a module left
 * before its end is none.  The session's list marks what it covered. */
static void test_reads_recorded(void **state)
{
	(void)state;
	int k, n;
	restart("personnel", 480, 320);   /* small: modules of many pages */
	press("lang:en");
	type_id("4711");
	press("module:" WELCOME);
	to_last_but_one();
	page_of(&k, &n);
	assert_true(n >= 2);
	press("back");
	while (!strcmp(app_screen(T->a), "reader"))
		press("back");
	assert_sql("SELECT count(*) FROM reads", "0");   /* left before its end */
	press("module:" WELCOME);
	int64_t opened = T->now;
	to_last_but_one();
	press("next");                                    /* the last page */
	int64_t read = T->now;
	page_of(&k, &n);
	assert_int_equal(k, n);
	press("back");
	press("next");                                    /* shown again: no second row */
	char *want = xasprintf("personnel|4711|NULL|" WELCOME "|en|%s|%lld|%lld",
	                       mat->content_version, (long long)opened, (long long)read);
	assert_sql("SELECT mode, person_ref, session_uuid, module_id, lang, content_version, "
	           "opened_at, read_at FROM reads", want);
	free(want);
	press("next");                                    /* on to the quiz */
	assert_screen("quiz");
	assert_sql("SELECT count(*) FROM reads", "1");
	press("exit");

	/* a community session: the session's row, nobody's; the list's mark */
	restart("community", W, H);
	press("lang:fr");
	type("9");
	press("key:ok");
	assert_false(flags("module:basics/02-safety") & WF_DONE);
	press("module:basics/02-safety");                 /* no quiz: back to the list */
	while (!strcmp(app_screen(T->a), "reader"))
		press("next");
	assert_screen("modules");
	assert_true(flags("module:basics/02-safety") & WF_DONE);
	assert_false(flags("module:" WELCOME) & WF_DONE);
	assert_sql("SELECT r.mode, r.person_ref IS NULL, r.session_uuid = s.uuid, r.lang FROM "
	           "reads r, sessions s WHERE r.module_id = 'basics/02-safety'",
	           "community|1|1|fr");
	/* the same module read by the next session is not marked for it */
	press("exit");
	press("lang:fr");
	type("3");
	press("key:ok");
	assert_false(flags("module:basics/02-safety") & WF_DONE);
	assert_sql("SELECT count(*) FROM reads WHERE person_ref IS NOT NULL AND mode = 'community'",
	           "0");
}

/* "Get help" on every screen after the first, and Back on its first page
 * returns to the screen as it was: the digits typed, the reader's page,
 * the question with its answers chosen, the list's page; "Leave" from
 * help still ends everything. */
static void test_help_returns_where_left(void **state)
{
	(void)state;
	int k, n;
	restart("ask", 480, 320);          /* small: the reader has pages */
	assert_null(find("help"));         /* the first screen: nothing to come back to */
	assert_int_equal(app_press(T->a, "help", T->now), -1);
	press("lang:en");
	assert_screen("mode");
	press("help");
	press("back");
	assert_screen("mode");
	press("mode:personnel");
	type("47");
	press("help");
	assert_screen("help");
	assert_null(find("help"));         /* no help on help */
	press("back");
	assert_screen("id");
	assert_string_equal(field(), "47");
	type("11");
	press("key:ok");
	type("471");
	press("help");
	press("back");
	assert_screen("id-again");
	assert_string_equal(field(), "471");
	type("1");
	press("key:ok");
	assert_screen("modules");
	press("module:" WELCOME);
	press("next");
	page_of(&k, &n);
	press("help");
	press("back");
	assert_screen("reader");
	int k2;
	page_of(&k2, &n);
	assert_int_equal(k2, k);
	while (!strcmp(app_screen(T->a), "reader"))
		press("next");
	press_choice("choice:strong");
	press("help");
	press("back");
	assert_screen("quiz");
	assert_shows("Question 1 of 3");
	assert_true(flags("choice:strong") & WF_SELECTED);
	press_choice("choice:emphasis");
	press("confirm");
	press("help");
	press("back");
	assert_non_null(find("feedback"));   /* still answered, its verdict shown */
	press_next_question();
	answer("heading,list", 1);
	press_next_question();
	answer("false", 1);
	press_next_question();
	assert_screen("result");
	press("help");
	press("help-next");
	page_of(&k, &n);
	assert_int_equal(k, 2);
	press("back");                     /* a page back first */
	assert_screen("help");
	press("back");                     /* then out, where it was pressed */
	assert_screen("result");
	press("done");
	/* Leave on the help screen ends the session, and forgets where from */
	press("help");
	press("exit");
	assert_screen("language");
	press("lang:en");
	press("mode:personnel");
	assert_string_equal(field(), "");
	assert_sql("SELECT count(*) FROM completions WHERE person_ref = '4711'", "1");
}

/* stderr into a file while `on`; its text when turned off (heap). */
static char *capture_stderr(int on)
{
	static int saved = -1;
	static char path[64];
	if (on) {
		snprintf(path, sizeof path, "/tmp/crsv-test-stderr-XXXXXX");
		int fd = mkstemp(path);
		assert_true(fd >= 0);
		fflush(stderr);
		saved = dup(2);
		dup2(fd, 2);
		close(fd);
		return NULL;
	}
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	char *text = tu_read(path);
	unlink(path);
	return text;
}

/* A record that cannot be saved never vanishes: a read row refused by the
 * records file (made read-only under the kiosk) is said in the bar of the
 * next screens, calmly, and printed on stderr with SQLite's reason; the
 * person goes on reading.  An answer refused is the error screen, and
 * stderr too.  A new session starts with the bar as it was. */
static void test_store_errors_said(void **state)
{
	(void)state;
	int k, n;
	restart("personnel", 480, 320);    /* small: the reader has pages */
	press("lang:en");
	type_id("4711");
	assert_int_equal(sqlite3_exec(store_test_db(T->st), "PRAGMA query_only = 1", NULL, NULL,
	                              NULL), SQLITE_OK);
	capture_stderr(1);
	press("module:" WELCOME);
	assert_null(find("records-trouble"));
	for (page_of(&k, &n); k < n; page_of(&k, &n))
		press("next");   /* the last page: the module read, not recorded */
	char *err = capture_stderr(0);
	const struct widget *bar = must("records-trouble");
	assert_non_null(strstr(bar->label, "could not be saved"));
	assert_non_null(strstr(err, "error:"));
	assert_non_null(strstr(err, "readonly"));
	free(err);
	press("back");
	assert_non_null(find("records-trouble"));   /* still said on the next screen */
	press("next");
	capture_stderr(1);
	press("next");   /* the quiz: its completion cannot be begun */
	err = capture_stderr(0);
	assert_screen("error");
	assert_shows("The answers could not be saved. Please tell the facilitator.");
	assert_non_null(strstr(err, "readonly"));
	free(err);
	press("exit");
	assert_null(find("records-trouble"));   /* a new session */
}

/* The configured mode skips the mode screen. */
static void test_fixed_modes(void **state)
{
	(void)state;
	struct err e = {0};
	struct app *bad = NULL;
	restart("personnel", W, H);
	press("lang:fr");
	assert_screen("id");
	restart("community", W, H);
	press("lang:ar");
	assert_screen("participants");
	struct app_config cfg = { "visitor", IDLE_MS, W, H, NULL, NULL, { NULL, 0, 0 } };
	assert_int_equal(app_new(&bad, mat, T->st, &cfg, &fonts, T->now, &e), -1);
	assert_null(bad);
	assert_contains(e.msg, "visitor");
}

typedef void (*reach_fn)(void);

static void reach_mode(void) { press("lang:en"); }
static void reach_id(void) { press("lang:en"); press("mode:personnel"); type("99"); }
static void reach_id_again(void)
{
	reach_id();
	press("key:ok");
	type("9");
}
static void reach_participants(void) { press("lang:en"); press("mode:community"); type("7"); }
static void reach_modules(void) { to_modules_personnel("en", "99"); }
static void reach_modules_community(void) { to_modules_community("en", "7"); }
static void reach_reader(void) { to_modules_personnel("en", "99"); press("module:" WELCOME); }
static void reach_help_from_reader(void) { reach_reader(); press("help"); }
static void reach_quiz(void)
{
	to_modules_community("ar", "7");
	to_quiz(WELCOME);
	answer("emphasis", 1);
}
static void reach_result(void)
{
	to_modules_community("fr", "7");
	to_quiz(WELCOME);
	take_quiz("emphasis", 1, "heading,list", 1, "false", 1);
}
static void reach_admin_pin(void) { press("lang:ar"); key(K_F12); }
static void reach_admin(void) { press("lang:fr"); key(K_F12); type(PIN); press("key:ok"); }

/* The quick exit on every screen but the first: back to the language
 * screen at once, in the source language, with the session ended and the
 * ID forgotten. */
static void test_exit_from_every_screen(void **state)
{
	(void)state;
	static const struct {
		const char *screen;
		reach_fn reach;
	} cases[] = {
		{ "mode", reach_mode }, { "id", reach_id }, { "id-again", reach_id_again },
		{ "help", reach_help_from_reader },
		{ "participants", reach_participants }, { "modules", reach_modules },
		{ "modules", reach_modules_community }, { "reader", reach_reader },
		{ "quiz", reach_quiz }, { "result", reach_result },
		{ "admin-pin", reach_admin_pin }, { "admin", reach_admin },
	};
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		for (int by_key = 0; by_key < 2; by_key++) {
			cases[i].reach();
			assert_screen(cases[i].screen);
			if (by_key)
				key(K_ESCAPE);
			else
				press("exit");
			assert_screen("language");
			assert_false(app_view(T->a)->rtl);
			/* every session begun so far is over */
			assert_sql("SELECT count(*) FROM sessions WHERE ended_at IS NULL", "0");
			/* nothing typed or identified survives */
			press("lang:en");
			press("mode:personnel");
			assert_string_equal(field(), "");
			assert_true(disabled("key:ok"));
			press("exit");
		}
	}
	/* the quiz left half-done stays unfinished, with its answer */
	assert_sql("SELECT count(*) FROM completions WHERE finished_at IS NULL", "2");
	assert_sql("SELECT count(*) FROM answers a JOIN completions c ON c.uuid = a.completion_uuid "
	           "WHERE c.finished_at IS NULL", "2");
}

/* Untouched for idle_ms: back to the start, the session ended. */
static void test_idle_timeout(void **state)
{
	(void)state;
	assert_int_equal(app_next_timer(T->a, T->now), -1);   /* nothing to time out */
	later(10 * IDLE_MS);
	app_tick(T->a, T->now);
	assert_screen("language");
	to_modules_community("en", "4");
	assert_int_equal(app_next_timer(T->a, T->now), IDLE_MS);
	to_quiz(WELCOME);
	answer("emphasis", 1);
	int64_t last = T->now;
	app_tick(T->a, last + IDLE_MS / 2);
	assert_int_equal(app_next_timer(T->a, last + IDLE_MS / 2), IDLE_MS / 2);
	/* any input starts the wait again */
	later(IDLE_MS / 2);
	key(K_TAB);
	last = T->now;
	app_tick(T->a, last + IDLE_MS - 1);
	assert_screen("quiz");
	app_tick(T->a, last + IDLE_MS);
	assert_screen("language");
	char *want = xasprintf("%lld", (long long)(last + IDLE_MS));
	assert_sql("SELECT ended_at FROM sessions", want);
	free(want);
	assert_sql("SELECT count(finished_at), count(*) FROM completions", "0|1");
	assert_sql("SELECT count(*) FROM answers", "1");
	assert_int_equal(app_next_timer(T->a, last + IDLE_MS), -1);
	/* the next person starts clean */
	T->now = last + IDLE_MS;
	press("lang:en");
	press("mode:personnel");
	assert_string_equal(field(), "");
}

/* Keyboard: Tab moves a visible focus ring, Enter activates the focused
 * widget, digits type on the keypads, Backspace deletes, PageDown turns
 * pages. */
static void test_keyboard(void **state)
{
	(void)state;
	assert_null(focus());          /* no ring until the keyboard is used */
	key(K_TAB);
	assert_string_equal(focus()->id, "lang:en");
	key(K_TAB);
	assert_string_equal(focus()->id, "lang:fr");
	key(K_BACKTAB);
	key(K_BACKTAB);
	assert_string_equal(focus()->id, "lang:ar");   /* wraps around */
	tab_to("lang:en");
	key(K_ENTER);
	assert_screen("mode");
	tab_to("mode:personnel");
	key(K_ENTER);
	assert_screen("id");
	type("4");
	type("42");
	key(K_BACKSPACE);
	assert_string_equal(field(), "44");
	tab_to("key:ok");
	key(K_ENTER);
	assert_screen("id-again");
	type("44");
	tab_to("key:ok");
	key(K_ENTER);
	assert_screen("modules");
	tab_to("module:" WELCOME);
	key(K_ENTER);
	assert_screen("reader");
	while (!strcmp(app_screen(T->a), "reader"))
		key(K_PAGEDOWN);
	assert_screen("quiz");
	tab_to("choice:emphasis");
	key(K_ENTER);
	assert_true(flags("choice:emphasis") & WF_SELECTED);
	tab_to("confirm");
	key(K_ENTER);
	assert_true(must("feedback")->flags & WF_GOOD);
	assert_sql("SELECT c.person_ref, a.chosen FROM answers a "
	           "JOIN completions c ON c.uuid = a.completion_uuid", "44|emphasis");
	/* a tap ends the keyboard's ring */
	tap("next");
	assert_null(focus());
	assert_shows("Question 2 of 3");
}

/* Taps: pressed where they start and released on the same widget. */
static void test_taps(void **state)
{
	(void)state;
	tap("lang:en");
	assert_screen("mode");
	/* down on one widget, up on another: nothing */
	const struct widget *a = must("mode:personnel"), *b = must("mode:community");
	int ax = a->x + a->w / 2, ay = a->y + a->h / 2, bx = b->x + b->w / 2, by = b->y + b->h / 2;
	app_pointer_down(T->a, ax, ay, T->now);
	assert_true(flags("mode:personnel") & WF_PRESSED);
	app_pointer_up(T->a, bx, by, T->now);
	assert_screen("mode");
	assert_false(flags("mode:personnel") & WF_PRESSED);
	tap("mode:personnel");
	assert_screen("id");
	tap("key:3");
	tap("key:1");
	assert_string_equal(field(), "31");
	tap_at(5, H - 5);              /* nothing there */
	assert_screen("id");
	tap("key:ok");
	assert_screen("id-again");
	tap("key:3");
	tap("key:1");
	tap("key:ok");
	assert_screen("modules");
}

/* Right to left: Arabic mirrors the screen (quick exit on the left, the
 * next button on the left), except the keypad, which keeps phone order;
 * English has the exit on the right. */
static void test_rtl_mirroring(void **state)
{
	(void)state;
	press("lang:ar");
	assert_screen("mode");
	assert_true(app_view(T->a)->rtl);
	const struct widget *x = must("exit");
	assert_true(x->x + x->w / 2 < W / 2);
	assert_true(x->x + x->w <= W);
	press("mode:personnel");
	x = must("exit");
	assert_true(x->x + x->w / 2 < W / 2);
	assert_true(must("key:1")->x < must("key:3")->x);
	type_id("8");
	press("module:" WELCOME);
	assert_true(must("next")->x + must("next")->w / 2 < W / 2);
	assert_true(must("back")->x + must("back")->w / 2 > W / 2);
	press("exit");
	assert_false(app_view(T->a)->rtl);

	press("lang:en");
	assert_false(app_view(T->a)->rtl);
	x = must("exit");
	assert_true(x->x + x->w / 2 > W / 2);
	assert_true(x->x + x->w <= W);
	press("mode:personnel");
	type_id("8");
	press("module:" WELCOME);
	assert_true(must("next")->x + must("next")->w / 2 > W / 2);
	assert_true(must("back")->x + must("back")->w / 2 < W / 2);

	/* left and right arrows follow the screen's direction */
	press("exit");
	press("lang:ar");
	key(K_TAB);
	const char *first = focus()->id;
	char keep[96];
	snprintf(keep, sizeof keep, "%s", first);
	key(K_LEFT);      /* in RTL, left is forward */
	assert_string_not_equal(focus()->id, keep);
	key(K_RIGHT);
	assert_string_equal(focus()->id, keep);
}

/* The admin PIN: wrong tries, then a growing wait (30 s after the third),
 * a try too early refused even with the right PIN, the right PIN after the
 * wait opens the admin screen. */
static void test_admin_pin_lockout(void **state)
{
	(void)state;
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	press("lang:en");
	key(K_F12);
	assert_screen("admin-pin");
	for (int i = 0; i < 2; i++) {
		type("1111");
		press("key:ok");
		assert_screen("admin-pin");
		assert_shows("Wrong PIN.");
		assert_string_equal(field(), "");
	}
	type("1357");
	int64_t third = T->now + 100;
	press("key:ok");
	assert_shows("Too many tries. Wait 30 seconds.");
	/* typing clears the message; 10 s later the right PIN is refused */
	T->now = third + 10000 - 100 - 100;
	type(PIN);
	assert_not_shows("Too many tries");
	press("key:ok");               /* at third + 10 s */
	assert_screen("admin-pin");
	assert_shows("Too many tries. Wait 20 seconds.");
	/* after the wait it works */
	T->now = third + 30000 - 200;
	type(PIN);
	press("key:ok");
	assert_screen("admin");
	assert_shows("Administration");
	assert_shows("No completions yet.");
}

/* The failures live in the records file: a restarted kiosk still waits. */
static void test_admin_lockout_survives_restart(void **state)
{
	(void)state;
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	key(K_F12);
	for (int i = 0; i < 3; i++) {
		type("0000");
		press("key:ok");
	}
	assert_shows("Wait 30 seconds");
	restart("ask", W, H);
	key(K_F12);
	type(PIN);
	press("key:ok");
	assert_screen("admin-pin");
	assert_shows("Too many tries.");
}

/* A PIN typed on a shared screen is not shown in clear. */
static void test_admin_pin_not_shown(void **state)
{
	(void)state;
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	key(K_F12);
	type(PIN);
	size_t marks = 0;   /* one mark (a code point) per digit */
	for (const char *c = field(); *c; c++)
		marks += ((unsigned char)*c & 0xC0) != 0x80;
	assert_int_equal(marks, strlen(PIN));
	assert_not_shows(PIN);
	const struct view *v = app_view(T->a);
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].text && strstr(v->v[i].text, PIN))
			fail_msg("the PIN is drawn in clear in widget \"%s\"", v->v[i].id);
	press("key:ok");
	assert_screen("admin");
}

/* Long press (3 s) in the top-left corner opens the PIN keypad; shorter,
 * or elsewhere, does nothing. */
static void test_long_press_corner(void **state)
{
	(void)state;
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	/* elsewhere: nothing, however long */
	app_pointer_down(T->a, W / 2, 30, T->now);
	app_tick(T->a, T->now + 10000);
	app_pointer_up(T->a, W / 2, 30, T->now + 10000);
	assert_screen("language");
	/* in the corner but too short */
	later(10000);
	app_pointer_down(T->a, 10, 10, T->now);
	assert_int_equal(app_next_timer(T->a, T->now), 3000);
	app_tick(T->a, T->now + 2999);
	app_pointer_up(T->a, 10, 10, T->now + 2999);
	assert_screen("language");
	/* long enough */
	later(10000);
	app_pointer_down(T->a, 10, 10, T->now);
	app_tick(T->a, T->now + 2999);
	assert_screen("language");
	app_tick(T->a, T->now + 3000);
	assert_screen("admin-pin");
	app_pointer_up(T->a, 10, 10, T->now + 3100);
	assert_screen("admin-pin");
	press("exit");
	/* from another screen too */
	press("lang:en");
	press("mode:personnel");
	app_pointer_down(T->a, 100, 100, T->now);
	app_tick(T->a, T->now + 3000);
	assert_screen("admin-pin");
}

/* In Arabic the quick exit is mirrored into the top-left corner, where the
 * admin long press is.  Someone holding "exit" must get out, not land on
 * the admin keypad. */
static void test_rtl_long_press_on_exit_leaves(void **state)
{
	(void)state;
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	press("lang:ar");
	press("mode:personnel");
	const struct widget *x = must("exit");
	int px = x->x + 20, py = x->y + x->h / 2;   /* on the exit button */
	assert_non_null(view_hit(app_view(T->a), px, py));
	assert_string_equal(view_hit(app_view(T->a), px, py)->id, "exit");
	app_pointer_down(T->a, px, py, T->now);
	for (int ms = 500; ms <= 4000; ms += 500)
		app_tick(T->a, T->now + ms);
	app_pointer_up(T->a, px, py, T->now + 4000);
	if (strcmp(app_screen(T->a), "language"))
		fail_msg("holding the quick exit (Arabic, at %d,%d) for 4 s ended on the "
		         "\"%s\" screen, not \"language\"", px, py, app_screen(T->a));
}

/* Leaving the admin screen goes back to the start: whatever session was
 * open when the admin came is over, as with the quick exit. */
static void test_admin_back_ends_session(void **state)
{
	(void)state;
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	to_modules_community("ar", "9");
	key(K_F12);
	type(PIN);
	press("key:ok");
	assert_screen("admin");
	press("back");
	assert_screen("language");
	assert_false(app_view(T->a)->rtl);
	assert_sql("SELECT count(*) FROM sessions WHERE ended_at IS NULL", "0");
}

/* The admin screen: counts per module and mode, export, close. */
static void test_admin_counts_export_quit(void **state)
{
	(void)state;
	struct err e = {0};
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	to_modules_personnel("en", "31");
	to_quiz(WELCOME);
	take_quiz("emphasis", 1, "heading,list", 1, "false", 1);
	press("exit");
	to_modules_community("en", "3");
	to_quiz(WELCOME);
	take_quiz("strong", 0, "heading,list", 1, "true", 0);
	press("exit");
	key(K_F12);
	type(PIN);
	press("key:ok");
	assert_screen("admin");
	assert_shows("Welcome: Mission personnel 1 (1)");
	assert_shows("Welcome: Community session 1 (0)");
	press("export");
	const struct widget *m = must("message");
	assert_non_null(strstr(m->label, "Records exported to:"));
	const char *path = strstr(m->label, T->dir);
	assert_non_null(path);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 0);
	assert_false(app_quit(T->a));
	press("quit");
	assert_true(app_quit(T->a));
}

/* An answer that cannot be saved is never shown as saved. */
static void test_save_failure(void **state)
{
	(void)state;
	to_modules_personnel("en", "64");
	to_quiz(WELCOME);
	assert_int_equal(sqlite3_exec(store_test_db(T->st), "PRAGMA query_only = 1", NULL, NULL,
	                              NULL), SQLITE_OK);
	press("choice:emphasis");
	press("confirm");
	assert_screen("error");
	assert_null(find("feedback"));
	assert_non_null(strstr(must("message")->label, "could not be saved"));
	assert_int_equal(sqlite3_exec(store_test_db(T->st), "PRAGMA query_only = 0", NULL, NULL,
	                              NULL), SQLITE_OK);
	press("exit");
	assert_screen("language");
	assert_sql("SELECT count(*) FROM answers", "0");
}

/* ---- narration ------------------------------------------------------------ */

/* A fake voice: what was played (the audio's key), in order, and the
 * stops; a voice lasts fake.voice_ms of the test's clock. */
#define VOICE_MS 1000
static struct {
	char played[16][17];
	int nplayed, stops;
	int64_t ends;
	int on;
	int64_t voice_ms;
} fake;

static int fake_play(void *ctx, const unsigned char *opus, size_t len, int64_t now)
{
	(void)ctx;
	(void)len;
	/* the fake voices' bytes are their keys (give_voices) */
	if (fake.nplayed < 16)
		snprintf(fake.played[fake.nplayed++], 17, "%s", (const char *)opus);
	fake.on = 1;
	fake.ends = now + fake.voice_ms;
	return 0;
}

static void fake_stop(void *ctx)
{
	(void)ctx;
	fake.stops++;
	fake.on = 0;
}

static int fake_playing(void *ctx, int64_t now)
{
	(void)ctx;
	if (fake.on && now >= fake.ends)
		fake.on = 0;
	return fake.on;
}

static int walk_voiced;   /* walk_all gives its apps the fake voice */

static void fake_sound(void)
{
	struct sound snd = { fake_play, fake_stop, fake_playing, NULL };
	app_set_sound(T->a, &snd);
}

/* A voice for every block of module `module` in language `lang` (the
 * golden fixture's material, taken away by take_voices), and the fake
 * sound for the app. */
/* A voice for text `t` shown in language `lang` (its bytes: its key). */
static void give_voice(struct material *m, const struct m_text *t, size_t lang, int synthetic)
{
	size_t l = t->fallback ? m->source : lang;
	if (!t->key[0] || !t->text[0] || strmap_get(m->audio_by_key[l], t->key))
		return;
	m->audio = xrealloc(m->audio, (m->naudio + 1) * sizeof *m->audio);
	struct m_audio *au = &m->audio[m->naudio++];
	*au = (struct m_audio){ l, "", synthetic, (unsigned char *)xstrdup(t->key), 17 };
	memcpy(au->key, t->key, sizeof au->key);
	strmap_put(m->audio_by_key[l], au->key, (void *)m->naudio);
}

/* A voice for chrome string `key` in every language, and for every
 * helpline's texts. */
static void give_help_voices(struct material *m)
{
	static const char *const keys[] = { "help_danger_title", "help_danger", "help_intro",
	                                    "help_no_number", "help_un_title", "help_un_intro",
	                                    "helpline_example", "kiosk_not_translated" };
	memset(&fake, 0, sizeof fake);
	fake.voice_ms = VOICE_MS;
	for (size_t l = 0; l < m->nlangs; l++) {
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
			struct m_text t = { (char *)"x", NULL, 0, material_ui_fallback(m, l, keys[k]), "" };
			snprintf(t.key, sizeof t.key, "%s", material_ui_key(m, keys[k]));
			give_voice(m, &t, l, 1);
		}
		for (size_t h = 0; h < m->nhelplines; h++) {
			give_voice(m, &m->helplines[h].name[l], l, 1);
			give_voice(m, &m->helplines[h].description[l], l, 1);
			give_voice(m, &m->helplines[h].hours[l], l, 1);
		}
	}
	fake_sound();
}

/* Voices for every block and quiz text of module `module` in language
 * `lang` (taken away by take_voices), and the fake sound for the app. */
static void give_voices_in(struct material *m, size_t module, size_t lang, int synthetic)
{
	const struct m_module *mo = &m->modules[module];
	memset(&fake, 0, sizeof fake);
	fake.voice_ms = VOICE_MS;
	for (size_t b = 0; b < mo->nblocks[lang]; b++)
		give_voice(m, &mo->blocks[lang][b].t, lang, synthetic);
	for (size_t q = 0; mo->quiz && q < mo->quiz->nquestions; q++) {
		const struct m_question *qq = &mo->quiz->questions[q];
		give_voice(m, &qq->prompt[lang], lang, synthetic);
		give_voice(m, &qq->explanation[lang], lang, synthetic);
		for (size_t c = 0; c < qq->nchoices; c++) {
			give_voice(m, &qq->choices[c].text[lang], lang, synthetic);
			give_voice(m, &qq->choices[c].feedback[lang], lang, synthetic);
		}
	}
	fake_sound();
}

static void give_voices(size_t module, size_t lang, int synthetic)
{
	give_voices_in(mat, module, lang, synthetic);
}

static void voices_free(struct material *m)
{
	for (size_t i = 0; i < m->naudio; i++)
		free(m->audio[i].data);
	free(m->audio);
	m->audio = NULL;
	m->naudio = 0;
	for (size_t l = 0; l < m->nlangs; l++) {
		strmap_free(m->audio_by_key[l], NULL);
		m->audio_by_key[l] = strmap_new();
	}
}

static int take_voices(void **state)
{
	voices_free(mat);
	voices_free(kmat);
	return teardown(state);
}

/* The key of block `n` (from 1) of the welcome module in English. */
static const char *block_key(size_t n)
{
	return mat->modules[0].blocks[0][n - 1].t.key;
}

static void to_welcome_reader_of(const char *module)
{
	press("lang:en");
	press("mode:personnel");
	type_id("1");
	press(module);
	assert_screen("reader");
}

static void to_welcome_reader(void)
{
	to_welcome_reader_of("module:" WELCOME);
}

/* The number of blocks listed on the page. */
static int blocks_listed(void)
{
	const struct view *v = app_view(T->a);
	int n = 0;
	for (size_t i = 0; i < v->n; i++)
		n += !strncmp(v->v[i].id, "block:", 6);
	return n;
}

static int anything_speaking(void)
{
	const struct view *v = app_view(T->a);
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].flags & WF_SPEAKING)
			return 1;
	return 0;
}

/* Listen reads the page's blocks in order, the one playing highlighted;
 * only a page with voices has Listen; a recording says no "machine voice". */
static void test_listen_reads_the_page(void **state)
{
	(void)state;
	to_welcome_reader();
	assert_null(find("listen"));   /* no voices: no Listen */
	give_voices(0, 0, 0);
	const struct widget *l = must("listen");
	assert_true(l->w >= 48 && l->h >= 48);
	assert_string_equal(l->label, "Listen");
	assert_null(find("machine-voice"));
	assert_false(anything_speaking());
	press("listen");
	assert_int_equal(fake.nplayed, 1);
	assert_string_equal(fake.played[0], block_key(1));
	assert_true(flags("block:1") & WF_SPEAKING);
	assert_false(flags("block:2") & WF_SPEAKING);
	int listed = blocks_listed();
	assert_true(listed >= 3);
	for (int n = 2; n <= listed; n++) {
		later(VOICE_MS);
		app_tick(T->a, T->now);
		char id[24];
		snprintf(id, sizeof id, "block:%d", n);
		assert_string_equal(fake.played[n - 1], block_key((size_t)n));
		assert_true(flags(id) & WF_SPEAKING);
	}
	later(VOICE_MS);
	app_tick(T->a, T->now);   /* the page read: silence, nothing highlighted */
	assert_int_equal(fake.nplayed, listed);
	assert_false(anything_speaking());
	assert_int_equal(app_next_timer(T->a, T->now), IDLE_MS);
}

/* Listen pressed again, another page, a tap elsewhere and Leave each stop
 * the voice. */
static void test_listen_stops(void **state)
{
	(void)state;
	to_welcome_reader();
	give_voices(0, 0, 0);
	press("listen");
	press("listen");
	assert_false(fake.on);
	assert_false(anything_speaking());
	press("listen");
	press("help");   /* another screen */
	assert_false(fake.on);
	press("back");
	assert_screen("reader");
	assert_false(anything_speaking());
	press("listen");
	assert_true(fake.on);
	const struct widget *b = must("block:1");
	tap_at(b->x + 2, b->y + 2);   /* a text is not pressable: a tap elsewhere */
	assert_false(fake.on);
	assert_false(anything_speaking());
	press("listen");
	assert_true(fake.on);
	press("exit");
	assert_screen("language");
	assert_false(fake.on);
	to_welcome_reader();
	press("listen");
	key(K_ESCAPE);   /* Leave from the keyboard: no press, the same end */
	assert_screen("language");
	assert_false(fake.on);
	assert_int_equal(fake.nplayed, 5);
}

/* On a question: the prompt, then each answer, highlighted in turn; after
 * confirming, the feedback of the answer chosen and the explanation. */
static void test_listen_quiz(void **state)
{
	(void)state;
	to_welcome_reader();
	give_voices(0, 0, 0);
	press("next");
	assert_screen("quiz");
	const struct m_question *q = &mat->modules[0].quiz->questions[0];
	press("listen");
	assert_string_equal(fake.played[0], q->prompt[0].key);
	assert_true(flags("prompt") & WF_SPEAKING);
	for (size_t c = 0; c < q->nchoices; c++) {
		char id[96];
		later(VOICE_MS);
		app_tick(T->a, T->now);
		snprintf(id, sizeof id, "choice:%s", q->choices[c].key);
		assert_string_equal(fake.played[c + 1], q->choices[c].text[0].key);
		assert_true(flags(id) & WF_SPEAKING);
		assert_false(flags("prompt") & WF_SPEAKING);
	}
	char id[96];
	snprintf(id, sizeof id, "choice:%s", q->choices[0].key);
	press(id);   /* choosing stops the voice */
	assert_false(fake.on);
	press("confirm");
	int before = fake.nplayed;
	press("listen");
	int n = before;
	if (q->choices[0].feedback[0].text[0]) {
		assert_string_equal(fake.played[n++], q->choices[0].feedback[0].key);
		assert_true(flags("feedback") & WF_SPEAKING);
		later(VOICE_MS);
		app_tick(T->a, T->now);
	}
	assert_string_equal(fake.played[n], q->explanation[0].key);
	assert_true(flags("explanation") & WF_SPEAKING);
}

/* Get help read aloud: what to do in danger first (its card highlighted),
 * then the intro; a machine voice said so. */
static void test_listen_help(void **state)
{
	(void)state;
	to_welcome_reader();
	give_help_voices(mat);
	press("help");
	assert_screen("help");
	assert_non_null(find("machine-voice"));
	press("listen");
	assert_string_equal(fake.played[0], material_ui_key(mat, "help_danger_title"));
	assert_true(flags("help-danger") & WF_SPEAKING);
	later(VOICE_MS);
	app_tick(T->a, T->now);
	assert_string_equal(fake.played[1], material_ui_key(mat, "help_danger"));
	assert_true(flags("help-danger") & WF_SPEAKING);
	later(VOICE_MS);
	app_tick(T->a, T->now);
	assert_string_equal(fake.played[2], material_ui_key(mat, "help_intro"));
	assert_true(flags("help-intro") & WF_SPEAKING);
	assert_false(flags("help-danger") & WF_SPEAKING);
	press("back");   /* back to the reader: silence */
	assert_screen("reader");
	assert_false(fake.on);
}

/* --read-aloud: a community session's pages read by themselves, each
 * once; a voice stopped stays stopped; a personnel session is not read. */
static void test_read_aloud(void **state)
{
	(void)state;
	T->m = kmat;
	restart("community", W, H);
	app_set_read_aloud(T->a, 1);
	give_voices_in(kmat, 1, 1, 1);
	press("lang:fr");
	type("5");
	press("key:ok");
	app_tick(T->a, T->now);
	assert_false(fake.on);   /* the module list has no voices */
	press("module:sensitization/01-what-is-sexual-violence-in-conflict");
	app_tick(T->a, T->now);
	assert_true(fake.on);
	assert_true(flags("block:1") & WF_SPEAKING);
	const struct widget *b = must("block:1");
	tap_at(b->x + 2, b->y + 2);   /* stopped: and it stays so */
	app_tick(T->a, T->now);
	later(10 * VOICE_MS);
	app_tick(T->a, T->now);
	assert_false(fake.on);
	int played = fake.nplayed;
	press("next");
	app_tick(T->a, T->now);
	assert_true(fake.on);   /* the next page, by itself */
	assert_int_equal(fake.nplayed, played + 1);
	app_set_read_aloud(T->a, 0);
}

static void test_read_aloud_not_personnel(void **state)
{
	(void)state;
	app_set_read_aloud(T->a, 1);
	to_welcome_reader();
	give_voices(0, 0, 0);
	app_tick(T->a, T->now);
	assert_false(fake.on);
	assert_int_equal(fake.nplayed, 0);
}

/* Turning the page stops the voice: what it says is on the page left. */
static void test_listen_stops_on_a_new_page(void **state)
{
	(void)state;
	T->m = kmat;
	start_app(T);
	to_welcome_reader_of("module:policy/01-what-is-crsv");
	give_voices_in(kmat, 0, 0, 0);
	press("listen");
	assert_true(fake.on);
	press("next");
	assert_screen("reader");
	assert_false(fake.on);
	assert_false(anything_speaking());
	press("listen");   /* the new page's own */
	assert_true(fake.on);
	key(K_PAGEUP);
	assert_false(fake.on);
}

/* A person listening is not away: the idle timeout waits while a voice
 * plays, and counts again from its end. */
static void test_idle_waits_while_listening(void **state)
{
	(void)state;
	to_welcome_reader();
	give_voices(0, 0, 1);
	assert_non_null(find("machine-voice"));   /* a machine voice is said so */
	fake.voice_ms = 10 * IDLE_MS;
	press("listen");
	for (int i = 0; i < 20; i++) {
		later(IDLE_MS / 4);
		app_tick(T->a, T->now);
		assert_true(app_next_timer(T->a, T->now) <= NARRATOR_POLL_MS);
	}
	assert_screen("reader");
	assert_true(fake.on);
	press("listen");   /* silence: the timeout counts from here */
	later(IDLE_MS - 1);
	app_tick(T->a, T->now);
	assert_screen("reader");
	later(2);
	app_tick(T->a, T->now);
	assert_screen("language");
}

/* Reader pages at a small size: next and back step through them, back on
 * the first page returns to the list, a module without a quiz ends on the
 * list; a resize keeps the reader on a page that exists. */
static void test_reader_pages(void **state)
{
	(void)state;
	int k, pages, n;
	restart("personnel", 480, 320);
	press("lang:en");
	type_id("1");
	press("module:" WELCOME);
	page_of(&k, &pages);
	assert_int_equal(k, 1);
	assert_true(pages >= 2);
	assert_string_equal(must("next")->label, "Next");
	press("next");
	page_of(&k, &n);
	assert_int_equal(k, 2);
	key(K_PAGEUP);
	page_of(&k, &n);
	assert_int_equal(k, 1);
	for (int i = 1; i < pages; i++)
		press("next");
	page_of(&k, &n);
	assert_int_equal(k, pages);
	assert_string_equal(must("next")->label, "Start the quiz");
	/* a bigger window: fewer pages, still on one that exists */
	app_resize(T->a, W, H);
	page_of(&k, &n);
	assert_true(n < pages);
	assert_true(k >= 1 && k <= n);
	app_resize(T->a, 480, 320);
	page_of(&k, &n);
	assert_int_equal(n, pages);
	for (int i = 1; i < k; i++)
		press("back");
	page_of(&k, &n);
	assert_int_equal(k, 1);
	press("back");
	assert_screen("modules");
	/* no quiz: the last page leads back to the list (a module a page on
	 * this small screen) */
	while (!find("module:basics/02-safety"))
		press("page-next");
	press("module:basics/02-safety");
	for (int i = 0; i < 50 && strcmp(must("next")->label, "Back to the track"); i++)
		press("next");
	press("next");
	assert_screen("modules");
	assert_sql("SELECT count(*) FROM completions", "0");
}

/* The module list in pages when the screen is small. */
static void test_module_list_pages(void **state)
{
	(void)state;
	restart("personnel", 640, 480);
	press("lang:en");
	type_id("1");
	assert_null(find("page-prev"));
	int seen = !!find("module:basics/01-welcome") + !!find("module:basics/02-safety") +
	           !!find("module:help/01-get-help");
	assert_true(seen >= 1 && seen < 3);
	press("page-next");
	seen += !!find("module:basics/01-welcome") + !!find("module:basics/02-safety") +
	        !!find("module:help/01-get-help");
	assert_int_equal(seen, 3);
	assert_non_null(find("page-prev"));
	press("page-prev");
	assert_null(find("page-prev"));
}

/* The view is rebuilt only when something changed. */
static void test_dirty(void **state)
{
	(void)state;
	app_view(T->a);
	assert_false(app_dirty(T->a));
	app_tick(T->a, T->now + 1000);
	assert_false(app_dirty(T->a));
	key(K_TAB);
	assert_true(app_dirty(T->a));
	app_view(T->a);
	assert_false(app_dirty(T->a));
}

/* ---- a redraw costs nothing; building runs no SQL ---------------------------
 *
 * The kiosk's code calls malloc, calloc and realloc (xmalloc and friends
 * too) through these: the Makefile links this suite with -Wl,--wrap for
 * them.  So its heap allocations are counted while `counting` is set; the
 * statements run on the records connection are counted by a trace. */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);

static int counting;
static unsigned long allocations;

void *__wrap_malloc(size_t n)
{
	allocations += counting;
	return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	allocations += counting;
	return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	allocations += counting;
	return __real_realloc(p, n);
}

static int count_statement(unsigned type, void *ctx, void *stmt, void *sql)
{
	(void)type;
	(void)stmt;
	(void)sql;
	++*(int *)ctx;
	return 0;
}

static void reach_language(void) {}
static void reach_error(void) { press("lang:en"); key(K_F12); }   /* no PIN set */
static void reach_help(void) { to_modules_community("fr", "4"); press("help"); }
static void reach_admin_name(void) { reach_admin(); press("name"); type("Tente 3"); }

/* Every screen: ten redraws with nothing changed allocate nothing (the view
 * built before is given again), and a rebuild (the window "resized" to its
 * own size) runs no SQL: what a screen shows of the records was read on
 * entering it.  A new screen is added here. */
static void test_redraw_costs_nothing(void **state)
{
	(void)state;
	static const struct {
		const char *screen;
		reach_fn reach;
	} cases[] = {
		{ "language", reach_language }, { "error", reach_error }, { "mode", reach_mode },
		{ "id", reach_id }, { "id-again", reach_id_again },
		{ "participants", reach_participants },
		{ "modules", reach_modules }, { "modules", reach_modules_community },
		{ "help", reach_help_from_reader },
		{ "reader", reach_reader }, { "quiz", reach_quiz }, { "result", reach_result },
		{ "help", reach_help }, { "admin-pin", reach_admin_pin }, { "admin", reach_admin },
		{ "admin-name", reach_admin_name },
	};
	sqlite3 *db = store_test_db(T->st);
	int statements = 0;
	/* person 99 (reach_modules) has passed a module: the list has a mark */
	to_modules_personnel("en", "99");
	to_quiz(WELCOME);
	take_quiz("emphasis", 1, "heading,list", 1, "false", 1);
	key(K_ESCAPE);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct err e = {0};
		if (i == 2 && store_set_pin(T->st, PIN, &e) < 0)   /* after the error screen */
			fail_msg("store_set_pin: %s", e.msg);
		cases[i].reach();
		assert_screen(cases[i].screen);
		const struct view *v = app_view(T->a);
		allocations = 0;
		counting = 1;
		for (int k = 0; k < 10; k++)
			app_view(T->a);
		counting = 0;
		if (allocations)
			fail_msg("%s: %lu heap allocations in 10 redraws of an unchanged screen",
			         cases[i].screen, allocations);
		sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_statement, &statements);
		statements = 0;
		app_resize(T->a, v->width, v->height);
		app_view(T->a);
		sqlite3_trace_v2(db, 0, NULL, NULL);
		if (statements)
			fail_msg("%s: %d SQL statements while building the view", cases[i].screen,
			         statements);
		key(K_ESCAPE);
		assert_screen("language");
	}
}

/* Script lines as --script reads them. */
static void test_script_parse(void **state)
{
	(void)state;
	struct action a;
	struct err e = {0};
	assert_int_equal(script_parse("press choice:a", "s", 1, &a, &e), 0);
	assert_int_equal(a.kind, A_PRESS);
	assert_string_equal(a.arg, "choice:a");
	assert_int_equal(script_parse("  tap 10 20\r", "s", 2, &a, &e), 0);
	assert_int_equal(a.kind, A_TAP);
	assert_int_equal(a.x, 10);
	assert_int_equal(a.y, 20);
	assert_int_equal(script_parse("wait 121000", "s", 3, &a, &e), 0);
	assert_int_equal(a.ms, 121000);
	assert_int_equal(script_parse("type 12 34", "s", 4, &a, &e), 0);
	assert_string_equal(a.arg, "12 34");
	assert_int_equal(script_parse("# comment", "s", 5, &a, &e), 0);
	assert_int_equal(a.kind, A_NONE);
	assert_int_equal(script_parse("", "s", 6, &a, &e), 0);
	assert_int_equal(a.kind, A_NONE);
	assert_int_equal(script_parse("jump 3", "s", 7, &a, &e), -1);
	assert_err(e, "s", 7, "unknown action");
	assert_int_equal(script_parse("tap 10", "s", 8, &a, &e), -1);
	assert_err(e, "s", 8, "two numbers");
	assert_int_equal(script_parse("wait -5", "s", 9, &a, &e), -1);
	assert_err(e, "s", 9, "milliseconds");
	assert_int_equal(script_parse("press", "s", 10, &a, &e), -1);
	assert_err(e, "s", 10, "needs an argument");
}

/* ---- everything fits ---------------------------------------------------------
 *
 * Whatever the text, a screen must stay readable: every widget inside the
 * window, the text of a box (answer, button, key, panel) inside its box,
 * and no two things drawn over each other.  These walk every screen of the
 * kiosk (the reader and quiz on the kiosk fixture's real modules, help,
 * the error screen, the admin's), with metrics close to the real fonts'
 * (the 10-px-a-byte ones are too kind), and list every problem found.  A
 * new screen is added to walk_all. */

/* Metrics close to the renderer's fonts (kiosk/render.c: title 40 px,
 * heading 34, body and buttons 30, small 24, keys 40, tiny 18), measured once from
 * Noto Sans and Noto Naskh Arabic with SDL_ttf: a Latin character is about
 * 0.46 em wide and a line 1.37 em high; an Arabic letter (joined, as
 * HarfBuzz shapes it) 0.43 em, a line 1.72 em (harakat take no room). */
static const int role_px[ROLE_COUNT] = { 40, 34, 30, 30, 24, 40, 18 };

struct font_like {
	struct measure m;
	int px;
};

static struct font_like like[ROLE_COUNT][2];   /* [role][Arabic script] */

static int like_width(void *ctx, const char *s, size_t len, int style, int rtl)
{
	const struct font_like *f = ctx;
	int w = 0;
	(void)rtl;
	for (size_t i = 0; i < len;) {
		size_t used;
		unsigned c = utf8_decode(s + i, len - i, &used);
		if ((c >= 0x64B && c <= 0x65F) || c == 0x670)
			;   /* a haraka sits over its letter */
		else if (c >= 0x600 && c <= 0x6FF)
			w += f->px * 43 / 100;
		else
			w += f->px * (style & STYLE_STRONG ? 50 : 46) / 100;
		i += used ? used : 1;
	}
	return w;
}

static const struct measure *like_fonts(void *ctx, enum role role, size_t lang)
{
	const struct material *m = ctx;
	int arabic = m->langs[lang].rtl;
	struct font_like *f = &like[role][arabic];
	f->px = role_px[role];
	f->m = (struct measure){ like_width, role_px[role] * (arabic ? 172 : 137) / 100, f };
	return &f->m;
}

static struct fonts cfonts = { .measure = like_fonts, .ctx = NULL };

static int line_height(const struct widget *w)
{
	return T->fonts->measure(T->fonts->ctx, w->role, w->lang)->line_height;
}

struct rect {
	int x, y, w, h;
};

static int overlap(struct rect a, struct rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static int inside(struct rect a, struct rect b)   /* a within b */
{
	return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
}

static int boxed(const struct widget *w)
{
	return w->kind != WK_TEXT && w->kind != WK_RULE;
}

/* Where the widget's text is drawn. */
static struct rect text_rect(const struct widget *w)
{
	return (struct rect){ w->x, w->text_y, w->w, (int)w->nlines * line_height(w) };
}

static struct rect box(const struct widget *w)
{
	return (struct rect){ w->x, w->y, w->w, w->h };
}

static const char *wname(const struct widget *w)
{
	static char name[2][140];
	static int k;
	const char *label = w->label ? w->label : "";
	int n = 0;
	/* the first 40 bytes or so, cut between characters */
	while (label[n] && (n < 40 || ((unsigned char)label[n] & 0xC0) == 0x80))
		n++;
	k ^= 1;
	snprintf(name[k], sizeof name[k], "%s \"%.*s\"", w->id[0] ? w->id : "(text)", n, label);
	return name[k];
}

/* A label: the text of a button or key, or the title in the bar. */
static int is_label(const struct widget *w, const struct view *v)
{
	return w->kind == WK_BUTTON || w->kind == WK_PRIMARY || w->kind == WK_EXIT ||
	       w->kind == WK_KEY || (w->kind == WK_TEXT && w->y + w->h <= v->bar_h);
}

/* The first line of w's text shown that ends inside a word (the next line
 * starts right after a letter: not after a space, a newline or a hyphen),
 * or -1; or the first line not shown, when fewer lines are shown than laid
 * out. */
static long word_broken(const struct widget *w)
{
	const struct text_layout *l = w->shared ? w->shared : &w->layout;
	if (w->first_line + w->nlines < l->nlines)
		return (long)(w->first_line + w->nlines);
	for (size_t i = w->first_line; i + 1 < l->nlines; i++) {
		char c = w->text[l->lines[i + 1].start - 1];
		if (c != ' ' && c != '\n' && c != '-')
			return (long)i;
	}
	return -1;
}

/* The panel sizes a kiosk is found on: a 7-inch, a 10-inch, the default,
 * portrait. */
static const int sizes[][2] = { { 800, 480 }, { 1024, 600 }, { 1280, 800 }, { 720, 1280 } };

static const char *kui(const char *lang, const char *key)
{
	for (size_t l = 0; l < kmat->nlangs; l++)
		if (!strcmp(kmat->langs[l].code, lang))
			return material_ui(kmat, l, key);
	return key;
}

/* Whether w is a button of the footer (where "Get help" is). */
static int footer_button(const struct widget *w, int height)
{
	int top = app_view(T->a)->footer_top;
	(void)height;
	return w->id[0] && w->y >= top && (w->kind == WK_BUTTON || w->kind == WK_PRIMARY ||
	                                   w->kind == WK_EXIT);
}

/* A quiz answer that runs under the footer: a question whose answers
 * cannot all fit a 7-inch panel (they ran under "Confirm" before "Get
 * help" was there), a problem of the quiz's layout, not of the footer. */
static int answer_overflows(const struct widget *w, int height)
{
	int top = app_view(T->a)->footer_top;
	(void)height;
	return !strncmp(w->id, "choice:", 7) && w->y + w->h > top;
}

/* A touch target's least width and height: a finger's. */
#define MIN_TARGET 48

/* Problems on the current screen, added to `b` ("where: ..."): of every
 * widget, or with `footer_only` of the footer alone: its buttons inside
 * the window and over nothing else, "Get help"'s label in its box (the
 * others' are the labels' own fitting). */
static void check_widgets(struct buf *b, const char *where, int footer_only)
{
	const struct view *v = app_view(T->a);
	struct rect win = { 0, 0, v->width, v->height };
	for (size_t i = 0; i < v->n; i++) {
		const struct widget *w = &v->v[i];
		int has_text = w->text && w->text[0] && w->nlines > 0;
		int mine = !footer_only || footer_button(w, v->height);
		int label = !footer_only || !strcmp(w->id, "help");
		int pressable = w->kind == WK_BUTTON || w->kind == WK_PRIMARY || w->kind == WK_EXIT ||
		                w->kind == WK_KEY || w->kind == WK_CHOICE;
		if (mine && pressable && (w->w < MIN_TARGET || w->h < MIN_TARGET))
			buf_printf(b, "%s: %s is %dx%d, smaller than a finger (%d px)\n", where, wname(w),
			           w->w, w->h, MIN_TARGET);
		if (label && has_text && w->role == ROLE_TINY)
			buf_printf(b, "%s: %s is in the tiny size, below the readable minimum\n", where,
			           wname(w));
		long broken = label && has_text && is_label(w, v) ? word_broken(w) : -1;
		if (broken >= 0)
			buf_printf(b, "%s: the label of %s breaks inside a word (line %ld of \"%s\")\n",
			           where, wname(w), broken + 1, w->text);
		if (mine && ((w->w > 0 && w->h > 0 && !inside(box(w), win)) ||
		             (has_text && !inside(text_rect(w), win))))
			buf_printf(b, "%s: %s is outside the %dx%d window (%d,%d %dx%d)\n", where,
			           wname(w), v->width, v->height, w->x, w->y, w->w, w->h);
		if (label && has_text && boxed(w) && !inside(text_rect(w), box(w)))
			buf_printf(b, "%s: the text of %s does not fit its box (%d lines from y %d, "
			           "box y %d..%d)\n", where, wname(w), (int)w->nlines, w->text_y, w->y,
			           w->y + w->h);
		for (size_t j = 0; j < i; j++) {
			const struct widget *o = &v->v[j];
			struct rect a = boxed(w) ? box(w) : text_rect(w);
			struct rect c = boxed(o) ? box(o) : text_rect(o);
			if (footer_only && ((!mine && !footer_button(o, v->height)) ||
			                    answer_overflows(w, v->height) ||
			                    answer_overflows(o, v->height)))
				continue;
			if (!boxed(w) && !has_text)
				continue;
			if (!boxed(o) && !(o->text && o->text[0] && o->nlines > 0))
				continue;
			/* a label inside a box is drawn on it on purpose (the mode
			 * buttons' notes, the reader's quotes) */
			if (inside(a, c) || inside(c, a))
				continue;
			if (overlap(a, c))
				buf_printf(b, "%s: %s and %s overlap\n", where, wname(w), wname(o));
		}
	}
}

static void check_screen(struct buf *b, const char *where)
{
	check_widgets(b, where, 0);
}

/* A walk through the screens, checking each as it goes. */
struct walk {
	struct buf *b;
	const char *lang;
	int width, height;
	int footer_only;
};

/* The current screen checked, named "<lang> <size> <what>". */
static void look(const struct walk *k, const char *what)
{
	char where[240];
	snprintf(where, sizeof where, "%s %dx%d %s", k->lang, k->width, k->height, what);
	check_widgets(k->b, where, k->footer_only);
}

static void press_lang(const struct walk *k)
{
	char id[32];
	snprintf(id, sizeof id, "lang:%s", k->lang);
	press(id);
}

/* The keypads: participants (OK with nothing, then a count), the ID,
 * typed again, wrongly (the message), then twice alike: the module list. */
static void walk_keypads(const struct walk *k)
{
	press_lang(k);
	look(k, "mode");
	press("mode:community");
	press("key:ok");
	look(k, "participants, nobody");
	type("12");
	look(k, "participants");
	press("exit");
	press_lang(k);
	press("mode:personnel");
	type("123456789012");
	look(k, "id");
	press("key:ok");
	type("123456789011");
	look(k, "id-again");
	press("key:ok");
	look(k, "id, not the same twice");
	type("123456789012");
	press("key:ok");
	type("123456789012");
	press("key:ok");
}

/* Help pressed on the current screen, its first page checked, and back. */
static void help_and_back(const struct walk *k, const char *from)
{
	char what[200];
	press("help");
	snprintf(what, sizeof what, "help from %s", from);
	look(k, what);
	press("back");
}

/* Module mi: every reader page (help from the first), every question
 * (help with its answers chosen), the result. */
static void walk_module(struct walk *k, size_t mi)
{
	const struct m_module *mo = &kmat->modules[mi];
	char what[200], id[220];
	snprintf(id, sizeof id, "module:%s", mo->key);
	for (int i = 0; i < 10 && !find(id) && find("page-next"); i++)
		press("page-next");
	look(k, "modules");
	if (!find(id)) {
		buf_printf(k->b, "%s %dx%d modules: %s not in the list\n", k->lang, k->width,
		           k->height, id);
		return;
	}
	press(id);
	help_and_back(k, "the reader");
	for (int page = 1; !strcmp(app_screen(T->a), "reader") && page < 60; page++) {
		snprintf(what, sizeof what, "%s page %d", mo->key, page);
		look(k, what);
		press("next");
	}
	for (size_t q = 0; mo->quiz && q < mo->quiz->nquestions; q++) {
		const struct m_question *qq = &mo->quiz->questions[q];
		snprintf(what, sizeof what, "%s question %zu", mo->key, q + 1);
		look(k, what);
		/* choose them all: every mark and colour on show (on a small
		 * panel through the pages of answers, each looked at) */
		for (size_t c = 0; c < qq->nchoices; c++) {
			snprintf(id, sizeof id, "choice:%s", qq->choices[c].key);
			for (int turn = 0; turn < 8 && !find(id) && find("answers-more"); turn++) {
				press("answers-more");
				snprintf(what, sizeof what, "%s question %zu, more answers", mo->key, q + 1);
				look(k, what);
			}
			press(id);
		}
		if (q == 0)
			help_and_back(k, "a question");
		press("confirm");
		snprintf(what, sizeof what, "%s question %zu answered", mo->key, q + 1);
		look(k, what);
		press("next");
		if (find("explanation")) {   /* a small panel: the explanation on a page of its own */
			snprintf(what, sizeof what, "%s question %zu explained", mo->key, q + 1);
			look(k, what);
			press("next");
		}
	}
	if (mo->quiz) {
		snprintf(what, sizeof what, "%s result", mo->key);
		look(k, what);
		press("done");
	}
}

/* A community session's list once it has covered a module (read to its
 * end): the marks. */
static void walk_community(const struct walk *k)
{
	press("exit");
	press_lang(k);
	press("mode:community");
	type("12");
	press("key:ok");
	press("module:sensitization/01-what-is-sexual-violence-in-conflict");
	while (!strcmp(app_screen(T->a), "reader") && strcmp(must("next")->label,
	                                                     kui(k->lang, "kiosk_start_quiz")))
		press("next");
	press("back");
	while (!strcmp(app_screen(T->a), "reader"))
		press("back");
	look(k, "community modules, one covered");
}

/* The error screen (F12 with no PIN) and the admin's screens, in `lang`,
 * at width x height; problems added to `b`. */
static void walk_admin(const struct walk *k)
{
	struct err e = {0};
	press("exit");
	press_lang(k);
	key(K_F12);
	look(k, "error");
	press("exit");
	if (store_set_pin(T->st, PIN, &e) < 0)
		fail_msg("store_set_pin: %s", e.msg);
	press_lang(k);
	key(K_F12);
	type("2468");
	look(k, "admin-pin");
	press("key:ok");
	look(k, "admin");
	press("name");
	type("Camp A, tent 3, Bria");
	look(k, "admin-name");
	press("name:ok");
	look(k, "admin, the name saved (a message under the counts)");
	press("name");
	press("back");
	press("back");
	/* the next language finds no PIN either */
	if (sqlite3_exec(store_test_db(T->st), "DELETE FROM meta WHERE key LIKE 'pin%'", NULL, NULL,
	                 NULL) != SQLITE_OK)
		fail_msg("cannot take the PIN away again");
}

/* Every screen, in `lang`, at width x height; returns the problems (heap,
 * "" when none): of everything, or with `footer_only` of the footer. */
static char *walk_all(const char *lang, int width, int height, int footer_only)
{
	struct buf b = {0};
	struct walk k = { &b, lang, width, height, footer_only };
	buf_puts(&b, "");
	T->m = kmat;
	cfonts.ctx = kmat;
	T->fonts = &cfonts;
	restart("ask", width, height);
	if (walk_voiced)
		fake_sound();
	look(&k, "language");
	walk_keypads(&k);
	for (size_t mi = 0; mi < kmat->nmodules; mi++)
		walk_module(&k, mi);
	press("help");
	for (int page = 1; page < 30; page++) {
		char what[40];
		snprintf(what, sizeof what, "help page %d", page);
		look(&k, what);
		if (!find("help-next"))
			break;
		press("help-next");
	}
	walk_community(&k);
	walk_admin(&k);
	return b.data;
}

/* Every language walked at width x height: the test fails with the first
 * problems found. */
static void walk_fits(int width, int height, int footer_only)
{
	struct buf all = {0};
	int n = 0;
	buf_puts(&all, "");
	for (size_t l = 0; l < kmat->nlangs; l++) {
		char *p = walk_all(kmat->langs[l].code, width, height, footer_only);
		buf_puts(&all, p);
		free(p);
	}
	for (const char *c = all.data; *c; c++)
		n += *c == '\n';
	if (n) {
		/* the first few of each kind are enough to see what is wrong */
		fprintf(stderr, "%d problems at %dx%d; the first 40:\n", n, width, height);
		int k = 0;
		for (char *line = all.data, *nl; *line && k < 40; line = nl + 1, k++) {
			nl = strchr(line, '\n');
			fprintf(stderr, "  %.*s\n", (int)(nl - line), line);
		}
		buf_free(&all);
		fail_msg("%d layout problems at %dx%d (listed above)", n, width, height);
	}
	buf_free(&all);
}

static void fits(int width, int height)
{
	walk_fits(width, height, 0);
}

/* The kiosk's own default size. */
static void test_everything_fits_1280x800(void **state)
{
	(void)state;
	fits(1280, 800);
}

/* The most common small touch screen (7" and 10" panels). */
static void test_everything_fits_1024x600(void **state)
{
	(void)state;
	fits(1024, 600);
}

/* The official 7-inch panel. */
static void test_everything_fits_800x480(void **state)
{
	(void)state;
	fits(800, 480);
}

/* Touch Display 2, portrait. */
static void test_everything_fits_720x1280(void **state)
{
	(void)state;
	fits(720, 1280);
}

/* With narration (a machine voice: "Listen" and "Machine voice" in the
 * bar), every screen still fits at every panel size. */
static void test_listen_fits(void **state)
{
	(void)state;
	for (size_t mi = 0; mi < kmat->nmodules; mi++)
		for (size_t l = 0; l < kmat->nlangs; l++)
			give_voices_in(kmat, mi, l, 1);
	give_help_voices(kmat);
	walk_voiced = 1;
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
		fits(sizes[k][0], sizes[k][1]);
	walk_voiced = 0;
}

/* The footer ("Get help" between back and next) on every screen, at every
 * panel size, portrait too: its buttons inside the window, their labels in
 * their boxes, nothing over them. */
static void test_footer_fits_every_size(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
		walk_fits(sizes[k][0], sizes[k][1], 1);
}

/* Where to get help, one press from the module list: the helplines of
 * site.yaml in the chosen language, marked as examples, nothing recorded. */
static void test_help_screen(void **state)
{
	(void)state;
	press("lang:en");
	press("mode:community");
	type("3");
	press("key:ok");
	assert_screen("modules");
	press("help");
	assert_screen("help");
	assert_shows("Example: a helpline");
	assert_shows("Phone: Number to be added by the mission");
	assert_shows("Example entry: the mission has not yet confirmed this service.");
	assert_null(find("help-next"));   /* one helpline: one page */
	press("back");
	assert_screen("modules");
	press("help");
	press("exit");
	assert_screen("language");
	assert_sql("SELECT count(*) FROM completions", "0");
}

/* ---- content that is true and safe for survivors ----------------------------
 *
 * The help screen (danger first, the no-number message, the UN section
 * after the helplines, every panel on some page at every panel size), a
 * community module's quiz that gives no verdict, and the draft notice.
 * These use the kiosk fixture: three example helplines (the second with a
 * number) and a way to report abuse by UN personnel; fr and ar are drafts. */


/* The kiosk fixture with metrics like the real fonts', at width x height,
 * in `mode`, `lang` chosen: on its first keypad. */
static void kiosk_at(const char *mode, const char *lang, int width, int height)
{
	char id[32];
	T->m = kmat;
	cfonts.ctx = kmat;
	T->fonts = &cfonts;
	restart(mode, width, height);
	snprintf(id, sizeof id, "lang:%s", lang);
	press(id);
}

/* `n` typed on the keypad after the mode, and again on the second when
 * it is a personnel ID: the module list. */
static void past_keypad(const char *n)
{
	type(n);
	press("key:ok");
	if (!strcmp(app_screen(T->a), "id-again")) {
		type(n);
		press("key:ok");
	}
	assert_screen("modules");
}

/* The kiosk fixture in a community session in `lang`, on the help
 * screen. */
static void to_help(const char *lang, int width, int height)
{
	kiosk_at("community", lang, width, height);
	type("4");
	press("key:ok");
	press("help");
	assert_screen("help");
}

/* Every help page in order, one line a widget below the bar: a panel's
 * id, or "text:" and a text's label (heap).  Layout problems go to `b`,
 * with anything drawn over the bar or the footer. */
static char *help_pages(const char *lang, int width, int height, struct buf *b)
{
	struct buf out = {0};
	char where[120];
	/* the text before, where its lines ended, of how many */
	char *prev_label = xstrdup("");
	size_t prev_end = 0, prev_total = 0;
	buf_puts(&out, "");
	to_help(lang, width, height);
	for (int page = 1; page < 40; page++) {
		const struct view *v = app_view(T->a);
		snprintf(where, sizeof where, "%s %dx%d help page %d", lang, width, height, page);
		check_screen(b, where);
		for (size_t i = 0; i < v->n; i++) {
			const struct widget *w = &v->v[i];
			int footer = app_view(T->a)->footer_top;
			if (w->y < v->bar_h || (w->kind != WK_PANEL && w->kind != WK_TEXT))
				continue;
			if (w->label && !strncmp(w->label, kui(lang, "kiosk_page"), 4) &&
			    w->y >= footer)
				continue;   /* the page number, in the footer */
			if (w->y + w->h > footer)
				buf_printf(b, "%s: %s runs into the footer\n", where, wname(w));
			if (w->kind == WK_PANEL) {
				buf_printf(&out, "%s\n", w->id);
				continue;
			}
			buf_printf(&out, "text:%s\n", w->label);
			/* every line of every text, once, in order: a text cut by
			 * a page goes on at the top of the next */
			if (!w->nlines || w->first_line + w->nlines > w->layout.nlines)
				buf_printf(b, "%s: %s shows lines %zu..%zu of %zu\n", where, wname(w),
				           w->first_line, w->first_line + w->nlines, w->layout.nlines);
			else if (w->first_line ? strcmp(prev_label, w->label) || prev_end != w->first_line
			                       : prev_end != prev_total)
				buf_printf(b, "%s: lines are missing before %s (line %zu)\n", where,
				           wname(w), w->first_line);
			free(prev_label);
			prev_label = xstrdup(w->label);
			prev_end = w->first_line + w->nlines;
			prev_total = w->layout.nlines;
		}
		if (!find("help-next"))
			break;
		press("help-next");
	}
	if (prev_end != prev_total)
		buf_printf(b, "%s %dx%d: the last text is not shown to its end\n", lang, width, height);
	free(prev_label);
	return out.data;
}

/* Whether `a` comes before `b` in `s` (both there). */
static int before(const char *s, const char *a, const char *b)
{
	const char *x = strstr(s, a), *y = strstr(s, b);
	return x && y && x < y;
}

/* Every panel, on every page, at every size, in every language: all there,
 * in order, nothing over the bar, the footer or each other. */
static void test_help_every_panel_every_size(void **state)
{
	(void)state;
	struct buf problems = {0};
	buf_puts(&problems, "");
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
		for (size_t l = 0; l < kmat->nlangs; l++) {
			const char *lang = kmat->langs[l].code;
			char *seq = help_pages(lang, sizes[k][0], sizes[k][1], &problems);
			static const char *const order[] = { "help-danger", "help-no-number",
			                                     "helpline:1", "helpline:2", "helpline:3",
			                                     "un-reporting:1" };
			for (size_t i = 0; i + 1 < sizeof order / sizeof *order; i++)
				if (!before(seq, order[i], order[i + 1]))
					buf_printf(&problems, "%s %dx%d: %s is not before %s in:\n%s", lang,
					           sizes[k][0], sizes[k][1], order[i], order[i + 1], seq);
			free(seq);
		}
	if (problems.len) {
		fprintf(stderr, "%.6000s", problems.data);
		buf_free(&problems);
		fail_msg("help screen problems (listed above)");
	}
	buf_free(&problems);
}

/* What to do in danger is the first thing on the help screen. */
static void test_help_danger_first(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
		for (size_t l = 0; l < kmat->nlangs; l++) {
			const char *lang = kmat->langs[l].code;
			struct buf ignored = {0};
			char *seq = help_pages(lang, sizes[k][0], sizes[k][1], &ignored);
			char *want = xasprintf("help-danger\ntext:%s\ntext:%s\n",
			                       kui(lang, "help_danger_title"), kui(lang, "help_danger"));
			if (strncmp(seq, want, strlen(want)))
				fail_msg("%s %dx%d: the help screen starts with\n%.300s", lang, sizes[k][0],
				         sizes[k][1], seq);
			assert_true(before(seq, kui(lang, "help_danger"), kui(lang, "help_intro")));
			free(want);
			free(seq);
			buf_free(&ignored);
		}
}

/* "No number confirmed yet" while every helpline is an example or has no
 * number; not once one is a confirmed service with a number. */
static void test_help_no_number(void **state)
{
	(void)state;
	struct m_helpline *h = &kmat->helplines[1];
	struct buf ignored = {0};
	assert_string_equal(h->phone, "+236 21 61 48 90");
	assert_true(h->example);
	char *seq = help_pages("en", W, H, &ignored);
	assert_non_null(strstr(seq, "help-no-number"));
	assert_non_null(strstr(seq, kui("en", "help_no_number")));
	free(seq);
	/* confirmed, but no number: still nothing to call */
	kmat->helplines[0].example = 0;
	seq = help_pages("en", W, H, &ignored);
	assert_non_null(strstr(seq, "help-no-number"));
	free(seq);
	/* a UN channel with a number is not a helpline (teardown puts the
	 * numbers back) */
	kmat->helplines[3].example = 0;
	kmat->helplines[3].phone = h->phone;
	seq = help_pages("en", W, H, &ignored);
	assert_non_null(strstr(seq, "help-no-number"));
	free(seq);
	/* a confirmed helpline with a number */
	h->example = 0;
	seq = help_pages("en", W, H, &ignored);
	assert_null(strstr(seq, "help-no-number"));
	assert_null(strstr(seq, kui("en", "help_no_number")));
	free(seq);
	buf_free(&ignored);
}

/* How to report abuse by UN personnel: after every helpline, under its
 * own heading and intro. */
static void test_help_un_after_helplines(void **state)
{
	(void)state;
	for (size_t l = 0; l < kmat->nlangs; l++) {
		const char *lang = kmat->langs[l].code;
		struct buf ignored = {0};
		char *seq = help_pages(lang, 800, 480, &ignored);
		char *title = xasprintf("text:%s\n", kui(lang, "help_un_title"));
		assert_true(before(seq, "helpline:3", title));
		assert_true(before(seq, title, kui(lang, "help_un_intro")));
		assert_true(before(seq, kui(lang, "help_un_intro"), "un-reporting:1"));
		assert_null(strstr(strstr(seq, title), "helpline:"));
		/* the UN channel's card is only under that heading */
		size_t un = kmat->nhelplines - 1;
		assert_int_equal(kmat->helplines[un].kind, H_UN_REPORTING);
		char *name = xasprintf("text:%s\n", kmat->helplines[un].name[l].text);
		assert_true(before(seq, title, name));
		free(name);
		free(title);
		free(seq);
		buf_free(&ignored);
	}
}

/* A phone number reads left to right in Arabic too, on the start side. */
static void test_help_phone_left_to_right(void **state)
{
	(void)state;
	to_help("ar", W, H);
	const struct widget *w = NULL;
	for (int page = 0; page < 20 && !(w = with_text("+236 21 61 48 90")); page++)
		press("help-next");
	assert_non_null(w);
	assert_string_equal(w->label, "+236 21 61 48 90");
	assert_int_equal(w->layout.nlines, 1);
	for (size_t r = 0; r < w->layout.lines[0].nruns; r++)
		assert_false(w->layout.lines[0].runs[r].rtl);
	/* the digits in logical order, left to right on screen */
	assert_int_equal(w->layout.lines[0].nruns, 1);
	assert_true(w->rtl);   /* aligned on the right, like the Arabic lines */
	assert_true(layout_line_x(&w->layout.lines[0], w->text_w, w->rtl) > 0);
}

/* Back on help page k goes to page k - 1, not to the first. */
static void test_help_back_pages(void **state)
{
	(void)state;
	int k, n;
	to_help("fr", 800, 480);
	press("help-next");
	press("help-next");
	page_of(&k, &n);
	assert_int_equal(k, 3);
	assert_true(n > 3);
	press("back");
	page_of(&k, &n);
	assert_int_equal(k, 2);
	press("back");
	press("back");
	assert_screen("modules");
}

/* Answer every question of the current quiz with its first choice. */
static void answer_all_first(void)
{
	while (!strcmp(app_screen(T->a), "quiz")) {
		const struct view *v = app_view(T->a);
		for (size_t i = 0; i < v->n; i++)
			if (!strncmp(v->v[i].id, "choice:", 7)) {
				char id[96];
				snprintf(id, sizeof id, "%s", v->v[i].id);
				press(id);
				break;
			}
		press("confirm");
		press("next");
	}
}

/* A text on screen that gives a verdict or a score. */
static const struct widget *verdict_shown(const char *lang)
{
	const char *pattern = kui(lang, "score_pattern");
	char head[64];
	/* the score line up to its first number */
	snprintf(head, sizeof head, "%.*s", (int)(strchr(pattern, '{') - pattern), pattern);
	const struct widget *w = find("score");
	if (!w)
		w = with_text(head);
	if (!w)
		w = with_text(kui(lang, "passed"));
	if (!w)
		w = with_text(kui(lang, "not_passed"));
	if (!w)
		w = with_text("%");
	return w;
}

#define COMMUNITY_MODULE "sensitization/01-what-is-sexual-violence-in-conflict"
#define PERSONNEL_MODULE "policy/01-what-is-crsv"

/* A community module is not an exam: a gentle word for a wrong answer, and
 * at the end thanks and help, no score, no verdict; the records are the
 * same as for any quiz. */
static void test_community_result_no_verdict(void **state)
{
	(void)state;
	T->m = kmat;
	restart("community", W, H);
	press("lang:en");
	type("5");
	press("key:ok");
	to_quiz(COMMUNITY_MODULE);
	/* "what-it-is": "choice" is a wrong answer */
	press("choice:choice");
	press("confirm");
	assert_non_null(strstr(must("feedback")->label, "Let's look at this again."));
	assert_null(strstr(must("feedback")->label, "Not quite."));
	press("next");
	answer_all_first();
	assert_screen("result");
	const struct widget *v = verdict_shown("en");
	if (v)
		fail_msg("a community result shows a verdict: %s", v->label);
	assert_null(find("retry"));
	assert_shows(kui("en", "kiosk_closing_community"));
	assert_non_null(find("help"));
	assert_non_null(find("done"));
	/* recorded exactly as any quiz: every answer, a finished completion */
	char *want = xasprintf("community|%zu|%zu|1",
	                       kmat->modules[material_module(kmat, COMMUNITY_MODULE)].quiz->nquestions,
	                       kmat->modules[material_module(kmat, COMMUNITY_MODULE)].quiz->nquestions);
	assert_sql("SELECT c.mode, c.max_score, count(a.uuid), c.finished_at IS NOT NULL AND "
	           "c.score IS NOT NULL AND c.passed IS NOT NULL FROM completions c "
	           "JOIN answers a ON a.completion_uuid = c.uuid GROUP BY c.uuid", want);
	free(want);
	press("help");
	assert_screen("help");
	press("back");
	assert_screen("result");   /* where "Get help" was pressed */
	press("done");
	assert_screen("modules");
	/* in Arabic too */
	restart("community", W, H);
	press("lang:ar");
	type("5");
	press("key:ok");
	to_quiz(COMMUNITY_MODULE);
	answer_all_first();
	assert_screen("result");
	v = verdict_shown("ar");
	if (v)
		fail_msg("a community result shows a verdict: %s", v->label);
}

/* A personnel module keeps its score and verdict. */
static void test_personnel_result_verdict(void **state)
{
	(void)state;
	T->m = kmat;
	restart("personnel", W, H);
	press("lang:en");
	type_id("77");
	to_quiz(PERSONNEL_MODULE);
	/* "definition": "army" is a wrong answer */
	press("choice:army");
	press("confirm");
	assert_non_null(strstr(must("feedback")->label, "Not quite."));
	press("next");
	answer_all_first();
	assert_screen("result");
	assert_non_null(find("score"));
	assert_non_null(strstr(must("score")->label, "Your score: "));
	assert_true(with_text(kui("en", "passed")) || with_text(kui("en", "not_passed")));
	assert_non_null(find("retry"));
	assert_null(with_text(kui("en", "kiosk_closing_community")));
}

/* Whether the draft notice is on the current screen. */
static int draft_shown(void)
{
	return find("draft-notice") != NULL;
}

/* The draft notice on the mode screen, the module list and the reader
 * (where it fits) for a draft language; never for the source language or
 * a reviewed translation. */
static void test_draft_notice(void **state)
{
	(void)state;
	T->m = kmat;
	assert_true(kmat->langs[1].draft && kmat->langs[2].draft && !kmat->langs[0].draft);
	for (size_t l = 0; l < kmat->nlangs; l++) {
		char id[32];
		int draft = kmat->langs[l].draft;
		restart("ask", W, H);
		snprintf(id, sizeof id, "lang:%s", kmat->langs[l].code);
		press(id);
		assert_screen("mode");
		assert_int_equal(draft_shown(), draft);
		if (draft)
			assert_string_equal(must("draft-notice")->label, kui(kmat->langs[l].code,
			                                                     "draft_notice"));
		press("mode:personnel");
		type_id("1");
		assert_int_equal(draft_shown(), draft);
		/* the reader: on some page, not over the text (everything-fits
		 * checks that), and never for a language that is not a draft */
		press("module:" PERSONNEL_MODULE);
		int seen = 0;
		while (!strcmp(app_screen(T->a), "reader")) {
			seen += draft_shown();
			press("next");
		}
		assert_int_equal(seen > 0, draft);
	}
	/* the source language is never a draft, whatever its flag says
	 * (teardown puts the flags back) */
	kmat->langs[0].draft = 1;
	restart("ask", W, H);
	press("lang:en");
	assert_false(draft_shown());
	/* a reviewed translation: no notice */
	kmat->langs[1].draft = 0;
	restart("ask", W, H);
	press("lang:fr");
	assert_false(draft_shown());
}


/* ---- text right in every language -------------------------------------------
 *
 * On the kiosk fixture, with metrics like the real fonts'.  Its community
 * lesson opens with the text cases (tests/kiosk/text-cases/): a phone
 * number, a time, a date, a name and a URL in running text, then a
 * paragraph with no Arabic translation. */

#define UNTRANSLATED "This paragraph was added after the lesson"

static size_t lang_index(const char *code)
{
	for (size_t l = 0; l < kmat->nlangs; l++)
		if (!strcmp(kmat->langs[l].code, code))
			return l;
	fail_msg("no language %s in the kiosk fixture", code);
	return 0;
}

/* The community lesson's first page, in `lang`. */
static void to_lesson(const char *lang, int width, int height)
{
	kiosk_at("community", lang, width, height);
	type("3");
	press("key:ok");
	press("module:" COMMUNITY_MODULE);
	assert_screen("reader");
}

static const struct text_layout *layout_of(const struct widget *w)
{
	return w->shared ? w->shared : &w->layout;
}

/* Whether some run of w's text is `s` exactly, drawn left to right. */
static int ltr_run(const struct widget *w, const char *s)
{
	const struct text_layout *l = layout_of(w);
	for (size_t i = 0; i < l->nlines; i++)
		for (size_t k = 0; k < l->lines[i].nruns; k++) {
			const struct visual_run *r = &l->lines[i].runs[k];
			if (!r->rtl && r->length == strlen(s) && !memcmp(w->text + r->start, s, r->length))
				return 1;
		}
	return 0;
}

/* A phone number, a time, a date, a Latin name and a URL in an Arabic
 * paragraph: each one run, left to right (UAX #9 alone showed the number
 * "90 48 61 21 236+" and the date 31-01-2026). */
static void test_numbers_in_arabic_text(void **state)
{
	(void)state;
	static const char *const ltr[] = { "+236 21 61 48 90", "08:30", "17:00", "2026-01-31",
	                                   "Amina Diallo", "www.example.org/help" };
	to_lesson("ar", W, H);
	const struct widget *w = with_text("+236 21 61 48 90");
	assert_non_null(w);
	assert_true(w->rtl);
	for (size_t i = 0; i < sizeof ltr / sizeof *ltr; i++)
		if (!ltr_run(w, ltr[i]))
			fail_msg("\"%s\" is not one left-to-right run in \"%s\"", ltr[i], w->text);
}

/* The widgets of the current screen whose id is `id`. */
static int count_id(const char *id)
{
	const struct view *v = app_view(T->a);
	int n = 0;
	for (size_t i = 0; i < v->n; i++)
		n += !strcmp(v->v[i].id, id);
	return n;
}

/* A paragraph shown in English in the Arabic reader: laid out left to
 * right from the left edge, in the source language's face, marked; the
 * page says once, under its text, what the mark means.  Not in French,
 * where the paragraph is translated. */
/* A quiz text shown in the source language for want of a translation (a
 * prompt, an answer, the explanation) is marked and left to right too. */
static void test_untranslated_quiz_marked(void **state)
{
	(void)state;
	struct m_question *q = &kmat->modules[material_module(kmat, PERSONNEL_MODULE)]
	                             .quiz->questions[0];
	size_t ar = lang_index("ar"), src = kmat->source;
	struct m_text prompt = q->prompt[ar], choice = q->choices[0].text[ar],
	              why = q->explanation[ar];
	q->prompt[ar] = q->prompt[src];
	q->prompt[ar].fallback = 1;
	q->choices[0].text[ar] = q->choices[0].text[src];
	q->choices[0].text[ar].fallback = 1;
	q->explanation[ar] = q->explanation[src];
	q->explanation[ar].fallback = 1;
	kiosk_at("personnel", "ar", W, H);
	past_keypad("3");
	to_quiz(PERSONNEL_MODULE);
	const struct widget *p = with_text(q->prompt[src].text);
	char id[96];
	snprintf(id, sizeof id, "choice:%s", q->choices[0].key);
	const struct widget *c = must(id), *other = NULL;
	snprintf(id, sizeof id, "choice:%s", q->choices[1].key);
	other = must(id);
	int ok = p && (p->flags & WF_FALLBACK) && !p->rtl && p->lang == src &&
	         (c->flags & WF_FALLBACK) && !c->rtl && !(other->flags & WF_FALLBACK) && other->rtl;
	press_choice(id);
	press("confirm");
	const struct widget *e = find("explanation");
	ok = ok && e && (e->flags & WF_FALLBACK) && !e->rtl;
	q->prompt[ar] = prompt;
	q->choices[0].text[ar] = choice;
	q->explanation[ar] = why;
	assert_true(ok);
}

static void test_untranslated_text_marked(void **state)
{
	(void)state;
	to_lesson("ar", W, H);
	const struct widget *en = with_text(UNTRANSLATED);
	assert_non_null(en);
	assert_int_equal(en->lang, kmat->source);
	assert_false(en->rtl);
	assert_true(en->flags & WF_FALLBACK);
	const struct text_layout *l = layout_of(en);
	for (size_t i = 0; i < l->nlines; i++) {
		assert_int_equal(layout_line_x(&l->lines[i], en->text_w, en->rtl), 0);
		for (size_t k = 0; k < l->lines[i].nruns; k++)
			assert_false(l->lines[i].runs[k].rtl);
	}
	/* its full stop at its end, on the right */
	const struct text_line *last = &l->lines[l->nlines - 1];
	const struct visual_run *r = &last->runs[last->nruns - 1];
	assert_int_equal(en->text[r->start + r->length - 1], '.');
	assert_false(with_text("+236 21 61 48 90")->flags & WF_FALLBACK);
	/* the note: once, in Arabic, under every text of the page */
	assert_int_equal(count_id("not-translated"), 1);
	const struct widget *note = must("not-translated");
	assert_string_equal(note->label, kui("ar", "kiosk_not_translated"));
	assert_true(note->rtl);
	assert_true(note->flags & WF_FALLBACK);
	const struct view *v = app_view(T->a);
	for (size_t i = 0; i < v->n; i++)
		if (!strncmp(v->v[i].id, "block:", 6))
			assert_true(v->v[i].y + v->v[i].h <= note->y);
	/* a page with no untranslated text has no note */
	press("next");
	assert_null(with_text(UNTRANSLATED));
	assert_null(find("not-translated"));
	/* in French the paragraph is translated */
	to_lesson("fr", W, H);
	assert_null(with_text(UNTRANSLATED));
	assert_null(find("not-translated"));
	const struct view *fv = app_view(T->a);
	for (size_t i = 0; i < fv->n; i++)
		assert_false(fv->v[i].flags & WF_FALLBACK);
}

/* A helpline's name not translated into Arabic: left to right, marked, and
 * the note after the intro, where the site says it. */
static void test_help_untranslated_marked(void **state)
{
	(void)state;
	struct buf ignored = {0};
	size_t ar = lang_index("ar");
	char *seq = help_pages("ar", W, H, &ignored);
	assert_null(strstr(seq, kui("ar", "kiosk_not_translated")));
	free(seq);
	/* teardown puts the name back */
	kmat->helplines[0].name[ar] = kmat->helplines[0].name[kmat->source];
	kmat->helplines[0].name[ar].fallback = 1;
	const char *name = kmat->helplines[0].name[ar].text;
	seq = help_pages("ar", W, H, &ignored);
	char *note = xasprintf("text:%s\n", kui("ar", "kiosk_not_translated"));
	assert_true(before(seq, kui("ar", "help_intro"), note));
	assert_true(before(seq, note, "helpline:1"));
	assert_null(strstr(strstr(seq, note) + 1, note));   /* once */
	free(note);
	free(seq);
	buf_free(&ignored);
	to_help("ar", W, H);
	const struct widget *w = NULL;
	for (int page = 0; page < 20; page++) {
		const struct view *v = app_view(T->a);
		for (size_t i = 0; i < v->n && !w; i++)
			if (v->v[i].kind == WK_TEXT && !strcmp(v->v[i].label, name))
				w = &v->v[i];
		if (w)
			break;
		press("help-next");
	}
	assert_non_null(w);
	assert_true(w->flags & WF_FALLBACK);
	assert_false(w->rtl);
}

/* Replace UI string `key` of `lang` in the kiosk fixture (teardown puts it
 * back). */
static void ui_swap(const char *lang, const char *key, const char *text)
{
	saved_ui.lang = lang_index(lang);
	saved_ui.key = key;
	saved_ui.mine = xstrdup(text);
	saved_ui.was = strmap_put(kmat->ui[saved_ui.lang], key, saved_ui.mine);
}

#define ELLIPSIS "\xe2\x80\xa6"

/* Whether `s` ends with "…". */
static int ends_cut(const char *s)
{
	size_t n = strlen(s), e = strlen(ELLIPSIS);
	return n >= e && !strcmp(s + n - e, ELLIPSIS);
}

/* A label never breaks inside a word: "Effacer" on a key at 800x480
 * steps down until it fits whole; a word no size fits is its first letters
 * and "…", on one line; a title too long for the bar is cut after a word,
 * with "…". */
static void test_labels_never_break_a_word(void **state)
{
	(void)state;
	kiosk_at("personnel", "fr", 800, 480);
	const struct widget *k = must("key:delete");
	assert_string_equal(k->text, "Effacer");
	assert_int_equal(k->layout.nlines, 1);
	assert_false(layout_cuts_word(&k->layout));
	assert_true(k->layout.width <= k->text_w);
	assert_string_equal(must("key:ok")->text, "OK");
	assert_int_equal(must("key:ok")->layout.nlines, 1);

	ui_swap("fr", "kiosk_delete", "Anticonstitutionnellement");
	kiosk_at("personnel", "fr", 800, 480);
	k = must("key:delete");
	assert_string_equal(k->label, "Anticonstitutionnellement");
	assert_int_equal(k->role, ROLE_TINY);
	assert_int_equal(k->layout.nlines, 1);
	assert_true(k->layout.width <= k->text_w);
	assert_true(ends_cut(k->text));
	assert_true(strlen(k->text) > strlen(ELLIPSIS));
	assert_memory_equal(k->text, "Anticonstitutionnellement", strlen(k->text) - strlen(ELLIPSIS));
	kmat_restore();

	const char *title = "Tapez votre num\xc3\xa9ro de matricule personnel, celui qui figure sur "
	                    "votre carte d\xe2\x80\x99identit\xc3\xa9 des Nations Unies, sans espaces";
	ui_swap("fr", "kiosk_enter_id", title);
	kiosk_at("personnel", "fr", 800, 480);
	const struct widget *t = with_text("Tapez votre");
	const struct view *v = app_view(T->a);
	assert_non_null(t);
	assert_string_equal(t->label, title);
	assert_true(t->layout.height <= v->bar_h - 8);
	assert_false(layout_cuts_word(&t->layout));
	assert_true(ends_cut(t->text));
	size_t kept = strlen(t->text) - strlen(ELLIPSIS);
	assert_memory_equal(t->text, title, kept);
	assert_true(title[kept] == ' ' || title[kept] == ',');   /* after a word */
	assert_int_equal(t->role, ROLE_SMALL);
}

/* Whether `s` (n bytes) ends a sentence: . ! ? … ؟ ۔ maybe closed by quotes
 * or brackets, then only spaces. */
static int ends_a_sentence(const char *s, size_t n)
{
	static const char *const ends[] = { ".", "!", "?", "\xe2\x80\xa6", "\xd8\x9f", "\xdb\x94" };
	static const char *const closers[] = { "\"", "'", ")", "]", "\xc2\xbb", "\xe2\x80\x9d",
	                                       "\xe2\x80\x99", "\xc2\xa0", "\xe2\x80\xaf" };
	int more = 1;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	while (more) {
		more = 0;
		for (size_t i = 0; i < sizeof closers / sizeof *closers; i++) {
			size_t c = strlen(closers[i]);
			if (n >= c && !memcmp(s + n - c, closers[i], c)) {
				n -= c;
				more = 1;
			}
		}
	}
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		size_t e = strlen(ends[i]);
		if (n >= e && !memcmp(s + n - e, ends[i], e))
			return 1;
	}
	return 0;
}

/* Whether `s` ends with `end`. */
static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), e = strlen(end);
	return n >= e && !strcmp(s + n - e, end);
}

/* The block of the reader widget w ("block:<n>"). */
static const struct m_block *block_of(const struct m_module *mo, size_t lang,
                                      const struct widget *w)
{
	size_t n = strtoul(w->id + 6, NULL, 10);
	assert_true(n >= 1 && n <= mo->nblocks[lang]);
	return &mo->blocks[lang][n - 1];
}

/* The height of the first sentence of w's text laid out as w's is. */
static int first_sentence_height(const struct widget *w)
{
	size_t len = strlen(w->text), lo = 1, hi = len;
	/* the smallest limit with a sentence starting at or before it */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (layout_sentence_before(w->text, len, mid))
			hi = mid;
		else
			lo = mid + 1;
	}
	size_t end = lo < len && layout_sentence_before(w->text, len, lo) ? lo : len;
	const struct measure *ms = T->fonts->measure(T->fonts->ctx, w->role, w->lang);
	struct text_layout l;
	layout_text(&l, w->text, end, NULL, 0, w->rtl, w->text_w, ms);
	int h = l.height;
	layout_free(&l);
	return h;
}

/* The room the untranslated note takes under a page's text. */
static int note_room(size_t lang, int width)
{
	const char *note = material_ui(kmat, lang, "kiosk_not_translated");
	const struct measure *ms = T->fonts->measure(T->fonts->ctx, ROLE_SMALL, lang);
	struct text_layout l;
	layout_text(&l, note, strlen(note), NULL, 0, kmat->langs[lang].rtl, width - 80, ms);
	int h = l.height + 16;
	layout_free(&l);
	return h;
}

/* The reader widgets of the current page, in order, into `out` (max n);
 * how many. */
static size_t page_blocks(const struct widget **out, size_t n)
{
	const struct view *v = app_view(T->a);
	size_t k = 0;
	for (size_t i = 0; i < v->n && k < n; i++)
		if (!strncmp(v->v[i].id, "block:", 6))
			out[k++] = &v->v[i];
	return k;
}

/* One module's pages in `lang` at width x height: every page ends with the
 * end of a block or of a sentence (or holds a single piece: a sentence
 * longer than a page), and holds as much as fits (the next page's first
 * sentence would not have fitted under its text); problems to `b`. */
static void check_page_cuts(struct buf *b, const struct m_module *mo, const char *lang,
                            int width, int height)
{
	size_t l = lang_index(lang);
	int bottom = app_view(T->a)->footer_top - 8, prev_bottom = 0, prev_note = 0;
	char *prev_id = NULL;   /* the last block of the page before */
	for (int page = 1; !strcmp(app_screen(T->a), "reader") && page < 80; page++) {
		const struct widget *w[64];
		size_t n = page_blocks(w, 64);
		if (prev_id && n && block_of(mo, l, w[0])->kind != B_HEADING) {
			int cont = !strcmp(prev_id, w[0]->id);
			int note = prev_note || (w[0]->flags & WF_FALLBACK) ? note_room(l, width) : 0;
			int room = bottom - note - prev_bottom - (cont ? 0 : 14);
			if (first_sentence_height(w[0]) <= room)
				buf_printf(b, "%s %dx%d %s page %d: its first sentence (%s) would have "
				           "fitted on page %d (%d px left)\n", lang, width, height, mo->key,
				           page, wname(w[0]), page - 1, room);
		}
		if (n) {
			const struct widget *last = w[n - 1];
			const struct m_block *bl = block_of(mo, l, last);
			if (!ends_with(bl->t.text, last->text) &&
			    !ends_a_sentence(last->text, strlen(last->text)) && n > 1)
				buf_printf(b, "%s %dx%d %s page %d ends inside a sentence: %s\n", lang, width,
				           height, mo->key, page, wname(last));
			free(prev_id);
			prev_id = xstrdup(last->id);
			prev_bottom = last->y + last->h;
		}
		prev_note = find("not-translated") != NULL;
		press("next");
	}
	free(prev_id);
}

/* Reader pages break between blocks or sentences and are full, for both
 * modules, in every language, at every panel size. */
static void test_reader_breaks_between_sentences(void **state)
{
	(void)state;
	struct buf problems = {0};
	buf_puts(&problems, "");
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
		for (size_t l = 0; l < kmat->nlangs; l++)
			for (size_t mi = 0; mi < kmat->nmodules; mi++) {
				const struct m_module *mo = &kmat->modules[mi];
				char id[200];
				kiosk_at(strcmp(mo->audience, "community") ? "personnel" : "community",
				         kmat->langs[l].code, sizes[k][0], sizes[k][1]);
				past_keypad("3");
				snprintf(id, sizeof id, "module:%s", mo->key);
				for (int i = 0; i < 10 && !find(id) && find("page-next"); i++)
					press("page-next");
				press(id);
				check_page_cuts(&problems, mo, kmat->langs[l].code, sizes[k][0], sizes[k][1]);
			}
	if (problems.len) {
		fprintf(stderr, "%.6000s", problems.data);
		buf_free(&problems);
		fail_msg("reader pages cut badly (listed above)");
	}
	buf_free(&problems);
}

/* A page of French at 800x480 cut between two sentences of one paragraph
 * (the first such page of the lesson): the next page goes on with the next
 * sentence. */
static void test_reader_cut_between_sentences(void **state)
{
	(void)state;
	const struct widget *w[64];
	kiosk_at("personnel", "fr", 800, 480);
	past_keypad("3");
	press("module:" PERSONNEL_MODULE);
	const struct m_module *mo = &kmat->modules[material_module(kmat, PERSONNEL_MODULE)];
	int cuts = 0;
	for (int page = 0; page < 60 && !cuts && !strcmp(app_screen(T->a), "reader"); page++) {
		size_t n = page_blocks(w, 64);
		assert_true(n >= 1);
		char *id = xstrdup(w[n - 1]->id), *text = xstrdup(w[n - 1]->text);
		const struct m_block *b = block_of(mo, lang_index("fr"), w[n - 1]);
		press("next");
		if (!strcmp(app_screen(T->a), "reader") && page_blocks(w, 64) >= 1 &&
		    !strcmp(w[0]->id, id)) {
			/* the same paragraph, on from a sentence */
			cuts++;
			assert_true(ends_a_sentence(text, strlen(text)));
			assert_true(strlen(text) < strlen(b->t.text));
			assert_memory_equal(b->t.text, text, strlen(text));
			assert_string_equal(w[0]->text, b->t.text + strlen(text));
		}
		free(id);
		free(text);
	}
	assert_int_equal(cuts, 1);
}

int main(void)
{
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundle_is_the_fixture),
		T_(test_personnel_all_right),
		T_(test_all_wrong),
		T_(test_half_right_multiple_counts_wrong),
		T_(test_one_right_fails),
		T_(test_choices_toggle_and_order),
		T_(test_screen_names),
		T_(test_community_session),
		T_(test_fixed_modes),
		T_(test_id_typed_twice),
		T_(test_participants_nobody),
		T_(test_reads_recorded),
		T_(test_help_returns_where_left),
		T_(test_exit_from_every_screen),
		T_(test_idle_timeout),
		T_(test_keyboard),
		T_(test_taps),
		T_(test_rtl_mirroring),
		T_(test_admin_pin_lockout),
		T_(test_admin_lockout_survives_restart),
		T_(test_admin_pin_not_shown),
		T_(test_long_press_corner),
		T_(test_rtl_long_press_on_exit_leaves),
		T_(test_admin_back_ends_session),
		T_(test_admin_counts_export_quit),
		T_(test_save_failure),
		T_(test_reader_pages),
		cmocka_unit_test_setup_teardown(test_listen_reads_the_page, setup, take_voices),
		cmocka_unit_test_setup_teardown(test_listen_stops, setup, take_voices),
		cmocka_unit_test_setup_teardown(test_listen_stops_on_a_new_page, setup, take_voices),
		cmocka_unit_test_setup_teardown(test_listen_quiz, setup, take_voices),
		cmocka_unit_test_setup_teardown(test_listen_help, setup, take_voices),
		cmocka_unit_test_setup_teardown(test_read_aloud, setup, take_voices),
		cmocka_unit_test_setup_teardown(test_read_aloud_not_personnel, setup, take_voices),
		cmocka_unit_test_setup_teardown(test_listen_fits, setup, take_voices),
		cmocka_unit_test_setup_teardown(test_idle_waits_while_listening, setup, take_voices),
		T_(test_module_list_pages),
		T_(test_dirty),
		T_(test_redraw_costs_nothing),
		T_(test_script_parse),
		T_(test_help_screen),
		T_(test_store_errors_said),
		T_(test_everything_fits_1280x800),
		T_(test_everything_fits_1024x600),
		T_(test_everything_fits_800x480),
		T_(test_everything_fits_720x1280),
		T_(test_footer_fits_every_size),
		T_(test_help_every_panel_every_size),
		T_(test_help_danger_first),
		T_(test_help_no_number),
		T_(test_help_un_after_helplines),
		T_(test_help_phone_left_to_right),
		T_(test_help_back_pages),
		T_(test_community_result_no_verdict),
		T_(test_personnel_result_verdict),
		T_(test_draft_notice),
		T_(test_numbers_in_arabic_text),
		T_(test_untranslated_text_marked),
		T_(test_untranslated_quiz_marked),
		T_(test_help_untranslated_marked),
		T_(test_labels_never_break_a_word),
		T_(test_reader_breaks_between_sentences),
		T_(test_reader_cut_between_sentences),
	};
#undef T_
	return cmocka_run_group_tests_name("app", tests, group_setup, group_teardown);
}
