/* build.c - building all outputs atomically; see build.h. */
#include "build.h"
#include "narration.h"
#include "buf.h"
#include "emit_packages.h"
#include "emit_site.h"
#include "fs.h"
#include "pofile.h"
#include "tmpl.h"
#include "units.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- critical modules ------------------------------------------------- */

struct critical_check {
	const struct catalog *cat;
	const struct lang *lang;
	const char *po_path;
	struct errlist *errs;
};

static int check_unit(void *ctx, const struct unit *u)
{
	struct critical_check *k = ctx;
	enum tstate st;
	struct err e;
	catalog_get(k->cat, u->ctxt, u->msgid, &st);
	if (st == T_TRANSLATED)
		return 0;
	err_set(&e, u->file, u->line,
	        "critical module \"%s\" is %s in %s (%s): \"%.60s%s\"",
	        u->module->key, st == T_FUZZY ? "fuzzy" : "not translated",
	        k->lang->code, k->lang->name, u->msgid, strlen(u->msgid) > 60 ? "..." : "");
	/* the fix is in the PO file: point there when the entry is in it */
	pofile_blame(&e, k->po_path, k->lang->code, u->ctxt, u->msgid);
	errlist_add(k->errs, &e);
	return 0;
}

/* Every unit of a critical module translated in every language: a
 * helpline or a referral step must never fall back to a language the
 * reader may not read.  Each unit that is not is added to `errs`; -1 when
 * there was any. */
static int check_critical_translated(const struct project *p, struct errlist *errs)
{
	size_t before = errs->n;
	for (size_t l = 0; l < p->site.nlangs; l++) {
		if (!p->cats || !p->cats[l])
			continue;
		struct critical_check k = { p->cats[l], &p->site.langs[l], p->po_paths[l], errs };
		for (size_t i = 0; i < p->content.nmodules; i++)
			if (p->content.modules[i].critical)
				units_walk_module(&p->content.modules[i], check_unit, &k);
	}
	return errs->n > before ? -1 : 0;
}

/* ---- the build -------------------------------------------------------- */

int build_run(const struct project *p, const struct build_options *o,
              struct errlist *errs, struct err *e)
{
	struct tmpl_set *tmpls = NULL;
	struct site_pages *pages = NULL;
	char *tdir = fs_join(p->paths.assets, "templates");
	char *work = xasprintf("%s/.build-%ld", p->paths.out, (long)getpid());
	char *site_tmp = fs_join(work, "site");
	char *site_dest = fs_join(p->paths.out, "site");
	char *pkg_tmp = fs_join(work, "packages");
	char *pkg_dest = fs_join(p->paths.out, "packages");
	struct sign_key key, issuer_key, next;
	const struct sign_key *issuer = NULL;
	struct signing sg = { NULL, o->valid_days, NULL };
	int rc = -1;

	/* the key first: a wrong one stops the build before anything is made */
	if (o->sign_key) {
		if (sign_key_read(&key, o->sign_key, e) < 0)
			goto out;
		if (!key.has_secret) {
			err_set(e, o->sign_key, 0, "a public key cannot sign: give the secret key "
			        "(the .key file crsv-gen keygen wrote)");
			goto out;
		}
		sg.key = &key;
	}
	if (o->next_key) {   /* only its public half goes into the seal */
		if (!o->sign_key) {
			err_set(e, o->next_key, 0, "--next-key hands over from the signing key: give "
			        "--sign too");
			goto out;
		}
		if (sign_key_read(&next, o->next_key, e) < 0)
			goto out;
		memset(next.secret, 0, sizeof next.secret);
		next.has_secret = 0;
		sg.next = &next;
	}
	if (o->issuer_key) {   /* for verify.html: only its public half is used */
		if (sign_key_read(&issuer_key, o->issuer_key, e) < 0)
			goto out;
		memset(issuer_key.secret, 0, sizeof issuer_key.secret);
		issuer_key.has_secret = 0;
		issuer = &issuer_key;
	}
	if (!o->allow_incomplete) {
		/* both checked, so every problem is said at once */
		int translations = check_critical_translated(p, errs);
		int narration = narration_check_critical(p, errs);
		if (translations < 0 || narration < 0)
			goto out;
	}
	if (tmpl_set_load(&tmpls, tdir, e) < 0 ||
	    fs_remove_tree(work, e) < 0 || fs_mkdirs(work, e) < 0)
		goto out;
	/* the packages take the site's pages from the same values (SCORM) */
	pages = site_pages_new(p, tmpls, site_tmp, issuer);
	if (emit_site(pages, e) < 0 ||
	    (!o->no_packages && emit_packages(p, pages, site_tmp, pkg_tmp, &sg, e) < 0) ||
	    fs_swap_dir(site_tmp, site_dest, e) < 0 ||
	    (!o->no_packages && fs_swap_dir(pkg_tmp, pkg_dest, e) < 0))
		goto out;
	rc = 0;
out:
	memset(&key, 0, sizeof key);   /* the secret goes from memory with the build */
	fs_remove_tree(work, NULL);
	site_pages_free(pages);
	tmpl_set_free(tmpls);
	free(tdir);
	free(work);
	free(site_tmp);
	free(site_dest);
	free(pkg_tmp);
	free(pkg_dest);
	return rc;
}
