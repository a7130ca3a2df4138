/* xapi.c - the records to an LRS, or to a file; see xapi.h. */
#include "xapi.h"
#include "buf.h"
#include "fs.h"
#include "jcs.h"
#include "merge.h"
#include "project.h"
#include "pseudonym.h"
#include "records.h"
#include "sign.h"
#include "xapi_map.h"
#include "xapi_send.h"

#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_BATCH 200
#define DEFAULT_TRIES 8

/* A batch of statements, as their RFC 8785 text, and SHA-256 of it. */
struct batch {
	struct run *r;
	struct lrs_item *items;
	char (*digests)[65];
	size_t n;
};

struct run {
	const struct xapi_options *o;
	struct xapi_summary *sum;
	struct errlist *problems;
	sqlite3 *db;
	struct project p;
	int have_project;
	struct pseudonyms pseud;
	struct xapi_map map;
	struct lrs *lrs;
	FILE *out;                 /* --out: the file being written aside */
	char *out_tmp;
	sqlite3_stmt *known;       /* the digest the LRS has of an id */
	sqlite3_stmt *note;        /* what became of a statement */
	struct batch b[2];         /* one being made while the other is sent */
	int fill;                  /* the one being made */
	size_t batch_size;
	int tries;
	double started, last_progress, last_commit;
	int progress;              /* a terminal is watching */
};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* ---- options ------------------------------------------------------------- */

static int read_secret(const char *path, char **out, struct err *e)
{
	size_t n;
	if (fs_read(path, out, &n, e) < 0)
		return -1;
	while (n && ((*out)[n - 1] == '\n' || (*out)[n - 1] == '\r'))
		(*out)[--n] = '\0';
	if (!n)
		return err_set(e, path, 0, "the file is empty");
	return 0;
}

/* The Authorization header's value, from files only: a secret on the
 * command line is seen by every user of the machine (ps). */
static int authorization(const struct xapi_options *o, char **auth, struct err *e)
{
	char *secret = NULL;
	*auth = NULL;
	if (o->token_file && (o->user || o->password_file))
		return err_set(e, "", 0, "give --token-file, or --user with --password-file, not both");
	if (!o->user != !o->password_file)
		return err_set(e, "", 0, "--user and --password-file go together (the password is "
		               "read from the file, never from the command line)");
	if (o->token_file) {
		if (read_secret(o->token_file, &secret, e) < 0)
			return -1;
		*auth = xconcat("Bearer ", secret, NULL);
	} else if (o->user) {
		if (read_secret(o->password_file, &secret, e) < 0)
			return -1;
		char *pair = xconcat(o->user, ":", secret, NULL);
		char *b64 = sign_base64((const uint8_t *)pair, strlen(pair));
		*auth = xconcat("Basic ", b64, NULL);
		memset(pair, 0, strlen(pair));
		free(pair);
		free(b64);
	}
	if (secret) {
		memset(secret, 0, strlen(secret));
		free(secret);
	}
	return 0;
}

static int number(const char *text, const char *name, int def, int max, int *out, struct err *e)
{
	char *end;
	*out = def;
	if (!text)
		return 0;
	long v = strtol(text, &end, 10);
	if (*end || end == text || v < 1 || v > max)
		return err_set(e, "", 0, "%s %s: a number from 1 to %d", name, text, max);
	*out = (int)v;
	return 0;
}

static int check_options(struct run *r, struct err *e)
{
	const struct xapi_options *o = r->o;
	int batch;
	if (!o->records || !o->out == !o->lrs)
		return err_set(e, "", 0, "xapi needs --records MASTER.db and one of --out FILE.jsonl "
		               "or --lrs URL (see crsv-gen help xapi)");
	if (o->lrs && (strncmp(o->lrs, "http://", 7) && strncmp(o->lrs, "https://", 8)))
		return err_set(e, "", 0, "--lrs %s: an http:// or https:// address", o->lrs);
	if (o->lrs && strchr(o->lrs + 8, '@') && strchr(o->lrs + 8, '@') < strchr(o->lrs + 8, '/'))
		return err_set(e, "", 0, "--lrs: put no credentials in the address; use --user and "
		               "--password-file, or --token-file");
	if (number(o->batch, "--batch", DEFAULT_BATCH, 10000, &batch, e) < 0 ||
	    number(o->tries, "--tries", DEFAULT_TRIES, 100, &r->tries, e) < 0)
		return -1;
	r->batch_size = (size_t)batch;
	return 0;
}

