/* emit_site.c - the static website; see emit_site.h. */
#include "emit_site.h"
#include "buf.h"
#include "fragcache.h"
#include "fs.h"
#include "lint.h"
#include "mdhtml.h"
#include "pofile.h"
#include "quiz.h"
#include "segment.h"
#include "status.h"
#include "narration.h"
#include "pool.h"
#include "site_voice.h"
#include "strmap.h"
#include "uptodate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Pages live at depth 0 (<lang>/x.html) or 1 (<lang>/<track>/x.html). */
#define DEPTHS 2
/* Module pages are rendered by this many threads (the bulk of the work). */
#define WORKERS 2

/* One language's values shared by all its pages; read-only once built, so
 * worker threads share it. */
struct lang_ctx {
	struct site_pages *s;
	const struct project *p;
	const struct tmpl_set *t;
	const char *dir;                 /* output root */
	size_t li;                       /* language index */
	const struct lang *lang;
	const struct catalog *cat;       /* NULL for the source language */
	struct tval *ui;                 /* the chrome strings */
	int ui_fallback;                 /* some chrome string fell back */
	struct tval *modules[DEPTHS];    /* per depth: module items, content order */
	struct tval *track_modules[DEPTHS];  /* per depth: list per track */
	struct lang_status status;       /* filled as modules are rendered */
	/* The "tracks" list of a page at depth d whose current track is t (0:
	 * none, i + 1: track i) is tracks[d * (ntracks + 1) + t]. */
	struct tval **tracks;
};

/* The whole site. `images` is the only thing written while workers run, so
 * it has a lock. */
struct site_pages {
	const struct project *p;
	const struct tmpl_set *t;
	const char *dir;
	const struct sign_key *issuer;   /* for verify.html; NULL: none */
	struct lang_ctx *langs;
	struct site_voices *voices;      /* narration (its own lock) */
	struct strmap *images;           /* copied images (shared by languages) */
	pthread_mutex_t images_lock;
	char *frag_dir;                  /* rendered bodies kept; NULL: none */
	uint64_t build_id;               /* the crsv-gen that renders them */
};

/* ---- small helpers ---------------------------------------------------- */

static const char *up(int depth)
{
	return depth ? "../" : "";
}

/* From a page at `depth` in its language folder to the site's root. */
static const char *root_of(int depth)
{
	return depth ? "../../" : "../";
}

/* Set `key` to the translation of `t`, and `fb_key` (its "<key>_fallback")
 * to whether it fell back. Returns 1 on fallback. */
static int set_text(struct lang_ctx *c, struct tval *map, const char *key,
                    const char *fb_key, const struct text *t)
{
	int fb;
	tv_set_str(map, key, project_text(c->p, c->li, NULL, t->src, &fb));
	/* always set, false too: a missing key would be looked up in the
	 * enclosing context and find its flag instead */
	tv_set_bool(map, fb_key, fb);
	return fb;
}

static const char *ui_text(struct lang_ctx *c, const char *key)
{
	return project_ui_text(c->p, c->li, key);
}

static const char *audience_label(struct lang_ctx *c, const char *audience)
{
	char key[64];
	snprintf(key, sizeof key, "audience_%s", audience);
	return ui_find(&c->p->ui, key) ? ui_text(c, key) : audience;
}

static char *module_rel(const struct module *m)
{
	return xconcat(m->track->id, "/", m->id, ".html", NULL);
}

/* ---- shared values ---------------------------------------------------- */

/* A language for the switcher and the alternates; takes `href`. */
static struct tval *lang_value(const struct lang *l, char *href, int current)
{
	struct tval *v = tv_map();
	tv_set_str(v, "code", l->code);
	tv_set_str(v, "name", l->name);
	tv_set_str(v, "dir", l->rtl ? "rtl" : "ltr");
	tv_set(v, "href", tv_str_take(href));
	tv_set_bool(v, "current", current);
	return v;
}

static void build_ui(struct lang_ctx *c)
{
	const struct ui *u = &c->p->ui;
	c->ui = tv_map();
	for (size_t i = 0; i < u->n; i++) {
		int fb;
		tv_set_str(c->ui, u->items[i].key,
		           project_text(c->p, c->li, UI_CTXT, u->items[i].text, &fb));
		c->ui_fallback |= fb;
	}
}

/* Whether an item's title or summary fell back to the source language. */
static int item_fell_back(const struct tval *item)
{
	return tv_truthy(tv_get(item, "title_fallback")) ||
	       tv_truthy(tv_get(item, "summary_fallback"));
}

static struct tval *module_item(struct lang_ctx *c, const struct module *m,
                                int depth)
{
	struct tval *v = tv_map();
	char *rel = module_rel(m);
	tv_set_str(v, "id", m->id);
	set_text(c, v, "title", "title_fallback", &m->title);
	set_text(c, v, "summary", "summary_fallback", &m->summary);
	tv_set_int(v, "minutes", m->minutes);
	tv_set_str(v, "audience", m->audience);
	tv_set_str(v, "audience_label", audience_label(c, m->audience));
	tv_set_bool(v, "critical", m->critical);
	tv_set(v, "href", tv_str_take(xconcat(up(depth), rel, NULL)));
	free(rel);
	return v;
}

static void build_module_lists(struct lang_ctx *c)
{
	const struct site *s = &c->p->site;
	for (int d = 0; d < DEPTHS; d++) {
		c->modules[d] = tv_list();
		c->track_modules[d] = tv_list();
		for (size_t i = 0; i < c->p->content.nmodules; i++)
			tv_push(c->modules[d], module_item(c, &c->p->content.modules[i], d));
		for (size_t t = 0; t < s->ntracks; t++) {
			struct tval *l = tv_push(c->track_modules[d], tv_list());
			for (size_t i = 0; i < s->tracks[t].nmodules; i++)
				tv_push_ref(l, c->modules[d]->items[s->tracks[t].modules[i]->index]);
		}
	}
}

