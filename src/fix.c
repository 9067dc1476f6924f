/* decrec fix's repairs: a file is checked as validate checks it, and each
 * finding whose right value can be computed (a wrong or missing effective
 * date, a quoted yes/no, a value cut by a comment) becomes an edit of the
 * bytes under its node, so every other byte of the file stays as it was. */
#include "buf.h"
#include "checker.h"
#include "date.h"
#include "grow.h"
#include "load.h"
#include "record.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dr_fix {
	const dr_config *cfg;
	const char *buf; /* the caller's text, while dr_fix_buffer runs */
	size_t len;
	dr_text text; /* line starts, counted as libyaml counts them */
	dr_arena *a; /* the edits' strings */
	dr_fix_edit *edits;
	size_t n, cap;
	dr_diag *left; /* findings of the repaired rules that got no edit */
	size_t nleft, capleft;
	dr_file *file; /* the check's findings: the problem, file-name */
	const dr_diag *problem, *rename;
	char *out; /* the fixed text */
	size_t outlen;
	int failed; /* out of memory in the hook */
};

/* The byte offset of 1-based line `line`, column `col` (in characters, as
 * libyaml's marks count them) into *off; -1 when it is not in the text. */
static int offset_of(dr_fix *f, uint32_t line, uint32_t col, size_t *off)
{
	size_t len, i = 0;
	const char *s = dr_text_line(&f->text, line, &len);
	if (!s || col < 1)
		return -1;
	for (uint32_t c = 1; c < col; c++) {
		if (i >= len)
			return -1;
		size_t k = (unsigned char)s[i] < 0x80
		               ? 1
		               : dr_utf8_len((const unsigned char *)s + i, len - i);
		i += k ? k : 1;
	}
	*off = (size_t)(s - f->buf) + i;
	return 0;
}

/* The bytes of node n in the text: [*from, *to). */
static int span_of(dr_fix *f, const dr_node *n, size_t *from, size_t *to)
{
	if (offset_of(f, n->pos.line, n->pos.col, from) ||
	    offset_of(f, n->pos.end_line, n->pos.end_col, to) || *to < *from)
		return -1;
	/* A node's span starts at its tag or anchor (`!!str 2024-07-30`,
	 * `&d "Yes"`): those are kept, only the value is the node's text. */
	while (*from < *to && (f->buf[*from] == '!' || f->buf[*from] == '&')) {
		while (*from < *to && !strchr(" \t\r\n", f->buf[*from]))
			(*from)++;
		while (*from < *to && strchr(" \t\r\n", f->buf[*from]))
			(*from)++;
	}
	return 0;
}

/* "documents[0].title" for the JSON Pointer "/documents/0/title". */
static const char *field_name(const char *ptr, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = '\0';
	for (const char *p = ptr; *p == '/' && n + 1 < cap;) {
		int k = (int)strcspn(p + 1, "/");
		int w = k && strspn(p + 1, "0123456789") >= (size_t)k
		            ? snprintf(buf + n, cap - n, "[%.*s]", k, p + 1)
		            : snprintf(buf + n, cap - n, "%s%.*s", n ? "." : "", k, p + 1);
		if (w < 0)
			break;
		n += (size_t)w;
		p += k + 1;
	}
	return buf;
}

/* The node at JSON Pointer `ptr` under root (keys unescaped as RFC 6901
 * says), or NULL. */
static const dr_node *at_pointer(const dr_node *root, const char *ptr)
{
	char part[256];
	const dr_node *n = root;
	while (n && *ptr == '/') {
		size_t k = 0;
		for (ptr++; *ptr && *ptr != '/' && k + 1 < sizeof(part); ptr++) {
			char ch = *ptr;
			if (ch == '~' && (ptr[1] == '0' || ptr[1] == '1'))
				ch = *++ptr == '0' ? '~' : '/';
			part[k++] = ch;
		}
		part[k] = '\0';
		if (n->type == DR_MAP) {
			n = dr_node_get(n, part);
		} else if (n->type == DR_SEQ) {
			char *end;
			unsigned long i = strtoul(part, &end, 10);
			n = *part && !*end && i < n->u.seq.n ? n->u.seq.items[i] : NULL;
		} else {
			n = NULL;
		}
	}
	return n;
}

/* Adds the edit: text[0..tlen) replaces the bytes [from, to), reported at
 * line:col with the message made from fmt. */
