/*
 * pool.h - independent tasks run on a few threads.
 *
 * The build's two parallel steps (the site's module pages, the packages)
 * are lists of tasks that only read shared, finished data, so one shape
 * serves both: each worker takes the next task index from an atomic
 * counter until none are left.  After a failure no worker starts another
 * task.  The error reported is that of the failed task first in the list,
 * not the first to fail in time, so a build says the same thing however
 * its threads were scheduled.
 *
 * The pool owns nothing: `ctx` and whatever the tasks write stay the
 * caller's; each task gets its own `struct err` to fill.
 */
#ifndef CRSV_POOL_H
#define CRSV_POOL_H

#include <stddef.h>
#include "err.h"

/* A task: do item `i` of `ctx`; 0, or -1 with `e` filled. */
typedef int pool_task_fn(void *ctx, size_t i, struct err *e);

/* Run task(ctx, i) for i = 0 .. n-1 on up to `workers` threads (on this
 * one when none can be started), and wait for them.  Returns 0, or -1 with
 * `e` (when not NULL) set to the error of the failed task of lowest i. */
int pool_run(size_t n, int workers, pool_task_fn *task, void *ctx, struct err *e);

#endif
