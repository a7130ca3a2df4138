/*
 * emit_site.h - the static website: one folder per language.
 *
 * Writes into `dir` (a fresh folder the caller swaps into place):
 *   index.html                   language picker
 *   assets/                      stylesheets (and scripts) from assets/css
 *   media/<track>/<module>/...   images the modules use, once for all languages
 *   <lang>/index.html            home: tracks and their modules
 *   <lang>/<track>/index.html    a track
 *   <lang>/<track>/<id>.html     a module
 *   <lang>/help.html             get help: helplines and the help module
 *   <lang>/status.html           translation status
 *   sitemap.xml
 * Every link is relative, so the tree works from file://, a USB stick or any
 * web server.
 *
 * A `struct site_pages` holds what every page of a language shows (the
 * chrome strings, the module and track lists, the translation counts) and
 * the images copied so far.  emit_site writes the site with it; packages
 * that show the site's pages (SCORM) then render theirs from the same
 * values with site_page_render, so a package never reads back what the
 * site wrote.  Once emit_site has returned, site_page_render may be called
 * from several threads at once.
 */
#ifndef CRSV_EMIT_SITE_H
#define CRSV_EMIT_SITE_H

#include "buf.h"
#include "err.h"
#include "project.h"
#include "sign.h"
#include "tmpl.h"

struct site_pages;

/* The pages of the site of `p` (loaded with its catalogues), rendered with
 * the templates `t`, to be written into `dir`; `issuer` (NULL: none) is the
 * certificate issuer's public key verify.html checks against.  Borrows
 * all four until site_pages_free. */
struct site_pages *site_pages_new(const struct project *p, const struct tmpl_set *t,
                                  const char *dir, const struct sign_key *issuer);
void site_pages_free(struct site_pages *s);

/* Write the whole site into its folder (a fresh one the caller swaps into
 * place).  Once per `s`. */
int emit_site(struct site_pages *s, struct err *e);

/* The folder of track `t`'s images, "media/<track>", relative to the
 * site's root and to the root of a package that holds them (heap
 * string).  Under it each image is at <module dir>/<file name>. */
char *site_media_dir(const struct track *t);

/* A page of the site for a package that holds one language and no other
 * page to link to: links keep their text only, images are at
 * <root><site_media_dir>/... as the site placed them. */
struct site_page {
	const char *tmpl;              /* the template ("scorm": assets/templates/
	                                  scorm.html) */
	size_t lang;                   /* index into p->site.langs */
	const char *rel;               /* where the page sits in the package
	                                  ("<track>/<id>.html"); its language
	                                  alternates name the same place */
	const char *root;              /* from the page to the package's root,
	                                  where assets/ and media/ are ("../") */
	const struct module *module;   /* the module shown, with its quiz;
	                                  NULL: the help page (what to do in
	                                  danger, helplines, the help module) */
};

/* Render `pg` onto `out` after emit_site(s) has written the site (whose
 * images it points at). */
int site_page_render(struct site_pages *s, const struct site_page *pg, struct buf *out,
                     struct err *e);

#endif
