/* The call-in notice: what democratic services send scrutiny members once
 * decisions are published. Every made decision published from `from` to
 * `to`: first those subject to call-in, by deadline, then those that are
 * not, with the reason. */
#include "notice.h"

#include "date.h"
#include "view.h"

#include <string.h>

enum { SECTION_CALL_IN, SECTION_EXEMPT, SECTION_CALLED_IN };

static int belongs(const dr_listing_options *o, const dr_config *cfg, const dr_record *r)
{
	const dr_node *st = r->val[F_STATUS];
	int32_t pub = r->date[F_DATES_PUBLISHED];
	int phase = st ? dr_status_phase(cfg, st->u.scalar.s) : PHASE_UNKNOWN;
	return (phase == PHASE_MADE || phase == PHASE_CALLED_IN) && pub != DR_NO_DATE &&
	       pub >= o->from && pub <= o->to;
}

static int select_item(const dr_listing_options *o, const dr_config *cfg, const dr_record *r,
                       dr_arena *a, dr_value *view, dr_listing_item *it)
{
	(void)o;
	int32_t pub = r->date[F_DATES_PUBLISHED];
	/* A decision already called in cannot be called in again, and does
	 * not take effect yet: it has a section of its own. */
	const dr_node *st = r->val[F_STATUS];
	int phase = dr_status_phase(cfg, st->u.scalar.s);
	it->section = phase == PHASE_CALLED_IN             ? SECTION_CALLED_IN
	              : r->flag[F_SUBJECT_TO_CALL_IN] == 1 ? SECTION_CALL_IN
	                                                   : SECTION_EXEMPT;
	it->day = pub;
	/* "Friday 26 July 2024": the day the call-in closes, by name. */
	static const char *const days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
	                                   "Friday", "Saturday", "Sunday"};
	int32_t deadline, effective;
	int year;
	dr_value *ci = (dr_value *)dr_value_get(view, "call_in", 7);
	if (it->section == SECTION_CALL_IN && ci && ci->type == DR_V_MAP &&
	    !dr_date_call_in(&deadline, &effective, cfg, pub, &year)) {
		const char *d = days[dr_date_weekday(deadline)];
		if (dr_value_set(a, ci, "deadline_weekday", dr_value_str(a, d, strlen(d))))
			return -1;
	}
	return 0;
}

static int document(const dr_listing_options *o, const dr_config *cfg, dr_arena *a, dr_value *doc,
                    dr_listing_item *const *items, size_t n)
{
	int failed = 0;
	dr_value *list[3] = {dr_value_list(a), dr_value_list(a), dr_value_list(a)};
	static const char *const key[3] = {"call_in_items", "other_items", "called_in_items"},
	                         *const has[3] = {"has_call_in_items", "has_other_items",
	                                          "has_called_in_items"};
	dr_view_long_date(a, doc, "from", o->from, &failed);
	dr_view_long_date(a, doc, "to", o->to, &failed);
	if (dr_value_set(a, doc, "is_one_day", dr_value_bool(a, o->from == o->to)))
		failed = 1;
	if (cfg->closes_at) {
		/* "17:00" as people write it: "5pm", "9.30am", "12 noon". */
		int h = (cfg->closes_at[0] - '0') * 10 + cfg->closes_at[1] - '0';
		int m = (cfg->closes_at[3] - '0') * 10 + cfg->closes_at[4] - '0';
		char *text =
		    h == 12 && !m ? dr_arena_printf(a, "12 noon")
		    : m           ? dr_arena_printf(a, "%d.%02d%s", h % 12 ? h % 12 : 12, m,
                                          h < 12 ? "am" : "pm")
		        : dr_arena_printf(a, "%d%s", h % 12 ? h % 12 : 12, h < 12 ? "am" : "pm");
		if (!text ||
		    dr_value_set(a, doc, "closes_at",
		                 dr_value_str(a, cfg->closes_at, strlen(cfg->closes_at))) ||
		    dr_value_set(a, doc, "closes_at_text", dr_value_str(a, text, strlen(text))))
			failed = 1;
	}
	for (int k = 0; k < 3; k++)
		failed |= !list[k];
	for (size_t i = 0; !failed && i < n; i++)
		failed = dr_value_push(a, list[items[i]->section], items[i]->view) != 0;
	for (int k = 0; !failed && k < 3; k++)
		failed = dr_value_set(a, doc, key[k], list[k]) ||
		         dr_value_set(a, doc, has[k], dr_value_bool(a, list[k]->u.list.n > 0));
	if (failed || dr_value_set(a, doc, "has_items", dr_value_bool(a, n > 0)) ||
	    dr_value_set(a, doc, "is_notice", dr_value_bool(a, 1)))
		return -1;
	return 0;
}

const dr_listing_def dr_notice_kind = {
    .belongs = belongs, .select = select_item, .document = document};
