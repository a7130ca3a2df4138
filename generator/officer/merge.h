/*
 * merge.h - `crsv-gen merge`: kiosk records files into an officer's master.
 *
 * A grow-only union by UUID (common/records.sql gives every row one): a
 * new UUID is added; the same UUID with the same content is a duplicate; a
 * session or quiz that was open in an earlier export and finished in a
 * later one is completed (NULL -> value, the only change allowed); any
 * other difference is a conflict, every version kept in merge_conflicts
 * (generator/officer/master.sql).  Merging a file twice, or files in any
 * order, gives the same records.
 *
 * Inputs are never written: each is copied (with a -wal beside it, so rows
 * still in the log are read too) to a private folder and read from there,
 * so a file on a read-only stick works.  The master is changed in one
 * transaction (its rollback journal synced; a new master is built aside
 * and renamed into place), so a crash at any point leaves it as it was.  A
 * file that is not a records file is named with the reason and skipped
 * (its savepoint rolled back); the others are still merged.
 *
 * A master of an older schema version is upgraded in the same transaction
 * (records_upgrade: it gains the reads); files of any version it reads are
 * merged as they are.
 *
 * A file of a kiosk the master has never seen is appended without a
 * lookup per row (its random UUIDs cannot be there yet; if one is after
 * all, the file is merged again the careful way).
 */
#ifndef CRSV_MERGE_H
#define CRSV_MERGE_H

#include <stddef.h>
#include "err.h"

/* Row counts per records table (a file of schema version 2 has no
 * reads: merged as having none). */
enum merge_table { MT_SESSIONS, MT_COMPLETIONS, MT_ANSWERS, MT_READS, MT_COUNT };

struct merge_summary {
	size_t files;                  /* records files merged */
	size_t skipped;                /* files that were not */
	long added[MT_COUNT];          /* new rows */
	long duplicates;               /* rows already there, the same */
	long completed;                /* rows finished since an earlier export */
	long conflicts;                /* rows found with another content */
	size_t tampered;               /* files whose ledger shows their records altered */
};

/* Called after each file with the count done and the total. */
typedef void (*merge_progress_fn)(void *ctx, size_t done, size_t total);

/* Merge every records file named by `paths` (files, or folders searched
 * for *.db files) into `master`, created when missing.  Each file skipped
 * is one error in `skipped`; a file merged whose ledger shows its records
 * altered (or that has none) is one warning in `warnings` (ledger.h); -1
 * with `e` when the master could not be
 * written (and was left as it was). */
int merge_run(const char *master, const char *const *paths, size_t npaths,
              merge_progress_fn progress, void *progress_ctx,
              struct merge_summary *sum, struct errlist *skipped, struct errlist *warnings,
              struct err *e);

/* The summary as one line:
 * "merge: 3 files, added 12 sessions, 40 completions, 210 answers, 9 reads;
 *  5 duplicates, 1 completed, 0 conflicts; 1 file skipped" */
void merge_summary_line(const struct merge_summary *sum, char *out, size_t n);

/* master.sql: the tables a master holds beyond the records', each made
 * only if missing, so it can run on any master (crsv-gen xapi does). */
const char *merge_master_sql(void);

#endif
