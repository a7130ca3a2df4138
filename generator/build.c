/* build.c - building all outputs atomically; see build.h. */
#include "build.h"
#include "narration.h"
#include "buf.h"
#include "emit_packages.h"
#include "fs.h"
#include "tmpl.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int build_run(const struct project *p, const struct site_options *o,
              struct errlist *errs, struct err *e)
{
	struct tmpl_set *tmpls = NULL;
	char *tdir = fs_join(p->paths.assets, "templates");
	char *work = xasprintf("%s/.build-%ld", p->paths.out, (long)getpid());
	char *site_tmp = fs_join(work, "site");
	char *site_dest = fs_join(p->paths.out, "site");
	char *pkg_tmp = fs_join(work, "packages");
	char *scorm_tmp = fs_join(work, "scorm");
	struct site_options so = *o;
	so.scorm_dir = o->no_packages ? NULL : scorm_tmp;
	char *pkg_dest = fs_join(p->paths.out, "packages");
	struct sign_key key, issuer, next;
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
		if (sign_key_read(&issuer, o->issuer_key, e) < 0)
			goto out;
		memset(issuer.secret, 0, sizeof issuer.secret);
		issuer.has_secret = 0;
		so.issuer = &issuer;
	}
	if (!o->allow_incomplete) {
		/* both checked, so every problem is said at once */
		int translations = site_check_critical(p, errs);
		int narration = narration_check_critical(p, errs);
		if (translations < 0 || narration < 0)
			goto out;
	}
	if (tmpl_set_load(&tmpls, tdir, e) < 0 ||
	    fs_remove_tree(work, e) < 0 || fs_mkdirs(work, e) < 0 ||
	    emit_site(p, tmpls, &so, site_tmp, e) < 0 ||
	    (!o->no_packages && emit_packages(p, site_tmp, scorm_tmp, pkg_tmp, &sg, e) < 0) ||
	    fs_swap_dir(site_tmp, site_dest, e) < 0 ||
	    (!o->no_packages && fs_swap_dir(pkg_tmp, pkg_dest, e) < 0))
		goto out;
	rc = 0;
out:
	memset(&key, 0, sizeof key);   /* the secret goes from memory with the build */
	fs_remove_tree(work, NULL);
	tmpl_set_free(tmpls);
	free(tdir);
	free(work);
	free(site_tmp);
	free(site_dest);
	free(pkg_tmp);
	free(scorm_tmp);
	free(pkg_dest);
	return rc;
}
