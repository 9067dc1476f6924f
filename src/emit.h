/* The interface of the report formats: the state of a report being
 * written, the callbacks a format fills in, and the helpers every format
 * shares (emit.c). Formats include this, never report.h. */
#ifndef DR_EMIT_H
#define DR_EMIT_H

#include "file.h"

typedef struct dr_emit {
	FILE *out, *err;
	const dr_report_options *o;
	const dr_totals *t;
	const char *cwd; /* the working directory, for paths relative to another; or NULL */
	size_t shown; /* findings handed to the format so far: 0 before the first */
	size_t tally[2]; /* the format's own counts, kept by its tally callback */
} dr_emit;

/* An output format, as callbacks of the one walk over files and findings
 * in report.c; any may be NULL. A new format is a file defining one of
 * these and a row of the format table in report.c. */
typedef struct dr_emitter {
	int relative_paths; /* relates paths to another directory: e->cwd is set */
	/* Each file, while the totals are counted, before anything is written
	 * (for a head that needs counts of the format's own). */
	void (*tally)(dr_emit *e, const dr_file *f);
	/* The head of the report, before the first file. */
	void (*begin)(const dr_emit *e);
	/* Each file, in input order, before its findings. */
	void (*file)(const dr_emit *e, const dr_file *f);
	/* Each shown finding of the file (quiet shows errors only), in order. */
	void (*finding)(const dr_emit *e, const dr_file *f, const dr_diag *d);
	/* The tail of the report, after the last file. */
	void (*end)(const dr_emit *e);
} dr_emitter;

extern const dr_emitter dr_emitter_text, dr_emitter_json, dr_emitter_sarif, dr_emitter_junit,
    dr_emitter_github;

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

#endif
