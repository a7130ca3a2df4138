/* update.c - installing a new kiosk bundle; see update.h. */
#include "update.h"
#include "buf.h"
#include "bundle.h"
#include "fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Check the bundle at `path` as the kiosk would start it. */
static int check(const char *path, const struct update_trust *t, struct seal *s, struct err *e)
{
	sqlite3 *db = NULL;
	int rc = -1;
	if (bundle_open(&db, path, e) < 0)
		return -1;
	if (seal_check(db, path, t->keys, t->nkeys, s, e) == 0) {
		if (t->nkeys && s->release < t->min_release)
			err_set(e, path, 0, "this bundle (release %lld) is older than the one shown "
			        "(release %lld): not installed", (long long)s->release,
			        (long long)t->min_release);
		else
			rc = 0;
	}
	sqlite3_close(db);
	return rc;
}

static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;
	if (fd >= 0)
		close(fd);
	return rc;
}

int update_install(const char *from_dir, const char *bundle, const struct update_trust *t,
                   struct seal *seal, struct err *e)
{
	char *from = fs_join(from_dir, "kiosk.bundle");
	char *fresh = xconcat(bundle, ".new", NULL), *old = xconcat(bundle, ".old", NULL);
	struct seal s;
	int rc = -1;
	if (!fs_is_file(from)) {
		err_set(e, from, 0, "no kiosk.bundle here: copy one onto the stick");
		goto out;
	}
	/* checked twice: where it is, and as copied (a stick can fail mid-read) */
	if (check(from, t, &s, e) < 0 || fs_copy_file(from, fresh, e) < 0 ||
	    sync_path(fresh) < 0 || check(fresh, t, &s, e) < 0)
		goto out;
	/* the bundle in use is kept until the new one has started once; when
	 * an .old is there already, it is the last that started: keep it */
	if (!fs_is_file(old) && link(bundle, old) < 0 && errno != ENOENT) {
		err_set(e, old, 0, "cannot keep the bundle in use: %s", strerror(errno));
		goto out;
	}
	if (rename(fresh, bundle) < 0) {
		err_set(e, bundle, 0, "cannot install: %s", strerror(errno));
		goto out;
	}
	if (seal)
		*seal = s;
	rc = 0;
out:
	if (rc < 0)
		unlink(fresh);
	free(from);
	free(fresh);
	free(old);
	return rc;
}

void update_started(const char *bundle)
{
	char *old = xconcat(bundle, ".old", NULL);
	unlink(old);
	free(old);
}

int update_fall_back(const char *bundle)
{
	char *old = xconcat(bundle, ".old", NULL);
	int back = fs_is_file(old) && rename(old, bundle) == 0;
	free(old);
	return back;
}
