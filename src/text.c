/* A file's bytes: one fast pass for UTF-8 validity, and an index of line
 * starts built only as far as a finding or a reference needs it. libyaml
 * breaks lines at CR, LF, CR LF, NEL (U+0085), LS (U+2028) and PS
 * (U+2029); so does this index. */
#include "text.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

/* The length of the line break at s[i], or 0: CR, LF, CR LF, NEL, LS, PS. */
static size_t break_at(const unsigned char *s, size_t len, size_t i)
{
	switch (s[i]) {
	case '\n':
		return 1;
	case '\r':
		return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	case 0xC2:
		return i + 1 < len && s[i + 1] == 0x85 ? 2 : 0;
	case 0xE2:
		return i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] & 0xFE) == 0xA8 ? 3 : 0;
	default:
		return 0;
	}
}

size_t dr_text_break(const unsigned char *s, size_t len, size_t i)
{
	return break_at(s, len, i);
}

/* The line and column (in characters) of byte `at`, for a finding there. */
static void pos_at(const unsigned char *s, size_t len, size_t from, size_t at, uint32_t *line,
                   uint32_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = from; i < at;) {
		size_t b = break_at(s, len, i);
		if (b) {
			i += b;
			++*line;
			*col = 1;
			continue;
		}
		size_t n = s[i] < 0x80 ? 1 : dr_utf8_len(s + i, len - i);
		i += n ? n : 1;
		++*col;
	}
}

/* PLAIN8(NZ(w)) is false when a byte of w is NUL or has its high bit set:
 * (b - 1) borrows or sets the high bit exactly for those, when no lower
 * byte borrowed first. NZ of several words can be or-ed together. */
#define NZ(w) (((w)-0x0101010101010101u) | (w))
#define PLAIN8(x) (!((x)&0x8080808080808080u))

int dr_text_scan(dr_text *t, const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, *lines = t->lines, cap = t->cap;
	/* A text used before keeps its index's memory. */
	*t = (dr_text){.buf = buf, .len = len, .lines = lines, .cap = cap};
	if (len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE))) {
		t->bad_line = t->bad_col = 1;
		t->bad_byte = s[0];
		return DR_TEXT_UTF16;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = t->skip = 3;
	while (i < len) {
		/* 32 plain bytes at a time; lines are counted only when a
		 * finding needs a position. */
		while (i + 32 <= len) {
			uint64_t w[4];
			memcpy(w, s + i, 32);
			if (!PLAIN8(NZ(w[0]) | NZ(w[1]) | NZ(w[2]) | NZ(w[3])))
				break;
			i += 32;
		}
		size_t end = i + 32 < len ? i + 32 : len;
		for (; i < end; i++) {
			unsigned c = s[i];
			if (c && c < 0x80)
				continue;
			size_t n = c ? dr_utf8_len(s + i, len - i) : 0;
			if (n) {
				t->exotic |= break_at(s, len, i) != 0; /* NEL, LS or PS */
				i += n - 1;
				continue;
			}
			t->exotic = 1; /* the text past here is unread: index it slowly */
			pos_at(s, len, t->skip, i, &t->bad_line, &t->bad_col);
			t->bad_byte = (unsigned char)c;
			return c ? DR_TEXT_INVALID : DR_TEXT_NUL;
		}
	}
	return 0;
}

static int add_start(dr_text *t, size_t at)
{
	if (dr_grow(&t->lines, &t->cap, t->nlines + 1, sizeof(*t->lines)))
		return -1;
	t->lines[t->nlines++] = at;
	return 0;
}

/* Indexes lines until line `no` + 1 starts or the text ends. */
static int index_to(dr_text *t, uint32_t no)
{
	const unsigned char *s = (const unsigned char *)t->buf;
	if (!t->nlines) {
		if (!t->lines) {
			t->lines = malloc(64 * sizeof(*t->lines));
			if (!t->lines)
				return -1;
			t->cap = 64;
		}
		t->lines[t->nlines++] = t->at = t->skip;
		/* Most files break lines at LF alone: then memchr finds them. */
		t->exotic |= memchr(t->buf, '\r', t->len) != NULL;
	}
	size_t i = t->at;
	while (!t->exotic && t->nlines <= no && i < t->len) {
		const char *nl = memchr(t->buf + i, '\n', t->len - i);
		i = nl ? (size_t)(nl - t->buf) + 1 : t->len;
		if (nl && add_start(t, i))
			return -1;
	}
	while (t->nlines <= no && i < t->len) {
		/* Eight bytes at a time while none is a control character or
		 * non-ASCII: no line break among them. */
		while (i + 8 <= t->len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			uint64_t ge = (w | 0x8080808080808080u) - 0x2020202020202020u;
			if ((w | ~ge) & 0x8080808080808080u)
				break;
			i += 8;
		}
		if (i >= t->len)
			break;
		size_t b = break_at(s, t->len, i);
		if (!b) {
			i++;
			continue;
		}
		i += b;
		if (add_start(t, i))
			return -1;
	}
	t->at = i < t->len ? i : t->len;
	return 0;
}

void dr_text_free(dr_text *t)
{
	free(t->lines);
	t->lines = NULL;
	t->nlines = 0;
	t->cap = 0;
}

uint32_t dr_text_count(dr_text *t)
{
	if (index_to(t, UINT32_MAX - 1))
		return 0;
	return t->nlines;
}

const char *dr_text_line(dr_text *t, uint32_t no, size_t *len)
{
	if (no < 1 || no == UINT32_MAX || index_to(t, no) || no > t->nlines)
		return NULL;
	const unsigned char *b = (const unsigned char *)t->buf;
	size_t s = t->lines[no - 1], e = no < t->nlines ? t->lines[no] : t->len;
	if (no < t->nlines) {
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
