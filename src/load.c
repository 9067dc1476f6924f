/* libyaml wrapper. libyaml returns 1 on success, 0-based marks and events
 * that must be deleted on every path; none of that leaves this file. The tree
 * is built without recursion: a frame stack for open collections and one
 * scratch stack of children, copied into the record's arena when a
 * collection closes, so no node costs a malloc. */
#include "load.h"

#include "grow.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct frame {
	dr_node *node; /* the open mapping or sequence */
	size_t first; /* its first child on the scratch stack */
	int skip_value; /* the pending key was a duplicate: drop its value */
	const dr_node *key; /* a mapping's pending key; NULL while the key is a collection */
} frame;

/* A place in the source, kept in step with libyaml's marks: they count
 * characters, so a mark's byte offset is found by walking the text. */
typedef struct cursor {
	size_t at; /* byte offset */
	size_t line, column; /* 0-based, as libyaml's marks */
} cursor;

struct dr_loader {
	yaml_parser_t parser;
	const unsigned char *buf;
	size_t len;
	cursor cur; /* the end of the last plain scalar; marks only move forward */
	frame frames[DR_MAX_DEPTH + 1];
	int depth;
	dr_node **scratch; /* children of open collections; map pairs as key, value */
	size_t nscratch, capscratch;
	int documents;
	int done;
};

/* ---- the loader --------------------------------------------------------- */

dr_loader *dr_loader_new(const char *buf, size_t len)
{
	dr_loader *l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	if (!yaml_parser_initialize(&l->parser)) {
		free(l);
		return NULL;
	}
	l->buf = (const unsigned char *)buf;
	l->len = len;
	yaml_parser_set_input_string(&l->parser, l->buf, len);
	yaml_parser_set_encoding(&l->parser, YAML_UTF8_ENCODING);
	return l;
}

int dr_loader_open(dr_loader **out, dr_text *t, const char *buf, size_t len, dr_diags *d)
{
	dr_text own = {0};
	if (!t)
		t = &own; /* the scan allocates nothing: nothing to free */
	dr_pos at = {1, 1, 1, 2};
	switch (dr_text_scan(t, buf, len)) {
	case DR_TEXT_OK:
		break;
	case DR_TEXT_UTF16:
		dr_diag_add(d, DR_RULE_ENCODING, at, NULL, NULL,
		            "the file is UTF-16 (it starts with a UTF-16 byte order mark); "
		            "decision records must be saved as UTF-8");
		return 1;
	default:
		at = (dr_pos){t->bad_line, t->bad_col, t->bad_line, t->bad_col + 1};
		if (!t->bad_byte)
			dr_diag_add(d, DR_RULE_ENCODING, at, NULL, NULL,
			            "the file holds a NUL byte; a decision record is text, so "
			            "it must not contain binary data");
		else
			dr_diag_add(d, DR_RULE_ENCODING, at, NULL, NULL,
			            "invalid UTF-8 byte 0x%02X; decision records must be saved "
			            "as UTF-8",
			            t->bad_byte);
		return 1;
	}
	/* libyaml, told the text is UTF-8, would read a BOM as text. */
	dr_loader *l = dr_loader_new(buf + t->skip, len - t->skip);
	if (!l)
		return DR_ENOMEM;
	*out = l;
	return 0;
}

void dr_loader_free(dr_loader *l)
{
	if (!l)
		return;
	yaml_parser_delete(&l->parser);
	free(l->scratch);
	free(l);
}

static dr_pos span(yaml_mark_t a, yaml_mark_t b)
{
	return (dr_pos){(uint32_t)a.line + 1, (uint32_t)a.column + 1, (uint32_t)b.line + 1,
	                (uint32_t)b.column + 1};
}

static int push(dr_loader *l, dr_node *n)
{
	if (dr_grow(&l->scratch, &l->capscratch, l->nscratch + 1, sizeof(*l->scratch)))
		return -1;
	l->scratch[l->nscratch++] = n;
	return 0;
}

static int same_key(const dr_node *a, const dr_node *b)
{
	return a->type == DR_SCALAR && b->type == DR_SCALAR && a->u.scalar.len == b->u.scalar.len &&
	       memcmp(a->u.scalar.s, b->u.scalar.s, a->u.scalar.len) == 0;
}

