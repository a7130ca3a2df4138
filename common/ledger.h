/*
 * ledger.h - the records' ledger (common/records.sql, since schema version 2):
 * every row a kiosk writes, and every completion of it, appended in order
 * with a hash chain, so that a row changed, deleted or moved after it was
 * written shows:
 *   hash(n) = SHA-256(hash(n - 1) as 32 bytes || row(n)), hash(0) = 32 zeros
 * where row(n) is the row as a canonical JSON array of its columns in
 * table order (SQLite's json_array), as it was just after the write.
 *
 * The kiosk's store appends (in the transaction of the write); crsv-gen
 * merge checks an input's ledger and says what does not add up.
 */
#ifndef CRSV_LEDGER_H
#define CRSV_LEDGER_H

#include <sqlite3.h>
#include "err.h"

/* The records tables and their columns, in table order. */
struct records_table {
	const char *name, *cols;
};
#define RECORDS_TABLES 4
/* sessions, completions, answers, reads (a file of version 2 has no reads:
 * records_has_table) */
extern const struct records_table records_tables[RECORDS_TABLES];

/* Append the row `uuid` of `table` as it is now. */
int ledger_append(sqlite3 *db, const char *table, const char *uuid, struct err *e);

/* Build the ledger of a file that has none (schema version 1): every row
 * as it is, in the order written (by time, then UUID).  In the caller's
 * transaction. */
int ledger_backfill(sqlite3 *db, struct err *e);

/* What a ledger check found. */
struct ledger_report {
	long entries;
	long gaps;          /* sequence numbers missing */
	long broken;        /* entries whose hash does not follow from the one before */
	long edited;        /* rows unlike their last entry: changed after writing */
	long deleted;       /* entries whose row is no longer there */
	long unrecorded;    /* rows with no entry: written around the kiosk */
	long first_bad;     /* the first sequence number in question, or 0 */
	char missing[160];  /* the missing sequence numbers as ranges, "5-9, 12"
	                       (the first few, then "..."); "" when none */
};

/* Check the ledger of `db` against its rows (of the tables it has).  With `untrusted`, each row
 * the ledger does not vouch for is passed to it: a row changed since its
 * last entry, a row with no entry, and a row whose last entry comes at or
 * after the first gap or broken link (everything from there on may have
 * been rewritten). */
typedef void ledger_untrusted_fn(void *ctx, const char *table, const char *uuid);
int ledger_check(sqlite3 *db, struct ledger_report *r, ledger_untrusted_fn *untrusted,
                 void *ctx, struct err *e);

/* The ledger's last entry: *seq 0 and head "" when it is empty. */
int ledger_head(sqlite3 *db, long *seq, char head[65], struct err *e);

/* The hash of entry `seq`, or "" when there is none. */
int ledger_hash_at(sqlite3 *db, long seq, char hash[65], struct err *e);

/* The checkpoint a kiosk signs at each export (C2SP tlog-checkpoint's
 * shape): "crsv-kit/<kiosk id>/<instance id>\n<last seq>\n<head>\n", the
 * head as 64 hex digits.  Heap text. */
char *ledger_checkpoint(const char *kiosk_id, const char *instance, long seq,
                        const char *head);

/* Its fields; -1 when `text` is not one. */
int ledger_checkpoint_parse(const char *text, char kiosk_id[64], char instance[64],
                            long *seq, char head[65]);

#endif