static struct tval *track_item(struct lang_ctx *c, size_t ti, int depth,
                               const struct track *current)
{
	const struct track *t = &c->p->site.tracks[ti];
	struct tval *v = tv_map();
	tv_set_str(v, "id", t->id);
	set_text(c, v, "title", "title_fallback", &t->title);
	set_text(c, v, "summary", "summary_fallback", &t->summary);
	tv_set_str(v, "audience", t->audience);
	tv_set_str(v, "audience_label", audience_label(c, t->audience));
	tv_set(v, "href", tv_str_take(xconcat(up(depth), t->id, "/index.html", NULL)));
	tv_set_bool(v, "current", t == current);
	tv_set_int(v, "module_count", (long)t->nmodules);
	tv_set_ref(v, "modules", c->track_modules[depth]->items[ti]);
	return v;
}

/* The values every page of a language has. `rel` is the page's path inside
 * the language folder. */
static struct tval *page_base(struct lang_ctx *c, const char *rel,
                              const struct track *current)
{
	const struct site *s = &c->p->site;
	int depth = strchr(rel, '/') != NULL;
	struct tval *v = tv_map();
	tv_set_str(v, "lang", c->lang->code);
	tv_set_str(v, "dir", c->lang->rtl ? "rtl" : "ltr");
	tv_set_str(v, "source_lang", s->source_lang);
	set_text(c, v, "site_title", "site_title_fallback", &s->title);
	tv_set_str(v, "root", root_of(depth));
	tv_set(v, "home_href", tv_str_take(xconcat(up(depth), "index.html", NULL)));
	tv_set(v, "help_href", tv_str_take(xconcat(up(depth), "help.html", NULL)));
	tv_set(v, "status_href", tv_str_take(xconcat(up(depth), "status.html", NULL)));
	tv_set(v, "verify_href", tv_str_take(xconcat(up(depth), "verify.html", NULL)));
	tv_set_ref(v, "ui", c->ui);
	tv_set_bool(v, "draft", c->cat && catalog_is_draft(c->cat));
	struct tval *langs = tv_set(v, "languages", tv_list());
	for (size_t i = 0; i < s->nlangs; i++)
		tv_push(langs, lang_value(&s->langs[i], xconcat(up(depth), "../",
		                          s->langs[i].code, "/", rel, NULL), i == c->li));
	size_t cur = current ? (size_t)(current - s->tracks) + 1 : 0;
	tv_set_ref(v, "tracks", c->tracks[(size_t)depth * (s->ntracks + 1) + cur]);
	return v;
}

/* ---- writing pages ---------------------------------------------------- */

/* Render `tmpl` with `v` onto `out`. */
static int render_page(struct lang_ctx *c, const char *tmpl, struct tval *v,
                       int fallback, const char *page_title, struct buf *out,
                       struct err *e)
{
	const struct tmpl *t = tmpl_get(c->t, tmpl);
	if (!t)
		return err_set(e, tmpl, 0, "no template \"%s.html\"", tmpl);
	tv_set_bool(v, "fallback", fallback || c->ui_fallback);
	tv_set_str(v, "page_title", page_title);
	tv_index_owned(v);
	tmpl_render(t, v, out);
	return 0;
}

/* A page of the site: `tmpl` with `v` to <dir>/<lang>/<rel>. */
static int write_page(struct lang_ctx *c, const char *tmpl, const char *rel,
                      struct tval *v, int fallback, const char *page_title,
                      struct err *e)
{
	struct buf out = {0};
	int rc = render_page(c, tmpl, v, fallback, page_title, &out, e);
	if (rc == 0) {
		char *path = xconcat(c->dir, "/", c->lang->code, "/", rel, NULL);
		rc = fs_write(path, out.data, out.len, e);
		free(path);
	}
	buf_free(&out);
	return rc;
}

/* ---- links in module bodies ------------------------------------------ */

struct link_ctx {
	struct site_pages *s;
	const struct module *m;
	int depth;          /* of the page in its language folder: links to pages */
	const char *root;   /* from the page to the site's root: images */
	int text_only;      /* links keep their text only (a package's page) */
};

char *site_media_dir(const struct track *t)
{
	return xconcat("media/", t->id, NULL);
}

/* Copy an image of module `m` into the site, once for every language and
 * package that shows it, and link to it from the page (at l->root). */
static int copy_image(void *ctx, const struct module *m, const struct content_image *img,
                      struct buf *href, struct err *e)
{
	struct link_ctx *l = ctx;
	struct site_pages *s = l->s;
	char *media = site_media_dir(m->track);
	char *rel = xconcat(media, "/", m->dir, "/", img->name, NULL);
	int rc = 0;
	free(media);
	pthread_mutex_lock(&s->images_lock);
	if (!strmap_get(s->images, rel)) {
		char *dest = fs_join(s->dir, rel);
		char *folder = xstrdup(dest);
		*strrchr(folder, '/') = '\0';
		rc = fs_mkdirs(folder, e);
		if (rc == 0)
			rc = fs_copy_file(img->file, dest, e);
		strmap_put(s->images, rel, (void *)1);
		free(folder);
		free(dest);
	}
	pthread_mutex_unlock(&s->images_lock);
	buf_puts(href, l->root);
	buf_puts(href, rel);
	free(rel);
	return rc;
}

static int module_href(void *ctx, const struct module *to, const char *fragment,
                       struct buf *href, struct err *e)
{
	struct link_ctx *l = ctx;
	(void)e;
	if (!l->text_only)
		buf_printf(href, "%s%s/%s.html%s", up(l->depth), to->track->id, to->id,
		           fragment);
	return 0;
}

static int resolve_link(void *ctx, const char *url, int is_image,
                        struct buf *href, struct err *e)
{
	static const struct content_refs refs = { copy_image, module_href };
	struct link_ctx *l = ctx;
	return content_resolve(&l->s->p->content, l->m, url, is_image, &refs, l, href, e);
}

/* A module's body, parsed once and rendered in every language; with a
 * record of the bodies an earlier build rendered (fragcache.h), parsed
 * only when one of them must be made again. */
struct parsed {
	const struct module *m;
	cmark_node *doc;          /* NULL until parsed_doc */
	char **msgids;
	size_t nmsgids;
	int own_msgids;           /* else borrowed from frag */
	struct fragcache *frag;   /* NULL: no record */
};

