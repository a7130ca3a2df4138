/*
 * testutil.h - small helpers shared by the cmocka suites: a private temp
 * folder, writing and reading files in it, and string assertions that print
 * both sides.  Everything is `static inline` so a suite that does not use a
 * helper gets no unused-function warning.
 */
#ifndef CRSV_TESTUTIL_H
#define CRSV_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "buf.h"
#include "err.h"
#include "fs.h"

/* A fresh folder under $TMPDIR (or /tmp); the caller removes it with
 * tu_rmtree and frees the string. */
static inline char *tu_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/crsv-unit-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl)) {
		free(tmpl);
		fail_msg("mkdtemp failed");
	}
	return tmpl;
}

static inline void tu_rmtree(char *dir)
{
	if (dir)
		fs_remove_tree(dir, NULL);
	free(dir);
}

/* Write `len` bytes to dir/rel, creating parent folders; returns the full
 * path (heap). */
static inline char *tu_write_n(const char *dir, const char *rel,
                               const char *text, size_t len)
{
	struct err e = {0};
	char *path = fs_join(dir, rel);
	char *parent = xstrdup(path);
	char *slash = strrchr(parent, '/');
	if (slash) {
		*slash = '\0';
		if (fs_mkdirs(parent, &e) < 0)
			fail_msg("mkdirs %s: %s", parent, e.msg);
	}
	free(parent);
	if (fs_write(path, text, len, &e) < 0)
		fail_msg("write %s: %s", path, e.msg);
	return path;
}

static inline char *tu_write(const char *dir, const char *rel, const char *text)
{
	return tu_write_n(dir, rel, text, strlen(text));
}

/* As tu_write, without keeping the path. */
static inline void tu_put(const char *dir, const char *rel, const char *text)
{
	free(tu_write(dir, rel, text));
}

/* The whole file (heap, NUL-terminated); fails the test when unreadable. */
static inline char *tu_read(const char *path)
{
	char *data = NULL;
	struct err e = {0};
	if (fs_read(path, &data, NULL, &e) < 0)
		fail_msg("read %s: %s", path, e.msg);
	return data;
}

/* Number of non-overlapping occurrences of `needle` in `hay`. */
static inline int tu_count(const char *hay, const char *needle)
{
	int n = 0;
	size_t l = strlen(needle);
	for (const char *p = hay; l && (p = strstr(p, needle)); p += l)
		n++;
	return n;
}

#define assert_contains(hay, needle)                                        \
	do {                                                                \
		const char *h_ = (hay), *n_ = (needle);                     \
		if (!h_ || !strstr(h_, n_))                                 \
			fail_msg("expected to find \"%s\" in:\n%s", n_,     \
			         h_ ? h_ : "(null)");                       \
	} while (0)

#define assert_not_contains(hay, needle)                                    \
	do {                                                                \
		const char *h_ = (hay), *n_ = (needle);                     \
		if (h_ && strstr(h_, n_))                                   \
			fail_msg("did not expect \"%s\" in:\n%s", n_, h_);  \
	} while (0)

/* An error at file:line whose message contains `sub`. */
#define assert_err(e, path, ln, sub)                                        \
	do {                                                                \
		assert_string_equal((e).file, (path));                      \
		if ((e).line != (ln))                                       \
			fail_msg("error line %d, expected %d (msg: %s)",    \
			         (e).line, (ln), (e).msg);                  \
		assert_contains((e).msg, (sub));                            \
	} while (0)

#endif
