/* material.c - reading kiosk.bundle into memory; see material.h. */
#include "material.h"
#include "buf.h"
#include "bundle.h"
#include "strmap.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* One prepared statement at a time; every query here is a constant. */
struct reader {
	sqlite3 *db;
	const char *path;
	struct err *e;
	int failed;
};

static sqlite3_stmt *prepare(struct reader *r, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK) {
		if (!r->failed)
			err_set(r->e, r->path, 0, "not a readable kiosk bundle: %s",
			        sqlite3_errmsg(r->db));
		r->failed = 1;
		return NULL;
	}
	return st;
}

static char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return xstrdup(s ? (const char *)s : "");
}

static size_t lang_index(const struct material *m, const char *code)
{
	for (size_t i = 0; i < m->nlangs; i++)
		if (!strcmp(m->langs[i].code, code))
			return i;
	return (size_t)-1;
}

static int style_of(const char *s)
{
	return !strcmp(s, "em") ? STYLE_EM : !strcmp(s, "strong") ? STYLE_STRONG :
	       !strcmp(s, "code") ? STYLE_CODE : STYLE_LINK;
}

static struct m_text *texts_new(const struct material *m)
{
	struct m_text *t = xcalloc(m->nlangs, sizeof *t);
	for (size_t i = 0; i < m->nlangs; i++)
		t[i].text = xstrdup("");
	return t;
}

static void text_set(struct m_text *t, sqlite3_stmt *st, int col, int fb_col)
{
	free(t->text);
	t->text = col_str(st, col);
	t->fallback = fb_col >= 0 ? sqlite3_column_int(st, fb_col) : 0;
}

/* Style runs for texts: `sql` selects (owner id, start, length, style)
 * ordered by owner and start; `find` maps an owner id to its text. */
static void load_runs(struct reader *r, const char *sql,
                      struct m_text *(*find)(void *ctx, sqlite3_int64 id), void *ctx)
{
	sqlite3_stmt *st = prepare(r, sql);
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct m_text *t = find(ctx, sqlite3_column_int64(st, 0));
		if (!t)
			continue;
		t->spans = xrealloc(t->spans, (t->nspans + 1) * sizeof *t->spans);
		t->spans[t->nspans++] = (struct style_span){
			(size_t)sqlite3_column_int64(st, 1), (size_t)sqlite3_column_int64(st, 2),
			style_of((const char *)sqlite3_column_text(st, 3)) };
	}
	sqlite3_finalize(st);
}

static void load_langs(struct reader *r, struct material *m)
{
	sqlite3_stmt *st = prepare(r, "SELECT code, name, direction, script, font_family, is_source, "
	                              "draft FROM languages ORDER BY position");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		m->langs = xrealloc(m->langs, (m->nlangs + 1) * sizeof *m->langs);
		struct m_lang *l = &m->langs[m->nlangs];
		l->code = col_str(st, 0);
		l->name = col_str(st, 1);
		l->rtl = !strcmp((const char *)sqlite3_column_text(st, 2), "rtl");
		l->script = col_str(st, 3);
		l->font_family = col_str(st, 4);
		if (sqlite3_column_int(st, 5))
			m->source = m->nlangs;
		l->draft = sqlite3_column_int(st, 6);
		m->nlangs++;
	}
	sqlite3_finalize(st);
	if (!m->nlangs && !r->failed) {
		err_set(r->e, r->path, 0, "the bundle has no languages");
		r->failed = 1;
	}
}

static void load_fonts(struct reader *r, struct material *m)
{
	sqlite3_stmt *st = prepare(r, "SELECT family, bold, italic, data FROM fonts "
	                              "ORDER BY family, bold, italic");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		m->fonts = xrealloc(m->fonts, (m->nfonts + 1) * sizeof *m->fonts);
		struct m_font *f = &m->fonts[m->nfonts++];
		f->family = col_str(st, 0);
		f->bold = sqlite3_column_int(st, 1);
		f->italic = sqlite3_column_int(st, 2);
		f->len = (size_t)sqlite3_column_bytes(st, 3);
		f->data = xmalloc(f->len ? f->len : 1);
		memcpy(f->data, sqlite3_column_blob(st, 3), f->len);
	}
	sqlite3_finalize(st);
}

