/*
 * material.c - reading kiosk.bundle into memory; see material.h.
 *
 * Nothing in the file is taken on trust, not even its schema: the CREATE
 * statements are part of the file, so its NOT NULL, CHECK and UNIQUE
 * clauses can be edited along with its rows, and the seal of an unsigned
 * bundle can be made again by anyone.  So every row is read through a
 * `struct reader`, which
 *   - checks every sqlite3_step: a damaged page ends a query with an
 *     error, which must not read as "no more rows" (it did: a bundle with a
 *     damaged index started with its quizzes gone);
 *   - checks every value it hands out: its type (NULL, a number or a blob
 *     where text belongs), UTF-8 without NUL bytes, numbers in range, the
 *     words of the schema's CHECK lists (an unknown one is an error, never
 *     a default);
 *   - names the table and the row of the first problem, which refuses the
 *     bundle:  bundle table blocks, row 17: level is 9, expected 1 to 6
 * Then come the checks across rows: references to rows that exist, ids
 * and positions without gaps (a row gone shows as the gap it leaves),
 * every text in every language, emphasis runs nested inside their text on
 * character boundaries; and last PRAGMA integrity_check, for the pages no
 * query read (the indexes).
 */
#include "material.h"
#include "buf.h"
#include "bundle.h"
#include "dbcheck.h"
#include "media.h"
#include "strmap.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* Limits where the writer has one, or where a larger value could only be
 * damage. */
#define MAX_NAME 256            /* keys, ids, names, media types: bytes */
#define MAX_CODE 16             /* language codes (site.yaml's rule) */
#define MAX_ID 63               /* quiz, question and choice ids (quiz.rng) */
#define MAX_MINUTES 100000      /* front-matter numbers (ydoc_int) */
#define MAX_DEPTH 32            /* list nesting; cmark has no limit, no screen holds more */
#define MAX_LIST_NUMBER INT32_MAX

static const char *const directions[] = { BUNDLE_DIRECTIONS };
static const char *const audiences[] = { BUNDLE_AUDIENCES };
static const char *const kinds[] = { BUNDLE_BLOCK_KINDS };
static const char *const styles[] = { BUNDLE_RUN_STYLES };
static const char *const qtypes[] = { BUNDLE_QUESTION_TYPES };
static const char *const roles[] = { BUNDLE_TEXT_ROLES };
static const char *const help_kinds[] = { BUNDLE_HELP_KINDS };
#define COUNT(a) (sizeof (a) / sizeof *(a))
_Static_assert(COUNT(kinds) == B_IMAGE + 1, "block kinds: bundle.h and material.h");
_Static_assert(COUNT(qtypes) == Q_TRUE_FALSE + 1, "question types: bundle.h and material.h");
_Static_assert(COUNT(help_kinds) == H_UN_REPORTING + 1, "help kinds: bundle.h and material.h");
_Static_assert(COUNT(styles) == 4 && STYLE_LINK == 1 << 3, "styles: bundle.h and layout.h");
enum { R_PROMPT, R_EXPLANATION, R_CHOICE, R_FEEDBACK };

/* ---- the checked reader ------------------------------------------------- */

struct reader {
	sqlite3 *db;
	const char *path;
	struct err *e;
	int failed;
	const char *table;          /* the table being read */
	/* The row being read, named in a message only (that is rarely): by
	 * the first `nkeys` columns of `st`'s current row, or when nkeys < 0
	 * by `row`; none when 0. */
	sqlite3_stmt *st;
	int nkeys;
	char row[64];
	size_t nread;               /* rows of the table read so far */
	char why[300];              /* SQLite's error, printable */
};

/* A value from the bundle, fit for a message: quoted, bytes that are not
 * printable (or not UTF-8) as \xNN, cut after 40 bytes. */
struct quoted {
	char s[200];
};

static struct quoted quote(const char *s, size_t len)
{
	struct quoted q;
	q.s[0] = '"';
	size_t o = 1 + utf8_escape(s, len, 40, q.s + 1, sizeof q.s - 2);
	q.s[o++] = '"';
	q.s[o] = '\0';
	return q;
}

static struct quoted quote_str(const char *s)
{
	return quote(s, strlen(s));
}

static const char *type_name(int type)
{
	return type == SQLITE_NULL ? "NULL" : type == SQLITE_BLOB ? "a blob" :
	       type == SQLITE_TEXT ? "text" : "a number";
}

/* One key column's value for a row's name. */
static size_t put_key(char *out, size_t n, sqlite3_stmt *st, int col)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_INTEGER:
		return (size_t)snprintf(out, n, "%lld", (long long)sqlite3_column_int64(st, col));
	case SQLITE_TEXT: {
		const char *s = (const char *)sqlite3_column_text(st, col);
		return (size_t)snprintf(out, n, "%s",
		                        quote(s, (size_t)sqlite3_column_bytes(st, col)).s);
	}
	default:
		return (size_t)snprintf(out, n, "%s", type_name(sqlite3_column_type(st, col)));
	}
}

/* A row named by its first `nkeys` columns: "row 17" for a row id,
 * "row (lang "fr", key "home")" for a table keyed by columns. */
static void row_label(sqlite3_stmt *st, int nkeys, char *out, size_t n)
{
	size_t o = 0;
	if (nkeys == 1 && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		snprintf(out, n, "row %lld", (long long)sqlite3_column_int64(st, 0));
		return;
	}
	o += (size_t)snprintf(out, n, "row (");
	for (int i = 0; i < nkeys && o < n; i++) {
		o += (size_t)snprintf(out + o, n - o, "%s%s ", i ? ", " : "", sqlite3_column_name(st, i));
		if (o < n)
			o += put_key(out + o, n - o, st, i);
	}
	if (o < n)
		snprintf(out + o, n - o, ")");
}



/* The first problem refuses the bundle; later ones are not looked for.
 * "bundle table T, row R: msg", "bundle table T: msg", or for the table
 * itself (`join` " "): "bundle table T is missing". */
static int vreport(struct reader *r, const char *join, const char *fmt, va_list ap)
{
	char msg[700], row[300];
	if (r->failed)
		return -1;
	vsnprintf(msg, sizeof msg, fmt, ap);
	r->failed = 1;
	if (r->nkeys > 0)
		row_label(r->st, r->nkeys, row, sizeof row);
	else
		snprintf(row, sizeof row, "%s", r->nkeys < 0 ? r->row : "");
	if (row[0])
		return err_set(r->e, r->path, 0, "bundle table %s, %s: %s", r->table, row, msg);
	return err_set(r->e, r->path, 0, "bundle table %s%s%s", r->table, join, msg);
}

static int bad(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(r, ": ", fmt, ap);
	va_end(ap);
	return -1;
}

