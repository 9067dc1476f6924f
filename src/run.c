/* A run keeps each checked file out of memory until its report: the frozen
 * block goes to a temporary file of the thread that checked it, with the
 * hashes of its references in a second one. duplicate-reference then reads
 * the hashes back a partition at a time, and the report reads each file
 * back in input order, one at a time, with its duplicates added. What
 * stays in memory is a slot per file and the duplicates found. */
#include "run.h"

#include "references.h"
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bytes written or read at a time. */
#define WINDOW (64 * 1024)
/* Uses compared at a time: 256 KB of them. */
#define PARTITION 16384

/* Bytes appended by one thread and read back after every append. */
typedef struct store {
	int fd; /* an unlinked temporary file, or -1: everything is in buf */
	int open, failed;
	char *buf; /* bytes not yet written, or everything */
	size_t len, cap;
	uint64_t size; /* bytes stored */
	char *win; /* the bytes last read, from winoff */
	size_t winlen, wincap;
	uint64_t winoff;
	char why[256];
} store;

/* Where file i's block is: size 0 when it was not added. */
typedef struct slot {
	uint64_t off, was; /* in its thread's store; its address when frozen */
	uint32_t size, thread;
} slot;

struct dr_run {
	size_t nfiles, nthreads;
	slot *slots;
	store *blocks, *uses; /* one each per thread */
	char *dir; /* for the temporary files */
	size_t partition;
	uint64_t mask;
	/* The report: */
	int ready, failed;
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

/* ---- stores -------------------------------------------------------------- */

/* Opens an unlinked temporary file in dir; without one the store keeps
 * its bytes in memory, which is slower to grow but still right. */
static void store_open(store *s, const char *dir)
{
	char path[4096];
	s->open = 1;
	s->fd = -1;
	if (snprintf(path, sizeof(path), "%s/decrec-XXXXXX", dir) >= (int)sizeof(path))
		return;
	int fd = mkstemp(path);
	if (fd < 0)
		return;
	unlink(path);
	s->fd = fd;
}

static void store_close(store *s)
{
	if (s->fd >= 0)
		close(s->fd);
	free(s->buf);
	free(s->win);
}

static int store_fail(store *s, int rc, const char *what)
{
	if (!s->failed)
		snprintf(s->why, sizeof(s->why), "%s", what);
	s->failed = 1;
	return rc;
}

static int store_flush(store *s)
{
	for (size_t done = 0; s->fd >= 0 && done < s->len;) {
		ssize_t w = write(s->fd, s->buf + done, s->len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			char what[200];
			snprintf(what, sizeof(what), "cannot write a temporary file: %s",
			         strerror(w < 0 ? errno : ENOSPC));
			return store_fail(s, DR_EIO, what);
		}
		done += (size_t)w;
	}
	if (s->fd >= 0)
		s->len = 0;
	return 0;
}

static int store_put(store *s, const void *p, size_t n)
{
	if (s->fd >= 0 && s->len + n > WINDOW && store_flush(s))
		return DR_EIO;
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? s->cap : WINDOW;
		while (cap < s->len + n)
			cap *= 2;
		char *buf = realloc(s->buf, cap);
		if (!buf)
			return store_fail(s, DR_ENOMEM, "out of memory");
		s->buf = buf;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->size += n;
	return 0;
}

/* The n bytes at off (after the last store_put and a store_flush), valid
 * until the next call; NULL when they cannot be read. */
static const char *store_get(store *s, uint64_t off, size_t n)
{
	if (s->fd < 0)
		return s->buf + off;
	if (off >= s->winoff && off + n <= s->winoff + s->winlen)
		return s->win + (off - s->winoff);
	size_t want = n > WINDOW ? n : WINDOW, got = 0;
	if (want > s->wincap) {
		char *win = realloc(s->win, want);
		if (!win) {
			store_fail(s, DR_ENOMEM, "out of memory");
			return NULL;
		}
		s->win = win;
		s->wincap = want;
	}
	s->winlen = 0;
	while (got < want) {
		ssize_t r = pread(s->fd, s->win + got, want - got, (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			char what[200];
			snprintf(what, sizeof(what), "cannot read a temporary file: %s",
			         strerror(errno));
			store_fail(s, DR_EIO, what);
			return NULL;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got < n) {
		store_fail(s, DR_EIO, "cannot read a temporary file: it is shorter than written");
		return NULL;
	}
	s->winoff = off;
	s->winlen = got;
	return s->win;
}

/* ---- adding ----------------------------------------------------------------- */

dr_run *dr_run_new(size_t nfiles, size_t nthreads)
{
	if (nfiles >= UINT32_MAX || !nthreads)
		return NULL;
	dr_run *r = calloc(1, sizeof(*r));
	const char *dir = getenv("TMPDIR");
	if (!r)
		return NULL;
	*r = (dr_run){.nfiles = nfiles,
	              .nthreads = nthreads,
	              .slots = calloc(nfiles + 1, sizeof(slot)),
	              .blocks = calloc(nthreads, sizeof(store)),
	              .uses = calloc(nthreads, sizeof(store)),
	              .dir = strdup(dir && *dir ? dir : "/tmp"),
	              .partition = PARTITION,
	              .mask = UINT64_MAX,
	              .at = UINT32_MAX};
	if (!r->slots || !r->blocks || !r->uses || !r->dir) {
		dr_run_free(r);
		return NULL;
	}
	return r;
}

void dr_run_free(dr_run *r)
{
	if (!r)
		return;
	for (size_t t = 0; t < r->nthreads && r->blocks && r->uses; t++) {
		store_close(&r->blocks[t]);
		store_close(&r->uses[t]);
	}
	free(r->blocks);
	free(r->uses);
	free(r->slots);
	free(r->dir);
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
		if (r->blocks[t].open)
			return r->blocks[t].fd >= 0;
	return 0;
}

int dr_run_add(dr_run *r, size_t t, size_t i, dr_file *f)
{
	int rc = 0;
	if (!f || t >= r->nthreads || i >= r->nfiles || r->ready || f->more) {
		rc = DR_EINVAL;
	} else {
		store *b = &r->blocks[t], *u = &r->uses[t];
		if (!b->open)
			store_open(b, r->dir);
		if (!u->open)
			store_open(u, r->dir);
		r->slots[i] = (slot){b->size, (uintptr_t)f, f->size, (uint32_t)t};
		rc = store_put(b, f, f->size);
		for (uint32_t j = 0; j < f->nrecords && !rc; j++) {
			const char *ref = dr_file_ref(f, j);
			dr_use use = {ref ? dr_ref_hash(ref) & r->mask : 0, (uint32_t)i, j};
			if (ref)
				rc = store_put(u, &use, sizeof(use));
		}
	}
	dr_file_free(f);
	return rc;
}

/* ---- the report ------------------------------------------------------------- */

static const dr_file *fail(dr_run *r, const char *why)
{
	if (!r->failed)
		snprintf(r->why, sizeof(r->why), "%s", why);
	r->failed = 1;
	return NULL;
}

/* Copies file i's block out of its store, as it was frozen. */
static dr_file *load(dr_run *r, uint32_t i)
{
	const slot *s = &r->slots[i];
	store *b = &r->blocks[s->thread];
	const char *p = store_get(b, s->off, s->size);
	if (!p)
		return (dr_file *)fail(r, b->why);
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

/* duplicate-reference: the uses are read back once per partition of their
 * hashes, and the uses of each partition compared. */
static int find_duplicates(dr_run *r)
{
	size_t total = 0, cap = 0;
	int rc = 0;
	for (size_t t = 0; t < r->nthreads; t++)
		total += r->uses[t].size / sizeof(dr_use);
	size_t parts = (total + r->partition - 1) / r->partition;
	dr_use *v = NULL;
	for (size_t p = 0; p < parts && !rc; p++) {
		size_t n = 0;
		for (size_t t = 0; t < r->nthreads && !rc; t++) {
			store *s = &r->uses[t];
			for (uint64_t off = 0; off < s->size && !rc; off += WINDOW) {
				size_t len =
				    s->size - off < WINDOW ? (size_t)(s->size - off) : WINDOW;
				const dr_use *u = (const dr_use *)store_get(s, off, len);
				if (!u) {
					fail(r, s->why);
					rc = DR_EIO;
					break;
				}
				for (size_t k = 0; k < len / sizeof(*u); k++) {
					if (u[k].hash % parts != p)
						continue;
					if (n == cap) {
						size_t ncap = cap ? cap * 2 : 1024;
						dr_use *nv = realloc(v, ncap * sizeof(*v));
						if (!nv) {
							rc = DR_ENOMEM;
							break;
						}
						v = nv;
						cap = ncap;
					}
					v[n++] = u[k];
				}
			}
		}
		if (!rc)
			rc = dr_dups_find(&r->dups, v, n, frozen, r);
	}
	free(v);
	if (rc && !r->failed)
		fail(r, "out of memory");
	dr_dups_sort(&r->dups);
	return rc ? DR_EIO : 0;
}

/* Once: every store written out, the files added listed, duplicates found. */
static int prepare(dr_run *r)
{
	if (r->ready)
		return r->failed ? DR_EIO : 0;
	r->ready = 1;
	for (size_t t = 0; t < r->nthreads; t++) {
		store *s[2] = {&r->blocks[t], &r->uses[t]};
		for (int k = 0; k < 2; k++)
			if (s[k]->failed || store_flush(s[k])) {
				fail(r, s[k]->why);
				return DR_EIO;
			}
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
	for (size_t t = 0; !*r->why && t < r->nthreads; t++) {
		if (r->blocks[t].failed)
			return r->blocks[t].why;
		if (r->uses[t].failed)
			return r->uses[t].why;
	}
	return r->why;
}
