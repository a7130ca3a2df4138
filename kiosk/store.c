/* store.c - the kiosk's records file; see store.h and common/records.sql. */
#include "store.h"
#include "ledger.h"
#include "sign.h"
#include "bundle.h"
#include "dbcheck.h"
#include "records.h"
#include "sqlbind.h"
#include "utf8.h"
#include "buf.h"
#include "fs.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/eddsa.h>
#include <nettle/memops.h>
#include <nettle/pbkdf2.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Another process writing the same file (a second kiosk process, the
 * sqlite3 shell) may hold the write lock for a moment: wait rather than
 * fail an answer.  Readers never block a writer in WAL mode. */
#define BUSY_TIMEOUT_MS 5000

#define PIN_SALT_LEN 16
#define PIN_HASH_LEN 32
#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12
/* Stored counts outside this range mean a damaged file, not a setting. */
#define PIN_MAX_ITERATIONS 100000000UL
#define PIN_FREE_FAILURES 2
#define PIN_FIRST_DELAY_MS 30000
#define PIN_MAX_DELAY_MS 3600000

/* PBKDF2 rounds for a newly set PIN.  Not static only so that the unit test
 * can lower it (under valgrind 100000 rounds take seconds per check); a
 * check always uses the count stored with the hash, so lowering it never
 * weakens a PIN already set. */
extern unsigned long store_pin_iterations;
unsigned long store_pin_iterations = 100000;

/* For the unit test only (not in store.h): the store's own connection, whose
 * per-connection pragmas (synchronous) no other connection can see. */
struct sqlite3 *store_test_db(struct store *s);

struct store {
	sqlite3 *db;
	char *path;                          /* as given, for messages */
	char kiosk_id[STORE_UUID_LEN + 1];
};

/* ---- small helpers ------------------------------------------------------ */

static int db_err(struct store *s, struct err *e, const char *what)
{
	char why[300];
	return err_set(e, s->path, 0, "%s: %s", what, db_errmsg(s->db, why, sizeof why));
}

/* Prepare `sql` and bind `types` from `ap` (the letters of sqlbind.h). */
static sqlite3_stmt *vprep(struct store *s, struct err *e, const char *sql,
                           const char *types, va_list ap)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_err(s, e, "cannot read or write the records");
		sqlite3_finalize(st);
		return NULL;
	}
	if (sqlbind_v(st, types, ap) != SQLITE_OK) {
		db_err(s, e, "cannot bind a value");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static sqlite3_stmt *prep(struct store *s, struct err *e, const char *sql,
                          const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = vprep(s, e, sql, types, ap);
	va_end(ap);
	return st;
}

/* Run a statement that returns no rows. */
static int vrun(struct store *s, struct err *e, const char *sql,
                const char *types, va_list ap)
{
	sqlite3_stmt *st = vprep(s, e, sql, types, ap);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_err(s, e, "cannot record");
	return 0;
}

static int run(struct store *s, struct err *e, const char *sql,
               const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = vrun(s, e, sql, types, ap);
	va_end(ap);
	return rc;
}

/* Each write is one transaction, taken IMMEDIATE so that a second writer
 * waits at BEGIN (under the busy timeout) instead of failing at COMMIT. */
static int tx_begin(struct store *s, struct err *e)
{
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_err(s, e, "cannot start a transaction");
	return 0;
}

static void tx_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}


/* With WAL and synchronous=FULL, COMMIT returns only after the WAL is
 * fsynced: this is the moment a result may be shown as saved. */
static int tx_commit(struct store *s, struct err *e)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	db_err(s, e, "cannot save");
	tx_rollback(s);
	return -1;
}

/* A new row `id` of `table` (the INSERT `sql`, bound from `types` and the
 * arguments) and its entry in the ledger, in one transaction: both or
 * neither. */
static int insert_logged(struct store *s, const char *table, const char *id,
                         struct err *e, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;
	if (tx_begin(s, e) < 0)
		return -1;
	va_start(ap, types);
	rc = vrun(s, e, sql, types, ap);
	va_end(ap);
	if (rc < 0 || ledger_append(s->db, table, id, e) < 0) {
		tx_rollback(s);
		return -1;
	}
	return tx_commit(s, e);
}

/* meta `key` into *value (heap): 1 found, 0 absent, -1 error. */
static int meta_get(struct store *s, const char *key, char **value,
                    struct err *e)
{
	if (records_meta(s->db, key, value, e) < 0)
		return -1;
	return *value != NULL;
}

/* A decimal meta value in [min, max]; `def` when absent. */
static int meta_get_int(struct store *s, const char *key, int64_t def,
                        int64_t min, int64_t max, int64_t *out, struct err *e)
{
	char *v = NULL, *end;
	int rc = meta_get(s, key, &v, e);
	if (rc <= 0) {
		*out = def;
		return rc;
	}
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (errno || end == v || *end || n < min || n > max) {
		err_set(e, s->path, 0, "damaged records file: meta %s is \"%s\"", key, v);
		free(v);
		return -1;
	}
	free(v);
	*out = n;
	return 1;
}

static int meta_set(struct store *s, const char *key, const char *value,
                    struct err *e)
{
	return run(s, e, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
	           "tt", key, value);
}

static int meta_set_int(struct store *s, const char *key, int64_t value,
                        struct err *e)
{
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)value);
	return meta_set(s, key, v, e);
}