/* What a module's rendering depends on besides the language: the module,
 * where its body starts, the source language and the renderer. */
static void body_key(const struct site_pages *s, const struct module *m, uint64_t key[2])
{
	XXH3_state_t *h = XXH3_createState();
	XXH3_128bits_reset(h);
	XXH3_128bits_update(h, &s->build_id, sizeof s->build_id);
	XXH3_128bits_update(h, &m->body_line, sizeof m->body_line);
	XXH3_128bits_update(h, m->path, strlen(m->path) + 1);
	XXH3_128bits_update(h, s->p->site.source_lang, strlen(s->p->site.source_lang) + 1);
	XXH3_128bits_update(h, m->body, m->body_len);
	XXH128_hash_t k = XXH3_128bits_digest(h);
	XXH3_freeState(h);
	key[0] = k.low64;
	key[1] = k.high64;
}

static cmark_node *parsed_doc(struct parsed *pm)
{
	if (!pm->doc)
		pm->doc = segment_parse(pm->m->body, pm->m->body_len);
	return pm->doc;
}

/* `cache`: the site whose record of bodies to use; NULL for none (a
 * package's pages, the help page: the worker of the module's own page
 * keeps its record). */
static void parsed_init(struct parsed *pm, const struct module *m,
                        const struct site_pages *cache)
{
	*pm = (struct parsed){ .m = m };
	if (cache && cache->frag_dir) {
		uint64_t key[2];
		body_key(cache, m, key);
		pm->frag = frag_open(cache->frag_dir, m->path, key);
		char *const *ids = frag_msgids(pm->frag, &pm->nmsgids);
		if (ids) {
			pm->msgids = (char **)ids;
			return;
		}
	}
	mdhtml_unit_msgids(parsed_doc(pm), &pm->msgids, &pm->nmsgids);
	pm->own_msgids = 1;
	if (pm->frag)
		frag_keep_msgids(pm->frag, pm->msgids, pm->nmsgids);
}

static void parsed_free(struct parsed *pm)
{
	if (pm->doc)
		cmark_node_free(pm->doc);
	if (pm->own_msgids)
		mdhtml_free_msgids(pm->msgids, pm->nmsgids);
	frag_close(pm->frag);
}

/* A module page's unit and its voice. */
struct voice_ctx {
	struct lang_ctx *c;
	int depth;
	struct voice_words words;   /* looked up once a page, not once a unit */
};

static int unit_voice(void *ctx, const char *msgid, int fell_back, int unit_no,
                      struct buf *out, struct err *e)
{
	struct voice_ctx *k = ctx;
	(void)unit_no;
	return site_voice_unit(k->c->s->voices, k->c->li, msgid, fell_back, up(k->depth),
	                       &k->words, out, e);
}

/* What the language's catalogue says for each unit: a body rendered with
 * other translations is not this one. */
static uint64_t translations_key(const struct catalog *cat, char *const *msgids, size_t n)
{
	XXH3_state_t *h = XXH3_createState();
	XXH3_64bits_reset(h);
	for (size_t i = 0; cat && i < n; i++) {
		enum tstate st = T_MISSING;
		const char *tr = *msgids[i] ? catalog_get(cat, NULL, msgids[i], &st) : NULL;
		unsigned char state = (unsigned char)st;
		XXH3_64bits_update(h, &state, 1);
		if (tr)
			XXH3_64bits_update(h, tr, strlen(tr) + 1);
	}
	uint64_t k = XXH3_64bits_digest(h);
	XXH3_freeState(h);
	return k;
}

/* Links resolved while a body is rendered, kept with it. */
struct logged_links {
	struct link_ctx *l;
	struct frag_log log;
};

static int resolve_logged(void *ctx, const char *url, int is_image, struct buf *href,
                          struct err *e)
{
	struct logged_links *k = ctx;
	size_t at = href->len;
	if (resolve_link(k->l, url, is_image, href, e) < 0)
		return -1;
	char *got = xstrndup(href->data ? href->data + at : "", href->len - at);
	frag_log_add(&k->log, url, is_image, got);
	free(got);
	return 0;
}

/* A kept body's link resolved again (an image copied again, as the page
 * needs it); an error only means the body is made again, and says it. */
static int resolve_again(void *ctx, const char *url, int is_image, struct buf *href)
{
	struct err ignored = {0};
	return resolve_link(ctx, url, is_image, href, &ignored);
}

/* Render a module body in the page's language (with its narration on the
 * site's pages, not on a package's), or take it from the record when
 * nothing it was made from changed. Bodies with narration are not kept: a
 * recording added would not be seen. */
static int render_body(struct lang_ctx *c, struct parsed *pm,
                       const struct link_ctx *mode,
                       struct buf *html, int *fallbacks, struct err *e)
{
	struct link_ctx l = *mode;
	struct voice_ctx vk = { c, mode->depth, { ui_text(c, "narration_listen"),
	                                          ui_text(c, "narration_machine") } };
	struct logged_links logged = { &l, { NULL, 0 } };
	int keep = pm->frag && !mode->text_only && !site_voices_any(c->s->voices);
	char lang[64];
	uint64_t tkey = 0;
	if (keep) {
		struct frag_result r;
		size_t len;
		snprintf(lang, sizeof lang, "%s/%d/%d", c->lang->code, c->lang->rtl, mode->depth);
		tkey = translations_key(c->cat, pm->msgids, pm->nmsgids);
		const char *kept = frag_body(pm->frag, lang, tkey, resolve_again, &l, &r, &len);
		if (kept) {
			buf_put(html, kept, len);
			*fallbacks = r.fallbacks;
			return 0;
		}
	}
	size_t at = html->len;
	struct md_env env = { .cat = c->cat, .source_lang = c->p->site.source_lang,
	                      .path = pm->m->path, .first_line = pm->m->body_line,
	                      .resolve = keep ? resolve_logged : resolve_link,
	                      .resolve_ctx = keep ? (void *)&logged : (void *)&l,
	                      .msgids = pm->msgids, .nmsgids = pm->nmsgids,
	                      .po_path = c->cat ? c->p->po_paths[c->li] : NULL,
	                      .lang = c->lang->code,
	                      .unit_voice = mode->text_only ? NULL : unit_voice,
	                      .voice_ctx = &vk };
	int rc = mdhtml_render(parsed_doc(pm), &env, html, e);
	*fallbacks = env.fallbacks;
	if (rc == 0 && keep) {
		struct frag_result r = { env.units, env.fallbacks, env.first_fallback_line,
		                         (int)env.first_fallback_state };
		frag_keep_body(pm->frag, lang, tkey, &logged.log, html->data + at, html->len - at, &r);
	}
	frag_log_free(&logged.log);
	return rc;
}