/* bad() for the readers of text: refused, they hand out "". */
static const char *no_text(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *no_text(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(r, ": ", fmt, ap);
	va_end(ap);
	return "";
}

/* The table cannot be read (it is missing, or a query on it failed). */
static int unreadable(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int unreadable(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(r, " ", fmt, ap);
	va_end(ap);
	return -1;
}

/* A problem of the table as a whole, e.g. a row that is not there. */
static int absent(struct reader *r, const char *table, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int absent(struct reader *r, const char *table, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->table = table;
	r->nkeys = 0;
	return bad(r, "%s", msg);
}


/* The query `sql` on `table`, once the table is known to be there and to
 * be a table (a view of that name would be read instead). */
static sqlite3_stmt *begin(struct reader *r, const char *table, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int found = -1;   /* not known; then 0 no such table, 1 not a plain one, 2 one */
	r->table = table;
	r->nkeys = 0;
	r->nread = 0;
	if (r->failed)
		return NULL;
	if (sqlite3_prepare_v2(r->db, "SELECT sql FROM sqlite_schema WHERE type = 'table' "
	                       "AND name = ?1", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC) == SQLITE_OK) {
		int rc = sqlite3_step(st);
		const char *create = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
		found = rc == SQLITE_ROW ? 1 + (create && !strncmp(create, "CREATE TABLE", 12))
		                         : rc == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (found < 0)
		unreadable(r, "cannot be read: %s", db_errmsg(r->db, r->why, sizeof r->why));
	else if (found != 2)
		unreadable(r, "%s", found ? "is not a plain table" : "is missing");
	if (found != 2)
		return NULL;
	if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK) {
		unreadable(r, "cannot be read: %s", db_errmsg(r->db, r->why, sizeof r->why));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* The next row (1), named by its first `nkeys` columns; or none (0):
 * after the last row, or when the query failed, which refuses the bundle. */
static int next(struct reader *r, sqlite3_stmt *st, int nkeys)
{
	if (r->failed || !st)
		return 0;
	int rc = sqlite3_step(st);
	r->nkeys = 0;
	if (rc == SQLITE_ROW) {
		r->st = st;
		r->nkeys = nkeys;
		r->nread++;
		return 1;
	}
	if (rc != SQLITE_DONE && r->nread)
		unreadable(r, "cannot be read beyond its first %zu rows: %s", r->nread,
		           db_errmsg(r->db, r->why, sizeof r->why));
	else if (rc != SQLITE_DONE)
		unreadable(r, "cannot be read: %s", db_errmsg(r->db, r->why, sizeof r->why));
	return 0;
}

static void end(sqlite3_stmt *st)
{
	sqlite3_finalize(st);
}

static const char *col_name(sqlite3_stmt *st, int col)
{
	return sqlite3_column_name(st, col);
}

/* A whole number in [lo, hi]; lo when it is not one (the bundle is then
 * refused). */
static int64_t num(struct reader *r, sqlite3_stmt *st, int col, int64_t lo, int64_t hi)
{
	int type = sqlite3_column_type(st, col);
	if (type != SQLITE_INTEGER) {
		bad(r, "%s is %s, a whole number from %lld to %lld expected", col_name(st, col),
		    type_name(type), (long long)lo, (long long)hi);
		return lo;
	}
	int64_t v = sqlite3_column_int64(st, col);
	if (v < lo || v > hi) {
		bad(r, "%s is %lld, expected %lld to %lld", col_name(st, col), (long long)v,
		    (long long)lo, (long long)hi);
		return lo;
	}
	return v;
}

static int flag(struct reader *r, sqlite3_stmt *st, int col)
{
	return (int)num(r, st, col, 0, 1);
}

/* Text: UTF-8, without NUL bytes (the kiosk's strings end at the first);
 * "" when it is not (borrowed until the next step). */
static const char *text(struct reader *r, sqlite3_stmt *st, int col)
{
	int type = sqlite3_column_type(st, col);
	if (type != SQLITE_TEXT)
		return no_text(r, "%s is %s, text expected", col_name(st, col), type_name(type));
	const char *s = (const char *)sqlite3_column_text(st, col);
	size_t len = (size_t)sqlite3_column_bytes(st, col), bad_at;
	if (!s)
		return no_text(r, "%s cannot be read: out of memory", col_name(st, col));
	if (strlen(s) != len)
		return no_text(r, "%s has a NUL byte (byte %zu of %zu)", col_name(st, col), strlen(s),
		               len);
	if ((bad_at = utf8_check(s, len)) != NONE)
		return no_text(r, "%s is not valid UTF-8 (byte %zu: %s)", col_name(st, col), bad_at,
		               quote(s, len).s);
	return s;
}

/* A text on one line, without control characters (a phone number, a
 * media type), at most `max` bytes, and not empty when `need`. */
static const char *line(struct reader *r, sqlite3_stmt *st, int col, size_t max, int need)
{
	const char *s = text(r, st, col);
	size_t len = strlen(s);
	if (r->failed)
		return "";
	if (need && !len)
		return no_text(r, "%s is empty", col_name(st, col));
	if (len > max)
		return no_text(r, "%s is %zu bytes long, at most %zu expected", col_name(st, col), len,
		               max);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return no_text(r, "%s has a control character: %s", col_name(st, col),
			               quote(s, len).s);
	return s;
}

static const char *name(struct reader *r, sqlite3_stmt *st, int col)
{
	return line(r, st, col, MAX_NAME, 1);
}

/* A key as the writer's rules make them: letters a-z (and A-Z with
 * `upper`), digits and '-', 1 to `max` bytes. */
static const char *ident(struct reader *r, sqlite3_stmt *st, int col, size_t max, int upper)
{
	const char *s = line(r, st, col, max, 1);
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (upper && *p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-'))
			return no_text(r, "%s %s may have only %s, digits and '-'", col_name(st, col),
			               quote_str(s).s, upper ? "letters" : "a-z");
	return s;
}

/* The index of the column's word in `words`; 0 when it is none of them. */
static size_t word(struct reader *r, sqlite3_stmt *st, int col, const char *const *words,
                   size_t n)
{
	char list[200] = "";
	const char *s = name(r, st, col);
	if (r->failed)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, words[i]))
			return i;
	for (size_t i = 0, o = 0; i < n && o < sizeof list; i++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", words[i]);
	bad(r, "%s %s is not one of %s", col_name(st, col), quote_str(s).s, list);
	return 0;
}

/* A blob of at least one byte (borrowed until the next step); NULL when
 * it is not one. */
static const unsigned char *blob(struct reader *r, sqlite3_stmt *st, int col, size_t *len)
{
	int type = sqlite3_column_type(st, col);
	*len = 0;
	if (type != SQLITE_BLOB) {
		bad(r, "%s is %s, data (a blob) expected", col_name(st, col), type_name(type));
		return NULL;
	}
	const unsigned char *p = sqlite3_column_blob(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);
	if (!p || !n) {
		bad(r, "%s is empty", col_name(st, col));
		return NULL;
	}
	*len = n;
	return p;
}

/* Rows whose ids the writer numbers 1, 2, 3...: each id must be the one
 * after the last, so that a row gone, or one too many, shows. */
static void row_id(struct reader *r, sqlite3_stmt *st, int col, size_t count)
{
	int64_t id = num(r, st, col, 1, INT64_MAX);
	if (!r->failed && (uint64_t)id != count + 1)
		bad(r, "%s %lld where %zu was expected: the rows are numbered from 1, and one is "
		    "missing or added", col_name(st, col), (long long)id, count + 1);
}

/* An id that refers to a row of `table` numbered 1..count: its index. */
static size_t ref(struct reader *r, sqlite3_stmt *st, int col, size_t count, const char *table)
{
	int64_t id = num(r, st, col, INT64_MIN, INT64_MAX);
	if (r->failed)
		return 0;
	if (id < 1 || (uint64_t)id > count) {
		bad(r, "%s %lld is not a row of table %s", col_name(st, col), (long long)id, table);
		return 0;
	}
	return (size_t)(id - 1);
}

/* A narration key (bundle.sql: 16 lowercase hex digits; '' only when
 * `may_be_empty`) into `out`. */
static void narration_key(struct reader *r, sqlite3_stmt *st, int col, int may_be_empty,
                          char out[17])
{
	const char *s = line(r, st, col, 16, !may_be_empty);
	out[0] = '\0';
	if (r->failed)
		return;
	if (*s && (strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16)) {
		no_text(r, "%s %s is not a narration key (16 hex digits, a-f)", col_name(st, col),
		        quote_str(s).s);
		return;
	}
	memcpy(out, s, strlen(s) + 1);
}

/* ---- texts -------------------------------------------------------------- */

/* A text per language, each NULL until its row is read: a second row for
 * it is an error, and so is a language left without one (texts_complete). */
static struct m_text *texts_new(const struct material *m)
{
	return xcalloc(m->nlangs, sizeof(struct m_text));
}

static void text_put(struct reader *r, struct m_text *t, sqlite3_stmt *st, int col, int fb_col)
{
	const char *s = text(r, st, col);
	int fb = flag(r, st, fb_col);
	if (r->failed)
		return;
	if (t->text) {
		bad(r, "a second row for this %s", col_name(st, col));
		return;
	}
	t->text = xstrdup(s);
	t->fallback = fb;
}

/* Every language has the text, or (when it may be absent) none has: the
 * index of the first language without it, else NONE (and the absent
 * texts are then ""). */
static size_t texts_complete(struct m_text *t, size_t nlangs, int optional)
{
	size_t have = 0, first_missing = NONE;
	for (size_t l = 0; l < nlangs; l++) {
		if (t[l].text)
			have++;
		else if (first_missing == NONE)
			first_missing = l;
	}
	if (have != nlangs && (have || !optional))
		return first_missing;
	for (size_t l = 0; l < nlangs; l++)
		if (!t[l].text)
			t[l].text = xstrdup("");
	return NONE;
}

/* ---- emphasis runs ------------------------------------------------------ */

/* The runs of one text as read: they nest, never cross; flattened into
 * layout.h's spans (side by side, each with the styles that cover it)
 * when the next text's runs begin. */
struct run {
	size_t start, end;
	int style;
};

struct runs {
	struct m_text *owner;
	struct run *v;
	size_t n, cap;
	size_t *open;               /* ends of the runs that contain the next one */
	size_t nopen;
};

struct edge {
	size_t at;
	int style, open;
};

static int edge_cmp(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* The owner's runs as spans: at each edge the set of styles in force
 * changes; a piece with a style is a span, merged with the one before it
 * when they have the same. */
static void runs_flush(struct runs *u)
{
	struct m_text *t = u->owner;
	if (!t || !u->n)
		goto out;
	free(t->spans);
	t->nspans = 0;
	struct edge *ev = xmalloc(2 * u->n * sizeof *ev);
	int count[4] = {0};
	for (size_t i = 0; i < u->n; i++) {
		ev[2 * i] = (struct edge){ u->v[i].start, u->v[i].style, 1 };
		ev[2 * i + 1] = (struct edge){ u->v[i].end, u->v[i].style, 0 };
	}
	qsort(ev, 2 * u->n, sizeof *ev, edge_cmp);
	t->spans = xcalloc(2 * u->n, sizeof *t->spans);
	for (size_t i = 0; i < 2 * u->n; i++) {
		for (int s = 0; s < 4; s++)
			if (ev[i].style == 1 << s)
				count[s] += ev[i].open ? 1 : -1;
		if (i + 1 < 2 * u->n && ev[i + 1].at == ev[i].at)
			continue;   /* the piece starts after the last edge here */
		int style = 0;
		for (int s = 0; s < 4; s++)
			style |= count[s] > 0 ? 1 << s : 0;
		size_t to = i + 1 < 2 * u->n ? ev[i + 1].at : ev[i].at;
		struct style_span *last = t->nspans ? &t->spans[t->nspans - 1] : NULL;
		if (!style || to == ev[i].at)
			continue;
		if (last && last->style == style && last->start + last->length == ev[i].at)
			last->length = to - last->start;
		else
			t->spans[t->nspans++] = (struct style_span){ ev[i].at, to - ev[i].at, style };
	}
	free(ev);
out:
	u->owner = NULL;
	u->n = u->nopen = 0;
}

static int at_boundary(const char *s, size_t at)
{
	return ((unsigned char)s[at] & 0xC0) != 0x80;
}

/* One run row: (owner, start, length, style) in columns 0..3, the owner
 * already found (`t`).  Rows come ordered by owner, start, longest first,
 * style, so a run that contains another comes before it. */
static void run_add(struct reader *r, struct runs *u, struct m_text *t, sqlite3_stmt *st)
{
	int64_t start = num(r, st, 1, 0, INT64_MAX), len = num(r, st, 2, 1, INT64_MAX);
	int style = 1 << word(r, st, 3, styles, COUNT(styles));
	size_t tl = strlen(t->text);
	if (r->failed)
		return;
	if ((uint64_t)start > tl || (uint64_t)len > tl - (size_t)start) {
		/* both at most INT64_MAX: their sum fits unsigned (the fuzzer found
		 * the signed one overflow) */
		bad(r, "bytes %llu to %llu are outside its text (%zu bytes)",
		    (unsigned long long)start, (unsigned long long)start + (unsigned long long)len, tl);
		return;
	}
	size_t a = (size_t)start, b = a + (size_t)len;
	if (!at_boundary(t->text, a) || !at_boundary(t->text, b)) {
		bad(r, "bytes %zu to %zu cut a character of its text in two", a, b);
		return;
	}
	if (u->owner != t)
		runs_flush(u);
	u->owner = t;
	struct run *prev = u->n ? &u->v[u->n - 1] : NULL;
	if (prev && prev->start == a && prev->end == b && prev->style == style) {
		bad(r, "a second row for this run");
		return;
	}
	while (u->nopen && u->open[u->nopen - 1] <= a)
		u->nopen--;
	if (u->nopen && b > u->open[u->nopen - 1]) {
		bad(r, "crosses a run around it that ends at byte %zu (runs nest, never cross)",
		    u->open[u->nopen - 1]);
		return;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 16;
		u->v = xrealloc(u->v, u->cap * sizeof *u->v);
		u->open = xrealloc(u->open, u->cap * sizeof *u->open);
	}
	u->v[u->n++] = (struct run){ a, b, style };
	u->open[u->nopen++] = b;
}

/* The runs of `table`, whose owner column refers to `owners` rows of
 * `owner_table`; `text_of` gives the text of the owner with that index. */
static void load_runs(struct reader *r, const char *table, const char *sql,
                      const char *owner_table, size_t owners,
                      struct m_text *(*text_of)(void *ctx, size_t i), void *ctx)
{
	struct runs u = {0};
	sqlite3_stmt *st = begin(r, table, sql);
	while (next(r, st, 4)) {
		size_t i = ref(r, st, 0, owners, owner_table);
		if (r->failed)
			break;
		run_add(r, &u, text_of(ctx, i), st);
	}
	end(st);
	runs_flush(&u);
	free(u.v);
	free(u.open);
}

/* ---- what the loading keeps besides the material -------------------------- */

struct block_ref {
	size_t module, lang, index;
};

struct question_ref {
	size_t module, pos;
};

struct choice_ref {
	size_t question, pos;   /* question: index of its question row */
};

struct load {
	struct block_ref *blocks;   /* by block id - 1 */
	size_t nblocks;
	size_t *quiz_module;        /* by quiz id - 1 */
	size_t nquizzes;
	struct question_ref *questions;   /* by question id - 1 */
	size_t nquestions;
	struct choice_ref *choices; /* by choice id - 1 */
	size_t nchoices;
	struct m_text **quiz_texts; /* by quiz text id - 1 */
	size_t nquiz_texts;
	struct material *m;
};

static void load_free(struct load *c)
{
	free(c->blocks);
	free(c->quiz_module);
	free(c->questions);
	free(c->choices);
	free(c->quiz_texts);
}

/* Grow an array kept by id: room for one more. */
#define GROW(c, arr, n) ((c)->arr = xrealloc((c)->arr, ((c)->n + 1) * sizeof *(c)->arr))

/* ---- meta, fonts, languages --------------------------------------------- */

static int is_hex64(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static void load_meta(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "meta", "SELECT key, value FROM meta ORDER BY key");
	char *last = NULL;
	while (next(r, st, 1)) {
		const char *key = name(r, st, 0), *value = text(r, st, 1);
		if (r->failed)
			break;
		if (last && !strcmp(last, key))
			bad(r, "a second row for this key");
		else if (!strcmp(key, "content_version") && !is_hex64(value))
			bad(r, "value %s is not 64 hexadecimal digits", quote_str(value).s);
		else if (!strcmp(key, "content_version"))
			m->content_version = xstrdup(value);
		free(last);
		last = xstrdup(key);
	}
	end(st);
	free(last);
	if (!r->failed && !m->content_version)
		absent(r, "meta", "no row (key \"content_version\")");
}

/* Whether `family` has its regular face. */
static int has_regular(const struct material *m, const char *family)
{
	for (size_t i = 0; i < m->nfonts; i++)
		if (!strcmp(m->fonts[i].family, family) && !m->fonts[i].bold && !m->fonts[i].italic)
			return 1;
	return 0;
}

static void load_fonts(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "fonts", "SELECT family, bold, italic, data FROM fonts "
	                                     "ORDER BY family, bold, italic");
	while (next(r, st, 3)) {
		const char *family = name(r, st, 0);
		int bold = flag(r, st, 1), italic = flag(r, st, 2);
		size_t len;
		const unsigned char *data = blob(r, st, 3, &len);
		char why[200];
		if (r->failed)
			break;
		const struct m_font *prev = m->nfonts ? &m->fonts[m->nfonts - 1] : NULL;
		if (prev && !strcmp(prev->family, family) && prev->bold == bold &&
		    prev->italic == italic) {
			bad(r, "a second row for this face");
			break;
		}
		if (media_font_check(data, len, why, sizeof why) < 0) {
			bad(r, "data: %s", why);
			break;
		}
		m->fonts = xrealloc(m->fonts, (m->nfonts + 1) * sizeof *m->fonts);
		struct m_font *f = &m->fonts[m->nfonts++];
		*f = (struct m_font){ xstrdup(family), bold, italic, xmalloc(len), len };
		memcpy(f->data, data, len);
	}
	end(st);
	if (!r->failed && !has_regular(m, "Noto Sans"))
		absent(r, "fonts", "no regular face of \"Noto Sans\" (it draws the text that stands "
		       "in for a translation, digits and Latin names)");
}

static size_t lang_index(const struct material *m, const char *code)
{
	for (size_t i = 0; i < m->nlangs; i++)
		if (!strcmp(m->langs[i].code, code))
			return i;
	return NONE;
}

/* A language code that is one of the bundle's languages: its index. */
static size_t lang_ref(struct reader *r, const struct material *m, sqlite3_stmt *st, int col)
{
	const char *code = text(r, st, col);
	size_t l = r->failed ? 0 : lang_index(m, code);
	if (l == NONE) {
		bad(r, "%s %s is not a language of the bundle (table languages)", col_name(st, col),
		    quote_str(code).s);
		return 0;
	}
	return l;
}

/* An ISO 15924 script code: "Latn", "Arab". */
static int is_script(const char *s)
{
	if (strlen(s) != 4 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (int i = 1; i < 4; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

static void lang_add(struct reader *r, struct material *m, sqlite3_stmt *st)
{
	const char *code = ident(r, st, 1, MAX_CODE, 1), *lname = name(r, st, 3),
	           *script = name(r, st, 5), *family = name(r, st, 6);
	int64_t position = num(r, st, 2, 0, INT64_MAX);
	size_t dir = word(r, st, 4, directions, COUNT(directions));
	int source = flag(r, st, 7), draft = flag(r, st, 8);
	if (r->failed)
		return;
	if ((uint64_t)position != m->nlangs)
		bad(r, "position %lld, expected %zu (languages are numbered from 0)",
		    (long long)position, m->nlangs);
	else if (lang_index(m, code) != NONE)
		bad(r, "code %s is the code of another row", quote_str(code).s);
	else if (!is_script(script))
		bad(r, "script %s is not an ISO 15924 code (\"Latn\", \"Arab\")", quote_str(script).s);
	else if (!has_regular(m, family))
		bad(r, "font_family %s has no regular face in table fonts", quote_str(family).s);
	else if (source && m->nlangs > m->source)
		bad(r, "a second source language (is_source), after %s",
		    quote_str(m->langs[m->source].code).s);
	if (r->failed)
		return;
	m->langs = xrealloc(m->langs, (m->nlangs + 1) * sizeof *m->langs);
	m->langs[m->nlangs] = (struct m_lang){ xstrdup(code), xstrdup(lname), dir == 1,
	                                       xstrdup(script), xstrdup(family), draft };
	if (source)
		m->source = m->nlangs;
	m->nlangs++;
}

static void load_langs(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "languages", "SELECT rowid, code, position, name, direction, "
	                         "script, font_family, is_source, draft FROM languages "
	                         "ORDER BY position");
	m->source = NONE;
	while (next(r, st, 1)) {
		lang_add(r, m, st);
	}
	end(st);
	if (!r->failed && !m->nlangs)
		absent(r, "languages", "no languages");
	else if (!r->failed && m->source == NONE)
		absent(r, "languages", "no source language (is_source)");
	if (m->source == NONE)
		m->source = 0;
}

/* ---- chrome strings and the site title ---------------------------------- */

static void ui_new(struct material *m)
{
	m->ui = xcalloc(m->nlangs, sizeof *m->ui);
	m->ui_fallback = xcalloc(m->nlangs, sizeof *m->ui_fallback);
	m->site_title = xcalloc(m->nlangs, sizeof *m->site_title);
	m->ui_narration = strmap_new();
	for (size_t i = 0; i < m->nlangs; i++) {
		m->ui[i] = strmap_new();
		m->ui_fallback[i] = strmap_new();
	}
}

/* Every key in every language (bundle.sql): a key of one language that
 * another lacks is a row gone. */
static void ui_complete(struct reader *r, struct material *m)
{
	const struct strmap *source = m->ui[m->source];
	for (size_t l = 0; l < m->nlangs && !r->failed; l++) {
		size_t pos = 0;
		const char *key;
		void *v;
		while (l != m->source && strmap_next(source, &pos, &key, &v))
			if (!strmap_get(m->ui[l], key)) {
				absent(r, "ui_strings", "no row (lang %s, key %s), which the source "
				       "language has", quote_str(m->langs[l].code).s, quote_str(key).s);
				break;
			}
	}
}

static void load_ui(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "ui_strings", "SELECT lang, key, text, fallback, narration_key "
	                         "FROM ui_strings");
	ui_new(m);
	while (next(r, st, 2)) {
		size_t l = lang_ref(r, m, st, 0);
		const char *key = name(r, st, 1), *s = text(r, st, 2);
		int fb = flag(r, st, 3);
		char nk[17];
		narration_key(r, st, 4, 0, nk);
		if (r->failed)
			break;
		if (strmap_get(m->ui[l], key)) {
			bad(r, "a second row for this string");
			break;
		}
		const char *known = strmap_get(m->ui_narration, key);
		if (known && strcmp(known, nk)) {
			bad(r, "narration_key %s, and another language's row has %s: the key is the "
			    "source text's", quote_str(nk).s, quote_str(known).s);
			break;
		}
		if (!known)
			strmap_put(m->ui_narration, key, xstrdup(nk));
		strmap_put(m->ui[l], key, xstrdup(s));
		if (fb)
			strmap_put(m->ui_fallback[l], key, m);   /* any non-NULL value */
	}
	end(st);
	ui_complete(r, m);
}

static void load_site_text(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "site_text", "SELECT lang, key, text, fallback FROM site_text");
	while (next(r, st, 2)) {
		size_t l = lang_ref(r, m, st, 0);
		const char *key = name(r, st, 1), *s = text(r, st, 2);
		flag(r, st, 3);
		if (r->failed)
			break;
		if (strcmp(key, "title"))
			continue;   /* the only key the kiosk shows */
		if (m->site_title[l]) {
			bad(r, "a second row for this text");
			break;
		}
		m->site_title[l] = xstrdup(s);
	}
	end(st);
	for (size_t l = 0; l < m->nlangs && !r->failed; l++)
		if (!m->site_title[l])
			absent(r, "site_text", "no row (lang %s, key \"title\")",
			       quote_str(m->langs[l].code).s);
}

/* ---- tracks and modules ------------------------------------------------- */

static size_t track_index(const struct material *m, const char *id)
{
	for (size_t i = 0; i < m->ntracks; i++)
		if (!strcmp(m->tracks[i].id, id))
			return i;
	return NONE;
}

static void load_tracks(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "tracks", "SELECT rowid, id, position, audience FROM tracks "
	                                      "ORDER BY position");
	while (next(r, st, 1)) {
		const char *id = ident(r, st, 1, MAX_NAME, 0);
		int64_t position = num(r, st, 2, 0, INT64_MAX);
		size_t audience = word(r, st, 3, audiences, COUNT(audiences));
		if (r->failed)
			break;
		if ((uint64_t)position != m->ntracks) {
			bad(r, "position %lld, expected %zu (tracks are numbered from 0)",
			    (long long)position, m->ntracks);
			break;
		}
		if (track_index(m, id) != NONE) {
			bad(r, "id %s is the id of another row", quote_str(id).s);
			break;
		}
		m->tracks = xrealloc(m->tracks, (m->ntracks + 1) * sizeof *m->tracks);
		m->tracks[m->ntracks++] = (struct m_track){ xstrdup(id), xstrdup(audiences[audience]),
		                                            texts_new(m), texts_new(m) };
	}
	end(st);
	if (!(st = begin(r, "track_text", "SELECT track, lang, title, summary, title_fallback, "
	                                  "summary_fallback FROM track_text")))
		return;
	while (next(r, st, 2)) {
		const char *id = text(r, st, 0);
		size_t t = r->failed ? 0 : track_index(m, id), l = lang_ref(r, m, st, 1);
		if (!r->failed && t == NONE)
			bad(r, "track %s is not a row of table tracks", quote_str(id).s);
		if (r->failed)
			break;
		text_put(r, &m->tracks[t].title[l], st, 2, 4);
		text_put(r, &m->tracks[t].summary[l], st, 3, 5);
	}
	end(st);
	for (size_t t = 0; t < m->ntracks && !r->failed; t++) {
		size_t l = texts_complete(m->tracks[t].title, m->nlangs, 0);
		if (l == NONE)
			l = texts_complete(m->tracks[t].summary, m->nlangs, 0);
		if (l != NONE)
			absent(r, "track_text", "no row (track %s, lang %s)",
			       quote_str(m->tracks[t].id).s, quote_str(m->langs[l].code).s);
	}
}

static void module_add(struct reader *r, struct material *m, sqlite3_stmt *st)
{
	row_id(r, st, 0, m->nmodules);
	const char *key = name(r, st, 1), *track = text(r, st, 2);
	size_t t = r->failed ? 0 : track_index(m, track);
	int minutes = (int)num(r, st, 3, 0, MAX_MINUTES);
	size_t audience = word(r, st, 4, audiences, COUNT(audiences));
	int critical = flag(r, st, 5);
	if (!r->failed && t == NONE)
		bad(r, "track %s is not a row of table tracks", quote_str(track).s);
	else if (!r->failed && material_module(m, key) != NONE)
		bad(r, "key %s is the key of another row", quote_str(key).s);
	if (r->failed)
		return;
	m->modules = xrealloc(m->modules, (m->nmodules + 1) * sizeof *m->modules);
	m->modules[m->nmodules++] = (struct m_module){
		.key = xstrdup(key), .track = t, .minutes = minutes,
		.audience = xstrdup(audiences[audience]), .critical = critical,
		.title = texts_new(m), .summary = texts_new(m),
		.blocks = xcalloc(m->nlangs, sizeof(struct m_block *)),
		.nblocks = xcalloc(m->nlangs, sizeof(size_t)),
	};
}

static void load_modules(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "modules", "SELECT id, key, track, minutes, audience, critical "
	                                       "FROM modules ORDER BY id");
	while (next(r, st, 1)) {
		module_add(r, m, st);
	}
	end(st);
	if (!(st = begin(r, "module_text", "SELECT module, lang, title, summary, title_fallback, "
	                                   "summary_fallback FROM module_text")))
		return;
	while (next(r, st, 2)) {
		size_t i = ref(r, st, 0, m->nmodules, "modules"), l = lang_ref(r, m, st, 1);
		if (r->failed)
			break;
		text_put(r, &m->modules[i].title[l], st, 2, 4);
		text_put(r, &m->modules[i].summary[l], st, 3, 5);
	}
	end(st);
	for (size_t i = 0; i < m->nmodules && !r->failed; i++) {
		size_t l = texts_complete(m->modules[i].title, m->nlangs, 0);
		if (l == NONE)
			l = texts_complete(m->modules[i].summary, m->nlangs, 0);
		if (l != NONE)
			absent(r, "module_text", "no row (module %zu, lang %s)", i + 1,
			       quote_str(m->langs[l].code).s);
	}
}

/* ---- images and blocks -------------------------------------------------- */

static void load_images(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "images", "SELECT path, media_type, data FROM images "
	                                      "ORDER BY path");
	while (next(r, st, 1)) {
		const char *path = name(r, st, 0), *type = name(r, st, 1);
		size_t len;
		const unsigned char *data = blob(r, st, 2, &len);
		char why[200];
		int w, h;
		if (r->failed)
			break;
		if (m->nimages && !strcmp(m->images[m->nimages - 1].path, path)) {
			bad(r, "path %s is the path of another row", quote_str(path).s);
			break;
		}
		if (media_image_check(type, data, len, &w, &h, why, sizeof why) < 0) {
			bad(r, "data: %s", why);
			break;
		}
		m->images = xrealloc(m->images, (m->nimages + 1) * sizeof *m->images);
		struct m_image *im = &m->images[m->nimages++];
		*im = (struct m_image){ xstrdup(path), xstrdup(type), xmalloc(len), len };
		memcpy(im->data, data, len);
	}
	end(st);
}

/* A block's level: a heading's is 1 to 6, a list item's its depth from 1,
 * any other block's the depth of the lists it is in, from 0. */
static int block_level(struct reader *r, sqlite3_stmt *st, int col, enum m_block_kind kind)
{
	return (int)(kind == B_HEADING ? num(r, st, col, 1, 6) :
	             kind == B_LIST_ITEM ? num(r, st, col, 1, MAX_DEPTH) : num(r, st, col, 0, MAX_DEPTH));
}

/* The image a block shows: NULL (none) or a row of images. */
static char *block_image(struct reader *r, const struct material *m, sqlite3_stmt *st, int col,
                         enum m_block_kind kind)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		if (kind == B_IMAGE)
			bad(r, "image is NULL, and the block is one");
		return NULL;
	}
	const char *path = name(r, st, col);
	if (!r->failed && !material_image(m, path))
		bad(r, "image %s is not a row of table images", quote_str(path).s);
	return r->failed ? NULL : xstrdup(path);
}