static int read_all(int fd, unsigned char *p, size_t n)
{
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int random_bytes(void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n) {
		ssize_t r = getrandom(p, n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == ENOSYS) {
			/* A kernel before 3.17: the device gives the same. */
			int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				return -1;
			int rc = read_all(fd, p, n);
			close(fd);
			return rc;
		}
		if (r < 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static const char hexdigits[] = "0123456789abcdef";

static void hex_encode(const uint8_t *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		*out++ = hexdigits[b[i] >> 4];
		*out++ = hexdigits[b[i] & 15];
	}
	*out = '\0';
}

static int hex_value(char c)
{
	const char *p = c ? strchr(hexdigits, c) : NULL;
	return p ? (int)(p - hexdigits) : -1;
}

/* Exactly 2n lowercase hex digits into n bytes. */
static int hex_decode(const char *s, uint8_t *b, size_t n)
{
	if (strlen(s) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = hex_value(s[2 * i]), lo = hex_value(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		b[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* A random (version 4) UUID: merging the files of many kiosks relies on no
 * two rows anywhere ever sharing one, which a counter or a clock cannot
 * promise. */
static int make_uuid(struct store *s, char out[STORE_UUID_LEN + 1],
                     struct err *e)
{
	uint8_t b[16];
	if (random_bytes(b, sizeof b) < 0)
		return err_set(e, s->path, 0, "cannot get random bytes: %s",
		               strerror(errno));
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
	char *p = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hexdigits[b[i] >> 4];
		*p++ = hexdigits[b[i] & 15];
	}
	*p = '\0';
	return 0;
}

/* ---- opening -------------------------------------------------------------- */


/* The single integer `sql` returns.  Only reads: this runs on files that may
 * turn out not to be ours. */
static int query_int(struct store *s, const char *sql, int64_t *value,
                     struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*value = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return err_set(e, s->path, 0, "not a crsv-kiosk records file "
		               "(--records needs a file of its own; it is created "
		               "when missing)");
	return db_err(s, e, "cannot read");
}

/* A database with no tables and neither mark: a new file (SQLite made it
 * just now), an empty one, or one whose creation was cut short.  Nothing
 * can be lost by making it a records file. */
static int is_empty_db(struct store *s, int *empty, struct err *e)
{
	int64_t app, version, objects;
	if (query_int(s, "PRAGMA application_id", &app, e) < 0 ||
	    query_int(s, "PRAGMA user_version", &version, e) < 0 ||
	    query_int(s, "SELECT count(*) FROM sqlite_schema", &objects, e) < 0)
		return -1;
	*empty = app == 0 && version == 0 && objects == 0;
	return 0;
}

static int set_wal(struct store *s, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) ==
	            SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *mode = sqlite3_column_text(st, 0);
		ok = mode && !strcmp((const char *)mode, "wal");
	}
	sqlite3_finalize(st);
	char why[300];
	if (!ok)
		return err_set(e, s->path, 0, "cannot use WAL mode (is the folder on "
		               "a network or read-only file system?): %s",
		               db_errmsg(s->db, why, sizeof why));
	return 0;
}

/* Write the schema and a kiosk id into an empty database. */
static int create_schema(struct store *s, struct err *e)
{
	char id[STORE_UUID_LEN + 1];
	int empty;
	if (set_wal(s, e) < 0 || tx_begin(s, e) < 0)
		return -1;
	/* Another kiosk process may have created it between our look and our
	 * lock: then leave it alone and check it like any existing file. */
	if (is_empty_db(s, &empty, e) < 0)
		goto fail;
	if (!empty) {
		tx_rollback(s);
		return 0;
	}
	if (sqlite3_exec(s->db, records_schema_sql(), NULL, NULL, NULL) != SQLITE_OK) {
		db_err(s, e, "cannot create the records schema");
		goto fail;
	}
	if (make_uuid(s, id, e) < 0 || meta_set(s, "kiosk_id", id, e) < 0)
		goto fail;
	return tx_commit(s, e);
fail:
	tx_rollback(s);
	return -1;
}

/* Refuse anything that is not a records file of this schema version before
 * anything is written to it: a bundle or another program's database given
 * as --records by mistake must come out untouched. */
static int check_file(struct store *s, struct err *e)
{
	return records_check(s->db, s->path, "--records needs a file of its own; it is "
	                     "created when missing", e);
}

/* A damaged page is refused before anything is written: SQLite would go
 * on writing beside it, and what is recorded could be lost with it.  The
 * quick check (every page and row, not each index against its table): a
 * records file grows for years, and on one of 100,000 answers (55 MB) it
 * took 0.2 s where integrity_check took 0.65 s. */
static int check_pages(struct store *s, struct err *e)
{
	char why[512];
	if (db_check_pages(s->db, 1, why, sizeof why) == 0)
		return 0;
	return err_set(e, s->path, 0, "the records file is damaged (%s): it has been left as it "
	               "is; give it to the training officer, and start the kiosk on a new records "
	               "file", why);
}

/* A records file of an older version is brought to this one in one
 * transaction, all of it or nothing (records_upgrade): version 1 gets its
 * ledger, built from its rows as they are; version 2 the reads. */
static int upgrade(struct store *s, struct err *e)
{
	int64_t version;
	if (query_int(s, "PRAGMA user_version", &version, e) < 0)
		return -1;
	if (version == records_schema_version())
		return 0;
	if (tx_begin(s, e) < 0)
		return -1;
	if (records_upgrade(s->db, 1, e) < 0) {
		tx_rollback(s);
		return -1;
	}
	return tx_commit(s, e);
}

/* The kiosk's own key, made at its first start, signs the checkpoint of
 * each export (ledger.h); the secret stays in this file and never goes into
 * an export.  And the file's instance: a new random id whenever the records
 * file is not the one it was (copied, restored, a cloned SD card), so two
 * kiosks grown from one image can be told apart. */
static int identity(struct store *s, struct err *e)
{
	char *secret = NULL, *where = NULL, *inst = NULL, here[64];
	struct stat sb;
	int rc = -1;
	if (meta_get(s, "kiosk_secret", &secret, e) < 0 || meta_get(s, "instance_file", &where, e) < 0 ||
	    meta_get(s, "instance_id", &inst, e) < 0)
		goto out;
	if (tx_begin(s, e) < 0)
		goto out;
	if (!secret) {
		struct sign_key k;
		if (sign_key_new(&k, e) < 0)
			goto fail;
		char *sec = sign_base64(k.secret, SIGN_KEY_SIZE), *pub = sign_base64(k.pub, SIGN_KEY_SIZE);
		int w = meta_set(s, "kiosk_secret", sec, e) == 0 && meta_set(s, "kiosk_public", pub, e) == 0;
		memset(sec, 0, strlen(sec));
		memset(&k, 0, sizeof k);
		free(sec);
		free(pub);
		if (!w)
			goto fail;
	}
	snprintf(here, sizeof here, "%llu:%llu",
	         stat(s->path, &sb) == 0 ? (unsigned long long)sb.st_dev : 0ULL,
	         stat(s->path, &sb) == 0 ? (unsigned long long)sb.st_ino : 0ULL);
	if (!inst || !where || strcmp(where, here)) {
		char id[STORE_UUID_LEN + 1];
		if (make_uuid(s, id, e) < 0 || meta_set(s, "instance_id", id, e) < 0 ||
		    meta_set(s, "instance_file", here, e) < 0)
			goto fail;
	}
	rc = tx_commit(s, e);
	goto out;
fail:
	tx_rollback(s);
out:
	if (secret)
		memset(secret, 0, strlen(secret));
	free(secret);
	free(where);
	free(inst);
	return rc;
}

/* The export's checkpoint, signed with the kiosk's key, into the copy's
 * meta (checkpoint, checkpoint_sig): the last entry of the ledger the
 * officer receives, so entries cut from its end show. */
static int sign_checkpoint(struct store *s, sqlite3 *copy, struct err *e)
{
	char *secret = NULL, *inst = NULL, head[65];
	long seq;
	struct sign_key k = {0};
	int rc = -1;
	if (meta_get(s, "kiosk_secret", &secret, e) < 0 || meta_get(s, "instance_id", &inst, e) < 0 ||
	    ledger_head(copy, &seq, head, e) < 0)
		goto out;
	if (!secret || !inst || sign_unbase64(secret, k.secret, SIGN_KEY_SIZE) < 0) {
		err_set(e, s->path, 0, "damaged records file: no kiosk key");
		goto out;
	}
	if (!seq) {   /* nothing recorded yet: nothing to vouch for */
		rc = 0;
		goto out;
	}
	ed25519_sha512_public_key(k.pub, k.secret);
	char *text = ledger_checkpoint(s->kiosk_id, inst, seq, head);
	uint8_t sig[SIGN_SIG_SIZE];
	sign_bytes(&k, text, strlen(text), sig);
	char *b64 = sign_base64(sig, sizeof sig);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(copy, "INSERT OR REPLACE INTO meta (key, value) VALUES "
	                       "('checkpoint', ?1), ('checkpoint_sig', ?2)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);   /* ?1: the checkpoint */
		sqlite3_bind_text(st, 2, b64, -1, SQLITE_STATIC);    /* ?2: its signature */
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	if (rc < 0)
		err_set(e, s->path, 0, "cannot export: %s", sqlite3_errmsg(copy));
	free(text);
	free(b64);
out:
	memset(&k, 0, sizeof k);
	if (secret)
		memset(secret, 0, strlen(secret));
	free(secret);
	free(inst);
	return rc;
}

int store_open(struct store **out, const char *path, struct err *e)
{
	struct store *s = xcalloc(1, sizeof *s);
	char *id = NULL;
	int empty;
	*out = NULL;
	s->path = xstrdup(path);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                    NULL) != SQLITE_OK) {
		char why[300];
		err_set(e, path, 0, "cannot open: %s", db_errmsg(s->db, why, sizeof why));
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	/* No writable_schema or other ways to corrupt the file from SQL, and no
	 * functions run from a schema we did not write. */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	/* Closing the last connection to a WAL database checkpoints it, which
	 * writes: not before the file is known to be ours. */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

	/* SQLite quietly opens a write-protected file read-only; say so now,
	 * before a read of a WAL file that cannot make its -shm fails as
	 * "attempt to write a readonly database", and not at the first answer. */
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		err_set(e, path, 0, "the records file is read-only (crsv-kiosk must "
		        "be able to write to it and to its folder)");
		goto fail;
	}

	if (is_empty_db(s, &empty, e) < 0)
		goto fail;
	if (empty && create_schema(s, e) < 0)
		goto fail;
	if (check_file(s, e) < 0 || check_pages(s, e) < 0)
		goto fail;
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	if (upgrade(s, e) < 0)
		goto fail;
	/* journal_mode is stored in the file; synchronous and foreign_keys are
	 * per connection, so they are set on every open. */
	if (set_wal(s, e) < 0)
		goto fail;
	if (sqlite3_exec(s->db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
	                 NULL, NULL, NULL) != SQLITE_OK) {
		db_err(s, e, "cannot configure");
		goto fail;
	}
	if (meta_get(s, "kiosk_id", &id, e) < 0)
		goto fail;
	if (!id || strlen(id) != STORE_UUID_LEN) {
		err_set(e, path, 0, "damaged records file: no kiosk id in meta");
		goto fail;
	}
	memcpy(s->kiosk_id, id, STORE_UUID_LEN + 1);
	free(id);
	id = NULL;
	if (identity(s, e) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	free(id);
	store_close(s);
	return -1;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	/* The last connection to close checkpoints the WAL into the file and
	 * removes it. */
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *store_kiosk_id(const struct store *s)
{
	return s->kiosk_id;
}

struct sqlite3 *store_test_db(struct store *s)
{
	return s->db;
}

/* ---- recording ------------------------------------------------------------ */

int store_session_begin(struct store *s, const char *lang, int participants,
                        int64_t now, char uuid[STORE_UUID_LEN + 1],
                        struct err *e)
{
	char id[STORE_UUID_LEN + 1];
	if (!lang || !*lang)
		return err_set(e, s->path, 0, "a session needs a language");
	if (participants < 1)
		return err_set(e, s->path, 0, "a session needs at least one "
		               "participant (got %d)", participants);
	if (make_uuid(s, id, e) < 0 ||
	    insert_logged(s, "sessions", id, e, "INSERT INTO sessions (uuid, kiosk_id, lang, "
	                  "participants, started_at) VALUES (?, ?, ?, ?, ?)", "tttiI",
	                  id, s->kiosk_id, lang, participants, now) < 0)
		return -1;
	memcpy(uuid, id, sizeof id);
	return 0;
}

int store_session_end(struct store *s, const char *session_uuid, int64_t now,
                      struct err *e)
{
	if (!session_uuid)
		return err_set(e, s->path, 0, "no session to end");
	if (tx_begin(s, e) < 0)
		return -1;
	if (run(s, e, "UPDATE sessions SET ended_at = ? WHERE uuid = ? AND "
	        "ended_at IS NULL", "It", now, session_uuid) < 0)
		goto fail;
	if (sqlite3_changes(s->db) != 1) {
		err_set(e, s->path, 0, "no open session %s", session_uuid);
		goto fail;
	}
	if (ledger_append(s->db, "sessions", session_uuid, e) < 0)
		goto fail;
	return tx_commit(s, e);
fail:
	tx_rollback(s);
	return -1;
}

/* Who a row is about, as the schema's CHECKs want it: a personnel row has
 * a person_ref and no session, a community row a session and nothing that
 * identifies a person.  The CHECKs say the same; saying it here gives a
 * message a programmer can act on.  `what` names the row ("completion"). */
static int check_who(struct store *s, const char *what, const char *mode,
                     const char *person_ref, const char *session_uuid,
                     struct err *e)
{
	int personnel = mode && !strcmp(mode, "personnel");
	int community = mode && !strcmp(mode, "community");
	if (!personnel && !community)
		return err_set(e, s->path, 0, "unknown mode \"%s\"", mode ? mode : "(null)");
	if (personnel && (!person_ref || !*person_ref || session_uuid))
		return err_set(e, s->path, 0, "a personnel %s needs a person_ref and no "
		               "session", what);
	if (community && (person_ref || !session_uuid))
		return err_set(e, s->path, 0, "a community %s needs a session and must not "
		               "have a person_ref", what);
	return 0;
}

/* A module's key, language and content version, which every completion
 * and read names. */
static int check_module(struct store *s, const char *what, const char *module_id,
                        const char *lang, const char *content_version,
                        struct err *e)
{
	if (!module_id || !*module_id || !lang || !*lang || !content_version)
		return err_set(e, s->path, 0, "a %s needs a module, a language and a content "
		               "version", what);
	return 0;
}

int store_completion_begin(struct store *s, const struct completion_start *c,
                           char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	char id[STORE_UUID_LEN + 1];
	if (check_who(s, "completion", c->mode, c->person_ref, c->session_uuid, e) < 0 ||
	    check_module(s, "completion", c->module_id, c->lang, c->content_version, e) < 0)
		return -1;
	if (c->max_score < 0)
		return err_set(e, s->path, 0, "a completion needs max_score >= 0");
	if (make_uuid(s, id, e) < 0 ||
	    insert_logged(s, "completions", id, e, "INSERT INTO completions (uuid, kiosk_id, "
	                  "mode, person_ref, session_uuid, module_id, lang, content_version, "
	                  "max_score, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                  "ttttttttiI", id, s->kiosk_id, c->mode, c->person_ref,
	                  c->session_uuid, c->module_id, c->lang, c->content_version,
	                  c->max_score, c->started_at) < 0)
		return -1;
	memcpy(uuid, id, sizeof id);
	return 0;
}

int store_read(struct store *s, const struct read_done *r, struct err *e)
{
	char id[STORE_UUID_LEN + 1];
	if (check_who(s, "read", r->mode, r->person_ref, r->session_uuid, e) < 0 ||
	    check_module(s, "read", r->module_id, r->lang, r->content_version, e) < 0)
		return -1;
	if (make_uuid(s, id, e) < 0)
		return -1;
	return insert_logged(s, "reads", id, e, "INSERT INTO reads (uuid, kiosk_id, mode, "
	                     "person_ref, session_uuid, module_id, lang, content_version, "
	                     "opened_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                     "ttttttttII", id, s->kiosk_id, r->mode, r->person_ref,
	                     r->session_uuid, r->module_id, r->lang, r->content_version,
	                     r->opened_at, r->read_at);
}

/* 0 when the completion exists and has no result yet: answers and a result
 * belong to a quiz in progress, never to one already shown as done. */
static int completion_open(struct store *s, const char *uuid, struct err *e)
{
	sqlite3_stmt *st = prep(s, e, "SELECT finished_at IS NULL FROM completions "
	                        "WHERE uuid = ?", "t", uuid);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	int open = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	if (rc == SQLITE_ROW && !open)
		err_set(e, s->path, 0, "completion %s is already finished", uuid);
	else if (rc == SQLITE_DONE)
		err_set(e, s->path, 0, "no completion %s", uuid);
	else if (rc != SQLITE_ROW)
		db_err(s, e, "cannot read completions");
	sqlite3_finalize(st);
	return open ? 0 : -1;
}

int store_answer(struct store *s, const char *completion_uuid,
                 const char *question_id, const char *chosen, int correct,
                 int64_t now, struct err *e)
{
	char id[STORE_UUID_LEN + 1];
	if (!completion_uuid || !question_id || !*question_id || !chosen)
		return err_set(e, s->path, 0, "an answer needs a completion, a "
		               "question id and the choices");
	if (make_uuid(s, id, e) < 0 || tx_begin(s, e) < 0)
		return -1;
	if (completion_open(s, completion_uuid, e) < 0)
		goto fail;
	if (run(s, e, "INSERT INTO answers (uuid, completion_uuid, question_id, "
	        "chosen, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)", "ttttiI",
	        id, completion_uuid, question_id, chosen, correct ? 1 : 0, now) < 0 ||
	    ledger_append(s->db, "answers", id, e) < 0)
		goto fail;
	return tx_commit(s, e);
fail:
	tx_rollback(s);
	return -1;
}

int store_completion_finish(struct store *s, const char *completion_uuid,
                            int score, int passed, int64_t now, struct err *e)
{
	if (!completion_uuid)
		return err_set(e, s->path, 0, "no completion to finish");
	if (tx_begin(s, e) < 0)
		return -1;
	if (completion_open(s, completion_uuid, e) < 0)
		goto fail;
	if (run(s, e, "UPDATE completions SET score = ?, passed = ?, "
	        "finished_at = ? WHERE uuid = ?", "iiIt",
	        score, passed ? 1 : 0, now, completion_uuid) < 0 ||
	    ledger_append(s->db, "completions", completion_uuid, e) < 0)
		goto fail;
	return tx_commit(s, e);
fail:
	tx_rollback(s);
	return -1;
}

/* The one integer (0 or 1) an EXISTS query returns. */
static int exists(struct store *s, struct err *e, int *yes, const char *sql,
                  const char *a, const char *b)
{
	*yes = 0;
	sqlite3_stmt *st = prep(s, e, sql, "tt", a, b);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*yes = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_err(s, e, "cannot read the records");
}

int store_person_passed(struct store *s, const char *person_ref,
                        const char *module_id, int *passed, struct err *e)
{
	return exists(s, e, passed, "SELECT EXISTS (SELECT 1 FROM completions "
	              "WHERE person_ref = ? AND module_id = ? AND "
	              "mode = 'personnel' AND passed = 1)", person_ref, module_id);
}

int store_session_covered(struct store *s, const char *session_uuid,
                          const char *module_id, int *covered, struct err *e)
{
	/* ?1 the session, ?2 the module (both subqueries use them) */
	return exists(s, e, covered, "SELECT EXISTS (SELECT 1 FROM reads WHERE "
	              "session_uuid = ?1 AND module_id = ?2) OR EXISTS (SELECT 1 FROM "
	              "completions WHERE session_uuid = ?1 AND module_id = ?2 AND "
	              "finished_at IS NOT NULL)", session_uuid, module_id);
}

/* ---- the admin PIN ---------------------------------------------------------- */

static int pin_valid(const char *pin)
{
	size_t n = strlen(pin);
	if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return 0;
	return 1;
}

/* The wait before the next try after `failures` wrong PINs in a row: a few
 * slips cost nothing, guessing all 10^4 four-digit PINs costs months. */
static int64_t pin_delay_ms(int64_t failures)
{
	if (failures <= PIN_FREE_FAILURES)
		return 0;
	int64_t d = PIN_FIRST_DELAY_MS;
	for (int64_t i = PIN_FREE_FAILURES + 1; i < failures && d < PIN_MAX_DELAY_MS; i++)
		d *= 2;
	return d < PIN_MAX_DELAY_MS ? d : PIN_MAX_DELAY_MS;
}

static void pin_hash(const char *pin, const uint8_t *salt, unsigned iterations,
                     uint8_t out[PIN_HASH_LEN])
{
	pbkdf2_hmac_sha256(strlen(pin), (const uint8_t *)pin, iterations,
	                   PIN_SALT_LEN, salt, PIN_HASH_LEN, out);
}

int store_set_name(struct store *s, const char *name, struct err *e)
{
	size_t len = name ? strlen(name) : 0, chars = 0;
	if (!len || utf8_check(name, len) != (size_t)-1)
		return err_set(e, s->path, 0, "the kiosk name must be 1 to 60 characters of text");
	for (size_t i = 0; i < len; chars++) {
		size_t used;
		unsigned cp = utf8_decode(name + i, len - i, &used);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return err_set(e, s->path, 0, "the kiosk name may not hold control characters");
		i += used;
	}
	if (chars > 60)
		return err_set(e, s->path, 0, "the kiosk name must be 1 to 60 characters of text");
	return meta_set(s, "kiosk_name", name, e);
}

int store_bundle_seen(struct store *s, int64_t release, int64_t now_s, int64_t *highest,
                      int64_t *latest, struct err *e)
{
	if (meta_get_int(s, "bundle_release_max", 0, 0, INT64_MAX, highest, e) < 0 ||
	    meta_get_int(s, "clock_max", 0, 0, INT64_MAX, latest, e) < 0)
		return -1;
	if (release > *highest && meta_set_int(s, "bundle_release_max", release, e) < 0)
		return -1;
	if (now_s > *latest && meta_set_int(s, "clock_max", now_s, e) < 0)
		return -1;
	return 0;
}

/* meta key_next_<id> = "<public key, base64> <id of the key that handed
 * over>"; key_retired_<id> = "1". */
static int is_retired(struct store *s, const char *id, int *retired, struct err *e)
{
	char key[64], *v = NULL;
	snprintf(key, sizeof key, "key_retired_%s", id);
	int rc = meta_get(s, key, &v, e);
	free(v);
	*retired = rc > 0;
	return rc < 0 ? -1 : 0;
}

static void add_key(struct sign_key **out, size_t *n, const struct sign_key *k)
{
	for (size_t i = 0; i < *n; i++)
		if (!memcmp((*out)[i].pub, k->pub, SIGN_KEY_SIZE))
			return;
	*out = xrealloc(*out, (*n + 1) * sizeof **out);
	(*out)[(*n)++] = *k;
}

int store_trusted_keys(struct store *s, const struct sign_key *given, size_t ngiven,
                       struct sign_key **out, size_t *nout, struct err *e)
{
	char id[2 * SIGN_ID_SIZE + 1];
	int retired, rc = -1;
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < ngiven; i++) {
		sign_key_id_hex(&given[i], id);
		if (is_retired(s, id, &retired, e) < 0)
			goto done;
		if (!retired)
			add_key(out, nout, &given[i]);
	}
	st = prep(s, e, "SELECT substr(key, 10), value FROM meta WHERE key LIKE 'key_next_%'", "");
	if (!st)
		goto done;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 1);
		char pub64[64];
		struct sign_key k;
		uint8_t pub[SIGN_KEY_SIZE];
		if (!v || sscanf(v, "%63s", pub64) != 1 || sign_unbase64(pub64, pub, SIGN_KEY_SIZE) < 0)
			continue;   /* not as this kiosk writes it: not trusted */
		sign_key_from_public(&k, pub);
		sign_key_id_hex(&k, id);
		if (is_retired(s, id, &retired, e) < 0)
			goto done;
		if (!retired)
			add_key(out, nout, &k);
	}
	rc = 0;
done:
	sqlite3_finalize(st);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*nout = 0;
	}
	return rc;
}

