/* test_store.c - the kiosk's records file (kiosk/store.c): creating and
 * reopening it, refusing files that are not ours without touching them,
 * durability settings, the rows each call writes (checked in SQL from a
 * second connection), the admin PIN and its delays, counts, export, and
 * answers surviving a process killed at a random moment. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <nettle/pbkdf2.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "store.h"
#include "ledger.h"

/* Internal knobs of store.c (not in store.h). */
extern unsigned long store_pin_iterations;
sqlite3 *store_test_db(struct store *s);

#define T0 INT64_C(1700000000000)   /* 2023-11-14T22:13:20Z */
#define FAST_ITERATIONS 1000

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	tmpdir = tu_mkdtemp();
	/* The shipped count is the real one; the suites only lower it so that
	 * valgrind runs stay short (test_pin_default_iterations uses it). */
	assert_int_equal(store_pin_iterations, 100000);
	store_pin_iterations = FAST_ITERATIONS;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(tmpdir);
	tmpdir = NULL;
	store_pin_iterations = 100000;
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

static char *tpath(const char *name)
{
	return fs_join(tmpdir, name);
}

static struct store *open_ok(const char *path)
{
	struct store *s = NULL;
	struct err e = {0};
	if (store_open(&s, path, &e) < 0)
		fail_msg("store_open %s: %s", path, e.msg);
	assert_non_null(s);
	return s;
}

static int is_uuid_v4(const char *u)
{
	if (!u || strlen(u) != STORE_UUID_LEN)
		return 0;
	for (int i = 0; i < STORE_UUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (u[i] != '-')
				return 0;
		} else if (!strchr("0123456789abcdef", u[i]) || !u[i]) {
			return 0;
		}
	}
	return u[14] == '4' && strchr("89ab", u[19]);
}

/* A second connection, as another process would have. */
static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail_msg("open %s: %s", path, db ? sqlite3_errmsg(db) : "?");
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static sqlite3_stmt *vq(sqlite3 *db, const char *sql, const char *args,
                        va_list ap)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(db));
	for (int i = 0; args[i]; i++)
		sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1,
		                  SQLITE_TRANSIENT);
	return st;
}

/* The first column of the first row as text (heap; NULL for SQL NULL or no
 * row); `args` has one 't' per text parameter. */
static char *q_text(sqlite3 *db, const char *sql, const char *args, ...)
{
	va_list ap;
	va_start(ap, args);
	sqlite3_stmt *st = vq(db, sql, args, ap);
	va_end(ap);
	char *v = NULL;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return v;
}

static long long q_int(sqlite3 *db, const char *sql, const char *args, ...)
{
	va_list ap;
	va_start(ap, args);
	sqlite3_stmt *st = vq(db, sql, args, ap);
	va_end(ap);
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: no row (%s)", sql, sqlite3_errmsg(db));
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Every row of the three record tables, in uuid order, as text. */
static char *dump(sqlite3 *db)
{
	static const char *const sql[] = {
		"SELECT * FROM sessions ORDER BY uuid",
		"SELECT * FROM completions ORDER BY uuid",
		"SELECT * FROM answers ORDER BY uuid",
	};
	struct buf b = {0};
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql[i], sqlite3_errmsg(db));
		buf_printf(&b, "%s\n", sql[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				buf_printf(&b, "%s|", v ? (const char *)v : "NULL");
			}
			buf_putc(&b, '\n');
		}
		sqlite3_finalize(st);
	}
	return buf_take(&b);
}