/* A module as page values: the item plus its body, its links as `mode`
 * says (the module is pm's). */
static struct tval *module_value(struct lang_ctx *c, struct parsed *pm,
                                 const struct link_ctx *mode, int *fallback,
                                 struct err *e)
{
	const struct module *m = pm->m;
	struct buf html = {0};
	int fb = 0;
	struct tval *v = module_item(c, m, mode->depth);
	if (render_body(c, pm, mode, &html, &fb, e) < 0) {
		buf_free(&html);
		tv_free(v);
		return NULL;
	}
	*fallback = fb > 0 || item_fell_back(v);
	tv_set(v, "body", tv_str_take(buf_take(&html)));
	return v;
}

/* ---- the pages -------------------------------------------------------- */

/* Point "track" at the page's current track in its "tracks" list. */
static void set_current_track(struct lang_ctx *c, struct tval *v,
                              const struct track *t)
{
	struct tval *tracks = tv_get(v, "tracks");
	for (size_t k = 0; k < c->p->site.ntracks; k++)
		if (&c->p->site.tracks[k] == t)
			tv_set_ref(v, "track", tracks->items[k]);
}

static char *quiz_rel(const struct module *m)
{
	return xconcat(m->track->id, "/", m->id, "-quiz.html", NULL);
}

static int emit_module(struct lang_ctx *c, struct parsed *pm,
                       struct err *e)
{
	const struct module *m = pm->m;
	const struct track *t = m->track;
	size_t i = 0;
	while (t->modules[i] != m)
		i++;
	int fallback;
	char *rel = module_rel(m);
	struct tval *v = page_base(c, rel, t);
	struct link_ctx mode = { c->s, m, 1, root_of(1), 0 };
	struct tval *mv = module_value(c, pm, &mode, &fallback, e);
	int rc = -1;
	if (!mv)
		goto out;
	tv_set(v, "module", mv);
	set_current_track(c, v, t);
	if (m->quiz)
		tv_set(v, "quiz_href", tv_str_take(xconcat(m->id, "-quiz.html", NULL)));
	for (int d = -1; d <= 1; d += 2) {
		if ((d < 0 && i == 0) || (d > 0 && i + 1 >= t->nmodules))
			continue;
		const struct module *o = t->modules[i + (size_t)d];
		tv_set_ref(v, d < 0 ? "prev" : "next", c->modules[1]->items[o->index]);
	}
	rc = write_page(c, "module", rel, v, fallback, tv_get(mv, "title")->s, e);
out:
	tv_free(v);
	free(rel);
	return rc;
}

/* ---- quiz pages ------------------------------------------------------- */

struct quiz_build {
	struct lang_ctx *c;
	const struct module *m;
	int fallback;       /* some text fell back */
	struct err *e;
	int failed;
	int text_only;      /* links keep their text only (a package's page) */
	const char *root;   /* from the page to the site's root */
};

/* A quiz text in the page's language, rendered from its inline Markdown;
 * sets `<key>` and `<key>_fallback` (fb_key) in `v`. */
static void set_quiz_text(struct quiz_build *qb, struct tval *v, const char *key,
                          const char *fb_key, const char *ctxt,
                          const struct quiz_text *t)
{
	struct lang_ctx *c = qb->c;
	int fb = 0;
	const char *md = project_text(c->p, c->li, ctxt, t->src, &fb);
	struct link_ctx l = { c->s, qb->m, 1, qb->root, qb->text_only };
	struct md_env env = { .source_lang = c->p->site.source_lang,
	                      .path = qb->m->quiz->path, .first_line = t->line,
	                      .resolve = resolve_link, .resolve_ctx = &l };
	struct buf html = {0};
	if (mdhtml_inline(md, &env, &html, qb->e) < 0) {
		if (c->cat && !fb)
			pofile_blame(qb->e, c->p->po_paths[c->li], c->lang->code, ctxt, t->src);
		qb->failed = 1;
	}
	tv_set(v, key, tv_str_take(buf_take(&html)));
	tv_set_bool(v, fb_key, fb);
	qb->fallback |= fb;
}

static struct tval *choice_value(struct quiz_build *qb,
                                 const struct quiz_question *q,
                                 const struct quiz_choice *ch)
{
	struct tval *v = tv_map();
	tv_set_str(v, "id", ch->id);
	tv_set(v, "input_id", tv_str_take(xconcat("q-", q->id, "-", ch->id, NULL)));
	tv_set_bool(v, "correct", ch->correct);
	set_quiz_text(qb, v, "text", "text_fallback", ch->ctxt, &ch->text);
	if (ch->feedback.src)
		set_quiz_text(qb, v, "feedback", "feedback_fallback", ch->ctxt, &ch->feedback);
	else
		tv_set_bool(v, "feedback_fallback", 0);
	return v;
}

static struct tval *question_value(struct quiz_build *qb,
                                   const struct quiz_question *q, size_t number)
{
	struct tval *v = tv_map();
	tv_set_str(v, "id", q->id);
	tv_set_int(v, "number", (long)number);
	tv_set_str(v, "type", quiz_type_name(q->type));
	tv_set_bool(v, "single", q->type == QUIZ_SINGLE);
	tv_set_bool(v, "multiple", q->type == QUIZ_MULTIPLE);
	tv_set_bool(v, "true_false", q->type == QUIZ_TRUE_FALSE);
	set_quiz_text(qb, v, "prompt", "prompt_fallback", q->ctxt, &q->prompt);
	set_quiz_text(qb, v, "explanation", "explanation_fallback", q->ctxt, &q->explanation);
	struct tval *all = tv_set(v, "choices", tv_list());
	struct tval *right = tv_set(v, "correct_choices", tv_list());
	for (size_t i = 0; i < q->nchoices; i++) {
		struct tval *ch = tv_push(all, choice_value(qb, q, &q->choices[i]));
		if (q->choices[i].correct)
			tv_push_ref(right, ch);
	}
	return v;
}

