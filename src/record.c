/* The field table and the typed walk of a record's tree. */
#include "record.h"

#include "date.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const dr_req_info dr_reqs[R_COUNT] = {
#define X(id, when, docs, why) {when, docs, why},
#include "requirements.def"
#undef X
};

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

/* The words officers use for fields (aliases.def). */
enum { F_ANY = -2 };
static const struct alias {
	const char *word;
	int place, field;
} aliases[] = {
#define X(word, place, field) {word, F_##place, F_##field},
#include "aliases.def"
#undef X
};

/* "documents[].href": a field's path as the docs write it, for a key
 * suggested away from its own mapping. */
static const char *where(int f, char *buf, size_t cap)
{
	int chain[8], n = 0;
	size_t len = 0;
	for (int g = f; g != F_ROOT && n < 8; g = dr_fields[g].parent)
		chain[n++] = g;
	buf[0] = '\0';
	for (int i = n - 1; i >= 0 && len < cap; i--) {
		int p = dr_fields[chain[i]].parent;
		int wr = snprintf(buf + len, cap - len, "%s%s",
		                  p == F_ROOT                   ? ""
		                  : dr_fields[p].type == T_LIST ? "[]."
		                                                : ".",
		                  dr_fields[chain[i]].key);
		if (wr < 0)
			break;
		len += (size_t)wr;
	}
	return buf;
}

/* The keys of the mapping `parent` as "'a', 'b' and 'c'" into buf. */
static const char *keys_of(int parent, char *buf, size_t cap)
{
	int last = -1;
	size_t len = 0;
	for (int f = 0; f < F_COUNT; f++)
		if (dr_fields[f].parent == parent)
			last = f;
	buf[0] = '\0';
	for (int f = 0; f < F_COUNT && len < cap; f++) {
		if (dr_fields[f].parent != parent)
			continue;
		int wr = snprintf(buf + len, cap - len, "%s'%s'",
		                  len == 0    ? ""
		                  : f == last ? " and "
		                              : ", ",
		                  dr_fields[f].key);
		if (wr < 0)
			break;
		len += (size_t)wr;
	}
	return buf;
}

/* The field that the unknown key `name` in mapping `parent` most likely
 * means, or -1: the officers' word for it (*alias set), then the nearest
 * key of the same mapping. */
static int meant(int parent, const char *name, int *alias)
{
	int any = -1;
	*alias = 1;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(*aliases); i++) {
		if (strcmp(aliases[i].word, name))
			continue;
		if (aliases[i].place == parent)
			return aliases[i].field;
		if (aliases[i].place == F_ANY && any < 0)
			any = aliases[i].field;
	}
	if (any >= 0)
		return any;
	*alias = 0;
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
	return best >= 0 && bestd <= (len > 6 ? 3 : 2) && (size_t)bestd < len ? best : -1;
}

/* Reports the unknown key k of mapping `parent` with the best suggestion
 * for that place: the field meant there, the keys valid there (inside a
 * mapping or a list entry), or the same key's place elsewhere. Returns the
 * field suggested, or -1. */
