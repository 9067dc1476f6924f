/* Findings as data: a growable list of dr_diag whose strings live in the
 * list's arena, with each rule's severity applied as findings are added. */
#ifndef DR_DIAG_H
#define DR_DIAG_H

#include "decrec.h"
#include "arena.h"

enum {
#define X(id, name, sev, summary, fix) DR_RULE_##id,
#include "rules.def"
#undef X
	DR_RULE_COUNT
};

/* A span in the source: 1-based, end one past the last character. */
typedef struct dr_pos {
	uint32_t line, col, end_line, end_col;
} dr_pos;

typedef struct dr_diags {
	dr_arena *arena; /* strings of the findings */
	dr_diag *v; /* malloc'd */
	size_t n, cap;
	const dr_severity *severity; /* per rule, from the config */
	int failed; /* out of memory: findings were lost */
	int full; /* DR_MAX_FINDINGS reached: later ones were dropped */
} dr_diags;

/* Adds a finding of `rule` at `pos`, unless the rule is off. `field` is a
 * JSON Pointer (or NULL), `expected` the right value (or NULL); both are
 * copied. The message is printf-formatted. */
void dr_diag_add(dr_diags *d, int rule, dr_pos pos, const char *field, const char *expected,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Turns control characters of msg into spaces: messages quote keys and
 * values, which may hold line breaks or escape sequences, and must stay one
 * line that is safe on a terminal. */
void dr_one_line(char *msg);

/* Appends "/part" to the JSON Pointer out[0..n) (cap bytes), escaping '~'
 * and '/' as RFC 6901 says; returns the new length. */
size_t dr_pointer_add(char *out, size_t n, size_t cap, const char *part);
/* The most findings kept for one file; past it, one too-large finding. */
#define DR_MAX_FINDINGS 1000

/* Sorts by line, column, rule: the deterministic order of every report. */
void dr_diags_sort(dr_diags *d);

#endif
