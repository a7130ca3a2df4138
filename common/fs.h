/*
 * fs.h - the file-system operations the generator needs, with errors.
 *
 * Every write that a user could observe half-done goes through
 * fs_write_atomic (temporary file in the same folder, fsync-free rename), and
 * whole output trees are swapped in with fs_swap_dir, so a failed run leaves
 * the previous output as it was.
 */
#ifndef CRSV_FS_H
#define CRSV_FS_H

#include <stddef.h>
#include "err.h"

/* Read the whole file at `path` into a new NUL-terminated heap buffer (the
 * caller frees *data). */
int fs_read(const char *path, char **data, size_t *len, struct err *e);

/* Write `len` bytes to `path` through a temporary file and rename. */
int fs_write_atomic(const char *path, const void *data, size_t len,
                    struct err *e);

/* Write `len` bytes to `path` directly (for files inside a temporary tree
 * that is itself swapped in atomically). */
int fs_write(const char *path, const void *data, size_t len, struct err *e);

/* mkdir -p. */
int fs_mkdirs(const char *path, struct err *e);

/* rm -rf; missing paths are not an error. */
int fs_remove_tree(const char *path, struct err *e);

int fs_is_dir(const char *path);
int fs_is_file(const char *path);

/* Sorted (strcmp) names in `dir`, without "." and "..", hidden names
 * (starting with '.') skipped.  *names is a heap array of heap strings;
 * free with fs_list_free. */
int fs_list(const char *dir, char ***names, size_t *count, struct err *e);
void fs_list_free(char **names, size_t count);

/* Call fn(ctx, path, name, is_dir) for each entry of `dir` (as fs_list:
 * dot names left out, in name order), `path` being dir/name (both only
 * for the call).  Stops at the first non-zero return of `fn` and returns
 * it; -1 with `e` filled when the folder cannot be read. */
int fs_each(const char *dir, int (*fn)(void *ctx, const char *path, const char *name,
                                       int is_dir),
            void *ctx, struct err *e);

/* Copy a regular file. */
int fs_copy_file(const char *from, const char *to, struct err *e);

/* Replace `dest` (a folder that may not exist) with `fresh` (a folder built
 * beside it): rename dest aside, rename fresh into place, remove the old one.
 * Only a crash between the two renames can leave `dest` missing; its old
 * content is then still in "<dest>.old". */
int fs_swap_dir(const char *fresh, const char *dest, struct err *e);

/* Collapse "." and ".." segments and repeated '/' of a path, in place
 * ("content/a/../b/./c" -> "content/b/c"); a leading ".." that cannot be
 * collapsed stays. */
void fs_normalise(char *path);

/* Join two path parts with one '/'; returns a heap string. */
char *fs_join(const char *a, const char *b);

#endif