static char *read_bytes(const char *path, size_t *len)
{
	char *data = NULL;
	struct err e = {0};
	if (fs_read(path, &data, len, &e) < 0)
		fail_msg("read %s: %s", path, e.msg);
	return data;
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int side_file(const char *path, const char *suffix)
{
	char *p = xconcat(path, suffix, (char *)NULL);
	int r = exists(p);
	free(p);
	return r;
}

static int memmem_found(const char *hay, size_t n, const char *needle)
{
	size_t l = strlen(needle);
	for (size_t i = 0; l && i + l <= n; i++)
		if (!memcmp(hay + i, needle, l))
			return 1;
	return 0;
}

static void begin_personnel(struct store *s, const char *person,
                            const char *module, int max_score, int64_t t,
                            char uuid[STORE_UUID_LEN + 1])
{
	struct err e = {0};
	struct completion_start c = {
		.mode = "personnel", .person_ref = person, .module_id = module,
		.lang = "en", .content_version = "cv1", .max_score = max_score,
		.started_at = t,
	};
	if (store_completion_begin(s, &c, uuid, &e) < 0)
		fail_msg("completion_begin: %s", e.msg);
}

static void begin_community(struct store *s, const char *session,
                            const char *module, int max_score, int64_t t,
                            char uuid[STORE_UUID_LEN + 1])
{
	struct err e = {0};
	struct completion_start c = {
		.mode = "community", .session_uuid = session, .module_id = module,
		.lang = "fr", .content_version = "cv1", .max_score = max_score,
		.started_at = t,
	};
	if (store_completion_begin(s, &c, uuid, &e) < 0)
		fail_msg("completion_begin: %s", e.msg);
}

static void answer_ok(struct store *s, const char *comp, const char *q,
                      const char *chosen, int correct, int64_t t)
{
	struct err e = {0};
	if (store_answer(s, comp, q, chosen, correct, t, &e) < 0)
		fail_msg("store_answer %s: %s", q, e.msg);
}

static void finish_ok(struct store *s, const char *comp, int score, int passed,
                      int64_t t)
{
	struct err e = {0};
	if (store_completion_finish(s, comp, score, passed, t, &e) < 0)
		fail_msg("completion_finish: %s", e.msg);
}

/* ---- opening ------------------------------------------------------------- */

static void test_create_reopen(void **state)
{
	(void)state;
	char *path = tpath("create.db");
	char id[STORE_UUID_LEN + 1];
	struct store *s = open_ok(path);
	assert_true(is_uuid_v4(store_kiosk_id(s)));
	snprintf(id, sizeof id, "%s", store_kiosk_id(s));
	store_close(s);
	assert_true(exists(path));

	sqlite3 *db = raw_open(path);
	assert_int_equal(q_int(db, "PRAGMA application_id", ""), 0x43525352);
	assert_int_equal(q_int(db, "PRAGMA user_version", ""), 3);
	assert_int_not_equal(q_int(db, "PRAGMA application_id", ""),
	                     bundle_application_id());
	char *v = q_text(db, "SELECT value FROM meta WHERE key = 'kiosk_id'", "");
	assert_string_equal(v, id);
	free(v);
	sqlite3_close(db);

	s = open_ok(path);
	assert_string_equal(store_kiosk_id(s), id);
	store_close(s);

	/* Another new file gets another id. */
	char *other = tpath("create2.db");
	s = open_ok(other);
	assert_string_not_equal(store_kiosk_id(s), id);
	store_close(s);

	/* An empty file (touched, or its creation cut short) holds nothing to
	 * lose: it becomes a records file. */
	char *empty = tu_write(tmpdir, "empty.db", "");
	s = open_ok(empty);
	assert_true(is_uuid_v4(store_kiosk_id(s)));
	store_close(s);
	free(empty);
	free(other);
	free(path);
}

/* store_open on `path` fails with a message containing `sub` and leaves the
 * file's bytes as they were; `wal`: the file is in WAL mode, so reading it
 * may leave the -wal and -shm files any SQLite reader makes (their content
 * is checked by the caller), else nothing may appear beside it. */
static void refused_untouched_wal(const char *path, const char *sub, int wal)
{
	size_t n1, n2;
	char *before = read_bytes(path, &n1);
	struct store *s = (struct store *)1;
	struct err e = {0};
	assert_int_equal(store_open(&s, path, &e), -1);
	assert_null(s);
	assert_string_equal(e.file, path);
	assert_contains(e.msg, sub);
	char *after = read_bytes(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	if (!wal) {
		assert_false(side_file(path, "-wal"));
		assert_false(side_file(path, "-shm"));
	}
	assert_false(side_file(path, "-journal"));
	free(before);
	free(after);
}

static void refused_untouched(const char *path, const char *sub)
{
	refused_untouched_wal(path, sub, 0);
}

/* A records file with a damaged page is refused at open, before anything
 * is written to it: garbage over the root page of `completions`. */
static void test_damaged_page(void **state)
{
	(void)state;
	char *p = tpath("damaged.db");
	store_close(open_ok(p));
	sqlite3 *db = raw_open(p);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = "
	                                    "'completions'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long page = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7 + 3);
	FILE *f = fopen(p, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, (page - 1) * 4096, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	fclose(f);
	refused_untouched_wal(p, "the records file is damaged (", 1);
	free(p);
}

static void test_refuse_foreign(void **state)
{
	(void)state;
	sqlite3 *db;

	/* Some other program's database. */
	char *other = tpath("other.db");
	assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
	exec_ok(db, "CREATE TABLE t (x); INSERT INTO t VALUES (42);");
	sqlite3_close(db);
	refused_untouched(other, "not a crsv-kiosk records file");

	/* A kiosk bundle given as --records by mistake. */
	char *bundle = tpath("kiosk.bundle");
	assert_int_equal(sqlite3_open(bundle, &db), SQLITE_OK);
	exec_ok(db, bundle_schema_sql());
	exec_ok(db, "INSERT INTO meta VALUES ('generator', 'crsv-gen')");
	sqlite3_close(db);
	refused_untouched(bundle, "kiosk bundle, not a records file");

	/* Not SQLite at all, short and long. */
	char *garbage = tu_write(tmpdir, "garbage.db", "hello, this is not a database\n");
	refused_untouched(garbage, "not a crsv-kiosk records file");
	char big[8192];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 7 + 3);
	char *garbage2 = tu_write_n(tmpdir, "garbage2.db", big, sizeof big);
	refused_untouched(garbage2, "not a crsv-kiosk records file");

	/* A records file of another schema version. */
	char *future = tpath("future.db");
	store_close(open_ok(future));
	db = raw_open(future);
	exec_ok(db, "PRAGMA user_version = 99");
	sqlite3_close(db);
	refused_untouched_wal(future, "records schema version 99", 1);

	/* Another program's WAL database with changes not yet checkpointed:
	 * closing would normally copy them into the file; not here. */
	char *walled = tpath("walled.db");
	assert_int_equal(sqlite3_open(walled, &db), SQLITE_OK);
	exec_ok(db, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); "
	        "INSERT INTO t VALUES (1)");
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_close(db);
	char *walfile = xconcat(walled, "-wal", (char *)NULL);
	size_t wn1, wn2;
	char *wal1 = read_bytes(walfile, &wn1);
	assert_true(wn1 > 0);
	refused_untouched_wal(walled, "not a crsv-kiosk records file", 1);
	char *wal2 = read_bytes(walfile, &wn2);
	assert_int_equal(wn1, wn2);
	assert_memory_equal(wal1, wal2, wn1);
	free(wal1);
	free(wal2);
	free(walfile);
	free(walled);

	/* A folder that does not exist. */
	char *nowhere = tpath("no/such/folder/records.db");
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(&s, nowhere, &e), -1);
	assert_null(s);
	assert_contains(e.msg, "cannot open");

	free(nowhere);
	free(future);
	free(garbage2);
	free(garbage);
	free(bundle);
	free(other);
}

/* Whether opening `path` is refused as read-only, the reason said. */
static int refused_read_only(const char *path)
{
	struct store *s = NULL;
	struct err e = {0};
	int rc = store_open(&s, path, &e);
	if (s)
		store_close(s);
	return rc == -1 && !s && strstr(e.msg, "read-only") != NULL;
}

/* A write-protected records file is refused at start.  Root writes to
 * such a file anyway (CI runs as root), so as root the open is tried in a
 * child that has become `nobody`, as the kiosk's own unprivileged user
 * would be. */
static void test_read_only(void **state)
{
	(void)state;
	char *path = tpath("ro.db");
	store_close(open_ok(path));
	assert_int_equal(chmod(path, 0444), 0);
	if (geteuid() != 0) {
		assert_true(refused_read_only(path));
		free(path);
		return;
	}
	assert_int_equal(chmod(tmpdir, 0755), 0);   /* nobody may look in */
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0 || geteuid() == 0)
			_exit(3);
		_exit(refused_read_only(path) ? 0 : 1);
	}
	int status = 0;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);   /* 1: not refused; 3: still root */
	free(path);
}

static void test_pragmas(void **state)
{
	(void)state;
	char *path = tpath("pragmas.db");
	struct store *s = open_ok(path);
	sqlite3 *db = store_test_db(s);
	char *mode = q_text(db, "PRAGMA journal_mode", "");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(q_int(db, "PRAGMA synchronous", ""), 2);   /* FULL */
	assert_int_equal(q_int(db, "PRAGMA foreign_keys", ""), 1);
	store_close(s);

	/* Reopened: set again (synchronous is per connection). */
	s = open_ok(path);
	db = store_test_db(s);
	assert_int_equal(q_int(db, "PRAGMA synchronous", ""), 2);
	mode = q_text(db, "PRAGMA journal_mode", "");
	assert_string_equal(mode, "wal");
	free(mode);
	store_close(s);
	free(path);
}

/* ---- recording ------------------------------------------------------------- */

