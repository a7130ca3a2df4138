/* emit_epub.c - EPUB 3 books; see emit_epub.h. */
#include "emit_epub.h"
#include "buf.h"
#include "fs.h"
#include "mdhtml.h"
#include "pofile.h"
#include "quiz.h"
#include "segment.h"
#include "audiofile.h"
#include "site_voice.h"
#include "strmap.h"
#include "ui.h"
#include "zipout.h"

#include <stdlib.h>
#include <string.h>

struct book {
	const struct project *p;
	const struct track *t;
	const struct lang *lang;
	size_t li;                   /* its index in p->site.langs */
	const struct catalog *cat;   /* NULL for the source language */
	struct zipout *z;
	struct strmap *images;       /* zip name -> 1, added once */
	struct buf image_items;      /* manifest <item>s of the images */
	struct err *e;
	/* narration: EPUB 3 media overlays, one SMIL a chapter */
	struct site_voices *voices;
	struct buf audio_items;      /* manifest <item>s of the audio files */
	struct buf smil;             /* the chapter's <par>s */
	const char *doc;             /* the chapter's file, for the pars' text */
	double chapter_secs, total_secs;
	struct buf overlays;         /* "<id> <seconds>\n" of each chapter's overlay */
};

/* ---- text ------------------------------------------------------------- */

static void put(struct buf *b, const char *s)
{
	buf_put_html(b, s, strlen(s));
}

/* A text and a chrome string in the book's language (the fallback rule is
 * project_text's). */
static const char *text_of(struct book *k, const char *ctxt, const char *src, int *fb)
{
	return project_text(k->p, k->li, ctxt, src, fb);
}

static const char *ui(struct book *k, const char *key)
{
	return project_ui_text(k->p, k->li, key);
}

/* The start tag of an element holding a text: its class, and
 * ` lang=".." xml:lang=".."` when the text is shown in the source language. */
static void open_text(struct book *k, struct buf *b, const char *tag, const char *cls, int fb)
{
	buf_printf(b, "<%s", tag);
	if (cls)
		buf_printf(b, " class=\"%s\"", cls);
	if (fb)
		buf_printf(b, " lang=\"%s\" xml:lang=\"%s\"", k->p->site.source_lang,
		           k->p->site.source_lang);
	buf_putc(b, '>');
}

/* An element holding a translated plain text. */
static void put_element(struct book *k, struct buf *b, const char *tag,
                        const char *cls, const char *ctxt, const struct text *t)
{
	int fb;
	const char *s = text_of(k, ctxt, t->src, &fb);
	open_text(k, b, tag, cls, fb);
	put(b, s);
	buf_printf(b, "</%s>\n", tag);
}

/* ---- links and images ------------------------------------------------- */

struct link {
	struct book *k;
	const struct module *m;
};

/* An image, packed into the book once. */
static int add_image(void *ctx, const struct module *m, const struct content_image *img,
                     struct buf *href, struct err *e)
{
	struct link *l = ctx;
	struct book *k = l->k;
	char *zname = xconcat("OEBPS/images/", m->dir, "-", img->name, NULL);
	int rc = 0;
	if (!strmap_get(k->images, zname)) {
		char *data;
		size_t len;
		rc = fs_read(img->file, &data, &len, e);
		if (rc == 0) {
			rc = zipout_add(k->z, zname, data, len, 0, e);
			free(data);
			buf_printf(&k->image_items, "<item id=\"img-%zu\" href=\"%s\" media-type=\"%s\"/>\n",
			           strmap_count(k->images), zname + strlen("OEBPS/"), img->type);
			strmap_put(k->images, zname, (void *)1);
		}
	}
	buf_puts(href, zname + strlen("OEBPS/"));
	free(zname);
	return rc;
}

/* Module links inside the book become chapter links; links to other tracks
 * (other books) keep their text only. */
