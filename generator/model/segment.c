/* segment.c - translation units of a CommonMark body; see segment.h. */
#include "segment.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

cmark_node *segment_parse(const char *text, size_t len)
{
	return cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
}

int segment_is_unit(cmark_node *node)
{
	cmark_node_type t = cmark_node_get_type(node);
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING;
}

/* The bytes that may make a text more than plain text: CommonMark's
 * inline syntax, HTML's, and control characters.  A table, as this runs on
 * every unit of every page in every language. */
static const unsigned char special[256] = {
	[0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
	[0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
	[0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
	[0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1,
	[0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
	['*'] = 1, ['_'] = 1, ['`'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1, ['>'] = 1,
	['&'] = 1, ['!'] = 1, ['\\'] = 1, ['#'] = 1, ['|'] = 1,
};

int segment_is_plain(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!*p || strchr("-+=>#0123456789~ ", *p))
		return 0;   /* a list, a heading, a quote, a rule, code */
	for (; *p; p++)
		if (special[*p])
			return 0;
	return p[-1] != ' ';   /* trailing spaces: a hard break */
}

cmark_node *segment_translation(const char *text, cmark_node **doc)
{
	*doc = NULL;
	if (segment_is_plain(text))
		return NULL;
	*doc = segment_parse(text, strlen(text));
	cmark_node *first = cmark_node_first_child(*doc);
	if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH && !cmark_node_next(first))
		return first;
	return NULL;
}

/* Soft breaks are already spaces (CMARK_OPT_NOBREAKS), so the only line
 * breaks left are hard ones: write each as a backslash and newline, whether
 * the author used a backslash or two trailing spaces; drop the trailing
 * newline.  A new string (heap): a backslash added makes it longer, and
 * written in place it overran what was still to be read (a msgid of
 * backslashes). */
static char *normalise(const char *s)
{
	size_t n = strlen(s), j = 0;
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	char *out = xmalloc(2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			while (j && out[j - 1] == ' ')
				j--;
			if (!j || out[j - 1] != '\\')
				out[j++] = '\\';
		}
		out[j++] = s[i];
	}
	out[j] = '\0';
	return out;
}

/* A line break inside inline HTML (a comment or a tag written over two
 * lines) is no line break of the text: a space, as the page shows it
 * (raw HTML is never output). */
static void flatten_inline_html(cmark_node *unit)
{
	for (cmark_node *c = cmark_node_first_child(unit); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_HTML_INLINE) {
			flatten_inline_html(c);
			continue;
		}
		const char *lit = cmark_node_get_literal(c);
		if (!strchr(lit, '\n'))
			continue;
		char *t = xstrdup(lit);
		for (char *p = t; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		cmark_node_set_literal(c, t);
		free(t);
	}
}

/* Runs of spaces in text are one space on the page: make them one in the
 * msgid too, so "End.  Next." and "End. Next." are the same unit.  Code
 * spans keep theirs. */
static void collapse_spaces(cmark_node *unit)
{
	for (cmark_node *c = cmark_node_first_child(unit); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_TEXT) {
			if (cmark_node_get_type(c) != CMARK_NODE_CODE)
				collapse_spaces(c);
			continue;
		}
		const char *lit = cmark_node_get_literal(c);
		if (!strstr(lit, "  "))
			continue;
		char *t = xstrdup(lit);
		size_t j = 0;
		for (size_t i = 0; t[i]; i++)
			if (!(t[i] == ' ' && j && t[j - 1] == ' '))
				t[j++] = t[i];
		t[j] = '\0';
		cmark_node_set_literal(c, t);
		free(t);
	}
}

char *segment_msgid(cmark_node *unit)
{
	collapse_spaces(unit);
	flatten_inline_html(unit);
	cmark_node *only = cmark_node_first_child(unit);
	if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_TEXT &&
	    segment_is_plain(cmark_node_get_literal(only)))
		return xstrdup(cmark_node_get_literal(only));
	char *md = cmark_render_commonmark(unit, CMARK_OPT_NOBREAKS, 0);
	char *start = md;
	if (cmark_node_get_type(unit) == CMARK_NODE_HEADING) {
		while (*start == '#')
			start++;
		while (*start == ' ')
			start++;
	}
	char *msgid = normalise(start);
	free(md);
	return msgid;
}

int segment_walk(cmark_node *doc, int first_line,
                 int (*fn)(void *ctx, cmark_node *unit, const char *msgid,
                           int line),
                 void *ctx)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int rc = 0;
	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || !segment_is_unit(n))
			continue;
		char *msgid = segment_msgid(n);
		if (*msgid)
			rc = fn(ctx, n, msgid, cmark_node_get_start_line(n) + first_line - 1);
		free(msgid);
	}
	cmark_iter_free(it);
	return rc;
}
