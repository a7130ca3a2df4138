/* ledger.c - the records' hash-chained ledger; see ledger.h. */
#include "ledger.h"
#include "buf.h"
#include "records.h"
#include "strmap.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct records_table records_tables[RECORDS_TABLES] = {
	{ "sessions", "uuid, kiosk_id, lang, participants, started_at, ended_at" },
	{ "completions", "uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, "
	                 "content_version, score, max_score, passed, started_at, finished_at" },
	{ "answers", "uuid, completion_uuid, question_id, chosen, correct, answered_at" },
	{ "reads", "uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, "
	           "content_version, opened_at, read_at" },
};

static const struct records_table *table_of(const char *name)
{
	for (int i = 0; i < RECORDS_TABLES; i++)
		if (!strcmp(records_tables[i].name, name))
			return &records_tables[i];
	return NULL;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* hash = SHA-256(prev || row), as hex; prev (hex) NULL: 32 zero bytes. */
static void chain(const char *prev, const char *row, char out[65])
{
	uint8_t p[32] = {0}, d[32];
	struct sha256_ctx h;
	for (int i = 0; prev && i < 32 && strlen(prev) == 64; i++)
		p[i] = (uint8_t)(hexval(prev[2 * i]) << 4 | hexval(prev[2 * i + 1]));
	sha256_init(&h);
	sha256_update(&h, 32, p);
	sha256_update(&h, strlen(row), (const uint8_t *)row);
	sha256_digest(&h, 32, d);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int db_error(sqlite3 *db, const char *what, struct err *e)
{
	const char *file = sqlite3_db_filename(db, "main");
	return err_set(e, file && *file ? file : "records", 0, "%s: %s", what, sqlite3_errmsg(db));
}

int ledger_append(sqlite3 *db, const char *table, const char *uuid, struct err *e)
{
	const struct records_table *t = table_of(table);
	sqlite3_stmt *st = NULL;
	char *row = NULL, *prev = NULL, hash[65];
	int rc = -1;
	char *sql = sqlite3_mprintf("SELECT json_array(%s) FROM %s WHERE uuid = ?1", t->cols, t->name);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);   /* ?1: the row's UUID */
	if (sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	row = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1", -1, &st,
	                       NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		prev = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	chain(prev, row, hash);
	if (sqlite3_prepare_v2(db, "INSERT INTO ledger (tbl, uuid, row, hash) VALUES "
	                       "(?1, ?2, ?3, ?4)", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	/* ?1 table, ?2 UUID, ?3 the row, ?4 its hash */
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	rc = 0;
	goto out;
fail:
	db_error(db, "cannot write the ledger", e);
out:
	sqlite3_finalize(st);
	sqlite3_free(sql);
	free(row);
	free(prev);
	return rc;
}

int ledger_backfill(sqlite3 *db, struct err *e)
{
	static const char rows[] =
		"SELECT 'sessions', uuid, started_at FROM sessions UNION ALL "
		"SELECT 'completions', uuid, started_at FROM completions UNION ALL "
		"SELECT 'answers', uuid, answered_at FROM answers ORDER BY 3, 1 DESC, 2";
	sqlite3_stmt *st = NULL;
	int rc = 0, step;
	if (sqlite3_prepare_v2(db, rows, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, "cannot read the records", e);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		char *table = xstrdup((const char *)sqlite3_column_text(st, 0));
		char *uuid = xstrdup((const char *)sqlite3_column_text(st, 1));
		rc = ledger_append(db, table, uuid, e);
		free(table);
		free(uuid);
	}
	sqlite3_finalize(st);
	return rc;
}

/* A row's last entry in the ledger. */
struct last_entry {
	long seq;
	char *row;
};

static void last_entry_free(void *p)
{
	struct last_entry *l = p;
	free(l->row);
	free(l);
}

/* Add the range a..b to r->missing, while it has room. */
static void note_missing(struct ledger_report *r, long a, long b)
{
	size_t used = strlen(r->missing);
	char range[48];
	if (a == b)
		snprintf(range, sizeof range, "%s%ld", used ? ", " : "", a);
	else
		snprintf(range, sizeof range, "%s%ld-%ld", used ? ", " : "", a, b);
	if (used + strlen(range) + 5 < sizeof r->missing)
		memcpy(r->missing + used, range, strlen(range) + 1);
	else if (!strstr(r->missing, "..."))
		memcpy(r->missing + used, ", ...", 6);
}

int ledger_check(sqlite3 *db, struct ledger_report *r, ledger_untrusted_fn *untrusted,
                 void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct strmap *last = strmap_new();   /* "table uuid" -> its last entry */
	char prev[65] = "", hash[65];
	long expect = 1;
	int rc = -1, step;
	memset(r, 0, sizeof *r);
	if (sqlite3_prepare_v2(db, "SELECT seq, tbl, uuid, row, hash FROM ledger ORDER BY seq", -1,
	                       &st, NULL) != SQLITE_OK)
		goto fail;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long seq = (long)sqlite3_column_int64(st, 0);
		const char *tbl = (const char *)sqlite3_column_text(st, 1);
		const char *uuid = (const char *)sqlite3_column_text(st, 2);
		const char *row = (const char *)sqlite3_column_text(st, 3);
		const char *h = (const char *)sqlite3_column_text(st, 4);
		r->entries++;
		if (seq != expect) {
			r->gaps += seq > expect ? seq - expect : 1;
			if (!r->first_bad)
				r->first_bad = expect;
			if (seq > expect)
				note_missing(r, expect, seq - 1);
		}
		expect = seq + 1;
		chain(prev[0] ? prev : NULL, row ? row : "", hash);
		if (!h || strcmp(hash, h)) {
			r->broken++;
			if (!r->first_bad)
				r->first_bad = seq;
		}
		snprintf(prev, sizeof prev, "%s", h ? h : "");
		char *key = xconcat(tbl ? tbl : "", " ", uuid ? uuid : "", NULL);
		struct last_entry *l = xmalloc(sizeof *l);
		*l = (struct last_entry){ seq, xstrdup(row ? row : "") };
		struct last_entry *was = strmap_put(last, key, l);
		if (was)
			last_entry_free(was);
		free(key);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_DONE)
		goto fail;
	/* each row against its last entry; entries whose row is gone */
	size_t seen = 0;
	for (int t = 0; t < RECORDS_TABLES; t++) {
		if (!records_has_table(db, records_tables[t].name))
			continue;   /* version 2 has no reads (an entry of one would count as deleted) */
		char *sql = sqlite3_mprintf("SELECT uuid, json_array(%s) FROM %s", records_tables[t].cols,
		                            records_tables[t].name);
		int ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK;
		sqlite3_free(sql);
		if (!ok)
			goto fail;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *uuid = (const char *)sqlite3_column_text(st, 0);
			char *key = xconcat(records_tables[t].name, " ", uuid, NULL);
			const struct last_entry *want = strmap_get(last, key);
			int trusted = 0;
			free(key);
			if (!want)
				r->unrecorded++;
			else if (seen++, strcmp(want->row, (const char *)sqlite3_column_text(st, 1)))
				r->edited++;
			else
				trusted = !r->first_bad || want->seq < r->first_bad;
			if (!trusted && untrusted)
				untrusted(ctx, records_tables[t].name, uuid);
		}
		sqlite3_finalize(st);
		st = NULL;
		if (step != SQLITE_DONE)
			goto fail;
	}
	r->deleted = (long)(strmap_count(last) - seen);
	rc = 0;
	goto out;
fail:
	db_error(db, "cannot check the ledger", e);
out:
	sqlite3_finalize(st);
	strmap_free(last, last_entry_free);
	return rc;
}

int ledger_head(sqlite3 *db, long *seq, char head[65], struct err *e)
{
	sqlite3_stmt *st = NULL;
	*seq = 0;
	head[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1", -1,
	                       &st, NULL) != SQLITE_OK)
		return db_error(db, "cannot read the ledger", e);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*seq = (long)sqlite3_column_int64(st, 0);
		snprintf(head, 65, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return 0;
}

int ledger_hash_at(sqlite3 *db, long seq, char hash[65], struct err *e)
{
	sqlite3_stmt *st = NULL;
	hash[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT hash FROM ledger WHERE seq = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_error(db, "cannot read the ledger", e);
	sqlite3_bind_int64(st, 1, seq);   /* ?1: the entry */
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
}

char *ledger_checkpoint(const char *kiosk_id, const char *instance, long seq,
                        const char *head)
{
	return xasprintf("crsv-kit/%s/%s\n%ld\n%s\n", kiosk_id, instance, seq, head);
}

int ledger_checkpoint_parse(const char *text, char kiosk_id[64], char instance[64],
                            long *seq, char head[65])
{
	int used = 0;
	if (sscanf(text, "crsv-kit/%63[^/]/%63[^\n]\n%ld\n%64[0-9a-f]\n%n", kiosk_id, instance,
	           seq, head, &used) != 4 || text[used] || strlen(head) != 64 || *seq < 1)
		return -1;
	return 0;
}
