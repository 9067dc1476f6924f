/* A run keeps each checked file out of memory until its report: each
 * thread spills (spill.h) the frozen blocks of the files it checks to one
 * stream, and a use (hash, file, record) per reference to another.
 * duplicate-reference then reads the uses back a partition of hashes at a
 * time, and the report reads the files back in input order, one at a time,
 * with their duplicates added. What stays in memory is a slot per file,
 * the streams' buffers, one partition of uses and the duplicates found. */
#include "run.h"

#include "grow.h"
#include "references.h"
#include "report.h"
#include "spill.h"

#include <stdlib.h>
#include <string.h>

/* Uses compared at a time: 256 KB of them... */
#define PARTITION 16384
/* ...unless that takes more reads of all the uses than this. */
#define MAX_PASSES 16

/* Where file i's block is: size 0 when it was not added. */
typedef struct slot {
	uint64_t at, was; /* in its thread's stream; its address when frozen */
	uint32_t size, thread;
} slot;

struct dr_run {
	size_t nfiles, nthreads;
	slot *slots;
	dr_stream *blocks, *uses; /* one each per thread */
	dr_spill spill;
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

/* Records why the run failed; NULL. */
static void *fail(dr_run *r, const char *why)
{
	if (!r->failed)
		snprintf(r->why, sizeof(r->why), "%s", why);
	r->failed = 1;
	return NULL;
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
	              .blocks = calloc(nthreads, sizeof(dr_stream)),
	              .uses = calloc(nthreads, sizeof(dr_stream)),
	              .partition = PARTITION,
	              .mask = UINT64_MAX,
	              .at = UINT32_MAX};
	/* Before any thread starts: one descriptor for the whole run, and
	 * one left for each thread's input. */
	dr_spill_open(&r->spill, nthreads);
	if (!r->slots || !r->blocks || !r->uses) {
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
		dr_stream_free(&r->blocks[t]);
		dr_stream_free(&r->uses[t]);
	}
	dr_spill_close(&r->spill);
	free(r->blocks);
	free(r->uses);
	free(r->slots);
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
		if (!dr_stream_spilled(&r->spill, &r->blocks[t]) ||
		    !dr_stream_spilled(&r->spill, &r->uses[t]))
			return 0;
	return r->spill.fd >= 0;
}

int dr_run_add(dr_run *r, size_t t, size_t i, dr_file *f)
{
	int rc = 0;
	if (!f || t >= r->nthreads || i >= r->nfiles || r->ready || f->more) {
		rc = DR_EINVAL;
	} else {
		dr_stream *b = &r->blocks[t], *u = &r->uses[t];
		slot s = {b->size, (uintptr_t)f, f->size, (uint32_t)t};
		rc = dr_stream_put(&r->spill, b, f, f->size);
		for (uint32_t j = 0; j < f->nrecords && !rc; j++) {
			const char *ref = dr_file_ref(f, j);
			if (!ref)
				continue;
			dr_use use = {dr_ref_hash(ref) & r->mask, (uint32_t)i, j};
			rc = dr_stream_put(&r->spill, u, &use, sizeof(use));
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
	const char *p = dr_stream_get(&r->spill, &r->blocks[s->thread], s->at, s->size);
	if (!p)
		return fail(r, r->spill.why);
	if (s->size > r->filecap) {
		char *file = realloc(r->file, s->size); /* malloc's alignment */
		if (!file)
			return fail(r, "out of memory");
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
static const dr_file *frozen(void *ctx, size_t i)
{
	dr_run *r = ctx;
	return r->at == i && !r->cooked ? (dr_file *)r->file : load(r, (uint32_t)i);
}

/* File k with its duplicates. */
static const dr_file *cooked(dr_run *r, uint32_t k)
{
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

/* The i-th file added, with its duplicates, for the report. */
static const dr_file *reported(void *ctx, size_t i)
{
	dr_run *r = ctx;
	return cooked(r, r->present[i]);
}

/* Appends to *v the uses u[0..k) of partition p (of parts) whose file was
 * added: a file whose dr_run_add failed may have left some. */
static int collect(const dr_run *r, dr_use **v, size_t *n, size_t *cap, const dr_use *u, size_t k,
                   size_t p, size_t parts)
{
	for (size_t i = 0; i < k; i++) {
		if (u[i].hash % parts != p || !r->slots[u[i].file].size)
			continue;
		if (dr_grow(v, cap, *n + 1, sizeof(**v)))
			return DR_ENOMEM;
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
			const char *u;
			size_t len;
			for (size_t k = 0;
			     !rc && (u = dr_stream_piece(&r->spill, &r->uses[t], k, &len)); k++)
				rc = collect(r, &v, &n, &cap, (const dr_use *)u,
				             len / sizeof(dr_use), p, parts);
			if (!rc && len) /* a piece that could not be read */
				rc = DR_EIO;
		}
		if (!rc)
			rc = dr_dups_find(&r->dups, v, n, frozen, r);
	}
	free(v);
	if (rc == DR_EIO && !r->failed)
		fail(r, r->spill.why);
	else if (rc)
		fail(r, "out of memory");
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
		dr_stream_flush(&r->spill, &r->blocks[t]);
		dr_stream_flush(&r->spill, &r->uses[t]);
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

const dr_file *dr_run_file(dr_run *r, size_t i)
{
	if (prepare(r) || i >= r->nfiles || !r->slots[i].size)
		return NULL;
	return cooked(r, (uint32_t)i);
}

const char *dr_run_error(const dr_run *r)
{
	return r->why;
}
