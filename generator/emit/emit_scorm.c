/* emit_scorm.c - SCORM 1.2 packages; see emit_scorm.h. */
#include "emit_scorm.h"
#include "buf.h"
#include "emit_site.h"
#include "fs.h"
#include "lint.h"
#include "quiz.h"
#include "zipout.h"

#include <stdlib.h>
#include <string.h>

static void put(struct buf *b, const char *s)
{
	buf_put_html(b, s, strlen(s));
}

/* The manifest: what the platform shows and launches. */
static void manifest(const struct project *p, const struct track *t, size_t lang,
                     struct buf *b)
{
	const char *code = p->site.langs[lang].code;
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<manifest identifier=\"crsv-kit-%s-%s\" version=\"1.0\"\n"
	           "  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
	           "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"\n"
	           "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	           "  xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
	           "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
	           "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\">\n"
	           "<metadata>\n<schema>ADL SCORM</schema>\n<schemaversion>1.2</schemaversion>\n"
	           "</metadata>\n<organizations default=\"org-%s\">\n<organization identifier=\"org-%s\">\n<title>",
	           t->id, code, t->id, t->id);
	put(b, project_text(p, lang, NULL, t->title.src, NULL));
	buf_puts(b, "</title>\n");
	/* where to get help comes first in every course */
	buf_puts(b, "<item identifier=\"item-help\" identifierref=\"help\" isvisible=\"true\">\n<title>");
	put(b, project_ui_text(p, lang, "get_help"));
	buf_puts(b, "</title>\n</item>\n");
	for (size_t i = 0; i < t->nmodules; i++) {
		const struct module *m = t->modules[i];
		buf_printf(b, "<item identifier=\"item-%s\" identifierref=\"sco-%s\" isvisible=\"true\">\n<title>",
		           m->id, m->id);
		put(b, project_text(p, lang, NULL, m->title.src, NULL));
		buf_puts(b, "</title>\n");
		/* a community quiz has no pass mark: the platform marks it
		 * completed, never failed */
		if (m->quiz && module_quiz_scored(m))
			buf_printf(b, "<adlcp:masteryscore>%d</adlcp:masteryscore>\n", m->quiz->pass_percent);
		buf_puts(b, "</item>\n");
	}
	buf_puts(b, "</organization>\n</organizations>\n<resources>\n");
	for (size_t i = 0; i < t->nmodules; i++) {
		const struct module *m = t->modules[i];
		buf_printf(b, "<resource identifier=\"sco-%s\" type=\"webcontent\" adlcp:scormtype=\"sco\" "
		           "href=\"%s/%s.html\">\n<file href=\"%s/%s.html\"/>\n"
		           "<dependency identifierref=\"shared\"/>\n</resource>\n",
		           m->id, t->id, m->id, t->id, m->id);
	}
	buf_puts(b, "<resource identifier=\"help\" type=\"webcontent\" adlcp:scormtype=\"asset\" "
	            "href=\"help.html\">\n<file href=\"help.html\"/>\n"
	            "<dependency identifierref=\"shared\"/>\n</resource>\n");
	buf_puts(b, "<resource identifier=\"shared\" type=\"webcontent\" adlcp:scormtype=\"asset\">\n");
}

/* Each file of the shared resource is listed in the manifest. */
static void list_file(void *ctx, const char *name)
{
	struct buf *man = ctx;
	buf_puts(man, "<file href=\"");
	put(man, name);
	buf_puts(man, "\"/>\n");
}

static int add_file(struct zipout *z, const char *path, const char *name,
                    struct err *e)
{
	char *data;
	size_t len;
	if (fs_read(path, &data, &len, e) < 0)
		return -1;
	int rc = zipout_add(z, name, data, len, 0, e);
	free(data);
	return rc;
}

/* A page of the site, rendered for the package (emit_site.h), as `rel`. */
static int add_page(struct zipout *z, const struct emit_job *j, const char *tmpl,
                    const char *rel, const char *root, const struct module *m,
                    struct err *e)
{
	struct site_page pg = { tmpl, j->lang, rel, root, m };
	struct buf page = {0};
	int rc = site_page_render(j->pages, &pg, &page, e);
	if (rc == 0)
		rc = zipout_add(z, rel, page.data ? page.data : "", page.len, 0, e);
	buf_free(&page);
	return rc;
}

int emit_scorm(const struct emit_job *j, struct err *e)
{
	static const char *const schemas[] = { "adlcp_rootv1p2.xsd", "ims_xml.xsd",
	                                       "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd" };
	const struct project *p = j->p;
	const struct track *t = j->track;
	struct zipout *z = NULL;
	struct buf man = {0};
	char *dir = NULL, *media = NULL;
	int rc = -1, r;
	if (zipout_open(&z, j->path, j->when, e) < 0)
		goto out;
	manifest(p, t, j->lang, &man);
	if (add_page(z, j, "scorm-help", "help.html", "", NULL, e) < 0)
		goto out;
	for (size_t i = 0; i < t->nmodules; i++) {
		char *rel = xconcat(t->id, "/", t->modules[i]->id, ".html", NULL);
		r = add_page(z, j, "scorm", rel, "../", t->modules[i], e);
		free(rel);
		if (r < 0)
			goto out;
	}
	dir = fs_join(j->site_dir, "assets");
	if (zipout_add_tree(z, dir, "assets/", list_file, &man, e) < 0)
		goto out;
	free(dir);
	/* the images, where the site has them and the pages point */
	media = site_media_dir(t);
	dir = fs_join(j->site_dir, media);
	char *prefix = xconcat(media, "/", NULL);
	r = fs_is_dir(dir) ? zipout_add_tree(z, dir, prefix, list_file, &man, e) : 0;
	free(prefix);
	if (r < 0)
		goto out;
	buf_puts(&man, "</resource>\n</resources>\n</manifest>\n");
	for (size_t i = 0; i < sizeof schemas / sizeof *schemas; i++) {
		char *src = xconcat(p->paths.assets, "/schema/scorm12/", schemas[i], NULL);
		r = add_file(z, src, schemas[i], e);
		free(src);
		if (r < 0)
			goto out;
	}
	if (zipout_add(z, "imsmanifest.xml", man.data, man.len, 0, e) < 0)
		goto out;
	rc = zipout_close(z, e);
	z = NULL;
out:
	zipout_abort(z);
	buf_free(&man);
	free(dir);
	free(media);
	return rc;
}