/* ---- the master ------------------------------------------------------------ */

static int open_master(struct run *r, struct err *e)
{
	const char *path = r->o->records;
	if (!r->o->lrs)
		return records_open_readonly(&r->db, path, e);
	if (!fs_is_file(path))
		return err_set(e, path, 0, "no such records file");
	if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    records_check(r->db, path, NULL, e) < 0)
		return r->db && !e->msg[0] ? err_set(e, path, 0, "cannot open: %s",
		                                     sqlite3_errmsg(r->db)) : -1;
	sqlite3_stmt *st = NULL;
	int master = sqlite3_prepare_v2(r->db, "SELECT 1 FROM merge_sources LIMIT 1", -1, &st,
	                                NULL) == SQLITE_OK;
	sqlite3_finalize(st);
	if (!master)
		return err_set(e, path, 0, "a kiosk's own records file: merge it into a master first "
		               "(crsv-gen merge --into MASTER.db), which keeps what the LRS acknowledged");
	sqlite3_busy_timeout(r->db, 5000);
	if (sqlite3_exec(r->db, merge_master_sql(), NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->db, "SELECT digest FROM xapi_sent WHERE lrs = ?1 AND id = ?2 "
	                       "AND status = 'stored'", -1, &r->known, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->db, "INSERT OR REPLACE INTO xapi_sent (lrs, id, digest, status, "
	                       "sent_at) VALUES (?1, ?2, ?3, ?4, ?5)", -1, &r->note, NULL) != SQLITE_OK)
		return err_set(e, path, 0, "cannot keep what is sent: %s", sqlite3_errmsg(r->db));
	return 0;
}

/* ---- each statement ------------------------------------------------------------ */

/* The statement's canonical text (RFC 8785: what is sent and written, so
 * the digest is of exactly those bytes) and its SHA-256. */
static void canonical(const json_t *s, struct buf *text, char digest[65])
{
	static const char hexd[] = "0123456789abcdef";
	struct err e;
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	jcs_write(text, s, "statement", &e);   /* no real number that is not finite here */
	sha256_init(&h);
	sha256_update(&h, text->len, (const uint8_t *)text->data);
	sha256_digest(&h, sizeof d, d);
	for (int i = 0; i < 32; i++) {
		digest[2 * i] = hexd[d[i] >> 4];
		digest[2 * i + 1] = hexd[d[i] & 15];
	}
	digest[64] = '\0';
}

/* Whether the LRS has this very statement already (acknowledged before). */
static int already_there(struct run *r, const char *id, const char *digest)
{
	sqlite3_reset(r->known);
	sqlite3_bind_text(r->known, 1, r->o->lrs, -1, SQLITE_STATIC);   /* ?1 the LRS */
	sqlite3_bind_text(r->known, 2, id, -1, SQLITE_STATIC);          /* ?2 the statement */
	int there = sqlite3_step(r->known) == SQLITE_ROW &&
	            !strcmp((const char *)sqlite3_column_text(r->known, 0), digest);
	sqlite3_reset(r->known);
	return there;
}

static void note(struct batch *b, const struct lrs_item *it, const char *status)
{
	struct run *r = b->r;
	size_t i = (size_t)(it - b->items);
	sqlite3_reset(r->note);
	sqlite3_bind_text(r->note, 1, r->o->lrs, -1, SQLITE_STATIC);         /* ?1 the LRS */
	sqlite3_bind_text(r->note, 2, it->id, -1, SQLITE_STATIC);            /* ?2 its id */
	sqlite3_bind_text(r->note, 3, b->digests[i], -1, SQLITE_STATIC);     /* ?3 its digest */
	sqlite3_bind_text(r->note, 4, status, -1, SQLITE_STATIC);            /* ?4 what became of it */
	sqlite3_bind_int64(r->note, 5, (sqlite3_int64)time(NULL) * 1000);    /* ?5 when */
	sqlite3_step(r->note);
	sqlite3_reset(r->note);
}

static void on_stored(void *ctx, const struct lrs_item *it)
{
	struct batch *b = ctx;
	note(b, it, "stored");
	b->r->sum->stored++;
}

static void problem(struct run *r, const struct lrs_item *it, const char *what, const char *said)
{
	struct err w;
	err_set(&w, r->o->lrs, 0, "statement %s %s: %s", it->id, what, said);
	errlist_add(r->problems, &w);
}

