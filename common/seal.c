/* seal.c - the kiosk bundle's digest and signed statement; see seal.h. */
#include "seal.h"
#include "buf.h"
#include "dbcheck.h"
#include "utc.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_u64(struct sha256_ctx *h, uint64_t v)
{
	uint8_t b[8];
	for (int i = 7; i >= 0; i--, v >>= 8)
		b[i] = (uint8_t)v;
	sha256_update(h, 8, b);
}

static void put_text(struct sha256_ctx *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_u64(h, n);
	sha256_update(h, n, (const uint8_t *)(s ? s : ""));
}

static void put_value(struct sha256_ctx *h, sqlite3_stmt *st, int i)
{
	int type = sqlite3_column_type(st, i);
	uint8_t tag = (uint8_t)type;
	sha256_update(h, 1, &tag);
	if (type == SQLITE_INTEGER) {
		put_u64(h, (uint64_t)sqlite3_column_int64(st, i));
	} else if (type == SQLITE_FLOAT) {
		double d = sqlite3_column_double(st, i);
		uint64_t bits;
		memcpy(&bits, &d, sizeof bits);
		put_u64(h, bits);
	} else if (type != SQLITE_NULL) {
		const void *p = type == SQLITE_BLOB ? sqlite3_column_blob(st, i)
		                                    : (const void *)sqlite3_column_text(st, i);
		size_t n = (size_t)sqlite3_column_bytes(st, i);
		put_u64(h, n);
		sha256_update(h, n, p ? p : (const void *)"");
	}
}

/* "ORDER BY" of a table: its primary key's columns, else its rowid. */
static char *order_of(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st = NULL;
	char *sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q) WHERE pk > 0 "
	                            "ORDER BY pk", table);
	struct buf b = {0};
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW) {
			char *q = sqlite3_mprintf("%s\"%w\"", b.len ? ", " : "",
			                          (const char *)sqlite3_column_text(st, 0));
			buf_puts(&b, q);
			sqlite3_free(q);
		}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	if (!b.len)
		buf_puts(&b, "rowid");
	buf_putc(&b, '\0');
	return buf_take(&b);
}

static int hash_table(sqlite3 *db, struct sha256_ctx *h, const char *name, const char *create)
{
	sqlite3_stmt *st = NULL;
	char *order = order_of(db, name);
	char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY %s", name, order);
	int rc;
	put_text(h, "table");
	put_text(h, name);
	put_text(h, create);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = SQLITE_ERROR;
	} else {
		int n = sqlite3_column_count(st);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			sha256_update(h, 1, (const uint8_t *)"r");
			for (int i = 0; i < n; i++)
				put_value(h, st, i);
		}
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	free(order);
	return rc == SQLITE_DONE ? 0 : -1;
}

int seal_digest(sqlite3 *db, uint8_t out[32], struct err *e)
{
	static const char objects[] =
		"SELECT type, name, sql FROM sqlite_master WHERE name <> 'seal' AND sql IS NOT NULL "
		"AND type IN ('table', 'index') ORDER BY type = 'index', name";
	struct sha256_ctx h;
	sqlite3_stmt *st = NULL, *pr = NULL;
	int rc = -1, step;
	sha256_init(&h);
	put_text(&h, "crsv-bundle/1");
	/* the schema's version and mark */
	if (sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version), "
	                       "(SELECT application_id FROM pragma_application_id)", -1, &pr,
	                       NULL) != SQLITE_OK || sqlite3_step(pr) != SQLITE_ROW)
		goto out;
	put_u64(&h, (uint64_t)sqlite3_column_int64(pr, 0));
	put_u64(&h, (uint64_t)sqlite3_column_int64(pr, 1));
	if (sqlite3_prepare_v2(db, objects, -1, &st, NULL) != SQLITE_OK)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *create = (const char *)sqlite3_column_text(st, 2);
		if (!strcmp(type, "table")) {
			if (hash_table(db, &h, name, create) < 0)
				goto out;
		} else {
			put_text(&h, "index");
			put_text(&h, name);
			put_text(&h, create);
		}
	}
	if (step != SQLITE_DONE)
		goto out;
	sha256_digest(&h, 32, out);
	rc = 0;
out:
	if (rc < 0) {
		const char *file = sqlite3_db_filename(db, "main");
		char why[300];
		err_set(e, file && *file ? file : "kiosk.bundle", 0,
		        "the bundle is damaged and cannot be read whole: %s",
		        db_errmsg(db, why, sizeof why));
	}
	sqlite3_finalize(pr);
	sqlite3_finalize(st);
	return rc;
}