static int unknown(walk *w, int parent, const dr_node *k)
{
	char ptr[300], path[128], keys[256];
	const char *name = k->type == DR_SCALAR ? k->u.scalar.s : NULL;
	if (w->d->full)
		return -1; /* no room for the finding: spare the suggestion's cost */
	if (!name) {
		dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, w->ptr, NULL,
		            "a key must be a plain name, not %s", kind(k));
		return -1;
	}
	pointer_of(w, name, ptr, sizeof(ptr));
	int alias = 0, f = meant(parent, name, &alias);
	if (f >= 0) {
		/* The key alone where it belongs here, else its path. */
		const char *to =
		    dr_fields[f].parent == parent ? dr_fields[f].key : where(f, path, sizeof(path));
		if (alias)
			dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, to,
			            "unknown field '%s': the record format calls it '%s'", name,
			            to);
		else
			dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, to,
			            "unknown field '%s': did you mean '%s'? unknown keys are "
			            "refused so that a typo cannot drop a field",
			            name,
			            parent == F_ROOT || dr_fields[parent].type != T_LIST
			                ? dr_field_path(f, path, sizeof(path))
			                : to);
		return f;
	}
	/* The right name in the wrong place, e.g. `effective` outside `dates`. */
	for (f = 0; f < F_COUNT; f++)
		if (strcmp(dr_fields[f].key, name) == 0 && dr_fields[f].parent != parent)
			break;
	if (parent != F_ROOT) {
		/* Inside a mapping or a list entry, what belongs there comes first. */
		const char *in = dr_fields[parent].type == T_LIST ? "an entry of " : "";
		keys_of(parent, keys, sizeof(keys));
		if (f < F_COUNT && dr_fields[f].parent == F_ROOT)
			dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, NULL,
			            "unknown field '%s' in %s'%s': the keys here are %s ('%s' "
			            "belongs at the top level)",
			            name, in, dr_fields[parent].key, keys, name);
		else if (f < F_COUNT)
			dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, NULL,
			            "unknown field '%s' in %s'%s': the keys here are %s ('%s' is "
			            "a key of %s'%s')",
			            name, in, dr_fields[parent].key, keys, name,
			            dr_fields[dr_fields[f].parent].type == T_LIST ? "an entry of "
			                                                          : "",
			            where(dr_fields[f].parent, path, sizeof(path)));
		else
			dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, NULL,
			            "unknown field '%s' in %s'%s': the keys here are %s", name, in,
			            dr_fields[parent].key, keys);
		return -1;
	}
	if (f < F_COUNT) {
		where(f, path, sizeof(path));
		dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, path,
		            "unknown field '%s' here: did you mean '%s'?", name, path);
		return f;
	}
	dr_diag_add(w->d, DR_RULE_UNKNOWN_FIELD, k->pos, ptr, NULL,
	            "unknown field '%s'; the record format has no such key (see "
	            "docs/record-format.md)",
	            name);
	return -1;
}

/* inline-comment: a plain text value with a comment after it on the same
 * line lost the comment's text, which was most likely part of it
 * ("item #5"). `name` says whose value it is ("'title'"), `lead` what
 * precedes the value on its line ("title: " or "- "); the fix shown is the
 * line with the whole text quoted. */
