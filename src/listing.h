/* A listing: one document made from many records (the forward plan, the
 * call-in notice). listing.c keeps the public view of each record that
 * belongs, sorts them and renders the document; a kind (plan.c,
 * notice.c) says which records belong, where, and what the document adds. */
#ifndef DR_LISTING_H
#define DR_LISTING_H

#include "arena.h"
#include "config.h"
#include "decrec.h"
#include "record.h"
#include "value.h"

typedef struct dr_listing_item {
	size_t input; /* dr_listing_attach's number */
	int section; /* the kind's: which part of the document */
	int32_t day; /* the kind's order in the section (DR_NO_DATE last) */
	const char *reference; /* "" when none; then the order is by input */
	dr_value *view; /* the record's public view and the kind's keys (its row
	                   keys only, for a kind that has them) */
	const char *left_out; /* why it is not in the document, or NULL */
	int dropped; /* dr_listing_drop: its file has errors */
	size_t pos; /* its place in the sorted order (listing.c) */
	size_t store, len; /* a kind with row keys: where its whole view is */
	uint64_t at; /* packed (listing.c) */
} dr_listing_item;

typedef struct dr_listing_def {
	/* The top-level keys of a view the listing keeps, NULL-terminated; NULL
	 * keeps all but the labels. A register keeps few, so that memory stays
	 * small with many records. */
	const char *const *keep;
	/* Those of `keep` kept in memory, NULL-terminated, or NULL for all.
	 * With them, each item's whole kept view goes packed to a temporary
	 * file, read back by dr_listing_full: what a register keeps for its
	 * feeds and data would otherwise grow with every record. */
	const char *const *row;
	int newest_first; /* the order of days is reversed (undated still last) */
	/* Whether record r belongs, from its typed fields alone: only then is
	 * its view built. o's dates are days (no DR_TODAY). */
	int (*belongs)(const dr_listing_options *o, const dr_config *cfg, const dr_record *r);
	/* For a record that belongs, whose public view is `view` (both in
	 * arena a): sets it->section and it->day, adds its own keys to `view`,
	 * and sets it->left_out (in a) when it is not to be shown. 0, or -1 on
	 * OOM. */
	int (*select)(const dr_listing_options *o, const dr_config *cfg, const dr_record *r,
	              dr_arena *a, dr_value *view, dr_listing_item *it);
	/* Adds the document's own keys to `doc` from the items shown, in
	 * order (section, day, reference); 0, or -1 on OOM. */
	int (*document)(const dr_listing_options *o, const dr_config *cfg, dr_arena *a,
	                dr_value *doc, dr_listing_item *const *items, size_t n);
} dr_listing_def;

/* The items shown, sorted (section, day, reference), after which any of
 * them may be read; *n their number. NULL with *n 0 only when the listing
 * failed (a record it could not keep, or no memory to sort): with no item
 * shown, an array all the same. */
dr_listing_item *const *dr_listing_sorted(dr_listing *l, size_t *n);

/* The place in dr_listing_sorted's order of the item whose reference is
 * `reference`, -1 when there is none, or -2 when the listing failed (as
 * dr_listing_sorted). */
long dr_listing_find(dr_listing *l, const char *reference);

/* The whole kept view of item `it` (every key of the kind's `keep`), in
 * arena a, valid while a is: read back from the listing's temporary file
 * for a kind with row keys, else it->view itself. 0, DR_ENOMEM, or DR_EIO
 * when it cannot be read back (*why, borrowed from the listing, says
 * why). */
int dr_listing_full(dr_listing *l, const dr_listing_item *it, dr_arena *a, const dr_value **out,
                    const char **why);

/* The config and arena of the listing, for documents built from it. */
const dr_config *dr_listing_config(const dr_listing *l);
dr_arena *dr_listing_arena(dr_listing *l);

#endif
