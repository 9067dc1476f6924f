/* The forward plan: proposed key decisions (and with plan.include_non_key
 * other proposed records) grouped by due date, regulation 9 of SI
 * 2012/2089. An item taken under the general exception (reg 10) or special
 * urgency (reg 11) goes in a section of its own; one due before the
 * edition date, or first published after it, is left out and said. */
#include "plan.h"

#include "date.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

enum { SECTION_PLAN, SECTION_EXCEPTION };

typedef struct ctx {
	dr_arena *a;
	const dr_config *cfg;
	int failed;
} ctx;

static dr_value *str(ctx *c, const char *s)
{
	dr_value *v = dr_value_str(c->a, s, strlen(s));
	c->failed |= !v;
	return v;
}

static void set(ctx *c, dr_value *map, const char *key, dr_value *v)
{
	if (!map || !v || dr_value_set(c->a, map, key, v))
		c->failed = 1;
}

static void set_date(ctx *c, dr_value *map, const char *key, int32_t day)
{
	dr_view_long_date(c->a, map, key, day, &c->failed);
}

/* The map under `key` of the view, made when the record has none. */
static dr_value *sub_map(ctx *c, dr_value *view, const char *key)
{
	dr_value *m = (dr_value *)dr_value_get(view, key, strlen(key));
	if (!m || m->type != DR_V_MAP) {
		m = dr_value_map(c->a);
		set(c, view, key, m);
	}
	return m;
}

static int belongs(const dr_listing_options *o, const dr_config *cfg, const dr_record *r)
{
	(void)o;
	const dr_node *st = r->val[F_STATUS];
	return st && dr_status_phase(cfg, st->u.scalar.s) == PHASE_PROPOSED &&
	       (r->flag[F_KEY_DECISION] == 1 || (cfg->plan_include_non_key & 1));
}

static int select_item(const dr_listing_options *o, const dr_config *cfg, const dr_record *r,
                       dr_arena *a, dr_value *view, dr_listing_item *it)
{
	ctx c = {.a = a, .cfg = cfg};
	int32_t due = r->date[F_DATES_DUE], added = r->date[F_FP_ADDED];
	/* When the item was first published: a reg 10 item without a forward
	 * plan notice was first published by its general exception notice. */
	if (added == DR_NO_DATE)
		added = r->date[F_FP_FIRST_PUBLISHED];
	if (added == DR_NO_DATE)
		added = r->date[F_FP_EXCEPTION_NOTICE];
	it->section = r->num[F_FP_EXCEPTION] == EXC_NONE ? SECTION_PLAN : SECTION_EXCEPTION;
	it->day = due;
	char x[24], y[24];
	if (due != DR_NO_DATE && due < o->date)
		it->left_out = dr_arena_printf(a, "due %s, before the edition date %s: overdue",
		                               dr_date_short(x, due), dr_date_short(y, o->date));
	else if (added != DR_NO_DATE && added > o->date)
		it->left_out = dr_arena_printf(a,
		                               "first published %s, after the edition date %s: "
		                               "it belongs to a later edition",
		                               dr_date_short(x, added), dr_date_short(y, o->date));
	if ((due != DR_NO_DATE && due < o->date) || (added != DR_NO_DATE && added > o->date))
		c.failed |= !it->left_out;

	set(&c, view, "is_new", dr_value_bool(a, added != DR_NO_DATE && added > o->since));
	if (due != DR_NO_DATE)
		set_date(&c, view, "not_before", due);
	dr_value *fp = sub_map(&c, view, "forward_plan");
	if (added != DR_NO_DATE)
		set_date(&c, fp, "added", added);
	/* The anticipated restriction: open unless the record says otherwise;
	 * a value that is not one of the three (listed with --force) counts as
	 * fully exempt, failing closed as for_publication does. */
	long restr = r->num[F_FP_RESTRICTION];
	const dr_node *raw = r->raw[F_FP_RESTRICTION];
	int part = restr == RESTR_PART,
	    full = restr == RESTR_FULL || (restr == RESTR_NONE && raw && !dr_node_is_null(raw));
	set(&c, fp, "restriction", str(&c, part ? "part-exempt" : full ? "fully-exempt" : "open"));
	set(&c, fp, "is_open", dr_value_bool(a, !part && !full));
	set(&c, fp, "is_part_exempt", dr_value_bool(a, part));
	set(&c, fp, "is_fully_exempt", dr_value_bool(a, full));
	const dr_value *docs = dr_value_get(fp, "documents", 9);
	set(&c, fp, "has_documents",
	    dr_value_bool(a, docs && docs->type == DR_V_LIST && docs->u.list.n > 0));
	/* [] says there are none; no list at all says nothing yet. */
	set(&c, fp, "documents_stated", dr_value_bool(a, docs && docs->type == DR_V_LIST));
	return c.failed ? -1 : 0;
}