/* The JSON Pointer of `key` in the innermost open mapping, for messages. */
static void key_pointer(const dr_loader *l, const dr_node *key, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (int i = 0; i + 1 < l->depth; i++) {
		const frame *f = &l->frames[i];
		size_t end = l->frames[i + 1].first;
		char idx[24];
		const char *part = idx;
		if (f->node->type == DR_MAP) {
			part = f->key && f->key->type == DR_SCALAR ? f->key->u.scalar.s : "?";
		} else {
			snprintf(idx, sizeof(idx), "%zu", end - f->first);
		}
		n = dr_pointer_add(out, n, cap, part);
	}
	dr_pointer_add(out, n, cap, key->u.scalar.s);
}

/* Adds a finished node to the open collection (or makes it the root). */
static int attach(dr_loader *l, dr_diags *d, dr_node *n, dr_node **root)
{
	if (l->depth == 0) {
		*root = n;
		return 0;
	}
	frame *f = &l->frames[l->depth - 1];
	size_t kids = l->nscratch - f->first;
	if (f->skip_value) {
		f->skip_value = 0; /* the value of a duplicate key: dropped */
		return 0;
	}
	size_t limit = f->node->type == DR_MAP ? DR_MAX_KEYS : DR_MAX_ITEMS;
	if (kids / (f->node->type == DR_MAP ? 2 : 1) >= limit) {
		dr_diag_add(d, DR_RULE_TOO_LARGE, f->node->pos, NULL, NULL,
		            "a %s holds more than %zu entries, the limit for a record",
		            f->node->type == DR_MAP ? "mapping" : "list", limit);
		return -2;
	}
	if (f->node->type == DR_MAP && kids % 2 == 0) {
		/* A key: refuse a second one of the same name. */
		f->key = n;
		for (size_t i = f->first; i < l->nscratch; i += 2) {
			if (same_key(l->scratch[i], n)) {
				char ptr[256];
				key_pointer(l, n, ptr, sizeof(ptr));
				dr_diag_add(d, DR_RULE_DUPLICATE_KEY, n->pos, ptr, NULL,
				            "key '%s' appears twice in this mapping (first on line "
				            "%u); YAML parsers keep only one value silently, so "
				            "remove or rename one",
				            n->u.scalar.s, l->scratch[i]->pos.line);
				f->skip_value = 1;
				return 0;
			}
		}
		return push(l, n);
	}
	return push(l, n);
}

/* Closes the top collection: its children move from scratch to the arena. */
static dr_node *close_frame(dr_loader *l, dr_arena *a, yaml_mark_t end)
{
	frame *f = &l->frames[--l->depth];
	dr_node *n = f->node;
	size_t kids = l->nscratch - f->first;
	/* scratch is NULL until the first push: no arithmetic on it then. */
	dr_node **src = kids ? l->scratch + f->first : NULL;
	n->pos.end_line = (uint32_t)end.line + 1;
	n->pos.end_col = (uint32_t)end.column + 1;
	if (n->type == DR_MAP) {
		size_t np = kids / 2; /* a dangling key cannot happen: libyaml pairs them */
		dr_pair *p = np ? dr_arena_alloc(a, np * sizeof(*p)) : NULL;
		if (np && !p)
			return NULL;
		for (size_t i = 0; i < np; i++) {
			p[i].key = src[2 * i];
			p[i].value = src[2 * i + 1];
		}
		n->u.map.pairs = p;
		n->u.map.n = np;
	} else {
		dr_node **v = kids ? dr_arena_alloc(a, kids * sizeof(*v)) : NULL;
		if (kids && !v)
			return NULL;
		if (kids)
			memcpy(v, src, kids * sizeof(*v));
		n->u.seq.items = v;
		n->u.seq.n = kids;
	}
	l->nscratch = f->first;
	return n;
}

/* Moves the cursor forward to mark m. Plain scalars end in document order,
 * so the cursor crosses the text once in all. */
