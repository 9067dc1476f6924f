/* The Notice of Key Decisions (forward plan) as a listing kind: which
 * proposed records it lists, under which "Not before" date, and the
 * statements of regulation 9(1)(f)-(h). */
#ifndef DR_PLAN_H
#define DR_PLAN_H

#include "listing.h"

extern const dr_listing_def dr_plan_kind;

#endif
