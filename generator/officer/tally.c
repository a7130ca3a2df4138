/* tally.c - the records counted once for a report; see tally.h. */
#include "tally.h"
#include "buf.h"
#include "records.h"
#include "utc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ---------------------------------------------------------------- */

static uint32_t name_no(struct tally_names *names, const char *s)
{
	/* a column often repeats its last value (one module, one version) */
	if (names->n && !strcmp(names->v[names->last], s))
		return names->last;
	if (!names->index)
		names->index = strmap_new();
	uintptr_t no = (uintptr_t)strmap_get(names->index, s);
	if (no)
		return names->last = (uint32_t)(no - 1);
	names->v = xrealloc(names->v, (names->n + 1) * sizeof *names->v);
	names->v[names->n] = xstrdup(s);
	strmap_put(names->index, s, (void *)(uintptr_t)(names->n + 1));
	return names->last = (uint32_t)names->n++;
}

long tally_name_no(const struct tally_names *names, const char *s)
{
	uintptr_t no = names->index ? (uintptr_t)strmap_get(names->index, s) : 0;
	return no ? (long)no - 1 : -1;
}

static void names_free(struct tally_names *names)
{
	for (size_t i = 0; i < names->n; i++)
		free(names->v[i]);
	free(names->v);
	strmap_free(names->index, NULL);
}

/* ---- small helpers -------------------------------------------------------- */

/* Grow an array of `size`-byte elements to hold n + 1. */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(v, *cap * size);
}

static int in_window(const struct tally *t, int64_t at)
{
	return (t->from < 0 || at >= t->from) && (t->to < 0 || at <= t->to);
}

static void seen_time(struct tally *t, int64_t at)
{
	if (t->first < 0 || at < t->first)
		t->first = at;
	if (t->last < 0 || at > t->last)
		t->last = at;
}

static struct tally_week *week_of(struct tally *t, int64_t at, size_t *cap)
{
	int64_t days = utc_day_of(at);
	int64_t monday = days - ((days % 7 + 7 + 3) % 7);   /* 1970-01-01 was a Thursday */
	size_t lo = 0, hi = t->nweeks;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->weeks[mid].monday < monday)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nweeks && t->weeks[lo].monday == monday)
		return &t->weeks[lo];
	t->weeks = grow(t->weeks, t->nweeks, cap, sizeof *t->weeks);
	memmove(&t->weeks[lo + 1], &t->weeks[lo], (t->nweeks - lo) * sizeof *t->weeks);
	t->nweeks++;
	t->weeks[lo] = (struct tally_week){ .monday = monday };
	return &t->weeks[lo];
}

static void kiosk_seen(struct tally *t, uint32_t k)
{
	if (k < t->nkiosk)
		return;
	t->kiosk = xrealloc(t->kiosk, (k + 1) * sizeof *t->kiosk);
	memset(t->kiosk + t->nkiosk, 0, (k + 1 - t->nkiosk) * sizeof *t->kiosk);
	t->nkiosk = k + 1;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

/* ---- community sessions' counts -------------------------------------------- */

/* What one session covered of one module: bit 1 read, bit 2 quiz
 * finished. */
struct tally_cover {
	uint32_t session, module;
	unsigned how;
};

#define COVER_READ 1u
#define COVER_QUIZ 2u

/* The per-session arrays, grown to hold session number `session`. */
static void session_seen(struct tally *t, uint32_t session)
{
	if (session < t->session_cap)
		return;
	size_t old = t->session_cap;
	t->session_cap = (session + 1) * 2;
	int64_t **arrays[] = { &t->session_quizzes, &t->session_reads, &t->session_people };
	for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) {
		*arrays[i] = xrealloc(*arrays[i], t->session_cap * sizeof **arrays[i]);
		memset(*arrays[i] + old, 0, (t->session_cap - old) * sizeof **arrays[i]);
	}
}

/* Session `session` covered module `module` so (COVER_READ, COVER_QUIZ). */
static void covered(struct tally *t, uint32_t session, uint32_t module, unsigned how)
{
	char key[32];
	snprintf(key, sizeof key, "%u %u", session, module);
	if (!t->cover_index)
		t->cover_index = strmap_new();
	uintptr_t no = (uintptr_t)strmap_get(t->cover_index, key);
	if (!no) {
		t->cover = grow(t->cover, t->ncover, &t->cover_cap, sizeof *t->cover);
		t->cover[t->ncover] = (struct tally_cover){ session, module, 0 };
		no = ++t->ncover;
		strmap_put(t->cover_index, key, (void *)no);
	}
	t->cover[no - 1].how |= how;
}

