/* The field table and the typed walk of a record's tree. */
#include "record.h"

#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const dr_field_info dr_fields[F_COUNT] = {
#define X(id, parent, key, type, req, doc) {F_##parent, key, type, req, doc},
#include "fields.def"
#undef X
};

/* Joins the keys from the root down to `f` with `sep`, after `lead`. */
static const char *join(int f, char *buf, size_t cap, const char *lead, const char *sep)
{
	int chain[8], n = 0;
	for (int g = f; g != F_ROOT && n < 8; g = dr_fields[g].parent)
		chain[n++] = g;
	size_t len = 0;
	buf[0] = '\0';
	for (int i = n - 1; i >= 0 && len < cap; i--) {
		int w = snprintf(buf + len, cap - len, "%s%s", i == n - 1 ? lead : sep,
		                 dr_fields[chain[i]].key);
		if (w < 0)
			break;
		len += (size_t)w;
	}
	return buf;
}

const char *dr_field_path(int f, char *buf, size_t cap)
{
	return join(f, buf, cap, "", ".");
}

const char *dr_field_pointer(int f, char *buf, size_t cap)
{
	return join(f, buf, cap, "/", "/");
}

int dr_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

int dr_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 100;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* A walk context: where we are, for JSON Pointers of list items. */
typedef struct walk {
	dr_record *r;
	dr_diags *d;
	char ptr[256]; /* JSON Pointer of the mapping being walked */
} walk;

static const char *kind(const dr_node *n)
{
	return n->type == DR_MAP ? "a mapping" : n->type == DR_SEQ ? "a list" : "text";
}

static void pointer_of(const walk *w, const char *key, char *out, size_t cap)
{
	snprintf(out, cap, "%s", w->ptr);
	dr_pointer_add(out, strlen(out), cap, key);
}

/* pointer_of into buf[300], returning buf: for use in a finding's arguments,
 * so the pointer is only made when there is a finding. */
static const char *at_ptr(const walk *w, const char *key, char *buf)
{
	pointer_of(w, key, buf, 300);
	return buf;
}

static void unknown(walk *w, int parent, const dr_node *k)
{
	char ptr[300], path[128];
	const char *name = k->type == DR_SCALAR ? k->u.scalar.s : NULL;
	if (w->d->full)
		return; /* no room for the finding: spare the suggestion's cost */
	if (!name) {
		dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, w->ptr, NULL,
		            "a key must be a plain name, not %s", kind(k));
		return;
	}
	pointer_of(w, name, ptr, sizeof(ptr));
	int best = -1, bestd = 100;
	for (int f = 0; f < F_COUNT; f++) {
		if (dr_fields[f].parent != parent)
			continue;
		int dist = dr_edit_distance(name, dr_fields[f].key);
		if (dist < bestd) {
			best = f;
			bestd = dist;
		}
	}
	size_t len = strlen(name);
	if (best >= 0 && bestd <= (len > 6 ? 3 : 2) && (size_t)bestd < len) {
		dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, dr_fields[best].key,
		            "unknown field '%s': did you mean '%s'? unknown keys are refused so "
		            "that a typo cannot drop a field",
		            name, dr_field_path(best, path, sizeof(path)));
		return;
	}
	/* The right name in the wrong place, e.g. `effective` outside `dates`. */
	for (int f = 0; f < F_COUNT; f++) {
		if (strcmp(dr_fields[f].key, name) == 0 && dr_fields[f].parent != parent) {
			dr_field_path(f, path, sizeof(path));
			dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, path,
			            "unknown field '%s' here: did you mean '%s'?", name, path);
			return;
		}
	}
	dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, NULL,
	            "unknown field '%s'; the record format has no such key (see "
	            "docs/record-format.md)",
	            name);
}