/* A percentage the way the language writes it: its "percent_pattern" with
 * the number in place of {percent}. */
static char *percent_text(struct lang_ctx *c, int percent)
{
	const char *pattern = ui_text(c, "percent_pattern");
	char num[16];
	snprintf(num, sizeof num, "%d", percent);
	if (!strstr(pattern, "{percent}"))   /* a translation that lost it */
		return xconcat(num, "%", NULL);
	return ui_fill(pattern, (const char *const[]){ "{percent}" },
	               (const char *const[]){ num }, 1);
}

static struct tval *quiz_value(struct quiz_build *qb)
{
	const struct quiz *quiz = qb->m->quiz;
	struct tval *v = tv_map();
	tv_set_str(v, "id", quiz->id);
	tv_set_bool(v, "scored", module_quiz_scored(qb->m));
	tv_set_int(v, "pass_percent", quiz->pass_percent);
	tv_set(v, "pass_mark_text", tv_str_take(percent_text(qb->c, quiz->pass_percent)));
	tv_set_int(v, "question_count", (long)quiz->nquestions);
	struct tval *list = tv_set(v, "questions", tv_list());
	for (size_t i = 0; i < quiz->nquestions; i++)
		tv_push(list, question_value(qb, &quiz->questions[i], i + 1));
	return v;
}

static int emit_quiz(struct lang_ctx *c, const struct module *m, struct err *e)
{
	struct quiz_build qb = { c, m, 0, e, 0, 0, root_of(1) };
	char *rel = quiz_rel(m);
	struct tval *v = page_base(c, rel, m->track);
	struct tval *item = c->modules[1]->items[m->index];
	int rc = -1;
	tv_set_ref(v, "module", item);
	set_current_track(c, v, m->track);
	tv_set(v, "quiz", quiz_value(&qb));
	if (qb.failed)
		goto out;
	char *title = xconcat(ui_text(c, "quiz"), ": ", tv_get(item, "title")->s, NULL);
	rc = write_page(c, "quiz", rel, v, qb.fallback || item_fell_back(item), title, e);
	free(title);
out:
	tv_free(v);
	free(rel);
	return rc;
}

static int emit_track(struct lang_ctx *c, size_t ti, struct err *e)
{
	const struct track *t = &c->p->site.tracks[ti];
	char *rel = xasprintf("%s/index.html", t->id);
	char *folder = xasprintf("%s/%s/%s", c->dir, c->lang->code, t->id);
	struct tval *v = NULL;
	int rc = fs_mkdirs(folder, e);
	if (rc < 0)
		goto out;
	v = page_base(c, rel, t);
	struct tval *tv = tv_get(v, "tracks")->items[ti];
	tv_set_ref(v, "track", tv);
	int fallback = item_fell_back(tv);
	for (size_t i = 0; i < t->nmodules; i++) {
		struct tval *mi = c->modules[1]->items[t->modules[i]->index];
		fallback |= item_fell_back(mi);
	}
	rc = write_page(c, "track", rel, v, fallback, tv_get(tv, "title")->s, e);
out:
	tv_free(v);
	free(rel);
	free(folder);
	return rc;
}

static int emit_home(struct lang_ctx *c, struct err *e)
{
	struct tval *v = page_base(c, "index.html", NULL);
	int fallback = 0;
	for (size_t i = 0; i < c->p->content.nmodules; i++) {
		struct tval *mi = c->modules[0]->items[i];
		fallback |= item_fell_back(mi);
	}
	int rc = write_page(c, "home", "index.html", v, fallback,
	                    tv_get(v, "site_title")->s, e);
	tv_free(v);
	return rc;
}

/* Helplines (or ways to report abuse by UN personnel) as a list under
 * `key`; returns 1 when a text fell back. */
static int helpline_list(struct lang_ctx *c, struct tval *v, const char *key,
                         const struct helpline *hs, size_t n)
{
	struct tval *list = tv_set(v, key, tv_list());
	int fallback = 0;
	for (size_t i = 0; i < n; i++) {
		const struct helpline *h = &hs[i];
		struct tval *hv = tv_push(list, tv_map());
		fallback |= set_text(c, hv, "name", "name_fallback", &h->name);
		fallback |= set_text(c, hv, "description", "description_fallback", &h->description);
		fallback |= set_text(c, hv, "hours", "hours_fallback", &h->hours);
		tv_set_str(hv, "phone", h->phone);
		tv_set_bool(hv, "example", h->example);
	}
	return fallback;
}

/* The values of the help page (the site's and packages'): what to do in
 * danger, the helplines, how to report abuse by UN personnel, the help
 * module, its links as `mode` says. */
static int help_values(struct lang_ctx *c, struct tval *v, const struct link_ctx *mode,
                       int *fallback, struct err *e)
{
	const struct site *s = &c->p->site;
	*fallback = helpline_list(c, v, "helplines", s->helplines, s->nhelplines);
	*fallback |= helpline_list(c, v, "un_reporting", s->un_reporting, s->nun_reporting);
	/* no number to call yet: say where else to turn, before the cards */
	tv_set_bool(v, "no_number", !site_has_real_helpline(s));
	tv_set_bool(v, "has_un_reporting", s->nun_reporting > 0);
	if (s->help_module) {
		int fb;
		struct parsed pm;
		parsed_init(&pm, content_find(&c->p->content, s->help_module), NULL);
		struct link_ctx l = *mode;
		l.m = pm.m;
		struct tval *mv = module_value(c, &pm, &l, &fb, e);
		parsed_free(&pm);
		if (!mv)
			return -1;
		tv_set(v, "help_module", mv);
		*fallback |= fb;
	}
	return 0;
}