/* Each module's community reach, from what the sessions covered (once
 * their participants are known). */
static void count_reach(struct tally *t)
{
	t->reach = xcalloc(t->modules.n + 1, sizeof *t->reach);
	for (size_t i = 0; i < t->ncover; i++) {
		const struct tally_cover *c = &t->cover[i];
		struct tally_reach *r = &t->reach[c->module];
		r->sessions++;
		r->participants += t->session_people[c->session];
		r->read += (c->how & COVER_READ) != 0;
		r->quizzed += (c->how & COVER_QUIZ) != 0;
		r->read_only += c->how == COVER_READ;
	}
}

/* ---- completions ------------------------------------------------------------- */

/* Who answered what, for the answers' pass: each first attempt and each
 * community completion, found by its UUID.  A million answers look up
 * their completion here, so the index is lean and touches one place per
 * look-up: open addressing, the UUID's 128 bits in the slot itself.  A
 * UUID not written the records' way (36 characters, lowercase hex and
 * dashes) goes to a string map beside it: found as exactly.  What an
 * answer is counted under sits in the slot too (no second look-up). */
struct attempt {
	uint32_t module;     /* + 1: 0 marks an empty slot */
	uint32_t other;      /* a first attempt: its language; community: its session */
	int32_t score;       /* a first attempt: its score; community: -1 */
};

struct who_slot {
	uint64_t hi, lo;
	struct attempt a;
};

struct who {
	struct who_slot *slot;
	size_t cap;       /* a power of two, at least twice the entries */
	size_t n;
	struct strmap *odd;   /* UUIDs of another form -> a copy of their attempt */
};

/* Lowercase hex digits' values; 16 for anything else. */
static const unsigned char hex_value[256] = {
	['0'] = 0 + 1, ['1'] = 1 + 1, ['2'] = 2 + 1, ['3'] = 3 + 1, ['4'] = 4 + 1,
	['5'] = 5 + 1, ['6'] = 6 + 1, ['7'] = 7 + 1, ['8'] = 8 + 1, ['9'] = 9 + 1,
	['a'] = 10 + 1, ['b'] = 11 + 1, ['c'] = 12 + 1, ['d'] = 13 + 1, ['e'] = 14 + 1,
	['f'] = 15 + 1,
};

/* 16 hex digits from `u` at the given offsets into *out; 0 on a non-digit.
 * (The table holds value + 1, so that 0 marks everything else.) */
static int hex16(const char *u, const unsigned char *at, uint64_t *out)
{
	uint64_t v = 0;
	unsigned bad = 0;
	for (int i = 0; i < 16; i++) {
		unsigned x = hex_value[(unsigned char)u[at[i]]];
		bad |= x == 0;
		v = v << 4 | ((x - 1) & 15);
	}
	*out = v;
	return !bad;
}

/* The 128 bits of a UUID written the records' way; 0 when it is not. */
static int uuid_bits(const char *u, uint64_t *hi, uint64_t *lo)
{
	static const unsigned char first[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15,
	                                         16, 17 };
	static const unsigned char second[16] = { 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30,
	                                          31, 32, 33, 34, 35 };
	if (strlen(u) != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' || u[23] != '-')
		return 0;
	return hex16(u, first, hi) && hex16(u, second, lo);
}

static struct who_slot *who_slot(const struct who *w, uint64_t hi, uint64_t lo)
{
	uint64_t x = (hi ^ lo * 0x9E3779B97F4A7C15ULL);
	x ^= x >> 31;
	size_t i = (size_t)(x * 0xBF58476D1CE4E5B9ULL >> 20) & (w->cap - 1);
	while (w->slot[i].a.module && (w->slot[i].hi != hi || w->slot[i].lo != lo))
		i = (i + 1) & (w->cap - 1);
	return &w->slot[i];
}

/* The attempt of a UUID, or NULL. */
static const struct attempt *who_find(const struct who *w, const char *uuid)
{
	uint64_t hi, lo;
	const struct attempt *a;
	if (uuid_bits(uuid, &hi, &lo))
		a = w->cap ? &who_slot(w, hi, lo)->a : NULL;
	else
		a = w->odd ? strmap_get(w->odd, uuid) : NULL;
	return a && a->module ? a : NULL;
}

/* Index the attempt of module number `module` under `uuid`. */
static void who_add(struct who *w, const char *uuid, uint32_t module, uint32_t other,
                    int32_t score)
{
	struct attempt a = { module + 1, other, score };
	uint64_t hi, lo;
	if (!uuid_bits(uuid, &hi, &lo)) {
		if (!w->odd)
			w->odd = strmap_new();
		struct attempt *copy = xmalloc(sizeof *copy);
		*copy = a;
		free(strmap_put(w->odd, uuid, copy));
		return;
	}
	if (2 * (w->n + 1) > w->cap) {
		struct who old = *w;
		w->cap = old.cap ? old.cap * 2 : 1024;
		w->slot = xcalloc(w->cap, sizeof *w->slot);
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i].a.module)
				*who_slot(w, old.slot[i].hi, old.slot[i].lo) = old.slot[i];
		free(old.slot);
	}
	struct who_slot *s = who_slot(w, hi, lo);
	if (!s->a.module)
		w->n++;
	*s = (struct who_slot){ hi, lo, a };
}

