/* pool.c - independent tasks on a few threads; see pool.h. */
#include "pool.h"
#include "buf.h"

#include <pthread.h>
#include <stdlib.h>

struct pool {
	pool_task_fn *task;
	void *ctx;
	size_t n;
	size_t next;   /* the next task to take (atomic) */
	int stop;      /* set when a task failed (atomic) */
};

/* A worker stops at its own first failure, so one error slot is enough:
 * the failed task of lowest index is among the workers' `failed_at`. */
struct pool_worker {
	struct pool *pl;
	size_t failed_at;   /* (size_t)-1: none */
	struct err e;
	pthread_t thread;
};

static void *work(void *arg)
{
	struct pool_worker *w = arg;
	struct pool *pl = w->pl;
	size_t i;
	while (!__atomic_load_n(&pl->stop, __ATOMIC_RELAXED) &&
	       (i = __atomic_fetch_add(&pl->next, 1, __ATOMIC_RELAXED)) < pl->n)
		if (pl->task(pl->ctx, i, &w->e) < 0) {
			w->failed_at = i;
			__atomic_store_n(&pl->stop, 1, __ATOMIC_RELAXED);
			break;
		}
	return NULL;
}

int pool_run(size_t n, int workers, pool_task_fn *task, void *ctx, struct err *e)
{
	struct pool pl = { task, ctx, n, 0, 0 };
	struct pool_worker *w = xcalloc(workers > 0 ? (size_t)workers : 1, sizeof *w);
	int started = 0, rc = 0;
	for (int i = 0; i < workers; i++) {
		w[i].pl = &pl;
		w[i].failed_at = (size_t)-1;
		if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
			break;
		started++;
	}
	if (!started) {   /* no threads: do it here */
		w[0].pl = &pl;
		w[0].failed_at = (size_t)-1;
		work(&w[started++]);
	} else {
		for (int i = 0; i < started; i++)
			pthread_join(w[i].thread, NULL);
	}
	size_t first = (size_t)-1;
	for (int i = 0; i < started; i++)
		if (w[i].failed_at < first) {
			first = w[i].failed_at;
			if (e)
				*e = w[i].e;
			rc = -1;
		}
	free(w);
	return rc;
}
