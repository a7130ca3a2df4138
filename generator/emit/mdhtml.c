/* mdhtml.c - translating HTML renderer; see mdhtml.h. */
#include "mdhtml.h"
#include "pofile.h"
#include "segment.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A translated unit looked up (and parsed) before rendering. */
struct pre {
	const char *tr;       /* current translation or NULL */
	enum tstate st;
	cmark_node *block;    /* its block in the batch document, or NULL */
};

struct walk {
	struct md_env *env;
	struct buf *out;
	struct err *e;
	int line;        /* file line of the unit being rendered */
	size_t unit;     /* index of the next unit, for env->msgids */
	int unit_no;     /* units with a msgid so far (their ids) */
	struct pre *pre; /* per unit, when env->msgids is given */
};

static int render_block(struct walk *w, cmark_node *n, int tight);
static int render_inlines(struct walk *w, cmark_node *first);

int mdhtml_url_is_relative(const char *url)
{
	/* A scheme is letters, digits, + - . before a ':' that comes before any
	 * '/', '?' or '#'. */
	for (const char *p = url; *p; p++) {
		if (*p == ':')
			return 0;
		if (*p == '/' || *p == '?' || *p == '#')
			return 1;
	}
	return 1;
}

int mdhtml_url_is_safe_absolute(const char *url)
{
	static const char *const schemes[] = { "http:", "https:", "mailto:", "tel:" };
	if (url[0] == '#')
		return 1;
	for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (!strncasecmp(url, schemes[i], strlen(schemes[i])))
			return 1;
	return 0;
}

/* Attribute-safe URL: percent-encode spaces, controls and non-ASCII, then
 * HTML-escape. */
static void put_url(struct buf *out, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7F || *p == '"' || *p == '<' || *p == '>' ||
		    *p == '\\' || *p == '`') {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		} else if (*p == '&') {
			buf_puts(out, "&amp;");
		} else if (*p == '\'') {
			buf_puts(out, "&#39;");
		} else {
			buf_putc(out, (char)*p);
		}
	}
}

static void put_text(struct buf *out, const char *s)
{
	if (s)
		buf_put_html(out, s, strlen(s));
}

/* The href for `url`, or -1 (error) / 0 with an empty href (dropped). */
static int link_target(struct walk *w, const char *url, int is_image,
                       struct buf *href)
{
	buf_reset(href);
	if (!mdhtml_url_is_relative(url)) {
		if (is_image)
			return err_set(w->e, w->env->path, w->line,
			               "image \"%s\" is not a local file (pages make no network requests)",
			               url);
		if (mdhtml_url_is_safe_absolute(url))
			buf_puts(href, url);
		return 0;   /* javascript:, data: and the like: text only */
	}
	if (url[0] == '#' || url[0] == '\0') {
		buf_puts(href, url);
		return 0;
	}
	if (!w->env->resolve)
		return err_set(w->e, w->env->path, w->line, "relative link \"%s\" cannot be resolved here", url);
	if (w->env->resolve(w->env->resolve_ctx, url, is_image, href, w->e) < 0) {
		if (w->e && w->e->line == 0)
			w->e->line = w->line;   /* the resolver knows the file, we the line */
		return -1;
	}
	return 0;
}