static int emit_help(struct lang_ctx *c, struct err *e)
{
	struct tval *v = page_base(c, "help.html", NULL);
	struct link_ctx mode = { c->s, NULL, 0, root_of(0), 0 };
	int fallback = 0, rc = -1;
	if (help_values(c, v, &mode, &fallback, e) < 0)
		goto out;
	rc = write_page(c, "help", "help.html", v, fallback, ui_text(c, "get_help"), e);
out:
	tv_free(v);
	return rc;
}

static void set_counts(struct tval *v, const struct tcount *n)
{
	char pct[16];
	tv_set_int(v, "translated", n->translated);
	tv_set_int(v, "fuzzy", n->fuzzy);
	tv_set_int(v, "untranslated", n->missing);
	tv_set_int(v, "total", tcount_total(n));
	snprintf(pct, sizeof pct, "%.0f", tcount_percent(n));
	tv_set_str(v, "percent", pct);
}

static void set_ncounts(struct tval *v, const struct ncount *n)
{
	tv_set_int(v, "recorded", n->recorded);
	tv_set_int(v, "synthetic", n->synthetic);
	tv_set_int(v, "stale", n->stale);
	tv_set_int(v, "missing", n->missing);
}

/* The status page's narration table (`status_rows` gives each module's
 * title and link), when the language is narrated. */
static int narration_values(struct lang_ctx *c, struct tval *v, struct err *e)
{
	struct narration n;
	struct nstatus ns;
	if (narration_load(&n, c->p, (size_t)(c->lang - c->p->site.langs), e) < 0) {
		narration_free(&n);
		return -1;
	}
	if (n.present) {
		narration_count(&n, &ns);
		struct tval *rows = tv_set(tv_set(v, "narration", tv_map()), "rows", tv_list());
		struct tval *status_rows = tv_get(v, "status_rows");
		for (size_t i = 0; i <= c->p->content.nmodules; i++) {
			struct tval *r = tv_push(rows, tv_map()), *from = status_rows->items[i];
			tv_set_str(r, "title", tv_get(from, "title")->s);
			if (i) {
				tv_set_bool(r, "title_fallback", tv_truthy(tv_get(from, "title_fallback")));
				tv_set_str(r, "href", tv_get(from, "href")->s);
			}
			set_ncounts(r, i ? &ns.modules[i - 1] : &ns.site);
		}
		nstatus_free(&ns);
	}
	narration_free(&n);
	return 0;
}

/* After every module was rendered (and counted). */
static int emit_status(struct lang_ctx *c, struct err *e)
{
	struct lang_status st = c->status;
	struct tval *v = page_base(c, "status.html", NULL);
	status_total(&st, c->p->content.nmodules);
	set_counts(tv_set(v, "status", tv_map()), &st.total);
	struct tval *rows = tv_set(v, "status_rows", tv_list());
	struct tval *site_row = tv_push(rows, tv_map());
	tv_set_str(site_row, "title", ui_text(c, "status_site"));
	set_counts(site_row, &st.site);
	for (size_t i = 0; i < c->p->content.nmodules; i++) {
		const struct module *m = &c->p->content.modules[i];
		struct tval *r = tv_push(rows, tv_map());
		struct tval *mi = c->modules[0]->items[i];
		tv_set_str(r, "title", tv_get(mi, "title")->s);
		tv_set_bool(r, "title_fallback", tv_truthy(tv_get(mi, "title_fallback")));
		tv_set_str(r, "href", tv_get(mi, "href")->s);
		struct text tt = m->track->title;
		set_text(c, r, "track", "track_fallback", &tt);
		set_counts(r, &st.modules[i]);
	}
	int rc = narration_values(c, v, e);
	if (rc == 0)
		rc = write_page(c, "status", "status.html", v, st.total.translated !=
		                tcount_total(&st.total), ui_text(c, "translation_status"), e);
	tv_free(v);
	return rc;
}

static void lang_ctx_free(struct lang_ctx *c)
{
	status_free(&c->status);
	if (c->tracks)
		for (size_t i = 0; i < DEPTHS * (c->p->site.ntracks + 1); i++)
			tv_free(c->tracks[i]);
	free(c->tracks);
	tv_free(c->ui);
	for (int d = 0; d < DEPTHS; d++) {
		tv_free(c->track_modules[d]);
		tv_free(c->modules[d]);
	}
}

/* Values shared by every page of a language. */
static void lang_ctx_init(struct lang_ctx *c, struct site_pages *s,
                          const struct tmpl_set *t, size_t li)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->p = s->p;
	c->t = t;
	c->dir = s->dir;
	c->li = li;
	c->lang = &s->p->site.langs[li];
	c->cat = project_catalog(s->p, li);
	build_ui(c);
	tv_index(c->ui);
	build_module_lists(c);
	for (int d = 0; d < DEPTHS; d++)
		tv_index_owned(c->modules[d]);
	size_t nt = s->p->site.ntracks;
	c->tracks = xcalloc(DEPTHS * (nt + 1), sizeof *c->tracks);
	for (int d = 0; d < DEPTHS; d++)
		for (size_t cur = 0; cur <= nt; cur++) {
			struct tval *l = c->tracks[(size_t)d * (nt + 1) + cur] = tv_list();
			for (size_t i = 0; i < nt; i++)
				tv_push(l, track_item(c, i, d, cur ? &s->p->site.tracks[cur - 1] : NULL));
			tv_index_owned(l);
		}
	c->status.modules = xcalloc(s->p->content.nmodules, sizeof *c->status.modules);
	status_count_site(s->p, c->cat, &c->status.site);
}

/* verify.html: checks a certificate in the page (assets/js/verify.js)
 * against the issuer key the site was built with, naming each track's
 * modules with a quiz in the order certify.c lists them. */