static void add_edit(dr_fix *f, size_t from, size_t to, const char *text, size_t tlen, int rule,
                     uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));
static void add_edit(dr_fix *f, size_t from, size_t to, const char *text, size_t tlen, int rule,
                     uint32_t line, uint32_t col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	dr_one_line(msg);
	if (dr_grow(&f->edits, &f->cap, f->n + 1, sizeof(*f->edits))) {
		f->failed = 1;
		return;
	}
	dr_fix_edit *e = &f->edits[f->n];
	*e = (dr_fix_edit){.offset = from,
	                   .length = to - from,
	                   .text = dr_arena_strndup(f->a, text, tlen),
	                   .text_len = tlen,
	                   .line = line,
	                   .column = col,
	                   .rule = rule,
	                   .message = dr_arena_strndup(f->a, msg, strlen(msg))};
	if (!e->text || !e->message) {
		f->failed = 1;
		return;
	}
	f->n++;
}

/* The date `day` as the record writes its dates: DD/MM/YYYY when `like`
 * (the date replaced, or the one it is computed from) is written so, else
 * YYYY-MM-DD. */
static const char *date_like(char *buf, int32_t day, const dr_node *like)
{
	const char *s = dr_node_str(like);
	return s && strchr(s, '/') ? dr_date_short(buf, day) : dr_date_iso(buf, day);
}

/* The effective date the call-in period gives the record, into *day; -1
 * when it has none (not subject to call-in, no publication date, or a year
 * without holiday data, which calendar-coverage reports). */
static int effective(const dr_fix *f, const dr_record *r, int32_t *day)
{
	int32_t pub = r->date[F_DATES_PUBLISHED], deadline;
	int year;
	if (r->flag[F_SUBJECT_TO_CALL_IN] != 1 || pub == DR_NO_DATE)
		return -1;
	return dr_date_call_in(&deadline, day, f->cfg, pub, &year) ? -1 : 0;
}

/* Replaces the effective date as written (plain or quoted: the quotes
 * stay) with `day`, in the form it is written in. */
static void replace_date(dr_fix *f, const dr_record *r, int32_t day, int rule)
{
	const dr_node *v = r->raw[F_DATES_EFFECTIVE], *like = r->raw[F_DATES_PUBLISHED];
	size_t from, to;
	char date[24];
	if (!v || v->type != DR_SCALAR || span_of(f, v, &from, &to) || to == from)
		return;
	const char *s = f->buf + from;
	size_t in = 0;
	if (v->quoted) {
		/* Only a quoted date written as it reads is rewritten in place. */
		if ((*s != '"' && *s != '\'') || to - from != v->u.scalar.len + 2 ||
		    memcmp(s + 1, v->u.scalar.s, v->u.scalar.len))
			return;
		in = 1;
	}
	/* The form of the date replaced, or of the publication date when it is
	 * no date at all. */
	date_like(date, day, strpbrk(v->u.scalar.s, "/-") ? v : like);
	add_edit(f, from + in, to - in, date, strlen(date), rule, v->pos.line, v->pos.col,
	         "dates.effective %.*s -> %s", (int)(to - from), s, date);
}

/* Where the line holding byte `at` ends, before its line break; the
 * offset after the break into *next (the text's end when it has none). */
static size_t line_end(const dr_fix *f, size_t at, size_t *next)
{
	const unsigned char *s = (const unsigned char *)f->buf;
	size_t b = 0;
	while (at < f->len && !(b = dr_text_break(s, f->len, at)))
		at++;
	*next = at < f->len ? at + b : at;
	return at;
}

/* The first line break of the text, for a line added to a file whose last
 * line has none: "\n" when it has none at all. */
static const char *first_break(const dr_fix *f)
{
	size_t next, at = line_end(f, f->text.skip, &next);
	return next - at == 2 ? "\r\n" : next - at == 1 && f->buf[at] == '\r' ? "\r" : "\n";
}

/* missing-field for dates.effective: the date the call-in period gives,
 * after the `effective:` key when it has no value, else on a line of its
 * own after the published date, indented as that line. */
