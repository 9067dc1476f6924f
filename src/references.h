/* duplicate-reference, the cross-record rule, in two steps that work on
 * files in memory (dr_check_references) and on files kept out of memory (a
 * dr_run) alike: find the duplicates among the uses of references, then
 * add each file's findings when the file is at hand. */
#ifndef DR_REFERENCES_H
#define DR_REFERENCES_H

#include "arena.h"
#include "file.h"

/* A record with a reference: the reference's hash, and where it is. */
typedef struct dr_use {
	uint64_t hash;
	uint32_t file, rec;
} dr_use;

/* A duplicate: record `rec` of file `file` repeats the reference of the
 * record at kname:kline:kcol, the one that keeps it. */
typedef struct dr_dup {
	uint32_t file, rec;
	const char *kname;
	uint32_t kline, kcol;
} dr_dup;

typedef struct dr_dups {
	dr_dup *v; /* malloc'd */
	size_t n, cap;
	dr_arena *arena; /* the names the duplicates point to */
} dr_dups;

uint64_t dr_ref_hash(const char *s);

/* Adds to d the duplicates among the uses v[0..n) (which it sorts); every
 * use of a hash must be in the same call. `file` gives the files as they
 * were frozen, without cross-record findings. Returns 0, DR_ENOMEM, or
 * DR_EIO when `file` failed. */
int dr_dups_find(dr_dups *d, dr_use *v, size_t n, dr_file_source file, void *ctx);

/* Sorts d by file and record, for dr_dups_of. */
void dr_dups_sort(dr_dups *d);

/* The duplicates in file i: *n of them from the one returned. */
const dr_dup *dr_dups_of(const dr_dups *d, uint32_t i, size_t *n);

/* Adds the findings of the duplicates v[0..n), all in f, in one step and
 * in order, under the file's cap on findings; the new array of findings
 * comes from `more`. */
int dr_dups_apply(dr_file *f, const dr_dup *v, size_t n, dr_arena *more);

void dr_dups_free(dr_dups *d);

#endif
