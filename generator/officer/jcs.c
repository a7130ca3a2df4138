/* jcs.c - RFC 8785 canonical JSON; see jcs.h. */
#include "jcs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The next UTF-16 code unit of the UTF-8 string at *p (jansson has checked
 * it is valid UTF-8); *pending carries the low surrogate of a character
 * beyond the BMP to the next call. */
static unsigned next_unit(const unsigned char **p, const unsigned char *end, unsigned *pending)
{
	unsigned c;
	if (*pending) {
		c = *pending;
		*pending = 0;
		return c;
	}
	const unsigned char *s = *p;
	int len = s[0] < 0x80 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (s + len > end)
		len = (int)(end - s);
	c = len == 1 ? s[0] : s[0] & (0x3f >> (len - 1));
	for (int i = 1; i < len; i++)
		c = c << 6 | (s[i] & 0x3f);
	*p = s + len;
	if (c >= 0x10000) {
		c -= 0x10000;
		*pending = 0xdc00 | (c & 0x3ff);
		return 0xd800 | c >> 10;
	}
	return c;
}

/* Member names compared as JCS says: by UTF-16 code units (which differs
 * from comparing UTF-8 bytes only beyond the BMP). */
static int utf16_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	const unsigned char *pa = (const unsigned char *)a, *ea = pa + na;
	const unsigned char *pb = (const unsigned char *)b, *eb = pb + nb;
	unsigned qa = 0, qb = 0;
	while ((pa < ea || qa) && (pb < eb || qb)) {
		unsigned ua = next_unit(&pa, ea, &qa), ub = next_unit(&pb, eb, &qb);
		if (ua != ub)
			return ua < ub ? -1 : 1;
	}
	return (pa < ea || qa) - (pb < eb || qb);
}

struct member {
	const char *name;
	size_t len;
	const json_t *value;
};

static int member_cmp(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	return utf16_cmp(a->name, a->len, b->name, b->len);
}

static void write_string(struct buf *out, const char *s, size_t n)
{
	size_t run = 0;   /* bytes that go as they are, since the last escape */
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_put(out, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		case '\b': buf_puts(out, "\\b"); break;
		case '\f': buf_puts(out, "\\f"); break;
		case '\n': buf_puts(out, "\\n"); break;
		case '\r': buf_puts(out, "\\r"); break;
		case '\t': buf_puts(out, "\\t"); break;
		default: buf_printf(out, "\\u%04x", c);
		}
	}
	buf_put(out, s + run, n - run);
	buf_putc(out, '"');
}

/* A double as ECMAScript writes it: the fewest digits that read back as
 * the same double, in plain notation for exponents -7 < e < 21, else as
 * d.ddde+N. */
static void write_number(struct buf *out, double x)
{
	char sci[40], digits[24];
	int prec, exp10, nd = 0;
	if (x == 0) {
		buf_putc(out, '0');   /* -0 too */
		return;
	}
	if (x < 0) {
		buf_putc(out, '-');
		x = -x;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(sci, sizeof sci, "%.*e", prec - 1, x);
		if (strtod(sci, NULL) == x)
			break;
	}
	char *e = strchr(sci, 'e');
	exp10 = atoi(e + 1);
	for (const char *c = sci; c < e; c++)
		if (*c >= '0' && *c <= '9')
			digits[nd++] = *c;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	int n = exp10 + 1;   /* x = 0.digits * 10^n */
	if (nd <= n && n <= 21) {
		buf_puts(out, digits);
		for (int i = nd; i < n; i++)
			buf_putc(out, '0');
	} else if (0 < n && n <= 21) {
		buf_printf(out, "%.*s.%s", n, digits, digits + n);
	} else if (-6 < n && n <= 0) {
		buf_puts(out, "0.");
		for (int i = n; i < 0; i++)
			buf_putc(out, '0');
		buf_puts(out, digits);
	} else {
		buf_putc(out, digits[0]);
		if (nd > 1)
			buf_printf(out, ".%s", digits + 1);
		buf_printf(out, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
	}
}

int jcs_write(struct buf *out, const json_t *v, const char *where, struct err *e)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		size_t n = json_object_size(v), i = 0;
		struct member *m = xcalloc(n ? n : 1, sizeof *m);
		const char *name;
		const json_t *value;
		void *it;
		for (it = json_object_iter((json_t *)v); it;
		     it = json_object_iter_next((json_t *)v, it)) {
			name = json_object_iter_key(it);
			value = json_object_iter_value(it);
			m[i++] = (struct member){ name, json_object_iter_key_len(it), value };
		}
		qsort(m, n, sizeof *m, member_cmp);
		buf_putc(out, '{');
		for (i = 0; i < n; i++) {
			if (i)
				buf_putc(out, ',');
			write_string(out, m[i].name, m[i].len);
			buf_putc(out, ':');
			if (jcs_write(out, m[i].value, where, e) < 0) {
				free(m);
				return -1;
			}
		}
		buf_putc(out, '}');
		free(m);
		return 0;
	}
	case JSON_ARRAY:
		buf_putc(out, '[');
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				buf_putc(out, ',');
			if (jcs_write(out, json_array_get(v, i), where, e) < 0)
				return -1;
		}
		buf_putc(out, ']');
		return 0;
	case JSON_STRING:
		write_string(out, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_INTEGER: {
		json_int_t i = json_integer_value(v);
		if (i > -(1LL << 53) && i < (1LL << 53))
			buf_printf(out, "%lld", (long long)i);
		else   /* beyond a double's integers: as ECMAScript would read it */
			write_number(out, (double)i);
		return 0;
	}
	case JSON_REAL: {
		double d = json_real_value(v);
		if (!isfinite(d)) {
			err_set(e, where, 0, "a number that is not finite cannot be canonicalized");
			return -1;
		}
		write_number(out, d);
		return 0;
	}
	case JSON_TRUE: buf_puts(out, "true"); return 0;
	case JSON_FALSE: buf_puts(out, "false"); return 0;
	case JSON_NULL: buf_puts(out, "null"); return 0;
	}
	return 0;
}

json_t *jcs_parse(const char *text, size_t n, const char *path, struct err *e)
{
	json_error_t je;
	json_t *v = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		err_set(e, path, je.line > 0 ? je.line : 0, "not valid JSON: %s", je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		err_set(e, path, 1, "a credential is a JSON object, not this");
		json_decref(v);
		return NULL;
	}
	return v;
}
