/* emit_bundle.c - kiosk.bundle; see emit_bundle.h and common/bundle.sql. */
#include "emit_bundle.h"
#include "seal.h"
#include "buf.h"
#include "bundle.h"
#include "fs.h"
#include "mdhtml.h"
#include "media.h"
#include "narration.h"
#include "quiz.h"
#include "segment.h"
#include "sqlbind.h"
#include "strmap.h"
#include "ui.h"
#include "units.h"
#include "audiofile.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* ---- fonts and scripts ------------------------------------------------ */

/* A font family and its faces: regular, bold, italic, bold italic (NULL
 * where the family has no such face). */
struct family {
	const char *name;
	const char *files[4];
};

static const struct family families[] = {
	{ "Noto Sans", { "NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
	                 "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf" } },
	{ "Noto Naskh Arabic", { "NotoNaskhArabic-Regular.ttf",
	                         "NotoNaskhArabic-Bold.ttf", NULL, NULL } },
};
#define NFAMILIES (sizeof families / sizeof *families)

/* Which family draws which script (ISO 15924).  Noto Sans covers Latin,
 * Greek and Cyrillic.  A script missing here has no font in the bundle,
 * and a language written in it is a build error rather than a kiosk that
 * shows empty boxes: add its Noto family above and here. */
static const struct {
	const char *script;
	size_t family;
} script_fonts[] = {
	{ "Latn", 0 }, { "Grek", 0 }, { "Cyrl", 0 }, { "Arab", 1 },
};

/* Languages written in Arabic script when their code names no script
 * (BCP 47 primary subtags). */
static const char *const arabic_script_langs[] = {
	"ar", "fa", "prs", "ps", "ur", "ckb", "sd", "ug", NULL
};

/* The script of language `code` into `out` (5 bytes): an explicit script
 * subtag ("ku-Arab"), else Arabic for the languages above, else Latin. */
static void lang_script(const char *code, char out[5])
{
	size_t plen = strcspn(code, "-");
	for (const char *s = code + plen; *s == '-'; ) {
		size_t n = strcspn(s + 1, "-");
		int alpha = n == 4;
		for (size_t i = 0; alpha && i < 4; i++)
			alpha = (s[1 + i] >= 'a' && s[1 + i] <= 'z') ||
			        (s[1 + i] >= 'A' && s[1 + i] <= 'Z');
		if (alpha) {
			for (size_t i = 0; i < 4; i++) {
				char c = s[1 + i] | 0x20;
				out[i] = i ? c : (char)(c - 0x20);
			}
			out[4] = '\0';
			return;
		}
		s += 1 + n;
	}
	for (size_t i = 0; arabic_script_langs[i]; i++)
		if (strlen(arabic_script_langs[i]) == plen &&
		    !strncasecmp(code, arabic_script_langs[i], plen)) {
			memcpy(out, "Arab", 5);
			return;
		}
	memcpy(out, "Latn", 5);
}

/* The index in `families` for `script`, or -1. */
static int script_family(const char *script)
{
	for (size_t i = 0; i < sizeof script_fonts / sizeof *script_fonts; i++)
		if (!strcmp(script_fonts[i].script, script))
			return (int)script_fonts[i].family;
	return -1;
}

/* ---- the writer ------------------------------------------------------- */

