/* One pass over a file's bytes: UTF-8 validity and line starts. libyaml
 * breaks lines at CR, LF, CR LF, NEL (U+0085), LS (U+2028) and PS
 * (U+2029); so does this index. */
#include "text.h"

#include "decrec.h"

#include <stdlib.h>
#include <string.h>

size_t dr_utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned lo = 0x80, hi = 0xBF; /* the range of the second byte */
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80; /* no overlong forms */
		hi = c == 0xED ? 0x9F : 0xBF; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF; /* nothing past U+10FFFF */
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	return len;
}

static int add_line(dr_text *t, size_t *cap, size_t start)
{
	if (t->nlines == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		size_t *v = realloc(t->lines, ncap * sizeof(*v));
		if (!v)
			return -1;
		t->lines = v;
		*cap = ncap;
	}
	t->lines[t->nlines++] = start;
	return 0;
}

int dr_text_scan(dr_text *t, const char *buf, size_t len, int index, dr_diags *d)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, cap = 0;
	uint32_t line = 1, col = 1;
	memset(t, 0, sizeof(*t));
	t->buf = buf;
	t->len = len;
	if (len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE))) {
		dr_diag_add(d, DR_RULE_ENCODING, (dr_pos){1, 1, 1, 2}, NULL, NULL,
		            "the file is UTF-16 (it starts with a UTF-16 byte order mark); "
		            "decision records must be saved as UTF-8");
		return index && add_line(t, &cap, 0) ? DR_ENOMEM : 1;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = t->skip = 3;
	if (index && add_line(t, &cap, i))
		return DR_ENOMEM;
	while (i < len) {
		/* Eight plain ASCII characters at a time: no byte with the high bit
		 * set and none below 0x20 (NUL, line breaks, tabs). */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			/* (b | 0x80) - 0x20 keeps the high bit exactly when b >= 0x20. */
			uint64_t ge = (w | 0x8080808080808080u) - 0x2020202020202020u;
			if ((w | ~ge) & 0x8080808080808080u)
				break;
			i += 8;
			col += 8;
		}
		if (i >= len)
			break;
		unsigned c = s[i];
		size_t n = 1, brk = 0;
		if (c >= 0x20 && c < 0x80) {
			/* The common case first. */
		} else if (c == '\n') {
			brk = 1;
		} else if (c == '\r') {
			brk = i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
		} else if (c == 0) {
			dr_diag_add(
			    d, DR_RULE_ENCODING, (dr_pos){line, col, line, col + 1}, NULL, NULL,
			    "the file holds a NUL byte; a decision record is text, so it must "
			    "not contain binary data");
			return 1;
		} else if (c >= 0x80) {
			n = dr_utf8_len(s + i, len - i);
			if (!n) {
				dr_diag_add(
				    d, DR_RULE_ENCODING, (dr_pos){line, col, line, col + 1}, NULL,
				    NULL,
				    "invalid UTF-8 byte 0x%02X; decision records must be saved as "
				    "UTF-8",
				    c);
				return 1;
			}
			if ((n == 2 && c == 0xC2 && s[i + 1] == 0x85) ||
			    (n == 3 && c == 0xE2 && s[i + 1] == 0x80 &&
			     (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)))
				brk = n;
		}
		if (brk) {
			i += brk;
			line++;
			col = 1;
			if (index && add_line(t, &cap, i))
				return DR_ENOMEM;
			continue;
		}
		i += n;
		col++;
	}
	return 0;
}

void dr_text_free(dr_text *t)
{
	free(t->lines);
	t->lines = NULL;
	t->nlines = 0;
}

const char *dr_text_line(const dr_text *t, uint32_t no, size_t *len)
{
	if (!t->lines || no < 1 || no > t->nlines)
		return NULL;
	const unsigned char *b = (const unsigned char *)t->buf;
	size_t s = t->lines[no - 1], e;
	int has_break = 1;
	if (no < t->nlines) {
		e = t->lines[no];
	} else {
		/* The index may stop at a bad byte: the line ends at the next LF. */
		const char *nl = memchr(t->buf + s, '\n', t->len - s);
		e = nl ? (size_t)(nl - t->buf) + 1 : t->len;
		has_break = nl != NULL;
	}
	if (has_break) {
		/* Drop the line's break, whichever it is. */
		if (e > s && b[e - 1] == '\n')
			e--;
		if (e > s && b[e - 1] == '\r')
			e--;
		else if (e >= s + 2 && b[e - 2] == 0xC2 && b[e - 1] == 0x85)
			e -= 2;
		else if (e >= s + 3 && b[e - 3] == 0xE2 && b[e - 2] == 0x80 &&
		         (b[e - 1] & 0xFE) == 0xA8)
			e -= 3;
	}
	*len = e - s;
	return t->buf + s;
}