static int render_link(struct walk *w, cmark_node *n, int is_image)
{
	struct buf href = {0};
	const char *url = cmark_node_get_url(n);
	const char *title = cmark_node_get_title(n);
	int rc = link_target(w, url ? url : "", is_image, &href);
	if (rc < 0)
		goto out;
	if (is_image) {
		struct buf alt = {0};
		/* alt text is the image's inline content as plain text */
		cmark_iter *it = cmark_iter_new(n);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *c = cmark_iter_get_node(it);
			if (ev == CMARK_EVENT_ENTER && cmark_node_get_literal(c) && c != n)
				buf_puts(&alt, cmark_node_get_literal(c));
		}
		cmark_iter_free(it);
		buf_puts(w->out, "<img src=\"");
		put_url(w->out, href.data);
		buf_puts(w->out, "\" alt=\"");
		put_text(w->out, alt.data);
		buf_puts(w->out, w->env->xhtml ? "\" />" : "\" loading=\"lazy\">");
		buf_free(&alt);
		goto out;
	}
	if (!href.len) {
		rc = render_inlines(w, cmark_node_first_child(n));
		goto out;
	}
	buf_puts(w->out, "<a href=\"");
	put_url(w->out, href.data);
	buf_putc(w->out, '"');
	if (title && *title) {
		buf_puts(w->out, " title=\"");
		put_text(w->out, title);
		buf_putc(w->out, '"');
	}
	buf_putc(w->out, '>');
	rc = render_inlines(w, cmark_node_first_child(n));
	buf_puts(w->out, "</a>");
out:
	buf_free(&href);
	return rc;
}

static int render_inline(struct walk *w, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
		put_text(w->out, cmark_node_get_literal(n));
		return 0;
	case CMARK_NODE_SOFTBREAK:
		buf_putc(w->out, '\n');
		return 0;
	case CMARK_NODE_LINEBREAK:
		buf_puts(w->out, w->env->xhtml ? "<br />\n" : "<br>\n");
		return 0;
	case CMARK_NODE_CODE:
		buf_puts(w->out, "<code>");
		put_text(w->out, cmark_node_get_literal(n));
		buf_puts(w->out, "</code>");
		return 0;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG: {
		const char *tag = cmark_node_get_type(n) == CMARK_NODE_EMPH ? "em" : "strong";
		buf_putc(w->out, '<');
		buf_puts(w->out, tag);
		buf_putc(w->out, '>');
		int rc = render_inlines(w, cmark_node_first_child(n));
		buf_puts(w->out, "</");
		buf_puts(w->out, tag);
		buf_putc(w->out, '>');
		return rc;
	}
	case CMARK_NODE_LINK:
		return render_link(w, n, 0);
	case CMARK_NODE_IMAGE:
		return render_link(w, n, 1);
	default:
		return 0;   /* raw inline HTML is never passed through */
	}
}

static int render_inlines(struct walk *w, cmark_node *first)
{
	for (cmark_node *c = first; c; c = cmark_node_next(c))
		if (render_inline(w, c) < 0)
			return -1;
	return 0;
}

/* A translated unit's content, as segment_translation says to show it. */
static int render_translation(struct walk *w, const char *text)
{
	cmark_node *doc, *para = segment_translation(text, &doc);
	int rc = 0;
	if (para)
		rc = render_inlines(w, cmark_node_first_child(para));
	else
		put_text(w->out, text);
	if (doc)
		cmark_node_free(doc);
	return rc;
}

/* Open tag attributes for a unit shown in the source language. */
static const char *fallback_attrs(struct walk *w, int fell_back, char *tmp,
                                  size_t n)
{
	if (!fell_back)
		return "";
	if (w->env->xhtml)
		snprintf(tmp, n, " lang=\"%s\" xml:lang=\"%s\" class=\"fallback\"",
		         w->env->source_lang, w->env->source_lang);
	else
		snprintf(tmp, n, " lang=\"%s\" class=\"fallback\"", w->env->source_lang);
	return tmp;
}

/* Render a unit: look it up, then open the element (`open` is the start tag
 * without its '>', so the fallback attributes can follow), content, close.
 * A NULL
 * `open` (a paragraph in a tight list item) has no element of its own, but
 * gets a span when it falls back, to carry the lang attribute. */
