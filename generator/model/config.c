/* config.c - reading content/site.yaml; see config.h. */
#include "config.h"
#include "buf.h"
#include "fs.h"
#include "utf8.h"
#include "ydoc.h"

#include <stdlib.h>
#include <string.h>

int audience_valid(const char *a)
{
	return !strcmp(a, "personnel") || !strcmp(a, "community") || !strcmp(a, "all");
}

/* Codes are simple BCP 47 tags: letters, digits and '-', so they are safe in
 * paths and attributes. */
static int code_valid(const char *c)
{
	if (!*c || strlen(c) > 16)
		return 0;
	for (; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '-'))
			return 0;
	return 1;
}

static int id_valid(const char *c)
{
	if (!*c)
		return 0;
	for (; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return 0;
	return 1;
}

static int text_get(struct ydoc *y, yaml_node_t *map, const char *key,
                    int required, struct text *t, struct err *e)
{
	return ydoc_string(y, map, key, required, &t->src, &t->line, e);
}

static int load_lang(struct ydoc *y, yaml_node_t *n, struct lang *l,
                     struct err *e)
{
	static const char *const keys[] = { "code", "name", "dir", "iso639_3", NULL };
	char *dir = NULL;
	int line, iso_line, rc = -1;
	if (ydoc_expect(y, n, YAML_MAPPING_NODE, "a language", e) < 0 ||
	    ydoc_only_keys(y, n, keys, e) < 0 ||
	    ydoc_string(y, n, "code", 1, &l->code, &l->line, e) < 0)
		goto out;
	line = l->line;
	if (!code_valid(l->code)) {
		err_set(e, y->path, line, "language code \"%s\" is not a language tag", l->code);
		goto out;
	}
	if (ydoc_string(y, n, "name", 1, &l->name, NULL, e) < 0 ||
	    ydoc_string(y, n, "dir", 0, &dir, &line, e) < 0 ||
	    ydoc_string(y, n, "iso639_3", 0, &l->iso639_3, &iso_line, e) < 0)
		goto out;
	if (l->iso639_3 && (strlen(l->iso639_3) != 3 || l->iso639_3[strspn(l->iso639_3,
	                    "abcdefghijklmnopqrstuvwxyz")])) {
		err_set(e, y->path, iso_line, "\"iso639_3\" must be three lowercase letters (ISO 639-3, "
		        "e.g. fra)");
		goto out;
	}
	if (dir && strcmp(dir, "ltr") && strcmp(dir, "rtl")) {
		err_set(e, y->path, line, "\"dir\" must be ltr or rtl");
		goto out;
	}
	l->rtl = dir && !strcmp(dir, "rtl");
	rc = 0;
out:
	free(dir);
	return rc;
}

static int load_track(struct ydoc *y, yaml_node_t *n, struct track *t,
                      struct err *e)
{
	static const char *const keys[] = { "id", "order", "audience", "title",
	                                    "summary", NULL };
	int line;
	if (ydoc_expect(y, n, YAML_MAPPING_NODE, "a track", e) < 0 ||
	    ydoc_only_keys(y, n, keys, e) < 0 ||
	    ydoc_string(y, n, "id", 1, &t->id, &t->line, e) < 0)
		return -1;
	line = t->line;
	if (!id_valid(t->id))
		return err_set(e, y->path, line,
		               "track id \"%s\" may use only a-z, 0-9 and '-'", t->id);
	if (ydoc_int(y, n, "order", 1, &t->order, e) < 0 ||
	    ydoc_string(y, n, "audience", 1, &t->audience, &line, e) < 0)
		return -1;
	if (!audience_valid(t->audience))
		return err_set(e, y->path, line,
		               "audience must be personnel, community or all, not \"%s\"",
		               t->audience);
	if (text_get(y, n, "title", 1, &t->title, e) < 0 ||
	    text_get(y, n, "summary", 0, &t->summary, e) < 0)
		return -1;
	return 0;
}

static int load_helpline(struct ydoc *y, yaml_node_t *n, struct helpline *h,
                         struct err *e)
{
	static const char *const keys[] = { "name", "description", "phone",
	                                    "hours", "example", NULL };
	if (ydoc_expect(y, n, YAML_MAPPING_NODE, "a helpline", e) < 0 ||
	    ydoc_only_keys(y, n, keys, e) < 0 ||
	    text_get(y, n, "name", 1, &h->name, e) < 0 ||
	    text_get(y, n, "description", 0, &h->description, e) < 0 ||
	    text_get(y, n, "hours", 0, &h->hours, e) < 0 ||
	    ydoc_string(y, n, "phone", 0, &h->phone, NULL, e) < 0 ||
	    ydoc_bool(y, n, "example", 0, &h->example, e) < 0)
		return -1;
	h->line = ydoc_line(y, n);
	if (!h->phone)
		h->phone = xstrdup("");
	return 0;
}

static int cmp_track(const void *a, const void *b)
{
	const struct track *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Load an optional list under `key` with `each` into a new array; *line
 * (when not NULL) is the list's line, 0 when it is absent. */
static int load_list(struct ydoc *y, yaml_node_t *root, const char *key,
                     int required, size_t size, void **items, size_t *count,
                     int *line,
                     int (*each)(struct ydoc *, yaml_node_t *, void *, struct err *),
                     struct err *e)
{
	yaml_node_t *seq = ydoc_get(y, root, key);
	*items = NULL;
	*count = 0;
	if (line)
		*line = seq ? ydoc_line(y, seq) : 0;
	if (!seq) {
		if (required)
			return err_set(e, y->path, ydoc_line(y, root), "missing \"%s\"", key);
		return 0;
	}
	if (ydoc_expect(y, seq, YAML_SEQUENCE_NODE, key, e) < 0)
		return -1;
	size_t n = ydoc_seq_len(seq);
	if (required && n == 0)
		return err_set(e, y->path, ydoc_line(y, seq), "\"%s\" is empty", key);
	*items = xcalloc(n, size);
	*count = n;
	for (size_t i = 0; i < n; i++)
		if (each(y, ydoc_seq_at(y, seq, i), (char *)*items + i * size, e) < 0)
			return -1;
	return 0;
}

static int each_lang(struct ydoc *y, yaml_node_t *n, void *p, struct err *e)
{
	return load_lang(y, n, p, e);
}

static int each_track(struct ydoc *y, yaml_node_t *n, void *p, struct err *e)
{
	return load_track(y, n, p, e);
}

static int each_helpline(struct ydoc *y, yaml_node_t *n, void *p, struct err *e)
{
	return load_helpline(y, n, p, e);
}

/* A text of the `zim` mapping: at most `max` characters, as Kiwix asks. */
static int zim_text(struct ydoc *y, yaml_node_t *map, const char *key, size_t max,
                    struct text *t, int *set, struct err *e)
{
	if (!map || !ydoc_get(y, map, key))
		return 0;
	if (text_get(y, map, key, 1, t, e) < 0)
		return -1;
	*set = 1;
	size_t n = utf8_length(t->src);
	if (n > max)
		return err_set(e, y->path, t->line, "the ZIM's %s is %zu characters long; Kiwix "
		               "takes at most %zu", key, n, max);
	if (!*t->src)
		return err_set(e, y->path, t->line, "the ZIM's %s is empty", key);
	return 0;
}

/* zim: { title, description, creator, publisher }, all optional: the
 * metadata of the Kiwix packages.  A title or description left out is the
 * site's title (emit_zim shortens it when it does not fit). */
static int load_zim(struct ydoc *y, yaml_node_t *root, struct site *s, struct err *e)
{
	static const char *const keys[] = { "title", "description", "creator", "publisher",
	                                    NULL };
	struct zim_meta *z = &s->zim;
	yaml_node_t *map = ydoc_get(y, root, "zim");
	if (map && (ydoc_expect(y, map, YAML_MAPPING_NODE, "zim", e) < 0 ||
	            ydoc_only_keys(y, map, keys, e) < 0))
		return -1;
	if (zim_text(y, map, "title", ZIM_TITLE_MAX, &z->title, &z->title_set, e) < 0 ||
	    zim_text(y, map, "description", ZIM_DESCRIPTION_MAX, &z->description,
	             &z->description_set, e) < 0 ||
	    (map && ydoc_string(y, map, "creator", 0, &z->creator, NULL, e) < 0) ||
	    (map && ydoc_string(y, map, "publisher", 0, &z->publisher, NULL, e) < 0))
		return -1;
	if (!z->title_set)
		z->title = (struct text){ xstrdup(s->title.src), s->title.line };
	if (!z->description_set)
		z->description = (struct text){ xstrdup(s->title.src), s->title.line };
	if (!z->creator || !*z->creator) {
		free(z->creator);
		z->creator = xstrdup("crsv-kit");
	}
	if (!z->publisher || !*z->publisher) {
		free(z->publisher);
		z->publisher = xstrdup("crsv-kit");
	}
	return 0;
}

/* Duplicate ids and a source language that is not listed. */
static int check_site(struct site *s, struct err *e)
{
	for (size_t i = 0; i < s->nlangs; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(s->langs[i].code, s->langs[j].code))
				return err_set(e, s->path, s->langs[i].line,
				               "language \"%s\" listed twice (first on line %d)",
				               s->langs[i].code, s->langs[j].line);
	for (size_t i = 0; i < s->ntracks; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(s->tracks[i].id, s->tracks[j].id))
				return err_set(e, s->path, s->tracks[i].line,
				               "track \"%s\" listed twice (first on line %d)",
				               s->tracks[i].id, s->tracks[j].line);
	if (!site_lang(s, s->source_lang))
		return err_set(e, s->path, s->source_lang_line,
		               "source_language \"%s\" is not in \"languages\"", s->source_lang);
	return 0;
}

int site_load(struct site *s, const char *path, struct err *e)
{
	static const char *const keys[] = { "title", "source_language", "base_url",
	                                    "languages", "tracks", "help_module",
	                                    "helplines", "un_reporting", "zim", NULL };
	struct ydoc y = {0};
	int rc = -1;
	memset(s, 0, sizeof *s);
	s->path = xstrdup(path);
	if (ydoc_load_file(&y, path, e) < 0)
		goto out;
	yaml_node_t *root = ydoc_root(&y);
	if (ydoc_expect(&y, root, YAML_MAPPING_NODE, "site.yaml", e) < 0 ||
	    ydoc_only_keys(&y, root, keys, e) < 0 ||
	    text_get(&y, root, "title", 1, &s->title, e) < 0 ||
	    ydoc_string(&y, root, "source_language", 1, &s->source_lang,
	                &s->source_lang_line, e) < 0 ||
	    ydoc_string(&y, root, "base_url", 0, &s->base_url, NULL, e) < 0 ||
	    ydoc_string(&y, root, "help_module", 0, &s->help_module,
	                &s->help_module_line, e) < 0 ||
	    load_list(&y, root, "languages", 1, sizeof *s->langs, (void **)&s->langs,
	              &s->nlangs, NULL, each_lang, e) < 0 ||
	    load_list(&y, root, "tracks", 1, sizeof *s->tracks, (void **)&s->tracks,
	              &s->ntracks, NULL, each_track, e) < 0 ||
	    load_list(&y, root, "helplines", 0, sizeof *s->helplines,
	              (void **)&s->helplines, &s->nhelplines, &s->helplines_line,
	              each_helpline, e) < 0 ||
	    load_list(&y, root, "un_reporting", 0, sizeof *s->un_reporting,
	              (void **)&s->un_reporting, &s->nun_reporting, &s->un_reporting_line,
	              each_helpline, e) < 0 ||
	    load_zim(&y, root, s, e) < 0 ||
	    check_site(s, e) < 0)
		goto out;
	qsort(s->tracks, s->ntracks, sizeof *s->tracks, cmp_track);
	rc = 0;
out:
	ydoc_free(&y);
	return rc;
}

static void text_free(struct text *t)
{
	free(t->src);
}

static void helplines_free(struct helpline *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		text_free(&h[i].name);
		text_free(&h[i].description);
		text_free(&h[i].hours);
		free(h[i].phone);
	}
	free(h);
}

void site_free(struct site *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nlangs; i++) {
		free(s->langs[i].code);
		free(s->langs[i].name);
		free(s->langs[i].iso639_3);
	}
	for (size_t i = 0; i < s->ntracks; i++) {
		free(s->tracks[i].id);
		free(s->tracks[i].audience);
		text_free(&s->tracks[i].title);
		text_free(&s->tracks[i].summary);
		free(s->tracks[i].modules);
	}
	helplines_free(s->helplines, s->nhelplines);
	helplines_free(s->un_reporting, s->nun_reporting);
	free(s->langs);
	free(s->tracks);
	free(s->path);
	free(s->title.src);
	free(s->source_lang);
	free(s->base_url);
	text_free(&s->zim.title);
	text_free(&s->zim.description);
	free(s->zim.creator);
	free(s->zim.publisher);
	free(s->help_module);
	memset(s, 0, sizeof *s);
}

struct track *site_track(const struct site *s, const char *id)
{
	for (size_t i = 0; i < s->ntracks; i++)
		if (!strcmp(s->tracks[i].id, id))
			return &s->tracks[i];
	return NULL;
}

const struct lang *site_lang(const struct site *s, const char *code)
{
	for (size_t i = 0; i < s->nlangs; i++)
		if (!strcmp(s->langs[i].code, code))
			return &s->langs[i];
	return NULL;
}

int site_has_real_helpline(const struct site *s)
{
	for (size_t i = 0; i < s->nhelplines; i++)
		if (!s->helplines[i].example && s->helplines[i].phone[0])
			return 1;
	return 0;
}
