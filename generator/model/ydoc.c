/* ydoc.c - YAML document accessors; see ydoc.h. */
#include "ydoc.h"
#include "buf.h"
#include "fs.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- syntax errors in plain words ------------------------------------ */

/* Line `n` (0-based) of `text`, and its length. */
static const char *nth_line(const char *text, size_t len, size_t n, size_t *out_len)
{
	const char *p = text, *end = text + len;
	for (size_t i = 0; i < n && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*out_len = (size_t)((nl ? nl : end) - p);
	return p;
}

/* The first line in [from, to] (0-based) with an odd number of double
 * quotes not escaped: where a quoted value was left open. -1 when none. */
static long open_quote_line(const char *text, size_t len, size_t from, size_t to)
{
	for (size_t i = from; i <= to; i++) {
		size_t n, quotes = 0;
		const char *l = nth_line(text, len, i, &n);
		for (size_t k = 0; k < n; k++)
			if (l[k] == '"' && (k == 0 || l[k - 1] != '\\'))
				quotes++;
		if (quotes % 2)
			return (long)i;
	}
	return -1;
}

/* libyaml's messages are written for people who know YAML's grammar
 * ("mapping values are not allowed in this context"); say what to change,
 * with libyaml's words after it for those who do. */
static void syntax_error(const yaml_parser_t *ps, const char *path, int first_line,
                         const char *text, size_t len, struct err *e)
{
	const char *problem = ps->problem ? ps->problem : "invalid YAML";
	size_t line = ps->problem_mark.line, col = ps->problem_mark.column;
	char original[256], plain[300] = "";
	size_t n;
	const char *l = nth_line(text, len, line, &n);
	snprintf(original, sizeof original, "%s%s%s", problem, ps->context ? " " : "",
	         ps->context ? ps->context : "");
	if (strstr(problem, "cannot start any token") && col < n && l[col] == '\t') {
		snprintf(plain, sizeof plain, "a tab character: indent with spaces only");
	} else if (strstr(problem, "cannot start any token") && col < n) {
		snprintf(plain, sizeof plain, "a value cannot start with \"%c\": put the whole "
		         "value in double quotes", l[col]);
	} else if (strstr(problem, "mapping values are not allowed")) {
		snprintf(plain, sizeof plain, "a \": \" inside a value: put the whole value in "
		         "double quotes, e.g. title: \"Part one: the basics\"");
	} else if (strstr(original, "quoted scalar")) {
		line = ps->context_mark.line;
		col = ps->context_mark.column;
		snprintf(plain, sizeof plain, "this quote is never closed: end the value with "
		         "the same quote mark");
	} else if (strstr(problem, "did not find expected key")) {
		long q = open_quote_line(text, len, ps->context_mark.line, line);
		if (q >= 0 && (size_t)q < line) {
			line = (size_t)q;
			col = 0;
			snprintf(plain, sizeof plain, "a quote opened on this line is not closed: "
			         "end the value with the same quote mark");
		} else {
			snprintf(plain, sizeof plain, "this line does not line up with the keys above "
			         "it: give it the same indentation (spaces) as its neighbours");
		}
	} else if (strstr(problem, "could not find expected ':'")) {
		snprintf(plain, sizeof plain, "a line without \"key: value\": add the colon "
		         "and a space after the key, or join it to the line above");
	}
	if (plain[0])
		err_setc(e, path, (int)line + first_line, (int)col + 1, "%s (YAML: %s)", plain,
		         original);
	else
		err_setc(e, path, (int)line + first_line, (int)col + 1, "%s", original);
}

int ydoc_load(struct ydoc *y, const char *path, int first_line,
              const char *text, size_t len, struct err *e)
{
	yaml_parser_t parser;
	int rc = -1;
	memset(y, 0, sizeof *y);
	y->path = path;
	y->line_offset = first_line;
	if (!yaml_parser_initialize(&parser))
		return err_set(e, path, first_line, "cannot initialise the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &y->doc)) {
		syntax_error(&parser, path, first_line, text, len, e);
		goto out;
	}
	y->loaded = 1;
	if (!yaml_document_get_root_node(&y->doc)) {
		err_set(e, path, first_line, "empty YAML document");
		goto out;
	}
	rc = 0;
out:
	yaml_parser_delete(&parser);
	return rc;
}

int ydoc_load_file(struct ydoc *y, const char *path, struct err *e)
{
	char *text = NULL;
	size_t len;
	int rc = -1;
	memset(y, 0, sizeof *y);
	if (fs_read(path, &text, &len, e) == 0 &&
	    utf8_require(text, len, path, NULL, e) == 0)
		rc = ydoc_load(y, path, 1, text, len, e);
	free(text);
	return rc;
}

void ydoc_free(struct ydoc *y)
{
	if (y && y->loaded) {
		yaml_document_delete(&y->doc);
		y->loaded = 0;
	}
}

yaml_node_t *ydoc_root(struct ydoc *y)
{
	return yaml_document_get_root_node(&y->doc);
}

int ydoc_line(const struct ydoc *y, const yaml_node_t *n)
{
	return (int)n->start_mark.line + y->line_offset;
}

static int scalar_is(const yaml_node_t *n, const char *s)
{
	return n && n->type == YAML_SCALAR_NODE &&
	       n->data.scalar.length == strlen(s) &&
	       !memcmp(n->data.scalar.value, s, n->data.scalar.length);
}

yaml_node_t *ydoc_get(struct ydoc *y, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		if (scalar_is(k, key))
			return yaml_document_get_node(&y->doc, p->value);
	}
	return NULL;
}

