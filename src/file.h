/* A file's result, as the checker freezes it (file.c) and the cross-record
 * rules amend it (references.c): one allocation holding the findings, an
 * entry per record and the strings, plus an arena for findings added later. */
#ifndef DR_FILE_H
#define DR_FILE_H

#include "diag.h"

#include <stddef.h>
#include <stdint.h>

typedef struct src_line {
	uint32_t no;
	uint32_t len;
	const char *text;
} src_line;

/* A record, kept for the run: every record of every input stays until the
 * cross-record rules have run, so it is kept small. */
typedef struct frec {
	dr_pos pos;
	uint32_t ref; /* offset in the file's data, or NOREF */
} frec;
#define NOREF UINT32_MAX

typedef struct span {
	uint32_t first, last;
} span;

/* Every input's result stays until the report: with one record per file,
 * this header is a third of what a run keeps per file, hence the 32-bit
 * counts (a file has at most DR_MAX_DOCUMENTS records). */
struct dr_file {
	const char *name;
	dr_diag *diags;
	src_line *lines; /* sorted by number */
	frec *recs;
	span *spans; /* with opt->spans, else NULL */
	const dr_severity *severity; /* the config's, for cross-record findings */
	dr_arena *more; /* cross-record findings, added after freezing */
	uint32_t ndiags, nrecords, nlines;
	uint32_t size; /* of the block, header included */
	uint8_t owner; /* one record, in the file named after its reference */
	uint8_t full; /* DR_MAX_FINDINGS were reached, and the report says so */
	uint64_t data[]; /* the arrays, then the strings; 8-byte aligned */
};

/* Called by a checker for each record it checks, after the record's
 * rules, with its tree (valid during the call) and the arena it is in, which
 * the hook may allocate from: the record is reset after the call. */
struct dr_record;
typedef void (*dr_record_hook)(void *ctx, const struct dr_record *rec, dr_arena *a);

/* Sets (or with NULL clears) the checker's record hook: decrec render
 * renders each record from the tree the checker parsed. */
void dr_checker_on_record(dr_checker *c, dr_record_hook fn, void *ctx);

/* Makes the pointers of a frozen block that was copied whole from address
 * `was` (with no cross-record findings yet) point into the copy at f. */
void dr_file_relocate(dr_file *f, uintptr_t was);

/* File i of a set (a run's, or an array's), valid until the next call;
 * NULL when it cannot be had. */
typedef const dr_file *(*dr_file_source)(void *ctx, size_t i);

/* The finding that ends a file's findings at DR_MAX_FINDINGS. */
#define DR_FULL_MESSAGE "the file has more than %d findings; the rest are not shown"

/* Record i's reference, or NULL. */
static inline const char *dr_file_ref(const dr_file *f, size_t i)
{
	return f->recs[i].ref == NOREF ? NULL : f->name + f->recs[i].ref;
}

#endif
