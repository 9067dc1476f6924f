/* The view: the template variables of one record (docs/templates.md), built
 * from the field table so that every field is there under its own key, plus
 * what templates cannot compute: formatted dates, Yes/No, the call-in
 * deadline, phase flags and Markdown rendered to safe HTML. */
#ifndef DR_VIEW_H
#define DR_VIEW_H

#include "config.h"
#include "record.h"
#include "value.h"

/* Builds the view of `r` in arena `a`; NULL on OOM. */
dr_value *dr_view_new(dr_arena *a, const dr_record *r, const dr_config *cfg);

#endif