static int parse_bool(const dr_node *v)
{
	static const char *const yes[] = {"true", "yes"}, *const no[] = {"false", "no"};
	const char *s = v->u.scalar.s;
	for (int i = 0; i < 2; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

static void walk_map(walk *w, int parent, const dr_node *map);

/* Checks one value against its field's type; stores it when `store`. */
static void check_value(walk *w, int f, const dr_node *k, const dr_node *v, int store)
{
	dr_record *r = w->r;
	const dr_field_info *fi = &dr_fields[f];
	char ptr[300]; /* the field's JSON Pointer, made only when needed */
	if (store) {
		r->key[f] = k;
		r->raw[f] = v;
	}
	if (dr_node_is_null(v))
		return; /* present but empty: the requirement checks decide */
	int is_text = fi->type == T_LINE || fi->type == T_MD;
	if ((is_text || fi->type == T_BOOL || fi->type == T_DATE || fi->type == T_INT ||
	     fi->type == T_EXCEPTION) &&
	    v->type != DR_SCALAR) {
		dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr), NULL,
		            "'%s' must be %s, not %s", fi->key,
		            fi->type == T_BOOL   ? "yes or no"
		            : fi->type == T_DATE ? "a date"
		            : fi->type == T_INT  ? "a number"
		                                 : "text",
		            kind(v));
		return;
	}
	switch (fi->type) {
	case T_LINE: {
		const char *nl = strchr(v->u.scalar.s, '\n');
		if (nl && nl[1]) {
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr), NULL,
			            "'%s' must be one line of text; it is shown as a single "
			            "line on the register",
			            fi->key);
			return;
		}
		break;
	}
	case T_MD:
		break;
	case T_BOOL: {
		int b = v->quoted ? -1 : parse_bool(v);
		if (b < 0) {
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr), NULL,
			            v->quoted ? "'%s' must be yes or no without quotes: a quoted "
			                        "'%s' is text, not a yes/no answer"
			                      : "'%s' must be yes or no, not '%s'",
			            fi->key, v->u.scalar.s);
			return;
		}
		if (store)
			r->flag[f] = (signed char)b;
		break;
	}
	case T_DATE: {
		int32_t day;
		int rc = dr_date_parse(&day, v->u.scalar.s, v->u.scalar.len);
		if (rc == -1) {
			dr_diag_add(w->d, DR_RULE_BAD_DATE, v->pos, at_ptr(w, fi->key, ptr), NULL,
			            "'%s' is not a date: write YYYY-MM-DD (2024-07-19) or "
			            "DD/MM/YYYY (19/07/2024)",
			            v->u.scalar.s);
			return;
		}
		if (rc == -2) {
			char why[64];
			dr_diag_add(w->d, DR_RULE_BAD_DATE, v->pos, at_ptr(w, fi->key, ptr), NULL,
			            "'%s' is not a real day: %s", v->u.scalar.s,
			            dr_date_why(why, sizeof(why), v->u.scalar.s, v->u.scalar.len));
			return;
		}
		if (store)
			r->date[f] = day;
		break;
	}
	case T_INT: {
		const char *s = v->u.scalar.s;
		char *end;
		long n = strtol(s, &end, 10);
		if (v->quoted || !*s || *end || *s == '-' || *s == '+' || n > 1000000) {
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr), NULL,
			            "'%s' must be a whole number, not '%s'", fi->key, s);
			return;
		}
		if (store)
			r->exempt_paragraph = n;
		break;
	}
	case T_EXCEPTION: {
		const char *s = v->u.scalar.s;
		int e = !strcmp(s, "general-exception") ? EXC_GENERAL
		        : !strcmp(s, "special-urgency") ? EXC_URGENCY
		                                        : EXC_NONE;
		if (e == EXC_NONE) {
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr),
			            dr_edit_distance(s, "special-urgency") <
			                    dr_edit_distance(s, "general-exception")
			                ? "special-urgency"
			                : "general-exception",
			            "'%s' must be general-exception (reg 10) or special-urgency "
			            "(reg 11), not '%s'",
			            fi->key, s);
			return;
		}
		if (store)
			r->exception = e;
		break;
	}
	case T_STRLIST:
		if (v->type != DR_SEQ) {
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr), NULL,
			            "'%s' must be a list of names, not %s", fi->key, kind(v));
			return;
		}
		for (size_t i = 0; i < v->u.seq.n; i++) {
			const dr_node *it = v->u.seq.items[i];
			if (it->type != DR_SCALAR) {
				char ip[320];
				snprintf(ip, sizeof(ip), "%s/%zu", at_ptr(w, fi->key, ptr), i);
				dr_diag_add(w->d, DR_RULE_WRONG_TYPE, it->pos, ip, NULL,
				            "each entry of '%s' must be a name, not %s", fi->key,
				            kind(it));
			}
		}
		break;
	case T_MAP:
		if (v->type != DR_MAP) {
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr), NULL,
			            "'%s' must be a mapping of its fields, not %s", fi->key,
			            kind(v));
			return;
		}
		{
			walk inner = *w;
			snprintf(inner.ptr, sizeof(inner.ptr), "%s", at_ptr(w, fi->key, ptr));
			walk_map(&inner, f, v);
		}
		break;
	case T_LIST:
		at_ptr(w, fi->key, ptr);
		if (v->type != DR_SEQ) {
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr), NULL,
			            "'%s' must be a list (write [] for none), not %s", fi->key,
			            kind(v));
			return;
		}
		for (size_t i = 0; i < v->u.seq.n; i++) {
			const dr_node *it = v->u.seq.items[i];
			walk inner = *w;
			snprintf(inner.ptr, sizeof(inner.ptr), "%s/%zu", ptr, i);
			if (it->type != DR_MAP) {
				dr_diag_add(w->d, DR_RULE_WRONG_TYPE, it->pos, inner.ptr, NULL,
				            "each entry of '%s' must be a mapping of its fields, "
				            "not %s",
				            fi->key, kind(it));
				continue;
			}
			walk_map(&inner, f, it);
		}
		break;
	}
	if (store)
		r->val[f] = v;
}

