/* content.c - walking content/ and reading modules; see content.h. */
#include "content.h"
#include "buf.h"
#include "quiz.h"
#include "strmap.h"
#include "fs.h"
#include "mdhtml.h"
#include "media.h"
#include "utf8.h"
#include "ydoc.h"

#include <stdlib.h>
#include <string.h>

/* "NN-id": digits, '-', then a-z 0-9 '-'. Returns the id part or NULL. */
static const char *module_id_of(const char *dir)
{
	const char *p = dir;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == dir || *p != '-' || !p[1])
		return NULL;
	for (const char *q = p + 1; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '-'))
			return NULL;
	return p + 1;
}

/* Find the closing "---" line of the front matter; returns the offset of
 * that line, or -1. */
static long find_fence(const char *text, size_t len, size_t from)
{
	size_t i = from;
	while (i < len) {
		if (!strncmp(text + i, "---", 3) &&
		    (i + 3 == len || text[i + 3] == '\n' ||
		     (text[i + 3] == '\r' && i + 4 <= len)))
			return (long)i;
		const char *nl = memchr(text + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - text) + 1;
	}
	return -1;
}

static int count_lines(const char *s, size_t n)
{
	int lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

static int read_front_matter(struct module *m, const char *path,
                             struct ydoc *y, struct err *e)
{
	static const char *const keys[] = { "title", "summary", "minutes",
	                                    "audience", "critical", NULL };
	yaml_node_t *root = ydoc_root(y);
	int line;
	if (ydoc_expect(y, root, YAML_MAPPING_NODE, "front matter", e) < 0 ||
	    ydoc_only_keys(y, root, keys, e) < 0 ||
	    ydoc_string(y, root, "title", 1, &m->title.src, &m->title.line, e) < 0 ||
	    ydoc_string(y, root, "summary", 0, &m->summary.src, &m->summary.line, e) < 0 ||
	    ydoc_int(y, root, "minutes", 0, &m->minutes, e) < 0 ||
	    ydoc_string(y, root, "audience", 0, &m->audience, &line, e) < 0 ||
	    ydoc_bool(y, root, "critical", 0, &m->critical, e) < 0)
		return -1;
	if (!m->audience)
		m->audience = xstrdup(m->track ? m->track->audience : "all");
	else if (!audience_valid(m->audience))
		return err_set(e, path, line,
		               "audience must be personnel, community or all, not \"%s\"",
		               m->audience);
	return 0;
}

int module_parse(struct module *m, const char *path, char *text, size_t len,
                 struct err *e)
{
	struct ydoc y = {0};
	long close;
	int rc = -1;
	if (utf8_require(text, len, path, NULL, e) < 0)
		return -1;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		/* a byte-order mark is harmless: skip it */
		memmove(text, text + 3, len - 2);
		len -= 3;
	}
	if (len < 4 || strncmp(text, "---", 3) || (text[3] != '\n' && text[3] != '\r') ||
	    !strchr(text, '\n'))
		return err_set(e, path, 1, "expected front matter starting with \"---\"");
	size_t start = (size_t)(strchr(text, '\n') - text) + 1;
	close = find_fence(text, len, start);
	if (close < 0)
		return err_set(e, path, 1, "front matter is not closed by a \"---\" line");
	if (ydoc_load(&y, path, 2, text + start, (size_t)close - start, e) < 0)
		goto out;
	if (read_front_matter(m, path, &y, e) < 0)
		goto out;
	const char *nl = memchr(text + close, '\n', len - (size_t)close);
	size_t body = nl ? (size_t)(nl - text) + 1 : len;
	m->body_line = count_lines(text, body) + 1;
	m->body_len = len - body;
	m->body = xstrndup(text + body, m->body_len);
	rc = 0;
out:
	ydoc_free(&y);
	return rc;
}

