/* xapi_send.c - statements to an LRS over HTTP; see xapi_send.h. */
#include "xapi_send.h"
#include "buf.h"
#include "utf8.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A reply the sending thread kept, for lrs_wait to give on the caller's. */
enum kept_kind { KEPT_NONE, KEPT_STORED, KEPT_CONFLICT, KEPT_REFUSED };
struct kept_reply {
	enum kept_kind kind;
	char *said;                /* what the LRS said; NULL when stored */
};

/* The batch being sent in the background (lrs_start_send). */
struct flight {
	pthread_t thread;
	int busy;                  /* a thread runs, or ran and is not joined yet */
	struct lrs *l;
	const struct lrs_item *items;
	size_t n;
	struct lrs_replies to;     /* the caller's replies, given in lrs_wait */
	struct kept_reply *kept;   /* one per item */
	int rc;                    /* lrs_send's */
	struct err e;
};

struct lrs {
	CURL *curl;
	struct curl_slist *headers;
	char *url;                 /* endpoint + "statements" */
	struct lrs_options o;
	struct buf reply;          /* the body of the last answer */
	long retry_after;          /* seconds, from the last answer; -1: none */
	long requests, retries;
	struct flight flight;
};

static int land(struct flight *f, int give, struct err *e);

static size_t take_body(char *data, size_t size, size_t n, void *ctx)
{
	buf_put(ctx, data, size * n);
	return size * n;
}

static size_t take_header(char *data, size_t size, size_t n, void *ctx)
{
	struct lrs *l = ctx;
	size_t len = size * n;
	if (len > 12 && !strncasecmp(data, "Retry-After:", 12))
		l->retry_after = strtol(data + 12, NULL, 10);
	return len;
}

int lrs_open(struct lrs **out, const struct lrs_options *o, struct err *e)
{
	struct lrs *l = xcalloc(1, sizeof *l);
	size_t n = strlen(o->endpoint);
	*out = NULL;
	l->o = *o;
	l->url = xconcat(o->endpoint, n && o->endpoint[n - 1] == '/' ? "" : "/", "statements", NULL);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(l->curl = curl_easy_init())) {
		free(l->url);
		free(l);
		return err_set(e, o->endpoint, 0, "cannot start libcurl");
	}
	l->headers = curl_slist_append(l->headers, "X-Experience-API-Version: 1.0.3");
	l->headers = curl_slist_append(l->headers, "Content-Type: application/json; charset=utf-8");
	l->headers = curl_slist_append(l->headers, "Expect:");   /* no 100-continue round trip */
	if (o->authorization) {
		char *auth = xconcat("Authorization: ", o->authorization, NULL);
		l->headers = curl_slist_append(l->headers, auth);
		memset(auth, 0, strlen(auth));
		free(auth);
	}
	CURL *c = l->curl;
	curl_easy_setopt(c, CURLOPT_URL, l->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, l->headers);
	curl_easy_setopt(c, CURLOPT_POST, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 300L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "crsv-gen xapi");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &l->reply);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, take_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, l);
	*out = l;
	return 0;
}

void lrs_close(struct lrs *l)
{
	if (!l)
		return;
	land(&l->flight, 0, NULL);   /* the replies' owner may be gone: not given */
	curl_slist_free_all(l->headers);   /* holds the Authorization header */
	curl_easy_cleanup(l->curl);
	buf_free(&l->reply);
	free(l->url);
	free(l);
	curl_global_cleanup();
}

long lrs_requests(const struct lrs *l)
{
	return l->requests;
}

long lrs_retries(const struct lrs *l)
{
	return l->retries;
}

static void wait_seconds(double s)
{
	struct timespec t = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	nanosleep(&t, NULL);
}

