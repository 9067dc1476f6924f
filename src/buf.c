/* Capped growable buffers. */
#include "buf.h"

#include "grow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dr_buf_init(dr_buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

static int grow(dr_buf *b, size_t need)
{
	if (b->failed)
		return -1;
	/* need + 1 for the NUL; 256 bytes at first, as most values are short. */
	if (need > b->max) {
		b->failed = 1;
		return -1;
	}
	if (dr_grow(&b->p, &b->cap, need + 1 < 256 ? 256 : need + 1, 1)) {
		b->failed = b->oom = 1;
		return -1;
	}
	return 0;
}

int dr_buf_add(dr_buf *b, const char *s, size_t n)
{
	if (grow(b, b->len + n))
		return -1;
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int dr_buf_puts(dr_buf *b, const char *s)
{
	return dr_buf_add(b, s, strlen(s));
}

int dr_buf_putc(dr_buf *b, char c)
{
	return dr_buf_add(b, &c, 1);
}

int dr_buf_printf(dr_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof(small))
		return dr_buf_add(b, small, (size_t)n);
	if (grow(b, b->len + (size_t)n))
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

char *dr_buf_take(dr_buf *b, size_t *len)
{
	char *p = b->p ? b->p : calloc(1, 1);
	if (len)
		*len = b->len;
	size_t max = b->max;
	dr_buf_init(b, max);
	return p;
}

void dr_buf_free(dr_buf *b)
{
	if (!b)
		return;
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int dr_buf_add_stream(dr_buf *b, FILE *f, char **mem, size_t *len)
{
	int bad = ferror(f);
	bad |= fclose(f) != 0;
	bad = bad || dr_buf_add(b, *mem, *len);
	free(*mem);
	*mem = NULL;
	return bad ? -1 : 0;
}
