/* tmpl.c - Mustache subset; see tmpl.h. */
#include "tmpl.h"
#include "fs.h"

#include <stdlib.h>
#include <string.h>

enum tn_kind { TN_TEXT, TN_VAR, TN_RAW, TN_SECTION, TN_INVERTED, TN_PARTIAL };

struct tnode {
	enum tn_kind kind;
	char *text;              /* literal text, or the tag's name */
	size_t len;              /* of a literal */
	int line;
	struct tnode *kids;      /* sections */
	size_t nkids;
	const struct tmpl *partial;   /* resolved by tmpl_set_link */
};

struct tmpl {
	char *name;
	char *path;
	struct tnode *nodes;
	size_t n;
};

struct tmpl_set {
	struct tmpl **items;
	size_t n;
};

#define MAX_DEPTH 32   /* context stack and partial nesting */
/* sections inside sections: parsing recurses once a level, and a template
 * nested 100,000 deep overflowed the stack */
#define MAX_NESTING 64

/* ---- parsing ---------------------------------------------------------- */

struct parser {
	const char *path;
	const char *src;
	size_t pos, len;
	int line;
	int nesting;            /* sections open around the position */
	struct err *e;
};

static struct tnode *add_node(struct tnode **v, size_t *n, enum tn_kind k,
                              int line)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	struct tnode *t = &(*v)[(*n)++];
	memset(t, 0, sizeof *t);
	t->kind = k;
	t->line = line;
	return t;
}

static void nodes_free(struct tnode *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].text);
		nodes_free(v[i].kids, v[i].nkids);
	}
	free(v);
}

static void count_lines(struct parser *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		p->line += p->src[i] == '\n';
}

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

static int name_valid(const char *s)
{
	if (!strcmp(s, "."))
		return 1;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '-'))
			return 0;
	return 1;
}

/* Bounds of the line around [start, end) when only blanks share it: then the
 * tag is "standalone" and swallows its line.  Returns 1 and sets *ls / *le
 * (le just past the newline). */
static int standalone(const struct parser *p, size_t start, size_t end,
                      size_t *ls, size_t *le)
{
	size_t a = start, b = end;
	while (a > 0 && (p->src[a - 1] == ' ' || p->src[a - 1] == '\t'))
		a--;
	if (a > 0 && p->src[a - 1] != '\n')
		return 0;
	while (b < p->len && (p->src[b] == ' ' || p->src[b] == '\t'))
		b++;
	if (b < p->len && p->src[b] == '\r')
		b++;
	if (b < p->len && p->src[b] != '\n')
		return 0;
	*ls = a;
	*le = b < p->len ? b + 1 : b;
	return 1;
}

/* Parse until `close` (a section name) or the end; nodes go to (*v, *n). */
static int parse_nodes(struct parser *p, const char *close, int open_line,
                       struct tnode **v, size_t *n)
{
	while (p->pos < p->len) {
		const char *o = strstr(p->src + p->pos, "{{");
		size_t start = o ? (size_t)(o - p->src) : p->len;
		if (!o) {
			struct tnode *t = add_node(v, n, TN_TEXT, p->line);
			t->text = xstrndup(p->src + p->pos, p->len - p->pos);
			t->len = p->len - p->pos;
			p->pos = p->len;
			break;
		}
		int triple = o[2] == '{';
		const char *c = strstr(o + 2, triple ? "}}}" : "}}");
		if (!c) {
			count_lines(p, p->pos, start);
			return err_set(p->e, p->path, p->line, "unclosed tag \"{{\"");
		}
		size_t end = (size_t)(c - p->src) + (triple ? 3 : 2);
		char sigil = triple ? '{' : o[2];
		int is_block = sigil == '#' || sigil == '^' || sigil == '/' ||
		               sigil == '!' || sigil == '>';
		size_t ls = start, le = end;
		if (!(is_block && standalone(p, start, end, &ls, &le))) {
			ls = start;
			le = end;
		}
		if (ls > p->pos) {
			struct tnode *t = add_node(v, n, TN_TEXT, p->line);
			t->len = ls - p->pos;
			t->text = xstrndup(p->src + p->pos, t->len);
		}
		count_lines(p, p->pos, start);
		int line = p->line;
		const char *body = o + (triple ? 3 : 2);
		size_t blen = (size_t)(c - body);
		if (!triple && strchr("#^/!>&", sigil)) {
			body++;
			blen--;
		}
		char *name = trimmed(body, blen);
		count_lines(p, start, le);
		p->pos = le;
		if (sigil == '!') {
			free(name);
			continue;
		}
		if (!name_valid(name)) {
			err_set(p->e, p->path, line, "bad tag name \"%s\"", name);
			free(name);
			return -1;
		}
		if (sigil == '/') {
			int ok = close && !strcmp(name, close);
			if (!ok)
				err_set(p->e, p->path, line, close ?
				        "\"{{/%s}}\" closes \"%s\" (opened on line %d)" :
				        "\"{{/%s}}\" closes nothing", name, close ? close : "", open_line);
			free(name);
			return ok ? 0 : -1;
		}
		enum tn_kind k = sigil == '#' ? TN_SECTION : sigil == '^' ? TN_INVERTED :
		                 sigil == '>' ? TN_PARTIAL :
		                 (sigil == '&' || triple) ? TN_RAW : TN_VAR;
		struct tnode *t = add_node(v, n, k, line);
		t->text = name;
		if (k == TN_SECTION || k == TN_INVERTED) {
			struct tnode *kids = NULL;
			size_t nkids = 0;
			if (p->nesting >= MAX_NESTING)
				return err_set(p->e, p->path, line, "sections nested more than %d deep",
				               MAX_NESTING);
			p->nesting++;
			int rc = parse_nodes(p, name, line, &kids, &nkids);
			p->nesting--;
			/* re-fetch: the array may have moved while parsing kids? no: kids
			 * are a separate array, and *v is not touched below this level */
			t = &(*v)[*n - 1];
			t->kids = kids;
			t->nkids = nkids;
			if (rc < 0)
				return -1;
		}
	}
	if (close)
		return err_set(p->e, p->path, open_line, "section \"%s\" is not closed", close);
	return 0;
}