/* What the LRS said, one line, short: its body, or the status. */
static void lrs_said(const struct lrs *l, long status, char *out, size_t n)
{
	size_t len = l->reply.len < n - 1 ? l->reply.len : n - 1;
	memcpy(out, l->reply.data ? l->reply.data : "", len);
	out[len] = '\0';
	for (char *c = out; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	if (!len)
		snprintf(out, n, "HTTP %ld", status);
}

/* POST `body`, again while the LRS is busy or away: the status of the
 * last answer, or -1 when the tries ran out (e says why). */
static long post(struct lrs *l, const char *body, size_t len, struct err *e)
{
	double wait = l->o.first_wait;
	for (int t = 1;; t++) {
		buf_reset(&l->reply);
		l->retry_after = -1;
		curl_easy_setopt(l->curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(l->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
		l->requests++;
		CURLcode rc = curl_easy_perform(l->curl);
		long status = 0;
		if (rc == CURLE_OK)
			curl_easy_getinfo(l->curl, CURLINFO_RESPONSE_CODE, &status);
		int again = rc != CURLE_OK || status == 429 || status >= 500;
		if (!again)
			return status;
		if (t >= l->o.tries) {
			if (rc != CURLE_OK)
				err_set(e, l->o.endpoint, 0, "cannot reach the LRS after %d tries: %s", t,
				        curl_easy_strerror(rc));
			else
				err_set(e, l->o.endpoint, 0, "the LRS answered HTTP %ld %d times in a row",
				        status, t);
			return -1;
		}
		l->retries++;
		wait_seconds(l->retry_after >= 0 && l->retry_after < 300 ? (double)l->retry_after : wait);
		wait = wait * 2 < 60 ? wait * 2 : 60;
	}
}

/* `json` with every character beyond ASCII written as \\uXXXX (UTF-16,
 * a surrogate pair beyond the BMP): the same JSON, in bytes no LRS can cut
 * in the middle of a character.  Learning Locker's xapi-statements decodes
 * a request's body piece by piece (stream-to-string), which garbles a
 * character whose bytes fall on both sides of a piece's end. */
static void put_ascii(struct buf *b, const char *json, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n;) {
		if (!(json[i] & 0x80)) {
			i++;
			continue;
		}
		size_t used;
		unsigned cp = utf8_decode(json + i, n - i, &used);
		buf_put(b, json + run, i - run);
		if (cp >= 0x10000)
			buf_printf(b, "\\u%04x\\u%04x", 0xd800 | ((cp - 0x10000) >> 10),
			           0xdc00 | ((cp - 0x10000) & 0x3ff));
		else
			buf_printf(b, "\\u%04x", cp);
		i += used ? used : 1;
		run = i;
	}
	buf_put(b, json + run, n - run);
}

static char *batch_body(const struct lrs_item *it, size_t n, size_t *len)
{
	struct buf b = {0};
	buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		put_ascii(&b, it[i].json, it[i].len);
	}
	buf_putc(&b, ']');
	*len = b.len;
	return buf_take(&b);
}

int lrs_send(struct lrs *l, const struct lrs_item *it, size_t n, const struct lrs_replies *r,
             struct err *e)
{
	size_t len;
	char said[300];
	if (!n)
		return 0;
	char *body = batch_body(it, n, &len);
	long status = post(l, body, len, e);
	free(body);
	if (status < 0)
		return -1;
	if (status == 200 || status == 204) {
		for (size_t i = 0; i < n; i++)
			r->stored(r->ctx, &it[i]);
		return 0;
	}
	if (status == 400 || status == 409 || status == 413) {
		if (n > 1)   /* one statement spoils a batch: find it, send the rest */
			return lrs_send(l, it, n / 2, r, e) < 0 ? -1 : lrs_send(l, it + n / 2, n - n / 2, r, e);
		lrs_said(l, status, said, sizeof said);
		(status == 409 ? r->conflict : r->refused)(r->ctx, &it[0], said);
		return 0;
	}
	lrs_said(l, status, said, sizeof said);
	if (status == 401 || status == 403)
		return err_set(e, l->o.endpoint, 0, "the LRS refused the credentials (HTTP %ld): %s",
		               status, said);
	return err_set(e, l->o.endpoint, 0, "the LRS answered HTTP %ld: %s (is this its xAPI "
	               "endpoint, the address that ends before /statements?)", status, said);
}

/* ---- in the background ------------------------------------------------------------ */

static void keep(struct flight *f, const struct lrs_item *it, enum kept_kind kind, const char *said)
{
	struct kept_reply *k = &f->kept[it - f->items];
	k->kind = kind;
	k->said = said ? xstrdup(said) : NULL;
}

static void kept_stored(void *ctx, const struct lrs_item *it)
{
	keep(ctx, it, KEPT_STORED, NULL);
}

static void kept_conflict(void *ctx, const struct lrs_item *it, const char *said)
{
	keep(ctx, it, KEPT_CONFLICT, said);
}

static void kept_refused(void *ctx, const struct lrs_item *it, const char *said)
{
	keep(ctx, it, KEPT_REFUSED, said);
}

static void *fly(void *arg)
{
	struct flight *f = arg;
	struct lrs_replies keeping = { kept_stored, kept_conflict, kept_refused, f };
	f->rc = lrs_send(f->l, f->items, f->n, &keeping, &f->e);
	return NULL;
}

int lrs_start_send(struct lrs *l, const struct lrs_item *items, size_t n,
                   const struct lrs_replies *r, struct err *e)
{
	struct flight *f = &l->flight;
	if (f->busy && lrs_wait(l, e) < 0)
		return -1;
	if (!n)
		return 0;
	*f = (struct flight){ .l = l, .items = items, .n = n, .to = *r };
	f->kept = xcalloc(n, sizeof *f->kept);
	if (pthread_create(&f->thread, NULL, fly, f) != 0) {
		free(f->kept);
		f->kept = NULL;
		return lrs_send(l, items, n, r, e);   /* no thread to be had: send it here */
	}
	f->busy = 1;
	return 0;
}

/* The flight's end: its thread joined, its replies given (`give`) or not. */
static int land(struct flight *f, int give, struct err *e)
{
	if (!f->busy)
		return 0;
	pthread_join(f->thread, NULL);
	f->busy = 0;
	for (size_t i = 0; i < f->n; i++) {
		const struct lrs_item *it = &f->items[i];
		struct kept_reply *k = &f->kept[i];
		if (!give)
			;
		else if (k->kind == KEPT_STORED)
			f->to.stored(f->to.ctx, it);
		else if (k->kind == KEPT_CONFLICT)
			f->to.conflict(f->to.ctx, it, k->said);
		else if (k->kind == KEPT_REFUSED)
			f->to.refused(f->to.ctx, it, k->said);
		free(k->said);
	}
	free(f->kept);
	f->kept = NULL;
	if (f->rc < 0 && e)
		*e = f->e;
	return f->rc;
}

int lrs_wait(struct lrs *l, struct err *e)
{
	return land(&l->flight, 1, e);
}
