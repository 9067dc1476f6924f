/* Reports: one emitter per output format, each in its own file, all fed the
 * same checked files in input order, one at a time (a run keeps them out of
 * memory), as often as they ask. */
#ifndef DR_REPORT_H
#define DR_REPORT_H

#include "file.h"

/* dr_report_write over the n files that get(ctx, i) gives: all of them are
 * fetched once for the totals before anything is written, so a file that
 * cannot be had writes nothing. The emitters fetch them again; one that
 * fails then (a read error on a run's temporary file) is left out of a
 * report that is already under way, and the call returns DR_EIO. */
int dr_report_emit(dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                   dr_file_source get, void *ctx, size_t n, dr_totals *t);

typedef struct dr_emit {
	FILE *out, *err;
	const dr_report_options *o;
	dr_file_source get;
	void *ctx;
	size_t n;
	const dr_totals *t;
	int *failed; /* a file could not be had */
	const char *cwd; /* the working directory, for paths relative to another; or NULL */
} dr_emit;

/* File i (below e->n), valid until the next call; NULL, with *e->failed
 * set, when it cannot be had. */
const dr_file *dr_emit_file(const dr_emit *e, size_t i);

/* Whether the finding is shown (quiet shows errors only). */
int dr_emit_shown(const dr_emit *e, const dr_diag *d);

/* The path `name` (as given: relative to the working directory, or
 * absolute) relative to the directory `base` (likewise; NULL for the working
 * directory), worked out as text: "records/x.yaml", "../x.yaml". With
 * `within`, NULL when the file is not below `base`. Also NULL when the
 * working directory is unknown or memory runs out. The caller frees. */
char *dr_emit_relative(const dr_emit *e, const char *name, const char *base, int within);

/* Why the run failed on warnings ("3 warnings exceed --max-warnings 2")
 * into buf[cap]; "" when it did not. */
void dr_emit_max_warnings(const dr_emit *e, char *buf, size_t cap);

/* The summary line, "N errors, N warnings in N records (N files)", on e->err
 * unless quiet. */
void dr_emit_summary(const dr_emit *e);

void dr_emit_text(const dr_emit *e);
void dr_emit_json(const dr_emit *e);
void dr_emit_sarif(const dr_emit *e);
void dr_emit_junit(const dr_emit *e);
void dr_emit_github(const dr_emit *e);

#endif