struct tmpl_set *tmpl_set_new(void)
{
	return xcalloc(1, sizeof(struct tmpl_set));
}

int tmpl_set_add(struct tmpl_set *s, const char *name, const char *path,
                 const char *text, struct err *e)
{
	struct parser p = { path, text, 0, strlen(text), 1, 0, e };
	struct tmpl *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->path = xstrdup(path);
	s->items = xrealloc(s->items, (s->n + 1) * sizeof *s->items);
	s->items[s->n++] = t;
	return parse_nodes(&p, NULL, 0, &t->nodes, &t->n);
}

static int link_nodes(struct tmpl_set *s, const struct tmpl *t,
                      struct tnode *v, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind == TN_PARTIAL) {
			v[i].partial = tmpl_get(s, v[i].text);
			if (!v[i].partial)
				return err_set(e, t->path, v[i].line, "no partial \"%s\" (%s.html)",
				               v[i].text, v[i].text);
		}
		if (link_nodes(s, t, v[i].kids, v[i].nkids, e) < 0)
			return -1;
	}
	return 0;
}

/* A partial reached again from itself: the templates on the way, from
 * `path[0]`, and the node that closes the cycle. */
struct trail {
	const struct tmpl *path[MAX_DEPTH];
	int n;
};

static int includes(const struct tmpl *t, const struct tnode *v, size_t n, struct trail *tr,
                    struct err *e);

/* Enter partial `to` from the node `at` of tr->path[n - 1]. */
static int enter(const struct tmpl *to, const struct tnode *at, struct trail *tr, struct err *e)
{
	const struct tmpl *from = tr->path[tr->n - 1];
	for (int i = 0; i < tr->n; i++)
		if (tr->path[i] == to) {
			struct buf chain = {0};
			for (int j = i; j < tr->n; j++)
				buf_printf(&chain, "%s -> ", tr->path[j]->name);
			buf_puts(&chain, to->name);
			err_set(e, from->path, at->line, "partial \"%s\" includes itself (%s)", to->name,
			        chain.data);
			buf_free(&chain);
			return -1;
		}
	if (tr->n >= MAX_DEPTH)
		return err_set(e, from->path, at->line, "partials nested more than %d deep", MAX_DEPTH);
	tr->path[tr->n++] = to;
	int rc = includes(to, to->nodes, to->n, tr, e);
	tr->n--;
	return rc;
}

static int includes(const struct tmpl *t, const struct tnode *v, size_t n, struct trail *tr,
                    struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind == TN_PARTIAL && v[i].partial && enter(v[i].partial, &v[i], tr, e) < 0)
			return -1;
		if (includes(t, v[i].kids, v[i].nkids, tr, e) < 0)
			return -1;
	}
	return 0;
}

int tmpl_set_link(struct tmpl_set *s, struct err *e)
{
	for (size_t i = 0; i < s->n; i++)
		if (link_nodes(s, s->items[i], s->items[i]->nodes, s->items[i]->n, e) < 0)
			return -1;
	/* then every chain of partials: a cycle would render forever (it was cut
	 * at MAX_DEPTH, silently) */
	for (size_t i = 0; i < s->n; i++) {
		struct trail tr = { { s->items[i] }, 1 };
		if (includes(s->items[i], s->items[i]->nodes, s->items[i]->n, &tr, e) < 0)
			return -1;
	}
	return 0;
}

