/* Growable byte buffers with a hard cap (curl's dynbuf): hostile input runs
 * into the cap, never into all of memory. */
#ifndef DR_BUF_H
#define DR_BUF_H

#include <stddef.h>
#include <stdio.h>

typedef struct dr_buf {
	char *p; /* NUL-terminated when len > 0; malloc'd */
	size_t len, cap;
	size_t max; /* the most it may hold */
	int failed; /* the cap was reached or malloc failed: content is cut */
	int oom; /* it failed because malloc did, not at the cap */
} dr_buf;

void dr_buf_init(dr_buf *b, size_t max);
/* Appends s[0..n); 0, or -1 (and `failed` set) past the cap or on OOM. */
int dr_buf_add(dr_buf *b, const char *s, size_t n);
int dr_buf_puts(dr_buf *b, const char *s);
int dr_buf_putc(dr_buf *b, char c);
int dr_buf_printf(dr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Closes f, a memory stream (open_memstream(mem, len)), appends what it
 * holds to b and frees it (*mem NULL). 0, or -1 when the stream or b
 * failed. */
int dr_buf_add_stream(dr_buf *b, FILE *f, char **mem, size_t *len);
/* Takes the content (caller frees; "" for an empty buffer) and resets b. */
char *dr_buf_take(dr_buf *b, size_t *len);
void dr_buf_free(dr_buf *b);

#endif
