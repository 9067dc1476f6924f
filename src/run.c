/* A run keeps each checked file out of memory until its report. Each
 * thread appends the frozen blocks of the files it checks to one stream,
 * and the hashes of their references to another; a stream goes out to the
 * run's one temporary file 64 KB at a time, into a range the thread
 * reserves, so that threads never wait for each other. duplicate-reference
 * then reads the hashes back a partition at a time, and the report reads
 * the files back in input order, one at a time, with their duplicates
 * added. What stays in memory is a slot per file, the duplicates found and
 * a 64 KB buffer per stream. With no temporary file, or once one cannot be
 * written (a full disk), the streams keep the rest in memory: the same
 * report, at the cost of memory. */
#include "run.h"

#include "references.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bytes written or read at a time. */
#define WINDOW (64 * 1024)
/* Uses compared at a time: 256 KB of them... */
#define PARTITION 16384
/* ...unless that takes more reads of all the uses than this. */
#define MAX_PASSES 16

/* `len` bytes of a stream, from its offset `at`, written at `off` in the
 * temporary file. */
typedef struct chunk {
	uint64_t at, off;
	size_t len;
} chunk;

/* Bytes last read from the temporary file: `len` of them from `off`. */
typedef struct window {
	char *buf;
	size_t len, cap;
	uint64_t off;
} window;

/* What one thread appends: blocks, or uses. An item is never split across
 * chunks: the buffer is written out before an item that would not fit. */
typedef struct stream {
	char *buf; /* the last len bytes put, not written out */
	size_t len, cap;
	uint64_t size; /* bytes put */
	chunk *chunks;
	size_t nchunks, chunkcap;
	int stuck; /* writing failed: the rest stays in buf */
	window win; /* reading blocks back, in the order they were put */
} stream;

/* Where file i's block is: size 0 when it was not added. */
typedef struct slot {
	uint64_t at, was; /* in its thread's stream; its address when frozen */
	uint32_t size, thread;
} slot;

struct dr_run {
	size_t nfiles, nthreads;
	slot *slots;
	stream *blocks, *uses; /* one each per thread */
	int fd; /* the unlinked temporary file, or -1 */
	_Atomic uint64_t end; /* its bytes reserved so far */
	size_t partition;
	uint64_t mask;
	/* The report: */
	int ready, failed;
	window win; /* reading uses back */
	uint32_t *present; /* the files added, in input order */
	size_t npresent;
	dr_dups dups;
	char *file; /* the file at hand, a copy of its block */
	size_t filecap;
	uint32_t at; /* which it is */
	int cooked; /* with its duplicates added */
	dr_arena *more; /* their findings */
	char why[256];
};

/* ---- streams ------------------------------------------------------------- */

/* Writes the buffer out to a range of the temporary file reserved for it.
 * When that fails, the stream stays in memory from here on. */