static void test_round_trip(void **state)
{
	(void)state;
	char *path = tpath("round.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	char sess[STORE_UUID_LEN + 1], c1[STORE_UUID_LEN + 1], c2[STORE_UUID_LEN + 1];

	assert_int_equal(store_session_begin(s, "fr", 17, T0, sess, &e), 0);
	begin_community(s, sess, "community/01-rights", 3, T0 + 1000, c1);
	answer_ok(s, c1, "q1", "a", 1, T0 + 2000);
	answer_ok(s, c1, "q2", "b,c", 0, T0 + 3000);
	answer_ok(s, c1, "q3", "a", 1, T0 + 4000);
	finish_ok(s, c1, 2, 1, T0 + 5000);
	assert_int_equal(store_session_end(s, sess, T0 + 6000, &e), 0);

	begin_personnel(s, "UN-12345", "policy/01-what-is-crsv", 2, T0 + 7000, c2);
	answer_ok(s, c2, "p1", "b", 0, T0 + 8000);
	answer_ok(s, c2, "p2", "a,d", 1, T0 + 9000);
	finish_ok(s, c2, 1, 0, T0 + 10000);
	const char *kiosk = store_kiosk_id(s);

	sqlite3 *db = raw_open(path);
	assert_int_equal(q_int(db, "SELECT count(*) FROM sessions WHERE uuid = ? AND "
	                       "kiosk_id = ? AND lang = 'fr' AND participants = 17 AND "
	                       "started_at = 1700000000000 AND ended_at = 1700000006000",
	                       "tt", sess, kiosk), 1);
	/* Community: no person, the session instead. */
	assert_int_equal(q_int(db, "SELECT count(*) FROM completions WHERE uuid = ? "
	                       "AND kiosk_id = ? AND mode = 'community' AND "
	                       "person_ref IS NULL AND session_uuid = ? AND "
	                       "module_id = 'community/01-rights' AND lang = 'fr' AND "
	                       "content_version = 'cv1' AND score = 2 AND max_score = 3 "
	                       "AND passed = 1 AND started_at = 1700000001000 AND "
	                       "finished_at = 1700000005000", "ttt", c1, kiosk, sess), 1);
	assert_int_equal(q_int(db, "SELECT count(*) FROM completions WHERE uuid = ? "
	                       "AND mode = 'personnel' AND person_ref = 'UN-12345' AND "
	                       "session_uuid IS NULL AND score = 1 AND max_score = 2 "
	                       "AND passed = 0 AND finished_at = 1700000010000",
	                       "t", c2), 1);
	assert_int_equal(q_int(db, "SELECT count(*) FROM completions WHERE "
	                       "mode = 'community' AND person_ref IS NOT NULL", ""), 0);
	assert_int_equal(q_int(db, "SELECT count(*) FROM answers WHERE "
	                       "completion_uuid = ? AND question_id = 'q2' AND "
	                       "chosen = 'b,c' AND correct = 0 AND "
	                       "answered_at = 1700000003000", "t", c1), 1);
	assert_int_equal(q_int(db, "SELECT count(*) FROM answers WHERE "
	                       "completion_uuid = ?", "t", c1), 3);
	assert_int_equal(q_int(db, "SELECT count(*) FROM answers WHERE "
	                       "completion_uuid = ? AND chosen = 'a,d' AND correct = 1",
	                       "t", c2), 1);

	/* Every UUID well-formed and distinct, the kiosk's among them. */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
	        "SELECT uuid FROM sessions UNION ALL SELECT uuid FROM completions "
	        "UNION ALL SELECT uuid FROM answers UNION ALL "
	        "SELECT value FROM meta WHERE key = 'kiosk_id'", -1, &st, NULL),
	        SQLITE_OK);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);
		if (!is_uuid_v4(u))
			fail_msg("not a v4 UUID: %s", u ? u : "NULL");
		n++;
	}
	sqlite3_finalize(st);
	assert_int_equal(n, 1 + 2 + 5 + 1);
	assert_int_equal(q_int(db, "SELECT count(DISTINCT u) FROM (SELECT uuid u FROM "
	                       "sessions UNION ALL SELECT uuid FROM completions UNION "
	                       "ALL SELECT uuid FROM answers UNION ALL SELECT value "
	                       "FROM meta WHERE key = 'kiosk_id')", ""), n);
	sqlite3_close(db);
	store_close(s);
	free(path);
}

static void test_answers_committed(void **state)
{
	(void)state;
	char *path = tpath("committed.db");
	struct store *s = open_ok(path);
	char c[STORE_UUID_LEN + 1];
	begin_personnel(s, "P-1", "m/1", 20, T0, c);
	sqlite3 *db = raw_open(path);
	assert_int_equal(q_int(db, "SELECT count(*) FROM completions WHERE uuid = ?",
	                       "t", c), 1);
	for (int i = 0; i < 20; i++) {
		char q[16];
		snprintf(q, sizeof q, "q%d", i);
		answer_ok(s, c, q, "a", i % 2, T0 + i);
		/* Before anything else happens in the store. */
		assert_int_equal(q_int(db, "SELECT count(*) FROM answers WHERE "
		                       "completion_uuid = ?", "t", c), i + 1);
		assert_int_equal(q_int(db, "SELECT count(*) FROM answers WHERE "
		                       "question_id = ?", "t", q), 1);
	}
	finish_ok(s, c, 10, 0, T0 + 100);
	assert_int_equal(q_int(db, "SELECT finished_at FROM completions WHERE uuid = ?",
	                       "t", c), T0 + 100);
	sqlite3_close(db);
	store_close(s);
	free(path);
}

