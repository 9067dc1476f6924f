/* Reports: one emitter per output format, each in its own file, all fed the
 * same checked files in input order. */
#ifndef DR_REPORT_H
#define DR_REPORT_H

#include "decrec.h"

typedef struct dr_emit {
	FILE *out, *err;
	const dr_report_options *o;
	dr_file *const *files;
	size_t n;
	const dr_totals *t;
} dr_emit;

/* Whether the finding is shown (quiet shows errors only). */
int dr_emit_shown(const dr_emit *e, const dr_diag *d);

/* The summary line, "N errors, N warnings in N records (N files)", on e->err
 * unless quiet. */
void dr_emit_summary(const dr_emit *e);

void dr_emit_text(const dr_emit *e);
void dr_emit_json(const dr_emit *e);
void dr_emit_sarif(const dr_emit *e);
void dr_emit_junit(const dr_emit *e);
void dr_emit_github(const dr_emit *e);

/* Writes s as the inside of a JSON string: quotes, backslashes and control
 * characters escaped, invalid UTF-8 replaced by U+FFFD. */
void dr_json_string(FILE *out, const char *s);

#endif
