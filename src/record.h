/* A record as typed fields: one walk over a document's tree, driven by the
 * field table (fields.def), that finds every field, checks its type and
 * reports unknown keys with the nearest known one. */
#ifndef DR_RECORD_H
#define DR_RECORD_H

#include "load.h"

enum {
	F_ROOT = -1,
#define X(id, parent, key, type, req, doc) F_##id,
#include "fields.def"
#undef X
	F_COUNT
};

typedef enum dr_type {
	T_LINE, /* text on one line */
	T_MD, /* CommonMark text */
	T_BOOL, /* yes/no, true/false, unquoted */
	T_DATE, /* YYYY-MM-DD or DD/MM/YYYY */
	T_INT, /* an unquoted whole number */
	T_STRLIST, /* a list of one-line texts */
	T_MAP, /* a mapping of child fields */
	T_LIST, /* a list of mappings of child fields */
	T_EXCEPTION, /* general-exception | special-urgency */
	T_RESTRICTION /* open | part-exempt | fully-exempt */
} dr_type;

/* Facts about a record that requirements depend on (requirements.def). */
enum {
	Q_ANY = 1 << 0, /* every record */
	Q_MADE = 1 << 1, /* phase made or called-in */
	Q_CALL_IN = 1 << 2, /* subject_to_call_in: yes */
	Q_KEY = 1 << 3, /* key_decision: yes */
	Q_NO_EXCEPTION = 1 << 4, /* no forward_plan.exception */
	Q_NOT_WITHDRAWN = 1 << 5, /* phase other than withdrawn */
	Q_GENERAL_EXCEPTION = 1 << 6, /* forward_plan.exception: general-exception */
	Q_SPECIAL_URGENCY = 1 << 7, /* forward_plan.exception: special-urgency */
	Q_PROPOSED = 1 << 8 /* phase proposed */
};

typedef enum dr_req {
#define X(id, when, docs, why) R_##id,
#include "requirements.def"
#undef X
	R_COUNT
} dr_req;

typedef struct dr_req_info {
	unsigned when; /* Q_* that must all hold; 0: never by the generic check */
	const char *docs; /* the "required" column of docs/record-format.md */
	const char *why; /* why a missing or empty field is reported */
} dr_req_info;

extern const dr_req_info dr_reqs[R_COUNT];

typedef struct dr_field_info {
	int parent;
	const char *key;
	dr_type type;
	dr_req req;
	const char *doc;
} dr_field_info;

extern const dr_field_info dr_fields[F_COUNT];

/* "dates.effective" and "/dates/effective" for field `f` into buf[cap]. */
const char *dr_field_path(int f, char *buf, size_t cap);
const char *dr_field_pointer(int f, char *buf, size_t cap);

#define DR_NO_DATE INT32_MIN

enum { EXC_NONE, EXC_GENERAL, EXC_URGENCY };

/* forward_plan.restriction; RESTR_NONE (0) when absent, blank or invalid,
 * which the forward plan reads as open. */
enum { RESTR_NONE, RESTR_OPEN, RESTR_PART, RESTR_FULL };

/* One record's fields. Nodes belong to the record's arena. */
typedef struct dr_record {
	const dr_node *root;
	dr_pos start; /* where missing fields are reported */
	const dr_node *key[F_COUNT]; /* the key of each field present (not list items) */
	const dr_node *raw[F_COUNT]; /* its value as written */
	const dr_node *val[F_COUNT]; /* its value when of the right type and not null */
	int32_t date[F_COUNT]; /* T_DATE fields that parsed, else DR_NO_DATE */
	signed char flag[F_COUNT]; /* T_BOOL fields: 1, 0, or -1 when absent or invalid */
	/* An unknown key was reported with this field as its suggestion: the
	 * field is not reported missing as well (one finding per mistake). */
	unsigned char hint[F_COUNT];
	/* T_INT fields (their number), T_EXCEPTION ones (EXC_*) and
	 * T_RESTRICTION ones (RESTR_*), each in its own slot: 0 when absent or
	 * invalid. */
	long num[F_COUNT];
} dr_record;

/* Walks the mapping `root` into *r, adding unknown-field, wrong-type,
 * bad-date and inline-comment findings (and missing/empty ones for list
 * items) to d. A quoted "yes" or "no" is wrong-type, yet sets its flag, so
 * that the rules that depend on it still run. */
void dr_record_walk(dr_record *r, const dr_node *root, dr_pos start, dr_diags *d);

#endif