static int chapter_href(void *ctx, const struct module *to, const char *fragment,
                        struct buf *href, struct err *e)
{
	struct link *l = ctx;
	(void)e;
	if (to->track == l->k->t)   /* a chapter of this book */
		buf_printf(href, "%s.xhtml%s", to->id, fragment);
	return 0;
}

static int resolve(void *ctx, const char *url, int is_image, struct buf *href,
                   struct err *e)
{
	static const struct content_refs refs = { add_image, chapter_href };
	struct link *l = ctx;
	return content_resolve(&l->k->p->content, l->m, url, is_image, &refs, l, href, e);
}

/* ---- documents -------------------------------------------------------- */

static void xhtml_head(struct book *k, struct buf *b, const char *title)
{
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	           "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	           "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"%s\" xml:lang=\"%s\" dir=\"%s\">\n"
	           "<head>\n<meta charset=\"utf-8\" />\n<title>",
	           k->lang->code, k->lang->code, k->lang->rtl ? "rtl" : "ltr");
	put(b, title);
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\" />\n"
	            "</head>\n<body>\n");
}

static int add_doc(struct book *k, const char *name, struct buf *b)
{
	buf_puts(b, "</body>\n</html>\n");
	char *zname = xconcat("OEBPS/", name, NULL);
	int rc = zipout_add(k->z, zname, b->data, b->len, 0, k->e);
	free(zname);
	buf_free(b);
	return rc;
}

/* A draft translation says so where the book opens. */
static void put_draft_notice(struct book *k, struct buf *b)
{
	if (k->cat && catalog_is_draft(k->cat)) {
		buf_puts(b, "<p class=\"notice-draft\">");
		put(b, ui(k, "draft_notice"));
		buf_puts(b, "</p>\n");
	}
}

static void put_ui_element(struct book *k, struct buf *b, const char *tag,
                           const char *cls, const char *key)
{
	buf_printf(b, "<%s", tag);
	if (cls)
		buf_printf(b, " class=\"%s\"", cls);
	buf_putc(b, '>');
	put(b, ui(k, key));
	buf_printf(b, "</%s>\n", tag);
}