static void who_free(struct who *w)
{
	free(w->slot);
	strmap_free(w->odd, free);
}

/* The items (tally.items) of one module, by number. */
struct module_items {
	size_t *v;
	size_t n;
};

struct tally_pass {
	size_t week_cap, pm_cap, ml_cap;
	struct who who;
	struct module_items *module_items;   /* by module number */
	struct buf key;   /* a map key being built */
};

/* The counts of a module in a language: modules x languages are a few
 * dozen, looked through in turn. */
static struct tally_ml *ml_of(struct tally *t, struct tally_pass *ps, uint32_t module, uint32_t lang)
{
	for (size_t i = 0; i < t->nml; i++)
		if (t->ml[i].module == module && t->ml[i].lang == lang)
			return &t->ml[i];
	t->ml = grow(t->ml, t->nml, &ps->ml_cap, sizeof *t->ml);
	t->ml[t->nml] = (struct tally_ml){ .module = module, .lang = lang };
	return &t->ml[t->nml++];
}

/* The index of the people's records by person and module: open
 * addressing over their numbers + 1 (a string map would keep a second
 * copy of every person's reference). */
static uint32_t *pm_slot(const struct tally *t, const char *person, uint32_t module)
{
	uint64_t h = 1469598103934665603ULL ^ module;
	for (const char *c = person; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211ULL;
	size_t i = (size_t)(h ^ h >> 29) & (t->pm_cap - 1);
	while (t->pm_slot[i] && (t->pm[t->pm_slot[i] - 1].module_no != module ||
	                         strcmp(t->pm[t->pm_slot[i] - 1].person, person)))
		i = (i + 1) & (t->pm_cap - 1);
	return &t->pm_slot[i];
}

/* Index every record again: after a sort, or in a larger table. */
static void pm_reindex(struct tally *t, size_t cap)
{
	free(t->pm_slot);
	t->pm_cap = cap;
	t->pm_slot = xcalloc(cap, sizeof *t->pm_slot);
	for (size_t i = 0; i < t->npm; i++)
		*pm_slot(t, t->pm[i].person, t->pm[i].module_no) = (uint32_t)(i + 1);
}

static struct tally_pm *pm_of(struct tally *t, struct tally_pass *ps, const char *person,
                              uint32_t module)
{
	if (2 * (t->npm + 1) > t->pm_cap)
		pm_reindex(t, t->pm_cap ? t->pm_cap * 2 : 1024);
	uint32_t *slot = pm_slot(t, person, module);
	if (*slot)
		return &t->pm[*slot - 1];
	t->pm = grow(t->pm, t->npm, &ps->pm_cap, sizeof *t->pm);
	struct tally_pm *p = &t->pm[t->npm];
	*p = (struct tally_pm){ .person = xstrdup(person), .module_no = module, .first_at = -1 };
	*slot = (uint32_t)++t->npm;
	return p;
}

/* A personnel completion: its person's record of the module (in the
 * window), and whether it is the first finished attempt so far. */
static void count_personnel(struct tally *t, struct tally_pass *ps, sqlite3_stmt *st, uint32_t module,
                            uint32_t lang, int in)
{
	struct tally_pm *p = pm_of(t, ps, col_text(st, 2), module);
	int finished = sqlite3_column_type(st, 10) != SQLITE_NULL;
	int64_t started = sqlite3_column_int64(st, 9), done = sqlite3_column_int64(st, 10);
	const char *uuid = col_text(st, 0);
	if (finished && (p->first_at < 0 || started < p->first_at ||
	                 (started == p->first_at && strcmp(uuid, p->first_uuid) < 0))) {
		p->first_at = started;
		snprintf(p->first_uuid, sizeof p->first_uuid, "%s", uuid);
		p->first_lang = lang;
		p->first_score = sqlite3_column_int(st, 6);
		p->first_in_window = in;
	}
	if (!in)
		return;
	struct tally_ml *ml = ml_of(t, ps, module, lang);
	int passed = sqlite3_column_int(st, 8) == 1;
	ml->started++;
	p->attempts++;
	int64_t last = finished ? done : started;
	if (last > p->last)
		p->last = last;
	if (sqlite3_column_int(st, 7) > p->max_score)
		p->max_score = sqlite3_column_int(st, 7);
	if (!finished)
		return;
	ml->finished++;
	ml->passed += passed;
	p->finished++;
	p->passed |= (unsigned char)passed;
	if (sqlite3_column_int(st, 6) > p->best)
		p->best = sqlite3_column_int(st, 6);
	week_of(t, started, &ps->week_cap)->finished++;
}

static int read_completions(struct tally *t, sqlite3 *db, struct tally_pass *ps)
{
	static const char sql[] =
		"SELECT uuid, kiosk_id, person_ref, session_uuid, module_id, lang, score, max_score, "
		"passed, started_at, finished_at, mode = 'personnel', content_version FROM completions";
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t kiosk = name_no(&t->kiosks, col_text(st, 1));
		kiosk_seen(t, kiosk);
		uint32_t module = name_no(&t->modules, col_text(st, 4));
		uint32_t lang = name_no(&t->langs, col_text(st, 5));
		int64_t started = sqlite3_column_int64(st, 9);
		int in = in_window(t, started);
		if (sqlite3_column_int(st, 11))
			count_personnel(t, ps, st, module, lang, in);
		if (!in)
			continue;
		seen_time(t, started);
		name_no(&t->versions, col_text(st, 12));
		t->kiosk[kiosk].completions++;
		if (sqlite3_column_int(st, 11) || sqlite3_column_type(st, 3) == SQLITE_NULL)
			continue;
		/* a community quiz: counted for its session, its answers kept */
		uint32_t session = name_no(&t->sessions, col_text(st, 3));
		session_seen(t, session);
		t->session_quizzes[session]++;
		if (sqlite3_column_type(st, 10) != SQLITE_NULL)
			covered(t, session, module, COVER_QUIZ);
		who_add(&ps->who, col_text(st, 0), module, session, -1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- reads ------------------------------------------------------------------- */

/* Modules read to their end: a person's, per module and language; a
 * community session's, for its month and the module's reach.  A file of
 * schema version 2 has none. */
static int read_reads(struct tally *t, sqlite3 *db, struct tally_pass *ps)
{
	static const char sql[] =
		"SELECT kiosk_id, mode = 'personnel', session_uuid, module_id, lang, opened_at "
		"FROM reads";
	sqlite3_stmt *st = NULL;
	int rc;
	if (!records_has_table(db, "reads"))
		return 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t kiosk = name_no(&t->kiosks, col_text(st, 0));
		kiosk_seen(t, kiosk);
		int64_t opened = sqlite3_column_int64(st, 5);
		if (!in_window(t, opened))
			continue;
		seen_time(t, opened);
		t->kiosk[kiosk].reads++;
		uint32_t module = name_no(&t->modules, col_text(st, 3));
		uint32_t lang = name_no(&t->langs, col_text(st, 4));
		if (sqlite3_column_int(st, 1)) {
			ml_of(t, ps, module, lang)->read++;
		} else if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			uint32_t session = name_no(&t->sessions, col_text(st, 2));
			session_seen(t, session);
			t->session_reads[session]++;
			covered(t, session, module, COVER_READ);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- sessions ---------------------------------------------------------------- */

static int read_sessions(struct tally *t, sqlite3 *db, struct tally_pass *ps)
{
	static const char sql[] =
		"SELECT uuid, kiosk_id, lang, participants, started_at FROM sessions";
	sqlite3_stmt *st = NULL;
	struct strmap *month_index = strmap_new();
	size_t cap = 0;
	int rc;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		strmap_free(month_index, NULL);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t kiosk = name_no(&t->kiosks, col_text(st, 1));
		kiosk_seen(t, kiosk);
		int64_t started = sqlite3_column_int64(st, 4);
		/* a session whose quizzes or reads were counted: its participants
		 * for the modules' reach (whenever it began) */
		long session = tally_name_no(&t->sessions, col_text(st, 0));
		if (session >= 0)
			t->session_people[session] = sqlite3_column_int64(st, 3);
		if (!in_window(t, started))
			continue;
		seen_time(t, started);
		t->kiosk[kiosk].sessions++;
		week_of(t, started, &ps->week_cap)->sessions++;
		int64_t y;
		int m, d;
		utc_civil_from_days(utc_day_of(started), &y, &m, &d);
		char key[40];
		snprintf(key, sizeof key, "%u,%lld", kiosk, (long long)(y * 12 + m - 1));
		uintptr_t no = (uintptr_t)strmap_get(month_index, key);
		if (!no) {
			t->months = grow(t->months, t->nmonths, &cap, sizeof *t->months);
			t->months[t->nmonths] = (struct tally_month){ .kiosk = kiosk,
			                                              .month = (int32_t)(y * 12 + m - 1) };
			no = ++t->nmonths;
			strmap_put(month_index, key, (void *)no);
		}
		struct tally_month *mo = &t->months[no - 1];
		uint32_t lang = name_no(&t->langs, col_text(st, 2));
		mo->sessions++;
		mo->participants += sqlite3_column_int64(st, 3);
		mo->quizzes += session >= 0 ? t->session_quizzes[session] : 0;
		mo->reads += session >= 0 ? t->session_reads[session] : 0;
		if (lang < 64)
			mo->langs |= 1ULL << lang;
	}
	sqlite3_finalize(st);
	strmap_free(month_index, NULL);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- answers ----------------------------------------------------------------- */

/* The item's choice `id` (len bytes), added on first sight (a question
 * has a handful: the array grows one at a time). */
static struct tally_choice *choice_of(struct tally_item *it, const char *id, size_t len)
{
	for (size_t i = 0; i < it->nchoices; i++)
		if (strlen(it->choices[i].id) == len && !memcmp(it->choices[i].id, id, len))
			return &it->choices[i];
	it->choices = xrealloc(it->choices, (it->nchoices + 1) * sizeof *it->choices);
	it->choices[it->nchoices] = (struct tally_choice){ .id = xstrndup(id, len) };
	return &it->choices[it->nchoices++];
}

static struct tally_item_lang *item_lang(struct tally_item *it, uint32_t lang)
{
	for (size_t i = 0; i < it->nlangs; i++)
		if (it->langs[i].lang == lang)
			return &it->langs[i];
	it->langs = xrealloc(it->langs, (it->nlangs + 1) * sizeof *it->langs);
	it->langs[it->nlangs] = (struct tally_item_lang){ .lang = lang };
	return &it->langs[it->nlangs++];
}

static void count_first_answer(struct tally *t, struct tally_pass *ps, const struct attempt *a,
                               const char *question, const char *chosen, int mark,
                               size_t *items_cap)
{
	uint32_t module = a->module - 1;
	/* the module's questions: a few, looked through in turn */
	struct module_items *mi = &ps->module_items[module];
	size_t k = 0;
	while (k < mi->n && strcmp(t->items[mi->v[k]].question, question))
		k++;
	if (k == mi->n) {
		t->items = grow(t->items, t->nitems, items_cap, sizeof *t->items);
		t->items[t->nitems] = (struct tally_item){ .module = module,
		                                           .question = xstrdup(question) };
		mi->v = xrealloc(mi->v, (mi->n + 1) * sizeof *mi->v);
		mi->v[mi->n++] = t->nitems++;
	}
	struct tally_item *it = &t->items[mi->v[k]];
	int64_t rest = a->score - mark;
	if (rest < 0)
		rest = 0;   /* an answer that disagrees with its score */
	it->n++;
	it->right += mark;
	it->rest += rest;
	it->rest2 += rest * rest;
	it->mark_rest += mark * rest;
	struct tally_item_lang *l = item_lang(it, a->other);
	l->n++;
	l->right += mark;
	for (const char *c = chosen; *c;) {
		size_t len = strcspn(c, ",");
		if (len) {
			struct tally_choice *ch = choice_of(it, c, len);
			ch->n++;
			ch->rest += rest;
			ch->in_key |= mark > 0;
		}
		c += len + (c[len] == ',');
	}
}

static void count_community_answer(struct tally *t, struct tally_pass *ps, const struct attempt *a,
                                   const char *question, const char *chosen, size_t *cap)
{
	uint32_t module = a->module - 1, session = a->other;
	char num[16];
	snprintf(num, sizeof num, "%u", module);
	ps->key.len = 0;
	buf_puts(&ps->key, num);
	buf_putc(&ps->key, '\x1f');
	buf_puts(&ps->key, question);
	buf_putc(&ps->key, '\x1f');
	buf_puts(&ps->key, chosen);
	buf_putc(&ps->key, '\0');
	uintptr_t no = (uintptr_t)strmap_get(t->cans_index, ps->key.data);
	if (!no) {
		t->cans = grow(t->cans, t->ncans, cap, sizeof *t->cans);
		t->cans[t->ncans] = (struct tally_cans){ .module = module,
		                                         .question = xstrdup(question),
		                                         .chosen = xstrdup(chosen) };
		no = ++t->ncans;
		strmap_put(t->cans_index, ps->key.data, (void *)no);
	}
	t->cans[no - 1].n++;
	snprintf(num, sizeof num, "%u", session);
	ps->key.len--;
	buf_putc(&ps->key, '\x1f');
	buf_puts(&ps->key, num);
	buf_putc(&ps->key, '\0');
	if (!strmap_get(t->cans_seen, ps->key.data)) {
		strmap_put(t->cans_seen, ps->key.data, (void *)1);
		t->cans[no - 1].sessions++;
	}
}

static int read_answers(struct tally *t, sqlite3 *db, struct tally_pass *ps)
{
	static const char sql[] = "SELECT completion_uuid, question_id, chosen, correct FROM answers";
	sqlite3_stmt *st = NULL;
	size_t items_cap = 0, cans_cap = 0;
	int rc;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const struct attempt *a = who_find(&ps->who, col_text(st, 0));
		if (!a)
			continue;   /* not a first attempt, or outside the window */
		if (a->score >= 0)
			count_first_answer(t, ps, a, col_text(st, 1), col_text(st, 2),
			                   sqlite3_column_int(st, 3) == 1, &items_cap);
		else
			count_community_answer(t, ps, a, col_text(st, 1), col_text(st, 2), &cans_cap);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- order ------------------------------------------------------------------- */

static const struct tally *sorting;   /* qsort has no context argument */

static int cmp_item(const void *a, const void *b)
{
	const struct tally_item *x = a, *y = b;
	int c = strcmp(sorting->modules.v[x->module], sorting->modules.v[y->module]);
	return c ? c : strcmp(x->question, y->question);
}

static int cmp_cans(const void *a, const void *b)
{
	const struct tally_cans *x = a, *y = b;
	int c = strcmp(sorting->modules.v[x->module], sorting->modules.v[y->module]);
	if (!c)
		c = strcmp(x->question, y->question);
	return c ? c : strcmp(x->chosen, y->chosen);
}

static int cmp_choice(const void *a, const void *b)
{
	return strcmp(((const struct tally_choice *)a)->id, ((const struct tally_choice *)b)->id);
}

static int cmp_item_lang(const void *a, const void *b)
{
	const struct tally_item_lang *x = a, *y = b;
	return strcmp(sorting->langs.v[x->lang], sorting->langs.v[y->lang]);
}

static int cmp_pm(const void *a, const void *b)
{
	const struct tally_pm *x = a, *y = b;
	int c = strcmp(x->shown ? x->shown : x->person, y->shown ? y->shown : y->person);
	return c ? c : strcmp(sorting->modules.v[x->module_no], sorting->modules.v[y->module_no]);
}

void tally_sort_people(struct tally *t)
{
	sorting = t;
	qsort(t->pm, t->npm, sizeof *t->pm, cmp_pm);
	sorting = NULL;
	if (t->pm_cap)
		pm_reindex(t, t->pm_cap);   /* the index follows them to their new places */
}

static void sort_all(struct tally *t)
{
	sorting = t;
	qsort(t->items, t->nitems, sizeof *t->items, cmp_item);
	for (size_t i = 0; i < t->nitems; i++) {
		qsort(t->items[i].choices, t->items[i].nchoices, sizeof *t->items[i].choices, cmp_choice);
		qsort(t->items[i].langs, t->items[i].nlangs, sizeof *t->items[i].langs, cmp_item_lang);
	}
	qsort(t->cans, t->ncans, sizeof *t->cans, cmp_cans);
	sorting = NULL;
}

/* ---- the whole ----------------------------------------------------------------- */

const struct tally_pm *tally_find_pm(const struct tally *t, const char *person,
                                     const char *module)
{
	long m = tally_name_no(&t->modules, module);
	uint32_t *slot = m >= 0 && t->pm_cap ? pm_slot(t, person, (uint32_t)m) : NULL;
	return slot && *slot ? &t->pm[*slot - 1] : NULL;
}

static void pass_free(struct tally *t)
{
	struct tally_pass *ps = t->pass;
	if (!ps)
		return;
	who_free(&ps->who);
	for (size_t i = 0; ps->module_items && i < t->modules.n; i++)
		free(ps->module_items[i].v);
	free(ps->module_items);
	buf_free(&ps->key);
	free(ps);
	t->pass = NULL;
}

static int read_error(const struct tally *t, sqlite3 *db, struct err *e)
{
	(void)t;
	return err_set(e, sqlite3_db_filename(db, "main"), 0, "cannot read the records: %s",
	               sqlite3_errmsg(db));
}

int tally_begin(struct tally *t, sqlite3 *db, int64_t from, int64_t to, struct err *e)
{
	*t = (struct tally){ .from = from, .to = to, .first = -1, .last = -1 };
	t->cans_index = strmap_new();
	t->cans_seen = strmap_new();
	t->pass = xcalloc(1, sizeof *t->pass);
	if (read_completions(t, db, t->pass) < 0 || read_reads(t, db, t->pass) < 0 ||
	    read_sessions(t, db, t->pass) < 0)
		return read_error(t, db, e);
	count_reach(t);
	/* the first attempts: their answers count */
	for (size_t i = 0; i < t->npm; i++) {
		struct tally_pm *p = &t->pm[i];
		if (p->first_at >= 0 && p->first_in_window)
			who_add(&t->pass->who, p->first_uuid, p->module_no, p->first_lang,
			        p->first_score < 0 ? 0 : p->first_score);
	}
	t->pass->module_items = xcalloc(t->modules.n + 1, sizeof *t->pass->module_items);
	return 0;
}

int tally_answers(struct tally *t, sqlite3 *db, struct err *e)
{
	int rc = read_answers(t, db, t->pass);
	if (rc == 0)
		sort_all(t);
	pass_free(t);
	return rc < 0 ? read_error(t, db, e) : 0;
}

int tally_run(struct tally *t, sqlite3 *db, int64_t from, int64_t to, struct err *e)
{
	if (tally_begin(t, db, from, to, e) < 0)
		return -1;
	return tally_answers(t, db, e);
}

void tally_free(struct tally *t)
{
	pass_free(t);
	for (size_t i = 0; i < t->npm; i++) {
		if (t->pm[i].shown != t->pm[i].person)
			free(t->pm[i].shown);
		free(t->pm[i].person);
	}
	for (size_t i = 0; i < t->nitems; i++) {
		for (size_t k = 0; k < t->items[i].nchoices; k++)
			free(t->items[i].choices[k].id);
		free(t->items[i].choices);
		free(t->items[i].langs);
		free(t->items[i].question);
	}
	for (size_t i = 0; i < t->ncans; i++) {
		free(t->cans[i].question);
		free(t->cans[i].chosen);
	}
	free(t->pm);
	free(t->items);
	free(t->cans);
	free(t->ml);
	free(t->weeks);
	free(t->kiosk);
	free(t->months);
	free(t->session_quizzes);
	free(t->session_reads);
	free(t->session_people);
	free(t->cover);
	free(t->reach);
	strmap_free(t->cover_index, NULL);
	names_free(&t->modules);
	names_free(&t->langs);
	names_free(&t->kiosks);
	names_free(&t->versions);
	names_free(&t->sessions);
	free(t->pm_slot);
	strmap_free(t->cans_index, NULL);
	strmap_free(t->cans_seen, NULL);
	*t = (struct tally){0};
}
