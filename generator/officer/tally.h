/*
 * tally.h - the records of a master (or of one kiosk's file) counted once
 * for a report: one pass over the completions, one over the reads, one
 * over the sessions and one over the answers, each in the table's own
 * order (no sort, no join in SQL), gathered into the aggregates every
 * table of the report shows.
 * Memory grows with the people and modules, never with the answers; time
 * grows linearly with the rows.
 *
 * Owned here: the counting.  The report (report.c) turns the aggregates
 * into tables, in the officer's language; items.c turns the per-question
 * sums into item statistics.
 *
 * The window [from, to] (ms, -1: open) applies to a completion's or a
 * session's start and to a read's opening, except for one thing: a person's *first* attempt of a
 * module is the first of all their finished attempts, counted only if it
 * falls in the window (a retake in March is not a first attempt because
 * the window begins in March).
 */
#ifndef CRSV_TALLY_H
#define CRSV_TALLY_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "strmap.h"

/* Interned strings (modules, languages, kiosks, versions, sessions): each
 * distinct string once, numbered from 0 in order of first sight. */
struct tally_names {
	char **v;
	size_t n;
	struct strmap *index;   /* string -> number + 1 */
	uint32_t last;          /* the number last asked for */
};

/* Personnel reads and completions of one module in one language. */
struct tally_ml {
	uint32_t module, lang;
	int64_t read, started, finished, passed;
};

/* A week (from Monday, days since 1970): personnel quizzes finished and
 * community sessions started. */
struct tally_week {
	int64_t monday;
	int64_t finished, sessions;
};

/* One kiosk (a number of tally.kiosks): its sessions, completions and
 * reads. */
struct tally_kiosk {
	int64_t sessions, completions, reads;
};

/* Community sessions of one kiosk in one month (year * 12 + month - 1). */
struct tally_month {
	uint32_t kiosk;
	int32_t month;
	int64_t sessions, participants, quizzes, reads;
	uint64_t langs;         /* bit i: tally.langs.v[i] (the first 64) */
};

/* Community reach of one module: the sessions that covered it (read it to
 * its end, or finished its quiz, in the window), their participants, and
 * how: read, quiz finished, read without finishing the quiz. */
struct tally_reach {
	int64_t sessions, participants, read, quizzed, read_only;
};

/* One person's record of one module (200,000 of them in a big master:
 * kept small). */
struct tally_pm {
	char *person;           /* the person_ref as typed */
	char *shown;            /* as the report shows it: the reference itself
	                           or a pseudonym (its own copy), set by the
	                           report before sorting */
	int64_t last;           /* latest finish, or start when unfinished */
	int64_t first_at;       /* the first finished attempt of all (window or
	                           not): its start; -1: none */
	uint32_t module_no;     /* tally.modules.v[module_no] */
	int32_t attempts, finished, best, max_score;
	uint32_t first_lang;
	int32_t first_score;
	unsigned char passed, first_in_window;
	char first_uuid[37];
};

/* One answer's choice of a question, over first attempts. */
struct tally_choice {
	char *id;
	int64_t n;              /* answers choosing it */
	int64_t rest;           /* the sum of their rest scores */
	int in_key;             /* chosen in some right answer */
};

struct tally_item_lang {
	uint32_t lang;
	int64_t n, right;
};

/* One question of one module over personnel first attempts: the sums
 * from which facility and the point-biserials follow exactly (the marks
 * and scores are small integers). */
struct tally_item {
	uint32_t module;
	char *question;
	int64_t n, right;       /* answers, right answers */
	int64_t rest, rest2;    /* sum of rest scores (score - mark), of squares */
	int64_t mark_rest;      /* sum of mark * rest */
	struct tally_choice *choices;
	size_t nchoices;
	struct tally_item_lang *langs;
	size_t nlangs;
};

/* Community answers of one choice set ("a" or "a,c") to one question. */
struct tally_cans {
	uint32_t module;
	char *question, *chosen;
	int64_t n;              /* answers */
	int64_t sessions;       /* distinct sessions among them */
};

struct tally {
	int64_t from, to;
	struct tally_names modules, langs, kiosks, versions, sessions;
	int64_t first, last;    /* the earliest and latest start in the window; -1 */
	struct tally_ml *ml;
	size_t nml;
	struct tally_week *weeks;   /* ascending */
	size_t nweeks;
	struct tally_kiosk *kiosk;  /* by kiosk number */
	size_t nkiosk;
	struct tally_month *months;
	size_t nmonths;
	struct tally_pm *pm;        /* every (person, module) with a personnel
	                               completion, window or not */
	size_t npm;
	struct tally_item *items;   /* sorted: module key, question id */
	size_t nitems;
	struct tally_cans *cans;    /* sorted: module key, question, chosen */
	size_t ncans;
	struct tally_reach *reach;  /* by module number (modules.n of them) */
	/* private */
	uint32_t *pm_slot;          /* the index of pm (tally.c) */
	size_t pm_cap;
	struct strmap *cans_index, *cans_seen;
	int64_t *session_quizzes;   /* by session number */
	int64_t *session_reads;
	int64_t *session_people;    /* its participants */
	struct tally_cover *cover;  /* what each session covered of each module */
	size_t ncover, cover_cap;
	struct strmap *cover_index; /* "session module" -> cover number + 1 */
	struct tally_pass *pass;    /* between tally_begin and tally_answers */
	size_t session_cap;
};

/* Count the records of `db` started in [from, to]. */
int tally_run(struct tally *t, sqlite3 *db, int64_t from, int64_t to, struct err *e);

/* The same in two steps, so that the second can run on a thread of its
 * own while the people's pages are written: tally_begin counts the
 * completions and sessions (everything but items and cans), tally_answers
 * the answers (items and cans).  tally_answers reads neither pm nor what
 * tally_sort_people changes, and uses `db` alone meanwhile. */
int tally_begin(struct tally *t, sqlite3 *db, int64_t from, int64_t to, struct err *e);
int tally_answers(struct tally *t, sqlite3 *db, struct err *e);
void tally_free(struct tally *t);

/* The person's record of a module, or NULL. */
const struct tally_pm *tally_find_pm(const struct tally *t, const char *person,
                                     const char *module);

/* Sort tally.pm by shown person, then module key (set every pm's shown first). */
void tally_sort_people(struct tally *t);

/* A number of names for a string: -1 when never seen. */
long tally_name_no(const struct tally_names *names, const char *s);

#endif