int ydoc_expect(struct ydoc *y, yaml_node_t *n, yaml_node_type_t type,
                const char *what, struct err *e)
{
	static const char *names[] = { "nothing", "a value", "a list", "a mapping" };
	if (n && n->type == type)
		return 0;
	return err_set(e, y->path, n ? ydoc_line(y, n) : y->line_offset,
	               "%s must be %s", what, names[type]);
}

int ydoc_string(struct ydoc *y, yaml_node_t *map, const char *key,
                int required, char **out, int *line, struct err *e)
{
	yaml_node_t *n = ydoc_get(y, map, key);
	*out = NULL;
	if (line)
		*line = 0;
	if (!n) {
		if (!required)
			return 0;
		return err_set(e, y->path, ydoc_line(y, map), "missing \"%s\"", key);
	}
	if (n->type != YAML_SCALAR_NODE)
		return err_set(e, y->path, ydoc_line(y, n), "\"%s\" must be a text value", key);
	if (required && n->data.scalar.length == 0)
		return err_set(e, y->path, ydoc_line(y, n), "\"%s\" is empty", key);
	*out = xstrndup((const char *)n->data.scalar.value, n->data.scalar.length);
	if (line)
		*line = ydoc_line(y, n);
	return 0;
}

int ydoc_int(struct ydoc *y, yaml_node_t *map, const char *key, int required,
             int *out, struct err *e)
{
	char *s, *end;
	int line;
	*out = 0;
	if (ydoc_string(y, map, key, required, &s, &line, e) < 0)
		return -1;
	if (!s)
		return 0;
	long v = strtol(s, &end, 10);
	int bad = !*s || *end || v < 0 || v > 100000;
	free(s);
	if (bad)
		return err_set(e, y->path, line, "\"%s\" must be a whole number", key);
	*out = (int)v;
	return 0;
}

int ydoc_bool(struct ydoc *y, yaml_node_t *map, const char *key, int dflt,
              int *out, struct err *e)
{
	char *s;
	int line, rc = 0;
	*out = dflt;
	if (ydoc_string(y, map, key, 0, &s, &line, e) < 0)
		return -1;
	if (!s)
		return 0;
	if (!strcmp(s, "true") || !strcmp(s, "yes"))
		*out = 1;
	else if (!strcmp(s, "false") || !strcmp(s, "no"))
		*out = 0;
	else
		rc = err_set(e, y->path, line, "\"%s\" must be true or false", key);
	free(s);
	return rc;
}

/* Edit distance between `a` (n bytes) and `b`, at most 9 (enough to tell
 * a typo from another word). */
static int distance(const char *a, size_t n, const char *b)
{
	size_t m = strlen(b);
	int row[32];
	if (n > 30 || m > 30)
		return 9;
	for (size_t j = 0; j <= m; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m] > 9 ? 9 : row[m];
}

/* The known key a typo most likely meant ("titel" -> "title"), or NULL. */
static const char *did_you_mean(const char *key, size_t n, const char *const *known)
{
	const char *best = NULL;
	int bd = 3;   /* two edits at most */
	for (const char *const *k = known; *k; k++) {
		int d = distance(key, n, *k);
		if (d < bd) {
			bd = d;
			best = *k;
		}
	}
	return best;
}

int ydoc_only_keys(struct ydoc *y, yaml_node_t *map, const char *const *known,
                   struct err *e)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
			yaml_node_t *k2 = yaml_document_get_node(&y->doc, q->key);
			if (k->type == YAML_SCALAR_NODE && k2->type == YAML_SCALAR_NODE &&
			    k->data.scalar.length == k2->data.scalar.length &&
			    !memcmp(k->data.scalar.value, k2->data.scalar.value, k->data.scalar.length))
				return err_set(e, y->path, ydoc_line(y, k), "key \"%.*s\" given twice",
				               (int)k->data.scalar.length, (const char *)k->data.scalar.value);
		}
		int ok = 0;
		for (const char *const *kn = known; *kn && !ok; kn++)
			ok = scalar_is(k, *kn);
		if (!ok) {
			int n = k->type == YAML_SCALAR_NODE ? (int)k->data.scalar.length : 1;
			const char *name = k->type == YAML_SCALAR_NODE
			                   ? (const char *)k->data.scalar.value : "?";
			const char *hint = did_you_mean(name, (size_t)n, known);
			if (hint)
				return err_set(e, y->path, ydoc_line(y, k),
				               "unknown key \"%.*s\" (did you mean \"%s\"?)", n, name, hint);
			return err_set(e, y->path, ydoc_line(y, k), "unknown key \"%.*s\"", n, name);
		}
	}
	return 0;
}

size_t ydoc_seq_len(yaml_node_t *seq)
{
	return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *ydoc_seq_at(struct ydoc *y, yaml_node_t *seq, size_t i)
{
	return yaml_document_get_node(&y->doc, seq->data.sequence.items.start[i]);
}
