/* zipout.c - reproducible zip writing with libzip; see zipout.h. */
#include "zipout.h"
#include "buf.h"
#include "fs.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

struct zipout {
	zip_t *za;
	char *path;
	char *tmp;
	time_t mtime;
};

static int zip_problem(struct zipout *z, const char *what, struct err *e)
{
	return err_set(e, z->path, 0, "%s: %s", what, zip_strerror(z->za));
}

int zipout_open(struct zipout **out, const char *path, time_t mtime,
                struct err *e)
{
	struct zipout *z = xcalloc(1, sizeof *z);
	int code = 0;
	z->path = xstrdup(path);
	z->tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	z->mtime = mtime;
	unlink(z->tmp);
	z->za = zip_open(z->tmp, ZIP_CREATE | ZIP_EXCL, &code);
	if (!z->za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, code);
		err_set(e, path, 0, "cannot create: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(z->path);
		free(z->tmp);
		free(z);
		*out = NULL;
		return -1;
	}
	*out = z;
	return 0;
}

int zipout_add(struct zipout *z, const char *name, const void *data,
               size_t len, int store, struct err *e)
{
	void *copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	zip_source_t *src = zip_source_buffer(z->za, copy, len, 1);
	if (!src) {
		free(copy);
		return zip_problem(z, name, e);
	}
	zip_int64_t i = zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(src);
		return zip_problem(z, name, e);
	}
	if (zip_set_file_compression(z->za, (zip_uint64_t)i,
	                             store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) < 0 ||
	    zip_file_set_mtime(z->za, (zip_uint64_t)i, z->mtime, 0) < 0 ||
	    /* plain files, rw-r--r--, whatever the umask of the build */
	    zip_file_set_external_attributes(z->za, (zip_uint64_t)i, 0, ZIP_OPSYS_UNIX,
	                                     (zip_uint32_t)(0100644) << 16) < 0)
		return zip_problem(z, name, e);
	return 0;
}

struct tree_walk {
	struct zipout *z;
	const char *prefix;
	void (*added)(void *ctx, const char *name);
	void *ctx;
	struct err *e;
};

static int add_entry(void *ctx, const char *path, const char *base, int is_dir)
{
	struct tree_walk *w = ctx;
	char *name = xconcat(w->prefix, base, is_dir ? "/" : "", NULL);
	char *data;
	size_t len;
	int rc;
	if (is_dir) {
		rc = zipout_add_tree(w->z, path, name, w->added, w->ctx, w->e);
	} else if ((rc = fs_read(path, &data, &len, w->e)) == 0) {
		rc = zipout_add(w->z, name, data, len, 0, w->e);
		free(data);
		if (rc == 0 && w->added)
			w->added(w->ctx, name);
	}
	free(name);
	return rc;
}

int zipout_add_tree(struct zipout *z, const char *dir, const char *prefix,
                    void (*added)(void *ctx, const char *name), void *ctx,
                    struct err *e)
{
	struct tree_walk w = { z, prefix, added, ctx, e };
	return fs_each(dir, add_entry, &w, e);
}

int zipout_close(struct zipout *z, struct err *e)
{
	int rc = 0;
	if (zip_close(z->za) < 0) {
		rc = zip_problem(z, "cannot write", e);
		zip_discard(z->za);
		unlink(z->tmp);
	} else if (rename(z->tmp, z->path) < 0) {
		rc = err_set(e, z->path, 0, "cannot move into place");
		unlink(z->tmp);
	}
	free(z->path);
	free(z->tmp);
	free(z);
	return rc;
}

void zipout_abort(struct zipout *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	unlink(z->tmp);
	free(z->path);
	free(z->tmp);
	free(z);
}

static void newest(const char *dir, time_t *t)
{
	char **names;
	size_t n;
	struct stat st;
	if (fs_list(dir, &names, &n, NULL) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *path = fs_join(dir, names[i]);
		if (stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				newest(path, t);
			else if (st.st_mtime > *t)
				*t = st.st_mtime;
		}
		free(path);
	}
	fs_list_free(names, n);
}

time_t build_time(const char *const *dirs)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = 0;
	if (sde && *sde)
		return (time_t)strtoll(sde, NULL, 10);
	for (; *dirs; dirs++)
		newest(*dirs, &t);
	/* zip cannot store times before 1980 */
	return t < 315532800 ? 315532800 : t;
}