static void add_effective(dr_fix *f, const dr_record *r)
{
	int32_t day;
	char date[24], line[160];
	const dr_node *pk = r->key[F_DATES_PUBLISHED], *pv = r->raw[F_DATES_PUBLISHED];
	const dr_node *k = r->key[F_DATES_EFFECTIVE], *v = r->raw[F_DATES_EFFECTIVE];
	const dr_node *dates = r->raw[F_DATES];
	size_t from, to, next;
	if (effective(f, r, &day) || !pk || !pv || !dates || dates->type != DR_MAP)
		return;
	date_like(date, day, pv);
	if (k && v && v->type == DR_SCALAR && v->u.scalar.len) {
		/* `effective: ~` or `effective: null` */
		if (span_of(f, v, &from, &to))
			return;
		add_edit(f, from, to, date, strlen(date), DR_RULE_MISSING_FIELD, v->pos.line,
		         v->pos.col, "dates.effective %.*s -> %s", (int)(to - from), f->buf + from,
		         date);
		return;
	}
	if (k && v) {
		/* `effective:` with nothing after the colon (but blanks or a
		 * comment): the date goes after the colon. */
		if (span_of(f, k, &from, &to))
			return;
		while (to < f->len && (f->buf[to] == ' ' || f->buf[to] == '\t'))
			to++;
		if (to >= f->len || f->buf[to] != ':')
			return;
		/* Only blanks or a comment may follow: `effective: *p` is an
		 * alias, not an empty value, and is left alone. */
		size_t after = to + 1;
		while (after < f->len && (f->buf[after] == ' ' || f->buf[after] == '\t'))
			after++;
		if (after < f->len && !strchr("#\r\n", f->buf[after]))
			return;
		int n = snprintf(line, sizeof(line), " %s", date);
		add_edit(f, to + 1, to + 1, line, (size_t)n, DR_RULE_MISSING_FIELD, k->pos.line,
		         k->pos.col, "added dates.effective: %s", date);
		return;
	}
	/* A new line after the published date's, with its indentation, in a
	 * block mapping ({...} starts at its brace) indented with spaces. */
	size_t key_at, indent_at, map_at;
	if (offset_of(f, pk->pos.line, 1, &indent_at) ||
	    offset_of(f, pk->pos.line, pk->pos.col, &key_at) || span_of(f, pv, &from, &to) ||
	    offset_of(f, dates->pos.line, dates->pos.col, &map_at) || map_at >= f->len ||
	    f->buf[map_at] == '{')
		return;
	size_t indent = key_at - indent_at;
	if (indent >= 64 || strspn(f->buf + indent_at, " ") < indent)
		return;
	size_t end = line_end(f, to, &next), n;
	if (next == end) /* the last line, with no break: the break goes first */
		n = (size_t)snprintf(line, sizeof(line), "%s%.*seffective: %s", first_break(f),
		                     (int)indent, f->buf + indent_at, date);
	else
		n = (size_t)snprintf(line, sizeof(line), "%.*seffective: %s%.*s", (int)indent,
		                     f->buf + indent_at, date, (int)(next - end), f->buf + end);
	add_edit(f, next, next, line, n, DR_RULE_MISSING_FIELD, pv->pos.end_line + 1,
	         (uint32_t)indent + 1, "added dates.effective: %s", date);
}

/* wrong-type for a quoted yes/no: the word without its quotes, as written. */
static void unquote(dr_fix *f, const dr_node *v, const char *ptr)
{
	size_t from, to;
	char field[256];
	if (!v || v->type != DR_SCALAR || !v->quoted || span_of(f, v, &from, &to))
		return;
	const char *s = f->buf + from;
	/* "Yes" or 'no' exactly, with no escape inside. */
	if ((*s != '"' && *s != '\'') || to - from != v->u.scalar.len + 2 ||
	    s[to - from - 1] != *s || memcmp(s + 1, v->u.scalar.s, v->u.scalar.len))
		return;
	add_edit(f, from, to, v->u.scalar.s, v->u.scalar.len, DR_RULE_WRONG_TYPE, v->pos.line,
	         v->pos.col, "%s %.*s -> %s", field_name(ptr, field, sizeof(field)),
	         (int)(to - from), s, v->u.scalar.s);
}

/* Appends text t[0..n) to b, quoted as YAML reads it back: in single
 * quotes when it holds a '"' or '\' and no line break (only ' is doubled
 * there), else in double quotes with '"', '\' and line breaks escaped. */