static void block_add(struct reader *r, struct material *m, struct load *c, sqlite3_stmt *st)
{
	struct m_block b = {0};
	row_id(r, st, 0, c->nblocks);
	size_t i = ref(r, st, 1, m->nmodules, "modules"), l = lang_ref(r, m, st, 2);
	int64_t position = num(r, st, 3, 0, INT64_MAX);
	b.kind = (enum m_block_kind)word(r, st, 4, kinds, COUNT(kinds));
	b.level = block_level(r, st, 5, b.kind);
	if (b.kind == B_LIST_ITEM) {
		b.ordered = flag(r, st, 6);
		b.number = b.ordered ? (int)num(r, st, 7, 0, MAX_LIST_NUMBER) : 0;
	}
	const char *s = text(r, st, 8);
	int fallback = flag(r, st, 9);
	if (r->failed)
		return;
	struct m_module *mo = &m->modules[i];
	if ((uint64_t)position != mo->nblocks[l]) {
		bad(r, "position %lld, expected %zu: a block of module %zu in %s is missing or added",
		    (long long)position, mo->nblocks[l], i + 1, quote_str(m->langs[l].code).s);
		return;
	}
	char nk[17];
	narration_key(r, st, 11, 1, nk);
	if (r->failed)
		return;
	if (!(b.image = block_image(r, m, st, 10, b.kind)) && r->failed)
		return;
	b.t = (struct m_text){ xstrdup(s), NULL, 0, fallback, "" };
	memcpy(b.t.key, nk, sizeof nk);
	mo->blocks[l] = xrealloc(mo->blocks[l], (mo->nblocks[l] + 1) * sizeof **mo->blocks);
	mo->blocks[l][mo->nblocks[l]] = b;
	GROW(c, blocks, nblocks);
	c->blocks[c->nblocks++] = (struct block_ref){ i, l, mo->nblocks[l]++ };
}

