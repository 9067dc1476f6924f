/* Reports: report.c walks the checked files in input order, one at a time
 * (a run keeps them out of memory), and hands each file and each shown
 * finding to the callbacks of one output format (emit.h), each in its own
 * file. */
#ifndef DR_REPORT_H
#define DR_REPORT_H

#include "file.h"

/* dr_report_write over the n files that get(ctx, i) gives: all of them are
 * fetched once for the totals before anything is written, so a file that
 * cannot be had writes nothing. The walk fetches them again; one that
 * fails then (a read error on a run's temporary file) is left out of a
 * report that is already under way, and the call returns DR_EIO. */
int dr_report_emit(dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                   dr_file_source get, void *ctx, size_t n, dr_totals *t);

#endif
