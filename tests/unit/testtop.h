/*
 * testtop.h - the checkout's top folder, for the unit suites and the
 * fuzzers, which read the tree's own fixtures: $CRSV_TOP when set, else
 * the folder they run from (tests/run.sh runs them from the top) or one of
 * the few above it.  Header-only, no cmocka: the fuzzers include it too.
 */
#ifndef CRSV_TESTTOP_H
#define CRSV_TESTTOP_H

#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "fs.h"

/* The top folder (heap), or NULL when none holds the golden fixture. */
static inline char *tu_find_top(void)
{
	const char *env = getenv("CRSV_TOP");
	char *dir = env && *env ? xstrdup(env) : getcwd(NULL, 0);
	for (int i = 0; dir && i < 4; i++) {
		char *probe = fs_join(dir, "tests/golden/fixture/content/site.yaml");
		int found = access(probe, R_OK) == 0;
		free(probe);
		if (found)
			return dir;
		char *up = fs_join(dir, "..");
		free(dir);
		dir = up;
	}
	free(dir);
	return NULL;
}

#endif
