/* The view: the template variables of one record (docs/templates.md), built
 * from the field table so that every field is there under its own key, plus
 * what templates cannot compute: formatted dates, Yes/No, the call-in
 * deadline, phase flags and Markdown rendered to safe HTML. */
#ifndef DR_VIEW_H
#define DR_VIEW_H

#include "config.h"
#include "record.h"
#include "value.h"
#include "wml.h"

/* Builds the view of `r` in arena `a`, its dates written long ("19 July
 * 2024") or short (19/07/2024), its Markdown as HTML (`key_html`), or with
 * `wml` as WordprocessingML (`key_docx`, its links and lists added to wml);
 * NULL on OOM. */
dr_value *dr_view_new(dr_arena *a, const dr_record *r, const dr_config *cfg, int long_dates,
                      dr_wml *wml);

/* Whether `r` is exempt from publication (`for_publication` is there and
 * not a clear yes). */
int dr_view_is_exempt(const dr_record *r);

/* The public view of `r` from its full view: for an exempt record only the
 * facts of the register entry (view.c lists them) and public_summary; for
 * every record, documents without those marked exempt. May return `full`
 * itself, changed; NULL on OOM. */
dr_value *dr_view_public(dr_arena *a, dr_value *full, const dr_record *r);

/* Adds to `doc`, the view of a document of many records, what every view
 * has: the config's `authority` (and `authority_upper`), `generator`,
 * `labels` and `labels_upper`. 0, or -1 on OOM. */
int dr_view_common(dr_arena *a, dr_value *doc, const dr_config *cfg);

/* Sets `key` of map to the date `day` written long ("19 July 2024"), and
 * `key_iso`; sets *failed on OOM. */
void dr_view_long_date(dr_arena *a, dr_value *map, const char *key, int32_t day, int *failed);

#endif