int tmpl_set_load(struct tmpl_set **out, const char *dir, struct err *e)
{
	struct tmpl_set *s = tmpl_set_new();
	char **names = NULL;
	size_t n = 0;
	int rc = -1;
	*out = NULL;
	if (fs_list(dir, &names, &n, e) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(names[i]);
		if (l < 6 || strcmp(names[i] + l - 5, ".html"))
			continue;
		char *path = fs_join(dir, names[i]), *text = NULL;
		char *name = xstrndup(names[i], l - 5);
		int r = fs_read(path, &text, NULL, e);
		if (r == 0)
			r = tmpl_set_add(s, name, path, text, e);
		free(path);
		free(text);
		free(name);
		if (r < 0)
			goto out;
	}
	if (tmpl_set_link(s, e) < 0)
		goto out;
	*out = s;
	s = NULL;
	rc = 0;
out:
	fs_list_free(names, n);
	tmpl_set_free(s);
	return rc;
}

void tmpl_set_free(struct tmpl_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		nodes_free(s->items[i]->nodes, s->items[i]->n);
		free(s->items[i]->name);
		free(s->items[i]->path);
		free(s->items[i]);
	}
	free(s->items);
	free(s);
}

const struct tmpl *tmpl_get(const struct tmpl_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->items[i]->name, name))
			return s->items[i];
	return NULL;
}

/* ---- rendering -------------------------------------------------------- */

struct stack {
	const struct tval *v[MAX_DEPTH];
	int n;
};

/* Look a dotted name up: the first part through the stack (top first), the
 * rest inside it. */
static const struct tval *lookup(const struct stack *st, const char *name)
{
	if (!strcmp(name, "."))
		return st->n ? st->v[st->n - 1] : NULL;
	const char *dot = strchr(name, '.');
	size_t first = dot ? (size_t)(dot - name) : strlen(name);
	char head[128];
	if (first >= sizeof head)
		return NULL;
	memcpy(head, name, first);
	head[first] = '\0';
	const struct tval *v = NULL;
	for (int i = st->n - 1; i >= 0 && !v; i--)
		v = tv_get(st->v[i], head);
	while (v && dot) {
		const char *next = strchr(dot + 1, '.');
		size_t l = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
		if (l >= sizeof head)
			return NULL;
		memcpy(head, dot + 1, l);
		head[l] = '\0';
		v = tv_get(v, head);
		dot = next;
	}
	return v;
}

static void render_nodes(const struct tnode *v, size_t n, struct stack *st,
                         struct buf *out, int depth);

static void render_section(const struct tnode *t, const struct tval *v,
                           struct stack *st, struct buf *out, int depth)
{
	if (st->n >= MAX_DEPTH)
		return;
	if (v->kind == TV_LIST) {
		for (size_t i = 0; i < v->n; i++) {
			st->v[st->n++] = v->items[i];
			render_nodes(t->kids, t->nkids, st, out, depth);
			st->n--;
		}
		return;
	}
	st->v[st->n++] = v;
	render_nodes(t->kids, t->nkids, st, out, depth);
	st->n--;
}

static void render_nodes(const struct tnode *v, size_t n, struct stack *st,
                         struct buf *out, int depth)
{
	for (size_t i = 0; i < n; i++) {
		const struct tnode *t = &v[i];
		const struct tval *val;
		switch (t->kind) {
		case TN_TEXT:
			buf_put(out, t->text, t->len);
			break;
		case TN_VAR:
		case TN_RAW:
			val = lookup(st, t->text);
			if (val && val->kind == TV_STR) {
				if (t->kind == TN_VAR)
					buf_put_html(out, val->s, strlen(val->s));
				else
					buf_puts(out, val->s);
			}
			break;
		case TN_SECTION:
			val = lookup(st, t->text);
			if (tv_truthy(val))
				render_section(t, val, st, out, depth);
			break;
		case TN_INVERTED:
			if (!tv_truthy(lookup(st, t->text)))
				render_nodes(t->kids, t->nkids, st, out, depth);
			break;
		case TN_PARTIAL:
			if (depth < MAX_DEPTH)
				render_nodes(t->partial->nodes, t->partial->n, st, out, depth + 1);
			break;
		}
	}
}

void tmpl_render(const struct tmpl *t, const struct tval *ctx, struct buf *out)
{
	struct stack st = { { ctx }, 1 };
	render_nodes(t->nodes, t->n, &st, out, 0);
}
