/* Spilling to one temporary file (spill.h). */
#include "spill.h"

#include "decrec.h"
#include "grow.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Bytes written or read at a time. */
#define WINDOW (64 * 1024)

void dr_spill_open(dr_spill *sp, size_t spare)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	struct rlimit lim;
	sp->fd = -1;
	sp->why[0] = '\0';
	atomic_init(&sp->end, 0);
	if (snprintf(path, sizeof(path), "%s/decrec-XXXXXX", dir && *dir ? dir : "/tmp") >=
	        (int)sizeof(path) ||
	    (sp->fd = mkstemp(path)) < 0)
		return;
	unlink(path);
	fcntl(sp->fd, F_SETFD, FD_CLOEXEC);
	/* Descriptors are handed out lowest first: this one's number is about
	 * how many are open. */
	if (!getrlimit(RLIMIT_NOFILE, &lim) && lim.rlim_cur != RLIM_INFINITY &&
	    (rlim_t)sp->fd + 1 + spare > lim.rlim_cur) {
		close(sp->fd);
		sp->fd = -1;
	}
}

void dr_spill_close(dr_spill *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	sp->fd = -1;
}

void dr_stream_flush(dr_spill *sp, dr_stream *s)
{
	if (sp->fd < 0 || s->stuck || !s->len)
		return;
	if (dr_grow(&s->chunks, &s->chunkcap, s->nchunks + 1, sizeof(*s->chunks))) {
		s->stuck = 1;
		return;
	}
	/* A range that a failed write leaves behind is never read. */
	uint64_t off = atomic_fetch_add(&sp->end, s->len);
	for (size_t done = 0; done < s->len;) {
		ssize_t w = pwrite(sp->fd, s->buf + done, s->len - done, (off_t)(off + done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			s->stuck = 1;
			return;
		}
		done += (size_t)w;
	}
	s->chunks[s->nchunks++] = (dr_chunk){s->size - s->len, off, s->len};
	s->len = 0;
}

int dr_stream_put(dr_spill *sp, dr_stream *s, const void *p, size_t n)
{
	if (s->len && s->len + n > WINDOW)
		dr_stream_flush(sp, s);
	if (dr_grow(&s->buf, &s->cap, s->len + n < WINDOW ? WINDOW : s->len + n, 1))
		return DR_ENOMEM;
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->size += n;
	return 0;
}

int dr_stream_spilled(const dr_spill *sp, const dr_stream *s)
{
	return sp->fd >= 0 && !s->stuck;
}

/* Says why a read failed; NULL. */
static const char *fail(dr_spill *sp, const char *why)
{
	snprintf(sp->why, sizeof(sp->why), "%s", why);
	return NULL;
}

/* The n bytes at off in the file, valid until the next call with w, which
 * is left holding the `want` bytes from off (want >= n) for the calls that
 * follow. */
static const char *file_get(dr_spill *sp, dr_window *w, uint64_t off, size_t n, size_t want)
{
	size_t got = 0;
	if (off >= w->off && off + n <= w->off + w->len)
		return w->buf + (off - w->off);
	if (want > w->cap) {
		char *buf = realloc(w->buf, want);
		if (!buf)
			return fail(sp, "out of memory");
		w->buf = buf;
		w->cap = want;
	}
	w->len = 0;
	while (got < want) {
		ssize_t k = pread(sp->fd, w->buf + got, want - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			char why[200];
			snprintf(why, sizeof(why), "cannot read a temporary file: %s",
			         strerror(errno));
			return fail(sp, why);
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	if (got < n)
		return fail(sp, "cannot read a temporary file: it is shorter than written");
	w->off = off;
	w->len = got;
	return w->buf;
}

/* The item of n bytes at `at` of s; with `ahead`, the rest of its chunk is
 * read with it. */
static const char *get(dr_spill *sp, dr_stream *s, uint64_t at, size_t n, int ahead)
{
	if (at >= s->size - s->len)
		return s->buf + (at - (s->size - s->len));
	size_t lo = 0, hi = s->nchunks;
	while (hi - lo > 1) { /* the last chunk starting at or before `at` */
		size_t mid = lo + (hi - lo) / 2;
		if (s->chunks[mid].at <= at)
			lo = mid;
		else
			hi = mid;
	}
	const dr_chunk *c = &s->chunks[lo];
	return file_get(sp, &s->win, c->off + (at - c->at), n,
	                ahead ? c->len - (size_t)(at - c->at) : n);
}

/* The rest of the item's chunk is read with it: items are mostly read
 * back in the order they were put, so the next one is most often there. */
const char *dr_stream_get(dr_spill *sp, dr_stream *s, uint64_t at, size_t n)
{
	return get(sp, s, at, n, 1);
}

const char *dr_stream_get_exact(dr_spill *sp, dr_stream *s, uint64_t at, size_t n)
{
	return get(sp, s, at, n, 0);
}

const char *dr_stream_piece(dr_spill *sp, dr_stream *s, size_t k, size_t *len)
{
	*len = 0;
	if (k < s->nchunks) {
		*len = s->chunks[k].len;
		return file_get(sp, &s->win, s->chunks[k].off, *len, *len);
	}
	if (k > s->nchunks || !s->len)
		return NULL;
	*len = s->len;
	return s->buf;
}

void dr_stream_free(dr_stream *s)
{
	free(s->buf);
	free(s->chunks);
	free(s->win.buf);
}
