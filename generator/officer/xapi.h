/*
 * xapi.h - `crsv-gen xapi`: a master records file as xAPI statements
 * (xapi_map.h), written one per line (--out FILE.jsonl, written aside and
 * renamed) or sent to a Learning Record Store (--lrs URL, xapi_send.h) in
 * batches.  What the LRS acknowledged is kept in the master (xapi_sent in
 * master.sql), so a run that stops resumes where it stopped, a second run
 * sends only what is new or changed, and nothing is stored twice.
 */
#ifndef CRSV_XAPI_H
#define CRSV_XAPI_H

#include "err.h"

struct xapi_options {
	const char *records;       /* the master */
	const char *out;           /* FILE.jsonl; or */
	const char *lrs;           /* the LRS's xAPI endpoint */
	const char *user;          /* Basic authentication: the user, and */
	const char *password_file; /* the file holding the password */
	const char *token_file;    /* or a bearer token's file */
	const char *base;          /* the activities' IRI; NULL: site.yaml's base_url */
	const char *content, *locales, *assets;
	const char *batch;         /* statements per POST, as typed; NULL: 200 */
	const char *tries;         /* tries per request, as typed; NULL: 8 */
	int person_ids;            /* person refs as they are, not pseudonyms */
};

struct xapi_summary {
	long statements, stored, already, conflicts, refused;
	long requests, retries;
	double seconds;
};

/* 0 when every statement got through (written, or stored by the LRS);
 * 1 when some were refused or in conflict (each in `problems`); -1 when
 * the run could not go on (e). */
int xapi_run(const struct xapi_options *o, struct xapi_summary *sum, struct errlist *problems,
             struct err *e);

#endif
