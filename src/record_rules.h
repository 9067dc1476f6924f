/* The rules on one record: phases and requirements, references, dates and
 * the calendar arithmetic, documents, raw HTML. Cross-record and file-level
 * rules live in checker.c and references.c. */
#ifndef DR_RECORD_RULES_H
#define DR_RECORD_RULES_H

#include "config.h"
#include "record.h"

typedef struct dr_check_ctx {
	const dr_config *cfg;
	const dr_check_options *opt;
	const char *path; /* the record's file, for relative links; NULL for stdin */
} dr_check_ctx;

/* Adds the findings of every single-record rule to d. Returns the phase. */
int dr_check_record(const dr_record *r, const dr_check_ctx *c, dr_diags *d);

#endif