static int emit_verify(struct lang_ctx *c, struct err *e)
{
	const struct site *s = &c->p->site;
	struct tval *v = page_base(c, "verify.html", NULL);
	struct tval *issuers = tv_set(v, "issuers", tv_list());
	if (c->s->issuer) {
		struct tval *k = tv_push(issuers, tv_map());
		char id[2 * SIGN_ID_SIZE + 1];
		sign_key_id_hex(c->s->issuer, id);
		tv_set(k, "key", tv_str_take(sign_base64url(c->s->issuer->pub, SIGN_KEY_SIZE)));
		tv_set_str(k, "id", id);
		set_text(c, k, "name", "name_fallback", &s->title);
	}
	struct tval *tracks = tv_set(v, "cert_tracks", tv_list());
	for (size_t i = 0; i < s->ntracks; i++) {
		const struct track *t = &s->tracks[i];
		if (!strcmp(t->audience, "community"))
			continue;
		struct tval *tv = tv_push(tracks, tv_map());
		tv_set_str(tv, "id", t->id);
		set_text(c, tv, "title", "title_fallback", &t->title);
		struct tval *mods = tv_set(tv, "modules", tv_list());
		for (size_t m = 0; m < t->nmodules; m++)
			if (t->modules[m]->quiz) {
				struct tval *mv = tv_push(mods, tv_map());
				tv_set_str(mv, "key", t->modules[m]->key);
				set_text(c, mv, "title", "title_fallback", &t->modules[m]->title);
			}
	}
	int rc = write_page(c, "verify", "verify.html", v, 0, ui_text(c, "verify_title"), e);
	tv_free(v);
	return rc;
}

/* The pages of a language other than modules. */
static int emit_language(struct lang_ctx *c, struct err *e)
{
	char *folder = xasprintf("%s/%s", c->dir, c->lang->code);
	int rc = fs_mkdirs(folder, e);
	free(folder);
	if (rc == 0)
		rc = emit_home(c, e);
	for (size_t t = 0; rc == 0 && t < c->p->site.ntracks; t++)
		rc = emit_track(c, t, e);
	if (rc == 0)
		rc = emit_help(c, e);
	if (rc == 0)
		rc = emit_verify(c, e);
	return rc;
}

/* ---- module pages, in parallel ---------------------------------------- */

/* Module i: parsed once, its pages written in every language. */
static int module_task(void *ctx, size_t i, struct err *e)
{
	struct site_pages *s = ctx;
	struct parsed pm;
	int rc = 0;
	parsed_init(&pm, &s->p->content.modules[i], s);
	for (size_t l = 0; rc == 0 && l < s->p->site.nlangs; l++) {
		struct lang_ctx *c = &s->langs[l];
		/* each module's slot is written by one task only */
		status_count_module(pm.m, pm.msgids, pm.nmsgids, c->cat, &c->status.modules[i]);
		rc = emit_module(c, &pm, e);
		if (rc == 0 && pm.m->quiz)
			rc = emit_quiz(c, pm.m, e);
	}
	parsed_free(&pm);
	return rc;
}

/* ---- the root --------------------------------------------------------- */

/* Where "Leave this site" goes: a blank page with nothing to show what was
 * read before (no title, no words, no request). */
static int write_blank(const char *dir, struct err *e)
{
	static const char page[] =
		"<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<meta name=\"referrer\" content=\"no-referrer\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n"
		"<title>&#8203;</title>\n</head>\n<body>\n</body>\n</html>\n";
	char *path = fs_join(dir, "blank.html");
	int rc = fs_write(path, page, sizeof page - 1, e);
	free(path);
	return rc;
}

static int emit_root(const struct project *p, const struct tmpl_set *ts,
                     const char *dir, struct err *e)
{
	const struct site *s = &p->site;
	const struct tmpl *t = tmpl_get(ts, "root");
	struct tval *v = tv_map();
	struct buf out = {0};
	int rc;
	if (!t) {
		tv_free(v);
		return err_set(e, "root", 0, "no template \"root.html\"");
	}
	const struct lang *src = site_lang(s, s->source_lang);
	tv_set_str(v, "lang", src->code);
	tv_set_str(v, "dir", src->rtl ? "rtl" : "ltr");
	tv_set_str(v, "source_lang", s->source_lang);
	tv_set_str(v, "site_title", s->title.src);
	tv_set_str(v, "page_title", s->title.src);
	tv_set_str(v, "root", "");
	struct tval *langs = tv_set(v, "languages", tv_list());
	for (size_t i = 0; i < s->nlangs; i++) {
		struct tval *l = tv_push(langs, lang_value(&s->langs[i],
		                         xconcat(s->langs[i].code, "/index.html", NULL), 0));
		tv_set_str(l, "site_title", project_text(p, i, NULL, s->title.src, NULL));
		tv_set(l, "help_href", tv_str_take(xconcat(s->langs[i].code, "/help.html", NULL)));
		tv_set_str(l, "choose_language", project_ui_text(p, i, "choose_language"));
		tv_set_str(l, "get_help", project_ui_text(p, i, "get_help"));
		tv_set_str(l, "quick_exit", project_ui_text(p, i, "quick_exit"));
	}
	tmpl_render(t, v, &out);
	char *path = fs_join(dir, "index.html");
	rc = fs_write(path, out.data, out.len, e);
	free(path);
	buf_free(&out);
	tv_free(v);
	return rc < 0 ? rc : write_blank(dir, e);
}

/* Copy the files of assets/<sub>/ (css, js) into the site's assets/. */
static int copy_asset_folder(const struct project *p, const char *sub,
                             const char *dest, struct err *e)
{
	char *src = fs_join(p->paths.assets, sub);
	char **names = NULL;
	size_t n = 0;
	int rc = 0;
	if (fs_is_dir(src) && fs_list(src, &names, &n, e) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *from = fs_join(src, names[i]), *to = fs_join(dest, names[i]);
		if (fs_is_file(from))
			rc = fs_copy_file(from, to, e);
		free(from);
		free(to);
	}
	fs_list_free(names, n);
	free(src);
	return rc;
}

static int copy_assets(const struct project *p, const char *dir, struct err *e)
{
	char *dest = fs_join(dir, "assets");
	int rc = fs_mkdirs(dest, e);
	if (rc == 0)
		rc = copy_asset_folder(p, "css", dest, e);
	if (rc == 0)
		rc = copy_asset_folder(p, "js", dest, e);
	free(dest);
	return rc;
}

