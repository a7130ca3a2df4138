/* poscan.c - a fast reader for ordinary PO files; see poscan.h. */
#include "poscan.h"
#include "buf.h"

#include <string.h>
#include <strings.h>

enum field { F_NONE, F_CTXT, F_ID, F_STR };

struct scan {
	struct buf ctxt, id, str;
	int has_ctxt, has_id, has_str;
	int fuzzy;          /* "#, fuzzy" seen for the message being read */
	int header_seen;    /* the header was given, and says UTF-8 */
	enum field field;   /* what a continued string adds to */
	poscan_fn fn;
	void *ctx;
};

/* Append the quoted string at `p` (a '"') up to the line's end `end` to
 * `b`; -1 when it is not one quoted string with known escapes. */
static int take_string(const char *p, const char *end, struct buf *b)
{
	if (p == end || *p != '"')
		return -1;
	for (p++; p < end && *p != '"'; p++) {
		if (*p != '\\') {
			buf_putc(b, *p);
			continue;
		}
		if (++p == end)
			return -1;
		switch (*p) {
		case 'n': buf_putc(b, '\n'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'r': buf_putc(b, '\r'); break;
		case '"': buf_putc(b, '"'); break;
		case '\\': buf_putc(b, '\\'); break;
		case 'a': buf_putc(b, '\a'); break;
		case 'b': buf_putc(b, '\b'); break;
		case 'f': buf_putc(b, '\f'); break;
		case 'v': buf_putc(b, '\v'); break;
		default: return -1;   /* octal, hex: rare, left to libgettextpo */
		}
	}
	if (p == end)
		return -1;
	for (p++; p < end; p++)
		if (*p != ' ' && *p != '\t')
			return -1;
	return 0;
}

/* The header's charset must be UTF-8: libgettextpo would otherwise read
 * the file another way. */
static int header_is_utf8(const char *msgstr)
{
	const char *cs = strstr(msgstr, "charset=");
	if (!cs)
		return 0;
	cs += strlen("charset=");
	size_t n = !strncasecmp(cs, "UTF-8", 5) ? 5 : !strncasecmp(cs, "UTF8", 4) ? 4 : 0;
	return n && (cs[n] == '\0' || cs[n] == '\n' || cs[n] == ' ' || cs[n] == ';');
}

/* Give the message read so far to the caller and start the next. */
static int flush(struct scan *s)
{
	int rc = 0;
	if (!s->has_id && !s->has_ctxt)
		return 0;
	if (!s->has_id || !s->has_str)
		return POSCAN_DECLINED;   /* an unfinished message */
	buf_putc(&s->ctxt, '\0');
	buf_putc(&s->id, '\0');
	buf_putc(&s->str, '\0');
	if (!s->header_seen) {
		/* the first message must be the header, in UTF-8 */
		if (s->has_ctxt || s->id.data[0] || !header_is_utf8(s->str.data))
			return POSCAN_DECLINED;
		s->header_seen = 1;
	}
	rc = s->fn(s->ctx, s->has_ctxt ? s->ctxt.data : NULL, s->id.data, s->str.data,
	           s->fuzzy);
	buf_reset(&s->ctxt);
	buf_reset(&s->id);
	buf_reset(&s->str);
	s->has_ctxt = s->has_id = s->has_str = s->fuzzy = 0;
	s->field = F_NONE;
	return rc;
}

/* 1 when the comment line's flags ("#, fuzzy, c-format") hold "fuzzy". */
static int flags_fuzzy(const char *p, const char *end)
{
	while (p < end) {
		while (p < end && (*p == ' ' || *p == ',' || *p == '\t'))
			p++;
		const char *w = p;
		while (p < end && *p != ',' && *p != ' ' && *p != '\t')
			p++;
		if (p - w == 5 && !memcmp(w, "fuzzy", 5))
			return 1;
	}
	return 0;
}

/* The line starts with `kw` and a space: what follows the spaces, else
 * NULL. */
static const char *after_keyword(const char *p, const char *end, const char *kw)
{
	size_t n = strlen(kw);
	if ((size_t)(end - p) <= n || memcmp(p, kw, n) || (p[n] != ' ' && p[n] != '\t'))
		return NULL;
	for (p += n; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	return p;
}

static int keyword_line(struct scan *s, const char *p, const char *end)
{
	const char *v;
	int rc;
	if ((v = after_keyword(p, end, "msgctxt"))) {
		if ((rc = flush(s)) != 0 || s->has_id)
			return rc ? rc : POSCAN_DECLINED;
		s->has_ctxt = 1;
		s->field = F_CTXT;
		return take_string(v, end, &s->ctxt) < 0 ? POSCAN_DECLINED : 0;
	}
	if ((v = after_keyword(p, end, "msgid"))) {
		if (s->has_str && (rc = flush(s)) != 0)
			return rc;
		if (s->has_id)
			return POSCAN_DECLINED;
		s->has_id = 1;
		s->field = F_ID;
		return take_string(v, end, &s->id) < 0 ? POSCAN_DECLINED : 0;
	}
	if ((v = after_keyword(p, end, "msgstr"))) {
		if (!s->has_id || s->has_str)
			return POSCAN_DECLINED;
		s->has_str = 1;
		s->field = F_STR;
		return take_string(v, end, &s->str) < 0 ? POSCAN_DECLINED : 0;
	}
	return POSCAN_DECLINED;   /* msgid_plural, msgstr[n], anything else */
}

static int comment_line(struct scan *s, const char *p, const char *end)
{
	int rc;
	if (s->has_str && (rc = flush(s)) != 0)
		return rc;
	if (s->has_id || s->has_ctxt)
		return POSCAN_DECLINED;   /* a comment inside a message */
	if (end - p >= 2 && p[1] == '~')
		s->fuzzy = 0;   /* an obsolete message's lines: its flags go with it */
	else if (end - p >= 2 && p[1] == ',' && flags_fuzzy(p + 2, end))
		s->fuzzy = 1;
	return 0;
}

static int scan_line(struct scan *s, const char *p, const char *end)
{
	const char *q = p;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q == end)
		return 0;   /* a blank line */
	if (q != p)
		return POSCAN_DECLINED;
	if (*p == '#')
		return comment_line(s, p, end);
	if (*p == '"') {
		struct buf *b = s->field == F_CTXT ? &s->ctxt : s->field == F_ID ? &s->id :
		                s->field == F_STR ? &s->str : NULL;
		return b && take_string(p, end, b) == 0 ? 0 : POSCAN_DECLINED;
	}
	return keyword_line(s, p, end);
}

int poscan(const char *text, size_t len, poscan_fn fn, void *ctx)
{
	struct scan s = { .fn = fn, .ctx = ctx };
	const char *p = text, *end = text + len;
	int rc = 0;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		rc = POSCAN_DECLINED;   /* a byte-order mark */
	while (rc == 0 && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		if (memchr(p, '\r', (size_t)(eol - p)) || memchr(p, '\0', (size_t)(eol - p)))
			rc = POSCAN_DECLINED;
		else
			rc = scan_line(&s, p, eol);
		p = nl ? nl + 1 : end;
	}
	if (rc == 0)
		rc = flush(&s);
	if (rc == 0 && !s.header_seen)
		rc = POSCAN_DECLINED;   /* no header: libgettextpo decides */
	buf_free(&s.ctxt);
	buf_free(&s.id);
	buf_free(&s.str);
	return rc;
}
