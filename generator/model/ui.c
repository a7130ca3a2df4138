/* ui.c - chrome strings; see ui.h. */
#include "ui.h"
#include "buf.h"
#include "fs.h"
#include "strmap.h"
#include "utf8.h"
#include "ydoc.h"

#include <stdlib.h>
#include <string.h>

static int key_valid(const char *k)
{
	if (!*k)
		return 0;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_'))
			return 0;
	return 1;
}

int ui_load(struct ui *u, const char *path, struct err *e)
{
	struct ydoc y = {0};
	int rc = -1;
	memset(u, 0, sizeof *u);
	u->path = xstrdup(path);
	u->index = strmap_new();
	if (ydoc_load_file(&y, path, e) < 0)
		goto out;
	yaml_node_t *root = ydoc_root(&y);
	if (ydoc_expect(&y, root, YAML_MAPPING_NODE, "ui.yaml", e) < 0)
		goto out;
	size_t n = (size_t)(root->data.mapping.pairs.top - root->data.mapping.pairs.start);
	u->items = xcalloc(n, sizeof *u->items);
	for (size_t i = 0; i < n; i++) {
		yaml_node_pair_t *p = &root->data.mapping.pairs.start[i];
		yaml_node_t *k = yaml_document_get_node(&y.doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&y.doc, p->value);
		if (k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE) {
			err_set(e, path, ydoc_line(&y, k), "each entry must be key: \"text\"");
			goto out;
		}
		struct ui_string *s = &u->items[u->n++];
		s->key = xstrndup((char *)k->data.scalar.value, k->data.scalar.length);
		s->text = xstrndup((char *)v->data.scalar.value, v->data.scalar.length);
		s->line = ydoc_line(&y, v);
		if (!key_valid(s->key) || !*s->text) {
			err_set(e, path, s->line, "bad entry \"%s\": keys use a-z 0-9 _, texts are not empty",
			        s->key);
			goto out;
		}
		/* a second entry of a key would silently win in one lookup and
		 * lose in another */
		const struct ui_string *first = ui_find(u, s->key);
		if (first) {
			err_set(e, path, s->line, "key \"%s\" given twice (first on line %d)",
			        s->key, first->line);
			goto out;
		}
		strmap_put(u->index, s->key, (void *)u->n);
	}
	rc = 0;
out:
	ydoc_free(&y);
	return rc;
}

void ui_free(struct ui *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->n; i++) {
		free(u->items[i].key);
		free(u->items[i].text);
	}
	free(u->items);
	free(u->path);
	strmap_free(u->index, NULL);
	memset(u, 0, sizeof *u);
}

const struct ui_string *ui_find(const struct ui *u, const char *key)
{
	size_t at = u->index ? (size_t)strmap_get(u->index, key) : 0;
	return at ? &u->items[at - 1] : NULL;
}

/* Replace each {name} of a translated pattern by its value. */
char *ui_fill(const char *pattern, const char *const *names, const char *const *values,
                  size_t n)
{
	struct buf b = {0};
	for (const char *p = pattern; *p;) {
		size_t k = 0;
		while (k < n && strncmp(p, names[k], strlen(names[k])))
			k++;
		if (k < n) {
			buf_puts(&b, values[k]);
			p += strlen(names[k]);
		} else {
			buf_putc(&b, *p++);
		}
	}
	buf_putc(&b, '\0');
	return buf_take(&b);
}