static int quote(dr_buf *b, const char *t, size_t n)
{
	int single = (memchr(t, '"', n) || memchr(t, '\\', n)) && !memchr(t, '\n', n);
	char q = single ? '\'' : '"';
	dr_buf_putc(b, q);
	for (size_t i = 0; i < n; i++) {
		if (single && t[i] == '\'')
			dr_buf_putc(b, '\'');
		else if (!single && (t[i] == '"' || t[i] == '\\'))
			dr_buf_putc(b, '\\');
		if (!single && t[i] == '\n')
			dr_buf_puts(b, "\\n");
		else
			dr_buf_putc(b, t[i]);
	}
	dr_buf_putc(b, q);
	return b->failed ? -1 : 0;
}

/* inline-comment: the value, the blanks and the comment after it, quoted
 * as one text in place of all three. */
static void keep_comment(dr_fix *f, const dr_node *v, const char *ptr)
{
	size_t from, to, hash;
	char field[256];
	if (!v || v->type != DR_SCALAR || v->quoted || !v->comment || span_of(f, v, &from, &to) ||
	    offset_of(f, v->pos.end_line, v->comment->col, &hash) || hash < to)
		return;
	size_t end = hash + strlen(v->comment->text);
	dr_buf b;
	dr_buf_init(&b, (size_t)DR_MAX_SCALAR * 2 + 16);
	dr_buf_add(&b, v->u.scalar.s, v->u.scalar.len);
	dr_buf_add(&b, f->buf + to, end - to);
	dr_buf q;
	dr_buf_init(&q, (size_t)DR_MAX_SCALAR * 4 + 16);
	if (b.failed || quote(&q, b.p, b.len)) {
		f->failed = 1;
	} else {
		add_edit(f, from, end, q.p, q.len, DR_RULE_INLINE_COMMENT, v->pos.line, v->pos.col,
		         "%s quoted to keep the text after '#': %.*s",
		         field_name(ptr, field, sizeof(field)), q.len > 200 ? 200 : (int)q.len,
		         q.p);
	}
	dr_buf_free(&b);
	dr_buf_free(&q);
}

/* The checker's record hook: an edit for each finding of the record that
 * has a computed repair. */
/* Keeps finding g, of a rule fix repairs, that got no edit: said, so that
 * a file fix leaves wrong is never taken for a fixed one. */
static void leave(dr_fix *f, const dr_diag *g)
{
	if (dr_grow(&f->left, &f->capleft, f->nleft + 1, sizeof(*f->left))) {
		f->failed = 1;
		return;
	}
	dr_diag *d = &f->left[f->nleft];
	*d = *g;
	d->message = dr_arena_strndup(f->a, g->message, strlen(g->message));
	d->field = dr_arena_strndup(f->a, g->field, strlen(g->field));
	d->expected = g->expected ? dr_arena_strndup(f->a, g->expected, strlen(g->expected)) : NULL;
	if (!d->message || !d->field || (g->expected && !d->expected)) {
		f->failed = 1;
		return;
	}
	f->nleft++;
}

static void on_record(void *ctx, const dr_record *r, const dr_diag *found, size_t n, dr_arena *a)
{
	dr_fix *f = ctx;
	int32_t day;
	(void)a;
	for (size_t i = 0; i < n; i++) {
		const dr_diag *g = &found[i];
		int eff = !strcmp(g->field, "/dates/effective");
		size_t before = f->n;
		int repairable = 1;
		switch (g->rule) {
		case DR_RULE_CALL_IN_WINDOW:
			repairable = eff;
			if (eff && g->expected &&
			    !dr_date_parse(&day, g->expected, strlen(g->expected)))
				replace_date(f, r, day, g->rule);
			break;
		case DR_RULE_BAD_DATE:
			repairable = eff;
			if (eff && !effective(f, r, &day))
				replace_date(f, r, day, g->rule);
			break;
		case DR_RULE_MISSING_FIELD:
			repairable = eff;
			if (eff)
				add_effective(f, r);
			break;
		case DR_RULE_WRONG_TYPE:
			repairable = g->expected &&
			             (!strcmp(g->expected, "yes") || !strcmp(g->expected, "no"));
			if (repairable)
				unquote(f, at_pointer(r->root, g->field), g->field);
			break;
		case DR_RULE_INLINE_COMMENT:
			keep_comment(f, at_pointer(r->root, g->field), g->field);
			break;
		default:
			repairable = 0;
		}
		if (repairable && f->n == before && !f->failed)
			leave(f, g);
	}
}