static struct m_text *block_text(void *ctx, size_t i)
{
	struct load *c = ctx;
	const struct block_ref *b = &c->blocks[i];
	return &c->m->modules[b->module].blocks[b->lang][b->index].t;
}

static void load_blocks(struct reader *r, struct material *m, struct load *c)
{
	sqlite3_stmt *st = begin(r, "blocks", "SELECT id, module, lang, position, kind, level, "
	                         "ordered, list_number, text, fallback, image, narration_key "
	                         "FROM blocks ORDER BY id");
	while (next(r, st, 1)) {
		block_add(r, m, c, st);
	}
	end(st);
	/* a module has a body in every language, or in none */
	for (size_t i = 0; i < m->nmodules && !r->failed; i++)
		for (size_t l = 0; l < m->nlangs; l++)
			if (!m->modules[i].nblocks[l] != !m->modules[i].nblocks[0]) {
				size_t none = m->modules[i].nblocks[l] ? 0 : l;
				absent(r, "blocks", "no row for module %zu in %s, which has some in %s", i + 1,
				       quote_str(m->langs[none].code).s,
				       quote_str(m->langs[none ? 0 : l].code).s);
				break;
			}
	load_runs(r, "block_runs", "SELECT block, start, length, style FROM block_runs "
	          "ORDER BY block, start, length DESC, style", "blocks", c->nblocks, block_text, c);
}

