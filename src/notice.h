/* The call-in notice as a listing kind: the decisions published in a
 * range of days, those subject to call-in with their deadline, then the
 * others with the reason call-in does not apply. */
#ifndef DR_NOTICE_H
#define DR_NOTICE_H

#include "listing.h"

extern const dr_listing_def dr_notice_kind;

#endif
