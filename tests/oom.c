/* Allocation failure on demand, for the tests of what the library does when
 * memory runs out. The runner is linked with --wrap for the allocation
 * functions (RUNNER_WRAP in the Makefile), so their calls from the library,
 * the command's modules it links and the tests all come through here. The
 * state is per process (Check forks each test) and is changed only while
 * one thread runs. */
#include "tests.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
FILE *__real_open_memstream(char **p, size_t *n);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
FILE *__wrap_open_memstream(char **p, size_t *n);

static unsigned long countdown; /* allocations until the one that fails; 0: none */
static unsigned long counted; /* allocations since oom_at */
static unsigned long armed; /* the n of oom_at(n): a debugger's breakpoint may test it */
static int hit;

void oom_at(unsigned long n)
{
	countdown = armed = n;
	counted = 0;
	hit = 0;
}

int oom_hit(void)
{
	return hit;
}

unsigned long oom_count(void)
{
	return counted;
}

/* Whether this allocation is the one to fail. */
static int fail_now(void)
{
	counted++;
	if (!countdown || --countdown)
		return 0;
	hit = 1;
	errno = ENOMEM;
	return 1;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : __real_strndup(s, n);
}

FILE *__wrap_open_memstream(char **p, size_t *n)
{
	return fail_now() ? NULL : __real_open_memstream(p, n);
}