int store_note_rotation(struct store *s, const struct seal *sl, struct err *e)
{
	char key[64], *announced = NULL, by[2 * SIGN_ID_SIZE + 1] = "";
	if (!sl->is_signed)
		return 0;
	if (tx_begin(s, e) < 0)
		return -1;
	for (size_t i = 0; i < sl->nnext; i++) {
		struct sign_key k;
		char id[2 * SIGN_ID_SIZE + 1], *pub = sign_base64(sl->next[i], SIGN_KEY_SIZE);
		sign_key_from_public(&k, sl->next[i]);
		sign_key_id_hex(&k, id);
		snprintf(key, sizeof key, "key_next_%s", id);
		char *value = xconcat(pub, " ", sl->key_id, NULL);
		int rc = run(s, e, "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)", "tt",
		             key, value);   /* ?1 key_next_<id>, ?2 "<pub> <announcer>" */
		free(value);
		free(pub);
		if (rc < 0)
			goto fail;
	}
	/* signed by a key handed over to: the key that handed over retires */
	snprintf(key, sizeof key, "key_next_%s", sl->key_id);
	if (meta_get(s, key, &announced, e) < 0)
		goto fail;
	if (announced && sscanf(announced, "%*s %16s", by) == 1) {
		snprintf(key, sizeof key, "key_retired_%s", by);
		if (meta_set(s, key, "1", e) < 0)
			goto fail;
	}
	free(announced);
	return tx_commit(s, e);
fail:
	free(announced);
	tx_rollback(s);
	return -1;
}

