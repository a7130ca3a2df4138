/* project.c - loading a whole project; see project.h. */
#include "project.h"
#include "buf.h"
#include "fs.h"
#include "quiz.h"

#include <stdlib.h>
#include <string.h>

/* Every module's quiz.xml, validated against assets/schema/quiz.rng; all
 * problems of all quizzes are collected before giving up. */
static int load_quizzes(struct project *p, struct err *e)
{
	struct quiz_schema *schema = NULL;
	char *schema_path = NULL;
	int rc = 0;
	for (size_t i = 0; i < p->content.nmodules; i++) {
		struct module *m = &p->content.modules[i];
		char *path = fs_join(m->folder, "quiz.xml");
		if (fs_is_file(path)) {
			if (!schema) {
				schema_path = fs_join(p->paths.assets, "schema/quiz.rng");
				if (quiz_schema_load(&schema, schema_path, e) < 0) {
					free(path);
					rc = -1;
					break;
				}
			}
			if (quiz_load(&m->quiz, path, m->id, schema, &p->problems) < 0)
				rc = -1;
		}
		free(path);
	}
	if (rc < 0 && p->problems.n && e)
		*e = p->problems.v[0];
	quiz_schema_free(schema);
	free(schema_path);
	return rc;
}

char *project_cache_dir(const struct paths *paths)
{
	/* "" asks for no cache (a report writes nothing beside the content) */
	return !paths->cache ? fs_join(paths->out, ".cache")
	       : *paths->cache ? xstrdup(paths->cache) : NULL;
}

int project_load(struct project *p, const struct paths *paths, int catalogs,
                 struct err *e)
{
	char *site_path = fs_join(paths->content, "site.yaml");
	char *ui_path = fs_join(paths->assets, "ui.yaml");
	int rc = -1;
	memset(p, 0, sizeof *p);
	p->paths = *paths;
	if (!fs_is_dir(paths->content)) {
		err_set(e, paths->content, 0, "content folder not found");
		goto out;
	}
	if (site_load(&p->site, site_path, e) < 0 ||
	    content_load(&p->content, &p->site, paths->content, &p->problems, e) < 0 ||
	    load_quizzes(p, e) < 0 ||
	    ui_load(&p->ui, ui_path, e) < 0)
		goto out;
	if (catalogs) {
		char *cache = project_cache_dir(paths);
		p->cats = xcalloc(p->site.nlangs, sizeof *p->cats);
		p->po_paths = xcalloc(p->site.nlangs, sizeof *p->po_paths);
		for (size_t i = 0; i < p->site.nlangs; i++) {
			const char *code = p->site.langs[i].code;
			if (project_is_source(p, code))
				continue;
			char *po = p->po_paths[i] = project_po_path(p, code);
			int r = catalog_load(&p->cats[i], po, 1, cache, e);
			if (r < 0) {
				free(cache);
				goto out;
			}
		}
		free(cache);
	}
	rc = 0;
out:
	free(site_path);
	free(ui_path);
	return rc;
}

void project_free(struct project *p)
{
	if (!p)
		return;
	if (p->cats)
		for (size_t i = 0; i < p->site.nlangs; i++) {
			catalog_free(p->cats[i]);
			free(p->po_paths[i]);
		}
	free(p->cats);
	free(p->po_paths);
	content_free(&p->content);
	errlist_free(&p->problems);
	ui_free(&p->ui);
	site_free(&p->site);
	memset(p, 0, sizeof *p);
}

char *project_po_path(const struct project *p, const char *code)
{
	char *name = xasprintf("%s.po", code);
	char *path = fs_join(p->paths.locales, name);
	free(name);
	return path;
}

int project_is_source(const struct project *p, const char *code)
{
	return !strcmp(p->site.source_lang, code);
}

const struct catalog *project_catalog(const struct project *p, size_t lang)
{
	return p->cats ? p->cats[lang] : NULL;
}

const char *project_text(const struct project *p, size_t lang, const char *ctxt,
                         const char *src, int *fell_back)
{
	int fb = 0;
	const char *t = src ? src : "";
	if (src && !project_is_source(p, p->site.langs[lang].code)) {
		const struct catalog *c = project_catalog(p, lang);
		/* no catalogue loaded: nothing of it is translated */
		t = c ? catalog_text(c, ctxt, src, &fb) : src;
		fb = c ? fb : 1;
	}
	if (fell_back)
		*fell_back = fb;
	return t;
}

const char *project_ui_text(const struct project *p, size_t lang, const char *key)
{
	const struct ui_string *s = ui_find(&p->ui, key);
	return s ? project_text(p, lang, UI_CTXT, s->text, NULL) : key;
}
