/* fs.c - file-system helpers; see fs.h. */
#include "fs.h"
#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_read(const char *path, char **data, size_t *len, struct err *e)
{
	struct buf b = {0};
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return err_set(e, path, 0, "cannot open: %s", strerror(errno));
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			buf_free(&b);
			return err_set(e, path, 0, "cannot read: %s", strerror(saved));
		}
		buf_put(&b, chunk, (size_t)n);
	}
	close(fd);
	if (len)
		*len = b.len;
	*data = buf_take(&b);
	return 0;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int fs_write(const char *path, const void *data, size_t len, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return err_set(e, path, 0, "cannot create: %s", strerror(errno));
	if (write_all(fd, data, len) < 0) {
		int saved = errno;
		close(fd);
		unlink(path);
		return err_set(e, path, 0, "cannot write: %s", strerror(saved));
	}
	if (close(fd) < 0)
		return err_set(e, path, 0, "cannot write: %s", strerror(errno));
	return 0;
}

int fs_write_atomic(const char *path, const void *data, size_t len,
                    struct err *e)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int rc = fs_write(tmp, data, len, e);
	if (rc == 0 && rename(tmp, path) < 0) {
		rc = err_set(e, path, 0, "cannot replace: %s", strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

int fs_mkdirs(const char *path, struct err *e)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char saved = *s;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			rc = err_set(e, p, 0, "cannot create folder: %s", strerror(errno));
			break;
		}
		*s = saved;
		if (!saved)
			break;
	}
	if (rc == 0 && !fs_is_dir(path))
		rc = err_set(e, path, 0, "not a folder");
	free(p);
	return rc;
}

int fs_remove_tree(const char *path, struct err *e)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : err_set(e, path, 0, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		if (!d)
			return err_set(e, path, 0, "cannot open folder: %s", strerror(errno));
		while ((de = readdir(d))) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			char *child = fs_join(path, de->d_name);
			int rc = fs_remove_tree(child, e);
			free(child);
			if (rc < 0) {
				closedir(d);
				return -1;
			}
		}
		closedir(d);
		if (rmdir(path) < 0)
			return err_set(e, path, 0, "cannot remove: %s", strerror(errno));
		return 0;
	}
	if (unlink(path) < 0)
		return err_set(e, path, 0, "cannot remove: %s", strerror(errno));
	return 0;
}

int fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_list(const char *dir, char ***names, size_t *count, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;
	if (!d)
		return err_set(e, dir, 0, "cannot open folder: %s", strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof *v, cmp_names);
	*names = v;
	*count = n;
	return 0;
}

void fs_list_free(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

int fs_each(const char *dir, int (*fn)(void *ctx, const char *path, const char *name,
                                       int is_dir),
            void *ctx, struct err *e)
{
	char **names;
	size_t n;
	int rc = 0;
	if (fs_list(dir, &names, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *path = fs_join(dir, names[i]);
		rc = fn(ctx, path, names[i], fs_is_dir(path));
		free(path);
	}
	fs_list_free(names, n);
	return rc;
}

int fs_copy_file(const char *from, const char *to, struct err *e)
{
	char *data;
	size_t len;
	if (fs_read(from, &data, &len, e) < 0)
		return -1;
	int rc = fs_write(to, data, len, e);
	free(data);
	return rc;
}

int fs_swap_dir(const char *fresh, const char *dest, struct err *e)
{
	char *old = xasprintf("%s.old", dest);
	int rc = -1;
	if (fs_remove_tree(old, e) < 0)
		goto out;
	if (rename(dest, old) < 0 && errno != ENOENT) {
		err_set(e, dest, 0, "cannot move aside: %s", strerror(errno));
		goto out;
	}
	if (rename(fresh, dest) < 0) {
		err_set(e, dest, 0, "cannot move into place: %s", strerror(errno));
		rename(old, dest);
		goto out;
	}
	rc = fs_remove_tree(old, e);
out:
	free(old);
	return rc;
}

void fs_normalise(char *path)
{
	char *copy = xstrdup(path), *save = NULL, *out = path;
	const char **seg = xmalloc((strlen(path) / 2 + 2) * sizeof *seg);
	size_t n = 0;
	int absolute = path[0] == '/';
	for (char *s = strtok_r(copy, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (!strcmp(s, "."))
			continue;
		if (!strcmp(s, "..") && n > 0 && strcmp(seg[n - 1], ".."))
			n--;
		else
			seg[n++] = s;
	}
	if (absolute)
		*out++ = '/';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(seg[i]);
		if (i)
			*out++ = '/';
		memcpy(out, seg[i], l);
		out += l;
	}
	*out = '\0';
	free(seg);
	free(copy);
}

char *fs_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	if (la && a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}