int store_name(struct store *s, char **name, struct err *e)
{
	*name = NULL;
	return meta_get(s, "kiosk_name", name, e) < 0 ? -1 : 0;
}

/* The kiosk's name for a file name: ASCII letters and digits lowercased,
 * every other run of characters one '-', at most 40 bytes; "" without a
 * name.  Sticks are read on many systems: nothing else is safe there. */
static void name_slug(struct store *s, char *out, size_t n)
{
	char *name = NULL;
	size_t o = 0;
	int dash = 0;
	out[0] = '\0';
	if (meta_get(s, "kiosk_name", &name, NULL) < 0 || !name)
		return;
	for (const char *c = name; *c && o + 2 < n && o < 40; c++) {
		char ch = *c;
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z')) {
			if (dash && o)
				out[o++] = '-';
			out[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[o] = '\0';
	free(name);
}

int store_set_pin(struct store *s, const char *pin, struct err *e)
{
	uint8_t salt[PIN_SALT_LEN], hash[PIN_HASH_LEN];
	char salt_hex[2 * PIN_SALT_LEN + 1], hash_hex[2 * PIN_HASH_LEN + 1];
	unsigned long iterations = store_pin_iterations;
	if (!pin || !pin_valid(pin))
		return err_set(e, s->path, 0, "the PIN must be %d to %d digits",
		               PIN_MIN_DIGITS, PIN_MAX_DIGITS);
	if (iterations < 1 || iterations > PIN_MAX_ITERATIONS)
		iterations = 100000;
	/* A new salt for every PIN: the same PIN on two kiosks (or set twice)
	 * gives different hashes, so one table of precomputed hashes does not
	 * serve for all. */
	if (random_bytes(salt, sizeof salt) < 0)
		return err_set(e, s->path, 0, "cannot get random bytes: %s",
		               strerror(errno));
	pin_hash(pin, salt, (unsigned)iterations, hash);
	hex_encode(salt, sizeof salt, salt_hex);
	hex_encode(hash, sizeof hash, hash_hex);
	if (tx_begin(s, e) < 0)
		return -1;
	if (meta_set(s, "pin_hash", hash_hex, e) < 0 ||
	    meta_set(s, "pin_salt", salt_hex, e) < 0 ||
	    meta_set_int(s, "pin_iterations", (int64_t)iterations, e) < 0 ||
	    meta_set_int(s, "pin_failures", 0, e) < 0 ||
	    run(s, e, "DELETE FROM meta WHERE key = 'pin_failed_at'", "") < 0) {
		tx_rollback(s);
		return -1;
	}
	return tx_commit(s, e);
}

int store_has_pin(struct store *s)
{
	char *v = NULL;
	int rc = meta_get(s, "pin_hash", &v, NULL);
	free(v);
	return rc == 1;
}

int store_check_pin(struct store *s, const char *pin, int64_t now, int *ok,
                    int64_t *wait_ms, struct err *e)
{
	char *hash_hex = NULL, *salt_hex = NULL;
	uint8_t salt[PIN_SALT_LEN], want[PIN_HASH_LEN], got[PIN_HASH_LEN];
	int64_t iterations, failures, failed_at, delay, wait = 0;
	int rc = -1;
	*ok = 0;
	if (wait_ms)
		*wait_ms = 0;
	if (!pin)
		return err_set(e, s->path, 0, "no PIN given");
	/* One transaction from reading the failure count to storing the new
	 * one: two tries at once cannot both be counted as the first. */
	if (tx_begin(s, e) < 0)
		return -1;
	if (meta_get(s, "pin_hash", &hash_hex, e) < 0 ||
	    meta_get(s, "pin_salt", &salt_hex, e) < 0)
		goto out;
	if (!hash_hex) {
		err_set(e, s->path, 0, "no admin PIN is set (set one with "
		        "crsv-kiosk --set-pin)");
		goto out;
	}
	if (!salt_hex || hex_decode(hash_hex, want, sizeof want) < 0 ||
	    hex_decode(salt_hex, salt, sizeof salt) < 0) {
		err_set(e, s->path, 0, "damaged records file: the admin PIN cannot "
		        "be read (set it again with crsv-kiosk --set-pin)");
		goto out;
	}
	if (meta_get_int(s, "pin_iterations", -1, 1, PIN_MAX_ITERATIONS,
	                 &iterations, e) < 0 ||
	    meta_get_int(s, "pin_failures", 0, 0, INT32_MAX, &failures, e) < 0 ||
	    meta_get_int(s, "pin_failed_at", 0, INT64_MIN, INT64_MAX, &failed_at,
	                 e) < 0)
		goto out;
	if (iterations < 1) {
		err_set(e, s->path, 0, "damaged records file: no pin_iterations");
		goto out;
	}
	delay = pin_delay_ms(failures);
	if (delay > 0 && now < failed_at) {
		/* The clock went back (no network, a flat clock battery): count
		 * the wait from now rather than lock the admin out until the
		 * clock catches up. */
		if (meta_set_int(s, "pin_failed_at", now, e) < 0)
			goto out;
		failed_at = now;
	}
	if (delay > 0 && now - failed_at < delay) {
		/* Too early: refused without looking at the PIN, so guessing
		 * faster than the delay gains nothing. */
		wait = delay - (now - failed_at);
		rc = 0;
		goto out;
	}
	pin_hash(pin, salt, (unsigned)iterations, got);
	/* memeql_sec takes as long for a near miss as for a far one. */
	*ok = pin_valid(pin) && memeql_sec(got, want, sizeof want);
	if (*ok) {
		if (meta_set_int(s, "pin_failures", 0, e) < 0 ||
		    run(s, e, "DELETE FROM meta WHERE key = 'pin_failed_at'", "") < 0)
			goto out;
	} else {
		failures++;
		if (meta_set_int(s, "pin_failures", failures, e) < 0 ||
		    meta_set_int(s, "pin_failed_at", now, e) < 0)
			goto out;
		wait = pin_delay_ms(failures);
	}
	rc = 0;
out:
	free(hash_hex);
	free(salt_hex);
	if (rc == 0 && tx_commit(s, e) < 0)
		rc = -1;
	if (rc < 0) {
		tx_rollback(s);
		*ok = 0;
		wait = 0;
	}
	if (wait_ms)
		*wait_ms = wait;
	return rc;
}

/* ---- the admin screen -------------------------------------------------------- */

int store_counts(struct store *s,
                 void (*fn)(void *ctx, const char *module_id, const char *mode,
                            int completions, int passed),
                 void *ctx, struct err *e)
{
	/* Only finished quizzes count as completions: one left at the idle
	 * timeout is not a completion, though its answers stay recorded.  The
	 * store does not know the bundle's module order: module keys sort by
	 * track folder, then by the modules' numbered folders. */
	sqlite3_stmt *st = prep(s, e, "SELECT module_id, mode, count(*), "
	                        "total(passed) FROM completions WHERE finished_at "
	                        "IS NOT NULL GROUP BY module_id, mode "
	                        "ORDER BY module_id, mode", "");
	int rc;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0),
		   (const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2),
		   sqlite3_column_int(st, 3));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, e, "cannot read completions");
}