static void hex(const uint8_t *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

char *seal_statement(const uint8_t digest[32], int64_t release, int64_t created,
                     int64_t expires, const struct sign_key *key,
                     const struct sign_key *next, size_t nnext)
{
	char d[65], c[32], x[32], id[2 * SIGN_ID_SIZE + 1];
	struct buf b = {0};
	hex(digest, 32, d);
	utc_format(created * 1000, 1, c);
	buf_printf(&b, "crsv-bundle/1\ncontent-digest: %s\nrelease: %lld\ncreated: %s\n", d,
	           (long long)release, c);
	if (expires >= 0) {
		utc_format(expires * 1000, 1, x);
		buf_printf(&b, "expires: %s\n", x);
	}
	if (key) {
		sign_key_id_hex(key, id);
		buf_printf(&b, "key-id: %s\n", id);
		for (size_t i = 0; i < nnext && i < SEAL_MAX_NEXT; i++) {
			char *pub = sign_base64(next[i].pub, SIGN_KEY_SIZE);
			buf_printf(&b, "next-key: %s\n", pub);
			free(pub);
		}
	}
	buf_putc(&b, '\0');
	return buf_take(&b);
}

/* "YYYY-MM-DDTHH:MM:SSZ" as seconds, or -1. */
static int64_t parse_utc(const char *s)
{
	int y, mo, d, h, mi, se, used = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &se, &used) != 6 ||
	    s[used] || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	return utc_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

/* The statement's fields into `s`; -1 when it is not one. */
static int parse_statement(const char *text, struct seal *s)
{
	char buf[160];
	int lines = 0, have_digest = 0, have_release = 0, have_created = 0;
	memset(s, 0, sizeof *s);
	s->expires = -1;
	for (const char *l = text; *l;) {
		size_t n = strcspn(l, "\n");
		if (n >= sizeof buf || !l[n])
			return -1;   /* every line ends in a newline, none is long */
		memcpy(buf, l, n);
		buf[n] = '\0';
		l += n + 1;
		if (lines++ == 0) {
			if (strcmp(buf, "crsv-bundle/1"))
				return -1;
		} else if (!strncmp(buf, "content-digest: ", 16) && strlen(buf + 16) == 64) {
			snprintf(s->digest, sizeof s->digest, "%s", buf + 16);
			have_digest = 1;
		} else if (!strncmp(buf, "release: ", 9)) {
			char *end;
			s->release = strtoll(buf + 9, &end, 10);
			have_release = !*end && end != buf + 9;
		} else if (!strncmp(buf, "created: ", 9)) {
			s->created = parse_utc(buf + 9);
			have_created = s->created >= 0;
		} else if (!strncmp(buf, "expires: ", 9)) {
			if ((s->expires = parse_utc(buf + 9)) < 0)
				return -1;
		} else if (!strncmp(buf, "key-id: ", 8) && strlen(buf + 8) == 2 * SIGN_ID_SIZE) {
			snprintf(s->key_id, sizeof s->key_id, "%s", buf + 8);
		} else if (!strncmp(buf, "next-key: ", 10) && s->nnext < SEAL_MAX_NEXT &&
		           sign_unbase64(buf + 10, s->next[s->nnext], SIGN_KEY_SIZE) == 0) {
			s->nnext++;
		} else {
			return -1;
		}
	}
	return have_digest && have_release && have_created ? 0 : -1;
}

int seal_check(sqlite3 *db, const char *path, const struct sign_key *trusted,
               size_t ntrusted, struct seal *s, struct err *e)
{
	sqlite3_stmt *st = NULL;
	uint8_t digest[32];
	char dhex[65];
	int rc = -1;
	memset(s, 0, sizeof *s);
	if (sqlite3_prepare_v2(db, "SELECT statement, signature FROM seal WHERE id = 1", -1, &st,
	                       NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		err_set(e, path, 0, "the bundle has no seal: damaged, or not made by crsv-gen build");
		goto out;
	}
	const char *statement = (const char *)sqlite3_column_text(st, 0);
	const char *signature = (const char *)sqlite3_column_text(st, 1);
	if (!statement || parse_statement(statement, s) < 0) {
		err_set(e, path, 0, "the bundle's seal cannot be read: damaged or altered");
		goto out;
	}
	if (seal_digest(db, digest, e) < 0)
		goto out;
	hex(digest, 32, dhex);
	if (strcmp(dhex, s->digest)) {
		err_set(e, path, 0, "the bundle is damaged or altered: its content does not match its "
		        "seal (copy it again from the training officer's files)");
		goto out;
	}
	if (ntrusted) {
		uint8_t sig[SIGN_SIG_SIZE];
		const struct sign_key *k = NULL;
		if (!signature || !s->key_id[0]) {
			err_set(e, path, 0, "the bundle is not signed, and this kiosk only shows signed "
			        "content (--trust)");
			goto out;
		}
		for (size_t i = 0; i < ntrusted && !k; i++) {
			char id[2 * SIGN_ID_SIZE + 1];
			sign_key_id_hex(&trusted[i], id);
			if (!strcmp(id, s->key_id))
				k = &trusted[i];
		}
		if (!k) {
			err_set(e, path, 0, "the bundle is signed by another key (%s), not one this kiosk "
			        "trusts (or one it has retired since a newer key took over)", s->key_id);
			goto out;
		}
		if (sign_unbase64(signature, sig, sizeof sig) < 0 ||
		    sign_check(k, statement, strlen(statement), sig) < 0) {
			err_set(e, path, 0, "the bundle's signature does not match: altered, or signed "
			        "for another bundle");
			goto out;
		}
		s->is_signed = 1;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}
