/* Building the template view of a record. Field values go in under their
 * keys, nested as in the record; each kind of field adds its derived forms:
 * Markdown `key_html`, dates `key_iso`, yes/no `is_key`. */
#include "view.h"

#include "date.h"
#include "escape.h"
#include "decrec.h"
#include "buf.h"
#include "md.h"
#include "url.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct ctx {
	dr_arena *a;
	const dr_config *cfg;
	int long_dates; /* "19 July 2024" rather than 19/07/2024 */
	dr_wml *wml; /* Markdown as WordprocessingML (key_docx), not HTML */
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
	if (!v || dr_value_set(c->a, map, key, v))
		c->failed = 1;
}

static void set_suffix(ctx *c, dr_value *map, const char *key, const char *suffix, dr_value *v)
{
	char k[128];
	snprintf(k, sizeof(k), "%s%s", key, suffix);
	set(c, map, k, v);
}

static void set_date(ctx *c, dr_value *map, const char *key, int32_t day)
{
	char buf[24];
	set(c, map, key, str(c, c->long_dates ? dr_date_long(buf, day) : dr_date_short(buf, day)));
	set_suffix(c, map, key, "_iso", str(c, dr_date_iso(buf, day)));
}

static void set_yes_no(ctx *c, dr_value *map, const char *key, int yes)
{
	char k[128];
	set(c, map, key, str(c, yes ? "Yes" : "No"));
	snprintf(k, sizeof(k), "is_%s", key);
	set(c, map, k, dr_value_bool(c->a, yes));
}

/* Text without the trailing line breaks of a YAML block. */
static dr_value *text(ctx *c, const dr_node *n)
{
	size_t len = n->u.scalar.len;
	while (len && (n->u.scalar.s[len - 1] == '\n' || n->u.scalar.s[len - 1] == ' '))
		len--;
	dr_value *v = dr_value_str(c->a, n->u.scalar.s, len);
	c->failed |= !v;
	return v;
}

static dr_value *map_of(ctx *c, int parent, const dr_node *node, const dr_record *r);

/* A yes/no of a list item, which the record does not keep: 1, 0, or -1
 * when it is not an unquoted yes/no/true/false. */
static int item_flag(const dr_node *v)
{
	static const char *const yes[] = {"yes", "true"}, *const no[] = {"no", "false"};
	for (int i = 0; !v->quoted && i < 2; i++) {
		if (!strcasecmp(v->u.scalar.s, yes[i]))
			return 1;
		if (!strcasecmp(v->u.scalar.s, no[i]))
			return 0;
	}
	return -1;
}

/* Adds field f, whose value node is v, to map. */
static void add_field(ctx *c, dr_value *map, int f, const dr_node *v, const dr_record *r)
{
	const dr_field_info *fi = &dr_fields[f];
	int32_t day;
	switch (fi->type) {
	case T_LINE:
	case T_INT:
	case T_EXCEPTION:
	case T_RESTRICTION:
		set(c, map, fi->key, text(c, v));
		break;
	case T_MD: {
		dr_value *t = text(c, v);
		set(c, map, fi->key, t);
		if (c->wml) {
			char *x = t ? dr_wml_from_md(c->wml, t->u.str.s, t->u.str.len) : NULL;
			set_suffix(c, map, fi->key, "_docx", x ? str(c, x) : NULL);
			break;
		}
		char *html = t ? dr_md_html(c->a, t->u.str.s, t->u.str.len) : NULL;
		set_suffix(c, map, fi->key, "_html", html ? str(c, html) : NULL);
		break;
	}
	case T_BOOL:
		if (r) {
			if (r->flag[f] >= 0)
				set_yes_no(c, map, fi->key, r->flag[f]);
		} else if (item_flag(v) >= 0) {
			set_yes_no(c, map, fi->key, item_flag(v));
		} else {
			/* Kept as written, without is_key: the public view reads
			 * such a documents[].exempt as yes. */
			set(c, map, fi->key, text(c, v));
		}
		break;
	case T_DATE:
		if (r ? (day = r->date[f]) != DR_NO_DATE
		      : dr_date_parse(&day, v->u.scalar.s, v->u.scalar.len) == 0)
			set_date(c, map, fi->key, day);
		break;
	case T_STRLIST: {
		dr_value *l = dr_value_list(c->a);
		c->failed |= !l;
		for (size_t i = 0; l && i < v->u.seq.n; i++)
			if (v->u.seq.items[i]->type == DR_SCALAR &&
			    dr_value_push(c->a, l, text(c, v->u.seq.items[i])))
				c->failed = 1;
		set(c, map, fi->key, l);
		break;
	}
	case T_MAP:
		set(c, map, fi->key, map_of(c, f, v, r));
		break;
	case T_LIST: {
		dr_value *l = dr_value_list(c->a);
		c->failed |= !l;
		for (size_t i = 0; l && i < v->u.seq.n; i++)
			if (v->u.seq.items[i]->type == DR_MAP &&
			    dr_value_push(c->a, l, map_of(c, f, v->u.seq.items[i], NULL)))
				c->failed = 1;
		set(c, map, fi->key, l);
		break;
	}
	}
}