/* Helplines (or ways to report abuse by UN personnel) as a list. */
static void put_helplines(struct book *k, struct buf *b, const struct helpline *hs,
                          size_t n)
{
	buf_puts(b, "<ul class=\"helplines\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct helpline *h = &hs[i];
		buf_puts(b, h->example ? "<li class=\"helpline helpline-example\">\n"
		                       : "<li class=\"helpline\">\n");
		put_element(k, b, "h3", NULL, NULL, &h->name);
		if (h->example)
			put_ui_element(k, b, "p", "badge-example", "helpline_example");
		if (h->description.src)
			put_element(k, b, "p", NULL, NULL, &h->description);
		buf_puts(b, "<p class=\"phone\">");
		put(b, ui(k, "phone"));
		buf_puts(b, ": ");
		if (h->phone[0]) {
			buf_puts(b, "<span dir=\"ltr\">");
			put(b, h->phone);
			buf_puts(b, "</span>");
		} else {
			put(b, ui(k, "phone_missing"));
		}
		buf_puts(b, "</p>\n");
		if (h->hours.src)
			put_element(k, b, "p", "hours", NULL, &h->hours);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n");
}

/* ---- narration: media overlays ----------------------------------------- */

/* The audio of a unit (MP3: a core media type of EPUB 3.2; its length from
 * the Opus it was made from) added once to the book. */
static int add_audio(struct book *k, const char *key, const char *mp3)
{
	char *zname = xconcat("OEBPS/audio/", key, ".mp3", (char *)NULL), *data = NULL;
	size_t len;
	int rc = 0;
	if (!strmap_get(k->images, zname)) {
		rc = fs_read(mp3, &data, &len, k->e);
		if (rc == 0)
			rc = zipout_add(k->z, zname, data, len, 1, k->e);
		strmap_put(k->images, zname, (void *)1);
		buf_printf(&k->audio_items, "<item id=\"a-%s\" href=\"audio/%s.mp3\" "
		           "media-type=\"audio/mpeg\"/>\n", key, key);
	}
	free(data);
	free(zname);
	return rc;
}

/* After unit n of a chapter: its <par> (its text, its whole clip). */
static int unit_overlay(void *ctx, const char *msgid, int fell_back, int unit_no,
                        struct buf *out, struct err *e)
{
	struct book *k = ctx;
	size_t li = k->li;
	char key[17], *mp3 = NULL, *opus = NULL;
	int synthetic, rc;
	(void)out;
	rc = site_voice_file(k->voices, li, msgid, fell_back, "mp3", &mp3, key, &synthetic, e);
	if (rc > 0)
		rc = site_voice_file(k->voices, li, msgid, fell_back, "opus", &opus, key, &synthetic,
		                     e);
	double secs = rc > 0 ? audio_seconds(opus) : -1;
	if (rc > 0 && secs > 0 && add_audio(k, key, mp3) == 0) {
		buf_printf(&k->smil, "<par id=\"p%d\"><text src=\"%s#u%d\"/><audio src=\"audio/%s.mp3\" "
		           "clipBegin=\"0s\" clipEnd=\"%.3fs\"/></par>\n", unit_no, k->doc, unit_no, key,
		           secs);
		k->chapter_secs += secs;
	}
	free(mp3);
	free(opus);
	return rc < 0 ? -1 : 0;
}

/* "H:MM:SS.fff", the clock value of media:duration. */
static void put_clock(struct buf *b, double secs)
{
	long ms = (long)(secs * 1000 + 0.5);
	buf_printf(b, "%ld:%02ld:%02ld.%03ld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
	           ms % 1000);
}

/* The chapter's SMIL, when some of its units have a voice. */
static int add_overlay(struct book *k, const struct module *m)
{
	if (!k->smil.len)
		return 0;
	struct buf b = {0};
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<smil xmlns=\"http://www.w3.org/ns/SMIL\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
	           "version=\"3.0\">\n<body>\n<seq id=\"s-%s\" epub:textref=\"%s#%s\" "
	           "epub:type=\"chapter\">\n", m->id, k->doc, m->id);
	buf_put(&b, k->smil.data, k->smil.len);
	buf_puts(&b, "</seq>\n</body>\n</smil>\n");
	char *name = xconcat("OEBPS/", m->id, ".smil", (char *)NULL);
	int rc = zipout_add(k->z, name, b.data, b.len, 0, k->e);
	free(name);
	buf_free(&b);
	buf_printf(&k->overlays, "%s %.3f\n", m->id, k->chapter_secs);
	k->total_secs += k->chapter_secs;
	return rc;
}

/* 1 when module `id` has an overlay (k->overlays). */
static int has_overlay(const struct book *k, const char *id)
{
	size_t n = strlen(id);
	for (const char *l = k->overlays.data; l && *l; l = strchr(l, '\n') + 1)
		if (!strncmp(l, id, n) && l[n] == ' ')
			return 1;
	return 0;
}

/* A module's CommonMark body as XHTML; a chapter's (`overlay`) with its
 * units numbered for the media overlay. */
static int render_module_body(struct book *k, const struct module *m, struct buf *b,
                              int overlay)
{
	struct link l = { k, m };
	size_t li = k->li;
	int voiced = overlay && k->voices && site_voices_any(k->voices);
	struct md_env env = { .cat = k->cat, .source_lang = k->p->site.source_lang,
	                      .path = m->path, .first_line = m->body_line,
	                      .resolve = resolve, .resolve_ctx = &l, .xhtml = 1,
	                      .po_path = k->cat ? k->p->po_paths[li] : NULL,
	                      .lang = k->lang->code,
	                      .unit_voice = voiced ? unit_overlay : NULL, .voice_ctx = k,
	                      .unit_id_prefix = voiced ? "u" : NULL };
	cmark_node *doc = segment_parse(m->body, m->body_len);
	int rc = mdhtml_render(doc, &env, b, k->e);
	cmark_node_free(doc);
	return rc;
}