static void load_ui(struct reader *r, struct material *m)
{
	sqlite3_stmt *st;
	m->ui = xcalloc(m->nlangs, sizeof *m->ui);
	m->ui_fallback = xcalloc(m->nlangs, sizeof *m->ui_fallback);
	m->site_title = xcalloc(m->nlangs, sizeof *m->site_title);
	for (size_t i = 0; i < m->nlangs; i++) {
		m->ui[i] = strmap_new();
		m->ui_fallback[i] = strmap_new();
		m->site_title[i] = xstrdup("");
	}
	if ((st = prepare(r, "SELECT lang, key, text, fallback FROM ui_strings"))) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			size_t l = lang_index(m, (const char *)sqlite3_column_text(st, 0));
			const char *key = (const char *)sqlite3_column_text(st, 1);
			if (l == (size_t)-1)
				continue;
			free(strmap_put(m->ui[l], key, col_str(st, 2)));
			if (sqlite3_column_int(st, 3))
				strmap_put(m->ui_fallback[l], key, m);   /* any non-NULL value */
		}
		sqlite3_finalize(st);
	}
	if ((st = prepare(r, "SELECT lang, text FROM site_text WHERE key = 'title'"))) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			size_t l = lang_index(m, (const char *)sqlite3_column_text(st, 0));
			if (l != (size_t)-1) {
				free(m->site_title[l]);
				m->site_title[l] = col_str(st, 1);
			}
		}
		sqlite3_finalize(st);
	}
}

static size_t track_index(const struct material *m, const char *id)
{
	for (size_t i = 0; i < m->ntracks; i++)
		if (!strcmp(m->tracks[i].id, id))
			return i;
	return (size_t)-1;
}

static void load_tracks(struct reader *r, struct material *m)
{
	sqlite3_stmt *st = prepare(r, "SELECT id, audience FROM tracks ORDER BY position");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		m->tracks = xrealloc(m->tracks, (m->ntracks + 1) * sizeof *m->tracks);
		struct m_track *t = &m->tracks[m->ntracks++];
		t->id = col_str(st, 0);
		t->audience = col_str(st, 1);
		t->title = texts_new(m);
		t->summary = texts_new(m);
	}
	sqlite3_finalize(st);
	if (!(st = prepare(r, "SELECT track, lang, title, summary, title_fallback, summary_fallback "
	                      "FROM track_text")))
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t t = track_index(m, (const char *)sqlite3_column_text(st, 0));
		size_t l = lang_index(m, (const char *)sqlite3_column_text(st, 1));
		if (t == (size_t)-1 || l == (size_t)-1)
			continue;
		text_set(&m->tracks[t].title[l], st, 2, 4);
		text_set(&m->tracks[t].summary[l], st, 3, 5);
	}
	sqlite3_finalize(st);
}

/* Bundle module ids are row ids; the kiosk indexes modules by position. */
struct idmap {
	sqlite3_int64 *ids;
	size_t n;
};

static size_t idmap_find(const struct idmap *im, sqlite3_int64 id)
{
	for (size_t i = 0; i < im->n; i++)
		if (im->ids[i] == id)
			return i;
	return (size_t)-1;
}

static void load_modules(struct reader *r, struct material *m, struct idmap *ids)
{
	sqlite3_stmt *st = prepare(r, "SELECT id, key, track, minutes, audience, critical "
	                              "FROM modules ORDER BY id");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		m->modules = xrealloc(m->modules, (m->nmodules + 1) * sizeof *m->modules);
		ids->ids = xrealloc(ids->ids, (ids->n + 1) * sizeof *ids->ids);
		ids->ids[ids->n++] = sqlite3_column_int64(st, 0);
		struct m_module *mo = &m->modules[m->nmodules++];
		memset(mo, 0, sizeof *mo);
		mo->key = col_str(st, 1);
		mo->track = track_index(m, (const char *)sqlite3_column_text(st, 2));
		mo->minutes = sqlite3_column_int(st, 3);
		mo->audience = col_str(st, 4);
		mo->critical = sqlite3_column_int(st, 5);
		mo->title = texts_new(m);
		mo->summary = texts_new(m);
		mo->blocks = xcalloc(m->nlangs, sizeof *mo->blocks);
		mo->nblocks = xcalloc(m->nlangs, sizeof *mo->nblocks);
	}
	sqlite3_finalize(st);
	if (!(st = prepare(r, "SELECT module, lang, title, summary, title_fallback, summary_fallback "
	                      "FROM module_text")))
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t i = idmap_find(ids, sqlite3_column_int64(st, 0));
		size_t l = lang_index(m, (const char *)sqlite3_column_text(st, 1));
		if (i == (size_t)-1 || l == (size_t)-1)
			continue;
		text_set(&m->modules[i].title[l], st, 2, 4);
		text_set(&m->modules[i].summary[l], st, 3, 5);
	}
	sqlite3_finalize(st);
}

