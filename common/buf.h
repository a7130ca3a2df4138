/*
 * buf.h - growable byte buffers and the allocation wrappers.
 *
 * Memory exhaustion is not a recoverable error in a batch compiler or a
 * kiosk: xmalloc and friends abort with a message instead of returning NULL.
 *
 * A `struct buf` owns its `data`; it is always NUL-terminated after any
 * append so it can be used as a C string.  Zero-initialise it
 * (`struct buf b = {0};`) and release with buf_free.
 */
#ifndef CRSV_BUF_H
#define CRSV_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Concatenate the strings up to a NULL into a new heap string (for paths
 * and links on hot paths, where printf's parsing shows in profiles). */
char *xconcat(const char *first, ...);
/* printf into a new heap string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* An integer in decimal, faster than printf (a report writes millions):
 * into `out` (24 bytes at least, returns the length), or onto the buffer. */
size_t buf_int_text(int64_t v, char *out);
void buf_put_int(struct buf *b, int64_t v);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append `s` (length n) with &, <, >, " and ' escaped for HTML text and
 * attribute values. */
void buf_put_html(struct buf *b, const char *s, size_t n);
void buf_reset(struct buf *b);
/* Take ownership of the data (a NUL-terminated string, never NULL) and leave
 * `b` empty. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

#endif
