/* What tests may change in a run: dr_run itself is in decrec.h. */
#ifndef DR_RUN_H
#define DR_RUN_H

#include "decrec.h"

#include <stdint.h>

/* Sets the number of uses whose hashes are compared at a time (a run reads
 * its uses once per such partition) and a mask over the hashes, so that
 * tests can make partitions of one use and hashes that collide. Call before
 * the first dr_run_add. */
void dr_run_tune(dr_run *r, size_t partition, uint64_t mask);

/* Whether everything added so far went to the run's temporary file (1),
 * or some of it is kept in memory (0). */
int dr_run_on_disk(const dr_run *r);

#endif