/* The statement of `key` from the config, else the default wording. */
static void statement(ctx *c, dr_value *map, const char *key, const char *given, const char *fmt)
{
	const char *council = c->cfg->authority ? c->cfg->authority : "the council";
	if (given) {
		set(c, map, key, str(c, given));
		return;
	}
	char *s = dr_arena_printf(c->a, fmt, council);
	set(c, map, key, s ? str(c, s) : NULL);
}

static int document(const dr_listing_options *o, const dr_config *cfg, dr_arena *a, dr_value *doc,
                    dr_listing_item *const *items, size_t n)
{
	ctx c = {.a = a, .cfg = cfg};
	int y, m, d;
	set_date(&c, doc, "edition", o->date);
	/* The period: from the edition date to the day before the same day
	 * `months` later (the last day of a shorter month when it has none). */
	dr_date_to_ymd(o->date, &y, &m, &d);
	m += o->months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	set_date(&c, doc, "period_end", dr_date_from_ymd(y, m, d > last ? last : d) - (d <= last));
	char buf[16];
	snprintf(buf, sizeof(buf), "%d", o->months);
	set(&c, doc, "months", str(&c, buf));
	if (o->since != o->date - 1)
		set_date(&c, doc, "since", o->since);

	dr_value *st = dr_value_map(a);
	set(&c, doc, "statements", st);
	statement(&c, st, "address", cfg->plan_address,
	          "Copies of the documents listed for an item, once published, are available "
	          "from Democratic Services, %s.");
	statement(&c, st, "other_documents", cfg->plan_other_documents,
	          "Other documents relevant to a matter may be submitted to the decision maker: "
	          "send them to the contact named for the item, or to Democratic Services, %s, "
	          "before the decision is due.");
	statement(&c, st, "request_documents", cfg->plan_request_documents,
	          "To ask for details of the documents listed, or for copies as they become "
	          "available, contact the officer named for the item, or Democratic Services, "
	          "%s.");

	/* The plan's items under their "Not before" dates; the exceptions. */
	dr_value *groups = dr_value_list(a), *exceptions = dr_value_list(a), *group = NULL;
	int32_t at = DR_NO_DATE;
	size_t shown = 0;
	for (size_t i = 0; !c.failed && i < n; i++) {
		const dr_listing_item *it = items[i];
		if (it->section == SECTION_EXCEPTION) {
			c.failed |= dr_value_push(a, exceptions, it->view) != 0;
			continue;
		}
		if (!group || it->day != at) {
			dr_value *list = dr_value_list(a);
			group = dr_value_map(a);
			at = it->day;
			if (at != DR_NO_DATE)
				set_date(&c, group, "not_before", at);
			set(&c, group, "is_undated", dr_value_bool(a, at == DR_NO_DATE));
			set(&c, group, "items", list);
			c.failed |= dr_value_push(a, groups, group) != 0;
		}
		dr_value *list = (dr_value *)dr_value_get(group, "items", 5);
		c.failed |= !list || dr_value_push(a, list, it->view) != 0;
		shown++;
	}
	set(&c, doc, "groups", groups);
	set(&c, doc, "has_groups", dr_value_bool(a, shown > 0));
	set(&c, doc, "exceptions", exceptions);
	set(&c, doc, "has_exceptions", dr_value_bool(a, exceptions && exceptions->u.list.n > 0));
	set(&c, doc, "has_items", dr_value_bool(a, n > 0));
	set(&c, doc, "is_plan", dr_value_bool(a, 1));
	set(&c, doc, "is_wider", dr_value_bool(a, cfg->plan_include_non_key & 1));
	return c.failed ? -1 : 0;
}

const dr_listing_def dr_plan_kind = {
    .belongs = belongs, .select = select_item, .document = document};