static int render_unit(struct walk *w, cmark_node *n, const char *open,
                       const char *close)
{
	struct md_env *env = w->env;
	char attrs[128];
	int rc = 0, fell_back = 0, computed = 0;
	const char *tr = NULL;
	char *msgid = NULL;
	w->line = cmark_node_get_start_line(n) + env->first_line - 1;
	const struct pre *pre = NULL;
	if (env->cat) {
		size_t i = w->unit++;
		computed = !(env->msgids && i < env->nmsgids);
		msgid = computed ? segment_msgid(n) : env->msgids[i];
		enum tstate st;
		if (w->pre && i < env->nmsgids)
			pre = &w->pre[i];
		if (*msgid) {
			env->units++;
			if (pre) {
				tr = pre->tr;
				st = pre->st;
			} else {
				tr = catalog_get(env->cat, NULL, msgid, &st);
			}
			if (!tr) {
				fell_back = 1;
				if (env->fallbacks++ == 0) {
					env->first_fallback_line = w->line;
					env->first_fallback_state = st;
				}
			}
		}
	} else if (env->unit_voice) {   /* the source language: its msgid, for the voice */
		size_t i = w->unit++;
		computed = !(env->msgids && i < env->nmsgids);
		msgid = computed ? segment_msgid(n) : env->msgids[i];
	}
	int numbered = env->unit_id_prefix && msgid && *msgid;
	if (numbered)
		w->unit_no++;
	if (!open && (fell_back || numbered)) {
		open = "<span";
		close = "</span>";
	}
	if (open) {
		buf_puts(w->out, open);
		if (numbered)
			buf_printf(w->out, " id=\"%s%d\"", env->unit_id_prefix, w->unit_no);
		buf_puts(w->out, fallback_attrs(w, fell_back, attrs, sizeof attrs));
		buf_putc(w->out, '>');
	}
	if (pre && pre->block && cmark_node_get_type(pre->block) == CMARK_NODE_PARAGRAPH)
		rc = render_inlines(w, cmark_node_first_child(pre->block));
	else if (pre && pre->block)
		put_text(w->out, tr);   /* as render_translation: not one paragraph */
	else
		rc = tr ? render_translation(w, tr) : render_inlines(w, cmark_node_first_child(n));
	if (close)
		buf_puts(w->out, close);
	if (rc == 0 && env->unit_voice && msgid && *msgid)
		rc = env->unit_voice(env->voice_ctx, msgid, fell_back, w->unit_no, w->out, w->e);
	if (rc < 0 && tr && env->po_path)
		pofile_blame(w->e, env->po_path, env->lang, NULL, msgid);
	if (computed)
		free(msgid);
	return rc;
}

static int render_children(struct walk *w, cmark_node *n, int tight)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		if (render_block(w, c, tight) < 0)
			return -1;
	return 0;
}

static int render_heading(struct walk *w, cmark_node *n)
{
	/* The page title is the only h1: body headings start at h2. */
	int level = cmark_node_get_heading_level(n);
	char open[32], close[16];
	if (level < 2)
		level = 2;
	snprintf(open, sizeof open, "<h%d", level);
	snprintf(close, sizeof close, "</h%d>\n", level);
	return render_unit(w, n, open, close);
}

static int render_list(struct walk *w, cmark_node *n)
{
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int start = cmark_node_get_list_start(n);
	int rc;
	if (ordered && start != 1)
		buf_printf(w->out, "<ol start=\"%d\">\n", start);
	else
		buf_puts(w->out, ordered ? "<ol>\n" : "<ul>\n");
	rc = render_children(w, n, cmark_node_get_list_tight(n));
	buf_puts(w->out, ordered ? "</ol>\n" : "</ul>\n");
	return rc;
}

