/* emit_sitezip.c - site.zip; see emit_sitezip.h. */
#include "emit_sitezip.h"
#include "zipout.h"

int emit_site_zip(const struct emit_job *j, struct err *e)
{
	struct zipout *z;
	if (zipout_open(&z, j->path, j->when, e) < 0)
		return -1;
	if (zipout_add_tree(z, j->site_dir, "crsv-site/", NULL, NULL, e) < 0) {
		zipout_abort(z);
		return -1;
	}
	return zipout_close(z, e);
}
