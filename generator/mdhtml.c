/* mdhtml.c - translating HTML renderer; see mdhtml.h. */
#include "mdhtml.h"
#include "segment.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct walk {
	struct md_env *env;
	struct buf *out;
	struct err *e;
	int line;        /* file line of the unit being rendered */
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
		buf_puts(w->out, "\" loading=\"lazy\">");
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
		buf_puts(w->out, "<br>\n");
		return 0;
	case CMARK_NODE_CODE:
		buf_puts(w->out, "<code>");
		put_text(w->out, cmark_node_get_literal(n));
		buf_puts(w->out, "</code>");
		return 0;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG: {
		const char *tag = cmark_node_get_type(n) == CMARK_NODE_EMPH ? "em" : "strong";
		buf_printf(w->out, "<%s>", tag);
		int rc = render_inlines(w, cmark_node_first_child(n));
		buf_printf(w->out, "</%s>", tag);
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

/* The inline content of a translated unit: the translation parsed as
 * CommonMark, whose first paragraph supplies the inlines. */
static int render_translation(struct walk *w, const char *text)
{
	cmark_node *doc = segment_parse(text, strlen(text));
	cmark_node *first = cmark_node_first_child(doc);
	int rc = 0;
	if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH &&
	    !cmark_node_next(first))
		rc = render_inlines(w, cmark_node_first_child(first));
	else
		put_text(w->out, text);   /* a translation that is not one paragraph */
	cmark_node_free(doc);
	return rc;
}

/* Open tag attributes for a unit shown in the source language. */
static const char *fallback_attrs(struct walk *w, int fell_back, char *tmp,
                                  size_t n)
{
	if (!fell_back)
		return "";
	snprintf(tmp, n, " lang=\"%s\" class=\"fallback\"", w->env->source_lang);
	return tmp;
}

/* Render a unit: look it up, then open the element, content, close.  A NULL
 * `open` (a paragraph in a tight list item) has no element of its own, but
 * gets a span when it falls back, to carry the lang attribute. */
static int render_unit(struct walk *w, cmark_node *n, const char *open,
                       const char *close)
{
	struct md_env *env = w->env;
	char attrs[96];
	int rc, fell_back = 0;
	const char *tr = NULL;
	w->line = cmark_node_get_start_line(n) + env->first_line - 1;
	if (env->cat) {
		char *msgid = segment_msgid(n);
		enum tstate st;
		if (*msgid) {
			env->units++;
			tr = catalog_get(env->cat, NULL, msgid, &st);
			if (!tr) {
				fell_back = 1;
				if (env->fallbacks++ == 0) {
					env->first_fallback_line = w->line;
					env->first_fallback_state = st;
				}
			}
		}
		free(msgid);
	}
	if (!open && fell_back) {
		open = "<span%s>";
		close = "</span>";
	}
	if (open)
		buf_printf(w->out, open, fallback_attrs(w, fell_back, attrs, sizeof attrs));
	rc = tr ? render_translation(w, tr) : render_inlines(w, cmark_node_first_child(n));
	if (close)
		buf_puts(w->out, close);
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
	snprintf(open, sizeof open, "<h%d%%s>", level);
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
		             : render_unit(w, n, "<p%s>", "</p>\n");
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
		buf_puts(w->out, "<hr>\n");
		return 0;
	default:
		return 0;   /* raw HTML blocks are never passed through */
	}
}

int mdhtml_render(cmark_node *doc, struct md_env *env, struct buf *out,
                  struct err *e)
{
	struct walk w = { env, out, e, env->first_line };
	env->units = env->fallbacks = 0;
	env->first_fallback_line = 0;
	return render_children(&w, doc, 0);
}

int mdhtml_inline(const char *markdown, struct md_env *env, struct buf *out,
                  struct err *e)
{
	struct walk w = { env, out, e, env->first_line };
	return render_translation(&w, markdown);
}