/* Blocks, with a map from block row id to its text for the runs. */
struct block_ref {
	sqlite3_int64 id;
	size_t module, lang, index;
};

struct block_refs {
	struct material *m;
	struct block_ref *v;
	size_t n;
};

static enum m_block_kind kind_of(const char *k)
{
	static const char *const names[] = { "heading", "paragraph", "list_item", "quote",
	                                     "code", "rule", "image" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(k, names[i]))
			return (enum m_block_kind)i;
	return B_PARAGRAPH;
}

static struct m_text *block_text(void *ctx, sqlite3_int64 id)
{
	struct block_refs *br = ctx;
	size_t lo = 0, hi = br->n;   /* ids ascend: binary search */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (br->v[mid].id == id) {
			struct block_ref *b = &br->v[mid];
			return &br->m->modules[b->module].blocks[b->lang][b->index].t;
		}
		if (br->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void load_blocks(struct reader *r, struct material *m, const struct idmap *ids)
{
	struct block_refs br = { m, NULL, 0 };
	sqlite3_stmt *st = prepare(r, "SELECT id, module, lang, kind, level, ordered, list_number, "
	                              "text, fallback, image FROM blocks ORDER BY id");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t i = idmap_find(ids, sqlite3_column_int64(st, 1));
		size_t l = lang_index(m, (const char *)sqlite3_column_text(st, 2));
		if (i == (size_t)-1 || l == (size_t)-1)
			continue;
		struct m_module *mo = &m->modules[i];
		mo->blocks[l] = xrealloc(mo->blocks[l], (mo->nblocks[l] + 1) * sizeof **mo->blocks);
		struct m_block *b = &mo->blocks[l][mo->nblocks[l]];
		memset(b, 0, sizeof *b);
		b->kind = kind_of((const char *)sqlite3_column_text(st, 3));
		b->level = sqlite3_column_int(st, 4);
		b->ordered = sqlite3_column_int(st, 5);
		b->number = sqlite3_column_int(st, 6);
		b->t.text = col_str(st, 7);
		b->t.fallback = sqlite3_column_int(st, 8);
		if (sqlite3_column_type(st, 9) != SQLITE_NULL)
			b->image = col_str(st, 9);
		br.v = xrealloc(br.v, (br.n + 1) * sizeof *br.v);
		br.v[br.n++] = (struct block_ref){ sqlite3_column_int64(st, 0), i, l, mo->nblocks[l]++ };
	}
	sqlite3_finalize(st);
	load_runs(r, "SELECT block, start, length, style FROM block_runs ORDER BY block, start",
	          block_text, &br);
	free(br.v);
}

/* Quizzes: questions and choices with the key, then their texts. */
struct quiz_refs {
	struct material *m;
	sqlite3_int64 *qids;          /* question row id -> (module, question) */
	size_t *qmod, *qpos, nq;
	sqlite3_int64 *cids;          /* choice row id -> (question ref, choice) */
	size_t *cq, *cpos, nc;
	sqlite3_int64 *tids;          /* quiz text row id -> text */
	struct m_text **ttext;
	size_t nt;
};

static size_t find_id(const sqlite3_int64 *v, size_t n, sqlite3_int64 id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return i;
	return (size_t)-1;
}

static struct m_question *question_at(struct quiz_refs *q, size_t ref)
{
	return &q->m->modules[q->qmod[ref]].quiz->questions[q->qpos[ref]];
}

static void load_quiz_structure(struct reader *r, struct material *m,
                                const struct idmap *ids, struct quiz_refs *q)
{
	sqlite3_stmt *st = prepare(r, "SELECT z.module, z.pass_percent, s.id, s.key, s.type "
	                              "FROM questions s JOIN quizzes z ON s.quiz = z.id "
	                              "ORDER BY z.module, s.position");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t i = idmap_find(ids, sqlite3_column_int64(st, 0));
		if (i == (size_t)-1)
			continue;
		struct m_module *mo = &m->modules[i];
		if (!mo->quiz) {
			mo->quiz = xcalloc(1, sizeof *mo->quiz);
			mo->quiz->pass_percent = sqlite3_column_int(st, 1);
		}
		struct m_quiz *z = mo->quiz;
		z->questions = xrealloc(z->questions, (z->nquestions + 1) * sizeof *z->questions);
		struct m_question *qu = &z->questions[z->nquestions];
		memset(qu, 0, sizeof *qu);
		qu->key = col_str(st, 3);
		const char *type = (const char *)sqlite3_column_text(st, 4);
		qu->type = !strcmp(type, "single") ? Q_SINGLE : !strcmp(type, "multiple") ? Q_MULTIPLE
		                                                                       : Q_TRUE_FALSE;
		qu->prompt = texts_new(m);
		qu->explanation = texts_new(m);
		q->qids = xrealloc(q->qids, (q->nq + 1) * sizeof *q->qids);
		q->qmod = xrealloc(q->qmod, (q->nq + 1) * sizeof *q->qmod);
		q->qpos = xrealloc(q->qpos, (q->nq + 1) * sizeof *q->qpos);
		q->qids[q->nq] = sqlite3_column_int64(st, 2);
		q->qmod[q->nq] = i;
		q->qpos[q->nq++] = z->nquestions++;
	}
	sqlite3_finalize(st);
	if (!(st = prepare(r, "SELECT question, id, key, correct FROM choices ORDER BY question, position")))
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t ref = find_id(q->qids, q->nq, sqlite3_column_int64(st, 0));
		if (ref == (size_t)-1)
			continue;
		struct m_question *qu = question_at(q, ref);
		qu->choices = xrealloc(qu->choices, (qu->nchoices + 1) * sizeof *qu->choices);
		struct m_choice *c = &qu->choices[qu->nchoices];
		c->key = col_str(st, 2);
		c->correct = sqlite3_column_int(st, 3);
		c->text = texts_new(m);
		c->feedback = texts_new(m);
		q->cids = xrealloc(q->cids, (q->nc + 1) * sizeof *q->cids);
		q->cq = xrealloc(q->cq, (q->nc + 1) * sizeof *q->cq);
		q->cpos = xrealloc(q->cpos, (q->nc + 1) * sizeof *q->cpos);
		q->cids[q->nc] = sqlite3_column_int64(st, 1);
		q->cq[q->nc] = ref;
		q->cpos[q->nc++] = qu->nchoices++;
	}
	sqlite3_finalize(st);
}

