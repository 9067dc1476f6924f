/* Reference formats (`reference_format` of decrec.yaml): literal text and the
 * placeholders {yy}, {yyyy} and {seq:N}, which make the next free reference
 * and read the sequence number back out of the ones in use. */
#ifndef DR_REFFORMAT_H
#define DR_REFFORMAT_H

#include <stddef.h>

#define DR_DEFAULT_REFERENCE_FORMAT "{yy}/{seq:5}"

/* Whether `fmt` is well formed: literal text with no '{' or '}' of its own,
 * {yy} and {yyyy} any number of times, and exactly one {seq:N}, N from 1 to
 * 9. 0, or -1 with the reason, one lower-case line, in why[cap]. */
int dr_refformat_check(const char *fmt, char *why, size_t cap);

/* The reference of sequence number `seq` in `year` into buf[cap]: 0, or -1
 * when seq does not fit the N digits of {seq:N} (or buf is too small). fmt
 * must have passed dr_refformat_check. */
int dr_refformat_make(char *buf, size_t cap, const char *fmt, int year, unsigned long seq);

/* The largest sequence number {seq:N} holds: 10^N - 1. */
unsigned long dr_refformat_max(const char *fmt);

/* Reads `ref` back with `fmt`: 1 with *seq when it is a reference of that
 * format whose {yy} and {yyyy} (if any) are `year`, else 0. */
int dr_refformat_parse(unsigned long *seq, const char *fmt, const char *ref, int year);

#endif
