/* Mustache: a scanner that follows set-delimiter tags, a standalone-line pass
 * over the raw tokens, then a flat node array (a section holds the index past
 * its last child) that the renderer walks with the context stack, the block
 * overrides and the scopes all on the C stack. Nothing is malloc'd per node,
 * per character or per lookup. */
#include "mustache.h"

#include "decrec.h"
#include "grow.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	N_TEXT,
	N_VAR, /* {{name}}: escaped */
	N_RAW, /* {{{name}}}, {{&name}} */
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT, /* {{<name}}: a partial whose blocks its children override */
	N_BLOCK, /* {{$name}} */
	/* Raw tokens only: they leave no node. */
	N_CLOSE,
	N_COMMENT,
	N_DELIM,
};

/* Tags that open a section: their node has children up to `end`. */
#define OPENS(type)                                                                                \
	((type) == N_SECTION || (type) == N_INVERTED || (type) == N_PARENT || (type) == N_BLOCK)

#define F_LINE 1u /* the tag's line was standalone and is removed */
#define F_STANDALONE 2u /* partial, parent, block: `ind` is its indentation */
#define F_BOL 4u /* text: starts at a line start of the source */

/* uint32_t offsets are enough: a template is at most DR_MAX_TEMPLATE bytes. */
typedef struct node {
	uint8_t type, flags;
	uint32_t off, len; /* text: a slice of src; tags: the name, in names */
	uint32_t end; /* section, inverted, parent, block: index past its children */
	uint32_t ind, nind; /* indentation (F_STANDALONE): a slice of src */
	uint32_t pos; /* where the tag or text starts, for messages */
} node;

struct dr_template {
	char *name;
	char *src; /* a copy of the source: text nodes point into it */
	char *names; /* the tags' names, each NUL-terminated */
	node *nodes;
	size_t n;
};

/* ---- messages ------------------------------------------------------------ */

/* The 1-based line and column (in code points) of src[off]. Only errors need
 * it, so it rescans instead of tracking positions while scanning. */