static void seek(dr_loader *l, yaml_mark_t m)
{
	cursor *c = &l->cur;
	while (c->at < l->len &&
	       (c->line < m.line || (c->line == m.line && c->column < m.column))) {
		unsigned char ch = l->buf[c->at];
		if (ch >= 0x20 && ch < 0x80) { /* the common case: one byte, no break */
			c->at++;
			c->column++;
			continue;
		}
		size_t b = dr_text_break(l->buf, l->len, c->at);
		if (b) {
			c->at += b;
			c->line++;
			c->column = 0;
			continue;
		}
		size_t n = l->buf[c->at] < 0x80 ? 1 : dr_utf8_len(l->buf + c->at, l->len - c->at);
		c->at += n ? n : 1;
		c->column++;
	}
}

/* The comment that follows a plain scalar ending at m on the same line, or
 * NULL (also when out of memory: it is only a hint). libyaml drops
 * comments, so this reads the source: blanks, then `#`. */
static const dr_comment *comment_after(dr_loader *l, dr_arena *a, yaml_mark_t m)
{
	seek(l, m);
	if (l->cur.line != m.line || l->cur.column != m.column)
		return NULL;
	size_t i = l->cur.at, col = m.column;
	while (i < l->len && (l->buf[i] == ' ' || l->buf[i] == '\t'))
		i++, col++;
	if (i == l->cur.at || i == l->len || l->buf[i] != '#')
		return NULL;
	size_t end = i;
	while (end < l->len && !dr_text_break(l->buf, l->len, end))
		end++;
	while (end > i && (l->buf[end - 1] == ' ' || l->buf[end - 1] == '\t'))
		end--;
	dr_comment *c = dr_arena_alloc(a, sizeof(*c));
	if (!c)
		return NULL;
	c->col = (uint32_t)col + 1;
	c->text = dr_arena_strndup(a, (const char *)l->buf + i, end - i);
	return c->text ? c : NULL;
}

static void refuse_anchor(dr_diags *d, dr_pos pos, const unsigned char *anchor,
                          const unsigned char *tag)
{
	if (anchor)
		dr_diag_add(d, DR_RULE_YAML_ALIAS, pos, NULL, NULL,
		            "anchor '&%s' is not allowed; a record must be self-contained text, "
		            "so write the value out",
		            (const char *)anchor);
	if (tag) {
		/* libyaml expands "!!str"; show it as written. */
		const char *t = (const char *)tag, *core = "tag:yaml.org,2002:";
		int short_form = !strncmp(t, core, strlen(core));
		dr_diag_add(
		    d, DR_RULE_YAML_ALIAS, pos, NULL, NULL,
		    "tag '%s%s' is not allowed; the record format gives every field its type",
		    short_form ? "!!" : "", short_form ? t + strlen(core) : t);
	}
}

/* Lines of the source before a syntax error, for its hint: the error's
 * line and up to HINT_LINES lines above it. */
#define HINT_LINES 64
#define HINT_KEY 100 /* bytes of a key quoted in a hint: longer ones are not keys */
typedef struct lines {
	const char *s[HINT_LINES + 1]; /* s[0] is the error's line, s[1] the one above... */
	size_t len[HINT_LINES + 1];
	size_t n;
} lines;

static void lines_to(const dr_loader *l, size_t line, lines *out)
{
	enum { RING = HINT_LINES + 1 };
	size_t starts[RING], no = 0, at = 0; /* line no starts at starts[no % RING] */
	starts[0] = 0;
	while (no < line && at < l->len) {
		size_t b = dr_text_break(l->buf, l->len, at);
		if (!b) {
			at++;
			continue;
		}
		at += b;
		starts[++no % RING] = at;
	}
	out->n = 0;
	if (no < line)
		return;
	for (size_t i = 0; i < RING && i <= no; i++) {
		size_t st = starts[(no - i) % RING], e = st;
		while (e < l->len && !dr_text_break(l->buf, l->len, e))
			e++;
		out->s[out->n] = (const char *)l->buf + st;
		out->len[out->n++] = e - st;
	}
}

/* Where the key (or text) of a line starts: past its indentation and any
 * "- " of list entries, as a 0-based byte offset; len when blank. */