static int by_offset(const void *pa, const void *pb)
{
	const dr_fix_edit *x = pa, *y = pb;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Sorts the edits, drops any that meets the one before (one repair per
 * place), and writes the fixed text. */
static int apply(dr_fix *f)
{
	size_t k = 0, at = 0;
	if (f->n > 1)
		qsort(f->edits, f->n, sizeof(*f->edits), by_offset);
	for (size_t i = 0; i < f->n; i++) {
		const dr_fix_edit *e = &f->edits[i], *last = k ? &f->edits[k - 1] : NULL;
		if (last && (e->offset < last->offset + last->length || e->offset == last->offset))
			continue;
		f->edits[k++] = *e;
	}
	f->n = k;
	dr_buf b;
	dr_buf_init(&b, SIZE_MAX);
	for (size_t i = 0; i < f->n; i++) {
		const dr_fix_edit *e = &f->edits[i];
		dr_buf_add(&b, f->buf + at, e->offset - at);
		dr_buf_add(&b, e->text, e->text_len);
		at = e->offset + e->length;
	}
	dr_buf_add(&b, f->buf + at, f->len - at);
	if (b.failed) {
		dr_buf_free(&b);
		return DR_ENOMEM;
	}
	f->out = dr_buf_take(&b, &f->outlen);
	return f->out ? 0 : DR_ENOMEM;
}

int dr_fix_buffer(dr_fix **out, const dr_config *cfg, const dr_check_options *opt, const char *name,
                  const char *path, const char *buf, size_t len)
{
	*out = NULL;
	if (!cfg || !name || (!buf && len))
		return DR_EINVAL;
	if (!buf)
		buf = "";
	dr_fix *f = calloc(1, sizeof(*f));
	dr_checker *c = NULL;
	int rc = DR_ENOMEM;
	if (!f || !(f->a = dr_arena_new(SIZE_MAX)))
		goto out;
	f->cfg = cfg;
	f->buf = buf;
	f->len = len;
	dr_check_options o = opt ? *opt : (dr_check_options)DR_CHECK_OPTIONS_INIT;
	o.quote = o.spans = 0;
	if (len <= DR_MAX_FILE_SIZE) {
		dr_text_scan(&f->text, buf, len); /* the check says what is wrong with it */
		/* Every line indexed now: finding a node's bytes later cannot run
		 * out of memory, which would leave a repair undone unsaid. */
		if (!dr_text_count(&f->text))
			goto out;
	}
	if (!(c = dr_checker_new(cfg, &o)))
		goto out;
	dr_checker_on_record(c, on_record, f);
	rc = dr_checker_check(&f->file, c, name, path, buf, len);
	if (rc)
		goto out;
	rc = DR_ENOMEM;
	if (f->failed)
		goto out;
	size_t nd;
	const dr_diag *d = dr_file_diags(f->file, &nd);
	for (size_t i = 0; i < nd; i++) {
		int r = d[i].rule;
		if (!f->problem &&
		    (r == DR_RULE_YAML_SYNTAX || r == DR_RULE_ENCODING || r == DR_RULE_TOO_LARGE))
			f->problem = &d[i];
		if (r == DR_RULE_FILE_NAME && d[i].expected)
			f->rename = &d[i];
	}
	if (f->problem) /* a file read only in part is left as it is */
		f->n = 0, f->rename = NULL;
	rc = apply(f);
out:
	dr_checker_free(c);
	if (f) {
		dr_text_free(&f->text);
		f->buf = NULL;
	}
	if (rc) {
		dr_fix_free(f);
		return rc;
	}
	*out = f;
	return 0;
}

void dr_fix_free(dr_fix *f)
{
	if (!f)
		return;
	dr_file_free(f->file);
	dr_arena_free(f->a);
	free(f->edits);
	free(f->left);
	free(f->out);
	free(f);
}

const dr_fix_edit *dr_fix_edits(const dr_fix *f, size_t *count)
{
	*count = f->n;
	return f->edits;
}

const char *dr_fix_text(const dr_fix *f, size_t *len)
{
	*len = f->outlen;
	return f->out;
}

const dr_diag *dr_fix_problem(const dr_fix *f)
{
	return f->problem;
}

const dr_diag *dr_fix_left(const dr_fix *f, size_t *count)
{
	*count = f->nleft;
	return f->left;
}

const dr_diag *dr_fix_rename(const dr_fix *f)
{
	return f->rename;
}