/* "Get help", first in every book: what to do in danger, the helplines, how
 * to report abuse by UN personnel, and the help module (or a link to its
 * chapter when it is in this book). */
static int add_help(struct book *k)
{
	const struct site *s = &k->p->site;
	const struct module *hm = s->help_module ? content_find(&k->p->content, s->help_module) : NULL;
	struct buf b = {0};
	int rc = 0;
	xhtml_head(k, &b, ui(k, "get_help"));
	buf_puts(&b, "<section epub:type=\"chapter\" id=\"help\">\n");
	put_ui_element(k, &b, "h1", NULL, "get_help");
	buf_puts(&b, "<section class=\"help-danger\">\n");
	put_ui_element(k, &b, "h2", NULL, "help_danger_title");
	put_ui_element(k, &b, "p", NULL, "help_danger");
	if (!site_has_real_helpline(s))
		put_ui_element(k, &b, "p", "help-no-number", "help_no_number");
	buf_puts(&b, "</section>\n");
	put_ui_element(k, &b, "p", "summary", "help_intro");
	put_ui_element(k, &b, "h2", NULL, "helplines");
	put_helplines(k, &b, s->helplines, s->nhelplines);
	put_ui_element(k, &b, "h2", NULL, "help_un_title");
	put_ui_element(k, &b, "p", NULL, "help_un_intro");
	put_helplines(k, &b, s->un_reporting, s->nun_reporting);
	if (hm && hm->track == k->t) {
		buf_printf(&b, "<p><a href=\"%s.xhtml\">", hm->id);
		put(&b, text_of(k, NULL, hm->title.src, NULL));
		buf_puts(&b, "</a></p>\n");
	} else if (hm) {
		put_element(k, &b, "h2", NULL, NULL, &hm->title);
		rc = render_module_body(k, hm, &b, 0);
	}
	buf_puts(&b, "</section>\n");
	if (rc < 0) {
		buf_free(&b);
		return -1;
	}
	return add_doc(k, "help.xhtml", &b);
}

static int add_cover(struct book *k)
{
	struct buf b = {0};
	const char *title = text_of(k, NULL, k->t->title.src, NULL);
	xhtml_head(k, &b, title);
	buf_puts(&b, "<section epub:type=\"titlepage\" class=\"titlepage\">\n");
	put_element(k, &b, "p", "site-title", NULL, &k->p->site.title);
	put_element(k, &b, "h1", NULL, NULL, &k->t->title);
	if (k->t->summary.src)
		put_element(k, &b, "p", "summary", NULL, &k->t->summary);
	put_draft_notice(k, &b);
	buf_printf(&b, "<p class=\"help-link\"><a href=\"help.xhtml\">");
	put(&b, ui(k, "get_help"));
	buf_puts(&b, "</a></p>\n</section>\n");
	return add_doc(k, "cover.xhtml", &b);
}

static int add_chapter(struct book *k, const struct module *m)
{
	struct buf b = {0};
	xhtml_head(k, &b, text_of(k, NULL, m->title.src, NULL));
	buf_printf(&b, "<section epub:type=\"chapter\" id=\"%s\">\n", m->id);
	put_element(k, &b, "h1", NULL, NULL, &m->title);
	if (m->summary.src)
		put_element(k, &b, "p", "summary", NULL, &m->summary);
	char *name = xconcat(m->id, ".xhtml", NULL);
	k->doc = name;
	buf_reset(&k->smil);
	k->chapter_secs = 0;
	int rc = render_module_body(k, m, &b, 1);
	if (rc == 0 && m->quiz) {
		buf_printf(&b, "<p class=\"quiz-link\"><a href=\"quizzes.xhtml#quiz-%s\">", m->id);
		put(&b, ui(k, "quiz"));
		buf_puts(&b, "</a></p>\n");
	}
	buf_puts(&b, "</section>\n");
	if (rc == 0)
		rc = add_doc(k, name, &b);
	else
		buf_free(&b);
	if (rc == 0)
		rc = add_overlay(k, m);
	k->doc = NULL;
	free(name);
	return rc;
}