static void stream_flush(dr_run *r, stream *s)
{
	if (r->fd < 0 || s->stuck || !s->len)
		return;
	if (s->nchunks == s->chunkcap) {
		size_t cap = s->chunkcap ? s->chunkcap * 2 : 16;
		chunk *c = realloc(s->chunks, cap * sizeof(*c));
		if (!c) {
			s->stuck = 1;
			return;
		}
		s->chunks = c;
		s->chunkcap = cap;
	}
	uint64_t off = atomic_fetch_add(&r->end, s->len);
	for (size_t done = 0; done < s->len;) {
		ssize_t w = pwrite(r->fd, s->buf + done, s->len - done, (off_t)(off + done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			s->stuck = 1;
			return;
		}
		done += (size_t)w;
	}
	s->chunks[s->nchunks++] = (chunk){s->size - s->len, off, s->len};
	s->len = 0;
}

static int stream_put(dr_run *r, stream *s, const void *p, size_t n)
{
	if (s->len && s->len + n > WINDOW)
		stream_flush(r, s);
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? s->cap : WINDOW;
		while (cap < s->len + n)
			cap *= 2;
		char *buf = realloc(s->buf, cap);
		if (!buf)
			return DR_ENOMEM;
		s->buf = buf;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->size += n;
	return 0;
}

static void stream_free(stream *s)
{
	free(s->buf);
	free(s->chunks);
	free(s->win.buf);
}

/* Records why the run failed; NULL. */
static void *fail(dr_run *r, const char *why)
{
	if (!r->failed)
		snprintf(r->why, sizeof(r->why), "%s", why);
	r->failed = 1;
	return NULL;
}

/* The n bytes at off in the temporary file, valid until the next call
 * with w: w holds the `want` bytes from off (want >= n), for the calls
 * that follow to find there. */
static const char *file_get(dr_run *r, window *w, uint64_t off, size_t n, size_t want)
{
	size_t got = 0;
	if (off >= w->off && off + n <= w->off + w->len)
		return w->buf + (off - w->off);
	if (want > w->cap) {
		char *buf = realloc(w->buf, want);
		if (!buf)
			return fail(r, "out of memory");
		w->buf = buf;
		w->cap = want;
	}
	w->len = 0;
	while (got < want) {
		ssize_t k = pread(r->fd, w->buf + got, want - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			char why[200];
			snprintf(why, sizeof(why), "cannot read a temporary file: %s",
			         strerror(errno));
			return fail(r, why);
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	if (got < n)
		return fail(r, "cannot read a temporary file: it is shorter than written");
	w->off = off;
	w->len = got;
	return w->buf;
}

/* The n bytes at `at` in stream s, one item, valid until the next call
 * for s; NULL when they cannot be read. The rest of the item's chunk is
 * read with it: a thread's items are read back in the order it put them,
 * so the next is most often there. */
static const char *stream_get(dr_run *r, stream *s, uint64_t at, size_t n)
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
	const chunk *c = &s->chunks[lo];
	return file_get(r, &s->win, c->off + (at - c->at), n, c->len - (size_t)(at - c->at));
}

/* ---- adding ----------------------------------------------------------------- */

dr_run *dr_run_new(size_t nfiles, size_t nthreads)
{
	if (nfiles >= UINT32_MAX || !nthreads)
		return NULL;
	dr_run *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	*r = (dr_run){.nfiles = nfiles,
	              .nthreads = nthreads,
	              .slots = calloc(nfiles + 1, sizeof(slot)),
	              .blocks = calloc(nthreads, sizeof(stream)),
	              .uses = calloc(nthreads, sizeof(stream)),
	              .fd = -1,
	              .partition = PARTITION,
	              .mask = UINT64_MAX,
	              .at = UINT32_MAX};
	atomic_init(&r->end, 0);
	if (!r->slots || !r->blocks || !r->uses) {
		dr_run_free(r);
		return NULL;
	}
	/* Made before any thread starts, so that it is one descriptor for the
	 * whole run, and none of the inputs' is taken by it halfway. */
	const char *dir = getenv("TMPDIR");
	char path[4096];
	if (snprintf(path, sizeof(path), "%s/decrec-XXXXXX", dir && *dir ? dir : "/tmp") <
	        (int)sizeof(path) &&
	    (r->fd = mkstemp(path)) >= 0) {
		unlink(path);
		fcntl(r->fd, F_SETFD, FD_CLOEXEC);
	}
	return r;
}

void dr_run_free(dr_run *r)
{
	if (!r)
		return;
	for (size_t t = 0; t < r->nthreads && r->blocks && r->uses; t++) {
		stream_free(&r->blocks[t]);
		stream_free(&r->uses[t]);
	}
	if (r->fd >= 0)
		close(r->fd);
	free(r->blocks);
	free(r->uses);
	free(r->slots);
	free(r->win.buf);
	free(r->present);
	free(r->file);
	dr_dups_free(&r->dups);
	dr_arena_free(r->more);
	free(r);
}

void dr_run_tune(dr_run *r, size_t partition, uint64_t mask)
{
	r->partition = partition ? partition : PARTITION;
	r->mask = mask;
}

int dr_run_on_disk(const dr_run *r)
{
	for (size_t t = 0; t < r->nthreads; t++)
		if (r->blocks[t].stuck || r->uses[t].stuck)
			return 0;
	return r->fd >= 0;
}

int dr_run_add(dr_run *r, size_t t, size_t i, dr_file *f)
{
	int rc = 0;
	if (!f || t >= r->nthreads || i >= r->nfiles || r->ready || f->more) {
		rc = DR_EINVAL;
	} else {
		stream *b = &r->blocks[t], *u = &r->uses[t];
		slot s = {b->size, (uintptr_t)f, f->size, (uint32_t)t};
		rc = stream_put(r, b, f, f->size);
		for (uint32_t j = 0; j < f->nrecords && !rc; j++) {
			const char *ref = dr_file_ref(f, j);
			dr_use use = {ref ? dr_ref_hash(ref) & r->mask : 0, (uint32_t)i, j};
			if (ref)
				rc = stream_put(r, u, &use, sizeof(use));
		}
		if (!rc)
			r->slots[i] = s;
	}
	dr_file_free(f);
	return rc;
}

/* ---- the report ------------------------------------------------------------- */

/* Copies file i's block out of its store, as it was frozen. */
static dr_file *load(dr_run *r, uint32_t i)
{
	const slot *s = &r->slots[i];
	const char *p = stream_get(r, &r->blocks[s->thread], s->at, s->size);
	if (!p)
		return NULL;
	if (s->size > r->filecap) {
		char *file = realloc(r->file, s->size); /* malloc's alignment */
		if (!file)
			return (dr_file *)fail(r, "out of memory");
		r->file = file;
		r->filecap = s->size;
	}
	memcpy(r->file, p, s->size);
	dr_file *f = (dr_file *)r->file;
	dr_file_relocate(f, (uintptr_t)s->was);
	f->more = NULL;
	r->at = i;
	r->cooked = 0;
	return f;
}

/* File i as it was frozen, for dr_dups_find. */
static const dr_file *frozen(void *ctx, uint32_t i)
{
	dr_run *r = ctx;
	return r->at == i && !r->cooked ? (dr_file *)r->file : load(r, i);
}

/* The i-th file added, with its duplicates, for the report. */
static const dr_file *reported(void *ctx, size_t i)
{
	dr_run *r = ctx;
	uint32_t k = r->present[i];
	if (r->at == k && r->cooked)
		return (dr_file *)r->file;
	dr_file *f = load(r, k);
	size_t n;
	const dr_dup *v = dr_dups_of(&r->dups, k, &n);
	if (f && n) {
		if (!r->more && !(r->more = dr_arena_new(SIZE_MAX)))
			return fail(r, "out of memory");
		dr_arena_reset(r->more);
		if (dr_dups_apply(f, v, n, r->more))
			return fail(r, "out of memory");
	}
	r->cooked = f != NULL;
	return f;
}

/* Appends the uses u[0..n) of partition p (of parts) to *v. */
static int collect(dr_use **v, size_t *n, size_t *cap, const dr_use *u, size_t k, size_t p,
                   size_t parts)
{
	for (size_t i = 0; i < k; i++) {
		if (u[i].hash % parts != p)
			continue;
		if (*n == *cap) {
			size_t ncap = *cap ? *cap * 2 : 1024;
			dr_use *nv = realloc(*v, ncap * sizeof(**v));
			if (!nv)
				return DR_ENOMEM;
			*v = nv;
			*cap = ncap;
		}
		(*v)[(*n)++] = u[i];
	}
	return 0;
}

/* duplicate-reference: the uses are read back once per partition of their
 * hashes, and the uses of each partition compared. Partitions hold 16,384
 * uses, or more when that would take over MAX_PASSES reads of them all. */
static int find_duplicates(dr_run *r)
{
	size_t total = 0, cap = 0;
	int rc = 0;
	for (size_t t = 0; t < r->nthreads; t++)
		total += r->uses[t].size / sizeof(dr_use);
	size_t size = r->partition;
	if (total / MAX_PASSES > size)
		size = total / MAX_PASSES + 1;
	size_t parts = (total + size - 1) / size;
	dr_use *v = NULL;
	for (size_t p = 0; p < parts && !rc; p++) {
		size_t n = 0;
		for (size_t t = 0; t < r->nthreads && !rc; t++) {
			const stream *s = &r->uses[t];
			for (size_t c = 0; c < s->nchunks && !rc; c++) {
				const char *u = file_get(r, &r->win, s->chunks[c].off,
				                         s->chunks[c].len, s->chunks[c].len);
				rc = u ? collect(&v, &n, &cap, (const dr_use *)u,
				                 s->chunks[c].len / sizeof(dr_use), p, parts)
				       : DR_EIO;
			}
			if (!rc && s->len)
				rc = collect(&v, &n, &cap, (const dr_use *)s->buf,
				             s->len / sizeof(dr_use), p, parts);
		}
		if (!rc)
			rc = dr_dups_find(&r->dups, v, n, frozen, r);
	}
	free(v);
	if (rc)
		fail(r, "out of memory"); /* unless a read failed first, which says why */
	dr_dups_sort(&r->dups);
	return rc ? DR_EIO : 0;
}

/* Once: every stream written out, the files added listed, duplicates found. */
static int prepare(dr_run *r)
{
	if (r->ready)
		return r->failed ? DR_EIO : 0;
	r->ready = 1;
	for (size_t t = 0; t < r->nthreads; t++) {
		stream_flush(r, &r->blocks[t]);
		stream_flush(r, &r->uses[t]);
	}
	if (!(r->present = malloc((r->nfiles + 1) * sizeof(*r->present)))) {
		fail(r, "out of memory");
		return DR_EIO;
	}
	for (size_t i = 0; i < r->nfiles; i++)
		if (r->slots[i].size)
			r->present[r->npresent++] = (uint32_t)i;
	return find_duplicates(r);
}

int dr_run_report(dr_run *r, dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                  dr_totals *t)
{
	int rc = prepare(r);
	if (!rc)
		rc = dr_report_emit(fmt, out, err, o, reported, r, r->npresent, t);
	return rc || r->failed ? DR_EIO : 0;
}

const char *dr_run_error(const dr_run *r)
{
	return r->why;
}