/* Walks one mapping whose fields are the rows with parent `parent`. List
 * items (parent is a T_LIST) are checked here for their required fields;
 * everything else is stored in the record for the rules. */
static void walk_map(walk *w, int parent, const dr_node *map)
{
	int item = parent != F_ROOT && dr_fields[parent].type == T_LIST;
	const dr_node *seen[F_COUNT];
	if (item)
		memset(seen, 0, sizeof(seen));
	for (size_t i = 0; i < map->u.map.n; i++) {
		const dr_node *k = map->u.map.pairs[i].key, *v = map->u.map.pairs[i].value;
		int f = -1;
		if (k->type == DR_SCALAR)
			for (int g = 0; g < F_COUNT; g++)
				if (dr_fields[g].parent == parent &&
				    dr_fields[g].key[0] == k->u.scalar.s[0] &&
				    !strcmp(dr_fields[g].key, k->u.scalar.s)) {
					f = g;
					break;
				}
		if (f < 0) {
			unknown(w, parent, k);
			continue;
		}
		if (item)
			seen[f] = dr_node_is_null(v) ? NULL : v;
		check_value(w, f, k, v, !item);
	}
	if (!item)
		return;
	for (int f = 0; f < F_COUNT; f++) {
		if (dr_fields[f].parent != parent || dr_fields[f].req != R_ITEM)
			continue;
		char ptr[300];
		const dr_node *v = seen[f];
		if (!v) {
			dr_diag_add(w->d, DR_RULE_MISSING_FIELD, map->pos,
			            at_ptr(w, dr_fields[f].key, ptr), NULL,
			            "this entry of '%s' has no '%s', which every entry needs",
			            dr_fields[parent].key, dr_fields[f].key);
		} else if (v->type == DR_SCALAR && dr_blank(v->u.scalar.s)) {
			dr_diag_add(w->d, DR_RULE_EMPTY_FIELD, v->pos,
			            at_ptr(w, dr_fields[f].key, ptr), NULL,
			            "'%s' of this entry of '%s' is blank", dr_fields[f].key,
			            dr_fields[parent].key);
		}
	}
}

void dr_record_walk(dr_record *r, const dr_node *root, dr_pos start, dr_diags *d)
{
	memset(r, 0, sizeof(*r));
	r->root = root;
	r->start = start;
	for (int f = 0; f < F_COUNT; f++) {
		r->date[f] = DR_NO_DATE;
		r->flag[f] = -1;
	}
	walk w = {.r = r, .d = d};
	walk_map(&w, F_ROOT, root);
}
