/* utf8.c - UTF-8 validation; see utf8.h. */
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* Length of the sequence at s, or 0 when it is not valid UTF-8. */
static size_t seq_len(const unsigned char *s, size_t left, unsigned *cp)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 2; min = 0x80; c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3; min = 0x800; c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4; min = 0x10000; c &= 0x07;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned cp;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = seq_len(p + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return (size_t)-1;
}

unsigned utf8_decode(const char *s, size_t len, size_t *used)
{
	unsigned cp;
	size_t n = len ? seq_len((const unsigned char *)s, len, &cp) : 0;
	if (!n) {
		*used = len ? 1 : 0;
		return 0xFFFD;
	}
	*used = n;
	return cp;
}

size_t utf8_length(const char *s)
{
	size_t n = 0, len = strlen(s), used;
	for (size_t i = 0; i < len; i += used, n++)
		utf8_decode(s + i, len - i, &used);
	return n;
}

size_t utf8_escape(const char *s, size_t len, size_t limit, char *out, size_t n)
{
	size_t o = 0;
	if (!n)
		return 0;
	/* room for the longest piece (4 bytes, or "\xNN", or "...") and the NUL */
	for (size_t i = 0; i < len && o + 5 < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t used = 1;
		if (i >= limit) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (c >= 0x80 && (utf8_decode(s + i, len - i, &used), used > 1)) {
			memcpy(out + o, s + i, used);
			o += used;
		} else if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
			snprintf(out + o, 5, "\\x%02X", c);
			o += 4;
		} else {
			out[o++] = (char)c;
		}
		i += used;
	}
	out[o] = '\0';
	return o;
}

int utf8_require(const char *s, size_t len, const char *path, const char *what,
                 struct err *e)
{
	size_t bad = utf8_check(s, len);
	int line, column;
	if (bad == (size_t)-1)
		return 0;
	utf8_position(s, bad, &line, &column);
	return err_setc(e, path, line, column, "invalid UTF-8%s%s", what ? " " : "",
	                what ? what : "");
}

void utf8_position(const char *s, size_t offset, int *line, int *column)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < offset; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*column = c;
}