/* ---- quizzes ------------------------------------------------------------ */

static void load_quizzes(struct reader *r, struct material *m, struct load *c)
{
	sqlite3_stmt *st = begin(r, "quizzes", "SELECT id, module, key, pass_percent FROM quizzes "
	                                       "ORDER BY id");
	while (next(r, st, 1)) {
		row_id(r, st, 0, c->nquizzes);
		size_t i = ref(r, st, 1, m->nmodules, "modules");
		ident(r, st, 2, MAX_ID, 0);
		int pass = (int)num(r, st, 3, 1, 100);
		if (!r->failed && m->modules[i].quiz)
			bad(r, "module %zu has a quiz already", i + 1);
		if (r->failed)
			break;
		m->modules[i].quiz = xcalloc(1, sizeof *m->modules[i].quiz);
		m->modules[i].quiz->pass_percent = pass;
		GROW(c, quiz_module, nquizzes);
		c->quiz_module[c->nquizzes++] = i;
	}
	end(st);
}

static struct m_question *question_at(const struct load *c, size_t q)
{
	return &c->m->modules[c->questions[q].module].quiz->questions[c->questions[q].pos];
}

static struct m_choice *choice_at(const struct load *c, size_t ch)
{
	return &question_at(c, c->choices[ch].question)->choices[c->choices[ch].pos];
}