/* The mapping of the fields whose parent is `parent`. With a record, values
 * come from its typed fields (only those of the right type); without one
 * (list items), from the nodes, skipping values of the wrong type. */
static dr_value *map_of(ctx *c, int parent, const dr_node *node, const dr_record *r)
{
	dr_value *map = dr_value_map(c->a);
	if (!map) {
		c->failed = 1;
		return NULL;
	}
	for (int f = 0; f < F_COUNT; f++) {
		if (dr_fields[f].parent != parent)
			continue;
		const dr_node *v = r ? r->val[f] : dr_node_get(node, dr_fields[f].key);
		if (!v || dr_node_is_null(v))
			continue;
		dr_type t = dr_fields[f].type;
		int scalar = t != T_STRLIST && t != T_MAP && t != T_LIST;
		if ((scalar && v->type != DR_SCALAR) || (t == T_MAP && v->type != DR_MAP) ||
		    ((t == T_LIST || t == T_STRLIST) && v->type != DR_SEQ))
			continue;
		add_field(c, map, f, v, r);
	}
	return map;
}

/* The mutable value under `key` of a map of the view, or NULL. */
static dr_value *find(dr_value *map, const char *key)
{
	for (size_t i = 0; map && i < map->u.map.n; i++)
		if (!strcmp(map->u.map.keys[i], key))
			return map->u.map.vals[i];
	return NULL;
}

/* A nested map of the view, created when the record has none. */
static dr_value *sub_map(ctx *c, dr_value *view, const char *key)
{
	dr_value *m = find(view, key);
	if (!m) {
		m = dr_value_map(c->a);
		set(c, view, key, m);
	}
	return m;
}

/* The labels (labels.def) as the config words them: `labels.KEY`, and
 * `labels_upper.KEY` in capitals (ASCII letters) for the form's headings. */
static void add_labels(ctx *c, dr_value *view)
{
	dr_value *labels = dr_value_map(c->a), *upper = dr_value_map(c->a);
	c->failed |= !labels || !upper;
	for (int i = 0; labels && upper && i < DR_LABEL_COUNT; i++) {
		const char *text = dr_config_label(c->cfg, i);
		char *caps = dr_arena_strndup(c->a, text, strlen(text));
		for (char *s = caps; s && *s; s++)
			if (*s >= 'a' && *s <= 'z')
				*s = (char)(*s - 32);
		/* Keys of labels.def, each once: added without looking. */
		if (dr_value_add(c->a, labels, dr_labels[i].key, str(c, text)) ||
		    dr_value_add(c->a, upper, dr_labels[i].key, caps ? str(c, caps) : NULL))
			c->failed = 1;
	}
	set(c, view, "labels", labels);
	set(c, view, "labels_upper", upper);
}