static void on_conflict(void *ctx, const struct lrs_item *it, const char *said)
{
	struct batch *b = ctx;
	struct run *r = b->r;
	note(b, it, "conflict");
	problem(r, it, "is in conflict: the LRS holds another statement with this id "
	        "(a row changed after it was sent)", said);
	r->sum->conflicts++;
}

static void on_refused(void *ctx, const struct lrs_item *it, const char *said)
{
	struct batch *b = ctx;
	struct run *r = b->r;
	note(b, it, "refused");
	problem(r, it, "was refused", said);
	r->sum->refused++;
}

static void progress_line(struct run *r, int last)
{
	double t = now_s(), spent = t - r->started;
	if (!r->progress || (!last && t - r->last_progress < 0.5))
		return;
	r->last_progress = t;
	long done = r->sum->stored + r->sum->already + r->sum->conflicts + r->sum->refused;
	double rate = spent > 0 ? done / spent : 0;
	long left = rate > 0 ? (long)((r->sum->statements - done) / rate) : 0;
	fprintf(stderr, "\rxapi: %ld/%ld statements, %.0f/s, %ld min %02ld s left ", done,
	        r->sum->statements, rate, left / 60, left % 60);
	if (last)
		fputc('\n', stderr);
}

/* What the LRS acknowledged, into the master every second or so (and at
 * the end): a crash loses at most that second's acknowledgements, whose
 * statements the next run sends again and the LRS, holding them already,
 * answers alike; a transaction per batch would cost two disk syncs each. */
static int keep_sent(struct run *r, int now)
{
	double t = now_s();
	if (sqlite3_get_autocommit(r->db) || (!now && t - r->last_commit < 1.0))
		return 0;
	r->last_commit = t;
	return sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static void clear_batch(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free((char *)b->items[i].id);
		free((char *)b->items[i].json);
	}
	b->n = 0;
}

static int cannot_keep(struct run *r, struct err *e)
{
	return err_set(e, r->o->records, 0, "cannot keep what was sent: %s", sqlite3_errmsg(r->db));
}

/* The batch to the LRS: started on its way, after the one before arrived
 * (its replies noted); this one's replies are noted when the next starts,
 * or in land, so the next batch is made while this one travels and the
 * LRS, which sets the pace, is never kept waiting for it. */
static int send_batch(struct run *r, struct err *e)
{
	struct batch *b = &r->b[r->fill];
	struct lrs_replies replies = { on_stored, on_conflict, on_refused, b };
	if (sqlite3_get_autocommit(r->db))
		sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	int rc = lrs_start_send(r->lrs, b->items, b->n, &replies, e);
	clear_batch(&r->b[!r->fill]);   /* arrived: its replies are noted */
	if (rc < 0) {
		clear_batch(b);
		keep_sent(r, 1);
		return -1;
	}
	r->fill = !r->fill;
	return keep_sent(r, 0) < 0 ? cannot_keep(r, e) : 0;
}

/* The batch on its way, if any, arrived and its replies noted. */
static int land(struct run *r, struct err *e)
{
	int rc = lrs_wait(r->lrs, e);
	clear_batch(&r->b[!r->fill]);
	return rc;
}

static int write_batch(struct run *r, struct err *e)
{
	struct batch *b = &r->b[r->fill];
	int rc = 0;
	for (size_t i = 0; i < b->n && rc == 0; i++) {
		if (fwrite(b->items[i].json, 1, b->items[i].len, r->out) != b->items[i].len ||
		    fputc('\n', r->out) == EOF)
			rc = err_set(e, r->o->out, 0, "cannot write");
		r->sum->stored++;
	}
	clear_batch(b);
	return rc;
}

/* The batch to the LRS or to the file. */
static int flush(struct run *r, struct err *e)
{
	if (!r->b[r->fill].n)
		return 0;
	int rc = r->lrs ? send_batch(r, e) : write_batch(r, e);
	progress_line(r, 0);
	return rc;
}