static size_t key_start(const char *s, size_t len, int *tab)
{
	size_t i = 0;
	*tab = 0;
	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			*tab |= s[i++] == '\t';
		if (i + 1 < len && s[i] == '-' && (s[i + 1] == ' ' || s[i + 1] == '\t'))
			i++;
		else
			break;
	}
	return i;
}

/* The offset of the ':' that ends a line's key (a ':' before a blank or
 * the end), or len. */
static size_t key_colon(const char *s, size_t len, size_t from)
{
	for (size_t i = from; i < len; i++)
		if (s[i] == ':' && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t'))
			return i;
	return len;
}

/* The likely fix of a syntax error at line m.line, column m.column, read
 * from the source, into hint[cap] (empty when there is none); `expected`
 * gets the corrected value where there is one. libyaml's messages name the
 * token it tripped on, not the mistake: a tab in the indentation, a ': '
 * in unquoted text, a key out of line with the key above. */
static void syntax_hint(const dr_loader *l, const yaml_parser_t *p, yaml_mark_t m, char *hint,
                        size_t cap, char *expected, size_t ecap)
{
	lines ls;
	int tab;
	hint[0] = expected[0] = '\0';
	lines_to(l, m.line, &ls);
	if (!ls.n)
		return;
	const char *s = ls.s[0];
	size_t len = ls.len[0], k = key_start(s, len, &tab);
	if (tab || (p->problem && strstr(p->problem, "tab"))) {
		snprintf(
		    hint, cap,
		    "YAML indentation must use spaces, not tabs: replace the tab%s of line %zu "
		    "with spaces",
		    tab ? "s at the start" : "", (size_t)m.line + 1);
		return;
	}
	if (!p->problem)
		return;
	/* An unclosed quote: libyaml's context mark is where it opened. */
	if (p->context && strstr(p->context, "quoted scalar")) {
		snprintf(hint, cap, "the quote opened on line %zu, column %zu, is not closed",
		         (size_t)p->context_mark.line + 1, (size_t)p->context_mark.column + 1);
		return;
	}
	if (k == len)
		return;
	int values = !strcmp(p->problem, "mapping values are not allowed in this context");
	size_t colon = key_colon(s, len, k);
	/* The error's column in bytes: libyaml counts characters. */
	size_t at = 0;
	for (size_t c = 0; at < len && c < m.column; c++) {
		at++;
		while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
			at++;
	}
	if (values && colon < at && colon - k <= HINT_KEY && s[k] != '"' && s[k] != '\'') {
		/* "title: Town Centre Strategy: adoption": the value needs quotes. */
		size_t v = colon + 1, e = len, n = 0;
		while (v < len && (s[v] == ' ' || s[v] == '\t'))
			v++;
		for (size_t i = v; i + 1 < len; i++)
			if ((s[i] == ' ' || s[i] == '\t') && s[i + 1] == '#') {
				e = i; /* a comment stays a comment */
				break;
			}
		while (e > v && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		expected[n++] = '"';
		for (size_t i = v; i < e && n + 3 < ecap; i++, v++) {
			if (s[i] == '"' || s[i] == '\\')
				expected[n++] = '\\';
			expected[n++] = s[i];
		}
		expected[n++] = '"';
		expected[n] = '\0';
		if (v < e) {
			/* Too long to show: a cut value would be a wrong fix. */
			expected[0] = '\0';
			snprintf(hint, cap,
			         "a ': ' inside unquoted text starts another key, so put the whole "
			         "value of '%.*s' in double quotes",
			         (int)(colon - k), s + k);
			return;
		}
		snprintf(hint, cap,
		         "a ': ' inside unquoted text starts another key, so quote the value: "
		         "%.*s: %s",
		         (int)(colon - k), s + k, expected);
		return;
	}
	if (!values && !strstr(p->problem, "did not find expected key") &&
	    !strstr(p->problem, "did not find expected '-' indicator"))
		return;
	/* A key out of line: compare it with the nearest line above with text. */
	for (size_t i = 1; i < ls.n; i++) {
		int t;
		size_t pk = key_start(ls.s[i], ls.len[i], &t);
		if (pk == ls.len[i] || ls.s[i][pk] == '#')
			continue;
		size_t pc = key_colon(ls.s[i], ls.len[i], pk), c = key_colon(s, len, k);
		if (values && pk < k && memchr(s + k, ' ', c - k)) {
			/* Words before the ': ' on a deeper line: more text of the value
			 * above, not a key. */
			snprintf(
			    hint, cap,
			    "line %zu goes on with the text of the value above it, and the ': ' "
			    "in it starts another key; quote the whole value, or write it as a "
			    "block ('key: |' with the text indented below)",
			    (size_t)m.line + 1);
			return;
		}
		if (pk == k || pc == ls.len[i] || pc - pk > HINT_KEY || c - k > HINT_KEY)
			return;
		snprintf(
		    hint, cap,
		    "indentation does not line up: '%.*s' starts in column %zu, but '%.*s' on "
		    "line %zu starts in column %zu; keys of one mapping must start in the same "
		    "column",
		    (int)(c - k), s + k, k + 1, (int)(pc - pk), ls.s[i] + pk,
		    (size_t)m.line + 1 - i, pk + 1);
		return;
	}
}

static void syntax_error(dr_loader *l, dr_diags *d)
{
	yaml_parser_t *p = &l->parser;
	char hint[512], expected[256];
	if (p->error == YAML_MEMORY_ERROR) {
		d->failed = 1;
		return;
	}
	yaml_mark_t m = p->problem ? p->problem_mark : p->context_mark;
	dr_pos pos = {(uint32_t)m.line + 1, (uint32_t)m.column + 1, (uint32_t)m.line + 1,
	              (uint32_t)m.column + 2};
	syntax_hint(l, p, m, hint, sizeof(hint), expected, sizeof(expected));
	dr_diag_add(d, DR_RULE_YAML_SYNTAX, pos, NULL, expected[0] ? expected : NULL,
	            "not well-formed YAML: %s%s%s%s%s", p->problem ? p->problem : "error",
	            p->context ? " " : "", p->context ? p->context : "", hint[0] ? "; " : "", hint);
}

int dr_loader_next(dr_loader *l, dr_arena *a, dr_diags *d, dr_node **root, dr_pos *start)
{
	yaml_event_t ev;
	int rc = -1;
	*root = NULL;
	if (l->done)
		return 0;
	l->depth = 0;
	l->nscratch = 0;
	for (;;) {
		if (!yaml_parser_parse(&l->parser, &ev)) {
			syntax_error(l, d);
			break;
		}
		dr_pos pos = span(ev.start_mark, ev.end_mark);
		dr_node *n = NULL;
		int err = 0;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_NO_EVENT:
			break;
		case YAML_STREAM_END_EVENT:
			l->done = 1;
			rc = 0;
			goto out;
		case YAML_DOCUMENT_START_EVENT:
			if (++l->documents > DR_MAX_DOCUMENTS) {
				dr_diag_add(d, DR_RULE_TOO_LARGE, pos, NULL, NULL,
				            "the file holds more than %d records, the limit for "
				            "one file; split it",
				            DR_MAX_DOCUMENTS);
				goto out;
			}
			*start = pos;
			break;
		case YAML_DOCUMENT_END_EVENT:
			rc = 1;
			goto out;
		case YAML_ALIAS_EVENT:
			dr_diag_add(d, DR_RULE_YAML_ALIAS, pos, NULL, NULL,
			            "alias '*%s' is not allowed; a record must be self-contained "
			            "text, so write the value out",
			            (const char *)ev.data.alias.anchor);
			n = dr_arena_alloc(a, sizeof(*n));
			if (!n)
				goto oom;
			*n = (dr_node){.type = DR_SCALAR, .pos = pos, .u.scalar = {"", 0}};
			err = attach(l, d, n, root);
			break;
		case YAML_SCALAR_EVENT:
			refuse_anchor(d, pos, ev.data.scalar.anchor, ev.data.scalar.tag);
			if (ev.data.scalar.length > DR_MAX_SCALAR) {
				dr_diag_add(d, DR_RULE_TOO_LARGE, pos, NULL, NULL,
				            "a value of %zu bytes is longer than the limit of %u",
				            ev.data.scalar.length, DR_MAX_SCALAR);
				goto out;
			}
			n = dr_arena_alloc(a, sizeof(*n));
			if (!n)
				goto oom;
			n->type = DR_SCALAR;
			n->quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
			/* An empty plain scalar is a key's missing value: a comment
			 * after the key cuts nothing. */
			n->comment = !n->quoted && ev.data.scalar.length
			                 ? comment_after(l, a, ev.end_mark)
			                 : NULL;
			n->pos = pos;
			n->u.scalar.len = ev.data.scalar.length;
			n->u.scalar.s = dr_arena_strndup(a, (const char *)ev.data.scalar.value,
			                                 ev.data.scalar.length);
			if (!n->u.scalar.s)
				goto oom;
			/* "\0" or "\u0000" in double quotes (raw NUL bytes are refused
			 * before parsing): every rule would stop reading there. */
			if (ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
			    memchr(n->u.scalar.s, '\0', n->u.scalar.len)) {
				dr_diag_add(
				    d, DR_RULE_ENCODING, pos, NULL, NULL,
				    "this value holds a NUL character (an escape such as \\0); a "
				    "decision record is text, so it must not contain binary data");
				n->u.scalar.len = strlen(n->u.scalar.s);
			}
			err = attach(l, d, n, root);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			int is_map = ev.type == YAML_MAPPING_START_EVENT;
			if (is_map)
				refuse_anchor(d, pos, ev.data.mapping_start.anchor,
				              ev.data.mapping_start.tag);
			else
				refuse_anchor(d, pos, ev.data.sequence_start.anchor,
				              ev.data.sequence_start.tag);
			if (l->depth == DR_MAX_DEPTH) {
				dr_diag_add(d, DR_RULE_TOO_LARGE, pos, NULL, NULL,
				            "collections are nested more than %d deep, the limit "
				            "for a record",
				            DR_MAX_DEPTH);
				goto out;
			}
			n = dr_arena_alloc(a, sizeof(*n));
			if (!n)
				goto oom;
			memset(n, 0, sizeof(*n));
			n->type = is_map ? DR_MAP : DR_SEQ;
			n->pos = pos;
			if (l->depth) {
				/* A collection as a key ("? [a]: b") has no name in a pointer. */
				frame *p = &l->frames[l->depth - 1];
				if (p->node->type == DR_MAP && !p->skip_value &&
				    (l->nscratch - p->first) % 2 == 0)
					p->key = NULL;
			}
			l->frames[l->depth++] = (frame){n, l->nscratch, 0, NULL};
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			n = close_frame(l, a, ev.end_mark);
			if (!n)
				goto oom;
			err = attach(l, d, n, root);
			break;
		}
		yaml_event_delete(&ev);
		if (err == -1)
			goto oom_noev;
		if (err)
			goto done;
		continue;
	out:
		yaml_event_delete(&ev);
		goto done;
	oom:
		yaml_event_delete(&ev);
	oom_noev:
		/* The arena's cap is hostile input; a failed malloc is not. */
		if (dr_arena_full(a))
			dr_diag_add(d, DR_RULE_TOO_LARGE, *start, NULL, NULL,
			            "the record is too large to load (over %u MB of structure)",
			            DR_ARENA_CAP >> 20);
		else
			d->failed = 1;
		break;
	}
done:
	if (rc != 1)
		l->done = 1;
	return rc;
}

int dr_node_is_null(const dr_node *n)
{
	if (!n || n->type != DR_SCALAR || n->quoted)
		return 0;
	const char *s = n->u.scalar.s;
	switch (n->u.scalar.len) {
	case 0:
		return 1;
	case 1:
		return *s == '~';
	case 4:
		return !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
	default:
		return 0;
	}
}

const char *dr_node_str(const dr_node *n)
{
	return n && n->type == DR_SCALAR ? n->u.scalar.s : NULL;
}

const dr_node *dr_node_get(const dr_node *map, const char *key)
{
	if (!map || map->type != DR_MAP)
		return NULL;
	for (size_t i = 0; i < map->u.map.n; i++) {
		const dr_node *k = map->u.map.pairs[i].key;
		if (k->type == DR_SCALAR && !strcmp(k->u.scalar.s, key))
			return map->u.map.pairs[i].value;
	}
	return NULL;
}

const char *dr_load_yaml_version(void)
{
	return yaml_get_version_string();
}