/* A quiz text as XHTML inline content. */
static int put_quiz_text(struct book *k, struct buf *b, const struct module *m,
                         const char *tag, const char *cls, const char *ctxt,
                         const struct quiz_text *t)
{
	int fb;
	struct link l = { k, m };
	struct md_env env = { .source_lang = k->p->site.source_lang, .path = m->quiz->path,
	                      .first_line = t->line, .resolve = resolve, .resolve_ctx = &l,
	                      .xhtml = 1 };
	const char *s = text_of(k, ctxt, t->src, &fb);
	open_text(k, b, tag, cls, fb);
	int rc = mdhtml_inline(s, &env, b, k->e);
	if (rc < 0 && k->cat && !fb)
		pofile_blame(k->e, k->p->po_paths[k->li], k->lang->code,
		             ctxt, t->src);
	buf_printf(b, "</%s>\n", tag);
	return rc;
}

static int put_question(struct book *k, struct buf *b, const struct module *m,
                        const struct quiz_question *q, size_t number)
{
	int rc;
	buf_printf(b, "<section class=\"question\">\n<h3>");
	put(b, ui(k, "question"));
	buf_printf(b, " %zu</h3>\n", number);
	rc = put_quiz_text(k, b, m, "p", "prompt", q->ctxt, &q->prompt);
	buf_puts(b, "<ol class=\"choices\">\n");
	for (size_t i = 0; rc == 0 && i < q->nchoices; i++) {
		const struct quiz_choice *c = &q->choices[i];
		buf_puts(b, c->correct ? "<li class=\"correct\">" : "<li>");
		rc = put_quiz_text(k, b, m, "span", "choice", c->ctxt, &c->text);
		if (rc == 0 && c->correct) {
			buf_puts(b, "<strong class=\"mark\">\u2713 ");
			put(b, ui(k, "right_answer"));
			buf_puts(b, "</strong>");
		}
		if (rc == 0 && c->feedback.src)
			rc = put_quiz_text(k, b, m, "p", "feedback", c->ctxt, &c->feedback);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n");
	if (rc == 0)
		rc = put_quiz_text(k, b, m, "p", "explanation", q->ctxt, &q->explanation);
	buf_puts(b, "</section>\n");
	return rc;
}

static int add_quizzes(struct book *k)
{
	struct buf b = {0};
	int rc = 0;
	xhtml_head(k, &b, ui(k, "quizzes_and_answers"));
	buf_puts(&b, "<section epub:type=\"appendix\" id=\"quizzes\">\n<h1>");
	put(&b, ui(k, "quizzes_and_answers"));
	buf_puts(&b, "</h1>\n");
	for (size_t i = 0; rc == 0 && i < k->t->nmodules; i++) {
		const struct module *m = k->t->modules[i];
		if (!m->quiz)
			continue;
		buf_printf(&b, "<section class=\"quiz\" id=\"quiz-%s\">\n", m->id);
		put_element(k, &b, "h2", NULL, NULL, &m->title);
		for (size_t q = 0; rc == 0 && q < m->quiz->nquestions; q++)
			rc = put_question(k, &b, m, &m->quiz->questions[q], q + 1);
		buf_puts(&b, "</section>\n");
	}
	buf_puts(&b, "</section>\n");
	if (rc < 0) {
		buf_free(&b);
		return -1;
	}
	return add_doc(k, "quizzes.xhtml", &b);
}

static int has_quiz(const struct track *t)
{
	for (size_t i = 0; i < t->nmodules; i++)
		if (t->modules[i]->quiz)
			return 1;
	return 0;
}

static int add_nav(struct book *k)
{
	struct buf b = {0};
	xhtml_head(k, &b, ui(k, "contents"));
	buf_puts(&b, "<nav epub:type=\"toc\" id=\"toc\">\n<h1>");
	put(&b, ui(k, "contents"));
	buf_puts(&b, "</h1>\n<ol>\n<li><a href=\"cover.xhtml\">");
	put(&b, text_of(k, NULL, k->t->title.src, NULL));
	buf_puts(&b, "</a></li>\n<li><a href=\"help.xhtml\">");
	put(&b, ui(k, "get_help"));
	buf_puts(&b, "</a></li>\n");
	for (size_t i = 0; i < k->t->nmodules; i++) {
		const struct module *m = k->t->modules[i];
		buf_printf(&b, "<li><a href=\"%s.xhtml\">", m->id);
		put(&b, text_of(k, NULL, m->title.src, NULL));
		buf_puts(&b, "</a></li>\n");
	}
	if (has_quiz(k->t)) {
		buf_puts(&b, "<li><a href=\"quizzes.xhtml\">");
		put(&b, ui(k, "quizzes_and_answers"));
		buf_puts(&b, "</a></li>\n");
	}
	buf_puts(&b, "</ol>\n</nav>\n<nav epub:type=\"landmarks\" hidden=\"hidden\">\n<ol>\n"
	             "<li><a epub:type=\"titlepage\" href=\"cover.xhtml\">");
	put(&b, text_of(k, NULL, k->t->title.src, NULL));
	buf_puts(&b, "</a></li>\n");
	if (k->t->nmodules) {
		buf_printf(&b, "<li><a epub:type=\"bodymatter\" href=\"%s.xhtml\">",
		           k->t->modules[0]->id);
		put(&b, text_of(k, NULL, k->t->modules[0]->title.src, NULL));
		buf_puts(&b, "</a></li>\n");
	}
	buf_puts(&b, "</ol>\n</nav>\n");
	return add_doc(k, "nav.xhtml", &b);
}

static int add_opf(struct book *k, time_t when)
{
	struct buf b = {0};
	char date[32];
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	           "unique-identifier=\"uid\" xml:lang=\"%s\" dir=\"%s\">\n"
	           "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	           "<dc:identifier id=\"uid\">urn:crsv-kit:%s:%s</dc:identifier>\n<dc:title>",
	           k->lang->code, k->lang->rtl ? "rtl" : "ltr", k->t->id, k->lang->code);
	put(&b, text_of(k, NULL, k->t->title.src, NULL));
	buf_puts(&b, "</dc:title>\n<dc:creator>");
	put(&b, text_of(k, NULL, k->p->site.title.src, NULL));
	buf_printf(&b, "</dc:creator>\n<dc:language>%s</dc:language>\n"
	           "<meta property=\"dcterms:modified\">%s</meta>\n", k->lang->code, date);
	if (k->overlays.len) {   /* each overlay's length, and the book's */
		for (const char *l = k->overlays.data; *l; l = strchr(l, '\n') + 1) {
			int n = (int)strcspn(l, " ");
			buf_printf(&b, "<meta property=\"media:duration\" refines=\"#mo-%.*s\">", n, l);
			put_clock(&b, atof(l + n + 1));
			buf_puts(&b, "</meta>\n");
		}
		buf_puts(&b, "<meta property=\"media:duration\">");
		put_clock(&b, k->total_secs);
		buf_puts(&b, "</meta>\n");
	}
	buf_printf(&b, "</metadata>\n<manifest>\n"
	           "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
	           "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n"
	           "<item id=\"cover\" href=\"cover.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
	           "<item id=\"help\" href=\"help.xhtml\" media-type=\"application/xhtml+xml\"/>\n");
	for (size_t i = 0; i < k->t->nmodules; i++) {
		const char *id = k->t->modules[i]->id;
		int mo = has_overlay(k, id);
		buf_printf(&b, "<item id=\"m-%s\" href=\"%s.xhtml\" media-type=\"application/xhtml+xml\"",
		           id, id);
		if (mo)
			buf_printf(&b, " media-overlay=\"mo-%s\"", id);
		buf_puts(&b, "/>\n");
		if (mo)
			buf_printf(&b, "<item id=\"mo-%s\" href=\"%s.smil\" media-type=\"application/smil+xml\"/>\n",
			           id, id);
	}
	if (has_quiz(k->t))
		buf_puts(&b, "<item id=\"quizzes\" href=\"quizzes.xhtml\" media-type=\"application/xhtml+xml\"/>\n");
	buf_put(&b, k->image_items.data, k->image_items.len);
	buf_put(&b, k->audio_items.data, k->audio_items.len);
	buf_printf(&b, "</manifest>\n<spine%s>\n<itemref idref=\"cover\"/>\n"
	           "<itemref idref=\"nav\" linear=\"no\"/>\n<itemref idref=\"help\"/>\n",
	           k->lang->rtl ? " page-progression-direction=\"rtl\"" : "");
	for (size_t i = 0; i < k->t->nmodules; i++)
		buf_printf(&b, "<itemref idref=\"m-%s\"/>\n", k->t->modules[i]->id);
	if (has_quiz(k->t))
		buf_puts(&b, "<itemref idref=\"quizzes\"/>\n");
	buf_puts(&b, "</spine>\n</package>\n");
	int rc = zipout_add(k->z, "OEBPS/content.opf", b.data, b.len, 0, k->e);
	buf_free(&b);
	return rc;
}

