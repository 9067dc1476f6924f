/* Arena allocator: a chain of blocks, bump allocation, one free for all. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks start small (a file's findings need little) and double up to
 * MAX_BLOCK, so a large record costs few mallocs. */
#define MIN_BLOCK 256
#define MAX_BLOCK (256 * 1024)
#define ALIGN (sizeof(max_align_t))

typedef struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
} block;

struct dr_arena {
	block *head;
	size_t cap, total, next; /* next: size of the next block */
	int full; /* an allocation was refused for the cap */
};

dr_arena *dr_arena_new(size_t cap)
{
	dr_arena *a = calloc(1, sizeof(*a));
	if (a) {
		a->cap = cap;
		a->next = MIN_BLOCK;
	}
	return a;
}

void dr_arena_free(dr_arena *a)
{
	if (!a)
		return;
	for (block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void dr_arena_reset(dr_arena *a)
{
	/* Keep the largest block: the next record of a file is likely alike. */
	block *keep = NULL;
	for (block *b = a->head; b; b = b->next)
		if (!keep || b->size > keep->size)
			keep = b;
	for (block *b = a->head, *next; b; b = next) {
		next = b->next;
		if (b != keep)
			free(b);
	}
	a->head = keep;
	a->total = 0;
	a->full = 0;
	if (keep) {
		keep->used = 0;
		keep->next = NULL;
		a->total = keep->size;
	}
}

void *dr_arena_alloc(dr_arena *a, size_t n)
{
	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > a->next / 4 ? n : a->next;
		if (a->next < MAX_BLOCK)
			a->next *= 2;
		if (size > a->cap - a->total) {
			a->full = 1;
			return NULL;
		}
		b = malloc(sizeof(block) + size);
		if (!b)
			return NULL;
		b->size = size;
		b->used = 0;
		a->total += size;
		if (size == n && a->head) {
			/* Big one-off: keep the current block open for small ones. */
			b->next = a->head->next;
			a->head->next = b;
			b->used = n;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

int dr_arena_full(const dr_arena *a)
{
	return a->full;
}

char *dr_arena_strndup(dr_arena *a, const char *s, size_t n)
{
	char *p = dr_arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *dr_arena_printf(dr_arena *a, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = dr_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	if ((size_t)n < sizeof(small)) {
		memcpy(p, small, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return p;
}
