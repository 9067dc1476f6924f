/* The feeds of the site (decrec site): the Atom feed of the latest
 * published decisions and the iCalendar of call-in deadlines and due dates,
 * each a whole file made from the public views of the records, with what
 * every file of the site's data shares: its base URL, host and date. */
#ifndef DR_FEED_H
#define DR_FEED_H

#include "buf.h"
#include "config.h"
#include "value.h"

#include <stddef.h>
#include <stdint.h>

typedef struct dr_site_info {
	const char *title; /* site.title, e.g. "Kent County Council: decisions" */
	const char *base_url; /* absolute http(s) URL of the site's root, no trailing '/' */
	/* Seconds since the epoch, for DTSTAMP and an empty feed's updated: the
	 * newest record date at 00:00Z, never the clock, so that a file is the
	 * same on every run with the same records. */
	int64_t now;
} dr_site_info;

/* The views a feed or data file lists, in order: n of them, view i from
 * at(ctx, i), valid until the next call (a register reads them back from
 * disk one at a time); NULL when it cannot be had, which fails the file. */
typedef struct dr_views {
	const dr_value *(*at)(void *ctx, size_t i);
	void *ctx;
	size_t n;
} dr_views;

/* The views of items[0..n), an array. */
dr_views dr_views_array(dr_value *const *items, size_t n);

/* v below gives the public views of the records, as a listing keeps them
 * (dr_view_public of dr_view_new(..., long_dates=1)), newest first. Each
 * function appends its file to `out` (which the caller may hand on in
 * pieces as v is read): 0, or -1 when out reaches its cap, memory runs out
 * or v fails. */

/* feeds/decisions.atom: Atom (RFC 4287) of the 50 latest decisions with a
 * dates.published, latest first. */
int dr_feed_atom(dr_buf *out, const dr_config *cfg, const dr_site_info *s, const dr_views *v);

/* feeds/calendar.ics: iCalendar (RFC 5545), an event per call-in deadline
 * of a made decision subject to call-in (at cfg->closes_at, Europe/London,
 * else all day) and per due date of a proposed key decision (all day). */
int dr_feed_ics(dr_buf *out, const dr_config *cfg, const dr_site_info *s, const dr_views *v);

/* The page of the decision whose reference_slug is `slug`: base_url +
 * "/decisions/" + slug (percent-encoded) + "/", malloc'd; NULL on OOM. */
char *dr_site_page_url(const dr_site_info *s, const char *slug);

/* The string at `path` ("dates.published_iso": keys joined by dots) of a
 * view, or NULL when it is not there or not a string. */
const char *dr_item_str(const dr_value *v, const char *path);
/* The yes/no at `path` of a view: 1, 0, or -1 when it is not there. */
int dr_item_flag(const dr_value *v, const char *path);

#endif