static struct m_text *quiz_text(void *ctx, sqlite3_int64 id)
{
	struct quiz_refs *q = ctx;
	size_t i = find_id(q->tids, q->nt, id);
	return i == (size_t)-1 ? NULL : q->ttext[i];
}

static void load_quiz_texts(struct reader *r, struct material *m, struct quiz_refs *q)
{
	sqlite3_stmt *st = prepare(r, "SELECT id, question, choice, role, lang, text, fallback "
	                              "FROM quiz_texts ORDER BY id");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t ref = find_id(q->qids, q->nq, sqlite3_column_int64(st, 1));
		size_t l = lang_index(m, (const char *)sqlite3_column_text(st, 4));
		if (ref == (size_t)-1 || l == (size_t)-1)
			continue;
		struct m_question *qu = question_at(q, ref);
		const char *role = (const char *)sqlite3_column_text(st, 3);
		struct m_text *t = NULL;
		if (!strcmp(role, "prompt"))
			t = &qu->prompt[l];
		else if (!strcmp(role, "explanation"))
			t = &qu->explanation[l];
		else {
			size_t c = find_id(q->cids, q->nc, sqlite3_column_int64(st, 2));
			if (c == (size_t)-1)
				continue;
			struct m_choice *ch = &question_at(q, q->cq[c])->choices[q->cpos[c]];
			t = !strcmp(role, "choice") ? &ch->text[l] : &ch->feedback[l];
		}
		text_set(t, st, 5, 6);
		q->tids = xrealloc(q->tids, (q->nt + 1) * sizeof *q->tids);
		q->ttext = xrealloc(q->ttext, (q->nt + 1) * sizeof *q->ttext);
		q->tids[q->nt] = sqlite3_column_int64(st, 0);
		q->ttext[q->nt++] = t;
	}
	sqlite3_finalize(st);
	load_runs(r, "SELECT quiz_text, start, length, style FROM quiz_text_runs "
	             "ORDER BY quiz_text, start", quiz_text, q);
}

