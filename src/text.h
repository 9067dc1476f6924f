/* Source text: what a file must pass before it is parsed (UTF-8, no NUL
 * byte, no UTF-16) and the index of its lines, with line breaks counted
 * exactly as libyaml counts them, so positions and quoted lines agree. */
#ifndef DR_TEXT_H
#define DR_TEXT_H

#include "diag.h"

typedef struct dr_text {
	const char *buf;
	size_t len;
	size_t skip; /* length of a UTF-8 byte order mark, which is allowed */
	size_t *lines; /* byte offset of each line's start (malloc'd), with `index` */
	uint32_t nlines;
} dr_text;

/* Scans buf[0..len): adds an `encoding` finding at the first bad byte and
 * returns 1, or returns 0; DR_ENOMEM when the index cannot be built. With
 * `index`, records where each line starts (up to the bad byte, if any). */
int dr_text_scan(dr_text *t, const char *buf, size_t len, int index, dr_diags *d);
void dr_text_free(dr_text *t);
/* Line `no` (1-based) without its line break, or NULL. */
const char *dr_text_line(const dr_text *t, uint32_t no, size_t *len);
/* The length of the valid UTF-8 sequence at s[0..n), or 0 when invalid
 * (overlong forms, surrogates and values past U+10FFFF included). */
size_t dr_utf8_len(const unsigned char *s, size_t n);

#endif