/* One statement more: skipped when the LRS has it as it is. */
static int add(struct run *r, json_t *s, struct err *e)
{
	struct buf text = {0};
	struct batch *b = &r->b[r->fill];
	const char *id = json_string_value(json_object_get(s, "id"));
	r->sum->statements++;
	canonical(s, &text, b->digests[b->n]);
	if (r->lrs && already_there(r, id, b->digests[b->n])) {
		r->sum->already++;
		json_decref(s);
		buf_free(&text);
		return 0;
	}
	struct lrs_item *it = &b->items[b->n++];
	it->id = xstrdup(id);
	it->len = text.len;
	it->json = buf_take(&text);
	json_decref(s);
	return b->n == r->batch_size ? flush(r, e) : 0;
}

/* ---- the rows -------------------------------------------------------------------- */

static const char *text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int64_t int_or(sqlite3_stmt *st, int i, int64_t none)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? none : sqlite3_column_int64(st, i);
}

#define QUIZ_COLS "c.uuid, c.kiosk_id, c.mode, c.person_ref, c.session_uuid, c.module_id, " \
	"c.lang, c.content_version, c.score, c.max_score, c.passed, c.started_at, c.finished_at"

/* The completion columns from `at` on as a quiz. */
static struct xapi_quiz quiz_of(sqlite3_stmt *st, int at)
{
	return (struct xapi_quiz){
		text(st, at), text(st, at + 1), text(st, at + 2), text(st, at + 3), text(st, at + 4),
		text(st, at + 5), text(st, at + 6), text(st, at + 7), (int)int_or(st, at + 8, 0),
		(int)int_or(st, at + 9, 0), (int)int_or(st, at + 10, 0), int_or(st, at + 11, 0),
		int_or(st, at + 12, 0)
	};
}

/* The reads row at `at` on as a read. */
static struct xapi_read read_of(sqlite3_stmt *st, int at)
{
	return (struct xapi_read){
		text(st, at), text(st, at + 1), text(st, at + 2), text(st, at + 3), text(st, at + 4),
		text(st, at + 5), text(st, at + 6), text(st, at + 7), int_or(st, at + 8, 0),
		int_or(st, at + 9, 0)
	};
}

/* Every row in time order, table by table: sessions, finished quizzes,
 * answers (with their quiz), modules read (none in a master of schema
 * version 2). */
static int each_row(struct run *r, struct err *e)
{
	static const char *const sql[4] = {
		"SELECT uuid, kiosk_id, lang, participants, started_at, ended_at FROM sessions "
		"ORDER BY started_at, uuid",
		"SELECT " QUIZ_COLS " FROM completions c WHERE c.finished_at IS NOT NULL "
		"ORDER BY c.finished_at, c.uuid",
		"SELECT a.uuid, a.question_id, a.chosen, a.correct, a.answered_at, " QUIZ_COLS
		" FROM answers a JOIN completions c ON c.uuid = a.completion_uuid "
		"ORDER BY a.answered_at, a.uuid",
		"SELECT uuid, kiosk_id, mode, person_ref, session_uuid, module_id, lang, content_version, "
		"opened_at, read_at FROM reads ORDER BY read_at, uuid",
	};
	for (int t = 0; t < 4; t++) {
		sqlite3_stmt *st = NULL;
		int step, rc = 0;
		if (t == 3 && !records_has_table(r->db, "reads"))
			break;
		if (sqlite3_prepare_v2(r->db, sql[t], -1, &st, NULL) != SQLITE_OK)
			return err_set(e, r->o->records, 0, "cannot read: %s", sqlite3_errmsg(r->db));
		while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
			json_t *s;
			if (t == 0) {
				struct xapi_session ss = { text(st, 0), text(st, 1), text(st, 2),
				                           (int)int_or(st, 3, 0), int_or(st, 4, 0),
				                           int_or(st, 5, -1) };
				s = xapi_session_statement(&r->map, &ss);
			} else if (t == 1) {
				struct xapi_quiz q = quiz_of(st, 0);
				s = xapi_quiz_statement(&r->map, &q);
			} else if (t == 2) {
				struct xapi_quiz q = quiz_of(st, 5);
				struct xapi_answer a = { text(st, 0), text(st, 1), text(st, 2),
				                         (int)int_or(st, 3, 0), int_or(st, 4, 0) };
				s = xapi_answer_statement(&r->map, &q, &a);
			} else {
				struct xapi_read rd = read_of(st, 0);
				s = xapi_read_statement(&r->map, &rd);
			}
			rc = add(r, s, e);
		}
		sqlite3_finalize(st);
		if (rc < 0)
			return -1;
		if (step != SQLITE_DONE)
			return err_set(e, r->o->records, 0, "cannot read: %s", sqlite3_errmsg(r->db));
	}
	if (flush(r, e) < 0 || (r->lrs && land(r, e) < 0))
		return -1;
	if (r->lrs && keep_sent(r, 1) < 0)
		return cannot_keep(r, e);
	return 0;
}

