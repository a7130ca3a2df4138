/*
 * xapi_send.h - POSTing statements to a Learning Record Store (libcurl),
 * as a well-behaved xAPI 1.0.3 client:
 *   - the X-Experience-API-Version header on every request, TLS verified,
 *     the body in ASCII (characters beyond it as \uXXXX escapes),
 *     no redirects followed, credentials only in the Authorization header
 *     (never in a message or a log);
 *   - a batch refused with 400 (or 413, too large) is split in halves
 *     until the statement at fault is found: it is reported, the others
 *     are still sent; 409 (a statement with this id and other content is
 *     there already) is found the same way and reported as a conflict;
 *   - 429, 5xx and network errors are retried with exponential backoff
 *     (Retry-After honoured); 401/403, other answers and retries run out
 *     stop the run, with what was acknowledged kept by the caller.
 */
#ifndef CRSV_XAPI_SEND_H
#define CRSV_XAPI_SEND_H

#include <stddef.h>
#include "err.h"

struct lrs;

struct lrs_options {
	const char *endpoint;      /* ".../xAPI/": statements are POSTed to endpoint + "statements" */
	const char *authorization; /* the header's value ("Basic ...", "Bearer ..."), or NULL */
	int tries;                 /* per request, before the run stops */
	double first_wait;         /* seconds before the first retry; doubled each time */
};

/* A statement to send, as its JSON text (made once: what is sent is what
 * was hashed). */
struct lrs_item {
	const char *id;
	const char *json;
	size_t len;
};

/* What became of each statement of a batch. */
struct lrs_replies {
	void (*stored)(void *ctx, const struct lrs_item *it);
	void (*conflict)(void *ctx, const struct lrs_item *it, const char *lrs_said);
	void (*refused)(void *ctx, const struct lrs_item *it, const char *lrs_said);
	void *ctx;
};

int lrs_open(struct lrs **out, const struct lrs_options *o, struct err *e);
void lrs_close(struct lrs *l);

/* Send `n` statements (one POST when all goes well); each ends in one of
 * the replies.  -1 when the run must stop (e says why). */
int lrs_send(struct lrs *l, const struct lrs_item *items, size_t n, const struct lrs_replies *r,
             struct err *e);

/* lrs_send in the background, so the next batch can be made while this
 * one is on its way: the batch in flight before is waited for first (its
 * replies given, as by lrs_wait), then a thread sends these `n`
 * statements and this returns.  The items must stay unchanged until
 * lrs_wait.  -1 when the batch before ended the run (e says why). */
int lrs_start_send(struct lrs *l, const struct lrs_item *items, size_t n,
                   const struct lrs_replies *r, struct err *e);

/* Wait for the batch in flight, if any, and give its replies here, on the
 * caller's thread (what was acknowledged before a failure too).  0, or -1
 * when the run must stop (e, when not NULL, says why).  lrs_close waits
 * too, but gives no replies. */
int lrs_wait(struct lrs *l, struct err *e);

/* The requests made and retried so far (for the summary). */
long lrs_requests(const struct lrs *l);
long lrs_retries(const struct lrs *l);

#endif
