/*
 * store.h - the kiosk's records: a separate SQLite file (--records PATH),
 * never the bundle.  Schema: common/records.sql (versioned with PRAGMA
 * user_version, compiled into the program like bundle.sql).
 *
 * Durability is the point: the file is in WAL mode with synchronous=FULL,
 * and every call that records something is one committed transaction, so
 * whatever the kiosk has shown as saved is on disk, even if the power goes
 * a moment later.  Every row has a random UUID (v4) so records of many
 * kiosks merge without loss or double counting.  Community mode stores no
 * person_ref and nothing else that identifies a person (a session's rows
 * name the session).  SQL only with
 * bound parameters.
 *
 * Times are milliseconds since the Unix epoch, given by the caller (the
 * kiosk's clock, which is fake in scripted tests).  A `struct store` owns
 * its connection; store_close accepts NULL.  Functions return 0 or -1 and
 * fill `e` ("records.db: error: ...").
 */
#ifndef CRSV_STORE_H
#define CRSV_STORE_H

#include <stdint.h>
#include "err.h"
#include "seal.h"

#define STORE_UUID_LEN 36   /* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" */

struct store;

/* Open or create the records file; a file that is not a records file (or
 * of another schema version) is an error, never overwritten.  A new file
 * gets a kiosk id (UUID) that stays with it. */
int store_open(struct store **out, const char *path, struct err *e);
void store_close(struct store *s);

/* This records file's kiosk id. */
const char *store_kiosk_id(const struct store *s);

/* A community session: the facilitator's participant count, no names. */
int store_session_begin(struct store *s, const char *lang, int participants,
                        int64_t now, char uuid[STORE_UUID_LEN + 1],
                        struct err *e);
int store_session_end(struct store *s, const char *session_uuid, int64_t now,
                      struct err *e);

struct completion_start {
	const char *mode;             /* "personnel" or "community" */
	const char *person_ref;       /* personnel: the ID typed; community: NULL */
	const char *session_uuid;     /* community: the session; personnel: NULL */
	const char *module_id;        /* the module's key, "policy/01-what-is-crsv" */
	const char *lang;
	const char *content_version;  /* the bundle's */
	int max_score;                /* number of questions */
	int64_t started_at;
};

/* A quiz begun: a completion row without a result yet. */
int store_completion_begin(struct store *s, const struct completion_start *c,
                           char uuid[STORE_UUID_LEN + 1], struct err *e);

/* One answer, committed when given. `chosen` is the chosen choice ids,
 * comma-separated in choice order. */
int store_answer(struct store *s, const char *completion_uuid,
                 const char *question_id, const char *chosen, int correct,
                 int64_t now, struct err *e);

/* The result: score (questions right), pass or not. */
int store_completion_finish(struct store *s, const char *completion_uuid,
                            int score, int passed, int64_t now, struct err *e);

/* Whether `person_ref` has passed module `module_id` (any language), for
 * the done/not done marks of the module list. */
int store_person_passed(struct store *s, const char *person_ref,
                        const char *module_id, int *passed, struct err *e);

/* A module read: its reader reached the last page.  Who as in a
 * completion (community: the session, nobody named). */
struct read_done {
	const char *mode;             /* "personnel" or "community" */
	const char *person_ref;       /* personnel: the ID confirmed; community: NULL */
	const char *session_uuid;     /* community: the session; personnel: NULL */
	const char *module_id;
	const char *lang;
	const char *content_version;
	int64_t opened_at, read_at;   /* the reader opened; its last page shown */
};
int store_read(struct store *s, const struct read_done *r, struct err *e);

/* Whether community session `session_uuid` has covered module
 * `module_id`: read it to its end or finished its quiz (the marks of a
 * community session's module list). */
int store_session_covered(struct store *s, const char *session_uuid,
                          const char *module_id, int *covered, struct err *e);

/* Set the admin PIN (4 to 12 digits): stored as a salted PBKDF2-SHA256
 * hash, never in clear; resets the failure count. */
int store_set_pin(struct store *s, const char *pin, struct err *e);

/* Give the kiosk a human name ("Camp A, tent 3": 1 to 60 characters of
 * UTF-8, no control characters), kept in meta kiosk_name: exports carry it
 * and are named by it, and the officer's reports show it. */
int store_set_name(struct store *s, const char *name, struct err *e);
/* What the kiosk remembers of the bundles it has shown, outside them (in
 * the records file's meta): the highest release and the latest time ever
 * seen (a kiosk's clock drifts and can be set back).  *highest and
 * *latest get the values from before this call (0 the first time); then
 * both are raised to `release` and `now_s` when these are higher. */
/* Content-key rotation (seal.h): the keys to trust, from the `ngiven` the
 * kiosk was given (--trust) and those bundles it showed handed over to,
 * less the keys retired (heap array, *nout of them; the caller frees). */
int store_trusted_keys(struct store *s, const struct sign_key *given, size_t ngiven,
                       struct sign_key **out, size_t *nout, struct err *e);
/* After a signed bundle started: remember the keys its seal hands over to,
 * and when its signer was itself handed over to, retire the key that did. */
int store_note_rotation(struct store *s, const struct seal *sl, struct err *e);
int store_bundle_seen(struct store *s, int64_t release, int64_t now_s, int64_t *highest,
                      int64_t *latest, struct err *e);

/* The kiosk's name (heap string, caller frees), NULL when it has none. */
int store_name(struct store *s, char **name, struct err *e);
/* 1 when a PIN has been set. */
int store_has_pin(struct store *s);

/* Check a PIN typed at `now`.  *ok is 1 when it matches.  After a wrong
 * PIN the kiosk must wait a growing delay before the next try (none for
 * the first two failures, then 30 s, 60 s, 120 s ... up to 1 h); a try
 * made too early is refused without checking: *ok = 0 and *wait_ms says
 * how long is left.  Failures persist in the records file (restarting does
 * not reset them); a right PIN resets them. */
int store_check_pin(struct store *s, const char *pin, int64_t now, int *ok,
                    int64_t *wait_ms, struct err *e);

/* Counts for the admin screen: completions per module and mode, and how
 * many passed; `fn` is called once per (module, mode) in module order. */
int store_counts(struct store *s,
                 void (*fn)(void *ctx, const char *module_id, const char *mode,
                            int completions, int passed),
                 void *ctx, struct err *e);

/* Export a consistent copy of the records (SQLite backup API) into the
 * folder `dir` (a USB stick) as "crsv-records-<name>-<kiosk id's first 8
 * digits>-<UTC date and time>.db" (<name>: the kiosk's name in ASCII
 * letters, digits and '-', left out when it has none),
 * written under a temporary name and renamed; *path (heap) is the file. */
int store_export(struct store *s, const char *dir, int64_t now, char **path,
                 struct err *e);

#endif