/* `authority` (the record's, else the config's) and `authority_upper`. */
static void authority(ctx *c, dr_value *view, dr_value *given)
{
	char buf[512];
	if (!given && c->cfg->authority)
		set(c, view, "authority", given = str(c, c->cfg->authority));
	if (given && given->type == DR_V_STR) {
		size_t n = 0;
		for (const char *s = given->u.str.s; *s && n + 1 < sizeof(buf); s++)
			buf[n++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
		buf[n] = '\0';
		set(c, view, "authority_upper", str(c, buf));
	}
}

int dr_view_common(dr_arena *a, dr_value *doc, const dr_config *cfg)
{
	ctx c = {.a = a, .cfg = cfg};
	authority(&c, doc, NULL);
	set(&c, doc, "generator", str(&c, "decrec " DR_VERSION));
	add_labels(&c, doc);
	return c.failed ? -1 : 0;
}

void dr_view_long_date(dr_arena *a, dr_value *map, const char *key, int32_t day, int *failed)
{
	ctx c = {.a = a, .long_dates = 1};
	set_date(&c, map, key, day);
	*failed |= c.failed;
}

dr_value *dr_view_new(dr_arena *a, const dr_record *r, const dr_config *cfg, int long_dates,
                      dr_wml *wml)
{
	ctx c = {.a = a, .cfg = cfg, .long_dates = long_dates, .wml = wml};
	char buf[512];
	dr_value *view = map_of(&c, F_ROOT, r->root, r);
	if (!view)
		return NULL;

	/* Defaults the record may leave out. */
	authority(&c, view, find(view, "authority"));
	dr_value *title = find(view, "title");
	if (title && !find(view, "decision_title"))
		set(&c, view, "decision_title", title);
	if (r->flag[F_FOR_PUBLICATION] < 0)
		set_yes_no(&c, view, "for_publication", !dr_view_is_exempt(r));
	const dr_value *ref = find(view, "reference");
	if (ref && ref->type == DR_V_STR) {
		snprintf(buf, sizeof(buf), "%s", ref->u.str.s);
		for (char *s = buf; *s; s++)
			if (*s == '/')
				*s = '-';
		set(&c, view, "reference_slug", str(&c, buf));
		/* The slug as a URL path segment: the file on disk is named by
		 * the slug, a link to it by its percent-encoded bytes. */
		dr_buf u;
		dr_buf_init(&u, 3 * sizeof(buf));
		if (dr_escape_uri_path_buf(&u, buf))
			c.failed = 1;
		else
			set(&c, view, "reference_href", dr_value_str(a, u.len ? u.p : "", u.len));
		dr_buf_free(&u);
	}

	/* The phase, as a name and as flags for sections. */
	const dr_node *st = r->val[F_STATUS];
	int phase = st ? dr_status_phase(cfg, st->u.scalar.s) : PHASE_UNKNOWN;
	set(&c, view, "phase", str(&c, dr_phase_name(phase)));
	set(&c, view, "is_proposed", dr_value_bool(a, phase == PHASE_PROPOSED));
	set(&c, view, "is_made", dr_value_bool(a, phase == PHASE_MADE || phase == PHASE_CALLED_IN));
	set(&c, view, "is_referred", dr_value_bool(a, phase == PHASE_REFERRED));
	set(&c, view, "is_called_in", dr_value_bool(a, phase == PHASE_CALLED_IN));
	set(&c, view, "is_withdrawn", dr_value_bool(a, phase == PHASE_WITHDRAWN));

	/* What the calendar gives. */
	dr_value *call_in = sub_map(&c, view, "call_in");
	if (call_in) {
		snprintf(buf, sizeof(buf), "%d", cfg->call_in_days);
		set(&c, call_in, "working_days", str(&c, buf));
		int32_t deadline, effective;
		int year;
		if (r->date[F_DATES_PUBLISHED] != DR_NO_DATE &&
		    dr_date_call_in(&deadline, &effective, cfg, r->date[F_DATES_PUBLISHED],
		                    &year) == 0) {
			set_date(&c, call_in, "deadline", deadline);
			set_date(&c, call_in, "effective", effective);
		}
	}
	if (r->date[F_FP_FIRST_PUBLISHED] != DR_NO_DATE)
		set_date(&c, sub_map(&c, view, "forward_plan"), "earliest_decision",
		         dr_date_earliest_key_decision(cfg, r->date[F_FP_FIRST_PUBLISHED]));
	dr_value *fp = find(view, "forward_plan");
	if (fp) {
		set(&c, fp, "is_general_exception",
		    dr_value_bool(a, r->num[F_FP_EXCEPTION] == EXC_GENERAL));
		set(&c, fp, "is_special_urgency",
		    dr_value_bool(a, r->num[F_FP_EXCEPTION] == EXC_URGENCY));
	}

	/* Flags for optional blocks. */
	const dr_value *im = find(view, "implications");
	set(&c, view, "has_implications", dr_value_bool(a, im && im->u.map.n > 0));
	const dr_value *in = find(view, "interests");
	set(&c, view, "has_interests", dr_value_bool(a, in && in->u.list.n > 0));
	/* Only web addresses and repository paths become links: a hostile href
	 * renders as plain text even when a record is rendered with --force. */
	dr_value *docs = find(view, "documents");
	for (size_t i = 0; docs && docs->type == DR_V_LIST && i < docs->u.list.n; i++) {
		dr_value *d = docs->u.list.items[i], *href = find(d, "href");
		dr_url_kind k = href ? dr_url_classify(href->u.str.s) : DR_URL_UNSAFE;
		int link = k == DR_URL_WEB || k == DR_URL_RELATIVE;
		if (!link && href)
			set(&c, d, "href", str(&c, ""));
		set(&c, d, "is_link", dr_value_bool(a, link));
	}
	set(&c, view, "has_documents", dr_value_bool(a, docs && docs->u.list.n > 0));
	/* Divisions as one line, "A, B and C", as registers list them. */
	const dr_value *div = find(view, "divisions");
	size_t nd = div && div->type == DR_V_LIST ? div->u.list.n : 0;
	set(&c, view, "has_divisions", dr_value_bool(a, nd > 0));
	if (nd) {
		dr_buf line;
		dr_buf_init(&line, 64 * 1024);
		for (size_t i = 0; i < nd; i++) {
			if (i)
				dr_buf_puts(&line, i + 1 == nd ? " and " : ", ");
			dr_buf_puts(&line, div->u.list.items[i]->u.str.s);
		}
		set(&c, view, "divisions_text", line.failed ? NULL : str(&c, line.p));
		dr_buf_free(&line);
	}
	set(&c, view, "generator", str(&c, "decrec " DR_VERSION));
	add_labels(&c, view);
	return c.failed ? NULL : view;
}

/* ---- the public view ------------------------------------------------------
 * What every template but the record form sees (docs/templates.md). Kept
 * apart from dr_view_new: that builds everything, this takes away. */

int dr_view_is_exempt(const dr_record *r)
{
	/* A for_publication that is there but not a clear yes (a quoted "no",
	 * a typo rendered with --force) counts as no: fail closed. */
	const dr_node *raw = r->raw[F_FOR_PUBLICATION];
	return r->flag[F_FOR_PUBLICATION] == 0 ||
	       (r->flag[F_FOR_PUBLICATION] < 0 && raw && !dr_node_is_null(raw));
}

/* The keys of an exempt record's view that public pages may show: the facts
 * of the register entry. Anything not listed (summary, decision, reasons,
 * alternatives, policy, implications, consultation, sections, interests,
 * committee, signature, and any field added later) is not in the view. */
static const char *const public_keys[] = {
    "reference",
    "reference_slug",
    "reference_href",
    "title",
    "authority",
    "authority_upper",
    "decision_maker",
    "status",
    "key_decision",
    "is_key_decision",
    "key_decision_reason",
    "subject_to_call_in",
    "is_subject_to_call_in",
    "for_publication",
    "is_for_publication",
    "exempt_paragraph",
    "public_summary",
    "public_summary_html",
    "public_summary_docx",
    "divisions",
    "divisions_text",
    "has_divisions",
    "lead_officer",
    "contact",
    "dates",
    "forward_plan",
    "call_in",
    "call_in_exemption",
    "meeting",
    "phase",
    "is_proposed",
    "is_made",
    "is_referred",
    "is_called_in",
    "is_withdrawn",
    "documents",
    "generator",
    "labels",
    "labels_upper",
};

/* Whether document d (a map of the view) may be listed on a public page:
 * only when its `exempt` is absent or a clear no. */
static int document_public(const dr_value *d)
{
	const dr_value *is = dr_value_get(d, "is_exempt", 9);
	return !dr_value_get(d, "exempt", 6) || (is && is->type == DR_V_BOOL && !is->u.b);
}

dr_value *dr_view_public(dr_arena *a, dr_value *full, const dr_record *r)
{
	ctx c = {.a = a};
	dr_value *view = full;
	if (!full)
		return NULL;
	if (dr_view_is_exempt(r)) {
		view = dr_value_map(a);
		c.failed |= !view;
		for (size_t i = 0; view && i < full->u.map.n; i++)
			for (size_t k = 0; k < sizeof(public_keys) / sizeof(*public_keys); k++)
				if (!strcmp(full->u.map.keys[i], public_keys[k]))
					set(&c, view, public_keys[k], full->u.map.vals[i]);
		/* The register's title, never the form's own decision_title. */
		dr_value *title = find(view, "title");
		if (title)
			set(&c, view, "decision_title", title);
	}
	/* Exempt documents are left out whatever the record. */
	dr_value *docs = find(view, "documents"), *kept = dr_value_list(a);
	c.failed |= !kept;
	for (size_t i = 0; kept && docs && docs->type == DR_V_LIST && i < docs->u.list.n; i++)
		if (document_public(docs->u.list.items[i]) &&
		    dr_value_push(a, kept, docs->u.list.items[i]))
			c.failed = 1;
	if (docs)
		set(&c, view, "documents", kept);
	set(&c, view, "has_documents", dr_value_bool(a, kept && kept->u.list.n > 0));
	return c.failed ? NULL : view;
}
