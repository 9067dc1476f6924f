/* The site's open data (decrec site): data/decisions.json with its JSON
 * Schema, and data/decisions.csv, one entry per record published, with its
 * facts and computed dates, from the records' public views. */
#ifndef DR_EXPORT_H
#define DR_EXPORT_H

#include "buf.h"
#include "config.h"
#include "feed.h"
#include "value.h"

#include <stddef.h>

/* v gives the public views of the records, newest first, as for feed.h.
 * Each function appends its file to `out` (which the caller may hand on
 * in pieces as v is read): 0, or -1 when out reaches its cap, memory runs
 * out or v fails. */

/* data/decisions.json: {"generator", "authority", "title", "url",
 * "decisions": [...]}, in the order given; dr_export_schema describes it. */
int dr_export_json(dr_buf *out, const dr_config *cfg, const dr_site_info *s, const dr_views *v);

/* data/decisions.csv: RFC 4180, a header row then a row per item, CRLF. */
int dr_export_csv(dr_buf *out, const dr_site_info *s, const dr_views *v);

/* data/decisions.schema.json: the JSON Schema (draft-07) of the JSON. */
int dr_export_schema(dr_buf *out);

#endif