static void quiz_refs_free(struct quiz_refs *q)
{
	free(q->qids); free(q->qmod); free(q->qpos);
	free(q->cids); free(q->cq); free(q->cpos);
	free(q->tids); free(q->ttext);
}

static void load_images(struct reader *r, struct material *m)
{
	sqlite3_stmt *st = prepare(r, "SELECT path, media_type, data FROM images ORDER BY path");
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		m->images = xrealloc(m->images, (m->nimages + 1) * sizeof *m->images);
		struct m_image *im = &m->images[m->nimages++];
		im->path = col_str(st, 0);
		im->media_type = col_str(st, 1);
		im->len = (size_t)sqlite3_column_bytes(st, 2);
		im->data = xmalloc(im->len ? im->len : 1);
		memcpy(im->data, sqlite3_column_blob(st, 2), im->len);
	}
	sqlite3_finalize(st);
}

static void load_helplines(struct reader *r, struct material *m)
{
	sqlite3_stmt *st = prepare(r, "SELECT h.id, h.phone, h.example, t.lang, t.name, "
	                              "t.description, t.hours, t.name_fallback, "
	                              "t.description_fallback, t.hours_fallback, h.kind "
	                              "FROM helplines h JOIN helpline_text t ON t.helpline = h.id "
	                              "ORDER BY h.id");
	sqlite3_int64 last = -1;
	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) != last) {
			last = sqlite3_column_int64(st, 0);
			m->helplines = xrealloc(m->helplines, (m->nhelplines + 1) * sizeof *m->helplines);
			struct m_helpline *h = &m->helplines[m->nhelplines++];
			h->phone = col_str(st, 1);
			h->example = sqlite3_column_int(st, 2);
			h->kind = !strcmp((const char *)sqlite3_column_text(st, 10), "un_reporting")
			              ? H_UN_REPORTING : H_HELPLINE;
			h->name = texts_new(m);
			h->description = texts_new(m);
			h->hours = texts_new(m);
		}
		size_t l = lang_index(m, (const char *)sqlite3_column_text(st, 3));
		if (l == (size_t)-1)
			continue;
		struct m_helpline *h = &m->helplines[m->nhelplines - 1];
		text_set(&h->name[l], st, 4, 7);
		text_set(&h->description[l], st, 5, 8);
		text_set(&h->hours[l], st, 6, 9);
	}
	sqlite3_finalize(st);
}

int material_load(struct material **out, const char *path, const struct sign_key *trusted,
                  size_t ntrusted, struct err *e)
{
	struct material *m = xcalloc(1, sizeof *m);
	struct reader r = { NULL, path, e, 0 };
	struct idmap ids = { NULL, 0 };
	struct quiz_refs q = { .m = m };
	*out = NULL;
	if (bundle_open(&r.db, path, e) < 0) {
		free(m);
		return -1;
	}
	/* nothing is shown from a bundle whose content is not what was sealed */
	if (seal_check(r.db, path, trusted, ntrusted, &m->seal, e) < 0) {
		sqlite3_close(r.db);
		free(m);
		return -1;
	}
	if (bundle_meta(r.db, "content_version", &m->content_version, e) < 0)
		r.failed = 1;
	load_langs(&r, m);
	if (!r.failed) {
		load_fonts(&r, m);
		load_ui(&r, m);
		load_tracks(&r, m);
		load_modules(&r, m, &ids);
		load_blocks(&r, m, &ids);
		load_quiz_structure(&r, m, &ids, &q);
		load_quiz_texts(&r, m, &q);
		load_helplines(&r, m);
		load_images(&r, m);
	}
	if (!r.failed && !m->nfonts) {
		err_set(e, path, 0, "the bundle has no fonts");
		r.failed = 1;
	}
	quiz_refs_free(&q);
	free(ids.ids);
	sqlite3_close(r.db);
	if (r.failed) {
		material_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

static void texts_free(struct m_text *t, size_t n)
{
	if (!t)
		return;
	for (size_t i = 0; i < n; i++) {
		free(t[i].text);
		free(t[i].spans);
	}
	free(t);
}

static void quiz_free(struct m_quiz *z, size_t nl)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->nquestions; i++) {
		struct m_question *q = &z->questions[i];
		for (size_t c = 0; c < q->nchoices; c++) {
			free(q->choices[c].key);
			texts_free(q->choices[c].text, nl);
			texts_free(q->choices[c].feedback, nl);
		}
		free(q->choices);
		free(q->key);
		texts_free(q->prompt, nl);
		texts_free(q->explanation, nl);
	}
	free(z->questions);
	free(z);
}

