/* The pool of threads of the commands that check many files (validate,
 * site): each thread takes the next input from a shared counter, so the
 * work of each thread is known only at the end; the commands keep what a
 * thread made per input, and put it back in input order. */
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

int jobs_option(long *jobs, const char *cmd, const char *arg)
{
	char *end;
	*jobs = strtol(arg, &end, 10);
	if (!*arg || *end || *jobs < 1 || *jobs > POOL_MAX)
		return usage_error(cmd, "--jobs takes a number from 1 to %d", POOL_MAX);
	return 0;
}

long pool_size(long jobs, size_t n)
{
	if (jobs < 1)
		jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs > POOL_MAX)
		jobs = POOL_MAX;
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > n)
		jobs = n ? (long)n : 1;
	return jobs;
}

typedef struct pool_arg {
	void (*fn)(void *ctx, size_t t);
	void *ctx;
	size_t t;
} pool_arg;

static void *start(void *arg)
{
	pool_arg *a = arg;
	a->fn(a->ctx, a->t);
	return NULL;
}

void pool_run(long n, void (*fn)(void *ctx, size_t t), void *ctx)
{
	pthread_t t[POOL_MAX];
	pool_arg a[POOL_MAX];
	long started = 0;
	for (; n > 1 && started < n && started < POOL_MAX; started++) {
		a[started] = (pool_arg){fn, ctx, (size_t)started};
		if (pthread_create(&t[started], NULL, start, &a[started]))
			break;
	}
	if (!started) /* one job, or no thread could start: thread 0 is this one */
		fn(ctx, 0);
	for (long i = 0; i < started; i++)
		pthread_join(t[i], NULL);
}