/* ---- the command -------------------------------------------------------------- */

static int load_content(struct run *r, struct err *e)
{
	const struct xapi_options *o = r->o;
	struct paths paths = { o->content, o->locales, o->assets, "out", "" };
	r->have_project = 1;
	if (project_load(&r->p, &paths, 1, e) < 0)
		return -1;
	const char *base = o->base ? o->base : r->p.site.base_url;
	if (!base || (strncmp(base, "http://", 7) && strncmp(base, "https://", 8)))
		return err_set(e, r->p.site.path, 0, "the statements need the deployment's address "
		               "for their activities and accounts: give --base https://... or set "
		               "base_url in site.yaml");
	size_t n = strlen(base);
	r->map.base = base[n - 1] == '/' ? xstrdup(base) : xconcat(base, "/", NULL);
	r->map.p = &r->p;
	r->map.platform = "crsv-kit";
	return 0;
}

static int open_output(struct run *r, char *auth, struct err *e)
{
	if (r->o->lrs) {
		struct lrs_options lo = { r->o->lrs, auth, r->tries, 0.5 };
		return lrs_open(&r->lrs, &lo, e);
	}
	r->out_tmp = xasprintf("%s.tmp-%ld", r->o->out, (long)getpid());
	if (!(r->out = fopen(r->out_tmp, "w")))
		return err_set(e, r->o->out, 0, "cannot write");
	return 0;
}

static int close_output(struct run *r, int ok, struct err *e)
{
	if (!r->out)
		return ok ? 0 : -1;
	int closed = fclose(r->out) == 0;
	r->out = NULL;
	if (ok && closed && rename(r->out_tmp, r->o->out) == 0)
		return 0;
	unlink(r->out_tmp);   /* a half-written file never takes the place of one */
	return ok ? err_set(e, r->o->out, 0, "cannot write") : -1;
}

int xapi_run(const struct xapi_options *o, struct xapi_summary *sum, struct errlist *problems,
             struct err *e)
{
	struct run r;
	char *auth = NULL;
	int rc = -1;
	memset(&r, 0, sizeof r);
	memset(sum, 0, sizeof *sum);
	r.o = o;
	r.sum = sum;
	r.problems = problems;
	r.started = r.last_progress = r.last_commit = now_s();
	r.progress = isatty(2);
	if (check_options(&r, e) < 0 || authorization(o, &auth, e) < 0 || load_content(&r, e) < 0 ||
	    open_master(&r, e) < 0 ||
	    (!o->person_ids && pseudonyms_open(&r.pseud, o->records, e) < 0))
		goto out;
	r.map.pseud = o->person_ids ? NULL : &r.pseud;
	for (int i = 0; i < 2; i++)
		r.b[i] = (struct batch){ &r, xcalloc(r.batch_size, sizeof *r.b[i].items),
		                         xcalloc(r.batch_size, sizeof *r.b[i].digests), 0 };
	if (open_output(&r, auth, e) < 0)
		goto out;
	rc = each_row(&r, e);
	rc = close_output(&r, rc == 0, e);
	progress_line(&r, 1);
	if (rc == 0)
		rc = sum->conflicts || sum->refused ? 1 : 0;
out:
	if (r.db && r.lrs) {
		land(&r, NULL);     /* a run that stops keeps what was acknowledged */
		keep_sent(&r, 1);
	}
	for (int i = 0; i < 2; i++) {
		if (r.b[i].items)
			clear_batch(&r.b[i]);
		free(r.b[i].items);
		free(r.b[i].digests);
	}
	if (r.out)
		close_output(&r, 0, e);
	if (r.lrs) {
		sum->requests = lrs_requests(r.lrs);
		sum->retries = lrs_retries(r.lrs);
	}
	lrs_close(r.lrs);
	if (auth) {
		memset(auth, 0, strlen(auth));
		free(auth);
	}
	free(r.out_tmp);
	free((char *)r.map.base);
	sqlite3_finalize(r.known);
	sqlite3_finalize(r.note);
	sqlite3_close(r.db);
	if (r.have_project)
		project_free(&r.p);
	sum->seconds = now_s() - r.started;
	return rc;
}