static int add_fixed_files(struct book *k)
{
	static const char container[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
		"<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" "
		"media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";
	char *css_path = fs_join(k->p->paths.assets, "epub/style.css");
	char *css = NULL;
	size_t len = 0;
	int rc = fs_read(css_path, &css, &len, k->e);
	free(css_path);
	if (rc < 0)
		return -1;
	/* the OCF rule: "mimetype" first, stored, so readers can sniff it */
	rc = zipout_add(k->z, "mimetype", "application/epub+zip", 20, 1, k->e);
	if (rc == 0)
		rc = zipout_add(k->z, "META-INF/container.xml", container, sizeof container - 1, 0, k->e);
	if (rc == 0)
		rc = zipout_add(k->z, "OEBPS/style.css", css, len, 0, k->e);
	free(css);
	return rc;
}

int emit_epub(const struct emit_job *j, struct err *e)
{
	const struct project *p = j->p;
	const struct track *t = j->track;
	const char *path = j->path;
	time_t when = j->when;
	struct book k = { .p = p, .t = t, .lang = &p->site.langs[j->lang], .li = j->lang,
	                  .cat = project_catalog(p, j->lang), .e = e, .voices = j->voices };
	int rc = -1;
	k.images = strmap_new();
	if (zipout_open(&k.z, path, when, e) < 0)
		goto out;
	if (add_fixed_files(&k) < 0 || add_cover(&k) < 0 || add_nav(&k) < 0 ||
	    add_help(&k) < 0)
		goto out;
	for (size_t i = 0; i < t->nmodules; i++)
		if (add_chapter(&k, t->modules[i]) < 0)
			goto out;
	if (has_quiz(t) && add_quizzes(&k) < 0)
		goto out;
	if (add_opf(&k, when) < 0)
		goto out;
	rc = zipout_close(k.z, e);
	k.z = NULL;
out:
	zipout_abort(k.z);
	strmap_free(k.images, NULL);
	buf_free(&k.image_items);
	buf_free(&k.audio_items);
	buf_free(&k.smil);
	buf_free(&k.overlays);
	return rc;
}
