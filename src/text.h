/* Source text: what a file must pass before it is parsed (UTF-8, no NUL
 * byte, no UTF-16) and the index of its lines, with line breaks counted
 * exactly as libyaml counts them, so positions and quoted lines agree. */
#ifndef DR_TEXT_H
#define DR_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "utf8.h"

typedef struct dr_text {
	const char *buf;
	size_t len;
	size_t skip; /* length of a UTF-8 byte order mark, which is allowed */
	size_t *lines; /* byte offset of each line's start (malloc'd), built lazily */
	uint32_t nlines; /* lines indexed so far */
	size_t cap, at; /* capacity of lines; where indexing stopped */
	int exotic; /* lines may break at CR, NEL, LS or PS, not only LF */
	uint32_t bad_line, bad_col; /* where dr_text_scan stopped (col in characters) */
	unsigned char bad_byte; /* the byte there */
} dr_text;

/* What dr_text_scan found wrong: the caller turns it into a finding. */
enum { DR_TEXT_OK, DR_TEXT_UTF16, DR_TEXT_NUL, DR_TEXT_INVALID };

/* Checks buf[0..len): returns DR_TEXT_OK, or what is wrong, with the first
 * bad byte and its position in t->bad_*. Skips a UTF-8 byte order mark
 * (t->skip). Indexes nothing yet. `t` is zeroed or was used
 * before (its index's memory is reused); dr_text_free releases it. */
int dr_text_scan(dr_text *t, const char *buf, size_t len);
void dr_text_free(dr_text *t);
/* Line `no` (1-based) without its line break, or NULL (past the end, or out
 * of memory). Indexes lines up to `no` on first use. */
const char *dr_text_line(dr_text *t, uint32_t no, size_t *len);
/* The number of lines (the last may be empty); 0 when out of memory. */
uint32_t dr_text_count(dr_text *t);
/* The length of the line break at s[i] (CR, LF, CR LF, NEL, LS or PS), or 0. */
size_t dr_text_break(const unsigned char *s, size_t len, size_t i);

#endif