/* Copy every page of `from` into `to` in one step, so the copy is one
 * consistent snapshot (committed WAL content included). */
static int backup_all(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b)
		return sqlite3_errcode(to);
	int rc = sqlite3_backup_step(b, -1);
	int rc2 = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? rc2 : rc;
}

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* Some file systems cannot sync a folder; the rename is then as safe
	 * as they make it. */
	int rc = fsync(fd) < 0 && errno != EINVAL ? -1 : 0;
	close(fd);
	return rc;
}

/* The exported copy must be a whole, sound records file before it gets
 * its final name. */
static int verify_copy(const char *tmp, struct err *e, const char *final)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
		err_set(e, final, 0, "cannot read back the copy: %s",
		        db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_text(st, 0) ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		err_set(e, final, 0, "the copy is damaged: %s",
		        sqlite3_column_text(st, 0)
		            ? (const char *)sqlite3_column_text(st, 0)
		            : sqlite3_errmsg(db));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

int store_export(struct store *s, const char *dir, int64_t now, char **path,
                 struct err *e)
{
	char stamp[32];
	struct tm tm;
	time_t t = (time_t)(now / 1000);
	sqlite3 *mem = NULL, *dst = NULL;
	char *final = NULL, *tmp = NULL, *name = NULL;
	int64_t page_size = 0;
	int rc = -1;
	*path = NULL;
	if (!fs_is_dir(dir))
		return err_set(e, dir, 0, "cannot export: no such folder (is the "
		               "USB stick plugged in?)");
	if (!gmtime_r(&t, &tm) ||
	    !strftime(stamp, sizeof stamp, "%Y-%m-%dT%H%M%SZ", &tm))
		return err_set(e, s->path, 0, "cannot format the time %lld",
		               (long long)now);
	char slug[48];
	name_slug(s, slug, sizeof slug);
	name = xasprintf("crsv-records-%s%s%.8s-%s.db", slug, *slug ? "-" : "", s->kiosk_id, stamp);
	final = *dir ? xconcat(dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name,
	                       (char *)NULL)
	             : xstrdup(name);
	/* The pid keeps two kiosks exporting to one stick from sharing a
	 * temporary file; a crash leaves only a ".tmp-" name behind, never a
	 * half copy under the final one. */
	tmp = xasprintf("%s.tmp-%ld", final, (long)getpid());
	if (unlink(tmp) < 0 && errno != ENOENT) {
		err_set(e, tmp, 0, "cannot write: %s", strerror(errno));
		goto out;
	}

	/* First a snapshot in memory, where the PIN hash is removed before
	 * anything reaches the stick: a hash of a few digits is reversed in
	 * seconds by trying them all, and the copy leaves the kiosk. */
	/* the copy says when it was taken: the officer's merge keeps the last
	 * export time of each kiosk, to show one not collected for long */
	if (meta_set_int(s, "exported_at", now, e) < 0 ||
	    query_int(s, "PRAGMA page_size", &page_size, e) < 0)
		goto out;
	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(e, s->path, 0, "cannot export: out of memory");
		goto out;
	}
	{
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA page_size = %lld", (long long)page_size);
		sqlite3_exec(mem, sql, NULL, NULL, NULL);
	}
	if (backup_all(mem, s->db) != SQLITE_OK) {
		err_set(e, s->path, 0, "cannot export: %s", sqlite3_errmsg(mem));
		goto out;
	}
	if (sqlite3_exec(mem, "PRAGMA secure_delete = ON; "
	                 "DELETE FROM meta WHERE key LIKE 'pin\\_%' ESCAPE '\\' OR "
	                 "key IN ('kiosk_secret', 'instance_file')",
	                 NULL, NULL, NULL) != SQLITE_OK) {
		err_set(e, s->path, 0, "cannot export: %s", sqlite3_errmsg(mem));
		goto out;
	}
	if (sign_checkpoint(s, mem, e) < 0)
		goto out;

	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                    NULL) != SQLITE_OK) {
		err_set(e, tmp, 0, "cannot write: %s",
		        dst ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	/* A plain rollback-journal file: a WAL file would need -wal and -shm
	 * beside it and could not be read from a read-only stick. */
	if (backup_all(dst, mem) != SQLITE_OK ||
	    sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) !=
	            SQLITE_OK) {
		err_set(e, tmp, 0, "cannot write: %s", sqlite3_errmsg(dst));
		goto out;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		err_set(e, tmp, 0, "cannot write: %s", sqlite3_errmsg(dst));
		goto out;
	}
	dst = NULL;
	if (fsync_path(tmp, O_RDONLY) < 0) {
		err_set(e, tmp, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (verify_copy(tmp, e, final) < 0)
		goto out;
	if (rename(tmp, final) < 0) {
		err_set(e, final, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	/* The stick may be pulled as soon as the screen says done. */
	if (fsync_path(*dir ? dir : ".", O_RDONLY | O_DIRECTORY) < 0) {
		err_set(e, final, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	*path = final;
	final = NULL;
	rc = 0;
out:
	sqlite3_close(mem);
	sqlite3_close(dst);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	free(final);
	free(name);
	return rc;
}