static int render_block(struct walk *w, cmark_node *n, int tight)
{
	int rc = 0;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		return tight ? render_unit(w, n, NULL, NULL)
		             : render_unit(w, n, "<p", "</p>\n");
	case CMARK_NODE_HEADING:
		return render_heading(w, n);
	case CMARK_NODE_LIST:
		return render_list(w, n);
	case CMARK_NODE_ITEM:
		buf_puts(w->out, "<li>");
		rc = render_children(w, n, tight);
		buf_puts(w->out, "</li>\n");
		return rc;
	case CMARK_NODE_BLOCK_QUOTE:
		buf_puts(w->out, "<blockquote>\n");
		rc = render_children(w, n, 0);
		buf_puts(w->out, "</blockquote>\n");
		return rc;
	case CMARK_NODE_CODE_BLOCK:
		buf_puts(w->out, "<pre><code>");
		put_text(w->out, cmark_node_get_literal(n));
		buf_puts(w->out, "</code></pre>\n");
		return 0;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_puts(w->out, w->env->xhtml ? "<hr />\n" : "<hr>\n");
		return 0;
	default:
		return 0;   /* raw HTML blocks are never passed through */
	}
}

void mdhtml_unit_msgids(cmark_node *doc, char ***msgids, size_t *n)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t cap = 0;
	*msgids = NULL;
	*n = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || !segment_is_unit(node))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*msgids = xrealloc(*msgids, cap * sizeof **msgids);
		}
		(*msgids)[(*n)++] = segment_msgid(node);
	}
	cmark_iter_free(it);
}

void mdhtml_free_msgids(char **msgids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(msgids[i]);
	free(msgids);
}

/* A translation that can share one parse with the others: a single line
 * that can neither start a block spanning the blank lines between units
 * (fences, HTML blocks) nor vanish (a link reference definition). */
static int batchable(const char *tr)
{
	return !strchr(tr, '\n') && !strchr(tr, '\r') && !strstr(tr, "]:") &&
	       !strchr("<`~ \t", tr[0]);
}

/* Look every unit up, and parse all the translations that have markup as
 * one document, blank lines apart: one cmark parse per page instead of one
 * per unit.  When the blocks do not line up one to one, nothing is taken
 * from the batch and each unit is parsed on its own. */
static cmark_node *prepare(struct md_env *env, struct pre *pre)
{
	struct buf batch = {0};
	size_t *which = xmalloc((env->nmsgids ? env->nmsgids : 1) * sizeof *which);
	size_t nb = 0;
	cmark_node *doc = NULL;
	for (size_t i = 0; i < env->nmsgids; i++) {
		pre[i].tr = *env->msgids[i] ? catalog_get(env->cat, NULL, env->msgids[i], &pre[i].st) : NULL;
		pre[i].block = NULL;
		if (pre[i].tr && !segment_is_plain(pre[i].tr) && batchable(pre[i].tr)) {
			buf_puts(&batch, pre[i].tr);
			buf_puts(&batch, "\n\n");
			which[nb++] = i;
		}
	}
	if (nb) {
		doc = segment_parse(batch.data, batch.len);
		size_t k = 0;
		cmark_node *c = cmark_node_first_child(doc);
		for (; c && k < nb; c = cmark_node_next(c))
			k++;
		if (k == nb && !c) {
			c = cmark_node_first_child(doc);
			for (k = 0; k < nb; k++, c = cmark_node_next(c))
				pre[which[k]].block = c;
		}
	}
	buf_free(&batch);
	free(which);
	return doc;
}

int mdhtml_render(cmark_node *doc, struct md_env *env, struct buf *out,
                  struct err *e)
{
	struct walk w = { env, out, e, env->first_line, 0, 0, NULL };
	cmark_node *batch = NULL;
	int rc;
	env->units = env->fallbacks = 0;
	env->first_fallback_line = 0;
	if (env->cat && env->msgids && env->nmsgids) {
		w.pre = xmalloc(env->nmsgids * sizeof *w.pre);
		batch = prepare(env, w.pre);
	}
	rc = render_children(&w, doc, 0);
	free(w.pre);
	if (batch)
		cmark_node_free(batch);
	return rc;
}

int mdhtml_inline(const char *markdown, struct md_env *env, struct buf *out,
                  struct err *e)
{
	struct walk w = { env, out, e, env->first_line, 0, 0, NULL };
	return render_translation(&w, markdown);
}