void material_free(struct material *m)
{
	if (!m)
		return;
	size_t nl = m->nlangs;
	for (size_t i = 0; i < m->nmodules; i++) {
		struct m_module *mo = &m->modules[i];
		for (size_t l = 0; l < nl; l++) {
			for (size_t b = 0; b < mo->nblocks[l]; b++) {
				free(mo->blocks[l][b].t.text);
				free(mo->blocks[l][b].t.spans);
				free(mo->blocks[l][b].image);
			}
			free(mo->blocks[l]);
		}
		free(mo->blocks);
		free(mo->nblocks);
		free(mo->key);
		free(mo->audience);
		texts_free(mo->title, nl);
		texts_free(mo->summary, nl);
		quiz_free(mo->quiz, nl);
	}
	for (size_t i = 0; i < m->ntracks; i++) {
		free(m->tracks[i].id);
		free(m->tracks[i].audience);
		texts_free(m->tracks[i].title, nl);
		texts_free(m->tracks[i].summary, nl);
	}
	for (size_t i = 0; i < m->nhelplines; i++) {
		free(m->helplines[i].phone);
		texts_free(m->helplines[i].name, nl);
		texts_free(m->helplines[i].description, nl);
		texts_free(m->helplines[i].hours, nl);
	}
	for (size_t i = 0; i < m->nfonts; i++) {
		free(m->fonts[i].family);
		free(m->fonts[i].data);
	}
	for (size_t i = 0; i < m->nimages; i++) {
		free(m->images[i].path);
		free(m->images[i].media_type);
		free(m->images[i].data);
	}
	free(m->images);
	for (size_t i = 0; i < nl; i++) {
		free(m->langs[i].code);
		free(m->langs[i].name);
		free(m->langs[i].script);
		free(m->langs[i].font_family);
		if (m->ui)
			strmap_free(m->ui[i], free);
		if (m->ui_fallback)
			strmap_free(m->ui_fallback[i], NULL);
		if (m->site_title)
			free(m->site_title[i]);
	}
	free(m->ui);
	free(m->ui_fallback);
	free(m->site_title);
	free(m->langs);
	free(m->fonts);
	free(m->tracks);
	free(m->modules);
	free(m->helplines);
	free(m->content_version);
	free(m);
}

const char *material_ui(const struct material *m, size_t lang, const char *key)
{
	const char *s = lang < m->nlangs ? strmap_get(m->ui[lang], key) : NULL;
	if (!s && m->nlangs)
		s = strmap_get(m->ui[m->source], key);
	return s ? s : key;
}

int material_ui_fallback(const struct material *m, size_t lang, const char *key)
{
	/* a key missing in this language is shown from the source too */
	return lang < m->nlangs && lang != m->source &&
	       (strmap_get(m->ui_fallback[lang], key) || !strmap_get(m->ui[lang], key));
}

const struct m_font *material_font(const struct material *m, const char *family,
                                   int bold, int italic)
{
	const struct m_font *regular = NULL;
	for (size_t i = 0; i < m->nfonts; i++) {
		const struct m_font *f = &m->fonts[i];
		if (strcmp(f->family, family))
			continue;
		if (f->bold == bold && f->italic == italic)
			return f;
		if (!f->bold && !f->italic)
			regular = f;
	}
	return regular ? regular : m->nfonts ? &m->fonts[0] : NULL;
}

const struct m_image *material_image(const struct material *m, const char *path)
{
	for (size_t i = 0; i < m->nimages; i++)
		if (!strcmp(m->images[i].path, path))
			return &m->images[i];
	return NULL;
}

size_t material_module(const struct material *m, const char *key)
{
	for (size_t i = 0; i < m->nmodules; i++)
		if (!strcmp(m->modules[i].key, key))
			return i;
	return (size_t)-1;
}