enum stmt {
	S_META, S_LANG, S_FONT, S_SITE_TEXT, S_UI, S_TRACK, S_TRACK_TEXT,
	S_MODULE, S_MODULE_TEXT, S_IMAGE, S_BLOCK, S_BLOCK_RUN, S_QUIZ,
	S_QUESTION, S_CHOICE, S_QUIZ_TEXT, S_QUIZ_RUN, S_HELPLINE,
	S_HELPLINE_TEXT, S_AUDIO, S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_META] = "INSERT INTO meta (key, value) VALUES (?, ?)",
	[S_LANG] = "INSERT INTO languages (code, position, name, direction, script, "
	           "font_family, is_source, draft) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[S_FONT] = "INSERT INTO fonts (family, bold, italic, file, data) VALUES (?, ?, ?, ?, ?)",
	[S_SITE_TEXT] = "INSERT INTO site_text (lang, key, text, fallback) VALUES (?, ?, ?, ?)",
	[S_UI] = "INSERT INTO ui_strings (lang, key, text, fallback, narration_key) "
	         "VALUES (?, ?, ?, ?, ?)",
	[S_TRACK] = "INSERT INTO tracks (id, position, audience) VALUES (?, ?, ?)",
	[S_TRACK_TEXT] = "INSERT INTO track_text (track, lang, title, summary, "
	                 "title_fallback, summary_fallback) VALUES (?, ?, ?, ?, ?, ?)",
	[S_MODULE] = "INSERT INTO modules (id, key, slug, track, minutes, audience, "
	             "critical) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[S_MODULE_TEXT] = "INSERT INTO module_text (module, lang, title, summary, "
	                  "title_fallback, summary_fallback) VALUES (?, ?, ?, ?, ?, ?)",
	[S_IMAGE] = "INSERT INTO images (path, media_type, data) VALUES (?, ?, ?)",
	[S_BLOCK] = "INSERT INTO blocks (id, module, lang, position, kind, level, "
	            "quote_depth, ordered, list_number, text, fallback, image, narration_key) "
	            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* OR IGNORE: nested markup of the same span (_*x*_) is one run */
	[S_BLOCK_RUN] = "INSERT OR IGNORE INTO block_runs (block, start, length, style) "
	                "VALUES (?, ?, ?, ?)",
	[S_QUIZ] = "INSERT INTO quizzes (id, module, key, pass_percent) VALUES (?, ?, ?, ?)",
	[S_QUESTION] = "INSERT INTO questions (id, quiz, position, key, type) "
	               "VALUES (?, ?, ?, ?, ?)",
	[S_CHOICE] = "INSERT INTO choices (id, question, position, key, correct) "
	             "VALUES (?, ?, ?, ?, ?)",
	[S_QUIZ_TEXT] = "INSERT INTO quiz_texts (id, question, choice, msgctxt, role, "
	                "lang, text, fallback, narration_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[S_QUIZ_RUN] = "INSERT OR IGNORE INTO quiz_text_runs (quiz_text, start, length, "
	               "style) VALUES (?, ?, ?, ?)",
	[S_HELPLINE] = "INSERT INTO helplines (id, kind, phone, example) VALUES (?, ?, ?, ?)",
	[S_HELPLINE_TEXT] = "INSERT INTO helpline_text (helpline, lang, name, description, "
	                    "hours, name_fallback, description_fallback, hours_fallback, name_key, "
	                    "description_key, hours_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* OR IGNORE: two units of the same text have one key and one voice */
	[S_AUDIO] = "INSERT OR IGNORE INTO audio (lang, key, synthetic, data) VALUES (?, ?, ?, ?)",
};

/* An emphasis run of a rich text. */
struct run {
	size_t start, len;
	const char *style;
};

/* Plain text with its runs, built from CommonMark inlines. */
struct rich {
	struct buf text;
	struct run *runs;
	size_t nruns, cap;
	char *image;      /* URL of the first image, or NULL */
	int images;       /* images seen */
	int outside;      /* text seen outside images */
};

struct bw {
	const struct project *p;
	const char *path;             /* the bundle, for messages */
	struct err *e;
	sqlite3 *db;
	sqlite3_stmt *st[S_COUNT];
	struct sha256_ctx sha;        /* content_version */
	struct strmap *images;        /* image paths already stored */
	struct rich r;
	int64_t block_id, quiz_id, question_id, choice_id, quiz_text_id;
};

static int db_fail(struct bw *w)
{
	return err_set(w->e, w->path, 0, "cannot write the bundle: %s",
	               sqlite3_errmsg(w->db));
}

static int exec(struct bw *w, const char *sql)
{
	return sqlite3_exec(w->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : db_fail(w);
}

/* Run statement `which` once with the parameters `fmt` describes (the
 * letters of sqlbind.h).  Every parameter is bound on each use. */
static int put(struct bw *w, enum stmt which, const char *fmt, ...)
{
	sqlite3_stmt *st = w->st[which];
	va_list ap;
	va_start(ap, fmt);
	int rc = sqlbind_v(st, fmt, ap);
	va_end(ap);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		db_fail(w);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- content version -------------------------------------------------- */

/* One input into the hash: its name (relative, so the same project in
 * another folder has the same version), its length (all ones when the
 * file is absent) and its bytes. */
static void hash_input(struct bw *w, const char *name, const void *data,
                       size_t len, int present)
{
	uint64_t v = present ? (uint64_t)len : UINT64_MAX;
	uint8_t n[8];
	for (int i = 0; i < 8; i++)
		n[i] = (uint8_t)(v >> (56 - 8 * i));
	sha256_update(&w->sha, strlen(name) + 1, (const uint8_t *)name);
	sha256_update(&w->sha, sizeof n, n);
	if (present && len)
		sha256_update(&w->sha, len, data);
}

static int hash_file(struct bw *w, const char *name, const char *path,
                     int optional)
{
	char *data = NULL;
	size_t len = 0;
	if (optional && !fs_is_file(path)) {
		hash_input(w, name, NULL, 0, 0);
		return 0;
	}
	if (fs_read(path, &data, &len, w->e) < 0)
		return -1;
	hash_input(w, name, data, len, 1);
	free(data);
	return 0;
}

/* ---- rich text -------------------------------------------------------- */

static void rich_reset(struct rich *r)
{
	buf_reset(&r->text);
	buf_puts(&r->text, "");   /* data is a valid string even when empty */
	r->nruns = 0;
	free(r->image);
	r->image = NULL;
	r->images = r->outside = 0;
}

static void rich_free(struct rich *r)
{
	buf_free(&r->text);
	free(r->runs);
	free(r->image);
}

/* One space, unless the text is empty or already ends in white space:
 * soft breaks and runs of spaces are one space on the page. */
static void rich_space(struct rich *r)
{
	char last = r->text.len ? r->text.data[r->text.len - 1] : '\n';
	if (last != ' ' && last != '\n')
		buf_putc(&r->text, ' ');
}

static void rich_text(struct rich *r, const char *s, int in_image)
{
	while (*s) {
		size_t n = strcspn(s, " \t");
		if (n) {
			buf_put(&r->text, s, n);
			if (!in_image)
				r->outside = 1;
			s += n;
		}
		for (; *s == ' ' || *s == '\t'; s++)
			rich_space(r);
	}
}

static void rich_run(struct rich *r, size_t start, const char *style)
{
	if (r->text.len <= start)
		return;
	if (r->nruns == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->runs = xrealloc(r->runs, r->cap * sizeof *r->runs);
	}
	r->runs[r->nruns++] = (struct run){ start, r->text.len - start, style };
}

static void rich_inlines(struct rich *r, cmark_node *first, int in_image);

static void rich_inline(struct rich *r, cmark_node *n, int in_image)
{
	size_t start = r->text.len;
	const char *style;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
		rich_text(r, cmark_node_get_literal(n), in_image);
		return;
	case CMARK_NODE_SOFTBREAK:
		rich_space(r);
		return;
	case CMARK_NODE_LINEBREAK:
		while (r->text.len && r->text.data[r->text.len - 1] == ' ')
			r->text.data[--r->text.len] = '\0';
		buf_putc(&r->text, '\n');
		return;
	case CMARK_NODE_CODE:
		buf_puts(&r->text, cmark_node_get_literal(n));
		if (!in_image)
			r->outside = 1;
		rich_run(r, start, "code");
		return;
	case CMARK_NODE_EMPH:
		style = "em";
		break;
	case CMARK_NODE_STRONG:
		style = "strong";
		break;
	case CMARK_NODE_LINK:
		style = "link";
		break;
	case CMARK_NODE_IMAGE:
		/* its description stands for it in the text */
		if (!r->image)
			r->image = xstrdup(cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
		r->images++;
		rich_inlines(r, cmark_node_first_child(n), 1);
		return;
	default:
		return;   /* raw inline HTML is never passed through */
	}
	rich_inlines(r, cmark_node_first_child(n), in_image);
	rich_run(r, start, style);
}

static void rich_inlines(struct rich *r, cmark_node *first, int in_image)
{
	for (cmark_node *c = first; c; c = cmark_node_next(c))
		rich_inline(r, c, in_image);
}

/* The inlines of a one-line CommonMark text (a translated unit, a quiz
 * text), as segment_translation says to show it. */
static void rich_markdown(struct rich *r, const char *md)
{
	cmark_node *doc, *para = segment_translation(md, &doc);
	if (para)
		rich_inlines(r, cmark_node_first_child(para), 0);
	else
		rich_text(r, md, 0);
	if (doc)
		cmark_node_free(doc);
}

/* Drop trailing white space, and the parts of runs it covered. */
static void rich_finish(struct rich *r)
{
	while (r->text.len && (r->text.data[r->text.len - 1] == ' ' ||
	                       r->text.data[r->text.len - 1] == '\n'))
		r->text.data[--r->text.len] = '\0';
	size_t j = 0;
	for (size_t i = 0; i < r->nruns; i++) {
		struct run u = r->runs[i];
		if (u.start >= r->text.len)
			continue;
		if (u.start + u.len > r->text.len)
			u.len = r->text.len - u.start;
		r->runs[j++] = u;
	}
	r->nruns = j;
}

static int put_runs(struct bw *w, enum stmt which, int64_t owner)
{
	for (size_t i = 0; i < w->r.nruns; i++)
		if (put(w, which, "IIIt", owner, (int64_t)w->r.runs[i].start,
		        (int64_t)w->r.runs[i].len, w->r.runs[i].style) < 0)
			return -1;
	return 0;
}

/* ---- per-language plain texts ----------------------------------------- */

/* The narration key of a unit (ctxt, src), or "" when it is none (no
 * text). */
static void unit_key(const char *ctxt, const char *src, char key[NARRATION_KEY_LEN + 1])
{
	if (src && *src)
		narration_key(ctxt, src, key);
	else
		key[0] = '\0';
}

/* ---- languages, fonts, site texts ------------------------------------- */

static int emit_languages(struct bw *w, int *used)
{
	const struct site *s = &w->p->site;
	used[0] = 1;   /* Noto Sans: fallback text, digits and Latin names */
	for (size_t i = 0; i < s->nlangs; i++) {
		const struct lang *l = &s->langs[i];
		char script[5];
		lang_script(l->code, script);
		int f = script_family(script);
		if (f < 0)
			return err_set(w->e, s->path, l->line,
			               "language \"%s\": the kiosk bundle has no font for the %s script",
			               l->code, script);
		used[f] = 1;
		if (put(w, S_LANG, "tittttii", l->code, (int)i, l->name,
		        l->rtl ? "rtl" : "ltr", script, families[f].name,
		        project_is_source(w->p, l->code),
		        catalog_is_draft(project_catalog(w->p, i))) < 0)
			return -1;
	}
	return 0;
}

/* 1 when `d` starts like a TrueType or OpenType font. */
static int is_font(const char *d, size_t n)
{
	return n >= 4 && (!memcmp(d, "\0\1\0\0", 4) || !memcmp(d, "true", 4) ||
	                  !memcmp(d, "OTTO", 4));
}

static int emit_fonts(struct bw *w, const int *used)
{
	const char *dir = getenv("CRSV_FONTS");
	if (!dir || !*dir)
		dir = BUNDLE_FONT_DIR;
	for (size_t f = 0; f < NFAMILIES; f++) {
		if (!used[f])
			continue;
		for (int face = 0; face < 4; face++) {
			const char *file = families[f].files[face];
			char *path, *data = NULL;
			size_t len = 0;
			int rc;
			if (!file)
				continue;
			path = fs_join(dir, file);
			if (!fs_is_file(path))
				rc = err_set(w->e, path, 0, "font not found (install fonts-noto-core)");
			else if ((rc = fs_read(path, &data, &len, w->e)) == 0 && !is_font(data, len))
				rc = err_set(w->e, path, 0, "not a TrueType or OpenType font");
			if (rc == 0)
				rc = put(w, S_FONT, "tiitb", families[f].name, face & 1, face >> 1,
				         file, data, len);
			free(data);
			free(path);
			if (rc < 0)
				return -1;
		}
	}
	return 0;
}

static int emit_site_texts(struct bw *w)
{
	const struct project *p = w->p;
	const struct site *s = &p->site;
	for (size_t li = 0; li < s->nlangs; li++) {
		const char *code = s->langs[li].code;
		int fb, fb2, fb3;
		const char *t = project_text(w->p, li, NULL, s->title.src, &fb);
		if (put(w, S_SITE_TEXT, "ttti", code, "title", t, fb) < 0)
			return -1;
		for (size_t i = 0; i < p->ui.n; i++) {
			char key[NARRATION_KEY_LEN + 1];
			narration_key(UI_CTXT, p->ui.items[i].text, key);
			t = project_text(w->p, li, UI_CTXT, p->ui.items[i].text, &fb);
			if (put(w, S_UI, "tttit", code, p->ui.items[i].key, t, fb, key) < 0)
				return -1;
		}
		for (size_t i = 0; i < s->nhelplines + s->nun_reporting; i++) {
			int un = i >= s->nhelplines;
			const struct helpline *h = un ? &s->un_reporting[i - s->nhelplines]
			                              : &s->helplines[i];
			const char *name = project_text(w->p, li, NULL, h->name.src, &fb);
			const char *desc = project_text(w->p, li, NULL, h->description.src, &fb2);
			const char *hours = project_text(w->p, li, NULL, h->hours.src, &fb3);
			if (li == 0 && put(w, S_HELPLINE, "Itti", (int64_t)i + 1,
			                   un ? "un_reporting" : "helpline",
			                   h->phone ? h->phone : "", h->example) < 0)
				return -1;
			char nk[NARRATION_KEY_LEN + 1], dk[NARRATION_KEY_LEN + 1];
			char hk[NARRATION_KEY_LEN + 1];
			unit_key(NULL, h->name.src, nk);
			unit_key(NULL, h->description.src, dk);
			unit_key(NULL, h->hours.src, hk);
			if (put(w, S_HELPLINE_TEXT, "Ittttiiittt", (int64_t)i + 1, code, name,
			        desc, hours, fb, fb2, fb3, nk, dk, hk) < 0)
				return -1;
		}
	}
	return 0;
}

static int emit_tracks(struct bw *w)
{
	const struct site *s = &w->p->site;
	for (size_t t = 0; t < s->ntracks; t++) {
		const struct track *tr = &s->tracks[t];
		if (put(w, S_TRACK, "tit", tr->id, (int)t, tr->audience) < 0)
			return -1;
		for (size_t li = 0; li < s->nlangs; li++) {
			int fb, fb2;
			const char *title = project_text(w->p, li, NULL, tr->title.src, &fb);
			const char *summary = project_text(w->p, li, NULL, tr->summary.src, &fb2);
			if (put(w, S_TRACK_TEXT, "ttttii", tr->id, s->langs[li].code, title,
			        summary, fb, fb2) < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- module bodies ---------------------------------------------------- */

/* A module body walked in one language. */
struct mwalk {
	struct bw *w;
	const struct module *m;
	int64_t module;         /* modules.id */
	const char *lang;
	size_t li;              /* its index in p->site.langs */
	int is_source;
	char **msgids;          /* of the units, in document order */
	size_t nmsgids;
	size_t unit;            /* the next unit */
	int position;
	int list_depth, quote_depth;
};

/* The images.path of image `url` of the module (content_image's rule, as
 * the site and the books), stored and hashed the first time it is seen. */
static int resolve_image(struct mwalk *mw, const char *url, int line, char **key)
{
	struct bw *w = mw->w;
	struct content_image img;
	char *data = NULL;
	size_t len = 0;
	*key = NULL;
	int rc = content_image(mw->m, url, &img, w->e);
	if (rc < 0 && w->e && w->e->line == 0)
		w->e->line = line;   /* the rule knows the file, we the line */
	if (rc == 0) {
		*key = xconcat(mw->m->key, "/", img.name, NULL);
		if (!strmap_get(w->images, *key)) {
			rc = fs_read(img.file, &data, &len, w->e);
			if (rc == 0) {
				hash_input(w, *key, data, len, 1);
				rc = put(w, S_IMAGE, "ttb", *key, img.type, data, len);
			}
			strmap_put(w->images, *key, (void *)1);
		}
	}
	if (rc < 0) {
		free(*key);
		*key = NULL;
	}
	free(data);
	content_image_free(&img);
	return rc;
}

/* One block row.  `n` is the leaf (NULL for the empty first row of a list
 * item that starts with no paragraph). */
static int emit_leaf(struct mwalk *mw, cmark_node *n, const char *kind,
                     int level, int ordered, int number)
{
	struct bw *w = mw->w;
	struct rich *r = &w->r;
	char *image = NULL, key[NARRATION_KEY_LEN + 1] = "";
	int fallback = 0, rc;
	int line = n ? cmark_node_get_start_line(n) + mw->m->body_line - 1 : 0;
	cmark_node_type t = n ? cmark_node_get_type(n) : CMARK_NODE_NONE;

	rich_reset(r);
	if (t == CMARK_NODE_CODE_BLOCK) {
		buf_puts(&r->text, cmark_node_get_literal(n));
	} else if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
		/* a unit: translated as mdhtml does it */
		size_t i = mw->unit++;
		const char *msgid = i < mw->nmsgids ? mw->msgids[i] : "";
		const char *tr = NULL;
		unit_key(NULL, msgid, key);
		if (*msgid) {
			const char *text = project_text(w->p, mw->li, NULL, msgid, &fallback);
			tr = mw->is_source || fallback ? NULL : text;
		}
		if (tr)
			rich_markdown(r, tr);
		else
			rich_inlines(r, cmark_node_first_child(n), 0);
	}
	rich_finish(r);
	if (!strcmp(kind, "paragraph") || !strcmp(kind, "quote")) {
		if (r->images == 1 && !r->outside)
			kind = "image";
		else if (!r->text.len && !r->images)
			return 0;   /* nothing left to show (raw HTML only) */
	} else if (!strcmp(kind, "heading") && !r->text.len) {
		return 0;
	}
	if (r->image && resolve_image(mw, r->image, line, &image) < 0)
		return -1;
	int64_t id = ++w->block_id;
	rc = put(w, S_BLOCK, "IItitiiootitt", id, mw->module, mw->lang, mw->position++,
	         kind, level, mw->quote_depth, ordered, number, r->text.data, fallback,
	         image, key);
	free(image);
	if (rc == 0)
		rc = put_runs(w, S_BLOCK_RUN, id);
	return rc;
}

static int walk_block(struct mwalk *mw, cmark_node *n);

static int walk_children(struct mwalk *mw, cmark_node *first)
{
	for (cmark_node *c = first; c; c = cmark_node_next(c))
		if (walk_block(mw, c) < 0)
			return -1;
	return 0;
}

/* A list item: its first paragraph carries the marker. */
static int walk_item(struct mwalk *mw, cmark_node *item, int ordered, int number)
{
	cmark_node *first = cmark_node_first_child(item);
	int has_para = first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH;
	if (emit_leaf(mw, has_para ? first : NULL, "list_item", mw->list_depth,
	              ordered, ordered ? number : -1) < 0)
		return -1;
	return walk_children(mw, has_para ? cmark_node_next(first) : first);
}

static int walk_block(struct mwalk *mw, cmark_node *n)
{
	int rc = 0;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH: {
		cmark_node *parent = cmark_node_parent(n);
		int quote = parent && cmark_node_get_type(parent) == CMARK_NODE_BLOCK_QUOTE;
		return emit_leaf(mw, n, quote ? "quote" : "paragraph", mw->list_depth, -1, -1);
	}
	case CMARK_NODE_HEADING:
		return emit_leaf(mw, n, "heading", cmark_node_get_heading_level(n), -1, -1);
	case CMARK_NODE_CODE_BLOCK:
		return emit_leaf(mw, n, "code", mw->list_depth, -1, -1);
	case CMARK_NODE_THEMATIC_BREAK:
		return emit_leaf(mw, n, "rule", mw->list_depth, -1, -1);
	case CMARK_NODE_BLOCK_QUOTE:
		mw->quote_depth++;
		rc = walk_children(mw, cmark_node_first_child(n));
		mw->quote_depth--;
		return rc;
	case CMARK_NODE_LIST: {
		int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		int number = cmark_node_get_list_start(n);
		mw->list_depth++;
		for (cmark_node *c = cmark_node_first_child(n); c && rc == 0; c = cmark_node_next(c))
			rc = walk_item(mw, c, ordered, number++);
		mw->list_depth--;
		return rc;
	}
	default:
		return 0;   /* raw HTML blocks are never passed through */
	}
}

/* ---- quizzes ---------------------------------------------------------- */

static int emit_quiz_text(struct bw *w, size_t li, int64_t question,
                          int64_t choice, const char *ctxt, const char *role,
                          const struct quiz_text *t)
{
	int fb = 0;
	const char *text;
	int64_t id;
	char key[NARRATION_KEY_LEN + 1];
	if (!t->src)
		return 0;
	narration_key(ctxt, t->src, key);
	text = project_text(w->p, li, ctxt, t->src, &fb);
	rich_reset(&w->r);
	rich_markdown(&w->r, text);
	rich_finish(&w->r);
	id = ++w->quiz_text_id;
	if (put(w, S_QUIZ_TEXT, "IIOttttit", id, question, choice, ctxt, role,
	        w->p->site.langs[li].code, w->r.text.data, fb, key) < 0)
		return -1;
	return put_runs(w, S_QUIZ_RUN, id);
}

static int emit_quiz(struct bw *w, const struct quiz *q, int64_t module)
{
	int64_t quiz = ++w->quiz_id;
	if (put(w, S_QUIZ, "IIti", quiz, module, q->id, q->pass_percent) < 0)
		return -1;
	for (size_t i = 0; i < q->nquestions; i++) {
		const struct quiz_question *qq = &q->questions[i];
		int64_t question = ++w->question_id;
		int64_t first_choice = w->choice_id + 1;
		if (put(w, S_QUESTION, "IIitt", question, quiz, (int)i, qq->id,
		        quiz_type_name(qq->type)) < 0)
			return -1;
		for (size_t c = 0; c < qq->nchoices; c++)
			if (put(w, S_CHOICE, "IIiti", ++w->choice_id, question,
			        (int)c, qq->choices[c].id, qq->choices[c].correct) < 0)
				return -1;
		for (size_t li = 0; li < w->p->site.nlangs; li++) {
			if (emit_quiz_text(w, li, question, -1, qq->ctxt, "prompt", &qq->prompt) < 0)
				return -1;
			for (size_t c = 0; c < qq->nchoices; c++) {
				const struct quiz_choice *ch = &qq->choices[c];
				int64_t cid = first_choice + (int64_t)c;
				if (emit_quiz_text(w, li, question, cid, ch->ctxt, "choice", &ch->text) < 0 ||
				    emit_quiz_text(w, li, question, cid, ch->ctxt, "feedback", &ch->feedback) < 0)
					return -1;
			}
			if (emit_quiz_text(w, li, question, -1, qq->ctxt, "explanation",
			                   &qq->explanation) < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- modules ---------------------------------------------------------- */

static int emit_module(struct bw *w, const struct module *m, int64_t id)
{
	const struct project *p = w->p;
	const struct site *s = &p->site;
	char **msgids = NULL;
	size_t nmsgids = 0;
	cmark_node *doc = NULL;
	int rc = -1;
	char *name = xconcat(m->key, "/index.md", NULL);

	if (hash_file(w, name, m->path, 0) < 0)
		goto out;
	free(name);
	name = xconcat(m->key, "/quiz.xml", NULL);
	if (m->quiz && hash_file(w, name, m->quiz->path, 0) < 0)
		goto out;
	if (put(w, S_MODULE, "Itttiti", id, m->key, m->id, m->track->id, m->minutes,
	        m->audience, m->critical) < 0)
		goto out;
	for (size_t li = 0; li < s->nlangs; li++) {
		int fb, fb2;
		const char *title = project_text(w->p, li, NULL, m->title.src, &fb);
		const char *summary = project_text(w->p, li, NULL, m->summary.src, &fb2);
		if (put(w, S_MODULE_TEXT, "Itttii", id, s->langs[li].code, title, summary,
		        fb, fb2) < 0)
			goto out;
	}

	/* one parse, every language: units are looked up by their msgid */
	doc = segment_parse(m->body ? m->body : "", m->body ? m->body_len : 0);
	mdhtml_unit_msgids(doc, &msgids, &nmsgids);
	for (size_t li = 0; li < s->nlangs; li++) {
		struct mwalk mw = {
			.w = w, .m = m, .module = id, .lang = s->langs[li].code,
			.li = li,
			.is_source = project_is_source(p, s->langs[li].code),
			.msgids = msgids, .nmsgids = nmsgids,
		};
		if (walk_children(&mw, cmark_node_first_child(doc)) < 0)
			goto out;
		if (mw.unit != nmsgids) {
			err_set(w->e, m->path, 0, "internal error: %zu units walked, %zu expected",
			        mw.unit, nmsgids);
			goto out;
		}
	}
	if (m->quiz && emit_quiz(w, m->quiz, id) < 0)
		goto out;
	rc = 0;
out:
	mdhtml_free_msgids(msgids, nmsgids);
	if (doc)
		cmark_node_free(doc);
	free(name);
	return rc;
}

/* ---- narration ---------------------------------------------------------- */

struct awalk {
	struct bw *w;
	const struct narration *n;
	struct buf opus;
	int failed;
};

/* A recording's bytes as Ogg Opus (a WAV made Opus once, in the build
 * cache, as for the site: the kiosk decodes only Opus) in a->opus; -1 with
 * the reason. */
static int audio_bytes(struct awalk *a, const struct nentry *en, const char *path)
{
	char *data = NULL, *opus = NULL, why[200];
	char *cache = narration_cache_dir(a->w->p);
	size_t len = 0;
	struct err *e = a->w->e;
	buf_reset(&a->opus);
	int rc = audio_cached(path, en->file_sha, "opus", cache, en->key,
	                      en->synthetic ? "synthetic: espeak-ng" : "recorded", &opus, e);
	if (rc == 0)
		rc = fs_read(opus, &data, &len, e);
	if (rc == 0)
		buf_put(&a->opus, data, len);
	free(data);
	free(opus);
	free(cache);
	if (rc < 0)
		return -1;
	if (rc == 0 && media_opus_check((const unsigned char *)a->opus.data, a->opus.len, why,
	                                sizeof why) < 0)
		rc = err_set(e, path, 0, "not a recording the kiosk can play: %s", why);
	return rc;
}

/* A unit's voice in the language, when it speaks the unit's text of now. */
static int audio_unit(void *ctx, const struct unit *u)
{
	struct awalk *a = ctx;
	const struct nentry *en;
	char *text = narration_text(a->n, u), key[NARRATION_KEY_LEN + 1];
	if (!text)
		return 0;
	enum nstate s = narration_state(a->n, u, text, &en);
	free(text);
	if ((s != N_RECORDED && s != N_SYNTHETIC) || !en)
		return 0;
	narration_key(u->ctxt, u->msgid, key);
	const char *code = a->w->p->site.langs[a->n->lang].code;
	char *path = fs_join(a->n->dir, en->file), *name = xasprintf("audio/%s/%s", code, key);
	int rc = audio_bytes(a, en, path);
	if (rc == 0) {
		hash_input(a->w, name, a->opus.data, a->opus.len, 1);
		rc = put(a->w, S_AUDIO, "ttib", code, key, s == N_SYNTHETIC, a->opus.data,
		         a->opus.len);
	}
	free(name);
	free(path);
	a->failed = rc < 0;
	return rc < 0;
}

/* The voices of every narrated language. */
static int emit_audio(struct bw *w)
{
	const struct project *p = w->p;
	int rc = 0;
	for (size_t l = 0; l < p->site.nlangs && rc == 0; l++) {
		struct narration n;
		if ((rc = narration_load(&n, p, l, w->e)) == 0 && n.present) {
			struct awalk a = { .w = w, .n = &n };
			units_walk(p, audio_unit, &a);
			rc = a.failed ? -1 : 0;
			buf_free(&a.opus);
		}
		narration_free(&n);
	}
	return rc;
}

/* ---- the whole bundle ------------------------------------------------- */

static int emit_meta(struct bw *w, time_t when)
{
	const struct site *s = &w->p->site;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char hex[2 * SHA256_DIGEST_SIZE + 1], stamp[32], utc[32];
	struct tm tm;
	sha256_digest(&w->sha, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	snprintf(stamp, sizeof stamp, "%lld", (long long)when);
	if (!gmtime_r(&when, &tm) || !strftime(utc, sizeof utc, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(utc, sizeof utc, "1970-01-01T00:00:00Z");
	if (put(w, S_META, "tt", "content_version", hex) < 0 ||
	    put(w, S_META, "tt", "build_time", stamp) < 0 ||
	    put(w, S_META, "tt", "build_time_utc", utc) < 0 ||
	    put(w, S_META, "tt", "source_lang", s->source_lang) < 0 ||
	    put(w, S_META, "tt", "generator", "crsv-gen") < 0)
		return -1;
	if (s->help_module && put(w, S_META, "tt", "help_module", s->help_module) < 0)
		return -1;
	return 0;
}

/* Everything, inside the one transaction. */
static int emit_all(struct bw *w, time_t when)
{
	const struct project *p = w->p;
	int used[NFAMILIES] = {0};
	/* the inputs' hash: site.yaml, ui.yaml and the catalogues first, then
	 * each module (index.md, quiz.xml, images) in content order */
	if (hash_file(w, "site.yaml", p->site.path, 0) < 0 ||
	    hash_file(w, "ui.yaml", p->ui.path, 0) < 0)
		return -1;
	for (size_t li = 0; li < p->site.nlangs; li++) {
		const char *code = p->site.langs[li].code;
		if (project_is_source(p, code))
			continue;
		char *po = project_po_path(p, code);
		char *name = xconcat(code, ".po", NULL);
		int rc = hash_file(w, name, po, 1);
		free(name);
		free(po);
		if (rc < 0)
			return -1;
	}
	if (emit_languages(w, used) < 0 || emit_fonts(w, used) < 0 ||
	    emit_site_texts(w) < 0 || emit_tracks(w) < 0)
		return -1;
	for (size_t i = 0; i < p->content.nmodules; i++)
		if (emit_module(w, &p->content.modules[i], (int64_t)i + 1) < 0)
			return -1;
	if (emit_audio(w) < 0)
		return -1;
	return emit_meta(w, when);
}

/* Write the in-memory database to `tmp`: compact, no free pages. */
static int vacuum_into(struct bw *w, const char *tmp)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(w->db, "VACUUM INTO ?", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		err_set(w->e, tmp, 0, "cannot write the bundle: %s", sqlite3_errmsg(w->db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The seal: the content's digest, release and dates, signed with the
 * build's key when it has one. */
static int emit_seal(struct bw *w, time_t when, const struct signing *sg)
{
	uint8_t digest[32];
	const struct sign_key *key = sg ? sg->key : NULL;
	int64_t expires = key && sg->valid_days > 0 ? (int64_t)when + sg->valid_days * 86400LL : -1;
	char *sig = NULL;
	sqlite3_stmt *st = NULL;
	if (seal_digest(w->db, digest, w->e) < 0)
		return -1;
	char *statement = seal_statement(digest, (int64_t)when, (int64_t)when, expires, key,
	                                 key ? sg->next : NULL, key && sg->next ? 1 : 0);
	if (key) {
		uint8_t raw[SIGN_SIG_SIZE];
		sign_bytes(key, statement, strlen(statement), raw);
		sig = sign_base64(raw, sizeof raw);
	}
	int rc = sqlite3_prepare_v2(w->db, "INSERT INTO seal (id, statement, signature) "
	                            "VALUES (1, ?1, ?2)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, statement, -1, SQLITE_STATIC);   /* ?1: the statement */
		if (sig)
			sqlite3_bind_text(st, 2, sig, -1, SQLITE_STATIC);     /* ?2: its signature */
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	free(statement);
	free(sig);
	if (rc != SQLITE_DONE)
		return db_fail(w);
	return 0;
}

int sign_file_minisig(const struct sign_key *key, const char *path, const char *trusted,
                      struct err *e)
{
	char *data = NULL;
	size_t len;
	if (fs_read(path, &data, &len, e) < 0)
		return -1;
	char *sig = sign_minisig(key, data, len, trusted), *out = xconcat(path, ".minisig", NULL);
	int rc = fs_write_atomic(out, sig, strlen(sig), e);
	free(sig);
	free(out);
	free(data);
	return rc;
}

int emit_bundle(const struct emit_job *j, struct err *e)
{
	const char *path = j->path;
	const struct signing *sg = j->sg;
	time_t when = j->when;
	struct bw w = { .p = j->p, .path = path, .e = e };
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int rc = -1;

	sha256_init(&w.sha);
	w.images = strmap_new();
	unlink(tmp);
	/* one thread uses this connection: no mutexes */
	if (sqlite3_open_v2(":memory:", &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err_set(e, path, 0, "cannot create the bundle: %s",
		        w.db ? sqlite3_errmsg(w.db) : "out of memory");
		goto out;
	}
	/* foreign keys are not enforced while writing (the rows go in in an
	 * order that satisfies them; the tests run PRAGMA foreign_key_check) */
	if (exec(&w, "PRAGMA page_size = 4096;") < 0 ||
	    exec(&w, bundle_schema_sql()) < 0)
		goto out;
	for (int i = 0; i < S_COUNT; i++)
		if (sqlite3_prepare_v2(w.db, stmt_sql[i], -1, &w.st[i], NULL) != SQLITE_OK) {
			db_fail(&w);
			goto out;
		}
	if (exec(&w, "BEGIN") < 0 || emit_all(&w, when) < 0 || exec(&w, "COMMIT") < 0 ||
	    emit_seal(&w, when, sg) < 0)
		goto out;
	for (int i = 0; i < S_COUNT; i++) {
		sqlite3_finalize(w.st[i]);
		w.st[i] = NULL;
	}
	if (vacuum_into(&w, tmp) < 0)
		goto out;
	if (rename(tmp, path) < 0) {
		err_set(e, path, 0, "cannot rename %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (sg && sg->key) {
		char *trusted = xasprintf("timestamp:%lld file:kiosk.bundle release:%lld",
		                          (long long)when, (long long)when);
		int signed_ok = sign_file_minisig(sg->key, path, trusted, e);
		free(trusted);
		if (signed_ok < 0)
			goto out;
	}
	rc = 0;
out:
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(w.st[i]);
	sqlite3_close(w.db);
	if (rc < 0)
		unlink(tmp);   /* whatever VACUUM INTO had written of it */
	strmap_free(w.images, NULL);
	rich_free(&w.r);
	free(tmp);
	return rc;
}
