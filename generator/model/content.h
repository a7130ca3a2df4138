/*
 * content.h - the content tree: modules under content/<track>/<NN-id>/.
 *
 * content_load walks the tree in sorted order, reads each module's front
 * matter and keeps its CommonMark body as text (parsed later, one module at a
 * time, so memory stays flat however large the site).  A `struct content`
 * owns its modules; tracks in the `struct site` point at them.
 */
#ifndef CRSV_CONTENT_H
#define CRSV_CONTENT_H

#include <stddef.h>
#include "config.h"
#include "err.h"

struct module {
	struct track *track;   /* borrowed from the site */
	char *dir;             /* folder name, e.g. "01-what-is-crsv" */
	char *id;              /* "what-is-crsv" */
	char *key;             /* "policy/01-what-is-crsv" */
	char *path;            /* ".../index.md", for messages and references */
	char *folder;          /* the module's folder path */
	struct text title;
	struct text summary;
	int minutes;
	char *audience;
	int critical;
	char *body;            /* CommonMark after the front matter */
	size_t body_len;
	int body_line;         /* file line where `body` starts */
	size_t index;          /* position in content order */
	struct quiz *quiz;     /* owned; NULL when the module has no quiz.xml */
};

struct quiz;

struct strmap;

struct content {
	struct module *modules;   /* track order, then folder order */
	size_t nmodules;
	struct strmap *by_path;   /* normalised index.md path -> module */
};

/* Read every module under `dir` for the tracks of `site`, and fill each
 * track's module list.  A folder that is not a track, a module folder without
 * index.md, bad front matter or invalid UTF-8 is an error; the problems of
 * every module are appended to `problems` (the first also in `e`), so one
 * run reports them all. */
int content_load(struct content *c, struct site *site, const char *dir,
                 struct errlist *problems, struct err *e);
void content_free(struct content *c);

/* Where a relative link in module `m`'s text points: `url` (as written,
 * e.g. "../02-x/index.md#part") must name another module's index.md (or
 * its folder).  Sets *to and *fragment ("#part" or "", borrowed from url). */
int content_link_target(const struct content *c, const struct module *m,
                        const char *url, const struct module **to,
                        const char **fragment, struct err *e);

struct buf;

/* An image a module shows: the file its URL names, and what it is. */
struct content_image {
	char *file;         /* its path (heap) */
	const char *name;   /* its name in the module's folder (inside `file`) */
	const char *type;   /* its media type (media_image_type; static) */
};

/* The image `url` (as written in module `m`'s text), by the one rule of
 * every output: a local file in the module's own folder, of a media type
 * every output shows.  On failure the error has line 0 (the caller knows
 * the line) and `img` is empty.  content_image_free releases it. */
int content_image(const struct module *m, const char *url, struct content_image *img,
                  struct err *e);
void content_image_free(struct content_image *img);

/* What an output makes of the relative URLs of a module's text: each
 * writes the href into `href` (left empty: the link keeps its text only). */
struct content_refs {
	int (*image)(void *ctx, const struct module *m, const struct content_image *img,
	             struct buf *href, struct err *e);
	int (*link)(void *ctx, const struct module *to, const char *fragment,
	            struct buf *href, struct err *e);
};

/* Resolve relative URL `url` of module `m` (an image's source when
 * `is_image`) by content_image or content_link_target, then hand it to
 * `refs` with `ctx`: the rules are the model's, the hrefs the output's.
 * Fits md_env.resolve once bound to a module. */
int content_resolve(const struct content *c, const struct module *m, const char *url,
                    int is_image, const struct content_refs *refs, void *ctx,
                    struct buf *href, struct err *e);

/* The module with key "<track>/<NN-id>", or NULL. */
struct module *content_find(const struct content *c, const char *key);

/* Split `text` into front matter and body and read the front matter into
 * `m` (exposed for tests). */
int module_parse(struct module *m, const char *path, char *text, size_t len,
                 struct err *e);

#endif
