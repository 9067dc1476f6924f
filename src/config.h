/* decrec.yaml: the repository's settings, read with the same loader as the
 * records, every key checked, then frozen for the run (threads share it). */
#ifndef DR_CONFIG_H
#define DR_CONFIG_H

#include "decrec.h"
#include "calendar.h"
#include "diag.h"
#include "labels.h"

#include <regex.h>

#define DR_DEFAULT_REFERENCE_PATTERN "^[0-9]{2}/[0-9]{5}$"

enum {
	PHASE_UNKNOWN,
	PHASE_PROPOSED,
	PHASE_MADE,
	PHASE_REFERRED,
	PHASE_CALLED_IN,
	PHASE_WITHDRAWN
};

typedef struct dr_status {
	char *name; /* as configured */
	char *match; /* lower case, single spaces */
	int phase;
} dr_status;

struct dr_config {
	char *path; /* NULL for the defaults */
	char *root; /* directory that document links must stay in (absolute) */
	char *authority;
	char *reference_pattern;
	regex_t reference_re;
	int has_re;
	char *division;
	dr_calendar cal;
	char *holidays_file; /* as written, for decrec dates; or NULL */
	int32_t *closures; /* as given, for decrec dates */
	size_t nclosures;
	int call_in_days;
	int effective_next_working;
	int notice_clear_days;
	int exception_clear_days;
	int exception_working;
	int publication_within;
	int date_style_long;
	dr_status *statuses;
	size_t nstatuses;
	dr_severity severity[DR_RULE_COUNT];
	char *templates; /* absolute, or NULL */
	char *docs_url; /* where docs/rules.md is published, or NULL */
	char *labels[DR_LABEL_COUNT]; /* `labels:` wording, NULL for the default */
};

/* The wording of label `id` (DR_LABEL_*): the config's or the default. */
const char *dr_config_label(const dr_config *cfg, int id);

/* Lower-cases `s` and collapses runs of spaces into buf[cap] for status
 * matching. */
void dr_status_key(const char *s, char *buf, size_t cap);
/* The phase of `status` under the config's list, or PHASE_UNKNOWN. */
int dr_status_phase(const dr_config *cfg, const char *status);
/* The phase name ("made") of PHASE_*. */
const char *dr_phase_name(int phase);

#endif