static int load_module(struct module *m, struct track *t, const char *tdir,
                       const char *dir, struct err *e)
{
	char *text = NULL;
	size_t len;
	int rc = -1;
	const char *id = module_id_of(dir);
	m->track = t;
	m->dir = xstrdup(dir);
	m->key = xasprintf("%s/%s", t->id, dir);
	m->folder = fs_join(tdir, dir);
	m->path = fs_join(m->folder, "index.md");
	if (!id) {
		err_set(e, m->folder, 0,
		        "module folder must be named NN-id (digits, '-', then a-z 0-9 '-')");
		goto out;
	}
	m->id = xstrdup(id);
	if (!fs_is_file(m->path)) {
		err_set(e, m->path, 0, "missing module file");
		goto out;
	}
	if (fs_read(m->path, &text, &len, e) < 0)
		goto out;
	rc = module_parse(m, m->path, text, len, e);
out:
	free(text);
	return rc;
}

static struct module *grow_modules(struct content *c, size_t *cap)
{
	if (c->nmodules == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		c->modules = xrealloc(c->modules, *cap * sizeof *c->modules);
	}
	struct module *m = &c->modules[c->nmodules++];
	memset(m, 0, sizeof *m);
	m->index = c->nmodules - 1;
	return m;
}

/* Load every module of a track folder; a module with a problem is reported
 * in `problems` and the others are still read, so one run names every bad
 * front matter.  -1 when any module had a problem. */
static int load_track_dir(struct content *c, size_t *cap, struct track *t,
                          const char *tdir, struct errlist *problems, struct err *e)
{
	char **names;
	size_t n;
	int failed = 0;
	if (fs_list(tdir, &names, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char *p = fs_join(tdir, names[i]);
		struct err me;
		int rc = 0;
		if (fs_is_dir(p)) {
			struct module *b = grow_modules(c, cap);
			rc = load_module(b, t, tdir, names[i], &me);
			for (size_t j = 0; rc == 0 && j + 1 < c->nmodules; j++) {
				struct module *a = &c->modules[j];
				if (a->track == t && a->id && !strcmp(a->id, b->id))
					rc = err_set(&me, b->path, 0, "module id \"%s\" is also used by %s",
					             b->id, a->path);
			}
			if (rc < 0) {
				free(b->id);   /* not a module: no other module may match it */
				b->id = NULL;
			}
		}
		if (rc < 0) {
			if (!failed++ && e)
				*e = me;
			errlist_add(problems, &me);
		}
		free(p);
	}
	fs_list_free(names, n);
	return failed ? -1 : 0;
}

struct track_check {
	const struct site *site;
	struct err *e;
};

static int known_track(void *ctx, const char *path, const char *name, int is_dir)
{
	struct track_check *k = ctx;
	if (is_dir && !site_track(k->site, name))
		return err_set(k->e, path, 0, "unknown track \"%s\" (not listed in %s)",
		               name, k->site->path);
	return 0;
}

/* Every folder in content/ must be a track of site.yaml. */
static int check_track_folders(const struct site *site, const char *dir,
                               struct err *e)
{
	struct track_check k = { site, e };
	return fs_each(dir, known_track, &k, e);
}

int content_load(struct content *c, struct site *site, const char *dir,
                 struct errlist *problems, struct err *e)
{
	size_t cap = 0;
	int failed = 0;
	memset(c, 0, sizeof *c);
	if (!fs_is_dir(dir))
		return err_set(e, dir, 0, "content folder not found");
	if (check_track_folders(site, dir, e) < 0)
		return -1;
	for (size_t i = 0; i < site->ntracks; i++) {
		struct track *t = &site->tracks[i];
		char *tdir = fs_join(dir, t->id);
		struct err te;
		int rc = fs_is_dir(tdir) ? load_track_dir(c, &cap, t, tdir, problems, &te) : 0;
		free(tdir);
		if (rc < 0 && !failed++ && e)
			*e = te;
	}
	if (failed)
		return -1;
	/* Tracks point into the final array, so link them once it stops moving. */
	for (size_t i = 0; i < c->nmodules; i++) {
		struct track *t = c->modules[i].track;
		t->modules = xrealloc(t->modules, (t->nmodules + 1) * sizeof *t->modules);
		t->modules[t->nmodules++] = &c->modules[i];
	}
	c->by_path = strmap_new();
	for (size_t i = 0; i < c->nmodules; i++) {
		char *path = xstrdup(c->modules[i].path);
		fs_normalise(path);
		strmap_put(c->by_path, path, &c->modules[i]);
		free(path);
	}
	if (site->help_module && !content_find(c, site->help_module))
		return err_set(e, site->path, site->help_module_line,
		               "help_module \"%s\" is not a module",
		               site->help_module);
	return 0;
}

void content_free(struct content *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nmodules; i++) {
		struct module *m = &c->modules[i];
		free(m->dir);
		free(m->id);
		free(m->key);
		free(m->path);
		free(m->folder);
		free(m->title.src);
		free(m->summary.src);
		free(m->audience);
		free(m->body);
		quiz_free(m->quiz);
	}
	free(c->modules);
	strmap_free(c->by_path, NULL);
	memset(c, 0, sizeof *c);
}

