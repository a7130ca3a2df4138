/* uptodate.c - knowing that a build would change nothing; see uptodate.h. */
#define _GNU_SOURCE   /* fdopendir, openat: walking by folder handle */
#include "uptodate.h"
#include "buf.h"
#include "emit_bundle.h"
#include "fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define STAMP_FILE ".crsv-build"
#define STAMP_HEAD "crsv-build 1\n"

static void hash_stat(XXH3_state_t *h, const char *name, const struct stat *st)
{
	uint64_t v[6] = { (uint64_t)st->st_size, (uint64_t)st->st_mtim.tv_sec,
	                  (uint64_t)st->st_mtim.tv_nsec, (uint64_t)st->st_ino,
	                  (uint64_t)st->st_mode, (uint64_t)st->st_dev };
	XXH3_64bits_update(h, name, strlen(name) + 1);
	XXH3_64bits_update(h, v, sizeof v);
}

/* Every file under the folder `dfd` (which this closes); with `skip_dot`,
 * names starting with a dot are left out (the build's own state in out/).
 * The order is the folder's own: it changes only when the folder does. */
static void hash_tree(XXH3_state_t *h, int dfd, int skip_dot)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	struct stat st;
	if (!d) {
		close(dfd);
		XXH3_64bits_update(h, "?", 1);
		return;
	}
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (!strcmp(n, ".") || !strcmp(n, "..") || (skip_dot && n[0] == '.'))
			continue;
		if (fstatat(dirfd(d), n, &st, 0) < 0) {
			XXH3_64bits_update(h, n, strlen(n) + 1);   /* a dangling link */
			continue;
		}
		hash_stat(h, n, &st);
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(d), n, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (sub >= 0)
				hash_tree(h, sub, skip_dot);
			XXH3_64bits_update(h, "/", 1);   /* where the folder ends */
		}
	}
	closedir(d);
}

/* A path's own stat (a folder's too, not its files), or its absence. */
static void hash_path(XXH3_state_t *h, const char *path)
{
	struct stat st;
	if (path && stat(path, &st) == 0)
		hash_stat(h, path, &st);
	else
		XXH3_64bits_update(h, "-", 1);
}

/* The files under `path`; an input folder's own stat too (out/'s changes
 * when its stamp is written). */
static void hash_folder(XXH3_state_t *h, const char *path, int skip_dot)
{
	int fd = path ? open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (!skip_dot)
		hash_path(h, path);
	else if (fd < 0)
		XXH3_64bits_update(h, "-", 1);
	if (fd >= 0)
		hash_tree(h, fd, skip_dot);
}

/* The programs a build runs when they are there (emit_zim.c runs
 * zimwriterfs): installing one changes the outputs. */
static void hash_tools(XXH3_state_t *h)
{
	static const char *const tools[] = { "zimwriterfs" };
	const char *path = getenv("PATH");
	for (size_t t = 0; t < sizeof tools / sizeof *tools; t++) {
		for (const char *d = path; d && *d; d = strchr(d, ':') ? strchr(d, ':') + 1 : NULL) {
			size_t n = strchr(d, ':') ? (size_t)(strchr(d, ':') - d) : strlen(d);
			char *file = xasprintf("%.*s/%s", (int)n, d, tools[t]);
			if (access(file, X_OK) == 0)
				hash_path(h, file);
			free(file);
		}
	}
}

static void hash_str(XXH3_state_t *h, const char *s)
{
	XXH3_64bits_update(h, s ? s : "\x01", s ? strlen(s) + 1 : 1);
}

uint64_t uptodate_binary_id(void)
{
	XXH3_state_t *h = XXH3_createState();
	XXH3_64bits_reset(h);
	hash_path(h, "/proc/self/exe");
	uint64_t v = XXH3_64bits_digest(h);
	XXH3_freeState(h);
	return v;
}

uint64_t uptodate_inputs(const struct paths *paths, int argc, char **argv)
{
	XXH3_state_t *h = XXH3_createState();
	char cwd[4096];
	XXH3_64bits_reset(h);
	for (int i = 0; i < argc; i++) {
		hash_str(h, argv[i]);
		if (fs_is_file(argv[i]))
			hash_path(h, argv[i]);   /* a key, a certificate list */
	}
	hash_str(h, getcwd(cwd, sizeof cwd));
	uint64_t binary = uptodate_binary_id();
	XXH3_64bits_update(h, &binary, sizeof binary);
	hash_str(h, getenv("SOURCE_DATE_EPOCH"));
	hash_str(h, getenv("CRSV_FONTS"));
	hash_tools(h);
	const char *fonts = getenv("CRSV_FONTS");
	hash_path(h, fonts && *fonts ? fonts : BUNDLE_FONT_DIR);
	hash_folder(h, paths->content, 0);
	hash_folder(h, paths->locales, 0);
	hash_folder(h, paths->assets, 0);
	uint64_t v = XXH3_64bits_digest(h);
	XXH3_freeState(h);
	return v;
}

static uint64_t outputs_of(const char *out)
{
	XXH3_state_t *h = XXH3_createState();
	XXH3_64bits_reset(h);
	hash_folder(h, out, 1);
	uint64_t v = XXH3_64bits_digest(h);
	XXH3_freeState(h);
	return v;
}

struct outputs_walk {
	const char *out;
	uint64_t hash;
};

static void *walk_outputs(void *arg)
{
	struct outputs_walk *w = arg;
	w->hash = outputs_of(w->out);
	return NULL;
}

int uptodate_check(const char *out, const struct paths *paths, int argc, char **argv,
                   uint64_t *inputs, char **warnings)
{
	char *path = fs_join(out, STAMP_FILE), *text;
	size_t len;
	uint64_t in, outs;
	int n = 0, ok = 0;
	*warnings = NULL;
	if (fs_read(path, &text, &len, NULL) < 0) {
		free(path);
		*inputs = uptodate_inputs(paths, argc, argv);
		return 0;
	}
	struct outputs_walk w = { out, 0 };
	pthread_t t;
	int threaded = pthread_create(&t, NULL, walk_outputs, &w) == 0;
	*inputs = uptodate_inputs(paths, argc, argv);
	if (threaded)
		pthread_join(t, NULL);
	else
		walk_outputs(&w);
	ok = !strncmp(text, STAMP_HEAD, strlen(STAMP_HEAD)) &&
	     sscanf(text + strlen(STAMP_HEAD), "inputs %" SCNx64 "\noutputs %" SCNx64 "\n%n",
	            &in, &outs, &n) == 2 && n > 0 && in == *inputs && outs == w.hash;
	if (ok)
		*warnings = xstrdup(text + strlen(STAMP_HEAD) + n);
	free(text);
	free(path);
	return ok;
}

void uptodate_record(const char *out, uint64_t inputs, const char *warnings)
{
	char *path = fs_join(out, STAMP_FILE);
	/* the stamp is a dot-file: not one of the outputs it describes */
	char *text = xasprintf(STAMP_HEAD "inputs %016" PRIx64 "\noutputs %016" PRIx64 "\n%s",
	                       inputs, outputs_of(out), warnings ? warnings : "");
	fs_write_atomic(path, text, strlen(text), NULL);
	free(text);
	free(path);
}
