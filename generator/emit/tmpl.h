/*
 * tmpl.h - a small Mustache subset for the site's HTML templates.
 *
 * Supported: {{name}} (HTML-escaped), {{{name}}} and {{& name}} (raw),
 * {{#name}}..{{/name}} sections (lists repeat, maps and true values enter
 * once), {{^name}}..{{/name}} inverted sections, {{> partial}},
 * {{! comment}}, {{.}} and dotted names.  A tag alone on its line (a section,
 * a close, a comment, a partial) takes its line with it, as in Mustache.
 *
 * A `struct tmpl_set` holds every *.html template of one folder, parsed and
 * with partials resolved, so a missing partial or an unclosed section is an
 * error at load time ("templates/x.html:12: error: ..."), never half-way
 * through a build.  It owns its templates; free with tmpl_set_free.
 */
#ifndef CRSV_TMPL_H
#define CRSV_TMPL_H

#include "buf.h"
#include "err.h"
#include "tval.h"

struct tmpl;
struct tmpl_set;

/* Load every "*.html" in `dir`; the template name is the file name without
 * ".html". */
int tmpl_set_load(struct tmpl_set **out, const char *dir, struct err *e);
void tmpl_set_free(struct tmpl_set *s);

/* Parse one template from memory into a new set (for tests); partials it
 * names must be added first with tmpl_set_add. */
struct tmpl_set *tmpl_set_new(void);
int tmpl_set_add(struct tmpl_set *s, const char *name, const char *path,
                 const char *text, struct err *e);
/* Resolve partial references; call once after the last tmpl_set_add. */
int tmpl_set_link(struct tmpl_set *s, struct err *e);

/* The template called `name`, or NULL. */
const struct tmpl *tmpl_get(const struct tmpl_set *s, const char *name);

/* Render `t` with `ctx` (the bottom of the context stack), appending to
 * `out`. */
void tmpl_render(const struct tmpl *t, const struct tval *ctx, struct buf *out);

#endif