static void question_add(struct reader *r, struct material *m, struct load *c,
                         sqlite3_stmt *st)
{
	row_id(r, st, 0, c->nquestions);
	size_t z = ref(r, st, 1, c->nquizzes, "quizzes");
	int64_t position = num(r, st, 2, 0, INT64_MAX);
	const char *key = ident(r, st, 3, MAX_ID, 0);
	size_t type = word(r, st, 4, qtypes, COUNT(qtypes));
	if (r->failed)
		return;
	struct m_quiz *quiz = m->modules[c->quiz_module[z]].quiz;
	if ((uint64_t)position != quiz->nquestions)
		bad(r, "position %lld, expected %zu: a question of quiz %zu is missing or added",
		    (long long)position, quiz->nquestions, z + 1);
	for (size_t k = 0; k < quiz->nquestions && !r->failed; k++)
		if (!strcmp(quiz->questions[k].key, key))
			bad(r, "key %s is the key of another question of quiz %zu", quote_str(key).s, z + 1);
	if (r->failed)
		return;
	quiz->questions = xrealloc(quiz->questions, (quiz->nquestions + 1) * sizeof *quiz->questions);
	quiz->questions[quiz->nquestions] = (struct m_question){
		.key = xstrdup(key), .type = (enum m_qtype)type,
		.prompt = texts_new(m), .explanation = texts_new(m) };
	GROW(c, questions, nquestions);
	c->questions[c->nquestions++] = (struct question_ref){ c->quiz_module[z],
	                                                       quiz->nquestions++ };
}

static void choice_add(struct reader *r, struct material *m, struct load *c, sqlite3_stmt *st)
{
	row_id(r, st, 0, c->nchoices);
	size_t q = ref(r, st, 1, c->nquestions, "questions");
	int64_t position = num(r, st, 2, 0, INT64_MAX);
	const char *key = ident(r, st, 3, MAX_ID, 0);
	int correct = flag(r, st, 4);
	if (r->failed)
		return;
	struct m_question *qu = question_at(c, q);
	if ((uint64_t)position != qu->nchoices)
		bad(r, "position %lld, expected %zu: a choice of question %zu is missing or added",
		    (long long)position, qu->nchoices, q + 1);
	else if (qu->nchoices == MATERIAL_MAX_CHOICES)
		bad(r, "question %zu has more than %d choices", q + 1, MATERIAL_MAX_CHOICES);
	for (size_t k = 0; k < qu->nchoices && !r->failed; k++)
		if (!strcmp(qu->choices[k].key, key))
			bad(r, "key %s is the key of another choice of question %zu", quote_str(key).s,
			    q + 1);
	if (r->failed)
		return;
	qu->choices = xrealloc(qu->choices, (qu->nchoices + 1) * sizeof *qu->choices);
	qu->choices[qu->nchoices] = (struct m_choice){ xstrdup(key), correct, texts_new(m),
	                                               texts_new(m) };
	GROW(c, choices, nchoices);
	c->choices[c->nchoices++] = (struct choice_ref){ q, qu->nchoices++ };
}

static void load_questions(struct reader *r, struct material *m, struct load *c)
{
	sqlite3_stmt *st = begin(r, "questions", "SELECT id, quiz, position, key, type "
	                                         "FROM questions ORDER BY id");
	while (next(r, st, 1)) {
		question_add(r, m, c, st);
	}
	end(st);
	st = begin(r, "choices", "SELECT id, question, position, key, correct FROM choices "
	                         "ORDER BY id");
	while (next(r, st, 1)) {
		choice_add(r, m, c, st);
	}
	end(st);
}

/* The text a quiz_texts row fills: by its role, of its question or of one
 * of that question's choices. */
static struct m_text *quiz_text_slot(struct reader *r, struct load *c, sqlite3_stmt *st,
                                     size_t q, size_t role, size_t l)
{
	struct m_question *qu = question_at(c, q);
	int has_choice = sqlite3_column_type(st, 2) != SQLITE_NULL;
	if (role == R_PROMPT || role == R_EXPLANATION) {
		if (has_choice)
			bad(r, "choice is set, and a %s has none", roles[role]);
		return role == R_PROMPT ? &qu->prompt[l] : &qu->explanation[l];
	}
	size_t ch = ref(r, st, 2, c->nchoices, "choices");
	if (!r->failed && c->choices[ch].question != q)
		bad(r, "choice %zu is not a choice of question %zu", ch + 1, q + 1);
	if (r->failed)
		return NULL;
	return role == R_CHOICE ? &choice_at(c, ch)->text[l] : &choice_at(c, ch)->feedback[l];
}

