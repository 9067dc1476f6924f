/* The register as a listing kind: every record with a reference, newest
 * first, kept as the few facts that the site's index pages, feeds and data
 * files show (decrec site). */
#ifndef DR_REGISTER_H
#define DR_REGISTER_H

#include "listing.h"

extern const dr_listing_def dr_register_kind;

/* "cabinet-member-for-finance" of a decision maker into buf[cap]: ASCII
 * letters and digits lower-cased, every other run of characters one '-'.
 * Returns buf ("" when nothing is left). */
char *dr_register_slug(char *buf, size_t cap, const char *name);

#endif
