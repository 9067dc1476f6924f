/* decrec.yaml: the repository's settings, read with the same loader as the
 * records, every key checked, then frozen for the run (threads share it). */
#ifndef DR_CONFIG_H
#define DR_CONFIG_H

#include "decrec.h"
#include "calendar.h"
#include "diag.h"
#include "labels.h"
#include "refformat.h"

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
	char *reference_format; /* reference_format, or its default */
	/* The format gives references that match the pattern: always when
	 * reference_format is given (the load fails otherwise), and for the
	 * default only when reference_pattern is its default or agrees. */
	int reference_format_ok;
	char *schema; /* the JSON Schema's path (absolute), or NULL */
	char *division;
	dr_calendar cal;
	char *holidays_file; /* as written, for decrec dates; or NULL */
	int32_t *closures; /* as given, for decrec dates */
	size_t nclosures;
	int call_in_days;
	int effective_next_working;
	int notice_clear_days;
	int exception_clear_days;
	int exception_calendar; /* general_exception_days: calendar (1) or working (0) */
	int publication_within;
	char *closes_at; /* call_in.closes_at, "HH:MM", or NULL */
	/* plan: include_non_key is the index of its value in "false|true|no|yes":
	 * odd is yes. The statements are NULL for the default wording. */
	int plan_include_non_key;
	char *plan_address, *plan_other_documents, *plan_request_documents;
	char *site_title, *site_base_url, *site_out_dir; /* site:, or NULL */
	int site_per_page;
	char *docx_reference; /* docx.reference (absolute), or NULL */
	int date_style_long;
	dr_status *statuses;
	size_t nstatuses;
	dr_severity severity[DR_RULE_COUNT];
	char *templates; /* absolute, or NULL */
	char *docs_url; /* where docs/rules.md is published, or NULL */
	char *labels[DR_LABEL_COUNT]; /* `labels:` wording, NULL for the default */
};

/* How a key's value is read (config.def's type column). */
typedef enum dr_config_type {
	C_MAP, /* a mapping of the keys whose parent it is */
	C_TEXT, /* one line of text */
	C_TIME, /* a time of day, HH:MM on the 24-hour clock */
	C_INT, /* a whole number from min to max */
	C_CHOICE, /* one of `values`, stored as its index */
	C_NAME, /* one of `values`, stored as text */
	C_REGEX, /* a POSIX extended regular expression */
	C_FORMAT, /* a reference format (refformat.h) */
	C_PATH, /* a path relative to the config */
	C_DATES, /* a list of dates */
	C_URL, /* an http:// or https:// address */
	C_STATUSES, /* a list of {name, phase} */
	C_RULES, /* rule names to severities (`values`) */
	C_LABELS /* label keys (labels.def) to their wording */
} dr_config_type;

enum {
	K_ROOT = -1,
#define X(id, parent, key, type, slot, def, min, max, values, doc) K_##id,
#include "config.def"
#undef X
	K_COUNT
};

/* One row of config.def. */
typedef struct dr_config_key {
	int parent; /* K_ROOT or a C_MAP or C_STATUSES row */
	const char *key;
	dr_config_type type;
	size_t slot; /* offset in dr_config of a C_TEXT, C_INT, C_CHOICE, C_NAME,
	              * C_REGEX, C_FORMAT or C_URL value, or DR_NO_SLOT */
	const char *def; /* see config.def */
	int min, max;
	const char *values; /* "a|b|c", or NULL */
	const char *doc;
} dr_config_key;

#define DR_NO_SLOT ((size_t)-1)

extern const dr_config_key dr_config_keys[K_COUNT];

/* "statuses[].name" for row k into buf[cap]. */
const char *dr_config_key_path(int k, char *buf, size_t cap);
/* The index of `s` among the "|"-separated `values`, or -1. */
int dr_config_value_index(const char *values, const char *s);

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