static void sitemap_url(struct buf *b, const struct site *site, const char *rel)
{
	const char *base = site->base_url ? site->base_url : "";
	for (size_t i = 0; i < site->nlangs; i++) {
		buf_puts(b, "<url><loc>");
		buf_put_html(b, base, strlen(base));
		buf_printf(b, "%s/%s</loc>", site->langs[i].code, rel);
		for (size_t j = 0; j < site->nlangs; j++) {
			buf_printf(b, "<xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"",
			           site->langs[j].code);
			buf_put_html(b, base, strlen(base));
			buf_printf(b, "%s/%s\"/>", site->langs[j].code, rel);
		}
		buf_puts(b, "</url>\n");
	}
}

/* Every page of every language, with its alternates. */
static int write_sitemap(const struct project *p, const char *dir, struct err *e)
{
	const struct site *s = &p->site;
	struct buf b = {0};
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	             "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
	             "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
	sitemap_url(&b, s, "index.html");
	for (size_t t = 0; t < s->ntracks; t++) {
		char *rel = xasprintf("%s/index.html", s->tracks[t].id);
		sitemap_url(&b, s, rel);
		free(rel);
		for (size_t i = 0; i < s->tracks[t].nmodules; i++) {
			rel = module_rel(s->tracks[t].modules[i]);
			sitemap_url(&b, s, rel);
			free(rel);
			if (s->tracks[t].modules[i]->quiz) {
				rel = quiz_rel(s->tracks[t].modules[i]);
				sitemap_url(&b, s, rel);
				free(rel);
			}
		}
	}
	sitemap_url(&b, s, "help.html");
	sitemap_url(&b, s, "status.html");
	buf_puts(&b, "</urlset>\n");
	char *path = fs_join(dir, "sitemap.xml");
	int rc = fs_write(path, b.data, b.len, e);
	free(path);
	buf_free(&b);
	return rc;
}

/* ---- pages for packages --------------------------------------------- */

/* A package's page is made of the same values as the site's pages
 * (page_base, module_value, quiz_value, help_values), so the two cannot
 * drift; only its place (`root`) and its links (text only: the package has
 * no page to link to) differ. */
int site_page_render(struct site_pages *s, const struct site_page *pg, struct buf *out,
                     struct err *e)
{
	struct lang_ctx *c = &s->langs[pg->lang];
	const struct module *m = pg->module;
	struct tval *v = page_base(c, pg->rel, m ? m->track : NULL);
	struct link_ctx mode = { s, m, 0, pg->root, 1 };
	const char *title = ui_text(c, "get_help");
	int fallback = 0, rc = -1;
	tv_set_str(v, "root", pg->root);
	if (!m) {
		if (help_values(c, v, &mode, &fallback, e) < 0)
			goto out;
	} else {
		struct parsed pm;
		parsed_init(&pm, m, NULL);
		struct tval *mv = module_value(c, &pm, &mode, &fallback, e);
		parsed_free(&pm);
		if (!mv)
			goto out;
		tv_set(v, "module", mv);
		title = tv_get(mv, "title")->s;
		if (m->quiz) {
			struct quiz_build qb = { c, m, 0, e, 0, 1, pg->root };
			tv_set(v, "quiz", quiz_value(&qb));
			if (qb.failed)
				goto out;
			fallback |= qb.fallback;
		}
	}
	rc = render_page(c, pg->tmpl, v, fallback, title, out, e);
out:
	tv_free(v);
	return rc;
}

/* ---- entry ------------------------------------------------------------ */

static int init_lang(void *ctx, size_t i, struct err *e)
{
	struct site_pages *s = ctx;
	(void)e;
	lang_ctx_init(&s->langs[i], s, s->t, i);
	return 0;
}

struct site_pages *site_pages_new(const struct project *p, const struct tmpl_set *t,
                                  const char *dir, const struct sign_key *issuer)
{
	struct site_pages *s = xcalloc(1, sizeof *s);
	s->p = p;
	s->t = t;
	s->dir = dir;
	s->issuer = issuer;
	s->images = strmap_new();
	pthread_mutex_init(&s->images_lock, NULL);
	s->langs = xcalloc(p->site.nlangs, sizeof *s->langs);
	/* each language's lists of modules and tracks are its own: made side
	 * by side (6 % of a warm build, on one thread) */
	pool_run(p->site.nlangs, WORKERS, init_lang, s, NULL);
	s->frag_dir = project_cache_dir(&p->paths);
	s->build_id = uptodate_binary_id();
	return s;
}

void site_pages_free(struct site_pages *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->p->site.nlangs; i++)
		lang_ctx_free(&s->langs[i]);
	free(s->langs);
	pthread_mutex_destroy(&s->images_lock);
	strmap_free(s->images, NULL);
	free(s->frag_dir);
	free(s);
}

int emit_site(struct site_pages *s, struct err *e)
{
	const struct project *p = s->p;
	const char *dir = s->dir;
	size_t nlangs = p->site.nlangs;
	int rc = -1;
	if (site_voices_load(&s->voices, p, dir, e) < 0)
		goto out;
	if (fs_mkdirs(dir, e) < 0 || copy_assets(p, dir, e) < 0 ||
	    emit_root(p, s->t, dir, e) < 0)
		goto out;
	for (size_t i = 0; i < nlangs; i++)
		if (emit_language(&s->langs[i], e) < 0)
			goto out;
	/* the bulk of the work, in parallel; the error reported is that of
	 * the first module in content order, whatever the thread timing */
	if (pool_run(p->content.nmodules, WORKERS, module_task, s, e) < 0)
		goto out;
	for (size_t i = 0; i < nlangs; i++)
		if (emit_status(&s->langs[i], e) < 0)
			goto out;
	rc = write_sitemap(p, dir, e);
out:
	/* the voices wrote their recordings into the site: packages load
	 * their own (emit_packages.c) */
	site_voices_free(s->voices);
	s->voices = NULL;
	return rc;
}