static struct m_text *quiz_text_of(void *ctx, size_t i)
{
	return ((struct load *)ctx)->quiz_texts[i];
}

static void load_quiz_texts(struct reader *r, struct material *m, struct load *c)
{
	sqlite3_stmt *st = begin(r, "quiz_texts", "SELECT id, question, choice, role, lang, text, "
	                                          "fallback, narration_key FROM quiz_texts "
	                                          "ORDER BY id");
	while (next(r, st, 1)) {
		row_id(r, st, 0, c->nquiz_texts);
		size_t q = ref(r, st, 1, c->nquestions, "questions");
		size_t role = word(r, st, 3, roles, COUNT(roles)), l = lang_ref(r, m, st, 4);
		struct m_text *t = r->failed ? NULL : quiz_text_slot(r, c, st, q, role, l);
		if (!r->failed)
			text_put(r, t, st, 5, 6);
		if (!r->failed)
			narration_key(r, st, 7, 0, t->key);
		if (r->failed)
			break;
		GROW(c, quiz_texts, nquiz_texts);
		c->quiz_texts[c->nquiz_texts++] = t;
	}
	end(st);
	load_runs(r, "quiz_text_runs", "SELECT quiz_text, start, length, style FROM quiz_text_runs "
	          "ORDER BY quiz_text, start, length DESC, style", "quiz_texts", c->nquiz_texts,
	          quiz_text_of, c);
}

/* What quiz.c holds a question to: two choices at least (a true-false
 * question exactly two), one right at least, and only one unless the
 * learner may choose several. */
static const char *question_problem(const struct m_question *q)
{
	size_t right = 0;
	for (size_t i = 0; i < q->nchoices; i++)
		right += (size_t)q->choices[i].correct;
	if (q->nchoices < 2)
		return "fewer than two choices";
	if (q->type == Q_TRUE_FALSE && q->nchoices != 2)
		return "a true-false question with more than two choices";
	if (!right)
		return "no correct choice";
	if (right > 1 && q->type != Q_MULTIPLE)
		return "more than one correct choice, and only one may be chosen";
	return NULL;
}

/* Every quiz has questions, and every question its texts in every
 * language (feedback in all or none). */
static void quizzes_complete(struct reader *r, struct material *m, struct load *c)
{
	for (size_t z = 0; z < c->nquizzes && !r->failed; z++)
		if (!m->modules[c->quiz_module[z]].quiz->nquestions)
			absent(r, "questions", "no row for quiz %zu", z + 1);
	for (size_t q = 0; q < c->nquestions && !r->failed; q++) {
		struct m_question *qu = question_at(c, q);
		const char *problem = question_problem(qu);
		size_t l = texts_complete(qu->prompt, m->nlangs, 0);
		const char *what = "prompt";
		if (l == NONE && (l = texts_complete(qu->explanation, m->nlangs, 1)) != NONE)
			what = "explanation";
		for (size_t k = 0; k < qu->nchoices && l == NONE; k++) {
			if ((l = texts_complete(qu->choices[k].text, m->nlangs, 0)) != NONE)
				what = "choice";
			else if ((l = texts_complete(qu->choices[k].feedback, m->nlangs, 1)) != NONE)
				what = "feedback";
		}
		if (problem) {
			r->table = "questions";
			r->nkeys = -1;
			snprintf(r->row, sizeof r->row, "row %zu", q + 1);
			bad(r, "%s", problem);
		} else if (l != NONE) {
			absent(r, "quiz_texts", "no %s of question %zu in %s", what, q + 1,
			       quote_str(m->langs[l].code).s);
		}
	}
}

static void load_quiz_all(struct reader *r, struct material *m, struct load *c)
{
	load_quizzes(r, m, c);
	load_questions(r, m, c);
	load_quiz_texts(r, m, c);
	quizzes_complete(r, m, c);
}

/* ---- help --------------------------------------------------------------- */

static void helpline_add(struct reader *r, struct material *m, sqlite3_stmt *st)
{
	row_id(r, st, 0, m->nhelplines);
	size_t kind = word(r, st, 1, help_kinds, COUNT(help_kinds));
	const char *phone = line(r, st, 2, MAX_NAME, 0);
	int example = flag(r, st, 3);
	if (!r->failed && kind == H_HELPLINE && m->nhelplines &&
	    m->helplines[m->nhelplines - 1].kind == H_UN_REPORTING)
		bad(r, "a helpline after the UN reporting entries, which come last");
	if (r->failed)
		return;
	m->helplines = xrealloc(m->helplines, (m->nhelplines + 1) * sizeof *m->helplines);
	m->helplines[m->nhelplines++] = (struct m_helpline){
		(enum m_help_kind)kind, xstrdup(phone), example, texts_new(m), texts_new(m),
		texts_new(m) };
}

static void load_help(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "helplines", "SELECT id, kind, phone, example FROM helplines "
	                                         "ORDER BY id");
	while (next(r, st, 1)) {
		helpline_add(r, m, st);
	}
	end(st);
	if (!(st = begin(r, "helpline_text", "SELECT helpline, lang, name, description, hours, "
	                 "name_fallback, description_fallback, hours_fallback, name_key, "
	                 "description_key, hours_key FROM helpline_text")))
		return;
	while (next(r, st, 2)) {
		size_t h = ref(r, st, 0, m->nhelplines, "helplines"), l = lang_ref(r, m, st, 1);
		if (r->failed)
			break;
		text_put(r, &m->helplines[h].name[l], st, 2, 5);
		text_put(r, &m->helplines[h].description[l], st, 3, 6);
		text_put(r, &m->helplines[h].hours[l], st, 4, 7);
		narration_key(r, st, 8, 1, m->helplines[h].name[l].key);
		narration_key(r, st, 9, 1, m->helplines[h].description[l].key);
		narration_key(r, st, 10, 1, m->helplines[h].hours[l].key);
	}
	end(st);
	for (size_t h = 0; h < m->nhelplines && !r->failed; h++) {
		struct m_helpline *hl = &m->helplines[h];
		size_t l = texts_complete(hl->name, m->nlangs, 0);
		if (l == NONE)
			l = texts_complete(hl->description, m->nlangs, 0);
		if (l == NONE)
			l = texts_complete(hl->hours, m->nlangs, 0);
		if (l != NONE)
			absent(r, "helpline_text", "no row (helpline %zu, lang %s)", h + 1,
			       quote_str(m->langs[l].code).s);
	}
}

/* ---- narration ---------------------------------------------------------- */

static void audio_add(struct reader *r, struct material *m, sqlite3_stmt *st)
{
	struct m_audio au = {0};
	char why[200];
	size_t len;
	au.lang = lang_ref(r, m, st, 0);
	narration_key(r, st, 1, 0, au.key);
	au.synthetic = flag(r, st, 2);
	const unsigned char *data = blob(r, st, 3, &len);
	if (r->failed)
		return;
	if (strmap_get(m->audio_by_key[au.lang], au.key)) {
		bad(r, "a second row for this voice");
		return;
	}
	if (media_opus_check(data, len, why, sizeof why) < 0) {
		bad(r, "data: %s", why);
		return;
	}
	au.data = xmalloc(len);
	memcpy(au.data, data, len);
	au.len = len;
	m->audio = xrealloc(m->audio, (m->naudio + 1) * sizeof *m->audio);
	m->audio[m->naudio++] = au;
	strmap_put(m->audio_by_key[au.lang], au.key, (void *)m->naudio);
}

static void load_audio(struct reader *r, struct material *m, struct load *c)
{
	(void)c;
	sqlite3_stmt *st = begin(r, "audio", "SELECT lang, key, synthetic, data FROM audio "
	                                     "ORDER BY lang, key");
	m->audio_by_key = xcalloc(m->nlangs, sizeof *m->audio_by_key);
	for (size_t l = 0; l < m->nlangs; l++)
		m->audio_by_key[l] = strmap_new();
	while (next(r, st, 2)) {
		audio_add(r, m, st);
	}
	end(st);
}