static void cut_by_comment(walk *w, const char *name, const char *lead, const char *ptr,
                           const dr_node *v)
{
	const dr_comment *c = v->comment;
	char fix[320];
	size_t n = 0;
	if (!c || v->type != DR_SCALAR || v->quoted)
		return;
	/* The text as meant: the value, its blanks before `#`, the comment. */
	uint32_t blanks = c->col > v->pos.end_col ? c->col - v->pos.end_col : 1;
	const char *parts[] = {v->u.scalar.s, NULL, c->text};
	fix[n++] = '"';
	for (int p = 0; p < 3 && n < sizeof(fix); p++) {
		if (!parts[p]) {
			for (uint32_t b = 0; b < blanks && n < sizeof(fix); b++)
				fix[n++] = ' ';
			continue;
		}
		for (const char *s = parts[p]; *s && n + 2 < sizeof(fix); s++) {
			if (*s == '"' || *s == '\\' || *s == '\n')
				fix[n++] = '\\';
			fix[n++] = *s == '\n' ? 'n' : *s;
		}
	}
	int fits = n + 2 < sizeof(fix);
	fix[fits ? n++ : 0] = '"';
	fix[fits ? n : 0] = '\0';
	uint32_t chars = 0;
	for (const char *s = c->text; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	dr_pos pos = {v->pos.end_line, c->col, v->pos.end_line, c->col + chars};
	if (fits)
		dr_diag_add(w->d, DR_RULE_INLINE_COMMENT, pos, ptr, fix,
		            "%s ends before this '#': text after ' #' is a comment, so the value "
		            "read is '%s'; to keep the text, quote the whole value: %s%s",
		            name, v->u.scalar.s, lead, fix);
	else
		dr_diag_add(w->d, DR_RULE_INLINE_COMMENT, pos, ptr, NULL,
		            "%s ends before this '#': text after ' #' is a comment, so the value "
		            "read is cut short; to keep the text, put the whole value in double "
		            "quotes",
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
	     fi->type == T_EXCEPTION || fi->type == T_RESTRICTION) &&
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
	if (is_text && v->comment) { /* names made only for a finding */
		char name[64], lead[64];
		snprintf(name, sizeof(name), "'%s'", fi->key);
		snprintf(lead, sizeof(lead), "%s: ", fi->key);
		cut_by_comment(w, name, lead, at_ptr(w, fi->key, ptr), v);
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
		int b = parse_bool(v);
		if (v->quoted && b >= 0) {
			/* The meaning is plain: say what to write, and let the rules
			 * that depend on the flag run with it. */
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr),
			            b ? "yes" : "no",
			            "'%s' must be yes or no without quotes: a quoted '%s' is text, "
			            "not a yes/no answer; write %s: %s",
			            fi->key, v->u.scalar.s, fi->key, b ? "yes" : "no");
			if (store)
				r->flag[f] = (signed char)b;
			return;
		}
		if (v->quoted || b < 0) {
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
			r->num[f] = n;
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
			r->num[f] = e;
		break;
	}
	case T_RESTRICTION: {
		static const char *const names[] = {"open", "part-exempt", "fully-exempt"};
		const char *s = v->u.scalar.s;
		char low[65];
		size_t n = 0;
		int e = RESTR_NONE, best = 0, bestd = 1000;
		for (int i = 0; i < 3 && e == RESTR_NONE; i++)
			if (!strcmp(s, names[i]))
				e = RESTR_OPEN + i;
		if (e == RESTR_NONE) {
			/* The nearest name, read in lower case with blanks as '-'
			 * ("Part exempt"); a part of a name means that name. */
			for (; s[n] && n < sizeof(low) - 1; n++)
				low[n] = s[n] == ' ' || s[n] == '_'   ? '-'
				         : s[n] >= 'A' && s[n] <= 'Z' ? (char)(s[n] + 32)
				                                      : s[n];
			low[n] = '\0';
			for (int i = 0; i < 3; i++) {
				int dist = *low && strstr(names[i], low)
				               ? 0
				               : dr_edit_distance(low, names[i]);
				if (dist < bestd)
					best = i, bestd = dist;
			}
			dr_diag_add(w->d, DR_RULE_WRONG_TYPE, v->pos, at_ptr(w, fi->key, ptr),
			            names[best],
			            "'%s' must be open, part-exempt or fully-exempt, not '%s': did "
			            "you mean %s?",
			            fi->key, s, names[best]);
			return;
		}
		if (store)
			r->num[f] = e;
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
			} else if (it->comment) {
				char ip[320], name[80];
				snprintf(ip, sizeof(ip), "%s/%zu", at_ptr(w, fi->key, ptr), i);
				snprintf(name, sizeof(name), "an entry of '%s'", fi->key);
				cut_by_comment(w, name, "- ", ip, it);
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
	unsigned char hinted[F_COUNT]; /* an entry's unknown keys meant these */
	if (item) {
		memset(seen, 0, sizeof(seen));
		memset(hinted, 0, sizeof(hinted));
	}
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
			int m = unknown(w, parent, k);
			int p = m >= 0 ? dr_fields[m].parent : F_ROOT;
			if (m >= 0 && item && p == parent)
				hinted[m] = 1;
			else if (m >= 0 && (p == F_ROOT || dr_fields[p].type != T_LIST))
				w->r->hint[m] = 1;
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
		if (!v && hinted[f])
			continue; /* the unknown key's finding says so */
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