int content_link_target(const struct content *c, const struct module *m,
                        const char *url, const struct module **to,
                        const char **fragment, struct err *e)
{
	const char *hash = strchr(url, '#');
	size_t plen = hash ? (size_t)(hash - url) : strlen(url);
	char *target = xasprintf("%s/%.*s", m->folder, (int)plen, url);
	size_t tl = strlen(target);
	if (tl && target[tl - 1] != '/' && (tl < 3 || strcmp(target + tl - 3, ".md"))) {
		char *t2 = xconcat(target, "/index.md", NULL);   /* a module folder */
		free(target);
		target = t2;
	}
	fs_normalise(target);
	*to = c->by_path ? strmap_get(c->by_path, target) : NULL;
	*fragment = hash ? hash : "";
	free(target);
	if (!*to)
		return err_set(e, m->path, 0, "link \"%s\" does not point to a module's index.md", url);
	return 0;
}

int content_image(const struct module *m, const char *url, struct content_image *img,
                  struct err *e)
{
	char *folder, *target;
	size_t fl;
	memset(img, 0, sizeof *img);
	if (!mdhtml_url_is_relative(url))
		return err_set(e, m->path, 0, "image \"%s\" is not a local file (no output makes "
		               "network requests)", url);
	folder = xstrdup(m->folder);
	target = xasprintf("%s/%s", m->folder, url);
	fs_normalise(folder);
	fs_normalise(target);
	fl = strlen(folder);
	/* only the module's own files: a package never takes in what a link
	 * could reach elsewhere on the disk */
	int inside = !strncmp(target, folder, fl) && target[fl] == '/' &&
	             !strchr(target + fl + 1, '/') && fs_is_file(target);
	free(folder);
	if (!inside) {
		free(target);
		return err_set(e, m->path, 0, "image \"%s\" must be a file in the module's folder",
		               url);
	}
	img->name = target + fl + 1;
	img->type = media_image_type(img->name);
	if (!img->type) {
		free(target);
		memset(img, 0, sizeof *img);
		return err_set(e, m->path, 0, "image \"%s\": not a PNG, JPEG, GIF, SVG or WebP file",
		               url);
	}
	img->file = target;
	return 0;
}

void content_image_free(struct content_image *img)
{
	free(img->file);
	memset(img, 0, sizeof *img);
}

int content_resolve(const struct content *c, const struct module *m, const char *url,
                    int is_image, const struct content_refs *refs, void *ctx,
                    struct buf *href, struct err *e)
{
	const struct module *to;
	const char *fragment;
	struct content_image img;
	int rc;
	if (!is_image)
		return content_link_target(c, m, url, &to, &fragment, e) < 0
		       ? -1 : refs->link(ctx, to, fragment, href, e);
	rc = content_image(m, url, &img, e);
	if (rc == 0)
		rc = refs->image(ctx, m, &img, href, e);
	content_image_free(&img);
	return rc;
}

struct module *content_find(const struct content *c, const char *key)
{
	for (size_t i = 0; i < c->nmodules; i++)
		if (!strcmp(c->modules[i].key, key))
			return &c->modules[i];
	return NULL;
}
