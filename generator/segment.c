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

int segment_is_plain(const char *s)
{
	size_t n = strlen(s);
	if (!n || strchr("-+=>#0123456789~", s[0]) || s[n - 1] == ' ')
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || strchr("*_`[]<>&!\\#|", *p))
			return 0;
	return s[0] != ' ';
}

/* Join soft line breaks into spaces and drop the trailing newline; a newline
 * after a backslash is a hard break and stays. */
static void normalise(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\\'))
			s[i] = ' ';
}

char *segment_msgid(cmark_node *unit)
{
	cmark_node *only = cmark_node_first_child(unit);
	if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_TEXT &&
	    segment_is_plain(cmark_node_get_literal(only)))
		return xstrdup(cmark_node_get_literal(only));
	char *md = cmark_render_commonmark(unit, CMARK_OPT_DEFAULT, 0);
	char *start = md;
	if (cmark_node_get_type(unit) == CMARK_NODE_HEADING) {
		while (*start == '#')
			start++;
		while (*start == ' ')
			start++;
	}
	char *msgid = xstrdup(start);
	free(md);
	normalise(msgid);
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
