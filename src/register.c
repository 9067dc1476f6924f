/* The register: every record with a reference, newest first by the date
 * of decision (else of publication, else the date it is due). Only the
 * facts of its index pages, feeds and data files are kept, so that a
 * register of many thousands of records stays small; the pages of each
 * decision are rendered while it is checked, not from here. */
#include "register.h"

#include "date.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

/* The view's keys the register keeps, on disk: what the index pages
 * (template site), feed.c and export.c read; and those it keeps in memory,
 * for choosing the records of each index page, the sitemap and the links
 * between decisions (template site-nav). */
static const char *const kept[] = {"reference",
                                   "reference_slug",
                                   "reference_href",
                                   "title",
                                   "authority",
                                   "decision_maker",
                                   "maker_slug",
                                   "status",
                                   "phase",
                                   "is_proposed",
                                   "is_made",
                                   "is_referred",
                                   "is_called_in",
                                   "is_withdrawn",
                                   "key_decision",
                                   "is_key_decision",
                                   "key_decision_reason",
                                   "subject_to_call_in",
                                   "is_subject_to_call_in",
                                   "for_publication",
                                   "is_for_publication",
                                   "exempt_paragraph",
                                   "divisions",
                                   "divisions_text",
                                   "has_divisions",
                                   "lead_officer",
                                   "contact",
                                   "dates",
                                   "call_in",
                                   "forward_plan",
                                   "summary",
                                   "public_summary",
                                   "date",
                                   "date_iso",
                                   "year",
                                   NULL};
static const char *const row[] = {
    "reference", "reference_slug",  "reference_href",     "title", "decision_maker", "maker_slug",
    "year",      "is_key_decision", "is_for_publication", NULL};

char *dr_register_slug(char *buf, size_t cap, const char *name)
{
	size_t n = 0;
	int dash = 0;
	for (const unsigned char *s = (const unsigned char *)name; *s && n + 2 < cap; s++) {
		int alnum = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		            (*s >= 'A' && *s <= 'Z');
		if (!alnum) {
			dash = n > 0;
			continue;
		}
		if (dash)
			buf[n++] = '-';
		dash = 0;
		buf[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	}
	buf[n] = '\0';
	return buf;
}

static int belongs(const dr_listing_options *o, const dr_config *cfg, const dr_record *r)
{
	(void)o, (void)cfg;
	const dr_node *ref = r->val[F_REFERENCE];
	return ref && ref->u.scalar.len > 0;
}

static int select_item(const dr_listing_options *o, const dr_config *cfg, const dr_record *r,
                       dr_arena *a, dr_value *view, dr_listing_item *it)
{
	(void)o, (void)cfg;
	static const int by[] = {F_DATES_DECISION, F_DATES_PUBLISHED, F_DATES_DUE};
	int32_t day = DR_NO_DATE;
	for (int i = 0; i < 3 && day == DR_NO_DATE; i++)
		day = r->date[by[i]];
	it->day = day;
	int failed = 0;
	char buf[256];
	if (day != DR_NO_DATE) {
		int y, m, d;
		dr_view_long_date(a, view, "date", day, &failed);
		dr_date_to_ymd(day, &y, &m, &d);
		snprintf(buf, sizeof(buf), "%d", y);
		failed |= dr_value_set(a, view, "year", dr_value_str(a, buf, strlen(buf))) != 0;
	}
	const dr_node *dm = r->val[F_DECISION_MAKER];
	if (dm && *dr_register_slug(buf, sizeof(buf), dm->u.scalar.s))
		failed |=
		    dr_value_set(a, view, "maker_slug", dr_value_str(a, buf, strlen(buf))) != 0;
	return failed ? -1 : 0;
}

static int document(const dr_listing_options *o, const dr_config *cfg, dr_arena *a, dr_value *doc,
                    dr_listing_item *const *items, size_t n)
{
	(void)o, (void)cfg, (void)a, (void)doc, (void)items, (void)n;
	return 0; /* site.c makes the register's pages */
}

const dr_listing_def dr_register_kind = {.keep = kept,
                                         .row = row,
                                         .newest_first = 1,
                                         .belongs = belongs,
                                         .select = select_item,
                                         .document = document};
