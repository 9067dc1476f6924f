/* The checker's hook for the renderer (checker.c); the checker itself is
 * public (decrec.h). */
#ifndef DR_CHECKER_H
#define DR_CHECKER_H

#include "arena.h"
#include "decrec.h"

/* Called by a checker for each record it checks, after the record's
 * rules, with its tree (valid during the call), the findings of the record
 * so far (found[0..n): its loading, its fields and its rules, unsorted) and
 * the arena the tree is in, which the hook may allocate from: the record is
 * reset after the call. */
struct dr_record;
typedef void (*dr_record_hook)(void *ctx, const struct dr_record *rec, const dr_diag *found,
                               size_t n, dr_arena *a);

/* Adds, replaces (the same ctx again) or with fn NULL removes a record
 * hook of the checker: decrec render renders each record from the tree the
 * checker parsed, fix.c repairs it from its findings, a listing keeps its
 * view; decrec site has all of them on one checker. At most
 * DR_CHECKER_HOOKS at once: a hook beyond is not added. */
#define DR_CHECKER_HOOKS 8
void dr_checker_on_record(dr_checker *c, dr_record_hook fn, void *ctx);

#endif