/* ---- the whole bundle --------------------------------------------------- */

/* In this order: each step reads what the ones before it refer to. */
static void (*const steps[])(struct reader *, struct material *, struct load *) = {
	load_meta, load_fonts, load_langs, load_ui, load_site_text, load_tracks, load_modules,
	load_images, load_blocks, load_quiz_all, load_help, load_audio,
};

int material_load_with(struct material **out, const char *path,
                       const struct material_options *o, struct err *e)
{
	struct material *m = xcalloc(1, sizeof *m);
	struct reader r = { .path = path, .e = e };
	struct load c = { .m = m };
	*out = NULL;
	if (bundle_open(&r.db, path, e) < 0) {
		free(m);
		return -1;
	}
	/* nothing is shown from a bundle whose content is not what was sealed */
	if (!o->test_skip_seal && seal_check(r.db, path, o->trusted, o->ntrusted, &m->seal, e) < 0)
		r.failed = 1;
	for (size_t i = 0; i < COUNT(steps) && !r.failed; i++)
		steps[i](&r, m, &c);
	/* last: the pages no query read (indexes), and the file's own constraints */
	if (!r.failed && bundle_check_pages(r.db, path, e) < 0)
		r.failed = 1;
	load_free(&c);
	sqlite3_close(r.db);
	if (r.failed) {
		material_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

int material_load(struct material **out, const char *path, const struct sign_key *trusted,
                  size_t ntrusted, struct err *e)
{
	struct material_options o = { trusted, ntrusted, 0 };
	return material_load_with(out, path, &o, e);
}

int material_refuse_font(struct err *e, const char *path, const struct m_font *f,
                         const char *why)
{
	return err_set(e, path, 0, "bundle table fonts, row (family %s, bold %d, italic %d): "
	               "data: %s", quote_str(f->family).s, f->bold, f->italic, why);
}

int material_refuse_image(struct err *e, const char *path, const struct m_image *im,
                          const char *why)
{
	return err_set(e, path, 0, "bundle table images, row (path %s): data: %s",
	               quote_str(im->path).s, why);
}

static void texts_free(struct m_text *t, size_t n)
{
	if (!t)
		return;
	for (size_t i = 0; i < n; i++) {
		free(t[i].text);
		free(t[i].spans);
	}
	free(t);
}

static void quiz_free(struct m_quiz *z, size_t nl)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->nquestions; i++) {
		struct m_question *q = &z->questions[i];
		for (size_t c = 0; c < q->nchoices; c++) {
			free(q->choices[c].key);
			texts_free(q->choices[c].text, nl);
			texts_free(q->choices[c].feedback, nl);
		}
		free(q->choices);
		free(q->key);
		texts_free(q->prompt, nl);
		texts_free(q->explanation, nl);
	}
	free(z->questions);
	free(z);
}

static void module_free(struct m_module *mo, size_t nl)
{
	for (size_t l = 0; l < nl; l++) {
		for (size_t b = 0; b < mo->nblocks[l]; b++) {
			free(mo->blocks[l][b].t.text);
			free(mo->blocks[l][b].t.spans);
			free(mo->blocks[l][b].image);
		}
		free(mo->blocks[l]);
	}
	free(mo->blocks);
	free(mo->nblocks);
	free(mo->key);
	free(mo->audience);
	texts_free(mo->title, nl);
	texts_free(mo->summary, nl);
	quiz_free(mo->quiz, nl);
}

void material_free(struct material *m)
{
	if (!m)
		return;
	size_t nl = m->nlangs;
	for (size_t i = 0; i < m->nmodules; i++)
		module_free(&m->modules[i], nl);
	for (size_t i = 0; i < m->ntracks; i++) {
		free(m->tracks[i].id);
		free(m->tracks[i].audience);
		texts_free(m->tracks[i].title, nl);
		texts_free(m->tracks[i].summary, nl);
	}
	for (size_t i = 0; i < m->nhelplines; i++) {
		free(m->helplines[i].phone);
		texts_free(m->helplines[i].name, nl);
		texts_free(m->helplines[i].description, nl);
		texts_free(m->helplines[i].hours, nl);
	}
	for (size_t i = 0; i < m->nfonts; i++) {
		free(m->fonts[i].family);
		free(m->fonts[i].data);
	}
	for (size_t i = 0; i < m->nimages; i++) {
		free(m->images[i].path);
		free(m->images[i].media_type);
		free(m->images[i].data);
	}
	free(m->images);
	for (size_t i = 0; i < nl; i++) {
		free(m->langs[i].code);
		free(m->langs[i].name);
		free(m->langs[i].script);
		free(m->langs[i].font_family);
		if (m->ui)
			strmap_free(m->ui[i], free);
		if (m->ui_fallback)
			strmap_free(m->ui_fallback[i], NULL);
		if (m->site_title)
			free(m->site_title[i]);
	}
	for (size_t i = 0; i < m->naudio; i++)
		free(m->audio[i].data);
	free(m->audio);
	for (size_t i = 0; m->audio_by_key && i < nl; i++)
		strmap_free(m->audio_by_key[i], NULL);
	free(m->audio_by_key);
	strmap_free(m->ui_narration, free);
	free(m->ui);
	free(m->ui_fallback);
	free(m->site_title);
	free(m->langs);
	free(m->fonts);
	free(m->tracks);
	free(m->modules);
	free(m->helplines);
	free(m->content_version);
	free(m);
}

const char *material_ui(const struct material *m, size_t lang, const char *key)
{
	const char *s = lang < m->nlangs ? strmap_get(m->ui[lang], key) : NULL;
	if (!s && m->nlangs)
		s = strmap_get(m->ui[m->source], key);
	return s ? s : key;
}

int material_ui_fallback(const struct material *m, size_t lang, const char *key)
{
	/* a key missing in this language is shown from the source too */
	return lang < m->nlangs && lang != m->source &&
	       (strmap_get(m->ui_fallback[lang], key) || !strmap_get(m->ui[lang], key));
}

const char *material_ui_key(const struct material *m, const char *key)
{
	const char *k = m->ui_narration ? strmap_get(m->ui_narration, key) : NULL;
	return k ? k : "";
}

const struct m_audio *material_voice(const struct material *m, size_t lang, const char *key,
                                     int fallback)
{
	size_t l = fallback ? m->source : lang;
	if (!key[0] || !m->audio_by_key || l >= m->nlangs)
		return NULL;
	size_t pos = (size_t)strmap_get(m->audio_by_key[l], key);
	return pos ? &m->audio[pos - 1] : NULL;
}

const struct m_audio *material_audio(const struct material *m, size_t lang,
                                     const struct m_text *t)
{
	return material_voice(m, lang, t->key, t->fallback);
}

const struct m_font *material_font(const struct material *m, const char *family,
                                   int bold, int italic)
{
	const struct m_font *regular = NULL;
	for (size_t i = 0; i < m->nfonts; i++) {
		const struct m_font *f = &m->fonts[i];
		if (strcmp(f->family, family))
			continue;
		if (f->bold == bold && f->italic == italic)
			return f;
		if (!f->bold && !f->italic)
			regular = f;
	}
	return regular ? regular : m->nfonts ? &m->fonts[0] : NULL;
}

const struct m_image *material_image(const struct material *m, const char *path)
{
	for (size_t i = 0; i < m->nimages; i++)
		if (!strcmp(m->images[i].path, path))
			return &m->images[i];
	return NULL;
}

size_t material_module(const struct material *m, const char *key)
{
	for (size_t i = 0; i < m->nmodules; i++)
		if (!strcmp(m->modules[i].key, key))
			return i;
	return (size_t)-1;
}