static void test_record_errors(void **state)
{
	(void)state;
	char *path = tpath("errors.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	char sess[STORE_UUID_LEN + 1], c[STORE_UUID_LEN + 1], u[STORE_UUID_LEN + 1];
	const char *missing = "00000000-0000-4000-8000-000000000000";

	assert_int_equal(store_session_begin(s, "en", 0, T0, u, &e), -1);
	assert_contains(e.msg, "participant");
	assert_int_equal(store_session_begin(s, "en", 5, T0, sess, &e), 0);

	struct completion_start bad = {
		.mode = "community", .person_ref = "Jane", .session_uuid = sess,
		.module_id = "m/1", .lang = "en", .content_version = "cv",
		.max_score = 2, .started_at = T0,
	};
	/* Community never takes a person. */
	assert_int_equal(store_completion_begin(s, &bad, u, &e), -1);
	assert_contains(e.msg, "person_ref");
	bad.person_ref = NULL;
	bad.session_uuid = NULL;
	assert_int_equal(store_completion_begin(s, &bad, u, &e), -1);
	bad.session_uuid = missing;     /* no such session: foreign key */
	assert_int_equal(store_completion_begin(s, &bad, u, &e), -1);
	assert_contains(e.msg, "FOREIGN KEY");
	bad.mode = "personnel";
	bad.session_uuid = NULL;
	assert_int_equal(store_completion_begin(s, &bad, u, &e), -1);
	bad.person_ref = "";
	assert_int_equal(store_completion_begin(s, &bad, u, &e), -1);
	bad.mode = "guest";
	assert_int_equal(store_completion_begin(s, &bad, u, &e), -1);
	assert_contains(e.msg, "unknown mode");

	begin_personnel(s, "P-1", "m/1", 2, T0, c);
	assert_int_equal(store_answer(s, missing, "q1", "a", 1, T0, &e), -1);
	assert_contains(e.msg, "no completion");
	answer_ok(s, c, "q1", "a", 1, T0);
	/* One answer per question. */
	assert_int_equal(store_answer(s, c, "q1", "b", 0, T0, &e), -1);
	assert_int_equal(store_completion_finish(s, c, 3, 1, T0, &e), -1);  /* > max */
	finish_ok(s, c, 1, 0, T0 + 1);
	assert_int_equal(store_completion_finish(s, c, 2, 1, T0 + 2, &e), -1);
	assert_contains(e.msg, "already finished");
	assert_int_equal(store_answer(s, c, "q2", "a", 1, T0 + 3, &e), -1);
	assert_contains(e.msg, "already finished");
	assert_string_equal(e.file, path);

	assert_int_equal(store_session_end(s, sess, T0 + 4, &e), 0);
	assert_int_equal(store_session_end(s, sess, T0 + 5, &e), -1);
	assert_int_equal(store_session_end(s, missing, T0 + 5, &e), -1);

	/* Nothing of the refused calls was written, and the store still works. */
	sqlite3 *db = raw_open(path);
	assert_int_equal(q_int(db, "SELECT count(*) FROM completions", ""), 1);
	assert_int_equal(q_int(db, "SELECT count(*) FROM answers", ""), 1);
	assert_int_equal(q_int(db, "SELECT count(*) FROM sessions", ""), 1);
	assert_int_equal(q_int(db, "SELECT score FROM completions", ""), 1);
	assert_int_equal(q_int(db, "SELECT ended_at FROM sessions", ""), T0 + 4);
	/* The schema itself holds the line against a caller that skips the
	 * store: a community row with a person is refused. */
	char *sql = xasprintf("INSERT INTO completions (uuid, kiosk_id, mode, "
	                      "person_ref, session_uuid, module_id, lang, "
	                      "content_version, max_score, started_at) VALUES "
	                      "('%s', 'k', 'community', 'Jane', '%s', 'm', 'en', "
	                      "'cv', 1, 0)", missing, sess);
	assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	sqlite3_close(db);
	begin_personnel(s, "P-2", "m/1", 2, T0 + 10, c);
	store_close(s);
	free(path);
}

static void test_person_passed(void **state)
{
	(void)state;
	char *path = tpath("passed.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	char c[STORE_UUID_LEN + 1], sess[STORE_UUID_LEN + 1];
	int passed = -1;

	assert_int_equal(store_person_passed(s, "A-1", "m/1", &passed, &e), 0);
	assert_int_equal(passed, 0);
	begin_personnel(s, "A-1", "m/1", 2, T0, c);
	assert_int_equal(store_person_passed(s, "A-1", "m/1", &passed, &e), 0);
	assert_int_equal(passed, 0);                 /* begun is not passed */
	finish_ok(s, c, 0, 0, T0 + 1);
	assert_int_equal(store_person_passed(s, "A-1", "m/1", &passed, &e), 0);
	assert_int_equal(passed, 0);                 /* failed is not passed */
	begin_personnel(s, "A-1", "m/1", 2, T0 + 2, c);
	finish_ok(s, c, 2, 1, T0 + 3);
	assert_int_equal(store_person_passed(s, "A-1", "m/1", &passed, &e), 0);
	assert_int_equal(passed, 1);
	/* A later failure does not undo a pass. */
	begin_personnel(s, "A-1", "m/1", 2, T0 + 4, c);
	finish_ok(s, c, 0, 0, T0 + 5);
	assert_int_equal(store_person_passed(s, "A-1", "m/1", &passed, &e), 0);
	assert_int_equal(passed, 1);
	assert_int_equal(store_person_passed(s, "A-1", "m/2", &passed, &e), 0);
	assert_int_equal(passed, 0);
	assert_int_equal(store_person_passed(s, "B-2", "m/1", &passed, &e), 0);
	assert_int_equal(passed, 0);
	/* Community passes belong to no one. */
	assert_int_equal(store_session_begin(s, "en", 3, T0, sess, &e), 0);
	begin_community(s, sess, "m/3", 1, T0 + 6, c);
	finish_ok(s, c, 1, 1, T0 + 7);
	assert_int_equal(store_person_passed(s, "", "m/3", &passed, &e), 0);
	assert_int_equal(passed, 0);
	store_close(s);
	free(path);
}

/* ---- the admin PIN ---------------------------------------------------------- */

static void check(struct store *s, const char *pin, int64_t now, int want_ok,
                  int64_t want_wait)
{
	struct err e = {0};
	int ok = -1;
	int64_t wait = -1;
	if (store_check_pin(s, pin, now, &ok, &wait, &e) < 0)
		fail_msg("store_check_pin: %s", e.msg);
	if (ok != want_ok || wait != want_wait)
		fail_msg("PIN %s at +%lld ms: ok %d wait %lld, expected ok %d wait %lld",
		         pin, (long long)(now - T0), ok, (long long)wait, want_ok,
		         (long long)want_wait);
}

static long long failures(struct store *s)
{
	return q_int(store_test_db(s), "SELECT value FROM meta WHERE key = "
	             "'pin_failures'", "");
}

static void test_pin_delays(void **state)
{
	(void)state;
	char *path = tpath("pin.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	assert_false(store_has_pin(s));
	assert_int_equal(store_set_pin(s, "2468", &e), 0);
	assert_true(store_has_pin(s));

	check(s, "2468", T0, 1, 0);
	check(s, "1111", T0 + 1000, 0, 0);
	check(s, "1112", T0 + 2000, 0, 0);
	check(s, "1113", T0 + 3000, 0, 30000);
	assert_int_equal(failures(s), 3);
	/* Too early, even with the right PIN: refused without a look. */
	check(s, "2468", T0 + 13000, 0, 20000);
	check(s, "2468", T0 + 32999, 0, 1);
	assert_int_equal(failures(s), 3);
	/* The wait over, the right PIN works and clears the failures. */
	check(s, "2468", T0 + 33000, 1, 0);
	assert_int_equal(failures(s), 0);
	check(s, "9999", T0 + 34000, 0, 0);
	check(s, "9998", T0 + 34000, 0, 0);
	check(s, "2468", T0 + 34000, 1, 0);

	/* The schedule: two free, then 30 s doubling up to an hour. */
	static const int64_t waits[] = {
		0, 0, 30000, 60000, 120000, 240000, 480000, 960000, 1920000,
		3600000, 3600000, 3600000,
	};
	int64_t t = T0 + 100000;
	for (size_t i = 0; i < sizeof waits / sizeof *waits; i++) {
		check(s, "0000", t, 0, waits[i]);
		if (waits[i])
			check(s, "2468", t + waits[i] - 1, 0, 1);
		t += waits[i];
	}
	check(s, "2468", t, 1, 0);

	/* Setting a PIN clears the failures too. */
	check(s, "0000", t, 0, 0);
	check(s, "0000", t, 0, 0);
	check(s, "0000", t, 0, 30000);
	assert_int_equal(store_set_pin(s, "13579", &e), 0);
	check(s, "13579", t, 1, 0);
	check(s, "2468", t, 0, 0);   /* the old one no longer works */
	store_close(s);
	free(path);
}

static void test_pin_persists(void **state)
{
	(void)state;
	char *path = tpath("pin-persist.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	assert_int_equal(store_set_pin(s, "123456", &e), 0);
	check(s, "000000", T0, 0, 0);
	check(s, "000000", T0, 0, 0);
	check(s, "000000", T0, 0, 30000);
	store_close(s);

	/* Restarting the kiosk does not reset the count. */
	s = open_ok(path);
	assert_true(store_has_pin(s));
	check(s, "123456", T0 + 10000, 0, 20000);
	check(s, "123456", T0 + 30000, 1, 0);
	store_close(s);

	/* A clock set back (no network, flat battery) restarts the wait from
	 * the new time instead of locking the admin out until it catches up. */
	s = open_ok(path);
	check(s, "1", T0, 0, 0);
	check(s, "1", T0, 0, 0);
	check(s, "1", T0, 0, 30000);
	check(s, "123456", T0 - 86400000, 0, 30000);
	check(s, "123456", T0 - 86400000 + 29999, 0, 1);
	check(s, "123456", T0 - 86400000 + 30000, 1, 0);
	store_close(s);
	free(path);
}

static void test_pin_storage(void **state)
{
	(void)state;
	char *path = tpath("pin-store.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	sqlite3 *db = store_test_db(s);

	assert_int_equal(store_set_pin(s, "4711", &e), 0);
	char *hash1 = q_text(db, "SELECT value FROM meta WHERE key = 'pin_hash'", "");
	char *salt1 = q_text(db, "SELECT value FROM meta WHERE key = 'pin_salt'", "");
	assert_non_null(hash1);
	assert_non_null(salt1);
	assert_int_equal(strlen(hash1), 64);
	assert_int_equal(strlen(salt1), 32);
	assert_int_equal(q_int(db, "SELECT value FROM meta WHERE key = "
	                       "'pin_iterations'", ""), FAST_ITERATIONS);
	/* Nowhere in clear. */
	assert_int_equal(q_int(db, "SELECT count(*) FROM meta WHERE value = '4711'", ""), 0);

	/* It is PBKDF2-HMAC-SHA256 of the digits with the stored salt. */
	uint8_t salt[16], want[32];
	char hex[65];
	for (int i = 0; i < 16; i++)
		sscanf(salt1 + 2 * i, "%2hhx", &salt[i]);
	pbkdf2_hmac_sha256(4, (const uint8_t *)"4711", FAST_ITERATIONS, 16, salt,
	                   32, want);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", want[i]);
	assert_string_equal(hash1, hex);

	/* The same PIN again: a new salt, so a new hash. */
	assert_int_equal(store_set_pin(s, "4711", &e), 0);
	char *hash2 = q_text(db, "SELECT value FROM meta WHERE key = 'pin_hash'", "");
	char *salt2 = q_text(db, "SELECT value FROM meta WHERE key = 'pin_salt'", "");
	assert_string_not_equal(salt1, salt2);
	assert_string_not_equal(hash1, hash2);

	/* A check uses the round count stored with the hash, not today's. */
	store_pin_iterations = 3 * FAST_ITERATIONS;
	check(s, "4711", T0, 1, 0);
	store_pin_iterations = FAST_ITERATIONS;

	free(hash1);
	free(salt1);
	free(hash2);
	free(salt2);
	store_close(s);
	free(path);
}

static void test_pin_default_iterations(void **state)
{
	(void)state;
	char *path = tpath("pin-default.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	store_pin_iterations = 100000;
	assert_int_equal(store_set_pin(s, "80808080", &e), 0);
	store_pin_iterations = FAST_ITERATIONS;
	assert_int_equal(q_int(store_test_db(s), "SELECT value FROM meta WHERE key = "
	                       "'pin_iterations'", ""), 100000);
	check(s, "80808080", T0, 1, 0);
	store_close(s);
	free(path);
}

static void test_pin_invalid(void **state)
{
	(void)state;
	char *path = tpath("pin-bad.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	int ok = -1;
	int64_t wait = -1;

	/* No PIN yet: an error, not a wrong PIN. */
	assert_int_equal(store_check_pin(s, "1234", T0, &ok, &wait, &e), -1);
	assert_int_equal(ok, 0);
	assert_contains(e.msg, "--set-pin");

	static const char *const bad[] = {
		"", "12", "123", "abcd", "12a4", "1234567890123", " 1234", "1234\n",
		"١٢٣٤",   /* Arabic-Indic digits: not what the keypad types */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		memset(&e, 0, sizeof e);
		if (store_set_pin(s, bad[i], &e) != -1)
			fail_msg("PIN \"%s\" accepted", bad[i]);
		assert_contains(e.msg, "4 to 12 digits");
		assert_false(store_has_pin(s));
	}
	assert_int_equal(store_set_pin(s, "1234", &e), 0);
	assert_int_equal(store_set_pin(s, "123456789012", &e), 0);
	/* A malformed try is just a wrong PIN. */
	check(s, "12", T0, 0, 0);
	check(s, "123456789012", T0, 1, 0);
	store_close(s);
	free(path);
}

/* ---- admin: counts and export ------------------------------------------------ */

struct count_row {
	char module[64];
	char mode[16];
	int completions, passed;
};

struct counts {
	struct count_row rows[16];
	int n;
};

static void count_cb(void *ctx, const char *module, const char *mode,
                     int completions, int passed)
{
	struct counts *c = ctx;
	assert_true(c->n < 16);
	struct count_row *r = &c->rows[c->n++];
	snprintf(r->module, sizeof r->module, "%s", module);
	snprintf(r->mode, sizeof r->mode, "%s", mode);
	r->completions = completions;
	r->passed = passed;
}

static void fill(struct store *s)
{
	struct err e = {0};
	char c[STORE_UUID_LEN + 1], sess[STORE_UUID_LEN + 1];
	assert_int_equal(store_session_begin(s, "fr", 12, T0, sess, &e), 0);
	for (int i = 0; i < 3; i++) {      /* b/2 community: 3, 2 passed */
		begin_community(s, sess, "b/2", 2, T0 + i, c);
		answer_ok(s, c, "x", "a", i > 0, T0 + i);
		finish_ok(s, c, i > 0 ? 2 : 0, i > 0, T0 + i);
	}
	for (int i = 0; i < 2; i++) {      /* b/2 personnel: 2, 1 passed */
		begin_personnel(s, i ? "P-1" : "P-2", "b/2", 1, T0 + i, c);
		answer_ok(s, c, "y", "b", i, T0 + i);
		finish_ok(s, c, i, i, T0 + i);
	}
	begin_personnel(s, "P-1", "a/1", 1, T0, c);   /* a/1 personnel: 1, 0 */
	finish_ok(s, c, 0, 0, T0);
	/* Left unfinished: answers recorded, no completion counted. */
	begin_personnel(s, "P-3", "a/1", 4, T0, c);
	answer_ok(s, c, "z", "c", 1, T0);
	begin_personnel(s, "P-3", "c/3", 4, T0, c);
	assert_int_equal(store_session_end(s, sess, T0 + 100, &e), 0);
}

static void test_counts(void **state)
{
	(void)state;
	char *path = tpath("counts.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	struct counts c = {0};
	assert_int_equal(store_counts(s, count_cb, &c, &e), 0);
	assert_int_equal(c.n, 0);
	fill(s);
	assert_int_equal(store_counts(s, count_cb, &c, &e), 0);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.rows[0].module, "a/1");
	assert_string_equal(c.rows[0].mode, "personnel");
	assert_int_equal(c.rows[0].completions, 1);
	assert_int_equal(c.rows[0].passed, 0);
	assert_string_equal(c.rows[1].module, "b/2");
	assert_string_equal(c.rows[1].mode, "community");
	assert_int_equal(c.rows[1].completions, 3);
	assert_int_equal(c.rows[1].passed, 2);
	assert_string_equal(c.rows[2].module, "b/2");
	assert_string_equal(c.rows[2].mode, "personnel");
	assert_int_equal(c.rows[2].completions, 2);
	assert_int_equal(c.rows[2].passed, 1);
	store_close(s);
	free(path);
}

static void test_export(void **state)
{
	(void)state;
	char *path = tpath("export.db");
	char *stick = tpath("stick");
	struct store *s = open_ok(path);
	struct err e = {0};
	char *out = NULL;
	fill(s);
	assert_int_equal(store_set_pin(s, "5555", &e), 0);
	check(s, "0000", T0, 0, 0);
	/* Committed but still in the WAL: the copy must have it anyway. */
	struct stat wal;
	char *walpath = xconcat(path, "-wal", (char *)NULL);
	assert_int_equal(stat(walpath, &wal), 0);
	assert_true(wal.st_size > 0);
	free(walpath);

	/* No stick. */
	assert_int_equal(store_export(s, stick, T0, &out, &e), -1);
	assert_null(out);
	assert_contains(e.msg, "no such folder");
	assert_int_equal(mkdir(stick, 0755), 0);

	assert_int_equal(store_export(s, stick, T0, &out, &e), 0);
	/* without a name: the kiosk id's first 8 digits and the time */
	char *want = xasprintf("%s/crsv-records-%.8s-2023-11-14T221320Z.db", stick,
	                       store_kiosk_id(s));
	assert_string_equal(out, want);
	free(want);
	assert_int_equal(unlink(out), 0);
	free(out);
	/* with one: the name as file-safe ASCII first */
	assert_int_equal(store_set_name(s, "Camp A, tent 3 – Nyala", &e), 0);
	assert_int_equal(store_export(s, stick, T0, &out, &e), 0);
	want = xasprintf("%s/crsv-records-camp-a-tent-3-nyala-%.8s-2023-11-14T221320Z.db", stick,
	                 store_kiosk_id(s));
	assert_string_equal(out, want);
	free(want);
	assert_int_equal(store_set_name(s, "", &e), -1);
	assert_int_equal(store_set_name(s, "tab\there", &e), -1);
	assert_contains(e.msg, "control characters");
	assert_int_equal(store_set_name(s, "0123456789012345678901234567890123456789012345678901234567890", &e), -1);

	/* The only file there: no temporary left, no -wal or -journal. */
	char **names;
	size_t n;
	assert_int_equal(fs_list(stick, &names, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(out + strlen(stick) + 1, names[0]);
	fs_list_free(names, n);

	/* Sound, a plain rollback-journal file (readable from read-only
	 * media), ours, with the same rows. */
	size_t len;
	char *bytes = read_bytes(out, &len);
	assert_true(len > 100);
	assert_int_equal(bytes[18], 1);
	assert_int_equal(bytes[19], 1);
	sqlite3 *copy = NULL, *orig = store_test_db(s);
	assert_int_equal(sqlite3_open_v2(out, &copy, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	char *ok = q_text(copy, "PRAGMA integrity_check", "");
	assert_string_equal(ok, "ok");
	free(ok);
	assert_int_equal(q_int(copy, "PRAGMA application_id", ""), 0x43525352);
	assert_int_equal(q_int(copy, "PRAGMA user_version", ""), 3);
	char *d1 = dump(orig), *d2 = dump(copy);
	assert_string_equal(d1, d2);
	assert_int_equal(tu_count(d2, "\n"), 3 + 1 + 8 + 6);
	free(d1);
	free(d2);
	char *kid = q_text(copy, "SELECT value FROM meta WHERE key = 'kiosk_id'", "");
	assert_string_equal(kid, store_kiosk_id(s));
	free(kid);
	/* ... but not the PIN: its hash would give the digits away. */
	assert_int_equal(q_int(copy, "SELECT count(*) FROM meta WHERE key LIKE 'pin%'",
	                       ""), 0);
	char *hash = q_text(orig, "SELECT value FROM meta WHERE key = 'pin_hash'", "");
	char *salt = q_text(orig, "SELECT value FROM meta WHERE key = 'pin_salt'", "");
	assert_false(memmem_found(bytes, len, hash));
	assert_false(memmem_found(bytes, len, salt));
	free(hash);
	free(salt);
	free(bytes);
	sqlite3_close(copy);
	/* The kiosk's own file still has it. */
	assert_true(store_has_pin(s));
	check(s, "5555", T0 + 1, 1, 0);

	/* Later: a new name, and the first copy is left alone. */
	char *out2 = NULL;
	assert_int_equal(store_export(s, stick, T0 + 3600000, &out2, &e), 0);
	assert_string_not_equal(out, out2);
	assert_contains(out2, "2023-11-14T231320Z.db");
	assert_true(exists(out));
	free(out2);
	free(out);
	store_close(s);
	free(stick);
	free(path);
}

/* ---- crash safety ------------------------------------------------------------ */

/* The child: record answers as fast as it can and report each one on `fd`
 * only after store_answer returned, until it is killed. */
static void crash_child(const char *path, int fd, int round)
{
	struct store *s = NULL;
	struct err e = {0};
	char c[STORE_UUID_LEN + 1];
	if (store_open(&s, path, &e) < 0)
		_exit(2);
	for (int i = 0; i < 100000; i++) {
		char q[32], line[48];
		if (i % 7 == 0) {
			if (i && store_completion_finish(s, c, 3, 0, T0 + i, &e) < 0)
				_exit(3);
			struct completion_start cs = {
				.mode = "personnel", .person_ref = "K", .module_id = "m/1",
				.lang = "en", .content_version = "cv", .max_score = 7,
				.started_at = T0 + i,
			};
			if (store_completion_begin(s, &cs, c, &e) < 0)
				_exit(4);
		}
		snprintf(q, sizeof q, "r%d-q%d", round, i);
		if (store_answer(s, c, q, "a", 1, T0 + i, &e) < 0)
			_exit(5);
		int len = snprintf(line, sizeof line, "%d\n", i);
		if (write(fd, line, (size_t)len) != len)
			_exit(6);
	}
	_exit(0);
}

static void test_crash(void **state)
{
	(void)state;
	char *path = tpath("crash.db");
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	srand(seed);
	for (int round = 0; round < 3; round++) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			crash_child(path, fds[1], round);
		}
		close(fds[1]);
		/* Kill after a random number of acknowledged answers, at a random
		 * moment inside the next ones. */
		int want = 1 + rand() % 40, got = 0, last = -1;
		struct buf acks = {0};
		char chunk[256];
		ssize_t r;
		while (got < want && (r = read(fds[0], chunk, sizeof chunk)) > 0) {
			buf_put(&acks, chunk, (size_t)r);
			got = tu_count(acks.data, "\n");
		}
		struct timespec ts = {0, (long)(rand() % 3000) * 1000};
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (!WIFSIGNALED(status))
			fail_msg("child ended by itself (status %d), seed %u", status, seed);
		while ((r = read(fds[0], chunk, sizeof chunk)) > 0)
			buf_put(&acks, chunk, (size_t)r);
		close(fds[0]);

		/* Reopen as the kiosk would after the power came back. */
		struct store *s = open_ok(path);
		sqlite3 *db = store_test_db(s);
		char *ok = q_text(db, "PRAGMA integrity_check", "");
		assert_string_equal(ok, "ok");
		free(ok);
		assert_int_equal(q_int(db, "SELECT count(*) FROM pragma_foreign_key_check",
		                       ""), 0);
		int n = 0;
		for (char *p = acks.data, *nl; p && (nl = strchr(p, '\n')); p = nl + 1) {
			char q[32];
			int i = atoi(p);
			snprintf(q, sizeof q, "r%d-q%d", round, i);
			if (q_int(db, "SELECT count(*) FROM answers WHERE question_id = ?",
			          "t", q) != 1)
				fail_msg("acknowledged answer %s missing (seed %u)", q, seed);
			last = i;
			n++;
		}
		assert_true(n >= want);
		assert_int_equal(last, n - 1);
		/* At most the one answer in flight beyond those acknowledged. */
		char *like = xasprintf("r%d-q%%", round);
		long long stored = q_int(db, "SELECT count(*) FROM answers WHERE "
		                         "question_id LIKE ?", "t", like);
		free(like);
		assert_true(stored == n || stored == n + 1);
		store_close(s);
		buf_free(&acks);
	}
	free(path);
}

/* ---- the ledger ------------------------------------------------------------ */

/* A store with a session, a community quiz (3 answers, finished), ended. */
static char *ledger_fixture(const char *name)
{
	char *path = tpath(name);
	struct store *s = open_ok(path);
	struct err e = {0};
	char sess[STORE_UUID_LEN + 1], c1[STORE_UUID_LEN + 1];
	assert_int_equal(store_session_begin(s, "fr", 9, T0, sess, &e), 0);
	begin_community(s, sess, "community/01-rights", 3, T0 + 1000, c1);
	answer_ok(s, c1, "q1", "a", 1, T0 + 2000);
	answer_ok(s, c1, "q2", "b,c", 0, T0 + 3000);
	answer_ok(s, c1, "q3", "a", 1, T0 + 4000);
	finish_ok(s, c1, 2, 1, T0 + 5000);
	assert_int_equal(store_session_end(s, sess, T0 + 6000, &e), 0);
	store_close(s);
	return path;
}

static struct ledger_report checked(sqlite3 *db)
{
	struct ledger_report r;
	struct err e = {0};
	if (ledger_check(db, &r, NULL, NULL, &e) < 0)
		fail_msg("ledger_check: %s", e.msg);
	return r;
}

static void test_ledger(void **state)
{
	(void)state;
	char *path = ledger_fixture("ledger.db");
	sqlite3 *db = raw_open(path);
	/* every write and every completion: 1 + 1 + 3 + 1 (finished) + 1 (ended) */
	assert_int_equal(q_int(db, "SELECT count(*) FROM ledger", ""), 7);
	struct ledger_report r = checked(db);
	assert_int_equal(r.entries, 7);
	assert_true(!r.gaps && !r.broken && !r.edited && !r.deleted && !r.unrecorded);
	/* an answer changed after it was written */
	exec_ok(db, "UPDATE answers SET chosen = 'c' WHERE question_id = 'q1'");
	r = checked(db);
	assert_int_equal(r.edited, 1);
	/* an answer deleted */
	exec_ok(db, "DELETE FROM answers WHERE question_id = 'q2'");
	r = checked(db);
	assert_int_equal(r.deleted, 1);
	/* a row added around the kiosk */
	exec_ok(db, "INSERT INTO answers SELECT '99999999-9999-4999-8999-999999999999', "
	            "completion_uuid, 'q9', 'a', 1, 0 FROM answers LIMIT 1");
	r = checked(db);
	assert_int_equal(r.unrecorded, 1);
	/* an entry removed from the middle: a gap, and the next link breaks */
	exec_ok(db, "DELETE FROM ledger WHERE seq = 3");
	r = checked(db);
	assert_int_equal(r.gaps, 1);
	assert_true(r.broken >= 1);
	assert_int_equal(r.first_bad, 3);
	sqlite3_close(db);
	free(path);
}

/* A records file of version 1 (no ledger) is upgraded in place: its rows
 * in the ledger, then checked clean; opened again, nothing changes. */
static void test_ledger_upgrade(void **state)
{
	(void)state;
	char *path = ledger_fixture("old.db");
	sqlite3 *db = raw_open(path);
	exec_ok(db, "DROP TABLE ledger; DROP TABLE reads; PRAGMA user_version = 1");
	sqlite3_close(db);
	struct store *s = open_ok(path);
	store_close(s);
	db = raw_open(path);
	assert_int_equal(q_int(db, "PRAGMA user_version", ""), 3);
	assert_int_equal(q_int(db, "SELECT count(*) FROM reads", ""), 0);
	/* one entry a row: 1 session, 1 completion, 3 answers */
	assert_int_equal(q_int(db, "SELECT count(*) FROM ledger", ""), 5);
	struct ledger_report r = checked(db);
	assert_true(!r.gaps && !r.broken && !r.edited && !r.deleted && !r.unrecorded);
	sqlite3_close(db);
	s = open_ok(path);
	store_close(s);
	db = raw_open(path);
	assert_int_equal(q_int(db, "SELECT count(*) FROM ledger", ""), 5);
	sqlite3_close(db);
	free(path);
}

/* A module read: a row with the privacy line of a completion (community:
 * the session, nobody named; the schema refuses a person too), in the
 * ledger, and a session's covered modules (read, or its quiz finished). */
static void test_reads(void **state)
{
	(void)state;
	char *path = tpath("reads.db");
	struct store *s = open_ok(path);
	struct err e = {0};
	char sess[STORE_UUID_LEN + 1], other[STORE_UUID_LEN + 1], c[STORE_UUID_LEN + 1];
	int yes = -1;
	assert_int_equal(store_session_begin(s, "fr", 12, T0, sess, &e), 0);
	assert_int_equal(store_session_begin(s, "fr", 3, T0, other, &e), 0);
	struct read_done r = { "community", NULL, sess, "community/01-rights", "fr", "cv1",
	                       T0 + 1000, T0 + 9000 };
	assert_int_equal(store_read(s, &r, &e), 0);
	struct read_done p = { "personnel", "4711", NULL, "policy/01", "en", "cv1", T0, T0 + 1 };
	assert_int_equal(store_read(s, &p, &e), 0);
	/* refused as completions are: a person in community, no person in
	 * personnel, a session in personnel, no module */
	struct read_done bad = r;
	bad.person_ref = "Jane";
	assert_int_equal(store_read(s, &bad, &e), -1);
	assert_contains(e.msg, "community read");
	bad = p;
	bad.person_ref = "";
	assert_int_equal(store_read(s, &bad, &e), -1);
	bad = p;
	bad.session_uuid = sess;
	assert_int_equal(store_read(s, &bad, &e), -1);
	bad = r;
	bad.module_id = NULL;
	assert_int_equal(store_read(s, &bad, &e), -1);
	assert_contains(e.msg, "a read needs a module");
	/* covered: read here; not in another session; a finished quiz too,
	 * not one begun and left */
	assert_int_equal(store_session_covered(s, sess, "community/01-rights", &yes, &e), 0);
	assert_int_equal(yes, 1);
	assert_int_equal(store_session_covered(s, other, "community/01-rights", &yes, &e), 0);
	assert_int_equal(yes, 0);
	begin_community(s, other, "community/02-help", 2, T0 + 2000, c);
	assert_int_equal(store_session_covered(s, other, "community/02-help", &yes, &e), 0);
	assert_int_equal(yes, 0);
	finish_ok(s, c, 1, 0, T0 + 3000);
	assert_int_equal(store_session_covered(s, other, "community/02-help", &yes, &e), 0);
	assert_int_equal(yes, 1);
	store_close(s);

	sqlite3 *db = raw_open(path);
	assert_int_equal(q_int(db, "SELECT count(*) FROM reads", ""), 2);
	char *row = q_text(db, "SELECT mode || '|' || coalesce(person_ref, 'NULL') || '|' || "
	                   "(session_uuid = ?) || '|' || module_id || '|' || opened_at || '|' || "
	                   "read_at FROM reads WHERE mode = 'community'", "t", sess);
	char *want = xasprintf("community|NULL|1|community/01-rights|%lld|%lld",
	                       (long long)(T0 + 1000), (long long)(T0 + 9000));
	assert_string_equal(row, want);
	free(row);
	free(want);
	assert_int_equal(q_int(db, "SELECT count(*) FROM ledger WHERE tbl = 'reads'", ""), 2);
	struct ledger_report lr = checked(db);
	assert_true(!lr.gaps && !lr.broken && !lr.edited && !lr.deleted && !lr.unrecorded);
	/* the schema holds the line against a caller that skips the store */
	char *sql = xasprintf("INSERT INTO reads VALUES ('99999999-9999-4999-8999-999999999999', "
	                      "'k', 'community', 'Jane', '%s', 'm', 'fr', 'cv', 0, 1)", sess);
	assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	/* a read changed afterwards shows */
	exec_ok(db, "UPDATE reads SET module_id = 'other' WHERE mode = 'personnel'");
	lr = checked(db);
	assert_int_equal(lr.edited, 1);
	sqlite3_close(db);
	free(path);
}

/* A records file of version 2 (before the reads) is upgraded in place:
 * the reads table, a ledger that takes them, every entry of the old one
 * kept as it was (the chain unbroken); the kiosk goes on writing, reads
 * too, and the ledger checks clean.  Opened again, nothing changes. */
static void test_upgrade_from_v2(void **state)
{
	(void)state;
	char *path = ledger_fixture("v2.db");
	sqlite3 *db = raw_open(path);
	/* as a version-2 kiosk left it */
	exec_ok(db, "DROP TABLE reads; ALTER TABLE ledger RENAME TO l3;"
	            "CREATE TABLE ledger (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL CHECK (tbl IN "
	            "('sessions', 'completions', 'answers')), uuid TEXT NOT NULL, row TEXT NOT NULL, "
	            "hash TEXT NOT NULL CHECK (length(hash) = 64));"
	            "INSERT INTO ledger SELECT * FROM l3; DROP TABLE l3; PRAGMA user_version = 2");
	char *before = q_text(db, "SELECT group_concat(seq || tbl || uuid || row || hash, ',') "
	                      "FROM (SELECT * FROM ledger ORDER BY seq)", "");
	sqlite3_close(db);

	struct store *s = open_ok(path);
	struct err e = {0};
	char sess[STORE_UUID_LEN + 1];
	assert_int_equal(store_session_begin(s, "ar", 4, T0 + 10000, sess, &e), 0);
	struct read_done r = { "community", NULL, sess, "community/01-rights", "ar", "cv1",
	                       T0 + 11000, T0 + 12000 };
	assert_int_equal(store_read(s, &r, &e), 0);
	store_close(s);

	db = raw_open(path);
	assert_int_equal(q_int(db, "PRAGMA user_version", ""), 3);
	char *kept = q_text(db, "SELECT group_concat(seq || tbl || uuid || row || hash, ',') "
	                    "FROM (SELECT * FROM ledger WHERE seq <= 7 ORDER BY seq)", "");
	assert_string_equal(kept, before);
	assert_int_equal(q_int(db, "SELECT count(*) FROM ledger", ""), 9);
	assert_int_equal(q_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'reads_session'",
	                       ""), 1);
	assert_int_equal(q_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'ledger_v2'",
	                       ""), 0);
	struct ledger_report lr = checked(db);
	assert_true(!lr.gaps && !lr.broken && !lr.edited && !lr.deleted && !lr.unrecorded);
	/* the same tables as a new file's */
	char *fresh_path = tpath("v3-fresh.db");
	store_close(open_ok(fresh_path));
	sqlite3 *fresh = raw_open(fresh_path);
	const char *tables = "SELECT group_concat(name || ':' || sql, char(10)) FROM (SELECT name, sql "
	                     "FROM sqlite_schema WHERE name IN ('reads', 'reads_session', 'ledger') "
	                     "ORDER BY name)";
	char *a = q_text(db, tables, ""), *b = q_text(fresh, tables, "");
	assert_string_equal(a, b);
	free(a);
	free(b);
	sqlite3_close(fresh);
	sqlite3_close(db);
	s = open_ok(path);
	store_close(s);
	db = raw_open(path);
	assert_int_equal(q_int(db, "SELECT count(*) FROM ledger", ""), 9);
	sqlite3_close(db);
	free(before);
	free(kept);
	free(fresh_path);
	free(path);
}

/* The kiosk's key is made at its first start and kept; the instance id
 * changes when the records file is a copy (a cloned SD card), not when the
 * same file is opened again. */
static void test_identity(void **state)
{
	(void)state;
	char *path = ledger_fixture("ident.db"), *copy = tpath("ident-copy.db");
	sqlite3 *db = raw_open(path);
	char *key = q_text(db, "SELECT value FROM meta WHERE key = 'kiosk_public'", "");
	char *inst = q_text(db, "SELECT value FROM meta WHERE key = 'instance_id'", "");
	sqlite3_close(db);
	assert_int_equal(strlen(key), 44);
	assert_int_equal(strlen(inst), STORE_UUID_LEN);
	store_close(open_ok(path));
	db = raw_open(path);
	char *again = q_text(db, "SELECT value FROM meta WHERE key = 'instance_id'", "");
	sqlite3_close(db);
	assert_string_equal(again, inst);
	struct err e = {0};
	assert_int_equal(fs_copy_file(path, copy, &e), 0);
	store_close(open_ok(copy));
	db = raw_open(copy);
	char *cloned = q_text(db, "SELECT value FROM meta WHERE key = 'instance_id'", "");
	char *key2 = q_text(db, "SELECT value FROM meta WHERE key = 'kiosk_public'", "");
	sqlite3_close(db);
	assert_string_not_equal(cloned, inst);
	assert_string_equal(key2, key);   /* the same kiosk, another instance */
	free(key);
	free(key2);
	free(inst);
	free(again);
	free(cloned);
	free(copy);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_reopen),
		cmocka_unit_test(test_refuse_foreign),
		cmocka_unit_test(test_damaged_page),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_pragmas),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_answers_committed),
		cmocka_unit_test(test_record_errors),
		cmocka_unit_test(test_person_passed),
		cmocka_unit_test(test_pin_delays),
		cmocka_unit_test(test_pin_persists),
		cmocka_unit_test(test_pin_storage),
		cmocka_unit_test(test_pin_default_iterations),
		cmocka_unit_test(test_pin_invalid),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_crash),
		cmocka_unit_test(test_ledger),
		cmocka_unit_test(test_ledger_upgrade),
		cmocka_unit_test(test_reads),
		cmocka_unit_test(test_upgrade_from_v2),
		cmocka_unit_test(test_identity),
	};
	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