static void line_col(const char *src, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (src[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)src[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Sets *err to "NAME:LINE:COL: message" (malloc'd) and returns DR_EINVAL, or
 * DR_ENOMEM when even the message cannot be made. */
static int verror(char **err, const char *name, const char *src, size_t off, const char *fmt,
                  va_list ap)
{
	if (!err)
		return DR_EINVAL;
	unsigned line, col;
	line_col(src, off, &line, &col);
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	int n = snprintf(NULL, 0, "%s:%u:%u: %s", name, line, col, msg);
	char *s = n < 0 ? NULL : malloc((size_t)n + 1);
	if (!s)
		return DR_ENOMEM;
	snprintf(s, (size_t)n + 1, "%s:%u:%u: %s", name, line, col, msg);
	*err = s;
	return DR_EINVAL;
}

/* A name cut to fit a message, at a character boundary: "%.*s" with it. */
static int cut(const char *s, size_t n)
{
	if (n <= 64)
		return (int)n;
	n = 64;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* ---- compiling ------------------------------------------------------------ */

typedef struct tok {
	uint8_t type, flags;
	uint32_t start, end; /* text, or the whole tag */
	uint32_t name, nname; /* tags: the name, in src */
	uint32_t match; /* an opening tag's closing tag, and back */
	uint32_t ls, le; /* F_LINE: the line removed, from its start past its break */
	uint32_t ind, nind;
} tok;

typedef struct compiler {
	const char *name, *src;
	size_t len;
	tok *t;
	size_t n, cap;
	uint32_t open[DR_MAX_NESTING]; /* open sections, as token indices */
	int depth;
	char **err;
} compiler;

static int cfail(compiler *c, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int cfail(compiler *c, size_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = verror(c->err, c->name, c->src, off, fmt, ap);
	va_end(ap);
	return rc;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

#define NONE ((size_t)-1)

/* The first pat[0..n) in s[from..len) that is preceded by `pre` (when not 0)
 * inside s[from..), or NONE. */
static size_t find(const char *s, size_t len, size_t from, const char *pat, size_t n, char pre)
{
	size_t start = from;
	while (from + n <= len) {
		const char *p = memchr(s + from, pat[0], len - from - n + 1);
		if (!p)
			return NONE;
		size_t at = (size_t)(p - s);
		if (!memcmp(p, pat, n) && (!pre || (at > start && s[at - 1] == pre)))
			return at;
		from = at + 1;
	}
	return NONE;
}

static tok *add_tok(compiler *c, int type, size_t start, size_t end)
{
	if (dr_grow(&c->t, &c->cap, c->n + 1, sizeof(*c->t)))
		return NULL;
	tok *t = &c->t[c->n++];
	memset(t, 0, sizeof(*t));
	t->type = (uint8_t)type;
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	return t;
}

/* Checks a tag's name: not empty, no whitespace or control characters, and
 * for data names either "." or dot-separated parts that are not empty. */
static int check_name(compiler *c, size_t at, const char *s, size_t n, int dotted)
{
	if (!n)
		return cfail(c, at, "empty tag: a tag needs a name");
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch <= ' ' || ch == 0x7F)
			return cfail(c, at,
			             "tag name contains whitespace or a control character; a name "
			             "is one word");
	}
	if (!dotted || (n == 1 && s[0] == '.'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '.' && (i == 0 || i + 1 == n || s[i + 1] == '.'))
			return cfail(c, at,
			             "bad name '%.*s': a dotted name needs a name on each side of "
			             "every dot",
			             cut(s, n), s);
	return 0;
}

/* Reads the new delimiters of {{=open close=}} from s[0..n). */
static int parse_delims(const char *s, size_t n, size_t *o, size_t *olen, size_t *cl, size_t *clen)
{
	size_t i = 0;
	while (i < n && is_space(s[i]))
		i++;
	*o = i;
	while (i < n && !is_space(s[i]) && s[i] != '=')
		i++;
	*olen = i - *o;
	size_t gap = i;
	while (i < n && is_space(s[i]))
		i++;
	if (i == gap)
		return -1;
	*cl = i;
	while (i < n && !is_space(s[i]) && s[i] != '=')
		i++;
	*clen = i - *cl;
	while (i < n && is_space(s[i]))
		i++;
	return *olen && *clen && i == n ? 0 : -1;
}

/* Splits the source into text and tags, following set-delimiter tags, and
 * pairs every section with its closing tag. */
static int scan(compiler *c)
{
	const char *s = c->src;
	size_t len = c->len, pos = 0;
	const char *otag = "{{", *ctag = "}}";
	size_t olen = 2, clen = 2;
	while (pos < len) {
		size_t at = find(s, len, pos, otag, olen, 0);
		if (at == NONE)
			at = len;
		if (at > pos && !add_tok(c, N_TEXT, pos, at))
			return DR_ENOMEM;
		if (at == len)
			break;
		size_t p = at + olen, q, a, b; /* the name is s[a..b) */
		char sigil = p < len ? s[p] : '\0';
		int type;
		if (sigil == '{' || sigil == '=') {
			q = find(s, len, p + 1, ctag, clen, sigil == '{' ? '}' : '=');
			if (q == NONE)
				return cfail(c, at, "unclosed tag: no '%s%.*s' after this '%.*s%c'",
				             sigil == '{' ? "}" : "=", cut(ctag, clen), ctag,
				             cut(otag, olen), otag, sigil);
			a = p + 1;
			b = q - 1;
			type = sigil == '{' ? N_RAW : N_DELIM;
		} else {
			static const char sigils[] = "&#^/!><$";
			static const int types[] = {N_RAW,     N_SECTION, N_INVERTED, N_CLOSE,
			                            N_COMMENT, N_PARTIAL, N_PARENT,   N_BLOCK};
			const char *k = sigil ? strchr(sigils, sigil) : NULL;
			type = k ? types[k - sigils] : N_VAR;
			a = k ? p + 1 : p;
			/* From after the sigil: with delimiters << >>, "<<>>>" is an
			 * empty partial, not a tag closed by its own sigil. */
			q = find(s, len, a, ctag, clen, 0);
			if (q == NONE)
				return cfail(c, at, "unclosed tag: no '%.*s' after this '%.*s'",
				             cut(ctag, clen), ctag, cut(otag, olen), otag);
			b = q;
		}
		while (a < b && is_space(s[a]))
			a++;
		while (b > a && is_space(s[b - 1]))
			b--;
		size_t end = q + clen;
		if (type == N_DELIM) {
			size_t o, ol, cl, cll;
			if (parse_delims(s + a, b - a, &o, &ol, &cl, &cll))
				return cfail(
				    c, at,
				    "bad set-delimiter tag: expected two delimiters without "
				    "whitespace or '=', as in {{=<%% %%>=}}");
			otag = s + a + o;
			olen = ol;
			ctag = s + a + cl;
			clen = cll;
		} else if (type != N_COMMENT) {
			int dotted = type == N_VAR || type == N_RAW || type == N_SECTION ||
			             type == N_INVERTED;
			int rc = check_name(c, at, s + a, b - a, dotted);
			if (rc)
				return rc;
		}
		tok *t = add_tok(c, type, at, end);
		if (!t)
			return DR_ENOMEM;
		t->name = (uint32_t)a;
		t->nname = (uint32_t)(b - a);
		uint32_t me = (uint32_t)(c->n - 1);
		if (OPENS(type)) {
			if (c->depth == DR_MAX_NESTING)
				return cfail(c, at,
				             "sections nested more than %d deep, the limit for a "
				             "template",
				             DR_MAX_NESTING);
			c->open[c->depth++] = me;
		} else if (type == N_CLOSE) {
			if (!c->depth)
				return cfail(c, at,
				             "closing tag '%.*s' has no open section to close",
				             cut(s + a, b - a), s + a);
			tok *o = &c->t[c->open[c->depth - 1]];
			if (o->nname != b - a || memcmp(s + o->name, s + a, b - a)) {
				unsigned l, col;
				line_col(s, o->start, &l, &col);
				return cfail(c, at,
				             "closing tag '%.*s' does not match the open section "
				             "'%.*s' opened at %u:%u",
				             cut(s + a, b - a), s + a, cut(s + o->name, o->nname),
				             s + o->name, l, col);
			}
			o->match = me;
			c->t[me].match = c->open[--c->depth];
		}
		pos = end;
	}
	if (c->depth) {
		const tok *o = &c->t[c->open[c->depth - 1]];
		unsigned l, col;
		line_col(s, o->start, &l, &col);
		return cfail(c, len,
		             "unclosed section '%.*s' opened at %u:%u: expected %.*s/%.*s%.*s",
		             cut(s + o->name, o->nname), s + o->name, l, col, cut(otag, olen), otag,
		             cut(s + o->name, o->nname), s + o->name, cut(ctag, clen), ctag);
	}
	return 0;
}

/* The start of the line of src[off] if only spaces and tabs precede it. */
static size_t ws_before(const char *s, size_t off)
{
	while (off > 0 && (s[off - 1] == ' ' || s[off - 1] == '\t'))
		off--;
	return off == 0 || s[off - 1] == '\n' ? off : NONE;
}

/* Past the line break after src[off..) if only spaces and tabs come first (or
 * the end of the source). */
static size_t ws_after(const char *s, size_t len, size_t off)
{
	while (off < len && (s[off] == ' ' || s[off] == '\t'))
		off++;
	if (off == len)
		return len;
	if (s[off] == '\n')
		return off + 1;
	if (s[off] == '\r' && off + 1 < len && s[off + 1] == '\n')
		return off + 2;
	return NONE;
}

/* Removes the line of tokens i..j: the indentation before i and the rest of
 * the line after j, line break included, go from the neighbouring text. */
static void remove_line(compiler *c, size_t i, size_t j, size_t ls, size_t le)
{
	for (size_t k = i; k <= j; k++) {
		c->t[k].flags |= F_LINE;
		c->t[k].ls = (uint32_t)ls;
		c->t[k].le = (uint32_t)le;
	}
	c->t[i].ind = (uint32_t)ls;
	c->t[i].nind = (uint32_t)(c->t[i].start - ls);
	if (i > 0 && c->t[i - 1].type == N_TEXT)
		c->t[i - 1].end = (uint32_t)ls;
	if (j + 1 < c->n && c->t[j + 1].type == N_TEXT)
		c->t[j + 1].start = (uint32_t)le;
}

/* The indentation common to the lines of s[a..b) that are not blank, or
 * NONE when every line is blank. */
static size_t common_indent(const char *s, size_t a, size_t b, size_t *from)
{
	size_t best = NONE;
	while (a < b) {
		size_t w = a;
		while (w < b && (s[w] == ' ' || s[w] == '\t'))
			w++;
		const char *nl = memchr(s + w, '\n', b - w);
		size_t eol = nl ? (size_t)(nl - s) : b;
		int blank = w == eol || (w + 1 == eol && s[w] == '\r');
		if (!blank) {
			size_t n = w - a;
			if (best == NONE) {
				*from = a;
				best = n;
			} else {
				size_t k = 0;
				while (k < n && k < best && s[a + k] == s[*from + k])
					k++;
				best = k;
			}
		}
		a = nl ? eol + 1 : b;
	}
	return best;
}

/* Standalone lines: a line that holds only whitespace and one tag that
 * renders nothing inline (a section, inverted section or closing tag, a
 * comment, set-delimiter, partial, parent or block tag) is removed whole.
 * ~inheritance adds pairs of tags: a parent with its own closing tag or with
 * its first block, and a block's closing tag with the parent's closing tag.
 * A block opened and closed on a line of its own keeps its line break, and
 * its indentation moves to every line of the block's content. */
static void standalone(compiler *c)
{
	const char *s = c->src;
	for (size_t i = 0; i < c->n; i++) {
		tok *t = &c->t[i];
		if (t->type == N_TEXT || t->type == N_VAR || t->type == N_RAW)
			continue;
		size_t ls = ws_before(s, t->start);
		if (ls == NONE)
			continue;
		size_t le = ws_after(s, c->len, t->end);
		if (le != NONE) {
			remove_line(c, i, i, ls, le);
			continue;
		}
		if (i + 1 == c->n || c->t[i + 1].start != t->end)
			continue;
		tok *u = &c->t[i + 1];
		le = ws_after(s, c->len, u->end);
		if (le == NONE)
			continue;
		int pair = (t->type == N_PARENT && (t->match == i + 1 || u->type == N_BLOCK)) ||
		           (t->type == N_CLOSE && c->t[t->match].type == N_BLOCK &&
		            u->type == N_CLOSE && c->t[u->match].type == N_PARENT);
		if (pair) {
			remove_line(c, i, i + 1, ls, le);
			i++;
		} else if (t->type == N_BLOCK && t->match == i + 1) {
			t->flags |= F_STANDALONE;
			t->ind = (uint32_t)ls;
			t->nind = (uint32_t)(t->start - ls);
			if (i > 0 && c->t[i - 1].type == N_TEXT)
				c->t[i - 1].end = (uint32_t)ls;
			i++;
		}
	}
	/* Indentation: a standalone partial or parent is indented as its tag;
	 * a standalone block's content by what its lines have in common. */
	for (size_t i = 0; i < c->n; i++) {
		tok *t = &c->t[i];
		if (!(t->flags & F_LINE))
			continue;
		if (t->type == N_PARTIAL || t->type == N_PARENT) {
			t->flags |= F_STANDALONE;
		} else if (t->type == N_BLOCK) {
			const tok *cl = &c->t[t->match];
			size_t from, n = common_indent(
			                 s, t->le, cl->flags & F_LINE ? cl->ls : cl->start, &from);
			if (n != NONE) {
				t->ind = (uint32_t)from;
				t->nind = (uint32_t)n;
			}
			t->flags |= F_STANDALONE;
		}
	}
}

/* Turns the tokens into nodes: comments, set-delimiter tags, closing tags
 * and empty text leave none; names are copied NUL-terminated. */
static int build(compiler *c, dr_template *t)
{
	t->nodes = malloc((c->n ? c->n : 1) * sizeof(*t->nodes));
	t->names = malloc(c->len + 1);
	if (!t->nodes || !t->names)
		return DR_ENOMEM;
	uint32_t open[DR_MAX_NESTING];
	int depth = 0;
	size_t nn = 0, names = 0;
	for (size_t i = 0; i < c->n; i++) {
		const tok *k = &c->t[i];
		if (k->type == N_COMMENT || k->type == N_DELIM ||
		    (k->type == N_TEXT && k->start >= k->end))
			continue;
		if (k->type == N_CLOSE) {
			t->nodes[open[--depth]].end = (uint32_t)nn;
			continue;
		}
		node *nd = &t->nodes[nn];
		memset(nd, 0, sizeof(*nd));
		nd->type = k->type;
		nd->pos = k->start;
		if (k->type == N_TEXT) {
			nd->off = k->start;
			nd->len = k->end - k->start;
			if (k->start == 0 || c->src[k->start - 1] == '\n')
				nd->flags |= F_BOL;
		} else {
			/* Each name fits its tag, delimiters excluded: names <= len. */
			nd->off = (uint32_t)names;
			nd->len = k->nname;
			memcpy(t->names + names, c->src + k->name, k->nname);
			names += k->nname;
			t->names[names++] = '\0';
			nd->flags = k->flags & F_STANDALONE;
			nd->ind = k->ind;
			nd->nind = k->nind;
		}
		if (OPENS(k->type))
			open[depth++] = (uint32_t)nn;
		nn++;
	}
	assert(depth == 0);
	t->n = nn;
	return 0;
}

int dr_template_compile(dr_template **out, const char *name, const char *src, size_t len,
                        char **err)
{
	assert(out && (src || !len));
	compiler c = {.name = name ? name : "template", .src = src, .len = len, .err = err};
	if (len > DR_MAX_TEMPLATE)
		return cfail(&c, 0, "the template is %zu bytes, over the limit of %u", len,
		             DR_MAX_TEMPLATE);
	dr_template *t = calloc(1, sizeof(*t));
	int rc = DR_ENOMEM;
	if (!t)
		goto out;
	rc = scan(&c);
	if (rc)
		goto out;
	standalone(&c);
	rc = DR_ENOMEM;
	size_t nlen = strlen(c.name);
	t->name = malloc(nlen + 1);
	t->src = malloc(len + 1);
	if (!t->name || !t->src)
		goto out;
	memcpy(t->name, c.name, nlen + 1);
	if (len)
		memcpy(t->src, src, len);
	t->src[len] = '\0';
	rc = build(&c, t);
	if (rc)
		goto out;
	*out = t;
	t = NULL;
out:
	free(c.t);
	dr_template_free(t);
	return rc;
}

void dr_template_free(dr_template *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->src);
	free(t->names);
	free(t->nodes);
	free(t);
}

const char *dr_template_name(const dr_template *t)
{
	return t->name;
}

/* ---- rendering ------------------------------------------------------------ */

/* One frame of the context stack. */
typedef struct frame {
	const dr_value *v;
	const struct frame *up;
} frame;

/* The blocks a parent tag passes down: its children in template t. */
typedef struct overrides {
	const dr_template *t;
	uint32_t first, end;
	const struct overrides *outer;
} overrides;

/* Where rendering is: the template, what to strip from the start of its
 * source lines and add to the start of output lines (indentation), the
 * visible block overrides, and how deep partials are. */
typedef struct scope {
	const dr_template *t;
	const char *strip;
	size_t nstrip;
	size_t add, nadd; /* a slice of render.indent */
	const overrides *ovr;
	int depth;
} scope;

typedef struct cached {
	const char *name;
	dr_template *t; /* NULL: no such partial */
} cached;

typedef struct render {
	dr_buf *out;
	dr_escape_fn escape;
	dr_partial_fn partials;
	void *pctx;
	cached *cache;
	size_t ncache, capcache;
	/* The indentation of the scopes, innermost last: a scope's own is a
	 * prefix of its children's. */
	dr_buf indent;
	int pending; /* the output is at a line start: indent what comes next */
	unsigned long steps; /* tags rendered so far, against DR_MAX_RENDER_STEPS */
	char **err;
} render;

static int rfail(render *r, const dr_template *t, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int rfail(render *r, const dr_template *t, size_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = verror(r->err, t->name, t->src, pos, fmt, ap);
	va_end(ap);
	return rc;
}

/* Called when a write failed: past out->max, or out of memory. */
static int full(render *r, const dr_template *t, size_t pos, size_t need)
{
	if (r->out->oom || (need != NONE && r->out->len + need <= r->out->max))
		return DR_ENOMEM;
	return rfail(r, t, pos, "the output is over its limit of %zu bytes", r->out->max);
}

static int put_indent(render *r, const scope *s, size_t pos)
{
	r->pending = 0;
	if (s->nadd && dr_buf_add(r->out, r->indent.p + s->add, s->nadd))
		return full(r, s->t, pos, s->nadd);
	return 0;
}

/* Writes template text, line by line: strips the scope's `strip` from each
 * source line start and indents each output line that is not empty. */
static int put_text(render *r, const scope *s, const node *nd)
{
	const char *p = s->t->src + nd->off;
	size_t n = nd->len;
	int bol = nd->flags & F_BOL;
	while (n) {
		if (bol && s->nstrip) {
			size_t k = 0;
			while (k < s->nstrip && k < n && p[k] == s->strip[k])
				k++;
			p += k;
			n -= k;
			if (!n)
				break;
		}
		const char *nl = memchr(p, '\n', n);
		size_t m = nl ? (size_t)(nl - p) + 1 : n;
		int empty = p[0] == '\n' || (m == 2 && p[0] == '\r' && p[1] == '\n');
		if (r->pending && !empty) {
			int rc = put_indent(r, s, nd->pos);
			if (rc)
				return rc;
		}
		if (dr_buf_add(r->out, p, m))
			return full(r, s->t, nd->pos, m);
		r->pending = bol = nl != NULL;
		p += m;
		n -= m;
	}
	return 0;
}

/* The value of a name: "." is the top of the context stack; for "a.b.c",
 * the first frame that has "a" gives it, and b and c are looked up inside
 * it only (a broken chain is NULL, never a lookup further out). */
static const dr_value *lookup(const frame *f, const char *name)
{
	if (name[0] == '.' && name[1] == '\0')
		return f->v;
	size_t n = strcspn(name, ".");
	const dr_value *v = NULL;
	for (; f && !v; f = f->up)
		v = dr_value_get(f->v, name, n);
	while (v && name[n] == '.') {
		name += n + 1;
		n = strcspn(name, ".");
		v = dr_value_get(v, name, n);
	}
	return v;
}

static int put_value(render *r, const scope *s, const node *nd, const dr_value *v)
{
	const char *p;
	size_t n;
	if (!v)
		return 0;
	if (v->type == DR_V_STR) {
		p = v->u.str.s;
		n = v->u.str.len;
	} else if (v->type == DR_V_BOOL) {
		p = v->u.b ? "true" : "false";
		n = strlen(p);
	} else {
		return 0;
	}
	if (!n)
		return 0;
	if (r->pending) {
		int rc = put_indent(r, s, nd->pos);
		if (rc)
			return rc;
	}
	int failed =
	    nd->type == N_VAR && r->escape ? r->escape(r->out, p, n) : dr_buf_add(r->out, p, n);
	return failed ? full(r, s->t, nd->pos, nd->type == N_VAR && r->escape ? NONE : n) : 0;
}

static int render_range(render *r, const scope *s, const frame *f, size_t from, size_t to);

/* Appends to the indentation the part of `ind` (source indentation of the
 * current template) that the scope does not strip; returns the new slice. */
static int push_indent(render *r, const scope *s, const node *nd, size_t *add, size_t *nadd)
{
	const char *ind = s->t->src + nd->ind;
	size_t n = nd->nind, k = 0;
	while (k < n && k < s->nstrip && ind[k] == s->strip[k])
		k++;
	if (dr_buf_add(&r->indent, ind + k, n - k))
		return DR_ENOMEM;
	*add = s->add;
	*nadd = r->indent.len - s->add;
	return 0;
}

/* The compiled partial `name`, from the render's cache or compiled now;
 * *p is NULL when there is no such partial. */
static int get_partial(render *r, const scope *s, const node *nd, const dr_template **p)
{
	const char *name = s->t->names + nd->off;
	for (size_t i = 0; i < r->ncache; i++)
		if (!strcmp(r->cache[i].name, name)) {
			*p = r->cache[i].t;
			return 0;
		}
	if (dr_grow(&r->cache, &r->capcache, r->ncache + 1, sizeof(*r->cache)))
		return DR_ENOMEM;
	const char *src;
	size_t len;
	dr_template *t = NULL;
	if (r->partials && r->partials(r->pctx, name, &src, &len) == 0) {
		char *perr = NULL;
		int rc = dr_template_compile(&t, name, src, len, r->err ? &perr : NULL);
		if (rc == DR_EINVAL && perr) {
			/* The partial's own message, and where it was included from. */
			unsigned l, c;
			line_col(s->t->src, nd->pos, &l, &c);
			dr_buf b;
			dr_buf_init(&b, strlen(perr) + strlen(s->t->name) + 64);
			if (dr_buf_printf(&b, "%s (included from %s:%u:%u)", perr, s->t->name, l,
			                  c))
				rc = DR_ENOMEM;
			else
				*r->err = dr_buf_take(&b, NULL);
			dr_buf_free(&b);
			free(perr);
		}
		if (rc)
			return rc;
	}
	r->cache[r->ncache++] = (cached){name, t};
	*p = t;
	return 0;
}

/* Renders a partial, or a parent with its overrides `o`, in a new scope: a
 * standalone one indented as its tag, any other at no indentation. */
static int include(render *r, const scope *s, const frame *f, const node *nd, const overrides *o)
{
	const char *name = s->t->names + nd->off;
	if (s->depth >= DR_MAX_PARTIAL_DEPTH)
		return rfail(r, s->t, nd->pos,
		             "partials nested more than %d deep at '%.*s'; a partial that "
		             "includes itself needs data that ends the recursion",
		             DR_MAX_PARTIAL_DEPTH, cut(name, strlen(name)), name);
	const dr_template *p;
	int rc = get_partial(r, s, nd, &p);
	if (rc || !p)
		return rc;
	scope in = {.t = p, .ovr = o ? o : s->ovr, .depth = s->depth + 1};
	size_t mark = r->indent.len;
	if (nd->flags & F_STANDALONE) {
		rc = push_indent(r, s, nd, &in.add, &in.nadd);
		if (rc)
			return rc;
	} else {
		/* The line's indentation belongs to this template, not the partial. */
		if (r->pending && (rc = put_indent(r, s, nd->pos)))
			return rc;
		in.add = r->indent.len;
	}
	rc = render_range(r, &in, f, 0, p->n);
	r->indent.len = mark;
	return rc;
}

/* A block: the outermost override of its name (top-level substitutions take
 * precedence), rendered with the overrides outside it only, so that a block
 * cannot expand itself; or else its own content. Override content loses the
 * indentation it had where it was written and takes the block's. */
static int block(render *r, const scope *s, const frame *f, size_t i)
{
	const node *nd = &s->t->nodes[i];
	const char *name = s->t->names + nd->off;
	const overrides *found = NULL;
	size_t at = 0;
	for (const overrides *o = s->ovr; o; o = o->outer) {
		const node *v = o->t->nodes;
		for (size_t j = o->first; j < o->end; j = OPENS(v[j].type) ? v[j].end : j + 1)
			if (v[j].type == N_BLOCK && !strcmp(o->t->names + v[j].off, name)) {
				found = o;
				at = j;
				break;
			}
	}
	if (!found)
		return render_range(r, s, f, i + 1, nd->end);
	const node *b = &found->t->nodes[at];
	scope in = *s;
	in.t = found->t;
	in.ovr = found->outer;
	in.strip = b->flags & F_STANDALONE ? found->t->src + b->ind : NULL;
	in.nstrip = b->flags & F_STANDALONE ? b->nind : 0;
	size_t mark = r->indent.len;
	if (nd->flags & F_STANDALONE) {
		int rc = push_indent(r, s, nd, &in.add, &in.nadd);
		if (rc)
			return rc;
	}
	int rc = render_range(r, &in, f, at + 1, b->end);
	r->indent.len = mark;
	return rc;
}

static int render_range(render *r, const scope *s, const frame *f, size_t from, size_t to)
{
	const node *nodes = s->t->nodes;
	const char *names = s->t->names;
	int rc = 0;
	for (size_t i = from; i < to && !rc;) {
		const node *nd = &nodes[i];
		const dr_value *v;
		/* Sections nested over lists multiply: a few lines of template can
		 * ask for years of work while writing nothing. */
		if (++r->steps > DR_MAX_RENDER_STEPS)
			return rfail(r, s->t, nd->pos,
			             "the template does more than %lu steps of work; are sections "
			             "over lists nested too deep?",
			             (unsigned long)DR_MAX_RENDER_STEPS);
		switch (nd->type) {
		case N_TEXT:
			rc = put_text(r, s, nd);
			i++;
			break;
		case N_VAR:
		case N_RAW:
			rc = put_value(r, s, nd, lookup(f, names + nd->off));
			i++;
			break;
		case N_SECTION:
			v = lookup(f, names + nd->off);
			if (!dr_value_truthy(v)) {
			} else if (v->type == DR_V_LIST) {
				for (size_t k = 0; k < v->u.list.n && !rc; k++) {
					frame in = {v->u.list.items[k], f};
					rc = render_range(r, s, &in, i + 1, nd->end);
				}
			} else {
				frame in = {v, f};
				rc = render_range(r, s, &in, i + 1, nd->end);
			}
			i = nd->end;
			break;
		case N_INVERTED:
			if (!dr_value_truthy(lookup(f, names + nd->off)))
				rc = render_range(r, s, f, i + 1, nd->end);
			i = nd->end;
			break;
		case N_PARTIAL:
			rc = include(r, s, f, nd, NULL);
			i++;
			break;
		case N_PARENT: {
			overrides o = {s->t, (uint32_t)i + 1, nd->end, s->ovr};
			rc = include(r, s, f, nd, &o);
			i = nd->end;
			break;
		}
		case N_BLOCK:
			rc = block(r, s, f, i);
			i = nd->end;
			break;
		default:
			assert(!"unknown node");
			i++;
		}
	}
	return rc;
}

int dr_template_render(const dr_template *t, const dr_value *data, dr_partial_fn partials,
                       void *pctx, dr_escape_fn escape, dr_buf *out, char **err)
{
	assert(t && out);
	render r = {.out = out,
	            .escape = escape,
	            .partials = partials,
	            .pctx = pctx,
	            .pending = 1,
	            .err = err};
	/* Indentation beyond this is a runaway, not a document. */
	dr_buf_init(&r.indent, 64u << 20);
	scope s = {.t = t};
	frame root = {data, NULL};
	int rc = render_range(&r, &s, &root, 0, t->n);
	for (size_t i = 0; i < r.ncache; i++)
		dr_template_free(r.cache[i].t);
	free(r.cache);
	dr_buf_free(&r.indent);
	return rc;
}
