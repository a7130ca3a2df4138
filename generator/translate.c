/* translate.c - PO catalogues through libgettextpo; see translate.h. */
#include "translate.h"
#include "buf.h"
#include "fs.h"
#include "pofile.h"
#include "strmap.h"

#include <gettext-po.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *msgstr;
	int fuzzy;
};

struct catalog {
	struct strmap *map;   /* "ctxt\004msgid" or "msgid" -> struct entry */
};

static void entry_free(void *p)
{
	struct entry *en = p;
	if (en) {
		free(en->msgstr);
		free(en);
	}
}

struct catalog *catalog_new(void)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	c->map = strmap_new();
	return c;
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	strmap_free(c->map, entry_free);
	free(c);
}

/* The gettext convention for a key with context: ctxt EOT msgid. */
static char *entry_key(const char *ctxt, const char *msgid, char *small,
                       size_t n)
{
	size_t lc = ctxt ? strlen(ctxt) + 1 : 0, lm = strlen(msgid);
	char *k = lc + lm + 1 <= n ? small : xmalloc(lc + lm + 1);
	if (ctxt) {
		memcpy(k, ctxt, lc - 1);
		k[lc - 1] = '\004';
	}
	memcpy(k + lc, msgid, lm + 1);
	return k;
}

void catalog_add(struct catalog *c, const char *ctxt, const char *msgid,
                 const char *msgstr, int fuzzy)
{
	char small[512];
	char *k = entry_key(ctxt, msgid, small, sizeof small);
	struct entry *en = xmalloc(sizeof *en);
	en->msgstr = xstrdup(msgstr);
	en->fuzzy = fuzzy;
	entry_free(strmap_put(c->map, k, en));
	if (k != small)
		free(k);
}

const char *catalog_get(const struct catalog *c, const char *ctxt,
                        const char *msgid, enum tstate *state)
{
	char small[512];
	char *k = entry_key(ctxt, msgid, small, sizeof small);
	struct entry *en = strmap_get(c->map, k);
	enum tstate st = T_MISSING;
	if (k != small)
		free(k);
	if (en && en->msgstr[0])
		st = en->fuzzy ? T_FUZZY : T_TRANSLATED;
	if (state)
		*state = st;
	return st == T_TRANSLATED ? en->msgstr : NULL;
}

const char *catalog_text(const struct catalog *c, const char *ctxt,
                         const char *msgid, int *fell_back)
{
	const char *t = c ? catalog_get(c, ctxt, msgid, NULL) : NULL;
	if (fell_back)
		*fell_back = t == NULL;
	return t ? t : msgid;
}

int catalog_load(struct catalog **out, const char *path, int missing_ok,
                 struct err *e)
{
	struct catalog *c = NULL;
	po_file_t file = NULL;
	po_message_iterator_t it = NULL;
	po_message_t m;
	int rc = -1;
	*out = NULL;
	if (!fs_is_file(path)) {
		if (!missing_ok)
			return err_set(e, path, 0, "translation file not found");
		*out = catalog_new();
		return 0;
	}
	if (!(file = pofile_read(path, e)))
		goto out;
	c = catalog_new();
	it = po_message_iterator(file, NULL);
	while ((m = po_next_message(it))) {
		const char *id = po_message_msgid(m);
		if (!*id || po_message_is_obsolete(m))
			continue;   /* the header, and entries kept only for history */
		catalog_add(c, po_message_msgctxt(m), id, po_message_msgstr(m),
		            po_message_is_fuzzy(m));
	}
	*out = c;
	c = NULL;
	rc = 0;
out:
	if (it)
		po_message_iterator_free(it);
	if (file)
		po_file_free(file);
	catalog_free(c);
	return rc;
}
