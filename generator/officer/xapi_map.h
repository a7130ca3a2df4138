/*
 * xapi_map.h - the records as xAPI statements (1.0.3, valid as 2.0 too;
 * ../shared/reviews/research-2026-12.md §3.2), one row at a time:
 *
 *   a finished quiz      passed / failed; result.score raw, min 0, max,
 *                        scaled; success; completion; duration
 *   an answer            answered, on a cmi.interaction of type choice with
 *                        its choices and correctResponsesPattern from the
 *                        content; parent activity the module
 *   a community session  attended, with the participant count
 *   a module read        experienced, on the module, with the time from
 *                        opening it to its last page as duration
 *
 * Statement ids are the rows' UUIDs, so a statement sent twice is stored
 * once.  A person is an Agent with an account on the deployment's home
 * page, named by a pseudonym (pseudonym.h) unless person ids are asked
 * for; community rows are an Identified Group named by the session's UUID,
 * with no members: no person at all.  Every statement carries the
 * registration (the quiz's, session's or read's UUID), its language, the content
 * version as revision, the platform, and the kiosk as an extension, and
 * its timestamp is the kiosk's time of the row.  The same row gives the
 * same statement, byte for byte.
 */
#ifndef CRSV_XAPI_MAP_H
#define CRSV_XAPI_MAP_H

#include <jansson.h>
#include <stdint.h>
#include "project.h"
#include "pseudonym.h"

struct xapi_map {
	const char *base;                  /* IRI the activities hang under, ending in '/' */
	const struct project *p;           /* names and choices; NULL: module keys only */
	const struct pseudonyms *pseud;    /* NULL: person ids as they are */
	const char *platform;              /* "crsv-kit 0.1" */
};

/* A quiz taken, as its completion row. */
struct xapi_quiz {
	const char *uuid, *kiosk_id, *mode, *person_ref, *session_uuid, *module_id, *lang,
	           *content_version;
	int score, max_score, passed;
	int64_t started_at, finished_at;   /* ms */
};

struct xapi_answer {
	const char *uuid, *question_id, *chosen;   /* chosen: "b" or "a,c" */
	int correct;
	int64_t answered_at;
};

/* A module read, as its reads row. */
struct xapi_read {
	const char *uuid, *kiosk_id, *mode, *person_ref, *session_uuid, *module_id, *lang,
	           *content_version;
	int64_t opened_at, read_at;        /* ms */
};

struct xapi_session {
	const char *uuid, *kiosk_id, *lang;
	int participants;
	int64_t started_at, ended_at;      /* ended_at -1: never ended */
};

json_t *xapi_quiz_statement(const struct xapi_map *m, const struct xapi_quiz *q);
json_t *xapi_answer_statement(const struct xapi_map *m, const struct xapi_quiz *q,
                              const struct xapi_answer *a);
json_t *xapi_session_statement(const struct xapi_map *m, const struct xapi_session *s);
json_t *xapi_read_statement(const struct xapi_map *m, const struct xapi_read *r);

/* "2026-02-09T10:15:00.000Z" of `ms` (32 bytes). */
void xapi_time(int64_t ms, char out[32]);

#endif
